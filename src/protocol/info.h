/*
 * info.h: information-sharing rules (R-INFO-*). Restricted records hold information
 * that only some people should see, and only for a reason: opening one is a
 * break-glass act that records the reason, alerts supervisors and is reviewed.
 */
#ifndef LANTERN_PROTO_INFO_H
#define LANTERN_PROTO_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/proto.h"

#define INFO_PURPOSE_MIN 10 /* characters: a reason, not a placeholder */
#define INFO_PURPOSE_MAX 500

/* R-INFO-3: the reason given to open a restricted record: required, 10-500
 * characters of plain text, wording checked. */
int info_purpose_validate(const char *purpose, struct proto_err *err);
/* R-INFO-3: who may mark a record restricted or lift it (a ROLE_BIT set): police
 * supervisors and children's social care managers. */
bool info_may_restrict(uint32_t roles);
/* R-INFO-3: who may review a break-glass opening: the same roles, and never the person
 * who opened the record. */
int info_review_validate(uint32_t reviewer_roles, const char *reviewer_id, const char *opener_id,
                         struct proto_err *err);

#endif
