#ifndef MH_INGEST_H
#define MH_INGEST_H
/*
 * File -> events. Opens a path ("-" is stdin), decompresses .gz and .zst
 * (detected by magic bytes, not by name), splits records (JSON Lines, or a
 * top-level JSON array), picks the decoder by sniffing the first records, and
 * hands every event to a sink. Malformed records are reported through
 * opts->reject as "file:line: reason", counted, and skipped; the rest of the
 * input is still read.
 *
 * Threads: a regular uncompressed file is split at line boundaries into
 * blocks that up to opts->threads workers decode at once. Each worker calls
 * the sink with its own index, so the caller keeps one state per thread and
 * merges them afterwards; within one worker, events arrive in file order.
 * Compressed input, stdin and JSON arrays use one thread. The reject and skip
 * callbacks are serialised by ingest (never called concurrently); progress is
 * called from the calling thread only (it runs worker 0).
 *
 * Formats: opts->format (or opts->decoder) forces one decoder for every record.
 * Otherwise the first records (up to 8) pick the decoder with the highest
 * total sniff score. After that, each record goes to the decoder that worked
 * last; when that decoder finds the record is of another format
 * (MH_DEC_FOREIGN: its identifying keys are absent), the record is sniffed and
 * decoded by the best other decoder, which then keeps the role, because
 * exports of several sources often get concatenated into one file. A record
 * no decoder takes is skipped with the first decoder's reason.
 *
 * Resuming: opts->resume_offset skips that many (decompressed) bytes, which
 * must end at a line boundary; stats->prefix_hash is XXH3-64 of every byte up
 * to stats->offset, so a later scan can check the prefix is unchanged.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "ingest/decoder.h"
#include "util/err.h"

#define MH_MAX_RECORD      (16u << 20) /* longest accepted record: 16 MiB */
#define MH_MAX_ARRAY_INPUT (1u << 30)  /* a top-level JSON array is read whole: 1 GiB */

typedef void (*mh_sink_fn)(void *arg, unsigned thread, const struct mh_event *ev);

struct mh_ingest_opts {
	unsigned threads;   /* 1 or more */
	const char *format; /* decoder name, or NULL to sniff */
	uint64_t resume_offset;
	uint64_t resume_line; /* line count at resume_offset */
	/* Called for each malformed record; may be NULL. */
	void (*reject)(void *arg, const char *where, const char *why);
	/* Called every few MB from the reading thread; may be NULL. */
	void (*progress)(void *arg, uint64_t bytes_done, uint64_t bytes_total, uint64_t events);
	void *cb_arg;
	/* Called for each valid record of a kind molehunt does not use (MH_DEC_SKIP),
	 * as "file:line" and the decoder's reason; may be NULL. */
	void (*skip)(void *arg, const char *where, const char *why);
	/* When set, decode every record with this decoder (tests, embedders);
	 * overrides format. */
	const struct mh_decoder *decoder;
	/* Records of any format, or garbage, one after another (a Kafka batch):
	 * when the first records pick no decoder the input does not fail; each
	 * record is then sniffed alone, and one no decoder recognises is
	 * rejected (not skipped), wherever it stands. */
	int sniff_each;
	/* Names the place of a rejected or skipped record for the reject and skip
	 * callbacks (with cb_arg); NULL = "path:line". */
	void (*locate)(void *arg, uint64_t line, char *buf, size_t cap);
};

struct mh_ingest_stats {
	const char *format; /* decoder used (static string), "" when input was empty */
	uint64_t bytes;     /* decompressed bytes read in this call */
	uint64_t offset;    /* decompressed bytes consumed from the start of the input */
	uint64_t lines;     /* lines consumed from the start of the input */
	uint64_t records, events, skipped, rejected;
	uint64_t prefix_hash; /* XXH3-64 of input[0..offset) */
};

/* Decode all of path into sink. Returns 0, or -1 when the input cannot be read
 * at all or no decoder recognises it (err says which). */
int mh_ingest_file(const char *path, uint32_t file_id, const struct mh_ingest_opts *opts,
                   mh_sink_fn sink, void *sink_arg, struct mh_ingest_stats *stats,
                   struct mh_err *err);

/* XXH3-64 of the first line (at most 64 KiB) of the decompressed input: an
 * input's identity for checkpoints that survives appends. */
int mh_ingest_head_hash(const char *path, uint64_t *hash, struct mh_err *err);

/* XXH3-64 of the first len decompressed bytes of path (all of it when it is
 * shorter), to check a resume point. */
int mh_ingest_prefix_hash(const char *path, uint64_t len, uint64_t *hash, struct mh_err *err);

/* Timestamps as the sources write them, to UTC milliseconds: ISO-8601 / RFC 3339
 * with or without fraction and offset ("2024-03-01T12:00:00.123Z",
 * "2022-03-22 14:21:53.225", "+05:30"), epoch seconds or milliseconds (digits).
 * Returns 0 or -1. */
int mh_parse_time(const char *s, size_t n, int64_t *ms);

/* Read all of path ("-" = stdin; .gz/.zst decompressed) into a malloc'ed
 * buffer (NUL-terminated; caller frees). Fails past limit bytes. */
int mh_ingest_read_all(const char *path, char **buf, size_t *n, size_t limit, struct mh_err *err);

#endif
