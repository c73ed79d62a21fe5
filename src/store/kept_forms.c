/* kept_forms.c: forms kept across a sign-in (see kept_forms.h). */
#include "store/kept_forms.h"

#include <stdlib.h>

int store_kept_form_insert(struct db *db, const struct kept_form_row *k)
{
	return db_run(db,
	              "INSERT INTO kept_forms (id, key_hash, username, trusted, path, sealed,"
	              " created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	              "sssdssii", k->id, k->key_hash, k->username, k->trusted ? 1 : 0, k->path,
	              k->sealed, k->created_at, k->expires_at);
}

int store_kept_form_take(struct db *db, const char *key_hash, int64_t now, struct kept_form *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st;
	int rc =
	        db_cached(db,
	                  "SELECT id, coalesce(username, ''), trusted, path, sealed FROM kept_forms"
	                  " WHERE key_hash = $1 AND expires_at > $2",
	                  &st);
	if (rc != DB_OK)
		return rc;
	db_bind_text(st, 1, key_hash);
	db_bind_int64(st, 2, now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(out->id, sizeof out->id, "%s", db_column_text(st, 0));
		snprintf(out->username, sizeof out->username, "%s", db_column_text(st, 1));
		out->trusted = db_column_int64(st, 2) != 0;
		snprintf(out->path, sizeof out->path, "%s", db_column_text(st, 3));
		const char *s = db_column_text(st, 4);
		out->sealed = strdup(s ? s : "");
		if (!out->sealed)
			rc = DB_E_NOMEM;
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc;
	int drc = db_run(db, "DELETE FROM kept_forms WHERE id = $1", "s", out->id);
	if (drc != DB_OK) {
		store_kept_form_release(out);
		return drc;
	}
	return DB_ROW;
}

int store_kept_forms_expire(struct db *db, int64_t now)
{
	return db_run(db, "DELETE FROM kept_forms WHERE expires_at <= $1", "i", now);
}

void store_kept_form_release(struct kept_form *k)
{
	if (!k)
		return;
	free(k->sealed);
	k->sealed = NULL;
}
