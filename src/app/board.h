/*
 * board.h: the safeguarding partnership board's report (R-RPT-1, R-RPT-2, R-INFO-1) for
 * one borough and period, computed from the records: the volume of cases, the
 * communities affected, patterns, activity against perpetrators, the performance of
 * each agency (referrals, meeting attendance and the gaps of flagged meetings, actions
 * on time, each agency's senior lead and single point of contact) and the disruptions
 * by type (covert tactics never counted, R-INFO-3). Counts only: no child is named. Each
 * table comes with a bar chart drawn by the server as SVG (report/barchart.h), and the
 * whole report as CSV (formula-safe cells) or as an .xlsx workbook (no formula ever).
 * A period with nothing in it gives an empty report that says so (RPT_EMPTY_TEXT),
 * never an error. The children in need census
 * factor codes (10A, 11A, 12A, 13A, 24A) of each child in the volume export as CSV for
 * children's social care to check against its assessments.
 *
 * Input: {from, to}: dates YYYY-MM-DD, both days included (London calendar); `to` not
 * after today.
 */
#ifndef LANTERN_APP_BOARD_H
#define LANTERN_APP_BOARD_H

#include "app/app.h"

/* R-RPT-1: borough `id`'s report: {borough, period {from, to}, empty, empty_text,
 * totals, sections: [{code, title, figures: [{label, value}], tables: [{id, title,
 * rows: [{label, n}], svg}], gaps?, contacts?}]}. Any role that sees records. Audited. */
int app_board_report(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err);

/* The same report as CSV text (section, table, label, value), into *csv (caller frees).
 * Audited as an export. */
int app_board_report_csv(struct db *db, const struct actor *who, const char *borough,
                         const char *from, const char *to, char **csv, struct app_err *err);

/* The same report as an .xlsx workbook (report/xlsx.h): a sheet "Figures" with the
 * report's figures, then a sheet for each table, every sheet with the CSV's columns
 * (borough, from, to, section, table, label, value), counts as numbers and every other
 * cell as text, never a formula. Into *data (*len bytes; caller frees). Audited as an
 * export. */
int app_board_report_xlsx(struct db *db, const struct actor *who, const char *borough,
                          const char *from, const char *to, unsigned char **data, size_t *len,
                          struct app_err *err);

/* The children in need census factor codes of each child in the volume (child_id,
 * record_ref, factors "10A;11A"), as CSV into *csv. Analysts, CSC managers and police
 * supervisors, as the statutory exports. Audited as an export. */
int app_board_cin_csv(struct db *db, const struct actor *who, const char *borough, const char *from,
                      const char *to, char **csv, struct app_err *err);

/* R-INFO-1: records agency `id`'s (id or name) senior accountable lead and daily single
 * point of contact: in {lead, spoc}. Administrators. -> {id, name, lead, spoc}; 422
 * R-INFO-1 naming the field. */
int app_agency_contacts_set(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err);

#endif
