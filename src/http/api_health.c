/* GET /api/health: liveness, store and ingest status (with the Kafka
 * consumer's, when serve consumes Kafka). GET /api/whoami: the
 * caller's role (the dashboard's sign-in check). */
#include <sqlite3.h>

#include "http/http_int.h"
#include "http/ingest.h"
#include "store/schema.h"

static const char *const modules[] = {"core", "serve", "vet", "cases", "alerts", "kafka", NULL};

int mh_api_health(struct mh_req *r)
{
	cJSON *o = cJSON_CreateObject(), *schema, *ingest;
	const struct mh_ix *ix;
	sqlite3 *db;
	int i;

	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddNumberToObject(o, "uptime_s",
	                        (double)(mh_http_now_ms() - r->s->started_ms) / 1000.0);
	cJSON_AddNumberToObject(o, "requests",
	                        (double)__atomic_load_n(&r->s->requests, __ATOMIC_RELAXED));
	cJSON_AddNumberToObject(o, "rejected",
	                        (double)__atomic_load_n(&r->s->rejected, __ATOMIC_RELAXED));
	schema = cJSON_AddObjectToObject(o, "schema");
	db = mh_http_db_lock(r->s);
	for (i = 0; modules[i]; i++)
		cJSON_AddNumberToObject(schema, modules[i], mh_schema_version(db, modules[i]));
	mh_http_db_unlock(r->s);
	ix = mh_http_ix_get(r);
	if (!ix) {
		cJSON_Delete(o);
		return 0;
	}
	cJSON_AddNumberToObject(o, "people", (double)ix->n);
	cJSON_AddNumberToObject(o, "flagged", ix->flagged);
	cJSON_AddNumberToObject(o, "index_built_ms", (double)ix->built_ms);
	mh_http_ix_put(r->s, ix);
	ingest = mh_ingester_status(r->s->ing);
	if (r->s->kafka)
		cJSON_AddItemToObject(ingest, "kafka", mh_kafka_status(r->s->kafka));
	else
		cJSON_AddNullToObject(ingest, "kafka");
	cJSON_AddItemToObject(o, "ingest", ingest);
	return mh_reply_json(r, 200, o);
}

int mh_api_whoami(struct mh_req *r)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "role", mh_role_name(r->tok->role));
	cJSON_AddStringToObject(o, "token", r->tok->id);
	cJSON_AddStringToObject(o, "label", r->tok->label);
	cJSON_AddBoolToObject(o, "can_reveal", r->tok->role >= MH_ROLE_INVESTIGATOR);
	return mh_reply_json(r, 200, o);
}
