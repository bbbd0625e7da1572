#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/tz.h"

#define H 3600

static int64_t utc(int y, unsigned m, unsigned d, int hh, int mm)
{
	return mh_tz_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static int32_t off(const char *zone, int64_t t)
{
	int32_t o = 99999;

	assert_int_equal(mh_tz_offset(zone, t, &o), 0);
	return o;
}

static void test_civil(void **state)
{
	int64_t y;
	unsigned m, d;
	int64_t z;

	assert_int_equal(mh_tz_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(mh_tz_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(mh_tz_days_from_civil(1969, 12, 31), -1);
	for (z = -800000; z < 800000; z += 997) {
		mh_tz_civil_from_days(z, &y, &m, &d);
		assert_int_equal(mh_tz_days_from_civil(y, m, d), z);
	}
}

static void test_new_york_dst(void **state)
{
	/* 2024: EDT from 10 March 07:00 UTC to 3 November 06:00 UTC. */
	assert_int_equal(off("America/New_York", utc(2024, 1, 15, 12, 0)), -5 * H);
	assert_int_equal(off("America/New_York", utc(2024, 3, 10, 6, 59)), -5 * H);
	assert_int_equal(off("America/New_York", utc(2024, 3, 10, 7, 0)), -4 * H);
	assert_int_equal(off("America/New_York", utc(2024, 11, 3, 5, 59)), -4 * H);
	assert_int_equal(off("America/New_York", utc(2024, 11, 3, 6, 0)), -5 * H);
}

static void test_fixed_and_southern(void **state)
{
	assert_int_equal(off("Asia/Kolkata", utc(2024, 6, 1, 0, 0)), 5 * H + 1800);
	assert_int_equal(off("Asia/Seoul", utc(2024, 6, 1, 0, 0)), 9 * H);
	assert_int_equal(off("America/Phoenix", utc(2024, 7, 1, 0, 0)), -7 * H);
	/* Sydney: daylight time in January, standard in July. */
	assert_int_equal(off("Australia/Sydney", utc(2024, 1, 10, 0, 0)), 11 * H);
	assert_int_equal(off("Australia/Sydney", utc(2024, 7, 10, 0, 0)), 10 * H);
	assert_int_equal(off("UTC", utc(2024, 7, 10, 0, 0)), 0);
}

static void test_far_future_uses_footer(void **state)
{
	/* Past the tables of any TZif file: the footer rule decides. */
	assert_int_equal(off("Europe/London", utc(2100, 7, 1, 12, 0)), 1 * H);
	assert_int_equal(off("Europe/London", utc(2100, 12, 1, 12, 0)), 0);
	assert_int_equal(off("America/Chicago", utc(2099, 7, 4, 12, 0)), -5 * H);
}

/* Differential test against glibc for many instants (single-threaded test). */
static void test_matches_libc(void **state)
{
	static const char *const zones[] = {
	    "America/New_York", "America/Los_Angeles", "Europe/Berlin",     "Europe/London",
	    "Australia/Sydney", "Asia/Tokyo",          "America/Sao_Paulo", "Pacific/Auckland",
	    "Asia/Tehran",      "Africa/Casablanca",   "Europe/Dublin",     "America/Santiago",
	};
	size_t i;
	int64_t t;
	unsigned checked = 0;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		setenv("TZ", zones[i], 1);
		tzset();
		for (t = utc(1975, 1, 1, 0, 0); t < utc(2060, 1, 1, 0, 0); t += 86400 * 5 + 3607) {
			time_t tt = (time_t)t;
			struct tm tm;

			localtime_r(&tt, &tm);
			if (off(zones[i], t) != tm.tm_gmtoff)
				fail_msg("%s at %lld: %d != libc %ld", zones[i], (long long)t,
				         off(zones[i], t), tm.tm_gmtoff);
			checked++;
		}
	}
	unsetenv("TZ");
	assert_true(checked > 50000);
}

static void test_bad_names(void **state)
{
	int32_t o = 7;

	assert_int_equal(mh_tz_offset("Mars/Olympus_Mons", 0, &o), -1);
	assert_int_equal(mh_tz_offset("../etc/passwd", 0, &o), -1);
	assert_int_equal(mh_tz_offset("/etc/passwd", 0, &o), -1);
	assert_int_equal(mh_tz_offset("America/New York", 0, &o), -1);
	assert_int_equal(mh_tz_offset("", 0, &o), -1);
	assert_int_equal(o, 7);
	assert_false(mh_tz_name_ok("a/../b"));
	assert_true(mh_tz_name_ok("Etc/GMT+5"));
	/* a directory is not a zone */
	assert_null(mh_tz_get("America"));
}

/* A version 2 TZif image with no transitions and the given footer. */
static size_t build_tzif(unsigned char *b, const char *footer, int32_t utoff)
{
	size_t n = 0;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		memset(b + n, 0, 44);
		memcpy(b + n, "TZif2", 5);
		b[n + 39] = 1; /* typecnt */
		b[n + 43] = 4; /* charcnt */
		n += 44;
		b[n++] = (unsigned char)((uint32_t)utoff >> 24);
		b[n++] = (unsigned char)((uint32_t)utoff >> 16);
		b[n++] = (unsigned char)((uint32_t)utoff >> 8);
		b[n++] = (unsigned char)utoff;
		b[n++] = 0;
		b[n++] = 0;
		memcpy(b + n, "XXX", 4);
		n += 4;
	}
	b[n++] = '\n';
	memcpy(b + n, footer, strlen(footer));
	n += strlen(footer);
	b[n++] = '\n';
	return n;
}

static void test_footer_only(void **state)
{
	unsigned char b[256];
	struct mh_tzinfo *z;
	struct mh_err err;
	size_t n;

	n = build_tzif(b, "EST5EDT,M3.2.0,M11.1.0", -5 * H);
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), 0);
	assert_int_equal(mh_tzinfo_offset(z, utc(2030, 7, 1, 0, 0)), -4 * H);
	assert_int_equal(mh_tzinfo_offset(z, utc(2030, 1, 1, 0, 0)), -5 * H);
	mh_tzinfo_free(z);

	/* negative daylight saving and Julian days, as in Europe/Dublin's style */
	n = build_tzif(b, "<+0530>-5:30", 0);
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), 0);
	assert_int_equal(mh_tzinfo_offset(z, utc(2030, 7, 1, 0, 0)), 5 * H + 1800);
	mh_tzinfo_free(z);

	n = build_tzif(b, "AAA-10BBB,J60/2,300/3", 10 * H);
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), 0);
	assert_int_equal(mh_tzinfo_offset(z, utc(2031, 6, 1, 0, 0)), 11 * H);
	assert_int_equal(mh_tzinfo_offset(z, utc(2031, 12, 25, 0, 0)), 10 * H);
	mh_tzinfo_free(z);
}

static void test_malformed(void **state)
{
	unsigned char b[256];
	struct mh_tzinfo *z = (struct mh_tzinfo *)1;
	struct mh_err err;
	size_t n, cut;

	n = build_tzif(b, "EST5EDT,M13.2.0,M11.1.0", -5 * H);
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), -1);
	assert_null(z);
	n = build_tzif(b, "EST5EDT,M3.2.0,M11.1.0", -5 * H);
	for (cut = 0; cut < n - 1; cut++)
		assert_int_equal(mh_tzif_parse(b, cut, &z, &err), -1);
	b[39] = 0; /* no types */
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), -1);
	memcpy(b, "TZxf", 4);
	assert_int_equal(mh_tzif_parse(b, n, &z, &err), -1);
	assert_string_equal(err.msg, "not a TZif file");
}

static void test_set_dir(void **state)
{
	int32_t o;

	mh_tz_set_dir("/nonexistent-zoneinfo");
	assert_int_equal(mh_tz_offset("Asia/Tokyo", 0, &o), -1);
	mh_tz_set_dir(NULL);
	assert_int_equal(mh_tz_offset("Asia/Tokyo", 0, &o), 0);
	assert_int_equal(o, 9 * H);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_civil),
	    cmocka_unit_test(test_new_york_dst),
	    cmocka_unit_test(test_fixed_and_southern),
	    cmocka_unit_test(test_far_future_uses_footer),
	    cmocka_unit_test(test_matches_libc),
	    cmocka_unit_test(test_bad_names),
	    cmocka_unit_test(test_footer_only),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_set_dir),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	mh_tz_cache_clear();
	return rc;
}
