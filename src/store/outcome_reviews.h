/*
 * outcome_reviews.h (store): reviews of a child's 13 long-term outcomes (R-OUTC-1,
 * migrations/020_mase.sql): each with its scores and notes as JSON text. The rules are
 * in protocol/outcomes.h. Callers own transactions.
 */
#ifndef LANTERN_STORE_OUTCOME_REVIEWS_H
#define LANTERN_STORE_OUTCOME_REVIEWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* A review: scores and notes as JSON text. */
struct store_outcome_review_new {
	const char *id, *record_id;
	int64_t reviewed_at;
	const char *by, *by_name, *scores, *notes;
	bool demo;
	int64_t at;
};
int store_outcome_review_insert(struct db *db, const struct store_outcome_review_new *r);
/* The record's reviews, oldest first: [{id, reviewed_at, reviewer_name, scores, notes}]
 * (scores and notes as JSON text). */
json_t *store_outcome_reviews(struct db *db, const char *record_id, int *rc);

/* R-DL-8: the open records of the children allocated to social worker `user_id` that
 * have a review, with the latest: [{reference, last}]. */
json_t *store_outcome_reviews_due(struct db *db, const char *user_id, int *rc);

#endif
