/*
 * restricted.h: restricted records and the review of break-glass openings (R-INFO-3).
 * Each use case is one transaction: authorise, apply the protocol, write, audit. Input
 * is a JSON object (from the API, a form or a file); output a view. Field names are
 * documented in docs/api.md.
 */
#ifndef LANTERN_APP_RESTRICTED_H
#define LANTERN_APP_RESTRICTED_H

#include "app/app.h"

/* R-INFO-3. in: {"restricted": true|false, "reason" (required when restricting)}. Police
 * supervisors and CSC managers only. Opening a restricted record afterwards needs a
 * reason in actor.purpose (break-glass): each opening is logged for review. */
int app_record_restrict(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);
/* R-INFO-3. Reviews a break-glass opening (id "rax_..."): in {"note"}. Not by the person
 * who opened it. */
int app_restricted_access_review(struct db *db, const struct actor *who, const char *id, json_t *in,
                                 json_t **out, struct app_err *err);

/* Whether the actor's role may restrict records and review openings (R-INFO-3), so
 * that the pages offer those forms only to them. */
bool app_may_restrict(const struct actor *who);
/* R-INFO-3. Whether record `ref` is restricted, for those who may change it: out
 * {"record_ref", "restricted", "reason"}. Reading it needs no break-glass reason and
 * discloses nothing else of the record. Audited as a view of the restriction. */
int app_record_restriction(struct db *db, const struct actor *who, const char *ref, json_t *in,
                           json_t **out, struct app_err *err);
/* R-INFO-3. One break-glass opening ("rax_..."), for those who may review it: out {id,
 * record_ref, user_id, user_name, agency, opened_at, purpose, reviewed_at,
 * reviewed_by_name, review_note, may_review (false for the person who opened it)}.
 * Audited as a view. */
int app_restricted_access_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                              json_t **out, struct app_err *err);

#endif
