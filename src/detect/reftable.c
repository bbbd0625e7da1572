/*
 * Reference tables and name matching for the endpoint detectors. Parsing is
 * strict about shape (header first, no more fields than columns, bounded row
 * count) because the tables are compiled in and a mistake there should fail
 * the unit tests, not silently match nothing.
 */
#include "detect/reftable.h"

#include <stdlib.h>
#include <string.h>

#include "detect/embedded.h"
#include "util/strmap.h"
#include "util/xalloc.h"

const struct mh_embedded *mh_embedded_find(const char *name)
{
	const struct mh_embedded *e;

	for (e = mh_embedded_files; e->name; e++)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Split one line into fields at tabs, in place. Returns the field count. */
static size_t split(char *line, const char **f, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *tab = strchr(p, '\t');

		if (n == max)
			return max + 1;
		f[n++] = p;
		if (!tab)
			return n;
		*tab = '\0';
		p = tab + 1;
	}
}

static int add_row(struct mh_reftable *t, char *line, const char *name, size_t lineno, size_t *cap,
                   struct mh_err *err)
{
	const char *f[MH_REFTABLE_MAX_COLS];
	size_t nf = split(line, f, MH_REFTABLE_MAX_COLS), i;

	if (!t->ncols) {
		if (nf > MH_REFTABLE_MAX_COLS)
			return mh_err_set(err, MH_ELIMIT, "%s:%zu: too many columns", name, lineno);
		memcpy(t->col, f, nf * sizeof(*f));
		t->ncols = nf;
		return 0;
	}
	if (nf > t->ncols)
		return mh_err_set(err, MH_EINPUT, "%s:%zu: %zu fields, header has %zu", name,
		                  lineno, nf, t->ncols);
	if (t->nrows == MH_REFTABLE_MAX_ROWS)
		return mh_err_set(err, MH_ELIMIT, "%s:%zu: more than %d rows", name, lineno,
		                  MH_REFTABLE_MAX_ROWS);
	t->rows = mh_grow(t->rows, cap, t->nrows + 1, sizeof(*t->rows));
	for (i = 0; i < MH_REFTABLE_MAX_COLS; i++)
		t->rows[t->nrows][i] = i < nf ? f[i] : "";
	t->nrows++;
	return 0;
}

int mh_reftable_parse(struct mh_reftable *t, const char *name, const char *text, size_t n,
                      struct mh_err *err)
{
	size_t cap = 0, lineno = 0;
	char *p, *end;

	memset(t, 0, sizeof(*t));
	t->buf = mh_malloc(n + 1);
	memcpy(t->buf, text, n);
	t->buf[n] = '\0';
	for (p = t->buf, end = t->buf + n; p < end; p++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		lineno++;
		if (!nl)
			nl = end;
		*nl = '\0';
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p && *p != '#' && add_row(t, p, name, lineno, &cap, err)) {
			mh_reftable_free(t);
			return -1;
		}
		p = nl;
	}
	if (!t->ncols) {
		mh_reftable_free(t);
		return mh_err_set(err, MH_EINPUT, "%s: no header line", name);
	}
	return 0;
}

int mh_reftable_load(struct mh_reftable *t, const char *name, struct mh_err *err)
{
	const struct mh_embedded *e = mh_embedded_find(name);

	if (!e)
		return mh_err_set(err, MH_EINPUT, "%s: not compiled in", name);
	return mh_reftable_parse(t, name, e->data, e->n, err);
}

void mh_reftable_free(struct mh_reftable *t)
{
	free(t->rows);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

int mh_reftable_col(const struct mh_reftable *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], name))
			return (int)i;
	return -1;
}

const char *mh_reftable_cell(const struct mh_reftable *t, size_t r, int c)
{
	return c >= 0 && r < t->nrows ? t->rows[r][c] : "";
}

int mh_list_next(const char **p, const char **item, size_t *n)
{
	const char *s = *p;

	while (*s) {
		const char *bar = strchr(s, '|'), *e = bar ? bar : s + strlen(s);

		*p = bar ? bar + 1 : e;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s) {
			*item = s;
			*n = (size_t)(e - s);
			return 1;
		}
		s = *p;
	}
	return 0;
}

void mh_nameset_init(struct mh_nameset *s)
{
	s->m = mh_strmap_new();
}

void mh_nameset_release(struct mh_nameset *s)
{
	mh_strmap_free(s->m);
	s->m = NULL;
}

void mh_nameset_add_list(struct mh_nameset *s, const char *cell, uint32_t row)
{
	char buf[MH_PROC_KEY_MAX + 1];
	const char *item;
	size_t n, i;

	while (mh_list_next(&cell, &item, &n)) {
		if (n > MH_PROC_KEY_MAX)
			continue;
		for (i = 0; i < n; i++)
			buf[i] = lower(item[i]);
		mh_strmap_intern(s->m, buf, n, row);
	}
}

int mh_nameset_get(const struct mh_nameset *s, const char *key, size_t n, uint32_t *row)
{
	return n && mh_strmap_get(s->m, key, n, row);
}

static int ends_with(const char *s, size_t n, const char *suf, size_t sn)
{
	return n > sn && !memcmp(s + n - sn, suf, sn);
}

size_t mh_proc_key(const struct mh_event *ev, char *buf)
{
	struct mh_str s = ev->process.n ? ev->process : ev->executable;
	size_t i, start = 0, n;

	if (!ev->process.n) {
		for (i = s.n; i > 0; i--)
			if (s.p[i - 1] == '/' || s.p[i - 1] == '\\')
				break;
		start = i;
	}
	n = s.n - start;
	if (!n || n > MH_PROC_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = lower(s.p[start + i]);
	if (ends_with(buf, n, ".exe", 4) || ends_with(buf, n, ".app", 4))
		n -= 4;
	buf[n] = '\0';
	return n;
}

int mh_str_has_ci(struct mh_str hay, const char *needle, size_t nn)
{
	size_t i, j;

	if (!nn || hay.n < nn)
		return 0;
	for (i = 0; i + nn <= hay.n; i++) {
		for (j = 0; j < nn && lower(hay.p[i + j]) == needle[j]; j++)
			;
		if (j == nn)
			return 1;
	}
	return 0;
}

int mh_prefix_list_ci(struct mh_str s, const char *list)
{
	const char *item;
	size_t n, i;

	while (mh_list_next(&list, &item, &n)) {
		if (s.n < n)
			continue;
		for (i = 0; i < n && lower(s.p[i]) == item[i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}
