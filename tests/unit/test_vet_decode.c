/*
 * vet/greenhouse.c and vet/applicant_csv.c: Greenhouse Harvest candidates
 * (array and JSON Lines) and the applicant CSV, on the fixtures in
 * tests/data/greenhouse/.
 */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "vet/applicant.h"

#define DATA "tests/data/greenhouse/"

static int nrej;

static void on_reject(void *arg, const char *where, const char *why)
{
	(void)arg;
	(void)why;
	assert_non_null(strstr(where, ":"));
	nrej++;
}

static const char *art(const struct mh_applicant *a, enum mh_vet_kind k, int nth)
{
	size_t i;

	for (i = 0; i < a->narts; i++)
		if (a->arts[i].kind == k && nth-- == 0)
			return a->arts[i].value;
	return NULL;
}

static const struct mh_applicant *by_id(const struct mh_applicants *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].id, id))
			return &s->v[i];
	fail_msg("no applicant %s", id);
	return NULL;
}

static void test_greenhouse_array(void **state)
{
	struct mh_applicants s = {0};
	struct mh_err err;
	const struct mh_applicant *a;

	(void)state;
	nrej = 0;
	assert_int_equal(mh_applicants_read(&s, DATA "candidates.json", on_reject, NULL, &err), 0);
	assert_int_equal(s.n, 6);
	assert_int_equal(nrej, 0);
	a = by_id(&s, "7001");
	assert_string_equal(a->name, "Wei Perez");
	assert_string_equal(a->surname, "perez");
	assert_string_equal(art(a, MH_VA_EMAIL, 0), "weiperez@gmail.com");
	assert_string_equal(art(a, MH_VA_PHONE, 0), "+13055550149");
	assert_string_equal(a->home, "8165 walnut st miami fl 33101");
	assert_string_equal(a->home_cc, "US");
	assert_string_equal(art(a, MH_VA_URL, 0), "github:weiperez64");
	assert_string_equal(art(a, MH_VA_PHOTO, 0),
	                    "9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f9a1f");
	assert_non_null(a->resume);
	assert_non_null(strstr(a->resume, "Kubernetes"));
	assert_string_equal(a->interview_ip, "203.0.113.7");
	assert_string_equal(a->ship, "400 commerce pkwy dallas tx 75201");
	assert_int_equal(a->nrefs, 2);
	assert_int_equal(a->nedu, 1);
	assert_string_equal(a->edu_cc[0], "KP");
	assert_int_equal(a->njobs, 1);
	assert_int_equal(a->jobs[0].job, 4001);
	assert_true(a->applied_ms > 1700000000000LL);
	assert_string_equal(a->source, "LinkedIn");
	assert_null(a->referrer);
	a = by_id(&s, "7002");
	assert_string_equal(art(a, MH_VA_PHONE, 0), "+13055550149");
	assert_string_equal(a->home, "8165 walnut st miami fl 33101");
	a = by_id(&s, "7004");
	assert_string_equal(a->referrer, "E100");
	assert_string_equal(a->home_cc, "GB");
	assert_string_equal(art(a, MH_VA_PHONE, 0), "+447700900777");
	assert_string_equal(art(a, MH_VA_URL, 0), "linkedin:jonas-berg");
	a = by_id(&s, "7005");
	assert_string_equal(art(a, MH_VA_EMAIL, 0), "weiperez@gmail.com");
	assert_null(a->resume);
	assert_null(art(a, MH_VA_PHOTO, 0));
	assert_int_equal(by_id(&s, "7007")->njobs, 9);
	mh_applicants_release(&s);
}

static void test_greenhouse_lines(void **state)
{
	struct mh_applicants s = {0};
	struct mh_err err;

	(void)state;
	nrej = 0;
	assert_int_equal(mh_applicants_read(&s, DATA "candidates.jsonl", on_reject, NULL, &err), 0);
	/* the truncated object swallows the next line: splitting resumes at the
	 * next line that starts an object (ingest/work.h) */
	assert_int_equal(s.n, 3);
	assert_int_equal(s.rejected, 2);
	assert_int_equal(nrej, 2);
	assert_int_equal(s.v[2].line, 3);
	mh_applicants_release(&s);
}

static void test_csv(void **state)
{
	struct mh_applicants s = {0};
	struct mh_err err;
	const struct mh_applicant *a, *b;

	(void)state;
	nrej = 0;
	assert_int_equal(mh_applicants_read(&s, DATA "applicants.csv", on_reject, NULL, &err), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(nrej, 1);
	a = by_id(&s, "A1");
	b = by_id(&s, "A2");
	assert_string_equal(a->name, "Olga Novak");
	assert_string_equal(art(a, MH_VA_EMAIL, 1), "onovak@gmail.com");
	assert_string_equal(art(a, MH_VA_PHONE, 0), "+48221234567");
	assert_string_equal(art(a, MH_VA_PHONE, 0), art(b, MH_VA_PHONE, 0));
	assert_string_equal(art(a, MH_VA_PAYROLL, 0), art(b, MH_VA_PAYROLL, 0));
	assert_string_equal(a->home_cc, "PL");
	assert_string_equal(a->edu_cc[0], "PL");
	assert_string_equal(a->refs[0], "ref@gmail.com");
	assert_string_equal(a->referrer, "E200");
	assert_int_equal(a->njobs, 2);
	assert_int_equal(b->njobs, 1);
	assert_true(b->applied_ms > a->applied_ms);
	mh_applicants_release(&s);
}

static void test_bad_inputs(void **state)
{
	static const char *const bad[] = {"", "just some text\n", "name,email\nA,b@c.d\n"};
	struct mh_applicants s = {0};
	struct mh_err err;
	const char *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		    mh_applicants_parse(&s, "x.csv", bad[i], strlen(bad[i]), NULL, NULL, &err), -1);
		assert_non_null(strstr(err.msg, "x.csv"));
	}
	p = "[1, {\"id\": \"c1\"}, null]";
	assert_int_equal(mh_applicants_parse(&s, "x.json", p, strlen(p), NULL, NULL, &err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.rejected, 2);
	mh_applicants_release(&s);
}

static void test_limits(void **state)
{
	struct mh_applicants s = {0};
	struct mh_err err;
	size_t cap = MH_VET_RESUME_MAX * 2 + 200, k;
	char *big = mh_malloc(cap), *p = big, *end = big + cap;

	(void)state;
	p += snprintf(p, (size_t)(end - p), "{\"id\": 1, \"phone_numbers\": [");
	for (k = 0; k < MH_VET_MAX_ARTS + 5; k++)
		p += snprintf(p, (size_t)(end - p), "%s{\"value\": \"+1 512 555 %04zu\"}",
		              k ? "," : "", k);
	p += snprintf(p, (size_t)(end - p), "], \"custom_fields\": {\"resume_text\": \"");
	memset(p, 'a', MH_VET_RESUME_MAX + 100);
	p += MH_VET_RESUME_MAX + 100;
	p += snprintf(p, (size_t)(end - p), "\"}}");
	assert_int_equal(
	    mh_applicants_parse(&s, "big.json", big, (size_t)(p - big), NULL, NULL, &err), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].narts, MH_VET_MAX_ARTS);
	assert_int_equal(s.v[0].dropped, 5);
	assert_int_equal(strlen(s.v[0].resume), MH_VET_RESUME_MAX);
	mh_applicants_release(&s);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_greenhouse_array),
	    cmocka_unit_test(test_greenhouse_lines),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_bad_inputs),
	    cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
