/* An employee's canonical identity artifacts (employee.h). */
#include "vet/employee.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vet/applicant.h"

static const char *const columns[MH_VET_EMP_ARTS] = {"email", "personal_email", "phone",
                                                     "payroll_account", "ship_address"};
static const uint8_t kinds[MH_VET_EMP_ARTS] = {MH_VA_EMAIL, MH_VA_EMAIL, MH_VA_PHONE, MH_VA_PAYROLL,
                                               MH_VA_ADDRESS};

void mh_vet_employee_arts(const struct mh_roster_entry *e, struct mh_vet_emp_arts *out)
{
	const char *vals[MH_VET_EMP_ARTS] = {e->email, e->personal_email, e->phone,
	                                     e->payroll_account, e->ship_address};
	struct mh_applicant tmp;
	size_t k;

	out->n = 0;
	memset(&tmp, 0, sizeof(tmp));
	memcpy(tmp.home_cc, e->country, sizeof(tmp.home_cc));
	for (k = 0; k < MH_VET_EMP_ARTS; k++) {
		struct mh_vet_emp_art *a = &out->v[out->n];

		if (!vals[k] || !vals[k][0] ||
		    !mh_applicant_add(&tmp, (enum mh_vet_kind)kinds[k], vals[k], strlen(vals[k])))
			continue;
		a->kind = kinds[k];
		a->column = columns[k];
		a->raw = vals[k];
		snprintf(a->value, sizeof(a->value), "%s", tmp.arts[tmp.narts - 1].value);
		out->n++;
	}
	for (k = 0; k < tmp.narts; k++) {
		free(tmp.arts[k].value);
		free(tmp.arts[k].raw);
	}
}
