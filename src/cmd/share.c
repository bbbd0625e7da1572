/*
 * molehunt share: exchange keyed hashes of flagged people's identity
 * artifacts with peer companies (docs/SHARE.md). export writes a bundle,
 * import checks bundles whole and stores them in one transaction, list
 * shows what peers sent, keygen makes a consortium key.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "config/config.h"
#include "share/bundle.h"
#include "share/export.h"
#include "share/key.h"
#include "share/report.h"
#include "store/store_share.h"
#include "util/xalloc.h"

static const char usage[] =
    "usage: molehunt share export --key-file FILE --exporter ID [--db FILE] [--out FILE]\n"
    "                             [--min-score N | --confirmed] [--config FILE]\n"
    "       molehunt share import --key-file FILE [--db FILE] BUNDLE...\n"
    "       molehunt share list   [--db FILE]\n"
    "       molehunt share keygen FILE\n"
    "\n"
    "Share identity artifacts of flagged people with peer companies as keyed\n"
    "hashes (HMAC-SHA-256 under the consortium key), never as personal data.\n"
    "export writes the phones, e-mails, addresses, payment accounts, profiles\n"
    "and photo hashes of employees at or above risk.flagged_threshold and\n"
    "applicants at or above alert.threshold, on our own evidence only, as a\n"
    "JSON Lines bundle with a random id per person and a MAC. import checks\n"
    "every bundle whole (nothing is stored if one is bad) and replaces each\n"
    "peer's earlier hashes; the same bundle twice changes nothing. 'vet' and\n"
    "'scan' match against them with --share-key (identity.consortium).\n"
    "\n"
    "options:\n"
    "  --key-file FILE    consortium key file, mode 600 (see keygen)\n"
    "  --exporter ID      our member id in the consortium (A-Z a-z 0-9 . _ -)\n"
    "  --db FILE          store (default molehunt.db)\n"
    "  --out FILE         bundle to write (default: standard output)\n"
    "  --min-score N      share people scored at or above N instead of the thresholds\n"
    "  --confirmed        only corroborated people: employees flagged by two or more\n"
    "                     families, applicants by one reuse or intel finding alone\n"
    "  --config FILE      YAML thresholds and weights (docs/CONFIG.md)\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 ok, 2 usage error, 3 a bad bundle or key, or a store error\n";

struct sopts {
	const char *db, *key, *exporter, *out, *config;
	double min_score;
	int has_min, confirmed;
	char **args;
	size_t nargs;
};

static int parse(int argc, char **argv, struct sopts *o)
{
	static const struct option lo[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"key-file", required_argument, NULL, 'k'},
	    {"exporter", required_argument, NULL, 'e'},
	    {"out", required_argument, NULL, 'o'},
	    {"min-score", required_argument, NULL, 'm'},
	    {"confirmed", no_argument, NULL, 'C'},
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	char *end;
	int ch;

	memset(o, 0, sizeof(*o));
	o->db = "molehunt.db";
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->db = optarg;
			break;
		case 'k':
			o->key = optarg;
			break;
		case 'e':
			o->exporter = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'C':
			o->confirmed = 1;
			break;
		case 'm':
			o->min_score = strtod(optarg, &end);
			if (!*optarg || *end || !(o->min_score >= 0 && o->min_score <= 100)) {
				fprintf(stderr, "molehunt share: --min-score wants 0 to 100\n");
				return 2;
			}
			o->has_min = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	o->args = argv + optind;
	o->nargs = (size_t)(argc - optind);
	return -1;
}

static int need(const char *sub, const char *what, const void *have)
{
	if (have)
		return 0;
	fprintf(stderr, "molehunt share %s: %s is required\n", sub, what);
	return 2;
}

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Write the bundle to a temporary file beside out, then rename: a reader
 * never sees half a bundle. */
static int write_out(const struct sopts *o, const struct mh_share_key *k, struct mh_share_bundle *b,
                     struct mh_err *err)
{
	char tmp[4096];
	FILE *f;
	int fd, rc;

	if (!o->out || !strcmp(o->out, "-"))
		return mh_share_bundle_write(stdout, "standard output", k, b, err);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp%ld", o->out, (long)getpid()) >= sizeof(tmp))
		return mh_err_set(err, MH_EINPUT, "%s: path too long", o->out);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return mh_err_set(err, MH_EINPUT, "%s: %s", tmp, strerror(errno));
	}
	rc = mh_share_bundle_write(f, o->out, k, b, err);
	if (fclose(f) && !rc)
		rc = mh_err_set(err, MH_EIO, "%s: %s", o->out, strerror(errno));
	if (!rc && rename(tmp, o->out))
		rc = mh_err_set(err, MH_EIO, "%s: %s", o->out, strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

static int cmd_export(const struct sopts *o, const struct mh_share_keys *keys, struct mh_err *err)
{
	struct mh_share_export_opts eo;
	struct mh_share_export_stats st;
	struct mh_share_bundle b;
	struct mh_config *cfg;
	struct mh_store *s;
	char created[11];
	int rc;

	if (!(cfg = mh_config_load(o->config, err)))
		return -1;
	if (!(s = mh_store_open_existing(o->db, err))) {
		mh_config_free(cfg);
		return -1;
	}
	today(created);
	memset(&b, 0, sizeof(b));
	eo.exporter = o->exporter;
	eo.created = created;
	eo.emp_threshold =
	    o->has_min ? o->min_score : mh_config_num(cfg, "risk.flagged_threshold", 75);
	eo.app_threshold = o->has_min ? o->min_score : mh_config_num(cfg, "alert.threshold", 60);
	eo.confirmed = o->confirmed;
	rc = mh_share_export(s, cfg, &keys->v[0], &eo, &b, &st, err);
	if (!rc)
		rc = write_out(o, &keys->v[0], &b, err);
	if (!rc) {
		if (st.no_roster)
			fprintf(stderr, "molehunt share export: no roster in the store: employees "
			                "skipped (run 'molehunt scan --roster')\n");
		fprintf(
		    stderr,
		    "molehunt share export: %zu employees, %zu applicants, %zu hashes under key "
		    "%s%s\n",
		    st.employees, st.applicants, st.records, keys->v[0].id,
		    st.no_artifacts ? " (some flagged people had no shareable artifact)" : "");
	}
	mh_share_bundle_release(&b);
	mh_store_close(s);
	mh_config_free(cfg);
	return rc;
}

static const char *const put_words[] = {"imported", "replaced the earlier bundle", "unchanged",
                                        "skipped: older than the stored bundle"};

static void say_put(const char *path, const struct mh_share_bundle *b,
                    const struct mh_share_put_res *r)
{
	printf("%s: peer %s, created %s, %zu hashes: %s", path, b->exporter, b->created, b->n,
	       put_words[r->status]);
	if (r->status == MH_SP_REPLACED || r->status == MH_SP_OLDER)
		printf(" of %s", r->prev_created);
	putchar('\n');
}

static int store_all(const struct sopts *o, const struct mh_share_keys *keys,
                     struct mh_share_bundle *b, uint8_t (*digest)[MH_SHARE_HASH_LEN],
                     struct mh_err *err)
{
	struct mh_share_put_res *res = mh_calloc(o->nargs, sizeof(*res));
	struct mh_store *s = mh_store_open(o->db, err);
	int64_t now = (int64_t)time(NULL) * 1000;
	size_t i;
	int rc = s ? mh_store_begin(s, err) : -1;

	for (i = 0; !rc && i < o->nargs; i++)
		rc = mh_store_share_put(s, &b[i], digest[i], now, &res[i], err);
	if (!rc)
		rc = mh_store_commit(s, err);
	else if (s)
		mh_store_rollback(s);
	for (i = 0; !rc && i < o->nargs; i++)
		say_put(o->args[i], &b[i], &res[i]);
	if (!rc)
		rc = mh_share_report(stdout, s, keys, err);
	free(res);
	if (s)
		mh_store_close(s);
	return rc;
}

static int cmd_import(const struct sopts *o, const struct mh_share_keys *keys, struct mh_err *err)
{
	struct mh_share_bundle *b = mh_calloc(o->nargs, sizeof(*b));
	uint8_t(*digest)[MH_SHARE_HASH_LEN] = mh_calloc(o->nargs, sizeof(*digest));
	size_t i, n = 0;
	int rc = 0;

	/* Every bundle is checked before any is stored. */
	for (; n < o->nargs && !rc; n++)
		rc = mh_share_bundle_read(&b[n], keys, o->args[n], digest[n], err);
	if (!rc)
		rc = store_all(o, keys, b, digest, err);
	for (i = 0; i < n; i++)
		mh_share_bundle_release(&b[i]);
	free(b);
	free(digest);
	return rc;
}

static int on_peer(void *arg, const struct mh_share_peer_row *r)
{
	(void)arg;
	printf("%-20s created %s  %6lld hashes  %5lld people  key %s\n", r->peer, r->created,
	       (long long)r->records, (long long)r->subjects, r->key_id);
	return 0;
}

static int cmd_list(const struct sopts *o, struct mh_err *err)
{
	struct mh_store *s = mh_store_open_existing(o->db, err);
	int rc;

	if (!s)
		return -1;
	rc = mh_store_share_each_peer(s, on_peer, NULL, err);
	mh_store_close(s);
	return rc;
}

static int run(const char *sub, const struct sopts *o, struct mh_err *err)
{
	struct mh_share_keys keys;
	int rc;

	if (!strcmp(sub, "list"))
		return o->nargs ? 2 : cmd_list(o, err);
	if (!strcmp(sub, "keygen"))
		return o->nargs != 1 ? 2 : mh_share_keygen(o->args[0], err);
	if (need(sub, "--key-file", o->key))
		return 2;
	if (!strcmp(sub, "export") && (need(sub, "--exporter", o->exporter) || o->nargs))
		return 2;
	if (!strcmp(sub, "import") && !o->nargs) {
		fprintf(stderr, "molehunt share import: no bundle given\n");
		return 2;
	}
	if (o->exporter && !mh_share_peer_valid(o->exporter)) {
		fprintf(stderr, "molehunt share: --exporter wants 1 to 64 of A-Z a-z 0-9 . _ -\n");
		return 2;
	}
	if (mh_share_keys_load(&keys, o->key, err))
		return -1;
	rc = !strcmp(sub, "export") ? cmd_export(o, &keys, err) : cmd_import(o, &keys, err);
	mh_share_keys_clear(&keys);
	return rc;
}

int mh_cmd_share(int argc, char **argv)
{
	static const char *const subs[] = {"export", "import", "list", "keygen", NULL};
	const char *sub = argc > 1 ? argv[1] : "";
	struct mh_err err;
	struct sopts o;
	int i, rc;

	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	for (i = 0; subs[i] && strcmp(subs[i], sub); i++)
		;
	if (!subs[i]) {
		fputs(usage, stderr);
		return 2;
	}
	rc = parse(argc - 1, argv + 1, &o);
	if (rc >= 0)
		return rc;
	if (o.has_min && o.confirmed) {
		fprintf(stderr, "molehunt share: --min-score and --confirmed exclude each other\n");
		return 2;
	}
	mh_err_clear(&err);
	rc = run(sub, &o, &err);
	if (rc == 2)
		fputs(usage, stderr);
	else if (rc < 0)
		fprintf(stderr, "molehunt share %s: %s\n", sub, err.msg);
	return rc < 0 ? 3 : rc;
}
