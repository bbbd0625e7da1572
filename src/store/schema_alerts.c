/* The alert outbox: alerts a scan produced that a sink has not yet taken.
 * Rows are written in the scan's transaction and deleted once delivered
 * (src/alert/outbox.c). */
#include "store/schema.h"

static const char *const alerts[] = {
    /* 0 -> 1 */
    "CREATE TABLE alert_outbox ("
    "  id INTEGER PRIMARY KEY, sink TEXT NOT NULL, created_ms INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, alert TEXT NOT NULL);"
    "CREATE INDEX alert_outbox_sink ON alert_outbox(sink, id);",
};

const struct mh_schema_module mh_schema_alerts = {"alerts", alerts,
                                                  sizeof(alerts) / sizeof(alerts[0])};
