/*
 * tmpdb.h: a migrated Lantern database in a temporary file, for the C tests that need
 * a real file (the view cache, group commit and the view log leave in-memory databases
 * alone). tmpdb_make creates it (its name in path, its URL in url); tmpdb_remove
 * deletes it with its write-ahead log, shared memory and view log files.
 */
#ifndef LANTERN_TEST_TMPDB_H
#define LANTERN_TEST_TMPDB_H

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>

#include "audit/audit.h"
#include "store/db.h"
#include "store/migrate.h"
#include "util/embedded.h"

struct tmpdb {
	char path[256];
	char url[300];
};

/* Creates the file and migrates it; with out not NULL, leaves it open there. */
static inline void tmpdb_make(struct tmpdb *t, struct db **out)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(t->path, sizeof t->path, "%s/lantern-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(t->path);
	if (fd < 0)
		fail_msg("mkstemp failed");
	close(fd);
	snprintf(t->url, sizeof t->url, "sqlite:%s", t->path);
	struct db *db;
	char msg[256];
	if (db_open(t->url, true, &db, msg, sizeof msg) != DB_OK)
		fail_msg("db_open: %s", msg);
	if (migrate_run(db, embedded_migrations, NULL, msg, sizeof msg) != 0)
		fail_msg("migrate_run: %s", msg);
	if (out)
		*out = db;
	else
		db_close(db);
}

static inline void tmpdb_remove(const struct tmpdb *t)
{
	static const char *const ext[] = {"",         "-wal",         "-shm",
	                                  "-viewlog", "-viewlog-wal", "-viewlog-shm"};
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		char p[300];
		snprintf(p, sizeof p, "%s%s", t->path, ext[i]);
		unlink(p);
	}
}

/* Appends per_thread view events (audit_append_shared) from each of `threads` threads,
 * each with its own connection to url; thread i acts as user "usr_<i>" on records
 * "rec_<i>_<nnn>", in order. Returns how many appends succeeded. */
struct tmpdb_worker {
	const char *url;
	int n, per_thread, ok;
};

static inline void *tmpdb_work(void *arg)
{
	struct tmpdb_worker *w = arg;
	struct db *db;
	char msg[256];
	if (db_open(w->url, false, &db, msg, sizeof msg) != DB_OK)
		return NULL;
	for (int i = 0; i < w->per_thread; i++) {
		char id[32], user[16];
		snprintf(id, sizeof id, "rec_%d_%03d", w->n, i);
		snprintf(user, sizeof user, "usr_%d", w->n);
		struct audit_event ev = {.user_id = user,
		                         .action = "view",
		                         .entity_type = "record",
		                         .entity_id = id,
		                         .fields = "all"};
		if (audit_append_shared(db, &ev) == DB_OK)
			w->ok++;
	}
	db_close(db);
	return NULL;
}

static inline int tmpdb_append_from_threads(const char *url, int threads, int per_thread)
{
	pthread_t th[64];
	struct tmpdb_worker w[64];
	int ok = 0;
	if (threads > 64)
		threads = 64;
	for (int i = 0; i < threads; i++) {
		w[i] = (struct tmpdb_worker){.url = url, .n = i, .per_thread = per_thread};
		if (pthread_create(&th[i], NULL, tmpdb_work, &w[i]) != 0)
			fail_msg("pthread_create failed");
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(th[i], NULL);
		ok += w[i].ok;
	}
	return ok;
}

#endif
