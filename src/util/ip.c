/*
 * IP address parsing and formatting. Runs on every event, so it is written as
 * one forward scan without allocation, locale or libc parsing calls.
 *
 * Accepted text (anything else is rejected; callers trim whitespace):
 *   IPv4   dotted quad of four decimal octets 0..255. An octet may not have a
 *          leading zero ("01.2.3.4" is rejected): BSD inet_aton reads such an
 *          octet as octal and other parsers as decimal, so the text has no one
 *          meaning; glibc inet_pton rejects it too, which keeps us in step.
 *   IPv6   RFC 4291 text: eight groups of 1..4 hex digits, one "::" for a run
 *          of zero groups, an optional dotted IPv4 tail in the last 32 bits.
 *          Zone ids ("fe80::1%eth0") are rejected.
 *   v4-mapped ::ffff:a.b.c.d (in either tail notation) becomes family 4, so
 *          one host has one representation.
 *   "[addr]" (either family), "[addr]:port" and "a.b.c.d:port", the forms logs
 *          and URLs write; port is 1..5 decimal digits, at most 65535, and is
 *          discarded.
 */
#include "util/ip.h"

#include <stdio.h>
#include <string.h>

/* Longest accepted text: "[" + 45-char IPv6 + "]:65535". */
#define IP_TEXT_MAX 64

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Dotted quad in s[0..n) exactly, into out[0..4). */
static int parse_v4(const char *s, size_t n, uint8_t *out)
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		if (part > 0) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits == 1 && v == 0)
				return -1; /* leading zero */
			v = v * 10 + (unsigned)(s[i] - '0');
			if (++digits > 3 || v > 255)
				return -1;
			i++;
		}
		if (digits == 0)
			return -1;
		out[part] = (uint8_t)v;
	}
	return i == n ? 0 : -1;
}

/* Does s[i..n) start an embedded dotted IPv4 (digits then '.')? */
static int v4_tail_starts(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i < n && s[i] == '.';
}

/* RFC 4291 text in s[0..n) exactly, into out[0..16). */
static int parse_v6(const char *s, size_t n, uint8_t *out)
{
	uint8_t b[16];
	size_t i = 0, k = 0;
	int gap = -1;

	if (n < 2)
		return -1;
	if (s[0] == ':') {
		if (s[1] != ':')
			return -1;
		gap = 0;
		i = 2;
	}
	while (i < n) {
		unsigned v = 0, digits = 0;
		int h;

		if (k < 16 && k + 4 <= 16 && v4_tail_starts(s, i, n)) {
			if (parse_v4(s + i, n - i, b + k) < 0)
				return -1;
			k += 4;
			i = n;
			break;
		}
		while (i < n && (h = hexval((unsigned char)s[i])) >= 0) {
			if (++digits > 4)
				return -1;
			v = (v << 4) | (unsigned)h;
			i++;
		}
		if (digits == 0 || k >= 16)
			return -1;
		b[k++] = (uint8_t)(v >> 8);
		b[k++] = (uint8_t)v;
		if (i == n)
			break;
		if (s[i] != ':')
			return -1;
		i++;
		if (i < n && s[i] == ':') {
			if (gap >= 0)
				return -1;
			gap = (int)k;
			i++;
		} else if (i == n) {
			return -1; /* trailing single ':' */
		}
	}
	if (gap < 0) {
		if (k != 16)
			return -1;
	} else {
		size_t tail = k - (size_t)gap;

		if (k > 14)
			return -1; /* "::" must stand for at least one group */
		memmove(b + 16 - tail, b + gap, tail);
		memset(b + gap, 0, 16 - k);
	}
	memcpy(out, b, 16);
	return 0;
}

static int parse_port(const char *s, size_t n)
{
	unsigned v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v <= 65535 ? 0 : -1;
}

static const uint8_t v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static int parse_bare(const char *s, size_t n, struct mh_ip *out)
{
	struct mh_ip ip;

	memset(&ip, 0, sizeof(ip));
	if (parse_v4(s, n, ip.a) == 0) {
		ip.family = 4;
	} else if (parse_v6(s, n, ip.a) == 0) {
		ip.family = 6;
		if (memcmp(ip.a, v4mapped_prefix, 12) == 0) {
			memmove(ip.a, ip.a + 12, 4);
			memset(ip.a + 4, 0, 12);
			ip.family = 4;
		}
	} else {
		return -1;
	}
	*out = ip;
	return 0;
}

int mh_ip_parse(const char *s, size_t n, struct mh_ip *out)
{
	const char *colon;

	if (!s || n == 0 || n > IP_TEXT_MAX)
		return -1;
	if (s[0] == '[') {
		const char *close = memchr(s, ']', n);
		size_t rest;

		if (!close)
			return -1;
		rest = n - (size_t)(close - s) - 1;
		if (rest > 0 && (close[1] != ':' || parse_port(close + 2, rest - 1) < 0))
			return -1;
		return parse_bare(s + 1, (size_t)(close - s) - 1, out);
	}
	/* "a.b.c.d:port": one colon after a dotted quad. IPv6 text always has
	 * two or more colons, so a single colon can only be a port. */
	colon = memchr(s, ':', n);
	if (colon && colon > s && !memchr(colon + 1, ':', n - (size_t)(colon - s) - 1)) {
		size_t an = (size_t)(colon - s);

		if (parse_port(colon + 1, n - an - 1) < 0)
			return -1;
		memset(out, 0, sizeof(*out));
		if (parse_v4(s, an, out->a) < 0)
			return -1;
		out->family = 4;
		return 0;
	}
	return parse_bare(s, n, out);
}

static char *fmt_v4(const uint8_t *a, char *dst, size_t cap)
{
	snprintf(dst, cap, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return dst;
}

/* RFC 5952: lower-case hex without leading zeros; the longest run of two or
 * more zero groups (the first of equal runs) becomes "::"; ::ffff:0:0/96 is
 * written with a dotted IPv4 tail. */
static char *fmt_v6(const uint8_t *a, char *dst, size_t cap)
{
	static const char hx[] = "0123456789abcdef";
	char buf[48];
	unsigned g[8];
	int best = -1, best_len = 0, run = 0, i, groups = 8;
	size_t o = 0;

	for (i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	if (memcmp(a, v4mapped_prefix, 12) == 0)
		groups = 6;
	for (i = 0; i < groups; i++) {
		run = g[i] == 0 ? run + 1 : 0;
		if (run > best_len) {
			best_len = run;
			best = i - run + 1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (i = 0; i < groups; i++) {
		int shift, started = 0;

		if (i == best) {
			buf[o++] = ':';
			buf[o++] = ':';
			i += best_len - 1;
			continue;
		}
		if (i > 0 && i != best + best_len)
			buf[o++] = ':';
		for (shift = 12; shift >= 0; shift -= 4) {
			unsigned d = (g[i] >> shift) & 0xf;

			if (d || started || shift == 0) {
				buf[o++] = hx[d];
				started = 1;
			}
		}
	}
	if (groups == 6) {
		if (best + best_len != 6)
			buf[o++] = ':';
		fmt_v4(a + 12, buf + o, sizeof(buf) - o);
	} else {
		buf[o] = '\0';
	}
	snprintf(dst, cap, "%s", buf);
	return dst;
}

char *mh_ip_format(const struct mh_ip *ip, char *dst, size_t cap)
{
	if (!dst || cap == 0)
		return dst;
	if (ip->family == 4)
		return fmt_v4(ip->a, dst, cap);
	if (ip->family == 6)
		return fmt_v6(ip->a, dst, cap);
	dst[0] = '\0';
	return dst;
}

/* A prefix in a table of non-public ranges. */
struct ip_net {
	uint8_t a[16];
	uint8_t len;
};

static int in_net(const uint8_t *a, const struct ip_net *net)
{
	unsigned full = net->len / 8, rest = net->len % 8;

	if (memcmp(a, net->a, full) != 0)
		return 0;
	if (rest == 0)
		return 1;
	return ((a[full] ^ net->a[full]) & (0xff00u >> rest)) == 0;
}

/* Not publicly routable: private, shared (CGNAT), loopback, link-local,
 * "this network", benchmarking, multicast and reserved. The documentation
 * ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) are NOT here:
 * examples and simulations use them to stand for public addresses. */
static const struct ip_net private_v4[] = {
    {{0}, 8},         {{10}, 8},       {{100, 64}, 10},   {{127}, 8},
    {{169, 254}, 16}, {{172, 16}, 12}, {{192, 0, 0}, 24}, {{192, 168}, 16},
    {{198, 18}, 15},  {{224}, 4},      {{240}, 4},
};

static const struct ip_net private_v6[] = {
    {{0}, 128},                                              /* :: unspecified */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128}, /* ::1 */
    {{0xfc}, 7},                                             /* ULA */
    {{0xfe, 0x80}, 10},                                      /* link-local */
    {{0xfe, 0xc0}, 10},                                      /* site-local */
    {{0xff}, 8},                                             /* multicast */
    {{0x01}, 64},                                            /* discard-only */
};

int mh_ip_is_private(const struct mh_ip *ip)
{
	const struct ip_net *t;
	size_t i, count;

	if (ip->family == 4) {
		t = private_v4;
		count = sizeof(private_v4) / sizeof(private_v4[0]);
	} else if (ip->family == 6) {
		t = private_v6;
		count = sizeof(private_v6) / sizeof(private_v6[0]);
	} else {
		return 0;
	}
	for (i = 0; i < count; i++)
		if (in_net(ip->a, &t[i]))
			return 1;
	return 0;
}

int mh_ip_eq(const struct mh_ip *a, const struct mh_ip *b)
{
	size_t n;

	if (a->family != b->family)
		return 0;
	n = a->family == 4 ? 4 : a->family == 6 ? 16 : 0;
	return memcmp(a->a, b->a, n) == 0;
}
