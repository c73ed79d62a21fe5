/*
 * mash.c: the MASH's evaluation of a referral and its decision clock (see mash.h).
 */
#include "protocol/mash.h"

#include "protocol/deadlines.h"
#include "protocol/reference.h"
#include "protocol/workdays.h"

static const struct {
	const char *code, *label;
} OUTCOMES[MASH_OUTCOME_COUNT] = {
        {"no_further_action", "No further action"},
        {"early_help", "Early help"},
        {"strategy_discussion", "Strategy discussion"},
        {"section_47", "Section 47 enquiry"},
        {"es_record", "ES-flagged record (exploitation pathway)"},
};

const char *mash_outcome_code(enum mash_outcome o)
{
	return (unsigned)o < MASH_OUTCOME_COUNT ? OUTCOMES[o].code : "";
}

const char *mash_outcome_label(enum mash_outcome o)
{
	return (unsigned)o < MASH_OUTCOME_COUNT ? OUTCOMES[o].label : "";
}

int mash_outcome_parse(const char *code, enum mash_outcome *o, struct proto_err *err)
{
	for (int i = 0; code && i < MASH_OUTCOME_COUNT; i++)
		if (strcmp(code, OUTCOMES[i].code) == 0) {
			*o = (enum mash_outcome)i;
			return 0;
		}
	return proto_fail(err, "R-PATH-3", "outcome",
	                  "Choose the MASH outcome: no further action, early help, a strategy "
	                  "discussion, a section 47 enquiry or the ES-flagged record (R-PATH-3).");
}

bool mash_may_evaluate(uint32_t roles)
{
	return (roles & ROLE_BIT(ROLE_MASH_WORKER)) != 0;
}

int mash_evaluation_validate(const char *route, const char *status, const char *rationale,
                             struct proto_err *err)
{
	if (!route || strcmp(route, "mash") != 0)
		return proto_fail(
		        err, "R-PATH-3", NULL,
		        "Only a referral routed to the MASH is evaluated there (R-PATH-3).");
	if (!status || strcmp(status, "awaiting_triage") != 0)
		return proto_fail(err, "R-PATH-3", NULL,
		                  "This referral has already been evaluated (R-PATH-3).");
	return proto_text_check(rationale, PROTO_SHORT_MAX, true, "R-PATH-3", "rationale",
	                        "The reason for the outcome", err);
}

int mash_decision_due(int64_t received, int64_t *due)
{
	return working_day_add(received, 1, due);
}

static int decision_due_fn(const struct dl_kind *k, int64_t anchor, const struct dl_params *p,
                           int64_t *due, struct proto_err *err)
{
	(void)k;
	(void)p;
	if (mash_decision_due(anchor, due) < 0)
		return proto_fail(err, "R-PATH-3", NULL,
		                  "The referral's receipt is outside the years Lantern accepts.");
	return 0;
}

static const struct dl_kind DECISION = {"mash_decision",
                                        "R-PATH-3",
                                        "MASH decision (one working day)",
                                        "referral received",
                                        DL_FUNCTION,
                                        1,
                                        0,
                                        decision_due_fn,
                                        "mash",
                                        0,
                                        4 * 3600,
                                        true};

const struct dl_kind *mash_decision_kind(void)
{
	return &DECISION;
}
