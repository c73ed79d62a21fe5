/*
 * pages_imports.c: the pages of bulk import and matching. /imports/held lists the rows
 * an import held because they may be a child already known (R-REC-1), each with the
 * children it may be and why, for a MASH or children's social care manager (or an
 * administrator) to resolve: "the same child as this one" or "a new child". Nothing is
 * merged: "same" records which child the row was, "new" creates the child.
 * /admin/matching shows the matching model in use with its weights and bands in words.
 */
#include "app/import.h"
#include "app/match_model.h"
#include "web/form.h"
#include "web/handlers/handlers.h"
#include "web/handlers/imports.h"
#include "web/handlers/pages.h"
#include "web/page.h"
#include "web/usecase.h"

void handle_page_import_held(struct request *req, struct response *resp)
{
	json_t *v = pages_load(req, resp, app_import_held_list, NULL);
	if (!v)
		return;
	size_t i, j;
	json_t *h, *c;
	json_array_foreach(json_object_get(v, "held"), i, h)
	{
		json_t *row = json_object_get(h, "row");
		const char *dob = pages_str(row, "date_of_birth");
		json_object_set_new(h, "dob_text", json_string(*dob ? pages_date(req, dob) : ""));
		json_t *other = json_object_get(row, "other_names");
		json_object_set_new(h, "has_other", json_boolean(json_array_size(other) > 0));
		json_array_foreach(json_object_get(h, "candidates"), j, c)
		{
			const char *cd = pages_str(c, "date_of_birth");
			json_object_set_new(c, "dob_text",
			                    json_string(*cd ? pages_date(req, cd) : "not known"));
			json_object_set_new(c, "held_id", json_string(pages_str(h, "id")));
			if (!*pages_str(c, "band"))
				json_object_set_new(c, "band",
				                    json_string(pages_str(c, "strength")));
		}
	}
	const char *done = request_query(req, "done");
	if (done && strcmp(done, "same") == 0)
		json_object_set_new(v, "notice",
		                    json_string("Recorded: the row was a child already known. "
		                                "Nothing was added."));
	else if (done && strcmp(done, "new") == 0)
		json_object_set_new(v, "notice",
		                    json_string("Recorded: the row is a new child, now added."));
	page_render(req, resp, 200, "import_held.html", "Imported rows to resolve", v);
	json_decref(v);
}

void handle_page_import_resolve(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	const char *decision = form_get(f, "decision");
	const char *child = form_get(f, "child_id");
	json_t *in = json_pack("{s:s?, s:s?}", "decision", decision && *decision ? decision : NULL,
	                       "child_id", child && *child ? child : NULL);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_import_held_resolve(db, web_actor(req), request_param(req, "id"), in, &out,
	                                 &err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	pages_redirect(req, resp, "/imports/held?done=%s",
	               strcmp(decision, "same") == 0 ? "same" : "new");
}

void handle_page_matching(struct request *req, struct response *resp)
{
	json_t *v = pages_load(req, resp, app_match_model, NULL);
	if (!v)
		return;
	size_t i, j;
	json_t *fl, *l;
	json_array_foreach(json_object_get(v, "fields"), i, fl)
	{
		json_array_foreach(json_object_get(fl, "levels"), j, l)
		{
			double w = json_real_value(json_object_get(l, "weight_bits"));
			json_object_set_new(l, "weight_text",
			                    json_string(pages_fmt(req, "%+.1f", w)));
			json_object_set_new(l, "for", json_boolean(w > 0.5));
			json_object_set_new(l, "against", json_boolean(w < -0.5));
		}
	}
	json_array_foreach(json_object_get(v, "bands"), i, l)
	{
		json_object_set_new(
		        l, "bits_text",
		        json_string(pages_fmt(req, "%.1f",
		                              json_real_value(json_object_get(l, "bits")))));
	}
	page_render(req, resp, 200, "admin_matching.html", "Matching", v);
	json_decref(v);
}
