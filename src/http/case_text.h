#ifndef MH_HTTP_CASE_TEXT_H
#define MH_HTTP_CASE_TEXT_H
/*
 * What the API shows of a case: a line of text per log entry and the
 * candidates of an attribution, both safe for analysts. The entries
 * themselves (docs/CASES.md) name candidates by key, name and e-mail, so
 * nothing is copied from them whole: the text is built from chosen fields,
 * person keys become pseudonyms (or "[person]" when the index does not know
 * them) and the result goes through redaction (index.h).
 *
 * Ownership: the entry and the index are borrowed; returned strings and
 * cJSON trees belong to the caller.
 */
#include "http/index.h"

struct cJSON;

#define MH_CASE_TEXT_MAX 4096

/* One line for a parsed log entry (kind and data); malloc'ed. */
char *mh_case_entry_text(const struct mh_ix *ix, const struct cJSON *entry);

/* A candidate of an "attribution" entry as {rank, pseudonym, resolved,
 * score, coverage, risk ...}; full adds the parts of the score, dates and
 * the reasons (redacted with the candidate as subject). */
struct cJSON *mh_case_candidate(const struct mh_ix *ix, const struct cJSON *cand, int rank,
                                int full);

/* An ISO-8601 time of an entry as milliseconds, or null. */
struct cJSON *mh_case_time_ms(const char *iso);

#endif
