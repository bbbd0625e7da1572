/*
 * Normal life, one person-day at a time (../shared/SIMULATION.md).
 *
 * A day is a few sessions (morning, afternoon, maybe a late evening or a
 * night page) in the person's working time zone; each session has one egress
 * (office NAT, home lease, corporate VPN, coffee shop, hotel, commercial VPN).
 * Sign-ins happen at session starts and through the day; endpoint, code and
 * USB events are spread over the sessions at a rate set by role, personal
 * activity and --scale. Scenarios change only parameters of this plan (time
 * zone, day length, egress choice, data-movement rates), never the kinds of
 * events, so positives and ordinary people draw from the same distributions.
 */
#include <math.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

#define MAX_SESS 6

struct sess {
	double a, b; /* local hours from local midnight, may exceed 24 */
	uint32_t eg;
};

struct day {
	struct mh_sim *s;
	uint32_t pi;
	const struct mh_sim_person *p;
	struct mh_rng r;
	int64_t mid_ms; /* UTC ms of local midnight */
	struct sess ss[MAX_SESS];
	unsigned ns;
	double total_h;
};

int mh_sim_person_offset(const struct mh_sim_person *p, int64_t ts_ms)
{
	if (p->work_off != INT16_MIN)
		return p->work_off;
	return mh_sim_tz_offset(mh_sim_cities[p->city].tz, ts_ms);
}

static void push(struct day *d, int64_t ts, uint32_t eg, uint16_t type, uint16_t arg)
{
	struct mh_sim *s = d->s;
	struct mh_sim_ev *e;

	s->pool = mh_grow(s->pool, &s->cappool, s->npool + 1, sizeof(*s->pool));
	e = &s->pool[s->npool++];
	e->ts = ts;
	e->person = d->pi;
	e->egress = eg;
	e->seed = (uint32_t)mh_rng_next(&d->r);
	e->type = type;
	e->arg = arg;
}

static int64_t at(const struct day *d, double hour, struct mh_rng *r)
{
	return d->mid_ms + (int64_t)(hour * 3600000.0) + (int64_t)mh_rng_below(r, 1000);
}

/* A uniformly random instant within the day's sessions; *eg gets its egress. */
static int64_t when(struct day *d, uint32_t *eg)
{
	double x = mh_rng_unit(&d->r) * d->total_h;
	unsigned i;

	for (i = 0; i < d->ns; i++) {
		double len = d->ss[i].b - d->ss[i].a;

		if (x < len || i + 1 == d->ns) {
			*eg = d->ss[i].eg;
			return at(d, d->ss[i].a + (x < len ? x : len * mh_rng_unit(&d->r)), &d->r);
		}
		x -= len;
	}
	*eg = 0;
	return d->mid_ms;
}

/* An event at a random instant of the day's sessions, from that session's egress. */
static void push_any(struct day *d, uint16_t type, uint16_t arg)
{
	uint32_t eg;
	int64_t ts = when(d, &eg);

	push(d, ts, eg, type, arg);
}

static void add_sess(struct day *d, double a, double b, uint32_t eg)
{
	if (d->ns >= MAX_SESS || b <= a)
		return;
	d->ss[d->ns].a = a;
	d->ss[d->ns].b = b;
	d->ss[d->ns].eg = eg;
	d->ns++;
	d->total_h += b - a;
}

static uint32_t vpn_exit(struct day *d)
{
	const struct mh_sim_person *p = d->p;
	uint8_t x = p->vpn[mh_rng_below(&d->r, 2)];

	if (x == 0xff || x >= d->s->nvpn)
		x = (uint8_t)mh_rng_below(&d->r, d->s->nvpn);
	return d->s->vpn[x].egress;
}

/* Where a session comes from. */
static uint32_t egress_for(struct day *d, int32_t day, int office)
{
	struct mh_sim *s = d->s;
	const struct mh_sim_person *p = d->p;
	uint32_t home = s->hh[p->household].egress;

	if (p->vpn_frac > 0 && mh_rng_chance(&d->r, p->vpn_frac))
		return vpn_exit(d);
	if (p->travel_start != MH_SIM_NONE && day >= p->travel_start && day <= p->travel_end)
		return s->public_egress[p->travel_city % s->npublic];
	if (office && p->office != 0xff)
		return s->office_egress[p->office];
	if (p->cowork_group >= 0 && (mh_weekday(day) == 1 || mh_weekday(day) == 3))
		return s->cowork_egress[p->cowork_group & 3];
	if (p->corpvpn && mh_rng_chance(&d->r, 0.5))
		return s->corpvpn_egress[mh_rng_below(&d->r, 4)];
	if (mh_rng_chance(&d->r, 0.03))
		return s->public_egress[p->city % s->npublic];
	return home;
}

static uint32_t mobile_egress(struct day *d)
{
	struct mh_sim *s = d->s;
	const struct mh_sim_person *p = d->p;

	if (!strcmp(mh_sim_cities[p->city].cc, "US") && mh_rng_chance(&d->r, 0.6))
		return s->carrier0 + mh_rng_below(&d->r, s->ncarrier);
	return s->hh[p->household].egress;
}

static int on_pto(const struct mh_sim_person *p, int32_t day)
{
	return p->pto_start != MH_SIM_NONE && day >= p->pto_start &&
	       day < p->pto_start + p->pto_len;
}

static void sessions(struct day *d, int32_t day)
{
	const struct mh_sim_person *p = d->p;
	double start = p->start_h + 0.4 * mh_rng_normal(&d->r);
	double len = p->len_h + 0.5 * mh_rng_normal(&d->r), mid;
	int office = (p->office_days >> mh_weekday(day)) & 1;
	uint32_t eg = egress_for(d, day, office);

	if (mh_rng_chance(&d->r, p->long_p))
		len = 13.5 + 1.5 * mh_rng_unit(&d->r);
	if (len < 3)
		len = 3;
	if (day == p->term)
		len *= 0.5;
	mid = start + len * (0.45 + 0.1 * mh_rng_unit(&d->r));
	add_sess(d, start, mid, eg);
	if (!office || mh_rng_chance(&d->r, 0.1))
		eg = egress_for(d, day, office);
	add_sess(d, mid + 0.4 + 0.5 * mh_rng_unit(&d->r), start + len + 0.7, eg);
	if (mh_rng_chance(&d->r, p->late_p)) {
		double a = 20 + 2 * mh_rng_unit(&d->r);

		add_sess(d, a, a + 0.5 + 1.5 * mh_rng_unit(&d->r), egress_for(d, day, 0));
	}
	if (p->oncall && mh_rng_chance(&d->r, 0.06)) {
		double a = 25 + 3 * mh_rng_unit(&d->r);

		add_sess(d, a, a + 0.3 + mh_rng_unit(&d->r), egress_for(d, day, 0));
	}
}

static void signins(struct day *d)
{
	const struct mh_sim_person *p = d->p;
	unsigned i, n;
	uint32_t eg;
	int64_t ts;

	for (i = 0; i < d->ns; i++) {
		if (i == 0 || d->ss[i].eg != d->ss[i - 1].eg || mh_rng_chance(&d->r, 0.3))
			push(d, at(d, d->ss[i].a, &d->r), d->ss[i].eg, MH_SE_OKTA_SESSION, 0);
	}
	if (mh_rng_chance(&d->r, 0.04)) {
		ts = at(d, d->ss[0].a - 0.01, &d->r);
		push(d, ts, d->ss[0].eg, MH_SE_OKTA_FAIL, 0);
	}
	n = 1 + mh_rng_poisson(&d->r, 2.5);
	for (i = 0; i < n; i++) {
		ts = when(d, &eg);
		push(d, ts, eg, MH_SE_OKTA_SSO, (uint16_t)mh_rng_below(&d->r, mh_sim_nokta_apps));
	}
	n = 2 + mh_rng_poisson(&d->r, 3.0);
	for (i = 0; i < n; i++) {
		ts = when(d, &eg);
		push(d, ts, eg, MH_SE_ENTRA, (uint16_t)mh_rng_below(&d->r, mh_sim_nentra_apps));
	}
	if (mh_rng_chance(&d->r, 0.02))
		push_any(d, MH_SE_ENTRA_FAIL, 0);
	/* the phone reads mail from morning to night, from wherever it is */
	n = mh_rng_poisson(&d->r, 1.5);
	for (i = 0; i < n; i++) {
		ts = at(d, 7 + 15 * mh_rng_unit(&d->r), &d->r);
		eg = mobile_egress(d);
		push(d, ts, eg, MH_SE_ENTRA, (uint16_t)(0x100 | p->mobile_ua));
	}
}

static uint16_t pick_prog(struct day *d)
{
	const struct mh_sim_person *p = d->p;
	uint16_t w[64];
	unsigned i;

	for (i = 0; i < mh_sim_nprogs && i < 64; i++) {
		const struct mh_sim_prog *g = &mh_sim_progs[i];

		w[i] = 0;
		if (!g->name[p->os] || g->kind == MH_PK_REMOTE || g->kind == MH_PK_JIGGLER ||
		    g->kind == MH_PK_ARCHIVE)
			continue;
		w[i] = (g->roles & MH_ROLE_BIT(p->role)) ? g->weight : (g->weight + 9) / 10;
	}
	return (uint16_t)mh_rng_weighted(&d->r, w, i);
}

static uint16_t team_repo(struct day *d)
{
	const struct mh_sim_person *p = d->p;

	/* now and then a repository of another team */
	if (!p->team_repos_n || mh_rng_chance(&d->r, 0.1))
		return (uint16_t)mh_rng_below(&d->r, mh_sim_nrepos);
	return (uint16_t)(p->team_repos_lo + mh_rng_below(&d->r, p->team_repos_n));
}

static void endpoint(struct day *d)
{
	const struct mh_sim_person *p = d->p;
	const struct mh_sim_role *role = &mh_sim_roles[p->role];
	double n = role->events * p->activity * d->s->opt.scale * (d->total_h / 8.5);
	unsigned i, count = mh_rng_poisson(&d->r, n);
	uint32_t eg;

	for (i = 0; i < count; i++) {
		double x = mh_rng_unit(&d->r);
		int64_t ts = when(d, &eg);

		if (x < 0.55)
			push(d, ts, eg, MH_SE_PROC, pick_prog(d));
		else if (x < 0.8)
			push(d, ts, eg, MH_SE_FILE,
			     (uint16_t)(role->tech && mh_rng_chance(&d->r, 0.6)
			                    ? 0x8000 | team_repo(d)
			                    : 0));
		else
			push(d, ts, eg, MH_SE_NET, 0);
	}
	if (mh_rng_chance(&d->r, 0.08 * p->data_rate))
		push_any(d, MH_SE_ARCHIVE, 0);
	if (mh_rng_chance(&d->r, 0.03 * p->data_rate))
		push_any(d, MH_SE_UPLOAD, 0);
}

static void code(struct day *d, int32_t day)
{
	const struct mh_sim_person *p = d->p;
	unsigned i, n;

	if (!mh_sim_roles[p->role].tech)
		return;
	n = mh_rng_poisson(&d->r, 4.0 * p->data_rate * d->s->opt.scale);
	for (i = 0; i < n; i++)
		push_any(d, MH_SE_GH_FETCH, team_repo(d));
	n = mh_rng_poisson(&d->r, 1.5);
	for (i = 0; i < n; i++)
		push_any(d, MH_SE_GH_PUSH, team_repo(d));
	n = mh_rng_poisson(&d->r, 0.12 * p->data_rate);
	/* new hires clone their team's repositories in their first weeks */
	if (day - p->hire < 14 && p->team_repos_n)
		n += mh_rng_poisson(&d->r, p->team_repos_n / 4.0 + 0.5);
	for (i = 0; i < n; i++)
		push_any(d, MH_SE_GH_CLONE, team_repo(d));
	if (mh_rng_chance(&d->r, 0.04 * p->data_rate))
		push_any(d, MH_SE_GH_ZIP, team_repo(d));
}

static void burst(struct day *d, int32_t day)
{
	const struct mh_sim_person *p = d->p;
	unsigned i, n;

	if (p->burst_start == MH_SIM_NONE || day < p->burst_start || day > p->burst_end)
		return;
	n = mh_rng_poisson(&d->r, p->burst_rate);
	for (i = 0; i < n; i++) {
		uint16_t repo = (uint16_t)mh_rng_below(&d->r, mh_sim_nrepos);
		double x = mh_rng_unit(&d->r);

		if (!mh_sim_roles[p->role].tech || x < 0.3)
			push_any(d, MH_SE_FILE, (uint16_t)(0x8000 | repo));
		else if (x < 0.8)
			push_any(d, MH_SE_GH_CLONE, repo);
		else
			push_any(d, MH_SE_GH_ZIP, repo);
	}
	push_any(d, MH_SE_ARCHIVE, 1);
	if ((int32_t)d->pi == d->s->culprit && day == p->burst_end) {
		struct mh_sim *s = d->s;

		push_any(d, MH_SE_GH_CLONE, s->leak_repo);
		for (i = 0; i < s->nleak; i++) {
			push_any(d, MH_SE_FILE, (uint16_t)(0x8000 | s->leak_repo));
			s->pool[s->npool - 1].seed =
			    (uint32_t)s->leak_files[i] << 8 | (mh_rng_next(&d->r) & 0xff);
		}
	}
	if (p->burst_usb)
		for (i = 0; i < 1 + mh_rng_below(&d->r, 4); i++)
			push_any(d, MH_SE_USB_WRITE, 1);
	if (p->burst_upload)
		for (i = 0; i < 1 + mh_rng_below(&d->r, 3); i++)
			push_any(d, MH_SE_UPLOAD, 1);
}

static void remote_and_usb(struct day *d, int32_t day)
{
	struct mh_sim_person *p = &d->s->p[d->pi];
	unsigned i, k;
	int office = (p->office_days >> mh_weekday(day)) & 1;

	for (k = 0; k < 2; k++) {
		if (p->remote[k] == 0xff || day < p->remote_day)
			continue;
		if (!p->remote_daily && !mh_rng_chance(&d->r, 0.3) && day != p->remote_day)
			continue;
		for (i = 0; i < 1 + mh_rng_below(&d->r, p->remote_daily ? 5 : 2); i++)
			push_any(d, MH_SE_PROC, p->remote[k]);
	}
	if (p->jiggler)
		push(d, at(d, d->ss[0].a + 0.05, &d->r), d->ss[0].eg, MH_SE_PROC, p->jiggler);
	/* peripherals: docked at the desk, unplugged when the laptop leaves */
	for (i = 0; i < p->nusb; i++) {
		const struct mh_sim_usb *u = &mh_sim_usbs[p->usb[i]];
		int attached = (p->usb_attached >> i) & 1;

		if (u->removable) {
			if (!mh_rng_chance(&d->r, 0.2 * p->data_rate))
				continue;
			push_any(d, MH_SE_USB_ADD, (uint16_t)i);
			push_any(d, MH_SE_USB_WRITE, 0);
			push(d, at(d, d->ss[d->ns - 1].b - 0.2, &d->r), d->ss[d->ns - 1].eg,
			     MH_SE_USB_DEL, (uint16_t)i);
			continue;
		}
		if (!attached && (office || mh_rng_chance(&d->r, 0.3) || day == p->hire)) {
			push(d, at(d, d->ss[0].a + 0.02, &d->r), d->ss[0].eg, MH_SE_USB_ADD,
			     (uint16_t)i);
			p->usb_attached |= 1u << i;
		} else if (attached && (office || mh_rng_chance(&d->r, 0.1))) {
			push(d, at(d, d->ss[d->ns - 1].b - 0.05, &d->r), d->ss[d->ns - 1].eg,
			     MH_SE_USB_DEL, (uint16_t)i);
			p->usb_attached &= ~(1u << i);
		}
	}
	if (p->kvm != 0xff && day >= p->remote_day &&
	    (day == p->remote_day || mh_rng_chance(&d->r, 0.12))) {
		/* re-enumerates after a reboot of the host or the KVM box */
		if (day != p->remote_day)
			push(d, at(d, d->ss[0].a - 0.1, &d->r), d->ss[0].eg, MH_SE_USB_DEL, 0x100);
		push(d, at(d, d->ss[0].a - 0.05, &d->r), d->ss[0].eg, MH_SE_USB_ADD, 0x100);
	}
}

/* After termination: the phone keeps retrying mail, or an old password. */
static void post_term(struct day *d, int32_t day)
{
	const struct mh_sim_person *p = d->p;
	unsigned i, n;
	int32_t since = day - p->term;

	if (!p->post_term || since < 1)
		return;
	if (p->post_term == 1 && since <= 6) {
		n = 2 + mh_rng_below(&d->r, 10);
		for (i = 0; i < n; i++) {
			int64_t ts = at(d, 7 + 15 * mh_rng_unit(&d->r), &d->r);
			uint32_t eg = mobile_egress(d);

			push(d, ts, eg, MH_SE_ENTRA_FAIL, (uint16_t)(0x100 | p->mobile_ua));
		}
		return;
	}
	if (p->post_term == 2 && (since > 3 || !mh_rng_chance(&d->r, 0.5)))
		return;
	if (p->post_term == 3 && (since > 8 || !mh_rng_chance(&d->r, 0.7)))
		return;
	n = p->post_term == 3 ? 1 + mh_rng_below(&d->r, 4) : 1;
	for (i = 0; i < n; i++) {
		int64_t ts = at(d, p->start_h + 8 * mh_rng_unit(&d->r), &d->r);
		uint32_t eg = egress_for(d, day, 0);
		uint16_t type = mh_rng_chance(&d->r, 0.5) ? MH_SE_OKTA_FAIL : MH_SE_ENTRA_FAIL;

		push(d, ts, eg, type, 1);
	}
}

static int works(struct day *d, int32_t day)
{
	const struct mh_sim_person *p = d->p;

	if ((p->days_off >> mh_weekday(day)) & 1)
		return mh_rng_chance(&d->r, 0.04);
	if (on_pto(p, day) || mh_rng_chance(&d->r, 0.025))
		return 0;
	return 1;
}

void mh_sim_plan_day(struct mh_sim *s, uint32_t pi, int32_t day)
{
	struct day d;

	memset(&d, 0, sizeof(d));
	d.s = s;
	d.pi = pi;
	d.p = &s->p[pi];
	if (day < d.p->hire)
		return;
	mh_rng_derive(&d.r, s->opt.seed, 0x504cu, pi, (uint64_t)(int64_t)day);
	d.mid_ms = ((int64_t)day * 86400 -
	            (int64_t)mh_sim_person_offset(d.p, (int64_t)day * 86400000 + 43200000) * 60) *
	           1000;
	if (d.p->travel_start != MH_SIM_NONE && day >= d.p->travel_start && day <= d.p->travel_end)
		d.mid_ms = ((int64_t)day * 86400 -
		            (int64_t)mh_sim_tz_offset(mh_sim_cities[d.p->travel_city].tz,
		                                      (int64_t)day * 86400000) *
		                60) *
		           1000;
	if (d.p->term != MH_SIM_NONE && day > d.p->term) {
		post_term(&d, day);
		return;
	}
	if (!works(&d, day))
		return;
	sessions(&d, day);
	if (!d.ns)
		return;
	signins(&d);
	endpoint(&d);
	code(&d, day);
	burst(&d, day);
	remote_and_usb(&d, day);
}
