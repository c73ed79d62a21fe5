/*
 * session.h: use cases for signing in and out, finding who a request's session or
 * personal API token belongs to, and managing personal API tokens. Each change is one
 * transaction that authorises, writes and writes its audit event before it commits.
 *
 * Tokens: the caller makes a session or API token (web/session.h: 256 random bits)
 * and passes only its hash here; these use cases never see a token itself, and the
 * database holds only hashes. Times are Unix seconds passed in by the caller (`now`)
 * or the actor's clock (app_now), so the use cases read no clock of their own.
 *
 * Sign-in (app_session_sign_in) gives no user enumeration: an unknown username, a
 * disabled user and a wrong password all answer APP_FORBIDDEN with
 * APP_SESSION_BAD_CREDENTIALS, after one argon2id verification each (password_burn for
 * an unknown user), so the answer and its timing are alike. A refused attempt writes a
 * sign_in_failed audit event (user and agency when the username is known; never the
 * password or an unknown username) in a transaction of its own; if that write fails
 * it is logged, never dropped silently. A successful one writes sign_in. Rate limiting
 * is the caller's (web/auth.c), before any password work.
 */
#ifndef LANTERN_APP_SESSION_H
#define LANTERN_APP_SESSION_H

#include "app/app.h"

/* The summary of a refused sign-in, whatever the cause. */
#define APP_SESSION_BAD_CREDENTIALS "The username or password is not correct."
/* How long a reason given to open a restricted record holds in a session (R-INFO-3). */
#define APP_SESSION_GRANT_S (30 * 60)
/* Session and API token hashes are BLAKE2b-256 in hex (web/session.h): 64 characters. */
#define APP_SESSION_HASH_MAX 65
/* A session's CSRF token: 43 characters of base64url (web/session.h). */
#define APP_SESSION_CSRF_MAX 64
/* How long a session that timed out is still known after its end, so that a form posted
 * from its pages can be kept for its user (app_session_find: ended_username). */
#define APP_SESSION_ENDED_KNOWN_S (60 * 60)

/* When sessions end (config session_idle and session_absolute, seconds). */
struct app_session_policy {
	int64_t idle_s;     /* no request for longer than this */
	int64_t absolute_s; /* signed in longer ago than this */
};

/* A sign-in attempt. */
struct app_sign_in {
	const char *username;
	const char *password;
	const char *token_hash;     /* the new session's token, hashed */
	const char *csrf;           /* the new session's CSRF token */
	const char *old_token_hash; /* a session the browser already had (ended); or NULL */
	int64_t now;
};

/* Who a session or API token belongs to. */
struct app_session {
	struct actor actor; /* the signed-in user; now 0 (real time), purpose as found */
	char agency_name[160];
	char csrf[APP_SESSION_CSRF_MAX]; /* the session's CSRF token; "" for an API token */
	int64_t ends_at;           /* when the session ends unless used again (0: API token) */
	bool ends_absolute;        /* ends_at is the absolute end: using it does not extend it */
	bool must_change_password; /* the user must set a new password before anything else */
	/* When app_session_find answers APP_NOT_FOUND for a session that timed out (its user
	 * still active): who it was and its CSRF token, to keep a form its pages posted. */
	char ended_username[64];
	char ended_csrf[APP_SESSION_CSRF_MAX];
};

/* Signs in: checks the password against an active user, ends the old session (if
 * any), deletes sessions past their timeouts, stores the new one, re-hashes a password
 * hashed with older costs, and writes sign_in, in one transaction. APP_OK with out
 * filled; APP_FORBIDDEN (APP_SESSION_BAD_CREDENTIALS) when refused; APP_FAILED when
 * the database failed. */
int app_session_sign_in(struct db *db, const struct app_session_policy *pol,
                        const struct app_sign_in *in, struct app_session *out, struct app_err *err);

/* Ends the session with this token hash and writes sign_out, in one transaction, for
 * the signed-in user `who`. APP_OK (also when the session had already ended),
 * APP_FORBIDDEN for an actor who is not a user, or APP_FAILED. */
int app_session_sign_out(struct db *db, const struct actor *who, const char *token_hash,
                         struct app_err *err);

/*
 * Finds the session with this token hash at `now`. The session, its user and any
 * grant are read in one read transaction (one snapshot); the write it calls for follows
 * in its own transaction: a session idle longer than pol->idle_s, older than
 * pol->absolute_s, or whose user is disabled or gone is deleted (APP_NOT_FOUND), and a
 * live one records its use at most once a minute. When record_ref is not NULL, a
 * reason this session gave to open that restricted record, still valid at `now`
 * (app_session_grant), becomes out->actor.purpose. APP_OK with out filled;
 * APP_NOT_FOUND when there is no live session; APP_FAILED. Looking up is not audited
 * (the actions a session takes are).
 */
int app_session_find(struct db *db, const struct app_session_policy *pol, const char *token_hash,
                     const char *record_ref, int64_t now, struct app_session *out,
                     struct app_err *err);

/* WCAG 2.2.1: "stay signed in". Notes the use of the live session with this token hash
 * at `now`, so that its idle time starts again, and tells when it now ends (*ends_at,
 * and *absolute when that is its absolute end, which nothing extends). APP_OK;
 * APP_NOT_FOUND when there is no live session; APP_FAILED. Not audited (a session's
 * use is not; what it does is). */
int app_session_extend(struct db *db, const struct app_session_policy *pol, const char *token_hash,
                       int64_t now, int64_t *ends_at, bool *absolute, struct app_err *err);

/* R-INFO-3: keeps `purpose`, which a use case has just accepted for opening restricted
 * record `record_ref`, in the session with this token hash until now +
 * APP_SESSION_GRANT_S (replacing an earlier one for the record). APP_OK or
 * APP_FAILED. */
int app_session_grant(struct db *db, const char *token_hash, const char *record_ref,
                      const char *purpose, int64_t now, struct app_err *err);

/* Finds the unrevoked personal API token with this hash at `now`: APP_OK with out
 * filled (csrf ""), APP_NOT_FOUND when there is none or its user is not active, or
 * APP_FAILED. Records the token's use at most once a minute. Not audited. */
int app_api_token_find(struct db *db, const char *token_hash, int64_t now, struct app_session *out,
                       struct app_err *err);

/* Creates a personal API token for the signed-in user `who`, with the hash of a token
 * the caller made and shows once. in: {"label"} (required, at most 100 characters) ->
 * out: {"id", "label", "created_at"}. Refused (APP_FORBIDDEN) for an actor who is not
 * a user, and when `by_token`: a request authenticated by an API token cannot make
 * another. Audited as create api_token. */
int app_api_token_create(struct db *db, const struct actor *who, bool by_token, json_t *in,
                         const char *token_hash, json_t **out, struct app_err *err);

/* The signed-in user's tokens, never their hashes: out {"tokens": [{"id", "label",
 * "created_at", "last_used_at", "revoked_at"}]}. APP_FORBIDDEN for an actor who is
 * not a user. */
int app_api_token_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);

/* Revokes the signed-in user's token `id` and writes revoke api_token, in one
 * transaction. APP_NOT_FOUND when the user has no such unrevoked token (someone else's
 * token is not found either); APP_FORBIDDEN for an actor who is not a user. */
int app_api_token_revoke(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

#endif
