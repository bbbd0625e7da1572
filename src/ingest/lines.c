/*
 * JSON Lines splitter (lines.h).
 *
 * buf[start, end) holds unconsumed bytes, buf[hashed, start) consumed bytes
 * not yet hashed (hashing whole stretches at once is cheaper than per line),
 * and scan is where the search for the next newline resumes. Reads go to the
 * end of the buffer in chunks of at least READ_MIN; when the tail is short the
 * buffer is compacted, and it grows only while one record does not fit (never
 * beyond MH_MAX_RECORD plus two chunks).
 */
#include "ingest/lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "util/xalloc.h"

#define BUF_INIT (4u << 20)
#define READ_MIN (1u << 20)

void mh_lines_init(struct mh_lines *L, struct mh_reader *rd)
{
	memset(L, 0, sizeof(*L));
	L->rd = rd;
	L->cap = BUF_INIT;
	L->buf = mh_malloc(L->cap);
	L->hx = XXH3_createState();
	if (!L->hx) {
		fprintf(stderr, "molehunt: out of memory allocating a hash state\n");
		exit(3);
	}
	XXH3_64bits_reset(L->hx);
}

void mh_lines_release(struct mh_lines *L)
{
	free(L->buf);
	XXH3_freeState(L->hx);
	L->buf = NULL;
	L->hx = NULL;
}

static void flush_hash(struct mh_lines *L)
{
	if (L->start > L->hashed)
		XXH3_64bits_update(L->hx, L->buf + L->hashed, L->start - L->hashed);
	L->hashed = L->start;
}

uint64_t mh_lines_hash(struct mh_lines *L)
{
	flush_hash(L);
	return XXH3_64bits_digest(L->hx);
}

/* Read more bytes at the end; returns bytes read, 0 at the end, -1 on error. */
static ssize_t refill(struct mh_lines *L, struct mh_err *err)
{
	ssize_t k;

	if (L->failed) {
		if (err)
			*err = L->saved;
		return -1;
	}
	if (L->eof)
		return 0;
	if (L->cap - L->end < READ_MIN) {
		flush_hash(L);
		memmove(L->buf, L->buf + L->start, L->end - L->start);
		L->end -= L->start;
		L->scan -= L->start;
		L->start = L->hashed = 0;
		if (L->cap - L->end < READ_MIN) {
			L->cap *= 2;
			L->buf = mh_realloc(L->buf, L->cap);
		}
	}
	k = mh_reader_read(L->rd, L->buf + L->end, L->cap - L->end, &L->saved);
	if (k < 0) {
		L->failed = 1;
		if (err)
			*err = L->saved;
		return -1;
	}
	if (k == 0)
		L->eof = 1;
	L->end += (size_t)k;
	return k;
}

void mh_lines_consume(struct mh_lines *L, size_t n, uint64_t nl)
{
	L->start += n;
	if (L->scan < L->start)
		L->scan = L->start;
	L->offset += n;
	L->line += nl;
}

int mh_lines_skip(struct mh_lines *L, uint64_t n, struct mh_err *err)
{
	const char *path = mh_reader_path(L->rd);
	char last = '\n';

	while (n > 0) {
		size_t k = L->end - L->start;

		if (k == 0) {
			ssize_t r = refill(L, err);

			if (r < 0)
				return -1;
			if (r == 0)
				return mh_err_set(err, MH_EINPUT,
				                  "%s: resume offset is past the end of the input",
				                  path);
			continue;
		}
		if (k > n)
			k = (size_t)n;
		last = L->buf[L->start + k - 1];
		mh_lines_consume(L, k, 0);
		n -= k;
	}
	if (last != '\n')
		return mh_err_set(err, MH_EINPUT, "%s: resume offset is not at a line boundary",
		                  path);
	flush_hash(L);
	return 0;
}

int mh_lines_peek(struct mh_lines *L, size_t want, const char **p, size_t *n, struct mh_err *err)
{
	/* A read error with bytes in hand is reported later, by mh_lines_next,
	 * once the records before the damage have been returned. */
	while (L->end - L->start < want && !L->eof && !L->failed)
		if (refill(L, err) < 0 && L->end == L->start)
			return -1;
	*p = L->buf + L->start;
	*n = L->end - L->start;
	return 0;
}

int mh_line_trim(const char **p, size_t *n, int at_start)
{
	const char *s = *p;
	size_t k = *n;

	if (at_start && k >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		k -= 3;
	}
	if (k && s[k - 1] == '\r')
		k--;
	*p = s;
	*n = k;
	for (size_t i = 0; i < k; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A complete line buf[start, e) (e at the newline or the end): consume it and
 * describe it in rec. Returns 1 for a record, 0 for a blank or discarded line. */
static int take_line(struct mh_lines *L, size_t e, int has_nl, struct mh_record *rec)
{
	const char *p = L->buf + L->start;
	size_t n = e - L->start;
	int at_start = L->offset == 0, was_discarding = L->discarding;

	mh_lines_consume(L, n + (size_t)has_nl, 1);
	L->discarding = 0;
	if (was_discarding || mh_line_trim(&p, &n, at_start))
		return 0;
	rec->p = p;
	rec->n = n;
	rec->line = L->line;
	return 1;
}

/* "path: reason" from the reader -> "path:line: reason", the line where the
 * damage starts. */
static int at_line(struct mh_lines *L, struct mh_err *err)
{
	const char *path = mh_reader_path(L->rd);
	size_t k = strlen(path);
	char why[sizeof(err->msg)];

	if (!err)
		return -1;
	if (strncmp(err->msg, path, k) == 0 && err->msg[k] == ':')
		k += 2;
	else
		k = 0;
	snprintf(why, sizeof(why), "%s", err->msg + (k < strlen(err->msg) ? k : 0));
	return mh_err_set(err, err->code, "%s:%llu: %s", path, (unsigned long long)L->line + 1,
	                  why);
}

int mh_lines_next(struct mh_lines *L, struct mh_record *rec, struct mh_err *err)
{
	for (;;) {
		char *nl = memchr(L->buf + L->scan, '\n', L->end - L->scan);
		ssize_t r;

		if (nl && (size_t)(nl - L->buf) - L->start > MH_MAX_RECORD && !L->discarding) {
			rec->line = L->line + 1;
			rec->n = (size_t)(nl - L->buf) - L->start;
			rec->p = NULL;
			mh_lines_consume(L, rec->n + 1, 1);
			return MH_LINES_OVERLONG;
		}
		if (nl) {
			if (take_line(L, (size_t)(nl - L->buf), 1, rec))
				return MH_LINES_RECORD;
			continue;
		}
		L->scan = L->end;
		if (L->discarding || L->end - L->start > MH_MAX_RECORD) {
			int first = !L->discarding;

			rec->line = L->line + 1;
			rec->n = L->end - L->start;
			rec->p = NULL;
			L->discarding = 1;
			mh_lines_consume(L, L->end - L->start, 0);
			if (first)
				return MH_LINES_OVERLONG;
		}
		r = refill(L, err);
		if (r < 0)
			return at_line(L, err);
		if (r == 0) {
			if (L->end > L->start && take_line(L, L->end, 0, rec))
				return MH_LINES_RECORD;
			if (L->discarding) {
				L->discarding = 0;
				L->line++;
			}
			return MH_LINES_END;
		}
	}
}

int mh_lines_slurp(struct mh_lines *L, size_t limit, char **p, size_t *n, struct mh_err *err)
{
	for (;;) {
		ssize_t r;

		if (L->end - L->start > limit)
			return mh_err_set(err, MH_ELIMIT,
			                  "%s: JSON array input is larger than %zu bytes",
			                  mh_reader_path(L->rd), limit);
		r = refill(L, err);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
	}
	*p = L->buf + L->start;
	*n = L->end - L->start;
	return 0;
}
