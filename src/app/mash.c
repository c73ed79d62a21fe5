/*
 * mash.c: the MASH's evaluation of a referral (see mash.h). One transaction: refuse a
 * role that does not evaluate (audited), load the referral, pass the gate on its child,
 * check the protocol (R-PATH-3), write the evaluation and triage the referral, audit.
 */
#include "app/mash.h"

#include "app/gate.h"
#include "app/uc.h"
#include "protocol/deadlines.h"
#include "protocol/mash.h"
#include "store/mash.h"
#include "store/records.h"

bool app_may_evaluate_referral(const struct actor *who)
{
	return who && (who->system || mash_may_evaluate(who->roles)); /* R-PATH-3 */
}

json_t *mash_clock_json(const char *received_at, int64_t now)
{
	int64_t rec, due;
	if (!received_at || ltime_parse(received_at, &rec) < 0 || mash_decision_due(rec, &due) < 0)
		return NULL;
	const struct dl_kind *k = mash_decision_kind();
	struct dl_status ds;
	dl_status_at(k, due, due - rec, now, &ds);
	char due_s[LT_TIME_LEN], local[64], left[64];
	ltime_format(due, due_s);
	ltime_london_format(due, local, sizeof local);
	dl_time_left_words(ds.left, left, sizeof left);
	return json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "kind", k->code, "rule", k->rule,
	                 "due_at", due_s, "due_local", local, "seconds_left", (json_int_t)ds.left,
	                 "time_left", left, "state", dl_state_code(ds.state));
}

static const char *const FIELDS[] = {"outcome", "rationale", NULL};

int app_referral_evaluate(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	if (!app_may_evaluate_referral(who)) {
		uc_refuse(&u, "referral", id_valid(id, "rfl") ? id : NULL, NULL,
		          "evaluate: not a MASH role (R-PATH-3)");
		return uc_end(&u,
		              app_fail(err, APP_FORBIDDEN, "R-PATH-3",
		                       "Only the MASH evaluates referrals (R-PATH-3)."),
		              out);
	}
	if (!id_valid(id, "rfl"))
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such referral."), out);
	if (!json_is_object(in))
		return uc_end(
		        &u,
		        app_fail(err, APP_INVALID, NULL, "The evaluation must be a JSON object."),
		        out);
	app_json_only(in, FIELDS, err);
	const char *outcome = app_json_str(in, "outcome", true, 32, false, err);
	const char *rationale = app_json_str(in, "rationale", true, PROTO_SHORT_MAX * 4, true, err);
	if (err->code)
		return uc_end(&u, err->code, out);
	int rc;
	json_t *ref = store_referral_get(db, id, &rc);
	if (!ref)
		return uc_end(&u,
		              rc == DB_DONE
		                      ? app_fail(err, APP_NOT_FOUND, NULL, "No such referral.")
		                      : app_db_fail(err, db, rc),
		              out);
	const char *child = json_string_value(json_object_get(ref, "child_id"));
	const char *rref = json_string_value(json_object_get(ref, "record_ref"));
	int arc = access_gate(&u, child, "referral", id, rref, "No such referral.");
	struct proto_err pe;
	enum mash_outcome o = MASH_NFA;
	if (arc == APP_OK && mash_outcome_parse(outcome, &o, &pe) < 0)
		arc = uc_proto_refused(&u, &pe);
	if (arc == APP_OK &&
	    mash_evaluation_validate(json_string_value(json_object_get(ref, "route")),
	                             json_string_value(json_object_get(ref, "status")), rationale,
	                             &pe) < 0) {
		arc = pe.field ? uc_proto_refused(&u, &pe)
		               : app_fail(err, APP_CONFLICT, pe.rule, "%s", pe.message);
	}
	const char *received = json_string_value(json_object_get(ref, "submitted_at"));
	int64_t rec = 0, due = 0;
	if (arc == APP_OK &&
	    (!received || ltime_parse(received, &rec) < 0 || mash_decision_due(rec, &due) < 0))
		arc = app_fail(err, APP_FAILED, NULL, "The referral's receipt time is unreadable.");
	char eid[ID_MAX], due_s[LT_TIME_LEN];
	if (arc == APP_OK) {
		id_new("mev", eid);
		ltime_format(due, due_s);
		struct store_mash_eval_new row = {.id = eid,
		                                  .referral_id = id,
		                                  .child_id = child,
		                                  .outcome = mash_outcome_code(o),
		                                  .rationale = rationale,
		                                  .evaluated_by = uc_user_id(&u),
		                                  .evaluated_by_name = who->display_name,
		                                  .evaluated_at = u.now,
		                                  .received_at = rec,
		                                  .due_at = due,
		                                  .on_time = u.now <= due};
		rc = store_mash_evaluation_insert(db, &row);
		if (rc == DB_E_CONSTRAINT)
			arc = app_fail(err, APP_CONFLICT, "R-PATH-3",
			               "This referral has already been evaluated (R-PATH-3).");
		else if (rc != DB_OK)
			arc = app_db_fail(err, db, rc);
	}
	if (arc == APP_OK) {
		char fields[96];
		snprintf(fields, sizeof fields, "outcome=%s", mash_outcome_code(o));
		rc = uc_audit(&u, "evaluate", "referral", id, rref, fields);
		if (rc != DB_OK)
			arc = app_db_fail(err, db, rc);
	}
	if (arc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", eid,
		                 "referral_id", id, "outcome", mash_outcome_code(o),
		                 "outcome_label", mash_outcome_label(o), "rationale", rationale,
		                 "evaluated_at", u.now_s, "received_at", received, "due_at", due_s,
		                 "on_time", u.now <= due);
	json_decref(ref);
	return uc_end(&u, arc, out);
}

int mash_referral_view(struct uc *u, json_t *ref)
{
	json_object_set_new(ref, "may_evaluate", json_boolean(app_may_evaluate_referral(u->who)));
	int rc;
	json_t *child = store_mash_child_names(
	        u->db, json_string_value(json_object_get(ref, "child_id")), &rc);
	if (!child && rc != DB_DONE)
		return app_db_fail(u->err, u->db, rc);
	if (child)
		json_object_set_new(ref, "child", child);
	const char *route = json_string_value(json_object_get(ref, "route"));
	if (!route || strcmp(route, "mash") != 0)
		return APP_OK;
	const char *status = json_string_value(json_object_get(ref, "status"));
	if (status && strcmp(status, "awaiting_triage") == 0) {
		json_t *clock = mash_clock_json(
		        json_string_value(json_object_get(ref, "submitted_at")), u->now);
		if (clock)
			json_object_set_new(ref, "decision_clock", clock);
		return APP_OK;
	}
	json_t *ev = store_mash_evaluation_get(u->db, json_string_value(json_object_get(ref, "id")),
	                                       &rc);
	if (!ev)
		return rc == DB_DONE ? APP_OK : app_db_fail(u->err, u->db, rc);
	enum mash_outcome o;
	if (mash_outcome_parse(json_string_value(json_object_get(ev, "outcome")), &o, NULL) == 0)
		json_object_set_new(ev, "outcome_label", json_string(mash_outcome_label(o)));
	json_object_set_new(ref, "evaluation", ev);
	return APP_OK;
}
