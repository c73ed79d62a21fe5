/*
 * pages_outcomes.c: a child's long-term outcomes (app/outcome_reviews.h, R-OUTC-1,
 * R-DL-8): the page of reviews with the distance travelled (a table and the chart the
 * server draws) and the form scoring a new review; and the chart alone as an SVG image
 * for the record page.
 */
#include <sodium.h>

#include "app/mase.h"
#include "app/outcome_reviews.h"
#include "util/pool.h"
#include "web/form.h"
#include "web/handlers/mase.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"
#include "web/webapp.h"

static void outcomes_page(struct request *req, struct response *resp, int status,
                          const struct field_errors *errs)
{
	const char *ref = request_param(req, "ref");
	json_t *v = pages_load(req, resp, app_outcome_reviews, ref);
	if (!v)
		return;
	const char *svg = pages_str(v, "svg");
	size_t n = strlen(svg);
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *src = pool_alloc(req->pool, len + 32);
	if (src) {
		memcpy(src, "data:image/svg+xml;base64,", 26);
		sodium_bin2base64(src + 26, len, (const unsigned char *)svg, n,
		                  sodium_base64_VARIANT_ORIGINAL);
	}
	json_object_set_new(v, "chart_src", json_string(src ? src : ""));
	json_object_del(v, "svg");
	json_object_set_new(v, "no_reviews",
	                    json_boolean(json_array_size(json_object_get(v, "reviews")) == 0));
	const struct actor *a = web_actor(req);
	json_object_set_new(
	        v, "can_review",
	        json_boolean(a && (a->system || actor_has(a, ACCESS_ROLES_PRACTITIONER))));
	if (errs)
		page_add_errors(v, errs);
	page_render(req, resp, status, "outcome_reviews.html", pages_fmt(req, "Outcomes: %s", ref),
	            v);
	json_decref(v);
}

void handle_page_outcomes(struct request *req, struct response *resp)
{
	outcomes_page(req, resp, 200, NULL);
}

void handle_page_outcome_review(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *ref = request_param(req, "ref");
	json_t *scores = json_object(), *notes = json_object();
	size_t n;
	const struct ref_item *items = ref_table(REF_CHILD_OUTCOMES, &n);
	for (size_t i = 0; i < n; i++) {
		char k[80];
		snprintf(k, sizeof k, "note_%s", items[i].code);
		const char *s = form_get(f, items[i].code);
		const char *note = form_get(f, k);
		json_object_set_new(scores, items[i].code,
		                    json_integer(s && *s ? strtol(s, NULL, 10) : 0));
		if (note && *note)
			json_object_set_new(notes, items[i].code, json_string(note));
	}
	json_t *in = json_pack("{s:o, s:o}", "scores", scores, "notes", notes);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_outcome_review_add(db, web_actor(req), ref, in, &out, &err);
	json_decref(in);
	json_decref(out);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/records/%s/outcome-reviews", ref);
		return;
	}
	if (rc != APP_INVALID) {
		pages_error(req, resp, &err);
		return;
	}
	struct field_errors errs;
	fielderr_init(&errs);
	for (int i = 0; i < err.nfields; i++)
		fielderr_add(&errs, err.fields[i].field, err.fields[i].message);
	if (!err.nfields)
		fielderr_add(&errs, "scores", err.message);
	outcomes_page(req, resp, 422, &errs);
}

void handle_page_outcomes_chart(struct request *req, struct response *resp)
{
	json_t *v = pages_load(req, resp, app_outcome_reviews, request_param(req, "ref"));
	if (!v)
		return;
	resp->status = 200;
	resp->content_type = "image/svg+xml";
	buf_reset(&resp->body);
	buf_puts(&resp->body, pages_str(v, "svg"));
	json_decref(v);
}
