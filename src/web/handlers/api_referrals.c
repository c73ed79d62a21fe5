/*
 * api_referrals.c: filing a referral (201; R-REC-1: 409 with the possible existing
 * children unless confirm_new_child) and reading one back.
 */
#include "app/referrals.h"
#include "web/handlers/api.h"
#include "web/handlers/handlers.h"

void handle_api_referrals_create(struct request *req, struct response *resp)
{
	api_run_in(req, resp, app_referral_submit, 201);
}

void handle_api_referral_show(struct request *req, struct response *resp)
{
	api_run_id(req, resp, "id", app_referral_get);
}
