/* Fuzz the roster CSV parser: any bytes either load (rows kept or rejected,
 * counted) or fail with a message; kept entries satisfy the contract. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/roster.h"

static size_t rejects;

static void on_reject(void *arg, const char *where, const char *why)
{
	(void)arg;
	if (!where[0] || !why[0])
		abort();
	rejects++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_roster r;
	struct mh_err err = {0};

	memset(&r, 0, sizeof(r));
	rejects = 0;
	if (mh_roster_parse_mem(&r, "fuzz.csv", (const char *)data, size, on_reject, NULL, &err) !=
	        0 &&
	    err.msg[0] == '\0')
		abort();
	if (rejects != r.rejected)
		abort();
	for (size_t i = 0; i < r.n; i++)
		if (!r.v[i].employee_id[0] || !r.v[i].email[0] || !r.v[i].timezone ||
		    r.v[i].naliases > MH_ROSTER_MAX_ALIASES)
			abort();
	mh_roster_free(&r);
	mh_roster_sniff((const char *)data, size);
	return 0;
}
