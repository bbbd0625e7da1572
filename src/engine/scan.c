#include "engine/scan.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "core/finding.h"
#include "core/people.h"
#include "core/state.h"
#include "detect/detector.h"
#include "alert/alert.h"
#include "alert/record.h"
#include "engine/sources.h"
#include "ingest/ingest.h"
#include "ingest/roster.h"
#include "intel/geo.h"
#include "intel/intel.h"
#include "risk/score.h"
#include "share/key.h"
#include "share/match.h"
#include "store/store.h"
#include "store/store_share.h"
#include "util/progress.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define MAX_THREADS    16
#define MAX_CANDIDATES 16

/* One scanning thread's private state. */
struct worker {
	struct mh_state st;
	struct mh_findings f;
	void *det[64];
	const struct mh_intel *intel;
	const struct mh_geo *geo;
};

struct scan {
	const struct mh_scan_opts *o;
	struct mh_scan_report *r;
	FILE *log;
	struct mh_store *store;
	struct mh_roster roster;
	struct mh_people people;
	struct mh_intel *intel;
	struct mh_geo *geo;
	char **intel_paths, **mmdb_paths; /* given or remembered (sources.h) */
	size_t nintel_paths, nmmdb_paths;
	struct mh_config *cfg;
	struct mh_share_keys keys;
	struct mh_share_set share; /* peer hashes, when a consortium key is given */
	struct mh_alert_sinks *sinks;
	const struct mh_detector *det[64]; /* the enabled detectors */
	struct mh_state full;
	struct mh_findings findings;
	struct worker *w;
	unsigned nthreads, ndet;
	pthread_mutex_t lock; /* guards reject reporting */
	struct mh_scan_input *cur;
	size_t cur_index;               /* of cur in r->in, when cur is an input */
	uint64_t line0;                 /* lines of cur read before this scan */
	struct mh_scan_input roster_in; /* rejects while loading the roster */
	struct mh_progress prog;
};

static void reject_cb(void *arg, const char *where, const char *why)
{
	struct scan *s = arg;

	pthread_mutex_lock(&s->lock);
	if (s->cur->rejected < s->o->max_reject_msgs)
		fprintf(s->log, "%s: %s\n", where, why);
	else if (s->cur->rejected == s->o->max_reject_msgs)
		fprintf(s->log, "%s: further rejected lines are counted, not shown\n",
		        s->cur->path);
	s->cur->rejected++;
	if (s->o->on_reject && s->cur != &s->roster_in)
		s->o->on_reject(s->o->hook_arg, s->cur_index, where, why);
	pthread_mutex_unlock(&s->lock);
}

static void locate_cb(void *arg, uint64_t line, char *buf, size_t cap)
{
	struct scan *s = arg;

	s->o->locate(s->o->hook_arg, s->cur_index, line - s->line0, buf, cap);
}

static void warn_cb(void *arg, const char *msg)
{
	struct scan *s = arg;

	fprintf(s->log, "warning: %s\n", msg);
}

static void progress_cb(void *arg, uint64_t done, uint64_t total, uint64_t events)
{
	struct scan *s = arg;

	s->prog.total = total;
	mh_progress_update(&s->prog, done, events);
}

/* Enrich one event (intel label, geo) and fold it into the worker's state. */
static void sink(void *arg, unsigned t, const struct mh_event *ev)
{
	struct scan *s = arg;
	struct worker *w = &s->w[t < s->nthreads ? t : 0];
	struct mh_event e = *ev;
	struct mh_intel_hit hit;
	struct mh_geo_rec geo;
	uint32_t p;
	unsigned i;

	if (e.ip.family && w->intel && mh_intel_match_ip(w->intel, &e.ip, &hit))
		e.ip_intel = hit.label;
	if (e.ip.family && w->geo && (!e.country.n || !e.asn) &&
	    mh_geo_lookup(w->geo, &e.ip, &geo)) {
		if (!e.country.n && geo.country[0]) {
			e.country.p = geo.country;
			e.country.n = strlen(geo.country);
		}
		if (!e.asn && geo.asn) {
			e.asn = geo.asn;
			e.as_org.p = geo.as_org;
			e.as_org.n = strlen(geo.as_org);
		}
	}
	p = mh_state_add_event(&w->st, &e);
	if (p == MH_NOBODY)
		return;
	for (i = 0; i < s->ndet; i++)
		if (s->det[i]->on_event)
			s->det[i]->on_event(w->det[i], &e, &w->st, p, &w->f);
}

static int load_roster(struct scan *s, struct mh_err *err)
{
	char *csv = NULL;
	size_t n = 0;
	int rc;

	if (s->o->roster) {
		if (mh_ingest_read_all(s->o->roster, &csv, &n, MH_MAX_ARRAY_INPUT, err))
			return -1;
		if (mh_store_put_roster(s->store, s->o->roster, csv, n, err)) {
			free(csv);
			return -1;
		}
	} else if (mh_store_get_roster(s->store, &csv, &n, err)) {
		return -1;
	}
	if (!csv)
		return 0;
	s->cur = &s->roster_in;
	rc = mh_roster_parse_mem(&s->roster, s->o->roster ? s->o->roster : "stored roster", csv, n,
	                         reject_cb, s, err);
	free(csv);
	s->r->roster_rejected = s->roster_in.rejected;
	return rc;
}

static int load_intel(struct scan *s, struct mh_err *err)
{
	size_t i;
	int k;

	if (mh_scan_sources(s->store, "scan.intel", s->o->intel, s->o->nintel, s->o->forget_intel,
	                    &s->intel_paths, &s->nintel_paths, &s->r->intel_remembered, warn_cb, s,
	                    err) ||
	    mh_scan_sources(s->store, "scan.mmdb", s->o->mmdb, s->o->nmmdb, s->o->forget_intel,
	                    &s->mmdb_paths, &s->nmmdb_paths, &s->r->mmdb_remembered, warn_cb, s,
	                    err))
		return -1;
	s->r->intel_sources = s->nintel_paths;
	if (s->nintel_paths) {
		s->intel = mh_intel_new();
		for (i = 0; i < s->nintel_paths; i++)
			if (mh_intel_load(s->intel, s->intel_paths[i], warn_cb, s, err))
				return -1;
		mh_intel_seal(s->intel);
		for (k = 0; k < MH_IOC__COUNT; k++)
			s->r->intel_indicators += mh_intel_count(s->intel, (enum mh_ioc_kind)k);
	}
	if (s->nmmdb_paths) {
		s->geo = mh_geo_new();
		for (i = 0; i < s->nmmdb_paths; i++)
			if (mh_geo_add(s->geo, s->mmdb_paths[i], err))
				return -1;
	}
	return 0;
}

/* Peer hashes for identity.consortium, or a hint that some wait for a key. */
static int load_share(struct scan *s, struct mh_err *err)
{
	const char *path =
	    s->o->share_key ? s->o->share_key : mh_config_str(s->cfg, "share.key_file", NULL);
	int64_t n = 0;

	mh_share_set_init(&s->share, &s->keys);
	if (path && !*path)
		path = NULL; /* share.key_file: "" as `detectors --yaml` writes it */
	if (!path) {
		if (mh_store_share_count(s->store, &n, err))
			return -1;
		if (n)
			fprintf(s->log,
			        "warning: %lld peer hashes are stored; --share-key matches them\n",
			        (long long)n);
		return 0;
	}
	if (mh_share_keys_load(&s->keys, path, err) ||
	    mh_store_share_load(s->store, &s->share, err))
		return -1;
	if (s->share.unkeyed)
		fprintf(s->log, "warning: %llu peer hashes under keys %s no longer holds\n",
		        (unsigned long long)s->share.unkeyed, path);
	return 0;
}

static int start_workers(struct scan *s, struct mh_err *err)
{
	unsigned t, i;

	for (i = 0; mh_detectors[i]; i++) {
		char key[128];

		snprintf(key, sizeof(key), "detectors.%s.enabled", mh_detectors[i]->id);
		if (!mh_config_bool(s->cfg, key, 1))
			continue;
		if (s->ndet == 64)
			return mh_err_set(err, MH_EINPUT, "too many detectors");
		s->det[s->ndet++] = mh_detectors[i];
	}
	s->w = mh_calloc(s->nthreads, sizeof(*s->w));
	for (t = 0; t < s->nthreads; t++) {
		struct worker *w = &s->w[t];

		mh_state_init(&w->st, &s->people);
		mh_findings_init(&w->f);
		w->intel = s->intel;
		w->geo = s->geo;
		for (i = 0; i < s->ndet; i++)
			if (s->det[i]->init && s->det[i]->init(&w->det[i], s->cfg, err))
				return mh_err_prefix(err, "detector %s", s->det[i]->id);
	}
	return 0;
}

/* Find where an earlier scan of this content stopped: 0 = new, 1 = resume. */
static int find_checkpoint(struct scan *s, const char *path, struct mh_source_rec *rec,
                           struct mh_err *err)
{
	struct mh_source_rec cand[MAX_CANDIDATES];
	uint64_t head, h;
	int n, i;

	memset(rec, 0, sizeof(*rec));
	snprintf(rec->path, sizeof(rec->path), "%s", path);
	if (!strcmp(path, "-"))
		return 0;
	if (mh_ingest_head_hash(path, &head, err))
		return -1;
	rec->head_hash = head;
	n = mh_store_sources_by_head(s->store, head, cand, MAX_CANDIDATES, err);
	if (n < 0)
		return -1;
	/* A file shorter than HEAD_BYTES that grew has a new head hash; one
	 * checkpoint under its path whose prefix still matches is then the same
	 * content, appended to. */
	if (n == 0 && (n = mh_store_sources_by_path(s->store, path, cand, 1, err)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (mh_ingest_prefix_hash(path, cand[i].offset, &h, err))
			return -1;
		if (h == cand[i].prefix_hash) {
			*rec = cand[i];
			snprintf(rec->path, sizeof(rec->path), "%s", path);
			return 1;
		}
	}
	return 0;
}

/* A fresh input continues the source of its name: its lines are numbered on
 * from the source's, its bytes counted on; it has no head or prefix hash. */
static int continue_source(struct scan *s, const char *name, struct mh_source_rec *rec,
                           struct mh_err *err)
{
	int n = mh_store_sources_by_path(s->store, name, rec, 1, err);

	if (n < 0)
		return -1;
	if (n == 0) {
		memset(rec, 0, sizeof(*rec));
		snprintf(rec->path, sizeof(rec->path), "%s", name);
		if (mh_store_source_save(s->store, rec, err))
			return -1;
	}
	return n;
}

static int scan_input(struct scan *s, size_t index, struct mh_scan_input *in, struct mh_err *err)
{
	const char *path = s->o->inputs[index];
	const char *name = s->o->names ? s->o->names[index] : path;
	struct mh_ingest_opts io;
	struct mh_ingest_stats st;
	struct mh_source_rec rec;
	uint64_t offset0;
	double t0 = mh_now();
	int resume;

	snprintf(in->path, sizeof(in->path), "%s", name);
	s->cur = in;
	s->cur_index = index;
	resume =
	    s->o->fresh ? continue_source(s, name, &rec, err) : find_checkpoint(s, path, &rec, err);
	if (resume < 0)
		return -1;
	if (!resume && !s->o->fresh && mh_store_source_save(s->store, &rec, err))
		return -1;
	offset0 = rec.offset;
	s->line0 = rec.lines;
	memset(&io, 0, sizeof(io));
	io.threads = s->nthreads;
	io.format = s->o->format;
	io.resume_offset = s->o->fresh ? 0 : rec.offset;
	io.resume_line = rec.lines;
	io.sniff_each = s->o->fresh;
	io.locate = s->o->locate ? locate_cb : NULL;
	io.reject = reject_cb;
	io.progress = s->o->progress ? progress_cb : NULL;
	io.cb_arg = s;
	memset(&st, 0, sizeof(st));
	mh_progress_start(&s->prog, path, 0);
	if (mh_ingest_file(path, (uint32_t)rec.id, &io, sink, s, &st, err)) {
		mh_progress_end(&s->prog);
		return -1;
	}
	mh_progress_end(&s->prog);
	in->seconds = mh_now() - t0;
	snprintf(in->format, sizeof(in->format), "%s",
	         st.format && *st.format ? st.format : rec.format);
	in->bytes = st.bytes;
	in->records = st.records;
	in->events = st.events;
	in->skipped = st.skipped;
	in->status = !resume ? "new" : st.bytes ? "resumed" : "unchanged";
	snprintf(rec.format, sizeof(rec.format), "%s", in->format);
	rec.offset = s->o->fresh ? offset0 + st.offset : st.offset;
	rec.lines = st.lines;
	rec.prefix_hash = s->o->fresh ? 0 : st.prefix_hash;
	rec.events += st.events;
	rec.rejected += in->rejected;
	return mh_store_source_save(s->store, &rec, err);
}

/* Fold the workers into worker 0, then worker 0 into the full state. */
static uint32_t *merge_workers(struct scan *s)
{
	uint32_t *map;
	unsigned t, i;
	size_t k;

	for (t = 1; t < s->nthreads; t++) {
		map = mh_malloc((s->w[t].st.n + 1) * sizeof(*map));
		mh_state_merge(&s->w[0].st, &s->w[t].st, map);
		mh_findings_merge(&s->w[0].f, &s->w[t].f, map);
		free(map);
		for (i = 0; i < s->ndet; i++)
			if (s->det[i]->merge)
				s->det[i]->merge(s->w[0].det[i], s->w[t].det[i]);
	}
	map = mh_malloc((s->w[0].st.n + 1) * sizeof(*map));
	mh_state_merge(&s->full, &s->w[0].st, map);
	mh_state_trim(&s->full);
	mh_findings_merge(&s->findings, &s->w[0].f, map);
	for (k = 0; k < s->w[0].st.n; k++)
		if (s->w[0].st.ps[k].roster == MH_NOBODY)
			s->r->unresolved_events += s->w[0].st.ps[k].events;
	return map;
}

static int stage_one(void *arg, const char *text, struct mh_err *err)
{
	struct scan *s = arg;

	return mh_alert_stage(s->store, s->sinks, text, err);
}

/* Alerts for the findings that are new or changed since prev, into the
 * outbox (in the scan's transaction). */
static int stage_alerts(struct scan *s, const struct mh_strmap *prev, const struct mh_score *sc,
                        struct mh_err *err)
{
	struct mh_alert_ctx c;

	c.store = s->store;
	c.st = &s->full;
	c.warn_score = mh_config_gnum(s->cfg, "alert.threshold");
	c.critical_score = mh_config_gnum(s->cfg, "risk.flagged_threshold");
	return mh_alert_each(&c, &s->findings, prev, sc, stage_one, s, &s->r->alert.staged, err);
}

static int finish(struct scan *s, struct mh_err *err)
{
	struct mh_world world;
	struct mh_risk_params rp;
	struct mh_score *sc;
	struct mh_strmap *prev;
	uint32_t *map = merge_workers(s);
	size_t i;
	int rc = 0, alerts = mh_alert_sinks_count(s->sinks) > 0;

	memset(&world, 0, sizeof(world));
	world.st = &s->full;
	world.roster = &s->roster;
	world.cfg = s->cfg;
	world.intel = s->intel;
	world.share = s->share.n ? &s->share : NULL;
	/* The data's clock; a store with no events yet is "as of" the epoch. */
	if (s->full.max_ms == INT64_MIN)
		s->full.max_ms = 0;
	world.now_ms = s->full.max_ms;
	for (i = 0; i < s->ndet; i++)
		if (s->det[i]->finish)
			s->det[i]->finish(s->w[0].det[i], &world, &s->findings);
	prev = mh_strmap_new();
	if (mh_store_save_state(s->store, &s->full, &s->w[0].st, map, err) ||
	    (alerts && mh_store_finding_counts(s->store, prev, err)) ||
	    mh_store_save_findings(s->store, &s->full, &s->findings, err)) {
		free(map);
		mh_strmap_free(prev);
		return -1;
	}
	free(map);
	mh_risk_from_config(&rp, s->cfg);
	sc = mh_risk_score(&s->full, &s->findings, &rp, s->full.max_ms);
	for (i = 0; i < s->full.n && !rc; i++) {
		struct mh_score_rec rec = {s->full.ps[i].dbid, sc[i].score, s->full.max_ms, NULL};

		rec.contributions = mh_risk_contrib_json(&sc[i]);
		rc = mh_store_save_score(s->store, &rec, err);
		free(rec.contributions);
	}
	if (!rc && alerts)
		rc = stage_alerts(s, prev, sc, err);
	mh_scores_free(sc);
	mh_strmap_free(prev);
	return rc;
}

static void summarise(struct scan *s)
{
	struct mh_scan_report *r = s->r;
	size_t i;

	for (i = 0; i < r->nin; i++) {
		r->bytes += r->in[i].bytes;
		r->records += r->in[i].records;
		r->events += r->in[i].events;
		r->skipped += r->in[i].skipped;
		r->rejected += r->in[i].rejected;
	}
	for (i = 0; i < MH_SRC__COUNT; i++)
		r->per_source[i] = s->w[0].st.per_source[i];
	r->unattributed = s->w[0].st.unattributed;
	r->persons = s->full.n;
	r->roster_persons = s->roster.n;
	for (i = 0; i < s->full.n; i++)
		r->unresolved += s->full.ps[i].roster == MH_NOBODY;
	r->findings = s->findings.n;
	mh_state_size(&s->full, &r->state);
	r->state_bytes = mh_state_bytes(&s->full);
	r->scan_state_bytes = mh_state_bytes(&s->w[0].st);
}

static void cleanup(struct scan *s)
{
	unsigned t, i;

	for (t = 0; s->w && t < s->nthreads; t++) {
		for (i = 0; i < s->ndet; i++)
			if (s->det[i]->free && s->w[t].det[i])
				s->det[i]->free(s->w[t].det[i]);
		mh_state_release(&s->w[t].st);
		mh_findings_release(&s->w[t].f);
	}
	free(s->w);
	mh_findings_release(&s->findings);
	mh_state_release(&s->full);
	mh_people_release(&s->people);
	mh_roster_free(&s->roster);
	mh_intel_free(s->intel);
	mh_geo_free(s->geo);
	mh_share_set_release(&s->share);
	mh_share_keys_clear(&s->keys);
	mh_store_free_list(s->intel_paths, s->nintel_paths);
	mh_store_free_list(s->mmdb_paths, s->nmmdb_paths);
	mh_store_close(s->store);
	mh_config_free(s->cfg);
	mh_alert_sinks_free(s->sinks);
	pthread_mutex_destroy(&s->lock);
}

static unsigned pick_threads(unsigned want)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (!want)
		want = n > 0 ? (unsigned)n : 1;
	return want > MAX_THREADS ? MAX_THREADS : want;
}

static int run(struct scan *s, struct mh_err *err)
{
	size_t i;

	s->cfg = mh_config_load(s->o->config, err);
	if (!s->cfg)
		return -1;
	s->sinks = mh_alert_sinks_open(&s->o->alert, s->cfg, err);
	if (!s->sinks)
		return -1;
	s->store = mh_store_open(s->o->db, err);
	if (!s->store || (s->o->durable && mh_store_sync_full(s->store, err)) ||
	    mh_store_begin(s->store, err) || load_roster(s, err) || load_intel(s, err) ||
	    load_share(s, err))
		return -1;
	mh_people_build(&s->people, &s->roster, warn_cb, s);
	mh_state_init(&s->full, &s->people);
	mh_state_keep(&s->full, MH_ART_KEPT_KINDS);
	mh_findings_init(&s->findings);
	if (mh_store_load_state(s->store, &s->full, err) ||
	    mh_store_load_findings(s->store, &s->full, &s->findings, err) || start_workers(s, err))
		return -1;
	for (i = 0; i < s->o->ninputs; i++) {
		struct mh_scan_input *in = &s->r->in[i];
		struct mh_err ierr;

		mh_err_clear(&ierr);
		if (scan_input(s, i, in, &ierr)) {
			in->status = "failed";
			snprintf(in->error, sizeof(in->error), "%s", ierr.msg);
			fprintf(s->log, "%s\n", ierr.msg);
			s->r->failed++;
		}
	}
	if (finish(s, err))
		return -1;
	summarise(s);
	if (s->o->before_commit && s->o->before_commit(s->o->hook_arg, s->store, s->r, err))
		return -1;
	if (mh_store_commit(s->store, err))
		return -1;
	s->r->committed = 1;
	mh_alert_deliver(s->store, s->sinks, s->log, &s->r->alert);
	return 0;
}

int mh_scan(const struct mh_scan_opts *o, struct mh_scan_report *r, struct mh_err *err)
{
	struct scan s;
	double t0 = mh_now();
	int rc;

	memset(&s, 0, sizeof(s));
	memset(r, 0, sizeof(*r));
	s.o = o;
	s.r = r;
	s.log = o->log ? o->log : stderr;
	s.nthreads = pick_threads(o->threads);
	pthread_mutex_init(&s.lock, NULL);
	r->nin = o->ninputs;
	r->in = mh_calloc(o->ninputs ? o->ninputs : 1, sizeof(*r->in));
	rc = run(&s, err);
	if (rc && s.store)
		mh_store_rollback(s.store);
	cleanup(&s);
	r->seconds = mh_now() - t0;
	if (!rc && r->failed)
		rc = mh_err_set(err, MH_EINPUT, "%zu of %zu inputs could not be read", r->failed,
		                r->nin);
	return rc;
}

void mh_scan_report_release(struct mh_scan_report *r)
{
	free(r->in);
	memset(r, 0, sizeof(*r));
}

void mh_scan_report_print(FILE *f, const struct mh_scan_report *r)
{
	size_t i;
	int k;

	fprintf(f, "%-40s %-12s %-9s %10s %10s %8s %8s\n", "input", "format", "status", "events",
	        "MB", "skipped", "rejected");
	for (i = 0; i < r->nin; i++) {
		const struct mh_scan_input *in = &r->in[i];

		size_t n = strlen(in->path);

		fprintf(f, "%s%-*s %-12s %-9s %10llu %10.1f %8llu %8llu\n", n > 40 ? "..." : "",
		        n > 40 ? 37 : 40, n > 40 ? in->path + n - 37 : in->path,
		        in->format[0] ? in->format : "-", in->status ? in->status : "-",
		        (unsigned long long)in->events, (double)in->bytes / 1e6,
		        (unsigned long long)in->skipped, (unsigned long long)in->rejected);
	}
	fprintf(f, "events by source:");
	for (k = 1; k < MH_SRC__COUNT; k++)
		if (r->per_source[k])
			fprintf(f, " %s=%llu", mh_source_name(k),
			        (unsigned long long)r->per_source[k]);
	fprintf(f, "\n");
	fprintf(f,
	        "total: %llu events from %llu records (%.1f MB) in %.2f s; %llu skipped, %llu "
	        "rejected, %llu without user or host\n",
	        (unsigned long long)r->events, (unsigned long long)r->records,
	        (double)r->bytes / 1e6, r->seconds, (unsigned long long)r->skipped,
	        (unsigned long long)r->rejected, (unsigned long long)r->unattributed);
	fprintf(f,
	        "people: %zu (%zu on the roster, %llu roster rows rejected), %zu unresolved names "
	        "holding %llu events this scan; %zu findings; %zu intel indicators\n",
	        r->persons, r->roster_persons, (unsigned long long)r->roster_rejected,
	        r->unresolved, (unsigned long long)r->unresolved_events, r->findings,
	        r->intel_indicators);
	if (r->intel_remembered || r->mmdb_remembered)
		fprintf(f, "intel: %s remembered from an earlier scan (--forget-intel to drop)\n",
		        r->intel_remembered && r->mmdb_remembered ? "lists and MaxMind databases"
		        : r->intel_remembered                     ? "lists"
		                                                  : "MaxMind databases");
	if (r->persons)
		fprintf(f,
		        "state: %zu bytes per person kept across the scan (records %zu, days %zu, "
		        "artifacts %zu, strings %zu, index %zu); this scan's own aggregates until "
		        "saved: %zu\n",
		        r->state_bytes / r->persons, r->state.persons / r->persons,
		        r->state.days / r->persons, r->state.arts / r->persons,
		        r->state.strings / r->persons, r->state.index / r->persons,
		        r->scan_state_bytes / r->persons);
	mh_alert_report_print(f, &r->alert);
}

int mh_scan_alerts_retry(const struct mh_scan_opts *o, struct mh_alert_report *r,
                         struct mh_err *err)
{
	struct mh_config *cfg = mh_config_load(o->config, err);
	struct mh_alert_sinks *sinks = cfg ? mh_alert_sinks_open(&o->alert, cfg, err) : NULL;
	struct mh_store *store = sinks ? mh_store_open_existing(o->db, err) : NULL;

	memset(r, 0, sizeof(*r));
	if (store)
		mh_alert_deliver(store, sinks, o->log ? o->log : stderr, r);
	mh_store_close(store);
	mh_alert_sinks_free(sinks);
	mh_config_free(cfg);
	return store ? 0 : -1;
}
