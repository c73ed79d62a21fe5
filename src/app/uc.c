/*
 * uc.c: the scaffolding every use case shares (see uc.h): state, transaction, audit
 * and the mapping of protocol and database failures to app errors.
 */
#include "app/uc.h"

#include <assert.h>

#include "app/gate.h"
#include "protocol/recording.h"
#include "store/records.h"
#include "util/log.h"

void uc_init(struct uc *u, struct db *db, const struct actor *who, struct app_err *err)
{
	memset(u, 0, sizeof *u);
	app_err_clear(err);
	u->db = db;
	u->who = who;
	u->err = err;
	u->now = app_now(who);
	ltime_format(u->now, u->now_s);
}

bool uc_open_change(struct uc *u, struct db *db, const struct actor *who, json_t *in, json_t **out,
                    struct app_err *err, const char *action, const char *what,
                    const char *const *allowed)
{
	uc_init(u, db, who, err);
	*out = NULL;
	if (!access_may_file(who->roles, who->system)) {
		app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot %s.", action);
		return false;
	}
	if (!json_is_object(in)) {
		app_fail(err, APP_INVALID, NULL, "The %s must be a JSON object.", what);
		return false;
	}
	if (allowed)
		app_json_only(in, allowed, err);
	return true;
}

const char *uc_user_id(const struct uc *u)
{
	return u->who->user_id[0] ? u->who->user_id : NULL;
}

int uc_audit(struct uc *u, const char *action, const char *type, const char *id, const char *ref,
             const char *fields)
{
	struct actor at = *u->who; /* the use case's clock, fixed at its start */
	at.now = u->now;
	return app_audit(u->db, &at, action, type, id, ref, fields);
}

void uc_note_after(struct uc *u, const char *action, const char *type, const char *id,
                   const char *record_ref, const char *fields)
{
	u->after.action = action;
	u->after.type = type;
	snprintf(u->after.id, sizeof u->after.id, "%s", id ? id : "");
	snprintf(u->after.record_ref, sizeof u->after.record_ref, "%s",
	         record_ref ? record_ref : "");
	snprintf(u->after.fields, sizeof u->after.fields, "%s", fields ? fields : "");
}

void uc_refuse(struct uc *u, const char *type, const char *id, const char *record_ref,
               const char *reason)
{
	uc_note_after(u, "refused", type, id, record_ref, reason);
}

void uc_audit_after(struct uc *u)
{
	if (!u->after.action)
		return;
	struct actor at = *u->who;
	at.now = u->now;
	int rc = app_audit_shared(u->db, &at, u->after.action, u->after.type,
	                          u->after.id[0] ? u->after.id : NULL,
	                          u->after.record_ref[0] ? u->after.record_ref : NULL,
	                          u->after.fields[0] ? u->after.fields : NULL);
	if (rc != DB_OK)
		log_error("a %s event on a %s could not be audited (database error %d)",
		          u->after.action, u->after.type, rc);
	u->after.action = NULL;
}

int uc_child_record_ref(struct uc *u, const char *child_id, char out[24])
{
	out[0] = '\0';
	struct record_row r;
	int rc = store_record_get(u->db, child_id, &r);
	if (rc == DB_ROW)
		snprintf(out, 24, "%s", r.reference);
	return rc == DB_ROW || rc == DB_DONE ? APP_OK : uc_db(u, rc);
}

int uc_proto_refused(struct uc *u, const struct proto_err *pe)
{
	u->err->code = APP_INVALID;
	u->err->rule = pe->rule;
	snprintf(u->err->message, sizeof u->err->message, "%s", pe->message);
	if (pe->field)
		app_field_error(u->err, pe->field, "%s", pe->message);
	return APP_INVALID;
}

int uc_db(struct uc *u, int rc)
{
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

int uc_begin(struct uc *u)
{
	return uc_db(u, db_begin(u->db));
}

int uc_commit(struct uc *u)
{
	if (u->who->check_only) {
		db_rollback(u->db);
		return APP_OK;
	}
	return uc_db(u, db_commit(u->db));
}

/* The app code for rc: rc itself when it is one, else (a DB_* code handed in) the
 * code already in u->err, or the mapping of the store code (app_db_fail). */
static int app_code(struct uc *u, int rc)
{
	if (app_rc_valid(rc))
		return rc;
	return u->err->code != APP_OK ? (int)u->err->code : app_db_fail(u->err, u->db, rc);
}

int uc_abort(struct uc *u, int rc)
{
	db_rollback(u->db);
	uc_audit_after(u);
	rc = app_code(u, rc);
	if (u->err->code == APP_OK)
		u->err->code = rc != APP_OK ? rc : APP_FAILED;
	assert(app_rc_valid(u->err->code) && u->err->code != APP_OK);
	return u->err->code;
}

int uc_end(struct uc *u, int rc, json_t **out)
{
	rc = app_code(u, rc);
	if (rc == APP_OK && u->opening[0])
		rc = access_log_opening(u);
	int crc = DB_OK;
	if (rc == APP_OK && u->who->check_only)
		db_rollback(u->db); /* validated: nothing is kept */
	else if (rc == APP_OK)
		crc = db_commit(u->db);
	if (crc != DB_OK)
		rc = app_db_fail(u->err, u->db, crc);
	else if (rc != APP_OK)
		db_rollback(u->db);
	if (rc != APP_OK)
		uc_audit_after(u);
	if (rc != APP_OK && out) {
		json_decref(*out);
		*out = NULL;
	}
	if (rc != APP_OK && !u->err->code)
		u->err->code = rc;
	assert(app_rc_valid(rc));
	return rc;
}

void uc_time_field(struct uc *u, json_t *in, const char *key, int64_t dflt, int64_t *out)
{
	*out = dflt;
	const char *s = app_json_str(in, key, false, 40, false, u->err);
	if (!s)
		return;
	if (ltime_parse(s, out) < 0) {
		app_field_error(u->err, key,
		                "%s must be a date and time such as 2026-11-28T18:05:00Z.", key);
		return;
	}
	if (*out > u->now + REC_CLOCK_SKEW)
		app_field_error(u->err, key, "%s is in the future.", key);
}

bool uc_one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}
