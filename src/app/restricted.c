/*
 * restricted.c: restricting a child's record and reviewing break-glass openings
 * (restricted.h; R-INFO-3). Who may restrict and review, and the reason a restriction
 * needs, come from protocol/info.h.
 */
#include "app/restricted.h"

#include "app/record_common.h"
#include "protocol/info.h"
#include "protocol/language.h"
#include "store/records.h"

int app_record_restrict(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!who->system && !info_may_restrict(who->roles))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "restrict a record (R-INFO-3).");
	static const char *const allowed[] = {"restricted", "reason", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The request must be a JSON object.");
	app_json_only(in, allowed, err);
	json_t *flag = json_object_get(in, "restricted");
	if (!json_is_boolean(flag))
		app_field_error(err, "restricted",
		                "Say whether the record is restricted (true or false).");
	const char *reason = app_json_str(in, "reason", json_is_true(flag), 2000, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (reason && proto_text_check(reason, 2000, true, "R-INFO-3", "reason",
	                               "the reason for restricting the record", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	bool on = json_is_true(flag);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = load_record_as(&u, ref, &r, false);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           store_record_set_restricted(db, r.id, on, on ? reason : NULL, u.now));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "record", r.id, r.reference,
		                        on ? "restricted" : "unrestricted"));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:b}", "record_ref", r.reference, "restricted", on);
	return uc_end(&u, rc, out);
}

int app_restricted_access_review(struct db *db, const struct actor *who, const char *id, json_t *in,
                                 json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	static const char *const allowed[] = {"note", NULL};
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The review must be a JSON object.");
	app_json_only(in, allowed, err);
	const char *note = app_json_str(in, "note", true, 2000, true, err);
	if (err->code)
		return err->code;
	if (!who->system && !info_may_restrict(who->roles))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "review the opening of a restricted record (R-INFO-3).");
	if (!id || !id_valid(id, "rax"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	char opener[32], record_id[32];
	bool reviewed = false;
	int rc = store_restricted_access_get(db, id, opener, record_id, &reviewed);
	if (rc == DB_DONE)
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review."),
		              out);
	if (rc != DB_ROW)
		return uc_end(&u, uc_db(&u, rc), out);
	/* the reviewer's right is checked before anything about the opening is told */
	struct proto_err pe;
	if (!who->system && info_review_validate(who->roles, who->user_id, opener, &pe) < 0)
		return uc_end(&u, app_fail(err, APP_FORBIDDEN, "R-INFO-3", "%s", pe.message), out);
	if (reviewed)
		return uc_end(
		        &u, app_fail(err, APP_CONFLICT, NULL, "This opening was already reviewed."),
		        out);
	if (language_check(note, &pe) < 0)
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	rc = store_restricted_access_review(db, id, uc_user_id(&u), u.now, note);
	if (rc == DB_OK)
		rc = uc_audit(&u, "review", "restricted_access", id, NULL, "review_note");
	*out = json_pack("{s:s, s:b}", "id", id, "reviewed", 1);
	return uc_end(&u, rc == DB_OK ? APP_OK : uc_db(&u, rc), out);
}

bool app_may_restrict(const struct actor *who)
{
	return who->system || info_may_restrict(who->roles);
}

int app_record_restriction(struct db *db, const struct actor *who, const char *ref, json_t *in,
                           json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_restrict(who))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "restrict a record (R-INFO-3).");
	struct record_row r;
	char reason[2048] = "";
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = load_record_as(&u, ref, &r, false);
	if (rc == APP_OK)
		rc = uc_db(&u, store_record_restricted_reason(db, r.id, reason, sizeof reason));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "record", r.id, r.reference, "restriction"));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:b, s:s?}", "record_ref", r.reference, "restricted",
		                 r.restricted, "reason", r.restricted && reason[0] ? reason : NULL);
	return uc_end(&u, rc, out);
}

int app_restricted_access_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                              json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!app_may_restrict(who))
		return app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                "Only a police supervisor or a children's social care manager can "
		                "review the opening of a restricted record (R-INFO-3).");
	if (!id || !id_valid(id, "rax"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review.");
	int src = DB_OK;
	int rc = uc_begin(&u);
	if (rc == APP_OK && !(*out = store_restricted_access_view(db, id, &src)))
		rc = src == DB_DONE
		             ? app_fail(err, APP_NOT_FOUND, NULL, "No such opening to review.")
		             : uc_db(&u, src);
	if (rc == APP_OK) {
		const char *opener = json_string_value(json_object_get(*out, "user_id"));
		struct proto_err pe;
		bool may = who->system || info_review_validate(who->roles, who->user_id,
		                                               opener ? opener : "", &pe) == 0;
		json_object_set_new(
		        *out, "may_review",
		        json_boolean(may && json_is_null(json_object_get(*out, "reviewed_at"))));
		rc = uc_db(&u, uc_audit(&u, "view", "restricted_access", id,
		                        json_string_value(json_object_get(*out, "record_ref")),
		                        "opening"));
	}
	return uc_end(&u, rc, out);
}
