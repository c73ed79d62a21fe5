/*
 * form_tokens.h: one-time tokens of page forms, so that a form sent twice (the back
 * button, a double click) saves once. The web layer makes a random token for each
 * form it shows and issues it here, bound to the signed-in user with the words for
 * what the form saves. The first POST carrying it claims it; when that POST saved
 * something, the token is finished with the page it went to, and every later POST of
 * the same token is sent there instead of saving again; when the POST failed (errors
 * to correct), the token is handed back. A token of another user, or one never issued,
 * is unknown: the form is then handled as if it carried none. Tokens hold no record
 * content, so their use is not audited: the save itself is. Tokens go a day after
 * they were issued (APP_FORM_TOKEN_S). Each call is one transaction.
 */
#ifndef LANTERN_APP_FORM_TOKENS_H
#define LANTERN_APP_FORM_TOKENS_H

#include "app/app.h"

#define APP_FORM_TOKEN_S (24 * 3600)
#define APP_FORM_TOKEN_MAX 64   /* the longest token taken */
#define APP_FORM_WHAT_MAX 200   /* the longest "what it saves" kept */
#define APP_FORM_RESULT_MAX 600 /* the longest result path kept */

enum app_form_claim {
	APP_FORM_CLAIMED, /* this POST may save; finish or release the token after */
	APP_FORM_DONE,    /* an earlier POST saved: go to result */
	APP_FORM_WORKING, /* an earlier POST is saving now */
	APP_FORM_UNKNOWN, /* not a token issued to this user (or expired) */
};

/* Issues token (1..APP_FORM_TOKEN_MAX URL-safe characters) to the signed-in user
 * `who`, for a form that saves `what` (capped to APP_FORM_WHAT_MAX); deletes the
 * tokens issued more than APP_FORM_TOKEN_S ago. APP_OK; APP_INVALID for a malformed
 * token or no user; APP_FAILED, APP_BUSY. */
int app_form_token_issue(struct db *db, const struct actor *who, const char *token,
                         const char *what, struct app_err *err);
/* Claims the user's token for a POST. APP_OK with *claim set, and for APP_FORM_DONE
 * the path the first POST went to in result (size APP_FORM_RESULT_MAX + 1). */
int app_form_token_claim(struct db *db, const struct actor *who, const char *token,
                         enum app_form_claim *claim, char *result, struct app_err *err);
/* The claimed token's POST saved and went to result_url (a local path). */
int app_form_token_finish(struct db *db, const struct actor *who, const char *token,
                          const char *result_url, struct app_err *err);
/* The claimed token's POST saved nothing: it may be sent again. */
int app_form_token_release(struct db *db, const struct actor *who, const char *token,
                           struct app_err *err);
/* How long after a save its page still shows the banner. */
#define APP_FORM_BANNER_S 120
/* The banner for the page at path (no query): what a form the user saved in the last
 * APP_FORM_BANNER_S seconds and sent to this page saved, in what (size
 * APP_FORM_WHAT_MAX + 1); shown once (again after the form is sent again). APP_OK;
 * APP_NOT_FOUND when there is none. */
int app_form_token_banner(struct db *db, const struct actor *who, const char *path, char *what,
                          struct app_err *err);

#endif
