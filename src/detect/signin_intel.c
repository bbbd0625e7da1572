/*
 * signin.intel — activity from IP addresses or networks in threat intel.
 *
 * What it catches: any event whose client IP the scan labelled from an intel
 * list that is threat intel proper: a DPRK-infrastructure list, a STIX
 * indicator, a list of known facilitator or laptop-farm addresses. The
 * generic anonymizer lists (x4bnet "vpn" and "datacenter", proxy and Tor
 * lists; see mh_dutil_label_anonymizer) are signin.anonymizer's business and
 * ignored here: a commercial VPN exit says little about who is behind it.
 *
 * Evidence: one finding per (person, list label), holding the first events
 * from distinct addresses (source line, action, address), its count and
 * first/last time. Findings come from single events (origin event), so they
 * survive re-scans and merge across threads.
 *
 * Points: a curated indicator names infrastructure an adversary used, so a
 * hit is strong on its own (35, cap 60: two lists can add up, a flood of one
 * list cannot reach the top without another family). Failed sign-ins only
 * weigh `failure_share` of that: a password-spraying host in the list
 * proves nothing about the account holder, yet it is worth a look.
 *
 * Benign look-alikes: an employee on a hotel or conference network that some
 * list once named (stale intel); a shared cloud address reused by the
 * list's subject. Lists age; intel is not weighed higher than this for that
 * reason, and the evidence names the list so an analyst can judge it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "util/ip.h"
#include "util/xalloc.h"

#define ID "signin.intel"

extern const struct mh_detector mh_det_signin_intel;

static const struct mh_param params[] = {
    {"failure_share", MH_P_NUM, 0.4, 0, 1,
     "share of the points a finding of failed sign-ins only is worth"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct ctx {
	double points, failure_share;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->failure_share = mh_config_dnum(cfg, ID, "failure_share", 0.4);
	c->points = mh_detector_points(&mh_det_signin_intel, cfg);
	*vctx = c;
	return 0;
}

/* Is this address already among the finding's evidence? */
static int has_ip(const struct mh_finding *fd, const char *ip)
{
	int i;

	for (i = 0; i < fd->nev; i++)
		if (strstr(fd->ev[i].text, ip))
			return 1;
	return 0;
}

static void on_event(void *vctx, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                     struct mh_findings *out)
{
	struct ctx *c = vctx;
	struct mh_finding *fd;
	char key[96], ip[64];
	double pts;
	int isnew;

	if (!ev->ip_intel || mh_dutil_label_anonymizer(ev->ip_intel))
		return;
	snprintf(key, sizeof(key), "list:%s", ev->ip_intel);
	fd = mh_findings_upsert(out, ID, person, key, MH_ORIGIN_EVENT, ev->ts_ms, &isnew);
	pts = ev->outcome == MH_OUT_FAILURE ? c->points * c->failure_share : c->points;
	if (pts > fd->points)
		fd->points = pts;
	mh_ip_format(&ev->ip, ip, sizeof(ip));
	if (isnew || (fd->nev < MH_EVIDENCE_MAX && !has_ip(fd, ip)))
		mh_finding_evidence(fd, ev->file_id, ev->line, ev->ts_ms, "%s %.*s%s from %s %.*s",
		                    mh_source_name(ev->src),
		                    (int)(ev->action.n > 60 ? 60 : ev->action.n),
		                    ev->action.n ? ev->action.p : "",
		                    ev->outcome == MH_OUT_FAILURE ? " (failed)" : "", ip,
		                    (int)(ev->country.n > 30 ? 30 : ev->country.n),
		                    ev->country.n ? ev->country.p : "");
	snprintf(fd->summary, sizeof(fd->summary),
	         "%u event%s from addresses on threat-intel list '%.40s' (%d address%s shown)",
	         fd->count, fd->count == 1 ? "" : "s", ev->ip_intel, fd->nev,
	         fd->nev == 1 ? "" : "es");
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
    .on_event = on_event,
    .free = cfree,
};
