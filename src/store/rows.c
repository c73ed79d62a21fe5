/* rows.c: result rows as jansson values (see rows.h). */
#include "store/rows.h"

#include <pthread.h>

json_t *row_object(struct db_stmt *st)
{
	json_t *o = json_object();
	for (int i = 0; i < db_column_count(st); i++) {
		json_t *v;
		switch (db_column_type(st, i)) {
		case DB_TYPE_NULL:
			v = json_null();
			break;
		case DB_TYPE_INTEGER:
			v = json_integer(db_column_int64(st, i));
			break;
		case DB_TYPE_FLOAT:
			v = json_real(db_column_double(st, i));
			break;
		default: {
			const char *t = db_column_text(st, i);
			v = t ? json_string(t) : json_null();
			break;
		}
		}
		json_object_set_new(o, db_column_name(st, i), v ? v : json_null());
	}
	return o;
}

json_t *rows_all(struct db_stmt *st, int *rc)
{
	json_t *arr = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW)
		json_array_append_new(arr, row_object(st));
	db_reset(st);
	*rc = r == DB_DONE ? DB_OK : r;
	if (*rc != DB_OK) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *rows_query(struct db *db, const char *sql, const char *p1, int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	if (*rc != DB_OK)
		return NULL;
	if (p1 && (*rc = db_bind_text(st, 1, p1)) != DB_OK) {
		db_reset(st);
		return NULL;
	}
	return rows_all(st, rc);
}

json_t *rows_one(struct db *db, const char *sql, const char *p1, int *rc)
{
	json_t *rows = rows_query(db, sql, p1, rc);
	if (!rows)
		return NULL;
	json_t *o = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!o)
		*rc = DB_DONE;
	return o;
}

void row_copy_text(struct db_stmt *st, int i, char *out, size_t n)
{
	const char *t = db_column_text(st, i);
	snprintf(out, n, "%s", t ? t : "");
}

void rows_bools(json_t *o, const char *const *keys)
{
	for (const char *const *k = keys; *k; k++) {
		json_t *v = json_object_get(o, *k);
		if (!v)
			continue;
		bool b = json_is_integer(v)  ? json_integer_value(v) != 0
		         : json_is_string(v) ? strcmp(json_string_value(v), "1") == 0
		                             : json_is_true(v);
		json_object_set_new(o, *k, json_boolean(b));
	}
}

/* qsort context is not portable C17: the sort key goes through these file statics,
 * guarded by a mutex so concurrent threads do not mix their keys. */
static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;
static const char *sort_key;
static bool sort_desc;

static int by_key(const void *a, const void *b)
{
	const char *x = json_string_value(json_object_get(*(json_t *const *)a, sort_key));
	const char *y = json_string_value(json_object_get(*(json_t *const *)b, sort_key));
	int c = strcmp(x ? x : "", y ? y : "");
	return sort_desc ? -c : c;
}

void rows_sort_by(json_t *arr, const char *key, bool descending)
{
	size_t n = json_array_size(arr);
	if (n < 2)
		return;
	json_t **items = malloc(n * sizeof(*items));
	if (!items)
		return; /* left in its order: sorting is presentation, not correctness */
	for (size_t i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(arr, i));
	pthread_mutex_lock(&sort_mu);
	sort_key = key;
	sort_desc = descending;
	qsort(items, n, sizeof(*items), by_key);
	pthread_mutex_unlock(&sort_mu);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, items[i]);
	free(items);
}
