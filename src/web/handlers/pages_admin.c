/*
 * handlers/pages_admin.c: administration pages (administrators): agencies (GET/POST
 * /admin/agencies), users (GET/POST /admin/users) and one user's page (GET
 * /admin/users/{username}) with its forms: their details (POST .../{username}), roles
 * (POST .../roles), a password reset (POST .../password: they choose a new one at their
 * next sign-in), disabling after a confirmation page (GET/POST .../disable: their
 * sessions end at once; never oneself) and enabling again (POST .../enable). A password
 * is typed into a form, hashed by the use case and never shown again.
 *
 * And the audit viewer (auditors): GET /audit shows the newest events; POST /audit
 * filters by username, record reference, action and dates and pages to older events, so
 * that filters never sit in a URL. Each event names what it changed or showed.
 */
#include "app/admin.h"
#include "app/audit_view.h"
#include "util/parse.h"
#include "util/pool.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/once.h"
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
	/* a one-time token: the form sent twice saves once (web/once.h) */
	const char *once = once_issue(req, "The agency saved");
	if (once)
		json_object_set_new(d, "form_token", json_string(once));
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

/* "Police officer, Police supervisor" for "police_officer,police_supervisor". */
static const char *roles_text(struct request *req, const char *csv)
{
	char buf[512], out[1024] = "";
	snprintf(buf, sizeof buf, "%s", csv ? csv : "");
	char *save = NULL;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		size_t len = strlen(out);
		snprintf(out + len, sizeof out - len, "%s%s", len ? ", " : "",
		         pages_label(REF_ROLES, t));
	}
	return pool_strdup(req->pool, out);
}

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
		json_object_set_new(a, "must_change",
		                    json_boolean(json_integer_value(json_object_get(
		                                         a, "must_change_password")) != 0));
		json_object_set_new(a, "roles_text",
		                    json_string(roles_text(req, pages_str(a, "roles"))));
	}
	json_t *d = json_pack("{s:o, s:o}", "users", users, "fields", fields);
	if (notice)
		json_object_set_new(d, "notice", json_string(notice));
	page_add_errors(d, errs);
	/* a one-time token: the form sent twice saves once (web/once.h) */
	const char *once = once_issue(req, "The new user saved");
	if (once)
		json_object_set_new(d, "form_token", json_string(once));
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
	const char *username = request_param(req, "username");
	if (app_user_disable(db, web_actor(req), username, NULL, &out, &err) != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	json_decref(out);
	pages_redirect(req, resp, "/admin/users/%s?done=disabled", username);
}

/* ---- one user: change, roles, password, disable and enable ---- */

static const struct fs_field detail_specs[] = {
        {"display_name", NULL, FS_TEXT, "Full name", NULL, NULL, -1, NULL},
        {"team", NULL, FS_TEXT, "Team", "Leave empty for none", NULL, -1, "govuk-!-width-one-half"},
        {"agency", NULL, FS_SELECT, "Agency", NULL, NULL, -1, NULL},
};
static const struct fs_field role_specs[] = {
        {"roles", NULL, FS_CHECKBOXES, "The roles they hold",
         "What they may do. Tick every role they hold", NULL, REF_ROLES, NULL},
};
static const struct fs_field reset_specs[] = {
        {"password", NULL, FS_PASSWORD, "New password",
         "At least 12 characters. Give it to them in person: they must choose their own when "
         "they next sign in",
         NULL, -1, NULL},
};

/* What the user page says was just done, from ?done= (fixed words only). */
static const char *done_text(const char *done)
{
	static const struct {
		const char *key, *text;
	} t[] = {{"details", "Their details were changed."},
	         {"roles", "Their roles were changed. They take effect on their next page."},
	         {"password",
	          "Their password was reset. They were signed out and must choose a new "
	          "password when they next sign in."},
	         {"disabled", "They were disabled and signed out. They cannot sign in."},
	         {"enabled", "They can sign in again."}};
	for (size_t i = 0; done && i < ARRAY_LEN(t); i++)
		if (strcmp(done, t[i].key) == 0)
			return t[i].text;
	return NULL;
}

/* The agency options (their names), the one named `picked` chosen. */
static json_t *agency_options(json_t *agencies, const char *picked)
{
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
	return opts;
}

/* The page of one user. `posted` names the form that was posted (refilled from it, its
 * errors shown), or NULL. */
static void user_page(struct request *req, struct response *resp, int status, const char *posted,
                      const struct field_errors *errs)
{
	const char *username = request_param(req, "username");
	json_t *u = pages_load(req, resp, app_user_get, username);
	json_t *agencies = u ? pages_load(req, resp, app_agency_list, NULL) : NULL;
	if (!agencies) {
		json_decref(u);
		return;
	}
	bool p_details = posted && strcmp(posted, "details") == 0;
	bool p_roles = posted && strcmp(posted, "roles") == 0;
	bool p_reset = posted && strcmp(posted, "reset") == 0;
	const struct form *f = req->method == HTTP_POST ? req->form : NULL;
	json_t *details = formspec_fields(detail_specs, ARRAY_LEN(detail_specs),
	                                  p_details ? f : NULL, u, p_details ? errs : NULL);
	json_object_set_new(json_array_get(details, 2), "options",
	                    agency_options(agencies, p_details && f ? form_get(f, "agency")
	                                                            : pages_str(u, "agency")));
	json_t *roles = formspec_fields(role_specs, ARRAY_LEN(role_specs), p_roles ? f : NULL, u,
	                                p_roles ? errs : NULL);
	json_t *reset = formspec_fields(reset_specs, ARRAY_LEN(reset_specs), NULL, NULL,
	                                p_reset ? errs : NULL);
	json_decref(agencies);
	bool self = strcmp(pages_str(u, "id"), web_actor(req)->user_id) == 0;
	json_t *d =
	        json_pack("{s:o, s:o, s:o, s:o, s:b, s:b, s:s}", "u", u, "detail_fields", details,
	                  "role_fields", roles, "reset_fields", reset, "self", self, "active",
	                  strcmp(pages_str(u, "status"), "active") == 0, "roles_text", "");
	json_t *codes = json_object_get(u, "roles");
	char csv[512] = "";
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c)
	{
		size_t len = strlen(csv);
		snprintf(csv + len, sizeof csv - len, "%s%s", len ? "," : "", json_string_value(c));
	}
	json_object_set_new(d, "roles_text", json_string(roles_text(req, csv)));
	const char *done = done_text(request_query(req, "done"));
	if (done && !posted)
		json_object_set_new(d, "done", json_string(done));
	page_add_errors(d, errs);
	page_render(req, resp, status, "admin_user.html", pages_str(u, "display_name"), d);
	json_decref(d);
}

void handle_page_user(struct request *req, struct response *resp)
{
	user_page(req, resp, 200, NULL, NULL);
}

/* POST of one of the user page's forms: runs uc on the user with the form read through
 * specs; on success back to the user page saying `done`, on invalid input the page
 * again with the errors. */
static void user_post(struct request *req, struct response *resp, const struct fs_field *specs,
                      size_t n, app_uc *uc, const char *posted, const char *done)
{
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, specs, n, &errs);
	if (!in)
		return;
	const char *username = request_param(req, "username");
	/* a team emptied on the form is cleared, not left as it was */
	if (strcmp(posted, "details") == 0 && !json_object_get(in, "team"))
		json_object_set_new(in, "team", json_string(""));
	if (strcmp(posted, "roles") == 0 && !json_object_get(in, "roles"))
		json_object_set_new(in, "roles", json_array());
	struct db *db = errs.n ? NULL : web_db(req, resp);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = db ? uc(db, web_actor(req), username, in, &out, &err) : APP_INVALID;
	json_t *pw = json_object_get(in, "password");
	if (json_is_string(pw))
		json_string_set(pw, "");
	json_decref(in);
	json_decref(out);
	if (!db && !errs.n)
		return;
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/admin/users/%s?done=%s", username, done);
	} else if (rc == APP_INVALID || rc == APP_CONFLICT) {
		pages_app_errors(req, &err, specs, n, &errs);
		user_page(req, resp, web_app_status(&err) == 409 ? 409 : 422, posted, &errs);
	} else {
		pages_error(req, resp, &err);
	}
}

void handle_page_user_change(struct request *req, struct response *resp)
{
	user_post(req, resp, detail_specs, ARRAY_LEN(detail_specs), app_user_change, "details",
	          "details");
}

void handle_page_user_roles(struct request *req, struct response *resp)
{
	user_post(req, resp, role_specs, ARRAY_LEN(role_specs), app_user_set_roles, "roles",
	          "roles");
}

void handle_page_user_reset(struct request *req, struct response *resp)
{
	user_post(req, resp, reset_specs, ARRAY_LEN(reset_specs), app_user_reset_password, "reset",
	          "password");
}

void handle_page_user_disable_form(struct request *req, struct response *resp)
{
	json_t *u = pages_load(req, resp, app_user_get, request_param(req, "username"));
	if (!u)
		return;
	bool self = strcmp(pages_str(u, "id"), web_actor(req)->user_id) == 0;
	json_t *d = json_pack("{s:o, s:b, s:b}", "u", u, "self", self, "active",
	                      strcmp(pages_str(u, "status"), "active") == 0);
	page_render(req, resp, 200, "admin_user_disable.html",
	            pages_fmt(req, "Disable %s", pages_str(u, "display_name")), d);
	json_decref(d);
}

void handle_page_user_enable(struct request *req, struct response *resp)
{
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	const char *username = request_param(req, "username");
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_user_enable(db, web_actor(req), username, NULL, &out, &err);
	json_decref(out);
	if (rc != APP_OK && rc != APP_CONFLICT) {
		pages_error(req, resp, &err);
		return;
	}
	pages_redirect(req, resp, "/admin/users/%s?done=enabled", username);
}

/* ---- the audit viewer ---- */

static const struct fs_field audit_specs[] = {
        {"username", NULL, FS_TEXT, "Username", "Whose events, for example sam.jones", NULL, -1,
         "govuk-!-width-one-half"},
        {"record_ref", NULL, FS_TEXT, "Record reference", "For example LAN-2026-000123", NULL, -1,
         "govuk-!-width-one-half"},
        {"action", NULL, FS_TEXT, "Action",
         "For example view, create, change, print, search, export", NULL, -1,
         "govuk-!-width-one-third"},
        {"from", NULL, FS_DATE, "From", "Events on or after this day (UK time)", NULL, -1, NULL},
        {"to", NULL, FS_DATE, "To", "Events on or before this day (UK time)", NULL, -1, NULL},
};

/* "school, carers" for the event's fields "school,carers": what it changed or showed. */
static void audit_fields_text(struct request *req, json_t *events)
{
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		const char *f = pages_str(e, "fields");
		char out[1024];
		size_t n = 0;
		for (const char *c = f; *c && n + 3 < sizeof out; c++) {
			if (*c == ',') {
				out[n++] = ',';
				out[n++] = ' ';
			} else {
				out[n++] = *c == '_' ? ' ' : *c;
			}
		}
		out[n] = '\0';
		json_object_set_new(e, "fields_text", json_string(pool_strdup(req->pool, out)));
	}
}

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
	audit_fields_text(req, json_object_get(out, "events"));
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
	json_object_set_new(out, "has_filters", json_boolean(json_array_size(filters) > 0));
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

size_t pages_admin_forms(struct page_form_use *out, size_t max)
{
	const struct page_form_use forms[] = {
	        {"/admin/agencies",
	         {{agency_specs, ARRAY_LEN(agency_specs)}},
	         app_agency_add,
	         NULL},
	        {"/admin/users", {{user_specs, ARRAY_LEN(user_specs)}}, app_user_add, NULL},
	        {"/admin/users/{u}/details",
	         {{detail_specs, ARRAY_LEN(detail_specs)}},
	         app_user_change,
	         NULL},
	        {"/admin/users/{u}/roles",
	         {{role_specs, ARRAY_LEN(role_specs)}},
	         app_user_set_roles,
	         NULL},
	        {"/admin/users/{u}/reset",
	         {{reset_specs, ARRAY_LEN(reset_specs)}},
	         app_user_reset_password,
	         NULL},
	        {"/audit", {{audit_specs, ARRAY_LEN(audit_specs)}}, app_audit_list, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(forms) && i < max; i++)
		out[i] = forms[i];
	return ARRAY_LEN(forms);
}
