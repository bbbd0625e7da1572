#ifndef MH_WINNOW_H
#define MH_WINNOW_H
/*
 * Text fingerprints by winnowing (Schleimer, Wilkerson and Aiken, "Winnowing:
 * local algorithms for document fingerprinting", SIGMOD 2003).
 *
 * The text is cut into tokens: runs of ASCII letters, digits and '_' (lower-
 * cased) or of bytes >= 0x80 (UTF-8 letters kept as they are). Everything else
 * - white space, punctuation, line breaks, indentation - only separates
 * tokens, so reformatted, re-wrapped or re-indented copies give the same
 * tokens. Every run of MH_WINNOW_K consecutive tokens (a shingle) is hashed
 * (XXH3, fixed seed, so fingerprints are stable across runs and machines);
 * from every window of MH_WINNOW_W consecutive shingle hashes the smallest is
 * kept (the rightmost on ties), once per position. Any passage of at least
 * K + W - 1 tokens shared by two texts yields at least one shared fingerprint,
 * and a text of T tokens yields about 2T / (W + 1) fingerprints.
 *
 * A text shorter than K tokens gives one fingerprint of all its tokens; an
 * empty one gives none.
 *
 * Ownership: struct mh_fps owns its array (mh_fps_release frees it).
 */
#include <stddef.h>
#include <stdint.h>

#define MH_WINNOW_K 5 /* tokens per shingle */
#define MH_WINNOW_W 4 /* shingles per window */

struct mh_fps {
	uint64_t *v;
	size_t n, cap;
};

/* Append the fingerprints of text[0..n) to out (unsorted, may repeat). */
void mh_winnow(const char *text, size_t n, struct mh_fps *out);
/* Sort and drop duplicates. */
void mh_fps_finish(struct mh_fps *f);
/* Keep at most max of a finished set: the ones with the smallest values, a
 * sample that stays consistent between texts. */
void mh_fps_cap(struct mh_fps *f, size_t max);
/* How many of a's values are in b (both finished). */
size_t mh_fps_common(const struct mh_fps *a, const struct mh_fps *b);
void mh_fps_release(struct mh_fps *f);

#endif
