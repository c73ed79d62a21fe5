/*
 * handlers/pages_people.c: the pages about those who exploit children and the networks
 * they form (R-POI-1, R-POI-2, R-LOC-1, R-CAT-7, R-MASE-9): finding and adding a person
 * of concern (/people/find, /people/new), a person's page (/people/{id}: details with
 * their grading, items, PNC marker, links, orders, network), a place's page with its
 * hotspot marking (/places/{id}), a vehicle's and a phone's (/vehicles/{id},
 * /phones/{id}), adding a link from a child, a person or a place (/links/new?from=),
 * the network page of any of them (/network/{id}) with the R-CAT-7 flag and path for a
 * child, and the drawing itself (/network/{id}/picture.svg: server-drawn SVG, no
 * script; every page that shows it also gives its legend in words and a table of the
 * same data for screen readers). The record page's network section is filled here
 * too (pages_record_network). Everything shown comes through the use cases, so only
 * what the user may see.
 */
#include "app/links.h"
#include "app/networks.h"
#include "app/people.h"
#include "app/places.h"
#include "util/buf.h"
#include "util/pool.h"
#include "web/handlers/pages.h"
#include "web/handlers/people.h"
#include "web/usecase.h"

/* The page of an entity by its type code. */
static const char *entity_href(struct request *req, const char *type, const char *id)
{
	const char *base = strcmp(type, "child") == 0     ? "/children"
	                   : strcmp(type, "person") == 0  ? "/people"
	                   : strcmp(type, "place") == 0   ? "/places"
	                   : strcmp(type, "vehicle") == 0 ? "/vehicles"
	                   : strcmp(type, "phone") == 0   ? "/phones"
	                                                  : "/episodes";
	return pages_fmt(req, "%s/%s", base, id);
}

/* Words for a type code. */
static const char *type_words(const char *type)
{
	return strcmp(type, "person") == 0    ? "person of concern"
	       : strcmp(type, "episode") == 0 ? "missing episode"
	                                      : type;
}

/* Words for a link kind code ("seen_with" -> "seen with"). */
static const char *kind_words(struct request *req, const char *kind)
{
	char *w = pool_strdup(req->pool, kind ? kind : "");
	for (char *p = w; p && *p; p++)
		if (*p == '_')
			*p = ' ';
	return w ? w : "";
}

/* Runs a reading use case with `in` (taken); the view, or NULL with *err. */
static json_t *read_uc(struct request *req, struct response *resp, app_uc *fn, const char *id,
                       json_t *in, struct app_err *err)
{
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return NULL;
	}
	json_t *out = NULL;
	int rc = fn(db, web_actor(req), id, in, &out, err);
	json_decref(in);
	return rc == APP_OK ? out : NULL;
}

/* Decorates the links of an entity (app_links_list's rows) for a page. */
static void decorate_links(struct request *req, json_t *links)
{
	static const char *const when[] = {"recorded_at", "ended_at", NULL};
	pages_add_when(req, links, when);
	size_t i;
	json_t *l;
	json_array_foreach(links, i, l)
	{
		const char *t = pages_str(l, "other_type");
		json_object_set_new(l, "other_href",
		                    json_string(entity_href(req, t, pages_str(l, "other_id"))));
		json_object_set_new(l, "other_type_words", json_string(type_words(t)));
		json_object_set_new(l, "kind_words",
		                    json_string(kind_words(req, pages_str(l, "kind"))));
		if (*pages_str(l, "from_date"))
			json_object_set_new(
			        l, "from_text",
			        json_string(pages_date(req, pages_str(l, "from_date"))));
		if (*pages_str(l, "to_date"))
			json_object_set_new(l, "to_text",
			                    json_string(pages_date(req, pages_str(l, "to_date"))));
		json_object_set_new(
		        l, "is_intelligence",
		        json_boolean(strcmp(pages_str(l, "nature"), "intelligence") == 0));
	}
}

/* The network block of entity `id` (templates/network_block.html): the picture's
 * address, the legend in words and the table, from app_network_of. NULL when the user
 * may not read networks. */
static json_t *network_block(struct request *req, struct response *resp, const char *id, int hops)
{
	struct app_err err = {0};
	json_t *n = read_uc(req, resp, app_network_of, id,
	                    json_pack("{s:i, s:b}", "hops", hops, "picture", 1), &err);
	if (!n)
		return NULL;
	json_object_del(n, "svg");
	json_t *table = json_object_get(n, "table");
	json_t *legend = json_array(), *seen = json_object();
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(table, "nodes"), i, r)
	{
		const char *t = pages_str(r, "type");
		if (!json_object_get(seen, t)) {
			json_object_set_new(seen, t, json_true());
			json_array_append_new(legend, json_pack("{s:s, s:s}", "what", t, "how",
			                                        pages_str(r, "shape")));
		}
		if (i == 0)
			json_object_set_new(r, "is_centre", json_true());
	}
	json_array_foreach(json_object_get(table, "links"), i, r)
	{
		static const char *const dates[] = {"start", "end"};
		for (size_t d = 0; d < ARRAY_LEN(dates); d++) /* "3 Mar 2026", UK form */
			if (*pages_str(r, dates[d]))
				json_object_set_new(
				        r, dates[d],
				        json_string(pages_date(req, pages_str(r, dates[d]))));
		const char *k = pages_str(r, "kind");
		char key[80];
		snprintf(key, sizeof key, "kind:%s", k);
		if (!json_object_get(seen, key)) {
			json_object_set_new(seen, key, json_true());
			json_array_append_new(legend, json_pack("{s:s, s:s}", "what", k, "how",
			                                        pages_str(r, "line")));
		}
	}
	json_decref(seen);
	size_t nn = json_array_size(json_object_get(table, "nodes"));
	size_t nl = json_array_size(json_object_get(table, "links"));
	json_t *b = json_pack("{s:s, s:i, s:O, s:o, s:i, s:i, s:b, s:b}", "picture_href",
	                      pages_fmt(req, "/network/%s/picture.svg?hops=%d", id, hops), "hops",
	                      hops, "table", table, "legend", legend, "n_nodes", (int)nn, "n_links",
	                      (int)nl, "has_links", nl > 0, "truncated",
	                      json_is_true(json_object_get(n, "truncated")));
	json_object_set(b, "cat7", json_object_get(n, "cat7"));
	json_decref(n);
	return b;
}

/* The R-CAT-7 block: the flag with the path in words, for a record page or a network
 * page. NULL when there is nothing to say. */
static json_t *cat7_block(struct request *req, json_t *cat7)
{
	if (!json_is_object(cat7))
		return NULL;
	json_t *b = json_object();
	json_object_set_new(b, "flagged",
	                    json_boolean(json_is_true(json_object_get(cat7, "flagged"))));
	json_t *path = json_object_get(cat7, "path"), *kinds = json_object_get(cat7, "link_kinds");
	json_t *steps = json_array();
	size_t i;
	json_t *p;
	json_array_foreach(path, i, p)
	{
		const char *t = pages_str(p, "type");
		json_t *s =
		        json_pack("{s:s, s:s, s:s}", "label", pages_str(p, "label"), "type_words",
		                  type_words(t), "href", entity_href(req, t, pages_str(p, "id")));
		if (i + 1 < json_array_size(path))
			json_object_set_new(
			        s, "then",
			        json_string(kind_words(
			                req, json_string_value(json_array_get(kinds, i)))));
		json_array_append_new(steps, s);
	}
	json_object_set_new(b, "steps", steps);
	json_t *target = json_object_get(cat7, "target");
	if (json_is_object(target)) {
		const char *why = json_is_true(json_object_get(target, "order"))
		                          ? "a person of concern with an order in force"
		                          : pages_fmt(req, "a child in category %lld",
		                                      (long long)json_integer_value(
		                                              json_object_get(target, "category")));
		json_object_set_new(b, "target_words", json_string(why));
		json_int_t h = json_integer_value(json_object_get(cat7, "hops"));
		json_object_set_new(b, "hops", json_integer(h));
		json_object_set_new(
		        b, "hops_text",
		        json_string(h == 1 ? "1 link"
		                           : pages_fmt(req, "%lld links", (long long)h)));
	}
	return b;
}

/* ---- the record page's section (R-CAT-7) ---- */

json_t *pages_record_network(struct request *req, struct response *resp, const char *child_id)
{
	struct app_err err = {0};
	json_t *c = read_uc(req, resp, app_network_cat7, child_id, NULL, &err);
	if (!c)
		return NULL;
	json_t *b = cat7_block(req, c);
	json_decref(c);
	if (b)
		json_object_set_new(b, "child_id", json_string(child_id));
	return b;
}

/* ---- a person of concern ---- */

static const char *const ITEM_KIND_WORDS[][2] = {
        {"name", "Name"},
        {"alias", "Alias"},
        {"street_name", "Street name"},
        {"nickname", "Nickname"},
        {"date_of_birth", "Date of birth"},
        {"address", "Address"},
        {"social_media", "Social media"},
        {"group", "Group or gang"},
};

/* A date of birth's description in UK form: each YYYY-MM-DD in it as "27 Apr 1990". */
static const char *uk_dates(struct request *req, const char *text)
{
	const char *acc = "";
	const char *p = text;
	for (const char *q = text; *q; q++) {
		bool iso = strlen(q) >= 10 && (q == text || q[-1] == ' ');
		for (int i = 0; iso && i < 10; i++)
			iso = i == 4 || i == 7 ? q[i] == '-' : (q[i] >= '0' && q[i] <= '9');
		if (iso && (q[10] == '\0' || q[10] == ' ' || q[10] == ',')) {
			acc = pages_fmt(req, "%s%.*s%s", acc, (int)(q - p), p,
			                pages_date(req, pool_strndup(req->pool, q, 10)));
			q += 9;
			p = q + 1;
		}
	}
	return pages_fmt(req, "%s%s", acc, p);
}

static const char *item_words(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(ITEM_KIND_WORDS); i++)
		if (strcmp(kind, ITEM_KIND_WORDS[i][0]) == 0)
			return ITEM_KIND_WORDS[i][1];
	return kind;
}

/* Adds "grading_text" to graded rows: "Fact" or "Intelligence 2/B/P". */
static void grading_words(struct request *req, json_t *rows)
{
	static const char *const when[] = {"recorded_at", NULL};
	pages_add_when(req, rows, when);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *g = pages_str(r, "grading");
		bool intel = strcmp(pages_str(r, "nature"), "intelligence") == 0;
		json_object_set_new(
		        r, "grading_text",
		        json_string(intel ? pages_fmt(req, "Intelligence%s%s", *g ? " " : "", g)
		                          : "Fact"));
		json_object_set_new(r, "kind_words", json_string(item_words(pages_str(r, "kind"))));
		if (*pages_str(r, "dob_date"))
			json_object_set_new(r, "value",
			                    json_string(pages_date(req, pages_str(r, "dob_date"))));
		else if (json_is_integer(json_object_get(r, "dob_year")))
			json_object_set_new(
			        r, "value",
			        json_string(pages_fmt(req, "Born in %lld",
			                              (long long)json_integer_value(
			                                      json_object_get(r, "dob_year")))));
	}
}

void handle_page_person(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *v = pages_load(req, resp, app_person_get, id);
	if (!v)
		return;
	grading_words(req, json_object_get(v, "items"));
	grading_words(req, json_object_get(v, "phones"));
	grading_words(req, json_object_get(v, "vehicles"));
	static const char *const when[] = {"pnc_marker_at", NULL};
	pages_add_when(req, v, when);
	struct app_err err = {0};
	json_t *links = read_uc(req, resp, app_links_list, id, NULL, &err);
	if (links) {
		decorate_links(req, json_object_get(links, "links"));
		json_object_set(v, "links", json_object_get(links, "links"));
		json_decref(links);
	}
	json_t *net = network_block(req, resp, id, 2);
	if (net)
		json_object_set_new(v, "network", net);
	json_object_set_new(v, "pnc_done",
	                    json_boolean(strcmp(pages_str(v, "pnc_marker"), "done") == 0));
	json_object_set_new(v, "may_record_pnc", json_boolean(app_may_record_pnc(web_actor(req))));
	page_render(req, resp, 200, "person.html",
	            pages_fmt(req, "Person of concern: %s", pages_str(v, "label")), v);
	json_decref(v);
}

/* ---- finding a person ---- */

static const struct fs_field find_specs[] = {
        {"name", NULL, FS_TEXT, "Name, alias, street name or nickname", NULL, NULL, -1,
         "govuk-!-width-two-thirds"},
        {"date_of_birth", NULL, FS_DATE, "Date of birth", NULL, NULL, -1, NULL},
        {"phone", NULL, FS_TEXT, "Phone number", NULL, NULL, -1, "govuk-input--width-20"},
        {"vehicle", NULL, FS_TEXT, "Vehicle registration", NULL, NULL, -1, "govuk-input--width-10"},
};
#define FIND_N ARRAY_LEN(find_specs)

static void find_page(struct request *req, struct response *resp, int status, json_t *results,
                      const struct field_errors *errs, bool searched)
{
	json_t *d = json_object();
	json_object_set_new(d, "fields",
	                    formspec_fields(find_specs, FIND_N,
	                                    req->method == HTTP_POST ? req->form : NULL, NULL,
	                                    errs));
	page_add_errors(d, errs);
	if (results) {
		size_t i;
		json_t *r;
		json_array_foreach(results, i, r)
		{
			json_object_set_new(
			        r, "href",
			        json_string(pages_fmt(req, "/people/%s", pages_str(r, "id"))));
			json_t *dobs = json_object_get(r, "dates_of_birth"),
			       *names = json_object_get(r, "names");
			struct buf b;
			buf_init(&b, 1024);
			size_t j;
			json_t *x;
			json_array_foreach(names, j, x) buf_printf(
			        &b, "%s%s", j ? ", " : "",
			        json_is_string(x) ? json_string_value(x) : pages_str(x, "value"));
			json_object_set_new(r, "names_text", json_string(buf_cstr(&b)));
			buf_reset(&b);
			json_array_foreach(dobs, j, x)
			        buf_printf(&b, "%s%s", j ? ", " : "",
			                   uk_dates(req, json_is_string(x) ? json_string_value(x)
			                                                   : pages_str(x, "text")));
			json_object_set_new(r, "dobs_text",
			                    json_string(b.len ? buf_cstr(&b) : "Not known"));
			buf_release(&b);
		}
		json_object_set(d, "results", results);
		json_object_set_new(d, "has_results", json_boolean(json_array_size(results) > 0));
	}
	json_object_set_new(d, "searched", json_boolean(searched));
	page_render(req, resp, status, "people_find.html", "Find a person of concern", d);
	json_decref(d);
}

void handle_page_people_find(struct request *req, struct response *resp)
{
	find_page(req, resp, 200, NULL, NULL, false);
}

void handle_page_people_find_post(struct request *req, struct response *resp)
{
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, find_specs, FIND_N, &errs);
	if (!in)
		return;
	if (errs.n) {
		json_decref(in);
		find_page(req, resp, 422, NULL, &errs, false);
		return;
	}
	struct app_err err = {0};
	json_t *out = read_uc(req, resp, app_person_search, NULL, in, &err);
	if (!out) {
		if (err.code != APP_INVALID) {
			pages_error(req, resp, &err);
			return;
		}
		pages_app_errors(req, &err, find_specs, FIND_N, &errs);
		if (!errs.n)
			fielderr_add(&errs, "name", err.message);
		find_page(req, resp, 422, NULL, &errs, false);
		return;
	}
	find_page(req, resp, 200, json_object_get(out, "results"), NULL, true);
	json_decref(out);
}

/* ---- adding a person ---- */

static const struct fs_option NATURES[] = {
        {"fact", "Fact", "Established: seen, recorded or checked"},
        {"intelligence", "Intelligence", "Graded: give the grading below"},
        {NULL, NULL, NULL}};
static const struct fs_option GENDERS[] = {{"male", "Male", NULL},
                                           {"female", "Female", NULL},
                                           {"unknown", "Not known", NULL},
                                           {NULL, NULL, NULL}};

static const struct fs_field person_specs[] = {
        {"name", NULL, FS_TEXT, "Full name", "As it is known, even if only in part", NULL, -1,
         "govuk-!-width-two-thirds"},
        {"street_name", NULL, FS_TEXT, "Street name or alias (optional)", NULL, NULL, -1,
         "govuk-!-width-one-half"},
        {"date_of_birth", NULL, FS_DATE, "Date of birth (optional)", NULL, NULL, -1, NULL},
        {"gender", NULL, FS_RADIOS, "Gender", NULL, GENDERS, -1, NULL},
        {"phone", NULL, FS_TEXT, "Phone number (optional)",
         "A number that is not a UK number is kept as written, and marked", NULL, -1,
         "govuk-input--width-20"},
        {"vehicle", NULL, FS_TEXT, "Vehicle registration (optional)",
         "A registration that is not one is kept as written, and marked", NULL, -1,
         "govuk-input--width-10"},
        {"description", NULL, FS_TEXTAREA, "Description (optional)", NULL, NULL, -1, NULL},
        {"nature", NULL, FS_RADIOS, "Is this fact or intelligence?", NULL, NATURES, -1, NULL},
        {"grading", NULL, FS_TEXT, "Grading (intelligence only)",
         "3x5x2: source 1 to 3, intelligence A to E, handling P or C; for example, 2/B/P", NULL, -1,
         "govuk-input--width-5"},
        {"source", NULL, FS_TEXT, "Source", "Where this comes from, for example a PNC check", NULL,
         -1, "govuk-!-width-two-thirds"},
        {"confirm_new", NULL, FS_CHECKBOX, "This is a new person",
         "Tick once you have checked the people Lantern suggests may be the same", NULL, -1, NULL},
};
#define PERSON_N ARRAY_LEN(person_specs)

static void person_form(struct request *req, struct response *resp, int status,
                        const struct field_errors *errs, const struct app_err *err)
{
	struct form_page fp = {
	        .title = "Add a person of concern",
	        .caption = "People of concern",
	        .heading = "Add a person of concern",
	        .intro = "Record what is known as fact, and grade what is intelligence. Lantern "
	                 "checks whether the person may already be recorded.",
	        .back_href = "/people/find",
	        .back_text = "Back to find a person",
	        .action = "/people",
	        .submit = "Add the person",
	        .specs = person_specs,
	        .n = PERSON_N,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_person_new(struct request *req, struct response *resp)
{
	person_form(req, resp, 200, NULL, NULL);
}

/* The use case's field names ("names[0].name", "phones[0].source") as the form's. */
static void form_fields_of(struct app_err *err)
{
	for (int i = 0; i < err->nfields; i++) {
		char *f = err->fields[i].field;
		const char *dot = strrchr(f, '.');
		const char *to = NULL;
		if (dot && (strcmp(dot, ".grading") == 0 || strcmp(dot, ".source") == 0 ||
		            strcmp(dot, ".nature") == 0))
			to = dot + 1;
		else if (strncmp(f, "names[1]", 8) == 0)
			to = "street_name";
		else if (strncmp(f, "names", 5) == 0)
			to = "name";
		else if (strncmp(f, "phones", 6) == 0)
			to = "phone";
		else if (strncmp(f, "vehicles", 8) == 0)
			to = "vehicle";
		else if (strncmp(f, "dates_of_birth", 14) == 0)
			to = "date_of_birth";
		if (to)
			snprintf(err->fields[i].field, sizeof err->fields[i].field, "%s", to);
	}
}

void handle_page_person_create(struct request *req, struct response *resp)
{
	struct field_errors errs;
	json_t *f = pages_posted_json(req, resp, person_specs, PERSON_N, &errs);
	if (!f)
		return;
	if (errs.n) {
		json_decref(f);
		person_form(req, resp, 422, &errs, NULL);
		return;
	}
	/* the form's fields as the use case's items */
	json_t *in = json_object();
	json_t *names = json_array();
	json_array_append_new(
	        names, json_pack("{s:s, s:s}", "name", pages_str(f, "name"), "kind", "name"));
	if (*pages_str(f, "street_name"))
		json_array_append_new(names,
		                      json_pack("{s:s, s:s}", "name", pages_str(f, "street_name"),
		                                "kind", "street_name"));
	json_object_set_new(in, "names", names);
	if (*pages_str(f, "date_of_birth"))
		json_object_set_new(in, "dates_of_birth",
		                    json_pack("[{s:s}]", "date", pages_str(f, "date_of_birth")));
	if (*pages_str(f, "phone"))
		json_object_set_new(in, "phones", json_pack("[s]", pages_str(f, "phone")));
	if (*pages_str(f, "vehicle"))
		json_object_set_new(in, "vehicles", json_pack("[s]", pages_str(f, "vehicle")));
	static const char *const copy[] = {"gender",  "description", "nature",
	                                   "grading", "source",      "confirm_new"};
	for (size_t i = 0; i < ARRAY_LEN(copy); i++) {
		json_t *x = json_object_get(f, copy[i]);
		if (x)
			json_object_set(in, copy[i], x);
	}
	json_decref(f);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_person_add(db, web_actor(req), NULL, in, &out, &err);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/people/%s", pages_str(out, "id"));
		json_decref(in);
		json_decref(out);
		return;
	}
	if (rc == APP_CONFLICT) {
		/* R-POI-1: who may be the same, named in the error under the confirmation */
		struct buf b;
		buf_init(&b, 2048);
		buf_puts(&b, "Lantern already has people who may be the same:");
		size_t i;
		json_t *c;
		json_array_foreach(json_object_get(out, "candidates"), i, c)
		        buf_printf(&b, "%s %s", i ? ";" : "", pages_str(c, "label"));
		buf_puts(&b, ". Open them from Find a person, or tick that this is a new person.");
		fielderr_init(&errs);
		fielderr_add(&errs, "confirm_new", pool_strdup(req->pool, buf_cstr(&b)));
		buf_release(&b);
		json_decref(out);
		json_decref(in);
		person_form(req, resp, 409, &errs, NULL);
		return;
	}
	json_decref(in);
	json_decref(out);
	form_fields_of(&err);
	person_form(req, resp, 422, NULL, &err);
}

/* ---- places, vehicles, phones ---- */

static void entity_page(struct request *req, struct response *resp, app_uc *get, const char *tmpl,
                        const char *what)
{
	const char *id = request_param(req, "id");
	json_t *v = pages_load(req, resp, get, id);
	if (!v)
		return;
	static const char *const when[] = {"hotspot_at", "created_at", NULL};
	pages_add_when(req, v, when);
	struct app_err err = {0};
	json_t *links = read_uc(req, resp, app_links_list, id, NULL, &err);
	if (links) {
		decorate_links(req, json_object_get(links, "links"));
		json_object_set(v, "links", json_object_get(links, "links"));
		json_object_set(v, "label",
		                json_object_get(json_object_get(links, "entity"), "label"));
		json_decref(links);
	}
	json_t *net = network_block(req, resp, id, 2);
	if (net)
		json_object_set_new(v, "network", net);
	json_object_set_new(v, "what", json_string(what));
	json_object_set_new(
	        v, "may_mark_hotspot",
	        json_boolean(get == app_place_get && app_may_mark_hotspot(web_actor(req))));
	json_object_set_new(v, "unparsed",
	                    json_boolean(json_is_false(json_object_get(v, "parsed"))));
	page_render(req, resp, 200, tmpl, pages_fmt(req, "%s: %s", what, pages_str(v, "label")), v);
	json_decref(v);
}

void handle_page_place(struct request *req, struct response *resp)
{
	entity_page(req, resp, app_place_get, "place.html", "Place");
}

void handle_page_vehicle(struct request *req, struct response *resp)
{
	entity_page(req, resp, app_vehicle_get, "ident.html", "Vehicle");
}

void handle_page_phone(struct request *req, struct response *resp)
{
	entity_page(req, resp, app_phone_get, "ident.html", "Phone");
}

/* ---- adding a link ---- */

static const struct fs_option KINDS[] = {
        {"associate", "Associate of", "Knows, or is in contact with"},
        {"seen_with", "Seen with", NULL},
        {"found_at", "Found at", "A child found at a place"},
        {"visited", "Visited", "Went to a place"},
        {"transported", "Transported", "A vehicle carried a child or person"},
        {"uses", "Uses", "A phone or vehicle"},
        {"registered_keeper", "Registered keeper", "Of a vehicle"},
        {"member_of", "Member of", "A group"},
        {NULL, NULL, NULL}};

static const struct fs_field link_specs[] = {
        {"from", NULL, FS_HIDDEN, "From", NULL, NULL, -1, NULL},
        {"to", NULL, FS_TEXT, "Link to",
         "A child's record reference, for example LAN-2025-000022; or for a person of "
         "concern, place, vehicle or phone, the last part of its page's address, for "
         "example poc_...",
         NULL, -1, "govuk-!-width-two-thirds"},
        {"kind", NULL, FS_RADIOS, "How they are linked", NULL, KINDS, -1, NULL},
        {"from_date", NULL, FS_DATE, "Since (optional)", NULL, NULL, -1, NULL},
        {"to_date", NULL, FS_DATE, "Until (optional)", NULL, NULL, -1, NULL},
        {"nature", NULL, FS_RADIOS, "Is this fact or intelligence?", NULL, NATURES, -1, NULL},
        {"grading", NULL, FS_TEXT, "Grading (intelligence only)", "For example, 2/B/P", NULL, -1,
         "govuk-input--width-5"},
        {"source", NULL, FS_TEXT, "Source", "Where this comes from", NULL, -1,
         "govuk-!-width-two-thirds"},
        {"note", NULL, FS_TEXTAREA, "Note (optional)", NULL, NULL, -1, NULL},
};
#define LINK_N ARRAY_LEN(link_specs)

static void link_form(struct request *req, struct response *resp, int status, const char *from,
                      const struct field_errors *errs, const struct app_err *err)
{
	const char *type = strncmp(from, "ch_", 3) == 0    ? "child"
	                   : strncmp(from, "poc_", 4) == 0 ? "person"
	                   : strncmp(from, "plc_", 4) == 0 ? "place"
	                   : strncmp(from, "veh_", 4) == 0 ? "vehicle"
	                   : strncmp(from, "tel_", 4) == 0 ? "phone"
	                                                   : NULL;
	const char *back = type ? entity_href(req, type, from) : "/";
	json_t *values = json_pack("{s:s}", "from", from);
	struct form_page fp = {
	        .title = "Add a link",
	        .caption = type ? type_words(type) : "Link",
	        .heading = "Add a link",
	        .intro = "A link is seen only by those who may see both of the things it joins.",
	        .back_href = back,
	        .back_text = "Back",
	        .action = "/links",
	        .submit = "Add the link",
	        .specs = link_specs,
	        .n = LINK_N,
	        .values = values,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(values);
}

void handle_page_link_new(struct request *req, struct response *resp)
{
	const char *from = request_query(req, "from");
	if (!from || strlen(from) > 40) {
		page_error(req, resp, 404);
		return;
	}
	link_form(req, resp, 200, from, NULL, NULL);
}

void handle_page_link_create(struct request *req, struct response *resp)
{
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, link_specs, LINK_N, &errs);
	if (!in)
		return;
	const char *from = pool_strdup(req->pool, pages_str(in, "from"));
	if (errs.n) {
		json_decref(in);
		link_form(req, resp, 422, from ? from : "", &errs, NULL);
		return;
	}
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_link_add(db, web_actor(req), NULL, in, &out, &err);
	json_decref(in);
	if (rc == APP_OK) {
		const char *ft = pages_str(out, "from_type"), *fid = pages_str(out, "from_id");
		const char *tt = pages_str(out, "to_type"), *tid = pages_str(out, "to_id");
		/* back to where the link was added from, whichever end it is stored as */
		if (from && strcmp(from, tid) == 0)
			pages_redirect(req, resp, "%s", entity_href(req, tt, tid));
		else
			pages_redirect(req, resp, "%s", entity_href(req, ft, fid));
		json_decref(out);
		return;
	}
	json_decref(out);
	if (rc == APP_NOT_FOUND) { /* the other end: named under its field, like absence */
		fielderr_init(&errs);
		fielderr_add(&errs, "to", pool_strdup(req->pool, err.message));
		link_form(req, resp, 422, from ? from : "", &errs, NULL);
		return;
	}
	link_form(req, resp, 422, from ? from : "", NULL, &err);
}

/* ---- networks ---- */

static int hops_of(struct request *req)
{
	const char *h = request_query(req, "hops");
	return h && (strcmp(h, "1") == 0 || strcmp(h, "3") == 0) ? h[0] - '0' : 2;
}

void handle_page_network(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	int hops = hops_of(req);
	struct app_err err = {0};
	json_t *n = read_uc(req, resp, app_network_of, id, json_pack("{s:i}", "hops", hops), &err);
	if (!n) {
		if (err.code)
			pages_error(req, resp, &err);
		return;
	}
	json_t *centre = json_array_get(json_object_get(n, "nodes"), 0);
	const char *t = pages_str(centre, "type");
	json_t *net = network_block(req, resp, id, hops);
	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "label",
	                      pages_str(centre, "label"), "type_words", type_words(t), "href",
	                      entity_href(req, t, id), "hops_text",
	                      hops == 1 ? "1 link" : pages_fmt(req, "%d links", hops));
	if (net)
		json_object_set_new(v, "network", net);
	json_t *cat = cat7_block(req, json_object_get(n, "cat7"));
	if (cat)
		json_object_set_new(v, "cat7", cat);
	json_object_set_new(v, "hops_options",
	                    json_pack("[{s:i, s:s, s:b}, {s:i, s:s, s:b}, {s:i, s:s, s:b}]", "n", 1,
	                              "words", "1 link", "current", hops == 1, "n", 2, "words",
	                              "2 links", "current", hops == 2, "n", 3, "words", "3 links",
	                              "current", hops == 3));
	json_decref(n);
	page_render(req, resp, 200, "network.html",
	            pages_fmt(req, "Network: %s", pages_str(v, "label")), v);
	json_decref(v);
}

void handle_page_network_picture(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct app_err err = {0};
	json_t *n = read_uc(req, resp, app_network_of, id,
	                    json_pack("{s:i, s:b}", "hops", hops_of(req), "picture", 1), &err);
	if (!n) {
		if (err.code)
			page_error(req, resp, err.code == APP_FORBIDDEN ? 403 : 404);
		return;
	}
	resp->status = 200;
	resp->content_type = "image/svg+xml; charset=utf-8";
	response_set_header(resp, "Cache-Control", "no-store");
	buf_reset(&resp->body);
	buf_puts(&resp->body, pages_str(n, "svg"));
	json_decref(n);
}

/* ---- the PNC marker (R-POI-2) and a hotspot (R-LOC-1) ---- */

static const struct fs_option PNC[] = {{"done", "Done", "The locate/trace marker is on the PNC"},
                                       {"not_done", "Not done", "Say why in the note"},
                                       {NULL, NULL, NULL}};
static const struct fs_field pnc_specs[] = {
        {"status", NULL, FS_RADIOS, "PNC locate/trace marker", NULL, PNC, -1, NULL},
        {"note", NULL, FS_TEXTAREA, "Note (optional)", NULL, NULL, -1, NULL},
};
static const struct fs_option HOT[] = {{"yes", "Mark as a hotspot", NULL},
                                       {"no", "Not a hotspot", "Remove the marking"},
                                       {NULL, NULL, NULL}};
static const struct fs_field hot_specs[] = {
        {"hotspot", NULL, FS_RADIOS, "Hotspot", NULL, HOT, -1, NULL},
        {"rationale", NULL, FS_TEXTAREA, "Why",
         "For example, how many children have been found here, and when", NULL, -1, NULL},
};

static void marker_form(struct request *req, struct response *resp, int status, bool pnc,
                        const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	const char *base = pnc ? "/people" : "/places";
	struct form_page fp = {
	        .title = pnc ? "Record the PNC marker" : "Mark a hotspot",
	        .caption = pnc ? "Person of concern" : "Place",
	        .heading = pnc ? "Record the PNC locate/trace marker" : "Mark a hotspot",
	        .intro = pnc ? "Police record whether a locate/trace marker is on the Police "
	                       "National Computer (R-POI-2)."
	                     : "A hotspot is a professional judgement with a reason: the place "
	                       "is then shown as one wherever it appears (R-LOC-1).",
	        .back_href = pages_fmt(req, "%s/%s", base, id),
	        .back_text = "Back",
	        .action = pages_fmt(req, "%s/%s/%s", base, id, pnc ? "pnc-marker" : "hotspot"),
	        .submit = "Save",
	        .specs = pnc ? pnc_specs : hot_specs,
	        .n = pnc ? ARRAY_LEN(pnc_specs) : ARRAY_LEN(hot_specs),
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

static void marker_get(struct request *req, struct response *resp, bool pnc)
{
	const struct actor *who = web_actor(req);
	if (!(pnc ? app_may_record_pnc(who) : app_may_mark_hotspot(who))) {
		page_error(req, resp, 403);
		return;
	}
	marker_form(req, resp, 200, pnc, NULL, NULL);
}

static void marker_post(struct request *req, struct response *resp, bool pnc)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pnc ? pages_posted_json(req, resp, pnc_specs, ARRAY_LEN(pnc_specs), &errs)
	                 : pages_posted_json(req, resp, hot_specs, ARRAY_LEN(hot_specs), &errs);
	if (!in)
		return;
	if (!pnc) {
		const char *h = pages_str(in, "hotspot");
		if (*h)
			json_object_set_new(in, "hotspot", json_boolean(strcmp(h, "yes") == 0));
	}
	if (errs.n) {
		json_decref(in);
		marker_form(req, resp, 422, pnc, &errs, NULL);
		return;
	}
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = (pnc ? app_person_pnc_marker : app_place_hotspot)(db, web_actor(req), id, in, &out,
	                                                           &err);
	json_decref(in);
	json_decref(out);
	if (rc == APP_OK)
		pages_redirect(req, resp, "%s/%s", pnc ? "/people" : "/places", id);
	else
		marker_form(req, resp, 422, pnc, NULL, &err);
}

void handle_page_person_pnc_form(struct request *req, struct response *resp)
{
	marker_get(req, resp, true);
}

void handle_page_person_pnc(struct request *req, struct response *resp)
{
	marker_post(req, resp, true);
}

void handle_page_place_hotspot_form(struct request *req, struct response *resp)
{
	marker_get(req, resp, false);
}

void handle_page_place_hotspot(struct request *req, struct response *resp)
{
	marker_post(req, resp, false);
}

/* ---- the partnership's networks (R-MASE-9) ---- */

/* Adds "href" to each node {id, type, label} of arr. */
static void node_hrefs(struct request *req, json_t *arr)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) json_object_set_new(
	        x, "href", json_string(entity_href(req, pages_str(x, "type"), pages_str(x, "id"))));
}

/* Adds "has_<key>" (a non-empty array) to o. */
static void has(json_t *o, const char *key, const char *flag)
{
	json_object_set_new(o, flag, json_boolean(json_array_size(json_object_get(o, key)) > 0));
}

void handle_page_networks(struct request *req, struct response *resp)
{
	struct app_err err = {0};
	json_t *v = read_uc(req, resp, app_networks, NULL, NULL, &err);
	if (!v) {
		if (err.code)
			pages_error(req, resp, &err);
		return;
	}
	node_hrefs(req, json_object_get(v, "key_people"));
	has(v, "key_people", "has_key_people");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(v, "serial_people"), i, x)
	{
		json_t *p = json_object_get(x, "person");
		json_object_set_new(p, "href",
		                    json_string(entity_href(req, "person", pages_str(p, "id"))));
		node_hrefs(req, json_object_get(x, "children"));
		json_object_set_new(
		        x, "n_children",
		        json_integer((json_int_t)json_array_size(json_object_get(x, "children"))));
	}
	json_array_foreach(json_object_get(v, "hotspots"), i, x)
	{
		json_t *p = json_object_get(x, "place");
		json_object_set_new(p, "href",
		                    json_string(entity_href(req, "place", pages_str(p, "id"))));
	}
	json_array_foreach(json_object_get(v, "missing_together"), i, x)
	{
		node_hrefs(req, json_object_get(x, "children"));
		node_hrefs(req, json_object_get(x, "shared"));
		has(x, "shared", "has_shared");
	}
	json_array_foreach(json_object_get(v, "networks"), i, x)
	{
		node_hrefs(req, json_object_get(x, "key_people"));
		has(x, "key_people", "has_key");
	}
	json_t *cases = read_uc(req, resp, app_network_linked_cases, NULL, NULL, &err);
	if (cases) {
		json_t *rows = json_array();
		json_array_foreach(json_object_get(cases, "cases"), i, x)
		{
			json_t *b = cat7_block(req, x);
			json_object_set(b, "label", json_object_get(x, "label"));
			json_object_set(b, "record", json_object_get(x, "record"));
			json_array_append_new(rows, b);
		}
		json_object_set_new(v, "linked_cases", rows);
		json_decref(cases);
	}
	page_render(req, resp, 200, "networks.html", "Networks across the partnership", v);
	json_decref(v);
}
