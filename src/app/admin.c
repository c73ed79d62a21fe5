/* admin.c: boroughs, agencies and users (see admin.h). */
#include "app/admin.h"

#include <ctype.h>

#include "app/password.h"
#include "app/uc.h"
#include "store/users.h"

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

/* A write's DB code as an app code: a constraint broken means the thing exists
 * (APP_CONFLICT with `exists`), any other failure is mapped by uc_db. */
static int stored(struct uc *u, int rc, const char *exists)
{
	if (rc == DB_E_CONSTRAINT)
		return app_fail(u->err, APP_CONFLICT, NULL, "%s", exists);
	return uc_db(u, rc);
}

/* *out = v, or APP_FAILED when v could not be made (out of memory). */
static int view(struct uc *u, json_t **out, json_t *v)
{
	*out = v;
	return v ? APP_OK : app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
}

int app_borough_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"name", "code", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (require_admin(who, err))
		return err->code;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The borough must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *name = app_json_str(in, "name", true, 80, false, err);
	const char *code = app_json_str(in, "code", true, 16, false, err);
	if (err->code)
		return err->code;
	char bid[ID_MAX];
	id_new("bor", bid);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = stored(&u, store_borough_insert(db, bid, name, code),
		            "A borough with that name or code exists.");
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "borough", bid, NULL, "name,code"));
	if (rc == APP_OK)
		rc = view(&u, out,
		          json_pack("{s:s, s:s, s:s}", "id", bid, "name", name, "code", code));
	return uc_end(&u, rc, out);
}

/* The agency type is one of AGENCY_TYPES (a field error otherwise). */
static void agency_type_check(const char *type, struct app_err *err)
{
	bool known = false;
	for (const char *const *t = AGENCY_TYPES; type && *t; t++)
		known |= strcmp(*t, type) == 0;
	if (type && !known)
		app_field_error(err, "type",
		                "Agency type must be one of police, childrens_social_care, health, "
		                "education, youth_offending, probation, housing, charity, other.");
}

int app_agency_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	static const char *const allowed[] = {"name", "type", "borough", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (require_admin(who, err))
		return err->code;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The agency must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *name = app_json_str(in, "name", true, 120, false, err);
	const char *type = app_json_str(in, "type", true, 32, false, err);
	const char *borough = app_json_str(in, "borough", false, 80, false, err);
	agency_type_check(type, err);
	if (err->code)
		return err->code;
	char aid[ID_MAX], bid[32] = "";
	int rc = uc_begin(&u);
	if (rc == APP_OK && borough) {
		int found = store_borough_find(db, borough, bid);
		if (found == DB_DONE) {
			app_field_error(err, "borough", "There is no borough '%.40s'.", borough);
			rc = err->code;
		} else {
			rc = uc_db(&u, found);
		}
	}
	id_new("agy", aid);
	if (rc == APP_OK)
		rc = stored(&u,
		            store_agency_insert(db, aid, name, type, bid[0] ? bid : NULL, u.now_s),
		            "An agency with that name exists.");
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "agency", aid, NULL, "name,type,borough"));
	if (rc == APP_OK)
		rc = view(&u, out,
		          json_pack("{s:s, s:s, s:s, s:s?}", "id", aid, "name", name, "type", type,
		                    "borough_id", bid[0] ? bid : NULL));
	return uc_end(&u, rc, out);
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

/* Reads a new user from in into the pointers given (field errors in err). */
static void user_input(json_t *in, const char **username, const char **display, const char **agency,
                       const char **team, json_t **pw, json_t **roles, struct app_err *err)
{
	static const char *const allowed[] = {"username", "display_name", "agency", "roles",
	                                      "team",     "password",     NULL};
	app_json_only(in, allowed, err);
	*username = app_json_str(in, "username", true, 64, false, err);
	*display = app_json_str(in, "display_name", false, 120, false, err);
	*agency = app_json_str(in, "agency", true, 120, false, err);
	*team = app_json_str(in, "team", false, 64, false, err);
	*pw = json_object_get(in, "password");
	*roles = json_object_get(in, "roles");
	if (*username && !username_ok(*username))
		app_field_error(
		        err, "username",
		        "Username must be 2 to 64 letters, digits, dots, hyphens or underscores.");
	const char *policy = password_policy(json_is_string(*pw) ? json_string_value(*pw) : NULL);
	if (policy)
		app_field_error(err, "password", "%s", policy);
	if (!json_is_array(*roles) || json_array_size(*roles) == 0 ||
	    json_array_size(*roles) > ROLE_COUNT)
		app_field_error(err, "roles", "Give at least one role.");
	size_t i;
	json_t *r;
	json_array_foreach(*roles, i, r)
	{
		if (!json_is_string(r) || !role_from_code(json_string_value(r)))
			app_field_error(err, "roles",
			                "Unknown role. Roles are police_officer, "
			                "police_supervisor, assessment_team, mash_worker, "
			                "social_worker, csc_manager, health, education, "
			                "youth_offending, charity, analyst, mase_chair, "
			                "auditor, administrator.");
	}
}

int app_user_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (require_admin(who, err))
		return err->code;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The user must be a JSON object.");
	const char *username, *display, *agency, *team;
	json_t *pw, *roles;
	user_input(in, &username, &display, &agency, &team, &pw, &roles, err);
	if (err->code)
		return err->code;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(json_string_value(pw), hash) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not hash the password.");
	char uid[ID_MAX], aid[32], atype[32];
	id_new("usr", uid);
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int found = store_agency_find(db, agency, aid, atype);
		if (found == DB_DONE) {
			app_field_error(err, "agency", "There is no agency '%.60s'.", agency);
			rc = err->code;
		} else {
			rc = uc_db(&u, found == DB_ROW ? DB_OK : found);
		}
	}
	if (rc == APP_OK)
		rc = stored(&u,
		            store_user_insert(db, uid, username, display ? display : username, aid,
		                              hash, team, u.now_s),
		            "That username is taken.");
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		if (rc == APP_OK)
			rc = stored(&u, store_user_add_role(db, uid, json_string_value(r)),
			            "That username is taken.");
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "user", uid, NULL,
		                        "username,display_name,agency,roles,team"));
	if (rc == APP_OK)
		rc = view(&u, out,
		          json_pack("{s:s, s:s, s:s, s:s, s:O}", "id", uid, "username", username,
		                    "display_name", display ? display : username, "agency_id", aid,
		                    "roles", roles));
	return uc_end(&u, rc, out);
}

int app_user_disable(struct db *db, const struct actor *who, const char *username, json_t *in,
                     json_t **out, struct app_err *err)
{
	static const char *const none[] = {NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (in && !json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	if (in)
		app_json_only(in, none, err);
	if (err->code)
		return err->code;
	if (require_admin(who, err))
		return err->code;
	if (!username)
		return app_fail(err, APP_NOT_FOUND, NULL, "No user with that username.");
	struct user_row r;
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int found = store_user_get(db, username, &r);
		rc = found == DB_DONE
		             ? app_fail(err, APP_NOT_FOUND, NULL, "No user with that username.")
		             : uc_db(&u, found == DB_ROW ? DB_OK : found);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, store_user_set_status(db, r.id, "disabled", u.now_s));
	if (rc == APP_OK)
		rc = uc_db(&u, store_sessions_end_for_user(db, r.id));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "disable", "user", r.id, NULL, "status"));
	if (rc == APP_OK)
		rc = view(&u, out, json_pack("{s:s, s:b}", "username", r.username, "disabled", 1));
	return uc_end(&u, rc, out);
}

int app_user_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (require_admin(who, err))
		return err->code;
	*out = store_users_list(db);
	return *out ? APP_OK : app_db_fail(err, db, DB_E_ERROR);
}

int app_agency_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	app_err_clear(err);
	*out = store_agencies_list(db);
	return *out ? APP_OK : app_db_fail(err, db, DB_E_ERROR);
}
