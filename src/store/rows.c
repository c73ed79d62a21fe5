/* rows.c: result rows read into structs by column descriptors, or as jansson values
 * (see rows.h). */
#include "store/rows.h"

#include <limits.h>
#include <pthread.h>

#include "util/ltime.h"

/* Whether a descriptor's field has the size its type needs. */
static bool size_fits(const struct row_col *c)
{
	switch (c->type) {
	case ROW_TEXT:
		return c->size > 0;
	case ROW_INT:
		return c->size == sizeof(int);
	case ROW_INT64:
	case ROW_TIME:
		return c->size == sizeof(int64_t);
	case ROW_BOOL:
		return c->size == sizeof(bool);
	case ROW_DATE:
		return c->size == sizeof(struct lt_date);
	case ROW_STR:
		return c->size == sizeof(char *);
	}
	return false;
}

/* An integer column's value into *v; DB_E_RANGE for anything else. */
static int col_integer(struct db_stmt *st, int i, int64_t *v)
{
	if (db_column_type(st, i) != DB_TYPE_INTEGER)
		return DB_E_RANGE;
	*v = db_column_int64(st, i);
	return DB_OK;
}

/* Reads column i into field `f` of descriptor c (the column is not NULL). */
static int col_read(struct db_stmt *st, int i, const struct row_col *c, void *f)
{
	enum db_type t = db_column_type(st, i);
	if (t == DB_TYPE_BLOB)
		return DB_E_RANGE;
	int64_t v = 0;
	int rc = DB_OK;
	switch (c->type) {
	case ROW_TEXT: {
		const char *text = db_column_text(st, i);
		size_t len = text ? strlen(text) : 0;
		if (len >= c->size && !(c->flags & ROW_CUT))
			return DB_E_RANGE;
		snprintf(f, c->size, "%s", text ? text : "");
		return DB_OK;
	}
	case ROW_INT:
		if ((rc = col_integer(st, i, &v)) == DB_OK && (v < INT_MIN || v > INT_MAX))
			rc = DB_E_RANGE;
		if (rc == DB_OK)
			*(int *)f = (int)v;
		return rc;
	case ROW_INT64:
		if ((rc = col_integer(st, i, &v)) == DB_OK)
			memcpy(f, &v, sizeof v);
		return rc;
	case ROW_BOOL:
		if ((rc = col_integer(st, i, &v)) == DB_OK)
			*(bool *)f = v != 0;
		return rc;
	case ROW_TIME: {
		const char *text = t == DB_TYPE_TEXT ? db_column_text(st, i) : NULL;
		if (!text || ltime_parse(text, &v) < 0)
			return DB_E_RANGE;
		memcpy(f, &v, sizeof v);
		return DB_OK;
	}
	case ROW_DATE: {
		const char *text = t == DB_TYPE_TEXT ? db_column_text(st, i) : NULL;
		struct lt_date d;
		if (!text || ltime_parse_date(text, &d) < 0)
			return DB_E_RANGE;
		memcpy(f, &d, sizeof d);
		return DB_OK;
	}
	case ROW_STR: {
		const char *text = db_column_text(st, i);
		char *copy = strdup(text ? text : "");
		if (!copy)
			return DB_E_NOMEM;
		memcpy(f, &copy, sizeof copy);
		return DB_OK;
	}
	}
	return DB_E_MISUSE;
}

void row_free(const struct row_desc *d, void *out)
{
	for (size_t k = 0; k < d->n; k++) {
		if (d->cols[k].type != ROW_STR)
			continue;
		char *p;
		memcpy(&p, (char *)out + d->cols[k].offset, sizeof p);
		free(p);
		p = NULL;
		memcpy((char *)out + d->cols[k].offset, &p, sizeof p);
	}
}

int row_read(struct db_stmt *st, const struct row_desc *d, void *out)
{
	memset(out, 0, d->size);
	if ((size_t)db_column_count(st) < d->n)
		return DB_E_MISUSE;
	int rc = DB_OK;
	for (size_t k = 0; k < d->n && rc == DB_OK; k++) {
		const struct row_col *c = &d->cols[k];
		const char *name = db_column_name(st, (int)k);
		if (!name || strcmp(name, c->name) != 0 || !size_fits(c) ||
		    c->offset + c->size > d->size)
			rc = DB_E_MISUSE;
		else if (db_column_is_null(st, (int)k))
			rc = c->flags & ROW_NOTNULL ? DB_E_RANGE
			                            : DB_OK; /* the field stays empty */
		else
			rc = col_read(st, (int)k, c, (char *)out + c->offset);
	}
	if (rc != DB_OK) {
		row_free(d, out);
		memset(out, 0, d->size);
	}
	return rc;
}

int row_get(struct db *db, const struct row_desc *d, void *out, const char *sql, const char *types,
            ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *st;
	int rc = db_vquery_stmt(db, &st, sql, types, ap);
	va_end(ap);
	/* zeroed only now: a parameter may be a field of `out` (bound text is copied) */
	memset(out, 0, d->size);
	if (rc != DB_OK)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		int r = row_read(st, d, out);
		rc = r == DB_OK ? DB_ROW : r;
	}
	db_reset(st);
	return rc;
}

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
