/*
 * ceiling.h: how far any scorer could go on the comparisons bench_link makes, so that a
 * recall target can be judged against what the records hold (bench_link synth prints it
 * as "ceiling on these comparisons").
 *
 * Every pair a lookup scores is put in a cell: the level of each field (link_compare)
 * and how many stored children carry the candidate's full name (first given and family
 * name: 1, 2-3, 4-7, 8-15, 16 or more). A rule that sees only these can do no better
 * than taking cells purest first, the last in part, and that is what is counted: the
 * recall where precision falls to 0.995. The figure is generous on purpose:
 *   - the cells are ordered on the very pairs they are judged on (fitted, not learned);
 *   - a known probe's false pairs (its child's namesakes, brothers and sisters, found
 *     beside it) are left out, as if the right child were always told from the others;
 *     only new children's pairs count as false;
 *   - a cell can be taken in part.
 * Its fitting flatters it most when cells are thinly filled: run with more new children
 * than known ones (bench_link synth N seed 20000 100000) and their pairs are weighed
 * back to the evaluation's mix of one new child a known one, so that fewer cells are
 * pure by chance. The figure then falls towards what the comparisons allow at that size.
 *
 * Bench code: static functions, one includer (bench_link.c).
 */
#ifndef LANTERN_BENCH_LINK_CEILING_H
#define LANTERN_BENCH_LINK_CEILING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/match.h"
#include "memindex.h"

struct ceil_pair {
	uint64_t cell;
	bool same; /* a known probe's true pair; else a new child's pair */
};

struct ceiling {
	struct ceil_pair *p;
	size_t n, cap;
	/* counts of names among stored children: key hash -> count (open addressing) */
	uint64_t *key;
	uint32_t *count;
	size_t slots; /* a power of two */
};

/* The key of a full name ("given|family") in the count table (mix_hash: never 0). */
static uint64_t ceil_hash(const char *given, const char *family)
{
	char full[2 * LINK_PTOK_LEN + 2];
	snprintf(full, sizeof(full), "%s|%s", given, family);
	return mix_hash(full);
}

static uint32_t *ceil_slot(struct ceiling *c, uint64_t k, bool add)
{
	size_t i = (size_t)(k ^ (k >> 29)) & (c->slots - 1);
	while (c->key[i] && c->key[i] != k)
		i = (i + 1) & (c->slots - 1);
	if (!c->key[i]) {
		if (!add)
			return NULL;
		c->key[i] = k;
	}
	return &c->count[i];
}

/* The person's first given name and first family name tokens ("" when missing). */
static void ceil_names(const struct link_person *p, const char **given, const char **family)
{
	*given = *family = "";
	for (int t = 0; t < p->n_tok; t++) {
		const struct link_ptok *k = &p->tok[t];
		if (k->set || k->pos)
			continue;
		if (k->family && !**family)
			*family = k->s;
		else if (!k->family && !**given)
			*given = k->s;
	}
}

static void ceiling_init(struct ceiling *c, const struct link_person *people, size_t n)
{
	memset(c, 0, sizeof(*c));
	c->slots = 1;
	while (c->slots < 2 * n + 16)
		c->slots <<= 1;
	c->key = calloc(c->slots, sizeof(*c->key));
	c->count = calloc(c->slots, sizeof(*c->count));
	c->cap = 1u << 16;
	c->p = malloc(c->cap * sizeof(*c->p));
	if (!c->key || !c->count || !c->p)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		const char *g, *f;
		ceil_names(&people[i], &g, &f);
		(*ceil_slot(c, ceil_hash(g, f), true))++;
	}
}

static unsigned ceil_bucket(struct ceiling *c, uint64_t k)
{
	const uint32_t *n = ceil_slot(c, k, false);
	unsigned b = 0;
	for (uint32_t v = n ? *n : 0; v > 1 && b < 15; v >>= 1)
		b++;
	return b;
}

/* Records one scored pair: only known probes' true pairs and new children's pairs. */
static void ceiling_add(struct ceiling *c, const struct link_gamma *g,
                        const struct link_person *cand, bool known, bool same)
{
	if (known && !same)
		return;
	uint64_t cell = 0;
	for (int f = 0; f < LINK_NCMP; f++)
		cell = cell * 16 + (g->level[f] & 15u);
	const char *gv, *fm;
	ceil_names(cand, &gv, &fm);
	unsigned b = ceil_bucket(c, ceil_hash(gv, fm));
	cell = cell * 16 + (b < 4 ? b : 4); /* 1, 2-3, 4-7, 8-15, 16 or more */
	if (c->n == c->cap) {
		c->cap *= 2;
		c->p = realloc(c->p, c->cap * sizeof(*c->p));
		if (!c->p)
			exit(1);
	}
	c->p[c->n++] = (struct ceil_pair){cell, same};
}

struct ceil_cell {
	double t, f; /* true pairs; false pairs weighted to the evaluation's mix */
};

static int ceil_by_cell(const void *x, const void *y)
{
	const struct ceil_pair *a = x, *b = y;
	return a->cell < b->cell ? -1 : a->cell > b->cell;
}

/* Purest first; a larger cell first among equals. */
static int ceil_by_purity(const void *x, const void *y)
{
	const struct ceil_cell *a = x, *b = y;
	double pa = a->t / (a->t + a->f), pb = b->t / (b->t + b->f);
	if (pa != pb)
		return pa > pb ? -1 : 1;
	return a->t > b->t ? -1 : a->t < b->t;
}

#define CEIL_PRECISION 0.995

/* Prints the bound. Known probes are n_known; a new child's pair counts new_fw of a
 * false pair (n_known / n_new in bench_link: a run with more new children than known
 * ones, for cells better filled, is judged at one new child a known one). */
static void ceiling_report(struct ceiling *c, size_t n_known, double new_fw)
{
	qsort(c->p, c->n, sizeof(*c->p), ceil_by_cell);
	struct ceil_cell *cell = calloc(c->n ? c->n : 1, sizeof(*cell));
	if (!cell)
		exit(1);
	size_t nc = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (i == 0 || c->p[i].cell != c->p[i - 1].cell)
			nc++;
		if (c->p[i].same)
			cell[nc - 1].t++;
		else
			cell[nc - 1].f += new_fw;
	}
	qsort(cell, nc, sizeof(*cell), ceil_by_purity);
	/* Whole cells while precision holds, then the part of the next cell that brings it
	 * to exactly CEIL_PRECISION: cells come purest first, so no choice of cells (or
	 * parts of them) takes more true pairs at that precision. */
	const double allowed = (1 - CEIL_PRECISION) / CEIL_PRECISION; /* false per true */
	double tp = 0, fp = 0;
	for (size_t i = 0; i < nc; i++) {
		if (fp + cell[i].f <= allowed * (tp + cell[i].t)) {
			tp += cell[i].t;
			fp += cell[i].f;
			continue;
		}
		double x = (allowed * tp - fp) / (cell[i].f - allowed * cell[i].t);
		if (x > 0)
			tp += x * cell[i].t;
		break;
	}
	printf("ceiling on these comparisons (levels and full-name counts, %zu cells, %zu pairs):"
	       " recall %.4f at precision >= %.3f\n",
	       nc, c->n, tp / (double)(n_known ? n_known : 1), CEIL_PRECISION);
	free(cell);
}

static void ceiling_free(struct ceiling *c)
{
	free(c->p);
	free(c->key);
	free(c->count);
}

#endif
