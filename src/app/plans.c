/*
 * plans.c: the tactical options checklist of a record (R-ORD-5) and the actions of plans
 * (R-MASE-7); see plans.h. The checklist's summary is tactic_summarise's, the checks
 * tactic_entry_validate's and plan_action_validate's: nothing here decides a rule. The
 * deadline sections of the work queue are in disruption_deadlines.c.
 */
#include "app/plans.h"

#include "app/concern.h"
#include "app/disruption.h"
#include "app/gate.h"
#include "app/record_common.h"
#include "protocol/mase.h"
#include "protocol/plans.h"
#include "store/mase.h"
#include "store/plans.h"
#include "store/users.h"

/* R-MASE-7: opens a change to a plan (a tactical option's mark, an action): the role
 * (mase_may_record_plan: practitioners, and at a meeting, `at_meeting`, those who record
 * it, the chair among them), the object and its fields. As uc_open_change otherwise. */
static bool open_plan_change(struct uc *u, struct db *db, const struct actor *who, json_t *in,
                             json_t **out, struct app_err *err, const char *action,
                             const char *what, const char *const *allowed)
{
	uc_init(u, db, who, err);
	*out = NULL;
	bool at_meeting = json_is_object(in) && json_is_string(json_object_get(in, "meeting_id"));
	if (!mase_may_record_plan(who->roles, who->system, at_meeting)) {
		app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot %s%s.", action,
		         mase_may_organise(who->roles, who->system) ? " outside a meeting" : "");
		return false;
	}
	if (!json_is_object(in)) {
		app_fail(err, APP_INVALID, NULL, "The %s must be a JSON object.", what);
		return false;
	}
	app_json_only(in, allowed, err);
	return true;
}

/* R-MASE-7: the meeting `id` a plan was agreed at exists (inside the transaction); a
 * field error on "meeting_id" otherwise. NULL: none given. */
static int meeting_known(struct uc *u, const char *id)
{
	if (!id)
		return APP_OK;
	int src = DB_DONE;
	json_t *m = id_valid(id, "mtg") ? store_mase_meeting_get(u->db, id, &src) : NULL;
	if (m) {
		json_decref(m);
		return APP_OK;
	}
	if (src != DB_DONE && src != DB_OK)
		return uc_db(u, src);
	app_field_error(u->err, "meeting_id", "No such meeting (R-MASE-7).");
	return APP_INVALID;
}

/* ---- the checklist (R-ORD-5) ---- */

/* The checklist of loaded record r: every option the actor sees with its mark (unless
 * only the summary is asked for: options left empty), and the summary. */
static int tactics_view(struct uc *u, const struct record_row *r, bool options_too, json_t **out)
{
	bool entitled = disruption_entitled(u);
	int rc;
	json_t *marks = store_tactic_marks(u->db, r->id, entitled, &rc);
	if (!marks)
		return uc_db(u, rc);
	struct tactic_entry e[TACTIC_OPTIONS];
	size_t n = 0;
	size_t i;
	json_t *m;
	json_array_foreach(marks, i, m)
	{
		struct proto_err pe;
		if (n >= TACTIC_OPTIONS ||
		    tactic_mark_parse(json_string_value(json_object_get(m, "mark")), &e[n].mark,
		                      &pe) < 0)
			continue;
		e[n].code = json_string_value(json_object_get(m, "code"));
		e[n].note = json_string_value(json_object_get(m, "note"));
		e[n].owner = json_string_value(json_object_get(m, "owner"));
		n++;
	}
	struct tactic_summary s;
	tactic_summarise(e, n, entitled, &s); /* R-ORD-5 */
	size_t nt;
	const struct ref_item *all = ref_table(REF_TACTICS, &nt);
	json_t *options = json_array(), *codes = json_array();
	for (size_t k = 0; options_too && k < nt; k++) {
		if ((all[k].flags & REF_RESTRICTED) && !entitled)
			continue; /* R-INFO-3: neither shown nor counted */
		json_t *mark = NULL;
		json_array_foreach(marks, i, m)
		{
			if (strcmp(json_string_value(json_object_get(m, "code")), all[k].code) == 0)
				mark = m;
		}
		const char *mc = mark ? json_string_value(json_object_get(mark, "mark"))
		                      : tactic_mark_code(TACTIC_NOT_CONSIDERED);
		const struct ref_item *ml = ref_lookup(REF_TACTIC_MARKS, mc);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "code", all[k].code, "label",
		                      all[k].label, "mark", mc, "mark_label", ml ? ml->label : mc,
		                      "restricted", (all[k].flags & REF_RESTRICTED) != 0);
		if (mark) {
			static const char *const keep[] = {
			        "note", "owner", "marked_at", "marked_by_name", "meeting_id", NULL};
			for (const char *const *kk = keep; *kk; kk++)
				json_object_set(o, *kk, json_object_get(mark, *kk));
		}
		json_array_append_new(options, o);
	}
	for (i = 0; i < s.not_considered; i++)
		json_array_append_new(codes, json_string(s.not_considered_codes[i]));
	*out = json_pack("{s:s, s:s, s:b, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:o}}", "record_ref",
	                 r->reference, "child_id", r->child_id, "can_mark",
	                 access_may_file(u->who->roles, u->who->system), "options", options,
	                 "summary", "shown", (json_int_t)s.shown, "considered",
	                 (json_int_t)s.considered, "in_place", (json_int_t)s.in_place,
	                 "not_applicable", (json_int_t)s.not_applicable, "not_considered",
	                 (json_int_t)s.not_considered, "not_considered_codes", codes);
	json_decref(marks);
	return *out ? APP_OK : uc_db(u, DB_E_NOMEM);
}

int app_tactics_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	bool options_too = !json_is_true(json_object_get(in, "summary_only"));
	struct record_row r; /* a view: read beside writers, then logged before answering */
	int rc = uc_read_record(&u, id, &r);
	if (rc != APP_OK)
		return rc;
	rc = tactics_view(&u, &r, options_too, out);
	return uc_read_finish(&u, rc, &r, "view", "tactics", r.id, "checklist", out);
}

int app_tactic_mark(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"code", "mark", "note", "owner", "meeting_id", NULL};
	struct uc u;
	if (!open_plan_change(&u, db, who, in, out, err, "mark tactical options", "mark", allowed))
		return err->code;
	const char *meeting = app_json_str(in, "meeting_id", false, ID_MAX, false, err);
	struct tactic_entry e = {0};
	e.code = app_json_str(in, "code", true, 8, false, err);
	const char *mark = app_json_str(in, "mark", true, 24, false, err);
	e.note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, err);
	e.owner = app_json_str(in, "owner", false, PROTO_NAME_MAX, false, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (tactic_mark_parse(mark, &e.mark, &pe) < 0 ||
	    tactic_entry_validate(&e, concern_entitled(&u), &pe) < 0) /* R-ORD-5, R-INFO-3 */
		return uc_proto_refused(&u, &pe);
	const struct ref_item *t = ref_tactic(e.code);
	struct record_row r;
	int rc = uc_open_record(&u, id, &r);
	if (rc != APP_OK)
		return rc;
	rc = meeting_known(&u, meeting);
	struct store_tactic_mark_new m = {.record_id = r.id,
	                                  .e = &e,
	                                  .restricted = t && (t->flags & REF_RESTRICTED),
	                                  .meeting_id = meeting,
	                                  .by = uc_user_id(&u),
	                                  .by_name = who->display_name[0] ? who->display_name
	                                                                  : "System operator",
	                                  .at = u.now};
	if (rc == APP_OK)
		rc = uc_db(&u, store_tactic_mark(db, &m));
	if (rc == APP_OK)
		rc = tactics_view(&u, &r, true, out);
	char fields[64];
	snprintf(fields, sizeof fields, "tactic %s %s%s", e.code, tactic_mark_code(e.mark),
	         meeting ? " at a meeting" : "");
	return uc_finish(&u, rc, &r, "change", "tactics", r.id, fields, out);
}

/* ---- actions (R-MASE-7) ---- */

/* An action as read from input, with the ids resolved inside the transaction. */
struct action_in {
	struct plan_action a;
	const char *owner_person, *owner_agency, *record_ref;
	bool due_given;
	char user_id[ID_MAX], agency_id[ID_MAX], record_id[ID_MAX], borough_id[ID_MAX];
	char owner_name[160];
};

/* Reads the due date: due_on (the end of that London day) or due_at. */
static void due_read(struct uc *u, json_t *in, struct action_in *x)
{
	struct lt_date on;
	bool set;
	disruption_date_field(u, in, "due_on", &on);
	if (on.y) {
		x->a.due_at = dl_london_midnight(ltime_add_days(on, 1)) - 1;
		x->due_given = true;
	}
	int64_t t;
	disruption_time_field(u, in, "due_at", &t, &set);
	if (set) {
		x->a.due_at = t;
		x->due_given = true;
	}
}

/* Turns a protocol refusal of an action into APP_INVALID, naming the input's fields. */
static int action_refused(struct uc *u, struct proto_err *pe)
{
	if (pe->field && strcmp(pe->field, "record_id") == 0)
		pe->field = "record_ref";
	return uc_proto_refused(u, pe);
}

/* Resolves the owner (a user, an agency) into x. */
static int owner_resolve(struct uc *u, struct action_in *x)
{
	x->user_id[0] = x->agency_id[0] = x->owner_name[0] = '\0';
	if (x->owner_person) {
		struct user_row ur;
		int rc = id_valid(x->owner_person, "usr")
		                 ? store_user_get_by_id(u->db, x->owner_person, &ur)
		                 : store_user_get(u->db, x->owner_person, &ur);
		if (rc == DB_DONE) {
			app_field_error(u->err, "owner_person",
			                "There is no such user in Lantern.");
			return APP_INVALID;
		}
		if (rc != DB_ROW && rc != DB_OK)
			return uc_db(u, rc);
		snprintf(x->user_id, sizeof x->user_id, "%s", ur.id);
		snprintf(x->agency_id, sizeof x->agency_id, "%s", ur.agency_id);
		snprintf(x->owner_name, sizeof x->owner_name, "%s", ur.display_name);
	}
	if (x->owner_agency) {
		char type[32];
		int rc = store_agency_find(u->db, x->owner_agency, x->agency_id, type);
		if (rc == DB_DONE) {
			app_field_error(u->err, "owner_agency",
			                "There is no such agency in Lantern.");
			return APP_INVALID;
		}
		if (rc != DB_ROW && rc != DB_OK)
			return uc_db(u, rc);
		if (!x->owner_person)
			store_agency_name(u->db, x->agency_id, x->owner_name, sizeof x->owner_name);
	}
	x->a.owner_person = concern_opt(x->user_id);
	x->a.owner_agency = concern_opt(x->agency_id);
	return APP_OK;
}

/* Gates what the action is about and finds its borough: the record's, else the
 * actor's. */
static int subject_gate(struct uc *u, struct action_in *x)
{
	int rc = APP_OK;
	snprintf(x->borough_id, sizeof x->borough_id, "%s", u->who->borough_id);
	if (x->record_ref) {
		struct record_row r;
		rc = load_record(u, x->record_ref, &r);
		if (rc == APP_OK) {
			snprintf(x->record_id, sizeof x->record_id, "%s", r.id);
			if (r.owning_borough_id[0])
				snprintf(x->borough_id, sizeof x->borough_id, "%s",
				         r.owning_borough_id);
		}
	}
	x->a.record_id = concern_opt(x->record_id);
	if (rc == APP_OK && x->a.person_id)
		rc = concern_gate(u, PEOPLE_PERSON, x->a.person_id, NULL);
	if (rc == APP_OK && x->a.place_id)
		rc = concern_gate(u, PEOPLE_PLACE, x->a.place_id, NULL);
	return rc;
}

/* The action's view with its state at u->now. */
static int action_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_action_get(u->db, id, &rc);
	if (!*out)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such action.")
		                     : uc_db(u, rc);
	int64_t due = 0;
	ltime_parse(json_string_value(json_object_get(*out, "due_at")), &due);
	struct plan_action a = {.due_at = due, .status = ACTION_OPEN};
	struct proto_err pe;
	const char *st = json_string_value(json_object_get(*out, "status"));
	if (!st || action_status_parse(st, &a.status, &pe) < 0)
		a.status = ACTION_OPEN;
	char left[64], local[64];
	dl_time_left_words(due - u->now, left, sizeof left);
	ltime_london_format(due, local, sizeof local);
	json_object_set_new(*out, "overdue", json_boolean(plan_action_overdue(&a, u->now)));
	json_object_set_new(*out, "can_close",
	                    json_boolean(a.status == ACTION_OPEN &&
	                                 mase_may_record_plan(u->who->roles, u->who->system,
	                                                      json_is_string(json_object_get(
	                                                              *out, "meeting_id")))));
	json_object_set_new(*out, "time_left", json_string(left));
	json_object_set_new(*out, "due_local", json_string(local));
	return APP_OK;
}

int app_action_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	UNUSED(id);
	static const char *const allowed[] = {"text",   "owner_person", "owner_agency", "due_on",
	                                      "due_at", "record_ref",   "person_id",    "place_id",
	                                      "tactic", "meeting_id",   "agreed_at",    NULL};
	struct uc u;
	if (!open_plan_change(&u, db, who, in, out, err, "add actions", "action", allowed))
		return err->code;
	struct action_in x;
	memset(&x, 0, sizeof x);
	x.a.text = app_json_str(in, "text", false, PROTO_SHORT_MAX, true, err);
	x.owner_person = app_json_str(in, "owner_person", false, 80, false, err);
	x.owner_agency = app_json_str(in, "owner_agency", false, 120, false, err);
	x.record_ref = app_json_str(in, "record_ref", false, 40, false, err);
	x.a.person_id = app_json_str(in, "person_id", false, ID_MAX, false, err);
	x.a.place_id = app_json_str(in, "place_id", false, ID_MAX, false, err);
	x.a.tactic = app_json_str(in, "tactic", false, 8, false, err);
	x.a.meeting_id = app_json_str(in, "meeting_id", false, ID_MAX, false, err);
	uc_time_field(&u, in, "agreed_at", u.now, &x.a.agreed_at);
	due_read(&u, in, &x);
	if (err->code)
		return err->code;
	/* the references are checked for presence before they are resolved */
	x.a.owner_person = x.owner_person;
	x.a.owner_agency = x.owner_agency;
	x.a.record_id = x.record_ref;
	struct proto_err pe;
	if (plan_action_validate(&x.a, u.now, &pe) < 0) /* R-MASE-7, R-DL-5 */
		return action_refused(&u, &pe);
	char aid[ID_MAX];
	id_new("act", aid);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = meeting_known(&u, x.a.meeting_id);
	if (rc == APP_OK)
		rc = owner_resolve(&u, &x);
	if (rc == APP_OK)
		rc = subject_gate(&u, &x);
	if (rc == APP_OK) {
		struct store_action_new s = {.id = aid,
		                             .a = &x.a,
		                             .owner_user_id = concern_opt(x.user_id),
		                             .owner_agency_id = concern_opt(x.agency_id),
		                             .owner_name = x.owner_name,
		                             .borough_id = concern_opt(x.borough_id),
		                             .agency_id = concern_opt(who->agency_id),
		                             .by = uc_user_id(&u),
		                             .by_name = who->display_name[0] ? who->display_name
		                                                             : "System operator",
		                             .at = u.now};
		rc = uc_db(&u, store_action_insert(db, &s));
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "action", aid, NULL, "action"));
	if (rc == APP_OK)
		rc = action_view(&u, aid, out);
	return uc_end(&u, rc, out);
}

/* Loads action `id` as a struct plan_action (strings into *row) and gates what it is
 * about. */
static int action_load(struct uc *u, const char *id, json_t **row, struct action_in *x)
{
	memset(x, 0, sizeof *x);
	*row = NULL;
	if (!id_valid(id, "act"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such action.");
	int rc;
	*row = store_action_get(u->db, id, &rc);
	if (!*row)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such action.")
		                     : uc_db(u, rc);
	json_t *r = *row;
	struct plan_action *a = &x->a;
	a->text = json_string_value(json_object_get(r, "text"));
	a->owner_person = json_string_value(json_object_get(r, "owner_user_id"));
	a->owner_agency = json_string_value(json_object_get(r, "owner_agency_id"));
	ltime_parse(json_string_value(json_object_get(r, "agreed_at")), &a->agreed_at);
	ltime_parse(json_string_value(json_object_get(r, "due_at")), &a->due_at);
	a->person_id = json_string_value(json_object_get(r, "person_id"));
	a->place_id = json_string_value(json_object_get(r, "place_id"));
	a->meeting_id = json_string_value(json_object_get(r, "meeting_id"));
	a->tactic = json_string_value(json_object_get(r, "tactic"));
	struct proto_err pe;
	if (action_status_parse(json_string_value(json_object_get(r, "status")), &a->status, &pe) <
	    0)
		return app_fail(u->err, APP_FAILED, NULL, "A stored action has an unknown status.");
	x->record_ref = json_string_value(json_object_get(r, "record_ref"));
	rc = subject_gate(u, x);
	if (rc == APP_NOT_FOUND)
		snprintf(u->err->message, sizeof u->err->message, "No such action.");
	return rc;
}

/* Closes action x (status done or cancelled from `in`). */
static int action_close(struct uc *u, const char *id, json_t *in, struct action_in *x,
                        const char *status)
{
	struct plan_action *a = &x->a;
	struct proto_err pe;
	if (action_status_parse(status, &a->status, &pe) < 0 || a->status == ACTION_OPEN)
		return app_fail(u->err, APP_INVALID, "R-MASE-7",
		                "An action is closed as done or cancelled (R-MASE-7).");
	uc_time_field(u, in, "closed_at", u->now, &a->closed_at);
	a->reason = app_json_str(in, "reason", false, PROTO_SHORT_MAX, true, u->err);
	a->closed_by = uc_user_id(u) ? uc_user_id(u) : "system";
	if (u->err->code)
		return u->err->code;
	if (plan_action_validate(a, u->now, &pe) < 0)
		return action_refused(u, &pe);
	if (uc_user_id(u) == NULL)
		a->closed_by = NULL;
	int rc = store_action_close(
	        u->db, id, a, u->who->display_name[0] ? u->who->display_name : "System operator",
	        u->now);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_CONFLICT, "R-MASE-7",
		                "The action is already closed (R-MASE-7).");
	return uc_db(u, rc);
}

/* Changes open action x's text, owner or due date from `in`. */
static int action_edit(struct uc *u, const char *id, json_t *in, struct action_in *x)
{
	struct plan_action *a = &x->a;
	if (a->status != ACTION_OPEN)
		return app_fail(u->err, APP_CONFLICT, "R-MASE-7",
		                "A closed action is kept as it was closed (R-MASE-7).");
	if (json_object_get(in, "text"))
		a->text = app_json_str(in, "text", false, PROTO_SHORT_MAX, true, u->err);
	x->owner_person = app_json_str(in, "owner_person", false, 80, false, u->err);
	x->owner_agency = app_json_str(in, "owner_agency", false, 120, false, u->err);
	due_read(u, in, x);
	if (u->err->code)
		return u->err->code;
	int rc = APP_OK;
	char name[160];
	snprintf(name, sizeof name, "%s", "");
	if (x->owner_person || x->owner_agency)
		rc = owner_resolve(u, x);
	struct proto_err pe;
	if (rc == APP_OK && plan_action_validate(a, u->now, &pe) < 0)
		rc = action_refused(u, &pe);
	if (rc != APP_OK)
		return rc;
	json_t *row;
	int src;
	row = store_action_get(u->db, id, &src);
	if (!row)
		return uc_db(u, src);
	const char *owner_name = x->owner_name[0]
	                                 ? x->owner_name
	                                 : json_string_value(json_object_get(row, "owner_name"));
	snprintf(name, sizeof name, "%s", owner_name ? owner_name : "");
	json_decref(row);
	struct store_action_set set = {.id = id,
	                               .text = a->text,
	                               .owner_user_id = a->owner_person,
	                               .owner_agency_id = a->owner_agency,
	                               .owner_name = name,
	                               .due_at = a->due_at,
	                               .at = u->now};
	rc = store_action_update(u->db, &set);
	return rc == DB_DONE ? app_fail(u->err, APP_CONFLICT, "R-MASE-7",
	                                "A closed action is kept as it was closed (R-MASE-7).")
	                     : uc_db(u, rc);
}

int app_action_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"status", "reason",       "closed_at",
	                                      "text",   "owner_person", "owner_agency",
	                                      "due_on", "due_at",       NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	/* practitioners change any action they see; those who record meetings only what a
	 * meeting agreed (R-MASE-7), known once the action is read */
	if (!mase_may_record_plan(who->roles, who->system, true))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot change actions.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The change must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *status = app_json_str(in, "status", false, 16, false, err);
	if (err->code)
		return err->code;
	json_t *row = NULL;
	struct action_in x;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = action_load(&u, id, &row, &x);
	if (rc == APP_OK && !mase_may_record_plan(who->roles, who->system, x.a.meeting_id != NULL))
		rc = app_fail(err, APP_FORBIDDEN, NULL,
		              "Your role changes only the actions a meeting agreed.");
	if (rc == APP_OK && status && strcmp(status, "open") != 0)
		rc = action_close(&u, id, in, &x, status);
	else if (rc == APP_OK)
		rc = action_edit(&u, id, in, &x);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "action", id, NULL,
		                        status ? status : "text,owner,due"));
	if (rc == APP_OK)
		rc = action_view(&u, id, out);
	rc = uc_end(&u, rc, out);
	json_decref(row);
	return rc;
}

int app_action_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "actions");
	if (rc != APP_OK)
		return rc;
	json_t *row = NULL;
	struct action_in x;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = action_load(&u, id, &row, &x);
	if (rc == APP_OK)
		rc = action_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "action", id, NULL, "all"));
	rc = uc_end(&u, rc, out);
	json_decref(row);
	return rc;
}

int app_actions_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	UNUSED(id);
	static const char *const allowed[] = {"record_ref", "person_id", "place_id", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "actions");
	if (rc != APP_OK)
		return rc;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL,
		                "Say whose actions: record_ref, person_id or place_id.");
	app_json_only(in, allowed, err);
	struct action_in x;
	memset(&x, 0, sizeof x);
	x.record_ref = app_json_str(in, "record_ref", false, 40, false, err);
	x.a.person_id = app_json_str(in, "person_id", false, ID_MAX, false, err);
	x.a.place_id = app_json_str(in, "place_id", false, ID_MAX, false, err);
	int given = !!x.record_ref + !!x.a.person_id + !!x.a.place_id;
	if (!err->code && given != 1)
		app_fail(err, APP_INVALID, NULL,
		         "Give exactly one of record_ref, person_id and place_id.");
	if (err->code)
		return err->code;
	json_t *list = NULL;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = subject_gate(&u, &x);
	if (rc == APP_OK) {
		int src;
		const char *col = x.record_ref    ? "record_id"
		                  : x.a.person_id ? "person_id"
		                                  : "place_id";
		const char *key = x.record_ref    ? x.record_id
		                  : x.a.person_id ? x.a.person_id
		                                  : x.a.place_id;
		list = store_actions_of(db, col, key, 500, &src);
		if (!list)
			rc = uc_db(&u, src);
	}
	json_int_t open = 0, overdue = 0;
	if (rc == APP_OK) {
		size_t i;
		json_t *r;
		json_array_foreach(list, i, r)
		{
			int64_t due = 0;
			ltime_parse(json_string_value(json_object_get(r, "due_at")), &due);
			bool is_open = strcmp(json_string_value(json_object_get(r, "status")),
			                      "open") == 0;
			struct plan_action a = {.due_at = due,
			                        .status = is_open ? ACTION_OPEN : ACTION_DONE};
			bool late = plan_action_overdue(&a, u.now); /* R-MASE-7 */
			open += is_open;
			overdue += late;
			json_object_set_new(r, "overdue", json_boolean(late));
		}
		rc = uc_db(&u, uc_audit(&u, "view", "action_list", NULL, x.record_ref, "actions"));
	}
	if (rc == APP_OK)
		*out = json_pack("{s:O, s:I, s:I, s:b}", "actions", list, "open", open, "overdue",
		                 overdue, "can_add", access_may_file(who->roles, who->system));
	json_decref(list);
	return uc_end(&u, rc, out);
}
