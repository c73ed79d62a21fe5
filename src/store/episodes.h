/*
 * episodes.h: repository for missing and absent episodes and what hangs from them
 * (migrations/003_missing.sql): changes of class and risk, safe and well checks, return
 * interviews, forensic strategy decisions, where and with whom children were seen and
 * found, the missing person profile, and the rows that deadlines and statutory exports
 * are computed from. Callers own transactions. Writes take a struct (or a few
 * arguments); instants are int64 UTC seconds in this API and ISO 8601 UTC text in the
 * database, which sorts as time does. Views come back as jansson objects with the text.
 */
#ifndef LANTERN_STORE_EPISODES_H
#define LANTERN_STORE_EPISODES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* A new episode; NULL text is stored as NULL. */
struct store_episode_new {
	const char *id, *child_id;
	int64_t reported_at;
	const char *reported_by, *reported_by_name, *reported_by_agency_id;
	int64_t last_seen_at; /* 0: not known */
	const char *last_seen_where, *last_seen_with, *missing_from;
	const char *parents_carers; /* JSON array text */
	const char *classification, *reason, *rule, *risk_level;
	bool looked_after, demo;
	int64_t at;
};
int store_episode_insert(struct db *db, const struct store_episode_new *e);

/* What the use cases need of an episode to decide. */
struct episode_row {
	char id[32], child_id[32];
	int64_t reported_at, returned_at; /* returned_at 0 while open */
	char classification[12], status[12], risk_level[20];
	char reported_by_agency_id[32];
	bool looked_after;
	char parents_carers[4096]; /* JSON array text (cut at 4095 bytes, as ever) */
	char csc_interviewer_key[256];
};
/* DB_ROW (filled) or DB_DONE. */
int store_episode_get(struct db *db, const char *id, struct episode_row *e);

int store_episode_set_class(struct db *db, const char *id, const char *cls, int64_t at);
int store_episode_set_risk(struct db *db, const char *id, const char *level, int64_t at);
/* The child's return (R-MISS-5); NULL text is stored as NULL. */
struct store_episode_return {
	const char *id;
	int64_t returned_at;
	const char *where, *with, *csc_interviewer, *csc_key;
	int64_t at;
};
int store_episode_set_returned(struct db *db, const struct store_episode_return *r);
/* R-MISS-4: one change, kept as history. */
struct store_episode_change_new {
	const char *episode_id, *kind, *from, *to, *reason, *rule;
	int64_t at;
	const char *by, *by_name;
};
int store_episode_change_add(struct db *db, const struct store_episode_change_new *c);

/* The episode with its changes, checks, interview, forensic decisions, locations and
 * people. NULL with *rc = DB_DONE when there is none. */
json_t *store_episode_view(struct db *db, const char *id, int *rc);
/* A child's episodes, newest first (summary columns). */
json_t *store_episodes_for_child(struct db *db, const char *child_id, int *rc);
/* R-MISS-10: the candidates for children missing together with this child: pairs of
 * one of the child's episodes and an episode linked to it by naming each other (by
 * child id or name key), or, for another child's episode near in time, by a shared
 * location key (seen or found). A place-linked episode returned more than `slack`
 * seconds before this child's episode was reported is left out (`slack` >= 0: it
 * cannot have been missing at the same time, nor found near the time this child was).
 * Columns: episode_id, reported_at, returned_at, child_id (the other episode's child;
 * a name link may give this child's own), given_names, family_name, other_episode_id,
 * other_reported_at, other_returned_at, named (1 when either names the other). Each
 * pair once, named pairs first. Whether a pair was missing together is the protocol's
 * decision (missing_together), not this query's. */
json_t *store_episode_together_candidates(struct db *db, const char *child_id, int64_t slack,
                                          int *rc);
/* The least location key where both episodes were found, into out (n bytes; "" when
 * there is none). DB_OK or an error. */
int store_episode_found_key(struct db *db, const char *episode_id, const char *other_episode_id,
                            char *out, size_t n);
struct store_saw_new {
	const char *id, *episode_id;
	int64_t done_at;
	const char *done_by, *done_by_name, *done_by_key, *agency_id;
	const char *where_found, *found_with, *what_happened, *crime_number;
	bool crime_alleged;
	int64_t at;
};
int store_saw_insert(struct db *db, const struct store_saw_new *s);
/* Identity key of whoever did the latest safe and well check, or "" (DB_OK). */
int store_saw_latest_key(struct db *db, const char *episode_id, char *out, size_t n);

struct interview_row {
	char id[32], status[12];
	int64_t due_at;
	char interviewer_key[256], record_entry_id[32];
	char interviewer_name[200];
};
/* DB_ROW or DB_DONE. */
int store_interview_get(struct db *db, const char *episode_id, struct interview_row *r);
struct store_interview_new {
	const char *id, *episode_id;
	int64_t due_at;
	const char *responsible, *responsibility, *child_preference;
	const char *interviewer_id, *interviewer_name, *interviewer_key, *interviewer_role,
	        *interviewer_agency;
	int64_t offered_at;
	const char *by;
	int64_t at;
};
int store_interview_insert(struct db *db, const struct store_interview_new *n);
/* A change of an interview's status: findings and entry_id NULL keep what is stored. */
struct store_interview_set {
	const char *id, *status;
	int64_t status_at;
	const char *findings, *entry_id, *by;
	int64_t at;
};
/* Sets the status and its time column (accepted_at, declined_at or completed_at),
 * findings and the chronology entry when given. */
int store_interview_update(struct db *db, const struct store_interview_set *s);

/* R-MISS-9: a forensic strategy decision. answers: the protocol's questions in
 * missing_forensic_questions order (clothing, early_evidence_kit, devices; the last is
 * stored in column `phones`), each 1 yes, 0 no, 2 not applicable. */
struct store_forensic_new {
	const char *id, *episode_id;
	int answers[3];
	const char *decision, *rationale;
	int64_t at;
	const char *by, *by_name;
};
int store_forensic_insert(struct db *db, const struct store_forensic_new *f);

/* A place (kind "last_seen", "found") or a person (kind "last_seen_with", "found_with")
 * an episode names, with its normalised key. Both adds are idempotent per episode, kind
 * and key. */
struct store_episode_named {
	const char *episode_id, *child_id, *kind, *text, *key;
	const char *other_child_id; /* a person who is a child, or NULL (people only) */
	int64_t at;
};
int store_episode_location_add(struct db *db, const struct store_episode_named *l);
/* R-MISS-6: the name keys of the people episode `episode_id` names the child as with
 * (last seen with, found with), as a JSON array of strings. */
json_t *store_episode_people_keys(struct db *db, const char *episode_id, int *rc);
int store_episode_person_add(struct db *db, const struct store_episode_named *p);

/* R-MISS-4: open absent episodes reported at or before `cutoff` (id, child_id,
 * reported_at), oldest first. */
json_t *store_episodes_absent_before(struct db *db, int64_t cutoff, int *rc);

/* R-DL-1, R-DL-2: every open deadline row. kind 'return_interview' (episode returned,
 * no interview completed or declined; due_at absent here: the caller adds 72 hours to
 * returned_at) or 'absent_escalation' (open absent episode). Columns: kind, episode_id,
 * child_id, given_names, family_name, looked_after, reported_at, returned_at,
 * interview_status. Limited to the children viewer v sees (STORE_VISIBLE). */
struct store_viewer;
json_t *store_episode_deadline_rows(struct db *db, const struct store_viewer *v, int *rc);

/* The profile as an object (JSON columns left as text), or NULL with DB_DONE. */
json_t *store_profile_get(struct db *db, const char *child_id, int *rc);
/* The missing person profile as written whole (lists as JSON array text). */
struct store_profile {
	const char *child_id, *description, *associates, *places, *phones, *social, *photo_ref;
	int64_t at;
	const char *by;
};
int store_profile_upsert(struct db *db, const struct store_profile *p);

/* Statutory exports: episodes overlapping [from, to), looked-after only for SSDA903.
 * Columns: child_id, classification, reported_at, returned_at. */
json_t *store_export_episodes(struct db *db, int64_t from, int64_t to, bool looked_after_only,
                              int *rc);
/* Annex A: every episode overlapping [from, to): child_id, classification,
 * reported_at, returned_at, ri_status, ri_completed_at. */
json_t *store_export_annex_a(struct db *db, int64_t from, int64_t to, int *rc);

#endif
