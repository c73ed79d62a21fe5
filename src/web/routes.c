/*
 * routes.c: every URL Lantern answers, in one table (see web/router.h for patterns
 * and flags). Handlers live in src/web/handlers/, one file per resource. Anything not
 * marked ROUTE_PUBLIC needs a signed-in user; state-changing methods are CSRF- and
 * Origin-checked unless marked ROUTE_NO_CSRF (sign-in: there is no session yet).
 */
#include "web/app.h"
#include "web/handlers/handlers.h"

#define PUBLIC ROUTE_PUBLIC
#define API ROUTE_API

const struct route web_routes[] = {
        {HTTP_GET, "/static/{*path}", handle_static, PUBLIC | ROUTE_STATIC},
        {HTTP_GET, "/healthz", handle_health, PUBLIC | ROUTE_STATIC},

        {HTTP_GET, "/", handle_home, 0},
        {HTTP_GET, "/sign-in", handle_sign_in_form, PUBLIC},
        {HTTP_POST, "/sign-in", handle_sign_in, PUBLIC | ROUTE_NO_CSRF},
        {HTTP_POST, "/sign-out", handle_sign_out, 0},

        /* pages */
        {HTTP_GET, "/children/find", handle_page_find_child, 0},
        {HTTP_POST, "/children/find", handle_page_find_child_post, 0},
        {HTTP_GET, "/children/{id}", handle_page_child, 0},
        {HTTP_GET, "/children/{id}/referrals/new", handle_page_child_referral_new, 0},
        {HTTP_GET, "/children/{id}/missing/new", handle_page_missing_new, 0},
        {HTTP_POST, "/children/{id}/missing", handle_page_missing_create, 0},
        {HTTP_GET, "/children/{id}/profile", handle_page_profile, 0},
        {HTTP_POST, "/children/{id}/profile", handle_page_profile_update, 0},
        {HTTP_GET, "/children/{id}/profile/print", handle_page_profile_print, 0},
        {HTTP_GET, "/referrals/new", handle_page_referral_new, 0},
        {HTTP_POST, "/referrals", handle_page_referral_create, 0},
        {HTTP_GET, "/referrals/{id}", handle_page_referral, 0},
        {HTTP_GET, "/records/{ref}", handle_page_record, 0},
        {HTTP_POST, "/records/{ref}/open", handle_page_record_open, 0},
        {HTTP_GET, "/records/{ref}/entries/new", handle_page_entry_new, 0},
        {HTTP_POST, "/records/{ref}/entries", handle_page_entry_create, 0},
        {HTTP_GET, "/records/{ref}/entries/{id}/correct", handle_page_entry_correct_form, 0},
        {HTTP_POST, "/records/{ref}/entries/{id}/correct", handle_page_entry_correct, 0},
        {HTTP_GET, "/records/{ref}/category", handle_page_category_form, 0},
        {HTTP_POST, "/records/{ref}/category", handle_page_category, 0},
        {HTTP_GET, "/records/{ref}/supervisor-review", handle_page_review_form, 0},
        {HTTP_POST, "/records/{ref}/supervisor-review", handle_page_review, 0},
        {HTTP_GET, "/records/{ref}/essential-steps", handle_page_steps_form, 0},
        {HTTP_POST, "/records/{ref}/essential-steps", handle_page_steps, 0},
        {HTTP_GET, "/records/{ref}/outcomes/new", handle_page_outcome_new, 0},
        {HTTP_POST, "/records/{ref}/outcomes", handle_page_outcome_create, 0},
        {HTTP_GET, "/records/{ref}/references/new", handle_page_extref_new, 0},
        {HTTP_POST, "/records/{ref}/references", handle_page_extref_create, 0},
        {HTTP_GET, "/records/{ref}/classification", handle_page_classify_form, 0},
        {HTTP_POST, "/records/{ref}/classification", handle_page_classify, 0},
        {HTTP_GET, "/episodes/{id}", handle_page_episode, 0},
        {HTTP_GET, "/episodes/{id}/escalate", handle_page_ep_escalate_form, 0},
        {HTTP_POST, "/episodes/{id}/escalate", handle_page_ep_escalate, 0},
        {HTTP_GET, "/episodes/{id}/risk", handle_page_ep_risk_form, 0},
        {HTTP_POST, "/episodes/{id}/risk", handle_page_ep_risk, 0},
        {HTTP_GET, "/episodes/{id}/return", handle_page_ep_return_form, 0},
        {HTTP_POST, "/episodes/{id}/return", handle_page_ep_return, 0},
        {HTTP_GET, "/episodes/{id}/safe-and-well", handle_page_ep_saw_form, 0},
        {HTTP_POST, "/episodes/{id}/safe-and-well", handle_page_ep_saw, 0},
        {HTTP_GET, "/episodes/{id}/interview-offer", handle_page_ep_offer_form, 0},
        {HTTP_POST, "/episodes/{id}/interview-offer", handle_page_ep_offer, 0},
        {HTTP_GET, "/episodes/{id}/interview", handle_page_ep_interview_form, 0},
        {HTTP_POST, "/episodes/{id}/interview", handle_page_ep_interview, 0},
        {HTTP_GET, "/episodes/{id}/forensic", handle_page_ep_forensic_form, 0},
        {HTTP_POST, "/episodes/{id}/forensic", handle_page_ep_forensic, 0},
        {HTTP_GET, "/admin/agencies", handle_page_agencies, 0},
        {HTTP_POST, "/admin/agencies", handle_page_agency_create, 0},
        {HTTP_GET, "/admin/users", handle_page_users, 0},
        {HTTP_POST, "/admin/users", handle_page_user_create, 0},
        {HTTP_POST, "/admin/users/{username}/disable", handle_page_user_disable, 0},
        {HTTP_GET, "/audit", handle_page_audit, 0},
        {HTTP_POST, "/audit", handle_page_audit_post, 0},
        /* end of pages */

        {HTTP_POST, "/api/v1/session", handle_api_session_create, API | PUBLIC | ROUTE_NO_CSRF},
        {HTTP_GET, "/api/v1/session", handle_api_session_show, API},
        {HTTP_DELETE, "/api/v1/session", handle_api_session_delete, API},
        {HTTP_GET, "/api/v1/tokens", handle_api_tokens_list, API},
        {HTTP_POST, "/api/v1/tokens", handle_api_tokens_create, API},
        {HTTP_DELETE, "/api/v1/tokens/{id}", handle_api_tokens_revoke, API},
};

const size_t web_routes_count = ARRAY_LEN(web_routes);
