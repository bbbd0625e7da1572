#ifndef MH_DET_UTIL_H
#define MH_DET_UTIL_H
/*
 * Small helpers the endpoint, hours and exfil detectors share: the roster
 * entry behind a state person, role matching on department and title, dates
 * for summaries. Everything here borrows; nothing allocates.
 */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "core/state.h"
#include "ingest/roster.h"

#define MH_MS_PER_DAY 86400000LL

/* The roster entry of state person p, or NULL for an unresolved person. */
const struct mh_roster_entry *mh_det_entry(const struct mh_state *st, uint32_t p);

/* Department and title words of shift roles (NOC, support desks, night
 * operations), NULL-terminated: hours.offset and farm.shared_mfa's default. */
extern const char *const mh_det_shift_roles[];

/* Does the entry's department or title contain any of the words (ASCII case
 * ignored)? words come from the config list key when it is set, else from
 * the NULL-terminated defaults. */
int mh_det_role_is(const struct mh_roster_entry *e, const struct mh_config *cfg, const char *key,
                   const char *const *defaults);

/* "2024-03-01" for a day number; buf holds at least 11 bytes. */
void mh_det_day_str(int32_t day, char *buf, size_t cap);

/* Days since hire at day (INT32_MAX when the hire day is unknown). */
int32_t mh_det_tenure(const struct mh_roster_entry *e, int32_t day);

struct mh_findings;
struct mh_finding;
struct mh_event;

/* Upsert the event finding (id, person, key); a new one gets points. */
struct mh_finding *mh_det_event_finding(struct mh_findings *out, const char *id, uint32_t person,
                                        const char *key, const struct mh_event *ev, double points,
                                        int *isnew);

/* Should ev add evidence to fd? Yes for the first sighting of each UTC day
 * while there is room. */
int mh_det_want_evidence(const struct mh_finding *fd, const struct mh_event *ev);

#endif
