/*
 * GitHub audit-log writer: organisation audit-log entries as the REST API and
 * the streaming export give them ("@timestamp" in epoch milliseconds, actor
 * login, actor_ip, repo "org/name"). Git clones and fetches come from git's
 * user agent, zip downloads from the browser.
 */
#include "sim/wcommon.h"

void mh_sim_w_github(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_out *o = &s->out.github;
	const struct mh_sim_person *p = &s->p[ev->person];
	const struct mh_sim_egress *g = &s->eg[ev->egress];
	const char *repo = mh_sim_repos[ev->arg % mh_sim_nrepos].name;
	const char *action;
	char ip[48];

	switch (ev->type) {
	case MH_SE_GH_FETCH:
		action = "git.fetch";
		break;
	case MH_SE_GH_PUSH:
		action = "git.push";
		break;
	case MH_SE_GH_CLONE:
		action = "git.clone";
		break;
	default:
		action = "repo.download_zip";
		break;
	}
	mh_sim_egress_ip(s, ev->egress, ev->person, ip);
	MH_LIT(o, "{\"@timestamp\":");
	mh_out_u64(o, (uint64_t)ev->ts);
	MH_LIT(o, ",\"_document_id\":\"");
	mh_sim_out_alnum(o, mh_mix64(ev->seed ^ (uint64_t)ev->ts), 22);
	MH_LIT(o, "\",\"action\":\"");
	mh_out_str(o, action);
	MH_LIT(o, "\",\"actor\":");
	mh_out_jstr(o, p->login);
	MH_LIT(o, ",\"actor_id\":");
	mh_out_u64(o, 1000000 + (mh_mix64(ev->person ^ s->opt.seed) % 90000000));
	MH_LIT(o, ",\"actor_ip\":");
	mh_out_jstr(o, ip);
	MH_LIT(o, ",\"actor_location\":{\"country_code\":\"");
	mh_out_str(o, mh_sim_cities[g->city].cc);
	MH_LIT(o, "\"},\"business\":");
	mh_out_jstr(o, s->org);
	MH_LIT(o, ",\"org\":");
	mh_out_jstr(o, s->org);
	MH_LIT(o, ",\"org_id\":");
	mh_out_u64(o, 10000000 + mh_mix64(s->opt.seed) % 80000000);
	MH_LIT(o, ",\"repo\":\"");
	mh_out_str(o, s->org);
	mh_out_ch(o, '/');
	mh_out_str(o, repo);
	MH_LIT(o, "\",\"repository\":\"");
	mh_out_str(o, s->org);
	mh_out_ch(o, '/');
	mh_out_str(o, repo);
	MH_LIT(o, "\",\"repository_public\":false,");
	if (ev->type == MH_SE_GH_ZIP) {
		MH_LIT(o, "\"user_agent\":");
		mh_out_jstr(o, mh_sim_uas[p->ua].raw);
	} else {
		MH_LIT(o, "\"transport_protocol\":1,\"transport_protocol_name\":\"http\","
		          "\"programmatic_access_type\":\"OAuth access token\",\"user_agent\":\"");
		MH_LIT(o, "git/2.43.0");
		mh_out_ch(o, '"');
	}
	MH_LIT(o, "}\n");
}
