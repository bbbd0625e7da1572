/* The alert outbox rows (store/store_alerts.h). */
#include "store/store_alerts.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/xalloc.h"

int mh_store_outbox_add(struct mh_store *s, const char *sink, const char *alert, int64_t now_ms,
                        struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s, "INSERT INTO alert_outbox(sink, created_ms, alert) VALUES (?, ?, ?)", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sink, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now_ms);
	sqlite3_bind_text(st, 3, alert, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "adding to the alert outbox");
}

int mh_store_outbox_next(struct mh_store *s, const char *sink, int64_t after,
                         struct mh_outbox_row *rows, int max, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s,
	                                    "SELECT id, alert FROM alert_outbox WHERE sink = ?"
	                                    " AND id > ? ORDER BY id LIMIT ?",
	                                    err);
	int n = 0, rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sink, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, after);
	sqlite3_bind_int(st, 3, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 1);

		rows[n].id = sqlite3_column_int64(st, 0);
		rows[n].alert = mh_strdup(a ? a : "");
		n++;
	}
	if (n < max && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		mh_store_outbox_rows_free(rows, n);
		return mh_store_fail(s, err, "reading the alert outbox");
	}
	sqlite3_finalize(st);
	return n;
}

void mh_store_outbox_rows_free(struct mh_outbox_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(rows[i].alert);
		rows[i].alert = NULL;
	}
}

static int exec_sink(struct mh_store *s, const char *sql, const char *sink, int64_t arg,
                     const char *text, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sink, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, arg);
	if (text)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "updating the alert outbox");
}

int mh_store_outbox_delete(struct mh_store *s, const char *sink, int64_t upto, struct mh_err *err)
{
	return exec_sink(s, "DELETE FROM alert_outbox WHERE sink = ?1 AND id <= ?2", sink, upto,
	                 NULL, err);
}

int mh_store_outbox_failed(struct mh_store *s, const char *sink, const char *why,
                           struct mh_err *err)
{
	return exec_sink(s,
	                 "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?3"
	                 " WHERE sink = ?1",
	                 sink, 0, why, err);
}

int mh_store_outbox_sinks(struct mh_store *s, int (*cb)(void *arg, const struct mh_outbox_sink *o),
                          void *arg, struct mh_err *err)
{
	/* The oldest row's attempts and error stand for the sink: rows of one
	 * sink fail together, the oldest has seen every attempt. */
	sqlite3_stmt *st = mh_store_prepare(
	    s,
	    "SELECT o.sink, o.n, o.oldest, a.attempts, a.last_error FROM"
	    " (SELECT sink, count(*) AS n, min(created_ms) AS oldest, min(id) AS first"
	    "  FROM alert_outbox GROUP BY sink) o JOIN alert_outbox a ON a.id = o.first"
	    " ORDER BY o.sink",
	    err);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mh_outbox_sink o;

		o.sink = (const char *)sqlite3_column_text(st, 0);
		o.rows = sqlite3_column_int64(st, 1);
		o.oldest_ms = sqlite3_column_int64(st, 2);
		o.attempts = sqlite3_column_int64(st, 3);
		o.last_error = (const char *)sqlite3_column_text(st, 4);
		if (cb(arg, &o)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading the alert outbox");
}

int mh_store_outbox_trim(struct mh_store *s, const char *sink, int64_t cutoff_ms, int64_t keep,
                         int64_t *dropped, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s,
	    "DELETE FROM alert_outbox WHERE sink = ?1 AND (created_ms < ?2 OR id <="
	    " (SELECT id FROM alert_outbox WHERE sink = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?3))",
	    err);
	int rc;

	*dropped = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, sink, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cutoff_ms);
	sqlite3_bind_int64(st, 3, keep);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mh_store_fail(s, err, "trimming the alert outbox");
	*dropped = sqlite3_changes(mh_store_db(s));
	return 0;
}
