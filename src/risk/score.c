#include "risk/score.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "detect/detector.h"
#include "util/xalloc.h"

void mh_risk_defaults(struct mh_risk_params *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->half_life_days = 14;
	rp->family_bonus = 0.25;
	rp->scale = 40;
}

static double cfg_cap(void *arg, const char *detector, double def)
{
	return mh_config_dnum(arg, detector, "cap", def);
}

void mh_risk_from_config(struct mh_risk_params *rp, const struct mh_config *cfg)
{
	mh_risk_defaults(rp);
	rp->half_life_days = mh_config_num(cfg, "risk.half_life_days", rp->half_life_days);
	rp->family_bonus = mh_config_num(cfg, "risk.family_bonus", rp->family_bonus);
	rp->scale = mh_config_num(cfg, "risk.scale", rp->scale);
	rp->cap = cfg_cap;
	rp->arg = (void *)cfg;
}

double mh_risk_decay(double points, int64_t last_ms, int64_t now_ms, double half_life_days)
{
	double age = (double)(now_ms - last_ms) / 86400000.0;

	if (age <= 0 || half_life_days <= 0)
		return points;
	return points * pow(0.5, age / half_life_days);
}

static struct mh_contrib *contrib(struct mh_score *s, const struct mh_detector *d)
{
	int i;

	for (i = 0; i < s->nc; i++)
		if (s->c[i].detector == d->id)
			return &s->c[i];
	if (s->nc == MH_MAX_CONTRIB)
		return NULL;
	s->c[s->nc].detector = d->id;
	s->c[s->nc].family = d->family;
	return &s->c[s->nc++];
}

static int by_points(const void *a, const void *b)
{
	double x = ((const struct mh_contrib *)a)->points,
	       y = ((const struct mh_contrib *)b)->points;

	return x < y ? 1 : x > y ? -1 : 0;
}

static void finish_person(struct mh_score *s, const struct mh_risk_params *rp)
{
	const char *fam[MH_MAX_CONTRIB];
	int nf = 0, i, j;

	s->raw = 0;
	for (i = 0; i < s->nc; i++) {
		const struct mh_detector *d = mh_detector_find(s->c[i].detector);
		double cap = d ? d->cap : 0;

		if (rp->cap && d)
			cap = rp->cap(rp->arg, d->id, cap);
		if (cap > 0 && s->c[i].points > cap)
			s->c[i].points = cap;
		s->raw += s->c[i].points;
		if (s->c[i].points < 1)
			continue;
		for (j = 0; j < nf && strcmp(fam[j], s->c[i].family); j++)
			;
		if (j == nf)
			fam[nf++] = s->c[i].family;
	}
	s->families = nf;
	qsort(s->c, (size_t)s->nc, sizeof(s->c[0]), by_points);
	s->score = mh_risk_combine(rp, s->raw, nf);
}

double mh_risk_combine(const struct mh_risk_params *rp, double raw, int families)
{
	double x = raw * (1 + rp->family_bonus * (families > 1 ? families - 1 : 0));

	return 100.0 * (1.0 - exp(-x / (rp->scale > 0 ? rp->scale : 40)));
}

/*
 * A finding fades while its person goes on working without repeating it, so
 * its age runs to the person's last activity, not to the data's clock: the
 * findings of someone who has left (the departing thief, the fired operative)
 * keep their weight for when the extortion mail arrives.
 */
static int64_t person_now(const struct mh_state *st, uint32_t p, int64_t now_ms)
{
	const struct mh_pstate *ps = &st->ps[p];

	return ps->events && ps->last_ms < now_ms ? ps->last_ms : now_ms;
}

struct mh_score *mh_risk_score(const struct mh_state *st, const struct mh_findings *f,
                               const struct mh_risk_params *rp, int64_t now_ms)
{
	struct mh_score *s = mh_calloc(st->n ? st->n : 1, sizeof(*s));
	size_t i;

	for (i = 0; i < st->n; i++)
		s[i].person = (uint32_t)i;
	for (i = 0; i < f->n; i++) {
		const struct mh_finding *fd = &f->v[i];
		const struct mh_detector *d = mh_detector_find(fd->detector);
		struct mh_contrib *c;
		double pts;

		if (!d || fd->person >= st->n)
			continue;
		c = contrib(&s[fd->person], d);
		if (!c)
			continue;
		pts = mh_risk_decay(fd->points, fd->last_ms, person_now(st, fd->person, now_ms),
		                    rp->half_life_days);
		c->points += pts;
		c->findings++;
	}
	for (i = 0; i < st->n; i++)
		finish_person(&s[i], rp);
	return s;
}

void mh_scores_free(struct mh_score *s)
{
	free(s);
}

char *mh_risk_contrib_json(const struct mh_score *s)
{
	cJSON *arr = cJSON_CreateArray();
	char *out;
	int i;

	for (i = 0; i < s->nc; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "detector", s->c[i].detector);
		cJSON_AddStringToObject(o, "family", s->c[i].family);
		cJSON_AddNumberToObject(o, "points", s->c[i].points);
		cJSON_AddNumberToObject(o, "findings", s->c[i].findings);
		cJSON_AddItemToArray(arr, o);
	}
	out = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	return out;
}
