/*
 * merges.h: children a person has merged (migration 023). A merge in force marks the
 * merged child as merged into the surviving child; no other row is rewritten, so
 * undoing it (filling undone_*) leaves both children exactly as before.
 */
#ifndef LANTERN_STORE_MERGES_H
#define LANTERN_STORE_MERGES_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* A new merge; instants are UTC seconds (ISO 8601 text in the table). */
struct store_merge_new {
	const char *id, *surviving_child_id, *merged_child_id, *merged_by, *merged_by_name, *reason;
	int64_t merged_at;
};

/* Inserts a merge. DB_E_CONSTRAINT when the merged child is already merged. */
int store_merge_insert(struct db *db, const struct store_merge_new *m);

/* Merge `id` ({id, surviving_child_id, merged_child_id, merged_by_name, merged_at, reason,
 * undone_at, undone_by_name, undo_reason}), or NULL with *rc = DB_DONE. */
json_t *store_merge_get(struct db *db, const char *id, int *rc);

/* Who undoes merge `id`, when and why. */
struct store_merge_undo_set {
	const char *id, *by, *by_name, *reason;
	int64_t at;
};
/* Marks the merge undone, if it is in force: DB_OK, or DB_DONE when it was not. */
int store_merge_undo(struct db *db, const struct store_merge_undo_set *u);

/* The id of the child that `child_id` is merged into now, into out ("" and DB_DONE
 * when none). */
int store_child_merged_into(struct db *db, const char *child_id, char *out, size_t n);

/* Whether `child_id` has merges in force into it (it is a survivor). */
int store_child_has_merged(struct db *db, const char *child_id, bool *has);

/* The merges where `child_id` is either child, newest first, with the other child's
 * names ({..., surviving_names, merged_names}). */
json_t *store_merges_for_child(struct db *db, const char *child_id, int *rc);

/* SQL: whether child id column C is merged into another now (for WHERE NOT ...). */
#define STORE_MERGED(C)                                                                            \
	"EXISTS (SELECT 1 FROM child_merges xm WHERE xm.merged_child_id = " C                      \
	" AND xm.undone_at IS NULL)"

/* SQL: the ids of the children merged now into the child whose id is parameter P. */
#define STORE_MERGED_INTO(P)                                                                       \
	"(SELECT ym.merged_child_id FROM child_merges ym WHERE ym.surviving_child_id = " P         \
	" AND ym.undone_at IS NULL)"

#endif
