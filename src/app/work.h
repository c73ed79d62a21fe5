/*
 * work.h: a user's work queue ("my work"): what is waiting for them or their team,
 * with counts. Sections depend on the user's roles; each lists items the user may
 * open. Missing-episode deadlines (app/episodes.h) are further sections; other
 * deadlines (reviews, orders) join the same way.
 */
#ifndef LANTERN_APP_WORK_H
#define LANTERN_APP_WORK_H

#include "app/app.h"

/*
 * out: {"sections": [{"key", "title", "count", "items": [...], "paged"}], "total": N}.
 * Urgent first: "missing_now" (children missing now that the user sees, highest risk
 * then longest missing first), then "overdue" (every overdue deadline, most overdue
 * first, each with its owner), then the sections of the user's roles; an item is
 * listed once. With `id` a section key (one whose "paged" is true) and in {"page": N}
 * (1..WORK_MAX_PAGES): that section's page N alone, out {"section", "page", "pages",
 * "per_page"}; 404 for a key the user has no such list for.
 */
#define WORK_MAX_PAGES 40
int app_work_queue(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/*
 * The missing-now board (R-MISS-5): every child missing now (open missing or absent
 * episodes) that the user sees, highest risk first, then longest missing; 25 a page.
 * in: {"page": N}? out: {"count", "page", "pages", "per_page", "items": [{episode_id,
 * child_id, given_names, family_name, classification, risk_level, risk_label,
 * reported_at, last_seen_at, last_seen_where, last_seen_with, missing_from, borough,
 * missing_since, missing_seconds, missing_for}]}. Audited; 403 for roles that see no
 * child (auditor, administrator).
 */
int app_missing_now(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* Whether the actor sees any child's record (not the auditor or administrator): the
 * missing-now board and the "Missing now" list are theirs. */
bool app_may_see_children(const struct actor *who);

/* "2 days 3 hours", "5 hours 10 minutes", "40 minutes": a duration in words (the two
 * largest units, never rounded up; under a minute: "less than a minute"). */
void app_duration_words(int64_t secs, char *out, size_t n);

/* Adds missing_for, missing_seconds, missing_since and risk_label to each item of
 * {"items": [...]} (store_work_missing_now rows) at `now`. Internal to src/app/. */
void work_missing_decorate(json_t *list, int64_t now);

#endif
