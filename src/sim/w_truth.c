/*
 * truth.json: every positive with its scenario and signals, every scenario
 * instance with the parameters the seed drew, every trap with why, the office
 * NAT and corporate VPN addresses shared by many, the applicant positives and
 * traps, and the extortion culprit. The schema is documented in
 * docs/SIMULATOR.md; molehunt eval reads it (sim/eval.h).
 */
#include <stdio.h>
#include <string.h>

#include "sim/wcommon.h"

static const char *const ap_trap_names[] = {"similar_resume", "shared_family_address",
                                            "agency_phone", "default_avatar"};
static const char *const ap_trap_why[] = {
    "bootcamp graduate whose resume follows the same template as classmates'",
    "relative sharing a home address with another applicant or an employee",
    "submitted by a recruiting agency that puts its own phone on every candidate",
    "profile shows the default avatar photo that many applicants have",
};

static void strs(struct mh_out *o, const char *const *v, unsigned n)
{
	unsigned k;

	mh_out_ch(o, '[');
	for (k = 0; k < n; k++) {
		if (k)
			mh_out_ch(o, ',');
		mh_out_jstr(o, v[k]);
	}
	mh_out_ch(o, ']');
}

static unsigned signals(const struct mh_sim *s, const struct mh_sim_person *p, const char **v)
{
	unsigned n = 0;

	if (p->work_off != INT16_MIN)
		v[n++] = "hours.offset";
	if (p->scen == MH_SC_FARM) {
		v[n++] = "farm.shared_egress";
		v[n++] = "farm.shared_artifact";
		v[n++] = "signin.geo";
	}
	if (p->vpn_frac > 0)
		v[n++] = "signin.anonymizer";
	if (p->remote[0] != 0xff)
		v[n++] = "endpoint.remote_tool";
	if (p->kvm != 0xff)
		v[n++] = "endpoint.kvm";
	if (p->jiggler)
		v[n++] = "endpoint.jiggler";
	if (p->long_p >= 0.3f)
		v[n++] = "hours.always_on";
	if (p->burst_start != MH_SIM_NONE)
		v[n++] = "exfil.volume";
	if (p->scen == MH_SC_DEPARTING)
		v[n++] = "exfil.departure";
	if (p->post_term == 3)
		v[n++] = "access.post_termination";
	if (p->travel_start != MH_SIM_NONE)
		v[n++] = "signin.geo";
	(void)s;
	return n;
}

static int shares_mfa(const struct mh_sim *s, uint32_t i)
{
	uint32_t j;

	for (j = 0; j < s->np; j++)
		if (j != i && s->p[j].mfa == s->p[i].mfa)
			return 1;
	return 0;
}

static void positives(struct mh_out *o, const struct mh_sim *s)
{
	const char *v[16];
	uint32_t i, first = 1;

	MH_LIT(o, ",\n\"positives\":[");
	for (i = 0; i < s->np; i++) {
		const struct mh_sim_person *p = &s->p[i];
		unsigned n;

		if (!p->scen)
			continue;
		n = signals(s, p, v);
		if (p->scen == MH_SC_FARM && shares_mfa(s, i))
			v[n++] = "farm.shared_mfa";
		mh_out_str(o, first ? "\n {\"person\":" : ",\n {\"person\":");
		first = 0;
		mh_out_jstr(o, p->id);
		MH_LIT(o, ",\"email\":");
		mh_out_jstr(o, p->email);
		MH_LIT(o, ",\"scenario\":");
		mh_out_jstr(o, mh_sim_scen_names[p->scen]);
		MH_LIT(o, ",\"group\":");
		mh_out_u64(o, p->group);
		MH_LIT(o, ",\"signals\":");
		strs(o, v, n);
		mh_out_ch(o, '}');
	}
	MH_LIT(o, "]");
}

static void groups(struct mh_out *o, const struct mh_sim *s)
{
	uint32_t g, i;

	MH_LIT(o, ",\n\"scenarios\":[");
	for (g = 0; g < s->ngrp; g++) {
		unsigned n = 0;

		mh_out_str(o, g ? ",\n {\"id\":" : "\n {\"id\":");
		mh_out_u64(o, g);
		MH_LIT(o, ",\"family\":");
		mh_out_jstr(o, mh_sim_scen_names[s->grp[g].scen]);
		MH_LIT(o, ",\"params\":");
		mh_out_str(o, s->grp[g].params[0] ? s->grp[g].params : "{}");
		MH_LIT(o, ",\"members\":[");
		for (i = 0; i < s->np; i++)
			if (s->p[i].scen && s->p[i].group == g) {
				if (n++)
					mh_out_ch(o, ',');
				mh_out_jstr(o, s->p[i].id);
			}
		MH_LIT(o, "]}");
	}
	MH_LIT(o, "]");
}

static void traps(struct mh_out *o, const struct mh_sim *s)
{
	uint32_t i, first = 1, t;

	MH_LIT(o, ",\n\"traps\":[");
	for (i = 0; i < s->np; i++) {
		const struct mh_sim_person *p = &s->p[i];
		unsigned n = 0;

		if (p->scen || !p->traps)
			continue;
		mh_out_str(o, first ? "\n {\"person\":" : ",\n {\"person\":");
		first = 0;
		mh_out_jstr(o, p->id);
		MH_LIT(o, ",\"email\":");
		mh_out_jstr(o, p->email);
		MH_LIT(o, ",\"traps\":[");
		for (t = 0; t < MH_TR__COUNT; t++)
			if (p->traps & (1u << t)) {
				if (n++)
					mh_out_ch(o, ',');
				mh_out_jstr(o, mh_sim_trap_names[t]);
			}
		MH_LIT(o, "],\"why\":[");
		for (t = 0, n = 0; t < MH_TR__COUNT; t++)
			if (p->traps & (1u << t)) {
				if (n++)
					mh_out_ch(o, ',');
				mh_out_jstr(o, mh_sim_trap_why[t]);
			}
		MH_LIT(o, "]}");
	}
	MH_LIT(o, "],\n\"network_traps\":[");
	for (i = 0; i < s->noffices; i++) {
		mh_out_str(o, i ? ",\n {\"ip\":" : "\n {\"ip\":");
		mh_out_jstr(o, s->eg[s->office_egress[i]].ip);
		MH_LIT(o, ",\"trap\":\"office_nat\",\"why\":\"office NAT shared by everyone in the "
		          "office\",\"city\":");
		mh_out_jstr(o, mh_sim_cities[s->office_city[i]].city);
		mh_out_ch(o, '}');
	}
	for (i = 0; i < 4; i++) {
		MH_LIT(o, ",\n {\"ip\":");
		mh_out_jstr(o, s->eg[s->corpvpn_egress[i]].ip);
		MH_LIT(o, ",\"trap\":\"corporate_vpn\",\"why\":\"corporate VPN concentrator shared "
		          "by remote staff\"}");
	}
	MH_LIT(o, ",\n {\"ip\":\"203.0.113.224/27\",\"trap\":\"carrier_nat\",\"why\":\"mobile "
	          "carrier NAT shared by strangers\"}]");
}

static void applicants(struct mh_out *o, const struct mh_sim *s)
{
	uint32_t i, n = 0, t;

	MH_LIT(o, ",\n\"applicants\":{\"total\":");
	mh_out_u64(o, s->nap);
	MH_LIT(o, ",\"positives\":[");
	for (i = 0; i < s->nap; i++) {
		const struct mh_sim_applicant *a = &s->ap[i];

		if (!a->positive)
			continue;
		mh_out_str(o, n++ ? ",\n  {\"applicant\":" : "\n  {\"applicant\":");
		mh_out_u64(o, a->id);
		MH_LIT(o, ",\"cluster\":");
		mh_out_i64(o, a->cluster);
		MH_LIT(o, ",\"referred_by\":");
		if (a->referrer >= 0)
			mh_out_jstr(o, s->p[a->referrer].id);
		else
			MH_LIT(o, "null");
		MH_LIT(o, ",\"scenario\":");
		mh_out_jstr(o, a->cluster >= 0 ? "persona_cluster" : "operative_referral");
		mh_out_ch(o, '}');
	}
	MH_LIT(o, "],\"traps\":[");
	for (i = 0, n = 0; i < s->nap; i++) {
		const struct mh_sim_applicant *a = &s->ap[i];

		if (!a->traps || a->positive)
			continue;
		for (t = 0; t < 4; t++) {
			if (!(a->traps & (1u << t)))
				continue;
			mh_out_str(o, n++ ? ",\n  {\"applicant\":" : "\n  {\"applicant\":");
			mh_out_u64(o, a->id);
			MH_LIT(o, ",\"trap\":");
			mh_out_jstr(o, ap_trap_names[t]);
			MH_LIT(o, ",\"why\":");
			mh_out_jstr(o, ap_trap_why[t]);
			mh_out_ch(o, '}');
		}
	}
	MH_LIT(o, "]}");
}

static void extortion(struct mh_out *o, const struct mh_sim *s)
{
	const struct mh_sim_person *p;
	unsigned k;
	char path[256];

	MH_LIT(o, ",\n\"extortion\":");
	if (s->culprit < 0) {
		MH_LIT(o, "null");
		return;
	}
	p = &s->p[s->culprit];
	MH_LIT(o, "{\"culprit\":");
	mh_out_jstr(o, p->id);
	MH_LIT(o, ",\"email\":");
	mh_out_jstr(o, p->email);
	MH_LIT(o, ",\"message\":\"extortion.eml\",\"received_ip\":");
	mh_out_jstr(o, p->vpn[0] < s->nvpn ? s->vpn[p->vpn[0]].ip : s->vpn[0].ip);
	MH_LIT(o, ",\"leak_repo\":\"");
	mh_out_str(o, s->org);
	mh_out_ch(o, '/');
	mh_out_str(o, mh_sim_repos[s->leak_repo].name);
	MH_LIT(o, "\",\"leak_files\":[");
	for (k = 0; k < s->nleak; k++) {
		snprintf(path, sizeof(path), "%s/%s", mh_sim_repos[s->leak_repo].name,
		         mh_sim_src_files[s->leak_files[k]]);
		if (k)
			mh_out_ch(o, ',');
		mh_out_jstr(o, path);
	}
	MH_LIT(o, "]}");
}

int mh_sim_w_truth(const struct mh_sim *s, const char *path, struct mh_err *err)
{
	struct mh_out o;
	char d0[11], d1[11];
	uint32_t i;

	if (mh_out_open(&o, path, err))
		return -1;
	mh_sim_fmt_day(s->start, d0);
	mh_sim_fmt_day(s->end - 1, d1);
	MH_LIT(&o, "{\"generator\":\"molehunt simulate\",\"seed\":");
	mh_out_u64(&o, s->opt.seed);
	MH_LIT(&o, ",\"employees\":");
	mh_out_u64(&o, s->np);
	MH_LIT(&o, ",\"days\":");
	mh_out_u64(&o, s->opt.days);
	MH_LIT(&o, ",\"scale\":");
	mh_out_fixed(&o, s->opt.scale, 3);
	MH_LIT(&o, ",\"first_day\":\"");
	mh_out_str(&o, d0);
	MH_LIT(&o, "\",\"last_day\":\"");
	mh_out_str(&o, d1);
	MH_LIT(&o, "\",\"company\":");
	mh_out_jstr(&o, s->company);
	MH_LIT(&o, ",\"domain\":");
	mh_out_jstr(&o, s->domain);
	MH_LIT(&o, ",\"github_org\":");
	mh_out_jstr(&o, s->org);
	MH_LIT(&o, ",\"vpn_source\":");
	mh_out_jstr(&o, s->vpn_source);
	MH_LIT(&o, ",\n\"people\":[");
	for (i = 0; i < s->np; i++) {
		if (i)
			mh_out_ch(&o, ',');
		mh_out_jstr(&o, s->p[i].id);
	}
	MH_LIT(&o, "]");
	positives(&o, s);
	groups(&o, s);
	traps(&o, s);
	applicants(&o, s);
	extortion(&o, s);
	MH_LIT(&o, "}\n");
	return mh_out_close(&o, err);
}
