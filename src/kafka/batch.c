/* Kafka messages -> per-partition batch files (batch.h). */
#include "kafka/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/work.h"
#include "util/xalloc.h"
#include "util/fdio.h"

void mh_kbatch_init(struct mh_kbatch *b, mh_kreject_fn reject, void *arg)
{
	memset(b, 0, sizeof(*b));
	b->reject = reject;
	b->reject_arg = arg;
}

static void reject(struct mh_kbatch *b, const struct mh_kpart *p, int64_t offset, uint64_t line,
                   const char *why)
{
	char where[MH_KAFKA_TOPIC_MAX + 64];

	if (line > 1)
		snprintf(where, sizeof(where), "%s@%lld:%llu", p->name, (long long)offset,
		         (unsigned long long)line);
	else
		snprintf(where, sizeof(where), "%s@%lld", p->name, (long long)offset);
	if (b->reject)
		b->reject(b->reject_arg, where, why);
}

static struct mh_kpart *part_of(struct mh_kbatch *b, const char *topic, int32_t partition)
{
	struct mh_kpart *p;
	size_t i;

	for (i = 0; i < b->nparts; i++)
		if (b->parts[i].partition == partition && !strcmp(b->parts[i].topic, topic))
			return &b->parts[i];
	b->parts = mh_grow(b->parts, &b->capparts, b->nparts + 1, sizeof(*b->parts));
	p = &b->parts[b->nparts++];
	memset(p, 0, sizeof(*p));
	snprintf(p->topic, sizeof(p->topic), "%s", topic);
	p->partition = partition;
	snprintf(p->name, sizeof(p->name), "kafka:%s/%d", topic, (int)partition);
	p->first_offset = -1;
	return p;
}

/* Append one record as one line: line breaks become blanks. */
static void put_line(struct mh_kbatch *b, struct mh_kpart *p, const char *s, size_t n)
{
	size_t i;

	p->text = mh_grow(p->text, &p->cap, p->len + n + 1, 1);
	for (i = 0; i < n; i++)
		p->text[p->len + i] = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
	p->len += n;
	p->text[p->len++] = '\n';
	p->lines++;
	b->bytes += n + 1;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A value that is not one line of one record: split it into its values. */
static void split(struct mh_kbatch *b, struct mh_kpart *p, int64_t offset, const char *v, size_t n)
{
	struct mh_jseq seq;
	struct mh_record rec;
	struct mh_err why;
	int rc;

	mh_jseq_init(&seq, v, n, 1);
	while ((rc = mh_jseq_next(&seq, &rec, &why)) != 0) {
		if (rc > 0)
			put_line(b, p, rec.p, rec.n);
		else
			reject(b, p, offset, rec.line, why.msg);
	}
}

void mh_kbatch_add(struct mh_kbatch *b, const char *topic, int32_t partition, int64_t offset,
                   const char *value, size_t len, int64_t now_ms)
{
	struct mh_kpart *p = part_of(b, topic, partition);
	uint64_t lines0 = p->lines;
	const char *nl;
	char why[96];

	if (offset < p->next_offset && p->messages)
		return; /* delivered twice within one batch */
	if (!b->messages)
		b->started_ms = now_ms;
	if (p->first_offset < 0)
		p->first_offset = offset;
	p->next_offset = offset + 1;
	p->messages++;
	b->messages++;
	while (len && blank(value[len - 1]))
		len--;
	while (len && blank(*value)) {
		value++;
		len--;
	}
	if (!len)
		return;
	if (len > MH_KAFKA_MAX_MESSAGE) {
		snprintf(why, sizeof(why), "message of %zu bytes is larger than the %u MiB limit",
		         len, MH_KAFKA_MAX_MESSAGE >> 20);
		reject(b, p, offset, 0, why);
		return;
	}
	if (memchr(value, '\0', len)) {
		reject(b, p, offset, 0, "the message holds a NUL byte");
		return;
	}
	p->at = mh_grow(p->at, &p->capat, p->nat + 1, sizeof(*p->at));
	p->at[p->nat].line = p->lines + 1;
	p->at[p->nat].offset = offset;
	nl = memchr(value, '\n', len);
	if (*value != '[' && !nl)
		put_line(b, p, value, len);
	else
		split(b, p, offset, value, len);
	if (p->lines > lines0)
		p->nat++;
}

int mh_kbatch_write(struct mh_kbatch *b, const char *dir, struct mh_err *err)
{
	char path[1024];
	size_t i;
	int fd, rc;

	b->seq++;
	for (i = 0; i < b->nparts; i++) {
		struct mh_kpart *p = &b->parts[i];

		snprintf(path, sizeof(path), "%s/.tmp-kafka-%ld-%llu-%zu.jsonl", dir,
		         (long)getpid(), (unsigned long long)b->seq, i);
		if (p->path) /* written before, for a scan that failed */
			unlink(p->path);
		free(p->path);
		p->path = NULL;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0)
			return mh_err_set(err, MH_EIO, "%s: %s", path, strerror(errno));
		p->path = mh_strdup(path);
		rc = mh_write_all(fd, p->text ? p->text : "", p->len);
		if (close(fd) || rc)
			return mh_err_set(err, MH_EIO, "%s: cannot write: %s", path,
			                  strerror(errno));
	}
	return 0;
}

void mh_kbatch_locate(const struct mh_kbatch *b, size_t i, uint64_t line, char *buf, size_t cap)
{
	const struct mh_kpart *p = &b->parts[i];
	size_t lo = 0, hi = p->nat, mid;
	uint64_t first, last;

	if (!p->nat) {
		snprintf(buf, cap, "%s", p->name);
		return;
	}
	while (hi - lo > 1) { /* the last message starting at or before line */
		mid = lo + (hi - lo) / 2;
		if (p->at[mid].line <= line)
			lo = mid;
		else
			hi = mid;
	}
	first = p->at[lo].line;
	last = lo + 1 < p->nat ? p->at[lo + 1].line - 1 : p->lines;
	if (last > first)
		snprintf(buf, cap, "%s@%lld:%llu", p->name, (long long)p->at[lo].offset,
		         (unsigned long long)(line - first + 1));
	else
		snprintf(buf, cap, "%s@%lld", p->name, (long long)p->at[lo].offset);
}

static void part_free(struct mh_kpart *p)
{
	if (p->path)
		unlink(p->path);
	free(p->path);
	free(p->text);
	free(p->at);
}

void mh_kbatch_remove(struct mh_kbatch *b, size_t i)
{
	struct mh_kpart *p = &b->parts[i];

	b->bytes -= p->len;
	b->messages -= p->messages;
	part_free(p);
	memmove(p, p + 1, (b->nparts - i - 1) * sizeof(*p));
	b->nparts--;
	if (!b->nparts)
		b->started_ms = 0;
}

void mh_kbatch_clear(struct mh_kbatch *b)
{
	size_t i;

	for (i = 0; i < b->nparts; i++)
		part_free(&b->parts[i]);
	b->nparts = 0;
	b->bytes = 0;
	b->messages = 0;
	b->started_ms = 0;
}

void mh_kbatch_release(struct mh_kbatch *b)
{
	mh_kbatch_clear(b);
	free(b->parts);
	b->parts = NULL;
	b->capparts = 0;
}
