/*
 * Clusters: the connected components of the graph whose nodes are records
 * and whose edges are links scoring at least vet.link_min (a shared phone,
 * e-mail, payment account, profile, photo or non-family address, or a
 * near-duplicate resume). Each component that holds a batch applicant is
 * reported once with its members, instead of every pair.
 *
 * Components are not convicted whole: one chance collision (a recycled phone
 * number) would drag strangers into a persona's cluster. Instead, a record
 * is a core when a link of its own is corroborated (scores at or above the
 * alert threshold: two independent artifacts shared with the same other
 * record), or it is flagged or in threat intel. A batch applicant that
 * re-uses an artifact (a link of at least vet.link_min) and whose resume
 * resembles core records' (a near-duplicate of one, or an overlap of at
 * least vet.resume_overlap with two of one component) is held to be part
 * of that operation: a persona whose only shared value is
 * an operative's phone, but whose resume follows the persona template.
 * Employees linked to a core or resembling applicant become flagged, for
 * identity.referral. A component holding a core is reported as confirmed.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"
#include "vet/vet_int.h"

static int same_name(const struct mh_vet *v, size_t a, size_t b)
{
	return v->rec[a].name[0] && !strcasecmp(v->rec[a].name, v->rec[b].name);
}

static uint32_t find(uint32_t *up, uint32_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

static void add_member(struct mh_vet_cluster *c, size_t *cap, uint32_t r)
{
	c->members = mh_grow(c->members, cap, c->n + 1, sizeof(*c->members));
	c->members[c->n++] = r;
}

static void cores(struct mh_vet *v)
{
	size_t i;

	for (i = 0; i < v->nrec; i++)
		v->rec[i].core = v->rec[i].flagged || v->rec[i].intel;
	for (i = 0; i < v->nlink; i++)
		if (v->link[i].score >= v->p.threshold)
			v->rec[v->link[i].a].core = v->rec[v->link[i].b].core = 1;
}

static double best_link(const struct mh_vet *v, uint32_t r)
{
	double best = 0;
	uint32_t k;

	for (k = v->adj_off[r]; k < v->adj_off[r + 1]; k++)
		if (v->link[v->adj[k]].score > best)
			best = v->link[v->adj[k]].score;
	return best;
}

static const struct mh_vet *cmp_v;

static int cmp_component(const void *x, const void *y)
{
	uint32_t a = cmp_v->rec[*(const uint32_t *)x].component;
	uint32_t b = cmp_v->rec[*(const uint32_t *)y].component;

	if (a != b)
		return a < b ? -1 : 1;
	return *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
}

/* Does applicant i resemble core[] (sorted by component)? A near-duplicate of
 * one core, or an overlap with two cores of one component (two members of one
 * operation) counts; one overlap alone is within the reach of chance. */
static void resemble_one(struct mh_vet *v, size_t i, const uint32_t *core, size_t n)
{
	struct mh_vet_rec *r = &v->rec[i];
	size_t k, run = 0;

	for (k = 0; k < n; k++) {
		double sim;

		if (k && v->rec[core[k]].component != v->rec[core[k - 1]].component)
			run = 0;
		if (same_name(v, i, core[k]))
			continue;
		sim = mh_vet_resume_sim(v, (uint32_t)i, core[k]);
		if (sim < v->p.overlap)
			continue;
		run += v->rec[core[k]].component != 0;
		if ((sim >= v->p.near || run >= 2) && sim >= r->like_sim) {
			r->resembles = 1;
			r->like = core[k];
			r->like_sim = (float)sim;
		}
	}
}

/* Batch applicants with a shared artifact whose resume resembles cores'.
 * Only applicants that already re-use something are compared, against the
 * cores: both sets are small. */
static void resemblance(struct mh_vet *v)
{
	uint32_t *core = mh_malloc((v->nrec ? v->nrec : 1) * sizeof(*core));
	size_t n = 0, i;

	for (i = 0; i < v->nrec; i++)
		if (v->rec[i].core && v->rec[i].has_sig)
			core[n++] = (uint32_t)i;
	cmp_v = v;
	qsort(core, n, sizeof(*core), cmp_component);
	for (i = 0; i < v->batch->n; i++) {
		struct mh_vet_rec *r = &v->rec[i];

		if (r->core || !r->has_sig || best_link(v, (uint32_t)i) < v->p.link_min)
			continue;
		resemble_one(v, i, core, n);
	}
	free(core);
}

/* Cores of distinct identities holding one value with an applicant. */
struct holders {
	uint32_t n;
	uint32_t of[MH_VET_MEMBER_OF];
};

/* Cores of other identities than applicant i holding the value at art[x]
 * (other surnames when it is an address: not a family's home). */
static void value_cores(const struct mh_vet *v, size_t i, size_t x, struct holders *c)
{
	size_t from = x, to, j;
	uint32_t m;

	while (from > 0 && v->art[from - 1].h == v->art[x].h)
		from--;
	to = from + v->art[from].n;
	for (j = from; j < to; j++) {
		uint32_t o = v->art[j].rec;

		if (o == i || !v->rec[o].core || same_name(v, i, o) ||
		    (v->art[x].kind == MH_VA_ADDRESS &&
		     !strcmp(v->rec[i].surname, v->rec[o].surname)))
			continue;
		for (m = 0; m < c->n && m < MH_VET_MEMBER_OF && !same_name(v, c->of[m], o); m++)
			;
		if (m < c->n && m < MH_VET_MEMBER_OF)
			continue;
		if (c->n < MH_VET_MEMBER_OF)
			c->of[c->n] = o;
		c->n++;
	}
}

/* Batch applicants holding a value of the operation: a specific value
 * (neither common nor a placeholder) that two or more cores hold and that no
 * holder but perhaps this applicant holds without sharing anything else. A
 * persona whose resume was rewritten but who uses the operation's mail drop
 * is a member, whatever its own resume. One core is not enough (a recycled
 * number, a roommate), nor is a value strangers also hold (a coworking
 * address). Members do not make others members: the rule does not chain. */
static void membership(struct mh_vet *v)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < v->batch->n; i++) {
		struct mh_vet_rec *r = &v->rec[i];

		if (r->core)
			continue;
		for (k = v->rart_off[i]; k < v->rart_off[i + 1]; k++) {
			const struct vet_art *x = &v->art[v->rart[k]];
			struct holders c = {0, {0}};

			if (x->common || x->n < 3 || x->unlinked > 1)
				continue;
			value_cores(v, i, v->rart[k], &c);
			if (c.n < 2)
				continue;
			r->member = 1;
			r->member_kinds |= 1u << x->kind;
			if (c.n > r->member_cores) {
				r->member_cores = c.n;
				memcpy(r->member_of, c.of, sizeof(r->member_of));
			}
		}
	}
}

static void flag_employees(struct mh_vet *v)
{
	size_t i;

	for (i = 0; i < v->nlink; i++) {
		const struct vet_link *l = &v->link[i];
		struct mh_vet_rec *a = &v->rec[l->a], *b = &v->rec[l->b];

		if (l->score < v->p.link_min)
			continue;
		if (b->type == MH_VR_EMPLOYEE && (a->core || a->resembles || a->member))
			b->flagged = b->linked = 1;
		if (a->type == MH_VR_EMPLOYEE && (b->core || b->resembles || b->member))
			a->flagged = a->linked = 1;
	}
}

void mh_vet_build_clusters(struct mh_vet *v)
{
	uint32_t *up = mh_malloc((v->nrec ? v->nrec : 1) * sizeof(*up));
	uint32_t *cid = mh_malloc((v->nrec ? v->nrec : 1) * sizeof(*cid));
	size_t *caps, i;

	for (i = 0; i < v->nrec; i++)
		up[i] = (uint32_t)i, cid[i] = 0;
	for (i = 0; i < v->nlink; i++)
		if (v->link[i].score >= v->p.link_min) {
			uint32_t a = find(up, v->link[i].a), b = find(up, v->link[i].b);

			if (a != b)
				up[a < b ? b : a] = a < b ? a : b;
		}
	/* number the components that have a batch applicant and a second record */
	for (i = 0; i < v->nlink; i++) {
		uint32_t root = find(up, v->link[i].a);

		if (v->link[i].score < v->p.link_min || cid[root])
			continue;
		v->cl = mh_realloc(v->cl, (v->ncl + 1) * sizeof(*v->cl));
		memset(&v->cl[v->ncl], 0, sizeof(v->cl[0]));
		cid[root] = (uint32_t)++v->ncl;
	}
	caps = mh_calloc(v->ncl + 1, sizeof(*caps));
	for (i = 0; i < v->nrec; i++) {
		uint32_t c = cid[find(up, (uint32_t)i)];

		if (!c)
			continue;
		v->rec[i].component = c;
		add_member(&v->cl[c - 1], &caps[c - 1], (uint32_t)i);
	}
	for (i = 0; i < v->nlink; i++) {
		const struct vet_link *l = &v->link[i];
		struct mh_vet_cluster *c;

		if (l->score < v->p.link_min)
			continue;
		c = &v->cl[v->rec[l->a].component - 1];
		c->kinds |=
		    (l->kinds & 0xffffu) | (l->kinds & (VK_RESUME | VK_OVERLAP) ? 1u << 31 : 0);
		if (l->score > c->strength)
			c->strength = l->score;
	}
	free(caps);
	free(cid);
	free(up);
	cores(v);
	membership(v);
	resemblance(v);
	flag_employees(v);
	for (i = 0; i < v->nrec; i++)
		if (v->rec[i].component &&
		    (v->rec[i].core || v->rec[i].resembles || v->rec[i].member))
			v->cl[v->rec[i].component - 1].confirmed = 1;
}
