/*
 * work.h: the queries behind a user's work queue. Each returns up to `limit` items
 * (newest first unless said otherwise) and the total count, as
 * {"count": N, "items": [...]}. A viewer (store/access.h) narrows a list to the
 * children the user sees, with the same predicate as the record page (R-INFO-3).
 */
#ifndef LANTERN_STORE_WORK_H
#define LANTERN_STORE_WORK_H

#include <jansson.h>

#include "store/db.h"

struct store_viewer;

/* Referrals awaiting triage on any of the given routes (comma list, e.g.
 * "mash,social_worker_and_set") of children the viewer sees. */
json_t *store_work_referrals(struct db *db, const char *routes, const struct store_viewer *v,
                             int limit, int *rc);
/* Open records without a category decision. */
json_t *store_work_uncategorised(struct db *db, const struct store_viewer *v, int limit, int *rc);
/* Records with a police initial category decision and no supervisor review since; when
 * agency_id is given, only records whose police referral came from that agency. */
json_t *store_work_awaiting_review(struct db *db, const char *agency_id, int limit, int *rc);
/* Records whose essential steps are not all recorded as complete. */
json_t *store_work_steps_outstanding(struct db *db, const struct store_viewer *v, int limit,
                                     int *rc);
/* Records of children whose allocated social worker is the user. */
json_t *store_work_my_children(struct db *db, const char *user_id, int limit, int *rc);
/* Records allocated to SET (allocation = 'set') or to a borough's team. */
json_t *store_work_allocated(struct db *db, const char *allocation, const char *borough_id,
                             const struct store_viewer *v, int limit, int *rc);

/* Children missing now: open missing or absent episodes of the children the viewer
 * sees, highest risk first (high, medium, low, not yet assessed, no apparent risk),
 * then longest missing first; `limit` items from `offset`, and the count. Items:
 * {episode_id, child_id, given_names, family_name, classification, risk_level,
 * reported_at, last_seen_at, last_seen_where, last_seen_with, missing_from,
 * borough}. */
json_t *store_work_missing_now(struct db *db, const struct store_viewer *v, int limit, int offset,
                               int *rc);
#endif
