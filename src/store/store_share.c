/* Consortium tables (store_share.h). */
#include "store/store_share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/xalloc.h"
#include "vet/applicant.h"

#define APP_ARTS_MAX 256

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* The peer's stored bundle: 1 found, 0 none, -1 error. */
static int stored(struct mh_store *s, const char *peer, char *created, char *digest,
                  int64_t *records, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s, "SELECT created, digest, records FROM share_bundles WHERE peer = ?", err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, peer, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(created, 11, "%s", col_text(q, 0));
		snprintf(digest, 2 * MH_SHARE_HASH_LEN + 1, "%s", col_text(q, 1));
		*records = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading share bundles");
	return rc == SQLITE_ROW;
}

static int put_hashes(struct mh_store *s, const struct mh_share_bundle *b, struct mh_err *err)
{
	sqlite3_stmt *ins = mh_store_prepare(
	    s,
	    "INSERT OR IGNORE INTO share_hashes(peer, subject, kind, hash, reason, category,"
	    " flagged) VALUES (?,?,?,?,?,?,?)",
	    err);
	size_t i;
	int rc = 0;

	if (!ins)
		return -1;
	for (i = 0; !rc && i < b->n; i++) {
		const struct mh_share_rec *r = &b->v[i];

		sqlite3_bind_text(ins, 1, b->exporter, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, r->subject, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 3, r->kind);
		sqlite3_bind_blob(ins, 4, r->hash, MH_SHARE_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_int(ins, 5, r->reason);
		sqlite3_bind_int(ins, 6, r->category);
		sqlite3_bind_text(ins, 7, r->flagged, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = mh_store_fail(s, err, "storing share hashes");
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	return rc;
}

static int exec_peer(struct mh_store *s, const char *sql, const struct mh_share_bundle *b,
                     const char *digest, int64_t now_ms, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, b->exporter, -1, SQLITE_STATIC);
	if (digest) {
		sqlite3_bind_text(st, 2, b->key_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, b->created, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, digest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (int64_t)b->n);
		sqlite3_bind_int64(st, 6, now_ms);
	}
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : mh_store_fail(s, err, "storing a share bundle");
	sqlite3_finalize(st);
	return rc;
}

int mh_store_share_put(struct mh_store *s, const struct mh_share_bundle *b,
                       const uint8_t digest[MH_SHARE_HASH_LEN], int64_t now_ms,
                       struct mh_share_put_res *res, struct mh_err *err)
{
	char hex[2 * MH_SHARE_HASH_LEN + 1], old[2 * MH_SHARE_HASH_LEN + 1];
	int found;

	memset(res, 0, sizeof(*res));
	mh_share_hex(digest, MH_SHARE_HASH_LEN, hex);
	found = stored(s, b->exporter, res->prev_created, old, &res->prev_records, err);
	if (found < 0)
		return -1;
	if (found && !strcmp(old, hex)) {
		res->status = MH_SP_UNCHANGED;
		return 0;
	}
	if (found && strcmp(b->created, res->prev_created) < 0) {
		res->status = MH_SP_OLDER;
		return 0;
	}
	res->status = found ? MH_SP_REPLACED : MH_SP_NEW;
	if (exec_peer(s, "DELETE FROM share_hashes WHERE peer = ?", b, NULL, 0, err) ||
	    exec_peer(s,
	              "INSERT OR REPLACE INTO share_bundles(peer, key_id, created, digest, records,"
	              " imported_ms) VALUES (?,?,?,?,?,?)",
	              b, hex, now_ms, err))
		return -1;
	return put_hashes(s, b, err);
}

int mh_store_share_load(struct mh_store *s, struct mh_share_set *set, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT h.peer, b.key_id, h.subject, h.kind, h.hash, h.reason, h.category, h.flagged"
	    " FROM share_hashes h JOIN share_bundles b ON b.peer = h.peer",
	    err);
	struct mh_share_rec r;
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int kind = sqlite3_column_int(q, 3), reason = sqlite3_column_int(q, 5),
		    cat = sqlite3_column_int(q, 6);

		if (sqlite3_column_bytes(q, 4) != MH_SHARE_HASH_LEN || kind < 0 ||
		    kind >= MH_VA__COUNT || reason < 0 || reason >= MH_SR__COUNT || cat < 0 ||
		    cat >= MH_SC__COUNT)
			continue;
		memset(&r, 0, sizeof(r));
		snprintf(r.subject, sizeof(r.subject), "%s", col_text(q, 2));
		r.kind = (uint8_t)kind;
		memcpy(r.hash, sqlite3_column_blob(q, 4), MH_SHARE_HASH_LEN);
		r.reason = (uint8_t)reason;
		r.category = (uint8_t)cat;
		snprintf(r.flagged, sizeof(r.flagged), "%s", col_text(q, 7));
		mh_share_set_add(set, col_text(q, 0), col_text(q, 1), &r);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading share hashes");
	mh_share_set_seal(set);
	return 0;
}

int mh_store_share_count(struct mh_store *s, int64_t *n, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s, "SELECT count(*) FROM share_hashes", err);
	int rc;

	if (!q)
		return -1;
	rc = sqlite3_step(q);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : mh_store_fail(s, err, "counting share hashes");
}

int mh_store_share_each_peer(struct mh_store *s,
                             int (*cb)(void *arg, const struct mh_share_peer_row *r), void *arg,
                             struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT b.peer, b.key_id, b.created, b.digest, b.imported_ms,"
	    " (SELECT count(*) FROM share_hashes h WHERE h.peer = b.peer),"
	    " (SELECT count(DISTINCT subject) FROM share_hashes h WHERE h.peer = b.peer)"
	    " FROM share_bundles b ORDER BY b.peer",
	    err);
	struct mh_share_peer_row r;
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		r.peer = col_text(q, 0);
		r.key_id = col_text(q, 1);
		r.created = col_text(q, 2);
		r.digest = col_text(q, 3);
		r.imported_ms = sqlite3_column_int64(q, 4);
		r.records = sqlite3_column_int64(q, 5);
		r.subjects = sqlite3_column_int64(q, 6);
		if (cb(arg, &r))
			break;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading share bundles");
	return 0;
}

struct app_arts {
	uint8_t kinds[APP_ARTS_MAX];
	char *values[APP_ARTS_MAX];
	size_t n;
};

static void arts_free(struct app_arts *a)
{
	size_t k;

	for (k = 0; k < a->n; k++)
		free(a->values[k]);
	a->n = 0;
}

static int app_arts(struct mh_store *s, sqlite3_stmt *q, const char *id, struct app_arts *a,
                    struct mh_err *err)
{
	int rc;

	sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && a->n < APP_ARTS_MAX) {
		a->kinds[a->n] = (uint8_t)sqlite3_column_int(q, 0);
		a->values[a->n++] = mh_strdup(col_text(q, 1));
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : mh_store_fail(s, err, "reading artifacts");
}

int mh_store_share_each_applicant(struct mh_store *s, double min_score,
                                  int (*cb)(void *arg, const struct mh_share_app_row *r), void *arg,
                                  struct mh_err *err)
{
	sqlite3_stmt *ap = mh_store_prepare(
	                 s,
	                 "SELECT id, score, vetted_at, findings FROM vet_applicants"
	                 " WHERE score >= ? ORDER BY id",
	                 err),
	             *art = mh_store_prepare(
	                 s, "SELECT kind, value FROM vet_artifacts WHERE applicant_id = ?", err);
	struct mh_share_app_row r;
	struct app_arts a = {{0}, {0}, 0};
	int rc = SQLITE_DONE, stop = 0;

	if (!ap || !art) {
		sqlite3_finalize(ap);
		sqlite3_finalize(art);
		return -1;
	}
	sqlite3_bind_double(ap, 1, min_score);
	while (!stop && (rc = sqlite3_step(ap)) == SQLITE_ROW) {
		r.id = col_text(ap, 0);
		r.score = sqlite3_column_double(ap, 1);
		r.vetted_ms = sqlite3_column_int64(ap, 2);
		r.findings = col_text(ap, 3);
		if (app_arts(s, art, r.id, &a, err)) {
			rc = -1;
			break;
		}
		r.kinds = a.kinds;
		r.values = (const char *const *)a.values;
		r.n = a.n;
		stop = cb(arg, &r);
		arts_free(&a);
	}
	arts_free(&a);
	sqlite3_finalize(ap);
	sqlite3_finalize(art);
	if (rc == -1)
		return -1;
	if (!stop && rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading applicants");
	return 0;
}
