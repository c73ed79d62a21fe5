/*
 * admin.h: use cases for setting up a partnership: boroughs, agencies, users and roles.
 * Only administrators (or the command-line operator) may run them; each is one
 * transaction with its audit event. Each has the use-case shape (app_uc, app/app.h);
 * none names an object by id except app_user_disable (the username).
 */
#ifndef LANTERN_APP_ADMIN_H
#define LANTERN_APP_ADMIN_H

#include "app/app.h"

/* in: {"name", "code"} -> out: {"id", "name", "code"} */
int app_borough_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);
/* in: {"name", "type", "borough"?} (borough by id, name or code) -> {"id", ...} */
int app_agency_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);
/* in: {"username", "display_name"?, "agency" (id or name), "roles": [codes],
 *      "team"?, "password"} -> {"id", "username", ...}. The password is hashed with
 * argon2id and never stored or returned. */
int app_user_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);
/* Disables user `username`: they cannot sign in, and every session they hold ends at
 * once. in: NULL or {} -> {"username", "disabled": true}. */
int app_user_disable(struct db *db, const struct actor *who, const char *username, json_t *in,
                     json_t **out, struct app_err *err);
/* The users, as an array (administrators). */
int app_user_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);
/* The agencies, as an array (every actor). */
int app_agency_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

#endif
