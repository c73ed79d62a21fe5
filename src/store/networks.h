/*
 * networks.h (store): what the network analyses read (src/app/networks.c, R-CAT-7,
 * R-MASE-9): every current link the viewer sees with both its ends, and what the
 * analyses need to know of each end (its label; a child's category, borough and record;
 * whether a person of concern has an order in force; a place's borough and hotspot
 * marking). Visibility is store/links.h's: a link is returned only when the viewer sees
 * both its ends (STORE_CHILD_SEEN for children and episodes, STORE_CONCERN_VISIBLE for
 * persons and places, vehicles and phones always) and, when it is restricted, only to a
 * viewer who sees what is restricted. Callers own transactions.
 */
#ifndef LANTERN_STORE_NETWORKS_H
#define LANTERN_STORE_NETWORKS_H

#include <jansson.h>

#include "store/links.h"

/* Every current (not ended) link the viewer sees, at most `limit`, in id order: rows
 * {id, kind, from_type, from_id, from_child_id, to_type, to_id, to_child_id, from_date,
 * to_date, nature, restricted (bool)}. NULL with *rc on failure. */
json_t *store_network_links(struct db *db, const struct store_concern_viewer *cv, int limit,
                            int *rc);

/* The current links of entity `id` the viewer sees (both ends), as store_network_links'
 * rows, at most `limit`. */
json_t *store_network_links_of(struct db *db, const struct store_concern_viewer *cv, const char *id,
                               int limit, int *rc);

/* How many entities one of the *_any reads below takes at once. */
#define STORE_NET_BATCH 64

/* The current links the viewer sees (both ends) of any of the entities ids[0..n) (n at
 * most STORE_NET_BATCH), as store_network_links' rows, each once, at most `limit`: a
 * breadth-first read of a network takes one query per ring of STORE_NET_BATCH. */
json_t *store_network_links_of_any(struct db *db, const struct store_concern_viewer *cv,
                                   const char *const *ids, size_t n, int limit, int *rc);

/* The missing episodes of any of the children ids[0..n) (n at most STORE_NET_BATCH) that
 * are an end of a current link: rows {id, child}. */
json_t *store_network_episodes_of_any(struct db *db, const char *const *ids, size_t n, int *rc);

/* store_network_node's answer, with "id", for each of ids[0..n) (n at most
 * STORE_NET_BATCH) of type `type` that exists. */
json_t *store_network_nodes_of(struct db *db, const struct store_concern_viewer *cv,
                               const char *type, const char *const *ids, size_t n, int *rc);

/* R-CAT-7: the children of borough `borough_id` (their record's owning borough, else
 * where they live, as store_network_node's "borough") in category 1 or with no category
 * that the viewer sees and that are an end of a current link, directly or through one
 * of their missing episodes: rows {id}, in id order. */
json_t *store_network_low_children(struct db *db, const struct store_concern_viewer *cv,
                                   const char *borough_id, int *rc);

/* The missing episodes of child `child_id` that are an end of a current link: rows {id}.
 * (An episode is seen by whoever sees its child.) */
json_t *store_network_episodes_of(struct db *db, const char *child_id, int *rc);

/* Every child who has been reported missing or absent: rows {id}. */
json_t *store_network_missing_children(struct db *db, int *rc);

/* What the analyses need of entity `id` of type `type` (a protocol/people.h code):
 * {label, category (a child's current category or null), borough (id or null), record
 * (a child's record reference or null), order (a person of concern with an order in
 * force that the viewer may see: 1/0), hotspot (a place marked as one: 1/0), child (an
 * episode's child)}. NULL with *rc = DB_DONE when there is no such entity. */
json_t *store_network_node(struct db *db, const struct store_concern_viewer *cv, const char *type,
                           const char *id, int *rc);

/* store_network_node's answer, with "id", for every entity of type `type` that is an end
 * of a current link: read once when the whole partnership's network is built. */
json_t *store_network_nodes_linked(struct db *db, const struct store_concern_viewer *cv,
                                   const char *type, int *rc);

#endif
