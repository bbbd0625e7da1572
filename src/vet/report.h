#ifndef MH_VET_REPORT_H
#define MH_VET_REPORT_H
/*
 * Reports of a vetting run: the JSON of SPEC section 6 (one object per
 * applicant with applicant, score, findings) and the human form, which names
 * the shared artifact and the other records holding it, and lists each
 * cluster once.
 *
 * Ownership: returned JSON text is malloc'ed (caller frees).
 */
#include <stdio.h>

#include "vet/vet.h"

/* One applicant's object as JSON text. */
char *mh_vet_report_json(const struct mh_vet *v, const struct mh_applicants *b, size_t i);
/* Its findings array alone, for the store. */
char *mh_vet_report_findings_json(const struct mh_vet *v, const struct mh_applicants *b, size_t i);
/* Applicants with findings, highest score first, then the clusters. */
void mh_vet_report_text(FILE *out, const struct mh_vet *v, const struct mh_applicants *b,
                        double threshold);

#endif
