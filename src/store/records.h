/*
 * records.h: repository for the child's record and everything attached to it
 * (migrations/002_records.sql). Callers own transactions. Views come back as jansson
 * objects with text values; the use cases shape them.
 */
#ifndef LANTERN_STORE_RECORDS_H
#define LANTERN_STORE_RECORDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct record_row {
	char id[32];
	char child_id[32];
	char reference[24];
	char status[12];
	int category; /* 0 when none yet */
	char contact_mode[12];
	char allocation[12];
	char owning_borough_id[32];
	bool restricted;
	bool online, group, gang;
	int64_t view_version; /* moved by every change the record's view shows (008) */
	int64_t view_epoch;   /* moved by every change of a shared table a view shows */
};

/* Creates a record with the next reference of `year` (LAN-YYYY-NNNNNN) into ref. */
int store_record_insert(struct db *db, const char *id, const char *child_id, int year,
                        const char *opened_at, const char *opened_by, const char *borough_id,
                        bool demo, char ref[24]);
/* By id, reference or child id (whichever `key` is). DB_ROW or DB_DONE. */
int store_record_get(struct db *db, const char *key, struct record_row *r);
int store_record_set_category(struct db *db, const char *record_id, int category,
                              const char *contact_mode, const char *allocation,
                              const char *allocated_borough_id, const char *enquiring_borough_id,
                              const char *exploitation_borough, const char *at);
int store_record_set_facts(struct db *db, const char *record_id, bool online, bool group, bool gang,
                           const char *at);
json_t *store_record_summary(struct db *db, const char *record_id, int *rc);

int store_referral_insert(struct db *db, json_t *r /* column -> value */);
int store_referral_add_sign(struct db *db, const char *referral_id, const char *code,
                            const char *evidence, const char *seen_on);
int store_referral_add_step(struct db *db, const char *referral_id, int seq, const char *action,
                            const char *who, const char *rule, const char *text);
json_t *store_referral_get(struct db *db, const char *id, int *rc);
json_t *store_referrals_for_child(struct db *db, const char *child_id, int *rc);
/* Marks open referrals of a record as triaged (a category decision followed them). */
int store_referrals_triaged(struct db *db, const char *record_id);

int store_entry_insert(struct db *db, json_t *e /* column -> value */);
/* DB_ROW with record_id and superseded flag filled, or DB_DONE. */
int store_entry_get(struct db *db, const char *entry_id, char record_id[32], bool *superseded);
/* The text of entry entry_id, malloc'd into *text: DB_ROW, DB_DONE when there is none. */
int store_entry_text(struct db *db, const char *entry_id, char **text);
/* R-REC-6: why correction entry_id was made. */
int store_entry_set_reason(struct db *db, const char *entry_id, const char *reason);
int store_entry_mark_superseded(struct db *db, const char *entry_id, const char *by);
json_t *store_entries(struct db *db, const char *record_id, int *rc);

int store_category_insert(struct db *db, json_t *d /* column -> value */);
json_t *store_categories(struct db *db, const char *record_id, int *rc);

/* Current flags as a bit set of protocol/flags.h bits. */
int store_flags_current(struct db *db, const char *record_id, uint32_t *mask);
int store_flag_set(struct db *db, const char *record_id, const char *flag, const char *at,
                   const char *reason);
int store_flag_clear(struct db *db, const char *record_id, const char *flag, const char *at);
json_t *store_flags_history(struct db *db, const char *record_id, int *rc);

int store_outcome_insert(struct db *db, const char *id, const char *record_id,
                         const char *person_id, const char *code, const char *achieved_on,
                         const char *note, const char *by, const char *at);
json_t *store_outcomes(struct db *db, const char *record_id, int *rc);

int store_ext_ref_add(struct db *db, const char *record_id, const char *kind, const char *value,
                      bool es_flagged, const char *at, const char *by);
json_t *store_ext_refs(struct db *db, const char *record_id, int *rc);

/* Sets the current set of `kind` ('type' or 'model') codes, closing removed ones and
 * opening new ones at `at` (history kept). */
int store_classification_set(struct db *db, const char *record_id, const char *kind,
                             const char *const *codes, size_t n, const char *at);
json_t *store_classifications(struct db *db, const char *record_id, bool current_only, int *rc);

int store_supervisor_review_insert(struct db *db, const char *id, const char *record_id,
                                   const char *reviewer_id, const char *reporting_officer_id,
                                   const char *at, const char *items_json, const char *ttl);
json_t *store_supervisor_reviews(struct db *db, const char *record_id, int *rc);
/* The police officer who made the latest initial report on the record, or "". */
int store_reporting_officer(struct db *db, const char *record_id, char out[32]);

int store_essential_steps_insert(struct db *db, const char *id, const char *record_id,
                                 const char *by, const char *at, const char *steps_json,
                                 const char *outstanding);
json_t *store_essential_steps_latest(struct db *db, const char *record_id, int *rc);

/* R-INFO-3: marks a record restricted (with the reason) or lifts it (reason NULL). */
int store_record_set_restricted(struct db *db, const char *record_id, bool restricted,
                                const char *reason, const char *at);
/* Logs a break-glass opening of a restricted record (once per user, record and reason
 * while unreviewed). */
int store_restricted_access_add(struct db *db, const char *id, const char *record_id,
                                const char *user_id, const char *user_name, const char *agency_id,
                                const char *at, const char *purpose);
/* Openings not yet reviewed, oldest first, as {"count", "items"} (like work.h). */
json_t *store_restricted_access_unreviewed(struct db *db, int limit, int *rc);
/* DB_ROW with the opener's user id and the record id, or DB_DONE. */
int store_restricted_access_get(struct db *db, const char *id, char opener[32], char record_id[32],
                                bool *reviewed);
int store_restricted_access_review(struct db *db, const char *id, const char *by, const char *at,
                                   const char *note);
/* One opening as shown to its reviewer: {id, record_ref, user_id, user_name, agency,
 * opened_at, purpose, reviewed_at, reviewed_by_name, review_note}; NULL with *rc =
 * DB_DONE when there is none. */
json_t *store_restricted_access_view(struct db *db, const char *id, int *rc);
/* The reason a record was restricted with into out ("" when none): DB_OK or an error. */
int store_record_restricted_reason(struct db *db, const char *record_id, char *out, size_t n);

#endif
