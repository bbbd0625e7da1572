#ifndef MH_PEOPLE_H
#define MH_PEOPLE_H
/*
 * Who is who. Every roster entry is a person whose id is its roster index.
 * Every user name a source writes resolves to one of them, case-insensitively,
 * through (in this order) the full name as written (e-mail, UPN, alias), the
 * part after a "DOMAIN\" prefix, and the local part of an e-mail or UPN when
 * exactly one roster person has that local part or alias. Events without a
 * user, or with a machine account (SYSTEM, root, LOCAL SERVICE ...), resolve
 * through their host: the roster's laptop_serial and aliases name devices too.
 *
 * An alias that two roster rows both claim resolves to nobody (it is reported
 * once at build time) rather than to whichever came first.
 *
 * Ownership: struct mh_people borrows the roster (which must outlive it) and
 * owns its maps. After mh_people_build() it is read-only and thread-safe.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "ingest/roster.h"

#define MH_NAME_MAX 256 /* longest user or host name kept; longer ones are cut */
#define MH_NOBODY   UINT32_MAX

struct mh_strmap;

struct mh_people {
	const struct mh_roster *roster;
	struct mh_strmap *names;  /* normalised name -> roster index or MH_NOBODY (ambiguous) */
	struct mh_strmap *locals; /* e-mail local part -> roster index or MH_NOBODY */
	struct mh_strmap *hosts;  /* device name / serial -> roster index or MH_NOBODY */
	size_t ambiguous;
};

/* warn (may be NULL) receives one message per ambiguous alias. */
void mh_people_build(struct mh_people *pp, const struct mh_roster *r,
                     void (*warn)(void *arg, const char *msg), void *arg);
void mh_people_release(struct mh_people *pp);

/* Lower-case, trim spaces and quotes; at most cap-1 bytes; NUL-terminated. */
size_t mh_name_norm(const char *s, size_t n, char *dst, size_t cap);

/* Is this a machine or service account rather than a person? */
int mh_name_is_machine(const char *norm, size_t n);

/*
 * Resolve an event's user (and host, for machine accounts and user-less
 * events) to a roster index. Returns the index, or MH_NOBODY with the
 * normalised name to keep the event under in key (cap bytes): the user name,
 * or "host:NAME" when only a host is known, or "" when there is neither.
 */
uint32_t mh_people_resolve(const struct mh_people *pp, struct mh_str user, struct mh_str host,
                           char *key, size_t cap);

#endif
