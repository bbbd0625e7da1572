/*
 * mh_ingest_file (ingest.h): open, skip to the resume point, look at the
 * first bytes, choose the decoder, then one of three ways through the input:
 *   - a top-level JSON array: read whole (at most MH_MAX_ARRAY_INPUT) and
 *     split with mh_jx_skip_value (jarray.c);
 *   - a regular uncompressed file with threads > 1: parallel.c;
 *   - anything else: the streaming line splitter (lines.c), one worker.
 * The prefix hash always covers input[0 .. offset), whichever way was taken.
 */
#include "ingest/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/lines.h"
#include "ingest/reader.h"
#include "ingest/sniff.h"
#include "ingest/work.h"
#include "util/xalloc.h"

#define SNIFF_WINDOW   (1u << 20)
#define PROGRESS_EVERY (4u << 20)

static int first_byte(const char *p, size_t n, int at_start)
{
	size_t i = at_start && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	for (; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return (unsigned char)p[i];
	return -1;
}

/* Sniff the first MH_SNIFF_RECORDS non-blank lines of a window. */
static const struct mh_decoder *sniff_lines(const char *p, size_t n, int at_start)
{
	struct mh_sniffer s = {0};
	const char *end = p + n;

	while (p < end && s.records < MH_SNIFF_RECORDS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *q = p;

		if (!mh_line_trim(&q, &k, at_start))
			mh_sniffer_add(&s, q, k);
		at_start = 0;
		p += k + 1;
		if (!nl)
			break;
	}
	return mh_sniffer_best(&s);
}

static int forced_decoder(struct mh_run *run, struct mh_err *err)
{
	const struct mh_ingest_opts *o = run->opts;

	run->forced = o->decoder || o->format;
	run->dec = o->decoder ? o->decoder : o->format ? mh_decoder_find(o->format) : NULL;
	if (run->forced && !run->dec)
		return mh_err_set(err, MH_EUSAGE, "unknown format '%s'", o->format);
	return 0;
}

static void progress(const struct mh_run *run, uint64_t done, uint64_t events)
{
	if (run->opts->progress)
		run->opts->progress(run->opts->cb_arg, done, run->total, events);
}

static int run_stream(const struct mh_run *run, struct mh_lines *L, struct mh_ingest_stats *st,
                      struct mh_err *err)
{
	struct mh_work w;
	struct mh_record rec = {0};
	uint64_t next_report = L->offset + PROGRESS_EVERY;
	int rc;

	mh_work_init(&w, 0, run);
	while ((rc = mh_lines_next(L, &rec, err)) > 0) {
		if (rc == MH_LINES_RECORD) {
			mh_work_record(&w, &rec);
		} else {
			char why[96];

			snprintf(why, sizeof(why), "record longer than %u bytes, skipped",
			         MH_MAX_RECORD);
			mh_work_reject(&w, rec.line, why);
		}
		if (L->offset >= next_report) {
			progress(run, L->offset, w.events);
			next_report = L->offset + PROGRESS_EVERY;
		}
	}
	progress(run, L->offset, w.events);
	mh_work_merge(&w, st);
	mh_work_release(&w);
	return rc < 0 ? -1 : 0;
}

/* A whole buffer of JSON values: sniff its first elements, then decode all. */
static int run_array(struct mh_run *run, struct mh_lines *L, struct mh_ingest_stats *st,
                     struct mh_err *err)
{
	struct mh_jseq seq;
	struct mh_record rec;
	struct mh_sniffer sn = {0};
	struct mh_work w;
	struct mh_err why;
	char *p;
	size_t n;
	int rc;

	if (mh_lines_slurp(L, MH_MAX_ARRAY_INPUT, &p, &n, err))
		return -1;
	if (!run->dec) {
		mh_jseq_init(&seq, p, n, L->line + 1);
		while (sn.records < MH_SNIFF_RECORDS && (rc = mh_jseq_next(&seq, &rec, &why)) != 0)
			if (rc > 0)
				mh_sniffer_add(&sn, rec.p, rec.n);
		run->dec = mh_sniffer_best(&sn);
		if (!run->dec && sn.records > 0 && !run->opts->sniff_each)
			return mh_err_set(err, MH_EINPUT,
			                  "%s: no decoder recognises this input (first records "
			                  "look like no supported format)",
			                  run->path);
	}
	mh_jseq_init(&seq, p, n, L->line + 1);
	mh_work_init(&w, 0, run);
	while ((rc = mh_jseq_next(&seq, &rec, &why)) != 0) {
		if (rc > 0)
			mh_work_record(&w, &rec);
		else
			mh_work_reject(&w, rec.line, why.msg);
	}
	mh_lines_consume(L, n, seq.line - (L->line + 1) + (n && p[n - 1] != '\n'));
	progress(run, L->offset, w.events);
	mh_work_merge(&w, st);
	mh_work_release(&w);
	return 0;
}

static int run_parallel(const struct mh_run *run, struct mh_lines *L, int fd, uint64_t size,
                        struct mh_ingest_stats *st, struct mh_err *err)
{
	uint64_t from = L->offset, nl = 0;

	mh_lines_hash(L); /* flush: the state now covers exactly [0, from) */
	if (mh_ingest_parallel(run, fd, from, size, L->line, L->hx, st, &nl, err))
		return -1;
	L->start = L->end = L->scan = L->hashed = 0;
	L->offset = size;
	L->line += nl;
	return 0;
}

static int dispatch(struct mh_run *run, struct mh_lines *L, struct mh_ingest_stats *st,
                    struct mh_err *err)
{
	const char *p;
	size_t n;
	uint64_t size;
	int c, fd;

	if (mh_lines_peek(L, SNIFF_WINDOW, &p, &n, err))
		return -1;
	c = first_byte(p, n, L->offset == 0);
	if (c < 0)
		return 0;
	if (c == '[')
		return run_array(run, L, st, err);
	if (!run->dec)
		run->dec = sniff_lines(p, n, L->offset == 0);
	if (!run->dec && !run->opts->sniff_each)
		return mh_err_set(err, MH_EINPUT,
		                  "%s:%llu: no decoder recognises this input (use --format)",
		                  run->path, (unsigned long long)L->line + 1);
	fd = mh_reader_regular_fd(L->rd, &size);
	run->total = fd >= 0 ? size : 0;
	if (run->opts->threads > 1 && fd >= 0)
		return run_parallel(run, L, fd, size, st, err);
	return run_stream(run, L, st, err);
}

int mh_ingest_file(const char *path, uint32_t file_id, const struct mh_ingest_opts *opts,
                   mh_sink_fn sink, void *sink_arg, struct mh_ingest_stats *stats,
                   struct mh_err *err)
{
	struct mh_run run = {path, file_id, opts, sink, sink_arg, NULL, 0, 0};
	struct mh_reader *rd;
	struct mh_lines L;
	int rc = -1;

	memset(stats, 0, sizeof(*stats));
	stats->format = "";
	if (forced_decoder(&run, err))
		return -1;
	rd = mh_reader_open(path, err);
	if (!rd)
		return -1;
	mh_lines_init(&L, rd);
	if (opts->resume_offset && mh_lines_skip(&L, opts->resume_offset, err))
		goto out;
	L.line = opts->resume_line;
	rc = dispatch(&run, &L, stats, err);
	if (run.dec && stats->records + stats->rejected > 0)
		stats->format = run.dec->name;
out:
	stats->bytes = L.offset > opts->resume_offset ? L.offset - opts->resume_offset : 0;
	stats->offset = L.offset;
	stats->lines = L.line;
	stats->prefix_hash = mh_lines_hash(&L);
	mh_lines_release(&L);
	mh_reader_close(rd);
	return rc;
}

int mh_ingest_prefix_hash(const char *path, uint64_t len, uint64_t *hash, struct mh_err *err)
{
	struct mh_reader *rd = mh_reader_open(path, err);
	struct mh_lines L;
	int rc = 0;

	if (!rd)
		return -1;
	mh_lines_init(&L, rd);
	while (L.offset < len && rc == 0) {
		const char *p;
		size_t n;

		rc = mh_lines_peek(&L, 1, &p, &n, err);
		if (rc == 0 && n == 0)
			break;
		if (rc == 0)
			mh_lines_consume(&L, n < len - L.offset ? n : (size_t)(len - L.offset), 0);
	}
	*hash = mh_lines_hash(&L);
	mh_lines_release(&L);
	mh_reader_close(rd);
	return rc;
}

int mh_ingest_read_all(const char *path, char **buf, size_t *n, size_t limit, struct mh_err *err)
{
	struct mh_reader *rd = mh_reader_open(path, err);
	size_t cap = 1u << 16, len = 0;
	char *p;

	if (!rd)
		return -1;
	p = mh_malloc(cap);
	for (;;) {
		ssize_t k;

		if (cap - len < 2) {
			cap *= 2;
			p = mh_realloc(p, cap);
		}
		k = mh_reader_read(rd, p + len, cap - len - 1, err);
		if (k < 0)
			goto out_fail;
		if (k == 0)
			break;
		len += (size_t)k;
		if (len > limit) {
			mh_err_set(err, MH_ELIMIT, "%s: input is larger than %zu bytes", path,
			           limit);
			goto out_fail;
		}
	}
	mh_reader_close(rd);
	p[len] = '\0';
	*buf = p;
	*n = len;
	return 0;
out_fail:
	mh_reader_close(rd);
	free(p);
	return -1;
}
