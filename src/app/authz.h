/*
 * authz.h: which records an actor may see (DESIGN.md security model). Roles say what a
 * user may do; these per-record rules say which children and records. Deny by default.
 *
 * A user may see a child when:
 *  - they act as the system operator (command line), or
 *  - they hold a partnership-wide role (MASH worker, assessment team, police supervisor,
 *    CSC manager, analyst, MASE chair), whose work is to see across agencies, or
 *  - their agency is involved with the child (it referred, was routed the referral,
 *    or was allocated work), or
 *  - they are the child's allocated social worker.
 * Auditors see the audit log, not records. Restricted intelligence (R-INFO-3) has its
 * own police-only check.
 */
#ifndef LANTERN_AUTHZ_H
#define LANTERN_AUTHZ_H

#include "app/app.h"

#define ROLES_PARTNERSHIP_WIDE                                                                     \
	(ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_ASSESSMENT_TEAM) |                             \
	 ROLE_BIT(ROLE_POLICE_SUPERVISOR) | ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_ANALYST) |  \
	 ROLE_BIT(ROLE_MASE_CHAIR))

/* Roles that may file a referral or add to a record. */
#define ROLES_PRACTITIONER                                                                         \
	(ROLE_BIT(ROLE_POLICE_OFFICER) | ROLE_BIT(ROLE_POLICE_SUPERVISOR) |                        \
	 ROLE_BIT(ROLE_ASSESSMENT_TEAM) | ROLE_BIT(ROLE_MASH_WORKER) |                             \
	 ROLE_BIT(ROLE_SOCIAL_WORKER) | ROLE_BIT(ROLE_CSC_MANAGER) | ROLE_BIT(ROLE_HEALTH) |       \
	 ROLE_BIT(ROLE_EDUCATION) | ROLE_BIT(ROLE_YOUTH_OFFENDING) | ROLE_BIT(ROLE_CHARITY))

/* APP_OK if the actor may see the child; APP_NOT_FOUND otherwise (so that a user cannot
 * learn that a child they may not see exists), APP_FAILED on a database error. */
int authz_child_view(struct db *db, const struct actor *who, const char *child_id,
                     struct app_err *err);

#endif
