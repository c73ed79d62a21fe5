/*
 * board.h (store): the counts of the board report (R-RPT-1, R-RPT-2) for one borough
 * and period [from, to) (instants, UTC seconds), computed from the records in one pass per
 * figure: the volume (a child counts once when their record, owned by or allocated to
 * the borough, was open at any time in the period, rpt_in_volume), who the children
 * are, the patterns, people of concern, referrals, meetings, actions, agencies'
 * contacts, the disruptions to be counted by the protocol (rpt_disruption_counted), and
 * each child's facts for the children in need census factor codes (rpt_cin_factors).
 * Every list is [{code, n}] unless said. Callers own transactions. An instant outside
 * the years db_bind_time binds gives DB_E_RANGE.
 */
#ifndef LANTERN_STORE_BOARD_H
#define LANTERN_STORE_BOARD_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* {open, new}. */
json_t *store_board_volume(struct db *db, const char *bid, int64_t from, int64_t to, int *rc);
/* One breakdown of the volume: what is "category", "gender", "ethnicity",
 * "looked_after", "type" (exploitation type), "referrals" (by referring agency type in
 * the period), "attendance" (meetings in the period each member attended). */
json_t *store_board_counts(struct db *db, const char *what, const char *bid, int64_t from,
                           int64_t to, int *rc);
/* A single count: "missing" (missing episodes begun in the period of children in the
 * volume), "persons" (people of concern first linked to them in the period),
 * "meetings" (held in the period). */
int store_board_count(struct db *db, const char *what, const char *bid, int64_t from, int64_t to,
                      int64_t *n);
/* The meetings held in the period: [{id, held_at, gaps, flagged}]. */
json_t *store_board_meetings(struct db *db, const char *bid, int64_t from, int64_t to, int *rc);
/* Actions due in the period, not cancelled, by owning agency: [{agency, due, on_time}]. */
json_t *store_board_actions(struct db *db, const char *bid, int64_t from, int64_t to, int *rc);
/* The borough's agencies and the partnership-wide ones: [{name, type, lead, spoc}]. */
json_t *store_board_contacts(struct db *db, const char *bid, int *rc);
/* The borough's disruptions that are not covert: [{type, status, person_id, served_at,
 * on_date}]. */
json_t *store_board_disruptions(struct db *db, const char *bid, int *rc);
/* The census facts of each child in the volume: [{child_id, record_ref, missing_episode,
 * sexual_record, trafficking_record, criminal_record, trafficked, nrm_referral,
 * gang_associated, gang_flag}] (0/1). */
json_t *store_board_cin(struct db *db, const char *bid, int64_t from, int64_t to, int *rc);

/* R-INFO-1: agency `agency_id`'s senior lead and single point of contact. */
int store_agency_contacts_set(struct db *db, const char *agency_id, const char *lead,
                              const char *spoc);

#endif
