/*
 * routes.c: every URL Lantern answers, in one table (see web/router.h for patterns
 * and flags). Handlers live in src/web/handlers/, one file per resource. Anything not
 * marked ROUTE_PUBLIC needs a signed-in user; state-changing methods are CSRF- and
 * Origin-checked unless marked ROUTE_NO_CSRF (sign-in: there is no session yet).
 *
 * Most API routes name the use case that answers them instead of a handler (struct
 * route_uc): the path parameter it is given as its id, its input (NONE, the JSON BODY,
 * BODY_OPT: the body when there is one, or the query it takes) and its success status;
 * handle_api_uc (handlers/api.h) runs them all.
 */
#include "app/access.h"
#include "app/admin.h"
#include "app/audit_view.h"
#include "app/board.h"
#include "app/categories.h"
#include "app/child_changes.h"
#include "app/children.h"
#include "app/cj.h"
#include "app/episode_deadlines.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/essential_steps.h"
#include "app/forensic.h"
#include "app/import.h"
#include "app/links.h"
#include "app/mase.h"
#include "app/mash.h"
#include "app/merges.h"
#include "app/match_model.h"
#include "app/networks.h"
#include "app/orders.h"
#include "app/outcome_reviews.h"
#include "app/people.h"
#include "app/places.h"
#include "app/plans.h"
#include "app/profile.h"
#include "app/record_changes.h"
#include "app/referrals.h"
#include "app/restricted.h"
#include "app/session.h"
#include "app/work.h"
#include "web/webapp.h"
#include "web/handlers/api.h"
#include "web/handlers/disruption.h"
#include "web/handlers/handlers.h"
#include "web/handlers/imports.h"
#include "web/handlers/mase.h"
#include "web/handlers/mash.h"
#include "web/handlers/merges.h"
#include "web/handlers/people.h"

#define PUBLIC ROUTE_PUBLIC
#define API ROUTE_API
#define NONE ROUTE_IN_NONE
#define BODY ROUTE_IN_BODY
#define BODY_OPT ROUTE_IN_BODY_OPT

/* clang-format off */
/* The rest of a row: a handler of its own, with its flags. */
#define HANDLER(fn, flags) fn, flags, {0}
/* The rest of a row answered by use case fn (struct route_uc): on the path parameter
 * param (or NULL), with the input `in`, answering `status` with its view. */
#define USE_CASE(fn, param, in, status) \
	handle_api_uc, ROUTE_API, {fn, param, in, status, NULL, NULL}
/* The rest of a GET row answered by use case fn on the path parameter param with the
 * query q as its input. */
#define PARAM_QUERY_USE_CASE(fn, param, q) \
	handle_api_uc, ROUTE_API, {fn, param, ROUTE_IN_QUERY, 200, q, NULL}
/* The rest of a GET row answered by use case fn with the query q as its input (NULL:
 * it takes none): 200 with its view, or with {wrap: view} when wrap is not NULL. */
#define QUERY_USE_CASE(fn, q, wrap) \
	handle_api_uc, ROUTE_API, {fn, NULL, ROUTE_IN_QUERY, 200, q, wrap}
/* clang-format on */

/* GET /api/v1/children?limit=&after=: a page at a time, no personal data in the query
 * (`after` is an opaque id). */
static const char *const children_strings[] = {"after", NULL};
static const char *const children_ints[] = {"limit", NULL};
static const struct route_query children_query = {children_strings, children_ints, NULL, 1, 200};

/* GET /api/v1/audit: filters that hold no personal data, and verify=true|false. */
static const char *const audit_strings[] = {"user_id", "username", "record_ref", "entity_id",
                                            "action",  "from",     "to",         NULL};
static const char *const audit_ints[] = {"before_seq", "limit", NULL};
static const char *const audit_bools[] = {"verify", NULL};
static const struct route_query audit_query = {audit_strings, audit_ints, audit_bools, INT64_MIN,
                                               INT64_MAX};

/* GET /api/v1/actions?record_ref=|person_id=|place_id= (R-MASE-7) and GET
 * /api/v1/cj-cases?person_id=&network=&borough=&from=&to= (R-OUTC-2). */
static const char *const actions_strings[] = {"record_ref", "person_id", "place_id", NULL};
static const struct route_query actions_query = {actions_strings, NULL, NULL, 0, 0};
static const char *const cj_strings[] = {"person_id", "network", "borough", "from", "to", NULL};
static const struct route_query cj_query = {cj_strings, NULL, NULL, 0, 0};

/* People of concern, places, links and networks: the places list's filters, an entity's
 * links, and the network filters of app/networks.h (kinds comma-separated). */
static const char *const places_strings[] = {"borough", "type", "after", NULL};
static const char *const places_ints[] = {"limit", NULL};
static const char *const places_bools[] = {"hotspots", NULL};
static const struct route_query places_query = {places_strings, places_ints, places_bools, 1, 200};
static const char *const ended_bools[] = {"include_ended", NULL};
static const struct route_query links_query = {NULL, NULL, ended_bools, 0, 0};
static const char *const net_strings[] = {"kinds", "from", "to", NULL};
static const char *const net_bools[] = {"facts_only", NULL};
static const char *const net_hops[] = {"hops", NULL};
static const char *const net_size[] = {"min_size", NULL};
static const struct route_query network_query = {net_strings, net_hops, net_bools, 1, 3};
static const struct route_query networks_query = {net_strings, net_size, net_bools, 1, 1000};
static const struct route_query cat7_query = {net_strings, NULL, net_bools, 0, 0};
/* GET /api/v1/boroughs/{id}/mase/agenda?at= (R-MASE-6): the agenda as at a time. */
static const char *const mase_strings[] = {"at", NULL};
static const struct route_query mase_query = {mase_strings, NULL, NULL, 0, 0};
/* GET /api/v1/boroughs/{id}/board-report?from=&to= (R-RPT-1). */
static const char *const period_strings[] = {"from", "to", NULL};
static const struct route_query period_query = {period_strings, NULL, NULL, 0, 0};

const struct route web_routes[] = {
        {HTTP_GET, "/static/{*path}", HANDLER(handle_static, PUBLIC | ROUTE_STATIC)},
        {HTTP_GET, "/healthz", HANDLER(handle_health, PUBLIC | ROUTE_STATIC)},

        {HTTP_GET, "/", HANDLER(handle_home, 0)},
        {HTTP_GET, "/sign-in", HANDLER(handle_sign_in_form, PUBLIC)},
        {HTTP_POST, "/sign-in", HANDLER(handle_sign_in, PUBLIC | ROUTE_NO_CSRF)},
        {HTTP_POST, "/sign-out", HANDLER(handle_sign_out, 0)},
        /* WCAG 2.2.1: when the session ends, staying signed in, a form kept across a
         * sign-in; the user's own password (also after a reset) */
        {HTTP_GET, "/session", HANDLER(handle_session_page, 0)},
        {HTTP_POST, "/session/extend", HANDLER(handle_session_extend, 0)},
        {HTTP_POST, "/session/kept", HANDLER(handle_session_kept, 0)},
        {HTTP_GET, "/account/password", HANDLER(handle_page_password_form, 0)},
        {HTTP_POST, "/account/password", HANDLER(handle_page_password, 0)},

        /* pages */
        {HTTP_GET, "/children/find", HANDLER(handle_page_find_child, 0)},
        {HTTP_POST, "/children/find", HANDLER(handle_page_find_child_post, 0)},
        {HTTP_GET, "/children/{id}", HANDLER(handle_page_child, 0)},
        {HTTP_GET, "/children/{id}/referrals/new", HANDLER(handle_page_child_referral_new, 0)},
        {HTTP_GET, "/children/{id}/missing/new", HANDLER(handle_page_missing_new, 0)},
        {HTTP_POST, "/children/{id}/missing", HANDLER(handle_page_missing_create, 0)},
        {HTTP_GET, "/children/{id}/profile", HANDLER(handle_page_profile, 0)},
        {HTTP_POST, "/children/{id}/profile", HANDLER(handle_page_profile_update, 0)},
        {HTTP_GET, "/children/{id}/profile/print", HANDLER(handle_page_profile_print, 0)},
        {HTTP_GET, "/children/{id}/details", HANDLER(handle_page_child_details_form, 0)},
        {HTTP_POST, "/children/{id}/details", HANDLER(handle_page_child_details, 0)},
        {HTTP_GET, "/children/{id}/history", HANDLER(handle_page_child_history, 0)},
        {HTTP_GET, "/referrals/new", HANDLER(handle_page_referral_new, 0)},
        {HTTP_POST, "/referrals", HANDLER(handle_page_referral_create, 0)},
        {HTTP_GET, "/referrals/{id}", HANDLER(handle_page_referral, 0)},
        {HTTP_GET, "/records/{ref}", HANDLER(handle_page_record, 0)},
        {HTTP_POST, "/records/{ref}/open", HANDLER(handle_page_record_open, 0)},
        {HTTP_GET, "/records/{ref}/print", HANDLER(handle_page_record_print, 0)},
        {HTTP_GET, "/records/{ref}/restriction", HANDLER(handle_page_restriction_form, 0)},
        {HTTP_POST, "/records/{ref}/restriction", HANDLER(handle_page_restriction, 0)},
        {HTTP_GET, "/restricted-access/{id}", HANDLER(handle_page_opening, 0)},
        {HTTP_POST, "/restricted-access/{id}/review", HANDLER(handle_page_opening_review, 0)},
        {HTTP_GET, "/records/{ref}/entries/new", HANDLER(handle_page_entry_new, 0)},
        {HTTP_POST, "/records/{ref}/entries", HANDLER(handle_page_entry_create, 0)},
        {HTTP_GET, "/records/{ref}/entries/{id}/correct",
         HANDLER(handle_page_entry_correct_form, 0)},
        {HTTP_POST, "/records/{ref}/entries/{id}/correct", HANDLER(handle_page_entry_correct, 0)},
        {HTTP_GET, "/records/{ref}/category", HANDLER(handle_page_category_form, 0)},
        {HTTP_POST, "/records/{ref}/category", HANDLER(handle_page_category, 0)},
        {HTTP_GET, "/records/{ref}/supervisor-review", HANDLER(handle_page_review_form, 0)},
        {HTTP_POST, "/records/{ref}/supervisor-review", HANDLER(handle_page_review, 0)},
        {HTTP_GET, "/records/{ref}/essential-steps", HANDLER(handle_page_steps_form, 0)},
        {HTTP_POST, "/records/{ref}/essential-steps", HANDLER(handle_page_steps, 0)},
        {HTTP_GET, "/records/{ref}/outcomes/new", HANDLER(handle_page_outcome_new, 0)},
        {HTTP_POST, "/records/{ref}/outcomes", HANDLER(handle_page_outcome_create, 0)},
        {HTTP_GET, "/records/{ref}/references/new", HANDLER(handle_page_extref_new, 0)},
        {HTTP_POST, "/records/{ref}/references", HANDLER(handle_page_extref_create, 0)},
        {HTTP_GET, "/records/{ref}/classification", HANDLER(handle_page_classify_form, 0)},
        {HTTP_POST, "/records/{ref}/classification", HANDLER(handle_page_classify, 0)},
        {HTTP_GET, "/episodes/{id}", HANDLER(handle_page_episode, 0)},
        {HTTP_GET, "/episodes/{id}/escalate", HANDLER(handle_page_ep_escalate_form, 0)},
        {HTTP_POST, "/episodes/{id}/escalate", HANDLER(handle_page_ep_escalate, 0)},
        {HTTP_GET, "/episodes/{id}/risk", HANDLER(handle_page_ep_risk_form, 0)},
        {HTTP_POST, "/episodes/{id}/risk", HANDLER(handle_page_ep_risk, 0)},
        {HTTP_GET, "/episodes/{id}/return", HANDLER(handle_page_ep_return_form, 0)},
        {HTTP_POST, "/episodes/{id}/return", HANDLER(handle_page_ep_return, 0)},
        {HTTP_GET, "/episodes/{id}/safe-and-well", HANDLER(handle_page_ep_saw_form, 0)},
        {HTTP_POST, "/episodes/{id}/safe-and-well", HANDLER(handle_page_ep_saw, 0)},
        {HTTP_GET, "/episodes/{id}/interview-offer", HANDLER(handle_page_ep_offer_form, 0)},
        {HTTP_POST, "/episodes/{id}/interview-offer", HANDLER(handle_page_ep_offer, 0)},
        {HTTP_GET, "/episodes/{id}/interview", HANDLER(handle_page_ep_interview_form, 0)},
        {HTTP_POST, "/episodes/{id}/interview", HANDLER(handle_page_ep_interview, 0)},
        {HTTP_GET, "/episodes/{id}/forensic", HANDLER(handle_page_ep_forensic_form, 0)},
        {HTTP_POST, "/episodes/{id}/forensic", HANDLER(handle_page_ep_forensic, 0)},
        {HTTP_GET, "/admin/agencies", HANDLER(handle_page_agencies, 0)},
        {HTTP_POST, "/admin/agencies", HANDLER(handle_page_agency_create, 0)},
        {HTTP_GET, "/admin/users", HANDLER(handle_page_users, 0)},
        {HTTP_POST, "/admin/users", HANDLER(handle_page_user_create, 0)},
        {HTTP_GET, "/admin/users/{username}", HANDLER(handle_page_user, 0)},
        {HTTP_POST, "/admin/users/{username}", HANDLER(handle_page_user_change, 0)},
        {HTTP_POST, "/admin/users/{username}/roles", HANDLER(handle_page_user_roles, 0)},
        {HTTP_POST, "/admin/users/{username}/password", HANDLER(handle_page_user_reset, 0)},
        {HTTP_GET, "/admin/users/{username}/disable", HANDLER(handle_page_user_disable_form, 0)},
        {HTTP_POST, "/admin/users/{username}/disable", HANDLER(handle_page_user_disable, 0)},
        {HTTP_POST, "/admin/users/{username}/enable", HANDLER(handle_page_user_enable, 0)},
        {HTTP_GET, "/audit", HANDLER(handle_page_audit, 0)},
        {HTTP_POST, "/audit", HANDLER(handle_page_audit_post, 0)},
        /* disruption: orders (R-ORD-1..4), CJ cases (R-OUTC-2), tactical options (R-ORD-5),
         * action plans (R-MASE-7), NRM referrals (R-DL-6) */
        {HTTP_GET, "/people/{id}/orders", HANDLER(handle_page_person_orders, 0)},
        {HTTP_GET, "/people/{id}/orders/new", HANDLER(handle_page_order_new, 0)},
        {HTTP_POST, "/people/{id}/orders", HANDLER(handle_page_order_create, 0)},
        {HTTP_GET, "/people/{id}/cj-cases/new", HANDLER(handle_page_cj_new, 0)},
        {HTTP_POST, "/people/{id}/cj-cases", HANDLER(handle_page_cj_create, 0)},
        {HTTP_GET, "/orders/{id}", HANDLER(handle_page_order, 0)},
        {HTTP_GET, "/orders/{id}/change", HANDLER(handle_page_order_change_form, 0)},
        {HTTP_POST, "/orders/{id}/change", HANDLER(handle_page_order_change, 0)},
        {HTTP_GET, "/cj-cases/{id}", HANDLER(handle_page_cj, 0)},
        {HTTP_POST, "/cj-cases/{id}", HANDLER(handle_page_cj_update, 0)},
        {HTTP_GET, "/records/{ref}/tactics", HANDLER(handle_page_tactics, 0)},
        {HTTP_GET, "/records/{ref}/tactics/{code}", HANDLER(handle_page_tactic_form, 0)},
        {HTTP_POST, "/records/{ref}/tactics/{code}", HANDLER(handle_page_tactic_mark, 0)},
        {HTTP_GET, "/records/{ref}/actions", HANDLER(handle_page_actions, 0)},
        {HTTP_GET, "/records/{ref}/actions/new", HANDLER(handle_page_action_new, 0)},
        {HTTP_POST, "/records/{ref}/actions", HANDLER(handle_page_action_create, 0)},
        {HTTP_GET, "/records/{ref}/nrm/new", HANDLER(handle_page_nrm_new, 0)},
        {HTTP_POST, "/records/{ref}/nrm", HANDLER(handle_page_nrm_create, 0)},
        {HTTP_GET, "/actions/{id}", HANDLER(handle_page_action, 0)},
        {HTTP_POST, "/actions/{id}", HANDLER(handle_page_action_update, 0)},
        /* pages: people of concern, places, vehicles, phones, links and networks */
        {HTTP_GET, "/people/find", HANDLER(handle_page_people_find, 0)},
        {HTTP_POST, "/people/find", HANDLER(handle_page_people_find_post, 0)},
        {HTTP_GET, "/people/new", HANDLER(handle_page_person_new, 0)},
        {HTTP_POST, "/people", HANDLER(handle_page_person_create, 0)},
        {HTTP_GET, "/people/{id}", HANDLER(handle_page_person, 0)},
        {HTTP_GET, "/people/{id}/pnc-marker", HANDLER(handle_page_person_pnc_form, 0)},
        {HTTP_POST, "/people/{id}/pnc-marker", HANDLER(handle_page_person_pnc, 0)},
        {HTTP_GET, "/places/{id}", HANDLER(handle_page_place, 0)},
        {HTTP_GET, "/places/{id}/hotspot", HANDLER(handle_page_place_hotspot_form, 0)},
        {HTTP_POST, "/places/{id}/hotspot", HANDLER(handle_page_place_hotspot, 0)},
        {HTTP_GET, "/vehicles/{id}", HANDLER(handle_page_vehicle, 0)},
        {HTTP_GET, "/phones/{id}", HANDLER(handle_page_phone, 0)},
        {HTTP_GET, "/links/new", HANDLER(handle_page_link_new, 0)},
        {HTTP_POST, "/links", HANDLER(handle_page_link_create, 0)},
        {HTTP_GET, "/networks", HANDLER(handle_page_networks, 0)},
        {HTTP_GET, "/network/{id}", HANDLER(handle_page_network, 0)},
        {HTTP_GET, "/network/{id}/picture.svg", HANDLER(handle_page_network_picture, 0)},

        /* pages: matching, merges and imports */
        {HTTP_GET, "/children/{id}/merge", HANDLER(handle_page_child_merge_form, 0)},
        {HTTP_POST, "/children/{id}/merge", HANDLER(handle_page_child_merge, 0)},
        {HTTP_POST, "/merges/{id}/undo", HANDLER(handle_page_merge_undo, 0)},
        {HTTP_GET, "/imports/held", HANDLER(handle_page_import_held, 0)},
        {HTTP_POST, "/imports/held/{id}", HANDLER(handle_page_import_resolve, 0)},
        {HTTP_GET, "/admin/matching", HANDLER(handle_page_matching, 0)},

        /* pages: MASE meetings, outcomes and the board's report */
        {HTTP_GET, "/boroughs/{id}/mase", HANDLER(handle_page_mase_borough, 0)},
        {HTTP_POST, "/boroughs/{id}/mase/schedule", HANDLER(handle_page_mase_schedule, 0)},
        {HTTP_POST, "/boroughs/{id}/mase/meetings", HANDLER(handle_page_mase_meeting_create, 0)},
        {HTTP_GET, "/boroughs/{id}/mase/agenda", HANDLER(handle_page_mase_agenda, 0)},
        {HTTP_GET, "/mase-meetings/{id}", HANDLER(handle_page_mase_meeting, 0)},
        {HTTP_POST, "/mase-meetings/{id}/cases", HANDLER(handle_page_mase_case, 0)},
        {HTTP_POST, "/mase-meetings/{id}/actions", HANDLER(handle_page_mase_action, 0)},
        {HTTP_POST, "/mase-meetings/{id}/tactics", HANDLER(handle_page_mase_tactic, 0)},
        {HTTP_POST, "/mase-meetings/{id}/duties", HANDLER(handle_page_mase_duties, 0)},
        {HTTP_GET, "/mase-meetings/{id}/pack", HANDLER(handle_page_mase_pack, 0)},
        {HTTP_GET, "/boroughs/{id}/board-report", HANDLER(handle_page_board_report, 0)},
        {HTTP_GET, "/records/{ref}/outcome-reviews", HANDLER(handle_page_outcomes, 0)},
        {HTTP_POST, "/records/{ref}/outcome-reviews", HANDLER(handle_page_outcome_review, 0)},
        {HTTP_GET, "/records/{ref}/outcome-reviews/chart", HANDLER(handle_page_outcomes_chart, 0)},

        /* pages: my work, the MASH and who is missing now */
        /* R-PATH-3: the MASH evaluates a referral within one working day */
        {HTTP_GET, "/referrals/{id}/evaluate", HANDLER(handle_page_referral_evaluate_form, 0)},
        {HTTP_POST, "/referrals/{id}/evaluate", HANDLER(handle_page_referral_evaluate, 0)},
        /* R-MISS-5: the missing-now board; one list of my work a page at a time */
        {HTTP_GET, "/missing-now", HANDLER(handle_page_missing_now, 0)},
        {HTTP_GET, "/work/{key}", HANDLER(handle_page_work_section, 0)},
        /* a record's lists a page at a time: chronology, referrals, episodes, together */
        {HTTP_GET, "/records/{ref}/list/{what}", HANDLER(handle_page_record_list, 0)},

        /* end of pages */

        {HTTP_POST, "/api/v1/session",
         HANDLER(handle_api_session_create, API | PUBLIC | ROUTE_NO_CSRF)},
        {HTTP_GET, "/api/v1/session", HANDLER(handle_api_session_show, API)},
        {HTTP_DELETE, "/api/v1/session", HANDLER(handle_api_session_delete, API)},
        {HTTP_POST, "/api/v1/session/password", USE_CASE(app_password_change, NULL, BODY, 200)},
        {HTTP_GET, "/api/v1/tokens", USE_CASE(app_api_token_list, NULL, NONE, 200)},
        {HTTP_POST, "/api/v1/tokens", HANDLER(handle_api_tokens_create, API)},
        {HTTP_DELETE, "/api/v1/tokens/{id}", USE_CASE(app_api_token_revoke, "id", NONE, 204)},

        /* API */
        {HTTP_GET, "/api/v1/children", QUERY_USE_CASE(app_children_list, &children_query, NULL)},
        {HTTP_POST, "/api/v1/children/search", USE_CASE(app_child_find, NULL, BODY, 200)},
        /* R-REC-1: 409 with the candidates unless confirm_new */
        {HTTP_POST, "/api/v1/children", USE_CASE(app_child_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/children/{id}", USE_CASE(app_child_get, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/children/{id}/episodes", USE_CASE(app_child_episodes, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/children/{id}/profile", USE_CASE(app_profile_get, "id", NONE, 200)},
        {HTTP_PUT, "/api/v1/children/{id}/profile", USE_CASE(app_profile_update, "id", BODY, 200)},
        /* R-REC-1: 409 with the candidates unless confirm_new_child */
        {HTTP_GET, "/api/v1/children/{id}/case", USE_CASE(app_case_members, "id", NONE, 200)},
        /* a child's details changed, and their history */
        {HTTP_POST, "/api/v1/children/{id}/changes", USE_CASE(app_child_change, "id", BODY, 201)},
        {HTTP_GET, "/api/v1/children/{id}/changes", USE_CASE(app_child_history, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/children/{id}/case/members",
         USE_CASE(app_case_member_add, "id", BODY, 201)},
        {HTTP_POST, "/api/v1/children/{id}/case/members/end",
         USE_CASE(app_case_member_end, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/children/{id}/access-requests",
         USE_CASE(app_access_request, "id", BODY, 201)},
        {HTTP_GET, "/api/v1/access-requests", QUERY_USE_CASE(app_access_requests, NULL, NULL)},
        {HTTP_POST, "/api/v1/access-requests/{id}/decision",
         USE_CASE(app_access_decide, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/access-requests/{id}/end",
         USE_CASE(app_access_end, "id", BODY_OPT, 200)},
        {HTTP_POST, "/api/v1/referrals", USE_CASE(app_referral_submit, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/referrals/{id}", USE_CASE(app_referral_get, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/records/{ref}", HANDLER(handle_api_record_show, API)},
        {HTTP_GET, "/api/v1/records/{ref}/timeline", HANDLER(handle_api_record_timeline, API)},
        {HTTP_POST, "/api/v1/records/{ref}/entries",
         USE_CASE(app_record_add_entry, "ref", BODY, 201)},
        {HTTP_POST, "/api/v1/records/{ref}/category-decisions",
         USE_CASE(app_category_decide, "ref", BODY, 201)},
        {HTTP_POST, "/api/v1/records/{ref}/supervisor-review",
         USE_CASE(app_supervisor_review, "ref", BODY, 201)},
        {HTTP_POST, "/api/v1/records/{ref}/essential-steps",
         USE_CASE(app_essential_steps, "ref", BODY, 200)},
        {HTTP_POST, "/api/v1/records/{ref}/outcomes", USE_CASE(app_outcome_add, "ref", BODY, 201)},
        {HTTP_POST, "/api/v1/records/{ref}/references",
         USE_CASE(app_external_ref_add, "ref", BODY, 201)},
        {HTTP_PUT, "/api/v1/records/{ref}/classification",
         USE_CASE(app_record_classify, "ref", BODY, 200)},
        /* R-INFO-3: {"restricted", "reason"}; police supervisors and CSC managers */
        {HTTP_PUT, "/api/v1/records/{ref}/restriction",
         USE_CASE(app_record_restrict, "ref", BODY, 200)},
        {HTTP_GET, "/api/v1/records/{ref}/restriction",
         USE_CASE(app_record_restriction, "ref", NONE, 200)},
        {HTTP_GET, "/api/v1/restricted-access/{id}",
         USE_CASE(app_restricted_access_get, "id", NONE, 200)},
        /* R-INFO-3: a supervisor reviews a break-glass opening of a restricted record */
        {HTTP_POST, "/api/v1/restricted-access/{id}/review",
         USE_CASE(app_restricted_access_review, "id", BODY, 201)},
        {HTTP_GET, "/api/v1/work", QUERY_USE_CASE(app_work_queue, NULL, NULL)},
        /* R-DL-1, R-DL-2, R-DL-9 */
        {HTTP_GET, "/api/v1/deadlines", QUERY_USE_CASE(app_episode_deadlines, NULL, NULL)},
        {HTTP_GET, "/api/v1/audit", QUERY_USE_CASE(app_audit_list, &audit_query, NULL)},
        {HTTP_POST, "/api/v1/episodes", USE_CASE(app_episode_report, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/episodes/{id}", USE_CASE(app_episode_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/episodes/{id}/escalation",
         USE_CASE(app_episode_escalate, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/episodes/{id}/return", USE_CASE(app_episode_return, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/episodes/{id}/safe-and-well",
         USE_CASE(app_safe_and_well, "id", BODY, 201)},
        {HTTP_POST, "/api/v1/episodes/{id}/return-interview",
         HANDLER(handle_api_episode_return_interview, API)},
        {HTTP_POST, "/api/v1/episodes/{id}/forensic-decision",
         USE_CASE(app_forensic_decision, "id", BODY, 201)},
        {HTTP_PUT, "/api/v1/episodes/{id}/risk", USE_CASE(app_episode_risk, "id", BODY, 200)},
        /* R-ORD-1..4, R-OUT-5: orders and other disruptions; 422 names the rule and field */
        {HTTP_POST, "/api/v1/orders", USE_CASE(app_order_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/orders/{id}", USE_CASE(app_order_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/orders/{id}/changes", USE_CASE(app_order_change, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/people/{id}/orders", USE_CASE(app_person_orders, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/places/{id}/orders", USE_CASE(app_place_orders, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/boroughs/{id}/disruption",
         USE_CASE(app_disruption_summary, "id", NONE, 200)},
        /* R-ORD-5: the tactical options checklist */
        {HTTP_GET, "/api/v1/records/{ref}/tactics", USE_CASE(app_tactics_get, "ref", NONE, 200)},
        {HTTP_POST, "/api/v1/records/{ref}/tactics", USE_CASE(app_tactic_mark, "ref", BODY, 200)},
        /* R-MASE-7: actions; R-DL-4, R-DL-5, R-DL-6, R-DL-9: their deadlines in queues */
        {HTTP_POST, "/api/v1/actions", USE_CASE(app_action_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/actions", QUERY_USE_CASE(app_actions_list, &actions_query, NULL)},
        {HTTP_GET, "/api/v1/actions/{id}", USE_CASE(app_action_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/actions/{id}/changes", USE_CASE(app_action_update, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/disruption-deadlines",
         QUERY_USE_CASE(app_disruption_deadlines, NULL, NULL)},
        /* R-OUTC-2: criminal justice cases and attrition */
        {HTTP_POST, "/api/v1/cj-cases", USE_CASE(app_cj_case_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/cj-cases", QUERY_USE_CASE(app_cj_cases, &cj_query, NULL)},
        {HTTP_GET, "/api/v1/cj-cases/{id}", USE_CASE(app_cj_case_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/cj-cases/{id}/changes", USE_CASE(app_cj_case_update, "id", BODY, 200)},
        /* R-DL-6: NRM referrals */
        {HTTP_POST, "/api/v1/children/{id}/nrm-referrals",
         USE_CASE(app_nrm_refer, "id", BODY, 201)},
        {HTTP_GET, "/api/v1/children/{id}/nrm-referrals", USE_CASE(app_child_nrm, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/nrm-referrals/{id}/decisions",
         USE_CASE(app_nrm_decide, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/exports/ssda903", HANDLER(handle_api_export_ssda903, API)},
        {HTTP_GET, "/api/v1/exports/annex-a", HANDLER(handle_api_export_annex_a, API)},
        /* the lists answer objects, so that fields can be added later */
        {HTTP_GET, "/api/v1/agencies", QUERY_USE_CASE(app_agency_list, NULL, "agencies")},
        {HTTP_POST, "/api/v1/agencies", USE_CASE(app_agency_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/users", QUERY_USE_CASE(app_user_list, NULL, "users")},
        {HTTP_POST, "/api/v1/users", USE_CASE(app_user_add, NULL, BODY, 201)},
        /* no body is needed: an empty body or {} */
        {HTTP_POST, "/api/v1/users/{username}/disable",
         USE_CASE(app_user_disable, "username", BODY_OPT, 200)},
        {HTTP_GET, "/api/v1/users/{username}", USE_CASE(app_user_get, "username", NONE, 200)},
        {HTTP_PUT, "/api/v1/users/{username}", USE_CASE(app_user_change, "username", BODY, 200)},
        {HTTP_POST, "/api/v1/users/{username}/enable",
         USE_CASE(app_user_enable, "username", BODY_OPT, 200)},
        {HTTP_PUT, "/api/v1/users/{username}/roles",
         USE_CASE(app_user_set_roles, "username", BODY, 200)},
        {HTTP_POST, "/api/v1/users/{username}/password-reset",
         USE_CASE(app_user_reset_password, "username", BODY, 200)},

        /* API: people of concern, places, vehicles, phones, links and networks */
        /* R-POI-1, R-POI-2, R-LOC-1: people of concern, places, vehicles, phones, links;
         * R-CAT-7, R-MASE-9: networks (read-only) */
        {HTTP_POST, "/api/v1/people", USE_CASE(app_person_add, NULL, BODY, 201)},
        {HTTP_POST, "/api/v1/people/search", USE_CASE(app_person_search, NULL, BODY, 200)},
        {HTTP_GET, "/api/v1/people/{id}", USE_CASE(app_person_get, "id", NONE, 200)},
        {HTTP_PUT, "/api/v1/people/{id}", USE_CASE(app_person_update, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/people/{id}/items", USE_CASE(app_person_items_add, "id", BODY, 200)},
        {HTTP_PUT, "/api/v1/people/{id}/pnc-marker",
         USE_CASE(app_person_pnc_marker, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/children/{id}/pnc-marker",
         USE_CASE(app_child_pnc_marker_get, "id", NONE, 200)},
        {HTTP_PUT, "/api/v1/children/{id}/pnc-marker",
         USE_CASE(app_child_pnc_marker, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/places", USE_CASE(app_place_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/places", QUERY_USE_CASE(app_places_list, &places_query, NULL)},
        {HTTP_GET, "/api/v1/places/{id}", USE_CASE(app_place_get, "id", NONE, 200)},
        {HTTP_PUT, "/api/v1/places/{id}/hotspot", USE_CASE(app_place_hotspot, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/vehicles", USE_CASE(app_vehicle_find_or_add, NULL, BODY, 200)},
        {HTTP_GET, "/api/v1/vehicles/{id}", USE_CASE(app_vehicle_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/phones", USE_CASE(app_phone_find_or_add, NULL, BODY, 200)},
        {HTTP_GET, "/api/v1/phones/{id}", USE_CASE(app_phone_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/links", USE_CASE(app_link_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/links/{id}", USE_CASE(app_link_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/links/{id}/end", USE_CASE(app_link_end, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/entities/{id}/links",
         PARAM_QUERY_USE_CASE(app_links_list, "id", &links_query)},
        {HTTP_GET, "/api/v1/entities/{id}/network",
         PARAM_QUERY_USE_CASE(app_network_of, "id", &network_query)},
        {HTTP_GET, "/api/v1/children/{id}/network-flag",
         PARAM_QUERY_USE_CASE(app_network_cat7, "id", &cat7_query)},
        {HTTP_GET, "/api/v1/networks", QUERY_USE_CASE(app_networks, &networks_query, NULL)},
        {HTTP_GET, "/api/v1/boroughs/{id}/linked-cases",
         PARAM_QUERY_USE_CASE(app_network_linked_cases, "id", &cat7_query)},
        {HTTP_GET, "/api/v1/exports/network", HANDLER(handle_api_export_network, API)},

        /* API: matching, merges and imports */
        /* R-REC-1: a person merges two children found to be the same child, and may undo it */
        {HTTP_POST, "/api/v1/children/{id}/merges", USE_CASE(app_child_merge, "id", BODY, 201)},
        {HTTP_GET, "/api/v1/children/{id}/merges", USE_CASE(app_child_merges, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/merges/{id}/undo", USE_CASE(app_child_unmerge, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/imports/children", HANDLER(handle_api_import_children, API)},
        {HTTP_GET, "/api/v1/imports/{id}", USE_CASE(app_import_get, "id", NONE, 200)},
        {HTTP_GET, "/api/v1/import-held", USE_CASE(app_import_held_list, NULL, NONE, 200)},
        {HTTP_POST, "/api/v1/import-held/{id}/resolution",
         USE_CASE(app_import_held_resolve, "id", BODY, 200)},
        {HTTP_GET, "/api/v1/exports/children", HANDLER(handle_api_export_children, API)},
        {HTTP_GET, "/api/v1/matching/model", USE_CASE(app_match_model, NULL, NONE, 200)},

        /* API: MASE meetings, outcomes and the board's report */
        /* R-MASE-1, R-DL-5: the schedule and the next meeting due; R-MASE-4..6, R-MASE-9:
         * the agenda, generated for the reader's agency */
        {HTTP_GET, "/api/v1/boroughs/{id}/mase", USE_CASE(app_mase_borough, "id", NONE, 200)},
        {HTTP_PUT, "/api/v1/boroughs/{id}/mase/schedule",
         USE_CASE(app_mase_schedule_set, "id", BODY, 200)},
        {HTTP_GET,
         "/api/v1/boroughs/{id}/mase/agenda",
         handle_api_uc,
         ROUTE_API,
         {app_mase_agenda, "id", ROUTE_IN_QUERY, 200, &mase_query, NULL}},
        /* R-MASE-2, R-MASE-3: a meeting held; R-MASE-4, R-MASE-7: decisions; R-MASE-8 */
        {HTTP_POST, "/api/v1/mase/meetings", USE_CASE(app_mase_meeting_add, NULL, BODY, 201)},
        {HTTP_GET, "/api/v1/mase/meetings/{id}", USE_CASE(app_mase_meeting_get, "id", NONE, 200)},
        {HTTP_POST, "/api/v1/mase/meetings/{id}/cases",
         USE_CASE(app_mase_case_decide, "id", BODY, 200)},
        {HTTP_POST, "/api/v1/mase/meetings/{id}/duties",
         USE_CASE(app_mase_duties, "id", BODY, 200)},
        /* R-RPT-1, R-INFO-1: the board's report, its CSV and the census factor codes */
        {HTTP_GET,
         "/api/v1/boroughs/{id}/board-report",
         handle_api_uc,
         ROUTE_API,
         {app_board_report, "id", ROUTE_IN_QUERY, 200, &period_query, NULL}},
        {HTTP_GET, "/api/v1/boroughs/{id}/board-report/csv", HANDLER(handle_api_board_csv, API)},
        {HTTP_GET, "/api/v1/boroughs/{id}/board-report/xlsx", HANDLER(handle_api_board_xlsx, API)},
        {HTTP_GET, "/api/v1/boroughs/{id}/cin-factors", HANDLER(handle_api_cin_csv, API)},
        /* R-OUTC-1, R-DL-8: a child's long-term outcomes */
        {HTTP_POST, "/api/v1/records/{ref}/outcome-reviews",
         USE_CASE(app_outcome_review_add, "ref", BODY, 201)},
        {HTTP_GET, "/api/v1/records/{ref}/outcome-reviews",
         USE_CASE(app_outcome_reviews, "ref", NONE, 200)},
        {HTTP_PUT, "/api/v1/agencies/{id}/contacts",
         USE_CASE(app_agency_contacts_set, "id", BODY, 200)},

        /* API: my work, the MASH and who is missing now */
        /* R-PATH-3: the MASH's evaluation of a referral; 403 for other roles */
        {HTTP_POST, "/api/v1/referrals/{id}/evaluation",
         USE_CASE(app_referral_evaluate, "id", BODY, 201)},
        /* R-MISS-5: every child missing now that the user sees, ?page=N */
        {HTTP_GET, "/api/v1/missing-now", QUERY_USE_CASE(app_missing_now, &web_page_query, NULL)},
};

const size_t web_routes_count = ARRAY_LEN(web_routes);
