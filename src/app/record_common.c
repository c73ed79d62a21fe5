/*
 * record_common.c: what the use cases on a child's record share (record_common.h):
 * loading a record the actor may see (through the access gate, app/gate.h, which also
 * asks for the reason to open a restricted record, R-INFO-3), opening and finishing a use case on
 * one record, and reading lists of reference codes from input.
 */
#include "app/record_common.h"

#include "app/gate.h"
#include "store/records.h"

/* Loads a record and checks the actor may see it; a restricted record also needs the
 * actor's reason (R-INFO-3). */
int load_record(struct uc *u, const char *ref, struct record_row *r)
{
	return load_record_as(u, ref, r, true);
}

int load_record_as(struct uc *u, const char *ref, struct record_row *r, bool break_glass)
{
	if (!ref || strlen(ref) > 40)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	int rc = store_record_get(u->db, ref, r);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	if (rc != DB_ROW)
		return app_db_fail(u->err, u->db, rc);
	if (break_glass)
		return access_gate(u, r->child_id, "record", r->id, r->reference,
		                   "No such record.");
	/* changing the restriction itself discloses nothing of the record: the child must
	 * be visible, the reason is not asked for */
	bool sees = false;
	rc = access_sees_child(u, r->child_id, &sees);
	if (rc == APP_OK && !sees) {
		uc_refuse(u, "record", r->id, r->reference, access_refusal_reason(ACCESS_HIDDEN));
		rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	}
	return rc;
}

/* Parses an array of codes from `key`, each checked against reference table t. */
size_t codes_of(struct uc *u, json_t *in, const char *key, enum ref_table t,
                const char *codes[MAX_CODES])
{
	json_t *a = json_object_get(in, key);
	size_t n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > MAX_CODES) {
		app_field_error(u->err, key, "%s must be a list of at most %d codes.", key,
		                MAX_CODES);
		return 0;
	}
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *c = json_string_value(v);
		if (!c || !ref_lookup(t, c)) {
			app_field_error(u->err, key, "Unknown code in %s.", key);
			continue;
		}
		codes[n++] = c;
	}
	return n;
}

/* Opens a use case on record `ref`: transaction, record loaded and visible. */
int uc_open_record(struct uc *u, const char *ref, struct record_row *r)
{
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	int rc = load_record(u, ref, r);
	return rc == APP_OK ? APP_OK : uc_abort(u, rc);
}

int uc_read_record(struct uc *u, const char *ref, struct record_row *r)
{
	int rc = db_begin_read(u->db);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	rc = load_record(u, ref, r);
	if (rc != APP_OK) {
		db_rollback(u->db);
		uc_audit_after(u); /* a refusal */
		if (!u->err->code)
			u->err->code = rc;
	}
	return rc;
}

int uc_read_finish(struct uc *u, int rc, const struct record_row *r, const char *action,
                   const char *type, const char *id, const char *fields, json_t **out)
{
	db_rollback(u->db); /* read only: nothing to keep */
	if (rc != APP_OK) {
		uc_audit_after(u);
	} else if (u->opening[0]) { /* a restricted record opened: logged with the view */
		rc = uc_begin(u);
		if (rc == APP_OK)
			rc = uc_db(u, uc_audit(u, action, type, id, r->reference, fields));
		return uc_end(u, rc, out);
	} else {
		struct actor at = *u->who; /* the use case's clock, as uc_audit */
		at.now = u->now;
		int drc = app_audit_shared(u->db, &at, action, type, id, r->reference, fields);
		rc = drc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, drc);
	}
	if (rc != APP_OK) {
		if (out) {
			json_decref(*out);
			*out = NULL;
		}
		if (!u->err->code)
			u->err->code = rc;
	}
	return rc;
}

/* Finishes a use case: audit (when action != NULL), commit, or roll back on failure. */
int uc_finish(struct uc *u, int rc, const struct record_row *r, const char *action,
              const char *type, const char *id, const char *fields, json_t **out)
{
	if (rc == APP_OK && action) {
		int drc = uc_audit(u, action, type, id, r->reference, fields);
		if (drc != DB_OK)
			rc = app_db_fail(u->err, u->db, drc);
	}
	return uc_end(u, rc, out);
}
