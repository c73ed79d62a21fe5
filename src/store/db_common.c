/*
 * db_common.c: the parts of db.h that any driver shares, written against the API
 * itself: typed one-shot queries and db_tx.
 */
#include "store/db.h"

/* Prepares (cached) and binds per `types` (see db.h). Returns the statement or NULL. */
static struct db_stmt *prepare_bound(struct db *db, const char *sql, const char *types, va_list ap,
                                     int *rc)
{
	struct db_stmt *st;
	*rc = db_cached(db, sql, &st);
	if (*rc != DB_OK)
		return NULL;
	int n = 1;
	for (const char *t = types ? types : ""; *t; t++, n++) {
		switch (*t) {
		case 's':
			*rc = db_bind_text(st, n, va_arg(ap, const char *));
			break;
		case 'i':
			*rc = db_bind_int64(st, n, va_arg(ap, int64_t));
			break;
		case 'd':
			*rc = db_bind_int64(st, n, va_arg(ap, int));
			break;
		case 'n':
			*rc = db_bind_null(st, n);
			break;
		default:
			*rc = DB_E_MISUSE;
			break;
		}
		if (*rc != DB_OK) {
			db_reset(st);
			return NULL;
		}
	}
	return st;
}

int db_run(struct db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc;
	struct db_stmt *st = prepare_bound(db, sql, types, ap, &rc);
	va_end(ap);
	if (!st)
		return rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_reset(st);
	return rc == DB_DONE ? DB_OK : rc;
}

int db_query_int64(struct db *db, int64_t *out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc;
	struct db_stmt *st = prepare_bound(db, sql, types, ap, &rc);
	va_end(ap);
	if (!st)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_column_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? DB_OK : rc;
}

int db_query_text(struct db *db, char *out, size_t outlen, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc;
	struct db_stmt *st = prepare_bound(db, sql, types, ap, &rc);
	va_end(ap);
	if (!st)
		return rc;
	rc = db_step(st);
	if (outlen)
		out[0] = '\0';
	if (rc == DB_ROW) {
		const char *t = db_column_text(st, 0);
		snprintf(out, outlen, "%s", t ? t : "");
	}
	db_reset(st);
	return rc == DB_ROW ? DB_OK : rc;
}

int db_tx(struct db *db, int (*fn)(struct db *db, void *ctx), void *ctx)
{
	int rc = db_begin(db);
	if (rc != DB_OK)
		return rc;
	rc = fn(db, ctx);
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
