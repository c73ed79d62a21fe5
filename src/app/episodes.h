/*
 * episodes.h: use cases for children who go missing or absent (App E, App C; R-MISS-*,
 * R-DL-1, R-DL-2, R-DL-9): reporting and classifying an episode, escalation, the
 * return, the police Safe and Well Check, the Return Interview, the forensic strategy
 * decision, patterns across a child's episodes, the Philomena-style profile, the
 * deadline sections of the work queue and the statutory exports. Each use case is one
 * transaction: authorise, apply the protocol, write, audit; a refusal writes nothing.
 *
 * Seeing an episode needs what seeing the child needs (authz_child_view); changing one
 * needs a practitioner role too. Reporting a child missing needs a practitioner role
 * and makes the reporter's agency involved with the child, as a referral does.
 *
 * Times in input are ISO 8601 with a zone; a missing time means now. Output times are
 * UTC text; deadline items carry Europe/London text for display as well.
 */
#ifndef LANTERN_APP_EPISODES_H
#define LANTERN_APP_EPISODES_H

#include "app/app.h"

/*
 * Reports a child missing or absent. in: {"child_id", "reported_at"?, "missing_from":
 * "home"|"care"|"school"|"other", "last_seen_at"?, "last_seen_where"?,
 * "last_seen_with"?: [name | {"name", "child_id"?}], "parents_carers"?: [names],
 * "classification"?: "absent"|"missing" (omitted: Lantern classifies), "auto_correct"?,
 * "whereabouts_known"?, "out_of_character"?, "context_suggests_risk"?,
 * "risk_identified"?, "risk_level"?: "no_apparent_risk"|"low"|"medium"|"high"}.
 * R-MISS-1..3: an 'absent' that the rules forbid is refused (APP_INVALID naming
 * R-MISS-2 or R-MISS-3) unless auto_correct, when it is classed 'missing' and the
 * result says why. out: {"id", "child_id", "classification", "rule", "reason",
 * "corrected", "escalation_due_at"?, "profile"?: the child's profile when one exists}.
 */
int app_episode_report(struct db *db, const struct actor *who, json_t *in, json_t **out,
                       struct app_err *err);
/* The episode with its history, checks, interview and decisions, and what is still
 * to do (prompts). Audited as a view. */
int app_episode_get(struct db *db, const struct actor *who, const char *id, json_t **out,
                    struct app_err *err);
/* R-MISS-4: escalates an open 'absent' episode to 'missing'. in: {"reason",
 * "risk_level"?}. APP_CONFLICT if the episode is not open and absent. */
int app_episode_escalate(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);
/* Sets the risk level. in: {"risk_level", "reason"}. A risk above no apparent risk on
 * an absent episode escalates it to missing (R-MISS-4, reason risk identified). */
int app_episode_risk(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);
/* R-MISS-4, R-DL-2: for the scheduler and `lantern deadlines run`. Escalates, as the
 * system, every open absent episode whose managed timeframe (seconds; <= 0 means the
 * default 6 hours) has passed at `now`, with reason 'managed timeframe passed'. One
 * transaction. out: {"escalated": [{"episode_id", "child_id", "reported_at",
 * "due_at"}], "count"}. */
int app_episodes_escalate_due(struct db *db, int64_t now, int64_t timeframe, json_t **out,
                              struct app_err *err);

/* The child was found or came back. in: {"returned_at"?, "where"?, "with"?: [name |
 * {"name", "child_id"?}], "csc_interviewer"?: username or name}. Refused when
 * returned_at is before the report or in the future. out lists what is now due. */
int app_episode_return(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);
/* R-MISS-5: the police Safe and Well Check. in: {"done_at"?, "done_by"?: username or
 * name (default: the actor), "where_found", "found_with"?: [..], "what_happened",
 * "crime_alleged"?, "crime_number"? (required with an allegation)}. The crime number
 * is linked to the child's record (R-REC-5) when the child has one; the result says
 * when there is no record to link it to. */
int app_safe_and_well(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);
/* R-MISS-6, R-MISS-7: offers the Return Interview. in: {"interviewer": username or name,
 * "interviewer_role"?, "interviewer_agency"?, "child_asked": true, "child_preference",
 * "parents_carers"?: [names], "offered_at"?}. Refused before the return, and when the
 * interviewer is a parent/carer or did the police or social care interview. */
int app_return_interview_offer(struct db *db, const struct actor *who, const char *id, json_t *in,
                               json_t **out, struct app_err *err);
/* R-MISS-6, R-MISS-8: records the interview's progress. in: {"status": "accepted" |
 * "declined" | "completed", "at"?, "findings" (required when completed)}. Completed
 * findings are appended to the child's record chronology when the child has a record;
 * the result says so ("record_entry_id") or says there is no record. */
int app_return_interview_record(struct db *db, const struct actor *who, const char *id, json_t *in,
                                json_t **out, struct app_err *err);
/* R-MISS-9. in: {"clothing", "early_evidence_kit", "phones": booleans (considered),
 * "decision": "forensic_strategy"|"no_forensic_action", "rationale"}. */
int app_forensic_decision(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

/* R-MISS-10: the child's episodes, repeat counts over 30/90/365 days, and children
 * who went missing with them. out: {"child_id", "episodes", "repeat": {"days_30",
 * "days_90", "days_365"}, "co_missing": [...]} */
int app_child_episodes(struct db *db, const struct actor *who, const char *child_id, json_t **out,
                       struct app_err *err);

/* The Philomena-style profile. get: out is the profile, or {"child_id", "exists":
 * false}. update in: {"description"?, "associates"?, "places"?, "phone_numbers"?,
 * "social_media"?: [text], "photo_ref"?} (replaces the profile). print: plain text
 * ready to print or share with police, in *text (caller frees); audited as a
 * disclosure. */
int app_philomena_get(struct db *db, const struct actor *who, const char *child_id, json_t **out,
                      struct app_err *err);
int app_philomena_update(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                         json_t **out, struct app_err *err);
int app_philomena_print(struct db *db, const struct actor *who, const char *child_id, char **text,
                        struct app_err *err);

/*
 * R-DL-1, R-DL-2, R-DL-9: deadline sections of the work queue, in the shape of
 * app_work_queue: out = {"sections": [{"key", "title", "count", "items"}], "total"}.
 * "missing_deadlines": return interviews due and absent episodes nearing escalation
 * that the actor's agency owns (R-MISS-7: police and CSC for a child in the community;
 * the placing authority's social care and the unit manager for a looked-after child);
 * "missing_overdue": overdue items, for supervisors (police supervisor, CSC manager)
 * and the system. Items: {kind, rule, episode_id, child_id, child, due_at, due_local,
 * seconds_left, time_left, state: "ok"|"amber"|"red", owners}; due times, states and
 * words come from the deadline engine (protocol/deadlines.h, kinds return_interview
 * and absent_escalation). Audited as a view. The absent timeframe is the default 6
 * hours here (the borough's configured value is used by app_episodes_escalate_due).
 */
int app_episode_deadlines(struct db *db, const struct actor *who, int64_t now, json_t **out,
                          struct app_err *err);
/* The same sections appended to `sections` inside the caller's open transaction (for
 * app_work_queue). Returns a DB code. */
int episode_deadline_sections(struct db *db, const struct actor *who, int64_t now,
                              json_t *sections);

/* Statutory exports as CSV text in *csv (caller frees), built with report/ssda903.h and
 * audited as exports. from/to are dates YYYY-MM-DD, to inclusive, not in the future.
 * SSDA903: CHILD, MISSING (M missing, A away without authorisation), MIS_START,
 * MIS_END for looked-after children's episodes overlapping the period. Annex A: one row
 * per episode overlapping the period with its return interview columns (offered,
 * accepted, completed, date). Needs an analyst, a manager or supervisor, or the
 * system. */
int app_export_ssda903(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err);
int app_export_annex_a(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err);

#endif
