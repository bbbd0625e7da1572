#include "extortion/winnow.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

#define SEED 0x6d6f6c6568756e74ull /* "molehunt" */

static int tok_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

static void push(struct mh_fps *f, uint64_t h)
{
	if (f->n == f->cap)
		f->v = mh_grow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n++] = h;
}

/* Hash of the next token at *pos, or 0 with *pos = n at the end. */
static int next_token(const char *s, size_t n, size_t *pos, uint64_t *h)
{
	char buf[64];
	size_t i = *pos, k = 0;
	uint64_t acc = SEED;

	while (i < n && !tok_byte((unsigned char)s[i]))
		i++;
	if (i == n) {
		*pos = n;
		return 0;
	}
	while (i < n && tok_byte((unsigned char)s[i])) {
		unsigned char c = (unsigned char)s[i++];

		buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		if (k == sizeof(buf)) { /* long tokens: chain the chunks through the seed */
			acc = XXH3_64bits_withSeed(buf, k, acc);
			k = 0;
		}
	}
	*h = XXH3_64bits_withSeed(buf, k, acc);
	*pos = i;
	return 1;
}

/*
 * One pass: tokens go into a ring of K hashes; each full ring gives a shingle
 * hash, which goes into a ring of W; each full window selects its minimum.
 * A minimum is recorded when its position differs from the last recorded one.
 */
void mh_winnow(const char *text, size_t n, struct mh_fps *out)
{
	uint64_t tok[MH_WINNOW_K], win[MH_WINNOW_W], h;
	size_t pos = 0, ntok = 0, nsh = 0, last = (size_t)-1;

	while (next_token(text, n, &pos, &h)) {
		uint64_t ordered[MH_WINNOW_K];
		size_t j, best;

		tok[ntok++ % MH_WINNOW_K] = h;
		if (ntok < MH_WINNOW_K)
			continue;
		for (j = 0; j < MH_WINNOW_K; j++)
			ordered[j] = tok[(ntok + j) % MH_WINNOW_K];
		win[nsh++ % MH_WINNOW_W] = XXH3_64bits_withSeed(ordered, sizeof(ordered), SEED);
		if (nsh < MH_WINNOW_W)
			continue;
		best = nsh - MH_WINNOW_W;
		for (j = nsh - MH_WINNOW_W; j < nsh; j++)
			if (win[j % MH_WINNOW_W] <= win[best % MH_WINNOW_W])
				best = j;
		if (best != last) {
			push(out, win[best % MH_WINNOW_W]);
			last = best;
		}
	}
	if (ntok > 0 && ntok < MH_WINNOW_K) {
		push(out, XXH3_64bits_withSeed(tok, ntok * sizeof(tok[0]), SEED));
	} else if (nsh > 0 && nsh < MH_WINNOW_W) {
		size_t j, best = 0;

		for (j = 1; j < nsh; j++)
			if (win[j] <= win[best])
				best = j;
		push(out, win[best]);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void mh_fps_finish(struct mh_fps *f)
{
	size_t i, k = 0;

	if (!f->n)
		return;
	qsort(f->v, f->n, sizeof(*f->v), cmp_u64);
	for (i = 1; i < f->n; i++)
		if (f->v[i] != f->v[k])
			f->v[++k] = f->v[i];
	f->n = k + 1;
}

void mh_fps_cap(struct mh_fps *f, size_t max)
{
	if (f->n > max)
		f->n = max;
}

size_t mh_fps_common(const struct mh_fps *a, const struct mh_fps *b)
{
	size_t i = 0, j = 0, c = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

void mh_fps_release(struct mh_fps *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}
