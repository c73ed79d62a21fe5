/*
 * networks.h: read-only use cases on the networks that links form between children,
 * persons of concern, places, vehicles, phones and missing episodes (R-LOC-1, R-CAT-7,
 * R-MASE-9): the network of one entity, the partnership's connected networks with
 * their key people, groups, serial persons of concern, hotspots and children who go
 * missing together, the R-CAT-7 flag of one child, the low-category children linked to
 * others in a borough for the next MASE meeting, and the CSV files analysts import
 * into IBM i2 Analyst's Notebook and Gephi.
 *
 * Only what the viewer may see is ever read: a link counts only when the viewer sees
 * both its ends (children and episodes through the access rules, persons and places
 * as people.h says, vehicles and phones always), restricted intelligence only for
 * entitled police (R-INFO-3); the graph is built from that alone (src/link/graph.h),
 * so no answer, count or path can reveal what the viewer may not see. Ended links are
 * left out. Every call is audited as a view.
 *
 * Filters (`in`, each optional): "kinds" (link kinds, an array or a comma-separated
 * string: associate, seen_with, found_at, uses, registered_keeper, member_of, visited,
 * transported), "from"/"to" (YYYY-MM-DD: links whose own dates overlap the window;
 * open dates count as unbounded), "facts_only" (true: leave out intelligence).
 */
#ifndef LANTERN_APP_NETWORKS_H
#define LANTERN_APP_NETWORKS_H

#include "app/app.h"

/*
 * The network of entity `id` (a child, person, place, vehicle, phone or episode) to
 * "hops" links (1..3, default 2), at most 150 nodes (nearest and best connected
 * first). in: the filters, "hops"?, "picture"? (true: add "svg", the drawing of
 * src/report/netsvg.h, and "table", its rows in words for screen readers). out {root,
 * hops, reachable, truncated, nodes: [{id, type, label, category, order, hotspot,
 * borough, record, hops, degree, betweenness}], edges: [{id, kind, from, to,
 * nature, restricted, from_date, to_date}], cat7 (for a child: app_network_cat7's
 * answer; else null)}.
 */
int app_network_of(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/*
 * The connected networks the viewer sees (R-MASE-9). in: the filters, "min_size"?
 * (networks listed from this many nodes, default 3). out {networks: [{number, size,
 * children, people, key_people: [node...]}] (largest first, at most 50), key_people
 * (persons of concern by betweenness, then degree, at most 10: {id, label, degree,
 * betweenness, network}), groups (communities of 3 or more: {number, size, members:
 * [node...]}, modularity), serial_people ({person, children: [node...]}: linked to
 * two or more children), hotspots ({place, children, episodes, people, marked}),
 * missing_together ({children: [node...], shared: [node...]}: children who went
 * missing together, R-MISS-10, joined by a missing_with link whatever the kinds chosen,
 * and what two or more of them are linked to)}; a node is {id, type, label}.
 */
int app_networks(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);

/*
 * R-CAT-7: whether child `id`, in category 1 or with no category, is in the same network
 * (as the viewer sees it) as a child in category 2 or 3 or a person of concern with an
 * order in force, and the shortest path that links them. in NULL or the filters. out
 * {child_id, category, flagged, hops, target: node, path: [node...] (child first),
 * link_kinds: [kind...]}; flagged false (path empty) otherwise, and for a child in a
 * higher category.
 */
int app_network_cat7(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/*
 * R-CAT-7 / R-MASE-9: the children of borough `id` (name, code or id; NULL: every
 * borough) in category 1 or with no category who are in the same network as a child in
 * category 2 or 3 or a person of concern with an order, for the next MASE meeting.
 * in NULL or the filters. out {borough: {id, name} or null, cases: [{child_id, label,
 * record, category, borough, hops, target: node, path: [node...], link_kinds}]}, fewest
 * hops first. A child's borough is its record's owning borough, else where it lives.
 * For one borough only the networks of its low-category children are read; the answer is
 * the whole network's (nodes and links are numbered in the order of their ids in every
 * network graph, so ties fall the same way however much was read).
 */
int app_network_linked_cases(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err);

/*
 * The entities and links of a network as one CSV file for IBM i2 Analyst's Notebook
 * or Gephi (src/report/netexport.h; formula-safe cells): in {"file": "entities" |
 * "links" (i2) | "nodes" | "edges" (Gephi), "hops"?, the filters}, of entity `id`'s
 * network (as app_network_of), or of every network the viewer sees when `id` is NULL.
 * out {file_name, csv}. Audited as an export.
 */
int app_network_export(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);

/* What the pages offer this actor: recording a PNC locate/trace marker (R-POI-2:
 * entitled police) and marking a place as a hotspot (R-LOC-1). The use cases decide
 * again when the form is sent. */
bool app_may_record_pnc(const struct actor *who);
bool app_may_mark_hotspot(const struct actor *who);

#endif
