/* people.c (store): persons of concern, their items and keys, PNC markers (see people.h). */
#include "store/people.h"

#include "store/rows.h"

int store_person_insert(struct db *db, const struct store_person_new *p)
{
	return db_run(db,
	              "INSERT INTO people (id, label, gender, description, restricted,"
	              " agency_id, created_by, created_at, updated_at, is_demo)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
	              "ssssbsstb", p->id, p->label, p->gender ? p->gender : "unknown",
	              p->description, p->restricted, p->agency_id, p->created_by, p->at, p->demo);
}

static const struct row_col PERSON_HEAD_COLS[] = {
        ROW_COL(struct person_head, id, ROW_TEXT),
        ROW_COL(struct person_head, agency_id, ROW_TEXT),
        ROW_COLF(struct person_head, label, ROW_TEXT, ROW_CUT),
        ROW_COL(struct person_head, restricted, ROW_BOOL),
};
static const struct row_desc PERSON_HEAD = ROW_DESC(struct person_head, PERSON_HEAD_COLS);

int store_person_head(struct db *db, const char *id, struct person_head *h)
{
	return row_get(db, &PERSON_HEAD, h,
	               "SELECT id, agency_id, label, restricted FROM people WHERE id = $1", "s",
	               id);
}

int store_person_update(struct db *db, const char *id, const char *gender, const char *description,
                        int restricted, const char *label, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE people SET gender = coalesce($2, gender),"
	                " description = coalesce($3, description),"
	                " restricted = CASE WHEN $4 < 0 THEN restricted ELSE $4 END,"
	                " label = coalesce($5, label), updated_at = $6 WHERE id = $1",
	                "sssist", id, gender, description, (int64_t)restricted, label, at);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

int store_person_item_insert(struct db *db, const struct store_person_item_new *it)
{
	/* dob_year 0 is stored as NULL; age_min and age_max only with an age range */
	return db_run(
	        db,
	        "INSERT INTO person_items (id, person_id, kind, value, value_key, platform,"
	        " postcode, dob_date, age_on, nature, source_eval, assessment, handling,"
	        " handling_conditions, source, recorded_by, recorded_by_name, agency_id,"
	        " recorded_at, dob_year, age_min, age_max, restricted, is_demo) VALUES ($1,"
	        " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
	        " $19, nullif($20, 0), CASE WHEN $25 = 1 THEN $21 END,"
	        " CASE WHEN $25 = 1 THEN $22 END, $23, $24)",
	        "sssssssssssssssssstdddbbb", it->id, it->person_id, it->kind, it->value,
	        it->value_key, it->platform, it->postcode, it->dob_date,
	        it->age_range ? it->age_on : NULL, it->nature, it->source_eval, it->assessment,
	        it->handling, it->handling_conditions, it->source, it->recorded_by,
	        it->recorded_by_name, it->agency_id, it->at, it->dob_year, it->age_min, it->age_max,
	        it->restricted, it->demo, it->age_range);
}

int store_person_label_of(struct db *db, const char *person_id, char *out, size_t n)
{
	int rc = db_query_text(db, out, n,
	                       "SELECT value FROM person_items WHERE person_id = $1"
	                       " AND restricted = 0 AND kind IN ('name', 'street_name',"
	                       " 'nickname', 'alias') ORDER BY CASE kind WHEN 'name' THEN 0"
	                       " WHEN 'street_name' THEN 1 WHEN 'nickname' THEN 2 ELSE 3 END,"
	                       " recorded_at, id LIMIT 1",
	                       "s", person_id);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_person_keys_set(struct db *db, const char *person_id, const char *const *keys, size_t n)
{
	int rc = db_run(db, "DELETE FROM people_keys WHERE person_id = $1", "s", person_id);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		rc = db_run(db,
		            "INSERT INTO people_keys (key, person_id) VALUES ($1, $2)"
		            " ON CONFLICT DO NOTHING",
		            "ss", keys[i], person_id);
	return rc;
}

/* Steps st collecting the first column of each row as strings. */
static json_t *ids_of(struct db_stmt *st, int *rc)
{
	json_t *out = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		const char *t = db_column_text(st, 0);
		if (t)
			json_array_append_new(out, json_string(t));
	}
	db_reset(st);
	*rc = r == DB_DONE ? DB_OK : r;
	if (*rc != DB_OK) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *store_person_candidates(struct db *db, const char *const *keys, size_t n, size_t limit,
                                int *rc)
{
	json_t *seen = json_object(), *out = json_array();
	struct db_stmt *st;
	*rc = db_cached(db, "SELECT person_id FROM people_keys WHERE key = $1 LIMIT $2", &st);
	for (size_t k = 0; k < n && *rc == DB_OK && json_array_size(out) < limit; k++) {
		db_bind_text(st, 1, keys[k]);
		db_bind_int64(st, 2, (int64_t)limit);
		json_t *ids = ids_of(st, rc);
		size_t i;
		json_t *v;
		json_array_foreach(ids, i, v)
		{
			const char *id = json_string_value(v);
			if (!json_object_get(seen, id) && json_array_size(out) < limit) {
				json_object_set_new(seen, id, json_true());
				json_array_append(out, v);
			}
		}
		json_decref(ids);
	}
	json_decref(seen);
	if (*rc != DB_OK) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* Runs sql with $1 = id and $2 = restricted (0/1); all rows. */
static json_t *rows_of(struct db *db, const char *sql, const char *id, bool restricted, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, id);
	db_bind_int64(st, 2, restricted ? 1 : 0);
	return rows_all(st, rc);
}

/* Adds to o, under each key, the rows of each query (run with $1 id, $2 restricted). */
static int add_parts(struct db *db, json_t *o, const char *id, bool restricted,
                     const char *const parts[][2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc;
		json_t *a = rows_of(db, parts[i][1], id, restricted, &rc);
		if (!a)
			return rc;
		json_object_set_new(o, parts[i][0], a);
	}
	return DB_OK;
}

json_t *store_person_match_data(struct db *db, const char *id, bool restricted, int *rc)
{
	json_t *o = rows_one(db, "SELECT id, label, gender FROM people WHERE id = $1", id, rc);
	if (!o)
		return NULL;
	static const char *const parts[][2] = {
	        {"names",
	         "SELECT kind, value FROM person_items WHERE person_id = $1"
	         " AND kind IN ('name', 'alias', 'street_name', 'nickname')"
	         " AND (restricted = 0 OR $2 = 1) ORDER BY kind <> 'name', recorded_at, id"},
	        {"dates_of_birth", "SELECT dob_date, dob_year, age_min, age_max, age_on"
	                           " FROM person_items WHERE person_id = $1"
	                           " AND kind = 'date_of_birth' AND (restricted = 0 OR $2 = 1)"
	                           " ORDER BY recorded_at, id"},
	        {"phones", "SELECT t.e164 FROM links l JOIN phones t ON t.id = l.to_id"
	                   " WHERE l.from_id = $1 AND l.to_type = 'phone' AND t.e164 IS NOT NULL"
	                   " AND l.ended_at IS NULL AND (l.restricted = 0 OR $2 = 1)"
	                   " ORDER BY l.recorded_at, l.id"},
	};
	*rc = add_parts(db, o, id, restricted, parts, ARRAY_LEN(parts));
	if (*rc != DB_OK) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The identifiers (phones or vehicles) a person's links join, as parts of its view. */
#define PERSON_IDENTIFIERS(T, TABLE, LABEL)                                                        \
	"SELECT l.id AS link_id, x.id, " LABEL " AS label, x.parsed, l.kind, l.nature,"            \
	" l.source_eval, l.assessment, l.handling, l.handling_conditions, l.source,"               \
	" l.restricted, l.recorded_at, l.recorded_by_name FROM links l JOIN " TABLE " x"           \
	" ON x.id = l.to_id WHERE l.from_id = $1 AND l.to_type = '" T "'"                          \
	" AND l.ended_at IS NULL AND (l.restricted = 0 OR $2 = 1) ORDER BY l.recorded_at, l.id"

json_t *store_person_get(struct db *db, const char *id, bool restricted, int *rc)
{
	json_t *o = rows_one(
	        db,
	        "SELECT p.id, p.label, p.gender, p.description, p.restricted, p.pnc_marker,"
	        " p.pnc_marker_note, p.pnc_marker_at, p.pnc_marker_by_name, p.agency_id,"
	        " a.name AS agency, p.created_at, p.updated_at, p.is_demo FROM people p"
	        " LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1",
	        id, rc);
	if (!o)
		return NULL;
	static const char *const parts[][2] = {
	        {"items", "SELECT id, kind, value, platform, postcode, dob_date, dob_year, age_min,"
	                  " age_max, age_on, nature, source_eval, assessment, handling,"
	                  " handling_conditions, source, restricted, recorded_at,"
	                  " recorded_by_name FROM person_items WHERE person_id = $1"
	                  " AND (restricted = 0 OR $2 = 1) ORDER BY recorded_at, id"},
	        {"phones", PERSON_IDENTIFIERS("phone", "phones", "coalesce(x.e164, x.number)")},
	        {"vehicles",
	         PERSON_IDENTIFIERS("vehicle", "vehicles", "coalesce(x.vrm, x.registration)")},
	};
	*rc = add_parts(db, o, id, restricted, parts, ARRAY_LEN(parts));
	if (*rc != DB_OK) {
		json_decref(o);
		return NULL;
	}
	static const char *const bools[] = {"restricted", "is_demo", "parsed", NULL};
	rows_bools(o, bools);
	static const char *const arrays[] = {"items", "phones", "vehicles"};
	for (size_t k = 0; k < ARRAY_LEN(arrays); k++) {
		size_t i;
		json_t *r;
		json_array_foreach(json_object_get(o, arrays[k]), i, r) rows_bools(r, bools);
	}
	*rc = DB_OK;
	return o;
}

json_t *store_people_by_birth_year(struct db *db, int year, bool restricted, size_t limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT person_id, dob_date, dob_year, age_min, age_max, age_on"
	                " FROM person_items WHERE kind = 'date_of_birth'"
	                " AND (restricted = 0 OR $2 = 1) AND (dob_date LIKE $3 OR dob_year = $1"
	                " OR (age_on IS NOT NULL AND CAST(substr(age_on, 1, 4) AS INTEGER)"
	                " - age_max - 1 <= $1 AND CAST(substr(age_on, 1, 4) AS INTEGER)"
	                " - age_min >= $1)) LIMIT $4",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	char like[16];
	snprintf(like, sizeof like, "%04d-%%", year);
	db_bind_int64(st, 1, year);
	db_bind_int64(st, 2, restricted ? 1 : 0);
	db_bind_text(st, 3, like);
	db_bind_int64(st, 4, (int64_t)limit);
	return rows_all(st, rc);
}

json_t *store_people_by_name_key(struct db *db, const char *key, bool restricted, size_t limit,
                                 int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(
	        db,
	        "SELECT DISTINCT person_id FROM person_items WHERE kind IN ('name', 'alias',"
	        " 'street_name', 'nickname') AND value_key = $1 AND (restricted = 0"
	        " OR $2 = 1) LIMIT $3",
	        &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, key);
	db_bind_int64(st, 2, restricted ? 1 : 0);
	db_bind_int64(st, 3, (int64_t)limit);
	return ids_of(st, rc);
}

json_t *store_people_linked_to(struct db *db, const char *id, bool restricted, size_t limit,
                               int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT from_id FROM links WHERE to_id = $1 AND from_type = 'person'"
	                " AND ended_at IS NULL AND (restricted = 0 OR $2 = 1)"
	                " UNION SELECT to_id FROM links WHERE from_id = $1 AND to_type = 'person'"
	                " AND ended_at IS NULL AND (restricted = 0 OR $2 = 1) LIMIT $3",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, id);
	db_bind_int64(st, 2, restricted ? 1 : 0);
	db_bind_int64(st, 3, (int64_t)limit);
	return ids_of(st, rc);
}

int store_person_pnc_set(struct db *db, const char *id, const char *status, const char *note,
                         const char *by, const char *by_name, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE people SET pnc_marker = $2, pnc_marker_note = $3,"
	                " pnc_marker_at = $4, pnc_marker_by = $5, pnc_marker_by_name = $6,"
	                " updated_at = $4 WHERE id = $1",
	                "ssstss", id, status, note, at, by, by_name);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

int store_child_pnc_set(struct db *db, const char *child_id, const char *status, const char *note,
                        const char *by, const char *by_name, int64_t at)
{
	return db_run(db,
	              "INSERT INTO child_pnc_markers (child_id, status, note, recorded_at,"
	              " recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5, $6)"
	              " ON CONFLICT (child_id) DO UPDATE SET status = excluded.status,"
	              " note = excluded.note, recorded_at = excluded.recorded_at,"
	              " recorded_by = excluded.recorded_by,"
	              " recorded_by_name = excluded.recorded_by_name",
	              "ssstss", child_id, status, note, at, by, by_name);
}

json_t *store_child_pnc_get(struct db *db, const char *child_id, int *rc)
{
	return rows_one(db,
	                "SELECT status, note, recorded_at, recorded_by_name"
	                " FROM child_pnc_markers WHERE child_id = $1",
	                child_id, rc);
}
