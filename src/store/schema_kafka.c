/* Tables of the Kafka consumer of `serve` (src/kafka/): the next offset to
 * read per topic partition, written in the same transaction as the state the
 * messages before it produced. */
#include "store/schema.h"

static const char *const kafka[] = {
    /* 0 -> 1 */
    "CREATE TABLE kafka_offsets ("
    "  topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,"
    "  messages INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (topic, partition)) WITHOUT ROWID;",
};

const struct mh_schema_module mh_schema_kafka = {"kafka", kafka, sizeof(kafka) / sizeof(kafka[0])};
