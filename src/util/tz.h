#ifndef MH_TZ_H
#define MH_TZ_H
/*
 * Time zones without the process-global TZ/localtime: TZif files (RFC 8536)
 * read from the system zoneinfo (Debian package tzdata) and the POSIX TZ rule
 * in their footer for instants past the last transition.
 *
 * Two layers:
 *   mh_tzif_parse()   bytes -> struct mh_tzinfo (no I/O; the fuzzed part);
 *   mh_tz_get()       zone name -> cached, shared struct mh_tzinfo, loaded
 *                     once from $TZDIR or /usr/share/zoneinfo.
 *
 * Ownership and threads: mh_tzif_parse() returns a zone the caller frees with
 * mh_tzinfo_free(). Zones returned by mh_tz_get() belong to the cache and stay
 * valid until mh_tz_cache_clear(); they are immutable, so any thread may read
 * them. The cache is guarded by a mutex; lookups of a loaded zone take it for
 * a hash probe only.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_TZ_NAME_MAX  128        /* longest zone name accepted */
#define MH_TZIF_MAX     (1u << 20) /* largest TZif file read */
#define MH_TZ_MAX_TRANS 8192       /* transitions kept per zone */

struct mh_tzinfo;

/* Parse a TZif file image (version 1 to 4). */
int mh_tzif_parse(const unsigned char *buf, size_t n, struct mh_tzinfo **out, struct mh_err *err);
void mh_tzinfo_free(struct mh_tzinfo *z);

/* UTC offset in seconds east of Greenwich in effect at t (seconds since the
 * epoch, UTC). */
int32_t mh_tzinfo_offset(const struct mh_tzinfo *z, int64_t t);

/* Is "name" a plausible zone name ("Area/City", letters, digits, "_+-")?
 * Names with "..", a leading '/' or other bytes are refused before any file
 * is opened. */
int mh_tz_name_ok(const char *name);

/* The zone called name, loaded and cached on first use; NULL when it is not
 * a valid name, not found or not a TZif file (also cached). */
const struct mh_tzinfo *mh_tz_get(const char *name);

/* Shortcut: *off = offset of zone name at t. Returns 0, or -1 when the zone
 * is unknown (*off untouched). */
int mh_tz_offset(const char *name, int64_t t, int32_t *off);

/* Read zones from dir instead of $TZDIR or /usr/share/zoneinfo (tests); also
 * empties the cache. Not to be called while other threads use zones. */
void mh_tz_set_dir(const char *dir);
void mh_tz_cache_clear(void);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t mh_tz_days_from_civil(int64_t y, unsigned m, unsigned d);
void mh_tz_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

#endif
