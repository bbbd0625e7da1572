/* ECS alert records from findings (alert/record.h). */
#include "alert/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "detect/detector.h"
#include "store/store.h"
#include "util/strmap.h"

static void iso(int64_t ms, char *buf, size_t cap)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n;

	gmtime_r(&t, &tm);
	n = strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, cap - n, ".%03dZ", (int)(((ms % 1000) + 1000) % 1000));
}

static cJSON *evidence(struct mh_store *store, const struct mh_finding *fd)
{
	cJSON *arr = cJSON_CreateArray();
	int i;

	for (i = 0; i < fd->nev; i++) {
		const struct mh_evidence *e = &fd->ev[i];
		cJSON *o = cJSON_CreateObject();
		char path[1024];

		if (e->file_id && store) {
			mh_store_source_path(store, e->file_id, path, sizeof(path));
			cJSON_AddStringToObject(o, "source", path);
			cJSON_AddNumberToObject(o, "line", (double)e->line);
		}
		cJSON_AddStringToObject(o, "text", e->text);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* The finding's identity and count, hashed: equal for a redelivered copy,
 * different once the finding is seen again. */
static void event_id(const struct mh_alert_ctx *c, const struct mh_finding *fd, char out[33])
{
	char id[512];
	size_t n = mh_finding_id(id, sizeof(id), fd->detector, c->st->ps[fd->person].dbid, fd->key);
	XXH128_hash_t h;

	n += (size_t)snprintf(id + n, sizeof(id) - n, "#%u", fd->count);
	h = XXH3_128bits(id, n < sizeof(id) ? n : sizeof(id) - 1);
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
	         (unsigned long long)h.low64);
}

static const char *level(const struct mh_alert_ctx *c, double score)
{
	return score >= c->critical_score ? "critical"
	       : score >= c->warn_score   ? "warning"
	                                  : "notice";
}

static void add_event(cJSON *o, const struct mh_alert_ctx *c, const struct mh_finding *fd,
                      const struct mh_score *sc)
{
	cJSON *ev = cJSON_AddObjectToObject(o, "event");
	char id[33];

	event_id(c, fd, id);
	cJSON_AddStringToObject(ev, "id", id);
	cJSON_AddStringToObject(ev, "kind", "alert");
	cJSON_AddItemToObject(ev, "category",
	                      cJSON_CreateStringArray((const char *[]){"threat"}, 1));
	cJSON_AddItemToObject(ev, "type",
	                      cJSON_CreateStringArray((const char *[]){"indicator"}, 1));
	cJSON_AddStringToObject(ev, "module", "molehunt");
	cJSON_AddStringToObject(ev, "dataset", "molehunt.finding");
	cJSON_AddNumberToObject(ev, "severity", fd->points);
	cJSON_AddNumberToObject(ev, "risk_score", sc->score);
}

static void add_rule(cJSON *o, const struct mh_finding *fd)
{
	const struct mh_detector *d = mh_detector_find(fd->detector);
	cJSON *rule = cJSON_AddObjectToObject(o, "rule");

	cJSON_AddStringToObject(rule, "id", fd->detector);
	cJSON_AddStringToObject(rule, "name", fd->detector);
	if (!d)
		return;
	cJSON_AddStringToObject(rule, "category", d->family);
	cJSON_AddStringToObject(rule, "description", d->summary);
	if (d->technique) {
		cJSON *th = cJSON_AddObjectToObject(o, "threat"), *tech;

		cJSON_AddStringToObject(th, "framework", "MITRE ATT&CK");
		tech = cJSON_AddObjectToObject(th, "technique");
		cJSON_AddItemToObject(tech, "id", cJSON_CreateStringArray(&d->technique, 1));
	}
}

cJSON *mh_alert_record(const struct mh_alert_ctx *c, const struct mh_finding *fd,
                       const struct mh_score *sc)
{
	const struct mh_state *st = c->st;
	const struct mh_pstate *ps = &st->ps[fd->person];
	const struct mh_roster_entry *e = NULL;
	cJSON *o = cJSON_CreateObject(), *user, *mh;
	char t[40];

	if (ps->roster != MH_NOBODY && st->people && st->people->roster)
		e = &st->people->roster->v[ps->roster];
	iso(fd->last_ms, t, sizeof(t));
	cJSON_AddStringToObject(o, "@timestamp", t);
	cJSON_AddStringToObject(o, "message", fd->summary);
	add_event(o, c, fd, sc);
	add_rule(o, fd);
	user = cJSON_AddObjectToObject(o, "user");
	cJSON_AddStringToObject(user, "id", ps->key);
	if (e) {
		cJSON_AddStringToObject(user, "email", e->email);
		if (e->name)
			cJSON_AddStringToObject(user, "full_name", e->name);
	}
	mh = cJSON_AddObjectToObject(o, "molehunt");
	cJSON_AddStringToObject(mh, "level", level(c, sc->score));
	cJSON_AddStringToObject(mh, "finding_key", fd->key);
	cJSON_AddNumberToObject(mh, "points", fd->points);
	cJSON_AddNumberToObject(mh, "count", fd->count);
	iso(fd->first_ms, t, sizeof(t));
	cJSON_AddStringToObject(mh, "first_seen", t);
	cJSON_AddBoolToObject(mh, "resolved", e != NULL);
	cJSON_AddItemToObject(mh, "evidence", evidence(c->store, fd));
	return o;
}

int mh_alert_each(const struct mh_alert_ctx *c, const struct mh_findings *f,
                  const struct mh_strmap *prev, const struct mh_score *scores,
                  int (*emit)(void *arg, const char *text, struct mh_err *err), void *arg,
                  size_t *n, struct mh_err *err)
{
	size_t i;

	*n = 0;
	for (i = 0; i < f->n; i++) {
		const struct mh_finding *fd = &f->v[i];
		char id[512];
		size_t idn = mh_finding_id(id, sizeof(id), fd->detector, c->st->ps[fd->person].dbid,
		                           fd->key);
		uint32_t before;
		cJSON *o;
		char *text;
		int rc;

		if (prev && mh_strmap_get(prev, id, idn, &before) && before == fd->count)
			continue;
		o = mh_alert_record(c, fd, &scores[fd->person]);
		text = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		rc = emit(arg, text, err);
		free(text);
		if (rc)
			return -1;
		(*n)++;
	}
	return 0;
}

static const char *str_at(const cJSON *a, const char *obj, const char *key)
{
	const cJSON *v =
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, obj), key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static double num_at(const cJSON *a, const char *obj, const char *key)
{
	const cJSON *v =
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, obj), key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

void mh_alert_view(const cJSON *a, struct mh_alert_view *v)
{
	const cJSON *th = cJSON_GetObjectItemCaseSensitive(a, "threat");
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(th, "technique"), "id");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(a, "molehunt"), "evidence");
	const cJSON *t0 = cJSON_GetArrayItem(ids, 0);

	memset(v, 0, sizeof(*v));
	v->id = str_at(a, "event", "id");
	v->detector = str_at(a, "rule", "id");
	v->person = str_at(a, "user", "id");
	v->level = str_at(a, "molehunt", "level");
	v->technique = cJSON_IsString(t0) ? t0->valuestring : "";
	v->score = num_at(a, "event", "risk_score");
	v->points = num_at(a, "molehunt", "points");
	v->has_evidence = cJSON_GetArraySize(ev) > 0;
}

cJSON *mh_alert_compact(const cJSON *a)
{
	cJSON *c = cJSON_Duplicate(a, 1);
	cJSON *mh = cJSON_GetObjectItemCaseSensitive(c, "molehunt");
	cJSON *ev = cJSON_GetObjectItemCaseSensitive(mh, "evidence");
	int n = cJSON_GetArraySize(ev);

	if (mh) {
		cJSON_DeleteItemFromObjectCaseSensitive(mh, "evidence");
		cJSON_AddNumberToObject(mh, "evidence_omitted", n);
	}
	return c;
}
