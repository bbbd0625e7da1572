/* Unit tests for the eval metrics (src/sim/eval.c) on hand-made rankings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sim/eval.h"
#include "util/xalloc.h"

/* People A..F; B and D positive (families farm, solo); C a trap. */
static void make_truth(struct mh_eval_truth *t)
{
	static const char *const ids[] = {"A", "B", "C", "D", "E", "F"};
	size_t i;

	memset(t, 0, sizeof(*t));
	t->people = mh_calloc(6, sizeof(*t->people));
	for (i = 0; i < 6; i++) {
		t->people[i].id = mh_strdup(ids[i]);
		t->people[i].family = -1;
	}
	t->npeople = 6;
	t->people[1].email = mh_strdup("b@corp.example");
	t->families[0] = mh_strdup("farm");
	t->families[1] = mh_strdup("solo");
	t->nfamilies = 2;
	t->people[1].positive = 1;
	t->people[1].family = 0;
	t->people[3].positive = 1;
	t->people[3].family = 1;
	t->npos = 2;
	t->people[2].trap = 1;
	t->ap_pos = mh_calloc(2, sizeof(*t->ap_pos));
	t->ap_pos[0] = 100;
	t->ap_pos[1] = 101;
	t->nap_pos = 2;
	t->culprit = mh_strdup("D");
}

static void perfect_ranking(void **state)
{
	struct mh_eval_truth t;
	struct mh_eval_rank r[] = {{"B", NULL, 10}, {"D", NULL, 9}};
	struct mh_eval_input in = {.risk = r, .nrisk = 2};
	struct mh_eval_result res;

	make_truth(&t);
	mh_eval_compute(&t, &in, &res);
	assert_int_equal(res.k, 2);
	assert_true(res.p_at_k == 1.0);
	assert_true(res.r_at_2k == 1.0);
	assert_true(res.auc == 1.0);
	assert_int_equal(res.traps_k, 0);
	assert_int_equal(res.fam[0].in_k, 1);
	assert_int_equal(res.fam[1].in_k, 1);
	mh_eval_truth_free(&t);
}

static void ties_and_order(void **state)
{
	struct mh_eval_truth t;
	/* given out of order: eval sorts by score, keeping input order on ties */
	struct mh_eval_rank r[] = {{"C", NULL, 3}, {"A", NULL, 5}, {"B", NULL, 5}, {"D", NULL, 1}};
	struct mh_eval_input in = {.risk = r, .nrisk = 4};
	struct mh_eval_result res;

	make_truth(&t);
	mh_eval_compute(&t, &in, &res);
	/* top K = A, B; top 2K = A, B, C, D */
	assert_int_equal(res.hits_k, 1);
	assert_true(res.p_at_k == 0.5);
	assert_true(res.r_at_k == 0.5);
	assert_true(res.r_at_2k == 1.0);
	assert_int_equal(res.traps_k, 0);
	assert_int_equal(res.traps_2k, 1);
	/* B: tie with A (1/2) + beats C, E, F = 3.5; D: beats E, F = 2 -> 5.5 / 8 */
	assert_true(res.auc > 0.68749 && res.auc < 0.68751);
	mh_eval_truth_free(&t);
}

static void everyone_zero(void **state)
{
	struct mh_eval_truth t;
	struct mh_eval_rank r[] = {{"C", NULL, 0}, {"B", NULL, 0}, {"D", NULL, 0}};
	struct mh_eval_input in = {0};
	struct mh_eval_result res;

	make_truth(&t);
	mh_eval_compute(&t, &in, &res);
	assert_true(res.auc == 0.5);
	assert_true(res.p_at_k == 0.0);
	assert_int_equal(res.hits_2k, 0);
	/* listed with score 0: still in no top K */
	in.risk = r;
	in.nrisk = 3;
	mh_eval_compute(&t, &in, &res);
	assert_true(res.auc == 0.5);
	assert_int_equal(res.hits_2k, 0);
	assert_int_equal(res.traps_2k, 0);
	mh_eval_truth_free(&t);
}

static void email_and_duplicates(void **state)
{
	struct mh_eval_truth t;
	/* B by e-mail (any case) first, then a lower duplicate; unknown people skipped */
	struct mh_eval_rank r[] = {
	    {NULL, "B@CORP.example", 8}, {"ghost", NULL, 7}, {"B", NULL, 1}, {"E", NULL, 6}};
	struct mh_eval_input in = {.risk = r, .nrisk = 4};
	struct mh_eval_result res;

	make_truth(&t);
	mh_eval_compute(&t, &in, &res);
	assert_int_equal(res.hits_k, 1); /* top K = B, E */
	/* B=8 beats all four negatives; D=0 ties A, C, F (1.5) and loses to E -> 5.5/8 */
	assert_true(res.auc > 0.68749 && res.auc < 0.68751);
	mh_eval_truth_free(&t);
}

static void vetting_and_extortion(void **state)
{
	struct mh_eval_truth t;
	struct mh_eval_vet v[] = {{100, 80}, {7, 60}, {101, 40}, {8, 10}};
	struct mh_eval_rank ext[] = {{"A", NULL, 9}, {"D", NULL, 5}};
	struct mh_eval_input in = {.vet = v, .nvet = 4, .vet_threshold = 50, .ext = ext, .next = 2};
	struct mh_eval_result res;

	make_truth(&t);
	mh_eval_compute(&t, &in, &res);
	assert_int_equal(res.vet_flagged, 2);
	assert_int_equal(res.vet_tp, 1);
	assert_true(res.vet_precision == 0.5);
	assert_true(res.vet_recall == 0.5);
	assert_int_equal(res.culprit_rank, 2);
	in.vet_threshold = 30;
	mh_eval_compute(&t, &in, &res);
	assert_true(res.vet_recall == 1.0);
	mh_eval_truth_free(&t);
}

static char *write_tmp(const char *text)
{
	char *path = mh_strdup("/tmp/mh_test_eval_XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void truth_file(void **state)
{
	char *path = write_tmp(
	    "{\"people\":[\"E1\",\"E2\",\"E3\"],\"positives\":[{\"person\":\"E2\",\"email\":"
	    "\"x@y.example\",\"scenario\":\"laptop_farm\"}],\"traps\":[{\"person\":\"E3\"}],"
	    "\"applicants\":{\"positives\":[{\"applicant\":42}]},\"extortion\":{\"culprit\":"
	    "\"E2\"}}");
	char *bad = write_tmp("{\"people\":[\"E1\"],\"positives\":[{\"person\":\"E9\"}]}");
	char *risk = write_tmp("[{\"person\":\"E3\",\"score\":9},{\"email\":\"X@Y.example\","
	                       "\"score\":5}]");
	struct mh_eval_truth t;
	struct mh_eval_files f = {0};
	struct mh_eval_input in = {0};
	struct mh_eval_result res;
	struct mh_err err;

	assert_int_equal(mh_eval_truth_load(&t, path, &err), 0);
	assert_int_equal(t.npeople, 3);
	assert_int_equal(t.npos, 1);
	assert_int_equal(t.nap_pos, 1);
	assert_true(t.people[2].trap);
	assert_string_equal(t.culprit, "E2");
	assert_int_equal(mh_eval_read_risk(&f, risk, &err), 0);
	in.risk = f.risk;
	in.nrisk = f.nrisk;
	mh_eval_compute(&t, &in, &res);
	assert_int_equal(res.traps_k, 1);
	assert_true(res.r_at_2k == 1.0);
	mh_eval_files_free(&f);
	mh_eval_truth_free(&t);
	assert_int_equal(mh_eval_truth_load(&t, bad, &err), -1);
	assert_non_null(strstr(err.msg, "E9"));
	unlink(path);
	unlink(bad);
	unlink(risk);
	free(path);
	free(bad);
	free(risk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(perfect_ranking),       cmocka_unit_test(ties_and_order),
	    cmocka_unit_test(everyone_zero),         cmocka_unit_test(email_and_duplicates),
	    cmocka_unit_test(vetting_and_extortion), cmocka_unit_test(truth_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
