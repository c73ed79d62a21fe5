/*
 * rows.h: turning result rows into jansson values, shared by the repositories.
 * Column names become keys; integer columns become JSON integers, real columns JSON
 * reals, text stays text, SQL NULL becomes JSON null.
 */
#ifndef LANTERN_STORE_ROWS_H
#define LANTERN_STORE_ROWS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/db.h"

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
