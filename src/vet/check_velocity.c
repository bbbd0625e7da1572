/*
 * identity.velocity: one identity applying to many requisitions in a short
 * time. An operator runs many applications at once and answers every
 * opening that matches; an honest candidate applies to a few roles. The
 * count is of distinct requisitions within any window of vet.velocity.days;
 * vet.velocity.jobs (default 8) is above what job seekers do in two weeks at
 * one employer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vet/vet_int.h"

static int cmp_job(const void *x, const void *y)
{
	const struct mh_vet_job *a = x, *b = y;

	if (a->applied_ms != b->applied_ms)
		return a->applied_ms < b->applied_ms ? -1 : 1;
	return a->job < b->job ? -1 : a->job > b->job;
}

/* Distinct requisitions among jobs[from, to). */
static size_t distinct(const struct mh_vet_job *j, size_t from, size_t to)
{
	size_t i, k, n = 0;

	for (i = from; i < to; i++) {
		for (k = from; k < i && j[k].job != j[i].job; k++)
			;
		n += k == i;
	}
	return n;
}

void mh_vet_check_velocity(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	struct mh_vet_job jobs[MH_VET_MAX_JOBS];
	int64_t win = (int64_t)(v->p.velocity_days * 86400000.0);
	size_t lo = 0, hi, best = 0, n;
	struct mh_vet_finding *f;

	if (a->njobs < v->p.velocity_jobs)
		return;
	memcpy(jobs, a->jobs, a->njobs * sizeof(*jobs));
	qsort(jobs, a->njobs, sizeof(*jobs), cmp_job);
	for (hi = 0; hi < a->njobs; hi++) {
		while (jobs[hi].applied_ms - jobs[lo].applied_ms > win)
			lo++;
		n = distinct(jobs, lo, hi + 1);
		if (n > best)
			best = n;
	}
	if (best < v->p.velocity_jobs)
		return;
	f = mh_vet_finding_add(&v->res[i], "identity.velocity", v->p.velocity_points);
	if (!f)
		return;
	snprintf(f->summary, sizeof(f->summary), "applied to %zu requisitions within %.0f days",
	         best, v->p.velocity_days);
	mh_vet_ev_add(f, "", f->summary);
}
