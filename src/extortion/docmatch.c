/*
 * Matching leaked items to indexed documents (leak.h).
 *
 * The same SHA-256 is a match of score 1. Otherwise an item's fingerprints
 * are looked up, and each document scores the share of the item's
 * fingerprints it holds, each fingerprint weighted by its rarity among the
 * indexed documents, idf = ln(1 + N / df) (a fingerprint in no document
 * counts with the highest weight). This is containment, not resemblance: an
 * excerpt of a long document scores high against it. Weighting by rarity
 * keeps boilerplate (licence headers, common statements, generated code)
 * from matching every document; fingerprints in more than DF_MAX documents
 * identify nothing and only count in the denominator.
 *
 * A document is kept when it scores at least MIN_SCORE and at least
 * NEAR_BEST of the best document's score, at most MAX_HITS per item.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extortion/leak.h"
#include "store/store_cases.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define DF_MAX    64
#define MIN_SCORE 0.3
#define NEAR_BEST 0.8
#define MAX_HITS  5

struct acc {
	int64_t doc;
	double w;
};

struct hits {
	struct mh_leak_item *it;
	double score;
};

static int has_doc(const struct mh_leak_item *it, int64_t doc)
{
	size_t i;

	for (i = 0; i < it->ndocs; i++)
		if (it->docs[i].doc == doc)
			return 1;
	return 0;
}

static int on_doc(void *arg, const struct mh_doc_row *d)
{
	struct hits *h = arg;
	struct mh_doc_hit *x;

	if (has_doc(h->it, d->id) || h->it->ndocs >= MAX_HITS)
		return 0;
	h->it->docs = mh_realloc(h->it->docs, (h->it->ndocs + 1) * sizeof(*h->it->docs));
	x = &h->it->docs[h->it->ndocs++];
	x->doc = d->id;
	x->path = mh_strdup(d->path);
	x->repo = d->repo ? mh_strdup(d->repo) : NULL;
	x->sha256 = mh_strdup(d->sha256);
	x->score = h->score;
	return 0;
}

static int cmp_acc(const void *a, const void *b)
{
	const struct acc *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int by_fingerprints(struct mh_store *s, struct mh_fp_query *q, struct mh_leak_item *it,
                           int64_t ndocs, struct mh_err *err)
{
	struct mh_strmap *map = mh_strmap_new();
	struct acc *acc = NULL;
	size_t nacc = 0, cap = 0, i;
	double total = 0;
	int64_t ids[DF_MAX];
	int rc = 0;

	for (i = 0; i < it->fps.n; i++) {
		int64_t df = mh_store_fp_docs(q, it->fps.v[i], ids, DF_MAX, err), k;
		double idf = log(1.0 + (double)ndocs / (double)(df > 0 ? df : 1));

		if (df < 0) {
			rc = -1;
			break;
		}
		total += idf;
		for (k = 0; k < df && df <= DF_MAX; k++) {
			uint32_t at = mh_strmap_intern(map, (const char *)&ids[k], sizeof(ids[k]),
			                               (uint32_t)nacc);

			if (at == nacc) {
				acc = mh_grow(acc, &cap, nacc + 1, sizeof(*acc));
				acc[nacc].doc = ids[k];
				acc[nacc++].w = 0;
			}
			acc[at].w += idf;
		}
	}
	if (!rc && nacc && total > 0) {
		struct hits h = {it, 0};
		double best;

		qsort(acc, nacc, sizeof(*acc), cmp_acc);
		best = acc[0].w / total;
		for (i = 0; i < nacc && i < MAX_HITS && !rc; i++) {
			h.score = acc[i].w / total;
			if (h.score < MIN_SCORE || h.score < NEAR_BEST * best)
				break;
			rc = mh_store_doc_get(s, acc[i].doc, on_doc, &h, err);
		}
	}
	free(acc);
	mh_strmap_free(map);
	return rc;
}

int mh_leak_match_docs(struct mh_store *s, struct mh_leak *L, struct mh_err *err)
{
	struct mh_fp_query *q;
	int64_t ndocs;
	size_t i;
	int rc = 0;

	if (mh_store_doc_count(s, &ndocs, err))
		return -1;
	if (!ndocs)
		return 0;
	q = mh_store_fp_open(s, err);
	if (!q)
		return -1;
	for (i = 0; i < L->n && !rc; i++) {
		struct mh_leak_item *it = &L->v[i];
		struct hits h = {it, 1.0};

		if (it->size > 0)
			rc = mh_store_docs_by_sha(s, it->sha256, on_doc, &h, err);
		if (!rc && it->fps.n)
			rc = by_fingerprints(s, q, it, ndocs, err);
	}
	mh_store_fp_close(q);
	return rc;
}
