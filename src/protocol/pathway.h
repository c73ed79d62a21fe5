/*
 * pathway.h: referral pathways (R-PATH-1..9, App F, G, H). pathway_route() decides
 * where a referral goes and lists, in order, what must happen and who receives it;
 * assessment_route() says what follows the assessment team's category;
 * pathway_clock_start() fixes where deadlines run from. The Appendix G checklists
 * (R-PATH-5..7) are in checklists.h.
 */
#ifndef LANTERN_PROTO_PATHWAY_H
#define LANTERN_PROTO_PATHWAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "protocol/reference.h"

enum path_route {
	ROUTE_NOT_CSE_EARLY_HELP,    /* R-SIGN-2: no sign identified */
	ROUTE_SOCIAL_WORKER_AND_SET, /* R-PATH-2: allocated social worker + SET desk */
	ROUTE_MASH,                  /* R-PATH-3: no allocated social worker */
	ROUTE_POLICE_PATHWAY,        /* R-PATH-4: a police officer identified the signs */
};

enum path_action {
	ACT_IDENTIFYING_AGENCY_LEADS,  /* leads and monitors (R-SIGN-2) */
	ACT_CONSIDER_EARLY_HELP,       /* CAF/EHA (R-SIGN-2) */
	ACT_RECORD_DECISION_RATIONALE, /* R-SIGN-2 */
	ACT_REFER_TO_CSC,              /* R-PATH-1 */
	ACT_INFORM_SOCIAL_WORKER,      /* R-PATH-2, for information */
	ACT_REFER_TO_SET_DESK,         /* R-PATH-2 */
	ACT_REFER_TO_MASH,             /* R-PATH-3 */
	ACT_INITIAL_RISK_ASSESSMENT,   /* R-PATH-4: history checks, circumstances, signs */
	ACT_INITIAL_CATEGORY,          /* R-PATH-4 */
	ACT_CHECK_EXISTING_RECORD,     /* R-REC-1 */
	ACT_CREATE_RECORD,             /* the ES-flagged record */
	ACT_UPDATE_RECORD,             /* add to the existing record's chronology */
	ACT_SET_ES_FLAG,               /* R-FLAG-1 */
	ACT_MERLIN_PAC,                /* R-PATH-4: MERLIN/PAC with category CSE */
	ACT_RISK_ASSESS,               /* R-PATH-2, 3: evaluation / risk assessment */
	ACT_ESSENTIAL_STEPS,           /* R-PATH-7 */
};

struct path_step {
	enum path_action action;
	const char *who;  /* who does it or receives it: "police_officer", "social_worker",
	                     "set_referral_desk", "mash", "identifying_agency",
	                     "childrens_social_care" */
	const char *rule; /* the rule that requires it */
	const char *text; /* short instruction to show */
};

#define PATH_MAX_STEPS 12

enum path_record_action { PATH_RECORD_NONE, PATH_RECORD_CREATE, PATH_RECORD_UPDATE };

struct path_input {
	enum proto_agency agency;         /* type of the referring/identifying agency */
	size_t n_signs;                   /* SAFEGUARD signs identified (R-SIGN-2) */
	bool has_allocated_social_worker; /* R-PATH-2 / R-PATH-3 */
	bool record_exists;               /* the child already has a record (R-REC-1) */
};

struct path_result {
	enum path_route route;
	const char *rule;               /* main rule for the route */
	enum path_record_action record; /* ES-flagged record: create, update or none */
	const char *record_by;          /* who creates/updates it ("mash", ...), or NULL */
	bool es_flag;                   /* the record must carry ES (R-FLAG-1) */
	size_t n_steps;
	struct path_step steps[PATH_MAX_STEPS]; /* in order */
};

/* R-PATH-1..4, R-SIGN-2, R-REC-1. Fills `out`; -1 (err) only for an unknown agency. */
int pathway_route(const struct path_input *in, struct path_result *out, struct proto_err *err);

/* What filing a referral did and what the record holds since (R-PATH-1..5, R-REC-1,
 * R-SIGN-2), for telling the steps still to do from those already done. */
struct path_filed {
	bool record_linked;     /* the referral created or joined the child's record */
	bool risk_review;       /* the police risk review (App G I3) was given */
	bool category;          /* the record has a category (R-PATH-4's initial one) */
	bool merlin_pac;        /* the record has a MERLIN/PAC reference (R-PATH-4) */
	bool no_sign_rationale; /* the decision without a sign has its rationale (R-SIGN-2) */
	bool mash_evaluated;    /* the MASH has evaluated the referral (R-PATH-3) */
};
/* Whether step a of a filed referral is done: filing sent the referral to those the route
 * names (R-PATH-1..3), checked for an existing record (R-REC-1), created or joined it
 * and flagged it ES (R-FLAG-1) when a record is linked; the rest is done when the record
 * or the referral holds it, and the MASH's evaluation once made (R-PATH-3). Leading,
 * monitoring, early help, the SET desk's risk assessment and the essential steps are never
 * done by filing. */
bool pathway_step_done(enum path_action a, const struct path_filed *f);

const char *pathway_route_code(enum path_route r); /* "not_cse_early_help", ... */
/* Words for a route code, for pages; an unknown code is returned as it is. */
const char *pathway_route_label(const char *code);

/* R-PATH-8: what follows the assessment team's category. */
enum assess_owner { ASSESS_OWNER_BOROUGH_OR_AGENCY, ASSESS_OWNER_SET };
struct assessment_route {
	int category;
	enum assess_owner owner;
	bool further_enquiries;      /* cat 1: back to the borough / identifying agency */
	bool full_risk_assessment;   /* cat 2 */
	bool criminal_investigation; /* cat 2, 3: alongside safeguarding */
	bool strategy_discussion;    /* cat 3: leads the intervention */
	bool immediate_intervention; /* cat 3 */
	const char *text;
};
/* R-PATH-8. -1 for a category other than 1-3. */
int assessment_route(int category, struct assessment_route *out, struct proto_err *err);

/* R-PATH-9. The instant deadlines run from: the referral, never a MASE meeting. The
 * meeting time is accepted only to make the point explicit at call sites. */
int64_t pathway_clock_start(int64_t referral_received_at, int64_t mase_meeting_at);
/* R-PATH-9. Whether an action may wait for the next MASE meeting: always false. */
bool pathway_may_wait_for_mase(void);

#endif
