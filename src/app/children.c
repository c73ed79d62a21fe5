/* children.c: add, show and find children (see children.h). */
#include "app/children.h"

#include "protocol/definitions.h"

#include "app/gate.h"
#include "app/matching.h"
#include "app/merges.h"
#include "app/uc.h"
#include "link/normalise.h"
#include "protocol/reference.h"
#include "store/access.h"
#include "store/children.h"
#include "store/records.h"
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

int child_age_check(struct app_err *err, const char *dob_s, int64_t at, const char *field)
{
	struct lt_date dob, on = ltime_date_of(at);
	if (!dob_s || ltime_parse_date(dob_s, &dob) < 0)
		return APP_OK; /* unknown: R-MISS-2 and the pages treat it as possibly young */
	char on_s[LT_DATE_LEN];
	ltime_format_date(on, on_s);
	if (def_age_band(dob, on) == AGE_NOT_BORN) {
		app_field_error(err, field,
		                "The date of birth is after the date of the event (%s).", on_s);
		return err->code;
	}
	if (!def_is_child(dob, on)) { /* R-DEF-1 */
		app_field_error(
		        err, field,
		        "Lantern records children: on %s this person was %d, and a child is "
		        "anyone under 18 (R-DEF-1).",
		        on_s, ltime_age_on(dob, on));
		err->rule = "R-DEF-1";
		return err->code;
	}
	return APP_OK;
}

/* other_names: strings or {name, kind}, at most CHILD_MAX_OTHER_NAMES. */
static void parse_other_names(json_t *in, struct child_input *ci, struct app_err *err)
{
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
}

/* addresses: {address, postcode?, from?, to?} with a UK postcode; the first one's
 * postcode is the child's. */
static void parse_addresses(json_t *in, struct child_input *ci, struct app_err *err)
{
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
}

/* risk_groups (R-DEF-5): codes of the reference list, or {code, note?, from?, to?}. */
static void parse_risk_groups(json_t *in, struct child_input *ci, struct app_err *err)
{
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
	    present)
		child_age_check(err, ci->date_of_birth, now, "date_of_birth");

	const char *nhs = app_json_str(in, "nhs_number", false, 16, false, err);
	if (nhs && link_normalise_nhs(nhs, ci->nhs_number) < 0)
		app_field_error(err, "nhs_number",
		                "An NHS number has 10 digits and a valid check digit.");

	parse_other_names(in, ci, err);
	parse_addresses(in, ci, err);
	parse_risk_groups(in, ci, err);
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

static int create_child(struct db *db, const struct actor *who, const struct child_input *ci,
                        bool demo, bool keyed, char id[ID_MAX], struct app_err *err)
{
	char key[LINK_TEXT_LEN * 2], bid[32] = "";
	struct lt_date dob = {0}; /* "": unset (NULL) */
	ltime_parse_date(ci->date_of_birth, &dob);
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
	/* R-MISS-7: a looked-after child's placing authority is an agency in Lantern */
	char home[32] = "";
	if (ci->looked_after && ci->home_authority) {
		rc = store_authority_find(db, ci->home_authority, home);
		if (rc == DB_DONE) {
			app_field_error(
			        err, "home_authority",
			        "Choose the placing authority from the children's social care "
			        "agencies in Lantern (an administrator adds an authority outside "
			        "the partnership) (R-MISS-7).");
			return err->code;
		}
		if (rc != DB_ROW)
			return app_db_fail(err, db, rc);
		rc = DB_OK;
	}
	/* the allocated social worker: a Lantern user if the name is a username */
	struct user_row sw;
	bool sw_user = ci->social_worker && store_user_get(db, ci->social_worker, &sw) == DB_ROW;
	struct child_row row = {
	        .id = id,
	        .given_names = ci->given_names,
	        .family_name = ci->family_name,
	        .name_key = key,
	        .date_of_birth = dob,
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
	        .created_at = app_now(who),
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
	size_t nk = keyed ? child_blocking_keys(ci, keys) : 0;
	for (size_t i = 0; rc == DB_OK && i < nk; i++)
		rc = store_child_add_key(db, id, keys[i]);
	for (size_t i = 0; rc == DB_OK && i < ci->n_addresses; i++) {
		char full[LINK_POSTCODE_LEN] = "", outward[LINK_OUTWARD_LEN];
		if (ci->addresses[i].postcode)
			link_normalise_postcode(ci->addresses[i].postcode, full, outward);
		struct store_child_address_new a = {.child_id = id,
		                                    .address = ci->addresses[i].address,
		                                    .postcode = full[0] ? full : NULL};
		ltime_parse_date(ci->addresses[i].from, &a.from); /* "": left unset (NULL) */
		ltime_parse_date(ci->addresses[i].to, &a.to);
		rc = store_child_add_address(db, &a);
	}
	for (size_t i = 0; rc == DB_OK && i < ci->n_groups; i++) {
		struct lt_date from = {0}, to = {0}; /* "": left unset (NULL) */
		ltime_parse_date(ci->groups[i].from, &from);
		ltime_parse_date(ci->groups[i].to, &to);
		rc = store_child_add_risk_group(db, id, ci->groups[i].code, from, to,
		                                ci->groups[i].note);
	}
	/* creating a child's details grants nothing: the creator's agency is noted as having
	 * filed about the child (R-INFO-3); a looked-after child's home authority is a
	 * member of the case, so its staff see the return interview it owns (R-MISS-7) */
	if (rc == DB_OK && who->agency_id[0])
		rc = store_member_add(db, id, who->agency_id, MEMBER_FILED,
		                      "created the child's details",
		                      who->user_id[0] ? who->user_id : NULL, app_now(who));
	if (rc == DB_OK && home[0])
		rc = store_child_set_home_authority(db, id, home);
	if (rc == DB_OK && home[0])
		rc = store_member_add(db, id, home, MEMBER_HOME_AUTHORITY,
		                      "the looked-after child's placing authority (R-MISS-7)", NULL,
		                      app_now(who));
	if (rc == DB_OK) {
		rc = app_audit(db, who, "create", "child", id, NULL,
		               "identity,names,addresses,risk_groups");
	}
	return rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
}

int child_create_tx(struct db *db, const struct actor *who, const struct child_input *ci, bool demo,
                    char id[ID_MAX], struct app_err *err)
{
	return create_child(db, who, ci, demo, true, id, err);
}

int child_create_unkeyed_tx(struct db *db, const struct actor *who, const struct child_input *ci,
                            char id[ID_MAX], struct app_err *err)
{
	return create_child(db, who, ci, false, false, id, err);
}

int app_child_add(struct db *db, const struct actor *who, const char *no_id, json_t *in,
                  json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!access_may_file(who->roles, who->system))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot add children.");
	struct child_input ci;
	if (child_input_parse(in, u.now, &ci, err) != APP_OK)
		return err->code;
	bool confirm_new = app_json_bool(in, "confirm_new", false, err);
	if (err->code)
		return err->code;
	char id[ID_MAX];
	json_t *cands = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK && !confirm_new) /* R-REC-1: look before creating */
		rc = child_match(db, who, &ci, 10, &cands, err);
	if (rc == APP_OK && json_array_size(cands) > 0) {
		char ids[400];
		rc = access_disclose_children(&u, cands, ids, sizeof ids); /* R-INFO-3 */
		if (rc == APP_OK) {
			/* nothing is created, but the candidates were shown: audited after the
			 * rollback */
			uc_note_after(&u, "disclose", "child_candidates", NULL, NULL, ids);
			*out = json_pack("{s:O}", "candidates", cands);
			rc = app_fail(err, APP_CONFLICT, "R-REC-1",
			              "This child may already be known to Lantern. Choose an "
			              "existing child, or confirm that this is a new child.");
		}
	}
	json_decref(cands);
	if (rc == APP_OK)
		rc = child_create_tx(db, who, &ci, false, id, err);
	if (rc != APP_OK) {
		/* the candidates of an unconfirmed match stay in *out for the caller */
		json_t *keep = *out;
		*out = NULL;
		rc = uc_end(&u, rc, NULL);
		*out = keep;
		return rc;
	}
	/* the creator sees what they typed, not the child's record */
	*out = json_pack("{s:s, s:s, s:s, s:s?, s:b}", "id", id, "given_names", ci.given_names,
	                 "family_name", ci.family_name, "date_of_birth",
	                 ci.date_of_birth[0] ? ci.date_of_birth : NULL, "record_visible", false);
	return uc_end(&u, *out ? APP_OK : app_fail(err, APP_FAILED, NULL, "Out of memory."), out);
}

int app_child_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!id_valid(id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	int rc = uc_begin(&u), src = DB_OK;
	if (rc == APP_OK)
		rc = access_gate(&u, id, "child", id, NULL, "No such child.");
	json_t *child = rc == APP_OK ? store_child_get(db, id, &src) : NULL;
	if (rc == APP_OK && !child)
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                    : uc_db(&u, src);
	if (rc == APP_OK)
		rc = merges_child_view(&u, id, child); /* R-REC-1: merged children (023) */
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "child", id, NULL, "all"));
	*out = child;
	return uc_end(&u, rc, out);
}

#define SEARCH_LIMIT 25

/* Adds child `id` to `found` (unless there) as an exact match for `why`. */
static int search_add_exact(struct uc *u, json_t *found, const char *id, const char *why)
{
	bool merged = false; /* a merged child is found as the child it was merged into */
	int mrc = merges_is_merged(u->db, id, &merged);
	if (mrc != DB_OK || merged)
		return uc_db(u, mrc);
	size_t i;
	json_t *c;
	json_array_foreach(found, i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0) {
			json_object_set_new(c, "strength", json_string("exact"));
			json_array_insert_new(json_object_get(c, "reasons"), 0, json_string(why));
			return APP_OK;
		}
	}
	int rc;
	c = store_child_match_data(u->db, id, &rc);
	if (!c)
		return uc_db(u, rc);
	json_object_del(c, "nhs_number");
	json_object_del(c, "postcode");
	json_object_del(c, "other_names");
	json_object_set_new(c, "strength", json_string("exact"));
	json_object_set_new(c, "reasons", json_pack("[s]", why));
	json_array_append_new(found, c);
	return APP_OK;
}

/* Children whose names hold `word` (one name given alone: "Cooper"), exact matches. */
static int search_name_word(struct uc *u, const char *word, json_t *found)
{
	char key[LINK_TEXT_LEN] = "", why[160];
	if (link_normalise_text(word, key, sizeof key) < 0 || !key[0] || strchr(key, ' '))
		return APP_OK;
	int rc;
	json_t *ids = store_children_by_name_word(u->db, key, SEARCH_LIMIT, &rc);
	if (!ids)
		return uc_db(u, rc);
	snprintf(why, sizeof why, "one of their names is %s", word);
	size_t i;
	json_t *v;
	int arc = APP_OK;
	json_array_foreach(ids, i, v)
	{
		if (arc == APP_OK)
			arc = search_add_exact(u, found, json_string_value(v), why);
	}
	json_decref(ids);
	return arc;
}

/* Children born on `dob`, exact matches (a partnership-wide search by date alone). */
static int search_dob(struct uc *u, const char *dob, json_t *found)
{
	int rc;
	struct lt_date day;
	if (ltime_parse_date(dob, &day) < 0) /* checked with the input: nothing to find */
		return APP_OK;
	json_t *ids = store_children_by_dob(u->db, day, SEARCH_LIMIT, &rc);
	if (!ids)
		return uc_db(u, rc);
	size_t i;
	json_t *v;
	int arc = APP_OK;
	json_array_foreach(ids, i, v)
	{
		if (arc == APP_OK)
			arc = search_add_exact(u, found, json_string_value(v),
			                       "same date of birth");
	}
	json_decref(ids);
	return arc;
}

/* Exact names: the full name given matches the child's given and family names. */
static void search_mark_exact(json_t *found, const struct child_input *ci)
{
	if (!ci->given_names || !ci->family_name)
		return;
	char g[LINK_TEXT_LEN], f[LINK_TEXT_LEN], cg[LINK_TEXT_LEN], cf[LINK_TEXT_LEN];
	link_normalise_text(ci->given_names, g, sizeof g);
	link_normalise_text(ci->family_name, f, sizeof f);
	size_t i;
	json_t *c;
	json_array_foreach(found, i, c)
	{
		link_normalise_text(json_string_value(json_object_get(c, "given_names")), cg,
		                    sizeof cg);
		link_normalise_text(json_string_value(json_object_get(c, "family_name")), cf,
		                    sizeof cf);
		if (strcmp(g, cg) == 0 && strcmp(f, cf) == 0) {
			json_object_set_new(c, "strength", json_string("exact"));
			json_array_insert_new(json_object_get(c, "reasons"), 0,
			                      json_string("same full name"));
		}
	}
}

/* R-REC-1 search: the matcher's candidates for what was given, plus exact matches by
 * record reference, NHS number and a single name given alone; exact matches first. */
static int child_search(struct uc *u, const struct child_input *ci, const char *ref, json_t **found)
{
	*found = NULL;
	int rc = APP_OK;
	bool names = ci->given_names || ci->family_name;
	if (names || ci->date_of_birth[0] || ci->nhs_number[0])
		rc = child_match(u->db, u->who, ci, SEARCH_LIMIT, found, u->err);
	if (rc == APP_OK && !*found)
		*found = json_array();
	if (!*found)
		return rc;
	search_mark_exact(*found, ci);
	if (rc == APP_OK && ref) {
		struct record_row r;
		int src = store_record_get(u->db, ref, &r);
		if (src == DB_ROW && strcmp(r.reference, ref) == 0)
			rc = search_add_exact(u, *found, r.child_id, "record reference");
		else if (src != DB_DONE && src != DB_ROW)
			rc = uc_db(u, src);
	}
	if (rc == APP_OK && ci->nhs_number[0]) {
		char id[32];
		int src = store_child_by_nhs(u->db, ci->nhs_number, id);
		if (src == DB_ROW)
			rc = search_add_exact(u, *found, id, "same NHS number");
		else if (src != DB_DONE)
			rc = uc_db(u, src);
	}
	if (rc == APP_OK && (ci->given_names != NULL) != (ci->family_name != NULL))
		rc = search_name_word(u, ci->given_names ? ci->given_names : ci->family_name,
		                      *found);
	if (rc == APP_OK && !names && ci->date_of_birth[0]) /* a date of birth alone */
		rc = search_dob(u, ci->date_of_birth, *found);
	/* exact matches first, keeping the matcher's order within each group */
	json_t *sorted = json_array();
	for (int pass = 0; pass < 2; pass++) {
		size_t i;
		json_t *c;
		json_array_foreach(*found, i, c)
		{
			bool exact = strcmp(json_string_value(json_object_get(c, "strength")),
			                    "exact") == 0;
			if (exact == (pass == 0) && json_array_size(sorted) < SEARCH_LIMIT)
				json_array_append(sorted, c);
		}
	}
	json_decref(*found);
	*found = sorted;
	return rc;
}

/* What a search was given, for the narrowness rule (R-INFO-3). */
static struct access_search search_terms(const struct child_input *ci, const char *ref)
{
	return (struct access_search){
	        .name = ci->given_names || ci->family_name,
	        .dob = ci->date_of_birth[0] != '\0',
	        .strong = ci->nhs_number[0] != '\0' || ref,
	        .postcode = ci->postcode != NULL,
	};
}

int app_child_find(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	static const char *const allowed[] = {
	        "name",     "given_names", "family_name", "date_of_birth", "nhs_number",
	        "postcode", "other_names", "gender",      "record_ref",    NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (actor_scope(who) == ACCESS_NONE)
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot search for children.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The search must be a JSON object.");
	app_json_only(in, allowed, err);
	struct child_input ci;
	memset(&ci, 0, sizeof ci);
	const char *name = app_json_str(in, "name", false, 200, false, err);
	ci.given_names = app_json_str(in, "given_names", false, 100, false, err);
	ci.family_name = app_json_str(in, "family_name", false, 100, false, err);
	ci.postcode = app_json_str(in, "postcode", false, 10, false, err);
	ci.gender = app_json_str(in, "gender", false, 16, false, err);
	const char *ref = app_json_str(in, "record_ref", false, 24, false, err);
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
	if (name && !ci.given_names && !ci.family_name && link_split_full_name(name, &split) == 0) {
		link_tokens_join(&split.given, given, sizeof given);
		link_tokens_join(&split.family, family, sizeof family);
		ci.given_names = given[0] ? given : NULL;
		ci.family_name = family[0] ? family : NULL;
	}
	struct access_search terms = search_terms(&ci, ref);
	int64_t recent = 0;
	struct proto_err pe;
	json_t *cands = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK && !who->system && who->user_id[0])
		rc = uc_db(&u, store_audit_count_since(db, who->user_id, "search", u.now - 3600,
		                                       &recent));
	if (rc == APP_OK) {
		int allowed_rc = access_search_allowed(actor_scope(who), &terms, recent, &pe);
		if (allowed_rc == 1) {
			uc_note_after(&u, "refused", "child_search", NULL, NULL, "throttled");
			rc = app_fail(err, APP_LIMITED, pe.rule, "%s", pe.message);
		} else if (allowed_rc < 0) {
			rc = uc_proto_refused(&u, &pe);
		}
	}
	if (rc == APP_OK)
		rc = child_search(&u, &ci, ref, &cands);
	char ids[400] = "";
	if (rc == APP_OK)
		rc = access_disclose_children(&u, cands, ids, sizeof ids); /* R-INFO-3 */
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "search", "child", NULL, NULL, ids));
	if (rc == APP_OK)
		*out = json_pack("{s:O}", "results", cands);
	json_decref(cands);
	return uc_end(&u, rc, out);
}

int app_children_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"limit", "after", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (actor_scope(who) == ACCESS_NONE)
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot list children.");
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
	struct store_viewer v;
	access_viewer(who, u.now, &v); /* R-INFO-3: the same rule as the record page */
	int rc = uc_begin(&u), src = DB_OK;
	json_t *list = rc == APP_OK ? store_children_list(db, &v, after, limit, &src) : NULL;
	if (rc == APP_OK && !list)
		rc = uc_db(&u, src);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "view", "child_list", NULL, NULL, "names,date_of_birth"));
	if (rc == APP_OK) {
		size_t n = json_array_size(list);
		json_t *next =
		        n == (size_t)limit
		                ? json_incref(json_object_get(json_array_get(list, n - 1), "id"))
		                : json_null();
		*out = json_pack("{s:O, s:o}", "children", list, "next", next);
	}
	json_decref(list);
	return uc_end(&u, rc, out);
}
