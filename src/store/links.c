/* links.c (store): links, entity labels and who sees persons and places (see links.h). */
#include "store/links.h"

#include <stdarg.h>

#include "store/rows.h"

/* The person or place of alias e is seen by the viewer at $1..$6. */
#define VISIBLE_E STORE_CONCERN_VISIBLE("e")

void store_concern_viewer_bind(struct db_stmt *st, const struct store_concern_viewer *cv)
{
	store_viewer_bind(st, 1, &cv->v);
	db_bind_int64(st, 5, cv->all ? 1 : 0);
	db_bind_int64(st, 6, cv->restricted ? 1 : 0);
}

json_t *store_concern_rows(struct db *db, const struct store_concern_viewer *cv, int *rc,
                           const char *sql, const char *types, ...)
{
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	if (*rc != DB_OK)
		return NULL;
	store_concern_viewer_bind(st, cv);
	va_list ap;
	va_start(ap, types);
	*rc = db_vbind(st, 7, types, ap);
	va_end(ap);
	if (*rc != DB_OK) {
		db_reset(st);
		return NULL;
	}
	return rows_all(st, rc);
}

int store_concern_visible(struct db *db, const struct store_concern_viewer *cv, const char *type,
                          const char *id, bool *out)
{
	*out = false;
	const char *sql;
	if (strcmp(type, "person") == 0)
		sql = "SELECT count(*) AS n FROM people e WHERE e.id = $7 AND " VISIBLE_E;
	else if (strcmp(type, "place") == 0)
		sql = "SELECT count(*) AS n FROM places e WHERE e.id = $7 AND " VISIBLE_E;
	else
		return DB_E_MISUSE;
	int rc;
	json_t *rows = store_concern_rows(db, cv, &rc, sql, "s", id);
	if (!rows)
		return rc;
	*out = json_integer_value(json_object_get(json_array_get(rows, 0), "n")) > 0;
	json_decref(rows);
	return DB_OK;
}

int store_link_insert(struct db *db, const struct store_link_new *l)
{
	return db_run(
	        db,
	        "INSERT INTO links (id, kind, from_type, from_id, from_child_id, to_type, to_id,"
	        " to_child_id, from_date, to_date, nature, source_eval, assessment, handling,"
	        " handling_conditions, source, note, restricted, recorded_at, recorded_by,"
	        " recorded_by_name, agency_id, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	        " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
	        "sssssssssssssssssbtsssb", l->id, l->kind, l->from_type, l->from_id,
	        l->from_child_id, l->to_type, l->to_id, l->to_child_id, l->from_date, l->to_date,
	        l->nature, l->source_eval, l->assessment, l->handling, l->handling_conditions,
	        l->source, l->note, l->restricted, l->at, l->recorded_by, l->recorded_by_name,
	        l->agency_id, l->demo);
}

static const struct row_col LINK_COLS[] = {
        ROW_COL(struct link_row, id, ROW_TEXT),
        ROW_COL(struct link_row, kind, ROW_TEXT),
        ROW_COL(struct link_row, from_type, ROW_TEXT),
        ROW_COL(struct link_row, from_id, ROW_TEXT),
        ROW_COL(struct link_row, from_child_id, ROW_TEXT),
        ROW_COL(struct link_row, to_type, ROW_TEXT),
        ROW_COL(struct link_row, to_id, ROW_TEXT),
        ROW_COL(struct link_row, to_child_id, ROW_TEXT),
        ROW_COL(struct link_row, restricted, ROW_BOOL),
        ROW_COL(struct link_row, ended, ROW_BOOL),
};
static const struct row_desc LINK = ROW_DESC(struct link_row, LINK_COLS);

int store_link_get(struct db *db, const char *id, struct link_row *l)
{
	return row_get(db, &LINK, l,
	               "SELECT id, kind, from_type, from_id, from_child_id, to_type, to_id,"
	               " to_child_id, restricted, ended_at IS NOT NULL AS ended FROM links"
	               " WHERE id = $1",
	               "s", id);
}

int store_link_end(struct db *db, const char *id, const char *by, const char *by_name,
                   const char *reason, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE links SET ended_at = $2, ended_by = $3, ended_by_name = $4,"
	                " ended_reason = $5 WHERE id = $1 AND ended_at IS NULL",
	                "stsss", id, at, by, by_name, reason);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

/* The label of the entity of type column T and id column I, as an SQL expression. */
#define LABEL_OF(T, I)                                                                             \
	"CASE " T " WHEN 'child' THEN (SELECT lc.given_names || ' ' || lc.family_name"             \
	" FROM children lc WHERE lc.id = " I ")"                                                   \
	" WHEN 'person' THEN (SELECT lp.label FROM people lp WHERE lp.id = " I ")"                 \
	" WHEN 'place' THEN (SELECT coalesce(lq.name, lq.address) FROM places lq"                  \
	" WHERE lq.id = " I ")"                                                                    \
	" WHEN 'vehicle' THEN (SELECT coalesce(lv.vrm, lv.registration) FROM vehicles lv"          \
	" WHERE lv.id = " I ")"                                                                    \
	" WHEN 'phone' THEN (SELECT coalesce(lt.e164, lt.number) FROM phones lt"                   \
	" WHERE lt.id = " I ")"                                                                    \
	" WHEN 'episode' THEN (SELECT 'Missing episode of ' || le.given_names || ' ' ||"           \
	" le.family_name || ', reported ' || substr(ep.reported_at, 1, 10)"                        \
	" FROM episodes ep JOIN children le ON le.id = ep.child_id WHERE ep.id = " I ")"           \
	" END"

#define LINK_COLUMNS                                                                               \
	" from_date, to_date, nature, source_eval, assessment, handling, handling_conditions,"     \
	" source, note, restricted, recorded_at, recorded_by_name, ended_at, ended_by_name,"       \
	" ended_reason"

#define FROM_LABEL LABEL_OF("from_type", "from_id")
#define TO_LABEL LABEL_OF("to_type", "to_id")
static const char LINK_VIEW_SQL[] = "SELECT id, kind, from_type, from_id, " FROM_LABEL
                                    " AS from_label, to_type, to_id, " TO_LABEL
                                    " AS to_label," LINK_COLUMNS " FROM links WHERE id = $1";

json_t *store_link_view(struct db *db, const char *id, int *rc)
{
	json_t *o = rows_one(db, LINK_VIEW_SQL, id, rc);
	if (o) {
		static const char *const bools[] = {"restricted", NULL};
		rows_bools(o, bools);
	}
	return o;
}

/* One side of the links of $7: those whose `me` end is the entity. */
#define LINKS_SIDE(me, other, dir)                                                                 \
	"SELECT l.id, l.kind, '" dir "' AS direction, l." other "_type AS other_type, l." other    \
	"_id AS other_id, l." other "_child_id AS other_child, l.from_date, l.to_date, l.nature,"  \
	" l.source_eval, l.assessment, l.handling, l.handling_conditions, l.source, l.note,"       \
	" l.restricted, l.recorded_at, l.recorded_by_name, l.ended_at, l.ended_by_name,"           \
	" l.ended_reason FROM links l WHERE l." me "_id = $7"

#define OTHER_LABEL LABEL_OF("x.other_type", "x.other_id")
#define SIDE_FROM LINKS_SIDE("from", "to", "from")
#define SIDE_TO LINKS_SIDE("to", "from", "to")
#define OTHER_CHILD_SEEN STORE_CHILD_SEEN("x.other_child")

/* $7 the entity, $8 include ended links, $9 the limit; the viewer at $1..$6. */
static const char LINKS_OF_SQL[] =
        "SELECT x.id, x.kind, x.direction, x.other_type, x.other_id, " OTHER_LABEL
        " AS other_label, x.from_date, x.to_date, x.nature, x.source_eval, x.assessment,"
        " x.handling, x.handling_conditions, x.source, x.note, x.restricted, x.recorded_at,"
        " x.recorded_by_name, x.ended_at, x.ended_by_name, x.ended_reason"
        " FROM (" SIDE_FROM " UNION ALL " SIDE_TO ") x"
        " WHERE (x.restricted = 0 OR $6 = 1) AND ($8 = 1 OR x.ended_at IS NULL)"
        " AND ((x.other_type IN ('child', 'episode') AND " OTHER_CHILD_SEEN ")"
        " OR x.other_type IN ('vehicle', 'phone')"
        " OR (x.other_type = 'person' AND EXISTS (SELECT 1 FROM people e"
        " WHERE e.id = x.other_id AND " VISIBLE_E "))"
        " OR (x.other_type = 'place' AND EXISTS (SELECT 1 FROM places e"
        " WHERE e.id = x.other_id AND " VISIBLE_E ")))"
        " ORDER BY x.recorded_at DESC, x.id LIMIT $9";

json_t *store_links_of(struct db *db, const struct store_concern_viewer *cv, const char *id,
                       bool include_ended, int limit, int *rc)
{
	json_t *rows = store_concern_rows(db, cv, rc, LINKS_OF_SQL, "sdd", id,
	                                  include_ended ? 1 : 0, limit);
	if (rows) {
		static const char *const bools[] = {"restricted", NULL};
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r) rows_bools(r, bools);
	}
	return rows;
}

int store_entity_label(struct db *db, const char *type, const char *id, char *out, size_t n,
                       char *child_id)
{
	if (n)
		out[0] = '\0';
	if (child_id)
		child_id[0] = '\0';
	const char *sql = NULL;
	if (strcmp(type, "child") == 0)
		sql = "SELECT given_names || ' ' || family_name, id FROM children WHERE id = $1";
	else if (strcmp(type, "person") == 0)
		sql = "SELECT label, NULL FROM people WHERE id = $1";
	else if (strcmp(type, "place") == 0)
		sql = "SELECT coalesce(name, address), NULL FROM places WHERE id = $1";
	else if (strcmp(type, "vehicle") == 0)
		sql = "SELECT coalesce(vrm, registration), NULL FROM vehicles WHERE id = $1";
	else if (strcmp(type, "phone") == 0)
		sql = "SELECT coalesce(e164, number), NULL FROM phones WHERE id = $1";
	else if (strcmp(type, "episode") == 0)
		sql = "SELECT 'Missing episode of ' || c.given_names || ' ' || c.family_name ||"
		      " ', reported ' || substr(e.reported_at, 1, 10), e.child_id"
		      " FROM episodes e JOIN children c ON c.id = e.child_id WHERE e.id = $1";
	else
		return DB_E_MISUSE;
	struct db_stmt *st;
	int rc = db_cached(db, sql, &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		row_copy_text(st, 0, out, n);
		if (child_id)
			row_copy_text(st, 1, child_id, 32);
	}
	db_reset(st);
	return rc;
}
