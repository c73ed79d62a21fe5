/*
 * admin.h: use cases for setting up a partnership: boroughs, agencies, users and roles.
 * Only administrators (or the command-line operator) may run them; each is one
 * transaction with its audit event. Each has the use-case shape (app_uc, app/app.h);
 * those on one user name it by its username.
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
 * once. in: NULL or {} -> {"username", "disabled": true}. An administrator cannot
 * disable themselves (APP_FORBIDDEN). */
int app_user_disable(struct db *db, const struct actor *who, const char *username, json_t *in,
                     json_t **out, struct app_err *err);
/* One user, for administrators: out {id, username, display_name, agency_id, agency,
 * team, status, roles [codes], must_change_password}. Audited as a view. */
int app_user_get(struct db *db, const struct actor *who, const char *username, json_t *in,
                 json_t **out, struct app_err *err);
/* Changes a user's name, team or agency. in: {"display_name"?, "team"? ("" clears it),
 * "agency"? (id or name)}; at least one must differ (APP_INVALID otherwise). Audited as
 * change user, naming the fields changed. out: the user as app_user_get. */
int app_user_change(struct db *db, const struct actor *who, const char *username, json_t *in,
                    json_t **out, struct app_err *err);
/* Lets a disabled user sign in again. in: NULL or {}. APP_CONFLICT when already active.
 * out {"username", "active": true}. Audited as enable user. */
int app_user_enable(struct db *db, const struct actor *who, const char *username, json_t *in,
                    json_t **out, struct app_err *err);
/* Replaces a user's roles. in: {"roles": [codes]} (at least one). An administrator
 * cannot remove their own administrator role (APP_INVALID on "roles"). The user's next
 * request acts with the new roles. Audited as change user (roles). out: as
 * app_user_get. */
int app_user_set_roles(struct db *db, const struct actor *who, const char *username, json_t *in,
                       json_t **out, struct app_err *err);
/* Sets a new password for a user, which they must replace at their next sign-in, and
 * signs them out everywhere (their sessions end and their API tokens are revoked).
 * in: {"password"} (the password policy). out {"username", "must_change_password":
 * true}. Audited as reset_password user. */
int app_user_reset_password(struct db *db, const struct actor *who, const char *username,
                            json_t *in, json_t **out, struct app_err *err);
/* The signed-in user changes their own password. in: {"current_password",
 * "new_password"}: the current one must be right (a field error otherwise), the new one
 * must pass the policy and differ. Clears a reset's must_change_password. out
 * {"username", "changed": true}. Audited as change user (password). */
int app_password_change(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err);
/* The users, as an array (administrators). */
int app_user_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);
/* The agencies, as an array (every actor). */
int app_agency_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

#endif
