#ifndef MH_ALERTS_H
#define MH_ALERTS_H
/*
 * Alerts leave as ECS-shaped JSON Lines (`scan --alerts FILE`, appended): one
 * line per finding that is new since the previous scan or seen more often
 * than then, with event.kind "alert", rule.id = detector, the person as
 * user.*, the ATT&CK technique as threat.technique.id, the person's score as
 * event.risk_score, and the evidence (source path, line, text) under
 * molehunt.evidence. docs/ALERTS.md shows an example.
 */
#include <stddef.h>

#include "core/finding.h"
#include "core/state.h"
#include "risk/score.h"
#include "util/err.h"

struct mh_store;
struct mh_strmap;

/* prev: stored finding counts before this scan (mh_store_finding_counts).
 * *written receives the number of alert lines. */
int mh_alerts_write(const char *path, struct mh_store *store, const struct mh_state *st,
                    const struct mh_findings *f, const struct mh_strmap *prev,
                    const struct mh_score *scores, size_t *written, struct mh_err *err);

#endif
