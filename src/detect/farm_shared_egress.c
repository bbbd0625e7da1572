/*
 * farm.shared_egress — several employees working from one public address.
 *
 * What it catches: a laptop farm. A facilitator keeps the company laptops of
 * several remote "employees" in one home and the operators reach them over
 * remote-control tools, so those accounts and devices all leave through the
 * facilitator's residential address, although each claims to live somewhere
 * else.
 *
 * How: finish groups every roster person's IP artifacts (address, count,
 * first/last seen, first source line) by address. Two people are linked on an
 * address when both used it for a sustained time at the same time:
 * min(days their use overlaps + 1, the smaller event count) reaches
 * `min_sustained` (5). Home addresses churn, so a linked pair usually shares
 * several addresses in turn; each address is judged on its own.
 *
 * Evidence: per linked address, the person's first sighting (source line)
 * and who else used it, how much and for how long together.
 *
 * Points, by what the sharing looks like:
 *   3+ people linked on one address, claiming to live in different cities
 *      (no city holds 75 % of them): a farm, `points` (25);
 *   2 people in different claimed cities: `pair_points` (12) — a two-laptop farm, or a
 *      couple where one has not updated the roster;
 *   3+ people of one city (an office, coworking space or shared house
 *      nobody listed in allow.egress_cidrs): 3;
 *   2 people of one city (people who live together): 1.5.
 * An address on or inside an anonymizer list's network (a commercial VPN or
 * hosting exit) is skipped: strangers in many cities share those by design.
 *
 * Benign look-alikes, and what keeps them low: office NAT and corporate VPN
 * concentrators (allow.egress_cidrs are skipped; an address more than
 * `max_people` (8) people use is infrastructure and skipped; a small office
 * shares a city); two people who live together (one city, 1.5 points);
 * carrier-grade NAT and hotel or conference networks (strangers meet there
 * for a few events or days: not sustained); dynamic addresses handed to
 * another household later (no overlap in time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "intel/intel.h"
#include "util/ip.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define ID          "farm.shared_egress"
#define DAY_MS      86400000.0
#define MAX_GROUP   64 /* hard bound on people per address judged */
#define MAX_PARTNER 8  /* partners named per finding */

extern const struct mh_detector mh_det_farm_shared_egress;

static const struct mh_param params[] = {
    {"max_people", MH_P_NUM, 8, 2, MAX_GROUP,
     "an address more people use is infrastructure (office, VPN concentrator)"},
    {"min_sustained", MH_P_NUM, 3, 1, 1000,
     "overlap days on one network (bounded by the events each had then) that count"},
    {"min_total", MH_P_NUM, 14, 1, 1000,
     "overlap days over all networks two people shared that link them"},
    {"pair_points", MH_P_NUM, 12, 0, 1000, "two people in different claimed cities"},
    {"local_group_points", MH_P_NUM, 3, 0, 1000, "three or more people of one city"},
    {"local_pair_points", MH_P_NUM, 1.5, 0, 1000, "two people of one city"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, max_people, min_sustained, min_total, pair_pts, lgroup_pts, lpair_pts;
	struct mh_dutil_egress *egress;
};

/* One person's use of an address (IPv4) or home network (an IPv6 /64:
 * every device in a home takes its own address in the one prefix). */
struct use {
	uint32_t hash, person;
	struct mh_ip net;
	const struct mh_art *a;
};

/* A person's use of one network, over all their addresses in it. */
struct member {
	uint32_t person, count;
	int64_t first, last;
	const struct mh_art *a; /* the earliest sighting, for evidence */
};

/* Overlap days per pair of people, summed over the networks they shared. */
struct pairs {
	struct mh_strmap *idx; /* (person, person) -> index into days */
	double *days;
	size_t n, cap;
};

/* One network's users being judged. */
struct group {
	const struct mh_world *w;
	struct pairs *pairs;
	struct member m[MAX_GROUP];
	int n;
	char net[64];
	uint8_t linked[MAX_GROUP];
	int nlinked;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = mh_detector_points(&mh_det_farm_shared_egress, cfg);
	c->max_people = mh_config_dnum(cfg, ID, "max_people", 8);
	c->min_sustained = mh_config_dnum(cfg, ID, "min_sustained", 3);
	c->min_total = mh_config_dnum(cfg, ID, "min_total", 14);
	c->pair_pts = mh_config_dnum(cfg, ID, "pair_points", 12);
	c->lgroup_pts = mh_config_dnum(cfg, ID, "local_group_points", 3);
	c->lpair_pts = mh_config_dnum(cfg, ID, "local_pair_points", 1.5);
	c->egress = mh_dutil_egress_new(cfg);
	*vctx = c;
	return 0;
}

static int by_net(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	int d;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	d = memcmp(&x->net, &y->net, sizeof(x->net));
	if (d)
		return d;
	return x->person < y->person ? -1 : x->person > y->person;
}

/* Every public, non-corporate address of every roster person, by network. */
static struct use *collect(struct ctx *c, const struct mh_state *st, size_t *n)
{
	struct use *u = NULL;
	size_t cap = 0, p;
	uint32_t i;

	*n = 0;
	for (p = 0; p < st->n; p++) {
		const struct mh_pstate *ps = &st->ps[p];

		if (ps->roster == MH_NOBODY)
			continue;
		for (i = 0; i < ps->narts; i++) {
			struct mh_ip ip;

			if (mh_art_ip(st, &ps->arts[i], &ip) || mh_ip_is_private(&ip) ||
			    mh_dutil_egress_has(c->egress, &ip))
				continue;
			if (ip.family == 6)
				memset(ip.a + 8, 0, 8);
			u = mh_grow(u, &cap, *n + 1, sizeof(*u));
			u[(*n)++] =
			    (struct use){mh_dutil_ip_hash(&ip), (uint32_t)p, ip, &ps->arts[i]};
		}
	}
	if (*n)
		qsort(u, *n, sizeof(*u), by_net);
	return u;
}

/* Fold one network's uses (sorted by person) into members; 0 if too many. */
static int build_group(struct group *g, const struct use *u, size_t n)
{
	size_t i;

	g->n = 0;
	for (i = 0; i < n; i++) {
		const struct mh_art *a = u[i].a;
		struct member *m = g->n ? &g->m[g->n - 1] : NULL;

		if (!m || m->person != u[i].person) {
			if (g->n == MAX_GROUP)
				return 0;
			m = &g->m[g->n++];
			*m = (struct member){u[i].person, 0, a->first_ms, a->last_ms, a};
		}
		m->count += a->count;
		if (a->first_ms < m->first) {
			m->first = a->first_ms;
			m->a = a;
		}
		if (a->last_ms > m->last)
			m->last = a->last_ms;
	}
	mh_ip_format(&u[0].net, g->net, sizeof(g->net) - 4);
	if (u[0].net.family == 6)
		snprintf(g->net + strlen(g->net), 4, "/64");
	return 1;
}

/* Events a member had in [lo, hi], if spread evenly over their use. */
static double events_in(const struct member *m, int64_t lo, int64_t hi)
{
	double span = (double)(m->last - m->first) / DAY_MS + 1;

	return m->count * mh_dutil_unit(((double)(hi - lo) / DAY_MS + 1) / span);
}

/* How long two people used the network together, in the sustained measure:
 * days of overlap, bounded by the events each likely had in it. */
static double sustained(const struct member *a, const struct member *b)
{
	int64_t lo = a->first > b->first ? a->first : b->first;
	int64_t hi = a->last < b->last ? a->last : b->last;
	double s, ea, eb;

	if (hi < lo)
		return 0;
	s = (double)(hi - lo) / DAY_MS + 1;
	ea = events_in(a, lo, hi);
	eb = events_in(b, lo, hi);
	return s < ea ? (s < eb ? s : eb) : (ea < eb ? ea : eb);
}

/* Lower-cased letters and digits of a roster city; "" when unknown. */
static void city_key(const struct mh_roster_entry *e, char *out, size_t cap)
{
	size_t o = 0;
	const char *s = e && e->city ? e->city : "";

	for (; *s && o + 1 < cap; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[o++] = *s;
		else if (*s >= 'A' && *s <= 'Z')
			out[o++] = (char)(*s + 32);
	out[o] = '\0';
}

/* Do the linked people of the group claim one city (>= 75 % of them)? */
static int one_city(const struct group *g)
{
	char city[MAX_GROUP][48];
	int i, j, best = 0, k = 0;

	for (i = 0; i < g->n; i++)
		if (g->linked[i])
			city_key(mh_dutil_entry(g->w, g->m[i].person), city[k++], sizeof(city[0]));
	for (i = 0; i < k; i++) {
		int same = 0;

		for (j = 0; j < k; j++)
			same += !strcmp(city[i], city[j]);
		if (same > best)
			best = same;
	}
	return k && best * 4 >= k * 3;
}

static void add_evidence(const struct group *g, int i, struct mh_finding *fd)
{
	const struct member *m = &g->m[i];
	char others[100] = "", d0[11], d1[11];
	size_t o = 0;
	int j, named = 0;

	for (j = 0; j < g->n && o < sizeof(others); j++)
		if (j != i && g->linked[j] && named++ < 4)
			o += (size_t)snprintf(others + o, sizeof(others) - o, "%s%s", o ? ", " : "",
			                      mh_dutil_who(g->w, g->m[j].person));
	mh_dutil_date_ms(m->first, d0);
	mh_dutil_date_ms(m->last, d1);
	mh_finding_evidence(fd, m->a->file_id, m->a->line, m->first,
	                    "%s (%u events %s..%s) also: %s%s", g->net, m->count, d0, d1, others,
	                    g->nlinked - 1 > 4 ? " ..." : "");
}

static void report(struct ctx *c, const struct group *g, struct mh_findings *out)
{
	int single = one_city(g), i, isnew;
	double pts = g->nlinked >= 3 ? (single ? c->lgroup_pts : c->points)
	                             : (single ? c->lpair_pts : c->pair_pts);

	for (i = 0; i < g->n; i++) {
		const struct member *m = &g->m[i];
		struct mh_finding *fd;

		if (!g->linked[i])
			continue;
		fd = mh_findings_upsert(out, ID, m->person, "egress", MH_ORIGIN_FINISH, m->first,
		                        &isnew);
		if (m->last > fd->last_ms)
			fd->last_ms = m->last;
		if (isnew || pts > fd->points) {
			fd->points = pts;
			snprintf(fd->summary, sizeof(fd->summary),
			         "used the same public network as %d other employee%s at the same "
			         "time (%s), claiming %s",
			         g->nlinked - 1, g->nlinked == 2 ? "" : "s", g->net,
			         single ? "one city: an office or household?"
			                : "different home cities");
		}
		add_evidence(g, i, fd);
	}
}

static double *pair_slot(struct pairs *pp, uint32_t a, uint32_t b, int add)
{
	uint32_t key[2] = {a < b ? a : b, a < b ? b : a}, idx;

	if (mh_strmap_get(pp->idx, (const char *)key, sizeof(key), &idx))
		return &pp->days[idx];
	if (!add)
		return NULL;
	pp->days = mh_grow(pp->days, &pp->cap, pp->n + 1, sizeof(*pp->days));
	pp->days[pp->n] = 0;
	mh_strmap_put(pp->idx, (const char *)key, sizeof(key), (uint32_t)pp->n);
	return &pp->days[pp->n++];
}

/* First pass: add this network's overlaps to the pair totals. */
static void tally(struct ctx *c, struct group *g)
{
	int i, j;

	for (i = 0; i < g->n; i++)
		for (j = i + 1; j < g->n; j++) {
			double s = sustained(&g->m[i], &g->m[j]);

			if (s >= c->min_sustained)
				*pair_slot(g->pairs, g->m[i].person, g->m[j].person, 1) += s;
		}
}

/* Second pass: people linked on this network who are linked overall. */
static void judge(struct ctx *c, struct group *g, struct mh_findings *out)
{
	int i, j;

	memset(g->linked, 0, sizeof(g->linked));
	g->nlinked = 0;
	for (i = 0; i < g->n; i++)
		for (j = i + 1; j < g->n; j++) {
			double *t;

			if (sustained(&g->m[i], &g->m[j]) < c->min_sustained)
				continue;
			t = pair_slot(g->pairs, g->m[i].person, g->m[j].person, 0);
			if (t && *t >= c->min_total)
				g->linked[i] = g->linked[j] = 1;
		}
	for (i = 0; i < g->n; i++)
		g->nlinked += g->linked[i];
	if (g->nlinked >= 2)
		report(c, g, out);
}

/* Run fn over every judged network: shared by 2..max_people people, not an
 * anonymizer exit. */
static void each_group(struct ctx *c, const struct mh_world *w, const struct use *u, size_t n,
                       struct group *g, int pass, struct mh_findings *out)
{
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && u[j].hash == u[i].hash &&
		                !memcmp(&u[j].net, &u[i].net, sizeof(u[i].net));
		     j++)
			;
		if (j - i < 2 || !build_group(g, &u[i], j - i) || g->n < 2 ||
		    g->n > c->max_people || mh_dutil_ip_in_anonymizer_net(w->intel, &u[i].net))
			continue;
		if (pass == 0)
			tally(c, g);
		else
			judge(c, g, out);
	}
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	struct group *g = mh_calloc(1, sizeof(*g));
	struct pairs pp;
	size_t n;
	struct use *u = collect(c, w->st, &n);

	memset(&pp, 0, sizeof(pp));
	pp.idx = mh_strmap_new();
	g->w = w;
	g->pairs = &pp;
	each_group(c, w, u, n, g, 0, out);
	each_group(c, w, u, n, g, 1, out);
	mh_strmap_free(pp.idx);
	free(pp.days);
	free(u);
	free(g);
}

static void cfree(void *vctx)
{
	struct ctx *c = vctx;

	mh_dutil_egress_free(c->egress);
	free(c);
}

const struct mh_detector mh_det_farm_shared_egress = {
    .id = ID,
    .family = "farm",
    .summary = "several employees on one non-corporate public address at the same time",
    .technique = NULL,
    .points = 25,
    .cap = 30,
    .params = params,
    .init = init,
    .finish = finish,
    .free = cfree,
};
