/*
 * db_sqlite.c: the SQLite driver behind store/db.h. The only file that includes
 * sqlite3.h. Parameters written $1, $2... are bound by name, so the same SQL text
 * serves PostgreSQL. Each connection keeps a small cache of prepared statements keyed by
 * SQL text, so hot paths prepare once per connection.
 *
 * A Lantern database carries application_id 0x4C414E54 ("LANT"); an empty file is
 * stamped on first open with create=true; a non-empty SQLite file without the stamp is
 * refused as foreign, and a file that is not SQLite at all as not a database.
 */
#include "store/db.h"
#include "util/ltime.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#define LANTERN_APP_ID 0x4C414E54
#define STMT_CACHE 64

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
	char *sql; /* for cached statements */
	bool cached;
	int in_order; /* its parameters $1..$in_order are at indexes 1..in_order */
};

struct db {
	sqlite3 *h;
	bool in_tx;
	bool serialise; /* file database: write transactions take writer_lock */
	bool locked;    /* this connection holds writer_lock */
	bool durable;   /* the open transaction commits with synchronous=FULL */
	char err[256];
	struct db_stmt *cache[STMT_CACHE];
	size_t ncache;
	size_t next_evict;
};

/*
 * Write transactions of this process queue on one mutex before BEGIN IMMEDIATE. SQLite
 * itself would make a second writer retry with sleeps of growing length (the busy
 * handler), which under load turns a sub-millisecond wait into hundreds of
 * milliseconds at the tail; a mutex wakes the next writer the moment the lock is free.
 * Other processes (the command line) still meet SQLite's busy timeout. Recursive, so a
 * thread with transactions on two databases cannot deadlock itself; timed, so a stuck
 * transaction turns into DB_E_BUSY after the same 5 s as the busy timeout.
 */
static pthread_mutex_t writer_lock;
static pthread_once_t writer_once = PTHREAD_ONCE_INIT;

static void writer_lock_init(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&writer_lock, &a);
	pthread_mutexattr_destroy(&a);
}

/* Write-ahead-log frames (about 4 KiB each) past which db_checkpoint restarts the log. */
#define DB_WAL_RESTART_FRAMES 4096

static bool writer_acquire(void)
{
	pthread_once(&writer_once, writer_lock_init);
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 5;
	return pthread_mutex_timedlock(&writer_lock, &t) == 0;
}

static void writer_release(struct db *db)
{
	if (db->locked) {
		db->locked = false;
		pthread_mutex_unlock(&writer_lock);
	}
}

static int map_rc(struct db *db, int rc)
{
	if (db && rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		snprintf(db->err, sizeof db->err, "%s", sqlite3_errmsg(db->h));
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		return DB_E_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_E_BUSY;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return DB_E_NOTADB;
	case SQLITE_NOMEM:
		return DB_E_NOMEM;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		return DB_E_IO;
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		return DB_E_MISUSE;
	default:
		return DB_E_ERROR;
	}
}

const char *db_errmsg(struct db *db)
{
	return db ? db->err : "no connection";
}

const char *db_engine(struct db *db)
{
	UNUSED(db);
	return "sqlite";
}

const char *db_scope(struct db *db)
{
	const char *f = db ? sqlite3_db_filename(db->h, "main") : NULL;
	return f ? f : "";
}

#define fail(err, errlen, code, ...) (snprintf((err), (errlen), __VA_ARGS__), (code))

/* SQLite's library settings, made once before its first use. Its memory statistics
 * are off: with them on, every allocation SQLite makes takes one mutex shared by all
 * connections, which the server's threads queued on (bench/web). Lantern never reads
 * them (no sqlite3_memory_used, no soft heap limit). */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void library_init(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open(const char *url, bool create, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	pthread_once(&library_once, library_init);
	if (!url || strncmp(url, "sqlite:", 7) != 0) {
		if (url && (strncmp(url, "postgresql://", 13) == 0 ||
		            strncmp(url, "postgres://", 11) == 0))
			return fail(err, errlen, DB_E_URL,
			            "%s: the PostgreSQL driver is not built into this version",
			            "database URL");
		return fail(err, errlen, DB_E_URL,
		            "database URL must start with sqlite: or postgresql:// (got '%.40s')",
		            url ? url : "");
	}
	const char *path = url + 7;
	if (!*path || strlen(path) > 1024)
		return fail(err, errlen, DB_E_URL, "%s: empty or over-long path", "database URL");
	bool memory = strcmp(path, ":memory:") == 0;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (!memory) {
		struct stat sb;
		if (stat(path, &sb) != 0) {
			if (!create)
				return fail(err, errlen, DB_E_IO,
				            "no database at %s (create it with `lantern init`)",
				            path);
			flags |= SQLITE_OPEN_CREATE;
		} else if (!S_ISREG(sb.st_mode)) {
			return fail(err, errlen, DB_E_NOTADB, "%s is not a regular file", path);
		}
	}
	struct db *db = calloc(1, sizeof(*db));
	if (!db)
		return fail(err, errlen, DB_E_NOMEM, "%s", "out of memory");
	db->serialise = !memory;
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		         db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db);
		return DB_E_IO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	/* Reading the header tells a foreign or corrupt file apart before any write. */
	sqlite3_stmt *st = NULL;
	int64_t app_id = 0, objects = 0;
	rc = sqlite3_prepare_v2(db->h, "PRAGMA application_id", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		app_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW) {
		rc = sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
			objects = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_ROW) {
		int code = map_rc(db, rc);
		snprintf(err, errlen, "%s is not a usable database: %s", path,
		         sqlite3_errmsg(db->h));
		sqlite3_close(db->h);
		free(db);
		return code == DB_E_BUSY || code == DB_E_IO ? code : DB_E_NOTADB;
	}
	if (app_id != LANTERN_APP_ID && (app_id != 0 || objects != 0)) {
		snprintf(err, errlen, "%s is a database of another application, not Lantern's",
		         path);
		sqlite3_close(db->h);
		free(db);
		return DB_E_FOREIGN;
	}
	char *msg = NULL;
	const char *setup = memory ? "PRAGMA foreign_keys=ON;"
	                           : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                             "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
	                             /* a 32 MiB page cache per connection keeps the hot index
	                              * pages of a large children table in memory (bench/store).
	                              * No mmap: while audit writes grow the file, SQLite remaps
	                              * it in every connection, and the page-fault and unmap
	                              * storms cost a third of the web throughput (bench/web) */
	                             "PRAGMA cache_size=-32768;";
	_Static_assert(DB_CACHE_KIB == 32768, "the cache size set here is DB_CACHE_KIB");
	rc = sqlite3_exec(db->h, setup, NULL, NULL, &msg);
	if (rc == SQLITE_OK && app_id == 0)
		rc = sqlite3_exec(db->h, "PRAGMA application_id=1279348308", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot set up %s: %s", path, msg ? msg : "error");
		sqlite3_free(msg);
		int code = map_rc(db, rc);
		sqlite3_close(db->h);
		free(db);
		return code == DB_E_NOTADB ? code : DB_E_IO;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_rollback(db);
	for (size_t i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->st);
		free(db->cache[i]->sql);
		free(db->cache[i]);
	}
	sqlite3_close(db->h);
	free(db);
}

int db_cache_kib(struct db *db, int kib)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", kib > 0 ? kib : DB_CACHE_KIB);
	return db_exec(db, sql);
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		int code = map_rc(NULL, rc);
		return code == DB_OK ? DB_E_ERROR : code;
	}
	return DB_OK;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	struct db_stmt *s = calloc(1, sizeof(*s));
	if (!s)
		return DB_E_NOMEM;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
	if (rc != SQLITE_OK) {
		free(s);
		return map_rc(db, rc);
	}
	s->db = db;
	/* parameters numbered in order of appearance are bound by number, not looked up by
	 * name (a lookup reads every name: slow for a statement of many rows) */
	int np = sqlite3_bind_parameter_count(s->st);
	for (int i = 1; i <= np; i++) {
		const char *name = sqlite3_bind_parameter_name(s->st, i);
		char want[16];
		snprintf(want, sizeof want, "$%d", i);
		if (!name || strcmp(name, want) != 0)
			break;
		s->in_order = i;
	}
	*out = s;
	return DB_OK;
}

int db_cached(struct db *db, const char *sql, struct db_stmt **out)
{
	for (size_t i = 0; i < db->ncache; i++) {
		if (strcmp(db->cache[i]->sql, sql) == 0) {
			*out = db->cache[i];
			sqlite3_reset((*out)->st);
			sqlite3_clear_bindings((*out)->st);
			return DB_OK;
		}
	}
	struct db_stmt *s;
	int rc = db_prepare(db, sql, &s);
	if (rc != DB_OK)
		return rc;
	s->sql = strdup(sql);
	if (!s->sql) {
		db_finalize(s);
		return DB_E_NOMEM;
	}
	s->cached = true;
	if (db->ncache == STMT_CACHE) {
		/* evict round-robin: the cache is a bound on memory, not an LRU */
		struct db_stmt *old = db->cache[db->next_evict];
		sqlite3_finalize(old->st);
		free(old->sql);
		free(old);
		db->cache[db->next_evict] = s;
		db->next_evict = (db->next_evict + 1) % STMT_CACHE;
	} else {
		db->cache[db->ncache++] = s;
	}
	*out = s;
	return DB_OK;
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	if (st->cached) {
		sqlite3_reset(st->st);
		return;
	}
	sqlite3_finalize(st->st);
	free(st);
}

void db_reset(struct db_stmt *st)
{
	if (st)
		sqlite3_reset(st->st);
}

/* Index of $n in the statement, or 0 if it has no such parameter. */
static int param_index(struct db_stmt *st, int n)
{
	if (n >= 1 && n <= st->in_order)
		return n;
	char name[16];
	snprintf(name, sizeof name, "$%d", n);
	return sqlite3_bind_parameter_index(st->st, name);
}

#define BIND(expr)                                                                                 \
	int i = param_index(st, n);                                                                \
	if (i == 0) {                                                                              \
		snprintf(st->db->err, sizeof st->db->err, "no parameter $%d in statement", n);     \
		return DB_E_MISUSE;                                                                \
	}                                                                                          \
	return map_rc(st->db, (expr))

int db_bind_text(struct db_stmt *st, int n, const char *s)
{
	BIND(s ? sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT)
	       : sqlite3_bind_null(st->st, i));
}

int db_bind_int64(struct db_stmt *st, int n, int64_t v)
{
	BIND(sqlite3_bind_int64(st->st, i, v));
}

int db_bind_null(struct db_stmt *st, int n)
{
	BIND(sqlite3_bind_null(st->st, i));
}

int db_bind_blob(struct db_stmt *st, int n, const void *p, size_t len)
{
	BIND(sqlite3_bind_blob64(st->st, i, p, len, SQLITE_TRANSIENT));
}

int db_step(struct db_stmt *st)
{
	return map_rc(st->db, sqlite3_step(st->st));
}

enum db_type db_column_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(st->st, i)) {
	case SQLITE_INTEGER:
		return DB_TYPE_INTEGER;
	case SQLITE_FLOAT:
		return DB_TYPE_FLOAT;
	case SQLITE_TEXT:
		return DB_TYPE_TEXT;
	case SQLITE_BLOB:
		return DB_TYPE_BLOB;
	default:
		return DB_TYPE_NULL;
	}
}

double db_column_double(struct db_stmt *st, int i)
{
	return sqlite3_column_double(st->st, i);
}

int db_column_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->st);
}

const char *db_column_name(struct db_stmt *st, int i)
{
	return sqlite3_column_name(st->st, i);
}

bool db_column_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *db_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->st, i);
}

int64_t db_column_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const void *db_column_blob(struct db_stmt *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(st->st, i);
	*len = (size_t)sqlite3_column_bytes(st->st, i);
	return p;
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

int db_begin(struct db *db)
{
	if (db->in_tx) {
		snprintf(db->err, sizeof db->err, "transaction already open");
		return DB_E_MISUSE;
	}
	if (db->serialise) {
		if (!writer_acquire()) {
			snprintf(db->err, sizeof db->err, "database is busy (writer queue)");
			return DB_E_BUSY;
		}
		db->locked = true;
	}
	int rc = db_exec(db, "BEGIN IMMEDIATE");
	if (rc == DB_OK)
		db->in_tx = true;
	else
		writer_release(db);
	return rc;
}

void db_private_writer(struct db *db)
{
	db->serialise = false;
}

int db_defer_checkpoints(struct db *db)
{
	return db_exec(db, "PRAGMA wal_autocheckpoint=0");
}

int db_begin_durable(struct db *db)
{
	if (db->in_tx) {
		snprintf(db->err, sizeof db->err, "transaction already open");
		return DB_E_MISUSE;
	}
	int rc = db_exec(db, "PRAGMA synchronous=FULL");
	if (rc == DB_OK)
		rc = db_begin(db);
	if (rc == DB_OK)
		db->durable = true;
	else
		db_exec(db, "PRAGMA synchronous=NORMAL");
	return rc;
}

/* After a durable transaction ends: back to commits synced at checkpoints. */
static void durable_end(struct db *db)
{
	if (db->durable) {
		db->durable = false;
		db_exec(db, "PRAGMA synchronous=NORMAL");
	}
}

int db_begin_read(struct db *db)
{
	if (db->in_tx) {
		snprintf(db->err, sizeof db->err, "transaction already open");
		return DB_E_MISUSE;
	}
	/* a deferred transaction: a consistent snapshot, no write lock (WAL lets readers
	 * run beside the writer) */
	int rc = db_exec(db, "BEGIN");
	if (rc == DB_OK)
		db->in_tx = true;
	return rc;
}

int db_commit(struct db *db)
{
	if (!db->in_tx)
		return DB_E_MISUSE;
	int rc = db_exec(db, "COMMIT");
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	db->in_tx = false;
	writer_release(db);
	durable_end(db);
	return DB_OK;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	/* reset statements so none holds the transaction open */
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_reset(db->cache[i]->st);
	if (sqlite3_get_autocommit(db->h) == 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = false;
	writer_release(db);
	durable_end(db);
}

/* The restart checkpoint's busy handler: readers hold the log for well under a
 * millisecond, so it looks again every 100 us (SQLite's own handler sleeps 1, 2, 5,
 * 10, 15, 20 ms... while writers queue behind it), for at most a second. */
static int checkpoint_busy(void *ctx, int n)
{
	UNUSED(ctx);
	if (n >= 10000)
		return 0;
	struct timespec ts = {0, 100000};
	nanosleep(&ts, NULL);
	return 1;
}

int db_checkpoint(struct db *db)
{
	/* A passive checkpoint blocks nobody: it copies what it can and syncs. But under a
	 * steady stream of short readers the log never starts again from its beginning
	 * (some reader always holds a snapshot in it): it grows without end, each page
	 * lookup searches more of it and each append extends the file (bench/web). So once
	 * it holds DB_WAL_RESTART_FRAMES, a restart checkpoint makes the next writer start
	 * it again. That one holds this process's writers (queued on the writer lock, not
	 * sleeping in SQLite's busy handler) while it copies what is left and syncs, so
	 * first as little as possible is left: passive passes until one finds almost
	 * nothing new, then a sync of the database file by this thread, while nobody
	 * waits. */
	int log = 0, done = 0;
	int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if (rc != SQLITE_OK || !db->serialise || log < DB_WAL_RESTART_FRAMES)
		return rc == SQLITE_OK ? DB_OK : map_rc(db, rc);
	for (int pass = 0; pass < 4; pass++) {
		int64_t t0 = ltime_mono_ns();
		rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
		if (rc != SQLITE_OK)
			return map_rc(db, rc);
		if (ltime_mono_ns() - t0 < 2000000)
			break;
	}
	/* through SQLite's own handle: opening and closing another descriptor of the file
	 * would drop every POSIX lock this process holds on it */
	sqlite3_file *f = NULL;
	if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_FILE_POINTER, &f) == SQLITE_OK && f &&
	    f->pMethods)
		(void)f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
	if (!writer_acquire())
		return DB_OK; /* writers busy for seconds: the next call tries again */
	sqlite3_busy_handler(db->h, checkpoint_busy, NULL);
	rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	sqlite3_busy_timeout(db->h, 5000);
	pthread_mutex_unlock(&writer_lock);
	return rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY ? DB_OK : map_rc(db, rc);
}

bool db_in_tx(struct db *db)
{
	return db->in_tx;
}

/* ---- per-thread connections ---- */

struct db_pool {
	char *url;
	bool defer_checkpoints;
	pthread_key_t key;
	pthread_mutex_t mu;
	struct db **all;
	size_t n, cap;
};

int db_pool_new(const char *url, struct db_pool **out, char *err, size_t errlen)
{
	*out = NULL;
	struct db *probe;
	int rc = db_open(url, false, &probe, err, errlen);
	if (rc != DB_OK)
		return rc;
	struct db_pool *p = calloc(1, sizeof(*p));
	if (!p || !(p->url = strdup(url)) || pthread_key_create(&p->key, NULL) != 0) {
		if (p)
			free(p->url);
		free(p);
		db_close(probe);
		snprintf(err, errlen, "out of memory");
		return DB_E_NOMEM;
	}
	pthread_mutex_init(&p->mu, NULL);
	p->all = malloc(sizeof(*p->all) * 8);
	p->cap = p->all ? 8 : 0;
	if (p->all)
		p->all[p->n++] = probe;
	else
		db_close(probe);
	pthread_setspecific(p->key, p->all ? probe : NULL);
	*out = p;
	return DB_OK;
}

void db_pool_defer_checkpoints(struct db_pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->defer_checkpoints = true;
	for (size_t i = 0; i < p->n; i++)
		db_defer_checkpoints(p->all[i]);
	pthread_mutex_unlock(&p->mu);
}

struct db *db_pool_get(struct db_pool *p)
{
	struct db *db = pthread_getspecific(p->key);
	if (db)
		return db;
	char err[256];
	if (db_open(p->url, false, &db, err, sizeof err) != DB_OK)
		return NULL;
	pthread_mutex_lock(&p->mu);
	if (p->defer_checkpoints)
		db_defer_checkpoints(db);
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		struct db **a = realloc(p->all, cap * sizeof(*a));
		if (!a) {
			pthread_mutex_unlock(&p->mu);
			db_close(db);
			return NULL;
		}
		p->all = a;
		p->cap = cap;
	}
	p->all[p->n++] = db;
	pthread_mutex_unlock(&p->mu);
	pthread_setspecific(p->key, db);
	return db;
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		db_close(p->all[i]);
	free(p->all);
	pthread_key_delete(p->key);
	pthread_mutex_destroy(&p->mu);
	free(p->url);
	free(p);
}
