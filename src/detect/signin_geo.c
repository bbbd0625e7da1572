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
 * impossible travel. Days are a set of day numbers, so a day seen in two
 * files or by two threads counts once. Contexts merge by summing counts and
 * uniting day sets. Travel pairs are consecutive sign-ins as one thread sees
 * them; a pair that straddles two threads' blocks is not judged.
 * Because the evidence is per event, findings are of event origin: a
 * re-scan that reads only new data keeps what earlier scans found.
 *
 * Thresholds: a week of business travel (5-7 working days abroad) must stay
 * below `min_foreign_days` (8); points grow to the full 20 at 28 foreign days
 * and with the foreign share of located events (full at 50 %). Travel needs
 * `min_km` (2000 km: neighbouring countries and geolocation off by a region
 * never count) at more than `max_kmh` (900 km/h). It weighs little: a
 * traveller's mail client left running at home, or a roaming phone whose
 * data leaves through the home carrier, looks exactly like it. Each trip is
 * worth 1/MAX_TRIP of half the points, at most 10 for MAX_TRIP (8) or more. asia_first needs 2+
 * days in Asia within the first 3 days of the person's located history, nothing from Asia 21 days
 * after the home country first appears, and 20+ days at home afterwards.
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
#define MAX_LOC  32
#define MAX_TRIP 8 /* impossible trips kept per person */
#define DAY_MS   86400000LL

extern const struct mh_detector mh_det_signin_geo;

static const struct mh_param params[] = {
    {"min_foreign_days", MH_P_NUM, 8, 1, 400, "days abroad before residence is questioned"},
    {"full_foreign_days", MH_P_NUM, 28, 1, 400, "days abroad that earn the full points"},
    {"min_km", MH_P_NUM, 2000, 0, 40000, "shortest distance judged for impossible travel"},
    {"max_kmh", MH_P_NUM, 900, 100, 10000, "fastest believable travel, km/h"},
    {"infra_people", MH_P_NUM, 5, 2, 1e6,
     "an address this many people use is shared infrastructure: its location is not theirs"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* Days are a set, not a counter: inputs are not in time order (one file per
 * source) and threads see interleaved days, so only a set merges exactly.
 * Bit (day % DAY_BITS); the store keeps at most MH_MAX_DAYS (400) days. */
#define DAY_BITS 448

struct ctry {
	int64_t first_ms, last_ms;
	uint32_t file_id, line; /* first sighting */
	uint32_t count;
	uint16_t country;
	uint64_t days[DAY_BITS / 64];
};

static unsigned ndays(const struct ctry *k)
{
	unsigned n = 0, i;

	for (i = 0; i < DAY_BITS / 64; i++)
		n += (unsigned)__builtin_popcountll(k->days[i]);
	return n;
}

/* Events per (country, address), so that finish can take out addresses that
 * turn out to be shared infrastructure. */
struct loc {
	uint32_t iphash, count;
	uint16_t country;
};

struct last {
	int64_t ts;
	uint32_t file_id, line, iphash;
	uint16_t country;
};

struct trip {
	int64_t ts[2];
	uint32_t file_id[2], line[2], iphash[2];
	uint16_t country[2];
	float km, hours;
};

struct pgeo {
	struct ctry c[MAX_CTRY];
	uint8_t nc, nloc, ntrip;
	uint32_t other;      /* located events in countries beyond MAX_CTRY */
	struct last last[2]; /* Okta, Entra */
	struct loc *loc;     /* up to MAX_LOC, grown on demand */
	struct trip *trip;   /* up to MAX_TRIP impossible trips, allocated on the first */
};

struct ctx {
	double points, min_days, full_days, min_km, max_kmh, infra_people;
	struct pgeo **p; /* by roster index, each allocated on first use */
	size_t np;
	struct mh_dutil_egress *egress;
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
	c->infra_people = mh_config_dnum(cfg, ID, "infra_people", 5);
	c->egress = mh_dutil_egress_new(cfg);
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
	return &g->c[g->nc++];
}

static void add_loc(struct pgeo *g, uint16_t country, uint32_t iphash, uint32_t count)
{
	int i;

	for (i = 0; i < g->nloc; i++)
		if (g->loc[i].iphash == iphash && g->loc[i].country == country) {
			g->loc[i].count += count;
			return;
		}
	if (g->nloc == MAX_LOC)
		return; /* counted in its country, never taken out as infrastructure */
	if (!g->loc || !(g->nloc & (g->nloc - 1)))
		g->loc = mh_realloc(g->loc, (g->nloc ? 2u * g->nloc : 1u) * sizeof(*g->loc));
	g->loc[g->nloc++] = (struct loc){iphash, count, country};
}

static void add_place(struct pgeo *g, uint16_t country, uint32_t iphash, const struct mh_event *ev)
{
	struct ctry *k = ctry_get(g, country);
	int32_t day = mh_day_of(ev->ts_ms);

	if (!k) {
		g->other++;
		return;
	}
	add_loc(g, country, iphash, 1);
	k->count++;
	{
		unsigned b = (unsigned)(((day % DAY_BITS) + DAY_BITS) % DAY_BITS);

		k->days[b / 64] |= 1ull << (b % 64);
	}
	if (ev->ts_ms < k->first_ms) {
		k->first_ms = ev->ts_ms;
		k->file_id = ev->file_id;
		k->line = line32(ev->line);
	}
	if (ev->ts_ms > k->last_ms)
		k->last_ms = ev->ts_ms;
}

static void add_trip(struct pgeo *g, const struct last *l, const struct last *now, double km,
                     double hours)
{
	if (g->ntrip == MAX_TRIP)
		return;
	if (!g->trip)
		g->trip = mh_calloc(MAX_TRIP, sizeof(*g->trip));
	g->trip[g->ntrip++] = (struct trip){{l->ts, now->ts},
	                                    {l->file_id, now->file_id},
	                                    {l->line, now->line},
	                                    {l->iphash, now->iphash},
	                                    {l->country, now->country},
	                                    (float)km,
	                                    (float)hours};
}

static void check_travel(struct ctx *c, struct pgeo *g, uint16_t country, uint32_t iphash,
                         const struct mh_event *ev)
{
	struct last *l, now = {ev->ts_ms, ev->file_id, line32(ev->line), iphash, country};
	double km, hours;

	if (ev->kind != MH_EV_SIGNIN || (ev->src != MH_SRC_OKTA && ev->src != MH_SRC_ENTRA))
		return;
	l = &g->last[ev->src == MH_SRC_OKTA ? 0 : 1];
	if (l->ts && ev->ts_ms < l->ts)
		return; /* out of order: judge only forward steps */
	if (l->ts && l->country != country) {
		km = mh_dutil_country_km(l->country, country);
		hours = (double)(ev->ts_ms - l->ts) / 3600000.0;
		if (km >= c->min_km && km > c->max_kmh * hours)
			add_trip(g, l, &now, km, hours);
	}
	*l = now;
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
	uint32_t iphash;

	if (!ev->country.n || ev->outcome == MH_OUT_FAILURE || ev->is_proxy == 1 ||
	    (ev->ip_intel && mh_dutil_label_anonymizer(ev->ip_intel)))
		return;
	country = country_of(c, ev->country);
	if (!country || mh_dutil_egress_has(c->egress, &ev->ip))
		return;
	g = person_geo(c, st, person);
	if (!g)
		return;
	iphash = mh_dutil_ip_hash(&ev->ip);
	add_place(g, (uint16_t)country, iphash, ev);
	check_travel(c, g, (uint16_t)country, iphash, ev);
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
		for (int b = 0; b < DAY_BITS / 64; b++)
			k->days[b] |= sk->days[b];
		if (sk->first_ms < k->first_ms) {
			k->first_ms = sk->first_ms;
			k->file_id = sk->file_id;
			k->line = sk->line;
		}
		if (sk->last_ms > k->last_ms)
			k->last_ms = sk->last_ms;
	}
	for (i = 0; i < s->nloc; i++)
		add_loc(d, s->loc[i].country, s->loc[i].iphash, s->loc[i].count);
	for (i = 0; i < s->ntrip; i++)
		if (d->ntrip < MAX_TRIP) {
			if (!d->trip)
				d->trip = mh_calloc(MAX_TRIP, sizeof(*d->trip));
			d->trip[d->ntrip++] = s->trip[i];
		}
}

static void pgeo_free(struct pgeo *g)
{
	if (!g)
		return;
	free(g->loc);
	free(g->trip);
	free(g);
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
		pgeo_free(from->p[i]);
		from->p[i] = NULL;
	}
}

static void set_points(struct mh_finding *fd, double pts)
{
	if (pts > fd->points)
		fd->points = pts;
}

/* A country as finish judges it: days and events with the events through
 * shared infrastructure taken out (days in proportion). */
struct view {
	const struct ctry *k;
	double days, count;
};

struct judge {
	struct ctx *c;
	const struct mh_dutil_ipcount *ic;
	struct mh_findings *out;
	uint32_t person;
	unsigned home;
	struct view v[MAX_CTRY];
	int nv;
	double other;
};

static int is_infra(const struct judge *j, uint32_t iphash)
{
	return iphash && mh_dutil_ipcount_get(j->ic, iphash) >= j->c->infra_people;
}

static void make_view(struct judge *j, const struct pgeo *g)
{
	int i, l;

	j->nv = 0;
	j->other = g->other;
	for (i = 0; i < g->nc; i++) {
		const struct ctry *k = &g->c[i];
		double infra = 0, own;

		for (l = 0; l < g->nloc; l++)
			if (g->loc[l].country == k->country && is_infra(j, g->loc[l].iphash))
				infra += g->loc[l].count;
		own = k->count > infra ? k->count - infra : 0;
		j->v[j->nv].k = k;
		j->v[j->nv].count = own;
		j->v[j->nv].days = k->count ? ndays(k) * own / k->count : 0;
		j->nv++;
	}
}

static void ctry_evidence(struct mh_finding *fd, const struct view *v)
{
	char d0[11], d1[11];

	mh_dutil_date_ms(v->k->first_ms, d0);
	mh_dutil_date_ms(v->k->last_ms, d1);
	mh_finding_evidence(fd, v->k->file_id, v->k->line, v->k->first_ms,
	                    "located in %s: %.0f events on %.0f days, %s..%s",
	                    mh_dutil_country_code(v->k->country), v->count, v->days, d0, d1);
}

static void judge_residence(struct judge *j)
{
	double total = j->other, fcount = j->other, fdays = 0, frac, pts;
	int64_t first = INT64_MAX, last = INT64_MIN;
	struct mh_finding *fd;
	char list[80] = "";
	size_t o = 0;
	int i, isnew;

	for (i = 0; i < j->nv; i++) {
		const struct view *v = &j->v[i];

		total += v->count;
		if (v->k->country == j->home || v->days < 1)
			continue;
		fcount += v->count;
		fdays += v->days;
		first = v->k->first_ms < first ? v->k->first_ms : first;
		last = v->k->last_ms > last ? v->k->last_ms : last;
		if (o < sizeof(list))
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s %.0f days",
			                      o ? ", " : "", mh_dutil_country_code(v->k->country),
			                      v->days);
	}
	if (fdays < j->c->min_days || total < 1)
		return;
	frac = fcount / total;
	pts = j->c->points *
	      mh_dutil_unit((fdays - j->c->min_days + 1) / (j->c->full_days - j->c->min_days + 1)) *
	      (0.4 + 0.6 * mh_dutil_unit((frac - 0.05) / 0.45));
	if (pts < 1)
		return;
	fd = mh_findings_upsert(j->out, ID, j->person, "residence", MH_ORIGIN_EVENT, first, &isnew);
	if (last > fd->last_ms)
		fd->last_ms = last;
	set_points(fd, pts);
	for (i = 0; isnew && i < j->nv; i++)
		if (j->v[i].k->country != j->home && j->v[i].days >= 1)
			ctry_evidence(fd, &j->v[i]);
	snprintf(fd->summary, sizeof(fd->summary),
	         "located outside %s on %.0f days (%.0f %% of %.0f located events): %s",
	         mh_dutil_country_code(j->home), fdays, 100 * frac, total, list);
}

static void judge_asia_first(struct judge *j)
{
	const struct mh_dutil_country *hc = mh_dutil_country_at(j->home);
	const struct view *hv = NULL;
	int64_t afirst = INT64_MAX, alast = INT64_MIN, first = INT64_MAX;
	double adays = 0;
	struct mh_finding *fd;
	int i, isnew;

	if (!hc || hc->region == MH_RG_ASIA)
		return;
	for (i = 0; i < j->nv; i++) {
		const struct view *v = &j->v[i];
		const struct mh_dutil_country *kc = mh_dutil_country_at(v->k->country);

		if (v->days < 1)
			continue;
		first = v->k->first_ms < first ? v->k->first_ms : first;
		if (v->k->country == j->home) {
			hv = v;
		} else if (kc && kc->region == MH_RG_ASIA) {
			adays += v->days;
			afirst = v->k->first_ms < afirst ? v->k->first_ms : afirst;
			alast = v->k->last_ms > alast ? v->k->last_ms : alast;
		}
	}
	if (!hv || adays < 2 || afirst > first + 3 * DAY_MS ||
	    alast > hv->k->first_ms + 21 * DAY_MS || hv->days < 20 ||
	    hv->k->last_ms < alast + 14 * DAY_MS)
		return;
	fd = mh_findings_upsert(j->out, ID, j->person, "asia_first", MH_ORIGIN_EVENT, afirst,
	                        &isnew);
	if (hv->k->last_ms > fd->last_ms)
		fd->last_ms = hv->k->last_ms;
	set_points(fd, j->c->points * 0.75);
	for (i = 0; isnew && i < j->nv; i++)
		if (j->v[i].days >= 1)
			ctry_evidence(fd, &j->v[i]);
	snprintf(fd->summary, sizeof(fd->summary),
	         "first located in Asia (%.0f days), then in %s (%.0f days) from %d days later",
	         adays, mh_dutil_country_code(j->home), hv->days,
	         (int)((hv->k->first_ms - afirst) / DAY_MS));
}

static void judge_travel(struct judge *j, const struct pgeo *g)
{
	const struct trip *t = NULL;
	struct mh_finding *fd;
	int isnew, i, n = 0;

	for (i = 0; i < g->ntrip; i++)
		if (!is_infra(j, g->trip[i].iphash[0]) && !is_infra(j, g->trip[i].iphash[1]) &&
		    !n++)
			t = &g->trip[i];
	if (!t)
		return;
	fd = mh_findings_upsert(j->out, ID, j->person, "travel", MH_ORIGIN_EVENT, t->ts[0], &isnew);
	set_points(fd, j->c->points * 0.5 * mh_dutil_unit(n / (double)MAX_TRIP));
	for (i = 0; isnew && i < 2; i++)
		mh_finding_evidence(fd, t->file_id[i], t->line[i], t->ts[i],
		                    "sign-in located in %s", mh_dutil_country_code(t->country[i]));
	snprintf(fd->summary, sizeof(fd->summary),
	         "%d%s impossible trip%s between sign-ins, e.g. %s to %s (%.0f km) in %.1f h", n,
	         n == MAX_TRIP ? "+" : "", n == 1 ? "" : "s", mh_dutil_country_code(t->country[0]),
	         mh_dutil_country_code(t->country[1]), t->km, t->hours);
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	struct judge j;
	size_t p;

	if (!c->p)
		return;
	memset(&j, 0, sizeof(j));
	j.c = c;
	j.out = out;
	j.ic = mh_dutil_ipcount_new(w->st);
	for (p = 0; p < w->st->n; p++) {
		uint32_t r = w->st->ps[p].roster;

		if (r >= c->np || !c->p[r] || !w->roster || r >= w->roster->n)
			continue;
		j.person = (uint32_t)p;
		j.home =
		    mh_dutil_country_find(w->roster->v[r].country, strlen(w->roster->v[r].country));
		make_view(&j, c->p[r]);
		if (j.home) {
			judge_residence(&j);
			judge_asia_first(&j);
		}
		judge_travel(&j, c->p[r]);
	}
	mh_dutil_ipcount_free((struct mh_dutil_ipcount *)j.ic);
}

static void cfree(void *vctx)
{
	struct ctx *c = vctx;
	size_t i;

	for (i = 0; c->p && i < c->np; i++)
		pgeo_free(c->p[i]);
	free(c->p);
	mh_dutil_egress_free(c->egress);
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
