/* outcomes.c: outcome codes for children and persons of concern (see outcomes.h). */
#include "protocol/outcomes.h"

static const char *const order_codes[ORDER_TYPE_COUNT] = {
        [ORDER_CAWN] = "cawn",
        [ORDER_SRO] = "sro",
        [ORDER_NOTIFICATION] = "notification_order",
        [ORDER_ASBO_INJUNCTION] = "asbo_injunction",
        [ORDER_SHPO] = "shpo",
        [ORDER_HOTEL_NOTICE] = "hotel_notice",
        [ORDER_CLOSURE] = "closure_order",
};

const char *outcome_code_str(enum outcome_code c)
{
	switch (c) {
	case OUTCOME_MI:
		return "MI";
	case OUTCOME_FP:
		return "FP";
	case OUTCOME_FO:
		return "FO";
	case OUTCOME_FQ:
		return "FQ";
	case OUTCOME_NONE:
		break;
	}
	return NULL;
}

enum outcome_code outcome_parse(const char *s)
{
	for (int c = OUTCOME_MI; c <= OUTCOME_FQ; c++)
		if (s && strcmp(s, outcome_code_str((enum outcome_code)c)) == 0)
			return (enum outcome_code)c;
	return OUTCOME_NONE;
}

const char *order_type_code(enum order_type t)
{
	return (unsigned)t < ORDER_TYPE_COUNT ? order_codes[t] : NULL;
}

int order_type_parse(const char *s, enum order_type *out)
{
	for (int i = 0; s && i < ORDER_TYPE_COUNT; i++)
		if (strcmp(s, order_codes[i]) == 0) {
			*out = (enum order_type)i;
			return 0;
		}
	return -1;
}

/* R-OUT-1..4 */
bool outcome_fits(enum outcome_code c, enum outcome_subject subject)
{
	switch (c) {
	case OUTCOME_MI:
		return subject == OUTCOME_SUBJECT_CHILD;
	case OUTCOME_FP:
	case OUTCOME_FO:
	case OUTCOME_FQ:
		return subject == OUTCOME_SUBJECT_PERSON_OF_CONCERN;
	case OUTCOME_NONE:
		break;
	}
	return false;
}

int outcome_validate(enum outcome_code c, enum outcome_subject subject, struct proto_err *err)
{
	if (outcome_fits(c, subject))
		return 0;
	if (c == OUTCOME_MI)
		return proto_fail(err, "R-OUT-1", "outcome",
		                  "MI records a positive intervention for the child and belongs on "
		                  "the child's record (R-OUT-1).");
	if (c == OUTCOME_FP || c == OUTCOME_FO || c == OUTCOME_FQ)
		return proto_fail(err,
		                  c == OUTCOME_FP   ? "R-OUT-2"
		                  : c == OUTCOME_FO ? "R-OUT-3"
		                                    : "R-OUT-4",
		                  "outcome",
		                  "%s records action against a suspect and belongs on a person of "
		                  "concern, never on a child's record (R-OUT-%d).",
		                  outcome_code_str(c),
		                  c == OUTCOME_FP   ? 2
		                  : c == OUTCOME_FO ? 3
		                                    : 4);
	return proto_fail(err, "R-OUT-1", "outcome", "Unknown outcome code (R-OUT-1).");
}

/* R-OUT-2, R-OUT-3 */
enum outcome_code outcome_for_order(enum order_type t)
{
	switch (t) {
	case ORDER_CAWN:
	case ORDER_SRO:
	case ORDER_NOTIFICATION:
	case ORDER_ASBO_INJUNCTION:
		return OUTCOME_FP;
	case ORDER_SHPO:
		return OUTCOME_FO;
	case ORDER_HOTEL_NOTICE:
	case ORDER_CLOSURE:
	case ORDER_TYPE_COUNT:
		break;
	}
	return OUTCOME_NONE;
}

/* R-OUT-5 */
enum outcome_code outcome_for_order_served(enum order_type t, bool served)
{
	return served ? outcome_for_order(t) : OUTCOME_NONE;
}

/* R-OUT-4, R-OUT-5 */
enum outcome_code outcome_for_charge(void)
{
	return OUTCOME_FQ;
}
