/*
 * handlers/session.c: signing in and out, as pages (GET/POST /sign-in, POST /sign-out)
 * and through the API (GET/POST/DELETE /api/v1/session), and making a personal API
 * token (POST /api/v1/tokens: the token is made here and shown once). Listing and
 * revoking tokens are answered through the route table (web/routes.c). Signing in and
 * out goes through web/auth.c (cookies, rate limits); all call app/session.h.
 */
#include "app/session.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/handlers/handlers.h"
#include "web/json_in.h"
#include "web/page.h"
#include "web/usecase.h"

static void retry_after(struct response *resp, int64_t s)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)s);
	response_set_header(resp, "Retry-After", v);
}

static void sign_in_page(struct request *req, struct response *resp, int status,
                         const char *username, const struct field_errors *errs)
{
	struct web_app *app = req->app;
	json_t *d = json_pack("{s:I}", "idle_minutes", (json_int_t)(app->cfg->session_idle / 60));
	if (username)
		json_object_set_new(d, "username", json_string(username));
	page_add_errors(d, errs);
	page_render(req, resp, status, "sign_in.html", "Sign in", d);
	json_decref(d);
}

void handle_sign_in_form(struct request *req, struct response *resp)
{
	if (req->session) {
		response_redirect(resp, "/");
		return;
	}
	sign_in_page(req, resp, 200, NULL, NULL);
}

void handle_sign_in(struct request *req, struct response *resp)
{
	if (!req->form) {
		page_error(req, resp, 400);
		return;
	}
	const char *username = form_get(req->form, "username");
	const char *password = form_get(req->form, "password");
	struct field_errors errs;
	fielderr_init(&errs);
	if (!username || !*username)
		fielderr_add(&errs, "username", "Enter your username");
	if (!password || !*password)
		fielderr_add(&errs, "password", "Enter your password");
	/* Only refill a plausible username; never echo anything long or odd. */
	const char *refill = username && strlen(username) <= 64 ? username : NULL;
	if (errs.n) {
		sign_in_page(req, resp, 422, refill, &errs);
		return;
	}
	struct auth_new_session s;
	int64_t wait = 0;
	switch (auth_sign_in(req, username, password, &s, &wait)) {
	case AUTH_OK:
		auth_set_cookie(req, resp, s.token);
		response_redirect(resp, "/");
		break;
	case AUTH_BAD_CREDENTIALS:
		fielderr_add(&errs, "username", AUTH_BAD_CREDENTIALS_MESSAGE);
		sign_in_page(req, resp, 401, refill, &errs);
		break;
	case AUTH_RATE_LIMITED:
		fielderr_add(&errs, "username",
		             "Too many attempts to sign in. Wait a few minutes and try again");
		sign_in_page(req, resp, 429, refill, &errs);
		retry_after(resp, wait);
		break;
	default:
		page_error(req, resp, 503);
		break;
	}
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
