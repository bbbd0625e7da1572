#include "cases/summary.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_cases.h"
#include "util/xalloc.h"

struct fold {
	struct mh_case_sum *sum;
	int keep;
};

static char *dup_str(const cJSON *o, const char *key)
{
	const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return v ? mh_strdup(v) : NULL;
}

static void replace(cJSON **slot, cJSON *v)
{
	cJSON_Delete(*slot);
	*slot = v;
}

static void fold_entry(struct mh_case_sum *sum, cJSON *e)
{
	const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "kind"));
	cJSON *data = cJSON_GetObjectItemCaseSensitive(e, "data");

	if (!kind)
		return;
	if (!strcmp(kind, "case.open")) {
		free(sum->title);
		free(sum->opened);
		sum->title = dup_str(data, "title");
		sum->opened = dup_str(e, "ts");
	} else if (!strcmp(kind, "case.close")) {
		free(sum->closed);
		free(sum->close_reason);
		sum->closed = dup_str(e, "ts");
		sum->close_reason = dup_str(data, "reason");
	} else if (!strcmp(kind, "playbook")) {
		replace(&sum->playbook,
		        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(data, "steps"), 1));
	} else if (!strcmp(kind, "playbook.done")) {
		const char *step = cJSON_GetStringValue(cJSON_GetObjectItem(data, "step"));
		cJSON *d = cJSON_Duplicate(data, 1);

		if (!step) {
			cJSON_Delete(d);
			return;
		}
		cJSON_AddItemToObject(d, "ts", cJSON_Duplicate(cJSON_GetObjectItem(e, "ts"), 1));
		cJSON_AddItemToObject(d, "by", cJSON_Duplicate(cJSON_GetObjectItem(e, "by"), 1));
		cJSON_DeleteItemFromObjectCaseSensitive(sum->done, step);
		cJSON_AddItemToObject(sum->done, step, d);
	} else if (!strcmp(kind, "note")) {
		cJSON *n = cJSON_CreateObject();

		cJSON_AddItemToObject(n, "ts", cJSON_Duplicate(cJSON_GetObjectItem(e, "ts"), 1));
		cJSON_AddItemToObject(n, "by", cJSON_Duplicate(cJSON_GetObjectItem(e, "by"), 1));
		cJSON_AddItemToObject(n, "text",
		                      cJSON_Duplicate(cJSON_GetObjectItem(data, "text"), 1));
		cJSON_AddItemToArray(sum->notes, n);
	} else if (!strcmp(kind, "evidence")) {
		cJSON_AddItemToArray(sum->evidence, cJSON_Duplicate(data, 1));
	} else if (!strcmp(kind, "attribution")) {
		replace(&sum->attribution, cJSON_Duplicate(data, 1));
	}
}

static int on_row(void *arg, const struct mh_log_row *r)
{
	struct fold *f = arg;
	cJSON *e = cJSON_Parse(r->entry);

	if (!e)
		return 0; /* case verify reports it */
	fold_entry(f->sum, e);
	if (f->keep) {
		cJSON_AddStringToObject(e, "hash", r->hash);
		cJSON_AddItemToArray(f->sum->log, e);
	} else
		cJSON_Delete(e);
	return 0;
}

int mh_case_summarize(struct mh_store *s, int64_t id, int keep_log, struct mh_case_sum *sum,
                      struct mh_err *err)
{
	struct fold f = {sum, keep_log};

	memset(sum, 0, sizeof(*sum));
	sum->id = id;
	if (mh_store_case_tail(s, id, &sum->entries, sum->head, err))
		return -1;
	sum->done = cJSON_CreateObject();
	sum->notes = cJSON_CreateArray();
	sum->evidence = cJSON_CreateArray();
	if (keep_log)
		sum->log = cJSON_CreateArray();
	if (mh_store_each_log(s, id, on_row, &f, err)) {
		mh_case_sum_release(sum);
		return -1;
	}
	return 0;
}

void mh_case_sum_release(struct mh_case_sum *sum)
{
	free(sum->title);
	free(sum->opened);
	free(sum->closed);
	free(sum->close_reason);
	cJSON_Delete(sum->playbook);
	cJSON_Delete(sum->done);
	cJSON_Delete(sum->notes);
	cJSON_Delete(sum->evidence);
	cJSON_Delete(sum->attribution);
	cJSON_Delete(sum->log);
	memset(sum, 0, sizeof(*sum));
}
