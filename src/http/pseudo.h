#ifndef MH_HTTP_PSEUDO_H
#define MH_HTTP_PSEUDO_H
/*
 * Stable pseudonyms: "adjective-animal-NNNN" from HMAC-SHA-256(salt, person
 * key). The salt is 32 random bytes kept in the store (serve_meta), made on
 * first use, so a person keeps the same pseudonym across restarts and the
 * names cannot be recomputed without the store. 128 x 128 x 10,000 names make
 * a collision among 10,000 people unlikely (about one store in three has
 * one); the index resolves any by deriving again with an attempt counter, in
 * key order, so the result is stable for a given population.
 *
 * No allocation; the word lists are static.
 */
#include <stddef.h>

#include "http/hash.h"
#include "util/err.h"

#define MH_PSEUDO_MAX   48
#define MH_PSEUDO_WORDS 128

struct sqlite3;

extern const char *const mh_pseudo_adjectives[MH_PSEUDO_WORDS];
extern const char *const mh_pseudo_animals[MH_PSEUDO_WORDS];

/* The store's salt, created (inside its own transaction) when absent. */
int mh_pseudo_salt(struct sqlite3 *db, unsigned char salt[MH_SHA256_LEN], struct mh_err *err);

/* The pseudonym of a person key; attempt > 0 derives the alternatives used
 * when an earlier attempt collided. */
void mh_pseudo_name(const unsigned char salt[MH_SHA256_LEN], const char *key, int resolved,
                    unsigned attempt, char out[MH_PSEUDO_MAX]);

/* Does s look like a pseudonym (lower-case words, dashes, digits; bounded)? */
int mh_pseudo_valid(const char *s);

#endif
