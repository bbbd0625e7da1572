/*
 * molehunt simulate: write a simulated company with hidden operatives and
 * benign look-alikes (docs/SIMULATOR.md). Deterministic per seed and options.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "sim/sim.h"

#define DEFAULT_VPN_DIR "../shared/data/x4bnet/output"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: molehunt simulate --out DIR [--employees N] [--days D] [--applicants A]\n"
	        "                         [--seed S] [--scale F] [--vpn-ranges DIR] [--quiet]\n\n"
	        "  --employees N     people on the roster (default 200)\n"
	        "  --days D          days of logs (default 45)\n"
	        "  --applicants A    Greenhouse candidates (default 300)\n"
	        "  --seed S          random seed (default 1); same seed, same bytes\n"
	        "  --scale F         endpoint events per person-day multiplier (default 1)\n"
	        "  --vpn-ranges DIR  x4bnet output/ directory for real VPN and hosting exits\n"
	        "                    (default " DEFAULT_VPN_DIR " when it exists)\n");
}

static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct mh_sim_opts *o)
{
	uint64_t v;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--quiet")) {
			o->quiet = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		if (!val) {
			fprintf(stderr, "molehunt simulate: %s needs a value\n", a);
			return -1;
		}
		i++;
		if (!strcmp(a, "--out"))
			o->out_dir = val;
		else if (!strcmp(a, "--vpn-ranges"))
			o->vpn_dir = val;
		else if (!strcmp(a, "--employees") && !parse_u64(val, MH_SIM_MAX_EMPLOYEES, &v))
			o->employees = (uint32_t)v;
		else if (!strcmp(a, "--days") && !parse_u64(val, MH_SIM_MAX_DAYS, &v))
			o->days = (uint32_t)v;
		else if (!strcmp(a, "--applicants") && !parse_u64(val, MH_SIM_MAX_APPLICANTS, &v))
			o->applicants = (uint32_t)v;
		else if (!strcmp(a, "--seed") && !parse_u64(val, UINT64_MAX, &v))
			o->seed = v;
		else if (!strcmp(a, "--scale")) {
			char *end;

			o->scale = strtod(val, &end);
			if (*end || !(o->scale > 0 && o->scale <= 100)) {
				fprintf(stderr, "molehunt simulate: --scale must be in (0, 100]\n");
				return -1;
			}
		} else {
			fprintf(stderr, "molehunt simulate: bad option or value: %s %s\n", a, val);
			return -1;
		}
	}
	return 0;
}

int mh_cmd_simulate(int argc, char **argv)
{
	struct mh_sim_opts o = {
	    .employees = 200, .days = 45, .applicants = 300, .seed = 1, .scale = 1.0};
	struct mh_err err;
	int rc = parse_opts(argc, argv, &o);

	if (rc) {
		usage(rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : 2;
	}
	if (!o.out_dir) {
		fprintf(stderr, "molehunt simulate: --out DIR is required\n");
		usage(stderr);
		return 2;
	}
	if (!o.vpn_dir && access(DEFAULT_VPN_DIR "/vpn/ipv4.txt", R_OK) == 0)
		o.vpn_dir = DEFAULT_VPN_DIR;
	mh_err_clear(&err);
	if (mh_sim_run(&o, &err)) {
		fprintf(stderr, "molehunt simulate: %s\n", err.msg);
		return err.code == MH_EUSAGE ? 2 : 3;
	}
	return 0;
}
