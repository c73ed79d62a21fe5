/* test_app_form_tokens.c: one-time tokens of page forms (app/form_tokens.h): a token is
 * claimed once; while its POST saves, a second claim waits; once saved, every later
 * claim goes to where the first went; a failed POST hands it back; a token is its
 * user's only, and goes a day after it was issued. */
#include "app_fixture.h"
#include "app/form_tokens.h"

static enum app_form_claim claim(struct fx *f, const struct actor *who, const char *t,
                                 char result[APP_FORM_RESULT_MAX + 1])
{
	struct app_err err;
	enum app_form_claim c;
	assert_int_equal(app_form_token_claim(f->db, who, t, &c, result, &err), APP_OK);
	return c;
}

static void test_a_form_sent_twice_saves_once(void **state)
{
	struct fx *f = *state;
	struct actor who = fx_actor(f, "pc.ames");
	struct app_err err;
	char result[APP_FORM_RESULT_MAX + 1], what[APP_FORM_WHAT_MAX + 1];
	const char *t = "tok-sent-twice_0123456789";
	assert_int_equal(app_form_token_issue(f->db, &who, t, "The risk level saved", &err),
	                 APP_OK);
	/* nothing is saved yet: no banner */
	assert_int_equal(app_form_token_banner(f->db, &who, "/episodes/eps_1", what, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(claim(f, &who, t, result), APP_FORM_CLAIMED);
	/* a double click while the first is saving */
	assert_int_equal(claim(f, &who, t, result), APP_FORM_WORKING);
	assert_int_equal(app_form_token_finish(f->db, &who, t, "/episodes/eps_1#risk", &err),
	                 APP_OK);
	/* the page it went to says what was saved, once, and no other page does */
	assert_int_equal(app_form_token_banner(f->db, &who, "/episodes/eps_2", what, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(app_form_token_banner(f->db, &who, "/episodes/eps_1", what, &err), APP_OK);
	assert_string_equal(what, "The risk level saved");
	assert_int_equal(app_form_token_banner(f->db, &who, "/episodes/eps_1", what, &err),
	                 APP_NOT_FOUND);
	/* the back button and a second send: where the first went, saying it again */
	assert_int_equal(claim(f, &who, t, result), APP_FORM_DONE);
	assert_string_equal(result, "/episodes/eps_1#risk");
	assert_int_equal(claim(f, &who, t, result), APP_FORM_DONE);
	assert_int_equal(app_form_token_banner(f->db, &who, "/episodes/eps_1", what, &err), APP_OK);
	/* not for another user, and not long after */
	struct actor brook = fx_actor(f, "pc.brook");
	assert_int_equal(claim(f, &who, t, result), APP_FORM_DONE);
	assert_int_equal(app_form_token_banner(f->db, &brook, "/episodes/eps_1", what, &err),
	                 APP_NOT_FOUND);
	struct actor later = who;
	later.now += APP_FORM_BANNER_S + 1;
	assert_int_equal(app_form_token_banner(f->db, &later, "/episodes/eps_1", what, &err),
	                 APP_NOT_FOUND);
	/* a finished token is not handed back */
	assert_int_equal(app_form_token_release(f->db, &who, t, &err), APP_OK);
	assert_int_equal(claim(f, &who, t, result), APP_FORM_DONE);
}

static void test_a_failed_post_hands_the_token_back(void **state)
{
	struct fx *f = *state;
	struct actor who = fx_actor(f, "pc.ames");
	struct app_err err;
	char result[APP_FORM_RESULT_MAX + 1];
	const char *t = "tok-failed";
	(void)err;
	assert_int_equal(app_form_token_issue(f->db, &who, t, "x", &err), APP_OK);
	assert_int_equal(claim(f, &who, t, result), APP_FORM_CLAIMED);
	assert_int_equal(app_form_token_release(f->db, &who, t, &err), APP_OK);
	assert_int_equal(claim(f, &who, t, result), APP_FORM_CLAIMED);
}

static void test_a_token_is_its_users_only(void **state)
{
	struct fx *f = *state;
	struct actor ames = fx_actor(f, "pc.ames"), brook = fx_actor(f, "pc.brook");
	struct app_err err;
	char result[APP_FORM_RESULT_MAX + 1], what[APP_FORM_WHAT_MAX + 1];
	const char *t = "tok-of-ames";
	assert_int_equal(app_form_token_issue(f->db, &ames, t, "x", &err), APP_OK);
	assert_int_equal(claim(f, &brook, t, result), APP_FORM_UNKNOWN);
	assert_int_equal(claim(f, &ames, t, result), APP_FORM_CLAIMED);
	assert_int_equal(app_form_token_finish(f->db, &ames, t, "/x", &err), APP_OK);
	assert_int_equal(claim(f, &brook, t, result), APP_FORM_UNKNOWN);
	assert_int_equal(app_form_token_banner(f->db, &brook, "/x", what, &err), APP_NOT_FOUND);
	/* never issued, or not a token at all */
	assert_int_equal(claim(f, &ames, "never-issued", result), APP_FORM_UNKNOWN);
	assert_int_equal(claim(f, &ames, "not a token!", result), APP_FORM_UNKNOWN);
	assert_int_equal(app_form_token_issue(f->db, &ames, "bad token", "x", &err), APP_INVALID);
	assert_int_not_equal(app_form_token_issue(f->db, &ames, t, "x", &err), APP_OK);
	/* only a local path is kept as where a form went */
	assert_int_equal(app_form_token_issue(f->db, &ames, "tok-path", "x", &err), APP_OK);
	assert_int_equal(claim(f, &ames, "tok-path", result), APP_FORM_CLAIMED);
	assert_int_equal(
	        app_form_token_finish(f->db, &ames, "tok-path", "https://evil.example/", &err),
	        APP_INVALID);
}

static void test_tokens_go_a_day_after_they_were_issued(void **state)
{
	struct fx *f = *state;
	struct actor who = fx_actor(f, "pc.ames");
	struct app_err err;
	char result[APP_FORM_RESULT_MAX + 1];
	assert_int_equal(app_form_token_issue(f->db, &who, "tok-old", "x", &err), APP_OK);
	who.now += APP_FORM_TOKEN_S + 1;
	assert_int_equal(app_form_token_issue(f->db, &who, "tok-new", "x", &err), APP_OK);
	assert_int_equal(claim(f, &who, "tok-old", result), APP_FORM_UNKNOWN);
	assert_int_equal(claim(f, &who, "tok-new", result), APP_FORM_CLAIMED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_a_form_sent_twice_saves_once),
	        cmocka_unit_test(test_a_failed_post_hands_the_token_back),
	        cmocka_unit_test(test_a_token_is_its_users_only),
	        cmocka_unit_test(test_tokens_go_a_day_after_they_were_issued),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
