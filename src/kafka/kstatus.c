/* The Kafka consumer's status (kstatus.h). */
#include "kafka/kstatus.h"

#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void mh_kstatus_init(struct mh_kstatus *st, const char *brokers, const char *group,
                     const char *const *topics, size_t ntopics)
{
	memset(st, 0, sizeof(*st));
	pthread_mutex_init(&st->lock, NULL);
	st->brokers = brokers;
	st->group = group;
	st->topics = topics;
	st->ntopics = ntopics;
}

void mh_kstatus_release(struct mh_kstatus *st)
{
	free(st->parts);
	pthread_mutex_destroy(&st->lock);
}

void mh_kstatus_set_handle(struct mh_kstatus *st, void *rk)
{
	pthread_mutex_lock(&st->lock);
	st->rk = rk;
	pthread_mutex_unlock(&st->lock);
}

/* The entry of a partition, added when new. Call with the lock held. */
static struct mh_kpstat *part(struct mh_kstatus *st, const char *topic, int32_t partition)
{
	struct mh_kpstat *p;
	size_t i;

	for (i = 0; i < st->nparts; i++)
		if (st->parts[i].partition == partition && !strcmp(st->parts[i].topic, topic))
			return &st->parts[i];
	st->parts = mh_grow(st->parts, &st->cap, st->nparts + 1, sizeof(*st->parts));
	p = &st->parts[st->nparts++];
	memset(p, 0, sizeof(*p));
	snprintf(p->topic, sizeof(p->topic), "%s", topic);
	p->partition = partition;
	p->next = -1;
	return p;
}

void mh_kstatus_assigned(struct mh_kstatus *st, const char *topic, int32_t partition, int64_t next)
{
	struct mh_kpstat *p;

	pthread_mutex_lock(&st->lock);
	p = part(st, topic, partition);
	p->assigned = 1;
	p->next = next;
	pthread_mutex_unlock(&st->lock);
}

void mh_kstatus_revoked(struct mh_kstatus *st, const char *topic, int32_t partition)
{
	pthread_mutex_lock(&st->lock);
	part(st, topic, partition)->assigned = 0;
	pthread_mutex_unlock(&st->lock);
}

void mh_kstatus_stored(struct mh_kstatus *st, const char *topic, int32_t partition, int64_t next,
                       uint64_t messages, uint64_t bytes)
{
	struct mh_kpstat *p;

	pthread_mutex_lock(&st->lock);
	p = part(st, topic, partition);
	p->next = next;
	p->messages += messages;
	p->bytes += bytes;
	st->messages += messages;
	st->bytes += bytes;
	pthread_mutex_unlock(&st->lock);
}

static void add_recent(struct mh_kstatus *st, const char *where, const char *what)
{
	struct mh_kerror *e = &st->recent[st->nrecent++ % MH_KSTATUS_RECENT];

	e->at_ms = now_ms();
	snprintf(e->where, sizeof(e->where), "%s", where);
	snprintf(e->what, sizeof(e->what), "%s", what);
}

void mh_kstatus_scanned(struct mh_kstatus *st, uint64_t events, uint64_t skipped, const char *error)
{
	pthread_mutex_lock(&st->lock);
	if (error) {
		st->scans_failed++;
		add_recent(st, "kafka batch scan", error);
	} else {
		st->batches++;
		st->events += events;
		st->skipped += skipped;
		st->last_batch_ms = now_ms();
	}
	pthread_mutex_unlock(&st->lock);
}

void mh_kstatus_committed(struct mh_kstatus *st, const char *error)
{
	pthread_mutex_lock(&st->lock);
	if (error) {
		st->commits_failed++;
		add_recent(st, "kafka commit", error);
	} else {
		st->commits++;
		st->last_commit_ms = now_ms();
	}
	pthread_mutex_unlock(&st->lock);
}

void mh_kstatus_reject(struct mh_kstatus *st, const char *where, const char *why)
{
	pthread_mutex_lock(&st->lock);
	st->rejected++;
	add_recent(st, where, why);
	pthread_mutex_unlock(&st->lock);
}

void mh_kstatus_error(struct mh_kstatus *st, const char *where, const char *what)
{
	pthread_mutex_lock(&st->lock);
	st->errors++;
	add_recent(st, where, what);
	pthread_mutex_unlock(&st->lock);
}

static void num_or_null(cJSON *o, const char *key, int ok, double v)
{
	if (ok)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *part_json(const struct mh_kstatus *st, const struct mh_kpstat *p)
{
	cJSON *o = cJSON_CreateObject();
	int64_t lo = -1, hi = -1;
	int known = 0;

	if (st->rk && p->assigned)
		known = !rd_kafka_get_watermark_offsets(st->rk, p->topic, p->partition, &lo, &hi) &&
		        hi >= 0;
	cJSON_AddStringToObject(o, "topic", p->topic);
	cJSON_AddNumberToObject(o, "partition", p->partition);
	cJSON_AddBoolToObject(o, "assigned", p->assigned);
	num_or_null(o, "next_offset", p->next >= 0, (double)p->next);
	num_or_null(o, "end_offset", known, (double)hi);
	num_or_null(o, "lag", known && p->next >= 0, (double)(hi > p->next ? hi - p->next : 0));
	cJSON_AddNumberToObject(o, "messages", (double)p->messages);
	cJSON_AddNumberToObject(o, "bytes", (double)p->bytes);
	return o;
}

static void add_counters(cJSON *o, const struct mh_kstatus *st)
{
	cJSON_AddNumberToObject(o, "messages", (double)st->messages);
	cJSON_AddNumberToObject(o, "bytes", (double)st->bytes);
	cJSON_AddNumberToObject(o, "batches", (double)st->batches);
	cJSON_AddNumberToObject(o, "events", (double)st->events);
	cJSON_AddNumberToObject(o, "skipped", (double)st->skipped);
	cJSON_AddNumberToObject(o, "rejected", (double)st->rejected);
	cJSON_AddNumberToObject(o, "errors", (double)st->errors);
	cJSON_AddNumberToObject(o, "scans_failed", (double)st->scans_failed);
	cJSON_AddNumberToObject(o, "commits", (double)st->commits);
	cJSON_AddNumberToObject(o, "commits_failed", (double)st->commits_failed);
	num_or_null(o, "last_batch_ms", st->last_batch_ms, (double)st->last_batch_ms);
	num_or_null(o, "last_commit_ms", st->last_commit_ms, (double)st->last_commit_ms);
}

cJSON *mh_kstatus_json(struct mh_kstatus *st)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	uint64_t i, from;
	size_t k;

	pthread_mutex_lock(&st->lock);
	cJSON_AddStringToObject(o, "brokers", st->brokers ? st->brokers : "");
	cJSON_AddStringToObject(o, "group", st->group ? st->group : "");
	arr = cJSON_AddArrayToObject(o, "topics");
	for (k = 0; k < st->ntopics; k++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(st->topics[k]));
	add_counters(o, st);
	arr = cJSON_AddArrayToObject(o, "partitions");
	for (k = 0; k < st->nparts; k++)
		cJSON_AddItemToArray(arr, part_json(st, &st->parts[k]));
	arr = cJSON_AddArrayToObject(o, "recent_errors"); /* newest first */
	from = st->nrecent > MH_KSTATUS_RECENT ? st->nrecent - MH_KSTATUS_RECENT : 0;
	for (i = st->nrecent; i-- > from;) {
		const struct mh_kerror *e = &st->recent[i % MH_KSTATUS_RECENT];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddNumberToObject(x, "at_ms", (double)e->at_ms);
		cJSON_AddStringToObject(x, "where", e->where);
		cJSON_AddStringToObject(x, "error", e->what);
		cJSON_AddItemToArray(arr, x);
	}
	pthread_mutex_unlock(&st->lock);
	return o;
}
