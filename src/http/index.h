#ifndef MH_HTTP_INDEX_H
#define MH_HTTP_INDEX_H
/*
 * The people index: an immutable snapshot of everyone in the store, ranked by
 * score, with pseudonyms, top reasons (already redacted) and the identity
 * strings redaction needs. The ranked list, search and pseudonym lookups are
 * served from it without touching SQLite; it is rebuilt when the store
 * changes (PRAGMA data_version, checked at most every few hundred ms).
 *
 * Redaction: text shown to analysts (finding summaries, evidence, host names,
 * file paths) has the person's own name, e-mail, key and user-name spellings
 * replaced by their pseudonym, every e-mail address replaced by its owner's
 * pseudonym (or "[email]"), and every other known person key by that
 * person's pseudonym. Names of other people written out in free text are not
 * recognised (docs/API.md says so).
 *
 * Ownership: the snapshot owns everything in it; callers hold a reference
 * (server.c counts them) and never modify it.
 */
#include <stddef.h>
#include <stdint.h>

#include "http/hash.h"
#include "http/pseudo.h"
#include "util/err.h"

#define MH_IX_REASONS   3
#define MH_IX_NAMES     8 /* user-name spellings kept per person for redaction */
#define MH_IX_HIST_BINS 20
#define MH_IX_SUMMARY   160

struct sqlite3;
struct mh_strmap;

struct mh_ix_reason {
	char detector[48];
	char summary[MH_IX_SUMMARY]; /* redacted */
	double points;
};

struct mh_ix_person {
	int64_t id;
	char *key, *email, *name, *department, *title, *country, *timezone; /* "" when absent */
	int resolved;
	int64_t first_ms, last_ms;
	uint64_t events;
	double score;
	uint32_t rank; /* 1-based */
	char pseudo[MH_PSEUDO_MAX];
	uint32_t nfindings;
	struct mh_ix_reason reasons[MH_IX_REASONS];
	uint8_t nreasons;
	char *names[MH_IX_NAMES];
	uint8_t nnames;
	char *search; /* lower-case "pseudonym department title country timezone reasons" */
};

struct mh_ix {
	struct mh_ix_person *v; /* ranked */
	size_t n;
	struct mh_strmap *by_pseudo;    /* pseudonym -> index */
	struct mh_strmap *by_email;     /* lower-case e-mail -> index */
	struct mh_strmap *by_key;       /* person key -> index */
	int64_t *ids;                   /* sorted store ids ... */
	uint32_t *id_idx;               /* ... and their indexes */
	uint32_t hist[MH_IX_HIST_BINS]; /* people per score band of 5 */
	uint32_t flagged;               /* people with a score above 0 */
	int64_t built_ms;
	unsigned refs; /* server.c: readers holding this snapshot */
	int retired;   /* server.c: replaced; freed with its last reader */
};

struct mh_ix *mh_ix_build(struct sqlite3 *db, const unsigned char salt[MH_SHA256_LEN],
                          struct mh_err *err);
void mh_ix_free(struct mh_ix *ix);

const struct mh_ix_person *mh_ix_by_pseudo(const struct mh_ix *ix, const char *pseudo);
const struct mh_ix_person *mh_ix_by_id(const struct mh_ix *ix, int64_t id);
/* By person key (roster id, or the user name of an unresolved person). */
const struct mh_ix_person *mh_ix_by_key(const struct mh_ix *ix, const char *key);

/* text with identities replaced (see above); subject may be NULL. Returns a
 * malloc'ed string (caller frees). Input longer than 64 KiB is cut. */
char *mh_ix_redact(const struct mh_ix *ix, const struct mh_ix_person *subject, const char *text);

#endif
