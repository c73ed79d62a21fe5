/*
 * session.c: signing in and out, finding the user behind a session or a personal API
 * token, and creating, listing and revoking API tokens (see session.h).
 */
#include "app/session.h"

#include "app/password.h"
#include "app/uc.h"
#include "store/sessions.h"
#include "store/users.h"
#include "util/log.h"
#include "util/ltime.h"

/* A session or token notes its use at most this often (seconds). */
#define TOUCH_INTERVAL_S 60
#define TOKEN_LABEL_MAX 100

/* Refuses an actor who is not a signed-in user (the system operator holds no session
 * and no tokens). */
static int require_user(const struct actor *who, struct app_err *err)
{
	if (!who->system && who->user_id[0])
		return APP_OK;
	return app_fail(err, APP_FORBIDDEN, NULL, "Only a signed-in user can do this.");
}

/* Loads the active user `username` and their agency's name into out, inside the
 * caller's transaction. APP_OK; APP_NOT_FOUND when the user is disabled or gone;
 * APP_FAILED. */
static int load_user(struct db *db, const char *username, struct app_session *out,
                     struct app_err *err)
{
	struct app_err e;
	int rc = actor_load(db, username, &out->actor, &e);
	if (rc == APP_NOT_FOUND)
		return app_fail(err, APP_NOT_FOUND, NULL, "%s", e.message);
	if (rc != APP_OK) {
		*err = e;
		return rc;
	}
	rc = store_agency_name(db, out->actor.agency_id, out->agency_name, sizeof out->agency_name);
	return rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
}

/* When a session created at `created` and last used at `last` ends: *ends_at, and
 * *absolute when that is its absolute end (which using it does not move). */
static void session_ends(int64_t created, int64_t last, const struct app_session_policy *pol,
                         int64_t *ends_at, bool *absolute)
{
	int64_t idle_end = last + pol->idle_s, abs_end = created + pol->absolute_s;
	*absolute = abs_end <= idle_end;
	*ends_at = *absolute ? abs_end : idle_end;
}

/* ---- signing in and out ---- */

/* The actor an audit event about the user in row u names, at `now`. */
static void actor_of_user(struct actor *a, const struct user_row *u, int64_t now)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->user_id, sizeof a->user_id, "%s", u->id);
	snprintf(a->username, sizeof a->username, "%s", u->username);
	snprintf(a->agency_id, sizeof a->agency_id, "%s", u->agency_id);
	a->now = now;
}

/* Looks the user up and verifies the password, at the cost of one argon2id
 * verification whatever the outcome. APP_OK with *u filled when the password is right
 * and the user active; APP_FORBIDDEN when refused (*known: u holds the user named);
 * APP_FAILED when the database failed. */
static int check_password(struct db *db, const struct app_sign_in *in, struct user_row *u,
                          bool *known, struct app_err *err)
{
	*known = false;
	int rc = strlen(in->username) < sizeof u->username ? store_user_get(db, in->username, u)
	                                                   : DB_DONE;
	if (rc != DB_ROW && rc != DB_DONE)
		return app_db_fail(err, db, rc);
	if (rc == DB_DONE)
		password_burn(in->password);
	*known = rc == DB_ROW;
	if (rc == DB_DONE || !password_verify(in->password, u->password_hash) ||
	    strcmp(u->status, "active") != 0)
		return app_fail(err, APP_FORBIDDEN, NULL, "%s", APP_SESSION_BAD_CREDENTIALS);
	return APP_OK;
}

/* Writes sign_in_failed, naming the user when u is not NULL, in a transaction of its
 * own. A failure to write it is logged (without the username); the refusal stands. */
static void audit_refused(struct db *db, const struct user_row *u, int64_t now)
{
	struct actor a;
	memset(&a, 0, sizeof a);
	a.now = now;
	if (u)
		actor_of_user(&a, u, now);
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = app_audit(db, &a, "sign_in_failed", "session", u ? u->id : NULL, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		log_error("sign-in refused, but its sign_in_failed audit event was not written "
		          "(database error %d)",
		          rc);
	}
}

/* The writes of a sign-in, in one transaction: ends the browser's old session and the
 * sessions past their timeouts, stores the new session (and the password re-hashed,
 * when `rehash` is not empty), writes sign_in and loads the user into out. */
static int start_session(struct db *db, const struct app_session_policy *pol,
                         const struct app_sign_in *in, const struct user_row *user,
                         const char *rehash, struct app_session *out, struct app_err *err)
{
	struct actor who;
	struct uc u;
	actor_of_user(&who, user, in->now);
	uc_init(&u, db, &who, err);
	int rc = uc_begin(&u);
	if (rc == APP_OK && in->old_token_hash)
		rc = uc_db(&u, store_session_delete(db, in->old_token_hash));
	/* sessions that ended are kept a while, so that a form their pages post is kept
	 * for their user (app_session_find) */
	if (rc == APP_OK)
		rc = uc_db(&u, store_sessions_expire(
		                       db, u.now - pol->idle_s - APP_SESSION_ENDED_KNOWN_S,
		                       u.now - pol->absolute_s - APP_SESSION_ENDED_KNOWN_S));
	if (rc == APP_OK)
		rc = uc_db(&u, store_session_insert(db, in->token_hash, user->id, in->csrf, u.now));
	if (rc == APP_OK && rehash[0])
		rc = uc_db(&u, store_user_set_password(db, user->id, rehash));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "sign_in", "session", user->id, NULL, NULL));
	if (rc == APP_OK)
		rc = load_user(db, user->username, out, err);
	if (rc == APP_NOT_FOUND) /* disabled while the password was checked */
		rc = app_fail(err, APP_FORBIDDEN, NULL, "%s", APP_SESSION_BAD_CREDENTIALS);
	return uc_end(&u, rc, NULL);
}

int app_session_sign_in(struct db *db, const struct app_session_policy *pol,
                        const struct app_sign_in *in, struct app_session *out, struct app_err *err)
{
	app_err_clear(err);
	memset(out, 0, sizeof(*out));
	struct user_row user;
	bool known = false;
	int rc = check_password(db, in, &user, &known, err);
	if (rc == APP_FORBIDDEN)
		audit_refused(db, known ? &user : NULL, in->now);
	if (rc != APP_OK)
		return rc;
	/* Hashing is slow: done before the transaction, only when the costs were raised. */
	char rehash[PASSWORD_HASH_MAX] = "";
	if (password_needs_rehash(user.password_hash) && password_hash(in->password, rehash) < 0)
		rehash[0] = '\0'; /* the old hash stays; the next sign-in tries again */
	rc = start_session(db, pol, in, &user, rehash, out, err);
	if (rc == APP_OK) {
		snprintf(out->csrf, sizeof out->csrf, "%s", in->csrf);
		session_ends(in->now, in->now, pol, &out->ends_at, &out->ends_absolute);
		out->must_change_password = user.must_change_password;
	}
	return rc;
}

int app_session_sign_out(struct db *db, const struct actor *who, const char *token_hash,
                         struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	if (require_user(who, err))
		return err->code;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = uc_db(&u, store_session_delete(db, token_hash));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "sign_out", "session", who->user_id, NULL, NULL));
	return uc_end(&u, rc, NULL);
}

/* ---- finding a session ---- */

static bool session_timed_out(const struct session_row *s, const struct app_session_policy *pol,
                              int64_t now)
{
	return now - s->last_seen_at > pol->idle_s || now - s->created_at > pol->absolute_s;
}

static bool session_ended(const struct session_row *s, const struct app_session_policy *pol,
                          int64_t now)
{
	return session_timed_out(s, pol, now) || strcmp(s->user_status, "active") != 0;
}

/* The purpose of a grant for record_ref valid at now, if any, into out->actor. */
static int read_grant(struct db *db, const char *token_hash, const char *record_ref, int64_t now,
                      struct app_session *out, struct app_err *err)
{
	char purpose[sizeof out->actor.purpose];
	int rc = store_grant_get(db, token_hash, record_ref, now, purpose, sizeof purpose);
	if (rc == DB_ROW)
		snprintf(out->actor.purpose, sizeof out->actor.purpose, "%s", purpose);
	return rc == DB_ROW || rc == DB_DONE ? APP_OK : app_db_fail(err, db, rc);
}

/* The reads of a session lookup, in one read transaction: the session (into *row, and
 * *found set), its user and the grant for record_ref (into out). *end is set when the
 * session has ended and must be deleted. */
static int read_session(struct db *db, const struct app_session_policy *pol, const char *token_hash,
                        const char *record_ref, int64_t now, struct session_row *row, bool *found,
                        struct app_session *out, bool *end, struct app_err *err)
{
	int rc = db_begin_read(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	rc = store_session_get(db, token_hash, row);
	*found = rc == DB_ROW;
	if (rc == DB_ROW) {
		*end = session_ended(row, pol, now);
		rc = *end ? APP_NOT_FOUND : load_user(db, row->username, out, err);
		*end = *end || rc == APP_NOT_FOUND;
		if (rc == APP_OK && record_ref)
			rc = read_grant(db, token_hash, record_ref, now, out, err);
	} else {
		rc = rc == DB_DONE ? APP_NOT_FOUND : app_db_fail(err, db, rc);
	}
	db_rollback(db); /* ends the read transaction */
	return rc;
}

/* Deletes an ended session, in a transaction of its own. A failure is logged: the
 * session is refused either way, and the next sign-in deletes it with the others. */
static void end_session(struct db *db, const char *token_hash)
{
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = store_session_delete(db, token_hash);
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		log_warn("could not delete an ended session (database error %d)", rc);
	}
}

int app_session_find(struct db *db, const struct app_session_policy *pol, const char *token_hash,
                     const char *record_ref, int64_t now, struct app_session *out,
                     struct app_err *err)
{
	app_err_clear(err);
	memset(out, 0, sizeof(*out));
	struct session_row row;
	bool end = false, found = false;
	int rc = read_session(db, pol, token_hash, record_ref, now, &row, &found, out, &end, err);
	if (end)
		end_session(db, token_hash);
	if (rc == APP_NOT_FOUND || end) {
		memset(out, 0, sizeof(*out));
		/* a session that timed out, not one whose user was disabled: its user may sign
		 * in again and find the form its pages posted (web/resume.h) */
		if (found && session_timed_out(&row, pol, now) &&
		    strcmp(row.user_status, "active") == 0 &&
		    now - row.last_seen_at <= pol->idle_s + APP_SESSION_ENDED_KNOWN_S) {
			snprintf(out->ended_username, sizeof out->ended_username, "%s",
			         row.username);
			snprintf(out->ended_csrf, sizeof out->ended_csrf, "%s", row.csrf_token);
		}
		return app_fail(err, APP_NOT_FOUND, NULL, "There is no such session, or it ended.");
	}
	if (rc != APP_OK)
		return rc;
	/* A note of use that fails is tried again on the next request. */
	int64_t last = row.last_seen_at;
	if (now - row.last_seen_at >= TOUCH_INTERVAL_S &&
	    store_session_touch(db, token_hash, now) == DB_OK)
		last = now;
	snprintf(out->csrf, sizeof out->csrf, "%s", row.csrf_token);
	session_ends(row.created_at, last, pol, &out->ends_at, &out->ends_absolute);
	out->must_change_password = row.must_change_password;
	return APP_OK;
}

int app_session_extend(struct db *db, const struct app_session_policy *pol, const char *token_hash,
                       int64_t now, int64_t *ends_at, bool *absolute, struct app_err *err)
{
	app_err_clear(err);
	*ends_at = 0;
	*absolute = false;
	struct session_row row;
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	rc = store_session_get(db, token_hash, &row);
	bool live = rc == DB_ROW && !session_ended(&row, pol, now);
	if (live)
		rc = store_session_touch(db, token_hash, now);
	if (rc == DB_ROW || rc == DB_DONE || rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		return app_db_fail(err, db, rc);
	}
	if (!live)
		return app_fail(err, APP_NOT_FOUND, NULL, "There is no such session, or it ended.");
	session_ends(row.created_at, now, pol, ends_at, absolute);
	return APP_OK;
}

int app_session_grant(struct db *db, const char *token_hash, const char *record_ref,
                      const char *purpose, int64_t now, struct app_err *err)
{
	app_err_clear(err);
	int rc = store_grant_put(db, token_hash, record_ref, purpose, now + APP_SESSION_GRANT_S);
	return rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
}

/* ---- personal API tokens ---- */

int app_api_token_find(struct db *db, const char *token_hash, int64_t now, struct app_session *out,
                       struct app_err *err)
{
	app_err_clear(err);
	memset(out, 0, sizeof(*out));
	struct api_token_row t;
	int rc = db_begin_read(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	rc = store_api_token_get(db, token_hash, &t);
	if (rc == DB_DONE || (rc == DB_ROW && strcmp(t.user_status, "active") != 0))
		rc = APP_NOT_FOUND;
	else if (rc == DB_ROW)
		rc = load_user(db, t.username, out, err);
	else
		rc = app_db_fail(err, db, rc);
	db_rollback(db); /* ends the read transaction */
	if (rc == APP_NOT_FOUND) {
		memset(out, 0, sizeof(*out));
		return app_fail(err, APP_NOT_FOUND, NULL, "There is no such API token.");
	}
	if (rc != APP_OK)
		return rc;
	/* Use is noted at most once a minute: when the UTC minute differs. A note that
	 * fails is tried again on the next request. */
	if (t.last_used_at / 60 != now / 60)
		store_api_token_touch(db, t.id, now);
	return APP_OK;
}

int app_api_token_create(struct db *db, const struct actor *who, bool by_token, json_t *in,
                         const char *token_hash, json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"label", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (require_user(who, err))
		return err->code;
	if (by_token)
		return app_fail(err, APP_FORBIDDEN, NULL,
		                "Create API tokens while signed in with a password.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The API token must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *label = app_json_str(in, "label", true, TOKEN_LABEL_MAX, false, err);
	if (err->code)
		return err->code;
	char id[ID_MAX];
	if (id_new("tok", id) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not make an identifier.");
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           store_api_token_insert(db, id, who->user_id, token_hash, label, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "api_token", id, NULL, NULL));
	if (rc == APP_OK) {
		*out = json_pack("{s:s, s:s, s:s}", "id", id, "label", label, "created_at",
		                 u.now_s);
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	}
	return uc_end(&u, rc, out);
}

int app_api_token_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (require_user(who, err))
		return err->code;
	json_t *list = store_api_tokens_list(db, who->user_id);
	if (!list)
		return app_db_fail(err, db, DB_E_ERROR);
	*out = json_pack("{s:o}", "tokens", list);
	return *out ? APP_OK : app_fail(err, APP_FAILED, NULL, "Out of memory.");
}

int app_api_token_revoke(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (require_user(who, err))
		return err->code;
	if (!id || strlen(id) >= ID_MAX)
		return app_fail(err, APP_NOT_FOUND, NULL, "You have no API token with that id.");
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int s = store_api_token_revoke(db, who->user_id, id, u.now);
		rc = s == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL,
		                             "You have no API token with that id.")
		                  : uc_db(&u, s);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "revoke", "api_token", id, NULL, NULL));
	return uc_end(&u, rc, out);
}
