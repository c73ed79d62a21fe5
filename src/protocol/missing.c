/* missing.c: missing/absent classification and return interviews (see missing.h). */
#include "protocol/missing.h"

#include "protocol/definitions.h"

const char *missing_class_code(enum miss_class c)
{
	switch (c) {
	case MISS_NONE:
		return "none";
	case MISS_ABSENT:
		return "absent";
	case MISS_MISSING:
		return "missing";
	}
	return NULL;
}

static int result(struct miss_result *out, enum miss_class cls, const char *rule, bool corrected,
                  const char *reason)
{
	out->cls = cls;
	out->rule = rule;
	out->corrected = corrected;
	snprintf(out->reason, sizeof(out->reason), "%s", reason);
	return 0;
}

/* R-MISS-1, R-MISS-2, R-MISS-3 */
int missing_classify(const struct miss_report *r, const struct miss_child *c, int64_t now,
                     struct miss_result *out, struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	if (r->reported_at > now)
		return proto_fail(err, "R-MISS-1", "reported_at",
		                  "A missing report cannot be dated in the future (R-MISS-1).");
	if (r->requested != MISS_NONE && r->requested != MISS_ABSENT &&
	    r->requested != MISS_MISSING)
		return proto_fail(err, "R-MISS-1", "requested",
		                  "Unknown episode class (R-MISS-1).");

	/* R-MISS-1: whereabouts known -> no episode. */
	if (r->whereabouts_known) {
		if (r->requested != MISS_NONE)
			return proto_fail(
			    err, "R-MISS-1", "whereabouts_known",
			    "The child's whereabouts are known, so this is neither "
			    "missing nor absent and no episode is opened (R-MISS-1).");
		return result(out, MISS_NONE, "R-MISS-1", false,
		              "Whereabouts known: no episode is opened (R-MISS-1).");
	}

	/* Why 'absent' is not allowed, if it is not. */
	const char *rule = NULL, *why = NULL;
	enum age_band band =
	    c->dob_known ? def_age_band(c->dob, ltime_date_of(r->reported_at)) : AGE_UNKNOWN;
	if (band == AGE_UNDER_13) {
		rule = "R-MISS-2";
		why = "the child is under 13, and a child under 13 is never classed absent "
		      "(R-MISS-2)";
	} else if (band == AGE_UNKNOWN || band == AGE_NOT_BORN) {
		rule = "R-MISS-2";
		why = "the child's age is not known, so they may be under 13 and cannot be "
		      "classed absent (R-MISS-2)";
	} else if (c->open_cse_record || c->identified_cse_risk) {
		rule = "R-MISS-3";
		why = c->open_cse_record
		          ? "the child has an open exploitation record, so they "
		            "are never classed absent (R-MISS-3)"
		          : "an exploitation risk has been identified for the child, "
		            "so they are never classed absent (R-MISS-3)";
	}

	char buf[256];
	if (r->requested == MISS_ABSENT && rule) {
		if (!r->auto_correct)
			return proto_fail(err, rule, "requested",
			                  "This episode cannot be absent: %s.", why);
		snprintf(buf, sizeof(buf), "Classed missing, not absent: %s.", why);
		return result(out, MISS_MISSING, rule, true, buf);
	}
	if (r->requested == MISS_ABSENT)
		return result(out, MISS_ABSENT, "R-MISS-1", false,
		              "Classed absent as reported: not where expected, no apparent risk "
		              "(R-MISS-1).");
	if (r->requested == MISS_MISSING)
		return result(out, MISS_MISSING, "R-MISS-1", false,
		              "Classed missing as reported (R-MISS-1).");

	/* No request: the rules decide. */
	if (rule) {
		snprintf(buf, sizeof(buf), "Classed missing: %s.", why);
		return result(out, MISS_MISSING, rule, false, buf);
	}
	if (r->out_of_character || r->context_suggests_risk)
		return result(out, MISS_MISSING, "R-MISS-1", false,
		              r->context_suggests_risk
		                  ? "Classed missing: the context suggests risk (R-MISS-1)."
		                  : "Classed missing: being away is out of character "
		                    "(R-MISS-1).");
	return result(out, MISS_ABSENT, "R-MISS-1", false,
	              "Classed absent: not where expected, no apparent risk (R-MISS-1).");
}

/* R-MISS-4 */
int64_t missing_escalation_due(int64_t absent_since, int64_t timeframe)
{
	if (timeframe <= 0)
		timeframe = MISS_ABSENT_DEFAULT_TIMEFRAME;
	return absent_since + timeframe;
}

/* R-MISS-4 */
void missing_escalation_check(int64_t absent_since, int64_t timeframe, bool returned,
                              bool risk_identified, int64_t now, struct miss_escalation *out)
{
	*out = (struct miss_escalation){false, "R-MISS-4", NULL};
	if (risk_identified) {
		out->escalate = true;
		out->reason = "risk_identified";
	} else if (!returned && now >= missing_escalation_due(absent_since, timeframe)) {
		out->escalate = true;
		out->reason = "timeframe_passed";
	}
}

/* R-MISS-6 */
int64_t missing_return_interview_due(int64_t returned_at)
{
	return returned_at + MISS_RETURN_INTERVIEW_WINDOW;
}

static bool same_person(const char *a, const char *b)
{
	return a && b && a[0] && strcmp(a, b) == 0;
}

/* R-MISS-6 */
int missing_interviewer_validate(const struct ri_interview *ri, struct proto_err *err)
{
	if (proto_name_check(ri->interviewer_id, PROTO_NAME_MAX, true, "R-MISS-6", "interviewer_id",
	                     "The return interviewer", err))
		return -1;
	for (size_t i = 0; i < ri->n_parent_carers && ri->parent_carer_ids; i++)
		if (same_person(ri->interviewer_id, ri->parent_carer_ids[i]))
			return proto_fail(err, "R-MISS-6", "interviewer_id",
			                  "The return interviewer must be independent of the "
			                  "child's parents and carers (R-MISS-6).");
	if (same_person(ri->interviewer_id, ri->police_interviewer_id))
		return proto_fail(err, "R-MISS-6", "interviewer_id",
		                  "The return interview must be separate from the police "
		                  "interview: choose someone other than that officer (R-MISS-6).");
	if (same_person(ri->interviewer_id, ri->csc_interviewer_id))
		return proto_fail(err, "R-MISS-6", "interviewer_id",
		                  "The return interview must be separate from the social care "
		                  "interview: choose someone other than that social worker "
		                  "(R-MISS-6).");
	if (!ri->child_asked_preference)
		return proto_fail(err, "R-MISS-6", "child_preference",
		                  "Ask the child whom they want to speak to and record the answer "
		                  "(R-MISS-6).");
	return proto_text_check(ri->child_preference, PROTO_SHORT_MAX, true, "R-MISS-6",
	                        "child_preference",
	                        "The child's answer about whom they want to "
	                        "speak to",
	                        err);
}

/* R-MISS-7 */
void missing_ri_responsibility(bool looked_after, struct ri_responsibility *out)
{
	memset(out, 0, sizeof(*out));
	if (looked_after) {
		out->n = 2;
		out->parties[0] = "placing_authority";
		out->parties[1] = "unit_manager_or_supervising_social_worker";
		out->text = "Looked-after child: the placing authority, with the residential unit "
		            "manager or supervising social worker, arranges the return interview.";
	} else {
		out->n = 2;
		out->parties[0] = "police";
		out->parties[1] = "childrens_social_care";
		out->text = "Child living in the community: police and children's social care "
		            "arrange the return interview.";
	}
}
