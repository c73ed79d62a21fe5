/*
 * handlers/pages_print.c: the printable record and chronology (GET
 * /records/{ref}/print). The choice of entries (facts or opinions, one agency, a span of
 * dates) is a GET form on the page: what it holds is no personal data. The page is the
 * print: printing it is a disclosure, so showing it is audited as a print
 * (app_record_print). static/lantern.css lays it out for paper: the protective marking
 * at the top and foot of every page, who printed it and when at the head of every page,
 * page numbers, no link addresses, and every date in UK form.
 */
#include "app/record_print.h"
#include "util/ltime.h"
#include "util/pool.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_option NATURES[] = {
        {"", "Facts and opinions", NULL},
        {"fact", "Facts only", NULL},
        {"opinion", "Opinions only", NULL},
        {NULL, NULL, NULL},
};

static const struct fs_field print_specs[] = {
        {"nature", NULL, FS_RADIOS, "Which entries", NULL, NATURES, -1, NULL},
        {"agency", NULL, FS_SELECT, "From which agency", "Leave as it is for every agency", NULL,
         -1, NULL},
        {"from", NULL, FS_DATE, "From", "The first day to print", NULL, -1, NULL},
        {"to", NULL, FS_DATE, "To", "The last day to print", NULL, -1, NULL},
};

/* The query string as a form, so that the field specs read it like a posted one. */
static struct form *query_form(struct request *req)
{
	struct form *f = pool_calloc(req->pool, 1, sizeof(*f));
	if (!f)
		return NULL;
	f->fields = req->nquery ? pool_calloc(req->pool, req->nquery, sizeof(*f->fields)) : NULL;
	for (size_t i = 0; i < req->nquery && f->fields; i++) {
		f->fields[f->n].name = req->query[i].name;
		f->fields[f->n].value = req->query[i].value;
		f->fields[f->n].value_len = strlen(req->query[i].value);
		f->n++;
	}
	return f;
}

/* "Category 2 (contact)" or "No category decision yet". */
static const char *category_text(struct request *req, json_t *rec)
{
	json_t *cat = json_object_get(rec, "category");
	const char *contact = pages_str(rec, "contact_mode");
	if (!json_is_integer(cat))
		return "No category decision yet";
	return pages_fmt(req, "Category %lld%s%s%s", (long long)json_integer_value(cat),
	                 *contact ? " (" : "", contact, *contact ? ")" : "");
}

/* Adds what the page shows to the print view: UK dates, labels, words for the choice. */
static void decorate(struct request *req, json_t *v)
{
	json_t *child = json_object_get(v, "child");
	json_object_set_new(child, "born",
	                    json_string(pages_date(req, json_string_value(json_object_get(
	                                                        child, "date_of_birth")))));
	json_t *rec = json_object_get(v, "record");
	json_object_set_new(rec, "category_text", json_string(category_text(req, rec)));
	static const char *const rwhen[] = {"opened_at", NULL};
	pages_add_when(req, rec, rwhen);
	json_t *flags = json_array();
	size_t i, j;
	json_t *e, *x;
	json_array_foreach(json_object_get(v, "flags"), i, e) json_array_append_new(
	        flags, json_pack("{s:s, s:s}", "code", json_string_value(e), "label",
	                         pages_label(REF_FLAGS, json_string_value(e))));
	json_object_set_new(v, "flag_list", flags);
	json_array_foreach(json_object_get(v, "outcomes"), i, e)
	{
		json_object_set_new(e, "label",
		                    json_string(pages_label(REF_OUTCOMES, pages_str(e, "code"))));
		json_object_set_new(e, "achieved",
		                    json_string(pages_date(req, pages_str(e, "achieved_on"))));
	}
	json_t *cur = NULL;
	json_array_foreach(json_object_get(child, "addresses"), i, e)
	{
		if (json_is_null(json_object_get(e, "to_date")))
			cur = e;
	}
	if (cur)
		json_object_set(child, "current_address", cur);
	static const char *const ewhen[] = {"occurred_at", "recorded_at", NULL};
	json_t *chron = json_object_get(v, "chronology");
	pages_add_when(req, chron, ewhen);
	json_array_foreach(chron, i, e)
	{
		json_object_set_new(e, "is_opinion",
		                    json_boolean(strcmp(pages_str(e, "nature"), "opinion") == 0));
		json_object_set_new(e, "is_superseded",
		                    json_boolean(*pages_str(e, "superseded_by") != 0));
		char people[2048] = "";
		json_array_foreach(json_object_get(e, "people_involved"), j, x)
		{
			size_t len = strlen(people);
			snprintf(people + len, sizeof people - len, "%s%s", j ? ", " : "",
			         json_string_value(x) ? json_string_value(x) : "");
		}
		if (people[0])
			json_object_set_new(e, "people_text", json_string(people));
	}
	json_t *filter = json_object_get(v, "filter");
	const char *nature = pages_str(filter, "nature");
	const char *agency = pages_str(filter, "agency");
	const char *from = pages_str(filter, "from"), *to = pages_str(filter, "to");
	json_object_set_new(
	        v, "choice",
	        json_string(pages_fmt(req, "%s%s%s%s%s%s%s",
	                              !*nature                      ? "Facts and opinions"
	                              : strcmp(nature, "fact") == 0 ? "Facts only"
	                                                            : "Opinions only",
	                              *agency ? ", from " : ", from every agency", agency,
	                              *from ? ", from " : "", *from ? pages_date(req, from) : "",
	                              *to ? " to " : "", *to ? pages_date(req, to) : "")));
	json_object_set_new(v, "shown", json_integer((json_int_t)json_array_size(chron)));
	json_object_set_new(v, "has_entries", json_boolean(json_array_size(chron) > 0));
	json_object_set_new(v, "restricted",
	                    json_boolean(json_is_true(json_object_get(rec, "restricted"))));
	json_object_set_new(v, "printed_when",
	                    json_string(pages_when(req, pages_str(v, "printed_at"))));
}

/* The page: the choice form with its errors, and the print unless there were errors. */
static void print_page(struct request *req, struct response *resp, const struct form *f, json_t *v,
                       int status, const struct field_errors *errs)
{
	const char *ref = request_param(req, "ref");
	json_t *d = v ? v : json_object();
	/* a first visit chose nothing yet: every entry, both natures */
	bool chosen = f && f->n;
	json_t *fresh = json_pack("{s:s}", "nature", "");
	json_t *fields = formspec_fields(print_specs, ARRAY_LEN(print_specs), chosen ? f : NULL,
	                                 fresh, errs);
	json_decref(fresh);
	/* the agencies to choose from are those in the chronology */
	json_t *opts = json_array();
	const char *picked = f ? form_get(f, "agency") : NULL;
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(d, "agencies"), i, a)
	{
		const char *name = json_string_value(a);
		json_array_append_new(opts,
		                      json_pack("{s:s, s:s, s:b}", "value", name, "label", name,
		                                "checked", picked && strcmp(picked, name) == 0));
	}
	json_object_set_new(json_array_get(fields, 1), "options", opts);
	json_object_set_new(d, "fields", fields);
	json_object_set_new(d, "ref", json_string(ref));
	json_object_set_new(d, "has_print", json_boolean(v != NULL));
	page_add_errors(d, errs);
	page_render(req, resp, status, "record_print.html", pages_fmt(req, "Print record %s", ref),
	            d);
	json_decref(d);
}

void handle_page_record_print(struct request *req, struct response *resp)
{
	const char *ref = request_param(req, "ref");
	struct form *f = query_form(req);
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = f ? formspec_to_json(print_specs, ARRAY_LEN(print_specs), f, &errs) : NULL;
	struct db *db = in ? web_db(req, resp) : NULL;
	if (!db) {
		json_decref(in);
		if (!f || !in)
			page_error(req, resp, 500);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = errs.n ? APP_INVALID : app_record_print(db, web_actor(req), ref, in, &out, &err);
	json_decref(in);
	if (rc == APP_INVALID) {
		pages_app_errors(req, &err, print_specs, ARRAY_LEN(print_specs), &errs);
		print_page(req, resp, f, NULL, 422, &errs);
		return;
	}
	if (rc != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	decorate(req, out);
	print_page(req, resp, f, out, 200, NULL);
}

size_t pages_print_forms(struct page_form_use *out, size_t max)
{
	if (max >= 1)
		out[0] = (struct page_form_use){
		        "/records/{ref}/print",
		        {{print_specs, ARRAY_LEN(print_specs)}},
		        app_record_print,
		        NULL,
		};
	return 1;
}
