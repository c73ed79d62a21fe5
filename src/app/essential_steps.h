/*
 * essential_steps.h: the essential steps on the child's one record (R-PATH-7, E1-E5).
 * Each use case is one transaction: authorise, apply the protocol, write, audit. Input
 * is a JSON object (from the API, a form or a file); output a view. Field names are
 * documented in docs/api.md.
 */
#ifndef LANTERN_APP_ESSENTIAL_STEPS_H
#define LANTERN_APP_ESSENTIAL_STEPS_H

#include "app/app.h"

/* in: the E1-E5 answers (R-PATH-7); out lists what is still outstanding. */
int app_essential_steps(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err);

#endif
