#include "core/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/ip.h"
#include "util/strmap.h"
#include "util/xalloc.h"

static const char *const art_names[MH_ART__COUNT] = {
    "ip", "country", "asn", "mfa_device", "host", "usb", "name", "repo", "file", "file_hash",
};

unsigned mh_art_cap(int kind)
{
	return kind >= MH_ART_REPO ? MH_ART_MAX_MOVED : MH_ART_MAX_PER_KIND;
}

const char *mh_art_kind_name(int kind)
{
	return kind >= 0 && kind < MH_ART__COUNT ? art_names[kind] : "unknown";
}

int mh_art_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < MH_ART__COUNT; i++)
		if (!strcmp(art_names[i], name))
			return i;
	return -1;
}

void mh_state_init(struct mh_state *st, const struct mh_people *pp)
{
	size_t i, nr = pp && pp->roster ? pp->roster->n : 0;

	memset(st, 0, sizeof(*st));
	st->people = pp;
	st->unres = mh_strmap_new();
	st->amask = 1023;
	st->aidx = mh_calloc(st->amask + 1, sizeof(*st->aidx));
	st->names = mh_strmap_new();
	st->cap = nr + 64;
	st->ps = mh_calloc(st->cap, sizeof(*st->ps));
	for (i = 0; i < nr; i++) {
		st->ps[i].roster = (uint32_t)i;
		st->ps[i].key = mh_strdup(pp->roster->v[i].employee_id);
	}
	st->n = nr;
	st->max_ms = INT64_MIN;
}

void mh_state_release(struct mh_state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		struct mh_pstate *p = &st->ps[i];

		free(p->arts);
		free(p->days);
		free(p->key);
	}
	free(st->ps);
	mh_strmap_free(st->unres);
	free(st->aidx);
	mh_arena_release(&st->strings);
	mh_strmap_free(st->names);
	memset(st, 0, sizeof(*st));
}

uint32_t mh_state_person(struct mh_state *st, uint32_t roster, const char *key)
{
	uint32_t idx;

	if (roster != MH_NOBODY)
		return roster;
	if (mh_strmap_get(st->unres, key, strlen(key), &idx))
		return idx;
	st->ps = mh_grow(st->ps, &st->cap, st->n + 1, sizeof(*st->ps));
	idx = (uint32_t)st->n++;
	memset(&st->ps[idx], 0, sizeof(st->ps[idx]));
	st->ps[idx].roster = MH_NOBODY;
	st->ps[idx].key = mh_strdup(key);
	mh_strmap_put(st->unres, key, strlen(key), idx);
	return idx;
}

struct mh_day *mh_state_day(struct mh_state *st, uint32_t p, int32_t day)
{
	struct mh_pstate *ps = &st->ps[p];
	uint32_t lo = 0, hi = ps->ndays;
	size_t cap = ps->daycap;

	if (hi && ps->days[hi - 1].day == day)
		return &ps->days[hi - 1];
	if (!hi || ps->days[hi - 1].day < day) {
		lo = hi;
	} else {
		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;

			if (ps->days[mid].day < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < ps->ndays && ps->days[lo].day == day)
			return &ps->days[lo];
	}
	if (ps->ndays == MH_MAX_DAYS) {
		if (lo == 0)
			return NULL;
		memmove(ps->days, ps->days + 1, (size_t)(lo - 1) * sizeof(*ps->days));
		lo--;
		ps->ndays--;
	} else if (ps->ndays == ps->daycap) {
		/* grow by half: a person's days arrive one at a time */
		cap = ps->daycap < 8 ? 8 : ps->daycap + ps->daycap / 2;
		if (cap > MH_MAX_DAYS)
			cap = MH_MAX_DAYS;
		ps->days = mh_realloc(ps->days, cap * sizeof(*ps->days));
		ps->daycap = (uint32_t)cap;
	}
	memmove(ps->days + lo + 1, ps->days + lo, (size_t)(ps->ndays - lo) * sizeof(*ps->days));
	ps->ndays++;
	memset(&ps->days[lo], 0, sizeof(ps->days[lo]));
	ps->days[lo].day = day;
	return &ps->days[lo];
}

static uint64_t art_hash(uint32_t p, int kind, const char *v, size_t n)
{
	uint64_t h = XXH3_64bits_withSeed(v, n, (uint64_t)p << 8 | (uint64_t)kind);

	return h ? h : 1;
}

static void aidx_grow(struct mh_state *st)
{
	size_t old = st->amask + 1, i;
	struct mh_art_slot *o = st->aidx;

	st->amask = old * 2 - 1;
	st->aidx = mh_calloc(old * 2, sizeof(*st->aidx));
	for (i = 0; i < old; i++) {
		size_t j;

		if (!o[i].hash)
			continue;
		for (j = o[i].hash & st->amask; st->aidx[j].hash; j = (j + 1) & st->amask)
			;
		st->aidx[j] = o[i];
	}
	free(o);
}

/* The slot of (p, kind, v): the one holding it, or the empty one to fill. */
static struct mh_art_slot *aidx_find(const struct mh_state *st, uint32_t p, int kind, const char *v,
                                     size_t n, uint64_t h)
{
	size_t i;

	for (i = h & st->amask; st->aidx[i].hash; i = (i + 1) & st->amask) {
		const struct mh_art_slot *s = &st->aidx[i];
		const struct mh_art *a;

		if (s->hash != h || s->person != p)
			continue;
		a = &st->ps[p].arts[s->idx];
		if (a->kind == kind && a->len == n && !memcmp(a->value, v, n))
			break;
	}
	return &st->aidx[i];
}

/* Find or add artifact (kind, v) of person p; NULL when the kind is full. */
static struct mh_art *art_get(struct mh_state *st, uint32_t p, int kind, const char *v, size_t n,
                              int *isnew)
{
	struct mh_pstate *ps = &st->ps[p];
	struct mh_art_slot *slot;
	size_t cap;
	uint32_t idx;
	uint64_t h;
	struct mh_art *a;

	if (n > MH_ART_VALUE_MAX)
		n = MH_ART_VALUE_MAX;
	*isnew = 0;
	idx = ps->last_art[kind];
	if (idx && ps->arts[idx - 1].len == n && !memcmp(ps->arts[idx - 1].value, v, n))
		return &ps->arts[idx - 1];
	h = art_hash(p, kind, v, n);
	slot = aidx_find(st, p, kind, v, n, h);
	if (slot->hash) {
		ps->last_art[kind] = slot->idx + 1;
		return &ps->arts[slot->idx];
	}
	if (ps->nkind[kind] >= mh_art_cap(kind)) {
		ps->art_dropped++;
		return NULL;
	}
	/* grow by half, not double: most people settle at a few dozen */
	if (ps->narts == ps->artcap) {
		cap = ps->artcap < 8 ? 8 : ps->artcap + ps->artcap / 2;
		ps->arts = mh_realloc(ps->arts, cap * sizeof(*ps->arts));
		ps->artcap = (uint32_t)cap;
	}
	idx = ps->narts++;
	ps->nkind[kind]++;
	a = &ps->arts[idx];
	memset(a, 0, sizeof(*a));
	a->value = mh_arena_strndup(&st->strings, v, n);
	a->len = (uint16_t)n;
	a->kind = (uint8_t)kind;
	a->first_ms = INT64_MAX;
	a->last_ms = INT64_MIN;
	ps->last_art[kind] = idx + 1;
	slot->hash = h;
	slot->person = p;
	slot->idx = idx;
	if (++st->acount * 2 > st->amask + 1)
		aidx_grow(st);
	*isnew = 1;
	return a;
}

static void bump_art(struct mh_art *a, const struct mh_event *ev, int isnew)
{
	if (isnew || ev->ts_ms < a->first_ms) {
		a->first_ms = ev->ts_ms;
		a->file_id = ev->file_id;
		a->line = ev->line;
		a->src = ev->src;
	}
	if (ev->ts_ms > a->last_ms)
		a->last_ms = ev->ts_ms;
	a->count++;
}

void mh_state_add_art(struct mh_state *st, uint32_t p, enum mh_art_kind kind, const char *v,
                      size_t n, const struct mh_event *ev)
{
	int isnew;
	struct mh_art *a;

	if (!n)
		return;
	a = art_get(st, p, kind, v, n, &isnew);
	if (a)
		bump_art(a, ev, isnew);
}

static void add_arts(struct mh_state *st, uint32_t p, const struct mh_event *ev)
{
	char buf[MH_ART_VALUE_MAX + 1];
	int n;

	if (ev->ip.family) {
		struct mh_pstate *ps = &st->ps[p];

		/* Most events repeat the person's last address: skip the formatting. */
		if (ps->last_art[MH_ART_IP] && mh_ip_eq(&ps->last_ip, &ev->ip)) {
			struct mh_art *a = &ps->arts[ps->last_art[MH_ART_IP] - 1];

			bump_art(a, ev, 0);
		} else {
			mh_ip_format(&ev->ip, buf, sizeof(buf));
			mh_state_add_art(st, p, MH_ART_IP, buf, strlen(buf), ev);
			ps->last_ip = ev->ip;
		}
	}
	if (ev->country.n)
		mh_state_add_art(st, p, MH_ART_COUNTRY, ev->country.p, ev->country.n, ev);
	if (ev->asn) {
		n = snprintf(buf, sizeof(buf), "AS%u %.*s", ev->asn, (int)ev->as_org.n,
		             ev->as_org.p);
		mh_state_add_art(st, p, MH_ART_ASN, buf,
		                 (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1, ev);
	}
	if (ev->mfa_device.n)
		mh_state_add_art(st, p, MH_ART_MFA, ev->mfa_device.p, ev->mfa_device.n, ev);
	if (ev->host.n)
		mh_state_add_art(st, p, MH_ART_HOST, ev->host.p, ev->host.n, ev);
	if (ev->kind == MH_EV_USB && (ev->usb_vendor_id.n || ev->usb_vendor.n)) {
		n = snprintf(buf, sizeof(buf), "%.*s:%.*s %.*s %.*s %.*s", (int)ev->usb_vendor_id.n,
		             ev->usb_vendor_id.p, (int)ev->usb_model_id.n, ev->usb_model_id.p,
		             (int)ev->usb_vendor.n, ev->usb_vendor.p, (int)ev->usb_model.n,
		             ev->usb_model.p, (int)ev->usb_serial.n, ev->usb_serial.p);
		mh_state_add_art(st, p, MH_ART_USB, buf,
		                 (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1, ev);
	}
	if (ev->user.n) {
		n = (int)mh_name_norm(ev->user.p, ev->user.n, buf, sizeof(buf));
		mh_state_add_art(st, p, MH_ART_NAME, buf, (size_t)n, ev);
	}
	if (!ev->move)
		return;
	if (ev->repo.n)
		mh_state_add_art(st, p, MH_ART_REPO, ev->repo.p, ev->repo.n, ev);
	if (ev->path.n)
		mh_state_add_art(st, p, MH_ART_FILE, ev->path.p, ev->path.n, ev);
	if (ev->file_hash.n) {
		n = (int)mh_name_norm(ev->file_hash.p, ev->file_hash.n, buf, sizeof(buf));
		mh_state_add_art(st, p, MH_ART_FILE_HASH, buf, (size_t)n, ev);
	}
}

static void add_day(struct mh_state *st, uint32_t p, const struct mh_event *ev, int hour)
{
	struct mh_day *d = mh_state_day(st, p, mh_day_of(ev->ts_ms));

	if (!d)
		return;
	d->hours |= 1u << hour;
	d->events++;
	if (ev->kind == MH_EV_SIGNIN) {
		if (d->signins < UINT16_MAX)
			d->signins++;
		if (ev->outcome == MH_OUT_FAILURE && d->signin_fail < UINT16_MAX)
			d->signin_fail++;
		if ((ev->ip_intel || ev->is_proxy == 1) && d->signin_flagged < UINT16_MAX)
			d->signin_flagged++;
	}
	if (ev->move && ev->move < MH_MOVE__COUNT) {
		if (d->moves[ev->move] < UINT16_MAX)
			d->moves[ev->move]++;
		d->bytes_out += ev->bytes;
		if (!d->move_line) {
			d->move_file = ev->file_id;
			d->move_line = ev->line > UINT32_MAX ? UINT32_MAX : (uint32_t)ev->line;
		}
	}
}

/*
 * Resolution normalises the name and asks up to four maps; a source spells the
 * same person the same way millions of times, so the raw spelling (user and
 * host as written) is remembered per state, bounded by MH_NAME_CACHE entries.
 * Values are person + 1, so MH_NOBODY (UINT32_MAX) is stored as 0.
 */
#define MH_NAME_CACHE 65536

static uint32_t resolve(struct mh_state *st, const struct mh_event *ev, char *key, size_t cap)
{
	char raw[2 * MH_NAME_MAX + 1];
	size_t un = ev->user.n < MH_NAME_MAX ? ev->user.n : MH_NAME_MAX;
	size_t hn = ev->host.n < MH_NAME_MAX ? ev->host.n : MH_NAME_MAX;
	uint32_t r, p;

	if (un)
		memcpy(raw, ev->user.p, un);
	raw[un] = '\0';
	if (hn)
		memcpy(raw + un + 1, ev->host.p, hn);
	if (mh_strmap_get(st->names, raw, un + 1 + hn, &p))
		return p - 1;
	r = mh_people_resolve(st->people, ev->user, ev->host, key, cap);
	p = r == MH_NOBODY && !key[0] ? MH_NOBODY : mh_state_person(st, r, key);
	if (mh_strmap_count(st->names) < MH_NAME_CACHE)
		mh_strmap_put(st->names, raw, un + 1 + hn, p + 1);
	return p;
}

uint32_t mh_state_add_event(struct mh_state *st, const struct mh_event *ev)
{
	char key[MH_NAME_MAX + 8];
	uint32_t p;
	struct mh_pstate *ps;
	int hour;

	p = resolve(st, ev, key, sizeof(key));
	if (p == MH_NOBODY) {
		st->unattributed++;
		return MH_NOBODY;
	}
	ps = &st->ps[p];
	st->events++;
	if (ev->src < MH_SRC__COUNT)
		st->per_source[ev->src]++;
	if (ev->ts_ms > st->max_ms)
		st->max_ms = ev->ts_ms;
	if (!ps->events || ev->ts_ms < ps->first_ms)
		ps->first_ms = ev->ts_ms;
	if (!ps->events || ev->ts_ms > ps->last_ms)
		ps->last_ms = ev->ts_ms;
	ps->events++;
	hour = (int)((ev->ts_ms / 3600000) % 24);
	if (hour < 0)
		hour += 24;
	ps->hour_hist[hour]++;
	add_day(st, p, ev, hour);
	add_arts(st, p, ev);
	return p;
}

static void merge_day(struct mh_day *d, const struct mh_day *s)
{
	int i;
	uint32_t v;

	d->hours |= s->hours;
	d->events += s->events;
#define SAT_ADD(f)                                                                                 \
	v = (uint32_t)d->f + s->f;                                                                 \
	d->f = v > UINT16_MAX ? UINT16_MAX : (uint16_t)v
	SAT_ADD(signins);
	SAT_ADD(signin_fail);
	SAT_ADD(signin_flagged);
	for (i = 0; i < MH_MOVE__COUNT; i++) {
		SAT_ADD(moves[i]);
	}
#undef SAT_ADD
	d->bytes_out += s->bytes_out;
	if (s->move_line && (!d->move_line || s->move_file < d->move_file ||
	                     (s->move_file == d->move_file && s->move_line < d->move_line))) {
		d->move_file = s->move_file;
		d->move_line = s->move_line;
	}
}

static void merge_person(struct mh_state *dst, uint32_t p, const struct mh_pstate *s)
{
	struct mh_pstate *d = &dst->ps[p];
	uint32_t i;
	int h;

	if (s->events) {
		if (!d->events || s->first_ms < d->first_ms)
			d->first_ms = s->first_ms;
		if (!d->events || s->last_ms > d->last_ms)
			d->last_ms = s->last_ms;
	}
	d->events += s->events;
	d->art_dropped += s->art_dropped;
	for (h = 0; h < 24; h++)
		d->hour_hist[h] += s->hour_hist[h];
	for (i = 0; i < s->ndays; i++) {
		struct mh_day *dd = mh_state_day(dst, p, s->days[i].day);

		if (dd)
			merge_day(dd, &s->days[i]);
	}
	for (i = 0; i < s->narts; i++) {
		const struct mh_art *sa = &s->arts[i];
		int isnew;
		struct mh_art *da = art_get(dst, p, sa->kind, sa->value, sa->len, &isnew);

		if (!da)
			continue;
		if (isnew || sa->first_ms < da->first_ms) {
			da->first_ms = sa->first_ms;
			da->file_id = sa->file_id;
			da->line = sa->line;
			da->src = sa->src;
		}
		if (sa->last_ms > da->last_ms)
			da->last_ms = sa->last_ms;
		da->count += sa->count;
	}
}

void mh_state_merge(struct mh_state *dst, const struct mh_state *src, uint32_t *pmap)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		const struct mh_pstate *s = &src->ps[i];
		uint32_t p = mh_state_person(dst, s->roster, s->key);

		if (pmap)
			pmap[i] = p;
		if (s->dbid && !dst->ps[p].dbid)
			dst->ps[p].dbid = s->dbid;
		merge_person(dst, p, s);
	}
	dst->events += src->events;
	dst->unattributed += src->unattributed;
	for (i = 0; i < MH_SRC__COUNT; i++)
		dst->per_source[i] += src->per_source[i];
	if (src->max_ms > dst->max_ms)
		dst->max_ms = src->max_ms;
}

size_t mh_state_bytes(const struct mh_state *st)
{
	size_t i, b = st->cap * sizeof(*st->ps);

	for (i = 0; i < st->n; i++) {
		const struct mh_pstate *ps = &st->ps[i];

		b += strlen(ps->key) + 1;
		b += (size_t)ps->daycap * sizeof(*ps->days);
		b += (size_t)ps->artcap * sizeof(*ps->arts);
	}
	return b + (st->amask + 1) * sizeof(*st->aidx) + st->strings.bytes;
}
