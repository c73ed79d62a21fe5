/* children.c: the children repository (see children.h). */
#include "store/children.h"

#include "store/access.h"
#include "store/rows.h"
#include "store/merges.h"

int store_child_insert(struct db *db, const struct child_row *c)
{
	struct db_stmt *st;
	int rc =
	        db_cached(db,
	                  "INSERT INTO children (id, given_names, family_name, name_key,"
	                  " date_of_birth, gender, ethnicity, nhs_number, school,"
	                  " residence_borough_id, looked_after, home_authority, host_authority,"
	                  " iro_name, host_cse_lead, social_worker_id, social_worker_name, is_demo,"
	                  " created_at, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	                  " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $19)",
	                  &st);
	if (rc != DB_OK)
		return rc;
	const char *text[] = {c->id,
	                      c->given_names,
	                      c->family_name,
	                      c->name_key,
	                      NULL, /* the date of birth, below */
	                      c->gender ? c->gender : "unknown",
	                      c->ethnicity,
	                      c->nhs_number,
	                      c->school,
	                      c->residence_borough_id};
	for (int i = 0; i < 10 && rc == DB_OK; i++)
		rc = i == 4 ? db_bind_date(st, 5, &c->date_of_birth)
		            : db_bind_text(st, i + 1, text[i]);
	if (rc == DB_OK)
		rc = db_bind_int64(st, 11, c->looked_after);
	const char *more[] = {c->home_authority, c->host_authority,   c->iro_name,
	                      c->host_cse_lead,  c->social_worker_id, c->social_worker_name};
	for (int i = 0; i < 6 && rc == DB_OK; i++)
		rc = db_bind_text(st, i + 12, more[i]);
	if (rc == DB_OK)
		rc = db_bind_int64(st, 18, c->is_demo);
	if (rc == DB_OK)
		rc = db_bind_time(st, 19, c->created_at);
	if (rc == DB_OK)
		rc = db_bind_text(st, 20, c->created_by);
	if (rc == DB_OK) {
		rc = db_step(st);
		rc = rc == DB_DONE ? DB_OK : rc;
	}
	db_reset(st);
	return rc;
}

int store_child_add_name(struct db *db, const char *child_id, const char *kind, const char *name,
                         const char *name_key)
{
	return db_run(db,
	              "INSERT INTO child_names (child_id, kind, name, name_key)"
	              " VALUES ($1, $2, $3, $4)",
	              "ssss", child_id, kind, name, name_key);
}

int store_child_add_key(struct db *db, const char *child_id, const char *key)
{
	return db_run(db,
	              "INSERT INTO child_keys (key, child_id) VALUES ($1, $2)"
	              " ON CONFLICT DO NOTHING",
	              "ss", key, child_id);
}

int store_child_add_keys(struct db *db, size_t n, const char *const *keys,
                         const char *const *child_ids)
{
	if (n == 0)
		return DB_OK;
	if (n > STORE_KEYS_ROWS)
		return DB_E_MISUSE;
	/* one statement for n rows: its cursors stay open from one row to the next, so
	 * rows in key order are written where the last one was */
	char sql[64 + STORE_KEYS_ROWS * 20];
	size_t len =
	        (size_t)snprintf(sql, sizeof sql, "INSERT INTO child_keys (key, child_id) VALUES");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, "%s ($%zu, $%zu)",
		                        i ? "," : "", 2 * i + 1, 2 * i + 2);
	snprintf(sql + len, sizeof sql - len, " ON CONFLICT DO NOTHING");
	struct db_stmt *st = NULL;
	int rc = n == STORE_KEYS_ROWS ? db_cached(db, sql, &st) : db_prepare(db, sql, &st);
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		rc = db_bind_text(st, (int)(2 * i + 1), keys[i]);
		if (rc == DB_OK)
			rc = db_bind_text(st, (int)(2 * i + 2), child_ids[i]);
	}
	if (rc == DB_OK) {
		rc = db_step(st);
		rc = rc == DB_DONE ? DB_OK : rc;
	}
	db_finalize(st); /* a cached statement is only reset */
	return rc;
}

int store_child_add_address(struct db *db, const struct store_child_address_new *a)
{
	return db_run(db,
	              "INSERT INTO child_addresses (child_id, address, postcode, borough_id,"
	              " from_date, to_date) VALUES ($1, $2, $3, $4, $5, $6)",
	              "ssssDD", a->child_id, a->address, a->postcode, a->borough_id, a->from,
	              a->to);
}

int store_child_add_risk_group(struct db *db, const char *child_id, const char *code,
                               struct lt_date from, struct lt_date to, const char *note)
{
	return db_run(
	        db,
	        "INSERT INTO child_risk_groups (child_id, group_code, from_date, to_date, note)"
	        " VALUES ($1, $2, $3, $4, $5)",
	        "ssDDs", child_id, code, from, to, note);
}

json_t *store_child_get(struct db *db, const char *id, int *rc)
{
	json_t *child = rows_one(
	        db,
	        "SELECT c.id, c.given_names, c.family_name, c.date_of_birth,"
	        " c.gender, c.ethnicity, c.nhs_number, c.school,"
	        " c.residence_borough_id, b.name AS residence_borough,"
	        " c.looked_after, c.home_authority, c.home_authority_id, c.host_authority, "
	        "c.iro_name,"
	        " c.host_cse_lead, c.social_worker_id,"
	        " coalesce(u.display_name, c.social_worker_name) AS social_worker,"
	        " c.is_demo, c.created_at, c.created_by, c.updated_at, c.carers,"
	        " (SELECT reference FROM records r WHERE r.child_id = c.id) AS record_ref"
	        " FROM children c LEFT JOIN boroughs b ON b.id = c.residence_borough_id"
	        " LEFT JOIN users u ON u.id = c.social_worker_id WHERE c.id = $1",
	        id, rc);
	if (!child)
		return NULL;
	/* booleans as JSON booleans */
	static const char *const bools[] = {"looked_after", "is_demo", NULL};
	rows_bools(child, bools);
	/* carers are kept as a JSON array of text */
	const char *carers = json_string_value(json_object_get(child, "carers"));
	json_t *list = carers ? json_loads(carers, 0, NULL) : NULL;
	json_object_set_new(child, "carers", json_is_array(list) ? list : json_array());
	if (list && !json_is_array(list))
		json_decref(list);
	static const struct {
		const char *key, *sql;
	} parts[] = {
	        {"other_names",
	         "SELECT name, kind FROM child_names WHERE child_id = $1 ORDER BY id"},
	        {"addresses", "SELECT address, postcode, borough_id, from_date, to_date"
	                      " FROM child_addresses WHERE child_id = $1 ORDER BY id"},
	        {"risk_groups", "SELECT group_code AS code, from_date, to_date, note"
	                        " FROM child_risk_groups WHERE child_id = $1 ORDER BY id"},
	};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		json_t *a = rows_query(db, parts[i].sql, id, rc);
		if (!a) {
			json_decref(child);
			return NULL;
		}
		json_object_set_new(child, parts[i].key, a);
	}
	*rc = DB_OK;
	return child;
}

int store_child_exists(struct db *db, const char *id, bool *exists)
{
	int64_t n = 0;
	int rc = db_query_int64(db, &n, "SELECT count(*) FROM children WHERE id = $1", "s", id);
	*exists = rc == DB_OK && n > 0;
	return rc;
}

/* Collects the first column of every row as strings. */
static json_t *ids_of(struct db_stmt *st, int *rc)
{
	json_t *ids = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW)
		json_array_append_new(ids, json_string(db_column_text(st, 0)));
	db_reset(st);
	*rc = r == DB_DONE ? DB_OK : r;
	if (*rc != DB_OK) {
		json_decref(ids);
		return NULL;
	}
	return ids;
}

json_t *store_child_candidates(struct db *db, const char *const *keys, size_t nkeys, size_t limit,
                               int *rc)
{
	json_t *seen = json_object(), *out = json_array();
	struct db_stmt *st;
	*rc = db_cached(db, "SELECT child_id FROM child_keys WHERE key = $1 LIMIT $2", &st);
	for (size_t k = 0; k < nkeys && *rc == DB_OK; k++) {
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

json_t *store_child_by_name_key(struct db *db, const char *name_key, size_t limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT id FROM children WHERE name_key = $1 UNION"
	                " SELECT child_id FROM child_names WHERE name_key = $1 LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, name_key);
	db_bind_int64(st, 2, (int64_t)limit);
	return ids_of(st, rc);
}

json_t *store_children_by_name_word(struct db *db, const char *word, size_t limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT id FROM (SELECT id FROM children"
	                " WHERE ' ' || name_key || ' ' LIKE '% ' || $1 || ' %'"
	                " UNION SELECT child_id FROM child_names"
	                " WHERE ' ' || name_key || ' ' LIKE '% ' || $1 || ' %') w"
	                " ORDER BY id LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, word);
	db_bind_int64(st, 2, (int64_t)limit);
	return ids_of(st, rc);
}

json_t *store_children_by_dob(struct db *db, struct lt_date dob, size_t limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, "SELECT id FROM children WHERE date_of_birth = $1 ORDER BY id LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	if (!ltime_date_valid(dob)) {
		*rc = DB_E_RANGE;
		return NULL;
	}
	db_bind_date(st, 1, &dob);
	db_bind_int64(st, 2, (int64_t)limit);
	return ids_of(st, rc);
}

int store_child_by_nhs(struct db *db, const char *nhs, char out[32])
{
	int rc = db_query_text(db, out, 32, "SELECT id FROM children WHERE nhs_number = $1", "s",
	                       nhs);
	return rc == DB_OK ? DB_ROW : rc;
}

int store_child_involve(struct db *db, const char *child_id, const char *agency_id,
                        const char *reason, int64_t since)
{
	return db_run(db,
	              "INSERT INTO child_agencies (child_id, agency_id, reason, since)"
	              " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
	              "ssst", child_id, agency_id, reason, since);
}

int store_child_involved(struct db *db, const char *child_id, const char *agency_id, bool *out)
{
	int64_t n = 0;
	int rc = db_query_int64(db, &n,
	                        "SELECT count(*) FROM child_agencies WHERE child_id = $1"
	                        " AND agency_id = $2",
	                        "ss", child_id, agency_id);
	*out = n > 0;
	return rc;
}

int store_child_is_social_worker(struct db *db, const char *child_id, const char *user_id,
                                 bool *out)
{
	int64_t n = 0;
	int rc = db_query_int64(
	        db, &n, "SELECT count(*) FROM children WHERE id = $1 AND social_worker_id = $2",
	        "ss", child_id, user_id);
	*out = n > 0;
	return rc;
}

json_t *store_child_match_data(struct db *db, const char *id, int *rc)
{
	json_t *c =
	        rows_one(db,
	                 "SELECT c.id, c.given_names, c.family_name, c.date_of_birth, c.gender,"
	                 " c.nhs_number, b.name AS residence_borough,"
	                 " (SELECT postcode FROM child_addresses a WHERE a.child_id = c.id"
	                 "  ORDER BY a.id LIMIT 1) AS postcode,"
	                 " (SELECT reference FROM records r WHERE r.child_id = c.id) AS record_ref"
	                 " FROM children c LEFT JOIN boroughs b ON b.id = c.residence_borough_id"
	                 " WHERE c.id = $1",
	                 id, rc);
	if (!c)
		return NULL;
	struct db_stmt *st;
	*rc = db_cached(db, "SELECT name FROM child_names WHERE child_id = $1 ORDER BY id", &st);
	if (*rc != DB_OK) {
		json_decref(c);
		return NULL;
	}
	db_bind_text(st, 1, id);
	json_t *names = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW)
		json_array_append_new(names, json_string(db_column_text(st, 0)));
	db_reset(st);
	json_object_set_new(c, "other_names", names);
	*rc = r == DB_DONE ? DB_OK : r;
	if (*rc != DB_OK) {
		json_decref(c);
		return NULL;
	}
	return c;
}

int store_child_involve_agencies(struct db *db, const char *child_id, const char *type,
                                 const char *borough_id, const char *reason, int64_t since)
{
	return db_run(db,
	              "INSERT INTO child_agencies (child_id, agency_id, reason, since)"
	              " SELECT $1, id, $4, $5 FROM agencies WHERE type = $2 AND borough_id = $3"
	              " ON CONFLICT DO NOTHING",
	              "sssst", child_id, type, borough_id, reason, since);
}

json_t *store_children_list(struct db *db, const struct store_viewer *v, const char *after,
                            int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(
	        db,
	        "SELECT c.id, c.given_names, c.family_name, c.date_of_birth,"
	        " b.name AS residence_borough,"
	        " (SELECT reference FROM records r WHERE r.child_id = c.id) AS record_ref"
	        " FROM children c LEFT JOIN boroughs b ON b.id = c.residence_borough_id"
	        " WHERE c.id > $1 AND NOT " STORE_MERGED("c.id") /* 023 */
	        " AND " STORE_VISIBLE("c.id", "$3", "$4", "$5", "$6") " ORDER BY c.id LIMIT $2",
	        &st);
	if (*rc != DB_OK)
		return NULL;
	*rc = db_bind_args(st, 1, "sd", after ? after : "", limit);
	if (*rc == DB_OK)
		*rc = store_viewer_bind(st, 3, v);
	if (*rc != DB_OK) {
		db_reset(st);
		return NULL;
	}
	return rows_all(st, rc);
}
