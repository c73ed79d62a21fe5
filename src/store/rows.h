/*
 * rows.h: reading result rows, shared by the repositories. Two forms:
 *  - into a C struct through a table of column descriptors (row_read, row_get): the one
 *    reader of every store read that fills a struct. Column i of the statement fills
 *    descriptor i, whose name the column must carry (so the SELECT and the table cannot
 *    drift apart); instants stored as ISO 8601 text come back as int64_t seconds, dates
 *    as struct lt_date.
 *  - into jansson values, for views the use cases shape: column names become keys;
 *    integer columns become JSON integers, real columns JSON reals, text stays text, SQL
 *    NULL becomes JSON null.
 */
#ifndef LANTERN_STORE_ROWS_H
#define LANTERN_STORE_ROWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"

/* What a descriptor's field is, and how the column's value becomes it. */
enum row_type {
	ROW_TEXT,  /* char[size]: text (an integer or real column as its text); NULL -> "" */
	ROW_INT,   /* int: an integer column; NULL -> 0 */
	ROW_INT64, /* int64_t: an integer column; NULL -> 0 */
	ROW_BOOL,  /* bool: an integer column, nonzero true; NULL -> false */
	ROW_TIME,  /* int64_t: an instant stored as ISO 8601 text (ltime_parse); NULL -> 0 */
	ROW_DATE,  /* struct lt_date: "YYYY-MM-DD"; NULL -> {0, 0, 0} (not set) */
	ROW_STR,   /* char *: a malloc'd copy of the text (the caller frees); NULL -> NULL */
};

/* Flags of a descriptor. */
enum {
	ROW_NOTNULL = 1, /* SQL NULL is an error (DB_E_RANGE) instead of the empty value */
	ROW_CUT = 2,     /* ROW_TEXT: text longer than the field is cut (display text) instead
	                    of an error */
};

struct row_col {
	const char *name; /* the result column's name (its alias in the SELECT) */
	enum row_type type;
	size_t offset, size; /* of the field in the struct */
	unsigned flags;
};

/* A descriptor of field `f` of struct type T; the column is named as the field. */
#define ROW_COL(T, f, type)                                                                        \
	{                                                                                          \
#f, (type), offsetof(T, f), sizeof(((T *)0)->f), 0                                 \
	}
#define ROW_COLF(T, f, type, flags)                                                                \
	{                                                                                          \
#f, (type), offsetof(T, f), sizeof(((T *)0)->f), (flags)                           \
	}

/* A struct's table: its descriptors, their count and the struct's size. */
struct row_desc {
	const struct row_col *cols;
	size_t n;
	size_t size;
};
#define ROW_DESC(T, cols)                                                                          \
	{                                                                                          \
		(cols), sizeof(cols) / sizeof((cols)[0]), sizeof(T)                                \
	}

/*
 * Fills `out` (a struct of d->size bytes, zeroed first) from the current row of st.
 * DB_OK; DB_E_MISUSE when the statement has fewer columns than the table or column i
 * is not named as descriptor i, or a descriptor's size does not fit its type;
 * DB_E_RANGE when a value does not fit its field: SQL NULL in a ROW_NOTNULL column,
 * text or a real in an integer column, a blob anywhere, an instant or a date that does
 * not parse, text longer than a ROW_TEXT field (without ROW_CUT); DB_E_NOMEM. On an
 * error, ROW_STR fields already read are freed and `out` is zeroed again.
 */
int row_read(struct db_stmt *st, const struct row_desc *d, void *out);

/* Runs sql (cached) with parameters bound per `types` as db_run's and reads the first
 * row into out: DB_ROW (filled), DB_DONE (no row; out zeroed) or an error (out
 * zeroed). A parameter may be a field of out (it is bound before out is zeroed). */
int row_get(struct db *db, const struct row_desc *d, void *out, const char *sql, const char *types,
            ...);

/* Frees the ROW_STR fields of out (read by row_read) and sets them to NULL. */
void row_free(const struct row_desc *d, void *out);

/* The current row as an object (text values; NULL -> null). */
json_t *row_object(struct db_stmt *st);
/* Steps st to the end collecting rows; resets st. NULL and *rc set on error. */
json_t *rows_all(struct db_stmt *st, int *rc);
/* Prepares (cached) sql, binds one text parameter when p1 != NULL, returns all rows. */
json_t *rows_query(struct db *db, const char *sql, const char *p1, int *rc);
/* As rows_query, but only the first row: an object, or NULL with *rc = DB_DONE when
 * there is none (NULL with the error in *rc on failure). */
json_t *rows_one(struct db *db, const char *sql, const char *p1, int *rc);

/* Copies column i of the current row into out (n bytes, truncated); SQL NULL -> "". */
void row_copy_text(struct db_stmt *st, int i, char *out, size_t n);

/* Turns the named 0/1 columns of o into JSON booleans (NULL-terminated key list). */
void rows_bools(json_t *o, const char *const *keys);

/* Sorts an array of objects by the text member `key` (missing sorts first). */
void rows_sort_by(json_t *arr, const char *key, bool descending);

#endif
