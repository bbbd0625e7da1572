#ifndef MH_SHARE_REPORT_H
#define MH_SHARE_REPORT_H
/*
 * After an import: which of our employees (the stored roster) and earlier
 * applicants now match a peer's hashes, so the analyst knows whom the next
 * scan and vet will score. Printed, never stored: findings come from the
 * scan (identity.consortium on employees) and from vet.
 */
#include <stdio.h>

#include "share/key.h"
#include "store/store.h"

#define MH_SHARE_COMMON_MAX 10 /* employees holding a value that is common */

int mh_share_report(FILE *out, struct mh_store *s, const struct mh_share_keys *keys,
                    struct mh_err *err);

#endif
