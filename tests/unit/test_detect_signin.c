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
	dh_finish(&h);
	fd = dh_find(&h, 0, "list:dprk");
	assert_non_null(fd);
	assert_int_equal(fd->count, 3);
	assert_int_equal(fd->nev, 2); /* one item per address */
	assert_int_equal(fd->ev[0].line, 41);
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
	dh_build(&h, NULL, INTEL ";commercial-vpn:100.24.0.0/16");
	signins(&h, "ann@corp.example", 0, 20, 2, "198.51.100.7", "Netherlands", 1);
	signins(&h, "ben@corp.example", 0, 20, 2, "192.0.2.7", "Germany", 0);
	signins(&h, "cho@corp.example", 0, 20, 2, "100.24.3.4", "Germany", 0);
	dh_finish(&h);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

/* An advisory lists a commercial VPN exit that privacy-VPN users share. */
static void test_intel_listed_vpn_exit_weighs_less(void **state)
{
	struct dh h;
	const struct mh_finding *a, *b;

	roster3(&h, "signin.intel");
	dh_build(&h, NULL, "dprk:198.51.100.77,175.45.176.9;" INTEL);
	signins(&h, "ann@corp.example", 0, 3, 1, "198.51.100.77", "Canada", 0);
	signins(&h, "ben@corp.example", 0, 3, 1, "175.45.176.9", "North Korea", 0);
	dh_finish(&h);
	a = dh_find(&h, 0, "list:dprk");
	b = dh_find(&h, 1, "list:dprk");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a->points > 0 && a->points < b->points / 2);
	assert_non_null(strstr(a->ev[0].text, "inside a VPN/hosting network"));
	dh_free(&h);
}

/* ---- signin.anonymizer ---- */

static void test_anon_heavy_vpn_user(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster3(&h, "signin.anonymizer");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ann@corp.example", 0, 30, 1, "203.0.113.10", "United States", 0);
	signins(&h, "ann@corp.example", 0, 30, 2, "198.51.100.7", "Netherlands", 0);
	dh_finish(&h);
	fd = dh_find(&h, 0, "fraction");
	assert_non_null(fd);
	assert_true(fd->points > 12);
	assert_true(fd->nev >= 2);
	assert_true(fd->ev[0].line > 0);
	assert_non_null(strstr(fd->summary, "60 of 90"));
	dh_free(&h);
}

/* SIMULATION.md: ordinary staff use a privacy VPN now and then. */
static void test_anon_occasional_privacy_vpn_is_quiet(void **state)
{
	struct dh h;

	roster3(&h, "signin.anonymizer");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ben@corp.example", 0, 40, 3, "203.0.113.11", "United States", 0);
	signins(&h, "ben@corp.example", 5, 4, 1, "198.51.100.8", "Sweden", 0);
	/* few sign-ins at all, every one through a VPN: too little to judge */
	signins(&h, "cho@corp.example", 0, 4, 1, "192.0.2.9", "Japan", 0);
	dh_finish(&h);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

static void test_anon_okta_is_proxy_and_fraction_order(void **state)
{
	struct dh h;
	const struct mh_finding *a, *b;

	roster3(&h, "signin.anonymizer");
	dh_build(&h, NULL, NULL);
	/* ann: 1 of 2 sign-ins a day flagged by Okta only; ben: 3 of 4 */
	signins(&h, "ann@corp.example", 0, 20, 1, "203.0.113.10", "United States", 0);
	signins(&h, "ann@corp.example", 0, 20, 1, "203.0.113.99", "United States", 1);
	signins(&h, "ben@corp.example", 0, 20, 1, "203.0.113.11", "United States", 0);
	signins(&h, "ben@corp.example", 0, 20, 3, "203.0.113.98", "United States", 1);
	dh_finish(&h);
	a = dh_find(&h, 0, "fraction");
	b = dh_find(&h, 1, "fraction");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(b->points > a->points);
	assert_non_null(strstr(a->ev[0].text, "isProxy"));
	dh_free(&h);
}

/* ---- signin.geo ---- */

static void test_geo_residence_abroad(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ann@corp.example", 0, 20, 2, "203.0.113.10", "United States", 0);
	signins(&h, "ann@corp.example", 30, 20, 2, "203.0.113.50", "China", 0);
	dh_finish(&h);
	fd = dh_find(&h, 0, "residence");
	assert_non_null(fd);
	assert_true(fd->points >= 10);
	assert_non_null(strstr(fd->summary, "CN 20 days"));
	assert_true(fd->ev[0].line > 0);
	dh_free(&h);
}

/* A week of business travel in Asia, an Asia-based employee, a VPN user. */
static void test_geo_benign_travel_resident_vpn(void **state)
{
	struct dh h;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, INTEL);
	signins(&h, "ann@corp.example", 0, 30, 2, "203.0.113.10", "United States", 0);
	signins(&h, "ann@corp.example", 31, 6, 2, "203.0.113.60", "Japan", 0);
	signins(&h, "ann@corp.example", 38, 30, 2, "203.0.113.10", "United States", 0);
	signins(&h, "cho@corp.example", 0, 60, 2, "203.0.113.70", "Japan", 0);
	signins(&h, "ben@corp.example", 0, 60, 1, "203.0.113.11", "US", 0);
	signins(&h, "ben@corp.example", 0, 60, 1, "198.51.100.7", "Singapore", 0);
	signins(&h, "ben@corp.example", 0, 60, 1, "203.0.113.77", "Netherlands", 1);
	dh_finish(&h);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

static void test_geo_failed_sign_ins_from_abroad_ignored(void **state)
{
	struct dh h;
	int d;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, NULL);
	signins(&h, "ann@corp.example", 0, 30, 1, "203.0.113.10", "United States", 0);
	for (d = 0; d < 30; d++) {
		struct mh_event e = dh_ev("ann@corp.example", DH_T0 + d * DH_DAY + 15 * DH_HOUR,
		                          MH_EV_SIGNIN, "203.0.113.66");

		e.country = mh_test_str("Russia");
		e.outcome = MH_OUT_FAILURE;
		dh_feed(&h, &e);
	}
	dh_finish(&h);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

static void test_geo_impossible_travel(void **state)
{
	struct dh h;
	const struct mh_finding *fd;
	struct mh_event e;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, NULL);
	signins(&h, "ben@corp.example", 0, 3, 1, "203.0.113.11", "United States", 0);
	e = dh_ev("ben@corp.example", DH_T0 + 2 * DH_DAY + 16 * DH_HOUR, MH_EV_SIGNIN,
	          "203.0.113.88");
	e.country = mh_test_str("China");
	dh_feed(&h, &e);
	dh_finish(&h);
	fd = dh_find(&h, 1, "travel");
	assert_non_null(fd);
	assert_int_equal(fd->nev, 2);
	assert_true(fd->points > 0 && fd->points < 3); /* one trip weighs little */
	assert_null(dh_find(&h, 1, "residence"));
	dh_free(&h);
}

static void test_geo_asia_first_then_home(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, NULL);
	signins(&h, "ben@corp.example", 0, 4, 2, "203.0.113.90", "China", 0);
	signins(&h, "ben@corp.example", 6, 40, 2, "203.0.113.11", "United States", 0);
	/* the Asia-based employee starts at home too: not an anomaly */
	signins(&h, "cho@corp.example", 0, 40, 2, "203.0.113.70", "Japan", 0);
	dh_finish(&h);
	fd = dh_find(&h, 1, "asia_first");
	assert_non_null(fd);
	assert_true(fd->points > 10);
	assert_int_equal(dh_points(&h, 2), 0);
	dh_free(&h);
}

/* Two thread contexts merged give the finding one context gives. */
static void test_geo_merge(void **state)
{
	struct dh h;
	struct mh_err err;
	void *other = NULL, *mine;
	const struct mh_finding *fd;

	roster3(&h, "signin.geo");
	dh_build(&h, NULL, NULL);
	assert_int_equal(h.d->init(&other, h.cfg, &err), 0);
	signins(&h, "ann@corp.example", 0, 20, 2, "203.0.113.10", "United States", 0);
	mine = h.ctx;
	h.ctx = other;
	signins(&h, "ann@corp.example", 30, 20, 2, "203.0.113.50", "China", 0);
	h.ctx = mine;
	h.d->merge(h.ctx, other);
	h.d->free(other);
	dh_finish(&h);
	fd = dh_find(&h, 0, "residence");
	assert_non_null(fd);
	assert_non_null(strstr(fd->summary, "CN 20 days"));
	dh_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intel_hit_is_strong),
	    cmocka_unit_test(test_intel_ignores_anonymizer_lists),
	    cmocka_unit_test(test_intel_listed_vpn_exit_weighs_less),
	    cmocka_unit_test(test_anon_heavy_vpn_user),
	    cmocka_unit_test(test_anon_occasional_privacy_vpn_is_quiet),
	    cmocka_unit_test(test_anon_okta_is_proxy_and_fraction_order),
	    cmocka_unit_test(test_geo_residence_abroad),
	    cmocka_unit_test(test_geo_benign_travel_resident_vpn),
	    cmocka_unit_test(test_geo_failed_sign_ins_from_abroad_ignored),
	    cmocka_unit_test(test_geo_impossible_travel),
	    cmocka_unit_test(test_geo_asia_first_then_home),
	    cmocka_unit_test(test_geo_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
