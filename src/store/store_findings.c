/*
 * Findings and scores in the store. Findings are saved whole after every
 * scan (the scan loads the event-origin ones first and merges into them), so
 * the table always equals the last scan's view; evidence is JSON text.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "store/store_priv.h"
#include "util/strmap.h"

static char *evidence_json(const struct mh_finding *f)
{
	cJSON *arr = cJSON_CreateArray();
	char *out;
	int i;

	for (i = 0; i < f->nev; i++) {
		const struct mh_evidence *e = &f->ev[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "source_id", e->file_id);
		cJSON_AddNumberToObject(o, "line", (double)e->line);
		cJSON_AddNumberToObject(o, "ts_ms", (double)e->ts_ms);
		cJSON_AddStringToObject(o, "text", e->text);
		cJSON_AddItemToArray(arr, o);
	}
	out = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	return out;
}

static void evidence_parse(struct mh_finding *f, const char *json)
{
	cJSON *arr = json ? cJSON_Parse(json) : NULL, *o;

	cJSON_ArrayForEach(o, arr)
	{
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(o, "text"));

		mh_finding_evidence(
		    f, (uint32_t)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "source_id")),
		    (uint64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "line")),
		    (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "ts_ms")), "%s",
		    t ? t : "");
	}
	cJSON_Delete(arr);
}

/* Detector ids in findings are static strings: map a stored id back to the
 * registry's; findings of detectors that no longer exist are dropped. */
static const char *detector_id(const char *id)
{
	const struct mh_detector *d = id ? mh_detector_find(id) : NULL;

	return d ? d->id : NULL;
}

int mh_store_load_findings(struct mh_store *s, const struct mh_state *st, struct mh_findings *f,
                           struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT detector, person_id, key, origin, first_ms, last_ms, count, points,"
	    " summary, evidence FROM findings WHERE origin = 0 ORDER BY id",
	    err);
	struct mh_strmap *bydb;
	size_t i;
	int rc;

	if (!q)
		return -1;
	bydb = mh_strmap_new();
	for (i = 0; i < st->n; i++)
		if (st->ps[i].dbid)
			mh_strmap_put(bydb, (const char *)&st->ps[i].dbid, sizeof(int64_t),
			              (uint32_t)i);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *det = detector_id((const char *)sqlite3_column_text(q, 0));
		int64_t db = sqlite3_column_int64(q, 1);
		const char *key = (const char *)sqlite3_column_text(q, 2);
		const char *sum = (const char *)sqlite3_column_text(q, 8);
		struct mh_finding *fd;
		uint32_t pid;
		int isnew;

		if (!det || !key || !mh_strmap_get(bydb, (const char *)&db, sizeof(db), &pid))
			continue;
		fd = mh_findings_upsert(f, det, pid, key, (enum mh_origin)sqlite3_column_int(q, 3),
		                        sqlite3_column_int64(q, 4), &isnew);
		fd->last_ms = sqlite3_column_int64(q, 5);
		fd->count = (uint32_t)sqlite3_column_int64(q, 6);
		fd->points = sqlite3_column_double(q, 7);
		snprintf(fd->summary, sizeof(fd->summary), "%s", sum ? sum : "");
		if (isnew)
			evidence_parse(fd, (const char *)sqlite3_column_text(q, 9));
	}
	sqlite3_finalize(q);
	mh_strmap_free(bydb);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "loading findings");
}

int mh_store_save_findings(struct mh_store *s, const struct mh_state *st,
                           const struct mh_findings *f, struct mh_err *err)
{
	sqlite3_stmt *q;
	size_t i;

	if (sqlite3_exec(s->db, "DELETE FROM findings", NULL, NULL, NULL) != SQLITE_OK)
		return mh_store_fail(s, err, "clearing findings");
	q = mh_store_prepare(s,
	                     "INSERT INTO findings(detector, person_id, key, origin, first_ms,"
	                     " last_ms, count, points, summary, evidence)"
	                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                     err);
	if (!q)
		return -1;
	for (i = 0; i < f->n; i++) {
		const struct mh_finding *fd = &f->v[i];
		char *ev = evidence_json(fd);
		int rc;

		sqlite3_reset(q);
		sqlite3_bind_text(q, 1, fd->detector, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, st->ps[fd->person].dbid);
		sqlite3_bind_text(q, 3, fd->key, -1, SQLITE_STATIC);
		sqlite3_bind_int(q, 4, fd->origin);
		sqlite3_bind_int64(q, 5, fd->first_ms);
		sqlite3_bind_int64(q, 6, fd->last_ms);
		sqlite3_bind_int64(q, 7, fd->count);
		sqlite3_bind_double(q, 8, fd->points);
		sqlite3_bind_text(q, 9, fd->summary, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 10, ev ? ev : "[]", -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		free(ev);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(q);
			return mh_store_fail(s, err, "saving finding");
		}
	}
	sqlite3_finalize(q);
	return 0;
}

int mh_store_save_score(struct mh_store *s, const struct mh_score_rec *r, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "INSERT INTO scores(person_id, score, as_of_ms, contributions) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT(person_id) DO UPDATE SET score = ?2, as_of_ms = ?3,"
	    " contributions = ?4",
	    err);
	sqlite3_stmt *h;
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, r->person);
	sqlite3_bind_double(q, 2, r->score);
	sqlite3_bind_int64(q, 3, r->as_of_ms);
	sqlite3_bind_text(q, 4, r->contributions ? r->contributions : "[]", -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return mh_store_fail(s, err, "saving score");
	h = mh_store_prepare(s,
	                     "INSERT INTO score_history(person_id, as_of_ms, score, computed_at)"
	                     " VALUES (?1, ?2, ?3, CAST(strftime('%s','now') AS INTEGER))"
	                     " ON CONFLICT(person_id, as_of_ms) DO UPDATE SET score = ?3,"
	                     " computed_at = excluded.computed_at",
	                     err);
	if (!h)
		return -1;
	sqlite3_bind_int64(h, 1, r->person);
	sqlite3_bind_int64(h, 2, r->as_of_ms);
	sqlite3_bind_double(h, 3, r->score);
	rc = sqlite3_step(h);
	sqlite3_finalize(h);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "saving score history");
}

size_t mh_finding_id(char *buf, size_t cap, const char *detector, int64_t person, const char *key)
{
	int n = snprintf(buf, cap, "%s|%lld|%s", detector, (long long)person, key);

	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

int mh_store_finding_counts(struct mh_store *s, struct mh_strmap *out, struct mh_err *err)
{
	sqlite3_stmt *q =
	    mh_store_prepare(s, "SELECT detector, person_id, key, count FROM findings", err);
	char id[512];
	int rc;

	if (!q)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		size_t n = mh_finding_id(id, sizeof(id), (const char *)sqlite3_column_text(q, 0),
		                         sqlite3_column_int64(q, 1),
		                         (const char *)sqlite3_column_text(q, 2));

		mh_strmap_put(out, id, n, (uint32_t)sqlite3_column_int64(q, 3));
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading findings");
}
