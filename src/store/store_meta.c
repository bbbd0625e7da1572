/*
 * Lists of paths kept in the store's meta table (one value, the paths
 * separated by newlines): the intel sources and MaxMind databases an earlier
 * scan used, so that the next scan uses them again without being told.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_priv.h"
#include "util/xalloc.h"

int mh_store_put_list(struct mh_store *s, const char *key, const char *const *v, size_t n,
                      struct mh_err *err)
{
	sqlite3_stmt *st;
	size_t i, len = 0, at = 0;
	char *text;
	int rc;

	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	text = mh_malloc(len + 1);
	for (i = 0; i < n; i++) {
		size_t l = strlen(v[i]);

		memcpy(text + at, v[i], l);
		at += l;
		text[at++] = '\n';
	}
	text[at] = '\0';
	st = mh_store_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);
	if (!st) {
		free(text);
		return -1;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text, (int)at, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(text);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "saving a list of sources");
}

int mh_store_get_list(struct mh_store *s, const char *key, char ***v, size_t *n, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(s, "SELECT value FROM meta WHERE key = ?", err);
	const char *p, *end, *nl;
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (p = (const char *)sqlite3_column_text(st, 0))) {
		end = p + sqlite3_column_bytes(st, 0);
		for (; p < end; p = nl + 1) {
			if (!(nl = memchr(p, '\n', (size_t)(end - p))))
				nl = end;
			if (nl == p)
				continue;
			*v = mh_grow(*v, &cap, *n + 1, sizeof(**v));
			(*v)[(*n)++] = mh_strndup(p, (size_t)(nl - p));
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? 0
	           : mh_store_fail(s, err, "reading a list of sources");
}
