/*
 * The cJSON oracle for the extractor (see jx_ref.h).
 *
 * cJSON 1.7.15 (Debian 12) as measured against RFC 8259, and the rule the
 * oracle applies for each difference:
 *   - whitespace: cJSON skips every byte <= 0x20 (NUL and other controls too);
 *     RFC allows only space, tab, LF, CR. Rule: a lexical pre-pass rejects any
 *     other byte < 0x20 outside strings.
 *   - strings: cJSON accepts raw control characters; RFC does not. Rule: the
 *     pre-pass rejects bytes < 0x20 inside strings.
 *   - numbers: cJSON hands [0-9+-.eE]* to strtod, so 01, 1., -.5 and 1.e5
 *     pass. Rule: the pre-pass checks each number token against the RFC
 *     grammar with a POSIX regular expression. (Debian's cJSON parses numbers
 *     of any length; upstream 1.7.15 stopped at 63 bytes. A unit test keeps
 *     the 1000-digit case honest.)
 *   - \u12G4: cJSON decodes a \u escape with a bad hex digit as U+0000.
 *     Rule: the pre-pass rejects it.
 *   - \uD800 without a low surrogate, or a lone \uDC00: cJSON rejects, RFC
 *     allows, jx decodes it as U+FFFD. Rule: the pre-pass rewrites the four
 *     hex digits to FFFD in its copy.
 *   - \u0000: cJSON strings are C strings and end there (keys too). Rule: the
 *     pre-pass rewrites it to \u0001 and comparisons map NUL to 0x01; paths
 *     cannot hold control characters, so keys match identically.
 *   - nesting: cJSON allows 1000 levels, jx MH_JX_MAX_DEPTH. Rule: the oracle
 *     measures the tree's depth and rejects deeper documents.
 *   - a UTF-8 byte order mark at offset 0: both accept it.
 *   - end of input: cJSON with require_null_terminated wants a NUL inside the
 *     given length, so the copy gets one and the length counts it.
 *   - invalid UTF-8: cJSON copies the bytes; mh_jx_string replaces them. Rule:
 *     the oracle sanitizes with its own implementation (prefix viability, not
 *     the lookup table jx uses).
 * Strictness here is never about structure, escapes or literals: those are
 * cJSON's own verdict.
 */
#include "json/jx_ref.h"

#include <cjson/cJSON.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s (n bytes available), or -1. */
static int ref_hex4(const char *s, size_t n)
{
	int v = 0;

	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hexv(s[i]);

		if (h < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/* b[i] is a backslash inside a string: apply the rewrites, return the index
 * after the escape, or SIZE_MAX for a \u without four hex digits (cJSON
 * reads those as U+0000). Other malformed escapes are cJSON's to reject. */
static size_t prepass_escape(char *b, size_t n, size_t i)
{
	int cp, lo;

	if (i + 1 >= n || b[i + 1] != 'u')
		return i + 2;
	cp = ref_hex4(b + i + 2, n - i - 2);
	if (cp < 0)
		return SIZE_MAX;
	if (cp == 0) {
		memcpy(b + i + 2, "0001", 4);
		return i + 6;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n && b[i + 6] == '\\' && b[i + 7] == 'u') {
		lo = ref_hex4(b + i + 8, n - i - 8);
		if (lo >= 0xDC00 && lo <= 0xDFFF)
			return i + 12;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		memcpy(b + i + 2, "FFFD", 4);
	return i + 6;
}

static int rfc_number(const char *s, size_t n)
{
	static regex_t re;
	static int compiled;
	char *z = mh_strndup(s, n);
	int ok;

	if (!compiled) {
		if (regcomp(&re, "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$",
		            REG_EXTENDED | REG_NOSUB) != 0)
			abort();
		compiled = 1;
	}
	ok = regexec(&re, z, 0, NULL, 0) == 0;
	free(z);
	return ok;
}

static int number_byte(char c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

/* The lexical rules cJSON does not enforce, and the rewrites. 0 or -1. */
static int prepass(char *b, size_t n)
{
	size_t i = 0;
	int in_str = 0;

	while (i < n) {
		unsigned char c = (unsigned char)b[i];

		if (in_str) {
			if (c < 0x20)
				return -1;
			in_str = c != '"';
			i = c == '\\' ? prepass_escape(b, n, i) : i + 1;
			if (i == SIZE_MAX)
				return -1;
		} else if (c == '"') {
			in_str = 1;
			i++;
		} else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			return -1;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t j = i;

			while (j < n && number_byte(b[j]))
				j++;
			if (!rfc_number(b + i, j - i))
				return -1;
			i = j;
		} else {
			i++;
		}
	}
	return 0;
}

static int tree_depth(const cJSON *c)
{
	int max = 0;

	if (!cJSON_IsArray(c) && !cJSON_IsObject(c))
		return 0;
	for (const cJSON *k = c->child; k; k = k->next) {
		int d = tree_depth(k);

		if (d > max)
			max = d;
	}
	return max + 1;
}

/* One candidate's viability: can s[0..k) (k <= L) begin a well-formed
 * L-byte sequence? Compare the code points it could still become with the
 * range an L-byte sequence may encode, surrogates excluded. */
static int viable(const unsigned char *s, int k, int L)
{
	static const unsigned long minv[5] = {0, 0, 0x80, 0x800, 0x10000};
	static const unsigned long maxv[5] = {0, 0x7F, 0x7FF, 0xFFFF, 0x10FFFF};
	unsigned long lo = s[0] & (0x7Fu >> L), hi = lo;

	for (int i = 1; i < L; i++) {
		if (i < k && (s[i] & 0xC0) != 0x80)
			return 0;
		lo = lo << 6 | (i < k ? (s[i] & 0x3Fu) : 0);
		hi = hi << 6 | (i < k ? (s[i] & 0x3Fu) : 0x3F);
	}
	if (lo < minv[L])
		lo = minv[L];
	if (hi > maxv[L])
		hi = maxv[L];
	return lo <= hi && !(lo >= 0xD800 && hi <= 0xDFFF);
}

char *mh_jx_ref_sanitize(const char *s, size_t n, size_t *outn)
{
	const unsigned char *u = (const unsigned char *)s;
	char *d = mh_malloc(3 * n + 1);
	size_t i = 0, o = 0;

	while (i < n) {
		int L = u[i] < 0x80             ? 1
		        : (u[i] & 0xE0) == 0xC0 ? 2
		        : (u[i] & 0xF0) == 0xE0 ? 3
		        : (u[i] & 0xF8) == 0xF0 ? 4
		                                : 0;
		int k = 0;

		while (L > 1 && k < L && i + (size_t)k < n && viable(u + i, k + 1, L))
			k++;
		if (L == 1 || (L > 1 && k == L)) {
			memcpy(d + o, s + i, (size_t)L);
			o += (size_t)L;
			i += (size_t)L;
			continue;
		}
		memcpy(d + o, "\xEF\xBF\xBD", 3);
		o += 3;
		i += k ? (size_t)k : 1;
	}
	d[o] = '\0';
	*outn = o;
	return d;
}

static void fill(struct mh_jx_refval *v, const cJSON *c)
{
	memset(v, 0, sizeof(*v));
	if (cJSON_IsString(c)) {
		v->type = MH_J_STRING;
		v->s = mh_jx_ref_sanitize(c->valuestring, strlen(c->valuestring), &v->n);
	} else if (cJSON_IsNumber(c)) {
		v->type = MH_J_NUMBER;
		v->num = c->valuedouble;
	} else if (cJSON_IsArray(c)) {
		size_t k = 0;

		v->type = MH_J_ARRAY;
		v->nelems = (size_t)cJSON_GetArraySize(c);
		v->elems = mh_calloc(v->nelems, sizeof(*v->elems));
		for (const cJSON *e = c->child; e; e = e->next)
			fill(&v->elems[k++], e);
	} else {
		v->type = cJSON_IsObject(c)  ? MH_J_OBJECT
		          : cJSON_IsTrue(c)  ? MH_J_TRUE
		          : cJSON_IsFalse(c) ? MH_J_FALSE
		                             : MH_J_NULL;
	}
}

struct walk {
	const struct mh_jx *jx;
	struct mh_jx_refval *out;
	char route[MH_JX_MAX_PATH_LEN + 1];
};

/* Visit obj's members in document order; route[0..plen) is the dotted key
 * text leading to obj (root: none). Pre-order is document order, so the
 * first value found for a path is the one jx must report. */
static void walk_object(struct walk *w, const cJSON *obj, size_t plen, int root)
{
	for (const cJSON *c = obj->child; c; c = c->next) {
		size_t klen = strlen(c->string), at = root ? 0 : plen + 1, rlen = at + klen;

		if (rlen > MH_JX_MAX_PATH_LEN)
			continue;
		if (!root)
			w->route[plen] = '.';
		memcpy(w->route + at, c->string, klen);
		for (size_t i = 0; i < mh_jx_npaths(w->jx); i++) {
			const char *path = mh_jx_path(w->jx, i);

			if (w->out[i].type == MH_J_ABSENT && strlen(path) == rlen &&
			    memcmp(path, w->route, rlen) == 0)
				fill(&w->out[i], c);
		}
		if (cJSON_IsObject(c))
			walk_object(w, c, rlen, 0);
	}
}

int mh_jx_ref_extract(const struct mh_jx *jx, const char *doc, size_t n, struct mh_jx_refval *out)
{
	struct walk w = {.jx = jx, .out = out};
	char *copy = mh_malloc(n + 1);
	cJSON *tree = NULL;
	int rc = -1;

	memset(out, 0, mh_jx_npaths(jx) * sizeof(*out));
	memcpy(copy, doc, n);
	copy[n] = '\0';
	if (prepass(copy, n) == 0)
		tree = cJSON_ParseWithLengthOpts(copy, n + 1, NULL, 1);
	if (tree && tree_depth(tree) <= MH_JX_MAX_DEPTH) {
		rc = 0;
		if (cJSON_IsObject(tree))
			walk_object(&w, tree, 0, 1);
	}
	cJSON_Delete(tree);
	free(copy);
	return rc;
}

void mh_jx_ref_release(struct mh_jx_refval *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		free(v[i].s);
		mh_jx_ref_release(v[i].elems, v[i].nelems);
		free(v[i].elems);
		memset(&v[i], 0, sizeof(v[i]));
	}
}
