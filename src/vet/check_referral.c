/*
 * identity.referral: the applicant was referred by an employee who is
 * flagged, by a risk score at or above risk.flagged_threshold in the store or by
 * sitting in a confirmed cluster of this vetting run, or who is under an open
 * case (the first candidate of its attribution; cases/subjects.h). Facilitators and
 * placed workers refer the next persona; an honest employee's referral is
 * ordinary and scores nothing.
 *
 * The finding carries the referrer's certainty: full vet.referral_points
 * for a referrer under a case, in a confirmed cluster or scoring at least
 * risk.confirmed_threshold, half of them at risk.flagged_threshold, and a
 * straight line between. A referrer just over the flagged line may be an
 * honest employee with several innocent oddities (travel, a VPN, a
 * keep-awake tool); the referral alone should then ask for review, not
 * raise an alert.
 */
#include <math.h>
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

double mh_vet_referral_weight(const struct vet_params *p, const struct mh_vet_rec *e)
{
	double lo = p->flagged_threshold, hi = p->confirmed_threshold, t;

	if (e->under_case || e->linked || e->risk <= 0 || e->risk >= hi)
		return 1;
	if (hi <= lo || e->risk <= lo)
		return 0.5;
	t = (e->risk - lo) / (hi - lo);
	return 0.5 + 0.5 * t;
}

void mh_vet_check_referral(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	const struct mh_vet_rec *e;
	struct mh_vet_finding *f;

	if (!a->referrer || !v->roster || !(e = referrer(v, a->referrer)) ||
	    (!e->flagged && !e->under_case))
		return;
	f = mh_vet_finding_add(
	    &v->res[i], "identity.referral",
	    floor(v->p.referral_points * mh_vet_referral_weight(&v->p, e) + 0.5));
	if (!f)
		return;
	if (e->under_case)
		snprintf(f->summary, sizeof(f->summary),
		         "referred by employee %s (%s), the subject of open case %lld", e->id,
		         e->name, (long long)e->under_case);
	else if (e->linked || e->risk <= 0)
		snprintf(f->summary, sizeof(f->summary),
		         "referred by employee %s (%s), linked to a confirmed cluster", e->id,
		         e->name);
	else
		snprintf(f->summary, sizeof(f->summary),
		         "referred by flagged employee %s (%s), risk score %.1f", e->id, e->name,
		         e->risk);
	mh_vet_ev_add(f, "referrer", e->id);
}
