#ifndef MH_STORE_KAFKA_H
#define MH_STORE_KAFKA_H
/*
 * Kafka offsets in the store (store/schema_kafka.c): for each topic partition
 * the next offset to read. The consumer writes them inside the scan's
 * transaction, so the store holds exactly the events of the messages before
 * each offset, whatever Kafka's own committed offsets say.
 *
 * Ownership: nothing is kept; strings are borrowed for the call.
 */
#include <stdint.h>

#include "store/store.h"

/* Set (insert or replace) the next offset and add n to the message count. */
int mh_store_kafka_offset_save(struct mh_store *s, const char *topic, int32_t partition,
                               int64_t next_offset, uint64_t n, struct mh_err *err);
/* 1 and *next_offset when the store has one, 0 when not, -1 on error. */
int mh_store_kafka_offset_get(struct mh_store *s, const char *topic, int32_t partition,
                              int64_t *next_offset, struct mh_err *err);

#endif
