/*
 * auth.c: the web side of signing in and of sessions (see auth.h): rate limits, the
 * cookie and the Authorization and Lantern-Purpose headers, around the use cases of
 * app/session.h.
 */
#include "web/auth.h"

#include "app/database.h"
#include "app/session.h"
#include "util/log.h"
#include "util/ltime.h"
#include "util/parse.h"
#include "util/pool.h"

static struct db *request_db(struct request *req)
{
	struct web_app *app = req->app;
	return app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
}

static struct app_session_policy session_policy(const struct web_app *app)
{
	return (struct app_session_policy){.idle_s = app->cfg->session_idle,
	                                   .absolute_s = app->cfg->session_absolute};
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

/* Takes one attempt from the account's and the address's buckets. False, with
 * *retry_after_s (at least 1), when either was empty. */
static bool rate_allows(struct web_app *app, const char *akey, const char *ikey,
                        int64_t *retry_after_s)
{
	int64_t now_ms = ratelimit_now_ms();
	bool acct_ok = ratelimit_take(app->rl_account, akey, now_ms);
	bool addr_ok = ratelimit_take(app->rl_address, ikey, now_ms);
	if (acct_ok && addr_ok)
		return true;
	int64_t a = ratelimit_retry_after(app->rl_account, akey, now_ms);
	int64_t b = ratelimit_retry_after(app->rl_address, ikey, now_ms);
	*retry_after_s = a > b ? a : b;
	if (*retry_after_s < 1)
		*retry_after_s = 1;
	return false;
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
	if (!rate_allows(app, akey, ikey, retry_after_s)) {
		log_warn("sign-in rate limited");
		return AUTH_RATE_LIMITED;
	}
	char hash[SESSION_HASH_HEX + 1], old_hash[SESSION_HASH_HEX + 1];
	if (session_token_new(out->token) < 0 || session_token_new(out->csrf) < 0)
		return AUTH_FAILED;
	session_token_hash(out->token, hash);
	/* Rotation: a session the browser already had ends with this sign-in. */
	const char *old = request_cookie(req, session_cookie_name(app->cfg->secure_cookies));
	bool rotate = old && session_token_wellformed(old);
	if (rotate)
		session_token_hash(old, old_hash);
	struct app_sign_in in = {.username = username,
	                         .password = password,
	                         .token_hash = hash,
	                         .csrf = out->csrf,
	                         .old_token_hash = rotate ? old_hash : NULL,
	                         .now = ltime_now()};
	struct app_session_policy pol = session_policy(app);
	struct app_session s;
	struct app_err err;
	int rc = app_session_sign_in(db, &pol, &in, &s, &err);
	if (rc == APP_FORBIDDEN)
		return AUTH_BAD_CREDENTIALS;
	if (rc != APP_OK)
		return AUTH_FAILED;
	out->actor = s.actor;
	snprintf(out->agency_name, sizeof out->agency_name, "%s", s.agency_name);
	snprintf(out->token_hash, sizeof out->token_hash, "%s", hash);
	out->ends_at = s.ends_at;
	out->ends_absolute = s.ends_absolute;
	out->must_change_password = s.must_change_password;
	ratelimit_reset(app->rl_account, akey);
	return AUTH_OK;
}

int auth_sign_out(struct request *req)
{
	struct db *db = request_db(req);
	if (!db || !req->session || req->session->bearer)
		return 0;
	struct app_err err;
	if (app_session_sign_out(db, &req->session->actor, req->session->token_hash, &err) !=
	    APP_OK)
		return -1;
	req->session = NULL;
	return 0;
}

/* R-INFO-3: the reason for opening a restricted record. The API gives it per request in
 * the Lantern-Purpose header (NULL when absent or not an API route); a browser session
 * gives it once on the restricted-record page, and it holds for that record for
 * APP_SESSION_GRANT_S (app_session_grant). */
static const char *purpose_header(struct request *req)
{
	return req->route && (req->route->flags & ROUTE_API)
	               ? request_header(req, "Lantern-Purpose")
	               : NULL;
}

/* Makes req->session from what a lookup found. Returns 0, or -1 (out of memory). */
static int set_session(struct request *req, const char *token_hash, const struct app_session *found,
                       bool bearer)
{
	struct web_session *s = pool_calloc(req->pool, 1, sizeof(*s));
	if (!s)
		return -1;
	snprintf(s->token_hash, sizeof s->token_hash, "%s", token_hash);
	snprintf(s->csrf, sizeof s->csrf, "%.43s", found->csrf);
	snprintf(s->agency_name, sizeof s->agency_name, "%s", found->agency_name);
	s->actor = found->actor;
	s->bearer = bearer;
	s->ends_at = found->ends_at;
	s->ends_absolute = found->ends_absolute;
	s->must_change_password = found->must_change_password;
	/* A header that is not valid text is left out here; api_actor refuses it. */
	const char *p = purpose_header(req);
	if (p && text_ok(p, 500, false))
		snprintf(s->actor.purpose, sizeof s->actor.purpose, "%s", p);
	req->session = s;
	return 0;
}

int auth_grant_record(struct request *req, const char *ref, const char *purpose)
{
	struct db *db = request_db(req);
	if (!db || !req->session || req->session->bearer)
		return -1;
	struct app_err err;
	return app_session_grant(db, req->session->token_hash, ref, purpose, ltime_now(), &err) ==
	                       APP_OK
	               ? 0
	               : -1;
}

/* Bearer token lookup for API routes. */
static int authenticate_bearer(struct request *req, struct db *db, const char *token)
{
	if (!session_token_wellformed(token))
		return 0;
	char hash[SESSION_HASH_HEX + 1];
	session_token_hash(token, hash);
	struct app_session found;
	struct app_err err;
	int rc = app_api_token_find(db, hash, ltime_now(), &found, &err);
	if (rc == APP_NOT_FOUND)
		return 0;
	return rc == APP_OK ? set_session(req, hash, &found, true) : -1;
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
	char hash[SESSION_HASH_HEX + 1];
	session_token_hash(token, hash);
	/* a reason kept for this record applies unless the request gives its own */
	const char *ref = purpose_header(req) ? NULL : request_param(req, "ref");
	struct app_session_policy pol = session_policy(app);
	struct app_session found;
	struct app_err err;
	int rc = app_session_find(db, &pol, hash, ref, ltime_now(), &found, &err);
	if (rc == APP_NOT_FOUND && found.ended_username[0]) {
		req->ended_username = pool_strdup(req->pool, found.ended_username);
		req->ended_csrf = pool_strdup(req->pool, found.ended_csrf);
	}
	if (rc == APP_NOT_FOUND)
		return 0;
	return rc == APP_OK ? set_session(req, hash, &found, false) : -1;
}

int auth_use_session(struct request *req, const struct auth_new_session *s)
{
	struct app_session found;
	memset(&found, 0, sizeof found);
	found.actor = s->actor;
	snprintf(found.agency_name, sizeof found.agency_name, "%s", s->agency_name);
	snprintf(found.csrf, sizeof found.csrf, "%s", s->csrf);
	found.ends_at = s->ends_at;
	found.ends_absolute = s->ends_absolute;
	found.must_change_password = s->must_change_password;
	return set_session(req, s->token_hash, &found, false);
}

int auth_extend(struct request *req, int64_t *ends_at, bool *absolute)
{
	struct web_app *app = req->app;
	struct db *db = request_db(req);
	if (!db || !req->session || req->session->bearer)
		return -1;
	struct app_session_policy pol = session_policy(app);
	struct app_err err;
	if (app_session_extend(db, &pol, req->session->token_hash, ltime_now(), ends_at, absolute,
	                       &err) != APP_OK)
		return -1;
	req->session->ends_at = *ends_at;
	req->session->ends_absolute = *absolute;
	return 0;
}

void auth_set_cookie(struct request *req, struct response *resp, const char *token)
{
	struct web_app *app = req->app;
	char cookie[256];
	if (session_cookie_format(cookie, sizeof cookie, token, app->cfg->secure_cookies, 0) == 0)
		response_header(resp, "Set-Cookie", cookie);
}
