/*
 * access.h: who may see a child's record, and how much of it (R-INFO-3: agencies see
 * what they need for their role; DESIGN.md security model). This is the one place the
 * rule is written: the per-record gate in src/app/access.c and the SQL predicate for
 * lists in src/store/access.h are both built from it.
 *
 * How a user comes to see a child:
 *  - the system operator (command line) and the partnership-wide roles, whose work is
 *    to see across agencies, see every child (ACCESS_ALL);
 *  - a practitioner sees the children its agency is a member of the case for (routed
 *    there by the pathway, allocated, added by an entitled role with a reason, or the
 *    looked-after child's home authority), the children they are the allocated social
 *    worker of, and the children they hold a current, reasoned, time-limited grant for
 *    (ACCESS_MEMBERSHIP);
 *  - anyone else (auditor, administrator) sees no record content (ACCESS_NONE).
 * Filing a referral or a missing report is open to every practitioner and gives the
 * filer what they filed and an acknowledgement, never the record.
 *
 * A restricted record (R-INFO-3) opens only for an entitled police role with a reason,
 * and each opening is logged for a supervisor's review (break-glass).
 *
 * Pure: no I/O, no clock. The caller finds out the facts (membership, restriction) and
 * asks here what follows from them.
 */
#ifndef LANTERN_PROTO_ACCESS_H
#define LANTERN_PROTO_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "protocol/proto.h"
#include "protocol/reference.h"

/* Roles whose work is to see across agencies (every child). */
#define ACCESS_ROLES_PARTNERSHIP_WIDE                                                              \
	(ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_ASSESSMENT_TEAM) |                             \
	 ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_ANALYST) |  \
	 ROLE_BIT(ROLE_MASE_CHAIR))

/* Roles that may file a referral or a missing report, and add to a record they see. */
#define ACCESS_ROLES_PRACTITIONER                                                                  \
	(ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_POLICE_SUPERVISOR) |                        \
	 ROLE_BIT(ROLE_ASSESSMENT_TEAM) | ROLE_BIT(ROLE_MASH_WORKER) |                             \
	 ROLE_BIT(ROLE_SOCIAL_WORKER) | ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_HEALTH) |       \
	 ROLE_BIT(ROLE_EDUCATION) | ROLE_BIT(ROLE_YOUTH_OFFENDING) | ROLE_BIT(ROLE_CHARITY))

/* Police roles entitled to open a restricted record (in a police agency). */
#define ACCESS_ROLES_RESTRICTED                                                                    \
	(ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_POLICE_SUPERVISOR) |                        \
	 ROLE_BIT(ROLE_ASSESSMENT_TEAM))

/* Roles that may add an agency to a child's case, with a reason. */
#define ACCESS_ROLES_CASE_MANAGER                                                                  \
	(ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_ASSESSMENT_TEAM) |                             \
	 ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_CSC_MANAGER))

/* Roles that decide a practitioner's request for access to a child's record. */
#define ACCESS_ROLES_GRANT_DECIDER (ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_CSC_MANAGER))
/* R-INFO-3: who may import children in bulk (it adds records every agency may come to
 * see, so it is kept to the administrator and children's social care managers). */
#define ACCESS_ROLES_IMPORT (ROLE_BIT(ROLE_ADMINISTRATOR) | ROLE_BIT(ROLE_CSC_MANAGER))

/* The longest a grant may last, and the length given when none is asked for. */
#define ACCESS_GRANT_MAX_DAYS 90
#define ACCESS_GRANT_DEFAULT_DAYS 28

/* Searches a practitioner who is not partnership-wide may make in an hour
 * (R-REC-1 searches disclose names and dates of birth: they are throttled). */
#define ACCESS_SEARCHES_PER_HOUR 60

enum access_scope {
	ACCESS_NONE,       /* no record content */
	ACCESS_MEMBERSHIP, /* children of their cases, allocations and grants */
	ACCESS_ALL,        /* every child */
};

/* R-INFO-3: the scope of an actor with role bits `roles` (system: the operator). */
enum access_scope access_scope_of(uint32_t roles, bool system);

/* What the caller found out about one actor and one child or record. */
struct access_facts {
	enum access_scope scope;
	bool member;          /* the membership predicate holds for this child */
	bool restricted;      /* the child's record is restricted (R-INFO-3) */
	bool police_entitled; /* access_police_entitled() */
	bool reason_given;    /* a reason that passes info_purpose_validate() */
};

enum access_decision {
	ACCESS_OPEN,         /* may see it */
	ACCESS_OPEN_LOGGED,  /* may see it; a restricted record's opening: log it */
	ACCESS_HIDDEN,       /* may not see it: answered exactly as if it did not exist */
	ACCESS_RESTRICTED,   /* sees the child, but the record is for entitled police roles */
	ACCESS_NEEDS_REASON, /* entitled, but must give the reason first */
};

/* R-INFO-3: the one decision for reading record content. `system` actors are never
 * refused. */
enum access_decision access_decide(const struct access_facts *f, bool system);

/* Short words for a refusal, kept in the audit event ("not a member of the case"...). */
const char *access_refusal_reason(enum access_decision d);

/* R-INFO-3: an entitled police role in a police agency. */
bool access_police_entitled(uint32_t roles, const char *agency_type);

/* Whether the actor may file a referral or report a child missing. */
bool access_may_file(uint32_t roles, bool system);
/* R-INFO-3: whether the actor may import children in bulk, see what an import held
 * back and resolve it (ACCESS_ROLES_IMPORT, or the system operator). */
bool access_may_import(uint32_t roles, bool system);

/* How much of a child a search result or a duplicate candidate shows. */
enum access_disclosure {
	DISCLOSE_MINIMAL, /* names, date of birth, gender: enough to refer the right child */
	DISCLOSE_FULL,    /* also borough, record reference and whether there is a record */
};
enum access_disclosure access_disclosure_of(enum access_scope scope, bool member);

/* What a search was given. */
struct access_search {
	bool name;     /* a given or family name (or a full name) */
	bool dob;      /* a date of birth */
	bool strong;   /* an NHS number or a record reference */
	bool postcode; /* a postcode, narrowing a name search */
};

/*
 * R-INFO-3, R-REC-1: whether a search with these terms may run for this scope. Every
 * scope needs at least one term. A practitioner who is not partnership-wide needs a
 * name together with a date of birth or a postcode, or an NHS number or record
 * reference: a date of birth alone would list every child born that day.
 * `searches_last_hour` is how many searches the actor made in the hour before; past
 * ACCESS_SEARCHES_PER_HOUR the search is refused (err->rule "R-INFO-3", err->field
 * NULL, and the return value is 1 so the caller can answer "too many requests").
 * Returns 0 to allow, -1 for missing terms, 1 for the throttle.
 */
int access_search_allowed(enum access_scope scope, const struct access_search *s,
                          int64_t searches_last_hour, struct proto_err *err);

/*
 * A practitioner's request for access to a child's record: the reason (10-500
 * characters, wording checked) and the days wanted (0 for the default; at most
 * ACCESS_GRANT_MAX_DAYS). Returns 0 or -1 with err naming the field.
 */
int access_request_validate(const char *reason, int64_t days, struct proto_err *err);

/*
 * Who decides a request: a police supervisor or a children's social care manager, never
 * the person who asked. Returns 0 or -1.
 */
int access_decider_validate(uint32_t decider_roles, const char *decider_id,
                            const char *requester_id, struct proto_err *err);

/* Adding an agency to a child's case: an entitled role, with a reason (10-500
 * characters). Returns 0 or -1. */
int access_member_validate(uint32_t roles, bool system, const char *reason, struct proto_err *err);

#endif
