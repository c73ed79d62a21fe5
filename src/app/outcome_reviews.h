/*
 * outcome_reviews.h: the long-term outcomes of each child (R-OUTC-1, R-DL-8): the 13
 * outcomes of the framework scored at reviews (1 to 5, or not scored with a note why),
 * the distance travelled between the first review and the latest drawn as a chart by
 * the server, and when the next review is due (every 3 months by default). Reviews are
 * about the child's record: seeing them needs what seeing the record needs.
 */
#ifndef LANTERN_APP_OUTCOME_REVIEWS_H
#define LANTERN_APP_OUTCOME_REVIEWS_H

#include "app/app.h"

/* R-OUTC-1: records a review of record `id`'s outcomes: in {reviewed_at? (default now),
 * scores: {<outcome code>: 0..5}, notes?: {<outcome code>: why not scored}}. A
 * practitioner who sees the record. -> app_outcome_reviews's view. 422 R-OUTC-1 naming
 * the outcome. */
int app_outcome_review_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                           json_t **out, struct app_err *err);

/* R-OUTC-1, R-DL-8: record `id`'s reviews: {record_ref, reviews: [{id, reviewed_at,
 * reviewed_local, reviewer_name, scores, notes}], outcomes: [{code, label, first,
 * latest, change}], distance: {n_compared, improved, same, worse, total, days} | null
 * (first to latest), next_due: {due_at, due_local, time_left, state, overdue, rule} |
 * null (no review yet), svg (the chart), scale: [{score, label}]}. Audited. */
int app_outcome_reviews(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);

/* R-DL-8: the work-queue section "outcome_reviews" (the next outcome review of each
 * child allocated to the actor, a social worker), appended to `sections` inside the
 * caller's open transaction. Returns a DB code. */
int outcome_deadline_sections(struct db *db, const struct actor *who, int64_t now,
                              json_t *sections);

#endif
