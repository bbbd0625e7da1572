#include "mh_test.h"

#include <stdlib.h>

#include "config/config.h"

static struct mh_config *parse(const char *text, struct mh_err *err)
{
	return mh_config_parse("test.yaml", text, strlen(text), err);
}

static void test_values_and_defaults(void **state)
{
	struct mh_err err;
	struct mh_config *c = parse("risk:\n"
	                            "  half_life_days: 7\n"
	                            "  scale: 55.5\n"
	                            "allow:\n"
	                            "  remote_tools: [teamviewer, zoom]\n"
	                            "  egress_cidrs:\n"
	                            "    - 198.51.100.0/24\n",
	                            &err);
	const char *const *items;

	assert_non_null(c);
	assert_true(mh_config_num(c, "risk.half_life_days", 14) == 7);
	assert_true(mh_config_num(c, "risk.scale", 40) == 55.5);
	assert_true(mh_config_num(c, "risk.family_bonus", 0.25) == 0.25);
	assert_int_equal(mh_config_list(c, "allow.remote_tools", &items), 2);
	assert_string_equal(items[1], "zoom");
	assert_int_equal(mh_config_list(c, "allow.egress_cidrs", &items), 1);
	assert_string_equal(items[0], "198.51.100.0/24");
	assert_int_equal(mh_config_list(c, "allow.office_addresses", &items), 0);
	assert_null(items);
	mh_config_free(c);
	/* NULL config: defaults everywhere */
	assert_true(mh_config_num(NULL, "risk.scale", 40) == 40);
}

static void expect_error(const char *text, const char *needle)
{
	struct mh_err err;
	struct mh_config *c;

	mh_err_clear(&err);
	c = parse(text, &err);
	if (c)
		fail_msg("accepted: %s", text);
	if (!strstr(err.msg, needle))
		fail_msg("error '%s' lacks '%s'", err.msg, needle);
}

static void test_rejects_bad_settings(void **state)
{
	expect_error("risk:\n  half_life: 3\n", "test.yaml:2: unknown setting 'risk.half_life'");
	expect_error("risk:\n  scale: lots\n", "test.yaml:2: 'risk.scale' wants a number");
	expect_error("risk:\n  scale: 0\n", "must be between");
	expect_error("risk:\n  scale: 1e999\n", "wants a number");
	expect_error("allow:\n  remote_tools: zoom\n", "wants a list");
	expect_error("risk:\n  scale: [1, 2]\n", "is not a list setting");
	expect_error("risk:\n  scale: 3\n  scale: 4\n", "set twice");
	expect_error("just a string\n", "must be a mapping");
	expect_error("risk: {half_life_days: [\n", "test.yaml:");
	expect_error("allow:\n  remote_tools: [{a: 1}]\n", "plain values");
	expect_error("detectors:\n  no.such_detector:\n    points: 3\n", "unknown setting");
	expect_error("a: &x 1\nb: *x\n", "unknown setting 'a'");
}

static void test_empty_document(void **state)
{
	struct mh_err err;
	struct mh_config *c = parse("", &err);

	assert_non_null(c);
	mh_config_free(c);
	c = parse("# only a comment\n", &err);
	assert_non_null(c);
	mh_config_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_values_and_defaults),
	    cmocka_unit_test(test_rejects_bad_settings),
	    cmocka_unit_test(test_empty_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
