#ifndef MH_LINES_H
#define MH_LINES_H
/*
 * Streaming record splitter: JSON Lines (LF or CRLF) from a reader, through
 * one large buffer reused for the whole input (no allocation per record).
 * Tracks the bytes and lines consumed and hashes them (XXH3-64, streaming) so
 * ingest can report a resume point. Blank lines and a UTF-8 byte order mark at
 * the start of the input are skipped; a line longer than MH_MAX_RECORD is
 * reported once and its bytes are discarded up to the next newline.
 *
 * Ownership: struct mh_lines owns its buffer and hash state, not the reader.
 * A returned record points into the buffer and is valid until the next call.
 */
#include <stddef.h>
#include <stdint.h>
#include <xxhash.h>

#include "ingest/decoder.h"
#include "ingest/reader.h"

enum { MH_LINES_END = 0, MH_LINES_RECORD = 1, MH_LINES_OVERLONG = 2 };

struct mh_lines {
	struct mh_reader *rd;
	char *buf;
	size_t cap, start, end, scan, hashed;
	uint64_t line;   /* lines consumed: the next record is on line + 1 */
	uint64_t offset; /* bytes consumed from the start of the input */
	XXH3_state_t *hx;
	int eof, discarding, failed;
	struct mh_err saved; /* the read error, once failed */
};

void mh_lines_init(struct mh_lines *L, struct mh_reader *rd);
void mh_lines_release(struct mh_lines *L);
/* Consume the first n bytes (a resume point): they must end with a newline. */
int mh_lines_skip(struct mh_lines *L, uint64_t n, struct mh_err *err);
/* Make at least want bytes (or all that is left) available unconsumed;
 * *p and *n describe them. */
int mh_lines_peek(struct mh_lines *L, size_t want, const char **p, size_t *n, struct mh_err *err);
/* Next record: MH_LINES_RECORD (rec set), MH_LINES_OVERLONG (rec->line and
 * rec->n = bytes seen so far set; the record is dropped), MH_LINES_END, or -1
 * on a read error (err says where; records before it were returned). */
int mh_lines_next(struct mh_lines *L, struct mh_record *rec, struct mh_err *err);
/* Read all that is left into one buffer of at most limit bytes; *p, *n get
 * it, still unconsumed. */
int mh_lines_slurp(struct mh_lines *L, size_t limit, char **p, size_t *n, struct mh_err *err);
/* Mark n bytes after the current position consumed, holding nl newlines. */
void mh_lines_consume(struct mh_lines *L, size_t n, uint64_t nl);
/* XXH3-64 of everything consumed so far. */
uint64_t mh_lines_hash(struct mh_lines *L);

/* Shared by every splitter: strip "\r", a leading BOM (only when at_start),
 * and report blank lines. */
int mh_line_trim(const char **p, size_t *n, int at_start);

#endif
