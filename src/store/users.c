/* users.c: boroughs, agencies, users, roles and instance metadata (see users.h). */
#include "store/users.h"

#include "store/rows.h"

int store_borough_insert(struct db *db, const char *id, const char *name, const char *code)
{
	return db_run(db, "INSERT INTO boroughs (id, name, code) VALUES ($1, $2, $3)", "sss", id,
	              name, code);
}

int store_borough_find(struct db *db, const char *key, char id[32])
{
	return db_query_text(db, id, 32,
	                     "SELECT id FROM boroughs WHERE id = $1 OR name = $1 OR code = $1", "s",
	                     key);
}

static json_t *rows_json(struct db *db, const char *sql, const char *bind1)
{
	int rc;
	return rows_query(db, sql, bind1, &rc);
}

int store_borough_name(struct db *db, const char *id, char *out, size_t n)
{
	int rc = db_query_text(db, out, n, "SELECT name FROM boroughs WHERE id = $1", "s", id);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_agency_name(struct db *db, const char *id, char *out, size_t n)
{
	int rc = db_query_text(db, out, n, "SELECT name FROM agencies WHERE id = $1", "s", id);
	return rc == DB_DONE ? DB_OK : rc;
}

json_t *store_boroughs_list(struct db *db)
{
	return rows_json(db, "SELECT id, name, code FROM boroughs ORDER BY name", NULL);
}

int store_agency_insert(struct db *db, const char *id, const char *name, const char *type,
                        const char *borough_id, int64_t created_at)
{
	return db_run(db,
	              "INSERT INTO agencies (id, name, type, borough_id, created_at)"
	              " VALUES ($1, $2, $3, $4, $5)",
	              "sssst", id, name, type, borough_id, created_at);
}

int store_agency_find(struct db *db, const char *key, char id[32], char type[32])
{
	struct db_stmt *st;
	int rc = db_cached(db, "SELECT id, type FROM agencies WHERE id = $1 OR name = $1", &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, key);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(id, 32, "%s", db_column_text(st, 0));
		snprintf(type, 32, "%s", db_column_text(st, 1));
	}
	db_reset(st);
	return rc;
}

json_t *store_agencies_list(struct db *db)
{
	return rows_json(db,
	                 "SELECT a.id, a.name, a.type, a.borough_id, b.name AS borough"
	                 " FROM agencies a LEFT JOIN boroughs b ON b.id = a.borough_id"
	                 " ORDER BY a.name",
	                 NULL);
}

int store_user_insert(struct db *db, const struct store_user_new *u)
{
	return db_run(db,
	              "INSERT INTO users (id, username, display_name, agency_id, password_hash,"
	              " team, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	              "sssssst", u->id, u->username, u->display_name, u->agency_id,
	              u->password_hash, u->team, u->created_at);
}

int store_user_add_role(struct db *db, const char *user_id, const char *role)
{
	return db_run(db,
	              "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)"
	              " ON CONFLICT DO NOTHING",
	              "ss", user_id, role);
}

static const struct row_col USER_COLS[] = {
        ROW_COL(struct user_row, id, ROW_TEXT),
        ROW_COL(struct user_row, username, ROW_TEXT),
        ROW_COLF(struct user_row, display_name, ROW_TEXT, ROW_CUT),
        ROW_COL(struct user_row, agency_id, ROW_TEXT),
        ROW_COL(struct user_row, agency_type, ROW_TEXT),
        ROW_COL(struct user_row, borough_id, ROW_TEXT),
        ROW_COLF(struct user_row, team, ROW_TEXT, ROW_CUT),
        ROW_COL(struct user_row, status, ROW_TEXT),
        ROW_COL(struct user_row, password_hash, ROW_TEXT),
        ROW_COL(struct user_row, must_change_password, ROW_BOOL),
};
static const struct row_desc USER = ROW_DESC(struct user_row, USER_COLS);

#define USER_COLUMNS                                                                               \
	"SELECT u.id, u.username, u.display_name, u.agency_id, a.type AS agency_type,"             \
	" a.borough_id, u.team, u.status, u.password_hash, u.must_change_password"                 \
	" FROM users u JOIN agencies a ON a.id = u.agency_id "

int store_user_get(struct db *db, const char *username, struct user_row *u)
{
	return row_get(db, &USER, u, USER_COLUMNS "WHERE u.username = $1", "s", username);
}

int store_user_get_by_id(struct db *db, const char *id, struct user_row *u)
{
	return row_get(db, &USER, u, USER_COLUMNS "WHERE u.id = $1", "s", id);
}

int store_user_roles(struct db *db, const char *user_id, char *out, size_t n)
{
	return db_query_text(db, out, n,
	                     "SELECT coalesce(group_concat(role, ','), '') FROM"
	                     " (SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role)",
	                     "s", user_id);
}

int store_user_set_status(struct db *db, const char *user_id, const char *status, int64_t at)
{
	return db_run(
	        db,
	        "UPDATE users SET status = $2,"
	        " disabled_at = CASE WHEN $2 = 'disabled' THEN $3 ELSE NULL END WHERE id = $1",
	        "sst", user_id, status, at);
}

int store_user_set_password(struct db *db, const char *user_id, const char *hash)
{
	return db_run(db, "UPDATE users SET password_hash = $2 WHERE id = $1", "ss", user_id, hash);
}

int store_user_set_password_flag(struct db *db, const char *user_id, const char *hash,
                                 bool must_change, int64_t at)
{
	return db_run(db,
	              "UPDATE users SET password_hash = $2, must_change_password = $3,"
	              " updated_at = $4 WHERE id = $1",
	              "ssbt", user_id, hash, must_change, at);
}

int store_user_update(struct db *db, const char *user_id, const char *display_name,
                      const char *team, const char *agency_id, int64_t at)
{
	return db_run(db,
	              "UPDATE users SET display_name = $2, team = $3, agency_id = $4,"
	              " updated_at = $5 WHERE id = $1",
	              "sssst", user_id, display_name, team, agency_id, at);
}

int store_user_clear_roles(struct db *db, const char *user_id)
{
	return db_run(db, "DELETE FROM user_roles WHERE user_id = $1", "s", user_id);
}

json_t *store_users_list(struct db *db)
{
	return rows_json(db,
	                 "SELECT u.id, u.username, u.display_name, a.name AS agency, u.team,"
	                 " u.status, u.must_change_password,"
	                 " (SELECT group_concat(role, ',') FROM user_roles r"
	                 " WHERE r.user_id = u.id) AS roles"
	                 " FROM users u JOIN agencies a ON a.id = u.agency_id ORDER BY u.username",
	                 NULL);
}

int store_sessions_end_for_user(struct db *db, const char *user_id, int64_t at)
{
	int rc = db_run(db,
	                "DELETE FROM session_grants WHERE token_hash IN"
	                " (SELECT token_hash FROM sessions WHERE user_id = $1)",
	                "s", user_id);
	if (rc == DB_OK)
		rc = db_run(db, "DELETE FROM sessions WHERE user_id = $1", "s", user_id);
	if (rc == DB_OK)
		rc = db_run(db,
		            "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND "
		            "revoked_at IS NULL",
		            "st", user_id, at);
	return rc;
}

int store_meta_set(struct db *db, const char *key, const char *value)
{
	return db_run(db,
	              "INSERT INTO meta (key, value) VALUES ($1, $2)"
	              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	              "ss", key, value);
}

int store_meta_get(struct db *db, const char *key, char *out, size_t n)
{
	int rc = db_query_text(db, out, n, "SELECT value FROM meta WHERE key = $1", "s", key);
	return rc == DB_OK ? DB_ROW : rc;
}

bool store_is_demo(struct db *db)
{
	int64_t n = 0;
	if (db_query_int64(db, &n,
	                   "SELECT (SELECT count(*) FROM meta WHERE key IN ('demo', 'demo_data')"
	                   " AND value IN ('1', 'true', 'yes')) + (SELECT count(*) FROM"
	                   " (SELECT 1 FROM children WHERE is_demo = 1 LIMIT 1))",
	                   "") != DB_OK)
		return false;
	return n > 0;
}
