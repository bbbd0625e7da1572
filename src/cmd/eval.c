/*
 * molehunt eval: score a detection run against a simulator's truth.json.
 * Reads the JSON that `molehunt risk --json`, `vet --json` and
 * `extortion --json` print (--risk, --vet, --extortion). Reading rankings
 * straight from the store (--db, default molehunt.db when --risk is absent)
 * come from mh_eval_read_store() (sim/eval_store.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "sim/eval.h"

struct eval_opts {
	const char *truth, *risk, *vet, *ext, *db;
	double vet_threshold;
	int json;
};

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: molehunt eval --truth truth.json [--risk FILE] [--vet FILE]\n"
	    "                     [--extortion FILE] [--vet-threshold T] [--db FILE] [--json]\n\n"
	    "  --risk FILE        output of 'molehunt risk --json' (people ranked by score)\n"
	    "  --vet FILE         output of 'molehunt vet --json'\n"
	    "  --extortion FILE   output of 'molehunt extortion --json'\n"
	    "  --vet-threshold T  vet score at which an applicant counts as flagged (50)\n"
	    "  --json             print the metrics as one JSON object\n");
}

static int parse(int argc, char **argv, struct eval_opts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--json")) {
			o->json = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 1;
		if (!v) {
			fprintf(stderr, "molehunt eval: %s needs a value\n", a);
			return -1;
		}
		i++;
		if (!strcmp(a, "--truth"))
			o->truth = v;
		else if (!strcmp(a, "--risk"))
			o->risk = v;
		else if (!strcmp(a, "--vet"))
			o->vet = v;
		else if (!strcmp(a, "--extortion"))
			o->ext = v;
		else if (!strcmp(a, "--db"))
			o->db = v;
		else if (!strcmp(a, "--vet-threshold")) {
			char *end;

			o->vet_threshold = strtod(v, &end);
			if (*end || o->vet_threshold < 0 || o->vet_threshold > 100) {
				fprintf(stderr, "molehunt eval: --vet-threshold must be 0..100\n");
				return -1;
			}
		} else {
			fprintf(stderr, "molehunt eval: unknown option %s\n", a);
			return -1;
		}
	}
	return 0;
}

static int load(const struct eval_opts *o, struct mh_eval_files *f, struct mh_err *err)
{
	if (!o->risk && o->db && mh_eval_read_store(f, o->db, err))
		return -1;
	if (o->risk && mh_eval_read_risk(f, o->risk, err))
		return -1;
	if (o->vet && mh_eval_read_vet(f, o->vet, err))
		return -1;
	if (o->ext && mh_eval_read_extortion(f, o->ext, err))
		return -1;
	return 0;
}

int mh_cmd_eval(int argc, char **argv)
{
	struct eval_opts o = {.vet_threshold = 50};
	struct mh_eval_files files = {0};
	struct mh_eval_truth truth;
	struct mh_eval_input in = {0};
	struct mh_eval_result res;
	struct mh_err err;
	int rc = parse(argc, argv, &o);

	if (rc) {
		usage(rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : 2;
	}
	if (!o.truth) {
		fprintf(stderr, "molehunt eval: --truth is required\n");
		usage(stderr);
		return 2;
	}
	if (!o.risk && !o.db)
		o.db = "molehunt.db";
	mh_err_clear(&err);
	if (mh_eval_truth_load(&truth, o.truth, &err)) {
		fprintf(stderr, "molehunt eval: %s\n", err.msg);
		return 3;
	}
	if (load(&o, &files, &err)) {
		fprintf(stderr, "molehunt eval: %s\n", err.msg);
		mh_eval_truth_free(&truth);
		mh_eval_files_free(&files);
		return 3;
	}
	in.risk = files.risk;
	in.nrisk = files.nrisk;
	in.vet = o.vet ? files.vet : NULL;
	in.nvet = files.nvet;
	in.vet_threshold = o.vet_threshold;
	in.ext = o.ext ? files.ext : NULL;
	in.next = files.next;
	mh_eval_compute(&truth, &in, &res);
	mh_eval_print(stdout, &res, o.json);
	mh_eval_truth_free(&truth);
	mh_eval_files_free(&files);
	return 0;
}
