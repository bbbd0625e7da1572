/* HR roster CSV: header mapping, RFC 4180 quoting, CRLF, BOM, and every
 * rejected-row rule, reported as "file:line: reason". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/roster.h"

struct rej {
	char v[16][256];
	size_t n;
};

static void on_reject(void *arg, const char *where, const char *why)
{
	struct rej *r = arg;

	if (r->n < 16)
		snprintf(r->v[r->n], sizeof(r->v[0]), "%s: %s", where, why);
	r->n++;
}

static int parse(struct mh_roster *r, struct rej *rj, const char *csv, struct mh_err *err)
{
	memset(r, 0, sizeof(*r));
	memset(rj, 0, sizeof(*rj));
	return mh_roster_parse_mem(r, "hr.csv", csv, strlen(csv), on_reject, rj, err);
}

static void test_good(void **state)
{
	const char *csv =
	    "\xef\xbb\xbf"
	    "Employee_ID, EMAIL ,name,country,timezone,hire_date,termination_date,"
	    "privileged,aliases,laptop_serial,shoe_size\r\n"
	    "e1,Alice@Example.com,\"Smith, Alice\",us,America/Chicago,2024-01-15,,true,"
	    "ASMITH; alice-gh ;,C02XK1ABJGH5,38\r\n"
	    "\r\n"
	    "e2,bob@example.com,\"Bob \"\"The Builder\"\"\nJones\",SG,Asia/Singapore,2023-06-01,"
	    "2024-03-31,no,,,44\r\n";
	struct mh_roster r;
	struct rej rj;
	struct mh_err err = {0};

	(void)state;
	assert_int_equal(parse(&r, &rj, csv, &err), 0);
	assert_int_equal(rj.n, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].employee_id, "e1");
	assert_string_equal(r.v[0].email, "alice@example.com");
	assert_string_equal(r.v[0].name, "Smith, Alice");
	assert_string_equal(r.v[0].country, "US");
	assert_string_equal(r.v[0].timezone, "America/Chicago");
	assert_int_equal(r.v[0].hire_day, 19737);
	assert_int_equal(r.v[0].termination_day, MH_DAY_NONE);
	assert_int_equal(r.v[0].privileged, 1);
	assert_int_equal(r.v[0].naliases, 2);
	assert_string_equal(r.v[0].aliases[0], "asmith");
	assert_string_equal(r.v[0].aliases[1], "alice-gh");
	assert_string_equal(r.v[0].laptop_serial, "C02XK1ABJGH5");
	assert_string_equal(r.v[0].phone, "");
	assert_int_equal(r.v[0].nattrs, 1);
	assert_string_equal(r.v[0].attrs[0].key, "shoe_size");
	assert_string_equal(r.v[0].attrs[0].value, "38");
	assert_int_equal(r.v[0].line, 2);
	assert_string_equal(r.v[1].name, "Bob \"The Builder\"\nJones");
	assert_int_equal(r.v[1].line, 4);
	assert_int_equal(r.v[1].privileged, 0);
	assert_int_equal(r.v[1].termination_day, 19813);
	mh_roster_free(&r);
}

static void test_bad_rows(void **state)
{
	const char *csv = "employee_id,email,hire_date,country,privileged\n"
	                  "e1,a@x.com,2024-01-01,US,true\n"
	                  "e2,b@x.com,2024-01-01\n"                  /* 2: missing columns */
	                  "e3,c@x.com,2024-01-01,US,true,extra\n"    /* 3: extra column */
	                  "e4,,2024-01-01,US,true\n"                 /* 4: no email */
	                  ",d@x.com,2024-01-01,US,true\n"            /* 5: no id */
	                  "e5,e@x.com,2024-02-30,US,true\n"          /* 6: bad date */
	                  "e6,f@x.com,2024-01-01,USA,true\n"         /* 7: bad country */
	                  "e7,g@x.com,2024-01-01,US,maybe\n"         /* 8: bad bool */
	                  "e1,h@x.com,2024-01-01,US,true\n"          /* 9: duplicate */
	                  "e8,\"i@x.com\"x,2024-01-01,US,true\n"     /* 10: junk after quote */
	                  "e9,j\"@x.com,2024-01-01,US,true\n"        /* 11: stray quote */
	                  "e10,k@x.com,2024-01-01,US,false\n"        /* 12: good */
	                  "e11,\"unterminated,2024-01-01,US,true\n"; /* 13: open quote */
	static const char *const want[] = {
	    "hr.csv:3: row has 3 fields, the header has 5",
	    "hr.csv:4: row has 6 fields, the header has 5",
	    "hr.csv:5: missing email",
	    "hr.csv:6: missing employee_id",
	    "hr.csv:7: hire_date '2024-02-30' is not a date (YYYY-MM-DD)",
	    "hr.csv:8: country 'USA' is not an ISO 3166-1 alpha-2 code",
	    "hr.csv:9: privileged 'maybe' is not true or false",
	    "hr.csv:10: duplicate employee_id 'e1' (first on line 2)",
	    "hr.csv:11: unexpected character after a closing quote",
	    "hr.csv:12: quote inside an unquoted field",
	    "hr.csv:14: quoted field is not closed",
	};
	struct mh_roster r;
	struct rej rj;
	struct mh_err err = {0};

	(void)state;
	assert_int_equal(parse(&r, &rj, csv, &err), 0);
	for (size_t i = 0; i < rj.n && i < 16; i++)
		fprintf(stderr, "  %s\n", rj.v[i]);
	assert_int_equal(rj.n, sizeof(want) / sizeof(want[0]));
	assert_int_equal(r.rejected, rj.n);
	for (size_t i = 0; i < rj.n; i++)
		assert_string_equal(rj.v[i], want[i]);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[1].employee_id, "e10");
	mh_roster_free(&r);
}

static void test_bad_files(void **state)
{
	struct mh_roster r;
	struct rej rj;
	struct mh_err err = {0};

	(void)state;
	assert_int_equal(parse(&r, &rj, "", &err), -1);
	assert_string_equal(err.msg, "hr.csv: empty roster (no header row)");
	mh_roster_free(&r);
	assert_int_equal(parse(&r, &rj, "id,mail\n1,a@b\n", &err), -1);
	assert_non_null(strstr(err.msg, "hr.csv:1: header has no employee_id and email"));
	mh_roster_free(&r);
	assert_int_equal(parse(&r, &rj, "employee_id,email,Email\n", &err), -1);
	assert_non_null(strstr(err.msg, "appears twice"));
	mh_roster_free(&r);
	assert_int_equal(mh_roster_load(&r, "/nonexistent/roster.csv", NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/roster.csv"));
	mh_roster_free(&r);
	assert_int_equal(mh_roster_sniff("employee_id,email,name", 22), 1);
	assert_int_equal(mh_roster_sniff("{\"eventType\":1}", 15), 0);
}

static void test_aliases_limit(void **state)
{
	char csv[1024];
	struct mh_roster r;
	struct rej rj;
	struct mh_err err = {0};
	int k = snprintf(csv, sizeof(csv), "employee_id,email,aliases\ne1,a@x.com,");

	(void)state;
	for (int i = 0; i < MH_ROSTER_MAX_ALIASES + 1; i++)
		k += snprintf(csv + k, sizeof(csv) - (size_t)k, "a%d;", i);
	assert_int_equal(parse(&r, &rj, csv, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(rj.n, 1);
	assert_string_equal(rj.v[0], "hr.csv:2: more than 16 aliases");
	mh_roster_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_bad_rows),
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test(test_aliases_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
