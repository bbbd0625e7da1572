/*
 * On-demand JSON field extraction (see jx.h for the contract).
 *
 * Design. The hot path answers ~10 dotted paths per ~500-byte record, so the
 * work is: validate every byte once, and spend effort only on the keys that
 * can still lead to a requested path.
 *
 * The paths are compiled into one radix trie over their full dotted text
 * ("client.ipAddress" is the string c-l-i-e-n-t-.-i-p...). A node boundary is
 * forced before and after every '.' and at every path end, so the '.' edge is
 * always alone. A key is matched by walking the trie from the state of its
 * object over the key's bytes (one child lookup by first byte, SSE2 over up to
 * 16 candidates, then one 16-byte compare per edge); it must end exactly on a
 * node. If that node ends a path, the value is recorded unless the path
 * already has one (first in document order wins, duplicate keys included). If
 * the value is an object and the node has a '.' child, the object is scanned
 * live from that child: that is how {"client":{"geo":{"city":..}}},
 * {"client.geo":{"city":..}} and {"client.geo.city":..} all reach the same
 * node, with no per-path code. Escaped keys are unescaped into a stack buffer
 * first. A counter of unanswered paths turns every key dead once it is zero.
 *
 * Every value the trie cannot use (dead state, arrays, all paths found) goes
 * to skip_value(): an iterative validating scanner that keeps one bit per open
 * container (object or array) in a uint64_t, which is enough because nesting
 * is limited to MH_JX_MAX_DEPTH = 64. It checks structure, literals, the
 * number grammar and string escapes, and never allocates or recurses.
 *
 * Strings (keys and values) are the bulk of the bytes. find_special() looks
 * for '"', '\\' and bytes < 0x20 sixteen at a time (SSE2 is part of the
 * x86-64-v2 baseline), or 32 at a time with AVX2 when the CPU has it and the
 * string is long; an escape is checked and the search resumes after it. The
 * input is not NUL-terminated and may end at a page boundary, so every read
 * is bounds-checked and vector loads happen only while 16 (32) bytes remain.
 *
 * The live part (live_object/live_value) recurses once per object level that
 * still matters; its depth is bounded by MH_JX_MAX_DEPTH like everything else.
 * Errors record the failing position and a static reason; the caller turns
 * them into "column N: reason" once.
 */
#include "json/jx.h"
#include "json/jx_int.h"

#include <immintrin.h>
#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"

/* ---- scanner ---------------------------------------------------------- */

struct scan {
	const char *end;
	const struct mh_jx *jx;
	struct mh_jval *out;
	size_t left; /* output slots still absent */
	const char *errp;
	const char *why;
};

static const char UNEXPECTED[] = "unexpected character";

static const char *fail(struct scan *s, const char *p, const char *why)
{
	s->errp = p;
	s->why = p == s->end ? "unexpected end of input" : why;
	return NULL;
}

static const uint8_t hexval[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static inline int is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static inline int is_special(unsigned char c)
{
	return c == '"' || c == '\\' || c < 0x20;
}

__attribute__((target("avx2"))) static const char *find_special_avx2(const char *p, const char *e)
{
	const __m256i q = _mm256_set1_epi8('"'), b = _mm256_set1_epi8('\\');
	const __m256i c = _mm256_set1_epi8(0x1f);

	while (e - p >= 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)p);
		__m256i m = _mm256_or_si256(_mm256_cmpeq_epi8(v, q), _mm256_cmpeq_epi8(v, b));
		unsigned mask;

		m = _mm256_or_si256(m, _mm256_cmpeq_epi8(_mm256_min_epu8(v, c), v));
		mask = (unsigned)_mm256_movemask_epi8(m);
		if (mask)
			return p + __builtin_ctz(mask);
		p += 32;
	}
	return p;
}

static int have_avx2;

__attribute__((constructor)) static void jx_cpu_init(void)
{
	__builtin_cpu_init();
	have_avx2 = __builtin_cpu_supports("avx2");
}

static inline unsigned special16(const char *p)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));

	m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v));
	return (unsigned)_mm_movemask_epi8(m);
}

/* First byte in [p, e) that is '"', '\\' or a control character, or e. */
static const char *find_special(const char *p, const char *e)
{
	while (e - p >= 16) {
		unsigned mask = special16(p);

		if (mask)
			return p + __builtin_ctz(mask);
		p += 16;
		/* Long strings (user agents, command lines): 32 bytes a step. It
		 * returns the first special byte or where fewer than 32 remain. */
		if (have_avx2 && e - p >= 64) {
			p = find_special_avx2(p, e);
			if (p < e && is_special((unsigned char)*p))
				return p;
		}
	}
	while (p < e && !is_special((unsigned char)*p))
		p++;
	return p;
}

/* The same, inline for the common case: the end is in the first 16 bytes. */
static inline const char *find_special_fast(const char *p, const char *e)
{
	if (e - p >= 16) {
		unsigned mask = special16(p);

		if (mask)
			return p + __builtin_ctz(mask);
		return find_special(p + 16, e);
	}
	return find_special(p, e);
}

/* p is at a backslash inside a string; returns the position after the escape. */
static const char *scan_escape(struct scan *s, const char *p)
{
	const char *e = s->end;

	if (e - p < 2)
		return fail(s, e, "");
	switch (p[1]) {
	case '"':
	case '\\':
	case '/':
	case 'b':
	case 'f':
	case 'n':
	case 'r':
	case 't':
		return p + 2;
	case 'u':
		for (int i = 2; i < 6; i++) {
			if (p + i == e)
				return fail(s, e, "");
			if (!hexval[(unsigned char)p[i]])
				return fail(s, p + i, "invalid hex digit in \\u escape");
		}
		return p + 6;
	default:
		return fail(s, p + 1, "invalid escape in string");
	}
}

/* p is just after the opening quote; returns the position after the closing
 * quote and sets *esc when the string holds a backslash. */
__attribute__((always_inline)) static inline const char *scan_string(struct scan *s, const char *p,
                                                                     int *esc)
{
	const char *e = s->end;

	for (;;) {
		p = find_special_fast(p, e);
		if (p == e)
			return fail(s, p, "");
		if (*p == '"')
			return p + 1;
		if (*p != '\\')
			return fail(s, p, "control character in string");
		*esc = 1;
		p = scan_escape(s, p);
		if (!p)
			return NULL;
	}
}

static const char *digits(const char *p, const char *e)
{
	while (p < e && is_digit(*p))
		p++;
	return p;
}

/* RFC 8259: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static const char *scan_number(struct scan *s, const char *p)
{
	const char *e = s->end;

	if (*p == '-')
		p++;
	if (p == e || !is_digit(*p))
		return fail(s, p, "digit expected in number");
	if (*p == '0') {
		p++;
		if (p < e && is_digit(*p))
			return fail(s, p - 1, "leading zero in number");
	} else {
		p = digits(p, e);
	}
	if (p < e && *p == '.') {
		p++;
		if (p == e || !is_digit(*p))
			return fail(s, p, "digit expected after decimal point");
		p = digits(p, e);
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p == e || !is_digit(*p))
			return fail(s, p, "digit expected in exponent");
		p = digits(p, e);
	}
	return p;
}

static const char *scan_literal(struct scan *s, const char *p, const char *lit, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p + i == s->end || p[i] != lit[i])
			return fail(s, p + i, "invalid literal");
	}
	return p + n;
}

/* A scalar value at p (not '{' or '['); returns the position after it. */
static const char *scan_scalar(struct scan *s, const char *p)
{
	int esc = 0;

	switch (*p) {
	case '"':
		return scan_string(s, p + 1, &esc);
	case 't':
		return scan_literal(s, p, "true", 4);
	case 'f':
		return scan_literal(s, p, "false", 5);
	case 'n':
		return scan_literal(s, p, "null", 4);
	default:
		if (*p == '-' || is_digit(*p))
			return scan_number(s, p);
		return fail(s, p, UNEXPECTED);
	}
}

/*
 * Skip one value at p, validating it; depth = containers already open around
 * it. A state machine over three states: `value` expects a value, `next`
 * follows a complete value, `key` expects an object key. Bit i of objs tells
 * whether the i-th innermost open container is an object.
 */
static const char *skip_value(struct scan *s, const char *p, unsigned depth)
{
	const char *e = s->end;
	uint64_t objs = 0;
	unsigned d = 0;
	int esc;

value:
	p = mh_jx_ws(p, e);
	if (p == e)
		return fail(s, p, "");
	if (*p == '{' || *p == '[') {
		int obj = *p == '{';

		if (depth + d >= MH_JX_MAX_DEPTH)
			return fail(s, p, "nesting deeper than 64");
		objs = objs << 1 | (uint64_t)obj;
		d++;
		p = mh_jx_ws(p + 1, e);
		if (p < e && *p == (obj ? '}' : ']')) {
			p++;
			objs >>= 1;
			d--;
			goto next;
		}
		if (obj)
			goto key;
		goto value;
	}
	p = scan_scalar(s, p);
	if (!p)
		return NULL;
next:
	if (d == 0)
		return p;
	p = mh_jx_ws(p, e);
	if (p < e && *p == ',') {
		p = mh_jx_ws(p + 1, e);
		if (objs & 1)
			goto key;
		goto value;
	}
	if (p < e && *p == ((objs & 1) ? '}' : ']')) {
		p++;
		objs >>= 1;
		d--;
		goto next;
	}
	return fail(s, p, (objs & 1) ? "',' or '}' expected" : "',' or ']' expected");
key:
	if (p == e || *p != '"')
		return fail(s, p, "object key expected");
	p = scan_string(s, p + 1, &esc);
	if (!p)
		return NULL;
	p = mh_jx_ws(p, e);
	if (p == e || *p != ':')
		return fail(s, p, "':' expected after object key");
	p++;
	goto value;
}

/* ---- live scanning: objects whose keys may still lead to a path -------- */

/* Trie state after the key k[0..n) (raw, with escapes when esc). */
__attribute__((noinline)) static int escaped_key_state(const struct scan *s, int node,
                                                       const char *k, size_t n)
{
	char buf[6 * MH_JX_MAX_PATH_LEN + 32];

	/* Each unescaped byte costs at most 6 raw ones: longer keys cannot match. */
	if (n > 6 * MH_JX_MAX_PATH_LEN)
		return MH_JX_DEAD;
	n = mh_jx_unescape(k, n, buf, sizeof(buf), 0);
	return mh_jx_walk(s->jx, node, buf, n, buf + sizeof(buf));
}

static inline int key_state(const struct scan *s, int node, const char *k, size_t n, int esc)
{
	if (node == MH_JX_DEAD || s->left == 0)
		return MH_JX_DEAD;
	if (!esc)
		return mh_jx_walk(s->jx, node, k, n, s->end);
	return escaped_key_state(s, node, k, n);
}

static void record(struct scan *s, int term, const struct mh_jval *v)
{
	for (int i = term; i >= 0; i = s->jx->next_dup[i]) {
		if (s->out[i].type == MH_J_ABSENT) {
			s->out[i] = *v;
			s->left--;
		}
	}
}

static const char *live_object(struct scan *s, const char *p, int node, unsigned depth);

/* The value of a key that led to trie node `node`; depth = open containers. */
static const char *live_value(struct scan *s, const char *p, int node, unsigned depth)
{
	const struct mh_jx_node *nd;
	struct mh_jval v = {0};
	const char *q;
	int esc = 0;

	if (node == MH_JX_DEAD || s->left == 0 || p == s->end) {
		if (p < s->end && *p == '"')
			return scan_string(s, p + 1, &esc);
		return skip_value(s, p, depth);
	}
	nd = &s->jx->nodes[node];
	if (*p == '{' && nd->dot >= 0) {
		if (depth >= MH_JX_MAX_DEPTH)
			return fail(s, p, "nesting deeper than 64");
		q = live_object(s, p + 1, nd->dot, depth + 1);
	} else if (nd->term < 0) {
		return skip_value(s, p, depth);
	} else if (*p == '"') {
		q = scan_string(s, p + 1, &esc);
	} else {
		q = skip_value(s, p, depth);
	}
	if (!q || nd->term < 0)
		return q;
	v.type = mh_jx_type_of(*p);
	v.escaped = (uint8_t)esc;
	v.p = v.type == MH_J_STRING ? p + 1 : p;
	v.n = (size_t)(q - v.p) - (v.type == MH_J_STRING);
	record(s, nd->term, &v);
	return q;
}

/* Past optional whitespace and the byte c, or NULL. Minified JSON has c at p. */
static inline const char *past(const char *p, const char *e, char c)
{
	if (p < e && *p == c)
		return p + 1;
	p = mh_jx_ws(p, e);
	return p < e && *p == c ? p + 1 : NULL;
}

/* p is just after '{'; node = trie state for its keys; depth counts this object. */
static const char *live_object(struct scan *s, const char *p, int node, unsigned depth)
{
	const char *e = s->end;

	p = mh_jx_ws(p, e);
	if (p < e && *p == '}')
		return p + 1;
	for (;;) {
		const char *k, *q;
		int esc = 0, next;

		if (p == e || *p != '"')
			return fail(s, p, "object key expected");
		k = p + 1;
		p = scan_string(s, k, &esc);
		if (!p)
			return NULL;
		next = key_state(s, node, k, (size_t)(p - 1 - k), esc);
		q = past(p, e, ':');
		if (!q)
			return fail(s, mh_jx_ws(p, e), "':' expected after object key");
		p = live_value(s, mh_jx_ws(q, e), next, depth);
		if (!p)
			return NULL;
		q = past(p, e, ',');
		if (q) {
			p = mh_jx_ws(q, e);
			continue;
		}
		p = mh_jx_ws(p, e);
		if (p < e && *p == '}')
			return p + 1;
		return fail(s, p, "',' or '}' expected");
	}
}

static int scan_error(const struct scan *s, const char *doc, struct mh_err *err)
{
	size_t col = (size_t)(s->errp - doc) + 1;
	unsigned char c;

	if (s->why != UNEXPECTED)
		return mh_err_set(err, MH_EINPUT, "column %zu: %s", col, s->why);
	c = (unsigned char)*s->errp;
	if (c > 0x20 && c < 0x7f)
		return mh_err_set(err, MH_EINPUT, "column %zu: unexpected '%c'", col, c);
	return mh_err_set(err, MH_EINPUT, "column %zu: unexpected byte 0x%02x", col, c);
}

int mh_jx_extract(const struct mh_jx *jx, const char *doc, size_t n, struct mh_jval *out,
                  struct mh_err *err)
{
	struct scan s = {.end = doc + n, .jx = jx, .out = out, .left = jx->npaths};
	const char *p = doc;

	if (jx->npaths)
		memset(out, 0, jx->npaths * sizeof(*out));
	if (n >= 3 && memcmp(doc, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	p = mh_jx_ws(p, s.end);
	if (p < s.end && *p == '{' && s.left)
		p = live_object(&s, p + 1, 0, 1);
	else
		p = skip_value(&s, p, 0);
	if (p) {
		p = mh_jx_ws(p, s.end);
		if (p == s.end)
			return 0;
		fail(&s, p, "unexpected data after the JSON value");
	}
	return scan_error(&s, doc, err);
}

int mh_jx_skip_value(const char *doc, size_t n, size_t *end, struct mh_err *err)
{
	struct scan s = {.end = doc + n};
	const char *p = skip_value(&s, doc, 0);

	if (!p)
		return scan_error(&s, doc, err);
	*end = (size_t)(p - doc);
	return 0;
}
