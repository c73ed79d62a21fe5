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

        {HTTP_POST, "/api/v1/session", handle_api_session_create, API | PUBLIC | ROUTE_NO_CSRF},
        {HTTP_GET, "/api/v1/session", handle_api_session_show, API},
        {HTTP_DELETE, "/api/v1/session", handle_api_session_delete, API},
        {HTTP_GET, "/api/v1/tokens", handle_api_tokens_list, API},
        {HTTP_POST, "/api/v1/tokens", handle_api_tokens_create, API},
        {HTTP_DELETE, "/api/v1/tokens/{id}", handle_api_tokens_revoke, API},

        /* API */
        {HTTP_POST, "/api/v1/children/search", handle_api_children_search, API},
        {HTTP_POST, "/api/v1/children", handle_api_children_create, API},
        {HTTP_GET, "/api/v1/children/{id}", handle_api_child_show, API},
        {HTTP_GET, "/api/v1/children/{id}/episodes", handle_api_child_episodes, API},
        {HTTP_GET, "/api/v1/children/{id}/profile", handle_api_child_profile_show, API},
        {HTTP_PUT, "/api/v1/children/{id}/profile", handle_api_child_profile_update, API},
        {HTTP_POST, "/api/v1/referrals", handle_api_referrals_create, API},
        {HTTP_GET, "/api/v1/referrals/{id}", handle_api_referral_show, API},
        {HTTP_GET, "/api/v1/records/{ref}", handle_api_record_show, API},
        {HTTP_GET, "/api/v1/records/{ref}/timeline", handle_api_record_timeline, API},
        {HTTP_POST, "/api/v1/records/{ref}/entries", handle_api_record_entries_create, API},
        {HTTP_POST, "/api/v1/records/{ref}/category-decisions", handle_api_record_category_create, API},
        {HTTP_POST, "/api/v1/records/{ref}/supervisor-review", handle_api_record_supervisor_review, API},
        {HTTP_POST, "/api/v1/records/{ref}/essential-steps", handle_api_record_essential_steps, API},
        {HTTP_POST, "/api/v1/records/{ref}/outcomes", handle_api_record_outcomes_create, API},
        {HTTP_POST, "/api/v1/records/{ref}/references", handle_api_record_references_create, API},
        {HTTP_PUT, "/api/v1/records/{ref}/classification", handle_api_record_classification, API},
        {HTTP_PUT, "/api/v1/records/{ref}/restriction", handle_api_record_restriction, API},
        {HTTP_POST, "/api/v1/restricted-access/{id}/review", handle_api_restricted_access_review, API},
        {HTTP_GET, "/api/v1/work", handle_api_work, API},
        {HTTP_GET, "/api/v1/deadlines", handle_api_deadlines, API},
        {HTTP_GET, "/api/v1/audit", handle_api_audit, API},
        {HTTP_POST, "/api/v1/episodes", handle_api_episodes_create, API},
        {HTTP_GET, "/api/v1/episodes/{id}", handle_api_episode_show, API},
        {HTTP_POST, "/api/v1/episodes/{id}/escalation", handle_api_episode_escalation, API},
        {HTTP_POST, "/api/v1/episodes/{id}/return", handle_api_episode_return, API},
        {HTTP_POST, "/api/v1/episodes/{id}/safe-and-well", handle_api_episode_safe_and_well, API},
        {HTTP_POST, "/api/v1/episodes/{id}/return-interview", handle_api_episode_return_interview, API},
        {HTTP_POST, "/api/v1/episodes/{id}/forensic-decision", handle_api_episode_forensic_decision, API},
        {HTTP_PUT, "/api/v1/episodes/{id}/risk", handle_api_episode_risk, API},
        {HTTP_GET, "/api/v1/exports/ssda903", handle_api_export_ssda903, API},
        {HTTP_GET, "/api/v1/exports/annex-a", handle_api_export_annex_a, API},
        {HTTP_GET, "/api/v1/agencies", handle_api_agencies_list, API},
        {HTTP_POST, "/api/v1/agencies", handle_api_agencies_create, API},
        {HTTP_GET, "/api/v1/users", handle_api_users_list, API},
        {HTTP_POST, "/api/v1/users", handle_api_users_create, API},
        {HTTP_POST, "/api/v1/users/{username}/disable", handle_api_user_disable, API},
};

const size_t web_routes_count = ARRAY_LEN(web_routes);
