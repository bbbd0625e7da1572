#ifndef MH_CSV_H
#define MH_CSV_H
/*
 * RFC 4180 CSV records from a buffer in memory: ',' separated, CRLF or LF,
 * quoted fields with "" for a quote and commas or newlines inside. A UTF-8 BOM
 * at the start and blank lines are skipped. Strict about quotes: a quote
 * inside an unquoted field, or anything but a separator after a closing
 * quote, makes the record malformed; the reader then resumes on the next line.
 *
 * Ownership: struct mh_csv owns one buffer that holds the current record's
 * unquoted fields (NUL-terminated); they are valid until the next call.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_CSV_MAX_FIELDS 256
#define MH_CSV_MAX_RECORD (1u << 20)

struct mh_csv {
	const char *p;
	size_t n, pos;
	uint64_t line; /* line of the next byte */
	char *buf;
	size_t cap, len;
	size_t off[MH_CSV_MAX_FIELDS];
	size_t nf;
};

void mh_csv_init(struct mh_csv *c, const char *p, size_t n);
void mh_csv_release(struct mh_csv *c);
/* 1 with the record in c (fields via mh_csv_field) and *line its first line;
 * 0 at the end; -1 for a malformed record (*line and why set). */
int mh_csv_next(struct mh_csv *c, uint64_t *line, struct mh_err *why);
static inline const char *mh_csv_field(const struct mh_csv *c, size_t i)
{
	return c->buf + c->off[i];
}

#endif
