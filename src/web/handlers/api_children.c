/*
 * api_children.c: the child as a person through the API: search (POST, so that names
 * and dates of birth never appear in a URL), add (R-REC-1: 409 with candidates unless
 * confirm_new), show, the child's missing episodes and the Philomena-style profile.
 */
#include "app/children.h"
#include "app/episodes.h"
#include "app/profile.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"

/* GET /api/v1/children?limit=&after=: the children the user may see, a page at a time
 * (no personal data in the query: `after` is an opaque id). */
void handle_api_children_list(struct request *req, struct response *resp)
{
	static const char *const strings[] = {"after", NULL};
	static const char *const ints[] = {"limit", NULL};
	json_t *q = api_query_object(req, resp, strings, ints, 1, 200);
	if (q)
		api_run_with(req, resp, app_children_list, q, 200);
}

void handle_api_children_search(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_child_find, 200);
}

/* R-REC-1: app_child_add answers APP_CONFLICT with the candidates unless confirm_new. */
void handle_api_children_create(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_child_add, 201);
}

void handle_api_child_show(struct request *req, struct response *resp)
{
	api_run_id(req, resp, "id", app_child_get);
}

void handle_api_child_episodes(struct request *req, struct response *resp)
{
	api_run_id(req, resp, "id", app_child_episodes);
}

void handle_api_child_profile_show(struct request *req, struct response *resp)
{
	api_run_id(req, resp, "id", app_profile_get);
}

void handle_api_child_profile_update(struct request *req, struct response *resp)
{
	api_run_id_in(req, resp, "id", app_profile_update, 200);
}
