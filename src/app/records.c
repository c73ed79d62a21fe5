/*
 * records.c: the use cases on a child's record (see records.h). The shape of each is
 * the same: open a transaction, authorise, validate through src/protocol/, write
 * through src/store/, append the audit event, commit. Any failure rolls the whole use
 * case back, so nothing is ever half-written.
 */
#include "app/records.h"
#include "app/viewcache.h"

#include "app/authz.h"
#include "app/children.h"
#include "app/chronology.h"
#include "app/matching.h"
#include "app/uc.h"
#include "protocol/category.h"
#include "protocol/checklists.h"
#include "protocol/definitions.h"
#include "protocol/flags.h"
#include "protocol/info.h"
#include "protocol/language.h"
#include "protocol/outcomes.h"
#include "protocol/pathway.h"
#include "protocol/recording.h"
#include "protocol/signs.h"
#include "store/children.h"
#include "store/json_rows.h"
#include "store/records.h"
#include "store/users.h"
#include "util/ltime.h"
#include "util/parse.h"

#define MAX_SIGNS 9
#define MAX_PEOPLE 20
#define MAX_CODES 12

/* Loads a record by reference (or id) and checks the actor may see it. */
static int load_record_as(struct uc *u, const char *ref, struct record_row *r, bool break_glass);

/* R-INFO-3: a restricted record opens only with a reason (the actor's purpose). */
static int restricted_reason_ok(struct uc *u, const struct record_row *r)
{
	struct proto_err pe;
	if (!r->restricted || u->who->system)
		return APP_OK;
	if (info_purpose_validate(u->who->purpose, &pe) < 0)
		return app_fail(u->err, APP_FORBIDDEN, "R-INFO-3", "%s", pe.message);
	return APP_OK;
}

/* R-INFO-3: logs the opening for a supervisor's review (inside a write transaction). */
static int restricted_log(struct uc *u, const struct record_row *r)
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
static int load_record(struct uc *u, const char *ref, struct record_row *r)
{
	return load_record_as(u, ref, r, true);
}

/* As load_record; with break_glass false a restricted record is loaded without a
 * reason (changing the restriction itself discloses nothing of the record). */
static int load_record_as(struct uc *u, const char *ref, struct record_row *r, bool break_glass)
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

/* R-FLAG-1..4: brings the record's current flags to what the protocol derives from
 * its state, keeping history (set/cleared with a reason). */
static int flags_sync(struct uc *u, const struct record_row *r, int category)
{
	struct flag_state fs = {.cse_suspicion = true,
	                        .category = category,
	                        .online = r->online || strcmp(r->contact_mode, "online") == 0,
	                        .group = r->group,
	                        .gang = r->gang};
	uint32_t want = flags_for(&fs), have = 0;
	int rc = store_flags_current(u->db, r->id, &have);
	for (uint32_t bit = 1; rc == DB_OK && bit <= FLAG_ALL; bit <<= 1) {
		const char *code = flags_code(bit);
		if ((want & bit) && !(have & bit))
			rc = store_flag_set(u->db, r->id, code, u->now_s,
			                    "derived from the record (R-FLAG)");
		else if (!(want & bit) && (have & bit))
			rc = store_flag_clear(u->db, r->id, code, u->now_s);
	}
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* Parses an array of codes from `key`, each checked against reference table t. */
static size_t codes_of(struct uc *u, json_t *in, const char *key, enum ref_table t,
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

static enum cat_contact contact_of(const char *s)
{
	if (!s)
		return CAT_CONTACT_UNSET;
	if (strcmp(s, "contact") == 0)
		return CAT_CONTACT_CONTACT;
	if (strcmp(s, "online") == 0 || strcmp(s, "non_contact") == 0)
		return CAT_CONTACT_ONLINE;
	return CAT_CONTACT_UNSET;
}

/* ---- category decisions (R-CAT-1..7, R-PATH-8, R-FLAG-2) ---- */

struct category_in {
	int category;
	enum cat_contact contact;
	const char *rationale;
	enum cat_kind kind;
	const char *exploitation_borough;
	json_t *indicators;
	int64_t decided_at;
};

/* Applies a category decision to a loaded record inside the open transaction. */
static int category_apply(struct uc *u, struct record_row *r, const struct category_in *c,
                          json_t **out)
{
	struct proto_err pe;
	struct cat_decision d = {.category = c->category,
	                         .contact = c->contact,
	                         .rationale = c->rationale,
	                         .decided_by = uc_user_id(u) ? uc_user_id(u) : "system",
	                         .kind = c->kind,
	                         .decided_at = c->decided_at};
	if (category_decision_validate(&d, u->now, &pe) < 0) /* R-CAT-3 */
		return uc_proto_refused(u, &pe);
	/* R-CAT-2: indicators are decision support only; they are checked and kept */
	const char *ticked[64];
	size_t nt = 0, i;
	json_t *v;
	json_array_foreach(c->indicators, i, v)
	{
		if (nt < 64 && json_is_string(v))
			ticked[nt++] = json_string_value(v);
	}
	struct cat_indicator_summary sum;
	if (nt && category_indicator_summary(ticked, nt, &sum, &pe) < 0)
		return uc_proto_refused(u, &pe);

	int rc;
	json_t *child = store_child_get(u->db, r->child_id, &rc);
	if (!child)
		return app_db_fail(u->err, u->db, rc);
	const char *residence = json_string_value(json_object_get(child, "residence_borough"));
	char owning_name[128] = "";
	if (!residence && r->owning_borough_id[0]) {
		store_borough_name(u->db, r->owning_borough_id, owning_name, sizeof owning_name);
		residence = owning_name[0] ? owning_name : NULL;
	}
	struct cat_alloc_input ai = {
	        .category = c->category,
	        .contact = c->contact,
	        .residence_borough = residence,
	        .exploitation_borough = c->exploitation_borough,
	        .looked_after = json_is_true(json_object_get(child, "looked_after")),
	        .home_authority = json_string_value(json_object_get(child, "home_authority")),
	        .host_authority = json_string_value(json_object_get(child, "host_authority")),
	};
	struct cat_allocation alloc;
	if (category_allocate(&ai, &alloc, &pe) < 0) { /* R-CAT-4..6 */
		json_decref(child);
		return uc_proto_refused(u, &pe);
	}
	char lead_bid[32] = "", enq_bid[32] = "";
	if (alloc.lead == CAT_LEAD_BOROUGH && alloc.lead_borough)
		store_borough_find(u->db, alloc.lead_borough, lead_bid);
	if (alloc.enquiring_borough &&
	    store_borough_find(u->db, alloc.enquiring_borough, enq_bid) != DB_OK) {
		json_decref(child);
		app_field_error(u->err, "exploitation_borough", "There is no borough '%.60s'.",
		                alloc.enquiring_borough);
		return APP_INVALID;
	}
	const char *allocation = alloc.lead == CAT_LEAD_SET ? "set" : "borough";
	const char *contact = c->category == 2 ? category_contact_code(c->contact) : NULL;
	if (c->category != 2 && c->contact == CAT_CONTACT_ONLINE)
		contact = "online";
	char id[ID_MAX], at[LT_TIME_LEN];
	id_new("cat", id);
	ltime_format(c->decided_at, at);
	json_t *none = c->indicators ? NULL : json_array();
	char *ind = json_dumps(c->indicators ? c->indicators : none, JSON_COMPACT);
	json_decref(none);
	json_t *row =
	        json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, "
	                  "s:s}",
	                  "id", id, "record_id", r->id, "category", c->category, "contact_mode",
	                  contact, "rationale", c->rationale, "kind", category_kind_code(c->kind),
	                  "decided_by", uc_user_id(u), "decided_by_name", u->who->display_name,
	                  "decided_at", at, "allocation", allocation, "allocated_borough_id",
	                  lead_bid[0] ? lead_bid : NULL, "enquiring_borough_id",
	                  enq_bid[0] ? enq_bid : NULL, "indicators", ind ? ind : "[]");
	free(ind);
	rc = store_category_insert(u->db, row);
	json_decref(row);
	if (rc == DB_OK)
		rc = store_record_set_category(u->db, r->id, c->category, contact, allocation,
		                               lead_bid[0] ? lead_bid : NULL,
		                               enq_bid[0] ? enq_bid : NULL, c->exploitation_borough,
		                               u->now_s);
	if (rc == DB_OK)
		rc = store_referrals_triaged(u->db, r->id);
	if (rc != DB_OK) {
		json_decref(child);
		return app_db_fail(u->err, u->db, rc);
	}
	r->category = c->category;
	snprintf(r->contact_mode, sizeof r->contact_mode, "%s", contact ? contact : "");
	int arc = flags_sync(u, r, c->category); /* R-FLAG-2 */
	char text[1200];
	struct assessment_route route = {0};
	if (arc == APP_OK && c->kind == CAT_KIND_ASSESSMENT_TEAM)
		assessment_route(c->category, &route, &pe); /* R-PATH-8 */
	snprintf(text, sizeof text, "Category %d%s%s (%s decision). %s%s%s Rationale: %s",
	         c->category, contact ? ", " : "", contact ? contact : "",
	         category_kind_code(c->kind),
	         alloc.lead == CAT_LEAD_SET ? "Allocated to the Sexual Exploitation Team."
	                                    : "Allocated to the borough where the child lives.",
	         route.text ? " " : "", route.text ? route.text : "", c->rationale);
	json_t *people = json_pack("[s]", "the child");
	if (arc == APP_OK)
		arc = chronology_add(u, r->id, c->decided_at, REC_OPINION, "category", text, people,
		                     NULL, NULL, NULL);
	json_decref(people);
	if (arc == APP_OK && (rc = uc_audit(u, "change", "record", r->id, r->reference,
	                                    "category,contact_mode,allocation,flags")) != DB_OK)
		arc = app_db_fail(u->err, u->db, rc);
	if (arc == APP_OK && out)
		*out = json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}",
		                 "id", id, "record_ref", r->reference, "category", c->category,
		                 "contact", contact, "allocation", allocation, "lead_borough",
		                 alloc.lead == CAT_LEAD_BOROUGH ? alloc.lead_borough : NULL,
		                 "enquiring_borough", alloc.enquiring_borough, "primary_authority",
		                 alloc.primary_authority, "host_authority", alloc.host_authority,
		                 "next_steps", route.text, "rule",
		                 alloc.rule ? alloc.rule : "R-CAT-4");
	json_decref(child);
	return arc;
}

static int category_parse(struct uc *u, json_t *in, struct category_in *c)
{
	static const char *const allowed[] = {"category",   "contact",    "rationale",
	                                      "kind",       "indicators", "exploitation_borough",
	                                      "decided_at", NULL};
	memset(c, 0, sizeof(*c));
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, allowed, u->err);
	json_t *cat = json_object_get(in, "category");
	if (!json_is_integer(cat) || json_integer_value(cat) < 1 || json_integer_value(cat) > 3)
		app_field_error(u->err, "category", "Choose category 1, 2 or 3 (R-CAT-1).");
	else
		c->category = (int)json_integer_value(cat);
	const char *contact = app_json_str(in, "contact", false, 16, false, u->err);
	c->contact = contact_of(contact);
	if (contact && c->contact == CAT_CONTACT_UNSET)
		app_field_error(u->err, "contact", "Contact must be 'contact' or 'online'.");
	c->rationale = app_json_str(in, "rationale", false, 4000, true, u->err);
	const char *kind = app_json_str(in, "kind", false, 20, false, u->err);
	c->kind = CAT_KIND_INITIAL;
	if (kind && strcmp(kind, "supervisor") == 0)
		c->kind = CAT_KIND_SUPERVISOR;
	else if (kind && strcmp(kind, "assessment_team") == 0)
		c->kind = CAT_KIND_ASSESSMENT_TEAM;
	else if (kind && strcmp(kind, "initial") != 0)
		app_field_error(u->err, "kind",
		                "Kind must be initial, supervisor or assessment_team.");
	c->exploitation_borough =
	        app_json_str(in, "exploitation_borough", false, 80, false, u->err);
	c->indicators = json_object_get(in, "indicators");
	if (c->indicators && !json_is_array(c->indicators)) {
		app_field_error(u->err, "indicators", "Indicators must be a list of App B codes.");
		c->indicators = NULL;
	}
	uc_time_field(u, in, "decided_at", u->now, &c->decided_at);
	return u->err->code ? u->err->code : APP_OK;
}

/* Who may make each kind of decision. */
static int category_authorised(struct uc *u, enum cat_kind kind)
{
	unsigned need = kind == CAT_KIND_SUPERVISOR ? ROLE_BIT(ROLE_POLICE_SUPERVISOR)
	                : kind == CAT_KIND_ASSESSMENT_TEAM
	                        ? ROLE_BIT(ROLE_ASSESSMENT_TEAM)
	                        : ROLES_POLICE | ROLE_BIT(ROLE_ASSESSMENT_TEAM) |
	                                  ROLE_BIT(ROLE_MASH_WORKER);
	if (u->who->system || actor_has(u->who, need))
		return APP_OK;
	return app_fail(u->err, APP_FORBIDDEN, "R-CAT-3",
	                "Your role cannot make a %s category decision.", category_kind_code(kind));
}

int app_category_decide(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct category_in c;
	if (category_parse(&u, in, &c) != APP_OK)
		return err->code;
	if (category_authorised(&u, c.kind) != APP_OK)
		return err->code;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	struct record_row r;
	int rc = load_record(&u, ref, &r);
	if (rc == APP_OK)
		rc = category_apply(&u, &r, &c, out);
	if (rc != APP_OK)
		return uc_abort(&u, rc);
	if (uc_commit(&u) != APP_OK) {
		json_decref(*out);
		*out = NULL;
		return err->code;
	}
	return APP_OK;
}

/* ---- referrals (R-SIGN-*, R-REC-1, R-REC-2, R-PATH-1..5, R-FLAG-1) ---- */

struct referral_in {
	const char *child_id;
	json_t *child;
	bool confirm_new_child;
	int64_t came_to_notice_at;
	const char *circumstances, *rationale, *no_sign_rationale;
	struct sign_entry signs[MAX_SIGNS];
	const char *sign_codes[MAX_SIGNS];
	size_t n_signs;
	json_t *people;
	const char *types[MAX_CODES], *models[MAX_CODES];
	size_t n_types, n_models;
	bool online, group, gang;
	json_t *police; /* the App G initial template, for police referrers */
	const char *risk_review, *merlin_pac, *other_info;
	struct category_in initial; /* police initial category (R-PATH-4), when given */
	bool has_initial;
};

static int referral_parse(struct uc *u, json_t *in, struct referral_in *r)
{
	static const char *const allowed[] = {"child_id",
	                                      "child",
	                                      "confirm_new_child",
	                                      "came_to_notice_at",
	                                      "circumstances",
	                                      "signs",
	                                      "rationale",
	                                      "no_sign_rationale",
	                                      "people_involved",
	                                      "exploitation_types",
	                                      "models",
	                                      "online",
	                                      "group",
	                                      "gang",
	                                      "police",
	                                      NULL};
	memset(r, 0, sizeof(*r));
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The referral must be a JSON object.");
	app_json_only(in, allowed, u->err);
	r->child_id = app_json_str(in, "child_id", false, ID_MAX, false, u->err);
	r->child = json_object_get(in, "child");
	if (!r->child_id && !json_is_object(r->child))
		app_field_error(u->err, "child",
		                "Say which child: give child_id or the child's details.");
	r->confirm_new_child = app_json_bool(in, "confirm_new_child", false, u->err);
	uc_time_field(u, in, "came_to_notice_at", u->now, &r->came_to_notice_at);
	r->circumstances = app_json_str(in, "circumstances", true, 8000, true, u->err);
	r->rationale = app_json_str(in, "rationale", false, 4000, true, u->err);
	r->no_sign_rationale = app_json_str(in, "no_sign_rationale", false, 4000, true, u->err);
	json_t *signs = json_object_get(in, "signs");
	if (signs && !json_is_null(signs)) {
		if (!json_is_array(signs) || json_array_size(signs) > MAX_SIGNS) {
			app_field_error(u->err, "signs",
			                "Signs must be a list of the nine SAFEGUARD signs.");
		} else {
			size_t i;
			json_t *s;
			json_array_foreach(signs, i, s)
			{
				if (!json_is_object(s)) {
					app_field_error(u->err, "signs",
					                "Each sign is an object with code, "
					                "evidence and seen_on.");
					continue;
				}
				struct sign_entry *e = &r->signs[r->n_signs];
				e->code = app_json_str(s, "code", true, 40, false, u->err);
				e->evidence = app_json_str(s, "evidence", true, 2000, true, u->err);
				char d[11];
				bool present;
				app_json_date(s, "seen_on", false, u->err, d, &present);
				if (present)
					ltime_parse_date(d, &e->seen_on);
				else
					e->seen_on = ltime_date_of(r->came_to_notice_at);
				if (e->code && e->evidence) {
					r->sign_codes[r->n_signs] = e->code;
					r->n_signs++;
				}
			}
		}
	}
	r->people = json_object_get(in, "people_involved");
	if (r->people && !json_is_array(r->people))
		app_field_error(u->err, "people_involved",
		                "People involved must be a list of names or roles.");
	r->n_types = codes_of(u, in, "exploitation_types", REF_EXPLOITATION_TYPES, r->types);
	r->n_models = codes_of(u, in, "models", REF_MODELS, r->models);
	r->online = app_json_bool(in, "online", false, u->err);
	r->group = app_json_bool(in, "group", false, u->err);
	r->gang = app_json_bool(in, "gang", false, u->err);
	r->police = json_object_get(in, "police");
	if (r->police && !json_is_null(r->police)) {
		if (!json_is_object(r->police)) {
			app_field_error(u->err, "police", "The police template must be an object.");
		} else {
			r->risk_review =
			        app_json_str(r->police, "risk_review", false, 8000, true, u->err);
			r->merlin_pac =
			        app_json_str(r->police, "merlin_pac", false, 40, false, u->err);
			r->other_info =
			        app_json_str(r->police, "other_info", false, 8000, true, u->err);
			json_t *cat = json_object_get(r->police, "initial_category");
			if (cat && !json_is_null(cat)) {
				json_t *ci = json_pack(
				        "{s:O, s:O?, s:O?, s:s}", "category", cat, "contact",
				        json_object_get(r->police, "contact"), "rationale",
				        json_object_get(r->police, "category_rationale"), "kind",
				        "initial");
				struct app_err sub = {0};
				struct uc su = *u;
				su.err = &sub;
				category_parse(&su, ci, &r->initial);
				json_decref(ci);
				for (int k = 0; k < sub.nfields; k++)
					app_field_error(u->err, "police", "%s",
					                sub.fields[k].message);
				r->has_initial = sub.code == APP_OK;
			}
		}
	}
	return u->err->code ? u->err->code : APP_OK;
}

/* Validates the referral through the protocol (signs, rationale, police template). */
static int referral_validate(struct uc *u, struct referral_in *r, bool police)
{
	struct proto_err pe;
	if (r->n_signs && signs_validate(r->signs, r->n_signs, u->now, &pe) < 0) /* R-SIGN-1 */
		return uc_proto_refused(u, &pe);
	if (r->n_signs == 0) { /* R-SIGN-2 */
		if (signs_no_sign_rationale_validate(r->no_sign_rationale, &pe) < 0)
			return uc_proto_refused(u, &pe);
	} else if (!police) { /* R-REC-2 (a police referral's reasons are template item I2) */
		if (signs_rationale_validate(r->rationale, r->sign_codes, r->n_signs, &pe) < 0)
			return uc_proto_refused(u, &pe);
	}
	if (police && r->n_signs) { /* R-PATH-5 */
		struct police_referral pr = {.circumstances = r->circumstances,
		                             .reasons = r->rationale,
		                             .risk_review = r->risk_review,
		                             .merlin_pac = r->merlin_pac,
		                             .other_info = r->other_info};
		if (police_referral_complete(&pr, &pe) < 0)
			return uc_proto_refused(u, &pe);
		if (signs_rationale_validate(r->rationale, r->sign_codes, r->n_signs, &pe) < 0)
			return uc_proto_refused(u, &pe);
	}
	if (r->n_models && def_models_validate(r->models, r->n_models, &pe) < 0) /* R-DEF-3 */
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* Finds the referred child or creates them (R-REC-1). On possible matches without
 * confirmation, returns APP_CONFLICT with the candidates in *cands. */
static int referral_child(struct uc *u, struct referral_in *r, char child_id[ID_MAX],
                          json_t **cands)
{
	if (r->child_id) {
		int rc;
		json_t *c = store_child_get(u->db, r->child_id, &rc);
		if (!c)
			return rc == DB_DONE
			               ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.")
			               : app_db_fail(u->err, u->db, rc);
		json_decref(c);
		snprintf(child_id, ID_MAX, "%s", r->child_id);
		return APP_OK;
	}
	struct child_input ci;
	if (child_input_parse(r->child, u->now, &ci, u->err) != APP_OK)
		return u->err->code;
	if (!r->confirm_new_child) {
		if (child_match(u->db, u->who, &ci, 10, cands, u->err) != APP_OK)
			return u->err->code;
		if (json_array_size(*cands) > 0)
			return app_fail(u->err, APP_CONFLICT, "R-REC-1",
			                "This child may already be known to Lantern. Choose the "
			                "existing child, or confirm that this is a new child.");
		json_decref(*cands);
		*cands = NULL;
	}
	return child_create_tx(u->db, u->who, &ci, false, child_id, u->err);
}

/* Appends code to list (of room `cap`) unless it is already there. */
static void code_add(const char **list, size_t *n, size_t cap, const char *code)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(list[i], code) == 0)
			return;
	if (*n < cap)
		list[(*n)++] = code;
}

/* Text of the chronology entry a referral adds. */
static void referral_entry_text(const struct referral_in *r, const struct path_result *pr,
                                const char *agency, char *out, size_t n)
{
	int len = snprintf(out, n, "Referral from %s (%s). Circumstances: %s", agency,
	                   pathway_route_code(pr->route), r->circumstances);
	for (size_t i = 0; i < r->n_signs && len > 0 && (size_t)len < n; i++) {
		const struct ref_item *it = ref_sign(r->signs[i].code);
		len += snprintf(out + len, n - (size_t)len, "%s%s: %s",
		                i ? "; " : " Signs: ", it ? it->label : r->signs[i].code,
		                r->signs[i].evidence);
	}
	if (r->n_signs == 0 && r->no_sign_rationale && len > 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, " No warning sign identified: %s",
		         r->no_sign_rationale);
}

int app_referral_submit(struct db *db, const struct actor *who, json_t *in, json_t **out,
                        struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!who->system && !actor_has(who, ROLES_PRACTITIONER))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot file referrals.");
	struct referral_in r;
	if (referral_parse(&u, in, &r) != APP_OK)
		return err->code;
	enum proto_agency agency = AGENCY_OTHER;
	if (who->agency_type[0])
		ref_agency_parse(who->agency_type, &agency);
	bool police = agency == AGENCY_POLICE;
	if (referral_validate(&u, &r, police) != APP_OK)
		return err->code;
	if (uc_begin(&u) != APP_OK)
		return err->code;

	char child_id[ID_MAX];
	json_t *cands = NULL;
	int rc = referral_child(&u, &r, child_id, &cands);
	if (rc != APP_OK) {
		if (rc == APP_CONFLICT && cands)
			*out = json_pack("{s:o}", "candidates", cands);
		return uc_abort(&u, rc);
	}
	json_t *child = store_child_get(db, child_id, &rc);
	if (!child)
		return uc_abort(&u, app_db_fail(err, db, rc));
	struct record_row rec;
	int have = store_record_get(db, child_id, &rec);
	if (have != DB_ROW && have != DB_DONE) {
		json_decref(child);
		return uc_abort(&u, app_db_fail(err, db, have));
	}
	struct path_input pi = {
	        .agency = agency,
	        .n_signs = r.n_signs,
	        .has_allocated_social_worker =
	                !json_is_null(json_object_get(child, "social_worker")) &&
	                json_object_get(child, "social_worker") != NULL,
	        .record_exists = have == DB_ROW,
	};
	struct path_result pr;
	struct proto_err pe;
	if (pathway_route(&pi, &pr, &pe) < 0) { /* R-PATH-1..4, R-SIGN-2 */
		json_decref(child);
		return uc_abort(&u, uc_proto_refused(&u, &pe));
	}
	const char *bid = json_string_value(json_object_get(child, "residence_borough_id"));
	if (!bid && who->borough_id[0])
		bid = who->borough_id;
	rc = DB_OK;
	if (pr.record == PATH_RECORD_CREATE) {
		char rid[ID_MAX];
		id_new("rec", rid);
		rc = store_record_insert(db, rid, child_id, ltime_date_of(u.now).y, u.now_s,
		                         uc_user_id(&u), bid, false, rec.reference);
		if (rc == DB_OK)
			rc = store_record_get(db, rid, &rec) == DB_ROW ? DB_OK : DB_E_ERROR;
		if (rc == DB_OK)
			rc = uc_audit(&u, "create", "record", rec.id, rec.reference, "all");
	}
	bool has_record = rc == DB_OK && (pr.record != PATH_RECORD_NONE || have == DB_ROW);
	char fid[ID_MAX];
	id_new("rfl", fid);
	const char *agency_name = who->system ? "the command line" : who->agency_id;
	char agency_label[160] = "";
	if (who->agency_id[0])
		store_agency_name(db, who->agency_id, agency_label, sizeof agency_label);
	if (agency_label[0])
		agency_name = agency_label;
	char notice[LT_TIME_LEN];
	ltime_format(r.came_to_notice_at, notice);
	json_t *row = json_pack(
	        "{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s, "
	        "s:s, "
	        "s:s}",
	        "id", fid, "child_id", child_id, "record_id", has_record ? rec.id : NULL,
	        "source_agency_id", who->agency_id[0] ? who->agency_id : NULL, "referrer_id",
	        uc_user_id(&u), "referrer_name", who->display_name, "came_to_notice_at", notice,
	        "submitted_at", u.now_s, "circumstances", r.circumstances, "rationale", r.rationale,
	        "no_sign_rationale", r.no_sign_rationale, "risk_review", r.risk_review,
	        "other_info", r.other_info, "route", pathway_route_code(pr.route), "route_rule",
	        pr.rule, "status", r.n_signs ? "awaiting_triage" : "not_cse_pathway");
	if (rc == DB_OK)
		rc = row ? store_referral_insert(db, row) : DB_E_NOMEM;
	json_decref(row);
	for (size_t i = 0; rc == DB_OK && i < r.n_signs; i++) {
		char d[LT_DATE_LEN];
		ltime_format_date(r.signs[i].seen_on, d);
		rc = store_referral_add_sign(db, fid, r.signs[i].code, r.signs[i].evidence, d);
	}
	for (size_t i = 0; rc == DB_OK && i < pr.n_steps; i++) {
		char action[16];
		snprintf(action, sizeof action, "%d", (int)pr.steps[i].action);
		rc = store_referral_add_step(db, fid, (int)i + 1, action, pr.steps[i].who,
		                             pr.steps[i].rule, pr.steps[i].text);
	}
	if (rc == DB_OK && who->agency_id[0])
		rc = store_child_involve(db, child_id, who->agency_id, "referred the child",
		                         u.now_s);
	/* R-PATH-1, R-PATH-2: children's social care receives every CSE-pathway referral, so
	 * the borough's children's social care agencies become involved (the MASH and the SET
	 * desk hold partnership-wide roles and see it already) */
	if (rc == DB_OK && pr.route != ROUTE_NOT_CSE_EARLY_HELP && bid)
		rc = store_child_involve_agencies(db, child_id, "childrens_social_care", bid,
		                                  "received the referral (R-PATH-1)", u.now_s);
	if (rc == DB_OK)
		rc = uc_audit(&u, "create", "referral", fid, has_record ? rec.reference : NULL,
		              "circumstances,signs,rationale,route");
	if (rc != DB_OK) {
		json_decref(child);
		return uc_abort(&u, app_db_fail(err, db, rc));
	}
	int arc = APP_OK;
	if (has_record) {
		/* R-REC-1: the concern joins the child's one record */
		bool set = r.online || rec.online, grp = r.group || rec.group,
		     gng = r.gang || rec.gang;
		if (set != rec.online || grp != rec.group || gng != rec.gang) {
			rc = store_record_set_facts(db, rec.id, set, grp, gng, u.now_s);
			rec.online = set;
			rec.group = grp;
			rec.gang = gng;
		}
		if (rc == DB_OK && (r.n_types || r.n_models)) {
			/* add to, never narrow, what the record already holds */
			json_t *cur = store_classifications(db, rec.id, true, &rc);
			const char *types[2 * MAX_CODES], *models[2 * MAX_CODES];
			size_t nt = 0, nm = 0, i;
			json_t *v;
			json_array_foreach(cur, i, v)
			{
				const char *k = json_string_value(json_object_get(v, "kind"));
				const char *c = json_string_value(json_object_get(v, "code"));
				if (strcmp(k, "type") == 0)
					code_add(types, &nt, ARRAY_LEN(types), c);
				else
					code_add(models, &nm, ARRAY_LEN(models), c);
			}
			for (i = 0; i < r.n_types; i++)
				code_add(types, &nt, ARRAY_LEN(types), r.types[i]);
			for (i = 0; i < r.n_models; i++)
				code_add(models, &nm, ARRAY_LEN(models), r.models[i]);
			if (cur && r.n_types)
				rc = store_classification_set(db, rec.id, "type", types, nt,
				                              u.now_s);
			if (cur && rc == DB_OK && r.n_models)
				rc = store_classification_set(db, rec.id, "model", models, nm,
				                              u.now_s);
			json_decref(cur);
		}
		if (rc == DB_OK && r.merlin_pac)
			rc = store_ext_ref_add(db, rec.id, "merlin_pac", r.merlin_pac, true,
			                       u.now_s, uc_user_id(&u)); /* R-PATH-4, R-REC-4 */
		if (rc != DB_OK)
			arc = app_db_fail(err, db, rc);
		char text[12000];
		referral_entry_text(&r, &pr, agency_name, text, sizeof text);
		json_t *people = r.people ? json_incref(r.people) : json_pack("[s]", "the child");
		if (arc == APP_OK)
			arc = chronology_add(&u, rec.id, r.came_to_notice_at, REC_FACT, "referral",
			                     text, people, fid, NULL, NULL);
		json_decref(people);
		if (arc == APP_OK && r.has_initial && police) {
			r.initial.decided_at = u.now;
			arc = category_apply(&u, &rec, &r.initial, NULL); /* R-PATH-4 */
		} else if (arc == APP_OK) {
			arc = flags_sync(&u, &rec, rec.category); /* R-FLAG-1: ES */
		}
	}
	if (arc != APP_OK) {
		json_decref(child);
		return uc_abort(&u, arc);
	}
	if (uc_commit(&u) != APP_OK) {
		json_decref(child);
		return err->code;
	}
	json_t *steps = json_array();
	for (size_t i = 0; i < pr.n_steps; i++)
		json_array_append_new(steps,
		                      json_pack("{s:s, s:s, s:s}", "who", pr.steps[i].who, "rule",
		                                pr.steps[i].rule, "text", pr.steps[i].text));
	*out = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:o, s:b, s:s?}", "referral_id", fid,
	                 "child_id", child_id, "record_ref", has_record ? rec.reference : NULL,
	                 "route", pathway_route_code(pr.route), "rule", pr.rule, "steps", steps,
	                 "cse_pathway", r.n_signs > 0, "record_action",
	                 pr.record == PATH_RECORD_CREATE   ? "created"
	                 : pr.record == PATH_RECORD_UPDATE ? "updated"
	                                                   : NULL);
	json_decref(child);
	return APP_OK;
}

int app_referral_get(struct db *db, const struct actor *who, const char *id, json_t **out,
                     struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!id_valid(id, "rfl"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such referral.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	int rc;
	json_t *ref = store_referral_get(db, id, &rc);
	if (!ref)
		return uc_abort(
		        &u, rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such referral.")
		                          : app_db_fail(err, db, rc));
	const char *child = json_string_value(json_object_get(ref, "child_id"));
	int arc = authz_child_view(db, who, child, err);
	if (arc == APP_NOT_FOUND) /* hidden reads exactly like missing */
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such referral.");
	if (arc == APP_OK &&
	    (rc = uc_audit(&u, "view", "referral", id,
	                   json_string_value(json_object_get(ref, "record_ref")), "all")) != DB_OK)
		arc = app_db_fail(err, db, rc);
	if (arc != APP_OK) {
		json_decref(ref);
		return uc_abort(&u, arc);
	}
	if (uc_commit(&u) != APP_OK) {
		json_decref(ref);
		return err->code;
	}
	*out = ref;
	return APP_OK;
}

/* ---- record-level use cases ---- */

/* Opens a use case on record `ref`: transaction, record loaded and visible. */
static int uc_open_record(struct uc *u, const char *ref, struct record_row *r)
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
static int uc_finish(struct uc *u, int rc, const struct record_row *r, const char *action,
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

int app_supervisor_review(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	static const char *const allowed[] = {"items", "threat_to_life_appropriate",
	                                      "threat_to_life_done", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The review must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *items = json_object_get(in, "items");
	struct supervisor_review sr;
	memset(&sr, 0, sizeof sr);
	if (!json_is_array(items) || json_array_size(items) != 6)
		app_field_error(err, "items", "Give all six review items S1 to S6 (R-PATH-6).");
	for (size_t i = 0; json_is_array(items) && i < 6 && i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		char f[16];
		snprintf(f, sizeof f, "items[%zu]", i);
		if (!json_is_object(it)) {
			app_field_error(err, f, "Each item is an object with ticked and note.");
			continue;
		}
		sr.items[i].ticked = app_json_bool(it, "ticked", false, err);
		sr.items[i].note = app_json_str(it, "note", false, 2000, true, err);
	}
	sr.threat_to_life_appropriate = app_json_bool(in, "threat_to_life_appropriate", false, err);
	sr.threat_to_life_done = app_json_bool(in, "threat_to_life_done", false, err);
	if (err->code)
		return err->code;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char officer[32] = "";
	int rc = store_reporting_officer(db, r.id, officer);
	if (rc != DB_OK)
		return uc_finish(&u, app_db_fail(err, db, rc), &r, NULL, NULL, NULL, NULL, NULL);
	sr.reviewer_id = uc_user_id(&u) ? uc_user_id(&u) : "system";
	sr.reviewer_roles = who->system ? 0 : who->roles;
	sr.reporting_officer_id = officer[0] ? officer : NULL;
	struct proto_err pe;
	if (supervisor_review_validate(&sr, &pe) < 0) /* R-PATH-6 */
		return uc_finish(&u, uc_proto_refused(&u, &pe), &r, NULL, NULL, NULL, NULL, NULL);
	json_t *arr = json_array();
	for (int i = 0; i < 6; i++) {
		char code[4];
		snprintf(code, sizeof code, "S%d", i + 1);
		json_array_append_new(arr, json_pack("{s:s, s:b, s:s?}", "code", code, "ticked",
		                                     sr.items[i].ticked, "note", sr.items[i].note));
	}
	char *items_s = json_dumps(arr, JSON_COMPACT);
	char id[ID_MAX];
	id_new("svr", id);
	rc = store_supervisor_review_insert(
	        db, id, r.id, uc_user_id(&u), officer[0] ? officer : NULL, u.now_s,
	        items_s ? items_s : "[]",
	        sr.threat_to_life_appropriate && sr.threat_to_life_done ? "done"
	                                                                : "not_appropriate");
	free(items_s);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	char text[600];
	snprintf(text, sizeof text,
	         "Supervisor review completed: allegation, classification, intelligence action "
	         "plan, "
	         "MERLIN, victim protection and support strategy and category reviewed (S1-S6)%s.",
	         sr.threat_to_life_appropriate ? "; Threat to Life risk assessment done" : "");
	json_t *people = json_pack("[s]", "the child");
	if (arc == APP_OK)
		arc = chronology_add(&u, r.id, u.now, REC_OPINION, "supervisor_review", text,
		                     people, NULL, NULL, NULL);
	json_decref(people);
	*out = json_pack("{s:s, s:s, s:o}", "id", id, "record_ref", r.reference, "items", arr);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "supervisor_review", out);
}

int app_essential_steps(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"immediate_risk",
	                                      "police_protection_considered",
	                                      "police_protection_note",
	                                      "pnc_marker_done",
	                                      "mase_referred_or_updated",
	                                      "outcome_mi_considered",
	                                      "declined_to_intervene_or_refer",
	                                      "e4_rationale",
	                                      "category_reviewed_by_assessment_team",
	                                      "flag_set",
	                                      NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record essential steps", "steps", allowed))
		return err->code;
	struct essential_steps s = {
	        .immediate_risk = app_json_bool(in, "immediate_risk", false, err),
	        .police_protection_considered =
	                app_json_bool(in, "police_protection_considered", false, err),
	        .police_protection_note =
	                app_json_str(in, "police_protection_note", false, 2000, true, err),
	        .pnc_marker_done = app_json_bool(in, "pnc_marker_done", false, err),
	        .mase_referred_or_updated =
	                app_json_bool(in, "mase_referred_or_updated", false, err),
	        .outcome_mi_considered = app_json_bool(in, "outcome_mi_considered", false, err),
	        .declined_to_intervene_or_refer =
	                app_json_bool(in, "declined_to_intervene_or_refer", false, err),
	        .e4_rationale = app_json_str(in, "e4_rationale", false, 2000, true, err),
	        .category_reviewed_by_assessment_team =
	                app_json_bool(in, "category_reviewed_by_assessment_team", false, err),
	        .flag_set = app_json_bool(in, "flag_set", false, err),
	};
	if (err->code)
		return err->code;
	struct proto_err pe;
	/* R-PATH-7: a decision not to intervene always needs its rationale, and an immediate
	 * risk its police-protection note; other steps may be recorded as they happen */
	if (s.declined_to_intervene_or_refer &&
	    proto_text_check(s.e4_rationale, 2000, true, "R-PATH-7", "e4_rationale",
	                     "the rationale for not intervening or referring (E4)", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	if (s.immediate_risk && s.police_protection_considered &&
	    proto_text_check(s.police_protection_note, 2000, true, "R-PATH-7",
	                     "police_protection_note", "the police protection decision (E1)",
	                     &pe) < 0)
		return uc_proto_refused(&u, &pe);
	const char *codes[5];
	size_t n = essential_steps_outstanding(&s, codes);
	char outstanding[32] = "";
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(outstanding);
		snprintf(outstanding + len, sizeof outstanding - len, "%s%s", i ? "," : "",
		         codes[i]);
	}
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char *steps_s = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
	char id[ID_MAX];
	id_new("ess", id);
	int rc = store_essential_steps_insert(db, id, r.id, uc_user_id(&u), u.now_s,
	                                      steps_s ? steps_s : "{}", outstanding);
	free(steps_s);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	char text[2600];
	snprintf(text, sizeof text, "Essential steps recorded (R-PATH-7). %s%s%s%s",
	         n ? "Still outstanding: " : "All five essential steps are complete.",
	         n ? outstanding : "",
	         s.declined_to_intervene_or_refer ? " Decision not to intervene: " : "",
	         s.declined_to_intervene_or_refer ? s.e4_rationale : "");
	json_t *people = json_pack("[s]", "the child");
	if (arc == APP_OK)
		arc = chronology_add(&u, r.id, u.now, REC_FACT, "essential_steps", text, people,
		                     NULL, NULL, NULL);
	json_decref(people);
	json_t *left = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(left, json_string(codes[i]));
	*out = json_pack("{s:s, s:s, s:o, s:b}", "id", id, "record_ref", r.reference, "outstanding",
	                 left, "complete", n == 0);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "essential_steps", out);
}

int app_record_add_entry(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "occurred_at", "nature", "people_involved", "text", "supersedes", "kind", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "add to records", "entry", allowed))
		return err->code;
	int64_t occurred;
	uc_time_field(&u, in, "occurred_at", u.now, &occurred);
	const char *nature_s = app_json_str(in, "nature", true, 10, false, err);
	enum rec_nature nature = REC_NATURE_UNSET;
	if (nature_s && strcmp(nature_s, "fact") == 0)
		nature = REC_FACT;
	else if (nature_s && strcmp(nature_s, "opinion") == 0)
		nature = REC_OPINION;
	else if (nature_s)
		app_field_error(err, "nature",
		                "Say whether this is a fact or a professional opinion (R-REC-3).");
	const char *text = app_json_str(in, "text", true, 8000, true, err);
	const char *supersedes = app_json_str(in, "supersedes", false, ID_MAX, false, err);
	json_t *people = json_object_get(in, "people_involved");
	if (!json_is_array(people) || json_array_size(people) == 0 ||
	    json_array_size(people) > MAX_PEOPLE)
		app_field_error(err, "people_involved",
		                "Name who was involved (at least one, at most %d) (R-REC-3).",
		                MAX_PEOPLE);
	size_t i;
	json_t *v;
	json_array_foreach(people, i, v)
	{
		if (!json_is_string(v) || !text_ok(json_string_value(v), 200, false))
			app_field_error(err, "people_involved",
			                "Each person is a name or role of at most 200 characters.");
	}
	if (err->code)
		return err->code;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	int arc = APP_OK;
	if (supersedes) { /* R-REC-6 */
		char rec_of[32] = "";
		bool superseded = false;
		int rc = store_entry_get(db, supersedes, rec_of, &superseded);
		if (rc != DB_ROW && rc != DB_DONE)
			return uc_finish(&u, app_db_fail(err, db, rc), &r, NULL, NULL, NULL, NULL,
			                 NULL);
		struct rec_entry_info info = {.entry_id = rc == DB_ROW ? supersedes : NULL,
		                              .record_id = rec_of,
		                              .superseded = superseded};
		struct proto_err pe;
		if (recording_supersede_validate(rc == DB_ROW ? &info : NULL, r.id, text, &pe) < 0)
			return uc_finish(&u, uc_proto_refused(&u, &pe), &r, NULL, NULL, NULL, NULL,
			                 NULL);
	}
	char id[ID_MAX];
	arc = chronology_add(&u, r.id, occurred, nature, supersedes ? "correction" : "note", text,
	                     people, NULL, supersedes, id);
	if (arc == APP_OK && supersedes) {
		int rc = store_entry_mark_superseded(db, supersedes, id);
		if (rc != DB_OK)
			arc = app_db_fail(err, db, rc);
	}
	*out = json_pack("{s:s, s:s, s:s?}", "id", id, "record_ref", r.reference, "supersedes",
	                 supersedes);
	return uc_finish(&u, arc, &r, supersedes ? "correct" : "change", "record", r.id,
	                 "chronology", out);
}

int app_outcome_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                    json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"code", "achieved_on", "note", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record outcomes", "outcome", allowed))
		return err->code;
	const char *code = app_json_str(in, "code", true, 4, false, err);
	char on[11];
	bool present;
	app_json_date(in, "achieved_on", true, err, on, &present);
	const char *note = app_json_str(in, "note", false, 2000, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (outcome_validate(outcome_parse(code), OUTCOME_SUBJECT_CHILD, &pe) < 0) /* R-OUT-1 */
		return uc_proto_refused(&u, &pe);
	struct lt_date d;
	ltime_parse_date(on, &d);
	if (ltime_date_cmp(d, ltime_date_of(u.now)) > 0) {
		app_field_error(err, "achieved_on", "The outcome date is in the future.");
		return err->code;
	}
	if (note && language_check(note, &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char id[ID_MAX];
	id_new("out", id);
	int rc = store_outcome_insert(db, id, r.id, NULL, outcome_code_str(outcome_parse(code)), on,
	                              note, uc_user_id(&u), u.now_s);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	char text[2200];
	snprintf(text, sizeof text,
	         "Outcome %s recorded: a positive intervention for the child was "
	         "achieved.%s%s",
	         outcome_code_str(outcome_parse(code)), note ? " " : "", note ? note : "");
	json_t *people = json_pack("[s]", "the child");
	if (arc == APP_OK)
		arc = chronology_add(&u, r.id, ltime_midnight(d), REC_FACT, "outcome", text, people,
		                     NULL, NULL, NULL);
	json_decref(people);
	*out = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "record_ref", r.reference, "code",
	                 outcome_code_str(outcome_parse(code)), "achieved_on", on);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "outcomes", out);
}

int app_external_ref_add(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"kind", "value", "crime_allegation", NULL};
	static const struct {
		const char *code;
		enum ext_ref_kind kind;
	} kinds[] = {{"crime_number", EXT_CRIME_NUMBER},
	             {"non_crime_number", EXT_NON_CRIME_NUMBER},
	             {"merlin_pac", EXT_MERLIN_PAC},
	             {"csc_case", EXT_CSC_CASE}};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "add references", "reference", allowed))
		return err->code;
	const char *kind = app_json_str(in, "kind", true, 20, false, err);
	const char *value = app_json_str(in, "value", true, EXT_REF_MAX, false, err);
	bool allegation = app_json_bool(in, "crime_allegation", false, err);
	if (err->code)
		return err->code;
	size_t k = 0;
	while (k < ARRAY_LEN(kinds) && strcmp(kinds[k].code, kind) != 0)
		k++;
	if (k == ARRAY_LEN(kinds)) {
		app_field_error(err, "kind",
		                "Kind is crime_number, non_crime_number, merlin_pac or csc_case.");
		return err->code;
	}
	struct proto_err pe;
	if (recording_ext_ref_validate(kinds[k].kind, value, &pe) < 0) /* R-REC-4 */
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	/* R-REC-5: a crime allegation links a crime reference; the record stays the child's one
	 * record, and the crime report carries ES (R-FLAG-1) */
	struct crime_allegation_plan plan = {0};
	if (allegation || kinds[k].kind == EXT_CRIME_NUMBER)
		recording_crime_allegation(true, &plan);
	int rc = store_ext_ref_add(db, r.id, kind, value, plan.es_on_crime_report, u.now_s,
	                           uc_user_id(&u));
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	*out = json_pack("{s:s, s:s, s:s, s:b}", "record_ref", r.reference, "kind", kind, "value",
	                 value, "es_flagged", plan.es_on_crime_report);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "external_refs", out);
}

int app_record_classify(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "exploitation_types", "models", "online", "group", "gang", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change records", "classification", allowed))
		return err->code;
	const char *types[MAX_CODES], *models[MAX_CODES];
	size_t nt = codes_of(&u, in, "exploitation_types", REF_EXPLOITATION_TYPES, types);
	size_t nm = codes_of(&u, in, "models", REF_MODELS, models);
	/* the facts are checked before anything is written (they default to the record's
	 * current values, so they are read again once the record is open) */
	static const char *const facts[] = {"online", "group", "gang"};
	for (size_t i = 0; i < ARRAY_LEN(facts); i++)
		app_json_bool(in, facts[i], false, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (nm && def_models_validate(models, nm, &pe) < 0) /* R-DEF-3 */
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	int rc = DB_OK;
	if (json_object_get(in, "exploitation_types"))
		rc = store_classification_set(db, r.id, "type", types, nt, u.now_s);
	if (rc == DB_OK && json_object_get(in, "models"))
		rc = store_classification_set(db, r.id, "model", models, nm, u.now_s);
	r.online = app_json_bool(in, "online", r.online, err);
	r.group = app_json_bool(in, "group", r.group, err);
	r.gang = app_json_bool(in, "gang", r.gang, err);
	if (rc == DB_OK)
		rc = store_record_set_facts(db, r.id, r.online, r.group, r.gang, u.now_s);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	if (arc == APP_OK)
		arc = flags_sync(&u, &r, r.category); /* R-FLAG-3, R-FLAG-4 */
	*out = json_pack("{s:s}", "record_ref", r.reference);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "exploitation_types,models,flags",
	                 out);
}

/* Parses JSON text stored in a column into a value (null if unparsable). */
static void parse_json_member(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	if (!s)
		return;
	json_t *v = json_loads(s, 0, NULL);
	json_object_set_new(obj, key, v ? v : json_null());
}

static void parse_json_members(json_t *arr, const char *key)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) parse_json_member(v, key);
}

/* The age band shown on a record (R-DEF-1, R-DEF-2): facts, never a judgement. */
static json_t *age_view(json_t *child, int64_t now)
{
	const char *dob = json_string_value(json_object_get(child, "date_of_birth"));
	struct lt_date d;
	if (!dob || ltime_parse_date(dob, &d) < 0)
		return json_pack("{s:s, s:s}", "band", "unknown", "facts",
		                 "The date of birth is not known.");
	enum age_band b = def_age_band(d, ltime_date_of(now));
	return json_pack("{s:i, s:s, s:s}", "age", ltime_age_on(d, ltime_date_of(now)), "band",
	                 def_age_band_code(b), "facts", def_age_band_facts(b));
}

/* Builds the whole record view inside an open transaction. */
static json_t *record_view(struct uc *u, const struct record_row *r, int *rc)
{
	json_t *view = store_record_summary(u->db, r->id, rc);
	if (!view)
		return NULL;
	json_t *child = store_child_get(u->db, r->child_id, rc);
	json_t *entries = child ? store_entries(u->db, r->id, rc) : NULL;
	json_t *cats = entries ? store_categories(u->db, r->id, rc) : NULL;
	json_t *flags = cats ? store_flags_history(u->db, r->id, rc) : NULL;
	json_t *outcomes = flags ? store_outcomes(u->db, r->id, rc) : NULL;
	json_t *refs = outcomes ? store_ext_refs(u->db, r->id, rc) : NULL;
	json_t *cls = refs ? store_classifications(u->db, r->id, true, rc) : NULL;
	json_t *reviews = cls ? store_supervisor_reviews(u->db, r->id, rc) : NULL;
	json_t *referrals = reviews ? store_referrals_for_child(u->db, r->child_id, rc) : NULL;
	int erc = DB_OK;
	json_t *steps = referrals ? store_essential_steps_latest(u->db, r->id, &erc) : NULL;
	if (!referrals || (!steps && erc != DB_DONE)) {
		json_t *parts[] = {view,     child, entries, cats,    flags,
		                   outcomes, refs,  cls,     reviews, referrals};
		for (size_t i = 0; i < ARRAY_LEN(parts); i++)
			json_decref(parts[i]);
		if (!steps && erc != DB_DONE)
			*rc = erc;
		return NULL;
	}
	parse_json_members(entries, "people_involved");
	parse_json_members(cats, "indicators");
	parse_json_members(reviews, "items");
	if (steps)
		parse_json_member(steps, "steps");
	json_t *current = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(flags, i, f)
	{
		if (json_is_null(json_object_get(f, "cleared_at")))
			json_array_append_new(current, json_string(json_string_value(
			                                       json_object_get(f, "flag"))));
	}
	json_t *types = json_array(), *models = json_array();
	json_array_foreach(cls, i, f)
	{
		const char *k = json_string_value(json_object_get(f, "kind"));
		json_array_append_new(strcmp(k, "type") == 0 ? types : models,
		                      json_string(json_string_value(json_object_get(f, "code"))));
	}
	json_decref(cls);
	int cat = r->category;
	json_object_set_new(view, "category", cat ? json_integer(cat) : json_null());
	json_object_set_new(view, "category_description",
	                    cat ? json_string(category_description(cat)) : json_null());
	/* R-CAT-7: the reminder stays on every record */
	json_object_set_new(view, "category_reminder", json_string(category_low_reminder()));
	json_object_set_new(view, "age", age_view(child, u->now));
	json_object_set_new(view, "child", child);
	json_object_set_new(view, "flags", current);
	json_object_set_new(view, "flag_history", flags);
	json_object_set_new(view, "outcomes", outcomes);
	json_object_set_new(view, "external_refs", refs);
	json_object_set_new(view, "exploitation_types", types);
	json_object_set_new(view, "models", models);
	json_object_set_new(view, "category_history", cats);
	json_object_set_new(view, "chronology", entries);
	json_object_set_new(view, "supervisor_reviews", reviews);
	json_object_set_new(view, "essential_steps", steps ? steps : json_null());
	json_object_set_new(view, "referrals", referrals);
	static const char *const bools[] = {"online",     "group_responsible", "gang_responsible",
	                                    "restricted", "is_demo",           NULL};
	json_to_bools(view, bools);
	return view;
}

/* The record's view as JSON text: from the view cache when nothing it shows has changed
 * since it was built (viewcache.h), else built now and kept. Inside the read
 * transaction that read r, so the counters in r describe exactly this view. */
static struct view_text *record_view_text(struct uc *u, const struct record_row *r, int *rc)
{
	struct lt_date d = ltime_date_of(u->now);
	struct view_key k = {.scope = db_scope(u->db),
	                     .id = r->id,
	                     .version = r->view_version,
	                     .epoch = r->view_epoch,
	                     .day = d.y * 10000 + d.m * 100 + d.d};
	struct view_text *t = viewcache_get(&k);
	if (t)
		return t;
	json_t *v = record_view(u, r, rc);
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	t = s ? view_text_new(s, strlen(s)) : NULL;
	free(s);
	if (!t) {
		*rc = DB_E_NOMEM;
		return NULL;
	}
	viewcache_put(&k, t);
	return t;
}

/* The first half of a view: reads, authorises and builds (or finds) the view's text in
 * a read transaction. On success *t holds it and r the record. */
static int record_view_open(struct uc *u, const char *ref, struct record_row *r,
                            struct view_text **t)
{
	*t = NULL;
	/* The record is read in a read transaction, beside writers; the view's audit event
	 * (and a break-glass opening) is then written before the view is returned, so
	 * nothing is shown that was not logged, and the write lock is held only for the
	 * log (decisions.md). */
	int rc = db_begin_read(u->db);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	int arc = load_record_as(u, ref, r, false);
	if (arc == APP_OK)
		arc = restricted_reason_ok(u, r);
	if (arc == APP_OK) {
		*t = record_view_text(u, r, &rc);
		if (!*t)
			arc = app_db_fail(u->err, u->db, rc);
	}
	db_rollback(u->db); /* read only: nothing to keep */
	return arc;
}

/* R-INFO-3: a restricted record's opening is logged for review with the view's event,
 * in one transaction. */
static int restricted_view_log(struct uc *u, const struct record_row *r)
{
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	return uc_finish(u, restricted_log(u, r), r, "view", "record", r->id, "all", NULL);
}

/* A record view, logged before it is returned: with done NULL, the event commits before
 * this returns; else where a view log can take it, done(ctx, rc) says when it has. */
static int record_view_run(struct db *db, const struct actor *who, const char *ref,
                           struct view_text **out, bool *pending, void (*done)(void *ctx, int rc),
                           void *ctx, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	*pending = false;
	struct record_row r;
	struct view_text *t;
	int arc = record_view_open(&u, ref, &r, &t);
	if (arc != APP_OK)
		return arc;
	if (r.restricted && !who->system) {
		arc = restricted_view_log(&u, &r);
	} else {
		struct actor at = *who; /* the use case's clock, as uc_audit */
		at.now = u.now;
		int rc = done ? app_audit_submit(db, &at, "view", "record", r.id, r.reference,
		                                 "all", done, ctx)
		              : DB_E_MISUSE;
		*pending = rc == DB_OK;
		if (rc == DB_E_MISUSE) /* wait for it here */
			rc = app_audit_shared(db, &at, "view", "record", r.id, r.reference, "all");
		arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	}
	if (arc != APP_OK) {
		view_text_release(t);
		return arc;
	}
	*out = t;
	return APP_OK;
}

int app_record_view(struct db *db, const struct actor *who, const char *ref, struct view_text **out,
                    struct app_err *err)
{
	bool pending;
	return record_view_run(db, who, ref, out, &pending, NULL, NULL, err);
}

int app_record_view_async(struct db *db, const struct actor *who, const char *ref,
                          struct view_text **out, bool *pending, void (*done)(void *ctx, int rc),
                          void *ctx, struct app_err *err)
{
	return record_view_run(db, who, ref, out, pending, done, ctx, err);
}

int app_record_get(struct db *db, const struct actor *who, const char *ref, json_t **out,
                   struct app_err *err)
{
	*out = NULL;
	struct view_text *t;
	int rc = app_record_view(db, who, ref, &t, err);
	if (rc != APP_OK)
		return rc;
	*out = json_loadb(t->text, t->len, 0, NULL);
	view_text_release(t);
	return *out ? APP_OK : app_fail(err, APP_FAILED, NULL, "The record could not be read.");
}

int app_record_timeline(struct db *db, const struct actor *who, const char *ref, json_t **out,
                        struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	int rc;
	json_t *entries = store_entries(db, r.id, &rc);
	int arc = entries ? APP_OK : app_db_fail(err, db, rc);
	if (entries) {
		parse_json_members(entries, "people_involved");
		*out = json_pack("{s:s, s:o}", "record_ref", r.reference, "entries", entries);
	}
	return uc_finish(&u, arc, &r, "view", "record", r.id, "chronology", out);
}

/* ---- restricted records (R-INFO-3) ---- */

int app_record_restrict(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!who->system && !info_may_restrict(who->roles))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "restrict a record (R-INFO-3).");
	static const char *const allowed[] = {"restricted", "reason", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *flag = json_object_get(in, "restricted");
	if (!json_is_boolean(flag))
		app_field_error(err, "restricted",
		                "Say whether the record is restricted (true or false).");
	const char *reason = app_json_str(in, "reason", json_is_true(flag), 2000, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (reason && proto_text_check(reason, 2000, true, "R-INFO-3", "reason",
	                               "the reason for restricting the record", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	if (load_record_as(&u, ref, &r, false) != APP_OK) {
		db_rollback(db);
		return err->code;
	}
	bool on = json_is_true(flag);
	int rc = store_record_set_restricted(db, r.id, on, on ? reason : NULL, u.now_s);
	int arc = rc == DB_OK ? APP_OK : uc_db(&u, rc);
	*out = json_pack("{s:s, s:b}", "record_ref", r.reference, "restricted", on);
	return uc_finish(&u, arc, &r, "change", "record", r.id, on ? "restricted" : "unrestricted",
	                 out);
}

int app_restricted_access_review(struct db *db, const struct actor *who, const char *id, json_t *in,
                                 json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	static const char *const allowed[] = {"note", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The review must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *note = app_json_str(in, "note", true, 2000, true, err);
	if (err->code)
		return err->code;
	if (!who->system && !info_may_restrict(who->roles))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "review the opening of a restricted record (R-INFO-3).");
	if (!id || !id_valid(id, "rax"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	char opener[32], record_id[32];
	bool reviewed = false;
	int rc = store_restricted_access_get(db, id, opener, record_id, &reviewed);
	if (rc == DB_DONE)
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review."),
		              out);
	if (rc != DB_ROW)
		return uc_end(&u, uc_db(&u, rc), out);
	/* the reviewer's right is checked before anything about the opening is told */
	struct proto_err pe;
	if (!who->system && info_review_validate(who->roles, who->user_id, opener, &pe) < 0)
		return uc_end(&u, app_fail(err, APP_FORBIDDEN, "R-INFO-3", "%s", pe.message), out);
	if (reviewed)
		return uc_end(
		        &u, app_fail(err, APP_CONFLICT, NULL, "This opening was already reviewed."),
		        out);
	if (language_check(note, &pe) < 0)
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	rc = store_restricted_access_review(db, id, uc_user_id(&u), u.now_s, note);
	if (rc == DB_OK)
		rc = uc_audit(&u, "review", "restricted_access", id, NULL, "review_note");
	*out = json_pack("{s:s, s:b}", "id", id, "reviewed", 1);
	return uc_end(&u, rc == DB_OK ? APP_OK : uc_db(&u, rc), out);
}
