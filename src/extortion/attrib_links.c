/*
 * Attribution, the message side and the people (attrib.h): sender addresses
 * against the roster and the user names seen, Received-chain IPs against IP
 * artifacts, then each candidate's identity and roster dates, and the score.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extortion/attrib.h"
#include "ingest/roster.h"
#include "store/store_cases.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define DAY_MS    86400000ll
#define WINDOW_MS (30 * DAY_MS)
/* An IP counts fully when the person used it in the 30 days before the message
 * (while taking the data, or since) or within a week after it; older use, half. */
#define BEFORE_MS (30 * DAY_MS)
#define AFTER_MS  (7 * DAY_MS)

struct person {
	int64_t id;
	char *key, *email, *name;
	int resolved;
	double risk;
};

struct people {
	struct person *v;
	size_t n, cap;
	struct mh_strmap *by_key; /* resolved key (employee_id) -> index */
	struct mh_strmap *by_id;
	struct mh_roster roster;
	struct mh_strmap *by_emp; /* employee_id -> roster index */
};

struct mh_candidate *mh_attrib_person(struct mh_attrib *a, int64_t person)
{
	uint32_t at =
	    mh_strmap_intern(a->byid, (const char *)&person, sizeof(person), (uint32_t)a->n);
	struct mh_candidate *c;

	if (at < a->n)
		return &a->c[at];
	a->c = mh_grow(a->c, &a->cap, a->n + 1, sizeof(*a->c));
	c = &a->c[a->n++];
	memset(c, 0, sizeof(*c));
	c->person = person;
	c->termination_day = c->notice_day = MH_DAY_NONE;
	return c;
}

static int on_person(void *arg, const struct mh_person_row *r)
{
	struct people *pp = arg;
	struct person *p;

	pp->v = mh_grow(pp->v, &pp->cap, pp->n + 1, sizeof(*pp->v));
	p = &pp->v[pp->n];
	p->id = r->id;
	p->key = mh_strdup(r->key ? r->key : "");
	p->email = r->email ? mh_strdup(r->email) : NULL;
	p->name = r->name ? mh_strdup(r->name) : NULL;
	p->resolved = r->resolved;
	p->risk = r->score;
	if (r->resolved)
		mh_strmap_put(pp->by_key, p->key, strlen(p->key), (uint32_t)pp->n);
	mh_strmap_put(pp->by_id, (const char *)&p->id, sizeof(p->id), (uint32_t)pp->n);
	pp->n++;
	return 0;
}

static void no_reject(void *arg, const char *where, const char *why)
{
}

static int load_people(struct mh_store *s, struct people *pp, int *has_roster, struct mh_err *err)
{
	char *csv;
	size_t n, i;

	memset(pp, 0, sizeof(*pp));
	pp->by_key = mh_strmap_new();
	pp->by_id = mh_strmap_new();
	pp->by_emp = mh_strmap_new();
	if (mh_store_each_person(s, 0, on_person, pp, err) || mh_store_get_roster(s, &csv, &n, err))
		return -1;
	*has_roster = csv != NULL;
	if (csv && mh_roster_parse_mem(&pp->roster, "roster", csv, n, no_reject, NULL, err)) {
		free(csv);
		return -1;
	}
	free(csv);
	for (i = 0; i < pp->roster.n; i++) {
		const char *e = pp->roster.v[i].employee_id;

		mh_strmap_put(pp->by_emp, e, strlen(e), (uint32_t)i);
	}
	return 0;
}

static void free_people(struct people *pp)
{
	size_t i;

	for (i = 0; i < pp->n; i++) {
		free(pp->v[i].key);
		free(pp->v[i].email);
		free(pp->v[i].name);
	}
	free(pp->v);
	mh_strmap_free(pp->by_key);
	mh_strmap_free(pp->by_id);
	mh_strmap_free(pp->by_emp);
	mh_roster_free(&pp->roster);
}

static void add_link(struct mh_attrib *a, int64_t person, const char *how, const char *what,
                     const char *artifact, double w, const struct mh_art_row *r, unsigned shared)
{
	struct mh_candidate *c = mh_attrib_person(a, person);
	struct mh_attrib_link *l;
	size_t i;

	for (i = 0; i < c->nlinks; i++)
		if (!strcmp(c->links[i].what, what) && c->links[i].w >= w)
			return;
	c->links = mh_realloc(c->links, (c->nlinks + 1) * sizeof(*c->links));
	l = &c->links[c->nlinks++];
	memset(l, 0, sizeof(*l));
	l->how = how;
	l->what = mh_strdup(what);
	l->artifact = mh_strdup(artifact);
	l->w = w;
	l->shared = shared;
	if (r) {
		l->count = r->count;
		l->first_ms = r->first_ms;
		l->last_ms = r->last_ms;
	}
}

static int64_t person_of_emp(const struct people *pp, const char *emp)
{
	uint32_t i;

	return mh_strmap_get(pp->by_key, emp, strlen(emp), &i) ? pp->v[i].id : 0;
}

static int lower_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		char y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

struct name_ctx {
	struct mh_attrib *a;
	const char *what;
};

static int on_name(void *arg, const struct mh_art_row *r)
{
	struct name_ctx *nc = arg;

	add_link(nc->a, r->person, "address", nc->what, "user name in their logs", 0.6, r, 0);
	return 0;
}

static int address_links(struct mh_store *s, struct mh_attrib *a, const struct people *pp,
                         const struct mh_mail *m, struct mh_err *err)
{
	size_t i, k;

	for (i = 0; m && i < m->naddrs; i++) {
		const struct mh_mail_addr *ad = &m->addrs[i];
		char what[320];
		struct name_ctx nc = {a, what};

		snprintf(what, sizeof(what), "%s %s", ad->role, ad->addr);
		for (k = 0; k < pp->roster.n; k++) {
			const struct mh_roster_entry *e = &pp->roster.v[k];
			int64_t id = 0;
			const char *art = NULL;

			if (e->personal_email && lower_eq(e->personal_email, ad->addr))
				art = "personal e-mail on the roster";
			else if (e->email && lower_eq(e->email, ad->addr))
				art = "work e-mail on the roster";
			if (art && (id = person_of_emp(pp, e->employee_id)))
				add_link(a, id, "address", what, art, 1.0, NULL, 0);
		}
		for (k = 0; k < pp->n; k++)
			if (!pp->v[k].resolved && pp->v[k].email &&
			    lower_eq(pp->v[k].email, ad->addr))
				add_link(a, pp->v[k].id, "address", what, "e-mail", 1.0, NULL, 0);
		if (mh_store_each_art(s, "name", ad->addr, on_name, &nc, err))
			return -1;
	}
	return 0;
}

struct ip_ctx {
	struct mh_art_row *rows;
	size_t n, cap;
};

static int on_ip(void *arg, const struct mh_art_row *r)
{
	struct ip_ctx *ic = arg;

	ic->rows = mh_grow(ic->rows, &ic->cap, ic->n + 1, sizeof(*ic->rows));
	ic->rows[ic->n++] = *r; /* only numbers are used after the callback */
	return 0;
}

static int ip_links(struct mh_store *s, struct mh_attrib *a, const struct mh_mail *m,
                    struct mh_err *err)
{
	size_t i, k;

	for (i = 0; m && i < m->nhops; i++) {
		struct ip_ctx ic = {NULL, 0, 0};
		char what[96];

		if (m->hops[i].is_private)
			continue;
		if (mh_store_each_art(s, "ip", m->hops[i].ip, on_ip, &ic, err)) {
			free(ic.rows);
			return -1;
		}
		snprintf(what, sizeof(what), "%s (Received header %u)", m->hops[i].ip,
		         m->hops[i].hop + 1);
		for (k = 0; k < ic.n; k++) {
			const struct mh_art_row *r = &ic.rows[k];
			int near = !a->mail_ms || (r->first_ms <= a->mail_ms + AFTER_MS &&
			                           r->last_ms >= a->mail_ms - BEFORE_MS);

			add_link(a, r->person, "ip", what,
			         near ? "IP address in their logs around the time of the message"
			              : "IP address in their logs",
			         (near ? 1.0 : 0.5) / (double)ic.n, r, (unsigned)(ic.n - 1));
		}
		free(ic.rows);
	}
	return 0;
}

static void identify(struct mh_attrib *a, const struct people *pp)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		struct mh_candidate *c = &a->c[i];
		uint32_t at, r;

		if (!mh_strmap_get(pp->by_id, (const char *)&c->person, sizeof(c->person), &at))
			continue;
		c->key = mh_strdup(pp->v[at].key);
		c->email = pp->v[at].email ? mh_strdup(pp->v[at].email) : NULL;
		c->name = pp->v[at].name ? mh_strdup(pp->v[at].name) : NULL;
		c->resolved = pp->v[at].resolved;
		c->risk = pp->v[at].risk;
		if (c->resolved && mh_strmap_get(pp->by_emp, c->key, strlen(c->key), &r)) {
			c->termination_day = pp->roster.v[r].termination_day;
			c->notice_day = pp->roster.v[r].notice_day;
		}
	}
}

int mh_attrib_links(struct mh_store *s, struct mh_attrib *a, const struct mh_mail *m,
                    struct mh_err *err)
{
	struct people pp;
	int rc;

	rc = load_people(s, &pp, &a->has_roster, err);
	if (!rc)
		rc = address_links(s, a, &pp, m, err);
	if (!rc)
		rc = ip_links(s, a, m, err);
	if (!rc)
		identify(a, &pp);
	free_people(&pp);
	return rc;
}

/* --- scoring -------------------------------------------------------------- */

static double timing(const struct mh_candidate *c, int64_t mail_ms)
{
	int64_t start, end, from;

	if (!c->nhits)
		return 1.0;
	if (c->termination_day == MH_DAY_NONE)
		return 0.5;
	start = (int64_t)c->termination_day * DAY_MS;
	end = start + DAY_MS;
	if (mail_ms > 0 && start > mail_ms)
		return 0.6;
	if (c->last_access_ms >= end)
		return 1.0;
	from = start - WINDOW_MS;
	if (c->notice_day != MH_DAY_NONE && (int64_t)c->notice_day * DAY_MS < from)
		from = (int64_t)c->notice_day * DAY_MS;
	return c->last_access_ms >= from ? 1.0 : 0.7;
}

static int cmp_w(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x > y ? -1 : x < y;
}

/* How many values in the descending list v[0..n) are >= w. */
static size_t at_least(const double *v, size_t n, double w)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid] >= w - 1e-9)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct mh_candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->data != y->data)
		return x->data > y->data ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

struct per_leaf {
	double *w;
	size_t n, cap;
};

static void data_scores(struct mh_attrib *a, struct per_leaf *pl)
{
	size_t i, k;

	for (i = 0; i < a->n; i++) {
		struct mh_candidate *c = &a->c[i];
		double sum = 0, excl = 0, others = 0;

		for (k = 0; k < c->nhits; k++) {
			const struct mh_attrib_hit *h = &c->hits[k];
			size_t n = at_least(pl[h->item].w, pl[h->item].n, h->w);

			n = n ? n : 1;
			sum += h->w;
			excl += h->w / (double)n;
			others += (double)(n - 1);
			c->exclusive += n == 1;
			c->data += h->w * (0.5 + 0.5 / (double)n);
			if (h->last_ms > c->last_access_ms)
				c->last_access_ms = h->last_ms;
		}
		if (a->leaves) {
			c->data /= (double)a->leaves;
			c->coverage = (double)c->nhits / (double)a->leaves;
		}
		c->exclusivity = sum > 0 ? excl / sum : 0;
		c->excl_others = c->nhits ? others / (double)c->nhits : 0;
	}
}

void mh_attrib_score(struct mh_attrib *a)
{
	struct per_leaf *pl;
	size_t i, k, maxitem = 0;

	for (i = 0; i < a->n; i++)
		for (k = 0; k < a->c[i].nhits; k++)
			if ((size_t)a->c[i].hits[k].item + 1 > maxitem)
				maxitem = (size_t)a->c[i].hits[k].item + 1;
	pl = mh_calloc(maxitem + 1, sizeof(*pl));
	for (i = 0; i < a->n; i++)
		for (k = 0; k < a->c[i].nhits; k++) {
			struct per_leaf *p = &pl[a->c[i].hits[k].item];

			p->w = mh_grow(p->w, &p->cap, p->n + 1, sizeof(*p->w));
			p->w[p->n++] = a->c[i].hits[k].w;
		}
	for (i = 0; i <= maxitem; i++)
		if (pl[i].n)
			qsort(pl[i].w, pl[i].n, sizeof(double), cmp_w);
	data_scores(a, pl);
	for (i = 0; i < a->n; i++) {
		struct mh_candidate *c = &a->c[i];

		for (k = 0; k < c->nlinks; k++)
			c->link += c->links[k].w;
		c->link = c->link > 1 ? 1 : c->link;
		c->timing = timing(c, a->mail_ms);
		c->score = round(1000.0 * (0.65 * c->data * c->timing + 0.35 * c->link)) / 10.0;
	}
	for (i = 0; i <= maxitem; i++)
		free(pl[i].w);
	free(pl);
	if (a->n)
		qsort(a->c, a->n, sizeof(*a->c), cmp_cand);
	mh_strmap_free(a->byid); /* indexes changed */
	a->byid = NULL;
}

void mh_attrib_release(struct mh_attrib *a)
{
	size_t i, k;

	for (i = 0; i < a->n; i++) {
		struct mh_candidate *c = &a->c[i];

		for (k = 0; k < c->nhits; k++) {
			free(c->hits[k].kind);
			free(c->hits[k].value);
			free(c->hits[k].matched);
		}
		for (k = 0; k < c->nlinks; k++) {
			free(c->links[k].what);
			free(c->links[k].artifact);
		}
		for (k = 0; k < c->nreasons; k++)
			free(c->reasons[k]);
		free(c->hits);
		free(c->links);
		free(c->reasons);
		free(c->key);
		free(c->email);
		free(c->name);
	}
	free(a->c);
	mh_strmap_free(a->byid);
	memset(a, 0, sizeof(*a));
}
