/*
 * Applicants (Greenhouse candidates): genuine applicants, persona clusters
 * run by operatives (near-duplicate resumes, a shared phone, address or photo,
 * sometimes an artifact of an operative employee), one applicant referred by
 * an operative, and the benign look-alikes of vetting: bootcamp graduates
 * with similar resumes, relatives sharing an address, an agency's phone on
 * several candidates, the default avatar photo.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

#define AP_TRAP_SIMILAR 0
#define AP_TRAP_ADDRESS 1
#define AP_TRAP_AGENCY  2
#define AP_TRAP_AVATAR  3

static void photo(char dst[65], uint64_t seed)
{
	static const char hx[] = "0123456789abcdef";
	unsigned i;
	uint64_t x = 0;

	for (i = 0; i < 64; i++) {
		if (i % 16 == 0)
			x = mh_mix64(seed + i);
		dst[i] = hx[x & 15];
		x >>= 4;
	}
	dst[64] = '\0';
}

/* A resume template no one else writes from: with 300 applicants and 60,000
 * templates, two genuine applicants would otherwise share one in most runs
 * and look like a persona pair nobody planted. Personas and bootcamp
 * classmates copy a template on purpose. */
static uint16_t resume_template(struct mh_sim *s, struct mh_rng *r)
{
	char key[32];
	uint16_t t;
	int tries = 0;

	do {
		t = (uint16_t)mh_rng_below(r, 60000);
		snprintf(key, sizeof(key), "resume-template %u", t);
	} while (!mh_sim_take(s, key) && ++tries < 64);
	return t;
}

static void genuine(struct mh_sim *s, struct mh_sim_applicant *a, struct mh_rng *r, uint32_t k)
{
	const struct mh_sim_city *c;
	char f[24], l[24];
	size_t i;

	memset(a, 0, sizeof(*a));
	a->id = 40000000u + k * 7u + mh_rng_below(r, 7);
	snprintf(a->first, sizeof(a->first), "%s",
	         mh_sim_first_names[mh_rng_below(r, mh_sim_nfirst)]);
	snprintf(a->last, sizeof(a->last), "%s", mh_sim_last_names[mh_rng_below(r, mh_sim_nlast)]);
	for (i = 0; a->first[i] && i + 1 < sizeof(f); i++)
		f[i] = (char)tolower((unsigned char)a->first[i]);
	f[i] = '\0';
	for (i = 0; a->last[i] && i + 1 < sizeof(l); i++)
		l[i] = isalpha((unsigned char)a->last[i]) ? (char)tolower((unsigned char)a->last[i])
		                                          : 'x';
	l[i] = '\0';
	do
		a->city = (uint8_t)mh_rng_below(r, mh_sim_ncities);
	while (!(mh_sim_cities[a->city].use & MH_CITY_HOME));
	c = &mh_sim_cities[a->city];
	a->role = (uint8_t)mh_rng_below(r, MH_ROLE__COUNT);
	a->source = (uint8_t)mh_rng_below(r, 6);
	a->referrer = -1;
	/* referrals by ordinary employees */
	if (a->source == 3) {
		a->referrer = (int32_t)mh_rng_below(r, s->np);
		if (s->p[a->referrer].scen) {
			a->source = 0;
			a->referrer = -1;
		}
	}
	a->cluster = -1;
	a->applied = s->start - 30 + (int32_t)mh_rng_below(r, s->opt.days + 30);
	snprintf(a->email, sizeof(a->email), "%s.%s%u@%s", f, l, mh_rng_below(r, 100),
	         mh_sim_free_mail[mh_rng_below(r, mh_sim_nfree_mail)]);
	mh_sim_phone(s, r, !strcmp(c->cc, "US") || !strcmp(c->cc, "CA") ? c->cc : "GB", c->area,
	             a->phone, sizeof(a->phone));
	snprintf(a->address, sizeof(a->address), "%u %s, %s, %s %05u", 100 + mh_rng_below(r, 9800),
	         mh_sim_streets[mh_rng_below(r, mh_sim_nstreets)], c->city, c->state,
	         10000 + mh_rng_below(r, 89999));
	snprintf(a->website, sizeof(a->website), "https://github.com/%s%s%u", f, l,
	         mh_rng_below(r, 100));
	photo(a->photo, mh_rng_next(r));
	a->resume_template = resume_template(s, r);
	a->resume_seed = mh_rng_next(r);
	a->resume_edits = 0;
}

static void clusters(struct mh_sim *s, struct mh_rng *r, uint32_t *next)
{
	unsigned c, k, nclusters = 1 + mh_rng_below(r, 2 + s->nap / 400);
	int32_t op = -1;
	uint32_t i;

	for (i = 0; i < s->np; i++)
		if (s->p[i].scen == MH_SC_FARM || s->p[i].scen == MH_SC_SOLO)
			op = (int32_t)i;
	for (c = 0; c < nclusters && *next + 6 < s->nap; c++) {
		unsigned size = 3 + mh_rng_below(r, 3);
		unsigned share = 1 + mh_rng_below(r, 7); /* bits: phone, address, photo */
		struct mh_sim_applicant *first = &s->ap[*next];

		for (k = 0; k < size; k++) {
			struct mh_sim_applicant *a = &s->ap[*next];

			genuine(s, a, r, *next);
			(*next)++;
			a->cluster = (int16_t)c;
			a->positive = 1;
			a->role = MH_ROLE_ENG;
			a->resume_template = first->resume_template;
			a->resume_edits = (uint8_t)(1 + mh_rng_below(r, 3));
			a->applied = first->applied + (int32_t)mh_rng_below(r, 20);
			if (k == 0)
				continue;
			if (share & 1)
				memcpy(a->phone, first->phone, sizeof(a->phone));
			if (share & 2)
				memcpy(a->address, first->address, sizeof(a->address));
			if (share & 4)
				memcpy(a->photo, first->photo, sizeof(a->photo));
		}
		/* the cluster re-uses an artifact of an operative already on staff */
		if (op >= 0 && mh_rng_chance(r, 0.6))
			snprintf(first->phone, sizeof(first->phone), "%s", s->p[op].phone);
	}
	/* a referral from an operative */
	if (op >= 0 && *next < s->nap) {
		struct mh_sim_applicant *a = &s->ap[*next];

		genuine(s, a, r, *next);
		(*next)++;
		a->source = 3;
		a->referrer = op;
		a->positive = 1;
		a->role = MH_ROLE_ENG;
		a->resume_template = s->ap[*next - 2].resume_template;
		a->resume_edits = 3;
	}
}

static void traps(struct mh_sim *s, struct mh_rng *r, uint32_t from)
{
	uint32_t n = s->nap - from, k, base;
	unsigned t;

	if (n < 16)
		return;
	/* bootcamp graduates: one template, a handful of edits each */
	base = from + mh_rng_below(r, n - 8);
	for (k = 0; k < 4 + mh_rng_below(r, 4) && base + k < s->nap; k++) {
		s->ap[base + k].resume_template = s->ap[base].resume_template;
		s->ap[base + k].resume_edits = (uint8_t)(2 + mh_rng_below(r, 4));
		s->ap[base + k].traps |= 1u << AP_TRAP_SIMILAR;
	}
	/* relatives: two applicants, and one applicant and an employee, share a home */
	for (t = 0; t < 2; t++) {
		struct mh_sim_applicant *a = &s->ap[from + mh_rng_below(r, n)];

		if (a->traps)
			continue;
		if (t == 0) {
			struct mh_sim_applicant *b = &s->ap[from + mh_rng_below(r, n)];

			if (b == a || b->traps)
				continue;
			memcpy(b->address, a->address, sizeof(b->address));
			memcpy(b->last, a->last, sizeof(b->last));
			b->traps |= 1u << AP_TRAP_ADDRESS;
		} else {
			const struct mh_sim_person *p = &s->p[mh_rng_below(r, s->np)];

			if (p->scen)
				continue;
			snprintf(a->address, sizeof(a->address), "%s", p->address);
			snprintf(a->last, sizeof(a->last), "%s", p->last);
		}
		a->traps |= 1u << AP_TRAP_ADDRESS;
	}
	/* an agency submits several candidates with its own phone number */
	base = from + mh_rng_below(r, n - 6);
	for (k = 0; k < 3 + mh_rng_below(r, 3); k++) {
		struct mh_sim_applicant *a = &s->ap[base + k];

		a->source = 4;
		snprintf(a->phone, sizeof(a->phone), "%s", MH_SIM_AGENCY_PHONE);
		a->traps |= 1u << AP_TRAP_AGENCY;
	}
	/* the default avatar */
	for (k = 0; k < 3 + mh_rng_below(r, 4); k++) {
		struct mh_sim_applicant *a = &s->ap[from + mh_rng_below(r, n)];

		photo(a->photo, 0xa7a7a7ull);
		a->traps |= 1u << AP_TRAP_AVATAR;
	}
}

void mh_sim_applicants(struct mh_sim *s)
{
	struct mh_rng r;
	uint32_t next = 0, genuine_from;

	s->nap = s->opt.applicants;
	if (!s->nap)
		return;
	s->ap = mh_calloc(s->nap, sizeof(*s->ap));
	mh_rng_derive(&r, s->opt.seed, 0x4150u, 0, 0);
	clusters(s, &r, &next);
	genuine_from = next;
	for (; next < s->nap; next++)
		genuine(s, &s->ap[next], &r, next);
	traps(s, &r, genuine_from);
	/* file order and ids must not reveal which records came first */
	for (next = s->nap; next > 1; next--) {
		uint32_t j = mh_rng_below(&r, next);
		struct mh_sim_applicant t = s->ap[next - 1];

		s->ap[next - 1] = s->ap[j];
		s->ap[j] = t;
	}
	for (next = 0; next < s->nap; next++)
		s->ap[next].id = 40000000u + next * 7u + mh_rng_below(&r, 7);
}
