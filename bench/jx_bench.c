/*
 * Microbenchmark for json/jx.h: ~64 MB of ~500-byte Okta System Log-like JSON
 * Lines generated in memory, then the best of 3 timed passes of
 *   split   memchr line splitting only (the floor),
 *   cjson   cJSON_ParseWithLength + 5 fields looked up,
 *   jx      mh_jx_extract with 10 paths,
 *   jx+str  the same plus mh_jx_string on the 5 fields cJSON decodes.
 * Prints one result line each and the jx/cJSON ratio; nothing else.
 * Usage: jx_bench [MB [PASS]]; PASS (split, cjson, jx, jx+str) runs that pass
 * alone, once per timing, e.g. for callgrind's instruction counts.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json/jx.h"
#include "util/xalloc.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *pick(const char *const *a, size_t n)
{
	return a[rnd() % n];
}

#define PICK(a) pick(a, sizeof(a) / sizeof(a[0]))

static const char *const events[] = {
    "user.session.start",      "user.authentication.sso", "user.authentication.auth_via_mfa",
    "policy.evaluate_sign_on", "user.session.end",        "system.mfa.factor.deactivate"};
static const char *const names[] = {"alice", "bob",   "chen.wei", "dmitri", "eve.o",
                                    "farid", "grace", "hiro_t",   "ines",   "jamal"};
static const char *const countries[] = {"United States", "Norway", "Japan",      "Brazil",
                                        "Germany",       "India",  "South Korea"};
static const char *const agents[] = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "okta-auth-js/7.4.1"};
static const char *const results[] = {"SUCCESS", "FAILURE", "ALLOW", "CHALLENGE"};

static int record(char *d, size_t cap)
{
	uint64_t r = rnd();

	return snprintf(
	    d, cap,
	    "{\"published\":\"2024-%02d-%02dT%02d:%02d:%02d.%03dZ\","
	    "\"eventType\":\"%s\",\"actor\":{\"id\":\"00u%07llx\","
	    "\"type\":\"User\",\"alternateId\":\"%s%d@example.com\"},"
	    "\"client\":{\"userAgent\":{\"rawUserAgent\":\"%s\"},\"ipAddress\":\"%d.%d.%d.%d\","
	    "\"geographicalContext\":{\"country\":\"%s\",\"geolocation\":{\"lat\":%.4f,"
	    "\"lon\":%.4f}}},\"outcome\":{\"result\":\"%s\"},"
	    "\"securityContext\":{\"asNumber\":%d,\"isProxy\":%s},\"debugContext\":{"
	    "\"debugData\":{\"dtHash\":\"%012llx\"}}}\n",
	    (int)(r % 12) + 1, (int)(r >> 8) % 28 + 1, (int)(r >> 16) % 24, (int)(r >> 24) % 60,
	    (int)(r >> 32) % 60, (int)(r >> 40) % 1000, PICK(events),
	    (unsigned long long)(r >> 20) & 0xfffffff, PICK(names), (int)(r % 97), PICK(agents),
	    (int)(rnd() % 223) + 1, (int)(rnd() % 256), (int)(rnd() % 256), (int)(rnd() % 254) + 1,
	    PICK(countries), (double)(rnd() % 18000) / 100 - 90,
	    (double)(rnd() % 36000) / 100 - 180, PICK(results), (int)(rnd() % 400000),
	    rnd() % 9 ? "false" : "true", (unsigned long long)rnd() & 0xffffffffffffull);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct ctx {
	const char *buf;
	size_t n;
	struct mh_jx *jx;
	uint64_t sink;
};

typedef void (*pass_fn)(struct ctx *c);

static void pass_split(struct ctx *c)
{
	const char *p = c->buf, *e = c->buf + c->n;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		c->sink += (uint64_t)(nl - p);
		p = nl + 1;
	}
}

static void pass_cjson(struct ctx *c)
{
	static const char *const top[] = {"published", "eventType"};
	const char *p = c->buf, *e = c->buf + c->n;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		cJSON *j = cJSON_ParseWithLength(p, (size_t)(nl - p));
		const cJSON *f[5];

		f[0] = cJSON_GetObjectItemCaseSensitive(j, top[0]);
		f[1] = cJSON_GetObjectItemCaseSensitive(j, top[1]);
		f[2] = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(j, "actor"), "alternateId");
		f[3] = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(j, "client"), "ipAddress");
		f[4] = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(j, "outcome"), "result");
		for (int i = 0; i < 5; i++)
			c->sink += cJSON_IsString(f[i]) ? (uint64_t)strlen(f[i]->valuestring) : 0;
		cJSON_Delete(j);
		p = nl + 1;
	}
}

static void extract_lines(struct ctx *c, int decode)
{
	const char *p = c->buf, *e = c->buf + c->n;
	struct mh_jval v[MH_JX_MAX_PATHS];
	struct mh_err err;
	char s[256];

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		if (mh_jx_extract(c->jx, p, (size_t)(nl - p), v, &err) < 0) {
			fprintf(stderr, "jx_bench: %s\n", err.msg);
			exit(3);
		}
		for (int i = 0; i < 5; i++)
			c->sink += decode ? mh_jx_string(&v[i], s, sizeof(s)) : v[i].n;
		p = nl + 1;
	}
}

static void pass_jx(struct ctx *c)
{
	extract_lines(c, 0);
}

static void pass_jx_str(struct ctx *c)
{
	extract_lines(c, 1);
}

static double best_mbs(struct ctx *c, pass_fn f)
{
	double best = 1e30;

	f(c); /* warm-up: caches, branch predictors, allocator */
	for (int i = 0; i < 3; i++) {
		double t0 = now(), t;

		f(c);
		t = now() - t0;
		if (t < best)
			best = t;
	}
	return (double)c->n / best / 1e6;
}

static const struct {
	const char *name, *label;
	pass_fn fn;
} passes[] = {
    {"split", "split lines         ", pass_split},
    {"cjson", "cJSON parse+5 fields", pass_cjson},
    {"jx", "jx extract 10 paths ", pass_jx},
    {"jx+str", "jx extract+5 strings", pass_jx_str},
};

#define NPASSES (sizeof(passes) / sizeof(passes[0]))

static void generate(struct ctx *c, size_t want)
{
	static const char *const paths[] = {"published",
	                                    "eventType",
	                                    "actor.alternateId",
	                                    "client.ipAddress",
	                                    "outcome.result",
	                                    "client.geographicalContext.country",
	                                    "securityContext.asNumber",
	                                    "securityContext.isProxy",
	                                    "debugContext.debugData.dtHash",
	                                    "client.userAgent.rawUserAgent"};
	char *buf = mh_malloc(want + 4096);
	struct mh_err err;
	size_t lines = 0;

	while (c->n < want) {
		c->n += (size_t)record(buf + c->n, 4096);
		lines++;
	}
	c->buf = buf;
	c->jx = mh_jx_new(paths, sizeof(paths) / sizeof(paths[0]), &err);
	if (!c->jx) {
		fprintf(stderr, "jx_bench: %s\n", err.msg);
		exit(3);
	}
	printf("jx_bench: %.1f MB, %zu records, %.0f bytes each on average\n", (double)c->n / 1e6,
	       lines, (double)c->n / (double)lines);
}

int main(int argc, char **argv)
{
	size_t want = (size_t)(argc > 1 ? strtoul(argv[1], NULL, 10) : 64) << 20;
	const char *only = argc > 2 ? argv[2] : NULL;
	double mbs[NPASSES] = {0};
	struct ctx c = {0};

	generate(&c, want);
	for (size_t i = 0; i < NPASSES; i++) {
		if (only && strcmp(only, passes[i].name) != 0)
			continue;
		mbs[i] = only ? (double)c.n / 1e6 : best_mbs(&c, passes[i].fn);
		if (only)
			passes[i].fn(&c);
		else
			printf("%s %8.0f MB/s\n", passes[i].label, mbs[i]);
	}
	if (!only)
		printf("ratio jx/cJSON       %8.1fx\n", mbs[2] / mbs[1]);
	mh_jx_free(c.jx);
	free((char *)c.buf);
	return c.sink == 0;
}
