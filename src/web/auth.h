/*
 * auth.h: the web side of signing in and of sessions: the session cookie, the
 * Authorization and Lantern-Purpose headers, and sign-in rate limiting. Checking
 * passwords, storing sessions and tokens (only their hashes) and writing the audit
 * events are the use cases' (app/session.h); this file calls them.
 *
 * Sign-in (auth_sign_in):
 *  - rate-limited per account (the username as typed, lower-cased) and per client
 *    address before any password work (web/ratelimit.h); a refused attempt costs
 *    nothing and says when to retry;
 *  - no user enumeration: an unknown username, a disabled user and a wrong password
 *    all give AUTH_BAD_CREDENTIALS, alike in answer and timing (app_session_sign_in);
 *  - on success a new session: a fresh 256-bit token (never reusing one the browser
 *    sent: the old session, if any, ends) and a fresh CSRF token (web/session.h), and
 *    the account's rate-limit bucket is reset;
 *  - sign_in and sign_in_failed audit events (written by the use case).
 *
 * Sessions (auth_authenticate, the dispatcher's hook): the cookie token is hashed and
 * looked up (app_session_find); the session ends when idle for longer than config
 * session_idle, older than session_absolute, or its user is disabled or gone. Every page
 * says when (web_session.ends_at); a session that timed out is remembered in the
 * request (ended_username), so that a form it posted is kept (web/resume.h). On API
 * routes an `Authorization: Bearer TOKEN` personal API token is accepted instead
 * (app_api_token_find: stored hashed; revocable; its user must be active).
 */
#ifndef LANTERN_WEB_AUTH_H
#define LANTERN_WEB_AUTH_H

#include "web/webapp.h"
#include "web/request.h"
#include "web/session.h"

enum auth_result {
	AUTH_OK,
	AUTH_BAD_CREDENTIALS, /* unknown user, disabled user or wrong password: one answer */
	AUTH_RATE_LIMITED,
	AUTH_FAILED, /* database or system failure */
};

/* The message shown on the sign-in page for AUTH_BAD_CREDENTIALS, whichever the
 * cause. */
#define AUTH_BAD_CREDENTIALS_MESSAGE "Enter a correct username and password"

struct auth_new_session {
	char token[SESSION_TOKEN_LEN + 1]; /* for the cookie; never stored */
	char token_hash[SESSION_HASH_HEX + 1];
	char csrf[SESSION_TOKEN_LEN + 1];
	struct actor actor;
	char agency_name[160];
	int64_t ends_at;
	bool ends_absolute;
	bool must_change_password;
};

/* Signs in; on AUTH_OK fills out (the caller sets the cookie with auth_set_cookie).
 * On AUTH_RATE_LIMITED *retry_after_s says how long to wait. */
enum auth_result auth_sign_in(struct request *req, const char *username, const char *password,
                              struct auth_new_session *out, int64_t *retry_after_s);
/* Ends the request's session (if any, and if cookie-based). Returns 0 or -1. */
int auth_sign_out(struct request *req);
/* The dispatcher hook (struct web_app.authenticate): sets req->session or leaves it
 * NULL. Returns 0, or -1 if the database failed. */
int auth_authenticate(struct request *req);

/* Makes the session just signed in (s) the request's own, so that the rest of this
 * request acts as its user (a form kept across the sign-in is sent in it,
 * web/resume.h). Returns 0, or -1 when out of memory. */
int auth_use_session(struct request *req, const struct auth_new_session *s);

/* WCAG 2.2.1: "stay signed in": the request's session starts its idle time again.
 * *ends_at and *absolute say when it now ends. Returns 0, or -1 when it has ended or
 * the database failed. */
int auth_extend(struct request *req, int64_t *ends_at, bool *absolute);

/* Set-Cookie for a new session token, or (token NULL) one that clears the cookie. */
void auth_set_cookie(struct request *req, struct response *resp, const char *token);

/* Keeps `purpose` for record `ref` in this browser session (app_session_grant, for
 * APP_SESSION_GRANT_S), after the use case accepted it. Returns 0 or -1. */
int auth_grant_record(struct request *req, const char *ref, const char *purpose);

#endif
