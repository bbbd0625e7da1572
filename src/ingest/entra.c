/*
 * Microsoft Entra ID sign-in, Microsoft Graph shape (GET /auditLogs/signIns,
 * one `signIn` object per record) -> struct mh_event, kind MH_EV_SIGNIN.
 *
 * Fields read and where they go (the same names appear under "properties." in
 * the Azure Monitor shape, entra_diag.c, which shares mh_entra_signin):
 *   createdDateTime                ts_ms (required; missing -> skip)
 *   userPrincipalName              user (required; missing -> skip)
 *   ipAddress                      ip
 *   location.countryOrRegion       country (ISO alpha-2)
 *   location.city                  city
 *   deviceDetail.displayName       host (else deviceDetail.deviceId)
 *   status.errorCode               outcome: 0 -> success, other -> failure,
 *                                  absent -> unknown
 *   appDisplayName                 action: the application signed in to, which
 *                                  is what tells one sign-in from another here
 *   autonomousSystemNumber         asn (number or numeric string)
 *   userAgent                      user_agent
 * location, deviceDetail and status must be objects when present.
 */
#include "ingest/entra.h"

#include <string.h>

#include "ingest/decoder.h"
#include "ingest/sniff.h"

int mh_entra_signin(struct mh_fields *f, int base, struct mh_event *ev, struct mh_err *why)
{
	uint64_t asn = 0, code = 0;
	int64_t ts;

	if (mh_field_object(f, base + MH_SI_LOCATION, why) ||
	    mh_field_object(f, base + MH_SI_DEVICE, why) ||
	    mh_field_object(f, base + MH_SI_STATUS, why) ||
	    mh_field_str(f, base + MH_SI_UPN, &ev->user, why) ||
	    mh_field_ip(f, base + MH_SI_IP, &ev->ip, why) ||
	    mh_field_str(f, base + MH_SI_COUNTRY, &ev->country, why) ||
	    mh_field_str(f, base + MH_SI_CITY, &ev->city, why) ||
	    mh_field_str(f, base + MH_SI_DEVICE_NAME, &ev->host, why) ||
	    mh_field_u64(f, base + MH_SI_ERRORCODE, &code, why) ||
	    mh_field_str(f, base + MH_SI_APP, &ev->action, why) ||
	    mh_field_u64(f, base + MH_SI_ASN, &asn, why) ||
	    mh_field_str(f, base + MH_SI_UA, &ev->user_agent, why))
		return -1;
	if (!ev->host.n && mh_field_str(f, base + MH_SI_DEVICE_ID, &ev->host, why))
		return -1;
	if (asn > UINT32_MAX)
		return mh_err_set(why, MH_EINPUT, "field '%s' is out of range",
		                  f->paths[base + MH_SI_ASN]);
	if (!ev->ts_ms && mh_field_has_time(f, base + MH_SI_CREATED)) {
		if (mh_field_time(f, base + MH_SI_CREATED, &ts, why))
			return -1;
		ev->ts_ms = ts;
	}
	ev->asn = (uint32_t)asn;
	ev->kind = MH_EV_SIGNIN;
	if (mh_field_present(f, base + MH_SI_ERRORCODE))
		ev->outcome = code == 0 ? MH_OUT_SUCCESS : MH_OUT_FAILURE;
	return 0;
}

static const char *const paths[MH_SI__COUNT] = {
    "createdDateTime",
    "userPrincipalName",
    "ipAddress",
    "location",
    "location.countryOrRegion",
    "location.city",
    "deviceDetail",
    "deviceDetail.deviceId",
    "deviceDetail.displayName",
    "status",
    "status.errorCode",
    "appDisplayName",
    "autonomousSystemNumber",
    "userAgent",
};

static int sniff(const char *rec, size_t n)
{
	if (!mh_sniff_key(rec, n, "createdDateTime") || !mh_sniff_key(rec, n, "userPrincipalName"))
		return 0;
	return mh_sniff_key(rec, n, "properties") ? 40 : 85;
}

static void *ctx_new(void)
{
	return mh_fields_new(paths, MH_SI__COUNT);
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct mh_fields *f = ctx;
	struct mh_event ev;

	if (mh_fields_extract(f, rec->p, rec->n, why))
		return MH_DEC_ERR;
	if (!mh_field_present(f, MH_SI_CREATED))
		return mh_foreign(why, "not a Graph signIn: no 'createdDateTime'");
	if (!mh_field_has_time(f, MH_SI_CREATED))
		return mh_skip(why, "Graph signIn without a usable 'createdDateTime'");
	mh_event_init(&ev, rec, MH_SRC_ENTRA);
	if (mh_entra_signin(f, 0, &ev, why))
		return MH_DEC_ERR;
	if (!ev.user.n)
		return mh_skip(why, "sign-in without 'userPrincipalName': not attributable");
	emit(arg, &ev);
	return MH_DEC_OK;
}

const struct mh_decoder mh_dec_entra = {
    .name = "entra",
    .src = MH_SRC_ENTRA,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = mh_fields_free,
    .decode = decode,
};
