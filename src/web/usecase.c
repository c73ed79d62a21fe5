/* usecase.c: handler <-> use case glue (see usecase.h). */
#include "web/usecase.h"

#include <assert.h>

#include "app/database.h"
#include "util/pool.h"
#include "web/webapp.h"
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

void web_views_begin(struct request *req)
{
	if (req->defer && req->session && !req->session->actor.views)
		req->session->actor.views = app_views_new(req->defer->done, req->defer->ctx);
}

void web_views_end(struct request *req, struct response *resp)
{
	struct app_views *v = req->session ? req->session->actor.views : NULL;
	if (!v)
		return;
	req->session->actor.views = NULL;
	if (app_views_seal(v))
		resp->deferred = true;
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

/* The one mapping of result codes to HTTP (see usecase.h). */
static const struct web_rc web_rcs[] = {
        {APP_OK, 200, PROBLEM_KIND_COUNT, PROBLEM_KIND_COUNT},
        {APP_INVALID, 422, PROBLEM_VALIDATION, PROBLEM_RULE},
        {APP_NOT_FOUND, 404, PROBLEM_NOT_FOUND, PROBLEM_NOT_FOUND},
        {APP_FORBIDDEN, 403, PROBLEM_FORBIDDEN, PROBLEM_FORBIDDEN},
        {APP_CONFLICT, 409, PROBLEM_CONFLICT, PROBLEM_CONFLICT},
        {APP_FAILED, 500, PROBLEM_INTERNAL, PROBLEM_INTERNAL},
        {APP_BUSY, 503, PROBLEM_UNAVAILABLE, PROBLEM_UNAVAILABLE},
        {APP_LIMITED, 429, PROBLEM_RATE_LIMITED, PROBLEM_RATE_LIMITED},
};

const struct web_rc *web_rc_find(enum app_rc code)
{
	for (size_t i = 0; i < ARRAY_LEN(web_rcs); i++)
		if (web_rcs[i].code == code)
			return &web_rcs[i];
	return NULL;
}

/* The row for err's code; APP_OK (an error without a code) and a code without a row
 * (never a use case's: asserted in debug builds) answer as APP_FAILED. */
static const struct web_rc *rc_of(const struct app_err *err)
{
	const struct web_rc *r = web_rc_find(err->code);
	assert(r);
	return r && err->code != APP_OK ? r : web_rc_find(APP_FAILED);
}

int web_app_status(const struct app_err *err)
{
	return rc_of(err)->status;
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
	const struct web_rc *r = rc_of(err);
	enum problem_kind k = err->rule ? r->rule_kind : r->kind;
	/* R-REC-1: possible matches are not a changed resource but a question to answer */
	if (err->code == APP_CONFLICT && err->rule && strcmp(err->rule, "R-REC-1") == 0)
		k = PROBLEM_DUPLICATE;
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
