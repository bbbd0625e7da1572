/*
 * The ordinary company: people, their roster rows, homes, devices, rhythms
 * and habits, including the benign habits that naive rules flag (staff in
 * Asia, night shifts, helpdesk remote tools, privacy VPNs, heavy data users,
 * keep-awake tools, USB drives in the field, new hires, leavers). Scenarios
 * (scen_*.c) later convert a few of these people into positives.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

/* Open-addressing set of 64-bit name hashes, to keep e-mails and logins unique. */
struct nameset {
	uint64_t *v;
	size_t cap;
};

static int nameset_add(struct nameset *ns, const char *s)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	h |= 1;
	for (i = h & (ns->cap - 1); ns->v[i]; i = (i + 1) & (ns->cap - 1))
		if (ns->v[i] == h)
			return 0;
	ns->v[i] = h;
	return 1;
}

static void lower_alpha(char *dst, size_t cap, const char *src)
{
	size_t n = 0;

	for (; *src && n + 1 < cap; src++)
		if (isalpha((unsigned char)*src))
			dst[n++] = (char)tolower((unsigned char)*src);
	dst[n] = '\0';
}

static uint8_t pick_city(struct mh_rng *r)
{
	uint16_t w[64];
	unsigned i;

	for (i = 0; i < mh_sim_ncities && i < 64; i++)
		w[i] = (mh_sim_cities[i].use & MH_CITY_HOME) ? mh_sim_cities[i].weight : 0;
	return (uint8_t)mh_rng_weighted(r, w, i);
}

static uint8_t pick_role(struct mh_rng *r)
{
	uint16_t w[MH_ROLE__COUNT];
	unsigned i;

	for (i = 0; i < MH_ROLE__COUNT; i++)
		w[i] = mh_sim_roles[i].weight;
	return (uint8_t)mh_rng_weighted(r, w, MH_ROLE__COUNT);
}

static void names(struct mh_sim *s, struct mh_sim_person *p, struct mh_rng *r, struct nameset *ns)
{
	char f[24], l[24];
	unsigned k;

	snprintf(p->first, sizeof(p->first), "%s",
	         mh_sim_first_names[mh_rng_below(r, mh_sim_nfirst)]);
	snprintf(p->last, sizeof(p->last), "%s", mh_sim_last_names[mh_rng_below(r, mh_sim_nlast)]);
	snprintf(p->name, sizeof(p->name), "%s %s", p->first, p->last);
	lower_alpha(f, sizeof(f), p->first);
	lower_alpha(l, sizeof(l), p->last);
	snprintf(p->email, sizeof(p->email), "%s.%s@%s", f, l, s->domain);
	for (k = 2; !nameset_add(ns, p->email); k++)
		snprintf(p->email, sizeof(p->email), "%s.%s%u@%s", f, l, k % 100000, s->domain);
	snprintf(p->sam, sizeof(p->sam), "%c%.14s", f[0], l);
	for (k = 2; !nameset_add(ns, p->sam); k++)
		snprintf(p->sam, sizeof(p->sam), "%c%.14s%u", f[0], l, k);
	if (mh_rng_chance(r, 0.5))
		snprintf(p->upn, sizeof(p->upn), "%s", p->email);
	else
		snprintf(p->upn, sizeof(p->upn), "%s@%s", p->sam, s->domain);
	switch (mh_rng_below(r, 4)) {
	case 0:
		snprintf(p->login, sizeof(p->login), "%s-%s", p->sam, s->org);
		break;
	case 1:
		snprintf(p->login, sizeof(p->login), "%s%s", f, l);
		break;
	case 2:
		snprintf(p->login, sizeof(p->login), "%s%u", p->sam, 10 + mh_rng_below(r, 89));
		break;
	default:
		snprintf(p->login, sizeof(p->login), "%s-%s-dev", f, l);
		break;
	}
	for (k = 2; !nameset_add(ns, p->login); k++)
		snprintf(p->login + strlen(p->login), sizeof(p->login) - strlen(p->login), "%u",
		         k % 10);
}

static void artifacts(struct mh_sim *s, struct mh_sim_person *p, struct mh_rng *r, uint32_t i)
{
	const struct mh_sim_city *c = &mh_sim_cities[p->city];
	static const char *const serial_prefix[] = {"5CG", "C02", "PF"};
	char f[24];

	mh_sim_phone(s, r, c->cc, c->area, p->phone, sizeof(p->phone));
	lower_alpha(f, sizeof(f), p->first);
	snprintf(p->personal_email, sizeof(p->personal_email), "%s.%s%u@%s", f, p->sam + 1,
	         mh_rng_below(r, 1000), mh_sim_free_mail[mh_rng_below(r, mh_sim_nfree_mail)]);
	if (!strcmp(c->cc, "US"))
		snprintf(p->payroll, sizeof(p->payroll), "0%08u:%010llu",
		         mh_rng_below(r, 100000000),
		         (unsigned long long)(mh_rng_next(r) % 10000000000ull));
	else
		snprintf(p->payroll, sizeof(p->payroll), "%s%02u%04u%014llu", c->cc,
		         mh_rng_below(r, 100), mh_rng_below(r, 10000),
		         (unsigned long long)(mh_rng_next(r) % 100000000000000ull));
	snprintf(p->serial, sizeof(p->serial), "%s%07llX", serial_prefix[p->os],
	         (unsigned long long)(mh_rng_next(r) & 0xfffffffull));
	snprintf(p->address, sizeof(p->address), "%u %s, %s, %s %05u", 100 + mh_rng_below(r, 9800),
	         mh_sim_streets[mh_rng_below(r, mh_sim_nstreets)], c->city, c->state,
	         10000 + mh_rng_below(r, 89999));
	snprintf(p->ship, sizeof(p->ship), "%s", p->address);
	/* some ship the laptop elsewhere: a relative, a second home, a locker */
	if (mh_rng_chance(r, 0.06)) {
		const struct mh_sim_city *o = &mh_sim_cities[mh_rng_below(r, 20)];

		snprintf(p->ship, sizeof(p->ship), "%u %s, %s, %s %05u",
		         100 + mh_rng_below(r, 9800),
		         mh_sim_streets[mh_rng_below(r, mh_sim_nstreets)], o->city, o->state,
		         10000 + mh_rng_below(r, 89999));
	}
	snprintf(p->host, sizeof(p->host), "%s-%s-%05u", s->netbios,
	         p->os == MH_OS_WIN   ? "LT"
	         : p->os == MH_OS_MAC ? "MBP"
	                              : "DEV",
	         10000 + i);
}

static void devices(struct mh_sim_person *p, struct mh_rng *r)
{
	unsigned k, n = 1 + mh_rng_below(r, 4);

	p->device_id = mh_rng_next(r);
	p->mfa = mh_rng_next(r);
	p->kvm = 0xff;
	p->remote[0] = p->remote[1] = 0xff;
	for (k = 0; k < n && p->nusb < MH_SIM_MAX_USB; k++) {
		unsigned u = mh_rng_below(r, mh_sim_nusbs);

		if (mh_sim_usbs[u].kind >= MH_USB_STORAGE ||
		    !mh_rng_chance(r, mh_sim_usbs[u].weight / 30.0))
			continue;
		p->usb[p->nusb++] = (uint8_t)u;
	}
	/* thumb drives: field staff often, others now and then */
	if (mh_rng_chance(r, p->role == MH_ROLE_SALES ? 0.4 : 0.08) && p->nusb < MH_SIM_MAX_USB) {
		unsigned st[8], ns = mh_sim_usbs_of_kind(MH_USB_STORAGE, st, 8);

		p->usb[p->nusb++] = (uint8_t)st[mh_rng_below(r, ns)];
		if (p->role == MH_ROLE_SALES)
			p->traps |= 1u << MH_TR_FIELD_USB;
	}
	/* boards and USB gadgets on developers' desks */
	if (mh_sim_roles[p->role].tech && mh_rng_chance(r, 0.05) && p->nusb < MH_SIM_MAX_USB) {
		unsigned g[8], ng = mh_sim_usbs_of_kind(MH_USB_GADGET, g, 8);

		p->usb[p->nusb++] = (uint8_t)g[mh_rng_below(r, ng)];
	}
}

static void rhythm(struct mh_sim *s, struct mh_sim_person *p, struct mh_rng *r)
{
	const char *cc = mh_sim_cities[p->city].cc;

	p->work_off = INT16_MIN;
	p->start_h = (float)(8.8 + 0.9 * mh_rng_normal(r));
	if (p->start_h < 6)
		p->start_h = 6;
	if (p->start_h > 11.5f)
		p->start_h = 11.5f;
	p->len_h = (float)(8.5 + 0.8 * mh_rng_normal(r));
	p->late_p = (float)mh_rng_lognormal(r, 0.05, 0.8);
	p->long_p = 0.005f;
	p->activity = (float)mh_rng_lognormal(r, 1.0, 0.35);
	p->days_off = 0x60; /* Saturday, Sunday */
	p->pto_start = MH_SIM_NONE;
	if (mh_rng_chance(r, 0.3)) {
		p->pto_start = s->start + (int32_t)mh_rng_below(r, s->opt.days);
		p->pto_len = 2 + (int32_t)mh_rng_below(r, 8);
	}
	p->oncall = (p->role == MH_ROLE_SRE || p->role == MH_ROLE_SEC) && mh_rng_chance(r, 0.5);
	if (p->office != 0xff) {
		unsigned k;

		for (k = 0; k < 2 + mh_rng_below(r, 3); k++)
			p->office_days |= (uint8_t)(1u << mh_rng_below(r, 5));
	}
	/* night shifts: operations and part of support */
	if ((p->role == MH_ROLE_NOC && mh_rng_chance(r, 0.6)) ||
	    (p->role == MH_ROLE_SUPPORT && mh_rng_chance(r, 0.15))) {
		p->start_h = (float)(21.0 + 1.5 * mh_rng_unit(r));
		p->late_p = 0;
		p->traps |= 1u << MH_TR_NIGHT_SHIFT;
	}
	if ((p->role == MH_ROLE_EXEC || p->role == MH_ROLE_SRE) && mh_rng_chance(r, 0.1)) {
		p->long_p = (float)(0.2 + 0.3 * mh_rng_unit(r));
		p->traps |= 1u << MH_TR_LONG_DAYS;
	}
	if (strcmp(cc, "US") && strcmp(cc, "CA") &&
	    mh_sim_tzs[mh_sim_cities[p->city].tz].std_min >= 330)
		p->traps |= 1u << MH_TR_ASIA_STAFF;
}

static void dates(struct mh_sim *s, struct mh_sim_person *p, struct mh_rng *r)
{
	p->hire = s->start - 10 - (int32_t)mh_rng_below(r, 2500);
	p->notice = p->term = MH_SIM_NONE;
	if (mh_rng_chance(r, 0.06)) {
		p->hire = s->start + (int32_t)mh_rng_below(r, s->opt.days * 2 / 3 + 1);
		if (mh_sim_roles[p->role].tech)
			p->traps |= 1u << MH_TR_NEW_HIRE;
	}
	if (mh_rng_chance(r, 0.04) && p->hire < s->start) {
		p->term = s->start + 5 +
		          (int32_t)mh_rng_below(r, s->opt.days > 10 ? s->opt.days - 10 : 1);
		if (mh_rng_chance(r, 0.6)) {
			p->notice = p->term - 14;
			p->traps |= 1u << MH_TR_RESIGNED_CLEAN;
		}
		if (mh_rng_chance(r, 0.6)) {
			p->post_term = mh_rng_chance(r, 0.7) ? 1 : 2;
			p->traps |= 1u << MH_TR_EX_RETRY;
		}
	}
}

static void habits(struct mh_sim *s, struct mh_sim_person *p, struct mh_rng *r)
{
	unsigned rt[8], nrt = mh_sim_progs_of_kind(MH_PK_REMOTE, rt, 8);
	unsigned jg[2];

	p->data_rate = (float)mh_rng_lognormal(r, 1.0, 0.5);
	p->burst_start = p->burst_end = MH_SIM_NONE;
	p->travel_start = p->travel_end = MH_SIM_NONE;
	p->cowork_group = -1;
	p->vpn[0] = p->vpn[1] = 0xff;
	p->remote_day = p->hire;
	if (p->role == MH_ROLE_IT) {
		p->remote[0] = (uint8_t)rt[0];
		p->remote[1] = (uint8_t)rt[1];
		p->remote_daily = 1;
		p->traps |= 1u << MH_TR_HELPDESK_TOOLS;
	} else if (mh_rng_chance(r, 0.03)) {
		p->remote[0] = (uint8_t)rt[mh_rng_below(r, nrt)];
		p->remote_day = s->start + (int32_t)mh_rng_below(r, s->opt.days / 2 + 1);
		p->traps |= 1u << MH_TR_REMOTE_SUPPORT;
	}
	if (mh_rng_chance(r, 0.03) && mh_sim_progs_of_kind(MH_PK_JIGGLER, jg, 2)) {
		p->jiggler = (uint8_t)jg[0];
		p->traps |= 1u << MH_TR_KEEP_AWAKE;
	}
	if (mh_rng_chance(r, 0.05)) {
		p->vpn_frac = (float)(0.1 + 0.4 * mh_rng_unit(r));
		p->vpn[0] = (uint8_t)mh_rng_below(r, s->nvpn);
		p->vpn[1] = (uint8_t)mh_rng_below(r, s->nvpn);
		p->traps |= 1u << MH_TR_PRIVACY_VPN;
	}
	p->corpvpn = p->office == 0xff && mh_rng_chance(r, 0.3);
	if (p->role == MH_ROLE_DATA && mh_rng_chance(r, 0.25)) {
		p->data_rate = (float)(4 + 4 * mh_rng_unit(r));
		p->traps |= 1u << MH_TR_HEAVY_DATA;
	}
}

static void team(struct mh_sim_person *p)
{
	unsigned i, role = p->role;

	p->team_repos_n = 0;
	for (i = 0; i < mh_sim_nrepos; i++) {
		if (mh_sim_repos[i].role != role)
			continue;
		if (!p->team_repos_n)
			p->team_repos_lo = (uint16_t)i;
		p->team_repos_n++;
	}
}

static void person(struct mh_sim *s, uint32_t i, struct nameset *ns)
{
	struct mh_sim_person *p = &s->p[i];
	struct mh_rng r;
	unsigned k;

	mh_rng_derive(&r, s->opt.seed, 0x5045u, i, 0);
	snprintf(p->id, sizeof(p->id), "E%05u", 10001 + i);
	p->role = pick_role(&r);
	p->title = (uint8_t)mh_rng_below(&r, 4);
	p->city = pick_city(&r);
	p->office = 0xff;
	for (k = 0; k < s->noffices; k++)
		if (s->office_city[k] == p->city && mh_rng_chance(&r, 0.7))
			p->office = (uint8_t)k;
	p->os = (uint8_t)(mh_sim_roles[p->role].tech
	                      ? (mh_rng_chance(&r, 0.5)   ? MH_OS_MAC
	                         : mh_rng_chance(&r, 0.3) ? MH_OS_LINUX
	                                                  : MH_OS_WIN)
	                      : (mh_rng_chance(&r, 0.35) ? MH_OS_MAC : MH_OS_WIN));
	p->ua = (uint8_t)(p->os == MH_OS_WIN   ? mh_rng_below(&r, 2)
	                  : p->os == MH_OS_MAC ? 2 + mh_rng_below(&r, 2)
	                                       : 4);
	p->mobile_ua = (uint8_t)(5 + mh_rng_below(&r, 2));
	p->privileged = mh_rng_below(&r, 100) < mh_sim_roles[p->role].privileged_pct;
	p->manager = i > 10 ? (int32_t)mh_rng_below(&r, i < 200 ? i : i / 10 + 1) : -1;
	p->referred_by = i > 20 && mh_rng_chance(&r, 0.08) ? (int32_t)mh_rng_below(&r, i) : -1;
	names(s, p, &r, ns);
	devices(p, &r);
	artifacts(s, p, &r, i);
	dates(s, p, &r);
	rhythm(s, p, &r);
	habits(s, p, &r);
	team(p);
	p->household = mh_sim_household_new(s, p->city, &r);
}

void mh_sim_company_build(struct mh_sim *s)
{
	struct nameset ns;
	uint32_t i;

	ns.cap = 64;
	while (ns.cap < (size_t)s->opt.employees * 8)
		ns.cap <<= 1;
	ns.v = mh_calloc(ns.cap, sizeof(*ns.v));
	mh_sim_take(s, MH_SIM_AGENCY_PHONE); /* the recruiting agency's, on its candidates */
	s->np = s->opt.employees;
	s->p = mh_calloc(s->np, sizeof(*s->p));
	for (i = 0; i < s->np; i++)
		person(s, i, &ns);
	free(ns.v);
}
