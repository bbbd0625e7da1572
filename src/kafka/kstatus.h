#ifndef MH_KAFKA_KSTATUS_H
#define MH_KAFKA_KSTATUS_H
/*
 * What the Kafka consumer reports in GET /api/health (docs/API.md): its
 * partitions (assigned or not any more) with the next offset the store holds
 * and the lag behind the partition's end, counters, and the last errors,
 * each naming its place ("kafka:TOPIC/PARTITION@OFFSET" for a record).
 * The consumer thread writes, HTTP threads read: every call takes the lock.
 *
 * Ownership: brokers, group and topics are borrowed from the consumer's
 * options; the consumer handle (for watermarks) is borrowed until it is
 * unset with mh_kstatus_set_handle(st, NULL).
 */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define MH_KSTATUS_RECENT 8

struct mh_kpstat {
	char topic[256];
	int32_t partition;
	int assigned;
	int64_t next;      /* next offset the store holds; -1 = none yet */
	uint64_t messages; /* stored by this process */
	uint64_t bytes;
};

struct mh_kerror {
	int64_t at_ms;
	char where[320];
	char what[512];
};

struct mh_kstatus {
	pthread_mutex_t lock;
	const char *brokers, *group;
	const char *const *topics;
	size_t ntopics;
	void *rk;
	struct mh_kpstat *parts;
	size_t nparts, cap;
	uint64_t messages, bytes, batches, events, skipped, rejected;
	uint64_t errors, scans_failed, commits, commits_failed;
	int64_t last_batch_ms, last_commit_ms;
	struct mh_kerror recent[MH_KSTATUS_RECENT]; /* a ring */
	uint64_t nrecent;                           /* ever added */
};

void mh_kstatus_init(struct mh_kstatus *st, const char *brokers, const char *group,
                     const char *const *topics, size_t ntopics);
void mh_kstatus_release(struct mh_kstatus *st);
void mh_kstatus_set_handle(struct mh_kstatus *st, void *rk);

void mh_kstatus_assigned(struct mh_kstatus *st, const char *topic, int32_t partition, int64_t next);
void mh_kstatus_revoked(struct mh_kstatus *st, const char *topic, int32_t partition);
/* A part of a batch is in the store, next is its next offset. */
void mh_kstatus_stored(struct mh_kstatus *st, const char *topic, int32_t partition, int64_t next,
                       uint64_t messages, uint64_t bytes);
/* A batch was scanned (error NULL) or its scan failed. */
void mh_kstatus_scanned(struct mh_kstatus *st, uint64_t events, uint64_t skipped,
                        const char *error);
void mh_kstatus_committed(struct mh_kstatus *st, const char *error);
/* A record no decoder took; where names its message. */
void mh_kstatus_reject(struct mh_kstatus *st, const char *where, const char *why);
/* Anything else that went wrong (Kafka errors, a failed input). */
void mh_kstatus_error(struct mh_kstatus *st, const char *where, const char *what);

cJSON *mh_kstatus_json(struct mh_kstatus *st);

#endif
