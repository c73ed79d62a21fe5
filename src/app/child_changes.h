/*
 * child_changes.h: changing a child's details, with their history. A practitioner who
 * sees the child (the access gate, R-INFO-3) may change the current address, the
 * school, the carers, the allocated social worker, whether the child is looked after
 * and by which placing (home) authority and host authority (R-MISS-7), and the other
 * names the child is known by (R-REC-1). Each change keeps the value it replaced, who
 * changed it, when and why; the history is read by whoever sees the child. The
 * matcher's blocking keys (child_keys) are made again from the child as changed, so a
 * search finds the child by a new name or postcode at once (R-REC-1).
 */
#ifndef LANTERN_APP_CHILD_CHANGES_H
#define LANTERN_APP_CHILD_CHANGES_H

#include "app/app.h"

#define CHILD_CARERS_MAX 10

/* Whether the actor's role may change a child's details (a practitioner), so that the
 * pages offer the form only to those who can submit it. Which children is the gate's. */
bool app_child_may_change(const struct actor *who);

/*
 * Changes child `child_id`'s details. in (each key optional; a key present sets that
 * detail, null or "" clears it; a key absent leaves it):
 *   {"address": {"address", "postcode"?} | null, "school", "carers": [text],
 *    "social_worker" (a Lantern username, or a name), "looked_after": bool,
 *    "home_authority" (a children's social care agency in Lantern, R-MISS-7),
 *    "host_authority", "other_names": [text | {"name", "kind"}], "reason"?}
 * A new address ends the current one today and starts from today (addresses are kept).
 * A child no longer looked after has no placing or host authority. A new placing
 * authority becomes a member of the child's case (and the one it replaces leaves it).
 * Nothing that differs from what is stored: APP_INVALID. out: {"child_id", "edit_id",
 * "changed": [details]}. Audited as change child, naming the details changed.
 */
int app_child_change(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                     json_t **out, struct app_err *err);

/* The history of child `child_id`'s details, newest first: out {"child_id",
 * "given_names", "family_name", "record_ref", "changes": [{edit_id, field, old_value,
 * new_value, reason, changed_by_name, agency, changed_at}]}. Audited as a view. */
int app_child_history(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                      json_t **out, struct app_err *err);

#endif
