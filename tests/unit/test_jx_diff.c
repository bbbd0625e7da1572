/*
 * Differential tests of json/jx.h against the cJSON oracle (json/jx_ref.h)
 * over every line of every .jsonl file in ../shared/data/panther/ and over
 * seeded random mutations of those lines (byte flips, truncations, deletions,
 * duplicated slices), and over random documents whose keys collide through
 * dots, escapes and duplicates: verdicts and all values must agree. Run from
 * the repository root; without the data the corpus tests are skipped with a
 * message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/jx.h"
#include "json/jx_ref.h"
#include "util/xalloc.h"

#define PANTHER_DIR "../shared/data/panther"

static struct mh_jx *compile(const char *const *paths, size_t n)
{
	struct mh_err err;
	struct mh_jx *jx = mh_jx_new(paths, n, &err);

	assert_non_null(jx);
	return jx;
}

static void check_differential(const struct mh_jx *jx, const char *doc, size_t n)
{
	struct mh_err err;

	if (mh_jx_ref_check(jx, doc, n, &err) < 0)
		fail_msg("%s\n  doc (%zu bytes): %.*s", err.msg, n, (int)(n < 300 ? n : 300), doc);
}

struct corpus {
	char **lines;
	size_t *lens;
	const char **paths;
	size_t n, cap;
};

static const char *const panther_paths[] = {
    "published",
    "eventType",
    "actor.alternateId",
    "client.ipAddress",
    "client.geographicalContext",
    "client.geographicalContext.country",
    "securityContext.isProxy",
    "securityContext.asNumber",
    "debugContext.debugData.dtHash",
    "outcome.result",
    "target",
    "action",
    "actor",
    "actor_ip",
    "repo",
    "@timestamp",
    "created_at",
    "properties.ipAddress",
    "properties.userPrincipalName",
    "properties.status.errorCode",
    "properties.location.countryOrRegion",
    "category",
    "time",
    "name",
    "hostIdentifier",
    "unixTime",
    "columns.vendor_id",
    "columns",
    "action.x",
};

static void corpus_add(struct corpus *c, const char *line, size_t n)
{
	c->lines = mh_grow(c->lines, &c->cap, c->n + 1, sizeof(*c->lines));
	c->lens = mh_realloc(c->lens, c->cap * sizeof(*c->lens));
	c->lines[c->n] = mh_strndup(line, n);
	c->lens[c->n++] = n;
}

static int load_panther(struct corpus *c)
{
	DIR *dir = opendir(PANTHER_DIR);
	struct dirent *de;

	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		size_t nl = strlen(de->d_name);
		char path[512], *line = NULL;
		size_t cap = 0;
		ssize_t len;
		FILE *f;

		if (nl < 6 || strcmp(de->d_name + nl - 6, ".jsonl") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", PANTHER_DIR, de->d_name);
		f = fopen(path, "r");
		assert_non_null(f);
		while ((len = getline(&line, &cap, f)) > 0) {
			if (line[len - 1] == '\n')
				len--;
			corpus_add(c, line, (size_t)len);
		}
		free(line);
		fclose(f);
	}
	closedir(dir);
	return 0;
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->lines[i]);
	free(c->lines);
	free(c->lens);
}

static void test_differential_panther(void **state)
{
	struct mh_jx *jx =
	    compile((const char **)panther_paths, sizeof(panther_paths) / sizeof(panther_paths[0]));
	struct corpus c = {0};
	size_t found = 0;

	if (load_panther(&c) < 0) {
		print_message("[ SKIPPED  ] %s absent: run from the repository root\n",
		              PANTHER_DIR);
		mh_jx_free(jx);
		skip();
	}
	assert_true(c.n > 300);
	for (size_t i = 0; i < c.n; i++) {
		struct mh_jval v[MH_JX_MAX_PATHS];
		struct mh_err err;

		check_differential(jx, c.lines[i], c.lens[i]);
		if (mh_jx_extract(jx, c.lines[i], c.lens[i], v, &err) < 0)
			fail_msg("panther line %zu rejected: %s", i, err.msg);
		for (size_t k = 0; k < mh_jx_npaths(jx); k++)
			found += v[k].type != MH_J_ABSENT;
	}
	print_message("panther: %zu lines agree, %zu values found\n", c.n, found);
	assert_true(found > c.n);
	corpus_free(&c);
	mh_jx_free(jx);
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* One random edit: a byte flip to a structurally interesting or random
 * byte, a truncation, a deletion, or a duplicated slice. */
static size_t mutate(char *d, size_t n, size_t cap, uint64_t *rs)
{
	static const char interesting[] = "{}[]\",:\\0-e.E+ u\t\x01\x80\xff\xc3\xed";
	size_t at = n ? rng_next(rs) % n : 0;

	switch (rng_next(rs) % 5) {
	case 0:
		if (n)
			d[at] = interesting[rng_next(rs) % (sizeof(interesting) - 1)];
		return n;
	case 1:
		if (n)
			d[at] = (char)rng_next(rs);
		return n;
	case 2:
		return at;
	case 3: {
		size_t k = 1 + rng_next(rs) % 8;

		if (at + k > n)
			k = n - at;
		memmove(d + at, d + at + k, n - at - k);
		return n - k;
	}
	default: {
		size_t k = 1 + rng_next(rs) % 32;

		if (at + k > n)
			k = n - at;
		if (n + k > cap)
			return n;
		memmove(d + at + k, d + at, n - at);
		return n + k;
	}
	}
}

static void test_differential_mutations(void **state)
{
	struct mh_jx *jx =
	    compile((const char **)panther_paths, sizeof(panther_paths) / sizeof(panther_paths[0]));
	struct corpus c = {0};
	uint64_t rs = 0x9E3779B97F4A7C15ull;
	size_t valid = 0, total = 0;

	if (load_panther(&c) < 0) {
		print_message("[ SKIPPED  ] %s absent: run from the repository root\n",
		              PANTHER_DIR);
		mh_jx_free(jx);
		skip();
	}
	for (size_t i = 0; i < c.n; i++) {
		size_t cap = c.lens[i] + 512;
		char *d = mh_malloc(cap);

		for (int m = 0; m < 100; m++) {
			size_t n = c.lens[i];
			struct mh_jval v[MH_JX_MAX_PATHS];
			struct mh_err err;

			memcpy(d, c.lines[i], n);
			for (uint64_t k = 1 + rng_next(&rs) % 3; k; k--)
				n = mutate(d, n, cap, &rs);
			check_differential(jx, d, n);
			valid += mh_jx_extract(jx, d, n, v, &err) == 0;
			total++;
		}
		free(d);
	}
	print_message("mutations: %zu documents agree, %zu of them valid\n", total, valid);
	assert_true(valid > total / 20 && valid < total - total / 20);
	corpus_free(&c);
	mh_jx_free(jx);
}

/* ---- random documents over a small key alphabet ------------------------ */

struct gen {
	char *d;
	size_t n, cap;
	uint64_t rs;
};

static void emit(struct gen *g, const char *s)
{
	size_t k = strlen(s);

	g->d = mh_grow(g->d, &g->cap, g->n + k + 1, 1);
	memcpy(g->d + g->n, s, k);
	g->n += k;
}

static void gen_value(struct gen *g, int depth);

/* Keys that collide through dots, escapes and duplicates on purpose. */
static void gen_object(struct gen *g, int depth)
{
	static const char *const keys[] = {
	    "\"a\"",       "\"b\"",         "\"a.b\"",  "\"b.c\"",     "\"a.b.c\"",
	    "\"\\u0061\"", "\"a\\u002eb\"", "\"\"",     "\"c\"",       "\"ab\"",
	    "\"\\ud800\"", "\"\\u0000\"",   "\"\\\"\"", "\"\xc3\xa9\""};
	uint64_t k = rng_next(&g->rs) % 5;

	emit(g, "{");
	for (uint64_t i = 0; i < k; i++) {
		emit(g, i ? (rng_next(&g->rs) % 4 ? "," : " ,\n") : "");
		emit(g, keys[rng_next(&g->rs) % (sizeof(keys) / sizeof(keys[0]))]);
		emit(g, rng_next(&g->rs) % 4 ? ":" : " : ");
		gen_value(g, depth + 1);
	}
	emit(g, "}");
}

static void gen_value(struct gen *g, int depth)
{
	static const char *const scalars[] = {"1",
	                                      "-0",
	                                      "2.5e-3",
	                                      "1e400",
	                                      "true",
	                                      "false",
	                                      "null",
	                                      "\"x\"",
	                                      "\"\\u00e9\\n\"",
	                                      "\"\xff\"",
	                                      "12345678901234567890",
	                                      "\"\\ud83d\\ude00\""};
	uint64_t r = rng_next(&g->rs) % 10;

	if (depth < 6 && r < 4) {
		gen_object(g, depth);
	} else if (depth < 6 && r < 5) {
		emit(g, "[");
		for (uint64_t i = rng_next(&g->rs) % 4; i; i--) {
			gen_value(g, depth + 1);
			emit(g, i > 1 ? "," : "");
		}
		emit(g, "]");
	} else {
		emit(g, scalars[rng_next(&g->rs) % (sizeof(scalars) / sizeof(scalars[0]))]);
	}
}

static void test_differential_generated(void **state)
{
	static const char *const paths[] = {"a",  "a.b", "a.b.c",        "b.c", "ab",        "c",
	                                    ".a", "a.",  "\xef\xbf\xbd", "\"",  "a.\xc3\xa9"};
	struct mh_jx *jx = compile(paths, sizeof(paths) / sizeof(paths[0]));
	struct gen g = {.rs = 0xD1B54A32D192ED03ull};
	size_t found = 0;

	for (int i = 0; i < 20000; i++) {
		struct mh_jval v[MH_JX_MAX_PATHS];
		struct mh_err err;

		g.n = 0;
		gen_object(&g, 0);
		check_differential(jx, g.d, g.n);
		assert_int_equal(mh_jx_extract(jx, g.d, g.n, v, &err), 0);
		for (size_t k = 0; k < mh_jx_npaths(jx); k++)
			found += v[k].type != MH_J_ABSENT;
	}
	print_message("generated: 20000 documents agree, %zu values found\n", found);
	assert_true(found > 20000);
	free(g.d);
	mh_jx_free(jx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_differential_panther),
	    cmocka_unit_test(test_differential_mutations),
	    cmocka_unit_test(test_differential_generated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
