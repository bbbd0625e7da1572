/*
 * Geo/ASN wrapper against two tiny .mmdb files that tests/data/mkmmdb.pl
 * writes at test time with MaxMind::DB::Writer (Debian
 * libmaxmind-db-writer-perl). Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "intel/geo.h"
#include "util/ip.h"

static char dir[] = "/tmp/mh-geo-XXXXXX";
static char country_db[256], asn_db[256];

static int make_dbs(void **state)
{
	char cmd[512];
	int rc;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "test_geo: mkdtemp failed\n");
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "perl tests/data/mkmmdb.pl %s", dir);
	rc = system(cmd);
	if (rc != 0) {
		fprintf(stderr,
		        "test_geo: '%s' failed (status %d): needs perl and "
		        "MaxMind::DB::Writer::Tree (Debian libmaxmind-db-writer-perl, "
		        "installed by scripts/install-deps), run from the repository root\n",
		        cmd, rc);
		return -1;
	}
	snprintf(country_db, sizeof(country_db), "%s/geo-country.mmdb", dir);
	snprintf(asn_db, sizeof(asn_db), "%s/geo-asn.mmdb", dir);
	return 0;
}

static int remove_dbs(void **state)
{
	unlink(country_db);
	unlink(asn_db);
	rmdir(dir);
	return 0;
}

static struct mh_geo *open_both(void)
{
	struct mh_geo *g = mh_geo_new();
	struct mh_err err;

	assert_int_equal(mh_geo_add(g, country_db, &err), 0);
	assert_int_equal(mh_geo_add(g, asn_db, &err), 0);
	return g;
}

static int lookup(const struct mh_geo *g, const char *ip, struct mh_geo_rec *rec)
{
	struct mh_ip a;

	assert_int_equal(mh_ip_parse(ip, strlen(ip), &a), 0);
	return mh_geo_lookup(g, &a, rec);
}

static void test_first_db_wins_later_fills(void **state)
{
	struct mh_geo *g = open_both();
	struct mh_geo_rec r;

	/* country from the first database (KP), not the second's CN; ASN from the second */
	assert_int_equal(lookup(g, "203.0.113.77", &r), 1);
	assert_string_equal(r.country, "KP");
	assert_int_equal(r.asn, 4837);
	assert_string_equal(r.as_org, "CHINA UNICOM China169 Backbone");
	mh_geo_free(g);
}

static void test_field_variants(void **state)
{
	struct mh_geo *g = open_both();
	struct mh_geo_rec r;

	/* only registered_country present */
	assert_int_equal(lookup(g, "192.0.2.10", &r), 1);
	assert_string_equal(r.country, "CN");
	assert_int_equal(r.asn, 0);
	/* ip-location-db country_code, IPv6 */
	assert_int_equal(lookup(g, "2001:db8:2::1", &r), 1);
	assert_string_equal(r.country, "SG");
	assert_int_equal(r.asn, 64501);
	assert_string_equal(r.as_org, "Example VPN Pte");
	/* country only in the lower /25, ASN only in the upper */
	assert_int_equal(lookup(g, "198.51.100.5", &r), 1);
	assert_string_equal(r.country, "US");
	assert_int_equal(r.asn, 0);
	assert_int_equal(lookup(g, "198.51.100.200", &r), 1);
	assert_string_equal(r.country, "US");
	assert_int_equal(r.asn, 64500);
	/* v4-mapped text is the same host */
	assert_int_equal(lookup(g, "::ffff:203.0.113.1", &r), 1);
	assert_string_equal(r.country, "KP");
	mh_geo_free(g);
}

static void test_misses(void **state)
{
	struct mh_geo *g = open_both();
	struct mh_geo_rec r;
	struct mh_ip none = {0};

	assert_int_equal(lookup(g, "8.8.8.8", &r), 0);
	assert_string_equal(r.country, "");
	assert_int_equal(r.asn, 0);
	assert_string_equal(r.as_org, "");
	assert_int_equal(lookup(g, "2001:db8:3::1", &r), 0);
	assert_int_equal(mh_geo_lookup(g, &none, &r), 0);
	mh_geo_free(g);
}

static void test_order_reversed(void **state)
{
	struct mh_geo *g = mh_geo_new();
	struct mh_geo_rec r;
	struct mh_err err;

	assert_int_equal(mh_geo_add(g, asn_db, &err), 0);
	assert_int_equal(mh_geo_add(g, country_db, &err), 0);
	assert_int_equal(lookup(g, "203.0.113.77", &r), 1);
	assert_string_equal(r.country, "CN");
	assert_int_equal(r.asn, 4837);
	mh_geo_free(g);
}

static void test_bad_files(void **state)
{
	struct mh_geo *g = mh_geo_new();
	struct mh_err err;
	char path[300];
	FILE *f;

	assert_int_equal(mh_geo_add(g, "/nonexistent/x.mmdb", &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/x.mmdb"));
	snprintf(path, sizeof(path), "%s/garbage.mmdb", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("this is not a maxmind database\n", f);
	fclose(f);
	assert_int_equal(mh_geo_add(g, path, &err), -1);
	assert_non_null(strstr(err.msg, "garbage.mmdb"));
	unlink(path);
	mh_geo_free(g);
	mh_geo_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_db_wins_later_fills),
	    cmocka_unit_test(test_field_variants),
	    cmocka_unit_test(test_misses),
	    cmocka_unit_test(test_order_reversed),
	    cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, make_dbs, remove_dbs);
}
