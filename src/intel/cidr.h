#ifndef MH_CIDR_H
#define MH_CIDR_H
/*
 * Longest-prefix-match table for IPv4 and IPv6 prefixes, built once and then
 * read by any number of threads. Each prefix carries a caller-chosen 32-bit
 * tag; a lookup returns the tag of the most specific prefix that contains the
 * address, and among identical prefixes the one added first.
 *
 * Ownership: the table owns its arrays; tags are plain numbers.
 * Lifecycle: mh_cidr_new, mh_cidr_add..., mh_cidr_build, mh_cidr_lookup...,
 * mh_cidr_free. Adding after build is allowed; the next build starts over from
 * every prefix added so far.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define MH_CIDR_NONE UINT32_MAX

struct mh_cidr;

struct mh_cidr *mh_cidr_new(void);
void mh_cidr_free(struct mh_cidr *t);

/* Add net/len (len <= 32 for IPv4, <= 128 for IPv6; host bits are ignored).
 * Returns 0, or -1 for a bad family or length. tag must not be MH_CIDR_NONE. */
int mh_cidr_add(struct mh_cidr *t, const struct mh_ip *net, unsigned len, uint32_t tag);

/* Flatten the prefixes into lookup intervals. Call after the last add. */
void mh_cidr_build(struct mh_cidr *t);

/* Tag of the most specific prefix containing ip, or MH_CIDR_NONE. */
uint32_t mh_cidr_lookup(const struct mh_cidr *t, const struct mh_ip *ip);

/* Distinct prefixes added (exact duplicates counted once after build). */
size_t mh_cidr_count(const struct mh_cidr *t);
/* Intervals in the built tables, for the benchmark and tests. */
size_t mh_cidr_intervals(const struct mh_cidr *t, int family);

#endif
