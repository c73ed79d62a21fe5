/* children.c: add, show and find children (see children.h). */
#include "app/children.h"

#include "app/authz.h"
#include "app/matching.h"
#include "app/uc.h"
#include "link/normalise.h"
#include "protocol/reference.h"
#include "store/children.h"
#include "store/users.h"
#include "util/ltime.h"

static const char *const GENDERS[] = {"female", "male", "other", "unknown", NULL};
static const char *const NAME_KINDS[] = {"alias", "nickname", "previous", "spelling", NULL};

/* Parses an optional date field `key` of an object inside the array `field`; errors
 * are reported against the array's field name. */
static void sub_date(json_t *obj, const char *key, const char *field, char out[11],
                     struct app_err *err)
{
	bool present;
	int before = err->nfields;
	if (app_json_date(obj, key, false, err, out, &present) < 0 && err->nfields > before)
		snprintf(err->fields[err->nfields - 1].field, sizeof err->fields[0].field, "%s",
		         field);
}

int child_input_parse(json_t *in, int64_t now, struct child_input *ci, struct app_err *err)
{
	static const char *const allowed[] = {"given_names",
	                                      "family_name",
	                                      "other_names",
	                                      "date_of_birth",
	                                      "gender",
	                                      "ethnicity",
	                                      "nhs_number",
	                                      "school",
	                                      "residence_borough",
	                                      "looked_after",
	                                      "home_authority",
	                                      "host_authority",
	                                      "iro_name",
	                                      "host_cse_lead",
	                                      "social_worker",
	                                      "addresses",
	                                      "risk_groups",
	                                      "confirm_new",
	                                      NULL};
	memset(ci, 0, sizeof(*ci));
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The child must be a JSON object.");
	app_json_only(in, allowed, err);
	ci->given_names = app_json_str(in, "given_names", true, 100, false, err);
	ci->family_name = app_json_str(in, "family_name", true, 100, false, err);
	ci->gender = app_json_str(in, "gender", false, 16, false, err);
	ci->ethnicity = app_json_str(in, "ethnicity", false, 80, false, err);
	ci->school = app_json_str(in, "school", false, 120, false, err);
	ci->residence_borough = app_json_str(in, "residence_borough", false, 80, false, err);
	ci->home_authority = app_json_str(in, "home_authority", false, 120, false, err);
	ci->host_authority = app_json_str(in, "host_authority", false, 120, false, err);
	ci->iro_name = app_json_str(in, "iro_name", false, 120, false, err);
	ci->host_cse_lead = app_json_str(in, "host_cse_lead", false, 120, false, err);
	ci->social_worker = app_json_str(in, "social_worker", false, 120, false, err);
	ci->looked_after = app_json_bool(in, "looked_after", false, err);
	if (ci->gender && !uc_one_of(ci->gender, GENDERS))
		app_field_error(err, "gender", "Gender must be female, male, other or unknown.");

	bool present;
	if (app_json_date(in, "date_of_birth", false, err, ci->date_of_birth, &present) == 0 &&
	    present) {
		struct lt_date dob, today = ltime_date_of(now);
		ltime_parse_date(ci->date_of_birth, &dob);
		int age = ltime_age_on(dob, today);
		if (age < 0)
			app_field_error(err, "date_of_birth",
			                "The date of birth is in the future.");
		else if (age >= 18) /* R-DEF-1 */
			app_field_error(
			        err, "date_of_birth",
			        "Lantern records children: this date of birth makes the "
			        "person %d today, and a child is anyone under 18 (R-DEF-1).",
			        age);
	}

	const char *nhs = app_json_str(in, "nhs_number", false, 16, false, err);
	if (nhs && link_normalise_nhs(nhs, ci->nhs_number) < 0)
		app_field_error(err, "nhs_number",
		                "An NHS number has 10 digits and a valid check digit.");

	json_t *names = json_object_get(in, "other_names");
	if (names && !json_is_null(names)) {
		if (!json_is_array(names) || json_array_size(names) > CHILD_MAX_OTHER_NAMES) {
			app_field_error(err, "other_names",
			                "Other names must be a list of at most %d.",
			                CHILD_MAX_OTHER_NAMES);
		} else {
			size_t i;
			json_t *v;
			json_array_foreach(names, i, v)
			{
				json_t *o = json_is_object(v) ? v : NULL;
				json_t *tmp = o ? NULL : json_pack("{s:O}", "name", v);
				const char *n =
				        app_json_str(o ? o : tmp, "name", true, 200, false, err);
				const char *k =
				        o ? app_json_str(o, "kind", false, 16, false, err) : NULL;
				if (k && !uc_one_of(k, NAME_KINDS))
					app_field_error(
					        err, "other_names",
					        "A name's kind is alias, nickname, previous or "
					        "spelling.");
				if (n) {
					/* a string element points into `names`, which outlives tmp
					 */
					ci->other_names[ci->n_other] = o ? n : json_string_value(v);
					ci->other_kinds[ci->n_other++] = k ? k : "alias";
				}
				json_decref(tmp);
			}
		}
	}

	json_t *addrs = json_object_get(in, "addresses");
	if (addrs && !json_is_null(addrs)) {
		if (!json_is_array(addrs) || json_array_size(addrs) > CHILD_MAX_ADDRESSES) {
			app_field_error(err, "addresses", "Addresses must be a list of at most %d.",
			                CHILD_MAX_ADDRESSES);
		} else {
			size_t i;
			json_t *v;
			json_array_foreach(addrs, i, v)
			{
				if (!json_is_object(v)) {
					app_field_error(err, "addresses",
					                "Each address is an object.");
					continue;
				}
				size_t k = ci->n_addresses;
				ci->addresses[k].address =
				        app_json_str(v, "address", true, 300, false, err);
				ci->addresses[k].postcode =
				        app_json_str(v, "postcode", false, 10, false, err);
				sub_date(v, "from", "addresses", ci->addresses[k].from, err);
				sub_date(v, "to", "addresses", ci->addresses[k].to, err);
				char full[LINK_POSTCODE_LEN], outward[LINK_OUTWARD_LEN];
				if (ci->addresses[k].postcode &&
				    link_normalise_postcode(ci->addresses[k].postcode, full,
				                            outward) < 0)
					app_field_error(err, "addresses",
					                "That is not a UK postcode.");
				if (ci->addresses[k].address)
					ci->n_addresses++;
			}
			if (ci->n_addresses)
				ci->postcode = ci->addresses[0].postcode;
		}
	}

	json_t *groups = json_object_get(in, "risk_groups");
	if (groups && !json_is_null(groups)) {
		if (!json_is_array(groups) || json_array_size(groups) > CHILD_MAX_GROUPS) {
			app_field_error(err, "risk_groups",
			                "Risk groups must be a list of at most %d.",
			                CHILD_MAX_GROUPS);
		} else {
			size_t i;
			json_t *v;
			json_array_foreach(groups, i, v)
			{
				json_t *tmp =
				        json_is_string(v) ? json_pack("{s:O}", "code", v) : NULL;
				json_t *o = tmp ? tmp : v;
				if (!json_is_object(o)) {
					app_field_error(err, "risk_groups",
					                "Each risk group is a code or object.");
					continue;
				}
				size_t k = ci->n_groups;
				const char *code = app_json_str(o, "code", true, 40, false, err);
				if (code && !ref_lookup(REF_RISK_GROUPS, code)) /* R-DEF-5 */
					app_field_error(
					        err, "risk_groups",
					        "Unknown increased-risk group '%.40s' (R-DEF-5).",
					        code);
				ci->groups[k].code = tmp ? json_string_value(v) : code;
				ci->groups[k].note = app_json_str(o, "note", false, 500, true, err);
				sub_date(o, "from", "risk_groups", ci->groups[k].from, err);
				sub_date(o, "to", "risk_groups", ci->groups[k].to, err);
				if (code && ref_lookup(REF_RISK_GROUPS, code))
					ci->n_groups++;
				json_decref(tmp);
			}
		}
	}
	return err->code ? err->code : APP_OK;
}

/* "family given" normalised; empty on failure. */
static void name_key(const char *given, const char *family, char out[LINK_TEXT_LEN * 2])
{
	char g[LINK_TEXT_LEN] = "", f[LINK_TEXT_LEN] = "";
	link_normalise_text(given ? given : "", g, sizeof g);
	link_normalise_text(family ? family : "", f, sizeof f);
	snprintf(out, LINK_TEXT_LEN * 2, "%s %s", f, g);
}

int child_create_tx(struct db *db, const struct actor *who, const struct child_input *ci, bool demo,
                    char id[ID_MAX], struct app_err *err)
{
	char now[LT_TIME_LEN], key[LINK_TEXT_LEN * 2], bid[32] = "";
	ltime_format(app_now(who), now);
	id_new("ch", id);
	name_key(ci->given_names, ci->family_name, key);
	int rc = DB_OK;
	if (ci->residence_borough) {
		rc = store_borough_find(db, ci->residence_borough, bid);
		if (rc == DB_DONE) {
			app_field_error(err, "residence_borough", "There is no borough '%.40s'.",
			                ci->residence_borough);
			return err->code;
		}
		if (rc != DB_OK)
			return app_db_fail(err, db, rc);
	}
	/* the allocated social worker: a Lantern user if the name is a username */
	struct user_row sw;
	bool sw_user = ci->social_worker && store_user_get(db, ci->social_worker, &sw) == DB_ROW;
	struct child_row row = {
	        .id = id,
	        .given_names = ci->given_names,
	        .family_name = ci->family_name,
	        .name_key = key,
	        .date_of_birth = ci->date_of_birth[0] ? ci->date_of_birth : NULL,
	        .gender = ci->gender,
	        .ethnicity = ci->ethnicity,
	        .nhs_number = ci->nhs_number[0] ? ci->nhs_number : NULL,
	        .school = ci->school,
	        .residence_borough_id = bid[0] ? bid : NULL,
	        .looked_after = ci->looked_after,
	        .home_authority = ci->home_authority,
	        .host_authority = ci->host_authority,
	        .iro_name = ci->iro_name,
	        .host_cse_lead = ci->host_cse_lead,
	        .social_worker_id = sw_user ? sw.id : NULL,
	        .social_worker_name = sw_user ? NULL : ci->social_worker,
	        .is_demo = demo,
	        .created_at = now,
	        .created_by = who->user_id[0] ? who->user_id : NULL,
	};
	rc = store_child_insert(db, &row);
	if (rc == DB_E_CONSTRAINT && ci->nhs_number[0])
		return app_fail(err, APP_CONFLICT, "R-REC-1",
		                "A child with this NHS number already exists: use their record.");
	for (size_t i = 0; rc == DB_OK && i < ci->n_other; i++) {
		char k[LINK_TEXT_LEN] = "";
		link_normalise_text(ci->other_names[i], k, sizeof k);
		rc = store_child_add_name(db, id, ci->other_kinds[i], ci->other_names[i], k);
	}
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	size_t nk = child_blocking_keys(ci, keys);
	for (size_t i = 0; rc == DB_OK && i < nk; i++)
		rc = store_child_add_key(db, id, keys[i]);
	for (size_t i = 0; rc == DB_OK && i < ci->n_addresses; i++) {
		char full[LINK_POSTCODE_LEN] = "", outward[LINK_OUTWARD_LEN];
		if (ci->addresses[i].postcode)
			link_normalise_postcode(ci->addresses[i].postcode, full, outward);
		rc = store_child_add_address(
		        db, id, ci->addresses[i].address, full[0] ? full : NULL, NULL,
		        ci->addresses[i].from[0] ? ci->addresses[i].from : NULL,
		        ci->addresses[i].to[0] ? ci->addresses[i].to : NULL);
	}
	for (size_t i = 0; rc == DB_OK && i < ci->n_groups; i++)
		rc = store_child_add_risk_group(db, id, ci->groups[i].code,
		                                ci->groups[i].from[0] ? ci->groups[i].from : NULL,
		                                ci->groups[i].to[0] ? ci->groups[i].to : NULL,
		                                ci->groups[i].note);
	if (rc == DB_OK && who->agency_id[0])
		rc = store_child_involve(db, id, who->agency_id, "created the child's details",
		                         now);
	if (rc == DB_OK) {
		rc = app_audit(db, who, "create", "child", id, NULL,
		               "identity,names,addresses,risk_groups");
	}
	return rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
}

int app_child_add(struct db *db, const struct actor *who, const char *no_id, json_t *in,
                  json_t **out, struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (!who->system && !actor_has(who, ROLES_PRACTITIONER))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot add children.");
	struct child_input ci;
	if (child_input_parse(in, app_now(who), &ci, err) != APP_OK)
		return err->code;
	bool confirm_new = app_json_bool(in, "confirm_new", false, err);
	if (err->code)
		return err->code;
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	if (!confirm_new) { /* R-REC-1: look before creating */
		json_t *cands = NULL;
		if (child_match(db, who, &ci, 10, &cands, err) != APP_OK) {
			db_rollback(db);
			return err->code;
		}
		if (json_array_size(cands) > 0) {
			db_rollback(db);
			*out = json_pack("{s:o}", "candidates", cands);
			return app_fail(
			        err, APP_CONFLICT, "R-REC-1",
			        "This child may already be known to Lantern. Choose an existing "
			        "child, or confirm that this is a new child.");
		}
		json_decref(cands);
	}
	char id[ID_MAX];
	if (child_create_tx(db, who, &ci, false, id, err) != APP_OK) {
		db_rollback(db);
		return err->code;
	}
	if ((rc = db_commit(db)) != DB_OK)
		return app_db_fail(err, db, rc);
	*out = store_child_get(db, id, &rc);
	return *out ? APP_OK : app_db_fail(err, db, rc);
}

int app_child_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (!id_valid(id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	if (authz_child_view(db, who, id, err) != APP_OK) {
		db_rollback(db);
		return err->code;
	}
	json_t *child = store_child_get(db, id, &rc);
	if (!child) {
		db_rollback(db);
		return rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                     : app_db_fail(err, db, rc);
	}
	rc = app_audit(db, who, "view", "child", id, NULL, "all");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		json_decref(child);
		return app_db_fail(err, db, rc);
	}
	*out = child;
	return APP_OK;
}

int app_child_find(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (!who->system && !actor_has(who, ROLES_PRACTITIONER | ROLES_PARTNERSHIP_WIDE))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot search for children.");
	static const char *const allowed[] = {"name",          "given_names", "family_name",
	                                      "date_of_birth", "nhs_number",  "postcode",
	                                      "other_names",   NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The search must be a JSON object.");
	app_json_only(in, allowed, err);
	struct child_input ci;
	memset(&ci, 0, sizeof ci);
	const char *name = app_json_str(in, "name", false, 200, false, err);
	ci.given_names = app_json_str(in, "given_names", false, 100, false, err);
	ci.family_name = app_json_str(in, "family_name", false, 100, false, err);
	ci.postcode = app_json_str(in, "postcode", false, 10, false, err);
	bool present;
	app_json_date(in, "date_of_birth", false, err, ci.date_of_birth, &present);
	const char *nhs = app_json_str(in, "nhs_number", false, 16, false, err);
	if (nhs && link_normalise_nhs(nhs, ci.nhs_number) < 0)
		app_field_error(err, "nhs_number",
		                "An NHS number has 10 digits and a valid check digit.");
	if (err->code)
		return err->code;
	struct link_full_name split;
	char given[LINK_TEXT_LEN] = "", family[LINK_TEXT_LEN] = "";
	if (name && !ci.given_names && !ci.family_name) {
		if (link_split_full_name(name, &split) == 0) {
			link_tokens_join(&split.given, given, sizeof given);
			link_tokens_join(&split.family, family, sizeof family);
			ci.given_names = given;
			ci.family_name = family;
		}
	}
	if (!ci.given_names && !ci.family_name && !ci.date_of_birth[0] && !ci.nhs_number[0])
		return app_fail(err, APP_INVALID, NULL,
		                "Give a name, a date of birth or an NHS number to search for.");
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	json_t *cands = NULL;
	if (child_match(db, who, &ci, 25, &cands, err) != APP_OK) {
		db_rollback(db);
		return err->code;
	}
	rc = app_audit(db, who, "search", "child", NULL, NULL, "name,date_of_birth,nhs_number");
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK) {
		db_rollback(db);
		json_decref(cands);
		return app_db_fail(err, db, rc);
	}
	*out = json_pack("{s:o}", "results", cands);
	return APP_OK;
}

int app_children_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	*out = NULL;
	app_err_clear(err);
	if (!who->system && !actor_has(who, ROLES_PRACTITIONER | ROLES_PARTNERSHIP_WIDE))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot list children.");
	static const char *const allowed[] = {"limit", "after", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *l = json_object_get(in, "limit");
	int limit = 50;
	if (l && (!json_is_integer(l) || json_integer_value(l) < 1 || json_integer_value(l) > 200))
		app_field_error(err, "limit", "limit must be a whole number from 1 to 200.");
	else if (l)
		limit = (int)json_integer_value(l);
	const char *after = app_json_str(in, "after", false, ID_MAX, false, err);
	if (after && !id_valid(after, "ch"))
		app_field_error(err, "after", "after must be a child id from the previous page.");
	if (err->code)
		return err->code;
	bool wide = who->system || actor_has(who, ROLES_PARTNERSHIP_WIDE);
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	json_t *list =
	        store_children_list(db, wide ? NULL : who->agency_id,
	                            who->user_id[0] ? who->user_id : NULL, after, limit, &rc);
	if (list)
		rc = app_audit(db, who, "view", "child_list", NULL, NULL, "names,date_of_birth");
	if (!list || rc != DB_OK || (rc = db_commit(db)) != DB_OK) {
		db_rollback(db);
		json_decref(list);
		return app_db_fail(err, db, rc);
	}
	size_t n = json_array_size(list);
	json_t *next = n == (size_t)limit
	                       ? json_incref(json_object_get(json_array_get(list, n - 1), "id"))
	                       : json_null();
	*out = json_pack("{s:o, s:o}", "children", list, "next", next);
	return APP_OK;
}
