/* child_changes.c: a child's details and their history (see child_changes.h). */
#include "store/child_changes.h"

#include "store/rows.h"

int store_child_set_details(struct db *db, const struct store_child_details *d)
{
	return db_run(db,
	              "UPDATE children SET school = $2, carers = $3, social_worker_id = $4,"
	              " social_worker_name = $5, looked_after = $6, home_authority = $7,"
	              " home_authority_id = $8, host_authority = $9, updated_at = $10"
	              " WHERE id = $1",
	              "sssssbssst", d->id, d->school, d->carers, d->social_worker_id,
	              d->social_worker_name, d->looked_after, d->home_authority,
	              d->home_authority_id, d->host_authority, d->updated_at);
}

int store_child_end_addresses(struct db *db, const char *child_id, struct lt_date to_date)
{
	return db_run(db,
	              "UPDATE child_addresses SET to_date = $2 WHERE child_id = $1"
	              " AND to_date IS NULL",
	              "sD", child_id, to_date);
}

int store_child_clear_names(struct db *db, const char *child_id)
{
	return db_run(db, "DELETE FROM child_names WHERE child_id = $1", "s", child_id);
}

int store_child_clear_keys(struct db *db, const char *child_id)
{
	return db_run(db, "DELETE FROM child_keys WHERE child_id = $1", "s", child_id);
}

int store_child_change_insert(struct db *db, const struct store_child_change_new *c)
{
	return db_run(db,
	              "INSERT INTO child_changes (edit_id, child_id, field, old_value, new_value,"
	              " reason, changed_by, changed_by_name, agency_id, changed_at)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	              "ssssssssst", c->edit_id, c->child_id, c->field, c->old_value, c->new_value,
	              c->reason, c->changed_by, c->changed_by_name, c->agency_id, c->changed_at);
}

json_t *store_child_changes(struct db *db, const char *child_id, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT c.edit_id, c.field, c.old_value, c.new_value, c.reason,"
	                " c.changed_by_name, a.name AS agency, c.changed_at FROM child_changes c"
	                " LEFT JOIN agencies a ON a.id = c.agency_id WHERE c.child_id = $1"
	                " ORDER BY (SELECT max(x.id) FROM child_changes x"
	                " WHERE x.edit_id = c.edit_id) DESC, c.id LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, child_id);
	db_bind_int64(st, 2, limit);
	return rows_all(st, rc);
}
