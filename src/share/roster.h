#ifndef MH_SHARE_ROSTER_H
#define MH_SHARE_ROSTER_H
/*
 * Matching the roster's employees against peer hashes: each employee's
 * canonical artifacts (vet/employee.h) through mh_share_match(). A value
 * more than common_max employees hold (an office address, a switchboard
 * number, "N/A" that normalised) is common here and never matched: it
 * says nothing about one person, whatever a peer flagged.
 *
 * Ownership: everything passed to the callback is borrowed for the call.
 */
#include <stddef.h>
#include <stdint.h>

#include "ingest/roster.h"
#include "share/match.h"
#include "vet/employee.h"

struct mh_config;

/* Called for each employee with at least one hit; hits strongest first;
 * bit k of a hit's arts is ea->v[k]. */
typedef void (*mh_share_emp_fn)(void *arg, uint32_t r, const struct mh_vet_emp_arts *ea,
                                const struct mh_share_hit *hits, size_t n);

/* Returns the number of employees with a hit. */
size_t mh_share_match_roster(const struct mh_share_set *s, const struct mh_config *cfg,
                             const struct mh_roster *roster, uint32_t common_max,
                             mh_share_emp_fn cb, void *arg);

#endif
