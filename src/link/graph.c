/*
 * graph.c: networks over children, people of concern, places, vehicles, phones and
 * missing episodes (see graph.h for the contract of every function).
 *
 * The graph keeps its own copy of the nodes and of the links its filter kept, and an
 * adjacency array (CSR): for node v, entries adj[off[v] .. off[v + 1]) hold (neighbour,
 * link), sorted by neighbour then link, built with two stable counting sorts so that
 * building is linear. Breadth-first searches (neighbourhood, R-CAT-7, serial persons
 * of concern, hotspots, co-missing) run on that array. igraph (components,
 * betweenness, communities, layout) gets a simple graph of the distinct linked pairs,
 * built on first use under the igraph lock.
 */
#include "link/graph.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>

#include <igraph/igraph.h>

#include "util/rng.h"

struct adj {
	int32_t nbr;
	int32_t link;
};

struct graph {
	int32_t n, m;
	struct graph_node_in *nodes; /* strings in `arena` */
	struct graph_link_in *links; /* ids in `arena` */
	int64_t *link_src;
	char *arena;
	int64_t *off; /* [n + 1] */
	struct adj *adj;
	int32_t *deg;   /* distinct neighbours */
	int64_t *soff;  /* [n + 1]: the same adjacency without links or repeats */
	int32_t *snbr;  /* (for betweenness and igraph: half the memory traffic) */
	int32_t *owner; /* an episode's child, else -1 */
	int32_t *hash;  /* id index: open addressing, -1 empty */
	uint32_t hash_mask;
	igraph_t *ig; /* distinct pairs; built lazily under ig_lock */
};

/* ---- igraph: one lock, errors that return ---- */

static pthread_mutex_t ig_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t ig_once = PTHREAD_ONCE_INIT;

static void ig_setup(void)
{
	/* igraph's default handler aborts the process; ours must return the error. */
	igraph_set_error_handler(igraph_error_handler_ignore);
	igraph_set_warning_handler(igraph_warning_handler_ignore);
}

static void ig_enter(void)
{
	pthread_once(&ig_once, ig_setup);
	pthread_mutex_lock(&ig_lock);
}

static void ig_leave(void)
{
	pthread_mutex_unlock(&ig_lock);
}

static int ig_rc(igraph_error_t e)
{
	return e == IGRAPH_SUCCESS ? GRAPH_OK : e == IGRAPH_ENOMEM ? GRAPH_ENOMEM : GRAPH_EIGRAPH;
}

/* ---- small helpers ---- */

struct ivec {
	int32_t *v;
	size_t n, cap;
};

static int ivec_push(struct ivec *a, int32_t x)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		int32_t *v = realloc(a->v, cap * sizeof(*v));
		if (!v)
			return GRAPH_ENOMEM;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = x;
	return GRAPH_OK;
}

static void *xcalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

static void *xmalloc_n(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return malloc(n ? n * size : 1);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int fail(struct graph_err *err, const char *what, int64_t index, const char *field,
                const char *msg)
{
	if (err) {
		err->what = what;
		err->index = index;
		err->field = field;
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
	}
	return GRAPH_EINVAL;
}

static bool id_ok(const char *s)
{
	if (!s || !*s)
		return false;
	size_t n = 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] < 0x20 || s[n] == 0x7f || n >= GRAPH_ID_MAX)
			return false;
	return true;
}

/* Bytes of `s` kept as a label: at most GRAPH_LABEL_MAX, never splitting a UTF-8
 * sequence. */
static size_t label_len(const char *s)
{
	size_t n = strnlen(s, GRAPH_LABEL_MAX + 1);
	if (n <= GRAPH_LABEL_MAX)
		return n;
	n = GRAPH_LABEL_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static char *arena_put(char **p, const char *s, size_t n)
{
	char *d = *p;
	memcpy(d, s, n);
	d[n] = '\0';
	*p += n + 1;
	return d;
}

static const char *const type_names[GRAPH_TYPE_COUNT] = {
        "child", "person of concern", "place", "vehicle", "phone", "missing episode"};
static const char *const type_codes[GRAPH_TYPE_COUNT] = {"child",   "poc",   "place",
                                                         "vehicle", "phone", "episode"};
static const char *const kind_names[GRAPH_KIND_COUNT] = {
        "associate", "seen with", "found at",    "uses",         "registered keeper",
        "member of", "visited",   "transported", "missing with", "missing episode of"};
static const char *const kind_codes[GRAPH_KIND_COUNT] = {
        "associate", "seen_with", "found_at",    "uses",         "registered_keeper",
        "member_of", "visited",   "transported", "missing_with", "episode_of"};

const char *graph_type_name(enum graph_type t)
{
	return (unsigned)t < GRAPH_TYPE_COUNT ? type_names[t] : NULL;
}

const char *graph_type_code(enum graph_type t)
{
	return (unsigned)t < GRAPH_TYPE_COUNT ? type_codes[t] : NULL;
}

const char *graph_kind_name(enum graph_kind k)
{
	return (unsigned)k < GRAPH_KIND_COUNT ? kind_names[k] : NULL;
}

const char *graph_kind_code(enum graph_kind k)
{
	return (unsigned)k < GRAPH_KIND_COUNT ? kind_codes[k] : NULL;
}

int graph_type_parse(const char *code)
{
	for (int i = 0; code && i < GRAPH_TYPE_COUNT; i++)
		if (strcmp(code, type_codes[i]) == 0)
			return i;
	return -1;
}

int graph_kind_parse(const char *code)
{
	for (int i = 0; code && i < GRAPH_KIND_COUNT; i++)
		if (strcmp(code, kind_codes[i]) == 0)
			return i;
	return -1;
}

/* ---- building ---- */

static bool keep_link(const struct graph_link_in *l, const struct graph_filter *f)
{
	if (l->kind == GRAPH_EPISODE_OF || !f)
		return true;
	if (f->kinds && !(f->kinds & GRAPH_KIND_BIT(l->kind)))
		return false;
	if (f->facts_only && l->intelligence)
		return false;
	if (f->to && l->start && l->start > f->to)
		return false;
	if (f->from && l->end && l->end < f->from)
		return false;
	return true;
}

static int check_node(const struct graph_node_in *v, int32_t i, struct graph_err *err)
{
	if (!id_ok(v->id))
		return fail(err, "node", i, "id",
		            "A node needs an id of 1 to 64 characters without control characters.");
	if ((unsigned)v->type >= GRAPH_TYPE_COUNT)
		return fail(err, "node", i, "type", "Unknown node type.");
	if (v->category < 0 || v->category > 3 || (v->category && v->type != GRAPH_CHILD))
		return fail(err, "node", i, "category",
		            "A category is 1, 2 or 3, and only a child has one.");
	if (v->has_order && v->type != GRAPH_POC)
		return fail(err, "node", i, "has_order", "Only a person of concern has an order.");
	return GRAPH_OK;
}

static int check_link(const struct graph_link_in *l, int64_t i, const struct graph_node_in *nodes,
                      int32_t n, struct graph_err *err)
{
	if (l->a < 0 || l->a >= n)
		return fail(err, "link", i, "a", "A link's end is not a node.");
	if (l->b < 0 || l->b >= n)
		return fail(err, "link", i, "b", "A link's end is not a node.");
	if (l->a == l->b)
		return fail(err, "link", i, "b", "A link cannot join a node to itself.");
	if ((unsigned)l->kind >= GRAPH_KIND_COUNT)
		return fail(err, "link", i, "kind", "Unknown link kind.");
	if (l->start && l->end && l->end < l->start)
		return fail(err, "link", i, "end", "A link cannot end before it starts.");
	if (l->id && !id_ok(l->id))
		return fail(err, "link", i, "id",
		            "A link id has 1 to 64 characters without control characters.");
	if (l->kind == GRAPH_EPISODE_OF) {
		enum graph_type ta = nodes[l->a].type, tb = nodes[l->b].type;
		if (!((ta == GRAPH_EPISODE && tb == GRAPH_CHILD) ||
		      (ta == GRAPH_CHILD && tb == GRAPH_EPISODE)))
			return fail(err, "link", i, "kind",
			            "An episode_of link joins a missing episode to its child.");
	}
	return GRAPH_OK;
}

static int index_ids(struct graph *g, struct graph_err *err)
{
	uint32_t cap = 16;
	while (cap < (uint32_t)g->n * 2u)
		cap *= 2;
	g->hash = xmalloc_n(cap, sizeof(int32_t));
	if (!g->hash)
		return GRAPH_ENOMEM;
	memset(g->hash, 0xff, (size_t)cap * sizeof(int32_t));
	g->hash_mask = cap - 1;
	for (int32_t i = 0; i < g->n; i++) {
		uint32_t h = (uint32_t)fnv1a(g->nodes[i].id) & g->hash_mask;
		while (g->hash[h] >= 0) {
			if (strcmp(g->nodes[g->hash[h]].id, g->nodes[i].id) == 0)
				return fail(err, "node", i, "id", "Two nodes have the same id.");
			h = (h + 1) & g->hash_mask;
		}
		g->hash[h] = i;
	}
	return GRAPH_OK;
}

/* Fills off/adj/deg from g->links: entries grouped by owner, sorted by neighbour then
 * link (stable counting sort by neighbour, then by owner). */
static int build_adjacency(struct graph *g)
{
	int rc = GRAPH_ENOMEM;
	size_t e = (size_t)g->m * 2;
	int64_t *pos = NULL;
	struct adj *tmp = NULL;
	g->off = xcalloc((size_t)g->n + 1, sizeof(int64_t));
	g->adj = xmalloc_n(e, sizeof(struct adj));
	g->deg = xcalloc((size_t)g->n, sizeof(int32_t));
	pos = xmalloc_n((size_t)g->n + 1, sizeof(int64_t));
	tmp = xmalloc_n(e, sizeof(struct adj));
	if (!g->off || !g->adj || !g->deg || !pos || !tmp)
		goto cleanup;
	for (int32_t i = 0; i < g->m; i++) {
		g->off[g->links[i].a + 1]++;
		g->off[g->links[i].b + 1]++;
	}
	for (int32_t v = 0; v < g->n; v++)
		g->off[v + 1] += g->off[v];
	/* by neighbour: tmp[] holds (owner, link) in the neighbour's bucket */
	memcpy(pos, g->off, ((size_t)g->n + 1) * sizeof(int64_t));
	for (int32_t i = 0; i < g->m; i++) {
		int32_t a = g->links[i].a, b = g->links[i].b;
		tmp[pos[b]++] = (struct adj){a, i};
		tmp[pos[a]++] = (struct adj){b, i};
	}
	/* by owner, in neighbour order */
	memcpy(pos, g->off, ((size_t)g->n + 1) * sizeof(int64_t));
	for (int32_t v = 0; v < g->n; v++)
		for (int64_t k = g->off[v]; k < g->off[v + 1]; k++)
			g->adj[pos[tmp[k].nbr]++] = (struct adj){v, tmp[k].link};
	for (int32_t v = 0; v < g->n; v++) {
		int32_t d = 0, last = -1;
		for (int64_t k = g->off[v]; k < g->off[v + 1]; k++) {
			if (g->adj[k].nbr != last)
				d++;
			last = g->adj[k].nbr;
		}
		g->deg[v] = d;
	}
	g->soff = xmalloc_n((size_t)g->n + 1, sizeof(int64_t));
	if (!g->soff)
		goto cleanup;
	g->soff[0] = 0;
	for (int32_t v = 0; v < g->n; v++)
		g->soff[v + 1] = g->soff[v] + g->deg[v];
	g->snbr = xmalloc_n((size_t)g->soff[g->n], sizeof(int32_t));
	if (!g->snbr)
		goto cleanup;
	for (int32_t v = 0; v < g->n; v++) {
		int64_t w = g->soff[v];
		for (int64_t k = g->off[v]; k < g->off[v + 1]; k++)
			if (k == g->off[v] || g->adj[k - 1].nbr != g->adj[k].nbr)
				g->snbr[w++] = g->adj[k].nbr;
	}
	rc = GRAPH_OK;
cleanup:
	free(pos);
	free(tmp);
	return rc;
}

int graph_build(const struct graph_node_in *nodes, int32_t n_nodes,
                const struct graph_link_in *links, int64_t n_links,
                const struct graph_filter *filter, struct graph **out, struct graph_err *err)
{
	int rc = GRAPH_ENOMEM;
	struct graph *g = NULL;
	uint8_t *has_owner = NULL;
	*out = NULL;
	if (n_nodes < 0 || n_links < 0 || (n_nodes && !nodes) || (n_links && !links))
		return fail(err, "input", -1, NULL, "Missing or negative input.");
	if (n_nodes > GRAPH_MAX_NODES || n_links > GRAPH_MAX_LINKS) {
		fail(err, "input", -1, NULL, "Too many nodes or links.");
		return GRAPH_ELIMIT;
	}
	size_t bytes = 0;
	int64_t kept = 0;
	for (int32_t i = 0; i < n_nodes; i++) {
		if ((rc = check_node(&nodes[i], i, err)))
			return rc;
		const char *lab = nodes[i].label && *nodes[i].label ? nodes[i].label : nodes[i].id;
		bytes += strlen(nodes[i].id) + 1 + label_len(lab) + 1;
	}
	has_owner = xcalloc((size_t)n_nodes, 1);
	if (!has_owner)
		return GRAPH_ENOMEM;
	for (int64_t i = 0; i < n_links; i++) {
		if ((rc = check_link(&links[i], i, nodes, n_nodes, err)))
			goto cleanup;
		if (links[i].kind == GRAPH_EPISODE_OF) {
			int32_t ep =
			        nodes[links[i].a].type == GRAPH_EPISODE ? links[i].a : links[i].b;
			if (has_owner[ep]++) {
				rc = fail(err, "link", i, "a",
				          "A missing episode belongs to one child only.");
				goto cleanup;
			}
		}
		if (keep_link(&links[i], filter)) {
			kept++;
			if (links[i].id)
				bytes += strlen(links[i].id) + 1;
		}
	}
	rc = GRAPH_ENOMEM;
	g = xcalloc(1, sizeof(*g));
	if (!g)
		goto cleanup;
	g->n = n_nodes;
	g->m = (int32_t)kept;
	g->nodes = xmalloc_n((size_t)g->n, sizeof(*g->nodes));
	g->links = xmalloc_n((size_t)g->m, sizeof(*g->links));
	g->link_src = xmalloc_n((size_t)g->m, sizeof(int64_t));
	g->owner = xmalloc_n((size_t)g->n, sizeof(int32_t));
	g->arena = xmalloc_n(bytes, 1);
	if (!g->nodes || !g->links || !g->link_src || !g->owner || !g->arena)
		goto cleanup;
	char *p = g->arena;
	for (int32_t i = 0; i < g->n; i++) {
		const struct graph_node_in *v = &nodes[i];
		const char *lab = v->label && *v->label ? v->label : v->id;
		g->nodes[i] = *v;
		g->nodes[i].id = arena_put(&p, v->id, strlen(v->id));
		g->nodes[i].label = arena_put(&p, lab, label_len(lab));
		g->owner[i] = -1;
	}
	int32_t j = 0;
	for (int64_t i = 0; i < n_links; i++) {
		if (!keep_link(&links[i], filter))
			continue;
		g->links[j] = links[i];
		if (links[i].id)
			g->links[j].id = arena_put(&p, links[i].id, strlen(links[i].id));
		g->link_src[j] = i;
		if (links[i].kind == GRAPH_EPISODE_OF) {
			bool a_ep = g->nodes[links[i].a].type == GRAPH_EPISODE;
			g->owner[a_ep ? links[i].a : links[i].b] = a_ep ? links[i].b : links[i].a;
		}
		j++;
	}
	if ((rc = index_ids(g, err)) || (rc = build_adjacency(g)))
		goto cleanup;
	*out = g;
	g = NULL;
	rc = GRAPH_OK;
cleanup:
	free(has_owner);
	graph_free(g);
	return rc;
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	if (g->ig) {
		ig_enter();
		igraph_destroy(g->ig);
		ig_leave();
		free(g->ig);
	}
	free(g->nodes);
	free(g->links);
	free(g->link_src);
	free(g->arena);
	free(g->off);
	free(g->adj);
	free(g->deg);
	free(g->soff);
	free(g->snbr);
	free(g->owner);
	free(g->hash);
	free(g);
}

int32_t graph_node_count(const struct graph *g)
{
	return g->n;
}

int32_t graph_link_count(const struct graph *g)
{
	return g->m;
}

int32_t graph_find(const struct graph *g, const char *id)
{
	if (!id || !g->n)
		return -1;
	uint32_t h = (uint32_t)fnv1a(id) & g->hash_mask;
	while (g->hash[h] >= 0) {
		if (strcmp(g->nodes[g->hash[h]].id, id) == 0)
			return g->hash[h];
		h = (h + 1) & g->hash_mask;
	}
	return -1;
}

const struct graph_node_in *graph_node(const struct graph *g, int32_t node)
{
	return node >= 0 && node < g->n ? &g->nodes[node] : NULL;
}

const struct graph_link_in *graph_link(const struct graph *g, int32_t link)
{
	return link >= 0 && link < g->m ? &g->links[link] : NULL;
}

int64_t graph_link_source(const struct graph *g, int32_t link)
{
	return link >= 0 && link < g->m ? g->link_src[link] : -1;
}

int32_t graph_degree_of(const struct graph *g, int32_t node)
{
	return node >= 0 && node < g->n ? g->deg[node] : 0;
}

void graph_degree(const struct graph *g, int32_t *out)
{
	memcpy(out, g->deg, (size_t)g->n * sizeof(int32_t));
}

/* Called with ig_lock held: builds g->ig (distinct pairs) once. */
static int ensure_igraph(const struct graph *cg)
{
	struct graph *g = (struct graph *)cg; /* the lazily built igraph is a cache */
	if (g->ig)
		return GRAPH_OK;
	int64_t pairs = g->soff[g->n] / 2;
	igraph_vector_int_t edges;
	igraph_t *ig = malloc(sizeof(*ig));
	if (!ig)
		return GRAPH_ENOMEM;
	igraph_error_t e = igraph_vector_int_init(&edges, pairs * 2);
	if (e) {
		free(ig);
		return ig_rc(e);
	}
	int64_t w = 0;
	for (int32_t v = 0; v < g->n; v++)
		for (int64_t k = g->soff[v]; k < g->soff[v + 1]; k++)
			if (g->snbr[k] > v) {
				VECTOR(edges)[w++] = v;
				VECTOR(edges)[w++] = g->snbr[k];
			}
	e = igraph_create(ig, &edges, g->n, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&edges);
	if (e) {
		free(ig);
		return ig_rc(e);
	}
	g->ig = ig;
	return GRAPH_OK;
}

/* Renumbers labels[0..n) in order of first appearance; fills size[count]. */
static int renumber(const igraph_vector_int_t *in, int32_t n, int32_t **membership, int32_t **size,
                    int32_t *count)
{
	int rc = GRAPH_ENOMEM;
	int64_t labels = 0;
	for (int32_t v = 0; v < n; v++)
		if (VECTOR(*in)[v] + 1 > labels)
			labels = VECTOR(*in)[v] + 1;
	int32_t *map = xmalloc_n((size_t)labels, sizeof(int32_t));
	*membership = xmalloc_n((size_t)n, sizeof(int32_t));
	if (!map || !*membership)
		goto cleanup;
	memset(map, 0xff, (size_t)labels * sizeof(int32_t));
	int32_t c = 0;
	for (int32_t v = 0; v < n; v++) {
		int64_t l = VECTOR(*in)[v];
		if (map[l] < 0)
			map[l] = c++;
		(*membership)[v] = map[l];
	}
	*size = xcalloc((size_t)c, sizeof(int32_t));
	if (!*size)
		goto cleanup;
	for (int32_t v = 0; v < n; v++)
		(*size)[(*membership)[v]]++;
	*count = c;
	rc = GRAPH_OK;
cleanup:
	free(map);
	if (rc) {
		free(*membership);
		*membership = NULL;
	}
	return rc;
}

/* Components with ig_lock held. */
static int components_locked(const struct graph *g, struct graph_components *out)
{
	memset(out, 0, sizeof(*out));
	out->largest = -1;
	int rc = ensure_igraph(g);
	if (rc)
		return rc;
	igraph_vector_int_t memb;
	igraph_error_t e = igraph_vector_int_init(&memb, 0);
	if (e)
		return ig_rc(e);
	e = igraph_connected_components(g->ig, &memb, NULL, NULL, IGRAPH_WEAK);
	if (e) {
		rc = ig_rc(e);
		goto cleanup;
	}
	if ((rc = renumber(&memb, g->n, &out->membership, &out->size, &out->count)))
		goto cleanup;
	for (int32_t c = 0; c < out->count; c++)
		if (out->largest < 0 || out->size[c] > out->size[out->largest])
			out->largest = c;
cleanup:
	igraph_vector_int_destroy(&memb);
	return rc;
}

int graph_components(const struct graph *g, struct graph_components *out)
{
	ig_enter();
	int rc = components_locked(g, out);
	ig_leave();
	return rc;
}

void graph_components_release(struct graph_components *c)
{
	free(c->membership);
	free(c->size);
	memset(c, 0, sizeof(*c));
	c->largest = -1;
}

/* ---- betweenness ---- */

/* Draws the sources: every node of an exact component (3 nodes or more), and
 * `samples` nodes without replacement from each larger one, in that component's
 * member order shuffled by a generator seeded from `seed` and the component number.
 * scale[c] is the factor for component c. */
static int bw_sources(const struct graph_components *cc, int32_t n, int32_t exact_max,
                      int32_t samples, uint64_t seed, struct ivec *src, double *scale,
                      struct graph_bw_info *info)
{
	int rc = GRAPH_ENOMEM;
	int64_t big = 0;
	for (int32_t c = 0; c < cc->count; c++)
		if (cc->size[c] > exact_max)
			big += cc->size[c];
	int64_t *start = xcalloc((size_t)cc->count + 1, sizeof(int64_t));
	int64_t *fill = xcalloc((size_t)cc->count + 1, sizeof(int64_t));
	int32_t *members = xmalloc_n((size_t)big, sizeof(int32_t));
	if (!start || !fill || !members)
		goto cleanup;
	for (int32_t c = 0; c < cc->count; c++)
		start[c + 1] = start[c] + (cc->size[c] > exact_max ? cc->size[c] : 0);
	memcpy(fill, start, (size_t)cc->count * sizeof(int64_t));
	for (int32_t v = 0; v < n; v++) {
		int32_t c = cc->membership[v];
		if (cc->size[c] > exact_max)
			members[fill[c]++] = v;
		else if (cc->size[c] >= 3 && ivec_push(src, v))
			goto cleanup;
	}
	for (int32_t c = 0; c < cc->count; c++) {
		scale[c] = 1.0;
		if (cc->size[c] < 3)
			continue;
		if (cc->size[c] <= exact_max) {
			info->exact_components++;
			continue;
		}
		info->sampled_components++;
		int32_t sz = cc->size[c], k = samples < sz ? samples : sz;
		int32_t *mem = members + start[c];
		struct rng r;
		rng_seed(&r, seed ^ ((uint64_t)c * 0x9E3779B97F4A7C15ull));
		for (int32_t i = 0; i < k; i++) { /* partial Fisher-Yates */
			int32_t j = i + (int32_t)rng_below(&r, (uint64_t)(sz - i));
			int32_t t = mem[i];
			mem[i] = mem[j];
			mem[j] = t;
			if (ivec_push(src, mem[i]))
				goto cleanup;
		}
		scale[c] = (double)sz / (double)k;
	}
	rc = GRAPH_OK;
cleanup:
	free(start);
	free(fill);
	free(members);
	return rc;
}

/* Brandes' accumulation from one source over distinct neighbours: adds the source's
 * dependency of every other node to acc[]. dist[] is -1 everywhere on entry and on
 * return; order/sigma/delta are scratch of node count. */
static void brandes_one(const struct graph *g, int32_t s, int32_t *dist, int32_t *order,
                        double *sigma, double *delta, double *acc)
{
	int32_t head = 0, tail = 0;
	order[tail++] = s;
	dist[s] = 0;
	sigma[s] = 1.0;
	delta[s] = 0.0;
	while (head < tail) {
		int32_t u = order[head++];
		for (int64_t k = g->soff[u]; k < g->soff[u + 1]; k++) {
			int32_t w = g->snbr[k];
			if (dist[w] < 0) {
				dist[w] = dist[u] + 1;
				sigma[w] = 0.0;
				delta[w] = 0.0;
				order[tail++] = w;
			}
			if (dist[w] == dist[u] + 1)
				sigma[w] += sigma[u];
		}
	}
	for (int32_t i = tail - 1; i > 0; i--) {
		int32_t w = order[i];
		double f = (1.0 + delta[w]) / sigma[w];
		for (int64_t k = g->soff[w]; k < g->soff[w + 1]; k++) {
			int32_t u = g->snbr[k];
			if (dist[u] == dist[w] - 1)
				delta[u] += sigma[u] * f;
		}
		acc[w] += delta[w];
	}
	for (int32_t i = 0; i < tail; i++)
		dist[order[i]] = -1;
}

int graph_betweenness(const struct graph *g, const struct graph_bw_opts *opts, double *out,
                      struct graph_bw_info *info)
{
	struct graph_bw_opts o = opts ? *opts : (struct graph_bw_opts){0, 0, GRAPH_SEED, NULL};
	struct graph_bw_info tmp_info;
	struct graph_components own = {0}, cc;
	struct ivec src = {0};
	double *scale = NULL, *sigma = NULL, *delta = NULL;
	int32_t *dist = NULL, *order = NULL;
	int rc;
	if (o.exact_max <= 0)
		o.exact_max = GRAPH_BW_EXACT_MAX;
	if (o.samples <= 0)
		o.samples = GRAPH_BW_SAMPLES;
	if (!info)
		info = &tmp_info;
	memset(info, 0, sizeof(*info));
	for (int32_t v = 0; v < g->n; v++)
		out[v] = 0.0;
	if (o.components)
		cc = *o.components;
	else if ((rc = graph_components(g, &own)))
		return rc;
	else
		cc = own;
	rc = GRAPH_ENOMEM;
	scale = xmalloc_n((size_t)cc.count, sizeof(double));
	sigma = xmalloc_n((size_t)g->n, sizeof(double));
	delta = xmalloc_n((size_t)g->n, sizeof(double));
	dist = xmalloc_n((size_t)g->n, sizeof(int32_t));
	order = xmalloc_n((size_t)g->n, sizeof(int32_t));
	if (!scale || !sigma || !delta || !dist || !order)
		goto cleanup;
	if ((rc = bw_sources(&cc, g->n, o.exact_max, o.samples, o.seed, &src, scale, info)))
		goto cleanup;
	rc = GRAPH_ENOMEM;
	for (int32_t v = 0; v < g->n; v++)
		dist[v] = -1;
	for (size_t i = 0; i < src.n; i++)
		brandes_one(g, src.v[i], dist, order, sigma, delta, out);
	/* each unordered pair was counted from both ends */
	for (int32_t v = 0; v < g->n; v++)
		out[v] *= 0.5 * scale[cc.membership[v]];
	info->sources = (int64_t)src.n;
	if (info->sampled_components > 0) {
		int64_t k = 0;
		for (size_t i = 0; i < src.n; i++)
			k += cc.size[cc.membership[src.v[i]]] > o.exact_max;
		info->sampled = xmalloc_n((size_t)k, sizeof(int32_t));
		if (!info->sampled)
			goto cleanup;
		for (size_t i = 0; i < src.n; i++)
			if (cc.size[cc.membership[src.v[i]]] > o.exact_max)
				info->sampled[info->n_sampled++] = src.v[i];
	}
	rc = GRAPH_OK;
cleanup:
	graph_components_release(&own);
	free(src.v);
	free(scale);
	free(sigma);
	free(delta);
	free(dist);
	free(order);
	if (rc) {
		graph_bw_info_release(info);
		for (int32_t v = 0; v < g->n; v++)
			out[v] = 0.0;
	}
	return rc;
}

int graph_betweenness_reference(const struct graph *g, double *out)
{
	igraph_vector_t res;
	ig_enter();
	int rc = ensure_igraph(g);
	if (rc)
		goto cleanup;
	if ((rc = ig_rc(igraph_vector_init(&res, 0))))
		goto cleanup;
	rc = ig_rc(igraph_betweenness(g->ig, &res, igraph_vss_all(), false, NULL));
	for (int32_t v = 0; rc == GRAPH_OK && v < g->n; v++)
		out[v] = VECTOR(res)[v];
	igraph_vector_destroy(&res);
cleanup:
	ig_leave();
	return rc;
}

void graph_bw_info_release(struct graph_bw_info *info)
{
	if (!info)
		return;
	free(info->sampled);
	memset(info, 0, sizeof(*info));
}

static bool ranks_before(const double *score, int32_t a, int32_t b)
{
	return score[a] > score[b] || (score[a] == score[b] && a < b);
}

int32_t graph_top(const struct graph *g, const double *score, uint32_t types, int32_t k,
                  int32_t *out)
{
	int32_t n = 0;
	if (k <= 0)
		return 0;
	for (int32_t v = 0; v < g->n; v++) {
		if (!(score[v] > 0.0) || (types && !(types & GRAPH_TYPE_BIT(g->nodes[v].type))))
			continue;
		if (n == k && !ranks_before(score, v, out[n - 1]))
			continue;
		int32_t i = n < k ? n++ : n - 1;
		while (i > 0 && ranks_before(score, v, out[i - 1])) {
			out[i] = out[i - 1];
			i--;
		}
		out[i] = v;
	}
	return n;
}

/* ---- communities ---- */

/* Builds in *sub the simple graph of the nodes in components of 3 or more nodes
 * (map[v]: v's index there, or -1), with node weights = degrees in *nw. */
static int core_graph(const struct graph *g, const struct graph_components *cc, int32_t *map,
                      igraph_t *sub, igraph_vector_t *nw)
{
	igraph_vector_int_t edges;
	int32_t k = 0;
	for (int32_t v = 0; v < g->n; v++)
		map[v] = cc->size[cc->membership[v]] >= 3 ? k++ : -1;
	int64_t pairs = 0;
	for (int32_t v = 0; v < g->n; v++)
		if (map[v] >= 0)
			pairs += g->deg[v];
	int rc = ig_rc(igraph_vector_int_init(&edges, pairs));
	if (rc)
		return rc;
	int64_t w = 0;
	for (int32_t v = 0; v < g->n; v++)
		for (int64_t e = g->soff[v]; map[v] >= 0 && e < g->soff[v + 1]; e++)
			if (g->snbr[e] > v) {
				VECTOR(edges)[w++] = map[v];
				VECTOR(edges)[w++] = map[g->snbr[e]];
			}
	rc = ig_rc(igraph_create(sub, &edges, k, IGRAPH_UNDIRECTED));
	igraph_vector_int_destroy(&edges);
	if (rc)
		return rc;
	if ((rc = ig_rc(igraph_vector_init(nw, k)))) {
		igraph_destroy(sub);
		return rc;
	}
	for (int32_t v = 0; v < g->n; v++)
		if (map[v] >= 0)
			VECTOR(*nw)[map[v]] = g->deg[v];
	return GRAPH_OK;
}

int graph_communities(const struct graph *g, uint64_t seed, struct graph_communities *out)
{
	igraph_vector_int_t memb, sub_memb;
	igraph_vector_t nw;
	igraph_t sub;
	struct graph_components cc;
	bool memb_init = false, sub_init = false, sub_memb_init = false;
	igraph_integer_t clusters = 0;
	igraph_real_t quality = 0, q = 0;
	memset(out, 0, sizeof(*out));
	int32_t *map = xmalloc_n((size_t)g->n, sizeof(int32_t));
	if (!map)
		return GRAPH_ENOMEM;
	ig_enter();
	int rc = components_locked(g, &cc);
	if (rc)
		goto cleanup;
	if ((rc = ig_rc(igraph_vector_int_init(&memb, g->n))))
		goto cleanup;
	memb_init = true;
	if ((rc = ig_rc(igraph_vector_int_init(&sub_memb, 0))))
		goto cleanup;
	sub_memb_init = true;
	/* A component of one or two nodes is a community of its own (a linked pair is
	 * always better together); Leiden runs on the rest, with the whole graph's
	 * resolution 1 / 2m so the objective is the whole graph's modularity. */
	if ((rc = core_graph(g, &cc, map, &sub, &nw)))
		goto cleanup;
	sub_init = true;
	igraph_integer_t edges = igraph_ecount(g->ig);
	if (igraph_ecount(&sub) > 0) {
		igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
		rc = ig_rc(igraph_community_leiden(&sub, NULL, &nw, 1.0 / (2.0 * (double)edges),
		                                   0.01, false, 1, &sub_memb, &clusters, &quality));
		if (rc)
			goto cleanup;
	}
	for (int32_t v = 0; v < g->n; v++) {
		igraph_integer_t label = clusters + cc.membership[v];
		if (map[v] >= 0)
			label = VECTOR(sub_memb)[map[v]];
		VECTOR(memb)[v] = label;
	}
	if (edges > 0 && (rc = ig_rc(igraph_modularity(g->ig, &memb, NULL, 1.0, false, &q))))
		goto cleanup;
	if ((rc = renumber(&memb, g->n, &out->membership, &out->size, &out->count)))
		goto cleanup;
	out->modularity = q;
cleanup:
	if (sub_init) {
		igraph_destroy(&sub);
		igraph_vector_destroy(&nw);
	}
	if (sub_memb_init)
		igraph_vector_int_destroy(&sub_memb);
	if (memb_init)
		igraph_vector_int_destroy(&memb);
	ig_leave();
	graph_components_release(&cc);
	free(map);
	return rc;
}

void graph_communities_release(struct graph_communities *c)
{
	free(c->membership);
	free(c->size);
	memset(c, 0, sizeof(*c));
}

/* ---- serial persons of concern ---- */

struct serial_tmp {
	int32_t poc, n, direct;
	int64_t first;
};

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_serial(const void *a, const void *b)
{
	const struct graph_serial *x = a, *y = b;
	if (x->n_children != y->n_children)
		return x->n_children > y->n_children ? -1 : 1;
	return (x->poc > y->poc) - (x->poc < y->poc);
}

/* Marks child w as reached from the current person (stamp) through `via`. */
static int reach_child(int32_t *stamp, int32_t *via_of, struct ivec *list, int32_t tag, int32_t w,
                       int32_t via)
{
	if (stamp[w] != tag) {
		stamp[w] = tag;
		via_of[w] = via;
		return ivec_push(list, w);
	}
	if (via_of[w] >= 0 && (via < 0 || via < via_of[w]))
		via_of[w] = via;
	return GRAPH_OK;
}

int graph_serial_pocs(const struct graph *g, const struct graph_serial_opts *opts,
                      struct graph_serials *out)
{
	uint32_t via = opts && opts->via
	                       ? opts->via
	                       : GRAPH_TYPE_BIT(GRAPH_VEHICLE) | GRAPH_TYPE_BIT(GRAPH_PHONE) |
	                                 GRAPH_TYPE_BIT(GRAPH_EPISODE);
	int32_t min = opts && opts->min_children > 0 ? opts->min_children : 2;
	struct ivec list = {0}, kids = {0}, vias = {0};
	struct graph_serial *items = NULL;
	size_t n_items = 0, cap_items = 0;
	int rc = GRAPH_ENOMEM;
	memset(out, 0, sizeof(*out));
	int32_t *stamp = xcalloc((size_t)g->n, sizeof(int32_t));
	int32_t *via_of = xmalloc_n((size_t)g->n, sizeof(int32_t));
	if (!stamp || !via_of)
		goto cleanup;
	for (int32_t p = 0; p < g->n; p++) {
		if (g->nodes[p].type != GRAPH_POC)
			continue;
		int32_t tag = p + 1;
		list.n = 0;
		for (int64_t k = g->off[p]; k < g->off[p + 1]; k++) {
			int32_t u = g->adj[k].nbr;
			enum graph_type tu = g->nodes[u].type;
			if (k > g->off[p] && g->adj[k - 1].nbr == u)
				continue;
			if (tu == GRAPH_CHILD) {
				if (reach_child(stamp, via_of, &list, tag, u, -1))
					goto cleanup;
				continue;
			}
			if (!(via & GRAPH_TYPE_BIT(tu)))
				continue;
			for (int64_t q = g->off[u]; q < g->off[u + 1]; q++) {
				int32_t w = g->adj[q].nbr;
				if (g->nodes[w].type != GRAPH_CHILD)
					continue;
				if (tu == GRAPH_EPISODE && g->owner[u] != w)
					continue;
				if (reach_child(stamp, via_of, &list, tag, w, u))
					goto cleanup;
			}
		}
		if ((int32_t)list.n < min)
			continue;
		qsort(list.v, list.n, sizeof(int32_t), cmp_i32);
		if (n_items == cap_items) {
			size_t cap = cap_items ? cap_items * 2 : 64;
			struct graph_serial *t = realloc(items, cap * sizeof(*t));
			if (!t)
				goto cleanup;
			items = t;
			cap_items = cap;
		}
		struct graph_serial *it = &items[n_items++];
		it->poc = p;
		it->n_children = (int32_t)list.n;
		it->n_direct = 0;
		it->first = (int32_t)kids.n;
		for (size_t i = 0; i < list.n; i++) {
			int32_t w = list.v[i];
			it->n_direct += via_of[w] < 0;
			if (ivec_push(&kids, w) || ivec_push(&vias, via_of[w]))
				goto cleanup;
		}
	}
	if (n_items)
		qsort(items, n_items, sizeof(*items), cmp_serial);
	out->count = (int32_t)n_items;
	out->items = items;
	out->children = kids.v;
	out->via = vias.v;
	items = NULL;
	kids.v = vias.v = NULL;
	rc = GRAPH_OK;
cleanup:
	free(stamp);
	free(via_of);
	free(list.v);
	free(kids.v);
	free(vias.v);
	free(items);
	return rc;
}

void graph_serials_release(struct graph_serials *s)
{
	free(s->items);
	free(s->children);
	free(s->via);
	memset(s, 0, sizeof(*s));
}

/* ---- hotspots ---- */

static int cmp_hotspot(const void *a, const void *b)
{
	const struct graph_hotspot *x = a, *y = b;
	if (x->n_children != y->n_children)
		return x->n_children > y->n_children ? -1 : 1;
	if (x->n_episodes != y->n_episodes)
		return x->n_episodes > y->n_episodes ? -1 : 1;
	if (x->n_pocs != y->n_pocs)
		return x->n_pocs > y->n_pocs ? -1 : 1;
	return (x->place > y->place) - (x->place < y->place);
}

int graph_hotspots(const struct graph *g, const struct graph_hotspot_opts *opts,
                   struct graph_hotspots *out)
{
	int32_t min_c = opts && opts->min_children > 0 ? opts->min_children : 2;
	int32_t min_e = opts && opts->min_episodes > 0 ? opts->min_episodes : 3;
	struct graph_hotspot *items = NULL;
	size_t n_items = 0, cap_items = 0;
	int rc = GRAPH_ENOMEM;
	memset(out, 0, sizeof(*out));
	int32_t *stamp = xcalloc((size_t)g->n, sizeof(int32_t));
	if (!stamp)
		goto cleanup;
	for (int32_t p = 0; p < g->n; p++) {
		if (g->nodes[p].type != GRAPH_PLACE)
			continue;
		struct graph_hotspot h = {p, 0, 0, 0};
		int32_t tag = p + 1;
		for (int64_t k = g->off[p]; k < g->off[p + 1]; k++) {
			int32_t u = g->adj[k].nbr;
			if (k > g->off[p] && g->adj[k - 1].nbr == u)
				continue;
			enum graph_type t = g->nodes[u].type;
			int32_t child = -1;
			if (t == GRAPH_CHILD)
				child = u;
			else if (t == GRAPH_EPISODE) {
				h.n_episodes++;
				child = g->owner[u];
			} else if (t == GRAPH_POC)
				h.n_pocs++;
			if (child >= 0 && stamp[child] != tag) {
				stamp[child] = tag;
				h.n_children++;
			}
		}
		if (h.n_children < min_c && h.n_episodes < min_e)
			continue;
		if (n_items == cap_items) {
			size_t cap = cap_items ? cap_items * 2 : 64;
			struct graph_hotspot *t = realloc(items, cap * sizeof(*t));
			if (!t)
				goto cleanup;
			items = t;
			cap_items = cap;
		}
		items[n_items++] = h;
	}
	if (n_items)
		qsort(items, n_items, sizeof(*items), cmp_hotspot);
	out->count = (int32_t)n_items;
	out->items = items;
	items = NULL;
	rc = GRAPH_OK;
cleanup:
	free(stamp);
	free(items);
	return rc;
}

void graph_hotspots_release(struct graph_hotspots *h)
{
	free(h->items);
	memset(h, 0, sizeof(*h));
}

/* ---- co-missing groups ---- */

static int32_t uf_find(int32_t *parent, int32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* The child a node stands for in a missing_with link, or -1. */
static int32_t as_child(const struct graph *g, int32_t v)
{
	if (g->nodes[v].type == GRAPH_CHILD)
		return v;
	return g->nodes[v].type == GRAPH_EPISODE ? g->owner[v] : -1;
}

static bool shareable(enum graph_type t)
{
	return t == GRAPH_POC || t == GRAPH_PLACE || t == GRAPH_VEHICLE || t == GRAPH_PHONE;
}

static int cmp_shared(const void *a, const void *b)
{
	const struct graph_shared *x = a, *y = b;
	if (x->n_children != y->n_children)
		return x->n_children > y->n_children ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

/* Counts, for one group's children, each shareable node linked to them directly or
 * through their own episodes; appends those linked to two or more to `shared`. */
static int group_shared(const struct graph *g, const int32_t *kids, int32_t n_kids, int32_t *last,
                        int32_t *cnt, struct ivec *touched, struct graph_shared **shared,
                        size_t *n_shared, size_t *cap_shared)
{
	touched->n = 0;
	for (int32_t i = 0; i < n_kids; i++) {
		int32_t c = kids[i];
		for (int64_t k = g->off[c]; k < g->off[c + 1]; k++) {
			int32_t u = g->adj[k].nbr;
			bool own_episode = g->nodes[u].type == GRAPH_EPISODE && g->owner[u] == c;
			int64_t lo = own_episode ? g->off[u] : k;
			int64_t hi = own_episode ? g->off[u + 1] : k + 1;
			for (int64_t q = lo; q < hi; q++) {
				int32_t w = own_episode ? g->adj[q].nbr : u;
				if (!shareable(g->nodes[w].type) || last[w] == c + 1)
					continue;
				if (last[w] == 0 && ivec_push(touched, w))
					return GRAPH_ENOMEM;
				last[w] = c + 1;
				cnt[w]++;
			}
		}
	}
	size_t before = *n_shared;
	for (size_t i = 0; i < touched->n; i++) {
		int32_t w = touched->v[i];
		if (cnt[w] >= 2) {
			if (*n_shared == *cap_shared) {
				size_t cap = *cap_shared ? *cap_shared * 2 : 64;
				struct graph_shared *t = realloc(*shared, cap * sizeof(*t));
				if (!t)
					return GRAPH_ENOMEM;
				*shared = t;
				*cap_shared = cap;
			}
			(*shared)[(*n_shared)++] = (struct graph_shared){w, cnt[w]};
		}
		last[w] = 0;
		cnt[w] = 0;
	}
	if (*n_shared > before)
		qsort(*shared + before, *n_shared - before, sizeof(**shared), cmp_shared);
	return GRAPH_OK;
}

struct grp {
	int32_t root, size;
};

static int cmp_grp(const void *a, const void *b)
{
	const struct grp *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->root > y->root) - (x->root < y->root);
}

int graph_comissing(const struct graph *g, struct graph_comissing *out)
{
	int rc = GRAPH_ENOMEM;
	struct ivec touched = {0};
	struct graph_comissing_group *groups = NULL;
	struct graph_shared *shared = NULL;
	struct grp *grps = NULL;
	int32_t *kids = NULL;
	size_t n_shared = 0, cap_shared = 0;
	int32_t n_groups = 0, total = 0;
	memset(out, 0, sizeof(*out));
	int32_t *parent = xmalloc_n((size_t)g->n, sizeof(int32_t));
	int32_t *gsize = xcalloc((size_t)g->n, sizeof(int32_t));
	int32_t *gid = xmalloc_n((size_t)g->n, sizeof(int32_t));
	int32_t *last = xcalloc((size_t)g->n, sizeof(int32_t));
	int32_t *cnt = xcalloc((size_t)g->n, sizeof(int32_t));
	if (!parent || !gsize || !gid || !last || !cnt)
		goto cleanup;
	for (int32_t v = 0; v < g->n; v++) {
		parent[v] = v;
		gid[v] = -1;
	}
	/* union-find over children; a set's root is its lowest child */
	for (int32_t i = 0; i < g->m; i++) {
		if (g->links[i].kind != GRAPH_MISSING_WITH)
			continue;
		int32_t x = as_child(g, g->links[i].a), y = as_child(g, g->links[i].b);
		if (x < 0 || y < 0)
			continue;
		x = uf_find(parent, x);
		y = uf_find(parent, y);
		if (x != y)
			parent[x > y ? x : y] = x < y ? x : y;
	}
	for (int32_t v = 0; v < g->n; v++)
		if (g->nodes[v].type == GRAPH_CHILD)
			gsize[uf_find(parent, v)]++;
	for (int32_t v = 0; v < g->n; v++)
		if (gsize[v] >= 2) {
			n_groups++;
			total += gsize[v];
		}
	grps = xmalloc_n((size_t)n_groups, sizeof(*grps));
	groups = xcalloc((size_t)n_groups, sizeof(*groups));
	kids = xmalloc_n((size_t)total, sizeof(int32_t));
	if (!grps || !groups || !kids)
		goto cleanup;
	n_groups = 0;
	for (int32_t v = 0; v < g->n; v++)
		if (gsize[v] >= 2)
			grps[n_groups++] = (struct grp){v, gsize[v]};
	if (n_groups)
		qsort(grps, (size_t)n_groups, sizeof(*grps), cmp_grp);
	int32_t at = 0;
	for (int32_t i = 0; i < n_groups; i++) {
		gid[grps[i].root] = i;
		groups[i].first_child = at;
		at += grps[i].size;
	}
	for (int32_t v = 0; v < g->n; v++) {
		if (g->nodes[v].type != GRAPH_CHILD)
			continue;
		int32_t r = gid[uf_find(parent, v)];
		if (r >= 0)
			kids[groups[r].first_child + groups[r].n_children++] = v;
	}
	for (int32_t i = 0; i < n_groups; i++) {
		groups[i].first_shared = (int32_t)n_shared;
		if (group_shared(g, kids + groups[i].first_child, groups[i].n_children, last, cnt,
		                 &touched, &shared, &n_shared, &cap_shared))
			goto cleanup;
		groups[i].n_shared = (int32_t)n_shared - groups[i].first_shared;
	}
	out->count = n_groups;
	out->groups = groups;
	out->children = kids;
	out->shared = shared;
	groups = NULL;
	kids = NULL;
	shared = NULL;
	rc = GRAPH_OK;
cleanup:
	free(parent);
	free(gsize);
	free(gid);
	free(last);
	free(cnt);
	free(grps);
	free(kids);
	free(touched.v);
	free(groups);
	free(shared);
	return rc;
}

void graph_comissing_release(struct graph_comissing *c)
{
	free(c->groups);
	free(c->children);
	free(c->shared);
	memset(c, 0, sizeof(*c));
}

/* ---- neighbourhoods ---- */

struct rank_ctx {
	int32_t node, deg;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank_ctx *x = a, *y = b;
	if (x->deg != y->deg)
		return x->deg > y->deg ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

struct sub_link {
	int32_t link, la, lb;
};

static int cmp_sub_link(const void *a, const void *b)
{
	const struct sub_link *x = a, *y = b;
	return (x->link > y->link) - (x->link < y->link);
}

/* Fills s->links/la/lb with the links among s->nodes; loc[v] is local index + 1 for
 * members (> 0), anything else otherwise. */
static int sub_links(const struct graph *g, struct graph_sub *s, const int32_t *loc)
{
	struct sub_link *ls = NULL;
	size_t n = 0, cap = 0;
	int rc = GRAPH_ENOMEM;
	for (int32_t i = 0; i < s->n_nodes; i++) {
		int32_t u = s->nodes[i];
		for (int64_t k = g->off[u]; k < g->off[u + 1]; k++) {
			int32_t w = g->adj[k].nbr;
			if (loc[w] <= 0 || loc[w] - 1 <= i)
				continue;
			if (n == cap) {
				size_t c2 = cap ? cap * 2 : 64;
				struct sub_link *t = realloc(ls, c2 * sizeof(*t));
				if (!t)
					goto cleanup;
				ls = t;
				cap = c2;
			}
			ls[n++] = (struct sub_link){g->adj[k].link, i, loc[w] - 1};
		}
	}
	if (n)
		qsort(ls, n, sizeof(*ls), cmp_sub_link);
	if (n > GRAPH_SUB_MAX_LINKS) {
		n = GRAPH_SUB_MAX_LINKS;
		s->links_truncated = true;
	}
	s->links = xmalloc_n(n, sizeof(int32_t));
	s->la = xmalloc_n(n, sizeof(int32_t));
	s->lb = xmalloc_n(n, sizeof(int32_t));
	if (!s->links || !s->la || !s->lb)
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		s->links[i] = ls[i].link;
		s->la[i] = ls[i].la;
		s->lb[i] = ls[i].lb;
	}
	s->n_links = (int32_t)n;
	rc = GRAPH_OK;
cleanup:
	free(ls);
	return rc;
}

int graph_neighbourhood(const struct graph *g, int32_t centre, int hops, int32_t max_nodes,
                        struct graph_sub *out)
{
	int rc = GRAPH_ENOMEM;
	struct ivec queue = {0};
	struct rank_ctx *cand = NULL;
	size_t n_cand = 0, cap_cand = 0;
	memset(out, 0, sizeof(*out));
	if (centre < 0 || centre >= g->n || hops < 1 || hops > 8)
		return GRAPH_EINVAL;
	if (max_nodes <= 0)
		max_nodes = 100;
	if (max_nodes < 2 || max_nodes > GRAPH_SUB_MAX_NODES)
		return GRAPH_EINVAL;
	int32_t *dist = xcalloc((size_t)g->n, sizeof(int32_t)); /* hops + 1, 0 unseen */
	int32_t *loc = xcalloc((size_t)g->n, sizeof(int32_t));  /* local + 1, -1 candidate */
	out->nodes = xmalloc_n((size_t)max_nodes, sizeof(int32_t));
	out->hops = xmalloc_n((size_t)max_nodes, sizeof(int8_t));
	if (!dist || !loc || !out->nodes || !out->hops || ivec_push(&queue, centre))
		goto cleanup;
	/* every node within reach, for the count */
	dist[centre] = 1;
	for (size_t qi = 0; qi < queue.n; qi++) {
		int32_t u = queue.v[qi];
		if (dist[u] > hops)
			continue;
		for (int64_t k = g->off[u]; k < g->off[u + 1]; k++) {
			int32_t w = g->adj[k].nbr;
			if (dist[w])
				continue;
			dist[w] = dist[u] + 1;
			if (ivec_push(&queue, w))
				goto cleanup;
		}
	}
	out->reachable = (int32_t)queue.n;
	/* ring by ring, expanding only what was kept */
	out->nodes[0] = centre;
	out->hops[0] = 0;
	out->n_nodes = 1;
	loc[centre] = 1;
	int32_t ring_start = 0;
	for (int h = 1; h <= hops && out->n_nodes < max_nodes; h++) {
		int32_t ring_end = out->n_nodes;
		n_cand = 0;
		for (int32_t i = ring_start; i < ring_end; i++) {
			int32_t u = out->nodes[i];
			for (int64_t k = g->off[u]; k < g->off[u + 1]; k++) {
				int32_t w = g->adj[k].nbr;
				if (dist[w] != h + 1 || loc[w] != 0)
					continue;
				loc[w] = -1;
				if (n_cand == cap_cand) {
					size_t c2 = cap_cand ? cap_cand * 2 : 64;
					struct rank_ctx *t = realloc(cand, c2 * sizeof(*t));
					if (!t)
						goto cleanup;
					cand = t;
					cap_cand = c2;
				}
				cand[n_cand++] = (struct rank_ctx){w, g->deg[w]};
			}
		}
		if (n_cand)
			qsort(cand, n_cand, sizeof(*cand), cmp_rank);
		for (size_t i = 0; i < n_cand && out->n_nodes < max_nodes; i++) {
			loc[cand[i].node] = out->n_nodes + 1;
			out->hops[out->n_nodes] = (int8_t)h;
			out->nodes[out->n_nodes++] = cand[i].node;
		}
		ring_start = ring_end;
	}
	out->truncated = out->reachable > out->n_nodes;
	rc = sub_links(g, out, loc);
cleanup:
	free(dist);
	free(loc);
	free(queue.v);
	free(cand);
	if (rc)
		graph_sub_release(out);
	return rc;
}

int graph_sub_of(const struct graph *g, const int32_t *nodes, int32_t n, struct graph_sub *out)
{
	int rc = GRAPH_EINVAL;
	memset(out, 0, sizeof(*out));
	if (n < 0 || n > GRAPH_SUB_MAX_NODES || (n && !nodes))
		return GRAPH_EINVAL;
	int32_t *loc = xcalloc((size_t)g->n, sizeof(int32_t));
	out->nodes = xmalloc_n((size_t)n, sizeof(int32_t));
	out->hops = xcalloc((size_t)n, sizeof(int8_t));
	if (!loc || !out->nodes || !out->hops) {
		rc = GRAPH_ENOMEM;
		goto cleanup;
	}
	for (int32_t i = 0; i < n; i++) {
		if (nodes[i] < 0 || nodes[i] >= g->n || loc[nodes[i]])
			goto cleanup;
		loc[nodes[i]] = i + 1;
		out->nodes[i] = nodes[i];
	}
	out->n_nodes = n;
	out->reachable = n;
	rc = sub_links(g, out, loc);
cleanup:
	free(loc);
	if (rc)
		graph_sub_release(out);
	return rc;
}

void graph_sub_release(struct graph_sub *s)
{
	free(s->nodes);
	free(s->hops);
	free(s->links);
	free(s->la);
	free(s->lb);
	memset(s, 0, sizeof(*s));
}

int32_t graph_sub_find(const struct graph_sub *s, int32_t node)
{
	for (int32_t i = 0; i < s->n_nodes; i++)
		if (s->nodes[i] == node)
			return i;
	return -1;
}

int graph_layout(const struct graph *g, const struct graph_sub *s, uint64_t seed, double *xy)
{
	(void)g;
	int32_t n = s->n_nodes;
	igraph_vector_int_t edges;
	igraph_matrix_t pos;
	igraph_t sg;
	bool e_init = false, p_init = false, g_init = false;
	int rc;
	if (n == 0)
		return GRAPH_OK;
	if (n == 1) {
		xy[0] = xy[1] = 0.5;
		return GRAPH_OK;
	}
	ig_enter();
	if ((rc = ig_rc(igraph_vector_int_init(&edges, 0))))
		goto cleanup;
	e_init = true;
	for (int32_t i = 0; i < s->n_links; i++) {
		if ((rc = ig_rc(igraph_vector_int_push_back(&edges, s->la[i]))) ||
		    (rc = ig_rc(igraph_vector_int_push_back(&edges, s->lb[i]))))
			goto cleanup;
	}
	if ((rc = ig_rc(igraph_create(&sg, &edges, n, IGRAPH_UNDIRECTED))))
		goto cleanup;
	g_init = true;
	if ((rc = ig_rc(igraph_matrix_init(&pos, n, 2))))
		goto cleanup;
	p_init = true;
	igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
	rc = ig_rc(igraph_layout_fruchterman_reingold(&sg, &pos, false, 500, sqrt((double)n) / 10.0,
	                                              IGRAPH_LAYOUT_NOGRID, NULL, NULL, NULL, NULL,
	                                              NULL));
	if (rc)
		goto cleanup;
	double minx = MATRIX(pos, 0, 0), maxx = minx, miny = MATRIX(pos, 0, 1), maxy = miny;
	for (int32_t i = 1; i < n; i++) {
		double x = MATRIX(pos, i, 0), y = MATRIX(pos, i, 1);
		minx = x < minx ? x : minx;
		maxx = x > maxx ? x : maxx;
		miny = y < miny ? y : miny;
		maxy = y > maxy ? y : maxy;
	}
	/* one scale for both axes keeps the shape; centre the shorter side */
	double span = fmax(maxx - minx, maxy - miny);
	for (int32_t i = 0; i < n; i++) {
		double x = MATRIX(pos, i, 0), y = MATRIX(pos, i, 1);
		xy[2 * i] = span > 0 ? (x - minx + (span - (maxx - minx)) / 2) / span : 0.5;
		xy[2 * i + 1] = span > 0 ? (y - miny + (span - (maxy - miny)) / 2) / span : 0.5;
		if (!isfinite(xy[2 * i]) || !isfinite(xy[2 * i + 1]))
			xy[2 * i] = xy[2 * i + 1] = 0.5;
	}
cleanup:
	if (p_init)
		igraph_matrix_destroy(&pos);
	if (g_init)
		igraph_destroy(&sg);
	if (e_init)
		igraph_vector_int_destroy(&edges);
	ig_leave();
	return rc;
}

/* ---- R-CAT-7 ---- */

bool graph_cat7_is_target(const struct graph *g, int32_t v)
{
	if (v < 0 || v >= g->n)
		return false;
	const struct graph_node_in *x = &g->nodes[v];
	return (x->type == GRAPH_CHILD && x->category >= 2) ||
	       (x->type == GRAPH_POC && x->has_order);
}

bool graph_cat7_is_low(const struct graph *g, int32_t v)
{
	if (v < 0 || v >= g->n)
		return false;
	return g->nodes[v].type == GRAPH_CHILD && g->nodes[v].category <= 1;
}

static int cmp_cat7(const void *a, const void *b)
{
	const struct graph_cat7_item *x = a, *y = b;
	if (x->hops != y->hops)
		return (x->hops > y->hops) - (x->hops < y->hops);
	return (x->child > y->child) - (x->child < y->child);
}

struct cat7_build {
	struct graph_cat7_item *items;
	size_t n, cap;
	struct ivec nodes, links;
};

static int cat7_item(struct cat7_build *b, int32_t child, int32_t hops)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct graph_cat7_item *t = realloc(b->items, cap * sizeof(*t));
		if (!t)
			return GRAPH_ENOMEM;
		b->items = t;
		b->cap = cap;
	}
	b->items[b->n++] =
	        (struct graph_cat7_item){child, -1, hops, (int32_t)b->nodes.n, (int32_t)b->links.n};
	return GRAPH_OK;
}

static void cat7_done(struct cat7_build *b, struct graph_cat7 *out)
{
	if (b->n)
		qsort(b->items, b->n, sizeof(*b->items), cmp_cat7);
	out->count = (int32_t)b->n;
	out->items = b->items;
	out->path_nodes = b->nodes.v;
	out->path_links = b->links.v;
	memset(b, 0, sizeof(*b));
}

static void cat7_free(struct cat7_build *b)
{
	free(b->items);
	free(b->nodes.v);
	free(b->links.v);
}

int graph_cat7_all(const struct graph *g, const struct graph_cat7_opts *opts,
                   struct graph_cat7 *out)
{
	int32_t max_hops = opts && opts->max_hops > 0 ? opts->max_hops : INT32_MAX;
	struct cat7_build b = {0};
	struct ivec queue = {0};
	int rc = GRAPH_ENOMEM;
	memset(out, 0, sizeof(*out));
	int32_t *dist = xmalloc_n((size_t)g->n, sizeof(int32_t));
	int32_t *next = xmalloc_n((size_t)g->n, sizeof(int32_t)); /* -2 unknown */
	int32_t *next_link = xmalloc_n((size_t)g->n, sizeof(int32_t));
	if (!dist || !next || !next_link)
		goto cleanup;
	for (int32_t v = 0; v < g->n; v++) {
		dist[v] = -1;
		next[v] = -2;
		if (graph_cat7_is_target(g, v)) {
			dist[v] = 0;
			if (ivec_push(&queue, v))
				goto cleanup;
		}
	}
	for (size_t qi = 0; qi < queue.n; qi++) {
		int32_t u = queue.v[qi];
		if (dist[u] >= max_hops)
			continue;
		for (int64_t k = g->off[u]; k < g->off[u + 1]; k++) {
			int32_t w = g->adj[k].nbr;
			if (dist[w] >= 0)
				continue;
			dist[w] = dist[u] + 1;
			if (ivec_push(&queue, w))
				goto cleanup;
		}
	}
	for (int32_t c = 0; c < g->n; c++) {
		if (!graph_cat7_is_low(g, c) || dist[c] <= 0)
			continue;
		if (cat7_item(&b, c, dist[c]) || ivec_push(&b.nodes, c))
			goto cleanup;
		int32_t v = c;
		while (dist[v] > 0) {
			if (next[v] == -2) {
				for (int64_t k = g->off[v]; k < g->off[v + 1]; k++)
					if (dist[g->adj[k].nbr] == dist[v] - 1) {
						next[v] = g->adj[k].nbr;
						next_link[v] = g->adj[k].link;
						break;
					}
			}
			assert(next[v] >= 0);
			if (ivec_push(&b.links, next_link[v]) || ivec_push(&b.nodes, next[v]))
				goto cleanup;
			v = next[v];
		}
		b.items[b.n - 1].target = v;
	}
	cat7_done(&b, out);
	rc = GRAPH_OK;
cleanup:
	cat7_free(&b);
	free(queue.v);
	free(dist);
	free(next);
	free(next_link);
	return rc;
}

int graph_cat7_child(const struct graph *g, int32_t child, const struct graph_cat7_opts *opts,
                     struct graph_cat7 *out)
{
	int32_t max_hops = opts && opts->max_hops > 0 ? opts->max_hops : INT32_MAX;
	struct cat7_build b = {0};
	struct ivec queue = {0};
	int rc = GRAPH_ENOMEM;
	memset(out, 0, sizeof(*out));
	if (!graph_cat7_is_low(g, child))
		return GRAPH_OK;
	int32_t *depth = xcalloc((size_t)g->n, sizeof(int32_t)); /* depth + 1, 0 unseen */
	uint8_t *good = xcalloc((size_t)g->n, 1);
	if (!depth || !good || ivec_push(&queue, child))
		goto cleanup;
	depth[child] = 1;
	/* layer by layer until a layer holds a target */
	int32_t d = -1;
	size_t layer_start = 0;
	for (int32_t i = 0; layer_start < queue.n; i++) {
		size_t layer_end = queue.n;
		for (size_t q = layer_start; q < layer_end && i > 0; q++)
			if (graph_cat7_is_target(g, queue.v[q])) {
				good[queue.v[q]] = 1;
				d = i;
			}
		if (d >= 0 || i >= max_hops)
			break;
		for (size_t q = layer_start; q < layer_end; q++) {
			int32_t u = queue.v[q];
			for (int64_t k = g->off[u]; k < g->off[u + 1]; k++) {
				int32_t w = g->adj[k].nbr;
				if (depth[w])
					continue;
				depth[w] = i + 2;
				if (ivec_push(&queue, w))
					goto cleanup;
			}
		}
		layer_start = layer_end;
	}
	if (d < 0) {
		rc = GRAPH_OK;
		goto cleanup;
	}
	/* nodes on some shortest path: walk the layers back from the targets */
	for (size_t q = layer_start; q-- > 0;) {
		int32_t u = queue.v[q];
		for (int64_t k = g->off[u]; k < g->off[u + 1] && !good[u]; k++) {
			int32_t w = g->adj[k].nbr;
			if (depth[w] == depth[u] + 1 && good[w])
				good[u] = 1;
		}
	}
	if (cat7_item(&b, child, d) || ivec_push(&b.nodes, child))
		goto cleanup;
	int32_t v = child;
	for (int32_t step = 0; step < d; step++) {
		int64_t k = g->off[v];
		while (k < g->off[v + 1] &&
		       !(depth[g->adj[k].nbr] == depth[v] + 1 && good[g->adj[k].nbr]))
			k++;
		assert(k < g->off[v + 1]);
		if (ivec_push(&b.links, g->adj[k].link) || ivec_push(&b.nodes, g->adj[k].nbr))
			goto cleanup;
		v = g->adj[k].nbr;
	}
	b.items[0].target = v;
	cat7_done(&b, out);
	rc = GRAPH_OK;
cleanup:
	cat7_free(&b);
	free(queue.v);
	free(depth);
	free(good);
	return rc;
}

void graph_cat7_release(struct graph_cat7 *r)
{
	free(r->items);
	free(r->path_nodes);
	free(r->path_links);
	memset(r, 0, sizeof(*r));
}
