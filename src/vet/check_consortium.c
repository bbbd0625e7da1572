/*
 * identity.consortium: an applicant's artifact hashes, under the
 * consortium key, to a hash a peer company shared for a person it flagged
 * (docs/SHARE.md). One operator holds jobs at several companies under
 * personas that re-use phones, payment accounts and mailboxes; the peer
 * saw the persona, we see the applicant.
 *
 * Weighed as a pair of records with a flagged other record: the matched
 * kinds' vet.weight.* for the one peer person matching best, plus
 * share.peer_bonus (30) because the peer flagged that person. An e-mail,
 * payment account, profile or photo alone reaches the alert threshold
 * (75, 80, 70, 70). A phone alone gets no bonus (40): numbers are
 * recycled and a peer's flag may be months old, as identity.intel weighs
 * an advisory's phone; nor an address alone (25): roommates, an apartment
 * block, a family, and a bundle carries no surnames for the family rule.
 * Either with a second kind of the same peer person counts in full. Values
 * our own index finds common (a hub or a placeholder: a default avatar, an
 * agency switchboard) are not matched: they link nobody here either.
 */
#include <stdio.h>
#include <string.h>

#include "share/match.h"
#include "vet/vet_int.h"

#define HITS_MAX 8

/* Is (kind, value) a common value of the index, linking nobody? */
static int common(const struct mh_vet *v, uint8_t kind, const char *value)
{
	size_t from, to;

	return mh_vet_art_run(v, kind, value, &from, &to) && v->art[from].common != VA_SPECIFIC;
}

/* One line per matched artifact, naming the strongest peer person holding
 * it and how many more do. */
static void evidence(struct mh_vet_finding *f, const struct mh_applicant *a,
                     const struct mh_share_hit *h, size_t nh, const size_t *idx, size_t n)
{
	char text[160];
	size_t k, j, first, more;

	for (k = 0; k < n && k < 32; k++) {
		const struct mh_vet_art *art = &a->arts[idx[k]];

		for (j = 0, first = nh, more = 0; j < nh; j++)
			if (h[j].arts & (1u << k)) {
				more += first < nh;
				first = first < nh ? first : j;
			}
		if (first == nh)
			continue;
		snprintf(text, sizeof(text), "%.80s (peer %s: %s, %s, flagged %s)%s", art->raw,
		         h[first].peer, mh_share_reason_names[h[first].reason],
		         mh_share_category_names[h[first].category], h[first].flagged,
		         more ? " and more peer people" : "");
		mh_vet_ev_add(f, mh_vet_kind_names[art->kind], text);
	}
}

void mh_vet_check_consortium(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	struct mh_share_hit hits[HITS_MAX];
	uint8_t kinds[MH_VET_MAX_ARTS];
	const char *vals[MH_VET_MAX_ARTS];
	size_t idx[MH_VET_MAX_ARTS], n = 0, nh, k;
	struct mh_vet_finding *f;
	char what[64];

	if (!v->share)
		return;
	for (k = 0; k < a->narts; k++) {
		if (common(v, a->arts[k].kind, a->arts[k].value))
			continue;
		kinds[n] = a->arts[k].kind;
		vals[n] = a->arts[k].value;
		idx[n++] = k;
	}
	nh = mh_share_match(v->share, v->cfg, kinds, vals, n, hits, HITS_MAX);
	if (!nh || !(f = mh_vet_finding_add(&v->res[i], "identity.consortium", hits[0].points)))
		return;
	mh_share_kinds_text(hits[0].kinds, what, sizeof(what));
	/* "employee" and "applicant" both take "an". */
	snprintf(f->summary, sizeof(f->summary), "%s match%s an %s peer %s flagged (%s, %s)%s",
	         what, __builtin_popcount(hits[0].kinds) == 1 ? "es" : "",
	         mh_share_reason_names[hits[0].reason], hits[0].peer,
	         mh_share_category_names[hits[0].category], hits[0].flagged,
	         nh > 1 ? "; other peer people match too" : "");
	evidence(f, a, hits, nh, idx, n);
}
