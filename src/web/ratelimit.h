/*
 * ratelimit.h: an in-memory token-bucket limiter keyed by string (e.g. "acct:jsmith",
 * "addr:192.0.2.1"), for sign-in attempts. Each key has a bucket of `burst` tokens
 * refilled at `per_minute` tokens a minute; an attempt takes one token and is refused
 * when none is left. The table holds at most `max_keys` keys: when full, buckets
 * that have refilled completely are dropped (they carry no state), then the least
 * recently used. Thread-safe (one mutex). Time is a parameter (milliseconds, any
 * monotonic origin) so tests need no clock.
 */
#ifndef LANTERN_WEB_RATELIMIT_H
#define LANTERN_WEB_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RATELIMIT_KEY_MAX 128 /* longer keys are truncated (still distinct enough) */

struct ratelimit;

struct ratelimit *ratelimit_new(double burst, double per_minute, size_t max_keys);
void ratelimit_free(struct ratelimit *rl);
/* Takes a token for key if one is available: true (allowed) or false (limited). */
bool ratelimit_take(struct ratelimit *rl, const char *key, int64_t now_ms);
/* True if a token is available, without taking it. */
bool ratelimit_peek(struct ratelimit *rl, const char *key, int64_t now_ms);
/* Forgets key (its bucket is full again), e.g. after a successful sign-in. */
void ratelimit_reset(struct ratelimit *rl, const char *key);
/* Seconds until a token will be available for key (0 if one is). */
int64_t ratelimit_retry_after(struct ratelimit *rl, const char *key, int64_t now_ms);
/* Monotonic milliseconds, for callers. */
int64_t ratelimit_now_ms(void);

#endif
