/* vet/anachronism.c: technologies claimed at jobs that ended before them. */
#include "mh_test.h"

#include "vet/anachronism.h"

static int find(const char *text, struct mh_anachronism *a)
{
	return mh_anachronism_find(text, strlen(text), a);
}

static void test_claims_before_release(void **state)
{
	struct mh_anachronism a;

	(void)state;
	assert_int_equal(
	    find("Jane Roe\nExperience\nAcme (2010-2012)\n- Ran Kubernetes clusters\n", &a), 1);
	assert_string_equal(a.tech, "Kubernetes");
	assert_int_equal(a.released, 2014);
	assert_int_equal(a.job_end, 2012);
	assert_int_equal(a.count, 1);
	/* "to", an alias, and a second claim */
	assert_int_equal(
	    find("Initech 2009 to 2011\n- Front ends in React.js\n- Docker images\n", &a), 1);
	assert_string_equal(a.tech, "React");
	assert_int_equal(a.count, 2);
	/* an en dash */
	assert_int_equal(find("Globex (2008\xe2\x80\x93"
	                      "2010)\n- Terraform modules\n",
	                      &a),
	                 1);
	assert_string_equal(a.tech, "Terraform");
}

static void test_plausible_claims(void **state)
{
	struct mh_anachronism a;

	(void)state;
	/* running job; release inside the job's years; before any job */
	assert_int_equal(find("Acme (2012 - present)\n- Kubernetes\n", &a), 0);
	assert_int_equal(find("Acme (2012-2014)\n- Kubernetes\n", &a), 0);
	assert_int_equal(find("Kubernetes expert\nAcme (2015-2018)\n- Docker\n", &a), 0);
	/* the verbs and words inside words */
	assert_int_equal(find("Acme (2001-2003)\n- had to react fast; swift fixes; Dockerfile-like "
	                      "scripts; rusty Perl\n",
	                      &a),
	                 0);
	/* an education range is no job; a later experience heading starts jobs again */
	assert_int_equal(
	    find("Education\nMIT (2008-2012)\n- Thesis on Kubernetes scheduling\n", &a), 0);
	assert_int_equal(
	    find("Skills\nKubernetes (2010-2011)\nExperience\nAcme (2008-2010)\n- Docker\n", &a),
	    1);
	assert_string_equal(a.tech, "Docker");
	/* no years at all, an empty text, a year alone */
	assert_int_equal(find("- Kubernetes and OpenTelemetry\n", &a), 0);
	assert_int_equal(find("", &a), 0);
	assert_int_equal(find("Acme 2010\n- Kubernetes\n", &a), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_claims_before_release),
	    cmocka_unit_test(test_plausible_claims),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
