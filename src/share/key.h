#ifndef MH_SHARE_KEY_H
#define MH_SHARE_KEY_H
/*
 * The consortium secret and the keyed hashes made with it (docs/SHARE.md).
 *
 * A key file holds one to MH_SHARE_KEYS_MAX secrets, one per line as 64 to
 * 128 hex digits (32 to 64 bytes); '#' starts a comment line. The first is
 * the current key (exports use it); the others are kept while the
 * consortium rotates, so bundles and hashes made under them still import
 * and match. The file must be a regular file no one but its owner may read
 * or write (mode 600 or 400).
 *
 * Each secret is never used directly: three keys are derived from it with
 * HMAC-SHA-256 under fixed labels, one to hash artifacts, one to MAC
 * bundles, one to name the key (its id, which bundles carry so an importer
 * can tell which key made them without learning it).
 *
 * An artifact's hash is HMAC-SHA-256(artifact key, kind name, NUL,
 * canonical value): the same value under the same key gives the same hash
 * at every member; the kind keeps a phone from matching an account number
 * with the same digits.
 *
 * Ownership: struct mh_share_keys holds copies of the derived keys (never
 * the secret); mh_share_keys_clear() wipes them.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define MH_SHARE_KEYS_MAX     4
#define MH_SHARE_KEY_FILE_MAX 4096
#define MH_SHARE_HASH_LEN     32
#define MH_SHARE_KID_LEN      16 /* hex digits of a key id */

struct mh_share_key {
	uint8_t art[MH_SHARE_HASH_LEN]; /* artifact hashing key */
	uint8_t mac[MH_SHARE_HASH_LEN]; /* bundle MAC key */
	char id[MH_SHARE_KID_LEN + 1];  /* hex */
};

struct mh_share_keys {
	struct mh_share_key v[MH_SHARE_KEYS_MAX];
	size_t n;
};

/* Load path (checks type and mode first). */
int mh_share_keys_load(struct mh_share_keys *k, const char *path, struct mh_err *err);
/* Parse key-file text; name is used in messages ("name:LINE: why"). */
int mh_share_keys_parse(struct mh_share_keys *k, const char *name, const char *text, size_t n,
                        struct mh_err *err);
void mh_share_keys_clear(struct mh_share_keys *k);
/* The key with this id, or NULL. */
const struct mh_share_key *mh_share_key_find(const struct mh_share_keys *k, const char *id);

/* HMAC of one canonical artifact value of a kind name ("phone"). */
void mh_share_hash(const struct mh_share_key *k, const char *kind, const char *value, size_t n,
                   uint8_t out[MH_SHARE_HASH_LEN]);

/* Write a new key file with a random 32-byte secret, mode 600; never
 * overwrites an existing file. */
int mh_share_keygen(const char *path, struct mh_err *err);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void mh_share_hex(const uint8_t *p, size_t n, char *out);
/* Parse exactly 2n lower- or upper-case hex digits into out; 0 or -1. */
int mh_share_unhex(const char *s, size_t len, uint8_t *out, size_t n);
/* Constant-time comparison of n bytes: 1 when equal. */
int mh_share_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif
