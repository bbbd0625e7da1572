/*
 * Several threads decoding one regular file (work.h, mh_ingest_parallel).
 *
 * Design. The range [from, size) is cut into fixed blocks of BLOCK bytes,
 * dealt round-robin: worker i takes blocks i, i + T, i + 2T ... for T
 * workers. A fixed deal (rather than first come, first served) makes each
 * worker see the same events in the same order on every run, so detectors
 * that follow a sequence per worker give the same answer every time. A block
 * owns every
 * line that *starts* inside it: the owner of block k > 0 reads from one byte
 * before the block, skips to just after the first newline, and for its last
 * line reads on past the block end until the newline (at most MH_MAX_RECORD
 * further; since BLOCK < MH_MAX_RECORD, an over-long line always ends the
 * block). So every line is decoded exactly once, whatever the block size.
 *
 * Exact line numbers: right after reading its block, each owner counts the
 * newlines inside its nominal range and publishes the running total
 * cum[k + 1] = cum[k] + count, waiting under a mutex for cum[k]. Counting runs
 * at memory speed, so the wait is short, and it cannot deadlock: each worker
 * takes its blocks in increasing order and publishes one before starting the
 * next, so the lowest unpublished block's owner is working on it and has what
 * it needs. Workers start only once all are running (T is the number that
 * started), so no block is dealt to a thread that failed to start.
 *
 * The prefix hash is fed in the same ordered step, block by block, so the
 * file is read once.
 *
 * Reading uses pread into one buffer per worker (grown only for long lines),
 * not mmap: a file truncated under us then gives a clean error, not SIGBUS.
 * Worker 0 runs on the calling thread and alone reports progress.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/lines.h"
#include "ingest/work.h"
#include "util/xalloc.h"

#define BLOCK       (8u << 20)
#define EXTEND      (1u << 20)
#define MAX_THREADS 64

struct shared {
	const struct mh_run *run;
	int fd;
	uint64_t from, size, nblocks, line0;
	XXH3_state_t *hx;
	atomic_uint_fast64_t bytes_done, events_done;
	unsigned stride; /* workers running: the deal's period */
	int go;          /* set with stride once every worker has started */
	pthread_mutex_t mu, report;
	pthread_cond_t cv;
	uint64_t *cum;
	unsigned char *ready;
	int failed;
	struct mh_err err;
};

struct worker {
	struct shared *sh;
	struct mh_work w;
	pthread_t tid;
	char *buf;
	size_t cap, len; /* buf holds file bytes [base, base + len) */
	uint64_t base;
};

static void fail(struct shared *sh, const char *why)
{
	pthread_mutex_lock(&sh->mu);
	if (!sh->failed)
		mh_err_set(&sh->err, MH_EIO, "%s: %s", sh->run->path, why);
	sh->failed = 1;
	pthread_mutex_unlock(&sh->mu);
}

/* Append file bytes up to offset `to` (clamped to the size) to the buffer. */
static int read_to(struct worker *wk, uint64_t to)
{
	struct shared *sh = wk->sh;

	if (to > sh->size)
		to = sh->size;
	while (wk->base + wk->len < to) {
		size_t need = (size_t)(to - wk->base);
		ssize_t k;

		if (need > wk->cap) {
			wk->cap = need > 2 * wk->cap ? need : 2 * wk->cap;
			wk->buf = mh_realloc(wk->buf, wk->cap);
		}
		k = pread(sh->fd, wk->buf + wk->len, need - wk->len, (off_t)(wk->base + wk->len));
		if (k <= 0) {
			fail(sh, k < 0 ? "read failed" : "file shrank while reading");
			return -1;
		}
		wk->len += (size_t)k;
	}
	return 0;
}

static uint64_t count_nl(const char *p, size_t n)
{
	uint64_t k = 0;
	const char *end = p + n;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Publish block k's newline count and add its bytes to the prefix hash, in
 * block order; returns the newlines before block k. */
static uint64_t publish(struct shared *sh, uint64_t k, const char *p, size_t n, uint64_t count)
{
	uint64_t before;

	pthread_mutex_lock(&sh->mu);
	while (!sh->ready[k])
		pthread_cond_wait(&sh->cv, &sh->mu);
	if (p)
		XXH3_64bits_update(sh->hx, p, n);
	before = sh->cum[k];
	sh->cum[k + 1] = before + count;
	sh->ready[k + 1] = 1;
	pthread_cond_broadcast(&sh->cv);
	pthread_mutex_unlock(&sh->mu);
	return before;
}

static void reject_long(struct worker *wk, uint64_t line)
{
	char why[96];

	snprintf(why, sizeof(why), "record longer than %u bytes, skipped", MH_MAX_RECORD);
	mh_work_reject(&wk->w, line, why);
}

/* Decode the lines that start in [bs, be); line is the 1-based line at p. */
static void decode_lines(struct worker *wk, uint64_t p, uint64_t be, uint64_t line)
{
	while (p < be && !wk->sh->failed) {
		const char *s = wk->buf + (p - wk->base), *nl;
		struct mh_record rec = {0};
		size_t n;

		while (!(nl = memchr(s, '\n', wk->len - (size_t)(p - wk->base))) &&
		       wk->base + wk->len < wk->sh->size &&
		       wk->base + wk->len - p <= MH_MAX_RECORD) {
			if (read_to(wk, wk->base + wk->len + EXTEND))
				return;
			s = wk->buf + (p - wk->base);
		}
		n = nl ? (size_t)(nl - s) : wk->len - (size_t)(p - wk->base);
		if (n > MH_MAX_RECORD) {
			reject_long(wk, line);
			return;
		}
		rec.p = s;
		rec.n = n;
		rec.line = line;
		if (!mh_line_trim(&rec.p, &rec.n, p == 0))
			mh_work_record(&wk->w, &rec);
		p += n + 1;
		line++;
	}
}

static void do_block(struct worker *wk, uint64_t k)
{
	struct shared *sh = wk->sh;
	uint64_t bs = sh->from + k * BLOCK, be = bs + BLOCK < sh->size ? bs + BLOCK : sh->size;
	uint64_t before, p = bs, line;
	int ok;

	wk->base = k ? bs - 1 : bs;
	wk->len = 0;
	ok = read_to(wk, be) == 0;
	if (ok)
		before = publish(sh, k, wk->buf + (bs - wk->base), (size_t)(be - bs),
		                 count_nl(wk->buf + (bs - wk->base), (size_t)(be - bs)));
	else
		before = publish(sh, k, NULL, 0, 0);
	if (!ok)
		return;
	line = sh->line0 + before + 1;
	if (k) {
		const char *nl = memchr(wk->buf, '\n', wk->len);

		if (!nl)
			return;
		p = wk->base + (uint64_t)(nl - wk->buf) + 1;
		line += p > bs;
	}
	decode_lines(wk, p, be, line);
}

static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	struct shared *sh = wk->sh;
	uint64_t k, done_events = 0;

	pthread_mutex_lock(&sh->mu);
	while (!sh->go)
		pthread_cond_wait(&sh->cv, &sh->mu);
	pthread_mutex_unlock(&sh->mu);
	if (wk->w.index >= sh->stride)
		return NULL;
	for (k = wk->w.index; k < sh->nblocks; k += sh->stride) {
		uint64_t bs = sh->from + k * BLOCK, bytes;

		do_block(wk, k);
		bytes = (bs + BLOCK < sh->size ? bs + BLOCK : sh->size) - bs;
		atomic_fetch_add(&sh->bytes_done, bytes);
		atomic_fetch_add(&sh->events_done, wk->w.events - done_events);
		done_events = wk->w.events;
		if (wk->w.index == 0 && sh->run->opts->progress)
			sh->run->opts->progress(sh->run->opts->cb_arg,
			                        sh->from + atomic_load(&sh->bytes_done),
			                        sh->run->total, atomic_load(&sh->events_done));
	}
	return NULL;
}

/* Does the file end without a newline (a last line still counted as a line)? */
static int last_is_partial(int fd, uint64_t size)
{
	char c = '\n';

	return pread(fd, &c, 1, (off_t)(size - 1)) == 1 && c != '\n';
}

static unsigned thread_count(const struct mh_run *run, uint64_t nblocks)
{
	unsigned t = run->opts->threads;

	if (t > MAX_THREADS)
		t = MAX_THREADS;
	if (t > nblocks)
		t = (unsigned)nblocks;
	return t ? t : 1;
}

int mh_ingest_parallel(const struct mh_run *run, int fd, uint64_t from, uint64_t size,
                       uint64_t line0, XXH3_state_t *hx, struct mh_ingest_stats *st,
                       uint64_t *newlines, struct mh_err *err)
{
	struct shared sh = {
	    .run = run, .fd = fd, .from = from, .size = size, .line0 = line0, .hx = hx};
	struct worker *wk;
	unsigned nt, started = 1;

	sh.nblocks = (size - from + BLOCK - 1) / BLOCK;
	nt = thread_count(run, sh.nblocks);
	sh.cum = mh_calloc(sh.nblocks + 1, sizeof(*sh.cum));
	sh.ready = mh_calloc(sh.nblocks + 1, 1);
	sh.ready[0] = 1;
	pthread_mutex_init(&sh.mu, NULL);
	pthread_mutex_init(&sh.report, NULL);
	pthread_cond_init(&sh.cv, NULL);
	wk = mh_calloc(nt, sizeof(*wk));
	for (unsigned i = 0; i < nt; i++) {
		wk[i].sh = &sh;
		mh_work_init(&wk[i].w, i, run);
		wk[i].w.lock = &sh.report;
	}
	for (; started < nt; started++)
		if (pthread_create(&wk[started].tid, NULL, worker_main, &wk[started]) != 0)
			break;
	pthread_mutex_lock(&sh.mu);
	sh.stride = started;
	sh.go = 1;
	pthread_cond_broadcast(&sh.cv);
	pthread_mutex_unlock(&sh.mu);
	worker_main(&wk[0]);
	for (unsigned i = 1; i < started; i++)
		pthread_join(wk[i].tid, NULL);
	for (unsigned i = 0; i < nt; i++) {
		mh_work_merge(&wk[i].w, st);
		mh_work_release(&wk[i].w);
		free(wk[i].buf);
	}
	*newlines = sh.cum[sh.nblocks] + (size > from && !sh.failed && last_is_partial(fd, size));
	if (sh.failed)
		*err = sh.err;
	free(wk);
	free(sh.cum);
	free(sh.ready);
	pthread_cond_destroy(&sh.cv);
	pthread_mutex_destroy(&sh.mu);
	pthread_mutex_destroy(&sh.report);
	return sh.failed ? -1 : 0;
}
