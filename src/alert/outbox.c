/* Staging alerts in the store's outbox and delivering them (alert/alert.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert/alert.h"
#include "alert/sinks_priv.h"
#include "store/store_alerts.h"
#include "util/xalloc.h"

#define BATCH        256 /* outbox rows read and handed to a sink at once */
#define MAX_OUTBOXES 64  /* distinct sinks looked at when trimming */

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int mh_alert_stage(struct mh_store *store, const struct mh_alert_sinks *s, const char *text,
                   struct mh_err *err)
{
	int64_t now = now_ms();
	size_t i;

	for (i = 0; i < s->n; i++)
		if (mh_store_outbox_add(store, s->v[i].key, text, now, err))
			return -1;
	return 0;
}

static struct mh_alert_sink_report *report_of(struct mh_alert_report *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nsinks; i++)
		if (!strcmp(r->sink[i].key, key))
			return &r->sink[i];
	return NULL;
}

struct names {
	char *v[MAX_OUTBOXES];
	size_t n;
};

static int collect(void *arg, const struct mh_outbox_sink *o)
{
	struct names *nm = arg;

	if (nm->n == MAX_OUTBOXES)
		return 1;
	nm->v[nm->n++] = mh_strdup(o->sink);
	return 0;
}

/* Drop what is too old or too much, from every sink's outbox. */
static void trim(struct mh_store *store, const struct mh_alert_sinks *s, FILE *log,
                 struct mh_alert_report *r)
{
	struct names nm = {{NULL}, 0};
	struct mh_err err;
	size_t i;

	mh_err_clear(&err);
	if (mh_store_outbox_sinks(store, collect, &nm, &err))
		fprintf(log, "alerts: %s\n", err.msg);
	for (i = 0; i < nm.n; i++) {
		struct mh_alert_sink_report *sr = report_of(r, nm.v[i]);
		int64_t dropped = 0;

		if (mh_store_outbox_trim(store, nm.v[i], now_ms() - s->max_age_ms, s->keep,
		                         &dropped, &err))
			fprintf(log, "alerts: %s\n", err.msg);
		if (dropped)
			fprintf(
			    log,
			    "alerts: %s: dropped %lld undelivered alerts, older than %lld days or "
			    "beyond %lld waiting (alert.outbox.*)\n",
			    sr ? sr->name : nm.v[i], (long long)dropped,
			    (long long)(s->max_age_ms / 86400000), (long long)s->keep);
		if (sr)
			sr->dropped += (size_t)dropped;
		else
			r->dropped += (size_t)dropped;
		free(nm.v[i]);
	}
}

/* Hand one sink its outbox, oldest first, until it is empty or the sink
 * fails. */
static void deliver_one(struct mh_store *store, const struct mh_alert_sink *k,
                        struct mh_alert_sink_report *sr)
{
	struct mh_outbox_row rows[BATCH];
	const char *texts[BATCH];
	struct mh_err err;
	int64_t after = 0;
	int n, i;

	mh_err_clear(&err);
	for (;;) {
		size_t done = 0;
		int rc;

		n = mh_store_outbox_next(store, k->key, after, rows, BATCH, &err);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++)
			texts[i] = rows[i].alert;
		rc = k->send(k->ctx, texts, (size_t)n, &done, &err);
		if (done) {
			struct mh_err derr;

			sr->delivered += done;
			/* A failure here means the next run sends these again. */
			if (mh_store_outbox_delete(store, k->key, rows[done - 1].id, &derr))
				snprintf(sr->error, sizeof(sr->error), "%s", derr.msg);
		}
		after = rows[n - 1].id;
		mh_store_outbox_rows_free(rows, n);
		if (rc) {
			snprintf(sr->error, sizeof(sr->error), "%s", err.msg);
			mh_store_outbox_failed(store, k->key, err.msg, NULL);
			return;
		}
	}
	if (n < 0)
		snprintf(sr->error, sizeof(sr->error), "%s", err.msg);
}

static int count(void *arg, const struct mh_outbox_sink *o)
{
	struct mh_alert_report *r = arg;
	struct mh_alert_sink_report *sr = report_of(r, o->sink);

	if (sr)
		sr->pending = (size_t)o->rows;
	else
		r->orphaned += (size_t)o->rows;
	return 0;
}

void mh_alert_deliver(struct mh_store *store, const struct mh_alert_sinks *s, FILE *log,
                      struct mh_alert_report *r)
{
	struct mh_err err;
	size_t i;

	r->nsinks = s->n;
	for (i = 0; i < s->n; i++) {
		r->sink[i].key = s->v[i].key;
		snprintf(r->sink[i].name, sizeof(r->sink[i].name), "%s", s->v[i].name);
	}
	trim(store, s, log, r);
	for (i = 0; i < s->n; i++)
		deliver_one(store, &s->v[i], &r->sink[i]);
	mh_err_clear(&err);
	if (mh_store_outbox_sinks(store, count, r, &err))
		fprintf(log, "alerts: %s\n", err.msg);
	for (i = 0; i < s->n; i++) {
		const struct mh_alert_sink_report *sr = &r->sink[i];

		if (sr->error[0])
			fprintf(log,
			        "alerts: %s: %s; %zu alerts wait in the outbox for the next run\n",
			        sr->name, sr->error, sr->pending);
	}
	if (r->orphaned)
		fprintf(log,
		        "alerts: %zu undelivered alerts wait in the outbox for a kind of sink this "
		        "run does not send to; configure it again to deliver them "
		        "(docs/ALERTS.md)\n",
		        r->orphaned);
}

static int sum(void *arg, const struct mh_outbox_sink *o)
{
	*(long *)arg += (long)o->rows;
	return 0;
}

long mh_alert_pending(struct mh_store *store, struct mh_err *err)
{
	long n = 0;

	return mh_store_outbox_sinks(store, sum, &n, err) ? -1 : n;
}

void mh_alert_report_print(FILE *f, const struct mh_alert_report *r)
{
	size_t i;

	if (!r->staged && !r->nsinks)
		return;
	fprintf(f, "alerts: %zu new or changed findings\n", r->staged);
	for (i = 0; i < r->nsinks; i++) {
		const struct mh_alert_sink_report *sr = &r->sink[i];

		fprintf(f, "  %s: %zu delivered", sr->name, sr->delivered);
		if (sr->pending)
			fprintf(f, ", %zu waiting in the outbox", sr->pending);
		if (sr->dropped)
			fprintf(f, ", %zu dropped", sr->dropped);
		fprintf(f, "\n");
	}
}
