/*
 * api_work.c: the signed-in user's work queue (GET /api/v1/work) and the
 * missing-episode deadlines they own or supervise (GET /api/v1/deadlines, R-DL-1,
 * R-DL-2, R-DL-9).
 */
#include "app/episode_deadlines.h"
#include "app/work.h"
#include "util/ltime.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/problem.h"
#include "web/usecase.h"

void handle_api_work(struct request *req, struct response *resp)
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
	int rc = app_work_queue(db, web_actor(req), NULL, NULL, &out, &err);
	api_answer(req, resp, rc, &err, out, 200);
}

void handle_api_deadlines(struct request *req, struct response *resp)
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
	int rc = app_episode_deadlines(db, web_actor(req), NULL, NULL, &out, &err);
	api_answer(req, resp, rc, &err, out, 200);
}
