/*
 * GET /api/applicants: vetted applicants, highest score first, with their
 * findings, and the clusters of applicants that share an identity artifact
 * (e-mail, phone, address, payroll account, URL, photo), from the vetting
 * module's tables (`molehunt vet`, docs/VET.md). Applicants are shown by
 * their applicant id, never by name; text passes the same redaction as
 * employees' (e-mail addresses become pseudonyms or "[email]"). A store
 * without the tables answers {"available": false} with empty lists, so the
 * dashboard can say that vetting has not run.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "vet/applicant.h"

#define APPLICANTS_MAX 500
#define CLUSTERS_MAX   200

/* Every string in j redacted in place, and names dropped. */
static void redact_all(const struct mh_ix *ix, cJSON *j)
{
	cJSON *c;

	if (cJSON_IsObject(j)) {
		cJSON_DeleteItemFromObjectCaseSensitive(j, "name");
		cJSON_DeleteItemFromObjectCaseSensitive(j, "surname");
	}
	if (cJSON_IsString(j)) {
		char *red = mh_ix_redact(ix, NULL, j->valuestring);

		cJSON_SetValuestring(j, red);
		free(red);
		return;
	}
	cJSON_ArrayForEach(c, j) redact_all(ix, c);
}

static int applicants(sqlite3 *db, const struct mh_ix *ix, cJSON *arr, long limit)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT id, score, applied_ms, vetted_at, findings"
	                            " FROM vet_applicants ORDER BY score DESC, id LIMIT ?",
	                            -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(q, 1, limit);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject(), *f;
		const char *fj = (const char *)sqlite3_column_text(q, 4);

		mh_json_str(o, "applicant", (const char *)sqlite3_column_text(q, 0));
		cJSON_AddNumberToObject(o, "score", sqlite3_column_double(q, 1));
		cJSON_AddNumberToObject(o, "applied_ms", (double)sqlite3_column_int64(q, 2));
		cJSON_AddNumberToObject(o, "vetted_at", (double)sqlite3_column_int64(q, 3));
		f = fj ? cJSON_Parse(fj) : NULL;
		if (!cJSON_IsArray(f)) {
			cJSON_Delete(f);
			f = cJSON_CreateArray();
		}
		redact_all(ix, f);
		cJSON_AddItemToObject(o, "findings", f);
		cJSON_AddItemToArray(arr, o);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int clusters(sqlite3 *db, const struct mh_ix *ix, cJSON *arr)
{
	sqlite3_stmt *q;
	int rc =
	    sqlite3_prepare_v2(db,
	                       "SELECT kind, value, count(*) AS n, group_concat(applicant_id, ' ')"
	                       " FROM vet_artifacts GROUP BY kind, value HAVING n >= 2"
	                       " ORDER BY n DESC, kind, value LIMIT ?",
	                       -1, &q, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int(q, 1, CLUSTERS_MAX);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject(), *ids = cJSON_CreateArray();
		int kind = sqlite3_column_int(q, 0);
		const char *v = (const char *)sqlite3_column_text(q, 1);
		const char *members = (const char *)sqlite3_column_text(q, 3);
		char *red = mh_ix_redact(ix, NULL, v ? v : "");

		cJSON_AddStringToObject(o, "kind",
		                        kind >= 0 && kind < MH_VA__COUNT ? mh_vet_kind_names[kind]
		                                                         : "unknown");
		cJSON_AddStringToObject(o, "value", red);
		free(red);
		cJSON_AddNumberToObject(o, "size", sqlite3_column_int(q, 2));
		while (members && *members) {
			size_t n = strcspn(members, " ");

			char id[128];

			snprintf(id, sizeof(id), "%.*s", (int)(n < 127 ? n : 127), members);
			cJSON_AddItemToArray(ids, cJSON_CreateString(id));
			members += n + (members[n] == ' ');
		}
		cJSON_AddItemToObject(o, "applicants", ids);
		cJSON_AddItemToArray(arr, o);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

int mh_api_applicants(struct mh_req *r)
{
	cJSON *o, *apps, *cls;
	const struct mh_ix *ix;
	sqlite3 *db;
	long limit;
	int have, rc = 0;

	if (mh_req_int(r, "limit", 100, 1, APPLICANTS_MAX, &limit))
		return 0;
	ix = mh_http_ix_get(r);
	if (!ix)
		return 0;
	o = cJSON_CreateObject();
	db = mh_http_db_lock(r->s);
	have = mh_http_has_module(db, "vet");
	cJSON_AddBoolToObject(o, "available", have);
	apps = cJSON_AddArrayToObject(o, "applicants");
	cls = cJSON_AddArrayToObject(o, "clusters");
	if (have)
		rc = applicants(db, ix, apps, limit) || clusters(db, ix, cls);
	if (rc)
		mh_reply_db_error(r, db, "reading applicants");
	mh_http_db_unlock(r->s);
	mh_http_ix_put(r->s, ix);
	if (rc) {
		cJSON_Delete(o);
		return 0;
	}
	return mh_reply_json(r, 200, o);
}
