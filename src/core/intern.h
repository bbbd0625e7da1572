#ifndef MH_INTERN_H
#define MH_INTERN_H
/*
 * Interned strings: each distinct byte string is stored once and named by a
 * 32-bit id, so a value that many people share (a country, an AS, a
 * repository, a VPN exit) costs its bytes once per table, and a record that
 * refers to it holds four bytes instead of a pointer and a copy.
 *
 * Layout: strings live in chunks that never move (the first 4 KiB, doubling
 * to 64 KiB), each entry a length byte, the bytes and a NUL, padded to four
 * bytes; an id is the chunk number and the entry's offset in four-byte units,
 * so it needs no table of its own to be read. Lookup is open addressing over
 * (32-bit hash, id) pairs, grown at 70% load.
 *
 * Bounds: strings of at most MH_INTERN_LEN_MAX bytes (longer ones are cut);
 * at most MH_INTERN_CHUNKS chunks (about 16 GiB), after which mh_intern()
 * returns MH_INTERN_NONE and the caller counts the value as not kept.
 *
 * Ownership: the table owns every string; pointers from mh_intern_str() stay
 * valid until mh_intern_release(). Not thread-safe: one table per thread.
 */
#include <stddef.h>
#include <stdint.h>

#define MH_INTERN_LEN_MAX 255
#define MH_INTERN_NONE    UINT32_MAX
#define MH_INTERN_SHIFT   14 /* offset bits of an id: 64 KiB chunks in 4-byte units */
#define MH_INTERN_CHUNKS  ((1u << (32 - MH_INTERN_SHIFT)) - 1)

struct mh_intern_slot {
	uint32_t hash, id; /* id == MH_INTERN_NONE: empty */
};

struct mh_intern {
	unsigned char **chunk;
	uint32_t nchunk, chunkcap;
	uint32_t used; /* bytes used in the last chunk */
	struct mh_intern_slot *slot;
	uint32_t mask, count;
	size_t bytes; /* chunk bytes held */
};

void mh_intern_init(struct mh_intern *t);
void mh_intern_release(struct mh_intern *t);

/* The id of s[0..n) (n cut to MH_INTERN_LEN_MAX), added when absent;
 * MH_INTERN_NONE when the table is full. */
uint32_t mh_intern(struct mh_intern *t, const char *s, size_t n);

/* The id of s[0..n) if present, else MH_INTERN_NONE. */
uint32_t mh_intern_find(const struct mh_intern *t, const char *s, size_t n);

/* Bytes held: chunks and the lookup table. */
size_t mh_intern_bytes(const struct mh_intern *t);

static inline const unsigned char *mh_intern_entry_(const struct mh_intern *t, uint32_t id)
{
	return t->chunk[id >> MH_INTERN_SHIFT] +
	       ((size_t)(id & ((1u << MH_INTERN_SHIFT) - 1)) << 2);
}

/* The NUL-terminated string of id. */
static inline const char *mh_intern_str(const struct mh_intern *t, uint32_t id)
{
	return (const char *)mh_intern_entry_(t, id) + 1;
}

static inline size_t mh_intern_len(const struct mh_intern *t, uint32_t id)
{
	return *mh_intern_entry_(t, id);
}

#endif
