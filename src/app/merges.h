/*
 * merges.h: merging two children a person has found to be the same child (R-REC-1:
 * Lantern never merges by itself). The merged child is not deleted and none of its rows
 * are rewritten: it is marked as merged into the surviving child, hidden from search and
 * lists, and its episodes and record are shown under the survivor. Undoing a merge
 * removes the mark, so both children are exactly as before. Every use case is audited,
 * refusals too; the actor must see both children.
 */
#ifndef LANTERN_APP_MERGES_H
#define LANTERN_APP_MERGES_H

#include "app/app.h"

/* Whether the actor's role may merge children (R-REC-1). */
bool app_may_merge_children(const struct actor *who);

/* id: the surviving child. in: {"merged_child_id": a child id or the record reference of
 * the child to merge into it, "reason"}. out: the merge ({id, surviving_child_id,
 * merged_child_id, merged_by_name, merged_at, reason, ...}). 201 on success. */
int app_child_merge(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* id: a merge. in: {"reason"}. out: the merge, undone. */
int app_child_unmerge(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/* id: a child. out: {"child_id", "merges": [...] (where the child is either child,
 * newest first, undone ones too), "may_merge"}. */
int app_child_merges(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

struct uc;
/* For the child's view (inside the caller's use case, after the gate): adds
 * "merged_into" (the survivor's id or null) and "merged_children" ([{merge_id, child_id,
 * names, record_ref}] in force) to child. Returns an app code. */
int merges_child_view(struct uc *u, const char *child_id, json_t *child);

/* Whether child `id` is merged into another now (hidden from search and lists). */
int merges_is_merged(struct db *db, const char *id, bool *merged);

#endif
