#ifndef MH_SCHEMA_H
#define MH_SCHEMA_H
#include "util/err.h"

struct sqlite3;

/* Bring db to the latest schema version in one transaction. */
int mh_schema_migrate(struct sqlite3 *db, struct mh_err *err);
int mh_schema_latest(void);

#endif
