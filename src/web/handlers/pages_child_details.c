/*
 * handlers/pages_child_details.c: changing a child's details (GET/POST
 * /children/{id}/details: address, school, carers, social worker, looked-after status
 * and authorities, other names, with why) and their history (GET
 * /children/{id}/history: who changed what, when, from what to what). The form is
 * filled with the child's details as they are; a field emptied on it clears that
 * detail. After saving, the history page opens with a banner naming what was saved.
 */
#include "app/admin.h"
#include "app/child_changes.h"
#include "app/children.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

/* The words the pages use for each detail (app/child_changes.h names them). */
static const struct fs_option DETAIL_LABELS[] = {
        {"address", "Address", NULL},
        {"school", "School", NULL},
        {"carers", "Parents and carers", NULL},
        {"social_worker", "Social worker", NULL},
        {"looked_after", "Looked after", NULL},
        {"home_authority", "Placing (home) authority", NULL},
        {"host_authority", "Host authority", NULL},
        {"other_names", "Other names", NULL},
        {NULL, NULL, NULL},
};

static const char *detail_label(const char *field)
{
	for (const struct fs_option *o = DETAIL_LABELS; o->value; o++)
		if (field && strcmp(o->value, field) == 0)
			return o->label;
	return field ? field : "";
}

static const struct fs_field detail_specs[] = {
        {"address", "address.address", FS_TEXT, "Current address",
         "Where the child lives now. A new address is kept from today; the old one stays in the "
         "history",
         NULL, -1, NULL},
        {"postcode", "address.postcode", FS_TEXT, "Postcode", NULL, NULL, -1,
         "govuk-input--width-10"},
        {"school", NULL, FS_TEXT, "School or college", NULL, NULL, -1, NULL},
        {"carers", NULL, FS_LINES, "Parents and carers",
         "One on each line, with how they are related to the child, for example Sam Jones "
         "(mother)",
         NULL, -1, NULL},
        {"social_worker", NULL, FS_TEXT, "Allocated social worker",
         "Their Lantern username if they use Lantern, or their name", NULL, -1, NULL},
        {"looked_after", NULL, FS_CHECKBOX, "The child is looked after by a local authority", NULL,
         NULL, -1, NULL},
        {"home_authority", NULL, FS_SELECT, "Placing (home) authority",
         "The children's social care authority that looks after the child (R-MISS-7)", NULL, -1,
         NULL},
        {"host_authority", NULL, FS_TEXT, "Host authority",
         "Where the child is placed, when that is another authority", NULL, -1, NULL},
        {"other_names", NULL, FS_LINES, "Other names",
         "Other names, nicknames and spellings the child is known by, one on each line", NULL, -1,
         NULL},
        {"reason", NULL, FS_TEXTAREA, "Why the details changed",
         "Optional. For example: moved to a new foster placement", NULL, -1, NULL},
};

/* The form's values from the child's view: the current address, and other names as
 * lines. */
static json_t *detail_values(json_t *child)
{
	json_t *v = json_deep_copy(child);
	json_t *cur = NULL;
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(child, "addresses"), i, a)
	{
		if (json_is_null(json_object_get(a, "to_date")))
			cur = a;
	}
	json_object_set_new(v, "address",
	                    cur ? json_pack("{s:O, s:O}", "address",
	                                    json_object_get(cur, "address"), "postcode",
	                                    json_object_get(cur, "postcode"))
	                        : json_null());
	json_t *names = json_array();
	json_array_foreach(json_object_get(child, "other_names"), i, a)
	        json_array_append(names, json_object_get(a, "name"));
	json_object_set_new(v, "other_names", names);
	return v;
}

/* The placing authority choices: the children's social care agencies, and the value
 * held now if it is not one of them (so that saving the form never drops it). */
static json_t *authority_options(json_t *agencies, const char *picked)
{
	json_t *opts = json_array();
	bool found = false;
	size_t i;
	json_t *a;
	json_array_foreach(agencies, i, a)
	{
		if (strcmp(pages_str(a, "type"), "childrens_social_care") != 0)
			continue;
		const char *name = pages_str(a, "name");
		bool on = picked && strcmp(picked, name) == 0;
		found |= on;
		json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", name, "label",
		                                      name, "checked", on));
	}
	if (picked && *picked && !found)
		json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", picked, "label",
		                                      picked, "checked", true));
	return opts;
}

static const char *child_name(struct request *req, json_t *c)
{
	return pages_fmt(req, "%s %s", pages_str(c, "given_names"), pages_str(c, "family_name"));
}

/* The details form for child (its view), refilled after a POST. The form is
 * templates/form_page.html, built here rather than by pages_form because the placing
 * authority's options come from the database. */
static void details_page(struct request *req, struct response *resp, json_t *child, int status,
                         const struct field_errors *errs)
{
	json_t *agencies = pages_load(req, resp, app_agency_list, NULL);
	if (!agencies)
		return;
	const char *id = request_param(req, "id");
	const char *name = child_name(req, child);
	const struct form *f = req->method == HTTP_POST ? req->form : NULL;
	json_t *values = detail_values(child);
	json_t *fields = formspec_fields(detail_specs, ARRAY_LEN(detail_specs), f, values, errs);
	const char *picked = f ? form_get(f, "home_authority") : pages_str(child, "home_authority");
	for (size_t i = 0; i < ARRAY_LEN(detail_specs); i++)
		if (strcmp(detail_specs[i].name, "home_authority") == 0)
			json_object_set_new(json_array_get(fields, i), "options",
			                    authority_options(agencies, picked));
	json_t *d = json_pack(
	        "{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:o}", "heading",
	        "Change the child's details", "caption", name, "intro",
	        "Change what is no longer right. Every change is kept with who made it and when, "
	        "and the details it replaced stay in the history.",
	        "back", "href", pages_fmt(req, "/children/%s", id), "text", "Back to the child",
	        "link", "href", pages_fmt(req, "/children/%s/history", id), "text",
	        "See the history of the child's details", "action",
	        pages_fmt(req, "/children/%s/details", id), "submit", "Save changes", "fields",
	        fields);
	page_add_errors(d, errs);
	page_render(req, resp, status, "form_page.html",
	            pages_fmt(req, "Change details of %s", name), d);
	json_decref(d);
	json_decref(values);
	json_decref(agencies);
}

void handle_page_child_details_form(struct request *req, struct response *resp)
{
	if (!app_child_may_change(web_actor(req))) {
		page_error(req, resp, 403);
		return;
	}
	json_t *child = pages_load(req, resp, app_child_get, request_param(req, "id"));
	if (!child)
		return;
	details_page(req, resp, child, 200, NULL);
	json_decref(child);
}

/* The form as the use case takes it: every detail present, so that a field emptied on
 * the form clears it. */
static void details_adjust(json_t *in)
{
	static const char *const texts[] = {"school", "social_worker", "home_authority",
	                                    "host_authority", NULL};
	for (const char *const *k = texts; *k; k++)
		if (!json_object_get(in, *k))
			json_object_set_new(in, *k, json_null());
	static const char *const lists[] = {"carers", "other_names", NULL};
	for (const char *const *k = lists; *k; k++)
		if (!json_object_get(in, *k))
			json_object_set_new(in, *k, json_array());
	json_t *a = json_object_get(in, "address");
	if (!json_is_object(a) ||
	    (!json_object_get(a, "address") && !json_object_get(a, "postcode")))
		json_object_set_new(in, "address", json_null());
}

void handle_page_child_details(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, detail_specs, ARRAY_LEN(detail_specs), &errs);
	if (!in)
		return;
	details_adjust(in);
	struct db *db = web_db(req, resp);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = !db      ? APP_FAILED
	         : errs.n ? APP_INVALID
	                  : app_child_change(db, web_actor(req), id, in, &out, &err);
	json_decref(in);
	if (!db)
		return;
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/children/%s/history?saved=%s", id,
		               pages_str(out, "edit_id"));
		json_decref(out);
		return;
	}
	json_decref(out);
	if (rc != APP_INVALID) {
		pages_error(req, resp, &err);
		return;
	}
	pages_app_errors(req, &err, detail_specs, ARRAY_LEN(detail_specs), &errs);
	if (!errs.n) /* a refusal that names no field: shown at the top of the form */
		fielderr_add(&errs, "address", err.message[0] ? err.message : "Check the details");
	json_t *child = pages_load(req, resp, app_child_get, id);
	if (!child)
		return;
	details_page(req, resp, child, 422, &errs);
	json_decref(child);
}

void handle_page_child_history(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *h = pages_load(req, resp, app_child_history, id);
	if (!h)
		return;
	json_t *changes = json_object_get(h, "changes");
	static const char *const when[] = {"changed_at", NULL};
	pages_add_when(req, changes, when);
	size_t i;
	json_t *c;
	json_array_foreach(changes, i, c)
	        json_object_set_new(c, "label", json_string(detail_label(pages_str(c, "field"))));
	/* the banner names what the edit just made saved */
	const char *saved = request_query(req, "saved");
	json_t *first = json_array_get(changes, 0);
	if (saved && first && strcmp(saved, pages_str(first, "edit_id")) == 0) {
		char what[400] = "";
		json_array_foreach(changes, i, c)
		{
			if (strcmp(pages_str(c, "edit_id"), saved) != 0)
				break;
			size_t len = strlen(what);
			snprintf(what + len, sizeof what - len, "%s%s", len ? ", " : "",
			         pages_str(c, "label"));
		}
		json_object_set_new(h, "saved", json_string(pages_fmt(req, "Saved: %s.", what)));
	}
	const char *name = child_name(req, h);
	json_object_set_new(h, "name", json_string(name));
	json_object_set_new(h, "has_changes", json_boolean(json_array_size(changes) > 0));
	json_object_set_new(h, "may_change", json_boolean(app_child_may_change(web_actor(req))));
	page_render(req, resp, 200, "child_history.html",
	            pages_fmt(req, "History of the details of %s", name), h);
	json_decref(h);
}

size_t pages_child_detail_forms(struct page_form_use *out, size_t max)
{
	if (max >= 1)
		out[0] = (struct page_form_use){
		        "/children/{id}/details",
		        {{detail_specs, ARRAY_LEN(detail_specs)}},
		        app_child_change,
		        details_adjust,
		};
	return 1;
}
