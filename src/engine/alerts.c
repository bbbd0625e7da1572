#include "engine/alerts.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

		if (e->file_id) {
			mh_store_source_path(store, e->file_id, path, sizeof(path));
			cJSON_AddStringToObject(o, "source", path);
			cJSON_AddNumberToObject(o, "line", (double)e->line);
		}
		cJSON_AddStringToObject(o, "text", e->text);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *alert(struct mh_store *store, const struct mh_state *st, const struct mh_finding *fd,
                    const struct mh_score *sc)
{
	const struct mh_detector *d = mh_detector_find(fd->detector);
	const struct mh_pstate *ps = &st->ps[fd->person];
	const struct mh_roster_entry *e = NULL;
	cJSON *o = cJSON_CreateObject(), *ev, *rule, *user, *mh;
	char t[40];

	if (ps->roster != MH_NOBODY && st->people && st->people->roster)
		e = &st->people->roster->v[ps->roster];
	iso(fd->last_ms, t, sizeof(t));
	cJSON_AddStringToObject(o, "@timestamp", t);
	cJSON_AddStringToObject(o, "message", fd->summary);
	ev = cJSON_AddObjectToObject(o, "event");
	cJSON_AddStringToObject(ev, "kind", "alert");
	cJSON_AddItemToObject(ev, "category",
	                      cJSON_CreateStringArray((const char *[]){"threat"}, 1));
	cJSON_AddItemToObject(ev, "type",
	                      cJSON_CreateStringArray((const char *[]){"indicator"}, 1));
	cJSON_AddStringToObject(ev, "module", "molehunt");
	cJSON_AddStringToObject(ev, "dataset", "molehunt.finding");
	cJSON_AddNumberToObject(ev, "severity", fd->points);
	cJSON_AddNumberToObject(ev, "risk_score", sc->score);
	rule = cJSON_AddObjectToObject(o, "rule");
	cJSON_AddStringToObject(rule, "id", fd->detector);
	cJSON_AddStringToObject(rule, "name", fd->detector);
	if (d) {
		cJSON_AddStringToObject(rule, "category", d->family);
		cJSON_AddStringToObject(rule, "description", d->summary);
		if (d->technique) {
			cJSON *th = cJSON_AddObjectToObject(o, "threat"), *tech;

			cJSON_AddStringToObject(th, "framework", "MITRE ATT&CK");
			tech = cJSON_AddObjectToObject(th, "technique");
			cJSON_AddItemToObject(tech, "id",
			                      cJSON_CreateStringArray(&d->technique, 1));
		}
	}
	user = cJSON_AddObjectToObject(o, "user");
	cJSON_AddStringToObject(user, "id", ps->key);
	if (e) {
		cJSON_AddStringToObject(user, "email", e->email);
		if (e->name)
			cJSON_AddStringToObject(user, "full_name", e->name);
	}
	mh = cJSON_AddObjectToObject(o, "molehunt");
	cJSON_AddStringToObject(mh, "finding_key", fd->key);
	cJSON_AddNumberToObject(mh, "points", fd->points);
	cJSON_AddNumberToObject(mh, "count", fd->count);
	iso(fd->first_ms, t, sizeof(t));
	cJSON_AddStringToObject(mh, "first_seen", t);
	cJSON_AddBoolToObject(mh, "resolved", e != NULL);
	cJSON_AddItemToObject(mh, "evidence", evidence(store, fd));
	return o;
}

int mh_alerts_write(const char *path, struct mh_store *store, const struct mh_state *st,
                    const struct mh_findings *f, const struct mh_strmap *prev,
                    const struct mh_score *scores, size_t *written, struct mh_err *err)
{
	FILE *out = fopen(path, "a");
	size_t i;

	*written = 0;
	if (!out)
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	for (i = 0; i < f->n; i++) {
		const struct mh_finding *fd = &f->v[i];
		char id[512];
		size_t n =
		    mh_finding_id(id, sizeof(id), fd->detector, st->ps[fd->person].dbid, fd->key);
		uint32_t before;
		cJSON *o;
		char *line;

		if (mh_strmap_get(prev, id, n, &before) && before == fd->count)
			continue;
		o = alert(store, st, fd, &scores[fd->person]);
		line = cJSON_PrintUnformatted(o);
		fprintf(out, "%s\n", line);
		free(line);
		cJSON_Delete(o);
		(*written)++;
	}
	if (fclose(out))
		return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
	return 0;
}
