#ifndef MH_VET_EMPLOYEE_H
#define MH_VET_EMPLOYEE_H
/*
 * An employee's identity artifacts as vetting and consortium sharing see
 * them: the roster's e-mail, personal e-mail, phone (a national number
 * completed by the stated country), payroll account and ship-to address,
 * through the applicant normalisers (vet/vnorm.h via mh_applicant_add), so
 * an employee's values compare equal to an applicant's and to a peer's.
 *
 * Ownership: canonical values are copied into the struct; raw points into
 * the roster entry and column at static text, both borrowed.
 */
#include <stddef.h>
#include <stdint.h>

#include "ingest/roster.h"

#define MH_VET_EMP_ARTS  5
#define MH_VET_EMP_VALUE 1100

struct mh_vet_emp_art {
	uint8_t kind;       /* enum mh_vet_kind */
	const char *column; /* roster column: "email", "personal_email", "phone" ... */
	const char *raw;    /* the value as the roster has it */
	char value[MH_VET_EMP_VALUE];
};

struct mh_vet_emp_arts {
	struct mh_vet_emp_art v[MH_VET_EMP_ARTS];
	size_t n;
};

/* The artifacts of e, in column order; a value that does not normalise or
 * repeats an earlier one is left out. */
void mh_vet_employee_arts(const struct mh_roster_entry *e, struct mh_vet_emp_arts *out);

#endif
