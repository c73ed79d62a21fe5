/*
 * sessions.h: repository for signed-in sessions and personal API tokens (tables
 * `sessions` and `api_tokens` of 001_base.sql). Only hashes of tokens are stored
 * (web/session.h makes them). Times are int64 UTC seconds in this API; in the database
 * session times are integers and token times ISO 8601 UTC text. Callers own
 * transactions.
 */
#ifndef LANTERN_STORE_SESSIONS_H
#define LANTERN_STORE_SESSIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct session_row {
	char user_id[32];
	char username[64];
	char user_status[16];
	char csrf_token[64];
	int64_t created_at;
	int64_t last_seen_at;
	bool must_change_password; /* the user must set a new password first */
};

int store_session_insert(struct db *db, const char *token_hash, const char *user_id,
                         const char *csrf_token, int64_t now);
/* DB_ROW and s filled, or DB_DONE if there is no such session. */
int store_session_get(struct db *db, const char *token_hash, struct session_row *s);
int store_session_touch(struct db *db, const char *token_hash, int64_t now);
int store_session_delete(struct db *db, const char *token_hash);
/* Deletes sessions idle since before idle_before or created before created_before. */
int store_sessions_expire(struct db *db, int64_t idle_before, int64_t created_before);

struct api_token_row {
	char id[32];
	char user_id[32];
	char username[64];
	char user_status[16];
	int64_t last_used_at; /* 0: never used */
};

int store_api_token_insert(struct db *db, const char *id, const char *user_id,
                           const char *token_hash, const char *label, int64_t created_at);
/* An unrevoked token by hash: DB_ROW, or DB_DONE. */
int store_api_token_get(struct db *db, const char *token_hash, struct api_token_row *t);
int store_api_token_touch(struct db *db, const char *id, int64_t at);
/* Revokes a user's token; DB_DONE if the user has no such unrevoked token. */
int store_api_token_revoke(struct db *db, const char *user_id, const char *id, int64_t at);
/* The user's tokens (never their hashes): [{id, label, created_at, last_used_at,
 * revoked_at}]. NULL on error. */
json_t *store_api_tokens_list(struct db *db, const char *user_id);

/* R-INFO-3: the reason a session gave to open a restricted record, valid until
 * `until` (Unix seconds). Replaces an earlier grant for the same record. */
int store_grant_put(struct db *db, const char *token_hash, const char *record_ref,
                    const char *purpose, int64_t until);
/* The grant's purpose into out when one is valid at `now`: DB_ROW, else DB_DONE. */
int store_grant_get(struct db *db, const char *token_hash, const char *record_ref, int64_t now,
                    char *out, size_t n);

#endif
