/*
 * mase.c: the monthly multi-agency meeting (see mase.h). The rules are asked of
 * protocol/mase.h: the schedule and the next due date (R-MASE-1, R-DL-5), what a
 * meeting broke (R-MASE-2, R-MASE-3), which cases may go on the agenda and in which
 * sections (R-MASE-4, R-MASE-6), what each attendee sees of an item (R-MASE-5), the
 * compliance check (R-MASE-6) and the chair's duties (R-MASE-8). Every case item passes
 * access_sees_child for the actor: an item about a child the actor may not see is not
 * shown, and only the number withheld is.
 */
#include "app/mase.h"

#include <stdatomic.h>

#include "app/concern.h"
#include "app/disruption.h"
#include "app/gate.h"
#include "app/networks.h"
#include "protocol/deadlines.h"
#include "store/mase.h"
#include "store/records.h"
#include "store/users.h"

#define MASE_MAX_ATTENDEES 40

static _Atomic int meeting_name = MASE_NAME_DEFAULT;

void mase_set_name(enum mase_name n)
{
	atomic_store(&meeting_name, n < MASE_NAME_COUNT ? (int)n : MASE_NAME_DEFAULT);
}

enum mase_name mase_get_name(void)
{
	return (enum mase_name)atomic_load(&meeting_name);
}

/* Who records schedules, meetings and decisions. */
static int may_organise(struct uc *u, const char *what)
{
	if (mase_may_organise(u->who->roles, u->who->system)) /* R-MASE-7 */
		return APP_OK;
	return app_fail(u->err, APP_FORBIDDEN, NULL, "Your role cannot %s.", what);
}

static int borough_in(struct uc *u, const char *key, bool field, char bid[ID_MAX], char *name,
                      size_t n);

/* The borough `key` names, required: APP_NOT_FOUND when it does not exist (in a path),
 * or a field error on "borough" (in a body, `field`). */
static int borough_of(struct uc *u, const char *key, char bid[ID_MAX], char *name, size_t n)
{
	return borough_in(u, key, false, bid, name, n);
}

static int borough_in(struct uc *u, const char *key, bool field, char bid[ID_MAX], char *name,
                      size_t n)
{
	int rc = disruption_borough(u, key, "borough", bid);
	if (field && rc == APP_OK && !bid[0]) {
		app_field_error(u->err, "borough", "Give the borough the meeting was held in.");
		rc = APP_INVALID;
	} else if (!field && (rc == APP_INVALID || (rc == APP_OK && !bid[0]))) {
		app_err_clear(u->err);
		rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such borough.");
	}
	if (rc == APP_OK)
		rc = uc_db(u, store_borough_name(u->db, bid, name, n));
	return rc;
}

static void time_json(json_t *o, const char *key, const char *local_key, int64_t t)
{
	char s[LT_TIME_LEN], local[64];
	ltime_format(t, s);
	ltime_london_format(t, local, sizeof local);
	json_object_set_new(o, key, json_string(s));
	json_object_set_new(o, local_key, json_string(local));
}

/* R-MASE-1, R-DL-5: when borough `bid`'s next meeting is due at u->now: *due, *anchor;
 * false when there is neither a schedule nor a meeting. */
static int next_due(struct uc *u, const char *bid, bool *has_sched, struct mase_schedule *s,
                    int64_t *last, char last_id[ID_MAX], int64_t *due, int64_t *anchor, bool *known)
{
	int64_t set_at = 0;
	*known = false;
	*last = 0;
	last_id[0] = '\0';
	int rc = store_mase_schedule_get(u->db, bid, s, &set_at);
	if (rc != DB_ROW && rc != DB_DONE)
		return uc_db(u, rc);
	*has_sched = rc == DB_ROW;
	rc = store_mase_last_meeting(u->db, bid, INT64_C(7258118400), last_id, last);
	if (rc != DB_ROW && rc != DB_DONE)
		return uc_db(u, rc);
	bool met = rc == DB_ROW;
	if (!*has_sched && !met)
		return APP_OK;
	*anchor = met ? *last : set_at;
	struct proto_err pe;
	if (mase_next_due(*has_sched ? s : NULL, *anchor, due, &pe) < 0)
		return uc_proto_refused(u, &pe);
	*known = true;
	return APP_OK;
}

static json_t *due_json(int64_t anchor, int64_t due, int64_t now)
{
	const struct dl_kind *k = dl_kind_find("mase_meeting");
	struct dl_status ds;
	dl_status_at(k, due, due - anchor, now, &ds);
	char left[64];
	dl_time_left_words(ds.left, left, sizeof left);
	json_t *o = json_object();
	time_json(o, "due_at", "due_local", due);
	json_object_set_new(o, "time_left", json_string(left));
	json_object_set_new(o, "seconds_left", json_integer(ds.left));
	json_object_set_new(o, "state", json_string(dl_state_code(ds.state)));
	json_object_set_new(o, "overdue", json_boolean(ds.left <= 0));
	json_object_set_new(o, "rule", json_string("R-DL-5"));
	return o;
}

static json_t *schedule_json(const struct mase_schedule *s)
{
	char t[8];
	snprintf(t, sizeof t, "%02d:%02d", s->hour, s->minute);
	return json_pack("{s:s, s:i, s:i, s:i, s:s}", "rule",
	                 s->rule == MASE_NTH_WEEKDAY ? "nth_weekday" : "day_of_month", "nth",
	                 s->nth, "weekday", s->weekday, "day", s->day, "time", t);
}

/* The borough view (app_mase_borough's), inside the transaction. */
static int borough_view(struct uc *u, const char *bid, const char *bname, json_t **out)
{
	struct mase_schedule s;
	bool has_sched = false, known;
	int64_t last, due = 0, anchor = 0;
	char last_id[ID_MAX];
	int rc = next_due(u, bid, &has_sched, &s, &last, last_id, &due, &anchor, &known);
	if (rc != APP_OK)
		return rc;
	int src;
	json_t *meetings = store_mase_meetings(u->db, bid, dl_add_months_london(u->now, -12),
	                                       INT64_C(7258118400), &src);
	if (!meetings)
		return uc_db(u, src);
	size_t i;
	json_t *m;
	json_array_foreach(meetings, i, m)
	{
		int64_t h = 0;
		ltime_parse(json_string_value(json_object_get(m, "held_at")), &h);
		time_json(m, "held_at", "held_local", h);
		json_t *g = json_loads(json_string_value(json_object_get(m, "gaps")), 0, NULL);
		json_object_set_new(m, "gaps", g ? g : json_array());
		json_object_set_new(
		        m, "flagged",
		        json_boolean(json_integer_value(json_object_get(m, "flagged"))));
	}
	json_t *lastm = json_null();
	if (last_id[0]) {
		lastm = json_pack("{s:s}", "id", last_id);
		time_json(lastm, "held_at", "held_local", last);
	}
	*out = json_pack("{s:{s:s, s:s}, s:s, s:s, s:o, s:o, s:o, s:o}", "borough", "id", bid,
	                 "name", bname, "meeting_name", mase_name_short(mase_get_name()),
	                 "meeting_name_long", mase_name_long(mase_get_name()), "schedule",
	                 has_sched ? schedule_json(&s) : json_null(), "last_meeting", lastm,
	                 "next_due", known ? due_json(anchor, due, u->now) : json_null(),
	                 "meetings", meetings);
	return APP_OK;
}

int app_mase_borough(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "see meetings");
	if (rc != APP_OK)
		return rc;
	char bid[ID_MAX], bname[128] = "";
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_of(&u, id, bid, bname, sizeof bname);
	if (rc == APP_OK)
		rc = borough_view(&u, bid, bname, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "mase_borough", bid, NULL, "meetings"));
	return uc_end(&u, rc, out);
}

/* ---- the schedule ---- */

static const char *const SCHEDULE_FIELDS[] = {"rule", "nth", "weekday", "day", "time", NULL};

static int json_int_field(struct uc *u, json_t *in, const char *key, int dflt)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_integer(v) || json_integer_value(v) < -100 || json_integer_value(v) > 100) {
		app_field_error(u->err, key, "%s must be a whole number.", key);
		return dflt;
	}
	return (int)json_integer_value(v);
}

int app_mase_schedule_set(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = may_organise(&u, "set the meeting schedule");
	if (rc != APP_OK)
		return rc;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The schedule must be a JSON object.");
	app_json_only(in, SCHEDULE_FIELDS, err);
	const char *rule = app_json_str(in, "rule", true, 16, false, err);
	const char *time = app_json_str(in, "time", true, 5, false, err);
	struct mase_schedule s = {0};
	s.nth = json_int_field(&u, in, "nth", 0);
	s.weekday = json_int_field(&u, in, "weekday", 0);
	s.day = json_int_field(&u, in, "day", 0);
	if (rule && strcmp(rule, "nth_weekday") == 0)
		s.rule = MASE_NTH_WEEKDAY;
	else if (rule && strcmp(rule, "day_of_month") == 0)
		s.rule = MASE_DAY_OF_MONTH;
	else if (rule)
		app_field_error(err, "rule", "Choose nth_weekday or day_of_month (R-MASE-1).");
	if (time && (sscanf(time, "%2d:%2d", &s.hour, &s.minute) != 2 || strlen(time) != 5))
		app_field_error(err, "time", "Give the time as HH:MM (R-MASE-1).");
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (mase_schedule_validate(&s, &pe) < 0)
		return uc_proto_refused(&u, &pe);
	char bid[ID_MAX], bname[128] = "";
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_of(&u, id, bid, bname, sizeof bname);
	if (rc == APP_OK)
		rc = uc_db(&u, store_mase_schedule_set(
		                       db, bid, &s, u.now, uc_user_id(&u),
		                       who->display_name[0] ? who->display_name : "System", false));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "mase_schedule", bid, NULL, "schedule"));
	if (rc == APP_OK)
		rc = borough_view(&u, bid, bname, out);
	return uc_end(&u, rc, out);
}

/* ---- a meeting ---- */

/* Reads the attendees of `in` into a (strings pointing into `in`) and names. */
static size_t read_attendees(struct uc *u, json_t *in, struct mase_attendee *a, const char **names)
{
	json_t *arr = json_object_get(in, "attendees");
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > MASE_MAX_ATTENDEES) {
		app_field_error(u->err, "attendees",
		                "List the chair and attendees (at most %d) (R-MASE-2).",
		                MASE_MAX_ATTENDEES);
		return 0;
	}
	static const char *const fields[] = {"name",  "username", "member",      "rank",    "role",
	                                     "chair", "co_chair", "csc_manager", "present", NULL};
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_object(v)) {
			app_field_error(u->err, "attendees", "Each attendee is an object.");
			return 0;
		}
		app_json_only(v, fields, u->err);
		names[i] = app_json_str(v, "name", true, PROTO_NAME_MAX, false, u->err);
		const char *username = app_json_str(v, "username", false, 64, false, u->err);
		a[i] = (struct mase_attendee){
		        .person_id = username ? username : names[i],
		        .member = app_json_str(v, "member", true, 64, false, u->err),
		        .rank = app_json_str(v, "rank", false, 64, false, u->err),
		        .role = app_json_str(v, "role", false, PROTO_NAME_MAX, false, u->err),
		        .chair = app_json_bool(v, "chair", false, u->err),
		        .co_chair = app_json_bool(v, "co_chair", false, u->err),
		        .csc_manager = app_json_bool(v, "csc_manager", false, u->err),
		        .present = app_json_bool(v, "present", true, u->err),
		};
	}
	return json_array_size(arr);
}

static json_t *gaps_json(const struct mase_flags *f)
{
	struct mase_gap g[MASE_MAX_GAPS];
	size_t n = mase_gaps(f, g);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct ref_item *m =
		        g[i].member ? ref_lookup(REF_MASE_MEMBERS, g[i].member) : NULL;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s?, s:s}", "code",
		                                     g[i].code, "rule", g[i].rule, "member",
		                                     g[i].member, "member_label",
		                                     m ? m->label : NULL, "text", g[i].text));
	}
	return arr;
}

/* Attendee rows (store_mase_attendees) back into the protocol's facts. */
static size_t attendees_of(json_t *rows, struct mase_attendee *a)
{
	size_t i, n = 0;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		if (n == MASE_MAX_ATTENDEES)
			break;
		a[n++] = (struct mase_attendee){
		        .person_id = json_string_value(json_object_get(r, "person_id")),
		        .member = json_string_value(json_object_get(r, "member")),
		        .rank = json_string_value(json_object_get(r, "rank")),
		        .role = json_string_value(json_object_get(r, "role")),
		        .chair = json_is_true(json_object_get(r, "chair")),
		        .co_chair = json_is_true(json_object_get(r, "co_chair")),
		        .csc_manager = json_is_true(json_object_get(r, "csc_manager")),
		        .present = json_is_true(json_object_get(r, "present")),
		};
	}
	return n;
}

/* The meeting view, inside the transaction: APP_NOT_FOUND when there is none. */
static int meeting_view(struct uc *u, const char *id, json_t **out)
{
	int src = DB_OK;
	json_t *m = id_valid(id, "mtg") ? store_mase_meeting_get(u->db, id, &src) : NULL;
	if (!m)
		return src == DB_DONE || src == DB_OK
		               ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such meeting.")
		               : uc_db(u, src);
	json_t *att = store_mase_attendees(u->db, id, &src);
	json_t *cases = att ? store_mase_meeting_cases(u->db, id, &src) : NULL;
	json_t *acts = cases ? store_mase_meeting_actions(u->db, id, &src) : NULL;
	if (!acts) {
		json_decref(m);
		json_decref(att);
		json_decref(cases);
		return uc_db(u, src);
	}
	int64_t h = 0;
	ltime_parse(json_string_value(json_object_get(m, "held_at")), &h);
	time_json(m, "held_at", "held_local", h);
	json_t *g = json_loads(json_string_value(json_object_get(m, "gaps")), 0, NULL);
	json_object_set_new(m, "gaps", g ? g : json_array());
	json_t *d = json_loads(json_string_value(json_object_get(m, "duties")), 0, NULL);
	json_object_set_new(m, "duties", d ? d : json_null());
	json_object_set_new(m, "flagged",
	                    json_boolean(json_integer_value(json_object_get(m, "flagged"))));
	size_t i;
	json_t *v;
	json_array_foreach(att, i, v)
	{
		const struct ref_item *mm = ref_lookup(
		        REF_MASE_MEMBERS, json_string_value(json_object_get(v, "member")));
		const struct ref_item *rk =
		        ref_lookup(REF_POLICE_RANKS, json_string_value(json_object_get(v, "rank")));
		json_object_set_new(v, "member_label", json_string(mm ? mm->label : ""));
		json_object_set_new(v, "rank_label", rk ? json_string(rk->label) : json_null());
		if (json_is_true(json_object_get(v, "chair")))
			json_object_set(m, "chair", v);
	}
	json_object_set_new(m, "attendees", att);
	/* R-MASE-5: a case the actor may not see is left out; only the count is shown */
	json_t *shown = json_array();
	int64_t withheld = 0;
	int rc = APP_OK;
	json_array_foreach(cases, i, v)
	{
		bool sees = false;
		rc = access_sees_child(u, json_string_value(json_object_get(v, "child_id")), &sees);
		if (rc != APP_OK)
			break;
		if (!sees) {
			withheld++;
			continue;
		}
		const char *rid = json_string_value(json_object_get(v, "record_id"));
		json_t *ca = json_array();
		size_t j;
		json_t *a;
		json_array_foreach(acts, j, a)
		{
			const char *arid = json_string_value(json_object_get(a, "record_id"));
			const struct ref_item *t =
			        ref_tactic(json_string_value(json_object_get(a, "tactic")));
			/* R-INFO-3: a covert tactic served is named to entitled police only */
			if (t && (t->flags & REF_RESTRICTED) && !disruption_entitled(u) &&
			    !u->who->system)
				json_object_del(a, "tactic");
			if (arid && rid && strcmp(arid, rid) == 0)
				json_array_append(ca, a);
		}
		json_object_set_new(v, "actions", ca);
		/* R-MASE-5, R-INFO-3: a restricted record is listed without content for all but
		 * entitled police */
		struct mase_view_facts vf = {
		        .section = MASE_SEC_REVIEW,
		        .decision = json_integer_value(json_object_get(v, "restricted"))
		                            ? ACCESS_RESTRICTED
		                            : ACCESS_OPEN,
		        .police_entitled = disruption_entitled(u),
		};
		bool full = mase_item_view(&vf) == MASE_VIEW_FULL || u->who->system;
		json_object_set_new(v, "view", json_string(full ? "full" : "listed"));
		if (!full) {
			json_object_set_new(v, "decision",
			                    json_string("Listed: its content is restricted."));
			json_object_set_new(v, "actions", json_array());
		}
		json_object_del(v, "record_id");
		json_object_del(v, "child_id");
		json_array_append(shown, v);
	}
	json_decref(cases);
	json_decref(acts);
	json_object_set_new(m, "cases", shown);
	json_object_set_new(m, "withheld", json_integer(withheld));
	if (rc != APP_OK) {
		json_decref(m);
		return rc;
	}
	*out = m;
	return APP_OK;
}

static const char *const MEETING_FIELDS[] = {"borough", "held_at", "attendees", "minutes", NULL};

int app_mase_meeting_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = may_organise(&u, "record a meeting");
	if (rc != APP_OK)
		return rc;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The meeting must be a JSON object.");
	app_json_only(in, MEETING_FIELDS, err);
	const char *borough = app_json_str(in, "borough", false, 80, false, err);
	const char *minutes = app_json_str(in, "minutes", false, PROTO_TEXT_MAX, true, err);
	int64_t held_at = 0;
	if (!json_object_get(in, "held_at"))
		app_field_error(err, "held_at", "Give when the meeting was held.");
	uc_time_field(&u, in, "held_at", u.now, &held_at);
	struct mase_attendee a[MASE_MAX_ATTENDEES];
	const char *names[MASE_MAX_ATTENDEES];
	size_t n = read_attendees(&u, in, a, names);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (mase_attendees_validate(a, n, &pe) < 0)
		return uc_proto_refused(&u, &pe);
	if (minutes && proto_text_check(minutes, PROTO_TEXT_MAX, false, "R-MASE-8", "minutes",
	                                "The minutes", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct mase_flags f;
	mase_meeting_flags(a, n, &f);
	json_t *gaps = gaps_json(&f);
	char *gaps_s = json_dumps(gaps, JSON_COMPACT);
	json_decref(gaps);
	char bid[ID_MAX], bname[128] = "", mid[ID_MAX];
	id_new("mtg", mid);
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_in(&u, borough, true, bid, bname, sizeof bname);
	struct store_mase_meeting m = {
	        .id = mid,
	        .borough_id = bid,
	        .name = mase_name_short(mase_get_name()),
	        .minutes = minutes,
	        .by = uc_user_id(&u),
	        .by_name = who->display_name[0] ? who->display_name : "System",
	        .gaps = gaps_s ? gaps_s : "[]",
	        .flagged = mase_flags_any(&f),
	        .held_at = held_at,
	        .at = u.now,
	};
	if (rc == APP_OK)
		rc = uc_db(&u, store_mase_meeting_insert(db, &m, a, names, n));
	free(gaps_s);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "mase_meeting", mid, NULL,
		                        m.flagged ? "attendees,flagged" : "attendees"));
	if (rc == APP_OK)
		rc = meeting_view(&u, mid, out);
	return uc_end(&u, rc, out);
}

int app_mase_meeting_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "see meetings");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = meeting_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "mase_meeting", id, NULL, "meeting"));
	return uc_end(&u, rc, out);
}

static const char *const CASE_FIELDS[] = {"record_ref", "decision", NULL};

int app_mase_case_decide(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = may_organise(&u, "record the meeting's decisions");
	if (rc != APP_OK)
		return rc;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, CASE_FIELDS, err);
	const char *ref = app_json_str(in, "record_ref", true, 24, false, err);
	const char *decision = app_json_str(in, "decision", true, PROTO_SHORT_MAX, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (proto_text_check(decision, PROTO_SHORT_MAX, true, "R-MASE-7", "decision",
	                     "The decision", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	json_t *m = NULL;
	struct record_row r;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = meeting_view(&u, id, &m);
	int src = rc == APP_OK ? store_record_get(db, ref, &r) : DB_OK;
	if (rc == APP_OK && src != DB_ROW)
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such record.")
		                    : uc_db(&u, src);
	if (rc == APP_OK)
		rc = access_gate(&u, r.child_id, "record", r.id, r.reference, "No such record.");
	int64_t referred_at = 0, held_at = 0;
	if (rc == APP_OK) {
		src = store_mase_first_referral(db, r.child_id, &referred_at);
		if (src != DB_ROW && src != DB_DONE)
			rc = uc_db(&u, src);
		ltime_parse(json_string_value(json_object_get(m, "held_at")), &held_at);
		struct mase_case_facts f = {src == DB_ROW, referred_at, held_at};
		if (rc == APP_OK && mase_agenda_admit(&f, &pe) < 0) /* R-MASE-4 */
			rc = uc_proto_refused(&u, &pe);
	}
	json_decref(m);
	if (rc == APP_OK)
		rc = uc_db(&u, store_mase_case_set(
		                       db, id, r.id, decision, u.now, uc_user_id(&u),
		                       who->display_name[0] ? who->display_name : "System", false));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "mase_meeting", id, r.reference, "decision"));
	if (rc == APP_OK)
		rc = meeting_view(&u, id, out);
	return uc_end(&u, rc, out);
}

static const char *const DUTIES_FIELDS[] = {"duties", "minutes", NULL};

int app_mase_duties(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = may_organise(&u, "record the chair's duties");
	if (rc != APP_OK)
		return rc;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The duties must be a JSON object.");
	app_json_only(in, DUTIES_FIELDS, err);
	const char *minutes = app_json_str(in, "minutes", false, PROTO_TEXT_MAX, true, err);
	json_t *arr = json_object_get(in, "duties");
	struct mase_duty duties[MASE_DUTY_COUNT] = {0};
	if (!json_is_array(arr) || json_array_size(arr) != MASE_DUTY_COUNT)
		app_field_error(err, "duties", "Give the five duties D1 to D5 (R-MASE-8).");
	else
		for (size_t i = 0; i < MASE_DUTY_COUNT; i++) {
			json_t *d = json_array_get(arr, i);
			duties[i].done = app_json_bool(d, "done", false, err);
			duties[i].note = app_json_str(d, "note", false, PROTO_SHORT_MAX, true, err);
		}
	if (err->code)
		return err->code;
	json_t *m = NULL;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = meeting_view(&u, id, &m);
	if (rc == APP_OK) {
		struct mase_attendee a[MASE_MAX_ATTENDEES];
		size_t n = attendees_of(json_object_get(m, "attendees"), a);
		const char *chair = NULL, *co = NULL;
		for (size_t i = 0; i < n; i++) {
			if (a[i].chair)
				chair = a[i].person_id;
			if (a[i].co_chair)
				co = a[i].person_id;
		}
		struct mase_flags f;
		mase_meeting_flags(a, n, &f);
		/* the system operator records on the chair's behalf */
		const char *recorder = who->system ? chair : who->username;
		struct proto_err pe;
		if (mase_chair_duties_validate(duties, recorder, chair, co, &f, &pe) < 0)
			rc = uc_proto_refused(&u, &pe);
		if (rc == APP_OK && minutes &&
		    proto_text_check(minutes, PROTO_TEXT_MAX, false, "R-MASE-8", "minutes",
		                     "The minutes", &pe) < 0)
			rc = uc_proto_refused(&u, &pe);
	}
	json_decref(m);
	if (rc == APP_OK) {
		json_t *d = json_array();
		size_t nd;
		const struct ref_item *items = ref_table(REF_CHAIR_DUTIES, &nd);
		for (size_t i = 0; i < MASE_DUTY_COUNT; i++)
			json_array_append_new(d, json_pack("{s:s, s:s, s:b, s:s?}", "code",
			                                   i < nd ? items[i].code : "", "label",
			                                   i < nd ? items[i].label : "", "done",
			                                   duties[i].done, "note",
			                                   duties[i].note && *duties[i].note
			                                           ? duties[i].note
			                                           : NULL));
		char *s = json_dumps(d, JSON_COMPACT);
		json_decref(d);
		rc = uc_db(&u, store_mase_duties_set(
		                       db, id, s ? s : "[]",
		                       who->display_name[0] ? who->display_name : "System", u.now));
		free(s);
	}
	if (rc == APP_OK && minutes)
		rc = uc_db(&u, store_mase_minutes_set(db, id, minutes));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "mase_meeting", id, NULL, "duties"));
	if (rc == APP_OK)
		rc = meeting_view(&u, id, out);
	return uc_end(&u, rc, out);
}

/* ---- the agenda (R-MASE-4..6, R-MASE-9) ---- */

/* Whether the actor sees the child of row r: its `visible` column, the store's form of
 * the gate's predicate (STORE_VISIBLE, the same as access_sees_child), computed in the
 * query for every row at once. */
static int sees_child(struct uc *u, json_t *seen, json_t *r, bool *sees)
{
	UNUSED(u);
	UNUSED(seen);
	*sees = json_integer_value(json_object_get(r, "visible")) != 0;
	return APP_OK;
}

static json_t *section_new(enum mase_section s, const char *rule)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_AGENDA_SECTIONS, &n);
	return json_pack("{s:i, s:s, s:s, s:s, s:[]}", "number", (int)s, "code", items[s - 1].code,
	                 "title", items[s - 1].label, "rule", rule, "items");
}

static void section_push(json_t *sections, enum mase_section s, json_t *item)
{
	json_array_append(json_object_get(json_array_get(sections, (size_t)s - 1), "items"), item);
}

/* R-MASE-6 (1): the compliance section. */
static int compliance(struct uc *u, const char *bid, int64_t since, int64_t at, json_t *sec)
{
	int src;
	json_t *rows = store_mase_received(u->db, bid, since, at, &src);
	if (!rows)
		return uc_db(u, src);
	struct mase_referral_count c[16];
	size_t n = 0, i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		if (n == 16)
			break;
		c[n].agency = json_string_value(json_object_get(r, "agency"));
		c[n++].count = json_integer_value(json_object_get(r, "n"));
		const struct ref_item *t = ref_lookup(REF_AGENCY_TYPES, c[n - 1].agency);
		json_object_set_new(r, "label", json_string(t ? t->label : c[n - 1].agency));
	}
	struct mase_compliance out;
	struct proto_err pe;
	int rc = mase_compliance_check(c, n, &out, &pe) < 0 ? uc_proto_refused(u, &pe) : APP_OK;
	if (rc == APP_OK)
		json_object_set_new(
		        sec, "compliance",
		        json_pack("{s:o, s:I, s:I, s:b, s:I, s:s?}", "received", rows, "police",
		                  (json_int_t)out.police, "csc", (json_int_t)out.csc, "mismatch",
		                  out.mismatch, "difference", (json_int_t)out.difference, "issue",
		                  out.mismatch
		                          ? "The police and children's social care counts differ: "
		                            "a recording issue to resolve before the meeting "
		                            "(R-MASE-6)."
		                          : NULL));
	else
		json_decref(rows);
	return rc;
}

/* R-MASE-4..6: the case sections (2)..(5). */
static int case_items(struct uc *u, const char *bid, const char *bname, int64_t at,
                      json_t *sections, json_t *seen, int64_t *not_admitted, int64_t *withheld)
{
	int src;
	struct store_viewer vw;
	access_viewer(u->who, u->now, &vw);
	json_t *rows = store_mase_cases(u->db, bid, at, &vw, &src);
	json_t *acts = rows ? store_mase_borough_actions(u->db, bid, &src) : NULL;
	if (!acts) {
		json_decref(rows);
		return uc_db(u, src);
	}
	json_t *by_record = json_object(); /* record id -> its open actions */
	size_t ai;
	json_t *ar;
	json_array_foreach(acts, ai, ar)
	{
		const char *rid = json_string_value(json_object_get(ar, "record_id"));
		json_t *l = json_object_get(by_record, rid);
		if (!l)
			json_object_set_new(by_record, rid, l = json_array());
		json_object_del(ar, "record_id");
		json_array_append(l, ar);
	}
	json_decref(acts);
	bool entitled = disruption_entitled(u);
	int rc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *ra = json_string_value(json_object_get(r, "referred_at"));
		int64_t referred_at = 0;
		struct mase_case_facts cf = {ra && ltime_parse(ra, &referred_at) == 0, referred_at,
		                             at};
		struct proto_err pe;
		if (mase_agenda_admit(&cf, &pe) < 0) { /* R-MASE-4: never the first referral */
			(*not_admitted)++;
			continue;
		}
		bool sees = false;
		rc = sees_child(u, seen, r, &sees);
		if (rc != APP_OK)
			break;
		bool restricted = json_integer_value(json_object_get(r, "restricted")) != 0;
		const char *res = json_string_value(json_object_get(r, "residence_borough_id"));
		const char *enq = json_string_value(json_object_get(r, "enquiring_borough_id"));
		const char *exp = json_string_value(json_object_get(r, "exploitation_borough"));
		struct mase_case_place pl = {
		        .discussed_before = json_integer_value(json_object_get(r, "discussed")) > 0,
		        .lives_out_of_borough = res && strcmp(res, bid) != 0,
		        .exploited_other_borough = (enq && strcmp(enq, bid) != 0) ||
		                                   (exp && *exp && strcmp(exp, bid) != 0 &&
		                                    strcasecmp(exp, bname) != 0),
		};
		unsigned secs = mase_case_sections(&pl);
		struct mase_view_facts vf = {
		        .section = pl.discussed_before ? MASE_SEC_REVIEW : MASE_SEC_NEW,
		        .decision = !sees                     ? ACCESS_HIDDEN
		                    : restricted && !entitled ? ACCESS_RESTRICTED
		                                              : ACCESS_OPEN,
		        .police_entitled = entitled,
		};
		enum mase_view view = mase_item_view(&vf); /* R-MASE-5 */
		if (view == MASE_VIEW_NONE) {
			(*withheld)++;
			continue;
		}
		json_t *it = json_pack("{s:O, s:s}", "record_ref", json_object_get(r, "reference"),
		                       "view", view == MASE_VIEW_FULL ? "full" : "listed");
		if (view == MASE_VIEW_FULL) {
			json_object_set_new(
			        it, "child_name",
			        json_pack("s++",
			                  json_string_value(json_object_get(r, "given_names")), " ",
			                  json_string_value(json_object_get(r, "family_name"))));
			json_object_set(it, "category", json_object_get(r, "category"));
			json_object_set(it, "last_decision", json_object_get(r, "last_decision"));
			json_object_set(it, "last_meeting_id",
			                json_object_get(r, "last_meeting_id"));
			if (pl.discussed_before) { /* R-MASE-7: carried into the review */
				const char *rid =
				        json_string_value(json_object_get(r, "record_id"));
				json_t *l = json_object_get(by_record, rid);
				l = l ? json_incref(l) : json_array();
				json_object_set_new(it, "actions", l);
			}
		} else {
			json_object_set_new(it, "child_name", json_null());
		}
		for (int s = MASE_SEC_NEW; s <= MASE_SEC_CROSS_BORDER; s++)
			if (secs & MASE_SEC_BIT(s))
				section_push(sections, (enum mase_section)s, it);
		json_decref(it);
	}
	json_decref(rows);
	json_decref(by_record);
	return rc;
}

/* Groups rows [{id, ..., child_id}] by id, keeping the children the actor sees; an
 * entity none of whose children the actor sees is withheld. */
static int group_visible(struct uc *u, json_t *rows, json_t *seen, bool entitled, json_t *out,
                         int64_t *withheld)
{
	json_t *by = json_object();
	size_t i;
	json_t *r;
	int rc = APP_OK;
	json_array_foreach(rows, i, r)
	{
		const char *id = json_string_value(json_object_get(r, "id"));
		bool sees = false;
		rc = sees_child(u, seen, r, &sees);
		if (rc != APP_OK)
			break;
		bool restricted = json_integer_value(json_object_get(r, "restricted")) != 0;
		json_t *e = json_object_get(by, id);
		if (!e) {
			e = json_deep_copy(r);
			json_object_del(e, "child_id");
			json_object_del(e, "recent");
			json_object_del(e, "visible");
			json_object_set_new(e, "cases", json_integer(0));
			json_object_set_new(e, "recent", json_integer(0));
			json_object_set_new(e, "seen", json_false());
			json_object_set_new(by, id, e);
			json_array_append(out, e);
		}
		if (!sees || (restricted && !entitled))
			continue;
		json_object_set_new(e, "seen", json_true());
		json_object_set_new(
		        e, "cases",
		        json_integer(json_integer_value(json_object_get(e, "cases")) + 1));
		json_object_set_new(e, "recent",
		                    json_integer(json_integer_value(json_object_get(e, "recent")) +
		                                 json_integer_value(json_object_get(r, "recent"))));
	}
	json_decref(by);
	/* drop what the actor sees none of */
	for (i = json_array_size(out); i-- > 0;) {
		json_t *e = json_array_get(out, i);
		if (!json_is_true(json_object_get(e, "seen"))) {
			(*withheld)++;
			json_array_remove(out, i);
		} else {
			json_object_del(e, "seen");
			json_object_del(e, "restricted");
		}
	}
	return rc;
}

/* R-MASE-9, R-CAT-7: the agenda's linked-case section filled from network analysis
 * (app_network_linked_cases, its own read and audit event, after the agenda's): the
 * borough's children in category 1 or with none who are in one network with a child in
 * category 2 or 3 or a person of concern with an order, as far as the reader sees them
 * (R-MASE-5). When the analysis cannot be read the section says so; the agenda stands. */
static void linked_cases(struct db *db, const struct actor *who, const char *bid, json_t *agenda)
{
	json_t *sec = NULL, *s;
	size_t i;
	json_array_foreach(json_object_get(agenda, "sections"), i, s)
	{
		const char *code = json_string_value(json_object_get(s, "code"));
		if (code && strcmp(code, "linked_cases") == 0)
			sec = s;
	}
	if (!sec)
		return;
	struct app_err err;
	json_t *lc = NULL;
	if (app_network_linked_cases(db, who, bid, NULL, &lc, &err) != APP_OK) {
		json_object_set_new(sec, "note",
		                    json_string("The linked cases could not be read from network "
		                                "analysis just now; open the agenda again."));
		return;
	}
	json_t *cases = json_object_get(lc, "cases");
	size_t n = json_array_size(cases);
	json_object_set(sec, "items", cases);
	json_object_set_new(sec, "count", json_integer((json_int_t)n));
	json_object_set_new(sec, "empty", json_boolean(n == 0));
	json_object_set_new(
	        sec, "note",
	        json_string(n ? "Children in category 1 or with no category who are in one "
	                        "network with a child in category 2 or 3, or with a person of "
	                        "concern who has an order (R-CAT-7), with the links that join them."
	                      : "No child in category 1 or with no category is linked to a child "
	                        "in a higher category or to a person with an order, as far as "
	                        "you may see."));
	json_decref(lc);
}

/* R-MASE-6 (6), (7): persons of concern with their disruption, places with their trend. */
static int concern_items(struct uc *u, const char *bid, int64_t since, json_t *sections,
                         json_t *seen, int64_t *withheld)
{
	bool entitled = disruption_entitled(u);
	int src;
	struct store_viewer vw;
	access_viewer(u->who, u->now, &vw);
	json_t *persons = store_mase_persons(u->db, bid, &vw, &src);
	json_t *places = persons ? store_mase_places(u->db, bid, since, &vw, &src) : NULL;
	json_t *dis = places ? store_mase_borough_disruptions(u->db, bid, entitled, &src) : NULL;
	if (!dis) {
		json_decref(persons);
		json_decref(places);
		return uc_db(u, src);
	}
	json_t *by_person = json_object();
	size_t di;
	json_t *dr;
	json_array_foreach(dis, di, dr)
	{
		const char *pid = json_string_value(json_object_get(dr, "person_id"));
		json_t *l = json_object_get(by_person, pid);
		if (!l)
			json_object_set_new(by_person, pid, l = json_array());
		json_object_del(dr, "person_id");
		json_array_append(l, dr);
	}
	json_decref(dis);
	json_t *pl = json_array(), *pp = json_array();
	int rc = group_visible(u, persons, seen, entitled, pp, withheld);
	if (rc == APP_OK)
		rc = group_visible(u, places, seen, entitled, pl, withheld);
	size_t i;
	json_t *e;
	json_array_foreach(pp, i, e)
	{
		if (rc != APP_OK)
			break;
		json_object_del(e, "recent");
		json_t *d = json_object_get(by_person, json_string_value(json_object_get(e, "id")));
		d = d ? json_incref(d) : json_array();
		json_object_set_new(e, "disruptions", d);
		json_object_set_new(e, "disrupted", json_boolean(json_array_size(d) > 0));
		section_push(sections, MASE_SEC_PERPETRATORS, e);
	}
	json_array_foreach(pl, i, e)
	{
		json_object_set_new(
		        e, "hotspot",
		        json_boolean(json_integer_value(json_object_get(e, "hotspot"))));
		section_push(sections, MASE_SEC_LOCATIONS, e);
	}
	json_decref(persons);
	json_decref(places);
	json_decref(pl);
	json_decref(pp);
	json_decref(by_person);
	return rc;
}

static const char *const AGENDA_FIELDS[] = {"at", NULL};

int app_mase_agenda(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "see the meeting's agenda");
	if (rc != APP_OK)
		return rc;
	int64_t at = u.now;
	if (in && json_is_object(in)) {
		app_json_only(in, AGENDA_FIELDS, err);
		json_t *a = json_object_get(in, "at");
		if (json_is_string(a) && ltime_parse(json_string_value(a), &at) < 0)
			app_field_error(err, "at",
			                "Give the time as ISO 8601 (2026-11-28T10:00:00Z).");
		if (err->code)
			return err->code;
	}
	char bid[ID_MAX], bname[128] = "", last_id[ID_MAX] = "";
	int64_t last = 0;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = borough_of(&u, id, bid, bname, sizeof bname);
	int src = DB_DONE;
	if (rc == APP_OK) {
		src = store_mase_last_meeting(db, bid, at, last_id, &last);
		if (src != DB_ROW && src != DB_DONE)
			rc = uc_db(&u, src);
	}
	bool met = src == DB_ROW;
	int64_t since = met ? last : dl_add_months_london(at, -1);
	json_t *sections = json_array(), *seen = json_object();
	for (int s = 1; s <= MASE_SECTION_COUNT; s++)
		json_array_append_new(sections, section_new((enum mase_section)s,
		                                            s == MASE_SEC_COMPLIANCE ? "R-MASE-6"
		                                            : s <= MASE_SEC_REVIEW   ? "R-MASE-4"
		                                                                     : "R-MASE-6"));
	int64_t not_admitted = 0, withheld = 0;
	if (rc == APP_OK)
		rc = compliance(&u, bid, since, at, json_array_get(sections, 0));
	if (rc == APP_OK)
		rc = case_items(&u, bid, bname, at, sections, seen, &not_admitted, &withheld);
	if (rc == APP_OK)
		rc = concern_items(&u, bid, since, sections, seen, &withheld);
	size_t i;
	json_t *s;
	json_array_foreach(sections, i, s)
	{
		json_object_set_new(
		        s, "count",
		        json_integer((json_int_t)json_array_size(json_object_get(s, "items"))));
		json_object_set_new(
		        s, "empty",
		        json_boolean(i > 0 && json_array_size(json_object_get(s, "items")) == 0));
	}
	/* R-MASE-9, R-CAT-7: the linked-case list comes from network analysis */
	json_t *linked = json_pack("{s:i, s:s, s:s, s:s, s:[], s:i, s:b, s:s}", "number",
	                           MASE_SECTION_COUNT + 1, "code", "linked_cases", "title",
	                           "Linked cases from network analysis", "rule", "R-MASE-9",
	                           "items", "count", 0, "empty", true, "note",
	                           "The linked cases are read from network analysis.");
	json_array_append_new(sections, linked);
	json_decref(seen);
	if (rc == APP_OK) {
		json_t *v = NULL;
		rc = borough_view(&u, bid, bname, &v);
		json_t *o = json_pack(
		        "{s:{s:s, s:s}, s:s, s:o, s:o, s:o, s:I, s:I, s:s}", "borough", "id", bid,
		        "name", bname, "meeting_name", mase_name_short(mase_get_name()), "next_due",
		        json_incref(json_object_get(v, "next_due")), "last_meeting",
		        json_incref(json_object_get(v, "last_meeting")), "sections",
		        json_incref(sections), "not_admitted", (json_int_t)not_admitted, "withheld",
		        (json_int_t)withheld, "not_admitted_note",
		        "Cases never referred cannot be put on the agenda: the meeting "
		        "is never the first referral (R-MASE-4).");
		time_json(o, "at", "at_local", at);
		json_t *sn = json_object();
		time_json(sn, "since", "since_local", since);
		json_object_update(o, sn);
		json_decref(sn);
		json_decref(v);
		*out = o;
	}
	json_decref(sections);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "mase_agenda", bid, NULL, "agenda"));
	rc = uc_end(&u, rc, out);
	if (rc == APP_OK)
		linked_cases(db, who, bid, *out);
	return rc;
}

/* ---- R-DL-5: the next meeting in the work queue ---- */

int mase_deadline_sections(struct db *db, const struct actor *who, int64_t now, json_t *sections)
{
	unsigned roles = ROLE_BIT(ROLE_MASE_CHAIR) | ROLE_BIT(ROLE_ANALYST) |
	                 ROLE_BIT(ROLE_POLICE_SUPERVISOR);
	if (!who->system && !actor_has(who, roles))
		return DB_OK;
	struct app_err err;
	struct uc u;
	uc_init(&u, db, who, &err);
	u.now = now;
	int src;
	json_t *bs = who->borough_id[0] ? json_pack("[{s:s}]", "id", who->borough_id)
	                                : store_mase_scheduled_boroughs(db, &src);
	if (!bs)
		return src;
	json_t *sec = json_pack("{s:s, s:s, s:i, s:[]}", "key", "mase_next", "title",
	                        "Next multi-agency meetings due", "count", 0, "items");
	size_t i;
	json_t *b;
	int rc = APP_OK;
	json_array_foreach(bs, i, b)
	{
		const char *bid = json_string_value(json_object_get(b, "id"));
		char bname[128] = "";
		if (store_borough_name(db, bid, bname, sizeof bname) != DB_OK)
			continue;
		struct mase_schedule s;
		bool has, known;
		int64_t last, due, anchor;
		char last_id[ID_MAX];
		rc = next_due(&u, bid, &has, &s, &last, last_id, &due, &anchor, &known);
		if (rc != APP_OK)
			break;
		if (!known)
			continue;
		json_t *it = due_json(anchor, due, now);
		const char *state = json_string_value(json_object_get(it, "state"));
		bool overdue = json_is_true(json_object_get(it, "overdue"));
		json_object_set_new(it, "kind", json_string("mase_meeting"));
		json_object_set_new(it, "href_kind", json_string("mase"));
		json_object_set_new(it, "subject_id", json_string(bid));
		json_object_set_new(it, "subject", json_string(bname));
		json_object_set_new(it, "owner", json_string("MASE chair"));
		/* the page's words: this item links to the borough's meetings */
		char href[80];
		snprintf(href, sizeof href, "/boroughs/%s/mase", bid);
		json_object_set_new(it, "href", json_string(href));
		json_object_set_new(it, "label",
		                    json_pack("s++", mase_name_short(mase_get_name()), " ", bname));
		json_object_set_new(it, "what", json_string("Next meeting"));
		json_object_set_new(it, "tag",
		                    json_string(overdue                       ? "Overdue"
		                                : strcmp(state, "amber") == 0 ? "Due soon"
		                                                              : "On time"));
		json_object_set_new(it, "tag_class",
		                    json_string(overdue ? "govuk-tag--red"
		                                : strcmp(state, "amber") == 0
		                                        ? "govuk-tag--orange"
		                                        : "govuk-tag--green"));
		char meta[160];
		snprintf(meta, sizeof meta, "Due %s: %s.",
		         json_string_value(json_object_get(it, "due_local")),
		         json_string_value(json_object_get(it, "time_left")));
		json_object_set_new(it, "meta", json_string(meta));
		json_array_append_new(json_object_get(sec, "items"), it);
	}
	json_decref(bs);
	json_object_set_new(
	        sec, "count",
	        json_integer((json_int_t)json_array_size(json_object_get(sec, "items"))));
	if (rc == APP_OK)
		json_array_append(sections, sec);
	json_decref(sec);
	return rc == APP_OK ? DB_OK : DB_E_ERROR;
}
