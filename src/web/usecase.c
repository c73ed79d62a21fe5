/* usecase.c: handler <-> use case glue (see usecase.h). */
#include "web/usecase.h"

#include "app/database.h"
#include "util/pool.h"
#include "web/app.h"
#include "web/json_in.h"
#include "web/page.h"
#include "web/problem.h"
#include "web/session.h"

struct db *web_db(struct request *req, struct response *resp)
{
	struct web_app *app = req->app;
	struct db *db = app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
	if (!db) {
		if (page_is_api(req))
			problem_respond(resp, PROBLEM_UNAVAILABLE,
			                "The database is not available.");
		else
			page_error(req, resp, 503);
	}
	return db;
}

const struct actor *web_actor(const struct request *req)
{
	return &req->session->actor;
}

json_t *web_json_body(struct request *req, struct response *resp)
{
	const char *ct = request_header(req, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' ')) {
		problem_respond(resp, PROBLEM_MEDIA_TYPE, "Send the body as application/json.");
		return NULL;
	}
	const char *why = NULL;
	json_t *v =
	        json_in_parse(req->body, req->body_len, JSON_IN_MAX_BYTES, JSON_IN_MAX_DEPTH, &why);
	if (!v) {
		problem_respond(resp, PROBLEM_MALFORMED, why ? why : "The body is not valid JSON.");
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		problem_respond(resp, PROBLEM_MALFORMED, "The body must be a JSON object.");
		return NULL;
	}
	return v;
}

int web_app_status(const struct app_err *err)
{
	switch (err->code) {
	case APP_INVALID:
		return 422;
	case APP_NOT_FOUND:
		return 404;
	case APP_FORBIDDEN:
		return 403;
	case APP_CONFLICT:
		return 409;
	case APP_LIMITED:
		return 429;
	default:
		return strstr(err->message, "busy") ? 503 : 500;
	}
}

/* The field errors of err as a field_errors list (pool strings). */
static void copy_errors(struct request *req, const struct app_err *err, struct field_errors *errs)
{
	fielderr_init(errs);
	for (int i = 0; i < err->nfields; i++)
		fielderr_add(errs, pool_strdup(req->pool, err->fields[i].field),
		             pool_strdup(req->pool, err->fields[i].message));
}

void web_api_error(struct request *req, struct response *resp, const struct app_err *err,
                   json_t *out)
{
	struct field_errors errs;
	copy_errors(req, err, &errs);
	enum problem_kind k;
	switch (err->code) {
	case APP_INVALID:
		k = err->rule ? PROBLEM_RULE : PROBLEM_VALIDATION;
		break;
	case APP_NOT_FOUND:
		k = PROBLEM_NOT_FOUND;
		break;
	case APP_FORBIDDEN:
		k = PROBLEM_FORBIDDEN;
		break;
	case APP_CONFLICT: /* R-REC-1: possible matches are not a changed resource */
		k = err->rule && strcmp(err->rule, "R-REC-1") == 0 ? PROBLEM_DUPLICATE
		                                                   : PROBLEM_CONFLICT;
		break;
	case APP_LIMITED:
		k = PROBLEM_RATE_LIMITED;
		break;
	default:
		k = web_app_status(err) == 503 ? PROBLEM_UNAVAILABLE : PROBLEM_INTERNAL;
		break;
	}
	json_t *body = problem_json(k, err->message[0] ? err->message : NULL, err->rule, &errs);
	json_t *cands = out ? json_object_get(out, "candidates") : NULL;
	if (cands)
		json_object_set(body, "candidates", cands);
	problem_send(resp, problem_status(k), body);
}

void web_form_errors(struct request *req, const struct app_err *err, struct field_errors *errs)
{
	copy_errors(req, err, errs);
	if (errs->n == 0 && err->message[0])
		fielderr_add(errs, "summary", pool_strdup(req->pool, err->message));
}
