/*
 * test_app_session.c: signing in and out, finding sessions and personal API tokens
 * (src/app/session.h) against a real database: the right and the wrong password, an
 * unknown and a disabled user (one answer for all), session rotation, idle and
 * absolute timeouts, reasons kept for restricted records, API tokens created, listed,
 * used and revoked (and someone else's not), the audit events each writes, and a
 * sign_in_failed event that cannot be written being logged. Every time is FX_NOW or
 * counted from it; all users are synthetic.
 */
#include "app_fixture.h"

#include <sodium.h>

#include "app/password.h"
#include "app/session.h"

static const struct app_session_policy POLICY = {.idle_s = 15 * 60, .absolute_s = 12 * 3600};

/* A made-up token hash (64 hex characters) numbered n. */
static void hash_of(int n, char out[APP_SESSION_HASH_MAX])
{
	snprintf(out, APP_SESSION_HASH_MAX, "%064x", n);
}

static int sign_in(struct fx *f, const char *username, const char *password, int n,
                   const char *old_hash, int64_t now, struct app_session *out, struct app_err *err)
{
	char hash[APP_SESSION_HASH_MAX];
	hash_of(n, hash);
	struct app_sign_in in = {.username = username,
	                         .password = password,
	                         .token_hash = hash,
	                         .csrf = "csrf-token-for-tests-made-up-43-characters-",
	                         .old_token_hash = old_hash,
	                         .now = now};
	int rc = app_session_sign_in(f->db, &POLICY, &in, out, err);
	assert_false(db_in_tx(f->db));
	return rc;
}

static int64_t sessions_with(struct fx *f, int n)
{
	char hash[APP_SESSION_HASH_MAX];
	int64_t c = -1;
	hash_of(n, hash);
	assert_int_equal(db_query_int64(f->db, &c,
	                                "SELECT count(*) FROM sessions WHERE token_hash = $1", "s",
	                                hash),
	                 DB_OK);
	return c;
}

/* Events with this action whose user is NULL (an unknown username). */
static int64_t anonymous_events(struct fx *f, const char *action)
{
	int64_t c = -1;
	assert_int_equal(db_query_int64(f->db, &c,
	                                "SELECT count(*) FROM audit_events WHERE action = $1"
	                                " AND user_id IS NULL",
	                                "s", action),
	                 DB_OK);
	return c;
}

/* Adds a user of its own to a test (one that the test may disable). */
/* app_api_token_revoke (which has no view to give). */
static int token_revoke(struct fx *f, const struct actor *who, const char *id, struct app_err *err)
{
	json_t *out = NULL;
	int rc = app_api_token_revoke(f->db, who, id, NULL, &out, err);
	assert_null(out);
	return rc;
}

static void own_user(struct fx *f, const char *username)
{
	fx_user(f, username, "Camden Police", "police_officer");
}

static void test_sign_in_with_the_right_password(void **state)
{
	struct fx *f = *state;
	struct app_session s;
	struct app_err err;
	struct actor ames = fx_actor(f, "pc.ames");
	int64_t before = fx_audit_count(f, "sign_in", ames.user_id);
	assert_int_equal(sign_in(f, "pc.ames", FX_PASSWORD, 1, NULL, FX_NOW, &s, &err), APP_OK);
	assert_string_equal(s.actor.username, "pc.ames");
	assert_string_equal(s.actor.user_id, ames.user_id);
	assert_true(actor_has(&s.actor, ROLE_BIT(ROLE_POLICE_OFFICER)));
	assert_string_equal(s.agency_name, "Camden Police");
	assert_string_equal(s.csrf, "csrf-token-for-tests-made-up-43-characters-");
	assert_int_equal(sessions_with(f, 1), 1);
	assert_int_equal(fx_audit_count(f, "sign_in", ames.user_id), before + 1);
	fx_assert_audit_intact(f);
}

static void test_wrong_password_unknown_and_disabled_users_get_one_answer(void **state)
{
	struct fx *f = *state;
	struct app_session s;
	struct app_err err;
	own_user(f, "pc.spare");
	struct actor spare = fx_actor(f, "pc.spare");
	int64_t sessions = fx_count(f, "sessions");

	/* wrong password: refused, and the refusal names the user */
	assert_int_equal(
	        sign_in(f, "pc.spare", "not-the-password-at-all", 2, NULL, FX_NOW, &s, &err),
	        APP_FORBIDDEN);
	assert_string_equal(err.message, APP_SESSION_BAD_CREDENTIALS);
	assert_string_equal(s.actor.user_id, "");
	assert_int_equal(fx_audit_count(f, "sign_in_failed", spare.user_id), 1);

	/* unknown username (and one longer than any username): the same answer, and an
	 * event that names nobody */
	int64_t anon = anonymous_events(f, "sign_in_failed");
	assert_int_equal(sign_in(f, "nobody.here", FX_PASSWORD, 3, NULL, FX_NOW, &s, &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.message, APP_SESSION_BAD_CREDENTIALS);
	char longname[100];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(sign_in(f, longname, FX_PASSWORD, 3, NULL, FX_NOW, &s, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(anonymous_events(f, "sign_in_failed"), anon + 2);

	/* disabled: refused even with the right password */
	assert_int_equal(fx_user_disable(f, &f->sys, "pc.spare", &err), APP_OK);
	assert_int_equal(sign_in(f, "pc.spare", FX_PASSWORD, 4, NULL, FX_NOW, &s, &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.message, APP_SESSION_BAD_CREDENTIALS);
	assert_int_equal(fx_audit_count(f, "sign_in_failed", spare.user_id), 2);
	assert_int_equal(fx_audit_count(f, "sign_in", spare.user_id), 0);

	assert_int_equal(fx_count(f, "sessions"), sessions);
	fx_assert_audit_intact(f);
}

static void test_signing_in_again_ends_the_old_session_and_expired_ones(void **state)
{
	struct fx *f = *state;
	struct app_session s;
	struct app_err err;
	/* an expired session of another user, left behind */
	char stale[APP_SESSION_HASH_MAX];
	hash_of(10, stale);
	struct actor brook = fx_actor(f, "pc.brook");
	assert_int_equal(db_run(f->db,
	                        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at,"
	                        " last_seen_at) VALUES ($1, $2, 'c', $3, $3)",
	                        "ssi", stale, brook.user_id, FX_NOW - 2 * 86400),
	                 DB_OK);
	assert_int_equal(sign_in(f, "pc.brook", FX_PASSWORD, 11, NULL, FX_NOW, &s, &err), APP_OK);
	assert_int_equal(sessions_with(f, 10), 0);
	assert_int_equal(sessions_with(f, 11), 1);

	char first[APP_SESSION_HASH_MAX];
	hash_of(11, first);
	assert_int_equal(sign_in(f, "pc.brook", FX_PASSWORD, 12, first, FX_NOW + 5, &s, &err),
	                 APP_OK);
	assert_int_equal(sessions_with(f, 11), 0);
	assert_int_equal(sessions_with(f, 12), 1);
}

static void test_find_a_session_until_it_times_out(void **state)
{
	struct fx *f = *state;
	struct app_session s, found;
	struct app_err err;
	char hash[APP_SESSION_HASH_MAX];
	hash_of(20, hash);
	assert_int_equal(sign_in(f, "ps.clark", FX_PASSWORD, 20, NULL, FX_NOW, &s, &err), APP_OK);

	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 30, &found, &err),
	                 APP_OK);
	assert_string_equal(found.actor.username, "ps.clark");
	assert_string_equal(found.agency_name, "Camden Police");
	assert_string_equal(found.csrf, "csrf-token-for-tests-made-up-43-characters-");
	assert_int_equal(found.actor.now, 0);
	assert_string_equal(found.actor.purpose, "");
	assert_false(db_in_tx(f->db));
	/* use is noted at most once a minute */
	int64_t seen = 0;
	const char *q = "SELECT last_seen_at FROM sessions WHERE token_hash = $1";
	assert_int_equal(db_query_int64(f->db, &seen, q, "s", hash), DB_OK);
	assert_int_equal(seen, FX_NOW);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 600, &found, &err),
	                 APP_OK);
	assert_int_equal(db_query_int64(f->db, &seen, q, "s", hash), DB_OK);
	assert_int_equal(seen, FX_NOW + 600);

	/* idle past the idle timeout: ended and deleted */
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 600 + 15 * 60 + 1,
	                                  &found, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(found.actor.user_id, "");
	assert_int_equal(sessions_with(f, 20), 0);
	assert_false(db_in_tx(f->db));

	/* active all along, but signed in longer ago than the absolute timeout */
	hash_of(21, hash);
	assert_int_equal(sign_in(f, "ps.clark", FX_PASSWORD, 21, NULL, FX_NOW, &s, &err), APP_OK);
	int64_t t = FX_NOW;
	for (; t + 600 <= FX_NOW + 12 * 3600; t += 600)
		assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, t, &found, &err),
		                 APP_OK);
	assert_int_equal(
	        app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 12 * 3600 + 1, &found, &err),
	        APP_NOT_FOUND);
	assert_int_equal(sessions_with(f, 21), 0);

	/* no such session */
	hash_of(22, hash);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW, &found, &err),
	                 APP_NOT_FOUND);
}

static void test_a_disabled_users_session_ends_at_once(void **state)
{
	struct fx *f = *state;
	struct app_session s, found;
	struct app_err err;
	char hash[APP_SESSION_HASH_MAX];
	own_user(f, "pc.leaving");
	hash_of(30, hash);
	assert_int_equal(sign_in(f, "pc.leaving", FX_PASSWORD, 30, NULL, FX_NOW, &s, &err), APP_OK);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW, &found, &err),
	                 APP_OK);
	assert_int_equal(fx_user_disable(f, &f->sys, "pc.leaving", &err), APP_OK);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 1, &found, &err),
	                 APP_NOT_FOUND);
	/* a session row left for a disabled user (not through app_user_disable) also ends */
	struct actor leaving;
	assert_int_equal(db_run(f->db, "UPDATE users SET status = 'active' WHERE username = $1",
	                        "s", "pc.leaving"),
	                 DB_OK);
	leaving = fx_actor(f, "pc.leaving");
	assert_int_equal(db_run(f->db,
	                        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at,"
	                        " last_seen_at) VALUES ($1, $2, 'c', $3, $3)",
	                        "ssi", hash, leaving.user_id, FX_NOW),
	                 DB_OK);
	assert_int_equal(db_run(f->db, "UPDATE users SET status = 'disabled' WHERE id = $1", "s",
	                        leaving.user_id),
	                 DB_OK);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 2, &found, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(sessions_with(f, 30), 0);
}

static void test_R_INFO_3_a_reason_holds_for_its_record_for_a_while(void **state)
{
	struct fx *f = *state;
	struct app_session s, found;
	struct app_err err;
	char hash[APP_SESSION_HASH_MAX];
	hash_of(40, hash);
	struct app_session_policy long_idle = {.idle_s = 3600, .absolute_s = 12 * 3600};
	assert_int_equal(sign_in(f, "ps.dunn", FX_PASSWORD, 40, NULL, FX_NOW, &s, &err), APP_OK);
	assert_int_equal(app_session_grant(f->db, hash, "LAN-2026-000123",
	                                   "Strategy meeting tomorrow (synthetic).", FX_NOW, &err),
	                 APP_OK);
	assert_int_equal(app_session_find(f->db, &long_idle, hash, "LAN-2026-000123", FX_NOW + 60,
	                                  &found, &err),
	                 APP_OK);
	assert_string_equal(found.actor.purpose, "Strategy meeting tomorrow (synthetic).");
	/* another record, or no record: no reason */
	assert_int_equal(app_session_find(f->db, &long_idle, hash, "LAN-2026-000124", FX_NOW + 120,
	                                  &found, &err),
	                 APP_OK);
	assert_string_equal(found.actor.purpose, "");
	assert_int_equal(
	        app_session_find(f->db, &long_idle, hash, NULL, FX_NOW + 180, &found, &err),
	        APP_OK);
	assert_string_equal(found.actor.purpose, "");
	/* past APP_SESSION_GRANT_S the reason no longer holds */
	assert_int_equal(app_session_find(f->db, &long_idle, hash, "LAN-2026-000123",
	                                  FX_NOW + APP_SESSION_GRANT_S + 1, &found, &err),
	                 APP_OK);
	assert_string_equal(found.actor.purpose, "");
}

static void test_sign_out(void **state)
{
	struct fx *f = *state;
	struct app_session s, found;
	struct app_err err;
	char hash[APP_SESSION_HASH_MAX];
	hash_of(50, hash);
	assert_int_equal(sign_in(f, "at.lewis", FX_PASSWORD, 50, NULL, FX_NOW, &s, &err), APP_OK);
	struct actor who = s.actor;
	who.now = FX_NOW + 10;
	/* the system operator holds no session */
	assert_int_equal(app_session_sign_out(f->db, &f->sys, hash, &err), APP_FORBIDDEN);
	assert_int_equal(sessions_with(f, 50), 1);
	assert_int_equal(app_session_sign_out(f->db, &who, hash, &err), APP_OK);
	assert_false(db_in_tx(f->db));
	assert_int_equal(sessions_with(f, 50), 0);
	assert_int_equal(fx_audit_count(f, "sign_out", who.user_id), 1);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 20, &found, &err),
	                 APP_NOT_FOUND);
	fx_assert_audit_intact(f);
}

static void test_a_password_hashed_with_older_costs_is_rehashed(void **state)
{
	struct fx *f = *state;
	struct app_session s;
	struct app_err err;
	own_user(f, "pc.oldhash");
	char weak[crypto_pwhash_STRBYTES];
	assert_int_equal(crypto_pwhash_str(weak, FX_PASSWORD, strlen(FX_PASSWORD),
	                                   crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
	                 0);
	assert_int_equal(db_run(f->db, "UPDATE users SET password_hash = $2 WHERE username = $1",
	                        "ss", "pc.oldhash", weak),
	                 DB_OK);
	assert_true(password_needs_rehash(weak));
	assert_int_equal(sign_in(f, "pc.oldhash", FX_PASSWORD, 60, NULL, FX_NOW, &s, &err), APP_OK);
	char now[PASSWORD_HASH_MAX];
	assert_int_equal(db_query_text(f->db, now, sizeof now,
	                               "SELECT password_hash FROM users WHERE username = $1", "s",
	                               "pc.oldhash"),
	                 DB_OK);
	assert_string_not_equal(now, weak);
	assert_false(password_needs_rehash(now));
	assert_true(password_verify(FX_PASSWORD, now));
}

/* ---- API tokens ---- */

static int token_create(struct fx *f, const struct actor *who, bool by_token, json_t *in, int n,
                        json_t **out, struct app_err *err)
{
	char hash[APP_SESSION_HASH_MAX];
	hash_of(n, hash);
	int rc = app_api_token_create(f->db, who, by_token, in, hash, out, err);
	json_decref(in);
	assert_false(db_in_tx(f->db));
	return rc;
}

static void test_api_tokens_created_used_listed_and_revoked(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	json_t *out = NULL;
	struct actor hill = fx_actor(f, "nurse.hill");
	struct actor irwin = fx_actor(f, "nurse.irwin");
	int64_t tokens = fx_count(f, "api_tokens");

	/* refused: the system operator, a request made with a token, bad input */
	assert_int_equal(
	        token_create(f, &f->sys, false, json_pack("{s:s}", "label", "x"), 70, &out, &err),
	        APP_FORBIDDEN);
	assert_int_equal(
	        token_create(f, &hill, true, json_pack("{s:s}", "label", "x"), 70, &out, &err),
	        APP_FORBIDDEN);
	assert_string_equal(err.message, "Create API tokens while signed in with a password.");
	assert_int_equal(token_create(f, &hill, false, json_object(), 70, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "label"));
	char long_label[120];
	memset(long_label, 'l', sizeof long_label - 1);
	long_label[sizeof long_label - 1] = '\0';
	assert_int_equal(token_create(f, &hill, false, json_pack("{s:s}", "label", long_label), 70,
	                              &out, &err),
	                 APP_INVALID);
	assert_int_equal(token_create(f, &hill, false,
	                              json_pack("{s:s, s:b}", "label", "x", "admin", 1), 70, &out,
	                              &err),
	                 APP_INVALID);
	assert_int_equal(token_create(f, &hill, false, json_pack("[s]", "label"), 70, &out, &err),
	                 APP_INVALID);
	assert_null(out);
	assert_int_equal(fx_count(f, "api_tokens"), tokens);

	/* created and audited */
	assert_int_equal(token_create(f, &hill, false, json_pack("{s:s}", "label", "case system"),
	                              70, &out, &err),
	                 APP_OK);
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(out, "id")));
	assert_string_equal(json_string_value(json_object_get(out, "label")), "case system");
	assert_string_equal(json_string_value(json_object_get(out, "created_at")),
	                    "2026-03-10T12:00:00Z");
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "create", id), 1);

	/* used: it finds its user, and notes its use at most once a minute */
	char hash[APP_SESSION_HASH_MAX];
	hash_of(70, hash);
	struct app_session found;
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 5, &found, &err), APP_OK);
	assert_string_equal(found.actor.username, "nurse.hill");
	assert_string_equal(found.agency_name, "North Central Health Trust");
	assert_string_equal(found.csrf, "");
	char used[40];
	const char *q = "SELECT coalesce(last_used_at, '') FROM api_tokens WHERE id = $1";
	assert_int_equal(db_query_text(f->db, used, sizeof used, q, "s", id), DB_OK);
	assert_string_equal(used, "2026-03-10T12:00:05Z");
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 30, &found, &err), APP_OK);
	assert_int_equal(db_query_text(f->db, used, sizeof used, q, "s", id), DB_OK);
	assert_string_equal(used, "2026-03-10T12:00:05Z");
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 65, &found, &err), APP_OK);
	assert_int_equal(db_query_text(f->db, used, sizeof used, q, "s", id), DB_OK);
	assert_string_equal(used, "2026-03-10T12:01:05Z");

	/* listed for its user only, never with its hash */
	assert_int_equal(app_api_token_list(f->db, &hill, NULL, NULL, &out, &err), APP_OK);
	json_t *list = json_object_get(out, "tokens");
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "id")), id);
	char *text = json_dumps(out, 0);
	assert_null(strstr(text, hash));
	free(text);
	json_decref(out);
	assert_int_equal(app_api_token_list(f->db, &irwin, NULL, NULL, &out, &err), APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "tokens")), 0);
	json_decref(out);
	assert_int_equal(app_api_token_list(f->db, &f->sys, NULL, NULL, &out, &err), APP_FORBIDDEN);

	/* someone else's token is not found, and nothing is revoked or audited */
	assert_int_equal(token_revoke(f, &irwin, id, &err), APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "revoke", id), 0);
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 70, &found, &err), APP_OK);
	assert_int_equal(token_revoke(f, &hill, "tok_no_such_token", &err), APP_NOT_FOUND);
	char long_id[80];
	memset(long_id, 't', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	assert_int_equal(token_revoke(f, &hill, long_id, &err), APP_NOT_FOUND);

	/* revoked by its user: audited, then it finds nobody, and cannot be revoked again */
	hill.now = FX_NOW + 100;
	assert_int_equal(token_revoke(f, &hill, id, &err), APP_OK);
	assert_false(db_in_tx(f->db));
	assert_int_equal(fx_audit_count(f, "revoke", id), 1);
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 110, &found, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(token_revoke(f, &hill, id, &err), APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "revoke", id), 1);
	assert_int_equal(app_api_token_list(f->db, &hill, NULL, NULL, &out, &err), APP_OK);
	assert_string_equal(
	        json_string_value(json_object_get(json_array_get(json_object_get(out, "tokens"), 0),
	                                          "revoked_at")),
	        "2026-03-10T12:01:40Z");
	json_decref(out);
	fx_assert_audit_intact(f);
}

static void test_a_disabled_users_token_finds_nobody(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	json_t *out = NULL;
	own_user(f, "pc.tokenholder");
	struct actor who = fx_actor(f, "pc.tokenholder");
	assert_int_equal(token_create(f, &who, false, json_pack("{s:s}", "label", "nightly export"),
	                              80, &out, &err),
	                 APP_OK);
	json_decref(out);
	char hash[APP_SESSION_HASH_MAX];
	hash_of(80, hash);
	struct app_session found;
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW, &found, &err), APP_OK);
	assert_int_equal(fx_user_disable(f, &f->sys, "pc.tokenholder", &err), APP_OK);
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW + 1, &found, &err), APP_NOT_FOUND);
	assert_string_equal(found.actor.user_id, "");
	hash_of(81, hash);
	assert_int_equal(app_api_token_find(f->db, hash, FX_NOW, &found, &err), APP_NOT_FOUND);
}

/* ---- a sign_in_failed event that cannot be written ---- */

/* Runs a refused sign-in with stderr sent to a file; returns what was written there
 * (caller frees). */
static char *refused_sign_in_log(struct fx *f, const char *username)
{
	char path[] = "/tmp/lantern-test-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(2);
	assert_true(saved >= 0);
	assert_true(dup2(fd, 2) >= 0);
	struct app_session s;
	struct app_err err;
	int rc = sign_in(f, username, "not-the-password-at-all", 90, NULL, FX_NOW, &s, &err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(rc, APP_FORBIDDEN);
	assert_string_equal(err.message, APP_SESSION_BAD_CREDENTIALS);
	char *text = calloc(1, 4096);
	assert_non_null(text);
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read(fd, text, 4095);
	assert_true(n >= 0);
	close(fd);
	unlink(path);
	return text;
}

static void test_a_sign_in_failed_event_that_cannot_be_written_is_logged(void **state)
{
	struct fx *f = *state;
	struct actor ames = fx_actor(f, "pc.ames");
	int64_t before = fx_audit_count(f, "sign_in_failed", ames.user_id);
	/* this connection refuses to write sign_in_failed events from now on */
	assert_int_equal(db_exec(f->db, "CREATE TEMP TRIGGER no_failed_sign_in BEFORE INSERT ON"
	                                " audit_events WHEN NEW.action = 'sign_in_failed'"
	                                " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"),
	                 DB_OK);
	char *known = refused_sign_in_log(f, "pc.ames");
	char *unknown = refused_sign_in_log(f, "someone.unknown");
	assert_int_equal(db_exec(f->db, "DROP TRIGGER no_failed_sign_in"), DB_OK);

	assert_non_null(strstr(known, "level=error"));
	assert_non_null(strstr(known, "sign_in_failed audit event was not written"));
	assert_non_null(strstr(unknown, "sign_in_failed audit event was not written"));
	/* no personal data in the log */
	assert_null(strstr(known, "pc.ames"));
	assert_null(strstr(unknown, "someone.unknown"));
	assert_null(strstr(known, "not-the-password-at-all"));
	free(known);
	free(unknown);
	assert_int_equal(fx_audit_count(f, "sign_in_failed", ames.user_id), before);
	assert_false(db_in_tx(f->db));
	fx_assert_audit_intact(f);
	/* written again once the database takes it */
	struct app_session s;
	struct app_err err;
	assert_int_equal(
	        sign_in(f, "pc.ames", "not-the-password-at-all", 91, NULL, FX_NOW, &s, &err),
	        APP_FORBIDDEN);
	assert_int_equal(fx_audit_count(f, "sign_in_failed", ames.user_id), before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_sign_in_with_the_right_password),
	        cmocka_unit_test(test_wrong_password_unknown_and_disabled_users_get_one_answer),
	        cmocka_unit_test(test_signing_in_again_ends_the_old_session_and_expired_ones),
	        cmocka_unit_test(test_find_a_session_until_it_times_out),
	        cmocka_unit_test(test_a_disabled_users_session_ends_at_once),
	        cmocka_unit_test(test_R_INFO_3_a_reason_holds_for_its_record_for_a_while),
	        cmocka_unit_test(test_sign_out),
	        cmocka_unit_test(test_a_password_hashed_with_older_costs_is_rehashed),
	        cmocka_unit_test(test_api_tokens_created_used_listed_and_revoked),
	        cmocka_unit_test(test_a_disabled_users_token_finds_nobody),
	        cmocka_unit_test(test_a_sign_in_failed_event_that_cannot_be_written_is_logged),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
