/* Vetting tables (store_vet.h). Applicants and artifacts are read in id order
 * and joined in one pass. */
#include "store/store_vet.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_priv.h"
#include "util/xalloc.h"

#define OLD_ARTS_MAX 256

struct arts {
	uint8_t kinds[OLD_ARTS_MAX];
	char *values[OLD_ARTS_MAX];
	size_t n;
};

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* Collect the artifacts of id from the artifact cursor (ordered by id). */
static int collect(sqlite3_stmt *art, int *arc, const char *id, struct arts *a)
{
	a->n = 0;
	while (*arc == SQLITE_ROW) {
		int c = strcmp(col_text(art, 0), id);

		if (c > 0)
			break;
		if (c == 0 && a->n < OLD_ARTS_MAX) {
			a->kinds[a->n] = (uint8_t)sqlite3_column_int(art, 1);
			a->values[a->n++] = mh_strdup(col_text(art, 2));
		}
		*arc = sqlite3_step(art);
	}
	return *arc == SQLITE_ROW || *arc == SQLITE_DONE ? 0 : -1;
}

int mh_store_vet_load(struct mh_store *s, struct mh_vet *v, struct mh_err *err)
{
	sqlite3_stmt *ap, *art;
	struct arts a;
	int rc, arc;
	size_t k;

	ap = mh_store_prepare(s,
	                      "SELECT id, name, surname, applied_ms, score, sig FROM vet_applicants"
	                      " ORDER BY id",
	                      err);
	if (!ap)
		return -1;
	art = mh_store_prepare(
	    s, "SELECT applicant_id, kind, value FROM vet_artifacts ORDER BY applicant_id", err);
	if (!art) {
		sqlite3_finalize(ap);
		return -1;
	}
	arc = sqlite3_step(art);
	while ((rc = sqlite3_step(ap)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(ap, 5);
		struct mh_minhash sig;
		const char *id = col_text(ap, 0);

		if (collect(art, &arc, id, &a))
			break;
		if (blob && sqlite3_column_bytes(ap, 5) == (int)sizeof(sig.v))
			memcpy(sig.v, blob, sizeof(sig.v));
		else
			blob = NULL;
		mh_vet_add_old(v, id, col_text(ap, 1), col_text(ap, 2), sqlite3_column_int64(ap, 3),
		               sqlite3_column_double(ap, 4), blob ? &sig : NULL, a.kinds,
		               (const char *const *)a.values, a.n);
		for (k = 0; k < a.n; k++)
			free(a.values[k]);
	}
	sqlite3_finalize(ap);
	sqlite3_finalize(art);
	if (rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading earlier applicants");
	return 0;
}

static int save_one(struct mh_store *s, sqlite3_stmt *del, sqlite3_stmt *ins, sqlite3_stmt *insa,
                    const struct mh_applicant *a, double score, const struct mh_minhash *sig,
                    const char *findings, int64_t now)
{
	size_t k;

	(void)s;
	sqlite3_bind_text(del, 1, a->id, -1, SQLITE_STATIC);
	if (sqlite3_step(del) != SQLITE_DONE)
		return -1;
	sqlite3_reset(del);
	sqlite3_bind_text(ins, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, a->name ? a->name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, a->surname ? a->surname : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 4, a->applied_ms);
	sqlite3_bind_double(ins, 5, score);
	if (sig)
		sqlite3_bind_blob(ins, 6, sig->v, (int)sizeof(sig->v), SQLITE_STATIC);
	else
		sqlite3_bind_null(ins, 6);
	sqlite3_bind_int64(ins, 7, now);
	sqlite3_bind_text(ins, 8, findings ? findings : "[]", -1, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return -1;
	sqlite3_reset(ins);
	for (k = 0; k < a->narts; k++) {
		sqlite3_bind_text(insa, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(insa, 2, a->arts[k].kind);
		sqlite3_bind_text(insa, 3, a->arts[k].value, -1, SQLITE_STATIC);
		if (sqlite3_step(insa) != SQLITE_DONE)
			return -1;
		sqlite3_reset(insa);
	}
	return 0;
}

int mh_store_vet_save(struct mh_store *s, const struct mh_applicants *batch, const struct mh_vet *v,
                      char *const *findings_json, struct mh_err *err)
{
	sqlite3_stmt *del, *ins, *insa;
	int64_t now = (int64_t)time(NULL) * 1000;
	size_t i;
	int rc = 0;

	del = mh_store_prepare(s, "DELETE FROM vet_artifacts WHERE applicant_id = ?", err);
	ins =
	    mh_store_prepare(s,
	                     "INSERT OR REPLACE INTO vet_applicants(id, name, surname, applied_ms,"
	                     " score, sig, vetted_at, findings) VALUES (?,?,?,?,?,?,?,?)",
	                     err);
	insa = mh_store_prepare(
	    s, "INSERT OR IGNORE INTO vet_artifacts(applicant_id, kind, value) VALUES (?,?,?)",
	    err);
	if (!del || !ins || !insa)
		rc = -1;
	if (!rc && mh_store_begin(s, err))
		rc = -1;
	for (i = 0; !rc && i < batch->n; i++)
		if (save_one(s, del, ins, insa, &batch->v[i], mh_vet_result(v, i)->score,
		             mh_vet_sig(v, i), findings_json ? findings_json[i] : NULL, now))
			rc = mh_store_fail(s, err, "saving applicants");
	if (!rc && mh_store_commit(s, err))
		rc = -1;
	else if (rc && del && ins && insa)
		mh_store_rollback(s);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	sqlite3_finalize(insa);
	return rc;
}

struct flagged {
	double threshold;
	char **keys;
	double *scores;
	size_t n, cap, scap;
};

static int on_person(void *arg, const struct mh_person_row *row)
{
	struct flagged *f = arg;

	if (row->score < f->threshold)
		return 1; /* ordered by score: the rest are lower */
	f->keys = mh_grow(f->keys, &f->cap, f->n + 1, sizeof(*f->keys));
	f->scores = mh_grow(f->scores, &f->scap, f->n + 1, sizeof(*f->scores));
	f->scores[f->n] = row->score;
	f->keys[f->n++] = mh_strdup(row->key);
	return 0;
}

int mh_store_flagged_people(struct mh_store *s, double threshold, char ***keys, double **scores,
                            size_t *n, struct mh_err *err)
{
	struct flagged f = {threshold, NULL, NULL, 0, 0, 0};

	if (mh_store_each_person(s, 0, on_person, &f, err) < 0) {
		mh_store_free_list(f.keys, f.n);
		free(f.scores);
		return -1;
	}
	*keys = f.keys;
	*scores = f.scores;
	*n = f.n;
	return 0;
}

void mh_store_free_list(char **keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}
