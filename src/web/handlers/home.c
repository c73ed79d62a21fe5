/*
 * handlers/home.c: GET / : "My work", the signed-in user's work queue (app_work_queue):
 * sections with counts, each item linked to what to open, deadline items with the time
 * left in words and an amber or red tag (R-DL-1, R-DL-2, R-DL-9), in UK time.
 */
#include "app/import.h"
#include "app/may.h"
#include "app/system.h"
#include "app/work.h"
#include "web/handlers/disruption.h"
#include "web/handlers/handlers.h"
#include "web/handlers/mash.h"
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

/* R-MISS-5: a child missing now: how long, the risk, where last seen. */
void pages_missing_item(struct request *req, json_t *it)
{
	json_object_set_new(
	        it, "href",
	        json_string(pages_fmt(req, "/episodes/%s", pages_str(it, "episode_id"))));
	json_object_set_new(it, "label",
	                    json_string(pages_fmt(req, "%s %s", pages_str(it, "given_names"),
	                                          pages_str(it, "family_name"))));
	json_object_set_new(it, "what",
	                    json_string(strcmp(pages_str(it, "classification"), "absent") == 0
	                                        ? "Absent"
	                                        : "Missing"));
	const char *where = pages_str(it, "last_seen_where");
	const char *with = pages_str(it, "last_seen_with");
	json_object_set_new(
	        it, "meta",
	        json_string(pages_fmt(req, "Missing for %s, since %s.%s%s%s%s%s",
	                              pages_str(it, "missing_for"),
	                              pages_when(req, pages_str(it, "missing_since")),
	                              *where ? " Last seen at " : "", where, *with ? " with " : "",
	                              with, *where || *with ? "." : "")));
	const char *risk = pages_str(it, "risk_level");
	json_object_set_new(it, "tag", json_string(pages_str(it, "risk_label")));
	json_object_set_new(it, "tag_class",
	                    json_string(strcmp(risk, "high") == 0     ? "govuk-tag--red"
	                                : strcmp(risk, "medium") == 0 ? "govuk-tag--orange"
	                                : strcmp(risk, "low") == 0    ? "govuk-tag--yellow"
	                                                              : "govuk-tag--grey"));
}

/* Who owns an overdue item, and where it came from (R-DL-9). */
static void owner_meta(struct request *req, json_t *it)
{
	json_t *owners = json_object_get(it, "owners");
	const char *owner = pages_str(it, "owner");
	const char *text = *owner ? owner : NULL;
	if (json_is_array(owners) && json_array_size(owners)) {
		const char *acc = "";
		size_t i;
		json_t *o;
		json_array_foreach(owners, i, o)
		{
			const char *c = json_string_value(o) ? json_string_value(o) : "";
			const char *l =
			        strcmp(c, "police") == 0 ? "Police" : "Children's social care";
			acc = pages_fmt(req, "%s%s%s", acc, i ? " and " : "", l);
		}
		text = acc;
	}
	json_object_set_new(
	        it, "meta",
	        json_string(pages_fmt(req, "%s%s%s. From: %s.", pages_str(it, "meta"),
	                              text && !*owner ? " Owner: " : "",
	                              text && !*owner ? text : "", pages_str(it, "from_title"))));
}

/* Decorates the items of work section s and adds its anchor, "more" text and the link
 * to its next page. */
void pages_work_section(struct request *req, json_t *s, json_int_t page)
{
	size_t j;
	json_t *it;
	bool missing = strcmp(pages_str(s, "key"), "missing_now") == 0;
	bool overdue = strcmp(pages_str(s, "key"), "overdue") == 0;
	json_array_foreach(json_object_get(s, "items"), j, it)
	{
		if (missing)
			pages_missing_item(req, it);
		else
			decorate_item(req, it);
		if (overdue)
			owner_meta(req, it);
	}
	json_int_t count = json_integer_value(json_object_get(s, "count"));
	size_t shown = json_array_size(json_object_get(s, "items"));
	json_object_set_new(s, "anchor",
	                    json_string(pages_fmt(req, "work-%s", pages_str(s, "key"))));
	json_int_t before = (page - 1) * 25;
	if (before + (json_int_t)shown < count) {
		json_object_set_new(s, "more",
		                    json_string(pages_fmt(req, "Showing %lld to %lld of %lld.",
		                                          (long long)before + 1,
		                                          (long long)before + (long long)shown,
		                                          (long long)count)));
		if (json_is_true(json_object_get(s, "paged")) && page < WORK_MAX_PAGES)
			json_object_set_new(
			        s, "next_href",
			        json_string(missing ? pages_fmt(req, "/missing-now?page=%lld",
			                                        (long long)page + 1)
			                            : pages_fmt(req, "/work/%s?page=%lld",
			                                        pages_str(s, "key"),
			                                        (long long)page + 1)));
	}
	json_object_set_new(s, "empty", json_boolean(count == 0));
}

/* The partnership's pages of the roles that prepare the MASE and report to the board
 * (R-MASE-1, R-RPT-1): their borough's meetings and board report (every borough for a
 * role of the whole partnership), the networks and the people of concern, each offered
 * only to who may open it (concern_may_read asks app_may_see_children's question);
 * the matching model to an administrator (app_match_model) and held imported rows to
 * who may import (app_may_import). */
static void partnership_links(struct request *req, struct response *resp, json_t *q,
                              const struct actor *a)
{
	json_t *links = json_array();
	if (app_may_see_children(a) &&
	    actor_has(a, ROLE_BIT(ROLE_MASE_CHAIR) | ROLE_BIT(ROLE_ANALYST))) {
		json_t *boroughs = NULL;
		struct app_err err = {0};
		struct db *db = web_db(req, resp);
		if (db && app_borough_list(db, a, NULL, NULL, &boroughs, &err) == APP_OK) {
			size_t i;
			json_t *b;
			json_array_foreach(boroughs, i, b)
			{
				const char *id = pages_str(b, "id");
				if (*a->borough_id && strcmp(id, a->borough_id) != 0)
					continue;
				const char *nm = pages_str(b, "name");
				json_array_append_new(
				        links,
				        json_pack("{s:s, s:s}", "href",
				                  pages_fmt(req, "/boroughs/%s/mase", id), "text",
				                  pages_fmt(req, "%s: MASE meetings and agenda",
				                            nm)));
				json_array_append_new(
				        links,
				        json_pack("{s:s, s:s}", "href",
				                  pages_fmt(req, "/boroughs/%s/board-report", id),
				                  "text", pages_fmt(req, "%s: board report", nm)));
			}
		}
		json_decref(boroughs);
		json_array_append_new(
		        links, json_pack("{s:s, s:s}", "href", "/networks", "text", "Networks"));
		json_array_append_new(links, json_pack("{s:s, s:s}", "href", "/people/find", "text",
		                                       "Find a person of concern"));
	}
	if (actor_has(a, ROLE_BIT(ROLE_ADMINISTRATOR)))
		json_array_append_new(links, json_pack("{s:s, s:s}", "href", "/admin/matching",
		                                       "text", "The matching model"));
	if (app_may_import(a))
		json_array_append_new(links, json_pack("{s:s, s:s}", "href", "/imports/held",
		                                       "text", "Imported rows held for a person"));
	json_object_set_new(q, "has_role_links", json_boolean(json_array_size(links) > 0));
	json_object_set_new(q, "role_links", links);
}

void handle_home(struct request *req, struct response *resp)
{
	json_t *q = pages_load(req, resp, app_work_queue, NULL);
	if (!q)
		return;
	json_t *sections = json_object_get(q, "sections");
	size_t i;
	json_t *s;
	json_array_foreach(sections, i, s) pages_work_section(req, s, 1);
	json_object_set_new(q, "name", json_string(req->session->actor.display_name));
	json_object_set_new(q, "agency", json_string(req->session->agency_name));
	const struct actor *a = web_actor(req);
	json_object_set_new(q, "can_refer", json_boolean(app_may_file(a)));
	/* roles without work of their own: what they can do here, with links below */
	const char *help = NULL;
	if (!app_may_file(a)) {
		if (actor_has(a, ROLE_BIT(ROLE_ANALYST)))
			help = "As an analyst you read every child's record, see who is missing "
			       "now, each borough's MASE meetings, board report and disruption, "
			       "and export the SSDA903 and Annex A returns through the API. You "
			       "do not file or change records.";
		else if (actor_has(a, ROLE_BIT(ROLE_MASE_CHAIR)))
			help = "As a MASE chair you read every child's record, see who is "
			       "missing now and prepare and chair the meeting from its agenda. "
			       "You do not file or change records.";
		else if (actor_has(a, ROLE_BIT(ROLE_AUDITOR)))
			help = "As an auditor you can read and check the audit log: who opened or "
			       "changed what, and when. You do not see children's records.";
		else if (actor_has(a, ROLE_BIT(ROLE_ADMINISTRATOR)))
			help = "As an administrator you manage users and agencies, the matching "
			       "model and imported rows held for a person. You do not see "
			       "children's records.";
	}
	partnership_links(req, resp, q, a);
	if (help)
		json_object_set_new(q, "role_help", json_string(help));
	json_object_set_new(q, "sees_children", json_boolean(app_may_see_children(a)));
	json_object_set_new(q, "is_admin",
	                    json_boolean(actor_has(a, ROLE_BIT(ROLE_ADMINISTRATOR))));
	json_object_set_new(q, "is_auditor", json_boolean(actor_has(a, ROLE_BIT(ROLE_AUDITOR))));
	page_render(req, resp, 200, "home.html", "My work", q);
	json_decref(q);
}
