/*
 * identity.referral: the applicant was referred by an employee who is
 * flagged, by a risk score at or above risk.flagged_threshold in the store or by
 * sitting in a confirmed cluster of this vetting run. Facilitators and
 * placed workers refer the next persona; an honest employee's referral is
 * ordinary and scores nothing.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ingest/roster.h"
#include "vet/vet_int.h"

/* The employee record the referrer names (employee id, e-mail or name). */
static const struct mh_vet_rec *referrer(const struct mh_vet *v, const char *who)
{
	size_t r;

	for (r = v->batch->n; r < v->nrec; r++) {
		const struct mh_vet_rec *rec = &v->rec[r];
		const struct mh_roster_entry *e;

		if (rec->type != MH_VR_EMPLOYEE)
			continue;
		e = &v->roster->v[rec->index];
		if (!strcmp(e->employee_id, who) || (e->email && !strcasecmp(e->email, who)) ||
		    (e->name && !strcasecmp(e->name, who)))
			return rec;
	}
	return NULL;
}

void mh_vet_check_referral(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	const struct mh_vet_rec *e;
	struct mh_vet_finding *f;

	if (!a->referrer || !v->roster || !(e = referrer(v, a->referrer)) || !e->flagged)
		return;
	f = mh_vet_finding_add(&v->res[i], "identity.referral", v->p.referral_points);
	if (!f)
		return;
	snprintf(f->summary, sizeof(f->summary), "referred by flagged employee %s (%s)", e->id,
	         e->name);
	mh_vet_ev_add(f, "referrer", e->id);
}
