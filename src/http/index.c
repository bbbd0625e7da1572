/* The people index: one snapshot of the store's people for the API. */
#include "http/index.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/strmap.h"
#include "util/xalloc.h"

static char *dup_col(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);

	return mh_strdup(s ? s : "");
}

static int load_people(sqlite3 *db, struct mh_ix *ix, size_t *cap, struct mh_err *err)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(
	    db,
	    "SELECT p.id, p.key, p.resolved, p.email, p.name, p.department, p.title, p.country,"
	    " p.timezone, p.first_ms, p.last_ms, p.events, coalesce(s.score, 0)"
	    " FROM persons p LEFT JOIN scores s ON s.person_id = p.id"
	    " ORDER BY coalesce(s.score, 0) DESC, p.resolved DESC, p.key",
	    -1, &q, NULL);

	if (rc != SQLITE_OK)
		return mh_err_set(err, MH_EINPUT, "reading people: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_ix_person *p;

		ix->v = mh_grow(ix->v, cap, ix->n + 1, sizeof(*ix->v));
		p = &ix->v[ix->n];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(q, 0);
		p->key = dup_col(q, 1);
		p->resolved = sqlite3_column_int(q, 2);
		p->email = dup_col(q, 3);
		p->name = dup_col(q, 4);
		p->department = dup_col(q, 5);
		p->title = dup_col(q, 6);
		p->country = dup_col(q, 7);
		p->timezone = dup_col(q, 8);
		p->first_ms = sqlite3_column_int64(q, 9);
		p->last_ms = sqlite3_column_int64(q, 10);
		p->events = (uint64_t)sqlite3_column_int64(q, 11);
		p->score = sqlite3_column_double(q, 12);
		p->rank = (uint32_t)++ix->n;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return mh_err_set(err, MH_EINPUT, "reading people: %s", sqlite3_errmsg(db));
	return 0;
}

static int cmp_by_key(const void *a, const void *b, void *arg)
{
	const struct mh_ix_person *v = arg;
	const struct mh_ix_person *x = &v[*(const uint32_t *)a], *y = &v[*(const uint32_t *)b];
	int c = strcmp(x->key, y->key);

	return c ? c : x->resolved - y->resolved;
}

/* Pseudonyms in key order, so a collision is resolved the same way each time. */
static void name_people(struct mh_ix *ix, const unsigned char *salt)
{
	uint32_t *order = mh_malloc((ix->n + 1) * sizeof(*order));
	size_t i;

	for (i = 0; i < ix->n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, ix->n, sizeof(*order), cmp_by_key, ix->v);
	for (i = 0; i < ix->n; i++) {
		struct mh_ix_person *p = &ix->v[order[i]];
		unsigned attempt = 0;

		do
			mh_pseudo_name(salt, p->key, p->resolved, attempt++, p->pseudo);
		while (mh_strmap_intern(ix->by_pseudo, p->pseudo, strlen(p->pseudo), order[i]) !=
		       order[i]);
	}
	free(order);
}

static int cmp_id(const void *a, const void *b, void *arg)
{
	const int64_t *ids = arg;
	int64_t x = ids[*(const uint32_t *)a], y = ids[*(const uint32_t *)b];

	return x < y ? -1 : x > y;
}

static void index_people(struct mh_ix *ix)
{
	int64_t *tmp = mh_malloc((ix->n + 1) * sizeof(*tmp));
	size_t i;

	ix->ids = mh_malloc((ix->n + 1) * sizeof(*ix->ids));
	ix->id_idx = mh_malloc((ix->n + 1) * sizeof(*ix->id_idx));
	for (i = 0; i < ix->n; i++) {
		const struct mh_ix_person *p = &ix->v[i];
		char low[320];
		size_t k, n = strlen(p->email);

		tmp[i] = p->id;
		ix->id_idx[i] = (uint32_t)i;
		if (n && n < sizeof(low)) {
			for (k = 0; k < n; k++)
				low[k] = (char)tolower((unsigned char)p->email[k]);
			mh_strmap_put(ix->by_email, low, n, (uint32_t)i);
		}
		if (strlen(p->key) >= 3)
			mh_strmap_put(ix->by_key, p->key, strlen(p->key), (uint32_t)i);
		if (p->resolved == 0 && strchr(p->key, '@'))
			mh_strmap_put(ix->by_email, p->key, strlen(p->key), (uint32_t)i);
	}
	qsort_r(ix->id_idx, ix->n, sizeof(*ix->id_idx), cmp_id, tmp);
	for (i = 0; i < ix->n; i++)
		ix->ids[i] = tmp[ix->id_idx[i]];
	free(tmp);
}

static int load_names(sqlite3 *db, struct mh_ix *ix, struct mh_err *err)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT person_id, value FROM artifacts WHERE kind = 'name'"
	                            " ORDER BY person_id, count DESC",
	                            -1, &q, NULL);

	if (rc != SQLITE_OK)
		return mh_err_set(err, MH_EINPUT, "reading names: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_ix_person *p =
		    (struct mh_ix_person *)mh_ix_by_id(ix, sqlite3_column_int64(q, 0));
		const char *v = (const char *)sqlite3_column_text(q, 1);

		if (p && v && strlen(v) >= 3 && p->nnames < MH_IX_NAMES)
			p->names[p->nnames++] = mh_strdup(v);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return mh_err_set(err, MH_EINPUT, "reading names: %s", sqlite3_errmsg(db));
	return 0;
}

static void add_reason(const struct mh_ix *ix, struct mh_ix_person *p, const char *det,
                       const char *summary, double points)
{
	struct mh_ix_reason *r;
	char *red;

	p->nfindings++;
	if (p->nreasons >= MH_IX_REASONS)
		return;
	r = &p->reasons[p->nreasons++];
	snprintf(r->detector, sizeof(r->detector), "%s", det ? det : "");
	red = mh_ix_redact(ix, p, summary ? summary : "");
	snprintf(r->summary, sizeof(r->summary), "%s", red);
	free(red);
	r->points = points;
}

static int load_reasons(sqlite3 *db, struct mh_ix *ix, struct mh_err *err)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT person_id, detector, summary, points FROM findings"
	                            " ORDER BY person_id, points DESC, detector, key",
	                            -1, &q, NULL);

	if (rc != SQLITE_OK)
		return mh_err_set(err, MH_EINPUT, "reading findings: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_ix_person *p =
		    (struct mh_ix_person *)mh_ix_by_id(ix, sqlite3_column_int64(q, 0));

		if (p)
			add_reason(ix, p, (const char *)sqlite3_column_text(q, 1),
			           (const char *)sqlite3_column_text(q, 2),
			           sqlite3_column_double(q, 3));
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return mh_err_set(err, MH_EINPUT, "reading findings: %s", sqlite3_errmsg(db));
	return 0;
}

static void finish_person(struct mh_ix *ix, struct mh_ix_person *p)
{
	char buf[1024];
	size_t n, i;
	int bin = (int)(p->score / (100.0 / MH_IX_HIST_BINS));
	uint8_t k;

	bin = bin < 0 ? 0 : bin >= MH_IX_HIST_BINS ? MH_IX_HIST_BINS - 1 : bin;
	ix->hist[bin]++;
	if (p->score > 0)
		ix->flagged++;
	n = (size_t)snprintf(buf, sizeof(buf), "%s %s %s %s %s", p->pseudo, p->department, p->title,
	                     p->country, p->timezone);
	for (k = 0; k < p->nreasons && n < sizeof(buf) - 1; k++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %s", p->reasons[k].detector);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	p->search = mh_strndup(buf, n);
}

struct mh_ix *mh_ix_build(sqlite3 *db, const unsigned char salt[MH_SHA256_LEN], struct mh_err *err)
{
	struct mh_ix *ix = mh_calloc(1, sizeof(*ix));
	struct timespec ts;
	size_t cap = 0, i;

	ix->by_pseudo = mh_strmap_new();
	ix->by_email = mh_strmap_new();
	ix->by_key = mh_strmap_new();
	if (load_people(db, ix, &cap, err))
		goto fail;
	name_people(ix, salt);
	index_people(ix);
	if (load_names(db, ix, err) || load_reasons(db, ix, err))
		goto fail;
	for (i = 0; i < ix->n; i++)
		finish_person(ix, &ix->v[i]);
	clock_gettime(CLOCK_REALTIME, &ts);
	ix->built_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	return ix;
fail:
	mh_ix_free(ix);
	return NULL;
}

void mh_ix_free(struct mh_ix *ix)
{
	size_t i;
	uint8_t k;

	if (!ix)
		return;
	for (i = 0; i < ix->n; i++) {
		struct mh_ix_person *p = &ix->v[i];

		free(p->key);
		free(p->email);
		free(p->name);
		free(p->department);
		free(p->title);
		free(p->country);
		free(p->timezone);
		free(p->search);
		for (k = 0; k < p->nnames; k++)
			free(p->names[k]);
	}
	free(ix->v);
	free(ix->ids);
	free(ix->id_idx);
	mh_strmap_free(ix->by_pseudo);
	mh_strmap_free(ix->by_email);
	mh_strmap_free(ix->by_key);
	free(ix);
}

const struct mh_ix_person *mh_ix_by_pseudo(const struct mh_ix *ix, const char *pseudo)
{
	uint32_t i;

	if (!pseudo || !mh_strmap_get(ix->by_pseudo, pseudo, strlen(pseudo), &i))
		return NULL;
	return &ix->v[i];
}

const struct mh_ix_person *mh_ix_by_key(const struct mh_ix *ix, const char *key)
{
	size_t n = key ? strlen(key) : 0, i;
	uint32_t k;

	if (n >= 3)
		return mh_strmap_get(ix->by_key, key, n, &k) ? &ix->v[k] : NULL;
	for (i = 0; n && i < ix->n; i++) /* keys this short are not in by_key */
		if (!strcmp(ix->v[i].key, key))
			return &ix->v[i];
	return NULL;
}

const struct mh_ix_person *mh_ix_by_id(const struct mh_ix *ix, int64_t id)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && ix->ids[lo] == id ? &ix->v[ix->id_idx[lo]] : NULL;
}
