/* extortion/mime.c: headers, Received IPs, nested parts, encodings, limits. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "extortion/mime.h"

static const char msg[] =
    "Received: from mx.corp.example (mx.corp.example [10.1.2.3])\r\n"
    "\tby mail.corp.example; Fri, 15 Nov 2024 03:00:01 +0000\r\n"
    "Received: from [198.51.100.7] (unknown [IPv6:2001:db8::42])\r\n"
    "\tby relay.example with ESMTPSA id 4V89025CC1; Fri, 15 Nov 2024 02:59:59 +0000\r\n"
    "Return-Path: <Bounce@Relay.Example>\r\n"
    "Message-ID: <abc.123@proton.me>\r\n"
    "Date: Fri, 15 Nov 2024 02:59:58 +0000\r\n"
    "From: \"Data Team\" <Recovery.Team@Proton.ME>\r\n"
    "Reply-To: settle@tutanota.com\r\n"
    "Subject: =?UTF-8?B?WW91ciBjb2Rl?=\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"OUT\"\r\n"
    "\r\n"
    "--OUT\r\n"
    "Content-Type: multipart/alternative; boundary=\"ALT\"\r\n"
    "\r\n"
    "--ALT\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Pay now or we publish. Caf=E9.\r\n"
    "--ALT--\r\n"
    "--OUT\r\n"
    "Content-Type: application/octet-stream; name=\"leak.bin\"\r\n"
    "Content-Disposition: attachment; filename=\"leak.bin\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "c2VjcmV0IGRhdGEK\r\n"
    "--OUT\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "From: inner@example.com\r\n"
    "Subject: fwd\r\n"
    "Content-Type: multipart/mixed; boundary=\"IN\"\r\n"
    "\r\n"
    "--IN\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Disposition: attachment; filename=\"notes.txt\"\r\n"
    "\r\n"
    "inner notes\r\n"
    "--IN--\r\n"
    "--OUT--\r\n";

static const struct mh_mail_part *part(const struct mh_mail *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nparts; i++)
		if (!strcmp(m->parts[i].name, name))
			return &m->parts[i];
	return NULL;
}

static void test_message(void **state)
{
	struct mh_mail m;
	struct mh_err err;
	const struct mh_mail_part *p;

	assert_int_equal(mh_mail_parse("x.eml", msg, sizeof(msg) - 1, &m, &err), 0);
	assert_string_equal(m.subject, "Your code");
	assert_string_equal(m.message_id, "abc.123@proton.me");
	assert_int_equal(m.date_ms, 1731639598000ll);
	assert_int_equal(m.naddrs, 3);
	assert_string_equal(m.addrs[0].role, "from");
	assert_string_equal(m.addrs[0].addr, "recovery.team@proton.me");
	assert_string_equal(m.addrs[0].name, "Data Team");
	assert_string_equal(m.addrs[1].role, "reply-to");
	assert_string_equal(m.addrs[1].addr, "settle@tutanota.com");
	assert_string_equal(m.addrs[2].role, "return-path");
	assert_string_equal(m.addrs[2].addr, "bounce@relay.example");
	assert_int_equal(m.nreceived, 2);
	assert_int_equal(m.nhops, 3);
	assert_string_equal(m.hops[0].ip, "10.1.2.3");
	assert_int_equal(m.hops[0].is_private, 1);
	assert_string_equal(m.hops[1].ip, "198.51.100.7");
	assert_int_equal(m.hops[1].hop, 1);
	assert_string_equal(m.hops[2].ip, "2001:db8::42");
	assert_int_equal(m.nparts, 3);
	p = part(&m, "part 1");
	assert_non_null(p);
	assert_int_equal(p->attachment, 0);
	assert_string_equal((const char *)p->data, "Pay now or we publish. Caf\xc3\xa9.");
	p = part(&m, "leak.bin");
	assert_non_null(p);
	assert_int_equal(p->attachment, 1);
	assert_int_equal(p->n, 12);
	assert_memory_equal(p->data, "secret data\n", 12);
	p = part(&m, "attached message 1/notes.txt");
	assert_non_null(p);
	assert_int_equal(p->attachment, 1);
	mh_mail_release(&m);
}

static void test_received_forms(void **state)
{
	struct mh_mail m;

	memset(&m, 0, sizeof(m));
	mh_mail_received_ips(&m,
	                     "from a (HELO b) (1.2.3.4) by c id 02:59:59 with 4V89025CC1; "
	                     "from [::1] 203.0.113.9. and 1.2.3 and 999.1.1.1",
	                     0);
	assert_int_equal(m.nhops, 3);
	assert_string_equal(m.hops[0].ip, "1.2.3.4");
	assert_string_equal(m.hops[1].ip, "::1");
	assert_int_equal(m.hops[1].is_private, 1);
	assert_string_equal(m.hops[2].ip, "203.0.113.9");
	mh_mail_release(&m);
}

static void test_limits(void **state)
{
	struct mh_mail m;
	struct mh_err err;
	size_t cap = 400 * 80, n = 0, i;
	char *deep = mh_malloc(cap);

	for (i = 0; i < 300; i++)
		n += (size_t)snprintf(
		    deep + n, cap - n,
		    "Content-Type: multipart/mixed; boundary=\"b%zu\"\r\n\r\n--b%zu\r\n", i, i);
	assert_int_equal(mh_mail_parse("deep.eml", deep, n, &m, &err), -1);
	assert_string_equal(err.msg,
	                    "deep.eml: more than 256 multipart or attached-message parts, refused");
	free(deep);
	assert_int_equal(mh_mail_parse("big.eml", "x", (size_t)MH_MAIL_MAX + 1, &m, &err), -1);
	assert_non_null(strstr(err.msg, "larger than"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_message),
	    cmocka_unit_test(test_received_forms),
	    cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
