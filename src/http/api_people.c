/* GET /api/people: the ranked list, paged and filtered, from the index. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

#define PAGE_MAX  500
#define QUERY_MAX 100

cJSON *mh_person_summary(const struct mh_ix_person *p)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	uint8_t k;

	cJSON_AddNumberToObject(o, "rank", p->rank);
	cJSON_AddStringToObject(o, "pseudonym", p->pseudo);
	cJSON_AddNumberToObject(o, "score", p->score);
	cJSON_AddBoolToObject(o, "resolved", p->resolved);
	cJSON_AddStringToObject(o, "department", p->department);
	cJSON_AddStringToObject(o, "title", p->title);
	cJSON_AddStringToObject(o, "country", p->country);
	cJSON_AddStringToObject(o, "timezone", p->timezone);
	cJSON_AddNumberToObject(o, "first_ms", (double)p->first_ms);
	cJSON_AddNumberToObject(o, "last_ms", (double)p->last_ms);
	cJSON_AddNumberToObject(o, "events", (double)p->events);
	cJSON_AddNumberToObject(o, "finding_count", p->nfindings);
	arr = cJSON_AddArrayToObject(o, "reasons");
	for (k = 0; k < p->nreasons; k++) {
		cJSON *r = cJSON_CreateObject();

		cJSON_AddStringToObject(r, "detector", p->reasons[k].detector);
		cJSON_AddNumberToObject(r, "points", p->reasons[k].points);
		cJSON_AddStringToObject(r, "summary", p->reasons[k].summary);
		cJSON_AddItemToArray(arr, r);
	}
	return o;
}

struct filter {
	char q[QUERY_MAX + 1];
	const char *department;
	double min_score;
};

static int wanted(const struct mh_ix_person *p, const struct filter *f)
{
	if (p->score < f->min_score)
		return 0;
	if (f->department && strcasecmp(p->department, f->department))
		return 0;
	return !f->q[0] || strstr(p->search, f->q);
}

static int read_filter(struct mh_req *r, struct filter *f)
{
	const char *q = mh_req_query(r, "q");
	long min;
	size_t i, n;

	memset(f, 0, sizeof(*f));
	if (mh_req_int(r, "min_score", 0, 0, 100, &min))
		return -1;
	f->min_score = (double)min;
	f->department = mh_req_query(r, "department");
	if (f->department && !*f->department)
		f->department = NULL;
	if (q) {
		n = strlen(q);
		if (n > QUERY_MAX)
			return mh_reply_error(r, 400, "parameter 'q' longer than %d", QUERY_MAX),
			       -1;
		for (i = 0; i < n; i++)
			f->q[i] = (char)tolower((unsigned char)q[i]);
		f->q[n] = '\0';
	}
	return 0;
}

static cJSON *histogram(const struct mh_ix *ix)
{
	cJSON *arr = cJSON_CreateArray();
	int i;

	for (i = 0; i < MH_IX_HIST_BINS; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(ix->hist[i]));
	return arr;
}

int mh_api_people(struct mh_req *r)
{
	const struct mh_ix *ix;
	struct filter f;
	long offset, limit;
	size_t i, matched = 0;
	cJSON *o, *arr;

	if (mh_req_int(r, "offset", 0, 0, 10000000, &offset) ||
	    mh_req_int(r, "limit", 50, 1, PAGE_MAX, &limit) || read_filter(r, &f))
		return 0;
	ix = mh_http_ix_get(r);
	if (!ix)
		return 0;
	o = cJSON_CreateObject();
	arr = cJSON_CreateArray();
	for (i = 0; i < ix->n; i++) {
		if (!wanted(&ix->v[i], &f))
			continue;
		if (matched >= (size_t)offset && matched < (size_t)(offset + limit))
			cJSON_AddItemToArray(arr, mh_person_summary(&ix->v[i]));
		matched++;
	}
	cJSON_AddNumberToObject(o, "total", (double)ix->n);
	cJSON_AddNumberToObject(o, "flagged", ix->flagged);
	cJSON_AddNumberToObject(o, "matched", (double)matched);
	cJSON_AddNumberToObject(o, "offset", (double)offset);
	cJSON_AddNumberToObject(o, "limit", (double)limit);
	cJSON_AddNumberToObject(o, "as_of_ms", (double)ix->built_ms);
	cJSON_AddItemToObject(o, "histogram", histogram(ix));
	cJSON_AddItemToObject(o, "people", arr);
	mh_http_ix_put(r->s, ix);
	return mh_reply_json(r, 200, o);
}
