/* netexport.c: i2 Analyst's Notebook and Gephi CSV files of a network (see
 * netexport.h). */
#include "report/netexport.h"

#include "report/netsvg.h"
#include "report/ssda903.h"

int netexport_buf_sink(void *ctx, const char *data, size_t len)
{
	return buf_append(ctx, data, len);
}

const char *netexport_file_name(enum netexport_file f)
{
	static const char *const names[] = {"entities.csv", "links.csv", "nodes.csv", "edges.csv"};
	return (unsigned)f < ARRAY_LEN(names) ? names[f] : NULL;
}

struct out {
	struct buf b;
	netexport_sink sink;
	void *ctx;
};

/* Appends a row; flushes to the sink past NETEXPORT_CHUNK / 2. */
static int row(struct out *o, const char *const *cells, size_t n)
{
	if (ssda903_csv_row(&o->b, cells, n))
		return GRAPH_ENOMEM; /* one row never reaches the chunk size: memory */
	if (o->b.len >= NETEXPORT_CHUNK / 2) {
		if (o->sink(o->ctx, o->b.data, o->b.len))
			return GRAPH_ELIMIT;
		buf_reset(&o->b);
	}
	return GRAPH_OK;
}

static int node_row(struct out *o, const struct graph *g, int32_t v, bool gephi)
{
	const struct graph_node_in *x = graph_node(g, v);
	char cat[2] = "";
	if (x->type == GRAPH_CHILD)
		cat[0] = (char)('0' + (x->category & 3));
	const char *ord = x->type == GRAPH_POC ? (x->has_order ? "Y" : "N") : "";
	const char *cells[] = {x->id, gephi ? x->label : graph_type_name(x->type),
	                       gephi ? graph_type_name(x->type) : x->label, cat, ord};
	return row(o, cells, ARRAY_LEN(cells));
}

static int link_row(struct out *o, const struct graph *g, int32_t li, bool gephi)
{
	const struct graph_link_in *l = graph_link(g, li);
	const struct graph_node_in *a = graph_node(g, l->a), *b = graph_node(g, l->b);
	char id[32], start[LT_DATE_LEN], end[LT_DATE_LEN];
	if (!l->id)
		snprintf(id, sizeof id, "L%lld", (long long)graph_link_source(g, li));
	netsvg_date(l->start, start);
	netsvg_date(l->end, end);
	const char *kind = graph_kind_name(l->kind);
	const char *grading = l->intelligence ? "intelligence" : "fact";
	const char *restricted = l->restricted ? "Y" : "N";
	const char *lid = l->id ? l->id : id;
	if (gephi) {
		const char *cells[] = {a->id, b->id, "Undirected", lid,        kind, kind,
		                       start, end,   grading,      restricted, "1"};
		return row(o, cells, ARRAY_LEN(cells));
	}
	const char *cells[] = {lid,
	                       a->id,
	                       graph_type_name(a->type),
	                       b->id,
	                       graph_type_name(b->type),
	                       kind,
	                       kind,
	                       start,
	                       end,
	                       grading,
	                       restricted,
	                       "None"};
	return row(o, cells, ARRAY_LEN(cells));
}

int netexport_write(const struct graph *g, const struct graph_sub *sub, enum netexport_file f,
                    netexport_sink sink, void *ctx)
{
	static const char *const h_ent[] = {"Identity", "Entity Type", "Label", "Category",
	                                    "Order"};
	static const char *const h_link[] = {"Link Identity", "From Identity",  "From Entity Type",
	                                     "To Identity",   "To Entity Type", "Link Type",
	                                     "Label",         "Start Date",     "End Date",
	                                     "Grading",       "Restricted",     "Direction"};
	static const char *const h_node[] = {"Id", "Label", "Type", "Category", "Order"};
	static const char *const h_edge[] = {"Source",  "Target",     "Type",  "Id",
	                                     "Label",   "Kind",       "Start", "End",
	                                     "Grading", "Restricted", "Weight"};
	if ((unsigned)f > NETEXPORT_GEPHI_EDGES)
		return GRAPH_EINVAL;
	struct out o = {BUF_INIT(NETEXPORT_CHUNK), sink, ctx};
	bool gephi = f == NETEXPORT_GEPHI_NODES || f == NETEXPORT_GEPHI_EDGES;
	bool nodes = f == NETEXPORT_I2_ENTITIES || f == NETEXPORT_GEPHI_NODES;
	int rc = nodes   ? row(&o, gephi ? h_node : h_ent, 5)
	         : gephi ? row(&o, h_edge, ARRAY_LEN(h_edge))
	                 : row(&o, h_link, ARRAY_LEN(h_link));
	int32_t n = nodes ? (sub ? sub->n_nodes : graph_node_count(g))
	                  : (sub ? sub->n_links : graph_link_count(g));
	for (int32_t i = 0; i < n && rc == GRAPH_OK; i++) {
		int32_t x = sub ? (nodes ? sub->nodes[i] : sub->links[i]) : i;
		rc = nodes ? node_row(&o, g, x, gephi) : link_row(&o, g, x, gephi);
	}
	if (rc == GRAPH_OK && o.b.len && sink(ctx, o.b.data, o.b.len))
		rc = GRAPH_ELIMIT;
	buf_release(&o.b);
	return rc;
}
