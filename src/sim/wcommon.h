#ifndef MH_SIM_WCOMMON_H
#define MH_SIM_WCOMMON_H
/* Helpers shared by the log writers (w_*.c): ids, GUIDs, locations. No allocation. */
#include <stdint.h>

#include "sim/sim.h"

/* Append a string literal. */
#define MH_LIT(o, s) mh_out_put((o), ("" s), sizeof(s) - 1)

/* 8-4-4-4-12 lower-case GUID from two 64-bit values. */
void mh_sim_out_guid(struct mh_out *o, uint64_t a, uint64_t b);
/* n characters of [A-Za-z0-9] from a 64-bit value stream. */
void mh_sim_out_alnum(struct mh_out *o, uint64_t x, unsigned n);
/* Latitude/longitude of a city with a small per-egress jitter. */
void mh_sim_geo(const struct mh_sim *s, uint32_t egress, double *lat, double *lon);

/* A small bounded string builder for paths and command lines (truncates). */
struct mh_sb {
	char b[768];
	size_t n;
};

static inline void mh_sb_put(struct mh_sb *sb, const char *s)
{
	while (*s && sb->n + 1 < sizeof(sb->b))
		sb->b[sb->n++] = *s++;
	sb->b[sb->n] = '\0';
}

/* Append s with "%u" replaced by user and, when win, '/' turned into '\'. */
void mh_sb_path(struct mh_sb *sb, const char *s, const char *user, int win);
#endif
