/*
 * db.h: Lantern's one driver-neutral database API. Everything above src/store/ talks to
 * a database through this header only; nothing of sqlite3.h (or later libpq-fe.h)
 * leaks past its driver file.
 *
 * SQL is written once for both engines: parameters are $1, $2... (bound by number),
 * new rows return their key with RETURNING, booleans are integers 0/1, times are
 * ISO 8601 UTC text, IDs are text. Above the store an instant is an int64_t (seconds
 * since the epoch) and a date a struct lt_date: db_bind_time and db_bind_date (and the
 * 't', 'T' and 'D' types of db_run) are the one place they become column text, and
 * row_read (store/rows.h) the one place they are read back.
 *
 * A struct db is one connection and must be used by one thread at a time; the server
 * gives each worker thread its own (db_pool). Statements belong to their connection.
 *
 * Return codes: functions return DB_OK (0) on success or a negative DB_E_* code;
 * db_step() returns DB_ROW or DB_DONE, or a negative code. db_errmsg() describes the
 * last error on the connection (engine text: for logs, not for users).
 */
#ifndef LANTERN_DB_H
#define LANTERN_DB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum {
	DB_OK = 0,
	DB_ROW = 1,
	DB_DONE = 2,
	DB_E_ERROR = -1,      /* any other failure */
	DB_E_CONSTRAINT = -2, /* unique, foreign key, check or not-null constraint */
	DB_E_BUSY = -3,       /* locked past the busy timeout */
	DB_E_NOTADB = -4,     /* the file is not a database, or is corrupt */
	DB_E_FOREIGN = -5,    /* a database of some other application */
	DB_E_URL = -6,        /* the URL is malformed or names an engine not built in */
	DB_E_NOMEM = -7,
	DB_E_IO = -8,     /* disk I/O error or disk full */
	DB_E_MISUSE = -9, /* wrong parameter number, bad state */
	DB_E_RANGE = -10, /* a column value does not fit where it is read into (row_read), or
	                     an instant or date to bind is out of range (db_bind_time) */
};

/* Opens a connection. URLs: "sqlite:PATH" (PATH relative to the working directory;
 * "sqlite::memory:" for a private in-memory database). On SQLite the connection uses
 * WAL, foreign_keys=ON, busy_timeout=5000, synchronous=NORMAL, and checks that the
 * file is a Lantern database (application_id) or empty. `create`: false refuses to
 * create a missing file (DB_E_IO with a message), so that only `lantern init` makes
 * new databases. On failure *out is NULL and err holds a message. */
int db_open(const char *url, bool create, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
const char *db_errmsg(struct db *db);
/* "sqlite" or "postgresql". */
const char *db_engine(struct db *db);
/* What names this database for caches shared between connections: its file name, or
 * "" for an in-memory database (never shared). */
const char *db_scope(struct db *db);

/* Runs SQL text without parameters (may hold several statements). */
int db_exec(struct db *db, const char *sql);

/* The connection's page cache, in KiB; 0 sets it back to the usual size. A bulk write
 * in one transaction (an import) keeps its pages in memory with a larger one instead of
 * writing them out and reading them back. DB_OK or an error. */
#define DB_CACHE_KIB 32768
int db_cache_kib(struct db *db, int kib);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* A statement cached on the connection by its SQL text (compare by content); reset
 * and with bindings cleared. Do not finalize it; call db_reset() when done so it
 * releases its read snapshot. */
int db_cached(struct db *db, const char *sql, struct db_stmt **out);
void db_finalize(struct db_stmt *st);
void db_reset(struct db_stmt *st);

/* Parameter n is $n (1-based). Text is copied. NULL text binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int n, const char *s);
int db_bind_int64(struct db_stmt *st, int n, int64_t v);
int db_bind_null(struct db_stmt *st, int n);
int db_bind_blob(struct db_stmt *st, int n, const void *p, size_t len);
/* Instant t (UTC seconds) as the stored ISO 8601 text "YYYY-MM-DDTHH:MM:SSZ";
 * DB_E_RANGE (nothing bound) for an instant outside the years 1900..2200, which
 * row_read could not read back. */
int db_bind_time(struct db_stmt *st, int n, int64_t t);
/* Date d as "YYYY-MM-DD"; SQL NULL when d is not set (year 0); DB_E_RANGE for a date
 * that is not valid (ltime_date_valid). */
struct lt_date;
int db_bind_date(struct db_stmt *st, int n, const struct lt_date *d);

int db_step(struct db_stmt *st);

/* The storage type of column i in the current row. */
enum db_type { DB_TYPE_NULL, DB_TYPE_INTEGER, DB_TYPE_FLOAT, DB_TYPE_TEXT, DB_TYPE_BLOB };
enum db_type db_column_type(struct db_stmt *st, int i);
double db_column_double(struct db_stmt *st, int i);

int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int i);
bool db_column_is_null(struct db_stmt *st, int i);
/* Valid until the next step/reset/finalize; NULL for SQL NULL. */
const char *db_column_text(struct db_stmt *st, int i);
int64_t db_column_int64(struct db_stmt *st, int i);
const void *db_column_blob(struct db_stmt *st, int i, size_t *len);

/* Number of rows the last INSERT/UPDATE/DELETE changed. */
int64_t db_changes(struct db *db);

/*
 * Convenience: prepare (cached), bind by a type string and run to completion.
 * Types: 's' const char * (NULL -> NULL), 'i' int64_t, 'd' int (promoted), 'b' bool
 * (promoted; bound 0/1), 't' int64_t instant (db_bind_time), 'T' int64_t instant or,
 * when 0, NULL, 'D' struct lt_date (db_bind_date: NULL when not set), 'n' no argument
 * (binds NULL). db_run ignores rows; db_query_text copies the first column of the
 * first row into out (empty string and DB_DONE if no row).
 */
int db_run(struct db *db, const char *sql, const char *types, ...);
int db_query_int64(struct db *db, int64_t *out, const char *sql, const char *types, ...);
int db_query_text(struct db *db, char *out, size_t outlen, const char *sql, const char *types, ...);
/* Binds parameters first, first + 1... of st per `types` as db_run's. */
int db_bind_args(struct db_stmt *st, int first, const char *types, ...);
int db_vbind(struct db_stmt *st, int first, const char *types, va_list ap);
/* Prepares sql (cached) and binds the arguments per `types` as db_run: *out is the
 * statement to step (db_reset it when done), or NULL with the error returned. */
int db_query_stmt(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...);
int db_vquery_stmt(struct db *db, struct db_stmt **out, const char *sql, const char *types,
                   va_list ap);

/*
 * Transactions. db_begin starts one (BEGIN IMMEDIATE on SQLite, so a writer takes the
 * write lock at once); nesting is a misuse. db_tx runs fn inside a transaction and
 * commits if fn returns 0, otherwise rolls back and returns fn's result: a use case
 * therefore never leaves half its writes behind.
 */
int db_begin(struct db *db);
/* This connection is the only writer of its file in this process (the view log): its
 * transactions do not queue on the process's writer lock (which orders the writers of
 * the main database). */
void db_private_writer(struct db *db);
/* This connection no longer checkpoints the write-ahead log inside its commits; the
 * caller must call db_checkpoint regularly from elsewhere. */
int db_defer_checkpoints(struct db *db);
/* As db_begin, but the commit is on disk when db_commit returns (SQLite: synchronous=
 * FULL for this one transaction; other commits are synced at checkpoints). */
int db_begin_durable(struct db *db);
/* Starts a read-only transaction: one consistent snapshot and no write lock, so it runs
 * beside writers. Writing inside it is a misuse. End it with db_commit or db_rollback. */
int db_begin_read(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
bool db_in_tx(struct db *db);
/* Copies committed write-ahead-log pages into the database without blocking readers
 * or writers (a passive checkpoint). Returns a DB code. */
int db_checkpoint(struct db *db);
int db_tx(struct db *db, int (*fn)(struct db *db, void *ctx), void *ctx);

/*
 * Per-thread connections for the server: each thread that calls db_pool_get gets its
 * own connection, opened on first use and kept until db_pool_free.
 */
struct db_pool;
int db_pool_new(const char *url, struct db_pool **out, char *err, size_t errlen);
/* The pool's connections stop checkpointing the write-ahead log themselves (so no
 * request ever pays for a checkpoint); the caller must then call db_checkpoint
 * regularly from elsewhere (the server's scheduler does, every second). */
void db_pool_defer_checkpoints(struct db_pool *p);
struct db *db_pool_get(struct db_pool *p);
void db_pool_free(struct db_pool *p);

#endif
