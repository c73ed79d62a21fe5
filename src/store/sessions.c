/* sessions.c: sessions and API tokens (see sessions.h). */
#include "store/sessions.h"

#include "store/rows.h"

int store_session_insert(struct db *db, const char *token_hash, const char *user_id,
                         const char *csrf_token, int64_t now)
{
	return db_run(db,
	              "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at,"
	              " last_seen_at) VALUES ($1, $2, $3, $4, $4)",
	              "sssi", token_hash, user_id, csrf_token, now);
}

static const struct row_col SESSION_COLS[] = {
        ROW_COL(struct session_row, user_id, ROW_TEXT),
        ROW_COL(struct session_row, username, ROW_TEXT),
        ROW_COL(struct session_row, user_status, ROW_TEXT),
        ROW_COL(struct session_row, csrf_token, ROW_TEXT),
        ROW_COL(struct session_row, created_at, ROW_INT64),
        ROW_COL(struct session_row, last_seen_at, ROW_INT64),
        ROW_COL(struct session_row, must_change_password, ROW_BOOL),
};
static const struct row_desc SESSION = ROW_DESC(struct session_row, SESSION_COLS);

int store_session_get(struct db *db, const char *token_hash, struct session_row *s)
{
	return row_get(db, &SESSION, s,
	               "SELECT s.user_id, u.username, u.status AS user_status, s.csrf_token,"
	               " s.created_at, s.last_seen_at, u.must_change_password"
	               " FROM sessions s JOIN users u ON u.id = s.user_id"
	               " WHERE s.token_hash = $1",
	               "s", token_hash);
}

int store_session_touch(struct db *db, const char *token_hash, int64_t now)
{
	return db_run(db, "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", "si",
	              token_hash, now);
}

int store_session_delete(struct db *db, const char *token_hash)
{
	int rc = db_run(db, "DELETE FROM session_grants WHERE token_hash = $1", "s", token_hash);
	return rc == DB_OK
	               ? db_run(db, "DELETE FROM sessions WHERE token_hash = $1", "s", token_hash)
	               : rc;
}

int store_sessions_expire(struct db *db, int64_t idle_before, int64_t created_before)
{
	int rc = db_run(db, "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", "ii",
	                idle_before, created_before);
	return rc == DB_OK ? db_run(db,
	                            "DELETE FROM session_grants WHERE token_hash NOT IN"
	                            " (SELECT token_hash FROM sessions)",
	                            "")
	                   : rc;
}

int store_api_token_insert(struct db *db, const char *id, const char *user_id,
                           const char *token_hash, const char *label, int64_t created_at)
{
	return db_run(db,
	              "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at)"
	              " VALUES ($1, $2, $3, $4, $5)",
	              "sssst", id, user_id, token_hash, label, created_at);
}

static const struct row_col TOKEN_COLS[] = {
        ROW_COL(struct api_token_row, id, ROW_TEXT),
        ROW_COL(struct api_token_row, user_id, ROW_TEXT),
        ROW_COL(struct api_token_row, username, ROW_TEXT),
        ROW_COL(struct api_token_row, user_status, ROW_TEXT),
        ROW_COL(struct api_token_row, last_used_at, ROW_TIME),
};
static const struct row_desc TOKEN = ROW_DESC(struct api_token_row, TOKEN_COLS);

int store_api_token_get(struct db *db, const char *token_hash, struct api_token_row *t)
{
	return row_get(db, &TOKEN, t,
	               "SELECT t.id, t.user_id, u.username, u.status AS user_status,"
	               " t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
	               " WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
	               "s", token_hash);
}

int store_api_token_touch(struct db *db, const char *id, int64_t at)
{
	return db_run(db, "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", "st", id, at);
}

int store_api_token_revoke(struct db *db, const char *user_id, const char *id, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE api_tokens SET revoked_at = $3"
	                " WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL",
	                "sst", user_id, id, at);
	if (rc != DB_OK)
		return rc;
	return db_changes(db) == 1 ? DB_OK : DB_DONE;
}

json_t *store_api_tokens_list(struct db *db, const char *user_id)
{
	struct db_stmt *st;
	if (db_cached(db,
	              "SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens"
	              " WHERE user_id = $1 ORDER BY created_at, id",
	              &st) != DB_OK)
		return NULL;
	db_bind_text(st, 1, user_id);
	json_t *list = json_array();
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *o = json_object();
		static const char *const cols[] = {"id", "label", "created_at", "last_used_at",
		                                   "revoked_at"};
		for (int i = 0; i < 5; i++) {
			const char *v = db_column_text(st, i);
			json_object_set_new(o, cols[i], v ? json_string(v) : json_null());
		}
		json_array_append_new(list, o);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		json_decref(list);
		return NULL;
	}
	return list;
}

int store_grant_put(struct db *db, const char *token_hash, const char *record_ref,
                    const char *purpose, int64_t until)
{
	return db_run(db,
	              "INSERT INTO session_grants (token_hash, record_ref, purpose, until)"
	              " VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash, record_ref)"
	              " DO UPDATE SET purpose = excluded.purpose, until = excluded.until",
	              "sssi", token_hash, record_ref, purpose, until);
}

int store_grant_get(struct db *db, const char *token_hash, const char *record_ref, int64_t now,
                    char *out, size_t n)
{
	int rc = db_query_text(db, out, n,
	                       "SELECT purpose FROM session_grants WHERE token_hash = $1"
	                       " AND record_ref = $2 AND until > $3",
	                       "ssi", token_hash, record_ref, now);
	return rc == DB_OK ? DB_ROW : rc;
}
