/* farm.shared_egress, farm.shared_mfa and farm.shared_artifact with their benign look-alikes. */
#include "det_harness.h"

static struct mh_roster_entry *person(struct dh *h, const char *id, const char *email,
                                      const char *city)
{
	struct mh_roster_entry *e = dh_person(h, id, email, "US");

	e->city = mh_strdup(city);
	return e;
}

/* Five people: three farm members in different cities, a couple in Austin. */
static void roster5(struct dh *h, const char *id)
{
	dh_init(h, id);
	person(h, "F1", "f1@corp.example", "Atlanta");
	person(h, "F2", "f2@corp.example", "Seattle");
	person(h, "F3", "f3@corp.example", "Houston");
	person(h, "C1", "c1@corp.example", "Austin");
	person(h, "C2", "c2@corp.example", "Austin");
}

/* n sign-ins a day of user from ip on days [d0, d0 + days). */
static void use_ip(struct dh *h, const char *user, const char *ip, int d0, int days, int n,
                   const char *mfa)
{
	int d, i;

	for (d = d0; d < d0 + days; d++)
		for (i = 0; i < n; i++) {
			struct mh_event e =
			    dh_ev(user, DH_T0 + d * DH_DAY + (13 + i) * DH_HOUR, MH_EV_SIGNIN, ip);

			if (mfa)
				e.mfa_device = mh_test_str(mfa);
			dh_feed(h, &e);
		}
}

/* ---- farm.shared_egress ---- */

static void test_egress_farm_of_three(void **state)
{
	struct dh h;
	const struct mh_finding *fd;
	int i;

	roster5(&h, "farm.shared_egress");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "f1@corp.example", "203.0.113.50", 0, 30, 2, NULL);
	use_ip(&h, "f2@corp.example", "203.0.113.50", 2, 30, 2, NULL);
	use_ip(&h, "f3@corp.example", "203.0.113.50", 5, 30, 1, NULL);
	use_ip(&h, "c1@corp.example", "198.51.100.9", 0, 30, 2, NULL);
	dh_finish(&h);
	for (i = 0; i < 3; i++) {
		fd = dh_find(&h, (uint32_t)i, "egress");
		assert_non_null(fd);
		assert_true(fd->points >= 20);
		assert_int_equal(fd->nev, 1);
		assert_true(fd->ev[0].line > 0);
		assert_non_null(strstr(fd->summary, "different home cities"));
	}
	assert_null(dh_find(&h, 3, "egress"));
	dh_free(&h);
}

/* The same farm behind one IPv6 /64: every laptop has its own address. */
static void test_egress_ipv6_prefix(void **state)
{
	struct dh h;

	roster5(&h, "farm.shared_egress");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "f1@corp.example", "2001:db8:101d:932e::11", 0, 20, 2, NULL);
	use_ip(&h, "f2@corp.example", "2001:db8:101d:932e:9e5::2", 0, 20, 2, NULL);
	use_ip(&h, "f3@corp.example", "2001:db8:101d:932e:abcd::3", 0, 20, 2, NULL);
	dh_finish(&h);
	assert_true(dh_points(&h, 0) >= 20);
	assert_true(dh_points(&h, 2) >= 20);
	dh_free(&h);
}

/* A couple at home, the office NAT (allow-listed), a commercial VPN exit. */
static void test_egress_benign_sharing(void **state)
{
	struct dh h;

	roster5(&h, "farm.shared_egress");
	dh_build(&h, "allow:\n  egress_cidrs: [192.0.2.0/28]\n", "vpn:198.51.100.0/24");
	use_ip(&h, "c1@corp.example", "203.0.113.77", 0, 40, 2, NULL);
	use_ip(&h, "c2@corp.example", "203.0.113.77", 0, 40, 2, NULL);
	use_ip(&h, "f1@corp.example", "192.0.2.10", 0, 40, 3, NULL);
	use_ip(&h, "f2@corp.example", "192.0.2.10", 0, 40, 3, NULL);
	use_ip(&h, "f3@corp.example", "192.0.2.10", 0, 40, 3, NULL);
	use_ip(&h, "f1@corp.example", "198.51.100.4", 0, 40, 1, NULL);
	use_ip(&h, "f2@corp.example", "198.51.100.4", 0, 40, 1, NULL);
	use_ip(&h, "f3@corp.example", "198.51.100.4", 0, 40, 1, NULL);
	dh_finish(&h);
	assert_true(dh_points(&h, 3) > 0 && dh_points(&h, 3) < 3); /* the couple: low */
	assert_int_equal(dh_points(&h, 0) + dh_points(&h, 1) + dh_points(&h, 2), 0);
	dh_free(&h);
}

/* Colleagues from three cities in one conference hotel for four days, and a
 * residential address handed to another customer after the first moved on. */
static void test_egress_hotel_and_reassigned_address(void **state)
{
	struct dh h;

	roster5(&h, "farm.shared_egress");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "f1@corp.example", "203.0.113.60", 10, 4, 4, NULL);
	use_ip(&h, "f2@corp.example", "203.0.113.60", 10, 4, 4, NULL);
	use_ip(&h, "f3@corp.example", "203.0.113.60", 10, 4, 4, NULL);
	use_ip(&h, "c1@corp.example", "203.0.113.61", 0, 20, 3, NULL);
	use_ip(&h, "f1@corp.example", "203.0.113.61", 25, 20, 3, NULL);
	dh_finish(&h);
	assert_int_equal(h.f.n, 0);
	dh_free(&h);
}

/* ---- farm.shared_mfa ---- */

static void test_mfa_one_phone_three_accounts(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster5(&h, "farm.shared_mfa");
	dh_build(&h, NULL, NULL);
	/* the laptops sit in one home (one IPv6 /64, an address each), and
	 * now and then an account signs in from somewhere else */
	use_ip(&h, "f1@corp.example", "2001:db8:77:1::10", 0, 10, 1, "dt-farm-phone");
	use_ip(&h, "f2@corp.example", "2001:db8:77:1::20", 0, 10, 1, "dt-farm-phone");
	use_ip(&h, "f3@corp.example", "203.0.113.3", 3, 10, 1, "dt-farm-phone");
	use_ip(&h, "f3@corp.example", "2001:db8:77:1::30", 5, 10, 1, "dt-farm-phone");
	use_ip(&h, "c1@corp.example", "203.0.113.4", 0, 10, 1, "dt-c1");
	dh_finish(&h);
	fd = dh_find(&h, 1, "mfa");
	assert_non_null(fd);
	assert_true(fd->points >= 25);
	assert_non_null(strstr(fd->summary, "F1"));
	assert_non_null(strstr(fd->summary, "shares a network"));
	assert_true(dh_points(&h, 2) >= 25);
	assert_true(fd->ev[0].line > 0);
	assert_null(dh_find(&h, 3, "mfa"));
	dh_free(&h);
}

/* A couple's shared tablet (one city); a token re-issued months later; a
 * team's on-call phone used beside each person's own. */
static void test_mfa_benign_sharing(void **state)
{
	struct dh h;

	roster5(&h, "farm.shared_mfa");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "c1@corp.example", "203.0.113.4", 0, 10, 1, "dt-tablet");
	use_ip(&h, "c2@corp.example", "203.0.113.4", 0, 10, 1, "dt-tablet");
	use_ip(&h, "f1@corp.example", "203.0.113.1", 0, 10, 1, "dt-token");
	use_ip(&h, "f2@corp.example", "203.0.113.2", 60, 10, 1, "dt-token");
	use_ip(&h, "f3@corp.example", "203.0.113.3", 0, 30, 2, "dt-own-f3");
	use_ip(&h, "f3@corp.example", "203.0.113.3", 0, 5, 1, "dt-oncall");
	use_ip(&h, "f2@corp.example", "203.0.113.2", 0, 30, 2, "dt-own-f2");
	use_ip(&h, "f2@corp.example", "203.0.113.2", 5, 5, 1, "dt-oncall");
	dh_finish(&h);
	assert_true(dh_points(&h, 3) > 0 && dh_points(&h, 3) <= 5);
	assert_true(dh_points(&h, 2) > 0 && dh_points(&h, 2) <= 5);
	assert_int_equal(dh_points(&h, 0), 0);
	dh_free(&h);
}

/* A night shift's on-call phone, the main MFA device of three people who
 * each work from their own home in their own city: half the points. The
 * same phone seen only through an office NAT many people use, or a VPN
 * exit, does not place the accounts together either. */
static void test_mfa_shift_phone_from_homes(void **state)
{
	struct dh h;
	const struct mh_finding *fd;
	char id[8], mail[32];
	int i;

	roster5(&h, "farm.shared_mfa");
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof(id), "N%d", i);
		snprintf(mail, sizeof(mail), "n%d@corp.example", i);
		person(&h, id, mail, "Denver");
	}
	dh_build(&h, NULL, "vpn:198.51.100.0/24");
	/* each from home; two of them also through one VPN exit */
	use_ip(&h, "f1@corp.example", "203.0.113.1", 0, 20, 1, "dt-shift-phone");
	use_ip(&h, "f2@corp.example", "203.0.113.2", 0, 20, 1, "dt-shift-phone");
	use_ip(&h, "f3@corp.example", "203.0.113.3", 0, 20, 1, "dt-shift-phone");
	use_ip(&h, "f1@corp.example", "198.51.100.4", 0, 20, 1, "dt-shift-phone");
	use_ip(&h, "f2@corp.example", "198.51.100.4", 0, 20, 1, "dt-shift-phone");
	/* and all three at the office with six colleagues: nine behind its NAT */
	for (i = 0; i < 3; i++) {
		snprintf(mail, sizeof(mail), "f%d@corp.example", i + 1);
		use_ip(&h, mail, "192.0.2.200", 0, 20, 1, "dt-shift-phone");
	}
	for (i = 0; i < 6; i++) {
		snprintf(mail, sizeof(mail), "n%d@corp.example", i);
		use_ip(&h, mail, "192.0.2.200", 0, 20, 1, NULL);
	}
	dh_finish(&h);
	for (i = 0; i < 3; i++) {
		fd = dh_find(&h, (uint32_t)i, "mfa");
		assert_non_null(fd);
		assert_true(fd->points >= 14 && fd->points <= 16);
		assert_non_null(strstr(fd->summary, "own network"));
	}
	dh_free(&h);
}

/* One phone for three accounts in one network, but every holder is on a
 * shift team (NOC, night operations): their on-call device by design, a few
 * points. The rule is narrow: with one holder outside the shift teams the
 * device is judged as any other. */
static void test_mfa_shift_team_device(void **state)
{
	struct dh h;
	const struct mh_finding *fd;
	int i;

	roster5(&h, "farm.shared_mfa");
	h.roster.v[0].title = mh_strdup("NOC Technician");
	h.roster.v[1].title = mh_strdup("Night Operations Lead");
	h.roster.v[2].department = mh_strdup("Operations");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "f1@corp.example", "2001:db8:77:1::10", 0, 20, 1, "dt-noc-phone");
	use_ip(&h, "f2@corp.example", "2001:db8:77:1::20", 0, 20, 1, "dt-noc-phone");
	use_ip(&h, "f3@corp.example", "203.0.113.3", 0, 20, 1, "dt-noc-phone");
	dh_finish(&h);
	for (i = 0; i < 3; i++) {
		fd = dh_find(&h, (uint32_t)i, "mfa");
		assert_non_null(fd);
		assert_true(fd->points > 0 && fd->points <= 5);
		assert_non_null(strstr(fd->summary, "on-call device"));
	}
	dh_free(&h);
	/* one holder outside the shift teams: judged as before */
	roster5(&h, "farm.shared_mfa");
	h.roster.v[0].title = mh_strdup("NOC Technician");
	h.roster.v[1].title = mh_strdup("Night Operations Lead");
	dh_build(&h, NULL, NULL);
	use_ip(&h, "f1@corp.example", "2001:db8:77:1::10", 0, 20, 1, "dt-noc-phone");
	use_ip(&h, "f2@corp.example", "2001:db8:77:1::20", 0, 20, 1, "dt-noc-phone");
	use_ip(&h, "f3@corp.example", "2001:db8:77:1::30", 0, 20, 1, "dt-noc-phone");
	dh_finish(&h);
	assert_true(dh_points(&h, 2) >= 25);
	dh_free(&h);
}

/* ---- farm.shared_artifact ---- */

static void test_artifact_payroll_and_ship_to(void **state)
{
	struct dh h;
	const struct mh_finding *fd;

	roster5(&h, "farm.shared_artifact");
	h.roster.v[0].payroll_account = mh_strdup("083730437:2961496609");
	h.roster.v[1].payroll_account = mh_strdup("083730437 2961496609");
	h.roster.v[0].ship_address = mh_strdup("6307 Lake Drive, San Francisco, California");
	h.roster.v[2].ship_address = mh_strdup("6307 Lake Dr., San Francisco,  CALIFORNIA");
	dh_build(&h, NULL, NULL);
	dh_finish(&h);
	fd = dh_find(&h, 1, "payroll_account");
	assert_non_null(fd);
	assert_true(fd->points >= 30);
	assert_int_equal(fd->nev, 2);
	assert_int_equal(fd->ev[1].line, h.roster.v[0].line);
	fd = dh_find(&h, 2, "ship_address");
	assert_non_null(fd);
	assert_true(fd->points >= 15);
	assert_null(dh_find(&h, 3, ""));
	dh_free(&h);
}

/* A family (one city) with a joint account and one home; a rehire; a laptop
 * re-issued after its first owner left; placeholder values. */
static void test_artifact_benign_sharing(void **state)
{
	struct dh h;
	struct mh_roster_entry *a, *b;

	roster5(&h, "farm.shared_artifact");
	h.roster.v[3].payroll_account = mh_strdup("JOINT-55501234");
	h.roster.v[4].payroll_account = mh_strdup("JOINT-55501234");
	h.roster.v[3].ship_address = mh_strdup("12 Elm St, Austin, Texas");
	h.roster.v[4].ship_address = mh_strdup("12 Elm Street, Austin, TX");
	a = &h.roster.v[0];
	b = &h.roster.v[1];
	a->name = mh_strdup("Pat Doe");
	b->name = mh_strdup("Pat Doe");
	a->termination_day = 19000;
	b->hire_day = 19100;
	a->personal_email = mh_strdup("pat.doe@mail.example");
	b->personal_email = mh_strdup("Pat.Doe@mail.example");
	a->laptop_serial = mh_strdup("C02XY123ABC");
	b->laptop_serial = mh_strdup("c02xy123abc");
	h.roster.v[2].phone = mh_strdup("n/a");
	h.roster.v[3].phone = mh_strdup("N/A");
	dh_build(&h, NULL, NULL);
	dh_finish(&h);
	assert_true(dh_points(&h, 3) > 0 && dh_points(&h, 3) < 12);
	assert_int_equal(dh_points(&h, 0) + dh_points(&h, 1) + dh_points(&h, 2), 0);
	dh_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_egress_farm_of_three),
	    cmocka_unit_test(test_egress_ipv6_prefix),
	    cmocka_unit_test(test_egress_benign_sharing),
	    cmocka_unit_test(test_egress_hotel_and_reassigned_address),
	    cmocka_unit_test(test_mfa_one_phone_three_accounts),
	    cmocka_unit_test(test_mfa_benign_sharing),
	    cmocka_unit_test(test_mfa_shift_phone_from_homes),
	    cmocka_unit_test(test_mfa_shift_team_device),
	    cmocka_unit_test(test_artifact_payroll_and_ship_to),
	    cmocka_unit_test(test_artifact_benign_sharing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
