/*
 * handlers/pages_merges.c: merging two children a person has found to be the same child,
 * and undoing it (R-REC-1: Lantern never merges by itself). The form takes the other
 * child's id or record reference and the reason; posting it first asks the use case to
 * check without saving (actor.check_only) and shows both children for confirmation; the
 * confirmed post merges. The child page lists merges in force with an Undo form. Roles
 * that do not merge are refused before anything is shown (app_may_merge_children, the
 * rule the use case asks); the use case refuses and audits them itself on a post.
 */
#include "app/children.h"
#include "app/merges.h"
#include "web/handlers/handlers.h"
#include "web/handlers/merges.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"

static const struct fs_field merge_specs[] = {
        {"merged_child_id", NULL, FS_TEXT, "The other child's record reference or child id",
         "The child to merge into this one: on their page or record", NULL, -1,
         "govuk-input--width-20"},
        {"reason", NULL, FS_TEXTAREA, "Why they are the same child",
         "What you checked: for example the NHS number, the school, the family", NULL, -1, NULL},
};

/* 403 for a role that does not merge (R-REC-1); true when the actor may. */
static bool may_merge(struct request *req, struct response *resp)
{
	if (app_may_merge_children(web_actor(req)))
		return true;
	struct app_err err = {0};
	app_fail(&err, APP_FORBIDDEN, "R-REC-1",
	         "Only a MASH worker, a CSC manager or a police supervisor merges children "
	         "(R-REC-1).");
	pages_error(req, resp, &err);
	return false;
}

/* The form page (or, with `check`, the confirmation page showing both children). */
static void merge_page(struct request *req, struct response *resp, json_t *child, json_t *check,
                       int status, const struct field_errors *errs)
{
	const char *id = request_param(req, "id");
	const char *name = pages_fmt(req, "%s %s", pages_str(child, "given_names"),
	                             pages_str(child, "family_name"));
	json_t *d = json_pack("{s:s, s:s}", "id", id, "name", name);
	if (check) {
		json_object_set(d, "check", check);
		json_object_set_new(d, "merged_name",
		                    json_string(pages_str(check, "merged_names")));
		json_object_set_new(
		        d, "surviving_born",
		        json_string(pages_date(req, pages_str(check, "surviving_dob"))));
		json_object_set_new(d, "merged_born",
		                    json_string(pages_date(req, pages_str(check, "merged_dob"))));
	}
	json_object_set_new(d, "fields",
	                    formspec_fields(merge_specs, ARRAY_LEN(merge_specs),
	                                    req->method == HTTP_POST ? req->form : NULL, NULL,
	                                    errs));
	page_add_errors(d, errs);
	page_render(req, resp, status, "child_merge.html",
	            check ? "Check the merge" : "Merge another child into this one", d);
	json_decref(d);
}

void handle_page_child_merge_form(struct request *req, struct response *resp)
{
	if (!may_merge(req, resp))
		return;
	json_t *child = pages_load(req, resp, app_child_get, request_param(req, "id"));
	if (!child)
		return;
	merge_page(req, resp, child, NULL, 200, NULL);
	json_decref(child);
}

void handle_page_child_merge(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, merge_specs, ARRAY_LEN(merge_specs), &errs);
	if (!in)
		return;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	const char *confirm = form_get(req->form, "confirm");
	struct actor who = *web_actor(req);
	who.check_only = !(confirm && strcmp(confirm, "yes") == 0);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_child_merge(db, &who, id, in, &out, &err);
	json_decref(in);
	if (rc == APP_OK && !who.check_only) {
		json_decref(out);
		pages_redirect(req, resp, "/children/%s", id);
		return;
	}
	if (rc != APP_OK && rc != APP_INVALID && rc != APP_CONFLICT &&
	    !(rc == APP_NOT_FOUND && err.nfields)) {
		json_decref(out);
		pages_error(req, resp, &err);
		return;
	}
	json_t *child = pages_load(req, resp, app_child_get, id);
	if (!child) {
		json_decref(out);
		return;
	}
	if (rc != APP_OK) {
		if (rc == APP_CONFLICT)
			app_field_error(&err, "merged_child_id", "%s", err.message);
		pages_app_errors(req, &err, merge_specs, ARRAY_LEN(merge_specs), &errs);
	}
	merge_page(req, resp, child, rc == APP_OK ? out : NULL, rc == APP_OK ? 200 : 422, &errs);
	json_decref(out);
	json_decref(child);
}

static const struct fs_field undo_specs[] = {
        {"reason", NULL, FS_TEXTAREA, "Why the merge is undone", NULL, NULL, -1, NULL},
};

void handle_page_merge_undo(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, undo_specs, ARRAY_LEN(undo_specs), &errs);
	if (!in)
		return;
	struct app_err err = {0};
	json_t *out = NULL;
	bool answered;
	int rc = pages_run_uc(req, resp, app_child_unmerge, id, in, &out, &err, &answered);
	if (answered)
		return;
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	pages_redirect(req, resp, "/children/%s", pages_str(out, "surviving_child_id"));
	json_decref(out);
}
