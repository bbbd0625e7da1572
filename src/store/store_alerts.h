#ifndef MH_STORE_ALERTS_H
#define MH_STORE_ALERTS_H
/*
 * The alert outbox (table alert_outbox, store/schema_alerts.c): one row per
 * alert per sink that has not taken it yet. A scan adds rows inside its own
 * transaction, so the alerts of a committed scan are never lost; delivery
 * (src/alert/outbox.c) deletes them once a sink has them. Rows are kept in
 * id order, which is the order they are delivered in.
 *
 * Ownership: row texts returned by mh_store_outbox_next are malloc'ed and
 * belong to the caller (mh_store_outbox_rows_free). Not thread-safe.
 */
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct mh_outbox_row {
	int64_t id;
	char *alert; /* the alert's JSON text */
};

int mh_store_outbox_add(struct mh_store *s, const char *sink, const char *alert, int64_t now_ms,
                        struct mh_err *err);
/* The oldest rows of sink with id > after, at most max; returns how many. */
int mh_store_outbox_next(struct mh_store *s, const char *sink, int64_t after,
                         struct mh_outbox_row *rows, int max, struct mh_err *err);
void mh_store_outbox_rows_free(struct mh_outbox_row *rows, int n);
/* Delete the rows of sink with id <= upto (delivered). */
int mh_store_outbox_delete(struct mh_store *s, const char *sink, int64_t upto, struct mh_err *err);
/* Note a failed attempt (and why) on every row of sink. */
int mh_store_outbox_failed(struct mh_store *s, const char *sink, const char *why,
                           struct mh_err *err);

struct mh_outbox_sink {
	const char *sink, *last_error; /* last_error may be NULL */
	int64_t rows, oldest_ms;
	int64_t attempts; /* failed attempts on the oldest row */
};
/* Calls cb once per sink with rows waiting, in sink order; cb returns
 * nonzero to stop. */
int mh_store_outbox_sinks(struct mh_store *s, int (*cb)(void *arg, const struct mh_outbox_sink *o),
                          void *arg, struct mh_err *err);
/* Drop rows of sink created before cutoff_ms and all but the newest keep;
 * *dropped receives how many went. */
int mh_store_outbox_trim(struct mh_store *s, const char *sink, int64_t cutoff_ms, int64_t keep,
                         int64_t *dropped, struct mh_err *err);

#endif
