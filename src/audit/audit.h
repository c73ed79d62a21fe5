/*
 * audit.h: the append-only, hash-chained audit log (R-INFO-2). Every create, view,
 * search, change, export, disclosure, link and erasure writes one event in the same
 * transaction as the thing it records. Each event stores the hash of the previous event
 * and its own hash over (seq, previous hash, every field), so editing, deleting or
 * reordering any event breaks the chain at that point, and audit_verify finds it.
 * The database refuses UPDATE and DELETE on audit_events (triggers in 001_base.sql).
 */
#ifndef LANTERN_AUDIT_H
#define LANTERN_AUDIT_H

#include <stdint.h>

#include "store/db.h"

struct audit_event {
	const char *user_id; /* NULL for the system itself */
	const char *agency_id;
	const char *action;      /* create, view, search, change, correct, export, disclose,
	                            link, sign_in, sign_out, sign_in_failed, ... */
	const char *entity_type; /* child, record, referral, user, agency, ... */
	const char *entity_id;
	const char *record_ref; /* the child's record reference, when there is one */
	const char *fields;     /* which fields were viewed or changed (comma list) */
	const char *purpose;    /* why, where given (break-glass reason, export purpose) */
	int64_t at;             /* 0: now */
};

/* Appends one event. Must be called inside the caller's transaction. Returns DB_OK or
 * a DB_E_* code. */
int audit_append(struct db *db, const struct audit_event *ev);

/* The end of the chain within one write transaction, for appending many events without
 * reading it back for each: audit_chain_head reads it, audit_append_to appends after it
 * and moves it. Valid until the transaction ends (nothing else can append meanwhile:
 * the transaction holds the write lock). */
struct audit_chain {
	int64_t seq;   /* the last event's, 0 when there is none */
	char hash[65]; /* its hash, the genesis value when there is none */
};
int audit_chain_head(struct db *db, struct audit_chain *c);
int audit_append_to(struct db *db, struct audit_chain *c, const struct audit_event *ev);

/* Appends one event that stands alone (it records something which itself writes
 * nothing, such as a view) and returns once it has committed (DB_OK) or failed (a
 * DB_E_* code; nothing kept). Where this process keeps a view log for db's database
 * (viewlog.h) the event commits there, with other threads' events (group commit);
 * otherwise in a transaction of its own. db must have no open transaction. */
int audit_append_shared(struct db *db, const struct audit_event *ev);

struct audit_verify_result {
	int64_t events;    /* events checked */
	int64_t first_bad; /* seq of the first event whose link is broken, 0 if none */
	char problem[160]; /* what is wrong with it */
};

/* Walks the whole chain. Returns 0 if intact, 1 if broken (details in r), or a
 * negative DB_E_* code if the log could not be read. */
int audit_verify(struct db *db, struct audit_verify_result *r);

#endif
