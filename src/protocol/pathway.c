/* pathway.c: referral routing and what follows assessment (see pathway.h). */
#include "protocol/pathway.h"

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
		return proto_fail(err, "R-PATH-1", "agency",
		                  "Unknown referring agency type (R-PATH-1).");

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

bool pathway_step_done(enum path_action a, const struct path_filed *f)
{
	switch (a) {
	case ACT_REFER_TO_CSC:
	case ACT_INFORM_SOCIAL_WORKER:
	case ACT_REFER_TO_SET_DESK:
	case ACT_REFER_TO_MASH:
	case ACT_CHECK_EXISTING_RECORD:
		return true; /* filing routed it and ran the R-REC-1 check */
	case ACT_CREATE_RECORD:
	case ACT_UPDATE_RECORD:
	case ACT_SET_ES_FLAG:
		return f->record_linked;
	case ACT_INITIAL_RISK_ASSESSMENT:
		return f->risk_review;
	case ACT_INITIAL_CATEGORY:
		return f->category;
	case ACT_MERLIN_PAC:
		return f->merlin_pac;
	case ACT_RECORD_DECISION_RATIONALE:
		return f->no_sign_rationale;
	case ACT_RISK_ASSESS: /* R-PATH-3: the MASH's evaluation (the SET desk's is not
	                         recorded here) */
		return f->mash_evaluated;
	case ACT_IDENTIFYING_AGENCY_LEADS:
	case ACT_CONSIDER_EARLY_HELP:
	case ACT_ESSENTIAL_STEPS:
		return false;
	}
	return false;
}

const char *pathway_route_label(const char *code)
{
	static const struct {
		const char *code, *label;
	} labels[] = {
	        {"not_cse_early_help", "Not the exploitation pathway: the identifying agency leads "
	                               "and considers early help (R-SIGN-2)"},
	        {"social_worker_and_set", "The allocated social worker and the Sexual Exploitation "
	                                  "Team referral desk (R-PATH-2)"},
	        {"mash", "MASH evaluation (R-PATH-3)"},
	        {"police_pathway", "Police pathway (R-PATH-4)"},
	};
	for (size_t i = 0; code && i < ARRAY_LEN(labels); i++)
		if (strcmp(labels[i].code, code) == 0)
			return labels[i].label;
	return code;
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
