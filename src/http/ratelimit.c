/* Token buckets per client address in a fixed table. */
#include "http/ratelimit.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/xalloc.h"

struct slot {
	unsigned char addr[16];
	uint8_t len;
	double tokens;
	int64_t last_ms;
};

struct mh_ratelimit {
	pthread_mutex_t lock;
	double rate, burst;
	struct slot slots[MH_RL_SLOTS];
};

struct mh_ratelimit *mh_ratelimit_new(double rate, double burst)
{
	struct mh_ratelimit *rl = mh_calloc(1, sizeof(*rl));

	pthread_mutex_init(&rl->lock, NULL);
	rl->rate = rate;
	rl->burst = burst < 1 ? 1 : burst;
	return rl;
}

void mh_ratelimit_free(struct mh_ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->lock);
	free(rl);
}

static void refill(const struct mh_ratelimit *rl, struct slot *s, int64_t now_ms)
{
	if (now_ms > s->last_ms) {
		s->tokens += rl->rate * (double)(now_ms - s->last_ms) / 1000.0;
		if (s->tokens > rl->burst)
			s->tokens = rl->burst;
		s->last_ms = now_ms;
	}
}

unsigned mh_ratelimit_take(struct mh_ratelimit *rl, const void *addr, size_t n, int64_t now_ms)
{
	struct slot *s;
	unsigned wait = 0;

	if (!rl || rl->rate <= 0)
		return 0;
	if (n > sizeof(s->addr))
		n = sizeof(s->addr);
	pthread_mutex_lock(&rl->lock);
	s = &rl->slots[XXH3_64bits(addr, n) % MH_RL_SLOTS];
	if (s->len != n || memcmp(s->addr, addr, n)) {
		refill(rl, s, now_ms);
		if (s->len == 0 || s->tokens >= rl->burst) {
			memcpy(s->addr, addr, n);
			s->len = (uint8_t)n;
			s->tokens = rl->burst;
			s->last_ms = now_ms;
		}
	}
	refill(rl, s, now_ms);
	if (s->tokens >= 1)
		s->tokens -= 1;
	else
		wait = (unsigned)ceil((1 - s->tokens) / rl->rate);
	pthread_mutex_unlock(&rl->lock);
	return wait;
}
