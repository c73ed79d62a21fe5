/*
 * mase.h: use cases of the monthly multi-agency meeting (R-MASE-1..8, R-DL-5): each
 * borough's schedule and when its next meeting is due (also in the chair's and
 * analysts' work queues), the meeting held with its chair and attendees and what it
 * broke (chair below Inspector, police below DI, a statutory member absent), the
 * agenda generated from the records for each attendee's agency (only what they may see,
 * R-MASE-5), the cases discussed with their decisions (actions are plan actions with
 * the meeting's id, app/plans.h, carried into the next meeting's review), and the
 * chair's duties and minutes. Each is one transaction with its audit event.
 *
 * The meeting's name, MASE or MACE, is the `meeting_name` setting (mase_set_name at
 * start-up); a meeting keeps the name it was held under.
 *
 * Who: the schedule, meetings and decisions are recorded by a MASE chair, a police
 * supervisor, a CSC manager or an analyst (and the system operator); the chair's duties
 * by the meeting's chair or co-chair (R-MASE-8); the agenda and meetings are read by
 * every role that sees children's records (each sees only what they may).
 */
#ifndef LANTERN_APP_MASE_H
#define LANTERN_APP_MASE_H

#include "app/app.h"
#include "protocol/mase.h"

/* R-MASE-1: the partnership's name for the meeting (the `meeting_name` setting). */
void mase_set_name(enum mase_name n);
enum mase_name mase_get_name(void);

/* R-MASE-1: sets borough `id`'s (id, name or code) schedule: in {rule: nth_weekday |
 * day_of_month, nth? (1..4, -1 last), weekday? (1 Monday..7), day? (1..31), time
 * ("HH:MM", London)}. -> app_mase_borough's view. */
int app_mase_schedule_set(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

/* R-MASE-1, R-DL-5: borough `id`'s meetings: {borough: {id, name}, meeting_name,
 * schedule (or null), last_meeting (or null), next_due: {due_at, due_local, time_left,
 * state, overdue} (or null with neither schedule nor meeting), meetings: [{id, held_at,
 * held_local, name, flagged, gaps, cases}] (the last year)}. Audited. */
int app_mase_borough(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/* R-MASE-2, R-MASE-3: records a meeting held: in {borough, held_at (ISO 8601, not in
 * the future), attendees: [{name, username?, member (REF_MASE_MEMBERS), rank? (police),
 * role?, chair?, co_chair?, csc_manager?, present? (default true)}], minutes?}.
 * -> app_mase_meeting_get's view, with its gaps (flagged). */
int app_mase_meeting_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

/* Meeting `id`: {id, borough, held_at, held_local, name, flagged, gaps: [{code, rule,
 * member, text}], attendees, minutes, duties, cases: [{record_ref, child_name, decision,
 * actions: [...]}] (only those the actor sees)}. Audited. */
int app_mase_meeting_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

/* R-MASE-4, R-MASE-7: records the decision about a case discussed at meeting `id`: in
 * {record_ref, decision}. A case never referred before the meeting is refused citing
 * R-MASE-4. -> the meeting's view. */
int app_mase_case_decide(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

/* R-MASE-8: the chair's duties of meeting `id`, by its chair or co-chair: in {duties:
 * [{done, note?}] x 5 (D1..D5), minutes?}. -> the meeting's view. */
int app_mase_duties(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/*
 * R-MASE-4..6, R-MASE-9: the agenda of borough `id`'s next meeting, generated from the
 * records as they stand at in.at (default now), for the actor's agency: {borough,
 * meeting_name, at, since (the last meeting, or null), next_due, sections: [{number,
 * code, title, rule, items: [...], empty}] in REF_AGENDA_SECTIONS order, then the
 * linked-case list (R-MASE-9: "linked_cases", empty with a sentence until network
 * analysis supplies it), not_admitted (cases never referred, R-MASE-4), withheld (how
 * many items the actor may not see: never which)}. Items: cases {record_ref, child_name
 * (null when listed without content), view (full | listed), category, last_decision,
 * actions: [...] (review)}, persons {id, label, children, disruptions: [{type, status,
 * n}]}, places {id, label, type, postcode, hotspot, cases, recent}. Audited.
 */
int app_mase_agenda(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* R-DL-5: the work-queue section "mase_next" (the next meeting due of the actor's
 * borough, or of every scheduled borough for partnership-wide roles) for MASE chairs,
 * analysts and police supervisors, appended to `sections` inside the caller's open
 * transaction. Returns a DB code. */
int mase_deadline_sections(struct db *db, const struct actor *who, int64_t now, json_t *sections);

#endif
