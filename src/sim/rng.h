#ifndef MH_SIM_RNG_H
#define MH_SIM_RNG_H
/*
 * The simulator's random numbers: xoshiro256** seeded through splitmix64.
 *
 * Determinism is the whole point: every stream is derived from the run seed and
 * a few stable integers (person index, day, purpose tag) with mh_rng_derive(),
 * so the same seed and options give byte-identical output no matter in which
 * order streams are consumed. A struct mh_rng is a plain value; no allocation.
 */
#include <stdint.h>

struct mh_rng {
	uint64_t s[4];
};

/* splitmix64 finaliser: a good 64-bit mixer. */
static inline uint64_t mh_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

void mh_rng_seed(struct mh_rng *r, uint64_t seed);
/* A stream for (seed, a, b, c): independent of every other triple. */
void mh_rng_derive(struct mh_rng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t c);

static inline uint64_t mh_rotl64(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t mh_rng_next(struct mh_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = mh_rotl64(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = mh_rotl64(s[3], 45);
	return out;
}

/* Uniform in [0, n); n == 0 gives 0. Lemire's multiply-shift (bias < 2^-32). */
static inline uint32_t mh_rng_below(struct mh_rng *r, uint32_t n)
{
	return (uint32_t)(((mh_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform double in [0, 1). */
static inline double mh_rng_unit(struct mh_rng *r)
{
	return (double)(mh_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi] (inclusive). */
static inline int32_t mh_rng_range(struct mh_rng *r, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : lo + (int32_t)mh_rng_below(r, (uint32_t)(hi - lo + 1));
}

static inline int mh_rng_chance(struct mh_rng *r, double p)
{
	return mh_rng_unit(r) < p;
}

double mh_rng_normal(struct mh_rng *r);           /* mean 0, sd 1 */
double mh_rng_exp(struct mh_rng *r, double mean); /* exponential */
double mh_rng_lognormal(struct mh_rng *r, double median, double sigma);
uint32_t mh_rng_poisson(struct mh_rng *r, double lambda); /* lambda < ~1e6 */
/* Index drawn with probability weight[i] / sum(weight); n >= 1. */
uint32_t mh_rng_weighted(struct mh_rng *r, const uint16_t *weight, uint32_t n);
/* Fisher-Yates shuffle of n uint32_t values. */
void mh_rng_shuffle(struct mh_rng *r, uint32_t *v, uint32_t n);

#endif
