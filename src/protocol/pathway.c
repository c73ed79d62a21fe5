/* pathway.c: referral routing and the Appendix G checklists (see pathway.h). */
#include "protocol/pathway.h"

#include "protocol/recording.h"

static void add(struct path_result *out, enum path_action a, const char *who, const char *rule,
		const char *text)
{
	/* Invariant: no route adds more than PATH_MAX_STEPS steps. */
	if (out->n_steps >= PATH_MAX_STEPS)
		return;
	out->steps[out->n_steps++] = (struct path_step){a, who, rule, text};
}

/* Adds the record steps shared by every exploitation route: look for the child's
 * record, then update it or create it, flagged ES. */
static void add_record_steps(struct path_result *out, bool exists, const char *who)
{
	add(out, ACT_CHECK_EXISTING_RECORD, who, "R-REC-1",
	    "Check whether the child already has a record (names, nicknames, aliases).");
	if (exists) {
		out->record = PATH_RECORD_UPDATE;
		add(out, ACT_UPDATE_RECORD, who, "R-REC-1",
		    "Add this concern to the child's existing record; do not create another.");
	} else {
		out->record = PATH_RECORD_CREATE;
		add(out, ACT_CREATE_RECORD, who, "R-REC-1", "Create the child's record.");
	}
	out->record_by = who;
	out->es_flag = true;
	add(out, ACT_SET_ES_FLAG, who, "R-FLAG-1", "Flag the record ES.");
}

/* R-PATH-1..4, R-SIGN-2 */
int pathway_route(const struct path_input *in, struct path_result *out, struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	if ((unsigned)in->agency >= AGENCY_COUNT)
		return proto_fail(err, "R-PATH-1", "agency", "Unknown referring agency type (R-PATH-1).");

	if (in->n_signs == 0) {
		/* R-SIGN-2: not the exploitation pathway. */
		out->route = ROUTE_NOT_CSE_EARLY_HELP;
		out->rule = "R-SIGN-2";
		add(out, ACT_IDENTIFYING_AGENCY_LEADS, "identifying_agency", "R-SIGN-2",
		    "Your agency leads and monitors the child.");
		add(out, ACT_CONSIDER_EARLY_HELP, "identifying_agency", "R-SIGN-2",
		    "Consider an early help assessment (CAF/EHA).");
		add(out, ACT_RECORD_DECISION_RATIONALE, "identifying_agency", "R-SIGN-2",
		    "Record this decision and its rationale.");
		if (in->record_exists) {
			/* R-REC-1: a child with a record keeps one chronology. */
			out->record = PATH_RECORD_UPDATE;
			out->record_by = "identifying_agency";
			add(out, ACT_UPDATE_RECORD, "identifying_agency", "R-REC-1",
			    "The child already has a record: add this information to it.");
		}
		return 0;
	}

	if (in->agency == AGENCY_POLICE) {
		/* R-PATH-4 */
		out->route = ROUTE_POLICE_PATHWAY;
		out->rule = "R-PATH-4";
		add(out, ACT_INITIAL_RISK_ASSESSMENT, "police_officer", "R-PATH-4",
		    "Record an initial risk assessment: history checks, circumstances, warning "
		    "signs.");
		add(out, ACT_INITIAL_CATEGORY, "police_officer", "R-PATH-4",
		    "Record an initial category.");
		add_record_steps(out, in->record_exists, "police_officer");
		add(out, ACT_MERLIN_PAC, "police_officer", "R-PATH-4",
		    "Record the MERLIN/PAC reference with the exploitation category.");
		add(out, ACT_ESSENTIAL_STEPS, "police_officer", "R-PATH-7",
		    "Complete the essential steps E1-E5.");
		return 0;
	}

	/* R-PATH-1: any other agency refers to children's social care. */
	if (in->agency != AGENCY_CHILDRENS_SOCIAL_CARE)
		add(out, ACT_REFER_TO_CSC, "childrens_social_care", "R-PATH-1",
		    "Refer the child to children's social care.");
	if (in->has_allocated_social_worker) {
		/* R-PATH-2 */
		out->route = ROUTE_SOCIAL_WORKER_AND_SET;
		out->rule = "R-PATH-2";
		add(out, ACT_INFORM_SOCIAL_WORKER, "social_worker", "R-PATH-2",
		    "Send the referral to the child's allocated social worker for information.");
		add(out, ACT_REFER_TO_SET_DESK, "set_referral_desk", "R-PATH-2",
		    "Send the referral to the SET referral desk.");
		add_record_steps(out, in->record_exists, "set_referral_desk");
		add(out, ACT_RISK_ASSESS, "set_referral_desk", "R-PATH-2",
		    "Risk-assess the referral.");
		add(out, ACT_ESSENTIAL_STEPS, "set_referral_desk", "R-PATH-7",
		    "Complete the essential steps E1-E5.");
	} else {
		/* R-PATH-3 */
		out->route = ROUTE_MASH;
		out->rule = "R-PATH-3";
		add(out, ACT_REFER_TO_MASH, "mash", "R-PATH-3",
		    "Send the referral to the MASH for evaluation.");
		add_record_steps(out, in->record_exists, "mash");
		add(out, ACT_RISK_ASSESS, "mash", "R-PATH-3", "Evaluate the referral.");
		add(out, ACT_ESSENTIAL_STEPS, "mash", "R-PATH-7",
		    "Complete the essential steps E1-E5.");
	}
	return 0;
}

const char *pathway_route_code(enum path_route r)
{
	switch (r) {
	case ROUTE_NOT_CSE_EARLY_HELP:
		return "not_cse_early_help";
	case ROUTE_SOCIAL_WORKER_AND_SET:
		return "social_worker_and_set";
	case ROUTE_MASH:
		return "mash";
	case ROUTE_POLICE_PATHWAY:
		return "police_pathway";
	}
	return NULL;
}

/* R-PATH-5 */
int police_referral_complete(const struct police_referral *r, struct proto_err *err)
{
	char missing[160] = "";
	size_t len = 0;
	const char *first = NULL;
	struct {
		const char *text, *name, *field;
	} req[] = {
		{r->circumstances, "1 (circumstances of coming to notice)", "circumstances"},
		{r->reasons, "2 (reasons for suspicion)", "reasons"},
		{r->merlin_pac, "4 (MERLIN/PAC number)", "merlin_pac"},
	};
	for (size_t i = 0; i < ARRAY_LEN(req); i++) {
		if (!proto_blank(req[i].text))
			continue;
		if (!first)
			first = req[i].field;
		int w = snprintf(missing + len, sizeof(missing) - len, "%s%s", len ? ", " : "",
				 req[i].name);
		if (w > 0 && (size_t)w < sizeof(missing) - len)
			len += (size_t)w;
	}
	if (first)
		return proto_fail(err, "R-PATH-5", first,
				  "A police referral needs items 1, 2 and 4 of the initial reporting "
				  "template (R-PATH-5): missing %s.",
				  missing);
	if (proto_text_check(r->circumstances, PROTO_SHORT_MAX, true, "R-PATH-5",
			     "circumstances", "Item 1 (circumstances)", err) ||
	    proto_text_check(r->reasons, PROTO_SHORT_MAX, true, "R-PATH-5", "reasons",
			     "Item 2 (reasons for suspicion)", err) ||
	    proto_text_check(r->risk_review, PROTO_SHORT_MAX, false, "R-PATH-5", "risk_review",
			     "Item 3 (risk review)", err) ||
	    proto_text_check(r->other_info, PROTO_SHORT_MAX, false, "R-PATH-5", "other_info",
			     "Item 5 (other information)", err))
		return -1;
	if (recording_ext_ref_validate(EXT_MERLIN_PAC, r->merlin_pac, err)) {
		if (err)
			err->field = "merlin_pac";
		return -1;
	}
	return 0;
}

/* R-PATH-6 */
int supervisor_review_validate(const struct supervisor_review *r, struct proto_err *err)
{
	if (proto_name_check(r->reviewer_id, PROTO_NAME_MAX, true, "R-PATH-6", "reviewer_id",
			     "The reviewer", err))
		return -1;
	if (!(r->reviewer_roles & ROLE_BIT(ROLE_POLICE_SUPERVISOR)))
		return proto_fail(err, "R-PATH-6", "reviewer_id",
				  "The supervisor review must be made by a police supervisor "
				  "(R-PATH-6).");
	if (r->reporting_officer_id && strcmp(r->reviewer_id, r->reporting_officer_id) == 0)
		return proto_fail(err, "R-PATH-6", "reviewer_id",
				  "The reporting officer cannot review their own report; another "
				  "supervisor must do it (R-PATH-6).");
	static const char *const names[6] = {
		"S1 (allegation reviewed)",  "S2 (classification reviewed)",
		"S3 (intelligence gaps action plan)", "S4 (MERLIN complete)",
		"S5 (protection and support strategy)", "S6 (category reviewed)",
	};
	static const char *const fields[6] = {"S1", "S2", "S3", "S4", "S5", "S6"};
	for (int i = 0; i < 6; i++) {
		if (!r->items[i].ticked)
			return proto_fail(err, "R-PATH-6", fields[i],
					  "Supervisor review item %s is not ticked (R-PATH-6).",
					  names[i]);
		if (proto_text_check(r->items[i].note, PROTO_SHORT_MAX, true, "R-PATH-6",
				     fields[i], names[i], err))
			return -1;
	}
	if (r->threat_to_life_appropriate && !r->threat_to_life_done)
		return proto_fail(err, "R-PATH-6", "S6",
				  "A Threat to Life risk assessment is appropriate here and has "
				  "not been recorded (R-PATH-6).");
	return 0;
}

size_t essential_steps_outstanding(const struct essential_steps *s, const char *codes[5])
{
	size_t n = 0;
	if (s->immediate_risk &&
	    (!s->police_protection_considered || proto_blank(s->police_protection_note)))
		codes[n++] = "E1";
	if (!s->pnc_marker_done)
		codes[n++] = "E2";
	if (!s->mase_referred_or_updated || !s->outcome_mi_considered)
		codes[n++] = "E3";
	if (s->declined_to_intervene_or_refer && proto_blank(s->e4_rationale))
		codes[n++] = "E4";
	if (!s->category_reviewed_by_assessment_team || !s->flag_set)
		codes[n++] = "E5";
	return n;
}

/* R-PATH-7 */
int essential_steps_validate(const struct essential_steps *s, struct proto_err *err)
{
	if (s->immediate_risk) {
		if (!s->police_protection_considered)
			return proto_fail(err, "R-PATH-7", "E1",
					  "There is an immediate risk of significant harm: police "
					  "protection must be considered and recorded (R-PATH-7, E1).");
		if (proto_text_check(s->police_protection_note, PROTO_SHORT_MAX, true, "R-PATH-7",
				     "E1", "The police protection decision (E1)", err))
			return -1;
	}
	if (!s->pnc_marker_done)
		return proto_fail(err, "R-PATH-7", "E2",
				  "A locate/trace marker for the child must be placed on PNC "
				  "(R-PATH-7, E2).");
	if (!s->mase_referred_or_updated)
		return proto_fail(err, "R-PATH-7", "E3",
				  "The child must be referred to the borough's MASE, or the MASE "
				  "updated (R-PATH-7, E3).");
	if (!s->outcome_mi_considered)
		return proto_fail(err, "R-PATH-7", "E3",
				  "Outcome MI must be considered for the child (R-PATH-7, E3).");
	if (s->declined_to_intervene_or_refer &&
	    proto_text_check(s->e4_rationale, PROTO_SHORT_MAX, true, "R-PATH-7", "E4",
			     "The rationale for not intervening or referring (E4)", err))
		return -1;
	if (!s->category_reviewed_by_assessment_team)
		return proto_fail(err, "R-PATH-7", "E5",
				  "The assessment team must review the category (R-PATH-7, E5).");
	if (!s->flag_set)
		return proto_fail(err, "R-PATH-7", "E5",
				  "The category flag must be set (R-PATH-7, E5).");
	return 0;
}

/* R-PATH-8 */
int assessment_route(int category, struct assessment_route *out, struct proto_err *err)
{
	memset(out, 0, sizeof(*out));
	out->category = category;
	switch (category) {
	case 1:
		out->owner = ASSESS_OWNER_BOROUGH_OR_AGENCY;
		out->further_enquiries = true;
		out->text = "Category 1: back to the borough or identifying agency for further "
			    "enquiries.";
		return 0;
	case 2:
		out->owner = ASSESS_OWNER_SET;
		out->full_risk_assessment = true;
		out->criminal_investigation = true;
		out->text = "Category 2: full risk assessment and allocation to SET; criminal "
			    "investigation alongside safeguarding.";
		return 0;
	case 3:
		out->owner = ASSESS_OWNER_SET;
		out->criminal_investigation = true;
		out->strategy_discussion = true;
		out->immediate_intervention = true;
		out->text = "Category 3: immediate multi-agency intervention led by a strategy "
			    "discussion; allocated to SET.";
		return 0;
	default:
		return proto_fail(err, "R-PATH-8", "category",
				  "The assessment team's category must be 1, 2 or 3 (R-PATH-8).");
	}
}

/* R-PATH-9 */
int64_t pathway_clock_start(int64_t referral_received_at, int64_t mase_meeting_at)
{
	(void)mase_meeting_at;
	return referral_received_at;
}

bool pathway_may_wait_for_mase(void)
{
	return false;
}
