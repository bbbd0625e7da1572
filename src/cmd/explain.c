/*
 * molehunt explain PERSON: why a person scores what they score. The roster
 * facts, the score and its contributions with their history, every finding
 * on a timeline with the source lines behind it, and two heat maps of
 * activity by weekday and hour: in UTC and in the person's stated zone, so a
 * "Texas" employee working Pyongyang office hours is visible at a glance.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "ingest/roster.h"
#include "store/store.h"
#include "util/tz.h"

static const char usage[] =
    "usage: molehunt explain [--db FILE] PERSON\n"
    "\n"
    "Explain one person's score: roster facts, contributions by detector, score\n"
    "history, a timeline of findings with the source lines behind each, and\n"
    "activity heat maps by weekday and hour in UTC and in the stated time zone.\n"
    "PERSON is an employee_id, or an unresolved name as `molehunt persons` shows it.\n"
    "\n"
    "options:\n"
    "  --db FILE   store (default molehunt.db)\n"
    "  -h, --help  this text\n";

static void fmt_time(int64_t ms, char *buf, size_t cap)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, cap, "%Y-%m-%d %H:%M", &tm);
}

static void fmt_day(int32_t day, char *buf, size_t cap)
{
	int64_t y;
	unsigned m, d;

	if (day == MH_DAY_NONE) {
		snprintf(buf, cap, "-");
		return;
	}
	mh_tz_civil_from_days(day, &y, &m, &d);
	snprintf(buf, cap, "%04lld-%02u-%02u", (long long)y, m, d);
}

static void print_roster(struct mh_store *s, const char *key)
{
	struct mh_roster r;
	struct mh_err err;
	char *csv = NULL, a[16], b[16], c[16];
	size_t n, i;

	if (mh_store_get_roster(s, &csv, &n, &err) || !csv)
		return;
	memset(&r, 0, sizeof(r));
	if (!mh_roster_parse_mem(&r, "stored roster", csv, n, NULL, NULL, &err)) {
		for (i = 0; i < r.n; i++) {
			const struct mh_roster_entry *e = &r.v[i];

			if (strcmp(e->employee_id, key))
				continue;
			fmt_day(e->hire_day, a, sizeof(a));
			fmt_day(e->notice_day, b, sizeof(b));
			fmt_day(e->termination_day, c, sizeof(c));
			printf("hired %s, notice %s, terminated %s%s\n", a, b, c,
			       e->privileged ? ", privileged access" : "");
		}
	}
	mh_roster_free(&r);
	free(csv);
}

static int print_history(void *arg, int64_t as_of_ms, double score)
{
	char t[32];

	fmt_time(as_of_ms, t, sizeof(t));
	printf("  %s  %5.1f\n", t, score);
	return 0;
}

static int print_finding(void *arg, const struct mh_finding_row *f)
{
	struct mh_store *s = arg;
	cJSON *ev = f->evidence ? cJSON_Parse(f->evidence) : NULL, *o;
	char a[32], b[32];

	fmt_time(f->first_ms, a, sizeof(a));
	fmt_time(f->last_ms, b, sizeof(b));
	printf("\n%s .. %s  %-24s %5.1f points  (%llu×)\n  %s\n", a, b, f->detector, f->points,
	       (unsigned long long)f->count, f->summary);
	cJSON_ArrayForEach(o, ev)
	{
		double id = cJSON_GetNumberValue(cJSON_GetObjectItem(o, "source_id"));
		double line = cJSON_GetNumberValue(cJSON_GetObjectItem(o, "line"));
		const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(o, "text"));
		char path[1024];

		path[0] = '\0';
		if (id > 0)
			mh_store_source_path(s, (int64_t)id, path, sizeof(path));
		if (path[0] && line > 0)
			printf("    %s:%.0f  %s\n", path, line, text ? text : "");
		else
			printf("    %s\n", text ? text : "");
	}
	cJSON_Delete(ev);
	return 0;
}

/* Days with activity, by weekday (Monday first) and hour, shifted by the
 * zone's offset on each day (daylight saving included); NULL zone = UTC. */
static void heat(const struct mh_person_detail *d, const char *zone, unsigned grid[7][24])
{
	size_t i;
	int h;

	memset(grid, 0, sizeof(unsigned[7][24]));
	for (i = 0; i < d->ndays; i++)
		for (h = 0; h < 24; h++) {
			int64_t t = ((int64_t)d->days[i].day * 24 + h) * 3600 + 1800, day;
			int32_t off = 0;

			if (!(d->days[i].hours >> h & 1))
				continue;
			if (zone)
				mh_tz_offset(zone, t, &off);
			t += off;
			day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
			/* 1970-01-01 was a Thursday: weekday 3 with Monday = 0 */
			grid[((day % 7) + 7 + 3) % 7][(t - day * 86400) / 3600]++;
		}
}

static void print_heat(const char *title, unsigned grid[7][24])
{
	static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char shade[] = " .:-=+*#%@";
	unsigned max = 1;
	int r, h;

	for (r = 0; r < 7; r++)
		for (h = 0; h < 24; h++)
			if (grid[r][h] > max)
				max = grid[r][h];
	printf("\n%s (days active in each hour; darkest = %u days)\n     ", title, max);
	for (h = 0; h < 24; h += 3)
		printf("%-3d", h);
	printf("\n");
	for (r = 0; r < 7; r++) {
		printf("%s  ", wd[r]);
		for (h = 0; h < 24; h++)
			putchar(grid[r][h] ? shade[1 + (grid[r][h] * 8 + max - 1) / max]
			                   : shade[0]);
		printf("\n");
	}
}

static int explain(struct mh_store *s, const char *key, struct mh_err *err)
{
	struct mh_person_detail d;
	unsigned grid[7][24];
	cJSON *contrib, *o;
	char a[32], b[32];
	int rc = mh_store_person_get(s, key, &d, err);

	if (rc)
		return rc;
	printf("%s  %s  <%s>\n", d.key, d.name[0] ? d.name : "(unresolved name)",
	       d.email[0] ? d.email : "-");
	if (d.resolved)
		printf("%s, %s; stated residence %s, time zone %s\n", d.title[0] ? d.title : "-",
		       d.department[0] ? d.department : "-", d.country[0] ? d.country : "?",
		       d.timezone[0] ? d.timezone : "?");
	print_roster(s, d.key);
	fmt_time(d.first_ms, a, sizeof(a));
	fmt_time(d.last_ms, b, sizeof(b));
	printf("%llu events from %s to %s (UTC) on %zu days\n", (unsigned long long)d.events, a, b,
	       d.ndays);
	printf("\nscore %.1f", d.score);
	contrib = d.contributions ? cJSON_Parse(d.contributions) : NULL;
	printf("%s\n", cJSON_GetArraySize(contrib) ? ", from:" : " (no findings)");
	cJSON_ArrayForEach(o, contrib)
	    printf("  %-26s %-9s %6.1f points from %.0f finding(s), after decay and cap\n",
	           cJSON_GetStringValue(cJSON_GetObjectItem(o, "detector")),
	           cJSON_GetStringValue(cJSON_GetObjectItem(o, "family")),
	           cJSON_GetNumberValue(cJSON_GetObjectItem(o, "points")),
	           cJSON_GetNumberValue(cJSON_GetObjectItem(o, "findings")));
	cJSON_Delete(contrib);
	printf("\nscore history (as of data time):\n");
	rc = mh_store_each_score(s, d.id, print_history, NULL, err);
	if (!rc) {
		printf("\ntimeline of findings:");
		rc = mh_store_each_finding_by_time(s, d.id, print_finding, s, err);
	}
	if (!rc) {
		heat(&d, NULL, grid);
		print_heat("activity in UTC", grid);
		if (d.timezone[0] && mh_tz_get(d.timezone)) {
			char title[128];

			heat(&d, d.timezone, grid);
			snprintf(title, sizeof(title), "activity in the stated zone, %s",
			         d.timezone);
			print_heat(title, grid);
		}
	}
	mh_person_detail_release(&d);
	return rc;
}

int mh_cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = "molehunt.db";
	struct mh_store *s;
	struct mh_err err;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "molehunt explain: one PERSON expected\n\n%s", usage);
		return 2;
	}
	mh_err_clear(&err);
	s = mh_store_open_existing(db, &err);
	if (!s) {
		fprintf(stderr, "molehunt explain: %s\n", err.msg);
		return 3;
	}
	rc = explain(s, argv[optind], &err);
	mh_store_close(s);
	if (rc == 1) {
		fprintf(stderr, "molehunt explain: no person '%s' in %s\n", argv[optind], db);
		return 3;
	}
	if (rc) {
		fprintf(stderr, "molehunt explain: %s\n", err.msg);
		return 3;
	}
	return 0;
}
