#ifndef MH_HTTP_HASH_H
#define MH_HTTP_HASH_H
/*
 * SHA-256 and HMAC-SHA-256 (Nettle), a constant-time comparison and hex
 * encoding: what tokens, pseudonyms and the audit log need. No allocation.
 */
#include <stddef.h>

#define MH_SHA256_LEN 32

void mh_http_sha256(const void *p, size_t n, unsigned char out[MH_SHA256_LEN]);
void mh_http_hmac_sha256(const unsigned char *key, size_t keylen, const void *msg, size_t n,
                         unsigned char out[MH_SHA256_LEN]);
/* 1 when a and b (n bytes each) are equal; time depends only on n. */
int mh_http_ct_equal(const unsigned char *a, const unsigned char *b, size_t n);
/* Lower-case hex of the first n bytes of p into out (2n+1 bytes). */
void mh_http_hex(const unsigned char *p, size_t n, char *out);

#endif
