/*
 * memindex.h: an in-memory blocking index for the linkage benchmarks, standing in for
 * the store's (key, child) table: every record's link_blocking_keys(), hashed to 64
 * bits, sorted into one array of postings per key. Header-only so that each
 * bench_*.c (built as one source file) can include it.
 */
#ifndef LANTERN_BENCH_MEMINDEX_H
#define LANTERN_BENCH_MEMINDEX_H

#include "link/blocking.h"

struct mix_pair {
	uint64_t h;
	uint32_t id;
};

struct mix {
	uint64_t *keys;  /* distinct key hashes, ascending */
	uint32_t *start; /* postings of keys[k]: ids[start[k] .. start[k + 1]) */
	uint32_t *ids;
	size_t n_keys, n_ids;
};

static uint64_t mix_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

static int mix_cmp(const void *x, const void *y)
{
	const struct mix_pair *a = x, *b = y;
	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Indexes people[0..n) by their blocking keys; ids are the array positions. */
static void mix_build(struct mix *m, const struct link_person *people, size_t n)
{
	size_t cap = n * 24 + 16, np = 0;
	struct mix_pair *p = malloc(cap * sizeof(*p));
	if (!p)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
		int nk = link_blocking_keys(&people[i], keys, LINK_MAX_KEYS);
		for (int k = 0; k < nk; k++) {
			if (np == cap) {
				cap *= 2;
				p = realloc(p, cap * sizeof(*p));
				if (!p)
					exit(1);
			}
			p[np++] = (struct mix_pair){mix_hash(keys[k]), (uint32_t)i};
		}
	}
	qsort(p, np, sizeof(*p), mix_cmp);
	size_t nk = 0;
	for (size_t i = 0; i < np; i++)
		nk += i == 0 || p[i].h != p[i - 1].h;
	m->keys = malloc((nk ? nk : 1) * sizeof(*m->keys));
	m->start = malloc((nk + 1) * sizeof(*m->start));
	m->ids = malloc((np ? np : 1) * sizeof(*m->ids));
	if (!m->keys || !m->start || !m->ids)
		exit(1);
	size_t k = 0;
	for (size_t i = 0; i < np; i++) {
		if (i == 0 || p[i].h != p[i - 1].h) {
			m->keys[k] = p[i].h;
			m->start[k++] = (uint32_t)i;
		}
		m->ids[i] = p[i].id;
	}
	m->start[nk] = (uint32_t)np;
	m->n_keys = nk;
	m->n_ids = np;
	free(p);
}

/* The postings of key: *n ids at the returned pointer (NULL, 0 if none). */
static const uint32_t *mix_find(const struct mix *m, const char *key, size_t *n)
{
	uint64_t h = mix_hash(key);
	size_t lo = 0, hi = m->n_keys;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->keys[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->n_keys || m->keys[lo] != h) {
		*n = 0;
		return NULL;
	}
	*n = m->start[lo + 1] - m->start[lo];
	return m->ids + m->start[lo];
}

static void mix_free(struct mix *m)
{
	free(m->keys);
	free(m->start);
	free(m->ids);
}

/* What one lookup needs, allocated once. */
struct lookup_buf {
	const char **ptrs;
	size_t cap;
	struct link_posting lists[LINK_MAX_KEYS];
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	struct link_candidate *cand;
	size_t max_cand;
};

static void lookup_buf_init(struct lookup_buf *b, size_t max_cand)
{
	b->cap = 1 << 16;
	b->ptrs = malloc(b->cap * sizeof(*b->ptrs));
	b->max_cand = max_cand;
	b->cand = malloc(max_cand * sizeof(*b->cand));
	if (!b->ptrs || !b->cand)
		exit(1);
}

/* Keys of probe -> postings (at most cap + 1 ids per key, as the store would fetch
 * them, with the full count as holders) -> ranked candidates. ids[] maps a record
 * number to its id string. Returns the number of candidates in b->cand. */
static size_t mix_candidates(const struct mix *m, const char *const *ids,
                             const struct link_person *probe, struct lookup_buf *b, size_t *common)
{
	char(*keys)[LINK_KEY_LEN] = b->keys;
	int nk = link_blocking_keys(probe, keys, LINK_MAX_KEYS);
	size_t used = 0;
	for (int k = 0; k < nk; k++) {
		size_t n;
		const uint32_t *post = mix_find(m, keys[k], &n);
		size_t take = n;
		size_t kcap = link_key_cap(keys[k]);
		if (take > kcap + 1)
			take = kcap + 1;
		if (used + take > b->cap) {
			take = b->cap - used;
		}
		for (size_t i = 0; i < take; i++)
			b->ptrs[used + i] = ids[post[i]];
		b->lists[k] = (struct link_posting){keys[k], b->ptrs + used, take, n, NULL};
		used += take;
	}
	long nc = link_rank_candidates(b->lists, (size_t)nk, b->cand, b->max_cand, common);
	if (nc < 0)
		exit(1);
	return (size_t)nc;
}

#endif
