/* xoshiro256** streams and the few distributions the simulator draws from. */
#include "sim/rng.h"

#include <math.h>

void mh_rng_seed(struct mh_rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++) {
		x += 0x9e3779b97f4a7c15ull;
		r->s[i] = mh_mix64(x);
	}
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

void mh_rng_derive(struct mh_rng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t h = mh_mix64(seed);

	h = mh_mix64(h ^ mh_mix64(a + 0x1234567ull));
	h = mh_mix64(h ^ mh_mix64(b + 0x89abcdefull));
	h = mh_mix64(h ^ mh_mix64(c + 0x13579bdfull));
	mh_rng_seed(r, h);
}

double mh_rng_normal(struct mh_rng *r)
{
	double u = mh_rng_unit(r), v = mh_rng_unit(r);

	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double mh_rng_exp(struct mh_rng *r, double mean)
{
	double u = mh_rng_unit(r);

	return -mean * log(1.0 - u);
}

double mh_rng_lognormal(struct mh_rng *r, double median, double sigma)
{
	return median * exp(sigma * mh_rng_normal(r));
}

uint32_t mh_rng_poisson(struct mh_rng *r, double lambda)
{
	double l, p;
	uint32_t k = 0;

	if (lambda <= 0)
		return 0;
	if (lambda > 30) {
		double x = lambda + sqrt(lambda) * mh_rng_normal(r) + 0.5;

		return x < 0 ? 0 : (uint32_t)x;
	}
	l = exp(-lambda);
	p = mh_rng_unit(r);
	while (p > l) {
		k++;
		p *= mh_rng_unit(r);
	}
	return k;
}

uint32_t mh_rng_weighted(struct mh_rng *r, const uint16_t *weight, uint32_t n)
{
	uint32_t i, sum = 0, x;

	for (i = 0; i < n; i++)
		sum += weight[i];
	if (!sum)
		return mh_rng_below(r, n);
	x = mh_rng_below(r, sum);
	for (i = 0; i < n; i++) {
		if (x < weight[i])
			return i;
		x -= weight[i];
	}
	return n - 1;
}

void mh_rng_shuffle(struct mh_rng *r, uint32_t *v, uint32_t n)
{
	uint32_t i, j, t;

	for (i = n; i > 1; i--) {
		j = mh_rng_below(r, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}
