/*
 * Unit tests for the simulator (src/sim/): random streams, calendar and time
 * zones, formatting, and whole runs of a small company: every line parses with
 * cJSON (a JSON library independent of molehunt's own), truth agrees with the
 * roster, the same seed gives the same bytes and another seed other scenario
 * parameters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "ingest/ingest.h"
#include "ingest/roster.h"
#include "sim/sim.h"
#include "util/xalloc.h"

static void rng_streams(void **state)
{
	struct mh_rng a, b, c, d;
	int i, differ = 0;

	mh_rng_derive(&a, 7, 1, 2, 3);
	mh_rng_derive(&b, 7, 1, 2, 3);
	mh_rng_derive(&c, 7, 1, 2, 4);
	mh_rng_seed(&d, 9);
	for (i = 0; i < 1000; i++) {
		uint64_t x = mh_rng_next(&a);

		assert_true(x == mh_rng_next(&b));
		differ += x != mh_rng_next(&c);
		assert_true(mh_rng_below(&d, 10) < 10);
		assert_true(mh_rng_unit(&d) < 1.0);
		{
			int32_t v = mh_rng_range(&d, -3, 3);

			assert_true(v >= -3 && v <= 3);
		}
	}
	assert_true(differ > 990);
}

static void rng_distributions(void **state)
{
	struct mh_rng r;
	double sum = 0;
	uint16_t w[3] = {0, 1, 3};
	unsigned counts[3] = {0}, i;

	mh_rng_seed(&r, 42);
	for (i = 0; i < 20000; i++) {
		sum += mh_rng_poisson(&r, 4.0);
		counts[mh_rng_weighted(&r, w, 3)]++;
	}
	assert_true(sum / 20000 > 3.9 && sum / 20000 < 4.1);
	assert_int_equal(counts[0], 0);
	assert_true(counts[2] > 2 * counts[1]);
}

static void calendar_and_zones(void **state)
{
	int32_t d = mh_days_from_civil(2024, 2, 29);
	int y, m, dd;
	int64_t march10 = (int64_t)mh_days_from_civil(2024, 3, 10) * 86400000;
	char b[40];

	mh_civil_from_days(d, &y, &m, &dd);
	assert_int_equal(y * 10000 + m * 100 + dd, 20240229);
	assert_int_equal(mh_weekday(mh_days_from_civil(2024, 1, 1)), 0); /* a Monday */
	assert_int_equal(mh_weekday(mh_days_from_civil(1970, 1, 1)), 3);
	/* New York: EST until 07:00Z on 2024-03-10, EDT after */
	assert_int_equal(mh_sim_tz_offset(0, march10 + 7 * 3600000 - 1000), -300);
	assert_int_equal(mh_sim_tz_offset(0, march10 + 7 * 3600000), -240);
	assert_int_equal(mh_sim_tz_offset(6, (int64_t)mh_days_from_civil(2024, 7, 1) * 86400000),
	                 60);
	assert_int_equal(mh_sim_tz_offset(6, (int64_t)mh_days_from_civil(2024, 1, 1) * 86400000),
	                 0);
	assert_int_equal(mh_sim_tz_offset(13, 0), 540); /* Tokyo */
	mh_fmt_iso(b, 0, 1);
	assert_string_equal(b, "1970-01-01T00:00:00.000Z");
	mh_fmt_iso(b, 1709294400123, 0);
	assert_string_equal(b, "2024-03-01T12:00:00Z");
}

static void catalog_constants(void **state)
{
	assert_string_equal(mh_sim_progs[MH_PROG_BROWSER].name[MH_OS_WIN], "chrome.exe");
	assert_string_equal(mh_sim_progs[MH_PROG_FILES].name[MH_OS_WIN], "explorer.exe");
	assert_string_equal(mh_sim_progs[MH_PROG_EDITOR].name[MH_OS_WIN], "Code.exe");
	assert_string_equal(mh_sim_progs[MH_PROG_ARCHIVER].name[MH_OS_WIN], "7z.exe");
	assert_string_equal(mh_sim_tzs[0].name, "America/New_York");
	assert_string_equal(mh_sim_tzs[6].name, "Europe/London");
	assert_string_equal(mh_sim_tzs[13].name, "Asia/Tokyo");
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = mh_malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static void run(const char *dir, uint64_t seed)
{
	struct mh_sim_opts o = {.out_dir = dir,
	                        .employees = 120,
	                        .days = 10,
	                        .applicants = 60,
	                        .seed = seed,
	                        .scale = 0.2,
	                        .quiet = 1};
	struct mh_err err;

	assert_int_equal(mh_sim_run(&o, &err), 0);
}

static char *tmpdir(void)
{
	char *d = mh_strdup("/tmp/mh_test_sim_XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static size_t check_jsonl(const char *dir, const char *name)
{
	char path[512], *buf, *line, *nl;
	size_t n, lines = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = slurp(path, &n);
	for (line = buf; *line; line = nl + 1) {
		cJSON *v;

		nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		v = cJSON_Parse(line);
		if (!v)
			fail_msg("%s:%zu does not parse: %.80s", name, lines + 1, line);
		assert_true(cJSON_IsObject(v));
		cJSON_Delete(v);
		lines++;
	}
	free(buf);
	return lines;
}

static cJSON *load_json(const char *dir, const char *name)
{
	char path[512], *buf;
	size_t n;
	cJSON *v;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = slurp(path, &n);
	v = cJSON_Parse(buf);
	free(buf);
	assert_non_null(v);
	return v;
}

static void whole_run_parses(void **state)
{
	static const char *const logs[] = {"okta.jsonl", "entra.jsonl", "ecs.jsonl", "github.jsonl",
	                                   "osquery.jsonl"};
	char *dir = tmpdir(), path[512], *roster, *eml;
	cJSON *truth, *gh, *e;
	size_t k, n;

	run(dir, 11);
	for (k = 0; k < 5; k++)
		assert_true(check_jsonl(dir, logs[k]) > 0);
	gh = load_json(dir, "greenhouse_candidates.json");
	assert_int_equal(cJSON_GetArraySize(gh), 60);
	cJSON_Delete(gh);
	truth = load_json(dir, "truth.json");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(truth, "people")), 120);
	snprintf(path, sizeof(path), "%s/roster.csv", dir);
	roster = slurp(path, &n);
	k = 0;
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(truth, "positives"))
	{
		const char *id = cJSON_GetObjectItem(e, "person")->valuestring;
		const char *email = cJSON_GetObjectItem(e, "email")->valuestring;
		char row[160];

		snprintf(row, sizeof(row), "\n%s,%s,", id, email);
		assert_non_null(strstr(roster, row));
		assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(e, "signals")) >= 2);
		k++;
	}
	assert_true(k >= 5);
	free(roster);
	cJSON_Delete(truth);
	snprintf(path, sizeof(path), "%s/extortion.eml", dir);
	eml = slurp(path, &n);
	assert_non_null(strstr(eml, "Content-Type: multipart/mixed; boundary="));
	assert_non_null(strstr(eml, "\r\nMessage-ID: <"));
	assert_non_null(strstr(eml, "\r\nReply-To: <"));
	assert_non_null(strstr(eml, "filename=\"sample.zip\""));
	assert_non_null(strstr(eml, "\r\n\r\nUEsDB")); /* base64 of "PK\3\4" */
	free(eml);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(dir);
}

struct decode_count {
	uint64_t events, with_user;
};

static void count_sink(void *arg, unsigned thread, const struct mh_event *ev)
{
	struct decode_count *c = arg;

	(void)thread;
	c->events++;
	c->with_user += ev->user.n > 0 || ev->host.n > 0;
}

/* Every line decodes with molehunt's own decoders: the right format is sniffed,
 * nothing is rejected or skipped, every event names a user or a host. */
static void decoders_read_everything(void **state)
{
	static const char *const files[][2] = {{"okta.jsonl", "okta"},
	                                       {"entra.jsonl", "entra"},
	                                       {"ecs.jsonl", "ecs"},
	                                       {"github.jsonl", "github"},
	                                       {"osquery.jsonl", "osquery"}};
	char *dir = tmpdir(), path[512];
	struct mh_roster roster = {0};
	struct mh_err err;
	size_t k;

	run(dir, 3);
	for (k = 0; k < 5; k++) {
		struct mh_ingest_opts o = {.threads = 1};
		struct mh_ingest_stats st = {0};
		struct decode_count c = {0};

		snprintf(path, sizeof(path), "%s/%s", dir, files[k][0]);
		if (mh_ingest_file(path, 1, &o, count_sink, &c, &st, &err))
			fail_msg("%s: %s", files[k][0], err.msg);
		assert_string_equal(st.format, files[k][1]);
		assert_int_equal(st.rejected, 0);
		assert_int_equal(st.skipped, 0);
		assert_true(st.records > 0);
		assert_true(c.events >= st.records);
		assert_int_equal(c.with_user, c.events);
	}
	snprintf(path, sizeof(path), "%s/roster.csv", dir);
	assert_int_equal(mh_roster_load(&roster, path, NULL, NULL, &err), 0);
	assert_int_equal(roster.n, 120);
	assert_int_equal(roster.rejected, 0);
	mh_roster_free(&roster);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	free(dir);
}

static int same_file(const char *a, const char *b)
{
	size_t na, nb;
	char *x = slurp(a, &na), *y = slurp(b, &nb);
	int same = na == nb && !memcmp(x, y, na);

	free(x);
	free(y);
	return same;
}

static void deterministic_per_seed(void **state)
{
	static const char *const files[] = {
	    "okta.jsonl",   "entra.jsonl",   "ecs.jsonl",
	    "github.jsonl", "osquery.jsonl", "roster.csv",
	    "truth.json",   "extortion.eml", "greenhouse_candidates.json"};
	char *a = tmpdir(), *b = tmpdir(), *c = tmpdir(), pa[512], pb[512];
	cJSON *ta, *tc;
	size_t k;

	run(a, 5);
	run(b, 5);
	run(c, 6);
	for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		snprintf(pa, sizeof(pa), "%s/%s", a, files[k]);
		snprintf(pb, sizeof(pb), "%s/%s", b, files[k]);
		if (!same_file(pa, pb))
			fail_msg("%s differs between two runs with the same seed", files[k]);
	}
	ta = load_json(a, "truth.json");
	tc = load_json(c, "truth.json");
	{
		char *sa = cJSON_PrintUnformatted(cJSON_GetObjectItem(ta, "scenarios"));
		char *sc = cJSON_PrintUnformatted(cJSON_GetObjectItem(tc, "scenarios"));

		assert_string_not_equal(sa, sc);
		free(sa);
		free(sc);
	}
	cJSON_Delete(ta);
	cJSON_Delete(tc);
	snprintf(pa, sizeof(pa), "rm -rf '%s' '%s' '%s'", a, b, c);
	assert_int_equal(system(pa), 0);
	free(a);
	free(b);
	free(c);
}

static void bad_options(void **state)
{
	struct mh_sim_opts o = {.out_dir = "/tmp", .employees = 0, .days = 5, .scale = 1};
	struct mh_err err;

	assert_int_equal(mh_sim_run(&o, &err), -1);
	assert_int_equal(err.code, MH_EUSAGE);
	o.employees = 10;
	o.scale = 0;
	assert_int_equal(mh_sim_run(&o, &err), -1);
	o.scale = 1;
	o.days = MH_SIM_MAX_DAYS + 1;
	assert_int_equal(mh_sim_run(&o, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rng_streams),
	    cmocka_unit_test(rng_distributions),
	    cmocka_unit_test(calendar_and_zones),
	    cmocka_unit_test(catalog_constants),
	    cmocka_unit_test(whole_run_parses),
	    cmocka_unit_test(decoders_read_everything),
	    cmocka_unit_test(deterministic_per_seed),
	    cmocka_unit_test(bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
