/*
 * exports.h: the statutory exports of missing episodes (SSDA903 and Annex A), for an
 * analyst, a manager or supervisor, or the system.
 */
#ifndef LANTERN_APP_EXPORTS_H
#define LANTERN_APP_EXPORTS_H

#include "app/app.h"

/* Statutory exports as CSV text in *csv (caller frees), built with report/ssda903.h and
 * audited as exports. from/to are dates YYYY-MM-DD, to inclusive, not in the future.
 * SSDA903: CHILD, MISSING (M missing, A away without authorisation), MIS_START,
 * MIS_END for looked-after children's episodes overlapping the period. Annex A: one row
 * per episode overlapping the period with its return interview columns (offered,
 * accepted, completed, date). Needs an analyst, a manager or supervisor, or the
 * system. */
int app_export_ssda903(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err);
int app_export_annex_a(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err);

#endif
