/*
 * Microsoft Entra ID logs in the Azure Monitor diagnostic-settings shape (what
 * lands in Event Hubs, storage accounts and Log Analytics exports):
 * {"time", "category", "operationName", "callerIpAddress", "resultType",
 *  "properties": {...}} -> struct mh_event.
 *
 * By category:
 *   SignInLogs, NonInteractiveUserSignInLogs, ADFSSignInLogs (any category
 *   ending in "SignInLogs" except the two below)
 *        -> MH_EV_SIGNIN, "properties." + the Graph signIn fields (entra.c);
 *           action = appDisplayName, else the category; outcome from
 *           properties.status.errorCode, else the top-level resultType
 *   ServicePrincipalSignInLogs, ManagedIdentitySignInLogs
 *        -> skipped: an application signs in, not a person
 *   AuditLogs and other directory categories (Policy, ApplicationManagement,
 *   DirectoryManagement ...)
 *        -> MH_EV_AUTH with user = properties.initiatedBy.user.userPrincipalName,
 *           ip = its ipAddress (else callerIpAddress), action =
 *           properties.activityDisplayName (else operationName); skipped when
 *           an application, not a user, initiated it
 * time gives ts_ms (else properties.createdDateTime / activityDateTime).
 * A record without "category" or a "properties" object is not of this shape:
 * skipped with that reason.
 */
#include <string.h>

#include "ingest/decoder.h"
#include "ingest/entra.h"
#include "ingest/sniff.h"

enum {
	F_TIME = MH_SI__COUNT,
	F_CATEGORY,
	F_PROPERTIES,
	F_OPERATION,
	F_CALLER_IP,
	F_RESULT,
	F_ACTIVITY,
	F_ACTIVITY_TIME,
	F_INIT_USER,
	F_INIT_UPN,
	F_INIT_IP,
	F__COUNT
};

static const char *const paths[F__COUNT] = {
    "properties.createdDateTime",
    "properties.userPrincipalName",
    "properties.ipAddress",
    "properties.location",
    "properties.location.countryOrRegion",
    "properties.location.city",
    "properties.deviceDetail",
    "properties.deviceDetail.deviceId",
    "properties.deviceDetail.displayName",
    "properties.status",
    "properties.status.errorCode",
    "properties.appDisplayName",
    "properties.autonomousSystemNumber",
    "properties.userAgent",
    "time",
    "category",
    "properties",
    "operationName",
    "callerIpAddress",
    "resultType",
    "properties.activityDisplayName",
    "properties.activityDateTime",
    "properties.initiatedBy.user",
    "properties.initiatedBy.user.userPrincipalName",
    "properties.initiatedBy.user.ipAddress",
};

static int sniff(const char *rec, size_t n)
{
	if (!mh_sniff_key(rec, n, "category") || !mh_sniff_key(rec, n, "properties"))
		return 0;
	return mh_sniff_key(rec, n, "time") || mh_sniff_key(rec, n, "operationName") ? 90 : 40;
}

static void *ctx_new(void)
{
	return mh_fields_new(paths, F__COUNT);
}

static int signin(struct mh_fields *f, struct mh_str cat, struct mh_event *ev, struct mh_err *why)
{
	struct mh_str result = {0};

	if (mh_str_ieq(cat, "ServicePrincipalSignInLogs") ||
	    mh_str_ieq(cat, "ManagedIdentitySignInLogs"))
		return mh_skip(why, "Entra sign-in by an application, not a user");
	if (mh_entra_signin(f, 0, ev, why) || mh_field_str(f, F_RESULT, &result, why))
		return MH_DEC_ERR;
	if (!mh_field_present(f, MH_SI_ERRORCODE) && result.n)
		ev->outcome = mh_str_eq(result, "0") || mh_str_ieq(result, "success")
		                  ? MH_OUT_SUCCESS
		                  : MH_OUT_FAILURE;
	if (!ev->action.n)
		ev->action = cat;
	if (!ev->user.n)
		return mh_skip(why, "Entra sign-in without 'userPrincipalName': not attributable");
	return MH_DEC_OK;
}

static int audit(struct mh_fields *f, struct mh_str cat, struct mh_event *ev, struct mh_err *why)
{
	if (mh_field_object(f, F_INIT_USER, why) || mh_field_str(f, F_INIT_UPN, &ev->user, why) ||
	    mh_field_ip(f, F_INIT_IP, &ev->ip, why) ||
	    mh_field_str(f, F_ACTIVITY, &ev->action, why))
		return MH_DEC_ERR;
	if (!ev->ip.family && mh_field_ip(f, F_CALLER_IP, &ev->ip, why))
		return MH_DEC_ERR;
	if (!ev->action.n && mh_field_str(f, F_OPERATION, &ev->action, why))
		return MH_DEC_ERR;
	if (!ev->action.n)
		ev->action = cat;
	ev->kind = MH_EV_AUTH;
	if (!ev->user.n)
		return mh_skip(why, "Entra audit record initiated by an application, not a user");
	return MH_DEC_OK;
}

static int timestamp(struct mh_fields *f, struct mh_event *ev, struct mh_err *why)
{
	static const int order[] = {F_TIME, MH_SI_CREATED, F_ACTIVITY_TIME};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (mh_field_has_time(f, order[i]))
			return mh_field_time(f, order[i], &ev->ts_ms, why) ? MH_DEC_ERR : 1;
	return 0;
}

static int decode(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
                  struct mh_err *why)
{
	struct mh_fields *f = ctx;
	struct mh_event ev;
	struct mh_str cat = {0};
	int rc;

	if (mh_fields_extract(f, rec->p, rec->n, why))
		return MH_DEC_ERR;
	if (f->v[F_CATEGORY].type != MH_J_STRING || f->v[F_PROPERTIES].type != MH_J_OBJECT)
		return mh_foreign(why,
		                  "not an Azure Monitor record: no 'category' and 'properties'");
	mh_event_init(&ev, rec, MH_SRC_ENTRA);
	if (mh_field_str(f, F_CATEGORY, &cat, why))
		return MH_DEC_ERR;
	rc = timestamp(f, &ev, why);
	if (rc <= 0)
		return rc < 0 ? MH_DEC_ERR : mh_skip(why, "Entra record without a timestamp");
	if (mh_str_ihas_suffix(cat, "SignInLogs"))
		rc = signin(f, cat, &ev, why);
	else
		rc = audit(f, cat, &ev, why);
	if (rc == MH_DEC_OK)
		emit(arg, &ev);
	return rc;
}

const struct mh_decoder mh_dec_entra_diag = {
    .name = "entra_diag",
    .src = MH_SRC_ENTRA,
    .sniff = sniff,
    .ctx_new = ctx_new,
    .ctx_free = mh_fields_free,
    .decode = decode,
};
