/*
 * hours.offset: the person works a day that belongs to another time zone.
 *
 * What it catches: an operative abroad who claims to live in Texas works a
 * normal day in UTC+8/+9, which is the middle of the night in the stated
 * zone, and does so on most days.
 *
 * Evidence and method: the core keeps an hour bitmap per UTC day. Each day
 * is moved into the stated IANA zone with that zone's offset on that day
 * (daylight saving included, src/util/tz.c). Over the days with at least
 * min_day_hours active hours, the working-day profile is fitted per offset:
 * the window of window_hours consecutive local hours holding most activity
 * gives the person's usual start. The company's usual start is the median
 * of everyone's fitted start, so an office whose day starts at 7 or at 10 is
 * not a signal. A person is flagged when their start is at least min_shift
 * hours away from it, on at least min_days days and min_fraction of active
 * days (a day supports the shift when more of its active hours fall in the
 * shifted window than in the usual one). The implied zone is the stated
 * offset moved by the shift. Git commits that record a local offset
 * (ev->has_tz_offset) are counted per person; when at least commit_min
 * commits carry an offset commit_shift or more hours away from the stated
 * zone's offset at that instant, that is a second finding with its own
 * points and source lines as evidence.
 *
 * Why these thresholds: a shift of 5+ hours cannot come from a late riser
 * or an early bird; 10 days and 60 % of active days rule out a week of
 * travel (about 5 working days) and on-call weeks, whose night pages add a
 * few scattered hours but do not move the bulk of the day.
 *
 * Benign look-alikes: night-shift roles (shift_roles words in department or
 * title: support desks, NOC, operations, "night") work nights in their own
 * zone; staff whose stated zone is in Asia (exempt_zones) already live where
 * their day is; travellers shift for a week; on-call engineers get paged at
 * night. A person without a known zone is skipped.
 *
 * Limits: commit offsets are kept per scanning context, not in the store, so
 * a re-scan sees only the commits of the inputs it reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/hours_local.h"
#include "util/tz.h"
#include "util/xalloc.h"

#define ID "hours.offset"

static const struct mh_param params[] = {
    {"min_days", MH_P_NUM, 10, 1, 400, "days that must fit the shifted working day"},
    {"min_fraction", MH_P_NUM, 0.6, 0, 1, "share of active days that must fit it"},
    {"min_shift", MH_P_NUM, 5, 1, 12, "hours between the person's and the company's usual start"},
    {"window_hours", MH_P_NUM, 9, 4, 16, "length of the working day fitted"},
    {"min_day_hours", MH_P_NUM, 3, 1, 24, "active hours for a day to count"},
    {"commit_min", MH_P_NUM, 5, 1, 100000, "git commits with a far offset needed"},
    {"commit_shift", MH_P_NUM, 3, 1, 24, "hours between a commit's offset and the stated zone's"},
    {"commit_points", MH_P_NUM, 10, 0, 1000, "points for the git-commit finding"},
    {"shift_roles", MH_P_LIST, 0, 0, 0, "department/title words of night-shift roles"},
    {"exempt_zones", MH_P_LIST, 0, 0, 0, "zone prefixes never flagged (default: Asia/)"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct commits {
	uint32_t n, far;
	int16_t far_min; /* the last far offset seen, minutes east */
	uint8_t nev;
	struct {
		uint32_t file_id;
		uint64_t line;
		int64_t ts;
		int16_t off_min;
	} ev[3];
};

struct ctx {
	const struct mh_config *cfg;
	double points, min_days, min_fraction, min_shift, window, min_day_hours;
	double commit_min, commit_shift, commit_points;
	struct commits *git; /* by roster index */
	size_t ngit;
	struct mh_lday *ld; /* scratch for finish */
};

static int off_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->cfg = cfg;
	c->points = self ? mh_detector_points(self, cfg) : 25;
	c->min_days = mh_config_dnum(cfg, ID, "min_days", 10);
	c->min_fraction = mh_config_dnum(cfg, ID, "min_fraction", 0.6);
	c->min_shift = mh_config_dnum(cfg, ID, "min_shift", 5);
	c->window = mh_config_dnum(cfg, ID, "window_hours", 9);
	c->min_day_hours = mh_config_dnum(cfg, ID, "min_day_hours", 3);
	c->commit_min = mh_config_dnum(cfg, ID, "commit_min", 5);
	c->commit_shift = mh_config_dnum(cfg, ID, "commit_shift", 3);
	c->commit_points = mh_config_dnum(cfg, ID, "commit_points", 10);
	*out = c;
	(void)err;
	return 0;
}

static void off_on_event(void *vc, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                         struct mh_findings *out)
{
	struct ctx *c = vc;
	const struct mh_roster_entry *e;
	const struct mh_tzinfo *z;
	struct commits *g;
	uint32_t r;
	int32_t stated;

	if (!ev->has_tz_offset)
		return;
	e = mh_det_entry(st, person);
	if (!e || !e->timezone || !(z = mh_tz_get(e->timezone)))
		return;
	r = st->ps[person].roster;
	if (r >= c->ngit) {
		size_t n = st->people->roster->n, old = c->ngit;

		c->git = mh_realloc(c->git, n * sizeof(*c->git));
		memset(c->git + old, 0, (n - old) * sizeof(*c->git));
		c->ngit = n;
	}
	g = &c->git[r];
	g->n++;
	stated = mh_tzinfo_offset(z, ev->ts_ms / 1000) / 60;
	if (abs(ev->tz_offset_min - stated) < c->commit_shift * 60)
		return;
	g->far++;
	g->far_min = ev->tz_offset_min;
	if (g->nev < 3) {
		g->ev[g->nev].file_id = ev->file_id;
		g->ev[g->nev].line = ev->line;
		g->ev[g->nev].ts = ev->ts_ms;
		g->ev[g->nev].off_min = ev->tz_offset_min;
		g->nev++;
	}
	(void)out;
}

static void off_merge(void *vinto, void *vfrom)
{
	struct ctx *a = vinto, *b = vfrom;
	size_t i;
	uint8_t k;

	if (b->ngit > a->ngit) {
		a->git = mh_realloc(a->git, b->ngit * sizeof(*a->git));
		memset(a->git + a->ngit, 0, (b->ngit - a->ngit) * sizeof(*a->git));
		a->ngit = b->ngit;
	}
	for (i = 0; i < b->ngit; i++) {
		a->git[i].n += b->git[i].n;
		a->git[i].far += b->git[i].far;
		if (b->git[i].far)
			a->git[i].far_min = b->git[i].far_min;
		for (k = 0; k < b->git[i].nev && a->git[i].nev < 3; k++)
			a->git[i].ev[a->git[i].nev++] = b->git[i].ev[k];
	}
}

/* The start hour of the window holding most activity, over days with enough hours. */
static int best_start(const struct mh_lday *ld, size_t n, int win, int min_hours, int *ndays)
{
	unsigned hist[24] = {0}, best = 0, mass;
	int h, a, k, start = -1;
	size_t i;

	*ndays = 0;
	for (i = 0; i < n; i++) {
		if (mh_popcount24(ld[i].hours) < min_hours)
			continue;
		(*ndays)++;
		for (h = 0; h < 24; h++)
			hist[h] += ld[i].hours >> h & 1;
	}
	for (a = 0; a < 24; a++) {
		for (mass = 0, k = 0; k < win; k++)
			mass += hist[(a + k) % 24];
		if (mass > best) {
			best = mass;
			start = a;
		}
	}
	return start;
}

static int exempt(const struct ctx *c, const struct mh_roster_entry *e)
{
	static const char *const def_zones[] = {"Asia/", NULL};
	const char *const *z;
	size_t n = mh_config_list(c->cfg, "detectors." ID ".exempt_zones", &z), i;

	if (!n) {
		z = def_zones;
		n = 1;
	}
	for (i = 0; i < n; i++)
		if (!strncmp(e->timezone, z[i], strlen(z[i])))
			return 1;
	return mh_det_role_is(e, c->cfg, "detectors." ID ".shift_roles", mh_det_shift_roles);
}

static const struct mh_tzinfo *zone_of(const struct mh_roster_entry *e)
{
	return e && e->timezone && *e->timezone ? mh_tz_get(e->timezone) : NULL;
}

static int circ(int d)
{
	d = ((d % 24) + 24) % 24;
	return d > 12 ? d - 24 : d;
}

/* The company's usual start: median of everyone's fitted start near the mode. */
static int usual_start(struct ctx *c, const struct mh_world *w)
{
	unsigned votes[24] = {0}, total = 0, acc = 0;
	size_t p, n;
	int a, nd;

	for (p = 0; p < w->st->n; p++) {
		const struct mh_tzinfo *z = zone_of(mh_det_entry(w->st, (uint32_t)p));

		if (!z)
			continue;
		n = mh_hours_local(&w->st->ps[p], z, 0, c->ld);
		a = best_start(c->ld, n, (int)c->window, (int)c->min_day_hours, &nd);
		if (a >= 0 && nd >= c->min_days) {
			votes[a]++;
			total++;
		}
	}
	if (!total)
		return 8;
	for (a = 0; a < 24; a++) {
		acc += votes[a];
		if (2 * acc >= total)
			return a;
	}
	return 8;
}

static void evidence(struct ctx *c, struct mh_finding *fd, size_t n, uint32_t ws, uint32_t wu,
                     int a)
{
	size_t i;

	for (i = 0; i < n && fd->nev < 4; i++) {
		uint32_t b = c->ld[i].hours;
		char day[16];

		if (mh_popcount24(b) < c->min_day_hours ||
		    mh_popcount24(b & ws) <= mh_popcount24(b & wu))
			continue;
		mh_det_day_str(c->ld[i].day, day, sizeof(day));
		mh_finding_evidence(fd, 0, 0, (int64_t)c->ld[i].day * MH_MS_PER_DAY,
		                    "%s: %d of %d active hours in the fitted day, %02d:00-%02d:00 "
		                    "stated-zone time",
		                    day, mh_popcount24(b & ws), mh_popcount24(b), a,
		                    (a + (int)c->window) % 24);
	}
}

/*
 * Days are judged in the frame of the fitted working day (stated offset
 * moved by the shift), so a night in the stated zone is one day, not the
 * ends of two.
 */
static void flag_hours(struct ctx *c, const struct mh_world *w, uint32_t p,
                       const struct mh_roster_entry *e, const struct mh_tzinfo *z, int usual,
                       struct mh_findings *out)
{
	size_t n = mh_hours_local(&w->st->ps[p], z, 0, c->ld), i;
	int nd, a = best_start(c->ld, n, (int)c->window, (int)c->min_day_hours, &nd);
	int shift = circ(a - usual), fit = 0, implied;
	uint32_t ws, wu;
	struct mh_finding *fd;
	int32_t first = 0, last = 0;
	int isnew;

	if (a < 0 || abs(shift) < c->min_shift)
		return;
	n = mh_hours_local(&w->st->ps[p], z, -shift, c->ld);
	ws = mh_hours_window(usual, (int)c->window);
	wu = mh_hours_window(usual - shift, (int)c->window);
	for (i = 0, nd = 0; i < n; i++) {
		if (mh_popcount24(c->ld[i].hours) < c->min_day_hours)
			continue;
		nd++;
		if (mh_popcount24(c->ld[i].hours & ws) > mh_popcount24(c->ld[i].hours & wu)) {
			if (!fit++)
				first = c->ld[i].day;
			last = c->ld[i].day;
		}
	}
	if (fit < c->min_days || fit < c->min_fraction * nd)
		return;
	implied = mh_zone_hours(z, last) - shift;
	implied = implied > 14 ? implied - 24 : implied < -12 ? implied + 24 : implied;
	fd = mh_findings_upsert(out, ID, p, "hours", MH_ORIGIN_FINISH,
	                        (int64_t)last * MH_MS_PER_DAY, &isnew);
	fd->first_ms = (int64_t)first * MH_MS_PER_DAY;
	fd->points = c->points;
	snprintf(fd->summary, sizeof(fd->summary),
	         "works %02d:00-%02d:00 %s time on %d of %d active days: a working day in UTC%+d, "
	         "not in the stated zone (UTC%+d)",
	         a, (a + (int)c->window) % 24, e->timezone, fit, nd, implied,
	         mh_zone_hours(z, last));
	evidence(c, fd, n, ws, wu, a);
}

static void flag_commits(struct ctx *c, uint32_t p, uint32_t r, const struct mh_roster_entry *e,
                         struct mh_findings *out)
{
	const struct commits *g = &c->git[r];
	struct mh_finding *fd;
	int isnew;
	uint8_t k;

	if (g->far < c->commit_min || g->far * 2 < g->n || c->commit_points <= 0)
		return;
	fd = mh_findings_upsert(out, ID, p, "git", MH_ORIGIN_FINISH, g->ev[0].ts, &isnew);
	fd->points = c->commit_points;
	snprintf(
	    fd->summary, sizeof(fd->summary),
	    "%u of %u git commits record a local offset of UTC%+.1f, far from the stated zone %s",
	    g->far, g->n, g->far_min / 60.0, e->timezone);
	for (k = 0; k < g->nev; k++)
		mh_finding_evidence(fd, g->ev[k].file_id, g->ev[k].line, g->ev[k].ts,
		                    "commit with offset %+03d%02d", g->ev[k].off_min / 60,
		                    abs(g->ev[k].off_min) % 60);
}

static void off_finish(void *vc, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vc;
	int usual;
	size_t p;

	c->ld = mh_realloc(c->ld, (2 * MH_MAX_DAYS + 4) * sizeof(*c->ld));
	usual = usual_start(c, w);
	for (p = 0; p < w->st->n; p++) {
		const struct mh_roster_entry *e = mh_det_entry(w->st, (uint32_t)p);
		const struct mh_tzinfo *z = zone_of(e);

		if (!z || exempt(c, e))
			continue;
		flag_hours(c, w, (uint32_t)p, e, z, usual, out);
		if (w->st->ps[p].roster < c->ngit)
			flag_commits(c, (uint32_t)p, w->st->ps[p].roster, e, out);
	}
}

static void off_free(void *vc)
{
	struct ctx *c = vc;

	free(c->git);
	free(c->ld);
	free(c);
}

const struct mh_detector mh_det_hours_offset = {
    .id = ID,
    .family = "hours",
    .summary = "working day fits a UTC offset far from the stated time zone",
    .technique = NULL,
    .points = 25,
    .cap = 35,
    .params = params,
    .init = off_init,
    .on_event = off_on_event,
    .merge = off_merge,
    .finish = off_finish,
    .free = off_free,
};
