/*
 * exfil.departure: heavy data movement between notice and termination.
 *
 * What it catches: someone who is leaving (or about to be let go) copies
 * source, customer lists or documents to take along, in the weeks between
 * their notice and their last day.
 *
 * Evidence and method: the window runs from the roster's notice_date, or
 * window_days before termination_date when there was no notice, to the
 * termination date (or the data's end while it is in the future). Inside
 * it, a day is heavy by the same rule as exfil.volume, but the person's own
 * usual day is measured before the window, so the departure burst cannot
 * raise its own bar. Flagged with min_days heavy days holding min_bytes or
 * more in all; evidence is each heavy day's first movement line.
 *
 * Why these thresholds: leaving is the moment of greatest risk, so this
 * finding carries enough points (70) to rank a person on its own even weeks
 * after the last day, when its points have decayed; that is only fair when
 * the volume is plainly out of the ordinary, hence a gigabyte floor over the
 * window and at least two heavy days. "Out of the ordinary" needs an
 * ordinary to compare with: when fewer than min_base_days active days lie
 * before the window (logs that start inside it, a short tenure), the
 * person's own habit is unknown and the finding carries only no_base_share
 * of the points, saying so.
 *
 * Benign look-alikes: people who resign mostly take nothing, and those who
 * hand work over move ordinary volumes (below the bar); sales staff copy to
 * USB every week (their own and their peers' baselines are high); people
 * without notice or termination dates are never in a window.
 */
#include <stdio.h>
#include <stdlib.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/exfil_base.h"
#include "util/xalloc.h"

#define ID "exfil.departure"

static const struct mh_param params[] = {
    {"window_days", MH_P_NUM, 30, 1, 365,
     "days before termination watched when there is no notice"},
    {"min_day_bytes", MH_P_NUM, 250e6, 0, 1e15, "bytes out below which no day is heavy"},
    {"own_factor", MH_P_NUM, 3, 1, 1000, "times the person's usual day before the window"},
    {"peer_factor", MH_P_NUM, 2, 1, 1000, "times the peer group's usual day (95th percentile)"},
    {"min_day_moves", MH_P_NUM, 8, 1, 1e6, "non-clone movements that make a day heavy"},
    {"min_days", MH_P_NUM, 2, 1, 400, "heavy days needed in the window"},
    {"min_bytes", MH_P_NUM, 1e9, 0, 1e15, "bytes out over the heavy days needed"},
    {"min_base_days", MH_P_NUM, 10, 0, 400,
     "active days before the window needed to know the person's own habit"},
    {"no_base_share", MH_P_NUM, 0.5, 0, 1,
     "share of the points when the person's own habit before the window is unknown"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, window_days, min_day_bytes, own_factor, peer_factor, min_day_moves;
	double min_days, min_bytes, min_base_days, no_base_share;
};

static int dep_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = self ? mh_detector_points(self, cfg) : 70;
	c->window_days = mh_config_dnum(cfg, ID, "window_days", 30);
	c->min_day_bytes = mh_config_dnum(cfg, ID, "min_day_bytes", 250e6);
	c->own_factor = mh_config_dnum(cfg, ID, "own_factor", 3);
	c->peer_factor = mh_config_dnum(cfg, ID, "peer_factor", 2);
	c->min_day_moves = mh_config_dnum(cfg, ID, "min_day_moves", 8);
	c->min_days = mh_config_dnum(cfg, ID, "min_days", 2);
	c->min_bytes = mh_config_dnum(cfg, ID, "min_bytes", 1e9);
	c->min_base_days = mh_config_dnum(cfg, ID, "min_base_days", 10);
	c->no_base_share = mh_config_dnum(cfg, ID, "no_base_share", 0.5);
	*out = c;
	(void)err;
	return 0;
}

static double maxd(double a, double b)
{
	return a > b ? a : b;
}

/* The watched window [*from, *to] of e, or 0 when e is not leaving. */
static int window(const struct ctx *c, const struct mh_roster_entry *e, int32_t *from, int32_t *to)
{
	if (!e || (e->notice_day == MH_DAY_NONE && e->termination_day == MH_DAY_NONE))
		return 0;
	*to = e->termination_day != MH_DAY_NONE ? e->termination_day : INT32_MAX;
	*from = e->notice_day != MH_DAY_NONE ? e->notice_day
	                                     : e->termination_day - (int32_t)c->window_days;
	return *from <= *to;
}

static void check_person(void *vc, const struct mh_world *w, const struct mh_exfil_base *b,
                         uint32_t p, struct mh_findings *out)
{
	struct ctx *c = vc;
	const struct mh_pstate *ps = &w->st->ps[p];
	const struct mh_roster_entry *e = mh_det_entry(w->st, p);
	struct mh_day heavy[MH_EVIDENCE_MAX], day;
	const struct mh_day *d = &day;
	struct mh_day_iter it;
	uint64_t own, total = 0;
	struct mh_finding *fd;
	int32_t from, to, last = 0;
	char tot[32], d1[16], d2[16];
	uint32_t n = 0, k, before = 0;
	double t;
	int isnew;

	if (!window(c, e, &from, &to))
		return;
	own = mh_exfil_own_bytes(ps, 0.75, INT32_MIN, from);
	t = maxd(c->min_day_bytes,
	         maxd(c->own_factor * own, c->peer_factor * mh_exfil_peer_bytes(b, ps, p, 0.95)));
	for (mh_days_begin(&it, ps); mh_days_next(&it, &day);) {
		before += d->day < from;
		if (d->day < from || d->day > to ||
		    ((double)d->bytes_out < t && mh_day_moves(d) < c->min_day_moves))
			continue;
		if (n < MH_EVIDENCE_MAX)
			heavy[n] = day;
		n++;
		total += d->bytes_out;
		last = d->day;
	}
	if (n < c->min_days || (double)total < c->min_bytes)
		return;
	fd = mh_findings_upsert(out, ID, p, "departure", MH_ORIGIN_FINISH,
	                        (int64_t)last * MH_MS_PER_DAY, &isnew);
	fd->first_ms = (int64_t)heavy[0].day * MH_MS_PER_DAY;
	fd->points = before >= c->min_base_days ? c->points : c->points * c->no_base_share;
	mh_bytes_str(total, tot, sizeof(tot));
	mh_det_day_str(from, d1, sizeof(d1));
	if (to == INT32_MAX)
		snprintf(d2, sizeof(d2), "now");
	else
		mh_det_day_str(to, d2, sizeof(d2));
	snprintf(fd->summary, sizeof(fd->summary),
	         "%s out on %u heavy days between %s (%s) and %s (termination)%s", tot, n, d1,
	         e->notice_day != MH_DAY_NONE ? "notice" : "window start", d2,
	         before >= c->min_base_days ? ""
	                                    : "; too little history before to know their habit");
	for (k = 0; k < n && k < MH_EVIDENCE_MAX; k++)
		mh_exfil_day_evidence(fd, &heavy[k]);
}

static void dep_finish(void *vc, const struct mh_world *w, struct mh_findings *out)
{
	mh_exfil_each_person(vc, w, out, check_person);
}

static void dep_free(void *vc)
{
	free(vc);
}

const struct mh_detector mh_det_exfil_departure = {
    .id = ID,
    .family = "exfil",
    .summary = "heavy data movement between notice (or 30 days before termination) and termination",
    .technique = "T1567",
    .points = 70,
    .cap = 70,
    .params = params,
    .init = dep_init,
    .finish = dep_finish,
    .free = dep_free,
};
