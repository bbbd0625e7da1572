/*
 * identity.consortium — an employee's identity artifacts hash, under the
 * consortium key, to hashes a peer company shared for a person it flagged
 * (docs/SHARE.md).
 *
 * What it catches: one operator holding jobs at several companies. Personas
 * re-use the phone the handler answers, the account the pay goes to, the
 * mailbox and the laptop-farm address; a peer that caught one persona
 * shares those as keyed hashes, and our roster holds the same values.
 *
 * How: finish matches every roster entry's canonical artifacts (the vetting
 * normalisers, vet/employee.h) against the peer hashes the scan loaded
 * (share/roster.h), and reports, per peer, the peer person matching best.
 * Points are those vetting gives the same match (share/match.h): the
 * matched kinds' vet.weight.* plus share.peer_bonus, capped at 100, scaled
 * by points/80 (80 is one payment account). A payment account or mailbox
 * alone (80, 75) puts the person above risk.flagged_threshold on its own;
 * a phone alone (40, no bonus: numbers are recycled) or an address alone
 * (25: roommates, families) ranks the person without flagging them, until
 * another kind of the same peer person or another family corroborates.
 *
 * Benign look-alikes: a recycled phone number (the peer's flag month says
 * how old the match is), a family member or flatmate of a flagged person
 * (address), values shared by many of our own employees (more than
 * max_people: an office, a switchboard), which are never matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "detect/detector.h"
#include "share/match.h"
#include "share/roster.h"
#include "util/xalloc.h"
#include "vet/applicant.h"

#define ID "identity.consortium"

extern const struct mh_detector mh_det_identity_consortium;

static const struct mh_param params[] = {
    {"max_people", MH_P_NUM, 10, 2, 100000,
     "a value more of our employees hold is common and never matched"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double scale;
	uint32_t max_people;
};

struct run {
	const struct ctx *c;
	const struct mh_world *w;
	struct mh_findings *out;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	(void)err;
	c->scale = mh_detector_points(&mh_det_identity_consortium, cfg) / 80.0;
	c->max_people = (uint32_t)mh_config_dnum(cfg, ID, "max_people", 10);
	*vctx = c;
	return 0;
}

static void report(struct run *x, uint32_t p, const struct mh_roster_entry *e,
                   const struct mh_vet_emp_arts *ea, const struct mh_share_hit *h)
{
	struct mh_finding *fd;
	char what[64];
	size_t k;
	int isnew;

	fd = mh_findings_upsert(x->out, ID, p, h->peer, MH_ORIGIN_FINISH, x->w->now_ms, &isnew);
	if (!isnew && fd->points >= h->points * x->c->scale)
		return; /* a stronger person of this peer was reported */
	fd->points = h->points * x->c->scale;
	fd->nev = 0;
	mh_share_kinds_text(h->kinds, what, sizeof(what));
	snprintf(fd->summary, sizeof(fd->summary), "%s match%s an %s peer %s flagged (%s, %s)",
	         what, __builtin_popcount(h->kinds) == 1 ? "es" : "",
	         mh_share_reason_names[h->reason], h->peer, mh_share_category_names[h->category],
	         h->flagged);
	for (k = 0; k < ea->n; k++)
		if (h->arts & (1u << k))
			mh_finding_evidence(fd, 0, e->line, 0,
			                    "roster %s: %s = %.60s matches peer %s", e->employee_id,
			                    ea->v[k].column, ea->v[k].raw, h->peer);
}

/* The state person of roster index r (roster people come first). */
static uint32_t person_of(const struct mh_world *w, uint32_t r)
{
	return r < w->st->n && w->st->ps[r].roster == r ? r : MH_NOBODY;
}

static void on_emp(void *arg, uint32_t r, const struct mh_vet_emp_arts *ea,
                   const struct mh_share_hit *hits, size_t n)
{
	struct run *x = arg;
	uint32_t p = person_of(x->w, r);
	size_t i;

	if (p == MH_NOBODY)
		return;
	for (i = 0; i < n; i++)
		report(x, p, &x->w->roster->v[r], ea, &hits[i]);
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct run x = {vctx, w, out};

	mh_share_match_roster(w->share, w->cfg, w->roster, x.c->max_people, on_emp, &x);
}

static void cfree(void *vctx)
{
	free(vctx);
}

const struct mh_detector mh_det_identity_consortium = {
    .id = ID,
    .family = "identity",
    .summary = "employee artifacts matching a peer company's flagged person (molehunt share)",
    .technique = NULL,
    .points = 80,
    .cap = 100,
    .params = params,
    .init = init,
    .finish = finish,
    .free = cfree,
};
