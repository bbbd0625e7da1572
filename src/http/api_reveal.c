/*
 * POST /api/people/{pseudonym}/reveal (investigators): the person's identity,
 * after the reveal is written to serve_audit with who asked (token label and
 * id, role, client address), when and why. No audit row, no identity: if
 * the write fails the request fails. A reveal attempt by an analyst is
 * refused (403) and audited as "reveal-denied".
 *
 * GET /api/audit: the audit log, newest first, pseudonyms only.
 */
#include <sqlite3.h>
#include <string.h>

#include "http/http_int.h"

#define REASON_MIN 3
#define REASON_MAX 500
#define AUDIT_PAGE 500

static int audit(struct mh_req *r, sqlite3 *db, const char *action, const struct mh_ix_person *p,
                 const char *reason)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db,
	                            "INSERT INTO serve_audit(at_ms, action, role, token_id,"
	                            " token_label, client, person_id, pseudonym, reason)"
	                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                            -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, mh_http_now_ms());
	sqlite3_bind_text(q, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, mh_role_name(r->tok->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, r->tok->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, r->tok->label, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, r->client, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 7, p->id);
	sqlite3_bind_text(q, 8, p->pseudo, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static cJSON *identity(const struct mh_ix_person *p)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "pseudonym", p->pseudo);
	cJSON_AddStringToObject(o, "person", p->key);
	cJSON_AddBoolToObject(o, "resolved", p->resolved);
	cJSON_AddStringToObject(o, "email", p->email);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "department", p->department);
	cJSON_AddStringToObject(o, "title", p->title);
	return o;
}

/* The reason from {"reason": "..."}; NULL after replying 400. */
static const char *read_reason(struct mh_req *r, cJSON **json)
{
	cJSON *reason;
	const char *s;
	size_t i, n;

	*json = r->body ? cJSON_ParseWithLength(r->body, r->nbody) : NULL;
	reason = cJSON_GetObjectItem(*json, "reason");
	s = cJSON_GetStringValue(reason);
	if (!*json || !cJSON_IsObject(*json))
		return mh_reply_error(r, 400, "body must be a JSON object {\"reason\": \"...\"}"),
		       NULL;
	n = s ? strlen(s) : 0;
	if (n < REASON_MIN || n > REASON_MAX)
		return mh_reply_error(r, 400, "a reason of %d to %d characters is required",
		                      REASON_MIN, REASON_MAX),
		       NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return mh_reply_error(r, 400, "the reason has a control character"), NULL;
	return s;
}

int mh_api_reveal(struct mh_req *r)
{
	const struct mh_ix *ix;
	const struct mh_ix_person *p;
	const char *reason;
	cJSON *body = NULL, *o;
	sqlite3 *db;
	int denied = r->tok->role < MH_ROLE_INVESTIGATOR, rc;

	if (!mh_pseudo_valid(r->arg))
		return mh_reply_error(r, 400, "not a pseudonym");
	reason = denied ? "" : read_reason(r, &body);
	if (!reason) {
		cJSON_Delete(body);
		return 0;
	}
	ix = mh_http_ix_get(r);
	if (!ix) {
		cJSON_Delete(body);
		return 0;
	}
	p = mh_ix_by_pseudo(ix, r->arg);
	if (!p) {
		mh_http_ix_put(r->s, ix);
		cJSON_Delete(body);
		return mh_reply_error(r, 404, "no person called %s", r->arg);
	}
	db = mh_http_db_lock(r->s);
	rc = audit(r, db, denied ? "reveal-denied" : "reveal", p, reason);
	if (rc)
		mh_reply_db_error(r, db, "writing the audit log");
	mh_http_db_unlock(r->s);
	cJSON_Delete(body);
	if (!rc && denied)
		mh_reply_error(r, 403, "revealing identities needs the investigator role");
	else if (!rc) {
		o = identity(p);
		mh_reply_json(r, 200, o);
	}
	mh_http_ix_put(r->s, ix);
	return 0;
}

int mh_api_audit(struct mh_req *r)
{
	sqlite3_stmt *q;
	sqlite3 *db;
	cJSON *o, *arr;
	long limit, before;
	int rc;

	if (mh_req_int(r, "limit", 100, 1, AUDIT_PAGE, &limit) ||
	    mh_req_int(r, "before", 0, 0, 0x7fffffffffffffffL, &before))
		return 0;
	o = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(o, "entries");
	db = mh_http_db_lock(r->s);
	rc = sqlite3_prepare_v2(db,
	                        "SELECT id, at_ms, action, role, token_id, token_label, client,"
	                        " pseudonym, reason FROM serve_audit WHERE ?1 = 0 OR id < ?1"
	                        " ORDER BY id DESC LIMIT ?2",
	                        -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, before);
		sqlite3_bind_int64(q, 2, limit);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			static const char *const names[] = {"id",     "at_ms",     "action",
			                                    "role",   "token",     "by",
			                                    "client", "pseudonym", "reason"};
			cJSON *e = cJSON_CreateObject();
			int i;

			for (i = 0; i < 9; i++)
				if (sqlite3_column_type(q, i) == SQLITE_INTEGER)
					cJSON_AddNumberToObject(e, names[i],
					                        (double)sqlite3_column_int64(q, i));
				else
					mh_json_str(e, names[i],
					            (const char *)sqlite3_column_text(q, i));
			cJSON_AddItemToArray(arr, e);
		}
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_DONE) {
		mh_reply_db_error(r, db, "reading the audit log");
		mh_http_db_unlock(r->s);
		cJSON_Delete(o);
		return 0;
	}
	mh_http_db_unlock(r->s);
	return mh_reply_json(r, 200, o);
}
