/*
 * records.c: the use cases on a child's record (see records.h). The shape of each is
 * the same: open a transaction, authorise, validate through src/protocol/, write
 * through src/store/, append the audit event, commit. Any failure rolls the whole use
 * case back, so nothing is ever half-written.
 */
#include "app/records.h"

#include "app/authz.h"
#include "app/children.h"
#include "app/matching.h"
#include "audit/audit.h"
#include "protocol/category.h"
#include "protocol/definitions.h"
#include "protocol/flags.h"
#include "protocol/language.h"
#include "protocol/outcomes.h"
#include "protocol/pathway.h"
#include "protocol/recording.h"
#include "protocol/signs.h"
#include "store/children.h"
#include "store/records.h"
#include "store/users.h"
#include "util/ltime.h"

#define MAX_SIGNS 9
#define MAX_PEOPLE 20
#define MAX_CODES 12

/* One use case in progress. */
struct uc {
	struct db *db;
	const struct actor *who;
	struct app_err *err;
	int64_t now;
	char now_s[LT_TIME_LEN];
};

static void uc_init(struct uc *u, struct db *db, const struct actor *who, struct app_err *err)
{
	u->db = db;
	u->who = who;
	u->err = err;
	u->now = app_now(who);
	ltime_format(u->now, u->now_s);
}

static const char *uid(const struct uc *u)
{
	return u->who->user_id[0] ? u->who->user_id : NULL;
}

static int uc_audit(struct uc *u, const char *action, const char *type, const char *id,
		    const char *ref, const char *fields)
{
	struct audit_event ev = {.user_id = uid(u),
				 .agency_id = u->who->agency_id[0] ? u->who->agency_id : NULL,
				 .action = action,
				 .entity_type = type,
				 .entity_id = id,
				 .record_ref = ref,
				 .fields = fields,
				 .purpose = u->who->system ? "command line" : NULL,
				 .at = u->now};
	return audit_append(u->db, &ev);
}

/* Turns a protocol refusal into an app error naming the rule. */
static int proto_refused(struct uc *u, const struct proto_err *pe)
{
	u->err->code = APP_INVALID;
	u->err->rule = pe->rule;
	snprintf(u->err->message, sizeof u->err->message, "%s", pe->message);
	if (pe->field)
		app_field_error(u->err, pe->field, "%s", pe->message);
	return APP_INVALID;
}

/* Begins the use case's transaction. */
static int uc_begin(struct uc *u)
{
	int rc = db_begin(u->db);
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* Commits, or rolls back and reports. */
static int uc_commit(struct uc *u)
{
	int rc = db_commit(u->db);
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* Ends a failed use case: rolls back and returns the error code. A DB code (negative
 * below APP_FAILED's range is not used) is mapped first. */
static int uc_abort(struct uc *u, int rc)
{
	db_rollback(u->db);
	if (rc > 0 || rc == DB_E_ERROR || rc <= DB_E_CONSTRAINT)
		if (u->err->code == APP_OK)
			return app_db_fail(u->err, u->db, rc);
	return u->err->code ? u->err->code : APP_FAILED;
}

/* Loads a record by reference (or id) and checks the actor may see it. */
static int load_record(struct uc *u, const char *ref, struct record_row *r)
{
	if (!ref || strlen(ref) > 40)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	int rc = store_record_get(u->db, ref, r);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.");
	if (rc != DB_ROW)
		return app_db_fail(u->err, u->db, rc);
	return authz_child_view(u->db, u->who, r->child_id, u->err);
}

/* Appends a chronology entry (R-REC-3) after validating it through the protocol. */
static int entry_add(struct uc *u, const char *record_id, int64_t occurred_at,
		     enum rec_nature nature, const char *kind, const char *text, json_t *people,
		     const char *referral_id, const char *supersedes, char id_out[ID_MAX])
{
	const char *names[MAX_PEOPLE];
	size_t n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(people, i, v)
	{
		if (n < MAX_PEOPLE && json_is_string(v))
			names[n++] = json_string_value(v);
	}
	struct chron_entry ce = {.occurred_at = occurred_at,
				 .occurred_at_set = true,
				 .author_id = uid(u) ? uid(u) : "system",
				 .people = names,
				 .n_people = n,
				 .nature = nature,
				 .text = text};
	struct proto_err pe;
	if (recording_chron_validate(&ce, u->now, &pe) < 0)
		return proto_refused(u, &pe);
	char id[ID_MAX], occ[LT_TIME_LEN];
	id_new("ent", id);
	ltime_format(occurred_at, occ);
	char *people_s = json_dumps(people, JSON_COMPACT);
	json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s, s:s, s:s, s:s?, "
				"s:s?}",
				"id", id, "record_id", record_id, "occurred_at", occ, "recorded_at",
				u->now_s, "author_id", uid(u), "author_name", u->who->display_name,
				"agency_id", u->who->agency_id[0] ? u->who->agency_id : NULL,
				"people_involved", people_s ? people_s : "[]", "nature",
				nature == REC_OPINION ? "opinion" : "fact", "kind", kind, "text", text,
				"supersedes_id", supersedes, "referral_id", referral_id);
	free(people_s);
	int rc = row ? store_entry_insert(u->db, row) : DB_E_NOMEM;
	json_decref(row);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	if (id_out)
		snprintf(id_out, ID_MAX, "%s", id);
	return APP_OK;
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
			rc = store_flag_set(u->db, r->id, code, u->now_s, "derived from the record (R-FLAG)");
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
		app_field_error(u->err, key, "%s must be a list of at most %d codes.", key, MAX_CODES);
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

/* An optional instant field; *out = dflt when absent. */
static void time_field(struct uc *u, json_t *in, const char *key, int64_t dflt, int64_t *out)
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
				 .decided_by = uid(u) ? uid(u) : "system",
				 .kind = c->kind,
				 .decided_at = c->decided_at};
	if (category_decision_validate(&d, u->now, &pe) < 0) /* R-CAT-3 */
		return proto_refused(u, &pe);
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
		return proto_refused(u, &pe);

	int rc;
	json_t *child = store_child_get(u->db, r->child_id, &rc);
	if (!child)
		return app_db_fail(u->err, u->db, rc);
	const char *residence = json_string_value(json_object_get(child, "residence_borough"));
	char owning_name[128] = "";
	if (!residence && r->owning_borough_id[0]) {
		db_query_text(u->db, owning_name, sizeof owning_name,
			      "SELECT name FROM boroughs WHERE id = $1", "s", r->owning_borough_id);
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
		return proto_refused(u, &pe);
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
	char *ind = json_dumps(c->indicators ? c->indicators : json_array(), JSON_COMPACT);
	json_t *row = json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, "
				"s:s}",
				"id", id, "record_id", r->id, "category", c->category, "contact_mode",
				contact, "rationale", c->rationale, "kind", category_kind_code(c->kind),
				"decided_by", uid(u), "decided_by_name", u->who->display_name,
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
		arc = entry_add(u, r->id, c->decided_at, REC_OPINION, "category", text, people, NULL,
				NULL, NULL);
	json_decref(people);
	if (arc == APP_OK && (rc = uc_audit(u, "change", "record", r->id, r->reference,
					    "category,contact_mode,allocation,flags")) != DB_OK)
		arc = app_db_fail(u->err, u->db, rc);
	if (arc == APP_OK && out)
		*out = json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id",
				 id, "record_ref", r->reference, "category", c->category, "contact",
				 contact, "allocation", allocation, "lead_borough",
				 alloc.lead == CAT_LEAD_BOROUGH ? alloc.lead_borough : NULL,
				 "enquiring_borough", alloc.enquiring_borough, "primary_authority",
				 alloc.primary_authority, "host_authority", alloc.host_authority,
				 "next_steps", route.text, "rule", alloc.rule ? alloc.rule : "R-CAT-4");
	json_decref(child);
	return arc;
}

static int category_parse(struct uc *u, json_t *in, struct category_in *c)
{
	static const char *const allowed[] = {"category",   "contact",    "rationale",
					      "kind",	    "indicators", "exploitation_borough",
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
		app_field_error(u->err, "kind", "Kind must be initial, supervisor or assessment_team.");
	c->exploitation_borough = app_json_str(in, "exploitation_borough", false, 80, false, u->err);
	c->indicators = json_object_get(in, "indicators");
	if (c->indicators && !json_is_array(c->indicators)) {
		app_field_error(u->err, "indicators", "Indicators must be a list of App B codes.");
		c->indicators = NULL;
	}
	time_field(u, in, "decided_at", u->now, &c->decided_at);
	return u->err->code ? u->err->code : APP_OK;
}

/* Who may make each kind of decision. */
static int category_authorised(struct uc *u, enum cat_kind kind)
{
	unsigned need = kind == CAT_KIND_SUPERVISOR	   ? ROLE_BIT(ROLE_POLICE_SUPERVISOR)
			: kind == CAT_KIND_ASSESSMENT_TEAM ? ROLE_BIT(ROLE_ASSESSMENT_TEAM)
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
