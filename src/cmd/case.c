/*
 * molehunt case: list, show, note, close, export and verify cases
 * (docs/CASES.md). Every change is an entry appended to the case's
 * hash-chained log; nothing is ever edited in place.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/bundle.h"
#include "cases/log.h"
#include "cases/playbook.h"
#include "cases/summary.h"
#include "cases/verify.h"
#include "cmd/cmd.h"
#include "store/store_cases.h"

static const char usage[] =
    "usage: molehunt case list   [--db FILE] [--json]\n"
    "       molehunt case show   ID [--db FILE] [--json]\n"
    "       molehunt case note   ID [--db FILE] [--done STEP] [TEXT]\n"
    "       molehunt case close  ID [--db FILE] [--reason TEXT]\n"
    "       molehunt case export ID [--db FILE] --out DIR\n"
    "       molehunt case verify [ID] [--db FILE] | --bundle DIR\n"
    "\n"
    "Cases hold evidence stored once under its SHA-256 and an append-only log in\n"
    "which each entry is chained to the one before by SHA-256. 'note --done STEP'\n"
    "marks a playbook step done (steps: preserve, revoke, network, payments,\n"
    "report, no-pay). 'export' writes a bundle that verifies without molehunt\n"
    "(sh verify.sh). 'verify' checks every entry, link and evidence blob of one\n"
    "case, of all cases, or of a bundle.\n"
    "\n"
    "exit status: 0 ok, 1 verify found tampering, 2 usage error, 3 input or store error\n";

struct copts {
	const char *db, *done, *reason, *out, *bundle;
	int json;
	int64_t id;
	char text[4096];
};

static int parse(int argc, char **argv, struct copts *o, int want_id)
{
	static const struct option lo[] = {
	    {"db", required_argument, NULL, 'd'},   {"json", no_argument, NULL, 'j'},
	    {"done", required_argument, NULL, 'D'}, {"reason", required_argument, NULL, 'r'},
	    {"out", required_argument, NULL, 'o'},  {"bundle", required_argument, NULL, 'b'},
	    {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
	};
	int ch, i;
	size_t len = 0;

	memset(o, 0, sizeof(*o));
	o->db = "molehunt.db";
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->db = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'D':
			o->done = optarg;
			break;
		case 'r':
			o->reason = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'b':
			o->bundle = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (want_id && optind < argc) {
		char *end;
		long long v = strtoll(argv[optind], &end, 10);

		if (*end || v <= 0) {
			fprintf(stderr, "molehunt case: '%s' is not a case number\n", argv[optind]);
			return 2;
		}
		o->id = v;
		optind++;
	}
	for (i = optind; i < argc; i++)
		len += (size_t)snprintf(o->text + len,
		                        len < sizeof(o->text) ? sizeof(o->text) - len : 0, "%s%s",
		                        i > optind ? " " : "", argv[i]);
	if (len >= sizeof(o->text)) {
		fprintf(stderr, "molehunt case: text longer than %zu bytes\n", sizeof(o->text) - 1);
		return 2;
	}
	return -1;
}

static struct mh_store *open_store(const char *db)
{
	struct mh_err err;
	struct mh_store *s = mh_store_open_existing(db, &err);

	if (!s)
		fprintf(stderr, "molehunt case: %s\n", err.msg);
	return s;
}

static void print_json(cJSON *o)
{
	char *t = cJSON_Print(o);

	printf("%s\n", t);
	free(t);
	cJSON_Delete(o);
}

static int count_done(const struct mh_case_sum *sum)
{
	return cJSON_GetArraySize(sum->done);
}

static cJSON *sum_json(struct mh_case_sum *sum, int full)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "case", (double)sum->id);
	cJSON_AddStringToObject(o, "title", sum->title ? sum->title : "");
	cJSON_AddStringToObject(o, "status", sum->closed ? "closed" : "open");
	cJSON_AddStringToObject(o, "opened", sum->opened ? sum->opened : "");
	if (sum->closed)
		cJSON_AddStringToObject(o, "closed", sum->closed);
	if (sum->close_reason)
		cJSON_AddStringToObject(o, "close_reason", sum->close_reason);
	cJSON_AddNumberToObject(o, "entries", (double)sum->entries);
	cJSON_AddStringToObject(o, "head", sum->head);
	cJSON_AddNumberToObject(o, "playbook_done", count_done(sum));
	cJSON_AddNumberToObject(o, "playbook_steps",
	                        sum->playbook ? cJSON_GetArraySize(sum->playbook) : 0);
	if (!full)
		return o;
	cJSON_AddItemToObject(o, "evidence", sum->evidence);
	cJSON_AddItemToObject(o, "notes", sum->notes);
	cJSON_AddItemToObject(o, "playbook", sum->playbook ? sum->playbook : cJSON_CreateArray());
	cJSON_AddItemToObject(o, "done", sum->done);
	cJSON_AddItemToObject(o, "attribution",
	                      sum->attribution ? sum->attribution : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "log", sum->log ? sum->log : cJSON_CreateArray());
	sum->evidence = sum->notes = sum->playbook = sum->done = sum->attribution = sum->log = NULL;
	return o;
}

struct list_ctx {
	struct mh_store *s;
	cJSON *arr;
	struct mh_err *err;
};

static int on_case(void *arg, const struct mh_case_row *r)
{
	struct list_ctx *c = arg;
	struct mh_case_sum sum;

	if (mh_case_summarize(c->s, r->id, 0, &sum, c->err))
		return 1;
	if (c->arr)
		cJSON_AddItemToArray(c->arr, sum_json(&sum, 0));
	else
		printf("%4lld  %-6s  %-24.24s  %2d/%zu  %s\n", (long long)r->id,
		       sum.closed ? "closed" : "open", sum.opened ? sum.opened : "",
		       count_done(&sum), mh_playbook_n, sum.title ? sum.title : "");
	mh_case_sum_release(&sum);
	return 0;
}

static int cmd_list(struct mh_store *s, const struct copts *o, struct mh_err *err)
{
	struct list_ctx c = {s, o->json ? cJSON_CreateArray() : NULL, err};
	int rc;

	if (!o->json)
		printf("case  status  opened                    steps  title\n");
	rc = mh_store_each_case(s, on_case, &c, err);
	if (c.arr && !rc)
		print_json(c.arr);
	else
		cJSON_Delete(c.arr);
	return rc;
}

static void show_text(const struct mh_case_sum *sum)
{
	const cJSON *x, *cands;
	int i = 0;

	printf("case %lld: %s\n", (long long)sum->id, sum->title ? sum->title : "");
	printf("status: %s%s%s%s\nopened: %s\nentries: %lld, head %s\n",
	       sum->closed ? "closed " : "open", sum->closed ? sum->closed : "",
	       sum->close_reason ? ": " : "", sum->close_reason ? sum->close_reason : "",
	       sum->opened ? sum->opened : "", (long long)sum->entries, sum->head);
	printf("\nevidence:\n");
	cJSON_ArrayForEach(x, sum->evidence)
	    printf("  %s  %8.0f  %-8s %s\n", cJSON_GetStringValue(cJSON_GetObjectItem(x, "sha256")),
	           cJSON_GetNumberValue(cJSON_GetObjectItem(x, "size")),
	           cJSON_GetStringValue(cJSON_GetObjectItem(x, "role")),
	           cJSON_GetStringValue(cJSON_GetObjectItem(x, "name")));
	cands = sum->attribution ? cJSON_GetObjectItem(sum->attribution, "candidates") : NULL;
	if (cands)
		printf("\ncandidates:\n");
	cJSON_ArrayForEach(x, cands) printf(
	    "  %2d. %-20s %5.1f  %s\n", ++i, cJSON_GetStringValue(cJSON_GetObjectItem(x, "person")),
	    cJSON_GetNumberValue(cJSON_GetObjectItem(x, "score")),
	    cJSON_GetStringValue(cJSON_GetObjectItem(x, "email"))
	        ? cJSON_GetStringValue(cJSON_GetObjectItem(x, "email"))
	        : "");
	printf("\nplaybook:\n");
	cJSON_ArrayForEach(x, sum->playbook)
	{
		const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(x, "id"));
		const cJSON *d = id ? cJSON_GetObjectItem(sum->done, id) : NULL;

		printf("  [%c] %-9s %s", d ? 'x' : ' ', id ? id : "?",
		       cJSON_GetStringValue(cJSON_GetObjectItem(x, "title")));
		if (d)
			printf("  (done %s by %s)",
			       cJSON_GetStringValue(cJSON_GetObjectItem(d, "ts")),
			       cJSON_GetStringValue(cJSON_GetObjectItem(d, "by")));
		printf("\n");
	}
	if (cJSON_GetArraySize(sum->notes))
		printf("\nnotes:\n");
	cJSON_ArrayForEach(x, sum->notes)
	    printf("  %s %s: %s\n", cJSON_GetStringValue(cJSON_GetObjectItem(x, "ts")),
	           cJSON_GetStringValue(cJSON_GetObjectItem(x, "by")),
	           cJSON_GetStringValue(cJSON_GetObjectItem(x, "text")));
}

static int cmd_show(struct mh_store *s, const struct copts *o, struct mh_err *err)
{
	struct mh_case_sum sum;

	if (mh_case_summarize(s, o->id, o->json, &sum, err))
		return -1;
	if (o->json)
		print_json(sum_json(&sum, 1));
	else
		show_text(&sum);
	mh_case_sum_release(&sum);
	return 0;
}

static int writable(struct mh_store *s, int64_t id, struct mh_err *err)
{
	struct mh_case_sum sum;
	int closed;

	if (mh_case_summarize(s, id, 0, &sum, err))
		return -1;
	closed = sum.closed != NULL;
	mh_case_sum_release(&sum);
	return closed ? mh_err_set(err, MH_EINPUT, "case %lld is closed", (long long)id) : 0;
}

static int cmd_note(struct mh_store *s, const struct copts *o, struct mh_err *err)
{
	char head[MH_SHA256_HEX];
	cJSON *d;

	if (o->done && !mh_playbook_find(o->done))
		return mh_err_set(err, MH_EUSAGE, "no playbook step '%s'", o->done);
	if (!o->done && !o->text[0])
		return mh_err_set(err, MH_EUSAGE, "note wants TEXT or --done STEP");
	if (mh_store_begin(s, err))
		return -1;
	if (writable(s, o->id, err))
		goto fail;
	d = cJSON_CreateObject();
	if (o->done) {
		cJSON_AddStringToObject(d, "step", o->done);
		cJSON_AddStringToObject(d, "text", o->text);
	} else
		cJSON_AddStringToObject(d, "text", o->text);
	if (mh_case_append(s, o->id, o->done ? "playbook.done" : "note", d, head, err) ||
	    mh_store_commit(s, err))
		goto fail;
	printf("case %lld: %s recorded, head %s\n", (long long)o->id,
	       o->done ? "step done" : "note", head);
	return 0;
fail:
	mh_store_rollback(s);
	return -1;
}

static int cmd_close(struct mh_store *s, const struct copts *o, struct mh_err *err)
{
	char head[MH_SHA256_HEX];
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "reason", o->reason ? o->reason : o->text);
	if (mh_store_begin(s, err)) {
		cJSON_Delete(d);
		return -1;
	}
	if (writable(s, o->id, err) || mh_case_append(s, o->id, "case.close", d, head, err) ||
	    mh_store_commit(s, err)) {
		if (d && err->code)
			mh_store_rollback(s);
		return -1;
	}
	printf("case %lld closed, head %s\n", (long long)o->id, head);
	return 0;
}

static int cmd_export(struct mh_store *s, const struct copts *o, struct mh_err *err)
{
	char head[MH_SHA256_HEX];
	struct mh_verify v = {NULL, NULL, 0, 0, 0, 0};

	if (!o->out)
		return mh_err_set(err, MH_EUSAGE, "export wants --out DIR");
	if (mh_case_verify(s, o->id, &v, err))
		return -1;
	if (v.problems)
		fprintf(stderr,
		        "molehunt case: warning: case %lld fails verification (%zu problems); "
		        "exporting it as it is\n",
		        (long long)o->id, v.problems);
	if (mh_bundle_export(s, o->id, o->out, head, err))
		return -1;
	printf("case %lld exported to %s\nhead %s (record it: the bundle verifies against it)\n",
	       (long long)o->id, o->out, head);
	return 0;
}

static void on_problem(void *arg, int64_t case_id, const char *msg)
{
	if (case_id)
		printf("case %lld: %s\n", (long long)case_id, msg);
	else
		printf("%s\n", msg);
}

static int cmd_verify(const struct copts *o, struct mh_err *err)
{
	struct mh_verify v = {on_problem, NULL, 0, 0, 0, 0};
	struct mh_store *s = NULL;
	int rc;

	if (o->bundle)
		rc = mh_bundle_verify(o->bundle, &v, err);
	else {
		s = open_store(o->db);
		if (!s)
			return 3;
		rc = mh_case_verify(s, o->id, &v, err);
		mh_store_close(s);
	}
	if (rc) {
		fprintf(stderr, "molehunt case verify: %s\n", err->msg);
		return 3;
	}
	printf("%s: %zu cases, %zu entries, %zu evidence blobs checked, %zu problems\n",
	       v.problems ? "TAMPERED" : "verified", v.cases, v.entries, v.evidence, v.problems);
	return v.problems ? 1 : 0;
}

int mh_cmd_case(int argc, char **argv)
{
	static const char *const subs[] = {"list",   "show",   "note", "close",
	                                   "export", "verify", NULL};
	struct mh_store *s;
	struct mh_err err;
	struct copts o;
	const char *sub = argc > 1 ? argv[1] : "";
	int i, rc;

	for (i = 0; subs[i] && strcmp(subs[i], sub); i++)
		;
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!subs[i]) {
		fputs(usage, stderr);
		return 2;
	}
	rc = parse(argc - 1, argv + 1, &o, i > 0);
	if (rc >= 0)
		return rc;
	if (i > 0 && i < 5 && !o.id) {
		fprintf(stderr, "molehunt case %s: which case? (a number)\n", sub);
		return 2;
	}
	mh_err_clear(&err);
	if (i == 5)
		return cmd_verify(&o, &err);
	s = open_store(o.db);
	if (!s)
		return 3;
	rc = i == 0   ? cmd_list(s, &o, &err)
	     : i == 1 ? cmd_show(s, &o, &err)
	     : i == 2 ? cmd_note(s, &o, &err)
	     : i == 3 ? cmd_close(s, &o, &err)
	              : cmd_export(s, &o, &err);
	mh_store_close(s);
	if (rc) {
		fprintf(stderr, "molehunt case %s: %s\n", sub, err.msg);
		return err.code == MH_EUSAGE ? 2 : 3;
	}
	return 0;
}
