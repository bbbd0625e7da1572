/*
 * signin.anonymizer — sign-ins through commercial VPN, proxy or hosting
 * networks, weighed by how much of a person's signing in goes through them.
 *
 * What it catches: a worker who hides where they are signs in through a VPN
 * or a rented server nearly every day. The scan flags a sign-in when its IP
 * is on an intel list or Okta says securityContext.isProxy; the state counts
 * sign-ins and flagged sign-ins per day (struct mh_day), and finish reads
 * those: the fraction of sign-ins flagged and the number of days with one.
 *
 * Evidence: the first flagged sign-ins (source lines, kept per roster person
 * while scanning) and the distinct anonymizer addresses among the person's
 * IP artifacts (first sighting line each, when intel is loaded).
 *
 * Thresholds: ordinary staff use a privacy VPN now and then, so one hit, or
 * a few, must stay near zero. Nothing is reported below `min_signins`
 * sign-ins, `min_days` flagged days or a `min_fraction` of 20 %; points then
 * grow with the fraction (full at `full_fraction`, 80 %) and with the number
 * of flagged days (full at `full_days`, 10), from a quarter of the points at
 * the threshold. A person who always signs in through a VPN still only gets
 * this detector's points (cap 25): it takes a second family to rank high.
 *
 * Benign look-alikes: privacy-VPN users (low fraction, few days), travellers
 * on hotel networks in hosting ranges (few days), everybody behind a
 * corporate VPN concentrator that sits in a hosting range (remove the
 * concentrator from the lists or keep it out of the intel directory: the
 * per-day counts cannot tell it apart here).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detector.h"
#include "detect/dutil.h"
#include "intel/intel.h"
#include "util/ip.h"
#include "util/xalloc.h"

#define ID      "signin.anonymizer"
#define KEEP_EV 3 /* flagged sign-ins kept per person as evidence */

extern const struct mh_detector mh_det_signin_anonymizer;

static const struct mh_param params[] = {
    {"min_signins", MH_P_NUM, 10, 1, 1e6, "sign-ins a person needs before being judged"},
    {"min_days", MH_P_NUM, 3, 1, 400, "days with a flagged sign-in before reporting"},
    {"min_fraction", MH_P_NUM, 0.2, 0, 1, "fraction of sign-ins flagged before reporting"},
    {"full_fraction", MH_P_NUM, 0.8, 0.01, 1, "fraction that earns the full points"},
    {"full_days", MH_P_NUM, 10, 1, 400, "flagged days that earn the full points"},
    {NULL, 0, 0, 0, 0, NULL},
};

struct hit {
	uint32_t file_id;
	uint64_t line;
	int64_t ts;
	char what[40]; /* "vpn 198.51.100.7" or "isProxy 203.0.113.9" */
};

struct pev {
	struct hit h[KEEP_EV];
	uint8_t n;
};

struct ctx {
	double points, min_signins, min_days, min_frac, full_frac, full_days;
	struct pev *p; /* by roster index, allocated on first use */
	size_t np;
};

static int init(void **vctx, const struct mh_config *cfg, struct mh_err *err)
{
	struct ctx *c = mh_calloc(1, sizeof(*c));

	c->points = mh_detector_points(&mh_det_signin_anonymizer, cfg);
	c->min_signins = mh_config_dnum(cfg, ID, "min_signins", 10);
	c->min_days = mh_config_dnum(cfg, ID, "min_days", 3);
	c->min_frac = mh_config_dnum(cfg, ID, "min_fraction", 0.2);
	c->full_frac = mh_config_dnum(cfg, ID, "full_fraction", 0.8);
	c->full_days = mh_config_dnum(cfg, ID, "full_days", 10);
	*vctx = c;
	return 0;
}

/* Keep the earliest KEEP_EV hits (by time) of a person. */
static void keep(struct pev *pe, const struct hit *h)
{
	int i = pe->n < KEEP_EV ? pe->n++ : KEEP_EV;

	if (i == KEEP_EV) {
		if (h->ts >= pe->h[KEEP_EV - 1].ts)
			return;
		i = KEEP_EV - 1;
	}
	while (i > 0 && pe->h[i - 1].ts > h->ts) {
		pe->h[i] = pe->h[i - 1];
		i--;
	}
	pe->h[i] = *h;
}

static void on_event(void *vctx, const struct mh_event *ev, struct mh_state *st, uint32_t person,
                     struct mh_findings *out)
{
	struct ctx *c = vctx;
	uint32_t r;
	struct hit h;
	char ip[48];

	if (ev->kind != MH_EV_SIGNIN || (!ev->ip_intel && ev->is_proxy != 1))
		return;
	r = st->ps[person].roster;
	if (r == MH_NOBODY || !st->people || !st->people->roster || r >= st->people->roster->n)
		return;
	if (!c->p) {
		c->np = st->people->roster->n;
		c->p = mh_calloc(c->np, sizeof(*c->p));
	}
	h.file_id = ev->file_id;
	h.line = ev->line;
	h.ts = ev->ts_ms;
	mh_ip_format(&ev->ip, ip, sizeof(ip));
	snprintf(h.what, sizeof(h.what), "%s %s", ev->ip_intel ? ev->ip_intel : "isProxy",
	         ev->ip.family ? ip : "");
	keep(&c->p[r], &h);
}

static void merge(void *vinto, void *vfrom)
{
	struct ctx *into = vinto, *from = vfrom;
	size_t i;
	int j;

	if (!from->p)
		return;
	if (!into->p) {
		into->np = from->np;
		into->p = mh_calloc(into->np, sizeof(*into->p));
	}
	for (i = 0; i < from->np && i < into->np; i++)
		for (j = 0; j < from->p[i].n; j++)
			keep(&into->p[i], &from->p[i].h[j]);
}

struct tally {
	uint32_t signins, flagged, days, fdays;
	int32_t first_day, last_day;
};

static void count_days(const struct mh_pstate *ps, struct tally *t)
{
	uint32_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < ps->ndays; i++) {
		const struct mh_aday *d = &ps->days[i];

		t->signins += d->signins;
		t->flagged += d->signin_flagged;
		t->days += d->signins > 0;
		if (d->signin_flagged) {
			if (!t->fdays++)
				t->first_day = d->day;
			t->last_day = d->day;
		}
	}
}

/* Anonymizer addresses among the person's IP artifacts, as evidence. */
static int anon_ips(const struct mh_world *w, const struct mh_pstate *ps, struct mh_finding *fd)
{
	uint32_t i;
	int n = 0;

	for (i = 0; w->intel && i < ps->narts; i++) {
		const struct mh_art *a = &ps->arts[i];
		struct mh_intel_hit hit;
		struct mh_ip ip;

		char text[MH_ART_TEXT_MAX];

		if (mh_art_ip(w->st, a, &ip) || !mh_intel_match_ip(w->intel, &ip, &hit) ||
		    !mh_dutil_label_anonymizer(hit.label))
			continue;
		if (n++ < MH_EVIDENCE_MAX / 2)
			mh_finding_evidence(fd, a->file_id, a->line, a->first_ms,
			                    "%s (%s list): %u events",
			                    mh_art_text(w->st, a, text, sizeof(text)), hit.label,
			                    (unsigned)a->count);
	}
	return n;
}

static void report(struct ctx *c, const struct mh_world *w, uint32_t p, const struct tally *t,
                   double pts, struct mh_findings *out)
{
	const struct mh_pstate *ps = &w->st->ps[p];
	int64_t first = (int64_t)t->first_day * 86400000, last = (int64_t)t->last_day * 86400000;
	struct mh_finding *fd;
	char d0[11], d1[11], extra[40] = "";
	int isnew, j, nip;

	fd = mh_findings_upsert(out, ID, p, "fraction", MH_ORIGIN_FINISH, first, &isnew);
	fd->first_ms = first;
	fd->last_ms = last;
	fd->count = t->flagged;
	fd->points = pts;
	fd->nev = 0;
	if (ps->roster < c->np && c->p)
		for (j = 0; j < c->p[ps->roster].n; j++) {
			const struct hit *h = &c->p[ps->roster].h[j];

			mh_finding_evidence(fd, h->file_id, h->line, h->ts, "flagged sign-in: %s",
			                    h->what);
		}
	nip = anon_ips(w, ps, fd);
	mh_dutil_date_day(t->first_day, d0);
	mh_dutil_date_day(t->last_day, d1);
	if (nip)
		snprintf(extra, sizeof(extra), "; %d such address%s", nip, nip == 1 ? "" : "es");
	snprintf(fd->summary, sizeof(fd->summary),
	         "%u of %u sign-ins (%.0f %%) through VPN/proxy/hosting networks on %u of %u days "
	         "(%s..%s)%s",
	         t->flagged, t->signins, 100.0 * t->flagged / t->signins, t->fdays, t->days, d0, d1,
	         extra);
}

static void finish(void *vctx, const struct mh_world *w, struct mh_findings *out)
{
	struct ctx *c = vctx;
	size_t p;

	for (p = 0; p < w->st->n; p++) {
		struct tally t;
		double frac, wf, wd, pts;

		count_days(&w->st->ps[p], &t);
		if (t.signins < c->min_signins || t.fdays < c->min_days)
			continue;
		frac = (double)t.flagged / t.signins;
		if (frac < c->min_frac)
			continue;
		wf = c->full_frac > c->min_frac
		         ? mh_dutil_unit((frac - c->min_frac) / (c->full_frac - c->min_frac))
		         : 1;
		wd = mh_dutil_unit((t.fdays - c->min_days) / (c->full_days - c->min_days + 1e-9));
		pts = c->points * (0.25 + 0.75 * wf) * (0.5 + 0.5 * wd);
		report(c, w, (uint32_t)p, &t, pts, out);
	}
}

static void cfree(void *vctx)
{
	struct ctx *c = vctx;

	free(c->p);
	free(c);
}

const struct mh_detector mh_det_signin_anonymizer = {
    .id = ID,
    .family = "signin",
    .summary = "sign-ins through VPN, proxy or hosting networks, by fraction and days",
    .technique = "T1090.003",
    .points = 25,
    .cap = 25,
    .params = params,
    .init = init,
    .on_event = on_event,
    .merge = merge,
    .finish = finish,
    .free = cfree,
};
