/*
 * Fuzz the intel loaders (plain lists and STIX 2.1: the format is chosen by
 * the content, so one target reaches both) through mh_intel_load_mem, then
 * match slices of the same input as every kind, which also drives the
 * normalisers. Invariant beyond "no crash": a hit names a label and source.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intel/intel.h"
#include "intel/norm.h"

static void ignore(void *arg, const char *msg)
{
	(void)arg;
	if (!msg || !*msg)
		abort();
}

static void check_hit(int got, const struct mh_intel_hit *hit)
{
	if (got && (!hit->label || !hit->source || hit->kind >= MH_IOC__COUNT))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_intel *in = mh_intel_new();
	const char *s = (const char *)data;
	struct mh_intel_hit hit;
	struct mh_err err;
	size_t off, len;
	int k;

	if (mh_intel_load_mem(in, "fuzz/ipv4.txt", s, size, ignore, NULL, &err) < 0 && !err.msg[0])
		abort();
	mh_intel_seal(in);
	for (off = 0; off < size && off < 256; off += 1 + off / 4) {
		char out[64];

		len = size - off < 80 ? size - off : 80;
		for (k = 0; k < MH_IOC__COUNT; k++)
			check_hit(mh_intel_match(in, (enum mh_ioc_kind)k, s + off, len, &hit),
			          &hit);
		/* results must fit the buffer they were given, truncation is refusal */
		if (mh_norm_email(s + off, len, out, sizeof(out)) >= sizeof(out) ||
		    mh_norm_phone(s + off, len, out, sizeof(out)) >= sizeof(out) ||
		    mh_norm_wallet(s + off, len, out, sizeof(out)) >= sizeof(out))
			abort();
	}
	mh_intel_free(in);
	return 0;
}
