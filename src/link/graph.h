/*
 * graph.h: networks of children, people of concern, places, vehicles, phones and
 * missing episodes, and the analyses the protocol asks of them (R-LOC-1, R-CAT-7,
 * R-MASE-9): connected networks, key people (degree, betweenness), groups
 * (communities), serial persons of concern, hotspots, children who go missing
 * together with what they share, a node's neighbourhood for a page, and for every
 * low-category child the shortest path to a higher-category child or to a person of
 * concern with an order.
 *
 * A graph is built from plain arrays (no database): the caller passes only the nodes
 * and links the user may see, so nothing here ever holds what the user may not.
 * graph_build() copies what it keeps (ids and labels too); the input may be freed
 * afterwards. Links are undirected. A filter chosen at build time keeps links by kind,
 * by date window and by grading; every node is kept, linked or not. Node indexes are
 * the caller's; link indexes are the graph's own (0 .. graph_link_count() - 1, in the
 * caller's order, skipping links the filter dropped), and graph_link_source() maps one
 * back to the caller's array.
 *
 * Missing episodes belong to a child through a link of kind GRAPH_EPISODE_OF (the
 * caller adds one for each episode it passes). That link is structural: the filter
 * never drops it.
 *
 * Every result is deterministic: ties are broken by node index, then link index;
 * sampling and community detection take a seed. Functions return GRAPH_OK or a
 * negative enum graph_rc; on failure an output struct is left empty (its release
 * function may still be called) and nothing leaks. Allocation failure, in this code
 * or inside igraph, returns GRAPH_ENOMEM.
 *
 * Threads: a built graph is read-only and may be shared. The Debian igraph library is
 * built without thread safety (its error stack and random generator are process
 * globals), so every call into igraph here holds one process-wide mutex:
 * graph_components(), graph_communities(), graph_layout(), graph_betweenness_reference(),
 * the components step of graph_betweenness() and graph_free() of a graph that used one
 * of them serialise with each other. The other queries (betweenness's shortest-path
 * trees, neighbourhood, serial persons of concern, hotspots, co-missing, R-CAT-7) are
 * plain breadth-first searches over the graph's own adjacency arrays and never take
 * the lock. graph.c is the only file that includes igraph's headers.
 */
#ifndef LANTERN_LINK_GRAPH_H
#define LANTERN_LINK_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GRAPH_MAX_NODES 8000000  /* refused above: GRAPH_ELIMIT */
#define GRAPH_MAX_LINKS 32000000 /* links passed in, before filtering */
#define GRAPH_ID_MAX 64          /* bytes of a node or link id, without the NUL */
#define GRAPH_LABEL_MAX                                                                            \
	120                  /* bytes of a label kept (longer ones are cut at a                    \
	                        character boundary) */
#define GRAPH_SEED 20260101u /* the default seed for sampling and communities */

enum graph_rc {
	GRAPH_OK = 0,
	GRAPH_EINVAL = -1, /* bad input: graph_err says which item and field */
	GRAPH_ENOMEM = -2, /* out of memory */
	GRAPH_ELIMIT = -3, /* more nodes or links than the limits above */
	GRAPH_EIGRAPH = -4 /* igraph reported an error other than memory */
};

/* Node types. The order is the legend's and the export's. */
enum graph_type {
	GRAPH_CHILD,
	GRAPH_POC, /* person of concern */
	GRAPH_PLACE,
	GRAPH_VEHICLE,
	GRAPH_PHONE,
	GRAPH_EPISODE, /* a missing episode */
	GRAPH_TYPE_COUNT
};

/* Link kinds. */
enum graph_kind {
	GRAPH_ASSOCIATE,
	GRAPH_SEEN_WITH,
	GRAPH_FOUND_AT,
	GRAPH_USES,
	GRAPH_REGISTERED_KEEPER,
	GRAPH_MEMBER_OF,
	GRAPH_VISITED,
	GRAPH_TRANSPORTED,
	GRAPH_MISSING_WITH, /* went missing together (child or episode at either end) */
	GRAPH_EPISODE_OF,   /* a missing episode and its child; structural */
	GRAPH_KIND_COUNT
};
#define GRAPH_KIND_BIT(k) (1u << (unsigned)(k))
#define GRAPH_TYPE_BIT(t) (1u << (unsigned)(t))

/* A node as the caller passes it. */
struct graph_node_in {
	const char *id; /* opaque, unique, 1..GRAPH_ID_MAX bytes, no control characters */
	enum graph_type type;
	int category;      /* a child's current category: 0 none, 1..3; 0 for other types */
	bool has_order;    /* a person of concern with an order in force; false otherwise */
	const char *label; /* for pictures and exports; NULL or "" -> the id */
};

/* A link as the caller passes it. */
struct graph_link_in {
	const char *id; /* opaque link id for exports, or NULL (then "L" + caller index) */
	int32_t a, b;   /* node indexes, different */
	enum graph_kind kind;
	int64_t start, end; /* UTC seconds; 0 = open; end, when set, not before start */
	bool intelligence;  /* false: fact */
	bool restricted;    /* restricted intelligence (shown only to entitled roles) */
};

/* Which links to keep. A zero filter keeps everything. */
struct graph_filter {
	uint32_t kinds;  /* GRAPH_KIND_BIT() mask; 0 = every kind */
	int64_t from;    /* window start (UTC seconds) or 0 = open */
	int64_t to;      /* window end or 0 = open; a link is kept when its own range,
	                    open ends unbounded, overlaps [from, to] */
	bool facts_only; /* drop intelligence links */
};

/* What graph_build() refused. */
struct graph_err {
	const char *what;  /* "node", "link", "input" */
	int64_t index;     /* the caller's index of the item, or -1 */
	const char *field; /* "id", "type", "category", "a", "b", "kind", "end", ... */
	char msg[160];
};

struct graph;

/* Builds a graph from nodes[0..n_nodes) and links[0..n_links), keeping the links
 * that pass `filter` (NULL = all). Refuses, with err filled: a NULL or empty or too
 * long or repeated node id, a type or kind out of range, a category outside 0..3 or
 * set on a non-child, an order on a node that is not a person of concern, a link end
 * out of range or equal to the other end, an end date before the start date, an
 * episode_of link that does not join an episode to a child, or an episode with two.
 * Returns GRAPH_OK with *out set, or an error with *out NULL. */
int graph_build(const struct graph_node_in *nodes, int32_t n_nodes,
                const struct graph_link_in *links, int64_t n_links,
                const struct graph_filter *filter, struct graph **out, struct graph_err *err);
void graph_free(struct graph *g);

int32_t graph_node_count(const struct graph *g);
int32_t graph_link_count(const struct graph *g); /* links kept */
/* The node whose id is `id`, or -1. */
int32_t graph_find(const struct graph *g, const char *id);
/* The stored node (label never NULL: the id when none was given). */
const struct graph_node_in *graph_node(const struct graph *g, int32_t node);
/* The stored link (id NULL when the caller gave none). */
const struct graph_link_in *graph_link(const struct graph *g, int32_t link);
/* The index the caller gave this link in graph_build(). */
int64_t graph_link_source(const struct graph *g, int32_t link);
/* Distinct neighbours of a node (parallel links count once). */
int32_t graph_degree_of(const struct graph *g, int32_t node);
/* Degree of every node into out[graph_node_count()]. */
void graph_degree(const struct graph *g, int32_t *out);

/* Words for people ("person of concern", "seen with") and codes for machines
 * ("poc", "seen_with"); NULL out of range. graph_*_parse() map a code back, -1 if
 * unknown. */
const char *graph_type_name(enum graph_type t);
const char *graph_type_code(enum graph_type t);
const char *graph_kind_name(enum graph_kind k);
const char *graph_kind_code(enum graph_kind k);
int graph_type_parse(const char *code);
int graph_kind_parse(const char *code);

/* ---- connected networks ---- */

/* Components are numbered in order of their lowest node index (the component of node
 * 0 is 0). `largest` is the biggest, the lowest-numbered among equals. */
struct graph_components {
	int32_t count;
	int32_t *membership; /* [node count] */
	int32_t *size;       /* [count] */
	int32_t largest;     /* -1 when the graph has no node */
};
int graph_components(const struct graph *g, struct graph_components *out);
void graph_components_release(struct graph_components *c);

/* ---- key people: betweenness ---- */

/* Betweenness is the number of shortest paths between other pairs of nodes that pass
 * through a node (unnormalised, each unordered pair once, split between equally
 * short paths; parallel links count once): igraph's and networkx's definition. It is
 * exact in every component of at most `exact_max` nodes. In a larger one it is
 * estimated from `samples` source nodes drawn without replacement with `seed`
 * (Brandes and Pich): the dependencies of the sampled sources, scaled by component
 * size / samples. The estimate is unbiased but coarse (bench/graph/README.md: with 16
 * sources, 45% mean error on the top ten of a 19,000-node component), so a sampled
 * value points at people rather than ranks them; to rank key people, build the graph
 * with a filter on people's links (associate, seen with), whose components are small
 * enough to be exact. The shortest-path trees are grown here on the graph's flat adjacency
 * (Brandes' algorithm) rather than by igraph, whose single-source step was 3 to 5
 * times slower on the benchmark's 190,000-node component; the results equal
 * igraph_betweenness() (graph_betweenness_reference, checked by the tests) and
 * networkx (checked by the benchmark). */
#define GRAPH_BW_EXACT_MAX 2000
#define GRAPH_BW_SAMPLES 16
struct graph_bw_opts {
	int32_t exact_max; /* <= 0: GRAPH_BW_EXACT_MAX */
	int32_t samples;   /* <= 0: GRAPH_BW_SAMPLES */
	uint64_t seed;
	const struct graph_components *components; /* this graph's, when already computed
	                                              (saves computing them again); NULL */
};
struct graph_bw_info {
	int32_t exact_components;   /* components computed exactly (size >= 3) */
	int32_t sampled_components; /* components estimated */
	int64_t sources;            /* shortest-path trees grown in all */
	int32_t n_sampled;          /* sampled source nodes, listed in `sampled` */
	int32_t *sampled;           /* in the order drawn; graph_bw_info_release() */
};
/* out[graph_node_count()] receives every node's betweenness. `opts` NULL = defaults
 * with GRAPH_SEED; `info` may be NULL. */
int graph_betweenness(const struct graph *g, const struct graph_bw_opts *opts, double *out,
                      struct graph_bw_info *info);
void graph_bw_info_release(struct graph_bw_info *info);
/* Exact betweenness of every node by igraph_betweenness(), for checking: time grows as
 * nodes x links, so only for small graphs or offline measurement. */
int graph_betweenness_reference(const struct graph *g, double *out);

/* The `k` nodes with the highest score[] among node types in `types` (a
 * GRAPH_TYPE_BIT mask; 0 = all), highest first, ties by node index; score 0 never
 * ranks. Returns how many were written to out[k]. */
int32_t graph_top(const struct graph *g, const double *score, uint32_t types, int32_t k,
                  int32_t *out);

/* ---- groups: communities ---- */

/* Communities by the Leiden algorithm optimising modularity (igraph; one iteration,
 * which on the benchmark reaches a modularity within 0.4% of two iterations' in 60% of
 * the time), parallel links counted once, with igraph's random generator seeded by
 * `seed` so a run repeats. A component of one or two nodes is a community of its own
 * (what modularity chooses for it), so Leiden runs only on the larger components;
 * the objective is still the whole graph's modularity. Communities are numbered in
 * order of their lowest node index. */
struct graph_communities {
	int32_t count;
	int32_t *membership; /* [node count] */
	int32_t *size;       /* [count] */
	double modularity;
};
int graph_communities(const struct graph *g, uint64_t seed, struct graph_communities *out);
void graph_communities_release(struct graph_communities *c);

/* ---- serial persons of concern (R-MASE-9) ---- */

/* A person of concern is serial when linked to at least `min_children` distinct
 * children, each either directly or through one intermediate node of a type in
 * `via` (default: vehicle, phone and missing episode: the car they drive, the phone
 * they use, the episode they were found in). Through an episode only the episode's
 * own child counts. Places are not intermediates by default: a hotel or takeaway
 * joins strangers, and is reported as a hotspot instead. */
struct graph_serial_opts {
	uint32_t via;         /* GRAPH_TYPE_BIT mask; 0 = the default above */
	int32_t min_children; /* <= 0: 2 */
};
struct graph_serial {
	int32_t poc;
	int32_t n_children; /* distinct children */
	int32_t n_direct;   /* of which linked directly */
	int32_t first;      /* children[first .. first + n_children) and via[...] */
};
struct graph_serials {
	int32_t count; /* most children first, then node index */
	struct graph_serial *items;
	int32_t *children; /* by node index within an item */
	int32_t *via;      /* the intermediate node for that child, -1 when direct (the
	                      lowest-numbered intermediate when several) */
};
int graph_serial_pocs(const struct graph *g, const struct graph_serial_opts *opts,
                      struct graph_serials *out);
void graph_serials_release(struct graph_serials *s);

/* ---- hotspots (R-LOC-1, R-MASE-9) ---- */

/* A place is a hotspot when linked to at least `min_children` distinct children
 * (directly, or through one of the child's own missing episodes) or to at least
 * `min_episodes` missing episodes directly. */
struct graph_hotspot_opts {
	int32_t min_children; /* <= 0: 2 */
	int32_t min_episodes; /* <= 0: 3 */
};
struct graph_hotspot {
	int32_t place;
	int32_t n_children; /* distinct children, directly or through their episodes */
	int32_t n_episodes; /* missing episodes linked directly */
	int32_t n_pocs;     /* persons of concern linked directly */
};
struct graph_hotspots {
	int32_t count; /* most children first, then episodes, people, node index */
	struct graph_hotspot *items;
};
int graph_hotspots(const struct graph *g, const struct graph_hotspot_opts *opts,
                   struct graph_hotspots *out);
void graph_hotspots_release(struct graph_hotspots *h);

/* ---- children who go missing together ---- */

/* Groups of children joined by missing_with links (an episode at either end stands
 * for its child), with what the group shares: each person of concern, place,
 * vehicle or phone linked to two or more of the group's children, directly or
 * through their episodes. The caller decides what "together" means (overlapping
 * episodes, found together) and passes it as missing_with links. */
struct graph_shared {
	int32_t node;
	int32_t n_children; /* children of the group it is linked to */
};
struct graph_comissing_group {
	int32_t first_child, n_children; /* children[...], by node index */
	int32_t first_shared, n_shared;  /* shared[...], most children first, then index */
};
struct graph_comissing {
	int32_t count; /* largest group first, then lowest child index */
	struct graph_comissing_group *groups;
	int32_t *children;
	struct graph_shared *shared;
};
int graph_comissing(const struct graph *g, struct graph_comissing *out);
void graph_comissing_release(struct graph_comissing *c);

/* ---- a node's neighbourhood, for a page ---- */

/* A set of nodes with the links among them. */
#define GRAPH_SUB_MAX_NODES 500
#define GRAPH_SUB_MAX_LINKS 4000
struct graph_sub {
	int32_t n_nodes;
	int32_t *nodes;       /* graph node indexes; nodes[0] is the centre */
	int8_t *hops;         /* hops from the centre, per local node */
	int32_t n_links;      /* links with both ends in the set, by link index */
	int32_t *links;       /* graph link indexes */
	int32_t *la, *lb;     /* local indexes of each link's ends (la < lb) */
	int32_t reachable;    /* nodes within the hops, the centre included, before the cap */
	bool truncated;       /* nodes were left out by the cap */
	bool links_truncated; /* links were left out by GRAPH_SUB_MAX_LINKS */
};
/* The nodes within `hops` (1..8) links of `centre`, at most `max_nodes` (2 ..
 * GRAPH_SUB_MAX_NODES; <= 0: 100) of them. When there are more, the set grows ring by
 * ring: the centre, then its neighbours from the most connected down (degree, then
 * node index), then the neighbours of those kept, and so on, so every node kept is
 * joined to the centre through kept nodes. */
int graph_neighbourhood(const struct graph *g, int32_t centre, int hops, int32_t max_nodes,
                        struct graph_sub *out);
/* The given nodes (distinct, at most GRAPH_SUB_MAX_NODES; hops all 0) with the links
 * among them: e.g. an R-CAT-7 path, for drawing. */
int graph_sub_of(const struct graph *g, const int32_t *nodes, int32_t n, struct graph_sub *out);
void graph_sub_release(struct graph_sub *s);
/* The local index of a graph node in the set, or -1. */
int32_t graph_sub_find(const struct graph_sub *s, int32_t node);
/* Positions for drawing: xy[2 * i], xy[2 * i + 1] in [0, 1] for each local node,
 * from igraph's Fruchterman-Reingold layout with its generator seeded by `seed`
 * (the same input gives the same picture). */
int graph_layout(const struct graph *g, const struct graph_sub *s, uint64_t seed, double *xy);

/* ---- R-CAT-7 / R-MASE-9: low-category children linked to others ---- */

/* For a child in category 1 or with no category: is it in the same network as a
 * target (a child in category 2 or 3, or a person of concern with an order), and by
 * which path. The path is a shortest one to the nearest target; among shortest
 * paths, the one whose node indexes, read from the child, are lowest first; between
 * two nodes joined by several links, the lowest-numbered link. graph_cat7_all() and
 * graph_cat7_child() give the same path for the same child. */
struct graph_cat7_opts {
	int32_t max_hops; /* 0: no limit (the rule: the same network) */
};
struct graph_cat7_item {
	int32_t child;
	int32_t target;
	int32_t hops;       /* links on the path */
	int32_t first_node; /* path_nodes[first_node .. + hops + 1): child ... target */
	int32_t first_link; /* path_links[first_link .. + hops) */
};
struct graph_cat7 {
	int32_t count; /* fewest hops first, then child index */
	struct graph_cat7_item *items;
	int32_t *path_nodes;
	int32_t *path_links;
};
/* Every low-category child that is linked to a target. */
int graph_cat7_all(const struct graph *g, const struct graph_cat7_opts *opts,
                   struct graph_cat7 *out);
/* One child (count 0 or 1). A child that is not low-category, or not a child, gives
 * count 0. */
int graph_cat7_child(const struct graph *g, int32_t child, const struct graph_cat7_opts *opts,
                     struct graph_cat7 *out);
void graph_cat7_release(struct graph_cat7 *r);
/* Whether a node is an R-CAT-7 target, and whether a node is a low-category child. */
bool graph_cat7_is_target(const struct graph *g, int32_t node);
bool graph_cat7_is_low(const struct graph *g, int32_t node);

#endif
