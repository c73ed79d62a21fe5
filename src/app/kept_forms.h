/*
 * kept_forms.h: forms posted after their session ended, kept for a short time so that
 * nothing typed is lost (WCAG 2.2.1): once the user signs in again the form is sent,
 * or shown to them filled in. The web layer seals the form with a random key it does
 * not keep (the sign-in page carries the key, never a URL or a cookie) and passes only
 * the sealed text and the key's hash here; the database never holds the form readable.
 *
 * A form is bound to a username when the session it came from is known, and then it
 * is `trusted` if it carried that session's CSRF token: it is sent as soon as that
 * user signs in. Otherwise the user who signs in is asked before it is sent. A kept
 * form is used once (deleted when taken) and expires after APP_KEPT_FORM_S. Keeping
 * and taking are audited (create and use of a kept_form, without its content).
 */
#ifndef LANTERN_APP_KEPT_FORMS_H
#define LANTERN_APP_KEPT_FORMS_H

#include "app/app.h"

/* How long a form is kept. */
#define APP_KEPT_FORM_S (30 * 60)
/* The longest local path a form may have been posted to. */
#define APP_KEPT_PATH_MAX 512

struct app_kept_put {
	const char *username; /* the user it is kept for; NULL when not known */
	bool trusted;         /* it carried the CSRF token of that user's ended session */
	const char *path;     /* where it was posted: a local path */
	const char *key_hash; /* BLAKE2b-256 hex of the key that sealed it */
	const char *sealed;   /* the sealed form (text) */
	int64_t now;
};

/* Keeps a form (and deletes expired ones), in one transaction with its audit event.
 * APP_OK with its id in id; APP_INVALID for a path that is not local or too long, or a
 * sealed text over the limit; APP_FAILED. */
int app_kept_form_put(struct db *db, const struct app_kept_put *k, char id[ID_MAX],
                      struct app_err *err);

/* A kept form as taken. */
struct app_kept_form {
	char id[ID_MAX];
	bool trusted; /* bound to this user and trusted: send it at once */
	char path[APP_KEPT_PATH_MAX + 8];
	char *sealed; /* malloc'd; app_kept_form_release frees it */
};

/* Takes the unexpired form sealed with the key of this hash for the signed-in user
 * `who`: a form kept for another user is not theirs (APP_NOT_FOUND, and it stays for
 * its user); one kept for nobody in particular is theirs but not trusted. Deletes it
 * and writes its audit event in one transaction. APP_OK with out filled (release it);
 * APP_NOT_FOUND; APP_FAILED. */
int app_kept_form_take(struct db *db, const struct actor *who, const char *key_hash, int64_t now,
                       struct app_kept_form *out, struct app_err *err);
void app_kept_form_release(struct app_kept_form *k);

#endif
