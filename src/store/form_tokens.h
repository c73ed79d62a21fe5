/*
 * form_tokens.h: repository for the one-time tokens of page forms (table form_tokens
 * of 021_form_tokens.sql). A token is issued to a user, claimed by the first POST that
 * carries it, then finished with where that POST ended, or handed back when it failed.
 * Times are Unix seconds. Callers own transactions.
 */
#ifndef LANTERN_STORE_FORM_TOKENS_H
#define LANTERN_STORE_FORM_TOKENS_H

#include <stdint.h>

#include "store/db.h"

#define STORE_FORM_WHAT_MAX 200
#define STORE_FORM_URL_MAX 600

enum store_form_state { STORE_FORM_ISSUED, STORE_FORM_WORKING, STORE_FORM_DONE };

struct store_form_token {
	enum store_form_state state;
	char what[STORE_FORM_WHAT_MAX + 1];
	char result_url[STORE_FORM_URL_MAX + 1]; /* "" until done */
};

int store_form_token_insert(struct db *db, const char *token, const char *user_id, const char *what,
                            int64_t now);
/* Deletes the tokens issued before `before`. */
int store_form_tokens_expire(struct db *db, int64_t before);
/* Moves the user's token from issued to working. DB_OK when this call claimed it;
 * DB_DONE when it was not there to claim (then read it with store_form_token_get). */
int store_form_token_claim(struct db *db, const char *token, const char *user_id);
/* The user's token: DB_ROW with out filled, DB_DONE when there is none. */
int store_form_token_get(struct db *db, const char *token, const char *user_id,
                         struct store_form_token *out);
/* A done token's banner is due again (its form was sent again). */
int store_form_token_banner_again(struct db *db, const char *token, const char *user_id);
/* The banner due for the user on the page at path (a result_url without its query or
 * fragment), of a token done at or after `since`: DB_ROW with the token (size 80) and
 * what filled, DB_DONE when there is none. Reads only. */
int store_form_token_find_banner(struct db *db, const char *user_id, const char *path,
                                 int64_t since, char token[80], char what[STORE_FORM_WHAT_MAX + 1]);
/* The token's banner shown: DB_OK when this call marked it, DB_DONE when it was no
 * longer due. */
int store_form_token_banner_shown(struct db *db, const char *token);
/* A working token: done, with where the POST ended, its banner due. */
int store_form_token_finish(struct db *db, const char *token, const char *user_id,
                            const char *result_url, int64_t now);
/* A working token back to issued (the POST failed; the form may be sent again). */
int store_form_token_release(struct db *db, const char *token, const char *user_id);

#endif
