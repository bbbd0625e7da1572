/* signin.intel, signin.anonymizer and signin.geo with their benign look-alikes. */
#include "det_harness.h"

#define INTEL "dprk:175.45.176.0/24;vpn:198.51.100.0/24;datacenter:192.0.2.0/24"

static void roster3(struct dh *h, const char *id)
{
	dh_init(h, id);
	dh_person(h, "E1", "ann@corp.example", "US");
	dh_person(h, "E2", "ben@corp.example", "US");
	dh_person(h, "E3", "cho@corp.example", "JP");
}

/* Sign-ins of user on days [d0, d0+ndays), `per_day` a day, from ip. */
static void signins(struct dh *h, const char *user, int d0, int ndays, int per_day, const char *ip,
                    const char *country, int is_proxy)
{
	int d, i;

	for (d = d0; d < d0 + ndays; d++)
		for (i = 0; i < per_day; i++) {
			struct mh_event e =
			    dh_ev(user, DH_T0 + d * DH_DAY + (14 + i) * DH_HOUR, MH_EV_SIGNIN, ip);

			e.country = mh_test_str(country);
			e.is_proxy = (int8_t)is_proxy;
			e.action = mh_test_str("user.session.start");
			dh_feed(h, &e);
		}
}

/* ---- signin.intel ---- */

static void test_intel_hit_is_strong(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster3(&h, "signin.intel");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ann@corp.example", 0, 20, 2, "203.0.113.10", "United States", 0);
	signins(&h, "ann@corp.example", 3, 2, 1, "175.45.176.9", "North Korea", 0);
	signins(&h, "ann@corp.example", 6, 1, 1, "175.45.176.10", "North Korea", 0);
	fd = dh_find(&h, 0, "list:dprk");
	assert_non_null(fd);
	assert_int_equal(fd->count, 3);
	assert_int_equal(fd->nev, 2); /* one item per distinct address */
	assert_true(fd->ev[0].line > 0);
	assert_non_null(strstr(fd->ev[0].text, "175.45.176.9"));
	assert_true(fd->points >= 30);
	assert_non_null(strstr(fd->summary, "dprk"));
	assert_int_equal(dh_points(&h, 1), 0);
	dh_free(&h);
}

static void test_intel_ignores_anonymizer_lists(void **state)
{
	struct dh h;

	roster3(&h, "signin.intel");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ann@corp.example", 0, 20, 2, "198.51.100.7", "Netherlands", 1);
	signins(&h, "ben@corp.example", 0, 20, 2, "192.0.2.7", "Germany", 0);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

static void test_intel_failures_weigh_less(void **state)
{
	struct dh h;
	struct mh_event e;
	const struct mh_finding *fd;

	roster3(&h, "signin.intel");
	dh_build(&h, NULL, INTEL);
	e = dh_ev("ben@corp.example", DH_T0, MH_EV_SIGNIN, "175.45.176.9");
	e.outcome = MH_OUT_FAILURE;
	dh_feed(&h, &e);
	fd = dh_find(&h, 1, "list:");
	assert_non_null(fd);
	assert_true(fd->points > 0 && fd->points < 20);
	dh_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intel_hit_is_strong),
	    cmocka_unit_test(test_intel_ignores_anonymizer_lists),
	    cmocka_unit_test(test_intel_failures_weigh_less),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
