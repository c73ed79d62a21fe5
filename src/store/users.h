/*
 * users.h: repository for boroughs, agencies, users and their roles. Plain SQL behind
 * small functions; callers own transactions. Instants are int64 UTC seconds in this API
 * (ISO 8601 text in the database). Views are returned as jansson objects.
 */
#ifndef LANTERN_STORE_USERS_H
#define LANTERN_STORE_USERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct user_row {
	char id[32];
	char username[64];
	char display_name[128]; /* cut to fit, as ever */
	char agency_id[32];
	char agency_type[32];
	char borough_id[32];
	char team[64]; /* cut to fit */
	char status[16];
	char password_hash[160];
	bool must_change_password; /* set by an administrator's reset */
};

int store_borough_insert(struct db *db, const char *id, const char *name, const char *code);
/* Finds a borough by id, name or code; copies its id. DB_DONE if none. */
int store_borough_find(struct db *db, const char *key, char id[32]);
json_t *store_boroughs_list(struct db *db);
/* Name of a borough / agency by id into out ("" if none). */
int store_borough_name(struct db *db, const char *id, char *out, size_t n);
int store_agency_name(struct db *db, const char *id, char *out, size_t n);

int store_agency_insert(struct db *db, const char *id, const char *name, const char *type,
                        const char *borough_id, int64_t created_at);
/* Finds an agency by id or name. DB_DONE if none. */
int store_agency_find(struct db *db, const char *key, char id[32], char type[32]);
json_t *store_agencies_list(struct db *db);

/* A new user (team may be NULL). */
struct store_user_new {
	const char *id, *username, *display_name, *agency_id, *password_hash, *team;
	int64_t created_at;
};
int store_user_insert(struct db *db, const struct store_user_new *u);
int store_user_add_role(struct db *db, const char *user_id, const char *role);
/* By username. DB_ROW filled, DB_DONE if none. */
int store_user_get(struct db *db, const char *username, struct user_row *u);
int store_user_get_by_id(struct db *db, const char *id, struct user_row *u);
/* Comma-separated role codes of a user into out. */
int store_user_roles(struct db *db, const char *user_id, char *out, size_t n);
int store_user_set_status(struct db *db, const char *user_id, const char *status, int64_t at);
int store_user_set_password(struct db *db, const char *user_id, const char *hash);
/* Sets the password hash and whether the user must replace it at the next sign-in. */
int store_user_set_password_flag(struct db *db, const char *user_id, const char *hash,
                                 bool must_change, int64_t at);
/* Sets a user's name, team (NULL: none) and agency. */
int store_user_update(struct db *db, const char *user_id, const char *display_name,
                      const char *team, const char *agency_id, int64_t at);
/* Removes every role of a user (before the new set is added). */
int store_user_clear_roles(struct db *db, const char *user_id);
json_t *store_users_list(struct db *db);
/* Ends every session and revokes every API token of a user at `at` (on disabling them). */
int store_sessions_end_for_user(struct db *db, const char *user_id, int64_t at);

int store_meta_set(struct db *db, const char *key, const char *value);
/* True if the database holds synthetic demo data (meta demo/demo_data set, or any demo
 * child): the pages then show the demonstration banner. */
bool store_is_demo(struct db *db);
/* DB_ROW and value copied, or DB_DONE. */
int store_meta_get(struct db *db, const char *key, char *out, size_t n);

#endif
