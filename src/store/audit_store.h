/* audit_store.h: queries over audit_events for the auditor's view (never writes). */
#ifndef LANTERN_AUDIT_STORE_H
#define LANTERN_AUDIT_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

struct audit_filter {
	const char *user_id, *record_ref, *entity_id, *action; /* NULL: any */
	int64_t from, until; /* instants: at or after from, before until; 0: any */
	int64_t before_seq;  /* 0: from the newest */
	int limit;
};

/* Events matching the filter, newest first, with the user's display name and agency
 * name joined in; "seq" is an integer. NULL with *rc DB_E_RANGE for a bound out of
 * db_bind_time's range. */
json_t *store_audit_list(struct db *db, const struct audit_filter *f, int *rc);

#endif
