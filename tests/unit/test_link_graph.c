/* test_link_graph.c: link/graph.h on small hand-made networks with known answers:
 * building and refusing input, filters, components, degree, betweenness (against
 * known values and igraph's own), communities, serial persons of concern, hotspots,
 * children missing together, neighbourhoods, layout, the R-CAT-7 path, and
 * allocation failure at every allocation (in this code and inside igraph). */
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "link/graph.h"
#include "util/rng.h"

/* ---- allocation failure: the process's allocator, failing on demand ---- */

#if defined(__SANITIZE_ADDRESS__)
#define FAULTS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FAULTS 0
#endif
#endif
#ifndef FAULTS
#define FAULTS 1
#endif

#if FAULTS
/* malloc, calloc and realloc here replace the C library's for the whole process
 * (libigraph included) and forward to it; when armed, the Nth call fails. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
static long fault_countdown = -1; /* -1: never fail */
static long fault_hits;

static bool fault_now(void)
{
	if (fault_countdown < 0)
		return false;
	if (fault_countdown == 0) {
		fault_hits++;
		return true;
	}
	fault_countdown--;
	return false;
}

void *malloc(size_t n)
{
	return fault_now() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	return fault_now() ? NULL : __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	return fault_now() ? NULL : __libc_realloc(p, n);
}
#endif

/* ---- building small networks ---- */

#define C GRAPH_CHILD
#define P GRAPH_POC
#define PL GRAPH_PLACE
#define V GRAPH_VEHICLE
#define PH GRAPH_PHONE
#define E GRAPH_EPISODE

struct net {
	struct graph_node_in nodes[64];
	struct graph_link_in links[256];
	char ids[64][8];
	int32_t n;
	int64_t m;
};

static int32_t add(struct net *t, enum graph_type type, int category, bool order)
{
	int32_t i = t->n++;
	snprintf(t->ids[i], sizeof t->ids[i], "N%d", i);
	t->nodes[i] = (struct graph_node_in){t->ids[i], type, category, order, NULL};
	return i;
}

static int64_t link(struct net *t, int32_t a, int32_t b, enum graph_kind k)
{
	int64_t i = t->m++;
	t->links[i] = (struct graph_link_in){NULL, a, b, k, 0, 0, false, false};
	return i;
}

static struct graph *build(struct net *t)
{
	struct graph *g = NULL;
	struct graph_err err;
	assert_int_equal(graph_build(t->nodes, t->n, t->links, t->m, NULL, &g, &err), GRAPH_OK);
	return g;
}

/* A path 0-1-2-...-(n-1) of children. */
static void path(struct net *t, int n)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < n; i++)
		add(t, C, 0, false);
	for (int i = 0; i + 1 < n; i++)
		link(t, i, i + 1, GRAPH_ASSOCIATE);
}

/* ---- input ---- */

static void refused(struct net *t, const char *what, int64_t index, const char *field)
{
	struct graph *g = (struct graph *)1;
	struct graph_err err = {0};
	assert_int_equal(graph_build(t->nodes, t->n, t->links, t->m, NULL, &g, &err), GRAPH_EINVAL);
	assert_null(g);
	assert_string_equal(err.what, what);
	assert_int_equal(err.index, index);
	assert_string_equal(err.field, field);
	assert_true(strlen(err.msg) > 0);
}

static void test_build_refuses_bad_input(void **state)
{
	struct net t;
	path(&t, 3);
	t.links[1].b = 1; /* self-link */
	refused(&t, "link", 1, "b");
	path(&t, 3);
	t.links[0].a = 7;
	refused(&t, "link", 0, "a");
	path(&t, 3);
	t.links[1].start = 2000;
	t.links[1].end = 1000;
	refused(&t, "link", 1, "end");
	path(&t, 3);
	t.links[0].kind = GRAPH_KIND_COUNT;
	refused(&t, "link", 0, "kind");
	path(&t, 3);
	t.nodes[2].id = "N0";
	refused(&t, "node", 2, "id");
	path(&t, 3);
	t.nodes[1].id = "";
	refused(&t, "node", 1, "id");
	path(&t, 3);
	t.nodes[1].id = "bad\nid";
	refused(&t, "node", 1, "id");
	path(&t, 3);
	t.nodes[0].category = 4;
	refused(&t, "node", 0, "category");
	path(&t, 3);
	t.nodes[0].type = P;
	t.nodes[0].category = 2;
	refused(&t, "node", 0, "category");
	path(&t, 3);
	t.nodes[1].has_order = true;
	refused(&t, "node", 1, "has_order");
	path(&t, 3);
	t.links[0].kind = GRAPH_EPISODE_OF; /* child to child */
	refused(&t, "link", 0, "kind");
	/* an episode with two children */
	memset(&t, 0, sizeof(t));
	add(&t, C, 0, false);
	add(&t, C, 0, false);
	add(&t, E, 0, false);
	link(&t, 2, 0, GRAPH_EPISODE_OF);
	link(&t, 1, 2, GRAPH_EPISODE_OF);
	refused(&t, "link", 1, "a");

	struct graph *g = NULL;
	assert_int_equal(graph_build(NULL, 3, NULL, 0, NULL, &g, NULL), GRAPH_EINVAL);
	assert_int_equal(graph_build(t.nodes, GRAPH_MAX_NODES + 1, NULL, 0, NULL, &g, NULL),
	                 GRAPH_ELIMIT);
	/* an empty graph is a graph */
	assert_int_equal(graph_build(NULL, 0, NULL, 0, NULL, &g, NULL), GRAPH_OK);
	assert_int_equal(graph_node_count(g), 0);
	struct graph_components cc;
	assert_int_equal(graph_components(g, &cc), GRAPH_OK);
	assert_int_equal(cc.count, 0);
	assert_int_equal(cc.largest, -1);
	graph_components_release(&cc);
	graph_free(g);
}

static void test_build_copies_and_finds(void **state)
{
	struct net t;
	path(&t, 3);
	char label[300];
	/* 118 'a' then a 3-byte character straddling the 120-byte limit */
	memset(label, 'a', 118);
	memcpy(label + 118, "\xE2\x82\xAC tail", 8);
	label[126] = '\0';
	t.nodes[1].label = label;
	char id2[8];
	snprintf(id2, sizeof id2, "X%d", 9);
	t.nodes[2].id = id2;
	t.links[0].id = "link-one";
	struct graph *g = build(&t);
	memset(label, 'z', 10); /* the graph holds copies */
	id2[0] = 'Y';
	assert_int_equal(graph_find(g, "X9"), 2);
	assert_int_equal(graph_find(g, "N0"), 0);
	assert_int_equal(graph_find(g, "Y9"), -1);
	assert_int_equal(graph_find(g, NULL), -1);
	assert_string_equal(graph_node(g, 0)->label, "N0"); /* no label: the id */
	assert_int_equal(strlen(graph_node(g, 1)->label), 118);
	assert_int_equal(graph_node(g, 1)->label[0], 'a');
	assert_string_equal(graph_link(g, 0)->id, "link-one");
	assert_null(graph_link(g, 1)->id);
	assert_null(graph_node(g, 3));
	assert_null(graph_link(g, -1));
	graph_free(g);
}

static void test_names_and_codes(void **state)
{
	for (int k = 0; k < GRAPH_KIND_COUNT; k++)
		assert_int_equal(graph_kind_parse(graph_kind_code((enum graph_kind)k)), k);
	for (int k = 0; k < GRAPH_TYPE_COUNT; k++)
		assert_int_equal(graph_type_parse(graph_type_code((enum graph_type)k)), k);
	assert_string_equal(graph_type_name(GRAPH_POC), "person of concern");
	assert_string_equal(graph_kind_name(GRAPH_SEEN_WITH), "seen with");
	assert_string_equal(graph_kind_code(GRAPH_REGISTERED_KEEPER), "registered_keeper");
	assert_int_equal(graph_kind_parse("nonsense"), -1);
	assert_int_equal(graph_type_parse(NULL), -1);
	assert_null(graph_kind_name(GRAPH_KIND_COUNT));
}

/* ---- filters ---- */

static void test_filter_by_kind_date_and_grading(void **state)
{
	struct net t = {0};
	int32_t c = add(&t, C, 0, false), p = add(&t, P, 0, false), pl = add(&t, PL, 0, false);
	int32_t e = add(&t, E, 0, false);
	int64_t l0 = link(&t, c, p, GRAPH_SEEN_WITH); /* 100..200 */
	t.links[l0].start = 100;
	t.links[l0].end = 200;
	int64_t l1 = link(&t, c, pl, GRAPH_VISITED); /* from 300, open */
	t.links[l1].start = 300;
	int64_t l2 = link(&t, p, pl, GRAPH_VISITED); /* open both ends, intelligence */
	t.links[l2].intelligence = true;
	int64_t l3 = link(&t, e, c, GRAPH_EPISODE_OF); /* structural, dated long ago */
	t.links[l3].start = 1;
	t.links[l3].end = 2;
	struct graph *g = NULL;
	struct graph_filter f = {GRAPH_KIND_BIT(GRAPH_VISITED), 0, 0, false};
	assert_int_equal(graph_build(t.nodes, t.n, t.links, t.m, &f, &g, NULL), GRAPH_OK);
	assert_int_equal(graph_link_count(g), 3); /* l1, l2 and the episode link */
	assert_int_equal(graph_link_source(g, 0), l1);
	assert_int_equal(graph_link_source(g, 1), l2);
	assert_int_equal(graph_link_source(g, 2), l3);
	graph_free(g);
	/* window [150, 250]: l0 overlaps, l1 starts after, l2 is open */
	f = (struct graph_filter){0, 150, 250, false};
	assert_int_equal(graph_build(t.nodes, t.n, t.links, t.m, &f, &g, NULL), GRAPH_OK);
	assert_int_equal(graph_link_count(g), 3);
	assert_int_equal(graph_link_source(g, 0), l0);
	assert_int_equal(graph_link_source(g, 1), l2);
	graph_free(g);
	/* window from 201: l0 ended before it */
	f = (struct graph_filter){0, 201, 0, false};
	assert_int_equal(graph_build(t.nodes, t.n, t.links, t.m, &f, &g, NULL), GRAPH_OK);
	assert_int_equal(graph_link_count(g), 3);
	assert_int_equal(graph_link_source(g, 0), l1);
	graph_free(g);
	/* window up to 100 includes a link starting at 100 */
	f = (struct graph_filter){0, 0, 100, true};
	assert_int_equal(graph_build(t.nodes, t.n, t.links, t.m, &f, &g, NULL), GRAPH_OK);
	assert_int_equal(graph_link_count(g), 2); /* l0, episode; l2 is intelligence */
	assert_int_equal(graph_link_source(g, 0), l0);
	assert_int_equal(graph_link_source(g, 1), l3);
	assert_int_equal(graph_node_count(g), 4); /* nodes are all kept */
	graph_free(g);
}

/* ---- components and degree ---- */

static void test_components_and_degree(void **state)
{
	struct net t = {0};
	for (int i = 0; i < 8; i++)
		add(&t, C, 0, false);
	/* {0, 3}, {1}, {2, 4, 5, 6}, {7} */
	link(&t, 3, 0, GRAPH_ASSOCIATE);
	link(&t, 2, 4, GRAPH_ASSOCIATE);
	link(&t, 4, 5, GRAPH_ASSOCIATE);
	link(&t, 5, 6, GRAPH_ASSOCIATE);
	link(&t, 4, 2, GRAPH_SEEN_WITH); /* parallel: counts once in degree */
	link(&t, 2, 4, GRAPH_SEEN_WITH);
	struct graph *g = build(&t);
	struct graph_components cc;
	assert_int_equal(graph_components(g, &cc), GRAPH_OK);
	assert_int_equal(cc.count, 4);
	int32_t want[] = {0, 1, 2, 0, 2, 2, 2, 3};
	for (int i = 0; i < 8; i++)
		assert_int_equal(cc.membership[i], want[i]);
	assert_int_equal(cc.size[0], 2);
	assert_int_equal(cc.size[1], 1);
	assert_int_equal(cc.size[2], 4);
	assert_int_equal(cc.largest, 2);
	graph_components_release(&cc);
	int32_t deg[8];
	graph_degree(g, deg);
	int32_t wd[] = {1, 0, 1, 1, 2, 2, 1, 0};
	for (int i = 0; i < 8; i++)
		assert_int_equal(deg[i], wd[i]);
	assert_int_equal(graph_degree_of(g, 4), 2);
	assert_int_equal(graph_degree_of(g, 99), 0);
	graph_free(g);
}

/* ---- betweenness ---- */

static void test_betweenness_path_and_star(void **state)
{
	struct net t;
	path(&t, 5);
	link(&t, 1, 2, GRAPH_SEEN_WITH); /* a parallel link changes nothing */
	struct graph *g = build(&t);
	double bw[64], ref[64];
	struct graph_bw_info info;
	assert_int_equal(graph_betweenness(g, NULL, bw, &info), GRAPH_OK);
	double want[] = {0, 3, 4, 3, 0};
	for (int i = 0; i < 5; i++)
		assert_float_equal(bw[i], want[i], 1e-9);
	assert_int_equal(info.exact_components, 1);
	assert_int_equal(info.sampled_components, 0);
	assert_int_equal(info.sources, 5);
	assert_int_equal(info.n_sampled, 0);
	assert_int_equal(graph_betweenness_reference(g, ref), GRAPH_OK);
	for (int i = 0; i < 5; i++)
		assert_float_equal(ref[i], want[i], 1e-9);
	struct graph_components cc;
	assert_int_equal(graph_components(g, &cc), GRAPH_OK);
	struct graph_bw_opts with_cc = {0, 0, GRAPH_SEED, &cc};
	double again[64];
	assert_int_equal(graph_betweenness(g, &with_cc, again, NULL), GRAPH_OK);
	assert_memory_equal(again, bw, 5 * sizeof(double));
	graph_components_release(&cc);
	graph_bw_info_release(&info);
	graph_free(g);

	/* a star of 6 leaves: the centre lies on all C(6,2) = 15 leaf pairs */
	memset(&t, 0, sizeof(t));
	int32_t hub = add(&t, P, 0, false);
	for (int i = 0; i < 6; i++)
		link(&t, hub, add(&t, C, 0, false), GRAPH_ASSOCIATE);
	g = build(&t);
	assert_int_equal(graph_betweenness(g, NULL, bw, NULL), GRAPH_OK);
	assert_float_equal(bw[hub], 15.0, 1e-9);
	for (int i = 1; i <= 6; i++)
		assert_float_equal(bw[i], 0.0, 1e-9);
	/* sampled with as many sources as nodes: exact; with fewer: the same every time */
	struct graph_bw_opts o = {2, 7, 1, NULL};
	assert_int_equal(graph_betweenness(g, &o, bw, &info), GRAPH_OK);
	assert_float_equal(bw[hub], 15.0, 1e-9);
	assert_int_equal(info.sampled_components, 1);
	assert_int_equal(info.n_sampled, 7);
	graph_bw_info_release(&info);
	o.samples = 3;
	double a[64], b[64];
	struct graph_bw_info ia, ib;
	assert_int_equal(graph_betweenness(g, &o, a, &ia), GRAPH_OK);
	assert_int_equal(graph_betweenness(g, &o, b, &ib), GRAPH_OK);
	assert_int_equal(ia.n_sampled, 3);
	assert_memory_equal(ia.sampled, ib.sampled, 3 * sizeof(int32_t));
	assert_memory_equal(a, b, 7 * sizeof(double));
	/* the estimate: each leaf source contributes 5 / 2 pairs through the hub, the hub
	 * none; scaled by 7 / 3 */
	int leaves = 0;
	for (int i = 0; i < 3; i++)
		leaves += ia.sampled[i] != hub;
	assert_float_equal(a[hub], leaves * 2.5 * 7.0 / 3.0, 1e-9);
	graph_bw_info_release(&ia);
	graph_bw_info_release(&ib);
	graph_free(g);
}

/* Random networks with several components: graph_betweenness (exact) equals igraph's
 * igraph_betweenness. */
static void test_betweenness_equals_igraph(void **state)
{
	struct rng r;
	rng_seed(&r, 7);
	for (int round = 0; round < 20; round++) {
		struct net t = {0};
		int n = 10 + (int)rng_below(&r, 50);
		for (int i = 0; i < n; i++)
			add(&t, (enum graph_type)rng_below(&r, GRAPH_EPISODE), 0, false);
		int m = (int)rng_below(&r, 200);
		for (int i = 0; i < m; i++) {
			int32_t a = (int32_t)rng_below(&r, (uint64_t)n);
			int32_t b = (int32_t)rng_below(&r, (uint64_t)n);
			if (a != b)
				link(&t, a, b, GRAPH_ASSOCIATE);
		}
		struct graph *g = build(&t);
		double bw[64], ref[64];
		assert_int_equal(graph_betweenness(g, NULL, bw, NULL), GRAPH_OK);
		assert_int_equal(graph_betweenness_reference(g, ref), GRAPH_OK);
		for (int i = 0; i < n; i++)
			assert_float_equal(bw[i], ref[i], 1e-6 * (1 + ref[i]));
		graph_free(g);
	}
}

static void test_top_ranks_by_score_then_index(void **state)
{
	struct net t = {0};
	for (int i = 0; i < 6; i++)
		add(&t, i % 2 ? P : C, 0, false);
	struct graph *g = build(&t);
	double score[] = {5, 1, 5, 7, 0, 1};
	int32_t out[6];
	assert_int_equal(graph_top(g, score, 0, 3, out), 3);
	assert_int_equal(out[0], 3);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[2], 2);
	assert_int_equal(graph_top(g, score, GRAPH_TYPE_BIT(GRAPH_POC), 6, out), 3);
	assert_int_equal(out[0], 3);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 5);
	assert_int_equal(graph_top(g, score, 0, 0, out), 0);
	graph_free(g);
}

/* ---- communities ---- */

static void test_communities_two_cliques(void **state)
{
	struct net t = {0};
	for (int i = 0; i < 13; i++)
		add(&t, P, 0, false);
	for (int a = 0; a < 5; a++)
		for (int b = a + 1; b < 5; b++) {
			link(&t, a, b, GRAPH_ASSOCIATE);
			link(&t, 5 + a, 5 + b, GRAPH_ASSOCIATE);
		}
	link(&t, 4, 5, GRAPH_SEEN_WITH);   /* the bridge; node 10 is alone */
	link(&t, 11, 12, GRAPH_ASSOCIATE); /* a pair */
	struct graph *g = build(&t);
	struct graph_communities c1, c2;
	assert_int_equal(graph_communities(g, 1, &c1), GRAPH_OK);
	assert_int_equal(c1.count, 4);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(c1.membership[i], 0);
		assert_int_equal(c1.membership[5 + i], 1);
	}
	assert_int_equal(c1.membership[10], 2);
	assert_int_equal(c1.membership[11], 3);
	assert_int_equal(c1.membership[12], 3);
	assert_int_equal(c1.size[0], 5);
	assert_int_equal(c1.size[2], 1);
	assert_int_equal(c1.size[3], 2);
	/* m = 22: Q = 2 * (10/22 - (21/44)^2) + (1/22 - (2/44)^2) */
	double m = 22, q = 2 * (10 / m - (21 / (2 * m)) * (21 / (2 * m))) +
	                   (1 / m - (2 / (2 * m)) * (2 / (2 * m)));
	assert_float_equal(c1.modularity, q, 1e-9);
	for (uint64_t seed = 1; seed < 6; seed++) {
		assert_int_equal(graph_communities(g, seed, &c2), GRAPH_OK);
		assert_memory_equal(c1.membership, c2.membership, 13 * sizeof(int32_t));
		graph_communities_release(&c2);
	}
	graph_communities_release(&c1);
	graph_free(g);
	/* no links at all: every node alone */
	memset(&t, 0, sizeof(t));
	add(&t, C, 0, false);
	add(&t, C, 0, false);
	g = build(&t);
	assert_int_equal(graph_communities(g, 1, &c1), GRAPH_OK);
	assert_int_equal(c1.count, 2);
	assert_float_equal(c1.modularity, 0.0, 1e-12);
	graph_communities_release(&c1);
	graph_free(g);
}

/* The same seed gives the same communities on a larger random network. */
static void test_communities_repeat_with_seed(void **state)
{
	struct net t = {0};
	struct rng r;
	rng_seed(&r, 3);
	for (int i = 0; i < 60; i++)
		add(&t, P, 0, false);
	for (int i = 0; i < 200; i++) {
		int32_t a = (int32_t)rng_below(&r, 60), b = (int32_t)rng_below(&r, 60);
		if (a / 15 != b / 15 && rng_chance(&r, 0.8))
			continue; /* mostly within four blocks */
		if (a != b)
			link(&t, a, b, GRAPH_ASSOCIATE);
	}
	struct graph *g = build(&t);
	struct graph_communities a, b;
	assert_int_equal(graph_communities(g, 99, &a), GRAPH_OK);
	assert_int_equal(graph_communities(g, 99, &b), GRAPH_OK);
	assert_int_equal(a.count, b.count);
	assert_memory_equal(a.membership, b.membership, 60 * sizeof(int32_t));
	assert_true(a.modularity > 0.3);
	graph_communities_release(&a);
	graph_communities_release(&b);
	graph_free(g);
}

/* ---- serial persons of concern ---- */

static void test_R_MASE_9_serial_persons_of_concern(void **state)
{
	struct net t = {0};
	int32_t p1 = add(&t, P, 0, false), p2 = add(&t, P, 0, false);
	int32_t c1 = add(&t, C, 1, false), c2 = add(&t, C, 0, false), c3 = add(&t, C, 2, false);
	int32_t c4 = add(&t, C, 0, false), c5 = add(&t, C, 0, false);
	int32_t phone = add(&t, PH, 0, false), hotel = add(&t, PL, 0, false);
	int32_t ep4 = add(&t, E, 0, false), car = add(&t, V, 0, false);
	link(&t, p1, c1, GRAPH_ASSOCIATE); /* direct */
	link(&t, p1, c1, GRAPH_SEEN_WITH); /* again: one child */
	link(&t, p1, phone, GRAPH_USES);   /* c2 through the phone */
	link(&t, c2, phone, GRAPH_USES);
	link(&t, p1, hotel, GRAPH_VISITED); /* c3 through a place: not by default */
	link(&t, c3, hotel, GRAPH_VISITED);
	link(&t, ep4, c4, GRAPH_EPISODE_OF); /* c4 through its own episode */
	link(&t, p1, ep4, GRAPH_SEEN_WITH);
	link(&t, ep4, c5, GRAPH_MISSING_WITH); /* c5 is not the episode's child */
	link(&t, p2, c5, GRAPH_ASSOCIATE);     /* p2: one child only */
	link(&t, p2, car, GRAPH_REGISTERED_KEEPER);
	link(&t, c1, car, GRAPH_TRANSPORTED); /* ...and one through the car: two */
	struct graph *g = build(&t);
	struct graph_serials s;
	assert_int_equal(graph_serial_pocs(g, NULL, &s), GRAPH_OK);
	assert_int_equal(s.count, 2);
	assert_int_equal(s.items[0].poc, p1);
	assert_int_equal(s.items[0].n_children, 3);
	assert_int_equal(s.items[0].n_direct, 1);
	int32_t *k = s.children + s.items[0].first, *via = s.via + s.items[0].first;
	assert_int_equal(k[0], c1);
	assert_int_equal(via[0], -1);
	assert_int_equal(k[1], c2);
	assert_int_equal(via[1], phone);
	assert_int_equal(k[2], c4);
	assert_int_equal(via[2], ep4);
	assert_int_equal(s.items[1].poc, p2);
	assert_int_equal(s.items[1].n_children, 2);
	assert_int_equal(s.items[1].n_direct, 1);
	graph_serials_release(&s);
	/* with places as intermediates, c3 counts too; at least 4 children: p1 only */
	struct graph_serial_opts o = {GRAPH_TYPE_BIT(GRAPH_PLACE) | GRAPH_TYPE_BIT(GRAPH_PHONE) |
	                                      GRAPH_TYPE_BIT(GRAPH_EPISODE),
	                              4};
	assert_int_equal(graph_serial_pocs(g, &o, &s), GRAPH_OK);
	assert_int_equal(s.count, 1);
	assert_int_equal(s.items[0].n_children, 4);
	assert_int_equal(s.children[2], c3);
	assert_int_equal(s.via[2], hotel);
	graph_serials_release(&s);
	graph_free(g);
}

/* ---- hotspots ---- */

static void test_R_LOC_1_hotspots(void **state)
{
	struct net t = {0};
	int32_t hotel = add(&t, PL, 0, false), shop = add(&t, PL, 0, false);
	int32_t park = add(&t, PL, 0, false);
	int32_t a = add(&t, C, 0, false), b = add(&t, C, 0, false), c = add(&t, C, 0, false);
	int32_t p = add(&t, P, 0, false);
	int32_t eb = add(&t, E, 0, false);
	int32_t ec[3];
	link(&t, eb, b, GRAPH_EPISODE_OF);
	for (int i = 0; i < 3; i++) {
		ec[i] = add(&t, E, 0, false);
		link(&t, ec[i], c, GRAPH_EPISODE_OF);
		link(&t, ec[i], park, GRAPH_FOUND_AT); /* one child, three episodes */
	}
	link(&t, hotel, a, GRAPH_VISITED);
	link(&t, hotel, a, GRAPH_VISITED);
	link(&t, eb, hotel, GRAPH_FOUND_AT); /* b through its episode */
	link(&t, hotel, b, GRAPH_VISITED);   /* and directly: still one child */
	link(&t, hotel, p, GRAPH_VISITED);
	link(&t, shop, a, GRAPH_VISITED); /* one child: not a hotspot */
	struct graph *g = build(&t);
	struct graph_hotspots h;
	assert_int_equal(graph_hotspots(g, NULL, &h), GRAPH_OK);
	assert_int_equal(h.count, 2);
	assert_int_equal(h.items[0].place, hotel);
	assert_int_equal(h.items[0].n_children, 2);
	assert_int_equal(h.items[0].n_episodes, 1);
	assert_int_equal(h.items[0].n_pocs, 1);
	assert_int_equal(h.items[1].place, park);
	assert_int_equal(h.items[1].n_children, 1);
	assert_int_equal(h.items[1].n_episodes, 3);
	graph_hotspots_release(&h);
	struct graph_hotspot_opts o = {1, 5};
	assert_int_equal(graph_hotspots(g, &o, &h), GRAPH_OK);
	assert_int_equal(h.count, 3);
	assert_int_equal(h.items[2].place, shop);
	graph_hotspots_release(&h);
	(void)shop;
	graph_free(g);
}

/* ---- children missing together ---- */

static void test_comissing_groups_and_what_they_share(void **state)
{
	struct net t = {0};
	int32_t a = add(&t, C, 0, false), b = add(&t, C, 0, false), c = add(&t, C, 0, false);
	int32_t d = add(&t, C, 0, false), e = add(&t, C, 0, false), f = add(&t, C, 0, false);
	int32_t ea = add(&t, E, 0, false), eb = add(&t, E, 0, false);
	int32_t p = add(&t, P, 0, false), q = add(&t, P, 0, false);
	int32_t flat = add(&t, PL, 0, false), car = add(&t, V, 0, false);
	link(&t, ea, a, GRAPH_EPISODE_OF);
	link(&t, eb, b, GRAPH_EPISODE_OF);
	link(&t, ea, eb, GRAPH_MISSING_WITH); /* a and b, through their episodes */
	link(&t, c, b, GRAPH_MISSING_WITH);   /* b and c */
	link(&t, e, d, GRAPH_MISSING_WITH);   /* d and e */
	link(&t, p, a, GRAPH_ASSOCIATE);      /* p: a and c */
	link(&t, p, c, GRAPH_SEEN_WITH);
	link(&t, p, c, GRAPH_ASSOCIATE);
	link(&t, ea, flat, GRAPH_FOUND_AT); /* flat: a (episode), b, c */
	link(&t, b, flat, GRAPH_VISITED);
	link(&t, c, flat, GRAPH_VISITED);
	link(&t, q, b, GRAPH_ASSOCIATE); /* q: b only */
	link(&t, car, d, GRAPH_TRANSPORTED);
	link(&t, car, e, GRAPH_TRANSPORTED);
	link(&t, f, car, GRAPH_TRANSPORTED); /* f never missing with anyone */
	struct graph *g = build(&t);
	struct graph_comissing cm;
	assert_int_equal(graph_comissing(g, &cm), GRAPH_OK);
	assert_int_equal(cm.count, 2);
	struct graph_comissing_group *g0 = &cm.groups[0], *g1 = &cm.groups[1];
	assert_int_equal(g0->n_children, 3);
	assert_int_equal(cm.children[g0->first_child], a);
	assert_int_equal(cm.children[g0->first_child + 1], b);
	assert_int_equal(cm.children[g0->first_child + 2], c);
	assert_int_equal(g0->n_shared, 2);
	assert_int_equal(cm.shared[g0->first_shared].node, flat);
	assert_int_equal(cm.shared[g0->first_shared].n_children, 3);
	assert_int_equal(cm.shared[g0->first_shared + 1].node, p);
	assert_int_equal(cm.shared[g0->first_shared + 1].n_children, 2);
	assert_int_equal(g1->n_children, 2);
	assert_int_equal(cm.children[g1->first_child], d);
	assert_int_equal(g1->n_shared, 1);
	assert_int_equal(cm.shared[g1->first_shared].node, car);
	assert_int_equal(cm.shared[g1->first_shared].n_children, 2);
	graph_comissing_release(&cm);
	(void)q;
	(void)f;
	graph_free(g);
}

/* ---- neighbourhoods ---- */

static void test_neighbourhood_cap_and_order(void **state)
{
	struct net t = {0};
	int32_t centre = add(&t, C, 1, false);
	int32_t n1[5];
	for (int i = 0; i < 5; i++)
		n1[i] = add(&t, P, 0, false);
	for (int i = 0; i < 5; i++)
		link(&t, centre, n1[i], GRAPH_ASSOCIATE);
	/* degrees of the ring: n1[3] 4, n1[1] 3, n1[0] 3, n1[2] 1, n1[4] 2 */
	int32_t x = add(&t, PL, 0, false), y = add(&t, PL, 0, false), z = add(&t, PL, 0, false);
	link(&t, n1[3], x, GRAPH_VISITED);
	link(&t, n1[3], y, GRAPH_VISITED);
	link(&t, n1[3], z, GRAPH_VISITED);
	link(&t, n1[1], x, GRAPH_VISITED);
	link(&t, n1[1], n1[0], GRAPH_ASSOCIATE);
	link(&t, n1[0], n1[4], GRAPH_ASSOCIATE);
	int32_t far = add(&t, C, 0, false); /* three hops away */
	link(&t, x, far, GRAPH_VISITED);
	struct graph *g = build(&t);
	struct graph_sub s;
	assert_int_equal(graph_neighbourhood(g, centre, 2, 4, &s), GRAPH_OK);
	assert_int_equal(s.n_nodes, 4);
	assert_int_equal(s.nodes[0], centre);
	assert_int_equal(s.nodes[1], n1[3]);
	assert_int_equal(s.nodes[2], n1[0]); /* degree 3, lower index than n1[1] */
	assert_int_equal(s.nodes[3], n1[1]);
	assert_int_equal(s.hops[0], 0);
	assert_int_equal(s.hops[3], 1);
	assert_int_equal(s.reachable, 9); /* centre, 5 ring, x, y, z */
	assert_true(s.truncated);
	/* links among the kept, by link index */
	assert_int_equal(s.n_links, 4);
	assert_int_equal(s.links[0], 0);
	assert_int_equal(s.links[1], 1);
	assert_int_equal(s.links[2], 3);
	assert_int_equal(s.links[3], 9); /* n1[1] - n1[0] */
	assert_int_equal(s.la[3], 2);
	assert_int_equal(s.lb[3], 3);
	assert_int_equal(graph_sub_find(&s, n1[1]), 3);
	assert_int_equal(graph_sub_find(&s, far), -1);
	graph_sub_release(&s);
	/* a cap of 8: the whole first ring, then the second from the most connected */
	assert_int_equal(graph_neighbourhood(g, centre, 2, 8, &s), GRAPH_OK);
	assert_int_equal(s.n_nodes, 8);
	assert_int_equal(s.nodes[5], n1[2]);
	assert_int_equal(s.nodes[6], x); /* degree 3 */
	assert_int_equal(s.nodes[7], y);
	assert_int_equal(s.hops[7], 2);
	graph_sub_release(&s);
	/* no cap reached: nothing truncated */
	assert_int_equal(graph_neighbourhood(g, centre, 3, 100, &s), GRAPH_OK);
	assert_int_equal(s.n_nodes, 10);
	assert_int_equal(s.reachable, 10);
	assert_false(s.truncated);
	assert_int_equal(s.nodes[9], far);
	assert_int_equal(s.hops[9], 3);
	graph_sub_release(&s);
	assert_int_equal(graph_neighbourhood(g, 99, 2, 10, &s), GRAPH_EINVAL);
	assert_int_equal(graph_neighbourhood(g, 0, 0, 10, &s), GRAPH_EINVAL);
	assert_int_equal(graph_neighbourhood(g, 0, 2, GRAPH_SUB_MAX_NODES + 1, &s), GRAPH_EINVAL);
	/* a chosen set */
	int32_t set[] = {x, n1[3], n1[1]};
	assert_int_equal(graph_sub_of(g, set, 3, &s), GRAPH_OK);
	assert_int_equal(s.n_links, 2);
	graph_sub_release(&s);
	int32_t dup[] = {x, x};
	assert_int_equal(graph_sub_of(g, dup, 2, &s), GRAPH_EINVAL);
	graph_free(g);
}

static void test_layout_is_repeatable(void **state)
{
	struct net t;
	path(&t, 6);
	link(&t, 0, 5, GRAPH_ASSOCIATE);
	struct graph *g = build(&t);
	struct graph_sub s;
	assert_int_equal(graph_neighbourhood(g, 0, 3, 10, &s), GRAPH_OK);
	double a[12], b[12];
	assert_int_equal(graph_layout(g, &s, 5, a), GRAPH_OK);
	assert_int_equal(graph_layout(g, &s, 5, b), GRAPH_OK);
	assert_memory_equal(a, b, sizeof(a));
	double lo = 1, hi = 0;
	for (int i = 0; i < 12; i++) {
		assert_true(a[i] >= 0.0 && a[i] <= 1.0);
		lo = fmin(lo, a[i]);
		hi = fmax(hi, a[i]);
	}
	assert_float_equal(lo, 0.0, 1e-9); /* scaled to the box */
	assert_float_equal(hi, 1.0, 1e-9);
	graph_sub_release(&s);
	graph_free(g);
}

/* ---- R-CAT-7 ---- */

static void test_R_CAT_7_path_found(void **state)
{
	struct net t = {0};
	int32_t low = add(&t, C, 1, false), hotel = add(&t, PL, 0, false);
	int32_t man = add(&t, P, 0, true), other = add(&t, C, 0, false);
	int32_t high = add(&t, C, 3, false), mid = add(&t, P, 0, false);
	link(&t, low, hotel, GRAPH_VISITED);
	link(&t, hotel, man, GRAPH_VISITED);
	link(&t, other, mid, GRAPH_ASSOCIATE);
	link(&t, mid, high, GRAPH_ASSOCIATE);
	struct graph *g = build(&t);
	struct graph_cat7 r;
	assert_int_equal(graph_cat7_all(g, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 2);
	assert_int_equal(r.items[0].child, low);
	assert_int_equal(r.items[0].target, man);
	assert_int_equal(r.items[0].hops, 2);
	int32_t *pn = r.path_nodes + r.items[0].first_node;
	int32_t *pl = r.path_links + r.items[0].first_link;
	assert_int_equal(pn[0], low);
	assert_int_equal(pn[1], hotel);
	assert_int_equal(pn[2], man);
	assert_int_equal(pl[0], 0);
	assert_int_equal(pl[1], 1);
	assert_int_equal(r.items[1].child, other);
	assert_int_equal(r.items[1].target, high);
	graph_cat7_release(&r);
	assert_int_equal(graph_cat7_child(g, low, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.items[0].target, man);
	assert_int_equal(r.path_nodes[1], hotel);
	graph_cat7_release(&r);
	/* a target itself, or not a child: nothing */
	assert_int_equal(graph_cat7_child(g, high, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 0);
	graph_cat7_release(&r);
	assert_int_equal(graph_cat7_child(g, hotel, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 0);
	graph_cat7_release(&r);
	assert_true(graph_cat7_is_target(g, man));
	assert_false(graph_cat7_is_target(g, mid));
	assert_true(graph_cat7_is_low(g, other));
	assert_false(graph_cat7_is_low(g, high));
	graph_free(g);
}

static void test_R_CAT_7_not_found(void **state)
{
	struct net t = {0};
	int32_t low = add(&t, C, 1, false), p = add(&t, P, 0, false);
	int32_t high = add(&t, C, 2, false), q = add(&t, P, 0, false);
	int32_t far = add(&t, C, 0, false);
	link(&t, low, p, GRAPH_ASSOCIATE); /* p has no order */
	link(&t, high, q, GRAPH_ASSOCIATE);
	link(&t, q, add(&t, PL, 0, false), GRAPH_VISITED);
	link(&t, far, 5, GRAPH_VISITED); /* far - place - q - high: three hops */
	struct graph *g = build(&t);
	struct graph_cat7 r;
	assert_int_equal(graph_cat7_child(g, low, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 0);
	graph_cat7_release(&r);
	assert_int_equal(graph_cat7_all(g, NULL, &r), GRAPH_OK);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.items[0].child, far);
	assert_int_equal(r.items[0].hops, 3);
	graph_cat7_release(&r);
	struct graph_cat7_opts o = {2}; /* within two links only */
	assert_int_equal(graph_cat7_all(g, &o, &r), GRAPH_OK);
	assert_int_equal(r.count, 0);
	graph_cat7_release(&r);
	assert_int_equal(graph_cat7_child(g, far, &o, &r), GRAPH_OK);
	assert_int_equal(r.count, 0);
	graph_cat7_release(&r);
	o.max_hops = 3;
	assert_int_equal(graph_cat7_child(g, far, &o, &r), GRAPH_OK);
	assert_int_equal(r.count, 1);
	graph_cat7_release(&r);
	graph_free(g);
}

static void test_R_CAT_7_shortest_chosen_deterministically(void **state)
{
	struct net t = {0};
	/* low reaches two targets in two links, each by two routes; the path goes to the
	 * lowest-numbered middle node, then by the lowest-numbered link */
	int32_t low = add(&t, C, 0, false);
	int32_t m_hi = add(&t, P, 0, false), m_lo = add(&t, P, 0, false);
	int32_t t1 = add(&t, C, 2, false), t2 = add(&t, P, 0, true);
	int32_t longer = add(&t, PL, 0, false);
	link(&t, low, longer, GRAPH_VISITED); /* a three-link route */
	link(&t, longer, add(&t, PL, 0, false), GRAPH_VISITED);
	link(&t, 6, t1, GRAPH_VISITED);
	link(&t, low, m_hi, GRAPH_ASSOCIATE);
	link(&t, m_hi, t1, GRAPH_ASSOCIATE);
	link(&t, m_lo, t2, GRAPH_SEEN_WITH); /* link 5 */
	link(&t, low, m_lo, GRAPH_ASSOCIATE);
	link(&t, m_lo, t2, GRAPH_ASSOCIATE); /* link 7: parallel to 5 */
	struct graph *g = build(&t);
	struct graph_cat7 a, b;
	assert_int_equal(graph_cat7_all(g, NULL, &a), GRAPH_OK);
	assert_int_equal(a.count, 1);
	assert_int_equal(a.items[0].hops, 2);
	assert_int_equal(a.path_nodes[1], m_hi); /* index 1 < 2 */
	assert_int_equal(a.items[0].target, t1);
	assert_int_equal(graph_cat7_child(g, low, NULL, &b), GRAPH_OK);
	assert_int_equal(b.items[0].target, t1);
	assert_memory_equal(a.path_nodes, b.path_nodes, 3 * sizeof(int32_t));
	assert_memory_equal(a.path_links, b.path_links, 2 * sizeof(int32_t));
	graph_cat7_release(&a);
	graph_cat7_release(&b);
	graph_free(g);
	/* drop m_hi's link to t1: now only through m_lo, by link 5 not 7 */
	t.links[4].b = 5; /* m_hi - longer instead */
	g = build(&t);
	assert_int_equal(graph_cat7_all(g, NULL, &a), GRAPH_OK);
	assert_int_equal(a.items[0].hops, 2);
	assert_int_equal(a.path_nodes[1], m_lo);
	assert_int_equal(a.path_links[0], 6);
	assert_int_equal(a.path_links[1], 5);
	graph_cat7_release(&a);
	graph_free(g);
}

/* On random networks, every child's path from graph_cat7_child equals its entry in
 * graph_cat7_all, and is a real path of the stated length. */
static void test_R_CAT_7_all_and_child_agree(void **state)
{
	struct rng r;
	rng_seed(&r, 11);
	for (int round = 0; round < 30; round++) {
		struct net t = {0};
		int n = 20 + (int)rng_below(&r, 40);
		for (int i = 0; i < n; i++) {
			enum graph_type ty = (enum graph_type)rng_below(&r, 4);
			add(&t, ty, ty == C ? (int)rng_below(&r, 4) : 0,
			    ty == P && rng_chance(&r, 0.2));
		}
		int m = (int)rng_below(&r, 3 * (uint64_t)n);
		for (int i = 0; i < m; i++) {
			int32_t a = (int32_t)rng_below(&r, (uint64_t)n);
			int32_t b = (int32_t)rng_below(&r, (uint64_t)n);
			if (a != b)
				link(&t, a, b, (enum graph_kind)rng_below(&r, GRAPH_EPISODE_OF));
		}
		struct graph *g = build(&t);
		struct graph_cat7 all, one;
		assert_int_equal(graph_cat7_all(g, NULL, &all), GRAPH_OK);
		int found = 0;
		for (int32_t c = 0; c < n; c++) {
			assert_int_equal(graph_cat7_child(g, c, NULL, &one), GRAPH_OK);
			if (one.count == 0) {
				graph_cat7_release(&one);
				continue;
			}
			found++;
			struct graph_cat7_item *it = NULL;
			for (int32_t i = 0; i < all.count; i++)
				if (all.items[i].child == c)
					it = &all.items[i];
			assert_non_null(it);
			assert_int_equal(it->hops, one.items[0].hops);
			assert_int_equal(it->target, one.items[0].target);
			assert_memory_equal(all.path_nodes + it->first_node, one.path_nodes,
			                    (size_t)(it->hops + 1) * sizeof(int32_t));
			assert_memory_equal(all.path_links + it->first_link, one.path_links,
			                    (size_t)it->hops * sizeof(int32_t));
			for (int32_t h = 0; h < it->hops; h++) {
				const struct graph_link_in *l = graph_link(g, one.path_links[h]);
				int32_t u = one.path_nodes[h], w = one.path_nodes[h + 1];
				assert_true((l->a == u && l->b == w) || (l->a == w && l->b == u));
			}
			assert_true(graph_cat7_is_target(g, one.items[0].target));
			graph_cat7_release(&one);
		}
		assert_int_equal(found, all.count);
		for (int32_t i = 1; i < all.count; i++)
			assert_true(all.items[i - 1].hops < all.items[i].hops ||
			            (all.items[i - 1].hops == all.items[i].hops &&
			             all.items[i - 1].child < all.items[i].child));
		graph_cat7_release(&all);
		graph_free(g);
	}
}

/* ---- allocation failure ---- */

#if FAULTS
/* Runs every query on a network that exercises each of them, failing the Nth
 * allocation for N = 0, 1, 2... until a whole run succeeds: each step returns
 * GRAPH_ENOMEM (or succeeds) and never crashes. */
static int run_all(struct net *t)
{
	struct graph *g = NULL;
	int rc = graph_build(t->nodes, t->n, t->links, t->m, NULL, &g, NULL);
	if (rc)
		return rc;
	double bw[64], xy[128];
	struct graph_components cc;
	struct graph_communities cm;
	struct graph_serials s;
	struct graph_hotspots h;
	struct graph_comissing co;
	struct graph_sub sub;
	struct graph_cat7 k;
	struct graph_bw_info info;
	if ((rc = graph_components(g, &cc)) == 0)
		graph_components_release(&cc);
	if (!rc && (rc = graph_betweenness(g, NULL, bw, &info)) == 0)
		graph_bw_info_release(&info);
	/* Not under faults: igraph 0.10.2's Leiden corrupts the heap when one of its own
	 * allocations fails (found by this test: every other igraph call here returns
	 * IGRAPH_ENOMEM cleanly). */
	long armed = fault_countdown;
	fault_countdown = -1;
	if (!rc && (rc = graph_communities(g, 1, &cm)) == 0)
		graph_communities_release(&cm);
	fault_countdown = armed;
	if (!rc && (rc = graph_serial_pocs(g, NULL, &s)) == 0)
		graph_serials_release(&s);
	if (!rc && (rc = graph_hotspots(g, NULL, &h)) == 0)
		graph_hotspots_release(&h);
	if (!rc && (rc = graph_comissing(g, &co)) == 0)
		graph_comissing_release(&co);
	if (!rc && (rc = graph_neighbourhood(g, 0, 2, 10, &sub)) == 0) {
		rc = graph_layout(g, &sub, 1, xy);
		graph_sub_release(&sub);
	}
	if (!rc && (rc = graph_cat7_all(g, NULL, &k)) == 0)
		graph_cat7_release(&k);
	if (!rc && (rc = graph_cat7_child(g, 0, NULL, &k)) == 0)
		graph_cat7_release(&k);
	if (!rc)
		rc = graph_betweenness_reference(g, bw);
	graph_free(g);
	return rc;
}
#endif

static void test_allocation_failure_returns_error(void **state)
{
#if FAULTS
	struct net t = {0};
	int32_t c = add(&t, C, 1, false), p = add(&t, P, 0, true), pl = add(&t, PL, 0, false);
	int32_t c2 = add(&t, C, 0, false), ph = add(&t, PH, 0, false), e = add(&t, E, 0, false);
	int32_t e2 = add(&t, E, 0, false);
	link(&t, c, pl, GRAPH_VISITED);
	link(&t, p, pl, GRAPH_VISITED);
	link(&t, p, ph, GRAPH_USES);
	link(&t, c2, ph, GRAPH_USES);
	link(&t, e, c, GRAPH_EPISODE_OF);
	link(&t, e2, c2, GRAPH_EPISODE_OF);
	link(&t, e, e2, GRAPH_MISSING_WITH);
	link(&t, e, pl, GRAPH_FOUND_AT);
	link(&t, c2, pl, GRAPH_FOUND_AT);
	link(&t, p, c, GRAPH_ASSOCIATE);
	int failures = 0;
	for (long n = 0; n < 100000; n++) {
		fault_hits = 0;
		fault_countdown = n;
		int rc = run_all(&t);
		fault_countdown = -1;
		if (fault_hits == 0) {
			assert_int_equal(rc, GRAPH_OK);
			break;
		}
		assert_true(rc == GRAPH_ENOMEM || rc == GRAPH_OK);
		failures += rc == GRAPH_ENOMEM;
	}
	assert_true(failures > 20);
	print_message("allocation failure: %d failing allocations each returned an error\n",
	              failures);
#else
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_build_refuses_bad_input),
	        cmocka_unit_test(test_build_copies_and_finds),
	        cmocka_unit_test(test_names_and_codes),
	        cmocka_unit_test(test_filter_by_kind_date_and_grading),
	        cmocka_unit_test(test_components_and_degree),
	        cmocka_unit_test(test_betweenness_path_and_star),
	        cmocka_unit_test(test_betweenness_equals_igraph),
	        cmocka_unit_test(test_top_ranks_by_score_then_index),
	        cmocka_unit_test(test_communities_two_cliques),
	        cmocka_unit_test(test_communities_repeat_with_seed),
	        cmocka_unit_test(test_R_MASE_9_serial_persons_of_concern),
	        cmocka_unit_test(test_R_LOC_1_hotspots),
	        cmocka_unit_test(test_comissing_groups_and_what_they_share),
	        cmocka_unit_test(test_neighbourhood_cap_and_order),
	        cmocka_unit_test(test_layout_is_repeatable),
	        cmocka_unit_test(test_R_CAT_7_path_found),
	        cmocka_unit_test(test_R_CAT_7_not_found),
	        cmocka_unit_test(test_R_CAT_7_shortest_chosen_deterministically),
	        cmocka_unit_test(test_R_CAT_7_all_and_child_agree),
	        cmocka_unit_test(test_allocation_failure_returns_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
