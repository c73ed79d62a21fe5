/*
 * db_common.c: the parts of db.h that any driver shares, written against the API
 * itself: instants and dates bound as their stored text, typed one-shot queries and
 * db_tx.
 */
#include "store/db.h"

#include "util/ltime.h"

int db_bind_time(struct db_stmt *st, int n, int64_t t)
{
	char text[LT_TIME_LEN];
	ltime_format(t, text);
	return db_bind_text(st, n, text);
}

int db_bind_date(struct db_stmt *st, int n, const struct lt_date *d)
{
	if (!d || d->y == 0)
		return db_bind_null(st, n);
	char text[LT_DATE_LEN];
	ltime_format_date(*d, text);
	return db_bind_text(st, n, text);
}

/* Binds parameter n from the next argument of type t (see db_run). */
static int bind_one(struct db_stmt *st, int n, char t, va_list *ap)
{
	switch (t) {
	case 's':
		return db_bind_text(st, n, va_arg(*ap, const char *));
	case 'i':
		return db_bind_int64(st, n, va_arg(*ap, int64_t));
	case 'd':
		return db_bind_int64(st, n, va_arg(*ap, int));
	case 'b':
		return db_bind_int64(st, n, va_arg(*ap, int) ? 1 : 0);
	case 't':
		return db_bind_time(st, n, va_arg(*ap, int64_t));
	case 'T': {
		int64_t v = va_arg(*ap, int64_t);
		return v ? db_bind_time(st, n, v) : db_bind_null(st, n);
	}
	case 'D': {
		struct lt_date d = va_arg(*ap, struct lt_date);
		return db_bind_date(st, n, &d);
	}
	case 'n':
		return db_bind_null(st, n);
	default:
		return DB_E_MISUSE;
	}
}

int db_vbind(struct db_stmt *st, int first, const char *types, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int rc = DB_OK, n = first;
	for (const char *t = types ? types : ""; *t && rc == DB_OK; t++, n++)
		rc = bind_one(st, n, *t, &aq);
	va_end(aq);
	return rc;
}

int db_bind_args(struct db_stmt *st, int first, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = db_vbind(st, first, types, ap);
	va_end(ap);
	return rc;
}

int db_vquery_stmt(struct db *db, struct db_stmt **out, const char *sql, const char *types,
                   va_list ap)
{
	struct db_stmt *st;
	*out = NULL;
	int rc = db_cached(db, sql, &st);
	if (rc != DB_OK)
		return rc;
	rc = db_vbind(st, 1, types, ap);
	if (rc != DB_OK) {
		db_reset(st);
		return rc;
	}
	*out = st;
	return DB_OK;
}

int db_query_stmt(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = db_vquery_stmt(db, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* Prepares (cached) and binds per `types` (see db.h). Returns the statement or NULL. */
static struct db_stmt *prepare_bound(struct db *db, const char *sql, const char *types, va_list ap,
                                     int *rc)
{
	struct db_stmt *st;
	*rc = db_vquery_stmt(db, &st, sql, types, ap);
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
