/* places.c (store): places and hotspots, vehicles and phones (see places.h). */
#include "store/places.h"

#include "store/rows.h"

/* The place of alias e is seen by the viewer at $1..$6. */
#define VISIBLE_E STORE_CONCERN_VISIBLE("e")

int store_place_insert(struct db *db, const struct store_place_new *p)
{
	return db_run(db,
	              "INSERT INTO places (id, type, name, name_key, address, postcode,"
	              " outward, borough_id, notes, agency_id, created_by, created_at,"
	              " updated_at, restricted, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	              " $8, $9, $10, $11, $12, $12, $13, $14)",
	              "ssssssssssstbb", p->id, p->type, p->name, p->name_key, p->address,
	              p->postcode, p->outward, p->borough_id, p->notes, p->agency_id, p->created_by,
	              p->at, p->restricted, p->demo);
}

static const struct row_col PLACE_HEAD_COLS[] = {
        ROW_COL(struct place_head, id, ROW_TEXT),
        ROW_COL(struct place_head, agency_id, ROW_TEXT),
        ROW_COL(struct place_head, restricted, ROW_BOOL),
        ROW_COL(struct place_head, hotspot, ROW_BOOL),
};
static const struct row_desc PLACE_HEAD = ROW_DESC(struct place_head, PLACE_HEAD_COLS);

int store_place_head(struct db *db, const char *id, struct place_head *h)
{
	return row_get(db, &PLACE_HEAD, h,
	               "SELECT id, agency_id, restricted, hotspot FROM places WHERE id = $1", "s",
	               id);
}

json_t *store_place_candidates(struct db *db, const struct store_concern_viewer *cv,
                               const char *name_key, const char *postcode, int limit, int *rc)
{
	return store_concern_rows(db, cv, rc,
	                          "SELECT e.id, e.type, e.name, e.address, e.postcode,"
	                          " b.name AS borough FROM places e"
	                          " LEFT JOIN boroughs b ON b.id = e.borough_id"
	                          " WHERE ((e.name_key = $7 AND $7 IS NOT NULL)"
	                          " OR (e.postcode = $8 AND $8 IS NOT NULL))"
	                          " AND " VISIBLE_E " ORDER BY e.id LIMIT $9",
	                          "ssd", name_key, postcode, limit);
}

int store_place_set_hotspot(struct db *db, const char *id, bool hotspot, const char *rationale,
                            const char *by, const char *by_name, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE places SET hotspot = $2, hotspot_rationale = $3, hotspot_at = $4,"
	                " hotspot_by = $5, hotspot_by_name = $6, updated_at = $4 WHERE id = $1",
	                "sdstss", id, hotspot ? 1 : 0, rationale, at, by, by_name);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	if (rc == DB_OK)
		rc = db_run(db,
		            "INSERT INTO place_hotspots (place_id, hotspot, rationale, at, by_id,"
		            " by_name) VALUES ($1, $2, $3, $4, $5, $6)",
		            "sdstss", id, hotspot ? 1 : 0, rationale, at, by, by_name);
	return rc;
}

/* Counts of a place's links as SQL expressions over place id P and restricted flag R. */
#define PLACE_CHILDREN(P, R)                                                                       \
	"(SELECT count(*) FROM (SELECT from_child_id AS c FROM links WHERE to_id = " P             \
	" AND from_child_id IS NOT NULL AND (restricted = 0 OR " R " = 1)"                         \
	" UNION SELECT to_child_id FROM links WHERE from_id = " P " AND to_child_id IS NOT NULL"   \
	" AND (restricted = 0 OR " R " = 1)) pc)"
#define PLACE_EPISODES(P, R)                                                                       \
	"(SELECT count(*) FROM (SELECT from_id AS e FROM links WHERE to_id = " P                   \
	" AND from_type = 'episode' AND (restricted = 0 OR " R " = 1)"                             \
	" UNION SELECT to_id FROM links WHERE from_id = " P " AND to_type = 'episode'"             \
	" AND (restricted = 0 OR " R " = 1)) pe)"

#define COUNT_CHILDREN PLACE_CHILDREN("$1", "$2")
#define COUNT_EPISODES PLACE_EPISODES("$1", "$2")

int store_place_counts(struct db *db, const char *id, bool restricted, int64_t *children,
                       int64_t *episodes)
{
	*children = *episodes = 0;
	struct db_stmt *st;
	int rc = db_cached(db, "SELECT " COUNT_CHILDREN ", " COUNT_EPISODES, &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, id);
	db_bind_int64(st, 2, restricted ? 1 : 0);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*children = db_column_int64(st, 0);
		*episodes = db_column_int64(st, 1);
		rc = DB_OK;
	}
	db_reset(st);
	return rc;
}

json_t *store_place_get(struct db *db, const char *id, int *rc)
{
	json_t *o = rows_one(
	        db,
	        "SELECT p.id, p.type, p.name, p.address, p.postcode, p.outward, p.borough_id,"
	        " b.name AS borough, p.notes, p.restricted, p.hotspot, p.hotspot_rationale,"
	        " p.hotspot_at, p.hotspot_by_name, p.agency_id, a.name AS agency, p.created_at,"
	        " p.updated_at, p.is_demo FROM places p LEFT JOIN boroughs b ON b.id = p.borough_id"
	        " LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1",
	        id, rc);
	if (!o)
		return NULL;
	static const char *const bools[] = {"restricted", "hotspot", "is_demo", NULL};
	rows_bools(o, bools);
	json_t *h = rows_query(db,
	                       "SELECT hotspot, rationale, at, by_name FROM place_hotspots"
	                       " WHERE place_id = $1 ORDER BY at DESC, id DESC",
	                       id, rc);
	if (!h) {
		json_decref(o);
		return NULL;
	}
	size_t i;
	json_t *r;
	json_array_foreach(h, i, r) rows_bools(r, bools);
	json_object_set_new(o, "hotspot_history", h);
	*rc = DB_OK;
	return o;
}

#define LIST_CHILDREN PLACE_CHILDREN("e.id", "$6")
#define LIST_EPISODES PLACE_EPISODES("e.id", "$6")

/* $7 borough, $8 type, $9 hotspots only, $10 after, $11 limit; the viewer at $1..$6. */
static const char PLACES_LIST_SQL[] =
        "SELECT e.id, e.type, e.name, e.address, e.postcode, b.name AS borough, e.hotspot,"
        " e.restricted, " LIST_CHILDREN " AS children, " LIST_EPISODES " AS episodes"
        " FROM places e LEFT JOIN boroughs b ON b.id = e.borough_id"
        " WHERE ($7 IS NULL OR e.borough_id = $7) AND ($8 IS NULL OR e.type = $8)"
        " AND ($9 = 0 OR e.hotspot = 1) AND ($10 IS NULL OR e.id > $10)"
        " AND " VISIBLE_E " ORDER BY e.id LIMIT $11";

json_t *store_places_list(struct db *db, const struct store_concern_viewer *cv,
                          const char *borough_id, const char *type, bool hotspots_only,
                          const char *after, int limit, int *rc)
{
	json_t *rows = store_concern_rows(db, cv, rc, PLACES_LIST_SQL, "ssdsd", borough_id, type,
	                                  hotspots_only ? 1 : 0, after, limit);
	if (rows) {
		static const char *const bools[] = {"hotspot", "restricted", NULL};
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r) rows_bools(r, bools);
	}
	return rows;
}

/* ---- vehicles and phones ---- */

int store_vehicle_insert(struct db *db, const struct store_vehicle_new *v)
{
	return db_run(db,
	              "INSERT INTO vehicles (id, registration, vrm, match_key, make, model,"
	              " colour, agency_id, created_by, created_at, updated_at, parsed,"
	              " is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11,"
	              " $12)",
	              "ssssssssstbb", v->id, v->registration, v->vrm, v->match_key, v->make,
	              v->model, v->colour, v->agency_id, v->created_by, v->at, v->vrm != NULL,
	              v->demo);
}

/* A vehicle or phone found by match key: display text is cut to fit, as ever. */
static const struct row_col IDENT_COLS[] = {
        ROW_COL(struct ident_row, id, ROW_TEXT),
        ROW_COLF(struct ident_row, given, ROW_TEXT, ROW_CUT),
        ROW_COL(struct ident_row, normal, ROW_TEXT),
        ROW_COL(struct ident_row, parsed, ROW_BOOL),
        ROW_COLF(struct ident_row, make, ROW_TEXT, ROW_CUT),
        ROW_COLF(struct ident_row, model, ROW_TEXT, ROW_CUT),
        ROW_COLF(struct ident_row, colour, ROW_TEXT, ROW_CUT),
};
static const struct row_desc IDENT = ROW_DESC(struct ident_row, IDENT_COLS);

int store_vehicle_find(struct db *db, const char *match_key, struct ident_row *v)
{
	return row_get(db, &IDENT, v,
	               "SELECT id, registration AS given, vrm AS normal, parsed, make, model,"
	               " colour FROM vehicles WHERE match_key = $1",
	               "s", match_key);
}

int store_vehicle_fill(struct db *db, const char *id, const char *make, const char *model,
                       const char *colour, int64_t at)
{
	return db_run(
	        db,
	        "UPDATE vehicles SET make = coalesce(make, $2), model = coalesce(model, $3),"
	        " colour = coalesce(colour, $4), updated_at = $5 WHERE id = $1"
	        " AND ((make IS NULL AND $2 IS NOT NULL) OR (model IS NULL AND $3 IS NOT NULL)"
	        " OR (colour IS NULL AND $4 IS NOT NULL))",
	        "sssst", id, make, model, colour, at);
}

json_t *store_vehicle_get(struct db *db, const char *id, int *rc)
{
	json_t *o = rows_one(db,
	                     "SELECT id, registration, vrm, parsed, make, model, colour,"
	                     " created_at FROM vehicles WHERE id = $1",
	                     id, rc);
	static const char *const bools[] = {"parsed", NULL};
	if (o)
		rows_bools(o, bools);
	return o;
}

int store_phone_insert(struct db *db, const struct store_phone_new *p)
{
	return db_run(db,
	              "INSERT INTO phones (id, number, e164, match_key, parsed, agency_id,"
	              " created_by, created_at, updated_at, is_demo) VALUES ($1, $2, $3, $4, $5,"
	              " $6, $7, $8, $8, $9)",
	              "ssssbsstb", p->id, p->number, p->e164, p->match_key, p->e164 != NULL,
	              p->agency_id, p->created_by, p->at, p->demo);
}

int store_phone_find(struct db *db, const char *match_key, struct ident_row *p)
{
	return row_get(db, &IDENT, p,
	               "SELECT id, number AS given, e164 AS normal, parsed, NULL AS make,"
	               " NULL AS model, NULL AS colour FROM phones WHERE match_key = $1",
	               "s", match_key);
}

json_t *store_phone_get(struct db *db, const char *id, int *rc)
{
	json_t *o = rows_one(
	        db, "SELECT id, number, e164, parsed, created_at FROM phones WHERE id = $1", id,
	        rc);
	static const char *const bools[] = {"parsed", NULL};
	if (o)
		rows_bools(o, bools);
	return o;
}
