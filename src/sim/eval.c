/* Detection metrics against simulator truth (see eval.h for definitions). */
#include "sim/eval.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

struct scored {
	double score;
	size_t idx; /* person index */
};

static int find_person(const struct mh_eval_truth *t, const char *id, const char *email)
{
	size_t i;

	for (i = 0; i < t->npeople; i++) {
		const struct mh_eval_person *p = &t->people[i];

		if (id && !strcmp(p->id, id))
			return (int)i;
		if (email && p->email && !strcasecmp(p->email, email))
			return (int)i;
	}
	return -1;
}

static int cmp_score_asc(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Mann-Whitney AUC with average ranks for ties. */
static double auc(const struct mh_eval_truth *t, const double *score)
{
	struct scored *v = mh_malloc((t->npeople + 1) * sizeof(*v));
	size_t i, j, npos = 0, nneg;
	double rank_sum = 0;

	for (i = 0; i < t->npeople; i++) {
		v[i].score = score[i];
		v[i].idx = i;
	}
	qsort(v, t->npeople, sizeof(*v), cmp_score_asc);
	for (i = 0; i < t->npeople; i = j) {
		double avg;

		for (j = i; j < t->npeople && v[j].score == v[i].score; j++)
			;
		avg = (double)(i + 1 + j) / 2.0; /* ranks i+1 .. j */
		for (size_t k = i; k < j; k++)
			if (t->people[v[k].idx].positive) {
				rank_sum += avg;
				npos++;
			}
	}
	free(v);
	nneg = t->npeople - npos;
	if (!npos || !nneg)
		return 0.5;
	return (rank_sum - (double)npos * (double)(npos + 1) / 2.0) / ((double)npos * (double)nneg);
}

/* Person indexes in ranking order, without duplicates or unknown people. */
static size_t order(const struct mh_eval_truth *t, const struct mh_eval_rank *risk, size_t n,
                    size_t *out, double *score)
{
	struct scored *v = mh_malloc((n + 1) * sizeof(*v));
	char *seen = mh_calloc(t->npeople + 1, 1);
	size_t i, no = 0;

	for (i = 0; i < n; i++) {
		v[i].score = -risk[i].score; /* ascending sort of the negation: descending */
		v[i].idx = i;
	}
	qsort(v, n, sizeof(*v), cmp_score_asc);
	for (i = 0; i < n; i++) {
		const struct mh_eval_rank *e = &risk[v[i].idx];
		int p = find_person(t, e->person, e->email);

		/* a score of 0 is no evidence: it ranks nobody into a top K */
		if (p < 0 || seen[p] || !(e->score > 0))
			continue;
		seen[p] = 1;
		score[p] = e->score;
		out[no++] = (size_t)p;
	}
	free(seen);
	free(v);
	return no;
}

static void ranking(const struct mh_eval_truth *t, const struct mh_eval_input *in,
                    struct mh_eval_result *r)
{
	double *score = mh_calloc(t->npeople + 1, sizeof(*score));
	size_t *ord = mh_malloc((in->nrisk + 1) * sizeof(*ord));
	size_t n = order(t, in->risk, in->nrisk, ord, score), i;

	r->nfam = t->nfamilies;
	for (i = 0; i < t->nfamilies; i++)
		r->fam[i].name = t->families[i];
	for (i = 0; i < t->npeople; i++)
		if (t->people[i].family >= 0)
			r->fam[t->people[i].family].members++;
	for (i = 0; i < n && i < 2 * r->k; i++) {
		const struct mh_eval_person *p = &t->people[ord[i]];
		int in_k = i < r->k;

		r->hits_2k += p->positive;
		r->traps_2k += p->trap;
		r->hits_k += in_k && p->positive;
		r->traps_k += in_k && p->trap;
		if (p->family >= 0) {
			r->fam[p->family].in_2k++;
			r->fam[p->family].in_k += in_k;
		}
	}
	if (r->k) {
		r->p_at_k = (double)r->hits_k / (double)r->k;
		r->r_at_k = r->p_at_k;
		r->r_at_2k = (double)r->hits_2k / (double)r->k;
	}
	r->auc = auc(t, score);
	free(score);
	free(ord);
}

static void vetting(const struct mh_eval_truth *t, const struct mh_eval_input *in,
                    struct mh_eval_result *r)
{
	size_t i, j;

	r->has_vet = 1;
	r->vet_pos = t->nap_pos;
	for (i = 0; i < in->nvet; i++) {
		int pos = 0;

		if (in->vet[i].score < in->vet_threshold)
			continue;
		r->vet_flagged++;
		for (j = 0; j < t->nap_pos && !pos; j++)
			pos = t->ap_pos[j] == in->vet[i].applicant;
		r->vet_tp += pos;
	}
	r->vet_precision = r->vet_flagged ? (double)r->vet_tp / (double)r->vet_flagged : 0;
	r->vet_recall = r->vet_pos ? (double)r->vet_tp / (double)r->vet_pos : 0;
}

static void extortion(const struct mh_eval_truth *t, const struct mh_eval_input *in,
                      struct mh_eval_result *r)
{
	double *score = mh_calloc(t->npeople + 1, sizeof(*score));
	size_t *ord = mh_malloc((in->next + 1) * sizeof(*ord));
	size_t n = order(t, in->ext, in->next, ord, score), i;
	int culprit = t->culprit ? find_person(t, t->culprit, t->culprit_email) : -1;

	r->has_ext = 1;
	for (i = 0; i < n && culprit >= 0; i++)
		if ((int)ord[i] == culprit) {
			r->culprit_rank = i + 1;
			break;
		}
	free(score);
	free(ord);
}

void mh_eval_compute(const struct mh_eval_truth *t, const struct mh_eval_input *in,
                     struct mh_eval_result *r)
{
	memset(r, 0, sizeof(*r));
	r->k = t->npos;
	r->people = t->npeople;
	ranking(t, in, r);
	if (in->vet)
		vetting(t, in, r);
	if (in->ext)
		extortion(t, in, r);
}
