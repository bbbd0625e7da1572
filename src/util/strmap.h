#ifndef MH_STRMAP_H
#define MH_STRMAP_H
/*
 * A string -> uint32 hash map (open addressing, linear probing, XXH3 hashes).
 * Keys are copied into the map's own arena on insert; lookups take any byte
 * slice. Values are small integers (person ids, table indexes). Not
 * thread-safe for writes; concurrent lookups on an unchanging map are fine.
 */
#include <stddef.h>
#include <stdint.h>

struct mh_strmap;

struct mh_strmap *mh_strmap_new(void);
void mh_strmap_free(struct mh_strmap *m);
size_t mh_strmap_count(const struct mh_strmap *m);

/* Returns 1 and sets *val when key is present, else 0. */
int mh_strmap_get(const struct mh_strmap *m, const char *key, size_t n, uint32_t *val);
/* Insert or overwrite. Returns 1 if the key was new. */
int mh_strmap_put(struct mh_strmap *m, const char *key, size_t n, uint32_t val);
/* Insert val unless present; either way returns the value now stored. */
uint32_t mh_strmap_intern(struct mh_strmap *m, const char *key, size_t n, uint32_t val);

/* Iterate: *pos starts at 0; returns 1 with key/len/val set, 0 at the end. */
int mh_strmap_next(const struct mh_strmap *m, size_t *pos, const char **key, size_t *n,
                   uint32_t *val);

#endif
