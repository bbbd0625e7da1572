/*
 * Canonical forms of identity artifacts (see norm.h for the contract).
 *
 * Each normaliser first cuts the input down to the value (trimming space and
 * quotes, dropping display names, URI schemes, URL parts and phone
 * extensions), then validates it and writes it lower-cased where case carries
 * no meaning. Nothing here allocates; inputs longer than NORM_IN_MAX are
 * rejected rather than scanned.
 */
#include "intel/norm.h"

#include <string.h>

#define NORM_IN_MAX      2048
#define DOMAIN_MAX       253
#define LABEL_MAX        63
#define EMAIL_LOCAL_MAX  64
#define PHONE_DIGITS_MIN 7
#define PHONE_DIGITS_MAX 15 /* E.164 */

/* A slice being narrowed. */
struct cut {
	const char *p;
	size_t n;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static void trim(struct cut *c, const char *chars)
{
	while (c->n && (is_space(c->p[0]) || strchr(chars, c->p[0])))
		c->p++, c->n--;
	while (c->n && (is_space(c->p[c->n - 1]) || strchr(chars, c->p[c->n - 1])))
		c->n--;
}

static int has_prefix_ci(struct cut c, const char *pre)
{
	size_t i, k = strlen(pre);

	if (c.n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (lower(c.p[i]) != pre[i])
			return 0;
	return 1;
}

static void drop_prefix_ci(struct cut *c, const char *pre)
{
	if (has_prefix_ci(*c, pre)) {
		c->p += strlen(pre);
		c->n -= strlen(pre);
	}
}

/* Cut at the first occurrence of any of chars. */
static void cut_at(struct cut *c, const char *chars)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->p[i] && strchr(chars, c->p[i])) {
			c->n = i;
			return;
		}
}

static const char *find_ch(struct cut c, char ch)
{
	return c.n ? memchr(c.p, ch, c.n) : NULL;
}

static const char *find_last(struct cut c, char ch)
{
	size_t i = c.n;

	while (i-- > 0)
		if (c.p[i] == ch)
			return c.p + i;
	return NULL;
}

/* Write s lower-cased into dst (cap >= 1). Returns the full length, or 0 when
 * it does not fit: a truncated key would compare equal to the wrong value. */
static size_t put_lower(struct cut s, char *dst, size_t cap)
{
	size_t i;

	if (cap == 0 || s.n >= cap) {
		if (cap)
			dst[0] = '\0';
		return 0;
	}
	for (i = 0; i < s.n; i++)
		dst[i] = lower(s.p[i]);
	dst[s.n] = '\0';
	return s.n;
}

static int label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c) || c == '-' ||
	       c == '_' || c >= 0x80;
}

/* Host name rules: 2+ labels of 1..63 label chars, no label starting or
 * ending with '-', a top-level label that is not all digits (so an IPv4
 * address is never a domain). UTF-8 bytes pass through for IDNs. */
static int valid_domain(struct cut d)
{
	size_t i, start = 0, labels = 0;
	int all_digits = 1;

	if (d.n == 0 || d.n > DOMAIN_MAX)
		return 0;
	for (i = 0; i <= d.n; i++) {
		if (i == d.n || d.p[i] == '.') {
			size_t len = i - start;

			if (len == 0 || len > LABEL_MAX || d.p[start] == '-' || d.p[i - 1] == '-')
				return 0;
			labels++;
			start = i + 1;
			if (i < d.n)
				all_digits = 1;
			continue;
		}
		if (!label_char((unsigned char)d.p[i]))
			return 0;
		if (!is_digit(d.p[i]))
			all_digits = 0;
	}
	return labels >= 2 && !all_digits;
}

/* Reduce a URL or bare "host[:port][/path]" to the host. */
static void url_host(struct cut *c)
{
	const char *at, *scheme = NULL;
	size_t i;

	for (i = 0; i + 2 < c->n; i++) {
		if (c->p[i] == ':' && c->p[i + 1] == '/' && c->p[i + 2] == '/') {
			scheme = c->p + i + 3;
			break;
		}
		if (c->p[i] == '/' || c->p[i] == '.')
			break;
	}
	if (scheme) {
		c->n -= (size_t)(scheme - c->p);
		c->p = scheme;
	}
	cut_at(c, "/?#\\");
	at = find_last(*c, '@');
	if (at) {
		c->n -= (size_t)(at + 1 - c->p);
		c->p = at + 1;
	}
	cut_at(c, ":");
}

size_t mh_norm_domain(const char *s, size_t n, char *dst, size_t cap)
{
	struct cut c = {s, n};

	if (cap)
		dst[0] = '\0';
	if (!s || n > NORM_IN_MAX)
		return 0;
	trim(&c, "\"'<>");
	url_host(&c);
	while (c.n && c.p[c.n - 1] == '.')
		c.n--;
	drop_prefix_ci(&c, "*.");
	drop_prefix_ci(&c, ".");
	if (has_prefix_ci(c, "www.") && find_ch((struct cut){c.p + 4, c.n - 4}, '.'))
		drop_prefix_ci(&c, "www.");
	if (!valid_domain(c))
		return 0;
	return put_lower(c, dst, cap);
}

static int local_char(unsigned char c)
{
	return c > 0x20 && c != 0x7f && !strchr("<>()[]\\,;:\"@", c);
}

size_t mh_norm_email(const char *s, size_t n, char *dst, size_t cap)
{
	struct cut c = {s, n}, dom;
	const char *lt, *at;
	size_t i, local;

	if (cap)
		dst[0] = '\0';
	if (!s || n > NORM_IN_MAX)
		return 0;
	lt = find_last(c, '<');
	if (lt) { /* "Display Name" <addr> */
		c.n -= (size_t)(lt + 1 - c.p);
		c.p = lt + 1;
		cut_at(&c, ">");
	}
	trim(&c, "\"'<>");
	drop_prefix_ci(&c, "mailto:");
	cut_at(&c, "?");
	at = find_ch(c, '@');
	if (!at || at == c.p || find_ch((struct cut){at + 1, c.n - (size_t)(at + 1 - c.p)}, '@'))
		return 0;
	local = (size_t)(at - c.p);
	if (local > EMAIL_LOCAL_MAX || c.p[0] == '.' || c.p[local - 1] == '.')
		return 0;
	for (i = 0; i < local; i++)
		if (!local_char((unsigned char)c.p[i]))
			return 0;
	dom = (struct cut){at + 1, c.n - local - 1};
	while (dom.n && dom.p[dom.n - 1] == '.')
		dom.n--;
	if (!valid_domain(dom) || local + 1 + dom.n >= cap)
		return 0;
	put_lower((struct cut){c.p, local}, dst, cap);
	dst[local] = '@';
	put_lower(dom, dst + local + 1, cap - local - 1);
	return local + 1 + dom.n;
}

/* Drop an extension: "x123", "ext. 123", "extension 123", "#123", ";ext=123". */
static void cut_extension(struct cut *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		char ch = lower(c->p[i]);

		if (ch == 'x' || ch == 'e' || ch == '#' || ch == ';' || ch == ',') {
			c->n = i;
			return;
		}
	}
}

/* Collect digits; '+' only before the first digit; "(0)" after a country
 * code (the UK-style trunk hint) dropped. Returns digit count or -1. */
static int phone_digits(struct cut c, char *dig, int *plus)
{
	size_t i;
	int nd = 0;

	*plus = 0;
	for (i = 0; i < c.n; i++) {
		char ch = c.p[i];

		if (is_digit(ch)) {
			if (nd >= PHONE_DIGITS_MAX + 2)
				return -1;
			dig[nd++] = ch;
		} else if (ch == '+' && nd == 0 && !*plus) {
			*plus = 1;
		} else if (ch == '(' && *plus && nd > 0 && i + 2 < c.n && c.p[i + 1] == '0' &&
		           c.p[i + 2] == ')') {
			i += 2;
		} else if (!strchr(" -.()/", ch)) {
			return -1;
		}
	}
	return nd;
}

size_t mh_norm_phone(const char *s, size_t n, char *dst, size_t cap)
{
	struct cut c = {s, n};
	char dig[PHONE_DIGITS_MAX + 3];
	int nd, plus, off = 0, nanp = 0;
	size_t len;

	if (cap)
		dst[0] = '\0';
	if (!s || n > NORM_IN_MAX)
		return 0;
	trim(&c, "\"'");
	drop_prefix_ci(&c, "tel:");
	cut_extension(&c);
	nd = phone_digits(c, dig, &plus);
	if (nd < 0)
		return 0;
	if (!plus && nd > 2 && dig[0] == '0' && dig[1] == '0') {
		plus = 1; /* "00" international call prefix */
		off = 2;
	} else if (!plus && nd == 10) {
		nanp = 1;
	} else if (!plus && nd == 11 && dig[0] == '1') {
		plus = 1;
	}
	nd -= off;
	if (nd < PHONE_DIGITS_MIN || nd > PHONE_DIGITS_MAX || (plus && dig[off] == '0'))
		return 0;
	len = (size_t)nd + (plus || nanp) + nanp;
	if (len >= cap)
		return 0;
	len = 0;
	if (plus || nanp)
		dst[len++] = '+';
	if (nanp)
		dst[len++] = '1';
	memcpy(dst + len, dig + off, (size_t)nd);
	len += (size_t)nd;
	dst[len] = '\0';
	return len;
}

size_t mh_norm_hash(const char *s, size_t n, char *dst, size_t cap)
{
	static const char *const algs[] = {"md5:", "sha1:", "sha-1:", "sha256:", "sha-256:"};
	struct cut c = {s, n};
	size_t i;

	if (cap)
		dst[0] = '\0';
	if (!s || n > NORM_IN_MAX)
		return 0;
	trim(&c, "\"'");
	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		drop_prefix_ci(&c, algs[i]);
	if (c.n != 32 && c.n != 40 && c.n != 64)
		return 0;
	for (i = 0; i < c.n; i++)
		if (!is_hex(c.p[i]))
			return 0;
	return put_lower(c, dst, cap);
}

static int all_in(struct cut c, size_t from, const char *set, int fold)
{
	size_t i;

	for (i = from; i < c.n; i++)
		if (!c.p[i] || !strchr(set, fold ? lower(c.p[i]) : c.p[i]))
			return 0;
	return 1;
}

static int same_case(struct cut c)
{
	size_t i;
	int up = 0, lo = 0;

	for (i = 0; i < c.n; i++) {
		up |= c.p[i] >= 'A' && c.p[i] <= 'Z';
		lo |= c.p[i] >= 'a' && c.p[i] <= 'z';
	}
	return !(up && lo);
}

static const char base58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char bech32[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

size_t mh_norm_wallet(const char *s, size_t n, char *dst, size_t cap)
{
	struct cut c = {s, n};

	if (cap)
		dst[0] = '\0';
	if (!s || n > NORM_IN_MAX)
		return 0;
	trim(&c, "\"'");
	drop_prefix_ci(&c, "bitcoin:");
	drop_prefix_ci(&c, "ethereum:");
	cut_at(&c, "?@");
	if (c.n == 42 && c.p[0] == '0' && lower(c.p[1]) == 'x' &&
	    all_in(c, 2, "0123456789abcdef", 1))
		return put_lower(c, dst, cap); /* EVM address; EIP-55 case is a checksum */
	if ((has_prefix_ci(c, "bc1") || has_prefix_ci(c, "tb1")) && c.n >= 14 && c.n <= 90 &&
	    same_case(c) && all_in(c, 3, bech32, 1))
		return put_lower(c, dst, cap);
	if (has_prefix_ci(c, "ltc1") && c.n >= 15 && c.n <= 90 && same_case(c) &&
	    all_in(c, 4, bech32, 1))
		return put_lower(c, dst, cap);
	if (!all_in(c, 0, base58, 0))
		return 0;
	if (c.n >= 26 && c.n <= 35 && strchr("13LMDT", c.p[0])) {
		if (c.n >= cap)
			return 0;
		memcpy(dst, c.p, c.n); /* base58 is case-sensitive */
		dst[c.n] = '\0';
		return c.n;
	}
	if ((c.n == 95 || c.n == 106) && (c.p[0] == '4' || c.p[0] == '8')) {
		if (c.n >= cap)
			return 0;
		memcpy(dst, c.p, c.n); /* Monero standard / integrated */
		dst[c.n] = '\0';
		return c.n;
	}
	return 0;
}
