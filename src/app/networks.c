/*
 * networks.c: the read-only network use cases (see networks.h). Each reads the links
 * the viewer sees (store/networks.h), builds a graph of them alone (link/graph.h) and
 * answers from it: a neighbourhood, components, key people, communities, serial
 * persons of concern, hotspots, children missing together, and the R-CAT-7 paths.
 * R-CAT-7 and R-MASE-9 are decided by graph_cat7_*: a child in category 1 or with no
 * category linked, however far, to a child in category 2 or 3 or to a person of
 * concern with an order in force.
 */
#include "app/networks.h"

#include <stdlib.h>
#include <string.h>

#include "app/concern.h"
#include "app/episode_common.h"
#include "protocol/access.h"
#include "link/graph.h"
#include "report/netexport.h"
#include "report/netsvg.h"
#include "store/networks.h"
#include "store/users.h"
#include "util/buf.h"

#define NET_LINKS_MAX 200000
#define NET_PAGE_NODES 150
#define NET_LIST_MAX 50
#define NET_BFS_NODES 20000

/* The graph of what the viewer sees, with each node's facts (store_network_node). */
struct net {
	json_t *index; /* id -> node index */
	json_t *meta;  /* [node] -> {type, id, label, category, borough, record, order...} */
	json_t *facts; /* id -> store_network_nodes_linked's row, when read in bulk; or NULL */
	struct graph *g;
	struct graph *together; /* g with the missing_with links, when any were added */
};

static void net_release(struct net *n)
{
	json_decref(n->index);
	json_decref(n->meta);
	json_decref(n->facts);
	graph_free(n->g);
	graph_free(n->together);
	memset(n, 0, sizeof *n);
}

/* The filters of networks.h, into f (dates as UTC seconds). */
static int filters_read(struct uc *u, json_t *in, struct graph_filter *f)
{
	memset(f, 0, sizeof *f);
	if (!in)
		return APP_OK;
	json_t *k = json_object_get(in, "kinds");
	if (json_is_string(k) && json_string_length(k) > 400)
		app_field_error(u->err, "kinds", "Give at most the eight kinds of link.");
	else if (json_is_string(k) || json_is_array(k)) {
		char buf[420] = "";
		if (json_is_string(k))
			snprintf(buf, sizeof buf, "%s", json_string_value(k));
		size_t n = json_is_array(k) ? json_array_size(k) : 1;
		for (size_t i = 0; i < n && i < 16; i++) {
			char *save = NULL, *tok;
			char one[64] = "";
			if (json_is_array(k)) {
				const char *s = json_string_value(json_array_get(k, i));
				snprintf(one, sizeof one, "%s", s ? s : "?");
			}
			char *text = json_is_array(k) ? one : buf;
			for (tok = strtok_r(text, ", ", &save); tok;
			     tok = strtok_r(NULL, ", ", &save)) {
				int kind = graph_kind_parse(tok);
				if (kind < 0 || kind >= GRAPH_MISSING_WITH) {
					app_field_error(
					        u->err, "kinds",
					        "Choose kinds of link from associate, seen_with, "
					        "found_at, uses, registered_keeper, member_of, "
					        "visited and transported.");
					break;
				}
				f->kinds |= GRAPH_KIND_BIT(kind);
			}
		}
		if (f->kinds)
			f->kinds |= GRAPH_KIND_BIT(GRAPH_EPISODE_OF);
	} else if (k && !json_is_null(k))
		app_field_error(u->err, "kinds", "Give the kinds of link as a list.");
	char d[11];
	bool present = false;
	if (app_json_date(in, "from", false, u->err, d, &present) == APP_OK && present) {
		struct lt_date ld;
		if (ltime_parse_date(d, &ld) == 0)
			f->from = ltime_days(ld) * 86400;
	}
	present = false;
	if (app_json_date(in, "to", false, u->err, d, &present) == APP_OK && present) {
		struct lt_date ld;
		if (ltime_parse_date(d, &ld) == 0)
			f->to = ltime_days(ld) * 86400 + 86399;
	}
	if (f->from && f->to && f->to < f->from)
		app_field_error(u->err, "to",
		                "The end of the window must not be before its start.");
	f->facts_only = app_json_bool(in, "facts_only", false, u->err);
	return u->err->code ? APP_INVALID : APP_OK;
}

/* A date column as UTC seconds at the start (or end) of the day; 0 when open. */
static int64_t day_of(json_t *v, bool end)
{
	struct lt_date d;
	const char *s = json_string_value(v);
	if (!s || ltime_parse_date(s, &d) != 0)
		return 0;
	return ltime_days(d) * 86400 + (end ? 86399 : 0);
}

/* The node index of entity (type, id), adding it when new. -1 on failure. */
static int32_t node_of(struct uc *u, struct net *n, const struct store_concern_viewer *cv,
                       const char *type, const char *id)
{
	json_t *have = json_object_get(n->index, id);
	if (have)
		return (int32_t)json_integer_value(have);
	int rc = DB_OK;
	json_t *m = n->facts ? json_deep_copy(json_object_get(n->facts, id)) : NULL;
	if (!m)
		m = store_network_node(u->db, cv, type, id, &rc);
	if (!m) {
		uc_db(u, rc == DB_DONE ? DB_E_ERROR : rc);
		return -1;
	}
	json_object_set_new(m, "type", json_string(type));
	json_object_set_new(m, "id", json_string(id));
	int32_t at = (int32_t)json_array_size(n->meta);
	json_array_append_new(n->meta, m);
	json_object_set_new(n->index, id, json_integer(at));
	return at;
}

static const char *mstr(json_t *m, const char *k)
{
	return json_string_value(json_object_get(m, k));
}

static bool mtrue(json_t *m, const char *k)
{
	json_t *v = json_object_get(m, k);
	return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

/* A node's or a link's place in the canonical order. */
struct net_key {
	const char *id;
	int32_t at;
	const struct graph_link_in *l; /* links only */
	const char *a_id, *b_id;       /* links only: the ends' ids */
};

static int node_key_cmp(const void *pa, const void *pb)
{
	const struct net_key *a = pa, *b = pb;
	return strcmp(a->id, b->id);
}

/* Links with an id (every stored link) by id; those without (a missing episode's link to
 * its child, two children missing together) after them, by kind and their ends' ids. */
static int link_key_cmp(const void *pa, const void *pb)
{
	const struct net_key *a = pa, *b = pb;
	if (a->id && b->id)
		return strcmp(a->id, b->id);
	if (a->id || b->id)
		return a->id ? -1 : 1;
	if (a->l->kind != b->l->kind)
		return a->l->kind < b->l->kind ? -1 : 1;
	int c = strcmp(a->a_id, b->a_id);
	return c ? c : strcmp(a->b_id, b->b_id);
}

/*
 * Puts the nodes of n (and the k links' ends) in the order of their ids, and the links in
 * the order of theirs, so that a graph's node and link numbers, on which every tie is
 * broken (R-CAT-7's path among shortest ones, the nearest nodes of a page), do not depend
 * on the order things were read in: a network read from one child's links outwards
 * numbers its nodes in the same relative order as the whole partnership's network, and
 * so gives the same answers about them.
 */
static int net_canonical(struct uc *u, struct net *n, struct graph_link_in *links, int64_t k)
{
	size_t nn = json_array_size(n->meta);
	struct net_key *keys = calloc(nn + 1, sizeof *keys);
	int32_t *pos = calloc(nn + 1, sizeof *pos);
	struct net_key *lk = calloc((size_t)k + 1, sizeof *lk);
	struct graph_link_in *sorted = calloc((size_t)k + 1, sizeof *sorted);
	json_t *meta = json_array(), *index = json_object();
	int rc = keys && pos && lk && sorted && meta && index
	                 ? APP_OK
	                 : app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	for (size_t i = 0; rc == APP_OK && i < nn; i++)
		keys[i] = (struct net_key){.id = mstr(json_array_get(n->meta, i), "id"),
		                           .at = (int32_t)i};
	if (rc == APP_OK) {
		qsort(keys, nn, sizeof *keys, node_key_cmp);
		for (size_t i = 0; i < nn; i++) {
			pos[keys[i].at] = (int32_t)i;
			json_array_append(meta, json_array_get(n->meta, (size_t)keys[i].at));
			json_object_set_new(index, keys[i].id, json_integer((json_int_t)i));
		}
		for (int64_t i = 0; i < k; i++) {
			links[i].a = pos[links[i].a];
			links[i].b = pos[links[i].b];
			lk[i] = (struct net_key){
			        .id = links[i].id,
			        .l = &links[i],
			        .a_id = mstr(json_array_get(meta, (size_t)links[i].a), "id"),
			        .b_id = mstr(json_array_get(meta, (size_t)links[i].b), "id")};
		}
		qsort(lk, (size_t)k, sizeof *lk, link_key_cmp);
		for (int64_t i = 0; i < k; i++)
			sorted[i] = *lk[i].l;
		memcpy(links, sorted, (size_t)k * sizeof *links);
		json_decref(n->meta);
		json_decref(n->index);
		n->meta = meta;
		n->index = index;
		meta = index = NULL;
	}
	json_decref(meta);
	json_decref(index);
	free(keys);
	free(pos);
	free(lk);
	free(sorted);
	return rc;
}

/*
 * Builds the graph of every current link the viewer sees (both ends seen), with the
 * entity `root` (already gated; NULL for none) as a node even when it has no link, and
 * an episode_of link from each missing episode to its child.
 */
static int net_from_rows(struct uc *u, const struct store_concern_viewer *cvp, const char *root,
                         json_t *rows, const struct graph_filter *f, struct net *n)
{
	struct store_concern_viewer cv = *cvp;
	size_t nl = json_array_size(rows);
	struct graph_link_in *links = calloc(nl + 1, sizeof *links);
	int rc = links ? APP_OK : app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	int64_t k = 0;
	json_t *episode_done = json_object();
	if (rc == APP_OK && root) {
		int e = concern_end_of(root);
		if (node_of(u, n, &cv, people_end_code((enum people_end)e), root) < 0)
			rc = u->err->code ? u->err->code : APP_FAILED;
	}
	for (size_t i = 0; rc == APP_OK && i < nl; i++) {
		json_t *r = json_array_get(rows, i);
		int32_t a = node_of(u, n, &cv, mstr(r, "from_type"), mstr(r, "from_id"));
		int32_t b = a < 0 ? -1 : node_of(u, n, &cv, mstr(r, "to_type"), mstr(r, "to_id"));
		int kind = graph_kind_parse(mstr(r, "kind"));
		if (a < 0 || b < 0) {
			rc = u->err->code ? u->err->code : APP_FAILED;
			break;
		}
		if (kind < 0 || a == b)
			continue;
		links[k] = (struct graph_link_in){
		        .id = mstr(r, "id"),
		        .a = a,
		        .b = b,
		        .kind = (enum graph_kind)kind,
		        .start = day_of(json_object_get(r, "from_date"), false),
		        .end = day_of(json_object_get(r, "to_date"), true),
		        .intelligence = strcmp(mstr(r, "nature") ?: "", "intelligence") == 0,
		        .restricted = mtrue(r, "restricted")};
		if (links[k].end && links[k].start && links[k].end < links[k].start)
			links[k].end = 0;
		k++;
	}
	/* each episode joined to its child (structural): room for one link per node */
	if (rc == APP_OK) {
		struct graph_link_in *more =
		        realloc(links, (nl + 2 * json_array_size(n->meta) + 1) * sizeof *links);
		if (!more)
			rc = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
		else
			links = more;
	}
	for (size_t i = 0; rc == APP_OK && i < json_array_size(n->meta); i++) {
		json_t *m = json_array_get(n->meta, i);
		if (strcmp(mstr(m, "type"), "episode") != 0 ||
		    json_object_get(episode_done, mstr(m, "id")))
			continue;
		const char *child = mstr(m, "child");
		int32_t c = child ? node_of(u, n, &cv, "child", child) : -1;
		if (c < 0) {
			rc = u->err->code ? u->err->code : APP_FAILED;
			break;
		}
		json_object_set_new(episode_done, mstr(m, "id"), json_true());
		links[k++] =
		        (struct graph_link_in){.a = (int32_t)i, .b = c, .kind = GRAPH_EPISODE_OF};
	}
	json_decref(episode_done);
	if (rc == APP_OK)
		rc = net_canonical(u, n, links, k);
	size_t nn = json_array_size(n->meta);
	struct graph_node_in *nodes = calloc(nn + 1, sizeof *nodes);
	if (rc == APP_OK && !nodes)
		rc = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	for (size_t i = 0; rc == APP_OK && i < nn; i++) {
		json_t *m = json_array_get(n->meta, i);
		int t = graph_type_parse(strcmp(mstr(m, "type"), "person") == 0 ? "poc"
		                                                                : mstr(m, "type"));
		json_int_t cat = json_integer_value(json_object_get(m, "category"));
		nodes[i] = (struct graph_node_in){
		        .id = mstr(m, "id"),
		        .type = (enum graph_type)(t < 0 ? 0 : t),
		        .category = t == GRAPH_CHILD && cat >= 1 && cat <= 3 ? (int)cat : 0,
		        .has_order = t == GRAPH_POC && mtrue(m, "order"),
		        .label = mstr(m, "label")};
	}
	struct graph_err ge;
	/* links between children who went missing together (R-MISS-10, when added) join
	 * them in a graph of their own (n->together), so that they neither merge the
	 * networks nor count in them */
	bool together = false;
	for (int64_t i = 0; i < k; i++)
		together |= links[i].kind == GRAPH_MISSING_WITH;
	struct graph_filter main_f = f ? *f : (struct graph_filter){0};
	if (together) {
		if (!main_f.kinds)
			main_f.kinds = (1u << GRAPH_KIND_COUNT) - 1;
		main_f.kinds &= ~GRAPH_KIND_BIT(GRAPH_MISSING_WITH);
		struct graph_filter tf = f ? *f : (struct graph_filter){0};
		if (tf.kinds)
			tf.kinds |= GRAPH_KIND_BIT(GRAPH_MISSING_WITH);
		if (rc == APP_OK &&
		    graph_build(nodes, (int32_t)nn, links, k, &tf, &n->together, &ge) != GRAPH_OK)
			rc = app_fail(u->err, APP_FAILED, NULL, "The network could not be built.");
	}
	if (rc == APP_OK) {
		int grc = graph_build(nodes, (int32_t)nn, links, k, &main_f, &n->g, &ge);
		if (grc != GRAPH_OK)
			rc = app_fail(u->err, APP_FAILED, NULL,
			              "The network could not be built (%s %s).",
			              ge.what ? ge.what : "graph", ge.field ? ge.field : "");
	}
	free(nodes);
	free(links);
	if (rc != APP_OK)
		net_release(n);
	return rc;
}

static void net_init(struct net *n)
{
	memset(n, 0, sizeof *n);
	n->index = json_object();
	n->meta = json_array();
}

/*
 * R-MISS-10: a missing_with row between each child of `rows` (a child end, or an
 * episode's child) and each child the viewer sees who went missing with them
 * (co_missing: the protocol decides each pair), appended to rows, each pair once.
 */
static int together_rows(struct uc *u, json_t *rows)
{
	json_t *kids = json_object(), *pairs = json_object();
	size_t i, j;
	json_t *r, *c;
	json_array_foreach(rows, i, r)
	{
		const char *ends[] = {mstr(r, "from_child_id"), mstr(r, "to_child_id")};
		for (int e = 0; e < 2; e++)
			if (ends[e])
				json_object_set_new(kids, ends[e], json_true());
	}
	int rc = APP_OK, src = DB_OK;
	/* only a child who has gone missing can have gone missing with another */
	json_t *missing = store_network_missing_children(u->db, &src), *ever = json_object();
	if (!missing)
		rc = uc_db(u, src);
	json_array_foreach(missing, i, r)
	{
		if (mstr(r, "id"))
			json_object_set_new(ever, mstr(r, "id"), json_true());
	}
	json_decref(missing);
	const char *kid;
	json_t *v;
	json_object_foreach(kids, kid, v)
	{
		if (rc != APP_OK)
			break;
		if (!json_object_get(ever, kid))
			continue;
		json_t *co = co_missing(u, kid, 0, 0, NULL); /* every pair: no page */
		if (!co) {
			rc = u->err->code ? u->err->code : APP_FAILED;
			break;
		}
		json_array_foreach(co, j, c)
		{
			const char *other = mstr(c, "child_id");
			if (!other || strcmp(other, kid) == 0)
				continue;
			char key[80];
			bool lt = strcmp(kid, other) < 0;
			snprintf(key, sizeof key, "%s|%s", lt ? kid : other, lt ? other : kid);
			if (json_object_get(pairs, key))
				continue;
			json_object_set_new(pairs, key, json_true());
			json_array_append_new(
			        rows,
			        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "kind",
			                  "missing_with", "from_type", "child", "from_id", kid,
			                  "from_child_id", kid, "to_type", "child", "to_id", other,
			                  "to_child_id", other, "nature", "fact", "restricted", 0));
		}
		json_decref(co);
	}
	json_decref(kids);
	json_decref(pairs);
	json_decref(ever);
	return rc;
}

/* The graph of every current link the viewer sees (for the partnership's networks, the
 * linked cases and a whole export), with the children who went missing together joined
 * when `together` (R-MISS-10). */
static int net_build(struct uc *u, const char *root, const struct graph_filter *f, struct net *n,
                     bool together)
{
	net_init(n);
	struct store_concern_viewer cv;
	concern_viewer(u, &cv);
	int src = DB_OK;
	json_t *rows = store_network_links(u->db, &cv, NET_LINKS_MAX, &src);
	int rc = rows ? APP_OK : uc_db(u, src);
	/* the facts of every linked thing in one query per type, not one per node */
	static const char *const types[] = {"child",   "person", "place",
	                                    "vehicle", "phone",  "episode"};
	n->facts = json_object();
	for (size_t t = 0; rc == APP_OK && t < ARRAY_LEN(types); t++) {
		json_t *all = store_network_nodes_linked(u->db, &cv, types[t], &src);
		if (!all) {
			rc = uc_db(u, src);
			break;
		}
		size_t i;
		json_t *r;
		json_array_foreach(all, i, r)
		{
			const char *id = mstr(r, "id");
			if (id)
				json_object_set(n->facts, id, r);
		}
		json_decref(all);
	}
	if (rc == APP_OK && together)
		rc = together_rows(u, rows);
	if (rc == APP_OK)
		rc = net_from_rows(u, &cv, root, rows, f, n);
	json_decref(rows);
	if (rc != APP_OK)
		net_release(n);
	return rc;
}

/*
 * The graph of the network of entity `root` (already gated) as the viewer sees it: its
 * links, then theirs, breadth first, until the whole connected network is read or
 * NET_BFS_NODES nodes are reached (then *partial). A child's missing episodes that are
 * linked to something are reached through the child, and an episode's child through the
 * episode. Reading only the root's network keeps a record page's R-CAT-7 flag cheap
 * however large the partnership.
 */
static int net_component(struct uc *u, const char *root, const struct graph_filter *f,
                         struct net *n, bool *partial)
{
	net_init(n);
	*partial = false;
	struct store_concern_viewer cv;
	concern_viewer(u, &cv);
	json_t *rows = json_array(), *seen = json_object();
	int rc = APP_OK;
	int e = concern_end_of(root);
	if (node_of(u, n, &cv, people_end_code((enum people_end)e), root) < 0)
		rc = u->err->code ? u->err->code : APP_FAILED;
	for (size_t q = 0; rc == APP_OK && q < json_array_size(n->meta); q++) {
		if (json_array_size(n->meta) >= NET_BFS_NODES) {
			*partial = true;
			break;
		}
		json_t *m = json_array_get(n->meta, q);
		const char *id = mstr(m, "id"), *type = mstr(m, "type");
		int src = DB_OK;
		json_t *got = store_network_links_of(u->db, &cv, id, NET_LINKS_MAX, &src);
		if (!got) {
			rc = uc_db(u, src);
			break;
		}
		size_t i;
		json_t *r;
		json_array_foreach(got, i, r)
		{
			const char *lid = mstr(r, "id");
			if (rc != APP_OK || json_object_get(seen, lid))
				continue;
			json_object_set_new(seen, lid, json_true());
			json_array_append(rows, r);
			bool from_me = strcmp(mstr(r, "from_id"), id) == 0;
			if (node_of(u, n, &cv, mstr(r, from_me ? "to_type" : "from_type"),
			            mstr(r, from_me ? "to_id" : "from_id")) < 0)
				rc = u->err->code ? u->err->code : APP_FAILED;
		}
		json_decref(got);
		if (rc == APP_OK && strcmp(type, "child") == 0) {
			json_t *eps = store_network_episodes_of(u->db, id, &src);
			if (!eps)
				rc = uc_db(u, src);
			json_array_foreach(eps, i, r)
			{
				if (rc == APP_OK &&
				    node_of(u, n, &cv, "episode", mstr(r, "id")) < 0)
					rc = u->err->code ? u->err->code : APP_FAILED;
			}
			json_decref(eps);
		} else if (rc == APP_OK && strcmp(type, "episode") == 0 && mstr(m, "child")) {
			if (node_of(u, n, &cv, "child", mstr(m, "child")) < 0)
				rc = u->err->code ? u->err->code : APP_FAILED;
		}
	}
	json_decref(seen);
	if (rc == APP_OK)
		rc = net_from_rows(u, &cv, root, rows, f, n);
	json_decref(rows);
	if (rc != APP_OK)
		net_release(n);
	return rc;
}

/* Reads into n->facts the facts of the entities of `pending` ({id: type}) that n has
 * neither as a node nor as facts, a batch of each type at a time. */
static int facts_of(struct uc *u, const struct store_concern_viewer *cv, struct net *n,
                    json_t *pending)
{
	static const char *const types[] = {"child",   "person", "place",
	                                    "vehicle", "phone",  "episode"};
	int rc = APP_OK;
	for (size_t t = 0; rc == APP_OK && t < ARRAY_LEN(types); t++) {
		const char *ids[STORE_NET_BATCH];
		size_t k = 0;
		const char *id;
		json_t *v;
		void *iter = json_object_iter(pending);
		while (rc == APP_OK && (iter || k)) {
			if (iter) {
				id = json_object_iter_key(iter);
				v = json_object_iter_value(iter);
				iter = json_object_iter_next(pending, iter);
				if (strcmp(json_string_value(v), types[t]) != 0 ||
				    json_object_get(n->index, id) || json_object_get(n->facts, id))
					continue;
				ids[k++] = id;
				if (k < STORE_NET_BATCH && iter)
					continue;
			}
			int src = DB_OK;
			json_t *got = store_network_nodes_of(u->db, cv, types[t], ids, k, &src);
			if (!got) {
				rc = uc_db(u, src);
				break;
			}
			size_t i;
			json_t *r;
			json_array_foreach(got, i, r)
			{
				if (mstr(r, "id"))
					json_object_set(n->facts, mstr(r, "id"), r);
			}
			json_decref(got);
			k = 0;
		}
	}
	return rc;
}

/* Adds each entity of `pending` ({id: type}) to n as a node (its facts read in bulk). */
static int add_pending(struct uc *u, const struct store_concern_viewer *cv, struct net *n,
                       json_t *pending)
{
	int rc = facts_of(u, cv, n, pending);
	const char *id;
	json_t *v;
	json_object_foreach(pending, id, v)
	{
		if (rc == APP_OK && node_of(u, n, cv, json_string_value(v), id) < 0)
			rc = u->err->code ? u->err->code : APP_FAILED;
	}
	json_object_clear(pending);
	return rc;
}

/*
 * The graph of the networks of the children `roots` (ids, already known to the viewer's
 * reads) as the viewer sees them: the same as net_component's for each root, read for
 * all of them at once, a ring of STORE_NET_BATCH entities a query, until every network
 * is read or NET_BFS_NODES nodes are reached (then *partial). The graph holds whole
 * networks only (every link of every node read is followed, whatever the filters), so
 * what it answers about a node is what the partnership's whole network answers.
 */
static int net_components(struct uc *u, json_t *roots, const struct graph_filter *f, struct net *n,
                          bool *partial)
{
	net_init(n);
	n->facts = json_object();
	*partial = false;
	struct store_concern_viewer cv;
	concern_viewer(u, &cv);
	json_t *rows = json_array(), *seen = json_object(), *pending = json_object();
	size_t i;
	json_t *r;
	json_array_foreach(roots, i, r)
	{
		if (mstr(r, "id"))
			json_object_set_new(pending, mstr(r, "id"), json_string("child"));
	}
	int rc = add_pending(u, &cv, n, pending);
	for (size_t q = 0; rc == APP_OK && q < json_array_size(n->meta);) {
		if (json_array_size(n->meta) >= NET_BFS_NODES) {
			*partial = true;
			break;
		}
		const char *ids[STORE_NET_BATCH], *kids[STORE_NET_BATCH];
		size_t nb = 0, nk = 0;
		for (; q < json_array_size(n->meta) && nb < STORE_NET_BATCH; q++) {
			json_t *m = json_array_get(n->meta, q);
			ids[nb++] = mstr(m, "id");
			if (strcmp(mstr(m, "type"), "child") == 0)
				kids[nk++] = mstr(m, "id");
			else if (strcmp(mstr(m, "type"), "episode") == 0 && mstr(m, "child"))
				json_object_set_new(pending, mstr(m, "child"),
				                    json_string("child"));
		}
		int src = DB_OK;
		json_t *got = store_network_links_of_any(u->db, &cv, ids, nb, NET_LINKS_MAX, &src);
		json_t *eps = got && nk ? store_network_episodes_of_any(u->db, kids, nk, &src)
		                        : json_array();
		if (!got || !eps) {
			json_decref(got);
			json_decref(eps);
			rc = uc_db(u, src);
			break;
		}
		json_array_foreach(got, i, r)
		{
			const char *lid = mstr(r, "id");
			if (json_object_get(seen, lid))
				continue;
			json_object_set_new(seen, lid, json_true());
			json_array_append(rows, r);
			json_object_set_new(pending, mstr(r, "from_id"),
			                    json_string(mstr(r, "from_type")));
			json_object_set_new(pending, mstr(r, "to_id"),
			                    json_string(mstr(r, "to_type")));
		}
		json_array_foreach(eps, i, r)
		{
			json_object_set_new(pending, mstr(r, "id"), json_string("episode"));
		}
		json_decref(got);
		json_decref(eps);
		/* what the graph already holds is not added again */
		const char *id;
		json_t *v;
		void *tmp;
		json_object_foreach_safe(pending, tmp, id, v)
		{
			if (json_object_get(n->index, id))
				json_object_del(pending, id);
		}
		rc = add_pending(u, &cv, n, pending);
		if (rc == APP_OK && json_array_size(rows) > NET_LINKS_MAX) {
			*partial = true;
			break;
		}
	}
	json_decref(seen);
	json_decref(pending);
	if (rc == APP_OK)
		rc = net_from_rows(u, &cv, NULL, rows, f, n);
	json_decref(rows);
	if (rc != APP_OK)
		net_release(n);
	return rc;
}

/* {id, type, label} of node v. */
static json_t *node_brief(const struct net *n, int32_t v)
{
	json_t *m = json_array_get(n->meta, (size_t)v);
	return json_pack("{s:s, s:s, s:s*}", "id", mstr(m, "id"), "type", mstr(m, "type"), "label",
	                 mstr(m, "label"));
}

/* A node as the network answers show it. */
static json_t *node_full(const struct net *n, int32_t v)
{
	json_t *m = json_array_get(n->meta, (size_t)v);
	json_t *o = node_brief(n, v);
	json_object_set(o, "category", json_object_get(m, "category"));
	json_object_set_new(o, "order", json_boolean(mtrue(m, "order")));
	json_object_set_new(o, "hotspot", json_boolean(mtrue(m, "hotspot")));
	json_object_set(o, "borough", json_object_get(m, "borough"));
	json_object_set(o, "record", json_object_get(m, "record"));
	return o;
}

/* The answer of app_network_cat7 for item `it` of r (NULL: not flagged). */
static json_t *cat7_json(const struct net *n, int32_t child, const struct graph_cat7 *r,
                         const struct graph_cat7_item *it)
{
	json_t *m = json_array_get(n->meta, (size_t)child);
	json_t *o = json_pack("{s:s, s:O, s:b}", "child_id", mstr(m, "id"), "category",
	                      json_object_get(m, "category"), "flagged", it != NULL);
	json_t *path = json_array(), *kinds = json_array();
	if (it) {
		for (int32_t i = 0; i <= it->hops; i++)
			json_array_append_new(path,
			                      node_brief(n, r->path_nodes[it->first_node + i]));
		for (int32_t i = 0; i < it->hops; i++) {
			const struct graph_link_in *l =
			        graph_link(n->g, r->path_links[it->first_link + i]);
			json_array_append_new(kinds, json_string(graph_kind_code(l->kind)));
		}
		json_object_set_new(o, "hops", json_integer(it->hops));
		json_object_set_new(o, "target", node_full(n, it->target));
	} else {
		json_object_set_new(o, "hops", json_null());
		json_object_set_new(o, "target", json_null());
	}
	json_object_set_new(o, "path", path);
	json_object_set_new(o, "link_kinds", kinds);
	return o;
}

/*
 * Ends a read opened by open_read: rolls the read transaction back, then audits it
 * (`action` on the network of `id`, naming `fields`) in the shared view log, or, when a
 * restricted record was opened with a reason on the way, in a transaction of its own
 * that logs the opening too (R-INFO-3); a refusal noted on the way is audited instead.
 * Returns the final code; on failure *out is dropped.
 */
static int read_end(struct uc *u, int rc, json_t **out, const char *action, const char *id,
                    const char *fields)
{
	if (db_in_tx(u->db))
		db_rollback(u->db);
	if (rc != APP_OK) {
		uc_audit_after(u);
	} else if (u->opening[0]) {
		rc = uc_begin(u);
		if (rc == APP_OK)
			rc = uc_db(u, uc_audit(u, action, "network", id, NULL, fields));
		return uc_end(u, rc, out);
	} else {
		struct actor at = *u->who; /* the use case's clock, as uc_audit */
		at.now = u->now;
		int drc = app_audit_shared(u->db, &at, action, "network", id, NULL, fields);
		rc = drc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, drc);
	}
	if (rc != APP_OK) {
		json_decref(*out);
		*out = NULL;
		if (!u->err->code)
			u->err->code = rc;
	}
	return rc;
}

/* Opens a read: the role, the filters, the read transaction. */
static int open_read(struct uc *u, json_t *in, const char *const *allowed, struct graph_filter *f)
{
	if (in && !json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The request must be a JSON object.");
	int rc = concern_may_read(u, "networks");
	if (rc != APP_OK)
		return rc;
	if (in)
		app_json_only(in, allowed, u->err);
	rc = filters_read(u, in, f);
	if (rc == APP_OK && u->err->code)
		rc = u->err->code;
	if (rc != APP_OK)
		return rc;
	rc = db_begin_read(u->db); /* a view: read beside writers, audited after */
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* Gates entity `id` (any of the six kinds): absent or unseen answers 404, audited. */
static int gate_entity(struct uc *u, const char *id)
{
	int e = concern_end_of(id);
	if (e < 0)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such thing.");
	return concern_gate(u, (enum people_end)e, id, NULL);
}

/* ---- the network of one entity ---- */

static int hops_read(struct uc *u, json_t *in, int *hops)
{
	*hops = 2;
	json_t *h = in ? json_object_get(in, "hops") : NULL;
	if (!h || json_is_null(h))
		return APP_OK;
	if (!json_is_integer(h) || json_integer_value(h) < 1 || json_integer_value(h) > 3) {
		app_field_error(u->err, "hops", "Choose 1, 2 or 3 links from the centre.");
		return APP_INVALID;
	}
	*hops = (int)json_integer_value(h);
	return APP_OK;
}

/* The picture and its table, into o. */
static int picture(struct uc *u, const struct net *n, const struct graph_sub *s, json_t *o)
{
	struct buf b = BUF_INIT(NETSVG_MAX_BYTES + 4096);
	json_t *centre = json_array_get(n->meta, (size_t)s->nodes[0]);
	char title[200];
	snprintf(title, sizeof title, "Network of %s", mstr(centre, "label") ?: "");
	struct netsvg_opts so = {.title = title, .id = "net"};
	if (netsvg_draw(n->g, s, &so, &b) != GRAPH_OK) {
		buf_release(&b);
		return app_fail(u->err, APP_FAILED, NULL, "The network could not be drawn.");
	}
	json_object_set_new(o, "svg", json_stringn(b.data ? b.data : "", b.len));
	buf_release(&b);
	struct netsvg_table t;
	if (netsvg_table(n->g, s, &t) != GRAPH_OK)
		return app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	json_t *rows = json_array(), *lrows = json_array();
	for (int32_t i = 0; i < t.n_nodes; i++) {
		const struct netsvg_node_row *r = &t.nodes[i];
		json_array_append_new(rows,
		                      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i}", "id",
		                                r->id, "type", r->type, "shape", r->shape, "label",
		                                r->label, "category", r->category, "order",
		                                r->order, "hops", r->hops, "links", (int)r->links));
	}
	for (int32_t i = 0; i < t.n_links; i++) {
		const struct netsvg_link_row *r = &t.links[i];
		json_array_append_new(lrows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}",
		                                       "from", r->from, "kind", r->kind, "to",
		                                       r->to, "line", r->line, "start", r->start,
		                                       "end", r->end, "grading", r->grading,
		                                       "restricted", r->restricted));
	}
	netsvg_table_release(&t);
	json_object_set_new(o, "table", json_pack("{s:o, s:o}", "nodes", rows, "links", lrows));
	return APP_OK;
}

int app_network_of(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	static const char *const allowed[] = {"kinds", "from",    "to", "facts_only",
	                                      "hops",  "picture", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct graph_filter f;
	int hops = 2;
	if (in && json_is_object(in))
		hops_read(&u, in, &hops);
	int rc = open_read(&u, in, allowed, &f);
	bool want_picture = in && json_is_true(json_object_get(in, "picture"));
	if (rc == APP_OK)
		rc = gate_entity(&u, id);
	struct net n = {0};
	bool partial = false;
	if (rc == APP_OK)
		rc = net_component(&u, id, &f, &n, &partial);
	struct graph_sub s = {0};
	double *bw = NULL;
	if (rc == APP_OK) {
		int32_t centre = graph_find(n.g, id);
		bw = calloc((size_t)graph_node_count(n.g) + 1, sizeof *bw);
		if (!bw || graph_neighbourhood(n.g, centre, hops, NET_PAGE_NODES, &s) != GRAPH_OK ||
		    graph_betweenness(n.g, NULL, bw, NULL) != GRAPH_OK)
			rc = app_fail(err, APP_FAILED, NULL, "The network could not be read.");
	}
	if (rc == APP_OK) {
		json_t *nodes = json_array(), *edges = json_array();
		for (int32_t i = 0; i < s.n_nodes; i++) {
			int32_t v = s.nodes[i];
			json_t *o = node_full(&n, v);
			json_object_set_new(o, "hops", json_integer(s.hops[i]));
			json_object_set_new(o, "degree", json_integer(graph_degree_of(n.g, v)));
			json_object_set_new(o, "betweenness", json_real(bw[v]));
			json_array_append_new(nodes, o);
		}
		for (int32_t i = 0; i < s.n_links; i++) {
			const struct graph_link_in *l = graph_link(n.g, s.links[i]);
			char d1[LT_DATE_LEN], d2[LT_DATE_LEN];
			netsvg_date(l->start, d1);
			netsvg_date(l->end, d2);
			json_array_append_new(
			        edges,
			        json_pack("{s:s*, s:s, s:s, s:s, s:s, s:b, s:s*, s:s*}", "id",
			                  l->id, "kind", graph_kind_code(l->kind), "from",
			                  graph_node(n.g, l->a)->id, "to",
			                  graph_node(n.g, l->b)->id, "nature",
			                  l->intelligence ? "intelligence" : "fact", "restricted",
			                  l->restricted, "from_date", l->start ? d1 : NULL,
			                  "to_date", l->end ? d2 : NULL));
		}
		*out = json_pack("{s:s, s:i, s:i, s:b, s:o, s:o}", "root", id, "hops", hops,
		                 "reachable", (int)s.reachable, "truncated", s.truncated, "nodes",
		                 nodes, "edges", edges);
		json_t *cat = json_null();
		int32_t c = graph_find(n.g, id);
		if (graph_node(n.g, c)->type == GRAPH_CHILD) {
			struct graph_cat7 r = {0};
			if (graph_cat7_child(n.g, c, NULL, &r) != GRAPH_OK)
				rc = app_fail(err, APP_FAILED, NULL,
				              "The network could not be read.");
			else
				cat = cat7_json(&n, c, &r, r.count ? &r.items[0] : NULL);
			graph_cat7_release(&r);
		}
		json_object_set_new(*out, "cat7", cat);
		json_object_set_new(*out, "partial", json_boolean(partial));
		if (rc == APP_OK && want_picture)
			rc = picture(&u, &n, &s, *out);
	}
	free(bw);
	graph_sub_release(&s);
	net_release(&n);
	return read_end(&u, rc, out, "view", id, "network");
}

/* ---- the R-CAT-7 flag of one child ---- */

int app_network_cat7(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"kinds", "from", "to", "facts_only", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct graph_filter f;
	int rc = open_read(&u, in, allowed, &f);
	if (rc == APP_OK && concern_end_of(id) != PEOPLE_CHILD)
		rc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (rc == APP_OK)
		rc = gate_entity(&u, id);
	struct net n = {0};
	bool partial = false;
	if (rc == APP_OK)
		rc = net_component(&u, id, &f, &n, &partial);
	if (rc == APP_OK) {
		int32_t c = graph_find(n.g, id);
		struct graph_cat7 r = {0};
		if (graph_cat7_child(n.g, c, NULL, &r) != GRAPH_OK)
			rc = app_fail(err, APP_FAILED, NULL, "The network could not be read.");
		else
			*out = cat7_json(&n, c, &r, r.count ? &r.items[0] : NULL);
		graph_cat7_release(&r);
		if (*out)
			json_object_set_new(*out, "partial", json_boolean(partial));
	}
	net_release(&n);
	return read_end(&u, rc, out, "view", id, "R-CAT-7");
}

/* ---- low-category children linked to others, per borough ---- */

int app_network_linked_cases(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"kinds", "from", "to", "facts_only", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct graph_filter f;
	int rc = open_read(&u, in, allowed, &f);
	char borough[32] = "", bname[128] = "";
	if (rc == APP_OK && id && *id) {
		int src = store_borough_find(db, id, borough);
		if (src == DB_DONE)
			rc = app_fail(err, APP_NOT_FOUND, NULL, "No such borough.");
		else if (src != DB_OK && src != DB_ROW)
			rc = uc_db(&u, src);
		else
			rc = uc_db(&u, store_borough_name(db, borough, bname, sizeof bname));
	}
	/* a borough's list reads only the networks of its own low-category children; the
	 * whole partnership's network when every borough is asked for, or when theirs reach
	 * past NET_BFS_NODES (the answers are the same, net_canonical) */
	struct net n = {0};
	bool partial = !*borough;
	if (rc == APP_OK && *borough) {
		struct store_concern_viewer cv;
		concern_viewer(&u, &cv);
		int src = DB_OK;
		json_t *low = store_network_low_children(db, &cv, borough, &src);
		rc = low ? net_components(&u, low, &f, &n, &partial) : uc_db(&u, src);
		json_decref(low);
		if (rc == APP_OK && partial)
			net_release(&n);
	}
	if (rc == APP_OK && partial)
		rc = net_build(&u, NULL, &f, &n, false);
	struct graph_cat7 r = {0};
	if (rc == APP_OK && graph_cat7_all(n.g, NULL, &r) != GRAPH_OK)
		rc = app_fail(err, APP_FAILED, NULL, "The networks could not be read.");
	if (rc == APP_OK) {
		json_t *cases = json_array();
		for (int32_t i = 0; i < r.count; i++) {
			const struct graph_cat7_item *it = &r.items[i];
			json_t *m = json_array_get(n.meta, (size_t)it->child);
			if (*borough && strcmp(mstr(m, "borough") ?: "", borough) != 0)
				continue;
			json_t *c = cat7_json(&n, it->child, &r, it);
			json_object_set(c, "label", json_object_get(m, "label"));
			json_object_set(c, "record", json_object_get(m, "record"));
			json_object_set(c, "borough", json_object_get(m, "borough"));
			json_array_append_new(cases, c);
		}
		*out = json_pack("{s:o, s:o}", "borough",
		                 *borough ? json_pack("{s:s, s:s}", "id", borough, "name", bname)
		                          : json_null(),
		                 "cases", cases);
	}
	graph_cat7_release(&r);
	net_release(&n);
	return read_end(&u, rc, out, "view", *borough ? borough : NULL, "R-CAT-7 linked cases");
}

/* ---- the partnership's networks ---- */

/* Ranks persons of concern: betweenness, then degree, then node index. */
struct rank {
	int32_t v;
	double bw;
	int32_t deg;
};
static int rank_cmp(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;
	if (a->bw != b->bw)
		return a->bw > b->bw ? -1 : 1;
	if (a->deg != b->deg)
		return a->deg > b->deg ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

static json_t *networks_json(const struct net *n, int32_t min_size, const double *bw,
                             const int32_t *deg, const struct graph_components *cc,
                             const struct graph_communities *cm)
{
	int32_t nn = graph_node_count(n->g);
	json_t *nets = json_array();
	/* components by size (largest first, then number) */
	int32_t *order = calloc((size_t)cc->count + 1, sizeof *order);
	struct rank *pocs = calloc((size_t)nn + 1, sizeof *pocs);
	if (!order || !pocs) {
		free(order);
		free(pocs);
		json_decref(nets);
		return NULL;
	}
	int32_t no = 0;
	for (int32_t c = 0; c < cc->count; c++)
		if (cc->size[c] >= min_size)
			order[no++] = c;
	for (int32_t i = 1; i < no; i++) /* insertion sort: few networks */
		for (int32_t j = i; j > 0 && cc->size[order[j]] > cc->size[order[j - 1]]; j--) {
			int32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	int32_t np = 0;
	for (int32_t v = 0; v < nn; v++)
		if (graph_node(n->g, v)->type == GRAPH_POC)
			pocs[np++] = (struct rank){v, bw[v], deg[v]};
	qsort(pocs, (size_t)np, sizeof *pocs, rank_cmp);
	for (int32_t i = 0; i < no && i < NET_LIST_MAX; i++) {
		int32_t c = order[i], children = 0, people = 0;
		for (int32_t v = 0; v < nn; v++)
			if (cc->membership[v] == c) {
				children += graph_node(n->g, v)->type == GRAPH_CHILD;
				people += graph_node(n->g, v)->type == GRAPH_POC;
			}
		json_t *key = json_array();
		for (int32_t p = 0; p < np && json_array_size(key) < 3; p++)
			if (cc->membership[pocs[p].v] == c && pocs[p].deg > 0)
				json_array_append_new(key, node_brief(n, pocs[p].v));
		json_array_append_new(nets,
		                      json_pack("{s:i, s:i, s:i, s:i, s:o}", "number", (int)c,
		                                "size", (int)cc->size[c], "children", (int)children,
		                                "people", (int)people, "key_people", key));
	}
	json_t *key = json_array();
	for (int32_t p = 0; p < np && json_array_size(key) < 10; p++) {
		if (pocs[p].deg == 0)
			continue;
		json_t *o = node_brief(n, pocs[p].v);
		json_object_set_new(o, "degree", json_integer(pocs[p].deg));
		json_object_set_new(o, "betweenness", json_real(pocs[p].bw));
		json_object_set_new(o, "network", json_integer(cc->membership[pocs[p].v]));
		json_array_append_new(key, o);
	}
	json_t *groups = json_array();
	for (int32_t c = 0; c < cm->count && json_array_size(groups) < NET_LIST_MAX; c++) {
		if (cm->size[c] < 3)
			continue;
		json_t *members = json_array();
		for (int32_t v = 0; v < nn; v++)
			if (cm->membership[v] == c)
				json_array_append_new(members, node_brief(n, v));
		json_array_append_new(groups, json_pack("{s:i, s:i, s:o}", "number", (int)c, "size",
		                                        (int)cm->size[c], "members", members));
	}
	free(order);
	free(pocs);
	return json_pack("{s:o, s:o, s:o, s:f}", "networks", nets, "key_people", key, "groups",
	                 groups, "modularity", cm->modularity);
}

int app_networks(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	(void)id;
	static const char *const allowed[] = {"kinds",      "from",     "to",
	                                      "facts_only", "min_size", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct graph_filter f;
	int32_t min_size = 3;
	json_t *ms = in && json_is_object(in) ? json_object_get(in, "min_size") : NULL;
	if (ms &&
	    (!json_is_integer(ms) || json_integer_value(ms) < 1 || json_integer_value(ms) > 1000))
		app_field_error(err, "min_size", "Give a size from 1 to 1000.");
	else if (ms)
		min_size = (int32_t)json_integer_value(ms);
	int rc = err->code ? APP_INVALID : open_read(&u, in, allowed, &f);
	struct net n = {0};
	if (rc == APP_OK) {
		if (f.kinds) /* children missing together stay joined whatever the kinds (in
		                a graph of their own: net_from_rows) */
			f.kinds |= GRAPH_KIND_BIT(GRAPH_MISSING_WITH);
		rc = net_build(&u, NULL, &f, &n, true);
	}
	struct graph_components cc = {0};
	struct graph_communities cm = {0};
	struct graph_serials se = {0};
	struct graph_hotspots hs = {0};
	struct graph_comissing co = {0};
	double *bw = NULL;
	int32_t *deg = NULL;
	if (rc == APP_OK) {
		int32_t nn = graph_node_count(n.g);
		bw = calloc((size_t)nn + 1, sizeof *bw);
		deg = calloc((size_t)nn + 1, sizeof *deg);
		struct graph_bw_opts bo = {.seed = GRAPH_SEED, .components = &cc};
		if (!bw || !deg || graph_components(n.g, &cc) != GRAPH_OK ||
		    graph_betweenness(n.g, &bo, bw, NULL) != GRAPH_OK ||
		    graph_communities(n.g, GRAPH_SEED, &cm) != GRAPH_OK ||
		    graph_serial_pocs(n.g, NULL, &se) != GRAPH_OK ||
		    graph_hotspots(n.g, NULL, &hs) != GRAPH_OK ||
		    graph_comissing(n.together ? n.together : n.g, &co) != GRAPH_OK)
			rc = app_fail(err, APP_FAILED, NULL, "The networks could not be read.");
		else
			graph_degree(n.g, deg);
	}
	if (rc == APP_OK && !(*out = networks_json(&n, min_size, bw, deg, &cc, &cm)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	if (rc == APP_OK) {
		json_t *serial = json_array(), *hot = json_array(), *together = json_array();
		for (int32_t i = 0; i < se.count && i < NET_LIST_MAX; i++) {
			const struct graph_serial *s = &se.items[i];
			json_t *ch = json_array();
			for (int32_t j = 0; j < s->n_children; j++)
				json_array_append_new(ch,
				                      node_brief(&n, se.children[s->first + j]));
			json_array_append_new(serial,
			                      json_pack("{s:o, s:o}", "person",
			                                node_brief(&n, s->poc), "children", ch));
		}
		for (int32_t i = 0; i < hs.count && i < NET_LIST_MAX; i++) {
			const struct graph_hotspot *h = &hs.items[i];
			json_t *m = json_array_get(n.meta, (size_t)h->place);
			json_array_append_new(hot, json_pack("{s:o, s:i, s:i, s:i, s:b}", "place",
			                                     node_brief(&n, h->place), "children",
			                                     (int)h->n_children, "episodes",
			                                     (int)h->n_episodes, "people",
			                                     (int)h->n_pocs, "marked",
			                                     mtrue(m, "hotspot")));
		}
		for (int32_t i = 0; i < co.count && i < NET_LIST_MAX; i++) {
			const struct graph_comissing_group *gr = &co.groups[i];
			json_t *ch = json_array(), *sh = json_array();
			for (int32_t j = 0; j < gr->n_children; j++)
				json_array_append_new(
				        ch, node_brief(&n, co.children[gr->first_child + j]));
			for (int32_t j = 0; j < gr->n_shared; j++)
				json_array_append_new(
				        sh, node_brief(&n, co.shared[gr->first_shared + j].node));
			json_array_append_new(
			        together, json_pack("{s:o, s:o}", "children", ch, "shared", sh));
		}
		json_object_set_new(*out, "serial_people", serial);
		json_object_set_new(*out, "hotspots", hot);
		json_object_set_new(*out, "missing_together", together);
		json_object_set_new(*out, "nodes", json_integer(graph_node_count(n.g)));
		json_object_set_new(*out, "links", json_integer(graph_link_count(n.g)));
		json_object_set_new(*out, "components", json_integer(cc.count));
	}
	free(bw);
	free(deg);
	graph_components_release(&cc);
	graph_communities_release(&cm);
	graph_serials_release(&se);
	graph_hotspots_release(&hs);
	graph_comissing_release(&co);
	net_release(&n);
	return read_end(&u, rc, out, "view", NULL, "networks");
}

/* ---- export ---- */

int app_network_export(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"kinds", "from", "to", "facts_only",
	                                      "hops",  "file", NULL};
	static const char *const files[] = {"entities", "links", "nodes", "edges", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct graph_filter f;
	int hops = 2;
	const char *file = NULL;
	if (in && json_is_object(in)) {
		hops_read(&u, in, &hops);
		file = app_json_str(in, "file", true, 16, false, err);
		if (file && !uc_one_of(file, files))
			app_field_error(err, "file", "Choose entities, links, nodes or edges.");
	} else if (!in)
		app_field_error(err, "file", "Choose entities, links, nodes or edges.");
	int rc = open_read(&u, in, allowed, &f);
	if (rc == APP_OK && id)
		rc = gate_entity(&u, id);
	struct net n = {0};
	bool partial = false;
	if (rc == APP_OK)
		rc = id ? net_component(&u, id, &f, &n, &partial)
		        : net_build(&u, NULL, &f, &n, false);
	struct graph_sub s = {0};
	bool sub = false;
	if (rc == APP_OK && id) {
		sub = true;
		if (graph_neighbourhood(n.g, graph_find(n.g, id), hops, GRAPH_SUB_MAX_NODES, &s) !=
		    GRAPH_OK)
			rc = app_fail(err, APP_FAILED, NULL, "The network could not be read.");
	}
	enum netexport_file which = NETEXPORT_I2_ENTITIES;
	for (int i = 0; file && files[i]; i++)
		if (strcmp(file, files[i]) == 0)
			which = (enum netexport_file)i;
	struct buf b = BUF_INIT((size_t)256 << 20);
	if (rc == APP_OK &&
	    netexport_write(n.g, sub ? &s : NULL, which, netexport_buf_sink, &b) != GRAPH_OK)
		rc = app_fail(err, APP_FAILED, NULL, "The export could not be written.");
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s%}", "file_name", netexport_file_name(which), "csv",
		                 b.data ? b.data : "", b.len);
	buf_release(&b);
	graph_sub_release(&s);
	net_release(&n);
	return read_end(&u, rc, out, "export", id, file);
}

/* ---- what the pages offer ---- */

bool app_may_record_pnc(const struct actor *who)
{
	return who->system || access_police_entitled(who->roles, who->agency_type);
}

bool app_may_mark_hotspot(const struct actor *who)
{
	return people_may_mark_hotspot(who->roles, app_may_record_pnc(who), who->system);
}
