/*
 * Commercial VPN and hosting exits. Real exit networks come from the x4bnet
 * lists (../shared/data/x4bnet/output/{vpn,datacenter}/ipv4.txt) when the
 * directory is given and readable: VPN brands take addresses from the VPN list,
 * rented hosting from the datacenter list. These are infrastructure ranges,
 * safe to print. Without the lists, exits come from 192.0.2.220-251 and the
 * run records vpn_source "built-in" in truth.json. Either way every provider
 * gets three exits in exit cities, chosen by the seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

#define EXITS_PER_PROVIDER 3
#define MAX_LIST_LINES     200000u

struct cidr_list {
	uint32_t *base;
	uint8_t *len;
	size_t n, cap, cap2;
};

static int parse_cidr(const char *s, uint32_t *base, uint8_t *len)
{
	unsigned a, b, c, d, l;
	char tail;

	if (sscanf(s, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &l, &tail) != 5)
		return -1;
	if (a > 255 || b > 255 || c > 255 || d > 255 || l < 8 || l > 30)
		return -1;
	*base = (a << 24) | (b << 16) | (c << 8) | d;
	*len = (uint8_t)l;
	return 0;
}

static void list_load(struct cidr_list *cl, const char *dir, const char *sub)
{
	char path[1024], line[128];
	FILE *f;

	memset(cl, 0, sizeof(*cl));
	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s/ipv4.txt", dir, sub);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && cl->n < MAX_LIST_LINES) {
		uint32_t base;
		uint8_t len;

		line[strcspn(line, "\r\n")] = '\0';
		if (parse_cidr(line, &base, &len))
			continue;
		cl->base = mh_grow(cl->base, &cl->cap, cl->n + 1, sizeof(*cl->base));
		cl->len = mh_grow(cl->len, &cl->cap2, cl->n + 1, sizeof(*cl->len));
		cl->base[cl->n] = base;
		cl->len[cl->n++] = len;
	}
	fclose(f);
}

static void pick_from(const struct cidr_list *cl, struct mh_rng *r, char *dst, size_t cap)
{
	size_t i = mh_rng_below(r, (uint32_t)cl->n);
	uint32_t hostbits = 32u - cl->len[i];
	uint32_t span = hostbits >= 8 ? 254u : (1u << hostbits) - 2u;
	uint32_t sub = hostbits > 8 ? mh_rng_below(r, 1u << (hostbits - 8)) << 8 : 0;
	uint32_t ip = cl->base[i] + sub + 1u + mh_rng_below(r, span ? span : 1);

	snprintf(dst, cap, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255u, (ip >> 8) & 255u, ip & 255u);
}

static uint8_t exit_city(struct mh_rng *r)
{
	for (;;) {
		unsigned c = mh_rng_below(r, mh_sim_ncities);

		if (mh_sim_cities[c].use & MH_CITY_EXIT)
			return (uint8_t)c;
	}
}

void mh_sim_vpn_load(struct mh_sim *s)
{
	struct cidr_list vpn, dc;
	struct mh_rng r;
	unsigned pv, k, builtin = 0;

	list_load(&vpn, s->opt.vpn_dir, "vpn");
	list_load(&dc, s->opt.vpn_dir, "datacenter");
	s->vpn_source = vpn.n && dc.n ? "x4bnet" : "built-in";
	mh_rng_derive(&r, s->opt.seed, 0x56504eu, 0, 0);
	s->vpn = mh_calloc(mh_sim_nvpns * EXITS_PER_PROVIDER, sizeof(*s->vpn));
	for (pv = 0; pv < mh_sim_nvpns; pv++) {
		const struct mh_sim_vpn *v = &mh_sim_vpns[pv];

		for (k = 0; k < EXITS_PER_PROVIDER; k++) {
			struct mh_sim_vpn_exit *x = &s->vpn[s->nvpn];
			const struct cidr_list *cl = v->hosting ? &dc : &vpn;

			if (vpn.n && dc.n)
				pick_from(cl, &r, x->ip, sizeof(x->ip));
			else
				snprintf(x->ip, sizeof(x->ip), "192.0.2.%u", 220 + builtin++);
			x->provider = (uint8_t)pv;
			x->city = exit_city(&r);
			x->egress = mh_sim_egress_new(s, MH_EG_VPN, x->ip, 0, x->city, v->asn,
			                              v->org, v->isp, v->domain);
			s->eg[x->egress].proxy = mh_rng_below(&r, 100) < v->proxy_rate;
			s->nvpn++;
		}
	}
	free(vpn.base);
	free(vpn.len);
	free(dc.base);
	free(dc.len);
}
