/* One person in full: the row, its aggregates decoded, its score history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/xalloc.h"

static void copy(char *dst, size_t cap, const unsigned char *src)
{
	snprintf(dst, cap, "%s", src ? (const char *)src : "");
}

int mh_store_person_get(struct mh_store *s, const char *key, struct mh_person_detail *d,
                        struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT p.id, p.key, p.email, p.name, p.department, p.title, p.country, p.timezone,"
	    " p.resolved, p.first_ms, p.last_ms, p.events, p.hours, p.days,"
	    " coalesce(s.score, 0), s.as_of_ms, s.contributions"
	    " FROM persons p LEFT JOIN scores s ON s.person_id = p.id"
	    " WHERE p.key = ? ORDER BY p.resolved DESC LIMIT 1",
	    err);
	const unsigned char *h;
	int rc, i;

	memset(d, 0, sizeof(*d));
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(q);
		return rc == SQLITE_DONE ? 1 : mh_store_fail(s, err, "reading person");
	}
	d->id = sqlite3_column_int64(q, 0);
	copy(d->key, sizeof(d->key), sqlite3_column_text(q, 1));
	copy(d->email, sizeof(d->email), sqlite3_column_text(q, 2));
	copy(d->name, sizeof(d->name), sqlite3_column_text(q, 3));
	copy(d->department, sizeof(d->department), sqlite3_column_text(q, 4));
	copy(d->title, sizeof(d->title), sqlite3_column_text(q, 5));
	copy(d->country, sizeof(d->country), sqlite3_column_text(q, 6));
	copy(d->timezone, sizeof(d->timezone), sqlite3_column_text(q, 7));
	d->resolved = sqlite3_column_int(q, 8);
	d->first_ms = sqlite3_column_int64(q, 9);
	d->last_ms = sqlite3_column_int64(q, 10);
	d->events = (uint64_t)sqlite3_column_int64(q, 11);
	h = sqlite3_column_blob(q, 12);
	if (h && sqlite3_column_bytes(q, 12) == 24 * 4)
		for (i = 0; i < 24; i++)
			d->hours[i] = (uint32_t)h[4 * i] | (uint32_t)h[4 * i + 1] << 8 |
			              (uint32_t)h[4 * i + 2] << 16 | (uint32_t)h[4 * i + 3] << 24;
	if (mh_store_days_unpack(sqlite3_column_blob(q, 13), (size_t)sqlite3_column_bytes(q, 13),
	                         &d->days, &d->ndays)) {
		sqlite3_finalize(q);
		return mh_err_set(err, MH_EINPUT, "person %s: corrupt daily aggregates", key);
	}
	d->score = sqlite3_column_double(q, 14);
	d->as_of_ms = sqlite3_column_int64(q, 15);
	if (sqlite3_column_text(q, 16))
		d->contributions = mh_strdup((const char *)sqlite3_column_text(q, 16));
	sqlite3_finalize(q);
	return 0;
}

void mh_person_detail_release(struct mh_person_detail *d)
{
	free(d->days);
	free(d->contributions);
	memset(d, 0, sizeof(*d));
}

int mh_store_each_score(struct mh_store *s, int64_t person,
                        int (*cb)(void *arg, int64_t as_of_ms, double score), void *arg,
                        struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(s,
	                                   "SELECT as_of_ms, score FROM score_history"
	                                   " WHERE person_id = ? ORDER BY as_of_ms",
	                                   err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, person);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (cb(arg, sqlite3_column_int64(q, 0), sqlite3_column_double(q, 1)))
			break;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading scores");
}
