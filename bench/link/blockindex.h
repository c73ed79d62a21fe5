/*
 * blockindex.h: a small in-memory blocking index for the linkage benchmarks: key
 * string -> list of record numbers, open addressing with FNV-1a. Header-only so that
 * each bench_*.c (built as one source file) can include it.
 */
#ifndef LANTERN_BENCH_BLOCKINDEX_H
#define LANTERN_BENCH_BLOCKINDEX_H

#include "link/match.h"

struct bix_slot {
	char key[LINK_KEY_LEN];
	int *ids;
	int n, cap;
	bool used;
};

struct bix {
	struct bix_slot *slots;
	size_t cap;
};

static uint64_t bix_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void bix_init(struct bix *b, size_t cap)
{
	b->cap = cap;
	b->slots = calloc(cap, sizeof(*b->slots));
	if (!b->slots)
		exit(1);
}

static struct bix_slot *bix_find(struct bix *b, const char *key, bool create)
{
	size_t i = bix_hash(key) % b->cap;
	while (b->slots[i].used) {
		if (strcmp(b->slots[i].key, key) == 0)
			return &b->slots[i];
		i = (i + 1) % b->cap;
	}
	if (!create)
		return NULL;
	b->slots[i].used = true;
	size_t n = strnlen(key, LINK_KEY_LEN - 1); /* keys are shorter than LINK_KEY_LEN */
	memcpy(b->slots[i].key, key, n);
	b->slots[i].key[n] = '\0';
	return &b->slots[i];
}

static void bix_add(struct bix *b, const struct link_person *p, int id)
{
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	int nk = link_blocking_keys(p, keys, LINK_MAX_KEYS);
	for (int k = 0; k < nk; k++) {
		struct bix_slot *s = bix_find(b, keys[k], true);
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 4;
			s->ids = realloc(s->ids, sizeof(int) * (size_t)s->cap);
			if (!s->ids)
				exit(1);
		}
		s->ids[s->n++] = id;
	}
}

/* Candidate ids for p, deduplicated with `stamp` (one int per record, all distinct
 * from `tick` beforehand). Returns the count written to out (at most max). */
static int bix_candidates(struct bix *b, const struct link_person *p, int *stamp, int tick,
                          int *out, int max)
{
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	int nk = link_blocking_keys(p, keys, LINK_MAX_KEYS), n = 0;
	for (int k = 0; k < nk; k++) {
		struct bix_slot *s = bix_find(b, keys[k], false);
		if (!s)
			continue;
		for (int i = 0; i < s->n && n < max; i++) {
			if (stamp[s->ids[i]] == tick)
				continue;
			stamp[s->ids[i]] = tick;
			out[n++] = s->ids[i];
		}
	}
	return n;
}

static void bix_free(struct bix *b)
{
	for (size_t i = 0; i < b->cap; i++)
		free(b->slots[i].ids);
	free(b->slots);
}

#endif
