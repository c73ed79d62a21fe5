/*
 * viewcache.h: serialised record views kept in memory between changes.
 *
 * A record view is the same for every viewer who may see the record, until something it
 * shows changes, or the day changes (the child's age). The database keeps two counters
 * for this (migration 008): records.view_version, moved by triggers whenever anything
 * of that record or its child changes, and view_epoch.n, moved when a shared table
 * (boroughs, agencies, users, roles) changes. A view built inside a read transaction
 * together with the counters it read is therefore exactly the view of any later
 * transaction that reads the same counters; the cache hands that text back instead of
 * building it again. Authorisation and the audit event are never cached: the caller
 * checks and logs every view as before.
 *
 * Entries belong to one database (its file name); in-memory databases are never
 * cached. The cache is process-wide, thread-safe and bounded in bytes (oldest entries
 * leave first).
 */
#ifndef LANTERN_APP_VIEWCACHE_H
#define LANTERN_APP_VIEWCACHE_H

#include <stddef.h>
#include <stdint.h>

/* The text of one view, shared by reference; release with view_text_release. */
struct view_text {
	size_t len;
	int refs; /* atomic */
	char text[];
};

/* What a cached view depends on. */
struct view_key {
	const char *scope; /* database file name; NULL or "" means do not cache */
	const char *id;    /* record id */
	int64_t version;   /* records.view_version */
	int64_t epoch;     /* view_epoch.n */
	int32_t day;       /* the viewer's calendar day (yyyymmdd), for the age */
};

/* A new text of len bytes copied from s (one reference), or NULL when out of memory. */
struct view_text *view_text_new(const char *s, size_t len);
void view_text_retain(struct view_text *t);
void view_text_release(struct view_text *t);

/* The cached text for exactly this key (a new reference), or NULL. An entry of the
 * same record under other counters is dropped. */
struct view_text *viewcache_get(const struct view_key *k);
/* Keeps t (the cache takes its own reference) under k, replacing any entry of the
 * record. Does nothing when k has no scope or t is larger than the whole budget. */
void viewcache_put(const struct view_key *k, struct view_text *t);
/* The byte budget (default 64 MiB; the record page keeps its decorated views within
 * twice as much, handlers/pages_records.c); 0 turns the cache off and empties it. */
void viewcache_set_budget(size_t bytes);
size_t viewcache_budget(void);
/* Empties the cache. */
void viewcache_clear(void);

/* Counters, for tests and the benchmark. */
struct viewcache_stats {
	uint64_t hits, misses, entries, bytes;
};
void viewcache_stats(struct viewcache_stats *out);

#endif
