#ifndef MH_MINHASH_H
#define MH_MINHASH_H
/*
 * Resume near-duplicates: MinHash signatures over word shingles, and the
 * banding that turns them into candidate pairs (locality-sensitive hashing).
 *
 * Text is cut into words (runs of letters and digits, lower-cased; other
 * bytes separate), and every run of w consecutive words is one shingle. The
 * signature keeps, for each of MH_MINHASH_K hash functions, the smallest
 * hash over the shingles; the fraction of equal slots of two signatures
 * estimates the Jaccard similarity of their shingle sets (standard error
 * about 0.04 at K = 128). Banding with B bands of R rows (B * R = K) makes a
 * pair a candidate with probability 1 - (1 - J^R)^B: with 32 x 4, J = 0.3
 * gives 0.23, 0.5 gives 0.87, 0.7 gives 0.9999.
 *
 * Signatures allocate nothing; everything is thread-safe.
 */
#include <stddef.h>
#include <stdint.h>

#define MH_MINHASH_K     128
#define MH_MINHASH_BANDS 32
#define MH_MINHASH_ROWS  (MH_MINHASH_K / MH_MINHASH_BANDS)

struct mh_minhash {
	uint32_t v[MH_MINHASH_K];
};

/* Signature of text (n bytes) with w-word shingles (1..8). Returns the number
 * of shingles seen; 0 means no words and leaves sig all 0xffffffff. A text
 * shorter than w words is one shingle. */
size_t mh_minhash_text(const char *text, size_t n, unsigned w, struct mh_minhash *sig);
/* Estimated Jaccard similarity in [0, 1]. */
double mh_minhash_sim(const struct mh_minhash *a, const struct mh_minhash *b);
/* Key of band b (0..MH_MINHASH_BANDS-1): equal keys, same band rows (the
 * band index is mixed in, so keys of different bands do not collide). */
uint64_t mh_minhash_band(const struct mh_minhash *s, unsigned b);

/* Exact Jaccard similarity of the two texts' w-word shingle sets (the value
 * the signatures estimate), for the few pairs where the estimate's error
 * matters. Allocates temporarily; 0 when either text has no words. */
double mh_shingle_jaccard(const char *a, size_t na, const char *b, size_t nb, unsigned w);

#endif
