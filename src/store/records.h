/*
 * records.h: repository for the child's record and everything attached to it
 * (migrations/002_records.sql). Callers own transactions. Writes take a struct (or a
 * few arguments); instants are int64 UTC seconds and dates struct lt_date in this API
 * (ISO 8601 text in the database). Views come back as jansson objects with text values;
 * the use cases shape them.
 */
#ifndef LANTERN_STORE_RECORDS_H
#define LANTERN_STORE_RECORDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/ltime.h"

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

/* A new record: its reference is the next of `year`. */
struct store_record_new {
	const char *id, *child_id;
	int year;
	int64_t opened_at;
	const char *opened_by, *borough_id;
	bool demo;
};
/* Creates the record with the next reference of its year (LAN-YYYY-NNNNNN) into ref. */
int store_record_insert(struct db *db, const struct store_record_new *r, char ref[24]);
/* By id, reference or child id (whichever `key` is). DB_ROW or DB_DONE. */
int store_record_get(struct db *db, const char *key, struct record_row *r);
/* The record's current category and allocation, as a decision sets them. */
struct store_record_category {
	const char *record_id;
	int category;
	const char *contact_mode, *allocation; /* may be NULL */
	const char *allocated_borough_id, *enquiring_borough_id, *exploitation_borough;
	int64_t at;
};
int store_record_set_category(struct db *db, const struct store_record_category *c);
int store_record_set_facts(struct db *db, const char *record_id, bool online, bool group, bool gang,
                           int64_t at);
json_t *store_record_summary(struct db *db, const char *record_id, int *rc);

/* A new referral (NULL text is stored as NULL). */
struct store_referral_new {
	const char *id, *child_id, *record_id, *source_agency_id, *referrer_id, *referrer_name;
	int64_t came_to_notice_at, submitted_at;
	const char *circumstances, *rationale, *no_sign_rationale, *risk_review, *other_info;
	const char *route, *route_rule, *status;
};
int store_referral_insert(struct db *db, const struct store_referral_new *r);
int store_referral_add_sign(struct db *db, const char *referral_id, const char *code,
                            const char *evidence, struct lt_date seen_on);
int store_referral_add_step(struct db *db, const char *referral_id, int seq, const char *action,
                            const char *who, const char *rule, const char *text);
json_t *store_referral_get(struct db *db, const char *id, int *rc);
json_t *store_referrals_for_child(struct db *db, const char *child_id, int *rc);
/* Marks open referrals of a record as triaged (a category decision followed them). */
int store_referrals_triaged(struct db *db, const char *record_id);

/* A new chronology entry (NULL text is stored as NULL). */
struct store_entry_new {
	const char *id, *record_id;
	int64_t occurred_at, recorded_at;
	const char *author_id, *author_name, *agency_id;
	const char *people_involved; /* JSON array text */
	const char *nature, *kind, *text, *supersedes_id, *referral_id;
};
int store_entry_insert(struct db *db, const struct store_entry_new *e);
/* DB_ROW with record_id and superseded flag filled, or DB_DONE. */
int store_entry_get(struct db *db, const char *entry_id, char record_id[32], bool *superseded);
/* The text of entry entry_id, malloc'd into *text: DB_ROW, DB_DONE when there is none. */
int store_entry_text(struct db *db, const char *entry_id, char **text);
/* R-REC-6: why correction entry_id was made. */
int store_entry_set_reason(struct db *db, const char *entry_id, const char *reason);
int store_entry_mark_superseded(struct db *db, const char *entry_id, const char *by);
json_t *store_entries(struct db *db, const char *record_id, int *rc);

/* A category decision (NULL text is stored as NULL). */
struct store_category_new {
	const char *id, *record_id;
	int category;
	const char *contact_mode, *rationale, *kind, *decided_by, *decided_by_name;
	int64_t decided_at;
	const char *allocation, *allocated_borough_id, *enquiring_borough_id;
	const char *indicators; /* JSON array text */
};
int store_category_insert(struct db *db, const struct store_category_new *d);
json_t *store_categories(struct db *db, const char *record_id, int *rc);

/* Current flags as a bit set of protocol/flags.h bits. */
int store_flags_current(struct db *db, const char *record_id, uint32_t *mask);
int store_flag_set(struct db *db, const char *record_id, const char *flag, int64_t at,
                   const char *reason);
int store_flag_clear(struct db *db, const char *record_id, const char *flag, int64_t at);
json_t *store_flags_history(struct db *db, const char *record_id, int *rc);

/* An outcome achieved for the child (R-OUT-1). */
struct store_outcome_new {
	const char *id, *record_id, *person_id, *code;
	struct lt_date achieved_on;
	const char *note, *by;
	int64_t at;
};
int store_outcome_insert(struct db *db, const struct store_outcome_new *o);
json_t *store_outcomes(struct db *db, const char *record_id, int *rc);

int store_ext_ref_add(struct db *db, const char *record_id, const char *kind, const char *value,
                      bool es_flagged, int64_t at, const char *by);
json_t *store_ext_refs(struct db *db, const char *record_id, int *rc);

/* Sets the current set of `kind` ('type' or 'model') codes, closing removed ones and
 * opening new ones at `at` (history kept). */
int store_classification_set(struct db *db, const char *record_id, const char *kind,
                             const char *const *codes, size_t n, int64_t at);
json_t *store_classifications(struct db *db, const char *record_id, bool current_only, int *rc);

/* A supervisor review (R-PATH-6): items as JSON text, ttl the threat-to-life code. */
struct store_supervisor_review_new {
	const char *id, *record_id, *reviewer_id, *reporting_officer_id;
	int64_t at;
	const char *items_json, *ttl;
};
int store_supervisor_review_insert(struct db *db, const struct store_supervisor_review_new *s);
json_t *store_supervisor_reviews(struct db *db, const char *record_id, int *rc);
/* The police officer who made the latest initial report on the record, or "". */
int store_reporting_officer(struct db *db, const char *record_id, char out[32]);

/* The essential steps recorded (R-PATH-7): the answers as JSON text. */
struct store_essential_steps_new {
	const char *id, *record_id, *by;
	int64_t at;
	const char *steps_json, *outstanding;
};
int store_essential_steps_insert(struct db *db, const struct store_essential_steps_new *e);
json_t *store_essential_steps_latest(struct db *db, const char *record_id, int *rc);

/* R-INFO-3: marks a record restricted (with the reason) or lifts it (reason NULL). */
int store_record_set_restricted(struct db *db, const char *record_id, bool restricted,
                                const char *reason, int64_t at);
/* A break-glass opening of a restricted record. */
struct store_restricted_access_new {
	const char *id, *record_id, *user_id, *user_name, *agency_id;
	int64_t opened_at;
	const char *purpose;
};
/* Logs the opening (once per user, record and reason while unreviewed). */
int store_restricted_access_add(struct db *db, const struct store_restricted_access_new *a);
/* Openings not yet reviewed, oldest first, as {"count", "items"} (like work.h). */
json_t *store_restricted_access_unreviewed(struct db *db, int limit, int *rc);
/* DB_ROW with the opener's user id and the record id, or DB_DONE. */
int store_restricted_access_get(struct db *db, const char *id, char opener[32], char record_id[32],
                                bool *reviewed);
int store_restricted_access_review(struct db *db, const char *id, const char *by, int64_t at,
                                   const char *note);
/* One opening as shown to its reviewer: {id, record_ref, user_id, user_name, agency,
 * opened_at, purpose, reviewed_at, reviewed_by_name, review_note}; NULL with *rc =
 * DB_DONE when there is none. */
json_t *store_restricted_access_view(struct db *db, const char *id, int *rc);
/* The reason a record was restricted with into out ("" when none): DB_OK or an error. */
int store_record_restricted_reason(struct db *db, const char *record_id, char *out, size_t n);

#endif
