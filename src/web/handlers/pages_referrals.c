/*
 * handlers/pages_referrals.c: the guided referral form. GET /referrals/new (a child
 * not yet chosen), GET /children/{id}/referrals/new (a child chosen from a search),
 * POST /referrals (files it through app_referral_submit) and GET /referrals/{id}
 * (what was filed, the route and the next steps).
 *
 * R-REC-1: when the child's details match children Lantern knows, the use case
 * answers with candidates and creates nothing; the form comes back (409) with every
 * field as typed and the candidates, each with why it matched, to choose from, or the
 * user confirms the child is new.
 */
#include "app/children.h"
#include "app/filing.h"
#include "app/referrals.h"
#include "protocol/pathway.h"
#include "protocol/signs.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/once.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_option gender_opts[] = {{"female", "Female", NULL},
                                               {"male", "Male", NULL},
                                               {"other", "Other", NULL},
                                               {"unknown", "Not known", NULL},
                                               {NULL, NULL, NULL}};

static const struct fs_field child_specs[] = {
        {"given_names", "child.given_names", FS_TEXT, "First names", NULL, NULL, -1, NULL},
        {"family_name", "child.family_name", FS_TEXT, "Family name", NULL, NULL, -1, NULL},
        {"other_names", "child.other_names", FS_LINES, "Other names they use or are known by",
         "One a line: nicknames, street names, other spellings", NULL, -1, NULL},
        {"date_of_birth", "child.date_of_birth", FS_DATE, "Date of birth",
         "Leave empty if not known", NULL, -1, NULL},
        {"gender", "child.gender", FS_RADIOS, "Gender", NULL, gender_opts, -1, NULL},
        {"nhs_number", "child.nhs_number", FS_TEXT, "NHS number", "If known", NULL, -1,
         "govuk-input--width-10"},
        {"residence_borough", "child.residence_borough", FS_TEXT, "Borough where the child lives",
         NULL, NULL, -1, "govuk-!-width-one-half"},
        {"looked_after", "child.looked_after", FS_CHECKBOX, "The child is looked after", NULL, NULL,
         -1, NULL},
        {"home_authority", "child.home_authority", FS_TEXT,
         "Home (placing) authority, if looked after", NULL, NULL, -1, NULL},
        {"host_authority", "child.host_authority", FS_TEXT,
         "Host authority, where placed, if different", NULL, NULL, -1, NULL},
        {"social_worker", "child.social_worker", FS_TEXT, "Allocated social worker",
         "Their Lantern username, or their name", NULL, -1, NULL},
        {"risk_groups", "child.risk_groups", FS_CHECKBOXES, "Groups at increased risk (App C)",
         "Tick any that apply", NULL, REF_RISK_GROUPS, NULL},
};

static const struct fs_field main_specs[] = {
        {"came_to_notice_at", NULL, FS_DATETIME, "When the concern came to notice",
         "Leave empty for now.", NULL, -1, NULL},
        {"circumstances", NULL, FS_TEXTAREA, "What happened",
         "How the child came to notice and the circumstances, in plain words", NULL, -1, NULL},
        {"rationale", NULL, FS_TEXTAREA, "Why you are concerned",
         "Name the signs you ticked and explain how they fit together", NULL, -1, NULL},
        {"no_sign_rationale", NULL, FS_TEXTAREA, "If you ticked no sign: why you are referring",
         NULL, NULL, -1, NULL},
        {"people_involved", NULL, FS_LINES, "People involved",
         "One a line: names or roles (for example 'older male, about 20')", NULL, -1, NULL},
        {"exploitation_types", NULL, FS_CHECKBOXES, "Type of exploitation suspected", NULL, NULL,
         REF_EXPLOITATION_TYPES, NULL},
        {"models", NULL, FS_CHECKBOXES, "Models of exploitation", "Tick any that seem to fit", NULL,
         REF_MODELS, NULL},
        {"online", NULL, FS_CHECKBOX, "Exploitation online", NULL, NULL, -1, NULL},
        {"group", NULL, FS_CHECKBOX, "A group of people appears responsible", NULL, NULL, -1, NULL},
        {"gang", NULL, FS_CHECKBOX, "A gang appears responsible", NULL, NULL, -1, NULL},
};

static const struct fs_option cat_opts[] = {
        {"1", "Category 1", "Being targeted and groomed: warning signs, no evidence of abuse yet"},
        {"2", "Category 2", "Evidence of exploitation or of risk of it, contact or online"},
        {"3", "Category 3", "Being exploited: experiencing serious harm"},
        {NULL, NULL, NULL}};
static const struct fs_option contact_opts[] = {{"contact", "Contact abuse", NULL},
                                                {"online", "Online only (non-contact)", NULL},
                                                {NULL, NULL, NULL}};

static const struct fs_field police_specs[] = {
        {"risk_review", "police.risk_review", FS_TEXTAREA, "Risk review (App G I3)",
         "Research on the child and known associates; immediate protection", NULL, -1, NULL},
        {"merlin_pac", "police.merlin_pac", FS_TEXT, "MERLIN/PAC number (App G I4)", NULL, NULL, -1,
         "govuk-!-width-one-half"},
        {"other_info", "police.other_info", FS_TEXTAREA, "Other first information (App G I5)",
         "For example repeat missing episodes", NULL, -1, NULL},
        {"initial_category", "police.initial_category", FS_INT_RADIOS, "Initial category",
         "Your professional judgement", cat_opts, -1, NULL},
        {"contact", "police.contact", FS_RADIOS, "For category 2: contact or online", NULL,
         contact_opts, -1, NULL},
        {"category_rationale", "police.category_rationale", FS_TEXTAREA, "Why this category", NULL,
         NULL, -1, NULL},
};

static bool is_police(const struct request *req)
{
	return actor_has(&req->session->actor, ROLES_POLICE);
}

/* All specs together, for error targets. */
static const struct fs_field *spec_for_error(const char *field, struct request *req)
{
	(void)req;
	const struct fs_field *lists[] = {child_specs, main_specs, police_specs};
	size_t ns[] = {ARRAY_LEN(child_specs), ARRAY_LEN(main_specs), ARRAY_LEN(police_specs)};
	for (size_t l = 0; l < 3; l++) {
		const struct fs_field *s = formspec_spec_for(lists[l], ns[l], field);
		if (s)
			return s;
	}
	return NULL;
}

/* The signs with their state for the template. */
static json_t *signs_data(struct request *req, const struct form *f,
                          const struct field_errors *errs)
{
	size_t n;
	const struct ref_item *t = ref_table(REF_SIGNS, &n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *vals[16];
		size_t k = f ? form_get_all(f, "sign", vals, 16) : 0;
		bool on = false;
		for (size_t m = 0; m < k && m < 16; m++)
			on = on || strcmp(vals[m], t[i].code) == 0;
		char ev[64], seen[64];
		snprintf(ev, sizeof ev, "evidence_%s", t[i].code);
		snprintf(seen, sizeof seen, "seen_%s", t[i].code);
		const char *evv = f ? form_get(f, ev) : NULL;
		json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "code", t[i].code,
		                      "sign_label", t[i].label, "letter",
		                      t[i].group ? t[i].group : "", "ticked", on, "evidence_name",
		                      pool_strdup(req->pool, ev), "seen_name",
		                      pool_strdup(req->pool, seen), "evidence", evv ? evv : "");
		/* the date seen as the GOV.UK date input, as typed */
		static const char *const part[] = {"day", "month", "year"};
		for (size_t q = 0; q < 3; q++) {
			const char *pv =
			        f ? form_get(f, pages_fmt(req, "%s-%s", seen, part[q])) : NULL;
			json_object_set_new(o, pages_fmt(req, "seen_%s", part[q]),
			                    json_string(pv ? pv : ""));
		}
		const char *e1 = errs ? fielderr_get(errs, ev) : NULL;
		const char *e2 = errs ? fielderr_get(errs, seen) : NULL;
		if (e1)
			json_object_set_new(o, "evidence_error", json_string(e1));
		if (e2)
			json_object_set_new(o, "seen_error", json_string(e2));
		json_array_append_new(a, o);
	}
	return a;
}

/* Renders the referral form. chosen: the child already chosen (view) or NULL;
 * candidates: R-REC-1 matches or NULL. */
static void referral_page(struct request *req, struct response *resp, int status, json_t *chosen,
                          json_t *candidates, const struct field_errors *errs)
{
	const struct form *f = req->method == HTTP_POST ? req->form : NULL;
	/* each error in words that name its field */
	struct field_errors worded;
	fielderr_init(&worded);
	for (size_t i = 0; errs && i < errs->n; i++) {
		const struct field_error *e = &errs->items[i];
		worded.items[worded.n++] = (struct field_error){
		        e->field, formspec_error_words(spec_for_error(e->field, req), e->field,
		                                       e->message, req->pool)};
	}
	if (errs)
		errs = &worded;
	json_t *d = json_object();
	if (chosen) {
		json_object_set_new(
		        d, "chosen",
		        json_pack("{s:s, s:s, s:s}", "id", pages_str(chosen, "id"), "name",
		                  pages_fmt(req, "%s %s", pages_str(chosen, "given_names"),
		                            pages_str(chosen, "family_name")),
		                  "born",
		                  pages_date(req, json_string_value(json_object_get(
		                                          chosen, "date_of_birth")))));
	} else {
		json_object_set_new(
		        d, "child_fields",
		        formspec_fields(child_specs, ARRAY_LEN(child_specs), f, NULL, errs));
	}
	if (candidates) {
		const char *pick = f ? form_get(f, "child_choice") : NULL;
		size_t i;
		json_t *c;
		json_array_foreach(candidates, i, c)
		{
			json_object_set_new(
			        c, "cand_name",
			        json_string(pages_fmt(req, "%s %s", pages_str(c, "given_names"),
			                              pages_str(c, "family_name"))));
			json_object_set_new(
			        c, "born",
			        json_string(pages_date(req, json_string_value(json_object_get(
			                                            c, "date_of_birth")))));
			json_object_set_new(c, "input_id",
			                    json_string(pages_fmt(req, "child_choice-%zu", i + 1)));
			json_object_set_new(
			        c, "picked",
			        json_boolean(pick && strcmp(pick, pages_str(c, "id")) == 0));
		}
		json_object_set(d, "candidates", candidates);
		json_object_set_new(d, "has_candidates", json_true());
		json_object_set_new(d, "new_picked",
		                    json_boolean(pick && strcmp(pick, "new") == 0));
	}
	const char *kept = f ? form_get(f, "child_choice") : NULL;
	if (!candidates && !chosen && kept && *kept && strcmp(kept, "new") != 0)
		json_object_set_new(d, "kept_choice", json_string(kept)); /* chosen earlier */
	json_object_set_new(d, "main_fields", formspec_fields(main_specs, 2, f, NULL, errs));
	json_object_set_new(d, "signs", signs_data(req, f, errs));
	json_object_set_new(
	        d, "more_fields",
	        formspec_fields(main_specs + 2, ARRAY_LEN(main_specs) - 2, f, NULL, errs));
	json_object_set_new(d, "is_police", json_boolean(is_police(req)));
	if (is_police(req))
		json_object_set_new(
		        d, "police_fields",
		        formspec_fields(police_specs, ARRAY_LEN(police_specs), f, NULL, errs));
	const char *ce = errs ? fielderr_get(errs, "child_choice") : NULL;
	if (ce)
		json_object_set_new(d, "choice_error", json_string(ce));
	page_add_errors(d, errs);
	page_render(req, resp, status, "referral_new.html", "New referral", d);
	json_decref(d);
}

void handle_page_referral_new(struct request *req, struct response *resp)
{
	referral_page(req, resp, 200, NULL, NULL, NULL);
}

void handle_page_child_referral_new(struct request *req, struct response *resp)
{
	/* any practitioner refers any child, seeing only what they may (R-INFO-3) */
	json_t *c = pages_load(req, resp, app_child_to_file, request_param(req, "id"));
	if (!c)
		return;
	referral_page(req, resp, 200, c, NULL, NULL);
	json_decref(c);
}

/* The referral read from the posted form: the use case's input, with the page's own
 * errors in errs. chosen: the child chosen before the form (view) or NULL. */
static json_t *referral_input(struct request *req, const struct form *f, json_t *chosen,
                              struct field_errors *errs)
{
	const char *choice = form_get(f, "child_choice");
	json_t *in = formspec_to_json(main_specs, ARRAY_LEN(main_specs), f, errs);
	if (chosen) {
		json_object_set_new(in, "child_id", json_string(pages_str(chosen, "id")));
	} else if (choice && strcmp(choice, "new") != 0 && *choice) {
		json_object_set_new(in, "child_id", json_string(choice));
	} else {
		json_t *c = formspec_to_json(child_specs, ARRAY_LEN(child_specs), f, errs);
		json_object_update(in, c);
		json_decref(c);
		if (choice && strcmp(choice, "new") == 0)
			json_object_set_new(in, "confirm_new_child", json_true());
	}
	json_object_set_new(in, "signs", formspec_signs(f, errs, req->pool));
	if (is_police(req)) {
		json_t *p = formspec_to_json(police_specs, ARRAY_LEN(police_specs), f, errs);
		json_object_update(in, p);
		json_decref(p);
	}
	return in;
}

/* The use case's errors under the fields they concern, in words. With skip_known, a
 * field that already has an error (the page could not read it) is left as it is. */
static void referral_errors(struct request *req, const struct app_err *err, json_t *chosen,
                            struct field_errors *errs, bool skip_known)
{
	struct field_errors raw;
	fielderr_init(&raw);
	web_form_errors(req, err, &raw);
	struct field_errors known = *errs;
	for (size_t i = 0; i < raw.n; i++) {
		const struct fs_field *s = spec_for_error(raw.items[i].field, req);
		/* R-PATH-5: the police template's missing items belong to that section */
		bool path5 = err->rule && strcmp(err->rule, "R-PATH-5") == 0 && is_police(req);
		const char *target =
		        s       ? s->name
		        : path5 ? (strstr(raw.items[i].message, "MERLIN") ? "merlin_pac"
		                                                          : "risk_review")
		        : strcmp(raw.items[i].field, "signs") == 0            ? "signs"
		        : strcmp(raw.items[i].field, "child") == 0 && !chosen ? "given_names"
		                                                              : "circumstances";
		if (skip_known && fielderr_get(&known, target))
			continue;
		pages_add_error(errs, target,
		                formspec_error_words(s, raw.items[i].field, raw.items[i].message,
		                                     req->pool));
	}
}

/* Runs the referral through app_referral_submit as the request's actor; with check
 * set, nothing is kept (actor.check_only). */
static int referral_run(struct request *req, struct db *db, json_t *in, bool check, json_t **out,
                        struct app_err *err)
{
	struct actor who = *web_actor(req);
	who.check_only = check;
	return app_referral_submit(db, &who, NULL, in, out, err);
}

/* The words for a spec's posted value on the check page; NULL when empty. */
static const char *answer_of(struct request *req, const struct fs_field *s, const struct form *f)
{
	const char *v = form_get(f, s->name);
	switch (s->kind) {
	case FS_CHECKBOX:
		return v && strcmp(v, "yes") == 0 ? "Yes" : "No";
	case FS_RADIOS:
	case FS_INT_RADIOS:
	case FS_SELECT:
	case FS_CHECKBOXES: {
		const char *vals[32];
		size_t k = form_get_all(f, s->name, vals, 32);
		json_t *fields = formspec_fields(s, 1, f, NULL, NULL);
		json_t *opts = json_object_get(json_array_get(fields, 0), "options");
		const char *text = NULL;
		size_t i;
		json_t *o;
		json_array_foreach(opts, i, o)
		{
			if (!json_is_true(json_object_get(o, "checked")))
				continue;
			text = text ? pages_fmt(req, "%s; %s", text, pages_str(o, "label"))
			            : pages_fmt(req, "%s", pages_str(o, "label"));
		}
		json_decref(fields);
		(void)k;
		return text;
	}
	case FS_DATE: {
		char date[11];
		const char *why;
		return formspec_date_of(f, s->name, date, &why) > 0 ? pages_date(req, date) : NULL;
	}
	case FS_DATETIME: {
		char utc[21];
		const char *why;
		if (formspec_datetime_of(f, s->name, utc, &why) > 0)
			return pages_when(req, utc);
		return strcmp(s->name, "came_to_notice_at") == 0 ? "Now (when you file)" : NULL;
	}
	default: {
		while (v && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n'))
			v++;
		return v && *v ? v : NULL;
	}
	}
}

/* Adds a row {key, value, field, change} for each spec of a list. */
static void answer_rows(struct request *req, json_t *rows, const struct fs_field *specs, size_t n,
                        const struct form *f)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = answer_of(req, &specs[i], f);
		json_array_append_new(
		        rows, json_pack("{s:s, s:s, s:s, s:s}", "key", specs[i].label, "value",
		                        v ? v : "Not given", "field", specs[i].name, "change",
		                        pages_fmt(req, "/referrals#%s", specs[i].name)));
	}
}

/* R-SIGN-2: with no sign ticked, what the free text seems to describe, as
 * [{phrase, label}] (empty when a sign is ticked or nothing is described). */
static json_t *described_signs(struct request *req, const struct form *f)
{
	json_t *a = json_array();
	if (form_get(f, "sign"))
		return a;
	static const char *const texts[] = {"circumstances", "rationale", "no_sign_rationale",
	                                    "people_involved"};
	const char *all = "";
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		const char *t = form_get(f, texts[i]);
		if (t)
			all = pages_fmt(req, "%s\n%s", all, t);
	}
	const char *codes[9];
	size_t n = signs_described(all, codes, 9);
	for (size_t i = 0; i < n && i < 9; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "phrase",
		                                   signs_described_by(all, codes[i]), "sign_label",
		                                   pages_label(REF_SIGNS, codes[i])));
	return a;
}

/* The check-your-answers page: every answer with a way back to change it; the form
 * travels along in hidden fields, so that nothing typed is lost. */
static void referral_check_page(struct request *req, struct response *resp, json_t *chosen)
{
	const struct form *f = req->form;
	json_t *d = json_object();
	json_t *child_rows = json_array();
	const char *choice = form_get(f, "child_choice");
	if (chosen) {
		json_array_append_new(
		        child_rows,
		        json_pack("{s:s, s:s}", "key", "Child", "value",
		                  pages_fmt(req, "%s %s, born %s", pages_str(chosen, "given_names"),
		                            pages_str(chosen, "family_name"),
		                            pages_date(req, json_string_value(json_object_get(
		                                                    chosen, "date_of_birth"))))));
	} else {
		if (choice && *choice && strcmp(choice, "new") != 0)
			json_array_append_new(
			        child_rows,
			        json_pack("{s:s, s:s, s:s, s:s}", "key", "Child", "value",
			                  "A child Lantern already knows, chosen from the list",
			                  "field", "given_names", "change",
			                  "/referrals#given_names"));
		answer_rows(req, child_rows, child_specs, ARRAY_LEN(child_specs), f);
	}
	json_object_set_new(d, "child_rows", child_rows);
	json_t *rows = json_array();
	answer_rows(req, rows, main_specs, 2, f);
	json_object_set_new(d, "main_rows", rows);
	json_t *signs = json_array();
	const char *vals[16];
	size_t k = form_get_all(f, "sign", vals, 16);
	for (size_t i = 0; i < k && i < 16; i++) {
		const struct ref_item *s = ref_sign(vals[i]);
		if (!s)
			continue;
		const char *ev = form_get(f, pages_fmt(req, "evidence_%s", s->code));
		char seen[11];
		const char *why;
		bool has_seen =
		        formspec_date_of(f, pages_fmt(req, "seen_%s", s->code), seen, &why) > 0;
		json_array_append_new(signs, json_pack("{s:s, s:s, s:s}", "sign_label", s->label,
		                                       "evidence", ev ? ev : "", "seen",
		                                       has_seen ? pages_date(req, seen) : ""));
	}
	json_object_set_new(d, "signs", signs);
	rows = json_array();
	answer_rows(req, rows, main_specs + 2, ARRAY_LEN(main_specs) - 2, f);
	json_object_set_new(d, "more_rows", rows);
	if (is_police(req)) {
		rows = json_array();
		answer_rows(req, rows, police_specs, ARRAY_LEN(police_specs), f);
		json_object_set_new(d, "police_rows", rows);
		json_object_set_new(d, "is_police", json_true());
	}
	json_t *described = described_signs(req, f);
	if (json_array_size(described)) {
		json_object_set_new(d, "described", described);
		json_object_set_new(d, "ask_signs", json_true());
	} else {
		json_decref(described);
	}
	json_t *hidden = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const char *n = f->fields[i].name;
		if (strcmp(n, "csrf_token") == 0 || strcmp(n, "step") == 0 ||
		    strcmp(n, "form_token") == 0)
			continue;
		json_array_append_new(
		        hidden, json_pack("{s:s, s:s}", "name", n, "value", f->fields[i].value));
	}
	json_object_set_new(d, "hidden", hidden);
	/* filing twice (back button, double click) files once; the confirmation names
	 * the child, so no banner */
	const char *once = once_issue(req, "");
	if (once)
		json_object_set_new(d, "form_token", json_string(once));
	page_render(req, resp, 200, "referral_check.html", "Check your answers", d);
	json_decref(d);
}

void handle_page_referral_create(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *step = form_get(f, "step");
	const char *child_id = form_get(f, "child_id");
	json_t *chosen = NULL;
	if (child_id && *child_id) {
		chosen = pages_load(req, resp, app_child_to_file, child_id);
		if (!chosen)
			return;
	}
	if (step && strcmp(step, "change") == 0) {
		/* back from the check page: the form as it was filled in */
		referral_page(req, resp, 200, chosen, NULL, NULL);
		json_decref(chosen);
		return;
	}
	bool file = step && strcmp(step, "file") == 0;
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = referral_input(req, f, chosen, &errs);
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		json_decref(chosen);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	if (errs.n) {
		/* all of the form's errors at once: the use case checks the rest */
		if (referral_run(req, db, in, true, &out, &err) != APP_OK &&
		    (err.code == APP_INVALID ||
		     (err.code == APP_CONFLICT && !json_object_get(out, "candidates"))))
			referral_errors(req, &err, chosen, &errs, true);
		json_decref(out);
		json_decref(in);
		referral_page(req, resp, 422, chosen, NULL, &errs);
		json_decref(chosen);
		return;
	}
	/* from the form: checked, then the answers to check; from the check page: filed */
	int rc = referral_run(req, db, in, !file, &out, &err);
	json_decref(in);
	if (rc == APP_OK) {
		if (file)
			pages_redirect(req, resp, "/referrals/%s", pages_str(out, "referral_id"));
		else
			referral_check_page(req, resp, chosen);
		json_decref(out);
		json_decref(chosen);
		return;
	}
	json_t *cands = NULL;
	if (rc == APP_CONFLICT && out && json_array_size(json_object_get(out, "candidates"))) {
		/* R-REC-1: candidates shown while the user chooses */
		cands = json_incref(json_object_get(out, "candidates"));
		fielderr_add(&errs, "child_choice",
		             "This child may already be known to Lantern. Choose the child from "
		             "the list, or confirm that this is a new child");
	} else if (rc == APP_INVALID || rc == APP_CONFLICT) {
		referral_errors(req, &err, chosen, &errs, false);
	} else {
		json_decref(out);
		json_decref(chosen);
		pages_error(req, resp, &err);
		return;
	}
	json_decref(out);
	referral_page(req, resp, cands ? 409 : 422, chosen, cands, &errs);
	json_decref(cands);
	json_decref(chosen);
}

void handle_page_referral(struct request *req, struct response *resp)
{
	json_t *r = pages_load(req, resp, app_referral_get, request_param(req, "id"));
	if (!r)
		return;
	static const char *const when[] = {"submitted_at", "came_to_notice_at", NULL};
	pages_add_when(req, r, when);
	json_t *signs = json_object_get(r, "signs");
	size_t i;
	json_t *s;
	json_array_foreach(signs, i, s)
	{
		if (json_is_object(s))
			json_object_set_new(
			        s, "sign_label",
			        json_string(pages_label(REF_SIGNS, pages_str(s, "code"))));
		if (json_is_object(s) && *pages_str(s, "seen_on"))
			json_object_set_new(s, "seen_on",
			                    json_string(pages_date(req, pages_str(s, "seen_on"))));
	}
	/* what happens next: only what is still to do; what filing did is said once */
	json_t *todo = json_array(), *done = json_array();
	json_array_foreach(json_object_get(r, "steps"), i, s)
	{
		json_object_set_new(s, "who_label",
		                    json_string(pages_label(REF_ROLES, pages_str(s, "who"))));
		json_array_append(json_is_true(json_object_get(s, "done")) ? done : todo, s);
	}
	json_object_set_new(r, "has_done", json_boolean(json_array_size(done) > 0));
	json_object_set_new(r, "steps", todo);
	json_object_set_new(r, "done_steps", done);
	json_object_set_new(r, "child_name",
	                    json_string(pages_fmt(req, "%s %s", pages_str(r, "child_given_names"),
	                                          pages_str(r, "child_family_name"))));
	json_object_set_new(r, "route_text",
	                    json_string(pathway_route_label(pages_str(r, "route"))));
	/* R-PATH-3: the MASH's evaluation, offered while the referral waits for it and
	 * shown once made */
	json_t *clock = json_object_get(r, "decision_clock");
	if (json_is_object(clock)) {
		json_object_set_new(r, "can_evaluate",
		                    json_boolean(json_is_true(json_object_get(r, "may_evaluate"))));
		json_object_set_new(r, "clock_text",
		                    json_string(pages_fmt(req, "The MASH's decision is due %s: %s.",
		                                          pages_str(clock, "due_local"),
		                                          pages_str(clock, "time_left"))));
	}
	json_t *ev = json_object_get(r, "evaluation");
	if (json_is_object(ev)) {
		static const char *const ev_when[] = {"evaluated_at", "due_at", NULL};
		pages_add_when(req, ev, ev_when);
		json_object_set_new(ev, "on_time_text",
		                    json_string(json_is_true(json_object_get(ev, "on_time"))
		                                        ? "On time"
		                                        : "Late"));
		json_object_set_new(ev, "on_time_class",
		                    json_string(json_is_true(json_object_get(ev, "on_time"))
		                                        ? "govuk-tag--green"
		                                        : "govuk-tag--red"));
	}
	page_render(req, resp, 200, "referral.html",
	            pages_fmt(req, "Referral filed for %s", pages_str(r, "child_name")), r);
	json_decref(r);
}

size_t pages_referral_forms(struct page_form_use *out, size_t max)
{
	if (max >= 1)
		out[0] = (struct page_form_use){
		        "/referrals",
		        {{child_specs, ARRAY_LEN(child_specs)},
		         {main_specs, ARRAY_LEN(main_specs)},
		         {police_specs, ARRAY_LEN(police_specs)}},
		        app_referral_submit,
		        NULL,
		};
	return 1;
}
