#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

/*
 * Slots hold the hash, the key's offset and length in one growing byte arena,
 * and the value. Empty slots have len == UINT32_MAX. The table doubles at 50 %
 * load, which keeps probe chains short for the name and IP lookups on the scan
 * path; keys are never removed, so no tombstones.
 */
struct slot {
	uint64_t hash;
	uint64_t off;
	uint32_t len;
	uint32_t val;
};

struct mh_strmap {
	struct slot *slots;
	size_t mask, count;
	char *arena;
	size_t alen, acap;
};

#define EMPTY UINT32_MAX

static void init_slots(struct slot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		s[i].len = EMPTY;
}

struct mh_strmap *mh_strmap_new(void)
{
	struct mh_strmap *m = mh_calloc(1, sizeof(*m));

	m->mask = 63;
	m->slots = mh_malloc(64 * sizeof(struct slot));
	init_slots(m->slots, 64);
	return m;
}

void mh_strmap_free(struct mh_strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->arena);
	free(m);
}

size_t mh_strmap_count(const struct mh_strmap *m)
{
	return m->count;
}

static struct slot *find(const struct mh_strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t i = h & m->mask;

	for (;;) {
		struct slot *s = &m->slots[i];

		if (s->len == EMPTY)
			return s;
		if (s->hash == h && s->len == n && !memcmp(m->arena + s->off, key, n))
			return s;
		i = (i + 1) & m->mask;
	}
}

static void grow(struct mh_strmap *m)
{
	size_t oldn = m->mask + 1, i;
	struct slot *old = m->slots;

	m->mask = oldn * 2 - 1;
	m->slots = mh_malloc(oldn * 2 * sizeof(struct slot));
	init_slots(m->slots, oldn * 2);
	for (i = 0; i < oldn; i++) {
		size_t j;

		if (old[i].len == EMPTY)
			continue;
		j = old[i].hash & m->mask;
		while (m->slots[j].len != EMPTY)
			j = (j + 1) & m->mask;
		m->slots[j] = old[i];
	}
	free(old);
}

int mh_strmap_get(const struct mh_strmap *m, const char *key, size_t n, uint32_t *val)
{
	struct slot *s = find(m, key, n, XXH3_64bits(key, n));

	if (s->len == EMPTY)
		return 0;
	if (val)
		*val = s->val;
	return 1;
}

static struct slot *insert(struct mh_strmap *m, const char *key, size_t n, int *isnew)
{
	uint64_t h = XXH3_64bits(key, n);
	struct slot *s;

	if ((m->count + 1) * 2 > m->mask + 1)
		grow(m);
	s = find(m, key, n, h);
	*isnew = s->len == EMPTY;
	if (*isnew) {
		m->arena = mh_grow(m->arena, &m->acap, m->alen + n + 1, 1);
		memcpy(m->arena + m->alen, key, n);
		m->arena[m->alen + n] = '\0';
		s->hash = h;
		s->off = m->alen;
		s->len = (uint32_t)n;
		m->alen += n + 1;
		m->count++;
	}
	return s;
}

int mh_strmap_put(struct mh_strmap *m, const char *key, size_t n, uint32_t val)
{
	int isnew;
	struct slot *s = insert(m, key, n, &isnew);

	s->val = val;
	return isnew;
}

uint32_t mh_strmap_intern(struct mh_strmap *m, const char *key, size_t n, uint32_t val)
{
	int isnew;
	struct slot *s = insert(m, key, n, &isnew);

	if (isnew)
		s->val = val;
	return s->val;
}

int mh_strmap_next(const struct mh_strmap *m, size_t *pos, const char **key, size_t *n,
                   uint32_t *val)
{
	while (*pos <= m->mask) {
		const struct slot *s = &m->slots[(*pos)++];

		if (s->len == EMPTY)
			continue;
		*key = m->arena + s->off;
		*n = s->len;
		*val = s->val;
		return 1;
	}
	return 0;
}
