/*
 * mash.h: the MASH's evaluation of a referral (R-PATH-3): who may evaluate, the
 * outcomes the MASH may reach (no further action, early help, a strategy discussion,
 * a section 47 enquiry, the ES-flagged record), what each needs, and the decision
 * clock: one working day from receipt (protocol/workdays.h), a deadline of kind
 * "mash_decision" in the MASH's work queue (R-DL-9). Pure functions.
 */
#ifndef LANTERN_PROTO_MASH_H
#define LANTERN_PROTO_MASH_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/proto.h"

enum mash_outcome {
	MASH_NFA,                 /* no further action */
	MASH_EARLY_HELP,          /* early help */
	MASH_STRATEGY_DISCUSSION, /* a strategy discussion */
	MASH_SECTION_47,          /* a section 47 enquiry */
	MASH_ES_RECORD,           /* the ES-flagged record (R-PATH-3) */
	MASH_OUTCOME_COUNT
};

/* "no_further_action", "early_help", "strategy_discussion", "section_47", "es_record". */
const char *mash_outcome_code(enum mash_outcome o);
/* "No further action", ... for pages. */
const char *mash_outcome_label(enum mash_outcome o);
/* 0 and *o, or -1 (R-PATH-3, field "outcome") for an unknown code. */
int mash_outcome_parse(const char *code, enum mash_outcome *o, struct proto_err *err);

/* R-PATH-3: whether a user with these roles (ROLE_BIT set) evaluates referrals for the
 * MASH: MASH workers only. */
bool mash_may_evaluate(uint32_t roles);

/* R-PATH-3: checks an evaluation: a referral routed to the MASH and still waiting
 * (route "mash", status "awaiting_triage"), a rationale (required, PROTO_SHORT_MAX). */
int mash_evaluation_validate(const char *route, const char *status, const char *rationale,
                             struct proto_err *err);

/* The MASH decision clock: received + one working day (working_day_add). 0 or -1. */
int mash_decision_due(int64_t received, int64_t *due);

/* The decision clock as a deadline kind ("mash_decision", R-PATH-3, owner "mash"),
 * for dl_status_at and work-queue items: amber in the last four hours, escalating
 * (R-DL-9). Not in the R-DL table: the protocol sets it with the pathway. */
struct dl_kind;
const struct dl_kind *mash_decision_kind(void);

#endif
