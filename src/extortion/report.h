#ifndef MH_EXT_REPORT_H
#define MH_EXT_REPORT_H
/*
 * The extortion report as JSON (SPEC section 6: {"case", "candidates":
 * [{"person", "score", "matched", "reasons"}]} plus the message, the leaked
 * set and refusals), and each candidate's reasons as sentences.
 *
 * Ownership: returned cJSON trees belong to the caller. Reasons are owned by
 * the candidate (struct mh_attrib).
 */
#include <stddef.h>

#include "extortion/attrib.h"
#include "extortion/leak.h"
#include "extortion/mime.h"
#include "store/store.h"

struct cJSON;

struct cJSON *mh_report_mail(const struct mh_mail *m);
struct cJSON *mh_report_leak(const struct mh_leak *L);
/* The top candidates (all when top is 0), with source paths from s. */
struct cJSON *mh_report_candidates(const struct mh_attrib *a, const struct mh_leak *L,
                                   struct mh_store *s, size_t top);

#endif
