/* kept_forms.c: forms kept across a sign-in (see kept_forms.h). */
#include "app/kept_forms.h"

#include <stdlib.h>

#include "app/uc.h"
#include "store/kept_forms.h"
#include "store/users.h"

/* The actor an event about keeping a form names: the user it is kept for when known
 * (and still there), else nobody. */
static void keeper(struct db *db, const char *username, int64_t now, struct actor *a)
{
	memset(a, 0, sizeof(*a));
	struct user_row u;
	if (username && strlen(username) < sizeof u.username &&
	    store_user_get(db, username, &u) == DB_ROW) {
		snprintf(a->user_id, sizeof a->user_id, "%s", u.id);
		snprintf(a->username, sizeof a->username, "%s", u.username);
		snprintf(a->agency_id, sizeof a->agency_id, "%s", u.agency_id);
	}
	a->now = now;
}

static bool local_path(const char *p)
{
	return p && p[0] == '/' && p[1] != '/' && p[1] != '\\' && strlen(p) <= APP_KEPT_PATH_MAX &&
	       !strchr(p, '\\');
}

int app_kept_form_put(struct db *db, const struct app_kept_put *k, char id[ID_MAX],
                      struct app_err *err)
{
	app_err_clear(err);
	id[0] = '\0';
	if (!local_path(k->path))
		return app_fail(err, APP_INVALID, NULL, "A form is kept only for a local path.");
	if (!k->sealed || strlen(k->sealed) > STORE_KEPT_SEALED_MAX || !k->key_hash)
		return app_fail(err, APP_INVALID, NULL, "That form is too large to keep.");
	if (id_new("kfm", id) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not make an identifier.");
	struct actor a;
	memset(&a, 0, sizeof a);
	a.now = k->now;
	struct uc u;
	uc_init(&u, db, &a, err);
	int rc = uc_begin(&u);
	if (rc == APP_OK) /* the event names the user it is kept for (u.who is &a) */
		keeper(db, k->username, k->now, &a);
	if (rc == APP_OK)
		rc = uc_db(&u, store_kept_forms_expire(db, k->now));
	struct store_kept_form_new row = {.id = id,
	                                  .key_hash = k->key_hash,
	                                  .username = k->username,
	                                  .trusted = k->trusted && k->username,
	                                  .path = k->path,
	                                  .sealed = k->sealed,
	                                  .created_at = k->now,
	                                  .expires_at = k->now + APP_KEPT_FORM_S};
	if (rc == APP_OK)
		rc = uc_db(&u, store_kept_form_insert(db, &row));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "kept_form", id, NULL,
		                        row.trusted ? "form,trusted" : "form"));
	return uc_end(&u, rc, NULL);
}

int app_kept_form_take(struct db *db, const struct actor *who, const char *key_hash, int64_t now,
                       struct app_kept_form *out, struct app_err *err)
{
	memset(out, 0, sizeof(*out));
	struct actor at = *who;
	at.now = now;
	struct uc u;
	uc_init(&u, db, &at, err);
	if (!key_hash || who->system || !who->username[0])
		return app_fail(err, APP_NOT_FOUND, NULL, "There is no such kept form.");
	struct kept_form k;
	memset(&k, 0, sizeof k);
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int src = store_kept_form_take(db, key_hash, now, &k);
		if (src == DB_DONE)
			rc = app_fail(err, APP_NOT_FOUND, NULL, "There is no such kept form.");
		else if (src != DB_ROW)
			rc = uc_db(&u, src);
	}
	/* a form kept for someone else is not theirs: it stays (the rollback keeps it) */
	if (rc == APP_OK && k.username[0] && strcmp(k.username, who->username) != 0)
		rc = app_fail(err, APP_NOT_FOUND, NULL, "There is no such kept form.");
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "use", "kept_form", k.id, NULL, "form"));
	rc = uc_end(&u, rc, NULL);
	if (rc == APP_OK) {
		snprintf(out->id, sizeof out->id, "%s", k.id);
		snprintf(out->path, sizeof out->path, "%s", k.path);
		out->trusted = k.trusted && k.username[0];
		out->sealed = k.sealed;
		k.sealed = NULL;
	}
	store_kept_form_release(&k);
	return rc;
}

void app_kept_form_release(struct app_kept_form *k)
{
	if (!k)
		return;
	free(k->sealed);
	k->sealed = NULL;
}
