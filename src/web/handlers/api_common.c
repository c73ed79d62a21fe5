/* api_common.c: the shared plumbing of the JSON API handlers (see api.h). */
#include "web/handlers/api.h"

#include "util/parse.h"
#include "web/page.h"
#include "web/problem.h"
#include "web/usecase.h"

const struct actor *api_actor(struct request *req, struct response *resp)
{
	const struct actor *who = web_actor(req);
	const char *purpose = request_header(req, API_PURPOSE_HEADER);
	if (purpose && (strlen(purpose) >= sizeof who->purpose ||
	                !text_ok(purpose, sizeof who->purpose - 1, false))) {
		problem_respond(resp, PROBLEM_MALFORMED,
		                "The " API_PURPOSE_HEADER
		                " header is not valid text of at most 255 bytes.");
		return NULL;
	}
	return who;
}

struct db *api_open(struct request *req, struct response *resp, const struct actor **who)
{
	*who = api_actor(req, resp);
	return *who ? web_db(req, resp) : NULL;
}

void api_answer(struct request *req, struct response *resp, int rc, const struct app_err *err,
                json_t *out, int status)
{
	if (rc != APP_OK) {
		web_api_error(req, resp, err, out);
		json_decref(out);
	} else if (status == 204) {
		json_decref(out);
		buf_reset(&resp->body);
		resp->status = 204;
	} else {
		page_json(resp, status, out ? out : json_object());
	}
}

/* api_run, answering {wrap: view} when wrap is not NULL. */
static void run(struct request *req, struct response *resp, app_uc *uc, const char *param,
                json_t *in, int status, const char *wrap)
{
	const struct actor *who;
	struct db *db = api_open(req, resp, &who);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	int rc = uc(db, who, param ? request_param(req, param) : NULL, in, &out, &err);
	json_decref(in);
	if (rc == APP_OK && wrap)
		out = json_pack("{s:o}", wrap, out);
	api_answer(req, resp, rc, &err, out, status);
}

void api_run(struct request *req, struct response *resp, app_uc *uc, const char *param, json_t *in,
             int status)
{
	run(req, resp, uc, param, in, status, NULL);
}

/* The input of route uc from the request, into *in (NULL for none). False when it
 * cannot be read (the problem answered). */
static bool route_input(struct request *req, struct response *resp, const struct route_uc *uc,
                        json_t **in)
{
	*in = NULL;
	switch (uc->input) {
	case ROUTE_IN_NONE:
		return true;
	case ROUTE_IN_BODY_OPT:
		if (!req->body_len)
			return true;
		*in = web_json_body(req, resp);
		return *in != NULL;
	case ROUTE_IN_BODY:
		*in = web_json_body(req, resp);
		return *in != NULL;
	case ROUTE_IN_QUERY:
		*in = api_query_object(req, resp, uc->query);
		return *in != NULL;
	}
	problem_respond(resp, PROBLEM_INTERNAL, NULL);
	return false;
}

void handle_api_uc(struct request *req, struct response *resp)
{
	const struct route_uc *uc = req->route ? &req->route->uc : NULL;
	if (!uc || !uc->fn) { /* a route table mistake: router_validate lets none through */
		problem_respond(resp, PROBLEM_INTERNAL, NULL);
		return;
	}
	json_t *in;
	if (route_input(req, resp, uc, &in))
		run(req, resp, uc->fn, uc->param, in, uc->status, uc->wrap);
}

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* Reads query parameter name=value into o as q says; NULL when it is read, else why
 * it is refused. */
static const char *query_param(json_t *o, const struct route_query *q, const char *name,
                               const char *value)
{
	int64_t v;
	if (json_object_get(o, name))
		return "A query parameter is repeated.";
	if (!q)
		return "This resource takes no query parameters.";
	if (in_list(q->strings, name))
		json_object_set_new(o, name, json_string(value));
	else if (in_list(q->ints, name) && parse_int64(value, q->min, q->max, &v) < 0)
		return "A query parameter that should be a whole number is not one, or is out of "
		       "range.";
	else if (in_list(q->ints, name))
		json_object_set_new(o, name, json_integer(v));
	else if (in_list(q->bools, name) && strcmp(value, "true") != 0 &&
	         strcmp(value, "false") != 0)
		return "A query parameter that should be true or false is not one.";
	else if (in_list(q->bools, name))
		json_object_set_new(o, name, json_boolean(strcmp(value, "true") == 0));
	else
		return "The query has a parameter this resource does not take.";
	return json_object_get(o, name) ? NULL : "The query could not be read.";
}

json_t *api_query_object(struct request *req, struct response *resp, const struct route_query *q)
{
	json_t *o = json_object();
	const char *why = o ? NULL : "The query could not be read.";
	for (size_t i = 0; !why && i < req->nquery; i++)
		why = query_param(o, q, req->query[i].name, req->query[i].value);
	if (why) {
		json_decref(o);
		problem_respond(resp, PROBLEM_MALFORMED, why);
		return NULL;
	}
	return o;
}

void api_send_csv(struct request *req, struct response *resp, const char *name, const char *from,
                  const char *to, char *csv)
{
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s-%s-%s.csv\"", name, from ? from : "",
	         to ? to : "");
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	response_set_header(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	buf_puts(&resp->body, csv ? csv : "");
	free(csv);
}
