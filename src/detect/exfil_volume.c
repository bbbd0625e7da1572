/*
 * exfil.volume: days of data movement far above the person's own and their
 * peers' usual.
 *
 * What it catches: an operative collects what they can reach (archives of
 * repositories, downloads, uploads to personal storage, USB copies) in a few
 * heavy days, often soon after hire.
 *
 * Evidence and method: per day the core keeps bytes out and movement counts
 * by class. A day is heavy when its bytes reach the largest of min_day_bytes,
 * own_factor x the person's own own_quantile of daily bytes, and
 * peer_factor x the peer_quantile of their peer group's daily bytes
 * (department and title, without the person, see exfil_base.h), or when it
 * holds min_day_moves downloads, archives, uploads, USB writes and mails out.
 * A burst is the span of burst_days with the most bytes on heavy days; it is
 * flagged with min_days heavy days and min_burst_bytes (or min_burst_moves
 * movements) in all. Points times early_factor when the burst starts within
 * first_days of the hire date. Evidence is each heavy day's first movement
 * line.
 *
 * Why these thresholds: data movement is heavy-tailed, so the baselines are
 * high quantiles and the factors leave room above them; the byte floor keeps
 * people who never move data from being flagged for one ordinary upload; one
 * heavy day happens to anyone preparing a release, and staff who zip or copy
 * a few hundred megabytes now and then have heavy days weeks apart, so it
 * takes several heavy days close together holding gigabytes.
 *
 * Benign look-alikes: clones and fetches are not counted (developers fetch
 * all day, and new hires clone their team's repositories in their first
 * weeks); roles that move a lot every day (data engineers, sales staff with
 * USB drives) set their own and their peers' baselines high; one big upload
 * is one day.
 */
#include <stdio.h>
#include <stdlib.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/exfil_base.h"
#include "util/xalloc.h"

#define ID "exfil.volume"

static const struct mh_param params[] = {
    {"min_day_bytes", MH_P_NUM, 250e6, 0, 1e15, "bytes out below which no day is heavy"},
    {"own_factor", MH_P_NUM, 3, 1, 1000, "times the person's own usual day"},
    {"own_quantile", MH_P_NUM, 0.75, 0, 1, "quantile of the person's days taken as usual"},
    {"peer_factor", MH_P_NUM, 2, 1, 1000, "times the peer group's usual day"},
    {"peer_quantile", MH_P_NUM, 0.95, 0, 1, "quantile of the peer group's days taken as usual"},
    {"min_day_moves", MH_P_NUM, 8, 1, 1e6, "non-clone movements that make a day heavy"},
    {"min_days", MH_P_NUM, 2, 1, 400, "heavy days needed within burst_days"},
    {"burst_days", MH_P_NUM, 7, 1, 400, "span of days a burst is measured over"},
    {"min_burst_bytes", MH_P_NUM, 1.5e9, 0, 1e15, "bytes out over a burst's heavy days"},
    {"min_burst_moves", MH_P_NUM, 24, 1, 1e6, "or non-clone movements over them"},
    {"first_days", MH_P_NUM, 30, 0, 3650, "days after hire during which findings count more"},
    {"early_factor", MH_P_NUM, 1.5, 1, 10, "points multiplier within first_days of hire"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, min_day_bytes, own_factor, own_q, peer_factor, peer_q, min_day_moves;
	double min_days, burst_days, min_burst_bytes, min_burst_moves, first_days, early_factor;
};

static int vol_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = self ? mh_detector_points(self, cfg) : 20;
	c->min_day_bytes = mh_config_dnum(cfg, ID, "min_day_bytes", 250e6);
	c->own_factor = mh_config_dnum(cfg, ID, "own_factor", 3);
	c->own_q = mh_config_dnum(cfg, ID, "own_quantile", 0.75);
	c->peer_factor = mh_config_dnum(cfg, ID, "peer_factor", 2);
	c->peer_q = mh_config_dnum(cfg, ID, "peer_quantile", 0.95);
	c->min_day_moves = mh_config_dnum(cfg, ID, "min_day_moves", 8);
	c->min_days = mh_config_dnum(cfg, ID, "min_days", 2);
	c->burst_days = mh_config_dnum(cfg, ID, "burst_days", 7);
	c->min_burst_bytes = mh_config_dnum(cfg, ID, "min_burst_bytes", 1.5e9);
	c->min_burst_moves = mh_config_dnum(cfg, ID, "min_burst_moves", 24);
	c->first_days = mh_config_dnum(cfg, ID, "first_days", 30);
	c->early_factor = mh_config_dnum(cfg, ID, "early_factor", 1.5);
	*out = c;
	(void)err;
	return 0;
}

static double maxd(double a, double b)
{
	return a > b ? a : b;
}

/* The burst: the span of burst_days holding the most bytes on heavy days. */
struct burst {
	uint32_t first, n; /* index into heavy[] and count */
	uint64_t bytes;
	uint32_t moves;
};

static struct burst best_burst(const struct ctx *c, const struct mh_day *heavy, uint32_t nh)
{
	struct burst best = {0, 0, 0, 0};
	uint32_t i, j;

	for (i = 0; i < nh; i++) {
		struct burst b = {i, 0, 0, 0};

		for (j = i; j < nh && heavy[j].day - heavy[i].day < c->burst_days; j++) {
			b.n++;
			b.bytes += heavy[j].bytes_out;
			b.moves += mh_day_moves(&heavy[j]);
		}
		if (b.bytes > best.bytes || (b.bytes == best.bytes && b.moves > best.moves))
			best = b;
	}
	return best;
}

static void check_person(void *vc, const struct mh_world *w, const struct mh_exfil_base *b,
                         uint32_t p, struct mh_findings *out)
{
	struct ctx *c = vc;
	const struct mh_pstate *ps = &w->st->ps[p];
	const struct mh_roster_entry *e = mh_det_entry(w->st, p);
	uint64_t own = mh_exfil_own_bytes(ps, c->own_q, INT32_MIN, INT32_MAX);
	uint64_t peer = mh_exfil_peer_bytes(b, ps, p, c->peer_q);
	double t = maxd(c->min_day_bytes, maxd(c->own_factor * own, c->peer_factor * peer));
	struct mh_day heavy[MH_MAX_DAYS], d;
	struct mh_day_iter it;
	struct mh_finding *fd;
	char tot[32], thr[32];
	uint32_t nh = 0, k;
	struct burst u;
	int isnew, early;
	int32_t first, last;

	for (mh_days_begin(&it, ps); mh_days_next(&it, &d) && nh < MH_MAX_DAYS;)
		if ((double)d.bytes_out >= t || mh_day_moves(&d) >= c->min_day_moves)
			heavy[nh++] = d;
	u = best_burst(c, heavy, nh);
	if (u.n < c->min_days ||
	    ((double)u.bytes < c->min_burst_bytes && u.moves < c->min_burst_moves))
		return;
	first = heavy[u.first].day;
	last = heavy[u.first + u.n - 1].day;
	early = mh_det_tenure(e, first) >= 0 && mh_det_tenure(e, first) < c->first_days;
	fd = mh_findings_upsert(out, ID, p, "volume", MH_ORIGIN_FINISH,
	                        (int64_t)last * MH_MS_PER_DAY, &isnew);
	fd->first_ms = (int64_t)first * MH_MS_PER_DAY;
	fd->points = c->points * (early ? c->early_factor : 1);
	mh_bytes_str(u.bytes, tot, sizeof(tot));
	mh_bytes_str((uint64_t)t, thr, sizeof(thr));
	snprintf(fd->summary, sizeof(fd->summary),
	         "%s out on %u heavy days within %d days (a heavy day: %s or more, from own and %u "
	         "peers' usual days)%s",
	         tot, u.n, last - first + 1, thr, mh_exfil_peer_size(b, p),
	         early ? ", in the first days after hire" : "");
	for (k = 0; k < u.n && k < MH_EVIDENCE_MAX; k++)
		mh_exfil_day_evidence(fd, &heavy[u.first + k]);
}

static void vol_finish(void *vc, const struct mh_world *w, struct mh_findings *out)
{
	mh_exfil_each_person(vc, w, out, check_person);
}

static void vol_free(void *vc)
{
	free(vc);
}

const struct mh_detector mh_det_exfil_volume = {
    .id = ID,
    .family = "exfil",
    .summary = "data movement far above the person's own and peer-group baseline",
    .technique = "T1567",
    .points = 20,
    .cap = 30,
    .params = params,
    .init = vol_init,
    .finish = vol_finish,
    .free = vol_free,
};
