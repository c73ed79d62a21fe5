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
	if (rc == APP_OK) {
		page_json(resp, status, out ? out : json_object());
		return;
	}
	web_api_error(req, resp, err, out);
	json_decref(out);
}

/* Answers a request through use case uc as the request's actor, on the path parameter
 * param (none when NULL) and in. Frees in (which may be NULL), also when no actor or
 * database can be had (the problem already answered). */
static void run_uc(struct request *req, struct response *resp, const char *param, app_uc *uc,
                   json_t *in, int status)
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
	api_answer(req, resp, rc, &err, out, status);
}

void api_run_with(struct request *req, struct response *resp, app_uc *uc, json_t *in, int status)
{
	run_uc(req, resp, NULL, uc, in, status);
}

void api_run_in(struct request *req, struct response *resp, app_uc *uc, int status)
{
	json_t *in = web_json_body(req, resp);
	if (in)
		api_run_with(req, resp, uc, in, status);
}

void api_run_id(struct request *req, struct response *resp, const char *param, app_uc *uc)
{
	run_uc(req, resp, param, uc, NULL, 200);
}

void api_run_id_in(struct request *req, struct response *resp, const char *param, app_uc *uc,
                   int status)
{
	json_t *in = web_json_body(req, resp);
	if (in)
		run_uc(req, resp, param, uc, in, status);
}

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

json_t *api_query_object(struct request *req, struct response *resp, const char *const *strings,
                         const char *const *ints, int64_t min, int64_t max)
{
	json_t *o = json_object();
	for (size_t i = 0; i < req->nquery; i++) {
		const char *name = req->query[i].name, *value = req->query[i].value;
		const char *why = NULL;
		if (json_object_get(o, name))
			why = "A query parameter is repeated.";
		else if (in_list(strings, name))
			json_object_set_new(o, name, json_string(value));
		else if (in_list(ints, name)) {
			int64_t v;
			if (parse_int64(value, min, max, &v) < 0)
				why = "A query parameter that should be a whole number is not one, "
				      "or is out of range.";
			else
				json_object_set_new(o, name, json_integer(v));
		} else
			why = "The query has a parameter this resource does not take.";
		if (why || !json_object_get(o, name)) {
			json_decref(o);
			problem_respond(resp, PROBLEM_MALFORMED,
			                why ? why : "The query could not be read.");
			return NULL;
		}
	}
	return o;
}
