#ifndef MH_ENTRA_H
#define MH_ENTRA_H
/*
 * The Microsoft Graph signIn fields both Entra decoders read: entra.c at the
 * top level, entra_diag.c under "properties.". Each decoder lists the paths
 * in this order starting at some base index.
 */
#include "core/event.h"
#include "ingest/field.h"

enum {
	MH_SI_CREATED,
	MH_SI_UPN,
	MH_SI_IP,
	MH_SI_LOCATION,
	MH_SI_COUNTRY,
	MH_SI_CITY,
	MH_SI_DEVICE,
	MH_SI_DEVICE_ID,
	MH_SI_DEVICE_NAME,
	MH_SI_STATUS,
	MH_SI_ERRORCODE,
	MH_SI_APP,
	MH_SI_ASN,
	MH_SI_UA,
	MH_SI__COUNT
};

/* Fill a sign-in event from the Graph fields at f->v[base ..]; the caller set
 * ts_ms or leaves it for createdDateTime. -1 with why on a malformed field. */
int mh_entra_signin(struct mh_fields *f, int base, struct mh_event *ev, struct mh_err *why);

#endif
