/*
 * migrate.h: applies migrations/NNN_name.sql in order. Each applied migration is
 * recorded in schema_migrations (version, name, sha256 of its text, applied_at). A
 * migration whose text changed after it was applied is refused: released migrations
 * are never edited; write a new one. Each migration runs in its own transaction.
 */
#ifndef LANTERN_MIGRATE_H
#define LANTERN_MIGRATE_H

#include <stddef.h>

#include "store/db.h"
#include "util/embedded.h"

/* Applies every pending migration of `files` (sorted, NULL-terminated; names must
 * start with three digits). *applied (optional) gets the number applied. Returns 0 or
 * -1 with a message in err; nothing of a failing migration is kept. */
int migrate_run(struct db *db, const struct embedded_file *files, int *applied, char *err,
                size_t errlen);
/* Number of the newest applied migration, 0 for a new database, -1 on error. */
int migrate_current(struct db *db);
/* True if every migration in files is applied with a matching checksum. */
int migrate_check(struct db *db, const struct embedded_file *files, char *err, size_t errlen);

#endif
