/*
 * RFC 4180 reader (csv.h). One pass per record: bytes are copied, unquoted,
 * into c->buf, each field followed by a NUL; off[] records where each starts.
 */
#include "ingest/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void mh_csv_init(struct mh_csv *c, const char *p, size_t n)
{
	memset(c, 0, sizeof(*c));
	c->p = p;
	c->n = n;
	c->line = 1;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
}

void mh_csv_release(struct mh_csv *c)
{
	free(c->buf);
	c->buf = NULL;
}

static void put(struct mh_csv *c, char ch)
{
	if (c->len == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4096;
		c->buf = mh_realloc(c->buf, c->cap);
	}
	c->buf[c->len++] = ch;
}

/* Skip to just after the next newline (error recovery). */
static void skip_line(struct mh_csv *c)
{
	const char *nl = memchr(c->p + c->pos, '\n', c->n - c->pos);

	c->pos = nl ? (size_t)(nl - c->p) + 1 : c->n;
	if (nl)
		c->line++;
}

static int bad(struct mh_csv *c, struct mh_err *why, const char *msg)
{
	mh_err_set(why, MH_EINPUT, "%s", msg);
	skip_line(c);
	return -1;
}

static int end_field(struct mh_csv *c, struct mh_err *why)
{
	put(c, '\0');
	if (c->nf == MH_CSV_MAX_FIELDS)
		return bad(c, why, "more than 256 fields");
	c->off[c->nf++] = c->len;
	return 0;
}

/* A quoted field; c->pos is just past the opening quote. */
static int quoted(struct mh_csv *c, struct mh_err *why)
{
	for (;;) {
		char ch;

		if (c->pos >= c->n)
			return bad(c, why, "quoted field is not closed");
		ch = c->p[c->pos++];
		if (ch == '"') {
			if (c->pos < c->n && c->p[c->pos] == '"') {
				c->pos++;
				put(c, '"');
				continue;
			}
			if (c->pos < c->n && c->p[c->pos] != ',' && c->p[c->pos] != '\n' &&
			    c->p[c->pos] != '\r')
				return bad(c, why, "unexpected character after a closing quote");
			return 0;
		}
		if (ch == '\n')
			c->line++;
		put(c, ch);
		if (c->len > MH_CSV_MAX_RECORD)
			return bad(c, why, "record longer than 1 MiB");
	}
}

static int blank_line(struct mh_csv *c)
{
	size_t i = c->pos;

	while (i < c->n && (c->p[i] == ' ' || c->p[i] == '\t' || c->p[i] == '\r'))
		i++;
	if (i < c->n && c->p[i] != '\n')
		return 0;
	c->pos = i < c->n ? i + 1 : i;
	if (i < c->n)
		c->line++;
	return 1;
}

int mh_csv_next(struct mh_csv *c, uint64_t *line, struct mh_err *why)
{
	while (c->pos < c->n && blank_line(c))
		;
	if (c->pos >= c->n)
		return 0;
	*line = c->line;
	c->len = 0;
	c->nf = 0;
	c->off[c->nf++] = 0;
	for (;;) {
		char ch;

		if (c->pos < c->n && c->p[c->pos] == '"' && c->len == c->off[c->nf - 1]) {
			c->pos++;
			if (quoted(c, why))
				return -1;
			continue;
		}
		if (c->pos >= c->n || c->p[c->pos] == '\n' ||
		    (c->p[c->pos] == '\r' && (c->pos + 1 == c->n || c->p[c->pos + 1] == '\n'))) {
			put(c, '\0');
			while (c->pos < c->n && c->p[c->pos] != '\n')
				c->pos++;
			if (c->pos < c->n) {
				c->pos++;
				c->line++;
			}
			return 1;
		}
		ch = c->p[c->pos++];
		if (ch == ',') {
			if (end_field(c, why))
				return -1;
		} else if (ch == '"') {
			return bad(c, why, "quote inside an unquoted field");
		} else {
			put(c, ch);
			if (c->len > MH_CSV_MAX_RECORD)
				return bad(c, why, "record longer than 1 MiB");
		}
	}
}
