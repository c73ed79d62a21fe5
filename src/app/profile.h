/*
 * profile.h: the missing person profile (the Philomena protocol's form) of a child, shared with
 * police when the child goes missing. Seeing or changing it needs what seeing the child needs
 * (authz_child_view); changing it needs a practitioner role too. Each use case is one
 * transaction, audited.
 */
#ifndef LANTERN_APP_PROFILE_H
#define LANTERN_APP_PROFILE_H

#include "app/app.h"

/* The missing person profile. get: out is the profile, or {"child_id", "exists":
 * false}. update in: {"description"?, "associates"?, "places"?, "phone_numbers"?,
 * "social_media"?: [text], "photo_ref"?} (replaces the profile). print: plain text
 * ready to print or share with police, in *text (caller frees); audited as a
 * disclosure. */
int app_profile_get(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                    json_t **out, struct app_err *err);
int app_profile_update(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                       json_t **out, struct app_err *err);
int app_profile_print(struct db *db, const struct actor *who, const char *child_id, char **text,
                      struct app_err *err);

#endif
