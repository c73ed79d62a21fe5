/* networks.c (store): the links and node facts the network analyses read (see
 * networks.h). */
#include "store/networks.h"

#include <stdlib.h>
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

/* The entities of a batch, bound at $7 .. $(6 + STORE_NET_BATCH) (unused ones NULL), where
 * a template says IDS. */
#define IDS_MARK "@IDS"

/* `tmpl` with each IDS_MARK replaced by the batch's parameter list (caller frees). */
static char *batch_sql(const char *tmpl)
{
	char list[STORE_NET_BATCH * 6];
	size_t at = 0;
	for (int i = 0; i < STORE_NET_BATCH; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s$%d", i ? ", " : "", 7 + i);
	size_t marks = 0;
	for (const char *p = strstr(tmpl, IDS_MARK); p; p = strstr(p + 1, IDS_MARK))
		marks++;
	size_t len = strlen(tmpl) + marks * at + 1;
	char *out = malloc(len), *w = out;
	if (!out)
		return NULL;
	for (const char *p = tmpl;;) {
		const char *m = strstr(p, IDS_MARK);
		size_t k = m ? (size_t)(m - p) : strlen(p);
		memcpy(w, p, k);
		w += k;
		if (!m)
			break;
		memcpy(w, list, at);
		w += at;
		p = m + strlen(IDS_MARK);
	}
	*w = '\0';
	return out;
}

/* Runs batch template `tmpl` with the viewer at $1..$6, ids[0..n) from $7 and, when
 * `limit` > 0, the limit after them; every row. */
static json_t *batch_rows(struct db *db, const struct store_concern_viewer *cv, const char *tmpl,
                          const char *const *ids, size_t n, int limit, int *rc)
{
	if (n > STORE_NET_BATCH) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	char *sql = batch_sql(tmpl);
	if (!sql) {
		*rc = DB_E_NOMEM;
		return NULL;
	}
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	free(sql);
	if (*rc != DB_OK)
		return NULL;
	store_concern_viewer_bind(st, cv);
	for (int i = 0; *rc == DB_OK && i < STORE_NET_BATCH; i++)
		*rc = (size_t)i < n ? db_bind_text(st, 7 + i, ids[i]) : db_bind_null(st, 7 + i);
	if (*rc == DB_OK && limit > 0)
		*rc = db_bind_int64(st, 7 + STORE_NET_BATCH, limit);
	if (*rc != DB_OK) {
		db_reset(st);
		return NULL;
	}
	return rows_all(st, rc);
}

/* $71 the limit (7 + STORE_NET_BATCH). */
static const char LINKS_ANY_SQL[] =
        "SELECT l.id, l.kind, l.from_type, l.from_id, l.from_child_id, l.to_type, l.to_id,"
        " l.to_child_id, l.from_date, l.to_date, l.nature, l.restricted FROM links l"
        " WHERE (l.from_id IN (" IDS_MARK ") OR l.to_id IN (" IDS_MARK "))"
        " AND l.ended_at IS NULL AND (l.restricted = 0 OR $6 = 1)"
        " AND " END_SEEN("from") " AND " END_SEEN("to") " ORDER BY l.id LIMIT $71";

json_t *store_network_links_of_any(struct db *db, const struct store_concern_viewer *cv,
                                   const char *const *ids, size_t n, int limit, int *rc)
{
	json_t *rows = batch_rows(db, cv, LINKS_ANY_SQL, ids, n, limit > 0 ? limit : 1, rc);
	restricted_bools(rows);
	return rows;
}

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

json_t *store_network_episodes_of_any(struct db *db, const char *const *ids, size_t n, int *rc)
{
	static const struct store_concern_viewer none = {0};
	return batch_rows(db, &none,
	                  "SELECT e.id, e.child_id AS child FROM episodes e WHERE e.child_id IN"
	                  " (" IDS_MARK ") AND EXISTS (SELECT 1 FROM links l"
	                  " WHERE (l.from_id = e.id OR l.to_id = e.id) AND l.ended_at IS NULL)"
	                  " AND " ANY_VIEWER " ORDER BY e.id",
	                  ids, n, 0, rc);
}

/* Nodes of each type among a batch. */
#define SOME(node) "SELECT x.id AS id, " node " WHERE x.id IN (" IDS_MARK ") AND " ANY_VIEWER
static const char *const SOME_SQL[] = {SOME(CHILD_NODE),   SOME(PERSON_NODE), SOME(PLACE_NODE),
                                       SOME(VEHICLE_NODE), SOME(PHONE_NODE),  SOME(EPISODE_NODE)};

json_t *store_network_nodes_of(struct db *db, const struct store_concern_viewer *cv,
                               const char *type, const char *const *ids, size_t n, int *rc)
{
	int t = type_index(type);
	if (t < 0) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	return batch_rows(db, cv, SOME_SQL[t], ids, n, 0, rc);
}

/* A low-category child (alias x, its record r) that is an end of a current link. */
#define LOW_LINKED                                                                                 \
	"(r.current_category IS NULL OR r.current_category = 1) AND " STORE_CHILD_SEEN(            \
	        "x.id") " AND (EXISTS (SELECT 1 FROM links l WHERE l.from_child_id = x.id AND "    \
	                "l.ended_at IS NULL)"                                                      \
	                " OR EXISTS (SELECT 1 FROM links l WHERE l.to_child_id = x.id AND "        \
	                "l.ended_at IS NULL))"

json_t *store_network_low_children(struct db *db, const struct store_concern_viewer *cv,
                                   const char *borough_id, int *rc)
{
	return store_concern_rows(
	        db, cv, rc,
	        "SELECT x.id FROM records r JOIN children x ON x.id = r.child_id"
	        " WHERE r.owning_borough_id = $7 AND " LOW_LINKED " AND " ANY_VIEWER
	        " UNION SELECT x.id FROM children x LEFT JOIN records r ON r.child_id = x.id"
	        " WHERE x.residence_borough_id = $7 AND r.owning_borough_id IS NULL"
	        " AND " LOW_LINKED " AND " ANY_VIEWER " ORDER BY 1",
	        "s", borough_id);
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
