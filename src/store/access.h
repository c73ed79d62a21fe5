/*
 * access.h (store): the SQL side of who may see a child (src/protocol/access.h). The
 * visibility rule is turned into SQL once, here, as STORE_VISIBLE; the per-record check
 * (store_child_visible) and every list that filters children by viewer use it, so a
 * list never shows a child the record page would refuse, or the other way round.
 * Case membership (child_agencies) and grants (access_grants) are written here too.
 */
#ifndef LANTERN_STORE_ACCESS_H
#define LANTERN_STORE_ACCESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/ltime.h"

/* Who is looking, as the visibility predicate needs it. `all`: sees every child
 * (ACCESS_ALL); otherwise the children of the agency's cases, the user's allocations and
 * the user's grants current at `now`. */
struct store_viewer {
	bool all;
	const char *agency_id; /* NULL or "" for none */
	const char *user_id;   /* NULL or "" for none */
	char now[LT_TIME_LEN]; /* ISO 8601 UTC */
};
void store_viewer_init(struct store_viewer *v, bool all, const char *agency_id, const char *user_id,
                       int64_t now);

/* The child ids a viewer sees by membership, as a subquery; S, A, U, T are the
 * parameter names ("$4"...) of the viewer's `all` flag (0/1), agency, user and time. */
#define STORE_MEMBER_CHILDREN(A, U, T)                                                             \
	"(SELECT ca.child_id FROM child_agencies ca WHERE ca.agency_id = " A                       \
	" AND ca.kind <> 'filed' AND ca.ended_at IS NULL"                                          \
	" UNION SELECT sw.id FROM children sw WHERE sw.social_worker_id = " U                      \
	" UNION SELECT g.child_id FROM access_grants g WHERE g.user_id = " U                       \
	" AND g.status = 'granted' AND g.starts_at <= " T " AND g.ends_at > " T ")"

/* The predicate: the child in column `col` is visible to the viewer. */
#define STORE_VISIBLE(col, S, A, U, T)                                                             \
	"(" S " = 1 OR " col " IN " STORE_MEMBER_CHILDREN(A, U, T) ")"

/* Binds a viewer to parameters first..first+3 (S, A, U, T in that order). */
void store_viewer_bind(struct db_stmt *st, int first, const struct store_viewer *v);

/* Whether the viewer may see child `child_id` (same predicate as the lists). *out is
 * false also when there is no such child. */
int store_child_visible(struct db *db, const struct store_viewer *v, const char *child_id,
                        bool *out);

/* Kinds of case membership (010_access.sql). */
#define MEMBER_ROUTED "routed"
#define MEMBER_ALLOCATED "allocated"
#define MEMBER_ADDED "added"
#define MEMBER_HOME_AUTHORITY "home_authority"
#define MEMBER_FILED "filed"

/* Makes agency a member of the child's case (or records that it filed, for
 * MEMBER_FILED). An existing membership is kept as it is, except that a 'filed' or
 * ended row becomes the new kind. `added_by` may be NULL. */
int store_member_add(struct db *db, const char *child_id, const char *agency_id, const char *kind,
                     const char *reason, const char *added_by, int64_t at);
/* As store_member_add, for every agency of `type` in borough `borough_id`. */
int store_members_add_by_type(struct db *db, const char *child_id, const char *type,
                              const char *borough_id, const char *kind, const char *reason,
                              int64_t at);
/* Ends an agency's membership (kept, with ended_at). DB_DONE when it was not a current
 * member of a kind that grants access. */
int store_member_end(struct db *db, const char *child_id, const char *agency_id, int64_t at);
/* The case's agencies, current members first: [{agency_id, agency, agency_type, kind,
 * reason, since, added_by_name, ended_at}]. */
json_t *store_members(struct db *db, const char *child_id, int *rc);

/* A grant, as stored (text from the database: valid until the next call). */
struct access_grant_row {
	char id[32], child_id[32], user_id[32], status[16];
	char reason[2048]; /* cut to fit, as ever */
	int64_t days;
	int64_t requested_at, starts_at, ends_at; /* 0 when not set */
};
int store_access_grant_insert(struct db *db, const char *id, const char *child_id,
                              const char *user_id, const char *reason, int64_t days, int64_t at);
/* DB_ROW with *g filled, or DB_DONE. */
int store_access_grant_get(struct db *db, const char *id, struct access_grant_row *g);
/* A decision on grant `id` in status `from`: status "granted" (with starts and ends),
 * "refused", "withdrawn" or "ended" (starts 0: the times are kept). decided_by and note
 * NULL keep what is stored. */
struct store_access_decision {
	const char *id, *from, *status, *decided_by, *note;
	int64_t at, starts, ends;
};
/* Sets the decision. Only a grant in status `from` changes; DB_DONE otherwise. */
int store_access_grant_decide(struct db *db, const struct store_access_decision *d);
/* Requests waiting for a decision, oldest first: [{id, child_id, given_names,
 * family_name, user_id, user_name, agency, reason, days, requested_at}]. */
json_t *store_access_grants_pending(struct db *db, int limit, int *rc);
/* A child's grants current at `now` or waiting: [{id, user_name, agency, status, reason,
 * starts_at, ends_at, decided_by_name}]. */
json_t *store_access_grants_of_child(struct db *db, const char *child_id, int64_t now, int *rc);
/* A user's own requests and grants, newest first. */
json_t *store_access_grants_of_user(struct db *db, const char *user_id, int limit, int *rc);

/* R-MISS-7: the children's social care agency a placing (home) authority names: an
 * agency of that type by id or name, or the one children's social care agency of a
 * borough named by id, name or code. DB_ROW with its id, or DB_DONE. */
int store_authority_find(struct db *db, const char *key, char id[32]);
/* Sets the child's home authority agency (R-MISS-7). */
int store_child_set_home_authority(struct db *db, const char *child_id, const char *agency_id);

/* How many audit events of `action` the user wrote at or after `since` (search
 * throttling). */
int store_audit_count_since(struct db *db, const char *user_id, const char *action, int64_t since,
                            int64_t *out);

#endif
