#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_priv.h"
#include "util/xalloc.h"

int mh_store_fail(struct mh_store *s, struct mh_err *err, const char *what)
{
	return mh_err_set(err, MH_EINPUT, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *mh_store_prepare(struct mh_store *s, const char *sql, struct mh_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		mh_store_fail(s, err, "prepare");
		return NULL;
	}
	return st;
}

struct mh_store *mh_store_open_existing(const char *path, struct mh_err *err)
{
	if (access(path, F_OK)) {
		mh_err_set(err, MH_EINPUT, "%s: no such store (run 'molehunt scan' first)", path);
		return NULL;
	}
	return mh_store_open(path, err);
}

struct mh_store *mh_store_open(const char *path, struct mh_err *err)
{
	struct mh_store *s = mh_calloc(1, sizeof(*s));
	/* busy_timeout first: switching to WAL already needs the lock that a
	 * process still closing the same store may hold. */
	static const char *const pragmas = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;"
	                                   "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
	char *msg = NULL;

	s->path = mh_strdup(path);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		mh_err_set(err, MH_EINPUT, "%s: cannot open store: %s", path,
		           s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		mh_err_set(err, MH_EINPUT, "%s: not a usable SQLite store: %s", path,
		           msg ? msg : "?");
		sqlite3_free(msg);
		goto fail;
	}
	if (mh_schema_migrate(s->db, err)) {
		mh_err_prefix(err, "%s", path);
		goto fail;
	}
	return s;
fail:
	mh_store_close(s);
	return NULL;
}

void mh_store_close(struct mh_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

struct sqlite3 *mh_store_db(struct mh_store *s)
{
	return s->db;
}

int mh_store_schema_version(struct mh_store *s)
{
	return mh_schema_version(s->db, "core");
}

static int exec(struct mh_store *s, const char *sql, struct mh_err *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return mh_store_fail(s, err, sql);
	return 0;
}

int mh_store_sync_full(struct mh_store *s, struct mh_err *err)
{
	return exec(s, "PRAGMA synchronous = FULL", err);
}

int mh_store_begin(struct mh_store *s, struct mh_err *err)
{
	return exec(s, "BEGIN IMMEDIATE", err);
}

int mh_store_commit(struct mh_store *s, struct mh_err *err)
{
	return exec(s, "COMMIT", err);
}

void mh_store_rollback(struct mh_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int mh_store_put_roster(struct mh_store *s, const char *name, const char *csv, size_t n,
                        struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('roster', ?), ('roster_name', ?)",
	    err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_blob64(st, 1, csv, n, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "saving roster");
}

int mh_store_get_roster(struct mh_store *s, char **csv, size_t *n, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s, "SELECT value FROM meta WHERE key = 'roster'", err);
	int rc;

	*csv = NULL;
	*n = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = (size_t)sqlite3_column_bytes(st, 0);
		*csv = mh_malloc(*n + 1);
		if (*n)
			memcpy(*csv, sqlite3_column_blob(st, 0), *n);
		(*csv)[*n] = '\0';
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading roster");
}

static void read_source(sqlite3_stmt *st, struct mh_source_rec *r)
{
	const char *p;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	p = (const char *)sqlite3_column_text(st, 1);
	snprintf(r->path, sizeof(r->path), "%s", p ? p : "");
	p = (const char *)sqlite3_column_text(st, 2);
	snprintf(r->format, sizeof(r->format), "%s", p ? p : "");
	r->head_hash = (uint64_t)sqlite3_column_int64(st, 3);
	r->offset = (uint64_t)sqlite3_column_int64(st, 4);
	r->lines = (uint64_t)sqlite3_column_int64(st, 5);
	r->prefix_hash = (uint64_t)sqlite3_column_int64(st, 6);
	r->events = (uint64_t)sqlite3_column_int64(st, 7);
	r->rejected = (uint64_t)sqlite3_column_int64(st, 8);
}

static int sources_where(struct mh_store *s, const char *sql, uint64_t head_hash, const char *path,
                         struct mh_source_rec *out, int max, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s, sql, err);
	int n = 0, rc;

	if (!st)
		return -1;
	if (path)
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, (sqlite3_int64)head_hash);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
		read_source(st, &out[n++]);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mh_store_fail(s, err, "reading sources");
	return n;
}

int mh_store_sources_by_head(struct mh_store *s, uint64_t head_hash, struct mh_source_rec *out,
                             int max, struct mh_err *err)
{
	return sources_where(s,
	                     "SELECT id, path, format, head_hash, offset, lines, prefix_hash,"
	                     " events, rejected FROM sources WHERE head_hash = ? ORDER BY id",
	                     head_hash, NULL, out, max, err);
}

int mh_store_sources_by_path(struct mh_store *s, const char *path, struct mh_source_rec *out,
                             int max, struct mh_err *err)
{
	return sources_where(s,
	                     "SELECT id, path, format, head_hash, offset, lines, prefix_hash,"
	                     " events, rejected FROM sources WHERE path = ? ORDER BY id DESC",
	                     0, path, out, max, err);
}

int mh_store_source_save(struct mh_store *s, struct mh_source_rec *r, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s,
	    "INSERT INTO sources(id, path, format, head_hash, offset, lines, prefix_hash,"
	    " events, rejected, scanned_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " CAST(strftime('%s','now') AS INTEGER))"
	    " ON CONFLICT(id) DO UPDATE SET path = ?2, format = ?3, offset = ?5, lines = ?6,"
	    " prefix_hash = ?7, events = ?8, rejected = ?9, scanned_at = excluded.scanned_at",
	    err);
	int rc;

	if (!st)
		return -1;
	if (r->id)
		sqlite3_bind_int64(st, 1, r->id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_text(st, 2, r->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->format, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)r->head_hash);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)r->offset);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)r->lines);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)r->prefix_hash);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)r->events);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)r->rejected);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mh_store_fail(s, err, "saving source");
	if (!r->id)
		r->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

void mh_store_source_path(struct mh_store *s, int64_t id, char *buf, size_t cap)
{
	sqlite3_stmt *st = mh_store_prepare(s, "SELECT path FROM sources WHERE id = ?", NULL);

	snprintf(buf, cap, "%s", "");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}
