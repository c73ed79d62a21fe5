/*
 * kept_forms.h: repository for forms posted after their session ended (table
 * kept_forms of 017_child_details_admin.sql), kept sealed until their user signs in
 * again. This file stores and hands back opaque sealed text; sealing is the web
 * layer's (web/resume.h). Times are Unix seconds. Callers own transactions.
 */
#ifndef LANTERN_STORE_KEPT_FORMS_H
#define LANTERN_STORE_KEPT_FORMS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* The longest sealed text kept (a 64 KiB form, sealed and in base64, with room). */
#define STORE_KEPT_SEALED_MAX ((size_t)96 << 10)

struct store_kept_form_new {
	const char *id;       /* kfm_... */
	const char *key_hash; /* BLAKE2b-256 hex of the key the browser holds */
	const char *username; /* NULL: not known yet */
	bool trusted;
	const char *path; /* the local path the form was posted to */
	const char *sealed;
	int64_t created_at, expires_at;
};

/* A kept form as read back: strings owned by the caller (free with
 * store_kept_form_release). */
struct kept_form {
	char id[32];
	char username[64]; /* "" when not known; cut to fit */
	bool trusted;
	char path[520]; /* cut to fit */
	char *sealed;   /* malloc'd */
};

int store_kept_form_insert(struct db *db, const struct store_kept_form_new *k);
/* Reads the unexpired form with this key hash into out and deletes it (a kept form is
 * used once). DB_ROW with out filled, DB_DONE when there is none. */
int store_kept_form_take(struct db *db, const char *key_hash, int64_t now, struct kept_form *out);
/* Deletes the forms expired at `now`. */
int store_kept_forms_expire(struct db *db, int64_t now);
void store_kept_form_release(struct kept_form *k);

#endif
