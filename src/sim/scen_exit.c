/*
 * Leavers who take data.
 *
 * Departing: an ordinary employee (not an operative) gives notice and, between
 * notice and termination, clones and zips far more than usual, copies to a USB
 * drive and/or uploads to a personal cloud.
 *
 * Fired operative: an operative hired a few months before the window collects
 * data while employed, is fired mid-window, tries to sign in after the
 * termination (from VPN exits) and a few days later sends the extortion mail
 * with a sample of a repository he copied before he left.
 */
#include <stdio.h>

#include "sim/sim.h"

void mh_sim_scen_departing(struct mh_sim *s, struct mh_rng *r)
{
	int32_t i = mh_sim_pick_convert(s, r, 0);
	struct mh_sim_person *p;
	char params[512];
	uint32_t g;
	int32_t span = (int32_t)s->opt.days;

	if (i < 0)
		return;
	g = mh_sim_group_add(s, MH_SC_DEPARTING, "");
	p = &s->p[i];
	p->scen = MH_SC_DEPARTING;
	p->group = (uint16_t)g;
	p->notice =
	    s->start + span * 3 / 10 + (int32_t)mh_rng_below(r, (uint32_t)(span * 3 / 10 + 1));
	p->term = p->notice + 10 + (int32_t)mh_rng_below(r, 12);
	if (p->term >= s->end)
		p->term = s->end - 1;
	p->burst_start = p->notice + 1 + (int32_t)mh_rng_below(r, 3);
	p->burst_end = p->term - 1;
	p->burst_rate = (float)(6 + 14 * mh_rng_unit(r));
	p->burst_usb = mh_rng_chance(r, 0.6);
	p->burst_upload = !p->burst_usb || mh_rng_chance(r, 0.6);
	p->pto_start = MH_SIM_NONE;
	snprintf(params, sizeof(params),
	         "{\"notice_to_termination_days\":%d,\"burst_rate\":%.1f,\"usb\":%s,"
	         "\"personal_cloud\":%s}",
	         p->term - p->notice, p->burst_rate, p->burst_usb ? "true" : "false",
	         p->burst_upload ? "true" : "false");
	snprintf(s->grp[g].params, sizeof(s->grp[g].params), "%s", params);
}

void mh_sim_scen_fired(struct mh_sim *s, struct mh_rng *r)
{
	int32_t i = mh_sim_pick_convert(s, r, 1);
	struct mh_sim_person *p;
	char params[512];
	uint32_t g, k;
	int32_t span = (int32_t)s->opt.days;

	if (i < 0)
		return;
	g = mh_sim_group_add(s, MH_SC_FIRED, "");
	mh_sim_make_operative(s, r, (uint32_t)i, MH_SC_FIRED, (uint16_t)g);
	p = &s->p[i];
	p->hire = s->start - 45 - (int32_t)mh_rng_below(r, 90);
	p->vpn_frac = (float)(0.3 + 0.4 * mh_rng_unit(r));
	p->vpn[0] = (uint8_t)mh_rng_below(r, s->nvpn);
	p->vpn[1] = (uint8_t)mh_rng_below(r, s->nvpn);
	p->term = s->start + span / 2 + (int32_t)mh_rng_below(r, (uint32_t)(span / 5 + 1));
	p->burst_start = p->term - 6 - (int32_t)mh_rng_below(r, 7);
	if (p->burst_start < s->start)
		p->burst_start = s->start;
	p->burst_end = p->term - 1;
	p->burst_rate = (float)(5 + 10 * mh_rng_unit(r));
	p->post_term = 3;
	s->culprit = i;
	s->eml_day = p->term + 3 + (int32_t)mh_rng_below(r, 8);
	s->leak_repo =
	    (uint16_t)(p->team_repos_n ? p->team_repos_lo + mh_rng_below(r, p->team_repos_n) : 0);
	s->nleak = (uint8_t)(2 + mh_rng_below(r, 3));
	for (k = 0; k < s->nleak; k++)
		s->leak_files[k] = (uint8_t)((mh_rng_below(r, 4) + k * 4) % mh_sim_nsrc_files);
	snprintf(params, sizeof(params),
	         "{\"utc_offset_min\":%d,\"vpn_fraction\":%.2f,\"collect_days\":%d,"
	         "\"burst_rate\":%.1f,\"mail_days_after_termination\":%d,\"leak_repo\":\"%s/%s\","
	         "\"leak_files\":%u}",
	         p->work_off, p->vpn_frac, p->burst_end - p->burst_start + 1, p->burst_rate,
	         s->eml_day - p->term, s->org, mh_sim_repos[s->leak_repo].name, s->nleak);
	snprintf(s->grp[g].params, sizeof(s->grp[g].params), "%s", params);
}
