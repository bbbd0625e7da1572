#include "core/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/state_int.h"
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
	mh_intern_init(&st->strings);
	st->kinds = MH_ART_ALL_KINDS;
	st->names = mh_strmap_new();
	st->cap = nr + 8;
	st->ps = mh_calloc(st->cap, sizeof(*st->ps));
	for (i = 0; i < nr; i++) {
		st->ps[i].roster = (uint32_t)i;
		st->ps[i].key = mh_strdup(pp->roster->v[i].employee_id);
	}
	st->n = nr;
	st->max_ms = INT64_MIN;
}

void mh_state_keep(struct mh_state *st, unsigned mask)
{
	st->kinds = mask & MH_ART_ALL_KINDS;
}

void mh_state_release(struct mh_state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		struct mh_pstate *p = &st->ps[i];

		free(p->arts);
		free(p->aidx);
		free(p->days);
		free(p->mdays);
		free(p->key);
	}
	free(st->ps);
	free(st->cache);
	mh_strmap_free(st->unres);
	mh_intern_release(&st->strings);
	mh_strmap_free(st->names);
	memset(st, 0, sizeof(*st));
}

/* Room for one more person (and their cache, when the state has caches). */
static void grow_persons(struct mh_state *st)
{
	size_t old = st->cap;

	if (st->n < st->cap)
		return;
	st->cap = old < 8 ? 8 : old + old / 2;
	st->ps = mh_realloc(st->ps, st->cap * sizeof(*st->ps));
	if (st->cache) {
		st->cache = mh_realloc(st->cache, st->cap * sizeof(*st->cache));
		memset(st->cache + old, 0, (st->cap - old) * sizeof(*st->cache));
	}
}

uint32_t mh_state_person(struct mh_state *st, uint32_t roster, const char *key)
{
	uint32_t idx;

	if (roster != MH_NOBODY)
		return roster;
	if (mh_strmap_get(st->unres, key, strlen(key), &idx))
		return idx;
	grow_persons(st);
	idx = (uint32_t)st->n++;
	memset(&st->ps[idx], 0, sizeof(st->ps[idx]));
	st->ps[idx].roster = MH_NOBODY;
	st->ps[idx].key = mh_strdup(key);
	mh_strmap_put(st->unres, key, strlen(key), idx);
	return idx;
}

static void bump(struct mh_art *a, const struct mh_event *ev, int isnew)
{
	if (isnew || ev->ts_ms < a->first_ms) {
		a->first_ms = ev->ts_ms;
		a->file_id = ev->file_id;
		a->line = ev->line > UINT32_MAX ? UINT32_MAX : (uint32_t)ev->line;
		a->src = ev->src < MH_SRC__COUNT ? ev->src : MH_SRC_NONE;
	}
	if (ev->ts_ms > a->last_ms)
		a->last_ms = ev->ts_ms;
	if (a->count < MH_ART_COUNT_MAX)
		a->count++;
}

/* A sighting of (kind, v) by person p; the cache skips the lookup when the
 * person's last value of that kind repeats, as it mostly does. */
static void add_art(struct mh_state *st, uint32_t p, int kind, const char *v, size_t n,
                    const struct mh_event *ev)
{
	struct mh_pstate *ps = &st->ps[p];
	struct mh_pcache *c = &st->cache[p];
	struct mh_art *a;
	int isnew;

	if (!n || !(st->kinds >> kind & 1))
		return;
	if (n > MH_ART_VALUE_MAX)
		n = MH_ART_VALUE_MAX;
	if (c->last_art[kind]) {
		a = &ps->arts[c->last_art[kind] - 1];
		if (!a->v4 && mh_intern_len(&st->strings, a->value) == n &&
		    !memcmp(mh_intern_str(&st->strings, a->value), v, n)) {
			bump(a, ev, 0);
			return;
		}
	}
	a = mh_arts_get(st, p, kind, v, n, &isnew);
	if (!a)
		return;
	c->last_art[kind] = (uint16_t)(a - ps->arts + 1);
	bump(a, ev, isnew);
}

static void add_ip(struct mh_state *st, uint32_t p, const struct mh_event *ev)
{
	struct mh_pstate *ps = &st->ps[p];
	struct mh_pcache *c = &st->cache[p];
	struct mh_art *a;
	int isnew;

	/* Most events repeat the person's last address: skip the lookup. */
	if (c->last_art[MH_ART_IP] && mh_ip_eq(&c->last_ip, &ev->ip)) {
		bump(&ps->arts[c->last_art[MH_ART_IP] - 1], ev, 0);
		return;
	}
	a = mh_arts_get_ip(st, p, &ev->ip, &isnew);
	if (!a)
		return;
	c->last_art[MH_ART_IP] = (uint16_t)(a - ps->arts + 1);
	c->last_ip = ev->ip;
	bump(a, ev, isnew);
}

static void add_arts(struct mh_state *st, uint32_t p, const struct mh_event *ev)
{
	char buf[MH_ART_VALUE_MAX + 1];
	int n;

	if (ev->ip.family && st->kinds >> MH_ART_IP & 1)
		add_ip(st, p, ev);
	if (ev->country.n)
		add_art(st, p, MH_ART_COUNTRY, ev->country.p, ev->country.n, ev);
	if (ev->asn) {
		n = snprintf(buf, sizeof(buf), "AS%u %.*s", ev->asn, (int)ev->as_org.n,
		             ev->as_org.p);
		add_art(st, p, MH_ART_ASN, buf,
		        (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1, ev);
	}
	if (ev->mfa_device.n)
		add_art(st, p, MH_ART_MFA, ev->mfa_device.p, ev->mfa_device.n, ev);
	if (ev->host.n)
		add_art(st, p, MH_ART_HOST, ev->host.p, ev->host.n, ev);
	if (ev->kind == MH_EV_USB && (ev->usb_vendor_id.n || ev->usb_vendor.n)) {
		n = snprintf(buf, sizeof(buf), "%.*s:%.*s %.*s %.*s %.*s", (int)ev->usb_vendor_id.n,
		             ev->usb_vendor_id.p, (int)ev->usb_model_id.n, ev->usb_model_id.p,
		             (int)ev->usb_vendor.n, ev->usb_vendor.p, (int)ev->usb_model.n,
		             ev->usb_model.p, (int)ev->usb_serial.n, ev->usb_serial.p);
		add_art(st, p, MH_ART_USB, buf,
		        (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1, ev);
	}
	if (ev->user.n) {
		n = (int)mh_name_norm(ev->user.p, ev->user.n, buf, sizeof(buf));
		add_art(st, p, MH_ART_NAME, buf, (size_t)n, ev);
	}
	if (!ev->move)
		return;
	if (ev->repo.n)
		add_art(st, p, MH_ART_REPO, ev->repo.p, ev->repo.n, ev);
	if (ev->path.n)
		add_art(st, p, MH_ART_FILE, ev->path.p, ev->path.n, ev);
	if (ev->file_hash.n) {
		n = (int)mh_name_norm(ev->file_hash.p, ev->file_hash.n, buf, sizeof(buf));
		add_art(st, p, MH_ART_FILE_HASH, buf, (size_t)n, ev);
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

	if (!st->cache)
		st->cache = mh_calloc(st->cap, sizeof(*st->cache));
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
	mh_days_add_event(ps, ev, hour);
	add_arts(st, p, ev);
	return p;
}

/* Copy src's days into a person who has none yet: the arrays at their size. */
static void copy_days(struct mh_pstate *d, const struct mh_pstate *s)
{
	d->days = mh_malloc((size_t)s->ndays * sizeof(*d->days));
	memcpy(d->days, s->days, (size_t)s->ndays * sizeof(*d->days));
	d->ndays = d->daycap = s->ndays;
	if (!s->nmdays)
		return;
	d->mdays = mh_malloc((size_t)s->nmdays * sizeof(*d->mdays));
	memcpy(d->mdays, s->mdays, (size_t)s->nmdays * sizeof(*d->mdays));
	d->nmdays = d->mdaycap = s->nmdays;
}

static void merge_arts(struct mh_state *dst, uint32_t p, const struct mh_state *src,
                       const struct mh_pstate *s)
{
	uint32_t i;

	for (i = 0; i < s->narts; i++) {
		const struct mh_art *sa = &s->arts[i];
		struct mh_art *da;
		int isnew;

		if (!(dst->kinds >> sa->kind & 1))
			continue;
		if (sa->v4)
			da = mh_arts_get_v4(dst, p, sa->value, &isnew);
		else
			da = mh_arts_get(dst, p, sa->kind, mh_intern_str(&src->strings, sa->value),
			                 mh_intern_len(&src->strings, sa->value), &isnew);
		if (da)
			mh_arts_fold(da, sa, isnew);
	}
}

static void merge_person(struct mh_state *dst, uint32_t p, const struct mh_state *src,
                         const struct mh_pstate *s)
{
	struct mh_pstate *d = &dst->ps[p];
	struct mh_day_iter it;
	struct mh_day day;
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
	if (!d->ndays && !d->daycap && s->ndays) {
		copy_days(d, s);
	} else {
		for (mh_days_begin(&it, s); mh_days_next(&it, &day);)
			mh_days_add(d, &day);
	}
	merge_arts(dst, p, src, s);
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
		merge_person(dst, p, src, s);
	}
	dst->events += src->events;
	dst->unattributed += src->unattributed;
	for (i = 0; i < MH_SRC__COUNT; i++)
		dst->per_source[i] += src->per_source[i];
	if (src->max_ms > dst->max_ms)
		dst->max_ms = src->max_ms;
}

void mh_state_trim(struct mh_state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		mh_days_trim(&st->ps[i]);
		mh_arts_trim(&st->ps[i]);
	}
}

void mh_state_size(const struct mh_state *st, struct mh_state_size *sz)
{
	size_t i;

	memset(sz, 0, sizeof(*sz));
	sz->persons = st->cap * sizeof(*st->ps) + (st->cache ? st->cap * sizeof(*st->cache) : 0);
	for (i = 0; i < st->n; i++) {
		const struct mh_pstate *ps = &st->ps[i];

		sz->persons += strlen(ps->key) + 1;
		sz->days += (size_t)ps->daycap * sizeof(*ps->days);
		sz->days += (size_t)ps->mdaycap * sizeof(*ps->mdays);
		sz->arts += (size_t)ps->artcap * sizeof(*ps->arts);
		if (ps->aidx)
			sz->index += ((size_t)1 << ps->aidx_bits) * sizeof(*ps->aidx);
	}
	sz->strings = mh_intern_bytes(&st->strings);
}

size_t mh_state_bytes(const struct mh_state *st)
{
	struct mh_state_size sz;

	mh_state_size(st, &sz);
	return sz.persons + sz.days + sz.arts + sz.strings + sz.index;
}
