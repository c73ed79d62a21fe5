/*
 * plans.h (store): a case's plan (migrations/012_disruption.sql): the marks of a record's
 * tactical options checklist (R-ORD-5), every mark kept with the current one flagged,
 * and the actions of plans (R-MASE-7) with their owners, due dates and who closed them.
 * The rules are in protocol/plans.h; the use cases check them before writing. Callers
 * own transactions. Instants are int64 UTC seconds in this API.
 */
#ifndef LANTERN_STORE_PLANS_H
#define LANTERN_STORE_PLANS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "protocol/plans.h"
#include "store/db.h"

/* A mark of a record's tactical option, as written. */
struct store_tactic_mark_new {
	const char *record_id;
	const struct tactic_entry *e;
	bool restricted, demo;
	const char *meeting_id; /* the MASE meeting it was marked at (R-MASE-7), or NULL */
	const char *by, *by_name;
	int64_t at;
};
/* R-ORD-5: makes entry m->e the current mark of its option on the record (the previous
 * current mark is kept, no longer current). */
int store_tactic_mark(struct db *db, const struct store_tactic_mark_new *m);

/* The record's current marks, in option order, restricted ones only when `restricted`:
 * [{code, mark, note, owner, marked_at, marked_by_name, meeting_id}]. */
json_t *store_tactic_marks(struct db *db, const char *record_id, bool restricted, int *rc);

/* Every mark of option `code` on the record, newest first (its history). */
json_t *store_tactic_history(struct db *db, const char *record_id, const char *code, int *rc);

/* R-ORD-5: the current marks of the open records of borough `borough_id` counted by
 * option and mark, restricted options only when `restricted`: [{code, mark, n}]; and the
 * number of those records into *records. */
json_t *store_tactic_counts(struct db *db, const char *borough_id, bool restricted,
                            int64_t *records, int *rc);

/* An action to write: a's fields as validated (protocol/plans.h) with the ids resolved. */
struct store_action_new {
	const char *id;
	const struct plan_action *a;
	const char *owner_user_id, *owner_agency_id, *owner_name;
	const char *borough_id, *agency_id, *by, *by_name;
	bool demo;
	int64_t at;
};
int store_action_insert(struct db *db, const struct store_action_new *s);

/* Sets the action's status, closed_at, closed_by and reason from a (done or cancelled);
 * only an open action changes. DB_DONE otherwise. */
int store_action_close(struct db *db, const char *id, const struct plan_action *a,
                       const char *closed_by_name, int64_t at);

/* An open action's new text, owner and due date. */
struct store_action_set {
	const char *id, *text, *owner_user_id, *owner_agency_id, *owner_name;
	int64_t due_at, at;
};
/* Changes an open action's text, owner and due date. DB_DONE unless open. */
int store_action_update(struct db *db, const struct store_action_set *s);

/* An action as stored: every column, the record's reference ("record_ref"), the
 * person's and place's labels, and the owning agency's name. NULL with *rc = DB_DONE
 * when there is none. */
json_t *store_action_get(struct db *db, const char *id, int *rc);

/* Actions about record, person or place `id` (`col`: "record_id", "person_id",
 * "place_id"), open ones first by due date, then closed ones newest first, at most
 * `limit`. Rows as store_action_get's. */
json_t *store_actions_of(struct db *db, const char *col, const char *id, int limit, int *rc);

/* R-MASE-7, R-DL-9: open actions, soonest due first, at most `limit`: owned by user
 * `user_id` or by agency `agency_id` without a named person (whole_agency false: one
 * person's queue), or every open action of agency `agency_id`, a named person's
 * included (whole_agency true: its supervisors' view; every agency's when agency_id is
 * NULL). With `due_before` > 0 only those
 * due at or before it (overdue). Rows as store_action_get's. */
json_t *store_actions_owned(struct db *db, const char *user_id, const char *agency_id,
                            bool whole_agency, int64_t due_before, int limit, int *rc);

/* The number of open actions of borough `borough_id`, and of those due at or before
 * `now` (overdue, R-MASE-7). */
int store_action_counts(struct db *db, const char *borough_id, int64_t now, int64_t *open,
                        int64_t *overdue);

#endif
