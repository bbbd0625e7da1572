/* Verification of cases in the store (verify.h); bundles are in bundle_verify.c. */
#include "cases/verify.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/log.h"
#include "store/store_cases.h"
#include "util/xalloc.h"

void mh_verify_report(struct mh_verify *v, int64_t case_id, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v->problems++;
	if (v->problem)
		v->problem(v->arg, case_id, msg);
}

void mh_chain_walk_init(struct mh_chain_walk *w, struct mh_verify *v, int64_t case_id)
{
	memset(w, 0, sizeof(*w));
	w->v = v;
	w->case_id = case_id;
	w->expect = 1;
	memcpy(w->prev, MH_CHAIN_ZERO, sizeof(w->prev));
}

static void note_evidence(struct mh_chain_walk *w, const cJSON *e)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(e, "data");
	const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "sha256"));
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "name"));
	const cJSON *size = cJSON_GetObjectItemCaseSensitive(d, "size");
	char *ref;
	size_t n;

	if (!sha)
		return;
	name = name ? name : "?";
	n = strlen(sha) + strlen(name) + 32;
	ref = mh_malloc(n);
	snprintf(ref, n, "%s %.0f %s", sha, cJSON_IsNumber(size) ? size->valuedouble : -1.0, name);
	w->refs = mh_realloc(w->refs, (w->nrefs + 1) * sizeof(*w->refs));
	w->refs[w->nrefs++] = ref;
}

static void check_fields(struct mh_chain_walk *w, int64_t seq, const char *entry)
{
	cJSON *e = cJSON_Parse(entry);
	const cJSON *c, *q;
	const char *kind;

	if (!e) {
		mh_verify_report(w->v, w->case_id, "entry %lld: not valid JSON (edited)",
		                 (long long)seq);
		return;
	}
	c = cJSON_GetObjectItemCaseSensitive(e, "case");
	q = cJSON_GetObjectItemCaseSensitive(e, "seq");
	if (!cJSON_IsNumber(c) || !cJSON_IsNumber(q) || (int64_t)c->valuedouble != w->case_id ||
	    (int64_t)q->valuedouble != seq)
		mh_verify_report(w->v, w->case_id,
		                 "entry %lld: records case %.0f entry %.0f (moved or reordered)",
		                 (long long)seq, cJSON_IsNumber(c) ? c->valuedouble : -1.0,
		                 cJSON_IsNumber(q) ? q->valuedouble : -1.0);
	kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "kind"));
	if (kind && !strcmp(kind, "evidence"))
		note_evidence(w, e);
	cJSON_Delete(e);
}

void mh_chain_walk_entry(struct mh_chain_walk *w, int64_t seq, const char *entry, const char *prev,
                         const char *hash)
{
	char h[MH_SHA256_HEX];

	w->v->entries++;
	if (seq > w->expect)
		mh_verify_report(w->v, w->case_id,
		                 "entry %lld missing: the log goes from entry %lld to %lld",
		                 (long long)w->expect, (long long)w->expect - 1, (long long)seq);
	else if (seq < w->expect)
		mh_verify_report(w->v, w->case_id, "entry %lld: out of order after entry %lld",
		                 (long long)seq, (long long)w->expect - 1);
	if (strcmp(prev, w->prev))
		mh_verify_report(
		    w->v, w->case_id,
		    "entry %lld: its link to the entry before does not match (an entry "
		    "was removed, inserted or reordered, or the link edited)",
		    (long long)seq);
	mh_chain_hash(prev, entry, strlen(entry), h);
	if (strcmp(h, hash))
		mh_verify_report(w->v, w->case_id,
		                 "entry %lld: content does not match its hash (edited)",
		                 (long long)seq);
	check_fields(w, seq, entry);
	snprintf(w->prev, sizeof(w->prev), "%s", hash);
	w->expect = seq + 1;
}

void mh_chain_walk_end(struct mh_chain_walk *w, int64_t entries, const char *head)
{
	if (w->expect - 1 != entries || strcmp(w->prev, head))
		mh_verify_report(
		    w->v, w->case_id,
		    "the case records %lld entries ending in %.16s..., the log has %lld "
		    "ending in %.16s... (entries removed or added at the end, or the "
		    "case record edited)",
		    (long long)entries, head, (long long)(w->expect - 1), w->prev);
}

void mh_chain_walk_release(struct mh_chain_walk *w)
{
	size_t i;

	for (i = 0; i < w->nrefs; i++)
		free(w->refs[i]);
	free(w->refs);
	w->refs = NULL;
	w->nrefs = 0;
}

/* --- the store ------------------------------------------------------------ */

struct vctx {
	struct mh_store *s;
	struct mh_verify *v;
	struct mh_err *err;
	struct mh_chain_walk w;
	int64_t want, next_id;
	int check_blobs; /* single case: check referenced blobs' content */
	int failed;
};

static int on_log(void *arg, const struct mh_log_row *r)
{
	struct vctx *c = arg;

	mh_chain_walk_entry(&c->w, r->seq, r->entry, r->prev, r->hash);
	return 0;
}

static void check_ref(struct vctx *c, const char *ref)
{
	char sha[MH_SHA256_HEX], got[MH_SHA256_HEX];
	const char *sp = strchr(ref, ' ');
	const char *name = sp ? strchr(sp + 1, ' ') : NULL;
	long long size = sp ? strtoll(sp + 1, NULL, 10) : -1;
	void *data;
	size_t n;
	int rc;

	snprintf(sha, sizeof(sha), "%.*s", sp ? (int)(sp - ref) : 0, ref);
	name = name ? name + 1 : "?";
	rc = mh_store_evidence_get(c->s, sha, &data, &n, c->err);
	if (rc < 0) {
		c->failed = 1;
		return;
	}
	if (rc == 1) {
		mh_verify_report(c->v, c->w.case_id, "evidence %.16s... (%s): missing", sha, name);
		return;
	}
	if (c->check_blobs) {
		c->v->evidence++;
		mh_sha256_hexof(data, n, got);
		if (strcmp(got, sha))
			mh_verify_report(c->v, c->w.case_id,
			                 "evidence %.16s... (%s): content does not match its "
			                 "SHA-256 (edited)",
			                 sha, name);
	}
	if (size >= 0 && (size_t)size != n)
		mh_verify_report(c->v, c->w.case_id,
		                 "evidence %.16s... (%s): %zu bytes, the log recorded %lld", sha,
		                 name, n, size);
	free(data);
}

static int on_case(void *arg, const struct mh_case_row *r)
{
	struct vctx *c = arg;
	size_t i;

	if (c->want && r->id != c->want)
		return 0;
	if (!c->want && r->id != c->next_id)
		mh_verify_report(
		    c->v, c->next_id, "case %lld missing: case numbers go from %lld to %lld",
		    (long long)c->next_id, (long long)c->next_id - 1, (long long)r->id);
	c->next_id = r->id + 1;
	c->v->cases++;
	mh_chain_walk_init(&c->w, c->v, r->id);
	if (mh_store_each_log(c->s, r->id, on_log, c, c->err)) {
		c->failed = 1;
		mh_chain_walk_release(&c->w);
		return 1;
	}
	mh_chain_walk_end(&c->w, r->entries, r->head ? r->head : "");
	for (i = 0; i < c->w.nrefs && !c->failed; i++)
		check_ref(c, c->w.refs[i]);
	mh_chain_walk_release(&c->w);
	return c->failed;
}

static int on_blob(void *arg, const char *sha, uint64_t size, const void *data, size_t n)
{
	struct vctx *c = arg;
	char got[MH_SHA256_HEX];

	c->v->evidence++;
	mh_sha256_hexof(data, n, got);
	if (strcmp(got, sha))
		mh_verify_report(
		    c->v, 0, "evidence %.16s...: content does not match its SHA-256 (edited)", sha);
	if (size != n)
		mh_verify_report(c->v, 0, "evidence %.16s...: %zu bytes, recorded as %llu", sha, n,
		                 (unsigned long long)size);
	return 0;
}

int mh_case_verify(struct mh_store *s, int64_t id, struct mh_verify *v, struct mh_err *err)
{
	struct vctx c;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.v = v;
	c.err = err;
	c.want = id;
	c.next_id = 1;
	c.check_blobs = id != 0;
	if (mh_store_each_case(s, on_case, &c, err) || c.failed)
		return -1;
	if (id && !v->cases)
		return mh_err_set(err, MH_EINPUT, "no case %lld", (long long)id);
	if (!id && mh_store_each_evidence(s, on_blob, &c, err))
		return -1;
	return 0;
}
