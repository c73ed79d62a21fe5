/*
 * handlers/pages_missing.c: children who go missing or absent (App E; R-MISS-1..10).
 * Reporting (GET/POST /children/{id}/missing/new), the episode page (GET /episodes/{id}:
 * what Lantern classed it and why, the timeline of changes, checks, the return
 * interview and what is still to do), the episode's forms (escalate, risk, return,
 * safe and well check, return interview offer and progress, forensic decision; GET
 * and POST /episodes/{id}/{action}), and the missing person profile with its print
 * view (GET/POST /children/{id}/profile, GET /children/{id}/profile/print).
 */
#include <pthread.h>

#include "app/children.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/filing.h"
#include "app/forensic.h"
#include "app/profile.h"
#include "web/handlers/handlers.h"
#include "web/handlers/page_forms.h"
#include "web/handlers/pages.h"
#include "web/session.h"
#include "web/usecase.h"

static const struct fs_option from_opts[] = {{"home", "Home", NULL},
                                             {"care", "Care placement", NULL},
                                             {"school", "School", NULL},
                                             {"other", "Somewhere else", NULL},
                                             {NULL, NULL, NULL}};
static const struct fs_option class_opts[] = {
        {"", "Let Lantern classify it", "Lantern applies the protocol's rules and says why"},
        {"missing", "Missing",
         "Whereabouts not known, and the circumstances are out of character or suggest a risk"},
        {"absent", "Absent", "Not where they should be, with no apparent risk"},
        {NULL, NULL, NULL}};
static const struct fs_option risk_opts[] = {{"no_apparent_risk", "No apparent risk", NULL},
                                             {"low", "Low", NULL},
                                             {"medium", "Medium", NULL},
                                             {"high", "High", NULL},
                                             {NULL, NULL, NULL}};

static const struct fs_field report_specs[] = {
        {"reported_at", NULL, FS_DATETIME, "When it was reported", "Leave empty for now.", NULL, -1,
         NULL},
        {"missing_from", NULL, FS_RADIOS, "Missing from", NULL, from_opts, -1, NULL},
        {"last_seen_at", NULL, FS_DATETIME, "Last seen", NULL, NULL, -1, NULL},
        {"last_seen_where", NULL, FS_TEXT, "Last seen where", NULL, NULL, -1, NULL},
        {"last_seen_with", NULL, FS_LINES, "Last seen with", "One person a line", NULL, -1, NULL},
        {"parents_carers", NULL, FS_LINES, "Parents or carers",
         "One a line. They cannot do the return interview (R-MISS-6)", NULL, -1, NULL},
        {"classification", NULL, FS_RADIOS, "Missing or absent?", NULL, class_opts, -1, NULL},
        {"auto_correct", NULL, FS_CHECKBOX, "If the rules do not allow 'absent', class it missing",
         "A child under 13, or with an open record or an identified risk, is never absent "
         "(R-MISS-2, R-MISS-3)",
         NULL, -1, NULL},
        {"whereabouts_known", NULL, FS_CHECKBOX, "Whereabouts are known", NULL, NULL, -1, NULL},
        {"out_of_character", NULL, FS_CHECKBOX, "This is out of character", NULL, NULL, -1, NULL},
        {"context_suggests_risk", NULL, FS_CHECKBOX, "The circumstances suggest a risk", NULL, NULL,
         -1, NULL},
        {"risk_identified", NULL, FS_CHECKBOX, "A risk of exploitation has been identified", NULL,
         NULL, -1, NULL},
        {"risk_level", NULL, FS_RADIOS, "Risk level", NULL, risk_opts, -1, NULL},
};

static const char *name_of(struct request *req, json_t *c)
{
	return pages_fmt(req, "%s %s", pages_str(c, "given_names"), pages_str(c, "family_name"));
}

static void report_page(struct request *req, struct response *resp, json_t *child, int status,
                        const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	struct form_page fp = {
	        .title = "Report missing or absent",
	        .caption = name_of(req, child),
	        .heading = "Report a child missing or absent",
	        .intro = "Tell us what you know now; you can add more as the episode goes on. If "
	                 "the child may be in danger now, call 999 first.",
	        .back_href = pages_fmt(req, "/children/%s", id),
	        .back_text = "Back to the child",
	        .action = pages_fmt(req, "/children/%s/missing", id),
	        .submit = "Report",
	        .saved = "The missing or absent report",
	        .specs = report_specs,
	        .n = ARRAY_LEN(report_specs),
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_missing_new(struct request *req, struct response *resp)
{
	/* any practitioner reports any child, seeing only what they may (R-INFO-3) */
	json_t *c = pages_load(req, resp, app_child_to_file, request_param(req, "id"));
	if (!c)
		return;
	report_page(req, resp, c, 200, NULL, NULL);
	json_decref(c);
}

void handle_page_missing_create(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *c = pages_load(req, resp, app_child_to_file, id);
	if (!c)
		return;
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(report_specs, ARRAY_LEN(report_specs), f, &errs);
	json_object_set_new(in, "child_id", json_string(id));
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc = pages_post(req, resp, app_episode_report, NULL, in, report_specs,
	                                   ARRAY_LEN(report_specs), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/episodes/%s", pages_str(out, "id"));
	else if (rc == PAGES_POST_REFUSED)
		report_page(req, resp, c, 422, &errs, errs.n ? NULL : &err);
	json_decref(out);
	json_decref(c);
}

/* ---- the episode page ---- */

void handle_page_episode(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *e = pages_load(req, resp, app_episode_get, id);
	if (!e)
		return;
	static const char *const when[] = {
	        "reported_at", "last_seen_at", "returned_at", "changed_at",  "done_at",
	        "due_at",      "offered_at",   "accepted_at", "declined_at", "completed_at",
	        "decided_at",  "at",           NULL};
	pages_add_when(req, e, when);
	pages_add_when(req, json_object_get(e, "changes"), when);
	pages_add_when(req, json_object_get(e, "safe_and_well_checks"), when);
	pages_add_when(req, json_object_get(e, "return_interview"), when);
	pages_add_when(req, json_object_get(e, "forensic_decisions"), when);
	pages_add_when(req, json_object_get(e, "locations"), when);
	const char *status = pages_str(e, "status");
	const char *cls = pages_str(e, "classification");
	json_t *ri = json_object_get(e, "return_interview");
	const char *ris = json_is_object(ri) ? pages_str(ri, "status") : "";
	json_object_set_new(e, "name", json_string(name_of(req, e)));
	json_object_set_new(e, "is_open", json_boolean(strcmp(status, "open") == 0));
	json_object_set_new(
	        e, "can_escalate",
	        json_boolean(strcmp(status, "open") == 0 && strcmp(cls, "absent") == 0));
	json_object_set_new(e, "is_returned", json_boolean(strcmp(status, "open") != 0));
	json_object_set_new(e, "can_offer", json_boolean(strcmp(status, "open") != 0 && !*ris));
	json_object_set_new(e, "can_record_interview",
	                    json_boolean(*ris && strcmp(ris, "completed") != 0 &&
	                                 strcmp(ris, "declined") != 0));
	json_object_set_new(e, "is_missing", json_boolean(strcmp(cls, "missing") == 0));
	json_object_set_new(e, "born",
	                    json_string(pages_date(
	                            req, json_string_value(json_object_get(e, "date_of_birth")))));
	/* the facts first: how long, the risk, last seen where and with whom, the carers;
	 * then each thing to do with its due time */
	const char *risk = pages_str(e, "risk_level");
	json_object_set_new(e, "risk_label",
	                    json_string(!*risk                        ? "Not yet assessed"
	                                : strcmp(risk, "high") == 0   ? "High risk"
	                                : strcmp(risk, "medium") == 0 ? "Medium risk"
	                                : strcmp(risk, "low") == 0    ? "Low risk"
	                                                              : "No apparent risk"));
	json_object_set_new(e, "risk_class",
	                    json_string(strcmp(risk, "high") == 0     ? "govuk-tag--red"
	                                : strcmp(risk, "medium") == 0 ? "govuk-tag--orange"
	                                : strcmp(risk, "low") == 0    ? "govuk-tag--yellow"
	                                                              : "govuk-tag--grey"));
	json_object_set_new(
	        e, "has_carers",
	        json_boolean(json_array_size(json_object_get(e, "parents_carers")) > 0));
	json_object_set_new(e, "has_prompts",
	                    json_boolean(json_array_size(json_object_get(e, "prompts")) > 0));
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(e, "prompts"), i, p) if (*pages_str(p, "due_at"))
	        json_object_set_new(p, "due_when",
	                            json_string(pages_when(req, pages_str(p, "due_at"))));
	page_render(req, resp, 200, "episode.html", pages_fmt(req, "Episode: %s", name_of(req, e)),
	            e);
	json_decref(e);
}

/* ---- episode forms ---- */

typedef int (*episode_uc)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                          struct app_err *);

struct episode_form {
	const char *heading, *intro, *submit;
	const struct fs_field *specs;
	size_t n;
	episode_uc fn;
	void (*adjust)(json_t *in);
	const char *saved; /* what it saves, for the banner after */
};

static const struct fs_field escalate_specs[] = {
        {"reason", NULL, FS_TEXTAREA, "Why the child is now classed missing", NULL, NULL, -1, NULL},
        {"risk_level", NULL, FS_RADIOS, "Risk level", NULL, risk_opts, -1, NULL},
};
static const struct fs_field risk_specs[] = {
        {"risk_level", NULL, FS_RADIOS, "Risk level",
         "Above 'no apparent risk', an absent child is classed missing (R-MISS-4)", risk_opts, -1,
         NULL},
        {"reason", NULL, FS_TEXTAREA, "Why", NULL, NULL, -1, NULL},
};
static const struct fs_field return_specs[] = {
        {"returned_at", NULL, FS_DATETIME, "When the child was found or came back",
         "Leave empty for now.", NULL, -1, NULL},
        {"where", NULL, FS_TEXT, "Where", NULL, NULL, -1, NULL},
        {"with", NULL, FS_LINES, "With whom", "One person a line", NULL, -1, NULL},
        {"csc_interviewer", NULL, FS_TEXT, "Social worker who spoke with the child on return",
         "Their username or name, if any. They cannot also do the return interview", NULL, -1,
         NULL},
};
static const struct fs_field saw_specs[] = {
        {"done_at", NULL, FS_DATETIME, "When the check was done", "Leave empty for now.", NULL, -1,
         NULL},
        {"done_by", NULL, FS_TEXT, "Officer who did it", "Leave empty if it was you", NULL, -1,
         NULL},
        {"where_found", NULL, FS_TEXT, "Where the child was found", NULL, NULL, -1, NULL},
        {"found_with", NULL, FS_LINES, "Found with", "One person a line", NULL, -1, NULL},
        {"found_alone", NULL, FS_CHECKBOX, "The child was found alone", NULL, NULL, -1, NULL},
        {"what_happened", NULL, FS_TEXTAREA, "What happened while the child was away",
         "In the child's words where you can", NULL, -1, NULL},
        {"crime_alleged", NULL, FS_CHECKBOX, "A crime was alleged",
         "Give the crime number below (R-MISS-5)", NULL, -1, NULL},
        {"crime_number", NULL, FS_TEXT, "Crime number", NULL, NULL, -1, "govuk-!-width-one-half"},
};
static const struct fs_field offer_specs[] = {
        {"child_asked", NULL, FS_CHECKBOX, "The child was asked who they would like to talk to",
         NULL, NULL, -1, NULL},
        {"child_preference", NULL, FS_TEXTAREA, "The child's choice of interviewer",
         "In their words", NULL, -1, NULL},
        {"interviewer", NULL, FS_TEXT, "Interviewer",
         "Username or name. Not a parent or carer, nor the officer or social worker who spoke with "
         "the child on return (R-MISS-6)",
         NULL, -1, NULL},
        {"interviewer_role", NULL, FS_TEXT, "Interviewer's role", NULL, NULL, -1, NULL},
        {"interviewer_agency", NULL, FS_TEXT, "Interviewer's agency", NULL, NULL, -1, NULL},
        {"parents_carers", NULL, FS_LINES, "Parents or carers", "One a line", NULL, -1, NULL},
        {"offered_at", NULL, FS_DATETIME, "When it was offered", "Leave empty for now.", NULL, -1,
         NULL},
};
static const struct fs_option ri_opts[] = {{"accepted", "Accepted", NULL},
                                           {"declined", "Declined", NULL},
                                           {"completed", "Completed", NULL},
                                           {NULL, NULL, NULL}};
static const struct fs_field interview_specs[] = {
        {"status", NULL, FS_RADIOS, "What happened", NULL, ri_opts, -1, NULL},
        {"at", NULL, FS_DATETIME, "When", "Leave empty for now.", NULL, -1, NULL},
        {"findings", NULL, FS_TEXTAREA, "What the interview found",
         "Needed when completed. It is added to the child's record chronology (R-MISS-8)", NULL, -1,
         NULL},
        {"where_stayed", NULL, FS_TEXTAREA, "Where the child stayed", NULL, NULL, -1, NULL},
        {"with_whom", NULL, FS_TEXTAREA, "Who they were with", NULL, NULL, -1, NULL},
        {"why_left", NULL, FS_TEXTAREA, "Why they left", NULL, NULL, -1, NULL},
        {"actions", NULL, FS_TEXTAREA, "Actions agreed", NULL, NULL, -1, NULL},
        {"assessment", NULL, FS_TEXTAREA, "Your assessment", NULL, NULL, -1, NULL},
};
static const struct fs_option yn_opts[] = {{"yes", "Yes", NULL},
                                           {"no", "No", NULL},
                                           {"not_applicable", "Not applicable", NULL},
                                           {NULL, NULL, NULL}};
static const struct fs_option decision_opts[] = {
        {"forensic_strategy", "Agree a forensic strategy", NULL},
        {"no_forensic_action", "No forensic action", NULL},
        {NULL, NULL, NULL}};
/* R-MISS-9: the questions come from the protocol's list (app_forensic_questions), so the
 * page posts exactly the names the use case takes; then the decision and why. Filled
 * once, before the first use (forensic_specs_ready). */
#define FORENSIC_MAX_QUESTIONS 8
static struct fs_field forensic_specs[FORENSIC_MAX_QUESTIONS + 2];
static size_t forensic_n;
static pthread_once_t forensic_once = PTHREAD_ONCE_INIT;

static void forensic_specs_fill(void)
{
	const char *codes[FORENSIC_MAX_QUESTIONS], *texts[FORENSIC_MAX_QUESTIONS];
	size_t nq = app_forensic_questions(codes, texts, FORENSIC_MAX_QUESTIONS);
	if (nq > FORENSIC_MAX_QUESTIONS)
		nq = FORENSIC_MAX_QUESTIONS;
	size_t k = 0;
	for (size_t i = 0; i < nq; i++)
		forensic_specs[k++] = (struct fs_field){codes[i], NULL,    FS_RADIOS, texts[i],
		                                        NULL,     yn_opts, -1,        NULL};
	forensic_specs[k++] = (struct fs_field){"decision", NULL,          FS_RADIOS, "Decision",
	                                        NULL,       decision_opts, -1,        NULL};
	forensic_specs[k++] =
	        (struct fs_field){"rationale", NULL, FS_TEXTAREA, "Why", NULL, NULL, -1, NULL};
	forensic_n = k;
}

static void forensic_specs_ready(void)
{
	pthread_once(&forensic_once, forensic_specs_fill);
}

/* "yes"/"no" answers to the questions become booleans; "not_applicable" stays. */
static void forensic_adjust(json_t *in)
{
	const char *codes[FORENSIC_MAX_QUESTIONS];
	size_t nq = app_forensic_questions(codes, NULL, FORENSIC_MAX_QUESTIONS);
	for (size_t i = 0; i < nq && i < FORENSIC_MAX_QUESTIONS; i++) {
		const char *v = json_string_value(json_object_get(in, codes[i]));
		if (v && strcmp(v, "yes") == 0)
			json_object_set_new(in, codes[i], json_true());
		else if (v && strcmp(v, "no") == 0)
			json_object_set_new(in, codes[i], json_false());
	}
}

static const struct episode_form ep_forms[] = {
        {"Escalate to missing",
         "An absent child becomes missing when a risk is recorded or the managed timeframe passes "
         "(R-MISS-4).",
         "Escalate", escalate_specs, ARRAY_LEN(escalate_specs), app_episode_escalate, NULL,
         "The escalation to missing"},
        {"Risk level", NULL, "Save risk level", risk_specs, ARRAY_LEN(risk_specs), app_episode_risk,
         NULL, "The risk level"},
        {"Found or returned",
         "Record when and where the child was found or came back. The return interview is then due "
         "within 72 hours (R-MISS-6).",
         "Record the return", return_specs, ARRAY_LEN(return_specs), app_episode_return, NULL,
         "The return"},
        {"Safe and well check", "The police check on the child's return (R-MISS-5).",
         "Save the check", saw_specs, ARRAY_LEN(saw_specs), app_safe_and_well, NULL,
         "The safe and well check"},
        {"Offer the return interview",
         "Ask the child who they would like to talk to. The interview is due 72 hours after the "
         "return.",
         "Offer the interview", offer_specs, ARRAY_LEN(offer_specs), app_return_interview_offer,
         NULL, "The return interview offer"},
        {"Return interview", NULL, "Save", interview_specs, ARRAY_LEN(interview_specs),
         app_return_interview_record, NULL, "The return interview"},
        {"Forensic strategy decision",
         "Consider a forensic strategy after every episode (R-MISS-9).", "Record the decision",
         forensic_specs, 0, app_forensic_decision, forensic_adjust,
         "The forensic strategy decision"},
};
enum { EP_ESCALATE, EP_RISK, EP_RETURN, EP_SAW, EP_OFFER, EP_INTERVIEW, EP_FORENSIC };
static const char *const ep_paths[] = {"escalate",        "risk",      "return",  "safe-and-well",
                                       "interview-offer", "interview", "forensic"};

/* How many fields form ef has (the forensic form's are filled on first use). */
static size_t form_n(const struct episode_form *ef)
{
	if (ef->specs == forensic_specs) {
		forensic_specs_ready();
		return forensic_n;
	}
	return ef->n;
}

static void episode_form_page(struct request *req, struct response *resp, int which, int status,
                              const struct field_errors *errs, const struct app_err *err)
{
	const struct episode_form *ef = &ep_forms[which];
	const char *id = request_param(req, "id");
	struct form_page fp = {
	        .title = ef->heading,
	        .caption = "Missing episode",
	        .heading = ef->heading,
	        .intro = ef->intro,
	        .back_href = pages_fmt(req, "/episodes/%s", id),
	        .back_text = "Back to the episode",
	        .action = pages_fmt(req, "/episodes/%s/%s", id, ep_paths[which]),
	        .submit = ef->submit,
	        .saved = ef->saved,
	        .specs = ef->specs,
	        .n = form_n(ef),
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

static void episode_form_get(struct request *req, struct response *resp, int which)
{
	episode_form_page(req, resp, which, 200, NULL, NULL);
}

static void episode_form_post(struct request *req, struct response *resp, int which)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const struct episode_form *ef = &ep_forms[which];
	const char *id = request_param(req, "id");
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(ef->specs, form_n(ef), f, &errs);
	if (ef->adjust)
		ef->adjust(in);
	struct app_err err;
	json_t *out;
	enum pages_post_rc rc =
	        pages_post(req, resp, ef->fn, id, in, ef->specs, form_n(ef), &errs, &err, &out);
	if (rc == PAGES_POST_SAVED)
		pages_redirect(req, resp, "/episodes/%s", id);
	else if (rc == PAGES_POST_REFUSED)
		episode_form_page(req, resp, which, 422, &errs, errs.n ? NULL : &err);
	json_decref(out);
}

#define EP_HANDLERS(fn, which)                                                                     \
	void handle_page_ep_##fn##_form(struct request *req, struct response *resp)                \
	{                                                                                          \
		episode_form_get(req, resp, which);                                                \
	}                                                                                          \
	void handle_page_ep_##fn(struct request *req, struct response *resp)                       \
	{                                                                                          \
		episode_form_post(req, resp, which);                                               \
	}
EP_HANDLERS(escalate, EP_ESCALATE)
EP_HANDLERS(risk, EP_RISK)
EP_HANDLERS(return, EP_RETURN)
EP_HANDLERS(saw, EP_SAW)
EP_HANDLERS(offer, EP_OFFER)
EP_HANDLERS(interview, EP_INTERVIEW)
EP_HANDLERS(forensic, EP_FORENSIC)

/* ---- the missing person profile ---- */

static const struct fs_field profile_specs[] = {
        {"description", NULL, FS_TEXTAREA, "Description",
         "Height, build, hair, clothing they often wear, anything distinctive", NULL, -1, NULL},
        {"associates", NULL, FS_LINES, "Associates", "One a line: people they may be with", NULL,
         -1, NULL},
        {"places", NULL, FS_LINES, "Places", "One a line: places they go or have been found", NULL,
         -1, NULL},
        {"phone_numbers", NULL, FS_LINES, "Phone numbers", "One a line", NULL, -1, NULL},
        {"social_media", NULL, FS_LINES, "Social media", "One a line: platform and name", NULL, -1,
         NULL},
        {"photo_ref", NULL, FS_TEXT, "Photo reference", "Where a recent photo is kept (optional)",
         NULL, -1, NULL},
};

static void profile_page(struct request *req, struct response *resp, json_t *child, json_t *profile,
                         int status, const struct field_errors *errs, const struct app_err *err)
{
	const char *id = request_param(req, "id");
	bool exists = !json_is_false(json_object_get(profile, "exists"));
	struct form_page fp = {
	        .title = "Missing person profile",
	        .caption = name_of(req, child),
	        .heading = "Missing person profile",
	        .intro = exists ? "Keep this up to date. It is shared with the police the moment a "
	                          "new episode opens."
	                        : "There is no profile yet. Fill it in for a child who goes "
	                          "missing repeatedly, so that it is ready to share with the "
	                          "police the moment a new episode opens.",
	        .back_href = pages_fmt(req, "/children/%s", id),
	        .back_text = "Back to the child",
	        .action = pages_fmt(req, "/children/%s/profile", id),
	        .submit = "Save the profile",
	        .specs = profile_specs,
	        .n = ARRAY_LEN(profile_specs),
	        .values = profile,
	        .link_href = exists ? pages_fmt(req, "/children/%s/profile/print", id) : NULL,
	        .link_text = "Print or share the profile",
	};
	if (err)
		pages_fail(req, resp, err, &fp);
	else
		pages_form(req, resp, status, &fp, errs);
}

void handle_page_profile(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	json_t *c = pages_load(req, resp, app_child_get, id);
	if (!c)
		return;
	json_t *p = pages_load(req, resp, app_profile_get, id);
	if (p)
		profile_page(req, resp, c, p, 200, NULL, NULL);
	json_decref(p);
	json_decref(c);
}

void handle_page_profile_update(struct request *req, struct response *resp)
{
	const struct form *f = pages_posted(req, resp);
	if (!f)
		return;
	const char *id = request_param(req, "id");
	json_t *c = pages_load(req, resp, app_child_get, id);
	if (!c)
		return;
	struct field_errors errs;
	fielderr_init(&errs);
	json_t *in = formspec_to_json(profile_specs, ARRAY_LEN(profile_specs), f, &errs);
	struct db *db = web_db(req, resp);
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = db ? app_profile_update(db, web_actor(req), id, in, &out, &err) : APP_FAILED;
	json_decref(in);
	json_decref(out);
	if (!db)
		;
	else if (rc == APP_OK)
		pages_redirect(req, resp, "/children/%s/profile", id);
	else if (rc == APP_INVALID || rc == APP_CONFLICT)
		profile_page(req, resp, c, NULL, 422, NULL, &err);
	else
		pages_error(req, resp, &err);
	json_decref(c);
}

void handle_page_profile_print(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct db *db = web_db(req, resp);
	if (!db)
		return;
	struct app_err err = {0};
	char *text = NULL;
	if (app_profile_print(db, web_actor(req), id, &text, &err) != APP_OK) {
		pages_error(req, resp, &err);
		return;
	}
	json_t *d = json_pack("{s:s, s:s}", "text", text, "id", id);
	free(text);
	page_render(req, resp, 200, "profile_print.html", "Missing person profile (print)", d);
	json_decref(d);
}

size_t pages_missing_forms(struct page_form_use *out, size_t max)
{
	size_t k = 0;
	if (k < max)
		out[k] = (struct page_form_use){
		        "/children/{id}/missing",
		        {{report_specs, ARRAY_LEN(report_specs)}},
		        app_episode_report,
		        NULL,
		};
	k++;
	for (size_t i = 0; i < ARRAY_LEN(ep_forms); i++, k++)
		if (k < max)
			out[k] = (struct page_form_use){
			        ep_paths[i],
			        {{ep_forms[i].specs, form_n(&ep_forms[i])}},
			        ep_forms[i].fn,
			        ep_forms[i].adjust,
			};
	if (k < max)
		out[k] = (struct page_form_use){
		        "/children/{id}/profile",
		        {{profile_specs, ARRAY_LEN(profile_specs)}},
		        app_profile_update,
		        NULL,
		};
	k++;
	return k;
}
