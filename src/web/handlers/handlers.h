/* handlers.h: every route handler (see web/routes.c). */
#ifndef LANTERN_WEB_HANDLERS_H
#define LANTERN_WEB_HANDLERS_H

#include "web/request.h"

/* assets.c */
void handle_static(struct request *req, struct response *resp);
void handle_health(struct request *req, struct response *resp);

/* home.c */
void handle_home(struct request *req, struct response *resp);

/* session.c */
void handle_sign_in_form(struct request *req, struct response *resp);
void handle_sign_in(struct request *req, struct response *resp);
void handle_sign_out(struct request *req, struct response *resp);
void handle_api_session_create(struct request *req, struct response *resp);
void handle_api_session_show(struct request *req, struct response *resp);
void handle_api_session_delete(struct request *req, struct response *resp);
void handle_api_tokens_create(struct request *req, struct response *resp);
void handle_session_page(struct request *req, struct response *resp);
void handle_session_extend(struct request *req, struct response *resp);
void handle_session_kept(struct request *req, struct response *resp);
void handle_page_password_form(struct request *req, struct response *resp);
void handle_page_password(struct request *req, struct response *resp);

/* API: the routes that keep a handler (api_*.c); the others name their use case in the
 * route table and are answered by handle_api_uc (api.h) */
void handle_api_record_show(struct request *req, struct response *resp);
void handle_api_record_timeline(struct request *req, struct response *resp);
void handle_api_episode_return_interview(struct request *req, struct response *resp);
void handle_api_export_ssda903(struct request *req, struct response *resp);
void handle_api_export_annex_a(struct request *req, struct response *resp);

/* pages: the web pages for every workflow (pages_*.c; shared helpers in pages.h) */
void handle_page_find_child(struct request *req, struct response *resp);
void handle_page_find_child_post(struct request *req, struct response *resp);
void handle_page_child(struct request *req, struct response *resp);
void handle_page_referral_new(struct request *req, struct response *resp);
void handle_page_child_referral_new(struct request *req, struct response *resp);
void handle_page_referral_create(struct request *req, struct response *resp);
void handle_page_referral(struct request *req, struct response *resp);
void handle_page_record(struct request *req, struct response *resp);
void handle_page_record_open(struct request *req, struct response *resp);
void handle_page_entry_new(struct request *req, struct response *resp);
void handle_page_entry_create(struct request *req, struct response *resp);
void handle_page_entry_correct_form(struct request *req, struct response *resp);
void handle_page_entry_correct(struct request *req, struct response *resp);
void handle_page_outcome_new(struct request *req, struct response *resp);
void handle_page_outcome_create(struct request *req, struct response *resp);
void handle_page_extref_new(struct request *req, struct response *resp);
void handle_page_extref_create(struct request *req, struct response *resp);
void handle_page_classify_form(struct request *req, struct response *resp);
void handle_page_classify(struct request *req, struct response *resp);
void handle_page_steps_form(struct request *req, struct response *resp);
void handle_page_steps(struct request *req, struct response *resp);
void handle_page_review_form(struct request *req, struct response *resp);
void handle_page_review(struct request *req, struct response *resp);
void handle_page_category_form(struct request *req, struct response *resp);
void handle_page_category(struct request *req, struct response *resp);
void handle_page_missing_new(struct request *req, struct response *resp);
void handle_page_missing_create(struct request *req, struct response *resp);
void handle_page_episode(struct request *req, struct response *resp);
void handle_page_ep_escalate_form(struct request *req, struct response *resp);
void handle_page_ep_escalate(struct request *req, struct response *resp);
void handle_page_ep_risk_form(struct request *req, struct response *resp);
void handle_page_ep_risk(struct request *req, struct response *resp);
void handle_page_ep_return_form(struct request *req, struct response *resp);
void handle_page_ep_return(struct request *req, struct response *resp);
void handle_page_ep_saw_form(struct request *req, struct response *resp);
void handle_page_ep_saw(struct request *req, struct response *resp);
void handle_page_ep_offer_form(struct request *req, struct response *resp);
void handle_page_ep_offer(struct request *req, struct response *resp);
void handle_page_ep_interview_form(struct request *req, struct response *resp);
void handle_page_ep_interview(struct request *req, struct response *resp);
void handle_page_ep_forensic_form(struct request *req, struct response *resp);
void handle_page_ep_forensic(struct request *req, struct response *resp);
void handle_page_profile(struct request *req, struct response *resp);
void handle_page_profile_update(struct request *req, struct response *resp);
void handle_page_profile_print(struct request *req, struct response *resp);
void handle_page_agencies(struct request *req, struct response *resp);
void handle_page_agency_create(struct request *req, struct response *resp);
void handle_page_users(struct request *req, struct response *resp);
void handle_page_user_create(struct request *req, struct response *resp);
void handle_page_user_disable(struct request *req, struct response *resp);
void handle_page_user(struct request *req, struct response *resp);
void handle_page_user_change(struct request *req, struct response *resp);
void handle_page_user_roles(struct request *req, struct response *resp);
void handle_page_user_reset(struct request *req, struct response *resp);
void handle_page_user_disable_form(struct request *req, struct response *resp);
void handle_page_user_enable(struct request *req, struct response *resp);
void handle_page_child_details_form(struct request *req, struct response *resp);
void handle_page_child_details(struct request *req, struct response *resp);
void handle_page_child_history(struct request *req, struct response *resp);
void handle_page_record_print(struct request *req, struct response *resp);
void handle_page_restriction_form(struct request *req, struct response *resp);
void handle_page_restriction(struct request *req, struct response *resp);
void handle_page_opening(struct request *req, struct response *resp);
void handle_page_opening_review(struct request *req, struct response *resp);
void handle_page_audit(struct request *req, struct response *resp);
void handle_page_audit_post(struct request *req, struct response *resp);
/* pages_children.c, for the record page too */
#include <jansson.h>
void pages_decorate_episodes(struct request *req, json_t *eps);

#endif
