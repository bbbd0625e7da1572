/*
 * MaxMind DB wrapper. Field names differ between producers, so each field is
 * read from the first path that exists:
 *   country  country.iso_code (GeoLite2), country_code (ip-location-db),
 *            registered_country.iso_code (GeoLite2 when country is absent)
 *   ASN      autonomous_system_number (uint16/32/64 or "AS123"/"123" text)
 *   org      autonomous_system_organization, else isp / organization
 * Databases are asked in the order they were added; a later one only fills
 * fields an earlier one left empty.
 */
#include "intel/geo.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/xalloc.h"

#define GEO_DB_MAX 16

struct mh_geo {
	MMDB_s *db[GEO_DB_MAX];
	size_t n;
};

struct mh_geo *mh_geo_new(void)
{
	return mh_calloc(1, sizeof(struct mh_geo));
}

void mh_geo_free(struct mh_geo *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++) {
		MMDB_close(g->db[i]);
		free(g->db[i]);
	}
	free(g);
}

int mh_geo_add(struct mh_geo *g, const char *path, struct mh_err *err)
{
	MMDB_s *db;
	int rc;

	if (g->n >= GEO_DB_MAX)
		return mh_err_set(err, MH_ELIMIT, "%s: more than %d geo databases", path,
		                  GEO_DB_MAX);
	db = mh_calloc(1, sizeof(*db));
	rc = MMDB_open(path, MMDB_MODE_MMAP, db);
	if (rc != MMDB_SUCCESS) {
		free(db);
		return mh_err_set(err, MH_EINPUT, "%s: %s", path,
		                  rc == MMDB_IO_ERROR ? "cannot read" : MMDB_strerror(rc));
	}
	g->db[g->n++] = db;
	return 0;
}

static int get_string(MMDB_entry_s *e, char *dst, size_t cap, const char *const *path)
{
	MMDB_entry_data_s d;
	size_t n;

	if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data ||
	    d.type != MMDB_DATA_TYPE_UTF8_STRING || d.data_size == 0)
		return 0;
	n = d.data_size < cap ? d.data_size : cap - 1;
	memcpy(dst, d.utf8_string, n);
	dst[n] = '\0';
	return 1;
}

static int country_ok(const char *c)
{
	return c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' && c[2] == '\0';
}

static void read_country(MMDB_entry_s *e, struct mh_geo_rec *out)
{
	static const char *const p1[] = {"country", "iso_code", NULL};
	static const char *const p2[] = {"country_code", NULL};
	static const char *const p3[] = {"registered_country", "iso_code", NULL};
	const char *const *paths[] = {p1, p2, p3};
	size_t i;

	for (i = 0; i < 3 && !out->country[0]; i++)
		if (!get_string(e, out->country, sizeof(out->country), paths[i]) ||
		    !country_ok(out->country))
			out->country[0] = '\0';
}

static uint32_t asn_text(const char *s, uint32_t n)
{
	uint64_t v = 0;
	uint32_t i = 0;

	if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
		i = 2;
	if (i == n || n - i > 10)
		return 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	return v <= UINT32_MAX ? (uint32_t)v : 0;
}

static void read_asn(MMDB_entry_s *e, struct mh_geo_rec *out)
{
	static const char *const path[] = {"autonomous_system_number", NULL};
	MMDB_entry_data_s d;

	if (out->asn || MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data)
		return;
	if (d.type == MMDB_DATA_TYPE_UINT16)
		out->asn = d.uint16;
	else if (d.type == MMDB_DATA_TYPE_UINT32)
		out->asn = d.uint32;
	else if (d.type == MMDB_DATA_TYPE_UINT64 && d.uint64 <= UINT32_MAX)
		out->asn = (uint32_t)d.uint64;
	else if (d.type == MMDB_DATA_TYPE_UTF8_STRING)
		out->asn = asn_text(d.utf8_string, d.data_size);
}

static void read_org(MMDB_entry_s *e, struct mh_geo_rec *out)
{
	static const char *const p1[] = {"autonomous_system_organization", NULL};
	static const char *const p2[] = {"isp", NULL};
	static const char *const p3[] = {"organization", NULL};
	const char *const *paths[] = {p1, p2, p3};
	size_t i;

	for (i = 0; i < 3 && !out->as_org[0]; i++)
		get_string(e, out->as_org, sizeof(out->as_org), paths[i]);
}

static socklen_t to_sockaddr(const struct mh_ip *ip, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (ip->family == 4) {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		memcpy(&s4->sin_addr, ip->a, 4);
		return sizeof(*s4);
	}
	if (ip->family == 6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, ip->a, 16);
		return sizeof(*s6);
	}
	return 0;
}

int mh_geo_lookup(const struct mh_geo *g, const struct mh_ip *ip, struct mh_geo_rec *out)
{
	struct sockaddr_storage ss;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!g || !to_sockaddr(ip, &ss))
		return 0;
	for (i = 0; i < g->n; i++) {
		MMDB_lookup_result_s r;
		int mmerr;

		r = MMDB_lookup_sockaddr(g->db[i], (const struct sockaddr *)&ss, &mmerr);
		if (mmerr != MMDB_SUCCESS || !r.found_entry)
			continue;
		read_country(&r.entry, out);
		read_asn(&r.entry, out);
		read_org(&r.entry, out);
	}
	return out->country[0] || out->asn || out->as_org[0];
}
