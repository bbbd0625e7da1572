#ifndef MH_CASE_VERIFY_H
#define MH_CASE_VERIFY_H
/*
 * Verifying cases (rules in docs/CASES.md), in the store or in an exported
 * bundle, without trusting anything but SHA-256:
 *   - entries numbered 1..N without gaps, each naming its own case and seq;
 *   - each entry's prev equal to the hash of the entry before (zeros first);
 *   - each entry's hash equal to SHA-256(prev "\n" entry);
 *   - the case's recorded count and head equal to the log's last entry;
 *   - every evidence blob hashing to its name, with its recorded size, and
 *     every evidence entry's blob present.
 * Each broken rule is reported once through the callback, naming the case,
 * the entry or the blob; verification goes on to the end.
 */
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

struct mh_verify {
	void (*problem)(void *arg, int64_t case_id, const char *msg);
	void *arg;
	size_t problems;
	size_t cases, entries, evidence; /* what was checked */
};

/* One case (id > 0) or every case and every blob (id == 0). Returns -1 only
 * when the store cannot be read; tampering is counted in v->problems. */
int mh_case_verify(struct mh_store *s, int64_t id, struct mh_verify *v, struct mh_err *err);
/* An exported bundle directory. */
int mh_bundle_verify(const char *dir, struct mh_verify *v, struct mh_err *err);

/* --- shared by both: one chain walk ---------------------------------------- */
struct mh_chain_walk {
	struct mh_verify *v;
	int64_t case_id, expect;
	char prev[65];
	char **refs; /* "sha256 name" of evidence entries, owned */
	size_t nrefs;
};

void mh_chain_walk_init(struct mh_chain_walk *w, struct mh_verify *v, int64_t case_id);
void mh_chain_walk_entry(struct mh_chain_walk *w, int64_t seq, const char *entry, const char *prev,
                         const char *hash);
/* Compare the end of the walk with the recorded count and head. */
void mh_chain_walk_end(struct mh_chain_walk *w, int64_t entries, const char *head);
void mh_chain_walk_release(struct mh_chain_walk *w);
void mh_verify_report(struct mh_verify *v, int64_t case_id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
