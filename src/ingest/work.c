/*
 * Per-thread decoding (work.h). The decoder choice per record is described in
 * ingest.h and above mh_work_record().
 */
#include "ingest/work.h"

#include <stdio.h>
#include <string.h>

void mh_work_init(struct mh_work *w, unsigned index, const struct mh_run *run)
{
	memset(w, 0, sizeof(*w));
	w->index = index;
	w->chosen = run->dec;
	w->forced = run->forced;
	w->path = run->path;
	w->file_id = run->file_id;
	w->opts = run->opts;
	w->sink = run->sink;
	w->sink_arg = run->sink_arg;
}

static int slot_of(const struct mh_decoder *d)
{
	for (int i = 0; mh_decoders[i] && i < MH_MAX_DECODERS; i++)
		if (mh_decoders[i] == d)
			return i;
	return MH_MAX_DECODERS - 1; /* opts->decoder from outside the registry */
}

void mh_work_release(struct mh_work *w)
{
	for (int i = 0; i < MH_MAX_DECODERS; i++) {
		if (w->ctx[i])
			w->dec[i]->ctx_free(w->ctx[i]);
		w->ctx[i] = NULL;
	}
}

static void report(struct mh_work *w, void (*cb)(void *, const char *, const char *), uint64_t line,
                   const char *why)
{
	char where[512];

	if (!cb)
		return;
	if (w->opts->locate)
		w->opts->locate(w->opts->cb_arg, line, where, sizeof(where));
	else
		snprintf(where, sizeof(where), "%s:%llu", w->path, (unsigned long long)line);
	if (w->lock)
		pthread_mutex_lock(w->lock);
	cb(w->opts->cb_arg, where, why);
	if (w->lock)
		pthread_mutex_unlock(w->lock);
}

void mh_work_reject(struct mh_work *w, uint64_t line, const char *why)
{
	w->rejected++;
	report(w, w->opts->reject, line, why);
}

static void emit(void *arg, const struct mh_event *ev)
{
	struct mh_work *w = arg;

	w->events++;
	w->sink(w->sink_arg, w->index, ev);
}

static int decode_with(struct mh_work *w, const struct mh_decoder *d, struct mh_record *rec,
                       struct mh_err *why)
{
	int slot = slot_of(d);

	if (!w->ctx[slot]) {
		w->ctx[slot] = d->ctx_new();
		w->dec[slot] = d;
	}
	mh_err_clear(why);
	return d->decode(w->ctx[slot], rec, emit, w, why);
}

/*
 * The last decoder that worked gets each record first: its own field
 * extraction tells whether the record is of its format (MH_DEC_FOREIGN), so a
 * single-format input costs one parse per record. Only a foreign record is
 * sniffed against every decoder, which keeps concatenated logs working.
 */
void mh_work_record(struct mh_work *w, struct mh_record *rec)
{
	const struct mh_decoder *d;
	struct mh_err why;
	int rc;

	rec->file_id = w->file_id;
	w->records++;
	if (!w->chosen) { /* sniff_each, and no decoder chosen yet */
		w->chosen = mh_decoder_sniff(rec->p, rec->n);
		if (!w->chosen) {
			mh_work_reject(w, rec->line, "no decoder recognises this record");
			return;
		}
	}
	rc = decode_with(w, w->chosen, rec, &why);
	if (rc == MH_DEC_FOREIGN && !w->forced) {
		d = mh_decoder_sniff(rec->p, rec->n);
		if (d && d != w->chosen) {
			rc = decode_with(w, d, rec, &why);
			if (rc != MH_DEC_FOREIGN)
				w->chosen = d;
		}
	}
	if (rc == MH_DEC_FOREIGN && w->opts->sniff_each) {
		mh_work_reject(w, rec->line, "no decoder recognises this record");
	} else if (rc == MH_DEC_SKIP || rc == MH_DEC_FOREIGN) {
		w->skipped++;
		report(w, w->opts->skip, rec->line, why.msg);
	} else if (rc != MH_DEC_OK) {
		mh_work_reject(w, rec->line, why.msg[0] ? why.msg : "malformed record");
	}
}

void mh_work_merge(const struct mh_work *w, struct mh_ingest_stats *st)
{
	st->records += w->records;
	st->events += w->events;
	st->skipped += w->skipped;
	st->rejected += w->rejected;
}
