/*
 * mase.h (store): the monthly multi-agency meeting (migrations/020_mase.sql): each
 * borough's schedule (R-MASE-1), the meetings held with their attendees and what they
 * broke (R-MASE-2, R-MASE-3), the cases discussed with their decisions (R-MASE-7), the
 * chair's duties and minutes (R-MASE-8), and the facts the generated agenda is made of
 * (R-MASE-6): referrals received per agency, the borough's open cases, the persons of
 * concern and places linked to them. The rules are in protocol/mase.h; the use cases
 * (app/mase.c) check them and gate each item before anything is shown. Callers own
 * transactions. Instants are int64 UTC seconds in this API.
 */
#ifndef LANTERN_STORE_MASE_H
#define LANTERN_STORE_MASE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "protocol/mase.h"
#include "store/access.h"
#include "store/db.h"

/* R-MASE-1: sets borough `borough_id`'s schedule. */
int store_mase_schedule_set(struct db *db, const char *borough_id, const struct mase_schedule *s,
                            int64_t at, const char *by, const char *by_name, bool demo);
/* The borough's schedule into *s and when it was set into *set_at: DB_ROW, or DB_DONE
 * when there is none. */
int store_mase_schedule_get(struct db *db, const char *borough_id, struct mase_schedule *s,
                            int64_t *set_at);

/* R-DL-5: the boroughs with a schedule: [{id}]. */
json_t *store_mase_scheduled_boroughs(struct db *db, int *rc);

/* The borough's last meeting held strictly before `before`: DB_ROW with its id (ID_MAX)
 * and time, or DB_DONE. */
int store_mase_last_meeting(struct db *db, const char *borough_id, int64_t before, char *id,
                            int64_t *held_at);

/* A meeting to write. */
struct store_mase_meeting {
	const char *id, *borough_id, *name, *minutes, *by, *by_name;
	const char *gaps; /* JSON text of the gaps list */
	bool flagged, demo;
	int64_t held_at, at;
};
/* An attendee to write (a's fields as validated, with the name shown). */
int store_mase_meeting_insert(struct db *db, const struct store_mase_meeting *m,
                              const struct mase_attendee *a, const char *const *names, size_t n);
/* The meeting `id`: {id, borough_id, borough, held_at, name, gaps (text), flagged, minutes,
 * duties (text), duties_by_name, duties_at, created_by_name}, or NULL with *rc DB_DONE. */
json_t *store_mase_meeting_get(struct db *db, const char *id, int *rc);
/* Its attendees in order: [{person_id, name, member, rank, role, chair, co_chair,
 * csc_manager, present}]. */
json_t *store_mase_attendees(struct db *db, const char *meeting_id, int *rc);
/* Its cases: [{record_id, reference, child_id, restricted, decision, discussed_at,
 * recorded_by_name}]. */
json_t *store_mase_meeting_cases(struct db *db, const char *meeting_id, int *rc);
/* The borough's meetings held in [from, to), newest first: [{id, held_at, name, flagged,
 * gaps, cases}]. */
json_t *store_mase_meetings(struct db *db, const char *borough_id, int64_t from, int64_t to,
                            int *rc);

/* R-MASE-7: records that the meeting discussed the record, with the decision (replacing
 * an earlier decision of the same meeting on it). */
int store_mase_case_set(struct db *db, const char *meeting_id, const char *record_id,
                        const char *decision, int64_t at, const char *by, const char *by_name,
                        bool demo);
/* R-MASE-4: when the child was first referred: DB_ROW with *at, or DB_DONE (never). */
int store_mase_first_referral(struct db *db, const char *child_id, int64_t *at);
/* R-MASE-7: the actions agreed at meeting `meeting_id`: [{id, text, owner_name, due_at,
 * status, tactic, record_id}]. */
json_t *store_mase_meeting_actions(struct db *db, const char *meeting_id, int *rc);
/* R-MASE-8: the chair's duties (JSON text) and who recorded them. */
int store_mase_duties_set(struct db *db, const char *meeting_id, const char *duties,
                          const char *by_name, int64_t at);
int store_mase_minutes_set(struct db *db, const char *meeting_id, const char *minutes);

/* R-MASE-6 (1): the borough's children routed to each agency type in [from, to):
 * [{agency, n}]. */
json_t *store_mase_received(struct db *db, const char *borough_id, int64_t from, int64_t to,
                            int *rc);
/* R-MASE-4, R-MASE-6: the borough's open records opened before `at`, by reference:
 * [{record_id, reference, child_id, given_names, family_name, restricted, category,
 * residence_borough_id, enquiring_borough_id, exploitation_borough, referred_at (first
 * referral, or null), discussed (meetings before `at` that discussed it), last_meeting_id,
 * last_decision, visible (STORE_VISIBLE for viewer v: the gate's predicate, 0/1)}]. */
json_t *store_mase_cases(struct db *db, const char *borough_id, int64_t at,
                         const struct store_viewer *v, int *rc);
/* R-MASE-7: the open actions about record `record_id`, soonest due first: [{id, text,
 * owner_name, due_at, meeting_id}]. */
json_t *store_mase_record_actions(struct db *db, const char *record_id, int *rc);
/* R-MASE-6 (6), (7): persons of concern and places joined by a current, unrestricted
 * link to a child of the borough's open records: [{id, label, restricted, child_id}] and
 * [{id, label, type, postcode, hotspot, restricted, child_id, recent}] (recent: the
 * link was recorded at or after `since`). */
json_t *store_mase_persons(struct db *db, const char *borough_id, const struct store_viewer *v,
                           int *rc);
json_t *store_mase_places(struct db *db, const char *borough_id, int64_t since,
                          const struct store_viewer *v, int *rc);
/* Each row also has `visible`: the viewer sees the child (STORE_VISIBLE). */
/* R-MASE-7: the open actions about the borough's open records, soonest due first:
 * [{id, text, owner_name, due_at, meeting_id, record_id}]. */
json_t *store_mase_borough_actions(struct db *db, const char *borough_id, int *rc);
/* The disruptions of the persons linked to the borough's children, counted by person,
 * type and status (covert ones only when `restricted`): [{person_id, type, status, n}]. */
json_t *store_mase_borough_disruptions(struct db *db, const char *borough_id, bool restricted,
                                       int *rc);
/* A person's disruptions counted by type and status (covert ones only when
 * `restricted`): [{type, status, n}]. */
json_t *store_mase_person_disruptions(struct db *db, const char *person_id, bool restricted,
                                      int *rc);

#endif
