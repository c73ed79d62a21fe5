/*
 * handlers/pages_children.c: finding a child (GET/POST /children/find: the search is
 * POSTed so that no name or date of birth ever sits in a URL) and the child's page
 * (GET /children/{id}): who they are, their record, their missing episodes with
 * repeat counts and the children missing with them (R-MISS-10).
 */
#include "app/child_changes.h"
#include "app/children.h"
#include "app/merges.h"
#include "app/filing.h"
#include "app/may.h"
#include "app/episodes.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_field find_specs[] = {
        {"name", NULL, FS_TEXT, "Name", "Any of their names: first, family or other names", NULL,
         -1, NULL},
        {"date_of_birth", NULL, FS_DATE, "Date of birth", NULL, NULL, -1, NULL},
        {"nhs_number", NULL, FS_TEXT, "NHS number", "10 digits", NULL, -1, "govuk-input--width-10"},
};

static void find_page(struct request *req, struct response *resp, int status, json_t *results,
                      const struct field_errors *errs)
{
	json_t *d = json_object();
	json_object_set_new(d, "fields",
	                    formspec_fields(find_specs, ARRAY_LEN(find_specs),
	                                    req->method == HTTP_POST ? req->form : NULL, NULL,
	                                    errs));
	if (results) {
		size_t i;
		json_t *r;
		json_array_foreach(results, i, r)
		{
			const char *ref = pages_str(r, "record_ref");
			if (!*pages_str(r, "name"))
				json_object_set_new(
				        r, "name",
				        json_string(pages_fmt(req, "%s %s",
				                              pages_str(r, "given_names"),
				                              pages_str(r, "family_name"))));
			if (!*pages_str(r, "borough"))
				json_object_set_new(r, "borough",
				                    json_string(pages_str(r, "residence_borough")));
			/* R-INFO-3: a child the user does not see gets no link to a page that
			 * would refuse them, and no "No record" that might not be true */
			if (json_is_true(json_object_get(r, "visible")))
				json_object_set_new(
				        r, "href",
				        json_string(*ref ? pages_fmt(req, "/records/%s", ref)
				                         : pages_fmt(req, "/children/%s",
				                                     pages_str(r, "id"))));
			else /* a child the user does not see: the page to file about them */
				json_object_set_new(r, "href",
				                    json_string(pages_fmt(req, "/children/%s",
				                                          pages_str(r, "id"))));
			json_object_set_new(r, "missing_href",
			                    json_string(pages_fmt(req, "/children/%s/missing/new",
			                                          pages_str(r, "id"))));
			json_object_set_new(
			        r, "born",
			        json_string(pages_date(req, json_string_value(json_object_get(
			                                            r, "date_of_birth")))));
			json_object_set_new(r, "refer_href",
			                    json_string(pages_fmt(req, "/children/%s/referrals/new",
			                                          pages_str(r, "id"))));
		}
		json_object_set(d, "results", results);
		json_object_set_new(d, "searched", json_true());
		json_object_set_new(d, "has_results", json_boolean(json_array_size(results) > 0));
		json_object_set_new(d, "result_count",
		                    json_integer((json_int_t)json_array_size(results)));
	}
	page_add_errors(d, errs);
	page_render(req, resp, status, "find_child.html", "Find a child", d);
	json_decref(d);
}

void handle_page_find_child(struct request *req, struct response *resp)
{
	find_page(req, resp, 200, NULL, NULL);
}

void handle_page_find_child_post(struct request *req, struct response *resp)
{
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, find_specs, ARRAY_LEN(find_specs), &errs);
	if (!in)
		return;
	if (!errs.n && json_object_size(in) == 0)
		fielderr_add(&errs, "name", "Enter a name, a date of birth or an NHS number");
	if (errs.n) {
		json_decref(in);
		find_page(req, resp, 422, NULL, &errs);
		return;
	}
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_child_find(db, web_actor(req), NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK) {
		if (rc == APP_INVALID) {
			pages_app_errors(req, &err, find_specs, ARRAY_LEN(find_specs), &errs);
			find_page(req, resp, 422, NULL, &errs);
		} else {
			pages_error(req, resp, &err);
		}
		return;
	}
	find_page(req, resp, 200, json_object_get(out, "results"), NULL);
	json_decref(out);
}

/* Decorates app_child_episodes output for the page: times, links, labels, and
 * children missing together (a child the user may not see is "another child"). */
void pages_decorate_episodes(struct request *req, json_t *eps)
{
	static const char *const when[] = {"reported_at", "returned_at", "interview_due_at",
	                                   "other_reported_at", NULL};
	json_t *list = json_object_get(eps, "episodes");
	pages_add_when(req, list, when);
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
	{
		json_object_set_new(
		        e, "href", json_string(pages_fmt(req, "/episodes/%s", pages_str(e, "id"))));
		json_object_set_new(e, "open",
		                    json_boolean(strcmp(pages_str(e, "status"), "open") == 0));
	}
	json_t *co = json_object_get(eps, "co_missing");
	pages_add_when(req, co, when);
	json_array_foreach(co, i, e)
	{
		bool hidden = json_is_true(json_object_get(e, "hidden"));
		json_object_set_new(
		        e, "who",
		        json_string(hidden ? "Another child"
		                           : pages_fmt(req, "%s %s", pages_str(e, "given_names"),
		                                       pages_str(e, "family_name"))));
		if (!hidden && *pages_str(e, "child_id"))
			json_object_set_new(e, "href",
			                    json_string(pages_fmt(req, "/children/%s",
			                                          pages_str(e, "child_id"))));
		const char *how = pages_str(e, "how");
		json_object_set_new(
		        e, "how_text",
		        json_string(strcmp(how, "found_together") == 0 ? "found together"
		                    : strcmp(how, "overlapping") == 0  ? "missing at the same time"
		                                                       : how));
	}
	json_object_set_new(eps, "has_episodes", json_boolean(json_array_size(list) > 0));
	json_object_set_new(eps, "has_co_missing", json_boolean(json_array_size(co) > 0));
}

void handle_page_child(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	/* any practitioner may file about any child: one they do not see shows only what
	 * is needed to file about the right child, with the two ways to (R-INFO-3) */
	bool filer = app_may_file(web_actor(req));
	json_t *child = pages_load(req, resp, filer ? app_child_to_file : app_child_get, id);
	if (child && json_is_false(json_object_get(child, "visible"))) {
		json_object_set_new(child, "born",
		                    json_string(pages_date(req, json_string_value(json_object_get(
		                                                        child, "date_of_birth")))));
		const char *nm = pages_fmt(req, "%s %s", pages_str(child, "given_names"),
		                           pages_str(child, "family_name"));
		json_object_set_new(child, "name", json_string(nm));
		page_render(req, resp, 200, "child_to_file.html", nm, child);
		json_decref(child);
		return;
	}
	json_t *eps = child ? pages_load(req, resp, app_child_episodes, id) : NULL;
	if (!eps) {
		json_decref(child);
		return;
	}
	pages_decorate_episodes(req, eps);
	json_t *d = json_pack("{s:o, s:o}", "child", child, "eps", eps);
	json_object_set_new(child, "born",
	                    json_string(pages_date(req, json_string_value(json_object_get(
	                                                        child, "date_of_birth")))));
	const char *name = pages_fmt(req, "%s %s", pages_str(child, "given_names"),
	                             pages_str(child, "family_name"));
	json_object_set_new(d, "name", json_string(name));
	json_object_set_new(child, "may_change",
	                    json_boolean(app_child_may_change(web_actor(req))));
	json_object_set_new(child, "may_merge", /* R-REC-1 */
	                    json_boolean(app_may_merge_children(web_actor(req)) &&
	                                 json_is_null(json_object_get(child, "merged_into"))));
	json_object_set_new(
	        child, "has_merged",
	        json_boolean(json_array_size(json_object_get(child, "merged_children"))));
	page_render(req, resp, 200, "child.html", name, d);
	json_decref(d);
}

size_t pages_find_forms(struct page_form_use *out, size_t max)
{
	if (max >= 1)
		out[0] = (struct page_form_use){
		        "/children/find",
		        {{find_specs, ARRAY_LEN(find_specs)}},
		        app_child_find,
		        NULL,
		};
	return 1;
}
