/*
 * Unit tests for json/jx.h: every function, every error class, and the cJSON
 * oracle's rules on hand-made documents (each case also runs through the
 * differential check of json/jx_ref.h). The corpus-wide differential tests
 * are in test_jx_diff.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/jx.h"
#include "json/jx_ref.h"
#include "util/xalloc.h"

static struct mh_jx *compile(const char *const *paths, size_t n)
{
	struct mh_err err;
	struct mh_jx *jx = mh_jx_new(paths, n, &err);

	assert_non_null(jx);
	return jx;
}

/* Extract with one path; returns the mh_jx_extract result. */
static int one(const char *path, const char *doc, struct mh_jval *v)
{
	struct mh_jx *jx = compile(&path, 1);
	struct mh_err err;
	int rc = mh_jx_extract(jx, doc, strlen(doc), v, &err);

	mh_jx_free(jx);
	return rc;
}

static void assert_str(const struct mh_jval *v, const char *want, size_t wn)
{
	char buf[256];
	size_t n;

	assert_int_equal(v->type, MH_J_STRING);
	n = mh_jx_string(v, buf, sizeof(buf));
	assert_int_equal(n, wn);
	assert_memory_equal(buf, want, wn);
	assert_int_equal(buf[n], '\0');
}

static void check_differential(const struct mh_jx *jx, const char *doc, size_t n)
{
	struct mh_err err;

	if (mh_jx_ref_check(jx, doc, n, &err) < 0)
		fail_msg("%s\n  doc (%zu bytes): %.*s", err.msg, n, (int)(n < 300 ? n : 300), doc);
}

static void test_new_errors(void **state)
{
	const char *empty[] = {"a", ""}, *ctl[] = {"a\tb"};
	const char *many[MH_JX_MAX_PATHS + 1];
	char longp[MH_JX_MAX_PATH_LEN + 2];
	const char *lp[] = {longp};
	struct mh_err err;
	struct mh_jx *jx;

	assert_null(mh_jx_new(empty, 2, &err));
	assert_non_null(strstr(err.msg, "empty"));
	assert_null(mh_jx_new(ctl, 1, &err));
	assert_non_null(strstr(err.msg, "control"));
	memset(longp, 'x', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	assert_null(mh_jx_new(lp, 1, &err));
	assert_int_equal(err.code, MH_ELIMIT);
	longp[MH_JX_MAX_PATH_LEN] = '\0';
	jx = mh_jx_new(lp, 1, &err);
	assert_non_null(jx);
	assert_string_equal(mh_jx_path(jx, 0), longp);
	assert_null(mh_jx_path(jx, 1));
	mh_jx_free(jx);
	for (size_t i = 0; i <= MH_JX_MAX_PATHS; i++)
		many[i] = "a";
	assert_null(mh_jx_new(many, MH_JX_MAX_PATHS + 1, &err));
	jx = mh_jx_new(many, MH_JX_MAX_PATHS, &err);
	assert_non_null(jx);
	assert_int_equal(mh_jx_npaths(jx), MH_JX_MAX_PATHS);
	mh_jx_free(jx);
	jx = mh_jx_new(NULL, 0, &err);
	assert_non_null(jx);
	assert_int_equal(mh_jx_extract(jx, "{\"a\":1}", 7, (struct mh_jval[1]){{0}}, &err), 0);
	mh_jx_free(jx);
}

static void test_nested_and_dotted(void **state)
{
	const char *paths[] = {"client.ipAddress", "client.geo.city", "published",
	                       "client",           "a.b.c",           "missing",
	                       "client.ip"};
	struct mh_jx *jx = compile(paths, 7);
	const char *doc = "{\"published\":\"2024-01-01\",\"client\":{\"ipAddress\":\"1.2.3.4\","
	                  "\"geo.city\":\"Oslo\"},\"a.b\":{\"c\":7}}";
	struct mh_jval v[7];
	struct mh_err err;

	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), v, &err), 0);
	assert_str(&v[0], "1.2.3.4", 7);
	assert_str(&v[1], "Oslo", 4);
	assert_str(&v[2], "2024-01-01", 10);
	assert_int_equal(v[3].type, MH_J_OBJECT);
	assert_int_equal(v[3].p[0], '{');
	assert_int_equal(v[3].p[v[3].n - 1], '}');
	assert_int_equal(v[4].type, MH_J_NUMBER);
	assert_int_equal(v[4].n, 1);
	assert_int_equal(v[5].type, MH_J_ABSENT);
	assert_int_equal(v[6].type, MH_J_ABSENT);
	check_differential(jx, doc, strlen(doc));
	mh_jx_free(jx);
}

static void test_first_wins(void **state)
{
	struct mh_jval v;

	assert_int_equal(one("a", "{\"a\":1,\"a\":2}", &v), 0);
	assert_memory_equal(v.p, "1", 1);
	assert_int_equal(one("a.b", "{\"a\":{\"b\":1},\"a.b\":2}", &v), 0);
	assert_memory_equal(v.p, "1", 1);
	assert_int_equal(one("a.b", "{\"a.b\":2,\"a\":{\"b\":1}}", &v), 0);
	assert_memory_equal(v.p, "2", 1);
	/* First in document order, even when an earlier "a" lacks "b". */
	assert_int_equal(one("a.b", "{\"a\":{\"x\":1},\"a\":{\"b\":3}}", &v), 0);
	assert_memory_equal(v.p, "3", 1);
	assert_int_equal(one("a.b.c", "{\"a\":{\"b.c\":4,\"b\":{\"c\":5}}}", &v), 0);
	assert_memory_equal(v.p, "4", 1);
}

static void test_duplicate_paths_and_prefixes(void **state)
{
	const char *paths[] = {"a", "a.b", "a", "ab", "a.bc"};
	struct mh_jx *jx = compile(paths, 5);
	const char *doc = "{\"ab\":true,\"a\":{\"bc\":null,\"b\":false}}";
	struct mh_jval v[5];
	struct mh_err err;

	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), v, &err), 0);
	assert_int_equal(v[0].type, MH_J_OBJECT);
	assert_int_equal(v[2].type, MH_J_OBJECT);
	assert_ptr_equal(v[0].p, v[2].p);
	assert_int_equal(v[1].type, MH_J_FALSE);
	assert_int_equal(v[3].type, MH_J_TRUE);
	assert_int_equal(v[4].type, MH_J_NULL);
	check_differential(jx, doc, strlen(doc));
	mh_jx_free(jx);
}

static void test_types_and_spans(void **state)
{
	const char *paths[] = {"s", "e", "n", "t", "f", "z", "o", "a"};
	struct mh_jx *jx = compile(paths, 8);
	const char *doc =
	    " { \"s\" : \"x\" , \"e\":\"q\\\"\", \"n\": -1.5e+3 ,\"t\":true,\"f\":false,"
	    "\"z\":null,\"o\":{ },\"a\":[ 1 , 2 ] }\r\n\t";
	struct mh_jval v[8];
	struct mh_err err;

	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), v, &err), 0);
	assert_int_equal(v[0].escaped, 0);
	assert_int_equal(v[1].escaped, 1);
	assert_str(&v[1], "q\"", 2);
	assert_int_equal(v[2].type, MH_J_NUMBER);
	assert_memory_equal(v[2].p, "-1.5e+3", v[2].n);
	assert_int_equal(v[2].n, 7);
	assert_int_equal(v[3].type, MH_J_TRUE);
	assert_int_equal(v[3].n, 4);
	assert_int_equal(v[4].type, MH_J_FALSE);
	assert_int_equal(v[5].type, MH_J_NULL);
	assert_int_equal(v[6].n, 3);
	assert_int_equal(v[7].type, MH_J_ARRAY);
	assert_memory_equal(v[7].p, "[ 1 , 2 ]", v[7].n);
	check_differential(jx, doc, strlen(doc));
	mh_jx_free(jx);
}

static void test_escaped_keys_and_arrays(void **state)
{
	const char *paths[] = {"a.b", "q\"k", "arr.b", "arr"};
	struct mh_jx *jx = compile(paths, 4);
	const char *doc = "{\"\\u0061\":{\"\\u0062\":1},\"q\\\"k\":2,\"arr\":[{\"b\":3}]}";
	struct mh_jval v[4];
	struct mh_err err;

	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), v, &err), 0);
	assert_int_equal(v[0].type, MH_J_NUMBER);
	assert_int_equal(v[1].type, MH_J_NUMBER);
	assert_int_equal(v[2].type, MH_J_ABSENT); /* paths never enter arrays */
	assert_int_equal(v[3].type, MH_J_ARRAY);
	check_differential(jx, doc, strlen(doc));
	mh_jx_free(jx);
}

struct bad {
	const char *doc;
	size_t n; /* 0: strlen */
	unsigned col;
	const char *why;
};

static const struct bad bad_docs[] = {
    {"", 0, 1, "end of input"},
    {"   ", 0, 4, "end of input"},
    {"{\"a\":", 0, 6, "end of input"},
    {"{\"a\":1", 0, 7, "end of input"},
    {"{\"a\":\"xy", 0, 9, "end of input"},
    {"{\"a\":1,}", 0, 8, "key expected"},
    {"[1,]", 0, 4, "unexpected ']'"},
    {"{\"a\" 1}", 0, 6, "':' expected"},
    {"{\"a\":1 \"b\":2}", 0, 8, "',' or '}'"},
    {"[1 2]", 0, 4, "',' or ']'"},
    {"{1:2}", 0, 2, "key expected"},
    {"01", 0, 1, "leading zero"},
    {"[-01]", 0, 3, "leading zero"},
    {"1.", 0, 3, "end of input"},
    {"1.e5", 0, 3, "after decimal point"},
    {"-", 0, 2, "end of input"},
    {"-a", 0, 2, "digit expected"},
    {"1e+", 0, 4, "end of input"},
    {"[.5]", 0, 2, "unexpected '.'"},
    {"+1", 0, 1, "unexpected '+'"},
    {"tru", 0, 4, "end of input"},
    {"[nul]", 0, 5, "invalid literal"},
    {"True", 0, 1, "unexpected 'T'"},
    {"\"\\x\"", 0, 3, "invalid escape"},
    {"\"\\u12G4\"", 0, 6, "hex digit"},
    {"\"\\u12\"", 0, 6, "hex digit"},
    {"\"a\tb\"", 0, 3, "control character"},
    {"\"a\nb\"", 0, 3, "control character"},
    {"\"a\0b\"", 5, 3, "control character"},
    {"{}\0", 3, 3, "unexpected data"},
    {"[1,\0]", 5, 4, "unexpected byte 0x00"},
    {"\x0b{}", 0, 1, "unexpected byte 0x0b"},
    {"{} x", 0, 4, "unexpected data"},
    {"{}{}", 0, 3, "unexpected data"},
    {"[1]]", 0, 4, "unexpected data"},
    {"{\"a\":1}}", 0, 8, "unexpected data"},
    {" \xEF\xBB\xBF{}", 0, 2, "unexpected byte 0xef"},
    {"\xEF\xBB{}", 0, 1, "unexpected byte 0xef"},
    {"NaN", 0, 1, "unexpected 'N'"},
    {"[Infinity]", 0, 2, "unexpected 'I'"},
};

static void test_invalid_documents(void **state)
{
	const char *paths[] = {"a", "a.b"};
	struct mh_jx *jx = compile(paths, 2);

	for (size_t i = 0; i < sizeof(bad_docs) / sizeof(bad_docs[0]); i++) {
		const struct bad *b = &bad_docs[i];
		size_t n = b->n ? b->n : strlen(b->doc);
		char want[64];
		struct mh_jval v[2];
		struct mh_err err;

		if (mh_jx_extract(jx, b->doc, n, v, &err) == 0)
			fail_msg("accepted bad document #%zu", i);
		snprintf(want, sizeof(want), "column %u: ", b->col);
		if (strncmp(err.msg, want, strlen(want)) != 0 || !strstr(err.msg, b->why))
			fail_msg("#%zu: got \"%s\", want \"%s...%s\"", i, err.msg, want, b->why);
		assert_int_equal(err.code, MH_EINPUT);
		check_differential(jx, b->doc, n);
	}
	mh_jx_free(jx);
}

static char *nested(int depth, char open, char close, const char *inner)
{
	size_t n = strlen(inner), k = open == '{' ? 5 : 1;
	char *d = mh_malloc((size_t)depth * (k + 1) + n + 1), *p = d;

	for (int i = 0; i < depth; i++) {
		memcpy(p, open == '{' ? "{\"a\":" : "[", k);
		p += k;
	}
	memcpy(p, inner, n);
	p += n;
	for (int i = 0; i < depth; i++)
		*p++ = close;
	*p = '\0';
	return d;
}

static void test_depth(void **state)
{
	const char *paths[] = {"a.a.a", "a"};
	struct mh_jx *jx = compile(paths, 2);
	struct mh_jval v[2];
	struct mh_err err;
	int cases[] = {1, 63, 64, 65, 1000, 1001, 5000};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int obj = 0; obj < 2; obj++) {
			char *d = nested(cases[i], obj ? '{' : '[', obj ? '}' : ']', "0");
			int rc = mh_jx_extract(jx, d, strlen(d), v, &err);

			assert_int_equal(rc, cases[i] <= MH_JX_MAX_DEPTH ? 0 : -1);
			if (rc < 0)
				assert_non_null(strstr(err.msg, "nesting deeper than 64"));
			check_differential(jx, d, strlen(d));
			free(d);
		}
	}
	mh_jx_free(jx);
}

static void test_huge_string(void **state)
{
	size_t n = 1u << 20;
	char *doc = mh_malloc(n + 16), *buf = mh_malloc(n + 1);
	const char *path = "k";
	struct mh_jx *jx = compile(&path, 1);
	struct mh_jval v;
	struct mh_err err;

	memcpy(doc, "{\"k\":\"", 6);
	for (size_t i = 0; i < n; i++)
		doc[6 + i] = (char)('a' + i % 26);
	memcpy(doc + 6 + n - 2, "\\n", 2);
	memcpy(doc + 6 + n, "\"}", 2);
	assert_int_equal(mh_jx_extract(jx, doc, n + 8, &v, &err), 0);
	assert_int_equal(v.n, n);
	assert_int_equal(mh_jx_string(&v, buf, n + 1), n - 1);
	assert_int_equal(buf[n - 2], '\n');
	assert_int_equal(mh_jx_string(&v, buf, 11), 10);
	assert_string_equal(buf, "abcdefghij");
	check_differential(jx, doc, n + 8);
	doc[6 + n / 2] = '\x1f';
	assert_int_equal(mh_jx_extract(jx, doc, n + 8, &v, &err), -1);
	assert_non_null(strstr(err.msg, "control character"));
	check_differential(jx, doc, n + 8);
	assert_int_equal(mh_jx_extract(jx, doc, n / 3, &v, &err), -1);
	mh_jx_free(jx);
	free(doc);
	free(buf);
}

static void test_huge_numbers(void **state)
{
	const char *path = "x";
	struct mh_jx *jx = compile(&path, 1);
	char doc[1100];
	struct mh_jval v;
	struct mh_err err;
	double d;
	int64_t i;

	memcpy(doc, "{\"x\":1", 6);
	memset(doc + 6, '0', 999);
	memcpy(doc + 1005, "}", 2);
	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), &v, &err), 0);
	assert_int_equal(v.n, 1000);
	assert_int_equal(mh_jx_double(&v, &d), -1); /* 1e999 overflows */
	assert_int_equal(mh_jx_int(&v, &i), -1);
	check_differential(jx, doc, strlen(doc));
	memcpy(doc + 5, "0.", 2); /* 0.000...0 with 998 fraction digits */
	doc[1004] = '7';
	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), &v, &err), 0);
	assert_int_equal(mh_jx_double(&v, &d), 0);
	assert_true(d == 0.0);
	check_differential(jx, doc, strlen(doc));
	memcpy(doc + 5, "1.", 2);
	assert_int_equal(mh_jx_extract(jx, doc, strlen(doc), &v, &err), 0);
	assert_int_equal(mh_jx_double(&v, &d), 0);
	assert_true(d == 1.0);
	check_differential(jx, doc, strlen(doc));
	mh_jx_free(jx);
}

static void test_numbers(void **state)
{
	struct {
		const char *tok;
		int int_ok;
		int64_t i;
		int dbl_ok;
		double d;
	} c[] = {
	    {"0", 1, 0, 1, 0.0},
	    {"-0", 1, 0, 1, -0.0},
	    {"9223372036854775807", 1, INT64_MAX, 1, 9223372036854775807.0},
	    {"-9223372036854775808", 1, INT64_MIN, 1, -9223372036854775808.0},
	    {"9223372036854775808", 0, 0, 1, 9223372036854775808.0},
	    {"-9223372036854775809", 0, 0, 1, -9223372036854775809.0},
	    {"1.0", 0, 0, 1, 1.0},
	    {"1e2", 0, 0, 1, 100.0},
	    {"0.1", 0, 0, 1, 0.1},
	    {"-1.5E-3", 0, 0, 1, -1.5e-3},
	    {"1e308", 0, 0, 1, 1e308},
	    {"1e309", 0, 0, 0, 0},
	    {"-1e309", 0, 0, 0, 0},
	    {"4.9406564584124654e-324", 0, 0, 1, 4.9406564584124654e-324},
	    {"1e-400", 0, 0, 1, 0.0},
	    {"123456789012345678901234567890", 0, 0, 1, 123456789012345678901234567890.0},
	    {"9007199254740993", 1, 9007199254740993, 1, 9007199254740992.0},
	    {"0.30000000000000004", 0, 0, 1, 0.30000000000000004},
	};
	char doc[128];

	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		struct mh_jval v;
		int64_t i = 42;
		double d = 42;

		snprintf(doc, sizeof(doc), "{\"n\":%s}", c[k].tok);
		assert_int_equal(one("n", doc, &v), 0);
		assert_int_equal(mh_jx_int(&v, &i), c[k].int_ok ? 0 : -1);
		if (c[k].int_ok)
			assert_true(i == c[k].i);
		assert_int_equal(mh_jx_int_str(&v, &i), c[k].int_ok ? 0 : -1);
		assert_int_equal(mh_jx_double(&v, &d), c[k].dbl_ok ? 0 : -1);
		if (c[k].dbl_ok) {
			assert_memory_equal(&d, &c[k].d, sizeof(d));
			assert_true(signbit(d) == signbit(c[k].d));
		}
	}
}

static void test_int_str(void **state)
{
	struct mh_jval v;
	int64_t i = 0;

	assert_int_equal(one("n", "{\"n\":\"1589\"}", &v), 0);
	assert_int_equal(mh_jx_int_str(&v, &i), 0);
	assert_true(i == 1589);
	assert_int_equal(mh_jx_int(&v, &i), -1);
	assert_int_equal(one("n", "{\"n\":\"-007\"}", &v), 0);
	assert_int_equal(mh_jx_int_str(&v, &i), 0);
	assert_true(i == -7);
	assert_int_equal(one("n", "{\"n\":\"\\u0031\\u0032\"}", &v), 0);
	assert_int_equal(mh_jx_int_str(&v, &i), 0);
	assert_true(i == 12);
	const char *bad[] = {"{\"n\":\"\"}",    "{\"n\":\"-\"}",
	                     "{\"n\":\" 1\"}",  "{\"n\":\"1.5\"}",
	                     "{\"n\":\"1e3\"}", "{\"n\":\"12a\"}",
	                     "{\"n\":\"+1\"}",  "{\"n\":true}",
	                     "{\"n\":null}",    "{\"n\":\"99999999999999999999\"}"};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(one("n", bad[k], &v), 0);
		assert_int_equal(mh_jx_int_str(&v, &i), -1);
	}
	v.type = MH_J_ABSENT;
	assert_int_equal(mh_jx_int_str(&v, &i), -1);
	assert_int_equal(mh_jx_double(&v, (double[]){0}), -1);
	assert_int_equal(mh_jx_int(NULL, &i), -1);
}

static void test_surrogates_and_escapes(void **state)
{
	struct {
		const char *doc;
		const char *want;
		size_t n;
	} c[] = {
	    {"{\"s\":\"\\ud83d\\ude00\"}", "\xF0\x9F\x98\x80", 4},
	    {"{\"s\":\"\\uD83D\\uDE00x\"}", "\xF0\x9F\x98\x80x", 5},
	    {"{\"s\":\"\\ud800\"}", "\xEF\xBF\xBD", 3},
	    {"{\"s\":\"\\udc00\\ud800\"}", "\xEF\xBF\xBD\xEF\xBF\xBD", 6},
	    {"{\"s\":\"\\ud800\\u0041\"}",
	     "\xEF\xBF\xBD"
	     "A",
	     4},
	    {"{\"s\":\"\\ud800\\ud800\\udc00\"}", "\xEF\xBF\xBD\xF0\x90\x80\x80", 7},
	    {"{\"s\":\"\\ud800\\n\"}", "\xEF\xBF\xBD\n", 4},
	    {"{\"s\":\"a\\u0000b\"}", "a\0b", 3},
	    {"{\"s\":\"\\u00e9\\u20AC\\/\\b\\f\\n\\r\\t\\\\\\\"\"}",
	     "\xC3\xA9\xE2\x82\xAC/\b\f\n\r\t\\\"", 13},
	};
	const char *path = "s";
	struct mh_jx *jx = compile(&path, 1);

	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		struct mh_jval v;

		assert_int_equal(one("s", c[k].doc, &v), 0);
		assert_int_equal(v.escaped, 1);
		assert_str(&v, c[k].want, c[k].n);
		check_differential(jx, c[k].doc, strlen(c[k].doc));
	}
	mh_jx_free(jx);
}

/* Unicode 15, 3.9 "U+FFFD Substitution of Maximal Subparts", Tables 3-8 to 3-11. */
static void test_invalid_utf8(void **state)
{
	struct {
		const char *raw;
		const char *want;
	} c[] = {
	    {"a\xF1\x80\x80\xE1\x80\xC2"
	     "b\x80"
	     "c\x80\xBF"
	     "d",
	     "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	     "b\xEF\xBF\xBD"
	     "c\xEF\xBF\xBD\xEF\xBF\xBD"
	     "d"},
	    {"\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41",
	     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	     "\xEF\xBF\xBD\x41"},
	    {"\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41",
	     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	     "\xEF\xBF\xBD\x41"},
	    {"\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF"
	                                             "\xBD\xEF\xBF\xBD\x41\xEF\xBF\xBD\xEF\xBF\xBD"
	                                             "\x42"},
	    {"\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41",
	     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\x41"},
	    {"ok \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF",
	     "ok \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"},
	    {"tail\xF0\x9F\x98", "tail\xEF\xBF\xBD"},
	};
	const char *path = "s";
	struct mh_jx *jx = compile(&path, 1);

	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		char doc[128];
		struct mh_jval v;
		size_t on;
		char *ref = mh_jx_ref_sanitize(c[k].raw, strlen(c[k].raw), &on);

		snprintf(doc, sizeof(doc), "{\"s\":\"%s\"}", c[k].raw);
		assert_int_equal(one("s", doc, &v), 0);
		assert_int_equal(v.escaped, 0);
		assert_str(&v, c[k].want, strlen(c[k].want));
		assert_int_equal(on, strlen(c[k].want));
		assert_memory_equal(ref, c[k].want, on);
		free(ref);
		check_differential(jx, doc, strlen(doc));
	}
	mh_jx_free(jx);
}

/* Special bytes at every offset of strings up to 200 bytes long, so that the
 * 16-byte, 32-byte and byte-wise scanning loops and their hand-overs all see
 * them; the document ends right after the string. */
static void test_string_boundaries(void **state)
{
	const char *path = "s";
	struct mh_jx *jx = compile(&path, 1);
	char doc[256], want[256], got[256];

	for (size_t len = 1; len <= 200; len++) {
		for (size_t k = 0; k < len; k++) {
			struct mh_jval v;
			struct mh_err err;
			size_t n = 6 + len + 2;
			const char *esc;
			char col[32];

			memcpy(doc, "{\"s\":\"", 6);
			for (size_t i = 0; i < len; i++)
				doc[6 + i] = want[i] = (char)('a' + i % 26);
			memcpy(doc + 6 + len, "\"}", 2);
			doc[6 + k] = '\x01';
			assert_int_equal(mh_jx_extract(jx, doc, n, &v, &err), -1);
			snprintf(col, sizeof(col), "column %zu: control", 7 + k);
			assert_non_null(strstr(err.msg, col));
			doc[6 + k] = '\\';
			want[k] = '\\';
			esc = k + 1 < len ? strchr("b\bf\fn\nr\rt\t", doc[7 + k]) : NULL;
			assert_int_equal(mh_jx_extract(jx, doc, n, &v, &err), esc ? 0 : -1);
			if (esc) {
				want[k] = esc[1];
				memmove(want + k + 1, want + k + 2, len - k - 2);
				assert_int_equal(mh_jx_string(&v, got, sizeof(got)), len - 1);
				assert_memory_equal(got, want, len - 1);
			}
			doc[6 + k] = '"';
			assert_int_equal(mh_jx_extract(jx, doc, n, &v, &err), -1);
			doc[6 + k + 1] = '}';
			assert_int_equal(mh_jx_extract(jx, doc, 6 + k + 2, &v, &err), 0);
			assert_int_equal(v.n, k);
		}
	}
	mh_jx_free(jx);
}

static void test_string_truncation(void **state)
{
	struct mh_jval v;
	char buf[8];

	assert_int_equal(one("s", "{\"s\":\"ab\\u20ACcd\\ud83d\\ude00\"}", &v), 0);
	assert_int_equal(mh_jx_string(&v, buf, 3), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(mh_jx_string(&v, buf, 5), 2); /* never half a euro sign */
	assert_int_equal(mh_jx_string(&v, buf, 6), 5);
	assert_int_equal(mh_jx_string(&v, buf, 8), 7);
	assert_int_equal(mh_jx_string(&v, buf, 1), 0);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(mh_jx_string(&v, buf, 0), 0);
	assert_int_equal(one("s", "{\"s\":1}", &v), 0);
	buf[0] = 'x';
	assert_int_equal(mh_jx_string(&v, buf, sizeof(buf)), 0);
	assert_int_equal(buf[0], '\0');
}

static void test_array_next(void **state)
{
	struct mh_jval v, el;
	size_t pos = 0;
	int64_t i;
	char buf[16];

	assert_int_equal(one("a", "{\"a\":[ 1 ,\"x\\n\", [2,[]],{\"k\":1} ,null ]}", &v), 0);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 1);
	assert_int_equal(el.type, MH_J_NUMBER);
	assert_int_equal(mh_jx_int(&el, &i), 0);
	assert_true(i == 1);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 1);
	assert_int_equal(el.escaped, 1);
	assert_int_equal(mh_jx_string(&el, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "x\n");
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 1);
	assert_int_equal(el.type, MH_J_ARRAY);
	assert_memory_equal(el.p, "[2,[]]", el.n);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 1);
	assert_int_equal(el.type, MH_J_OBJECT);
	assert_int_equal(el.n, 7);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 1);
	assert_int_equal(el.type, MH_J_NULL);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 0);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 0);
	pos = 0;
	assert_int_equal(one("a", "{\"a\":[ ]}", &v), 0);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 0);
	pos = 0;
	assert_int_equal(one("a", "{\"a\":{}}", &v), 0);
	assert_int_equal(mh_jx_array_next(&v, &pos, &el), 0);
}

static void test_skip_value(void **state)
{
	struct mh_err err;
	size_t end = 0;
	const char *d = "  [1,{\"a\":[]}] , {\"b\":2}";

	assert_int_equal(mh_jx_skip_value(d, strlen(d), &end, &err), 0);
	assert_int_equal(end, 14);
	assert_int_equal(mh_jx_skip_value(d + 17, strlen(d) - 17, &end, &err), 0);
	assert_int_equal(end, 7);
	assert_int_equal(mh_jx_skip_value("\"x\"garbage", 10, &end, &err), 0);
	assert_int_equal(end, 3);
	assert_int_equal(mh_jx_skip_value("[1,", 3, &end, &err), -1);
	assert_string_equal(err.msg, "column 4: unexpected end of input");
	assert_int_equal(mh_jx_skip_value(" ", 1, &end, &err), -1);
	assert_int_equal(mh_jx_skip_value("[01]", 4, &end, &err), -1);
}

static void test_bom(void **state)
{
	struct mh_jval v;

	assert_int_equal(one("a", "\xEF\xBB\xBF {\"a\":1}", &v), 0);
	assert_int_equal(v.type, MH_J_NUMBER);
	assert_int_equal(one("a", "\xEF\xBB\xBF\xEF\xBB\xBF{\"a\":1}", &v), -1);
}

/* Cases where cJSON and RFC 8259 part ways: the oracle's rules must hold. */
static void test_oracle_rules(void **state)
{
	static const char *docs[] = {
	    "{\"a\":01}",
	    "{\"a\":1.}",
	    "{\"a\":-.5}",
	    "{\"a\":1.e5}",
	    "{\"a\":\"x\x01\"}",
	    "{\"a\":\x01"
	    "1}",
	    "\x0c{}",
	    "{\"\\u0000\":1,\"a\":2}",
	    "{\"a\\u0000\":1,\"a\":2}",
	    "{\"a\":\"\\u0000\"}",
	    "{\"\\ud800\":{\"b\":1}}",
	    "{\"a\":\"\\udfff\"}",
	    "\xEF\xBB\xBF{\"a\":{\"b\":[1,\"\\ud800\"]}}",
	    "{\"a\":[1e999,-1e999,1e-999]}",
	    "{\"a\":\"\xff\xfe\"}",
	    "{\"\":{\"b\":1},\".b\":2}",
	    "{\"a\":{\"\":{\"b\":3}}}",
	};
	const char *paths[] = {"a", "a.b", ".b", "a..b", "\xEF\xBF\xBD.b"};
	struct mh_jx *jx = compile(paths, 5);

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		check_differential(jx, docs[i], strlen(docs[i]));
	mh_jx_free(jx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_new_errors),
	    cmocka_unit_test(test_nested_and_dotted),
	    cmocka_unit_test(test_first_wins),
	    cmocka_unit_test(test_duplicate_paths_and_prefixes),
	    cmocka_unit_test(test_types_and_spans),
	    cmocka_unit_test(test_escaped_keys_and_arrays),
	    cmocka_unit_test(test_invalid_documents),
	    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_huge_string),
	    cmocka_unit_test(test_huge_numbers),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_int_str),
	    cmocka_unit_test(test_surrogates_and_escapes),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_string_boundaries),
	    cmocka_unit_test(test_string_truncation),
	    cmocka_unit_test(test_array_next),
	    cmocka_unit_test(test_skip_value),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_oracle_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
