/* plans.c (store): tactical option marks and plan actions (see plans.h). */
#include "store/plans.h"

#include "store/rows.h"
#include "store/orders.h"

int store_tactic_mark(struct db *db, const struct store_tactic_mark_new *m)
{
	const struct tactic_entry *e = m->e;
	int rc = db_run(db,
	                "UPDATE tactic_marks SET current = 0 WHERE record_id = $1 AND code = $2"
	                " AND current = 1",
	                "ss", m->record_id, e->code);
	if (rc == DB_OK)
		rc = db_run(
		        db,
		        "INSERT INTO tactic_marks (record_id, code, mark, note, owner, restricted,"
		        " current, marked_at, marked_by, marked_by_name, is_demo, meeting_id)"
		        " VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11)",
		        "sssssbtssbs", m->record_id, e->code, tactic_mark_code(e->mark), e->note,
		        e->owner, m->restricted, m->at, m->by, m->by_name, m->demo, m->meeting_id);
	return rc;
}

json_t *store_tactic_marks(struct db *db, const char *record_id, bool restricted, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT code, mark, note, owner, marked_at, marked_by_name, meeting_id"
	                  " FROM tactic_marks WHERE record_id = $1 AND current = 1"
	                  " AND (restricted = 0 OR $2 = 1) ORDER BY code",
	                  "sd", record_id, restricted ? 1 : 0);
}

json_t *store_tactic_history(struct db *db, const char *record_id, const char *code, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT code, mark, note, owner, current, marked_at, marked_by_name"
	                  " FROM tactic_marks WHERE record_id = $1 AND code = $2 ORDER BY id DESC",
	                  "ss", record_id, code);
}

json_t *store_tactic_counts(struct db *db, const char *borough_id, bool restricted,
                            int64_t *records, int *rc)
{
	*records = 0;
	*rc = db_query_int64(db, records,
	                     "SELECT count(*) FROM records WHERE owning_borough_id = $1"
	                     " AND status = 'open'",
	                     "s", borough_id);
	if (*rc != DB_OK)
		return NULL;
	return store_rows(db, rc,
	                  "SELECT t.code, t.mark, count(*) AS n FROM records r"
	                  " JOIN tactic_marks t ON t.record_id = r.id AND t.current = 1"
	                  " WHERE r.owning_borough_id = $1 AND r.status = 'open'"
	                  " AND (t.restricted = 0 OR $2 = 1) GROUP BY t.code, t.mark"
	                  " ORDER BY t.code, t.mark",
	                  "sd", borough_id, restricted ? 1 : 0);
}

int store_action_insert(struct db *db, const struct store_action_new *s)
{
	const struct plan_action *a = s->a;
	return db_run(db,
	              "INSERT INTO plan_actions (id, text, owner_user_id, owner_agency_id,"
	              " owner_name, agreed_at, due_at, record_id, person_id, place_id,"
	              " meeting_id, tactic, borough_id, agency_id, created_by, created_by_name,"
	              " created_at, updated_at, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	              " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18)",
	              "sssssttssssssssstb", s->id, a->text, s->owner_user_id, s->owner_agency_id,
	              s->owner_name, a->agreed_at, a->due_at, a->record_id, a->person_id,
	              a->place_id, a->meeting_id, a->tactic, s->borough_id, s->agency_id, s->by,
	              s->by_name, s->at, s->demo);
}

int store_action_close(struct db *db, const char *id, const struct plan_action *a,
                       const char *closed_by_name, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE plan_actions SET status = $2, closed_at = $3, closed_by = $4,"
	                " closed_by_name = $5, reason = $6, updated_at = $7"
	                " WHERE id = $1 AND status = 'open'",
	                "sstssst", id, action_status_code(a->status), a->closed_at, a->closed_by,
	                closed_by_name, a->reason, at);
	return rc == DB_OK && db_changes(db) == 0 ? DB_DONE : rc;
}

int store_action_update(struct db *db, const struct store_action_set *s)
{
	int rc = db_run(
	        db,
	        "UPDATE plan_actions SET text = $2, owner_user_id = $3, owner_agency_id = $4,"
	        " owner_name = $5, due_at = $6, updated_at = $7"
	        " WHERE id = $1 AND status = 'open'",
	        "ssssstt", s->id, s->text, s->owner_user_id, s->owner_agency_id, s->owner_name,
	        s->due_at, s->at);
	return rc == DB_OK && db_changes(db) == 0 ? DB_DONE : rc;
}

/* The columns shown of action `x` (alias) with what it is about. */
#define ACTION_COLUMNS                                                                             \
	"x.id, x.text, x.owner_user_id, x.owner_agency_id, x.owner_name, oa.name AS owner_agency," \
	" x.agreed_at, x.due_at, x.record_id, r.reference AS record_ref, r.child_id, x.person_id," \
	" p.label AS person_label, x.place_id, coalesce(pl.name, pl.address) AS place_label,"      \
	" x.meeting_id, x.tactic, x.status, x.closed_at, x.closed_by, x.closed_by_name, x.reason," \
	" x.borough_id, x.created_by_name, x.created_at, x.updated_at"                             \
	" FROM plan_actions x LEFT JOIN records r ON r.id = x.record_id"                           \
	" LEFT JOIN people p ON p.id = x.person_id LEFT JOIN places pl ON pl.id = x.place_id"      \
	" LEFT JOIN agencies oa ON oa.id = x.owner_agency_id"

json_t *store_action_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db, "SELECT " ACTION_COLUMNS " WHERE x.id = $1", id, rc);
}

#define ACTIONS_OF(col)                                                                            \
	"SELECT " ACTION_COLUMNS " WHERE x." col " = $1"                                           \
	" ORDER BY CASE WHEN x.status = 'open' THEN 0 ELSE 1 END,"                                 \
	" CASE WHEN x.status = 'open' THEN x.due_at END, x.closed_at DESC, x.id LIMIT $2"

json_t *store_actions_of(struct db *db, const char *col, const char *id, int limit, int *rc)
{
	const char *sql = strcmp(col, "record_id") == 0   ? ACTIONS_OF("record_id")
	                  : strcmp(col, "person_id") == 0 ? ACTIONS_OF("person_id")
	                  : strcmp(col, "place_id") == 0  ? ACTIONS_OF("place_id")
	                                                  : NULL;
	if (!sql) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	return store_rows(db, rc, sql, "sd", id, limit);
}

json_t *store_actions_owned(struct db *db, const char *user_id, const char *agency_id,
                            bool whole_agency, int64_t due_before, int limit, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT " ACTION_COLUMNS " WHERE x.status = 'open'"
	                  " AND (($3 = 1 AND ($2 IS NULL OR x.owner_agency_id = $2))"
	                  " OR ($3 = 0 AND (x.owner_user_id = $1 OR (x.owner_user_id IS NULL"
	                  " AND x.owner_agency_id = $2))))"
	                  " AND ($4 IS NULL OR x.due_at <= $4) ORDER BY x.due_at, x.id LIMIT $5",
	                  "ssdTd", user_id, agency_id, whole_agency ? 1 : 0,
	                  due_before > 0 ? due_before : 0, limit);
}

int store_action_counts(struct db *db, const char *borough_id, int64_t now, int64_t *open,
                        int64_t *overdue)
{
	*open = *overdue = 0;
	int rc = db_query_int64(db, open,
	                        "SELECT count(*) FROM plan_actions WHERE borough_id = $1"
	                        " AND status = 'open'",
	                        "s", borough_id);
	if (rc == DB_OK)
		rc = db_query_int64(db, overdue,
		                    "SELECT count(*) FROM plan_actions WHERE borough_id = $1"
		                    " AND status = 'open' AND due_at <= $2",
		                    "st", borough_id, now);
	return rc;
}
