/*
 * A person's days, packed: struct mh_aday for every day with activity and
 * struct mh_mday for the days that also moved data (about half of them), both
 * sorted by day. Splitting them keeps a day without movement at 16 bytes
 * instead of 40.
 *
 * Counters saturate at their type's limit (movements per class per day at
 * 255, failed sign-ins at 255, bytes out at 2^48 - 1) instead of wrapping;
 * saturating addition is associative and commutative, so per-thread states
 * still merge to exactly what one state would hold. The first movement line
 * of a day is the smallest (source, line), whatever order days merge in.
 */
#include <stdlib.h>
#include <string.h>

#include "core/state_int.h"
#include "util/xalloc.h"

_Static_assert(sizeof(struct mh_aday) == 16, "mh_aday is 16 bytes");
_Static_assert(sizeof(struct mh_mday) == 24, "mh_mday is 24 bytes");

static uint32_t sat32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static uint16_t sat16(uint32_t v)
{
	return v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
}

static void mday_add_bytes(struct mh_mday *m, uint64_t b)
{
	uint64_t v = mh_mday_bytes(m);

	v = b > MH_DAY_BYTES_MAX - v ? MH_DAY_BYTES_MAX : v + b;
	m->bytes_lo = (uint32_t)v;
	m->bytes_hi = (uint16_t)(v >> 32);
}

static void mday_add_moves(struct mh_mday *m, int c, uint32_t k)
{
	uint32_t v = m->moves[c - 1] + k;

	m->moves[c - 1] = v > MH_DAY_MOVES_MAX ? MH_DAY_MOVES_MAX : (uint8_t)v;
}

/* Keep the earlier of two first-movement lines. */
static void mday_evidence(struct mh_mday *m, uint32_t file, uint32_t line)
{
	if (line && (!m->move_line || file < m->move_file ||
	             (file == m->move_file && line < m->move_line))) {
		m->move_file = file;
		m->move_line = line;
	}
}

/* Index of the first record whose day is >= day (the arrays are sorted). */
static uint32_t aday_lower(const struct mh_aday *a, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;

		if (a[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t mday_lower(const struct mh_mday *a, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;

		if (a[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t grown(uint32_t cap, uint32_t first)
{
	uint32_t c = cap < first ? first : cap + cap / 2;

	return c > MH_MAX_DAYS ? MH_MAX_DAYS : c;
}

/* Forget the movement records of days before `before`. */
static void drop_mdays(struct mh_pstate *ps, int32_t before)
{
	uint32_t k = mday_lower(ps->mdays, ps->nmdays, before);

	if (!k)
		return;
	memmove(ps->mdays, ps->mdays + k, (size_t)(ps->nmdays - k) * sizeof(*ps->mdays));
	ps->nmdays = (uint16_t)(ps->nmdays - k);
}

/* The activity record of day, added if absent; NULL when the day is older
 * than every kept one and ps is at MH_MAX_DAYS. */
static struct mh_aday *aday_get(struct mh_pstate *ps, int32_t day)
{
	uint32_t lo, n = ps->ndays;

	if (n && ps->days[n - 1].day == day)
		return &ps->days[n - 1];
	if (!n || ps->days[n - 1].day < day)
		lo = n;
	else
		lo = aday_lower(ps->days, n, day);
	if (lo < n && ps->days[lo].day == day)
		return &ps->days[lo];
	if (n == MH_MAX_DAYS) {
		if (lo == 0)
			return NULL;
		memmove(ps->days, ps->days + 1, (size_t)(lo - 1) * sizeof(*ps->days));
		lo--;
		ps->ndays--;
		drop_mdays(ps, ps->days[0].day);
	} else if (n == ps->daycap) {
		ps->daycap = (uint16_t)grown(ps->daycap, 8);
		ps->days = mh_realloc(ps->days, (size_t)ps->daycap * sizeof(*ps->days));
	}
	memmove(ps->days + lo + 1, ps->days + lo, (size_t)(ps->ndays - lo) * sizeof(*ps->days));
	ps->ndays++;
	memset(&ps->days[lo], 0, sizeof(ps->days[lo]));
	ps->days[lo].day = day;
	return &ps->days[lo];
}

/* The movement record of day, added if absent (the day has an activity
 * record, so there is room). */
static struct mh_mday *mday_get(struct mh_pstate *ps, int32_t day)
{
	uint32_t lo, n = ps->nmdays;

	if (n && ps->mdays[n - 1].day == day)
		return &ps->mdays[n - 1];
	if (!n || ps->mdays[n - 1].day < day)
		lo = n;
	else
		lo = mday_lower(ps->mdays, n, day);
	if (lo < n && ps->mdays[lo].day == day)
		return &ps->mdays[lo];
	if (n == ps->mdaycap) {
		ps->mdaycap = (uint16_t)grown(ps->mdaycap, 4);
		ps->mdays = mh_realloc(ps->mdays, (size_t)ps->mdaycap * sizeof(*ps->mdays));
	}
	memmove(ps->mdays + lo + 1, ps->mdays + lo, (size_t)(n - lo) * sizeof(*ps->mdays));
	ps->nmdays++;
	memset(&ps->mdays[lo], 0, sizeof(ps->mdays[lo]));
	ps->mdays[lo].day = day;
	return &ps->mdays[lo];
}

void mh_days_add_event(struct mh_pstate *ps, const struct mh_event *ev, int hour)
{
	int32_t day = mh_day_of(ev->ts_ms);
	struct mh_aday *d = aday_get(ps, day);
	struct mh_mday *m;

	if (!d)
		return;
	d->hours |= 1u << hour;
	if (d->events < UINT32_MAX)
		d->events++;
	if (ev->kind == MH_EV_SIGNIN) {
		if (d->signins < UINT16_MAX)
			d->signins++;
		if (ev->outcome == MH_OUT_FAILURE && d->signin_fail < MH_DAY_FAIL_MAX)
			d->signin_fail++;
		if ((ev->ip_intel || ev->is_proxy == 1) && d->signin_flagged < UINT16_MAX)
			d->signin_flagged++;
	}
	if (!ev->move || ev->move >= MH_MOVE__COUNT)
		return;
	m = mday_get(ps, day);
	mday_add_moves(m, ev->move, 1);
	mday_add_bytes(m, ev->bytes);
	if (!m->move_line) {
		m->move_file = ev->file_id;
		m->move_line = sat32(ev->line);
	}
}

static int has_movement(const struct mh_day *s)
{
	int c;

	for (c = 1; c < MH_MOVE__COUNT; c++)
		if (s->moves[c])
			return 1;
	return s->bytes_out || s->move_line;
}

void mh_days_add(struct mh_pstate *ps, const struct mh_day *s)
{
	struct mh_aday *d = aday_get(ps, s->day);
	struct mh_mday *m;
	uint32_t v;
	int c;

	if (!d)
		return;
	d->hours |= s->hours & 0xffffffu;
	d->events = sat32((uint64_t)d->events + s->events);
	d->signins = sat16((uint32_t)d->signins + s->signins);
	d->signin_flagged = sat16((uint32_t)d->signin_flagged + s->signin_flagged);
	v = (uint32_t)d->signin_fail + s->signin_fail;
	d->signin_fail = v > MH_DAY_FAIL_MAX ? MH_DAY_FAIL_MAX : v;
	if (!has_movement(s))
		return;
	m = mday_get(ps, s->day);
	for (c = 1; c < MH_MOVE__COUNT; c++)
		mday_add_moves(m, c, s->moves[c]);
	mday_add_bytes(m, s->bytes_out);
	mday_evidence(m, s->move_file, s->move_line);
}

void mh_state_add_day(struct mh_state *st, uint32_t p, const struct mh_day *d)
{
	mh_days_add(&st->ps[p], d);
}

void mh_state_drop_days(struct mh_state *st, uint32_t p, int32_t before)
{
	struct mh_pstate *ps = &st->ps[p];
	uint32_t k = aday_lower(ps->days, ps->ndays, before);

	memmove(ps->days, ps->days + k, (size_t)(ps->ndays - k) * sizeof(*ps->days));
	ps->ndays = (uint16_t)(ps->ndays - k);
	drop_mdays(ps, before);
}

void mh_days_begin(struct mh_day_iter *it, const struct mh_pstate *ps)
{
	it->ps = ps;
	it->i = it->j = 0;
}

int mh_days_next(struct mh_day_iter *it, struct mh_day *d)
{
	const struct mh_pstate *ps = it->ps;
	const struct mh_aday *a;
	int c;

	if (it->i >= ps->ndays)
		return 0;
	a = &ps->days[it->i++];
	memset(d, 0, sizeof(*d));
	d->day = a->day;
	d->hours = a->hours;
	d->events = a->events;
	d->signins = a->signins;
	d->signin_fail = a->signin_fail;
	d->signin_flagged = a->signin_flagged;
	while (it->j < ps->nmdays && ps->mdays[it->j].day < a->day)
		it->j++;
	if (it->j < ps->nmdays && ps->mdays[it->j].day == a->day) {
		const struct mh_mday *m = &ps->mdays[it->j++];

		for (c = 1; c < MH_MOVE__COUNT; c++)
			d->moves[c] = m->moves[c - 1];
		d->bytes_out = mh_mday_bytes(m);
		d->move_file = m->move_file;
		d->move_line = m->move_line;
	}
	return 1;
}

/* Shrink an array of n records of size sz held with capacity *cap to n. */
static void *shrink(void *p, uint16_t *cap, uint16_t n, size_t sz)
{
	if (*cap == n)
		return p;
	*cap = n;
	if (!n) {
		free(p);
		return NULL;
	}
	return mh_realloc(p, (size_t)n * sz);
}

void mh_days_trim(struct mh_pstate *ps)
{
	ps->days = shrink(ps->days, &ps->daycap, ps->ndays, sizeof(*ps->days));
	ps->mdays = shrink(ps->mdays, &ps->mdaycap, ps->nmdays, sizeof(*ps->mdays));
}
