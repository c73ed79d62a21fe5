/*
 * episodes.c: the use cases on missing and absent episodes themselves (episodes.h):
 * the report and its classification (R-MISS-1..3), escalation and the risk level
 * (R-MISS-4), the episode's view and the child's episodes (R-MISS-10). Each has the
 * shape of the record use cases: validate the input, open a transaction, authorise,
 * apply the rule from src/protocol/missing.h, write through src/store/episodes.h,
 * append the audit event, commit; any failure rolls the whole use case back.
 */
#include "app/episodes.h"

#include "app/work.h"

#include "app/children.h"
#include "app/gate.h"
#include "app/episode_common.h"
#include "protocol/missing.h"
#include "protocol/recording.h"
#include "store/children.h"
#include "store/episodes.h"
#include "store/records.h"

/* The risk_level field, checked by the protocol (missing_risk_parse); NULL when absent
 * or refused (a field error is then in u->err). */
static const char *risk_field(struct uc *u, json_t *in, bool required, enum miss_risk *level)
{
	const char *s = app_json_str(in, "risk_level", required, 20, false, u->err);
	struct proto_err pe;
	if (s && missing_risk_parse(s, level, &pe) < 0) {
		app_field_error(u->err, "risk_level", "%s", pe.message);
		return NULL;
	}
	return s;
}

/* R-MISS-4: the episode becomes missing at `at` (the moment a risk was identified, or
 * the exact moment the managed timeframe ran out, even when that is recorded later);
 * the change is kept with its time and reason, and audited naming the child's record. */
static int escalate(struct uc *u, struct episode_row *e, const char *reason, int64_t at)
{
	const char *by_name = u->who->system ? "Lantern (automatic)" : u->who->display_name;
	char rref[24] = "";
	int rc = store_episode_set_class(u->db, e->id, "missing", at);
	struct store_episode_change_new ch = {.episode_id = e->id,
	                                      .kind = "escalation",
	                                      .from = "absent",
	                                      .to = "missing",
	                                      .reason = reason,
	                                      .rule = "R-MISS-4",
	                                      .at = at,
	                                      .by = uc_user_id(u),
	                                      .by_name = by_name};
	if (rc == DB_OK)
		rc = store_episode_change_add(u->db, &ch);
	int arc = uc_db(u, rc);
	if (arc == APP_OK)
		arc = uc_child_record_ref(u, e->child_id, rref);
	if (arc == APP_OK)
		arc = uc_db(u, uc_audit(u, "change", "episode", e->id, rref[0] ? rref : NULL,
		                        "classification"));
	snprintf(e->classification, sizeof e->classification, "missing");
	return arc;
}

/* ---- report ---- */

/* R-MISS-3: whether the child has an open record, or an identified exploitation risk.
 * Lantern counts as an identified risk: a closed record (children move in and out of
 * risk), a current App C group of missing, trafficked, gang-associated or peer
 * recruitment, or the reporter saying a risk is identified. */
static int cse_status(struct uc *u, json_t *child, bool *open_record, bool *risk,
                      struct record_row *rec, bool *has_record)
{
	int rc = store_record_get(u->db, json_string_value(json_object_get(child, "id")), rec);
	if (rc != DB_ROW && rc != DB_DONE)
		return uc_db(u, rc);
	*has_record = rc == DB_ROW;
	*open_record = *has_record && strcmp(rec->status, "open") == 0;
	if (*has_record && !*open_record)
		*risk = true;
	char today[LT_DATE_LEN];
	ltime_format_date(ltime_date_of(u->now), today);
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(child, "risk_groups"), i, g)
	{
		const char *to = json_string_value(json_object_get(g, "to_date"));
		if (missing_group_is_identified_risk(
		            json_string_value(json_object_get(g, "code"))) &&
		    (!to || strcmp(to, today) >= 0))
			*risk = true;
	}
	return APP_OK;
}

/* A missing report being filed: what the steps of app_episode_report share. */
struct report_run {
	struct uc u;
	/* the input */
	const char *child_id, *from, *where, *level;
	int64_t reported, last_seen;
	bool has_last_seen, risk_identified;
	struct people_in with, carers;
	enum miss_risk risk;
	struct miss_report mr;
	/* the child */
	struct miss_child mc;
	bool looked_after, has_record;
	char borough_id[32], home_authority_id[32]; /* R-MISS-5, R-MISS-7: who acts */
	bool sees; /* the reporter sees the child once the report is made */
	struct record_row rec;
	/* the episode */
	struct miss_result res;
	char id[ID_MAX];
	json_t *profile; /* the child's profile, when one exists */
};

/* Reads the report (fields as app_episode_report); errors go to u->err. Returns
 * APP_OK or the error code. */
static int report_parse(struct report_run *run, json_t *in)
{
	static const char *const FROM[] = {"home", "care", "school", "other", NULL};
	struct uc *u = &run->u;
	struct app_err *err = u->err;
	run->child_id = app_json_str(in, "child_id", true, ID_MAX, false, err);
	uc_time_field(u, in, "reported_at", u->now, &run->reported);
	uc_time_field(u, in, "last_seen_at", run->reported, &run->last_seen);
	run->has_last_seen = json_object_get(in, "last_seen_at") != NULL;
	run->from = app_json_str(in, "missing_from", true, 10, false, err);
	if (run->from && !uc_one_of(run->from, FROM))
		app_field_error(err, "missing_from",
		                "missing_from is home, care, school or other.");
	run->where = app_json_str(in, "last_seen_where", false, 500, false, err);
	people_parse(u, in, "last_seen_with", &run->with);
	people_parse(u, in, "parents_carers", &run->carers);
	const char *cls = app_json_str(in, "classification", false, 10, false, err);
	if (cls && strcmp(cls, "absent") != 0 && strcmp(cls, "missing") != 0)
		app_field_error(err, "classification",
		                "classification is absent or missing (R-MISS-1).");
	run->risk = MISS_RISK_NO_APPARENT;
	run->level = risk_field(u, in, false, &run->risk);
	run->mr = (struct miss_report){
	        .whereabouts_known = app_json_bool(in, "whereabouts_known", false, err),
	        .out_of_character = app_json_bool(in, "out_of_character", false, err),
	        .context_suggests_risk = app_json_bool(in, "context_suggests_risk", false, err),
	        .reported_at = run->reported,
	        .requested = !cls                         ? MISS_NONE
	                     : strcmp(cls, "absent") == 0 ? MISS_ABSENT
	                                                  : MISS_MISSING,
	        .auto_correct = app_json_bool(in, "auto_correct", false, err),
	};
	run->risk_identified = app_json_bool(in, "risk_identified", false, err);
	if (!err->code && run->has_last_seen && run->last_seen > run->reported)
		app_field_error(err, "last_seen_at",
		                "The child cannot be last seen after the report.");
	return err->code;
}

/* The child as R-MISS-1..3 see them: age, an open record, an identified risk (the
 * child's or the reporter's), and whether they are looked after. */
static int report_child(struct report_run *run)
{
	struct uc *u = &run->u;
	int rc;
	json_t *child = store_child_get(u->db, run->child_id, &rc);
	if (!child)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.")
		                     : uc_db(u, rc);
	const char *dob = json_string_value(json_object_get(child, "date_of_birth"));
	run->mc.dob_known = dob && ltime_parse_date(dob, &run->mc.dob) == 0;
	int arc = cse_status(u, child, &run->mc.open_cse_record, &run->mc.identified_cse_risk,
	                     &run->rec, &run->has_record);
	run->mc.identified_cse_risk = run->mc.identified_cse_risk || run->risk_identified;
	run->looked_after = json_is_true(json_object_get(child, "looked_after"));
	const char *bid = json_string_value(json_object_get(child, "residence_borough_id"));
	const char *home = json_string_value(json_object_get(child, "home_authority_id"));
	snprintf(run->borough_id, sizeof run->borough_id, "%s", bid ? bid : u->who->borough_id);
	snprintf(run->home_authority_id, sizeof run->home_authority_id, "%s", home ? home : "");
	/* R-DEF-1: a child on the day the episode was reported */
	if (arc == APP_OK)
		arc = child_age_check(u->err, dob, run->reported, "child_id");
	json_decref(child);
	return arc;
}

/* R-MISS-1..3 classify the report; R-MISS-4: a recorded risk makes an absent episode
 * missing (corrected when the reporter allows, else refused). */
static int report_classify(struct report_run *run)
{
	struct uc *u = &run->u;
	struct miss_result *res = &run->res;
	struct proto_err pe;
	if (missing_classify(&run->mr, &run->mc, u->now, res, &pe) < 0)
		return uc_proto_refused(u, &pe);
	if (res->cls == MISS_NONE)
		return app_fail(u->err, APP_INVALID, "R-MISS-1",
		                "The child's whereabouts are known, so no episode is opened "
		                "(R-MISS-1).");
	if (res->cls != MISS_ABSENT || !run->level || run->risk == MISS_RISK_NO_APPARENT)
		return APP_OK;
	if (!run->mr.auto_correct)
		return app_fail(u->err, APP_INVALID, "R-MISS-4",
		                "This episode cannot be absent: a %s risk is recorded, and an "
		                "absent episode with a risk is missing (R-MISS-4).",
		                run->level);
	res->cls = MISS_MISSING;
	res->rule = "R-MISS-4";
	res->corrected = true;
	snprintf(res->reason, sizeof res->reason,
	         "Classed missing, not absent: a %s risk is recorded (R-MISS-4).", run->level);
	return APP_OK;
}

/* Who the report makes members of the child's case (R-INFO-3): reporting grants the
 * reporter nothing (its agency is noted as having filed); the police of the child's
 * borough lead on a missing child (R-MISS-5), and the return interview belongs to
 * children's social care for a child living in the community, or to the placing
 * authority of a looked-after child (R-MISS-7). */
static int report_members(struct report_run *run)
{
	struct uc *u = &run->u;
	const char *child = run->child_id, *bid = run->borough_id;
	int arc = access_note_filed(u, child, "reported the child missing");
	if (arc == APP_OK)
		arc = access_route(u, child, "police", bid, MEMBER_ROUTED,
		                   "missing report: the police lead (R-MISS-5)");
	if (arc == APP_OK && !run->looked_after)
		arc = access_route(u, child, "childrens_social_care", bid, MEMBER_ROUTED,
		                   "missing report: the return interview (R-MISS-7)");
	if (arc == APP_OK && run->looked_after && run->home_authority_id[0])
		arc = uc_db(u, store_member_add(
		                       u->db, child, run->home_authority_id, MEMBER_HOME_AUTHORITY,
		                       "the looked-after child's placing authority (R-MISS-7)",
		                       NULL, u->now));
	return arc;
}

/* Writes the episode: its row and first classification, who becomes a member of the
 * child's case, where and with whom the child was last seen. */
static int report_store(struct report_run *run)
{
	struct uc *u = &run->u;
	const struct actor *who = u->who;
	const char *cls_code = missing_class_code(run->res.cls);
	char with_text[4096] = "";
	id_new("mep", run->id);
	json_t *carers_a = json_array();
	for (size_t i = 0; i < run->carers.n; i++)
		json_array_append_new(carers_a, json_string(run->carers.name[i]));
	char *carers_s = json_dumps(carers_a, JSON_COMPACT);
	json_decref(carers_a);
	people_text(&run->with, with_text, sizeof with_text);
	struct store_episode_new en = {
	        .id = run->id,
	        .child_id = run->child_id,
	        .reported_at = run->reported,
	        .reported_by = uc_user_id(u),
	        .reported_by_name = who->display_name,
	        .reported_by_agency_id = who->agency_id[0] ? who->agency_id : NULL,
	        .last_seen_at = run->has_last_seen ? run->last_seen : 0,
	        .last_seen_where = run->where,
	        .last_seen_with = run->with.n ? with_text : NULL,
	        .missing_from = run->from,
	        .parents_carers = carers_s ? carers_s : "[]",
	        .classification = cls_code,
	        .reason = run->res.reason,
	        .rule = run->res.rule,
	        .risk_level = run->level ? run->level
	                                 : (run->res.cls == MISS_ABSENT
	                                            ? missing_risk_code(MISS_RISK_NO_APPARENT)
	                                            : NULL),
	        .looked_after = run->looked_after,
	        .at = u->now,
	};
	int rc = store_episode_insert(u->db, &en);
	free(carers_s);
	struct store_episode_change_new ch = {.episode_id = run->id,
	                                      .kind = "classification",
	                                      .to = cls_code,
	                                      .reason = run->res.reason,
	                                      .rule = run->res.rule,
	                                      .at = u->now,
	                                      .by = uc_user_id(u),
	                                      .by_name = who->display_name};
	if (rc == DB_OK)
		rc = store_episode_change_add(u->db, &ch);
	int arc = uc_db(u, rc);
	if (arc == APP_OK)
		arc = report_members(run);
	if (arc == APP_OK)
		arc = location_store(u, run->id, run->child_id, "last_seen", run->where);
	if (arc == APP_OK)
		arc = people_store(u, &run->with, run->id, run->child_id, "last_seen_with", NULL,
		                   0);
	return arc;
}

/* R-MISS-4: an absence reported late, after its managed timeframe ran out, is missing
 * at once: it escalates in the same transaction, at the exact time it became due. */
static int report_late(struct report_run *run)
{
	struct uc *u = &run->u;
	if (run->res.cls != MISS_ABSENT)
		return APP_OK;
	struct miss_escalation esc;
	missing_escalation_check(run->reported, 0, false, false, u->now, &esc);
	if (!esc.escalate)
		return APP_OK;
	struct episode_row e;
	memset(&e, 0, sizeof e);
	snprintf(e.id, sizeof e.id, "%s", run->id);
	snprintf(e.child_id, sizeof e.child_id, "%s", run->child_id);
	int64_t due = missing_escalation_due(run->reported, 0);
	int arc = escalate(u, &e, "reported after the managed timeframe had passed", due);
	if (arc == APP_OK) {
		run->res.cls = MISS_MISSING;
		run->res.rule = "R-MISS-4";
		snprintf(run->res.reason, sizeof run->res.reason,
		         "Classed missing: the absence was reported after the managed timeframe "
		         "had passed, so it became missing when the timeframe ran out (R-MISS-4).");
	}
	return arc;
}

/* The report joins the child's record, when there is one (a fact in the chronology),
 * and is audited; the child's profile, when there is one, is shared the moment the
 * episode opens (audited as a disclosure). */
static int report_record(struct report_run *run)
{
	struct uc *u = &run->u;
	const char *ref = run->has_record ? run->rec.reference : NULL;
	int arc = APP_OK;
	if (run->has_record) {
		char text[1200];
		snprintf(text, sizeof text, "Reported %s from %s. %s%s%s",
		         missing_class_code(run->res.cls), run->from, run->res.reason,
		         run->where ? " Last seen: " : "", run->where ? run->where : "");
		arc = chron_add(u, run->rec.id, run->reported, REC_FACT, "missing_episode", text,
		                NULL);
	}
	if (arc == APP_OK)
		arc = uc_db(
		        u, uc_audit(u, "create", "episode", run->id, ref, "report,classification"));
	if (arc == APP_OK)
		arc = access_sees_child(u, run->child_id, &run->sees);
	if (arc != APP_OK || !run->sees) /* the profile goes only to those who see the child */
		return arc;
	int rc;
	run->profile = store_profile_get(u->db, run->child_id, &rc);
	if (!run->profile && rc != DB_DONE)
		return uc_db(u, rc);
	if (run->profile)
		arc = uc_db(
		        u, uc_audit(u, "disclose", "philomena_profile", run->child_id, ref, "all"));
	return arc;
}

int app_episode_report(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "child_id",          "reported_at",      "missing_from",
	        "last_seen_at",      "last_seen_where",  "last_seen_with",
	        "parents_carers",    "classification",   "auto_correct",
	        "whereabouts_known", "out_of_character", "context_suggests_risk",
	        "risk_identified",   "risk_level",       NULL};
	struct report_run run;
	memset(&run, 0, sizeof run);
	struct uc *u = &run.u;
	if (!uc_open_change(u, db, who, in, out, err, "report a child missing", "report", allowed))
		return err->code;
	if (report_parse(&run, in) != APP_OK)
		return err->code;
	if (!id_valid(run.child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (uc_begin(u) != APP_OK)
		return err->code;
	int arc = report_child(&run);
	if (arc == APP_OK)
		arc = report_classify(&run); /* R-MISS-1..4 */
	if (arc != APP_OK)
		return uc_end(u, arc, out);
	arc = report_store(&run);
	if (arc == APP_OK)
		arc = report_late(&run); /* R-MISS-4 */
	if (arc == APP_OK)
		arc = report_record(&run);
	bool sees = run.sees;
	char due_s[LT_TIME_LEN] = "";
	if (run.res.cls == MISS_ABSENT)
		ltime_format(missing_escalation_due(run.reported, 0), due_s);
	/* a reporter who does not see the child gets an acknowledgement: nothing of the
	 * record, and no reason that would tell them there is one (R-INFO-3) */
	bool r3 = run.res.rule && strcmp(run.res.rule, "R-MISS-3") == 0;
	const char *reason = sees || !r3 ? run.res.reason
	                                 : "Classed missing: the protocol does not allow this "
	                                   "child to be classed absent.";
	if (arc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s*, s:s?, s:O*}", "id",
		                 run.id, "child_id", run.child_id, "status", "received",
		                 "classification", missing_class_code(run.res.cls), "rule",
		                 sees || !r3 ? run.res.rule : "R-MISS-1", "reason", reason,
		                 "corrected", run.res.corrected, "record_visible", sees,
		                 "record_ref", sees && run.has_record ? run.rec.reference : NULL,
		                 "escalation_due_at", due_s[0] ? due_s : NULL, "profile",
		                 sees ? run.profile : NULL);
	json_decref(run.profile);
	return uc_end(u, arc, out);
}

/* ---- escalation and risk (R-MISS-4) ---- */

int app_episode_escalate(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"reason", "risk_level", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "escalate episodes", "escalation", allowed))
		return err->code;
	const char *reason = app_json_str(in, "reason", true, 2000, true, err);
	enum miss_risk risk;
	const char *level = risk_field(&u, in, false, &risk);
	struct proto_err pe;
	if (!err->code && proto_text_check(reason, PROTO_SHORT_MAX, true, "R-MISS-4", "reason",
	                                   "The reason for escalating", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	if (strcmp(e.status, "open") != 0 || strcmp(e.classification, "absent") != 0)
		return uc_end(
		        &u,
		        app_fail(err, APP_CONFLICT, "R-MISS-4",
		                 "Only an open absent episode can be escalated; this one is %s "
		                 "and %s (R-MISS-4).",
		                 e.status, e.classification),
		        out);
	int arc = escalate(&u, &e, reason, u.now);
	if (arc == APP_OK && level && strcmp(level, e.risk_level) != 0) {
		arc = uc_db(&u, store_episode_set_risk(db, e.id, level, u.now));
		struct store_episode_change_new ch = {.episode_id = e.id,
		                                      .kind = "risk_level",
		                                      .from = e.risk_level[0] ? e.risk_level : NULL,
		                                      .to = level,
		                                      .reason = reason,
		                                      .rule = "R-MISS-4",
		                                      .at = u.now,
		                                      .by = uc_user_id(&u),
		                                      .by_name = who->display_name};
		if (arc == APP_OK)
			arc = uc_db(&u, store_episode_change_add(db, &ch));
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", e.id, "classification", "missing",
	                 "rule", "R-MISS-4", "reason", reason, "escalated_at", u.now_s);
	return uc_end(&u, arc, out);
}

int app_episode_risk(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"risk_level", "reason", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change episodes", "risk level", allowed))
		return err->code;
	enum miss_risk risk = MISS_RISK_NO_APPARENT;
	const char *level = risk_field(&u, in, true, &risk);
	const char *reason = app_json_str(in, "reason", true, 2000, true, err);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	char rref[24] = "";
	int arc = uc_db(&u, store_episode_set_risk(db, e.id, level, u.now));
	struct store_episode_change_new ch = {.episode_id = e.id,
	                                      .kind = "risk_level",
	                                      .from = e.risk_level[0] ? e.risk_level : NULL,
	                                      .to = level,
	                                      .reason = reason,
	                                      .at = u.now,
	                                      .by = uc_user_id(&u),
	                                      .by_name = who->display_name};
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_change_add(db, &ch));
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, e.child_id, rref);
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "episode", e.id, rref[0] ? rref : NULL,
		                         "risk_level"));
	/* R-MISS-4: a risk identified on an absent episode escalates it */
	struct miss_escalation esc;
	int64_t rep = e.reported_at;
	missing_escalation_check(rep, 0, strcmp(e.status, "open") != 0,
	                         risk != MISS_RISK_NO_APPARENT, u.now, &esc);
	bool escalated = false;
	if (arc == APP_OK && esc.escalate && strcmp(e.status, "open") == 0 &&
	    strcmp(e.classification, "absent") == 0) {
		/* the timeframe may have run out already: then that is when it escalated */
		bool late = strcmp(esc.reason, "timeframe_passed") == 0;
		char why[2200];
		snprintf(why, sizeof why, "%s: %s",
		         late ? "managed timeframe passed" : "risk identified", reason);
		arc = escalate(&u, &e, why, late ? missing_escalation_due(rep, 0) : u.now);
		escalated = true;
	}
	*out = json_pack("{s:s, s:s, s:s, s:b}", "id", e.id, "risk_level", level, "classification",
	                 e.classification, "escalated", escalated);
	return uc_end(&u, arc, out);
}

int app_episodes_escalate_due(struct db *db, int64_t now, int64_t timeframe, json_t **out,
                              struct app_err *err)
{
	struct actor sys;
	actor_system(&sys);
	sys.now = now;
	/* the audit names what acted: the scheduler, not an operator at the command line */
	snprintf(sys.purpose, sizeof sys.purpose, "%s",
	         "automatic escalation by the scheduler (R-MISS-4)");
	struct uc u;
	uc_init(&u, db, &sys, err);
	*out = NULL;
	if (timeframe <= 0)
		timeframe = MISS_ABSENT_DEFAULT_TIMEFRAME;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	int rc;
	json_t *rows = store_episodes_absent_before(db, now - timeframe, &rc);
	if (!rows)
		return uc_end(&u, uc_db(&u, rc), out);
	json_t *done = json_array();
	*out = json_pack("{s:o}", "escalated", done);
	int arc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *eid = json_string_value(json_object_get(r, "id"));
		const char *rep_s = json_string_value(json_object_get(r, "reported_at"));
		int64_t rep = parse_time_or(rep_s, now);
		struct miss_escalation esc; /* R-MISS-4, R-DL-2 */
		missing_escalation_check(rep, timeframe, false, false, now, &esc);
		if (!esc.escalate)
			continue;
		struct episode_row e;
		rc = store_episode_get(db, eid, &e);
		if (rc != DB_ROW) {
			arc = uc_db(&u, rc == DB_DONE ? DB_E_ERROR : rc);
			break;
		}
		/* R-MISS-4: at the exact time it became due, not when the scheduler ran */
		if ((arc = escalate(&u, &e, "managed timeframe passed",
		                    missing_escalation_due(rep, timeframe))) != APP_OK)
			break;
		char due[LT_TIME_LEN];
		ltime_format(missing_escalation_due(rep, timeframe), due);
		json_array_append_new(
		        done, json_pack("{s:s, s:s, s:s, s:s}", "episode_id", eid, "child_id",
		                        json_string_value(json_object_get(r, "child_id")),
		                        "reported_at", rep_s, "due_at", due));
	}
	json_decref(rows);
	json_object_set_new(*out, "count", json_integer((json_int_t)json_array_size(done)));
	return uc_end(&u, arc, out);
}

/* ---- views (R-MISS-10) ---- */

/* Cuts an episode's view to what its reporter filed (R-INFO-3). */
static void episode_filed_view(json_t *v)
{
	static const char *const keep[] = {"id",
	                                   "child_id",
	                                   "given_names",
	                                   "family_name",
	                                   "reported_at",
	                                   "reported_by_name",
	                                   "reported_by_agency",
	                                   "last_seen_at",
	                                   "last_seen_where",
	                                   "last_seen_with",
	                                   "missing_from",
	                                   "parents_carers",
	                                   "classification",
	                                   NULL};
	const char *key;
	json_t *val, *tmp;
	json_object_foreach_safe(v, tmp, key, val)
	{
		if (!uc_one_of(key, keep))
			json_object_del(v, key);
	}
	parse_member(v, "parents_carers");
	json_object_set_new(v, "status", json_string("received"));
	json_object_set_new(v, "record_visible", json_false());
}

int app_episode_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct episode_row e;
	bool sees = false, filer = false;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	int arc = fetch_episode(&u, id, &e);
	if (arc == APP_OK)
		arc = access_sees_child(&u, e.child_id, &sees);
	filer = arc == APP_OK && who->agency_id[0] &&
	        strcmp(e.reported_by_agency_id, who->agency_id) == 0;
	if (arc == APP_OK && !(filer && !sees))
		arc = access_gate(&u, e.child_id, "episode", e.id, NULL, "No such episode.");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	int rc;
	json_t *v = store_episode_view(db, e.id, &rc);
	if (!v)
		return uc_end(&u, uc_db(&u, rc), out);
	*out = v;
	if (filer && !sees) { /* the reporter's agency sees what it reported, nothing more */
		episode_filed_view(v);
		return uc_end(&u,
		              uc_db(&u, uc_audit(&u, "view", "episode", e.id, NULL, "as filed")),
		              out);
	}
	parse_member(v, "parents_carers");
	json_t *ri = json_array_get(json_object_get(v, "return_interview"), 0);
	if (ri)
		parse_member(ri, "responsible");
	json_object_set(v, "return_interview", ri ? ri : json_null());
	json_object_set_new(v, "looked_after", json_boolean(e.looked_after));
	{ /* how long the child has been (or was) missing: from last seen, else reported */
		const char *since = json_string_value(json_object_get(v, "last_seen_at"));
		int64_t from = since ? parse_time_or(since, u.now) : e.reported_at;
		int64_t to = e.returned_at ? e.returned_at : u.now;
		char words[64];
		app_duration_words(to > from ? to - from : 0, words, sizeof words);
		json_object_set_new(v, "missing_for", json_string(words));
		json_object_set_new(v, "missing_seconds", json_integer(to > from ? to - from : 0));
	}
	/* what is still to do */
	json_t *prompts = json_array();
	if (strcmp(e.status, "open") == 0 && strcmp(e.classification, "absent") == 0) {
		char due[LT_TIME_LEN];
		ltime_format(missing_escalation_due(e.reported_at, 0), due);
		json_array_append_new(prompts,
		                      json_pack("{s:s, s:s, s:s}", "rule", "R-MISS-4", "due_at",
		                                due, "text",
		                                "Escalate to missing if a risk is identified "
		                                "or the managed timeframe passes."));
	}
	if (e.returned_at) {
		int64_t ret = e.returned_at;
		char due[LT_TIME_LEN];
		ltime_format(missing_return_interview_due(ret), due);
		if (json_array_size(json_object_get(v, "safe_and_well_checks")) == 0)
			json_array_append_new(prompts,
			                      json_pack("{s:s, s:s}", "rule", "R-MISS-5", "text",
			                                "Record the police Safe and Well Check."));
		const char *st = ri ? json_string_value(json_object_get(ri, "status")) : NULL;
		if (!st || (strcmp(st, "completed") != 0 && strcmp(st, "declined") != 0))
			json_array_append_new(
			        prompts,
			        json_pack("{s:s, s:s, s:s}", "rule", "R-MISS-6", "due_at", due,
			                  "text", "Complete an independent Return Interview."));
		if (json_array_size(json_object_get(v, "forensic_decisions")) == 0)
			json_array_append_new(prompts,
			                      json_pack("{s:s, s:s}", "rule", "R-MISS-9", "text",
			                                "Record the forensic strategy decision."));
	}
	json_object_set_new(v, "prompts", prompts);
	const char *ref = json_string_value(json_object_get(v, "record_ref"));
	return uc_end(&u, uc_db(&u, uc_audit(&u, "view", "episode", e.id, ref, "all")), out);
}

int app_child_episodes(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                       json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	/* A view: read in a read transaction beside writers, then log it (as a record
	 * view, app_record_view) before anything is returned. */
	int rc = db_begin_read(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	int arc = access_gate(&u, child_id, "child", child_id, NULL, "No such child.");
	bool exists = false;
	if (arc == APP_OK && (rc = store_child_exists(db, child_id, &exists)) != DB_OK)
		arc = uc_db(&u, rc);
	else if (arc == APP_OK && !exists)
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	json_t *eps = arc == APP_OK ? store_episodes_for_child(db, child_id, &rc) : NULL;
	if (arc == APP_OK && !eps)
		arc = uc_db(&u, rc);
	if (arc == APP_OK) {
		/* R-MISS-10: repeat missing over 30, 90 and 365 days */
		size_t n = json_array_size(eps);
		int64_t *starts = calloc(n ? n : 1, sizeof *starts);
		if (!starts)
			arc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
		size_t i;
		json_t *ep;
		json_array_foreach(eps, i, ep)
		{
			if (starts)
				starts[i] = parse_time_or(
				        json_string_value(json_object_get(ep, "reported_at")),
				        u.now);
		}
		struct miss_repeat rep = {0};
		missing_repeat_count(starts, starts ? n : 0, u.now, &rep);
		free(starts);
		*out = json_pack("{s:s, s:o, s:{s:I, s:I, s:I}}", "child_id", child_id, "episodes",
		                 eps, "repeat", "days_30", (json_int_t)rep.days_30, "days_90",
		                 (json_int_t)rep.days_90, "days_365", (json_int_t)rep.days_365);
		eps = NULL;
	}
	json_decref(eps);
	/* a page of the lists (the record page shows the first; the rest a page at a time) */
	json_int_t lim = json_integer_value(json_object_get(in, "limit"));
	json_int_t page = json_integer_value(json_object_get(in, "page"));
	if (lim < 0 || lim > 500)
		lim = 500;
	if (page < 1 || !lim)
		page = 1;
	if (page > 100000)
		page = 100000;
	size_t off = (size_t)((page - 1) * lim), co_total = 0;
	if (*out) {
		json_t *all = json_object_get(*out, "episodes");
		json_object_set_new(*out, "episodes_count",
		                    json_integer((json_int_t)json_array_size(all)));
		/* R-MISS-5: the child's open episode, if any (the record page's banner) */
		size_t k;
		json_t *ep;
		json_array_foreach(all, k, ep)
		{
			const char *st = json_string_value(json_object_get(ep, "status"));
			if (!st || strcmp(st, "open") != 0)
				continue;
			json_t *one = json_pack("{s:[O]}", "items", ep);
			work_missing_decorate(one, u.now);
			json_t *now = json_array_get(json_object_get(one, "items"), 0);
			json_object_set_new(
			        *out, "missing_now",
			        json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "episode_id",
			                  json_object_get(now, "id"), "classification",
			                  json_object_get(now, "classification"), "risk_level",
			                  json_object_get(now, "risk_level"), "risk_label",
			                  json_object_get(now, "risk_label"), "missing_for",
			                  json_object_get(now, "missing_for"), "last_seen_where",
			                  json_object_get(now, "last_seen_where")));
			json_decref(one);
			break;
		}
		if (lim) {
			json_t *slice = json_array();
			for (size_t j = off; j < json_array_size(all) && j < off + (size_t)lim; j++)
				json_array_append(slice, json_array_get(all, j));
			json_object_set_new(*out, "episodes", slice);
		}
	}
	/* a child with no episode went missing with no one: nothing to look for */
	bool any = *out && json_integer_value(json_object_get(*out, "episodes_count")) > 0;
	json_t *co = arc != APP_OK ? NULL
	             : any         ? co_missing(&u, child_id, off, (size_t)lim, &co_total)
	                           : json_array();
	if (co)
		json_object_set_new(*out, "co_missing_count", json_integer((json_int_t)co_total));
	if (arc == APP_OK && !co)
		arc = err->code ? err->code : APP_FAILED;
	if (co)
		json_object_set_new(*out, "co_missing", co);
	db_rollback(db); /* read only: nothing to keep */
	if (arc != APP_OK) {
		uc_audit_after(&u); /* a refusal */
	} else if (u.opening[0]) {  /* a restricted record opened: logged with the view */
		arc = uc_begin(&u);
		if (arc == APP_OK)
			arc = uc_db(&u, uc_audit(&u, "view", "child_episodes", child_id, NULL,
			                         "episodes,repeat,co_missing"));
		arc = uc_end(&u, arc, NULL);
	} else {
		struct actor at = *who; /* the use case's clock, as uc_audit */
		at.now = u.now;
		rc = app_audit_shared(db, &at, "view", "child_episodes", child_id, NULL,
		                      "episodes,repeat,co_missing");
		arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	}
	if (arc != APP_OK) {
		json_decref(*out);
		*out = NULL;
		if (!err->code)
			err->code = arc;
	}
	return arc;
}
