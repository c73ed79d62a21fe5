/*
 * episode_return.c: the child's return and what follows it (episode_return.h): the
 * return itself (R-MISS-5), the police Safe and Well Check (R-MISS-5, R-REC-5), and the
 * independent Return Interview, offered and then recorded (R-MISS-6..8).
 */
#include "app/episode_return.h"

#include "app/episode_common.h"
#include "link/normalise.h"
#include "protocol/missing.h"
#include "protocol/recording.h"
#include "store/episodes.h"
#include "store/records.h"
#include "store/users.h"
#include "util/buf.h"

/* Identity key of a person for R-MISS-6 independence checks: the normalised display
 * name of a Lantern user named by username, else the normalised text. Two people of
 * the same name therefore count as the same person: the check errs towards
 * independence. `name` receives the name to show. */
static void person_key(struct db *db, const char *text, char key[KEY_LEN], char *name, size_t nlen,
                       char user_id[ID_MAX])
{
	struct user_row ur;
	const char *shown = text;
	if (user_id)
		user_id[0] = '\0';
	if (store_user_get(db, text, &ur) == DB_ROW) {
		shown = ur.display_name;
		if (user_id)
			snprintf(user_id, ID_MAX, "%s", ur.id);
	}
	if (name)
		snprintf(name, nlen, "%s", shown);
	if (link_normalise_text(shown, key, KEY_LEN) < 0)
		snprintf(key, KEY_LEN, "%.200s", shown);
}

/* Renames the protocol's field in a refusal to the input's name for it: `map` holds
 * pairs {protocol field, input field}, NULL-terminated. */
static void field_rename(struct proto_err *pe, const char *const (*map)[2])
{
	for (; pe->field && (*map)[0]; map++)
		if (strcmp(pe->field, (*map)[0]) == 0) {
			pe->field = (*map)[1];
			return;
		}
}

int app_episode_return(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"returned_at", "where", "with", "csc_interviewer",
	                                      NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record a return", "return", allowed))
		return err->code;
	int64_t returned;
	uc_time_field(&u, in, "returned_at", u.now, &returned);
	const char *where = app_json_str(in, "where", false, 500, false, err);
	const char *csc = app_json_str(in, "csc_interviewer", false, 200, false, err);
	struct people_in with;
	people_parse(&u, in, "with", &with);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	if (strcmp(e.status, "open") != 0)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "The child's return is already recorded for this episode."),
		              out);
	char ret_s[LT_TIME_LEN], with_text[4096], csc_key[KEY_LEN] = "", csc_name[200] = "";
	people_text(&with, with_text, sizeof with_text);
	/* R-MISS-5: not before the report, not in the future; where found required */
	struct miss_return mr = {.reported_at = parse_time_or(e.reported_at, 0),
	                         .returned_at = returned,
	                         .where = where,
	                         .with_whom = with.n ? with_text : NULL};
	struct proto_err pe;
	if (missing_return_validate(&mr, u.now, &pe) < 0) {
		static const char *const map[][2] = {{"with_whom", "with"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	ltime_format(returned, ret_s);
	if (csc)
		person_key(db, csc, csc_key, csc_name, sizeof csc_name, NULL);
	int arc = people_store(&u, &with, e.id, e.child_id, "found_with", with_text,
	                       sizeof with_text);
	if (arc == APP_OK)
		arc = location_store(&u, e.id, e.child_id, "found", where);
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_set_returned(
		                        db, e.id, ret_s, where, with.n ? with_text : NULL,
		                        csc ? csc_name : NULL, csc ? csc_key : NULL, u.now_s));
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_change_add(db, e.id, "status", "open", "returned",
		                                         "found or returned", "R-MISS-5", u.now_s,
		                                         uc_user_id(&u), who->display_name));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "episode", e.id, NULL, "returned"));
	char due[LT_TIME_LEN];
	ltime_format(missing_return_interview_due(returned), due); /* R-MISS-6, R-DL-1 */
	struct ri_responsibility resp;
	missing_ri_responsibility(e.looked_after, &resp); /* R-MISS-7 */
	json_t *prompts = json_pack(
	        "[s, s, s]", "Record the police Safe and Well Check (R-MISS-5).",
	        "Offer an independent Return Interview within 72 hours (R-MISS-6).",
	        "Consider a forensic strategy: clothing, early evidence kit, devices (R-MISS-9).");
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", e.id, "returned_at", ret_s,
	                 "return_interview_due_at", due, "responsibility", resp.text, "prompts",
	                 prompts);
	return uc_end(&u, arc, out);
}

int app_safe_and_well(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"done_at",       "done_by",      "where_found",
	                                      "found_with",    "found_alone",  "what_happened",
	                                      "crime_alleged", "crime_number", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record a Safe and Well Check", "check",
	                    allowed))
		return err->code;
	int64_t done_at;
	uc_time_field(&u, in, "done_at", u.now, &done_at);
	const char *done_by = app_json_str(in, "done_by", who->system, 200, false, err);
	const char *where = app_json_str(in, "where_found", true, 500, false, err);
	const char *happened = app_json_str(in, "what_happened", true, 8000, true, err);
	bool alleged = app_json_bool(in, "crime_alleged", false, err);
	bool alone = app_json_bool(in, "found_alone", false, err);
	const char *crime = app_json_str(in, "crime_number", false, EXT_REF_MAX, false, err);
	struct people_in with;
	people_parse(&u, in, "found_with", &with);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-5", "a Safe and Well Check");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	char key[KEY_LEN], name[200], by_uid[ID_MAX];
	person_key(db, done_by ? done_by : who->username, key, name, sizeof name, by_uid);
	if (!done_by)
		snprintf(name, sizeof name, "%s", who->display_name);
	char sid[ID_MAX], done_s[LT_TIME_LEN], with_text[4096];
	people_text(&with, with_text, sizeof with_text);
	/* R-MISS-5: the record of the check, and the crime link an allegation needs */
	struct miss_safe_well sw = {.returned_at = parse_time_or(e.returned_at, 0),
	                            .checked_at = done_at,
	                            .officer_id = name,
	                            .where_found = where,
	                            .found_alone = alone,
	                            .found_with = with.n ? with_text : NULL,
	                            .what_happened = happened,
	                            .crime_alleged = alleged,
	                            .crime_reference = crime};
	struct miss_safe_well_plan plan;
	struct proto_err pe;
	if (missing_safe_well_validate(&sw, u.now, &plan, &pe) < 0) {
		static const char *const map[][2] = {{"checked_at", "done_at"},
		                                     {"officer_id", "done_by"},
		                                     {"crime_reference", "crime_number"},
		                                     {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	id_new("saw", sid);
	ltime_format(done_at, done_s);
	arc = people_store(&u, &with, e.id, e.child_id, "found_with", NULL, 0);
	if (arc == APP_OK)
		arc = location_store(&u, e.id, e.child_id, "found", where);
	struct saw_new s = {.id = sid,
	                    .episode_id = e.id,
	                    .done_at = done_s,
	                    .done_by = by_uid[0] ? by_uid : NULL,
	                    .done_by_name = name,
	                    .done_by_key = key,
	                    .agency_id = who->agency_id[0] ? who->agency_id : NULL,
	                    .where_found = where,
	                    .found_with = with.n ? with_text : NULL,
	                    .what_happened = happened,
	                    .crime_alleged = alleged,
	                    .crime_number = crime,
	                    .at = u.now_s};
	if (arc == APP_OK)
		arc = uc_db(&u, store_saw_insert(db, &s));
	/* R-REC-5: the crime reference is linked to the child's one record, ES-flagged */
	struct record_row rec;
	int hr = store_record_get(db, e.child_id, &rec);
	if (arc == APP_OK && hr != DB_ROW && hr != DB_DONE)
		arc = uc_db(&u, hr);
	const char *crime_link = NULL;
	if (arc == APP_OK && plan.crime_link && plan.crime.create_crime_reference) {
		crime_link = "a crime is alleged: create a crime report and link its number to "
		             "the child's record (R-MISS-5, R-REC-5)";
	} else if (arc == APP_OK && plan.crime_link && hr == DB_ROW) {
		arc = uc_db(&u, store_ext_ref_add(db, rec.id, "crime_number", crime,
		                                  plan.crime.es_on_crime_report, u.now_s,
		                                  uc_user_id(&u)));
		crime_link = "linked to the child's record";
	} else if (plan.crime_link) {
		crime_link = "the child has no exploitation record, so the crime number is kept on "
		             "the episode only";
	}
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "safe_and_well_check", sid,
		                         hr == DB_ROW ? rec.reference : NULL, "all"));
	*out = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "id", sid, "episode_id", e.id, "done_by",
	                 name, "crime_number", crime, "crime_link", crime_link);
	return uc_end(&u, arc, out);
}

/* Party codes of R-MISS-7 as a JSON array text. */
static char *parties_json(const struct ri_responsibility *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(a, json_string(r->parties[i]));
	char *s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

int app_return_interview_offer(struct db *db, const struct actor *who, const char *id, json_t *in,
                               json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "interviewer", "interviewer_role", "interviewer_agency",
	        "child_asked", "child_preference", "parents_carers",
	        "offered_at",  "status",           NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "arrange return interviews", "interview",
	                    allowed))
		return err->code;
	const char *status = app_json_str(in, "status", false, 12, false, err);
	if (status && strcmp(status, "offered") != 0)
		app_field_error(err, "status", "An offer has status offered.");
	const char *interviewer = app_json_str(in, "interviewer", true, 200, false, err);
	const char *role = app_json_str(in, "interviewer_role", false, 120, false, err);
	const char *agency = app_json_str(in, "interviewer_agency", false, 120, false, err);
	bool asked = app_json_bool(in, "child_asked", false, err);
	const char *pref = app_json_str(in, "child_preference", false, 2000, true, err);
	int64_t offered;
	uc_time_field(&u, in, "offered_at", u.now, &offered);
	struct people_in carers;
	people_parse(&u, in, "parents_carers", &carers);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-6", "a Return Interview");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	int64_t returned = parse_time_or(e.returned_at, 0);
	struct proto_err pe;
	if (missing_interview_time_validate(returned, offered, u.now, &pe) < 0) { /* R-MISS-6 */
		static const char *const map[][2] = {{"interview_at", "offered_at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct interview_row ir;
	int rc = store_interview_get(db, e.id, &ir);
	if (rc == DB_ROW)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "A Return Interview is already %s for this episode.",
		                       ir.status),
		              out);
	if (rc != DB_DONE)
		return uc_end(&u, uc_db(&u, rc), out);
	/* R-MISS-6: independent of parents/carers and of the police and CSC interviews */
	char key[KEY_LEN], name[200], iv_uid[ID_MAX], police_key[KEY_LEN] = "";
	person_key(db, interviewer, key, name, sizeof name, iv_uid);
	if ((rc = store_saw_latest_key(db, e.id, police_key, sizeof police_key)) != DB_OK)
		return uc_end(&u, uc_db(&u, rc), out);
	char carer_keys[2 * MAX_PEOPLE][KEY_LEN];
	const char *carer_ptrs[2 * MAX_PEOPLE];
	size_t nc = 0;
	json_t *stored = json_loads(e.parents_carers, 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(stored, i, v)
	{
		if (nc < MAX_PEOPLE && json_is_string(v)) {
			person_key(db, json_string_value(v), carer_keys[nc], NULL, 0, NULL);
			carer_ptrs[nc] = carer_keys[nc];
			nc++;
		}
	}
	json_decref(stored);
	for (i = 0; i < carers.n; i++) {
		person_key(db, carers.name[i], carer_keys[nc], NULL, 0, NULL);
		carer_ptrs[nc] = carer_keys[nc];
		nc++;
	}
	struct ri_interview ri = {.interviewer_id = key,
	                          .parent_carer_ids = carer_ptrs,
	                          .n_parent_carers = nc,
	                          .police_interviewer_id = police_key,
	                          .csc_interviewer_id = e.csc_interviewer_key,
	                          .child_asked_preference = asked,
	                          .child_preference = pref};
	if (missing_interviewer_validate(&ri, &pe) < 0) {
		if (pe.field && strcmp(pe.field, "interviewer_id") == 0)
			pe.field = "interviewer";
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct ri_responsibility resp;
	missing_ri_responsibility(e.looked_after, &resp); /* R-MISS-7 */
	char *parties = parties_json(&resp);
	char rid[ID_MAX], due[LT_TIME_LEN], off_s[LT_TIME_LEN];
	id_new("rin", rid);
	ltime_format(missing_return_interview_due(returned), due); /* R-DL-1 */
	ltime_format(offered, off_s);
	struct interview_new n = {.id = rid,
	                          .episode_id = e.id,
	                          .due_at = due,
	                          .responsible = parties ? parties : "[]",
	                          .responsibility = resp.text,
	                          .child_preference = pref,
	                          .interviewer_id = iv_uid[0] ? iv_uid : NULL,
	                          .interviewer_name = name,
	                          .interviewer_key = key,
	                          .interviewer_role = role,
	                          .interviewer_agency = agency,
	                          .offered_at = off_s,
	                          .by = uc_user_id(&u),
	                          .at = u.now_s};
	arc = uc_db(&u, store_interview_insert(db, &n));
	free(parties);
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "return_interview", rid, NULL,
		                         "interviewer,child_preference,status"));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", rid, "episode_id", e.id,
	                 "status", "offered", "due_at", due, "interviewer", name,
	                 "child_preference", pref, "responsibility", resp.text);
	return uc_end(&u, arc, out);
}

int app_return_interview_record(struct db *db, const struct actor *who, const char *id, json_t *in,
                                json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"status",       "at",         "findings",
	                                      "where_stayed", "with_whom",  "why_left",
	                                      "actions",      "assessment", NULL};
	static const char *const STATUSES[] = {"accepted", "declined", "completed", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record return interviews", "interview",
	                    allowed))
		return err->code;
	const char *status = app_json_str(in, "status", true, 12, false, err);
	if (status && !uc_one_of(status, STATUSES))
		app_field_error(err, "status", "status is accepted, declined or completed.");
	int64_t at;
	uc_time_field(&u, in, "at", u.now, &at);
	const char *findings = app_json_str(in, "findings", false, 8000, true, err);
	struct ri_findings rf = {
	        .interview_at = at,
	        .what_happened = findings,
	        .where_stayed = app_json_str(in, "where_stayed", false, 2000, true, err),
	        .with_whom = app_json_str(in, "with_whom", false, 2000, true, err),
	        .why_left = app_json_str(in, "why_left", false, 2000, true, err),
	        .actions = app_json_str(in, "actions", false, 2000, true, err),
	        .assessment = app_json_str(in, "assessment", false, 2000, true, err),
	};
	if (err->code)
		return err->code;
	bool completed = strcmp(status, "completed") == 0;
	rf.declined = strcmp(status, "declined") == 0;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-6", "a Return Interview");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	rf.returned_at = parse_time_or(e.returned_at, 0);
	struct proto_err pe;
	if (missing_interview_time_validate(rf.returned_at, at, u.now, &pe) < 0) { /* R-MISS-6 */
		static const char *const map[][2] = {{"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct interview_row ir;
	int rc = store_interview_get(db, e.id, &ir);
	if (rc == DB_DONE)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, "R-MISS-6",
		                       "Offer the Return Interview first, naming the interviewer "
		                       "and the child's choice (R-MISS-6)."),
		              out);
	if (rc != DB_ROW)
		return uc_end(&u, uc_db(&u, rc), out);
	if (strcmp(ir.status, "completed") == 0 || strcmp(ir.status, "declined") == 0)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "The Return Interview is already %s.", ir.status),
		              out);
	/* R-MISS-8: what the interview found (or that the child declined) joins the
	 * child's record: a fact entry, and the interviewer's assessment as an opinion */
	struct buf facts = BUF_INIT(1u << 16), opinion = BUF_INIT(1u << 16);
	bool finding = completed || rf.declined;
	rf.interviewer_id = ir.interviewer_name;
	if (finding && missing_ri_chronology(&rf, u.now, &facts, &opinion, &pe) < 0) {
		static const char *const map[][2] = {
		        {"what_happened", "findings"}, {"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		buf_release(&facts);
		buf_release(&opinion);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct record_row rec;
	int hr = store_record_get(db, e.child_id, &rec);
	char entry[ID_MAX] = "";
	if (hr != DB_ROW && hr != DB_DONE)
		arc = uc_db(&u, hr);
	if (arc == APP_OK && finding && hr == DB_ROW)
		arc = chron_add(&u, rec.id, at, REC_FACT, "return_interview", buf_cstr(&facts),
		                entry);
	if (arc == APP_OK && finding && hr == DB_ROW && opinion.len)
		arc = chron_add(&u, rec.id, at, REC_OPINION, "return_interview", buf_cstr(&opinion),
		                NULL);
	buf_release(&facts);
	buf_release(&opinion);
	char at_s[LT_TIME_LEN];
	ltime_format(at, at_s);
	if (arc == APP_OK)
		arc = uc_db(&u, store_interview_update(db, ir.id, status, at_s, findings,
		                                       entry[0] ? entry : NULL, uc_user_id(&u),
		                                       u.now_s));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "return_interview", ir.id,
		                         hr == DB_ROW ? rec.reference : NULL,
		                         completed ? "status,findings" : "status"));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:b}", "id", ir.id, "episode_id", e.id, "status",
	                 status, "due_at", ir.due_at, "within_72h", strcmp(at_s, ir.due_at) <= 0);
	if (*out && completed && hr == DB_ROW) {
		json_object_set_new(*out, "record_ref", json_string(rec.reference));
		json_object_set_new(*out, "record_entry_id", json_string(entry));
	} else if (*out && completed) {
		json_object_set_new(
		        *out, "record_entry",
		        json_string("The child has no exploitation record: the findings "
		                    "are kept with the episode (R-MISS-8)."));
	}
	return uc_end(&u, arc, out);
}
