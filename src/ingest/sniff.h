#ifndef MH_SNIFF_H
#define MH_SNIFF_H
/*
 * Format choice over the first records of an input (registry.c), and the
 * substring test the decoders' sniff functions share. No allocation.
 */
#include <stddef.h>

#include "ingest/decoder.h"

#define MH_SNIFF_RECORDS      8
#define MH_SNIFF_MAX_DECODERS 16

struct mh_sniffer {
	int score[MH_SNIFF_MAX_DECODERS]; /* summed per registry index */
	int records;
};

void mh_sniffer_add(struct mh_sniffer *s, const char *rec, size_t n);
/* The decoder with the highest total, or NULL when every score is 0. */
const struct mh_decoder *mh_sniffer_best(const struct mh_sniffer *s);

/* Does rec contain "key" used as an object key (quoted, then a colon)? At any
 * depth: a cheap test, not a parse. Dotted ECS keys ("event.category") match
 * literally. */
int mh_sniff_key(const char *rec, size_t n, const char *key);

#endif
