/*
 * access.h (app): the use cases that give access to a child's record (R-INFO-3; the
 * rule is src/protocol/access.h, the gate every read passes is app/gate.h): adding an
 * agency to a child's case, and a practitioner's reasoned, time-limited request for
 * access that a supervisor decides. Every one is audited.
 */
#ifndef LANTERN_APP_ACCESS_H
#define LANTERN_APP_ACCESS_H

#include "app/app.h"

/* Whether `who` sees child `child_id` (R-INFO-3), without auditing: for deciding which
 * actions to offer. APP_OK with *sees, or a database error. */
int app_actor_sees_child(struct db *db, const struct actor *who, const char *child_id, bool *sees,
                         struct app_err *err);

/*
 * Case membership (R-INFO-3).
 * app_case_member_add: in {"agency": id or name, "reason"} on child `id`: an entitled
 * role (ACCESS_ROLES_CASE_MANAGER) who sees the child adds the agency to the case.
 * app_case_member_end: in {"agency", "reason"}: ends a membership (kept in history).
 * app_case_members: the case's agencies and the current grants, for those who see the
 * child.
 */
int app_case_member_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);
int app_case_member_end(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);
int app_case_members(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/*
 * Requests for access (R-INFO-3).
 * app_access_request: a practitioner who does not see child `id` asks to, in {"reason",
 * "days"?}; nothing is disclosed until a supervisor grants it. -> {"id", "status"}.
 * app_access_decide: on request `id` ("agr_..."), in {"decision": "grant" | "refuse",
 * "days"?, "note"}: a police supervisor or CSC manager, not the requester.
 * app_access_end: on grant `id`, in {"note"}: the decider's roles or the holder end it.
 * app_access_requests: the requests waiting (deciders) or the actor's own (others).
 */
int app_access_request(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);
int app_access_decide(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);
int app_access_end(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);
int app_access_requests(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);

#endif
