/*
 * test_app_user_admin.c: user administration (src/app/admin.h) and the session timing
 * and kept forms it meets at sign-in (src/app/session.h, src/app/kept_forms.h): changing
 * a user's details, roles, enabling them again, resetting a password (signed out, a new
 * password due at the next sign-in) and changing one's own; an administrator never
 * disables themselves or drops their own administrator role; every change audited;
 * refusals write nothing. Sessions say when they end, "stay signed in" extends the idle
 * time but never the absolute end, and a session that timed out is still known for the
 * form it posted. Every time is FX_NOW or counted from it; every user is synthetic.
 */
#include "app_fixture.h"

#include "app/kept_forms.h"
#include "app/session.h"
#include "store/users.h"

static const struct app_session_policy POLICY = {.idle_s = 15 * 60, .absolute_s = 12 * 3600};

/* Runs a use case on `username` as `who` with in (consumed; may be NULL). */
static int run(struct fx *f, app_uc *fn, const char *who, const char *username, json_t *in,
               json_t **out, struct app_err *err)
{
	struct actor a = strcmp(who, "system") == 0 ? f->sys : fx_actor(f, who);
	json_t *o = NULL;
	int rc = fn(f->db, &a, username, in, &o, err);
	json_decref(in);
	if (out)
		*out = o;
	else
		json_decref(o);
	assert_false(db_in_tx(f->db));
	return rc;
}

static void user_row(struct fx *f, const char *username, struct user_row *u)
{
	assert_int_equal(store_user_get(f->db, username, u), DB_ROW);
}

static int sign_in(struct fx *f, const char *username, const char *password, int n, int64_t now,
                   struct app_session *out)
{
	char hash[APP_SESSION_HASH_MAX];
	snprintf(hash, sizeof hash, "%064x", n);
	struct app_sign_in in = {.username = username,
	                         .password = password,
	                         .token_hash = hash,
	                         .csrf = "csrf-token-for-tests-made-up-43-characters-",
	                         .now = now};
	struct app_err err;
	return app_session_sign_in(f->db, &POLICY, &in, out, &err);
}

static void test_change_a_users_details(void **state)
{
	struct fx *f = *state;
	fx_user(f, "pc.changer", "Camden Police", "police_officer");
	struct app_err err;
	json_t *out = NULL;
	struct user_row u;
	user_row(f, "pc.changer", &u);
	int64_t events = fx_audit_count(f, "change", u.id);
	assert_int_equal(
	        run(f, app_user_change, "admin.moss", "pc.changer",
	            json_pack("{s:s, s:s, s:s}", "display_name", "Pat Changer (synthetic)", "team",
	                      "Child Exploitation Team", "agency", "Sexual Exploitation Team"),
	            &out, &err),
	        APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "agency")),
	                    "Sexual Exploitation Team");
	assert_string_equal(json_string_value(json_object_get(out, "team")),
	                    "Child Exploitation Team");
	json_decref(out);
	user_row(f, "pc.changer", &u);
	assert_string_equal(u.display_name, "Pat Changer (synthetic)");
	assert_int_equal(fx_audit_count(f, "change", u.id), events + 1);
	char fields[100];
	assert_int_equal(db_query_text(f->db, fields, sizeof fields,
	                               "SELECT fields FROM audit_events WHERE entity_id = $1"
	                               " ORDER BY seq DESC LIMIT 1",
	                               "s", u.id),
	                 DB_OK);
	assert_string_equal(fields, "display_name,team,agency");
	/* the team cleared; nothing different; no such agency; not an administrator */
	assert_int_equal(run(f, app_user_change, "admin.moss", "pc.changer",
	                     json_pack("{s:s}", "team", ""), NULL, &err),
	                 APP_OK);
	user_row(f, "pc.changer", &u);
	assert_string_equal(u.team, "");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(run(f, app_user_change, "admin.moss", "pc.changer",
	                     json_pack("{s:s}", "display_name", "Pat Changer (synthetic)"), NULL,
	                     &err),
	                 APP_INVALID);
	assert_int_equal(run(f, app_user_change, "admin.moss", "pc.changer",
	                     json_pack("{s:s}", "agency", "No Such Agency"), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "agency"));
	assert_int_equal(run(f, app_user_change, "admin.moss", "pc.changer",
	                     json_pack("{s:s}", "display_name", ""), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "display_name"));
	assert_int_equal(run(f, app_user_change, "ps.dunn", "pc.changer",
	                     json_pack("{s:s}", "display_name", "Someone Else"), NULL, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(run(f, app_user_change, "admin.moss", "nobody.here",
	                     json_pack("{s:s}", "display_name", "Someone Else"), NULL, &err),
	                 APP_NOT_FOUND);
	fx_assert_counts_unchanged(f, before);
	/* the view, for administrators only, audited */
	assert_int_equal(run(f, app_user_get, "admin.moss", "pc.changer", NULL, &out, &err),
	                 APP_OK);
	assert_true(fx_has_string(json_object_get(out, "roles"), "police_officer"));
	json_decref(out);
	assert_int_equal(run(f, app_user_get, "aud.king", "pc.changer", NULL, &out, &err),
	                 APP_FORBIDDEN);
	assert_true(fx_audit_count(f, "view", u.id) >= 1);
}

static void test_roles_and_no_administrator_drops_their_own(void **state)
{
	struct fx *f = *state;
	fx_user(f, "pc.roles", "Camden Police", "police_officer");
	struct app_err err;
	json_t *out = NULL;
	assert_int_equal(
	        run(f, app_user_set_roles, "admin.moss", "pc.roles",
	            json_pack("{s:[s, s]}", "roles", "police_officer", "police_supervisor"), &out,
	            &err),
	        APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "roles")), 2);
	json_decref(out);
	struct actor a = fx_actor(f, "pc.roles");
	assert_true(actor_has(&a, ROLE_BIT(ROLE_POLICE_SUPERVISOR)));
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "pc.roles",
	                     json_pack("{s:[s]}", "roles", "health"), NULL, &err),
	                 APP_OK);
	a = fx_actor(f, "pc.roles");
	assert_false(actor_has(&a, ROLES_POLICE));
	assert_true(actor_has(&a, ROLE_BIT(ROLE_HEALTH)));
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "pc.roles",
	                     json_pack("{s:[]}", "roles"), NULL, &err),
	                 APP_INVALID);
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "pc.roles",
	                     json_pack("{s:[s]}", "roles", "wizard"), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "roles"));
	/* an administrator cannot remove their own administrator role... */
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "admin.moss",
	                     json_pack("{s:[s]}", "roles", "auditor"), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "roles"));
	fx_assert_counts_unchanged(f, before);
	a = fx_actor(f, "admin.moss");
	assert_true(actor_has(&a, ROLE_BIT(ROLE_ADMINISTRATOR)));
	/* ...but may add one to it */
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "admin.moss",
	                     json_pack("{s:[s, s]}", "roles", "administrator", "auditor"), NULL,
	                     &err),
	                 APP_OK);
	assert_int_equal(run(f, app_user_set_roles, "admin.moss", "admin.moss",
	                     json_pack("{s:[s]}", "roles", "administrator"), NULL, &err),
	                 APP_OK);
}

static void test_disable_enable_and_never_oneself(void **state)
{
	struct fx *f = *state;
	fx_user(f, "pc.leaver", "Camden Police", "police_officer");
	struct app_err err;
	struct app_session s;
	assert_int_equal(sign_in(f, "pc.leaver", FX_PASSWORD, 50, FX_NOW, &s), APP_OK);
	assert_int_equal(run(f, app_user_disable, "admin.moss", "pc.leaver", NULL, NULL, &err),
	                 APP_OK);
	assert_int_equal(sign_in(f, "pc.leaver", FX_PASSWORD, 51, FX_NOW, &s), APP_FORBIDDEN);
	assert_int_equal(run(f, app_user_enable, "admin.moss", "pc.leaver", NULL, NULL, &err),
	                 APP_OK);
	assert_int_equal(sign_in(f, "pc.leaver", FX_PASSWORD, 52, FX_NOW, &s), APP_OK);
	struct user_row u;
	user_row(f, "pc.leaver", &u);
	assert_int_equal(fx_audit_count(f, "enable", u.id), 1);
	assert_int_equal(
	        run(f, app_user_enable, "admin.moss", "pc.leaver", json_object(), NULL, &err),
	        APP_CONFLICT);
	assert_int_equal(run(f, app_user_enable, "ps.dunn", "pc.leaver", NULL, NULL, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(run(f, app_user_enable, "admin.moss", "pc.leaver",
	                     json_pack("{s:b}", "now", 1), NULL, &err),
	                 APP_INVALID);
	/* never oneself: the refusal changes nothing */
	assert_int_equal(run(f, app_user_disable, "admin.moss", "admin.moss", NULL, NULL, &err),
	                 APP_FORBIDDEN);
	assert_non_null(strstr(err.message, "your own account"));
	user_row(f, "admin.moss", &u);
	assert_string_equal(u.status, "active");
}

static void test_reset_password_then_the_user_sets_their_own(void **state)
{
	struct fx *f = *state;
	fx_user(f, "pc.forgetful", "Camden Police", "police_officer");
	struct app_err err;
	struct app_session s;
	assert_int_equal(sign_in(f, "pc.forgetful", FX_PASSWORD, 60, FX_NOW, &s), APP_OK);
	assert_false(s.must_change_password);
	/* too short: refused, nothing written */
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(run(f, app_user_reset_password, "admin.moss", "pc.forgetful",
	                     json_pack("{s:s}", "password", "short"), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "password"));
	assert_int_equal(run(f, app_user_reset_password, "teacher.jones", "pc.forgetful",
	                     json_pack("{s:s}", "password", "a-temporary-pass-phrase"), NULL, &err),
	                 APP_FORBIDDEN);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(run(f, app_user_reset_password, "admin.moss", "pc.forgetful",
	                     json_pack("{s:s}", "password", "a-temporary-pass-phrase"), NULL, &err),
	                 APP_OK);
	/* signed out everywhere; the old password no longer works */
	char hash[APP_SESSION_HASH_MAX];
	snprintf(hash, sizeof hash, "%064x", 60);
	struct app_session found;
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 1, &found, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(found.ended_username, ""); /* ended, not timed out */
	assert_int_equal(sign_in(f, "pc.forgetful", FX_PASSWORD, 61, FX_NOW + 2, &s),
	                 APP_FORBIDDEN);
	assert_int_equal(sign_in(f, "pc.forgetful", "a-temporary-pass-phrase", 62, FX_NOW + 3, &s),
	                 APP_OK);
	assert_true(s.must_change_password);
	snprintf(hash, sizeof hash, "%064x", 62);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 4, &found, &err),
	                 APP_OK);
	assert_true(found.must_change_password);
	struct user_row u;
	user_row(f, "pc.forgetful", &u);
	assert_int_equal(fx_audit_count(f, "reset_password", u.id), 1);

	/* the user sets their own: the current one must be right and the new one differ */
	struct actor me = fx_actor(f, "pc.forgetful");
	json_t *out = NULL;
	json_t *in = json_pack("{s:s, s:s}", "current_password", "wrong-pass-phrase-here",
	                       "new_password", "my-own-secret-pass-phrase");
	assert_int_equal(app_password_change(f->db, &me, NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "current_password"));
	json_decref(in);
	in = json_pack("{s:s, s:s}", "current_password", "a-temporary-pass-phrase", "new_password",
	               "a-temporary-pass-phrase");
	assert_int_equal(app_password_change(f->db, &me, NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "new_password"));
	json_decref(in);
	in = json_pack("{s:s, s:s}", "current_password", "a-temporary-pass-phrase", "new_password",
	               "tiny");
	assert_int_equal(app_password_change(f->db, &me, NULL, in, &out, &err), APP_INVALID);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "current_password", "a-temporary-pass-phrase", "new_password",
	               "my-own-secret-pass-phrase");
	assert_int_equal(app_password_change(f->db, &me, NULL, in, &out, &err), APP_OK);
	json_decref(out);
	json_decref(in);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 5, &found, &err),
	                 APP_OK);
	assert_false(found.must_change_password);
	assert_int_equal(
	        sign_in(f, "pc.forgetful", "my-own-secret-pass-phrase", 63, FX_NOW + 6, &s),
	        APP_OK);
	assert_false(s.must_change_password);
	assert_int_equal(fx_audit_count(f, "change", u.id), 1);
	/* the operator is no user with a password */
	in = json_pack("{s:s, s:s}", "current_password", "x", "new_password", "y-long-enough-one");
	assert_int_equal(app_password_change(f->db, &f->sys, NULL, in, &out, &err), APP_FORBIDDEN);
	json_decref(in);
	fx_assert_audit_intact(f);
}

static void test_sessions_say_when_they_end_and_stay_signed_in_extends_them(void **state)
{
	struct fx *f = *state;
	fx_user(f, "pc.timer", "Camden Police", "police_officer");
	struct app_session s, found;
	struct app_err err;
	assert_int_equal(sign_in(f, "pc.timer", FX_PASSWORD, 70, FX_NOW, &s), APP_OK);
	assert_int_equal(s.ends_at, FX_NOW + 15 * 60);
	assert_false(s.ends_absolute);
	char hash[APP_SESSION_HASH_MAX];
	snprintf(hash, sizeof hash, "%064x", 70);
	/* used within the minute: not noted, the end stays */
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 30, &found, &err),
	                 APP_OK);
	assert_int_equal(found.ends_at, FX_NOW + 15 * 60);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 600, &found, &err),
	                 APP_OK);
	assert_int_equal(found.ends_at, FX_NOW + 600 + 15 * 60);
	/* "stay signed in" a second later starts the idle time again */
	int64_t ends = 0;
	bool absolute = true;
	assert_int_equal(
	        app_session_extend(f->db, &POLICY, hash, FX_NOW + 601, &ends, &absolute, &err),
	        APP_OK);
	assert_int_equal(ends, FX_NOW + 601 + 15 * 60);
	assert_false(absolute);
	/* near the absolute end, that end is what is told, and nothing moves it */
	int64_t late = FX_NOW + 12 * 3600 - 300;
	assert_int_equal(db_run(f->db,
	                        "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", "si",
	                        hash, late - 10),
	                 DB_OK);
	assert_int_equal(app_session_extend(f->db, &POLICY, hash, late, &ends, &absolute, &err),
	                 APP_OK);
	assert_int_equal(ends, FX_NOW + 12 * 3600);
	assert_true(absolute);
	/* timed out: not found, but whose it was is told (for a form it posted) */
	assert_int_equal(app_session_extend(f->db, &POLICY, hash, FX_NOW + 13 * 3600, &ends,
	                                    &absolute, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(
	        app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 13 * 3600, &found, &err),
	        APP_NOT_FOUND);
	assert_string_equal(found.ended_username, "pc.timer");
	assert_string_equal(found.ended_csrf, "csrf-token-for-tests-made-up-43-characters-");
	assert_string_equal(found.actor.user_id, "");
	/* and once it is gone, nothing is told */
	assert_int_equal(
	        app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 13 * 3600, &found, &err),
	        APP_NOT_FOUND);
	assert_string_equal(found.ended_username, "");
	/* a session whose user was disabled is not one to keep a form for */
	assert_int_equal(sign_in(f, "pc.timer", FX_PASSWORD, 71, FX_NOW, &s), APP_OK);
	snprintf(hash, sizeof hash, "%064x", 71);
	assert_int_equal(run(f, app_user_disable, "admin.moss", "pc.timer", NULL, NULL, &err),
	                 APP_OK);
	assert_int_equal(app_session_find(f->db, &POLICY, hash, NULL, FX_NOW + 5, &found, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(found.ended_username, "");
}

static void test_a_form_is_kept_for_its_user_once_and_for_a_while(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	char id[ID_MAX];
	struct app_kept_put k = {.username = "pc.ames",
	                         .trusted = true,
	                         .path = "/records/LAN-2026-000001/entries",
	                         .key_hash = "aa01",
	                         .sealed = "c2VhbGVk",
	                         .now = FX_NOW};
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_OK);
	assert_true(id_valid(id, "kfm"));
	assert_int_equal(fx_audit_count(f, "create", id), 1);
	/* someone else: not theirs, and it stays */
	struct actor brook = fx_actor(f, "pc.brook"), ames = fx_actor(f, "pc.ames");
	struct app_kept_form got;
	assert_int_equal(app_kept_form_take(f->db, &brook, "aa01", FX_NOW + 60, &got, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(app_kept_form_take(f->db, &ames, "aa01", FX_NOW + 60, &got, &err), APP_OK);
	assert_true(got.trusted);
	assert_string_equal(got.path, "/records/LAN-2026-000001/entries");
	assert_string_equal(got.sealed, "c2VhbGVk");
	app_kept_form_release(&got);
	assert_int_equal(fx_audit_count(f, "use", id), 1);
	/* used once */
	assert_int_equal(app_kept_form_take(f->db, &ames, "aa01", FX_NOW + 61, &got, &err),
	                 APP_NOT_FOUND);
	/* kept for nobody in particular: whoever signs in may take it, never trusted */
	k.username = NULL;
	k.key_hash = "aa02";
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_OK);
	assert_int_equal(app_kept_form_take(f->db, &brook, "aa02", FX_NOW + 60, &got, &err),
	                 APP_OK);
	assert_false(got.trusted);
	app_kept_form_release(&got);
	/* expired after half an hour, and removed by the next keeping */
	k.key_hash = "aa03";
	k.username = "pc.ames";
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_OK);
	assert_int_equal(
	        app_kept_form_take(f->db, &ames, "aa03", FX_NOW + APP_KEPT_FORM_S, &got, &err),
	        APP_NOT_FOUND);
	k.key_hash = "aa04";
	k.now = FX_NOW + APP_KEPT_FORM_S + 1;
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_OK);
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM kept_forms WHERE key_hash = 'aa03'",
	                                ""),
	                 DB_OK);
	assert_int_equal(n, 0);
	/* only local paths; not too large */
	k.path = "https://elsewhere.invalid/x";
	k.key_hash = "aa05";
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_INVALID);
	k.path = "//elsewhere.invalid/x";
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_INVALID);
	k.path = "/ok";
	k.sealed = NULL;
	assert_int_equal(app_kept_form_put(f->db, &k, id, &err), APP_INVALID);
	assert_int_equal(app_kept_form_take(f->db, &f->sys, "aa04", FX_NOW, &got, &err),
	                 APP_NOT_FOUND);
	fx_assert_audit_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_change_a_users_details),
	        cmocka_unit_test(test_roles_and_no_administrator_drops_their_own),
	        cmocka_unit_test(test_disable_enable_and_never_oneself),
	        cmocka_unit_test(test_reset_password_then_the_user_sets_their_own),
	        cmocka_unit_test(test_sessions_say_when_they_end_and_stay_signed_in_extends_them),
	        cmocka_unit_test(test_a_form_is_kept_for_its_user_once_and_for_a_while),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
