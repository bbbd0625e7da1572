/* access.post_termination with its benign look-alikes. */
#include "det_harness.h"

#define TERM 19810 /* termination day: DH_T0 is day 19800 */

static void roster2(struct dh *h)
{
	struct mh_roster_entry *e;

	dh_init(h, "access.post_termination");
	e = dh_person(h, "E1", "gone@corp.example", "US");
	e->termination_day = TERM;
	dh_person(h, "E2", "stays@corp.example", "US");
	dh_build(h, NULL, NULL);
}

static void at(struct dh *h, const char *user, int64_t ts, int kind, int outcome, int move)
{
	struct mh_event e = dh_ev(user, ts, kind, "203.0.113.5");

	e.outcome = (uint8_t)outcome;
	e.move = (uint8_t)move;
	e.action = mh_test_str(move ? "git.clone" : "user.session.start");
	dh_feed(h, &e);
}

static void test_success_and_data_after_termination(void **state)
{
	struct dh h;
	const struct mh_finding *s, *d;
	int64_t after = (TERM + 3) * DH_DAY + 15 * DH_HOUR;

	roster2(&h);
	at(&h, "gone@corp.example", after, MH_EV_SIGNIN, MH_OUT_SUCCESS, 0);
	at(&h, "gone@corp.example", after + DH_HOUR, MH_EV_CODE, MH_OUT_SUCCESS, MH_MOVE_CLONE);
	at(&h, "gone@corp.example", after + 2 * DH_HOUR, MH_EV_CODE, MH_OUT_SUCCESS, MH_MOVE_CLONE);
	s = dh_find(&h, 0, "signin");
	d = dh_find(&h, 0, "data");
	assert_non_null(s);
	assert_non_null(d);
	assert_true(s->points >= 20);
	assert_true(d->points > s->points);
	assert_int_equal(d->count, 2);
	assert_int_equal(d->ev[0].line, 2);
	assert_non_null(strstr(d->summary, "2 data movement events"));
	dh_free(&h);
}

/* A phone retrying mail for days, one old-password attempt, the last
 * evening of work, and someone who never left. */
static void test_benign_after_termination(void **state)
{
	struct dh h;
	const struct mh_finding *f;
	int d;

	roster2(&h);
	at(&h, "gone@corp.example", TERM * DH_DAY + 23 * DH_HOUR, MH_EV_SIGNIN, MH_OUT_SUCCESS, 0);
	at(&h, "gone@corp.example", (TERM + 1) * DH_DAY + 4 * DH_HOUR, MH_EV_SIGNIN, MH_OUT_SUCCESS,
	   0);
	for (d = 1; d <= 5; d++)
		at(&h, "gone@corp.example", (TERM + d) * DH_DAY + 18 * DH_HOUR, MH_EV_SIGNIN,
		   MH_OUT_FAILURE, 0);
	at(&h, "stays@corp.example", (TERM + 9) * DH_DAY, MH_EV_CODE, MH_OUT_SUCCESS,
	   MH_MOVE_CLONE);
	f = dh_find(&h, 0, "failed");
	assert_non_null(f);
	assert_int_equal(f->count, 5);
	assert_true(f->points > 0 && f->points <= 3);
	assert_int_equal(dh_points(&h, 0), f->points); /* nothing else */
	assert_int_equal(dh_points(&h, 1), 0);
	dh_free(&h);
}

static void test_grace_from_config(void **state)
{
	struct dh h;
	struct mh_roster_entry *e;

	dh_init(&h, "access.post_termination");
	e = dh_person(&h, "E1", "gone@corp.example", "US");
	e->termination_day = TERM;
	dh_build(&h, "detectors:\n  access.post_termination:\n    grace_hours: 48\n", NULL);
	at(&h, "gone@corp.example", (TERM + 2) * DH_DAY + DH_HOUR, MH_EV_SIGNIN, MH_OUT_SUCCESS, 0);
	assert_int_equal(h.f.n, 0);
	at(&h, "gone@corp.example", (TERM + 3) * DH_DAY + DH_HOUR, MH_EV_SIGNIN, MH_OUT_SUCCESS, 0);
	assert_int_equal(h.f.n, 1);
	dh_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_success_and_data_after_termination),
	    cmocka_unit_test(test_benign_after_termination),
	    cmocka_unit_test(test_grace_from_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
