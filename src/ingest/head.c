/*
 * The identity of an input for checkpoints: the hash of its first line. It
 * stays the same when the file is appended to (unlike a hash of the first N
 * bytes of a small file), and differs between rotated files, whose first
 * records differ. Candidates found by it are confirmed by the prefix hash.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "ingest/ingest.h"
#include "ingest/reader.h"
#include "util/xalloc.h"

#define HEAD_MAX (64u << 10)

int mh_ingest_head_hash(const char *path, uint64_t *hash, struct mh_err *err)
{
	struct mh_reader *r = mh_reader_open(path, err);
	char *buf;
	size_t n = 0;
	const char *nl;

	if (!r)
		return -1;
	buf = mh_malloc(HEAD_MAX);
	while (n < HEAD_MAX) {
		ssize_t got = mh_reader_read(r, buf + n, HEAD_MAX - n, err);

		if (got < 0) {
			free(buf);
			mh_reader_close(r);
			return -1;
		}
		if (got == 0)
			break;
		nl = memchr(buf + n, '\n', (size_t)got);
		n += (size_t)got;
		if (nl) {
			n = (size_t)(nl - buf) + 1;
			break;
		}
	}
	*hash = XXH3_64bits(buf, n);
	free(buf);
	mh_reader_close(r);
	return 0;
}
