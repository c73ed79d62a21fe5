/* admin.c: boroughs, agencies and users (see admin.h). */
#include "app/admin.h"

#include <ctype.h>

#include "app/password.h"
#include "store/users.h"
#include "util/ltime.h"

static const char *const AGENCY_TYPES[] = {"police",          "childrens_social_care",
                                           "health",          "education",
                                           "youth_offending", "probation",
                                           "housing",         "charity",
                                           "other",           NULL};

static int require_admin(const struct actor *who, struct app_err *err)
{
	if (who->system || actor_has(who, ROLE_BIT(ROLE_ADMINISTRATOR)))
		return APP_OK;
	return app_fail(err, APP_FORBIDDEN, NULL, "Only an administrator can do this.");
}

static int audit(struct db *db, const struct actor *who, const char *action, const char *type,
                 const char *id, const char *fields)
{
	return app_audit(db, who, action, type, id, NULL, fields);
}

int app_borough_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                    struct app_err *err)
{
	app_err_clear(err);
	static const char *const allowed[] = {"name", "code", NULL};
	if (require_admin(who, err))
		return err->code;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The borough must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *name = app_json_str(in, "name", true, 80, false, err);
	const char *code = app_json_str(in, "code", true, 16, false, err);
	if (err->code)
		return err->code;
	char id[ID_MAX];
	id_new("bor", id);
	int rc = db_begin(db);
	if (rc == DB_OK)
		rc = store_borough_insert(db, id, name, code);
	if (rc == DB_OK)
		rc = audit(db, who, "create", "borough", id, "name,code");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		if (rc == DB_E_CONSTRAINT)
			return app_fail(err, APP_CONFLICT, NULL,
			                "A borough with that name or code exists.");
		return app_db_fail(err, db, rc);
	}
	*out = json_pack("{s:s, s:s, s:s}", "id", id, "name", name, "code", code);
	return APP_OK;
}

int app_agency_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                   struct app_err *err)
{
	app_err_clear(err);
	static const char *const allowed[] = {"name", "type", "borough", NULL};
	if (require_admin(who, err))
		return err->code;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The agency must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *name = app_json_str(in, "name", true, 120, false, err);
	const char *type = app_json_str(in, "type", true, 32, false, err);
	const char *borough = app_json_str(in, "borough", false, 80, false, err);
	bool known = false;
	for (const char *const *t = AGENCY_TYPES; type && *t; t++)
		known |= strcmp(*t, type) == 0;
	if (type && !known)
		app_field_error(err, "type",
		                "Agency type must be one of police, childrens_social_care, health, "
		                "education, youth_offending, probation, housing, charity, other.");
	if (err->code)
		return err->code;
	char id[ID_MAX], bid[32] = "", now[LT_TIME_LEN];
	int rc = db_begin(db);
	if (rc == DB_OK && borough) {
		rc = store_borough_find(db, borough, bid);
		if (rc == DB_DONE) {
			db_rollback(db);
			app_field_error(err, "borough", "There is no borough '%.40s'.", borough);
			return err->code;
		}
	}
	id_new("agy", id);
	ltime_format(app_now(who), now);
	if (rc == DB_OK)
		rc = store_agency_insert(db, id, name, type, bid[0] ? bid : NULL, now);
	if (rc == DB_OK)
		rc = audit(db, who, "create", "agency", id, "name,type,borough");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		if (rc == DB_E_CONSTRAINT)
			return app_fail(err, APP_CONFLICT, NULL,
			                "An agency with that name exists.");
		return app_db_fail(err, db, rc);
	}
	*out = json_pack("{s:s, s:s, s:s, s:s?}", "id", id, "name", name, "type", type,
	                 "borough_id", bid[0] ? bid : NULL);
	return APP_OK;
}

static bool username_ok(const char *u)
{
	size_t n = strlen(u);
	if (n < 2 || n > 64)
		return false;
	for (const char *p = u; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '_')
			return false;
	return true;
}

int app_user_add(struct db *db, const struct actor *who, json_t *in, json_t **out,
                 struct app_err *err)
{
	app_err_clear(err);
	if (require_admin(who, err))
		return err->code;
	static const char *const allowed[] = {"username", "display_name", "agency", "roles",
	                                      "team",     "password",     NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The user must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *username = app_json_str(in, "username", true, 64, false, err);
	const char *display = app_json_str(in, "display_name", false, 120, false, err);
	const char *agency = app_json_str(in, "agency", true, 120, false, err);
	const char *team = app_json_str(in, "team", false, 64, false, err);
	json_t *pw = json_object_get(in, "password");
	json_t *roles = json_object_get(in, "roles");
	if (username && !username_ok(username))
		app_field_error(
		        err, "username",
		        "Username must be 2 to 64 letters, digits, dots, hyphens or underscores.");
	const char *policy = password_policy(json_is_string(pw) ? json_string_value(pw) : NULL);
	if (policy)
		app_field_error(err, "password", "%s", policy);
	if (!json_is_array(roles) || json_array_size(roles) == 0 ||
	    json_array_size(roles) > ROLE_COUNT)
		app_field_error(err, "roles", "Give at least one role.");
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		if (!json_is_string(r) || !role_from_code(json_string_value(r)))
			app_field_error(err, "roles",
			                "Unknown role. Roles are police_officer, "
			                "police_supervisor, assessment_team, mash_worker, "
			                "social_worker, csc_manager, health, education, "
			                "youth_offending, charity, analyst, mase_chair, "
			                "auditor, administrator.");
	}
	if (err->code)
		return err->code;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(json_string_value(pw), hash) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not hash the password.");
	char id[ID_MAX], aid[32], atype[32], now[LT_TIME_LEN];
	id_new("usr", id);
	ltime_format(app_now(who), now);
	int rc = db_begin(db);
	if (rc == DB_OK) {
		rc = store_agency_find(db, agency, aid, atype);
		if (rc == DB_DONE) {
			db_rollback(db);
			app_field_error(err, "agency", "There is no agency '%.60s'.", agency);
			return err->code;
		}
		if (rc == DB_ROW)
			rc = DB_OK;
	}
	if (rc == DB_OK)
		rc = store_user_insert(db, id, username, display ? display : username, aid, hash,
		                       team, now);
	json_array_foreach(roles, i, r)
	{
		if (rc == DB_OK)
			rc = store_user_add_role(db, id, json_string_value(r));
	}
	if (rc == DB_OK)
		rc = audit(db, who, "create", "user", id,
		           "username,display_name,agency,roles,team");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		if (rc == DB_E_CONSTRAINT)
			return app_fail(err, APP_CONFLICT, NULL, "That username is taken.");
		return app_db_fail(err, db, rc);
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:O}", "id", id, "username", username,
	                 "display_name", display ? display : username, "agency_id", aid, "roles",
	                 roles);
	return APP_OK;
}

int app_user_disable(struct db *db, const struct actor *who, const char *username,
                     struct app_err *err)
{
	app_err_clear(err);
	if (require_admin(who, err))
		return err->code;
	struct user_row u;
	char now[LT_TIME_LEN];
	ltime_format(app_now(who), now);
	int rc = db_begin(db);
	if (rc == DB_OK) {
		rc = store_user_get(db, username, &u);
		if (rc == DB_DONE) {
			db_rollback(db);
			return app_fail(err, APP_NOT_FOUND, NULL, "No user with that username.");
		}
		if (rc == DB_ROW)
			rc = DB_OK;
	}
	if (rc == DB_OK)
		rc = store_user_set_status(db, u.id, "disabled", now);
	if (rc == DB_OK)
		rc = store_sessions_end_for_user(db, u.id);
	if (rc == DB_OK)
		rc = audit(db, who, "disable", "user", u.id, "status");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		return app_db_fail(err, db, rc);
	}
	return APP_OK;
}

int app_user_list(struct db *db, const struct actor *who, json_t **out, struct app_err *err)
{
	app_err_clear(err);
	if (require_admin(who, err))
		return err->code;
	*out = store_users_list(db);
	return *out ? APP_OK : app_db_fail(err, db, DB_E_ERROR);
}

int app_agency_list(struct db *db, const struct actor *who, json_t **out, struct app_err *err)
{
	app_err_clear(err);
	*out = store_agencies_list(db);
	return *out ? APP_OK : app_db_fail(err, db, DB_E_ERROR);
}
