/*
 * handlers/pages_plans.c: a record's tactical options checklist (GET /records/{ref}/
 * tactics, one option marked at /records/{ref}/tactics/{code}: R-ORD-5), its action plan
 * (/records/{ref}/actions, an action at /actions/{id}: R-MASE-7), an NRM referral of the
 * child (/records/{ref}/nrm/new: R-DL-6), and how the work-queue items of actions,
 * orders and NRM periods read on "My work". Forms: GET shows, POST runs the use case and
 * answers 303, or the form again (422) with every error under its field.
 */
#include "app/cj.h"
#include "app/database.h"
#include "app/plans.h"
#include "app/record_view.h"
#include "util/pool.h"
#include "web/handlers/disruption.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"
#include "web/webapp.h"

/* The view of use case uc on `id` as the request's actor, or NULL (answering nothing:
 * for what a page adds to what it has already loaded). */
static json_t *load_quiet(struct request *req, app_uc *uc, const char *id, json_t *in)
{
	struct web_app *app = req->app;
	struct db *db = app && app->dbs ? app_database_pool_get(app->dbs) : NULL;
	if (!db)
		return NULL;
	struct app_err err;
	json_t *v = NULL;
	if (uc(db, web_actor(req), id, in, &v, &err) != APP_OK) {
		json_decref(v);
		return NULL;
	}
	return v;
}

/* The caption of a record's pages: the child's name and the reference. */
static const char *record_caption(struct request *req, const char *ref)
{
	json_t *r = load_quiet(req, app_record_get, ref, NULL);
	if (!r)
		return ref;
	json_t *c = json_object_get(r, "child");
	const char *s = pages_fmt(req, "%s %s, %s", pages_str(c, "given_names"),
	                          pages_str(c, "family_name"), ref);
	json_decref(r);
	return s;
}

/* ---- the checklist (R-ORD-5) ---- */

/* The tag colour of a mark. */
static const char *mark_class(const char *m)
{
	return strcmp(m, "in_place") == 0         ? "govuk-tag--green"
	       : strcmp(m, "considered") == 0     ? "govuk-tag--blue"
	       : strcmp(m, "not_applicable") == 0 ? "govuk-tag--grey"
	                                          : "govuk-tag--yellow";
}

void handle_page_tactics(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	json_t *t = pages_load(req, resp, app_tactics_get, ref);
	if (!t)
		return;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(t, "options"), i, o)
	{
		json_object_set_new(o, "mark_class", json_string(mark_class(pages_str(o, "mark"))));
		json_object_set_new(
		        o, "not_considered",
		        json_boolean(strcmp(pages_str(o, "mark"), "not_considered") == 0));
		json_object_set_new(o, "marked_when",
		                    json_string(pages_when(req, pages_str(o, "marked_at"))));
	}
	json_t *s = json_object_get(t, "summary");
	json_t *codes = json_array();
	json_array_foreach(json_object_get(s, "not_considered_codes"), i, o) json_array_append_new(
	        codes, json_pack("{s:s, s:s}", "code", json_string_value(o), "label",
	                         pages_label(REF_TACTICS, json_string_value(o))));
	json_object_set_new(t, "not_considered_list", codes);
	json_object_set_new(
	        t, "all_considered",
	        json_boolean(json_integer_value(json_object_get(s, "not_considered")) == 0));
	json_object_set_new(t, "caption", json_string(record_caption(req, ref)));
	page_render(req, resp, 200, "tactics.html", "Tactical options", t);
	json_decref(t);
}

static const struct fs_option MARKS[] = {
        {"considered", "Considered", "Discussed; who takes it forward is named below"},
        {"in_place", "In place", NULL},
        {"not_applicable", "Not applicable", "Say why in the note"},
        {NULL, NULL, NULL}};
static const struct fs_field mark_specs[] = {
        {"mark", NULL, FS_RADIOS, "Mark", NULL, MARKS, -1, NULL},
        {"note", NULL, FS_TEXTAREA, "Note", "What was decided and why", NULL, -1, NULL},
        {"owner", NULL, FS_TEXT, "Owner",
         "Who takes it forward: a person or an agency. Not needed when not applicable.", NULL, -1,
         "govuk-!-width-one-half"},
};

/* The option `code` of checklist t, or NULL. */
static json_t *option_of(json_t *t, const char *code)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(t, "options"), i, o)
	{
		if (strcmp(pages_str(o, "code"), code) == 0)
			return o;
	}
	return NULL;
}

static void mark_form(struct request *req, struct response *resp, json_t *opt, int status,
                      const struct field_errors *errs, const struct app_err *err)
{
	const char *ref = request_param(req, "ref"), *code = request_param(req, "code");
	json_t *facts = json_pack("[{s:s, s:s}, {s:s, s:s}]", "key", "Option", "value",
	                          pages_fmt(req, "%s %s", code, pages_str(opt, "label")), "key",
	                          "Marked now", "value", pages_str(opt, "mark_label"));
	json_t *values =
	        strcmp(pages_str(opt, "mark"), "not_considered") == 0
	                ? NULL
	                : json_pack("{s:O, s:O, s:O}", "mark", json_object_get(opt, "mark"), "note",
	                            json_object_get(opt, "note"), "owner",
	                            json_object_get(opt, "owner"));
	struct form_page fp = {
	        .title = "Mark a tactical option",
	        .caption = record_caption(req, ref),
	        .heading = pages_fmt(req, "%s: mark the option", code),
	        .back_href = pages_fmt(req, "/records/%s/tactics", ref),
	        .back_text = "Back to the tactical options",
	        .action = pages_fmt(req, "/records/%s/tactics/%s", ref, code),
	        .submit = "Save the mark",
	        .specs = mark_specs,
	        .n = ARRAY_LEN(mark_specs),
	        .values = values,
	        .facts = facts,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(facts);
	json_decref(values);
}

void handle_page_tactic_form(struct request *req, struct response *resp)
{
	json_t *t = pages_load(req, resp, app_tactics_get, request_param(req, "ref"));
	if (!t)
		return;
	json_t *opt = option_of(t, request_param(req, "code"));
	if (!opt)
		page_error(req, resp, 404);
	else if (!json_is_true(json_object_get(t, "can_mark")))
		page_error(req, resp, 403);
	else
		mark_form(req, resp, opt, 200, NULL, NULL);
	json_decref(t);
}

void handle_page_tactic_mark(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref"), *code = request_param(req, "code");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, mark_specs, ARRAY_LEN(mark_specs), &errs);
	if (!in)
		return;
	json_object_set_new(in, "code", json_string(code));
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_tactic_mark, ref, in, mark_specs,
	                                   ARRAY_LEN(mark_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/records/%s/tactics#%s", ref, code);
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	json_t *t = pages_load(req, resp, app_tactics_get, ref);
	if (!t)
		return;
	json_t *opt = option_of(t, code);
	if (!opt) /* an option the actor may not see: like one that does not exist */
		page_error(req, resp, 404);
	else
		mark_form(req, resp, opt, 422, &errs, errs.n ? NULL : &err);
	json_decref(t);
}

json_t *pages_record_tactics(struct request *req, const char *ref)
{
	json_t *in = json_pack("{s:b}", "summary_only", 1); /* the page shows only that */
	json_t *t = in ? load_quiet(req, app_tactics_get, ref, in) : NULL;
	json_decref(in);
	if (!t)
		return NULL;
	json_t *s = json_object_get(t, "summary");
	json_int_t nc = json_integer_value(json_object_get(s, "not_considered"));
	json_t *out =
	        json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:s, s:s}", "not_considered", nc, "shown",
	                  json_integer_value(json_object_get(s, "shown")), "in_place",
	                  json_integer_value(json_object_get(s, "in_place")), "considered",
	                  json_integer_value(json_object_get(s, "considered")), "all_considered",
	                  nc == 0, "can_mark", json_is_true(json_object_get(t, "can_mark")), "href",
	                  pages_fmt(req, "/records/%s/tactics", ref), "ref", ref);
	json_decref(t);
	return out;
}

/* ---- the action plan (R-MASE-7) ---- */

/* Decorates action rows: due and closed times, an overdue tag. */
static void decorate_actions(struct request *req, json_t *rows)
{
	static const char *const when[] = {"due_at", "agreed_at", "closed_at", NULL};
	pages_add_when(req, rows, when);
	size_t i;
	json_t *a;
	json_array_foreach(rows, i, a)
	{
		const char *st = pages_str(a, "status");
		bool late = json_is_true(json_object_get(a, "overdue"));
		json_object_set_new(a, "tag",
		                    json_string(late                           ? "Overdue"
		                                : strcmp(st, "done") == 0      ? "Done"
		                                : strcmp(st, "cancelled") == 0 ? "Cancelled"
		                                                               : "Open"));
		json_object_set_new(a, "tag_class",
		                    json_string(late                      ? "govuk-tag--red"
		                                : strcmp(st, "done") == 0 ? "govuk-tag--green"
		                                : strcmp(st, "cancelled") == 0
		                                        ? "govuk-tag--grey"
		                                        : "govuk-tag--blue"));
	}
}

/* The actions of record `ref` (NULL after answering). */
static json_t *record_actions(struct request *req, struct response *resp, const char *ref)
{
	struct db *db = web_db(req, resp);
	if (!db)
		return NULL;
	json_t *q = json_pack("{s:s}", "record_ref", ref), *out = NULL;
	struct app_err err = {0};
	int rc = app_actions_list(db, web_actor(req), NULL, q, &out, &err);
	json_decref(q);
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return NULL;
	}
	return out;
}

void handle_page_actions(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	json_t *v = record_actions(req, resp, ref);
	if (!v)
		return;
	decorate_actions(req, json_object_get(v, "actions"));
	json_object_set_new(v, "ref", json_string(ref));
	json_object_set_new(v, "caption", json_string(record_caption(req, ref)));
	page_render(req, resp, 200, "actions.html", "Action plan", v);
	json_decref(v);
}

static const struct fs_field action_specs[] = {
        {"text", NULL, FS_TEXTAREA, "What is to be done", NULL, NULL, -1, NULL},
        {"owner_agency", NULL, FS_TEXT, "Owning agency", "The agency's name as in Lantern", NULL,
         -1, "govuk-!-width-two-thirds"},
        {"owner_person", NULL, FS_TEXT, "Owner",
         "A person's Lantern username; leave empty for the agency as a whole", NULL, -1,
         "govuk-!-width-one-half"},
        {"due_on", NULL, FS_DATE, "Due by", "The action is overdue after this day.", NULL, -1,
         NULL},
        {"tactic", NULL, FS_SELECT, "Tactical option it serves", NULL, NULL, REF_TACTICS, NULL},
};

static void action_form(struct request *req, struct response *resp, int status,
                        const struct field_errors *errs, const struct app_err *err)
{
	const char *ref = request_param(req, "ref");
	struct form_page fp = {
	        .title = "Add an action",
	        .caption = record_caption(req, ref),
	        .heading = "Add an action",
	        .intro = "Every action has an owner (a person or an agency) and a due date.",
	        .back_href = pages_fmt(req, "/records/%s/actions", ref),
	        .back_text = "Back to the action plan",
	        .action = pages_fmt(req, "/records/%s/actions", ref),
	        .submit = "Add the action",
	        .specs = action_specs,
	        .n = ARRAY_LEN(action_specs),
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_action_new(struct request *req, struct response *resp)
{
	json_t *v = record_actions(req, resp, request_param(req, "ref"));
	if (!v)
		return;
	if (!json_is_true(json_object_get(v, "can_add")))
		page_error(req, resp, 403);
	else
		action_form(req, resp, 200, NULL, NULL);
	json_decref(v);
}

void handle_page_action_create(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, action_specs, ARRAY_LEN(action_specs), &errs);
	if (!in)
		return;
	json_object_set_new(in, "record_ref", json_string(ref));
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_action_add, NULL, in, action_specs,
	                                   ARRAY_LEN(action_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/records/%s/actions", ref);
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	action_form(req, resp, 422, &errs, errs.n ? NULL : &err);
}

static const struct fs_option CLOSE[] = {
        {"done", "Done", NULL}, {"cancelled", "Cancelled", "Say why below"}, {NULL, NULL, NULL}};
static const struct fs_field close_specs[] = {
        {"status", NULL, FS_RADIOS, "Close the action", NULL, CLOSE, -1, NULL},
        {"reason", NULL, FS_TEXTAREA, "Why it was cancelled", NULL, NULL, -1, NULL},
};

/* The action page: what it is, and the form to close it for those who may. */
static void action_page(struct request *req, struct response *resp, json_t *a, int status,
                        const struct field_errors *errs, const struct app_err *err)
{
	static const char *const when[] = {"due_at", "agreed_at", "closed_at", "created_at", NULL};
	pages_add_when(req, a, when);
	json_t *rows = json_pack("[O]", a);
	decorate_actions(req, rows);
	json_decref(rows);
	const char *about = *pages_str(a, "record_ref")     ? pages_str(a, "record_ref")
	                    : *pages_str(a, "person_label") ? pages_str(a, "person_label")
	                                                    : pages_str(a, "place_label");
	bool closed = strcmp(pages_str(a, "status"), "open") != 0;
	json_t *facts = json_pack(
	        "[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "key", "Action",
	        "value", pages_str(a, "text"), "key", "About", "value", about, "key", "Owner",
	        "value", pages_str(a, "owner_name"), "key", "Due", "value",
	        pages_fmt(req, "%s (%s)", pages_str(a, "due_at_when"), pages_str(a, "tag")), "key",
	        "Status", "value",
	        closed ? pages_fmt(req, "%s by %s, %s", pages_str(a, "tag"),
	                           pages_str(a, "closed_by_name"), pages_str(a, "closed_at_when"))
	               : "Open");
	const char *ref = pages_str(a, "record_ref");
	struct form_page fp = {
	        .title = "Action",
	        .caption = *ref ? ref : NULL,
	        .heading = "Action",
	        .back_href = *ref ? pages_fmt(req, "/records/%s/actions", ref) : "/",
	        .back_text = *ref ? "Back to the action plan" : "Back to my work",
	        .action = pages_fmt(req, "/actions/%s", request_param(req, "id")),
	        .submit = "Close the action",
	        .specs = close_specs,
	        .n = ARRAY_LEN(close_specs),
	        .facts = facts,
	};
	if (!json_is_true(json_object_get(a, "can_close"))) {
		json_t *d =
		        json_pack("{s:O, s:s, s:s?, s:s}", "facts", facts, "back_href",
		                  fp.back_href, "caption", fp.caption, "back_text", fp.back_text);
		page_render(req, resp, 200, "action.html", "Action", d);
		json_decref(d);
	} else if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(facts);
}

void handle_page_action(struct request *req, struct response *resp)
{
	json_t *a = pages_load(req, resp, app_action_get, request_param(req, "id"));
	if (!a)
		return;
	action_page(req, resp, a, 200, NULL, NULL);
	json_decref(a);
}

void handle_page_action_update(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, close_specs, ARRAY_LEN(close_specs), &errs);
	if (!in)
		return;
	if (!json_object_get(in, "status"))
		fielderr_add(&errs, "status", "Choose done or cancelled.");
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_action_update, id, in, close_specs,
	                                   ARRAY_LEN(close_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED) {
		const char *ref = pages_str(out, "record_ref");
		if (*ref)
			pages_redirect(req, resp, "/records/%s/actions", ref);
		else
			pages_redirect(req, resp, "/actions/%s", id);
	}
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	json_t *a = pages_load(req, resp, app_action_get, id);
	if (!a)
		return;
	action_page(req, resp, a, 422, &errs, errs.n ? NULL : &err);
	json_decref(a);
}

/* ---- NRM referral (R-DL-6) ---- */

static const struct fs_field nrm_specs[] = {
        {"referred_at", NULL, FS_DATETIME, "Referred on", "Leave empty for now.", NULL, -1, NULL},
        {"reference", NULL, FS_TEXT, "NRM reference", NULL, NULL, -1, "govuk-!-width-one-third"},
        {"note", NULL, FS_TEXTAREA, "Note", NULL, NULL, -1, NULL},
};

static void nrm_form(struct request *req, struct response *resp, int status,
                     const struct field_errors *errs, const struct app_err *err)
{
	const char *ref = request_param(req, "ref");
	struct form_page fp = {
	        .title = "Refer to the National Referral Mechanism",
	        .caption = record_caption(req, ref),
	        .heading = "Refer to the National Referral Mechanism",
	        .intro = "The referral starts the reflection and recovery period of at least 45 "
	                 "days, tracked in children's social care's work queue.",
	        .back_href = pages_fmt(req, "/records/%s", ref),
	        .back_text = "Back to the record",
	        .action = pages_fmt(req, "/records/%s/nrm", ref),
	        .submit = "Record the referral",
	        .specs = nrm_specs,
	        .n = ARRAY_LEN(nrm_specs),
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

/* The child of record `ref` into out (NULL after answering). */
static const char *record_child(struct request *req, struct response *resp, const char *ref)
{
	json_t *r = pages_load(req, resp, app_record_get, ref);
	if (!r)
		return NULL;
	const char *child = pool_strdup(req->pool, pages_str(r, "child_id"));
	json_decref(r);
	return child;
}

void handle_page_nrm_new(struct request *req, struct response *resp)
{
	json_t *t = pages_load(req, resp, app_tactics_get, request_param(req, "ref"));
	if (!t)
		return;
	if (!json_is_true(json_object_get(t, "can_mark")))
		page_error(req, resp, 403);
	else
		nrm_form(req, resp, 200, NULL, NULL);
	json_decref(t);
}

void handle_page_nrm_create(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, nrm_specs, ARRAY_LEN(nrm_specs), &errs);
	if (!in)
		return;
	const char *child = record_child(req, resp, ref);
	if (!child) {
		json_decref(in);
		return;
	}
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_nrm_refer, child, in, nrm_specs,
	                                   ARRAY_LEN(nrm_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/records/%s#chronology", ref);
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	nrm_form(req, resp, 422, &errs, errs.n ? NULL : &err);
}

/* ---- work-queue items ---- */

bool pages_disruption_item(struct request *req, json_t *it)
{
	const char *kind = pages_str(it, "href_kind");
	if (!*kind)
		return false;
	if (json_object_get(it, "href")) /* one item can be in two sections: done already */
		return true;
	const char *sid = pages_str(it, "subject_id");
	const char *href = strcmp(kind, "action") == 0   ? pages_fmt(req, "/actions/%s", sid)
	                   : strcmp(kind, "order") == 0  ? pages_fmt(req, "/orders/%s", sid)
	                   : strcmp(kind, "record") == 0 ? pages_fmt(req, "/records/%s", sid)
	                                                 : pages_fmt(req, "/children/%s", sid);
	const char *state = pages_str(it, "state");
	json_int_t left = json_integer_value(json_object_get(it, "seconds_left"));
	const char *about = pages_str(it, "about");
	const char *what = *about ? pages_fmt(req, "%s about %s", pages_str(it, "label"), about)
	                          : pool_strdup(req->pool, pages_str(it, "label"));
	json_object_set_new(it, "href", json_string(href));
	json_object_set_new(it, "label", json_string(pages_str(it, "subject")));
	json_object_set_new(it, "what", json_string(what));
	json_object_set_new(
	        it, "meta",
	        json_string(pages_fmt(req, "Due %s: %s. Owner: %s.", pages_str(it, "due_local"),
	                              pages_str(it, "time_left"), pages_str(it, "owner"))));
	json_object_set_new(it, "tag",
	                    json_string(left <= 0                     ? "Overdue"
	                                : strcmp(state, "red") == 0   ? "Due very soon"
	                                : strcmp(state, "amber") == 0 ? "Due soon"
	                                                              : "On time"));
	json_object_set_new(it, "tag_class",
	                    json_string(strcmp(state, "red") == 0     ? "govuk-tag--red"
	                                : strcmp(state, "amber") == 0 ? "govuk-tag--orange"
	                                                              : "govuk-tag--green"));
	return true;
}

/* What the handlers add from the path before the use case, for the field-name check
 * (the values stand in for the path's). */
static void mark_adjust(json_t *in)
{
	json_object_set_new(in, "code", json_string("path"));
}
static void action_adjust(json_t *in)
{
	json_object_set_new(in, "record_ref", json_string("path"));
}

size_t pages_plan_forms(struct page_form_use *out, size_t max)
{
	const struct page_form_use forms[] = {
	        {"/records/{ref}/tactics/{code}",
	         {{mark_specs, ARRAY_LEN(mark_specs)}},
	         app_tactic_mark,
	         mark_adjust},
	        {"/records/{ref}/actions",
	         {{action_specs, ARRAY_LEN(action_specs)}},
	         app_action_add,
	         action_adjust},
	        {"/actions/{id}", {{close_specs, ARRAY_LEN(close_specs)}}, app_action_update, NULL},
	        {"/records/{ref}/nrm", {{nrm_specs, ARRAY_LEN(nrm_specs)}}, app_nrm_refer, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(forms) && i < max; i++)
		out[i] = forms[i];
	return ARRAY_LEN(forms);
}
