#ifndef MH_ARENA_H
#define MH_ARENA_H
/*
 * A string arena: copies live in 64 KiB chunks that never move, so pointers
 * stay valid until mh_arena_release(), and a small string costs its bytes
 * plus its NUL instead of a malloc block each. Nothing is freed one by one.
 */
#include <stddef.h>

struct mh_arena_chunk;

struct mh_arena {
	struct mh_arena_chunk *head;
	size_t bytes; /* chunk bytes held */
};

/* Copy s[0..n) with a NUL into the arena; returns the copy. */
char *mh_arena_strndup(struct mh_arena *a, const char *s, size_t n);
void mh_arena_release(struct mh_arena *a);

#endif
