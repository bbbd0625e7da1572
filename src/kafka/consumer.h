#ifndef MH_KAFKA_CONSUMER_H
#define MH_KAFKA_CONSUMER_H
/*
 * serve's Kafka consumer: one thread, a member of a consumer group, that
 * reads log records from topics and feeds them to the same scan engine as
 * POSTed bodies and tailed files (through mh_ingester_scan, so one scan
 * writes the store at a time).
 *
 * Exactly once per store, at least once per Kafka:
 *   1. messages are gathered into a batch (kafka/batch.h) until it holds
 *      batch_max messages, or batch_bytes, or the first is linger_ms old, or
 *      no message came for a moment;
 *   2. one scan reads the batch; inside its transaction, after the state is
 *      written, the next offset of every partition in the batch is written
 *      to the store's kafka_offsets table; the commit is fsynced;
 *   3. only then are the same offsets committed to Kafka, synchronously.
 * When partitions are assigned (start, restart, rebalance), each starts at
 * the store's next offset when the store has one, else at the group's
 * committed offset, else at auto.offset.reset (default earliest). So a crash
 * before step 2's commit re-reads the batch, and a crash between 2 and 3
 * does not read it twice. Before partitions are revoked, the batch in hand
 * is scanned and committed, so the next owner starts after it (if that
 * fails, what we hold of them is dropped, neither stored nor committed, and
 * the next owner reads it). A batch whose scan fails otherwise is kept and
 * scanned again after a pause, with what arrived meanwhile; a part whose
 * input alone failed stays in it while the others are stored.
 *
 * Partitioned by person: producers must key each message by the person
 * (their e-mail address), so all of one person's events land on one
 * partition, in order, and on one consumer (docs/KAFKA.md).
 *
 * Ownership: the options' strings and arrays are borrowed and must outlive
 * the consumer; the ingester too. mh_kafka_status() returns a new object.
 */
#include <cjson/cJSON.h>
#include <stddef.h>

#include "util/err.h"

struct mh_ingester;

struct mh_kafka_opts {
	const char *brokers; /* bootstrap servers "host:port,..."; NULL = no Kafka */
	const char *const *topics;
	size_t ntopics;
	const char *group;           /* group.id; NULL = "molehunt" */
	const char *const *settings; /* "key=value" librdkafka properties */
	size_t nsettings;
	const char *db;     /* the store, to read offsets at assignment */
	const char *dir;    /* where batch files are written */
	unsigned batch_max; /* messages per batch; 0 = 10000 */
	size_t batch_bytes; /* 0 = 8 MiB */
	unsigned linger_ms; /* 0 = 1000 */
	int quiet;          /* no librdkafka log on stderr */
};

struct mh_kafka;

/* Check the options, join the group and start the thread. Usage errors
 * (a bad setting, no topic) have err->code MH_EUSAGE. */
struct mh_kafka *mh_kafka_start(const struct mh_kafka_opts *o, struct mh_ingester *g,
                                struct mh_err *err);
/* Scan and commit what is in hand, leave the group, stop the thread. */
void mh_kafka_stop(struct mh_kafka *k);

/* Brokers, group, assigned partitions with stored offsets and lag, message,
 * event and error counters, recent errors naming topic/partition@offset. */
cJSON *mh_kafka_status(struct mh_kafka *k);

#endif
