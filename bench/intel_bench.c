/*
 * Intel benchmark: load CIDR lists (default ../shared/data/x4bnet/output, or
 * the paths given), then time IPv4 and IPv6 lookups on random addresses.
 * Prints load time, prefix and interval counts, warnings, and lookups per
 * second (best of 3 rounds).
 *
 *   build/release/bench/intel_bench [PATH]...
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "intel/intel.h"
#include "util/ip.h"

#define LOOKUPS 4000000u
#define ROUNDS  3

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void count_warning(void *arg, const char *msg)
{
	size_t *n = arg;

	if (*n < 5)
		fprintf(stderr, "warning: %s\n", msg);
	(*n)++;
}

/* Random addresses; IPv6 ones inside 2000::/4 where the lists live, so the
 * searches walk populated buckets instead of falling through empty ones. */
static void fill(struct mh_ip *ips, size_t n, int family)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		memset(&ips[i], 0, sizeof(ips[i]));
		ips[i].family = (uint8_t)family;
		for (k = 0; k < (family == 4 ? 4u : 16u); k++)
			ips[i].a[k] = (uint8_t)next_rand();
		if (family == 6)
			ips[i].a[0] = (uint8_t)(0x20 | (ips[i].a[0] & 0x0f));
	}
}

static double lookups_per_s(const struct mh_intel *in, const struct mh_ip *ips, size_t n,
                            size_t *hits)
{
	double best = 0;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now_s(), dt;
		size_t i, h = 0;

		for (i = 0; i < n; i++)
			h += (size_t)mh_intel_match_ip(in, &ips[i], NULL);
		dt = now_s() - t0;
		if (dt > 0 && n / dt > best)
			best = (double)n / dt;
		*hits = h;
	}
	return best;
}

/* mh_ip_parse on the text of the addresses (mixed IPv4 and IPv6). */
static double parses_per_s(const struct mh_ip *ips, size_t n)
{
	static char text[LOOKUPS / 8][48];
	size_t m = n < LOOKUPS / 8 ? n : LOOKUPS / 8, i;
	double best = 0;
	int r;

	for (i = 0; i < m; i++)
		mh_ip_format(&ips[i * 8 % n], text[i], sizeof(text[i]));
	for (r = 0; r < ROUNDS; r++) {
		double t0 = now_s(), dt;
		size_t ok = 0;
		struct mh_ip ip;

		for (i = 0; i < m; i++)
			ok += mh_ip_parse(text[i], strlen(text[i]), &ip) == 0;
		dt = now_s() - t0;
		if (ok != m)
			return 0;
		if (dt > 0 && m / dt > best)
			best = (double)m / dt;
	}
	return best;
}

int main(int argc, char **argv)
{
	static struct mh_ip ips[LOOKUPS];
	const char *def = "../shared/data/x4bnet/output";
	struct mh_intel *in = mh_intel_new();
	struct mh_err err;
	size_t warnings = 0, hits = 0;
	double t0, t_load, t_seal, rate;
	int i;

	t0 = now_s();
	for (i = 1; i < argc || (argc == 1 && i == 1); i++) {
		const char *path = argc > 1 ? argv[i] : def;

		if (mh_intel_load(in, path, count_warning, &warnings, &err) < 0) {
			fprintf(stderr, "intel_bench: %s\n", err.msg);
			mh_intel_free(in);
			return 3;
		}
	}
	t_load = now_s() - t0;
	t0 = now_s();
	mh_intel_seal(in);
	t_seal = now_s() - t0;
	printf("load: %.1f ms (parse %.1f ms + seal %.1f ms), %zu prefixes, %zu warnings\n",
	       (t_load + t_seal) * 1e3, t_load * 1e3, t_seal * 1e3, mh_intel_count(in, MH_IOC_IP),
	       warnings);

	fill(ips, LOOKUPS, 4);
	printf("parse: %.1f M IPv4 texts/s\n", parses_per_s(ips, LOOKUPS) / 1e6);
	rate = lookups_per_s(in, ips, LOOKUPS, &hits);
	printf("ipv4: %.1f M lookups/s (best of %d, %u random addresses, %.1f%% hit)\n", rate / 1e6,
	       ROUNDS, LOOKUPS, 100.0 * (double)hits / LOOKUPS);
	fill(ips, LOOKUPS, 6);
	printf("parse: %.1f M IPv6 texts/s\n", parses_per_s(ips, LOOKUPS) / 1e6);
	rate = lookups_per_s(in, ips, LOOKUPS, &hits);
	printf("ipv6: %.1f M lookups/s (best of %d, %u random addresses in 2000::/4, %.1f%% hit)\n",
	       rate / 1e6, ROUNDS, LOOKUPS, 100.0 * (double)hits / LOOKUPS);
	mh_intel_free(in);
	return 0;
}
