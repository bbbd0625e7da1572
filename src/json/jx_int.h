#ifndef MH_JX_INT_H
#define MH_JX_INT_H
/*
 * Internals shared by the files of the JSON extractor (jx_path.c: compiling
 * paths into the trie; jx.c: the scanner; jx_conv.c: value conversions). Not for use outside
 * src/json/.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "json/jx.h"

/* One radix-trie node; see the design comment in jx.c. */
struct mh_jx_node {
	uint32_t label;  /* offset in labels of the edge text leading here */
	uint16_t len;    /* length of that text (0 for the root) */
	uint16_t first;  /* children are nodes[first .. first + nchild) */
	uint16_t nchild; /* number of children */
	int16_t dot;     /* child whose edge is ".", or -1 */
	int16_t term;    /* first path ending here, or -1; the others via next_dup */
	uint16_t fmask;  /* bit i set for each of the first 16 children */
};

struct mh_jx {
	size_t npaths;
	char **paths;
	int8_t next_dup[MH_JX_MAX_PATHS]; /* next path with the same text, or -1 */
	struct mh_jx_node *nodes;         /* nodes[0] is the root */
	uint8_t *fc;  /* fc[i]: first byte of node i's edge; 16 bytes of padding */
	char *labels; /* edge texts; 16 bytes of padding */
};

#define MH_JX_DEAD (-1)

/* Child of nd whose edge starts with byte c, or MH_JX_DEAD. One vector
 * compare covers 16 children; the root of 64 paths may need four. */
static inline int mh_jx_child(const struct mh_jx *jx, const struct mh_jx_node *nd, uint8_t c)
{
	const __m128i want = _mm_set1_epi8((char)c);
	const uint8_t *f = jx->fc + nd->first;
	unsigned m =
	    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)f), want));

	m &= nd->fmask;
	if (m)
		return nd->first + __builtin_ctz(m);
	for (unsigned i = 16; i < nd->nchild; i++) {
		if (f[i] == c)
			return nd->first + (int)i;
	}
	return MH_JX_DEAD;
}

/* Whether the edge text a[0..len) (padded by 16 bytes) equals k[0..len), where
 * k may be read up to lim. Short labels compare in one vector step. */
static inline int mh_jx_label_eq(const char *a, const char *k, size_t len, const char *lim)
{
	if (len <= 16 && lim - k >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)a);
		__m128i y = _mm_loadu_si128((const __m128i *)k);
		unsigned ne = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y));

		return (ne & ((1u << len) - 1)) == 0;
	}
	return memcmp(a, k, len) == 0;
}

/* Trie state after the bytes k[0..n) from state node, or MH_JX_DEAD when the
 * key does not end exactly on a node of some path. Bytes up to lim >= k + n
 * may be read. */
static inline int mh_jx_walk(const struct mh_jx *jx, int node, const char *k, size_t n,
                             const char *lim)
{
	while (n) {
		int c = mh_jx_child(jx, &jx->nodes[node], (uint8_t)*k);
		const struct mh_jx_node *cn;

		if (c == MH_JX_DEAD)
			return MH_JX_DEAD;
		cn = &jx->nodes[c];
		if (cn->len > n || !mh_jx_label_eq(jx->labels + cn->label, k, cn->len, lim))
			return MH_JX_DEAD;
		k += cn->len;
		n -= cn->len;
		node = c;
	}
	return node;
}

/* Decode the escapes of the raw string body s[0..n) (already validated) into
 * dst, writing at most cap-1 bytes plus a NUL, never splitting a character.
 * With sanitize, raw bytes that are not well-formed UTF-8 become U+FFFD per
 * maximal subpart; without, they are copied as they are (key matching compares
 * bytes, as cJSON does). Returns the bytes written without the NUL. */
size_t mh_jx_unescape(const char *s, size_t n, char *dst, size_t cap, int sanitize);

/* Skip JSON whitespace: space, tab, line feed, carriage return. Minified
 * JSON has none, so one comparison decides the common case. */
static inline const char *mh_jx_ws(const char *p, const char *e)
{
	while (p < e && (unsigned char)*p <= ' ' &&
	       (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

/* The type of the (valid) value that starts with byte c. */
static inline uint8_t mh_jx_type_of(char c)
{
	switch (c) {
	case '"':
		return MH_J_STRING;
	case '{':
		return MH_J_OBJECT;
	case '[':
		return MH_J_ARRAY;
	case 't':
		return MH_J_TRUE;
	case 'f':
		return MH_J_FALSE;
	case 'n':
		return MH_J_NULL;
	default:
		return MH_J_NUMBER;
	}
}

#endif
