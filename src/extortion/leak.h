#ifndef MH_LEAK_H
#define MH_LEAK_H
/*
 * The leaked set: every file the extortion message (or a --sample) carries,
 * archives unpacked (extortion/unpack.h), each with its SHA-256, size, and
 * for text its winnowing fingerprints (extortion/winnow.h). Archives stay in
 * the set as items of kind ARCHIVE, their entries pointing to them by parent,
 * so a match on an archive counts for everything in it. A refused archive
 * (hostile or damaged) is one FILE item with its hash and the reason; its
 * entries are dropped.
 *
 * mh_leak_match_docs() then finds, for each item, the indexed documents
 * (molehunt index) it is or quotes: the same SHA-256, or a share of its
 * fingerprints weighted by rarity (see docmatch.c).
 *
 * Ownership: struct mh_leak owns its items and their strings.
 */
#include <stddef.h>
#include <stdint.h>

#include "extortion/sha256.h"
#include "extortion/unpack.h"
#include "extortion/winnow.h"
#include "util/err.h"

#define MH_LEAK_MAX_FPS 20000 /* fingerprints kept per item (the smallest values) */

enum mh_item_kind { MH_ITEM_FILE, MH_ITEM_ARCHIVE, MH_ITEM_BODY };

struct mh_doc_hit {
	int64_t doc;
	char *path, *repo, *sha256; /* repo may be NULL */
	double score;               /* 1 for the same SHA-256, else weighted containment */
};

struct mh_leak_item {
	char *name;   /* "sample.zip/ledger-core/src/main.go" */
	char *origin; /* "attachment", "sample", "body" */
	int kind;     /* enum mh_item_kind */
	int parent;   /* index of the archive holding it, or -1 */
	uint64_t size;
	char sha256[MH_SHA256_HEX];
	int text; /* had text to fingerprint */
	struct mh_fps fps;
	char *refused; /* why an archive was not unpacked, or NULL */
	struct mh_doc_hit *docs;
	size_t ndocs;
};

struct mh_leak {
	struct mh_leak_item *v;
	size_t n, cap;
	struct mh_unpack_limits lim;
	char **refusals; /* "where: entry '../a': path traversal refused" */
	size_t nrefusals;
};

void mh_leak_init(struct mh_leak *L);
void mh_leak_release(struct mh_leak *L);

/* Add one file (unpacked when it is an archive). where names it in refusal
 * messages ("MESSAGE.eml: attachment x.zip"). A refusal is recorded, not an
 * error; -1 only when the callback machinery fails. */
int mh_leak_add(struct mh_leak *L, const char *where, const char *name, const char *origin,
                const void *data, size_t n, struct mh_err *err);
/* Add body text (fingerprints only; it counts as leaked only if it matches). */
void mh_leak_add_body(struct mh_leak *L, const char *name, const char *text, size_t n);

/* Is item i a leaf (a file or a body, not an archive)? */
int mh_leak_is_leaf(const struct mh_leak *L, size_t i);

struct mh_store;
/* Fill each item's docs from the store's indexed documents. */
int mh_leak_match_docs(struct mh_store *s, struct mh_leak *L, struct mh_err *err);

#endif
