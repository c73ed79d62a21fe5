/*
 * api_admin.c: setting up the partnership through the API (administrators): agencies
 * and users, and disabling a user (which ends their sessions at once).
 */
#include "app/admin.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/json_in.h"
#include "web/problem.h"
#include "web/usecase.h"

/* Answers {key: [...]} with the use case's list (an object, so that fields can be
 * added later without breaking clients). */
static void list_run(struct request *req, struct response *resp, app_uc *fn, const char *key)
{
	if (req->nquery) {
		problem_respond(resp, PROBLEM_MALFORMED,
		                "This resource takes no query parameters.");
		return;
	}
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	int rc = fn(db, web_actor(req), NULL, NULL, &out, &err);
	if (rc == APP_OK)
		out = json_pack("{s:o}", key, out);
	api_answer(req, resp, rc, &err, out, 200);
}

void handle_api_agencies_list(struct request *req, struct response *resp)
{
	list_run(req, resp, app_agency_list, "agencies");
}

void handle_api_agencies_create(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_agency_add, 201);
}

void handle_api_users_list(struct request *req, struct response *resp)
{
	list_run(req, resp, app_user_list, "users");
}

void handle_api_users_create(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_user_add, 201);
}

/* POST /api/v1/users/{username}/disable: no body needed (an empty or {} JSON body is
 * accepted; anything else is refused so that a mistaken call is noticed). */
void handle_api_user_disable(struct request *req, struct response *resp)
{
	if (req->body_len) {
		json_t *in = web_json_body(req, resp);
		if (!in)
			return;
		static const char *const none[] = {NULL};
		struct field_errors errs;
		fielderr_init(&errs);
		json_in_only(in, none, &errs);
		json_decref(in);
		if (errs.n) {
			problem_validation(resp, &errs);
			return;
		}
	}
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	struct app_err err;
	app_err_clear(&err);
	json_t *out = NULL;
	int rc = app_user_disable(db, web_actor(req), request_param(req, "username"), NULL, &out,
	                          &err);
	api_answer(req, resp, rc, &err, out, 200);
}
