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
		            store_agency_insert(db, aid, name, type, bid[0] ? bid : NULL, u.now),
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

/* A list of role codes: at least one, each known (field errors on "roles"). Returns
 * the role bits. */
static unsigned roles_check(json_t *roles, struct app_err *err)
{
	unsigned bits = 0;
	if (!json_is_array(roles) || json_array_size(roles) == 0 ||
	    json_array_size(roles) > ROLE_COUNT)
		app_field_error(err, "roles", "Give at least one role.");
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r)
	{
		unsigned bit = json_is_string(r) ? role_from_code(json_string_value(r)) : 0;
		if (!bit)
			app_field_error(err, "roles",
			                "Unknown role. Roles are police_officer, "
			                "police_supervisor, assessment_team, mash_worker, "
			                "social_worker, csc_manager, health, education, "
			                "youth_offending, charity, analyst, mase_chair, "
			                "auditor, administrator.");
		bits |= bit;
	}
	return bits;
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
	roles_check(*roles, err);
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
		            store_user_insert(db,
		                              &(struct store_user_new){
		                                      .id = uid,
		                                      .username = username,
		                                      .display_name = display ? display : username,
		                                      .agency_id = aid,
		                                      .password_hash = hash,
		                                      .team = team,
		                                      .created_at = u.now}),
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

/* Loads user `username` into r inside the open transaction. APP_OK, APP_NOT_FOUND or
 * the database's error. */
static int user_open(struct uc *u, const char *username, struct user_row *r)
{
	if (!username || strlen(username) >= sizeof r->username)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No user with that username.");
	int found = store_user_get(u->db, username, r);
	if (found == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No user with that username.");
	return uc_db(u, found == DB_ROW ? DB_OK : found);
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
	struct user_row r;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = user_open(&u, username, &r);
	/* an administrator cannot lock themselves out */
	if (rc == APP_OK && strcmp(r.id, who->user_id) == 0)
		rc = app_fail(err, APP_FORBIDDEN, NULL,
		              "You cannot disable your own account. Ask another administrator.");
	if (rc == APP_OK)
		rc = uc_db(&u, store_user_set_status(db, r.id, "disabled", u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, store_sessions_end_for_user(db, r.id, u.now));
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

/* ---- changing users ---- */

/* The view of user r: {id, username, display_name, agency_id, agency, team, status,
 * roles [codes], must_change_password}; NULL with *rc set on a database error. */
static json_t *user_view(struct uc *u, const struct user_row *r, int *rc)
{
	char roles[512] = "", agency[160] = "";
	*rc = store_user_roles(u->db, r->id, roles, sizeof roles);
	if (*rc == DB_OK)
		*rc = store_agency_name(u->db, r->agency_id, agency, sizeof agency);
	if (*rc != DB_OK)
		return NULL;
	json_t *list = json_array();
	char *save = NULL;
	for (char *t = strtok_r(roles, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(list, json_string(t));
	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:o, s:b}", "id", r->id,
	                      "username", r->username, "display_name", r->display_name, "agency_id",
	                      r->agency_id, "agency", agency, "team", r->team[0] ? r->team : NULL,
	                      "status", r->status, "roles", list, "must_change_password",
	                      r->must_change_password);
	if (!v)
		*rc = DB_E_NOMEM;
	return v;
}

/* Starts a use case on user `username` for an administrator: checks the input is NULL
 * or an object holding only `allowed`, the actor, then begins the transaction and
 * loads the user. APP_OK with the transaction open, or the error with none. */
static int user_change_open(struct uc *u, const char *username, json_t *in,
                            const char *const *allowed, struct user_row *r)
{
	if (in && !json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The request must be a JSON object.");
	if (in)
		app_json_only(in, allowed, u->err);
	if (u->err->code)
		return u->err->code;
	if (require_admin(u->who, u->err))
		return u->err->code;
	int rc = uc_begin(u);
	if (rc == APP_OK)
		rc = user_open(u, username, r);
	return rc == APP_OK ? APP_OK : uc_end(u, rc, NULL);
}

int app_user_get(struct db *db, const struct actor *who, const char *username, json_t *in,
                 json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct user_row r;
	if (user_change_open(&u, username, NULL, NULL, &r) != APP_OK)
		return err->code;
	int src;
	*out = user_view(&u, &r, &src);
	int rc = *out ? uc_db(&u, uc_audit(&u, "view", "user", r.id, NULL, "all")) : uc_db(&u, src);
	return uc_end(&u, rc, out);
}

int app_user_change(struct db *db, const struct actor *who, const char *username, json_t *in,
                    json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"display_name", "team", "agency", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The user must be a JSON object.");
	const char *display = app_json_str(in, "display_name", false, 120, false, err);
	const char *team = app_json_str(in, "team", false, 64, false, err);
	const char *agency = app_json_str(in, "agency", false, 120, false, err);
	if (json_object_get(in, "display_name") && !display)
		app_field_error(err, "display_name", "Enter their full name.");
	struct user_row r;
	if (user_change_open(&u, username, in, allowed, &r) != APP_OK)
		return err->code;
	char aid[32] = "", atype[32];
	int rc = APP_OK;
	if (agency) {
		int found = store_agency_find(db, agency, aid, atype);
		if (found == DB_DONE) {
			app_field_error(err, "agency", "There is no agency '%.60s'.", agency);
			rc = err->code;
		} else {
			rc = uc_db(&u, found == DB_ROW ? DB_OK : found);
		}
	}
	/* what differs from what is stored; a team given empty clears it */
	const char *new_display = display ? display : r.display_name;
	const char *new_team = json_object_get(in, "team") ? team : (r.team[0] ? r.team : NULL);
	const char *new_agency = aid[0] ? aid : r.agency_id;
	char fields[64] = "";
	if (strcmp(new_display, r.display_name) != 0)
		snprintf(fields, sizeof fields, "display_name");
	if (strcmp(new_team ? new_team : "", r.team) != 0)
		snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "%steam",
		         fields[0] ? "," : "");
	if (strcmp(new_agency, r.agency_id) != 0)
		snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "%sagency",
		         fields[0] ? "," : "");
	if (rc == APP_OK && !fields[0])
		rc = app_fail(err, APP_INVALID, NULL,
		              "Nothing was changed: change their name, team or agency.");
	if (rc == APP_OK)
		rc = uc_db(&u,
		           store_user_update(db, r.id, new_display, new_team, new_agency, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "user", r.id, NULL, fields));
	if (rc == APP_OK)
		rc = user_open(&u, r.username, &r);
	int src = DB_OK;
	if (rc == APP_OK && !(*out = user_view(&u, &r, &src)))
		rc = uc_db(&u, src);
	return uc_end(&u, rc, out);
}

int app_user_enable(struct db *db, const struct actor *who, const char *username, json_t *in,
                    json_t **out, struct app_err *err)
{
	static const char *const none[] = {NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct user_row r;
	if (user_change_open(&u, username, in, none, &r) != APP_OK)
		return err->code;
	int rc = strcmp(r.status, "active") == 0
	                 ? app_fail(err, APP_CONFLICT, NULL, "That user is already active.")
	                 : uc_db(&u, store_user_set_status(db, r.id, "active", u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "enable", "user", r.id, NULL, "status"));
	if (rc == APP_OK)
		rc = view(&u, out, json_pack("{s:s, s:b}", "username", r.username, "active", 1));
	return uc_end(&u, rc, out);
}

int app_user_set_roles(struct db *db, const struct actor *who, const char *username, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"roles", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The roles must be a JSON object.");
	json_t *roles = json_object_get(in, "roles");
	unsigned bits = roles_check(roles, err);
	struct user_row r;
	if (user_change_open(&u, username, in, allowed, &r) != APP_OK)
		return err->code;
	int rc = APP_OK;
	/* an administrator cannot take away their own right to administer */
	if (strcmp(r.id, who->user_id) == 0 && !(bits & ROLE_BIT(ROLE_ADMINISTRATOR))) {
		app_field_error(err, "roles",
		                "You cannot remove your own administrator role. Ask another "
		                "administrator.");
		rc = err->code;
	}
	if (rc == APP_OK)
		rc = uc_db(&u, store_user_clear_roles(db, r.id));
	size_t i;
	json_t *v;
	json_array_foreach(roles, i, v)
	{
		if (rc == APP_OK)
			rc = uc_db(&u, store_user_add_role(db, r.id, json_string_value(v)));
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "user", r.id, NULL, "roles"));
	int src = DB_OK;
	if (rc == APP_OK && !(*out = user_view(&u, &r, &src)))
		rc = uc_db(&u, src);
	return uc_end(&u, rc, out);
}

int app_user_reset_password(struct db *db, const struct actor *who, const char *username,
                            json_t *in, json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"password", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	json_t *pw = json_object_get(in, "password");
	const char *policy = password_policy(json_is_string(pw) ? json_string_value(pw) : NULL);
	if (policy)
		app_field_error(err, "password", "%s", policy);
	if (require_admin(who, err) || err->code)
		return err->code;
	/* hashing is slow: before the transaction */
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(json_string_value(pw), hash) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not hash the password.");
	struct user_row r;
	if (user_change_open(&u, username, in, allowed, &r) != APP_OK)
		return err->code;
	int rc = uc_db(&u, store_user_set_password_flag(db, r.id, hash, true, u.now));
	/* whoever held the old password is signed out */
	if (rc == APP_OK)
		rc = uc_db(&u, store_sessions_end_for_user(db, r.id, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "reset_password", "user", r.id, NULL, "password"));
	if (rc == APP_OK)
		rc = view(
		        &u, out,
		        json_pack("{s:s, s:b}", "username", r.username, "must_change_password", 1));
	return uc_end(&u, rc, out);
}

int app_password_change(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"current_password", "new_password", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (who->system || !who->user_id[0])
		return app_fail(err, APP_FORBIDDEN, NULL, "Only a signed-in user can do this.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *cur = json_object_get(in, "current_password");
	json_t *pw = json_object_get(in, "new_password");
	const char *current = json_is_string(cur) ? json_string_value(cur) : NULL;
	const char *next = json_is_string(pw) ? json_string_value(pw) : NULL;
	if (!current || !*current)
		app_field_error(err, "current_password", "Enter your current password.");
	const char *policy = password_policy(next);
	if (policy)
		app_field_error(err, "new_password", "%s", policy);
	else if (current && strcmp(current, next) == 0)
		app_field_error(err, "new_password",
		                "Your new password must be different from your current one.");
	if (err->code)
		return err->code;
	struct user_row r;
	int found = store_user_get(db, who->username, &r);
	if (found != DB_ROW)
		return found == DB_DONE ? app_fail(err, APP_FORBIDDEN, NULL, "No such user.")
		                        : app_db_fail(err, db, found);
	/* verifying and hashing are slow: before the transaction */
	if (!password_verify(current, r.password_hash)) {
		app_field_error(err, "current_password", "Your current password is not correct.");
		return err->code;
	}
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(next, hash) < 0)
		return app_fail(err, APP_FAILED, NULL, "Could not hash the password.");
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = uc_db(&u, store_user_set_password_flag(db, r.id, hash, false, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "user", r.id, NULL, "password"));
	if (rc == APP_OK)
		rc = view(&u, out, json_pack("{s:s, s:b}", "username", r.username, "changed", 1));
	return uc_end(&u, rc, out);
}
