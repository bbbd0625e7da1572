#ifndef MH_SCHEMA_H
#define MH_SCHEMA_H
/*
 * Versioned schema, per module. Each module that keeps tables (core, vet,
 * cases, serve ...) owns an ordered list of migrations in its own file and one
 * line in the module table in store/schema.c; migrations[i] takes the module
 * from version i to i+1, and the table `schema(module, version)` records how
 * far each module got. mh_schema_migrate() brings every module up to date in
 * one transaction. Never edit a migration that has shipped: add the next one.
 */
#include <stddef.h>

#include "util/err.h"

struct sqlite3;

struct mh_schema_module {
	const char *name;
	const char *const *migrations;
	size_t n;
};

int mh_schema_migrate(struct sqlite3 *db, struct mh_err *err);
/* The version a module has in db (0 = none), or -1 on error. */
int mh_schema_version(struct sqlite3 *db, const char *module);
/* The latest version this build knows for a module (0 if unknown). */
int mh_schema_latest(const char *module);

extern const struct mh_schema_module mh_schema_core;
extern const struct mh_schema_module mh_schema_vet;
extern const struct mh_schema_module mh_schema_serve;
extern const struct mh_schema_module mh_schema_cases;
extern const struct mh_schema_module mh_schema_share;
extern const struct mh_schema_module mh_schema_alerts;
extern const struct mh_schema_module mh_schema_kafka;

#endif
