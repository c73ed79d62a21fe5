/* audit_store.c: the auditor's queries (see audit_store.h). */
#include "store/audit_store.h"

#include "store/rows.h"

json_t *store_audit_list(struct db *db, const struct audit_filter *f, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(
	        db,
	        "SELECT e.seq, e.at, e.user_id, u.display_name AS user_name, a.name AS agency,"
	        " e.action, e.entity_type, e.entity_id, e.record_ref, e.fields, e.purpose"
	        " FROM audit_events e LEFT JOIN users u ON u.id = e.user_id"
	        " LEFT JOIN agencies a ON a.id = e.agency_id"
	        " WHERE ($1 IS NULL OR e.user_id = $1) AND ($2 IS NULL OR e.record_ref = $2)"
	        " AND ($3 IS NULL OR e.entity_id = $3) AND ($4 IS NULL OR e.action = $4)"
	        " AND ($5 = 0 OR e.seq < $5) AND ($7 IS NULL OR e.at >= $7)"
	        " AND ($8 IS NULL OR e.at < $8) ORDER BY e.seq DESC LIMIT $6",
	        &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, f->user_id);
	db_bind_text(st, 2, f->record_ref);
	db_bind_text(st, 3, f->entity_id);
	db_bind_text(st, 4, f->action);
	db_bind_int64(st, 5, f->before_seq);
	db_bind_int64(st, 6, f->limit);
	int64_t bounds[2] = {f->from, f->until};
	for (int i = 0; i < 2; i++) {
		*rc = bounds[i] ? db_bind_time(st, 7 + i, bounds[i]) : db_bind_null(st, 7 + i);
		if (*rc != DB_OK)
			return NULL;
	}
	return rows_all(st, rc);
}
