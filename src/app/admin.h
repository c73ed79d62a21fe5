/*
 * admin.h: use cases for setting up a partnership: boroughs, agencies, users and roles.
 * Only administrators (or the command-line operator) may run them; each is one
 * transaction with its audit event.
 */
#ifndef LANTERN_APP_ADMIN_H
#define LANTERN_APP_ADMIN_H

#include "app/app.h"

/* in: {"name", "code"} -> out: {"id", "name", "code"} */
int app_borough_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                    struct app_err *err);
/* in: {"name", "type", "borough"?} (borough by id, name or code) -> {"id", ...} */
int app_agency_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                   struct app_err *err);
/* in: {"username", "display_name"?, "agency" (id or name), "roles": [codes],
 *      "team"?, "password"} -> {"id", "username", ...}. The password is hashed with
 * argon2id and never stored or returned. */
int app_user_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                 struct app_err *err);
/* Disables a user: they cannot sign in, and every session they hold ends at once. */
int app_user_disable(struct db *db, const struct actor *who, const char *username,
                     struct app_err *err);
int app_user_list(struct db *db, const struct actor *who, json_t **out, struct app_err *err);
int app_agency_list(struct db *db, const struct actor *who, json_t **out, struct app_err *err);

#endif
