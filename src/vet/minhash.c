/*
 * MinHash (minhash.h). Each shingle is hashed once to 64 bits (word hashes
 * combined in order); the K hash functions are h_i(x) = (a_i * x + b_i) >> 32
 * with odd 64-bit a_i, a multiply-shift family, cheap enough to apply K times
 * per shingle (100,000 resumes of ~150 words take well under a second).
 */
#include "vet/minhash.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

#define MAX_W 8

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

struct coefs {
	uint64_t a[MH_MINHASH_K], b[MH_MINHASH_K];
};

static const struct coefs *coefs(void)
{
	static struct coefs c;
	static int ready;
	int i;

	if (__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
		return &c;
	for (i = 0; i < MH_MINHASH_K; i++) {
		c.a[i] = mix(0x9e3779b97f4a7c15ull * (uint64_t)(2 * i + 1)) | 1;
		c.b[i] = mix(0x632be59bd9b4e019ull + (uint64_t)i);
	}
	/* concurrent first calls write the same values */
	__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	return &c;
}

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static void add(struct mh_minhash *sig, const struct coefs *c, uint64_t x)
{
	int i;

	for (i = 0; i < MH_MINHASH_K; i++) {
		uint32_t h = (uint32_t)((c->a[i] * x + c->b[i]) >> 32);

		if (h < sig->v[i])
			sig->v[i] = h;
	}
}

/* Next word's hash from *pos, or 0 at the end. */
static int next_word(const char *t, size_t n, size_t *pos, uint64_t *h)
{
	char buf[64];
	size_t i = *pos, k = 0;

	while (i < n && !word_char((unsigned char)t[i]))
		i++;
	if (i >= n)
		return 0;
	while (i < n && word_char((unsigned char)t[i])) {
		char ch = t[i++];

		if (k < sizeof(buf))
			buf[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
	}
	*pos = i;
	*h = XXH3_64bits(buf, k);
	return 1;
}

/* Call fn on each shingle hash of text; returns the count. */
static size_t shingles(const char *text, size_t n, unsigned w, void (*fn)(void *arg, uint64_t h),
                       void *arg)
{
	uint64_t ring[MAX_W], h;
	size_t pos = 0, words = 0, count = 0;
	unsigned k;

	if (w < 1)
		w = 1;
	if (w > MAX_W)
		w = MAX_W;
	while (next_word(text, n, &pos, &h)) {
		ring[words % w] = h;
		words++;
		if (words < w)
			continue;
		for (k = 0, h = 0x51ed27u; k < w; k++)
			h = mix(h ^ ring[(words - w + k) % w]);
		fn(arg, h);
		count++;
	}
	if (words && !count) {
		for (k = 0, h = 0x51ed27u; k < words; k++)
			h = mix(h ^ ring[k]);
		fn(arg, h);
		count = 1;
	}
	return count;
}

struct sig_arg {
	struct mh_minhash *sig;
	const struct coefs *c;
};

static void to_sig(void *arg, uint64_t h)
{
	struct sig_arg *s = arg;

	add(s->sig, s->c, h);
}

size_t mh_minhash_text(const char *text, size_t n, unsigned w, struct mh_minhash *sig)
{
	struct sig_arg s = {sig, coefs()};

	memset(sig->v, 0xff, sizeof(sig->v));
	return shingles(text, n, w, to_sig, &s);
}

struct hv {
	uint64_t *v;
	size_t n, cap;
};

static void to_vec(void *arg, uint64_t h)
{
	struct hv *x = arg;

	x->v = mh_grow(x->v, &x->cap, x->n + 1, sizeof(*x->v));
	x->v[x->n++] = h;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Sort and drop duplicates. */
static void set_of(struct hv *x)
{
	size_t i, o = 0;

	qsort(x->v, x->n, sizeof(*x->v), cmp_u64);
	for (i = 0; i < x->n; i++)
		if (!o || x->v[o - 1] != x->v[i])
			x->v[o++] = x->v[i];
	x->n = o;
}

double mh_shingle_jaccard(const char *a, size_t na, const char *b, size_t nb, unsigned w)
{
	struct hv x = {NULL, 0, 0}, y = {NULL, 0, 0};
	size_t i = 0, j = 0, both = 0;
	double r = 0;

	shingles(a, na, w, to_vec, &x);
	shingles(b, nb, w, to_vec, &y);
	if (x.n && y.n) {
		set_of(&x);
		set_of(&y);
		while (i < x.n && j < y.n) {
			if (x.v[i] == y.v[j])
				both++, i++, j++;
			else if (x.v[i] < y.v[j])
				i++;
			else
				j++;
		}
		r = (double)both / (double)(x.n + y.n - both);
	}
	free(x.v);
	free(y.v);
	return r;
}

double mh_minhash_sim(const struct mh_minhash *a, const struct mh_minhash *b)
{
	int i, eq = 0;

	for (i = 0; i < MH_MINHASH_K; i++)
		eq += a->v[i] == b->v[i];
	return (double)eq / MH_MINHASH_K;
}

uint64_t mh_minhash_band(const struct mh_minhash *s, unsigned b)
{
	uint64_t key[MH_MINHASH_ROWS / 2 + 1];

	memset(key, 0, sizeof(key));
	memcpy(key, s->v + b * MH_MINHASH_ROWS, MH_MINHASH_ROWS * sizeof(uint32_t));
	return XXH3_64bits_withSeed(key, MH_MINHASH_ROWS * sizeof(uint32_t), b + 1);
}
