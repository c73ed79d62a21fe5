/*
 * cj.h (store): criminal justice cases of persons of concern (R-OUTC-2) and referrals of
 * trafficked children to the National Referral Mechanism (R-DL-6), migrations/
 * 012_disruption.sql. A case is written whole from a struct cj_case (protocol/
 * outcomes.h) that the use case has validated. Callers own transactions. Instants are
 * int64 UTC seconds in this API; dates struct lt_date ({0, 0, 0}: not set).
 */
#ifndef LANTERN_STORE_CJ_H
#define LANTERN_STORE_CJ_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "protocol/outcomes.h"
#include "store/db.h"

/* A new case: c's facts, and who recorded it (borough and agency may be NULL). */
struct store_cj_new {
	const char *id;
	const struct cj_case *c;
	const char *borough_id, *agency_id, *by, *by_name;
	bool demo;
	int64_t at;
};
int store_cj_insert(struct db *db, const struct store_cj_new *n);
/* Writes c's facts over case `id`. DB_DONE when there is none. */
int store_cj_update(struct db *db, const char *id, const struct cj_case *c, int64_t at);
/* The case: every column with the person's label. NULL with *rc = DB_DONE. */
json_t *store_cj_get(struct db *db, const char *id, int *rc);

/* Cases of person `person_id` (when not NULL), of network `network` (when not NULL) or of
 * borough `borough_id` (when not NULL), every one given must hold, oldest first, at most
 * `limit`. Rows as store_cj_get's. */
json_t *store_cj_list(struct db *db, const char *person_id, const char *network,
                      const char *borough_id, int limit, int *rc);

/* A referral to the National Referral Mechanism. */
struct store_nrm_new {
	const char *id, *child_id, *record_id, *reference, *note;
	int64_t referred_at;
	const char *agency_id, *by, *by_name;
	bool demo;
	int64_t at;
};
int store_nrm_insert(struct db *db, const struct store_nrm_new *n);
/* Records the reasonable grounds (`conclusive` false) or conclusive grounds decision
 * `decision` ("positive"/"negative") on date `on`, once. DB_DONE when there is no such
 * referral or that decision is already recorded. */
int store_nrm_decide(struct db *db, const char *id, bool conclusive, const char *decision,
                     struct lt_date on, int64_t at);
/* The referral with its child's names and record reference. NULL with *rc = DB_DONE. */
json_t *store_nrm_get(struct db *db, const char *id, int *rc);
/* The child's referrals, newest first. */
json_t *store_nrm_of_child(struct db *db, const char *child_id, int *rc);
/* R-DL-6: referrals without a conclusive grounds decision, oldest first, at most
 * `limit`: [{id, child_id, given_names, family_name, record_ref, referred_at,
 * agency_id}]. */
json_t *store_nrm_open(struct db *db, int limit, int *rc);

#endif
