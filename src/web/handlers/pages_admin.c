/*
 * handlers/pages_admin.c: administration pages (administrators): agencies (GET/POST
 * /admin/agencies), users (GET/POST /admin/users; POST /admin/users/{username}/disable,
 * which ends their sessions at once). A new user's password is typed into the form,
 * hashed by the use case and never shown again. And the audit viewer (auditors): GET
 * /audit shows the newest events; POST /audit filters by user, record reference and
 * action and pages to older events, so that filters never sit in a URL.
 */
#include "app/admin.h"
#include "app/audit_view.h"
#include "util/parse.h"
#include "web/handlers/handlers.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_field agency_specs[] = {
        {"name", NULL, FS_TEXT, "Agency name", NULL, NULL, -1, NULL},
        {"type", NULL, FS_SELECT, "Type of agency", NULL, NULL, REF_AGENCY_TYPES, NULL},
        {"borough", NULL, FS_TEXT, "Borough",
         "Its name or code, if the agency belongs to one borough", NULL, -1,
         "govuk-!-width-one-half"},
};

/* POST of an administration form: reads the posted form through the n specs, runs the
 * create use case uc as the request's actor and redirects to done; invalid input or a
 * conflict shows the form again through page with 422 and the errors; any other
 * refusal is an error page. A "password" in the input is blanked before it is freed. */
static void admin_create(struct request *req, struct response *resp, const struct fs_field *specs,
                         size_t n, app_uc *uc, const char *done,
                         void (*page)(struct request *, struct response *, int,
                                      const struct field_errors *))
{
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, specs, n, &errs);
	if (!in)
		return;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = uc(db, web_actor(req), NULL, in, &out, &err);
	/* the password is not kept a moment longer than needed */
	json_t *pw = json_object_get(in, "password");
	if (json_is_string(pw))
		json_string_set(pw, "");
	json_decref(in);
	json_decref(out);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "%s", done);
	} else if (rc == APP_INVALID || rc == APP_CONFLICT) {
		pages_app_errors(req, &err, specs, n, &errs);
		page(req, resp, 422, &errs);
	} else {
		pages_error(req, resp, &err);
	}
}

static void agencies_page(struct request *req, struct response *resp, int status,
                          const struct field_errors *errs)
{
	json_t *list = pages_load(req, resp, app_agency_list, NULL);
	if (!list)
		return;
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a) json_object_set_new(
	        a, "type_label", json_string(pages_label(REF_AGENCY_TYPES, pages_str(a, "type"))));
	json_t *d =
	        json_pack("{s:o, s:o}", "agencies", list, "fields",
	                  formspec_fields(agency_specs, ARRAY_LEN(agency_specs),
	                                  req->method == HTTP_POST ? req->form : NULL, NULL, errs));
	page_add_errors(d, errs);
	page_render(req, resp, status, "admin_agencies.html", "Agencies", d);
	json_decref(d);
}

void handle_page_agencies(struct request *req, struct response *resp)
{
	agencies_page(req, resp, 200, NULL);
}

void handle_page_agency_create(struct request *req, struct response *resp)
{
	admin_create(req, resp, agency_specs, ARRAY_LEN(agency_specs), app_agency_add,
	             "/admin/agencies", agencies_page);
}

static const struct fs_field user_specs[] = {
        {"username", NULL, FS_TEXT, "Username", "Lower case, for example sam.jones", NULL, -1,
         "govuk-!-width-one-half"},
        {"display_name", NULL, FS_TEXT, "Full name", NULL, NULL, -1, NULL},
        {"agency", NULL, FS_SELECT, "Agency", NULL, NULL, -1, NULL},
        {"roles", NULL, FS_CHECKBOXES, "Roles", "What they may do. Tick every role they hold", NULL,
         REF_ROLES, NULL},
        {"team", NULL, FS_TEXT, "Team", "Optional", NULL, -1, "govuk-!-width-one-half"},
        {"password", NULL, FS_PASSWORD, "Password",
         "At least 12 characters. Give it to them in person; Lantern never shows it again", NULL,
         -1, NULL},
};

static void users_page(struct request *req, struct response *resp, int status,
                       const struct field_errors *errs, const char *notice)
{
	json_t *users = pages_load(req, resp, app_user_list, NULL);
	json_t *agencies = users ? pages_load(req, resp, app_agency_list, NULL) : NULL;
	if (!agencies) {
		json_decref(users);
		return;
	}
	json_t *fields = formspec_fields(user_specs, ARRAY_LEN(user_specs),
	                                 req->method == HTTP_POST ? req->form : NULL, NULL, errs);
	/* the agency options come from the database */
	const char *picked =
	        req->method == HTTP_POST && req->form ? form_get(req->form, "agency") : NULL;
	json_t *opts = json_array();
	size_t i;
	json_t *a;
	json_array_foreach(agencies, i, a)
	{
		const char *name = pages_str(a, "name");
		json_array_append_new(opts,
		                      json_pack("{s:s, s:s, s:b}", "value", name, "label", name,
		                                "checked", picked && strcmp(picked, name) == 0));
	}
	json_object_set_new(json_array_get(fields, 2), "options", opts);
	json_decref(agencies);
	json_array_foreach(users, i, a)
	{
		json_object_set_new(a, "active",
		                    json_boolean(strcmp(pages_str(a, "status"), "active") == 0));
		json_object_set_new(a, "disable_id", json_string(pages_fmt(req, "disable-%zu", i)));
	}
	json_t *d = json_pack("{s:o, s:o}", "users", users, "fields", fields);
	if (notice)
		json_object_set_new(d, "notice", json_string(notice));
	page_add_errors(d, errs);
	page_render(req, resp, status, "admin_users.html", "Users", d);
	json_decref(d);
}

void handle_page_users(struct request *req, struct response *resp)
{
	users_page(req, resp, 200, NULL, NULL);
}

/* The users page without a notice, as admin_create wants it. */
static void users_form(struct request *req, struct response *resp, int status,
                       const struct field_errors *errs)
{
	users_page(req, resp, status, errs, NULL);
}

void handle_page_user_create(struct request *req, struct response *resp)
{
	admin_create(req, resp, user_specs, ARRAY_LEN(user_specs), app_user_add, "/admin/users",
	             users_form);
}

void handle_page_user_disable(struct request *req, struct response *resp)
{
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	struct app_err err = {0};
	json_t *out = NULL;
	if (app_user_disable(db, web_actor(req), request_param(req, "username"), NULL, &out,
	                     &err) != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	json_decref(out);
	pages_redirect(req, resp, "/admin/users");
}

/* ---- the audit viewer ---- */

static const struct fs_field audit_specs[] = {
        {"user_id", NULL, FS_TEXT, "User ID", "As shown in the list, for example usr_...", NULL, -1,
         "govuk-!-width-one-half"},
        {"record_ref", NULL, FS_TEXT, "Record reference", "For example LAN-2026-000123", NULL, -1,
         "govuk-!-width-one-half"},
        {"action", NULL, FS_TEXT, "Action", "For example view, create, change, search, export",
         NULL, -1, "govuk-!-width-one-third"},
};

static void audit_page(struct request *req, struct response *resp)
{
	const struct form *f = req->method == HTTP_POST ? req->form : NULL;
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(audit_specs, ARRAY_LEN(audit_specs), f, &errs);
	const char *before = f ? form_get(f, "before_seq") : NULL;
	int64_t b;
	if (before && *before && parse_int64(before, 1, INT64_MAX, &b) == 0)
		json_object_set_new(in, "before_seq", json_integer(b));
	json_object_set_new(in, "limit", json_integer(50));
	if (f && form_get(f, "verify"))
		json_object_set_new(in, "verify", json_true());
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_audit_list(db, web_actor(req), NULL, in, &out, &err);
	json_decref(in);
	if (rc == APP_INVALID) {
		pages_app_errors(req, &err, audit_specs, ARRAY_LEN(audit_specs), &errs);
		out = json_pack("{s:[]}", "events");
	} else if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	static const char *const when[] = {"at", NULL};
	pages_add_when(req, json_object_get(out, "events"), when);
	json_object_set_new(out, "fields",
	                    formspec_fields(audit_specs, ARRAY_LEN(audit_specs), f, NULL, &errs));
	json_t *chain = json_object_get(out, "chain");
	if (json_is_object(chain))
		json_object_set_new(chain, "broken",
		                    json_boolean(!json_is_true(json_object_get(chain, "intact"))));
	json_t *filters = json_array();
	for (size_t i = 0; f && i < ARRAY_LEN(audit_specs); i++) {
		const char *v = form_get(f, audit_specs[i].name);
		if (v && *v)
			json_array_append_new(filters, json_pack("{s:s, s:s}", "fname",
			                                         audit_specs[i].name, "fvalue", v));
	}
	json_object_set_new(out, "filters", filters);
	json_object_set_new(out, "is_older", json_boolean(before && *before));
	page_add_errors(out, &errs);
	page_render(req, resp, errs.n ? 422 : 200, "audit.html", "Audit log", out);
	json_decref(out);
}

void handle_page_audit(struct request *req, struct response *resp)
{
	audit_page(req, resp);
}

void handle_page_audit_post(struct request *req, struct response *resp)
{
	if (!pages_posted(req, resp))
		return;
	audit_page(req, resp);
}
