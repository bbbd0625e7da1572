/*
 * serve's Kafka consumer end to end on librdkafka's mock cluster (in this
 * process, real TCP): N Okta sign-ins of P people keyed by person over four
 * partitions, consumed into a fresh store with the default batch and with
 * batches of 1,000 (each batch is one scan that loads and saves every
 * person). Prints records per second for each and checks the store holds N
 * events.
 *
 * usage: kafka_bench N PEOPLE DIR   (N up to ~50,000: a mock partition keeps
 * about 5 MiB)
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "http/ingest.h"
#include "kafka/consumer.h"

static rd_kafka_t *mk(rd_kafka_type_t type, const char *servers)
{
	rd_kafka_conf_t *c = rd_kafka_conf_new();
	char why[256];
	rd_kafka_t *rk;

	rd_kafka_conf_set(c, "log_level", "0", why, sizeof(why));
	if (servers)
		rd_kafka_conf_set(c, "bootstrap.servers", servers, why, sizeof(why));
	rk = rd_kafka_new(type, c, why, sizeof(why));
	if (!rk) {
		fprintf(stderr, "kafka_bench: %s\n", why);
		exit(3);
	}
	return rk;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void produce(rd_kafka_t *p, const char *topic, int n, int people)
{
	char v[768], key[64];
	int i, who;

	for (i = 0; i < n; i++) {
		who = (int)(((long)i * 7919) % people);
		snprintf(key, sizeof(key), "p%d@corp.example", who);
		snprintf(
		    v, sizeof(v),
		    "{\"uuid\": \"u-%d\", \"published\": \"2026-01-%02dT%02d:%02d:00.000Z\", "
		    "\"eventType\": \"user.session.start\", \"actor\": {\"id\": \"00u%d\", "
		    "\"type\": \"User\", \"alternateId\": \"%s\"}, \"client\": "
		    "{\"ipAddress\": \"198.51.100.%d\"}, \"outcome\": {\"result\": \"SUCCESS\"}}",
		    i, 5 + i / 3000 % 20, 8 + i / 60 % 10, i % 60, who, key, who % 250);
		while (rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic),
		                         RD_KAFKA_V_KEY(key, strlen(key)),
		                         RD_KAFKA_V_VALUE(v, strlen(v)),
		                         RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END))
			rd_kafka_poll(p, 10);
	}
	rd_kafka_flush(p, 30000);
}

static double stored(struct mh_kafka *k)
{
	cJSON *o = mh_kafka_status(k);
	double v = cJSON_GetNumberValue(cJSON_GetObjectItem(o, "messages"));

	cJSON_Delete(o);
	return v;
}

static long long events(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	sqlite3_open(db, &h);
	if (sqlite3_prepare_v2(h, "SELECT SUM(events) FROM persons", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Consume the topic into DIR/kafka-bench-BATCH.db; returns 0 when all N
 * records are in. */
static int run(const char *servers, const char *dir, const char *topic, int n, unsigned batch)
{
	static const char *topics[1];
	char db[512], group[64], cmd[1100];
	struct mh_serve_opts so;
	struct mh_kafka_opts ko;
	struct mh_ingester *g;
	struct mh_kafka *k;
	struct mh_err err;
	double t0, t1 = 0;

	snprintf(db, sizeof(db), "%s/kafka-bench-%u.db", dir, batch);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s-wal' '%s-shm' '%s.spool'", db, db, db, db);
	if (system(cmd))
		return -1;
	snprintf(group, sizeof(group), "bench-%u", batch);
	topics[0] = topic;
	mh_serve_opts_init(&so);
	so.db = db;
	so.quiet = 1;
	mh_err_clear(&err);
	g = mh_ingester_start(&so, &err);
	memset(&ko, 0, sizeof(ko));
	ko.brokers = servers;
	ko.topics = topics;
	ko.ntopics = 1;
	ko.group = group;
	ko.db = db;
	ko.dir = g ? mh_ingester_spool(g) : NULL;
	ko.batch_max = batch;
	ko.quiet = 1;
	k = g ? mh_kafka_start(&ko, g, &err) : NULL;
	if (!k) {
		fprintf(stderr, "kafka_bench: %s\n", err.msg);
		return -1;
	}
	t0 = now();
	while (stored(k) < 1 && now() - t0 < 60)
		usleep(1000);
	t0 = now(); /* from the first stored batch: group joining is not the consumer's speed */
	while (stored(k) < n && (t1 = now()) - t0 < 600)
		usleep(2000);
	mh_kafka_stop(k);
	mh_ingester_stop(g);
	printf("  batch %-6u %8.0f records/s (%d in %.2f s after the first batch), %lld events "
	       "stored\n",
	       batch, n / (t1 - t0), n, t1 - t0, events(db));
	return events(db) == n ? 0 : -1;
}

/* A positive count up to ten million, or -1. */
static int count(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s && !*end && v > 0 && v <= 10000000 ? (int)v : -1;
}

int main(int argc, char **argv)
{
	rd_kafka_t *owner, *p;
	rd_kafka_mock_cluster_t *mc;
	const char *servers;
	int n, people, rc;

	if (argc != 4 || (n = count(argv[1])) < 1 || (people = count(argv[2])) < 1) {
		fprintf(stderr, "usage: kafka_bench N PEOPLE DIR\n");
		return 2;
	}
	owner = mk(RD_KAFKA_PRODUCER, NULL);
	mc = rd_kafka_mock_cluster_new(owner, 1);
	servers = rd_kafka_mock_cluster_bootstraps(mc);
	rd_kafka_mock_topic_create(mc, "bench", 4, 1);
	p = mk(RD_KAFKA_PRODUCER, servers);
	produce(p, "bench", n, people);
	printf("  %d records of %d people, 4 partitions\n", n, people);
	rc = run(servers, argv[3], "bench", n, 10000) | run(servers, argv[3], "bench", n, 1000);
	rd_kafka_destroy(p);
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(owner);
	return rc ? 3 : 0;
}
