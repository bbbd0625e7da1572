/*
 * Converting the values mh_jx_extract() found: unescaping strings into valid
 * UTF-8, integers, doubles, and walking arrays. All inputs are spans of a
 * document that mh_jx_extract() validated; nothing here allocates except
 * mh_jx_double() for numbers longer than 128 bytes.
 */
#include "json/jx_int.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "util/xalloc.h"

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else
			v |= (c | 0x20) - 'a' + 10;
	}
	return v;
}

static size_t utf8_put(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | cp >> 6);
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | cp >> 12);
		d[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | cp >> 18);
	d[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	d[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..n) (s[0] >= 0x80), or the
 * negated length of its maximal ill-formed subpart (Unicode 15, 3.9, Table
 * 3-7 gives the allowed second bytes per lead byte).
 */
static int utf8_len(const uint8_t *s, size_t n)
{
	uint8_t c = s[0], lo = 0x80, hi = 0xBF;
	int need;

	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3;
	else
		return -1;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (int i = 1; i <= need; i++) {
		if ((size_t)i >= n || s[i] < lo || s[i] > hi)
			return -i;
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

struct out {
	char *d;
	size_t len, cap; /* cap excludes the NUL */
	int full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->full || n > o->cap - o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->d + o->len, s, n);
	o->len += n;
}

/* Bytes that may be cut anywhere (ASCII, or raw key bytes). */
static void put_part(struct out *o, const char *s, size_t n)
{
	if (n > o->cap - o->len) {
		n = o->cap - o->len;
		o->full = 1;
	}
	memcpy(o->d + o->len, s, n);
	o->len += n;
}

static void put_cp(struct out *o, uint32_t cp)
{
	char b[4];

	put(o, b, utf8_put(b, cp));
}

/* Index of the first byte >= 0x80 in s[i..n), or n. */
static size_t ascii_end(const char *s, size_t i, size_t n)
{
	for (; n - i >= 16; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i)));

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (n - i >= 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			return i + (size_t)__builtin_ctzll(w & 0x8080808080808080ull) / 8;
		i += 8;
	}
	while (i < n && (signed char)s[i] >= 0)
		i++;
	return i;
}

/* Raw bytes s[0..n) (no backslash among them). */
static void put_raw(struct out *o, const char *s, size_t n, int sanitize)
{
	size_t i = 0;

	if (!sanitize) {
		put_part(o, s, n);
		return;
	}
	while (i < n && !o->full) {
		size_t j = ascii_end(s, i, n);
		int k;

		put_part(o, s + i, j - i);
		if (j == n)
			break;
		k = utf8_len((const uint8_t *)s + j, n - j);
		if (k > 0)
			put(o, s + j, (size_t)k);
		else
			put_cp(o, 0xFFFD);
		i = j + (size_t)(k > 0 ? k : -k);
	}
}

/* The escape at s[0] (a backslash); returns the raw bytes it used. */
static size_t put_escape(struct out *o, const char *s, size_t n)
{
	static const char simple[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
	int cp, lo;

	if (s[1] != 'u') {
		const char *m = strchr(simple, s[1]);

		put(o, m + 1, 1);
		return 2;
	}
	cp = hex4(s + 2);
	if (cp >= 0xD800 && cp <= 0xDBFF && n >= 12 && s[6] == '\\' && s[7] == 'u') {
		lo = hex4(s + 8);
		if (lo >= 0xDC00 && lo <= 0xDFFF) {
			put_cp(o,
			       0x10000 + (((uint32_t)cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00));
			return 12;
		}
	}
	put_cp(o, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : (uint32_t)cp);
	return 6;
}

size_t mh_jx_unescape(const char *s, size_t n, char *dst, size_t cap, int sanitize)
{
	struct out o = {.d = dst, .cap = cap - 1};
	size_t i = 0;

	if (cap == 0)
		return 0;
	while (i < n && !o.full) {
		const char *bs = memchr(s + i, '\\', n - i);
		size_t j = bs ? (size_t)(bs - s) : n;

		put_raw(&o, s + i, j - i, sanitize);
		if (j == n)
			break;
		i = j + put_escape(&o, s + j, n - j);
	}
	dst[o.len] = '\0';
	return o.len;
}

size_t mh_jx_string(const struct mh_jval *v, char *dst, size_t cap)
{
	if (cap == 0)
		return 0;
	if (!v || v->type != MH_J_STRING) {
		dst[0] = '\0';
		return 0;
	}
	/* The common case: plain ASCII that fits. */
	if (!v->escaped && v->n < cap && ascii_end(v->p, 0, v->n) == v->n) {
		memcpy(dst, v->p, v->n);
		dst[v->n] = '\0';
		return v->n;
	}
	return mh_jx_unescape(v->p, v->n, dst, cap, 1);
}

/* Integer digits s[0..n) with optional leading '-'; no other characters. */
static int parse_int(const char *s, size_t n, int64_t *out)
{
	int neg = n > 0 && s[0] == '-';
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	if ((size_t)neg == n)
		return -1;
	for (size_t i = (size_t)neg; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (d > 9 || v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

int mh_jx_int(const struct mh_jval *v, int64_t *out)
{
	if (!v || v->type != MH_J_NUMBER)
		return -1;
	return parse_int(v->p, v->n, out);
}

int mh_jx_int_str(const struct mh_jval *v, int64_t *out)
{
	char buf[32];
	size_t n;

	if (!v || v->type != MH_J_STRING)
		return mh_jx_int(v, out);
	if (!v->escaped)
		return parse_int(v->p, v->n, out);
	if (v->n > 6 * sizeof(buf))
		return -1;
	n = mh_jx_unescape(v->p, v->n, buf, sizeof(buf), 0);
	if (n >= sizeof(buf) - 1)
		return -1;
	return parse_int(buf, n, out);
}

/*
 * Clinger's fast path: when the decimal significand fits in 53 bits and the
 * power of ten is at most 22, one IEEE multiplication or division of two exact
 * values is correctly rounded, as strtod is. Returns 0 when it applies.
 */
static int fast_double(const char *s, size_t n, double *out)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	uint64_t m = 0;
	int exp = 0, nd = 0, neg = s[0] == '-';
	size_t i = (size_t)neg;

	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++)
		m = m * 10 + (uint64_t)(s[i] - '0');
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++, exp--)
			m = m * 10 + (uint64_t)(s[i] - '0');
	}
	if (i != n || nd > 19 || m > (1ull << 53) || exp < -22)
		return -1;
	*out = exp ? (double)m / p10[-exp] : (double)m;
	if (neg)
		*out = -*out;
	return 0;
}

int mh_jx_double(const struct mh_jval *v, double *out)
{
	char stack[128], *buf = stack, *end, point;
	double d;

	if (!v || v->type != MH_J_NUMBER)
		return -1;
	if (fast_double(v->p, v->n, out) == 0)
		return 0;
	point = *localeconv()->decimal_point;
	if (v->n >= sizeof(stack))
		buf = mh_malloc(v->n + 1);
	/* strtod follows LC_NUMERIC; JSON always writes '.'. */
	for (size_t i = 0; i < v->n; i++)
		buf[i] = v->p[i] == '.' ? point : v->p[i];
	buf[v->n] = '\0';
	d = strtod(buf, &end);
	if (buf != stack)
		free(buf);
	if (isinf(d))
		return -1;
	*out = d;
	return 0;
}

int mh_jx_array_next(const struct mh_jval *arr, size_t *pos, struct mh_jval *elem)
{
	const char *b, *e, *p, *q;
	size_t len;

	if (!arr || arr->type != MH_J_ARRAY || *pos >= arr->n)
		return 0;
	b = arr->p;
	e = b + arr->n;
	p = *pos == 0 ? mh_jx_ws(b + 1, e) : b + *pos;
	if (p >= e || *p == ']' || mh_jx_skip_value(p, (size_t)(e - p), &len, NULL) < 0) {
		*pos = arr->n;
		return 0;
	}
	q = mh_jx_ws(p + len, e);
	if (q < e && *q == ',')
		q = mh_jx_ws(q + 1, e);
	*pos = (size_t)(q - b);
	elem->type = mh_jx_type_of(*p);
	elem->escaped = 0;
	elem->p = p;
	elem->n = len;
	if (elem->type == MH_J_STRING) {
		elem->p = p + 1;
		elem->n = len - 2;
		elem->escaped = memchr(elem->p, '\\', elem->n) != NULL;
	}
	return 1;
}
