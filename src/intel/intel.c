/*
 * The indicator store: one CIDR table for addresses and ranges, one string
 * map per other kind keyed on the normalised value, and a table of
 * (label, source) tags that hits point to. Loading lives in load.c, plain.c
 * and stix.c; this file adds, seals and matches.
 */
#include "intel/intel_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intel/norm.h"
#include "util/ip.h"
#include "util/xalloc.h"

__extension__ typedef unsigned __int128 u128;

struct mh_intel *mh_intel_new(void)
{
	struct mh_intel *in = mh_calloc(1, sizeof(*in));
	int k;

	in->cidr = mh_cidr_new();
	for (k = 0; k < MH_IOC__COUNT; k++)
		in->sets[k] = mh_strmap_new();
	in->tag_ids = mh_strmap_new();
	return in;
}

void mh_intel_free(struct mh_intel *in)
{
	size_t i;
	int k;

	if (!in)
		return;
	mh_cidr_free(in->cidr);
	for (k = 0; k < MH_IOC__COUNT; k++)
		mh_strmap_free(in->sets[k]);
	mh_strmap_free(in->tag_ids);
	for (i = 0; i < in->ntags; i++) {
		free(in->tags[i].label);
		free(in->tags[i].source);
	}
	free(in->tags);
	free(in);
}

uint32_t mh_intel_tag(struct mh_intel *in, const char *label, const char *source)
{
	char key[MH_INTEL_LABEL_MAX + 4096 + 2];
	size_t ll = strnlen(label, MH_INTEL_LABEL_MAX - 1), sl = strnlen(source, 4096);
	uint32_t id;

	memcpy(key, label, ll);
	key[ll] = '\0';
	memcpy(key + ll + 1, source, sl);
	id = mh_strmap_intern(in->tag_ids, key, ll + 1 + sl, (uint32_t)in->ntags);
	if (id == in->ntags) {
		struct mh_intel_tag *t;

		in->tags = mh_grow(in->tags, &in->cap_tags, in->ntags + 1, sizeof(*in->tags));
		t = &in->tags[in->ntags++];
		t->label = mh_strndup(label, ll);
		t->source = mh_strndup(source, sl);
	}
	return id;
}

static int parse_len(const char *s, size_t n, unsigned max, unsigned *len)
{
	unsigned v = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*len = v;
	return 0;
}

static int add_cidr(struct mh_intel *in, const char *v, size_t n, const char *slash, uint32_t tag)
{
	struct mh_ip ip;
	size_t an = (size_t)(slash - v);
	unsigned len;

	if (mh_ip_parse(v, an, &ip) < 0 || memchr(v, '[', an))
		return -1;
	if (ip.family == 4 && memchr(v, ':', an)) {
		/* "::ffff:a.b.c.d/len": the length counts the 96-bit mapped prefix */
		if (parse_len(slash + 1, n - an - 1, 128, &len) < 0 || len < 96)
			return -1;
		len -= 96;
	} else if (parse_len(slash + 1, n - an - 1, ip.family == 4 ? 32 : 128, &len) < 0) {
		return -1;
	}
	return mh_cidr_add(in->cidr, &ip, len, tag);
}

static u128 low_mask(unsigned bits)
{
	return bits >= 128 ? ~(u128)0 : ((u128)1 << bits) - 1;
}

static u128 ip_num(const struct mh_ip *ip)
{
	unsigned i, bytes = ip->family == 4 ? 4 : 16;
	u128 v = 0;

	for (i = 0; i < bytes; i++)
		v = v << 8 | ip->a[i];
	return v;
}

static void num_ip(u128 v, int family, struct mh_ip *ip)
{
	int i, bytes = family == 4 ? 4 : 16;

	memset(ip, 0, sizeof(*ip));
	ip->family = (uint8_t)family;
	for (i = bytes - 1; i >= 0; i--, v >>= 8)
		ip->a[i] = (uint8_t)v;
}

/* "first-last" (spaces around '-' allowed): cover it with the fewest prefixes,
 * at most two per bit. */
static int add_range(struct mh_intel *in, const char *v, size_t n, const char *dash, uint32_t tag)
{
	struct mh_ip a, b, net;
	size_t an = (size_t)(dash - v);
	unsigned bits;
	u128 lo, hi;

	while (an && v[an - 1] == ' ')
		an--;
	while (dash + 1 < v + n && dash[1] == ' ')
		dash++;
	if (mh_ip_parse(v, an, &a) < 0 || mh_ip_parse(dash + 1, n - (size_t)(dash + 1 - v), &b) < 0)
		return -1;
	if (a.family != b.family)
		return -1;
	bits = a.family == 4 ? 32 : 128;
	lo = ip_num(&a);
	hi = ip_num(&b);
	if (lo > hi)
		return -1;
	for (;;) {
		unsigned host = 0; /* the block holds 2^host addresses */

		while (host < bits && (lo & low_mask(host + 1)) == 0 &&
		       hi - lo >= low_mask(host + 1))
			host++;
		num_ip(lo, a.family, &net);
		mh_cidr_add(in->cidr, &net, bits - host, tag);
		if (hi - lo == low_mask(host))
			return 0;
		lo += low_mask(host) + 1;
	}
}

static int add_ip(struct mh_intel *in, const char *v, size_t n, uint32_t tag)
{
	const char *slash = memchr(v, '/', n), *dash = memchr(v, '-', n);
	struct mh_ip ip;

	if (slash)
		return add_cidr(in, v, n, slash, tag);
	if (dash)
		return add_range(in, v, n, dash, tag);
	if (mh_ip_parse(v, n, &ip) < 0)
		return -1;
	return mh_cidr_add(in->cidr, &ip, ip.family == 4 ? 32 : 128, tag);
}

typedef size_t (*norm_fn)(const char *s, size_t n, char *dst, size_t cap);

static norm_fn normaliser(int kind)
{
	switch (kind) {
	case MH_IOC_EMAIL:
		return mh_norm_email;
	case MH_IOC_DOMAIN:
		return mh_norm_domain;
	case MH_IOC_PHONE:
		return mh_norm_phone;
	case MH_IOC_WALLET:
		return mh_norm_wallet;
	case MH_IOC_HASH:
		return mh_norm_hash;
	default:
		return NULL;
	}
}

/* Does the text look like a phone number rather than anything else? Only
 * digits, phone punctuation and an extension, at least 7 digits. Digits and
 * dots alone ("192.168.001.001") are a broken address, not a phone, unless a
 * '+' or other punctuation says otherwise. */
static int phone_shaped(const char *v, size_t n)
{
	size_t i, digits = 0, dots = 0;
	int other_sep = v[0] == '+';

	for (i = 0; i < n; i++) {
		if (v[i] >= '0' && v[i] <= '9')
			digits++;
		else if (v[i] == '.')
			dots++;
		else if (v[i] && strchr(" +-()/", v[i]))
			other_sep = 1;
		else
			break;
	}
	if (i < n && v[i] != 'x' && v[i] != 'e' && v[i] != '#')
		return 0;
	/* more than three dots is an address range, never a phone */
	return digits >= 7 && dots <= 3 && (other_sep || dots == 0);
}

/* A URL with a path names a page, not a domain: refused as an indicator. */
static int url_with_path(const char *v, size_t n)
{
	const char *slash = memchr(v, '/', n), *end = v + n;

	if (!slash)
		return 0;
	if (slash + 1 < end && slash[1] == '/' && slash > v && slash[-1] == ':')
		slash = memchr(slash + 2, '/', (size_t)(end - slash - 2));
	return slash && slash + 1 < end;
}

/* Addresses first (they are tried before this), then the shapes that are
 * unambiguous (e-mail has '@', hashes and wallets have fixed alphabets and
 * lengths), phones before domains (so "+1.555.010.9999" is a phone), and
 * domains last. */
static int infer_kind(const char *v, size_t n)
{
	char buf[MH_INTEL_VALUE_MAX];

	if (memchr(v, '@', n) && !memchr(v, '/', n))
		return MH_IOC_EMAIL;
	if (mh_norm_hash(v, n, buf, sizeof(buf)))
		return MH_IOC_HASH;
	if (mh_norm_wallet(v, n, buf, sizeof(buf)))
		return MH_IOC_WALLET;
	if (phone_shaped(v, n))
		return MH_IOC_PHONE;
	if (url_with_path(v, n))
		return -1;
	return MH_IOC_DOMAIN;
}

int mh_intel_add_value(struct mh_intel *in, int kind, const char *v, size_t n, uint32_t tag)
{
	char buf[MH_INTEL_VALUE_MAX];
	norm_fn norm;
	size_t len;

	if (n == 0 || n >= MH_INTEL_VALUE_MAX)
		return -1;
	if (kind == MH_IOC__COUNT) {
		if (add_ip(in, v, n, tag) == 0)
			return MH_IOC_IP;
		kind = infer_kind(v, n);
	}
	if (kind == MH_IOC_IP)
		return add_ip(in, v, n, tag) < 0 ? -1 : MH_IOC_IP;
	norm = normaliser(kind);
	if (!norm)
		return -1;
	len = norm(v, n, buf, sizeof(buf));
	if (len == 0)
		return -1;
	mh_strmap_intern(in->sets[kind], buf, len, tag);
	return kind;
}

void mh_intel_warnf(struct mh_intel_src *src, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	src->warnings++;
	if (!src->warn || src->warnings > MH_INTEL_WARN_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	src->warn(src->warn_arg, msg);
}

void mh_intel_seal(struct mh_intel *in)
{
	mh_cidr_build(in->cidr);
	in->sealed = 1;
}

size_t mh_intel_count(const struct mh_intel *in, enum mh_ioc_kind kind)
{
	if (kind == MH_IOC_IP)
		return mh_cidr_count(in->cidr);
	if ((int)kind < 0 || kind >= MH_IOC__COUNT)
		return 0;
	return mh_strmap_count(in->sets[kind]);
}

static int fill_hit(const struct mh_intel *in, uint32_t tag, int kind, struct mh_intel_hit *hit)
{
	if (tag >= in->ntags)
		return 0;
	if (hit) {
		hit->label = in->tags[tag].label;
		hit->source = in->tags[tag].source;
		hit->kind = (uint8_t)kind;
	}
	return 1;
}

int mh_intel_match_ip(const struct mh_intel *in, const struct mh_ip *ip, struct mh_intel_hit *hit)
{
	return fill_hit(in, mh_cidr_lookup(in->cidr, ip), MH_IOC_IP, hit);
}

/* "a.b.evil.com" looks up itself, then "b.evil.com", then "evil.com". A
 * top-level label alone is never looked up. */
static uint32_t lookup(const struct mh_strmap *set, const char *key, size_t n)
{
	uint32_t tag;

	return mh_strmap_get(set, key, n, &tag) ? tag : MH_CIDR_NONE;
}

static uint32_t match_domain(const struct mh_strmap *set, const char *d, size_t n)
{
	for (;;) {
		const char *dot = memchr(d, '.', n);
		uint32_t tag = lookup(set, d, n);

		if (tag != MH_CIDR_NONE || !dot || !memchr(dot + 1, '.', n - (size_t)(dot + 1 - d)))
			return tag;
		n -= (size_t)(dot + 1 - d);
		d = dot + 1;
	}
}

int mh_intel_match(const struct mh_intel *in, enum mh_ioc_kind kind, const char *value, size_t n,
                   struct mh_intel_hit *hit)
{
	char buf[MH_INTEL_VALUE_MAX];
	norm_fn norm;
	size_t len;

	if (!value || n == 0 || n >= MH_INTEL_VALUE_MAX)
		return 0;
	if (kind == MH_IOC_IP) {
		struct mh_ip ip;

		return mh_ip_parse(value, n, &ip) == 0 && mh_intel_match_ip(in, &ip, hit);
	}
	norm = normaliser(kind);
	if (!norm || mh_strmap_count(in->sets[kind]) == 0)
		return 0;
	len = norm(value, n, buf, sizeof(buf));
	if (len == 0)
		return 0;
	if (kind == MH_IOC_DOMAIN)
		return fill_hit(in, match_domain(in->sets[kind], buf, len), kind, hit);
	return fill_hit(in, lookup(in->sets[kind], buf, len), kind, hit);
}
