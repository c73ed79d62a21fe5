/*
 * database.h: opening, migrating and closing Lantern's database, and the server's
 * per-thread connections, for the command line and the server: they reach the
 * database through these and the use cases, never through src/store/. The database is
 * named by a URL (`sqlite:var/lantern.db`; store/db.h says which engines are built
 * in). A struct db is one connection, used by one thread at a time.
 */
#ifndef LANTERN_APP_DATABASE_H
#define LANTERN_APP_DATABASE_H

#include "app/app.h"

struct db_pool;

/* Opens the database at url, creating an empty one when `create` and there is none.
 * Unless allow_unmigrated, every migration built into this program must be applied.
 * APP_OK with *out open (close it with app_database_close); else *out is NULL and err
 * says why: APP_INVALID when the URL is malformed or names a file that is not a
 * database or is another application's; APP_CONFLICT when the schema is not up to date
 * (`lantern init` migrates it); APP_FAILED when it cannot be opened. */
int app_database_open(const char *url, bool create, bool allow_unmigrated, struct db **out,
                      struct app_err *err);
/* Closes a connection (NULL is ignored). */
void app_database_close(struct db *db);
/* Applies every pending migration (each in its own transaction). APP_OK with
 * *applied (how many were applied) and *version (the schema version now), either may
 * be NULL; APP_FAILED with err saying which migration failed and why. */
int app_database_migrate(struct db *db, int *applied, int *version, struct app_err *err);
/* The engine's message for the last failure on db (for an operator; never shown to a
 * user of the pages). */
const char *app_database_error(struct db *db);
/* Whether the database holds synthetic demo data (the pages then show the
 * demonstration banner). */
bool app_database_is_demo(struct db *db);

/* The server's connections: each thread that calls app_database_pool_get gets its own,
 * opened on first use and kept until app_database_pool_free. APP_OK with *out, or
 * APP_FAILED. */
int app_database_pool_new(const char *url, struct db_pool **out, struct app_err *err);
/* This thread's connection, or NULL when it cannot be opened. */
struct db *app_database_pool_get(struct db_pool *p);
/* The pool's connections stop checkpointing the write-ahead log themselves; the
 * caller then checkpoints regularly from elsewhere (the scheduler, app/scheduler.h). */
void app_database_pool_defer_checkpoints(struct db_pool *p);
/* Closes every connection of the pool (NULL is ignored). */
void app_database_pool_free(struct db_pool *p);

#endif
