/*
 * YAML config loading with libyaml's event parser. The document must be a
 * mapping; nested mappings extend the dotted key; a sequence of scalars is a
 * list value. Each key is checked against the declared parameters when it is
 * complete, so the error names the line of the offending key.
 */
#include "config/config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "detect/detector.h"
#include "util/xalloc.h"

#define MAX_DEPTH   8
#define MAX_KEY     256
#define MAX_ENTRIES 4096
#define MAX_LIST    10000

const struct mh_param mh_global_params[] = {
    {"risk.half_life_days", MH_P_NUM, 14, 0.1, 3650, "half-life of a finding's points, in days"},
    {"risk.family_bonus", MH_P_NUM, 0.25, 0, 5,
     "score bonus per extra independent family of detectors"},
    {"risk.scale", MH_P_NUM, 40, 1, 10000, "points that map to a score of 63"},
    /* Calibrated on simulator seeds 1-5: the lowest planted operative scored
     * 75.9 there and the highest benign look-alike 70.8. */
    {"risk.flagged_threshold", MH_P_NUM, 75, 0, 100,
     "risk score at or above which an employee counts as flagged (referrals, clusters)"},
    {"risk.confirmed_threshold", MH_P_NUM, 85, 0, 100,
     "risk score from which a flagged employee's referrals weigh in full"},
    {"alert.threshold", MH_P_NUM, 60, 0, 100, "score at or above which commands exit 1"},
    {"alert.jsonl", MH_P_STR, 0, 0, 0, "append alerts to this file as ECS JSON Lines (--alerts)"},
    {"alert.syslog.target", MH_P_STR, 0, 0, 0,
     "send alerts to syslog: udp://, tcp:// or tls://HOST[:PORT], or unix:PATH (--syslog)"},
    {"alert.syslog.facility", MH_P_STR, 0, 0, 0, "syslog facility: kern ... local7, or 0-23"},
    {"alert.syslog.sd_id", MH_P_STR, 0, 0, 0,
     "SD-ID of the structured data (32473 is the documentation enterprise number)"},
    {"alert.syslog.max_bytes", MH_P_NUM, 0, 0, 1048576,
     "longest syslog message; 0 = 2048 on UDP, 8192 otherwise"},
    {"alert.syslog.ca_file", MH_P_STR, 0, 0, 0,
     "CA certificates for tls:// syslog (default: the system's)"},
    {"alert.webhook.url", MH_P_STR, 0, 0, 0, "POST alerts as JSON batches to this URL (--webhook)"},
    {"alert.webhook.secret_file", MH_P_STR, 0, 0, 0,
     "HMAC-SHA-256 key for X-Molehunt-Signature, mode 600 (--webhook-secret)"},
    {"alert.webhook.ca_file", MH_P_STR, 0, 0, 0,
     "CA certificates for https (default: the system's)"},
    {"alert.webhook.timeout_s", MH_P_NUM, 10, 1, 300, "seconds one POST may take"},
    {"alert.webhook.retries", MH_P_NUM, 3, 0, 10,
     "retries after a network error, 5xx, 408 or 429 (never after another 4xx)"},
    {"alert.webhook.backoff_ms", MH_P_NUM, 500, 0, 60000,
     "wait before the first retry; doubles for each next one"},
    {"alert.webhook.batch", MH_P_NUM, 100, 1, 10000, "most alerts in one POST"},
    {"alert.outbox.max_age_days", MH_P_NUM, 30, 1, 3650,
     "undelivered alerts older than this are dropped (and reported)"},
    {"alert.outbox.max", MH_P_NUM, 100000, 100, 10000000,
     "most undelivered alerts kept per sink; the oldest go first"},
    {"allow.remote_tools", MH_P_LIST, 0, 0, 0, "approved remote-control products (ids)"},
    {"allow.remote_tool_hosts", MH_P_LIST, 0, 0, 0,
     "hosts where any remote tool is expected (helpdesk)"},
    {"allow.egress_cidrs", MH_P_LIST, 0, 0, 0, "corporate egress and VPN concentrator ranges"},
    {"allow.office_addresses", MH_P_LIST, 0, 0, 0, "office postal addresses"},
    {"vet.weight.email", MH_P_NUM, 45, 0, 100, "vet: pair points for a shared e-mail"},
    {"vet.weight.phone", MH_P_NUM, 40, 0, 100, "vet: pair points for a shared phone"},
    {"vet.weight.address", MH_P_NUM, 25, 0, 100,
     "vet: pair points for a shared address under different surnames"},
    {"vet.weight.address_shared", MH_P_NUM, 45, 0, 100,
     "vet: pair points for an address held by 3+ surnames"},
    {"vet.weight.family_address", MH_P_NUM, 5, 0, 100,
     "vet: pair points for an address shared under one surname"},
    {"vet.weight.payroll", MH_P_NUM, 50, 0, 100, "vet: pair points for a shared payment account"},
    {"vet.weight.url", MH_P_NUM, 40, 0, 100, "vet: pair points for a shared profile URL"},
    {"vet.weight.photo", MH_P_NUM, 40, 0, 100, "vet: pair points for a shared photo hash"},
    {"vet.weight.resume", MH_P_NUM, 30, 0, 100, "vet: pair points for a near-duplicate resume"},
    {"vet.weight.resume_overlap", MH_P_NUM, 20, 0, 100,
     "vet: pair points for an overlapping resume next to another shared artifact"},
    {"vet.weight.flagged_link", MH_P_NUM, 30, 0, 100,
     "vet: extra pair points when the other record is flagged"},
    {"vet.resume_near", MH_P_NUM, 0.5, 0.05, 1, "vet: resume similarity of a near-duplicate"},
    {"vet.resume_overlap", MH_P_NUM, 0.3, 0.05, 1,
     "vet: resume similarity that corroborates another shared artifact"},
    {"vet.shingle_words", MH_P_NUM, 4, 1, 8, "vet: words per resume shingle"},
    {"vet.hub_max", MH_P_NUM, 25, 2, 100000,
     "vet: records above which a shared value is common and links nobody"},
    {"vet.placeholder.holders", MH_P_NUM, 3, 2, 100000,
     "vet: identities holding a value before it may be a placeholder"},
    {"vet.placeholder.unlinked", MH_P_NUM, 2, 1, 100000,
     "vet: holders sharing nothing else that make a value a placeholder"},
    {"vet.bucket_max", MH_P_NUM, 200, 2, 100000, "vet: largest resume LSH bucket paired"},
    {"vet.link_min", MH_P_NUM, 25, 0, 100, "vet: pair points that join two records in a cluster"},
    {"vet.cluster_points", MH_P_NUM, 60, 0, 100,
     "vet: least identity.reuse points in a confirmed cluster"},
    {"vet.intel_points", MH_P_NUM, 70, 0, 100, "vet: points for an artifact in threat intel"},
    {"vet.intel_phone_points", MH_P_NUM, 40, 0, 100,
     "vet: points for a phone in threat intel (numbers are recycled)"},
    {"vet.referral_points", MH_P_NUM, 60, 0, 100, "vet: points for a flagged referrer"},
    {"vet.velocity.jobs", MH_P_NUM, 8, 2, 10000, "vet: requisitions in the window that count"},
    {"vet.velocity.days", MH_P_NUM, 14, 1, 3650, "vet: velocity window in days"},
    {"vet.velocity.points", MH_P_NUM, 25, 0, 100, "vet: points for application velocity"},
    {"vet.inconsistency.vpn", MH_P_NUM, 15, 0, 100, "vet: interview IP on VPN/hosting"},
    {"vet.inconsistency.geo", MH_P_NUM, 15, 0, 100, "vet: interview IP outside the home country"},
    {"vet.inconsistency.education", MH_P_NUM, 15, 0, 100, "vet: US address, education only abroad"},
    {"vet.inconsistency.free_mail_refs", MH_P_NUM, 10, 0, 100, "vet: every reference on free-mail"},
    {"vet.inconsistency.ship_to", MH_P_NUM, 15, 0, 100, "vet: ship-to differs from home"},
    {"vet.inconsistency.anachronism", MH_P_NUM, 15, 0, 100,
     "vet: resume claims a technology at a job that ended before it existed"},
    {"vet.inconsistency.cap", MH_P_NUM, 35, 0, 100, "vet: most inconsistency points"},
    {"vet.free_mail_domains", MH_P_LIST, 0, 0, 0,
     "vet: free-mail domains beyond the built-in list"},
    {"share.key_file", MH_P_STR, 0, 0, 0,
     "consortium key file for vet and scan matching (docs/SHARE.md)"},
    {"share.peer_bonus", MH_P_NUM, 30, 0, 100,
     "share: points a peer's flagging adds to the matched kinds' vet.weight.*"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* String settings whose default is not "". */
static const struct {
	const char *key, *def;
} str_defaults[] = {
    {"alert.syslog.facility", "local0"},
    {"alert.syslog.sd_id", "molehunt@32473"},
};

struct entry {
	char *key;
	enum mh_ptype type;
	char *str; /* scalar text */
	double num;
	char **items;
	size_t nitems, cap;
};

struct mh_config {
	struct entry *v;
	size_t n, cap;
};

static const struct mh_param implied[] = {
    {"enabled", MH_P_BOOL, 1, 0, 1, "run this detector"},
    {"points", MH_P_NUM, 0, 0, 1000, "points per finding (default: the detector's)"},
    {"cap", MH_P_NUM, 0, 0, 10000, "most points this detector adds to one person"},
    {NULL, 0, 0, 0, 0, NULL},
};

static const struct mh_param *find_in(const struct mh_param *t, const char *name)
{
	for (; t && t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* The declaration of a full dotted key, or NULL. */
static const struct mh_param *declared(const char *key)
{
	const char *rest;
	size_t i;

	if (strncmp(key, "detectors.", 10))
		return find_in(mh_global_params, key);
	rest = key + 10;
	for (i = 0; mh_detectors[i]; i++) {
		const struct mh_detector *d = mh_detectors[i];
		size_t n = strlen(d->id);
		const struct mh_param *p;

		if (strncmp(rest, d->id, n) || rest[n] != '.')
			continue;
		p = find_in(implied, rest + n + 1);
		if (!p)
			p = find_in(d->params, rest + n + 1);
		if (p)
			return p;
	}
	return NULL;
}

static struct entry *entry_get(const struct mh_config *c, const char *key)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (!strcmp(c->v[i].key, key))
			return &c->v[i];
	return NULL;
}

struct parse {
	struct mh_config *c;
	const char *name;
	char path[MAX_DEPTH][MAX_KEY];
	int depth;    /* number of path components */
	int maps;     /* open mappings */
	int want_key; /* in a mapping, expecting a key */
	int in_seq;   /* collecting a list into cur */
	struct entry *cur;
	struct mh_err *err;
};

static void full_key(const struct parse *p, char *out, size_t cap)
{
	size_t o = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < p->depth; i++)
		o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", i ? "." : "",
		                      p->path[i]);
}

static int fail(struct parse *p, const yaml_event_t *ev, const char *fmt, const char *arg)
{
	char msg[300];

	snprintf(msg, sizeof(msg), fmt, arg);
	return mh_err_set(p->err, MH_EINPUT, "%s:%lu: %s", p->name,
	                  (unsigned long)ev->start_mark.line + 1, msg);
}

static struct entry *new_entry(struct parse *p, const char *key, enum mh_ptype t)
{
	struct mh_config *c = p->c;
	struct entry *e;

	c->v = mh_grow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	e->key = mh_strdup(key);
	e->type = t;
	return e;
}

static int set_scalar(struct parse *p, const yaml_event_t *ev, const char *v)
{
	char key[MAX_KEY * MAX_DEPTH];
	const struct mh_param *d;
	struct entry *e;
	char *end;

	full_key(p, key, sizeof(key));
	d = declared(key);
	if (!d)
		return fail(p, ev, "unknown setting '%s'", key);
	if (entry_get(p->c, key))
		return fail(p, ev, "'%s' is set twice", key);
	if (p->c->n >= MAX_ENTRIES)
		return fail(p, ev, "%s", "too many settings");
	if (d->type == MH_P_LIST)
		return fail(p, ev, "'%s' wants a list ([a, b] or one item per line)", key);
	e = new_entry(p, key, d->type);
	e->str = mh_strdup(v);
	if (d->type == MH_P_BOOL) {
		if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"))
			e->num = 1;
		else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off"))
			e->num = 0;
		else
			return fail(p, ev, "'%s' wants true or false", key);
	} else if (d->type == MH_P_NUM) {
		errno = 0;
		e->num = strtod(v, &end);
		if (!*v || *end || errno || !isfinite(e->num))
			return fail(p, ev, "'%s' wants a number", key);
		if (e->num < d->min || e->num > d->max) {
			char msg[200];

			snprintf(msg, sizeof(msg), "'%s' must be between %g and %g", key, d->min,
			         d->max);
			return fail(p, ev, "%s", msg);
		}
	}
	return 0;
}

static int start_seq(struct parse *p, const yaml_event_t *ev)
{
	char key[MAX_KEY * MAX_DEPTH];
	const struct mh_param *d;

	full_key(p, key, sizeof(key));
	d = declared(key);
	if (!d)
		return fail(p, ev, "unknown setting '%s'", key);
	if (d->type != MH_P_LIST)
		return fail(p, ev, "'%s' is not a list setting", key);
	if (entry_get(p->c, key))
		return fail(p, ev, "'%s' is set twice", key);
	p->cur = new_entry(p, key, MH_P_LIST);
	p->in_seq = 1;
	return 0;
}

static int on_scalar(struct parse *p, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (!p->maps)
		return fail(p, ev, "%s", "the config must be a mapping of settings");
	if (p->in_seq) {
		struct entry *e = p->cur;

		if (e->nitems >= MAX_LIST)
			return fail(p, ev, "%s", "list too long");
		e->items = mh_grow(e->items, &e->cap, e->nitems + 1, sizeof(*e->items));
		e->items[e->nitems++] = mh_strdup(v);
		return 0;
	}
	if (p->want_key) {
		if (p->depth >= MAX_DEPTH)
			return fail(p, ev, "%s", "nested too deeply");
		if (strlen(v) >= MAX_KEY || !*v)
			return fail(p, ev, "%s", "bad key");
		snprintf(p->path[p->depth++], MAX_KEY, "%s", v);
		p->want_key = 0;
		return 0;
	}
	if (set_scalar(p, ev, v))
		return -1;
	p->depth--;
	p->want_key = 1;
	return 0;
}

static int on_event(struct parse *p, const yaml_event_t *ev, int *done)
{
	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_STREAM_END_EVENT:
		*done = 1;
		return 0;
	case YAML_MAPPING_START_EVENT:
		if (p->in_seq)
			return fail(p, ev, "%s", "list items must be plain values");
		if (p->maps && p->want_key)
			return fail(p, ev, "%s", "a key must be a plain value");
		p->maps++;
		p->want_key = 1;
		return 0;
	case YAML_MAPPING_END_EVENT:
		if (--p->maps > 0)
			p->depth--; /* the key whose value this mapping was */
		p->want_key = 1;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		if (!p->maps || p->in_seq || p->want_key)
			return fail(p, ev, "%s", "unexpected list");
		return start_seq(p, ev);
	case YAML_SEQUENCE_END_EVENT:
		p->in_seq = 0;
		p->depth--;
		p->want_key = 1;
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(p, ev);
	case YAML_ALIAS_EVENT:
		return fail(p, ev, "%s", "YAML aliases are not supported in the config");
	default:
		return 0;
	}
}

struct mh_config *mh_config_parse(const char *name, const char *text, size_t n, struct mh_err *err)
{
	struct parse p;
	yaml_parser_t yp;
	int done = 0, rc = 0;

	memset(&p, 0, sizeof(p));
	p.c = mh_calloc(1, sizeof(*p.c));
	p.name = name;
	p.err = err;
	if (!yaml_parser_initialize(&yp)) {
		mh_err_set(err, MH_EINPUT, "%s: cannot start the YAML parser", name);
		mh_config_free(p.c);
		return NULL;
	}
	yaml_parser_set_input_string(&yp, (const unsigned char *)text, n);
	while (!done && !rc) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&yp, &ev)) {
			rc = mh_err_set(err, MH_EINPUT, "%s:%lu: %s", name,
			                (unsigned long)yp.problem_mark.line + 1,
			                yp.problem ? yp.problem : "invalid YAML");
			break;
		}
		rc = on_event(&p, &ev, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	if (rc) {
		mh_config_free(p.c);
		return NULL;
	}
	return p.c;
}

struct mh_config *mh_config_load(const char *path, struct mh_err *err)
{
	struct mh_config *c;
	FILE *f;
	char *buf;
	long n;

	if (!path)
		return mh_calloc(1, sizeof(struct mh_config));
	f = fopen(path, "rb");
	if (!f) {
		mh_err_set(err, MH_EINPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1L << 20) ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		mh_err_set(err, MH_EINPUT, "%s: not a readable config of at most 1 MiB", path);
		return NULL;
	}
	buf = mh_malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		mh_err_set(err, MH_EINPUT, "%s: read error", path);
		return NULL;
	}
	fclose(f);
	c = mh_config_parse(path, buf, (size_t)n, err);
	free(buf);
	return c;
}

void mh_config_free(struct mh_config *c)
{
	size_t i, j;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].str);
		for (j = 0; j < c->v[i].nitems; j++)
			free(c->v[i].items[j]);
		free(c->v[i].items);
	}
	free(c->v);
	free(c);
}

double mh_config_num(const struct mh_config *c, const char *key, double def)
{
	const struct entry *e = entry_get(c, key);

	return e && (e->type == MH_P_NUM || e->type == MH_P_BOOL) ? e->num : def;
}

int mh_config_bool(const struct mh_config *c, const char *key, int def)
{
	const struct entry *e = entry_get(c, key);

	return e && e->type == MH_P_BOOL ? (int)e->num : def;
}

const char *mh_config_str(const struct mh_config *c, const char *key, const char *def)
{
	const struct entry *e = entry_get(c, key);

	return e && e->str ? e->str : def;
}

size_t mh_config_list(const struct mh_config *c, const char *key, const char *const **items)
{
	const struct entry *e = entry_get(c, key);

	if (!e || e->type != MH_P_LIST) {
		*items = NULL;
		return 0;
	}
	*items = (const char *const *)e->items;
	return e->nitems;
}

double mh_config_gnum(const struct mh_config *c, const char *key)
{
	const struct mh_param *p = find_in(mh_global_params, key);

	return mh_config_num(c, key, p ? p->def : 0);
}

const char *mh_config_gstr(const struct mh_config *c, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(str_defaults) / sizeof(str_defaults[0]); i++)
		if (!strcmp(str_defaults[i].key, key))
			return mh_config_str(c, key, str_defaults[i].def);
	return mh_config_str(c, key, "");
}

double mh_config_dnum(const struct mh_config *c, const char *detector, const char *name, double def)
{
	char key[MAX_KEY];

	snprintf(key, sizeof(key), "detectors.%s.%s", detector, name);
	return mh_config_num(c, key, def);
}
