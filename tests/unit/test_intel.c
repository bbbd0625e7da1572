/*
 * intel: the CIDR table against a brute-force scan, the plain and STIX
 * loaders on hand-written fixtures (tests/data/intel/), the x4bnet lists
 * (../shared/data/x4bnet/output) against an independent reading of the same
 * files, load errors, and concurrent lookups. Run from the repository root.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "intel/cidr.h"
#include "intel/intel.h"
#include "util/ip.h"

#define FIXTURES "tests/data/intel"
#define X4BNET   "../shared/data/x4bnet/output"

static uint64_t rng = 0x853c49e6748fea9bull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* ---- warnings collected from the loaders ---- */

struct warns {
	char msg[64][512]; /* the first 64 */
	char last[512];
	size_t n;
};

static void collect(void *arg, const char *msg)
{
	struct warns *w = arg;

	if (w->n < 64)
		snprintf(w->msg[w->n], sizeof(w->msg[0]), "%s", msg);
	snprintf(w->last, sizeof(w->last), "%s", msg);
	w->n++;
}

static int warned(const struct warns *w, const char *needle)
{
	size_t i;

	for (i = 0; i < w->n && i < 64; i++)
		if (strstr(w->msg[i], needle))
			return 1;
	return w->n > 0 && strstr(w->last, needle);
}

/* ---- brute-force reference for the CIDR table ---- */

struct ref_pfx {
	uint8_t a[16];
	unsigned len;
	uint32_t tag;
};

static int ref_contains(const struct ref_pfx *p, const uint8_t *a)
{
	unsigned full = p->len / 8, rest = p->len % 8;

	if (memcmp(p->a, a, full) != 0)
		return 0;
	return rest == 0 || ((p->a[full] ^ a[full]) & (0xff00u >> rest)) == 0;
}

/* Longest containing prefix; among equal ones the first added. */
static uint32_t ref_lookup(const struct ref_pfx *p, size_t n, const uint8_t *a)
{
	uint32_t best = MH_CIDR_NONE;
	int best_len = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if ((int)p[i].len > best_len && ref_contains(&p[i], a)) {
			best_len = (int)p[i].len;
			best = p[i].tag;
		}
	return best;
}

static void mask_to(uint8_t *a, unsigned len, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes; i++) {
		if (len >= 8 * (i + 1))
			continue;
		a[i] &= len > 8 * i ? (uint8_t)(0xff00u >> (len - 8 * i)) : 0;
	}
}

/* Random prefixes clustered under a few roots so they nest and repeat. */
static void random_prefixes(struct ref_pfx *p, size_t n, int family)
{
	unsigned bytes = family == 4 ? 4 : 16, bits = 8 * bytes;
	size_t i;
	unsigned k;

	for (i = 0; i < n; i++) {
		if (i > 0 && rnd() % 4 == 0) {
			p[i] = p[rnd() % i]; /* derive from an earlier prefix */
			p[i].len = p[i].len + rnd() % (bits - p[i].len + 1);
			for (k = p[i].len / 8; k < bytes; k++)
				p[i].a[k] = (uint8_t)rnd();
		} else {
			memset(p[i].a, 0, sizeof(p[i].a));
			p[i].a[0] = (uint8_t)(rnd() % 3 == 0 ? 0xff : rnd() % 4);
			for (k = 1; k < bytes; k++)
				p[i].a[k] = (uint8_t)(rnd() % 3 ? rnd() % 4 : rnd());
			p[i].len =
			    rnd() % 5 == 0 ? rnd() % (bits + 1) : bits / 2 + rnd() % (bits / 2 + 1);
		}
		if (rnd() % 50 == 0)
			p[i].len = rnd() % 2 ? 0 : bits;
		p[i].tag = (uint32_t)i;
		mask_to(p[i].a, p[i].len, bytes);
	}
}

static void random_addr(const struct ref_pfx *p, size_t n, int family, uint8_t *a)
{
	unsigned bytes = family == 4 ? 4 : 16, k;

	memset(a, 0, 16);
	if (rnd() % 2) {
		const struct ref_pfx *q = &p[rnd() % n];

		memcpy(a, q->a, 16);
		for (k = q->len / 8; k < bytes; k++) /* inside or just past q */
			a[k] = rnd() % 4 == 0 ? 0xff : (uint8_t)rnd();
		if (q->len % 8 && rnd() % 3)
			a[q->len / 8] =
			    (uint8_t)(q->a[q->len / 8] | (rnd() & (0xffu >> q->len % 8)));
	} else {
		for (k = 0; k < bytes; k++)
			a[k] = (uint8_t)(k == 0 ? rnd() % 5 : rnd() % 4 == 0 ? rnd() : rnd() % 3);
	}
}

static void cidr_vs_brute(int family, size_t nprefix, size_t nlookup)
{
	struct ref_pfx *p = calloc(nprefix, sizeof(*p));
	struct mh_cidr *t = mh_cidr_new();
	size_t i;

	assert_non_null(p);
	random_prefixes(p, nprefix, family);
	for (i = 0; i < nprefix; i++) {
		struct mh_ip ip = {(uint8_t)family, {0}};

		memcpy(ip.a, p[i].a, 16);
		if (p[i].len < 8u * (family == 4 ? 4 : 16) && rnd() % 3 == 0)
			ip.a[family == 4 ? 3 : 15] |= 1; /* host bit: the table must ignore it */
		assert_int_equal(mh_cidr_add(t, &ip, p[i].len, p[i].tag), 0);
	}
	mh_cidr_build(t);
	for (i = 0; i < nlookup; i++) {
		struct mh_ip ip = {(uint8_t)family, {0}};
		uint32_t want, got;

		random_addr(p, nprefix, family, ip.a);
		want = ref_lookup(p, nprefix, ip.a);
		got = mh_cidr_lookup(t, &ip);
		if (want != got) {
			char buf[64];

			fail_msg("IPv%d %s: table %u, brute force %u", family,
			         mh_ip_format(&ip, buf, sizeof(buf)), got, want);
		}
	}
	mh_cidr_free(t);
	free(p);
}

static void test_cidr_random(void **state)
{
	int round;

	for (round = 0; round < 40; round++) {
		cidr_vs_brute(4, 1 + rnd() % 400, 5000);
		cidr_vs_brute(6, 1 + rnd() % 400, 5000);
	}
	cidr_vs_brute(4, 5000, 20000);
	cidr_vs_brute(6, 5000, 20000);
}

static struct mh_ip ip_of(const char *s)
{
	struct mh_ip ip;

	if (mh_ip_parse(s, strlen(s), &ip) < 0)
		fail_msg("bad test address %s", s);
	return ip;
}

static void test_cidr_edges(void **state)
{
	struct mh_cidr *t = mh_cidr_new();
	struct mh_ip a;

	a = ip_of("0.0.0.0");
	assert_int_equal(mh_cidr_add(t, &a, 0, 1), 0); /* everything */
	a = ip_of("255.255.255.255");
	assert_int_equal(mh_cidr_add(t, &a, 32, 2), 0); /* the very last address */
	a = ip_of("10.0.0.0");
	assert_int_equal(mh_cidr_add(t, &a, 8, 3), 0);
	assert_int_equal(mh_cidr_add(t, &a, 8, 4), 0); /* duplicate: first wins */
	a = ip_of("10.255.255.255");
	assert_int_equal(mh_cidr_add(t, &a, 33, 5), -1);
	assert_int_equal(mh_cidr_add(t, &a, 24, MH_CIDR_NONE), -1);
	a = ip_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(mh_cidr_add(t, &a, 128, 6), 0);
	a = ip_of("8000::");
	assert_int_equal(mh_cidr_add(t, &a, 1, 7), 0);
	assert_int_equal(mh_cidr_add(t, &a, 129, 7), -1);
	assert_int_equal(mh_cidr_lookup(t, &a), MH_CIDR_NONE); /* not built yet */
	mh_cidr_build(t);
	assert_int_equal(mh_cidr_count(t), 5);
	a = ip_of("255.255.255.255");
	assert_int_equal(mh_cidr_lookup(t, &a), 2);
	a = ip_of("255.255.255.254");
	assert_int_equal(mh_cidr_lookup(t, &a), 1);
	a = ip_of("10.200.0.1");
	assert_int_equal(mh_cidr_lookup(t, &a), 3);
	a = ip_of("11.0.0.0");
	assert_int_equal(mh_cidr_lookup(t, &a), 1);
	a = ip_of("0.0.0.0");
	assert_int_equal(mh_cidr_lookup(t, &a), 1);
	a = ip_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(mh_cidr_lookup(t, &a), 6);
	a = ip_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
	assert_int_equal(mh_cidr_lookup(t, &a), 7);
	a = ip_of("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_int_equal(mh_cidr_lookup(t, &a), MH_CIDR_NONE);
	/* adding after a build and building again keeps everything */
	a = ip_of("10.1.0.0");
	assert_int_equal(mh_cidr_add(t, &a, 16, 8), 0);
	mh_cidr_build(t);
	a = ip_of("10.1.2.3");
	assert_int_equal(mh_cidr_lookup(t, &a), 8);
	a = ip_of("10.2.0.0");
	assert_int_equal(mh_cidr_lookup(t, &a), 3);
	mh_cidr_free(t);
}

/* ---- loaders on the fixtures ---- */

static int match(const struct mh_intel *in, enum mh_ioc_kind kind, const char *v,
                 struct mh_intel_hit *hit)
{
	return mh_intel_match(in, kind, v, strlen(v), hit);
}

static const char *label_of(const struct mh_intel *in, enum mh_ioc_kind kind, const char *v)
{
	struct mh_intel_hit hit;

	if (!match(in, kind, v, &hit))
		return "(none)";
	assert_int_equal(hit.kind, kind);
	return hit.label;
}

/* 1-based line of the fixture line that contains needle. */
static size_t line_of(const char *path, const char *needle)
{
	char line[1024];
	size_t n = 0;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (strstr(line, needle)) {
			fclose(f);
			return n;
		}
	}
	fclose(f);
	fail_msg("%s not in %s", needle, path);
	return 0;
}

static void expect_line_warning(const struct warns *w, const char *path, const char *needle)
{
	char where[600];

	snprintf(where, sizeof(where), "%s:%zu: ", path, line_of(path, needle));
	if (!warned(w, where))
		fail_msg("no warning at %s", where);
}

static void test_plain_fixture(void **state)
{
	const char *path = FIXTURES "/dprk-it-workers.txt";
	struct mh_intel *in = mh_intel_new();
	struct mh_intel_hit hit;
	struct warns w = {0};
	struct mh_err err;

	assert_int_equal(mh_intel_load(in, path, collect, &w, &err), 0);
	mh_intel_seal(in);
	assert_int_equal(w.n, 5);
	expect_line_warning(&w, path, "192.0.2.40-192.0.2.33"); /* reversed range */
	expect_line_warning(&w, path, "not a valid line here");
	expect_line_warning(&w, path, "pastebin.example");
	expect_line_warning(&w, path, "1.2.3.4/33");
	expect_line_warning(&w, path, "192.168.001.001");

	assert_string_equal(label_of(in, MH_IOC_IP, "203.0.113.127"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_IP, "203.0.113.128"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "[198.51.100.23]:443"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_IP, "198.51.100.24"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db8:dead:beef::1"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.15"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.16"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.31"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.32"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "HR@BlockNovas.example"),
	                    "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "mailto:jobs@softglide.example"),
	                    "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_PHONE, "555-010-7788"), "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_PHONE, "+44 20 7946 0123"), "dprk-facilitators");
	assert_string_equal(
	    label_of(in, MH_IOC_WALLET, "0x52908400098527886e0f7030069857d2e4169ee7"),
	    "dprk-facilitators");
	assert_string_equal(
	    label_of(in, MH_IOC_WALLET, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
	    "dprk-facilitators");
	assert_string_equal(
	    label_of(in, MH_IOC_HASH,
	             "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
	    "dprk-facilitators");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "nkdev.example"), "dprk-domains");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "https://cdn.NKDEV.example/x.js"),
	                    "dprk-domains");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "remote-jobs.example"), "dprk-domains");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "a.b.remote-jobs.example"), "dprk-domains");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "notnkdev.example"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "example"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "pastebin.example"), "(none)");
	/* an e-mail matches the e-mail set only */
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "ceo@nkdev.example"), "(none)");

	assert_int_equal(match(in, MH_IOC_IP, "203.0.113.1", &hit), 1);
	assert_string_equal(hit.source, path);
	assert_int_equal(mh_intel_count(in, MH_IOC_IP), 4); /* range 16-31 is one /28 */
	assert_int_equal(mh_intel_count(in, MH_IOC_EMAIL), 2);
	assert_int_equal(mh_intel_count(in, MH_IOC_PHONE), 2);
	assert_int_equal(mh_intel_count(in, MH_IOC_WALLET), 2);
	assert_int_equal(mh_intel_count(in, MH_IOC_HASH), 1);
	assert_int_equal(mh_intel_count(in, MH_IOC_DOMAIN), 2);
	mh_intel_free(in);
}

static void test_stix_fixture(void **state)
{
	const char *path = FIXTURES "/stix_dprk.json";
	struct mh_intel *in = mh_intel_new();
	struct warns w = {0};
	struct mh_err err;

	assert_int_equal(mh_intel_load(in, path, collect, &w, &err), 0);
	mh_intel_seal(in);
	assert_int_equal(w.n, 2);
	assert_true(warned(&w, "indicator--806efa0e-8c91-4f99-a9f5-4d1e41db1126: '999.1.1.1'"));
	assert_true(warned(&w, "indicator--7cd6d987-7feb-4960-b486-00d4f1df6bf1: unterminated"));

	assert_string_equal(label_of(in, MH_IOC_IP, "198.51.100.200"), "DPRK IT worker VPN exits");
	assert_string_equal(label_of(in, MH_IOC_IP, "203.0.113.45"), "Laptop-farm egress");
	assert_string_equal(label_of(in, MH_IOC_IP, "203.0.113.46"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db8:45:1::9"), "Laptop-farm egress");
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "kevin.lee.dev@example.net"),
	                    "famous-chollima");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "blocknovas.example"),
	                    "Front company domains");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "www.softglide.example"),
	                    "Front company domains");
	assert_string_equal(
	    label_of(in, MH_IOC_HASH,
	             "55a2931561c5757930df0750ecb917f33d943a808732eba2cc41c500fc0980cf"),
	    "Resume dropper");
	assert_string_equal(label_of(in, MH_IOC_HASH, "A0B401510BB2D76E1371A0E7816C14E1"),
	                    "Resume dropper");
	/* neither name nor labels: the file's label */
	assert_string_equal(label_of(in, MH_IOC_HASH, "fb82c607bf336e7d757e31490d3e4fc8b50b72a9"),
	                    "stix_dprk");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "jobs-portal.example"),
	                    "Remote-job lure sites");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "nkremote.example"),
	                    "Remote-job lure sites");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.200"), "RDP to farm host");
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "O'Brien.HR@example.org"),
	                    "Recruiter persona");
	/* revoked, snort, NOT, non-indicator objects, url: nothing */
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.99"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.98"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.77"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.66"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "files.example.com"), "(none)");
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "cut-off.example"), "(none)");
	assert_int_equal(mh_intel_count(in, MH_IOC_IP), 4);
	assert_int_equal(mh_intel_count(in, MH_IOC_DOMAIN), 4);
	assert_int_equal(mh_intel_count(in, MH_IOC_HASH), 3);
	assert_int_equal(mh_intel_count(in, MH_IOC_EMAIL), 2);
	mh_intel_free(in);
}

static void test_stix_patterns_mem(void **state)
{
	static const char doc[] =
	    "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--1\","
	    "\"pattern_type\":\"stix\",\"pattern\":\"([ipv4-addr:value = '192.0.2.1'] OR "
	    "[ipv6-addr:value = '2001:db8::7']) FOLLOWEDBY [email-message:from_ref.value = "
	    "'boss@corp-mail.example'] WITHIN 600 SECONDS REPEATS 2 TIMES\"}";
	struct mh_intel *in = mh_intel_new();
	struct warns w = {0};
	struct mh_err err;

	assert_int_equal(
	    mh_intel_load_mem(in, "feeds/one.json", doc, sizeof(doc) - 1, collect, &w, &err), 0);
	mh_intel_seal(in);
	assert_int_equal(w.n, 0);
	assert_string_equal(label_of(in, MH_IOC_IP, "192.0.2.1"), "one");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db8::7"), "one");
	assert_string_equal(label_of(in, MH_IOC_EMAIL, "boss@corp-mail.example"), "one");
	mh_intel_free(in);
}

/* ---- files, directories, errors ---- */

static char tmpdir[] = "/tmp/mh-intel-XXXXXX";

static void write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup_tmp(void **state)
{
	char path[512];

	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof(path), "%s/lists", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/lists/b-vpn", tmpdir);
	mkdir(path, 0700);
	write_file("lists/a-hosting.txt", "10.0.0.0/8\n172.16.5.0/24\n2001:db8::/32\n");
	write_file("lists/b-vpn/ipv4.txt", "10.1.0.0/16\n172.16.5.0/24\n\n# trailing comment\n");
	write_file("lists/b-vpn/ipv6.txt", "2001:db8:1::/48\r\n2001:db8::/32\r\n");
	write_file("lists/README.md", "This is not a list.\n");
	write_file("lists/.hidden", "garbage line\n");
	write_file("bad.json", "{\n  \"type\": \"bundle\",\n  \"objects\": [ {\"type\": }\n]}\n");
	write_file("notstix.json", "{\"type\": \"report\", \"objects\": []}\n");
	return 0;
}

static int remove_tmp(void **state)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_directory_overlap(void **state)
{
	struct mh_intel *in = mh_intel_new();
	struct warns w = {0};
	struct mh_err err;
	char path[512];

	snprintf(path, sizeof(path), "%s/lists", tmpdir);
	assert_int_equal(mh_intel_load(in, path, collect, &w, &err), 0);
	mh_intel_seal(in);
	assert_int_equal(w.n, 0); /* README.md and .hidden skipped */
	/* more specific wins across files; equal prefixes: first loaded (a- before b-) */
	assert_string_equal(label_of(in, MH_IOC_IP, "10.1.2.3"), "b-vpn");
	assert_string_equal(label_of(in, MH_IOC_IP, "10.2.0.0"), "a-hosting");
	assert_string_equal(label_of(in, MH_IOC_IP, "172.16.5.9"), "a-hosting");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db8:1:2::3"), "b-vpn");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db8:2::1"), "a-hosting");
	assert_string_equal(label_of(in, MH_IOC_IP, "2001:db9::1"), "(none)");
	assert_int_equal(mh_intel_count(in, MH_IOC_IP), 5);
	mh_intel_free(in);
}

static void test_gzip(void **state)
{
	struct mh_intel *in = mh_intel_new();
	struct mh_err err;
	char path[512];
	gzFile gz;

	snprintf(path, sizeof(path), "%s/evil-ips.txt.gz", tmpdir);
	gz = gzopen(path, "wb");
	assert_non_null(gz);
	gzputs(gz, "# label: from-gzip\n198.51.100.0/24\n");
	gzclose(gz);
	assert_int_equal(mh_intel_load(in, path, NULL, NULL, &err), 0);
	mh_intel_seal(in);
	assert_string_equal(label_of(in, MH_IOC_IP, "198.51.100.1"), "from-gzip");
	mh_intel_free(in);
	/* without a label line: the file name without .txt.gz */
	in = mh_intel_new();
	gz = gzopen(path, "wb");
	gzputs(gz, "198.51.100.0/24\n");
	gzclose(gz);
	assert_int_equal(mh_intel_load(in, path, NULL, NULL, &err), 0);
	mh_intel_seal(in);
	assert_string_equal(label_of(in, MH_IOC_IP, "198.51.100.1"), "evil-ips");
	mh_intel_free(in);
}

static void test_errors(void **state)
{
	struct mh_intel *in = mh_intel_new();
	struct mh_err err;
	char path[512];

	assert_int_equal(mh_intel_load(in, "/nonexistent/intel.txt", NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/intel.txt"));
	assert_int_equal(mh_intel_load(in, "", NULL, NULL, &err), -1);
	snprintf(path, sizeof(path), "%s/bad.json", tmpdir);
	assert_int_equal(mh_intel_load(in, path, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "bad.json:3: not valid JSON"));
	snprintf(path, sizeof(path), "%s/notstix.json", tmpdir);
	assert_int_equal(mh_intel_load(in, path, NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "not a STIX 2.1 bundle"));
	mh_intel_free(in);
}

static void test_plain_limits(void **state)
{
	struct mh_intel *in = mh_intel_new();
	struct warns w = {0};
	struct mh_err err;
	size_t n = 300 * 10 + 5000;
	char *buf = malloc(n), *p = buf;
	int i;

	assert_non_null(buf);
	for (i = 0; i < 300; i++)
		p += snprintf(p, 10, "bad line\n");
	memset(p, 'a', 4500);
	p += 4500;
	*p++ = '\n';
	memcpy(p, "ok.example\n", 11);
	p += 11;
	assert_int_equal(mh_intel_load_mem(in, "x.txt", buf, (size_t)(p - buf), collect, &w, &err),
	                 0);
	mh_intel_seal(in);
	/* 100 shown, one summary; the long line is counted, the last line loads */
	assert_int_equal(w.n, 101);
	assert_true(warned(&w, "x.txt: 201 more warnings not shown"));
	assert_string_equal(label_of(in, MH_IOC_DOMAIN, "ok.example"), "x");
	free(buf);
	mh_intel_free(in);
}

/* ---- x4bnet against an independent reading of the files ---- */

struct ref_set {
	struct ref_pfx *p;
	size_t n, cap;
};

static void read_list(struct ref_set *s, const char *path, uint32_t tag)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		fail_msg("%s missing: run from the repository root with ../shared/data present",
		         path);
	while (fgets(line, sizeof(line), f)) {
		char *slash = strchr(line, '/');
		struct ref_pfx r = {{0}, 0, tag};
		int fam;

		if (!slash)
			continue;
		*slash = '\0';
		fam = strchr(line, ':') ? AF_INET6 : AF_INET;
		assert_int_equal(inet_pton(fam, line, r.a), 1);
		r.len = (unsigned)strtoul(slash + 1, NULL, 10);
		mask_to(r.a, r.len, fam == AF_INET ? 4 : 16);
		if (fam == AF_INET) { /* keep families apart in the reference */
			memmove(r.a + 12, r.a, 4);
			memset(r.a, 0, 12);
			r.a[10] = r.a[11] = 0xff;
			r.len += 96;
		}
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 1024;
			s->p = realloc(s->p, s->cap * sizeof(*s->p));
			assert_non_null(s->p);
		}
		s->p[s->n++] = r;
	}
	fclose(f);
}

static void test_x4bnet(void **state)
{
	static const char *const files[] = {"datacenter/ipv4.txt", "datacenter/ipv6.txt",
	                                    "vpn/ipv4.txt", "vpn/ipv6.txt"};
	struct mh_intel *in = mh_intel_new();
	struct ref_set ref = {0};
	struct warns w = {0};
	struct mh_err err;
	size_t i, hits = 0, vpn = 0;

	assert_int_equal(mh_intel_load(in, X4BNET, collect, &w, &err), 0);
	mh_intel_seal(in);
	assert_int_equal(w.n, 0);
	for (i = 0; i < 4; i++) {
		char path[256];

		snprintf(path, sizeof(path), "%s/%s", X4BNET, files[i]);
		read_list(&ref, path, i < 2 ? 0 : 1); /* tag 0 datacenter, 1 vpn */
	}
	assert_true(ref.n > 60000);
	for (i = 0; i < 4000; i++) {
		const struct ref_pfx *q = &ref.p[rnd() % ref.n];
		uint8_t a[16];
		struct mh_ip ip = {0};
		struct mh_intel_hit hit;
		uint32_t want;
		int got;
		unsigned k;

		memcpy(a, q->a, 16);
		for (k = q->len / 8; k < 16; k++) /* inside q, or just beyond a short one */
			a[k] = rnd() % 8 == 0 ? a[k] : (uint8_t)rnd();
		want = ref_lookup(ref.p, ref.n, a);
		if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
			ip.family = 4;
			memcpy(ip.a, a + 12, 4);
		} else {
			ip.family = 6;
			memcpy(ip.a, a, 16);
		}
		got = mh_intel_match_ip(in, &ip, &hit);
		if (got != (want != MH_CIDR_NONE) ||
		    (got && strcmp(hit.label, want ? "vpn" : "datacenter") != 0)) {
			char buf[64];

			fail_msg("%s: got %s, want %s", mh_ip_format(&ip, buf, sizeof(buf)),
			         got ? hit.label : "none",
			         want == MH_CIDR_NONE ? "none"
			         : want               ? "vpn"
			                              : "datacenter");
		}
		hits += (size_t)got;
		vpn += got && want == 1;
	}
	printf("x4bnet: %zu of 4000 sampled addresses hit, %zu vpn\n", hits, vpn);
	assert_true(hits > 2000); /* most samples fall inside a listed range */
	assert_true(vpn > 0);
	free(ref.p);
	mh_intel_free(in);
}

/* ---- concurrent reads after seal ---- */

struct reader {
	const struct mh_intel *in;
	const struct mh_ip *ips;
	const uint8_t *want;
	size_t n, mismatches;
};

static void *read_many(void *arg)
{
	struct reader *r = arg;
	size_t i, round;

	for (round = 0; round < 20; round++)
		for (i = 0; i < r->n; i++) {
			struct mh_intel_hit hit;
			int got = mh_intel_match_ip(r->in, &r->ips[i], &hit);

			r->mismatches += got != r->want[i];
			r->mismatches += !match(r->in, MH_IOC_DOMAIN, "x.nkdev.example", &hit);
		}
	return NULL;
}

static void test_threads(void **state)
{
	struct mh_intel *in = mh_intel_new();
	struct mh_ip ips[2000];
	uint8_t want[2000];
	struct reader r[4];
	pthread_t th[4];
	struct mh_err err;
	size_t i;

	assert_int_equal(mh_intel_load(in, FIXTURES "/dprk-it-workers.txt", NULL, NULL, &err), 0);
	assert_int_equal(mh_intel_load(in, X4BNET "/vpn", NULL, NULL, &err), 0);
	mh_intel_seal(in);
	for (i = 0; i < 2000; i++) {
		uint32_t v = rnd() ^ (rnd() << 21);

		ips[i].family = 4;
		memcpy(ips[i].a, &v, 4);
		want[i] = (uint8_t)mh_intel_match_ip(in, &ips[i], NULL);
	}
	for (i = 0; i < 4; i++) {
		r[i] = (struct reader){in, ips, want, 2000, 0};
		assert_int_equal(pthread_create(&th[i], NULL, read_many, &r[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(r[i].mismatches, 0);
	}
	mh_intel_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cidr_random),
	    cmocka_unit_test(test_cidr_edges),
	    cmocka_unit_test(test_plain_fixture),
	    cmocka_unit_test(test_stix_fixture),
	    cmocka_unit_test(test_stix_patterns_mem),
	    cmocka_unit_test(test_directory_overlap),
	    cmocka_unit_test(test_gzip),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_plain_limits),
	    cmocka_unit_test(test_x4bnet),
	    cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup_tmp, remove_tmp);
}
