/*
 * Benign look-alikes. company.c already gives ordinary people the habits
 * naive rules flag; here come the relational ones (couples sharing a home,
 * a shared on-call phone, a coworking space, homelab KVMs, trips to Asia) and
 * the coverage pass: every tool, KVM model, VPN exit and slip city a positive
 * uses is also used by at least two ordinary people, so no value is exclusive
 * to the positives (the leak check in tests/sim/leakcheck.py enforces it).
 */
#include <string.h>

#include "sim/sim.h"

const char *const mh_sim_trap_names[MH_TR__COUNT] = {
    "asia_staff",
    "night_shift",
    "helpdesk_remote_tools",
    "travel_asia",
    "shared_home_ip",
    "heavy_data_user",
    "privacy_vpn",
    "family_shared_address",
    "homelab_kvm",
    "remote_support_tool",
    "long_days",
    "new_hire_bulk_clone",
    "resigned_took_nothing",
    "ex_employee_retries",
    "shared_mfa_device",
    "coworking_space",
    "field_usb",
    "keep_awake_tool",
};

const char *const mh_sim_trap_why[MH_TR__COUNT] = {
    "works from Asia in an Asian time zone, as stated in the roster",
    "night-shift role: works nights in the stated time zone",
    "helpdesk staff running the approved remote-support tools every day",
    "a week of business travel in Asia: foreign sign-ins and shifted hours",
    "shares a home internet connection (and its churning address) with a partner",
    "routine heavy data user: clones and downloads a lot every day",
    "uses a privacy VPN now and then",
    "family members sharing a home address (and sometimes a joint account)",
    "KVM-over-IP box on the desk for a homelab or server room",
    "installed a remote-control tool for a vendor or family support session",
    "on-call or executive with 14-hour days",
    "new hire cloning the team's repositories in the first weeks",
    "resigned with notice and took nothing",
    "ex-employee whose phone keeps retrying mail, or who tried the old password",
    "a shared on-call phone answers MFA for several night-shift accounts",
    "works from a coworking space whose address other employees share",
    "field staff copying files to USB drives",
    "runs a keep-awake / mouse-jiggler utility",
};

typedef int (*filter_fn)(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg);

static int32_t pick(struct mh_sim *s, struct mh_rng *r, filter_fn f, unsigned arg)
{
	uint32_t start = mh_rng_below(r, s->np), k;

	for (k = 0; k < s->np; k++) {
		uint32_t i = (start + k) % s->np;

		if (!s->p[i].scen && f(s, &s->p[i], arg))
			return (int32_t)i;
	}
	return -1;
}

static int f_plain(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return p->term == MH_SIM_NONE && !(p->traps & ((1u << MH_TR_SHARED_HOME) | arg));
}

static int f_plain_tech(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return f_plain(s, p, arg) && mh_sim_roles[p->role].tech && p->hire < s->start;
}

static int f_city(const struct mh_sim *s, const struct mh_sim_person *p, unsigned city)
{
	return p->city == city && f_plain(s, p, 0);
}

static int f_tech_admin(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return (p->role == MH_ROLE_IT || p->role == MH_ROLE_SRE || p->role == MH_ROLE_SEC) &&
	       p->kvm == 0xff && p->term == MH_SIM_NONE;
}

static int f_night(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return (p->traps & (1u << MH_TR_NIGHT_SHIFT)) && !(p->traps & (1u << MH_TR_SHARED_MFA));
}

/* arg: the operating system the tool must run on (its names differ per OS) */
static int f_remote_free(const struct mh_sim *s, const struct mh_sim_person *p, unsigned os)
{
	return p->remote[0] == 0xff && p->term == MH_SIM_NONE && p->os == os &&
	       p->role != MH_ROLE_IT && p->hire < s->start;
}

static void couples(struct mh_sim *s, struct mh_rng *r)
{
	unsigned k, n = 1 + s->np / 70;

	for (k = 0; k < n; k++) {
		int32_t a = pick(s, r, f_plain, 0), b;
		struct mh_sim_person *pa, *pb;

		if (a < 0)
			return;
		pa = &s->p[a];
		pa->traps |= 1u << MH_TR_SHARED_HOME;
		b = pick(s, r, f_city, pa->city);
		if (b < 0) {
			pa->traps &= ~(1u << MH_TR_SHARED_HOME);
			continue;
		}
		pb = &s->p[b];
		pb->household = pa->household;
		memcpy(pb->address, pa->address, sizeof(pb->address));
		memcpy(pb->ship, pa->ship, sizeof(pb->ship));
		if (k == 0 || mh_rng_chance(r, 0.4))
			memcpy(pb->payroll, pa->payroll, sizeof(pb->payroll));
		if (k == 0 || mh_rng_chance(r, 0.5))
			pb->referred_by = a;
		pa->traps |= (1u << MH_TR_SHARED_HOME) | (1u << MH_TR_FAMILY_ADDRESS);
		pb->traps |= (1u << MH_TR_SHARED_HOME) | (1u << MH_TR_FAMILY_ADDRESS);
	}
}

static void shared_mfa(struct mh_sim *s, struct mh_rng *r)
{
	int32_t a = pick(s, r, f_night, 0), b;
	unsigned k;

	if (a < 0)
		return;
	s->p[a].traps |= 1u << MH_TR_SHARED_MFA;
	for (k = 0; k < 1 + mh_rng_below(r, 2); k++) {
		b = pick(s, r, f_night, 0);
		if (b < 0)
			break;
		s->p[b].mfa = s->p[a].mfa;
		s->p[b].traps |= 1u << MH_TR_SHARED_MFA;
	}
	if (k == 0)
		s->p[a].traps &= ~(1u << MH_TR_SHARED_MFA);
}

static void coworking(struct mh_sim *s, struct mh_rng *r)
{
	int32_t a = pick(s, r, f_plain, 0), b;
	unsigned k, n = 2 + mh_rng_below(r, 4);

	if (a < 0)
		return;
	s->cowork_egress[0] = s->public_egress[s->p[a].city % s->npublic];
	s->p[a].cowork_group = 0;
	s->p[a].traps |= 1u << MH_TR_COWORKING;
	for (k = 0; k < n; k++) {
		b = pick(s, r, f_city, s->p[a].city);
		if (b < 0 || s->p[b].cowork_group == 0)
			continue;
		s->p[b].cowork_group = 0;
		s->p[b].traps |= 1u << MH_TR_COWORKING;
	}
}

static void give_kvm(struct mh_sim *s, struct mh_rng *r, uint8_t model)
{
	int32_t a = pick(s, r, f_tech_admin, 0);

	if (a < 0)
		return;
	s->p[a].kvm = model;
	s->p[a].remote_day = s->start + (int32_t)mh_rng_below(r, s->opt.days);
	if (s->p[a].remote_day < s->p[a].hire)
		s->p[a].remote_day = s->p[a].hire;
	s->p[a].traps |= 1u << MH_TR_HOMELAB_KVM;
}

/* tech: the traveller also shows up in the code-hosting log (coverage) */
static void give_travel(struct mh_sim *s, struct mh_rng *r, int city, int tech)
{
	int32_t a = pick(s, r, tech ? f_plain_tech : f_plain, 1u << MH_TR_TRAVEL_ASIA);
	struct mh_sim_person *p;

	if (a < 0)
		return;
	p = &s->p[a];
	while (city < 0) {
		unsigned c = mh_rng_below(r, mh_sim_ncities);

		if ((mh_sim_cities[c].use & MH_CITY_TRAVEL) &&
		    mh_sim_tzs[mh_sim_cities[c].tz].std_min >= 420)
			city = (int)c;
	}
	p->travel_city = (uint8_t)city;
	p->travel_start =
	    s->start + (int32_t)mh_rng_below(r, s->opt.days > 7 ? s->opt.days - 7 : 1);
	p->travel_end = p->travel_start + 4 + (int32_t)mh_rng_below(r, 4);
	p->traps |= 1u << MH_TR_TRAVEL_ASIA;
}

/* How many ordinary people satisfy pred(p, arg). */
static unsigned count_benign(const struct mh_sim *s, filter_fn f, unsigned arg)
{
	unsigned n = 0;
	uint32_t i;

	for (i = 0; i < s->np; i++)
		n += !s->p[i].scen && f(s, &s->p[i], arg);
	return n;
}

/* arg: program index << 8 | operating system */
static int f_has_remote(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	unsigned prog = arg >> 8;

	return p->role != MH_ROLE_IT && p->os == (arg & 0xff) &&
	       (p->remote[0] == prog || p->remote[1] == prog);
}

static int f_has_kvm(const struct mh_sim *s, const struct mh_sim_person *p, unsigned model)
{
	return p->kvm == model;
}

static int f_has_exit(const struct mh_sim *s, const struct mh_sim_person *p, unsigned x)
{
	return p->vpn_frac > 0 && (p->vpn[0] == x || p->vpn[1] == x);
}

static int f_travels_to(const struct mh_sim *s, const struct mh_sim_person *p, unsigned city)
{
	return p->travel_start != MH_SIM_NONE && p->travel_city == city;
}

static int f_jiggler(const struct mh_sim *s, const struct mh_sim_person *p, unsigned os)
{
	return p->jiggler != 0 && p->os == os;
}

static int f_plain_os(const struct mh_sim *s, const struct mh_sim_person *p, unsigned os)
{
	return f_plain(s, p, 1u << MH_TR_KEEP_AWAKE) && p->os == os;
}

static int f_long(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return p->long_p >= 0.2f;
}

static int f_has_usb(const struct mh_sim *s, const struct mh_sim_person *p, unsigned u)
{
	unsigned k;

	for (k = 0; k < p->nusb; k++)
		if (p->usb[k] == u)
			return 1;
	return p->kvm == u;
}

static int f_usb_room(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return p->nusb < MH_SIM_MAX_USB && p->term == MH_SIM_NONE && p->hire < s->start;
}

/* Every peripheral a positive has is also on two ordinary desks. */
static void cover_usb(struct mh_sim *s, struct mh_rng *r, const struct mh_sim_person *q)
{
	unsigned k, guard;

	for (k = 0; k < q->nusb; k++)
		for (guard = 0; guard < 6 && count_benign(s, f_has_usb, q->usb[k]) < 2; guard++) {
			int32_t a = pick(s, r, f_usb_room, 0);

			if (a < 0)
				break;
			s->p[a].usb[s->p[a].nusb++] = q->usb[k];
		}
}

static int f_storage_os(const struct mh_sim *s, const struct mh_sim_person *p, unsigned os)
{
	unsigned k;

	for (k = 0; k < p->nusb; k++)
		if (mh_sim_usbs[p->usb[k]].removable)
			return p->os == os && p->term == MH_SIM_NONE;
	return 0;
}

static int f_usb_room_os(const struct mh_sim *s, const struct mh_sim_person *p, unsigned os)
{
	return f_usb_room(s, p, 0) && p->os == os;
}

/* Whoever copies to USB in a scenario, two ordinary people on the same OS
 * carry a thumb drive too. */
static void cover_storage(struct mh_sim *s, struct mh_rng *r, const struct mh_sim_person *q)
{
	unsigned st[8], ns = mh_sim_usbs_of_kind(MH_USB_STORAGE, st, 8), guard;
	int writes = q->burst_usb || f_storage_os(s, q, q->os);

	for (guard = 0; writes && guard < 6 && count_benign(s, f_storage_os, q->os) < 2; guard++) {
		int32_t a = pick(s, r, f_usb_room_os, q->os);

		if (a < 0)
			break;
		s->p[a].usb[s->p[a].nusb++] = (uint8_t)st[mh_rng_below(r, ns)];
		s->p[a].traps |= 1u << MH_TR_FIELD_USB;
	}
}

static void cover_person(struct mh_sim *s, struct mh_rng *r, const struct mh_sim_person *q)
{
	unsigned k, guard;

	cover_usb(s, r, q);
	cover_storage(s, r, q);

	for (k = 0; k < 2; k++) {
		unsigned prog = q->remote[k];

		for (guard = 0; prog != 0xff && guard < 8 &&
		                count_benign(s, f_has_remote, prog << 8 | q->os) < 2;
		     guard++) {
			int32_t a = pick(s, r, f_remote_free, q->os);

			if (a < 0)
				break;
			s->p[a].remote[0] = (uint8_t)prog;
			s->p[a].remote_day =
			    s->start + (int32_t)mh_rng_below(r, s->opt.days / 2 + 1);
			s->p[a].traps |= 1u << MH_TR_REMOTE_SUPPORT;
		}
	}
	for (guard = 0; q->kvm != 0xff && guard < 4 && count_benign(s, f_has_kvm, q->kvm) < 2;
	     guard++)
		give_kvm(s, r, q->kvm);
	for (k = 0; k < 2 && q->vpn_frac > 0; k++) {
		unsigned x = q->vpn[k];

		for (guard = 0; x < s->nvpn && guard < 8 && count_benign(s, f_has_exit, x) < 2;
		     guard++) {
			int32_t a = pick(s, r, f_plain_tech, 1u << MH_TR_PRIVACY_VPN);

			if (a < 0)
				break;
			s->p[a].vpn_frac = (float)(0.1 + 0.3 * mh_rng_unit(r));
			s->p[a].vpn[0] = (uint8_t)x;
			s->p[a].vpn[1] = (uint8_t)mh_rng_below(r, s->nvpn);
			s->p[a].traps |= 1u << MH_TR_PRIVACY_VPN;
		}
	}
	for (guard = 0; q->travel_start != MH_SIM_NONE && guard < 6 &&
	                count_benign(s, f_travels_to, q->travel_city) < 2;
	     guard++)
		give_travel(s, r, q->travel_city, 1);
}

static int f_notice(const struct mh_sim *s, const struct mh_sim_person *p, unsigned arg)
{
	return p->notice != MH_SIM_NONE;
}

/* At least two ordinary people resign with notice in the window. */
static void resigners(struct mh_sim *s, struct mh_rng *r)
{
	unsigned guard;

	for (guard = 0; guard < 6 && count_benign(s, f_notice, 0) < 2; guard++) {
		int32_t a = pick(s, r, f_plain, 0);
		struct mh_sim_person *p;

		if (a < 0 || s->p[a].hire >= s->start)
			continue;
		p = &s->p[a];
		p->term = s->start + 16 +
		          (int32_t)mh_rng_below(r, s->opt.days > 20 ? s->opt.days - 16 : 4);
		p->notice = p->term - 14;
		p->traps |= 1u << MH_TR_RESIGNED_CLEAN;
	}
}

void mh_sim_traps(struct mh_sim *s)
{
	struct mh_rng r;
	unsigned k, guard, nkv;
	unsigned kv[4];
	uint32_t i;

	mh_rng_derive(&r, s->opt.seed, 0x5452u, 0, 0);
	couples(s, &r);
	shared_mfa(s, &r);
	coworking(s, &r);
	nkv = mh_sim_usbs_of_kind(MH_USB_KVM, kv, 4);
	give_kvm(s, &r, (uint8_t)kv[mh_rng_below(&r, nkv)]);
	for (k = 0; k < 2 + s->np / 60; k++)
		give_travel(s, &r, -1, 0);
	for (i = 0; i < s->np; i++)
		if (s->p[i].scen)
			cover_person(s, &r, &s->p[i]);
	for (i = 0; i < s->np; i++) {
		unsigned os = s->p[i].os, jg[2];

		if (!s->p[i].scen || !s->p[i].jiggler ||
		    !mh_sim_progs_of_kind(MH_PK_JIGGLER, jg, 2))
			continue;
		for (guard = 0; guard < 8 && count_benign(s, f_jiggler, os) < 2; guard++) {
			int32_t a = pick(s, &r, f_plain_os, os);

			if (a < 0)
				break;
			s->p[a].jiggler = (uint8_t)jg[0];
			s->p[a].traps |= 1u << MH_TR_KEEP_AWAKE;
		}
	}
	resigners(s, &r);
	for (guard = 0; guard < 8 && count_benign(s, f_long, 0) < 2; guard++) {
		int32_t a = pick(s, &r, f_plain, 1u << MH_TR_LONG_DAYS);

		if (a >= 0) {
			s->p[a].long_p = (float)(0.3 + 0.3 * mh_rng_unit(&r));
			s->p[a].traps |= 1u << MH_TR_LONG_DAYS;
		}
	}
}
