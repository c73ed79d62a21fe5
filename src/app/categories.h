/*
 * categories.h: category decisions on the child's one record (R-CAT-1..7, R-PATH-8),
 * with the flags they derive (R-FLAG-2).
 * Each use case is one transaction: authorise, apply the protocol, write, audit. Input
 * is a JSON object (from the API, a form or a file); output a view. Field names are
 * documented in docs/api.md.
 */
#ifndef LANTERN_APP_CATEGORIES_H
#define LANTERN_APP_CATEGORIES_H

#include "app/app.h"

/* in: {"category": 1-3, "contact": "contact"|"online" (category 2), "rationale",
 * "kind"?: "initial"|"supervisor"|"assessment_team", "exploitation_borough"?,
 * "indicators"?: [App B codes], "decided_at"?} */
int app_category_decide(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);

#endif
