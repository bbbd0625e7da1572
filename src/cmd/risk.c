/* molehunt risk: people ranked by score, as a table or as the JSON of SPEC 6. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/store.h"

static const char usage[] =
    "usage: molehunt risk [--db FILE] [--top N] [--json]\n"
    "\n"
    "Rank people by risk score (0-100), highest first, with the findings behind\n"
    "each score. --json prints an array of {person, email, name, score,\n"
    "contributions, findings: [{detector, points, summary, evidence}]}.\n"
    "\n"
    "options:\n"
    "  --db FILE   store (default molehunt.db)\n"
    "  --top N     at most N people (default 20 for the table, all for --json)\n"
    "  --json      JSON output\n"
    "  -h, --help  this text\n";

struct ctx {
	struct mh_store *store;
	struct mh_err *err;
	cJSON *arr; /* JSON mode */
	cJSON *cur; /* findings array of the current person */
	int rank;
	char reasons[160];
};

/* Evidence items with the source path resolved from its id. */
static cJSON *evidence(struct mh_store *store, const char *json)
{
	cJSON *arr = json ? cJSON_Parse(json) : NULL, *o;

	if (!arr)
		return cJSON_CreateArray();
	cJSON_ArrayForEach(o, arr)
	{
		cJSON *id = cJSON_GetObjectItem(o, "source_id");
		char path[1024];

		if (!id)
			continue;
		mh_store_source_path(store, (int64_t)cJSON_GetNumberValue(id), path, sizeof(path));
		cJSON_DeleteItemFromObject(o, "source_id");
		if (path[0])
			cJSON_AddStringToObject(o, "source", path);
	}
	return arr;
}

static int on_finding_json(void *arg, const struct mh_finding_row *f)
{
	struct ctx *c = arg;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "detector", f->detector);
	cJSON_AddNumberToObject(o, "points", f->points);
	cJSON_AddStringToObject(o, "summary", f->summary);
	cJSON_AddNumberToObject(o, "count", (double)f->count);
	cJSON_AddNumberToObject(o, "first_ms", (double)f->first_ms);
	cJSON_AddNumberToObject(o, "last_ms", (double)f->last_ms);
	cJSON_AddItemToObject(o, "evidence", evidence(c->store, f->evidence));
	cJSON_AddItemToArray(c->cur, o);
	return 0;
}

static int on_person_json(void *arg, const struct mh_person_row *p)
{
	struct ctx *c = arg;
	cJSON *o = cJSON_CreateObject(), *contrib;

	cJSON_AddStringToObject(o, "person", p->key);
	if (p->email)
		cJSON_AddStringToObject(o, "email", p->email);
	else
		cJSON_AddNullToObject(o, "email");
	if (p->name)
		cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddBoolToObject(o, "resolved", p->resolved);
	cJSON_AddNumberToObject(o, "score", p->score);
	cJSON_AddNumberToObject(o, "events", (double)p->events);
	contrib = p->contributions ? cJSON_Parse(p->contributions) : NULL;
	cJSON_AddItemToObject(o, "contributions", contrib ? contrib : cJSON_CreateArray());
	c->cur = cJSON_AddArrayToObject(o, "findings");
	cJSON_AddItemToArray(c->arr, o);
	return mh_store_each_finding(c->store, p->id, on_finding_json, c, c->err);
}

static int on_finding_text(void *arg, const struct mh_finding_row *f)
{
	struct ctx *c = arg;
	size_t n = strlen(c->reasons);

	snprintf(c->reasons + n, sizeof(c->reasons) - n, "%s%s", n ? ", " : "", f->detector);
	return 0;
}

static int on_person_text(void *arg, const struct mh_person_row *p)
{
	struct ctx *c = arg;

	c->reasons[0] = '\0';
	if (mh_store_each_finding(c->store, p->id, on_finding_text, c, c->err))
		return -1;
	printf("%4d  %5.1f  %-20.20s %-32.32s %s\n", ++c->rank, p->score, p->key,
	       p->email ? p->email : "(unresolved)", c->reasons[0] ? c->reasons : "-");
	return 0;
}

int mh_cmd_risk(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"top", required_argument, NULL, 't'},
	    {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = "molehunt.db";
	long top = -1;
	int json = 0, ch, rc;
	struct mh_err err;
	struct ctx c;
	char *end;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 't':
			top = strtol(optarg, &end, 10);
			if (*end || top < 0) {
				fprintf(stderr, "molehunt risk: --top wants a number\n");
				return 2;
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "molehunt risk: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (top < 0)
		top = json ? 0 : 20;
	memset(&c, 0, sizeof(c));
	mh_err_clear(&err);
	c.err = &err;
	c.store = mh_store_open_existing(db, &err);
	if (!c.store) {
		fprintf(stderr, "molehunt risk: %s\n", err.msg);
		return 3;
	}
	if (json) {
		char *out;

		c.arr = cJSON_CreateArray();
		rc = mh_store_each_person(c.store, (size_t)top, on_person_json, &c, &err);
		out = rc ? NULL : cJSON_Print(c.arr);
		if (out)
			printf("%s\n", out);
		free(out);
		cJSON_Delete(c.arr);
	} else {
		printf(
		    "rank  score  person               email                            reasons\n");
		rc = mh_store_each_person(c.store, (size_t)top, on_person_text, &c, &err);
	}
	mh_store_close(c.store);
	if (rc) {
		fprintf(stderr, "molehunt risk: %s\n", err.msg);
		return 3;
	}
	return 0;
}
