/*
 * HR roster CSV -> struct mh_roster (roster.h).
 *
 * The header row maps columns by name (case-insensitive, surrounding blanks
 * ignored); columns the roster does not know become attributes. Each row is
 * checked whole before it is added, so a rejected row leaves nothing behind:
 * field count equal to the header's, employee_id and email present, dates
 * ISO (YYYY-MM-DD), country two letters, privileged a boolean, at most
 * MH_ROSTER_MAX_ALIASES aliases, employee_id not seen before. String fields
 * that are absent are "" (never NULL).
 */
#include "ingest/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/csv.h"
#include "ingest/ingest.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#define MAX_ROSTER_INPUT (256u << 20)

enum {
	C_ID,
	C_EMAIL,
	C_NAME,
	C_DEPT,
	C_TITLE,
	C_MANAGER,
	C_COUNTRY,
	C_CITY,
	C_TZ,
	C_HIRE,
	C_NOTICE,
	C_TERM,
	C_PRIV,
	C_ALIASES,
	C_PHONE,
	C_PEMAIL,
	C_PAYROLL,
	C_SERIAL,
	C_SHIP,
	C_REFERRED,
	C__COUNT
};

static const char *const columns[C__COUNT] = {
    "employee_id",     "email",         "name",         "department",
    "title",           "manager_id",    "country",      "city",
    "timezone",        "hire_date",     "notice_date",  "termination_date",
    "privileged",      "aliases",       "phone",        "personal_email",
    "payroll_account", "laptop_serial", "ship_address", "referred_by",
};

struct header {
	int col[C__COUNT]; /* field index of each known column, -1 absent */
	char **extra;      /* lower-cased names of unknown columns, by field index */
	size_t nf;
};

struct loader {
	struct mh_roster *r;
	const char *name;
	void (*reject)(void *arg, const char *where, const char *why);
	void *arg;
	struct mh_strmap *ids;
};

static char *lower_dup(const char *s)
{
	char *d = mh_strdup(s);

	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return d;
}

/* Trimmed, lower-cased copy of a header cell. */
static char *header_name(const char *s)
{
	size_t n = strlen(s);
	char *d;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	d = mh_strndup(s, n);
	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return d;
}

static void header_free(struct header *h)
{
	for (size_t i = 0; h->extra && i < h->nf; i++)
		free(h->extra[i]);
	free(h->extra);
}

static int parse_header(struct header *h, const struct mh_csv *c, struct mh_err *err)
{
	memset(h, 0, sizeof(*h));
	for (int k = 0; k < C__COUNT; k++)
		h->col[k] = -1;
	h->nf = c->nf;
	h->extra = mh_calloc(c->nf, sizeof(*h->extra));
	for (size_t i = 0; i < c->nf; i++) {
		char *name = header_name(mh_csv_field(c, i));
		int k;

		for (k = 0; k < C__COUNT && strcmp(name, columns[k]) != 0; k++)
			;
		if (k < C__COUNT && h->col[k] >= 0) {
			mh_err_set(err, MH_EINPUT, "column '%s' appears twice in the header", name);
			free(name);
			return -1;
		}
		if (k < C__COUNT) {
			h->col[k] = (int)i;
			free(name);
		} else {
			h->extra[i] = name;
		}
	}
	if (h->col[C_ID] < 0 || h->col[C_EMAIL] < 0)
		return mh_err_set(err, MH_EINPUT,
		                  "header has no employee_id and email columns (not a roster)");
	return 0;
}

static const char *cell(const struct header *h, const struct mh_csv *c, int k)
{
	return h->col[k] >= 0 ? mh_csv_field(c, (size_t)h->col[k]) : "";
}

static int day_of(const char *s, const char *what, int32_t *day, struct mh_err *why)
{
	*day = MH_DAY_NONE;
	if (!*s)
		return 0;
	if (mh_parse_day(s, strlen(s), day) != 0)
		return mh_err_set(why, MH_EINPUT, "%s '%.40s' is not a date (YYYY-MM-DD)", what, s);
	return 0;
}

static int bool_of(const char *s, int *out, struct mh_err *why)
{
	static const char *const yes[] = {"true", "yes", "1", "y"}, *const no[] = {"false", "no",
	                                                                           "0", "n", ""};

	for (size_t i = 0; i < 4; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < 5; i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	return mh_err_set(why, MH_EINPUT, "privileged '%.40s' is not true or false", s);
}

static int country_of(const char *s, char out[3], struct mh_err *why)
{
	out[0] = '\0';
	if (!*s)
		return 0;
	if (strlen(s) != 2 || !((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z') ||
	    !((s[1] | 32) >= 'a' && (s[1] | 32) <= 'z'))
		return mh_err_set(why, MH_EINPUT,
		                  "country '%.40s' is not an ISO 3166-1 alpha-2 code", s);
	out[0] = (char)(s[0] & ~32);
	out[1] = (char)(s[1] & ~32);
	out[2] = '\0';
	return 0;
}

static int aliases_of(const char *s, struct mh_roster_entry *e, struct mh_err *why)
{
	while (*s) {
		const char *end = strchr(s, ';');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		const char *a = s;

		s += n + (end != NULL);
		while (n && (*a == ' ' || *a == '\t'))
			a++, n--;
		while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
			n--;
		if (!n)
			continue;
		if (e->naliases == MH_ROSTER_MAX_ALIASES)
			return mh_err_set(why, MH_EINPUT, "more than %d aliases",
			                  MH_ROSTER_MAX_ALIASES);
		e->aliases[e->naliases] = mh_strndup(a, n);
		for (char *p = e->aliases[e->naliases]; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		e->naliases++;
	}
	return 0;
}

static void entry_free(struct mh_roster_entry *e)
{
	char **strs[] = {&e->employee_id,    &e->email,           &e->name,
	                 &e->department,     &e->title,           &e->manager_id,
	                 &e->city,           &e->timezone,        &e->phone,
	                 &e->personal_email, &e->payroll_account, &e->laptop_serial,
	                 &e->ship_address,   &e->referred_by};

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		free(*strs[i]);
	for (size_t i = 0; i < e->naliases; i++)
		free(e->aliases[i]);
	for (size_t i = 0; i < e->nattrs; i++) {
		free(e->attrs[i].key);
		free(e->attrs[i].value);
	}
	free(e->attrs);
}

static int build_entry(const struct header *h, const struct mh_csv *c, struct mh_roster_entry *e,
                       struct mh_err *why)
{
	char **strs[] = {&e->name,          &e->department,     &e->title,
	                 &e->manager_id,    &e->city,           &e->timezone,
	                 &e->phone,         &e->personal_email, &e->payroll_account,
	                 &e->laptop_serial, &e->ship_address,   &e->referred_by};
	static const int cols[] = {C_NAME,  C_DEPT,   C_TITLE,   C_MANAGER, C_CITY, C_TZ,
	                           C_PHONE, C_PEMAIL, C_PAYROLL, C_SERIAL,  C_SHIP, C_REFERRED};

	e->employee_id = mh_strdup(cell(h, c, C_ID));
	e->email = lower_dup(cell(h, c, C_EMAIL));
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		*strs[i] = mh_strdup(cell(h, c, cols[i]));
	if (!*e->employee_id)
		return mh_err_set(why, MH_EINPUT, "missing employee_id");
	if (!*e->email)
		return mh_err_set(why, MH_EINPUT, "missing email");
	if (day_of(cell(h, c, C_HIRE), "hire_date", &e->hire_day, why) ||
	    day_of(cell(h, c, C_NOTICE), "notice_date", &e->notice_day, why) ||
	    day_of(cell(h, c, C_TERM), "termination_date", &e->termination_day, why) ||
	    bool_of(cell(h, c, C_PRIV), &e->privileged, why) ||
	    country_of(cell(h, c, C_COUNTRY), e->country, why) ||
	    aliases_of(cell(h, c, C_ALIASES), e, why))
		return -1;
	for (size_t i = 0; i < h->nf; i++) {
		if (!h->extra[i])
			continue;
		e->attrs = mh_realloc(e->attrs, (e->nattrs + 1) * sizeof(*e->attrs));
		e->attrs[e->nattrs].key = mh_strdup(h->extra[i]);
		e->attrs[e->nattrs].value = mh_strdup(mh_csv_field(c, i));
		e->nattrs++;
	}
	return 0;
}

static void reject(struct loader *ld, uint64_t line, const char *why)
{
	char where[512];

	ld->r->rejected++;
	if (!ld->reject)
		return;
	snprintf(where, sizeof(where), "%s:%llu", ld->name, (unsigned long long)line);
	ld->reject(ld->arg, where, why);
}

static void add_row(struct loader *ld, const struct header *h, const struct mh_csv *c,
                    uint64_t line)
{
	struct mh_roster *r = ld->r;
	struct mh_roster_entry e;
	struct mh_err why;
	uint32_t first;
	int bad;

	if (c->nf != h->nf) {
		snprintf(why.msg, sizeof(why.msg), "row has %zu fields, the header has %zu", c->nf,
		         h->nf);
		reject(ld, line, why.msg);
		return;
	}
	memset(&e, 0, sizeof(e));
	e.line = line;
	mh_err_clear(&why);
	bad = build_entry(h, c, &e, &why) != 0;
	if (!bad && mh_strmap_get(ld->ids, e.employee_id, strlen(e.employee_id), &first))
		bad = mh_err_set(&why, MH_EINPUT,
		                 "duplicate employee_id '%.64s' (first on line %llu)",
		                 e.employee_id, (unsigned long long)r->v[first].line);
	if (bad) {
		reject(ld, line, why.msg);
		entry_free(&e);
		return;
	}
	/* capacity: 8, then doubling at every power of two */
	if (r->n == 0 || (r->n >= 8 && (r->n & (r->n - 1)) == 0))
		r->v = mh_realloc(r->v, (r->n ? 2 * r->n : 8) * sizeof(*r->v));
	mh_strmap_put(ld->ids, e.employee_id, strlen(e.employee_id), (uint32_t)r->n);
	r->v[r->n++] = e;
}

int mh_roster_sniff(const char *first_line, size_t n)
{
	struct mh_csv c;
	struct header h;
	struct mh_err err;
	uint64_t line;
	int ok;

	mh_csv_init(&c, first_line, n);
	memset(&h, 0, sizeof(h));
	ok = mh_csv_next(&c, &line, &err) == 1 && parse_header(&h, &c, &err) == 0;
	header_free(&h);
	mh_csv_release(&c);
	return ok;
}

int mh_roster_parse_mem(struct mh_roster *r, const char *name, const char *buf, size_t n,
                        void (*rej)(void *arg, const char *where, const char *why), void *arg,
                        struct mh_err *err)
{
	struct loader ld = {r, name, rej, arg, mh_strmap_new()};
	struct mh_csv c;
	struct header h = {0};
	struct mh_err why;
	uint64_t line;
	int rc;

	if (!r->path)
		r->path = mh_strdup(name);
	for (size_t i = 0; i < r->n; i++)
		mh_strmap_put(ld.ids, r->v[i].employee_id, strlen(r->v[i].employee_id),
		              (uint32_t)i);
	mh_csv_init(&c, buf, n);
	rc = mh_csv_next(&c, &line, &why);
	if (rc != 1) {
		rc = rc == 0 ? mh_err_set(err, MH_EINPUT, "%s: empty roster (no header row)", name)
		             : mh_err_set(err, MH_EINPUT, "%s:%llu: header: %s", name,
		                          (unsigned long long)line, why.msg);
		goto out;
	}
	if (parse_header(&h, &c, &why)) {
		rc = mh_err_set(err, MH_EINPUT, "%s:%llu: %s", name, (unsigned long long)line,
		                why.msg);
		goto out;
	}
	while ((rc = mh_csv_next(&c, &line, &why)) != 0) {
		if (rc < 0)
			reject(&ld, line, why.msg);
		else
			add_row(&ld, &h, &c, line);
	}
out:
	header_free(&h);
	mh_csv_release(&c);
	mh_strmap_free(ld.ids);
	return rc;
}

int mh_roster_load(struct mh_roster *r, const char *path,
                   void (*rej)(void *arg, const char *where, const char *why), void *arg,
                   struct mh_err *err)
{
	char *buf;
	size_t n;
	int rc;

	if (mh_ingest_read_all(path, &buf, &n, MAX_ROSTER_INPUT, err))
		return -1;
	rc = mh_roster_parse_mem(r, path, buf, n, rej, arg, err);
	free(buf);
	return rc;
}

void mh_roster_free(struct mh_roster *r)
{
	for (size_t i = 0; i < r->n; i++)
		entry_free(&r->v[i]);
	free(r->v);
	free(r->path);
	memset(r, 0, sizeof(*r));
}
