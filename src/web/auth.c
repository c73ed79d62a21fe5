/* auth.c: sign-in, sign-out, session and API token lookup (see auth.h). */
#include "web/auth.h"

#include "app/password.h"
#include "audit/audit.h"
#include "store/db.h"
#include "store/sessions.h"
#include "store/users.h"
#include "util/parse.h"
#include "util/log.h"
#include "util/ltime.h"

#define TOUCH_INTERVAL_S 60

static struct db *request_db(struct request *req)
{
	struct web_app *app = req->app;
	return app && app->dbs ? db_pool_get(app->dbs) : NULL;
}

/* Lower-cased copy of s, for rate-limit keys. */
static void lower_key(char *out, size_t n, const char *prefix, const char *s)
{
	int k = snprintf(out, n, "%s", prefix);
	size_t i = k > 0 ? (size_t)k : 0;
	for (; *s && i + 1 < n; s++)
		out[i++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
	out[i < n ? i : n - 1] = '\0';
}

/* Writes one audit event in its own transaction. */
static void audit_auth(struct db *db, const char *action, const char *user_id,
                       const char *agency_id)
{
	struct audit_event ev = {.user_id = user_id,
	                         .agency_id = agency_id,
	                         .action = action,
	                         .entity_type = "session",
	                         .entity_id = user_id};
	if (db_begin(db) != DB_OK)
		return;
	if (audit_append(db, &ev) == DB_OK)
		db_commit(db);
	else
		db_rollback(db);
}

static int fill_session_user(struct db *db, const char *username, struct actor *a,
                             char *agency_name, size_t n)
{
	struct app_err err = {0};
	if (actor_load(db, username, a, &err) != APP_OK)
		return err.code == APP_NOT_FOUND ? DB_DONE : DB_E_ERROR;
	store_agency_name(db, a->agency_id, agency_name, n);
	return DB_ROW;
}

enum auth_result auth_sign_in(struct request *req, const char *username, const char *password,
                              struct auth_new_session *out, int64_t *retry_after_s)
{
	struct web_app *app = req->app;
	struct db *db = request_db(req);
	*retry_after_s = 0;
	if (!db)
		return AUTH_FAILED;
	char akey[RATELIMIT_KEY_MAX], ikey[RATELIMIT_KEY_MAX];
	lower_key(akey, sizeof akey, "acct:", username);
	snprintf(ikey, sizeof ikey, "addr:%s", req->remote_addr);
	int64_t now_ms = ratelimit_now_ms();
	bool acct_ok = ratelimit_take(app->rl_account, akey, now_ms);
	bool addr_ok = ratelimit_take(app->rl_address, ikey, now_ms);
	if (!acct_ok || !addr_ok) {
		int64_t a = ratelimit_retry_after(app->rl_account, akey, now_ms);
		int64_t b = ratelimit_retry_after(app->rl_address, ikey, now_ms);
		*retry_after_s = a > b ? a : b;
		if (*retry_after_s < 1)
			*retry_after_s = 1;
		log_warn("sign-in rate limited");
		return AUTH_RATE_LIMITED;
	}

	struct user_row u;
	int rc = strlen(username) < sizeof u.username ? store_user_get(db, username, &u) : DB_DONE;
	if (rc != DB_ROW && rc != DB_DONE)
		return AUTH_FAILED;
	bool ok;
	if (rc == DB_DONE) {
		password_burn(password);
		ok = false;
	} else {
		ok = password_verify(password, u.password_hash) && strcmp(u.status, "active") == 0;
	}
	if (!ok) {
		audit_auth(db, "sign_in_failed", rc == DB_ROW ? u.id : NULL,
		           rc == DB_ROW ? u.agency_id : NULL);
		return AUTH_BAD_CREDENTIALS;
	}

	/* Rotation: a session the browser already had ends here. */
	const char *old = request_cookie(req, session_cookie_name(app->cfg->secure_cookies));
	if (old && session_token_wellformed(old)) {
		char oh[SESSION_HASH_HEX + 1];
		session_token_hash(old, oh);
		store_session_delete(db, oh);
	}
	char hash[SESSION_HASH_HEX + 1];
	if (session_token_new(out->token) < 0 || session_token_new(out->csrf) < 0)
		return AUTH_FAILED;
	session_token_hash(out->token, hash);
	struct audit_event ev = {.user_id = u.id,
	                         .agency_id = u.agency_id,
	                         .action = "sign_in",
	                         .entity_type = "session",
	                         .entity_id = u.id};
	if (db_begin(db) != DB_OK)
		return AUTH_FAILED;
	int64_t now = ltime_now();
	/* Sessions past their timeouts are deleted here too, so the table stays small. */
	if (store_sessions_expire(db, now - app->cfg->session_idle,
	                          now - app->cfg->session_absolute) != DB_OK ||
	    store_session_insert(db, hash, u.id, out->csrf, now) != DB_OK ||
	    audit_append(db, &ev) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		return AUTH_FAILED;
	}
	if (fill_session_user(db, u.username, &out->actor, out->agency_name,
	                      sizeof out->agency_name) != DB_ROW)
		return AUTH_FAILED;
	ratelimit_reset(app->rl_account, akey);
	if (password_needs_rehash(u.password_hash)) {
		char nh[PASSWORD_HASH_MAX];
		if (password_hash(password, nh) == 0)
			store_user_set_password(db, u.id, nh);
	}
	return AUTH_OK;
}

int auth_sign_out(struct request *req)
{
	struct db *db = request_db(req);
	if (!db || !req->session || req->session->bearer)
		return 0;
	struct audit_event ev = {.user_id = req->session->actor.user_id,
	                         .agency_id = req->session->actor.agency_id,
	                         .action = "sign_out",
	                         .entity_type = "session",
	                         .entity_id = req->session->actor.user_id};
	if (db_begin(db) != DB_OK)
		return -1;
	if (store_session_delete(db, req->session->token_hash) != DB_OK ||
	    audit_append(db, &ev) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	req->session = NULL;
	return 0;
}

/* R-INFO-3: the reason for opening a restricted record. The API gives it per request in
 * the Lantern-Purpose header; a browser session gives it once on the restricted-record
 * page, and it holds for that record for AUTH_GRANT_S (session_grants). */
static int apply_purpose(struct request *req, struct db *db, struct web_session *s, int64_t now)
{
	const char *p = NULL;
	if (req->route && (req->route->flags & ROUTE_API))
		p = request_header(req, "Lantern-Purpose");
	if (p) {
		if (text_ok(p, 500, false))
			snprintf(s->actor.purpose, sizeof s->actor.purpose, "%s", p);
		return 0;
	}
	const char *ref = request_param(req, "ref");
	if (!ref || s->bearer)
		return 0;
	char purpose[sizeof s->actor.purpose];
	int rc = store_grant_get(db, s->token_hash, ref, now, purpose, sizeof purpose);
	if (rc == DB_ROW)
		snprintf(s->actor.purpose, sizeof s->actor.purpose, "%s", purpose);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int auth_grant_record(struct request *req, const char *ref, const char *purpose)
{
	struct db *db = request_db(req);
	if (!db || !req->session || req->session->bearer)
		return -1;
	return store_grant_put(db, req->session->token_hash, ref, purpose,
	                       ltime_now() + AUTH_GRANT_S) == DB_OK
	               ? 0
	               : -1;
}

/* Bearer token lookup for API routes. */
static int authenticate_bearer(struct request *req, struct db *db, const char *token)
{
	if (!session_token_wellformed(token))
		return 0;
	struct web_session *s = pool_calloc(req->pool, 1, sizeof(*s));
	if (!s)
		return -1;
	session_token_hash(token, s->token_hash);
	struct api_token_row t;
	int rc = store_api_token_get(db, s->token_hash, &t);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	if (strcmp(t.user_status, "active") != 0)
		return 0;
	rc = fill_session_user(db, t.username, &s->actor, s->agency_name, sizeof s->agency_name);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	char now[LT_TIME_LEN];
	ltime_format(ltime_now(), now);
	/* Record use at most once a minute ("YYYY-MM-DDTHH:MM" prefix differs). */
	if (strncmp(t.last_used_at, now, 16) != 0)
		store_api_token_touch(db, t.id, now);
	s->bearer = true;
	req->session = s;
	return apply_purpose(req, db, s, ltime_now());
}

int auth_authenticate(struct request *req)
{
	struct web_app *app = req->app;
	struct db *db = request_db(req);
	if (!db)
		return app && app->dbs ? -1 : 0;
	const char *authz = request_header(req, "Authorization");
	if (authz && req->route && (req->route->flags & ROUTE_API) &&
	    strncasecmp(authz, "Bearer ", 7) == 0)
		return authenticate_bearer(req, db, authz + 7);

	const char *token = request_cookie(req, session_cookie_name(app->cfg->secure_cookies));
	if (!token || !session_token_wellformed(token))
		return 0;
	struct web_session *s = pool_calloc(req->pool, 1, sizeof(*s));
	if (!s)
		return -1;
	session_token_hash(token, s->token_hash);
	/* The lookups share one read transaction (one snapshot, one look at the log); the
	 * writes they call for (ending the session, noting its use) follow it. */
	if (db_begin_read(db) != DB_OK)
		return -1;
	int64_t now = ltime_now();
	struct session_row row;
	int rc = store_session_get(db, s->token_hash, &row);
	bool end = false;
	if (rc == DB_ROW) {
		end = now - row.last_seen_at > app->cfg->session_idle ||
		      now - row.created_at > app->cfg->session_absolute ||
		      strcmp(row.user_status, "active") != 0;
		if (!end) {
			rc = fill_session_user(db, row.username, &s->actor, s->agency_name,
			                       sizeof s->agency_name);
			end = rc == DB_DONE;
		}
		if (rc == DB_ROW && !end && apply_purpose(req, db, s, now) < 0)
			rc = DB_E_ERROR;
	}
	db_rollback(db);
	if (end) {
		store_session_delete(db, s->token_hash);
		return 0;
	}
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	if (now - row.last_seen_at >= TOUCH_INTERVAL_S)
		store_session_touch(db, s->token_hash, now);
	snprintf(s->csrf, sizeof s->csrf, "%.43s", row.csrf_token);
	req->session = s;
	return 0;
}

void auth_set_cookie(struct request *req, struct response *resp, const char *token)
{
	struct web_app *app = req->app;
	char cookie[256];
	if (session_cookie_format(cookie, sizeof cookie, token, app->cfg->secure_cookies, 0) == 0)
		response_header(resp, "Set-Cookie", cookie);
}

int auth_token_create(struct request *req, const char *label, char token[SESSION_TOKEN_LEN + 1],
                      char id[ID_MAX])
{
	struct db *db = request_db(req);
	if (!db || !req->session)
		return -1;
	char hash[SESSION_HASH_HEX + 1], now[LT_TIME_LEN];
	if (session_token_new(token) < 0 || id_new("tok", id) < 0)
		return -1;
	session_token_hash(token, hash);
	ltime_format(ltime_now(), now);
	struct audit_event ev = {.user_id = req->session->actor.user_id,
	                         .agency_id = req->session->actor.agency_id,
	                         .action = "create",
	                         .entity_type = "api_token",
	                         .entity_id = id};
	if (db_begin(db) != DB_OK)
		return -1;
	if (store_api_token_insert(db, id, req->session->actor.user_id, hash, label, now) !=
	            DB_OK ||
	    audit_append(db, &ev) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
