/*
 * Threat-intel writer: plain lists, one indicator per line, '#' comments, a
 * "# label:" line naming the list. commercial-vpn.txt holds the /24 around
 * every VPN exit the simulation uses (ordinary privacy-VPN users hit it too);
 * dprk-it-workers.txt holds a few artifacts of the persona applicants and of
 * one exit an operative used, mixed with decoys that match nothing, as real
 * advisories do.
 */
#include <stdio.h>
#include <string.h>

#include "sim/wcommon.h"

int mh_sim_w_intel(const struct mh_sim *s, const char *dir, struct mh_err *err)
{
	struct mh_out o;
	char path[1024], line[160];
	uint32_t i;
	struct mh_rng r;

	snprintf(path, sizeof(path), "%s/commercial-vpn.txt", dir);
	if (mh_out_open(&o, path, err))
		return -1;
	MH_LIT(&o, "# label: commercial-vpn\n# exits of commercial VPN and hosting providers\n");
	for (i = 0; i < s->nvpn; i++) {
		const char *ip = s->vpn[i].ip;
		const char *dot = strrchr(ip, '.');

		if (!dot)
			continue;
		snprintf(line, sizeof(line), "%.*s.0/24\n", (int)(dot - ip), ip);
		mh_out_str(&o, line);
	}
	if (mh_out_close(&o, err))
		return -1;

	snprintf(path, sizeof(path), "%s/dprk-it-workers.txt", dir);
	if (mh_out_open(&o, path, err))
		return -1;
	mh_rng_derive(&r, s->opt.seed, 0x494eu, 0, 0);
	MH_LIT(&o, "# label: dprk-it-worker\n# indicators from public advisories (simulated)\n");
	for (i = 0; i < s->nap; i++) {
		const struct mh_sim_applicant *a = &s->ap[i];

		if (a->cluster == 0 && mh_rng_chance(&r, 0.5)) {
			mh_out_str(&o, a->email);
			mh_out_ch(&o, '\n');
		}
	}
	for (i = 0; i < s->np; i++)
		if (s->p[i].scen == MH_SC_SOLO && s->p[i].vpn[0] < s->nvpn) {
			mh_out_str(&o, s->vpn[s->p[i].vpn[0]].ip);
			mh_out_ch(&o, '\n');
		}
	for (i = 0; i < 6; i++) {
		snprintf(line, sizeof(line), "%s.%s%u@%s\n",
		         mh_sim_first_names[mh_rng_below(&r, mh_sim_nfirst)],
		         mh_sim_last_names[mh_rng_below(&r, mh_sim_nlast)], mh_rng_below(&r, 100),
		         mh_sim_free_mail[mh_rng_below(&r, mh_sim_nfree_mail)]);
		for (char *c = line; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		mh_out_str(&o, line);
		/* a decoy that belongs to nobody in the company or its applicants */
		do
			snprintf(line, sizeof(line), "+1 %u-555-01%02u",
			         200 + mh_rng_below(&r, 700), mh_rng_below(&r, 100));
		while (mh_sim_taken(s, line));
		mh_out_str(&o, line);
		MH_LIT(&o, "\n");
	}
	MH_LIT(&o, "192.0.2.254\n");
	return mh_out_close(&o, err);
}
