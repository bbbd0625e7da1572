#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define CHUNK (64u << 10)

struct mh_arena_chunk {
	struct mh_arena_chunk *next;
	size_t used, cap;
	char data[];
};

char *mh_arena_strndup(struct mh_arena *a, const char *s, size_t n)
{
	struct mh_arena_chunk *c = a->head;
	char *p;

	if (!c || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;

		c = mh_malloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
		a->bytes += cap;
	}
	p = c->data + c->used;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

void mh_arena_release(struct mh_arena *a)
{
	while (a->head) {
		struct mh_arena_chunk *c = a->head;

		a->head = c->next;
		free(c);
	}
	a->bytes = 0;
}
