/* checklists.c: the Appendix G checklists, R-PATH-5..7 (see checklists.h). */
#include "protocol/checklists.h"

#include "protocol/recording.h"

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
		return proto_fail(
		        err, "R-PATH-5", first,
		        "A police referral needs items 1, 2 and 4 of the initial reporting "
		        "template (R-PATH-5): missing %s.",
		        missing);
	if (proto_text_check(r->circumstances, PROTO_SHORT_MAX, true, "R-PATH-5", "circumstances",
	                     "Item 1 (circumstances)", err) ||
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
bool supervisor_may_review(uint32_t roles)
{
	return (roles & ROLE_BIT(ROLE_POLICE_SUPERVISOR)) != 0;
}

int supervisor_review_validate(const struct supervisor_review *r, struct proto_err *err)
{
	if (proto_name_check(r->reviewer_id, PROTO_NAME_MAX, true, "R-PATH-6", "reviewer_id",
	                     "The reviewer", err))
		return -1;
	if (!supervisor_may_review(r->reviewer_roles))
		return proto_fail(err, "R-PATH-6", "reviewer_id",
		                  "The supervisor review must be made by a police supervisor "
		                  "(R-PATH-6).");
	if (r->reporting_officer_id && strcmp(r->reviewer_id, r->reporting_officer_id) == 0)
		return proto_fail(err, "R-PATH-6", "reviewer_id",
		                  "The reporting officer cannot review their own report; another "
		                  "supervisor must do it (R-PATH-6).");
	static const char *const names[6] = {
	        "S1 (allegation reviewed)",
	        "S2 (classification reviewed)",
	        "S3 (intelligence gaps action plan)",
	        "S4 (MERLIN complete)",
	        "S5 (protection and support strategy)",
	        "S6 (category reviewed)",
	};
	static const char *const fields[6] = {"S1", "S2", "S3", "S4", "S5", "S6"};
	for (int i = 0; i < 6; i++) {
		if (!r->items[i].ticked)
			return proto_fail(err, "R-PATH-6", fields[i],
			                  "Supervisor review item %s is not ticked (R-PATH-6).",
			                  names[i]);
		if (proto_text_check(r->items[i].note, PROTO_SHORT_MAX, true, "R-PATH-6", fields[i],
		                     names[i], err))
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
int essential_steps_answers_validate(const struct essential_steps *s, struct proto_err *err)
{
	if (s->declined_to_intervene_or_refer &&
	    proto_text_check(s->e4_rationale, PROTO_SHORT_MAX, true, "R-PATH-7", "e4_rationale",
	                     "the rationale for not intervening or referring (E4)", err) < 0)
		return -1;
	if (s->immediate_risk && s->police_protection_considered &&
	    proto_text_check(s->police_protection_note, PROTO_SHORT_MAX, true, "R-PATH-7",
	                     "police_protection_note", "the police protection decision (E1)",
	                     err) < 0)
		return -1;
	return 0;
}

/* R-PATH-7 */
int essential_steps_validate(const struct essential_steps *s, struct proto_err *err)
{
	if (s->immediate_risk) {
		if (!s->police_protection_considered)
			return proto_fail(
			        err, "R-PATH-7", "E1",
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
