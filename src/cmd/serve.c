/* molehunt serve: the HTTP API and dashboard (src/http/ does the work). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/alert_args.h"
#include "cmd/cmd.h"
#include "http/http.h"
#include "util/xalloc.h"

static const char usage[] =
    "usage: molehunt serve --token-file FILE [OPTIONS] [INPUT...]\n"
    "\n"
    "Serve the JSON API (docs/API.md) and the dashboard (docs/DASHBOARD.md) over\n"
    "the store, and keep ingesting: log records POSTed to /api/ingest, every\n"
    "INPUT file, re-read from its checkpoint whenever it grows, and with --kafka\n"
    "the records of Kafka topics, as a member of a consumer group whose offsets\n"
    "are kept in the store with the state (docs/KAFKA.md). Every /api/ request\n"
    "needs 'Authorization: Bearer TOKEN' with a token from the token file (lines of\n"
    "'analyst TOKEN [label]' or 'investigator TOKEN [label]', mode 600).\n"
    "\n"
    "options:\n"
    "  --db FILE          store (default molehunt.db)\n"
    "  --listen ADDR:PORT address to bind (default 127.0.0.1:8080; port 0 = any)\n"
    "  --token-file FILE  bearer tokens and their roles (required)\n"
    "  --roster FILE      HR roster CSV for ingest (default: the stored one)\n"
    "  --intel PATH       threat intel for ingest (repeatable)\n"
    "  --mmdb FILE        MaxMind DB for ingest (repeatable)\n"
    "  --config FILE      YAML settings for ingest (docs/CONFIG.md)\n" MH_ALERT_USAGE
    "  --spool DIR        where POSTed bodies wait for a scan (default DB.spool)\n"
    "  --poll-ms N        how often INPUT files are checked (default 2000)\n"
    "  --threads N        HTTP threads (default 2)\n"
    "  --rate N           requests per second per client address (default 50; 0 = no limit)\n"
    "  --burst N          requests allowed at once above the rate (default 200)\n"
    "  --max-ingest N     largest POST /api/ingest body in bytes (default 8 MiB)\n"
    "  --timeout S        idle connection timeout in seconds (default 15)\n"
    "  --kafka BROKERS    consume Kafka: bootstrap servers HOST:PORT[,...]\n"
    "  --topic T          topic to consume (repeatable; ^REGEX for a pattern)\n"
    "  --kafka-group G    consumer group (default molehunt)\n"
    "  --kafka-option K=V librdkafka setting, e.g. security.protocol=ssl (repeatable)\n"
    "  --kafka-batch N    most messages per scan (default 10000)\n"
    "  --kafka-linger-ms N longest wait to fill a batch (default 1000)\n"
    "  -q, --quiet        no request log\n"
    "  -h, --help         this text\n"
    "\n"
    "exit status: 0 stopped by SIGINT/SIGTERM, 2 usage error, 3 could not start\n";

static int number(const char *opt, const char *s, double min, double max, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end || v < min || v > max) {
		fprintf(stderr, "molehunt serve: --%s wants a number from %g to %g\n", opt, min,
		        max);
		return -1;
	}
	*out = v;
	return 0;
}

struct lists {
	struct mh_arglist intel, mmdb, topics, kopts;
};

static int parse_kafka(int c, struct mh_serve_opts *o, struct lists *l)
{
	double v;

	switch (c) {
	case 'K':
		o->kafka.brokers = optarg;
		return -1;
	case 'P':
		mh_arglist_push(&l->topics, optarg);
		return -1;
	case 'G':
		o->kafka.group = optarg;
		return -1;
	case 'O':
		mh_arglist_push(&l->kopts, optarg);
		return -1;
	case 'N':
		if (number("kafka-batch", optarg, 1, 1000000, &v))
			return 2;
		o->kafka.batch_max = (unsigned)v;
		return -1;
	case 'L':
		if (number("kafka-linger-ms", optarg, 1, 600000, &v))
			return 2;
		o->kafka.linger_ms = (unsigned)v;
		return -1;
	}
	fputs(usage, stderr);
	return 2;
}

static int check_kafka(struct mh_serve_opts *o, struct lists *l)
{
	if (!o->kafka.brokers && (l->topics.n || l->kopts.n || o->kafka.group)) {
		fprintf(stderr, "molehunt serve: --topic, --kafka-group and --kafka-option need "
		                "--kafka\n");
		return 2;
	}
	if (o->kafka.brokers && !l->topics.n) {
		fprintf(stderr, "molehunt serve: --kafka needs at least one --topic\n");
		return 2;
	}
	o->kafka.topics = l->topics.v;
	o->kafka.ntopics = l->topics.n;
	o->kafka.settings = l->kopts.v;
	o->kafka.nsettings = l->kopts.n;
	return -1;
}

static int parse(int argc, char **argv, struct mh_serve_opts *o, struct lists *l)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"listen", required_argument, NULL, 'l'},
	    {"token-file", required_argument, NULL, 'k'},
	    {"roster", required_argument, NULL, 'r'},
	    {"intel", required_argument, NULL, 'i'},
	    {"mmdb", required_argument, NULL, 'm'},
	    {"config", required_argument, NULL, 'c'},
	    {"spool", required_argument, NULL, 's'},
	    {"poll-ms", required_argument, NULL, 'p'},
	    {"threads", required_argument, NULL, 't'},
	    {"rate", required_argument, NULL, 'R'},
	    {"burst", required_argument, NULL, 'B'},
	    {"max-ingest", required_argument, NULL, 'M'},
	    {"timeout", required_argument, NULL, 'T'},
	    {"kafka", required_argument, NULL, 'K'},
	    {"topic", required_argument, NULL, 'P'},
	    {"kafka-group", required_argument, NULL, 'G'},
	    {"kafka-option", required_argument, NULL, 'O'},
	    {"kafka-batch", required_argument, NULL, 'N'},
	    {"kafka-linger-ms", required_argument, NULL, 'L'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    MH_ALERT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	double v;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'l':
			o->listen = optarg;
			break;
		case 'k':
			o->token_file = optarg;
			break;
		case 'r':
			o->scan.roster = optarg;
			break;
		case 'i':
			mh_arglist_push(&l->intel, optarg);
			break;
		case 'm':
			mh_arglist_push(&l->mmdb, optarg);
			break;
		case 'c':
			o->scan.config = optarg;
			break;
		case 's':
			o->spool = optarg;
			break;
		case 'p':
			if (number("poll-ms", optarg, 50, 3600000, &v))
				return 2;
			o->poll_ms = (unsigned)v;
			break;
		case 't':
			if (number("threads", optarg, 1, 64, &v))
				return 2;
			o->threads = (unsigned)v;
			break;
		case 'R':
			if (number("rate", optarg, 0, 1e6, &o->rate))
				return 2;
			break;
		case 'B':
			if (number("burst", optarg, 1, 1e6, &o->burst))
				return 2;
			break;
		case 'M':
			if (number("max-ingest", optarg, 1024, 1 << 30, &v))
				return 2;
			o->max_ingest = (size_t)v;
			break;
		case 'T':
			if (number("timeout", optarg, 1, 3600, &v))
				return 2;
			o->timeout_s = (unsigned)v;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			if (mh_alert_arg(c, optarg, &o->scan.alert))
				break;
			if ((rc = parse_kafka(c, o, l)) >= 0)
				return rc;
		}
	}
	if ((rc = check_kafka(o, l)) >= 0)
		return rc;
	if (!o->token_file) {
		fprintf(stderr, "molehunt serve: --token-file is required\n\n%s", usage);
		return 2;
	}
	o->scan.inputs = (const char *const *)argv + optind;
	o->scan.ninputs = (size_t)(argc - optind);
	o->scan.intel = l->intel.v;
	o->scan.nintel = l->intel.n;
	o->scan.mmdb = l->mmdb.v;
	o->scan.nmmdb = l->mmdb.n;
	return -1;
}

static int loopback(const char *listen)
{
	return !strncmp(listen, "127.", 4) || !strncmp(listen, "[::1]", 5) || listen[0] == ':';
}

int mh_cmd_serve(int argc, char **argv)
{
	struct mh_serve_opts o;
	struct lists l;
	struct mh_server *s;
	struct mh_err err;
	sigset_t set;
	int rc, sig;

	memset(&l, 0, sizeof(l));
	mh_serve_opts_init(&o);
	rc = parse(argc, argv, &o, &l);
	if (rc >= 0)
		goto out;
	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	mh_err_clear(&err);
	s = mh_server_start(&o, &err);
	if (!s) {
		fprintf(stderr, "molehunt serve: %s\n", err.msg);
		rc = err.code == MH_EUSAGE ? 2 : 3;
		goto out;
	}
	if (!loopback(o.listen))
		fprintf(stderr, "molehunt serve: warning: %s is not a loopback address\n",
		        o.listen);
	printf("molehunt serve: listening on http://%.*s:%u/\n",
	       (int)(strrchr(o.listen, ':') - o.listen), o.listen, mh_server_port(s));
	fflush(stdout);
	sigwait(&set, &sig);
	mh_server_stop(s);
	rc = 0;
out:
	free(l.intel.v);
	free(l.mmdb.v);
	free(l.topics.v);
	free(l.kopts.v);
	return rc;
}
