/*
 * mash.h: the MASH's evaluation of a referral routed to it (R-PATH-3): a MASH worker
 * reaches an outcome (no further action, early help, a strategy discussion, a section 47
 * enquiry, the ES-flagged record) with a reason, within one working day of receipt
 * (the decision clock, protocol/mash.h). Other roles are refused and the refusal is
 * audited.
 */
#ifndef LANTERN_APP_MASH_H
#define LANTERN_APP_MASH_H

#include "app/app.h"

/*
 * Evaluates referral `id`. in: {"outcome": "no_further_action" | "early_help" |
 * "strategy_discussion" | "section_47" | "es_record", "rationale"}. out: {"id",
 * "referral_id", "outcome", "outcome_label", "rationale", "evaluated_at",
 * "received_at", "due_at", "on_time"}. 403 for a role other than the MASH's (R-PATH-3),
 * 404 for no such referral (or one the actor may not see), 409 when already evaluated
 * or not routed to the MASH, 422 naming the field.
 */
int app_referral_evaluate(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

/* The decision clock of a referral received at `received_at` (ISO 8601 UTC) at `now`:
 * {"kind", "rule", "due_at", "due_local", "seconds_left", "time_left", "state"}; NULL
 * when the time is malformed. */
json_t *mash_clock_json(const char *received_at, int64_t now);

/* Whether the actor evaluates referrals for the MASH (for pages offering the action). */
bool app_may_evaluate_referral(const struct actor *who);

/* Internal to src/app/: adds to referral view `ref` (gated) "may_evaluate", and for a
 * referral routed to the MASH its "decision_clock" while it waits and its "evaluation"
 * once made. APP_OK or a database error. */
struct uc;
int mash_referral_view(struct uc *u, json_t *ref);

#endif
