#ifndef MH_ALERT_RECORD_H
#define MH_ALERT_RECORD_H
/*
 * The alert model: one ECS-shaped JSON object per finding that is new since
 * the previous scan or seen more often than then. Every sink (jsonl.c,
 * syslog.c, webhook.c) sends these same objects; docs/ALERTS.md shows one.
 *
 *   event.kind "alert", event.id (stable: the same finding at the same count
 *   always has the same id, so a receiver can drop a redelivered copy),
 *   event.severity = the finding's points, event.risk_score = the person's
 *   score; rule.id = detector; the person as user.*; the ATT&CK technique as
 *   threat.technique.id; molehunt.level ("critical" when the person's score
 *   reaches risk.flagged_threshold, "warning" at alert.threshold, else
 *   "notice"); the evidence (source path, line, text) under
 *   molehunt.evidence.
 *
 * Ownership: mh_alert_record returns a cJSON tree the caller deletes; texts
 * handed to the emit callback are valid only during the call. A view
 * borrows its strings from the cJSON tree it was read from.
 */
#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/finding.h"
#include "core/state.h"
#include "risk/score.h"
#include "util/err.h"

struct mh_store;
struct mh_strmap;

struct mh_alert_ctx {
	struct mh_store *store; /* source paths of the evidence */
	const struct mh_state *st;
	double warn_score;     /* alert.threshold */
	double critical_score; /* risk.flagged_threshold */
};

cJSON *mh_alert_record(const struct mh_alert_ctx *c, const struct mh_finding *fd,
                       const struct mh_score *sc);

/* emit(arg, text) for every finding of f that is not in prev (stored counts
 * before this scan, mh_store_finding_counts) at the same count, in f's
 * order. Stops at the first emit that fails; *n receives how many were
 * emitted. */
int mh_alert_each(const struct mh_alert_ctx *c, const struct mh_findings *f,
                  const struct mh_strmap *prev, const struct mh_score *scores,
                  int (*emit)(void *arg, const char *text, struct mh_err *err), void *arg,
                  size_t *n, struct mh_err *err);

/* The fields sinks put beside the JSON (syslog structured data). */
struct mh_alert_view {
	const char *id, *detector, *person, *level, *technique; /* "" when absent */
	double score, points;
	int has_evidence;
};
void mh_alert_view(const cJSON *a, struct mh_alert_view *v);
/* The same alert without its evidence texts (for sinks with small messages);
 * a new tree the caller deletes, with molehunt.evidence_omitted set. */
cJSON *mh_alert_compact(const cJSON *a);

#endif
