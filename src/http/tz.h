#ifndef MH_HTTP_TZ_H
#define MH_HTTP_TZ_H
/*
 * UTC offset of a stated IANA time zone ("America/Chicago") at an instant,
 * for the activity heat map. Uses the C library's zone database through
 * TZ/localtime_r under a process-wide mutex; nothing else in molehunt
 * touches TZ or localtime, so serialising here is enough. Names are checked
 * (letters, digits, "_+-/", no "..", no leading '/') and must exist under
 * /usr/share/zoneinfo, so an unknown name is reported, not read as UTC.
 */
#include <stddef.h>
#include <stdint.h>

/* Offsets in seconds east of UTC of zone tz at each of n instants t_sec[i]
 * into off[i]; 0 ok, -1 unknown zone. */
int mh_http_tz_offsets(const char *tz, const int64_t *t_sec, size_t n, int32_t *off);

#endif
