/*
 * record_changes.c: changes to a child's record (record_changes.h): the police
 * supervisor review (R-PATH-6), chronology entries and their corrections (R-REC-3,
 * R-REC-6), outcomes (R-OUT-1), other systems' references (R-REC-4, R-REC-5) and the
 * exploitation types and models with the facts that derive flags (R-DEF-3, R-FLAG-3,
 * R-FLAG-4). Each is one transaction on one record (record_common.h).
 */
#include "app/record_changes.h"

#include "app/chronology.h"
#include "app/record_common.h"
#include "protocol/checklists.h"
#include "protocol/definitions.h"
#include "protocol/language.h"
#include "protocol/outcomes.h"
#include "protocol/recording.h"
#include "store/records.h"
#include "util/ltime.h"
#include "util/parse.h"

#define MAX_PEOPLE 20

/* Reads the review's six items S1 to S6 ({ticked, note}) and the Threat to Life answers
 * into sr (R-PATH-6); errors go to u->err. Returns APP_OK or the error code. */
static int review_parse(struct uc *u, json_t *in, struct supervisor_review *sr)
{
	static const char *const allowed[] = {"items", "threat_to_life_appropriate",
	                                      "threat_to_life_done", NULL};
	struct app_err *err = u->err;
	memset(sr, 0, sizeof *sr);
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The review must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *items = json_object_get(in, "items");
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
		sr->items[i].ticked = app_json_bool(it, "ticked", false, err);
		sr->items[i].note = app_json_str(it, "note", false, 2000, true, err);
	}
	sr->threat_to_life_appropriate =
	        app_json_bool(in, "threat_to_life_appropriate", false, err);
	sr->threat_to_life_done = app_json_bool(in, "threat_to_life_done", false, err);
	return err->code;
}

/* R-PATH-6: the reviewer is a police supervisor other than the reporting officer (whose
 * id goes into officer, empty when none), every item is ticked with a note, and a Threat
 * to Life assessment was done when appropriate. */
static int review_check(struct uc *u, const struct record_row *r, struct supervisor_review *sr,
                        char officer[32])
{
	int arc = uc_db(u, store_reporting_officer(u->db, r->id, officer));
	if (arc != APP_OK)
		return arc;
	sr->reviewer_id = uc_user_id(u) ? uc_user_id(u) : "system";
	sr->reviewer_roles = u->who->system ? 0 : u->who->roles;
	sr->reporting_officer_id = officer[0] ? officer : NULL;
	struct proto_err pe;
	if (supervisor_review_validate(sr, &pe) < 0)
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* Writes the review (its id into id; the items as shown into *items, caller owns) and
 * its chronology entry. */
static int review_store(struct uc *u, const struct record_row *r,
                        const struct supervisor_review *sr, const char *officer, char id[ID_MAX],
                        json_t **items)
{
	json_t *arr = *items = json_array();
	for (int i = 0; i < 6; i++) {
		char code[4];
		snprintf(code, sizeof code, "S%d", i + 1);
		json_array_append_new(arr,
		                      json_pack("{s:s, s:b, s:s?}", "code", code, "ticked",
		                                sr->items[i].ticked, "note", sr->items[i].note));
	}
	char *items_s = json_dumps(arr, JSON_COMPACT);
	id_new("svr", id);
	struct store_supervisor_review_new row = {
	        .id = id,
	        .record_id = r->id,
	        .reviewer_id = uc_user_id(u),
	        .reporting_officer_id = officer[0] ? officer : NULL,
	        .at = u->now,
	        .items_json = items_s ? items_s : "[]",
	        .ttl = sr->threat_to_life_appropriate && sr->threat_to_life_done
	                       ? "done"
	                       : "not_appropriate"};
	int rc = store_supervisor_review_insert(u->db, &row);
	free(items_s);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	char text[600];
	snprintf(text, sizeof text,
	         "Supervisor review completed: allegation, classification, intelligence action "
	         "plan, "
	         "MERLIN, victim protection and support strategy and category reviewed (S1-S6)%s.",
	         sr->threat_to_life_appropriate ? "; Threat to Life risk assessment done" : "");
	json_t *people = json_pack("[s]", "the child");
	int arc = chronology_add(u, r->id, u->now, REC_OPINION, "supervisor_review", text, people,
	                         NULL, NULL, NULL);
	json_decref(people);
	return arc;
}

int app_supervisor_review(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct supervisor_review sr;
	if (review_parse(&u, in, &sr) != APP_OK)
		return err->code;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	char officer[32] = "", id[ID_MAX];
	json_t *items = NULL;
	int arc = review_check(&u, &r, &sr, officer); /* R-PATH-6 */
	if (arc == APP_OK)
		arc = review_store(&u, &r, &sr, officer, id, &items);
	if (items)
		*out = json_pack("{s:s, s:s, s:o}", "id", id, "record_ref", r.reference, "items",
		                 items);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "supervisor_review", out);
}
int app_record_add_entry(struct db *db, const struct actor *who, const char *ref, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"occurred_at", "nature", "people_involved", "text",
	                                      "supersedes",  "kind",   "reason",          NULL};
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
	/* R-REC-6: why a correction was made (checked with the entry it corrects) */
	const char *reason = app_json_str(in, "reason", false, 2000, true, err);
	if (reason && !supersedes)
		app_field_error(err, "reason", "A reason is given only with a correction.");
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
		char *original = NULL;
		rc = store_entry_text(db, supersedes, &original);
		if (rc != DB_ROW)
			return uc_finish(&u, app_db_fail(err, db, rc == DB_DONE ? DB_E_NOMEM : rc),
			                 &r, NULL, NULL, NULL, NULL, NULL);
		int vrc = recording_correction_validate(original, text, reason, &pe);
		free(original);
		if (vrc < 0)
			return uc_finish(&u, uc_proto_refused(&u, &pe), &r, NULL, NULL, NULL, NULL,
			                 NULL);
	}
	char id[ID_MAX];
	arc = chronology_add(&u, r.id, occurred, nature, supersedes ? "correction" : "note", text,
	                     people, NULL, supersedes, id);
	if (arc == APP_OK && supersedes) {
		int rc = store_entry_mark_superseded(db, supersedes, id);
		if (rc == DB_OK)
			rc = store_entry_set_reason(db, id, reason);
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
	struct store_outcome_new row = {.id = id,
	                                .record_id = r.id,
	                                .code = outcome_code_str(outcome_parse(code)),
	                                .achieved_on = d,
	                                .note = note,
	                                .by = uc_user_id(&u),
	                                .at = u.now};
	int rc = store_outcome_insert(db, &row);
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
	int rc = store_ext_ref_add(db, r.id, kind, value, plan.es_on_crime_report, u.now,
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
		rc = store_classification_set(db, r.id, "type", types, nt, u.now);
	if (rc == DB_OK && json_object_get(in, "models"))
		rc = store_classification_set(db, r.id, "model", models, nm, u.now);
	r.online = app_json_bool(in, "online", r.online, err);
	r.group = app_json_bool(in, "group", r.group, err);
	r.gang = app_json_bool(in, "gang", r.gang, err);
	if (rc == DB_OK)
		rc = store_record_set_facts(db, r.id, r.online, r.group, r.gang, u.now);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	if (arc == APP_OK)
		arc = flags_sync(&u, &r, r.category); /* R-FLAG-3, R-FLAG-4 */
	*out = json_pack("{s:s}", "record_ref", r.reference);
	return uc_finish(&u, arc, &r, "change", "record", r.id, "exploitation_types,models,flags",
	                 out);
}
