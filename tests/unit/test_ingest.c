/* mh_ingest_file: compression, record splitting, arrays, bad input, threads,
 * resume points. Inputs are generated into a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cmocka.h>

#include "ingest_capture.h"

static char dir[64];

static const char *tmp(const char *name)
{
	static char path[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

static char *okta_line(char *buf, size_t cap, unsigned i, size_t pad)
{
	char padding[2048];

	memset(padding, 'x', pad < sizeof(padding) ? pad : sizeof(padding) - 1);
	padding[pad < sizeof(padding) ? pad : sizeof(padding) - 1] = '\0';
	snprintf(
	    buf, cap,
	    "{\"published\":\"2024-03-01T12:00:%02u.000Z\",\"eventType\":\"user.session.start\","
	    "\"actor\":{\"alternateId\":\"u%u@example.com\",\"displayName\":\"%s\"},"
	    "\"client\":{\"ipAddress\":\"203.0.113.%u\"},\"outcome\":{\"result\":\"SUCCESS\"}}",
	    i % 60, i, padding, i % 250);
	return buf;
}

static int run(struct capture *c, const char *path, unsigned threads, struct mh_ingest_stats *st,
               struct mh_err *err)
{
	memset(c, 0, sizeof(*c));
	return cap_ingest(c, path, NULL, threads, st, err);
}

static void test_lines_crlf_blank_bom(void **state)
{
	char a[1024], b[1024], all[4096];
	struct capture c;
	struct mh_ingest_stats st;
	struct mh_err err = {0};
	int k;

	(void)state;
	k = snprintf(all, sizeof(all), "\xef\xbb\xbf%s\r\n\r\n  \n%s",
	             okta_line(a, sizeof(a), 1, 0), okta_line(b, sizeof(b), 2, 0));
	write_file(tmp("crlf.jsonl"), all, (size_t)k);
	assert_int_equal(run(&c, tmp("crlf.jsonl"), 1, &st, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.nrej, 0);
	assert_int_equal(c.v[0].ev.line, 1);
	assert_int_equal(c.v[1].ev.line, 4);
	assert_string_equal(c.v[1].user, "u2@example.com");
	assert_int_equal(st.lines, 4);
	assert_int_equal(st.offset, (uint64_t)k);
	assert_int_equal(st.bytes, (uint64_t)k);
	assert_string_equal(st.format, "okta");
	cap_free(&c);

	write_file(tmp("empty.jsonl"), "", 0);
	assert_int_equal(run(&c, tmp("empty.jsonl"), 1, &st, &err), 0);
	assert_int_equal(st.events + st.records + st.rejected, 0);
	assert_string_equal(st.format, "");
	write_file(tmp("blank.jsonl"), "\n\r\n  \n", 6);
	assert_int_equal(run(&c, tmp("blank.jsonl"), 2, &st, &err), 0);
	assert_int_equal(st.records, 0);
	cap_free(&c);
}

static void test_bad_records(void **state)
{
	static const char *const lines[] = {
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"user.session.start\","
	    "\"actor\":{\"alternateId\":\"ok@x.com\"}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"user.session.start\"",
	    "{\"published\":5,\"eventType\":\"user.session.start\",\"actor\":{\"alternateId\":"
	    "\"a\"}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"x\",\"actor\":\"x\"}",
	    "{\"published\":\"2024-02-30T12:00:00Z\",\"eventType\":\"x\",\"actor\":{"
	    "\"alternateId\":\"a\"}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"x\",\"actor\":{"
	    "\"alternateId\":\"\xff\xfe\"}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"x\",\"actor\":{"
	    "\"alternateId\":\"a\\u0000b\"}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"x\",\"actor\":{"
	    "\"alternateId\":\"a\"},"
	    "\"securityContext\":{\"asNumber\":123456789012345678901234567890}}",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"x\",\"actor\":{"
	    "\"alternateId\":\"a\"},"
	    "\"client\":{\"ipAddress\":\"999.1.1.1\"}}",
	    "not json at all",
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"user.session.start\","
	    "\"actor\":{\"alternateId\":\"last@x.com\"}}",
	};
	static const char *const want[] = {
	    ":2: invalid JSON",
	    ":3: field 'published' is not a timestamp",
	    ":4: field 'actor' is not an object",
	    ":5: field 'published' is not a timestamp",
	    ":6: field 'actor.alternateId' is not valid UTF-8",
	    ":7: field 'actor.alternateId' contains a NUL character",
	    ":8: field 'securityContext.asNumber' is not a non-negative integer",
	    ":9: field 'client.ipAddress' is not an IP address",
	    ":10: invalid JSON",
	};
	char all[8192];
	size_t k = 0;
	struct capture c;
	struct mh_ingest_stats st;
	struct mh_err err = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		k += (size_t)snprintf(all + k, sizeof(all) - k, "%s\n", lines[i]);
	all[k] = '\0';
	/* a raw NUL byte inside a string on line 11 */
	char *p = strstr(all, "last@x.com");
	write_file(tmp("bad.jsonl"), all, k);
	assert_int_equal(run(&c, tmp("bad.jsonl"), 1, &st, &err), 0);
	cap_print_rejects(&c);
	assert_int_equal(st.rejected, sizeof(want) / sizeof(want[0]));
	assert_int_equal(c.nrej, st.rejected);
	for (size_t i = 0; i < c.nrej; i++) {
		char expect[256];

		snprintf(expect, sizeof(expect), "%s%s", tmp("bad.jsonl"), want[i]);
		assert_true(strncmp(c.rejects[i], expect, strlen(expect)) == 0);
	}
	assert_int_equal(c.n, 2);
	assert_string_equal(c.v[1].user, "last@x.com");
	assert_int_equal(c.v[1].ev.line, 11);
	cap_free(&c);

	p[1] = '\0';
	write_file(tmp("nul.jsonl"), all, k);
	assert_int_equal(run(&c, tmp("nul.jsonl"), 1, &st, &err), 0);
	assert_int_equal(st.rejected, sizeof(want) / sizeof(want[0]) + 1);
	assert_int_equal(c.n, 1);
	cap_free(&c);
}

static void test_overlong(void **state)
{
	size_t big = MH_MAX_RECORD + 100, k;
	char line[1024];
	char *all = malloc(big + 4096);
	struct capture c;
	struct mh_ingest_stats st;
	struct mh_err err = {0};

	(void)state;
	k = (size_t)snprintf(all, big + 4096, "%s\n{\"a\":\"", okta_line(line, sizeof(line), 1, 0));
	memset(all + k, 'y', big);
	k += big;
	k += (size_t)snprintf(all + k, big + 4096 - k, "\"}\n%s\n",
	                      okta_line(line, sizeof(line), 3, 0));
	write_file(tmp("long.jsonl"), all, k);
	for (unsigned t = 1; t <= 2; t++) {
		assert_int_equal(run(&c, tmp("long.jsonl"), t, &st, &err), 0);
		assert_int_equal(st.rejected, 1);
		assert_non_null(strstr(c.rejects[0], "long.jsonl:2: record longer than"));
		assert_int_equal(c.n, 2);
		/* two workers deliver in either order: the events are lines 1 and 3 */
		assert_true((c.v[0].ev.line == 1 && c.v[1].ev.line == 3) ||
		            (c.v[0].ev.line == 3 && c.v[1].ev.line == 1));
		assert_int_equal(st.lines, 3);
		cap_free(&c);
	}
	free(all);
}

static size_t gen_file(const char *path, unsigned n, char **out)
{
	char line[4096];
	size_t cap = (size_t)n * 700 + 1, k = 0;
	char *all = malloc(cap);

	for (unsigned i = 1; i <= n; i++) {
		okta_line(line, sizeof(line), i, (i * 7919u) % 400);
		k += (size_t)snprintf(all + k, cap - k, "%s\n", line);
		if (i % 1000 == 0)
			k += (size_t)snprintf(all + k, cap - k, "\n");
	}
	write_file(path, all, k);
	*out = all;
	return k;
}

static void test_gzip_zstd(void **state)
{
	char *plain;
	size_t n = gen_file(tmp("plain.jsonl"), 3000, &plain);
	size_t zcap = ZSTD_compressBound(n);
	char *z = malloc(zcap);
	size_t zn = ZSTD_compress(z, zcap, plain, n, 3);
	struct capture c;
	struct mh_ingest_stats st, ref;
	struct mh_err err = {0};
	gzFile g;

	(void)state;
	assert_int_equal(run(&c, tmp("plain.jsonl"), 1, &ref, &err), 0);
	cap_free(&c);
	write_file(tmp("x.zst"), z, zn);
	g = gzopen(tmp("x.gz"), "wb");
	gzwrite(g, plain, (unsigned)n);
	gzclose(g);
	for (int i = 0; i < 2; i++) {
		if (run(&c, tmp(i ? "x.gz" : "x.zst"), 2, &st, &err) != 0)
			fail_msg("%s", err.msg);
		assert_int_equal(st.events, 3000);
		assert_int_equal(st.lines, ref.lines);
		assert_int_equal(st.prefix_hash, ref.prefix_hash);
		assert_int_equal(c.v[2999].ev.line, 3002); /* blank lines after 1000 and 2000 */
		cap_free(&c);
	}
	/* truncated streams: error names the file, events before the damage kept */
	write_file(tmp("cut.zst"), z, zn / 2);
	assert_int_equal(run(&c, tmp("cut.zst"), 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "cut.zst:"));
	assert_non_null(strstr(err.msg, "truncated zstd stream"));
	assert_true(st.events > 100 && st.events < 3000);
	assert_true(c.v[c.n - 1].ev.line <= st.lines && st.offset < n);
	cap_free(&c);
	FILE *f = fopen(tmp("x.gz"), "rb");
	char *gz = malloc(n);
	size_t gn = fread(gz, 1, n, f);
	fclose(f);
	write_file(tmp("cut.gz"), gz, gn / 2);
	assert_int_equal(run(&c, tmp("cut.gz"), 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "cut.gz:"));
	assert_non_null(strstr(err.msg, "truncated gzip stream"));
	assert_true(st.events > 100 && st.events < 3000);
	cap_free(&c);
	gz[gn / 2] ^= 0x55;
	write_file(tmp("bad.gz"), gz, gn);
	assert_int_equal(run(&c, tmp("bad.gz"), 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "bad.gz:"));
	cap_free(&c);
	free(gz);
	free(z);
	free(plain);
}

/* A light sink for big inputs: line, thread and the user's number. */
struct lite {
	uint64_t *line;
	unsigned *thread, *user;
	size_t n, cap;
	pthread_mutex_t mu;
};

static void lite_sink(void *arg, unsigned thread, const struct mh_event *ev)
{
	struct lite *l = arg;
	unsigned u = 0;

	for (size_t i = 1; i < ev->user.n && ev->user.p[i] != '@'; i++)
		u = u * 10 + (unsigned)(ev->user.p[i] - '0');
	pthread_mutex_lock(&l->mu);
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->line = realloc(l->line, l->cap * sizeof(*l->line));
		l->thread = realloc(l->thread, l->cap * sizeof(*l->thread));
		l->user = realloc(l->user, l->cap * sizeof(*l->user));
	}
	l->line[l->n] = ev->line;
	l->thread[l->n] = thread;
	l->user[l->n++] = u;
	pthread_mutex_unlock(&l->mu);
}

static void lite_run(struct lite *l, const char *path, unsigned threads, struct mh_ingest_stats *st)
{
	struct mh_ingest_opts o;
	struct mh_err err = {0};

	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->mu, NULL);
	memset(&o, 0, sizeof(o));
	o.threads = threads;
	if (mh_ingest_file(path, 1, &o, lite_sink, l, st, &err) != 0)
		fail_msg("%s", err.msg);
}

static void lite_free(struct lite *l)
{
	free(l->line);
	free(l->thread);
	free(l->user);
	pthread_mutex_destroy(&l->mu);
}

static void test_threads(void **state)
{
	char *plain;
	unsigned n = 60000;
	size_t bytes = gen_file(tmp("big.jsonl"), n, &plain);
	struct lite l1, l2;
	struct mh_ingest_stats s1, s2;
	unsigned seen[2] = {0};
	uint64_t *by_user = calloc(n + 1, sizeof(*by_user));

	(void)state;
	assert_true(bytes > 20u << 20); /* several 8 MiB blocks */
	lite_run(&l1, tmp("big.jsonl"), 1, &s1);
	lite_run(&l2, tmp("big.jsonl"), 2, &s2);
	assert_int_equal(s1.events, n);
	assert_int_equal(s2.events, n);
	assert_int_equal(s2.records, s1.records);
	assert_int_equal(s2.lines, s1.lines);
	assert_int_equal(s2.offset, bytes);
	assert_int_equal(s2.prefix_hash, s1.prefix_hash);
	for (size_t i = 0; i < l1.n; i++) {
		assert_int_equal(l1.user[i], i + 1);
		assert_int_equal(l1.thread[i], 0);
		by_user[l1.user[i]] = l1.line[i];
	}
	/* user k sits on line k + (k - 1) / 1000: a blank line after every 1000 */
	for (unsigned k = 1; k <= n; k++)
		assert_int_equal(by_user[k], k + (k - 1) / 1000);
	for (size_t i = 0; i < l2.n; i++) {
		assert_int_equal(l2.line[i], by_user[l2.user[i]]);
		by_user[l2.user[i]] = 0;
		seen[l2.thread[i] & 1]++;
	}
	for (unsigned k = 1; k <= n; k++)
		assert_int_equal(by_user[k], 0); /* each record exactly once */
	assert_true(seen[0] > 0 && seen[1] > 0);
	lite_free(&l1);
	lite_free(&l2);
	free(by_user);
	free(plain);
}

static void test_resume(void **state)
{
	char *plain;
	size_t bytes = gen_file(tmp("res.jsonl"), 2000, &plain);
	struct capture c;
	struct mh_ingest_stats full, half;
	struct mh_ingest_opts o;
	struct mh_err err = {0};
	uint64_t off = 0, line = 0, h;

	(void)state;
	for (uint64_t i = 0; i < bytes && line < 777; i++)
		if (plain[i] == '\n')
			line++, off = i + 1;
	assert_int_equal(run(&c, tmp("res.jsonl"), 1, &full, &err), 0);
	cap_free(&c);
	for (unsigned t = 1; t <= 2; t++) {
		memset(&c, 0, sizeof(c));
		memset(&o, 0, sizeof(o));
		o.threads = t;
		o.resume_offset = off;
		o.resume_line = line;
		o.reject = cap_reject;
		o.cb_arg = &c;
		assert_int_equal(mh_ingest_file(tmp("res.jsonl"), 1, &o, cap_sink, &c, &half, &err),
		                 0);
		assert_int_equal(half.bytes, bytes - off);
		assert_int_equal(half.offset, bytes);
		assert_int_equal(half.lines, full.lines);
		assert_int_equal(half.prefix_hash, full.prefix_hash);
		assert_int_equal(c.v[0].ev.line, 778);
		assert_int_equal(half.events + 777 - 0, 2000 + 0);
		cap_free(&c);
	}
	assert_int_equal(mh_ingest_prefix_hash(tmp("res.jsonl"), bytes, &h, &err), 0);
	assert_int_equal(h, full.prefix_hash);
	if (mh_ingest_prefix_hash(tmp("res.jsonl"), bytes + 999, &h, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(h, full.prefix_hash);
	o.resume_offset = off - 3;
	assert_int_equal(mh_ingest_file(tmp("res.jsonl"), 1, &o, cap_sink, &c, &half, &err), -1);
	assert_non_null(strstr(err.msg, "not at a line boundary"));
	cap_free(&c);
	free(plain);
}

static void test_array_and_mixed(void **state)
{
	const char *arr = "[\n {\"createdDateTime\":\"2024-03-01T09:15:42Z\",\"userPrincipalName\":"
	                  "\"a@c.com\"},\n {\"createdDateTime\": broken},\n"
	                  " {\"createdDateTime\":\"2024-03-01T09:15:43Z\",\"userPrincipalName\":"
	                  "\"b@c.com\"}\n]\n";
	const char *mixed =
	    "{\"published\":\"2024-03-01T12:00:00Z\",\"eventType\":\"user.session.start\","
	    "\"actor\":{\"alternateId\":\"o@x.com\"}}\n"
	    "{\"@timestamp\":1709460000000,\"action\":\"git.clone\",\"actor\":\"gh\",\"org\":\"o\"}"
	    "\n"
	    "{\"published\":\"2024-03-01T12:00:01Z\",\"eventType\":\"user.session.start\","
	    "\"actor\":{\"alternateId\":\"o@x.com\"}}\n";
	struct capture c;
	struct mh_ingest_stats st;
	struct mh_err err = {0};

	(void)state;
	write_file(tmp("arr.json"), arr, strlen(arr));
	assert_int_equal(run(&c, tmp("arr.json"), 2, &st, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(st.rejected, 1);
	assert_non_null(strstr(c.rejects[0], "arr.json:3: "));
	assert_int_equal(c.v[1].ev.line, 4);
	assert_string_equal(c.v[1].user, "b@c.com");
	assert_int_equal(st.offset, strlen(arr));
	cap_free(&c);

	write_file(tmp("mixed.jsonl"), mixed, strlen(mixed));
	assert_int_equal(run(&c, tmp("mixed.jsonl"), 1, &st, &err), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.v[1].ev.src, MH_SRC_GITHUB);
	assert_int_equal(c.v[1].ev.move, MH_MOVE_CLONE);
	assert_string_equal(st.format, "okta");
	cap_free(&c);
	/* --format forces one decoder: the GitHub line is then not Okta */
	memset(&c, 0, sizeof(c));
	assert_int_equal(cap_ingest(&c, tmp("mixed.jsonl"), "okta", 1, &st, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(st.skipped, 1);
	cap_free(&c);
	assert_int_equal(cap_ingest(&c, tmp("mixed.jsonl"), "nope", 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "unknown format 'nope'"));
	write_file(tmp("junk.txt"), "hello world\n", 12);
	assert_int_equal(run(&c, tmp("junk.txt"), 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "junk.txt:1: no decoder recognises"));
	assert_int_equal(run(&c, tmp("missing.jsonl"), 1, &st, &err), -1);
	assert_non_null(strstr(err.msg, "missing.jsonl"));
	cap_free(&c);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/mh-ingest-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_crlf_blank_bom),
	    cmocka_unit_test(test_bad_records),
	    cmocka_unit_test(test_overlong),
	    cmocka_unit_test(test_gzip_zstd),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_resume),
	    cmocka_unit_test(test_array_and_mixed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
