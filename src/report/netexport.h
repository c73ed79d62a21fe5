/*
 * netexport.h: a network's entities and links as CSV for the analysts' tools: IBM i2
 * Analyst's Notebook (an entity file and a link file, imported with an import
 * specification that maps the columns below) and Gephi (its spreadsheet import of a
 * nodes table and an edges table). The set is the whole graph or a graph_sub; the
 * caller passes only what the user may see and exports it through an audited use case.
 *
 * Columns (first line of every file is this header):
 *  i2 entities:  Identity, Entity Type, Label, Category, Order
 *  i2 links:     Link Identity, From Identity, From Entity Type, To Identity,
 *                To Entity Type, Link Type, Label, Start Date, End Date, Grading,
 *                Restricted, Direction
 *  Gephi nodes:  Id, Label, Type, Category, Order
 *  Gephi edges:  Source, Target, Type, Id, Label, Kind, Start, End, Grading,
 *                Restricted, Weight
 * where Entity Type / Type is the node type in words ("person of concern"); Category
 * is "0".."3" for a child (0: none) and empty otherwise; Order is "Y"/"N" for a person
 * of concern and empty otherwise; Link Type / Kind is the link kind in words ("seen
 * with") and Label repeats it; dates are YYYY-MM-DD (the Europe/London calendar date
 * of the instant) or empty when open; Grading is "fact" or "intelligence"; Restricted
 * is "Y"/"N"; Direction is always "None" and Gephi's Type always "Undirected" (links
 * have no direction); Weight is 1 (one row per link: Gephi sums parallel edges when
 * asked to merge them). A link without an id gets "L" and the caller's link index.
 *
 * Every cell is RFC 4180-escaped and formula-safe (report/ssda903.h's cell rule): a
 * cell holding a comma, quote, CR or LF, or starting or ending with a space, is quoted
 * with quotes doubled; a cell starting with = + - @, a tab or CR gets a leading single
 * quote so that no spreadsheet runs it. Lines end in CRLF. Output goes to a sink in
 * pieces of at most NETEXPORT_CHUNK bytes, so a whole partnership streams in bounded
 * memory.
 */
#ifndef LANTERN_REPORT_NETEXPORT_H
#define LANTERN_REPORT_NETEXPORT_H

#include <stddef.h>

#include "link/graph.h"
#include "util/buf.h"

#define NETEXPORT_CHUNK ((size_t)64 << 10)

enum netexport_file {
	NETEXPORT_I2_ENTITIES,
	NETEXPORT_I2_LINKS,
	NETEXPORT_GEPHI_NODES,
	NETEXPORT_GEPHI_EDGES
};

/* Receives the output; returns 0, or non-zero to stop (netexport_write then returns
 * GRAPH_ELIMIT). */
typedef int (*netexport_sink)(void *ctx, const char *data, size_t len);

/* Writes one file for the set `sub` (NULL: the whole graph). GRAPH_OK, GRAPH_ENOMEM,
 * GRAPH_EINVAL (unknown file) or GRAPH_ELIMIT (the sink refused). */
int netexport_write(const struct graph *g, const struct graph_sub *sub, enum netexport_file f,
                    netexport_sink sink, void *ctx);
/* A sink appending to the struct buf `ctx` (refuses past its maximum). */
int netexport_buf_sink(void *ctx, const char *data, size_t len);
/* A suggested file name: "entities.csv", "links.csv", "nodes.csv", "edges.csv". */
const char *netexport_file_name(enum netexport_file f);

#endif
