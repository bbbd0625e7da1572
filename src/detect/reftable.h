#ifndef MH_REFTABLE_H
#define MH_REFTABLE_H
/*
 * Reference tables (data/NAME.tsv): tab-separated text, '#' lines are comments,
 * the first other line names the columns, every row has at most as many
 * fields as the header. A cell may hold a list separated by '|'.
 *
 * Plus the small matching helpers the endpoint detectors share: a set of
 * lower-cased names (process basenames without ".exe") mapping to table rows,
 * and the key of a process event.
 *
 * Ownership: a table owns a copy of its text (cells point into it); a name
 * set owns its map. Both are read-only after building, so threads may share
 * them, but each detector context builds its own.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "util/err.h"

#define MH_REFTABLE_MAX_COLS 12
#define MH_REFTABLE_MAX_ROWS 4096
#define MH_PROC_KEY_MAX      64 /* longest process key; longer names never match */

struct mh_reftable {
	char *buf;
	const char *col[MH_REFTABLE_MAX_COLS];
	size_t ncols;
	const char *(*rows)[MH_REFTABLE_MAX_COLS]; /* absent cells are "" */
	size_t nrows;
};

int mh_reftable_parse(struct mh_reftable *t, const char *name, const char *text, size_t n,
                      struct mh_err *err);
/* Parse the embedded data file called name. */
int mh_reftable_load(struct mh_reftable *t, const char *name, struct mh_err *err);
void mh_reftable_free(struct mh_reftable *t);

/* Column index by header name, or -1. */
int mh_reftable_col(const struct mh_reftable *t, const char *name);
/* The cell of row r in column c ("" when c < 0). */
const char *mh_reftable_cell(const struct mh_reftable *t, size_t r, int c);

/* Next '|'-separated item of *p (trimmed, never empty); 0 at the end. */
int mh_list_next(const char **p, const char **item, size_t *n);

struct mh_strmap;

/* Lower-cased names -> row index. */
struct mh_nameset {
	struct mh_strmap *m;
};

void mh_nameset_init(struct mh_nameset *s);
void mh_nameset_release(struct mh_nameset *s);
/* Add every item of a '|' list cell (lower-cased) for row. */
void mh_nameset_add_list(struct mh_nameset *s, const char *cell, uint32_t row);
int mh_nameset_get(const struct mh_nameset *s, const char *key, size_t n, uint32_t *row);

/* The process key of ev: its process name, else the basename of its
 * executable path ('/' or '\\'), lower-cased, without a trailing ".exe" or
 * ".app". Returns the length (0 when there is none or it exceeds
 * MH_PROC_KEY_MAX); buf holds MH_PROC_KEY_MAX + 1 bytes. */
size_t mh_proc_key(const struct mh_event *ev, char *buf);

/* Does hay contain needle (lower-case ASCII), ignoring ASCII case? */
int mh_str_has_ci(struct mh_str hay, const char *needle, size_t nn);

/* Does the lower-cased s start with any item of the '|' list (row's cell)? */
int mh_prefix_list_ci(struct mh_str s, const char *list);

#endif
