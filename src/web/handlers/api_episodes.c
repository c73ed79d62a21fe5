/*
 * api_episodes.c: missing and absent episodes through the API (App E; R-MISS-*):
 * report, show, escalate, return, Safe and Well Check, Return Interview, forensic
 * strategy decision and risk level. Each is one use case in src/app/episodes.c; a
 * refusal names its rule (422 protocol-rule) and writes nothing.
 */
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/forensic.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"
#include "web/usecase.h"

void handle_api_episodes_create(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_episode_report, 201);
}

void handle_api_episode_show(struct request *req, struct response *resp)
{
	api_run_id(req, resp, "id", app_episode_get);
}

void handle_api_episode_escalation(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_episode_escalate, 200);
}

void handle_api_episode_return(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_episode_return, 200);
}

void handle_api_episode_safe_and_well(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_safe_and_well, 201);
}

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
	json_decref(in);
	api_run_id_in(req, resp, "id",
	              progress ? app_return_interview_record : app_return_interview_offer,
	              progress ? 200 : 201);
}

void handle_api_episode_forensic_decision(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_forensic_decision, 201);
}

void handle_api_episode_risk(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_episode_risk, 200);
}
