/* info.c: information-sharing rules (see info.h). */
#include "protocol/info.h"

#include "protocol/reference.h"
#include "util/parse.h"

int info_purpose_validate(const char *purpose, struct proto_err *err)
{
	if (proto_blank(purpose))
		return proto_fail(
		        err, "R-INFO-3", "purpose",
		        "This record is restricted. Give the reason you need to open it; "
		        "your access will be recorded and reviewed by a supervisor (R-INFO-3).");
	if (proto_text_check(purpose, INFO_PURPOSE_MAX, true, "R-INFO-3", "purpose",
	                     "the reason for opening a restricted record", err) < 0)
		return -1;
	if (utf8_length(purpose) < INFO_PURPOSE_MIN)
		return proto_fail(err, "R-INFO-3", "purpose",
		                  "Give a real reason for opening a restricted record (at least %d "
		                  "characters) (R-INFO-3).",
		                  INFO_PURPOSE_MIN);
	return 0;
}

bool info_may_restrict(uint32_t roles)
{
	return (roles & (ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_CSC_MANAGER))) != 0;
}

int info_review_validate(uint32_t reviewer_roles, const char *reviewer_id, const char *opener_id,
                         struct proto_err *err)
{
	if (!info_may_restrict(reviewer_roles))
		return proto_fail(
		        err, "R-INFO-3", NULL,
		        "Only a police supervisor or a children's social care manager can "
		        "review the opening of a restricted record (R-INFO-3).");
	if (reviewer_id && opener_id && strcmp(reviewer_id, opener_id) == 0)
		return proto_fail(err, "R-INFO-3", NULL,
		                  "You cannot review your own opening of a restricted record "
		                  "(R-INFO-3).");
	return 0;
}
