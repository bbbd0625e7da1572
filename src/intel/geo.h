#ifndef MH_GEO_H
#define MH_GEO_H
/*
 * Optional geo/ASN enrichment from MaxMind DB files (GeoLite2 Country/City/ASN,
 * ip-location-db) through libmaxminddb. Several files may be added; a lookup
 * asks each in order and fills whatever fields it has: country, ASN, ASN org.
 * Fields read: country.iso_code, else country_code (ip-location-db), else
 * registered_country.iso_code; autonomous_system_number (integer or "AS123"
 * text); autonomous_system_organization, else isp, else organization.
 *
 * Ownership: struct mh_geo owns its open databases; lookups are read-only and
 * thread-safe (MMDB_lookup_sockaddr with MMDB_MODE_MMAP).
 */
#include <stdint.h>

#include "core/event.h"
#include "util/err.h"

struct mh_geo_rec {
	char country[3]; /* ISO 3166-1 alpha-2, "" unknown */
	uint32_t asn;    /* 0 unknown */
	char as_org[96]; /* "" unknown */
};

struct mh_geo;

struct mh_geo *mh_geo_new(void);
int mh_geo_add(struct mh_geo *g, const char *path, struct mh_err *err);
/* Returns 1 when any field was found, 0 otherwise. */
int mh_geo_lookup(const struct mh_geo *g, const struct mh_ip *ip, struct mh_geo_rec *out);
void mh_geo_free(struct mh_geo *g);

#endif
