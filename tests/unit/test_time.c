/* mh_parse_time / mh_parse_day: every shape the sources write, strict range
 * checks, and a differential check against timegm() over many random instants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "ingest/ingest.h"
#include "ingest/roster.h"

static int64_t t(const char *s)
{
	int64_t ms = INT64_MIN;

	assert_int_equal(mh_parse_time(s, strlen(s), &ms), 0);
	return ms;
}

static void bad(const char *s)
{
	int64_t ms = 42;

	if (mh_parse_time(s, strlen(s), &ms) == 0)
		fail_msg("accepted '%s' as %lld", s, (long long)ms);
	assert_int_equal(ms, 42);
}

static void test_shapes(void **state)
{
	(void)state;
	/* 2024-03-01T12:00:00Z = 1709294400 */
	assert_int_equal(t("2024-03-01T12:00:00Z"), 1709294400000LL);
	assert_int_equal(t("2024-03-01T12:00:00.123Z"), 1709294400123LL);
	assert_int_equal(t("2024-03-01t12:00:00.1z"), 1709294400100LL);
	assert_int_equal(t("2024-03-01 12:00:00.123"), 1709294400123LL);
	assert_int_equal(t("2024-03-01T12:00:00.123456789Z"), 1709294400123LL);
	assert_int_equal(t("2024-03-01T12:00:00.1234567Z"), 1709294400123LL);
	assert_int_equal(t("2024-03-01T17:30:00+05:30"), 1709294400000LL);
	assert_int_equal(t("2024-03-01T17:30:00+0530"), 1709294400000LL);
	assert_int_equal(t("2024-03-01T07:00:00-05"), 1709294400000LL);
	assert_int_equal(t("2024-03-01T12:00Z"), 1709294400000LL);
	assert_int_equal(t("2024-03-01 12:00:00 UTC"), 1709294400000LL);
	assert_int_equal(t("2024-03-01T12:00:00,5Z"), 1709294400500LL);
	assert_int_equal(t("2024-03-01"), 1709251200000LL);
	assert_int_equal(t("1709294400"), 1709294400000LL);
	assert_int_equal(t("1709294400123"), 1709294400123LL);
	assert_int_equal(t("1709294400123456"), 1709294400123LL);
	assert_int_equal(t("1709294400123456789"), 1709294400123LL);
	assert_int_equal(t("1709294400.25"), 1709294400250LL);
	assert_int_equal(t("0"), 0);
	assert_int_equal(t("Fri Mar  1 12:00:00 2024 UTC"), 1709294400000LL);
	assert_int_equal(t("Tue Apr 21 20:56:14 2020 UTC"), 1587502574000LL);
	assert_int_equal(t("2020-11-25 21:27:03.496000000"), 1606339623496LL);
	assert_int_equal(t("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(t("1969-12-31T23:59:59Z"), -1000);
	assert_int_equal(t("2000-02-29T00:00:00Z"), 951782400000LL);
}

static void test_rejects(void **state)
{
	static const char *const cases[] = {
	    "",
	    "garbage",
	    "2024-02-30T00:00:00Z",
	    "2023-02-29",
	    "1900-02-29",
	    "2024-13-01",
	    "2024-00-10",
	    "2024-01-00",
	    "2024-01-32",
	    "2024-03-01T25:00:00Z",
	    "2024-03-01T24:00:00Z",
	    "2024-03-01T12:60:00Z",
	    "2024-03-01T12:00:60Z",
	    "2024-03-01T12:00:00+24:00",
	    "2024-03-01T12:00:00+05:60",
	    "2024-03-01T12:00:00ZZ",
	    "2024-03-01T12:00:00.Z",
	    "2024-03-01T12:00:00.1234567890Z",
	    "2024-03-01X12:00:00",
	    "2024-3-01",
	    "0000-01-01",
	    "2024-03-01T12",
	    "2024-03-01T12:0",
	    "-1709294400",
	    "1709294400x",
	    "17092944001234567890",
	    "1709294400123.5",
	    "1709294400.",
	    "Fri Mar 32 12:00:00 2024 UTC",
	    "Fri Xyz  1 12:00:00 2024 UTC",
	    "2024-03-01T12:00:00 UTCX",
	    "2024-03-01T12:00:00+5",
	    " 2024-03-01",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad(cases[i]);
	/* not NUL-terminated: the length is the limit */
	int64_t ms;
	assert_int_equal(mh_parse_time("2024-03-01T12:00:00Zjunk", 20, &ms), 0);
	assert_int_equal(ms, 1709294400000LL);
	assert_int_equal(mh_parse_time(NULL, 0, &ms), -1);
}

static void test_against_timegm(void **state)
{
	unsigned seed = 12345;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		struct tm tm = {0};
		char buf[64];
		int64_t ms;
		time_t want;

		seed = seed * 1103515245u + 12345u;
		tm.tm_year = (int)(seed >> 8) % 400 + 1800 - 1900;
		seed = seed * 1103515245u + 12345u;
		tm.tm_mon = (int)(seed >> 8) % 12;
		seed = seed * 1103515245u + 12345u;
		tm.tm_mday = (int)(seed >> 8) % 28 + 1 + ((seed >> 4) & 3);
		tm.tm_hour = (int)(seed >> 12) % 24;
		tm.tm_min = (int)(seed >> 17) % 60;
		tm.tm_sec = (int)(seed >> 23) % 60;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
		struct tm norm = tm;
		want = timegm(&norm);
		int valid = norm.tm_mday == tm.tm_mday;
		int rc = mh_parse_time(buf, strlen(buf), &ms);
		if (valid != (rc == 0))
			fail_msg("%s: valid=%d rc=%d", buf, valid, rc);
		if (valid && ms != (int64_t)want * 1000)
			fail_msg("%s: got %lld want %lld", buf, (long long)ms,
			         (long long)want * 1000);
	}
}

static void test_day(void **state)
{
	int32_t d = 7;

	(void)state;
	assert_int_equal(mh_parse_day("1970-01-02", 10, &d), 0);
	assert_int_equal(d, 1);
	assert_int_equal(mh_parse_day("2024-03-01", 10, &d), 0);
	assert_int_equal(d, 19783);
	d = 7;
	assert_int_equal(mh_parse_day("2024-02-30", 10, &d), -1);
	assert_int_equal(mh_parse_day("2024-03-01T00:00:00Z", 20, &d), -1);
	assert_int_equal(mh_parse_day("", 0, &d), -1);
	assert_int_equal(d, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_rejects),
	    cmocka_unit_test(test_against_timegm),
	    cmocka_unit_test(test_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
