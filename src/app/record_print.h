/*
 * record_print.h: a child's record and chronology as printed. Printing is a disclosure
 * (it leaves Lantern on paper): the print view is audited as a print, naming what was
 * chosen, and the page that prints it carries the protective marking, who printed it
 * and when. A restricted record prints only for those who may open it, with their
 * reason (R-INFO-3).
 */
#ifndef LANTERN_APP_RECORD_PRINT_H
#define LANTERN_APP_RECORD_PRINT_H

#include "app/app.h"

/* The most chronology entries one print holds. */
#define RECORD_PRINT_MAX_ENTRIES 2000

/*
 * The print view of record `ref`. in (optional, each optional): {"nature": "fact" |
 * "opinion", "agency": an agency's name, "from": date, "to": date (YYYY-MM-DD, UK
 * dates, inclusive)} choose the chronology entries (R-REC-3). out: {"record_ref",
 * "child": {...}, "record": {status, category, contact_mode, allocation,
 * allocated_borough, restricted, opened_at}, "flags": [codes], "outcomes": [...],
 * "chronology": [entries, oldest first, corrections marked], "agencies": [names of the
 * agencies in the whole chronology], "filter": {what was chosen}, "total": N entries
 * before choosing, "printed_at", "printed_by", "printed_by_agency"}. Audited as print
 * record, naming the choice.
 */
int app_record_print(struct db *db, const struct actor *who, const char *ref, json_t *in,
                     json_t **out, struct app_err *err);

#endif
