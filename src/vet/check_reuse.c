/*
 * identity.reuse: an applicant's e-mail, phone, postal address, payment
 * account, profile URL, photo hash or resume is also another applicant's or
 * an employee's, under a different name.
 *
 * Evidence is weighed per pair of records, because what convicts a persona is
 * the same other identity matching on independent artifacts: one shared
 * value has honest explanations (an agency's switchboard, a default avatar, a
 * bootcamp's resume template, a relative's home), two rarely do. So a pair's
 * points are the sum of its shared kinds' weights (docs/VET.md): a phone,
 * e-mail, payment account, profile or photo alone stays under the alert
 * threshold; a resume that overlaps only counts next to another shared
 * artifact; a home address under the same surname (family) weighs almost
 * nothing, under 3+ surnames (a mail drop) much more. The applicant gets its
 * strongest pair's points, raised to vet.cluster_points when it re-uses an
 * artifact and its resume resembles a corroborated record's, or when it
 * shares specific artifacts with two corroborated records of its cluster
 * (cluster.c). A placeholder (a value on the profiles of strangers who
 * share nothing else: a default avatar, an agency's phone) counts nothing.
 */
#include <stdio.h>
#include <string.h>

#include "vet/vet_int.h"

static void with_add(struct mh_vet_ev *e, uint32_t r)
{
	uint8_t k;

	for (k = 0; k < e->nwith; k++)
		if (e->with[k] == r)
			return;
	if (e->nwith < MH_VET_MAX_WITH)
		e->with[e->nwith++] = r;
	else
		e->more++;
}

static int linked(const struct mh_vet *v, uint32_t i, uint32_t r)
{
	uint32_t k;

	for (k = v->adj_off[i]; k < v->adj_off[i + 1]; k++) {
		const struct vet_link *l = &v->link[v->adj[k]];

		if (l->a == r || l->b == r)
			return 1;
	}
	return 0;
}

/* One evidence item per shared value of the applicant. */
static void shared_values(struct mh_vet *v, size_t i, struct mh_vet_finding *f)
{
	const struct mh_applicant *a = &v->batch->v[i];
	size_t k, from, to, j;

	for (k = 0; k < a->narts; k++) {
		struct mh_vet_ev *e = NULL;

		if (!mh_vet_art_run(v, a->arts[k].kind, a->arts[k].value, &from, &to) ||
		    to - from < 2)
			continue;
		if (v->art[from].common) {
			char text[160];

			snprintf(text, sizeof(text),
			         v->art[from].common == VA_HUB
			             ? "%s (common: held by %zu records, not counted)"
			             : "%s (placeholder: held by %zu records that share nothing "
			               "else, not counted)",
			         a->arts[k].raw, to - from);
			e = mh_vet_ev_add(f, mh_vet_kind_names[a->arts[k].kind], text);
			continue;
		}
		for (j = from; j < to; j++) {
			uint32_t r = v->art[j].rec;

			if (r == i || !linked(v, (uint32_t)i, r))
				continue;
			if (!e)
				e = mh_vet_ev_add(f, mh_vet_kind_names[a->arts[k].kind],
				                  a->arts[k].raw);
			if (e)
				with_add(e, r);
		}
	}
}

static void resumes(struct mh_vet *v, size_t i, struct mh_vet_finding *f)
{
	struct mh_vet_ev *e = NULL;
	uint32_t k;

	for (k = v->adj_off[i]; k < v->adj_off[i + 1]; k++) {
		const struct vet_link *l = &v->link[v->adj[k]];

		if (!(l->kinds & (VK_RESUME | VK_OVERLAP)))
			continue;
		if (!e)
			e = mh_vet_ev_add(f, "resume", "similar resume text");
		if (!e)
			return;
		with_add(e, l->a == i ? l->b : l->a);
		if (l->sim > e->sim)
			e->sim = l->sim;
	}
}

/* The cores of its cluster this member shares specific artifacts with. */
static void member_ev(struct mh_vet *v, size_t i, struct mh_vet_finding *f)
{
	const struct mh_vet_rec *r = &v->rec[i];
	char text[160];
	size_t o = 0;
	struct mh_vet_ev *e;
	int k;

	for (k = 0; k < MH_VA__COUNT && o < sizeof(text); k++)
		if (r->member_kinds & (1u << k))
			o += (size_t)snprintf(text + o, sizeof(text) - o, "%s%s",
			                      o ? ", " : "shares ", mh_vet_kind_names[k]);
	if (o < sizeof(text))
		snprintf(text + o, sizeof(text) - o, " with %u corroborated records of its cluster",
		         r->member_cores);
	e = mh_vet_ev_add(f, "cluster", text);
	for (k = 0; e && k < (int)r->member_cores && k < MH_VET_MEMBER_OF; k++)
		with_add(e, r->member_of[k]);
	if (e && r->member_cores > MH_VET_MEMBER_OF)
		e->more = r->member_cores - MH_VET_MEMBER_OF;
}

/* Has an evidence item before k the same artifact name? */
static int named_before(const struct mh_vet_finding *f, size_t k)
{
	size_t j;

	for (j = 0; j < k; j++)
		if (!strcmp(f->ev[j].artifact, f->ev[k].artifact))
			return 1;
	return 0;
}

static void summary(struct mh_vet *v, size_t i, struct mh_vet_finding *f, double best)
{
	const struct mh_vet_rec *r = &v->rec[i];
	size_t o = 0, k;

	for (k = 0; k < f->nev && o < sizeof(f->summary); k++)
		if (strcmp(f->ev[k].artifact, "cluster") && !named_before(f, k))
			o += (size_t)snprintf(f->summary + o, sizeof(f->summary) - o, "%s%s",
			                      o ? ", " : "", f->ev[k].artifact);
	if (o < sizeof(f->summary))
		o += (size_t)snprintf(f->summary + o, sizeof(f->summary) - o,
		                      " shared with other records (strongest pair %.0f points)",
		                      best);
	if (r->component && o < sizeof(f->summary))
		o += (size_t)snprintf(f->summary + o, sizeof(f->summary) - o,
		                      "; cluster C%u of %zu%s", r->component,
		                      v->cl[r->component - 1].n,
		                      v->cl[r->component - 1].confirmed ? ", confirmed" : "");
	if (r->member && o < sizeof(f->summary))
		snprintf(f->summary + o, sizeof(f->summary) - o,
		         "; holds a value of %u of its corroborated records", r->member_cores);
}

void mh_vet_check_reuse(struct mh_vet *v, size_t i)
{
	const struct mh_vet_rec *r = &v->rec[i];
	struct mh_vet_finding *f;
	double best = 0, pts;
	uint32_t k;

	for (k = v->adj_off[i]; k < v->adj_off[i + 1]; k++)
		if (v->link[v->adj[k]].score > best)
			best = v->link[v->adj[k]].score;
	pts = best;
	if ((r->resembles || r->member) && pts < v->p.cluster_points)
		pts = v->p.cluster_points;
	if (v->adj_off[i] == v->adj_off[i + 1]) {
		/* nothing linked, but say so when a value is common to many */
		f = mh_vet_finding_add(&v->res[i], "identity.reuse", 0);
		if (!f)
			return;
		shared_values(v, i, f);
		if (!f->nev) {
			v->res[i].nf--;
			return;
		}
		snprintf(f->summary, sizeof(f->summary),
		         "only values common to many records or placeholders");
		return;
	}
	f = mh_vet_finding_add(&v->res[i], "identity.reuse", pts);
	if (!f)
		return;
	shared_values(v, i, f);
	resumes(v, i, f);
	if (r->member)
		member_ev(v, i, f);
	if (r->resembles) {
		struct mh_vet_ev *e = mh_vet_ev_add(f, "resume", "resembles a corroborated record");

		if (e) {
			e->with[e->nwith++] = r->like;
			e->sim = r->like_sim;
		}
	}
	summary(v, i, f, best);
}
