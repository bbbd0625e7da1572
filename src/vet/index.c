/*
 * The artifact index and the links it yields.
 *
 * Every record (batch applicant, earlier applicant, employee) contributes one
 * entry per canonical artifact, keyed by a 64-bit hash of kind and value;
 * sorting the entries puts every shared value in one run. A run holding a
 * batch applicant and two or more identities links each batch applicant in
 * it to every other record: pairs, not all N^2 of the run's records, since
 * only the batch is being judged. A value held by more than vet.hub_max
 * identities (an agency switchboard, a default avatar, a co-working address)
 * links nobody: it is reported as common instead. So does a placeholder: a
 * value held by three or more identities of whom two or more share nothing
 * else with any other holder (a default avatar on strangers' profiles).
 *
 * Resumes: every record's MinHash is cut into bands; equal band keys make
 * candidate pairs (buckets larger than vet.bucket_max are boilerplate and
 * skipped). Candidates and artifact-linked pairs then get their estimated
 * similarity. Two records under the same name are one identity (a person
 * applying again) and never link.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "ingest/roster.h"
#include "util/xalloc.h"
#include "vet/employee.h"
#include "vet/vet_int.h"

/* How far below vet.resume_overlap a MinHash estimate may be and still be
 * checked exactly: about five standard deviations of the 128-hash estimate
 * at a similarity of 0.3. */
#define ESTIMATE_MARGIN 0.2

struct triple {
	uint32_t a, b, kinds;
};

struct band {
	uint64_t key;
	uint32_t rec;
};

static struct mh_vet_rec *rec_add(struct mh_vet *v, size_t *cap, uint8_t type)
{
	struct mh_vet_rec *r;

	v->rec = mh_grow(v->rec, cap, v->nrec + 1, sizeof(*v->rec));
	r = &v->rec[v->nrec++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	return r;
}

static uint64_t art_hash(uint8_t kind, const char *value)
{
	return XXH3_64bits_withSeed(value, strlen(value), 0x5eed0000u + kind);
}

static void art_add(struct mh_vet *v, size_t *cap, uint32_t rec, uint8_t kind, const char *value,
                    const char *raw)
{
	struct vet_art *a;

	v->art = mh_grow(v->art, cap, v->nart + 1, sizeof(*v->art));
	a = &v->art[v->nart++];
	memset(a, 0, sizeof(*a));
	a->h = art_hash(kind, value);
	a->rec = rec;
	a->kind = kind;
	a->value = value;
	a->raw = raw;
}

static const char *last_word(const char *name)
{
	const char *sp = strrchr(name, ' ');

	return sp ? sp + 1 : name;
}

static void employee_arts(struct mh_vet *v, size_t *cap, uint32_t r,
                          const struct mh_roster_entry *e, struct mh_vet_emp_arts *ea)
{
	size_t k;

	mh_vet_employee_arts(e, ea);
	for (k = 0; k < ea->n; k++)
		art_add(v, cap, r, ea->v[k].kind, ea->v[k].value, ea->v[k].raw);
}

/* The open case an employee is the subject of, or 0. */
static int64_t emp_case(const struct mh_vet *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->ncase_emp; i++)
		if (!strcmp(v->case_emp[i], id))
			return v->case_id[i];
	return 0;
}

/* The stored risk score of a flagged employee; 0 when not flagged. */
static double emp_flagged(const struct mh_vet *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->nflagged_emp; i++)
		if (!strcmp(v->flagged_emp[i], id))
			return v->flagged_emp_score[i];
	return 0;
}

/* Employee artifact values live in one block per build, freed with v. */
struct emp_vals {
	struct mh_vet_emp_arts a;
};

void mh_vet_build_records(struct mh_vet *v)
{
	const struct mh_applicants *B = v->batch;
	size_t rcap = 0, acap = 0, i, k;
	struct emp_vals *ev;

	for (i = 0; i < B->n; i++) {
		const struct mh_applicant *a = &B->v[i];
		struct mh_vet_rec *r = rec_add(v, &rcap, MH_VR_NEW);

		r->id = a->id;
		r->name = a->name ? a->name : "";
		r->surname = a->surname ? a->surname : "";
		r->applied_ms = a->applied_ms;
		r->index = (uint32_t)i;
		if (a->resume)
			r->has_sig = mh_minhash_text(a->resume, strlen(a->resume), v->p.shingle,
			                             &r->sig) > 0;
		for (k = 0; k < a->narts; k++)
			art_add(v, &acap, (uint32_t)i, a->arts[k].kind, a->arts[k].value,
			        a->arts[k].raw);
	}
	for (i = 0; i < v->nold; i++) {
		const struct vet_old *o = &v->old[i];
		uint32_t r;

		if (!o->id)
			continue; /* replaced by the batch */
		r = (uint32_t)v->nrec;
		rec_add(v, &rcap, MH_VR_OLD);
		v->rec[r].id = o->id;
		v->rec[r].name = o->name;
		v->rec[r].surname = o->surname;
		v->rec[r].applied_ms = o->applied_ms;
		v->rec[r].index = (uint32_t)i;
		v->rec[r].flagged = o->score >= v->p.threshold;
		v->rec[r].has_sig = (uint8_t)o->has_sig;
		v->rec[r].sig = o->sig;
		for (k = 0; k < o->n; k++)
			art_add(v, &acap, r, o->kinds[k], o->values[k], o->values[k]);
	}
	if (!v->roster)
		return;
	ev = mh_calloc(v->roster->n ? v->roster->n : 1, sizeof(*ev));
	v->emp_vals = ev;
	v->emp_surname = mh_calloc(v->roster->n ? v->roster->n : 1, 32);
	for (i = 0; i < v->roster->n; i++) {
		const struct mh_roster_entry *e = &v->roster->v[i];
		uint32_t r = (uint32_t)v->nrec;

		rec_add(v, &rcap, MH_VR_EMPLOYEE);
		v->rec[r].id = e->employee_id;
		v->rec[r].name = e->name ? e->name : e->employee_id;
		v->rec[r].surname = v->emp_surname + (size_t)i * 32;
		snprintf(v->emp_surname + (size_t)i * 32, 32, "%s", last_word(v->rec[r].name));
		for (k = 0; v->emp_surname[i * 32 + k]; k++)
			v->emp_surname[i * 32 + k] = (char)(v->emp_surname[i * 32 + k] | 0x20);
		v->rec[r].index = (uint32_t)i;
		v->rec[r].risk = (float)emp_flagged(v, e->employee_id);
		v->rec[r].under_case = emp_case(v, e->employee_id);
		v->rec[r].flagged = v->rec[r].risk > 0;
		employee_arts(v, &acap, r, e, &ev[i].a);
	}
}

static int cmp_art(const void *x, const void *y)
{
	const struct vet_art *a = x, *b = y;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int cmp_triple(const void *x, const void *y)
{
	const struct triple *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

static int cmp_band(const void *x, const void *y)
{
	const struct band *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static int same_identity(const struct mh_vet *v, uint32_t a, uint32_t b)
{
	const struct mh_vet_rec *x = &v->rec[a], *y = &v->rec[b];

	return x->name[0] && !strcasecmp(x->name, y->name);
}

struct tvec {
	struct triple *v;
	size_t n, cap;
};

static void tpush(struct tvec *t, uint32_t a, uint32_t b, uint32_t kinds)
{
	if (a > b) {
		uint32_t s = a;

		a = b;
		b = s;
	}
	t->v = mh_grow(t->v, &t->cap, t->n + 1, sizeof(*t->v));
	t->v[t->n++] = (struct triple){a, b, kinds};
}

/* Distinct surnames among the records of a run (capped at 3). */
static int surnames(const struct mh_vet *v, size_t from, size_t to)
{
	const char *seen[3];
	int n = 0, k;
	size_t i;

	for (i = from; i < to && n < 3; i++) {
		const char *s = v->rec[v->art[i].rec].surname;

		for (k = 0; k < n && strcmp(seen[k], s); k++)
			;
		if (k == n)
			seen[n++] = s;
	}
	return n;
}

/* Another value than run hash h shared by records a and b that would link
 * them: held by at most vet.hub_max records, and not an address under one
 * surname (family). */
static int other_value(const struct mh_vet *v, uint32_t a, uint32_t b, uint64_t h)
{
	uint32_t i = v->rart_off[a], j = v->rart_off[b];

	while (i < v->rart_off[a + 1] && j < v->rart_off[b + 1]) {
		const struct vet_art *x = &v->art[v->rart[i]], *y = &v->art[v->rart[j]];

		if (x->h < y->h) {
			i++;
			continue;
		}
		if (y->h < x->h) {
			j++;
			continue;
		}
		if (x->h != h && x->n <= v->p.hub_max &&
		    !(x->kind == MH_VA_ADDRESS && !strcmp(v->rec[a].surname, v->rec[b].surname)))
			return 1;
		i++;
		j++;
	}
	return 0;
}

/* Are two holders of the value with hash h linked by anything else: another
 * shared value, or resumes overlapping at vet.resume_overlap? The MinHash
 * estimate rules out clearly different resumes cheaply (this runs on every
 * pair of a run); the rest get mh_vet_resume_sim(), exact between two
 * applicants of the batch. */
static int otherwise_linked(const struct mh_vet *v, uint32_t a, uint32_t b, uint64_t h)
{
	const struct mh_vet_rec *x = &v->rec[a], *y = &v->rec[b];

	if (other_value(v, a, b, h))
		return 1;
	if (!x->has_sig || !y->has_sig ||
	    mh_minhash_sim(&x->sig, &y->sig) < v->p.overlap - ESTIMATE_MARGIN)
		return 0;
	return mh_vet_resume_sim(v, a, b) >= v->p.overlap;
}

/* Is entry i of a run the first record of its identity (name) there? */
static int first_of_identity(const struct mh_vet *v, size_t from, size_t i)
{
	size_t k;

	for (k = from; k < i; k++)
		if (same_identity(v, v->art[k].rec, v->art[i].rec))
			return 0;
	return 1;
}

/* Holders of the run [from, to) that share nothing else with any other
 * holder, counted once per identity (capped at 255); *ids gets the number
 * of identities. A flagged or intel-matched holder is a known operative, not
 * a stranger: it never counts as unlinked. Runs are at most vet.hub_max
 * long, so the pairwise test is cheap. */
static unsigned unlinked_holders(const struct mh_vet *v, size_t from, size_t to, size_t *ids)
{
	size_t i, j;
	unsigned unlinked = 0;
	uint64_t h = v->art[from].h;

	*ids = 0;
	for (i = from; i < to; i++) {
		uint32_t a = v->art[i].rec;

		if (!first_of_identity(v, from, i))
			continue;
		++*ids;
		if (v->rec[a].flagged || v->rec[a].intel)
			continue;
		for (j = from; j < to; j++) {
			uint32_t b = v->art[j].rec;

			if (a != b && !same_identity(v, a, b) && otherwise_linked(v, a, b, h))
				break;
		}
		unlinked += j == to && unlinked < 255;
	}
	return unlinked;
}

/* Is the value a flagged employee's own phone, e-mail, payroll account or
 * URL? An operative on staff does not carry an agency's switchboard or a
 * default avatar as their own number: strangers' applications holding it are
 * the operation's next personas (two clusters often share it, and are then
 * not linked to each other). Addresses are left out: a ship-to address can be
 * an office or a coworking space. */
static int staff_operative_holds(const struct mh_vet *v, size_t from, size_t to)
{
	size_t i;
	uint8_t kind = v->art[from].kind;

	if (kind == MH_VA_ADDRESS || kind == MH_VA_PHOTO)
		return 0;
	for (i = from; i < to; i++) {
		const struct mh_vet_rec *r = &v->rec[v->art[i].rec];

		if (r->type == MH_VR_EMPLOYEE && r->flagged)
			return 1;
	}
	return 0;
}

/* A placeholder: a value held by vet.placeholder.holders or more identities,
 * most of them (and at least vet.placeholder.unlinked) sharing nothing else
 * with any other holder. A default avatar, an agency's switchboard or an
 * office address sits on the profiles of strangers; a persona's artifact
 * sits on records that also share resumes or other values. */
static int placeholder(struct mh_vet *v, size_t from, size_t to)
{
	size_t ids, i;
	unsigned u;

	if (to - from < 3 && (double)(to - from) < v->p.ph_holders)
		return 0;
	if (staff_operative_holds(v, from, to))
		return 0;
	u = unlinked_holders(v, from, to, &ids);
	for (i = from; i < to; i++)
		v->art[i].unlinked = (uint8_t)u;
	return (double)ids >= v->p.ph_holders && (double)u >= v->p.ph_unlinked && 2 * u > ids;
}

static void group_links(struct mh_vet *v, size_t from, size_t to, struct tvec *t)
{
	size_t i, j, nnew = 0;
	uint8_t kind = v->art[from].kind;
	uint32_t extra = 0;

	for (i = from; i < to; i++)
		nnew += v->rec[v->art[i].rec].type == MH_VR_NEW;
	if (!nnew || to - from < 2)
		return;
	if (to - from > v->p.hub_max || placeholder(v, from, to)) {
		uint8_t why = to - from > v->p.hub_max ? VA_HUB : VA_PLACEHOLDER;

		for (i = from; i < to; i++)
			v->art[i].common = why;
		return;
	}
	if (kind == MH_VA_ADDRESS && surnames(v, from, to) >= 3)
		extra = VK_ADDR_MANY;
	for (i = from; i < to; i++) {
		uint32_t a = v->art[i].rec;

		if (v->rec[a].type != MH_VR_NEW)
			continue;
		for (j = from; j < to; j++) {
			uint32_t b = v->art[j].rec, k = 1u << kind;

			if (a == b || (v->rec[b].type == MH_VR_NEW && b < a) ||
			    same_identity(v, a, b))
				continue;
			if (kind == MH_VA_ADDRESS && !strcmp(v->rec[a].surname, v->rec[b].surname))
				k |= VK_FAMILY;
			tpush(t, a, b, k | extra);
		}
	}
}

static void resume_candidates(struct mh_vet *v, struct tvec *t)
{
	struct band *bv;
	size_t n = 0, i, j, k, r;

	for (r = 0; r < v->nrec; r++)
		n += v->rec[r].has_sig;
	bv = mh_malloc((n ? n : 1) * MH_MINHASH_BANDS * sizeof(*bv));
	n = 0;
	for (r = 0; r < v->nrec; r++)
		if (v->rec[r].has_sig)
			for (k = 0; k < MH_MINHASH_BANDS; k++)
				bv[n++] = (struct band){
				    mh_minhash_band(&v->rec[r].sig, (unsigned)k), (uint32_t)r};
	qsort(bv, n, sizeof(*bv), cmp_band);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && bv[j].key == bv[i].key; j++)
			;
		if (j - i < 2 || j - i > v->p.bucket_max)
			continue;
		for (k = i; k < j; k++) {
			uint32_t a = bv[k].rec;
			size_t m;

			if (v->rec[a].type != MH_VR_NEW)
				continue;
			for (m = i; m < j; m++) {
				uint32_t b = bv[m].rec;

				if (a != b && !(v->rec[b].type == MH_VR_NEW && b < a) &&
				    !same_identity(v, a, b))
					tpush(t, a, b, VK_RESUME);
			}
		}
	}
	free(bv);
}

static double link_score(const struct mh_vet *v, struct vet_link *l)
{
	const struct vet_params *p = &v->p;
	double s = 0;
	int k;

	for (k = 0; k < MH_VA__COUNT; k++) {
		if (!(l->kinds & (1u << k)))
			continue;
		if (k == MH_VA_ADDRESS)
			s += l->kinds & VK_FAMILY      ? p->w_family
			     : l->kinds & VK_ADDR_MANY ? p->w_addr_many
			                               : p->w[k];
		else
			s += p->w[k];
	}
	if (l->kinds & VK_RESUME)
		s += p->w_resume;
	else if (l->kinds & VK_OVERLAP)
		s += p->w_overlap;
	if ((v->rec[l->a].flagged || v->rec[l->b].flagged) && s >= p->link_min) {
		l->kinds |= VK_FLAGGED;
		s += p->w_flagged;
	}
	return s;
}

/* Merge triples into links, settle resume similarity, score. */
static void merge(struct mh_vet *v, struct tvec *t)
{
	size_t i, j;

	if (t->n) /* t->v is NULL without triples */
		qsort(t->v, t->n, sizeof(*t->v), cmp_triple);
	v->link = mh_malloc((t->n ? t->n : 1) * sizeof(*v->link));
	v->nlink = 0;
	for (i = 0; i < t->n; i = j) {
		struct vet_link l = {t->v[i].a, t->v[i].b, 0, 0, 0};
		const struct mh_vet_rec *a = &v->rec[l.a], *b = &v->rec[l.b];

		for (j = i; j < t->n && t->v[j].a == l.a && t->v[j].b == l.b; j++)
			l.kinds |= t->v[j].kinds;
		l.kinds &= ~VK_RESUME;
		if (a->has_sig && b->has_sig) {
			l.sim = (float)mh_minhash_sim(&a->sig, &b->sig);
			if ((l.kinds & 0xffffu) && a->type == MH_VR_NEW && b->type == MH_VR_NEW)
				l.sim = (float)mh_vet_resume_sim(v, l.a, l.b);
			if (l.sim >= v->p.near)
				l.kinds |= VK_RESUME;
			else if (l.sim >= v->p.overlap && (l.kinds & 0xffffu))
				l.kinds |= VK_OVERLAP;
		}
		if (!l.kinds)
			continue;
		l.score = link_score(v, &l);
		v->link[v->nlink++] = l;
	}
}

/* Each entry's run length, and every record's entries in hash order. */
static void runs_and_records(struct mh_vet *v)
{
	size_t i, j, k;
	uint32_t *fill;

	for (i = 0; i < v->nart; i = j) {
		for (j = i + 1; j < v->nart && v->art[j].h == v->art[i].h; j++)
			;
		for (k = i; k < j; k++)
			v->art[k].n = (uint32_t)(j - i);
	}
	v->rart_off = mh_calloc(v->nrec + 1, sizeof(*v->rart_off));
	v->rart = mh_malloc((v->nart ? v->nart : 1) * sizeof(*v->rart));
	for (i = 0; i < v->nart; i++)
		v->rart_off[v->art[i].rec + 1]++;
	for (i = 0; i < v->nrec; i++)
		v->rart_off[i + 1] += v->rart_off[i];
	fill = mh_malloc((v->nrec ? v->nrec : 1) * sizeof(*fill));
	memcpy(fill, v->rart_off, v->nrec * sizeof(*fill));
	for (i = 0; i < v->nart; i++)
		v->rart[fill[v->art[i].rec]++] = (uint32_t)i;
	free(fill);
}

void mh_vet_build_links(struct mh_vet *v)
{
	struct tvec t = {NULL, 0, 0};
	size_t i, j;

	if (v->nart)
		qsort(v->art, v->nart, sizeof(*v->art), cmp_art);
	runs_and_records(v);
	for (i = 0; i < v->nart; i = j) {
		j = i + v->art[i].n;
		group_links(v, i, j, &t);
	}
	resume_candidates(v, &t);
	merge(v, &t);
	free(t.v);
}

void mh_vet_build_adjacency(struct mh_vet *v)
{
	uint32_t *fill;
	size_t i;

	v->adj_off = mh_calloc(v->nrec + 1, sizeof(*v->adj_off));
	v->adj = mh_malloc((v->nlink ? v->nlink : 1) * 2 * sizeof(*v->adj));
	for (i = 0; i < v->nlink; i++) {
		v->adj_off[v->link[i].a + 1]++;
		v->adj_off[v->link[i].b + 1]++;
	}
	for (i = 0; i < v->nrec; i++)
		v->adj_off[i + 1] += v->adj_off[i];
	fill = mh_malloc((v->nrec ? v->nrec : 1) * sizeof(*fill));
	memcpy(fill, v->adj_off, v->nrec * sizeof(*fill));
	for (i = 0; i < v->nlink; i++) {
		v->adj[fill[v->link[i].a]++] = (uint32_t)i;
		v->adj[fill[v->link[i].b]++] = (uint32_t)i;
	}
	free(fill);
}

int mh_vet_art_run(const struct mh_vet *v, uint8_t kind, const char *value, size_t *from,
                   size_t *to)
{
	struct vet_art key;
	size_t lo = 0, hi = v->nart;

	key.h = art_hash(kind, value);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->art[mid].h < key.h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->nart || v->art[lo].h != key.h)
		return 0;
	*from = lo;
	for (hi = lo; hi < v->nart && v->art[hi].h == key.h; hi++)
		;
	*to = hi;
	return 1;
}

double mh_vet_resume_sim(const struct mh_vet *v, uint32_t a, uint32_t b)
{
	const struct mh_vet_rec *x = &v->rec[a], *y = &v->rec[b];
	const char *ta, *tb;

	if (!x->has_sig || !y->has_sig)
		return -1;
	if (x->type != MH_VR_NEW || y->type != MH_VR_NEW)
		return mh_minhash_sim(&x->sig, &y->sig);
	ta = v->batch->v[x->index].resume;
	tb = v->batch->v[y->index].resume;
	return mh_shingle_jaccard(ta, strlen(ta), tb, strlen(tb), v->p.shingle);
}
