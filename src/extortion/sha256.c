#include "extortion/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

static void fail(const char *what)
{
	fprintf(stderr, "molehunt: OpenSSL SHA-256 %s failed\n", what);
	exit(3);
}

void mh_sha256_init(struct mh_sha256 *h)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c)
		fail("context");
	if (EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
		fail("init");
	h->ctx = c;
}

void mh_sha256_update(struct mh_sha256 *h, const void *p, size_t n)
{
	if (n && EVP_DigestUpdate(h->ctx, p, n) != 1)
		fail("update");
}

void mh_sha256_final(struct mh_sha256 *h, uint8_t out[MH_SHA256_LEN])
{
	unsigned len = 0;

	if (EVP_DigestFinal_ex(h->ctx, out, &len) != 1 || len != MH_SHA256_LEN)
		fail("final");
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

void mh_sha256_abort(struct mh_sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

void mh_sha256(const void *p, size_t n, uint8_t out[MH_SHA256_LEN])
{
	struct mh_sha256 h;

	mh_sha256_init(&h);
	mh_sha256_update(&h, p, n);
	mh_sha256_final(&h, out);
}

char *mh_sha256_hex(const uint8_t d[MH_SHA256_LEN], char *out)
{
	static const char hx[] = "0123456789abcdef";
	int i;

	for (i = 0; i < MH_SHA256_LEN; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[2 * MH_SHA256_LEN] = '\0';
	return out;
}

char *mh_sha256_hexof(const void *p, size_t n, char *out)
{
	uint8_t d[MH_SHA256_LEN];

	mh_sha256(p, n, d);
	return mh_sha256_hex(d, out);
}

int mh_sha256_is_hex(const char *s, size_t n)
{
	size_t i;

	if (n != 2 * MH_SHA256_LEN)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}
