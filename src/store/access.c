/* access.c (store): visibility predicate, case membership and grants (see access.h). */
#include "store/access.h"

#include "store/rows.h"

void store_viewer_init(struct store_viewer *v, bool all, const char *agency_id, const char *user_id,
                       int64_t now)
{
	v->all = all;
	v->agency_id = agency_id && *agency_id ? agency_id : NULL;
	v->user_id = user_id && *user_id ? user_id : NULL;
	ltime_format(now, v->now);
}

void store_viewer_bind(struct db_stmt *st, int first, const struct store_viewer *v)
{
	db_bind_int64(st, first, v->all ? 1 : 0);
	db_bind_text(st, first + 1, v->agency_id);
	db_bind_text(st, first + 2, v->user_id);
	db_bind_text(st, first + 3, v->now);
}

int store_child_visible(struct db *db, const struct store_viewer *v, const char *child_id,
                        bool *out)
{
	*out = false;
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT count(*) FROM children c WHERE c.id = $1 AND " STORE_VISIBLE(
	                           "c.id", "$2", "$3", "$4", "$5"),
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, child_id);
	store_viewer_bind(st, 2, v);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_column_int64(st, 0) > 0;
		rc = DB_OK;
	}
	db_reset(st);
	return rc;
}

int store_member_add(struct db *db, const char *child_id, const char *agency_id, const char *kind,
                     const char *reason, const char *added_by, int64_t at)
{
	return db_run(db,
	              "INSERT INTO child_agencies (child_id, agency_id, reason, since, kind,"
	              " added_by) VALUES ($1, $2, $3, $4, $5, $6)"
	              " ON CONFLICT (child_id, agency_id) DO UPDATE SET kind = excluded.kind,"
	              " reason = excluded.reason, since = excluded.since,"
	              " added_by = excluded.added_by, ended_at = NULL"
	              " WHERE excluded.kind <> 'filed'"
	              " AND (child_agencies.kind = 'filed' OR child_agencies.ended_at IS NOT NULL)",
	              "ssstss", child_id, agency_id, reason, at, kind, added_by);
}

int store_members_add_by_type(struct db *db, const char *child_id, const char *type,
                              const char *borough_id, const char *kind, const char *reason,
                              int64_t at)
{
	return db_run(db,
	              "INSERT INTO child_agencies (child_id, agency_id, reason, since, kind)"
	              " SELECT $1, id, $4, $5, $6 FROM agencies WHERE type = $2 AND borough_id = $3"
	              " ON CONFLICT (child_id, agency_id) DO UPDATE SET kind = excluded.kind,"
	              " reason = excluded.reason, since = excluded.since, added_by = NULL,"
	              " ended_at = NULL WHERE excluded.kind <> 'filed'"
	              " AND (child_agencies.kind = 'filed' OR child_agencies.ended_at IS NOT NULL)",
	              "ssssts", child_id, type, borough_id, reason, at, kind);
}

int store_member_end(struct db *db, const char *child_id, const char *agency_id, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE child_agencies SET ended_at = $3 WHERE child_id = $1"
	                " AND agency_id = $2 AND kind <> 'filed' AND ended_at IS NULL",
	                "sst", child_id, agency_id, at);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

json_t *store_members(struct db *db, const char *child_id, int *rc)
{
	return rows_query(db,
	                  "SELECT ca.agency_id, a.name AS agency, a.type AS agency_type, ca.kind,"
	                  " ca.reason, ca.since, u.display_name AS added_by_name, ca.ended_at"
	                  " FROM child_agencies ca JOIN agencies a ON a.id = ca.agency_id"
	                  " LEFT JOIN users u ON u.id = ca.added_by WHERE ca.child_id = $1"
	                  " ORDER BY ca.ended_at IS NOT NULL, ca.kind = 'filed', a.name",
	                  child_id, rc);
}

int store_access_grant_insert(struct db *db, const char *id, const char *child_id,
                              const char *user_id, const char *reason, int64_t days, int64_t at)
{
	return db_run(db,
	              "INSERT INTO access_grants (id, child_id, user_id, reason, days,"
	              " requested_at, status) VALUES ($1, $2, $3, $4, $5, $6, 'requested')",
	              "ssssit", id, child_id, user_id, reason, days, at);
}

static const struct row_col GRANT_COLS[] = {
        ROW_COL(struct access_grant_row, id, ROW_TEXT),
        ROW_COL(struct access_grant_row, child_id, ROW_TEXT),
        ROW_COL(struct access_grant_row, user_id, ROW_TEXT),
        ROW_COL(struct access_grant_row, status, ROW_TEXT),
        ROW_COLF(struct access_grant_row, reason, ROW_TEXT, ROW_CUT),
        ROW_COL(struct access_grant_row, days, ROW_INT64),
        ROW_COL(struct access_grant_row, requested_at, ROW_TIME),
        ROW_COL(struct access_grant_row, starts_at, ROW_TIME),
        ROW_COL(struct access_grant_row, ends_at, ROW_TIME),
};
static const struct row_desc GRANT = ROW_DESC(struct access_grant_row, GRANT_COLS);

int store_access_grant_get(struct db *db, const char *id, struct access_grant_row *g)
{
	return row_get(db, &GRANT, g,
	               "SELECT id, child_id, user_id, status, reason, days, requested_at,"
	               " starts_at, ends_at FROM access_grants WHERE id = $1",
	               "s", id);
}

int store_access_grant_decide(struct db *db, const struct store_access_decision *d)
{
	int rc = db_run(
	        db,
	        "UPDATE access_grants SET status = $3, decided_by = coalesce($4, decided_by),"
	        " decided_at = $5, decision_note = coalesce($6, decision_note),"
	        " starts_at = coalesce($7, starts_at), ends_at = coalesce($8, ends_at)"
	        " WHERE id = $1 AND status = $2",
	        "sssstsTT", d->id, d->from, d->status, d->decided_by, d->at, d->note, d->starts,
	        d->starts ? d->ends : 0);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

json_t *store_access_grants_pending(struct db *db, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT g.id, g.child_id, c.given_names, c.family_name, g.user_id,"
	                " u.display_name AS user_name, a.name AS agency, g.reason, g.days,"
	                " g.requested_at FROM access_grants g JOIN children c ON c.id = g.child_id"
	                " JOIN users u ON u.id = g.user_id JOIN agencies a ON a.id = u.agency_id"
	                " WHERE g.status = 'requested' ORDER BY g.requested_at, g.id LIMIT $1",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_int64(st, 1, limit);
	return rows_all(st, rc);
}

json_t *store_access_grants_of_child(struct db *db, const char *child_id, int64_t now, int *rc)
{
	char t[LT_TIME_LEN];
	ltime_format(now, t);
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT g.id, u.display_name AS user_name, a.name AS agency, g.status,"
	                " g.reason, g.starts_at, g.ends_at, d.display_name AS decided_by_name"
	                " FROM access_grants g JOIN users u ON u.id = g.user_id"
	                " JOIN agencies a ON a.id = u.agency_id"
	                " LEFT JOIN users d ON d.id = g.decided_by WHERE g.child_id = $1"
	                " AND (g.status = 'requested' OR (g.status = 'granted' AND g.ends_at > $2))"
	                " ORDER BY g.requested_at, g.id",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, child_id);
	db_bind_text(st, 2, t);
	return rows_all(st, rc);
}

json_t *store_access_grants_of_user(struct db *db, const char *user_id, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT g.id, g.child_id, c.given_names, c.family_name, g.status, g.reason,"
	                " g.days, g.requested_at, g.starts_at, g.ends_at, g.decision_note"
	                " FROM access_grants g JOIN children c ON c.id = g.child_id"
	                " WHERE g.user_id = $1 ORDER BY g.requested_at DESC, g.id LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, user_id);
	db_bind_int64(st, 2, limit);
	return rows_all(st, rc);
}

int store_audit_count_since(struct db *db, const char *user_id, const char *action, int64_t since,
                            int64_t *out)
{
	return db_query_int64(db, out,
	                      "SELECT count(*) FROM audit_events WHERE user_id = $1 AND action = $2"
	                      " AND at >= $3",
	                      "sst", user_id, action, since);
}

int store_authority_find(struct db *db, const char *key, char id[32])
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT a.id FROM agencies a WHERE a.type = 'childrens_social_care'"
	                   " AND (a.id = $1 OR a.name = $1)"
	                   " UNION ALL SELECT a.id FROM agencies a JOIN boroughs b"
	                   " ON b.id = a.borough_id WHERE a.type = 'childrens_social_care'"
	                   " AND (b.id = $1 OR b.name = $1 OR b.code = $1)"
	                   " AND (SELECT count(*) FROM agencies x WHERE x.borough_id = b.id"
	                   " AND x.type = 'childrens_social_care') = 1 LIMIT 1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, key);
	rc = db_step(st);
	if (rc == DB_ROW)
		row_copy_text(st, 0, id, 32);
	db_reset(st);
	return rc;
}

int store_child_set_home_authority(struct db *db, const char *child_id, const char *agency_id)
{
	return db_run(db, "UPDATE children SET home_authority_id = $2 WHERE id = $1", "ss",
	              child_id, agency_id);
}
