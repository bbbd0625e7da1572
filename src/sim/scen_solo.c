/*
 * Solo and stealthy operatives.
 *
 * Solo: signs in mostly through commercial VPN and hosting exits, works
 * 14-hour days on many days (several jobs at once), bulk-clones repositories
 * in the first weeks, and now and then slips and signs in straight from a
 * Chinese network.
 *
 * Stealthy: a residential proxy in the stated city makes the network look
 * ordinary; the only tells are working hours in UTC+8/+9, one remote-control
 * tool and early bulk downloads.
 */
#include <stdio.h>

#include "sim/sim.h"

static const char *const slip_cities[] = {"Shenyang", "Dalian", "Shanghai"};

void mh_sim_scen_solo(struct mh_sim *s, struct mh_rng *r)
{
	int32_t i = mh_sim_pick_convert(s, r, 1);
	struct mh_sim_person *p;
	char params[512];
	uint32_t g;

	if (i < 0)
		return;
	g = mh_sim_group_add(s, MH_SC_SOLO, "");
	mh_sim_make_operative(s, r, (uint32_t)i, MH_SC_SOLO, (uint16_t)g);
	p = &s->p[i];
	p->vpn_frac = (float)(0.6 + 0.3 * mh_rng_unit(r));
	p->vpn[0] = (uint8_t)mh_rng_below(r, s->nvpn);
	p->vpn[1] = (uint8_t)mh_rng_below(r, s->nvpn);
	p->long_p = (float)(0.35 + 0.4 * mh_rng_unit(r));
	p->hire = s->start - 5 + (int32_t)mh_rng_below(r, 15);
	p->burst_start = p->hire + 2 + (int32_t)mh_rng_below(r, 8);
	p->burst_end = p->burst_start + 3 + (int32_t)mh_rng_below(r, 5);
	p->burst_rate = (float)(8 + 16 * mh_rng_unit(r));
	p->travel_city = (uint8_t)mh_sim_city_find(slip_cities[mh_rng_below(r, 3)]);
	/* the slip: a few days straight from the home network abroad */
	p->travel_start = p->hire + 10 + (int32_t)mh_rng_below(r, 20);
	p->travel_end = p->travel_start + (int32_t)mh_rng_below(r, 2);
	snprintf(params, sizeof(params),
	         "{\"utc_offset_min\":%d,\"vpn_fraction\":%.2f,\"long_day_rate\":%.2f,"
	         "\"bulk_clone_days\":%d,\"bulk_rate\":%.1f,\"slip_city\":\"%s\"}",
	         p->work_off, p->vpn_frac, p->long_p, p->burst_end - p->burst_start + 1,
	         p->burst_rate, mh_sim_cities[p->travel_city].city);
	snprintf(s->grp[g].params, sizeof(s->grp[g].params), "%s", params);
}

void mh_sim_scen_stealth(struct mh_sim *s, struct mh_rng *r)
{
	unsigned rt[8], nrt = mh_sim_progs_of_kind(MH_PK_REMOTE, rt, 8);
	int32_t i = mh_sim_pick_convert(s, r, 1);
	struct mh_sim_person *p;
	char params[512];
	uint32_t g;

	if (i < 0)
		return;
	g = mh_sim_group_add(s, MH_SC_STEALTH, "");
	mh_sim_make_operative(s, r, (uint32_t)i, MH_SC_STEALTH, (uint16_t)g);
	p = &s->p[i];
	/* residential proxy: a fresh residential lease in the stated city */
	p->household = mh_sim_household_new(s, p->city, r);
	p->corpvpn = 0;
	p->hire = s->start - 3 + (int32_t)mh_rng_below(r, 10);
	p->remote[0] = (uint8_t)rt[2 + mh_rng_below(r, nrt - 2)];
	p->remote_daily = mh_rng_chance(r, 0.5);
	p->remote_day = p->hire + (int32_t)mh_rng_below(r, 10);
	/* starts early in Asia so the day overlaps the US evening */
	p->start_h = (float)(7.0 + 1.5 * mh_rng_unit(r));
	p->burst_start = p->hire + 3 + (int32_t)mh_rng_below(r, 12);
	p->burst_end = p->burst_start + 2 + (int32_t)mh_rng_below(r, 4);
	p->burst_rate = (float)(5 + 8 * mh_rng_unit(r));
	snprintf(params, sizeof(params),
	         "{\"utc_offset_min\":%d,\"start_hour\":%.1f,\"remote_tool\":\"%s\","
	         "\"remote_daily\":%s,\"bulk_days\":%d,\"bulk_rate\":%.1f}",
	         p->work_off, p->start_h, mh_sim_progs[p->remote[0]].name[0],
	         p->remote_daily ? "true" : "false", p->burst_end - p->burst_start + 1,
	         p->burst_rate);
	snprintf(s->grp[g].params, sizeof(s->grp[g].params), "%s", params);
}
