/*
 * import.h: bulk import and export of children, and the rows an import held because
 * they may be a child already known (R-REC-1: one record per child).
 *
 * An import reads a CSV file (app/import_csv.h) and checks every good row against the
 * children already known with the same matcher as the child search (app/matching.h),
 * the children of the same file included: a row that is likely or possibly a known
 * child is held for a person to resolve ("same child" or "new child"), never merged;
 * any other row becomes a new child. A batch is one transaction, all or nothing: one
 * refused row and nothing is written, unless the importer asked to commit the good rows
 * (commit_good). A dry run does everything and writes nothing but its report. Every
 * batch leaves a report (counts, refused rows with line and reason) and an audit event
 * with its counts. Who may: an administrator, a children's social care manager, and the
 * system operator at the command line.
 */
#ifndef LANTERN_APP_IMPORT_H
#define LANTERN_APP_IMPORT_H

#include <stddef.h>

#include "app/app.h"

#define IMPORT_REPORT_ROWS 1000 /* refused and held rows listed in a report at most */
#define IMPORT_MAPPING_FILE_MAX ((size_t)16 << 10)

struct import_opts {
	const char *source; /* the file's name for the report, or NULL */
	const char *mapping;
	size_t mapping_len; /* the mapping file's text (import_csv.h), or NULL/0 */
	bool dry_run;
	bool commit_good; /* commit the good rows even when some are refused */
};

/* Reads up to n bytes into buf: how many, 0 at the end of the file, -1 on an error. */
typedef long import_read_fn(void *ctx, char *buf, size_t n);

/* Imports children from the CSV that `read` gives. *out is always the report when the
 * file was read: {id, status ("committed", "refused", "dry_run"), dry_run, rows_read,
 * created, held, refused, refused_rows: [{line, reason}], held_rows: [{line, id?}]}.
 * Returns APP_OK when the batch was committed (or a dry run found nothing to refuse);
 * APP_INVALID when rows were refused and nothing was written (the report in *out);
 * APP_FORBIDDEN, APP_FAILED... otherwise. */
int app_import_children(struct db *db, const struct actor *who, const struct import_opts *o,
                        import_read_fn *read, void *ctx, json_t **out, struct app_err *err);

/* A batch's report (id: imp_...), as app_import_children answered it. */
int app_import_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* Rows held for a person to resolve, oldest first: {held: [{id, batch_id, line, row,
 * candidates: [{id, given_names, family_name, date_of_birth, gender, strength, band,
 * reasons}]}]}, the candidates cut to what the actor may see (R-INFO-3). Audited. */
int app_import_held_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

/* Resolves held row `id`. in: {"decision": "same", "child_id": one of the row's
 * candidates} (the row is not added: the file's row was that child) or {"decision":
 * "new"} (the row becomes a new child). out: {id, status, child_id}. Audited. */
int app_import_held_resolve(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err);

/* Writes the children the actor may see (all, for the system operator) as CSV with the
 * columns an import reads, a page at a time through write (returns 0, or -1 to stop);
 * a cell that a spreadsheet would read as a formula is written after a quote. *rows
 * receives how many children were written. Who may: a children's social care manager
 * (the children their agency sees) and the system operator. Audited with the count. */
typedef int export_write_fn(void *ctx, const char *s, size_t n);
int app_export_children(struct db *db, const struct actor *who, export_write_fn *write, void *ctx,
                        size_t *rows, struct app_err *err);

/* Whether the actor may import children and resolve held rows: access_may_import
 * (R-INFO-3). */
bool app_may_import(const struct actor *who);

#endif
