/* outcome_reviews.c (store): reviews of a child's outcomes (see outcome_reviews.h). */
#include "store/outcome_reviews.h"

#include "store/orders.h"
#include "util/ltime.h"

int store_outcome_review_insert(struct db *db, const struct store_outcome_review_new *r)
{
	return db_run(db,
	              "INSERT INTO outcome_reviews (id, record_id, reviewed_at, reviewer_id,"
	              " reviewer_name, scores, notes, created_at, is_demo) VALUES ($1, $2, $3, $4,"
	              " $5, $6, $7, $8, $9)",
	              "sstsssstb", r->id, r->record_id, r->reviewed_at, r->by, r->by_name,
	              r->scores, r->notes, r->at, r->demo);
}

json_t *store_outcome_reviews(struct db *db, const char *record_id, int *rc)
{
	return store_rows(
	        db, rc,
	        "SELECT id, reviewed_at, reviewer_name, scores, notes FROM outcome_reviews"
	        " WHERE record_id = $1 ORDER BY reviewed_at, id",
	        "s", record_id);
}

json_t *store_outcome_reviews_due(struct db *db, const char *user_id, int *rc)
{
	return store_rows(
	        db, rc,
	        "SELECT r.reference, max(o.reviewed_at) AS last FROM outcome_reviews o"
	        " JOIN records r ON r.id = o.record_id JOIN children c ON c.id = r.child_id"
	        " WHERE c.social_worker_id = $1 AND r.status = 'open'"
	        " GROUP BY r.id, r.reference ORDER BY 2",
	        "s", user_id);
}
