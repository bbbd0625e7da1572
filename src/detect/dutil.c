/* Shared detector helpers (dutil.h): labels, egress allow-list, roster, dates. */
#include "detect/dutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config/config.h"
#include "intel/cidr.h"
#include "intel/intel.h"
#include "util/ip.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define CIDR_TEXT_MAX 64

/* Word pieces of the generic anonymizer list names: the x4bnet lists load as
 * "vpn" and "datacenter"; "commercial-vpn", "proxies", "tor-exits" and the
 * like name the same classes. */
static const char *const anon_parts[] = {
    "vpn", "proxy", "proxies", "datacenter", "data-center", "hosting", "anonymi", NULL,
};

static int has_part(const char *s, const char *part)
{
	size_t n = strlen(part);

	for (; *s; s++)
		if (!strncasecmp(s, part, n))
			return 1;
	return 0;
}

int mh_dutil_label_anonymizer(const char *label)
{
	size_t i;

	if (!label)
		return 0;
	if (!strcasecmp(label, "tor") || !strncasecmp(label, "tor-", 4) ||
	    !strncasecmp(label, "tor_", 4))
		return 1;
	for (i = 0; anon_parts[i]; i++)
		if (has_part(label, anon_parts[i]))
			return 1;
	return 0;
}

int mh_dutil_ip_in_anonymizer_net(const struct mh_intel *intel, const struct mh_ip *ip)
{
	int last = ip->family == 4 ? 3 : 15, i;
	struct mh_intel_hit hit;

	if (!intel || !ip->family)
		return 0;
	if (mh_intel_match_ip(intel, ip, &hit) && mh_dutil_label_anonymizer(hit.label))
		return 1;
	for (i = 1; i <= 2; i++) {
		struct mh_ip nb = *ip;

		nb.a[last] = (uint8_t)(nb.a[last] ^ i);
		if (mh_intel_match_ip(intel, &nb, &hit) && mh_dutil_label_anonymizer(hit.label))
			return 1;
	}
	return 0;
}

uint32_t mh_dutil_ip_hash(const struct mh_ip *ip)
{
	uint32_t h = 2166136261u;
	int i, n = ip->family == 4 ? 4 : ip->family == 6 ? 16 : 0;

	if (!n)
		return 0;
	h = (h ^ ip->family) * 16777619u;
	for (i = 0; i < n; i++)
		h = (h ^ ip->a[i]) * 16777619u;
	return h ? h : 1;
}

struct mh_dutil_ipcount {
	struct mh_strmap *m; /* 4-byte hash -> roster people */
};

struct mh_dutil_ipcount *mh_dutil_ipcount_new(const struct mh_state *st)
{
	struct mh_dutil_ipcount *c = mh_calloc(1, sizeof(*c));
	size_t p;
	uint32_t i, n;

	c->m = mh_strmap_new();
	for (p = 0; p < st->n; p++) {
		const struct mh_pstate *ps = &st->ps[p];

		if (ps->roster == MH_NOBODY)
			continue;
		for (i = 0; i < ps->narts; i++) {
			struct mh_ip ip;
			uint32_t h;

			if (mh_art_ip(st, &ps->arts[i], &ip))
				continue;
			h = mh_dutil_ip_hash(&ip);
			if (!mh_strmap_get(c->m, (const char *)&h, sizeof(h), &n))
				n = 0;
			mh_strmap_put(c->m, (const char *)&h, sizeof(h), n + 1);
		}
	}
	return c;
}

uint32_t mh_dutil_ipcount_get(const struct mh_dutil_ipcount *c, uint32_t iphash)
{
	uint32_t n;

	return c && mh_strmap_get(c->m, (const char *)&iphash, sizeof(iphash), &n) ? n : 0;
}

void mh_dutil_ipcount_free(struct mh_dutil_ipcount *c)
{
	if (!c)
		return;
	mh_strmap_free(c->m);
	free(c);
}

struct mh_dutil_egress {
	struct mh_cidr *t;
	size_t n;
};

/* "10.0.0.0/8", "2001:db8::/32" or a bare address. */
static int add_cidr(struct mh_cidr *t, const char *s)
{
	char buf[CIDR_TEXT_MAX];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	struct mh_ip ip;
	long len;
	char *end;

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (mh_ip_parse(buf, n, &ip))
		return -1;
	len = ip.family == 4 ? 32 : 128;
	if (slash) {
		len = strtol(slash + 1, &end, 10);
		if (*end || end == slash + 1 || len < 0 || len > (ip.family == 4 ? 32 : 128))
			return -1;
	}
	return mh_cidr_add(t, &ip, (unsigned)len, 1);
}

struct mh_dutil_egress *mh_dutil_egress_new(const struct mh_config *cfg)
{
	struct mh_dutil_egress *e = mh_calloc(1, sizeof(*e));
	const char *const *items;
	size_t n = mh_config_list(cfg, "allow.egress_cidrs", &items), i;

	e->t = mh_cidr_new();
	for (i = 0; i < n; i++)
		if (!add_cidr(e->t, items[i]))
			e->n++;
	mh_cidr_build(e->t);
	return e;
}

int mh_dutil_egress_has(const struct mh_dutil_egress *e, const struct mh_ip *ip)
{
	return e && e->n && ip->family && mh_cidr_lookup(e->t, ip) != MH_CIDR_NONE;
}

int mh_dutil_egress_has_text(const struct mh_dutil_egress *e, const char *s)
{
	struct mh_ip ip;

	if (!e || !e->n || mh_ip_parse(s, strlen(s), &ip))
		return 0;
	return mh_dutil_egress_has(e, &ip);
}

void mh_dutil_egress_free(struct mh_dutil_egress *e)
{
	if (!e)
		return;
	mh_cidr_free(e->t);
	free(e);
}

const struct mh_roster_entry *mh_dutil_entry(const struct mh_world *w, uint32_t p)
{
	uint32_t r;

	if (!w->st || p >= w->st->n || !w->roster)
		return NULL;
	r = w->st->ps[p].roster;
	return r < w->roster->n ? &w->roster->v[r] : NULL;
}

const struct mh_roster_entry *mh_dutil_entry_st(const struct mh_state *st, uint32_t p)
{
	const struct mh_roster *r = st->people ? st->people->roster : NULL;
	uint32_t i = p < st->n ? st->ps[p].roster : MH_NOBODY;

	return r && i < r->n ? &r->v[i] : NULL;
}

const char *mh_dutil_who(const struct mh_world *w, uint32_t p)
{
	const struct mh_roster_entry *e = mh_dutil_entry(w, p);

	if (e)
		return e->employee_id;
	return p < w->st->n && w->st->ps[p].key ? w->st->ps[p].key : "?";
}

void mh_dutil_date_day(int32_t day, char out[11])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		snprintf(out, 11, "day %d", (int)day);
}

void mh_dutil_date_ms(int64_t ms, char out[11])
{
	mh_dutil_date_day(mh_day_of(ms), out);
}
