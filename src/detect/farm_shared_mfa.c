/*
 * farm.shared_mfa — one MFA device approving sign-ins for several accounts.
 *
 * What it catches: the facilitator or operator who enrols one phone (or one
 * authenticator) for every account of a laptop farm, so that one person can
 * answer every push. The identity provider names the device (Okta's device
 * token hash, ev->mfa_device), and the state keeps it per person as an
 * artifact with count, first/last seen and the first source line.
 *
 * How: finish groups the roster people's MFA artifacts by value. People who
 * used the same device while each was using it (their first..last periods
 * overlap, or lie within `gap_days` of each other) share it.
 *
 * Points: accounts claiming to live in different cities whose main MFA
 * device (at least `min_share`, half, of their MFA events) is the shared
 * one: `points` (30) each when three or more accounts share it (one phone
 * answering for all of them, and a phone is in one place); `pair_share`
 * (0.3) of that when only two do, since a team's shared token looks the
 * same. The phone is where the laptops are: full points need the account
 * to have worked, while sharing the device, from a public address it shares
 * with another of the device's accounts and that few people use (at most
 * `max_egress_people`, 8; not a VPN or hosting exit, not allow-listed). A
 * device answering for accounts that each sign in from their own homes is a
 * shift's on-call number carried from hand to hand: `remote_share` (0.5) of
 * the points. Otherwise `local_points` (4): people of one city (a couple sharing a
 * tablet), or a shared device that is an extra one beside each person's own
 * (a team's on-call phone or token, used on shift). A device one person used
 * long after another stopped (re-issued hardware) does not count. A value
 * more than `max_people` (10) people share is a placeholder, skipped.
 *
 * Benign look-alikes: shared on-call devices of a team (an extra device:
 * low; the main device of a shift working from home: half); a device every
 * holder of which is in a shift role (`shift_roles`, as hours.offset: NOC,
 * support desks, operations, night) is a shift's on-call phone by design:
 * `local_points`;
 * re-issued tokens (no overlap); two accounts of one person (only roster
 * people are compared, and an admin account that is not on the roster is not
 * a person here).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/det_util.h"
#include "detect/detector.h"
#include "detect/dutil.h"
#include "util/ip.h"
#include "util/xalloc.h"

#define ID        "farm.shared_mfa"
#define DAY_MS    86400000LL
#define MAX_GROUP 64

extern const struct mh_detector mh_det_farm_shared_mfa;

static const struct mh_param params[] = {
    {"max_people", MH_P_NUM, 10, 2, MAX_GROUP, "a device more people share is a placeholder"},
    {"gap_days", MH_P_NUM, 7, 0, 400, "largest gap between two people's use that still counts"},
    {"local_points", MH_P_NUM, 4, 0, 1000,
     "sharing in one city, or a device that is not the person's main one"},
    {"pair_share", MH_P_NUM, 0.3, 0, 1,
     "share of the points when only two accounts share the device"},
    {"min_share", MH_P_NUM, 0.5, 0, 1,
     "share of the person's MFA events the shared device must carry for full points"},
    {"remote_share", MH_P_NUM, 0.5, 0, 1,
     "share of the points when the accounts never work from a common address"},
    {"max_egress_people", MH_P_NUM, 8, 2, 1e6,
     "an address more people use says nothing about where the device is"},
    {"shift_roles", MH_P_LIST, 0, 0, 0,
     "department/title words of shift roles, whose teams share an on-call device"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, max_people, gap_days, local_pts, min_share, pair_share;
	double remote_share, max_egress_people;
	const struct mh_config *cfg;
	uint64_t *nets; /* during finish: count_nets() */
	size_t nnets;
	struct mh_dutil_egress *egress;
};

struct use {
	const char *value;
	uint32_t person;
	const struct mh_art *a;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = mh_detector_points(&mh_det_farm_shared_mfa, cfg);
	c->max_people = mh_config_dnum(cfg, ID, "max_people", 10);
	c->gap_days = mh_config_dnum(cfg, ID, "gap_days", 7);
	c->local_pts = mh_config_dnum(cfg, ID, "local_points", 4);
	c->min_share = mh_config_dnum(cfg, ID, "min_share", 0.5);
	c->pair_share = mh_config_dnum(cfg, ID, "pair_share", 0.3);
	c->remote_share = mh_config_dnum(cfg, ID, "remote_share", 0.5);
	c->max_egress_people = mh_config_dnum(cfg, ID, "max_egress_people", 8);
	c->egress = mh_dutil_egress_new(cfg);
	c->cfg = cfg;
	*vctx = c;
	return 0;
}

static int by_value(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	int d = strcmp(x->value, y->value);

	return d ? d : x->person < y->person ? -1 : x->person > y->person;
}

static struct use *collect(const struct mh_state *st, size_t *n)
{
	struct use *u = NULL;
	size_t cap = 0, p;
	uint32_t i;

	*n = 0;
	for (p = 0; p < st->n; p++) {
		const struct mh_pstate *ps = &st->ps[p];

		for (i = 0; ps->roster != MH_NOBODY && i < ps->narts; i++)
			if (ps->arts[i].kind == MH_ART_MFA) {
				u = mh_grow(u, &cap, *n + 1, sizeof(*u));
				u[(*n)++] = (struct use){mh_art_text(st, &ps->arts[i], NULL, 0),
				                         (uint32_t)p, &ps->arts[i]};
			}
	}
	if (*n)
		qsort(u, *n, sizeof(*u), by_value);
	return u;
}

/* The share of a person's MFA events that came from this device. */
static double share_of(const struct mh_world *w, uint32_t p, const struct mh_art *a)
{
	const struct mh_pstate *ps = &w->st->ps[p];
	double all = 0;
	uint32_t i;

	for (i = 0; i < ps->narts; i++)
		if (ps->arts[i].kind == MH_ART_MFA)
			all += ps->arts[i].count;
	return all > 0 ? a->count / all : 0;
}

static int same_city(const struct mh_world *w, uint32_t a, uint32_t b)
{
	const struct mh_roster_entry *x = mh_dutil_entry(w, a), *y = mh_dutil_entry(w, b);

	return x && y && x->city && y->city && *x->city && !strcasecmp(x->city, y->city);
}

/* A public network: the address, or its /64 for IPv6 (one home hands each
 * device its own address in it). 0 for private, allow-listed and anonymizer
 * exits, which say nothing about where a device is. */
static uint32_t net_of(const struct ctx *c, const struct mh_world *w, const struct mh_art *a)
{
	struct mh_ip ip;

	if (a->kind != MH_ART_IP || mh_art_ip(w->st, a, &ip) || mh_ip_is_private(&ip) ||
	    mh_dutil_egress_has(c->egress, &ip) ||
	    (w->intel && mh_dutil_ip_in_anonymizer_net(w->intel, &ip)))
		return 0;
	if (ip.family == 6)
		memset(ip.a + 8, 0, 8);
	return mh_dutil_ip_hash(&ip);
}

static int by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Networks and how many roster people used each: sorted (net << 32 | count). */
static void count_nets(struct ctx *c, const struct mh_world *w)
{
	uint64_t *pairs = NULL;
	size_t cap = 0, n = 0, i, j, k = 0;

	for (size_t p = 0; p < w->st->n; p++) {
		const struct mh_pstate *ps = &w->st->ps[p];

		for (uint32_t a = 0; ps->roster != MH_NOBODY && a < ps->narts; a++) {
			uint32_t net = net_of(c, w, &ps->arts[a]);

			if (!net)
				continue;
			pairs = mh_grow(pairs, &cap, n + 1, sizeof(*pairs));
			pairs[n++] = (uint64_t)net << 32 | (uint32_t)p;
		}
	}
	qsort(pairs, n, sizeof(*pairs), by_u64);
	for (i = 0; i < n; i = j) {
		uint32_t people = 0;

		for (j = i; j < n && pairs[j] >> 32 == pairs[i] >> 32; j++)
			people += j == i || pairs[j] != pairs[j - 1];
		pairs[k++] = (pairs[i] >> 32) << 32 | people;
	}
	c->nets = pairs;
	c->nnets = k;
}

static uint32_t net_people(const struct ctx *c, uint32_t net)
{
	size_t lo = 0, hi = c->nnets;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t m = (uint32_t)(c->nets[mid] >> 32);

		if (m == net)
			return (uint32_t)c->nets[mid];
		if (m < net)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Did people p and q work from one telling network (few people use it) at
 * overlapping times, while the device d was in use? */
static int together(const struct ctx *c, const struct mh_world *w, uint32_t p, uint32_t q,
                    const struct mh_art *d)
{
	const struct mh_pstate *x = &w->st->ps[p], *y = &w->st->ps[q];
	int64_t gap = (int64_t)(c->gap_days * DAY_MS);
	uint32_t i, j, net;

	for (i = 0; i < x->narts; i++) {
		const struct mh_art *a = &x->arts[i];

		if (a->kind != MH_ART_IP || a->first_ms > d->last_ms + gap ||
		    d->first_ms > a->last_ms + gap || !(net = net_of(c, w, a)) ||
		    net_people(c, net) > c->max_egress_people)
			continue;
		for (j = 0; j < y->narts; j++) {
			const struct mh_art *b = &y->arts[j];

			if (b->kind == MH_ART_IP && a->first_ms <= b->last_ms + gap &&
			    b->first_ms <= a->last_ms + gap && net_of(c, w, b) == net)
				return 1;
		}
	}
	return 0;
}

/* Is person p in a shift role (NOC, support desk, night operations)? */
static int on_shift(const struct ctx *c, const struct mh_world *w, uint32_t p)
{
	const struct mh_roster_entry *e = mh_dutil_entry(w, p);

	return e && mh_det_role_is(e, c->cfg, "detectors." ID ".shift_roles", mh_det_shift_roles);
}

static void report(struct ctx *c, const struct mh_world *w, const struct use *g, int n, int i,
                   const uint8_t *with, struct mh_findings *out)
{
	const struct mh_art *a = g[i].a;
	struct mh_finding *fd;
	char others[100] = "", d0[11], d1[11];
	size_t o = 0;
	int j, k = 0, far = 0, near = 0, isnew, shift = on_shift(c, w, g[i].person);
	double pts, share = share_of(w, g[i].person, a);

	for (j = 0; j < n; j++) {
		if (!with[j])
			continue;
		k++;
		far |= !same_city(w, g[i].person, g[j].person);
		shift = shift && on_shift(c, w, g[j].person);
		near = near || together(c, w, g[i].person, g[j].person, a);
		if (o < sizeof(others))
			o += (size_t)snprintf(others + o, sizeof(others) - o, "%s%s", o ? ", " : "",
			                      mh_dutil_who(w, g[j].person));
	}
	pts = far && share >= c->min_share ? (k >= 2 ? c->points : c->points * c->pair_share)
	                                   : c->local_pts;
	if (far && share >= c->min_share && !near)
		pts *= c->remote_share;
	if (shift)
		pts = c->local_pts;
	fd = mh_findings_upsert(out, ID, g[i].person, "mfa", MH_ORIGIN_FINISH, a->first_ms, &isnew);
	if (a->last_ms > fd->last_ms)
		fd->last_ms = a->last_ms;
	if (isnew || pts > fd->points) {
		fd->points = pts;
		snprintf(
		    fd->summary, sizeof(fd->summary),
		    "one MFA device (%.0f %% of this account's MFA) approves %d other account%s "
		    "(%s)%s",
		    100 * share, k, k == 1 ? "" : "s", others,
		    shift  ? ", all on shift teams: an on-call device"
		    : !far ? ", all in one city"
		    : near ? ", with whom it also shares a network"
		           : ", each from their own network");
	}
	mh_dutil_date_ms(a->first_ms, d0);
	mh_dutil_date_ms(a->last_ms, d1);
	mh_finding_evidence(fd, a->file_id, a->line, a->first_ms,
	                    "MFA device %.24s: %u events %s..%s, shared with %s", g[i].value,
	                    (unsigned)a->count, d0, d1, others);
}

static void judge(struct ctx *c, const struct mh_world *w, const struct use *g, int n,
                  struct mh_findings *out)
{
	int64_t gap = (int64_t)(c->gap_days * DAY_MS);
	uint8_t with[MAX_GROUP];
	int i, j, any;

	for (i = 0; i < n; i++) {
		any = 0;
		for (j = 0; j < n; j++) {
			const struct mh_art *a = g[i].a, *b = g[j].a;

			with[j] = j != i && g[j].person != g[i].person &&
			          a->first_ms <= b->last_ms + gap &&
			          b->first_ms <= a->last_ms + gap;
			any |= with[j];
		}
		if (any)
			report(c, w, g, n, i, with, out);
	}
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	size_t n, i, j;
	struct use *u = collect(w->st, &n);

	if (n)
		count_nets(c, w);

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(u[j].value, u[i].value); j++)
			;
		if (j - i >= 2 && j - i <= c->max_people && j - i <= MAX_GROUP)
			judge(c, w, &u[i], (int)(j - i), out);
	}
	free(u);
	free(c->nets);
	c->nets = NULL;
	c->nnets = 0;
}

static void cfree(void *vctx)
{
	struct ctx *c = vctx;

	mh_dutil_egress_free(c->egress);
	free(c);
}

const struct mh_detector mh_det_farm_shared_mfa = {
    .id = ID,
    .family = "farm",
    .summary = "one MFA device approving sign-ins for two or more accounts",
    .technique = "T1098.005",
    .points = 30,
    .cap = 30,
    .params = params,
    .init = init,
    .finish = finish,
    .free = cfree,
};
