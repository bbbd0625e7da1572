#ifndef MH_KAFKA_BATCH_H
#define MH_KAFKA_BATCH_H
/*
 * A batch of Kafka messages on its way to the scan engine: one part per topic
 * partition, each the JSON records of its messages one per line, in offset
 * order, with the first line of every message so a rejected line can be
 * named by its message ("kafka:TOPIC/PARTITION@OFFSET", plus ":LINE" inside
 * a message of several lines).
 *
 * A message value is one or more JSON records: one JSON object per line
 * (JSON Lines), a JSON array of them, or pretty-printed JSON. A single-line
 * value is kept as it is; any other is split into its top-level values, each
 * written on one line (newlines outside strings are blanks in JSON, and raw
 * newlines inside strings are invalid anyway). What cannot be split is
 * reported through the batch's reject callback with the message's place and
 * the rest of that message is dropped; every other message is unaffected.
 *
 * Ownership: the batch owns its parts, their text and their files; topics are
 * copied. mh_kbatch_clear() deletes the files and empties the batch.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_KAFKA_MAX_MESSAGE (16u << 20) /* largest message value: a record's limit */
#define MH_KAFKA_TOPIC_MAX   249         /* Kafka's own limit on topic names */

struct mh_kmsg_at {
	uint64_t line; /* first line of the message in its part, 1-based */
	int64_t offset;
};

struct mh_kpart {
	char topic[MH_KAFKA_TOPIC_MAX + 1];
	int32_t partition;
	char name[MH_KAFKA_TOPIC_MAX + 32]; /* "kafka:TOPIC/PARTITION": the source name */
	char *path;                         /* the batch file, once written */
	char *text;                         /* the lines */
	size_t len, cap;
	uint64_t lines;
	struct mh_kmsg_at *at;
	size_t nat, capat;
	int64_t first_offset, next_offset; /* messages [first, next) */
	uint64_t messages;
};

typedef void (*mh_kreject_fn)(void *arg, const char *where, const char *why);

struct mh_kbatch {
	struct mh_kpart *parts;
	size_t nparts, capparts;
	size_t bytes;
	uint64_t messages;
	int64_t started_ms; /* when the first message arrived */
	uint64_t seq;       /* numbers the files */
	mh_kreject_fn reject;
	void *reject_arg;
};

void mh_kbatch_init(struct mh_kbatch *b, mh_kreject_fn reject, void *arg);
void mh_kbatch_release(struct mh_kbatch *b);

/* Add one message. An empty value (a tombstone) counts as a message with no
 * records; one over MH_KAFKA_MAX_MESSAGE is rejected. Offsets of a partition
 * must arrive in increasing order. */
void mh_kbatch_add(struct mh_kbatch *b, const char *topic, int32_t partition, int64_t offset,
                   const char *value, size_t len, int64_t now_ms);

/* Write every part to its own file in dir (named .tmp-kafka-..., which serve's
 * spool recovery deletes after a crash), replacing an earlier write's. */
int mh_kbatch_write(struct mh_kbatch *b, const char *dir, struct mh_err *err);

/* The place of line (1-based, as written) of part i. */
void mh_kbatch_locate(const struct mh_kbatch *b, size_t i, uint64_t line, char *buf, size_t cap);

/* Forget part i (its file too): it was stored, or is no longer ours. */
void mh_kbatch_remove(struct mh_kbatch *b, size_t i);

/* Delete the files and forget the messages; the batch stays usable. */
void mh_kbatch_clear(struct mh_kbatch *b);

#endif
