#include "core/finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

void mh_findings_init(struct mh_findings *f)
{
	memset(f, 0, sizeof(*f));
	f->idx = mh_strmap_new();
}

void mh_findings_release(struct mh_findings *f)
{
	free(f->v);
	mh_strmap_free(f->idx);
	memset(f, 0, sizeof(*f));
}

static size_t fkey(char *buf, size_t cap, const char *detector, uint32_t person, const char *key)
{
	int n = snprintf(buf, cap, "%s|%u|%s", detector, person, key);

	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

struct mh_finding *mh_findings_upsert(struct mh_findings *f, const char *detector, uint32_t person,
                                      const char *key, enum mh_origin origin, int64_t ts,
                                      int *isnew)
{
	char k[256];
	size_t kn = fkey(k, sizeof(k), detector, person, key);
	uint32_t idx;
	struct mh_finding *fd;

	if (mh_strmap_get(f->idx, k, kn, &idx)) {
		fd = &f->v[idx];
		*isnew = 0;
	} else {
		f->v = mh_grow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
		idx = (uint32_t)f->n++;
		mh_strmap_put(f->idx, k, kn, idx);
		fd = &f->v[idx];
		memset(fd, 0, sizeof(*fd));
		fd->detector = detector;
		fd->person = person;
		snprintf(fd->key, sizeof(fd->key), "%s", key);
		fd->origin = (uint8_t)origin;
		fd->first_ms = fd->last_ms = ts;
		*isnew = 1;
	}
	fd->count++;
	if (ts < fd->first_ms)
		fd->first_ms = ts;
	if (ts > fd->last_ms)
		fd->last_ms = ts;
	return fd;
}

void mh_finding_evidence(struct mh_finding *fd, uint32_t file_id, uint64_t line, int64_t ts,
                         const char *fmt, ...)
{
	struct mh_evidence *e;
	va_list ap;

	if (fd->nev >= MH_EVIDENCE_MAX)
		return;
	e = &fd->ev[fd->nev++];
	e->file_id = file_id;
	e->line = line;
	e->ts_ms = ts;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
}

void mh_findings_merge(struct mh_findings *dst, const struct mh_findings *src, const uint32_t *pmap)
{
	size_t i;
	int j;

	for (i = 0; i < src->n; i++) {
		const struct mh_finding *s = &src->v[i];
		uint32_t p = pmap ? pmap[s->person] : s->person;
		int isnew;
		struct mh_finding *d =
		    mh_findings_upsert(dst, s->detector, p, s->key, s->origin, s->first_ms, &isnew);

		if (isnew) {
			*d = *s;
			d->person = p;
			continue;
		}
		d->count += s->count - 1;
		if (s->last_ms > d->last_ms)
			d->last_ms = s->last_ms;
		if (s->points > d->points)
			d->points = s->points;
		for (j = 0; j < s->nev && d->nev < MH_EVIDENCE_MAX; j++)
			d->ev[d->nev++] = s->ev[j];
	}
}
