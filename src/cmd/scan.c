/* molehunt scan: read logs into the store (engine/scan.c does the work). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/alert_args.h"
#include "cmd/cmd.h"
#include "engine/scan.h"
#include "util/xalloc.h"

static const char usage[] =
    "usage: molehunt scan [OPTIONS] INPUT...\n"
    "\n"
    "Read sign-in, endpoint and code-hosting logs, resolve every user name to a\n"
    "person, keep bounded per-person aggregates, run the detectors and score\n"
    "everyone. Formats are detected from content: Okta System Log, Entra ID\n"
    "sign-ins (Graph and Azure Monitor shapes), ECS, osquery results, GitHub\n"
    "audit log; JSON Lines or a JSON array; .gz and .zst read transparently;\n"
    "'-' is stdin. Re-scanning an input only reads what was appended to it.\n"
    "\n"
    "options:\n"
    "  --db FILE          store (default molehunt.db)\n"
    "  --roster FILE      HR roster CSV; kept in the store for later scans\n"
    "  --intel PATH       threat-intel list, STIX 2.1 bundle or directory (repeatable);\n"
    "                     remembered: a later scan without --intel uses them again\n"
    "  --mmdb FILE        MaxMind DB for country/ASN enrichment (repeatable; remembered)\n"
    "  --forget-intel     drop the remembered --intel and --mmdb paths\n"
    "  --config FILE      YAML weights, windows and allow-lists (docs/CONFIG.md)\n"
    "  --share-key FILE   consortium key: match the roster against peers' shared\n"
    "                     hashes (docs/SHARE.md; default: share.key_file of the "
    "config)\n" MH_ALERT_USAGE
    "  --format NAME      force a decoder: okta, entra, entra-diag, ecs, osquery, github\n"
    "  --threads N        decoding threads (default: one per CPU)\n"
    "  --max-errors N     rejected lines shown per input (default 20; all are counted)\n"
    "  --no-progress      never draw the progress bar\n"
    "  -q, --quiet        no summary\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 ok (also when an alert sink failed: that is reported and retried),\n"
    "2 usage error, 3 an input or the store could not be read\n";

static int parse_uint(const char *s, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v > 1000000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int mh_cmd_scan(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"roster", required_argument, NULL, 'r'},
	    {"intel", required_argument, NULL, 'i'},
	    {"mmdb", required_argument, NULL, 'm'},
	    {"config", required_argument, NULL, 'c'},
	    {"format", required_argument, NULL, 'f'},
	    {"share-key", required_argument, NULL, 'K'},
	    {"threads", required_argument, NULL, 't'},
	    {"max-errors", required_argument, NULL, 'e'},
	    {"no-progress", no_argument, NULL, 'P'},
	    {"forget-intel", no_argument, NULL, 'F'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    MH_ALERT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct mh_scan_opts o;
	struct mh_scan_report r;
	struct mh_err err;
	struct mh_arglist intel = {0}, mmdb = {0};
	int c, quiet = 0, rc;

	memset(&o, 0, sizeof(o));
	o.db = "molehunt.db";
	o.max_reject_msgs = 20;
	o.progress = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o.db = optarg;
			break;
		case 'r':
			o.roster = optarg;
			break;
		case 'i':
			mh_arglist_push(&intel, optarg);
			break;
		case 'm':
			mh_arglist_push(&mmdb, optarg);
			break;
		case 'K':
			o.share_key = optarg;
			break;
		case 'c':
			o.config = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 't':
			if (parse_uint(optarg, &o.threads) || !o.threads) {
				fprintf(stderr,
				        "molehunt scan: --threads wants a positive number\n");
				return 2;
			}
			break;
		case 'e':
			if (parse_uint(optarg, &o.max_reject_msgs)) {
				fprintf(stderr, "molehunt scan: --max-errors wants a number\n");
				return 2;
			}
			break;
		case 'P':
			o.progress = 0;
			break;
		case 'F':
			o.forget_intel = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			if (mh_alert_arg(c, optarg, &o.alert))
				break;
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind >= argc && !o.roster) {
		fprintf(stderr, "molehunt scan: no input given\n\n%s", usage);
		return 2;
	}
	o.inputs = (const char *const *)argv + optind;
	o.ninputs = (size_t)(argc - optind);
	o.intel = intel.v;
	o.nintel = intel.n;
	o.mmdb = mmdb.v;
	o.nmmdb = mmdb.n;
	mh_err_clear(&err);
	rc = mh_scan(&o, &r, &err);
	if (rc)
		fprintf(stderr, "molehunt scan: %s\n", err.msg);
	if (!quiet && (r.nin || r.roster_persons))
		mh_scan_report_print(stdout, &r);
	mh_scan_report_release(&r);
	free(intel.v);
	free(mmdb.v);
	return !rc ? 0 : err.code == MH_EUSAGE ? 2 : 3;
}
