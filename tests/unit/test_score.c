#include "mh_test.h"

#include <math.h>
#include <stdio.h>

#include "core/finding.h"
#include "core/state.h"
#include "detect/detector.h"
#include "risk/score.h"

#define DAY 86400000LL

static struct mh_state st;

static int setup(void **state)
{
	mh_state_init(&st, NULL);
	mh_state_person(&st, MH_NOBODY, "active");
	mh_state_person(&st, MH_NOBODY, "gone");
	st.ps[0].events = st.ps[1].events = 1;
	st.ps[0].last_ms = 100 * DAY;
	st.ps[1].last_ms = 30 * DAY;
	return 0;
}

static int teardown(void **state)
{
	mh_state_release(&st);
	return 0;
}

static void add(struct mh_findings *f, const char *det, uint32_t p, const char *key, double pts,
                int64_t ts)
{
	int isnew;
	struct mh_finding *fd =
	    mh_findings_upsert(f, mh_detector_find(det)->id, p, key, MH_ORIGIN_FINISH, ts, &isnew);

	fd->points = pts;
}

static void test_decay_runs_to_the_persons_last_activity(void **state)
{
	struct mh_findings f;
	struct mh_risk_params rp;
	struct mh_score *s;

	mh_findings_init(&f);
	mh_risk_defaults(&rp);
	/* the same finding, 14 days before each person's last activity ... */
	add(&f, "exfil.departure", 0, "a", 20, 86 * DAY);
	add(&f, "exfil.departure", 1, "a", 20, 16 * DAY);
	s = mh_risk_score(&st, &f, &rp, 100 * DAY);
	/* ... has halved for both, though the data's clock is 100 days */
	assert_true(fabs(s[0].c[0].points - 10) < 1e-9);
	assert_true(fabs(s[1].c[0].points - 10) < 1e-9);
	assert_true(fabs(s[0].score - s[1].score) < 1e-9);
	assert_true(fabs(mh_risk_decay(8, 0, 28 * DAY, 14) - 2) < 1e-9);
	assert_true(mh_risk_decay(8, 10 * DAY, 5 * DAY, 14) == 8); /* no growth */
	mh_scores_free(s);
	mh_findings_release(&f);
}

static void test_cap_and_family_bonus(void **state)
{
	const struct mh_detector *d = mh_detector_find("endpoint.remote_tool");
	struct mh_findings f;
	struct mh_risk_params rp;
	struct mh_score *s;
	char key[16];
	int i;

	mh_findings_init(&f);
	mh_risk_defaults(&rp);
	/* a flood of one detector stops at its cap */
	for (i = 0; i < 50; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		add(&f, d->id, 0, key, d->points, 100 * DAY);
	}
	s = mh_risk_score(&st, &f, &rp, 100 * DAY);
	assert_true(fabs(s[0].raw - d->cap) < 1e-9);
	assert_int_equal(s[0].families, 1);
	assert_true(s[0].score < 100.0 * (1 - exp(-d->cap / rp.scale)) + 1e-9);
	mh_scores_free(s);
	/* the same raw points from two families score higher than from one */
	add(&f, "hours.offset", 1, "x", d->cap, 30 * DAY);
	add(&f, "signin.anonymizer", 0, "y", 0.5, 100 * DAY); /* < 1 point: no family */
	s = mh_risk_score(&st, &f, &rp, 100 * DAY);
	assert_int_equal(s[0].families, 1);
	mh_scores_free(s);
	mh_findings_release(&f);
	mh_findings_init(&f);
	add(&f, d->id, 0, "a", 15, 100 * DAY);
	add(&f, "hours.offset", 0, "b", 15, 100 * DAY);
	add(&f, "exfil.volume", 1, "c", 30, 30 * DAY);
	s = mh_risk_score(&st, &f, &rp, 100 * DAY);
	assert_int_equal(s[0].families, 2);
	assert_int_equal(s[1].families, 1);
	assert_true(fabs(s[0].raw - s[1].raw) < 1e-9);
	assert_true(s[0].score > s[1].score);
	assert_true(s[0].score <= 100 && s[1].score >= 0);
	mh_scores_free(s);
	mh_findings_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_decay_runs_to_the_persons_last_activity, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_cap_and_family_bonus, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
