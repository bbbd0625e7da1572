#include <stddef.h>
#include <string.h>

#include "detect/detector.h"

/* signin, farm, access (src/detect/signin_*.c, farm_*.c, access_*.c) */
extern const struct mh_detector mh_det_signin_intel;
extern const struct mh_detector mh_det_signin_anonymizer;
extern const struct mh_detector mh_det_signin_geo;
extern const struct mh_detector mh_det_farm_shared_egress;
extern const struct mh_detector mh_det_farm_shared_mfa;
extern const struct mh_detector mh_det_farm_shared_artifact;
extern const struct mh_detector mh_det_access_post_termination;
/* identity (src/detect/identity_*.c) */
extern const struct mh_detector mh_det_identity_consortium;

/* endpoint */
extern const struct mh_detector mh_det_endpoint_remote_tool;
extern const struct mh_detector mh_det_endpoint_kvm;
extern const struct mh_detector mh_det_endpoint_jiggler;
/* hours */
extern const struct mh_detector mh_det_hours_offset;
extern const struct mh_detector mh_det_hours_always_on;
/* exfil */
extern const struct mh_detector mh_det_exfil_volume;
extern const struct mh_detector mh_det_exfil_departure;

const struct mh_detector *const mh_detectors[] = {
    &mh_det_signin_intel,
    &mh_det_signin_anonymizer,
    &mh_det_signin_geo,
    &mh_det_farm_shared_egress,
    &mh_det_farm_shared_mfa,
    &mh_det_farm_shared_artifact,
    &mh_det_access_post_termination,
    &mh_det_identity_consortium,
    /* endpoint */
    &mh_det_endpoint_remote_tool,
    &mh_det_endpoint_kvm,
    &mh_det_endpoint_jiggler,
    /* hours */
    &mh_det_hours_offset,
    &mh_det_hours_always_on,
    /* exfil */
    &mh_det_exfil_volume,
    &mh_det_exfil_departure,
    NULL,
};

const struct mh_detector *mh_detector_find(const char *id)
{
	size_t i;

	for (i = 0; mh_detectors[i]; i++)
		if (!strcmp(mh_detectors[i]->id, id))
			return mh_detectors[i];
	return NULL;
}

double mh_detector_points(const struct mh_detector *d, const struct mh_config *cfg)
{
	return mh_config_dnum(cfg, d->id, "points", d->points);
}
