#ifndef MH_HTTP_INGEST_H
#define MH_HTTP_INGEST_H
/*
 * The ingest worker of `serve`: one thread that runs engine/scan.c's mh_scan
 * over
 *   - spool files, one per POST /api/ingest body, written to the spool
 *     directory (temporary name, fsync, rename) before the POST is answered,
 *     so an accepted body survives a crash and is scanned at the next start;
 *   - the files given on the command line ("tailed"), whenever one changed
 *     size or modification time. A re-scan resumes at the file's checkpoint,
 *     so only what was appended is read.
 * Alerts of these scans go to the sinks in the scan options (alert/alert.h);
 * what a sink did not take waits in the store's outbox and is offered again
 * by the next scan, or after ALERT_RETRY_POLLS idle polls (ingest.c).
 * A spool file is deleted once a scan has read it; one that no decoder
 * could read is renamed "failed-..." and reported in the status. Only one
 * scan writes people, findings and scores at a time: this thread's, or one
 * another source (the Kafka consumer, src/kafka/) runs through
 * mh_ingester_scan(), under the same lock; the handlers read them.
 *
 * Ownership: the worker copies the spool path; the scan options' strings are
 * borrowed from the server options and must outlive it.
 */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/scan.h"
#include "http/http.h"
#include "util/err.h"

#define MH_SPOOL_PENDING_MAX 1024 /* bodies waiting for a scan */

struct mh_ingester;

struct mh_ingester *mh_ingester_start(const struct mh_serve_opts *o, struct mh_err *err);
void mh_ingester_stop(struct mh_ingester *g);

/* Spool one body (n bytes of log records) and wake the worker. *ticket
 * identifies the scan that will include it. Fails when the spool is full. */
int mh_ingester_submit(struct mh_ingester *g, const char *body, size_t n, uint64_t *ticket,
                       struct mh_err *err);
/* Wait up to timeout_ms for the scan of ticket; 0 when it finished, -1 on
 * time out. At most one caller waits at a time (-1 at once otherwise). */
int mh_ingester_wait(struct mh_ingester *g, uint64_t ticket, unsigned timeout_ms);

/* Run one scan in the calling thread with the worker's settings (store,
 * roster, intel, config), serialised with the worker's own scans. The caller
 * sets the inputs, names, flags and hooks of *o; every other field is the
 * worker's. Returns what mh_scan() returns; r as there. */
int mh_ingester_scan(struct mh_ingester *g, const struct mh_scan_opts *o, struct mh_scan_report *r,
                     struct mh_err *err);

/* The spool directory (exists while the ingester runs). */
const char *mh_ingester_spool(const struct mh_ingester *g);

/* Counters and the last scan's outcome, as JSON. */
cJSON *mh_ingester_status(struct mh_ingester *g);

#endif
