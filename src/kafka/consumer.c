/* The Kafka consumer thread of serve (consumer.h): poll, batch, scan, store
 * the offsets with the state, then commit them to Kafka. */
#include "kafka/consumer.h"

#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/scan.h"
#include "http/ingest.h"
#include "kafka/batch.h"
#include "kafka/kstatus.h"
#include "store/store.h"
#include "store/store_kafka.h"
#include "util/xalloc.h"

#define POLL_MS       100
#define BACKOFF_MS    1000 /* after a scan that failed */
#define MAX_TOPICS    64
#define MAX_BATCH_MAX 1000000

struct mh_kafka {
	struct mh_kafka_opts o;
	struct mh_ingester *g;
	rd_kafka_t *rk;
	struct mh_store *store; /* read connection: offsets at assignment */
	pthread_t th;
	int running, stop;
	struct mh_kbatch b;
	int64_t backoff_until;
	struct mh_kstatus st;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cooperative(rd_kafka_t *rk)
{
	const char *p = rd_kafka_rebalance_protocol(rk);

	return p && !strcmp(p, "COOPERATIVE");
}

/* --- one batch through the scan ------------------------------------------ */

static void hook_locate(void *arg, size_t input, uint64_t line, char *buf, size_t cap)
{
	struct mh_kafka *k = arg;

	mh_kbatch_locate(&k->b, input, line, buf, cap);
}

static void hook_reject(void *arg, size_t input, const char *where, const char *why)
{
	struct mh_kafka *k = arg;

	mh_kstatus_reject(&k->st, where, why);
}

static void batch_reject(void *arg, const char *where, const char *why)
{
	struct mh_kafka *k = arg;

	mh_kstatus_reject(&k->st, where, why);
}

/* In the scan's transaction: the next offset of every part that was read. */
static int hook_before_commit(void *arg, struct mh_store *store, const struct mh_scan_report *r,
                              struct mh_err *err)
{
	struct mh_kafka *k = arg;
	size_t i;

	for (i = 0; i < k->b.nparts; i++) {
		const struct mh_kpart *p = &k->b.parts[i];

		if (r->in[i].status && !strcmp(r->in[i].status, "failed"))
			continue;
		if (mh_store_kafka_offset_save(store, p->topic, p->partition, p->next_offset,
		                               p->messages, err))
			return -1;
	}
	return 0;
}

static int scan_batch(struct mh_kafka *k, struct mh_scan_report *r, struct mh_err *err)
{
	const char **paths = mh_calloc(k->b.nparts, sizeof(*paths));
	const char **names = mh_calloc(k->b.nparts, sizeof(*names));
	struct mh_scan_opts so;
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = mh_kbatch_write(&k->b, k->o.dir, err);
	if (!rc) {
		for (i = 0; i < k->b.nparts; i++) {
			paths[i] = k->b.parts[i].path;
			names[i] = k->b.parts[i].name;
		}
		memset(&so, 0, sizeof(so));
		so.inputs = paths;
		so.names = names;
		so.ninputs = k->b.nparts;
		so.fresh = 1;
		so.durable = 1;
		so.hook_arg = k;
		so.locate = hook_locate;
		so.on_reject = hook_reject;
		so.before_commit = hook_before_commit;
		rc = mh_ingester_scan(k->g, &so, r, err);
	}
	free(paths);
	free(names);
	return rc;
}

/* Commit the stored parts' offsets to Kafka and drop those parts. */
static void commit_stored(struct mh_kafka *k, const struct mh_scan_report *r)
{
	rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new((int)k->b.nparts);
	rd_kafka_resp_err_t kerr;
	size_t i = k->b.nparts;

	while (i-- > 0) {
		const struct mh_kpart *p = &k->b.parts[i];

		if (r->in[i].status && !strcmp(r->in[i].status, "failed"))
			continue;
		rd_kafka_topic_partition_list_add(list, p->topic, p->partition)->offset =
		    p->next_offset;
		mh_kstatus_stored(&k->st, p->topic, p->partition, p->next_offset, p->messages,
		                  p->len);
		mh_kbatch_remove(&k->b, i);
	}
	if (list->cnt) {
		kerr = rd_kafka_commit(k->rk, list, 0);
		mh_kstatus_committed(&k->st, kerr ? rd_kafka_err2str(kerr) : NULL);
	}
	rd_kafka_topic_partition_list_destroy(list);
}

/* Scan what is in hand. 0 when the batch is empty afterwards; -1 when some
 * of it is still waiting (the store failed), to be retried after a pause. */
static int flush(struct mh_kafka *k)
{
	struct mh_scan_report r;
	struct mh_err err;
	size_t i;

	if (!k->b.nparts)
		return 0;
	mh_err_clear(&err);
	scan_batch(k, &r, &err);
	if (r.committed) {
		mh_kstatus_scanned(&k->st, r.events, r.skipped, NULL);
		commit_stored(k, &r);
		for (i = 0; i < r.nin; i++)
			if (r.in[i].status && !strcmp(r.in[i].status, "failed"))
				mh_kstatus_error(&k->st, r.in[i].path, r.in[i].error);
	} else {
		mh_kstatus_scanned(&k->st, 0, 0, err.msg);
	}
	mh_scan_report_release(&r);
	if (!k->b.nparts)
		return 0;
	k->backoff_until = now_ms() + BACKOFF_MS;
	return -1;
}

/* --- group membership ---------------------------------------------------- */

/* Start each partition at the store's next offset when it has one. */
static int offsets_from_store(struct mh_kafka *k, rd_kafka_topic_partition_list_t *parts)
{
	struct mh_err err;
	int i, rc;

	for (i = 0; i < parts->cnt; i++) {
		rd_kafka_topic_partition_t *p = &parts->elems[i];
		int64_t next;

		mh_err_clear(&err);
		rc = mh_store_kafka_offset_get(k->store, p->topic, p->partition, &next, &err);
		if (rc < 0) {
			mh_kstatus_error(&k->st, "kafka assignment", err.msg);
			return -1;
		}
		p->offset = rc ? next : RD_KAFKA_OFFSET_INVALID;
		mh_kstatus_assigned(&k->st, p->topic, p->partition, rc ? next : -1);
	}
	return 0;
}

/* Before partitions leave: store what we hold. If that fails, what we hold
 * of them is dropped (never stored, never committed: their next owner reads
 * it again); what we hold of partitions we keep waits for the next try. */
static void revoke(struct mh_kafka *k, const rd_kafka_topic_partition_list_t *parts, int lost)
{
	size_t i;

	if (!lost && !flush(k))
		return;
	i = k->b.nparts;
	while (i-- > 0)
		if (lost || !cooperative(k->rk) ||
		    rd_kafka_topic_partition_list_find(parts, k->b.parts[i].topic,
		                                       k->b.parts[i].partition))
			mh_kbatch_remove(&k->b, i);
}

static void rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t why,
                         rd_kafka_topic_partition_list_t *parts, void *opaque)
{
	struct mh_kafka *k = opaque;
	rd_kafka_error_t *e = NULL;
	int coop = cooperative(rk), i;

	if (why == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
		if (offsets_from_store(k, parts))
			return; /* not consuming what we cannot place; the error says why */
		if (coop)
			e = rd_kafka_incremental_assign(rk, parts);
		else
			rd_kafka_assign(rk, parts);
	} else {
		revoke(k, parts, rd_kafka_assignment_lost(rk));
		for (i = 0; i < parts->cnt; i++)
			mh_kstatus_revoked(&k->st, parts->elems[i].topic,
			                   parts->elems[i].partition);
		if (coop)
			e = rd_kafka_incremental_unassign(rk, parts);
		else
			rd_kafka_assign(rk, NULL);
	}
	if (e) {
		mh_kstatus_error(&k->st, "kafka rebalance", rd_kafka_error_string(e));
		rd_kafka_error_destroy(e);
	}
}

static void error_cb(rd_kafka_t *rk, int code, const char *reason, void *opaque)
{
	struct mh_kafka *k = opaque;

	mh_kstatus_error(&k->st, "kafka", reason);
}

static void log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
	struct mh_kafka *k = rd_kafka_opaque(rk);

	if (!k->o.quiet)
		fprintf(stderr, "molehunt serve: kafka: %s: %s\n", fac, buf);
}

/* --- the thread ---------------------------------------------------------- */

static void on_message(struct mh_kafka *k, rd_kafka_message_t *m)
{
	char where[MH_KAFKA_TOPIC_MAX + 64];

	if (m->err) {
		if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
			return;
		snprintf(where, sizeof(where), "kafka:%s/%d",
		         m->rkt ? rd_kafka_topic_name(m->rkt) : "?", (int)m->partition);
		mh_kstatus_error(&k->st, where, rd_kafka_message_errstr(m));
		return;
	}
	mh_kbatch_add(&k->b, rd_kafka_topic_name(m->rkt), m->partition, m->offset,
	              m->payload ? (const char *)m->payload : "", m->payload ? m->len : 0,
	              now_ms());
}

static int stopping(struct mh_kafka *k)
{
	return __atomic_load_n(&k->stop, __ATOMIC_ACQUIRE);
}

static void *run(void *arg)
{
	struct mh_kafka *k = arg;

	while (!stopping(k)) {
		int64_t now = now_ms();
		int full = k->b.messages >= k->o.batch_max || k->b.bytes >= k->o.batch_bytes;
		rd_kafka_message_t *m = NULL;

		if (!full) {
			m = rd_kafka_consumer_poll(k->rk, POLL_MS);
			if (m) {
				on_message(k, m);
				rd_kafka_message_destroy(m);
			}
		} else if (now < k->backoff_until) {
			struct timespec ts = {0, POLL_MS * 1000000L};

			nanosleep(&ts, NULL);
			continue;
		}
		now = now_ms();
		if (k->b.nparts && now >= k->backoff_until &&
		    (full || !m || now - k->b.started_ms >= k->o.linger_ms))
			flush(k);
	}
	flush(k);
	rd_kafka_consumer_close(k->rk); /* the revoke stores what is left, if it can */
	return NULL;
}

/* --- start and stop ------------------------------------------------------ */

static int set(rd_kafka_conf_t *conf, const char *key, const char *val, const char *what,
               struct mh_err *err)
{
	char why[256];

	if (rd_kafka_conf_set(conf, key, val, why, sizeof(why)) != RD_KAFKA_CONF_OK)
		return mh_err_set(err, MH_EUSAGE, "%s %s=%s: %s", what, key, val, why);
	return 0;
}

static int user_settings(rd_kafka_conf_t *conf, const struct mh_kafka_opts *o, int *has_reset,
                         struct mh_err *err)
{
	char key[256];
	size_t i;

	for (i = 0; i < o->nsettings; i++) {
		const char *eq = strchr(o->settings[i], '=');

		if (!eq || eq == o->settings[i] || (size_t)(eq - o->settings[i]) >= sizeof(key))
			return mh_err_set(err, MH_EUSAGE,
			                  "--kafka-option wants KEY=VALUE, not '%s'",
			                  o->settings[i]);
		snprintf(key, sizeof(key), "%.*s", (int)(eq - o->settings[i]), o->settings[i]);
		if (set(conf, key, eq + 1, "--kafka-option", err))
			return -1;
		*has_reset |= !strcmp(key, "auto.offset.reset");
	}
	return 0;
}

static rd_kafka_conf_t *configure(struct mh_kafka *k, struct mh_err *err)
{
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	int has_reset = 0;

	/* The user's settings first: ours below are what the guarantees rest on. */
	if (user_settings(conf, &k->o, &has_reset, err) ||
	    set(conf, "bootstrap.servers", k->o.brokers, "--kafka", err) ||
	    set(conf, "group.id", k->o.group, "--kafka-group", err) ||
	    set(conf, "enable.auto.commit", "false", "", err) ||
	    set(conf, "enable.auto.offset.store", "false", "", err) ||
	    (!has_reset && set(conf, "auto.offset.reset", "earliest", "", err))) {
		rd_kafka_conf_destroy(conf);
		return NULL;
	}
	rd_kafka_conf_set_rebalance_cb(conf, rebalance_cb);
	rd_kafka_conf_set_error_cb(conf, error_cb);
	rd_kafka_conf_set_log_cb(conf, log_cb);
	rd_kafka_conf_set_opaque(conf, k);
	return conf;
}

static int check_topics(const struct mh_kafka_opts *o, struct mh_err *err)
{
	size_t i, j, n;

	if (!o->ntopics)
		return mh_err_set(err, MH_EUSAGE, "--kafka wants at least one --topic");
	if (o->ntopics > MAX_TOPICS)
		return mh_err_set(err, MH_EUSAGE, "at most %d --topic", MAX_TOPICS);
	for (i = 0; i < o->ntopics; i++) {
		const char *t = o->topics[i];

		n = strlen(t);
		if (!n || n > MH_KAFKA_TOPIC_MAX)
			return mh_err_set(err, MH_EUSAGE, "--topic '%s': 1 to %d characters", t,
			                  MH_KAFKA_TOPIC_MAX);
		for (j = 0; t[0] != '^' && j < n; j++) /* '^...' is a regular expression */
			if (!strchr(
			        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
			        t[j]))
				return mh_err_set(
				    err, MH_EUSAGE,
				    "--topic '%s': letters, digits, '.', '_' and '-' only", t);
	}
	return 0;
}

static void defaults(struct mh_kafka_opts *o)
{
	if (!o->group)
		o->group = "molehunt";
	if (!o->batch_max)
		o->batch_max = 10000;
	if (o->batch_max > MAX_BATCH_MAX)
		o->batch_max = MAX_BATCH_MAX;
	if (!o->batch_bytes)
		o->batch_bytes = 8u << 20;
	if (!o->linger_ms)
		o->linger_ms = 1000;
}

static int subscribe(struct mh_kafka *k, struct mh_err *err)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new((int)k->o.ntopics);
	rd_kafka_resp_err_t kerr;
	size_t i;

	for (i = 0; i < k->o.ntopics; i++)
		rd_kafka_topic_partition_list_add(l, k->o.topics[i], RD_KAFKA_PARTITION_UA);
	kerr = rd_kafka_subscribe(k->rk, l);
	rd_kafka_topic_partition_list_destroy(l);
	if (kerr)
		return mh_err_set(err, MH_EINPUT, "kafka: cannot subscribe: %s",
		                  rd_kafka_err2str(kerr));
	return 0;
}

struct mh_kafka *mh_kafka_start(const struct mh_kafka_opts *o, struct mh_ingester *g,
                                struct mh_err *err)
{
	struct mh_kafka *k = mh_calloc(1, sizeof(*k));
	rd_kafka_conf_t *conf;
	char why[512];

	k->o = *o;
	k->g = g;
	defaults(&k->o);
	mh_kbatch_init(&k->b, batch_reject, k);
	mh_kstatus_init(&k->st, k->o.brokers, k->o.group, k->o.topics, k->o.ntopics);
	if (!k->o.brokers || !*k->o.brokers) {
		mh_err_set(err, MH_EUSAGE, "--kafka wants bootstrap servers (HOST:PORT,...)");
		goto fail;
	}
	if (check_topics(&k->o, err))
		goto fail;
	k->store = mh_store_open(k->o.db, err);
	conf = k->store ? configure(k, err) : NULL;
	if (!conf)
		goto fail;
	k->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, why, sizeof(why));
	if (!k->rk) {
		rd_kafka_conf_destroy(conf);
		mh_err_set(err, MH_EUSAGE, "kafka: %s", why);
		goto fail;
	}
	rd_kafka_poll_set_consumer(k->rk);
	mh_kstatus_set_handle(&k->st, k->rk);
	if (subscribe(k, err))
		goto fail;
	if (pthread_create(&k->th, NULL, run, k)) {
		mh_err_set(err, MH_EINPUT, "cannot start the Kafka thread");
		goto fail;
	}
	k->running = 1;
	return k;
fail:
	mh_kafka_stop(k);
	return NULL;
}

void mh_kafka_stop(struct mh_kafka *k)
{
	if (!k)
		return;
	if (k->running) {
		__atomic_store_n(&k->stop, 1, __ATOMIC_RELEASE);
		pthread_join(k->th, NULL);
	}
	mh_kstatus_set_handle(&k->st, NULL);
	if (k->rk)
		rd_kafka_destroy(k->rk);
	mh_kbatch_release(&k->b);
	mh_store_close(k->store);
	mh_kstatus_release(&k->st);
	free(k);
}

cJSON *mh_kafka_status(struct mh_kafka *k)
{
	return mh_kstatus_json(&k->st);
}
