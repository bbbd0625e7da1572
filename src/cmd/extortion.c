/*
 * molehunt extortion: parse the message, unpack and hash what it carries,
 * match it against indexed documents and everyone's data movement, link the
 * sender and the Received chain to people, and open a case holding the
 * message, the samples, the findings and the playbook (docs/EXTORTION.md).
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/log.h"
#include "cases/playbook.h"
#include "cmd/cmd.h"
#include "extortion/attrib.h"
#include "extortion/fileio.h"
#include "extortion/leak.h"
#include "extortion/mime.h"
#include "extortion/report.h"
#include "store/store.h"
#include "util/xalloc.h"

#define SAMPLE_MAX  (256u << 20)
#define MAX_SAMPLES 64
#define LOG_TOP     10 /* candidates kept in the case log */

static const char usage[] =
    "usage: molehunt extortion [--db FILE] MESSAGE.eml [--sample PATH]... [--json]\n"
    "\n"
    "Attribute an extortion message and its leaked samples to the people who\n"
    "accessed exactly that data. The message (RFC 5322/MIME; '-' is stdin) is\n"
    "parsed, zip and tar attachments are unpacked (hostile archives refused),\n"
    "every file is hashed and fingerprinted, then matched against everyone's\n"
    "file, download, USB and clone evidence and the documents of 'molehunt\n"
    "index'. The sender addresses and the Received-chain IPs are linked to the\n"
    "roster and sign-in IPs. Every run opens a case holding the message and the\n"
    "samples as evidence, the ranking and the playbook (molehunt case show ID).\n"
    "\n"
    "options:\n"
    "  --db FILE       store (default molehunt.db)\n"
    "  --sample PATH   a leaked file or archive received another way (repeatable)\n"
    "  --top N         candidates shown (default 10, all with --json; 0 = all)\n"
    "  --json          JSON output: {case, head, message, leaked, refused,\n"
    "                  candidates: [{person, score, matched, reasons ...}], playbook}\n"
    "  -h, --help      this text\n"
    "\n"
    "exit status: 0 a case was opened, 2 usage error, 3 input or store error\n";

struct opts {
	const char *db, *msg;
	const char *samples[MAX_SAMPLES];
	size_t nsamples;
	long top;
	int json;
};

struct run {
	struct opts *o;
	struct mh_store *s;
	unsigned char *raw;
	size_t nraw;
	struct mh_mail mail;
	struct mh_leak leak;
	struct mh_attrib at;
	int64_t case_id;
	char head[MH_SHA256_HEX];
	struct mh_err err;
};

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
	    {"db", required_argument, NULL, 'd'},  {"sample", required_argument, NULL, 's'},
	    {"top", required_argument, NULL, 't'}, {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},      {NULL, 0, NULL, 0},
	};
	int ch;
	char *end;

	memset(o, 0, sizeof(*o));
	o->db = "molehunt.db";
	o->top = -1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->db = optarg;
			break;
		case 's':
			if (o->nsamples == MAX_SAMPLES) {
				fprintf(stderr, "molehunt extortion: at most %d --sample\n",
				        MAX_SAMPLES);
				return 2;
			}
			o->samples[o->nsamples++] = optarg;
			break;
		case 't':
			o->top = strtol(optarg, &end, 10);
			if (*end || o->top < 0) {
				fprintf(stderr, "molehunt extortion: --top wants a number\n");
				return 2;
			}
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
	if (argc - optind != 1) {
		fputs(usage, stderr);
		return 2;
	}
	o->msg = argv[optind];
	if (o->top < 0)
		o->top = o->json ? 0 : 10;
	return -1;
}

/* Attachments and samples into the leaked set; body text for fingerprints. */
static int collect(struct run *r)
{
	char where[1200];
	size_t i;

	for (i = 0; i < r->mail.nparts; i++) {
		const struct mh_mail_part *p = &r->mail.parts[i];

		if (!p->attachment) {
			mh_leak_add_body(&r->leak, p->name, (const char *)p->data, p->n);
			continue;
		}
		snprintf(where, sizeof(where), "%s: attachment %s", r->o->msg, p->name);
		if (mh_leak_add(&r->leak, where, p->name, "attachment", p->data, p->n, &r->err))
			return -1;
	}
	for (i = 0; i < r->o->nsamples; i++) {
		unsigned char *buf;
		size_t n;
		int rc;

		if (mh_file_read(r->o->samples[i], SAMPLE_MAX, &buf, &n, &r->err))
			return mh_err_prefix(&r->err, "--sample");
		snprintf(where, sizeof(where), "--sample %s", r->o->samples[i]);
		rc = mh_leak_add(&r->leak, where, r->o->samples[i], "sample", buf, n, &r->err);
		free(buf);
		if (rc)
			return -1;
	}
	return 0;
}

static cJSON *refusals(const struct mh_leak *L)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < L->nrefusals; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(L->refusals[i]));
	return arr;
}

static cJSON *open_data(const struct run *r)
{
	cJSON *d = cJSON_CreateObject();
	char title[300];

	snprintf(title, sizeof(title), "Extortion: %.200s",
	         r->mail.subject ? r->mail.subject : "(no subject)");
	cJSON_AddStringToObject(d, "title", title);
	cJSON_AddStringToObject(d, "type", "extortion");
	cJSON_AddStringToObject(d, "message", r->o->msg);
	return d;
}

static cJSON *message_data(const struct run *r)
{
	cJSON *d = mh_report_mail(&r->mail), *rec = cJSON_AddArrayToObject(d, "received");
	size_t i;

	for (i = 0; i < r->mail.nreceived; i++)
		cJSON_AddItemToArray(rec, cJSON_CreateString(r->mail.received[i]));
	return d;
}

static cJSON *attribution_data(const struct run *r)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddNumberToObject(d, "leaked_files", (double)r->at.leaves);
	cJSON_AddItemToObject(d, "candidates",
	                      mh_report_candidates(&r->at, &r->leak, r->s, LOG_TOP));
	return d;
}

static int open_case(struct run *r)
{
	struct mh_store *s = r->s;
	cJSON *d;
	size_t i;

	if (mh_store_begin(s, &r->err))
		return -1;
	if (mh_case_open(s, open_data(r), &r->case_id, &r->err) ||
	    mh_case_add_evidence(s, r->case_id, r->o->msg, "message", r->raw, r->nraw, NULL,
	                         &r->err))
		goto fail;
	for (i = 0; i < r->o->nsamples; i++) {
		unsigned char *buf;
		size_t n;
		int rc;

		if (mh_file_read(r->o->samples[i], SAMPLE_MAX, &buf, &n, &r->err))
			goto fail;
		rc = mh_case_add_evidence(s, r->case_id, r->o->samples[i], "sample", buf, n, NULL,
		                          &r->err);
		free(buf);
		if (rc)
			goto fail;
	}
	d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "items", mh_report_leak(&r->leak));
	cJSON_AddItemToObject(d, "refused", refusals(&r->leak));
	if (mh_case_append(s, r->case_id, "message", message_data(r), NULL, &r->err) ||
	    mh_case_append(s, r->case_id, "leaked", d, NULL, &r->err) ||
	    mh_case_append(s, r->case_id, "attribution", attribution_data(r), NULL, &r->err))
		goto fail;
	d = cJSON_CreateObject();
	cJSON_AddItemToObject(d, "steps", mh_playbook_json());
	if (mh_case_append(s, r->case_id, "playbook", d, r->head, &r->err) ||
	    mh_store_commit(s, &r->err))
		goto fail;
	return 0;
fail:
	mh_store_rollback(s);
	return -1;
}

static void print_json(struct run *r)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddNumberToObject(o, "case", (double)r->case_id);
	cJSON_AddStringToObject(o, "head", r->head);
	cJSON_AddItemToObject(o, "message", mh_report_mail(&r->mail));
	cJSON_AddNumberToObject(o, "leaked_files", (double)r->at.leaves);
	cJSON_AddItemToObject(o, "leaked", mh_report_leak(&r->leak));
	cJSON_AddItemToObject(o, "refused", refusals(&r->leak));
	cJSON_AddItemToObject(o, "candidates",
	                      mh_report_candidates(&r->at, &r->leak, r->s, (size_t)r->o->top));
	cJSON_AddItemToObject(o, "playbook", mh_playbook_json());
	text = cJSON_Print(o);
	printf("%s\n", text);
	free(text);
	cJSON_Delete(o);
}

static void print_text(struct run *r)
{
	size_t i, k, shown = 0;

	printf("case %lld opened (head %.16s...)\n", (long long)r->case_id, r->head);
	printf("message: %s", r->mail.message_id ? r->mail.message_id : "(no Message-ID)");
	for (i = 0; i < r->mail.naddrs; i++)
		printf(", %s %s", r->mail.addrs[i].role, r->mail.addrs[i].addr);
	printf("\nleaked: %zu files\n\n", r->at.leaves);
	printf("rank  score  person               email                            coverage\n");
	for (i = 0; i < r->at.n && (!r->o->top || i < (size_t)r->o->top); i++) {
		const struct mh_candidate *c = &r->at.c[i];

		printf("%4zu  %5.1f  %-20.20s %-32.32s %5.0f%%\n", i + 1, c->score,
		       c->key ? c->key : "?", c->email ? c->email : "-", 100 * c->coverage);
	}
	for (i = 0; i < r->at.n && shown < 3; i++, shown++) {
		const struct mh_candidate *c = &r->at.c[i];

		printf("\n%zu. %s\n", i + 1, c->key ? c->key : "?");
		for (k = 0; k < c->nreasons; k++)
			printf("   - %s\n", c->reasons[k]);
	}
	printf("\nplaybook: molehunt case show %lld\n", (long long)r->case_id);
}

static int run(struct run *r)
{
	size_t i;

	if (mh_file_read(r->o->msg, MH_MAIL_MAX, &r->raw, &r->nraw, &r->err))
		return -1;
	r->s = mh_store_open_existing(r->o->db, &r->err);
	if (!r->s)
		return -1;
	if (mh_mail_parse(r->o->msg, r->raw, r->nraw, &r->mail, &r->err) || collect(r))
		return -1;
	for (i = 0; i < r->leak.nrefusals; i++)
		fprintf(stderr, "molehunt extortion: %s\n", r->leak.refusals[i]);
	if (mh_leak_match_docs(r->s, &r->leak, &r->err) ||
	    mh_attrib_run(r->s, &r->leak, &r->mail,
	                  r->mail.date_ms ? r->mail.date_ms : mh_case_now(), &r->at, &r->err) ||
	    open_case(r))
		return -1;
	if (r->o->json)
		print_json(r);
	else
		print_text(r);
	return 0;
}

int mh_cmd_extortion(int argc, char **argv)
{
	struct opts o;
	struct run r;
	int rc = parse(argc, argv, &o);

	if (rc >= 0)
		return rc;
	memset(&r, 0, sizeof(r));
	r.o = &o;
	mh_leak_init(&r.leak);
	mh_err_clear(&r.err);
	rc = run(&r) ? 3 : 0;
	if (rc)
		fprintf(stderr, "molehunt extortion: %s\n", r.err.msg);
	mh_attrib_release(&r.at);
	mh_leak_release(&r.leak);
	mh_mail_release(&r.mail);
	mh_store_close(r.s);
	free(r.raw);
	return rc;
}
