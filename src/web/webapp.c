/* webapp.c: the web application's shared state and the request dispatcher (see webapp.h). */
#include "web/webapp.h"

#include "util/embedded.h"
#include "util/log.h"
#include "util/ltime.h"
#include "web/csrf.h"
#include "web/once.h"
#include "web/form.h"
#include "web/page.h"
#include "web/resume.h"
#include "web/session.h"

int web_app_init(struct web_app *app, const struct config *cfg, const struct route *routes,
                 size_t nroutes, char *err, size_t errlen)
{
	memset(app, 0, sizeof(*app));
	app->cfg = cfg;
	app->routes = routes;
	app->nroutes = nroutes;
	app->tls = cfg->tls_cert[0] != '\0';
	if (session_crypto_init() < 0) {
		snprintf(err, errlen, "cannot initialise libsodium");
		return -1;
	}
	if (router_validate(routes, nroutes, err, errlen) < 0)
		return -1;
	char terr[200];
	app->views = render_set_new(embedded_templates, terr, sizeof terr);
	if (!app->views) {
		snprintf(err, errlen, "template error: %s", terr);
		return -1;
	}
	/* Sign-in: 5 attempts at once per account, then one a minute; 30 per address,
	 * then 10 a minute (an office behind one address). */
	app->rl_account = ratelimit_new(5, 1, 100000);
	app->rl_address = ratelimit_new(30, 10, 100000);
	if (!app->rl_account || !app->rl_address) {
		snprintf(err, errlen, "out of memory");
		web_app_release(app);
		return -1;
	}
	return 0;
}

void web_app_release(struct web_app *app)
{
	render_set_free(app->views);
	ratelimit_free(app->rl_account);
	ratelimit_free(app->rl_address);
	app->views = NULL;
	app->rl_account = app->rl_address = NULL;
}

/* The CSRF token the client sent: header first, then the form field. */
static const char *given_csrf(const struct request *req)
{
	const char *h = request_header(req, CSRF_HEADER);
	if (h)
		return h;
	return req->form ? form_get(req->form, CSRF_FIELD) : NULL;
}

/* A refused CSRF or Origin check: problem type csrf on the API, the 403 page otherwise. */
static void refuse_csrf(struct request *req, struct response *resp)
{
	if (req->route->flags & ROUTE_API)
		problem_respond(resp, PROBLEM_CSRF,
		                "Send the X-CSRF-Token header from sign-in, from this site.");
	else
		page_error(req, resp, 403);
}

/* The routes a user whose password was reset may use before setting a new one. */
static bool password_route(const struct route *rt)
{
	static const char *const open[] = {"/account/password", "/api/v1/session/password",
	                                   "/api/v1/session", "/sign-out", "/sign-in"};
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (strcmp(rt->pattern, open[i]) == 0)
			return true;
	return (rt->flags & ROUTE_STATIC) != 0;
}

/* Runs the checks before the handler; returns false after filling resp if refused. */
static bool admit(struct web_app *app, struct request *req, struct response *resp)
{
	const struct route *rt = req->route;
	bool api = rt->flags & ROUTE_API;
	if (!(rt->flags & ROUTE_STATIC) && app->authenticate && app->authenticate(req) < 0) {
		page_error(req, resp, 503);
		return false;
	}
	if (request_is_state_changing(req)) {
		if (!csrf_origin_ok(req, req->tls)) {
			log_warn("refused: cross-origin request method=%s route=%s",
			         http_method_name(req->method), rt->pattern);
			refuse_csrf(req, resp);
			return false;
		}
		const char *mt = request_media_type(req);
		if (!api && strcmp(mt, "application/x-www-form-urlencoded") == 0) {
			struct form *f = pool_calloc(req->pool, 1, sizeof(*f));
			if (!f ||
			    form_parse(req->pool, req->body, req->body_len, NULL, f, NULL) < 0) {
				page_error(req, resp, 400);
				return false;
			}
			req->form = f;
		}
	}
	if (!(rt->flags & ROUTE_PUBLIC) && !req->session) {
		if (api) {
			page_error(req, resp, 401);
		} else if (req->method == HTTP_GET || req->method == HTTP_HEAD) {
			response_redirect(resp, resume_sign_in_url(req)); /* back here after */
		} else {
			resume_keep(req, resp); /* a form posted after its session ended */
		}
		return false;
	}
	if (req->session && req->session->must_change_password && !password_route(rt)) {
		if (api)
			problem_respond(resp, PROBLEM_FORBIDDEN, "Set a new password first.");
		else
			response_redirect(resp, "/account/password");
		return false;
	}
	if (request_is_state_changing(req) && req->session && !req->session->bearer &&
	    !(rt->flags & ROUTE_NO_CSRF) && !csrf_token_ok(req->session->csrf, given_csrf(req))) {
		log_warn("refused: missing or wrong CSRF token method=%s route=%s",
		         http_method_name(req->method), rt->pattern);
		refuse_csrf(req, resp);
		return false;
	}
	return true;
}

bool web_app_quick(const struct request *req, void *arg)
{
	const struct web_app *app = arg;
	struct request r = *req; /* router_match notes the route and its parameters */
	return router_match(app->routes, app->nroutes, &r, NULL, 0) == ROUTER_MATCH &&
	       (r.route->flags & ROUTE_STATIC);
}

void web_app_handle(struct request *req, struct response *resp, void *arg)
{
	struct web_app *app = arg;
	req->app = app;
	req->start_us = ltime_mono_ns() / 1000;
	char allow[64] = "";
	enum router_result rr = router_match(app->routes, app->nroutes, req, allow, sizeof allow);
	const char *pattern = "-";
	if (rr == ROUTER_NOT_FOUND) {
		page_error(req, resp, 404);
	} else if (rr == ROUTER_METHOD_NOT_ALLOWED) {
		page_error(req, resp, 405);
		response_set_header(resp, "Allow", allow);
	} else {
		pattern = req->route->pattern;
		/* a page form sent twice saves once (web/once.h) */
		bool page_post = req->method == HTTP_POST && !(req->route->flags & ROUTE_API);
		if (admit(app, req, resp) && !(page_post && once_before(req, resp))) {
			req->route->fn(req, resp);
			if (page_post)
				once_after(req, resp);
		}
	}
	if (!(req->route && (req->route->flags & ROUTE_STATIC)) || resp->status >= 400) {
		int64_t us = ltime_mono_ns() / 1000 - req->start_us;
		log_info("request method=%s route=%s status=%d ms=%.1f",
		         http_method_name(req->method), pattern, resp->status, (double)us / 1000.0);
	}
}
