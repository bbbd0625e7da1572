#include "detect/exfil_base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/finding.h"
#include "detect/det_util.h"
#include "detect/detector.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define NBUCKET 128
#define KEY_MAX 256

struct group {
	uint32_t people;
	uint64_t days;
	uint32_t hist[NBUCKET];
};

struct mh_exfil_base {
	struct mh_strmap *idx; /* "t:" dept title / "d:" dept -> group */
	struct group *g;       /* g[0]: everyone */
	size_t n, cap;
	uint32_t *title_g, *dept_g; /* per person */
	size_t np;
};

static int bucket(uint64_t v)
{
	int b;

	if (!v)
		return 0;
	b = 1 + (int)floor(2 * log2((double)v));
	return b < 1 ? 1 : b >= NBUCKET ? NBUCKET - 1 : b;
}

/* The upper bound of bucket b. */
static uint64_t bucket_top(int b)
{
	return b ? (uint64_t)ldexp(1.0, b / 2) * (b % 2 ? 1.4142 : 1.0) + 0.5 : 0;
}

static uint32_t group_of(struct mh_exfil_base *b, const char *kind, const char *a, const char *t)
{
	char key[KEY_MAX];
	int n = snprintf(key, sizeof(key), "%s%s\x1f%s", kind, a ? a : "", t ? t : "");
	size_t kn = n < 0 ? 0 : (size_t)n >= sizeof(key) ? sizeof(key) - 1 : (size_t)n;
	uint32_t id;

	if (mh_strmap_get(b->idx, key, kn, &id))
		return id;
	b->g = mh_grow(b->g, &b->cap, b->n + 1, sizeof(*b->g));
	memset(&b->g[b->n], 0, sizeof(b->g[b->n]));
	id = (uint32_t)b->n++;
	mh_strmap_put(b->idx, key, kn, id);
	return id;
}

/* Count p's active days into hist by bytes out: the days without movement
 * moved nothing. */
static void count_days(uint32_t *hist, const struct mh_pstate *ps)
{
	uint32_t i;

	hist[0] += (uint32_t)(ps->ndays - ps->nmdays);
	for (i = 0; i < ps->nmdays; i++)
		hist[bucket(mh_mday_bytes(&ps->mdays[i]))]++;
}

static void add_days(struct group *g, const struct mh_pstate *ps)
{
	g->people++;
	count_days(g->hist, ps);
	g->days += ps->ndays;
}

struct mh_exfil_base *mh_exfil_base_build(const struct mh_state *st)
{
	struct mh_exfil_base *b = mh_calloc(1, sizeof(*b));
	size_t p;

	b->idx = mh_strmap_new();
	b->np = st->n;
	b->title_g = mh_calloc(st->n + 1, sizeof(*b->title_g));
	b->dept_g = mh_calloc(st->n + 1, sizeof(*b->dept_g));
	group_of(b, "*", "", "");
	for (p = 0; p < st->n; p++) {
		const struct mh_roster_entry *e = mh_det_entry(st, (uint32_t)p);

		add_days(&b->g[0], &st->ps[p]);
		if (!e)
			continue;
		b->title_g[p] = group_of(b, "t:", e->department, e->title);
		add_days(&b->g[b->title_g[p]], &st->ps[p]);
		b->dept_g[p] = group_of(b, "d:", e->department, "");
		add_days(&b->g[b->dept_g[p]], &st->ps[p]);
	}
	return b;
}

void mh_exfil_base_free(struct mh_exfil_base *b)
{
	if (!b)
		return;
	mh_strmap_free(b->idx);
	free(b->g);
	free(b->title_g);
	free(b->dept_g);
	free(b);
}

void mh_exfil_each_person(void *ctx, const struct mh_world *w, struct mh_findings *out,
                          void (*check)(void *ctx, const struct mh_world *w,
                                        const struct mh_exfil_base *b, uint32_t p,
                                        struct mh_findings *out))
{
	struct mh_exfil_base *b = mh_exfil_base_build(w->st);
	size_t p;

	for (p = 0; p < w->st->n; p++)
		if (w->st->ps[p].ndays)
			check(ctx, w, b, (uint32_t)p, out);
	mh_exfil_base_free(b);
}

/* The group for p: title group, else department, else everyone; p's own
 * days are left out (a person is not their own peer). */
static const struct group *pick(const struct mh_exfil_base *b, uint32_t p)
{
	if (p < b->np && b->title_g[p] && b->g[b->title_g[p]].people > MH_PEER_MIN)
		return &b->g[b->title_g[p]];
	if (p < b->np && b->dept_g[p] && b->g[b->dept_g[p]].people > MH_PEER_MIN)
		return &b->g[b->dept_g[p]];
	return &b->g[0];
}

uint64_t mh_exfil_peer_bytes(const struct mh_exfil_base *b, const struct mh_pstate *ps, uint32_t p,
                             double q)
{
	const struct group *g = pick(b, p);
	uint32_t own[NBUCKET] = {0};
	uint64_t days = g->days - ps->ndays, want, acc = 0;
	int k;

	count_days(own, ps);
	if (!days)
		return 0;
	want = (uint64_t)ceil(q * (double)days);
	for (k = 0; k < NBUCKET; k++) {
		acc += g->hist[k] - own[k];
		if (acc >= want)
			return bucket_top(k);
	}
	return bucket_top(NBUCKET - 1);
}

uint32_t mh_exfil_peer_size(const struct mh_exfil_base *b, uint32_t p)
{
	return pick(b, p)->people - 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t mh_exfil_own_bytes(const struct mh_pstate *ps, double q, int32_t from, int32_t to)
{
	uint64_t v[MH_MAX_DAYS];
	size_t n = 0, k;
	struct mh_day_iter it;
	struct mh_day d;

	for (mh_days_begin(&it, ps); mh_days_next(&it, &d) && n < MH_MAX_DAYS;)
		if (d.day >= from && d.day < to)
			v[n++] = d.bytes_out;
	if (!n)
		return 0;
	qsort(v, n, sizeof(v[0]), cmp_u64);
	k = (size_t)ceil(q * (double)n);
	return v[k ? k - 1 : 0];
}

uint32_t mh_day_moves(const struct mh_day *d)
{
	return (uint32_t)d->moves[MH_MOVE_DOWNLOAD] + d->moves[MH_MOVE_ARCHIVE] +
	       d->moves[MH_MOVE_UPLOAD] + d->moves[MH_MOVE_USB_WRITE] + d->moves[MH_MOVE_MAIL_OUT];
}

void mh_bytes_str(uint64_t v, char *buf, size_t cap)
{
	if (v >= 1000000000ULL)
		snprintf(buf, cap, "%.1f GB", (double)v / 1e9);
	else if (v >= 1000000ULL)
		snprintf(buf, cap, "%.0f MB", (double)v / 1e6);
	else
		snprintf(buf, cap, "%llu bytes", (unsigned long long)v);
}

/* "+" after a count the day record saturated: there were at least that many. */
static const char *more(uint16_t moves)
{
	return moves >= MH_DAY_MOVES_MAX ? "+" : "";
}

void mh_exfil_day_evidence(struct mh_finding *fd, const struct mh_day *d)
{
	char day[16], bytes[32];
	const uint16_t *m = d->moves;

	mh_det_day_str(d->day, day, sizeof(day));
	mh_bytes_str(d->bytes_out, bytes, sizeof(bytes));
	mh_finding_evidence(fd, d->move_file, d->move_line, (int64_t)d->day * MH_MS_PER_DAY,
	                    "%s: %s out; %u%s downloads, %u%s archives, %u%s uploads, %u%s USB "
	                    "writes, %u%s mails out, %u%s clones",
	                    day, bytes, m[MH_MOVE_DOWNLOAD], more(m[MH_MOVE_DOWNLOAD]),
	                    m[MH_MOVE_ARCHIVE], more(m[MH_MOVE_ARCHIVE]), m[MH_MOVE_UPLOAD],
	                    more(m[MH_MOVE_UPLOAD]), m[MH_MOVE_USB_WRITE],
	                    more(m[MH_MOVE_USB_WRITE]), m[MH_MOVE_MAIL_OUT],
	                    more(m[MH_MOVE_MAIL_OUT]), m[MH_MOVE_CLONE], more(m[MH_MOVE_CLONE]));
}
