/*
 * record_common.c: what the use cases on a child's record share (record_common.h):
 * loading a record the actor may see (with the break-glass reason and log of a
 * restricted record, R-INFO-3), opening and finishing a use case on one record, and
 * reading lists of reference codes from input.
 */
#include "app/record_common.h"

#include "app/authz.h"
#include "protocol/info.h"
#include "store/records.h"

/* R-INFO-3: a restricted record opens only with a reason (the actor's purpose). */
int restricted_reason_ok(struct uc *u, const struct record_row *r)
{
	struct proto_err pe;
	if (!r->restricted || u->who->system)
		return APP_OK;
	if (info_purpose_validate(u->who->purpose, &pe) < 0)
		return app_fail(u->err, APP_FORBIDDEN, "R-INFO-3", "%s", pe.message);
	return APP_OK;
}

/* R-INFO-3: logs the opening for a supervisor's review (inside a write transaction). */
int restricted_log(struct uc *u, const struct record_row *r)
{
	if (!r->restricted || u->who->system)
		return APP_OK;
	char id[ID_MAX];
	id_new("rax", id);
	int rc = store_restricted_access_add(u->db, id, r->id, uc_user_id(u), u->who->display_name,
	                                     u->who->agency_id[0] ? u->who->agency_id : NULL,
	                                     u->now_s, u->who->purpose);
	return rc == DB_OK ? APP_OK : uc_db(u, rc);
}

/* Loads a record and checks the actor may see it; a restricted record also needs the
 * actor's reason (R-INFO-3). */
int load_record(struct uc *u, const char *ref, struct record_row *r)
{
	return load_record_as(u, ref, r, true);
}

/* As load_record; with break_glass false a restricted record is loaded without a
 * reason (changing the restriction itself discloses nothing of the record). */
int load_record_as(struct uc *u, const char *ref, struct record_row *r, bool break_glass)
{
	if (!ref || strlen(ref) > 40)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	int rc = store_record_get(u->db, ref, r);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	if (rc != DB_ROW)
		return app_db_fail(u->err, u->db, rc);
	/* a record the actor may not see is reported exactly like one that does not exist */
	rc = authz_child_view(u->db, u->who, r->child_id, u->err);
	if (rc == APP_NOT_FOUND)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	if (rc != APP_OK || !r->restricted || u->who->system || !break_glass)
		return rc;
	rc = restricted_reason_ok(u, r);
	return rc == APP_OK ? restricted_log(u, r) : rc;
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
	if (rc != APP_OK) {
		db_rollback(u->db);
		return rc;
	}
	return APP_OK;
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
	if (rc == APP_OK)
		rc = uc_commit(u);
	else
		db_rollback(u->db);
	if (rc != APP_OK && out) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
