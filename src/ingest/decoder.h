#ifndef MH_DECODER_H
#define MH_DECODER_H
/*
 * One decoder per input format, each in its own file (ingest/okta.c ...),
 * listed in ingest/registry.c. The reader splits an input into records (JSON
 * Lines, or the elements of a top-level JSON array); the first records pick the
 * decoder by sniffing; the decoder turns each record into zero or more events.
 *
 * A decoder never allocates per record: strings it must unescape go into the
 * per-thread scratch passed in ctx. Events it emits are borrowed (event.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "util/err.h"

struct mh_record {
	const char *p; /* record bytes, without the line terminator */
	size_t n;
	uint32_t file_id;
	uint64_t line; /* 1-based line where the record starts */
};

typedef void (*mh_emit_fn)(void *arg, const struct mh_event *ev);

enum mh_dec_rc {
	MH_DEC_OK = 0,   /* decoded; zero or more events emitted */
	MH_DEC_SKIP = 1, /* a valid record of a kind molehunt does not use; why says which */
	MH_DEC_ERR = -1, /* malformed; why says what; nothing emitted */
	/* Valid JSON without this format's identifying keys: the record belongs
	 * to another format. Nothing emitted; the caller may try another decoder. */
	MH_DEC_FOREIGN = 2,
};

struct mh_decoder {
	const char *name; /* "okta": --format value, summary and docs name */
	uint8_t src;      /* enum mh_source */
	/* 0..100: how sure this record is of this format (0 = not it). */
	int (*sniff)(const char *rec, size_t n);
	/* Per-thread state: compiled paths, scratch buffers. */
	void *(*ctx_new)(void);
	void (*ctx_free)(void *ctx);
	int (*decode)(void *ctx, const struct mh_record *rec, mh_emit_fn emit, void *arg,
	              struct mh_err *why);
};

/* NULL-terminated list of every decoder (ingest/registry.c). */
extern const struct mh_decoder *const mh_decoders[];

const struct mh_decoder *mh_decoder_find(const char *name);
/* The decoder with the highest sniff score for rec, or NULL when all say 0. */
const struct mh_decoder *mh_decoder_sniff(const char *rec, size_t n);

#endif
