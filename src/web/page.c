/* page.c: HTML pages and JSON answers (see page.h). */
#include "web/page.h"

#include "web/once.h"

#include "app/work.h"
#include "util/log.h"
#include "web/webapp.h"
#include "web/resume.h"
#include "web/router.h"
#include "web/session.h"

bool page_is_api(const struct request *req)
{
	if (req->route)
		return (req->route->flags & ROUTE_API) != 0;
	return req->path && strncmp(req->path, "/api/", 5) == 0;
}

void page_json(struct response *resp, int status, json_t *body)
{
	resp->status = status;
	resp->content_type = "application/json";
	buf_reset(&resp->body);
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!text) {
		problem_respond(resp, PROBLEM_INTERNAL, NULL);
		return;
	}
	buf_puts(&resp->body, text);
	free(text);
}

void page_add_errors(json_t *data, const struct field_errors *errs)
{
	if (!errs || errs->n == 0)
		return;
	json_t *list = json_array();
	for (size_t i = 0; i < errs->n; i++) {
		char key[96];
		json_array_append_new(list, json_pack("{s:s, s:s}", "field", errs->items[i].field,
		                                      "message", errs->items[i].message));
		snprintf(key, sizeof key, "%s_error", errs->items[i].field);
		json_object_set_new(data, key, json_string(errs->items[i].message));
	}
	json_object_set_new(data, "errors", list);
	json_object_set_new(data, "has_errors", json_true());
}

void page_render(struct request *req, struct response *resp, int status, const char *page,
                 const char *title, json_t *data)
{
	struct web_app *app = req->app;
	/* the page's own members go on a shallow copy: the data is not copied again */
	json_t *d = json_is_object(data) ? json_copy(data) : json_object();
	if (!d)
		goto fail;
	json_object_set_new(d, "service", json_string("Lantern"));
	json_object_set_new(d, "title", json_string(title ? title : "Lantern"));
	json_object_set_new(d, "version", json_string(LANTERN_VERSION));
	if (app && app->demo_data)
		json_object_set_new(d, "demo", json_true());
	if (req->session) {
		json_object_set_new(d, "user",
		                    json_pack("{s:s, s:s, s:b}", "name",
		                              req->session->actor.display_name, "agency",
		                              req->session->agency_name, "sees_children",
		                              app_may_see_children(&req->session->actor)));
		json_object_set_new(d, "csrf_token", json_string(req->session->csrf));
		const char *saved = req->method == HTTP_GET ? once_banner(req) : NULL;
		if (saved) /* the page a saved form went to names what was saved */
			json_object_set_new(d, "saved_banner", json_string(saved));
		resume_page_data(req, d); /* when the session ends (WCAG 2.2.1) */
	}
	buf_reset(&resp->body);
	if (!app || !app->views || render_page(app->views, page, d, &resp->body) < 0) {
		json_decref(d);
		log_error("render failed template=%s", page);
		goto fail;
	}
	json_decref(d);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	return;
fail:
	buf_reset(&resp->body);
	response_text(resp, 500, "Something went wrong. Try again later.\n");
}

struct err_text {
	int status;
	enum problem_kind kind;
	const char *heading;
	const char *message;
};

static const struct err_text errors[] = {
        {400, PROBLEM_MALFORMED, "Sorry, there is a problem with that request",
         "The request could not be read. Go back and try again."},
        {401, PROBLEM_UNAUTHENTICATED, "You need to sign in",
         "Your session has ended or you have not signed in."},
        {403, PROBLEM_FORBIDDEN, "You cannot do that",
         "You do not have permission, or the form had expired. Go back, reload the page and "
         "try again."},
        {404, PROBLEM_NOT_FOUND, "Page not found",
         "If you typed the web address, check it is correct."},
        {405, PROBLEM_METHOD, "Sorry, there is a problem with that request",
         "That page cannot be used in this way."},
        {409, PROBLEM_CONFLICT, "Someone else changed this",
         "Go back, reload the page to see the latest version and try again."},
        {413, PROBLEM_TOO_LARGE, "Sorry, that was too large",
         "The form or file you sent is larger than Lantern accepts."},
        {429, PROBLEM_RATE_LIMITED, "Too many attempts", "Wait a few minutes and try again."},
        {500, PROBLEM_INTERNAL, "Sorry, there is a problem with the service",
         "Try again later. Nothing you entered has been saved unless you were told so."},
        {503, PROBLEM_UNAVAILABLE, "Sorry, the service is busy", "Try again in a few moments."},
};

void page_error(struct request *req, struct response *resp, int status)
{
	const struct err_text *e = NULL, *fallback = NULL;
	for (size_t i = 0; i < ARRAY_LEN(errors); i++) {
		if (errors[i].status == status)
			e = &errors[i];
		if (errors[i].status == 500)
			fallback = &errors[i];
	}
	if (!e)
		e = fallback;
	if (page_is_api(req)) {
		problem_respond(resp, e->kind, NULL);
		return;
	}
	json_t *d = json_pack("{s:s, s:s}", "heading", e->heading, "message", e->message);
	page_render(req, resp, e->status, "error.html", e->heading, d);
	json_decref(d);
}
