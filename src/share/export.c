/* Building an export bundle from the store (export.h). */
#include "share/export.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "config/config.h"
#include "risk/score.h"
#include "store/store_share.h"
#include "store/store_vet.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "vet/applicant.h"
#include "vet/employee.h"

#define CONSORTIUM "identity.consortium"

struct exp {
	struct mh_store *s;
	const struct mh_config *cfg;
	const struct mh_share_key *k;
	const struct mh_share_export_opts *o;
	struct mh_share_bundle *b;
	struct mh_share_export_stats *st;
	struct mh_roster roster;
	struct mh_strmap *by_id; /* employee_id -> roster index */
	struct mh_risk_params rp;
	struct mh_err *err;
	int failed;
};

static int subject(char out[MH_SHARE_SUBJ_LEN + 1], struct mh_err *err)
{
	uint8_t r[MH_SHARE_SUBJ_LEN / 2];

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		return mh_err_set(err, MH_EIO, "no randomness for subject ids");
	mh_share_hex(r, sizeof(r), out);
	return 0;
}

static void month_of(int64_t ms, char out[8])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 8, "%04d-%02d", tm.tm_year + 1900 > 9999 ? 9999 : tm.tm_year + 1900,
	         tm.tm_mon + 1);
}

/* Add one subject's artifacts; 1 when any was added. */
static int add_subject(struct exp *x, uint8_t reason, uint8_t category, int64_t flagged_ms,
                       const uint8_t *kinds, const char *const *values, size_t n)
{
	struct mh_share_rec r;
	size_t i, added = 0;

	memset(&r, 0, sizeof(r));
	if (subject(r.subject, x->err))
		return -1;
	r.reason = reason;
	r.category = category;
	/* A store scanned without events is "as of" the epoch: say now. */
	month_of(flagged_ms > 0 ? flagged_ms : (int64_t)time(NULL) * 1000, r.flagged);
	for (i = 0; i < n; i++) {
		if (kinds[i] >= MH_VA__COUNT || !values[i][0])
			continue;
		r.kind = kinds[i];
		mh_share_hash(x->k, mh_vet_kind_names[kinds[i]], values[i], strlen(values[i]),
		              r.hash);
		mh_share_bundle_add(x->b, &r);
		added++;
	}
	if (!added)
		x->st->no_artifacts++;
	return added > 0;
}

/* Contributions of a stored score without identity.consortium: the score
 * on our own evidence, its family count and its strongest family. */
static double own_score(struct exp *x, const char *contributions, int *families, char *top,
                        size_t cap)
{
	cJSON *arr = cJSON_Parse(contributions ? contributions : "[]"), *it;
	const char *fam[16];
	double raw = 0, best = 0;
	int nf = 0, j;

	top[0] = '\0';
	cJSON_ArrayForEach(it, arr)
	{
		const char *d = cJSON_GetStringValue(cJSON_GetObjectItem(it, "detector"));
		const char *f = cJSON_GetStringValue(cJSON_GetObjectItem(it, "family"));
		double p = cJSON_GetNumberValue(cJSON_GetObjectItem(it, "points"));

		if (!d || !f || p != p || !strcmp(d, CONSORTIUM))
			continue;
		raw += p;
		if (p > best) {
			best = p;
			snprintf(top, cap, "%s", f);
		}
		if (p < 1)
			continue;
		for (j = 0; j < nf && strcmp(fam[j], f); j++)
			;
		if (j == nf && nf < 16)
			fam[nf++] = f;
	}
	*families = nf;
	raw = mh_risk_combine(&x->rp, raw, nf);
	cJSON_Delete(arr);
	return raw;
}

struct first_flag {
	double threshold;
	int64_t ms;
};

static int on_score(void *arg, int64_t as_of_ms, double score)
{
	struct first_flag *f = arg;

	if (score >= f->threshold && (!f->ms || as_of_ms < f->ms))
		f->ms = as_of_ms;
	return 0;
}

static int on_person(void *arg, const struct mh_person_row *row)
{
	struct exp *x = arg;
	struct first_flag ff = {x->o->emp_threshold, 0};
	struct mh_vet_emp_arts ea;
	uint8_t kinds[MH_VET_EMP_ARTS];
	const char *vals[MH_VET_EMP_ARTS];
	char top[16];
	size_t n = 0, k;
	uint32_t idx;
	int nf, rc;

	if (row->score < x->o->emp_threshold)
		return 1; /* ordered by score: the rest are lower */
	if (!row->resolved || !mh_strmap_get(x->by_id, row->key, strlen(row->key), &idx) ||
	    own_score(x, row->contributions, &nf, top, sizeof(top)) < x->o->emp_threshold ||
	    (x->o->confirmed && nf < 2))
		return 0;
	if (mh_store_each_score(x->s, row->id, on_score, &ff, x->err)) {
		x->failed = 1;
		return 1;
	}
	mh_vet_employee_arts(&x->roster.v[idx], &ea);
	for (k = 0; k < ea.n; k++)
		if (strcmp(ea.v[k].column, "email")) {
			kinds[n] = ea.v[k].kind;
			vals[n++] = ea.v[k].value;
		}
	rc = add_subject(x, MH_SR_EMPLOYEE, (uint8_t)mh_share_category_of(top),
	                 ff.ms ? ff.ms : row->last_ms, kinds, vals, n);
	if (rc < 0) {
		x->failed = 1;
		return 1;
	}
	x->st->employees += (size_t)rc;
	return 0;
}

/* The applicant's flag on our own evidence: the sum of its findings but
 * identity.consortium; confirmed wants one reuse or intel finding at the
 * threshold. */
static int app_flagged(const struct exp *x, const char *findings)
{
	cJSON *arr = cJSON_Parse(findings), *it;
	double sum = 0, strong = 0;

	cJSON_ArrayForEach(it, arr)
	{
		const char *d = cJSON_GetStringValue(cJSON_GetObjectItem(it, "detector"));
		double p = cJSON_GetNumberValue(cJSON_GetObjectItem(it, "points"));

		if (!d || p != p || !strcmp(d, CONSORTIUM))
			continue;
		sum += p;
		if ((!strcmp(d, "identity.reuse") || !strcmp(d, "identity.intel")) && p > strong)
			strong = p;
	}
	cJSON_Delete(arr);
	if (x->o->confirmed)
		return strong >= x->o->app_threshold;
	return sum >= x->o->app_threshold;
}

static int on_applicant(void *arg, const struct mh_share_app_row *r)
{
	struct exp *x = arg;
	int rc;

	if (!app_flagged(x, r->findings))
		return 0;
	rc = add_subject(x, MH_SR_APPLICANT, MH_SC_IDENTITY, r->vetted_ms, r->kinds, r->values,
	                 r->n);
	if (rc < 0) {
		x->failed = 1;
		return 1;
	}
	x->st->applicants += (size_t)rc;
	return 0;
}

static int load_roster(struct exp *x)
{
	char *csv = NULL;
	size_t n = 0, i;
	int rc;

	if (mh_store_get_roster(x->s, &csv, &n, x->err))
		return -1;
	if (!csv) {
		x->st->no_roster = 1;
		return 0;
	}
	rc = mh_roster_parse_mem(&x->roster, "stored roster", csv, n, NULL, NULL, x->err);
	free(csv);
	for (i = 0; !rc && i < x->roster.n; i++)
		mh_strmap_put(x->by_id, x->roster.v[i].employee_id,
		              strlen(x->roster.v[i].employee_id), (uint32_t)i);
	return rc;
}

static int by_subject(const void *a, const void *b)
{
	const struct mh_share_rec *x = a, *y = b;
	int c = strcmp(x->subject, y->subject);

	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return memcmp(x->hash, y->hash, MH_SHARE_HASH_LEN);
}

int mh_share_export(struct mh_store *s, const struct mh_config *cfg, const struct mh_share_key *k,
                    const struct mh_share_export_opts *o, struct mh_share_bundle *b,
                    struct mh_share_export_stats *st, struct mh_err *err)
{
	struct exp x;
	int rc;

	memset(&x, 0, sizeof(x));
	memset(st, 0, sizeof(*st));
	x.s = s;
	x.cfg = cfg;
	x.k = k;
	x.o = o;
	x.b = b;
	x.st = st;
	x.err = err;
	x.by_id = mh_strmap_new();
	mh_risk_from_config(&x.rp, cfg);
	snprintf(b->exporter, sizeof(b->exporter), "%s", o->exporter);
	snprintf(b->created, sizeof(b->created), "%s", o->created);
	rc = load_roster(&x);
	if (!rc && !st->no_roster && mh_store_each_person(s, 0, on_person, &x, err) < 0)
		rc = -1;
	if (!rc && !x.failed &&
	    mh_store_share_each_applicant(s, o->app_threshold, on_applicant, &x, err))
		rc = -1;
	if (x.failed)
		rc = -1;
	/* Random subject ids first: the order says nothing about our ids. */
	if (!rc && b->n > 1)
		qsort(b->v, b->n, sizeof(*b->v), by_subject);
	st->records = b->n;
	mh_strmap_free(x.by_id);
	if (!st->no_roster)
		mh_roster_free(&x.roster);
	return rc;
}
