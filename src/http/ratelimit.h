#ifndef MH_HTTP_RATELIMIT_H
#define MH_HTTP_RATELIMIT_H
/*
 * Requests per second per client address: a token bucket per address in a
 * fixed table (MH_RL_SLOTS). An address whose slot is taken by another busy
 * address shares that bucket, which errs on the side of limiting; an idle
 * slot (bucket full again) is handed over. Fixed memory, whatever the number
 * of clients. Thread-safe (one mutex).
 *
 * Ownership: mh_ratelimit_new() returns a limiter freed by mh_ratelimit_free().
 */
#include <stddef.h>
#include <stdint.h>

#define MH_RL_SLOTS 4096

struct mh_ratelimit;

/* rate: tokens per second (0 = no limit); burst: bucket size. */
struct mh_ratelimit *mh_ratelimit_new(double rate, double burst);
void mh_ratelimit_free(struct mh_ratelimit *rl);

/* Take one token for the client address addr (n bytes, at most 16) at time
 * now_ms. Returns 0 when allowed, or the seconds to wait (>= 1). */
unsigned mh_ratelimit_take(struct mh_ratelimit *rl, const void *addr, size_t n, int64_t now_ms);

#endif
