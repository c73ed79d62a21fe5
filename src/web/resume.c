/*
 * resume.c: return paths and forms kept across a sign-in (see resume.h).
 */
#include "web/resume.h"

#include <sodium.h>
#include <stdlib.h>

#include "app/database.h"
#include "app/kept_forms.h"
#include "util/log.h"
#include "util/ltime.h"
#include "util/pool.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/page.h"
#include "web/router.h"
#include "web/session.h"
#include "web/webapp.h"

/* The JavaScript warning comes this long before a session ends (WCAG 2.2.1). */
#define RESUME_WARN_S 120

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool resume_path_ok(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/' || strlen(p) > RESUME_PATH_MAX)
		return false;
	for (const char *c = p; *c; c++) {
		unsigned char ch = (unsigned char)*c;
		if (ch <= 0x20 || ch >= 0x7f || strchr("\\\"'<>`", ch))
			return false;
	}
	static const char *const never[] = {"/sign-in", "/sign-out", "/session",
	                                    "/api/",    "/static/",  "/healthz"};
	for (size_t i = 0; i < ARRAY_LEN(never); i++)
		if (starts_with(p, never[i]))
			return false;
	return true;
}

const char *resume_sign_in_url(struct request *req)
{
	/* home is where signing in leads anyway */
	if (!resume_path_ok(req->path) || strcmp(req->path, "/") == 0)
		return "/sign-in";
	struct buf b;
	buf_init(&b, 4 * RESUME_PATH_MAX);
	buf_puts(&b, "/sign-in?return=");
	for (const char *c = req->path; *c; c++) {
		unsigned char ch = (unsigned char)*c;
		bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		             (ch >= '0' && ch <= '9') || strchr("-._~/", ch);
		if (plain)
			buf_append(&b, c, 1);
		else
			buf_printf(&b, "%%%02X", ch);
	}
	const char *url = pool_strdup(req->pool, buf_cstr(&b));
	buf_release(&b);
	return url ? url : "/sign-in";
}

void resume_sign_in_page(struct request *req, struct response *resp, int status,
                         const char *username, const struct field_errors *errs,
                         const char *kept_key, const char *return_path, const char *notice)
{
	struct web_app *app = req->app;
	json_t *d = json_pack("{s:I}", "idle_minutes", (json_int_t)(app->cfg->session_idle / 60));
	if (username)
		json_object_set_new(d, "username", json_string(username));
	if (kept_key)
		json_object_set_new(d, "kept", json_string(kept_key));
	if (return_path && resume_path_ok(return_path))
		json_object_set_new(d, "return_path", json_string(return_path));
	if (notice)
		json_object_set_new(d, "notice", json_string(notice));
	page_add_errors(d, errs);
	page_render(req, resp, status, "sign_in.html", "Sign in", d);
	json_decref(d);
}

static struct db *resume_db(struct request *req)
{
	struct web_app *app = req->app;
	return app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
}

/* Seals body under a fresh key and keeps it for username (NULL: whoever signs in);
 * the key into key. Returns 0 or -1. */
static int keep_sealed(struct request *req, const char *username, bool trusted, const char *path,
                       const char *body, size_t len, char key[SESSION_TOKEN_LEN + 1])
{
	struct db *db = resume_db(req);
	char hash[SESSION_HASH_HEX + 1], id[ID_MAX];
	if (!db || session_token_new(key) < 0)
		return -1;
	session_token_hash(key, hash);
	char *sealed = session_seal(key, body, len);
	if (!sealed)
		return -1;
	struct app_kept_put k = {.username = username,
	                         .trusted = trusted,
	                         .path = path,
	                         .key_hash = hash,
	                         .sealed = sealed,
	                         .now = ltime_now()};
	struct app_err err;
	int rc = app_kept_form_put(db, &k, id, &err);
	free(sealed);
	if (rc != APP_OK) {
		log_warn("a form posted after its session ended could not be kept: %s",
		         err.message);
		return -1;
	}
	return 0;
}

void resume_keep(struct request *req, struct response *resp)
{
	const struct route *rt = req->route;
	if (rt && strcmp(rt->pattern, "/sign-out") == 0) {
		response_redirect(resp, "/sign-in");
		return;
	}
	if (!req->form || !rt || starts_with(rt->pattern, "/session") ||
	    strlen(req->path) > APP_KEPT_PATH_MAX) {
		page_error(req, resp, 401);
		return;
	}
	/* trusted only with the CSRF token of the user's own session that timed out */
	bool trusted = req->ended_username && req->ended_csrf &&
	               csrf_token_equal(req->ended_csrf, form_get(req->form, CSRF_FIELD));
	const char *username = trusted ? req->ended_username : NULL;
	/* forms from nobody known are kept at the pace of sign-in attempts per address, so
	 * that posting without a session cannot fill the database */
	struct web_app *app = req->app;
	char rkey[RATELIMIT_KEY_MAX];
	snprintf(rkey, sizeof rkey, "keep:%s", req->remote_addr);
	if (!trusted && app && app->rl_address &&
	    !ratelimit_take(app->rl_address, rkey, ratelimit_now_ms())) {
		page_error(req, resp, 401);
		return;
	}
	char key[SESSION_TOKEN_LEN + 1];
	if (keep_sealed(req, username, trusted, req->path, req->body, req->body_len, key) < 0) {
		page_error(req, resp, 401);
		return;
	}
	resume_sign_in_page(req, resp, 401, username, NULL, key, NULL,
	                    trusted ? "Your session ended before your form was sent. Nothing you "
	                              "typed is lost: sign in again and it will be sent."
	                            : "Your session had ended, so your form was not sent. Nothing "
	                              "you typed is lost: sign in again and you can send it then.");
	sodium_memzero(key, sizeof key);
}

/* Runs the page route at `path` with the form `body` as the request's own (now signed
 * in). Returns true when a route answered. */
static bool replay(struct request *req, struct response *resp, const char *path, const char *body,
                   size_t len)
{
	struct web_app *app = req->app;
	struct form *f = pool_calloc(req->pool, 1, sizeof(*f));
	char *copy = pool_strdup(req->pool, path);
	if (!f || !copy || form_parse(req->pool, body, len, NULL, f, NULL) < 0)
		return false;
	req->method = HTTP_POST;
	req->method_name = "POST";
	req->nparams = 0;
	if (request_split_path(req, copy) < 0 ||
	    router_match(app->routes, app->nroutes, req, NULL, 0) != ROUTER_MATCH)
		return false;
	const struct route *rt = req->route;
	if (rt->flags & (ROUTE_API | ROUTE_PUBLIC | ROUTE_STATIC) ||
	    starts_with(rt->pattern, "/session") || strcmp(rt->pattern, "/sign-out") == 0)
		return false;
	req->form = f;
	rt->fn(req, resp);
	return true;
}

/* Takes the kept form of key for the signed-in user and unseals it: the text (malloc'd)
 * and its length, whether it is trusted and where it was posted; NULL when there is none
 * for them. */
static char *take(struct request *req, const char *key, size_t *len, bool *trusted,
                  char path[APP_KEPT_PATH_MAX + 8])
{
	struct db *db = resume_db(req);
	if (!db || !key || !session_token_wellformed(key) || !req->session)
		return NULL;
	char hash[SESSION_HASH_HEX + 1];
	session_token_hash(key, hash);
	struct app_kept_form k;
	struct app_err err;
	if (app_kept_form_take(db, &req->session->actor, hash, ltime_now(), &k, &err) != APP_OK)
		return NULL;
	char *body = session_unseal(key, k.sealed, len);
	*trusted = k.trusted;
	snprintf(path, APP_KEPT_PATH_MAX + 8, "%s", k.path);
	app_kept_form_release(&k);
	if (!body)
		log_warn("a kept form could not be opened with its key");
	return body;
}

/* The page asking whether to send a form kept for the user. */
static void ask_page(struct request *req, struct response *resp, const char *key, const char *path)
{
	json_t *d = json_pack("{s:s, s:s}", "kept", key, "path", path);
	page_render(req, resp, 200, "kept_form.html", "Send the form you started?", d);
	json_decref(d);
}

bool resume_after_sign_in(struct request *req, struct response *resp, const char *kept_key)
{
	size_t len = 0;
	bool trusted = false;
	char path[APP_KEPT_PATH_MAX + 8];
	char *body = take(req, kept_key, &len, &trusted, path);
	if (!body)
		return false;
	bool done = false;
	if (trusted) {
		done = replay(req, resp, path, body, len);
	} else {
		/* kept again, for this user now, and they are asked */
		char key[SESSION_TOKEN_LEN + 1];
		if (keep_sealed(req, req->session->actor.username, false, path, body, len, key) ==
		    0) {
			ask_page(req, resp, key, path);
			done = true;
		}
		sodium_memzero(key, sizeof key);
	}
	sodium_memzero(body, len);
	free(body);
	return done;
}

void resume_handle_kept(struct request *req, struct response *resp)
{
	const char *key = req->form ? form_get(req->form, "kept") : NULL;
	bool send = req->form && form_get(req->form, "send");
	size_t len = 0;
	bool trusted = false;
	char path[APP_KEPT_PATH_MAX + 8];
	char *body = take(req, key, &len, &trusted, path);
	if (!body) {
		page_error(req, resp, 404);
		return;
	}
	bool done = send && replay(req, resp, path, body, len);
	sodium_memzero(body, len);
	free(body);
	if (!done)
		response_redirect(resp, "/");
}

void resume_page_data(struct request *req, json_t *d)
{
	const struct web_session *s = req->session;
	if (!s || s->bearer || !s->ends_at)
		return;
	int64_t now = ltime_now(), left = s->ends_at - now;
	int64_t local = s->ends_at + ltime_london_offset(s->ends_at);
	int64_t sod = ((local % 86400) + 86400) % 86400;
	char ends[8];
	snprintf(ends, sizeof ends, "%02d:%02d", (int)(sod / 3600), (int)(sod % 3600 / 60));
	bool get = req->method == HTTP_GET || req->method == HTTP_HEAD;
	json_t *o = json_pack("{s:s, s:I, s:b, s:I}", "ends", ends, "seconds_left",
	                      (json_int_t)(left > 0 ? left : 0), "absolute", s->ends_absolute,
	                      "warn_seconds", (json_int_t)RESUME_WARN_S);
	if (get && resume_path_ok(req->path))
		json_object_set_new(o, "return_path", json_string(req->path));
	/* the time the page was made, in UK time: what a printed page says it was printed */
	char at[48];
	ltime_london_format(now, at, sizeof at);
	json_object_set_new(o, "now", json_string(at));
	json_object_set_new(d, "session", o);
}
