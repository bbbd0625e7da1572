/*
 * signin.intel — activity from IP addresses or networks in threat intel.
 *
 * What it catches: a person whose events came from an address that an intel
 * list that is threat intel proper names: a DPRK-infrastructure list, a STIX
 * indicator, a list of known facilitator or laptop-farm addresses. The
 * generic anonymizer lists (x4bnet "vpn" and "datacenter", commercial-VPN,
 * proxy and Tor lists; see mh_dutil_label_anonymizer) are
 * signin.anonymizer's business and ignored here.
 *
 * How: finish matches every IP artifact of every person (the state keeps
 * each address a person used with its count, first/last seen and first
 * source line) against the loaded intel, so findings follow the stored
 * state across re-scans. One finding per (person, list label).
 *
 * Points: a curated indicator that names an address only its subject uses is
 * strong on its own (35, cap 60: two lists can add up; a flood of one list
 * cannot reach the top without another family). Advisories also list the
 * commercial VPN exits operatives used, and ordinary privacy-VPN users share
 * those exits: an indicator that sits inside a VPN/hosting network (a
 * neighbouring address in the same /24, or /120 for IPv6, matches an
 * anonymizer list) is worth only `shared_share` (a quarter) of the points.
 *
 * Benign look-alikes: privacy-VPN users on an exit an advisory listed
 * (weighed down as above); an employee on a hotel or conference network that
 * some list once named (stale intel). The evidence names the list and the
 * address so an analyst can judge it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "intel/intel.h"
#include "util/ip.h"
#include "util/xalloc.h"

#define ID "signin.intel"

extern const struct mh_detector mh_det_signin_intel;

static const struct mh_param params[] = {
    {"shared_share", MH_P_NUM, 0.25, 0, 1,
     "share of the points for an indicator inside a VPN/hosting network"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, shared_share;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->shared_share = mh_config_dnum(cfg, ID, "shared_share", 0.25);
	c->points = mh_detector_points(&mh_det_signin_intel, cfg);
	*vctx = c;
	return 0;
}

static void report(struct ctx *c, const struct mh_world *w, uint32_t p, const struct mh_art *a,
                   const char *label, int shared, struct mh_findings *out)
{
	double pts = shared ? c->points * c->shared_share : c->points;
	struct mh_finding *fd;
	char key[96], d0[11], d1[11], text[MH_ART_TEXT_MAX];
	int isnew;

	snprintf(key, sizeof(key), "list:%s", label);
	fd = mh_findings_upsert(out, ID, p, key, MH_ORIGIN_FINISH, a->first_ms, &isnew);
	if (a->last_ms > fd->last_ms)
		fd->last_ms = a->last_ms;
	fd->count = (isnew ? 0 : fd->count - 1) + a->count; /* upsert counted one */
	if (pts > fd->points)
		fd->points = pts;
	mh_dutil_date_ms(a->first_ms, d0);
	mh_dutil_date_ms(a->last_ms, d1);
	mh_finding_evidence(fd, a->file_id, a->line, a->first_ms, "%s: %u %s events %s..%s%s",
	                    mh_art_text(w->st, a, text, sizeof(text)), (unsigned)a->count,
	                    mh_source_name(a->src), d0, d1,
	                    shared ? " (inside a VPN/hosting network)" : "");
	snprintf(fd->summary, sizeof(fd->summary),
	         "%u event%s from %d address%s on threat-intel list '%.40s'%s", fd->count,
	         fd->count == 1 ? "" : "s", fd->nev, fd->nev == 1 ? "" : "es", label,
	         fd->points < c->points ? ", a VPN/hosting exit others use too" : "");
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	size_t p;
	uint32_t i;

	if (!w->intel)
		return;
	for (p = 0; p < w->st->n; p++) {
		const struct mh_pstate *ps = &w->st->ps[p];

		for (i = 0; i < ps->narts; i++) {
			const struct mh_art *a = &ps->arts[i];
			struct mh_intel_hit hit;
			struct mh_ip ip;

			if (mh_art_ip(w->st, a, &ip) || !mh_intel_match_ip(w->intel, &ip, &hit) ||
			    mh_dutil_label_anonymizer(hit.label))
				continue;
			report(c, w, (uint32_t)p, a, hit.label,
			       mh_dutil_ip_in_anonymizer_net(w->intel, &ip), out);
		}
	}
}

static void cfree(void *vctx)
{
	free(vctx);
}

const struct mh_detector mh_det_signin_intel = {
    .id = ID,
    .family = "signin",
    .summary = "activity from IP addresses in threat intel (other than generic VPN/hosting lists)",
    .technique = "T1078",
    .points = 35,
    .cap = 60,
    .params = params,
    .init = init,
    .finish = finish,
    .free = cfree,
};
