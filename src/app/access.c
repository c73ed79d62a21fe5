/*
 * access.c: the gate every read of record content passes (gate.h) and the use cases
 * that give access to a child's record (access.h): case membership and reasoned,
 * time-limited grants decided by a supervisor. The rule is src/protocol/access.h; the
 * SQL predicate built from it is src/store/access.h.
 */
#include "app/access.h"
#include "app/gate.h"

#include "app/uc.h"
#include "protocol/info.h"
#include "store/children.h"
#include "store/records.h"
#include "store/users.h"
#include "util/id.h"
#include "util/ltime.h"
#include "util/parse.h"

#define DAY INT64_C(86400)
#define GRANT_NOTE_MAX 500

enum access_scope actor_scope(const struct actor *who)
{
	return access_scope_of(who->roles, who->system);
}

void access_viewer(const struct actor *who, int64_t now, struct store_viewer *v)
{
	store_viewer_init(v, actor_scope(who) == ACCESS_ALL, who->agency_id, who->user_id, now);
}

int access_sees_child(struct uc *u, const char *child_id, bool *sees)
{
	*sees = false;
	enum access_scope scope = actor_scope(u->who);
	if (scope == ACCESS_ALL) {
		*sees = true;
		return APP_OK;
	}
	if (scope == ACCESS_NONE)
		return APP_OK;
	struct store_viewer v;
	access_viewer(u->who, u->now, &v);
	return uc_db(u, store_child_visible(u->db, &v, child_id, sees));
}

int access_gate(struct uc *u, const char *child_id, const char *type, const char *id,
                const char *record_ref, const char *missing)
{
	if (u->who->system)
		return APP_OK;
	struct access_facts f = {.scope = actor_scope(u->who)};
	int rc = access_sees_child(u, child_id, &f.member);
	if (rc != APP_OK)
		return rc;
	struct record_row r;
	int have = store_record_get(u->db, child_id, &r);
	if (have != DB_ROW && have != DB_DONE)
		return uc_db(u, have);
	f.restricted = have == DB_ROW && r.restricted;
	f.police_entitled = access_police_entitled(u->who->roles, u->who->agency_type);
	struct proto_err pe;
	f.reason_given = info_purpose_validate(u->who->purpose, &pe) == 0;
	enum access_decision d = access_decide(&f, false);
	if (!record_ref && have == DB_ROW)
		record_ref = r.reference;
	switch (d) {
	case ACCESS_OPEN:
		return APP_OK;
	case ACCESS_OPEN_LOGGED:
		snprintf(u->opening, sizeof u->opening, "%s", r.id);
		return APP_OK;
	case ACCESS_HIDDEN:
		uc_refuse(u, type, id, record_ref, access_refusal_reason(d));
		return app_fail(u->err, APP_NOT_FOUND, NULL, "%s", missing);
	case ACCESS_RESTRICTED:
		uc_refuse(u, type, id, record_ref, access_refusal_reason(d));
		return app_fail(u->err, APP_FORBIDDEN, "R-INFO-3",
		                "This record is restricted: only entitled police officers can open "
		                "it, with a reason (R-INFO-3).");
	case ACCESS_NEEDS_REASON:
		uc_refuse(u, type, id, record_ref, access_refusal_reason(d));
		return app_fail(u->err, APP_FORBIDDEN, "R-INFO-3", "%s", pe.message);
	}
	return app_fail(u->err, APP_FAILED, NULL, "The access decision could not be made.");
}

int access_log_opening(struct uc *u)
{
	if (!u->opening[0])
		return APP_OK;
	char id[ID_MAX];
	id_new("rax", id);
	struct store_restricted_access_new row = {
	        .id = id,
	        .record_id = u->opening,
	        .user_id = uc_user_id(u),
	        .user_name = u->who->display_name,
	        .agency_id = u->who->agency_id[0] ? u->who->agency_id : NULL,
	        .opened_at = u->now,
	        .purpose = u->who->purpose};
	int rc = store_restricted_access_add(u->db, &row);
	u->opening[0] = '\0';
	return uc_db(u, rc);
}

int access_disclose_children(struct uc *u, json_t *list, char *ids, size_t n)
{
	static const char *const minimal[] = {
	        "id",       "given_names", "family_name", "date_of_birth", "gender",
	        "strength", "reasons",     "exact",       "band",          NULL};
	size_t used = 0, i;
	json_t *c;
	if (n)
		ids[0] = '\0';
	json_array_foreach(list, i, c)
	{
		const char *id = json_string_value(json_object_get(c, "id"));
		bool sees = false;
		int rc = id ? access_sees_child(u, id, &sees) : APP_OK;
		if (rc != APP_OK)
			return rc;
		if (access_disclosure_of(actor_scope(u->who), sees) == DISCLOSE_MINIMAL) {
			const char *key;
			json_t *v, *tmp;
			json_object_foreach_safe(c, tmp, key, v)
			{
				if (!uc_one_of(key, minimal))
					json_object_del(c, key);
			}
		}
		json_object_set_new(c, "visible", json_boolean(sees));
		if (id && used + strlen(id) + 2 < n)
			used += (size_t)snprintf(ids + used, n - used, "%s%s", used ? "," : "", id);
	}
	return APP_OK;
}

int access_route(struct uc *u, const char *child_id, const char *agency_type,
                 const char *borough_id, const char *kind, const char *reason)
{
	if (!borough_id || !*borough_id)
		return APP_OK;
	return uc_db(u, store_members_add_by_type(u->db, child_id, agency_type, borough_id, kind,
	                                          reason, u->now));
}

int access_note_filed(struct uc *u, const char *child_id, const char *what)
{
	if (!u->who->agency_id[0])
		return APP_OK;
	return uc_db(u, store_member_add(u->db, child_id, u->who->agency_id, MEMBER_FILED, what,
	                                 uc_user_id(u), u->now));
}

int app_actor_sees_child(struct db *db, const struct actor *who, const char *child_id, bool *sees,
                         struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*sees = false;
	if (!child_id || !id_valid(child_id, "ch"))
		return APP_OK;
	bool own = !db_in_tx(db); /* inside a caller's transaction, read in it */
	if (own && db_begin_read(db) != DB_OK)
		return app_db_fail(err, db, DB_E_ERROR);
	int rc = access_sees_child(&u, child_id, sees);
	if (own)
		db_rollback(db);
	return rc;
}

/* ---- case membership ---- */

/* Reads {"agency", "reason"} and finds the agency; fills agency_id and its name. */
static int member_input(struct uc *u, json_t *in, const char **reason, char agency_id[32],
                        char agency_name[160])
{
	static const char *const allowed[] = {"agency", "reason", NULL};
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The details must be a JSON object.");
	app_json_only(in, allowed, u->err);
	const char *agency = app_json_str(in, "agency", true, 160, false, u->err);
	*reason = app_json_str(in, "reason", false, 600, true, u->err);
	if (u->err->code)
		return u->err->code;
	char type[32];
	int rc = store_agency_find(u->db, agency, agency_id, type);
	if (rc == DB_DONE) {
		app_field_error(u->err, "agency", "There is no agency of that name in Lantern.");
		return APP_INVALID;
	}
	if (rc != DB_ROW && rc != DB_OK)
		return uc_db(u, rc);
	return uc_db(u, store_agency_name(u->db, agency_id, agency_name, 160));
}

/* Opens a use case on child `id` that the actor must see: transaction and gate. */
static int open_on_child(struct uc *u, const char *id)
{
	if (!id_valid(id, "ch"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.");
	int rc = uc_begin(u);
	if (rc == APP_OK) {
		bool exists = false;
		rc = uc_db(u, store_child_exists(u->db, id, &exists));
		if (rc == APP_OK && !exists)
			rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.");
	}
	if (rc == APP_OK)
		rc = access_gate(u, id, "child", id, NULL, "No such child.");
	return rc;
}

/* A change of a case's members: `add` the agency named in `in`, or end its membership,
 * for the reason given, by an entitled role who sees the child (R-INFO-3). */
static int member_change(struct db *db, const struct actor *who, const char *id, json_t *in,
                         bool add, json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	const char *reason = NULL;
	char agency_id[32], agency_name[160];
	struct proto_err pe;
	int rc = open_on_child(&u, id);
	if (rc == APP_OK)
		rc = member_input(&u, in, &reason, agency_id, agency_name);
	if (rc == APP_OK && access_member_validate(who->roles, who->system, reason, &pe) < 0)
		rc = pe.field ? uc_proto_refused(&u, &pe)
		              : app_fail(err, APP_FORBIDDEN, pe.rule, "%s", pe.message);
	int src = rc != APP_OK ? DB_OK
	          : add ? store_member_add(db, id, agency_id, MEMBER_ADDED, reason, uc_user_id(&u),
	                                   u.now)
	                : store_member_end(db, id, agency_id, u.now);
	if (rc == APP_OK)
		rc = src == DB_DONE
		             ? app_fail(err, APP_CONFLICT, NULL,
		                        "%s is not a member of this child's case.", agency_name)
		             : uc_db(&u, src);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, add ? "member_add" : "member_end", "child", id, NULL,
		                        agency_id));
	if (rc == APP_OK) {
		*out = add ? json_pack("{s:s, s:s, s:s, s:s}", "child_id", id, "agency_id",
		                       agency_id, "agency", agency_name, "kind", MEMBER_ADDED)
		           : json_pack("{s:s, s:s, s:s}", "child_id", id, "agency_id", agency_id,
		                       "ended_at", u.now_s);
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	}
	return uc_end(&u, rc, out);
}

int app_case_member_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	return member_change(db, who, id, in, true, out, err);
}

int app_case_member_end(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	return member_change(db, who, id, in, false, out, err);
}

int app_case_members(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = open_on_child(&u, id), src = DB_OK;
	json_t *members = rc == APP_OK ? store_members(db, id, &src) : NULL;
	json_t *grants = members ? store_access_grants_of_child(db, id, u.now, &src) : NULL;
	if (rc == APP_OK && (!members || !grants))
		rc = uc_db(&u, src);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "case_members", id, NULL, NULL));
	if (rc == APP_OK) {
		*out = json_pack("{s:s, s:O, s:O}", "child_id", id, "members", members, "grants",
		                 grants);
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	}
	json_decref(members);
	json_decref(grants);
	return uc_end(&u, rc, out);
}

/* ---- requests for access ---- */

int app_access_request(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"reason", "days", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (who->system || !access_may_file(who->roles, false))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot ask to see a record.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	if (!id_valid(id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	app_json_only(in, allowed, err);
	const char *reason = app_json_str(in, "reason", true, 600, true, err);
	json_t *dv = json_object_get(in, "days");
	int64_t days = json_is_integer(dv) ? json_integer_value(dv) : 0;
	if (dv && !json_is_null(dv) && !json_is_integer(dv))
		app_field_error(err, "days", "The number of days must be a whole number.");
	struct proto_err pe;
	if (!err->code && access_request_validate(reason, days, &pe) < 0)
		uc_proto_refused(&u, &pe);
	if (err->code)
		return err->code;
	if (!days)
		days = ACCESS_GRANT_DEFAULT_DAYS;
	char gid[ID_MAX];
	id_new("agr", gid);
	bool exists = false, sees = false;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = uc_db(&u, store_child_exists(db, id, &exists));
	if (rc == APP_OK && !exists)
		rc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (rc == APP_OK)
		rc = access_sees_child(&u, id, &sees);
	if (rc == APP_OK && sees)
		rc = app_fail(err, APP_CONFLICT, NULL, "You can already see this child's record.");
	if (rc == APP_OK)
		rc = uc_db(&u, store_access_grant_insert(db, gid, id, who->user_id, reason, days,
		                                         u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "access_request", "access_grant", gid, NULL, id));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:I, s:s}", "id", gid, "status", "requested", "days",
		                 (json_int_t)days, "requested_at", u.now_s);
	return uc_end(&u, rc, out);
}

/* Reads {"decision", "days"?, "note"} of a decision. */
static int decision_input(struct uc *u, json_t *in, const char **decision, int64_t *days,
                          const char **note)
{
	static const char *const allowed[] = {"decision", "days", "note", NULL};
	static const char *const decisions[] = {"grant", "refuse", NULL};
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, allowed, u->err);
	*decision = app_json_str(in, "decision", true, 16, false, u->err);
	*note = app_json_str(in, "note", false, GRANT_NOTE_MAX, true, u->err);
	json_t *dv = json_object_get(in, "days");
	*days = json_is_integer(dv) ? json_integer_value(dv) : 0;
	if (dv && !json_is_null(dv) && !json_is_integer(dv))
		app_field_error(u->err, "days", "The number of days must be a whole number.");
	if (*decision && !uc_one_of(*decision, decisions))
		app_field_error(u->err, "decision", "Choose whether to grant or refuse access.");
	if (*days < 0 || *days > ACCESS_GRANT_MAX_DAYS)
		app_field_error(u->err, "days", "Access can be granted for at most %d days.",
		                ACCESS_GRANT_MAX_DAYS);
	return u->err->code;
}

int app_access_decide(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	const char *decision = NULL, *note = NULL;
	int64_t days = 0;
	if (!id_valid(id, "agr"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such request for access.");
	if (decision_input(&u, in, &decision, &days, &note) != APP_OK)
		return err->code;
	struct access_grant_row g;
	struct proto_err pe;
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int src = store_access_grant_get(db, id, &g);
		rc = src == DB_DONE
		             ? app_fail(err, APP_NOT_FOUND, NULL, "No such request for access.")
		     : src == DB_ROW ? APP_OK
		                     : uc_db(&u, src);
	}
	if (rc == APP_OK &&
	    access_decider_validate(who->system ? ACCESS_ROLES_GRANT_DECIDER : who->roles,
	                            uc_user_id(&u), g.user_id, &pe) < 0)
		rc = app_fail(err, APP_FORBIDDEN, pe.rule, "%s", pe.message);
	bool grant = rc == APP_OK && strcmp(decision, "grant") == 0;
	if (!days)
		days = g.days;
	int64_t ends = u.now + days * DAY;
	if (rc == APP_OK) {
		struct store_access_decision d = {.id = id,
		                                  .from = "requested",
		                                  .status = grant ? "granted" : "refused",
		                                  .decided_by = uc_user_id(&u),
		                                  .note = note,
		                                  .at = u.now,
		                                  .starts = grant ? u.now : 0,
		                                  .ends = grant ? ends : 0};
		int src = store_access_grant_decide(db, &d);
		rc = src == DB_DONE ? app_fail(err, APP_CONFLICT, NULL,
		                               "This request has already been decided.")
		                    : uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, grant ? "access_grant" : "access_refuse",
		                        "access_grant", id, NULL, g.child_id));
	if (rc == APP_OK) {
		char e[LT_TIME_LEN];
		ltime_format(ends, e);
		*out = json_pack("{s:s, s:s, s:s?}", "id", id, "status",
		                 grant ? "granted" : "refused", "ends_at", grant ? e : NULL);
	}
	return uc_end(&u, rc, out);
}

int app_access_end(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	static const char *const allowed[] = {"note", NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!id_valid(id, "agr"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such grant of access.");
	if (in && !json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The details must be a JSON object.");
	if (in)
		app_json_only(in, allowed, err);
	const char *note = in ? app_json_str(in, "note", false, GRANT_NOTE_MAX, true, err) : NULL;
	if (err->code)
		return err->code;
	struct access_grant_row g;
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int src = store_access_grant_get(db, id, &g);
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such grant of access.")
		     : src == DB_ROW ? APP_OK
		                     : uc_db(&u, src);
	}
	bool holder = rc == APP_OK && strcmp(g.user_id, who->user_id) == 0;
	if (rc == APP_OK && !holder && !who->system &&
	    !actor_has(who, ACCESS_ROLES_GRANT_DECIDER)) {
		/* somebody else's grant reads exactly like one that does not exist */
		uc_refuse(&u, "access_grant", id, NULL, "not the holder or a decider");
		rc = app_fail(err, APP_NOT_FOUND, NULL, "No such grant of access.");
	}
	const char *from =
	        rc == APP_OK && strcmp(g.status, "requested") == 0 ? "requested" : "granted";
	if (rc == APP_OK) {
		struct store_access_decision d = {
		        .id = id,
		        .from = from,
		        .status = strcmp(from, "requested") == 0 ? "withdrawn" : "ended",
		        .decided_by = uc_user_id(&u),
		        .note = note,
		        .at = u.now};
		int src = store_access_grant_decide(db, &d);
		rc = src == DB_DONE ? app_fail(err, APP_CONFLICT, NULL,
		                               "This grant has already ended or was refused.")
		                    : uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "access_end", "access_grant", id, NULL, g.child_id));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s}", "id", id, "status",
		                 strcmp(from, "requested") == 0 ? "withdrawn" : "ended");
	return uc_end(&u, rc, out);
}

int app_access_requests(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	bool decider = who->system || actor_has(who, ACCESS_ROLES_GRANT_DECIDER);
	if (!decider && !access_may_file(who->roles, false))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role has no requests for access.");
	int rc = uc_begin(&u), src = DB_OK;
	json_t *items = NULL;
	if (rc == APP_OK) {
		items = decider ? store_access_grants_pending(db, 200, &src)
		                : store_access_grants_of_user(db, who->user_id, 200, &src);
		if (!items)
			rc = uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "access_requests", NULL, NULL,
		                        decider ? "pending" : "own"));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:o}", "scope", decider ? "pending" : "own", "items",
		                 items);
	else
		json_decref(items);
	return uc_end(&u, rc, out);
}
