/*
 * orders.h (store): orders, notices and the other disruptions of persons of concern,
 * places and vehicles (migrations/012_disruption.sql), with their breaches, the name and
 * address changes of a Sexual Risk Order's subject and the history of every write; the
 * outcome codes on a person of concern; what the deadline engine and the borough's
 * summary read. The facts are written from a struct disruption (protocol/orders.h) that
 * the use case has validated; the rules are not checked here. Callers own transactions.
 * Instants are int64 UTC seconds in this API and ISO 8601 text in the database; dates are
 * struct lt_date ({0, 0, 0}: not set) and YYYY-MM-DD text.
 */
#ifndef LANTERN_STORE_ORDERS_H
#define LANTERN_STORE_ORDERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "protocol/orders.h"
#include "store/db.h"

/* Runs `sql` with parameters from $1 typed as db_run's (store/db.h) and returns every
 * row (NULL with *rc on failure). For the store files of the disruption family
 * (orders.c, plans.c, cj.c). */
json_t *store_rows(struct db *db, int *rc, const char *sql, const char *types, ...);

/* Who wrote a disruption, and what it is filed under. */
struct store_disruption_meta {
	const char *id;
	const char *borough_id, *agency_id; /* may be NULL */
	const char *cj_case_id;             /* an arrest or charge of a CJ case, or NULL */
	const char *by, *by_name;           /* by: NULL for the system operator */
	bool restricted, demo;
	int64_t at;
};

/* Inserts disruption d (every column from its facts, its breaches and its name and
 * address changes) and a first history row listing `fields`. */
int store_disruption_insert(struct db *db, const struct disruption *d,
                            const struct store_disruption_meta *m, const char *fields);

/* A change of disruption `id` to the facts `d` now holds. */
struct store_disruption_set {
	const char *id;
	const struct disruption *d;
	size_t old_breaches, old_changes; /* how many of d's breaches and changes are stored */
	const char *fields, *note;        /* for the history row */
	const char *by, *by_name;
	int64_t at;
};
/* Writes the facts of the disruption as u->d holds them: every column; breaches from
 * index `old_breaches` on are added (earlier ones are kept as stored); changes from
 * `old_changes` on are added, and the notification time of earlier ones is set where d
 * now has one; a history row lists `fields` with `note`. DB_DONE when there is none. */
int store_disruption_update(struct db *db, const struct store_disruption_set *u);

/* The disruption as stored: every column ("in_care" and the like as 0/1 integers), with
 * "breaches" [{on_date, recorded_at, recorded_by_name}], "changes" [{changed_at,
 * notified_at}] and "history" [{status, fields, note, recorded_at, recorded_by_name}],
 * oldest first, and the labels of what it is against ("person_label", "place_label",
 * "vehicle_label", child's "child_given_names"/"child_family_name"). NULL with *rc =
 * DB_DONE when there is none. */
json_t *store_disruption_get(struct db *db, const char *id, int *rc);

/* What the use cases need to decide about disruption `id` (text copied). */
struct disruption_head {
	char id[32], type[24], person_id[32], child_id[32], place_id[32], vehicle_id[32];
	bool restricted;
};
/* DB_ROW (filled) or DB_DONE. */
int store_disruption_head(struct db *db, const char *id, struct disruption_head *h);

/* The disruptions whose column `target` ("person_id", "place_id", "vehicle_id" or
 * "child_id") is `id`, newest first, restricted ones only when `restricted`: [{id, type,
 * class, status, applied_on, made_on, served_at, serving_officer, varied_on,
 * expired_on, discharged_on, ends_on, on_date, until_date, offence, note, person_id,
 * person_label, child_id, place_id, place_label, vehicle_id, vehicle_label, breaches (a
 * count), cj_case_id, created_at, created_by_name}]. */
json_t *store_disruptions_of(struct db *db, const char *target, const char *id, bool restricted,
                             int *rc);

/* R-OUT-2..5: outcome `code` (FP, FO, FQ) of person `person_id`, achieved on date
 * `on`, warranted by disruption `source_id`. */
struct store_person_outcome_new {
	const char *id, *person_id, *code;
	struct lt_date on;
	const char *note, *source_id, *by;
	int64_t at;
};
int store_person_outcome_add(struct db *db, const struct store_person_outcome_new *o);
/* The person's outcome codes, oldest first: [{id, code, achieved_on, note, source_id,
 * recorded_at, recorded_by_name}]. */
json_t *store_person_outcomes(struct db *db, const char *person_id, int *rc);

/* The children a current link that is not restricted joins person `person_id` to
 * (directly, or through one of the child's missing episodes): [{child_id}], each once. */
json_t *store_person_children(struct db *db, const char *person_id, int *rc);

/* R-ORD-1: the child's date of birth (unset when not known) and whether the child was
 * in local authority care on date `on`: a 'looked_after' increased-risk group of the
 * child covering the date when the child has any such group recorded, else the child's
 * looked-after flag. DB_ROW, or DB_DONE when there is no such child. */
int store_child_care_on(struct db *db, const char *child_id, struct lt_date on, struct lt_date *dob,
                        bool *in_care);

/* R-DL-4: orders that may have deadlines (Sexual Risk Orders and Sexual Harm Prevention
 * Orders not expired or discharged), recorded by `agency_id` (NULL: every agency), at
 * most `limit`, oldest first: [{id, type, status, person_id, person_label, made_on,
 * served_at, notified_at, travel_restricted, travel_from, travel_until, agency_id,
 * restricted, changes: [{changed_at, notified_at}]}]. */
json_t *store_order_deadline_rows(struct db *db, const char *agency_id, int limit, int *rc);

/* R-ORD-4, R-RPT-1: the borough's disruptions counted by type and status ("" for the
 * classes without a status), restricted ones only when `restricted`: [{type, status,
 * n}]. */
json_t *store_disruption_counts(struct db *db, const char *borough_id, bool restricted, int *rc);

#endif
