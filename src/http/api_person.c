/*
 * GET /api/people/{pseudonym}: one person's story. Profile (pseudonymised),
 * score with its contributions and history, findings with evidence (text
 * redacted, source paths resolved), artifacts with how many people share
 * each, activity (activity.c) and the audit trail of reveals.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "http/activity.h"
#include "http/http_int.h"
#include "util/xalloc.h"

#define HISTORY_MAX   2000
#define ARTIFACTS_MAX 400
#define REVEALS_MAX   50

struct ctx {
	struct mh_req *r;
	const struct mh_ix *ix;
	const struct mh_ix_person *p;
	struct mh_store *store;
	cJSON *findings;
};

static void add_redacted(cJSON *o, const char *name, struct ctx *c, const char *text)
{
	char *red = mh_ix_redact(c->ix, c->p, text ? text : "");

	cJSON_AddStringToObject(o, name, red);
	free(red);
}

static cJSON *evidence(struct ctx *c, const char *json)
{
	cJSON *in = json ? cJSON_Parse(json) : NULL, *out = cJSON_CreateArray(), *e;

	cJSON_ArrayForEach(e, in)
	{
		cJSON *o = cJSON_CreateObject();
		double id = cJSON_GetNumberValue(cJSON_GetObjectItem(e, "source_id"));
		char path[1024] = "";

		if (id > 0)
			mh_store_source_path(c->store, (int64_t)id, path, sizeof(path));
		mh_json_str(o, "source", path[0] ? path : NULL);
		cJSON_AddNumberToObject(o, "line",
		                        cJSON_GetNumberValue(cJSON_GetObjectItem(e, "line")));
		cJSON_AddNumberToObject(o, "ts_ms",
		                        cJSON_GetNumberValue(cJSON_GetObjectItem(e, "ts_ms")));
		add_redacted(o, "text", c, cJSON_GetStringValue(cJSON_GetObjectItem(e, "text")));
		cJSON_AddItemToArray(out, o);
	}
	cJSON_Delete(in);
	return out;
}

static int on_finding(void *arg, const struct mh_finding_row *f)
{
	struct ctx *c = arg;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "detector", f->detector);
	cJSON_AddNumberToObject(o, "points", f->points);
	add_redacted(o, "summary", c, f->summary);
	cJSON_AddNumberToObject(o, "count", (double)f->count);
	cJSON_AddNumberToObject(o, "first_ms", (double)f->first_ms);
	cJSON_AddNumberToObject(o, "last_ms", (double)f->last_ms);
	cJSON_AddItemToObject(o, "evidence", evidence(c, f->evidence));
	cJSON_AddItemToArray(c->findings, o);
	return 0;
}

static int score(sqlite3 *db, struct ctx *c, cJSON *o)
{
	sqlite3_stmt *q;
	cJSON *hist = cJSON_AddArrayToObject(o, "score_history"), *contrib = NULL;
	int rc = sqlite3_prepare_v2(
	    db,
	    "SELECT as_of_ms, score FROM score_history WHERE person_id = ? AND as_of_ms > 0"
	    " ORDER BY as_of_ms DESC LIMIT ?",
	    -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, c->p->id);
	sqlite3_bind_int(q, 2, HISTORY_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		cJSON *h = cJSON_CreateObject();

		cJSON_AddNumberToObject(h, "as_of_ms", (double)sqlite3_column_int64(q, 0));
		cJSON_AddNumberToObject(h, "score", sqlite3_column_double(q, 1));
		cJSON_InsertItemInArray(hist, 0, h); /* oldest first */
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE ||
	    sqlite3_prepare_v2(db, "SELECT contributions FROM scores WHERE person_id = ?", -1, &q,
	                       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, c->p->id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0))
		contrib = cJSON_Parse((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	cJSON_AddItemToObject(o, "contributions", contrib ? contrib : cJSON_CreateArray());
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Identity-bearing values (host names, paths) are redacted; network ones not. */
static int plain_kind(const char *kind)
{
	return !strcmp(kind, "ip") || !strcmp(kind, "asn") || !strcmp(kind, "country") ||
	       !strcmp(kind, "mfa_device") || !strcmp(kind, "file_hash") || !strcmp(kind, "usb");
}

static int artifacts(sqlite3 *db, struct ctx *c, cJSON *o)
{
	sqlite3_stmt *q;
	cJSON *arts = cJSON_AddObjectToObject(o, "artifacts");
	int rc = sqlite3_prepare_v2(
	    db,
	    "SELECT a.kind, a.value, a.count, a.first_ms, a.last_ms,"
	    " (SELECT count(*) FROM artifacts b WHERE b.kind = a.kind AND b.value = a.value)"
	    " FROM artifacts a WHERE a.person_id = ? AND a.kind != 'name'"
	    " ORDER BY a.kind, a.count DESC, a.value LIMIT ?",
	    -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, c->p->id);
	sqlite3_bind_int(q, 2, ARTIFACTS_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(q, 0);
		const char *value = (const char *)sqlite3_column_text(q, 1);
		cJSON *list = cJSON_GetObjectItem(arts, kind), *a = cJSON_CreateObject();

		if (!list)
			list = cJSON_AddArrayToObject(arts, kind);
		if (plain_kind(kind))
			cJSON_AddStringToObject(a, "value", value ? value : "");
		else
			add_redacted(a, "value", c, value);
		cJSON_AddNumberToObject(a, "count", (double)sqlite3_column_int64(q, 2));
		cJSON_AddNumberToObject(a, "first_ms", (double)sqlite3_column_int64(q, 3));
		cJSON_AddNumberToObject(a, "last_ms", (double)sqlite3_column_int64(q, 4));
		cJSON_AddNumberToObject(a, "people", (double)sqlite3_column_int64(q, 5));
		cJSON_AddItemToArray(list, a);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int reveals(sqlite3 *db, struct ctx *c, cJSON *o)
{
	sqlite3_stmt *q;
	cJSON *arr = cJSON_AddArrayToObject(o, "reveals");
	int rc =
	    sqlite3_prepare_v2(db,
	                       "SELECT at_ms, action, role, token_label, reason FROM serve_audit"
	                       " WHERE person_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?",
	                       -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, c->p->id);
	sqlite3_bind_int(q, 2, REVEALS_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		cJSON *a = cJSON_CreateObject();

		cJSON_AddNumberToObject(a, "at_ms", (double)sqlite3_column_int64(q, 0));
		mh_json_str(a, "action", (const char *)sqlite3_column_text(q, 1));
		mh_json_str(a, "role", (const char *)sqlite3_column_text(q, 2));
		mh_json_str(a, "by", (const char *)sqlite3_column_text(q, 3));
		mh_json_str(a, "reason", (const char *)sqlite3_column_text(q, 4));
		cJSON_AddItemToArray(arr, a);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int activity(sqlite3 *db, struct ctx *c, cJSON *o)
{
	sqlite3_stmt *q;
	uint32_t hours[24];
	struct mh_day *days = NULL;
	size_t ndays = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT hours, days FROM persons WHERE id = ?", -1, &q,
	                            NULL),
	    h;

	if (rc != SQLITE_OK)
		return -1;
	memset(hours, 0, sizeof(hours));
	sqlite3_bind_int64(q, 1, c->p->id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *hb = sqlite3_column_blob(q, 0);

		if (hb && sqlite3_column_bytes(q, 0) == 24 * 4)
			for (h = 0; h < 24; h++)
				hours[h] = (uint32_t)hb[4 * h] | (uint32_t)hb[4 * h + 1] << 8 |
				           (uint32_t)hb[4 * h + 2] << 16 |
				           (uint32_t)hb[4 * h + 3] << 24;
		if (mh_store_days_unpack(sqlite3_column_blob(q, 1),
		                         (size_t)sqlite3_column_bytes(q, 1), &days, &ndays))
			ndays = 0;
	}
	sqlite3_finalize(q);
	cJSON_AddItemToObject(o, "activity",
	                      mh_activity_json(c->p->timezone, hours, c->p->last_ms, days, ndays));
	free(days);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int mh_api_person(struct mh_req *r)
{
	struct ctx c;
	struct mh_err err;
	sqlite3 *db;
	cJSON *o;
	int rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	if (!mh_pseudo_valid(r->arg))
		return mh_reply_error(r, 400, "not a pseudonym");
	c.ix = mh_http_ix_get(r);
	if (!c.ix)
		return 0;
	c.p = mh_ix_by_pseudo(c.ix, r->arg);
	if (!c.p) {
		mh_http_ix_put(r->s, c.ix);
		return mh_reply_error(r, 404, "no person called %s", r->arg);
	}
	o = mh_person_summary(c.p);
	c.findings = cJSON_AddArrayToObject(o, "findings");
	c.store = r->s->store;
	mh_err_clear(&err);
	db = mh_http_db_lock(r->s);
	rc = mh_store_each_finding(c.store, c.p->id, on_finding, &c, &err) || score(db, &c, o) ||
	     artifacts(db, &c, o) || activity(db, &c, o) || reveals(db, &c, o);
	if (rc)
		mh_reply_db_error(r, db, "reading the person");
	mh_http_db_unlock(r->s);
	mh_http_ix_put(r->s, c.ix);
	if (rc) {
		cJSON_Delete(o);
		return 0;
	}
	return mh_reply_json(r, 200, o);
}
