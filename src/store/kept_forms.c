/* kept_forms.c: forms kept across a sign-in (see kept_forms.h). */
#include "store/kept_forms.h"

#include <stdlib.h>

#include "store/rows.h"

int store_kept_form_insert(struct db *db, const struct store_kept_form_new *k)
{
	return db_run(db,
	              "INSERT INTO kept_forms (id, key_hash, username, trusted, path, sealed,"
	              " created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	              "sssbssii", k->id, k->key_hash, k->username, k->trusted, k->path, k->sealed,
	              k->created_at, k->expires_at);
}

static const struct row_col KEPT_COLS[] = {
        ROW_COL(struct kept_form, id, ROW_TEXT),
        ROW_COLF(struct kept_form, username, ROW_TEXT, ROW_CUT),
        ROW_COL(struct kept_form, trusted, ROW_BOOL),
        ROW_COLF(struct kept_form, path, ROW_TEXT, ROW_CUT),
        ROW_COLF(struct kept_form, sealed, ROW_STR, ROW_NOTNULL),
};
static const struct row_desc KEPT = ROW_DESC(struct kept_form, KEPT_COLS);

int store_kept_form_take(struct db *db, const char *key_hash, int64_t now, struct kept_form *out)
{
	int rc = row_get(db, &KEPT, out,
	                 "SELECT id, username, trusted, path, sealed FROM kept_forms"
	                 " WHERE key_hash = $1 AND expires_at > $2",
	                 "si", key_hash, now);
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
