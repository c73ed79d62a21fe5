/*
 * bench_db.h: what the store benchmarks share: a monotonic clock, the process's CPU
 * clock, a line of latency figures against a target, and a throwaway
 * SQLite database, fully migrated, in a new directory under /tmp that is removed
 * afterwards unless it is to be kept. Header-only, since each benchmark is one file.
 */
#ifndef LANTERN_BENCH_DB_H
#define LANTERN_BENCH_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
#include "util/embedded.h"

/* A benchmark's database and where it lives. */
struct bench_db {
	char dir[64];   /* the directory made for it */
	char path[112]; /* dir/bench.db */
	struct db *db;
};

/* Seconds on the monotonic clock. */
static inline double bench_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This process's CPU time in seconds (user and system): what a call costs, apart from
 * waiting for a core on a loaded machine. */
static inline double bench_cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorts the n latencies lat (seconds) and prints one line: p50, p99 and max in ms, and
 * whether the p99 is under target_ms. `width` is the label's column width. */
static inline void bench_report(const char *what, int width, double *lat, size_t n,
                                double target_ms)
{
	qsort(lat, n, sizeof *lat, bench_cmp_double);
	double p99 = lat[n * 99 / 100 < n ? n * 99 / 100 : n - 1] * 1e3;
	printf("%-*s runs %4zu  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  target %.0f ms: %s\n",
	       width, what, n, lat[n / 2] * 1e3, p99, lat[n - 1] * 1e3, target_ms,
	       p99 < target_ms ? "met" : "MISSED");
}

/* Makes a directory from dir_template (a /tmp path ending in XXXXXX) and a migrated
 * database bench.db in it. Returns 0 with b->db open; else prints the error (as
 * "NAME: message" for a database error) and returns 1. */
static inline int bench_db_open(struct bench_db *b, const char *dir_template, const char *name)
{
	char url[128], msg[512];
	snprintf(b->dir, sizeof b->dir, "%s", dir_template);
	if (!mkdtemp(b->dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(b->path, sizeof b->path, "%s/bench.db", b->dir);
	snprintf(url, sizeof url, "sqlite:%s", b->path);
	if (db_open(url, true, &b->db, msg, sizeof msg) != DB_OK ||
	    migrate_run(b->db, embedded_migrations, NULL, msg, sizeof msg) < 0) {
		fprintf(stderr, "%s: %s\n", name, msg);
		return 1;
	}
	return 0;
}

/* Closes the database; then removes its files and directory, or with keep prints
 * "kept PATH". */
static inline void bench_db_close(struct bench_db *b, bool keep)
{
	db_close(b->db);
	b->db = NULL;
	if (keep) {
		printf("kept %s\n", b->path);
		return;
	}
	char side[128];
	unlink(b->path);
	snprintf(side, sizeof side, "%s-wal", b->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", b->path);
	unlink(side);
	rmdir(b->dir);
}

#endif
