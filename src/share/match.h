#ifndef MH_SHARE_MATCH_H
#define MH_SHARE_MATCH_H
/*
 * Matching our people's artifacts against the hashes peers shared
 * (docs/SHARE.md). The set holds every imported peer hash, sorted; a
 * person's canonical artifacts are hashed under each key the set has
 * hashes for and looked up. Matches are grouped by the peer's subject: one
 * peer person matching on a phone and a payment account is one hit of two
 * kinds, weighed as vetting weighs a pair of records (the sum of the
 * kinds' vet.weight.*) plus share.peer_bonus for the peer having flagged
 * that person, capped at 100; a phone or an address alone gets no bonus.
 *
 * Ownership: the set borrows the keys (they must outlive it) and owns its
 * entries and peer names; hits point into the set.
 */
#include <stddef.h>
#include <stdint.h>

#include "share/bundle.h"
#include "share/key.h"

struct mh_config;

struct mh_share_entry {
	uint8_t hash[MH_SHARE_HASH_LEN];
	uint8_t kind, reason, category;
	uint8_t key;   /* index into the keys */
	uint32_t peer; /* index into peers */
	char subject[MH_SHARE_SUBJ_LEN + 1];
	char flagged[8];
};

struct mh_share_set {
	const struct mh_share_keys *keys;
	struct mh_share_entry *v; /* sorted by hash after seal */
	size_t n, cap;
	char **peers;
	size_t npeers, cappeers;
	uint32_t keys_used; /* bit per key index holding entries */
	uint64_t unkeyed;   /* hashes under keys the key file no longer holds */
};

struct mh_share_hit {
	const char *peer, *subject; /* borrowed from the set */
	uint8_t reason, category;
	char flagged[8];
	uint32_t kinds; /* bit per enum mh_vet_kind matched */
	uint32_t arts;  /* bit per input artifact matched (the first 32) */
	double points;
};

void mh_share_set_init(struct mh_share_set *s, const struct mh_share_keys *keys);
/* Add one peer hash made under key_id (copied). */
void mh_share_set_add(struct mh_share_set *s, const char *peer, const char *key_id,
                      const struct mh_share_rec *r);
/* Sort for lookups; call once after the last add. */
void mh_share_set_seal(struct mh_share_set *s);
void mh_share_set_release(struct mh_share_set *s);

/* Points of a hit of these kinds (bit per enum mh_vet_kind). */
double mh_share_points(const struct mh_config *cfg, uint32_t kinds);

/* Match n canonical artifacts of one person (kinds[i], values[i]); fills at
 * most max hits, strongest first (ties by peer, then subject), and
 * returns how many were written. */
size_t mh_share_match(const struct mh_share_set *s, const struct mh_config *cfg,
                      const uint8_t *kinds, const char *const *values, size_t n,
                      struct mh_share_hit *hits, size_t max);

/* "phone and payroll" for a kinds mask, into buf. */
void mh_share_kinds_text(uint32_t kinds, char *buf, size_t cap);

#endif
