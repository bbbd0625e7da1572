#include "mh_test.h"

#include "core/people.h"

static struct mh_roster roster;
static struct mh_people people;
static int warnings;

static void warn(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
	warnings++;
}

static int setup(void **state)
{
	memset(&roster, 0, sizeof(roster));
	mh_test_person(&roster, "E1", "alice.smith@corp.example", "asmith;alice-gh", "C02XK1");
	mh_test_person(&roster, "E2", "bob@corp.example", "bjones;shared-alias", NULL);
	mh_test_person(&roster, "E3", "carol@corp.example", "shared-alias", "LAPTOP-7");
	mh_test_person(&roster, "E4", "bob@other.example", NULL, NULL);
	warnings = 0;
	mh_people_build(&people, &roster, warn, NULL);
	return 0;
}

static int teardown(void **state)
{
	mh_people_release(&people);
	mh_roster_free(&roster);
	return 0;
}

static uint32_t resolve(const char *user, const char *host, char *key)
{
	char k[MH_NAME_MAX];

	return mh_people_resolve(&people, mh_test_str(user), mh_test_str(host), key ? key : k,
	                         MH_NAME_MAX);
}

static void test_email_and_case(void **state)
{
	assert_int_equal(resolve("alice.smith@corp.example", NULL, NULL), 0);
	assert_int_equal(resolve("  Alice.Smith@CORP.example ", NULL, NULL), 0);
	assert_int_equal(resolve("\"carol@corp.example\"", NULL, NULL), 2);
}

static void test_aliases_domain_upn(void **state)
{
	assert_int_equal(resolve("asmith", NULL, NULL), 0);
	assert_int_equal(resolve("CORP\\asmith", NULL, NULL), 0);
	assert_int_equal(resolve("CORP\\BJones", NULL, NULL), 1);
	assert_int_equal(resolve("alice-gh", NULL, NULL), 0);
	/* a UPN whose local part is a roster alias */
	assert_int_equal(resolve("asmith@corp.onmicrosoft.com", NULL, NULL), 0);
	/* a unique e-mail local part */
	assert_int_equal(resolve("alice.smith@corp.onmicrosoft.com", NULL, NULL), 0);
	assert_int_equal(resolve("CORP\\alice.smith", NULL, NULL), 0);
}

static void test_ambiguous_names_resolve_to_nobody(void **state)
{
	char key[MH_NAME_MAX];

	/* "bob" is the local part of two roster e-mails */
	assert_int_equal(resolve("bob@elsewhere.example", NULL, key), MH_NOBODY);
	assert_string_equal(key, "bob@elsewhere.example");
	/* two rows claim the same alias: nobody, and it was reported */
	assert_int_equal(resolve("shared-alias", NULL, key), MH_NOBODY);
	assert_true(warnings >= 1);
	/* but full addresses still work */
	assert_int_equal(resolve("bob@other.example", NULL, NULL), 3);
}

static void test_unknown_kept_under_name(void **state)
{
	char key[MH_NAME_MAX];

	assert_int_equal(resolve("Mallory@Evil.example", "HOST1", key), MH_NOBODY);
	assert_string_equal(key, "mallory@evil.example");
}

static void test_machine_accounts_use_host(void **state)
{
	char key[MH_NAME_MAX];

	assert_int_equal(resolve("SYSTEM", "c02xk1", NULL), 0);
	assert_int_equal(resolve("root", "laptop-7", NULL), 2);
	assert_int_equal(resolve("", "LAPTOP-7", NULL), 2);
	assert_int_equal(resolve("WKS-22$", "laptop-7", NULL), 2);
	assert_int_equal(resolve(NULL, "unknown-host", key), MH_NOBODY);
	assert_string_equal(key, "host:unknown-host");
	assert_int_equal(resolve(NULL, NULL, key), MH_NOBODY);
	assert_string_equal(key, "");
}

static void test_norm(void **state)
{
	char buf[8];

	assert_int_equal(mh_name_norm(" ABC ", 5, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	/* truncation keeps a NUL */
	assert_int_equal(mh_name_norm("ABCDEFGHIJ", 10, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "abcdefg");
	assert_true(mh_name_is_machine("nt authority\\system", 19));
	assert_false(mh_name_is_machine("alice", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_email_and_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_aliases_domain_upn, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ambiguous_names_resolve_to_nobody, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_kept_under_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_machine_accounts_use_host, setup, teardown),
	    cmocka_unit_test(test_norm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
