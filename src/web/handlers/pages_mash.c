/*
 * handlers/pages_mash.c: GET and POST /referrals/{id}/evaluate: the MASH evaluates a
 * referral routed to it (R-PATH-3). The page leads with the facts (the child, when
 * it was received, the decision due one working day later with the time left, who
 * referred and why), then the outcome and the reason; once evaluated it shows the
 * evaluation instead. Other roles are refused before anything is shown, with the same
 * permission function the use case asks (app_may_evaluate_referral).
 */
#include "app/mash.h"
#include "app/referrals.h"
#include "web/handlers/handlers.h"
#include "web/handlers/mash.h"
#include "web/handlers/pages.h"
#include "web/usecase.h"

static const struct fs_option outcome_opts[] = {
        {"no_further_action", "No further action", NULL},
        {"early_help", "Early help", "Support from the early help service"},
        {"strategy_discussion", "Strategy discussion", "Police and children's social care meet"},
        {"section_47", "Section 47 enquiry",
         "The child is suffering, or likely to suffer, "
         "significant harm"},
        {"es_record", "ES-flagged record", "The child takes the exploitation pathway"},
        {NULL, NULL, NULL}};
static const struct fs_field eval_specs[] = {
        {"outcome", NULL, FS_RADIOS, "Outcome of the MASH evaluation", NULL, outcome_opts, -1,
         NULL},
        {"rationale", NULL, FS_TEXTAREA, "Why this outcome",
         "The information shared and your reasoning", NULL, -1, NULL},
};

/* The facts of referral r at the top of the page. */
static json_t *facts_of(struct request *req, json_t *r)
{
	json_t *f = json_array();
#define FACT(k, v) json_array_append_new(f, json_pack("{s:s, s:s}", "key", k, "value", v))
	json_t *c = json_object_get(r, "child");
	if (c)
		FACT("Child", pages_fmt(req, "%s %s, born %s", pages_str(c, "given_names"),
		                        pages_str(c, "family_name"),
		                        pages_date(req, pages_str(c, "date_of_birth"))));
	FACT("Received", pages_when(req, pages_str(r, "submitted_at")));
	json_t *clock = json_object_get(r, "decision_clock");
	if (clock)
		FACT("Decision due", pages_fmt(req, "%s (%s)", pages_str(clock, "due_local"),
		                               pages_str(clock, "time_left")));
	FACT("Referred by", pages_fmt(req, "%s, %s", pages_str(r, "referrer_name"),
	                              pages_str(r, "source_agency")));
	FACT("Circumstances", pages_str(r, "circumstances"));
	if (*pages_str(r, "rationale"))
		FACT("Why the referrer is concerned", pages_str(r, "rationale"));
	json_t *ev = json_object_get(r, "evaluation");
	if (ev) {
		FACT("Outcome", pages_str(ev, "outcome_label"));
		FACT("Reason", pages_str(ev, "rationale"));
		FACT("Evaluated",
		     pages_fmt(req, "%s by %s (%s)", pages_when(req, pages_str(ev, "evaluated_at")),
		               pages_str(ev, "evaluated_by_name"),
		               json_is_true(json_object_get(ev, "on_time"))
		                       ? "within one working day"
		                       : "after the decision was due"));
	}
#undef FACT
	return f;
}

static void eval_page(struct request *req, struct response *resp, json_t *r, int status,
                      const struct field_errors *errs)
{
	const char *id = request_param(req, "id");
	json_t *d = json_pack("{s:s, s:o, s:b}", "id", id, "facts", facts_of(req, r), "evaluated",
	                      json_object_get(r, "evaluation") != NULL);
	json_t *clock = json_object_get(r, "decision_clock");
	if (clock) {
		const char *state = pages_str(clock, "state");
		json_object_set_new(
		        d, "tag",
		        json_string(json_integer_value(json_object_get(clock, "seconds_left")) <= 0
		                            ? "Overdue"
		                    : strcmp(state, "amber") == 0 ? "Due soon"
		                                                  : "On time"));
		json_object_set_new(d, "tag_class",
		                    json_string(strcmp(state, "red") == 0 ? "govuk-tag--red"
		                                : strcmp(state, "amber") == 0
		                                        ? "govuk-tag--orange"
		                                        : "govuk-tag--green"));
	}
	if (!json_object_get(r, "evaluation"))
		json_object_set_new(d, "fields",
		                    formspec_fields(eval_specs, ARRAY_LEN(eval_specs),
		                                    req->method == HTTP_POST ? req->form : NULL,
		                                    NULL, errs));
	page_add_errors(d, errs);
	page_render(req, resp, status, "mash_evaluate.html", "Evaluate a referral", d);
	json_decref(d);
}

/* 403 for a role that does not evaluate (R-PATH-3); true when the actor may. */
static bool may_evaluate(struct request *req, struct response *resp)
{
	if (app_may_evaluate_referral(web_actor(req)))
		return true;
	struct app_err err = {0};
	app_fail(&err, APP_FORBIDDEN, "R-PATH-3", "Only the MASH evaluates referrals (R-PATH-3).");
	pages_error(req, resp, &err);
	return false;
}

void handle_page_referral_evaluate_form(struct request *req, struct response *resp)
{
	if (!may_evaluate(req, resp))
		return;
	json_t *r = pages_load(req, resp, app_referral_get, request_param(req, "id"));
	if (!r)
		return;
	eval_page(req, resp, r, 200, NULL);
	json_decref(r);
}

void handle_page_referral_evaluate(struct request *req, struct response *resp)
{
	const char *id = request_param(req, "id");
	struct field_errors errs;
	json_t *in = pages_posted_json(req, resp, eval_specs, ARRAY_LEN(eval_specs), &errs);
	if (!in)
		return;
	struct app_err err = {0};
	json_t *out = NULL;
	bool answered;
	/* the use case refuses other roles itself, and audits the refusal */
	int rc = pages_run_uc(req, resp, app_referral_evaluate, id, in, &out, &err, &answered);
	if (answered)
		return;
	json_decref(out);
	if (rc == APP_OK) {
		pages_redirect(req, resp, "/referrals/%s/evaluate", id);
		return;
	}
	if (rc != APP_INVALID && rc != APP_CONFLICT) {
		pages_error(req, resp, &err);
		return;
	}
	json_t *r = pages_load(req, resp, app_referral_get, id);
	if (!r)
		return;
	pages_app_errors(req, &err, eval_specs, ARRAY_LEN(eval_specs), &errs);
	eval_page(req, resp, r, 422, &errs);
	json_decref(r);
}
