#include "core/intern.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

#define FIRST_CHUNK (4u << 10)
#define MAX_CHUNK   (1u << (MH_INTERN_SHIFT + 2))
#define FIRST_SLOTS 64u

void mh_intern_init(struct mh_intern *t)
{
	memset(t, 0, sizeof(*t));
}

void mh_intern_release(struct mh_intern *t)
{
	uint32_t i;

	for (i = 0; i < t->nchunk; i++)
		free(t->chunk[i]);
	free(t->chunk);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

static uint32_t hash_of(const char *s, size_t n)
{
	return (uint32_t)XXH3_64bits(s, n);
}

static size_t chunk_size(uint32_t k)
{
	size_t c = (size_t)FIRST_CHUNK << (k < 4 ? k : 4);

	return c < MAX_CHUNK ? c : MAX_CHUNK;
}

/* The slot holding s, or the empty slot where it would go. */
static struct mh_intern_slot *probe(const struct mh_intern *t, const char *s, size_t n, uint32_t h)
{
	uint32_t i;

	for (i = h & t->mask; t->slot[i].id != MH_INTERN_NONE; i = (i + 1) & t->mask) {
		const struct mh_intern_slot *x = &t->slot[i];

		if (x->hash == h && mh_intern_len(t, x->id) == n &&
		    !memcmp(mh_intern_str(t, x->id), s, n))
			break;
	}
	return &t->slot[i];
}

static void grow_slots(struct mh_intern *t)
{
	uint32_t old = t->slot ? t->mask + 1 : 0, cap = old ? old * 2 : FIRST_SLOTS, i;
	struct mh_intern_slot *o = t->slot;

	t->slot = mh_malloc((size_t)cap * sizeof(*t->slot));
	memset(t->slot, 0xff, (size_t)cap * sizeof(*t->slot));
	t->mask = cap - 1;
	for (i = 0; i < old; i++) {
		uint32_t j;

		if (o[i].id == MH_INTERN_NONE)
			continue;
		for (j = o[i].hash & t->mask; t->slot[j].id != MH_INTERN_NONE;
		     j = (j + 1) & t->mask)
			;
		t->slot[j] = o[i];
	}
	free(o);
}

/* Room for an entry of need bytes; returns its id, or MH_INTERN_NONE. */
static uint32_t place(struct mh_intern *t, size_t need)
{
	if (!t->nchunk || t->used + need > chunk_size(t->nchunk - 1)) {
		size_t cap;

		if (t->nchunk == MH_INTERN_CHUNKS)
			return MH_INTERN_NONE;
		if (t->nchunk == t->chunkcap) {
			t->chunkcap = t->chunkcap ? t->chunkcap * 2 : 8;
			t->chunk = mh_realloc(t->chunk, (size_t)t->chunkcap * sizeof(*t->chunk));
		}
		cap = chunk_size(t->nchunk);
		t->chunk[t->nchunk++] = mh_malloc(cap);
		t->bytes += cap;
		t->used = 0;
	}
	t->used += (uint32_t)need;
	return (t->nchunk - 1) << MH_INTERN_SHIFT | (t->used - (uint32_t)need) >> 2;
}

uint32_t mh_intern(struct mh_intern *t, const char *s, size_t n)
{
	struct mh_intern_slot *x;
	unsigned char *e;
	uint32_t h, id;

	if (n > MH_INTERN_LEN_MAX)
		n = MH_INTERN_LEN_MAX;
	h = hash_of(s, n);
	if (!t->slot)
		grow_slots(t);
	x = probe(t, s, n, h);
	if (x->id != MH_INTERN_NONE)
		return x->id;
	id = place(t, (n + 2 + 3) & ~(size_t)3);
	if (id == MH_INTERN_NONE)
		return id;
	e = (unsigned char *)mh_intern_entry_(t, id);
	e[0] = (unsigned char)n;
	if (n)
		memcpy(e + 1, s, n);
	e[n + 1] = '\0';
	x->hash = h;
	x->id = id;
	if (++t->count * 10 > (t->mask + 1) * 7)
		grow_slots(t);
	return id;
}

uint32_t mh_intern_find(const struct mh_intern *t, const char *s, size_t n)
{
	if (n > MH_INTERN_LEN_MAX)
		n = MH_INTERN_LEN_MAX;
	if (!t->slot)
		return MH_INTERN_NONE;
	return probe(t, s, n, hash_of(s, n))->id;
}

size_t mh_intern_bytes(const struct mh_intern *t)
{
	return t->bytes + (t->slot ? (size_t)(t->mask + 1) * sizeof(*t->slot) : 0) +
	       (size_t)t->chunkcap * sizeof(*t->chunk);
}
