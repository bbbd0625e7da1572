/*
 * Fuzz the persons.days BLOB decoder (mh_store_days_unpack, versions 1 and
 * 2) and the packed day records it feeds. Invariants: a BLOB that decodes
 * folds into a state without fault; the state's days come back sorted, at
 * most MH_MAX_DAYS of them, with every movement record on a kept day.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/state.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_day *days, d;
	struct mh_day_iter it;
	struct mh_state st;
	size_t n, i;
	int64_t prev = INT64_MIN;
	uint32_t p;

	if (mh_store_days_unpack(data, size, &days, &n))
		return 0;
	mh_state_init(&st, NULL);
	p = mh_state_person(&st, MH_NOBODY, "fuzz");
	for (i = 0; i < n; i++)
		mh_state_add_day(&st, p, &days[i]);
	if (st.ps[p].ndays > MH_MAX_DAYS || st.ps[p].nmdays > st.ps[p].ndays)
		abort();
	for (mh_days_begin(&it, &st.ps[p]); mh_days_next(&it, &d);) {
		if (d.day <= prev || d.hours >> 24)
			abort();
		prev = d.day;
	}
	for (i = 0; i < st.ps[p].nmdays; i++)
		if (st.ps[p].mdays[i].day < st.ps[p].days[0].day)
			abort();
	mh_state_trim(&st);
	mh_state_release(&st);
	free(days);
	return 0;
}
