/* Fuzz the consortium bundle reader: any bytes either parse into a bundle
 * that writes back to the same bytes' records, or fail with a message that
 * names the input; never both, never a crash. The seed corpus holds
 * bundles MAC'ed under the key below, so mutations reach every line check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "share/bundle.h"
#include "share/key.h"

#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"

static struct mh_share_keys keys;

static void round_trip(struct mh_share_bundle *b)
{
	struct mh_share_bundle back;
	struct mh_err err;
	char *text = NULL;
	size_t n = 0, i;
	FILE *f = open_memstream(&text, &n);

	if (!f || mh_share_bundle_write(f, "mem", &keys.v[0], b, &err))
		abort();
	fclose(f);
	if (mh_share_bundle_parse(&back, &keys, "mem", text, n, &err) || back.n != b->n)
		abort();
	for (i = 0; i < b->n; i++)
		if (memcmp(&back.v[i], &b->v[i], sizeof(b->v[i])))
			abort();
	mh_share_bundle_release(&back);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_share_bundle b;
	struct mh_err err = {0};

	if (!keys.n && mh_share_keys_parse(&keys, "fuzz.key", KEY, sizeof(KEY) - 1, &err))
		abort();
	if (mh_share_bundle_parse(&b, &keys, "fuzz.jsonl", (const char *)data, size, &err)) {
		if (strncmp(err.msg, "fuzz.jsonl", 10) || b.n || b.v)
			abort();
		return 0;
	}
	if (!mh_share_peer_valid(b.exporter) || strcmp(b.key_id, keys.v[0].id))
		abort();
	round_trip(&b);
	mh_share_bundle_release(&b);
	return 0;
}
