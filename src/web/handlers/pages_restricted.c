/*
 * handlers/pages_restricted.c: restricted records (R-INFO-3) for those who may restrict
 * them (police supervisors and children's social care managers): restricting a record
 * and lifting the restriction (GET/POST /records/{ref}/restriction: it needs no
 * break-glass reason and shows nothing else of the record), and reviewing a
 * break-glass opening from the work queue (GET /restricted-access/{id}, POST
 * /restricted-access/{id}/review: never by the person who opened it).
 */
#include "app/restricted.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_field restrict_specs[] = {
        {"reason", NULL, FS_TEXTAREA, "Why the record must be restricted",
         "Only entitled police roles will open it, each with a reason that a supervisor "
         "reviews. For example: linked to a live covert operation",
         NULL, -1, NULL},
};

static const char *restriction_done(const char *done)
{
	if (!done)
		return NULL;
	if (strcmp(done, "restricted") == 0)
		return "The record is restricted. Each opening now needs a reason and is reviewed.";
	if (strcmp(done, "lifted") == 0)
		return "The restriction is lifted. Those who see the child see the record again.";
	return NULL;
}

static void restriction_page(struct request *req, struct response *resp, int status,
                             const struct field_errors *errs)
{
	json_t *r = pages_load(req, resp, app_record_restriction, request_param(req, "ref"));
	if (!r)
		return;
	json_object_set_new(r, "fields",
	                    formspec_fields(restrict_specs, ARRAY_LEN(restrict_specs),
	                                    req->method == HTTP_POST ? req->form : NULL, NULL,
	                                    errs));
	const char *done = restriction_done(request_query(req, "done"));
	if (done && req->method == HTTP_GET)
		json_object_set_new(r, "done", json_string(done));
	page_add_errors(r, errs);
	page_render(req, resp, status, "restriction.html",
	            pages_fmt(req, "Restriction of record %s", pages_str(r, "record_ref")), r);
	json_decref(r);
}

void handle_page_restriction_form(struct request *req, struct response *resp)
{
	restriction_page(req, resp, 200, NULL);
}

void handle_page_restriction(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, restrict_specs, ARRAY_LEN(restrict_specs), &errs);
	if (!in)
		return;
	const char *want = form_get(req->form, "restricted");
	bool on = want && strcmp(want, "yes") == 0;
	json_object_set_new(in, "restricted", json_boolean(on));
	if (!on)
		json_object_del(in, "reason");
	else if (!json_object_get(in, "reason"))
		fielderr_add(&errs, "reason", "Enter why the record must be restricted");
	if (errs.n) {
		json_decref(in);
		restriction_page(req, resp, 422, &errs);
		return;
	}
	struct db *db = web_db(req, resp);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = db ? app_record_restrict(db, web_actor(req), ref, in, &out, &err) : APP_FAILED;
	json_decref(in);
	json_decref(out);
	if (!db)
		return;
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/records/%s/restriction?done=%s", ref,
		               on ? "restricted" : "lifted");
	} else if (rc == APP_INVALID) {
		pages_app_errors(req, &err, restrict_specs, ARRAY_LEN(restrict_specs), &errs);
		restriction_page(req, resp, 422, &errs);
	} else {
		pages_error(req, resp, &err);
	}
}

/* ---- reviewing a break-glass opening ---- */

static const struct fs_field review_specs[] = {
        {"note", NULL, FS_TEXTAREA, "Your review",
         "Was the reason good enough for what was opened? Say what you checked", NULL, -1, NULL},
};

static void opening_page(struct request *req, struct response *resp, int status,
                         const struct field_errors *errs)
{
	json_t *o = pages_load(req, resp, app_restricted_access_get, request_param(req, "id"));
	if (!o)
		return;
	static const char *const when[] = {"opened_at", "reviewed_at", NULL};
	pages_add_when(req, o, when);
	json_object_set_new(o, "fields",
	                    formspec_fields(review_specs, ARRAY_LEN(review_specs),
	                                    req->method == HTTP_POST ? req->form : NULL, NULL,
	                                    errs));
	json_object_set_new(o, "reviewed",
	                    json_boolean(!json_is_null(json_object_get(o, "reviewed_at"))));
	if (request_query(req, "done") && req->method == HTTP_GET)
		json_object_set_new(o, "done", json_true());
	page_add_errors(o, errs);
	page_render(req, resp, status, "opening.html", "Review the opening of a restricted record",
	            o);
	json_decref(o);
}

void handle_page_opening(struct request *req, struct response *resp)
{
	opening_page(req, resp, 200, NULL);
}

void handle_page_opening_review(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, review_specs, ARRAY_LEN(review_specs), &errs);
	if (!in)
		return;
	if (!json_object_get(in, "note")) {
		fielderr_add(&errs, "note", "Enter your review of the reason given");
		json_decref(in);
		opening_page(req, resp, 422, &errs);
		return;
	}
	struct db *db = web_db(req, resp);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = db ? app_restricted_access_review(db, web_actor(req), id, in, &out, &err)
	            : APP_FAILED;
	json_decref(in);
	json_decref(out);
	if (!db)
		return;
	if (rc == APP_OK)
		pages_redirect(req, resp, "/restricted-access/%s?done=1", id);
	else if (rc == APP_INVALID || rc == APP_CONFLICT) {
		pages_app_errors(req, &err, review_specs, ARRAY_LEN(review_specs), &errs);
		opening_page(req, resp, rc == APP_CONFLICT ? 409 : 422, &errs);
	} else {
		pages_error(req, resp, &err);
	}
}

size_t pages_restricted_forms(struct page_form_use *out, size_t max)
{
	const struct page_form_use forms[] = {
	        {"/records/{ref}/restrict",
	         {{restrict_specs, ARRAY_LEN(restrict_specs)}},
	         app_record_restrict,
	         NULL},
	        {"/restricted-access/{id}/review",
	         {{review_specs, ARRAY_LEN(review_specs)}},
	         app_restricted_access_review,
	         NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(forms) && i < max; i++)
		out[i] = forms[i];
	return ARRAY_LEN(forms);
}
