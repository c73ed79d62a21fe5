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

struct facts_text {
	char applied[LT_DATE_LEN], made[LT_DATE_LEN], varied[LT_DATE_LEN], expired[LT_DATE_LEN];
	char discharged[LT_DATE_LEN], ends[LT_DATE_LEN], dob[LT_DATE_LEN], tfrom[LT_DATE_LEN];
	char tuntil[LT_DATE_LEN], on[LT_DATE_LEN], until[LT_DATE_LEN];
	char served[LT_TIME_LEN], notified[LT_TIME_LEN];
};

/* d as YYYY-MM-DD in out, or NULL when not set. */
static const char *date_text(struct lt_date d, char out[LT_DATE_LEN])
{
	if (d.y == 0)
		return NULL;
	ltime_format_date(d, out);
	return out;
}

/* An instant as ISO 8601 text in out when `set`, else NULL. */
static const char *time_text(bool set, int64_t t, char out[LT_TIME_LEN])
{
	if (!set)
		return NULL;
	ltime_format(t, out);
	return out;
}

/* The class code of type t ("order", "notice", ...): the reference table's group. */
static const char *class_code(enum disruption_type t)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_DISRUPTION_TYPES, &n);
	return (unsigned)t < n ? items[t].group : NULL;
}

/* Binds the N_FACTS columns of d from parameter `first`. */
static int bind_facts(struct db_stmt *st, int first, const struct disruption *d,
                      struct facts_text *x)
{
	bool lifecycle = disruption_class_of(d->type) == DCLASS_ORDER ||
	                 disruption_class_of(d->type) == DCLASS_NOTICE;
	bool cawn = d->type == DISRUPT_CAWN;
	const char *text[N_FACTS] = {
	        disruption_type_code(d->type),
	        class_code(d->type),
	        d->subject_id,
	        d->child_id,
	        d->place_id,
	        d->vehicle_id,
	        lifecycle ? order_status_code(d->status) : NULL,
	        date_text(d->applied_on, x->applied),
	        date_text(d->made_on, x->made),
	        time_text(d->served, d->served_at, x->served),
	        d->serving_officer,
	        date_text(d->varied_on, x->varied),
	        date_text(d->expired_on, x->expired),
	        date_text(d->discharged_on, x->discharged),
	        date_text(d->ends_on, x->ends),
	        cawn ? date_text(d->child_dob, x->dob) : NULL,
	        NULL, /* child_in_care: an integer */
	        NULL, /* travel_restricted: an integer */
	        date_text(d->travel_from, x->tfrom),
	        date_text(d->travel_until, x->tuntil),
	        time_text(d->notified, d->notified_at, x->notified),
	        date_text(d->on, x->on),
	        date_text(d->until, x->until),
	        d->offence,
	        d->note,
	};
	int rc = DB_OK;
	for (int i = 0; i < N_FACTS && rc == DB_OK; i++) {
		if (i == 16)
			rc = cawn ? db_bind_int64(st, first + i, d->child_in_care ? 1 : 0)
			          : db_bind_null(st, first + i);
		else if (i == 17)
			rc = db_bind_int64(st, first + i, d->travel_restricted ? 1 : 0);
		else
			rc = db_bind_text(st, first + i, text[i]);
	}
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
                     size_t cfrom, const char *by, const char *by_name, const char *at)
{
	int rc = DB_OK;
	for (size_t i = from; rc == DB_OK && i < d->n_breaches; i++) {
		char on[LT_DATE_LEN];
		rc = db_run(db,
		            "INSERT INTO disruption_breaches (disruption_id, on_date, recorded_at,"
		            " recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5)",
		            "sssss", id, date_text(d->breaches[i], on), at, by, by_name);
	}
	for (size_t i = cfrom; rc == DB_OK && i < d->n_changes; i++) {
		char ch[LT_TIME_LEN], no[LT_TIME_LEN];
		const struct order_change *c = &d->changes[i];
		rc = db_run(
		        db,
		        "INSERT INTO disruption_changes (disruption_id, changed_at, notified_at,"
		        " recorded_at, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5,"
		        " $6)",
		        "ssssss", id, time_text(true, c->changed_at, ch),
		        time_text(c->notified, c->notified_at, no), at, by, by_name);
	}
	return rc;
}

/* Adds a history row. */
static int add_history(struct db *db, const char *id, const struct disruption *d,
                       const char *fields, const char *note, const char *by, const char *by_name,
                       const char *at)
{
	bool lifecycle = disruption_class_of(d->type) == DCLASS_ORDER ||
	                 disruption_class_of(d->type) == DCLASS_NOTICE;
	return db_run(db,
	              "INSERT INTO disruption_history (disruption_id, status, fields, note,"
	              " recorded_at, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5, $6,"
	              " $7)",
	              "sssssss", id, lifecycle ? order_status_code(d->status) : NULL, fields, note,
	              at, by, by_name);
}

int store_disruption_insert(struct db *db, const struct disruption *d,
                            const struct store_disruption_meta *m, const char *fields)
{
	char at[LT_TIME_LEN];
	ltime_format(m->at, at);
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
	struct facts_text x;
	rc = db_bind_text(st, 1, m->id);
	if (rc == DB_OK)
		rc = bind_facts(st, 2, d, &x);
	const char *text[] = {m->cj_case_id, m->borough_id, m->agency_id, m->by, m->by_name, at};
	if (rc == DB_OK)
		rc = db_bind_int64(st, 27, m->restricted ? 1 : 0);
	for (int i = 0; i < (int)ARRAY_LEN(text) && rc == DB_OK; i++)
		rc = db_bind_text(st, 28 + i, text[i]);
	if (rc == DB_OK)
		rc = db_bind_int64(st, 34, m->demo ? 1 : 0);
	rc = run_bound(st, rc);
	if (rc == DB_OK)
		rc = add_parts(db, m->id, d, 0, 0, m->by, m->by_name, at);
	if (rc == DB_OK)
		rc = add_history(db, m->id, d, fields, NULL, m->by, m->by_name, at);
	return rc;
}

int store_disruption_update(struct db *db, const char *id, const struct disruption *d,
                            size_t old_breaches, size_t old_changes, const char *fields,
                            const char *note, const char *by, const char *by_name, int64_t at)
{
	char t[LT_TIME_LEN];
	ltime_format(at, t);
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
	struct facts_text x;
	rc = db_bind_text(st, 1, id);
	if (rc == DB_OK)
		rc = bind_facts(st, 2, d, &x);
	if (rc == DB_OK)
		rc = db_bind_text(st, 27, t);
	rc = run_bound(st, rc);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	for (size_t i = 0; rc == DB_OK && i < old_changes && i < d->n_changes; i++) {
		const struct order_change *c = &d->changes[i];
		char no[LT_TIME_LEN];
		if (c->notified)
			rc = db_run(db,
			            "UPDATE disruption_changes SET notified_at = $3 WHERE id ="
			            " (SELECT id FROM disruption_changes WHERE disruption_id = $1"
			            " ORDER BY id LIMIT 1 OFFSET $2) AND notified_at IS NULL",
			            "sds", id, (int)i, time_text(true, c->notified_at, no));
	}
	if (rc == DB_OK)
		rc = add_parts(db, id, d, old_breaches, old_changes, by, by_name, t);
	if (rc == DB_OK)
		rc = add_history(db, id, d, fields, note, by, by_name, t);
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

int store_disruption_head(struct db *db, const char *id, struct disruption_head *h)
{
	memset(h, 0, sizeof *h);
	struct db_stmt *st;
	int rc = db_cached(db,
	                   "SELECT id, type, person_id, child_id, place_id, vehicle_id, restricted"
	                   " FROM disruptions WHERE id = $1",
	                   &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		row_copy_text(st, 0, h->id, sizeof h->id);
		row_copy_text(st, 1, h->type, sizeof h->type);
		row_copy_text(st, 2, h->person_id, sizeof h->person_id);
		row_copy_text(st, 3, h->child_id, sizeof h->child_id);
		row_copy_text(st, 4, h->place_id, sizeof h->place_id);
		row_copy_text(st, 5, h->vehicle_id, sizeof h->vehicle_id);
		h->restricted = db_column_int64(st, 6) != 0;
	}
	db_reset(st);
	return rc;
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

int store_person_outcome_add(struct db *db, const char *id, const char *person_id, const char *code,
                             struct lt_date on, const char *note, const char *source_id,
                             const char *by, int64_t at)
{
	char d[LT_DATE_LEN];
	return db_run(db,
	              "INSERT INTO outcomes (id, record_id, person_id, code, achieved_on, note,"
	              " recorded_by, recorded_at, source_id) VALUES ($1, NULL, $2, $3, $4, $5, $6,"
	              " $7, $8)",
	              "ssssssts", id, person_id, code, date_text(on, d), note, by, at, source_id);
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
	char d[LT_DATE_LEN];
	int rc;
	json_t *rows = store_rows(
	        db, &rc,
	        "SELECT c.date_of_birth, c.looked_after,"
	        " (SELECT count(*) FROM child_risk_groups g WHERE g.child_id = c.id"
	        "  AND g.group_code = 'looked_after') AS groups,"
	        " (SELECT count(*) FROM child_risk_groups g WHERE g.child_id = c.id"
	        "  AND g.group_code = 'looked_after' AND (g.from_date IS NULL OR g.from_date <= $2)"
	        "  AND (g.to_date IS NULL OR g.to_date >= $2)) AS covering"
	        " FROM children c WHERE c.id = $1",
	        "ss", child_id, date_text(on, d) ? d : "");
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
