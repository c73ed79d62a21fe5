/*
 * migrate.c: the migration runner (see migrate.h). The bookkeeping table is created
 * outside any migration; each migration and its schema_migrations row are written in
 * one transaction, so a failing migration leaves no trace.
 */
#include "store/migrate.h"

#include <sodium.h>

#include "util/ltime.h"

static const char *CREATE_TABLE =
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)";

static void checksum(const struct embedded_file *f, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	if (sodium_init() < 0)
		abort();
	crypto_hash_sha256(h, (const unsigned char *)f->data, f->len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static int version_of(const char *name)
{
	if (strlen(name) < 5 || name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' ||
	    name[2] < '0' || name[2] > '9' || name[3] != '_')
		return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0');
}

int migrate_current(struct db *db)
{
	int64_t v = 0;
	int64_t exists = 0;
	if (db_query_int64(db, &exists,
	                   "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'",
	                   "") != DB_OK)
		return -1;
	if (!exists)
		return 0;
	int rc = db_query_int64(db, &v, "SELECT coalesce(max(version), 0) FROM schema_migrations",
	                        "");
	return rc == DB_OK ? (int)v : -1;
}

/* Compares applied migrations with `files`. Returns 0 if consistent, -1 with err. */
static int verify_applied(struct db *db, const struct embedded_file *files, int *pending, char *err,
                          size_t errlen)
{
	*pending = 0;
	int prev = 0;
	for (const struct embedded_file *f = files; f->name; f++) {
		int v = version_of(f->name);
		if (v <= prev) {
			snprintf(err, errlen, "migration %s: name must start NNN_ in rising order",
			         f->name);
			return -1;
		}
		prev = v;
		char stored[80] = "", sum[65];
		int rc = db_query_text(db, stored, sizeof stored,
		                       "SELECT checksum FROM schema_migrations WHERE version = $1",
		                       "d", v);
		if (rc == DB_DONE) {
			(*pending)++;
			continue;
		}
		if (rc != DB_OK) {
			snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
			return -1;
		}
		checksum(f, sum);
		if (strcmp(sum, stored) != 0) {
			snprintf(
			        err, errlen,
			        "migration %s was changed after it was applied (checksum differs); "
			        "released migrations must never be edited",
			        f->name);
			return -1;
		}
	}
	int64_t newest = migrate_current(db);
	if (newest > prev) {
		snprintf(err, errlen,
		         "the database has migration %03lld, newer than this version of Lantern "
		         "knows",
		         (long long)newest);
		return -1;
	}
	return 0;
}

int migrate_check(struct db *db, const struct embedded_file *files, char *err, size_t errlen)
{
	if (migrate_current(db) <= 0) {
		snprintf(err, errlen, "the database has no Lantern schema yet");
		return -1;
	}
	int pending;
	if (verify_applied(db, files, &pending, err, errlen) < 0)
		return -1;
	if (pending) {
		snprintf(err, errlen, "the database lacks %d migration(s)", pending);
		return -1;
	}
	return 0;
}

int migrate_run(struct db *db, const struct embedded_file *files, int *applied, char *err,
                size_t errlen)
{
	if (applied)
		*applied = 0;
	if (db_exec(db, CREATE_TABLE) != DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	int pending;
	if (verify_applied(db, files, &pending, err, errlen) < 0)
		return -1;
	for (const struct embedded_file *f = files; f->name; f++) {
		int v = version_of(f->name);
		int64_t have = 0;
		if (db_query_int64(db, &have,
		                   "SELECT count(*) FROM schema_migrations WHERE version = $1", "d",
		                   v) != DB_OK) {
			snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
			return -1;
		}
		if (have)
			continue;
		char sum[65], now[LT_TIME_LEN];
		checksum(f, sum);
		ltime_format(ltime_now(), now);
		if (db_begin(db) != DB_OK) {
			snprintf(err, errlen, "cannot begin migration %s: %s", f->name,
			         db_errmsg(db));
			return -1;
		}
		if (db_exec(db, f->data) != DB_OK) {
			snprintf(err, errlen, "migration %s failed: %s", f->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		if (db_run(db,
		           "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
		           "VALUES ($1, $2, $3, $4)",
		           "dsss", v, f->name, sum, now) != DB_OK ||
		    db_commit(db) != DB_OK) {
			snprintf(err, errlen, "cannot record migration %s: %s", f->name,
			         db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		if (applied)
			(*applied)++;
	}
	return 0;
}
