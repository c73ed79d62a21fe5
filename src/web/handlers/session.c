/*
 * handlers/session.c: signing in and out, as pages (GET/POST /sign-in, POST /sign-out)
 * and through the API (GET/POST/DELETE /api/v1/session), and making a personal API
 * token (POST /api/v1/tokens: the token is made here and shown once). Listing and
 * revoking tokens are answered through the route table (web/routes.c). Signing in and
 * out goes through web/auth.c (cookies, rate limits); all call app/session.h.
 *
 * The session's time (WCAG 2.2.1): GET /session says when it ends, POST /session/extend
 * ("stay signed in") starts its idle time again (JSON for the warning dialog of
 * static/lantern.js, a redirect back otherwise), POST /session/kept sends or drops a form
 * kept across a sign-in (web/resume.h). And the user's own password: GET/POST
 * /account/password (also the page a reset password leads to).
 */
#include <sodium.h>

#include "app/admin.h"
#include "app/session.h"
#include "util/ltime.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/json_in.h"
#include "web/page.h"
#include "web/resume.h"
#include "web/usecase.h"

static void retry_after(struct response *resp, int64_t s)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)s);
	response_set_header(resp, "Retry-After", v);
}

/* The return path a sign-in form carries (NULL when it is not one to return to). */
static const char *posted_return(struct request *req)
{
	const char *r = req->form ? form_get(req->form, "return") : request_query(req, "return");
	return r && resume_path_ok(r) ? r : NULL;
}

void handle_sign_in_form(struct request *req, struct response *resp)
{
	const char *ret = posted_return(req);
	if (req->session) {
		response_redirect(resp, ret ? ret : "/");
		return;
	}
	resume_sign_in_page(req, resp, 200, NULL, NULL, NULL, ret, NULL);
}

void handle_sign_in(struct request *req, struct response *resp)
{
	if (!req->form) {
		page_error(req, resp, 400);
		return;
	}
	const char *username = form_get(req->form, "username");
	const char *password = form_get(req->form, "password");
	const char *kept = form_get(req->form, "kept");
	const char *ret = posted_return(req);
	if (kept && !session_token_wellformed(kept))
		kept = NULL;
	struct field_errors errs;
	fielderr_init(&errs);
	if (!username || !*username)
		fielderr_add(&errs, "username", "Enter your username");
	if (!password || !*password)
		fielderr_add(&errs, "password", "Enter your password");
	/* Only refill a plausible username; never echo anything long or odd. */
	const char *refill = username && strlen(username) <= 64 ? username : NULL;
	if (errs.n) {
		resume_sign_in_page(req, resp, 422, refill, &errs, kept, ret, NULL);
		return;
	}
	struct auth_new_session s;
	int64_t wait = 0;
	switch (auth_sign_in(req, username, password, &s, &wait)) {
	case AUTH_OK:
		auth_set_cookie(req, resp, s.token);
		if (s.must_change_password) { /* a reset password: a new one first */
			response_redirect(resp, "/account/password");
			break;
		}
		/* a form kept when the last session ended is sent (or offered) now, as the new
		 * session; else back to where the user was */
		if (kept && auth_use_session(req, &s) == 0 && resume_after_sign_in(req, resp, kept))
			break;
		response_redirect(resp, ret ? ret : "/");
		break;
	case AUTH_BAD_CREDENTIALS:
		fielderr_add(&errs, "username", AUTH_BAD_CREDENTIALS_MESSAGE);
		resume_sign_in_page(req, resp, 401, refill, &errs, kept, ret, NULL);
		break;
	case AUTH_RATE_LIMITED:
		fielderr_add(&errs, "username",
		             "Too many attempts to sign in. Wait a few minutes and try again");
		resume_sign_in_page(req, resp, 429, refill, &errs, kept, ret, NULL);
		retry_after(resp, wait);
		break;
	default:
		page_error(req, resp, 503);
		break;
	}
	sodium_memzero(s.token, sizeof s.token);
}

void handle_sign_out(struct request *req, struct response *resp)
{
	if (auth_sign_out(req) < 0) {
		page_error(req, resp, 503);
		return;
	}
	auth_set_cookie(req, resp, NULL);
	response_redirect(resp, "/sign-in");
}

/* {user: {username, display_name, agency_id, agency, roles}} for the API. */
static json_t *user_json(const struct actor *a, const char *agency_name)
{
	json_t *roles = json_array();
	for (unsigned bit = 1; bit; bit <<= 1)
		if ((a->roles & bit) && role_code(bit))
			json_array_append_new(roles, json_string(role_code(bit)));
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "username", a->username, "display_name",
	                 a->display_name, "agency_id", a->agency_id, "agency", agency_name, "roles",
	                 roles);
}

/* Checks that an API body is JSON; answers 415 otherwise. */
static bool want_json(struct request *req, struct response *resp)
{
	if (strcmp(request_media_type(req), "application/json") != 0) {
		problem_respond(resp, PROBLEM_MEDIA_TYPE, "Send the body as application/json.");
		return false;
	}
	return true;
}

void handle_api_session_create(struct request *req, struct response *resp)
{
	if (!want_json(req, resp))
		return;
	const char *err = NULL;
	json_t *in = json_in_parse(req->body, req->body_len, 64 << 10, 4, &err);
	if (!in) {
		problem_respond(resp, PROBLEM_MALFORMED, err);
		return;
	}
	struct field_errors errs;
	fielderr_init(&errs);
	static const char *const allowed[] = {"username", "password", NULL};
	json_in_only(in, allowed, &errs);
	const char *username = json_in_string(in, "username", true, 64, false, &errs);
	const char *password = json_in_string(in, "password", true, 1024, false, &errs);
	if (errs.n) {
		problem_validation(resp, &errs);
		json_decref(in);
		return;
	}
	struct auth_new_session s;
	int64_t wait = 0;
	enum auth_result r = auth_sign_in(req, username, password, &s, &wait);
	json_decref(in);
	switch (r) {
	case AUTH_OK: {
		struct web_app *app = req->app;
		auth_set_cookie(req, resp, s.token);
		page_json(resp, 201,
		          json_pack("{s:s, s:o, s:I, s:I}", "csrf_token", s.csrf, "user",
		                    user_json(&s.actor, s.agency_name), "idle_timeout_seconds",
		                    (json_int_t)app->cfg->session_idle, "absolute_timeout_seconds",
		                    (json_int_t)app->cfg->session_absolute));
		break;
	}
	case AUTH_BAD_CREDENTIALS:
		problem_respond(resp, PROBLEM_UNAUTHENTICATED, APP_SESSION_BAD_CREDENTIALS);
		break;
	case AUTH_RATE_LIMITED:
		problem_respond(resp, PROBLEM_RATE_LIMITED, NULL);
		retry_after(resp, wait);
		break;
	default:
		problem_respond(resp, PROBLEM_UNAVAILABLE, NULL);
		break;
	}
}

void handle_api_session_show(struct request *req, struct response *resp)
{
	json_t *o = json_pack("{s:o, s:b}", "user",
	                      user_json(&req->session->actor, req->session->agency_name), "bearer",
	                      req->session->bearer);
	if (!req->session->bearer)
		json_object_set_new(o, "csrf_token", json_string(req->session->csrf));
	page_json(resp, 200, o);
}

void handle_api_session_delete(struct request *req, struct response *resp)
{
	if (auth_sign_out(req) < 0) {
		problem_respond(resp, PROBLEM_UNAVAILABLE, NULL);
		return;
	}
	auth_set_cookie(req, resp, NULL);
	resp->status = 204;
}

void handle_api_tokens_create(struct request *req, struct response *resp)
{
	json_t *in = web_json_body(req, resp);
	struct db *db = in ? web_db(req, resp) : NULL;
	char token[SESSION_TOKEN_LEN + 1], hash[SESSION_HASH_HEX + 1];
	struct app_err err;
	json_t *out = NULL;
	if (!db)
		goto cleanup;
	if (session_token_new(token) < 0) {
		problem_respond(resp, PROBLEM_UNAVAILABLE, NULL);
		goto cleanup;
	}
	session_token_hash(token, hash);
	if (app_api_token_create(db, web_actor(req), req->session->bearer, in, hash, &out, &err) !=
	    APP_OK) {
		web_api_error(req, resp, &err, NULL);
		goto cleanup;
	}
	/* the token itself is shown this once; only its hash is stored */
	page_json(resp, 201,
	          json_pack("{s:O, s:s, s:s}", "id", json_object_get(out, "id"), "token", token,
	                    "note", "Store this token now: it is shown only once."));
cleanup:
	json_decref(out);
	json_decref(in);
}

/* ---- the session's time (WCAG 2.2.1) ---- */

/* The session page, with an optional notice. */
static void session_page(struct request *req, struct response *resp, const char *notice)
{
	struct web_app *app = req->app;
	json_t *d =
	        json_pack("{s:I, s:I}", "idle_minutes", (json_int_t)(app->cfg->session_idle / 60),
	                  "absolute_hours", (json_int_t)(app->cfg->session_absolute / 3600));
	if (notice)
		json_object_set_new(d, "notice", json_string(notice));
	page_render(req, resp, 200, "session.html", "Your session", d);
	json_decref(d);
}

void handle_session_page(struct request *req, struct response *resp)
{
	session_page(req, resp, NULL);
}

/* True when the client asked for JSON (the warning dialog's fetch). */
static bool wants_json(const struct request *req)
{
	const char *a = request_header(req, "Accept");
	return a && strstr(a, "application/json");
}

void handle_session_extend(struct request *req, struct response *resp)
{
	int64_t ends = 0;
	bool absolute = false;
	if (req->session->bearer || auth_extend(req, &ends, &absolute) < 0) {
		page_error(req, resp, wants_json(req) ? 401 : 503);
		return;
	}
	if (wants_json(req)) {
		json_t *d = json_object();
		resume_page_data(req, d);
		page_json(resp, 200, json_incref(json_object_get(d, "session")));
		json_decref(d);
		return;
	}
	const char *ret = posted_return(req);
	if (ret) {
		response_redirect(resp, ret);
		return;
	}
	session_page(req, resp,
	             absolute ? "Your session cannot be made longer: it has reached "
	                        "the longest a session may last."
	                      : "You will stay signed in.");
}

void handle_session_kept(struct request *req, struct response *resp)
{
	resume_handle_kept(req, resp);
}

/* ---- the user's own password ---- */

static const struct fs_field password_specs[] = {
        {"current_password", NULL, FS_PASSWORD, "Current password", "The one you signed in with",
         NULL, -1, NULL},
        {"new_password", NULL, FS_PASSWORD, "New password",
         "At least 12 characters. A few unrelated words make a good one", NULL, -1, NULL},
        {"confirm_password", NULL, FS_PASSWORD, "Type the new password again", NULL, NULL, -1,
         NULL},
};

/* The confirmation is the page's own check: the use case takes the two passwords. */
static void password_adjust(json_t *in)
{
	json_object_del(in, "confirm_password");
}

static struct form_page password_page(struct request *req)
{
	bool forced = req->session && req->session->must_change_password;
	return (struct form_page){
	        .title = "Change your password",
	        .heading = forced ? "Set a new password" : "Change your password",
	        .intro = forced ? "An administrator reset your password. Choose a new one that "
	                          "only you know before you carry on."
	                        : NULL,
	        .back_href = forced ? NULL : "/",
	        .back_text = "Back to my work",
	        .action = "/account/password",
	        .submit = "Change password",
	        .specs = password_specs,
	        .n = ARRAY_LEN(password_specs)};
}

void handle_page_password_form(struct request *req, struct response *resp)
{
	struct form_page fp = password_page(req);
	pages_form(req, resp, 200, &fp, NULL);
}

void handle_page_password(struct request *req, struct response *resp)
{
	struct form_page fp = password_page(req);
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, password_specs, ARRAY_LEN(password_specs), &errs);
	if (!in)
		return;
	const char *next = form_get(req->form, "new_password");
	const char *again = form_get(req->form, "confirm_password");
	password_adjust(in);
	struct db *db = web_db(req, resp);
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	int rc = APP_FAILED;
	if (db && (!again || !next || strcmp(next, again) != 0)) {
		app_field_error(&err, "confirm_password", "Type the same new password twice.");
		rc = err.code;
	} else if (db) {
		rc = app_password_change(db, web_actor(req), NULL, in, &out, &err);
	}
	/* the passwords are not kept a moment longer than needed */
	const char *keys[] = {"current_password", "new_password"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (json_is_string(json_object_get(in, keys[i])))
			json_string_set(json_object_get(in, keys[i]), "");
	json_decref(in);
	json_decref(out);
	if (!db)
		return;
	if (rc != APP_OK) {
		pages_fail(req, resp, &err, &fp);
		return;
	}
	req->session->must_change_password = false;
	json_t *d = json_pack("{s:s, s:s, s:s, s:s}", "heading", "Your password has been changed",
	                      "message", "Use your new password the next time you sign in.", "href",
	                      "/", "link", "Go to my work");
	page_render(req, resp, 200, "confirmation.html", "Your password has been changed", d);
	json_decref(d);
}

size_t pages_account_forms(struct page_form_use *out, size_t max)
{
	if (max >= 1)
		out[0] = (struct page_form_use){
		        "/account/password",
		        {{password_specs, ARRAY_LEN(password_specs)}},
		        app_password_change,
		        password_adjust,
		};
	return 1;
}
