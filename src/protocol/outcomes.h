/*
 * outcomes.h: outcomes. The outcome codes (R-OUT-1..5): MI belongs on the child's
 * record; FP, FO and FQ on a person of concern. Serving an order or charging a suspect
 * adds the code automatically: callers ask outcome_for_order() / outcome_for_charge()
 * which one (orders.h: disruption_new_outcome). The outcomes framework (s12): the 13
 * long-term outcomes for each child, scored at reviews so that distance travelled shows
 * (R-OUTC-1, R-DL-8), and the criminal justice outcomes with the attrition of cases
 * referred to the CPS (R-OUTC-2).
 */
#ifndef LANTERN_PROTO_OUTCOMES_H
#define LANTERN_PROTO_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "util/ltime.h"

enum outcome_code { OUTCOME_NONE, OUTCOME_MI, OUTCOME_FP, OUTCOME_FO, OUTCOME_FQ };
enum outcome_subject { OUTCOME_SUBJECT_CHILD, OUTCOME_SUBJECT_PERSON_OF_CONCERN };

enum order_type {
	ORDER_CAWN,            /* child abduction warning notice */
	ORDER_SRO,             /* sexual risk order */
	ORDER_NOTIFICATION,    /* notification order */
	ORDER_ASBO_INJUNCTION, /* ASBO / civil injunction */
	ORDER_SHPO,            /* sexual harm prevention order */
	ORDER_HOTEL_NOTICE,    /* information request to a hotel: not served on a suspect */
	ORDER_CLOSURE,         /* closure order on premises */
	ORDER_TYPE_COUNT
};

const char *outcome_code_str(enum outcome_code c);         /* "MI", ...; NULL for NONE */
enum outcome_code outcome_parse(const char *s);            /* OUTCOME_NONE if unknown */
const char *order_type_code(enum order_type t);            /* "cawn", "sro", ... */
int order_type_parse(const char *s, enum order_type *out); /* 0 or -1 */

/* R-OUT-1..4. Whether code `c` may be recorded on `subject`. */
bool outcome_fits(enum outcome_code c, enum outcome_subject subject);
/* R-OUT-1..4. Same, as a validator with a message. */
int outcome_validate(enum outcome_code c, enum outcome_subject subject, struct proto_err *err);

/* R-OUT-2, R-OUT-3, R-OUT-5. The code an order adds to the suspect once its served
 * date is set: FP for CAWN, SRO, notification order, ASBO/civil injunction; FO for an
 * SHPO; OUTCOME_NONE for orders not served on a person (hotel notice, closure order). */
enum outcome_code outcome_for_order(enum order_type t);
/* R-OUT-5. As above, but OUTCOME_NONE until the order has been served. */
enum outcome_code outcome_for_order_served(enum order_type t, bool served);
/* R-OUT-4, R-OUT-5. A charge for any offence arising from the investigation: FQ. */
enum outcome_code outcome_for_charge(void);

/* ---- R-OUTC-1: long-term outcomes for each child ---- */

/* The 13 outcomes of s12, in REF_CHILD_OUTCOMES order. */
enum child_outcome {
	OUTC_MISSING_REDUCED,
	OUTC_SCHOOL_ATTENDANCE,
	OUTC_SUBSTANCE_USE_REDUCED,
	OUTC_FAMILY_RELATIONSHIP,
	OUTC_STABLE_ACCOMMODATION,
	OUTC_RECOGNISES_EXPLOITATION,
	OUTC_STAYS_IN_CONTACT,
	OUTC_SEXUAL_HEALTH_KNOWLEDGE,
	OUTC_RISKY_CONTACTS_REDUCED,
	OUTC_EXPRESSES_FEELINGS,
	OUTC_SAFETY_STRATEGIES,
	OUTC_FAMILY_SUPPORT,
	OUTC_KNOWS_RIGHTS,
	CHILD_OUTCOME_COUNT
};
const char *child_outcome_code(enum child_outcome o); /* NULL outside the enum */
int child_outcome_parse(const char *code, enum child_outcome *out, struct proto_err *err);

/*
 * The scale (REF_OUTCOME_SCALE): 1 serious concern, no progress yet; 2 concern, first
 * steps; 3 some progress; 4 good progress; 5 outcome met and sustained. Five steps,
 * each with words, so that two professionals scoring the same child agree more often
 * than on a finer scale, and a change of one step means something. A score is the
 * professional's judgement of progress at a review, recorded with the review; it is
 * never a prediction or a risk score. 0 means not scored at this review (with a note
 * saying why, e.g. the child has no contact with a parent).
 */
#define OUTC_NOT_SCORED 0
#define OUTC_SCORE_MIN 1
#define OUTC_SCORE_MAX 5
/* The words for a score 1..5; NULL otherwise. */
const char *outc_score_label(int score);

/* R-OUTC-1: one review of a child's outcomes. */
struct outc_review {
	int64_t reviewed_at;
	const char *reviewer_id;
	int score[CHILD_OUTCOME_COUNT];        /* 1..5, or OUTC_NOT_SCORED */
	const char *note[CHILD_OUTCOME_COUNT]; /* required when not scored */
};
/* R-OUTC-1. reviewed_at in range and not after `now`; a reviewer; every score 0..5,
 * at least one scored; a note (at most PROTO_SHORT_MAX, wording checked) for each
 * outcome not scored. 0, or -1 citing R-OUTC-1 with the field (the outcome's code for
 * a score or note). */
int outc_review_validate(const struct outc_review *r, int64_t now, struct proto_err *err);

/* R-OUTC-1: distance travelled between two reviews. */
struct outc_distance {
	bool compared[CHILD_OUTCOME_COUNT]; /* scored at both reviews */
	int change[CHILD_OUTCOME_COUNT];    /* later - earlier where compared, else 0 */
	size_t n_compared, improved, same, worse;
	int total;    /* the sum of the changes compared: -4 * 13 .. 4 * 13 */
	int64_t days; /* whole days between the reviews */
};
/* R-OUTC-1. The distance travelled from `earlier` to `later` (both valid reviews);
 * refuses a `later` review before `earlier` (-1, R-OUTC-1, field "reviewed_at"). */
int outc_distance(const struct outc_review *earlier, const struct outc_review *later,
                  struct outc_distance *out, struct proto_err *err);

/* R-DL-8. When the next outcome review is due after the intervention started or the
 * last review at `last`: every `months` months (0: the default, 3; at most 12), on
 * the London calendar (the deadline engine's "outcome_review"). 0, or -1 with err. */
int outc_next_review(int64_t last, int months, int64_t *due, struct proto_err *err);

/* ---- R-OUTC-2: criminal justice outcomes ---- */

/* The CPS decision (REF_CPS_DECISIONS from CJ_CHARGE). */
enum cj_decision {
	CJ_DECISION_NONE,
	CJ_CHARGE,
	CJ_NO_FURTHER_ACTION,
	CJ_MORE_EVIDENCE,
	CJ_OUT_OF_COURT,
	CJ_DECISION_COUNT
};
/* The result at court (REF_COURT_RESULTS from CJ_CONVICTED). */
enum cj_result { CJ_RESULT_NONE, CJ_CONVICTED, CJ_ACQUITTED, CJ_DISCONTINUED, CJ_RESULT_COUNT };
const char *cj_decision_code(enum cj_decision d); /* NULL for NONE and outside */
int cj_decision_parse(const char *code, enum cj_decision *out, struct proto_err *err);
const char *cj_result_code(enum cj_result r); /* NULL for NONE and outside */
int cj_result_parse(const char *code, enum cj_result *out, struct proto_err *err);

/* R-OUTC-2: one person of concern's case through the criminal justice process. Dates
 * {0, 0, 0} are unset; strings borrowed. */
struct cj_case {
	const char *person_id;  /* the person of concern: required */
	const char *network_id; /* the organised network it belongs to, or NULL */
	struct lt_date arrested_on;
	struct lt_date referred_on; /* referred to the CPS for a charging decision */
	enum cj_decision decision;
	struct lt_date decided_on;
	struct lt_date charged_on; /* by the CPS's decision, or by the police without a
	                              referral */
	const char *offence;       /* required once charged (App I code or words) */
	enum cj_result result;
	struct lt_date result_on;
	struct lt_date sentenced_on;
	const char *sentence; /* required once sentenced */
};

/*
 * R-OUTC-2. Checks a case at `now` (no date after today, London):
 *  - a person; dates valid; arrest <= referral <= decision <= charge <= result <=
 *    sentence wherever both are set;
 *  - a decision needs the referral and its date; no date without a decision;
 *  - a charge: with a referral, only after the decision to charge (which needs the
 *    charge date); without one, a police charge; other decisions have no charge;
 *  - a charge names the offence; an offence only with a charge;
 *  - a result only after a charge, with its date; a sentence only after conviction,
 *    with its date and words.
 * 0, or -1 citing R-OUTC-2 with the field.
 */
int cj_case_validate(const struct cj_case *c, int64_t now, struct proto_err *err);

/* R-OUT-4, R-OUT-5. The outcome code a case warrants on its person: FQ once charged. */
enum outcome_code cj_case_outcome(const struct cj_case *c);

/* R-OUTC-2: counts over a list of cases. */
struct cj_attrition {
	/* the cohort: cases referred to the CPS within the dates */
	int64_t referred;          /* referred */
	int64_t charged;           /* of those, charged */
	int64_t convicted;         /* of those, convicted */
	int64_t awaiting_decision; /* referred, no decision yet (or more evidence asked) */
	int64_t awaiting_result;   /* charged, no result yet */
	/* activity within the dates, whatever the cohort: each event by its own date */
	int64_t arrests, charges, convictions;
};
/*
 * R-OUTC-2. Attrition from referred to charged to convicted, following the cases
 * referred to the CPS between `from` and `to` inclusive (an unset date leaves that
 * side open) to what is recorded now, and the arrests, charges and convictions dated
 * within the same dates. The caller filters the list by person of concern or network
 * to have the figures per person or per network.
 */
void cj_attrition(const struct cj_case *c, size_t n, struct lt_date from, struct lt_date to,
                  struct cj_attrition *out);

#endif
