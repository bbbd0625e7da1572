#ifndef MH_DUTIL_H
#define MH_DUTIL_H
/*
 * Helpers shared by the signin.*, farm.* and access.* detectors: countries
 * (ISO code, region, a representative point for distances), intel label
 * classes, the corporate egress allow-list, roster lookups and dates.
 *
 * Ownership: the country table and the strings returned are static; an egress
 * allow-list is owned by whoever made it (mh_dutil_egress_free). Everything is
 * read-only after construction and thread-safe.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "detect/detector.h"

enum mh_dutil_region {
	MH_RG_OTHER = 0,
	MH_RG_ASIA, /* tz "Asia/" zones, and Russia (see dutil_country.c) */
	MH_RG_EUROPE,
	MH_RG_AFRICA,
	MH_RG_AMERICAS,
	MH_RG_OCEANIA
};

struct mh_dutil_country {
	char code[3]; /* ISO 3166-1 alpha-2 */
	uint8_t region;
	float lat, lon; /* a principal city (tz zone.tab), for coarse distances */
};

/* The country an event or roster names: ISO alpha-2 or alpha-3 code or an
 * English name ("United States", "Korea, Republic of", "Vietnam"), any case.
 * Returns a 1-based index, 0 when unknown. */
unsigned mh_dutil_country_find(const char *s, size_t n);
/* The entry for a 1-based index (NULL for 0 or out of range). */
const struct mh_dutil_country *mh_dutil_country_at(unsigned idx);
/* Great-circle distance in km between two countries' points (0 if unknown). */
double mh_dutil_country_km(unsigned a, unsigned b);
/* "CN" for an index, "??" for 0. */
const char *mh_dutil_country_code(unsigned idx);

/* Is an intel label one of the generic anonymizer classes (commercial VPN,
 * hosting/datacenter, proxy, Tor) rather than threat intel proper? True when
 * the label contains "vpn", "proxy", "proxies", "datacenter", "data-center",
 * "hosting", "anonymi" or is "tor" / starts with "tor-" or "tor_". */
int mh_dutil_label_anonymizer(const char *label);

struct mh_intel;
/* Is the address on an anonymizer list, or inside an anonymizer network? A
 * single listed address (an advisory naming one VPN exit) shadows the
 * provider's range it sits in, so two neighbours in the same /24 (/120 for
 * IPv6) are probed too: a lone listed address does not cover them, a VPN or
 * hosting range does. intel may be NULL (then 0). */
int mh_dutil_ip_in_anonymizer_net(const struct mh_intel *intel, const struct mh_ip *ip);

/* A 32-bit hash of an address (family and bytes), 0 for none. */
uint32_t mh_dutil_ip_hash(const struct mh_ip *ip);

/* How many roster people's IP artifacts hold each address: shared
 * infrastructure (office NAT, VPN concentrators, carrier NAT) shows up as an
 * address many people use. Built once from the merged state. */
struct mh_dutil_ipcount;
struct mh_dutil_ipcount *mh_dutil_ipcount_new(const struct mh_state *st);
uint32_t mh_dutil_ipcount_get(const struct mh_dutil_ipcount *c, uint32_t iphash);
void mh_dutil_ipcount_free(struct mh_dutil_ipcount *c);

/* Corporate egress ranges (allow.egress_cidrs): office NAT, VPN concentrators.
 * Entries that do not parse as an address or CIDR are ignored. */
struct mh_dutil_egress;
struct mh_dutil_egress *mh_dutil_egress_new(const struct mh_config *cfg);
int mh_dutil_egress_has(const struct mh_dutil_egress *e, const struct mh_ip *ip);
/* Same, for an address as text (an IP artifact's value). */
int mh_dutil_egress_has_text(const struct mh_dutil_egress *e, const char *ip);
void mh_dutil_egress_free(struct mh_dutil_egress *e);

/* The roster entry of state person p, or NULL for an unresolved person. */
const struct mh_roster_entry *mh_dutil_entry(const struct mh_world *w, uint32_t p);
/* The roster entry for an on_event person index (state st). */
const struct mh_roster_entry *mh_dutil_entry_st(const struct mh_state *st, uint32_t p);
/* How a person is named in summaries: the employee id, else the key. */
const char *mh_dutil_who(const struct mh_world *w, uint32_t p);

/* "2024-03-01" for a UTC time in ms or a day number (out holds 11 bytes). */
void mh_dutil_date_ms(int64_t ms, char out[11]);
void mh_dutil_date_day(int32_t day, char out[11]);

/* Clamp x into [0, 1]. */
static inline double mh_dutil_unit(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

#endif
