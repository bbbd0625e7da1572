#ifndef MH_HTTP_ACTIVITY_H
#define MH_HTTP_ACTIVITY_H
/* A person's activity as JSON (activity.c). Borrows everything; returns a new
 * cJSON object. tz may be NULL or unknown: then local equals UTC and
 * "timezone" is null. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

cJSON *mh_activity_json(const char *tz, const uint32_t hours_utc[24], int64_t last_ms,
                        const struct mh_day *days, size_t n);

#endif
