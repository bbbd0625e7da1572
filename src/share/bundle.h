#ifndef MH_SHARE_BUNDLE_H
#define MH_SHARE_BUNDLE_H
/*
 * Consortium bundles (docs/SHARE.md): JSON Lines, one header, one line per
 * keyed artifact hash, one end line with the record count and a MAC over
 * every byte before it, so truncation and alteration by anyone without the
 * key are caught. Version 1:
 *
 *   {"molehunt_share":1,"exporter":"acme","key_id":"<16 hex>","created":"2024-06-01"}
 *   {"subject":"<16 hex>","kind":"phone","hash":"<64 hex>","reason":"employee",
 *    "category":"farm","flagged":"2024-05"}
 *   ...
 *   {"end":N,"mac":"<64 hex>"}
 *
 * No field can carry personal data: every value is a hash, a random
 * subject id, a word from a fixed list or a date; the reader refuses
 * unknown fields, so a bundle that grew a "name" is refused, not stored.
 *
 * Limits: lines of at most MH_SHARE_LINE_MAX bytes, MH_SHARE_RECORDS_MAX
 * records, files of MH_SHARE_FILE_MAX bytes.
 *
 * Ownership: struct mh_share_bundle owns its record array
 * (mh_share_bundle_release).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "share/key.h"
#include "util/err.h"

#define MH_SHARE_VERSION     1
#define MH_SHARE_LINE_MAX    1024
#define MH_SHARE_RECORDS_MAX 500000
#define MH_SHARE_FILE_MAX    (96u << 20)
#define MH_SHARE_PEER_MAX    64 /* characters of an exporter id */
#define MH_SHARE_SUBJ_LEN    16 /* hex digits of a subject id */

enum mh_share_reason { MH_SR_EMPLOYEE = 0, MH_SR_APPLICANT, MH_SR__COUNT };
enum mh_share_category {
	MH_SC_IDENTITY = 0,
	MH_SC_SIGNIN,
	MH_SC_FARM,
	MH_SC_ENDPOINT,
	MH_SC_HOURS,
	MH_SC_EXFIL,
	MH_SC_ACCESS,
	MH_SC_OTHER,
	MH_SC__COUNT
};

extern const char *const mh_share_reason_names[MH_SR__COUNT];
extern const char *const mh_share_category_names[MH_SC__COUNT];

struct mh_share_rec {
	char subject[MH_SHARE_SUBJ_LEN + 1]; /* opaque, random per export */
	uint8_t kind;                        /* enum mh_vet_kind */
	uint8_t reason;                      /* enum mh_share_reason */
	uint8_t category;                    /* enum mh_share_category */
	char flagged[8];                     /* "YYYY-MM" */
	uint8_t hash[MH_SHARE_HASH_LEN];
};

struct mh_share_bundle {
	char exporter[MH_SHARE_PEER_MAX + 1];
	char key_id[MH_SHARE_KID_LEN + 1];
	char created[11]; /* "YYYY-MM-DD" */
	struct mh_share_rec *v;
	size_t n, cap;
};

/* Is s a valid exporter id: 1 to 64 of [A-Za-z0-9._-]? */
int mh_share_peer_valid(const char *s);
/* The index of a name in a list of n, or -1. */
int mh_share_word(const char *const *names, size_t n, const char *s);
/* A category for a detector family name ("farm"), MH_SC_OTHER if none. */
enum mh_share_category mh_share_category_of(const char *family);

/* Append one record (copied). */
void mh_share_bundle_add(struct mh_share_bundle *b, const struct mh_share_rec *r);
void mh_share_bundle_release(struct mh_share_bundle *b);

/* Write b (its key_id is taken from k) to f; name is used in messages. */
int mh_share_bundle_write(FILE *f, const char *name, const struct mh_share_key *k,
                          struct mh_share_bundle *b, struct mh_err *err);

/* Parse and verify a bundle made under one of keys. Errors name the line:
 * "name:LINE: why"; b is left empty on error. */
int mh_share_bundle_parse(struct mh_share_bundle *b, const struct mh_share_keys *keys,
                          const char *name, const char *buf, size_t n, struct mh_err *err);
/* The same from path ("-" stdin; .gz/.zst transparent); digest (may be
 * NULL) gets the SHA-256 of the bundle's bytes. */
int mh_share_bundle_read(struct mh_share_bundle *b, const struct mh_share_keys *keys,
                         const char *path, uint8_t digest[MH_SHARE_HASH_LEN], struct mh_err *err);

#endif
