/*
 * hours.always_on: activity that spans 14 hours or more on many days.
 *
 * What it catches: one account worked by several people in turn (a shared
 * seat), or one person holding several full-time jobs back to back, shows
 * long unbroken stretches of activity day after day.
 *
 * Evidence and method: the UTC hour bitmaps of consecutive days are read as
 * one timeline, so a stretch that crosses midnight in any zone stays whole
 * and no time zone is needed. A stretch is a run of active hours with gaps
 * of at most max_gap idle hours; a long day is a stretch spanning at least
 * min_span hours with at least min_active active hours in it; a work day is
 * any stretch of 4 hours or more. Flagged when long days number at least
 * min_days and make up min_fraction of work days.
 *
 * Why these thresholds: an ordinary day with a late evening check is 10 to
 * 12 hours with a gap; 14 hours with 12 of them active is rare for one
 * person, and a handful of crunch days is normal, so it takes many of them
 * and a large share of the work days.
 *
 * Benign look-alikes: on-call engineers are paged at night (isolated hours,
 * separated by more than max_gap from the day, do not join it); night shifts
 * are ordinary-length days at unusual hours; managers with long days now and
 * then stay under min_fraction. The points are low because staff with long
 * days exist: the finding only adds weight to other families.
 */
#include <stdio.h>
#include <stdlib.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "util/xalloc.h"

#define ID        "hours.always_on"
#define WORK_SPAN 4

static const struct mh_param params[] = {
    {"min_span", MH_P_NUM, 14, 4, 48, "hours from first to last activity of a long day"},
    {"min_active", MH_P_NUM, 12, 1, 48, "active hours within a long day"},
    {"max_gap", MH_P_NUM, 2, 0, 12, "idle hours that still join one stretch"},
    {"min_days", MH_P_NUM, 8, 1, 400, "long days needed"},
    {"min_fraction", MH_P_NUM, 0.4, 0, 1, "share of work days that must be long"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, min_span, min_active, max_gap, min_days, min_fraction;
};

struct stretch {
	int64_t start, last; /* absolute hours since the epoch */
	int active;
};

struct tally {
	int work, lng;
	int64_t first_long, last_long, longest_start;
	int longest_span, longest_active;
};

static int ao_init(void **out, const struct mh_config *cfg, struct mh_err *err)
{
	const struct mh_detector *self = mh_detector_find(ID);
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = self ? mh_detector_points(self, cfg) : 10;
	c->min_span = mh_config_dnum(cfg, ID, "min_span", 14);
	c->min_active = mh_config_dnum(cfg, ID, "min_active", 12);
	c->max_gap = mh_config_dnum(cfg, ID, "max_gap", 2);
	c->min_days = mh_config_dnum(cfg, ID, "min_days", 8);
	c->min_fraction = mh_config_dnum(cfg, ID, "min_fraction", 0.4);
	*out = c;
	(void)err;
	return 0;
}

static void close_stretch(const struct ctx *c, const struct stretch *s, struct tally *t)
{
	int span = (int)(s->last - s->start + 1);

	if (span >= WORK_SPAN)
		t->work++;
	if (span < c->min_span || s->active < c->min_active)
		return;
	if (!t->lng++)
		t->first_long = s->start;
	t->last_long = s->start;
	if (span > t->longest_span) {
		t->longest_span = span;
		t->longest_active = s->active;
		t->longest_start = s->start;
	}
}

static void scan_person(const struct ctx *c, const struct mh_pstate *ps, struct tally *t)
{
	struct stretch s = {0, 0, 0};
	uint32_t i;
	int h;

	for (i = 0; i < ps->ndays; i++) {
		for (h = 0; h < 24; h++) {
			int64_t at = (int64_t)ps->days[i].day * 24 + h;

			if (!(ps->days[i].hours >> h & 1))
				continue;
			if (s.active && at - s.last - 1 <= c->max_gap) {
				s.last = at;
				s.active++;
				continue;
			}
			if (s.active)
				close_stretch(c, &s, t);
			s.start = s.last = at;
			s.active = 1;
		}
	}
	if (s.active)
		close_stretch(c, &s, t);
}

static void ao_finish(void *vc, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vc;
	size_t p;

	for (p = 0; p < w->st->n; p++) {
		struct tally t = {0, 0, 0, 0, 0, 0, 0};
		struct mh_finding *fd;
		char day[16];
		int isnew;

		if (w->st->ps[p].roster == MH_NOBODY)
			continue;
		scan_person(c, &w->st->ps[p], &t);
		if (t.lng < c->min_days || t.lng < c->min_fraction * t.work)
			continue;
		fd = mh_findings_upsert(out, ID, (uint32_t)p, "long-days", MH_ORIGIN_FINISH,
		                        t.last_long * 3600000, &isnew);
		fd->first_ms = t.first_long * 3600000;
		fd->points = c->points;
		snprintf(
		    fd->summary, sizeof(fd->summary),
		    "active for %d+ hours in one stretch on %d of %d work days (longest %d hours)",
		    (int)c->min_span, t.lng, t.work, t.longest_span);
		mh_det_day_str((int32_t)(t.longest_start / 24), day, sizeof(day));
		mh_finding_evidence(fd, 0, 0, t.longest_start * 3600000,
		                    "%s %02d:00 UTC: %d active hours within %d", day,
		                    (int)(t.longest_start % 24), t.longest_active, t.longest_span);
	}
}

static void ao_free(void *vc)
{
	free(vc);
}

const struct mh_detector mh_det_hours_always_on = {
    .id = ID,
    .family = "hours",
    .summary = "activity spanning 14+ hours a day on many days (several jobs, shared seat)",
    .technique = NULL,
    .points = 10,
    .cap = 10,
    .params = params,
    .init = ao_init,
    .finish = ao_finish,
    .free = ao_free,
};
