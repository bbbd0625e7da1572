/*
 * identity.inconsistency: what the applicant claims does not fit what is
 * seen. Each part is small on its own (people travel, use privacy VPNs,
 * study abroad, give a friend's Gmail as a reference, ship to an office);
 * together they describe a remote persona:
 *  - the interview IP is on a VPN, proxy or hosting network (intel lists
 *    labelled so), or geolocates (--mmdb) to another country than the
 *    claimed home;
 *  - a US home address with education only outside the US;
 *  - every reference on a free-mail domain;
 *  - a ship-to address that differs from the home address;
 *  - a resume that claims a technology at a job that ended before it
 *    existed (vet/anachronism.c).
 * The sum is capped (vet.inconsistency.cap).
 */
#include <stdio.h>
#include <string.h>

#include "intel/geo.h"
#include "intel/intel.h"
#include "util/ip.h"
#include "vet/anachronism.h"
#include "vet/vet_int.h"

struct acc {
	struct mh_vet *v;
	size_t i;
	struct mh_vet_finding *f;
	double pts;
};

static void part(struct acc *c, double pts, const char *artifact, const char *text)
{
	if (pts <= 0)
		return;
	if (!c->f)
		c->f = mh_vet_finding_add(&c->v->res[c->i], "identity.inconsistency", 0);
	if (!c->f)
		return;
	c->pts += pts;
	mh_vet_ev_add(c->f, artifact, text);
}

static void interview(struct acc *c, const struct mh_applicant *a)
{
	struct mh_intel_hit hit;
	struct mh_geo_rec g;
	struct mh_ip ip;
	char text[160];

	if (!a->interview_ip || mh_ip_parse(a->interview_ip, strlen(a->interview_ip), &ip))
		return;
	if (c->v->intel && mh_intel_match_ip(c->v->intel, &ip, &hit) &&
	    mh_vet_anonymizer_label(hit.label)) {
		snprintf(text, sizeof(text), "interview from %s on %s", a->interview_ip, hit.label);
		part(c, c->v->p.inc_vpn, "ip", text);
	}
	if (c->v->geo && a->home_cc[0] && mh_geo_lookup(c->v->geo, &ip, &g) && g.country[0] &&
	    strcmp(g.country, a->home_cc)) {
		snprintf(text, sizeof(text), "interview from %s in %s, home claimed in %s",
		         a->interview_ip, g.country, a->home_cc);
		part(c, c->v->p.inc_geo, "ip", text);
	}
}

static void education(struct acc *c, const struct mh_applicant *a)
{
	char text[160];
	size_t k;

	if (strcmp(a->home_cc, "US") || !a->nedu)
		return;
	for (k = 0; k < a->nedu; k++)
		if (!strcmp(a->edu_cc[k], "US"))
			return;
	snprintf(text, sizeof(text), "US address, education only abroad (%s)", a->edu_cc[0]);
	part(c, c->v->p.inc_edu, "education", text);
}

static void references(struct acc *c, const struct mh_applicant *a)
{
	char text[160];
	size_t k;

	if (!a->nrefs)
		return;
	for (k = 0; k < a->nrefs; k++) {
		const char *at = strchr(a->refs[k], '@');

		if (!at || !mh_vet_free_mail(c->v, at + 1))
			return;
	}
	snprintf(text, sizeof(text), "all %zu reference%s on free-mail (%s)", a->nrefs,
	         a->nrefs == 1 ? "" : "s", a->refs[0]);
	part(c, c->v->p.inc_refs, "references", text);
}

static void resume(struct acc *c, const struct mh_applicant *a)
{
	struct mh_anachronism an;
	char text[160];

	if (!a->resume || mh_anachronism_find(a->resume, strlen(a->resume), &an) != 1)
		return;
	snprintf(text, sizeof(text),
	         "resume claims %s (first released %d) at a job that ended in %d%s", an.tech,
	         an.released, an.job_end, an.count > 1 ? ", and more such claims" : "");
	part(c, c->v->p.inc_tech, "resume", text);
}

void mh_vet_check_inconsistency(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	struct acc c = {v, i, NULL, 0};
	size_t o = 0, k;

	interview(&c, a);
	education(&c, a);
	references(&c, a);
	resume(&c, a);
	if (a->ship && a->home && strcmp(a->ship, a->home))
		part(&c, v->p.inc_ship, "address", "ship-to address differs from home address");
	if (!c.f)
		return;
	c.f->points = c.pts > v->p.inc_cap ? v->p.inc_cap : c.pts;
	for (k = 0; k < c.f->nev && o < sizeof(c.f->summary); k++)
		o += (size_t)snprintf(c.f->summary + o, sizeof(c.f->summary) - o, "%s%s",
		                      k ? "; " : "", c.f->ev[k].value);
}
