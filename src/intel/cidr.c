/*
 * Longest-prefix match by flattening.
 *
 * CIDR prefixes form a laminar family: two prefixes are either disjoint or one
 * contains the other. Sorting them by (start, length, insertion order) and
 * sweeping with a stack of the prefixes that enclose the current position cuts
 * the address space into non-overlapping intervals, each labelled with the
 * innermost prefix covering it (or nothing). We store only interval starts:
 * entry i covers [start[i], start[i+1]), and an entry at address 0 always
 * exists, so a lookup is "the last start <= address". Adjacent intervals with
 * the same tag are merged.
 *
 * The sweep: for each prefix p in order, pop every stacked prefix that ends
 * before p starts, opening at its end + 1 an interval for the prefix below it
 * (or a gap); then open an interval at p's start for p and push p. An exact
 * duplicate of the stack top is dropped, so the first added wins.
 *
 * Lookup: a table of IDX_MIN_INTERVALS or more carries a 65,536-entry index
 * on the top 16 bits that gives the slice of starts inside that /16 (of IPv4
 * or IPv6 space); a binary search inside the slice finds the last start <=
 * address, and an empty slice falls back to the entry just before it. For the
 * x4bnet lists the IPv4 slices hold a handful of entries, so a lookup costs
 * one index read and a few compares. Smaller tables are searched whole.
 *
 * Build runs on 128-bit integers for both families (IPv4 in the low 32 bits),
 * so the sweep exists once.
 */
#include "intel/cidr.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

__extension__ typedef unsigned __int128 u128;

#define IDX_BUCKETS       65536u
#define IDX_MIN_INTERVALS 512 /* below this a plain binary search is as fast */

struct pfx {
	u128 start, end;
	uint32_t order;
	uint32_t tag;
	uint8_t len;
};

/* One family's prefixes and built tables. */
struct fam {
	unsigned bits; /* 32 or 128 */
	struct pfx *p;
	size_t np, cap;
	size_t distinct;
	/* built: n intervals; starts in s4 (IPv4) or s6 (IPv6) */
	size_t n;
	uint32_t *s4;
	u128 *s6;
	uint32_t *tags;
	uint32_t *idx; /* IDX_BUCKETS + 1 */
};

struct mh_cidr {
	struct fam v4, v6;
	uint32_t next_order;
	int built; /* no adds since the last build */
};

struct mh_cidr *mh_cidr_new(void)
{
	struct mh_cidr *t = mh_calloc(1, sizeof(*t));

	t->v4.bits = 32;
	t->v6.bits = 128;
	return t;
}

static void fam_clear_built(struct fam *f)
{
	free(f->s4);
	free(f->s6);
	free(f->tags);
	free(f->idx);
	f->s4 = NULL;
	f->s6 = NULL;
	f->tags = NULL;
	f->idx = NULL;
	f->n = 0;
}

void mh_cidr_free(struct mh_cidr *t)
{
	if (!t)
		return;
	fam_clear_built(&t->v4);
	fam_clear_built(&t->v6);
	free(t->v4.p);
	free(t->v6.p);
	free(t);
}

static u128 load_addr(const uint8_t *a, unsigned bytes)
{
	u128 v = 0;
	unsigned i;

	for (i = 0; i < bytes; i++)
		v = v << 8 | a[i];
	return v;
}

static u128 ones(unsigned bits)
{
	return bits >= 128 ? ~(u128)0 : ((u128)1 << bits) - 1;
}

int mh_cidr_add(struct mh_cidr *t, const struct mh_ip *net, unsigned len, uint32_t tag)
{
	struct fam *f;
	struct pfx *p;
	u128 host;

	if (net->family == 4)
		f = &t->v4;
	else if (net->family == 6)
		f = &t->v6;
	else
		return -1;
	if (len > f->bits || tag == MH_CIDR_NONE)
		return -1;
	f->p = mh_grow(f->p, &f->cap, f->np + 1, sizeof(*f->p));
	p = &f->p[f->np++];
	host = ones(f->bits - len);
	p->start = load_addr(net->a, f->bits / 8) & ~host & ones(f->bits);
	p->end = p->start | host;
	p->len = (uint8_t)len;
	p->tag = tag;
	p->order = t->next_order++;
	t->built = 0;
	return 0;
}

static int pfx_cmp(const void *a, const void *b)
{
	const struct pfx *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Interval output of the sweep, in 128-bit form. */
struct ivs {
	u128 *start;
	uint32_t *tag;
	size_t n, cap, cap_t;
};

static void emit(struct ivs *o, u128 start, uint32_t tag)
{
	if (o->n > 0 && o->start[o->n - 1] == start)
		o->n--;
	if (o->n > 0 && o->tag[o->n - 1] == tag)
		return;
	o->start = mh_grow(o->start, &o->cap, o->n + 1, sizeof(*o->start));
	o->tag = mh_grow(o->tag, &o->cap_t, o->n + 1, sizeof(*o->tag));
	o->start[o->n] = start;
	o->tag[o->n++] = tag;
}

static uint32_t top_tag(const struct pfx **stack, size_t depth)
{
	return depth ? stack[depth - 1]->tag : MH_CIDR_NONE;
}

static void sweep(struct fam *f, struct ivs *o)
{
	/* Nesting depth is at most bits + 1 (one prefix per length). */
	const struct pfx *stack[129];
	size_t depth = 0, i;
	u128 max = ones(f->bits);

	f->distinct = 0;
	emit(o, 0, MH_CIDR_NONE);
	for (i = 0; i < f->np; i++) {
		const struct pfx *p = &f->p[i];

		if (depth && stack[depth - 1]->start == p->start && stack[depth - 1]->len == p->len)
			continue;
		while (depth && stack[depth - 1]->end < p->start) {
			u128 after = stack[depth - 1]->end + 1;

			depth--;
			emit(o, after, top_tag(stack, depth));
		}
		emit(o, p->start, p->tag);
		stack[depth++] = p;
		f->distinct++;
	}
	while (depth) {
		u128 end = stack[--depth]->end;

		if (end != max)
			emit(o, end + 1, top_tag(stack, depth));
	}
}

static u128 top16_base(unsigned bits, uint32_t h)
{
	return (u128)h << (bits - 16);
}

static void build_index(struct fam *f, const struct ivs *o)
{
	size_t j = 0;
	uint32_t h;

	f->idx = mh_malloc((IDX_BUCKETS + 1) * sizeof(*f->idx));
	for (h = 0; h < IDX_BUCKETS; h++) {
		u128 base = top16_base(f->bits, h);

		while (j < o->n && o->start[j] < base)
			j++;
		f->idx[h] = (uint32_t)j;
	}
	f->idx[IDX_BUCKETS] = (uint32_t)o->n;
}

static void fam_build(struct fam *f)
{
	struct ivs o = {0};
	size_t i;

	fam_clear_built(f);
	f->distinct = 0;
	if (f->np == 0)
		return; /* no index: lookups miss without touching memory */
	qsort(f->p, f->np, sizeof(*f->p), pfx_cmp);
	sweep(f, &o);
	f->n = o.n;
	f->tags = o.tag;
	if (f->bits == 32) {
		f->s4 = mh_malloc(o.n * sizeof(*f->s4));
		for (i = 0; i < o.n; i++)
			f->s4[i] = (uint32_t)o.start[i];
	} else {
		f->s6 = mh_malloc(o.n * sizeof(*f->s6));
		memcpy(f->s6, o.start, o.n * sizeof(*f->s6));
	}
	if (o.n >= IDX_MIN_INTERVALS)
		build_index(f, &o);
	free(o.start);
}

void mh_cidr_build(struct mh_cidr *t)
{
	fam_build(&t->v4);
	fam_build(&t->v6);
	t->built = 1;
}

static uint32_t lookup4(const struct fam *f, uint32_t a)
{
	size_t lo = 0, hi = f->n;

	if (f->idx) {
		lo = f->idx[a >> 16];
		hi = f->idx[(a >> 16) + 1];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->s4[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f->tags[lo - 1];
}

static uint32_t lookup6(const struct fam *f, u128 a)
{
	uint32_t h = (uint32_t)(a >> 112);
	size_t lo = 0, hi = f->n;

	if (f->idx) {
		lo = f->idx[h];
		hi = f->idx[h + 1];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->s6[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return f->tags[lo - 1];
}

uint32_t mh_cidr_lookup(const struct mh_cidr *t, const struct mh_ip *ip)
{
	if (ip->family == 4) {
		uint32_t a;

		if (!t->v4.n)
			return MH_CIDR_NONE;
		a = (uint32_t)ip->a[0] << 24 | (uint32_t)ip->a[1] << 16 | (uint32_t)ip->a[2] << 8 |
		    ip->a[3];
		return lookup4(&t->v4, a);
	}
	if (ip->family == 6 && t->v6.n)
		return lookup6(&t->v6, load_addr(ip->a, 16));
	return MH_CIDR_NONE;
}

size_t mh_cidr_count(const struct mh_cidr *t)
{
	if (t->built)
		return t->v4.distinct + t->v6.distinct;
	return t->v4.np + t->v6.np;
}

size_t mh_cidr_intervals(const struct mh_cidr *t, int family)
{
	return family == 4 ? t->v4.n : family == 6 ? t->v6.n : 0;
}
