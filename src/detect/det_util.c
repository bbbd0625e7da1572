#include "detect/det_util.h"

#include <stdio.h>
#include <string.h>

#include "core/finding.h"
#include "util/tz.h"

const struct mh_roster_entry *mh_det_entry(const struct mh_state *st, uint32_t p)
{
	const struct mh_roster *r = st->people ? st->people->roster : NULL;
	uint32_t idx = p < st->n ? st->ps[p].roster : MH_NOBODY;

	return r && idx != MH_NOBODY && idx < r->n ? &r->v[idx] : NULL;
}

static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	return s && n && strcasestr(s, w) != NULL;
}

const char *const mh_det_shift_roles[] = {
    "night",        "noc",        "shift", "customer support", "technical support",
    "support team", "operations", NULL,
};

int mh_det_role_is(const struct mh_roster_entry *e, const struct mh_config *cfg, const char *key,
                   const char *const *defaults)
{
	const char *const *items;
	size_t n = mh_config_list(cfg, key, &items), i;

	if (!e)
		return 0;
	if (!n) {
		items = defaults;
		for (n = 0; defaults[n]; n++)
			;
	}
	for (i = 0; i < n; i++)
		if (has_word(e->department, items[i]) || has_word(e->title, items[i]))
			return 1;
	return 0;
}

void mh_det_day_str(int32_t day, char *buf, size_t cap)
{
	int64_t y;
	unsigned m, d;

	mh_tz_civil_from_days(day, &y, &m, &d);
	snprintf(buf, cap, "%04lld-%02u-%02u", (long long)y, m, d);
}

int32_t mh_det_tenure(const struct mh_roster_entry *e, int32_t day)
{
	if (!e || e->hire_day == MH_DAY_NONE)
		return INT32_MAX;
	return day - e->hire_day;
}

struct mh_finding *mh_det_event_finding(struct mh_findings *out, const char *id, uint32_t person,
                                        const char *key, const struct mh_event *ev, double points,
                                        int *isnew)
{
	struct mh_finding *fd =
	    mh_findings_upsert(out, id, person, key, MH_ORIGIN_EVENT, ev->ts_ms, isnew);

	if (*isnew)
		fd->points = points;
	return fd;
}

int mh_det_want_evidence(const struct mh_finding *fd, const struct mh_event *ev)
{
	return fd->nev < MH_EVIDENCE_MAX &&
	       (!fd->nev || mh_day_of(fd->ev[fd->nev - 1].ts_ms) != mh_day_of(ev->ts_ms));
}
