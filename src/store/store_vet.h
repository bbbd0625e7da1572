#ifndef MH_STORE_VET_H
#define MH_STORE_VET_H
/*
 * The store's vetting tables (store/schema_vet.c): earlier applicants with
 * their canonical artifacts, resume MinHash, score and findings.
 *
 * Ownership: loading copies into the vetting engine; the lists of flagged
 * people are malloc'ed and freed with mh_store_free_list().
 */
#include <stddef.h>

#include "store/store.h"
#include "vet/vet.h"

/* Add every stored applicant to v (mh_vet_add_old). */
int mh_store_vet_load(struct mh_store *s, struct mh_vet *v, struct mh_err *err);
/* Store (insert or replace) every applicant of the vetted batch with its
 * score; findings_json[i] is its findings as JSON text. One transaction. */
int mh_store_vet_save(struct mh_store *s, const struct mh_applicants *batch, const struct mh_vet *v,
                      char *const *findings_json, struct mh_err *err);
/* Keys of the people whose stored risk score is at or above threshold, and
 * their scores (*scores, malloc'ed, freed by the caller), highest first. */
int mh_store_flagged_people(struct mh_store *s, double threshold, char ***keys, double **scores,
                            size_t *n, struct mh_err *err);

#endif
