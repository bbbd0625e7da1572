#ifndef MH_SIM_WORLD_H
#define MH_SIM_WORLD_H
/*
 * The simulated world's fixed tables: time zones (with US and EU daylight
 * saving rules), cities, countries, internet providers, VPN and hosting
 * providers. All static, read-only data; nothing here allocates.
 */
#include <stdint.h>

enum mh_dst_rule { MH_DST_NONE = 0, MH_DST_US, MH_DST_EU };

struct mh_sim_tz {
	const char *name; /* IANA */
	int16_t std_min;  /* standard offset from UTC, minutes */
	uint8_t dst;      /* enum mh_dst_rule */
};

enum mh_city_use {
	MH_CITY_HOME = 1,   /* employees live here */
	MH_CITY_TRAVEL = 2, /* business-travel destination */
	MH_CITY_EXIT = 4,   /* VPN / hosting exits are placed here */
};

struct mh_sim_city {
	const char *city, *state, *cc; /* cc: ISO 3166-1 alpha-2 */
	uint8_t tz;                    /* index into mh_sim_tzs */
	float lat, lon;
	uint16_t weight;  /* how many employees of 1000 live here */
	uint8_t use;      /* enum mh_city_use bits */
	const char *area; /* phone area code or prefix */
};

struct mh_sim_isp {
	const char *cc;
	const char *org;    /* AS organisation */
	const char *isp;    /* ISP name as Okta shows it */
	const char *domain; /* reverse-DNS domain */
	uint32_t asn;
	uint8_t mobile; /* carrier network: addresses shared by strangers (CGNAT) */
	uint8_t weight;
};

struct mh_sim_vpn {
	const char *org, *isp, *domain;
	uint32_t asn;
	uint8_t hosting;    /* rented hosting (datacenter list) rather than a VPN brand network */
	uint8_t proxy_rate; /* percent of its exits Okta marks isProxy */
};

extern const struct mh_sim_tz mh_sim_tzs[];
extern const unsigned mh_sim_ntz;
extern const struct mh_sim_city mh_sim_cities[];
extern const unsigned mh_sim_ncities;
extern const struct mh_sim_isp mh_sim_isps[];
extern const unsigned mh_sim_nisps;
extern const struct mh_sim_vpn mh_sim_vpns[];
extern const unsigned mh_sim_nvpns;

/* Offset from UTC in minutes of tz at the UTC instant ts_ms. */
int mh_sim_tz_offset(unsigned tz, int64_t ts_ms);
/* Country name as Okta writes it ("United States"). */
const char *mh_sim_country_name(const char *cc);
/* First city index with this name, or -1. */
int mh_sim_city_find(const char *name);

#endif
