/*
 * handlers/home.c: GET / : "My work", the signed-in user's work queue (app_work_queue):
 * sections with counts, each item linked to what to open, deadline items with the time
 * left in words and an amber or red tag (R-DL-1, R-DL-2, R-DL-9), in UK time.
 */
#include "app/work.h"
#include "web/handlers/disruption.h"
#include "web/handlers/handlers.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

/* Adds what the page shows to one work item: href, label, meta, and for deadlines a
 * tag (text and colour class). */
static void decorate_item(struct request *req, json_t *it)
{
	if (pages_disruption_item(req, it)) /* actions, orders, NRM periods */
		return;
	const char *ep = pages_str(it, "episode_id");
	const char *ref = pages_str(it, "reference");
	const char *rec = pages_str(it, "record_ref");
	const char *name =
	        pages_fmt(req, "%s %s", pages_str(it, "given_names"), pages_str(it, "family_name"));
	if (*ep) {
		json_t *child = json_object_get(it, "child");
		const char *cn = json_is_string(child) ? json_string_value(child)
		                 : json_is_object(child)
		                         ? pages_fmt(req, "%s %s", pages_str(child, "given_names"),
		                                     pages_str(child, "family_name"))
		                         : "A child";
		const char *kind = pages_str(it, "kind");
		const char *what = strcmp(kind, "return_interview") == 0 ? "Return interview"
		                   : strcmp(kind, "absent_escalation") == 0
		                           ? "Absent: review for escalation"
		                           : "Deadline";
		const char *state = pages_str(it, "state");
		json_int_t left = json_integer_value(json_object_get(it, "seconds_left"));
		json_object_set_new(it, "href", json_string(pages_fmt(req, "/episodes/%s", ep)));
		json_object_set_new(it, "label", json_string(cn));
		json_object_set_new(it, "what", json_string(what));
		json_object_set_new(
		        it, "meta",
		        json_string(pages_fmt(req, "Due %s: %s", pages_str(it, "due_local"),
		                              pages_str(it, "time_left"))));
		json_object_set_new(it, "tag",
		                    json_string(left < 0                      ? "Overdue"
		                                : strcmp(state, "red") == 0   ? "Due very soon"
		                                : strcmp(state, "amber") == 0 ? "Due soon"
		                                                              : "On time"));
		json_object_set_new(it, "tag_class",
		                    json_string(strcmp(state, "red") == 0 ? "govuk-tag--red"
		                                : strcmp(state, "amber") == 0
		                                        ? "govuk-tag--orange"
		                                        : "govuk-tag--green"));
		json_object_set_new(it, "rule", json_string(pages_str(it, "rule")));
	} else if (*ref) {
		json_t *cat = json_object_get(it, "category");
		json_object_set_new(it, "href", json_string(pages_fmt(req, "/records/%s", ref)));
		json_object_set_new(it, "label", json_string(name));
		json_object_set_new(it, "what", json_string(ref));
		json_object_set_new(
		        it, "meta",
		        json_string(pages_fmt(
		                req, "Born %s. %s. Updated %s.",
		                pages_date(req,
		                           json_string_value(json_object_get(it, "date_of_birth"))),
		                json_is_integer(cat) ? pages_fmt(req, "Category %lld",
		                                                 (long long)json_integer_value(cat))
		                : json_is_string(cat)
		                        ? pages_fmt(req, "Category %s", json_string_value(cat))
		                        : "No category yet",
		                pages_when(req, pages_str(it, "updated_at")))));
	} else if (id_valid(pages_str(it, "id"), "rax")) {
		/* R-INFO-3: a restricted record's opening, waiting for a supervisor's review */
		json_object_set_new(
		        it, "href",
		        json_string(pages_fmt(req, "/restricted-access/%s", pages_str(it, "id"))));
		json_object_set_new(
		        it, "label",
		        json_string(pages_fmt(req, "Opened by %s", pages_str(it, "user_name"))));
		json_object_set_new(it, "what", json_string(rec));
		json_object_set_new(
		        it, "meta",
		        json_string(pages_fmt(req, "%s. Reason: %s",
		                              pages_when(req, pages_str(it, "opened_at")),
		                              pages_str(it, "purpose"))));
	} else if (strcmp(pages_str(it, "kind"), "mash_decision") == 0) {
		/* R-PATH-3: a referral waiting for the MASH, with its decision clock */
		const char *state = pages_str(it, "state");
		json_int_t left = json_integer_value(json_object_get(it, "seconds_left"));
		json_object_set_new(
		        it, "href",
		        json_string(pages_fmt(req, "/referrals/%s/evaluate", pages_str(it, "id"))));
		json_object_set_new(it, "label", json_string(name));
		json_object_set_new(it, "what", json_string(*rec ? rec : "Referral"));
		json_object_set_new(
		        it, "meta",
		        json_string(pages_fmt(req, "From %s, received %s. Decision due %s: %s",
		                              pages_str(it, "source_agency"),
		                              pages_when(req, pages_str(it, "submitted_at")),
		                              pages_str(it, "due_local"),
		                              pages_str(it, "time_left"))));
		json_object_set_new(it, "tag",
		                    json_string(left <= 0                     ? "Overdue"
		                                : strcmp(state, "amber") == 0 ? "Due soon"
		                                                              : "On time"));
		json_object_set_new(it, "tag_class",
		                    json_string(strcmp(state, "red") == 0 ? "govuk-tag--red"
		                                : strcmp(state, "amber") == 0
		                                        ? "govuk-tag--orange"
		                                        : "govuk-tag--green"));
	} else {
		const char *id = pages_str(it, "id");
		json_object_set_new(it, "href",
		                    json_string(*rec ? pages_fmt(req, "/records/%s", rec)
		                                     : pages_fmt(req, "/referrals/%s", id)));
		json_object_set_new(it, "label", json_string(name));
		json_object_set_new(it, "what", json_string(*rec ? rec : "Referral"));
		json_object_set_new(
		        it, "meta",
		        json_string(pages_fmt(req, "From %s, %s.", pages_str(it, "source_agency"),
		                              pages_when(req, pages_str(it, "submitted_at")))));
	}
}

void handle_home(struct request *req, struct response *resp)
{
	json_t *q = pages_load(req, resp, app_work_queue, NULL);
	if (!q)
		return;
	json_t *sections = json_object_get(q, "sections");
	size_t i, j;
	json_t *s, *it;
	json_array_foreach(sections, i, s)
	{
		json_array_foreach(json_object_get(s, "items"), j, it) decorate_item(req, it);
		json_int_t count = json_integer_value(json_object_get(s, "count"));
		size_t shown = json_array_size(json_object_get(s, "items"));
		json_object_set_new(s, "anchor",
		                    json_string(pages_fmt(req, "work-%s", pages_str(s, "key"))));
		if ((json_int_t)shown < count)
			json_object_set_new(
			        s, "more",
			        json_string(pages_fmt(req, "Showing the first %zu of %lld.", shown,
			                              (long long)count)));
		json_object_set_new(s, "empty", json_boolean(count == 0));
	}
	json_object_set_new(q, "name", json_string(req->session->actor.display_name));
	json_object_set_new(q, "agency", json_string(req->session->agency_name));
	const struct actor *a = web_actor(req);
	json_object_set_new(
	        q, "can_refer",
	        json_boolean(actor_has(
	                a, ROLES_POLICE | ROLE_BIT(ROLE_ASSESSMENT_TEAM) |
	                           ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_SOCIAL_WORKER) |
	                           ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_HEALTH) |
	                           ROLE_BIT(ROLE_EDUCATION) | ROLE_BIT(ROLE_YOUTH_OFFENDING) |
	                           ROLE_BIT(ROLE_CHARITY))));
	json_object_set_new(q, "is_admin",
	                    json_boolean(actor_has(a, ROLE_BIT(ROLE_ADMINISTRATOR))));
	json_object_set_new(q, "is_auditor", json_boolean(actor_has(a, ROLE_BIT(ROLE_AUDITOR))));
	page_render(req, resp, 200, "home.html", "My work", q);
	json_decref(q);
}
