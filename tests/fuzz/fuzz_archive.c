/* Fuzz the unpacker: any bytes are a plain file, an archive unpacked within
 * the limits, or refused with a message; events nest properly. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extortion/unpack.h"

struct check {
	int depth;
	uint64_t total;
	const struct mh_unpack_limits *lim;
};

static int cb(void *arg, const struct mh_unpacked *u)
{
	struct check *c = arg;
	size_t i, sum = 0;

	if (!u->path || !u->path[0])
		abort();
	switch (u->ev) {
	case MH_UNPACK_ENTER:
		c->depth++;
		break;
	case MH_UNPACK_LEAVE:
		if (--c->depth < 0)
			abort();
		break;
	case MH_UNPACK_FILE:
		if (u->head_n > c->lim->text_max || u->head_n > u->size)
			abort();
		for (i = 0; i < u->head_n; i++)
			sum += u->head[i];
		c->total += u->size + (sum & 1);
		break;
	}
	if ((unsigned)c->depth > c->lim->max_depth + 1)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_unpack_limits lim;
	struct check c = {0, 0, &lim};
	struct mh_err err = {0};
	int rc;

	mh_unpack_limits_default(&lim);
	lim.max_total = 4u << 20;
	lim.max_entries = 256;
	lim.text_max = 1u << 16;
	rc = mh_unpack("fuzz.zip", data, size, &lim, cb, &c, &err);
	if (rc == -1 && !err.msg[0])
		abort();
	if (rc == 0 && c.depth != 0)
		abort();
	return 0;
}
