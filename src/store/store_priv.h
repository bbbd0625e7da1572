#ifndef MH_STORE_PRIV_H
#define MH_STORE_PRIV_H
/* Internals shared by the store's files. */
#include <sqlite3.h>

#include "store/store.h"

struct mh_store {
	sqlite3 *db;
	char *path;
};

/* Prepare sql or fill err; returns NULL on failure. */
sqlite3_stmt *mh_store_prepare(struct mh_store *s, const char *sql, struct mh_err *err);
/* Decode a persons.days BLOB into a malloc'ed array (caller frees). -1 when
 * the BLOB is not of the known layout. */
int mh_store_days_unpack(const void *blob, size_t n, struct mh_day **days, size_t *ndays);

/* Fill err from the connection's last error, prefixed with what; returns -1. */
int mh_store_fail(struct mh_store *s, struct mh_err *err, const char *what);

#endif
