/* ratelimit.c: token buckets in a chained hash table under one mutex (see ratelimit.h). */
#include "web/ratelimit.h"

#include <pthread.h>
#include <time.h>

#define NBUCKETS 4096

struct entry {
	struct entry *next;
	double tokens;
	int64_t updated_ms;
	char key[RATELIMIT_KEY_MAX];
};

struct ratelimit {
	pthread_mutex_t mu;
	double burst, per_ms;
	size_t max_keys, count;
	struct entry *table[NBUCKETS];
};

int64_t ratelimit_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct ratelimit *ratelimit_new(double burst, double per_minute, size_t max_keys)
{
	if (burst < 1 || per_minute <= 0 || max_keys == 0)
		return NULL;
	struct ratelimit *rl = calloc(1, sizeof(*rl));
	if (!rl)
		return NULL;
	pthread_mutex_init(&rl->mu, NULL);
	rl->burst = burst;
	rl->per_ms = per_minute / 60000.0;
	rl->max_keys = max_keys;
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct entry *e = rl->table[i];
		while (e) {
			struct entry *next = e->next;
			free(e);
			e = next;
		}
	}
	pthread_mutex_destroy(&rl->mu);
	free(rl);
}

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static double level(const struct ratelimit *rl, const struct entry *e, int64_t now)
{
	double t = e->tokens;
	if (now > e->updated_ms)
		t += (double)(now - e->updated_ms) * rl->per_ms;
	return t > rl->burst ? rl->burst : t;
}

/* Drops full buckets; if none, the least recently updated. Caller holds the lock. */
static void evict(struct ratelimit *rl, int64_t now)
{
	struct entry **oldest = NULL;
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct entry **pp = &rl->table[i];
		while (*pp) {
			if (level(rl, *pp, now) >= rl->burst) {
				struct entry *dead = *pp;
				*pp = dead->next;
				free(dead);
				rl->count--;
				continue;
			}
			if (!oldest || (*pp)->updated_ms < (*oldest)->updated_ms)
				oldest = pp;
			pp = &(*pp)->next;
		}
	}
	if (rl->count >= rl->max_keys && oldest) {
		struct entry *dead = *oldest;
		*oldest = dead->next;
		free(dead);
		rl->count--;
	}
}

/* Finds key's entry, creating it (full) if `create`. Caller holds the lock. */
static struct entry *find(struct ratelimit *rl, const char *key, int64_t now, bool create)
{
	char k[RATELIMIT_KEY_MAX];
	snprintf(k, sizeof k, "%s", key);
	uint32_t h = hash(k) % NBUCKETS;
	for (struct entry *e = rl->table[h]; e; e = e->next)
		if (strcmp(e->key, k) == 0)
			return e;
	if (!create)
		return NULL;
	if (rl->count >= rl->max_keys)
		evict(rl, now);
	struct entry *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	memcpy(e->key, k, sizeof k);
	e->tokens = rl->burst;
	e->updated_ms = now;
	e->next = rl->table[h];
	rl->table[h] = e;
	rl->count++;
	return e;
}

bool ratelimit_take(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	pthread_mutex_lock(&rl->mu);
	struct entry *e = find(rl, key, now_ms, true);
	bool ok = false;
	if (e) {
		e->tokens = level(rl, e, now_ms);
		e->updated_ms = now_ms > e->updated_ms ? now_ms : e->updated_ms;
		if (e->tokens >= 1) {
			e->tokens -= 1;
			ok = true;
		}
	}
	pthread_mutex_unlock(&rl->mu);
	return ok; /* out of memory refuses: fail closed */
}

bool ratelimit_peek(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	pthread_mutex_lock(&rl->mu);
	struct entry *e = find(rl, key, now_ms, false);
	bool ok = !e || level(rl, e, now_ms) >= 1;
	pthread_mutex_unlock(&rl->mu);
	return ok;
}

void ratelimit_reset(struct ratelimit *rl, const char *key)
{
	char k[RATELIMIT_KEY_MAX];
	snprintf(k, sizeof k, "%s", key);
	pthread_mutex_lock(&rl->mu);
	struct entry **pp = &rl->table[hash(k) % NBUCKETS];
	while (*pp) {
		if (strcmp((*pp)->key, k) == 0) {
			struct entry *dead = *pp;
			*pp = dead->next;
			free(dead);
			rl->count--;
			break;
		}
		pp = &(*pp)->next;
	}
	pthread_mutex_unlock(&rl->mu);
}

int64_t ratelimit_retry_after(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	pthread_mutex_lock(&rl->mu);
	struct entry *e = find(rl, key, now_ms, false);
	double lv = e ? level(rl, e, now_ms) : rl->burst;
	pthread_mutex_unlock(&rl->mu);
	if (lv >= 1)
		return 0;
	double ms = (1 - lv) / rl->per_ms;
	return (int64_t)(ms / 1000.0) + 1;
}
