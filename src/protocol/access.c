/* access.c: who may see a child's record, and how much of it (see access.h). */
#include "protocol/access.h"

#include "protocol/info.h"
#include "util/parse.h"

enum access_scope access_scope_of(uint32_t roles, bool system)
{
	if (system || (roles & ACCESS_ROLES_PARTNERSHIP_WIDE))
		return ACCESS_ALL;
	if (roles & ACCESS_ROLES_PRACTITIONER)
		return ACCESS_MEMBERSHIP;
	return ACCESS_NONE;
}

enum access_decision access_decide(const struct access_facts *f, bool system)
{
	if (system)
		return ACCESS_OPEN;
	bool sees_child = f->scope == ACCESS_ALL || (f->scope == ACCESS_MEMBERSHIP && f->member);
	if (!sees_child)
		return ACCESS_HIDDEN;
	if (!f->restricted)
		return ACCESS_OPEN;
	if (!f->police_entitled)
		return ACCESS_RESTRICTED;
	return f->reason_given ? ACCESS_OPEN_LOGGED : ACCESS_NEEDS_REASON;
}

const char *access_refusal_reason(enum access_decision d)
{
	switch (d) {
	case ACCESS_HIDDEN:
		return "not a member of the child's case";
	case ACCESS_RESTRICTED:
		return "restricted record: not an entitled police role";
	case ACCESS_NEEDS_REASON:
		return "restricted record: no valid reason given";
	case ACCESS_OPEN:
	case ACCESS_OPEN_LOGGED:
		break;
	}
	return NULL;
}

bool access_police_entitled(uint32_t roles, const char *agency_type)
{
	return (roles & ACCESS_ROLES_RESTRICTED) && agency_type &&
	       strcmp(agency_type, "police") == 0;
}

bool access_may_file(uint32_t roles, bool system)
{
	return system || (roles & ACCESS_ROLES_PRACTITIONER);
}

/* R-INFO-3 */
bool access_may_import(uint32_t roles, bool system)
{
	return system || (roles & ACCESS_ROLES_IMPORT);
}

enum access_disclosure access_disclosure_of(enum access_scope scope, bool member)
{
	return scope == ACCESS_ALL || member ? DISCLOSE_FULL : DISCLOSE_MINIMAL;
}

int access_search_allowed(enum access_scope scope, const struct access_search *s,
                          int64_t searches_last_hour, struct proto_err *err)
{
	if (scope == ACCESS_NONE)
		return proto_fail(err, "R-INFO-3", NULL, "Your role cannot search for children.");
	if (!s->name && !s->dob && !s->strong && !s->postcode)
		return proto_fail(err, "R-REC-1", "name",
		                  "Enter a name, a date of birth, an NHS number or a record "
		                  "reference.");
	if (scope == ACCESS_ALL)
		return 0;
	if (!s->strong && !(s->name && (s->dob || s->postcode)))
		return proto_fail(err, "R-INFO-3", s->name ? "date_of_birth" : "name",
		                  "Enter the child's name and their date of birth or postcode, or "
		                  "their NHS number: a search must be narrow enough to find one "
		                  "child (R-INFO-3).");
	if (searches_last_hour >= ACCESS_SEARCHES_PER_HOUR) {
		proto_fail(err, "R-INFO-3", NULL,
		           "You have made %d searches in the last hour. Wait a while before "
		           "searching again, or ask the MASH (R-INFO-3).",
		           ACCESS_SEARCHES_PER_HOUR);
		return 1;
	}
	return 0;
}

int access_request_validate(const char *reason, int64_t days, struct proto_err *err)
{
	if (proto_blank(reason))
		return proto_fail(err, "R-INFO-3", "reason",
		                  "Give the reason you need to see this child's record.");
	if (proto_text_check(reason, INFO_PURPOSE_MAX, true, "R-INFO-3", "reason",
	                     "the reason for the request", err) < 0)
		return -1;
	if (utf8_length(reason) < INFO_PURPOSE_MIN)
		return proto_fail(err, "R-INFO-3", "reason",
		                  "Give a real reason (at least %d characters).", INFO_PURPOSE_MIN);
	if (days < 0 || days > ACCESS_GRANT_MAX_DAYS)
		return proto_fail(err, "R-INFO-3", "days",
		                  "Access can be granted for at most %d days.",
		                  ACCESS_GRANT_MAX_DAYS);
	return 0;
}

int access_decider_validate(uint32_t decider_roles, const char *decider_id,
                            const char *requester_id, struct proto_err *err)
{
	if (!(decider_roles & ACCESS_ROLES_GRANT_DECIDER))
		return proto_fail(
		        err, "R-INFO-3", NULL,
		        "Only a police supervisor or a children's social care manager can "
		        "decide a request for access (R-INFO-3).");
	if (decider_id && requester_id && strcmp(decider_id, requester_id) == 0)
		return proto_fail(err, "R-INFO-3", NULL,
		                  "You cannot decide your own request for access (R-INFO-3).");
	return 0;
}

int access_member_validate(uint32_t roles, bool system, const char *reason, struct proto_err *err)
{
	if (!system && !(roles & ACCESS_ROLES_CASE_MANAGER))
		return proto_fail(err, "R-INFO-3", NULL,
		                  "Only the MASH, the assessment team, a police supervisor or a "
		                  "children's social care manager can add an agency to a child's "
		                  "case (R-INFO-3).");
	if (proto_blank(reason))
		return proto_fail(err, "R-INFO-3", "reason",
		                  "Give the reason this agency needs to see the child's record.");
	if (proto_text_check(reason, INFO_PURPOSE_MAX, true, "R-INFO-3", "reason", "the reason",
	                     err) < 0)
		return -1;
	if (utf8_length(reason) < INFO_PURPOSE_MIN)
		return proto_fail(err, "R-INFO-3", "reason",
		                  "Give a real reason (at least %d characters).", INFO_PURPOSE_MIN);
	return 0;
}
