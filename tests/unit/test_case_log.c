/* cases/: the hash-chained log, evidence, bundles, and that case verify
 * reports every single-byte change to a stored entry, link or evidence blob,
 * removed and reordered entries, in the store and in an exported bundle. */
#include "mh_test.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cases/bundle.h"
#include "cases/log.h"
#include "cases/summary.h"
#include "cases/verify.h"
#include "store/store.h"
#include "store/store_cases.h"
#include "cases/subjects.h"

static char dbpath[64], dir[64];
static struct mh_store *st;
static const char blob[] = "From: x@example.com\r\n\r\nleaked sample\r\n";

static int setup(void **state)
{
	struct mh_err err;
	int fd;
	int64_t id;
	cJSON *d;

	snprintf(dbpath, sizeof(dbpath), "/tmp/mh-test-case-XXXXXX");
	fd = mkstemp(dbpath);
	close(fd);
	unlink(dbpath);
	snprintf(dir, sizeof(dir), "/tmp/mh-test-bundle-XXXXXX");
	assert_non_null(mkdtemp(dir));
	rmdir(dir);
	setenv("MH_ANALYST", "tester", 1);
	st = mh_store_open(dbpath, &err);
	assert_non_null(st);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "title", "Extortion: test");
	assert_int_equal(mh_case_open(st, d, &id, &err), 0);
	assert_int_equal(id, 1);
	assert_int_equal(
	    mh_case_add_evidence(st, id, "x.eml", "message", blob, sizeof(blob) - 1, NULL, &err),
	    0);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "text", "called counsel");
	assert_int_equal(mh_case_append(st, id, "note", d, NULL, &err), 0);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "step", "preserve");
	assert_int_equal(mh_case_append(st, id, "playbook.done", d, NULL, &err), 0);
	/* a second case sharing the same evidence: stored once */
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "title", "second");
	assert_int_equal(mh_case_open(st, d, &id, &err), 0);
	assert_int_equal(
	    mh_case_add_evidence(st, id, "copy.eml", "message", blob, sizeof(blob) - 1, NULL, &err),
	    0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	mh_store_close(st);
	unlink(dbpath);
	snprintf(cmd, sizeof(cmd), "rm -rf %s %s-wal %s-shm", dir, dbpath, dbpath);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static size_t problems(int64_t id)
{
	struct mh_verify v = {NULL, NULL, 0, 0, 0, 0};
	struct mh_err err;

	assert_int_equal(mh_case_verify(st, id, &v, &err), 0);
	return v.problems;
}

static void sql(const char *q)
{
	char *msg = NULL;

	if (sqlite3_exec(mh_store_db(st), q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg);
}

static int64_t scalar(const char *q)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(mh_store_db(st), q, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void unlock(void)
{
	sql("DROP TRIGGER IF EXISTS case_log_no_update; DROP TRIGGER IF EXISTS case_log_no_delete;"
	    "DROP TRIGGER IF EXISTS evidence_no_update; DROP TRIGGER IF EXISTS evidence_no_delete");
}

static void test_clean_and_append_only(void **state)
{
	char *msg = NULL;
	struct mh_case_sum sum;
	struct mh_err err;

	assert_int_equal(problems(0), 0);
	assert_int_equal(problems(1), 0);
	assert_int_equal(scalar("SELECT count(*) FROM evidence"), 1);
	assert_int_equal(scalar("SELECT entries FROM cases WHERE id = 1"), 4);
	assert_int_not_equal(
	    sqlite3_exec(mh_store_db(st), "UPDATE case_log SET entry = 'x'", NULL, NULL, &msg),
	    SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	sqlite3_free(msg);
	assert_int_not_equal(
	    sqlite3_exec(mh_store_db(st), "DELETE FROM evidence", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(mh_case_summarize(st, 1, 0, &sum, &err), 0);
	assert_string_equal(sum.title, "Extortion: test");
	assert_null(sum.closed);
	assert_non_null(cJSON_GetObjectItem(sum.done, "preserve"));
	assert_int_equal(cJSON_GetArraySize(sum.evidence), 1);
	mh_case_sum_release(&sum);
}

/* Change byte i of column col in the row picked by where; verify; put it back. */
static void flip_each_byte(const char *table, const char *col, const char *where, int64_t id)
{
	char q[512];
	sqlite3_stmt *s;
	unsigned char *orig;
	int n, i;

	snprintf(q, sizeof(q), "SELECT %s FROM %s WHERE %s", col, table, where);
	assert_int_equal(sqlite3_prepare_v2(mh_store_db(st), q, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_bytes(s, 0);
	orig = mh_malloc((size_t)n + 1);
	memcpy(orig, sqlite3_column_blob(s, 0), (size_t)n);
	sqlite3_finalize(s);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		unsigned char *t = mh_malloc((size_t)n + 1);
		int blob_col = !strcmp(col, "data");

		memcpy(t, orig, (size_t)n);
		t[i] = t[i] == 'x' ? 'y' : 'x';
		snprintf(q, sizeof(q), "UPDATE %s SET %s = ?1 WHERE %s", table, col, where);
		assert_int_equal(sqlite3_prepare_v2(mh_store_db(st), q, -1, &s, NULL), SQLITE_OK);
		if (blob_col)
			sqlite3_bind_blob(s, 1, t, n, SQLITE_TRANSIENT);
		else
			sqlite3_bind_text(s, 1, (const char *)t, n, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
		if (!problems(id))
			fail_msg("%s.%s byte %d changed: not reported", table, col, i);
		/* put it back */
		snprintf(q, sizeof(q), "UPDATE %s SET %s = ?1 WHERE %s = ?2", table, col, col);
		assert_int_equal(sqlite3_prepare_v2(mh_store_db(st), q, -1, &s, NULL), SQLITE_OK);
		if (blob_col) {
			sqlite3_bind_blob(s, 1, orig, n, SQLITE_TRANSIENT);
			sqlite3_bind_blob(s, 2, t, n, SQLITE_TRANSIENT);
		} else {
			sqlite3_bind_text(s, 1, (const char *)orig, n, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, (const char *)t, n, SQLITE_TRANSIENT);
		}
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
		free(t);
		assert_int_equal(problems(id), 0);
	}
	free(orig);
}

static void test_every_byte(void **state)
{
	char where[64];
	int seq;

	unlock();
	for (seq = 1; seq <= 4; seq++) {
		snprintf(where, sizeof(where), "case_id = 1 AND seq = %d", seq);
		flip_each_byte("case_log", "entry", where, 1);
		flip_each_byte("case_log", "prev", where, 1);
		flip_each_byte("case_log", "hash", where, 1);
	}
	flip_each_byte("cases", "head", "id = 1", 1);
	/* the blob, checked per case and in the all-cases pass */
	flip_each_byte("evidence", "data", "1 = 1", 1);
	flip_each_byte("evidence", "data", "1 = 1", 0);
	flip_each_byte("evidence", "sha256", "1 = 1", 2);
}

static void test_removed_and_reordered(void **state)
{
	unlock();
	sql("UPDATE cases SET entries = 3 WHERE id = 1");
	assert_true(problems(1) > 0);
	sql("UPDATE cases SET entries = 4 WHERE id = 1");
	assert_int_equal(problems(1), 0);
	/* remove the middle entry */
	sql("CREATE TEMP TABLE keep AS SELECT * FROM case_log WHERE case_id = 1 AND seq = 2");
	sql("DELETE FROM case_log WHERE case_id = 1 AND seq = 2");
	assert_true(problems(1) > 0);
	sql("INSERT INTO case_log SELECT * FROM keep");
	assert_int_equal(problems(1), 0);
	/* renumber an entry */
	sql("UPDATE case_log SET seq = 10 WHERE case_id = 1 AND seq = 3");
	assert_true(problems(1) > 0);
	sql("UPDATE case_log SET seq = 3 WHERE case_id = 1 AND seq = 10");
	/* reorder: swap entries 3 and 4 with their links and hashes */
	sql("UPDATE case_log SET seq = 99 WHERE case_id = 1 AND seq = 3;"
	    "UPDATE case_log SET seq = 3 WHERE case_id = 1 AND seq = 4;"
	    "UPDATE case_log SET seq = 4 WHERE case_id = 1 AND seq = 99");
	assert_true(problems(1) > 0);
	sql("UPDATE case_log SET seq = 99 WHERE case_id = 1 AND seq = 3;"
	    "UPDATE case_log SET seq = 3 WHERE case_id = 1 AND seq = 4;"
	    "UPDATE case_log SET seq = 4 WHERE case_id = 1 AND seq = 99");
	assert_int_equal(problems(1), 0);
	/* a whole case removed */
	sql("PRAGMA foreign_keys = OFF; CREATE TEMP TABLE c1 AS SELECT * FROM cases WHERE id = 1;"
	    "DELETE FROM cases WHERE id = 1");
	assert_true(problems(0) > 0);
	sql("INSERT INTO cases SELECT * FROM c1; PRAGMA foreign_keys = ON");
	assert_int_equal(problems(0), 0);
	/* the last entry removed and the case record rewritten to match: the
	 * store alone cannot tell; the head recorded outside can (docs/CASES.md) */
}

static size_t bundle_problems(void)
{
	struct mh_verify v = {NULL, NULL, 0, 0, 0, 0};
	struct mh_err err;

	assert_int_equal(mh_bundle_verify(dir, &v, &err), 0);
	return v.problems;
}

static void flip_file(const char *rel)
{
	char path[160], cmd[256];
	FILE *f;
	long n, i;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	for (i = 0; i < n; i++) {
		int c;

		fseek(f, i, SEEK_SET);
		c = fgetc(f);
		fseek(f, i, SEEK_SET);
		fputc(c == 'x' ? 'y' : 'x', f);
		fflush(f);
		if (!bundle_problems())
			fail_msg("%s byte %ld changed: not reported", rel, i);
		if (i == n / 2) { /* and verify.sh, which needs only sh and sha256sum */
			snprintf(cmd, sizeof(cmd), "sh %s/verify.sh >/dev/null 2>&1", dir);
			assert_int_not_equal(system(cmd), 0);
		}
		fseek(f, i, SEEK_SET);
		fputc(c, f);
		fflush(f);
	}
	fclose(f);
	assert_int_equal(bundle_problems(), 0);
}

static void test_bundle(void **state)
{
	char head[65], cmd[256], rel[128];
	struct mh_err err;

	if (mh_bundle_export(st, 1, dir, head, &err))
		fail_msg("export: %s", err.msg);
	assert_int_equal(bundle_problems(), 0);
	snprintf(cmd, sizeof(cmd), "sh %s/verify.sh >/dev/null 2>&1", dir);
	assert_int_equal(system(cmd), 0);
	flip_file("log.jsonl");
	flip_file("chain.txt");
	flip_file("manifest.json");
	snprintf(rel, sizeof(rel), "evidence/%.64s",
	         "0000000000000000000000000000000000000000000000000000000000000000");
	mh_sha256_hexof(blob, sizeof(blob) - 1, rel + 9);
	flip_file(rel);
	/* a removed line */
	snprintf(cmd, sizeof(cmd), "cp %s/log.jsonl %s/l && sed -i 2d %s/log.jsonl", dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_true(bundle_problems() > 0);
	snprintf(cmd, sizeof(cmd), "mv %s/l %s/log.jsonl", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(bundle_problems(), 0);
	assert_int_equal(mh_bundle_export(st, 1, dir, head, &err), -1); /* exists */
}

/* The first candidate of an open case's latest attribution is under the case;
 * closing the case ends it. (Runs last: it adds entries.) */
static void test_subjects(void **state)
{
	struct mh_err err;
	char **keys;
	int64_t *cases;
	size_t n;
	cJSON *d, *c, *p;
	int k;

	(void)state;
	assert_int_equal(mh_case_subjects(st, &keys, &cases, &n, &err), 0);
	assert_int_equal(n, 0);
	free(cases);
	for (k = 0; k < 2; k++) {
		d = cJSON_CreateObject();
		c = cJSON_AddArrayToObject(d, "candidates");
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "person", k ? "E7" : "E9");
		cJSON_AddItemToArray(c, p);
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "person", "E3");
		cJSON_AddItemToArray(c, p);
		assert_int_equal(mh_case_append(st, 2, "attribution", d, NULL, &err), 0);
	}
	assert_int_equal(mh_case_subjects(st, &keys, &cases, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "E7"); /* the latest attribution's first */
	assert_int_equal(cases[0], 2);
	mh_store_free_list(keys, n);
	free(cases);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", "done");
	assert_int_equal(mh_case_append(st, 2, "case.close", d, NULL, &err), 0);
	assert_int_equal(mh_case_subjects(st, &keys, &cases, &n, &err), 0);
	assert_int_equal(n, 0);
	free(cases);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_and_append_only),
	    cmocka_unit_test(test_every_byte),
	    cmocka_unit_test(test_removed_and_reordered),
	    cmocka_unit_test(test_bundle),
	    cmocka_unit_test(test_subjects),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
