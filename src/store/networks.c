/* networks.c (store): the links and node facts the network analyses read (see
 * networks.h). */
#include "store/networks.h"

#include <string.h>

#include "store/rows.h"

/* The end `side` ("from" or "to") of link alias l is seen by the viewer at $1..$6. */
#define END_SEEN(side)                                                                             \
	"((l." side "_type IN ('child', 'episode') AND " STORE_CHILD_SEEN(                         \
	        "l." side "_child_id") ")"                                                         \
	                               " OR l." side "_type IN ('vehicle', 'phone')"               \
	                               " OR (l." side "_type = 'person' AND EXISTS (SELECT 1 "     \
	                               "FROM people e WHERE e.id = l." side                        \
	                               "_id AND " STORE_CONCERN_VISIBLE(                           \
	                                       "e") "))"                                           \
	                                            " OR (l." side                                 \
	                                            "_type = 'place' AND EXISTS (SELECT 1 FROM "   \
	                                            "places e WHERE e.id = l." side                \
	                                            "_id AND " STORE_CONCERN_VISIBLE("e") ")))"

/* $7 the limit; the viewer at $1..$6. */
static const char LINKS_SQL[] =
        "SELECT l.id, l.kind, l.from_type, l.from_id, l.from_child_id, l.to_type, l.to_id,"
        " l.to_child_id, l.from_date, l.to_date, l.nature, l.restricted FROM links l"
        " WHERE l.ended_at IS NULL AND (l.restricted = 0 OR $6 = 1)"
        " AND " END_SEEN("from") " AND " END_SEEN("to") " ORDER BY l.id LIMIT $7";

/* $7 the entity, $8 the limit; the viewer at $1..$6. */
static const char LINKS_OF_SQL[] =
        "SELECT l.id, l.kind, l.from_type, l.from_id, l.from_child_id, l.to_type, l.to_id,"
        " l.to_child_id, l.from_date, l.to_date, l.nature, l.restricted FROM links l"
        " WHERE (l.from_id = $7 OR l.to_id = $7) AND l.ended_at IS NULL"
        " AND (l.restricted = 0 OR $6 = 1)"
        " AND " END_SEEN("from") " AND " END_SEEN("to") " ORDER BY l.id LIMIT $8";

static void restricted_bools(json_t *rows)
{
	static const char *const bools[] = {"restricted", NULL};
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) rows_bools(r, bools);
}

json_t *store_network_links_of(struct db *db, const struct store_concern_viewer *cv, const char *id,
                               int limit, int *rc)
{
	json_t *rows = store_concern_rows(db, cv, rc, LINKS_OF_SQL, "sd", id, limit);
	restricted_bools(rows);
	return rows;
}

json_t *store_network_episodes_of(struct db *db, const char *child_id, int *rc)
{
	return rows_query(db,
	                  "SELECT e.id FROM episodes e WHERE e.child_id = $1 AND EXISTS (SELECT 1"
	                  " FROM links l WHERE (l.from_id = e.id OR l.to_id = e.id)"
	                  " AND l.ended_at IS NULL) ORDER BY e.id",
	                  child_id, rc);
}

json_t *store_network_missing_children(struct db *db, int *rc)
{
	return rows_query(db, "SELECT DISTINCT child_id AS id FROM episodes", NULL, rc);
}

json_t *store_network_links(struct db *db, const struct store_concern_viewer *cv, int limit,
                            int *rc)
{
	json_t *rows = store_concern_rows(db, cv, rc, LINKS_SQL, "d", limit);
	if (rows) {
		static const char *const bools[] = {"restricted", NULL};
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r) rows_bools(r, bools);
	}
	return rows;
}

/* Every parameter of the viewer is named (SQLite binds only parameters a statement
 * uses); the condition always holds. */
#define ANY_VIEWER                                                                                 \
	"($1 IS NULL OR $2 IS NULL OR $3 IS NULL OR $4 IS NULL OR $5 IS NULL OR $6 IS NULL"        \
	" OR 1 = 1)"

/* What each type of node gives (alias x), and from where. */
#define CHILD_NODE                                                                                 \
	"x.given_names || ' ' || x.family_name AS label, r.current_category AS category,"          \
	" coalesce(r.owning_borough_id, x.residence_borough_id) AS borough,"                       \
	" r.reference AS record, 0 AS \"order\", 0 AS hotspot, x.id AS child"                      \
	" FROM children x LEFT JOIN records r ON r.child_id = x.id"
#define PERSON_NODE                                                                                \
	"x.label AS label, NULL AS category, NULL AS borough, NULL AS record,"                     \
	" EXISTS (SELECT 1 FROM disruptions d WHERE d.person_id = x.id AND d.class = 'order'"      \
	" AND d.status IN ('made', 'served', 'varied', 'breached')"                                \
	" AND (d.restricted = 0 OR $6 = 1)) AS \"order\", 0 AS hotspot, NULL AS child"             \
	" FROM people x"
#define PLACE_NODE                                                                                 \
	"coalesce(x.name, x.address, x.id) AS label, NULL AS category,"                            \
	" x.borough_id AS borough, NULL AS record, 0 AS \"order\", x.hotspot AS hotspot,"          \
	" NULL AS child FROM places x"
#define VEHICLE_NODE                                                                               \
	"coalesce(x.vrm, x.registration) AS label, NULL AS category, NULL AS borough,"             \
	" NULL AS record, 0 AS \"order\", 0 AS hotspot, NULL AS child FROM vehicles x"
#define PHONE_NODE                                                                                 \
	"coalesce(x.e164, x.number) AS label, NULL AS category, NULL AS borough,"                  \
	" NULL AS record, 0 AS \"order\", 0 AS hotspot, NULL AS child FROM phones x"
#define EPISODE_NODE                                                                               \
	"'Missing episode of ' || c.given_names || ' ' || c.family_name ||"                        \
	" ', reported ' || substr(x.reported_at, 1, 10) AS label, NULL AS category,"               \
	" NULL AS borough, NULL AS record, 0 AS \"order\", 0 AS hotspot, x.child_id AS child"      \
	" FROM episodes x JOIN children c ON c.id = x.child_id"

/* One node: the entity at $7 (the viewer at $1..$6, of which $6 is used). */
#define ONE(node) "SELECT " node " WHERE x.id = $7 AND " ANY_VIEWER
/* Every node of type T that is an end of a current link (the caller keeps those it
 * needs: this reads facts of things, never which links the viewer may see). */
#define ALL(node, T)                                                                               \
	"SELECT x.id AS id, " node " WHERE x.id IN (SELECT from_id FROM links"                     \
	" WHERE from_type = '" T "' AND ended_at IS NULL UNION SELECT to_id FROM links"            \
	" WHERE to_type = '" T "' AND ended_at IS NULL) AND " ANY_VIEWER

static const char *const TYPES[] = {"child", "person", "place", "vehicle", "phone", "episode"};
static const char *const ONE_SQL[] = {ONE(CHILD_NODE),   ONE(PERSON_NODE), ONE(PLACE_NODE),
                                      ONE(VEHICLE_NODE), ONE(PHONE_NODE),  ONE(EPISODE_NODE)};
static const char *const ALL_SQL[] = {ALL(CHILD_NODE, "child"), ALL(PERSON_NODE, "person"),
                                      ALL(PLACE_NODE, "place"), ALL(VEHICLE_NODE, "vehicle"),
                                      ALL(PHONE_NODE, "phone"), ALL(EPISODE_NODE, "episode")};

static int type_index(const char *type)
{
	for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++)
		if (strcmp(type, TYPES[i]) == 0)
			return (int)i;
	return -1;
}

json_t *store_network_nodes_linked(struct db *db, const struct store_concern_viewer *cv,
                                   const char *type, int *rc)
{
	int t = type_index(type);
	if (t < 0) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	return store_concern_rows(db, cv, rc, ALL_SQL[t], "");
}

json_t *store_network_node(struct db *db, const struct store_concern_viewer *cv, const char *type,
                           const char *id, int *rc)
{
	int t = type_index(type);
	if (t < 0) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	const char *sql = ONE_SQL[t];
	json_t *rows = store_concern_rows(db, cv, rc, sql, "s", id);
	if (!rows)
		return NULL;
	json_t *one = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!one)
		*rc = DB_DONE;
	return one;
}
