/* Employees against peer hashes (roster.h). Two passes over the roster:
 * one counts how many employees hold each value (by a 64-bit hash of kind
 * and value, sorted), the next matches the values that are not common. */
#include "share/roster.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

#define HITS_MAX 4

static uint64_t value_hash(const struct mh_vet_emp_art *a)
{
	return XXH3_64bits_withSeed(a->value, strlen(a->value), 0x5ea0000u + a->kind);
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static size_t holders(const uint64_t *v, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n, c = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + c < n && v[lo + c] == h)
		c++;
	return c;
}

size_t mh_share_match_roster(const struct mh_share_set *s, const struct mh_config *cfg,
                             const struct mh_roster *roster, uint32_t common_max,
                             mh_share_emp_fn cb, void *arg)
{
	struct mh_vet_emp_arts *ea;
	struct mh_share_hit hits[HITS_MAX];
	uint64_t *hv;
	size_t nh = 0, r, k, matched = 0;

	if (!s || !s->n || !roster || !roster->n)
		return 0;
	ea = mh_malloc(sizeof(*ea));
	hv = mh_malloc(roster->n * MH_VET_EMP_ARTS * sizeof(*hv));
	for (r = 0; r < roster->n; r++) {
		mh_vet_employee_arts(&roster->v[r], ea);
		for (k = 0; k < ea->n; k++)
			hv[nh++] = value_hash(&ea->v[k]);
	}
	qsort(hv, nh, sizeof(*hv), cmp_u64);
	for (r = 0; r < roster->n; r++) {
		uint8_t kinds[MH_VET_EMP_ARTS];
		const char *vals[MH_VET_EMP_ARTS];
		size_t n;

		mh_vet_employee_arts(&roster->v[r], ea);
		for (k = 0; k < ea->n; k++) {
			kinds[k] = ea->v[k].kind;
			/* An empty value matches nothing: the common ones keep their bit. */
			vals[k] = holders(hv, nh, value_hash(&ea->v[k])) > common_max
			              ? ""
			              : ea->v[k].value;
		}
		n = mh_share_match(s, cfg, kinds, vals, ea->n, hits, HITS_MAX);
		if (n) {
			matched++;
			cb(arg, (uint32_t)r, ea, hits, n);
		}
	}
	free(hv);
	free(ea);
	return matched;
}
