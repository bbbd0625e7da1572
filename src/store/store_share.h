#ifndef MH_STORE_SHARE_H
#define MH_STORE_SHARE_H
/*
 * The store's consortium tables (store/schema_share.c) and the reads an
 * export needs from the vetting tables.
 *
 * Ownership: rows passed to callbacks are valid only during the callback;
 * loading copies into the caller's set.
 */
#include <stddef.h>
#include <stdint.h>

#include "share/bundle.h"
#include "share/match.h"
#include "store/store.h"

enum mh_share_put { MH_SP_NEW = 0, MH_SP_REPLACED, MH_SP_UNCHANGED, MH_SP_OLDER };

struct mh_share_put_res {
	int status;            /* enum mh_share_put */
	char prev_created[11]; /* the peer's bundle stored before, "" none */
	int64_t prev_records;  /* its hashes */
};

/* Store one verified bundle (inside the caller's transaction): the same
 * bytes (digest) again change nothing; a bundle created before the peer's
 * stored one is skipped as older; otherwise it replaces the peer's hashes. */
int mh_store_share_put(struct mh_store *s, const struct mh_share_bundle *b,
                       const uint8_t digest[MH_SHARE_HASH_LEN], int64_t now_ms,
                       struct mh_share_put_res *res, struct mh_err *err);

/* Every stored peer hash into set (mh_share_set_add), then seal it. */
int mh_store_share_load(struct mh_store *s, struct mh_share_set *set, struct mh_err *err);
/* Stored peer hashes in all (0 when none), for a hint when no key is given. */
int mh_store_share_count(struct mh_store *s, int64_t *n, struct mh_err *err);

struct mh_share_peer_row {
	const char *peer, *key_id, *created, *digest;
	int64_t records, subjects, imported_ms;
};

int mh_store_share_each_peer(struct mh_store *s,
                             int (*cb)(void *arg, const struct mh_share_peer_row *r), void *arg,
                             struct mh_err *err);

/* A vetted applicant, for an export. */
struct mh_share_app_row {
	const char *id;
	double score;
	int64_t vetted_ms;
	const char *findings; /* JSON text */
	const uint8_t *kinds;
	const char *const *values; /* canonical */
	size_t n;
};

/* Applicants whose stored score is at or above min_score, in id order. */
int mh_store_share_each_applicant(struct mh_store *s, double min_score,
                                  int (*cb)(void *arg, const struct mh_share_app_row *r), void *arg,
                                  struct mh_err *err);

#endif
