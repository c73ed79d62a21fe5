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
	/* R-MISS-6: nor one of the people the child was with while missing */
	for (size_t i = 0; i < ri->n_with && ri->with_ids; i++)
		if (same_person(ri->interviewer_id, ri->with_ids[i]))
			return proto_fail(err, "R-MISS-6", "interviewer_id",
			                  "The return interviewer must be independent: the episode "
			                  "names them as someone the child was with (R-MISS-6).");
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

static const char *const RISK_CODES[] = {"no_apparent_risk", "low", "medium", "high"};
static const char *const RISK_LABELS[] = {"No apparent risk", "Low risk", "Medium risk",
                                          "High risk"};

const char *missing_risk_code(enum miss_risk r)
{
	return (unsigned)r < ARRAY_LEN(RISK_CODES) ? RISK_CODES[r] : NULL;
}

const char *missing_risk_label(enum miss_risk r)
{
	return (unsigned)r < ARRAY_LEN(RISK_LABELS) ? RISK_LABELS[r] : NULL;
}

int missing_risk_parse(const char *s, enum miss_risk *out, struct proto_err *err)
{
	for (size_t i = 0; s && i < ARRAY_LEN(RISK_CODES); i++)
		if (strcmp(s, RISK_CODES[i]) == 0) {
			*out = (enum miss_risk)i;
			return 0;
		}
	return proto_fail(err, "R-MISS-1", "risk_level",
	                  "Risk level must be one of no_apparent_risk, low, medium, high.");
}

/* The times of a return: `at` not before `after`, not after `now`. */
static int time_between(int64_t after, int64_t at, int64_t now, const char *rule, const char *field,
                        const char *what, const char *after_what, struct proto_err *err)
{
	if (at < after)
		return proto_fail(err, rule, field, "%s cannot be before %s (%s).", what,
		                  after_what, rule);
	if (at > now)
		return proto_fail(err, rule, field, "%s cannot be in the future (%s).", what, rule);
	return 0;
}

/* R-MISS-5 */
int missing_return_validate(const struct miss_return *r, int64_t now, struct proto_err *err)
{
	if (time_between(r->reported_at, r->returned_at, now, "R-MISS-5", "returned_at",
	                 "The time the child was found or returned", "the missing report", err))
		return -1;
	if (proto_text_check(r->where, PROTO_SHORT_MAX, true, "R-MISS-5", "where",
	                     "Where the child was found or returned to", err))
		return -1;
	return proto_text_check(r->with_whom, PROTO_SHORT_MAX, false, "R-MISS-5", "with_whom",
	                        "Who the child was with", err);
}

/* R-MISS-6 */
int missing_interview_time_validate(int64_t returned_at, int64_t interview_at, int64_t now,
                                    struct proto_err *err)
{
	return time_between(returned_at, interview_at, now, "R-MISS-6", "interview_at",
	                    "The return interview", "the child's return", err);
}

/* R-MISS-6 */
bool missing_interview_late(int64_t returned_at, int64_t interview_at)
{
	return interview_at > missing_return_interview_due(returned_at);
}

/* R-MISS-5 */
int missing_safe_well_validate(const struct miss_safe_well *s, int64_t now,
                               struct miss_safe_well_plan *plan, struct proto_err *err)
{
	if (plan)
		memset(plan, 0, sizeof(*plan));
	if (time_between(s->returned_at, s->checked_at, now, "R-MISS-5", "checked_at",
	                 "The Safe and Well Check", "the child was found or returned", err))
		return -1;
	if (proto_name_check(s->officer_id, PROTO_NAME_MAX, true, "R-MISS-5", "officer_id",
	                     "The officer who did the Safe and Well Check", err) ||
	    proto_text_check(s->where_found, PROTO_SHORT_MAX, true, "R-MISS-5", "where_found",
	                     "Where the child was", err) ||
	    proto_text_check(s->found_with, PROTO_SHORT_MAX, !s->found_alone, "R-MISS-5",
	                     "found_with",
	                     "Who the child was with (or record that they were alone)", err) ||
	    proto_text_check(s->what_happened, PROTO_SHORT_MAX, true, "R-MISS-5", "what_happened",
	                     "What happened while the child was away", err))
		return -1;
	bool have_ref = !proto_blank(s->crime_reference);
	if (have_ref && !s->crime_alleged)
		return proto_fail(err, "R-MISS-5", "crime_reference",
		                  "A crime reference is linked only when a crime is alleged "
		                  "(R-MISS-5).");
	if (have_ref && recording_ext_ref_validate(EXT_CRIME_NUMBER, s->crime_reference, err))
		return -1;
	if (plan && s->crime_alleged) {
		plan->crime_link = true;
		recording_crime_allegation(have_ref, &plan->crime);
	}
	return 0;
}

/* Appends "\n<label>: <text>" when text is not blank. */
static void put_line(struct buf *b, const char *label, const char *text)
{
	if (!proto_blank(text))
		buf_printf(b, "\n%s: %s", label, text);
}

/* R-MISS-8 */
int missing_ri_chronology(const struct ri_findings *f, int64_t now, struct buf *facts,
                          struct buf *opinion, struct proto_err *err)
{
	buf_reset(facts);
	buf_reset(opinion);
	if (missing_interview_time_validate(f->returned_at, f->interview_at, now, err))
		return -1;
	if (proto_name_check(f->interviewer_id, PROTO_NAME_MAX, true, "R-MISS-8", "interviewer_id",
	                     "The return interviewer", err))
		return -1;
	struct {
		const char *text, *field, *label;
		bool required;
	} parts[] = {
	        {f->where_stayed, "where_stayed", "Where the child stayed", false},
	        {f->with_whom, "with_whom", "Who the child was with", false},
	        {f->what_happened, "what_happened", "What happened", !f->declined},
	        {f->why_left, "why_left", "What led the child to go", false},
	        {f->actions, "actions", "Actions agreed", false},
	        {f->assessment, "assessment", "Interviewer's assessment of risk", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++)
		if (proto_text_check(parts[i].text, PROTO_SHORT_MAX, parts[i].required, "R-MISS-8",
		                     parts[i].field, parts[i].label, err))
			return -1;

	char when[64], ret[64];
	ltime_london_format(f->interview_at, when, sizeof(when));
	ltime_london_format(f->returned_at, ret, sizeof(ret));
	if (f->declined)
		buf_printf(facts,
		           "Return interview offered on %s by %s after the child's return on %s; "
		           "the child declined to take part.",
		           when, f->interviewer_id, ret);
	else
		buf_printf(facts, "Return interview on %s by %s after the child's return on %s.",
		           when, f->interviewer_id, ret);
	if (missing_interview_late(f->returned_at, f->interview_at))
		buf_puts(facts, " It took place more than 72 hours after the return.");
	for (size_t i = 0; i < ARRAY_LEN(parts) - 1; i++)
		put_line(facts, parts[i].label, parts[i].text);
	if (!proto_blank(f->assessment))
		buf_printf(opinion, "Return interviewer's assessment of risk (%s): %s",
		           f->interviewer_id, f->assessment);

	if (facts->failed || opinion->failed) {
		buf_reset(facts);
		buf_reset(opinion);
		return proto_fail(err, "R-MISS-8", NULL,
		                  "The interview's findings could not be put together (R-MISS-8).");
	}
	if (proto_text_check(buf_cstr(facts), PROTO_TEXT_MAX, true, "R-MISS-8", "what_happened",
	                     "The interview's findings together", err) ||
	    proto_text_check(buf_cstr(opinion), PROTO_TEXT_MAX, false, "R-MISS-8", "assessment",
	                     "The interviewer's assessment", err)) {
		buf_reset(facts);
		buf_reset(opinion);
		return -1;
	}
	return 0;
}

static const struct forensic_question FORENSIC_QUESTIONS[MISS_FORENSIC_QUESTIONS] = {
        {"clothing", "Should the child's clothing be seized and kept for forensic examination?"},
        {"early_evidence_kit", "Should an early evidence kit be used before the child washes, "
                               "eats or drinks?"},
        {"devices", "Should the child's phone or other devices be examined?"},
};

const struct forensic_question *missing_forensic_questions(size_t *n)
{
	if (n)
		*n = ARRAY_LEN(FORENSIC_QUESTIONS);
	return FORENSIC_QUESTIONS;
}

/* R-MISS-9 */
bool missing_forensic_prompt(bool episode_ended, bool decision_recorded)
{
	return episode_ended && !decision_recorded;
}

/* R-MISS-9 */
int missing_forensic_validate(const struct miss_forensic *f, int64_t episode_ended_at, int64_t now,
                              struct proto_err *err)
{
	bool any_yes = false;
	for (size_t i = 0; i < MISS_FORENSIC_QUESTIONS; i++) {
		enum forensic_answer a = f->answers[i];
		if (a != FOR_YES && a != FOR_NO && a != FOR_NOT_APPLICABLE)
			return proto_fail(err, "R-MISS-9", FORENSIC_QUESTIONS[i].code,
			                  "Answer every forensic question: %s (R-MISS-9).",
			                  FORENSIC_QUESTIONS[i].text);
		any_yes |= a == FOR_YES;
	}
	if (f->decision != FOR_STRATEGY && f->decision != FOR_NO_STRATEGY)
		return proto_fail(err, "R-MISS-9", "decision",
		                  "Record whether a forensic strategy is needed (R-MISS-9).");
	if (f->decision == FOR_NO_STRATEGY && any_yes)
		return proto_fail(err, "R-MISS-9", "decision",
		                  "A forensic step was answered yes, so a forensic strategy is "
		                  "needed (R-MISS-9).");
	if (f->decision == FOR_STRATEGY && !any_yes)
		return proto_fail(err, "R-MISS-9", "decision",
		                  "A forensic strategy needs at least one step answered yes "
		                  "(R-MISS-9).");
	if (proto_text_check(f->rationale, PROTO_SHORT_MAX, true, "R-MISS-9", "rationale",
	                     "The rationale for the forensic decision", err) ||
	    proto_name_check(f->decided_by, PROTO_NAME_MAX, true, "R-MISS-9", "decided_by",
	                     "Who made the forensic decision", err))
		return -1;
	return time_between(episode_ended_at, f->decided_at, now, "R-MISS-9", "decided_at",
	                    "The forensic decision", "the end of the episode", err);
}

/* R-MISS-10 */
void missing_repeat_count(const int64_t *starts, size_t n, int64_t now, struct miss_repeat *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; starts && i < n; i++) {
		if (starts[i] > now)
			continue;
		int64_t ago = now - starts[i];
		out->days_30 += ago < 30 * 86400;
		out->days_90 += ago < 90 * 86400;
		out->days_365 += ago < 365 * 86400;
	}
}

static bool same_id(const char *a, const char *b)
{
	return !proto_blank(a) && !proto_blank(b) && strcmp(a, b) == 0;
}

/* R-MISS-10 */
bool missing_found_near(const struct miss_episode *a, const struct miss_episode *b,
                        int64_t found_within)
{
	int64_t within = found_within > 0 ? found_within : MISS_TOGETHER_FOUND_WITHIN;
	return a->ended && b->ended &&
	       (a->end > b->end ? a->end - b->end : b->end - a->end) <= within;
}

/* R-MISS-10 */
int missing_together(const struct miss_episode *eps, size_t n, const struct miss_together_opts *o,
                     int64_t now, struct miss_together *out, size_t cap, size_t *n_found,
                     struct proto_err *err)
{
	*n_found = 0;
	int64_t min_overlap = o && o->min_overlap > 0 ? o->min_overlap : MISS_TOGETHER_MIN_OVERLAP;
	int64_t within = o && o->found_within > 0 ? o->found_within : MISS_TOGETHER_FOUND_WITHIN;
	for (size_t i = 0; i < n; i++) {
		if (proto_blank(eps[i].child_id))
			return proto_fail(err, "R-MISS-10", "child_id",
			                  "Every episode needs its child (R-MISS-10).");
		if (i > 0 && eps[i].start < eps[i - 1].start)
			return proto_fail(err, "R-MISS-10", "start",
			                  "Episodes must be given in order of start (R-MISS-10).");
		if (eps[i].ended && (eps[i].end < eps[i].start || eps[i].end > now))
			return proto_fail(err, "R-MISS-10", "end",
			                  "An episode cannot end before it starts or in the future "
			                  "(R-MISS-10).");
	}
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		const struct miss_episode *a = &eps[i];
		int64_t a_end = a->ended ? a->end : now;
		if (a_end < a->start)
			a_end = a->start; /* an open episode reported after `now` */
		/* Sorted by start: once b starts after a ended plus the found window, neither
		 * test can pass for b or anything after it. */
		int64_t horizon = a_end > INT64_MAX - within ? INT64_MAX : a_end + within;
		for (size_t j = i + 1; j < n && eps[j].start <= horizon; j++) {
			const struct miss_episode *b = &eps[j];
			if (strcmp(a->child_id, b->child_id) == 0)
				continue;
			int64_t b_end = b->ended ? b->end : now;
			if (b_end < b->start)
				b_end = b->start;
			int64_t lo = b->start, hi = a_end < b_end ? a_end : b_end;
			struct miss_together t = {i, j, hi > lo ? hi - lo : 0, false, false, false};
			t.overlapping = t.overlap >= min_overlap;
			if (missing_found_near(a, b, within)) {
				t.same_location =
				        same_id(a->found_location_id, b->found_location_id);
				t.same_person =
				        same_id(a->found_with_person_id, b->found_with_person_id) ||
				        same_id(a->found_with_person_id, b->child_id) ||
				        same_id(b->found_with_person_id, a->child_id);
			}
			if (!t.overlapping && !t.same_location && !t.same_person)
				continue;
			if (found < cap && out)
				out[found] = t;
			found++;
		}
	}
	*n_found = found;
	return 0;
}

bool missing_group_is_identified_risk(const char *group_code)
{
	static const char *const groups[] = {"missing", "trafficked", "gang_associated",
	                                     "peer_recruitment"};
	for (size_t i = 0; group_code && i < ARRAY_LEN(groups); i++)
		if (strcmp(group_code, groups[i]) == 0)
			return true; /* R-MISS-3 */
	return false;
}
