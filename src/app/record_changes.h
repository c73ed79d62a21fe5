/*
 * record_changes.h: changes to the child's one record: the police supervisor review
 * (R-PATH-6), chronology entries and corrections (R-REC-3, R-REC-6), outcomes (R-OUT-1),
 * other systems' references (R-REC-4, R-REC-5) and the classification (R-DEF-3,
 * R-FLAG-3, R-FLAG-4).
 * Each use case is one transaction: authorise, apply the protocol, write, audit. Input
 * is a JSON object (from the API, a form or a file); output a view. Field names are
 * documented in docs/api.md.
 */
#ifndef LANTERN_APP_RECORD_CHANGES_H
#define LANTERN_APP_RECORD_CHANGES_H

#include "app/app.h"

/* in: {"items": [{"ticked": true, "note": ...} x6], "threat_to_life_appropriate"?,
 * "threat_to_life_done"?} (R-PATH-6) */
int app_supervisor_review(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err);
/* in: {"occurred_at", "nature": "fact"|"opinion", "people_involved": [..], "text"}
 * (R-REC-3); or with "supersedes": entry id and "reason", a correction (R-REC-6): it
 * says why and its text differs from the entry it corrects. */
int app_record_add_entry(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err);
/* in: {"code": "MI", "achieved_on", "note"?} (R-OUT-1) */
int app_outcome_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                    json_t **out, struct app_err *err);
/* in: {"kind": "crime_number"|"non_crime_number"|"merlin_pac"|"csc_case", "value",
 * "crime_allegation"?} (R-REC-4, R-REC-5) */
int app_external_ref_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err);
/* in: {"exploitation_types": [...], "models": [...], "online"?, "group"?, "gang"?}
 * (R-DEF-3, R-FLAG-3, R-FLAG-4) */
int app_record_classify(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);

#endif
