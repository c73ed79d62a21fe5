/*
 * netsvg.h: a network drawn by the server as SVG, for the page of a child, a person of
 * concern or a place (the neighbourhood from graph_neighbourhood(), or any set from
 * graph_sub_of()), and the same data as rows for an accessible table.
 *
 * The picture needs no JavaScript, has no script and no external reference, and says
 * everything in words as well as in shape and colour:
 *  - nodes by type, each a distinct shape AND colour (never colour alone):
 *      child              circle    blue   #1d70b8
 *      person of concern  square    red    #d4351c
 *      place              triangle  green  #00703c
 *      vehicle            diamond   purple #4c2c92
 *      phone              hexagon   brown  #b1560f
 *      missing episode    star      grey   #505a5f
 *    the centre (the set's first node) is drawn larger with a thick outline;
 *  - links by kind, as line styles (solid, dashed, dotted, dash-dot, thick...): one
 *    line per pair of nodes and kind, side by side when two nodes share several kinds;
 *  - a legend in words listing the node types and link kinds present;
 *  - <title> and <desc> for screen readers (role="img"), and a <title> on every node
 *    and line (type, label, category or order; kind, grading, dates, how many links);
 *  - labels escaped for XML and cut to NETSVG_LABEL_BYTES;
 *  - at most NETSVG_MAX_NODES nodes and NETSVG_MAX_LINES lines, and at most
 *    NETSVG_MAX_BYTES of output: a larger set is drawn in part and the <desc> says so.
 * The layout is igraph's Fruchterman-Reingold with a fixed seed (graph_layout), so
 * the same network gives the same picture.
 *
 * The table (netsvg_table) gives one row per node and one per link of the same set,
 * with the same words as the legend, for the caller to render as an HTML table beside
 * the picture; its strings are raw text (the template escapes them).
 */
#ifndef LANTERN_REPORT_NETSVG_H
#define LANTERN_REPORT_NETSVG_H

#include <stdbool.h>
#include <stdint.h>

#include "link/graph.h"
#include "util/buf.h"
#include "util/ltime.h"

#define NETSVG_MAX_NODES 150
#define NETSVG_MAX_LINES 1000
#define NETSVG_MAX_BYTES ((size_t)512 << 10)
#define NETSVG_LABEL_BYTES 28
#define NETSVG_WIDTH 1000
#define NETSVG_HEIGHT 700

struct netsvg_opts {
	const char *title; /* NULL: "Network" */
	const char *desc;  /* NULL: a count of what is drawn; either way the <desc> ends
	                      with the counts */
	const char *id;    /* element id prefix (svg_id_ok), unique on the page; NULL: "net" */
	uint64_t seed;     /* layout seed; 0: GRAPH_SEED */
};

/* Appends the picture of `s` to `out`. Returns GRAPH_OK; GRAPH_EINVAL for a bad id
 * prefix; GRAPH_ENOMEM; GRAPH_ELIMIT when `out` cannot take it (its maximum is
 * below the picture). On failure `out` is as it was. */
int netsvg_draw(const struct graph *g, const struct graph_sub *s, const struct netsvg_opts *o,
                struct buf *out);

/* Words for the picture's conventions (NULL out of range). */
const char *netsvg_shape_name(enum graph_type t); /* "circle" ... */
const char *netsvg_line_name(enum graph_kind k);  /* "solid line" ... */

struct netsvg_node_row {
	int32_t node;         /* graph node index */
	const char *id;       /* the node's id */
	const char *type;     /* "person of concern" */
	const char *shape;    /* "square" */
	const char *label;    /* raw text */
	const char *category; /* children: "category 2" or "no category"; else "" */
	const char *order;    /* people of concern: "order in force" or ""; else "" */
	int hops;             /* from the centre */
	int32_t links;        /* links in the set that touch it */
};
struct netsvg_link_row {
	int32_t link;            /* graph link index */
	const char *from;        /* label of one end (raw) */
	const char *kind;        /* "seen with" */
	const char *to;          /* label of the other end (raw) */
	const char *line;        /* "dashed line" */
	char start[LT_DATE_LEN]; /* "YYYY-MM-DD" (London date) or "" when open */
	char end[LT_DATE_LEN];
	const char *grading; /* "fact" or "intelligence" */
	bool restricted;
};
struct netsvg_table {
	int32_t n_nodes, n_links; /* every node and link of the set, in the set's order */
	struct netsvg_node_row *nodes;
	struct netsvg_link_row *links;
};
/* Fills the rows; strings point into the graph (valid while it lives). GRAPH_OK or
 * GRAPH_ENOMEM (then `t` is empty). */
int netsvg_table(const struct graph *g, const struct graph_sub *s, struct netsvg_table *t);
void netsvg_table_release(struct netsvg_table *t);

/* "YYYY-MM-DD", the Europe/London calendar date of t; "" for 0 (open). */
void netsvg_date(int64_t t, char out[LT_DATE_LEN]);

#endif
