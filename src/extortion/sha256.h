#ifndef MH_SHA256_H
#define MH_SHA256_H
/*
 * SHA-256 through OpenSSL's EVP interface: one-shot and streaming. Evidence,
 * leaked files and the case log's hash chain all use it.
 *
 * Ownership: struct mh_sha256 owns its EVP context from init until final
 * (final releases it). A context that cannot be allocated aborts, as mh_malloc
 * does.
 */
#include <stddef.h>
#include <stdint.h>

#define MH_SHA256_LEN 32
#define MH_SHA256_HEX 65 /* 64 hex digits and a NUL */

struct mh_sha256 {
	void *ctx; /* EVP_MD_CTX */
};

void mh_sha256_init(struct mh_sha256 *h);
void mh_sha256_update(struct mh_sha256 *h, const void *p, size_t n);
void mh_sha256_final(struct mh_sha256 *h, uint8_t out[MH_SHA256_LEN]);
/* Release without a result (an abandoned stream). */
void mh_sha256_abort(struct mh_sha256 *h);

void mh_sha256(const void *p, size_t n, uint8_t out[MH_SHA256_LEN]);
/* Lower-case hex of a digest into out (MH_SHA256_HEX bytes). Returns out. */
char *mh_sha256_hex(const uint8_t d[MH_SHA256_LEN], char *out);
/* SHA-256 of p as lower-case hex. */
char *mh_sha256_hexof(const void *p, size_t n, char *out);
/* Is s exactly 64 hex digits (either case)? */
int mh_sha256_is_hex(const char *s, size_t n);

#endif
