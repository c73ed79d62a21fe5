/*
 * outcomes.h: the outcome codes (R-OUT-1..5). MI belongs on the child's record; FP, FO
 * and FQ on a person of concern. Serving an order or charging a suspect adds the code
 * automatically: callers ask outcome_for_order() / outcome_for_charge() which one.
 */
#ifndef LANTERN_PROTO_OUTCOMES_H
#define LANTERN_PROTO_OUTCOMES_H

#include <stdbool.h>

#include "protocol/proto.h"

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

#endif
