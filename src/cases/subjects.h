#ifndef MH_CASE_SUBJECTS_H
#define MH_CASE_SUBJECTS_H
/*
 * The people under an open case: for every case not closed, the first
 * candidate of its latest attribution (the person the evidence points to
 * first). Used by vet's identity.referral: a referral by someone under a
 * case weighs in full (SPEC).
 *
 * Ownership: *keys is a malloc'ed array of malloc'ed person keys (free with
 * mh_store_free_list), *cases a malloc'ed array of the matching case ids.
 */
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

int mh_case_subjects(struct mh_store *s, char ***keys, int64_t **cases, size_t *n,
                     struct mh_err *err);

#endif
