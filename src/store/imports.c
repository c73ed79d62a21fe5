/* imports.c (store): import batches, held rows, export rows, key holders and matching
 * models (see imports.h). */
#include "store/imports.h"

#include "store/access.h"
#include "store/rows.h"

int store_import_batch_insert(struct db *db, const struct import_batch_row *b)
{
	return db_run(db,
	              "INSERT INTO import_batches (id, kind, status, source, rows_read, created,"
	              " held, refused, report, created_by, created_at)"
	              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
	              "ssssiiiisst", b->id, b->kind, b->status, b->source, b->rows_read, b->created,
	              b->held, b->refused, b->report, b->created_by, b->created_at);
}

int store_import_batch_update(struct db *db, const struct import_batch_row *b)
{
	return db_run(db,
	              "UPDATE import_batches SET status = $2, rows_read = $3, created = $4,"
	              " held = $5, refused = $6, report = $7 WHERE id = $1",
	              "ssiiiis", b->id, b->status, b->rows_read, b->created, b->held, b->refused,
	              b->report);
}

json_t *store_import_batch_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db,
	                "SELECT id, kind, status, source, rows_read, created, held, refused,"
	                " report, created_by, created_at FROM import_batches WHERE id = $1",
	                id, rc);
}

int store_import_held_insert(struct db *db, const char *id, const char *batch_id, int64_t line,
                             const char *row_data, const char *candidates)
{
	return db_run(db,
	              "INSERT INTO import_held (id, batch_id, line, row_data, candidates)"
	              " VALUES ($1, $2, $3, $4, $5)",
	              "ssiss", id, batch_id, line, row_data, candidates);
}

#define HELD_COLUMNS                                                                               \
	"SELECT h.id, h.batch_id, h.line, h.row_data, h.candidates, h.status, h.child_id,"         \
	" h.resolved_at FROM import_held h JOIN import_batches b ON b.id = h.batch_id"

json_t *store_import_held_list(struct db *db, const char *status, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                HELD_COLUMNS " WHERE h.status = $1"
	                             " ORDER BY b.created_at, h.batch_id, h.line LIMIT $2",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_text(st, 1, status);
	db_bind_int64(st, 2, limit);
	return rows_all(st, rc);
}

json_t *store_import_held_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db, HELD_COLUMNS " WHERE h.id = $1", id, rc);
}

json_t *store_import_resolved(struct db *db, int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT row_data, candidates, status, child_id FROM import_held"
	                " WHERE status IN ('same', 'new') ORDER BY resolved_at DESC, id LIMIT $1",
	                &st);
	if (*rc != DB_OK)
		return NULL;
	db_bind_int64(st, 1, limit);
	return rows_all(st, rc);
}

int store_import_held_resolve(struct db *db, const char *id, const char *status,
                              const char *child_id, const char *by, int64_t at)
{
	int rc = db_run(db,
	                "UPDATE import_held SET status = $2, child_id = $3, resolved_by = $4,"
	                " resolved_at = $5 WHERE id = $1 AND status = 'held'",
	                "sssst", id, status, child_id, by, at);
	if (rc == DB_OK && db_changes(db) == 0)
		return DB_DONE;
	return rc;
}

json_t *store_children_export(struct db *db, const struct store_viewer *v, const char *after,
                              int limit, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db,
	                "SELECT c.id, c.given_names, c.family_name,"
	                " (SELECT group_concat(n.name, '; ') FROM (SELECT name FROM child_names"
	                "  WHERE child_id = c.id ORDER BY id) n) AS other_names,"
	                " c.date_of_birth, c.gender, c.nhs_number, c.school,"
	                " (SELECT address FROM child_addresses a WHERE a.child_id = c.id"
	                "  ORDER BY a.id LIMIT 1) AS address,"
	                " (SELECT postcode FROM child_addresses a WHERE a.child_id = c.id"
	                "  ORDER BY a.id LIMIT 1) AS postcode"
	                " FROM children c WHERE c.id > $1 AND " STORE_VISIBLE(
	                        "c.id", "$3", "$4", "$5", "$6") " ORDER BY c.id LIMIT $2",
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

int store_child_key_holders_into(struct db *db, const char *key, size_t max, char *buf,
                                 size_t stride, size_t *n)
{
	struct db_stmt *st;
	*n = 0;
	int rc = db_cached(
	        db, "SELECT child_id FROM child_keys WHERE key = $1 ORDER BY child_id LIMIT $2",
	        &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_int64(st, 2, (int64_t)max);
	while (*n < max && (rc = db_step(st)) == DB_ROW) {
		const char *id = db_column_text(st, 0);
		size_t len = id ? strnlen(id, stride - 1) : 0;
		char *to = buf + *n * stride;
		if (len)
			memcpy(to, id, len);
		to[len] = '\0';
		(*n)++;
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int store_child_match_core(struct db *db, const char *id, struct child_match_core *out)
{
	struct db_stmt *st;
	int rc = db_cached(
	        db,
	        "SELECT c.given_names, c.family_name,"
	        " (SELECT group_concat(n.name, char(31)) FROM (SELECT name FROM child_names"
	        "  WHERE child_id = c.id ORDER BY id) n),"
	        " c.date_of_birth, c.gender, c.nhs_number,"
	        " (SELECT postcode FROM child_addresses a WHERE a.child_id = c.id"
	        "  ORDER BY a.id LIMIT 1)"
	        " FROM children c WHERE c.id = $1",
	        &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		row_copy_text(st, 0, out->given, sizeof out->given);
		row_copy_text(st, 1, out->family, sizeof out->family);
		row_copy_text(st, 2, out->other, sizeof out->other);
		row_copy_text(st, 3, out->dob, sizeof out->dob);
		row_copy_text(st, 4, out->gender, sizeof out->gender);
		row_copy_text(st, 5, out->nhs, sizeof out->nhs);
		row_copy_text(st, 6, out->postcode, sizeof out->postcode);
		out->has_dob = !db_column_is_null(st, 3);
		out->has_gender = !db_column_is_null(st, 4);
		out->has_nhs = !db_column_is_null(st, 5);
		out->has_postcode = !db_column_is_null(st, 6);
	}
	db_reset(st);
	return rc;
}

int store_match_model_insert(struct db *db, const char *id, struct lt_date trained_on,
                             int64_t records, const char *model, const char *by, int64_t at)
{
	return db_run(db,
	              "INSERT INTO match_models (id, trained_on, records, model, created_by,"
	              " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
	              "sDisst", id, trained_on, records, model, by, at);
}

int store_match_model_newest(struct db *db, char *id, size_t n)
{
	return db_query_text(
	        db, id, n, "SELECT id FROM match_models ORDER BY created_at DESC, id DESC LIMIT 1",
	        "");
}

json_t *store_match_model_get(struct db *db, const char *id, int *rc)
{
	return rows_one(db,
	                "SELECT id, trained_on, records, model, created_at FROM match_models"
	                " WHERE id = $1",
	                id, rc);
}
