#ifndef MH_SCAN_H
#define MH_SCAN_H
/*
 * The scan: inputs -> events -> people's aggregates and findings -> store ->
 * scores. Used by `molehunt scan` (and later by `serve` for ingest).
 *
 *   1. open the store; load the roster (given, or the one an earlier scan
 *      stored) and build name resolution; load intel and geo databases;
 *   2. load the stored state (people, days, artifacts) and event findings;
 *   3. for each input: find its checkpoint by content (the hash of its first
 *      line, then the hash of the whole consumed prefix) and resume after
 *      it, so re-scanning the same input adds nothing; decode on up to
 *      `threads` threads, each folding events into its own delta state and
 *      detector contexts;
 *   4. merge the deltas into the full state, run every detector's finish,
 *      score everyone, and write it all in one transaction, with the alerts
 *      for new or changed findings in the store's outbox;
 *   5. after the commit, hand the outbox to the alert sinks (alert/alert.h):
 *      a sink that fails is reported, never fails the scan, and gets the
 *      alerts again at the next scan.
 *
 * Fresh inputs (serve's Kafka batches) skip step 3's checkpoint lookup: each
 * is read whole, continues the source of its name (lines numbered on), and
 * may mix formats and garbage (ingest's sniff_each). Hooks let the caller
 * name rejected records its own way and write its own rows inside the
 * transaction before it commits (the Kafka offsets).
 *
 * Ownership: the report owns its per-input array (mh_scan_report_release).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "alert/alert.h"
#include "core/event.h"
#include "core/state.h"
#include "util/err.h"

struct mh_store;
struct mh_scan_report;

struct mh_scan_opts {
	const char *db;
	const char *roster;         /* NULL: the roster an earlier scan stored, if any */
	const char *config;         /* YAML settings (docs/CONFIG.md); NULL = defaults */
	struct mh_alert_opts alert; /* sinks beyond the config's alert.* (alert/alert.h) */
	const char *share_key;      /* consortium key file (docs/SHARE.md); NULL = share.key_file */
	const char *const *intel;   /* none given: the paths an earlier scan remembered */
	size_t nintel;
	int forget_intel; /* drop the remembered intel and MaxMind paths */
	const char *const *mmdb;
	size_t nmmdb;
	const char *const *inputs;
	size_t ninputs;
	unsigned threads;         /* 0 = one per online CPU */
	const char *format;       /* force a decoder, NULL = detect */
	unsigned max_reject_msgs; /* per input; further rejects are only counted */
	FILE *log;                /* reject messages and warnings; NULL = stderr */
	int progress;             /* draw a progress bar when stderr is a terminal */
	/* For inputs that are another source's batches (serve's Kafka consumer): */
	const char *const *names; /* source names of the inputs; NULL = their paths */
	int fresh;                /* each input is new content continuing the source of its name:
	                           * read whole, no checkpoint lookup; any records, any formats */
	int durable;              /* fsync the commit (synchronous=FULL), not just order it */
	void *hook_arg;           /* for the three hooks below, each may be NULL */
	/* Names the place of a rejected record: input index, line within what this
	 * scan read of it (1-based). Default "path:line". */
	void (*locate)(void *arg, size_t input, uint64_t line, char *buf, size_t cap);
	/* Told of every rejected record, serialised, after the log line. */
	void (*on_reject)(void *arg, size_t input, const char *where, const char *why);
	/* Runs in the scan's transaction after the state is written, before the
	 * commit; -1 rolls the whole scan back. */
	int (*before_commit)(void *arg, struct mh_store *store, const struct mh_scan_report *r,
	                     struct mh_err *err);
};

struct mh_scan_input {
	char path[1024];
	char format[32];
	const char *status; /* "new", "resumed", "unchanged", "failed" */
	uint64_t bytes, records, events, skipped, rejected;
	double seconds;
	char error[512];
};

struct mh_scan_report {
	struct mh_scan_input *in;
	size_t nin;
	uint64_t bytes, records, events, skipped, rejected, unattributed;
	uint64_t per_source[MH_SRC__COUNT];
	size_t persons, roster_persons, unresolved;
	uint64_t roster_rejected;
	uint64_t unresolved_events;
	size_t findings;
	struct mh_alert_report alert; /* alerts staged and delivered */
	size_t state_bytes;           /* the state kept across the scan, all people */
	struct mh_state_size state;   /* ... by part */
	size_t scan_state_bytes;      /* the threads' merged aggregates of this scan */
	size_t intel_indicators;
	size_t intel_sources;
	int intel_remembered, mmdb_remembered; /* paths came from the store */
	size_t failed;
	double seconds;
	int committed; /* the store transaction committed (even when an input failed) */
};

/* Returns 0 when every input was read (some lines may have been rejected),
 * -1 with err set when the scan could not run or an input failed. */
int mh_scan(const struct mh_scan_opts *o, struct mh_scan_report *r, struct mh_err *err);
/* Deliver what waits in the outbox of the store o->db to o's sinks, without
 * scanning (serve retries this while idle). -1 when the store or the sinks
 * could not be opened; delivery failures only go to r. */
int mh_scan_alerts_retry(const struct mh_scan_opts *o, struct mh_alert_report *r,
                         struct mh_err *err);
void mh_scan_report_print(FILE *f, const struct mh_scan_report *r);
void mh_scan_report_release(struct mh_scan_report *r);

#endif
