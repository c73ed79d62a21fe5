/* json_rows.c: result rows as jansson values (see json_rows.h). */
#include "store/json_rows.h"

json_t *json_row(struct db_stmt *st)
{
	json_t *o = json_object();
	for (int i = 0; i < db_column_count(st); i++) {
		const char *t = db_column_text(st, i);
		json_object_set_new(o, db_column_name(st, i), t ? json_string(t) : json_null());
	}
	return o;
}

json_t *json_rows(struct db_stmt *st, int *rc)
{
	json_t *arr = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW)
		json_array_append_new(arr, json_row(st));
	db_reset(st);
	*rc = r == DB_DONE ? DB_OK : r;
	if (*rc != DB_OK) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *json_query(struct db *db, const char *sql, const char *p1, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	if (*rc != DB_OK)
		return NULL;
	if (p1 && (*rc = db_bind_text(st, 1, p1)) != DB_OK) {
		db_reset(st);
		return NULL;
	}
	return json_rows(st, rc);
}

json_t *json_one_row(struct db *db, const char *sql, const char *p1, int *rc)
{
	json_t *rows = json_query(db, sql, p1, rc);
	if (!rows)
		return NULL;
	json_t *o = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!o)
		*rc = DB_DONE;
	return o;
}

void json_rows_copy_text(struct db_stmt *st, int i, char *out, size_t n)
{
	const char *t = db_column_text(st, i);
	snprintf(out, n, "%s", t ? t : "");
}
