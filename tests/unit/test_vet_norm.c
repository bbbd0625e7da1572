/*
 * vet/vnorm: e-mail, phone, address and profile URL canonical forms on
 * real-world messiness. Each row is input -> expected ("" = rejected).
 */
#include "mh_test.h"

#include <stdio.h>

#include "vet/vnorm.h"

struct row {
	const char *in, *want;
};

static void check(const char *what, const char *in, const char *out, size_t len, const char *want)
{
	if (strcmp(out, want) != 0 || len != strlen(want))
		fail_msg("%s('%s') = '%s' (%zu), want '%s'", what, in, out, len, want);
}

static void test_email(void **state)
{
	static const struct row rows[] = {
	    {"Jane.Doe+jobs@GMail.com", "janedoe@gmail.com"},
	    {"j.a.n.e.doe@googlemail.com", "janedoe@gmail.com"},
	    {"\"Jane Doe\" <JANE.DOE@gmail.com>", "janedoe@gmail.com"},
	    {"jane.doe+recruiters@outlook.com", "jane.doe@outlook.com"},
	    {"Jane.Doe@Outlook.com", "jane.doe@outlook.com"},
	    {"mailto:bob+x@corp.example.com?subject=hi", "bob@corp.example.com"},
	    {"+tag@example.com", "+tag@example.com"},
	    {"..@gmail.com", ""},
	    {"not-an-email", ""},
	    {"a@b", ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[256];
		size_t len = mh_vet_norm_email(rows[i].in, strlen(rows[i].in), out, sizeof(out));

		check("email", rows[i].in, out, len, rows[i].want);
	}
}

static void test_phone(void **state)
{
	static const struct {
		const char *in, *cc, *want;
	} rows[] = {
	    {"+1 (512) 555-0100", "", "+15125550100"},
	    {"512.555.0100", "US", "+15125550100"},
	    {"1-512-555-0100 ext. 23", "", "+15125550100"},
	    {"07700 900123", "GB", "+447700900123"},
	    {"+44 (0)7700 900123", "", "+447700900123"},
	    {"0044 7700 900123", "", "+447700900123"},
	    {"07700 900123", "", "07700900123"},
	    {"030 1234567", "DE", "+49301234567"},
	    {"0201234567", "NL", "+31201234567"},
	    {"0201234567", "", "0201234567"},
	    {"8 912 345 67 89", "RU", "+79123456789"},
	    {"06 12 34 56 78", "IT", "0612345678"},
	    {"tel:+82-10-1234-5678", "", "+821012345678"},
	    {"call me maybe", "US", ""},
	    {"123", "US", ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[64];
		size_t len =
		    mh_vet_norm_phone(rows[i].in, strlen(rows[i].in), rows[i].cc, out, sizeof(out));

		check("phone", rows[i].in, out, len, rows[i].want);
	}
}

static void test_address(void **state)
{
	static const struct row rows[] = {
	    {"8165 Walnut St, Miami, Florida 36561", "8165 walnut st miami fl 36561"},
	    {"8165 WALNUT STREET, Miami, FL 36561-1234", "8165 walnut st miami fl 36561"},
	    {"8165 Walnut St., Miami FL 36561, USA", "8165 walnut st miami fl 36561"},
	    {"12 North Main Street Apt. 4B, Austin, Texas 78701",
	     "12 n main st unit 4b austin tx 78701"},
	    {"12 N Main St #4B, Austin, TX 78701", "12 n main st unit 4b austin tx 78701"},
	    {"12 N. Main St., Apartment #4B, Austin TX 78701 United States",
	     "12 n main st unit 4b austin tx 78701"},
	    {"1600 Pennsylvania Avenue NW, Washington, District of Columbia 20500",
	     "1600 pennsylvania ave nw washington dc 20500"},
	    {"221B Baker Street, London NW1 6XE, United Kingdom", "221b baker st london nw1 6xe"},
	    {"Suite 200, 500 Boulevard Way", "unit 200 500 blvd way"},
	    {"Main Street", ""},
	    {"12345", ""},
	    {"", ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[512];
		size_t len = mh_vet_norm_address(rows[i].in, strlen(rows[i].in), out, sizeof(out));

		check("address", rows[i].in, out, len, rows[i].want);
	}
}

static void test_address_country(void **state)
{
	static const struct row rows[] = {
	    {"8165 Walnut St, Miami, Florida 36561", "US"},
	    {"12 Main St, Austin, TX 78701-1234", "US"},
	    {"1 Rue de Rivoli, Paris, France", "FR"},
	    {"221B Baker Street, London NW1 6XE", "GB"},
	    {"10 Downing St, London, England 12345", "GB"},
	    {"100 Queen St W, Toronto, ON M5H 2N2", "CA"},
	    {"Kim Chaek University of Technology, Pyongyang, North Korea", "KP"},
	    {"Some Street 5, Berlin", ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char cc[3];
		int got = mh_vet_address_country(rows[i].in, strlen(rows[i].in), cc);

		if (strcmp(cc, rows[i].want) || got != (rows[i].want[0] != '\0'))
			fail_msg("country('%s') = '%s' (%d), want '%s'", rows[i].in, cc, got,
			         rows[i].want);
	}
}

static void test_url(void **state)
{
	static const struct {
		const char *in, *hint, *want;
	} rows[] = {
	    {"https://github.com/WeiPerez64", NULL, "github:weiperez64"},
	    {"http://www.github.com/weiperez64/?tab=repositories", NULL, "github:weiperez64"},
	    {"github.com/weiperez64/dotfiles", NULL, "github:weiperez64"},
	    {"https://weiperez64.github.io/", NULL, "github:weiperez64"},
	    {"https://www.linkedin.com/in/Wei-Perez-1a2b3c/?trk=public", NULL,
	     "linkedin:wei-perez-1a2b3c"},
	    {"linkedin.com/in/wei-perez-1a2b3c", NULL, "linkedin:wei-perez-1a2b3c"},
	    {"https://uk.linkedin.com/in/wei-perez-1a2b3c", NULL, "linkedin:wei-perez-1a2b3c"},
	    {"https://twitter.com/WeiP", NULL, "x:weip"},
	    {"https://x.com/weip/status/1", NULL, "x:weip"},
	    {"@weip", "x", "x:weip"},
	    {"weiperez64", "github", "github:weiperez64"},
	    {"https://WeiPerez.dev/Portfolio/#work", NULL, "web:weiperez.dev/Portfolio"},
	    {"https://github.com/", NULL, ""},
	    {"https://github.com/orgs/acme", NULL, ""},
	    {"https://www.linkedin.com/company/acme", NULL, ""},
	    {"not a url", NULL, ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[512];
		size_t len =
		    mh_vet_norm_url(rows[i].in, strlen(rows[i].in), rows[i].hint, out, sizeof(out));

		check("url", rows[i].in, out, len, rows[i].want);
	}
}

static void test_small_buffers(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(mh_vet_norm_email("jane.doe@gmail.com", 18, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(mh_vet_norm_address("8165 Walnut St", 14, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(mh_vet_norm_url("https://github.com/abcdefgh", 27, NULL, out, sizeof(out)),
	                 0);
	assert_int_equal(mh_vet_norm_phone("+447700900123", 13, "", out, sizeof(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_email),   cmocka_unit_test(test_phone),
	    cmocka_unit_test(test_address), cmocka_unit_test(test_address_country),
	    cmocka_unit_test(test_url),     cmocka_unit_test(test_small_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
