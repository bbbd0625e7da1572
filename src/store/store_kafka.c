/* Kafka offsets kept with the state (store_kafka.h). */
#include "store/store_kafka.h"

#include <time.h>

#include "store/store_priv.h"

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int mh_store_kafka_offset_save(struct mh_store *s, const char *topic, int32_t partition,
                               int64_t next_offset, uint64_t n, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s,
	    "INSERT INTO kafka_offsets(topic, partition, next_offset, messages, updated_ms)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (topic, partition) DO UPDATE SET"
	    " next_offset = ?3, messages = messages + ?4, updated_ms = ?5",
	    err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, partition);
	sqlite3_bind_int64(st, 3, next_offset);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
	sqlite3_bind_int64(st, 5, now_ms());
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "saving a Kafka offset");
}

int mh_store_kafka_offset_get(struct mh_store *s, const char *topic, int32_t partition,
                              int64_t *next_offset, struct mh_err *err)
{
	sqlite3_stmt *st = mh_store_prepare(
	    s, "SELECT next_offset FROM kafka_offsets WHERE topic = ? AND partition = ?", err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, partition);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*next_offset = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : mh_store_fail(s, err, "reading a Kafka offset");
}
