/* Fuzz the Kafka batch builder: the input is messages separated by 0xff
 * bytes, dealt to three partitions. Whatever the values hold, every part is
 * lines of single records without NUL or line breaks inside, and every line
 * is named by a message of its partition. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kafka/batch.h"

static void on_reject(void *arg, const char *where, const char *why)
{
	if (strncmp(where, "kafka:fuzz/", 11) || !why)
		abort();
	++*(size_t *)arg;
}

static void check_part(const struct mh_kbatch *b, size_t i)
{
	const struct mh_kpart *p = &b->parts[i];
	char where[512], prefix[64];
	uint64_t nl = 0, line;
	size_t k;

	if (memchr(p->text ? p->text : "", '\0', p->len) ||
	    memchr(p->text ? p->text : "", '\r', p->len))
		abort();
	for (k = 0; k < p->len; k++)
		if (p->text[k] == '\n')
			nl++;
	if (nl != p->lines || (p->len && p->text[p->len - 1] != '\n'))
		abort();
	for (k = 1; k < p->nat; k++)
		if (p->at[k].line <= p->at[k - 1].line || p->at[k].offset <= p->at[k - 1].offset)
			abort();
	snprintf(prefix, sizeof(prefix), "%s@", p->name);
	for (line = 1; line <= p->lines; line++) {
		long long off;

		mh_kbatch_locate(b, i, line, where, sizeof(where));
		if (strncmp(where, prefix, strlen(prefix)) ||
		    sscanf(where + strlen(prefix), "%lld", &off) != 1 || off < p->first_offset ||
		    off >= p->next_offset)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mh_kbatch b;
	size_t rejects = 0, i, bytes = 0;
	const uint8_t *p = data, *end = data + size;
	int64_t offset = 0;

	mh_kbatch_init(&b, on_reject, &rejects);
	while (p <= end) {
		const uint8_t *sep = memchr(p, 0xff, (size_t)(end - p));
		size_t n = sep ? (size_t)(sep - p) : (size_t)(end - p);

		mh_kbatch_add(&b, "fuzz", (int32_t)(offset % 3), offset, (const char *)p, n, 1);
		offset++;
		p += n + 1;
	}
	for (i = 0; i < b.nparts; i++) {
		check_part(&b, i);
		bytes += b.parts[i].len;
	}
	if (bytes != b.bytes || b.messages != (uint64_t)offset)
		abort();
	mh_kbatch_release(&b);
	return 0;
}
