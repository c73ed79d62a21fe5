/* networks.c (store): the links and node facts the network analyses read (see
 * networks.h). */
#include "store/networks.h"

#include <string.h>

#include "store/json_rows.h"

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
	json_array_foreach(rows, i, r) json_to_bools(r, bools);
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
	return json_query(db,
	                  "SELECT e.id FROM episodes e WHERE e.child_id = $1 AND EXISTS (SELECT 1"
	                  " FROM links l WHERE (l.from_id = e.id OR l.to_id = e.id)"
	                  " AND l.ended_at IS NULL) ORDER BY e.id",
	                  child_id, rc);
}

json_t *store_network_links(struct db *db, const struct store_concern_viewer *cv, int limit,
                            int *rc)
{
	json_t *rows = store_concern_rows(db, cv, rc, LINKS_SQL, "d", limit);
	if (rows) {
		static const char *const bools[] = {"restricted", NULL};
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r) json_to_bools(r, bools);
	}
	return rows;
}

/* Every parameter of the viewer is named (SQLite binds only parameters a statement
 * uses); the condition always holds. */
#define ANY_VIEWER                                                                                 \
	"($1 IS NULL OR $2 IS NULL OR $3 IS NULL OR $4 IS NULL OR $5 IS NULL OR $6 IS NULL"        \
	" OR 1 = 1)"

/* Each takes the entity at $7 (the viewer at $1..$6, of which $6 is used). */
static const char CHILD_SQL[] =
        "SELECT c.given_names || ' ' || c.family_name AS label, r.current_category AS category,"
        " coalesce(r.owning_borough_id, c.residence_borough_id) AS borough,"
        " r.reference AS record, 0 AS \"order\", 0 AS hotspot, c.id AS child"
        " FROM children c LEFT JOIN records r ON r.child_id = c.id"
        " WHERE c.id = $7 AND " ANY_VIEWER;
static const char PERSON_SQL[] =
        "SELECT p.label AS label, NULL AS category, NULL AS borough, NULL AS record,"
        " EXISTS (SELECT 1 FROM disruptions d WHERE d.person_id = p.id AND d.class = 'order'"
        " AND d.status IN ('made', 'served', 'varied', 'breached')"
        " AND (d.restricted = 0 OR $6 = 1)) AS \"order\", 0 AS hotspot, NULL AS child"
        " FROM people p"
        " WHERE p.id = $7 AND " ANY_VIEWER;
static const char PLACE_SQL[] =
        "SELECT coalesce(p.name, p.address, p.id) AS label, NULL AS category,"
        " p.borough_id AS borough, NULL AS record, 0 AS \"order\", p.hotspot AS hotspot,"
        " NULL AS child FROM places p WHERE p.id = $7 AND " ANY_VIEWER;
static const char VEHICLE_SQL[] =
        "SELECT coalesce(v.vrm, v.registration) AS label, NULL AS category, NULL AS borough,"
        " NULL AS record, 0 AS \"order\", 0 AS hotspot, NULL AS child FROM vehicles v"
        " WHERE v.id = $7 AND " ANY_VIEWER;
static const char PHONE_SQL[] =
        "SELECT coalesce(t.e164, t.number) AS label, NULL AS category, NULL AS borough,"
        " NULL AS record, 0 AS \"order\", 0 AS hotspot, NULL AS child FROM phones t"
        " WHERE t.id = $7 AND " ANY_VIEWER;
static const char EPISODE_SQL[] =
        "SELECT 'Missing episode of ' || c.given_names || ' ' || c.family_name ||"
        " ', reported ' || substr(e.reported_at, 1, 10) AS label, NULL AS category,"
        " NULL AS borough, NULL AS record, 0 AS \"order\", 0 AS hotspot, e.child_id AS child"
        " FROM episodes e JOIN children c ON c.id = e.child_id WHERE e.id = $7 AND " ANY_VIEWER;

json_t *store_network_node(struct db *db, const struct store_concern_viewer *cv, const char *type,
                           const char *id, int *rc)
{
	const char *sql = strcmp(type, "child") == 0     ? CHILD_SQL
	                  : strcmp(type, "person") == 0  ? PERSON_SQL
	                  : strcmp(type, "place") == 0   ? PLACE_SQL
	                  : strcmp(type, "vehicle") == 0 ? VEHICLE_SQL
	                  : strcmp(type, "phone") == 0   ? PHONE_SQL
	                  : strcmp(type, "episode") == 0 ? EPISODE_SQL
	                                                 : NULL;
	if (!sql) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	json_t *rows = store_concern_rows(db, cv, rc, sql, "s", id);
	if (!rows)
		return NULL;
	json_t *one = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!one)
		*rc = DB_DONE;
	return one;
}
