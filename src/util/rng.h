/*
 * rng.h: a small deterministic pseudo-random generator (xoshiro256**, seeded through
 * splitmix64) for synthetic data: the same seed gives the same demo borough on every
 * machine. Never use it for secrets: tokens and IDs use libsodium (util/id.h).
 */
#ifndef LANTERN_RNG_H
#define LANTERN_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* Uniform in [0, 1). */
double rng_double(struct rng *r);
/* True with probability p. */
int rng_chance(struct rng *r, double p);

#endif
