/*
 * serve's Kafka consumer against librdkafka's mock cluster (an in-process
 * cluster with real TCP listeners): records keyed by person across
 * partitions end up in the store exactly once; a restart that Kafka's
 * committed offsets know nothing about (as after a crash between the store's
 * commit and Kafka's) reads nothing twice; a store that refuses writes for a
 * while loses nothing; malformed messages are counted and named by
 * topic/partition@offset; two consumers of one group share the partitions;
 * and real `molehunt serve` processes (the binary next to tests/) killed
 * with SIGKILL half-way neither lose nor double-count an event.
 */
#include "mh_test.h"

#include <cjson/cJSON.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "http/ingest.h"
#include "kafka/consumer.h"

static char dir[] = "/tmp/mh-test-kafka-XXXXXX";
static rd_kafka_t *owner; /* holds the mock cluster */
static rd_kafka_mock_cluster_t *mc;
static rd_kafka_t *producer;
static const char *bootstraps;

/* One serve's ingest side: a store, an ingester and a consumer. */
struct node {
	char db[256], spool[256];
	const char *topics[2];
	struct mh_ingester *g;
	struct mh_kafka *k;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static int setup(void **state)
{
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	char why[256];

	assert_non_null(mkdtemp(dir));
	rd_kafka_conf_set(conf, "log_level", "0", why, sizeof(why));
	owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof(why));
	assert_non_null(owner);
	mc = rd_kafka_mock_cluster_new(owner, 3);
	assert_non_null(mc);
	bootstraps = rd_kafka_mock_cluster_bootstraps(mc);
	conf = rd_kafka_conf_new();
	rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps, why, sizeof(why));
	rd_kafka_conf_set(conf, "log_level", "0", why, sizeof(why));
	producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof(why));
	assert_non_null(producer);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	rd_kafka_destroy(producer);
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(owner);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void produce(const char *topic, int32_t partition, const char *key, const char *value)
{
	rd_kafka_resp_err_t e;

	e = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
	                      RD_KAFKA_V_KEY(key, key ? strlen(key) : 0),
	                      RD_KAFKA_V_VALUE((void *)value, strlen(value)),
	                      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
	assert_int_equal(e, RD_KAFKA_RESP_ERR_NO_ERROR);
}

static void flush_producer(void)
{
	assert_int_equal(rd_kafka_flush(producer, 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

/* One Okta sign-in of person p (of 8) at minute i: one event. */
static void okta(char *buf, size_t cap, int p, int i)
{
	snprintf(buf, cap,
	         "{\"uuid\": \"u-%d-%d\", \"published\": \"2026-01-%02dT%02d:%02d:00.000Z\", "
	         "\"eventType\": \"user.session.start\", \"actor\": {\"id\": \"00u%d\", "
	         "\"type\": \"User\", \"alternateId\": \"p%d@corp.example\", \"displayName\": "
	         "\"p%d\"}, \"client\": {\"ipAddress\": \"203.0.113.%d\"}, "
	         "\"outcome\": {\"result\": \"SUCCESS\"}}",
	         p, i, 5 + i / 600 % 20, 8 + i / 60 % 10, i % 60, p, p, p, 10 + p);
}

/* n sign-ins, keyed by person, to topic (the default partitioner spreads
 * the keys); records first..first+n-1 of the sequence. */
static void produce_people(const char *topic, int first, int n)
{
	char value[1024], key[64];
	int i;

	for (i = first; i < first + n; i++) {
		snprintf(key, sizeof(key), "p%d@corp.example", i % 8);
		okta(value, sizeof(value), i % 8, i);
		produce(topic, RD_KAFKA_PARTITION_UA, key, value);
	}
	flush_producer();
}

/* The mock coordinator forgets a member that left only when its session
 * times out: keep that short, so a restart in the same group is quick. */
static const char *settings[] = {"session.timeout.ms=6000", "heartbeat.interval.ms=500",
                                 "debug=cgrp"};

static void node_start(struct node *nd, const char *name, const char *topic, const char *group,
                       unsigned batch)
{
	struct mh_serve_opts so;
	struct mh_kafka_opts ko;
	struct mh_err err;

	snprintf(nd->db, sizeof(nd->db), "%s/%s.db", dir, name);
	snprintf(nd->spool, sizeof(nd->spool), "%s/%s.spool", dir, name);
	nd->topics[0] = topic;
	mh_serve_opts_init(&so);
	so.db = nd->db;
	so.spool = nd->spool;
	so.quiet = 1;
	mh_err_clear(&err);
	nd->g = mh_ingester_start(&so, &err);
	assert_non_null(nd->g);
	memset(&ko, 0, sizeof(ko));
	ko.brokers = bootstraps;
	ko.topics = nd->topics;
	ko.ntopics = 1;
	ko.group = group;
	ko.db = nd->db;
	ko.dir = mh_ingester_spool(nd->g);
	ko.batch_max = batch;
	ko.linger_ms = 200;
	ko.quiet = !getenv("MH_TEST_KAFKA_LOG");
	ko.settings = settings;
	ko.nsettings = getenv("MH_TEST_KAFKA_LOG") ? 3 : 2;
	nd->k = mh_kafka_start(&ko, nd->g, &err);
	if (!nd->k)
		fail_msg("%s", err.msg);
}

static void node_stop(struct node *nd)
{
	mh_kafka_stop(nd->k);
	mh_ingester_stop(nd->g);
	nd->k = NULL;
	nd->g = NULL;
}

static double status_num(struct node *nd, const char *key)
{
	cJSON *o = mh_kafka_status(nd->k);
	double v = cJSON_GetNumberValue(cJSON_GetObjectItem(o, key));

	cJSON_Delete(o);
	return v;
}

static int assigned(struct node *nd)
{
	cJSON *o = mh_kafka_status(nd->k), *p;
	int n = 0;

	cJSON_ArrayForEach(p, cJSON_GetObjectItem(o, "partitions")) n +=
	    cJSON_IsTrue(cJSON_GetObjectItem(p, "assigned"));
	cJSON_Delete(o);
	return n;
}

/* Wait until the nodes stored want messages together. */
static void wait_messages(struct node *a, struct node *b, double want)
{
	int64_t until = now_ms() + 60000;
	double got = 0;

	while (now_ms() < until) {
		got = status_num(a, "messages") + (b ? status_num(b, "messages") : 0);
		if (got >= want)
			break;
		nap(50);
	}
	assert_true(got == want);
}

static int64_t query(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t events(const char *db)
{
	return query(db, "SELECT COALESCE(SUM(events), 0) FROM persons");
}

/* N records over 4 partitions, several batches: exactly N events, every
 * partition's stored next offset at its end, and each person in one
 * partition's source only. */
static void test_exactly_n(void **state)
{
	struct node nd;
	int64_t high = 0, lo, hi;
	int p;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "exact", 4, 1), 0);
	produce_people("exact", 0, 400);
	node_start(&nd, "exact", "exact", "g-exact", 37);
	wait_messages(&nd, NULL, 400);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 400);
	assert_int_equal(query(nd.db, "SELECT SUM(messages) FROM kafka_offsets"), 400);
	assert_true(query(nd.db, "SELECT COUNT(*) FROM kafka_offsets") >= 2);
	for (p = 0; p < 4; p++) {
		assert_int_equal(
		    rd_kafka_query_watermark_offsets(producer, "exact", p, &lo, &hi, 5000), 0);
		high += hi;
	}
	assert_int_equal(query(nd.db, "SELECT SUM(next_offset) FROM kafka_offsets"), high);
	assert_int_equal(query(nd.db, "SELECT SUM(events) FROM sources WHERE path LIKE "
	                              "'kafka:exact/%'"),
	                 400);
}

/* The store knows more than Kafka: a new group has no committed offsets
 * (auto.offset.reset=earliest would re-read the topic), as after a crash
 * between the store's commit and Kafka's. Nothing is read twice. */
static void test_restart_without_kafka_commit(void **state)
{
	struct node nd;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "restart", 3, 1), 0);
	produce_people("restart", 0, 150);
	node_start(&nd, "restart", "restart", "g-restart-1", 20);
	wait_messages(&nd, NULL, 150);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 150);
	produce_people("restart", 150, 90);
	node_start(&nd, "restart", "restart", "g-restart-2", 20);
	wait_messages(&nd, NULL, 90);
	nap(300); /* anything read twice would show up by now */
	assert_true(status_num(&nd, "messages") == 90);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 240);
	assert_int_equal(query(nd.db, "SELECT SUM(messages) FROM kafka_offsets"), 240);
}

/* Stopped half-way in one group and started again: the rest, once. */
static void test_stop_half_way(void **state)
{
	struct node nd;
	double first;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "half", 2, 1), 0);
	produce_people("half", 0, 300);
	node_start(&nd, "half", "half", "g-half", 10);
	while (status_num(&nd, "messages") < 50)
		nap(5);
	node_stop(&nd);
	first = (double)query(nd.db, "SELECT SUM(messages) FROM kafka_offsets");
	assert_true(first >= 50 && first < 300);
	node_start(&nd, "half", "half", "g-half", 10);
	wait_messages(&nd, NULL, 300 - first);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 300);
}

/* A writer holds the store for longer than the busy timeout: the batch's
 * scan fails, nothing is committed, the batch is scanned again later. */
static void test_store_busy(void **state)
{
	struct node nd;
	sqlite3 *h;
	int64_t t0;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "busy", 1, 1), 0);
	node_start(&nd, "busy", "busy", "g-busy", 1000);
	produce_people("busy", 0, 30);
	wait_messages(&nd, NULL, 30);
	assert_int_equal(sqlite3_open(nd.db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	produce_people("busy", 30, 40);
	t0 = now_ms();
	while (status_num(&nd, "scans_failed") < 1 && now_ms() - t0 < 20000)
		nap(50);
	assert_true(status_num(&nd, "scans_failed") >= 1);
	assert_true(status_num(&nd, "messages") == 30);
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	wait_messages(&nd, NULL, 70);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 70);
}

static int has_error(cJSON *st, const char *where, const char *what)
{
	cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItem(st, "recent_errors"))
	{
		const char *w = cJSON_GetStringValue(cJSON_GetObjectItem(e, "where"));
		const char *x = cJSON_GetStringValue(cJSON_GetObjectItem(e, "error"));

		if (w && !strcmp(w, where) && x && (!what || strstr(x, what)))
			return 1;
	}
	return 0;
}

/* Bad messages between good ones on one partition (offsets 0..7). */
static void test_malformed(void **state)
{
	char a[1024], b[1024], two[2200], pretty[1200], mixed[1200];
	struct node nd;
	cJSON *st;
	size_t i, j;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "bad", 1, 1), 0);
	okta(a, sizeof(a), 1, 1);
	okta(b, sizeof(b), 2, 2);
	snprintf(two, sizeof(two), "[%s,\n %s]", a, b);
	for (i = j = 0; a[i] && j + 2 < sizeof(pretty); i++) { /* break lines after commas */
		pretty[j++] = a[i];
		if (a[i] == ',')
			pretty[j++] = '\n';
	}
	pretty[j] = '\0';
	snprintf(mixed, sizeof(mixed), "%s\nthis is not JSON", b);
	produce("bad", 0, "p1", a);                     /* 0: good, 1 event */
	produce("bad", 0, "p1", "this is not JSON");    /* 1: rejected */
	produce("bad", 0, "p1", "{\"truncated\": ");    /* 2: rejected */
	produce("bad", 0, "p1", two);                   /* 3: array, 2 events */
	produce("bad", 0, "p1", "");                    /* 4: empty, nothing */
	produce("bad", 0, "p1", pretty);                /* 5: pretty-printed, 1 event */
	produce("bad", 0, "p1", mixed);                 /* 6: 1 event, line 2 rejected */
	produce("bad", 0, "p1", "{\"unknown\": true}"); /* 7: no decoder: rejected */
	flush_producer();
	node_start(&nd, "bad", "bad", "g-bad", 100);
	wait_messages(&nd, NULL, 8);
	st = mh_kafka_status(nd.k);
	assert_true(cJSON_GetNumberValue(cJSON_GetObjectItem(st, "rejected")) == 4);
	assert_true(cJSON_GetNumberValue(cJSON_GetObjectItem(st, "events")) == 5);
	assert_true(has_error(st, "kafka:bad/0@1", NULL));
	assert_true(has_error(st, "kafka:bad/0@2", NULL));
	assert_true(has_error(st, "kafka:bad/0@6:2", NULL));
	assert_true(has_error(st, "kafka:bad/0@7", "no decoder"));
	assert_false(has_error(st, "kafka:bad/0@0", NULL));
	assert_false(has_error(st, "kafka:bad/0@3", NULL));
	assert_false(has_error(st, "kafka:bad/0@5", NULL));
	cJSON_Delete(st);
	produce_people("bad", 100, 5); /* the consumer goes on */
	wait_messages(&nd, NULL, 13);
	assert_true(status_num(&nd, "commits") >= 1);
	node_stop(&nd);
	assert_int_equal(events(nd.db), 10);
	assert_int_equal(query(nd.db, "SELECT next_offset FROM kafka_offsets WHERE topic = 'bad'"),
	                 13);
}

/* Two consumers of one group, each with its own store: the partitions are
 * shared, and the two stores together hold every event once. */
static void test_two_consumers(void **state)
{
	struct node a, b;
	int64_t t0;

	assert_int_equal(rd_kafka_mock_topic_create(mc, "shared", 4, 1), 0);
	node_start(&a, "shared-a", "shared", "g-shared", 25);
	node_start(&b, "shared-b", "shared", "g-shared", 25);
	t0 = now_ms();
	while ((assigned(&a) + assigned(&b) != 4 || !assigned(&a) || !assigned(&b)) &&
	       now_ms() - t0 < 60000)
		nap(50);
	assert_int_equal(assigned(&a) + assigned(&b), 4);
	assert_true(assigned(&a) > 0 && assigned(&b) > 0);
	produce_people("shared", 0, 320);
	wait_messages(&a, &b, 320);
	assert_true(status_num(&a, "messages") > 0 && status_num(&b, "messages") > 0);
	node_stop(&a);
	node_stop(&b);
	assert_int_equal(events(a.db) + events(b.db), 320);
	/* keyed by person: nobody's events are split between the stores */
	assert_int_equal(query(a.db, "SELECT COUNT(*) FROM persons") +
	                     query(b.db, "SELECT COUNT(*) FROM persons"),
	                 8);
}

static void test_usage_errors(void **state)
{
	struct node nd;
	struct mh_serve_opts so;
	struct mh_kafka_opts ko;
	struct mh_err err;
	const char *bad_topic[] = {"no spaces"};
	const char *bad_opt[] = {"no.such.setting=1"};

	snprintf(nd.db, sizeof(nd.db), "%s/usage.db", dir);
	mh_serve_opts_init(&so);
	so.db = nd.db;
	so.quiet = 1;
	nd.g = mh_ingester_start(&so, &err);
	assert_non_null(nd.g);
	memset(&ko, 0, sizeof(ko));
	ko.brokers = bootstraps;
	ko.db = nd.db;
	ko.dir = mh_ingester_spool(nd.g);
	ko.topics = bad_topic;
	ko.ntopics = 1;
	assert_null(mh_kafka_start(&ko, nd.g, &err));
	assert_int_equal(err.code, MH_EUSAGE);
	ko.ntopics = 0;
	assert_null(mh_kafka_start(&ko, nd.g, &err));
	assert_int_equal(err.code, MH_EUSAGE);
	nd.topics[0] = "fine";
	ko.topics = nd.topics;
	ko.ntopics = 1;
	ko.settings = bad_opt;
	ko.nsettings = 1;
	assert_null(mh_kafka_start(&ko, nd.g, &err));
	assert_int_equal(err.code, MH_EUSAGE);
	assert_non_null(strstr(err.msg, "no.such.setting"));
	mh_ingester_stop(nd.g);
}

/* --- real serve processes killed with SIGKILL ------------------------------ */

static const char *molehunt; /* the binary next to tests/ */

static int64_t stored(const char *db)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t v = 0;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return 0;
	}
	sqlite3_busy_timeout(h, 1000);
	if (sqlite3_prepare_v2(h, "SELECT COALESCE(SUM(messages), 0) FROM kafka_offsets", -1, &st,
	                       NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

static pid_t serve(const char *db, const char *tokens)
{
	char *argv[] = {(char *)molehunt,
	                "serve",
	                "--db",
	                (char *)db,
	                "--token-file",
	                (char *)tokens,
	                "--listen",
	                "127.0.0.1:0",
	                "-q",
	                "--kafka",
	                (char *)bootstraps,
	                "--topic",
	                "crash",
	                "--kafka-group",
	                "g-crash",
	                "--kafka-batch",
	                "40",
	                "--kafka-option",
	                "session.timeout.ms=6000",
	                "--kafka-option",
	                "heartbeat.interval.ms=500",
	                NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;

	if (getenv("MH_TEST_KAFKA_LOG"))
		argv[8] = "--kafka-option=debug=cgrp";

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (!getenv("MH_TEST_KAFKA_LOG"))
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	assert_int_equal(posix_spawn(&pid, molehunt, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Wait until the store holds more than from messages (or want); 0 on time out. */
static int64_t wait_stored(const char *db, int64_t from, int64_t want)
{
	int64_t until = now_ms() + 60000, n = 0;

	while (now_ms() < until) {
		n = stored(db);
		if (n > from || n >= want)
			return n;
		nap(10);
	}
	return n;
}

/* Serve is killed twice while it consumes 2400 records in batches of
 * 40, each time just after the store took a batch (so often between the
 * store's commit and Kafka's), then runs to the end: every event once. */
static void test_sigkill(void **state)
{
	char db[300], tokens[300];
	int64_t n = 0, before;
	pid_t pid;
	int i, status;
	FILE *f;

	snprintf(db, sizeof(db), "%s/crash.db", dir);
	snprintf(tokens, sizeof(tokens), "%s/tokens", dir);
	f = fopen(tokens, "w");
	assert_non_null(f);
	fputs("analyst analyst-token-0123456789 test\n", f);
	fclose(f);
	chmod(tokens, 0600);
	assert_int_equal(rd_kafka_mock_topic_create(mc, "crash", 3, 1), 0);
	produce_people("crash", 0, 2400);
	for (i = 0; i < 2; i++) {
		before = n;
		pid = serve(db, tokens);
		n = wait_stored(db, n + 80 * (i + 1), 2400);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		assert_true(WIFSIGNALED(status));
		n = stored(db);
		assert_true(n > before);
		assert_true(n < 2400); /* killed half-way, not after the end */
	}
	pid = serve(db, tokens);
	assert_int_equal(wait_stored(db, 2399, 2400), 2400);
	nap(500); /* a double count would need this long to show */
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(stored(db), 2400);
	assert_int_equal(events(db), 2400);
}

int main(int argc, char **argv)
{
	static char bin[1024];
	const char *slash = strrchr(argv[0], '/');

	/* build/VARIANT/tests/test_kafka -> build/VARIANT/molehunt */
	snprintf(bin, sizeof(bin), "%.*s/../molehunt", slash ? (int)(slash - argv[0]) : 1,
	         slash ? argv[0] : ".");
	molehunt = bin;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_usage_errors),
	    cmocka_unit_test(test_exactly_n),
	    cmocka_unit_test(test_restart_without_kafka_commit),
	    cmocka_unit_test(test_stop_half_way),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_store_busy),
	    cmocka_unit_test(test_two_consumers),
	    cmocka_unit_test(test_sigkill),
	};

	if (getenv("MH_TEST_FILTER"))
		cmocka_set_test_filter(getenv("MH_TEST_FILTER"));
	return cmocka_run_group_tests(tests, setup, teardown);
}
