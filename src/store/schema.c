/*
 * Schema and migrations. migrations[i] takes a store from version i to i+1;
 * PRAGMA user_version records the version reached. Never edit a migration
 * that has shipped: add the next one. docs/STORE.md describes the tables.
 */
#include "store/schema.h"

#include <sqlite3.h>
#include <stdio.h>

static const char *const migrations[] = {
	/* 0 -> 1: the streaming core */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY, path TEXT NOT NULL, format TEXT NOT NULL,"
	"  head_hash INTEGER NOT NULL, offset INTEGER NOT NULL, lines INTEGER NOT NULL,"
	"  prefix_hash INTEGER NOT NULL, events INTEGER NOT NULL, rejected INTEGER NOT NULL,"
	"  scanned_at INTEGER NOT NULL);"
	"CREATE INDEX sources_head ON sources(head_hash);"
	"CREATE TABLE persons ("
	"  id INTEGER PRIMARY KEY, key TEXT NOT NULL, resolved INTEGER NOT NULL,"
	"  email TEXT, name TEXT, department TEXT, title TEXT, country TEXT, timezone TEXT,"
	"  first_ms INTEGER, last_ms INTEGER, events INTEGER NOT NULL DEFAULT 0,"
	"  art_dropped INTEGER NOT NULL DEFAULT 0,"
	"  hours BLOB, days BLOB, UNIQUE (key, resolved));"
	"CREATE TABLE artifacts ("
	"  person_id INTEGER NOT NULL REFERENCES persons(id), kind TEXT NOT NULL,"
	"  value TEXT NOT NULL, src TEXT NOT NULL, count INTEGER NOT NULL,"
	"  first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
	"  source_id INTEGER, line INTEGER, PRIMARY KEY (person_id, kind, value)) WITHOUT ROWID;"
	"CREATE INDEX artifacts_value ON artifacts(kind, value);"
	"CREATE TABLE findings ("
	"  id INTEGER PRIMARY KEY, detector TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES persons(id), key TEXT NOT NULL,"
	"  origin INTEGER NOT NULL, first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
	"  count INTEGER NOT NULL, points REAL NOT NULL, summary TEXT NOT NULL,"
	"  evidence TEXT NOT NULL, UNIQUE (detector, person_id, key));"
	"CREATE INDEX findings_person ON findings(person_id);"
	"CREATE TABLE scores ("
	"  person_id INTEGER PRIMARY KEY REFERENCES persons(id), score REAL NOT NULL,"
	"  as_of_ms INTEGER NOT NULL, contributions TEXT NOT NULL);"
	"CREATE TABLE score_history ("
	"  person_id INTEGER NOT NULL REFERENCES persons(id), as_of_ms INTEGER NOT NULL,"
	"  score REAL NOT NULL, computed_at INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, as_of_ms)) WITHOUT ROWID;",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int mh_schema_latest(void)
{
	return NMIGRATIONS;
}

static int version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return *v < 0 ? -1 : 0;
}

int mh_schema_migrate(sqlite3 *db, struct mh_err *err)
{
	char *msg = NULL, sql[64];
	int v, i;

	if (version(db, &v))
		return mh_err_set(err, MH_EINPUT, "cannot read schema version: %s", sqlite3_errmsg(db));
	if (v > NMIGRATIONS)
		return mh_err_set(err, MH_EINPUT,
				  "store has schema version %d, newer than this molehunt (%d)", v,
				  NMIGRATIONS);
	if (v == NMIGRATIONS)
		return 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	for (i = v; i < NMIGRATIONS; i++)
		if (sqlite3_exec(db, migrations[i], NULL, NULL, &msg) != SQLITE_OK)
			goto fail_rollback;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", NMIGRATIONS);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
		goto fail_rollback;
	return 0;
fail_rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
fail:
	mh_err_set(err, MH_EINPUT, "migrating store from version %d: %s", v,
		   msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}
