#ifndef MH_STORE_H
#define MH_STORE_H
/*
 * The SQLite store (WAL mode): people and their bounded aggregates, artifacts,
 * findings, scores and their history, ingest checkpoints, and the roster the
 * people were resolved against. The schema is versioned; mh_store_open()
 * migrates an older file forward inside one transaction (store/schema.c).
 * docs/STORE.md documents every table.
 *
 * A scan writes inside one transaction (mh_store_begin/commit), so a crash or
 * an error leaves the store as it was before the scan.
 *
 * Ownership: struct mh_store owns its connection and prepared statements.
 * Strings returned in records are owned by the record's caller-provided
 * buffers. Not thread-safe: one thread uses a store at a time.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/finding.h"
#include "core/state.h"
#include "ingest/roster.h"
#include "util/err.h"

struct mh_store;
struct sqlite3;

struct mh_store *mh_store_open(const char *path, struct mh_err *err);
/* The same, but fails with "no store" instead of creating a new file. */
struct mh_store *mh_store_open_existing(const char *path, struct mh_err *err);
void mh_store_close(struct mh_store *s);
struct sqlite3 *mh_store_db(struct mh_store *s);
int mh_store_schema_version(struct mh_store *s);

/* Make every later commit fsync the log (synchronous=FULL): for callers that
 * tell another system the data is safe once the commit returns. */
int mh_store_sync_full(struct mh_store *s, struct mh_err *err);
int mh_store_begin(struct mh_store *s, struct mh_err *err);
int mh_store_commit(struct mh_store *s, struct mh_err *err);
void mh_store_rollback(struct mh_store *s);

/* --- the roster: kept as the CSV text it was loaded from ----------------- */
int mh_store_put_roster(struct mh_store *s, const char *name, const char *csv, size_t n,
                        struct mh_err *err);
/* *csv is malloc'ed (caller frees) or NULL when no roster was ever stored. */
int mh_store_get_roster(struct mh_store *s, char **csv, size_t *n, struct mh_err *err);

/* --- remembered lists of paths (store_meta.c) ------------------------------ */
/* Replace the list under key with v[0..n). */
int mh_store_put_list(struct mh_store *s, const char *key, const char *const *v, size_t n,
                      struct mh_err *err);
/* *v: malloc'ed strings in a malloc'ed array (free with mh_store_free_list),
 * NULL and *n = 0 when nothing was stored. */
int mh_store_get_list(struct mh_store *s, const char *key, char ***v, size_t *n,
                      struct mh_err *err);
void mh_store_free_list(char **keys, size_t n);

/* --- ingest checkpoints ---------------------------------------------------- */
struct mh_source_rec {
	int64_t id;
	char path[1024];
	char format[32];
	uint64_t head_hash;   /* XXH3-64 of the first line (at most 64 KiB), decompressed */
	uint64_t offset;      /* decompressed bytes consumed */
	uint64_t lines;       /* lines consumed */
	uint64_t prefix_hash; /* XXH3-64 of the first offset bytes */
	uint64_t events, rejected;
};

/* Every source with this head hash, for the caller to check; returns the count
 * written to out (at most max), or -1. */
int mh_store_sources_by_head(struct mh_store *s, uint64_t head_hash, struct mh_source_rec *out,
                             int max, struct mh_err *err);
/* The same for every source last seen under this path, newest first: a file
 * shorter than the head window changes its head hash as it grows. */
int mh_store_sources_by_path(struct mh_store *s, const char *path, struct mh_source_rec *out,
                             int max, struct mh_err *err);
/* Insert (id == 0: sets rec->id) or update. */
int mh_store_source_save(struct mh_store *s, struct mh_source_rec *rec, struct mh_err *err);
/* Path of a source id into buf ("" if unknown). */
void mh_store_source_path(struct mh_store *s, int64_t id, char *buf, size_t cap);

/* --- people and aggregates ------------------------------------------------ */
/* Load every stored person with days, hour histogram and artifacts into st
 * (st was initialised on the current roster; stored people are matched to it by
 * employee_id; the rest become unresolved people). Sets each pstate's dbid. */
int mh_store_load_state(struct mh_store *s, struct mh_state *st, struct mh_err *err);
/* Write every person of full (row, days, hour histogram), assigning dbid to new
 * ones, then add delta's artifacts to the stored ones (counts added, first/last
 * widened). dmap maps delta's person indexes to full's. */
int mh_store_save_state(struct mh_store *s, struct mh_state *full, const struct mh_state *delta,
                        const uint32_t *dmap, struct mh_err *err);

/* Decode a persons.days BLOB into a malloc'ed array (caller frees; NULL
 * when empty). Returns -1 when the BLOB is not in a known layout. */
int mh_store_days_unpack(const void *blob, size_t n, struct mh_day **out, size_t *nout);

/* --- findings and scores -------------------------------------------------- */
/* Load stored findings (person indexes mapped through st's dbids). */
int mh_store_load_findings(struct mh_store *s, const struct mh_state *st, struct mh_findings *f,
                           struct mh_err *err);
/* Replace every stored finding with f (people must have dbids). */
int mh_store_save_findings(struct mh_store *s, const struct mh_state *st,
                           const struct mh_findings *f, struct mh_err *err);

/* Every stored finding's count into out, keyed by mh_finding_id() text. */
struct mh_strmap;
int mh_store_finding_counts(struct mh_store *s, struct mh_strmap *out, struct mh_err *err);
/* "detector|person dbid|key": one finding's identity across scans. */
size_t mh_finding_id(char *buf, size_t cap, const char *detector, int64_t person, const char *key);

struct mh_score_rec {
	int64_t person; /* dbid */
	double score;
	int64_t as_of_ms;
	char *contributions; /* JSON text, owned by the caller of save / by the list on load */
};

int mh_store_save_score(struct mh_store *s, const struct mh_score_rec *r, struct mh_err *err);

/* --- reading for reports (store/store_query.c) ---------------------------- */
struct mh_person_row {
	int64_t id;
	const char *key, *email, *name, *department, *title, *country, *timezone; /* borrowed */
	int resolved;
	int64_t first_ms, last_ms;
	uint64_t events;
	double score;
	const char *contributions; /* JSON text or NULL */
};

struct mh_finding_row {
	const char *detector, *key, *summary, *evidence; /* borrowed; evidence is JSON */
	int origin;
	int64_t first_ms, last_ms;
	uint64_t count;
	double points;
};

/* People ordered by score (highest first, then key), at most limit (0 = all).
 * The row is valid only during the callback; a non-zero return stops. */
int mh_store_each_person(struct mh_store *s, size_t limit,
                         int (*cb)(void *arg, const struct mh_person_row *row), void *arg,
                         struct mh_err *err);
int mh_store_each_finding(struct mh_store *s, int64_t person,
                          int (*cb)(void *arg, const struct mh_finding_row *row), void *arg,
                          struct mh_err *err);
/* The same, oldest first (a timeline). */
int mh_store_each_finding_by_time(struct mh_store *s, int64_t person,
                                  int (*cb)(void *arg, const struct mh_finding_row *row), void *arg,
                                  struct mh_err *err);
/* One person in full, for `explain` and the API (store/store_person.c). */
struct mh_person_detail {
	int64_t id;
	char key[256], email[256], name[256], department[128], title[128], country[8], timezone[64];
	int resolved;
	int64_t first_ms, last_ms;
	uint64_t events;
	double score;
	int64_t as_of_ms;
	char *contributions; /* JSON text (malloc'ed) or NULL */
	uint32_t hours[24];
	struct mh_day *days; /* malloc'ed, sorted by day */
	size_t ndays;
};

/* Returns 0 and fills d, 1 when no person has that key, -1 on error. */
int mh_store_person_get(struct mh_store *s, const char *key, struct mh_person_detail *d,
                        struct mh_err *err);
void mh_person_detail_release(struct mh_person_detail *d);
int mh_store_each_score(struct mh_store *s, int64_t person,
                        int (*cb)(void *arg, int64_t as_of_ms, double score), void *arg,
                        struct mh_err *err);

/* Each artifact of kind "name" (user names as spelled) of a person. */
int mh_store_each_artifact(struct mh_store *s, int64_t person, const char *kind,
                           int (*cb)(void *arg, const char *value, const char *src, uint64_t count),
                           void *arg, struct mh_err *err);

#endif
