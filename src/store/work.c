/*
 * work.c: work-queue queries (see work.h). Each query is written once with optional
 * scope parameters ($n IS NULL OR ...), so one prepared statement serves every scope;
 * $3 is always the page size.
 */
#include "store/work.h"

#include "store/access.h"
#include "store/rows.h"

/* Binds a query's parameters: $1 and $2 text when the query names them, $3 the page
 * size (list only), $4..$7 the viewer when the query names $4 (STORE_VISIBLE). */
static int bind_scope(struct db_stmt *st, const char *sql, const char *p1, const char *p2,
                      const struct store_viewer *v)
{
	int rc = DB_OK;
	if (strstr(sql, "$1"))
		rc = db_bind_text(st, 1, p1);
	if (rc == DB_OK && strstr(sql, "$2"))
		rc = db_bind_text(st, 2, p2);
	if (rc == DB_OK && v && strstr(sql, "$4"))
		rc = store_viewer_bind(st, 4, v);
	return rc;
}

/* Runs a list query and its count query with the same parameters. */
static json_t *listed(struct db *db, const char *list_sql, const char *count_sql, const char *p1,
                      const char *p2, const struct store_viewer *v, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, list_sql, &st);
	if (*rc != DB_OK)
		return NULL;
	/* a query names only the scope parameters it uses */
	*rc = bind_scope(st, list_sql, p1, p2, v);
	if (*rc != DB_OK) {
		db_reset(st);
		return NULL;
	}
	db_bind_int64(st, 3, limit);
	json_t *items = rows_all(st, rc);
	if (!items)
		return NULL;
	int64_t n = 0;
	struct db_stmt *cs;
	*rc = db_cached(db, count_sql, &cs);
	if (*rc == DB_OK) {
		*rc = bind_scope(cs, count_sql, p1, p2, v);
		if (*rc == DB_OK && strstr(count_sql, "$3"))
			db_bind_int64(cs, 3, limit);
		if (*rc == DB_OK)
			*rc = db_step(cs);
		if (*rc == DB_ROW) {
			n = db_column_int64(cs, 0);
			*rc = DB_OK;
		}
		db_reset(cs);
	}
	if (*rc != DB_OK) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:I, s:o}", "count", (json_int_t)n, "items", items);
}

/* R-INFO-3: the children the viewer sees ($4..$7), as on the record page. */
#define VISIBLE(col) " " STORE_VISIBLE(col, "$4", "$5", "$6", "$7")

#define RECORD_ITEM                                                                                \
	"SELECT r.reference, r.current_category AS category, r.updated_at, c.given_names,"         \
	" c.family_name, c.date_of_birth FROM records r JOIN children c ON c.id = r.child_id "

json_t *store_work_referrals(struct db *db, const char *routes, const struct store_viewer *v,
                             int limit, int *rc)
{
	static const char *where = " WHERE f.status = 'awaiting_triage' AND instr(',' || $1 || "
	                           "',', ',' || f.route || ',') > 0"
	                           " AND" VISIBLE("f.child_id");
	char list[1024], count[1024];
	snprintf(list, sizeof list,
	         "SELECT f.id, f.submitted_at, f.route, rec.reference AS record_ref, c.given_names,"
	         " c.family_name, a.name AS source_agency FROM referrals f"
	         " JOIN children c ON c.id = f.child_id LEFT JOIN records rec ON rec.id = "
	         "f.record_id"
	         " LEFT JOIN agencies a ON a.id = f.source_agency_id%s"
	         " ORDER BY f.submitted_at LIMIT $3",
	         where);
	snprintf(count, sizeof count, "SELECT count(*) FROM referrals f%s", where);
	return listed(db, list, count, routes, NULL, v, limit, rc);
}

json_t *store_work_uncategorised(struct db *db, const struct store_viewer *v, int limit, int *rc)
{
	return listed(db,
	              RECORD_ITEM "WHERE r.status = 'open' AND r.current_category IS NULL AND"
	                          " " VISIBLE("r.child_id") " ORDER BY r.opened_at LIMIT $3",
	              "SELECT count(*) FROM records r WHERE r.status = 'open' AND"
	              " r.current_category IS NULL AND" VISIBLE("r.child_id"),
	              NULL, NULL, v, limit, rc);
}

#define AWAITING_REVIEW                                                                            \
	" WHERE r.status = 'open' AND EXISTS (SELECT 1 FROM category_decisions d"                  \
	" WHERE d.record_id = r.id AND d.kind = 'initial' AND NOT EXISTS (SELECT 1 FROM"           \
	" supervisor_reviews s WHERE s.record_id = r.id AND s.reviewed_at >= d.decided_at))"       \
	" AND ($2 IS NULL OR EXISTS (SELECT 1 FROM referrals f"                                    \
	" WHERE f.record_id = r.id AND f.route = 'police_pathway' AND f.source_agency_id = $2))"

json_t *store_work_awaiting_review(struct db *db, const char *agency_id, int limit, int *rc)
{
	return listed(db, RECORD_ITEM AWAITING_REVIEW " ORDER BY r.updated_at LIMIT $3",
	              "SELECT count(*) FROM records r" AWAITING_REVIEW, NULL, agency_id, NULL,
	              limit, rc);
}

#define STEPS_OUTSTANDING                                                                          \
	" WHERE r.status = 'open' AND coalesce((SELECT e.outstanding FROM essential_steps e"       \
	" WHERE e.record_id = r.id ORDER BY e.recorded_at DESC, e.rowid DESC LIMIT 1),"            \
	" 'E1,E2,E3,E4,E5') <> '' AND" VISIBLE("r.child_id")

json_t *store_work_steps_outstanding(struct db *db, const struct store_viewer *v, int limit,
                                     int *rc)
{
	return listed(db, RECORD_ITEM STEPS_OUTSTANDING " ORDER BY r.opened_at LIMIT $3",
	              "SELECT count(*) FROM records r" STEPS_OUTSTANDING, NULL, NULL, v, limit, rc);
}

json_t *store_work_my_children(struct db *db, const char *user_id, int limit, int *rc)
{
	return listed(db,
	              RECORD_ITEM "WHERE c.social_worker_id = $1"
	                          " ORDER BY r.updated_at DESC LIMIT $3",
	              "SELECT count(*) FROM records r JOIN children c ON c.id = r.child_id"
	              " WHERE c.social_worker_id = $1",
	              user_id, NULL, NULL, limit, rc);
}

json_t *store_work_allocated(struct db *db, const char *allocation, const char *borough_id,
                             const struct store_viewer *v, int limit, int *rc)
{
	return listed(db,
	              RECORD_ITEM "WHERE r.status = 'open' AND r.allocation = $1 AND"
	                          " ($2 IS NULL OR r.allocated_borough_id = $2) AND" VISIBLE(
	                                  "r.child_id") " ORDER BY r.updated_at DESC LIMIT $3",
	              "SELECT count(*) FROM records r WHERE r.status = 'open' AND r.allocation = $1"
	              " AND ($2 IS NULL OR r.allocated_borough_id = $2) AND" VISIBLE("r.child_id"),
	              allocation, borough_id, v, limit, rc);
}

json_t *store_work_missing_now(struct db *db, const struct store_viewer *v, int limit, int offset,
                               int *rc)
{
	static const char *where = " WHERE e.status = 'open' AND" VISIBLE("e.child_id");
	char list[1536], count[512];
	snprintf(list, sizeof list,
	         "SELECT e.id AS episode_id, e.child_id, c.given_names, c.family_name,"
	         " e.classification, e.risk_level, e.reported_at, e.last_seen_at,"
	         " e.last_seen_where, e.last_seen_with, e.missing_from, b.name AS borough"
	         " FROM episodes e JOIN children c ON c.id = e.child_id"
	         " LEFT JOIN boroughs b ON b.id = c.residence_borough_id%s"
	         " ORDER BY CASE e.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1"
	         " WHEN 'low' THEN 2 WHEN 'no_apparent_risk' THEN 4 ELSE 3 END,"
	         " COALESCE(e.last_seen_at, e.reported_at), e.id LIMIT $3 OFFSET $8",
	         where);
	snprintf(count, sizeof count, "SELECT count(*) FROM episodes e%s", where);
	struct db_stmt *st;
	*rc = db_cached(db, list, &st);
	if (*rc != DB_OK)
		return NULL;
	*rc = store_viewer_bind(st, 4, v);
	if (*rc != DB_OK) {
		db_reset(st);
		return NULL;
	}
	db_bind_int64(st, 3, limit);
	db_bind_int64(st, 8, offset);
	json_t *items = rows_all(st, rc);
	if (!items)
		return NULL;
	struct db_stmt *cs;
	int64_t n = 0;
	*rc = db_cached(db, count, &cs);
	if (*rc == DB_OK) {
		*rc = store_viewer_bind(cs, 4, v);
		if (*rc == DB_OK)
			*rc = db_step(cs);
		if (*rc == DB_ROW) {
			n = db_column_int64(cs, 0);
			*rc = DB_OK;
		}
		db_reset(cs);
	}
	if (*rc != DB_OK) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:I, s:o}", "count", (json_int_t)n, "items", items);
}
