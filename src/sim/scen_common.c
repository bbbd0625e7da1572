/* Helpers every scenario family uses: choose whom to convert, record the
 * drawn parameters, turn a person into an operative. */
#include <stdio.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

const char *const mh_sim_scen_names[MH_SC__COUNT] = {
    "none",
    "laptop_farm",
    "solo_operative",
    "stealth_operative",
    "departing_exfil",
    "fired_operative",
};

/* At least two other ordinary people share p's title, city and operating
 * system, so converting p leaves no title, city or OS only positives have. */
static int ordinary_look(const struct mh_sim *s, const struct mh_sim_person *p)
{
	unsigned title = 0, city = 0, os = 0;
	uint32_t j;

	for (j = 0; j < s->np; j++) {
		const struct mh_sim_person *q = &s->p[j];

		if (q == p || q->scen)
			continue;
		title += q->role == p->role && q->title == p->title;
		city += q->city == p->city;
		os += q->os == p->os && q->ua == p->ua;
	}
	return title >= 2 && city >= 2 && os >= 2;
}

int32_t mh_sim_pick_convert(struct mh_sim *s, struct mh_rng *r, int tech)
{
	uint32_t start = mh_rng_below(r, s->np), k;

	for (k = 0; k < s->np; k++) {
		uint32_t i = (start + k) % s->np;
		const struct mh_sim_person *p = &s->p[i];

		if (p->scen || p->traps || p->term != MH_SIM_NONE || p->hire >= s->start)
			continue;
		if (strcmp(mh_sim_cities[p->city].cc, "US"))
			continue;
		if (tech && !mh_sim_roles[p->role].tech)
			continue;
		if (tech && (p->role == MH_ROLE_IT || p->role == MH_ROLE_NOC))
			continue;
		if (!ordinary_look(s, p))
			continue;
		return (int32_t)i;
	}
	return -1;
}

uint32_t mh_sim_group_add(struct mh_sim *s, uint8_t scen, const char *params)
{
	struct mh_sim_group *g;

	s->grp = mh_realloc(s->grp, (s->ngrp + 1) * sizeof(*s->grp));
	g = &s->grp[s->ngrp];
	g->scen = scen;
	snprintf(g->params, sizeof(g->params), "%s", params);
	return s->ngrp++;
}

void mh_sim_make_operative(struct mh_sim *s, struct mh_rng *r, uint32_t i, uint8_t scen,
                           uint16_t group)
{
	struct mh_sim_person *p = &s->p[i];

	p->scen = scen;
	p->group = group;
	p->traps = 0;
	/* recently hired, fully remote */
	p->hire = s->start - 10 - (int32_t)mh_rng_below(r, 60);
	p->office = 0xff;
	p->office_days = 0;
	p->corpvpn = mh_rng_chance(r, 0.3);
	p->pto_start = MH_SIM_NONE;
	p->oncall = 0;
	p->jiggler = 0;
	p->remote[0] = p->remote[1] = 0xff;
	p->remote_daily = 0;
	p->vpn_frac = 0;
	p->travel_start = p->travel_end = MH_SIM_NONE;
	p->data_rate = (float)mh_rng_lognormal(r, 1.2, 0.3);
	/* the working day of someone in UTC+8 or UTC+9 */
	p->work_off = (int16_t)(mh_rng_chance(r, 0.5) ? 480 : 540);
	p->start_h = (float)(8.5 + 0.8 * mh_rng_normal(r));
	p->len_h = (float)(9.0 + 0.6 * mh_rng_normal(r));
	p->late_p = 0.05f;
	p->long_p = 0.01f;
	p->days_off = 0x60;
}

void mh_sim_scenarios(struct mh_sim *s)
{
	struct mh_rng r;
	unsigned k, n;

	mh_rng_derive(&r, s->opt.seed, 0x5343u, 0, 0);
	s->culprit = -1;
	s->eml_day = MH_SIM_NONE;
	n = 1 + mh_rng_below(&r, 1 + s->np / 800);
	for (k = 0; k < n; k++)
		mh_sim_scen_farm(s, &r);
	n = 1 + mh_rng_below(&r, 2 + s->np / 1000);
	for (k = 0; k < n; k++)
		mh_sim_scen_solo(s, &r);
	n = 1 + mh_rng_below(&r, 1 + s->np / 1500);
	for (k = 0; k < n; k++)
		mh_sim_scen_stealth(s, &r);
	n = 1 + mh_rng_below(&r, 1 + s->np / 1000);
	for (k = 0; k < n; k++)
		mh_sim_scen_departing(s, &r);
	mh_sim_scen_fired(s, &r);
}
