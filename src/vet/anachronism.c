/* Technologies claimed before they existed (see anachronism.h). */
#include "vet/anachronism.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect/reftable.h"
#include "util/xalloc.h"

#define MAX_TECH  512
#define YEAR_MIN  1950
#define YEAR_MAX  2100
#define LINE_MAX_ 4096

struct tech {
	const char *name;  /* display name */
	const char *alias; /* one spelling matched */
	size_t n;
	int year;
};

static struct tech techs[MAX_TECH];
static size_t ntech;
static int loaded = -1; /* 1 ok, 0 failed */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct mh_reftable table;

/* A year written as four digits, or -1. */
static int year4(const char *p)
{
	int y = 0, k;

	for (k = 0; k < 4; k++) {
		if (p[k] < '0' || p[k] > '9')
			return -1;
		y = y * 10 + (p[k] - '0');
	}
	return y;
}

static int year_cell(const char *s)
{
	return strlen(s) == 4 ? year4(s) : -1;
}

static void add(const char *name, const char *alias, size_t n, int year)
{
	if (ntech < MAX_TECH && n)
		techs[ntech++] = (struct tech){name, alias, n, year};
}

static void load(void)
{
	struct mh_err err;
	int cn, cy, ca;
	size_t r;

	if (mh_reftable_load(&table, "tech_years.tsv", &err)) {
		loaded = 0;
		return;
	}
	cn = mh_reftable_col(&table, "name");
	cy = mh_reftable_col(&table, "year");
	ca = mh_reftable_col(&table, "aliases");
	for (r = 0; r < table.nrows; r++) {
		const char *name = mh_reftable_cell(&table, r, cn), *al, *item;
		int year = year_cell(mh_reftable_cell(&table, r, cy));
		size_t n;

		if (year < YEAR_MIN || year > YEAR_MAX)
			continue;
		add(name, name, strlen(name), year);
		al = ca >= 0 ? mh_reftable_cell(&table, r, ca) : "";
		while (mh_list_next(&al, &item, &n))
			add(name, item, n, year);
	}
	loaded = 1;
}

int mh_anachronism_init(struct mh_err *err)
{
	pthread_once(&once, load);
	if (loaded != 1)
		return mh_err_set(err, MH_EINPUT,
		                  "tech_years.tsv: the embedded table does not load");
	return 0;
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

static int plausible(int y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* "YYYY - YYYY", "(YYYY-YYYY)", "YYYY – present", "YYYY to YYYY" in the
 * line: 1 with *end = the last year (YEAR_MAX for a running job). */
static int job_range(const char *p, size_t n, int *end)
{
	static const char *const now[] = {"present", "Present", "PRESENT", "now",
	                                  "Now",     "current", "Current", "today"};
	size_t i, j, k;

	for (i = 0; i + 4 <= n; i++) {
		int y0 = year4(p + i), y1;

		if (!plausible(y0) || (i && is_alnum((unsigned char)p[i - 1])))
			continue;
		j = i + 4;
		while (j < n && p[j] == ' ')
			j++;
		if (j < n && p[j] == '-')
			j++;
		else if (j + 3 <= n &&
		         (!memcmp(p + j, "\xe2\x80\x93", 3) || !memcmp(p + j, "\xe2\x80\x94", 3)))
			j += 3;
		else if (j + 2 <= n && !memcmp(p + j, "to", 2))
			j += 2;
		else
			continue;
		while (j < n && p[j] == ' ')
			j++;
		if (j + 4 <= n && plausible(y1 = year4(p + j)) && y1 >= y0 &&
		    (j + 4 == n || !is_alnum((unsigned char)p[j + 4]))) {
			*end = y1;
			return 1;
		}
		for (k = 0; k < sizeof(now) / sizeof(now[0]); k++)
			if (j + strlen(now[k]) <= n && !memcmp(p + j, now[k], strlen(now[k]))) {
				*end = YEAR_MAX;
				return 1;
			}
	}
	return 0;
}

static int heading_is(const char *p, size_t n, const char *const *heads, size_t nh)
{
	size_t k;

	while (n && (p[n - 1] == ' ' || p[n - 1] == ':' || p[n - 1] == '\r'))
		n--;
	while (n && *p == ' ')
		p++, n--;
	for (k = 0; k < nh; k++)
		if (n == strlen(heads[k]) && !strncasecmp(p, heads[k], n))
			return 1;
	return 0;
}

/* 1: a heading of the work history; -1: of another section (education,
 * skills ...), whose year ranges are not jobs; 0: not a heading. */
static int heading(const char *p, size_t n)
{
	static const char *const work[] = {
	    "experience", "work experience",    "professional experience",
	    "employment", "employment history", "work history"};
	static const char *const other[] = {
	    "education", "skills",     "certifications", "projects", "languages",    "summary",
	    "interests", "references", "publications",   "awards",   "volunteering", "courses"};

	if (heading_is(p, n, work, sizeof(work) / sizeof(work[0])))
		return 1;
	return heading_is(p, n, other, sizeof(other) / sizeof(other[0])) ? -1 : 0;
}

/* The first technology named in the line (whole word) released after end. */
static const struct tech *late_tech(const char *p, size_t n, int end)
{
	size_t t, i;

	for (t = 0; t < ntech; t++) {
		const struct tech *x = &techs[t];

		if (x->year <= end || x->n > n)
			continue;
		for (i = 0; i + x->n <= n; i++)
			if (!memcmp(p + i, x->alias, x->n) &&
			    (!i || !is_alnum((unsigned char)p[i - 1])) &&
			    (i + x->n == n || !is_alnum((unsigned char)p[i + x->n])))
				return x;
	}
	return NULL;
}

int mh_anachronism_in_line(const char *line, size_t n, int job_end)
{
	pthread_once(&once, load);
	return loaded == 1 && late_tech(line, n, job_end) != NULL;
}

int mh_anachronism_find(const char *text, size_t n, struct mh_anachronism *out)
{
	const char *p = text, *endp = text + n;
	int end = 0, found = 0, work = 1, h;

	pthread_once(&once, load);
	if (loaded != 1)
		return -1;
	memset(out, 0, sizeof(*out));
	while (p < endp) {
		const char *nl = memchr(p, '\n', (size_t)(endp - p));
		size_t len = (size_t)((nl ? nl : endp) - p);
		const struct tech *x;
		int e;

		if (len > LINE_MAX_)
			len = LINE_MAX_;
		if ((h = heading(p, len))) {
			work = h > 0;
			end = 0;
		} else if (work && job_range(p, len, &e)) {
			end = e;
		}
		if (end && end < YEAR_MAX && (x = late_tech(p, len, end))) {
			if (!found) {
				snprintf(out->tech, sizeof(out->tech), "%s", x->name);
				out->released = x->year;
				out->job_end = end;
			}
			found = 1;
			out->count++;
		}
		p = nl ? nl + 1 : endp;
	}
	return found;
}
