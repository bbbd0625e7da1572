/*
 * Identity artifacts that must not collide by chance. Real phone numbers and
 * mailboxes belong to one person; the fictional ranges the simulator draws
 * from are small (NANP 555-0100..0199 holds 100 numbers per area code), so
 * without this registry unrelated people would share a phone or an address by
 * accident and look like personas. Sharing stays possible where a scenario or
 * trap copies a value on purpose (families, agencies, operatives).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h | 1;
}

static void grow(struct mh_sim *s)
{
	size_t old = s->taken_cap, i;
	uint64_t *v = s->taken;

	s->taken_cap = old ? old * 2 : 1024;
	s->taken = mh_calloc(s->taken_cap, sizeof(*s->taken));
	s->ntaken = 0;
	for (i = 0; i < old; i++) {
		size_t j;

		if (!v[i])
			continue;
		for (j = v[i] & (s->taken_cap - 1); s->taken[j]; j = (j + 1) & (s->taken_cap - 1))
			;
		s->taken[j] = v[i];
		s->ntaken++;
	}
	free(v);
}

int mh_sim_taken(const struct mh_sim *s, const char *value)
{
	uint64_t h = hash(value);
	size_t i;

	if (!s->taken_cap)
		return 0;
	for (i = h & (s->taken_cap - 1); s->taken[i]; i = (i + 1) & (s->taken_cap - 1))
		if (s->taken[i] == h)
			return 1;
	return 0;
}

int mh_sim_take(struct mh_sim *s, const char *value)
{
	uint64_t h = hash(value);
	size_t i;

	if ((s->ntaken + 1) * 2 > s->taken_cap)
		grow(s);
	for (i = h & (s->taken_cap - 1); s->taken[i]; i = (i + 1) & (s->taken_cap - 1))
		if (s->taken[i] == h)
			return 0;
	s->taken[i] = h;
	s->ntaken++;
	return 1;
}

static void draw(char *dst, size_t cap, const char *cc, const char *area, struct mh_rng *r,
                 int wide)
{
	if (!strcmp(cc, "US") || !strcmp(cc, "CA")) {
		if (!wide)
			snprintf(dst, cap, "+1 %s-555-01%02u", area, mh_rng_below(r, 100));
		else
			snprintf(dst, cap, "+1 %s-555-%04u", area, 2000 + mh_rng_below(r, 8000));
	} else if (!strcmp(cc, "GB")) {
		snprintf(dst, cap, wide ? "+44 7700 9%05u" : "+44 7700 900%03u",
		         mh_rng_below(r, wide ? 100000 : 1000));
	} else {
		snprintf(dst, cap, "+%u %s %04u %04u",
		         !strcmp(cc, "IN")   ? 91u
		         : !strcmp(cc, "SG") ? 65u
		                             : 63u,
		         area, mh_rng_below(r, 10000), mh_rng_below(r, 10000));
	}
}

void mh_sim_phone(struct mh_sim *s, struct mh_rng *r, const char *cc, const char *area, char *dst,
                  size_t cap)
{
	int tries;

	/* The fictional range first; when a busy area code has used it up, the
	 * rest of the 555 exchange. */
	for (tries = 0; tries < 200; tries++) {
		draw(dst, cap, cc, area, r, tries >= 20);
		if (mh_sim_take(s, dst))
			return;
	}
}
