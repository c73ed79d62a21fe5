/*
 * imports.h (store): bulk import batches of children and the rows held for a person to
 * resolve (R-REC-1), the children as exported, the blocking-key postings the matcher
 * ranks, and the matching models trained on the caseload (migration 019). Callers own
 * transactions.
 */
#ifndef LANTERN_STORE_IMPORTS_H
#define LANTERN_STORE_IMPORTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/ltime.h"

struct store_viewer;

struct import_batch_row {
	const char *id, *kind, *status, *source;
	int64_t rows_read, created, held, refused;
	const char *report; /* JSON text */
	const char *created_by;
	int64_t created_at;
};
int store_import_batch_insert(struct db *db, const struct import_batch_row *b);
/* Updates the status, counts and report of batch b->id. */
int store_import_batch_update(struct db *db, const struct import_batch_row *b);
/* The batch {id, kind, status, source, rows_read, created, held, refused, report (text),
 * created_by, created_at}, or NULL with *rc = DB_DONE. */
json_t *store_import_batch_get(struct db *db, const char *id, int *rc);

int store_import_held_insert(struct db *db, const char *id, const char *batch_id, int64_t line,
                             const char *row_data, const char *candidates);
/* Held rows of `status` ("held", ...), oldest batch and line first, at most limit:
 * [{id, batch_id, line, row_data, candidates, status, child_id, resolved_at}]. */
json_t *store_import_held_list(struct db *db, const char *status, int limit, int *rc);
json_t *store_import_held_get(struct db *db, const char *id, int *rc);
/* Resolved held rows, the most recent first, at most limit: [{row_data, candidates,
 * status ("same" or "new"), child_id}]: a person's answers, for training. */
json_t *store_import_resolved(struct db *db, int limit, int *rc);
/* Marks a held row resolved at `at`; DB_DONE when it is not held any more. */
int store_import_held_resolve(struct db *db, const char *id, const char *status,
                              const char *child_id, const char *by, int64_t at);

/* Up to limit children after id `after` ("" first) that viewer v sees, in id order, as
 * [{id, given_names, family_name, other_names ("a; b"), date_of_birth, gender,
 * nhs_number, school, address, postcode}] (first address). */
json_t *store_children_export(struct db *db, const struct store_viewer *v, const char *after,
                              int limit, int *rc);

/* Children holding blocking key `key`, in id order, into buf: at most max ids of
 * `stride` bytes each (a longer id is cut), their number into *n. DB_OK or an error. */
int store_child_key_holders_into(struct db *db, const char *key, size_t max, char *buf,
                                 size_t stride, size_t *n);

/* What the matcher scores of a child, as text (NULL when missing): names, other names
 * joined by "\x1f", date of birth, gender, NHS number, first postcode. */
struct child_match_core {
	char given[128], family[128], other[512], dob[16], gender[16], nhs[16], postcode[16];
	bool has_dob, has_gender, has_nhs, has_postcode;
};
/* DB_ROW with *out filled, DB_DONE when there is no such child, or an error. */
int store_child_match_core(struct db *db, const char *id, struct child_match_core *out);

/* A trained model: the day it was trained on, the records, its JSON, who and when. */
int store_match_model_insert(struct db *db, const char *id, struct lt_date trained_on,
                             int64_t records, const char *model, const char *by, int64_t at);
/* The newest model's id into id (ID_MAX bytes): DB_OK, or DB_DONE when none. */
int store_match_model_newest(struct db *db, char *id, size_t n);
/* {id, trained_on, records, model, created_at} or NULL with *rc = DB_DONE. */
json_t *store_match_model_get(struct db *db, const char *id, int *rc);

#endif
