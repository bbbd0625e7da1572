/*
 * GET /api/applicants: applicants and the clusters that share identity
 * artifacts, from the vetting module's tables (`molehunt vet`). A store
 * without them answers {"available": false} with empty lists, so the
 * dashboard can say that vetting has not run.
 */
#include <sqlite3.h>

#include "http/http_int.h"

int mh_api_applicants(struct mh_req *r)
{
	cJSON *o = cJSON_CreateObject();
	sqlite3 *db = mh_http_db_lock(r->s);
	int have = mh_http_has_module(db, "vet");

	mh_http_db_unlock(r->s);
	cJSON_AddBoolToObject(o, "available", have);
	cJSON_AddArrayToObject(o, "applicants");
	cJSON_AddArrayToObject(o, "clusters");
	return mh_reply_json(r, 200, o);
}
