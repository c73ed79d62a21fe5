/*
 * checklists.h: the Appendix G checklists of the police pathway: the initial reporting
 * template (R-PATH-5, items I1-I5), the supervisor review (R-PATH-6, S1-S6) and the
 * essential steps on every concern (R-PATH-7, E1-E5). Item codes and labels are in
 * REF_CHECKLIST (reference.h).
 */
#ifndef LANTERN_PROTO_CHECKLISTS_H
#define LANTERN_PROTO_CHECKLISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "protocol/reference.h"

/* R-PATH-5: the initial reporting template (App G items I1-I5). */
struct police_referral {
	const char *circumstances; /* I1: how the child came to notice (required) */
	const char *reasons;       /* I2: reasons for suspicion, in SAFEGUARD terms (required) */
	const char *risk_review;   /* I3: optional */
	const char *merlin_pac;    /* I4: MERLIN/PAC number (required, R-REC-4 format) */
	const char *other_info;    /* I5: optional */
};
/* R-PATH-5. Items 1, 2 and 4 present (the message lists every missing one), all text
 * valid and capped, wording checked, the MERLIN/PAC number well-formed. */
int police_referral_complete(const struct police_referral *r, struct proto_err *err);

/* R-PATH-6: supervisor review (App G items S1-S6). */
struct review_item {
	bool ticked;
	const char *note; /* required when ticked */
};
struct supervisor_review {
	struct review_item items[6];      /* S1..S6 */
	const char *reviewer_id;          /* required */
	uint32_t reviewer_roles;          /* ROLE_BIT() set of the reviewer's roles */
	const char *reporting_officer_id; /* who made the initial report */
	bool threat_to_life_appropriate;  /* S6: a Threat to Life assessment is appropriate */
	bool threat_to_life_done;         /* ... and was done */
};
/* R-PATH-6. Every item ticked with a note; reviewer holds police_supervisor and is not
 * the reporting officer; Threat to Life assessment done when appropriate. */
/* R-PATH-6: whether a holder of `roles` (ROLE_BIT set) makes supervisor reviews: police
 * supervisors only. */
bool supervisor_may_review(uint32_t roles);
int supervisor_review_validate(const struct supervisor_review *r, struct proto_err *err);

/* R-PATH-7: essential steps on every concern (App G items E1-E5). */
struct essential_steps {
	bool immediate_risk;                       /* E1: immediate risk of significant harm */
	bool police_protection_considered;         /* E1: required when immediate_risk */
	const char *police_protection_note;        /* E1: required when immediate_risk */
	bool pnc_marker_done;                      /* E2 */
	bool mase_referred_or_updated;             /* E3 */
	bool outcome_mi_considered;                /* E3 */
	bool declined_to_intervene_or_refer;       /* E4: a decision not to intervene or refer */
	const char *e4_rationale;                  /* E4: required when declined */
	bool category_reviewed_by_assessment_team; /* E5 */
	bool flag_set;                             /* E5 */
};
/* R-PATH-7. The answers given are well formed, whatever is still outstanding: a
 * decision not to intervene or refer carries its rationale (E4, field "e4_rationale"),
 * and police protection recorded as considered carries its note (E1, field
 * "police_protection_note"), each plain text of at most PROTO_SHORT_MAX, wording
 * checked. 0 or -1 with err naming the field. */
int essential_steps_answers_validate(const struct essential_steps *s, struct proto_err *err);
/* R-PATH-7. 0 when all five steps are complete; otherwise -1 naming the first gap (the
 * next step to take, as the record shows it). */
int essential_steps_validate(const struct essential_steps *s, struct proto_err *err);
/* R-PATH-7. Writes the codes ("E1".."E5") of steps still outstanding into `codes`
 * (room for 5) and returns how many, for work queues. */
size_t essential_steps_outstanding(const struct essential_steps *s, const char *codes[5]);

#endif
