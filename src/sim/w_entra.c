/*
 * Microsoft Entra ID sign-in writer: Microsoft Graph signIn objects as JSON
 * Lines (GET /auditLogs/signIns). Company laptops are registered devices
 * (deviceDetail.deviceId set); phones reading mail are not.
 */
#include "sim/wcommon.h"

static const char *entra_os(const struct mh_sim_ua *ua)
{
	if (ua->os_kind == MH_OS_WIN)
		return "Windows10";
	if (ua->os_kind == MH_OS_MAC)
		return "MacOs";
	if (ua->os_kind == MH_OS_LINUX)
		return "Linux";
	return ua->os[0] == 'i' ? "Ios" : "Android";
}

static void status(struct mh_out *o, const struct mh_sim_ev *ev)
{
	if (ev->type == MH_SE_ENTRA) {
		MH_LIT(o, "\"status\":{\"errorCode\":0,\"failureReason\":\"Other.\","
		          "\"additionalDetails\":null}");
		return;
	}
	if (ev->arg & 0x1ff) {
		MH_LIT(o, "\"status\":{\"errorCode\":50057,\"failureReason\":\"User account is "
		          "disabled. The account has been disabled by an administrator.\","
		          "\"additionalDetails\":null}");
		return;
	}
	MH_LIT(o, "\"status\":{\"errorCode\":50126,\"failureReason\":\"Error validating "
	          "credentials due to invalid username or password.\",\"additionalDetails\":null}");
}

static void device(struct mh_out *o, const struct mh_sim *s, const struct mh_sim_ev *ev,
                   const struct mh_sim_ua *ua, int phone)
{
	const struct mh_sim_person *p = &s->p[ev->person];

	MH_LIT(o, "\"deviceDetail\":{\"deviceId\":\"");
	if (!phone)
		mh_sim_out_guid(o, p->device_id, mh_mix64(p->device_id));
	MH_LIT(o, "\",\"displayName\":");
	mh_out_jstr(o, phone ? "" : p->host);
	MH_LIT(o, ",\"operatingSystem\":\"");
	mh_out_str(o, entra_os(ua));
	MH_LIT(o, "\",\"browser\":\"");
	if (phone)
		MH_LIT(o, "Mobile Safari");
	else if (ua->browser[0] == 'E')
		MH_LIT(o, "Edge 124.0.2478");
	else if (ua->browser[0] == 'S')
		MH_LIT(o, "Safari 17.4.1");
	else if (ua->browser[0] == 'F')
		MH_LIT(o, "Firefox 125.0");
	else
		MH_LIT(o, "Chrome 124.0.0");
	if (phone)
		MH_LIT(o, "\",\"isCompliant\":false,\"isManaged\":false,\"trustType\":\"\"}");
	else
		MH_LIT(o, "\",\"isCompliant\":true,\"isManaged\":true,\"trustType\":\"Azure AD "
		          "joined\"}");
}

void mh_sim_w_entra(struct mh_sim *s, const struct mh_sim_ev *ev)
{
	struct mh_out *o = &s->out.entra;
	const struct mh_sim_person *p = &s->p[ev->person];
	const struct mh_sim_egress *g = &s->eg[ev->egress];
	const struct mh_sim_city *c = &mh_sim_cities[g->city];
	int phone = (ev->arg & 0x100) != 0;
	const struct mh_sim_ua *ua = &mh_sim_uas[phone ? p->mobile_ua : p->ua];
	const char *app = mh_sim_entra_apps[phone ? 0 : (ev->arg & 0xff) % mh_sim_nentra_apps];
	uint64_t h = mh_mix64(ev->seed ^ ((uint64_t)ev->person << 40));
	double lat, lon;
	char ip[48];

	mh_sim_egress_ip(s, ev->egress, ev->person, ip);
	mh_sim_geo(s, ev->egress, &lat, &lon);
	MH_LIT(o, "{\"id\":\"");
	mh_sim_out_guid(o, h, mh_mix64(h + 1));
	MH_LIT(o, "\",\"createdDateTime\":\"");
	mh_out_iso(o, ev->ts, 0);
	MH_LIT(o, "\",\"userDisplayName\":");
	mh_out_jstr(o, p->name);
	MH_LIT(o, ",\"userPrincipalName\":");
	mh_out_jstr(o, p->upn);
	MH_LIT(o, ",\"userId\":\"");
	mh_sim_out_guid(o, mh_mix64(ev->person + s->opt.seed), mh_mix64(ev->person ^ 0x55ull));
	MH_LIT(o, "\",\"appId\":\"");
	mh_sim_out_guid(o, mh_mix64((uint64_t)(uintptr_t)app[0] * 131u + app[3]), 0x1234567ull);
	MH_LIT(o, "\",\"appDisplayName\":");
	mh_out_jstr(o, app);
	MH_LIT(o, ",\"ipAddress\":");
	mh_out_jstr(o, ip);
	MH_LIT(o, ",\"clientAppUsed\":\"");
	if (phone || (ev->arg & 0xff) == 4 || (ev->arg & 0xff) == 5)
		MH_LIT(o, "Mobile Apps and Desktop clients");
	else
		MH_LIT(o, "Browser");
	MH_LIT(o, "\",\"correlationId\":\"");
	mh_sim_out_guid(o, mh_mix64(h + 2), mh_mix64(h + 3));
	MH_LIT(o, "\",\"conditionalAccessStatus\":\"");
	if (ev->type == MH_SE_ENTRA)
		MH_LIT(o, "success");
	else
		MH_LIT(o, "notApplied");
	MH_LIT(o, "\",\"isInteractive\":");
	if (phone)
		MH_LIT(o, "false");
	else
		MH_LIT(o, "true");
	MH_LIT(o, ",\"riskDetail\":\"none\",\"riskLevelAggregated\":\"none\","
	          "\"riskLevelDuringSignIn\":\"none\",\"riskState\":\"none\","
	          "\"resourceDisplayName\":");
	mh_out_jstr(o, app);
	mh_out_ch(o, ',');
	status(o, ev);
	mh_out_ch(o, ',');
	device(o, s, ev, ua, phone);
	MH_LIT(o, ",\"location\":{\"city\":");
	mh_out_jstr(o, c->city);
	MH_LIT(o, ",\"state\":");
	mh_out_jstr(o, c->state);
	MH_LIT(o, ",\"countryOrRegion\":\"");
	mh_out_str(o, c->cc);
	MH_LIT(o, "\",\"geoCoordinates\":{\"altitude\":null,\"latitude\":");
	mh_out_fixed(o, lat, 5);
	MH_LIT(o, ",\"longitude\":");
	mh_out_fixed(o, lon, 5);
	MH_LIT(o, "}},\"autonomousSystemNumber\":");
	mh_out_u64(o, g->asn);
	MH_LIT(o, ",\"appliedConditionalAccessPolicies\":[]}\n");
}
