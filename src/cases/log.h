#ifndef MH_CASE_LOG_H
#define MH_CASE_LOG_H
/*
 * The case log: an append-only list of entries per case, each chained to the
 * one before by SHA-256, and content-addressed evidence.
 *
 * An entry is one line of JSON written once and never re-serialised:
 *   {"case":7,"seq":3,"ts":"2025-01-23T10:00:00.000Z","by":"alice",
 *    "kind":"note","data":{...}}
 * and its hash is SHA-256(prev "\n" entry), prev being the hex hash of the
 * entry before (64 zeros for the first). The case row keeps the entry count
 * and the head hash, so dropping entries from the end shows too. Evidence is
 * stored once under its SHA-256 and joined to a case by an "evidence" entry
 * naming the hash, so the chain also covers which evidence belongs to a case.
 * docs/CASES.md has the rules; cases/verify.h checks them.
 *
 * Ownership: functions that take a cJSON *data take ownership of it.
 */
#include <stddef.h>
#include <stdint.h>

#include "extortion/sha256.h"
#include "store/store.h"
#include "util/err.h"

struct cJSON;

#define MH_CHAIN_ZERO "0000000000000000000000000000000000000000000000000000000000000000"

/* hash = SHA-256(prev "\n" entry) as hex. */
void mh_chain_hash(const char *prev, const char *entry, size_t n, char *hash);

/* Milliseconds since the epoch, now (MH_NOW_MS in the environment overrides it,
 * for reproducible tests). */
int64_t mh_case_now(void);
/* "2025-01-23T10:00:00.000Z" into buf (>= 32 bytes). */
char *mh_case_time(int64_t ms, char *buf, size_t cap);
/* The analyst name for "by": MH_ANALYST, else USER, else "unknown". */
const char *mh_case_analyst(void);

/* Open a case (entry 1, kind "case.open", data as given, e.g. a title). */
int mh_case_open(struct mh_store *s, struct cJSON *data, int64_t *id, struct mh_err *err);
/* Append an entry of kind with data; head (may be NULL) receives its hash. */
int mh_case_append(struct mh_store *s, int64_t id, const char *kind, struct cJSON *data, char *head,
                   struct mh_err *err);
/* Store data as evidence (once per content) and log an "evidence" entry with
 * its name, role, size and SHA-256 (hex into sha if not NULL). */
int mh_case_add_evidence(struct mh_store *s, int64_t id, const char *name, const char *role,
                         const void *data, size_t n, char *sha, struct mh_err *err);

#endif
