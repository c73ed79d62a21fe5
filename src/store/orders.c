/* orders.c (store): disruptions, outcome codes on persons, deadline and summary rows (see
 * orders.h). */
#include "store/orders.h"

#include <stdarg.h>

#include "protocol/reference.h"
#include "store/rows.h"

json_t *store_rows(struct db *db, int *rc, const char *sql, const char *types, ...)
{
	struct db_stmt *st;
	va_list ap;
	va_start(ap, types);
	*rc = db_vquery_stmt(db, &st, sql, types, ap);
	va_end(ap);
	return st ? rows_all(st, rc) : NULL;
}

/* The columns of the facts of a disruption, as text (NULL where not set). */
#define FACT_COLUMNS                                                                               \
	"type, class, person_id, child_id, place_id, vehicle_id, status, applied_on, made_on,"     \
	" served_at, serving_officer, varied_on, expired_on, discharged_on, ends_on, child_dob,"   \
	" child_in_care, travel_restricted, travel_from, travel_until, notified_at, on_date,"      \
	" until_date, offence, note"
#define N_FACTS 25

/* The class code of type t ("order", "notice", ...): the reference table's group. */
static const char *class_code(enum disruption_type t)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_DISRUPTION_TYPES, &n);
	return (unsigned)t < n ? items[t].group : NULL;
}

/* Binds the N_FACTS columns of d from parameter `first`, dates and instants as stored
 * (unset ones NULL). */
static int bind_facts(struct db_stmt *st, int first, const struct disruption *d)
{
	bool lifecycle = disruption_class_of(d->type) == DCLASS_ORDER ||
	                 disruption_class_of(d->type) == DCLASS_NOTICE;
	bool cawn = d->type == DISRUPT_CAWN;
	static const struct lt_date none = {0, 0, 0};
	int rc = db_bind_args(st, first, "sssssssDDTsDDDDD", disruption_type_code(d->type),
	                      class_code(d->type), d->subject_id, d->child_id, d->place_id,
	                      d->vehicle_id, lifecycle ? order_status_code(d->status) : NULL,
	                      d->applied_on, d->made_on, d->served ? d->served_at : 0,
	                      d->serving_officer, d->varied_on, d->expired_on, d->discharged_on,
	                      d->ends_on, cawn ? d->child_dob : none);
	if (rc == DB_OK) /* child_in_care: a CAWN's only */
		rc = cawn ? db_bind_int64(st, first + 16, d->child_in_care ? 1 : 0)
		          : db_bind_null(st, first + 16);
	if (rc == DB_OK)
		rc = db_bind_args(st, first + 17, "bDDTDDss", d->travel_restricted, d->travel_from,
		                  d->travel_until, d->notified ? d->notified_at : 0, d->on,
		                  d->until, d->offence, d->note);
	return rc;
}

/* Steps a bound statement to its end and resets it. */
static int run_bound(struct db_stmt *st, int rc)
{
	if (rc == DB_OK) {
		rc = db_step(st);
		rc = rc == DB_DONE ? DB_OK : rc == DB_ROW ? DB_E_MISUSE : rc;
	}
	db_reset(st);
	return rc;
}

/* Adds breaches [from, d->n_breaches) and changes [cfrom, d->n_changes) of d. */
static int add_parts(struct db *db, const char *id, const struct disruption *d, size_t from,
                     size_t cfrom, const char *by, const char *by_name, int64_t at)
{
	int rc = DB_OK;
	for (size_t i = from; rc == DB_OK && i < d->n_breaches; i++)
		rc = db_run(db,
		            "INSERT INTO disruption_breaches (disruption_id, on_date, recorded_at,"
		            " recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5)",
		            "sDtss", id, d->breaches[i], at, by, by_name);
	for (size_t i = cfrom; rc == DB_OK && i < d->n_changes; i++) {
		const struct order_change *c = &d->changes[i];
		rc = db_run(
		        db,
		        "INSERT INTO disruption_changes (disruption_id, changed_at, notified_at,"
		        " recorded_at, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5,"
		        " $6)",
		        "stTtss", id, c->changed_at, c->notified ? c->notified_at : 0, at, by,
		        by_name);
	}
	return rc;
}

/* Adds a history row. */
static int add_history(struct db *db, const char *id, const struct disruption *d,
                       const char *fields, const char *note, const char *by, const char *by_name,
                       int64_t at)
{
	bool lifecycle = disruption_class_of(d->type) == DCLASS_ORDER ||
	                 disruption_class_of(d->type) == DCLASS_NOTICE;
	return db_run(db,
	              "INSERT INTO disruption_history (disruption_id, status, fields, note,"
	              " recorded_at, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5, $6,"
	              " $7)",
	              "sssstss", id, lifecycle ? order_status_code(d->status) : NULL, fields, note,
	              at, by, by_name);
}

int store_disruption_insert(struct db *db, const struct disruption *d,
                            const struct store_disruption_meta *m, const char *fields)
{
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "INSERT INTO disruptions (id, " FACT_COLUMNS ", restricted, cj_case_id,"
	                   " borough_id, agency_id, created_by, created_by_name, created_at,"
	                   " updated_at, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
	                   " $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,"
	                   " $25, $26, $27, $28, $29, $30, $31, $32, $33, $33, $34)",
	                   &st);
	if (rc != DB_OK)
		return rc;
	rc = db_bind_text(st, 1, m->id);
	if (rc == DB_OK)
		rc = bind_facts(st, 2, d);
	if (rc == DB_OK)
		rc = db_bind_args(st, 27, "bssssstb", m->restricted, m->cj_case_id, m->borough_id,
		                  m->agency_id, m->by, m->by_name, m->at, m->demo);
	rc = run_bound(st, rc);
	if (rc == DB_OK)
		rc = add_parts(db, m->id, d, 0, 0, m->by, m->by_name, m->at);
	if (rc == DB_OK)
		rc = add_history(db, m->id, d, fields, NULL, m->by, m->by_name, m->at);
	return rc;
}

int store_disruption_update(struct db *db, const struct store_disruption_set *u)
{
	const struct disruption *d = u->d;
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "UPDATE disruptions SET (" FACT_COLUMNS
	                   ", updated_at) = ($2, $3, $4, $5, $6, $7,"
	                   " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, "
	                   "$22, $23, $24,"
	                   " $25, $26, $27) WHERE id = $1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	rc = db_bind_text(st, 1, u->id);
	if (rc == DB_OK)
		rc = bind_facts(st, 2, d);
	if (rc == DB_OK)
		rc = db_bind_time(st, 27, u->at);
	rc = run_bound(st, rc);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	for (size_t i = 0; rc == DB_OK && i < u->old_changes && i < d->n_changes; i++) {
		const struct order_change *c = &d->changes[i];
		if (c->notified)
			rc = db_run(db,
			            "UPDATE disruption_changes SET notified_at = $3 WHERE id ="
			            " (SELECT id FROM disruption_changes WHERE disruption_id = $1"
			            " ORDER BY id LIMIT 1 OFFSET $2) AND notified_at IS NULL",
			            "sdt", u->id, (int)i, c->notified_at);
	}
	if (rc == DB_OK)
		rc = add_parts(db, u->id, d, u->old_breaches, u->old_changes, u->by, u->by_name,
		               u->at);
	if (rc == DB_OK)
		rc = add_history(db, u->id, d, u->fields, u->note, u->by, u->by_name, u->at);
	return rc;
}

/* The columns shown of disruption `d` (alias), with the labels of what it is against. */
#define SHOWN_COLUMNS                                                                              \
	"d.id, d.type, d.class, d.status, d.person_id, p.label AS person_label, d.child_id,"       \
	" c.given_names AS child_given_names, c.family_name AS child_family_name, d.place_id,"     \
	" coalesce(pl.name, pl.address) AS place_label, d.vehicle_id,"                             \
	" v.registration AS vehicle_label, d.applied_on, d.made_on, d.served_at,"                  \
	" d.serving_officer, d.varied_on, d.expired_on, d.discharged_on, d.ends_on, d.child_dob,"  \
	" d.child_in_care, d.travel_restricted, d.travel_from, d.travel_until, d.notified_at,"     \
	" d.on_date, d.until_date, d.offence, d.note, d.restricted, d.cj_case_id, d.borough_id,"   \
	" d.agency_id, a.name AS agency, d.created_by_name, d.created_at, d.updated_at"
#define SHOWN_JOINS                                                                                \
	" LEFT JOIN people p ON p.id = d.person_id LEFT JOIN children c ON c.id = d.child_id"      \
	" LEFT JOIN places pl ON pl.id = d.place_id LEFT JOIN vehicles v ON v.id = d.vehicle_id"   \
	" LEFT JOIN agencies a ON a.id = d.agency_id"

json_t *store_disruption_get(struct db *db, const char *id, int *rc)
{
	json_t *o = rows_one(
	        db, "SELECT " SHOWN_COLUMNS " FROM disruptions d" SHOWN_JOINS " WHERE d.id = $1",
	        id, rc);
	if (!o)
		return NULL;
	static const struct {
		const char *key, *sql;
	} parts[] = {
	        {"breaches",
	         "SELECT on_date, recorded_at, recorded_by_name FROM disruption_breaches"
	         " WHERE disruption_id = $1 ORDER BY id"},
	        {"changes", "SELECT changed_at, notified_at, recorded_at FROM disruption_changes"
	                    " WHERE disruption_id = $1 ORDER BY id"},
	        {"history", "SELECT status, fields, note, recorded_at, recorded_by_name FROM"
	                    " disruption_history WHERE disruption_id = $1 ORDER BY id"},
	};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		json_t *rows = rows_query(db, parts[i].sql, id, rc);
		if (!rows) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, parts[i].key, rows);
	}
	*rc = DB_OK;
	return o;
}

static const struct row_col HEAD_COLS[] = {
        ROW_COL(struct disruption_head, id, ROW_TEXT),
        ROW_COL(struct disruption_head, type, ROW_TEXT),
        ROW_COL(struct disruption_head, person_id, ROW_TEXT),
        ROW_COL(struct disruption_head, child_id, ROW_TEXT),
        ROW_COL(struct disruption_head, place_id, ROW_TEXT),
        ROW_COL(struct disruption_head, vehicle_id, ROW_TEXT),
        ROW_COL(struct disruption_head, restricted, ROW_BOOL),
};
static const struct row_desc HEAD = ROW_DESC(struct disruption_head, HEAD_COLS);

int store_disruption_head(struct db *db, const char *id, struct disruption_head *h)
{
	return row_get(db, &HEAD, h,
	               "SELECT id, type, person_id, child_id, place_id, vehicle_id, restricted"
	               " FROM disruptions WHERE id = $1",
	               "s", id);
}

/* The list query of store_disruptions_of for one target column. */
#define OF_SQL(col)                                                                                \
	"SELECT " SHOWN_COLUMNS ", (SELECT count(*) FROM disruption_breaches b"                    \
	" WHERE b.disruption_id = d.id) AS breaches FROM disruptions d" SHOWN_JOINS                \
	" WHERE d." col " = $1 AND (d.restricted = 0 OR $2 = 1)"                                   \
	" ORDER BY d.created_at DESC, d.id DESC"

json_t *store_disruptions_of(struct db *db, const char *target, const char *id, bool restricted,
                             int *rc)
{
	const char *sql = strcmp(target, "person_id") == 0    ? OF_SQL("person_id")
	                  : strcmp(target, "place_id") == 0   ? OF_SQL("place_id")
	                  : strcmp(target, "vehicle_id") == 0 ? OF_SQL("vehicle_id")
	                  : strcmp(target, "child_id") == 0   ? OF_SQL("child_id")
	                                                      : NULL;
	if (!sql) {
		*rc = DB_E_MISUSE;
		return NULL;
	}
	return store_rows(db, rc, sql, "sd", id, restricted ? 1 : 0);
}

int store_person_outcome_add(struct db *db, const struct store_person_outcome_new *o)
{
	return db_run(db,
	              "INSERT INTO outcomes (id, record_id, person_id, code, achieved_on, note,"
	              " recorded_by, recorded_at, source_id) VALUES ($1, NULL, $2, $3, $4, $5, $6,"
	              " $7, $8)",
	              "sssDssts", o->id, o->person_id, o->code, o->on, o->note, o->by, o->at,
	              o->source_id);
}

json_t *store_person_outcomes(struct db *db, const char *person_id, int *rc)
{
	return rows_query(db,
	                  "SELECT o.id, o.code, o.achieved_on, o.note, o.source_id, o.recorded_at,"
	                  " u.display_name AS recorded_by_name FROM outcomes o LEFT JOIN users u"
	                  " ON u.id = o.recorded_by WHERE o.person_id = $1"
	                  " ORDER BY o.achieved_on, o.recorded_at, o.id",
	                  person_id, rc);
}

json_t *store_person_children(struct db *db, const char *person_id, int *rc)
{
	return rows_query(db,
	                  "SELECT DISTINCT child_id FROM (SELECT to_child_id AS child_id FROM links"
	                  " WHERE from_id = $1 AND to_child_id IS NOT NULL AND restricted = 0"
	                  " AND ended_at IS NULL UNION SELECT from_child_id FROM links"
	                  " WHERE to_id = $1 AND from_child_id IS NOT NULL AND restricted = 0"
	                  " AND ended_at IS NULL) pc ORDER BY child_id",
	                  person_id, rc);
}

int store_child_care_on(struct db *db, const char *child_id, struct lt_date on, struct lt_date *dob,
                        bool *in_care)
{
	*dob = (struct lt_date){0, 0, 0};
	*in_care = false;
	int rc;
	json_t *rows =
	        store_rows(db, &rc,
	                   "SELECT c.date_of_birth, c.looked_after,"
	                   " (SELECT count(*) FROM child_risk_groups g WHERE g.child_id = c.id"
	                   "  AND g.group_code = 'looked_after') AS groups,"
	                   " (SELECT count(*) FROM child_risk_groups g WHERE g.child_id = c.id"
	                   "  AND g.group_code = 'looked_after' AND (g.from_date IS NULL"
	                   "  OR g.from_date <= coalesce($2, '')) AND (g.to_date IS NULL"
	                   "  OR g.to_date >= coalesce($2, ''))) AS covering"
	                   " FROM children c WHERE c.id = $1",
	                   "sD", child_id, on);
	if (!rows)
		return rc;
	json_t *r = json_array_get(rows, 0);
	if (!r) {
		json_decref(rows);
		return DB_DONE;
	}
	const char *b = json_string_value(json_object_get(r, "date_of_birth"));
	if (b && ltime_parse_date(b, dob) < 0)
		*dob = (struct lt_date){0, 0, 0};
	if (json_integer_value(json_object_get(r, "groups")) > 0)
		*in_care = json_integer_value(json_object_get(r, "covering")) > 0;
	else
		*in_care = json_integer_value(json_object_get(r, "looked_after")) != 0;
	json_decref(rows);
	return DB_ROW;
}

json_t *store_order_deadline_rows(struct db *db, const char *agency_id, int limit, int *rc)
{
	json_t *rows = store_rows(
	        db, rc,
	        "SELECT d.id, d.type, d.status, d.person_id, p.label AS person_label, d.made_on,"
	        " d.served_at, d.notified_at, d.travel_restricted, d.travel_from, d.travel_until,"
	        " d.agency_id, d.restricted FROM disruptions d"
	        " LEFT JOIN people p ON p.id = d.person_id"
	        " WHERE d.type IN ('sro', 'shpo') AND d.status NOT IN ('applied', 'expired',"
	        " 'discharged') AND ($1 IS NULL OR d.agency_id = $1)"
	        " ORDER BY d.made_on, d.id LIMIT $2",
	        "sd", agency_id, limit);
	if (!rows)
		return NULL;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		json_t *ch = rows_query(db,
		                        "SELECT changed_at, notified_at FROM disruption_changes"
		                        " WHERE disruption_id = $1 ORDER BY id",
		                        json_string_value(json_object_get(r, "id")), rc);
		if (!ch) {
			json_decref(rows);
			return NULL;
		}
		json_object_set_new(r, "changes", ch);
	}
	*rc = DB_OK;
	return rows;
}

json_t *store_disruption_counts(struct db *db, const char *borough_id, bool restricted, int *rc)
{
	return store_rows(db, rc,
	                  "SELECT type, coalesce(status, '') AS status, count(*) AS n"
	                  " FROM disruptions WHERE borough_id = $1 AND (restricted = 0 OR $2 = 1)"
	                  " GROUP BY type, status ORDER BY type, status",
	                  "sd", borough_id, restricted ? 1 : 0);
}
