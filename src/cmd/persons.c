/* molehunt persons: who the store knows and how source names resolved to them. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/store.h"

static const char usage[] =
    "usage: molehunt persons [--db FILE] [--unresolved] [--json]\n"
    "\n"
    "List every person in the store: roster people with the user names that\n"
    "resolved to them (as each source spelled them), and unresolved names,\n"
    "which are kept as people of their own, never dropped.\n"
    "\n"
    "options:\n"
    "  --db FILE      store (default molehunt.db)\n"
    "  --unresolved   only names the roster does not know\n"
    "  --json         JSON output\n"
    "  -h, --help     this text\n";

struct ctx {
	struct mh_store *store;
	struct mh_err *err;
	int unresolved_only;
	cJSON *arr, *names;
	char line[512];
	size_t shown, resolved, unresolved;
};

static int on_name(void *arg, const char *value, const char *src, uint64_t count)
{
	struct ctx *c = arg;

	if (c->names) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "name", value);
		cJSON_AddStringToObject(o, "source", src ? src : "");
		cJSON_AddNumberToObject(o, "events", (double)count);
		cJSON_AddItemToArray(c->names, o);
	} else {
		size_t n = strlen(c->line);

		snprintf(c->line + n, sizeof(c->line) - n, "%s%s (%s)", n ? ", " : "", value,
		         src ? src : "?");
	}
	return 0;
}

static int on_person(void *arg, const struct mh_person_row *p)
{
	struct ctx *c = arg;

	if (p->resolved)
		c->resolved++;
	else
		c->unresolved++;
	if (c->unresolved_only && p->resolved)
		return 0;
	c->shown++;
	if (c->arr) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "person", p->key);
		cJSON_AddBoolToObject(o, "resolved", p->resolved);
		if (p->email)
			cJSON_AddStringToObject(o, "email", p->email);
		if (p->name)
			cJSON_AddStringToObject(o, "name", p->name);
		cJSON_AddNumberToObject(o, "events", (double)p->events);
		c->names = cJSON_AddArrayToObject(o, "names");
		cJSON_AddItemToArray(c->arr, o);
		return mh_store_each_artifact(c->store, p->id, "name", on_name, c, c->err);
	}
	c->line[0] = '\0';
	if (mh_store_each_artifact(c->store, p->id, "name", on_name, c, c->err))
		return -1;
	printf("%-20.20s %-10s %-32.32s %9llu  %s\n", p->key, p->resolved ? "roster" : "UNRESOLVED",
	       p->email ? p->email : "-", (unsigned long long)p->events, c->line);
	return 0;
}

int mh_cmd_persons(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"unresolved", no_argument, NULL, 'u'},
	    {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = "molehunt.db";
	int json = 0, ch, rc;
	struct mh_err err;
	struct ctx c;

	memset(&c, 0, sizeof(c));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'u':
			c.unresolved_only = 1;
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
		fprintf(stderr, "molehunt persons: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	mh_err_clear(&err);
	c.err = &err;
	c.store = mh_store_open_existing(db, &err);
	if (!c.store) {
		fprintf(stderr, "molehunt persons: %s\n", err.msg);
		return 3;
	}
	if (json)
		c.arr = cJSON_CreateArray();
	else
		printf("%-20s %-10s %-32s %9s  %s\n", "person", "status", "email", "events",
		       "names seen (source)");
	rc = mh_store_each_person(c.store, 0, on_person, &c, &err);
	if (!rc && json) {
		char *out = cJSON_Print(c.arr);

		printf("%s\n", out);
		free(out);
	} else if (!rc) {
		printf("%zu people: %zu on the roster, %zu unresolved\n", c.resolved + c.unresolved,
		       c.resolved, c.unresolved);
	}
	cJSON_Delete(c.arr);
	mh_store_close(c.store);
	if (rc) {
		fprintf(stderr, "molehunt persons: %s\n", err.msg);
		return 3;
	}
	return 0;
}
