/* Read-side queries for reports: ranked people, their findings, artifacts. */
#include <stdio.h>
#include <string.h>

#include "store/store_priv.h"

#define TXT(q, i) ((const char *)sqlite3_column_text((q), (i)))

int mh_store_each_person(struct mh_store *s, size_t limit,
                         int (*cb)(void *arg, const struct mh_person_row *row), void *arg,
                         struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT p.id, p.key, p.email, p.name, p.department, p.title, p.country, p.timezone,"
	    " p.resolved, p.first_ms, p.last_ms, p.events, coalesce(s.score, 0), s.contributions"
	    " FROM persons p LEFT JOIN scores s ON s.person_id = p.id"
	    " ORDER BY coalesce(s.score, 0) DESC, p.resolved DESC, p.key LIMIT ?",
	    err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, limit ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_person_row r;

		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(q, 0);
		r.key = TXT(q, 1);
		r.email = TXT(q, 2);
		r.name = TXT(q, 3);
		r.department = TXT(q, 4);
		r.title = TXT(q, 5);
		r.country = TXT(q, 6);
		r.timezone = TXT(q, 7);
		r.resolved = sqlite3_column_int(q, 8);
		r.first_ms = sqlite3_column_int64(q, 9);
		r.last_ms = sqlite3_column_int64(q, 10);
		r.events = (uint64_t)sqlite3_column_int64(q, 11);
		r.score = sqlite3_column_double(q, 12);
		r.contributions = TXT(q, 13);
		if (cb(arg, &r))
			break;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading persons");
}

static int each_finding(struct mh_store *s, int64_t person, const char *order,
                        int (*cb)(void *arg, const struct mh_finding_row *row), void *arg,
                        struct mh_err *err)
{
	char sql[256];
	sqlite3_stmt *q;
	int rc;

	snprintf(sql, sizeof(sql),
	         "SELECT detector, key, summary, evidence, origin, first_ms, last_ms, count, points"
	         " FROM findings WHERE person_id = ? ORDER BY %s",
	         order);
	q = mh_store_prepare(s, sql, err);
	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, person);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct mh_finding_row r;

		r.detector = TXT(q, 0);
		r.key = TXT(q, 1);
		r.summary = TXT(q, 2);
		r.evidence = TXT(q, 3);
		r.origin = sqlite3_column_int(q, 4);
		r.first_ms = sqlite3_column_int64(q, 5);
		r.last_ms = sqlite3_column_int64(q, 6);
		r.count = (uint64_t)sqlite3_column_int64(q, 7);
		r.points = sqlite3_column_double(q, 8);
		if (cb(arg, &r))
			break;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : mh_store_fail(s, err, "reading findings");
}

int mh_store_each_finding(struct mh_store *s, int64_t person,
                          int (*cb)(void *arg, const struct mh_finding_row *row), void *arg,
                          struct mh_err *err)
{
	return each_finding(s, person, "points DESC, detector, key", cb, arg, err);
}

int mh_store_each_finding_by_time(struct mh_store *s, int64_t person,
                                  int (*cb)(void *arg, const struct mh_finding_row *row), void *arg,
                                  struct mh_err *err)
{
	return each_finding(s, person, "first_ms, detector, key", cb, arg, err);
}

int mh_store_each_artifact(struct mh_store *s, int64_t person, const char *kind,
                           int (*cb)(void *arg, const char *value, const char *src, uint64_t count),
                           void *arg, struct mh_err *err)
{
	sqlite3_stmt *q =
	    mh_store_prepare(s,
	                     "SELECT value, src, count FROM artifacts"
	                     " WHERE person_id = ? AND kind = ? ORDER BY count DESC, value",
	                     err);
	int rc;

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, person);
	sqlite3_bind_text(q, 2, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (cb(arg, TXT(q, 0), TXT(q, 1), (uint64_t)sqlite3_column_int64(q, 2)))
			break;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
	                                             : mh_store_fail(s, err, "reading artifacts");
}
