/* exfil.volume, exfil.departure and the baselines behind them. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/people.h"
#include "core/state.h"
#include "detect/detector.h"
#include "detect/exfil_base.h"
#include "util/tz.h"

#define DAY0  20010
#define NDAYS 40
#define MB    1000000ULL
#define GB    1000000000ULL

static struct mh_roster roster;
static struct mh_people people;
static struct mh_state st;
static struct mh_findings out;

static uint32_t add(const char *id, const char *dept, const char *title, int32_t hire)
{
	char email[64];
	struct mh_roster_entry *e;

	snprintf(email, sizeof(email), "%s@corp.example", id);
	e = mh_test_person(&roster, id, email, NULL, NULL);
	e->department = mh_strdup(dept);
	e->title = mh_strdup(title);
	e->timezone = mh_strdup("America/Chicago");
	e->hire_day = hire;
	return (uint32_t)(roster.n - 1);
}

static void build(void)
{
	mh_people_build(&people, &roster, NULL, NULL);
	mh_state_init(&st, &people);
}

/* A day of person p with the given movement and bytes. */
static void move(uint32_t p, int32_t d, int kind, int count, uint64_t bytes)
{
	struct mh_day day;

	memset(&day, 0, sizeof(day));
	day.day = d;
	day.hours = 1u << 15;
	day.events = 10;
	day.moves[kind] = (uint16_t)count;
	day.bytes_out = bytes;
	if (count) {
		day.move_file = 4;
		day.move_line = (uint32_t)d;
	}
	mh_state_add_day(&st, p, &day);
}

/* Every person active every day, moving little: the ordinary background. */
static void background(void)
{
	size_t p;
	int32_t d;

	for (p = 0; p < roster.n; p++)
		for (d = DAY0; d < DAY0 + NDAYS; d++)
			move((uint32_t)p, d, MH_MOVE_CLONE, 5, (d + p) % 5 ? 0 : 20 * MB);
}

static int setup(void **state)
{
	memset(&roster, 0, sizeof(roster));
	mh_findings_init(&out);
	return 0;
}

static int teardown(void **state)
{
	mh_findings_release(&out);
	mh_state_release(&st);
	mh_people_release(&people);
	mh_roster_free(&roster);
	return 0;
}

static void finish(const char *id)
{
	const struct mh_detector *d = mh_detector_find(id);
	struct mh_world w;
	struct mh_err err;
	void *ctx = NULL;

	assert_int_equal(d->init(&ctx, NULL, &err), 0);
	memset(&w, 0, sizeof(w));
	w.st = &st;
	w.roster = &roster;
	d->finish(ctx, &w, &out);
	d->free(ctx);
}

static const struct mh_finding *find(const char *id, uint32_t person)
{
	size_t i;

	for (i = 0; i < out.n; i++)
		if (!strcmp(out.v[i].detector, id) && out.v[i].person == person)
			return &out.v[i];
	return NULL;
}

static void engineers(int n)
{
	char id[16];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "ENG%d", i);
		add(id, "Engineering", "Software Engineer", 18000);
	}
}

static void test_peer_baseline_excludes_self(void **state)
{
	struct mh_exfil_base *b;
	uint32_t x;
	int32_t d;

	engineers(4);
	x = add("X", "Engineering", "Software Engineer", 18000);
	build();
	background();
	for (d = DAY0; d < DAY0 + NDAYS; d++)
		move(x, d, MH_MOVE_UPLOAD, 1, 5 * GB);
	b = mh_exfil_base_build(&st);
	/* X's own huge days do not raise X's peer baseline, but do raise the others' */
	assert_true(mh_exfil_peer_bytes(b, &st.ps[x], x, 0.95) < 40 * MB);
	assert_true(mh_exfil_peer_bytes(b, &st.ps[0], 0, 0.95) > GB);
	assert_int_equal(mh_exfil_peer_size(b, x), 4);
	assert_int_equal(mh_exfil_own_bytes(&st.ps[x], 0.75, INT32_MIN, INT32_MAX), 5 * GB);
	mh_exfil_base_free(b);
}

static void test_volume_burst(void **state)
{
	uint32_t op, hire;
	const struct mh_finding *f;

	engineers(6);
	op = add("OP", "Engineering", "Software Engineer", 18000);
	hire = add("NEW", "Engineering", "Software Engineer", DAY0 + 10);
	build();
	background();
	move(op, DAY0 + 20, MH_MOVE_ARCHIVE, 1, 900 * MB);
	move(op, DAY0 + 21, MH_MOVE_DOWNLOAD, 3, 700 * MB);
	move(op, DAY0 + 22, MH_MOVE_ARCHIVE, 1, 600 * MB);
	move(hire, DAY0 + 12, MH_MOVE_ARCHIVE, 2, GB);
	move(hire, DAY0 + 13, MH_MOVE_UPLOAD, 1, GB);
	finish("exfil.volume");
	f = find("exfil.volume", op);
	assert_non_null(f);
	assert_true(f->points == 20);
	assert_int_equal(f->nev, 3);
	assert_int_equal(f->ev[0].file_id, 4);
	assert_int_equal(f->ev[0].line, DAY0 + 20);
	assert_non_null(strstr(f->summary, "2.2 GB"));
	assert_true(find("exfil.volume", hire)->points == 30); /* within 30 days of hire */
	assert_int_equal(out.n, 2);
}

static void test_volume_lookalikes(void **state)
{
	uint32_t heavy, sales[5], newhire, oneoff;
	int32_t d;
	int i;

	engineers(6);
	heavy = add("DATA", "Data", "Data Engineer", 18000);
	for (i = 0; i < 5; i++) {
		char id[16];

		snprintf(id, sizeof(id), "S%d", i);
		sales[i] = add(id, "Sales", "Account Executive", 18000);
	}
	newhire = add("NEW", "Engineering", "Software Engineer", DAY0);
	oneoff = add("ONE", "Engineering", "Software Engineer", 18000);
	build();
	background();
	for (d = DAY0; d < DAY0 + NDAYS; d++) {
		/* a routine heavy user: about a gigabyte every day */
		move(heavy, d, MH_MOVE_DOWNLOAD, 2, GB + (uint64_t)(d % 3) * 100 * MB);
		/* field sales: USB copies of a few hundred megabytes, weekly */
		for (i = 0; i < 5; i++)
			if ((d + i) % 7 == 0)
				move(sales[i], d, MH_MOVE_USB_WRITE, 1, 450 * MB);
		/* a new hire cloning the team's repositories */
		if (d < DAY0 + 10)
			move(newhire, d, MH_MOVE_CLONE, 40, 0);
	}
	/* one big upload for a release, and zips weeks apart */
	move(oneoff, DAY0 + 5, MH_MOVE_UPLOAD, 1, 3 * GB);
	move(oneoff, DAY0 + 20, MH_MOVE_ARCHIVE, 1, 400 * MB);
	move(oneoff, DAY0 + 35, MH_MOVE_ARCHIVE, 1, 400 * MB);
	finish("exfil.volume");
	assert_int_equal(out.n, 0);
	/* the same sales pattern at ten times the size is flagged: the test can fail */
	for (d = DAY0 + 30; d < DAY0 + 33; d++)
		move(sales[0], d, MH_MOVE_USB_WRITE, 2, 3 * GB);
	finish("exfil.volume");
	assert_non_null(find("exfil.volume", sales[0]));
}

static void test_departure(void **state)
{
	uint32_t leaver, fired, quiet, before;
	struct mh_roster_entry *e;
	const struct mh_finding *f;
	int32_t d;

	engineers(6);
	leaver = add("LV", "Finance", "Accountant", 15000);
	fired = add("FI", "Engineering", "Software Engineer", 15000);
	quiet = add("QU", "Engineering", "Software Engineer", 15000);
	before = add("BE", "Engineering", "Software Engineer", 15000);
	e = &roster.v[leaver];
	e->notice_day = DAY0 + 20;
	e->termination_day = DAY0 + 34;
	roster.v[fired].termination_day = DAY0 + 30; /* no notice: the 30 days before */
	roster.v[quiet].notice_day = DAY0 + 20;
	roster.v[quiet].termination_day = DAY0 + 34;
	roster.v[before].notice_day = DAY0 + 30;
	roster.v[before].termination_day = DAY0 + 39;
	build();
	background();
	for (d = DAY0 + 22; d < DAY0 + 30; d += 2)
		move(leaver, d, MH_MOVE_USB_WRITE, 3, 4 * GB);
	move(fired, DAY0 + 10, MH_MOVE_ARCHIVE, 2, 2 * GB);
	move(fired, DAY0 + 11, MH_MOVE_DOWNLOAD, 2, 2 * GB);
	for (d = DAY0 + 20; d < DAY0 + 34; d++) /* hands work over: ordinary volumes */
		move(quiet, d, MH_MOVE_UPLOAD, 1, 30 * MB);
	move(before, DAY0 + 5, MH_MOVE_ARCHIVE, 2, 2 * GB); /* long before the notice */
	move(before, DAY0 + 6, MH_MOVE_ARCHIVE, 2, 2 * GB);
	finish("exfil.departure");
	f = find("exfil.departure", leaver);
	assert_non_null(f);
	assert_true(f->points == 70);
	assert_int_equal(f->nev, 4);
	assert_non_null(strstr(f->summary, "notice"));
	assert_non_null(strstr(find("exfil.departure", fired)->summary, "window start"));
	assert_null(find("exfil.departure", quiet));
	assert_null(find("exfil.departure", before));
	assert_int_equal(out.n, 2);
}

/* A leaver whose logged days all lie inside the window (logs that start late,
 * or a short tenure) has no habit to compare with: the burst is still
 * reported, at a share of the points, and the summary says why. */
static void test_departure_without_history(void **state)
{
	uint32_t fresh, known;
	int32_t d;

	engineers(6);
	fresh = add("FR", "IT", "Systems Administrator", 15000);
	known = add("KN", "IT", "Systems Administrator", 15000);
	roster.v[fresh].notice_day = roster.v[known].notice_day = DAY0 + 25;
	roster.v[fresh].termination_day = roster.v[known].termination_day = DAY0 + NDAYS - 1;
	build();
	background();
	/* fresh's logs start at the notice: no day before the window is kept */
	mh_state_drop_days(&st, fresh, DAY0 + 25);
	assert_int_equal(st.ps[fresh].days[0].day, DAY0 + 25);
	for (d = DAY0 + 26; d < DAY0 + NDAYS - 2; d += 2) {
		move(fresh, d, MH_MOVE_USB_WRITE, 1, 500 * MB);
		move(known, d, MH_MOVE_USB_WRITE, 1, 500 * MB);
	}
	finish("exfil.departure");
	assert_true(find("exfil.departure", known)->points == 70);
	assert_true(find("exfil.departure", fresh)->points == 35);
	assert_non_null(strstr(find("exfil.departure", fresh)->summary, "too little history"));
	assert_null(strstr(find("exfil.departure", known)->summary, "too little history"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_peer_baseline_excludes_self), T(test_volume_burst),
	    T(test_volume_lookalikes),           T(test_departure),
	    T(test_departure_without_history),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	mh_tz_cache_clear();
	return rc;
}
