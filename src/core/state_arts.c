/*
 * A person's artifacts: 32-byte records in the order they were first added,
 * each naming its value by an interned id (or holding an IPv4 address), and
 * found by (kind, value) through a linear scan while the person has few and
 * through a per-person open-addressing index of 16-bit slots (at most three
 * quarters full) once they have more. The index costs 3 to 5 bytes per
 * artifact where a table shared by all people would cost 32 or more; a scan
 * of up to 16 records (their value ids) is as quick as hashing.
 *
 * A value is interned only once the person can keep it: a value arriving for
 * a kind that is full is counted in art_dropped without touching the string
 * table, so dropped values cannot grow the state.
 */
#include <stdlib.h>
#include <string.h>

#include "core/state_int.h"
#include "util/ip.h"
#include "util/xalloc.h"

#define LINEAR_MAX 16 /* artifacts a person may have before they get an index */

_Static_assert(MH_SRC__COUNT <= 8, "mh_art.src has 3 bits");
_Static_assert(MH_ART__COUNT <= 16, "mh_art.kind has 4 bits");
_Static_assert(sizeof(struct mh_art) == 32, "mh_art is 32 bytes");

static uint32_t key_hash(int kind, int v4, uint32_t value)
{
	uint32_t h = value * 0x9e3779b1u ^ (uint32_t)(kind << 1 | v4) * 0x85ebca77u;

	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	return h ^ h >> 12;
}

static int same(const struct mh_art *a, int kind, int v4, uint32_t value)
{
	return a->value == value && a->kind == (unsigned)kind && a->v4 == (unsigned)v4;
}

static struct mh_art *lookup(const struct mh_pstate *ps, int kind, int v4, uint32_t value)
{
	uint32_t i, mask;

	if (!ps->aidx) {
		for (i = 0; i < ps->narts; i++)
			if (same(&ps->arts[i], kind, v4, value))
				return &ps->arts[i];
		return NULL;
	}
	mask = (1u << ps->aidx_bits) - 1;
	for (i = key_hash(kind, v4, value) & mask; ps->aidx[i]; i = (i + 1) & mask)
		if (same(&ps->arts[ps->aidx[i] - 1], kind, v4, value))
			return &ps->arts[ps->aidx[i] - 1];
	return NULL;
}

static void index_put(struct mh_pstate *ps, uint32_t idx)
{
	const struct mh_art *a = &ps->arts[idx];
	uint32_t mask = (1u << ps->aidx_bits) - 1, i;

	for (i = key_hash(a->kind, a->v4, a->value) & mask; ps->aidx[i]; i = (i + 1) & mask)
		;
	ps->aidx[i] = (uint16_t)(idx + 1);
}

/* Whether n artifacts fit an index of 1 << bits slots. */
static int fits(uint32_t n, uint32_t bits)
{
	return 4 * n <= 3u << bits;
}

/* (Re)build the index with room for the artifacts and some more. */
static void index_build(struct mh_pstate *ps)
{
	uint32_t bits = 4, i;

	while (!fits(ps->narts + 1, bits))
		bits++;
	free(ps->aidx);
	ps->aidx = mh_calloc((size_t)1 << bits, sizeof(*ps->aidx));
	ps->aidx_bits = (uint8_t)bits;
	for (i = 0; i < ps->narts; i++)
		index_put(ps, i);
}

static int full(struct mh_pstate *ps, int kind)
{
	if (ps->nkind[kind] < mh_art_cap(kind))
		return 0;
	ps->art_dropped++;
	return 1;
}

/* Append a new artifact (the caller checked its kind has room). */
static struct mh_art *add(struct mh_pstate *ps, int kind, int v4, uint32_t value)
{
	struct mh_art *a;

	/* grow by half, not double: most people settle at a few dozen */
	if (ps->narts == ps->artcap) {
		ps->artcap = (uint16_t)(ps->artcap < 8 ? 8 : ps->artcap + ps->artcap / 2);
		ps->arts = mh_realloc(ps->arts, (size_t)ps->artcap * sizeof(*ps->arts));
	}
	a = &ps->arts[ps->narts++];
	memset(a, 0, sizeof(*a));
	a->kind = (unsigned)kind;
	a->v4 = (unsigned)v4;
	a->value = value;
	a->first_ms = INT64_MAX;
	a->last_ms = INT64_MIN;
	ps->nkind[kind]++;
	if (ps->aidx && fits(ps->narts, ps->aidx_bits))
		index_put(ps, ps->narts - 1u);
	else if (ps->aidx || ps->narts > LINEAR_MAX)
		index_build(ps);
	return a;
}

struct mh_art *mh_arts_get(struct mh_state *st, uint32_t p, int kind, const char *v, size_t n,
                           int *isnew)
{
	struct mh_pstate *ps = &st->ps[p];
	struct mh_art *a;
	uint32_t id;

	*isnew = 0;
	if (!(st->kinds >> kind & 1))
		return NULL;
	if (n > MH_ART_VALUE_MAX)
		n = MH_ART_VALUE_MAX;
	id = mh_intern_find(&st->strings, v, n);
	if (id != MH_INTERN_NONE && (a = lookup(ps, kind, 0, id)))
		return a;
	if (full(ps, kind))
		return NULL;
	if (id == MH_INTERN_NONE && (id = mh_intern(&st->strings, v, n)) == MH_INTERN_NONE) {
		ps->art_dropped++;
		return NULL;
	}
	*isnew = 1;
	return add(ps, kind, 0, id);
}

struct mh_art *mh_arts_get_v4(struct mh_state *st, uint32_t p, uint32_t addr, int *isnew)
{
	struct mh_pstate *ps = &st->ps[p];
	struct mh_art *a;

	*isnew = 0;
	if (!(st->kinds >> MH_ART_IP & 1))
		return NULL;
	if ((a = lookup(ps, MH_ART_IP, 1, addr)))
		return a;
	if (full(ps, MH_ART_IP))
		return NULL;
	*isnew = 1;
	return add(ps, MH_ART_IP, 1, addr);
}

struct mh_art *mh_arts_get_ip(struct mh_state *st, uint32_t p, const struct mh_ip *ip, int *isnew)
{
	char buf[MH_ART_TEXT_MAX];
	uint32_t addr;

	if (ip->family == 4) {
		memcpy(&addr, ip->a, 4);
		return mh_arts_get_v4(st, p, addr, isnew);
	}
	mh_ip_format(ip, buf, sizeof(buf));
	return mh_arts_get(st, p, MH_ART_IP, buf, strlen(buf), isnew);
}

void mh_arts_fold(struct mh_art *a, const struct mh_art *s, int isnew)
{
	uint32_t c = a->count + (uint32_t)s->count;

	if (isnew || s->first_ms < a->first_ms) {
		a->first_ms = s->first_ms;
		a->file_id = s->file_id;
		a->line = s->line;
		a->src = s->src;
	}
	if (s->last_ms > a->last_ms)
		a->last_ms = s->last_ms;
	a->count = c > MH_ART_COUNT_MAX ? MH_ART_COUNT_MAX : c;
}

int mh_state_put_art(struct mh_state *st, uint32_t p, enum mh_art_kind kind, const char *v,
                     size_t n, const struct mh_art *s)
{
	struct mh_art *a;
	struct mh_ip ip;
	int isnew;

	if ((unsigned)kind >= MH_ART__COUNT || !n)
		return -1;
	if (kind == MH_ART_IP && !mh_ip_parse(v, n, &ip))
		a = mh_arts_get_ip(st, p, &ip, &isnew);
	else
		a = mh_arts_get(st, p, kind, v, n, &isnew);
	if (!a)
		return -1;
	mh_arts_fold(a, s, isnew);
	return 0;
}

const char *mh_art_text(const struct mh_state *st, const struct mh_art *a, char *buf, size_t cap)
{
	struct mh_ip ip;

	if (!a->v4)
		return mh_intern_str(&st->strings, a->value);
	if (!buf || !cap)
		return "";
	memset(&ip, 0, sizeof(ip));
	ip.family = 4;
	memcpy(ip.a, &a->value, 4);
	mh_ip_format(&ip, buf, cap);
	return buf;
}

int mh_art_ip(const struct mh_state *st, const struct mh_art *a, struct mh_ip *ip)
{
	const char *s;

	if (a->kind != MH_ART_IP)
		return -1;
	if (!a->v4) {
		s = mh_intern_str(&st->strings, a->value);
		return mh_ip_parse(s, strlen(s), ip);
	}
	memset(ip, 0, sizeof(*ip));
	ip->family = 4;
	memcpy(ip->a, &a->value, 4);
	return 0;
}

void mh_arts_trim(struct mh_pstate *ps)
{
	if (ps->artcap == ps->narts)
		return;
	ps->artcap = ps->narts;
	if (!ps->narts) {
		free(ps->arts);
		ps->arts = NULL;
		return;
	}
	ps->arts = mh_realloc(ps->arts, (size_t)ps->narts * sizeof(*ps->arts));
}
