#include "mh_test.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/people.h"
#include "core/state.h"
#include "store/store.h"
#include "util/ip.h"

static char dbpath[64];
static struct mh_roster roster;
static struct mh_people people;

static int setup(void **state)
{
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/mh-test-store-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	memset(&roster, 0, sizeof(roster));
	mh_test_person(&roster, "E1", "alice@corp.example", "asmith", NULL);
	mh_test_person(&roster, "E2", "bob@corp.example", NULL, NULL);
	mh_people_build(&people, &roster, NULL, NULL);
	return 0;
}

static int teardown(void **state)
{
	char p[80];

	mh_people_release(&people);
	mh_roster_free(&roster);
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void add(struct mh_state *st, const char *user, int64_t ts, const char *ip)
{
	struct mh_event e;

	memset(&e, 0, sizeof(e));
	e.user = mh_test_str(user);
	e.ts_ms = ts;
	e.kind = MH_EV_SIGNIN;
	e.src = MH_SRC_ENTRA;
	e.file_id = 1;
	e.line = 42;
	e.move = MH_MOVE_DOWNLOAD;
	e.bytes = 100;
	assert_int_equal(mh_ip_parse(ip, strlen(ip), &e.ip), 0);
	mh_state_add_event(st, &e);
}

/* Save a delta into a fresh store, load it back, save another delta, reload. */
static void test_roundtrip_and_accumulate(void **state)
{
	struct mh_err err;
	struct mh_store *s = mh_store_open(dbpath, &err);
	struct mh_state full, delta, back;
	struct mh_day_iter it;
	struct mh_day d;
	uint32_t map[8];
	int i;

	assert_non_null(s);
	assert_int_equal(mh_store_schema_version(s), 2);
	for (i = 0; i < 2; i++) {
		mh_state_init(&full, &people);
		assert_int_equal(mh_store_load_state(s, &full, &err), 0);
		mh_state_init(&delta, &people);
		add(&delta, "alice@corp.example", 86400000LL * 100 + 3600000, "198.51.100.1");
		add(&delta, "ghost@x.example", 86400000LL * 101, "198.51.100.2");
		mh_state_merge(&full, &delta, map);
		assert_int_equal(mh_store_begin(s, &err), 0);
		assert_int_equal(mh_store_save_state(s, &full, &delta, map, &err), 0);
		assert_int_equal(mh_store_commit(s, &err), 0);
		mh_state_release(&delta);
		mh_state_release(&full);
	}
	mh_state_init(&back, &people);
	assert_int_equal(mh_store_load_state(s, &back, &err), 0);
	assert_int_equal(back.n, 3); /* two roster people and one unresolved */
	assert_int_equal(back.ps[0].events, 2);
	assert_int_equal(back.ps[0].ndays, 1);
	mh_days_begin(&it, &back.ps[0]);
	assert_true(mh_days_next(&it, &d));
	assert_int_equal(d.day, 100);
	assert_int_equal(d.signins, 2);
	assert_int_equal(d.moves[MH_MOVE_DOWNLOAD], 2);
	assert_int_equal(d.bytes_out, 200);
	assert_int_equal(d.move_file, 1);
	assert_int_equal(d.move_line, 42);
	assert_int_equal(back.ps[0].hour_hist[1], 2);
	assert_int_equal(back.ps[0].nkind[MH_ART_IP], 1);
	assert_int_equal(back.ps[0].arts[0].count + back.ps[0].arts[1].count, 4);
	assert_int_equal(back.ps[2].roster, MH_NOBODY);
	assert_string_equal(back.ps[2].key, "ghost@x.example");
	assert_int_equal(back.ps[2].events, 2);
	assert_int_equal(back.max_ms, 86400000LL * 101);
	mh_state_release(&back);
	mh_store_close(s);
}

static unsigned char *le(unsigned char *p, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		*p++ = (unsigned char)(v >> (8 * i));
	return p;
}

/* A store written before the packed state: core schema 1 and version 1 day
 * records. Opening migrates the schema; its days read as they were; the next
 * save writes version 2, which reads back the same. */
static void test_days_v1_migrated(void **state)
{
	struct mh_err err;
	struct mh_store *s = mh_store_open(dbpath, &err);
	unsigned char blob[1 + 2 * 48], *p = blob;
	struct mh_state st, back;
	struct mh_day *days;
	struct mh_day_iter it;
	struct mh_day d;
	size_t n;
	sqlite3_stmt *q;
	int i;

	assert_non_null(s);
	*p++ = 1;
	for (i = 0; i < 2; i++) {
		p = le(p, 300 + i, 4);     /* day */
		p = le(p, 1u << 14, 4);    /* hours */
		p = le(p, 70000 + i, 4);   /* events */
		p = le(p, 3, 2);           /* sign-ins */
		p = le(p, 1, 2);           /* failed */
		p = le(p, 2, 2);           /* flagged */
		p = le(p, 0, 2);           /* movements by class, MH_MOVE_NONE first */
		p = le(p, i ? 0 : 4, 2);   /* clones */
		p = le(p, i ? 0 : 300, 2); /* downloads: more than a packed day holds */
		p = le(p, 0, 2 * 4);
		p = le(p, i ? 0 : 6000000000ULL, 8); /* bytes out */
		p = le(p, i ? 0 : 5, 4);             /* first movement source */
		p = le(p, i ? 0 : 77, 4);            /* and line */
	}
	assert_int_equal(sqlite3_exec(mh_store_db(s),
	                              "UPDATE schema SET version = 1 WHERE module = 'core'", NULL,
	                              NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(mh_store_db(s),
	                       "INSERT INTO persons(key, resolved, events, hours, days)"
	                       " VALUES ('E2', 1, 140001, NULL, ?)",
	                       -1, &q, NULL),
	    SQLITE_OK);
	sqlite3_bind_blob(q, 1, blob, sizeof(blob), SQLITE_STATIC);
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	mh_store_close(s);

	s = mh_store_open(dbpath, &err);
	assert_non_null(s);
	assert_int_equal(mh_store_schema_version(s), 2);
	assert_int_equal(mh_store_days_unpack(blob, sizeof(blob), &days, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(days[0].moves[MH_MOVE_DOWNLOAD], 300);
	free(days);
	mh_state_init(&st, &people);
	assert_int_equal(mh_store_load_state(s, &st, &err), 0);
	assert_int_equal(st.ps[1].ndays, 2);
	assert_int_equal(st.ps[1].nmdays, 1);
	mh_days_begin(&it, &st.ps[1]);
	assert_true(mh_days_next(&it, &d));
	assert_int_equal(d.day, 300);
	assert_int_equal(d.events, 70000);
	assert_int_equal(d.signin_fail, 1);
	assert_int_equal(d.moves[MH_MOVE_CLONE], 4);
	assert_int_equal(d.moves[MH_MOVE_DOWNLOAD], MH_DAY_MOVES_MAX);
	assert_true(d.bytes_out == 6000000000ULL);
	assert_int_equal(d.move_line, 77);
	assert_int_equal(mh_store_begin(s, &err), 0);
	assert_int_equal(mh_store_save_state(s, &st, NULL, NULL, &err), 0);
	assert_int_equal(mh_store_commit(s, &err), 0);
	assert_int_equal(sqlite3_prepare_v2(mh_store_db(s),
	                                    "SELECT days FROM persons WHERE key = 'E2'", -1, &q,
	                                    NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(((const unsigned char *)sqlite3_column_blob(q, 0))[0], 2);
	assert_int_equal(sqlite3_column_bytes(q, 0), 1 + 17 + 20 + 17);
	sqlite3_finalize(q);
	mh_state_init(&back, &people);
	assert_int_equal(mh_store_load_state(s, &back, &err), 0);
	assert_int_equal(back.ps[1].ndays, 2);
	assert_int_equal(back.ps[1].nmdays, 1);
	assert_memory_equal(back.ps[1].days, st.ps[1].days, 2 * sizeof(*st.ps[1].days));
	assert_memory_equal(back.ps[1].mdays, st.ps[1].mdays, sizeof(*st.ps[1].mdays));
	mh_state_release(&back);
	mh_state_release(&st);
	mh_store_close(s);
}

/* Day BLOBs cut short, of an unknown version or with a bad movement flag
 * are refused, not misread. */
static void test_days_blob_malformed(void **state)
{
	static const unsigned char cut[] = {2, 1, 0, 0, 0, 1};
	static const unsigned char unknown[] = {9, 0, 0};
	unsigned char flag[1 + 17] = {2};
	struct mh_day *days;
	size_t n;

	flag[17] = 3;
	assert_int_equal(mh_store_days_unpack(cut, sizeof(cut), &days, &n), -1);
	assert_int_equal(mh_store_days_unpack(unknown, sizeof(unknown), &days, &n), -1);
	assert_int_equal(mh_store_days_unpack(flag, sizeof(flag), &days, &n), -1);
	flag[17] = 1; /* says a movement part follows; none does */
	assert_int_equal(mh_store_days_unpack(flag, sizeof(flag), &days, &n), -1);
	flag[17] = 0;
	assert_int_equal(mh_store_days_unpack(flag, sizeof(flag), &days, &n), 0);
	assert_int_equal(n, 1);
	free(days);
}

static void test_sources_checkpoint(void **state)
{
	struct mh_err err;
	struct mh_store *s = mh_store_open(dbpath, &err);
	struct mh_source_rec r, got[4];
	char path[64];

	memset(&r, 0, sizeof(r));
	snprintf(r.path, sizeof(r.path), "okta.jsonl");
	snprintf(r.format, sizeof(r.format), "okta");
	r.head_hash = 0x8000000000000001ULL; /* high bit: stored as a negative int64 */
	r.offset = 1000;
	r.prefix_hash = 77;
	assert_int_equal(mh_store_source_save(s, &r, &err), 0);
	assert_true(r.id > 0);
	r.offset = 2000;
	assert_int_equal(mh_store_source_save(s, &r, &err), 0);
	assert_int_equal(mh_store_sources_by_head(s, 0x8000000000000001ULL, got, 4, &err), 1);
	assert_int_equal(got[0].offset, 2000);
	assert_int_equal(got[0].id, r.id);
	assert_int_equal(mh_store_sources_by_head(s, 5, got, 4, &err), 0);
	mh_store_source_path(s, r.id, path, sizeof(path));
	assert_string_equal(path, "okta.jsonl");
	mh_store_close(s);
}

static void test_rejects_garbage_file(void **state)
{
	struct mh_err err;
	FILE *f = fopen(dbpath, "w");

	fputs("this is not a database, just text that is long enough to be noticed\n", f);
	fclose(f);
	assert_null(mh_store_open(dbpath, &err));
	assert_non_null(strstr(err.msg, dbpath));
	assert_null(mh_store_open_existing("/nonexistent/molehunt.db", &err));
	assert_non_null(strstr(err.msg, "no such store"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_roundtrip_and_accumulate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_days_v1_migrated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_days_blob_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sources_checkpoint, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rejects_garbage_file, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
