/*
 * plans.h: use cases about a case's plan: the tactical options checklist of a record
 * (R-ORD-5) and the actions of plans (R-MASE-7), with the work-queue sections of the
 * deadlines they and orders and NRM referrals start (R-DL-4, R-DL-5, R-DL-6, R-DL-9).
 * Each is one transaction with its audit event, in the shape every use case shares. The
 * meeting use cases (R-MASE-7) call these for the plans they agree and review.
 *
 * Checklist: each of T01-T29 is marked considered, in place or not applicable with a
 * note and, unless not applicable, an owner (who takes it forward, in words); what has
 * not been considered is listed and counted (tactic_summarise). T14 and T15 are for
 * entitled police only (R-INFO-3): others neither see nor count them.
 *
 * Actions: {text, owner_person? (a username or user id), owner_agency? (an agency's name
 * or id), due_on (YYYY-MM-DD: due by the end of that day, London) or due_at (ISO 8601),
 * record_ref? | person_id? | place_id? (at least one), tactic? ("T06"), meeting_id?,
 * agreed_at? (default now)}. An action is closed as done or cancelled (with a reason);
 * who closed it and when are kept.
 */
#ifndef LANTERN_APP_PLANS_H
#define LANTERN_APP_PLANS_H

#include "app/app.h"

/* R-ORD-5: record `id`'s checklist (id: the record reference): {record_ref, child_id,
 * options: [{code, label, mark, mark_label, note, owner, marked_at, marked_by_name}]
 * (the options the actor sees, T01 first; empty when `in` has summary_only: true, as
 * the record page asks), summary: {shown, considered, in_place, not_applicable,
 * not_considered, not_considered_codes}}. Audited. */
int app_tactics_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* R-ORD-5: marks one option of record `id`: in {code, mark: considered | in_place |
 * not_applicable, note, owner?}. A practitioner who sees the record. -> the checklist.
 * Refusals cite R-ORD-5 with the field; nothing is written. */
int app_tactic_mark(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* R-MASE-7: adds an action (fields above; a practitioner who sees what it is about).
 * -> the action's view. */
int app_action_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* R-MASE-7: changes action `id` ("act_..."): closes it, in {status: done | cancelled,
 * reason? (cancelled), closed_at? (default now)}, or, while it is open, changes {text?,
 * owner_person?, owner_agency?, due_on? | due_at?}. -> the action's view. */
int app_action_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/* The action `id` with its state at the actor's clock (overdue, time left). Audited. */
int app_action_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* R-MASE-7: the actions about one record, person or place: in (the query) {record_ref |
 * person_id | place_id} (exactly one). -> {actions: [...], open, overdue}. Audited. */
int app_actions_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/*
 * R-DL-4, R-DL-5, R-DL-6, R-DL-9: the work-queue sections of orders, actions and NRM
 * referrals, in app_work_queue's shape: {"sections": [...], "total"}:
 *  - "actions_due": open actions owned by the actor, or by the actor's agency without a
 *    named person, soonest due first;
 *  - "order_deadlines": notifications, reviews and foreign travel renewals of Sexual
 *    Risk Orders and Sexual Harm Prevention Orders recorded by the actor's agency
 *    (police roles);
 *  - "nrm_deadlines": reflection and recovery periods of children the actor sees, for
 *    children's social care and police roles;
 *  - "disruption_overdue" (police supervisors and CSC managers, and the system): every
 *    overdue action, order deadline and NRM period owned by their agency.
 * Items: {kind, rule, label, subject, href_kind ("action" | "order" | "record" |
 * "child"), subject_id, record_ref?, due_at, due_local, seconds_left, time_left, state,
 * owner}. Audited as a view.
 */
int app_disruption_deadlines(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err);
/* The same sections appended to `sections` inside the caller's open transaction (for
 * app_work_queue). Returns a DB code. */
int disruption_deadline_sections(struct db *db, const struct actor *who, int64_t now,
                                 json_t *sections);

#endif
