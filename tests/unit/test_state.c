#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/people.h"
#include "core/state.h"
#include "util/ip.h"

static struct mh_roster roster;
static struct mh_people people;

static int setup(void **state)
{
	memset(&roster, 0, sizeof(roster));
	mh_test_person(&roster, "E1", "alice@corp.example", "asmith", "SER1");
	mh_test_person(&roster, "E2", "bob@corp.example", NULL, NULL);
	mh_people_build(&people, &roster, NULL, NULL);
	return 0;
}

static int teardown(void **state)
{
	mh_people_release(&people);
	mh_roster_free(&roster);
	return 0;
}

static struct mh_event ev_at(const char *user, int64_t ts, const char *ip)
{
	struct mh_event e;

	memset(&e, 0, sizeof(e));
	e.user = mh_test_str(user);
	e.ts_ms = ts;
	e.kind = MH_EV_SIGNIN;
	e.src = MH_SRC_OKTA;
	e.line = (uint64_t)(ts / 1000);
	if (ip)
		assert_int_equal(mh_ip_parse(ip, strlen(ip), &e.ip), 0);
	return e;
}

#define DAY  86400000LL
#define HOUR 3600000LL

static void test_days_hours_artifacts(void **state)
{
	struct mh_state st;
	struct mh_event e;
	struct mh_pstate *p;

	mh_state_init(&st, &people);
	e = ev_at("alice@corp.example", 20000 * DAY + 9 * HOUR, "198.51.100.7");
	assert_int_equal(mh_state_add_event(&st, &e), 0);
	e = ev_at("ASMITH", 20000 * DAY + 17 * HOUR, "198.51.100.7");
	e.outcome = MH_OUT_FAILURE;
	e.ip_intel = "vpn";
	mh_state_add_event(&st, &e);
	e = ev_at("asmith", 19999 * DAY + 23 * HOUR, "2001:db8::1");
	e.kind = MH_EV_CODE;
	e.move = MH_MOVE_CLONE;
	e.bytes = 5000;
	mh_state_add_event(&st, &e);
	p = &st.ps[0];
	assert_int_equal(p->events, 3);
	assert_int_equal(p->ndays, 2);
	assert_int_equal(p->days[0].day, 19999); /* kept sorted */
	assert_int_equal(p->days[0].moves[MH_MOVE_CLONE], 1);
	assert_int_equal(p->days[0].bytes_out, 5000);
	assert_int_equal(p->days[0].move_line, (19999 * DAY + 23 * HOUR) / 1000);
	assert_int_equal(p->days[1].hours, (1u << 9) | (1u << 17));
	assert_int_equal(p->days[1].signins, 2);
	assert_int_equal(p->days[1].signin_fail, 1);
	assert_int_equal(p->days[1].signin_flagged, 1);
	assert_int_equal(p->hour_hist[9] + p->hour_hist[17] + p->hour_hist[23], 3);
	/* two IPs, two spellings of the name */
	assert_int_equal(p->nkind[MH_ART_IP], 2);
	assert_int_equal(p->nkind[MH_ART_NAME], 2);
	assert_int_equal(p->first_ms, 19999 * DAY + 23 * HOUR);
	mh_state_release(&st);
}

static void test_unresolved_and_unattributed(void **state)
{
	struct mh_state st;
	struct mh_event e;
	uint32_t p;

	mh_state_init(&st, &people);
	e = ev_at("stranger@x.example", DAY, NULL);
	p = mh_state_add_event(&st, &e);
	assert_int_equal(p, 2);
	assert_int_equal(st.ps[p].roster, MH_NOBODY);
	assert_string_equal(st.ps[p].key, "stranger@x.example");
	assert_int_equal(mh_state_add_event(&st, &e), p);
	e = ev_at("", DAY, NULL);
	assert_int_equal(mh_state_add_event(&st, &e), MH_NOBODY);
	assert_int_equal(st.unattributed, 1);
	assert_int_equal(st.events, 2);
	mh_state_release(&st);
}

static void test_day_cap_drops_oldest(void **state)
{
	struct mh_state st;
	struct mh_event e;
	int i;

	mh_state_init(&st, &people);
	for (i = 0; i < MH_MAX_DAYS + 10; i++) {
		e = ev_at("bob@corp.example", (int64_t)(1000 + i) * DAY, NULL);
		mh_state_add_event(&st, &e);
	}
	assert_int_equal(st.ps[1].ndays, MH_MAX_DAYS);
	assert_int_equal(st.ps[1].days[0].day, 1010);
	/* an event older than every kept day is counted but not stored by day */
	e = ev_at("bob@corp.example", 5 * DAY, NULL);
	mh_state_add_event(&st, &e);
	assert_int_equal(st.ps[1].days[0].day, 1010);
	assert_int_equal(st.ps[1].events, MH_MAX_DAYS + 11);
	mh_state_release(&st);
}

static void test_artifact_cap(void **state)
{
	struct mh_state st;
	struct mh_event e;
	char ip[32];
	int i;

	mh_state_init(&st, &people);
	for (i = 0; i < MH_ART_MAX_PER_KIND + 5; i++) {
		snprintf(ip, sizeof(ip), "203.0.%d.%d", i / 250, i % 250 + 1);
		e = ev_at("bob@corp.example", DAY + i, ip);
		mh_state_add_event(&st, &e);
	}
	assert_int_equal(st.ps[1].nkind[MH_ART_IP], MH_ART_MAX_PER_KIND);
	assert_int_equal(st.ps[1].art_dropped, 5);
	mh_state_release(&st);
}

/* Folding events into two states and merging equals folding them into one. */
static void test_merge_equals_single(void **state)
{
	struct mh_state one, a, b;
	const char *users[] = {"alice@corp.example", "bob@corp.example", "eve@x.example", "asmith",
	                       "mallory@y.example"};
	uint32_t map[16];
	size_t i, j;

	mh_state_init(&one, &people);
	mh_state_init(&a, &people);
	mh_state_init(&b, &people);
	srand(7);
	for (i = 0; i < 2000; i++) {
		char ip[32];
		struct mh_event e;

		snprintf(ip, sizeof(ip), "192.0.2.%d", rand() % 20 + 1);
		e = ev_at(users[rand() % 5], (int64_t)(rand() % 40) * DAY + rand() % DAY, ip);
		e.move = (uint8_t)(rand() % MH_MOVE__COUNT);
		e.bytes = (uint64_t)(rand() % 1000);
		e.line = i + 1; /* file order, as a scan sees it */
		mh_state_add_event(&one, &e);
		mh_state_add_event(i % 3 ? &a : &b, &e);
	}
	mh_state_merge(&a, &b, map);
	assert_int_equal(a.n, one.n);
	assert_int_equal(a.events, one.events);
	for (i = 0; i < one.n; i++) {
		struct mh_pstate *x = &one.ps[i], *y = NULL;

		for (j = 0; j < a.n; j++)
			if (!strcmp(a.ps[j].key, x->key))
				y = &a.ps[j];
		assert_non_null(y);
		assert_int_equal(x->events, y->events);
		assert_int_equal(x->first_ms, y->first_ms);
		assert_int_equal(x->last_ms, y->last_ms);
		assert_int_equal(x->ndays, y->ndays);
		assert_int_equal(x->narts, y->narts);
		assert_memory_equal(x->hour_hist, y->hour_hist, sizeof(x->hour_hist));
		for (j = 0; j < x->ndays; j++) {
			assert_int_equal(x->days[j].day, y->days[j].day);
			assert_int_equal(x->days[j].hours, y->days[j].hours);
			assert_int_equal(x->days[j].bytes_out, y->days[j].bytes_out);
			assert_memory_equal(x->days[j].moves, y->days[j].moves,
			                    sizeof(x->days[j].moves));
			assert_int_equal(x->days[j].move_line, y->days[j].move_line);
		}
	}
	mh_state_release(&one);
	mh_state_release(&a);
	mh_state_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_days_hours_artifacts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unresolved_and_unattributed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_cap_drops_oldest, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_artifact_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_merge_equals_single, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
