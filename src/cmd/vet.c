/* molehunt vet: judge applicants before the offer (vet/vet.h does the work). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "config/config.h"
#include "ingest/ingest.h"
#include "ingest/roster.h"
#include "cases/subjects.h"
#include "engine/sources.h"
#include "intel/geo.h"
#include "intel/intel.h"
#include "share/match.h"
#include "store/store_share.h"
#include "store/store_vet.h"
#include "util/xalloc.h"
#include "vet/report.h"
#include "vet/vet.h"

static const char usage[] =
    "usage: molehunt vet [OPTIONS] APPLICANTS...\n"
    "\n"
    "Vet applicants before the offer: identity artifacts re-used by other\n"
    "applicants or employees, near-duplicate resumes, threat intel, many\n"
    "applications at once, inconsistent claims, referrals by flagged staff,\n"
    "artifacts of people peer companies flagged ('molehunt share').\n"
    "APPLICANTS are Greenhouse Harvest candidates (JSON array or JSON Lines)\n"
    "or the applicant CSV (docs/VET.md); .gz and .zst read transparently.\n"
    "Every vetted applicant is kept in the store for later batches.\n"
    "\n"
    "options:\n"
    "  --db FILE          store (default molehunt.db)\n"
    "  --roster FILE      HR roster CSV (default: the roster stored by scans)\n"
    "  --intel PATH       threat-intel list, STIX 2.1 bundle or directory (repeatable;\n"
    "                     default: the lists the last scan of this store used)\n"
    "  --mmdb FILE        MaxMind DB to geolocate interview IPs (repeatable;\n"
    "                     default: the databases the last scan used)\n"
    "  --config FILE      YAML weights and thresholds (docs/VET.md)\n"
    "  --resumes DIR      resume text as DIR/<candidate id>.txt when the record has none\n"
    "  --share-key FILE   consortium key: match peers' shared hashes (docs/SHARE.md;\n"
    "                     default: share.key_file of the config)\n"
    "  --json             one JSON object per applicant (an array)\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 ok, 1 an applicant scored at or above alert.threshold,\n"
    "2 usage error, 3 an input or the store could not be read\n";

struct opts {
	const char *db, *roster, *config, *resumes, *share_key;
	const char **intel, **mmdb, **inputs;
	size_t nintel, nmmdb, ninputs, capi, capm;
	int json;
};

struct ctx {
	struct opts o;
	struct mh_config *cfg;
	struct mh_intel *intel;
	char **intel_paths, **mmdb_paths; /* given, or remembered by scan */
	size_t nintel_paths, nmmdb_paths;
	struct mh_geo *geo;
	struct mh_store *store;
	struct mh_roster roster;
	int have_roster;
	struct mh_applicants batch;
	struct mh_vet *vet;
	struct mh_share_keys keys;
	struct mh_share_set share;
	char **flagged;
	double *flagged_score;
	size_t nflagged;
	char **subjects; /* people under open cases, and the cases */
	int64_t *subject_case;
	size_t nsubjects;
};

static void warn(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "molehunt vet: %s\n", msg);
}

static void reject(void *arg, const char *where, const char *why)
{
	(void)arg;
	fprintf(stderr, "molehunt vet: %s: %s\n", where, why);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"roster", required_argument, NULL, 'r'},
	    {"intel", required_argument, NULL, 'i'},
	    {"mmdb", required_argument, NULL, 'm'},
	    {"config", required_argument, NULL, 'c'},
	    {"resumes", required_argument, NULL, 'R'},
	    {"share-key", required_argument, NULL, 'K'},
	    {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->db = optarg;
			break;
		case 'r':
			o->roster = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'R':
			o->resumes = optarg;
			break;
		case 'K':
			o->share_key = optarg;
			break;
		case 'i':
			o->intel = mh_grow(o->intel, &o->capi, o->nintel + 1, sizeof(*o->intel));
			o->intel[o->nintel++] = optarg;
			break;
		case 'm':
			o->mmdb = mh_grow(o->mmdb, &o->capm, o->nmmdb + 1, sizeof(*o->mmdb));
			o->mmdb[o->nmmdb++] = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "molehunt vet: no applicants given\n%s", usage);
		return 2;
	}
	o->inputs = (const char **)argv + optind;
	o->ninputs = (size_t)(argc - optind);
	return -1;
}

/* Intel and MaxMind paths: those given, else the ones scan remembered. */
static int paths(struct ctx *c, const char *key, const char **given, size_t n, char ***out,
                 size_t *nout, struct mh_err *err)
{
	int remembered;
	size_t i;

	if (!n)
		return mh_scan_sources(c->store, key, NULL, 0, 0, out, nout, &remembered, warn,
		                       NULL, err);
	*out = mh_calloc(n + 1, sizeof(**out));
	for (i = 0; i < n; i++)
		(*out)[i] = mh_strdup(given[i]);
	*nout = n;
	return 0;
}

static int load_sources(struct ctx *c, struct mh_err *err)
{
	size_t i;

	if (!(c->cfg = mh_config_load(c->o.config, err)) ||
	    !(c->store = mh_store_open(c->o.db, err)) ||
	    paths(c, "scan.intel", c->o.intel, c->o.nintel, &c->intel_paths, &c->nintel_paths,
	          err) ||
	    paths(c, "scan.mmdb", c->o.mmdb, c->o.nmmdb, &c->mmdb_paths, &c->nmmdb_paths, err))
		return -1;
	if (c->nintel_paths) {
		c->intel = mh_intel_new();
		for (i = 0; i < c->nintel_paths; i++)
			if (mh_intel_load(c->intel, c->intel_paths[i], warn, NULL, err))
				return -1;
		mh_intel_seal(c->intel);
	}
	if (c->nmmdb_paths) {
		c->geo = mh_geo_new();
		for (i = 0; i < c->nmmdb_paths; i++)
			if (mh_geo_add(c->geo, c->mmdb_paths[i], err))
				return -1;
	}
	return 0;
}

static int load_roster(struct ctx *c, struct mh_err *err)
{
	char *csv = NULL;
	size_t n = 0;
	int rc;

	if (c->o.roster) {
		c->have_roster = 1;
		return mh_roster_load(&c->roster, c->o.roster, reject, NULL, err);
	}
	if (mh_store_get_roster(c->store, &csv, &n, err))
		return -1;
	if (!csv)
		return 0;
	c->have_roster = 1;
	rc = mh_roster_parse_mem(&c->roster, "stored roster", csv, n, reject, NULL, err);
	free(csv);
	return rc;
}

/* DIR/<id>.txt for applicants without resume text. */
static void side_resumes(struct ctx *c)
{
	size_t i;

	for (i = 0; c->o.resumes && i < c->batch.n; i++) {
		struct mh_applicant *a = &c->batch.v[i];
		char path[4096], *buf;
		struct mh_err e;
		size_t n;

		if (a->resume || strchr(a->id, '/') || a->id[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s.txt", c->o.resumes, a->id);
		if (mh_ingest_read_all(path, &buf, &n, MH_VET_RESUME_MAX, &e))
			continue;
		mh_applicant_set_str(&a->resume, buf, n, MH_VET_RESUME_MAX);
		free(buf);
	}
}

/* Peer hashes under the consortium key, or a hint that some wait for one. */
static int load_share(struct ctx *c, struct mh_err *err)
{
	const char *path =
	    c->o.share_key ? c->o.share_key : mh_config_str(c->cfg, "share.key_file", NULL);
	int64_t n = 0;

	mh_share_set_init(&c->share, &c->keys);
	if (path && !*path)
		path = NULL; /* share.key_file: "" as `detectors --yaml` writes it */
	if (!path) {
		if (mh_store_share_count(c->store, &n, err))
			return -1;
		if (n)
			fprintf(
			    stderr,
			    "molehunt vet: %lld peer hashes are stored; --share-key matches them\n",
			    (long long)n);
		return 0;
	}
	if (mh_share_keys_load(&c->keys, path, err) ||
	    mh_store_share_load(c->store, &c->share, err))
		return -1;
	if (c->share.unkeyed)
		fprintf(stderr, "molehunt vet: %llu peer hashes under keys %s no longer holds\n",
		        (unsigned long long)c->share.unkeyed, path);
	mh_vet_set_share(c->vet, &c->share);
	return 0;
}

static int output(struct ctx *c, double threshold, struct mh_err *err)
{
	char **fj = mh_calloc(c->batch.n + 1, sizeof(*fj));
	size_t i;
	int rc, alert = 0;

	if (c->o.json)
		fputs("[", stdout);
	for (i = 0; i < c->batch.n; i++) {
		alert |= mh_vet_result(c->vet, i)->score >= threshold;
		fj[i] = mh_vet_report_findings_json(c->vet, &c->batch, i);
		if (c->o.json) {
			char *s = mh_vet_report_json(c->vet, &c->batch, i);

			printf("%s\n%s", i ? "," : "", s);
			free(s);
		}
	}
	if (c->o.json)
		fputs("\n]\n", stdout);
	else
		mh_vet_report_text(stdout, c->vet, &c->batch, threshold);
	rc = mh_store_vet_save(c->store, &c->batch, c->vet, fj, err);
	for (i = 0; i < c->batch.n; i++)
		free(fj[i]);
	free(fj);
	return rc ? -1 : alert;
}

static int run(struct ctx *c, struct mh_err *err)
{
	double threshold;
	size_t i;

	if (load_sources(c, err) || load_roster(c, err))
		return -1;
	if (mh_store_flagged_people(c->store, mh_config_num(c->cfg, "risk.flagged_threshold", 75),
	                            &c->flagged, &c->flagged_score, &c->nflagged, err))
		return -1;
	for (i = 0; i < c->o.ninputs; i++)
		if (mh_applicants_read(&c->batch, c->o.inputs[i], reject, NULL, err))
			return -1;
	side_resumes(c);
	c->vet = mh_vet_new(c->cfg, c->intel, c->geo);
	if (c->have_roster) {
		mh_vet_add_employees(c->vet, &c->roster, (const char *const *)c->flagged,
		                     c->flagged_score, c->nflagged);
		if (mh_case_subjects(c->store, &c->subjects, &c->subject_case, &c->nsubjects, err))
			return -1;
		mh_vet_add_case_subjects(c->vet, (const char *const *)c->subjects, c->subject_case,
		                         c->nsubjects);
	}
	if (load_share(c, err) || mh_store_vet_load(c->store, c->vet, err) ||
	    mh_vet_run(c->vet, &c->batch, err))
		return -1;
	if (c->batch.rejected)
		fprintf(stderr, "molehunt vet: %llu records refused\n",
		        (unsigned long long)c->batch.rejected);
	threshold = mh_config_num(c->cfg, "alert.threshold", 60);
	return output(c, threshold, err);
}

int mh_cmd_vet(int argc, char **argv)
{
	struct ctx c;
	struct mh_err err;
	int rc;

	memset(&c, 0, sizeof(c));
	c.o.db = "molehunt.db";
	rc = parse_args(argc, argv, &c.o);
	if (rc < 0) {
		mh_err_clear(&err);
		rc = run(&c, &err);
		if (rc < 0)
			fprintf(stderr, "molehunt vet: %s\n", err.msg);
		rc = rc < 0 ? 3 : rc;
	}
	mh_vet_free(c.vet);
	mh_share_set_release(&c.share);
	mh_share_keys_clear(&c.keys);
	mh_applicants_release(&c.batch);
	if (c.have_roster)
		mh_roster_free(&c.roster);
	mh_store_free_list(c.flagged, c.nflagged);
	free(c.flagged_score);
	mh_store_free_list(c.subjects, c.nsubjects);
	free(c.subject_case);
	if (c.store)
		mh_store_close(c.store);
	mh_geo_free(c.geo);
	mh_intel_free(c.intel);
	mh_store_free_list(c.intel_paths, c.nintel_paths);
	mh_store_free_list(c.mmdb_paths, c.nmmdb_paths);
	mh_config_free(c.cfg);
	free(c.o.intel);
	free(c.o.mmdb);
	return rc;
}
