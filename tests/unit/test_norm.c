/*
 * intel/norm: canonical forms of messy real-world artifact text. Each table
 * row is input -> expected ("" = rejected).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "intel/norm.h"

struct row {
	const char *in, *want;
};

typedef size_t (*norm_fn)(const char *s, size_t n, char *dst, size_t cap);

static void run(norm_fn f, const struct row *rows, size_t n, const char *what)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char out[300];
		size_t len = f(rows[i].in, strlen(rows[i].in), out, sizeof(out));

		if (strcmp(out, rows[i].want) != 0 || len != strlen(rows[i].want))
			fail_msg("%s('%s') = '%s' (%zu), want '%s'", what, rows[i].in, out, len,
			         rows[i].want);
	}
}

#define RUN(f, rows) run(f, rows, sizeof(rows) / sizeof(rows[0]), #f)

static void test_email(void **state)
{
	static const struct row rows[] = {
	    {"Foo@Example.COM", "foo@example.com"},
	    {"  alice@example.com \t", "alice@example.com"},
	    {"Alice Smith <Alice.Smith@Example.com>", "alice.smith@example.com"},
	    {"\"Smith, Alice\" <alice@example.com>", "alice@example.com"},
	    {"<bob@example.org>", "bob@example.org"},
	    {"mailto:HR@Evil.Example", "hr@evil.example"},
	    {"MAILTO:hr@evil.example?subject=Job%20offer", "hr@evil.example"},
	    {"'jane+jobs@gmail.com'", "jane+jobs@gmail.com"},
	    {"x@mail.example.co.uk.", "x@mail.example.co.uk"},
	    {"not an email", ""},
	    {"@example.com", ""},
	    {"a@b@example.com", ""},
	    {"a@localhost", ""},
	    {"a b@example.com", ""},
	    {".a@example.com", ""},
	    {"a@-bad.com", ""},
	    {"a@1.2.3.4", ""},
	    {"", ""},
	};

	RUN(mh_norm_email, rows);
}

static void test_domain(void **state)
{
	static const struct row rows[] = {
	    {"Evil.COM", "evil.com"},
	    {"evil.com.", "evil.com"},
	    {"www.Evil.com", "evil.com"},
	    {"www.com", "www.com"},
	    {"https://www.evil.com/login?x=1#top", "evil.com"},
	    {"HTTP://user:pw@Sub.Evil.com:8080/path", "sub.evil.com"},
	    {"evil.com:443", "evil.com"},
	    {"evil.com/careers", "evil.com"},
	    {"hr@evil.com", "evil.com"},
	    {"*.evil.com", "evil.com"},
	    {".evil.com", "evil.com"},
	    {"  \"a-b.example.org\"  ", "a-b.example.org"},
	    {"xn--80ak6aa92e.com", "xn--80ak6aa92e.com"},
	    {"localhost", ""},
	    {"1.2.3.4", ""},
	    {"-evil.com", ""},
	    {"evil-.com", ""},
	    {"ev il.com", ""},
	    {"a..com", ""},
	    {"[2001:db8::1]", ""},
	    {"", ""},
	};

	RUN(mh_norm_domain, rows);
}

static void test_phone(void **state)
{
	static const struct row rows[] = {
	    {"+1 (555) 010-9999", "+15550109999"},
	    {"(555) 010-9999", "+15550109999"},
	    {"555.010.9999", "+15550109999"},
	    {"1-555-010-9999", "+15550109999"},
	    {"+1 555 010 9999 x123", "+15550109999"},
	    {"555-010-9999 ext. 42", "+15550109999"},
	    {"+1-555-010-9999;ext=7", "+15550109999"},
	    {"+1 555 010 9999 #12", "+15550109999"},
	    {"tel:+44-20-7946-0958", "+442079460958"},
	    {"0044 20 7946 0958", "+442079460958"},
	    {"+44 (0) 20 7946 0958", "+442079460958"},
	    {"+86 138 0013 8000", "+8613800138000"},
	    {"00850 2 381 4000", "+85023814000"},
	    {"07700 900123", "07700900123"},
	    {"'+7 (495) 123-45-67'", "+74951234567"},
	    {"1-800-FLOWERS", ""},
	    {"12345", ""},
	    {"+0 555 010 9999", ""},
	    {"+1234567890123456", ""},
	    {"phone: 555", ""},
	    {"++1 555 010 9999", ""},
	    {"", ""},
	};

	RUN(mh_norm_phone, rows);
}

static void test_hash(void **state)
{
	static const struct row rows[] = {
	    {"D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"},
	    {" da39a3ee5e6b4b0d3255bfef95601890afd80709 ",
	     "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
	    {"sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
	     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	    {"MD5:d41d8cd98f00b204e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"},
	    {"d41d8cd98f00b204e9800998ecf8427", ""},
	    {"g41d8cd98f00b204e9800998ecf8427e", ""},
	    {"d41d8cd98f00b204 e9800998ecf8427e", ""},
	    {"", ""},
	};

	RUN(mh_norm_hash, rows);
}

static void test_wallet(void **state)
{
	static const struct row rows[] = {
	    {"0x52908400098527886E0F7030069857D2E4169EE7",
	     "0x52908400098527886e0f7030069857d2e4169ee7"},
	    {"ethereum:0x52908400098527886E0F7030069857D2E4169EE7@1",
	     "0x52908400098527886e0f7030069857d2e4169ee7"},
	    {"BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
	     "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
	    {"bitcoin:1BoatSLRHtKNngkdXEeobR76b53LETtpyT?amount=1",
	     "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"},
	    {"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"},
	    {"TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"},
	    {"bc1QAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", ""}, /* mixed-case bech32 */
	    {"1BoatSLRHtKNngkdXEeobR76b53LETtpy0", ""},         /* '0' not base58 */
	    {"0x5290840009852788", ""},
	    {"hello", ""},
	};

	RUN(mh_norm_wallet, rows);
}

static void test_caps(void **state)
{
	char small[8], big[32];

	/* never truncated: a cut key would compare equal to a different value */
	assert_int_equal(mh_norm_email("alice@example.com", 17, small, sizeof(small)), 0);
	assert_string_equal(small, "");
	assert_int_equal(mh_norm_domain("example.com", 11, small, sizeof(small)), 0);
	assert_int_equal(mh_norm_phone("+15550109999", 12, small, sizeof(small)), 0);
	assert_int_equal(mh_norm_domain("a.io", 4, small, sizeof(small)), 4);
	assert_string_equal(small, "a.io");
	assert_int_equal(mh_norm_domain("a.io", 4, small, 0), 0);
	/* the length argument is honoured: no reading past n */
	assert_int_equal(mh_norm_domain("evil.comXXXX", 8, big, sizeof(big)), 8);
	assert_string_equal(big, "evil.com");
	assert_int_equal(mh_norm_domain("evil.com", 8, small, sizeof(small)), 0); /* needs 9 */
	assert_int_equal(mh_norm_email(NULL, 0, small, sizeof(small)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_email),  cmocka_unit_test(test_domain),
	    cmocka_unit_test(test_phone),  cmocka_unit_test(test_hash),
	    cmocka_unit_test(test_wallet), cmocka_unit_test(test_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
