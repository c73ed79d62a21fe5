/* audit_view.c: the auditor's view of the audit log (see audit_view.h). */
#include "app/audit_view.h"

#include "app/uc.h"
#include "audit/audit.h"
#include "audit/viewlog.h"
#include "store/audit_store.h"
#include "store/users.h"
#include "util/ltime.h"

/* The instant a UK date field `key` of `in` starts (plus `days` days), or 0 when absent
 * (a malformed date adds a field error) or when that day is past the last one kept
 * (2200: nothing can be after it). */
static int64_t day_bound(json_t *in, const char *key, int days, struct app_err *err)
{
	char d[11];
	bool present = false;
	struct lt_date day;
	if (app_json_date(in, key, false, err, d, &present) < 0 || !present ||
	    ltime_parse_date(d, &day) < 0)
		return 0;
	struct lt_date bound = ltime_add_days(day, days);
	if (!ltime_date_valid(bound))
		return 0;
	int64_t t = ltime_midnight(bound);
	return t - ltime_london_offset(t);
}

int app_audit_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (!who->system && !actor_has(who, ROLE_BIT(ROLE_AUDITOR))) {
		/* the refusal is audited like any other (R-INFO-3) */
		struct uc u;
		uc_init(&u, db, who, err);
		app_fail(err, APP_FORBIDDEN, NULL, "Only an auditor can read the audit log.");
		uc_note_after(&u, "refused", "audit_log", NULL, NULL, "role");
		uc_audit_after(&u);
		return err->code;
	}
	static const char *const allowed[] = {"user_id", "username", "record_ref", "entity_id",
	                                      "action",  "from",     "to",         "before_seq",
	                                      "limit",   "verify",   NULL};
	json_t *empty = in ? NULL : json_object();
	if (!in)
		in = empty;
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The filter must be a JSON object.");
	app_json_only(in, allowed, err);
	struct audit_filter f = {
	        .user_id = app_json_str(in, "user_id", false, 40, false, err),
	        .record_ref = app_json_str(in, "record_ref", false, 40, false, err),
	        .entity_id = app_json_str(in, "entity_id", false, 40, false, err),
	        .action = app_json_str(in, "action", false, 40, false, err),
	        .before_seq = 0,
	        .limit = 50,
	};
	const char *username = app_json_str(in, "username", false, 64, false, err);
	f.from = day_bound(in, "from", 0, err);
	f.until = day_bound(in, "to", 1, err);
	if (f.from && f.until && f.from >= f.until)
		app_field_error(err, "to",
		                "The end date must be the same as or after the start date.");
	json_t *b = json_object_get(in, "before_seq"), *l = json_object_get(in, "limit");
	if (b && (!json_is_integer(b) || json_integer_value(b) < 1))
		app_field_error(err, "before_seq", "before_seq must be a positive whole number.");
	else if (b)
		f.before_seq = json_integer_value(b);
	if (l && (!json_is_integer(l) || json_integer_value(l) < 1 || json_integer_value(l) > 200))
		app_field_error(err, "limit", "limit must be a whole number from 1 to 200.");
	else if (l)
		f.limit = (int)json_integer_value(l);
	/* walking the whole chain costs time in proportion to the log: only when asked */
	bool check = app_json_bool(in, "verify", false, err);
	json_decref(empty);
	if (err->code)
		return err->code;
	/* view events waiting in the view log join the chain first, so the list is whole */
	int rc = viewlog_fold(db, NULL);
	if (rc == DB_OK)
		rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	/* a username names its user: events are filed under the user's id */
	struct user_row ur;
	if (username) {
		int urc = strlen(username) < sizeof ur.username ? store_user_get(db, username, &ur)
		                                                : DB_DONE;
		if (urc == DB_DONE) {
			db_rollback(db);
			app_field_error(err, "username",
			                "There is no user with the username %.64s.", username);
			return err->code;
		}
		if (urc != DB_ROW) {
			db_rollback(db);
			return app_db_fail(err, db, urc);
		}
		if (f.user_id && strcmp(f.user_id, ur.id) != 0)
			f.limit = 0; /* two different users: nothing matches both */
		f.user_id = ur.id;
	}
	json_t *events = store_audit_list(db, &f, &rc);
	struct audit_verify_result vr;
	memset(&vr, 0, sizeof vr);
	int vrc = !events ? DB_E_ERROR : check ? audit_verify(db, &vr) : 0;
	if (events && vrc >= 0) {
		struct actor a = *who;
		if (!a.purpose[0] && !a.system)
			snprintf(a.purpose, sizeof a.purpose, "audit review");
		rc = app_audit(db, &a, "view", "audit_log", NULL, NULL, "events");
	}
	if (!events || vrc < 0 || rc != DB_OK || (rc = db_commit(db)) != DB_OK) {
		db_rollback(db);
		json_decref(events);
		return app_db_fail(err, db, events && vrc < 0 ? vrc : rc);
	}
	size_t n = json_array_size(events);
	json_t *last = n ? json_array_get(events, n - 1) : NULL;
	json_t *next = n == (size_t)f.limit && last ? json_object_get(last, "seq") : NULL;
	json_t *chain =
	        check ? json_pack("{s:b, s:I}", "intact", vrc == 0, "events", (json_int_t)vr.events)
	              : json_null();
	if (check && vrc == 1) {
		json_object_set_new(chain, "first_bad", json_integer(vr.first_bad));
		json_object_set_new(chain, "problem", json_string(vr.problem));
	}
	*out = json_pack("{s:o, s:O, s:o}", "events", events, "next", next ? next : json_null(),
	                 "chain", chain);
	return APP_OK;
}
