#ifndef MH_DETECTOR_H
#define MH_DETECTOR_H
/*
 * One finding source per file (src/detect/<family>_<name>.c), one line in
 * src/detect/registry.c. A detector never parses input, never touches SQLite
 * and never prints: it reads events and the aggregated state and writes
 * findings.
 *
 * Threads: the scan keeps one context per scanning thread (init is called
 * once per thread); on_event sees that thread's events only, in file order.
 * After ingest, contexts are folded into the first with merge, then finish
 * runs once over the merged state for cross-person and aggregate analysis.
 *
 * Events are borrowed: read *ev only inside on_event and copy, bounded,
 * whatever you keep.
 */
#include <stdint.h>

#include "core/event.h"
#include "core/finding.h"
#include "core/state.h"
#include "config/config.h"
#include "util/err.h"

struct mh_config;
struct mh_intel;
struct mh_share_set;

/* Everything finish() may read. */
struct mh_world {
	const struct mh_state *st;
	const struct mh_roster *roster;
	const struct mh_config *cfg;
	const struct mh_intel *intel;
	const struct mh_share_set *share; /* peer hashes (share/match.h), or NULL */
	int64_t now_ms;                   /* the data's clock: latest event time */
};

struct mh_detector {
	const char *id;        /* "endpoint.kvm": config key, finding tag, docs name */
	const char *family;    /* identity, signin, farm, endpoint, hours, exfil, access */
	const char *summary;   /* one line for `molehunt detectors` */
	const char *technique; /* ATT&CK technique id, or NULL */
	double points;         /* default points per finding */
	double cap;            /* default cap on this detector's contribution */
	/* Settings beyond enabled/points/cap, {NULL}-terminated (may be NULL);
	 * read with mh_config_dnum(cfg, id, name, default). */
	const struct mh_param *params;
	int (*init)(void **ctx, const struct mh_config *cfg, struct mh_err *err);
	void (*on_event)(void *ctx, const struct mh_event *ev, struct mh_state *st, uint32_t person,
	                 struct mh_findings *out);
	void (*merge)(void *into, void *from);
	void (*finish)(void *ctx, const struct mh_world *w, struct mh_findings *out);
	void (*free)(void *ctx);
};

/* NULL-terminated list of every detector (src/detect/registry.c). */
extern const struct mh_detector *const mh_detectors[];

const struct mh_detector *mh_detector_find(const char *id);

/* The points a finding of d is worth: detectors.<id>.points, else d->points. */
double mh_detector_points(const struct mh_detector *d, const struct mh_config *cfg);

#endif
