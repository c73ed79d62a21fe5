/*
 * episode_deadlines.h: the missing-episode deadline sections of the work queue (R-DL-1,
 * R-DL-2, R-DL-9). Due times are UTC text; items carry Europe/London text for display as
 * well.
 */
#ifndef LANTERN_APP_EPISODE_DEADLINES_H
#define LANTERN_APP_EPISODE_DEADLINES_H

#include "app/app.h"

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
int app_episode_deadlines(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);
/* The same sections appended to `sections` inside the caller's open transaction (for
 * app_work_queue). Returns a DB code. */
int episode_deadline_sections(struct db *db, const struct actor *who, int64_t now,
                              json_t *sections);

#endif
