/*
 * gen.h: a synthetic partnership for the network benchmark (bench_graph.c): children,
 * people of concern, places, vehicles, phones and missing episodes across 32
 * boroughs, with about 1,000,000 links shaped like exploitation networks rather than
 * like a random graph:
 *  - most children have no link but their own missing episodes; a quarter are in
 *    small friendship networks (pairs and threes); about 8% are exploited by one of
 *    1,500 groups;
 *  - group sizes and each member's activity are heavy-tailed (Pareto), so a few
 *    people of concern are linked to many children (serial) and most to one or two;
 *  - each group has a home borough; one in five also works in one or two others, and
 *    some of its children come from elsewhere (networks across boroughs);
 *  - places have Zipf popularity within their borough: a few hotels and takeaways
 *    are hotspots, most places are used once, none is shared by everyone;
 *  - sightings repeat (seen with, visited) with their own dates, so many links join
 *    the same two nodes at different times.
 * Everything is a pure function of the seed. Ids and labels are made up ("C000123",
 * "Child 123"); nothing here describes a real person.
 */
#ifndef LANTERN_BENCH_GRAPH_GEN_H
#define LANTERN_BENCH_GRAPH_GEN_H

#include <math.h>

#include "link/graph.h"
#include "util/rng.h"

struct gen_params {
	int32_t children, pocs, places, vehicles, phones;
	int64_t links; /* target total, episode links included */
	int32_t groups;
	uint64_t seed;
};

struct gen_out {
	struct graph_node_in *nodes;
	int32_t n_nodes;
	struct graph_link_in *links;
	int64_t n_links;
	char *strings;     /* ids and labels */
	int32_t *in_group; /* children exploited by a group, for the page benchmark */
	int32_t n_in_group;
};

#define GEN_BOROUGHS 32

/* Cumulative weights for picking by weight (binary search). */
struct wpick {
	double *cum;
	int32_t *item;
	int32_t n;
};

static void wpick_init(struct wpick *w, int32_t cap)
{
	w->cum = malloc((size_t)(cap ? cap : 1) * sizeof(double));
	w->item = malloc((size_t)(cap ? cap : 1) * sizeof(int32_t));
	w->n = 0;
	if (!w->cum || !w->item) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
}

static void wpick_add(struct wpick *w, int32_t item, double weight)
{
	double prev = w->n ? w->cum[w->n - 1] : 0.0;
	w->cum[w->n] = prev + weight;
	w->item[w->n++] = item;
}

static int32_t wpick_get(const struct wpick *w, struct rng *r)
{
	double x = rng_double(r) * w->cum[w->n - 1];
	int32_t lo = 0, hi = w->n - 1;
	while (lo < hi) {
		int32_t mid = (lo + hi) / 2;
		if (w->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return w->item[lo];
}

static void wpick_free(struct wpick *w)
{
	free(w->cum);
	free(w->item);
}

/* Pareto(alpha) >= 1. */
static double pareto(struct rng *r, double alpha)
{
	return pow(1.0 - rng_double(r), -1.0 / alpha);
}

struct gen_state {
	struct gen_out *o;
	int64_t cap_links;
	struct rng r;
};

static void gen_link(struct gen_state *s, int32_t a, int32_t b, enum graph_kind kind)
{
	if (a == b || s->o->n_links >= s->cap_links)
		return;
	struct rng *r = &s->r;
	struct graph_link_in *l = &s->o->links[s->o->n_links++];
	memset(l, 0, sizeof(*l));
	l->a = a;
	l->b = b;
	l->kind = kind;
	/* 2023-01-01 .. 2026-06-30, UTC seconds */
	l->start = 1672531200 + (int64_t)rng_below(r, 1277 * 86400ull);
	if (kind != GRAPH_EPISODE_OF && rng_chance(r, 0.6))
		l->end = l->start + (int64_t)rng_below(r, 180 * 86400ull);
	l->intelligence = kind != GRAPH_EPISODE_OF && rng_chance(r, 0.3);
	l->restricted = l->intelligence && rng_chance(r, 0.1);
}

/* Builds the partnership. Node order: children, people of concern, places, vehicles,
 * phones, episodes. */
static void gen_partnership(const struct gen_params *p, struct gen_out *o)
{
	struct gen_state s = {o, p->links, {{0}}};
	struct rng *r = &s.r;
	rng_seed(r, p->seed);
	memset(o, 0, sizeof(*o));
	int32_t c0 = 0, p0 = c0 + p->children, l0 = p0 + p->pocs, v0 = l0 + p->places,
	        h0 = v0 + p->vehicles, e0 = h0 + p->phones;
	/* episodes: 35% of children go missing, 1 + geometric(mean 1.5) episodes each */
	int32_t *n_ep = calloc((size_t)p->children, sizeof(int32_t));
	int32_t episodes = 0;
	for (int32_t i = 0; i < p->children; i++) {
		if (!rng_chance(r, 0.35))
			continue;
		n_ep[i] = 1;
		while (n_ep[i] < 30 && rng_chance(r, 0.6))
			n_ep[i]++;
		episodes += n_ep[i];
	}
	o->n_nodes = e0 + episodes;
	o->nodes = calloc((size_t)o->n_nodes, sizeof(*o->nodes));
	o->links = malloc((size_t)p->links * sizeof(*o->links));
	o->strings = malloc((size_t)o->n_nodes * 40);
	o->in_group = malloc((size_t)p->children * sizeof(int32_t));
	int32_t *borough = malloc((size_t)o->n_nodes * sizeof(int32_t));
	int32_t *group_of = malloc((size_t)p->children * sizeof(int32_t));
	int32_t *first_ep = malloc((size_t)p->children * sizeof(int32_t));
	int32_t *handler = malloc((size_t)p->children * sizeof(int32_t));
	if (!n_ep || !o->nodes || !o->links || !o->strings || !o->in_group || !borough ||
	    !group_of || !first_ep || !handler) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	char *sp = o->strings;
	static const char prefix[GRAPH_TYPE_COUNT] = {'C', 'P', 'L', 'V', 'T', 'E'};
	static const char *const word[GRAPH_TYPE_COUNT] = {"Child",   "Person", "Place",
	                                                   "Vehicle", "Phone",  "Episode"};
	int32_t e = e0;
	for (int32_t v = 0; v < o->n_nodes; v++) {
		enum graph_type t = v < p0   ? GRAPH_CHILD
		                    : v < l0 ? GRAPH_POC
		                    : v < v0 ? GRAPH_PLACE
		                    : v < h0 ? GRAPH_VEHICLE
		                    : v < e0 ? GRAPH_PHONE
		                             : GRAPH_EPISODE;
		struct graph_node_in *n = &o->nodes[v];
		n->type = t;
		n->id = sp;
		sp += snprintf(sp, 16, "%c%07d", prefix[t], v) + 1;
		n->label = sp;
		sp += snprintf(sp, 24, "%s %d", word[t], v) + 1;
		borough[v] = (int32_t)rng_below(r, GEN_BOROUGHS);
		if (t == GRAPH_POC)
			n->has_order = rng_chance(r, 0.04);
	}
	/* episodes follow their child */
	for (int32_t i = 0; i < p->children; i++) {
		first_ep[i] = e;
		for (int32_t k = 0; k < n_ep[i]; k++) {
			borough[e] = borough[i];
			gen_link(&s, e, i, GRAPH_EPISODE_OF);
			e++;
		}
	}
	/* places: Zipf popularity per borough; the groups' own addresses come later */
	struct wpick place_by_b[GEN_BOROUGHS];
	for (int b = 0; b < GEN_BOROUGHS; b++)
		wpick_init(&place_by_b[b], p->places);
	{
		int32_t rank[GEN_BOROUGHS] = {0};
		for (int32_t v = l0; v < v0; v++) {
			int b = borough[v];
			wpick_add(&place_by_b[b], v, 1.0 / pow(++rank[b], 1.1));
		}
	}
	/* groups: heavy-tailed size; 1 in 5 spans two or three boroughs */
	int32_t G = p->groups;
	int32_t *g_b = malloc((size_t)G * 3 * sizeof(int32_t));
	int32_t *g_first = calloc((size_t)G + 1, sizeof(int32_t));
	struct wpick gsize;
	wpick_init(&gsize, G);
	for (int32_t g = 0; g < G; g++) {
		g_b[3 * g] = (int32_t)rng_below(r, GEN_BOROUGHS);
		bool wide = rng_chance(r, 0.2);
		g_b[3 * g + 1] = wide ? (int32_t)rng_below(r, GEN_BOROUGHS) : g_b[3 * g];
		g_b[3 * g + 2] = wide && rng_chance(r, 0.5) ? (int32_t)rng_below(r, GEN_BOROUGHS)
		                                            : g_b[3 * g];
		wpick_add(&gsize, g, pareto(r, 1.3));
	}
	/* 80% of people of concern belong to a group; members sorted by group */
	int32_t *members = malloc((size_t)p->pocs * sizeof(int32_t));
	int32_t *poc_group = malloc((size_t)p->pocs * sizeof(int32_t));
	double *activity = malloc((size_t)p->pocs * sizeof(double));
	for (int32_t i = 0; i < p->pocs; i++) {
		poc_group[i] = rng_chance(r, 0.8) ? wpick_get(&gsize, r) : -1;
		activity[i] = pareto(r, 1.2);
		if (poc_group[i] >= 0)
			g_first[poc_group[i] + 1]++;
	}
	for (int32_t g = 0; g < G; g++)
		g_first[g + 1] += g_first[g];
	{
		int32_t *fill = malloc((size_t)G * sizeof(int32_t));
		memcpy(fill, g_first, (size_t)G * sizeof(int32_t));
		for (int32_t i = 0; i < p->pocs; i++)
			if (poc_group[i] >= 0) {
				members[fill[poc_group[i]]++] = p0 + i;
				borough[p0 + i] = g_b[3 * poc_group[i] + rng_below(r, 3)];
			}
		free(fill);
	}
	/* per-group picks: members by activity, 1-4 own addresses, 1-3 line phones, cars */
	struct wpick *gm = calloc((size_t)G, sizeof(*gm));
	int32_t *g_place = malloc((size_t)G * 4 * sizeof(int32_t));
	int32_t *g_phone = malloc((size_t)G * 3 * sizeof(int32_t));
	int32_t *g_car = malloc((size_t)G * 2 * sizeof(int32_t));
	for (int32_t g = 0; g < G; g++) {
		int32_t sz = g_first[g + 1] - g_first[g];
		wpick_init(&gm[g], sz);
		for (int32_t k = g_first[g]; k < g_first[g + 1]; k++)
			wpick_add(&gm[g], members[k], activity[members[k] - p0]);
		for (int k = 0; k < 4; k++)
			g_place[4 * g + k] = l0 + (int32_t)rng_below(r, (uint64_t)p->places);
		for (int k = 0; k < 3; k++)
			g_phone[3 * g + k] = h0 + (int32_t)rng_below(r, (uint64_t)p->phones);
		for (int k = 0; k < 2; k++)
			g_car[2 * g + k] = v0 + (int32_t)rng_below(r, (uint64_t)p->vehicles);
	}
	/* children: 8% exploited by a group, 25% in small friendship networks */
	o->n_in_group = 0;
	for (int32_t i = 0; i < p->children; i++) {
		group_of[i] = -1;
		double x = rng_double(r);
		struct graph_node_in *n = &o->nodes[i];
		int32_t g = x < 0.08 ? wpick_get(&gsize, r) : -1;
		if (g >= 0 && g_first[g + 1] > g_first[g]) {
			group_of[i] = g;
			o->in_group[o->n_in_group++] = i;
			borough[i] = rng_chance(r, 0.85) ? g_b[3 * g + rng_below(r, 3)]
			                                 : (int32_t)rng_below(r, GEN_BOROUGHS);
			double c = rng_double(r);
			n->category = c < 0.15 ? 3 : c < 0.40 ? 2 : c < 0.70 ? 1 : 0;
		} else {
			double c = rng_double(r);
			n->category = c < 0.01 ? 2 : c < 0.06 ? 1 : 0;
		}
	}
	for (int32_t i = 0; i < p->children; i++) { /* friendships: pairs and threes */
		if (group_of[i] >= 0 || !rng_chance(r, 0.12))
			continue;
		int32_t k = rng_chance(r, 0.7) ? 1 : 2;
		for (int32_t j = 0; j < k; j++) {
			int32_t f = (int32_t)rng_below(r, (uint64_t)p->children);
			gen_link(&s, i, f, rng_chance(r, 0.5) ? GRAPH_ASSOCIATE : GRAPH_SEEN_WITH);
			if (n_ep[i] && n_ep[f] && rng_chance(r, 0.3))
				gen_link(&s, first_ep[i], first_ep[f], GRAPH_MISSING_WITH);
		}
	}
	/* episodes found at places: the group's addresses or a popular local place */
	for (int32_t i = 0; i < p->children; i++)
		for (int32_t k = 0; k < n_ep[i]; k++) {
			if (!rng_chance(r, 0.45))
				continue;
			int32_t g = group_of[i];
			int32_t pl = g >= 0 && rng_chance(r, 0.5)
			                     ? g_place[4 * g + rng_below(r, 4)]
			                     : wpick_get(&place_by_b[borough[i]], r);
			gen_link(&s, first_ep[i] + k, pl, GRAPH_FOUND_AT);
		}
	/* people of concern: phones, cars, associates inside the group */
	for (int32_t i = 0; i < p->pocs; i++) {
		int32_t v = p0 + i, g = poc_group[i];
		int32_t own = 1 + (rng_chance(r, 0.4) ? 1 : 0) + (rng_chance(r, 0.2) ? 1 : 0);
		for (int32_t k = 0; k < own; k++)
			gen_link(&s, v, h0 + (int32_t)rng_below(r, (uint64_t)p->phones),
			         GRAPH_USES);
		if (rng_chance(r, 0.3))
			gen_link(&s, v, v0 + (int32_t)rng_below(r, (uint64_t)p->vehicles),
			         GRAPH_REGISTERED_KEEPER);
		if (g < 0)
			continue;
		if (rng_chance(r, 0.25))
			gen_link(&s, v, g_phone[3 * g + rng_below(r, 3)], GRAPH_USES);
		if (rng_chance(r, 0.2))
			gen_link(&s, v, g_car[2 * g + rng_below(r, 2)], GRAPH_USES);
		for (int k = 0; k < 3; k++)
			gen_link(&s, v, wpick_get(&gm[g], r), GRAPH_ASSOCIATE);
	}
	/* group children: people, places, cars, the line phone, each once or more */
	for (int32_t i = 0; i < p->children; i++) {
		int32_t g = group_of[i];
		if (g < 0)
			continue;
		int32_t kp = 1 + (int32_t)rng_below(r, 2);
		handler[i] = wpick_get(&gm[g], r);
		gen_link(&s, i, handler[i], GRAPH_ASSOCIATE);
		for (int32_t k = 1; k < kp; k++)
			gen_link(&s, i, wpick_get(&gm[g], r), GRAPH_SEEN_WITH);
		for (int32_t k = 0; k < 2; k++)
			gen_link(&s, i,
			         rng_chance(r, 0.6) ? g_place[4 * g + rng_below(r, 4)]
			                            : wpick_get(&place_by_b[borough[i]], r),
			         GRAPH_VISITED);
		if (rng_chance(r, 0.15))
			gen_link(&s, i, g_car[2 * g + rng_below(r, 2)], GRAPH_TRANSPORTED);
		if (rng_chance(r, 0.1))
			gen_link(&s, i, g_phone[3 * g + rng_below(r, 3)], GRAPH_USES);
		if (n_ep[i] && rng_chance(r, 0.3)) { /* missing with another of the group */
			int32_t j = o->in_group[rng_below(r, (uint64_t)o->n_in_group)];
			if (n_ep[j] && group_of[j] == g)
				gen_link(&s, first_ep[i], first_ep[j], GRAPH_MISSING_WITH);
		}
	}
	/* repeated sightings until the target: members together, at places, a child with
	 * the person who first drew them in */
	while (o->n_links < p->links) {
		double x = rng_double(r);
		if (x < 0.5) {
			int32_t i = (int32_t)rng_below(r, (uint64_t)p->pocs), g = poc_group[i];
			if (g < 0)
				continue;
			gen_link(&s, p0 + i, wpick_get(&gm[g], r), GRAPH_SEEN_WITH);
		} else if (x < 0.95) {
			int32_t i = (int32_t)rng_below(r, (uint64_t)p->pocs), g = poc_group[i];
			int32_t pl = g >= 0 && rng_chance(r, 0.5)
			                     ? g_place[4 * g + rng_below(r, 4)]
			                     : wpick_get(&place_by_b[borough[p0 + i]], r);
			gen_link(&s, p0 + i, pl, GRAPH_VISITED);
		} else {
			if (!o->n_in_group)
				continue;
			int32_t i = o->in_group[rng_below(r, (uint64_t)o->n_in_group)];
			gen_link(&s, i, handler[i], GRAPH_SEEN_WITH);
		}
	}
	for (int b = 0; b < GEN_BOROUGHS; b++)
		wpick_free(&place_by_b[b]);
	for (int32_t g = 0; g < G; g++)
		wpick_free(&gm[g]);
	wpick_free(&gsize);
	free(gm);
	free(g_place);
	free(g_phone);
	free(g_car);
	free(members);
	free(poc_group);
	free(activity);
	free(g_b);
	free(g_first);
	free(n_ep);
	free(borough);
	free(group_of);
	free(first_ep);
	free(handler);
}

static void gen_free(struct gen_out *o)
{
	free(o->nodes);
	free(o->links);
	free(o->strings);
	free(o->in_group);
	memset(o, 0, sizeof(*o));
}

#endif
