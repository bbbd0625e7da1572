/*
 * libFuzzer target: differential test of json/jx.h against the cJSON oracle
 * (json/jx_ref.h) on arbitrary bytes. The first byte picks a path set, the
 * rest is the document; any disagreement in verdict or value aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "json/jx.h"
#include "json/jx_ref.h"

static const char *const set_okta[] = {
    "published",
    "eventType",
    "actor.alternateId",
    "client.ipAddress",
    "client.geographicalContext.country",
    "securityContext.isProxy",
    "debugContext.debugData.dtHash",
    "outcome.result",
    "target",
    "client",
};
static const char *const set_short[] = {"a", "a.b", "a.b.c", "b", "ab", "a.bc", "a", "c.d"};
static const char *const set_odd[] = {
    "a..b", ".a", "a.", "\"", "a\\b", "\xC3\xA9", "\xEF\xBF\xBD", "x.\xEF\xBF\xBD.y", "0", "-1"};
static const char *const set_one[] = {"k"};

struct set {
	const char *const *paths;
	size_t n;
};

static const struct set sets[] = {
    {set_okta, sizeof(set_okta) / sizeof(set_okta[0])},
    {set_short, sizeof(set_short) / sizeof(set_short[0])},
    {set_odd, sizeof(set_odd) / sizeof(set_odd[0])},
    {set_one, 1},
    {NULL, 0},
};

#define NSETS (sizeof(sets) / sizeof(sets[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mh_jx *jx[NSETS];
	struct mh_err err;
	size_t k;

	if (size == 0)
		return 0;
	k = data[0] % NSETS;
	if (!jx[k] && !(jx[k] = mh_jx_new(sets[k].paths, sets[k].n, &err))) {
		fprintf(stderr, "fuzz_jx: %s\n", err.msg);
		abort();
	}
	if (mh_jx_ref_check(jx[k], (const char *)data + 1, size - 1, &err) < 0) {
		fprintf(stderr, "fuzz_jx: set %zu: %s\n", k, err.msg);
		abort();
	}
	return 0;
}
