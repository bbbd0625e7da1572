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

/* Day i of person p, unpacked. */
static struct mh_day day_at(const struct mh_pstate *p, uint32_t i)
{
	struct mh_day_iter it;
	struct mh_day d;
	uint32_t k = 0;

	memset(&d, 0, sizeof(d));
	for (mh_days_begin(&it, p); mh_days_next(&it, &d) && k < i; k++)
		;
	return d;
}

/* The artifact of kind with value text v held by person p, or NULL. */
static const struct mh_art *art_of(const struct mh_state *st, uint32_t p, int kind, const char *v)
{
	const struct mh_pstate *ps = &st->ps[p];
	char buf[MH_ART_TEXT_MAX];
	uint32_t i;

	for (i = 0; i < ps->narts; i++)
		if (ps->arts[i].kind == (unsigned)kind &&
		    !strcmp(mh_art_text(st, &ps->arts[i], buf, sizeof(buf)), v))
			return &ps->arts[i];
	return NULL;
}

static void test_days_hours_artifacts(void **state)
{
	struct mh_state st;
	struct mh_event e;
	struct mh_pstate *p;
	struct mh_day d;
	struct mh_ip ip;

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
	assert_int_equal(p->nmdays, 1); /* only the day that moved data has a movement record */
	d = day_at(p, 0);
	assert_int_equal(d.day, 19999); /* kept sorted */
	assert_int_equal(d.moves[MH_MOVE_CLONE], 1);
	assert_int_equal(d.bytes_out, 5000);
	assert_int_equal(d.move_line, (19999 * DAY + 23 * HOUR) / 1000);
	d = day_at(p, 1);
	assert_int_equal(d.hours, (1u << 9) | (1u << 17));
	assert_int_equal(d.signins, 2);
	assert_int_equal(d.signin_fail, 1);
	assert_int_equal(d.signin_flagged, 1);
	assert_int_equal(d.bytes_out, 0);
	assert_int_equal(p->hour_hist[9] + p->hour_hist[17] + p->hour_hist[23], 3);
	/* two IPs (the IPv4 one held in its record), two spellings of the name */
	assert_int_equal(p->nkind[MH_ART_IP], 2);
	assert_int_equal(p->nkind[MH_ART_NAME], 2);
	assert_non_null(art_of(&st, 0, MH_ART_IP, "198.51.100.7"));
	assert_true(art_of(&st, 0, MH_ART_IP, "198.51.100.7")->v4);
	assert_int_equal(art_of(&st, 0, MH_ART_IP, "198.51.100.7")->count, 2);
	assert_false(art_of(&st, 0, MH_ART_IP, "2001:db8::1")->v4);
	assert_int_equal(mh_art_ip(&st, art_of(&st, 0, MH_ART_IP, "2001:db8::1"), &ip), 0);
	assert_int_equal(ip.family, 6);
	assert_int_equal(mh_art_ip(&st, art_of(&st, 0, MH_ART_NAME, "asmith"), &ip), -1);
	assert_int_equal(p->first_ms, 19999 * DAY + 23 * HOUR);
	mh_state_release(&st);
}

/* Counters saturate at their packed limits instead of wrapping. */
static void test_day_saturation(void **state)
{
	struct mh_state st;
	struct mh_day d, got;
	struct mh_event e;
	int i;

	mh_state_init(&st, &people);
	memset(&d, 0, sizeof(d));
	d.day = 100;
	d.hours = 0xffffffffu; /* bits past 23 are not hours */
	d.events = UINT32_MAX - 1;
	d.signins = UINT16_MAX - 1;
	d.signin_fail = 200;
	d.signin_flagged = 7;
	d.moves[MH_MOVE_DOWNLOAD] = 250;
	d.moves[MH_MOVE_UPLOAD] = 3;
	d.bytes_out = MH_DAY_BYTES_MAX - 10;
	d.move_file = 9;
	d.move_line = 900;
	mh_state_add_day(&st, 1, &d);
	mh_state_add_day(&st, 1, &d);
	got = day_at(&st.ps[1], 0);
	assert_int_equal(got.hours, 0xffffffu);
	assert_int_equal(got.events, UINT32_MAX);
	assert_int_equal(got.signins, UINT16_MAX);
	assert_int_equal(got.signin_fail, MH_DAY_FAIL_MAX);
	assert_int_equal(got.signin_flagged, 14);
	assert_int_equal(got.moves[MH_MOVE_DOWNLOAD], MH_DAY_MOVES_MAX);
	assert_int_equal(got.moves[MH_MOVE_UPLOAD], 6);
	assert_true(got.bytes_out == MH_DAY_BYTES_MAX);
	/* the earliest first-movement line wins, in whatever order days merge */
	d.move_line = 800;
	mh_state_add_day(&st, 1, &d);
	d.move_file = 10;
	d.move_line = 1;
	mh_state_add_day(&st, 1, &d);
	got = day_at(&st.ps[1], 0);
	assert_int_equal(got.move_file, 9);
	assert_int_equal(got.move_line, 800);
	/* events count one by one up to the limit too */
	for (i = 0; i < 300; i++) {
		e = ev_at("bob@corp.example", 100 * DAY + i, NULL);
		e.kind = MH_EV_FILE;
		e.move = MH_MOVE_ARCHIVE;
		e.bytes = 1000000;
		mh_state_add_event(&st, &e);
	}
	got = day_at(&st.ps[1], 0);
	assert_int_equal(got.moves[MH_MOVE_ARCHIVE], MH_DAY_MOVES_MAX);
	assert_true(got.bytes_out == MH_DAY_BYTES_MAX);
	mh_state_release(&st);
}

/* A large day total survives packing to 48 bits exactly. */
static void test_day_bytes_exact(void **state)
{
	struct mh_state st;
	struct mh_event e;
	int i;

	mh_state_init(&st, &people);
	for (i = 0; i < 3; i++) {
		e = ev_at("bob@corp.example", 7 * DAY + i, NULL);
		e.move = MH_MOVE_UPLOAD;
		e.bytes = 5000000001ULL + (uint64_t)i;
		mh_state_add_event(&st, &e);
	}
	assert_true(day_at(&st.ps[1], 0).bytes_out == 15000000006ULL);
	mh_state_release(&st);
}

static void test_drop_days(void **state)
{
	struct mh_state st;
	struct mh_event e;
	int i;

	mh_state_init(&st, &people);
	for (i = 0; i < 10; i++) {
		e = ev_at("bob@corp.example", (int64_t)(50 + i) * DAY, NULL);
		e.move = i % 2 ? MH_MOVE_USB_WRITE : MH_MOVE_NONE;
		mh_state_add_event(&st, &e);
	}
	assert_int_equal(st.ps[1].nmdays, 5);
	mh_state_drop_days(&st, 1, 55);
	assert_int_equal(st.ps[1].ndays, 5);
	assert_int_equal(st.ps[1].days[0].day, 55);
	assert_int_equal(st.ps[1].nmdays, 3); /* 55, 57, 59 */
	assert_int_equal(st.ps[1].mdays[0].day, 55);
	assert_int_equal(day_at(&st.ps[1], 0).moves[MH_MOVE_USB_WRITE], 1);
	assert_int_equal(day_at(&st.ps[1], 1).moves[MH_MOVE_USB_WRITE], 0);
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
		e.move = MH_MOVE_DOWNLOAD;
		mh_state_add_event(&st, &e);
	}
	assert_int_equal(st.ps[1].ndays, MH_MAX_DAYS);
	assert_int_equal(st.ps[1].days[0].day, 1010);
	/* movement records go with their days */
	assert_int_equal(st.ps[1].nmdays, MH_MAX_DAYS);
	assert_int_equal(st.ps[1].mdays[0].day, 1010);
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

/* Past a few artifacts a person gets an index; every value stays findable. */
static void test_artifact_index(void **state)
{
	struct mh_state st;
	struct mh_event e;
	char v[64];
	int i, k;

	mh_state_init(&st, &people);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 100; i++) {
			if (!k && i == 15) /* a few are scanned, not indexed */
				assert_null(st.ps[1].aidx);
			snprintf(v, sizeof(v), "/home/bob/file%d.txt", i);
			e = ev_at("bob@corp.example", DAY + i, NULL);
			e.move = MH_MOVE_USB_WRITE;
			e.path = mh_test_str(v);
			mh_state_add_event(&st, &e);
		}
	assert_non_null(st.ps[1].aidx);
	assert_int_equal(st.ps[1].nkind[MH_ART_FILE], 100);
	for (i = 0; i < 100; i++) {
		snprintf(v, sizeof(v), "/home/bob/file%d.txt", i);
		assert_non_null(art_of(&st, 1, MH_ART_FILE, v));
		assert_int_equal(art_of(&st, 1, MH_ART_FILE, v)->count, 2);
	}
	mh_state_release(&st);
}

/* A value many people share is stored once. */
static void test_values_interned(void **state)
{
	struct mh_state st;
	struct mh_event e;
	const struct mh_art *a, *b;

	mh_state_init(&st, &people);
	e = ev_at("alice@corp.example", DAY, NULL);
	e.country = mh_test_str("KP");
	mh_state_add_event(&st, &e);
	e = ev_at("bob@corp.example", DAY, NULL);
	e.country = mh_test_str("KP");
	mh_state_add_event(&st, &e);
	a = art_of(&st, 0, MH_ART_COUNTRY, "KP");
	b = art_of(&st, 1, MH_ART_COUNTRY, "KP");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->value, b->value);
	assert_int_equal(st.strings.count, 3); /* "KP" once, and the two user names */
	mh_state_release(&st);
}

/* A state told to keep only some kinds takes no others, from events, merges
 * or loads, and does not count them as dropped. */
static void test_keep_kinds(void **state)
{
	struct mh_state full, delta;
	struct mh_event e;
	struct mh_art rec;
	uint32_t map[8];

	mh_state_init(&full, &people);
	mh_state_keep(&full, MH_ART_KEPT_KINDS);
	mh_state_init(&delta, &people);
	e = ev_at("alice@corp.example", DAY, "192.0.2.1");
	e.country = mh_test_str("US");
	e.mfa_device = mh_test_str("phone-1");
	mh_state_add_event(&delta, &e);
	mh_state_merge(&full, &delta, map);
	assert_int_equal(full.ps[0].narts, 2);
	assert_non_null(art_of(&full, 0, MH_ART_IP, "192.0.2.1"));
	assert_non_null(art_of(&full, 0, MH_ART_MFA, "phone-1"));
	assert_null(art_of(&full, 0, MH_ART_COUNTRY, "US"));
	assert_non_null(art_of(&delta, 0, MH_ART_COUNTRY, "US"));
	memset(&rec, 0, sizeof(rec));
	rec.count = 3;
	assert_int_equal(mh_state_put_art(&full, 0, MH_ART_HOST, "laptop", 6, &rec), -1);
	assert_int_equal(mh_state_put_art(&full, 0, MH_ART_IP, "192.0.2.1", 9, &rec), 0);
	assert_int_equal(art_of(&full, 0, MH_ART_IP, "192.0.2.1")->count, 4);
	assert_int_equal(full.ps[0].art_dropped, 0);
	mh_state_release(&full);
	mh_state_release(&delta);
}

/* Trimming gives back spare capacity and keeps every record. */
static void test_trim(void **state)
{
	struct mh_state st;
	struct mh_event e;
	size_t before;
	int i;

	mh_state_init(&st, &people);
	for (i = 0; i < 9; i++) {
		e = ev_at("bob@corp.example", (int64_t)(10 + i) * DAY, "192.0.2.9");
		mh_state_add_event(&st, &e);
	}
	before = mh_state_bytes(&st);
	mh_state_trim(&st);
	assert_true(mh_state_bytes(&st) < before);
	assert_int_equal(st.ps[1].daycap, 9);
	assert_int_equal(st.ps[1].artcap, st.ps[1].narts);
	assert_int_equal(day_at(&st.ps[1], 8).day, 18);
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
		assert_int_equal(x->nmdays, y->nmdays);
		assert_memory_equal(x->hour_hist, y->hour_hist, sizeof(x->hour_hist));
		for (j = 0; j < x->ndays; j++) {
			struct mh_day dx = day_at(x, (uint32_t)j), dy = day_at(y, (uint32_t)j);

			assert_memory_equal(&dx, &dy, sizeof(dx));
		}
		for (j = 0; j < x->narts; j++) {
			char bx[MH_ART_TEXT_MAX];
			const char *v = mh_art_text(&one, &x->arts[j], bx, sizeof(bx));
			const struct mh_art *ya =
			    art_of(&a, (uint32_t)(y - a.ps), x->arts[j].kind, v);

			assert_non_null(ya);
			assert_int_equal(ya->count, x->arts[j].count);
			assert_int_equal(ya->first_ms, x->arts[j].first_ms);
			assert_int_equal(ya->last_ms, x->arts[j].last_ms);
			assert_int_equal(ya->line, x->arts[j].line);
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
	    cmocka_unit_test_setup_teardown(test_day_saturation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_bytes_exact, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_drop_days, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_artifact_index, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_values_interned, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keep_kinds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unresolved_and_unattributed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_cap_drops_oldest, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_artifact_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_merge_equals_single, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
