/* Consortium keys and keyed hashes (key.h), over Nettle's HMAC-SHA-256. */
#include "share/key.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/secret.h"

#define SECRET_MIN 32
#define SECRET_MAX 64

static void hmac(const uint8_t *key, size_t klen, const void *msg, size_t n,
                 uint8_t out[MH_SHARE_HASH_LEN])
{
	struct hmac_sha256_ctx c;

	hmac_sha256_set_key(&c, klen, key);
	hmac_sha256_update(&c, n, msg);
	hmac_sha256_digest(&c, MH_SHARE_HASH_LEN, out);
	explicit_bzero(&c, sizeof(c));
}

void mh_share_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int mh_share_unhex(const char *s, size_t len, uint8_t *out, size_t n)
{
	size_t i;

	if (len != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int mh_share_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= (uint8_t)(a[i] ^ b[i]);
	return d == 0;
}

/* The three keys of one secret, under fixed labels. */
static void derive(struct mh_share_key *k, const uint8_t *secret, size_t n)
{
	static const char l_art[] = "molehunt-share artifact v1",
	                  l_mac[] = "molehunt-share bundle v1", l_id[] = "molehunt-share key id v1";
	uint8_t id[MH_SHARE_HASH_LEN];

	hmac(secret, n, l_art, sizeof(l_art) - 1, k->art);
	hmac(secret, n, l_mac, sizeof(l_mac) - 1, k->mac);
	hmac(secret, n, l_id, sizeof(l_id) - 1, id);
	mh_share_hex(id, MH_SHARE_KID_LEN / 2, k->id);
}

static int key_line(struct mh_share_keys *k, const char *name, unsigned line, const char *p,
                    size_t len, struct mh_err *err)
{
	uint8_t secret[SECRET_MAX];
	size_t i;

	if (len < 2 * SECRET_MIN || len > 2 * SECRET_MAX || len % 2 ||
	    mh_share_unhex(p, len, secret, len / 2))
		return mh_err_set(err, MH_EINPUT, "%s:%u: not a key: %d to %d hex digits expected",
		                  name, line, 2 * SECRET_MIN, 2 * SECRET_MAX);
	if (k->n == MH_SHARE_KEYS_MAX) {
		explicit_bzero(secret, sizeof(secret));
		return mh_err_set(err, MH_ELIMIT, "%s:%u: more than %d keys", name, line,
		                  MH_SHARE_KEYS_MAX);
	}
	derive(&k->v[k->n], secret, len / 2);
	explicit_bzero(secret, sizeof(secret));
	for (i = 0; i < k->n; i++)
		if (!strcmp(k->v[i].id, k->v[k->n].id))
			return mh_err_set(err, MH_EINPUT, "%s:%u: the same key twice", name, line);
	k->n++;
	return 0;
}

int mh_share_keys_parse(struct mh_share_keys *k, const char *name, const char *text, size_t n,
                        struct mh_err *err)
{
	const char *p = text, *end = text + n;
	unsigned line = 0;

	mh_share_keys_clear(k);
	if (n > MH_SHARE_KEY_FILE_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: larger than %d bytes", name,
		                  MH_SHARE_KEY_FILE_MAX);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *b = p, *e;

		if (!eol)
			eol = end;
		line++;
		for (e = eol; e > b && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		if (b < e && *b != '#' && key_line(k, name, line, b, (size_t)(e - b), err)) {
			mh_share_keys_clear(k);
			return -1;
		}
		p = eol + (eol < end);
	}
	if (!k->n)
		return mh_err_set(err, MH_EINPUT, "%s: no key", name);
	return 0;
}

int mh_share_keys_load(struct mh_share_keys *k, const char *path, struct mh_err *err)
{
	char buf[MH_SHARE_KEY_FILE_MAX + 2];
	size_t n = 0;
	int rc;

	/* one byte over the limit is read, so that the parser refuses it */
	if (mh_secret_read(NULL, path, buf, sizeof(buf), sizeof(buf) - 1, &n, err))
		return -1;
	rc = mh_share_keys_parse(k, path, buf, n, err);
	explicit_bzero(buf, sizeof(buf));
	return rc;
}

void mh_share_keys_clear(struct mh_share_keys *k)
{
	explicit_bzero(k, sizeof(*k));
}

const struct mh_share_key *mh_share_key_find(const struct mh_share_keys *k, const char *id)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (!strcmp(k->v[i].id, id))
			return &k->v[i];
	return NULL;
}

void mh_share_hash(const struct mh_share_key *k, const char *kind, const char *value, size_t n,
                   uint8_t out[MH_SHARE_HASH_LEN])
{
	struct hmac_sha256_ctx c;

	hmac_sha256_set_key(&c, MH_SHARE_HASH_LEN, k->art);
	hmac_sha256_update(&c, strlen(kind) + 1, (const uint8_t *)kind);
	hmac_sha256_update(&c, n, (const uint8_t *)value);
	hmac_sha256_digest(&c, MH_SHARE_HASH_LEN, out);
	explicit_bzero(&c, sizeof(c));
}

int mh_share_keygen(const char *path, struct mh_err *err)
{
	uint8_t secret[SECRET_MIN];
	char text[160 + 2 * SECRET_MIN];
	int fd, len, ok;

	if (getrandom(secret, sizeof(secret), 0) != (ssize_t)sizeof(secret))
		return mh_err_set(err, MH_EIO, "no randomness for a key");
	len = snprintf(text, sizeof(text),
	               "# molehunt consortium key: give it to members over a secure channel\n");
	mh_share_hex(secret, sizeof(secret), text + len);
	explicit_bzero(secret, sizeof(secret));
	len += 2 * SECRET_MIN;
	text[len++] = '\n';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		explicit_bzero(text, sizeof(text));
		return mh_err_set(err, MH_EINPUT, "%s: %s", path, strerror(errno));
	}
	ok = write(fd, text, (size_t)len) == len;
	explicit_bzero(text, sizeof(text));
	if (close(fd) || !ok) {
		unlink(path);
		return mh_err_set(err, MH_EIO, "%s: cannot write the key", path);
	}
	return 0;
}
