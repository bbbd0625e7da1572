#ifndef MH_HOURS_LOCAL_H
#define MH_HOURS_LOCAL_H
/*
 * Activity by local day: the core keeps one 24-bit hour bitmap per UTC day;
 * the hours detectors want them in a person's stated zone, with that zone's
 * offset on each day (daylight saving included). Offsets are rounded to
 * whole hours (the bitmaps have hour resolution).
 *
 * Ownership: the caller provides the output array (at least 2 * ndays
 * entries: a UTC day may touch two local days); nothing allocates.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

struct mh_tzinfo;

struct mh_lday {
	int32_t day;    /* local calendar day, days since 1970-01-01 */
	uint32_t hours; /* bit h: activity during local hour h */
};

/* The zone's offset on UTC day `day` (at noon), in whole hours. */
int mh_zone_hours(const struct mh_tzinfo *z, int32_t day);

/* Local-day bitmaps of ps's days in zone z (NULL: UTC) moved by extra
 * hours, ascending by day. Returns the number written to out. */
size_t mh_hours_local(const struct mh_pstate *ps, const struct mh_tzinfo *z, int extra,
                      struct mh_lday *out);

/* Bits h, h+1, ... h+len-1 (mod 24) of a 24-bit mask. */
uint32_t mh_hours_window(int start, int len);

int mh_popcount24(uint32_t v);

#endif
