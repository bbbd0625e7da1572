#ifndef MH_STORE_CASES_H
#define MH_STORE_CASES_H
/*
 * Store access for extortion response (tables in store/schema_cases.c):
 *   - indexed documents and their fingerprints (molehunt index);
 *   - read-only views of the core tables that attribution needs: artifacts of
 *     one kind across all people, and people by id;
 *   - cases, the case log rows and evidence blobs. These functions only store
 *     and fetch rows; building, chaining and verifying entries is
 *     src/cases/ (log.c, verify.c).
 *
 * Ownership: rows passed to callbacks are valid only during the callback.
 * Functions that return buffers say so. Not thread-safe (one store, one
 * thread).
 */
#include <stddef.h>
#include <stdint.h>

#include "extortion/winnow.h"
#include "store/store.h"

/* --- documents ------------------------------------------------------------ */
struct mh_doc_row {
	int64_t id;
	const char *path, *repo, *sha256; /* repo may be NULL */
	uint64_t size;
	uint32_t nfp;
};

/* Insert or replace the document at path with its fingerprints. */
int mh_store_doc_put(struct mh_store *s, const char *path, const char *repo, const char *sha256,
                     uint64_t size, const struct mh_fps *fps, int64_t now_ms, struct mh_err *err);
int mh_store_doc_count(struct mh_store *s, int64_t *n, struct mh_err *err);
int mh_store_docs_by_sha(struct mh_store *s, const char *sha256,
                         int (*cb)(void *arg, const struct mh_doc_row *d), void *arg,
                         struct mh_err *err);
int mh_store_doc_get(struct mh_store *s, int64_t id,
                     int (*cb)(void *arg, const struct mh_doc_row *d), void *arg,
                     struct mh_err *err);

/* Fingerprint lookups share one prepared statement: open, query, close. */
struct mh_fp_query;
struct mh_fp_query *mh_store_fp_open(struct mh_store *s, struct mh_err *err);
/* Documents holding fp into ids (at most max); returns how many hold it in
 * all (may exceed max), or -1. */
int64_t mh_store_fp_docs(struct mh_fp_query *q, uint64_t fp, int64_t *ids, size_t max,
                         struct mh_err *err);
void mh_store_fp_close(struct mh_fp_query *q);

/* --- artifacts and people (read-only) ------------------------------------ */
struct mh_art_row {
	int64_t person;
	const char *kind, *value, *src;
	uint64_t count;
	int64_t first_ms, last_ms;
	int64_t source_id; /* 0: unknown */
	uint64_t line;
};

/* Every artifact of kind, or only those equal to value when value != NULL. */
int mh_store_each_art(struct mh_store *s, const char *kind, const char *value,
                      int (*cb)(void *arg, const struct mh_art_row *r), void *arg,
                      struct mh_err *err);

/* --- cases, the log, evidence -------------------------------------------- */
struct mh_case_row {
	int64_t id, opened_ms, entries;
	const char *head;
};

struct mh_log_row {
	int64_t case_id, seq;
	const char *entry, *prev, *hash;
};

/* A new case with no entries; sets *id. */
int mh_store_case_new(struct mh_store *s, int64_t now_ms, int64_t *id, struct mh_err *err);
/* The case's entry count and head hash (hex, MH_SHA256_HEX bytes); 0, or -1
 * when the case does not exist. */
int mh_store_case_tail(struct mh_store *s, int64_t id, int64_t *entries, char *head,
                       struct mh_err *err);
/* Append a log row and move the case's head to it (seq must be entries+1). */
int mh_store_case_put(struct mh_store *s, int64_t id, int64_t seq, const char *entry,
                      const char *prev, const char *hash, struct mh_err *err);
int mh_store_each_case(struct mh_store *s, int (*cb)(void *arg, const struct mh_case_row *r),
                       void *arg, struct mh_err *err);
/* Log rows of a case in seq order. */
int mh_store_each_log(struct mh_store *s, int64_t id,
                      int (*cb)(void *arg, const struct mh_log_row *r), void *arg,
                      struct mh_err *err);

/* Store a blob under its SHA-256 (hex) unless present. */
int mh_store_evidence_put(struct mh_store *s, const char *sha256, const void *data, size_t n,
                          int64_t now_ms, struct mh_err *err);
/* *data is malloc'ed (caller frees); 0, 1 when absent, -1 on error. */
int mh_store_evidence_get(struct mh_store *s, const char *sha256, void **data, size_t *n,
                          struct mh_err *err);
/* Every stored blob with its key and recorded size. */
int mh_store_each_evidence(struct mh_store *s,
                           int (*cb)(void *arg, const char *sha256, uint64_t size, const void *data,
                                     size_t n),
                           void *arg, struct mh_err *err);

#endif
