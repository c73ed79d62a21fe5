/*
 * api_episodes.c: the one episode route that needs more than a use case (the others
 * are answered through the route table, web/routes.c): the Return Interview, whose
 * body says whether it is offered or how it went.
 */
#include "app/episode_return.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/usecase.h"

/* R-MISS-6..8: a body with "status" accepted, declined or completed records the
 * interview's progress; any other body ("status" absent or "offered") offers it,
 * choosing the interviewer. */
void handle_api_episode_return_interview(struct request *req, struct response *resp)
{
	json_t *in = web_json_body(req, resp);
	if (!in)
		return;
	json_t *st = json_object_get(in, "status");
	bool progress =
	        st && !(json_is_string(st) && strcmp(json_string_value(st), "offered") == 0);
	api_run(req, resp, progress ? app_return_interview_record : app_return_interview_offer,
	        "id", in, progress ? 200 : 201);
}
