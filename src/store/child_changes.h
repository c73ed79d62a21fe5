/*
 * child_changes.h: repository for changing a child's details and keeping their history
 * (children, child_addresses, child_names, child_keys and child_changes of
 * 001_base.sql and 017_child_details_admin.sql). Callers own transactions. Instants are
 * int64 UTC seconds, dates struct lt_date in this API.
 */
#ifndef LANTERN_STORE_CHILD_CHANGES_H
#define LANTERN_STORE_CHILD_CHANGES_H

#include <jansson.h>
#include <stdbool.h>

#include "store/db.h"
#include "util/ltime.h"

/* The details a change may set, all at once (the caller reads the child first and
 * passes what stays). Strings may be NULL (none). */
struct store_child_details {
	const char *id;
	const char *school;
	const char *carers; /* JSON array text, or NULL */
	const char *social_worker_id, *social_worker_name;
	bool looked_after;
	const char *home_authority, *home_authority_id, *host_authority;
	int64_t updated_at;
};

int store_child_set_details(struct db *db, const struct store_child_details *d);
/* Ends the child's current addresses (those without an end date) on `to_date`. */
int store_child_end_addresses(struct db *db, const char *child_id, struct lt_date to_date);
/* Removes the child's other names (a change keeps the old list in its history). */
int store_child_clear_names(struct db *db, const char *child_id);
/* Removes the child's blocking keys, before they are made again. */
int store_child_clear_keys(struct db *db, const char *child_id);

/* One detail changed. */
struct store_child_change_new {
	const char *edit_id, *child_id, *field;
	const char *old_value, *new_value, *reason; /* may be NULL */
	const char *changed_by, *changed_by_name, *agency_id;
	int64_t changed_at;
};
int store_child_change_insert(struct db *db, const struct store_child_change_new *c);
/* The child's changes, the newest edit first and each edit's details in order, at most
 * `limit`: [{edit_id, field, old_value,
 * new_value, reason, changed_by_name, agency, changed_at}]. */
json_t *store_child_changes(struct db *db, const char *child_id, int limit, int *rc);

#endif
