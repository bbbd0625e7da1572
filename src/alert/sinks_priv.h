#ifndef MH_ALERT_SINKS_PRIV_H
#define MH_ALERT_SINKS_PRIV_H
/* The sinks set, shared by sinks.c (building it) and outbox.c (using it).
 * The set owns each sink's ctx (released by mh_alert_sinks_free). */
#include <stdint.h>

#include "alert/alert.h"
#include "alert/sink.h"

struct mh_alert_sinks {
	struct mh_alert_sink v[MH_ALERT_SINKS_MAX];
	size_t n;
	int64_t max_age_ms, keep; /* outbox limits */
};

#endif
