/*
 * The handlers' side of the store: one shared connection behind a mutex, a
 * time budget per query (a progress handler interrupts a query past its
 * deadline, so one slow request cannot hold the store), and the people index
 * snapshot, rebuilt when another connection (the ingest worker, a `molehunt
 * scan` run) has committed since it was built.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http_int.h"
#include "store/schema.h"

#define IX_CHECK_MS 250 /* how stale the index may be */

int64_t mh_http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void mh_serve_opts_init(struct mh_serve_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->db = "molehunt.db";
	o->listen = "127.0.0.1:8080";
	o->threads = 2;
	o->rate = 50;
	o->burst = 200;
	o->max_ingest = 8u << 20;
	o->timeout_s = 15;
	o->query_ms = 5000;
	o->max_conns = 256;
	o->max_conns_per_ip = 128;
	o->poll_ms = 2000;
}

static int past_deadline(void *arg)
{
	struct mh_server *s = arg;

	return s->deadline_ms && mh_http_now_ms() > s->deadline_ms;
}

sqlite3 *mh_http_db_lock(struct mh_server *s)
{
	sqlite3 *db = mh_store_db(s->store);

	pthread_mutex_lock(&s->dblock);
	s->deadline_ms = mh_http_now_ms() + s->o.query_ms;
	sqlite3_progress_handler(db, 1000, past_deadline, s);
	return db;
}

void mh_http_db_unlock(struct mh_server *s)
{
	sqlite3_progress_handler(mh_store_db(s->store), 0, NULL, NULL);
	s->deadline_ms = 0;
	pthread_mutex_unlock(&s->dblock);
}

int mh_reply_db_error(struct mh_req *r, sqlite3 *db, const char *what)
{
	int code = sqlite3_errcode(db);

	if (code == SQLITE_INTERRUPT)
		return mh_reply_error(r, 503, "%s took longer than %u ms", what, r->s->o.query_ms);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		r->retry_after = 2;
		return mh_reply_error(r, 503, "%s: the store is busy", what);
	}
	return mh_reply_error(r, 500, "%s: %s", what, sqlite3_errmsg(db));
}

int mh_http_has_module(sqlite3 *db, const char *module)
{
	return mh_schema_version(db, module) > 0;
}

static int64_t data_version(sqlite3 *db)
{
	sqlite3_stmt *q;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static const struct mh_ix *take_current(struct mh_server *s, int64_t now, int fresh_only)
{
	struct mh_ix *ix = NULL;

	pthread_mutex_lock(&s->ixlock);
	if (s->ix && (!fresh_only || now - s->ix_checked_ms < IX_CHECK_MS)) {
		ix = s->ix;
		ix->refs++;
	}
	pthread_mutex_unlock(&s->ixlock);
	return ix;
}

const struct mh_ix *mh_http_ix_get(struct mh_req *r)
{
	struct mh_server *s = r->s;
	int64_t now = mh_http_now_ms(), v;
	const struct mh_ix *cur = take_current(s, now, 1);
	struct mh_ix *nix, *old;
	struct mh_err err;
	sqlite3 *db;

	if (cur)
		return cur;
	db = mh_http_db_lock(s);
	v = data_version(db);
	pthread_mutex_lock(&s->ixlock);
	if (s->ix && v >= 0 && v == s->ix_version) {
		s->ix_checked_ms = now;
		s->ix->refs++;
		cur = s->ix;
	}
	pthread_mutex_unlock(&s->ixlock);
	if (cur) {
		mh_http_db_unlock(s);
		return cur;
	}
	mh_err_clear(&err);
	nix = mh_ix_build(db, s->salt, &err);
	if (!nix) {
		mh_http_db_unlock(s);
		cur = take_current(s, now, 0); /* serve the older snapshot */
		if (!cur)
			mh_reply_error(r, 503, "people index: %s", err.msg);
		return cur;
	}
	pthread_mutex_lock(&s->ixlock);
	old = s->ix;
	s->ix = nix;
	s->ix_version = v;
	s->ix_checked_ms = now;
	nix->refs++;
	if (old) {
		old->retired = 1;
		if (old->refs)
			old = NULL; /* its last reader frees it */
	}
	pthread_mutex_unlock(&s->ixlock);
	mh_http_db_unlock(s);
	mh_ix_free(old);
	return nix;
}

void mh_http_ix_put(struct mh_server *s, const struct mh_ix *cix)
{
	struct mh_ix *ix = (struct mh_ix *)cix;
	int gone;

	if (!ix)
		return;
	pthread_mutex_lock(&s->ixlock);
	ix->refs--;
	gone = ix->retired && !ix->refs;
	pthread_mutex_unlock(&s->ixlock);
	if (gone)
		mh_ix_free(ix);
}

void mh_json_str(cJSON *o, const char *name, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}
