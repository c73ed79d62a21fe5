/*
 * pages_mase.c: the pages of the monthly multi-agency meeting (handlers/mase.h). Each
 * page is the view of a use case of app/mase.h (or app/plans.h for an action agreed at
 * a meeting) with words added for the page; forms post to the same use cases as the
 * API, and a refusal re-renders the page with the errors above the form it concerns.
 * The meeting pack is the meeting and the agenda as the reader may see them, laid out
 * for paper by the print stylesheet (the record print's frame).
 */
#include "app/mase.h"
#include "app/may.h"
#include "app/plans.h"
#include "util/ltime.h"
#include "util/pool.h"
#include "web/form.h"
#include "web/handlers/mase.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"
#include "web/webapp.h"

#define ATTENDEE_ROWS 9

/* The statutory members, pre-filled in the meeting form's rows (R-MASE-3). */
static const char *const ROW_MEMBERS[ATTENDEE_ROWS] = {
        "police",          "police",    "childrens_social_care",
        "health",          "education", "support_service",
        "youth_offending", "",          ""};

/* Runs use case fn as the request's actor (taking in); *answered when a response was sent. */
static int run(struct request *req, struct response *resp, app_uc *fn, const char *id, json_t *in,
               json_t **out, struct app_err *err, bool *answered)
{
	*answered = false;
	*out = NULL;
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		*answered = true;
		return APP_FAILED;
	}
	int rc = fn(db, web_actor(req), id, in, out, err);
	json_decref(in);
	return rc;
}

/* The use case's errors as the page's errors (prefixed with the form's id). */
static void errors_of(const struct app_err *err, const char *form, struct field_errors *errs)
{
	fielderr_init(errs);
	for (int i = 0; i < err->nfields; i++)
		fielderr_add(errs, form, err->fields[i].message);
	if (!err->nfields)
		fielderr_add(errs, form, err->message);
}

static const char *opt(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v && *v ? v : NULL;
}

/* Whether the actor records meetings (the use cases' own rule, app/may.h). */
static bool can_organise(struct request *req)
{
	return app_may_organise_mase(web_actor(req));
}

/* The tactical options a meeting's forms offer (R-ORD-5): those not restricted (covert
 * tactics are marked on the record's checklist by entitled police only). */
static json_t *tactic_options(void)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_TACTICS, &n);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (!(items[i].flags & REF_RESTRICTED))
			json_array_append_new(arr, json_pack("{s:s, s:s}", "value", items[i].code,
			                                     "label", items[i].label));
	return arr;
}

/* The reference list `t` as select options, `sel` chosen. */
static json_t *options(enum ref_table t, const char *sel, const char *group)
{
	size_t n;
	const struct ref_item *items = ref_table(t, &n);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (group && (!items[i].group || strcmp(items[i].group, group) != 0))
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", items[i].code,
		                                     "label", items[i].label, "selected",
		                                     sel && strcmp(sel, items[i].code) == 0));
	}
	return arr;
}

/* ---- the borough's meetings ---- */

static void borough_page(struct request *req, struct response *resp, int status,
                         const struct field_errors *errs)
{
	const char *id = request_param(req, "id");
	json_t *v = pages_load(req, resp, app_mase_borough, id);
	if (!v)
		return;
	json_t *rows = json_array();
	for (int i = 0; i < ATTENDEE_ROWS; i++)
		json_array_append_new(
		        rows, json_pack("{s:i, s:o, s:o, s:b}", "n", i, "members",
		                        options(REF_MASE_MEMBERS, ROW_MEMBERS[i], NULL), "ranks",
		                        options(REF_POLICE_RANKS,
		                                i == 0   ? "chief_inspector"
		                                : i == 1 ? "detective_inspector"
		                                         : NULL,
		                                NULL),
		                        "is_chair", i == 0));
	json_object_set_new(v, "rows", rows);
	json_object_set_new(v, "can_organise", json_boolean(can_organise(req)));
	json_object_set_new(v, "no_meetings",
	                    json_boolean(json_array_size(json_object_get(v, "meetings")) == 0));
	json_t *s = json_object_get(v, "schedule");
	json_object_set_new(v, "schedule_text",
	                    json_string(!json_is_object(s) ? "No schedule set"
	                                : strcmp(pages_str(s, "rule"), "nth_weekday") == 0
	                                        ? pages_fmt(req,
	                                                    "Week %lld of the month, day %lld "
	                                                    "(1 Monday to 7 Sunday), at %s",
	                                                    (long long)json_integer_value(
	                                                            json_object_get(s, "nth")),
	                                                    (long long)json_integer_value(
	                                                            json_object_get(s, "weekday")),
	                                                    pages_str(s, "time"))
	                                        : pages_fmt(req, "Day %lld of the month at %s",
	                                                    (long long)json_integer_value(
	                                                            json_object_get(s, "day")),
	                                                    pages_str(s, "time"))));
	if (errs)
		page_add_errors(v, errs);
	page_render(req, resp, status, "mase_borough.html",
	            pages_fmt(req, "%s meetings: %s", pages_str(v, "meeting_name"),
	                      pages_str(json_object_get(v, "borough"), "name")),
	            v);
	json_decref(v);
}

void handle_page_mase_borough(struct request *req, struct response *resp)
{
	borough_page(req, resp, 200, NULL);
}

/* After a form: a redirect to `to` on success, else the page again with the errors. */
static void after_form(struct request *req, struct response *resp, int rc, struct app_err *err,
                       const char *form, const char *to,
                       void (*page)(struct request *, struct response *, int,
                                    const struct field_errors *))
{
	if (rc == APP_OK) {
		pages_redirect(req, resp, "%s", to);
		return;
	}
	if (rc != APP_INVALID && rc != APP_CONFLICT) {
		pages_error(req, resp, err);
		return;
	}
	struct field_errors errs;
	errors_of(err, form, &errs);
	page(req, resp, 422, &errs);
}

void handle_page_mase_schedule(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *in = json_object();
	const char *rule = opt(f, "rule");
	json_object_set_new(in, "rule", json_string(rule ? rule : ""));
	json_object_set_new(in, "time", json_string(opt(f, "time") ? opt(f, "time") : ""));
	static const char *const ints[] = {"nth", "weekday", "day"};
	for (size_t i = 0; i < 3; i++) {
		const char *s = opt(f, ints[i]);
		if (s)
			json_object_set_new(in, ints[i], json_integer(strtol(s, NULL, 10)));
	}
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_mase_schedule_set, id, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	after_form(req, resp, rc, &err, "schedule", pages_fmt(req, "/boroughs/%s/mase", id),
	           borough_page);
}

void handle_page_mase_meeting_create(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	const char *chair = opt(f, "chair");
	const char *co = opt(f, "co_chair");
	json_t *att = json_array();
	for (int i = 0; i < ATTENDEE_ROWS; i++) {
		char k[32];
#define FIELD(name) (snprintf(k, sizeof k, "a%d_" name, i), opt(f, k))
		const char *name = FIELD("name");
		if (!name)
			continue;
		const char *member = FIELD("member");
		const char *rank = FIELD("rank");
		const char *role = FIELD("role");
		const char *user = FIELD("username");
		bool absent = FIELD("absent") != NULL;
		bool csc = FIELD("csc_manager") != NULL;
#undef FIELD
		char n[4];
		snprintf(n, sizeof n, "%d", i);
		json_t *a = json_pack("{s:s, s:s, s:b, s:b, s:b, s:b}", "name", name, "member",
		                      member ? member : "", "chair", chair && strcmp(chair, n) == 0,
		                      "co_chair", co && strcmp(co, n) == 0, "present", !absent,
		                      "csc_manager", csc);
		if (member && strcmp(member, "police") == 0 && rank)
			json_object_set_new(a, "rank", json_string(rank));
		if (role)
			json_object_set_new(a, "role", json_string(role));
		if (user)
			json_object_set_new(a, "username", json_string(user));
		json_array_append_new(att, a);
	}
	const char *held = opt(f, "held_at");
	char iso[LT_TIME_LEN] = "";
	int64_t t;
	/* the form's date and time (datetime-local, London) */
	if (held && strlen(held) == 16) {
		char buf[32];
		snprintf(buf, sizeof buf, "%s:00Z", held);
		if (ltime_parse(buf, &t) == 0)
			ltime_format(t - ltime_london_offset(t), iso);
	}
	json_t *in = json_pack("{s:s, s:o}", "borough", id, "attendees", att);
	if (iso[0])
		json_object_set_new(in, "held_at", json_string(iso));
	else if (held)
		json_object_set_new(in, "held_at", json_string(held));
	if (opt(f, "minutes"))
		json_object_set_new(in, "minutes", json_string(opt(f, "minutes")));
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_mase_meeting_add, NULL, in, &out, &err, &answered);
	if (answered)
		return;
	const char *to =
	        rc == APP_OK ? pages_fmt(req, "/mase-meetings/%s", pages_str(out, "id")) : "";
	json_decref(out);
	after_form(req, resp, rc, &err, "meeting", to, borough_page);
}

/* ---- the agenda ---- */

/* The linked cases (R-MASE-9) in words: "2 links", what the other end is, and the
 * path "Ama Osei (child), associate, Neil Brackley-Demo (person of concern)". */
static void linked_words(struct request *req, json_t *sec)
{
	size_t j, k;
	json_t *it, *node;
	json_array_foreach(json_object_get(sec, "items"), j, it)
	{
		json_int_t hops = json_integer_value(json_object_get(it, "hops"));
		json_object_set_new(
		        it, "hops_words",
		        json_string(hops == 1 ? "1 link"
		                              : pages_fmt(req, "%lld links", (long long)hops)));
		json_t *t = json_object_get(it, "target");
		const char *tt = pages_str(t, "type");
		json_object_set_new(
		        it, "target_words",
		        json_string(strcmp(tt, "person") == 0
		                            ? (json_is_true(json_object_get(t, "order"))
		                                       ? "a person of concern with an order"
		                                       : "a person of concern")
		                    : strcmp(tt, "child") == 0
		                            ? pages_fmt(req, "a child in category %lld",
		                                        (long long)json_integer_value(
		                                                json_object_get(t, "category")))
		                            : tt));
		json_t *kinds = json_object_get(it, "link_kinds");
		const char *path = "";
		json_array_foreach(json_object_get(it, "path"), k, node)
		{
			const char *code = json_string_value(json_array_get(kinds, k));
			char *kind = code ? (char *)pages_fmt(req, "%s", code) : NULL;
			for (char *c = kind; c && *c; c++) /* "seen_with" -> "seen with" */
				if (*c == '_')
					*c = ' ';
			path = pages_fmt(req, "%s%s (%s)%s%s", path, pages_str(node, "label"),
			                 strcmp(pages_str(node, "type"), "person") == 0
			                         ? "person of concern"
			                         : pages_str(node, "type"),
			                 kind ? ", " : "", kind ? kind : "");
			if (kind)
				path = pages_fmt(req, "%s, ", path);
		}
		json_object_set_new(it, "path_words", json_string(path));
	}
}

/* Words for the agenda's items (dates, labels). */
static void decorate_agenda(struct request *req, json_t *a)
{
	size_t i, j;
	json_t *s, *it;
	json_object_set_new(a, "has_withheld",
	                    json_boolean(json_integer_value(json_object_get(a, "withheld")) > 0));
	json_array_foreach(json_object_get(a, "sections"), i, s)
	{
		const char *code = pages_str(s, "code");
		json_object_set_new(s, "is_compliance",
		                    json_boolean(strcmp(code, "compliance") == 0));
		json_object_set_new(s, "is_person",
		                    json_boolean(strcmp(code, "perpetrators") == 0));
		json_object_set_new(s, "is_place", json_boolean(strcmp(code, "locations") == 0));
		json_object_set_new(s, "is_linked",
		                    json_boolean(strcmp(code, "linked_cases") == 0));
		json_object_set_new(s, "is_case",
		                    json_boolean(strcmp(code, "compliance") != 0 &&
		                                 strcmp(code, "perpetrators") != 0 &&
		                                 strcmp(code, "locations") != 0 &&
		                                 strcmp(code, "linked_cases") != 0));
		if (strcmp(code, "linked_cases") == 0)
			linked_words(req, s);
		json_array_foreach(json_object_get(s, "items"), j, it)
		{
			json_object_set_new(
			        it, "full",
			        json_boolean(strcmp(pages_str(it, "view"), "listed") != 0));
			static const char *const when[] = {"due_at", NULL};
			pages_add_when(req, json_object_get(it, "actions"), when);
			json_t *d;
			size_t k;
			json_array_foreach(json_object_get(it, "disruptions"), k, d)
			        json_object_set_new(d, "label",
			                            json_string(pages_label(REF_DISRUPTION_TYPES,
			                                                    pages_str(d, "type"))));
		}
	}
}

void handle_page_mase_agenda(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *a = pages_load(req, resp, app_mase_agenda, id);
	if (!a)
		return;
	decorate_agenda(req, a);
	page_render(req, resp, 200, "mase_agenda.html",
	            pages_fmt(req, "%s agenda: %s", pages_str(a, "meeting_name"),
	                      pages_str(json_object_get(a, "borough"), "name")),
	            a);
	json_decref(a);
}

/* ---- a meeting ---- */

static void decorate_meeting(struct request *req, json_t *m)
{
	static const char *const when[] = {"due_at", NULL};
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(m, "cases"), i, c)
	{
		pages_add_when(req, json_object_get(c, "actions"), when);
		json_t *a;
		size_t j;
		json_array_foreach(json_object_get(c, "actions"), j, a) json_object_set_new(
		        a, "is_open", json_boolean(strcmp(pages_str(a, "status"), "open") == 0));
	}
	size_t nd;
	const struct ref_item *duties = ref_table(REF_CHAIR_DUTIES, &nd);
	json_t *dl = json_array();
	for (size_t k = 0; k < nd; k++)
		json_array_append_new(dl, json_pack("{s:s, s:s, s:i}", "code", duties[k].code,
		                                    "label", duties[k].label, "n", (int)k));
	json_object_set_new(m, "duty_list", dl);
	json_object_set_new(m, "no_cases",
	                    json_boolean(json_array_size(json_object_get(m, "cases")) == 0));
	json_object_set_new(m, "has_withheld",
	                    json_boolean(json_integer_value(json_object_get(m, "withheld")) > 0));
	json_object_set_new(m, "no_gaps",
	                    json_boolean(json_array_size(json_object_get(m, "gaps")) == 0));
}

static void meeting_page(struct request *req, struct response *resp, int status,
                         const struct field_errors *errs)
{
	const char *id = request_param(req, "id");
	json_t *m = pages_load(req, resp, app_mase_meeting_get, id);
	if (!m)
		return;
	decorate_meeting(req, m);
	json_object_set_new(m, "can_organise", json_boolean(can_organise(req)));
	/* actions are plan actions (app/plans.h): agreed by practitioners, and at the
	 * meeting by those who record it, the chair among them (R-MASE-7) */
	bool plan = app_may_record_meeting_plan(web_actor(req));
	json_object_set_new(m, "can_add_action", json_boolean(plan));
	if (plan) {
		json_object_set_new(m, "tactic_options", tactic_options());
		json_object_set_new(m, "mark_options", options(REF_TACTIC_MARKS, NULL, NULL));
	}
	if (errs)
		page_add_errors(m, errs);
	page_render(
	        req, resp, status, "mase_meeting.html",
	        pages_fmt(req, "%s meeting, %s", pages_str(m, "name"), pages_str(m, "held_local")),
	        m);
	json_decref(m);
}

void handle_page_mase_meeting(struct request *req, struct response *resp)
{
	meeting_page(req, resp, 200, NULL);
}

void handle_page_mase_case(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *in = json_pack("{s:s, s:s}", "record_ref",
	                       opt(f, "record_ref") ? opt(f, "record_ref") : "", "decision",
	                       opt(f, "decision") ? opt(f, "decision") : "");
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_mase_case_decide, id, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	after_form(req, resp, rc, &err, "decision", pages_fmt(req, "/mase-meetings/%s", id),
	           meeting_page);
}

void handle_page_mase_action(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "meeting_id", id, "record_ref",
	                       opt(f, "record_ref") ? opt(f, "record_ref") : "", "text",
	                       opt(f, "text") ? opt(f, "text") : "", "due_on",
	                       opt(f, "due_on") ? opt(f, "due_on") : "");
	if (opt(f, "owner_agency"))
		json_object_set_new(in, "owner_agency", json_string(opt(f, "owner_agency")));
	if (opt(f, "owner_person"))
		json_object_set_new(in, "owner_person", json_string(opt(f, "owner_person")));
	if (opt(f, "tactic"))
		json_object_set_new(in, "tactic", json_string(opt(f, "tactic")));
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_action_add, NULL, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	after_form(req, resp, rc, &err, "action", pages_fmt(req, "/mase-meetings/%s", id),
	           meeting_page);
}

/* R-MASE-7, R-ORD-5: a tactical option of a case's checklist marked at the meeting. */
void handle_page_mase_tactic(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	const char *ref = opt(f, "record_ref") ? opt(f, "record_ref") : "";
	json_t *in = json_pack("{s:s, s:s, s:s}", "meeting_id", id, "code",
	                       opt(f, "code") ? opt(f, "code") : "", "mark",
	                       opt(f, "mark") ? opt(f, "mark") : "");
	if (opt(f, "note"))
		json_object_set_new(in, "note", json_string(opt(f, "note")));
	if (opt(f, "owner"))
		json_object_set_new(in, "owner", json_string(opt(f, "owner")));
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_tactic_mark, ref, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	after_form(req, resp, rc, &err, "tactic", pages_fmt(req, "/mase-meetings/%s", id),
	           meeting_page);
}

void handle_page_mase_duties(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *d = json_array();
	for (int i = 0; i < MASE_DUTY_COUNT; i++) {
		char k[16], nk[16];
		snprintf(k, sizeof k, "d%d_done", i);
		snprintf(nk, sizeof nk, "d%d_note", i);
		json_t *o = json_pack("{s:b}", "done", opt(f, k) != NULL);
		if (opt(f, nk))
			json_object_set_new(o, "note", json_string(opt(f, nk)));
		json_array_append_new(d, o);
	}
	json_t *in = json_pack("{s:o}", "duties", d);
	if (opt(f, "minutes"))
		json_object_set_new(in, "minutes", json_string(opt(f, "minutes")));
	struct app_err err = {0};
	json_t *out;
	bool answered;
	int rc = run(req, resp, app_mase_duties, id, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	after_form(req, resp, rc, &err, "duties", pages_fmt(req, "/mase-meetings/%s", id),
	           meeting_page);
}

/* R-MASE-5: the pack: the meeting and the agenda as at its time, each as the reader may
 * see them (need to know: an item about a child the reader may not see is not in it). */
void handle_page_mase_pack(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *m = pages_load(req, resp, app_mase_meeting_get, id);
	if (!m)
		return;
	decorate_meeting(req, m);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(m);
		return;
	}
	struct app_err err = {0};
	json_t *a = NULL, *in = json_pack("{s:s}", "at", pages_str(m, "held_at"));
	int rc = app_mase_agenda(db, web_actor(req), pages_str(m, "borough_id"), in, &a, &err);
	json_decref(in);
	if (rc != APP_OK) {
		json_decref(m);
		pages_error(req, resp, &err);
		return;
	}
	decorate_agenda(req, a);
	json_object_set_new(m, "agenda", a);
	const struct actor *who = web_actor(req);
	char now[LT_TIME_LEN];
	ltime_format(app_now(who), now);
	json_object_set_new(m, "printed_by", json_string(who->display_name));
	json_object_set_new(m, "printed_when", json_string(pages_when(req, now)));
	page_render(req, resp, 200, "mase_pack.html",
	            pages_fmt(req, "%s meeting pack", pages_str(m, "name")), m);
	json_decref(m);
}
