#ifndef MH_CASE_SUMMARY_H
#define MH_CASE_SUMMARY_H
/*
 * What a case's log says, folded: title, status, playbook progress, notes,
 * evidence and the latest attribution. Read from the log entries (the only
 * source of truth), never from side tables.
 *
 * Ownership: struct mh_case_sum owns its strings and the cJSON trees in it;
 * mh_case_sum_release frees them.
 */
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

struct cJSON;

struct mh_case_sum {
	int64_t id, entries;
	char head[65];
	char *title, *opened, *closed, *close_reason; /* closed is NULL while open */
	struct cJSON *playbook;    /* array of steps from the "playbook" entry, or NULL */
	struct cJSON *done;        /* object: step id -> the "playbook.done" entry's data */
	struct cJSON *notes;       /* array of note entries (ts, by, text) */
	struct cJSON *evidence;    /* array of evidence entries' data */
	struct cJSON *attribution; /* data of the latest "attribution" entry, or NULL */
	struct cJSON *log;         /* every entry, parsed, when asked for */
};

/* keep_log: also keep every parsed entry in sum->log. */
int mh_case_summarize(struct mh_store *s, int64_t id, int keep_log, struct mh_case_sum *sum,
                      struct mh_err *err);
void mh_case_sum_release(struct mh_case_sum *sum);

#endif
