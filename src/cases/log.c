#include "cases/log.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "store/store_cases.h"

void mh_chain_hash(const char *prev, const char *entry, size_t n, char *hash)
{
	struct mh_sha256 h;
	uint8_t d[MH_SHA256_LEN];

	mh_sha256_init(&h);
	mh_sha256_update(&h, prev, strlen(prev));
	mh_sha256_update(&h, "\n", 1);
	mh_sha256_update(&h, entry, n);
	mh_sha256_final(&h, d);
	mh_sha256_hex(d, hash);
}

int64_t mh_case_now(void)
{
	const char *e = getenv("MH_NOW_MS");
	struct timeval tv;

	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);

		if (!*end && v > 0)
			return (int64_t)v;
	}
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

char *mh_case_time(int64_t ms, char *buf, size_t cap)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	int frac = (int)(ms - (int64_t)t * 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
	return buf;
}

const char *mh_case_analyst(void)
{
	const char *a = getenv("MH_ANALYST");

	if (!a || !*a)
		a = getenv("USER");
	return a && *a ? a : "unknown";
}

int mh_case_append(struct mh_store *s, int64_t id, const char *kind, cJSON *data, char *head,
                   struct mh_err *err)
{
	char prev[MH_SHA256_HEX], hash[MH_SHA256_HEX], ts[40];
	int64_t entries;
	cJSON *e;
	char *text;
	int rc;

	if (mh_store_case_tail(s, id, &entries, prev, err)) {
		cJSON_Delete(data);
		return -1;
	}
	e = cJSON_CreateObject();
	cJSON_AddNumberToObject(e, "case", (double)id);
	cJSON_AddNumberToObject(e, "seq", (double)(entries + 1));
	cJSON_AddStringToObject(e, "ts", mh_case_time(mh_case_now(), ts, sizeof(ts)));
	cJSON_AddStringToObject(e, "by", mh_case_analyst());
	cJSON_AddStringToObject(e, "kind", kind);
	cJSON_AddItemToObject(e, "data", data ? data : cJSON_CreateObject());
	text = cJSON_PrintUnformatted(e);
	cJSON_Delete(e);
	if (!text)
		return mh_err_set(err, MH_EINPUT, "case %lld: cannot format entry", (long long)id);
	mh_chain_hash(prev, text, strlen(text), hash);
	rc = mh_store_case_put(s, id, entries + 1, text, prev, hash, err);
	free(text);
	if (!rc && head)
		memcpy(head, hash, MH_SHA256_HEX);
	return rc;
}

int mh_case_open(struct mh_store *s, cJSON *data, int64_t *id, struct mh_err *err)
{
	if (mh_store_case_new(s, mh_case_now(), id, err)) {
		cJSON_Delete(data);
		return -1;
	}
	return mh_case_append(s, *id, "case.open", data, NULL, err);
}

int mh_case_add_evidence(struct mh_store *s, int64_t id, const char *name, const char *role,
                         const void *data, size_t n, char *sha, struct mh_err *err)
{
	char hex[MH_SHA256_HEX];
	cJSON *d;

	mh_sha256_hexof(data, n, hex);
	if (mh_store_evidence_put(s, hex, data, n, mh_case_now(), err))
		return -1;
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "sha256", hex);
	cJSON_AddNumberToObject(d, "size", (double)n);
	cJSON_AddStringToObject(d, "name", name);
	cJSON_AddStringToObject(d, "role", role);
	if (sha)
		memcpy(sha, hex, MH_SHA256_HEX);
	return mh_case_append(s, id, "evidence", d, NULL, err);
}
