/*
 * The vetting run (vet.h): settings, records, links, clusters, then each
 * check on each batch applicant. An applicant's score is the sum of its
 * findings' points, capped at 100.
 */
#include "vet/vet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "vet/vet_int.h"

static double num(const struct mh_config *c, const char *key, double def)
{
	return mh_config_num(c, key, def);
}

double mh_vet_weight(const struct mh_config *c, enum mh_vet_kind kind)
{
	static const char *const keys[MH_VA__COUNT] = {
	    "vet.weight.email",   "vet.weight.phone", "vet.weight.address",
	    "vet.weight.payroll", "vet.weight.url",   "vet.weight.photo",
	};
	static const double defs[MH_VA__COUNT] = {45, 40, 25, 50, 40, 40};

	return kind < MH_VA__COUNT ? num(c, keys[kind], defs[kind]) : 0;
}

static void params(struct vet_params *p, const struct mh_config *c)
{
	int k;

	for (k = 0; k < MH_VA__COUNT; k++)
		p->w[k] = mh_vet_weight(c, (enum mh_vet_kind)k);
	p->w_addr_many = num(c, "vet.weight.address_shared", 45);
	p->w_family = num(c, "vet.weight.family_address", 5);
	p->w_resume = num(c, "vet.weight.resume", 30);
	p->w_overlap = num(c, "vet.weight.resume_overlap", 20);
	p->w_flagged = num(c, "vet.weight.flagged_link", 30);
	p->near = num(c, "vet.resume_near", 0.5);
	p->overlap = num(c, "vet.resume_overlap", 0.3);
	p->shingle = (unsigned)num(c, "vet.shingle_words", 4);
	p->hub_max = (uint32_t)num(c, "vet.hub_max", 25);
	p->bucket_max = (uint32_t)num(c, "vet.bucket_max", 200);
	p->link_min = num(c, "vet.link_min", 25);
	p->cluster_points = num(c, "vet.cluster_points", 60);
	p->ph_holders = num(c, "vet.placeholder.holders", 3);
	p->ph_unlinked = num(c, "vet.placeholder.unlinked", 2);
	p->threshold = num(c, "alert.threshold", 60);
	p->intel_points = num(c, "vet.intel_points", 70);
	p->intel_phone_points = num(c, "vet.intel_phone_points", 40);
	p->referral_points = num(c, "vet.referral_points", 60);
	p->flagged_threshold = num(c, "risk.flagged_threshold", 75);
	p->confirmed_threshold = num(c, "risk.confirmed_threshold", 85);
	p->velocity_jobs = num(c, "vet.velocity.jobs", 8);
	p->velocity_days = num(c, "vet.velocity.days", 14);
	p->velocity_points = num(c, "vet.velocity.points", 25);
	p->inc_vpn = num(c, "vet.inconsistency.vpn", 15);
	p->inc_geo = num(c, "vet.inconsistency.geo", 15);
	p->inc_edu = num(c, "vet.inconsistency.education", 15);
	p->inc_refs = num(c, "vet.inconsistency.free_mail_refs", 10);
	p->inc_ship = num(c, "vet.inconsistency.ship_to", 15);
	p->inc_tech = num(c, "vet.inconsistency.anachronism", 15);
	p->inc_cap = num(c, "vet.inconsistency.cap", 35);
}

struct mh_vet *mh_vet_new(const struct mh_config *cfg, const struct mh_intel *intel,
                          const struct mh_geo *geo)
{
	struct mh_vet *v = mh_calloc(1, sizeof(*v));

	v->cfg = cfg;
	v->intel = intel;
	v->geo = geo;
	params(&v->p, cfg);
	return v;
}

void mh_vet_free(struct mh_vet *v)
{
	size_t i, k;

	if (!v)
		return;
	for (i = 0; i < v->nold; i++) {
		struct vet_old *o = &v->old[i];

		free(o->id);
		free(o->name);
		free(o->surname);
		for (k = 0; k < o->n; k++)
			free(o->values[k]);
		free(o->values);
		free(o->kinds);
	}
	for (i = 0; i < v->nflagged_emp; i++)
		free(v->flagged_emp[i]);
	for (i = 0; i < v->ncl; i++)
		free(v->cl[i].members);
	free(v->flagged_emp);
	free(v->flagged_emp_score);
	for (i = 0; i < v->ncase_emp; i++)
		free(v->case_emp[i]);
	free(v->case_emp);
	free(v->case_id);
	free(v->old);
	free(v->rec);
	free(v->art);
	free(v->link);
	free(v->rart_off);
	free(v->rart);
	free(v->res);
	free(v->cl);
	free(v->adj_off);
	free(v->adj);
	free(v->emp_vals);
	free(v->emp_surname);
	free(v);
}

void mh_vet_add_employees(struct mh_vet *v, const struct mh_roster *r,
                          const char *const *flagged_ids, const double *scores, size_t nflagged)
{
	size_t i;

	v->roster = r;
	v->flagged_emp =
	    mh_realloc(v->flagged_emp, (v->nflagged_emp + nflagged + 1) * sizeof(*v->flagged_emp));
	v->flagged_emp_score = mh_realloc(v->flagged_emp_score, (v->nflagged_emp + nflagged + 1) *
	                                                            sizeof(*v->flagged_emp_score));
	for (i = 0; i < nflagged; i++) {
		v->flagged_emp_score[v->nflagged_emp] = scores ? scores[i] : 100;
		v->flagged_emp[v->nflagged_emp++] = mh_strdup(flagged_ids[i]);
	}
}

void mh_vet_add_case_subjects(struct mh_vet *v, const char *const *keys, const int64_t *cases,
                              size_t n)
{
	size_t i;

	v->case_emp = mh_realloc(v->case_emp, (v->ncase_emp + n + 1) * sizeof(*v->case_emp));
	v->case_id = mh_realloc(v->case_id, (v->ncase_emp + n + 1) * sizeof(*v->case_id));
	for (i = 0; i < n; i++) {
		v->case_id[v->ncase_emp] = cases[i];
		v->case_emp[v->ncase_emp++] = mh_strdup(keys[i]);
	}
}

void mh_vet_add_old(struct mh_vet *v, const char *id, const char *name, const char *surname,
                    int64_t applied_ms, double score, const struct mh_minhash *sig,
                    const uint8_t *kinds, const char *const *values, size_t n)
{
	struct vet_old *o;
	size_t k;

	v->old = mh_grow(v->old, &v->capold, v->nold + 1, sizeof(*v->old));
	o = &v->old[v->nold++];
	memset(o, 0, sizeof(*o));
	o->id = mh_strdup(id);
	o->name = mh_strdup(name ? name : "");
	o->surname = mh_strdup(surname ? surname : "");
	o->applied_ms = applied_ms;
	o->score = score;
	if (sig) {
		o->has_sig = 1;
		o->sig = *sig;
	}
	o->kinds = mh_malloc(n ? n : 1);
	o->values = mh_malloc((n ? n : 1) * sizeof(*o->values));
	for (k = 0; k < n; k++) {
		o->kinds[k] = kinds[k] < MH_VA__COUNT ? kinds[k] : MH_VA_EMAIL;
		o->values[k] = mh_strdup(values[k]);
	}
	o->n = n;
}

void mh_vet_set_share(struct mh_vet *v, const struct mh_share_set *share)
{
	v->share = share;
}

struct mh_vet_finding *mh_vet_finding_add(struct mh_vet_result *r, const char *check, double points)
{
	struct mh_vet_finding *f;

	if (r->nf == MH_VET_MAX_FINDINGS)
		return NULL;
	f = &r->f[r->nf++];
	memset(f, 0, sizeof(*f));
	f->check = check;
	f->points = points;
	return f;
}

struct mh_vet_ev *mh_vet_ev_add(struct mh_vet_finding *f, const char *artifact, const char *value)
{
	struct mh_vet_ev *e;

	if (!f || f->nev == MH_VET_MAX_EV)
		return NULL;
	e = &f->ev[f->nev++];
	memset(e, 0, sizeof(*e));
	snprintf(e->artifact, sizeof(e->artifact), "%s", artifact);
	snprintf(e->value, sizeof(e->value), "%s", value);
	return e;
}

/* Earlier applicants re-submitted in this batch are judged as part of it. */
static void drop_resubmitted(struct mh_vet *v)
{
	struct mh_strmap *ids = mh_strmap_new();
	size_t i;
	uint32_t x;

	for (i = 0; i < v->batch->n; i++)
		mh_strmap_put(ids, v->batch->v[i].id, strlen(v->batch->v[i].id), (uint32_t)i);
	for (i = 0; i < v->nold; i++)
		if (v->old[i].id && mh_strmap_get(ids, v->old[i].id, strlen(v->old[i].id), &x)) {
			free(v->old[i].id);
			v->old[i].id = NULL;
		}
	mh_strmap_free(ids);
}

int mh_vet_run(struct mh_vet *v, const struct mh_applicants *batch, struct mh_err *err)
{
	size_t i, k;

	(void)err;
	v->batch = batch;
	drop_resubmitted(v);
	mh_vet_build_records(v);
	v->res = mh_calloc(batch->n ? batch->n : 1, sizeof(*v->res));
	for (i = 0; i < batch->n; i++)
		mh_vet_check_intel(v, i);
	mh_vet_build_links(v);
	mh_vet_build_adjacency(v);
	mh_vet_build_clusters(v);
	for (i = 0; i < batch->n; i++) {
		struct mh_vet_result *r = &v->res[i];

		mh_vet_check_reuse(v, i);
		mh_vet_check_velocity(v, i);
		mh_vet_check_inconsistency(v, i);
		mh_vet_check_referral(v, i);
		mh_vet_check_consortium(v, i);
		r->cluster = v->rec[i].component;
		for (k = 0; k < r->nf; k++)
			r->score += r->f[k].points;
		if (r->score > 100)
			r->score = 100;
	}
	return 0;
}

const struct mh_vet_result *mh_vet_result(const struct mh_vet *v, size_t i)
{
	return v->batch && i < v->batch->n ? &v->res[i] : NULL;
}

const struct mh_vet_rec *mh_vet_rec(const struct mh_vet *v, uint32_t r)
{
	return r < v->nrec ? &v->rec[r] : NULL;
}

size_t mh_vet_nclusters(const struct mh_vet *v)
{
	return v->ncl;
}

const struct mh_vet_cluster *mh_vet_cluster(const struct mh_vet *v, size_t c)
{
	return c < v->ncl ? &v->cl[c] : NULL;
}

const struct mh_minhash *mh_vet_sig(const struct mh_vet *v, size_t i)
{
	return v->batch && i < v->batch->n && v->rec[i].has_sig ? &v->rec[i].sig : NULL;
}
