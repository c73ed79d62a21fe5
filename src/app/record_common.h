/*
 * record_common.h: what the use cases on a child's record share, internal to src/app/
 * (the web and CLI layers call the public use cases instead). Loading a record the
 * actor may see, opening and finishing a use case on one record, and reading lists of
 * reference codes are in record_common.c; the category step and the flag derivation,
 * which a referral takes as well as a category decision, are in categories.c.
 */
#ifndef LANTERN_APP_RECORD_COMMON_H
#define LANTERN_APP_RECORD_COMMON_H

#include "app/uc.h"
#include "protocol/category.h"
#include "protocol/reference.h"
#include "store/records.h"

/* The most codes a list of exploitation types or models may hold. */
#define MAX_CODES 12

/* Loads a record (by reference, id or child id) and checks the actor may see it; a
 * record the actor may not see is reported exactly like one that does not exist. A
 * restricted record also needs the actor's reason, and its opening is logged
 * (R-INFO-3). Returns APP_OK or the error (in u->err). */
int load_record(struct uc *u, const char *ref, struct record_row *r);
/* As load_record; with break_glass false a restricted record is loaded without a
 * reason (changing the restriction itself discloses nothing of the record). */
int load_record_as(struct uc *u, const char *ref, struct record_row *r, bool break_glass);

/* Opens a use case on record `ref`: begins the transaction and loads the record
 * (load_record). APP_OK with the transaction open, or the error with none open (a
 * refusal audited). */
int uc_open_record(struct uc *u, const char *ref, struct record_row *r);
/* As uc_open_record for a use case that only reads: a read transaction beside writers
 * (no write lock). End it with uc_read_finish. */
int uc_read_record(struct uc *u, const char *ref, struct record_row *r);
/* Finishes a use case opened by uc_read_record: ends the read transaction, then logs the
 * view (`action` on `type` `id` of record r, with `fields`) as its own event before
 * anything is returned (app_audit_shared), or, when a restricted record was opened with
 * a reason, in a short write transaction that also logs the opening (R-INFO-3); a
 * refusal is audited as uc_end does. Drops *out on failure. */
int uc_read_finish(struct uc *u, int rc, const struct record_row *r, const char *action,
                   const char *type, const char *id, const char *fields, json_t **out);
/* Finishes a use case opened by uc_open_record: when rc is APP_OK and action is not
 * NULL, writes the audit event (action, type, id, r's reference, fields); then ends it
 * with uc_end (commit, with a restricted record's opening logged; or roll back, drop
 * *out and audit a refusal). Returns the final code. */
int uc_finish(struct uc *u, int rc, const struct record_row *r, const char *action,
              const char *type, const char *id, const char *fields, json_t **out);

/* Parses the optional array of codes `key` of `in` into codes (at most MAX_CODES,
 * pointing into `in`), each checked against reference table t; a bad list or code adds
 * a field error to u->err. Returns how many were read. */
size_t codes_of(struct uc *u, json_t *in, const char *key, enum ref_table t,
                const char *codes[MAX_CODES]);

/* A category decision as read from input (category_parse). */
struct category_in {
	int category;
	enum cat_contact contact;
	const char *rationale;
	enum cat_kind kind;
	const char *exploitation_borough;
	json_t *indicators;
	int64_t decided_at;
};

/* Reads a category decision from `in` (fields as app_category_decide); errors go to
 * u->err. Returns APP_OK or the error code. */
int category_parse(struct uc *u, json_t *in, struct category_in *c);
/* Applies decision c to loaded record r inside the open transaction: validates it
 * (R-CAT-2, R-CAT-3), allocates it (R-CAT-4..6), writes it, derives the flags
 * (R-FLAG-2), appends the chronology entry (with the next steps of R-PATH-8) and the
 * audit event. When out is not NULL, *out receives the decision's view. Updates r's
 * category and contact mode. Returns APP_OK or the error (the caller rolls back). */
int category_apply(struct uc *u, struct record_row *r, const struct category_in *c, json_t **out);
/* R-FLAG-1..4: brings record r's current flags to what the protocol derives from its
 * state and `category`, keeping history (set or cleared with a reason). */
int flags_sync(struct uc *u, const struct record_row *r, int category);

#endif
