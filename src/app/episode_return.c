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
	struct miss_return mr = {.reported_at = e.reported_at,
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
		                        db, &(struct store_episode_return){
		                                    .id = e.id,
		                                    .returned_at = returned,
		                                    .where = where,
		                                    .with = with.n ? with_text : NULL,
		                                    .csc_interviewer = csc ? csc_name : NULL,
		                                    .csc_key = csc ? csc_key : NULL,
		                                    .at = u.now}));
	struct store_episode_change_new ch = {.episode_id = e.id,
	                                      .kind = "status",
	                                      .from = "open",
	                                      .to = "returned",
	                                      .reason = "found or returned",
	                                      .rule = "R-MISS-5",
	                                      .at = u.now,
	                                      .by = uc_user_id(&u),
	                                      .by_name = who->display_name};
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_change_add(db, &ch));
	char rref[24] = "";
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, e.child_id, rref);
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "episode", e.id, rref[0] ? rref : NULL,
		                         "returned"));
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

/* A Safe and Well Check being recorded: what the steps of app_safe_and_well share. */
struct saw_run {
	struct uc u;
	/* the input */
	int64_t done_at;
	const char *done_by, *where, *happened, *crime;
	bool alleged, alone;
	struct people_in with;
	/* the check */
	struct episode_row e;
	char key[KEY_LEN], name[200], by_uid[ID_MAX]; /* who did it */
	char with_text[4096];
	struct miss_safe_well_plan plan;
	char sid[ID_MAX];
	/* the crime link (R-REC-5) */
	struct record_row rec;
	int hr; /* DB_ROW when the child has a record */
	const char *crime_link;
};

/* Reads the check (fields as app_safe_and_well); errors go to u->err. */
static int saw_parse(struct saw_run *run, json_t *in)
{
	struct uc *u = &run->u;
	struct app_err *err = u->err;
	uc_time_field(u, in, "done_at", u->now, &run->done_at);
	run->done_by = app_json_str(in, "done_by", u->who->system, 200, false, err);
	run->where = app_json_str(in, "where_found", true, 500, false, err);
	run->happened = app_json_str(in, "what_happened", true, 8000, true, err);
	run->alleged = app_json_bool(in, "crime_alleged", false, err);
	run->alone = app_json_bool(in, "found_alone", false, err);
	run->crime = app_json_str(in, "crime_number", false, EXT_REF_MAX, false, err);
	people_parse(u, in, "found_with", &run->with);
	return err->code;
}

/* R-MISS-5: the record of the check, and the crime link an allegation needs. Names who
 * did it (a Lantern user by username, else the name given; the actor by default). */
static int saw_check(struct saw_run *run)
{
	struct uc *u = &run->u;
	person_key(u->db, run->done_by ? run->done_by : u->who->username, run->key, run->name,
	           sizeof run->name, run->by_uid);
	if (!run->done_by)
		snprintf(run->name, sizeof run->name, "%s", u->who->display_name);
	people_text(&run->with, run->with_text, sizeof run->with_text);
	struct miss_safe_well sw = {.returned_at = run->e.returned_at,
	                            .checked_at = run->done_at,
	                            .officer_id = run->name,
	                            .where_found = run->where,
	                            .found_alone = run->alone,
	                            .found_with = run->with.n ? run->with_text : NULL,
	                            .what_happened = run->happened,
	                            .crime_alleged = run->alleged,
	                            .crime_reference = run->crime};
	struct proto_err pe;
	if (missing_safe_well_validate(&sw, u->now, &run->plan, &pe) < 0) {
		static const char *const map[][2] = {{"checked_at", "done_at"},
		                                     {"officer_id", "done_by"},
		                                     {"crime_reference", "crime_number"},
		                                     {NULL, NULL}};
		field_rename(&pe, map);
		return uc_proto_refused(u, &pe);
	}
	return APP_OK;
}

/* Writes the check, with whom and where the child was found. */
static int saw_store(struct saw_run *run)
{
	struct uc *u = &run->u;
	const struct episode_row *e = &run->e;
	id_new("saw", run->sid);
	int arc = people_store(u, &run->with, e->id, e->child_id, "found_with", NULL, 0);
	if (arc == APP_OK)
		arc = location_store(u, e->id, e->child_id, "found", run->where);
	struct store_saw_new s = {.id = run->sid,
	                          .episode_id = e->id,
	                          .done_at = run->done_at,
	                          .done_by = run->by_uid[0] ? run->by_uid : NULL,
	                          .done_by_name = run->name,
	                          .done_by_key = run->key,
	                          .agency_id = u->who->agency_id[0] ? u->who->agency_id : NULL,
	                          .where_found = run->where,
	                          .found_with = run->with.n ? run->with_text : NULL,
	                          .what_happened = run->happened,
	                          .crime_alleged = run->alleged,
	                          .crime_number = run->crime,
	                          .at = u->now};
	if (arc == APP_OK)
		arc = uc_db(u, store_saw_insert(u->db, &s));
	return arc;
}

/* R-REC-5: a crime number is linked to the child's one record, ES-flagged; the result
 * says what became of it (crime_link). */
static int saw_link_crime(struct saw_run *run)
{
	struct uc *u = &run->u;
	run->hr = store_record_get(u->db, run->e.child_id, &run->rec);
	if (run->hr != DB_ROW && run->hr != DB_DONE)
		return uc_db(u, run->hr);
	const struct miss_safe_well_plan *plan = &run->plan;
	if (!plan->crime_link)
		return APP_OK;
	if (plan->crime.create_crime_reference) {
		run->crime_link = "a crime is alleged: create a crime report and link its number "
		                  "to the child's record (R-MISS-5, R-REC-5)";
		return APP_OK;
	}
	if (run->hr != DB_ROW) {
		run->crime_link = "the child has no exploitation record, so the crime number is "
		                  "kept on the episode only";
		return APP_OK;
	}
	run->crime_link = "linked to the child's record";
	return uc_db(u, store_ext_ref_add(u->db, run->rec.id, "crime_number", run->crime,
	                                  plan->crime.es_on_crime_report, u->now, uc_user_id(u)));
}

int app_safe_and_well(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"done_at",       "done_by",      "where_found",
	                                      "found_with",    "found_alone",  "what_happened",
	                                      "crime_alleged", "crime_number", NULL};
	struct saw_run run;
	memset(&run, 0, sizeof run);
	struct uc *u = &run.u;
	if (!uc_open_change(u, db, who, in, out, err, "record a Safe and Well Check", "check",
	                    allowed))
		return err->code;
	if (saw_parse(&run, in) != APP_OK)
		return err->code;
	if (open_episode(u, id, &run.e) != APP_OK)
		return err->code;
	int arc = must_be_returned(u, &run.e, "R-MISS-5", "a Safe and Well Check");
	if (arc == APP_OK)
		arc = saw_check(&run); /* R-MISS-5 */
	if (arc == APP_OK)
		arc = saw_store(&run);
	if (arc == APP_OK)
		arc = saw_link_crime(&run); /* R-REC-5 */
	if (arc == APP_OK)
		arc = uc_db(u, uc_audit(u, "create", "safe_and_well_check", run.sid,
		                        run.hr == DB_ROW ? run.rec.reference : NULL, "all"));
	if (arc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "id", run.sid, "episode_id",
		                 run.e.id, "done_by", run.name, "crime_number", run.crime,
		                 "crime_link", run.crime_link);
	return uc_end(u, arc, out);
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

/* A Return Interview being offered: what the steps of app_return_interview_offer
 * share. */
struct offer_run {
	struct uc u;
	/* the input */
	const char *interviewer, *role, *agency, *pref;
	bool asked;
	int64_t offered;
	struct people_in carers;
	/* the offer */
	struct episode_row e;
	int64_t returned;
	char key[KEY_LEN], name[200], iv_uid[ID_MAX]; /* the interviewer */
	struct ri_responsibility resp;                /* R-MISS-7 */
	char rid[ID_MAX], due[LT_TIME_LEN];
};

/* Reads the offer (fields as app_return_interview_offer); errors go to u->err. */
static int offer_parse(struct offer_run *run, json_t *in)
{
	struct uc *u = &run->u;
	struct app_err *err = u->err;
	const char *status = app_json_str(in, "status", false, 12, false, err);
	if (status && strcmp(status, "offered") != 0)
		app_field_error(err, "status", "An offer has status offered.");
	run->interviewer = app_json_str(in, "interviewer", true, 200, false, err);
	run->role = app_json_str(in, "interviewer_role", false, 120, false, err);
	run->agency = app_json_str(in, "interviewer_agency", false, 120, false, err);
	run->asked = app_json_bool(in, "child_asked", false, err);
	run->pref = app_json_str(in, "child_preference", false, 2000, true, err);
	uc_time_field(u, in, "offered_at", u->now, &run->offered);
	people_parse(u, in, "parents_carers", &run->carers);
	return err->code;
}

/* R-MISS-6: the offer is made after the return, not in the future, and only once. */
static int offer_check(struct offer_run *run)
{
	struct uc *u = &run->u;
	run->returned = run->e.returned_at;
	struct proto_err pe;
	if (missing_interview_time_validate(run->returned, run->offered, u->now, &pe) < 0) {
		static const char *const map[][2] = {{"interview_at", "offered_at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_proto_refused(u, &pe);
	}
	struct interview_row ir;
	int rc = store_interview_get(u->db, run->e.id, &ir);
	if (rc == DB_ROW)
		return app_fail(u->err, APP_CONFLICT, NULL,
		                "A Return Interview is already %s for this episode.", ir.status);
	return rc == DB_DONE ? APP_OK : uc_db(u, rc);
}

/* R-MISS-6: the interviewer is independent of the parents and carers (those of the
 * report and those named now) and of the police and social care interviews, and the
 * child was asked who they would like. */
static int offer_independent(struct offer_run *run)
{
	struct uc *u = &run->u;
	char police_key[KEY_LEN] = "";
	person_key(u->db, run->interviewer, run->key, run->name, sizeof run->name, run->iv_uid);
	int rc = store_saw_latest_key(u->db, run->e.id, police_key, sizeof police_key);
	if (rc != DB_OK)
		return uc_db(u, rc);
	char carer_keys[2 * MAX_PEOPLE][KEY_LEN];
	const char *carer_ptrs[2 * MAX_PEOPLE];
	size_t nc = 0;
	json_t *stored = json_loads(run->e.parents_carers, 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(stored, i, v)
	{
		if (nc < MAX_PEOPLE && json_is_string(v)) {
			person_key(u->db, json_string_value(v), carer_keys[nc], NULL, 0, NULL);
			carer_ptrs[nc] = carer_keys[nc];
			nc++;
		}
	}
	json_decref(stored);
	for (i = 0; i < run->carers.n; i++) {
		person_key(u->db, run->carers.name[i], carer_keys[nc], NULL, 0, NULL);
		carer_ptrs[nc] = carer_keys[nc];
		nc++;
	}
	/* R-MISS-6: the people the episode names the child as with, under the key they
	 * were kept with, against the interviewer's name under the same key */
	json_t *with = store_episode_people_keys(u->db, run->e.id, &rc);
	if (!with)
		return uc_db(u, rc);
	const char *with_ptrs[200];
	size_t nw = 0;
	json_array_foreach(with, i, v) if (nw < ARRAY_LEN(with_ptrs) && json_is_string(v))
	        with_ptrs[nw++] = json_string_value(v);
	char iv_people_key[KEY_LEN];
	people_key(run->name, iv_people_key);
	struct ri_interview wi = {.interviewer_id = iv_people_key,
	                          .with_ids = with_ptrs,
	                          .n_with = nw,
	                          .child_asked_preference = true,
	                          .child_preference = "-"};
	struct proto_err wpe;
	if (nw && iv_people_key[0] && missing_interviewer_validate(&wi, &wpe) < 0) {
		json_decref(with);
		wpe.field = "interviewer";
		return uc_proto_refused(u, &wpe);
	}
	json_decref(with);
	struct ri_interview ri = {.interviewer_id = run->key,
	                          .parent_carer_ids = carer_ptrs,
	                          .n_parent_carers = nc,
	                          .police_interviewer_id = police_key,
	                          .csc_interviewer_id = run->e.csc_interviewer_key,
	                          .child_asked_preference = run->asked,
	                          .child_preference = run->pref};
	struct proto_err pe;
	if (missing_interviewer_validate(&ri, &pe) < 0) {
		if (pe.field && strcmp(pe.field, "interviewer_id") == 0)
			pe.field = "interviewer";
		return uc_proto_refused(u, &pe);
	}
	return APP_OK;
}

/* Writes the offer, due 72 hours after the return (R-DL-1), with who is responsible
 * for it (R-MISS-7), and its audit event. */
static int offer_store(struct offer_run *run)
{
	struct uc *u = &run->u;
	missing_ri_responsibility(run->e.looked_after, &run->resp); /* R-MISS-7 */
	char *parties = parties_json(&run->resp);
	id_new("rin", run->rid);
	int64_t due = missing_return_interview_due(run->returned); /* R-DL-1 */
	ltime_format(due, run->due);
	struct store_interview_new n = {.id = run->rid,
	                                .episode_id = run->e.id,
	                                .due_at = due,
	                                .responsible = parties ? parties : "[]",
	                                .responsibility = run->resp.text,
	                                .child_preference = run->pref,
	                                .interviewer_id = run->iv_uid[0] ? run->iv_uid : NULL,
	                                .interviewer_name = run->name,
	                                .interviewer_key = run->key,
	                                .interviewer_role = run->role,
	                                .interviewer_agency = run->agency,
	                                .offered_at = run->offered,
	                                .by = uc_user_id(u),
	                                .at = u->now};
	int arc = uc_db(u, store_interview_insert(u->db, &n));
	free(parties);
	char rref[24] = "";
	if (arc == APP_OK)
		arc = uc_child_record_ref(u, run->e.child_id, rref);
	if (arc == APP_OK)
		arc = uc_db(u,
		            uc_audit(u, "create", "return_interview", run->rid,
		                     rref[0] ? rref : NULL, "interviewer,child_preference,status"));
	return arc;
}

int app_return_interview_offer(struct db *db, const struct actor *who, const char *id, json_t *in,
                               json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "interviewer", "interviewer_role", "interviewer_agency",
	        "child_asked", "child_preference", "parents_carers",
	        "offered_at",  "status",           NULL};
	struct offer_run run;
	memset(&run, 0, sizeof run);
	struct uc *u = &run.u;
	if (!uc_open_change(u, db, who, in, out, err, "arrange return interviews", "interview",
	                    allowed))
		return err->code;
	if (offer_parse(&run, in) != APP_OK)
		return err->code;
	if (open_episode(u, id, &run.e) != APP_OK)
		return err->code;
	int arc = must_be_returned(u, &run.e, "R-MISS-6", "a Return Interview");
	if (arc == APP_OK)
		arc = offer_check(&run);
	if (arc == APP_OK)
		arc = offer_independent(&run); /* R-MISS-6 */
	if (arc == APP_OK)
		arc = offer_store(&run);
	if (arc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", run.rid, "episode_id",
		                 run.e.id, "status", "offered", "due_at", run.due, "interviewer",
		                 run.name, "child_preference", run.pref, "responsibility",
		                 run.resp.text);
	return uc_end(u, arc, out);
}

/* A Return Interview's progress being recorded: what the steps of
 * app_return_interview_record share. */
struct interview_run {
	struct uc u;
	/* the input */
	const char *status, *findings;
	int64_t at;
	bool completed;
	struct ri_findings rf;
	/* the interview */
	struct episode_row e;
	struct interview_row ir;
	struct record_row rec;
	int hr;             /* DB_ROW when the child has a record */
	char entry[ID_MAX]; /* the chronology entry of the findings, if any */
};

/* Reads the progress (fields as app_return_interview_record); errors go to u->err. */
static int interview_parse(struct interview_run *run, json_t *in)
{
	static const char *const STATUSES[] = {"accepted", "declined", "completed", NULL};
	struct uc *u = &run->u;
	struct app_err *err = u->err;
	run->status = app_json_str(in, "status", true, 12, false, err);
	if (run->status && !uc_one_of(run->status, STATUSES))
		app_field_error(err, "status", "status is accepted, declined or completed.");
	uc_time_field(u, in, "at", u->now, &run->at);
	run->findings = app_json_str(in, "findings", false, 8000, true, err);
	run->rf = (struct ri_findings){
	        .interview_at = run->at,
	        .what_happened = run->findings,
	        .where_stayed = app_json_str(in, "where_stayed", false, 2000, true, err),
	        .with_whom = app_json_str(in, "with_whom", false, 2000, true, err),
	        .why_left = app_json_str(in, "why_left", false, 2000, true, err),
	        .actions = app_json_str(in, "actions", false, 2000, true, err),
	        .assessment = app_json_str(in, "assessment", false, 2000, true, err),
	};
	if (err->code)
		return err->code;
	run->completed = strcmp(run->status, "completed") == 0;
	run->rf.declined = strcmp(run->status, "declined") == 0;
	return APP_OK;
}

/* R-MISS-6: the progress is dated after the return, not in the future, of an interview
 * offered and not yet completed or declined. */
static int interview_check(struct interview_run *run)
{
	struct uc *u = &run->u;
	run->rf.returned_at = run->e.returned_at;
	struct proto_err pe;
	if (missing_interview_time_validate(run->rf.returned_at, run->at, u->now, &pe) < 0) {
		static const char *const map[][2] = {{"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_proto_refused(u, &pe);
	}
	int rc = store_interview_get(u->db, run->e.id, &run->ir);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_CONFLICT, "R-MISS-6",
		                "Offer the Return Interview first, naming the interviewer and "
		                "the child's choice (R-MISS-6).");
	if (rc != DB_ROW)
		return uc_db(u, rc);
	if (strcmp(run->ir.status, "completed") == 0 || strcmp(run->ir.status, "declined") == 0)
		return app_fail(u->err, APP_CONFLICT, NULL, "The Return Interview is already %s.",
		                run->ir.status);
	return APP_OK;
}

/* R-MISS-8: what the interview found (or that the child declined) joins the child's
 * record, when there is one: a fact entry (its id into run->entry), and the
 * interviewer's assessment as an opinion. */
static int interview_chronology(struct interview_run *run)
{
	struct uc *u = &run->u;
	struct buf facts = BUF_INIT(1u << 16), opinion = BUF_INIT(1u << 16);
	bool finding = run->completed || run->rf.declined;
	run->rf.interviewer_id = run->ir.interviewer_name;
	struct proto_err pe;
	int arc = APP_OK;
	if (finding && missing_ri_chronology(&run->rf, u->now, &facts, &opinion, &pe) < 0) {
		static const char *const map[][2] = {
		        {"what_happened", "findings"}, {"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		arc = uc_proto_refused(u, &pe);
		goto cleanup;
	}
	run->hr = store_record_get(u->db, run->e.child_id, &run->rec);
	if (run->hr != DB_ROW && run->hr != DB_DONE)
		arc = uc_db(u, run->hr);
	if (arc == APP_OK && finding && run->hr == DB_ROW)
		arc = chron_add(u, run->rec.id, run->at, REC_FACT, "return_interview",
		                buf_cstr(&facts), run->entry);
	if (arc == APP_OK && finding && run->hr == DB_ROW && opinion.len)
		arc = chron_add(u, run->rec.id, run->at, REC_OPINION, "return_interview",
		                buf_cstr(&opinion), NULL);
cleanup:
	buf_release(&facts);
	buf_release(&opinion);
	return arc;
}

/* Writes the progress on the interview and its audit event. */
static int interview_store(struct interview_run *run)
{
	struct uc *u = &run->u;
	struct store_interview_set set = {.id = run->ir.id,
	                                  .status = run->status,
	                                  .status_at = run->at,
	                                  .findings = run->findings,
	                                  .entry_id = run->entry[0] ? run->entry : NULL,
	                                  .by = uc_user_id(u),
	                                  .at = u->now};
	int arc = uc_db(u, store_interview_update(u->db, &set));
	if (arc == APP_OK)
		arc = uc_db(u, uc_audit(u, "change", "return_interview", run->ir.id,
		                        run->hr == DB_ROW ? run->rec.reference : NULL,
		                        run->completed ? "status,findings" : "status"));
	return arc;
}

/* The result: the interview's state, and where completed findings went (R-MISS-8). */
static json_t *interview_result(const struct interview_run *run)
{
	char due[LT_TIME_LEN];
	ltime_format(run->ir.due_at, due);
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:b}", "id", run->ir.id, "episode_id",
	                        run->e.id, "status", run->status, "due_at", due, "within_72h",
	                        run->at <= run->ir.due_at);
	if (out && run->completed && run->hr == DB_ROW) {
		json_object_set_new(out, "record_ref", json_string(run->rec.reference));
		json_object_set_new(out, "record_entry_id", json_string(run->entry));
	} else if (out && run->completed) {
		json_object_set_new(
		        out, "record_entry",
		        json_string("The child has no exploitation record: the findings "
		                    "are kept with the episode (R-MISS-8)."));
	}
	return out;
}

int app_return_interview_record(struct db *db, const struct actor *who, const char *id, json_t *in,
                                json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"status",       "at",         "findings",
	                                      "where_stayed", "with_whom",  "why_left",
	                                      "actions",      "assessment", NULL};
	struct interview_run run;
	memset(&run, 0, sizeof run);
	struct uc *u = &run.u;
	if (!uc_open_change(u, db, who, in, out, err, "record return interviews", "interview",
	                    allowed))
		return err->code;
	if (interview_parse(&run, in) != APP_OK)
		return err->code;
	if (open_episode(u, id, &run.e) != APP_OK)
		return err->code;
	int arc = must_be_returned(u, &run.e, "R-MISS-6", "a Return Interview");
	if (arc == APP_OK)
		arc = interview_check(&run); /* R-MISS-6 */
	if (arc == APP_OK)
		arc = interview_chronology(&run); /* R-MISS-8 */
	if (arc == APP_OK)
		arc = interview_store(&run);
	if (arc == APP_OK)
		*out = interview_result(&run);
	return uc_end(u, arc, out);
}
