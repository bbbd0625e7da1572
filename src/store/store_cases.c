/* Rows for extortion response (store_cases.h). */
#include "store/store_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/xalloc.h"

#define TXT(q, i) ((const char *)sqlite3_column_text((q), (i)))

static int done(struct mh_store *s, sqlite3_stmt *q, int rc, struct mh_err *err, const char *what)
{
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, what);
}

static int step_done(struct mh_store *s, sqlite3_stmt *q, struct mh_err *err, const char *what)
{
	int rc = sqlite3_step(q);

	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, what);
}

/* --- documents ------------------------------------------------------------ */

static int doc_delete(struct mh_store *s, const char *path, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "DELETE FROM doc_fps WHERE doc_id IN (SELECT id FROM docs WHERE path = ?1)", err);

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	if (step_done(s, q, err, "deleting fingerprints"))
		return -1;
	q = mh_store_prepare(s, "DELETE FROM docs WHERE path = ?1", err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	return step_done(s, q, err, "deleting document");
}

int mh_store_doc_put(struct mh_store *s, const char *path, const char *repo, const char *sha256,
                     uint64_t size, const struct mh_fps *fps, int64_t now_ms, struct mh_err *err)
{
	sqlite3_stmt *q;
	int64_t id;
	size_t i;

	if (doc_delete(s, path, err))
		return -1;
	q = mh_store_prepare(s,
	                     "INSERT INTO docs(path, repo, sha256, size, nfp, indexed_ms)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                     err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
	if (repo)
		sqlite3_bind_text(q, 2, repo, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, (sqlite3_int64)size);
	sqlite3_bind_int64(q, 5, (sqlite3_int64)fps->n);
	sqlite3_bind_int64(q, 6, now_ms);
	if (step_done(s, q, err, "saving document"))
		return -1;
	id = sqlite3_last_insert_rowid(s->db);
	q = mh_store_prepare(s, "INSERT OR IGNORE INTO doc_fps(fp, doc_id) VALUES (?1, ?2)", err);
	if (!q)
		return -1;
	for (i = 0; i < fps->n; i++) {
		sqlite3_bind_int64(q, 1, (sqlite3_int64)fps->v[i]);
		sqlite3_bind_int64(q, 2, id);
		if (sqlite3_step(q) != SQLITE_DONE) {
			sqlite3_finalize(q);
			return mh_store_fail(s, err, "saving fingerprints");
		}
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	return 0;
}

int mh_store_doc_count(struct mh_store *s, int64_t *n, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s, "SELECT count(*) FROM docs", err);
	int rc;

	*n = 0;
	if (!q)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(q, 0);
	return done(s, q, rc, err, "counting documents");
}

static int each_doc(struct mh_store *s, sqlite3_stmt *q,
                    int (*cb)(void *arg, const struct mh_doc_row *d), void *arg, struct mh_err *err)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_doc_row d;

		d.id = sqlite3_column_int64(q, 0);
		d.path = TXT(q, 1);
		d.repo = TXT(q, 2);
		d.sha256 = TXT(q, 3);
		d.size = (uint64_t)sqlite3_column_int64(q, 4);
		d.nfp = (uint32_t)sqlite3_column_int64(q, 5);
		if (cb(arg, &d))
			break;
	}
	return done(s, q, rc, err, "reading documents");
}

int mh_store_docs_by_sha(struct mh_store *s, const char *sha256,
                         int (*cb)(void *arg, const struct mh_doc_row *d), void *arg,
                         struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "SELECT id, path, repo, sha256, size, nfp FROM docs WHERE sha256 = ?1 ORDER BY id",
	    err);

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, sha256, -1, SQLITE_STATIC);
	return each_doc(s, q, cb, arg, err);
}

int mh_store_doc_get(struct mh_store *s, int64_t id,
                     int (*cb)(void *arg, const struct mh_doc_row *d), void *arg,
                     struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "SELECT id, path, repo, sha256, size, nfp FROM docs WHERE id = ?1", err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	return each_doc(s, q, cb, arg, err);
}

struct mh_fp_query {
	struct mh_store *s;
	sqlite3_stmt *q;
};

struct mh_fp_query *mh_store_fp_open(struct mh_store *s, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s, "SELECT doc_id FROM doc_fps WHERE fp = ?1", err);
	struct mh_fp_query *fq;

	if (!q)
		return NULL;
	fq = mh_malloc(sizeof(*fq));
	fq->s = s;
	fq->q = q;
	return fq;
}

int64_t mh_store_fp_docs(struct mh_fp_query *fq, uint64_t fp, int64_t *ids, size_t max,
                         struct mh_err *err)
{
	int64_t n = 0;
	int rc;

	sqlite3_reset(fq->q);
	sqlite3_bind_int64(fq->q, 1, (sqlite3_int64)fp);
	while ((rc = sqlite3_step(fq->q)) == SQLITE_ROW) {
		if ((size_t)n < max)
			ids[n] = sqlite3_column_int64(fq->q, 0);
		n++;
	}
	if (rc != SQLITE_DONE)
		return mh_store_fail(fq->s, err, "reading fingerprints");
	return n;
}

void mh_store_fp_close(struct mh_fp_query *fq)
{
	if (!fq)
		return;
	sqlite3_finalize(fq->q);
	free(fq);
}

/* --- artifacts ------------------------------------------------------------ */

int mh_store_each_art(struct mh_store *s, const char *kind, const char *value,
                      int (*cb)(void *arg, const struct mh_art_row *r), void *arg,
                      struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT person_id, kind, value, src, count, first_ms, last_ms,"
	    " coalesce(source_id, 0), coalesce(line, 0) FROM artifacts"
	    " WHERE kind = ?1 AND (?2 IS NULL OR value = ?2) ORDER BY person_id, value",
	    err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_art_row r;

		r.person = sqlite3_column_int64(q, 0);
		r.kind = TXT(q, 1);
		r.value = TXT(q, 2);
		r.src = TXT(q, 3);
		r.count = (uint64_t)sqlite3_column_int64(q, 4);
		r.first_ms = sqlite3_column_int64(q, 5);
		r.last_ms = sqlite3_column_int64(q, 6);
		r.source_id = sqlite3_column_int64(q, 7);
		r.line = (uint64_t)sqlite3_column_int64(q, 8);
		if (cb(arg, &r))
			break;
	}
	return done(s, q, rc, err, "reading artifacts");
}

/* --- cases ---------------------------------------------------------------- */

int mh_store_case_new(struct mh_store *s, int64_t now_ms, int64_t *id, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "INSERT INTO cases(opened_ms, entries, head) VALUES (?1, 0, ?2)", err);
	static const char zero[] =
	    "0000000000000000000000000000000000000000000000000000000000000000";

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, now_ms);
	sqlite3_bind_text(q, 2, zero, -1, SQLITE_STATIC);
	if (step_done(s, q, err, "opening case"))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int mh_store_case_tail(struct mh_store *s, int64_t id, int64_t *entries, char *head,
                       struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s, "SELECT entries, head FROM cases WHERE id = ?1", err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *h = TXT(q, 1);

		*entries = sqlite3_column_int64(q, 0);
		snprintf(head, 65, "%s", h ? h : "");
		sqlite3_finalize(q);
		return 0;
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return mh_err_set(err, MH_EINPUT, "no case %lld", (long long)id);
	return mh_store_fail(s, err, "reading case");
}

int mh_store_case_put(struct mh_store *s, int64_t id, int64_t seq, const char *entry,
                      const char *prev, const char *hash, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "INSERT INTO case_log(case_id, seq, entry, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
	    err);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, seq);
	sqlite3_bind_text(q, 3, entry, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, hash, -1, SQLITE_STATIC);
	if (step_done(s, q, err, "appending to the case log"))
		return -1;
	q = mh_store_prepare(s, "UPDATE cases SET entries = ?2, head = ?3 WHERE id = ?1", err);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, seq);
	sqlite3_bind_text(q, 3, hash, -1, SQLITE_STATIC);
	return step_done(s, q, err, "moving the case head");
}

int mh_store_each_case(struct mh_store *s, int (*cb)(void *arg, const struct mh_case_row *r),
                       void *arg, struct mh_err *err)
{
	sqlite3_stmt *q =
	    mh_store_prepare(s, "SELECT id, opened_ms, entries, head FROM cases ORDER BY id", err);
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_case_row r;

		r.id = sqlite3_column_int64(q, 0);
		r.opened_ms = sqlite3_column_int64(q, 1);
		r.entries = sqlite3_column_int64(q, 2);
		r.head = TXT(q, 3);
		if (cb(arg, &r))
			break;
	}
	return done(s, q, rc, err, "reading cases");
}

int mh_store_each_log(struct mh_store *s, int64_t id,
                      int (*cb)(void *arg, const struct mh_log_row *r), void *arg,
                      struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s,
	                                   "SELECT case_id, seq, entry, prev, hash FROM case_log"
	                                   " WHERE case_id = ?1 ORDER BY seq",
	                                   err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_log_row r;

		r.case_id = sqlite3_column_int64(q, 0);
		r.seq = sqlite3_column_int64(q, 1);
		r.entry = TXT(q, 2);
		r.prev = TXT(q, 3);
		r.hash = TXT(q, 4);
		if (!r.entry)
			r.entry = "";
		if (!r.prev)
			r.prev = "";
		if (!r.hash)
			r.hash = "";
		if (cb(arg, &r))
			break;
	}
	return done(s, q, rc, err, "reading the case log");
}

int mh_store_evidence_put(struct mh_store *s, const char *sha256, const void *data, size_t n,
                          int64_t now_ms, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s,
	                                   "INSERT OR IGNORE INTO evidence(sha256, size, data,"
	                                   " added_ms) VALUES (?1, ?2, ?3, ?4)",
	                                   err);

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)n);
	sqlite3_bind_blob64(q, 3, n ? data : "", n, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, now_ms);
	return step_done(s, q, err, "storing evidence");
}

int mh_store_evidence_get(struct mh_store *s, const char *sha256, void **data, size_t *n,
                          struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s, "SELECT data FROM evidence WHERE sha256 = ?1", err);
	int rc;

	*data = NULL;
	*n = 0;
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*n = (size_t)sqlite3_column_bytes(q, 0);
		*data = mh_malloc(*n + 1);
		if (*n)
			memcpy(*data, sqlite3_column_blob(q, 0), *n);
		sqlite3_finalize(q);
		return 0;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 1 : mh_store_fail(s, err, "reading evidence");
}

int mh_store_each_evidence(struct mh_store *s,
                           int (*cb)(void *arg, const char *sha256, uint64_t size, const void *data,
                                     size_t n),
                           void *arg, struct mh_err *err)
{
	sqlite3_stmt *q =
	    mh_store_prepare(s, "SELECT sha256, size, data FROM evidence ORDER BY sha256", err);
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const void *d = sqlite3_column_blob(q, 2);
		size_t n = (size_t)sqlite3_column_bytes(q, 2);

		if (cb(arg, TXT(q, 0) ? TXT(q, 0) : "", (uint64_t)sqlite3_column_int64(q, 1),
		       d ? d : "", n))
			break;
	}
	return done(s, q, rc, err, "reading evidence");
}
