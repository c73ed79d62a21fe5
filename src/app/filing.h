/*
 * filing.h: the child a practitioner is about to file about. Any practitioner may refer
 * a child or report one missing (docs/decisions.md), whether or not they see the
 * child's record; filing never grants access to it (R-INFO-3). So the pages that file
 * ask here for the child as the filer may know them: the whole child for those who see
 * the child, and only what is needed to file about the right child (names, date of
 * birth, gender) for anyone else, as a search discloses it.
 */
#ifndef LANTERN_APP_FILING_H
#define LANTERN_APP_FILING_H

#include "app/app.h"

/* out: the child ({"id", "given_names", "family_name", "date_of_birth", "gender",
 * "visible": false}) or, for those who see the child, app_child_get's view with
 * "visible": true. 403 for roles that do not file (access_may_file); 404 for no such
 * child. Audited: "view" of the child, "to file" (minimal) or "all". */
int app_child_to_file(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

#endif
