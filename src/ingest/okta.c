/*
 * Okta System Log (LogEvent, as the /api/v1/logs API, log streaming and SIEM
 * exports write it) -> struct mh_event.
 *
 * Fields read and where they go:
 *   published                               ts_ms (required; missing -> skip)
 *   eventType                               action; kind: user.session.start and
 *                                           user.authentication.* -> MH_EV_SIGNIN,
 *                                           everything else -> MH_EV_AUTH
 *   outcome.result                          outcome: SUCCESS/ALLOW -> success,
 *                                           FAILURE/DENY -> failure, others unknown
 *   actor.alternateId                       user (login / e-mail); missing -> skip
 *   client.ipAddress                        ip
 *   client.geographicalContext.country      country (a name: "United States")
 *   client.geographicalContext.city         city
 *   client.userAgent.rawUserAgent           user_agent
 *   securityContext.asNumber                asn
 *   securityContext.asOrg / .isp            as_org (asOrg, else isp)
 *   securityContext.isProxy                 is_proxy
 *   debugContext.debugData.dtHash           mfa_device: the device-token hash
 *                                           Okta computes per authenticating device
 *   debugContext.debugData.deviceFingerprint  mfa_device when dtHash is absent
 *   device.name                             host (Okta Verify / device-trust events)
 * actor and client must be objects when present ("actor": "x" is malformed);
 * published must be a string.
 * Some pipelines (Panther among them) lower-case the top-level keys
 * ("eventtype", "securitycontext", "debugcontext"); those spellings are read
 * too, the canonical one winning when both are present. A "published" value
 * without digits ("redacted") means the exporter withheld the time: skipped.
 */

#include "ingest/decoder.h"
#include "ingest/field.h"
#include "ingest/sniff.h"

enum {
	F_PUBLISHED,
	F_EVENTTYPE,
	F_RESULT,
	F_ACTOR,
	F_USER,
	F_CLIENT,
	F_IP,
	F_COUNTRY,
	F_CITY,
	F_UA,
	F_ASN,
	F_ASORG,
	F_ISP,
	F_PROXY,
	F_DTHASH,
	F_FINGERPRINT,
	F_DEVICE,
	/* the same, as pipelines that lower-case top-level keys write them */
	F_LC_EVENTTYPE,
	F_LC_ASN,
	F_LC_ASORG,
	F_LC_ISP,
	F_LC_PROXY,
	F_LC_DTHASH,
	F_LC_FINGERPRINT,
	F__COUNT
};

static const char *const paths[F__COUNT] = {
    "published",
    "eventType",
    "outcome.result",
    "actor",
    "actor.alternateId",
    "client",
    "client.ipAddress",
    "client.geographicalContext.country",
    "client.geographicalContext.city",
    "client.userAgent.rawUserAgent",
    "securityContext.asNumber",
    "securityContext.asOrg",
    "securityContext.isp",
    "securityContext.isProxy",
    "debugContext.debugData.dtHash",
    "debugContext.debugData.deviceFingerprint",
    "device.name",
    "eventtype",
    "securitycontext.asNumber",
    "securitycontext.asOrg",
    "securitycontext.isp",
    "securitycontext.isProxy",
    "debugcontext.debugData.dtHash",
    "debugcontext.debugData.deviceFingerprint",
};

/* Copy the lower-case spelling's value into the canonical slot when only it
 * is present. */
static void fold_aliases(struct mh_fields *f)
{
	static const int pairs[][2] = {
	    {F_EVENTTYPE, F_LC_EVENTTYPE},
	    {F_ASN, F_LC_ASN},
	    {F_ASORG, F_LC_ASORG},
	    {F_ISP, F_LC_ISP},
	    {F_PROXY, F_LC_PROXY},
	    {F_DTHASH, F_LC_DTHASH},
	    {F_FINGERPRINT, F_LC_FINGERPRINT},
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (f->v[pairs[i][0]].type == MH_J_ABSENT)
			f->v[pairs[i][0]] = f->v[pairs[i][1]];
}

static int sniff(const char *rec, size_t n)
{
	if (!mh_sniff_key(rec, n, "eventType") && !mh_sniff_key(rec, n, "eventtype"))
		return 0;
	if (mh_sniff_key(rec, n, "published"))
		return mh_sniff_key(rec, n, "actor") ? 95 : 85;
	return mh_sniff_key(rec, n, "actor") ? 50 : 0;
}

static void *ctx_new(void)
{
	return mh_fields_new(paths, F__COUNT);
}

static int classify(struct mh_event *ev, struct mh_str result)
{
	if (mh_str_eq(ev->action, "user.session.start") ||
	    mh_str_has_prefix(ev->action, "user.authentication."))
		ev->kind = MH_EV_SIGNIN;
	else
		ev->kind = MH_EV_AUTH;
	if (mh_str_eq(result, "SUCCESS") || mh_str_eq(result, "ALLOW"))
		ev->outcome = MH_OUT_SUCCESS;
	else if (mh_str_eq(result, "FAILURE") || mh_str_eq(result, "DENY"))
		ev->outcome = MH_OUT_FAILURE;
	return 0;
}

static int fields(struct mh_fields *f, struct mh_event *ev, struct mh_str *result,
                  struct mh_err *why)
{
	uint64_t asn = 0;

	if (mh_field_object(f, F_ACTOR, why) || mh_field_object(f, F_CLIENT, why) ||
	    mh_field_time(f, F_PUBLISHED, &ev->ts_ms, why) ||
	    mh_field_str(f, F_EVENTTYPE, &ev->action, why) ||
	    mh_field_str(f, F_RESULT, result, why) || mh_field_str(f, F_USER, &ev->user, why) ||
	    mh_field_ip(f, F_IP, &ev->ip, why) || mh_field_str(f, F_COUNTRY, &ev->country, why) ||
	    mh_field_str(f, F_CITY, &ev->city, why) ||
	    mh_field_str(f, F_UA, &ev->user_agent, why) || mh_field_u64(f, F_ASN, &asn, why) ||
	    mh_field_str(f, F_ASORG, &ev->as_org, why) ||
	    mh_field_bool(f, F_PROXY, &ev->is_proxy, why) ||
	    mh_field_str(f, F_DTHASH, &ev->mfa_device, why) ||
	    mh_field_str(f, F_DEVICE, &ev->host, why))
		return -1;
	if (asn > UINT32_MAX)
		return mh_err_set(why, MH_EINPUT,
		                  "field 'securityContext.asNumber' is out of range");
	ev->asn = (uint32_t)asn;
	if (!ev->as_org.n && mh_field_str(f, F_ISP, &ev->as_org, why))
		return -1;
	if (!ev->mfa_device.n && mh_field_str(f, F_FINGERPRINT, &ev->mfa_device, why))
		return -1;
	return 0;
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct mh_fields *f = ctx;
	struct mh_event ev;
	struct mh_str result = {0};

	if (mh_fields_extract(f, rec->p, rec->n, why))
		return MH_DEC_ERR;
	fold_aliases(f);
	if (!mh_field_present(f, F_EVENTTYPE))
		return mh_foreign(why, "not an Okta LogEvent: no 'eventType'");
	if (!mh_field_has_time(f, F_PUBLISHED))
		return mh_skip(why,
		               "Okta event without a 'published' timestamp (absent or withheld)");
	mh_event_init(&ev, rec, MH_SRC_OKTA);
	if (fields(f, &ev, &result, why))
		return MH_DEC_ERR;
	if (!ev.user.n)
		return mh_skip(why, "Okta event without 'actor.alternateId': not attributable");
	classify(&ev, result);
	emit(arg, &ev);
	return MH_DEC_OK;
}

const struct mh_decoder mh_dec_okta = {
    .name = "okta",
    .src = MH_SRC_OKTA,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = mh_fields_free,
    .decode = decode,
};
