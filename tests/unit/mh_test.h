#ifndef MH_TEST_H
#define MH_TEST_H
/* Common includes and helpers for cmocka unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/event.h"
#include "ingest/roster.h"
#include "util/xalloc.h"

static inline struct mh_str mh_test_str(const char *s)
{
	struct mh_str r = {s, s ? strlen(s) : 0};

	return r;
}

/* Append one roster entry built from the given fields; aliases ';'-separated. */
static inline struct mh_roster_entry *mh_test_person(struct mh_roster *r, const char *id,
                                                     const char *email, const char *aliases,
                                                     const char *serial)
{
	struct mh_roster_entry *e;
	size_t cap = r->n;

	r->v = mh_grow(r->v, &cap, r->n + 1, sizeof(*r->v));
	e = &r->v[r->n++];
	memset(e, 0, sizeof(*e));
	e->employee_id = mh_strdup(id);
	e->email = mh_strdup(email);
	e->hire_day = e->notice_day = e->termination_day = MH_DAY_NONE;
	if (serial)
		e->laptop_serial = mh_strdup(serial);
	while (aliases && *aliases && e->naliases < MH_ROSTER_MAX_ALIASES) {
		const char *semi = strchr(aliases, ';');
		size_t n = semi ? (size_t)(semi - aliases) : strlen(aliases);

		e->aliases[e->naliases++] = mh_strndup(aliases, n);
		aliases += n + (semi ? 1 : 0);
	}
	return e;
}

#endif
