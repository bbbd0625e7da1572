#ifndef MH_WORK_H
#define MH_WORK_H
/*
 * One decoding worker: the decoder contexts of one thread (created lazily, one
 * per decoder actually used), per-record decoder choice, event counting, and
 * "file:line: reason" reports. Ingest runs one per thread.
 *
 * Ownership: the worker owns its decoder contexts; everything else (options,
 * sink, lock) is borrowed from the caller of mh_ingest_file().
 */
#include <pthread.h>
#include <stdint.h>
#include <xxhash.h>

#include "ingest/ingest.h"

#define MH_MAX_DECODERS 16

struct mh_work {
	const struct mh_decoder *chosen;
	int forced;                 /* every record goes to chosen */
	void *ctx[MH_MAX_DECODERS]; /* by registry index; the last slot for opts->decoder */
	const struct mh_decoder *dec[MH_MAX_DECODERS];
	unsigned index;
	uint32_t file_id;
	const char *path;
	const struct mh_ingest_opts *opts;
	mh_sink_fn sink;
	void *sink_arg;
	pthread_mutex_t *lock; /* serialises reject/skip callbacks; NULL with one worker */
	uint64_t records, events, skipped, rejected;
};

/* What every worker of one mh_ingest_file() call shares. */
struct mh_run {
	const char *path;
	uint32_t file_id;
	const struct mh_ingest_opts *opts;
	mh_sink_fn sink;
	void *sink_arg;
	const struct mh_decoder *dec; /* chosen decoder */
	int forced;
	uint64_t total; /* input size for progress reports; 0 unknown */
};

void mh_work_init(struct mh_work *w, unsigned index, const struct mh_run *run);
void mh_work_release(struct mh_work *w);
void mh_work_record(struct mh_work *w, struct mh_record *rec);
/* Count and report a record that never reached a decoder (too long, bad array). */
void mh_work_reject(struct mh_work *w, uint64_t line, const char *why);
/* Add w's counters to st. */
void mh_work_merge(const struct mh_work *w, struct mh_ingest_stats *st);

/* Split the regular file fd, bytes [from, size), at line boundaries among
 * run->opts->threads workers (ingest/parallel.c); the first line there is
 * line0 + 1. Adds counters to st, the bytes to hx (in order) and sets
 * *newlines to the lines consumed. */
int mh_ingest_parallel(const struct mh_run *run, int fd, uint64_t from, uint64_t size,
                       uint64_t line0, XXH3_state_t *hx, struct mh_ingest_stats *st,
                       uint64_t *newlines, struct mh_err *err);

/* Top-level JSON values in one buffer (ingest/jarray.c): arrays are split
 * into their elements, other values are records. A damaged element is
 * reported, and splitting resumes at the next line that starts an object. */
struct mh_jseq {
	const char *p;
	size_t n, pos;
	uint64_t line; /* line of p[pos], 1-based */
	int in_array, need_sep;
};

void mh_jseq_init(struct mh_jseq *s, const char *p, size_t n, uint64_t line);
/* 1 with rec set, 0 at the end, -1 for a damaged stretch (rec->line and why
 * set; the iterator has moved past it). */
int mh_jseq_next(struct mh_jseq *s, struct mh_record *rec, struct mh_err *why);

#endif
