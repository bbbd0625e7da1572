/*
 * GET /api/cases and GET /api/cases/{id}: cases from the cases module's
 * tables (`molehunt extortion`, `molehunt case`, docs/CASES.md), folded from
 * their hash-chained logs by src/cases/ and verified on request with the
 * rules of `case verify`. A store without the tables answers
 * {"available": false} with an empty list.
 *
 * Identities: candidates appear by pseudonym for every role, as people do
 * everywhere in the API; an investigator sees an identity only through
 * POST /api/people/{pseudonym}/reveal, which is audited. Entry texts, file
 * names and problems are redacted (case_text.h).
 *
 * Time: everything runs under the store lock with its per-query budget; the
 * list verifies cases, newest first, until LIST_VERIFY_MS have passed and
 * reports the rest as not checked ("verified": null).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cases/summary.h"
#include "cases/verify.h"
#include "http/case_text.h"
#include "http/http_int.h"
#include "store/store_cases.h"
#include "util/xalloc.h"

#define CASES_PAGE     500
#define CASES_MAX      100000 /* case rows read for one answer */
#define LOG_SHOWN      5000   /* log entries in one case's answer */
#define PROBLEMS_MAX   50
#define LIST_VERIFY_MS 2000

struct row {
	int64_t id, opened_ms, entries;
	char head[65];
};

struct rows {
	struct row *v;
	size_t n, cap;
	int64_t want; /* 0: every case, else only this one */
	cJSON *gaps;  /* problems of the numbering, when reading every case */
	const struct mh_ix *ix;
};

struct cctx {
	struct mh_req *r;
	const struct mh_ix *ix;
	struct mh_store *st;
	sqlite3 *db;
};

static void add_problem(cJSON *arr, const struct mh_ix *ix, const char *msg)
{
	char *red;

	if (cJSON_GetArraySize(arr) >= PROBLEMS_MAX)
		return;
	red = mh_ix_redact(ix, NULL, msg);
	cJSON_AddItemToArray(arr, cJSON_CreateString(red));
	free(red);
}

static int on_row(void *arg, const struct mh_case_row *c)
{
	struct rows *rs = arg;
	int64_t next = rs->n ? rs->v[rs->n - 1].id + 1 : 1;
	struct row *w;

	if (rs->want && c->id != rs->want)
		return 0;
	if (!rs->want && c->id != next) {
		char msg[160];

		snprintf(msg, sizeof(msg), "case %lld missing: case numbers go from %lld to %lld",
		         (long long)next, (long long)next - 1, (long long)c->id);
		add_problem(rs->gaps, rs->ix, msg);
	}
	if (rs->n == CASES_MAX)
		return 1;
	rs->v = mh_grow(rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
	w = &rs->v[rs->n++];
	w->id = c->id;
	w->opened_ms = c->opened_ms;
	w->entries = c->entries;
	snprintf(w->head, sizeof(w->head), "%s", c->head ? c->head : "");
	return 0;
}

/* --- verification ---------------------------------------------------------- */

struct vprob {
	const struct mh_ix *ix;
	cJSON *arr;
};

static void on_problem(void *arg, int64_t case_id, const char *msg)
{
	struct vprob *p = arg;

	add_problem(p->arr, p->ix, msg);
}

/* "verified": true/false (null when not checked), "problems", "checked". */
static void add_verification(struct cctx *c, int64_t id, int skip, cJSON *o)
{
	struct vprob p = {c->ix, cJSON_CreateArray()};
	struct mh_verify v;
	struct mh_err err;
	cJSON *chk;

	memset(&v, 0, sizeof(v));
	v.problem = on_problem;
	v.arg = &p;
	mh_err_clear(&err);
	if (skip)
		cJSON_AddNullToObject(o, "verified");
	else if (mh_case_verify(c->st, id, &v, &err)) {
		cJSON_AddNullToObject(o, "verified");
		add_problem(p.arr, c->ix, err.msg);
	} else
		cJSON_AddBoolToObject(o, "verified", v.problems == 0);
	cJSON_AddItemToObject(o, "problems", p.arr);
	chk = cJSON_AddObjectToObject(o, "checked");
	cJSON_AddNumberToObject(chk, "entries", (double)v.entries);
	cJSON_AddNumberToObject(chk, "evidence", (double)v.evidence);
}

/* --- the parts of a case ----------------------------------------------------- */

static void add_header(cJSON *o, const struct row *w, const struct mh_case_sum *sum,
                       const struct mh_ix *ix)
{
	char *title = mh_ix_redact(ix, NULL, sum->title ? sum->title : "");

	cJSON_AddNumberToObject(o, "id", (double)w->id);
	cJSON_AddStringToObject(o, "title", title);
	free(title);
	cJSON_AddStringToObject(o, "status", sum->closed ? "closed" : "open");
	cJSON_AddNumberToObject(o, "opened_ms", (double)w->opened_ms);
	cJSON_AddItemToObject(o, "closed_ms", mh_case_time_ms(sum->closed));
	cJSON_AddNumberToObject(o, "entries", (double)w->entries);
	cJSON_AddStringToObject(o, "head", w->head);
}

static const cJSON *candidates_of(const struct mh_case_sum *sum)
{
	return cJSON_GetObjectItemCaseSensitive(sum->attribution, "candidates");
}

static void add_counts(cJSON *o, const struct mh_case_sum *sum)
{
	cJSON_AddNumberToObject(o, "evidence_count", cJSON_GetArraySize(sum->evidence));
	cJSON_AddNumberToObject(o, "playbook_done", cJSON_GetArraySize(sum->done));
	cJSON_AddNumberToObject(o, "playbook_steps", cJSON_GetArraySize(sum->playbook));
	cJSON_AddNumberToObject(o, "candidate_count", cJSON_GetArraySize(candidates_of(sum)));
}

static cJSON *evidence(const struct mh_case_sum *sum, const struct mh_ix *ix)
{
	cJSON *arr = cJSON_CreateArray();
	const cJSON *e;

	cJSON_ArrayForEach(e, sum->evidence)
	{
		cJSON *o = cJSON_CreateObject();
		const cJSON *size = cJSON_GetObjectItemCaseSensitive(e, "size");
		const char *name =
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));
		char *red = mh_ix_redact(ix, NULL, name ? name : "");

		mh_json_str(o, "sha256",
		            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "sha256")));
		cJSON_AddStringToObject(o, "name", red);
		free(red);
		cJSON_AddNumberToObject(o, "size", cJSON_IsNumber(size) ? size->valuedouble : 0);
		mh_json_str(o, "role",
		            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "role")));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void add_redacted(cJSON *o, const char *name, const struct mh_ix *ix, const cJSON *v)
{
	char *red;

	if (!cJSON_IsString(v)) {
		cJSON_AddNullToObject(o, name);
		return;
	}
	red = mh_ix_redact(ix, NULL, v->valuestring);
	cJSON_AddStringToObject(o, name, red);
	free(red);
}

/* The steps of the case's playbook entry, each with its latest "done" mark. */
static cJSON *playbook(const struct mh_case_sum *sum, const struct mh_ix *ix)
{
	static const char *const fields[] = {"id", "title", "action", "source"};
	cJSON *arr = cJSON_CreateArray();
	const cJSON *s;
	size_t i;

	cJSON_ArrayForEach(s, sum->playbook)
	{
		cJSON *o = cJSON_CreateObject();
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, "id"));
		const cJSON *d = id ? cJSON_GetObjectItemCaseSensitive(sum->done, id) : NULL;

		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			mh_json_str(
			    o, fields[i],
			    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, fields[i])));
		cJSON_AddBoolToObject(o, "done", d != NULL);
		cJSON_AddItemToObject(o, "done_ms",
		                      mh_case_time_ms(cJSON_GetStringValue(
		                          cJSON_GetObjectItemCaseSensitive(d, "ts"))));
		add_redacted(o, "done_by", ix, cJSON_GetObjectItemCaseSensitive(d, "by"));
		add_redacted(o, "done_text", ix, cJSON_GetObjectItemCaseSensitive(d, "text"));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *candidates(const struct mh_case_sum *sum, const struct mh_ix *ix)
{
	cJSON *arr = cJSON_CreateArray();
	const cJSON *c;
	int rank = 0;

	cJSON_ArrayForEach(c, candidates_of(sum))
	{
		cJSON_AddItemToArray(arr, mh_case_candidate(ix, c, ++rank, 1));
	}
	return arr;
}

struct logctx {
	const struct mh_ix *ix;
	cJSON *arr;
	int64_t shown;
};

static int on_log(void *arg, const struct mh_log_row *r)
{
	struct logctx *l = arg;
	cJSON *e = cJSON_Parse(r->entry), *o;
	const char *who = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "by"));
	char *text, *by;

	if (l->shown++ == LOG_SHOWN) {
		cJSON_Delete(e);
		return 1;
	}
	o = cJSON_CreateObject();
	text = mh_case_entry_text(l->ix, e);
	by = mh_ix_redact(l->ix, NULL, who ? who : "");
	cJSON_AddNumberToObject(o, "seq", (double)r->seq);
	cJSON_AddItemToObject(
	    o, "ts_ms",
	    mh_case_time_ms(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "ts"))));
	cJSON_AddStringToObject(o, "by", by);
	mh_json_str(o, "kind", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "kind")));
	cJSON_AddStringToObject(o, "text", text);
	cJSON_AddStringToObject(o, "prev", r->prev);
	cJSON_AddStringToObject(o, "hash", r->hash);
	cJSON_AddItemToArray(l->arr, o);
	free(text);
	free(by);
	cJSON_Delete(e);
	return 0;
}

/* --- the handlers ------------------------------------------------------------ */

/* The cases of the store; -1 after replying. */
static int read_rows(struct cctx *c, struct rows *rs)
{
	struct mh_err err;

	mh_err_clear(&err);
	if (mh_store_each_case(c->st, on_row, rs, &err)) {
		mh_reply_db_error(c->r, c->db, "reading cases");
		return -1;
	}
	return 0;
}

static cJSON *list_item(struct cctx *c, const struct row *w, int skip_verify, int *failed)
{
	struct mh_case_sum sum;
	struct mh_err err;
	cJSON *o, *cands;

	mh_err_clear(&err);
	if (mh_case_summarize(c->st, w->id, 0, &sum, &err)) {
		*failed = 1;
		return NULL;
	}
	o = cJSON_CreateObject();
	add_header(o, w, &sum, c->ix);
	add_counts(o, &sum);
	cands = (cJSON *)candidates_of(&sum);
	cJSON_AddItemToObject(o, "top_candidate",
	                      cJSON_GetArraySize(cands)
	                          ? mh_case_candidate(c->ix, cJSON_GetArrayItem(cands, 0), 1, 0)
	                          : cJSON_CreateNull());
	mh_case_sum_release(&sum);
	add_verification(c, w->id, skip_verify, o);
	return o;
}

static int list(struct cctx *c, cJSON *out, long offset, long limit)
{
	struct rows rs = {.gaps = cJSON_AddArrayToObject(out, "problems"), .ix = c->ix};
	cJSON *arr = cJSON_AddArrayToObject(out, "cases");
	int64_t t0 = mh_http_now_ms();
	long k;
	int failed = 0, skipped = 0;

	if (read_rows(c, &rs))
		return -1;
	cJSON_AddNumberToObject(out, "total", (double)rs.n);
	for (k = offset; k < offset + limit && (size_t)k < rs.n && !failed; k++) {
		int skip = mh_http_now_ms() - t0 > LIST_VERIFY_MS;
		cJSON *o = list_item(c, &rs.v[rs.n - 1 - (size_t)k], skip, &failed);

		skipped += skip;
		if (o)
			cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddNumberToObject(out, "not_verified", skipped);
	free(rs.v);
	if (failed)
		mh_reply_db_error(c->r, c->db, "reading a case");
	return failed ? -1 : 0;
}

int mh_api_cases(struct mh_req *r)
{
	struct cctx c = {.r = r, .st = r->s->store};
	long offset, limit;
	cJSON *o;
	int have, rc = 0;

	if (mh_req_int(r, "offset", 0, 0, CASES_MAX, &offset) ||
	    mh_req_int(r, "limit", 100, 1, CASES_PAGE, &limit))
		return 0;
	c.ix = mh_http_ix_get(r);
	if (!c.ix)
		return 0;
	o = cJSON_CreateObject();
	c.db = mh_http_db_lock(r->s);
	have = mh_http_has_module(c.db, "cases");
	cJSON_AddBoolToObject(o, "available", have);
	if (have)
		rc = list(&c, o, offset, limit);
	else
		cJSON_AddArrayToObject(o, "cases");
	mh_http_db_unlock(r->s);
	mh_http_ix_put(r->s, c.ix);
	if (rc) {
		cJSON_Delete(o);
		return 0;
	}
	return mh_reply_json(r, 200, o);
}

static int detail(struct cctx *c, const struct row *w, cJSON *o)
{
	struct logctx l = {c->ix, NULL, 0};
	struct mh_case_sum sum;
	struct mh_err err;

	mh_err_clear(&err);
	if (mh_case_summarize(c->st, w->id, 0, &sum, &err))
		return -1;
	add_header(o, w, &sum, c->ix);
	mh_json_str(o, "close_reason", sum.close_reason);
	add_counts(o, &sum);
	add_verification(c, w->id, 0, o);
	cJSON_AddItemToObject(o, "playbook", playbook(&sum, c->ix));
	cJSON_AddItemToObject(o, "evidence", evidence(&sum, c->ix));
	cJSON_AddItemToObject(o, "candidates", candidates(&sum, c->ix));
	mh_case_sum_release(&sum);
	l.arr = cJSON_AddArrayToObject(o, "log");
	if (mh_store_each_log(c->st, w->id, on_log, &l, &err))
		return -1;
	cJSON_AddBoolToObject(o, "log_truncated", l.shown > LOG_SHOWN);
	return 0;
}

/* The case number in the path; 0 after replying 400. */
static int64_t case_id(struct mh_req *r)
{
	size_t i, n = strlen(r->arg);

	if (!n || n > 15 || r->arg[0] == '0')
		return mh_reply_error(r, 400, "not a case number"), 0;
	for (i = 0; i < n; i++)
		if (r->arg[i] < '0' || r->arg[i] > '9')
			return mh_reply_error(r, 400, "not a case number"), 0;
	return strtoll(r->arg, NULL, 10);
}

int mh_api_case(struct mh_req *r)
{
	struct cctx c = {.r = r, .st = r->s->store};
	struct rows rs = {0};
	cJSON *o = NULL;
	int rc = 0;

	rs.want = case_id(r);
	if (!rs.want)
		return 0;
	c.ix = mh_http_ix_get(r);
	if (!c.ix)
		return 0;
	c.db = mh_http_db_lock(r->s);
	if (!mh_http_has_module(c.db, "cases"))
		mh_reply_error(r, 404, "no case %lld: this store has no cases", (long long)rs.want);
	else if (!read_rows(&c, &rs) && !rs.n)
		mh_reply_error(r, 404, "no case %lld", (long long)rs.want);
	else if (rs.n) {
		o = cJSON_CreateObject();
		cJSON_AddBoolToObject(o, "available", 1);
		rc = detail(&c, &rs.v[0], o);
		if (rc)
			mh_reply_db_error(r, c.db, "reading the case");
	}
	mh_http_db_unlock(r->s);
	mh_http_ix_put(r->s, c.ix);
	free(rs.v);
	if (!o || rc) {
		cJSON_Delete(o);
		return 0;
	}
	return mh_reply_json(r, 200, o);
}
