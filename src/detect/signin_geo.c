/*
 * signin.geo — sign-in countries that do not fit the stated residence.
 *
 * What it catches, three ways, each its own finding:
 *   residence   many days of sign-ins from countries other than the roster's
 *               `country`: someone said to live in Texas who signs in from
 *               China for weeks;
 *   travel      impossible travel: two successive sign-ins (same identity
 *               provider) from countries farther apart than an airliner
 *               covers in the time between them;
 *   asia_first  a history that starts in Asia and then moves to the stated
 *               (non-Asian) country: the first weeks from abroad, before a
 *               laptop farm at the stated address takes over.
 *
 * Only locations that say where the person is count: sign-ins and other
 * events with a country, successful or of unknown outcome (failed attempts
 * come from anyone who knows the user name), and not through a VPN, proxy or
 * hosting network (a VPN exit's country is the VPN's; signin.anonymizer
 * weighs those).
 *
 * State: per roster person, while scanning, up to MAX_CTRY countries with
 * days, events, first/last seen and the first source line (events beyond
 * are counted as "other countries"), the last located sign-in per identity
 * provider for the travel check, and the count and first example of
 * impossible travel. Days are counted as distinct consecutive days per
 * thread; a day split across threads or files may count twice, which only
 * errs towards the person's usual country. Contexts merge by summing.
 * Because the evidence is per event, findings are of event origin: a
 * re-scan that reads only new data keeps what earlier scans found.
 *
 * Thresholds: a week of business travel (5-7 working days abroad) must stay
 * below `min_foreign_days` (8); points grow to the full 20 at 28 foreign days
 * and with the foreign share of located events (full at 50 %). Travel needs
 * `min_km` (2000 km: neighbouring countries and geolocation off by a region
 * never count) at more than `max_kmh` (900 km/h); one instance is worth a
 * third of the travel points (a mislocated mobile address happens), three or
 * more the full 15. asia_first needs 2+ days in Asia within the first 3 days
 * of the person's located history, nothing from Asia 21 days after the home
 * country first appears, and 20+ days at home afterwards.
 *
 * Benign look-alikes: a week in Asia on business (below the day threshold,
 * and travel between distant countries takes the hours a flight takes);
 * staff who live in Asia with an Asian roster country (home is home); people
 * with no roster country (only travel is judged); privacy-VPN users (VPN
 * exits are skipped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "util/xalloc.h"

#define ID       "signin.geo"
#define MAX_CTRY 5
#define DAY_MS   86400000LL

extern const struct mh_detector mh_det_signin_geo;

static const struct mh_param params[] = {
    {"min_foreign_days", MH_P_NUM, 8, 1, 400, "days abroad before residence is questioned"},
    {"full_foreign_days", MH_P_NUM, 28, 1, 400, "days abroad that earn the full points"},
    {"min_km", MH_P_NUM, 2000, 0, 40000, "shortest distance judged for impossible travel"},
    {"max_kmh", MH_P_NUM, 900, 100, 10000, "fastest believable travel, km/h"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctry {
	int64_t first_ms, last_ms;
	uint32_t file_id, line; /* first sighting */
	uint32_t count;
	int32_t last_day;
	uint16_t country, ndays;
};

struct last {
	int64_t ts;
	uint32_t file_id, line;
	uint16_t country;
};

struct trip {
	int64_t ts[2];
	uint32_t file_id[2], line[2];
	uint16_t country[2];
	double km, hours;
};

struct pgeo {
	struct ctry c[MAX_CTRY];
	uint8_t nc;
	uint32_t other;      /* located events in countries beyond MAX_CTRY */
	struct last last[2]; /* Okta, Entra */
	uint32_t ntrips;
	struct trip trip; /* the first impossible trip seen */
};

struct ctx {
	double points, min_days, full_days, min_km, max_kmh;
	struct pgeo **p; /* by roster index, each allocated on first use */
	size_t np;
	char cache_name[32]; /* last country text looked up */
	size_t cache_n;
	unsigned cache_idx;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = mh_detector_points(&mh_det_signin_geo, cfg);
	c->min_days = mh_config_dnum(cfg, ID, "min_foreign_days", 8);
	c->full_days = mh_config_dnum(cfg, ID, "full_foreign_days", 28);
	c->min_km = mh_config_dnum(cfg, ID, "min_km", 2000);
	c->max_kmh = mh_config_dnum(cfg, ID, "max_kmh", 900);
	*vctx = c;
	return 0;
}

static unsigned country_of(struct ctx *c, struct mh_str s)
{
	if (s.n == c->cache_n && !memcmp(s.p, c->cache_name, s.n))
		return c->cache_idx;
	c->cache_idx = mh_dutil_country_find(s.p, s.n);
	c->cache_n = s.n < sizeof(c->cache_name) ? s.n : 0;
	memcpy(c->cache_name, s.p, c->cache_n);
	return c->cache_idx;
}

static uint32_t line32(uint64_t line)
{
	return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

static struct ctry *ctry_get(struct pgeo *g, uint16_t country)
{
	int i;

	for (i = 0; i < g->nc; i++)
		if (g->c[i].country == country)
			return &g->c[i];
	if (g->nc == MAX_CTRY)
		return NULL;
	memset(&g->c[g->nc], 0, sizeof(g->c[0]));
	g->c[g->nc].country = country;
	g->c[g->nc].first_ms = INT64_MAX;
	g->c[g->nc].last_ms = INT64_MIN;
	g->c[g->nc].last_day = INT32_MIN;
	return &g->c[g->nc++];
}

static void add_place(struct pgeo *g, uint16_t country, const struct mh_event *ev)
{
	struct ctry *k = ctry_get(g, country);
	int32_t day = mh_day_of(ev->ts_ms);

	if (!k) {
		g->other++;
		return;
	}
	k->count++;
	if (day != k->last_day) {
		k->ndays++;
		k->last_day = day;
	}
	if (ev->ts_ms < k->first_ms) {
		k->first_ms = ev->ts_ms;
		k->file_id = ev->file_id;
		k->line = line32(ev->line);
	}
	if (ev->ts_ms > k->last_ms)
		k->last_ms = ev->ts_ms;
}

static void check_travel(struct ctx *c, struct pgeo *g, uint16_t country, const struct mh_event *ev)
{
	struct last *l;
	double km, hours;

	if (ev->kind != MH_EV_SIGNIN || (ev->src != MH_SRC_OKTA && ev->src != MH_SRC_ENTRA))
		return;
	l = &g->last[ev->src == MH_SRC_OKTA ? 0 : 1];
	if (l->ts && ev->ts_ms < l->ts)
		return; /* out of order: judge only forward steps */
	if (l->ts && l->country != country) {
		km = mh_dutil_country_km(l->country, country);
		hours = (double)(ev->ts_ms - l->ts) / 3600000.0;
		if (km >= c->min_km && km > c->max_kmh * hours && !g->ntrips++) {
			g->trip = (struct trip){{l->ts, ev->ts_ms},
			                        {l->file_id, ev->file_id},
			                        {l->line, line32(ev->line)},
			                        {l->country, country},
			                        km,
			                        hours};
		}
	}
	*l = (struct last){ev->ts_ms, ev->file_id, line32(ev->line), country};
}

static struct pgeo *person_geo(struct ctx *c, const struct mh_state *st, uint32_t person)
{
	uint32_t r = st->ps[person].roster;

	if (r == MH_NOBODY || !st->people || !st->people->roster || r >= st->people->roster->n)
		return NULL;
	if (!c->p) {
		c->np = st->people->roster->n;
		c->p = mh_calloc(c->np, sizeof(*c->p));
	}
	if (!c->p[r])
		c->p[r] = mh_calloc(1, sizeof(*c->p[r]));
	return c->p[r];
}

static void on_event(void *vctx, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                     struct mh_findings *out)
{
	struct ctx *c = vctx;
	struct pgeo *g;
	unsigned country;

	if (!ev->country.n || ev->outcome == MH_OUT_FAILURE || ev->is_proxy == 1 ||
	    (ev->ip_intel && mh_dutil_label_anonymizer(ev->ip_intel)))
		return;
	country = country_of(c, ev->country);
	if (!country)
		return;
	g = person_geo(c, st, person);
	if (!g)
		return;
	add_place(g, (uint16_t)country, ev);
	check_travel(c, g, (uint16_t)country, ev);
}

static void merge_one(struct pgeo *d, const struct pgeo *s)
{
	int i;

	d->other += s->other;
	for (i = 0; i < s->nc; i++) {
		const struct ctry *sk = &s->c[i];
		struct ctry *k = ctry_get(d, sk->country);

		if (!k) {
			d->other += sk->count;
			continue;
		}
		k->count += sk->count;
		k->ndays = (uint16_t)(k->ndays + sk->ndays);
		if (sk->first_ms < k->first_ms) {
			k->first_ms = sk->first_ms;
			k->file_id = sk->file_id;
			k->line = sk->line;
		}
		if (sk->last_ms > k->last_ms)
			k->last_ms = sk->last_ms;
	}
	if (s->ntrips && !d->ntrips)
		d->trip = s->trip;
	d->ntrips += s->ntrips;
}

static void merge(void *vinto, void *vfrom)
{
	struct ctx *into = vinto, *from = vfrom;
	size_t i;

	if (!from->p)
		return;
	if (!into->p) {
		into->np = from->np;
		into->p = mh_calloc(into->np, sizeof(*into->p));
	}
	for (i = 0; i < from->np && i < into->np; i++) {
		if (!from->p[i])
			continue;
		if (!into->p[i]) {
			into->p[i] = from->p[i];
			from->p[i] = NULL;
			continue;
		}
		merge_one(into->p[i], from->p[i]);
	}
}

static void set_points(struct mh_finding *fd, double pts)
{
	if (pts > fd->points)
		fd->points = pts;
}

static void ctry_evidence(struct mh_finding *fd, const struct ctry *k)
{
	char d0[11], d1[11];

	mh_dutil_date_ms(k->first_ms, d0);
	mh_dutil_date_ms(k->last_ms, d1);
	mh_finding_evidence(fd, k->file_id, k->line, k->first_ms,
	                    "located in %s: %u events on %u days, %s..%s",
	                    mh_dutil_country_code(k->country), k->count, k->ndays, d0, d1);
}

static void judge_residence(struct ctx *c, uint32_t p, unsigned home, const struct pgeo *g,
                            struct mh_findings *out)
{
	uint32_t total = g->other, fcount = g->other, fdays = 0;
	int64_t first = INT64_MAX, last = INT64_MIN;
	struct mh_finding *fd;
	char list[80] = "";
	double frac, pts;
	size_t o = 0;
	int i, isnew;

	for (i = 0; i < g->nc; i++) {
		const struct ctry *k = &g->c[i];

		total += k->count;
		if (k->country == home)
			continue;
		fcount += k->count;
		fdays += k->ndays;
		first = k->first_ms < first ? k->first_ms : first;
		last = k->last_ms > last ? k->last_ms : last;
		if (o < sizeof(list))
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s %u days",
			                      o ? ", " : "", mh_dutil_country_code(k->country),
			                      k->ndays);
	}
	if (fdays < c->min_days || !total)
		return;
	frac = (double)fcount / total;
	pts = c->points *
	      mh_dutil_unit((fdays - c->min_days + 1) / (c->full_days - c->min_days + 1)) *
	      (0.4 + 0.6 * mh_dutil_unit((frac - 0.05) / 0.45));
	if (pts < 1)
		return;
	fd = mh_findings_upsert(out, ID, p, "residence", MH_ORIGIN_EVENT, first, &isnew);
	if (last > fd->last_ms)
		fd->last_ms = last;
	set_points(fd, pts);
	for (i = 0; isnew && i < g->nc; i++)
		if (g->c[i].country != home)
			ctry_evidence(fd, &g->c[i]);
	snprintf(fd->summary, sizeof(fd->summary),
	         "located outside %s on %u days (%.0f %% of %u located events): %s",
	         mh_dutil_country_code(home), fdays, 100 * frac, total, list);
}

static void judge_asia_first(struct ctx *c, uint32_t p, unsigned home, const struct pgeo *g,
                             struct mh_findings *out)
{
	const struct mh_dutil_country *hc = mh_dutil_country_at(home);
	const struct ctry *hk = NULL;
	int64_t afirst = INT64_MAX, alast = INT64_MIN, first = INT64_MAX;
	uint32_t adays = 0;
	struct mh_finding *fd;
	int i, isnew;

	if (!hc || hc->region == MH_RG_ASIA)
		return;
	for (i = 0; i < g->nc; i++) {
		const struct ctry *k = &g->c[i];
		const struct mh_dutil_country *kc = mh_dutil_country_at(k->country);

		first = k->first_ms < first ? k->first_ms : first;
		if (k->country == home) {
			hk = k;
		} else if (kc && kc->region == MH_RG_ASIA) {
			adays += k->ndays;
			afirst = k->first_ms < afirst ? k->first_ms : afirst;
			alast = k->last_ms > alast ? k->last_ms : alast;
		}
	}
	if (!hk || adays < 2 || afirst > first + 3 * DAY_MS || alast > hk->first_ms + 21 * DAY_MS ||
	    hk->ndays < 20 || hk->last_ms < alast + 14 * DAY_MS)
		return;
	fd = mh_findings_upsert(out, ID, p, "asia_first", MH_ORIGIN_EVENT, afirst, &isnew);
	if (hk->last_ms > fd->last_ms)
		fd->last_ms = hk->last_ms;
	set_points(fd, c->points * 0.75);
	for (i = 0; isnew && i < g->nc; i++)
		if (g->c[i].country != home)
			ctry_evidence(fd, &g->c[i]);
	if (isnew)
		ctry_evidence(fd, hk);
	snprintf(fd->summary, sizeof(fd->summary),
	         "first located in Asia (%u days), then only in %s (%u days) from %d days later",
	         adays, mh_dutil_country_code(home), hk->ndays,
	         (int)((hk->first_ms - afirst) / DAY_MS));
}

static void judge_travel(struct ctx *c, uint32_t p, const struct pgeo *g, struct mh_findings *out)
{
	const struct trip *t = &g->trip;
	struct mh_finding *fd;
	int isnew, i;

	if (!g->ntrips)
		return;
	fd = mh_findings_upsert(out, ID, p, "travel", MH_ORIGIN_EVENT, t->ts[0], &isnew);
	set_points(fd, c->points * 0.75 * (g->ntrips >= 3 ? 1 : g->ntrips / 3.0));
	for (i = 0; isnew && i < 2; i++)
		mh_finding_evidence(fd, t->file_id[i], t->line[i], t->ts[i],
		                    "sign-in located in %s", mh_dutil_country_code(t->country[i]));
	snprintf(fd->summary, sizeof(fd->summary),
	         "%u impossible trip%s between sign-ins, e.g. %s to %s (%.0f km) in %.1f h",
	         g->ntrips, g->ntrips == 1 ? "" : "s", mh_dutil_country_code(t->country[0]),
	         mh_dutil_country_code(t->country[1]), t->km, t->hours);
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	size_t p;

	for (p = 0; c->p && p < w->st->n; p++) {
		uint32_t r = w->st->ps[p].roster;
		unsigned home;

		if (r >= c->np || !c->p[r] || !w->roster || r >= w->roster->n)
			continue;
		home =
		    mh_dutil_country_find(w->roster->v[r].country, strlen(w->roster->v[r].country));
		if (home) {
			judge_residence(c, (uint32_t)p, home, c->p[r], out);
			judge_asia_first(c, (uint32_t)p, home, c->p[r], out);
		}
		judge_travel(c, (uint32_t)p, c->p[r], out);
	}
}

static void cfree(void *vctx)
{
	struct ctx *c = vctx;
	size_t i;

	for (i = 0; c->p && i < c->np; i++)
		free(c->p[i]);
	free(c->p);
	free(c);
}

const struct mh_detector mh_det_signin_geo = {
    .id = ID,
    .family = "signin",
    .summary = "sign-in countries inconsistent with the stated residence, impossible travel",
    .technique = "T1078",
    .points = 20,
    .cap = 30,
    .params = params,
    .init = init,
    .on_event = on_event,
    .merge = merge,
    .finish = finish,
    .free = cfree,
};
