/* People under open cases (see subjects.h). */
#include "cases/subjects.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "cases/summary.h"
#include "store/store_cases.h"
#include "util/xalloc.h"

struct acc {
	struct mh_store *s;
	char **keys;
	int64_t *cases;
	size_t n, kcap, ccap;
	struct mh_err *err;
	int failed;
};

static int on_case(void *arg, const struct mh_case_row *r)
{
	struct acc *a = arg;
	struct mh_case_sum sum;
	const cJSON *c, *p;

	if (mh_case_summarize(a->s, r->id, 0, &sum, a->err)) {
		a->failed = 1;
		return 1;
	}
	c = sum.attribution ? cJSON_GetObjectItem(sum.attribution, "candidates") : NULL;
	p = cJSON_IsArray(c) && cJSON_GetArraySize(c) > 0
	        ? cJSON_GetObjectItem(cJSON_GetArrayItem(c, 0), "person")
	        : NULL;
	if (!sum.closed && cJSON_IsString(p) && p->valuestring[0]) {
		a->keys = mh_grow(a->keys, &a->kcap, a->n + 1, sizeof(*a->keys));
		a->cases = mh_grow(a->cases, &a->ccap, a->n + 1, sizeof(*a->cases));
		a->keys[a->n] = mh_strdup(p->valuestring);
		a->cases[a->n++] = r->id;
	}
	mh_case_sum_release(&sum);
	return 0;
}

int mh_case_subjects(struct mh_store *s, char ***keys, int64_t **cases, size_t *n,
                     struct mh_err *err)
{
	struct acc a = {s, NULL, NULL, 0, 0, 0, err, 0};

	if (mh_store_each_case(s, on_case, &a, err) < 0 || a.failed) {
		mh_store_free_list(a.keys, a.n);
		free(a.cases);
		return -1;
	}
	*keys = a.keys;
	*cases = a.cases;
	*n = a.n;
	return 0;
}
