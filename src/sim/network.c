/*
 * The simulated internet: offices behind NAT, a corporate VPN concentrator,
 * coffee shops and hotels, residential leases that churn, carrier NAT shared
 * by strangers, and commercial VPN / hosting exits.
 *
 * Addresses are only ever from ranges that are safe to print: IPv4 from the
 * documentation ranges (192.0.2/24 for offices, public Wi-Fi and built-in VPN
 * exits; 198.51.100/24 and 203.0.113/24 for homes and carriers), IPv6 homes
 * from 2001:db8::/32, and real VPN / hosting exits from the x4bnet lists when
 * they are present. The IPv4 home pool is small (477 addresses), so a lease is
 * unique while it lasts and households spill over to IPv6 when it is full,
 * which is how big companies look anyway (dual stack at home).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "util/xalloc.h"

#define V4_SLOTS      477u
#define CARRIER_FIRST 224u
#define CARRIER_N     31u

uint32_t mh_sim_egress_new(struct mh_sim *s, uint8_t kind, const char *ip, uint8_t v6, uint8_t city,
                           uint32_t asn, const char *org, const char *isp, const char *domain)
{
	struct mh_sim_egress *e;

	s->eg = mh_grow(s->eg, &s->capeg, s->neg + 1, sizeof(*s->eg));
	e = &s->eg[s->neg];
	memset(e, 0, sizeof(*e));
	snprintf(e->ip, sizeof(e->ip), "%s", ip);
	e->kind = kind;
	e->v6 = v6;
	e->city = city;
	e->asn = asn;
	e->org = org;
	e->isp = isp;
	e->domain = domain;
	return s->neg++;
}

static void v4_slot_text(uint32_t slot, char *dst, size_t cap)
{
	if (slot < 254)
		snprintf(dst, cap, "198.51.100.%u", slot + 1);
	else
		snprintf(dst, cap, "203.0.113.%u", slot - 254 + 1);
}

/* A home ISP of the city's country, by weight. */
static uint8_t pick_isp(struct mh_rng *r, const char *cc, int mobile)
{
	uint16_t w[64];
	uint8_t idx[64];
	unsigned i, n = 0;

	for (i = 0; i < mh_sim_nisps && n < 64; i++) {
		if (strcmp(mh_sim_isps[i].cc, cc) || mh_sim_isps[i].mobile != mobile)
			continue;
		w[n] = mh_sim_isps[i].weight;
		idx[n++] = (uint8_t)i;
	}
	if (!n)
		return 0;
	return idx[mh_rng_weighted(r, w, n)];
}

/* Geolocation is often off by a city: another city of the same country. */
static uint8_t geo_city(struct mh_rng *r, uint8_t city)
{
	const char *cc = mh_sim_cities[city].cc;
	unsigned tries;

	if (!mh_rng_chance(r, 0.2))
		return city;
	for (tries = 0; tries < 16; tries++) {
		unsigned c = mh_rng_below(r, mh_sim_ncities);

		if (!strcmp(mh_sim_cities[c].cc, cc) && (mh_sim_cities[c].use & MH_CITY_HOME))
			return (uint8_t)c;
	}
	return city;
}

static void lease(struct mh_sim *s, struct mh_sim_household *h, struct mh_rng *r, int32_t day)
{
	const struct mh_sim_isp *isp = &mh_sim_isps[h->isp];
	char ip[48];
	uint32_t slot = UINT32_MAX, start, k;

	if (h->slot != UINT32_MAX)
		s->v4_busy[h->slot] = 0;
	h->slot = UINT32_MAX;
	if (!h->v6) {
		start = mh_rng_below(r, s->nv4);
		for (k = 0; k < s->nv4; k++) {
			uint32_t c = (start + k) % s->nv4;

			if (!s->v4_busy[c]) {
				slot = c;
				break;
			}
		}
	}
	if (slot != UINT32_MAX) {
		s->v4_busy[slot] = 1;
		h->slot = slot;
		v4_slot_text(slot, ip, sizeof(ip));
		h->egress = mh_sim_egress_new(s, MH_EG_HOME, ip, 0, geo_city(r, h->city), isp->asn,
		                              isp->org, isp->isp, isp->domain);
	} else {
		snprintf(ip, sizeof(ip), "2001:db8:%x:%x",
		         0x1000u + h->isp * 16u + mh_rng_below(r, 16),
		         (unsigned)(mh_rng_below(r, 0xfeffu) + 0x100u));
		h->egress = mh_sim_egress_new(s, MH_EG_HOME, ip, 1, geo_city(r, h->city), isp->asn,
		                              isp->org, isp->isp, isp->domain);
	}
	/* Dynamic addresses change every few days to weeks; some barely ever. */
	if (mh_rng_chance(r, 0.3))
		h->next_change = day + 60 + (int32_t)mh_rng_below(r, 120);
	else
		h->next_change = day + 2 + (int32_t)mh_rng_exp(r, 12.0);
}

uint32_t mh_sim_household_new(struct mh_sim *s, uint8_t city, struct mh_rng *r)
{
	struct mh_sim_household *h;

	s->hh = mh_grow(s->hh, &s->caphh, s->nhh + 1, sizeof(*s->hh));
	h = &s->hh[s->nhh];
	memset(h, 0, sizeof(*h));
	h->city = city;
	h->isp = pick_isp(r, mh_sim_cities[city].cc, 0);
	h->v6 = mh_rng_chance(r, 0.25);
	h->slot = UINT32_MAX;
	lease(s, h, r, s->start);
	return s->nhh++;
}

void mh_sim_households_day(struct mh_sim *s, int32_t day)
{
	uint32_t i;

	for (i = 0; i < s->nhh; i++) {
		struct mh_sim_household *h = &s->hh[i];
		struct mh_rng r;

		if (day < h->next_change)
			continue;
		mh_rng_derive(&r, s->opt.seed, 0x4845u, i, (uint64_t)(int64_t)day);
		lease(s, h, &r, day);
	}
}

size_t mh_sim_egress_ip(const struct mh_sim *s, uint32_t e, uint32_t p, char *dst)
{
	const struct mh_sim_egress *g = &s->eg[e];
	uint64_t iid;

	if (!g->v6)
		return (size_t)snprintf(dst, 48, "%s", g->ip);
	/* stable interface id per device and network (RFC 7217 style) */
	iid = mh_mix64(s->p[p].device_id ^ ((uint64_t)e << 32)) | 0x0001000100010001ull;
	return (size_t)snprintf(dst, 48, "%s:%x:%x:%x:%x", g->ip, (unsigned)(iid >> 48),
	                        (unsigned)(iid >> 32) & 0xffffu, (unsigned)(iid >> 16) & 0xffffu,
	                        (unsigned)iid & 0xffffu);
}

static void offices(struct mh_sim *s)
{
	static const char *const office_cities[] = {"Austin", "New York", "London", "Singapore",
	                                            "Bengaluru"};
	char ip[48];
	unsigned i, k;
	struct mh_rng r;

	mh_rng_derive(&r, s->opt.seed, 0x4f46u, 0, 0);
	s->noffices = sizeof(office_cities) / sizeof(office_cities[0]);
	for (i = 0; i < s->noffices; i++) {
		uint8_t c = (uint8_t)mh_sim_city_find(office_cities[i]);
		const struct mh_sim_isp *isp = &mh_sim_isps[pick_isp(&r, mh_sim_cities[c].cc, 0)];

		s->office_city[i] = c;
		snprintf(ip, sizeof(ip), "192.0.2.%u", 10 + i * 8);
		s->office_egress[i] = mh_sim_egress_new(s, MH_EG_OFFICE, ip, 0, c, isp->asn,
		                                        isp->org, isp->isp, isp->domain);
	}
	for (i = 0; i < 4; i++) {
		snprintf(ip, sizeof(ip), "192.0.2.%u", 200 + i);
		s->corpvpn_egress[i] = mh_sim_egress_new(s, MH_EG_CORPVPN, ip, 0, s->office_city[0],
		                                         mh_sim_isps[0].asn, mh_sim_isps[0].org,
		                                         mh_sim_isps[0].isp, mh_sim_isps[0].domain);
	}
	/* coffee shops, hotels and coworking spaces, spread over home and travel cities */
	for (k = 0; k < 64; k++) {
		uint8_t c = (uint8_t)(k % mh_sim_ncities);
		const struct mh_sim_isp *isp = &mh_sim_isps[pick_isp(&r, mh_sim_cities[c].cc, 0)];

		snprintf(ip, sizeof(ip), "192.0.2.%u", 100 + k);
		s->public_egress[k] = mh_sim_egress_new(s, MH_EG_PUBLIC, ip, 0, c, isp->asn,
		                                        isp->org, isp->isp, isp->domain);
	}
	s->npublic = 64;
	/* carrier NAT: a few addresses per carrier shared by strangers */
	s->carrier0 = s->neg;
	s->ncarrier = CARRIER_N;
	for (k = 0; k < CARRIER_N; k++) {
		unsigned carrier = k % 2 ? 7 : 6;
		const struct mh_sim_isp *isp = &mh_sim_isps[carrier];

		snprintf(ip, sizeof(ip), "203.0.113.%u", CARRIER_FIRST + k);
		mh_sim_egress_new(s, MH_EG_MOBILE, ip, 0, (uint8_t)mh_sim_city_find("Dallas"),
		                  isp->asn, isp->org, isp->isp, isp->domain);
	}
}

void mh_sim_network_build(struct mh_sim *s)
{
	s->nv4 = V4_SLOTS;
	s->v4_busy = mh_calloc(V4_SLOTS, 1);
	offices(s);
	mh_sim_vpn_load(s);
}
