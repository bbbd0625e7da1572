/* The ingest worker: spool files and tailed files through mh_scan. */
#include "http/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/scan.h"
#include "util/xalloc.h"
#include "util/fdio.h"

#define SPOOL_PATH_MAX 1024

struct tailed {
	const char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	const char *status; /* "waiting", "missing", "new", "resumed", "unchanged", "failed" */
	uint64_t events, bytes;
	char error[256];
};

struct mh_ingester {
	pthread_t th;
	int running;
	pthread_mutex_t lock;
	pthread_mutex_t scan_lock; /* one scan writes at a time */
	pthread_cond_t wake, done;
	int stop, waiting;
	struct mh_scan_opts scan;
	char *spool;
	unsigned poll_ms;
	char **pending;
	size_t npending, cappending;
	uint64_t seq, submitted, completed;
	struct tailed *tail;
	size_t ntail;
	/* status */
	uint64_t scans, events, rejected, bodies, failed_bodies, failed_scans;
	int64_t last_scan_ms;
	double last_seconds;
	char last_error[512];
	/* alerts: totals, what waits in the outbox, the last sink failure */
	uint64_t alerts_staged, alerts_delivered;
	size_t alerts_pending;
	unsigned idle_polls;
	char alert_error[512];
};

/* While idle, alerts waiting in the outbox are retried every this many poll
 * intervals (60 s at the default 2 s). */
#define ALERT_RETRY_POLLS 30

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void push_pending(struct mh_ingester *g, char *path)
{
	g->pending = mh_grow(g->pending, &g->cappending, g->npending + 1, sizeof(*g->pending));
	g->pending[g->npending++] = path;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Bodies accepted before a crash are scanned now; half-written ones go. */
static int recover_spool(struct mh_ingester *g, struct mh_err *err)
{
	DIR *d;
	struct dirent *e;
	char path[SPOOL_PATH_MAX];

	if (mkdir(g->spool, 0700) && errno != EEXIST)
		return mh_err_set(err, MH_EIO, "%s: %s", g->spool, strerror(errno));
	d = opendir(g->spool);
	if (!d)
		return mh_err_set(err, MH_EIO, "%s: %s", g->spool, strerror(errno));
	while ((e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", g->spool, e->d_name);
		if (!strncmp(e->d_name, ".tmp-", 5))
			unlink(path);
		else if (!strncmp(e->d_name, "post-", 5) && g->npending < MH_SPOOL_PENDING_MAX)
			push_pending(g, mh_strdup(path));
	}
	closedir(d);
	if (g->npending)
		qsort(g->pending, g->npending, sizeof(*g->pending), cmp_str);
	g->submitted = g->npending ? 1 : 0;
	return 0;
}

static int changed(struct tailed *t)
{
	struct stat sb;

	if (stat(t->path, &sb)) {
		t->status = "missing";
		return 0;
	}
	if (sb.st_dev == t->dev && sb.st_ino == t->ino && sb.st_size == t->size &&
	    sb.st_mtim.tv_sec == t->mtime.tv_sec && sb.st_mtim.tv_nsec == t->mtime.tv_nsec)
		return 0;
	t->dev = sb.st_dev;
	t->ino = sb.st_ino;
	t->size = sb.st_size;
	t->mtime = sb.st_mtim;
	return 1;
}

/* Take in what a scan or a retry did with the alerts (g->lock held). */
static void note_alerts(struct mh_ingester *g, const struct mh_alert_report *a)
{
	size_t i;

	g->alerts_staged += a->staged;
	g->alerts_pending = a->orphaned;
	g->alert_error[0] = '\0';
	for (i = 0; i < a->nsinks; i++) {
		g->alerts_delivered += a->sink[i].delivered;
		g->alerts_pending += a->sink[i].pending;
		if (a->sink[i].error[0])
			snprintf(g->alert_error, sizeof(g->alert_error), "%s: %s", a->sink[i].name,
			         a->sink[i].error);
	}
	g->idle_polls = 0;
}

/* Nothing to scan: every ALERT_RETRY_POLLS idle polls, offer the sinks what
 * still waits in the outbox. */
static void retry_alerts(struct mh_ingester *g)
{
	struct mh_alert_report a;
	struct mh_err err;

	pthread_mutex_lock(&g->lock);
	if (!g->alerts_pending || ++g->idle_polls < ALERT_RETRY_POLLS) {
		pthread_mutex_unlock(&g->lock);
		return;
	}
	pthread_mutex_unlock(&g->lock);
	mh_err_clear(&err);
	if (mh_scan_alerts_retry(&g->scan, &a, &err)) {
		pthread_mutex_lock(&g->lock);
		snprintf(g->alert_error, sizeof(g->alert_error), "%s", err.msg);
		g->idle_polls = 0;
		pthread_mutex_unlock(&g->lock);
		return;
	}
	pthread_mutex_lock(&g->lock);
	note_alerts(g, &a);
	pthread_mutex_unlock(&g->lock);
}

static void settle_spool(struct mh_ingester *g, const char *path, const struct mh_scan_input *in)
{
	char failed[SPOOL_PATH_MAX];
	const char *base = strrchr(path, '/');

	if (in->status && strcmp(in->status, "failed")) {
		unlink(path);
		return;
	}
	snprintf(failed, sizeof(failed), "%s/failed-%s", g->spool, base ? base + 1 : path);
	rename(path, failed);
	g->failed_bodies++;
	snprintf(g->last_error, sizeof(g->last_error), "%s", in->error);
}

/* One scan over the taken spool files and the changed tailed files. Returns
 * 0 when the scan ran (some inputs may have failed), -1 when it did not. */
static int run_scan(struct mh_ingester *g, char **spool, size_t nspool)
{
	const char **in = mh_calloc(nspool + g->ntail + 1, sizeof(*in));
	struct tailed **tl = mh_calloc(g->ntail + 1, sizeof(*tl));
	struct mh_scan_opts o = g->scan;
	struct mh_scan_report r;
	struct mh_err err;
	size_t n = 0, nt = 0, i;
	int rc;

	for (i = 0; i < nspool; i++)
		in[n++] = spool[i];
	pthread_mutex_lock(&g->lock);
	for (i = 0; i < g->ntail; i++)
		if (changed(&g->tail[i])) {
			tl[nt++] = &g->tail[i];
			in[n++] = g->tail[i].path;
		}
	pthread_mutex_unlock(&g->lock);
	if (!n) {
		free(in);
		free(tl);
		retry_alerts(g);
		return 0;
	}
	o.inputs = in;
	o.ninputs = n;
	mh_err_clear(&err);
	pthread_mutex_lock(&g->scan_lock);
	rc = mh_scan(&o, &r, &err);
	pthread_mutex_unlock(&g->scan_lock);
	pthread_mutex_lock(&g->lock);
	if (rc && !r.failed) {
		snprintf(g->last_error, sizeof(g->last_error), "%s", err.msg);
		g->failed_scans++;
		for (i = 0; i < nt; i++)
			tl[i]->size = -1; /* look again next time */
	} else {
		g->scans++;
		g->events += r.events;
		g->rejected += r.rejected;
		g->last_seconds = r.seconds;
		g->last_scan_ms = now_ms();
		note_alerts(g, &r.alert);
		if (!rc)
			g->last_error[0] = '\0';
		for (i = 0; i < nspool; i++)
			settle_spool(g, spool[i], &r.in[i]);
		for (i = 0; i < nt; i++) {
			const struct mh_scan_input *si = &r.in[nspool + i];

			tl[i]->status = si->status ? si->status : "failed";
			tl[i]->events += si->events;
			tl[i]->bytes += si->bytes;
			snprintf(tl[i]->error, sizeof(tl[i]->error), "%s", si->error);
		}
	}
	pthread_mutex_unlock(&g->lock);
	mh_scan_report_release(&r);
	free(in);
	free(tl);
	return rc && !r.failed ? -1 : 0;
}

/* Sleep up to a poll interval, or less when a body arrives (with
 * wake_on_body 0: the whole interval, unless stopped). */
static void wait_for_work(struct mh_ingester *g, int wake_on_body)
{
	struct timespec ts;

	if (g->stop || (wake_on_body && g->npending))
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += g->poll_ms / 1000;
	ts.tv_nsec += (long)(g->poll_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&g->wake, &g->lock, &ts);
}

static void *worker(void *arg)
{
	struct mh_ingester *g = arg;

	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		char **spool;
		size_t nspool, i;
		uint64_t ticket;

		wait_for_work(g, 1);
		if (g->stop)
			break;
		spool = g->pending;
		nspool = g->npending;
		ticket = g->submitted;
		g->pending = NULL;
		g->npending = g->cappending = 0;
		pthread_mutex_unlock(&g->lock);
		if (run_scan(g, spool, nspool)) {
			pthread_mutex_lock(&g->lock);
			for (i = 0; i < nspool; i++) /* retried at the next poll */
				push_pending(g, spool[i]);
			free(spool);
			wait_for_work(g, 0); /* a busy store: wait before retrying */
			continue;
		}
		for (i = 0; i < nspool; i++)
			free(spool[i]);
		free(spool);
		pthread_mutex_lock(&g->lock);
		if (ticket > g->completed)
			g->completed = ticket;
		pthread_cond_broadcast(&g->done);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct mh_ingester *mh_ingester_start(const struct mh_serve_opts *o, struct mh_err *err)
{
	struct mh_ingester *g = mh_calloc(1, sizeof(*g));
	char spool[SPOOL_PATH_MAX];
	size_t i;

	pthread_mutex_init(&g->lock, NULL);
	pthread_mutex_init(&g->scan_lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	pthread_cond_init(&g->done, NULL);
	g->scan = o->scan;
	g->scan.db = o->db;
	g->scan.threads = o->scan.threads ? o->scan.threads : 1;
	g->scan.progress = 0;
	g->scan.max_reject_msgs = o->quiet ? 0 : 5;
	g->poll_ms = o->poll_ms ? o->poll_ms : 2000;
	if (o->spool)
		snprintf(spool, sizeof(spool), "%s", o->spool);
	else
		snprintf(spool, sizeof(spool), "%s.spool", o->db);
	g->spool = mh_strdup(spool);
	g->ntail = o->scan.ninputs;
	g->tail = mh_calloc(g->ntail + 1, sizeof(*g->tail));
	for (i = 0; i < g->ntail; i++) {
		g->tail[i].path = o->scan.inputs[i];
		g->tail[i].size = -1;
		g->tail[i].status = "waiting";
	}
	if (recover_spool(g, err) || pthread_create(&g->th, NULL, worker, g)) {
		if (!err->msg[0])
			mh_err_set(err, MH_EINPUT, "cannot start the ingest thread");
		mh_ingester_stop(g);
		return NULL;
	}
	g->running = 1;
	return g;
}

void mh_ingester_stop(struct mh_ingester *g)
{
	size_t i;

	if (!g)
		return;
	if (g->running) {
		pthread_mutex_lock(&g->lock);
		g->stop = 1;
		pthread_cond_broadcast(&g->wake);
		pthread_mutex_unlock(&g->lock);
		pthread_join(g->th, NULL);
	}
	for (i = 0; i < g->npending; i++)
		free(g->pending[i]);
	free(g->pending);
	free(g->tail);
	free(g->spool);
	pthread_mutex_destroy(&g->lock);
	pthread_mutex_destroy(&g->scan_lock);
	pthread_cond_destroy(&g->wake);
	pthread_cond_destroy(&g->done);
	free(g);
}

static int spool_body(const char *tmp, const char *final, const char *body, size_t n)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), rc;

	if (fd < 0)
		return -1;
	rc = mh_write_all(fd, body, n);
	if (!rc && n && body[n - 1] != '\n')
		rc = mh_write_all(fd, "\n", 1);
	if (!rc)
		rc = fsync(fd);
	if (close(fd))
		rc = -1;
	if (!rc)
		rc = rename(tmp, final);
	if (rc)
		unlink(tmp);
	return rc;
}

int mh_ingester_submit(struct mh_ingester *g, const char *body, size_t n, uint64_t *ticket,
                       struct mh_err *err)
{
	char tmp[SPOOL_PATH_MAX], final[SPOOL_PATH_MAX];
	uint64_t seq;
	int64_t t = now_ms();

	pthread_mutex_lock(&g->lock);
	if (g->npending >= MH_SPOOL_PENDING_MAX) {
		pthread_mutex_unlock(&g->lock);
		return mh_err_set(err, MH_ELIMIT, "%d bodies are waiting for a scan",
		                  MH_SPOOL_PENDING_MAX);
	}
	seq = ++g->seq;
	pthread_mutex_unlock(&g->lock);
	snprintf(tmp, sizeof(tmp), "%s/.tmp-%lld-%llu", g->spool, (long long)t,
	         (unsigned long long)seq);
	snprintf(final, sizeof(final), "%s/post-%013lld-%06llu.jsonl", g->spool, (long long)t,
	         (unsigned long long)seq);
	if (spool_body(tmp, final, body, n))
		return mh_err_set(err, MH_EIO, "cannot write the spool file: %s", strerror(errno));
	pthread_mutex_lock(&g->lock);
	push_pending(g, mh_strdup(final));
	*ticket = ++g->submitted;
	g->bodies++;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	return 0;
}

int mh_ingester_wait(struct mh_ingester *g, uint64_t ticket, unsigned timeout_ms)
{
	struct timespec ts;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&g->lock);
	if (g->waiting) {
		pthread_mutex_unlock(&g->lock);
		return -1;
	}
	g->waiting = 1;
	while (g->completed < ticket && !g->stop && rc == 0)
		rc = pthread_cond_timedwait(&g->done, &g->lock, &ts);
	rc = g->completed >= ticket ? 0 : -1;
	g->waiting = 0;
	pthread_mutex_unlock(&g->lock);
	return rc;
}

int mh_ingester_scan(struct mh_ingester *g, const struct mh_scan_opts *o, struct mh_scan_report *r,
                     struct mh_err *err)
{
	struct mh_scan_opts so = g->scan;
	int rc;

	so.inputs = o->inputs;
	so.ninputs = o->ninputs;
	so.names = o->names;
	so.fresh = o->fresh;
	so.durable = o->durable;
	so.hook_arg = o->hook_arg;
	so.locate = o->locate;
	so.on_reject = o->on_reject;
	so.before_commit = o->before_commit;
	pthread_mutex_lock(&g->scan_lock);
	rc = mh_scan(&so, r, err);
	pthread_mutex_unlock(&g->scan_lock);
	return rc;
}

const char *mh_ingester_spool(const struct mh_ingester *g)
{
	return g->spool;
}

cJSON *mh_ingester_status(struct mh_ingester *g)
{
	cJSON *o = cJSON_CreateObject(), *arr, *alerts;
	size_t i;

	pthread_mutex_lock(&g->lock);
	cJSON_AddNumberToObject(o, "bodies_accepted", (double)g->bodies);
	cJSON_AddNumberToObject(o, "bodies_pending", (double)g->npending);
	cJSON_AddNumberToObject(o, "bodies_failed", (double)g->failed_bodies);
	cJSON_AddNumberToObject(o, "scans", (double)g->scans);
	cJSON_AddNumberToObject(o, "scans_failed", (double)g->failed_scans);
	cJSON_AddNumberToObject(o, "events", (double)g->events);
	cJSON_AddNumberToObject(o, "rejected", (double)g->rejected);
	if (g->last_scan_ms)
		cJSON_AddNumberToObject(o, "last_scan_ms", (double)g->last_scan_ms);
	else
		cJSON_AddNullToObject(o, "last_scan_ms");
	cJSON_AddNumberToObject(o, "last_scan_seconds", g->last_seconds);
	if (g->last_error[0])
		cJSON_AddStringToObject(o, "last_error", g->last_error);
	else
		cJSON_AddNullToObject(o, "last_error");
	alerts = cJSON_AddObjectToObject(o, "alerts");
	cJSON_AddNumberToObject(alerts, "staged", (double)g->alerts_staged);
	cJSON_AddNumberToObject(alerts, "delivered", (double)g->alerts_delivered);
	cJSON_AddNumberToObject(alerts, "pending", (double)g->alerts_pending);
	if (g->alert_error[0])
		cJSON_AddStringToObject(alerts, "last_error", g->alert_error);
	else
		cJSON_AddNullToObject(alerts, "last_error");
	arr = cJSON_AddArrayToObject(o, "tailing");
	for (i = 0; i < g->ntail; i++) {
		cJSON *t = cJSON_CreateObject();

		cJSON_AddStringToObject(t, "path", g->tail[i].path);
		cJSON_AddStringToObject(t, "status", g->tail[i].status);
		cJSON_AddNumberToObject(t, "events", (double)g->tail[i].events);
		cJSON_AddNumberToObject(t, "bytes", (double)g->tail[i].bytes);
		if (g->tail[i].error[0])
			cJSON_AddStringToObject(t, "error", g->tail[i].error);
		cJSON_AddItemToArray(arr, t);
	}
	pthread_mutex_unlock(&g->lock);
	return o;
}
