#ifndef MH_SHARE_EXPORT_H
#define MH_SHARE_EXPORT_H
/*
 * Choosing what a member shares (docs/SHARE.md): the identity artifacts of
 * the people it flagged, as keyed hashes, one random subject id per person
 * per export.
 *
 *   employees   risk score at or above emp_threshold (risk.flagged_threshold);
 *               artifacts from the stored roster through the vetting
 *               normalisers (vet/employee.h), the work e-mail left out (a
 *               peer never sees our domain's mailboxes);
 *   applicants  vetting score at or above app_threshold (alert.threshold);
 *               their stored canonical artifacts.
 *
 * A person is shared only on the strength of our own evidence: the points
 * of identity.consortium (what peers told us) are taken out before the
 * threshold is applied, so a peer's flag never comes back to it as ours.
 * confirmed: employees only when two or more independent families
 * contribute; applicants only when one identity.reuse or identity.intel
 * finding reaches app_threshold on its own.
 *
 * Ownership: the bundle (caller's) receives copies.
 */
#include <stddef.h>

#include "share/bundle.h"
#include "share/key.h"
#include "store/store.h"

struct mh_config;

struct mh_share_export_opts {
	const char *exporter;
	const char *created; /* "YYYY-MM-DD" */
	double emp_threshold, app_threshold;
	int confirmed;
};

struct mh_share_export_stats {
	size_t employees, applicants, records;
	size_t no_artifacts; /* flagged people without a shareable artifact */
	int no_roster;       /* the store holds no roster: employees were skipped */
};

int mh_share_export(struct mh_store *s, const struct mh_config *cfg, const struct mh_share_key *k,
                    const struct mh_share_export_opts *o, struct mh_share_bundle *b,
                    struct mh_share_export_stats *st, struct mh_err *err);

#endif
