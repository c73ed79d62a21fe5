/*
 * mash.c: the MASH's evaluations of referrals (see mash.h).
 */
#include "store/mash.h"

#include "store/rows.h"

int store_mash_evaluation_insert(struct db *db, const struct store_mash_eval_new *e)
{
	int rc = db_run(db,
	                "UPDATE referrals SET status = 'triaged'"
	                " WHERE id = $1 AND route = 'mash' AND status = 'awaiting_triage'",
	                "s", e->referral_id);
	if (rc != DB_OK)
		return rc;
	if (db_changes(db) != 1)
		return DB_E_CONSTRAINT;
	return db_run(
	        db,
	        "INSERT INTO mash_evaluations (id, referral_id, child_id, outcome, rationale,"
	        " evaluated_by, evaluated_by_name, evaluated_at, received_at, due_at, on_time)"
	        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	        "ssssssstttb", e->id, e->referral_id, e->child_id, e->outcome, e->rationale,
	        e->evaluated_by, e->evaluated_by_name, e->evaluated_at, e->received_at, e->due_at,
	        e->on_time);
}

json_t *store_mash_evaluation_get(struct db *db, const char *referral_id, int *rc)
{
	json_t *r = rows_one(db,
	                     "SELECT id, referral_id, outcome, rationale, evaluated_by,"
	                     " evaluated_by_name, evaluated_at, received_at, due_at, on_time"
	                     " FROM mash_evaluations WHERE referral_id = $1",
	                     referral_id, rc);
	if (r) {
		static const char *const bools[] = {"on_time", NULL};
		rows_bools(r, bools);
	}
	return r;
}

json_t *store_mash_child_names(struct db *db, const char *id, int *rc)
{
	return rows_one(db,
	                "SELECT given_names, family_name, date_of_birth FROM children"
	                " WHERE id = $1",
	                id, rc);
}
