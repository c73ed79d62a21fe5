/* form_tokens.c: one-time tokens of page forms (see form_tokens.h). */
#include "app/form_tokens.h"

#include "app/uc.h"
#include "store/form_tokens.h"

static bool token_ok(const char *t)
{
	size_t n = t ? strlen(t) : 0;
	if (n == 0 || n > APP_FORM_TOKEN_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* Starts a transaction for who's token; false (err set) when it cannot be used. */
static bool start(struct uc *u, struct db *db, const struct actor *who, const char *token,
                  struct app_err *err)
{
	uc_init(u, db, who, err);
	if (!who->user_id[0] || !token_ok(token)) {
		app_fail(err, APP_INVALID, NULL, "That form token cannot be used.");
		return false;
	}
	return uc_begin(u) == APP_OK;
}

/* Ends the transaction: commits on APP_OK, even for a checking actor (a token is not
 * what check_only guards). */
static int finish(struct uc *u, int rc)
{
	if (rc == APP_OK) {
		int crc = db_commit(u->db);
		if (crc == DB_OK)
			return APP_OK;
		return app_db_fail(u->err, u->db, crc);
	}
	return uc_abort(u, rc);
}

int app_form_token_issue(struct db *db, const struct actor *who, const char *token,
                         const char *what, struct app_err *err)
{
	struct uc u;
	if (!start(&u, db, who, token, err))
		return err->code;
	char w[APP_FORM_WHAT_MAX + 1];
	snprintf(w, sizeof w, "%s", what ? what : "");
	int rc = uc_db(&u, store_form_tokens_expire(db, u.now - APP_FORM_TOKEN_S));
	if (rc == APP_OK)
		rc = uc_db(&u, store_form_token_insert(db, token, who->user_id, w, u.now));
	return finish(&u, rc);
}

int app_form_token_claim(struct db *db, const struct actor *who, const char *token,
                         enum app_form_claim *claim, char *result, struct app_err *err)
{
	*claim = APP_FORM_UNKNOWN;
	result[0] = '\0';
	struct uc u;
	if (!start(&u, db, who, token, err)) {
		if (err->code == APP_INVALID) { /* a malformed token is no token */
			app_err_clear(err);
			return APP_OK;
		}
		return err->code;
	}
	int rc = store_form_token_claim(db, token, who->user_id);
	int arc = APP_OK;
	if (rc == DB_OK) {
		*claim = APP_FORM_CLAIMED;
	} else if (rc == DB_DONE) {
		struct store_form_token t;
		int grc = store_form_token_get(db, token, who->user_id, &t);
		if (grc == DB_ROW && t.state == STORE_FORM_DONE) {
			*claim = APP_FORM_DONE;
			snprintf(result, APP_FORM_RESULT_MAX + 1, "%s", t.result_url);
			/* the page it goes to says again what the first saved */
			arc = uc_db(&u, store_form_token_banner_again(db, token, who->user_id));
		} else if (grc == DB_ROW && t.state == STORE_FORM_WORKING) {
			*claim = APP_FORM_WORKING;
		} else if (grc != DB_ROW && grc != DB_DONE) {
			arc = uc_db(&u, grc);
		}
	} else {
		arc = uc_db(&u, rc);
	}
	return finish(&u, arc);
}

int app_form_token_finish(struct db *db, const struct actor *who, const char *token,
                          const char *result_url, struct app_err *err)
{
	struct uc u;
	if (!start(&u, db, who, token, err))
		return err->code;
	if (!result_url || result_url[0] != '/' || strlen(result_url) > APP_FORM_RESULT_MAX)
		return finish(&u, app_fail(err, APP_INVALID, NULL, "Not a local path."));
	return finish(
	        &u, uc_db(&u, store_form_token_finish(db, token, who->user_id, result_url, u.now)));
}

int app_form_token_release(struct db *db, const struct actor *who, const char *token,
                           struct app_err *err)
{
	struct uc u;
	if (!start(&u, db, who, token, err))
		return err->code;
	return finish(&u, uc_db(&u, store_form_token_release(db, token, who->user_id)));
}

int app_form_token_banner(struct db *db, const struct actor *who, const char *path, char *what,
                          struct app_err *err)
{
	what[0] = '\0';
	app_err_clear(err);
	if (!who->user_id[0] || !path || path[0] != '/' || strlen(path) > APP_FORM_RESULT_MAX)
		return app_fail(err, APP_NOT_FOUND, NULL, "No banner.");
	/* every page asks: a read first, a write only when there is a banner to show */
	int64_t now = app_now(who);
	char token[80], w[STORE_FORM_WHAT_MAX + 1];
	int rc = db_begin_read(db);
	if (rc == DB_OK) {
		rc = store_form_token_find_banner(db, who->user_id, path, now - APP_FORM_BANNER_S,
		                                  token, w);
		db_rollback(db);
	}
	if (rc == DB_DONE)
		return app_fail(err, APP_NOT_FOUND, NULL, "No banner.");
	if (rc != DB_ROW)
		return app_db_fail(err, db, rc);
	struct uc u;
	uc_init(&u, db, who, err);
	if (uc_begin(&u) != APP_OK)
		return err->code;
	rc = store_form_token_banner_shown(db, token);
	int arc = APP_OK;
	if (rc == DB_OK)
		snprintf(what, APP_FORM_WHAT_MAX + 1, "%s", w);
	else if (rc == DB_DONE) /* another page of the same user showed it */
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No banner.");
	else
		arc = uc_db(&u, rc);
	return finish(&u, arc);
}
