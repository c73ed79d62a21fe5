/*
 * merges.c: the child_merges table (see merges.h). A merge is a row; undoing it fills
 * the row's undone_* columns. Nothing else is written.
 */
#include "store/merges.h"

#include "store/rows.h"

int store_merge_insert(struct db *db, const struct store_merge_new *m)
{
	return db_run(db,
	              "INSERT INTO child_merges (id, surviving_child_id, merged_child_id,"
	              " merged_by, merged_by_name, merged_at, reason)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7)",
	              "sssssts", m->id, m->surviving_child_id, m->merged_child_id, m->merged_by,
	              m->merged_by_name, m->merged_at, m->reason);
}

#define MERGE_COLS                                                                                 \
	"m.id, m.surviving_child_id, m.merged_child_id, m.merged_by_name, m.merged_at,"            \
	" m.reason, m.undone_at, m.undone_by_name, m.undo_reason,"                                 \
	" (SELECT s.given_names || ' ' || s.family_name FROM children s"                           \
	" WHERE s.id = m.surviving_child_id) AS surviving_names,"                                  \
	" (SELECT g.given_names || ' ' || g.family_name FROM children g"                           \
	" WHERE g.id = m.merged_child_id) AS merged_names,"                                        \
	" (SELECT s.date_of_birth FROM children s WHERE s.id = m.surviving_child_id)"              \
	" AS surviving_dob,"                                                                       \
	" (SELECT g.date_of_birth FROM children g WHERE g.id = m.merged_child_id) AS merged_dob"

json_t *store_merge_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db, "SELECT " MERGE_COLS " FROM child_merges m WHERE m.id = $1", id, rc);
}

int store_merge_undo(struct db *db, const struct store_merge_undo_set *u)
{
	int rc = db_run(db,
	                "UPDATE child_merges SET undone_at = $2, undone_by = $3,"
	                " undone_by_name = $4, undo_reason = $5"
	                " WHERE id = $1 AND undone_at IS NULL",
	                "stsss", u->id, u->at, u->by, u->by_name, u->reason);
	if (rc != DB_OK)
		return rc;
	return db_changes(db) == 1 ? DB_OK : DB_DONE;
}

int store_child_merged_into(struct db *db, const char *child_id, char *out, size_t n)
{
	return db_query_text(db, out, n,
	                     "SELECT surviving_child_id FROM child_merges"
	                     " WHERE merged_child_id = $1 AND undone_at IS NULL",
	                     "s", child_id);
}

int store_child_has_merged(struct db *db, const char *child_id, bool *has)
{
	char id[64];
	int rc = db_query_text(db, id, sizeof id,
	                       "SELECT id FROM child_merges"
	                       " WHERE surviving_child_id = $1 AND undone_at IS NULL LIMIT 1",
	                       "s", child_id);
	*has = rc == DB_OK;
	return rc == DB_OK || rc == DB_DONE ? DB_OK : rc;
}

json_t *store_merges_for_child(struct db *db, const char *child_id, int *rc)
{
	return rows_query(db,
	                  "SELECT " MERGE_COLS " FROM child_merges m"
	                  " WHERE m.surviving_child_id = $1 OR m.merged_child_id = $1"
	                  " ORDER BY m.merged_at DESC, m.id DESC",
	                  child_id, rc);
}
