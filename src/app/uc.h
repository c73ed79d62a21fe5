/*
 * uc.h: the scaffolding every use case in src/app/ shares. A use case keeps its state
 * in a struct uc (database, actor, error, its clock), opens one transaction with
 * uc_begin(), writes its audit event with uc_audit(), and ends with uc_end() (or
 * uc_commit() / uc_abort()), so that a failure anywhere rolls the whole use case back.
 * Internal to src/app/: the web and CLI layers call the public use cases instead.
 */
#ifndef LANTERN_APP_UC_H
#define LANTERN_APP_UC_H

#include <jansson.h>

#include "app/app.h"
#include "protocol/proto.h"
#include "store/db.h"
#include "util/ltime.h"

/* One use case in progress. */
struct uc {
	struct db *db;
	const struct actor *who;
	struct app_err *err;
	int64_t now;             /* the use case's clock (app_now of the actor) */
	char now_s[LT_TIME_LEN]; /* the same as ISO 8601 UTC text */
	/* An event to audit once the use case has rolled back: a refusal by the access gate
	 * (R-INFO-2: refusals are accounted for like reads) or a disclosure that an
	 * unsuccessful use case still made (R-REC-1 candidates). */
	struct {
		const char *action, *type; /* NULL: nothing noted */
		char id[64], record_ref[32], fields[480];
	} after;
	/* A restricted record opened with a reason (R-INFO-3): logged for a supervisor's
	 * review in the use case's write transaction (uc_end, or access_log_opening). */
	char opening[32];
};

/* Starts a use case: fills u and clears *err (app_err_clear), so an error struct
 * reused from an earlier call never makes this one fail. */
void uc_init(struct uc *u, struct db *db, const struct actor *who, struct app_err *err);

/* Opens a use case that changes a record, an episode or a profile: uc_init, clears
 * *out, then refuses an actor who is neither the system nor a practitioner ("Your role
 * cannot <action>.") and an `in` that is not a JSON object ("The <what> must be a JSON
 * object."). When `allowed` is not NULL, fields of `in` outside that NULL-terminated
 * set add field errors to err without failing here (the caller checks err->code once
 * it has read every field). Returns false when refused (the code in err->code). */
bool uc_open_change(struct uc *u, struct db *db, const struct actor *who, json_t *in, json_t **out,
                    struct app_err *err, const char *action, const char *what,
                    const char *const *allowed);

/* The acting user's id, or NULL for the system actor (no user). */
const char *uc_user_id(const struct uc *u);

/* Appends an audit event for the actor at u->now. Returns a DB_* code. `id`, `ref` and
 * `fields` may be NULL. */
int uc_audit(struct uc *u, const char *action, const char *type, const char *id, const char *ref,
             const char *fields);

/* Notes an event to audit after a rollback (the last noted wins): `action` on `type`
 * `id` (of record `record_ref`; either may be NULL) with `fields`. uc_abort and uc_end
 * write it once they have rolled back. */
void uc_note_after(struct uc *u, const char *action, const char *type, const char *id,
                   const char *record_ref, const char *fields);

/* Notes a refusal of access to `type` `id` for `reason` (uc_note_after, "refused"). */
void uc_refuse(struct uc *u, const char *type, const char *id, const char *record_ref,
               const char *reason);

/* Writes the noted event, if any, as an audit event of its own (no transaction may be
 * open; a failure is logged). Called by uc_abort and uc_end; a use case that ends
 * otherwise calls it. */
void uc_audit_after(struct uc *u);

/* The reference of child `child_id`'s record into out ("" when the child has none), so
 * that an audit event about the child's episode or profile names the record (R-INFO-2).
 * Returns APP_OK or a database error. */
int uc_child_record_ref(struct uc *u, const char *child_id, char out[24]);

/* Turns a protocol refusal into APP_INVALID naming the rule (and the field, if any). */
int uc_proto_refused(struct uc *u, const struct proto_err *pe);

/* A DB_* code as an app code: DB_OK -> APP_OK, else the mapped error in u->err. */
int uc_db(struct uc *u, int rc);

/* Begins the use case's transaction; APP_OK or the error (in u->err). */
int uc_begin(struct uc *u);

/* Commits; APP_OK or the error (the engine rolls back on a failed commit). */
int uc_commit(struct uc *u);

/* Ends a failed use case: rolls back and returns the error code (never APP_OK). A DB_*
 * code not yet turned into an app error is mapped first (app_db_fail), so no store
 * code ever leaves a use case. */
int uc_abort(struct uc *u, int rc);

/* Ends the use case: commits when rc is APP_OK (logging a pending restricted-record
 * opening first), else rolls back, drops *out (when out is not NULL), audits a noted
 * event (uc_note_after) and makes sure u->err carries a code. rc may be a DB_* code
 * (DB_OK is APP_OK; any other is mapped as uc_abort does). Returns the final code,
 * always an app code. */
int uc_end(struct uc *u, int rc, json_t **out);

/* An optional instant field `key` of `in`: *out = dflt when absent. A value that is
 * not an ISO 8601 time, or lies in the future beyond the clock skew, adds a field
 * error to u->err. */
void uc_time_field(struct uc *u, json_t *in, const char *key, int64_t dflt, int64_t *out);

/* Whether s is one of the NULL-terminated set (false for NULL s). */
bool uc_one_of(const char *s, const char *const *set);

#endif
