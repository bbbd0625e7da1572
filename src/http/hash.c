/* Hashing helpers over Nettle. */
#include "http/hash.h"

#include <nettle/hmac.h>
#include <nettle/sha2.h>

void mh_http_sha256(const void *p, size_t n, unsigned char out[MH_SHA256_LEN])
{
	struct sha256_ctx c;

	sha256_init(&c);
	sha256_update(&c, n, p);
	sha256_digest(&c, MH_SHA256_LEN, out);
}

void mh_http_hmac_sha256(const unsigned char *key, size_t keylen, const void *msg, size_t n,
                         unsigned char out[MH_SHA256_LEN])
{
	struct hmac_sha256_ctx c;

	hmac_sha256_set_key(&c, keylen, key);
	hmac_sha256_update(&c, n, msg);
	hmac_sha256_digest(&c, MH_SHA256_LEN, out);
}

int mh_http_ct_equal(const unsigned char *a, const unsigned char *b, size_t n)
{
	unsigned char d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

void mh_http_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}
