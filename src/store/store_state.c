/*
 * People, their daily aggregates and artifacts in the store.
 *
 * A person's days and hour histogram are stored as little-endian BLOBs in the
 * person's row (one row per person instead of one per person-day keeps a save
 * of 10,000 people x 90 days to 10,000 row writes). Artifacts are rows, since
 * the artifact graph is queried by value ("who else used this IP?").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/*
 * The days BLOB: a version byte, then one record per day.
 *   version 1 (48 bytes a day): day i32, hours u32, events u32, sign-ins,
 *     failed, flagged u16 each, movements by class u16 x 7 (the first unused),
 *     bytes out u64, first movement source u32 and line u32.
 *   version 2 (17 bytes a day, 37 with movement): day i32, hours u24, failed
 *     sign-ins u8, events u32, sign-ins u16, flagged u16, a movement flag u8;
 *     when it is 1: movements by class u8 x 6 (clone first), bytes out u48,
 *     first movement source u32 and line u32.
 * Version 2 is written; both are read, so a store written before the packed
 * state is read as it is and rewritten as version 2 by its next scan.
 */
#define DAY_BLOB_V1 1
#define DAY_BLOB_V2 2
#define DAY_REC_V1  (4 + 4 + 4 + 2 * 3 + 2 * MH_MOVE__COUNT + 8 + 4 + 4)
#define DAY_REC_V2  17
#define DAY_MOVE_V2 (MH_MOVE__COUNT - 1 + 6 + 4 + 4)

static unsigned char *put_le(unsigned char *p, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		*p++ = (unsigned char)(v >> (8 * i));
	return p;
}

static uint64_t get_le(const unsigned char **p, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)(*p)[i] << (8 * i);
	*p += bytes;
	return v;
}

static int day_moved(const struct mh_day *d)
{
	int m;

	for (m = 1; m < MH_MOVE__COUNT; m++)
		if (d->moves[m])
			return 1;
	return d->bytes_out || d->move_line;
}

static unsigned char *pack_days(const struct mh_pstate *ps, size_t *n)
{
	unsigned char *b = mh_malloc(1 + (size_t)ps->ndays * DAY_REC_V2 +
	                             (size_t)ps->nmdays * DAY_MOVE_V2),
	              *p = b;
	struct mh_day_iter it;
	struct mh_day d;
	int m;

	*p++ = DAY_BLOB_V2;
	for (mh_days_begin(&it, ps); mh_days_next(&it, &d);) {
		int moved = day_moved(&d);

		p = put_le(p, (uint32_t)d.day, 4);
		p = put_le(p, d.hours, 3);
		p = put_le(p, d.signin_fail, 1);
		p = put_le(p, d.events, 4);
		p = put_le(p, d.signins, 2);
		p = put_le(p, d.signin_flagged, 2);
		*p++ = (unsigned char)moved;
		if (!moved)
			continue;
		for (m = 1; m < MH_MOVE__COUNT; m++)
			*p++ = (unsigned char)d.moves[m];
		p = put_le(p, d.bytes_out, 6);
		p = put_le(p, d.move_file, 4);
		p = put_le(p, d.move_line, 4);
	}
	*n = (size_t)(p - b);
	return b;
}

/* Decode one version 1 day record at *p (advancing it). */
static void get_day_v1(const unsigned char **p, struct mh_day *d)
{
	int m;

	d->day = (int32_t)(uint32_t)get_le(p, 4);
	d->hours = (uint32_t)get_le(p, 4);
	d->events = (uint32_t)get_le(p, 4);
	d->signins = (uint16_t)get_le(p, 2);
	d->signin_fail = (uint16_t)get_le(p, 2);
	d->signin_flagged = (uint16_t)get_le(p, 2);
	for (m = 0; m < MH_MOVE__COUNT; m++)
		d->moves[m] = (uint16_t)get_le(p, 2);
	d->bytes_out = get_le(p, 8);
	d->move_file = (uint32_t)get_le(p, 4);
	d->move_line = (uint32_t)get_le(p, 4);
}

/* Decode one version 2 day record at *p, of at most end - *p bytes;
 * -1 when it is cut short or malformed. */
static int get_day_v2(const unsigned char **p, const unsigned char *end, struct mh_day *d)
{
	int m, moved;

	memset(d, 0, sizeof(*d));
	if (end - *p < DAY_REC_V2)
		return -1;
	d->day = (int32_t)(uint32_t)get_le(p, 4);
	d->hours = (uint32_t)get_le(p, 3);
	d->signin_fail = (uint16_t)get_le(p, 1);
	d->events = (uint32_t)get_le(p, 4);
	d->signins = (uint16_t)get_le(p, 2);
	d->signin_flagged = (uint16_t)get_le(p, 2);
	moved = *(*p)++;
	if (!moved)
		return 0;
	if (moved != 1 || end - *p < DAY_MOVE_V2)
		return -1;
	for (m = 1; m < MH_MOVE__COUNT; m++)
		d->moves[m] = *(*p)++;
	d->bytes_out = get_le(p, 6);
	d->move_file = (uint32_t)get_le(p, 4);
	d->move_line = (uint32_t)get_le(p, 4);
	return 0;
}

/* Decode a days BLOB, calling fn for each day in order; -1 when the BLOB is
 * not in a known layout. */
static int each_day(const unsigned char *p, size_t n, void (*fn)(void *, const struct mh_day *),
                    void *arg)
{
	const unsigned char *end = p + n;
	struct mh_day d;

	if (n == 0)
		return 0;
	if (p[0] == DAY_BLOB_V1) {
		if ((n - 1) % DAY_REC_V1)
			return -1;
		for (p++; p < end;) {
			get_day_v1(&p, &d);
			fn(arg, &d);
		}
		return 0;
	}
	if (p[0] != DAY_BLOB_V2)
		return -1;
	for (p++; p < end;) {
		if (get_day_v2(&p, end, &d))
			return -1;
		fn(arg, &d);
	}
	return 0;
}

struct day_list {
	struct mh_day *v;
	size_t n, cap;
};

static void list_day(void *arg, const struct mh_day *d)
{
	struct day_list *l = arg;

	l->v = mh_grow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = *d;
}

int mh_store_days_unpack(const void *blob, size_t n, struct mh_day **days, size_t *ndays)
{
	struct day_list l = {NULL, 0, 0};

	*days = NULL;
	*ndays = 0;
	if (each_day(blob, n, list_day, &l)) {
		free(l.v);
		return -1;
	}
	*days = l.v;
	*ndays = l.n;
	return 0;
}

struct day_into {
	struct mh_state *st;
	uint32_t p;
};

static void state_day(void *arg, const struct mh_day *d)
{
	struct day_into *x = arg;

	mh_state_add_day(x->st, x->p, d);
}

static int unpack_days(struct mh_state *st, uint32_t pid, const unsigned char *p, size_t n)
{
	struct day_into x = {st, pid};

	return each_day(p, n, state_day, &x);
}

/* employee_id -> roster index, from the roster people at the front of st. */
static struct mh_strmap *roster_ids(const struct mh_state *st)
{
	struct mh_strmap *m = mh_strmap_new();
	size_t i, nr = st->people && st->people->roster ? st->people->roster->n : 0;

	for (i = 0; i < nr; i++)
		mh_strmap_put(m, st->ps[i].key, strlen(st->ps[i].key), (uint32_t)i);
	return m;
}

static int load_persons(struct mh_store *s, struct mh_state *st, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "SELECT id, key, resolved, first_ms, last_ms, events, art_dropped, hours, days"
	    " FROM persons ORDER BY id",
	    err);
	struct mh_strmap *ids;
	int rc;

	if (!q)
		return -1;
	ids = roster_ids(st);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(q, 1);
		uint32_t r = MH_NOBODY, pid;
		struct mh_pstate *ps;
		const unsigned char *h;
		int i;

		if (!key)
			continue;
		if (sqlite3_column_int(q, 2) && !mh_strmap_get(ids, key, strlen(key), &r))
			r = MH_NOBODY;
		pid = mh_state_person(st, r, key);
		ps = &st->ps[pid];
		ps->dbid = sqlite3_column_int64(q, 0);
		ps->first_ms = sqlite3_column_int64(q, 3);
		ps->last_ms = sqlite3_column_int64(q, 4);
		ps->events = (uint64_t)sqlite3_column_int64(q, 5);
		ps->art_dropped = (uint32_t)sqlite3_column_int64(q, 6);
		h = sqlite3_column_blob(q, 7);
		if (h && sqlite3_column_bytes(q, 7) == 24 * 4)
			for (i = 0; i < 24; i++)
				ps->hour_hist[i] = (uint32_t)get_le(&h, 4);
		if (unpack_days(st, pid, sqlite3_column_blob(q, 8),
		                (size_t)sqlite3_column_bytes(q, 8))) {
			sqlite3_finalize(q);
			mh_strmap_free(ids);
			return mh_err_set(err, MH_EINPUT, "%s: person %s: corrupt daily aggregates",
			                  s->path, key);
		}
		if (ps->last_ms > st->max_ms && ps->events)
			st->max_ms = ps->last_ms;
	}
	sqlite3_finalize(q);
	mh_strmap_free(ids);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "loading persons");
}

static int source_parse(const char *name)
{
	int i;

	for (i = 0; name && i < MH_SRC__COUNT; i++)
		if (!strcmp(mh_source_name(i), name))
			return i;
	return MH_SRC_NONE;
}

/* "kind IN ('ip', ...)" for the kinds st keeps. */
static void kinds_sql(const struct mh_state *st, char *buf, size_t cap)
{
	size_t o = (size_t)snprintf(buf, cap, "kind IN (''");
	int k;

	for (k = 0; k < MH_ART__COUNT && o < cap; k++)
		if (st->kinds >> k & 1)
			o += (size_t)snprintf(buf + o, cap - o, ", '%s'", mh_art_kind_name(k));
	if (o < cap)
		snprintf(buf + o, cap - o, ")");
}

static int load_artifacts(struct mh_store *s, struct mh_state *st, struct mh_err *err)
{
	char sql[512], kinds[256];
	sqlite3_stmt *q;
	int64_t last_db = -1;
	uint32_t pid = MH_NOBODY;
	struct mh_strmap *bydb;
	size_t i;
	int rc;

	kinds_sql(st, kinds, sizeof(kinds));
	snprintf(sql, sizeof(sql),
	         "SELECT person_id, kind, value, count, first_ms, last_ms, source_id, line, src"
	         " FROM artifacts WHERE %s ORDER BY person_id",
	         kinds);
	q = mh_store_prepare(s, sql, err);
	if (!q)
		return -1;
	bydb = mh_strmap_new();
	for (i = 0; i < st->n; i++)
		if (st->ps[i].dbid)
			mh_strmap_put(bydb, (const char *)&st->ps[i].dbid, sizeof(int64_t),
			              (uint32_t)i);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t db = sqlite3_column_int64(q, 0);
		int kind = mh_art_kind_parse((const char *)sqlite3_column_text(q, 1));
		const char *v = (const char *)sqlite3_column_text(q, 2);
		int64_t count = sqlite3_column_int64(q, 3), line = sqlite3_column_int64(q, 7);
		struct mh_art a;

		if (db != last_db) {
			if (!mh_strmap_get(bydb, (const char *)&db, sizeof(db), &pid))
				pid = MH_NOBODY;
			last_db = db;
		}
		if (pid == MH_NOBODY || kind < 0 || !v)
			continue;
		memset(&a, 0, sizeof(a));
		a.first_ms = sqlite3_column_int64(q, 4);
		a.last_ms = sqlite3_column_int64(q, 5);
		a.count = count < 0                  ? 0
		          : count > MH_ART_COUNT_MAX ? MH_ART_COUNT_MAX
		                                     : (uint32_t)count;
		a.file_id = (uint32_t)sqlite3_column_int64(q, 6);
		a.line = line < 0 ? 0 : line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
		a.src = (unsigned)source_parse((const char *)sqlite3_column_text(q, 8));
		mh_state_put_art(st, pid, (enum mh_art_kind)kind, v, strlen(v), &a);
	}
	sqlite3_finalize(q);
	mh_strmap_free(bydb);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "loading artifacts");
}

int mh_store_load_state(struct mh_store *s, struct mh_state *st, struct mh_err *err)
{
	if (load_persons(s, st, err))
		return -1;
	return load_artifacts(s, st, err);
}

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static int save_person(struct mh_store *s, sqlite3_stmt *q, const struct mh_state *st,
                       struct mh_pstate *ps, struct mh_err *err)
{
	const struct mh_roster_entry *e = NULL;
	unsigned char hours[24 * 4], *p = hours, *days;
	size_t dn;
	int i, rc;

	if (ps->roster != MH_NOBODY && st->people && st->people->roster)
		e = &st->people->roster->v[ps->roster];
	for (i = 0; i < 24; i++)
		p = put_le(p, ps->hour_hist[i], 4);
	days = pack_days(ps, &dn);
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	/* ?1 (id) stays NULL: new rows get one, existing rows match on (key, resolved). */
	sqlite3_bind_text(q, 2, ps->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, e != NULL);
	bind_text_or_null(q, 4, e ? e->email : NULL);
	bind_text_or_null(q, 5, e ? e->name : NULL);
	bind_text_or_null(q, 6, e ? e->department : NULL);
	bind_text_or_null(q, 7, e ? e->title : NULL);
	bind_text_or_null(q, 8, e ? e->country : NULL);
	bind_text_or_null(q, 9, e ? e->timezone : NULL);
	if (ps->events) {
		sqlite3_bind_int64(q, 10, ps->first_ms);
		sqlite3_bind_int64(q, 11, ps->last_ms);
	}
	sqlite3_bind_int64(q, 12, (sqlite3_int64)ps->events);
	sqlite3_bind_int64(q, 13, ps->art_dropped);
	sqlite3_bind_blob(q, 14, hours, sizeof(hours), SQLITE_STATIC);
	sqlite3_bind_blob64(q, 15, days, dn, SQLITE_STATIC);
	rc = sqlite3_step(q);
	free(days);
	if (rc != SQLITE_ROW)
		return mh_store_fail(s, err, "saving person");
	ps->dbid = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return 0;
}

static int save_artifacts(struct mh_store *s, const struct mh_state *full,
                          const struct mh_state *delta, const uint32_t *dmap, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "INSERT INTO artifacts(person_id, kind, value, src, count, first_ms, last_ms,"
	    " source_id, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT(person_id, kind, value) DO UPDATE SET count = count + ?5,"
	    " source_id = CASE WHEN ?6 < first_ms THEN ?8 ELSE source_id END,"
	    " line = CASE WHEN ?6 < first_ms THEN ?9 ELSE line END,"
	    " src = CASE WHEN ?6 < first_ms THEN ?4 ELSE src END,"
	    " first_ms = min(first_ms, ?6), last_ms = max(last_ms, ?7)",
	    err);
	size_t i, j;

	if (!q)
		return -1;
	for (i = 0; i < delta->n; i++) {
		const struct mh_pstate *d = &delta->ps[i];
		int64_t db = full->ps[dmap ? dmap[i] : i].dbid;

		for (j = 0; j < d->narts; j++) {
			const struct mh_art *a = &d->arts[j];
			char buf[MH_ART_TEXT_MAX];

			sqlite3_reset(q);
			sqlite3_bind_int64(q, 1, db);
			sqlite3_bind_text(q, 2, mh_art_kind_name(a->kind), -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, mh_art_text(delta, a, buf, sizeof(buf)), -1,
			                  SQLITE_TRANSIENT);
			sqlite3_bind_text(q, 4, mh_source_name(a->src), -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 5, a->count);
			sqlite3_bind_int64(q, 6, a->first_ms);
			sqlite3_bind_int64(q, 7, a->last_ms);
			sqlite3_bind_int64(q, 8, a->file_id);
			sqlite3_bind_int64(q, 9, (sqlite3_int64)a->line);
			if (sqlite3_step(q) != SQLITE_DONE) {
				sqlite3_finalize(q);
				return mh_store_fail(s, err, "saving artifact");
			}
		}
	}
	sqlite3_finalize(q);
	return 0;
}

int mh_store_save_state(struct mh_store *s, struct mh_state *full, const struct mh_state *delta,
                        const uint32_t *dmap, struct mh_err *err)
{
	sqlite3_stmt *q = mh_store_prepare(
	    s,
	    "INSERT INTO persons(id, key, resolved, email, name, department, title, country,"
	    " timezone, first_ms, last_ms, events, art_dropped, hours, days)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	    " ON CONFLICT(key, resolved) DO UPDATE SET email = ?4, name = ?5, department = ?6,"
	    " title = ?7, country = ?8, timezone = ?9, first_ms = ?10, last_ms = ?11,"
	    " events = ?12, art_dropped = ?13, hours = ?14, days = ?15 RETURNING id",
	    err);
	size_t i;

	if (!q)
		return -1;
	for (i = 0; i < full->n; i++)
		if (save_person(s, q, full, &full->ps[i], err)) {
			sqlite3_finalize(q);
			return -1;
		}
	sqlite3_finalize(q);
	return delta ? save_artifacts(s, full, delta, dmap, err) : 0;
}
