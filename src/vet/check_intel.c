/*
 * identity.intel: an applicant's e-mail (or its domain), phone, profile
 * domain, photo hash or payment wallet is in threat intel, or the interview
 * came from an address intel lists outside the anonymiser lists (those are
 * identity.inconsistency's). A listed artifact is strong evidence on its own:
 * advisories publish the e-mails and phones of known personas. A phone
 * alone weighs less (vet.intel_phone_points): carriers recycle numbers, and
 * an advisory's phone may belong to someone else a year later. Free-mail
 * domains are never matched as domains.
 */
#include <stdio.h>
#include <string.h>

#include "intel/intel.h"
#include "util/ip.h"
#include "vet/vet_int.h"

/* Intel labels of VPN, proxy and hosting lists. */
int mh_vet_anonymizer_label(const char *label)
{
	static const char *const words[] = {"vpn",   "datacenter", "hosting",
	                                    "proxy", "tor",        "anonym"};
	size_t i;

	for (i = 0; label && i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(label, words[i]))
			return 1;
	return 0;
}

static int match_art(const struct mh_vet *v, const struct mh_vet_art *a, struct mh_intel_hit *hit)
{
	const char *at, *host;

	switch (a->kind) {
	case MH_VA_EMAIL:
		if (mh_intel_match(v->intel, MH_IOC_EMAIL, a->raw, strlen(a->raw), hit) ||
		    mh_intel_match(v->intel, MH_IOC_EMAIL, a->value, strlen(a->value), hit))
			return 1;
		at = strchr(a->value, '@');
		return at && !mh_vet_free_mail(v, at + 1) &&
		       mh_intel_match(v->intel, MH_IOC_DOMAIN, at + 1, strlen(at + 1), hit);
	case MH_VA_PHONE:
		return mh_intel_match(v->intel, MH_IOC_PHONE, a->value, strlen(a->value), hit);
	case MH_VA_URL:
		if (strncmp(a->value, "web:", 4))
			return 0;
		host = a->value + 4;
		return mh_intel_match(v->intel, MH_IOC_DOMAIN, host, strcspn(host, "/"), hit);
	case MH_VA_PHOTO:
		return mh_intel_match(v->intel, MH_IOC_HASH, a->value, strlen(a->value), hit);
	case MH_VA_PAYROLL:
		return mh_intel_match(v->intel, MH_IOC_WALLET, a->raw, strlen(a->raw), hit);
	default:
		return 0;
	}
}

void mh_vet_check_intel(struct mh_vet *v, size_t i)
{
	const struct mh_applicant *a = &v->batch->v[i];
	struct mh_vet_finding *f = NULL;
	struct mh_intel_hit hit;
	struct mh_ip ip;
	size_t k, n = 0;
	double pts = 0;
	char text[160];

	if (!v->intel)
		return;
	for (k = 0; k < a->narts; k++) {
		if (!match_art(v, &a->arts[k], &hit))
			continue;
		if (!f)
			f = mh_vet_finding_add(&v->res[i], "identity.intel", 0);
		if (a->arts[k].kind == MH_VA_PHONE) {
			if (pts < v->p.intel_phone_points)
				pts = v->p.intel_phone_points;
		} else {
			pts = v->p.intel_points;
		}
		snprintf(text, sizeof(text), "%s (intel: %s)", a->arts[k].raw, hit.label);
		mh_vet_ev_add(f, mh_vet_kind_names[a->arts[k].kind], text);
		n++;
	}
	if (a->interview_ip && !mh_ip_parse(a->interview_ip, strlen(a->interview_ip), &ip) &&
	    mh_intel_match_ip(v->intel, &ip, &hit) && !mh_vet_anonymizer_label(hit.label)) {
		if (!f)
			f = mh_vet_finding_add(&v->res[i], "identity.intel", 0);
		pts = v->p.intel_points;
		snprintf(text, sizeof(text), "interview from %s (intel: %s)", a->interview_ip,
		         hit.label);
		mh_vet_ev_add(f, "ip", text);
		n++;
	}
	if (!f)
		return;
	f->points = pts;
	v->rec[i].intel = pts >= v->p.threshold;
	snprintf(f->summary, sizeof(f->summary), "%zu artifact%s in threat intel: %s", n,
	         n == 1 ? "" : "s", f->ev[0].value);
}
