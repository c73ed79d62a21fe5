/*
 * handlers/pages_orders.c: a person of concern's orders, outcome codes and criminal
 * justice cases (GET /people/{id}/orders), recording an order or notice
 * (/people/{id}/orders/new), one order with its deadlines and history (GET
 * /orders/{id}) and each change from application to service and after
 * (/orders/{id}/change), and criminal justice cases (/people/{id}/cj-cases/new,
 * /cj-cases/{id}). Each form: GET shows it, POST runs the use case and answers 303, or
 * the form again (422) with every error under its field, naming the rule that refused
 * it. Links and buttons show only for roles that may use them (the views say which).
 */
#include "app/cj.h"
#include "app/orders.h"
#include "util/buf.h"
#include "util/pool.h"
#include "web/handlers/disruption.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"

/* Adds "<key>_date" (UK date text) next to each date member named in keys of o, and of
 * each element when o is an array. */
static void add_dates(struct request *req, json_t *o, const char *const *keys)
{
	if (json_is_array(o)) {
		size_t i;
		json_t *e;
		json_array_foreach(o, i, e) add_dates(req, e, keys);
		return;
	}
	for (const char *const *k = keys; *k; k++) {
		const char *v = json_string_value(json_object_get(o, *k));
		if (v)
			json_object_set_new(o, pages_fmt(req, "%s_date", *k),
			                    json_string(pages_date(req, v)));
	}
}

static const char *const DATES[] = {
        "applied_on",   "made_on",     "varied_on",    "expired_on",  "discharged_on",
        "ends_on",      "on_date",     "until_date",   "child_dob",   "travel_from",
        "travel_until", "achieved_on", "arrested_on",  "referred_on", "decided_on",
        "charged_on",   "result_on",   "sentenced_on", NULL};
static const char *const TIMES[] = {"served_at",  "notified_at", "recorded_at", "created_at",
                                    "changed_at", "due_at",      "updated_at",  NULL};

/* The tag colour of an order status. */
static const char *status_class(const char *s)
{
	return !s                           ? "govuk-tag--grey"
	       : strcmp(s, "applied") == 0  ? "govuk-tag--light-blue"
	       : strcmp(s, "made") == 0     ? "govuk-tag--blue"
	       : strcmp(s, "served") == 0   ? "govuk-tag--green"
	       : strcmp(s, "varied") == 0   ? "govuk-tag--turquoise"
	       : strcmp(s, "breached") == 0 ? "govuk-tag--red"
	                                    : "govuk-tag--grey";
}

/* Decorates order rows for a page: dates, times, a status tag class and the words of
 * "served" for a CAWN's child. */
static void decorate_orders(struct request *req, json_t *rows)
{
	add_dates(req, rows, DATES);
	pages_add_when(req, rows, TIMES);
	size_t i;
	json_t *r;
	json_array_foreach(json_is_array(rows) ? rows : NULL, i, r)
	{
		json_object_set_new(
		        r, "status_class",
		        json_string(status_class(json_string_value(json_object_get(r, "status")))));
		if (json_integer_value(json_object_get(r, "breaches")) == 0)
			json_object_del(r, "breaches");
		const char *g = pages_str(r, "child_given_names");
		if (*g)
			json_object_set_new(
			        r, "child_name",
			        json_string(pages_fmt(req, "%s %s", g,
			                              pages_str(r, "child_family_name"))));
	}
}

/* ---- the person's page ---- */

void handle_page_person_orders(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *v = pages_load(req, resp, app_person_orders, id);
	if (!v)
		return;
	decorate_orders(req, json_object_get(v, "orders"));
	json_t *oc = json_object_get(v, "outcomes");
	add_dates(req, oc, DATES);
	size_t i;
	json_t *e;
	json_array_foreach(oc, i, e) json_object_set_new(
	        e, "code_label", json_string(pages_label(REF_OUTCOMES, pages_str(e, "code"))));
	json_t *cases = json_object_get(v, "cj_cases");
	add_dates(req, cases, DATES);
	json_array_foreach(cases, i, e)
	{
		const char *d = pages_str(e, "decision"), *r = pages_str(e, "result");
		if (*d)
			json_object_set_new(e, "decision_label",
			                    json_string(pages_label(REF_CPS_DECISIONS, d)));
		if (*r)
			json_object_set_new(e, "result_label",
			                    json_string(pages_label(REF_COURT_RESULTS, r)));
	}
	json_object_set_new(v, "id", json_string(id));
	json_object_set_new(v, "has_cases", json_boolean(json_array_size(cases) > 0));
	const char *label = pages_str(json_object_get(v, "person"), "label");
	page_render(req, resp, 200, "person_orders.html",
	            pages_fmt(req, "Orders and outcomes: %s", *label ? label : "person of concern"),
	            v);
	json_decref(v);
}

/* ---- recording an order ---- */

static const struct fs_option TYPES[] = {
        {"sro", "Sexual Risk Order", "At least 2 years; name and address notified within 3 days"},
        {"shpo", "Sexual Harm Prevention Order", "At least 5 years"},
        {"cawn", "Child Abduction Warning Notice",
         "For a child under 16, or under 18 and in care, on the date served"},
        {"notification_order", "Notification order", NULL},
        {"asbo_injunction", "Civil injunction (formerly ASBO)", NULL},
        {"licensing_action", "Licensing action", NULL},
        {NULL, NULL, NULL}};
static const struct fs_option TYPES_POLICE[] = {
        {"sro", "Sexual Risk Order", "At least 2 years; name and address notified within 3 days"},
        {"shpo", "Sexual Harm Prevention Order", "At least 5 years"},
        {"cawn", "Child Abduction Warning Notice",
         "For a child under 16, or under 18 and in care, on the date served"},
        {"notification_order", "Notification order", NULL},
        {"asbo_injunction", "Civil injunction (formerly ASBO)", NULL},
        {"licensing_action", "Licensing action", NULL},
        {"covert_tactic", "Covert tactic", "Restricted: seen only by entitled police"},
        {NULL, NULL, NULL}};
static const struct fs_option START[] = {
        {"applied", "Applied for", "Give the date of the application"},
        {"made", "Made by the court", "Give the date it was made"},
        {"served", "Served", "Give the date it was made and when it was served"},
        {NULL, NULL, NULL}};

/* The order form; the type and child fields are filled in per request. */
static struct fs_field order_specs[] = {
        {"type", NULL, FS_RADIOS, "Type of order or notice", NULL, TYPES, -1, NULL},
        {"status", NULL, FS_RADIOS, "Where it stands",
         "A notice is issued and served by the police: choose Served.", START, -1, NULL},
        {"applied_on", NULL, FS_DATE, "Date applied for", NULL, NULL, -1, NULL},
        {"made_on", NULL, FS_DATE, "Date made by the court", NULL, NULL, -1, NULL},
        {"ends_on", NULL, FS_DATE, "Runs until", "Leave empty if it runs until further order.",
         NULL, -1, NULL},
        {"served_at", NULL, FS_DATETIME, "Served on", NULL, NULL, -1, NULL},
        {"serving_officer", NULL, FS_TEXT, "Serving officer", "Name, rank and number", NULL, -1,
         "govuk-!-width-one-half"},
        {"child_id", NULL, FS_SELECT, "The child it protects",
         "Child abduction warning notice only: a child linked to this person", NULL, -1, NULL},
        {"on", NULL, FS_DATE, "Date", "Licensing action or covert tactic: the date it began", NULL,
         -1, NULL},
        {"note", NULL, FS_TEXTAREA, "Note", NULL, NULL, -1, NULL},
};
#define ORDER_N ARRAY_LEN(order_specs)
#define ORDER_TYPE 0  /* order_specs[ORDER_TYPE]: the type, options per viewer */
#define ORDER_CHILD 7 /* order_specs[ORDER_CHILD]: the CAWN's child, options per person */

/* The order form's fields for this viewer: the types they may record and the children
 * linked to the person whom they see. Copies the specs into the request's pool. */
static struct fs_field *order_fields(struct request *req, json_t *view)
{
	struct fs_field *f = pool_alloc(req->pool, sizeof order_specs);
	if (!f)
		return NULL;
	memcpy(f, order_specs, sizeof order_specs);
	f[ORDER_TYPE].options =
	        json_is_true(json_object_get(view, "entitled")) ? TYPES_POLICE : TYPES;
	json_t *kids = json_object_get(view, "children");
	size_t n = json_array_size(kids);
	struct fs_option *o = pool_calloc(req->pool, n + 1, sizeof *o);
	if (!o)
		return NULL;
	size_t i;
	json_t *k;
	json_array_foreach(kids, i, k) o[i] =
	        (struct fs_option){pages_str(k, "id"), pages_str(k, "name"), NULL};
	f[ORDER_CHILD].options = o;
	return f;
}

static void order_form(struct request *req, struct response *resp, json_t *view, int status,
                       const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	const char *label = pages_str(json_object_get(view, "person"), "label");
	struct fs_field *specs = order_fields(req, view);
	if (!specs) {
		page_error(req, resp, 500);
		return;
	}
	struct form_page fp = {
	        .title = "Record an order or notice",
	        .caption = label,
	        .heading = "Record an order or notice",
	        .intro = "Record it from the application, and each step after it as it happens. "
	                 "Serving it adds the outcome code FP or FO to this person.",
	        .back_href = pages_fmt(req, "/people/%s/orders", id),
	        .back_text = "Back to the person's orders",
	        .action = pages_fmt(req, "/people/%s/orders", id),
	        .submit = "Record the order",
	        .specs = specs,
	        .n = ORDER_N,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_order_new(struct request *req, struct response *resp)
{
	json_t *v = pages_load(req, resp, app_person_orders, request_param(req, "id"));
	if (!v)
		return;
	if (!json_is_true(json_object_get(v, "can_record")))
		page_error(req, resp, 403);
	else
		order_form(req, resp, v, 200, NULL, NULL);
	json_decref(v);
}

void handle_page_order_create(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, order_specs, ORDER_N, &errs);
	if (!in)
		return;
	json_object_set_new(in, "person_id", json_string(id));
	const char *type = pages_str(in, "type");
	if (strcmp(type, "cawn") != 0) /* the child is the notice's alone */
		json_object_del(in, "child_id");
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_order_add, NULL, in, order_specs, ORDER_N,
	                                   &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/orders/%s", pages_str(out, "id"));
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	json_t *v = pages_load(req, resp, app_person_orders, id);
	if (!v)
		return;
	order_form(req, resp, v, 422, &errs, errs.n ? NULL : &err);
	json_decref(v);
}

/* ---- one order ---- */

void handle_page_order(struct request *req, struct response *resp)
{
	json_t *o = pages_load(req, resp, app_order_get, request_param(req, "id"));
	if (!o)
		return;
	add_dates(req, o, DATES);
	pages_add_when(req, o, TIMES);
	add_dates(req, json_object_get(o, "breaches"), (const char *const[]){"on_date", NULL});
	pages_add_when(req, json_object_get(o, "changes"), TIMES);
	pages_add_when(req, json_object_get(o, "history"), TIMES);
	size_t k;
	json_t *h;
	json_array_foreach(json_object_get(o, "history"), k, h)
	{ /* "status,served_at" -> "status, served at" */
		struct buf b;
		buf_init(&b, 1024);
		for (const char *p = pages_str(h, "fields"); *p; p++) {
			if (*p == ',')
				buf_printf(&b, ", ");
			else
				buf_printf(&b, "%c", *p == '_' ? ' ' : *p);
		}
		json_object_set_new(h, "fields", json_string(buf_cstr(&b)));
		buf_release(&b);
	}
	json_object_set_new(
	        o, "status_class",
	        json_string(status_class(json_string_value(json_object_get(o, "status")))));
	const char *g = pages_str(o, "child_given_names");
	if (*g)
		json_object_set_new(
		        o, "child_name",
		        json_string(pages_fmt(req, "%s %s", g, pages_str(o, "child_family_name"))));
	const char *oc = pages_str(o, "outcome");
	if (*oc)
		json_object_set_new(o, "outcome_label", json_string(pages_label(REF_OUTCOMES, oc)));
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(o, "deadlines"), i, d)
	{
		const char *s = pages_str(d, "state");
		json_object_set_new(d, "tag_class",
		                    json_string(strcmp(s, "red") == 0     ? "govuk-tag--red"
		                                : strcmp(s, "amber") == 0 ? "govuk-tag--orange"
		                                : strcmp(s, "done") == 0  ? "govuk-tag--grey"
		                                                          : "govuk-tag--green"));
		json_object_set_new(d, "tag",
		                    json_string(strcmp(s, "red") == 0     ? "Overdue"
		                                : strcmp(s, "amber") == 0 ? "Due soon"
		                                : strcmp(s, "done") == 0  ? "Done"
		                                                          : "On time"));
	}
	json_object_set_new(o, "has_deadlines",
	                    json_boolean(json_array_size(json_object_get(o, "deadlines")) > 0));
	json_object_set_new(o, "has_breaches",
	                    json_boolean(json_array_size(json_object_get(o, "breaches")) > 0));
	json_object_set_new(o, "has_changes",
	                    json_boolean(json_array_size(json_object_get(o, "changes")) > 0));
	page_render(req, resp, 200, "order.html", pages_fmt(req, "%s", pages_str(o, "type_label")),
	            o);
	json_decref(o);
}

static const struct fs_option CHANGE_STATUS[] = {
        {"made", "Made by the court", NULL},
        {"served", "Served", "Serving it adds the outcome code to the person"},
        {"varied", "Varied", NULL},
        {"breached", "Breached", "Give the date of the breach"},
        {"expired", "Expired", NULL},
        {"discharged", "Discharged", NULL},
        {NULL, NULL, NULL}};
static const struct fs_field change_specs[] = {
        {"status", NULL, FS_RADIOS, "What happened",
         "Leave unchosen to record only the dates below.", CHANGE_STATUS, -1, NULL},
        {"made_on", NULL, FS_DATE, "Date made by the court", NULL, NULL, -1, NULL},
        {"ends_on", NULL, FS_DATE, "Runs until", NULL, NULL, -1, NULL},
        {"served_at", NULL, FS_DATETIME, "Served on", NULL, NULL, -1, NULL},
        {"serving_officer", NULL, FS_TEXT, "Serving officer", "Name, rank and number", NULL, -1,
         "govuk-!-width-one-half"},
        {"varied_on", NULL, FS_DATE, "Date varied", NULL, NULL, -1, NULL},
        {"breach_on", NULL, FS_DATE, "Date of the breach", NULL, NULL, -1, NULL},
        {"expired_on", NULL, FS_DATE, "Date it expired", NULL, NULL, -1, NULL},
        {"discharged_on", NULL, FS_DATE, "Date discharged", NULL, NULL, -1, NULL},
        {"notified_at", NULL, FS_DATETIME, "Name and address notified on",
         "Sexual Risk Order only.", NULL, -1, NULL},
        {"name_change_at", NULL, FS_DATETIME, "The subject changed name or address on",
         "Sexual Risk Order only: the subject has three days to notify it.", NULL, -1, NULL},
        {"until", NULL, FS_DATE, "Ended on", "A marker removed or a covert tactic ended", NULL, -1,
         NULL},
        {"note", NULL, FS_TEXTAREA, "Why", "Kept in the order's history", NULL, -1, NULL},
};

/* Renames the field errors on `from` to `to`: the protocol names the order's facts
 * ("breaches"), the change form the field that adds to them ("breach_on"). */
static void rename_field(struct app_err *err, const char *from, const char *to)
{
	for (int i = 0; i < err->nfields; i++)
		if (strcmp(err->fields[i].field, from) == 0)
			snprintf(err->fields[i].field, sizeof err->fields[i].field, "%s", to);
}

static void change_form(struct request *req, struct response *resp, json_t *order, int status,
                        const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	json_t *facts = json_pack(
	        "[{s:s, s:s}, {s:s, s:s}]", "key", "Order", "value", pages_str(order, "type_label"),
	        "key", "Status now", "value",
	        *pages_str(order, "status_label") ? pages_str(order, "status_label") : "Recorded");
	struct form_page fp = {
	        .title = "Record a change to the order",
	        .caption = pages_str(order, "person_label"),
	        .heading = "Record a change to the order",
	        .intro = "Dates already recorded are kept. Record each step as it happens.",
	        .back_href = pages_fmt(req, "/orders/%s", id),
	        .back_text = "Back to the order",
	        .action = pages_fmt(req, "/orders/%s/change", id),
	        .submit = "Record the change",
	        .specs = change_specs,
	        .n = ARRAY_LEN(change_specs),
	        .facts = facts,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
	json_decref(facts);
}

void handle_page_order_change_form(struct request *req, struct response *resp)
{
	json_t *o = pages_load(req, resp, app_order_get, request_param(req, "id"));
	if (!o)
		return;
	if (!json_is_true(json_object_get(o, "can_change")))
		page_error(req, resp, 403);
	else
		change_form(req, resp, o, 200, NULL, NULL);
	json_decref(o);
}

void handle_page_order_change(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, change_specs, ARRAY_LEN(change_specs), &errs);
	if (!in)
		return;
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_order_change, id, in, change_specs,
	                                   ARRAY_LEN(change_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/orders/%s", id);
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	rename_field(&err, "breaches", "breach_on");
	rename_field(&err, "changes", "name_change_at");
	json_t *o = pages_load(req, resp, app_order_get, id);
	if (!o)
		return;
	change_form(req, resp, o, 422, &errs, errs.n ? NULL : &err);
	json_decref(o);
}

/* ---- criminal justice cases (R-OUTC-2) ---- */

static const struct fs_field cj_specs[] = {
        {"network", NULL, FS_TEXT, "Organised network",
         "Its name or operation, if it is part of one", NULL, -1, "govuk-!-width-one-half"},
        {"arrested_on", NULL, FS_DATE, "Arrested on", NULL, NULL, -1, NULL},
        {"referred_on", NULL, FS_DATE, "Referred to the CPS on", NULL, NULL, -1, NULL},
        {"decision", NULL, FS_RADIOS, "CPS decision", NULL, NULL, REF_CPS_DECISIONS, NULL},
        {"decided_on", NULL, FS_DATE, "Decided on", NULL, NULL, -1, NULL},
        {"charged_on", NULL, FS_DATE, "Charged on",
         "A charge adds the outcome code FQ to this person", NULL, -1, NULL},
        {"offence", NULL, FS_TEXTAREA, "Offence charged", NULL, NULL, -1, NULL},
        {"result", NULL, FS_RADIOS, "Result at court", NULL, NULL, REF_COURT_RESULTS, NULL},
        {"result_on", NULL, FS_DATE, "Result on", NULL, NULL, -1, NULL},
        {"sentenced_on", NULL, FS_DATE, "Sentenced on", NULL, NULL, -1, NULL},
        {"sentence", NULL, FS_TEXTAREA, "Sentence", NULL, NULL, -1, NULL},
};

/* The case form for person `label`: new (case NULL) or an update of `c`. */
static void cj_form(struct request *req, struct response *resp, const char *label, json_t *c,
                    int status, const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	const char *pid = c ? pages_str(c, "person_id") : id;
	struct form_page fp = {
	        .title = c ? "Criminal justice case" : "Open a criminal justice case",
	        .caption = label,
	        .heading = c ? "Criminal justice case" : "Open a criminal justice case",
	        .intro = "From arrest to sentence. Record each step as it happens; an arrest and a "
	                 "charge are recorded as disruptions too.",
	        .back_href = pages_fmt(req, "/people/%s/orders", pid),
	        .back_text = "Back to the person's orders",
	        .action = c ? pages_fmt(req, "/cj-cases/%s", id)
	                    : pages_fmt(req, "/people/%s/cj-cases", id),
	        .submit = c ? "Save the case" : "Open the case",
	        .specs = cj_specs,
	        .n = ARRAY_LEN(cj_specs),
	        .values = c,
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_cj_new(struct request *req, struct response *resp)
{
	json_t *v = pages_load(req, resp, app_person_orders, request_param(req, "id"));
	if (!v)
		return;
	if (!json_is_true(json_object_get(v, "can_record")))
		page_error(req, resp, 403);
	else
		cj_form(req, resp, pages_str(json_object_get(v, "person"), "label"), NULL, 200,
		        NULL, NULL);
	json_decref(v);
}

/* Answers a posted case form: fn on `id` (person for a new case, case for an update). */
static void cj_post(struct request *req, struct response *resp, app_uc *fn, bool is_new)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, cj_specs, ARRAY_LEN(cj_specs), &errs);
	if (!in)
		return;
	if (is_new)
		json_object_set_new(in, "person_id", json_string(id));
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, fn, is_new ? NULL : id, in, cj_specs,
	                                   ARRAY_LEN(cj_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/people/%s/orders#cj", pages_str(out, "person_id"));
	json_decref(out);
	if (rc != PAGES_POST_REFUSED)
		return;
	json_t *v = pages_load(req, resp, is_new ? app_person_orders : app_cj_case_get, id);
	if (!v)
		return;
	const char *label = is_new ? pages_str(json_object_get(v, "person"), "label")
	                           : pages_str(v, "person_label");
	cj_form(req, resp, label, is_new ? NULL : v, 422, &errs, errs.n ? NULL : &err);
	json_decref(v);
}

void handle_page_cj_create(struct request *req, struct response *resp)
{
	cj_post(req, resp, app_cj_case_add, true);
}

void handle_page_cj(struct request *req, struct response *resp)
{
	json_t *c = pages_load(req, resp, app_cj_case_get, request_param(req, "id"));
	if (!c)
		return;
	if (!json_is_true(json_object_get(c, "can_change")))
		page_error(req, resp, 403);
	else
		cj_form(req, resp, pages_str(c, "person_label"), c, 200, NULL, NULL);
	json_decref(c);
}

void handle_page_cj_update(struct request *req, struct response *resp)
{
	cj_post(req, resp, app_cj_case_update, false);
}

/* What the handlers add from the path before the use case, for the field-name check
 * (the value stands in for the path's). */
static void person_adjust(json_t *in)
{
	json_object_set_new(in, "person_id", json_string("path"));
}

size_t pages_order_forms(struct page_form_use *out, size_t max)
{
	const struct page_form_use forms[] = {
	        {"/people/{id}/orders", {{order_specs, ORDER_N}}, app_order_add, person_adjust},
	        {"/orders/{id}/changes",
	         {{change_specs, ARRAY_LEN(change_specs)}},
	         app_order_change,
	         NULL},
	        {"/people/{id}/cases",
	         {{cj_specs, ARRAY_LEN(cj_specs)}},
	         app_cj_case_add,
	         person_adjust},
	        {"/cases/{id}", {{cj_specs, ARRAY_LEN(cj_specs)}}, app_cj_case_update, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(forms) && i < max; i++)
		out[i] = forms[i];
	return ARRAY_LEN(forms);
}
