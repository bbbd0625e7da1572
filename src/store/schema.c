#include "store/schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* Every module with tables, in the order their migrations run. */
static const struct mh_schema_module *const modules[] = {
    &mh_schema_core,  &mh_schema_vet,    &mh_schema_serve, &mh_schema_cases,
    &mh_schema_share, &mh_schema_alerts, &mh_schema_kafka, NULL,
};

int mh_schema_latest(const char *module)
{
	size_t i;

	for (i = 0; modules[i]; i++)
		if (!strcmp(modules[i]->name, module))
			return (int)modules[i]->n;
	return 0;
}

int mh_schema_version(struct sqlite3 *db, const char *module)
{
	sqlite3_stmt *st;
	int rc, v = 0;

	rc = sqlite3_prepare_v2(db, "SELECT version FROM schema WHERE module = ?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, module, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else if (rc != SQLITE_DONE)
		v = -1;
	sqlite3_finalize(st);
	return v;
}

static int set_version(sqlite3 *db, const char *module, int v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(
	    db, "INSERT OR REPLACE INTO schema(module, version) VALUES (?, ?)", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, module, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, v);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int migrate_module(sqlite3 *db, const struct mh_schema_module *m, struct mh_err *err)
{
	char *msg = NULL;
	int v = mh_schema_version(db, m->name);
	size_t i;

	if (v < 0)
		return mh_err_set(err, MH_EINPUT, "cannot read schema version of %s: %s", m->name,
		                  sqlite3_errmsg(db));
	if ((size_t)v > m->n)
		return mh_err_set(err, MH_EINPUT,
		                  "store has %s schema version %d, newer than this molehunt (%zu)",
		                  m->name, v, m->n);
	for (i = (size_t)v; i < m->n; i++) {
		if (sqlite3_exec(db, m->migrations[i], NULL, NULL, &msg) != SQLITE_OK) {
			mh_err_set(err, MH_EINPUT, "migrating %s schema to version %zu: %s",
			           m->name, i + 1, msg ? msg : sqlite3_errmsg(db));
			sqlite3_free(msg);
			return -1;
		}
	}
	if ((size_t)v < m->n && set_version(db, m->name, (int)m->n))
		return mh_err_set(err, MH_EINPUT, "recording %s schema version: %s", m->name,
		                  sqlite3_errmsg(db));
	return 0;
}

int mh_schema_migrate(sqlite3 *db, struct mh_err *err)
{
	char *msg = NULL;
	size_t i;

	if (sqlite3_exec(db,
	                 "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS schema"
	                 " (module TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID",
	                 NULL, NULL, &msg) != SQLITE_OK) {
		mh_err_set(err, MH_EINPUT, "not a usable molehunt store: %s",
		           msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	for (i = 0; modules[i]; i++)
		if (migrate_module(db, modules[i], err)) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
		mh_err_set(err, MH_EINPUT, "committing schema: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}
