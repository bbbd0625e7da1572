/* Peer hash lookups and the weight of a match (match.h). */
#include "share/match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/xalloc.h"
#include "vet/applicant.h"
#include "vet/vet.h"

void mh_share_set_init(struct mh_share_set *s, const struct mh_share_keys *keys)
{
	memset(s, 0, sizeof(*s));
	s->keys = keys;
}

static uint32_t peer_index(struct mh_share_set *s, const char *peer)
{
	size_t i;

	for (i = s->npeers; i > 0; i--)
		if (!strcmp(s->peers[i - 1], peer))
			return (uint32_t)(i - 1);
	s->peers = mh_grow(s->peers, &s->cappeers, s->npeers + 1, sizeof(*s->peers));
	s->peers[s->npeers] = mh_strdup(peer);
	return (uint32_t)s->npeers++;
}

void mh_share_set_add(struct mh_share_set *s, const char *peer, const char *key_id,
                      const struct mh_share_rec *r)
{
	struct mh_share_entry *e;
	size_t k;

	for (k = 0; k < s->keys->n && strcmp(s->keys->v[k].id, key_id); k++)
		;
	if (k == s->keys->n || r->kind >= MH_VA__COUNT) {
		s->unkeyed++;
		return;
	}
	s->v = mh_grow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	e = &s->v[s->n++];
	memcpy(e->hash, r->hash, MH_SHARE_HASH_LEN);
	e->kind = r->kind;
	e->reason = r->reason;
	e->category = r->category;
	e->key = (uint8_t)k;
	e->peer = peer_index(s, peer);
	memcpy(e->subject, r->subject, sizeof(e->subject));
	memcpy(e->flagged, r->flagged, sizeof(e->flagged));
	s->keys_used |= 1u << k;
}

static int by_hash(const void *a, const void *b)
{
	return memcmp(((const struct mh_share_entry *)a)->hash,
	              ((const struct mh_share_entry *)b)->hash, MH_SHARE_HASH_LEN);
}

void mh_share_set_seal(struct mh_share_set *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), by_hash);
}

void mh_share_set_release(struct mh_share_set *s)
{
	size_t i;

	for (i = 0; i < s->npeers; i++)
		free(s->peers[i]);
	free(s->peers);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/*
 * A phone or an address alone gets no bonus: numbers are recycled and a
 * peer's flag may be months old; an address holds roommates and families
 * (a bundle has no surnames for the family rule). Alone they are a lead,
 * below the alert threshold; with any other kind of the same peer person,
 * or another finding, they count in full.
 */
double mh_share_points(const struct mh_config *cfg, uint32_t kinds)
{
	const uint32_t weak = (1u << MH_VA_PHONE) | (1u << MH_VA_ADDRESS);
	double pts = mh_config_num(cfg, "share.peer_bonus", 30);
	int k;

	if (__builtin_popcount(kinds) == 1 && (kinds & weak))
		pts = 0;
	for (k = 0; k < MH_VA__COUNT; k++)
		if (kinds & (1u << k))
			pts += mh_vet_weight(cfg, (enum mh_vet_kind)k);
	return pts > 100 ? 100 : pts;
}

void mh_share_kinds_text(uint32_t kinds, char *buf, size_t cap)
{
	size_t o = 0;
	int k, left = __builtin_popcount(kinds);

	buf[0] = '\0';
	for (k = 0; k < MH_VA__COUNT && o < cap; k++) {
		if (!(kinds & (1u << k)))
			continue;
		left--;
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", mh_vet_kind_names[k],
		                      !left       ? ""
		                      : left == 1 ? " and "
		                                  : ", ");
	}
}

/* The first entry with this hash, or n. */
static size_t lower_bound(const struct mh_share_set *s, const uint8_t *h)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (memcmp(s->v[mid].hash, h, MH_SHARE_HASH_LEN) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct hits {
	struct mh_share_hit *v;
	size_t n, cap;
};

static void note(const struct mh_share_set *s, struct hits *h, const struct mh_share_entry *e,
                 size_t art)
{
	struct mh_share_hit *x;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->v[i].peer == s->peers[e->peer] && !strcmp(h->v[i].subject, e->subject))
			break;
	if (i == h->n) {
		h->v = mh_grow(h->v, &h->cap, h->n + 1, sizeof(*h->v));
		x = &h->v[h->n++];
		memset(x, 0, sizeof(*x));
		x->peer = s->peers[e->peer];
		x->subject = e->subject;
		x->reason = e->reason;
		x->category = e->category;
		memcpy(x->flagged, e->flagged, sizeof(x->flagged));
	}
	x = &h->v[i];
	x->kinds |= 1u << e->kind;
	if (art < 32)
		x->arts |= 1u << art;
}

static int by_points(const void *a, const void *b)
{
	const struct mh_share_hit *x = a, *y = b;
	int c;

	if (x->points != y->points)
		return x->points < y->points ? 1 : -1;
	c = strcmp(x->peer, y->peer);
	return c ? c : strcmp(x->subject, y->subject);
}

size_t mh_share_match(const struct mh_share_set *s, const struct mh_config *cfg,
                      const uint8_t *kinds, const char *const *values, size_t n,
                      struct mh_share_hit *out, size_t max)
{
	struct hits h = {NULL, 0, 0};
	uint8_t hash[MH_SHARE_HASH_LEN];
	size_t i, k, j;

	if (!s || !s->n)
		return 0;
	for (i = 0; i < n; i++) {
		if (kinds[i] >= MH_VA__COUNT || !values[i] || !values[i][0])
			continue;
		for (k = 0; k < s->keys->n; k++) {
			if (!(s->keys_used & (1u << k)))
				continue;
			mh_share_hash(&s->keys->v[k], mh_vet_kind_names[kinds[i]], values[i],
			              strlen(values[i]), hash);
			for (j = lower_bound(s, hash);
			     j < s->n && !memcmp(s->v[j].hash, hash, MH_SHARE_HASH_LEN); j++)
				if (s->v[j].key == k && s->v[j].kind == kinds[i])
					note(s, &h, &s->v[j], i);
		}
	}
	for (i = 0; i < h.n; i++)
		h.v[i].points = mh_share_points(cfg, h.v[i].kinds);
	if (h.n > 1)
		qsort(h.v, h.n, sizeof(*h.v), by_points);
	n = h.n < max ? h.n : max;
	if (n)
		memcpy(out, h.v, n * sizeof(*out));
	free(h.v);
	return n;
}
