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
#include "web/handlers/handlers.h"
#include "web/handlers/pages.h"
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
	size_t fl = strlen(field);
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < ns[l]; i++) {
			const char *k = lists[l][i].key ? lists[l][i].key : lists[l][i].name;
			if (strcmp(k, field) == 0 || (strncmp(k, field, fl) == 0 && k[fl] == '.'))
				return &lists[l][i];
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
		const char *sv = f ? form_get(f, seen) : NULL;
		json_t *o =
		        json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s}", "code", t[i].code,
		                  "sign_label", t[i].label, "letter", t[i].group ? t[i].group : "",
		                  "ticked", on, "evidence_name", pool_strdup(req->pool, ev),
		                  "seen_name", pool_strdup(req->pool, seen), "evidence",
		                  evv ? evv : "", "seen", sv ? sv : "");
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

void handle_page_referral_create(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	struct field_errors errs;
	fielderr_init(&errs);
	const char *child_id = form_get(f, "child_id");
	const char *choice = form_get(f, "child_choice");
	json_t *chosen = NULL;
	if (child_id && *child_id) {
		chosen = pages_load(req, resp, app_child_to_file, child_id);
		if (!chosen)
			return;
	}
	json_t *in = formspec_to_json(main_specs, ARRAY_LEN(main_specs), f, &errs);
	if (chosen) {
		json_object_set_new(in, "child_id", json_string(child_id));
	} else if (choice && strcmp(choice, "new") != 0 && *choice) {
		json_object_set_new(in, "child_id", json_string(choice));
	} else {
		json_t *c = formspec_to_json(child_specs, ARRAY_LEN(child_specs), f, &errs);
		json_object_update(in, c);
		json_decref(c);
		if (choice && strcmp(choice, "new") == 0)
			json_object_set_new(in, "confirm_new_child", json_true());
	}
	json_object_set_new(in, "signs", formspec_signs(f, &errs, req->pool));
	if (is_police(req)) {
		json_t *p = formspec_to_json(police_specs, ARRAY_LEN(police_specs), f, &errs);
		json_object_update(in, p);
		json_decref(p);
	}
	/* candidates shown earlier stay on the page while the user chooses */
	json_t *cands = NULL;
	if (errs.n) {
		json_decref(in);
		referral_page(req, resp, 422, chosen, NULL, &errs);
		json_decref(chosen);
		return;
	}
	struct db *db = web_db(req, resp);
	if (!db) {
		json_decref(in);
		json_decref(chosen);
		return;
	}
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_referral_submit(db, web_actor(req), NULL, in, &out, &err);
	json_decref(in);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/referrals/%s", pages_str(out, "referral_id"));
		json_decref(out);
		json_decref(chosen);
		return;
	}
	if (rc == APP_CONFLICT && out && json_array_size(json_object_get(out, "candidates"))) {
		cands = json_incref(json_object_get(out, "candidates"));
		fielderr_add(&errs, "child_choice",
		             "This child may already be known to Lantern. Choose the child from "
		             "the list, "
		             "or confirm that this is a new child");
	} else if (rc == APP_INVALID || rc == APP_CONFLICT) {
		struct field_errors raw;
		fielderr_init(&raw);
		web_form_errors(req, &err, &raw);
		for (size_t i = 0; i < raw.n; i++) {
			const struct fs_field *s = spec_for_error(raw.items[i].field, req);
			/* R-PATH-5: the police template's missing items belong to that section */
			bool path5 =
			        err.rule && strcmp(err.rule, "R-PATH-5") == 0 && is_police(req);
			const char *target =
			        s       ? s->name
			        : path5 ? (strstr(raw.items[i].message, "MERLIN") ? "merlin_pac"
			                                                          : "risk_review")
			        : strcmp(raw.items[i].field, "signs") == 0 ? "signs"
			        : strcmp(raw.items[i].field, "child") == 0 && !chosen
			                ? "given_names"
			                : "circumstances";
			if (fielderr_get(&errs, target) && errs.n < FIELDERR_MAX)
				errs.items[errs.n++] =
				        (struct field_error){target, raw.items[i].message};
			else
				fielderr_add(&errs, target, raw.items[i].message);
		}
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
	}
	json_array_foreach(json_object_get(r, "steps"), i, s)
	{
		json_object_set_new(s, "who_label",
		                    json_string(pages_label(REF_ROLES, pages_str(s, "who"))));
	}
	json_object_set_new(r, "route_text",
	                    json_string(pathway_route_label(pages_str(r, "route"))));
	page_render(req, resp, 200, "referral.html", "Referral filed", r);
	json_decref(r);
}
