/* hours.offset, hours.always_on and the local-day helper. */
#include "mh_test.h"

#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"
#include "core/people.h"
#include "core/state.h"
#include "detect/detector.h"
#include "detect/hours_local.h"
#include "util/tz.h"

#define DAY0   20010 /* 2024-10-14, a Monday; America/Chicago is UTC-5 then */
#define NDAYS  30
#define NPEERS 8

static struct mh_roster roster;
static struct mh_people people;
static struct mh_state st;
static struct mh_findings out;

static uint32_t add(const char *id, const char *title, const char *dept, const char *tz)
{
	char email[64];
	struct mh_roster_entry *e;

	snprintf(email, sizeof(email), "%s@corp.example", id);
	e = mh_test_person(&roster, id, email, NULL, NULL);
	e->title = mh_strdup(title);
	e->department = mh_strdup(dept);
	e->timezone = mh_strdup(tz);
	e->hire_day = 19000;
	return (uint32_t)(roster.n - 1);
}

/* Hours [from, to) UTC (to may pass 24: continues the next day) on day d. */
static void work(uint32_t p, int32_t d, int from, int to)
{
	int h;

	for (h = from; h < to; h++) {
		struct mh_day day;

		memset(&day, 0, sizeof(day));
		day.day = d + h / 24;
		day.hours = 1u << (h % 24);
		day.events = 1;
		mh_state_add_day(&st, p, &day);
	}
}

/* Weekdays only, like real people. */
static int weekday(int32_t d)
{
	return (d + 4) % 7 != 0 && (d + 4) % 7 != 6;
}

static int setup(void **state)
{
	memset(&roster, 0, sizeof(roster));
	mh_findings_init(&out);
	return 0;
}

/* Build people and state after the roster is complete; peers work 14-23 UTC. */
static void build(void)
{
	size_t i;
	int32_t d;

	mh_people_build(&people, &roster, NULL, NULL);
	mh_state_init(&st, &people);
	for (i = 0; i < NPEERS; i++)
		for (d = DAY0; d < DAY0 + NDAYS; d++)
			if (weekday(d))
				work((uint32_t)i, d, 14, 23);
}

static void add_peers(void)
{
	char id[16];
	int i;

	for (i = 0; i < NPEERS; i++) {
		snprintf(id, sizeof(id), "P%d", i);
		add(id, "Software Engineer", "Engineering", "America/Chicago");
	}
}

static int teardown(void **state)
{
	mh_findings_release(&out);
	mh_state_release(&st);
	mh_people_release(&people);
	mh_roster_free(&roster);
	return 0;
}

static void finish(const char *id, const char *yaml)
{
	const struct mh_detector *d = mh_detector_find(id);
	struct mh_config *cfg = NULL;
	struct mh_world w;
	struct mh_err err;
	void *ctx = NULL;

	if (yaml)
		assert_non_null(cfg = mh_config_parse("t.yaml", yaml, strlen(yaml), &err));
	assert_int_equal(d->init(&ctx, cfg, &err), 0);
	memset(&w, 0, sizeof(w));
	w.st = &st;
	w.roster = &roster;
	w.cfg = cfg;
	d->finish(ctx, &w, &out);
	d->free(ctx);
	mh_config_free(cfg);
}

static const struct mh_finding *find(const char *id, uint32_t person, const char *key)
{
	size_t i;

	for (i = 0; i < out.n; i++)
		if (!strcmp(out.v[i].detector, id) && out.v[i].person == person &&
		    (!key || !strcmp(out.v[i].key, key)))
			return &out.v[i];
	return NULL;
}

static void test_local_days(void **state)
{
	struct mh_pstate ps;
	struct mh_aday days[2];
	struct mh_lday ld[4];
	size_t n;

	memset(&ps, 0, sizeof(ps));
	memset(days, 0, sizeof(days));
	days[0].day = DAY0;
	days[0].hours = 1u << 2 | 1u << 20; /* 02 and 20 UTC */
	ps.days = days;
	ps.ndays = 1;
	n = mh_hours_local(&ps, mh_tz_get("America/Chicago"), 0, ld);
	assert_int_equal(n, 2); /* 02 UTC is 21:00 the day before in Chicago */
	assert_int_equal(ld[0].day, DAY0 - 1);
	assert_int_equal(ld[0].hours, 1u << 21);
	assert_int_equal(ld[1].hours, 1u << 15);
	n = mh_hours_local(&ps, mh_tz_get("Asia/Tokyo"), 0, ld);
	assert_int_equal(n, 2);
	assert_int_equal(ld[0].hours, 1u << 11);
	assert_int_equal(ld[1].day, DAY0 + 1);
	assert_int_equal(ld[1].hours, 1u << 5);
	assert_int_equal(mh_hours_window(22, 4), 1u << 22 | 1u << 23 | 1u << 0 | 1u << 1);
}

static void test_offset_operative(void **state)
{
	uint32_t op;
	const struct mh_finding *f;
	int32_t d;

	add_peers();
	op = add("OP", "Software Engineer", "Engineering", "America/Chicago");
	build();
	for (d = DAY0; d < DAY0 + NDAYS; d++)
		if (weekday(d))
			work(op, d, 0, 9); /* 08:00-17:00 in UTC+8 */
	finish("hours.offset", NULL);
	f = find("hours.offset", op, "hours");
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "UTC+8"));
	assert_non_null(strstr(f->summary, "America/Chicago"));
	assert_true(f->nev > 0);
	assert_null(find("hours.offset", 0, NULL));
}

static void test_offset_lookalikes(void **state)
{
	uint32_t night, asia, travel, oncall;
	int32_t d;
	int i = 0;

	add_peers();
	night = add("NT", "NOC Technician", "Operations", "America/Chicago");
	asia = add("AS", "Software Engineer", "Engineering", "Asia/Seoul");
	travel = add("TR", "Software Engineer", "Engineering", "America/Chicago");
	oncall = add("OC", "Site Reliability Engineer", "Infrastructure", "America/Chicago");
	build();
	for (d = DAY0; d < DAY0 + NDAYS; d++) {
		if (!weekday(d))
			continue;
		work(night, d, 0, 9); /* nights in Chicago: a night-shift role */
		work(asia, d, 0, 9);  /* 09-18 in Seoul */
		if (i >= 8 && i < 13) /* one week in Asia */
			work(travel, d, 0, 9);
		else
			work(travel, d, 14, 23);
		work(oncall, d, 14, 23);
		if (i % 2)
			work(oncall, d, 8, 10); /* paged at 3-5 am */
		i++;
	}
	finish("hours.offset", NULL);
	assert_int_equal(out.n, 0);
	/* without the role exemption the night worker is flagged: the test can fail */
	finish("hours.offset", "detectors:\n  hours.offset:\n    shift_roles: [nobody]\n");
	assert_non_null(find("hours.offset", night, NULL));
	assert_null(find("hours.offset", travel, NULL));
	assert_null(find("hours.offset", oncall, NULL));
}

static void test_offset_needs_days(void **state)
{
	uint32_t op;
	int32_t d;

	add_peers();
	op = add("OP", "Software Engineer", "Engineering", "America/Chicago");
	build();
	for (d = DAY0; d < DAY0 + 9; d++) /* 7 weekdays < min_days */
		if (weekday(d))
			work(op, d, 0, 9);
	finish("hours.offset", NULL);
	assert_int_equal(out.n, 0);
}

static void test_offset_git_commits(void **state)
{
	const struct mh_detector *det = mh_detector_find("hours.offset");
	struct mh_world w;
	struct mh_err err;
	void *a, *b;
	uint32_t op;
	int i;

	add_peers();
	op = add("OP", "Software Engineer", "Engineering", "America/Chicago");
	build();
	assert_int_equal(det->init(&a, NULL, &err), 0);
	assert_int_equal(det->init(&b, NULL, &err), 0);
	for (i = 0; i < 8; i++) {
		struct mh_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.ts_ms = (int64_t)(DAY0 + i) * 86400000 + 3600000;
		ev.kind = MH_EV_CODE;
		ev.user = mh_test_str("OP@corp.example");
		ev.has_tz_offset = 1;
		ev.tz_offset_min = i < 6 ? 540 : -300; /* six at +09:00, two at Chicago's */
		ev.file_id = 3;
		ev.line = (uint64_t)i + 1;
		/* split over two contexts, as two scanning threads would */
		det->on_event(i % 2 ? a : b, &ev, &st, op, &out);
	}
	det->merge(a, b);
	memset(&w, 0, sizeof(w));
	w.st = &st;
	w.roster = &roster;
	det->finish(a, &w, &out);
	det->free(a);
	det->free(b);
	assert_non_null(find("hours.offset", op, "git"));
	assert_non_null(strstr(find("hours.offset", op, "git")->summary, "6 of 8"));
	assert_int_equal(find("hours.offset", op, "git")->ev[0].file_id, 3);
}

static void test_always_on(void **state)
{
	uint32_t two, crunch, oncall;
	int32_t d;
	int i = 0;

	add_peers();
	two = add("TJ", "Software Engineer", "Engineering", "America/Chicago");
	crunch = add("CR", "Controller", "Finance", "America/Chicago");
	oncall = add("OC", "Site Reliability Engineer", "Infrastructure", "America/Chicago");
	build();
	for (d = DAY0; d < DAY0 + NDAYS; d++) {
		if (!weekday(d))
			continue;
		work(two, d, i % 2 ? 0 : 2, i % 2 ? 16 : 10); /* 16-hour days every other day */
		work(crunch, d, 13, i < 3 ? 28 : 23);         /* three long days at month end */
		work(oncall, d, 14, 23);
		work(oncall, d, 27, 28); /* a page at 3 am: an hour, far from the day */
		i++;
	}
	finish("hours.always_on", NULL);
	assert_non_null(find("hours.always_on", two, NULL));
	assert_null(find("hours.always_on", crunch, NULL));
	assert_null(find("hours.always_on", oncall, NULL));
	assert_int_equal(out.n, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_local_days), T(test_offset_operative),
	    T(test_offset_lookalikes),         T(test_offset_needs_days),
	    T(test_offset_git_commits),        T(test_always_on),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	mh_tz_cache_clear();
	return rc;
}
