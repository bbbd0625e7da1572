/* RFC 5424 formatting, RFC 6587 framing and the syslog facility names. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "alert/rfc5424.h"

#define BOM "\xEF\xBB\xBF"

/* 2024-05-01T12:34:56.789Z */
static const int64_t T = 1714566896789LL;

static struct mh_syslog_hdr hdr(int facility, int severity)
{
	struct mh_syslog_hdr h = {facility, severity, T, "host1", "molehunt", "42", "finding"};

	return h;
}

static void test_header_fields(void **state)
{
	struct mh_syslog_hdr h = hdr(16, 2);
	struct mh_sd_param p[] = {{"detector", "farm.shared_mfa"}, {"score", "81.3"}};
	char buf[512];
	int cut = -1;
	long n = mh_rfc5424_format(buf, sizeof(buf), 480, &h, "molehunt@32473", p, 2, "{\"a\":1}",
	                           7, &cut);

	assert_string_equal(buf, "<130>1 2024-05-01T12:34:56.789Z host1 molehunt 42 finding "
	                         "[molehunt@32473 detector=\"farm.shared_mfa\" score=\"81.3\"] " BOM
	                         "{\"a\":1}");
	assert_int_equal(n, (long)strlen(buf));
	assert_int_equal(cut, 0);
}

static void test_pri(void **state)
{
	/* PRI = facility * 8 + severity, at both ends of the range. */
	static const struct {
		int fac, sev;
		const char *want;
	} cases[] = {{0, 0, "<0>1 "}, {4, 5, "<37>1 "}, {16, 4, "<132>1 "}, {23, 7, "<191>1 "}};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mh_syslog_hdr h = hdr(cases[i].fac, cases[i].sev);
		char buf[256];

		assert_true(
		    mh_rfc5424_format(buf, sizeof(buf), 200, &h, NULL, NULL, 0, NULL, 0, NULL) > 0);
		assert_memory_equal(buf, cases[i].want, strlen(cases[i].want));
	}
}

static void test_nilvalues(void **state)
{
	struct mh_syslog_hdr h = {1, 6, -1, NULL, "", NULL, NULL};
	char buf[256];
	long n = mh_rfc5424_format(buf, sizeof(buf), 200, &h, NULL, NULL, 0, NULL, 0, NULL);

	/* No MSG: no trailing space, no BOM. */
	assert_string_equal(buf, "<14>1 - - - - - -");
	assert_int_equal(n, 17);
}

static void test_header_sanitised_and_cut(void **state)
{
	char host[300], buf[1024], want[300];
	struct mh_syslog_hdr h = hdr(1, 1);
	const char *f[6];
	int nf = 0;
	char *q;

	memset(host, 'h', sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	h.hostname = host;
	h.app_name = "mole hunt\x01x";
	h.msgid = "0123456789012345678901234567890123456789"; /* 40 > 32 */
	assert_true(mh_rfc5424_format(buf, sizeof(buf), 1000, &h, NULL, NULL, 0, NULL, 0, NULL) >
	            0);
	for (q = buf; q && nf < 6; nf++) { /* split the header at its spaces */
		f[nf] = q;
		q = strchr(q, ' ');
		if (q)
			*q++ = '\0';
	}
	assert_int_equal(nf, 6);
	memset(want, 'h', 255);
	want[255] = '\0';
	assert_string_equal(f[2], want);          /* HOSTNAME: 255 */
	assert_string_equal(f[3], "mole_hunt_x"); /* APP-NAME: printable only */
	assert_int_equal(strlen(f[5]), 32);       /* MSGID: 32 */
	assert_memory_equal(f[5], "01234567890123456789012345678901", 32);
}

static void test_sd_escaping(void **state)
{
	struct mh_syslog_hdr h = {1, 1, -1, NULL, NULL, NULL, NULL};
	struct mh_sd_param p[] = {{"person", "a\"b\\c]d"}, {"bad name=x]\"", "v"}};
	char buf[512];

	assert_true(mh_rfc5424_format(buf, sizeof(buf), 480, &h, "mh@1", p, 2, NULL, 0, NULL) > 0);
	assert_string_equal(buf,
	                    "<9>1 - - - - - [mh@1 person=\"a\\\"b\\\\c\\]d\" bad_name_x__=\"v\"]");
}

static void test_sd_value_cut_on_utf8(void **state)
{
	/* 255 ASCII bytes, then a 2-byte character across the 256-byte limit. */
	char v[300], buf[1024], *q, *end;
	struct mh_syslog_hdr h = {1, 1, -1, NULL, NULL, NULL, NULL};
	struct mh_sd_param p[] = {{"v", v}};

	memset(v, 'x', 255);
	memcpy(v + 255, "\xC3\xA9yyy", 6);
	assert_true(mh_rfc5424_format(buf, sizeof(buf), 1000, &h, "mh@1", p, 1, NULL, 0, NULL) > 0);
	q = strstr(buf, "v=\"") + 3;
	end = strchr(q, '"');
	assert_int_equal(end - q, 255); /* the é would end at 257: left out whole */
}

static void test_msg_truncated_to_max(void **state)
{
	struct mh_syslog_hdr h = hdr(16, 5);
	struct mh_sd_param p[] = {{"detector", "x"}};
	char msg[3000], buf[4096];
	size_t i, base;
	int cut = 0;
	long n;

	for (i = 0; i + 1 < sizeof(msg); i++)
		msg[i] = (char)('a' + i % 26);
	msg[sizeof(msg) - 1] = '\0';
	n = mh_rfc5424_format(buf, sizeof(buf), 480, &h, "mh@1", p, 1, msg, strlen(msg), &cut);
	assert_int_equal(n, 480);
	assert_int_equal(strlen(buf), 480);
	assert_int_equal(cut, 1);
	base = (size_t)(strstr(buf, BOM) - buf) + 3;
	assert_memory_equal(buf + base, msg, 480 - base); /* the start of MSG, unchanged */
	/* Exactly at the limit: not cut. */
	n = mh_rfc5424_format(buf, sizeof(buf), 480 + 10, &h, "mh@1", p, 1, msg, 480 - base + 10,
	                      &cut);
	assert_int_equal(n, 490);
	assert_int_equal(cut, 0);
}

static void test_msg_cut_on_utf8_boundary(void **state)
{
	struct mh_syslog_hdr h = {1, 1, -1, NULL, NULL, NULL, NULL};
	char msg[64], buf[128];
	long n, head;
	int cut;

	/* "<9>1 - - - - - - " + BOM is 20 bytes; then "ab€" (€ = 3 bytes). */
	snprintf(msg, sizeof(msg), "ab\xE2\x82\xAC");
	head = mh_rfc5424_format(buf, sizeof(buf), 100, &h, NULL, NULL, 0, "", 0, NULL) + 4;
	assert_int_equal(head, 20);
	n = mh_rfc5424_format(buf, sizeof(buf), (size_t)head + 4, &h, NULL, NULL, 0, msg, 5, &cut);
	assert_int_equal(n, head + 2); /* "ab": the € would not fit whole */
	assert_int_equal(cut, 1);
	n = mh_rfc5424_format(buf, sizeof(buf), (size_t)head + 5, &h, NULL, NULL, 0, msg, 5, &cut);
	assert_int_equal(n, head + 5);
	assert_int_equal(cut, 0);
}

static void test_too_small_for_header(void **state)
{
	struct mh_syslog_hdr h = hdr(16, 5);
	struct mh_sd_param p[] = {{"person", "someone-with-a-long-key@example.org"}};
	char buf[128];

	assert_int_equal(
	    mh_rfc5424_format(buf, sizeof(buf), 60, &h, "molehunt@32473", p, 1, "{}", 2, NULL), -1);
	/* max must leave room for the terminator */
	assert_int_equal(mh_rfc5424_format(buf, 60, 60, &h, NULL, NULL, 0, NULL, 0, NULL), -1);
}

static void test_utf8_cut(void **state)
{
	const char *s = "a\xC3\xA9\xF0\x9F\x98\x80z"; /* a é 😀 z: 1+2+4+1 bytes */

	assert_int_equal(mh_utf8_cut(s, 8, 8), 8);
	assert_int_equal(mh_utf8_cut(s, 8, 20), 8);
	assert_int_equal(mh_utf8_cut(s, 8, 7), 7);
	assert_int_equal(mh_utf8_cut(s, 8, 6), 3);
	assert_int_equal(mh_utf8_cut(s, 8, 4), 3);
	assert_int_equal(mh_utf8_cut(s, 8, 2), 1);
	assert_int_equal(mh_utf8_cut(s, 8, 0), 0);
	/* Not UTF-8: a long run of continuation bytes is cut where the limit
	 * falls, not backed up to nothing. */
	assert_int_equal(mh_utf8_cut("\x99\x99\x99\x99\x99\x99", 6, 5), 5);
	assert_int_equal(mh_utf8_cut("a\x99\x99\x99\x99", 5, 4), 4);
	assert_int_equal(mh_utf8_cut("a\xF0\x99\x99\x99", 5, 4), 1);
}

static void test_octet_counting(void **state)
{
	char pre[24];

	assert_int_equal(mh_rfc6587_prefix(pre, sizeof(pre), 123), 4);
	assert_string_equal(pre, "123 ");
	assert_int_equal(mh_rfc6587_prefix(pre, sizeof(pre), 0), 2);
	assert_string_equal(pre, "0 ");
}

static void test_facility(void **state)
{
	assert_int_equal(mh_syslog_facility("kern"), 0);
	assert_int_equal(mh_syslog_facility("auth"), 4);
	assert_int_equal(mh_syslog_facility("authpriv"), 10);
	assert_int_equal(mh_syslog_facility("local0"), 16);
	assert_int_equal(mh_syslog_facility("local7"), 23);
	assert_int_equal(mh_syslog_facility("13"), 13);
	assert_int_equal(mh_syslog_facility("24"), -1);
	assert_int_equal(mh_syslog_facility("-1"), -1);
	assert_int_equal(mh_syslog_facility("local8"), -1);
	assert_int_equal(mh_syslog_facility(""), -1);
	assert_int_equal(mh_syslog_facility("3x"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_header_fields),
	    cmocka_unit_test(test_pri),
	    cmocka_unit_test(test_nilvalues),
	    cmocka_unit_test(test_header_sanitised_and_cut),
	    cmocka_unit_test(test_sd_escaping),
	    cmocka_unit_test(test_sd_value_cut_on_utf8),
	    cmocka_unit_test(test_msg_truncated_to_max),
	    cmocka_unit_test(test_msg_cut_on_utf8_boundary),
	    cmocka_unit_test(test_too_small_for_header),
	    cmocka_unit_test(test_utf8_cut),
	    cmocka_unit_test(test_octet_counting),
	    cmocka_unit_test(test_facility),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
