/*
 * mash.h: the MASH's evaluations of referrals (migration 022, R-PATH-3) and the
 * referrals waiting for one.
 */
#ifndef LANTERN_STORE_MASH_H
#define LANTERN_STORE_MASH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* One evaluation, as written. */
struct store_mash_eval_new {
	const char *id, *referral_id, *child_id, *outcome, *rationale;
	const char *evaluated_by, *evaluated_by_name;
	int64_t evaluated_at, received_at, due_at;
	bool on_time;
};

/* Writes the evaluation and marks its referral triaged. DB_E_CONSTRAINT when the
 * referral is no longer awaiting triage (evaluated meanwhile). */
int store_mash_evaluation_insert(struct db *db, const struct store_mash_eval_new *e);

/* The evaluation of referral `referral_id` as an object, or NULL with *rc DB_DONE
 * when there is none. */
json_t *store_mash_evaluation_get(struct db *db, const char *referral_id, int *rc);

/* The names and date of birth of child `id` ({given_names, family_name,
 * date_of_birth}), for a referral's heading; NULL with *rc DB_DONE when none. */
json_t *store_mash_child_names(struct db *db, const char *id, int *rc);

#endif
