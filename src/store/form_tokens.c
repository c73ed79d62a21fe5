/* form_tokens.c: one-time tokens of page forms (see form_tokens.h). */
#include "store/form_tokens.h"

int store_form_token_insert(struct db *db, const char *token, const char *user_id, const char *what,
                            int64_t now)
{
	return db_run(db,
	              "INSERT INTO form_tokens (token, user_id, what, issued_at, state)"
	              " VALUES ($1, $2, $3, $4, 'issued')",
	              "sssi", token, user_id, what, now);
}

int store_form_tokens_expire(struct db *db, int64_t before)
{
	return db_run(db, "DELETE FROM form_tokens WHERE issued_at < $1", "i", before);
}

int store_form_token_claim(struct db *db, const char *token, const char *user_id)
{
	int rc = db_run(db,
	                "UPDATE form_tokens SET state = 'working' WHERE token = $1 AND user_id = $2"
	                " AND state = 'issued'",
	                "ss", token, user_id);
	if (rc != DB_OK)
		return rc;
	return db_changes(db) == 1 ? DB_OK : DB_DONE;
}

int store_form_token_get(struct db *db, const char *token, const char *user_id,
                         struct store_form_token *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT state, what, coalesce(result_url, '') FROM form_tokens"
	                   " WHERE token = $1 AND user_id = $2",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, token);
	db_bind_text(st, 2, user_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		const char *s = db_column_text(st, 0);
		out->state = s && strcmp(s, "done") == 0      ? STORE_FORM_DONE
		             : s && strcmp(s, "working") == 0 ? STORE_FORM_WORKING
		                                              : STORE_FORM_ISSUED;
		snprintf(out->what, sizeof out->what, "%s", db_column_text(st, 1));
		snprintf(out->result_url, sizeof out->result_url, "%s", db_column_text(st, 2));
	}
	db_reset(st);
	return rc;
}

int store_form_token_finish(struct db *db, const char *token, const char *user_id,
                            const char *result_url, int64_t now)
{
	return db_run(db,
	              "UPDATE form_tokens SET state = 'done', result_url = $3, done_at = $4,"
	              " banner_due = 1 WHERE token = $1 AND user_id = $2 AND state = 'working'",
	              "sssi", token, user_id, result_url, now);
}

int store_form_token_release(struct db *db, const char *token, const char *user_id)
{
	return db_run(db,
	              "UPDATE form_tokens SET state = 'issued' WHERE token = $1 AND user_id = $2"
	              " AND state = 'working'",
	              "ss", token, user_id);
}

int store_form_token_banner_again(struct db *db, const char *token, const char *user_id)
{
	return db_run(db,
	              "UPDATE form_tokens SET banner_due = 1 WHERE token = $1 AND user_id = $2"
	              " AND state = 'done'",
	              "ss", token, user_id);
}

int store_form_token_find_banner(struct db *db, const char *user_id, const char *path,
                                 int64_t since, char token[80], char what[STORE_FORM_WHAT_MAX + 1])
{
	token[0] = '\0';
	what[0] = '\0';
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT token, what, result_url FROM form_tokens WHERE user_id = $1"
	                   " AND banner_due = 1 AND state = 'done' AND done_at >= $2"
	                   " ORDER BY done_at DESC",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, user_id);
	db_bind_int64(st, 2, since);
	size_t pl = strlen(path);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *url = db_column_text(st, 2);
		/* the path, then the end, a query or a fragment */
		if (url && strncmp(url, path, pl) == 0 &&
		    (url[pl] == '\0' || url[pl] == '?' || url[pl] == '#')) {
			snprintf(token, 80, "%s", db_column_text(st, 0));
			snprintf(what, STORE_FORM_WHAT_MAX + 1, "%s", db_column_text(st, 1));
			break;
		}
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	return token[0] ? DB_ROW : DB_DONE;
}

int store_form_token_banner_shown(struct db *db, const char *token)
{
	int rc = db_run(db,
	                "UPDATE form_tokens SET banner_due = 0 WHERE token = $1 AND banner_due = 1",
	                "s", token);
	if (rc != DB_OK)
		return rc;
	return db_changes(db) == 1 ? DB_OK : DB_DONE;
}
