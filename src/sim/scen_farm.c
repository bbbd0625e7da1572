/*
 * Laptop farm: several "employees" whose company laptops sit in one
 * facilitator's home. Their sign-ins share the facilitator's residential
 * address (which churns like any home lease), the operators control the
 * laptops with remote-control software and/or KVM-over-IP boxes and work in
 * UTC+8/+9, some sessions come straight from the operators' VPN, one phone
 * answers MFA for several accounts, and roster artifacts (ship-to address,
 * payroll account) repeat. Counts, tools, shares and hours come from the seed.
 */
#include <stdio.h>
#include <string.h>

#include "sim/sim.h"

/* A US city where at least two ordinary employees live. */
static uint8_t facilitator_city(struct mh_sim *s, struct mh_rng *r)
{
	uint32_t start = mh_rng_below(r, s->np), k, j, n;

	for (k = 0; k < s->np; k++) {
		const struct mh_sim_person *p = &s->p[(start + k) % s->np];

		if (strcmp(mh_sim_cities[p->city].cc, "US"))
			continue;
		for (j = 0, n = 0; j < s->np; j++)
			n += s->p[j].city == p->city;
		if (n >= 3)
			return p->city;
	}
	return 0;
}

void mh_sim_scen_farm(struct mh_sim *s, struct mh_rng *r)
{
	unsigned rt[8], nrt = mh_sim_progs_of_kind(MH_PK_REMOTE, rt, 8);
	unsigned jg[2], njg = mh_sim_progs_of_kind(MH_PK_JIGGLER, jg, 2);
	unsigned kv[4], nkv = mh_sim_usbs_of_kind(MH_USB_KVM, kv, 4);
	unsigned k, members = 3 + mh_rng_below(r, 4), tool0, tool1, nshare_mfa;
	uint8_t city = facilitator_city(s, r), kvm = (uint8_t)kv[mh_rng_below(r, nkv)];
	uint32_t hh = mh_sim_household_new(s, city, r), ids[8], group;
	int use_kvm = mh_rng_chance(r, 0.6), share_pay = mh_rng_chance(r, 0.6);
	double vpn_frac = 0.1 + 0.3 * mh_rng_unit(r);
	uint8_t exit0 = (uint8_t)mh_rng_below(r, s->nvpn);
	char params[512], ship[112];
	int16_t off = (int16_t)(mh_rng_chance(r, 0.5) ? 480 : 540);
	unsigned nm = 0;

	/* remote tools beyond the helpdesk's approved pair */
	tool0 = rt[2 + mh_rng_below(r, nrt - 2)];
	tool1 = mh_rng_chance(r, 0.4) ? rt[2 + mh_rng_below(r, nrt - 2)] : 0xff;
	nshare_mfa = 2 + mh_rng_below(r, members - 1);
	group = mh_sim_group_add(s, MH_SC_FARM, "");
	ship[0] = '\0';
	for (k = 0; k < members && k < 8; k++) {
		int32_t i = mh_sim_pick_convert(s, r, 1);
		struct mh_sim_person *p;

		if (i < 0)
			break;
		mh_sim_make_operative(s, r, (uint32_t)i, MH_SC_FARM, (uint16_t)group);
		p = &s->p[i];
		ids[nm++] = (uint32_t)i;
		p->household = hh;
		p->work_off = off;
		p->vpn_frac = (float)vpn_frac;
		p->vpn[0] = exit0;
		p->vpn[1] = (uint8_t)mh_rng_below(r, s->nvpn);
		p->remote[0] = (uint8_t)tool0;
		p->remote[1] = (uint8_t)(k % 2 ? tool1 : 0xff);
		p->remote_daily = 1;
		p->remote_day = p->hire + (int32_t)mh_rng_below(r, 5);
		if (use_kvm && k % 2 == 0)
			p->kvm = kvm;
		if (njg && mh_rng_chance(r, 0.3))
			p->jiggler = (uint8_t)jg[0];
		if (k == 0)
			snprintf(ship, sizeof(ship), "%u %s, %s, %s %05u",
			         100 + mh_rng_below(r, 9800),
			         mh_sim_streets[mh_rng_below(r, mh_sim_nstreets)],
			         mh_sim_cities[city].city, mh_sim_cities[city].state,
			         10000 + mh_rng_below(r, 89999));
		snprintf(p->ship, sizeof(p->ship), "%s", ship);
		if (k > 0 && k < nshare_mfa)
			p->mfa = s->p[ids[0]].mfa;
		if (k > 0 && share_pay && k < 3)
			snprintf(p->payroll, sizeof(p->payroll), "%s", s->p[ids[0]].payroll);
		/* one persona brought in another */
		if (k > 0 && mh_rng_chance(r, 0.4))
			p->referred_by = (int32_t)ids[0];
	}
	snprintf(params, sizeof(params),
	         "{\"members\":%u,\"facilitator_city\":\"%s\",\"utc_offset_min\":%d,"
	         "\"vpn_fraction\":%.2f,\"remote_tools\":[\"%s\"%s%s%s],\"kvm\":%s%s%s,"
	         "\"shared_mfa_accounts\":%u,\"shared_payroll\":%s,\"shared_ship_address\":true}",
	         nm, mh_sim_cities[city].city, off, vpn_frac, mh_sim_progs[tool0].name[0],
	         tool1 != 0xff ? ",\"" : "", tool1 != 0xff ? mh_sim_progs[tool1].name[0] : "",
	         tool1 != 0xff ? "\"" : "", use_kvm ? "\"" : "null",
	         use_kvm ? mh_sim_usbs[kvm].vendor : "", use_kvm ? "\"" : "",
	         nshare_mfa < nm ? nshare_mfa : nm, share_pay ? "true" : "false");
	snprintf(s->grp[group].params, sizeof(s->grp[group].params), "%s", params);
}
