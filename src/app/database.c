/* database.c: opening, migrating and closing the database (see database.h). */
#include "app/database.h"

#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "util/embedded.h"

int app_database_open(const char *url, bool create, bool allow_unmigrated, struct db **out,
                      struct app_err *err)
{
	char msg[512];
	app_err_clear(err);
	*out = NULL;
	int rc = db_open(url, create, out, msg, sizeof msg);
	if (rc == DB_E_URL || rc == DB_E_NOTADB || rc == DB_E_FOREIGN)
		return app_fail(err, APP_INVALID, NULL, "%s", msg);
	if (rc != DB_OK)
		return app_fail(err, APP_FAILED, NULL, "%s", msg);
	if (!allow_unmigrated && migrate_check(*out, embedded_migrations, msg, sizeof msg) != 0) {
		db_close(*out);
		*out = NULL;
		return app_fail(err, APP_CONFLICT, NULL, "%s", msg);
	}
	return APP_OK;
}

void app_database_close(struct db *db)
{
	db_close(db);
}

int app_database_migrate(struct db *db, int *applied, int *version, struct app_err *err)
{
	char msg[512];
	int n = 0;
	app_err_clear(err);
	if (migrate_run(db, embedded_migrations, &n, msg, sizeof msg) < 0)
		return app_fail(err, APP_FAILED, NULL, "%s", msg);
	if (applied)
		*applied = n;
	if (version)
		*version = migrate_current(db);
	return APP_OK;
}

const char *app_database_error(struct db *db)
{
	return db_errmsg(db);
}

bool app_database_is_demo(struct db *db)
{
	return store_is_demo(db);
}

int app_database_pool_new(const char *url, struct db_pool **out, struct app_err *err)
{
	char msg[512];
	app_err_clear(err);
	if (db_pool_new(url, out, msg, sizeof msg) != DB_OK)
		return app_fail(err, APP_FAILED, NULL, "%s", msg);
	return APP_OK;
}

struct db *app_database_pool_get(struct db_pool *p)
{
	return db_pool_get(p);
}

void app_database_pool_defer_checkpoints(struct db_pool *p)
{
	db_pool_defer_checkpoints(p);
}

void app_database_pool_free(struct db_pool *p)
{
	db_pool_free(p);
}
