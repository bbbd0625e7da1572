/*
 * Okta System Log writer: LogEvent objects as JSON Lines, the shape the
 * /api/v1/logs endpoint returns. A session start is followed by the MFA
 * verification that completed it; debugContext.debugData.dtHash identifies the
 * device that answered the MFA challenge.
 */
#include "sim/wcommon.h"

static void actor(struct mh_out *o, const struct mh_sim *s, uint32_t pi)
{
	const struct mh_sim_person *p = &s->p[pi];

	MH_LIT(o, "\"actor\":{\"id\":\"00u");
	mh_sim_out_alnum(o, 0x6f6b7461ull ^ ((uint64_t)pi << 20) ^ s->opt.seed, 17);
	MH_LIT(o, "\",\"type\":\"User\",\"alternateId\":");
	mh_out_jstr(o, p->email);
	MH_LIT(o, ",\"displayName\":");
	mh_out_jstr(o, p->name);
	MH_LIT(o, ",\"detailEntry\":null}");
}

static void geo(struct mh_out *o, const struct mh_sim *s, uint32_t eg)
{
	const struct mh_sim_city *c = &mh_sim_cities[s->eg[eg].city];
	double lat, lon;

	mh_sim_geo(s, eg, &lat, &lon);
	MH_LIT(o, "{\"city\":");
	mh_out_jstr(o, c->city);
	MH_LIT(o, ",\"state\":");
	mh_out_jstr(o, c->state);
	MH_LIT(o, ",\"country\":");
	mh_out_jstr(o, mh_sim_country_name(c->cc));
	MH_LIT(o, ",\"postalCode\":null,\"geolocation\":{\"lat\":");
	mh_out_fixed(o, lat, 4);
	MH_LIT(o, ",\"lon\":");
	mh_out_fixed(o, lon, 4);
	MH_LIT(o, "}}");
}

static void client(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev,
                   const char *ip)
{
	const struct mh_sim_ua *ua = &mh_sim_uas[s->p[ev->person].ua];

	MH_LIT(o, "\"client\":{\"userAgent\":{\"rawUserAgent\":");
	mh_out_jstr(o, ua->raw);
	MH_LIT(o, ",\"os\":");
	mh_out_jstr(o, ua->os);
	MH_LIT(o, ",\"browser\":");
	mh_out_jstr(o, ua->browser);
	MH_LIT(o, "},\"zone\":\"null\",\"device\":\"Computer\",\"id\":null,\"ipAddress\":");
	mh_out_jstr(o, ip);
	MH_LIT(o, ",\"geographicalContext\":");
	geo(o, s, ev->egress);
	mh_out_ch(o, '}');
}

static void tail(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev,
                 const char *ip, const char *uri, int dt)
{
	const struct mh_sim_egress *g = &s->eg[ev->egress];
	uint64_t h = mh_mix64(ev->seed ^ ((uint64_t)ev->person << 32));

	MH_LIT(o, ",\"transaction\":{\"type\":\"WEB\",\"id\":\"");
	mh_sim_out_alnum(o, h, 27);
	MH_LIT(o, "\",\"detail\":{}},\"debugContext\":{\"debugData\":{\"requestId\":\"");
	mh_sim_out_alnum(o, h + 1, 27);
	MH_LIT(o, "\",\"requestUri\":");
	mh_out_jstr(o, uri);
	MH_LIT(o, ",\"url\":");
	mh_out_jstr(o, uri);
	if (dt) {
		uint64_t m = s->p[ev->person].mfa;

		MH_LIT(o, ",\"dtHash\":\"");
		mh_out_hex(o, mh_mix64(m), 16);
		mh_out_hex(o, mh_mix64(m + 1), 16);
		mh_out_hex(o, mh_mix64(m + 2), 16);
		mh_out_hex(o, mh_mix64(m + 3), 16);
		mh_out_ch(o, '"');
	}
	MH_LIT(o, "}},\"securityContext\":{\"asNumber\":");
	mh_out_u64(o, g->asn);
	MH_LIT(o, ",\"asOrg\":");
	mh_out_jstr(o, g->org);
	MH_LIT(o, ",\"isp\":");
	mh_out_jstr(o, g->isp);
	MH_LIT(o, ",\"domain\":");
	mh_out_jstr(o, g->domain);
	MH_LIT(o, ",\"isProxy\":");
	if (g->proxy)
		MH_LIT(o, "true");
	else
		MH_LIT(o, "false");
	MH_LIT(o, "},\"request\":{\"ipChain\":[{\"ip\":");
	mh_out_jstr(o, ip);
	MH_LIT(o, ",\"geographicalContext\":");
	geo(o, s, ev->egress);
	if (g->v6)
		MH_LIT(o, ",\"version\":\"V6\",\"source\":null}]}}\n");
	else
		MH_LIT(o, ",\"version\":\"V4\",\"source\":null}]}}\n");
}

static void head(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev, int64_t ts,
                 const char *type, const char *legacy, const char *msg)
{
	uint64_t h = mh_mix64(ev->seed + ts);

	MH_LIT(o, "{\"uuid\":\"");
	mh_sim_out_guid(o, h, mh_mix64(h));
	MH_LIT(o, "\",\"published\":\"");
	mh_out_iso(o, ts, 1);
	MH_LIT(o, "\",\"eventType\":\"");
	mh_out_str(o, type);
	MH_LIT(o, "\",\"version\":\"0\",\"severity\":\"INFO\",\"legacyEventType\":\"");
	mh_out_str(o, legacy);
	MH_LIT(o, "\",\"displayMessage\":\"");
	mh_out_str(o, msg);
	MH_LIT(o, "\",");
	actor(o, s, ev->person);
	mh_out_ch(o, ',');
}

static void authctx(struct mh_out *o, const struct mh_sim_ev *ev, const char *cred)
{
	MH_LIT(o, ",\"authenticationContext\":{\"authenticationProvider\":null,"
	          "\"credentialProvider\":");
	mh_out_str(o, cred);
	MH_LIT(o, ",\"credentialType\":null,\"issuer\":null,\"interface\":null,"
	          "\"authenticationStep\":0,\"externalSessionId\":\"102");
	mh_sim_out_alnum(o, ev->seed * 7ull + ev->person, 22);
	MH_LIT(o, "\"}");
}

void mh_sim_w_okta(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_out *o = &s->out.okta;
	char ip[48];

	mh_sim_egress_ip(s, ev->egress, ev->person, ip);
	switch (ev->type) {
	case MH_SE_OKTA_SESSION:
		head(o, s, ev, ev->ts, "user.session.start", "core.user_auth.login_success",
		     "User login to Okta");
		client(o, s, ev, ip);
		authctx(o, ev, "null");
		MH_LIT(o, ",\"outcome\":{\"result\":\"SUCCESS\",\"reason\":null},\"target\":null");
		tail(o, s, ev, ip, "/idp/idx/identify", 1);
		head(o, s, ev, ev->ts + 4000 + ev->seed % 9000, "user.authentication.auth_via_mfa",
		     "core.user.factor.attempt_success", "Authentication of user via MFA");
		client(o, s, ev, ip);
		authctx(o, ev, "\"OKTA_CREDENTIAL_PROVIDER\"");
		MH_LIT(o, ",\"outcome\":{\"result\":\"SUCCESS\",\"reason\":null},\"target\":[{"
		          "\"id\":\"opf");
		mh_sim_out_alnum(o, s->p[ev->person].mfa, 17);
		MH_LIT(o, "\",\"type\":\"AuthenticatorEnrollment\",\"alternateId\":\"unknown\","
		          "\"displayName\":\"Okta Verify\",\"detailEntry\":null}]");
		tail(o, s, ev, ip, "/idp/idx/challenge/answer", 1);
		break;
	case MH_SE_OKTA_SSO:
		head(o, s, ev, ev->ts, "user.authentication.sso", "app.auth.sso",
		     "User single sign on to app");
		client(o, s, ev, ip);
		authctx(o, ev, "null");
		MH_LIT(o, ",\"outcome\":{\"result\":\"SUCCESS\",\"reason\":null},\"target\":[{"
		          "\"id\":\"0oa");
		mh_sim_out_alnum(o, ev->arg + 0x77ull, 17);
		MH_LIT(o, "\",\"type\":\"AppInstance\",\"alternateId\":");
		mh_out_jstr(o, mh_sim_okta_apps[ev->arg % mh_sim_nokta_apps]);
		MH_LIT(o, ",\"displayName\":");
		mh_out_jstr(o, mh_sim_okta_apps[ev->arg % mh_sim_nokta_apps]);
		MH_LIT(o, ",\"detailEntry\":null}]");
		tail(o, s, ev, ip, "/app/sso/saml", 0);
		break;
	default:
		head(o, s, ev, ev->ts, "user.session.start", "core.user_auth.login_failed",
		     "User login to Okta");
		client(o, s, ev, ip);
		authctx(o, ev, "null");
		MH_LIT(o,
		       ",\"outcome\":{\"result\":\"FAILURE\",\"reason\":\"INVALID_CREDENTIALS\"},"
		       "\"target\":null");
		tail(o, s, ev, ip, "/idp/idx/identify", 0);
		break;
	}
}
