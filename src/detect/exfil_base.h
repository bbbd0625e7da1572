#ifndef MH_EXFIL_BASE_H
#define MH_EXFIL_BASE_H
/*
 * Baselines of data movement for the exfil detectors: how many bytes a day
 * a person's peer group (roster department and title; the department when
 * fewer than MH_PEER_MIN people share the title; everyone when the
 * department is that small too) moves, as quantiles of all their active
 * days, and a person's own quantiles over a range of days.
 *
 * Peer days are kept as half-octave histograms of bytes (128 buckets), so a
 * baseline costs one fixed array per group whatever the number of days.
 *
 * Ownership: mh_exfil_base_build() returns a baseline the caller frees with
 * mh_exfil_base_free(); it borrows nothing after building.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/state.h"

#define MH_PEER_MIN 3

struct mh_exfil_base;

struct mh_exfil_base *mh_exfil_base_build(const struct mh_state *st);
void mh_exfil_base_free(struct mh_exfil_base *b);

struct mh_world;
struct mh_findings;
/* An exfil detector's finish: build the baseline, call check for every
 * person with active days, free it. */
void mh_exfil_each_person(void *ctx, const struct mh_world *w, struct mh_findings *out,
                          void (*check)(void *ctx, const struct mh_world *w,
                                        const struct mh_exfil_base *b, uint32_t p,
                                        struct mh_findings *out));

/* Quantile q (0..1) of daily bytes over the active days of p's peer group,
 * without p's own days (ps: p's state). */
uint64_t mh_exfil_peer_bytes(const struct mh_exfil_base *b, const struct mh_pstate *ps, uint32_t p,
                             double q);
/* How many peers (p not counted) the group used for p has. */
uint32_t mh_exfil_peer_size(const struct mh_exfil_base *b, uint32_t p);

/* Quantile q of p's own daily bytes over active days in [from, to). */
uint64_t mh_exfil_own_bytes(const struct mh_pstate *ps, double q, int32_t from, int32_t to);

/* Data movement events of a day other than clones and fetches (which
 * developers do all day). */
uint32_t mh_day_moves(const struct mh_day *d);

struct mh_finding;

/* Add evidence for one day of data movement (its first movement's line). */
void mh_exfil_day_evidence(struct mh_finding *fd, const struct mh_day *d);

/* "1.4 GB" style, for summaries. */
void mh_bytes_str(uint64_t v, char *buf, size_t cap);

#endif
