/*
 * merges.c: merging two children and undoing it (see merges.h). One transaction each:
 * refuse a role that does not merge (audited), read the input, pass the gate on both
 * children (404 as if absent, audited), check the protocol (R-REC-1: two different
 * children, a reason), refuse a child already merged either way, write the merge row and
 * audit it on both children.
 */
#include "app/merges.h"

#include "app/gate.h"
#include "app/uc.h"
#include "protocol/recording.h"
#include "store/children.h"
#include "store/merges.h"
#include "store/records.h"

#define MERGE_REASON_MAX PROTO_SHORT_MAX

bool app_may_merge_children(const struct actor *who)
{
	return who && (who->system || recording_may_merge(who->roles)); /* R-REC-1 */
}

/* Refuses an actor whose role does not merge (audited): APP_FORBIDDEN, or APP_OK. */
static int merge_role(struct uc *u, const char *type, const char *id)
{
	if (app_may_merge_children(u->who))
		return APP_OK;
	uc_refuse(u, type, id, NULL, "merge: role may not merge children (R-REC-1)");
	return app_fail(u->err, APP_FORBIDDEN, "R-REC-1",
	                "Only a MASH worker, a CSC manager or a police supervisor merges "
	                "children (R-REC-1).");
}

/* The child's id from a child id or a record reference, into out (n); "" when none. */
static int resolve_child(struct uc *u, const char *key, char *out, size_t n)
{
	out[0] = '\0';
	if (id_valid(key, "ch")) {
		snprintf(out, n, "%s", key);
		return APP_OK;
	}
	struct record_row r;
	int rc = store_record_get(u->db, key, &r);
	if (rc == DB_ROW && strcmp(r.reference, key) == 0)
		snprintf(out, n, "%s", r.child_id);
	else if (rc != DB_ROW && rc != DB_DONE)
		return uc_db(u, rc);
	return APP_OK;
}

/* The gate on child `id` with existence: APP_OK, or 404 (audited by the gate). */
static int gate_child(struct uc *u, const char *id)
{
	int rc = access_gate(u, id, "child", id, NULL, "No such child.");
	bool exists = false;
	if (rc == APP_OK && (rc = uc_db(u, store_child_exists(u->db, id, &exists))) == APP_OK &&
	    !exists) {
		uc_refuse(u, "child", id, NULL, "merge: no such child");
		rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.");
	}
	return rc;
}

/* The merge `id` as the answer into *out (NULL on failure). */
static int merge_out(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_merge_get(u->db, id, &rc);
	return *out ? APP_OK : uc_db(u, rc == DB_DONE ? DB_E_ERROR : rc);
}

/* Refuses a child that is merged into another (409), or (survivor) one that others are
 * merged into. */
static int not_merged(struct uc *u, const char *child, bool check_has, const char *what)
{
	char into[64];
	int rc = store_child_merged_into(u->db, child, into, sizeof into);
	if (rc == DB_OK)
		return app_fail(u->err, APP_CONFLICT, NULL,
		                "%s is already merged into another child (R-REC-1).", what);
	if (rc != DB_DONE)
		return uc_db(u, rc);
	bool has = false;
	if (check_has && (rc = uc_db(u, store_child_has_merged(u->db, child, &has))) != APP_OK)
		return rc;
	if (has)
		return app_fail(u->err, APP_CONFLICT, NULL,
		                "%s has other children merged into it: undo those merges first "
		                "(R-REC-1).",
		                what);
	return APP_OK;
}

static const char *const MERGE_FIELDS[] = {"merged_child_id", "reason", NULL};

int app_child_merge(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	bool valid = id_valid(id, "ch");
	int arc = merge_role(&u, "child", valid ? id : NULL);
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	if (!valid)
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such child."), out);
	if (!json_is_object(in))
		return uc_end(&u,
		              app_fail(err, APP_INVALID, NULL, "The merge must be a JSON object."),
		              out);
	app_json_only(in, MERGE_FIELDS, err);
	const char *key = app_json_str(in, "merged_child_id", true, ID_MAX, false, err);
	const char *reason = app_json_str(in, "reason", true, MERGE_REASON_MAX, true, err);
	if (err->code)
		return uc_end(&u, err->code, out);
	char merged[ID_MAX];
	arc = resolve_child(&u, key, merged, sizeof merged);
	if (arc == APP_OK && !merged[0]) {
		app_field_error(err, "merged_child_id",
		                "Give the other child's id or record reference.");
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	}
	struct proto_err pe;
	if (arc == APP_OK && recording_merge_validate(id, merged, reason, &pe) < 0)
		arc = uc_proto_refused(&u, &pe);
	if (arc == APP_OK)
		arc = gate_child(&u, id); /* R-INFO-2: the actor must see both children */
	if (arc == APP_OK)
		arc = gate_child(&u, merged);
	if (arc == APP_OK)
		arc = not_merged(&u, id, false, "This child");
	if (arc == APP_OK)
		arc = not_merged(&u, merged, true, "The other child");
	char mid[ID_MAX];
	if (arc == APP_OK) {
		id_new("mrg", mid);
		struct store_merge_new m = {.id = mid,
		                            .surviving_child_id = id,
		                            .merged_child_id = merged,
		                            .merged_by = uc_user_id(&u),
		                            .merged_by_name = who->display_name,
		                            .reason = reason,
		                            .merged_at = u.now};
		int rc = store_merge_insert(db, &m);
		arc = rc == DB_E_CONSTRAINT
		              ? app_fail(err, APP_CONFLICT, NULL,
		                         "The other child is already merged into another child "
		                         "(R-REC-1).")
		              : uc_db(&u, rc);
	}
	char fields[160], ref[24] = "";
	if (arc == APP_OK) {
		snprintf(fields, sizeof fields, "merge=%s,merged=%s", mid, merged);
		arc = uc_child_record_ref(&u, id, ref);
	}
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "merge", "child", id, ref[0] ? ref : NULL, fields));
	if (arc == APP_OK) {
		snprintf(fields, sizeof fields, "merge=%s,into=%s", mid, id);
		arc = uc_child_record_ref(&u, merged, ref);
	}
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "merge", "child", merged, ref[0] ? ref : NULL, fields));
	if (arc == APP_OK)
		arc = merge_out(&u, mid, out);
	return uc_end(&u, arc, out);
}

static const char *const UNDO_FIELDS[] = {"reason", NULL};

int app_child_unmerge(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	bool valid = id_valid(id, "mrg");
	int arc = merge_role(&u, "child_merge", valid ? id : NULL);
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	if (!valid)
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such merge."), out);
	if (!json_is_object(in))
		return uc_end(&u,
		              app_fail(err, APP_INVALID, NULL, "The undo must be a JSON object."),
		              out);
	app_json_only(in, UNDO_FIELDS, err);
	const char *reason = app_json_str(in, "reason", true, MERGE_REASON_MAX, true, err);
	if (err->code)
		return uc_end(&u, err->code, out);
	int rc;
	json_t *m = store_merge_get(db, id, &rc);
	if (!m)
		return uc_end(&u,
		              rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such merge.")
		                            : uc_db(&u, rc),
		              out);
	char surv[ID_MAX], merged[ID_MAX];
	snprintf(surv, sizeof surv, "%s",
	         json_string_value(json_object_get(m, "surviving_child_id")));
	snprintf(merged, sizeof merged, "%s",
	         json_string_value(json_object_get(m, "merged_child_id")));
	bool undone = !json_is_null(json_object_get(m, "undone_at"));
	json_decref(m);
	arc = gate_child(&u, surv);
	if (arc == APP_OK)
		arc = gate_child(&u, merged);
	if (arc != APP_OK) /* the merge of a child one does not see is not there */
		return uc_end(&u, app_fail(err, APP_NOT_FOUND, NULL, "No such merge."), out);
	struct proto_err pe;
	if (recording_merge_validate(NULL, NULL, reason, &pe) < 0)
		arc = uc_proto_refused(&u, &pe);
	if (arc == APP_OK && undone)
		arc = app_fail(err, APP_CONFLICT, NULL, "This merge has already been undone.");
	if (arc == APP_OK) {
		struct store_merge_undo_set un = {.id = id,
		                                  .by = uc_user_id(&u),
		                                  .by_name = who->display_name,
		                                  .reason = reason,
		                                  .at = u.now};
		rc = store_merge_undo(db, &un);
		arc = rc == DB_DONE ? app_fail(err, APP_CONFLICT, NULL,
		                               "This merge has already been undone.")
		                    : uc_db(&u, rc);
	}
	char ref[24] = "", fields[160];
	snprintf(fields, sizeof fields, "unmerge=%s,merged=%s", id, merged);
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, surv, ref);
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "unmerge", "child", surv, ref[0] ? ref : NULL, fields));
	snprintf(fields, sizeof fields, "unmerge=%s,from=%s", id, surv);
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, merged, ref);
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "unmerge", "child", merged, ref[0] ? ref : NULL, fields));
	if (arc == APP_OK)
		arc = merge_out(&u, id, out);
	return uc_end(&u, arc, out);
}

int app_child_merges(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!id_valid(id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	int arc = uc_begin(&u);
	if (arc == APP_OK)
		arc = gate_child(&u, id);
	int rc = DB_OK;
	json_t *list = arc == APP_OK ? store_merges_for_child(db, id, &rc) : NULL;
	if (arc == APP_OK && !list)
		arc = uc_db(&u, rc);
	char ref[24] = "";
	if (arc == APP_OK)
		arc = uc_child_record_ref(&u, id, ref);
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "view", "child_merges", id, ref[0] ? ref : NULL, "all"));
	if (arc == APP_OK)
		*out = json_pack("{s:s, s:O, s:b}", "child_id", id, "merges", list, "may_merge",
		                 app_may_merge_children(who));
	json_decref(list);
	return uc_end(&u, arc, out);
}

int merges_child_view(struct uc *u, const char *child_id, json_t *child)
{
	struct db *db = u->db;
	char into[64];
	int rc = store_child_merged_into(db, child_id, into, sizeof into);
	if (rc != DB_OK && rc != DB_DONE)
		return uc_db(u, rc);
	json_object_set_new(child, "merged_into", rc == DB_OK ? json_string(into) : json_null());
	json_t *list = store_merges_for_child(db, child_id, &rc);
	if (!list)
		return uc_db(u, rc);
	int arc = APP_OK;
	json_t *kids = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m)
	{
		const char *s = json_string_value(json_object_get(m, "surviving_child_id"));
		if (!json_is_null(json_object_get(m, "undone_at")) || !s ||
		    strcmp(s, child_id) != 0)
			continue;
		const char *mc = json_string_value(json_object_get(m, "merged_child_id"));
		char ref[24] = "";
		if (arc == APP_OK)
			arc = uc_child_record_ref(u, mc, ref);
		json_array_append_new(kids, json_pack("{s:O, s:s, s:O, s:s?}", "merge_id",
		                                      json_object_get(m, "id"), "child_id", mc,
		                                      "names", json_object_get(m, "merged_names"),
		                                      "record_ref", ref[0] ? ref : NULL));
	}
	json_decref(list);
	json_object_set_new(child, "merged_children", kids);
	return arc;
}

int merges_is_merged(struct db *db, const char *id, bool *merged)
{
	char into[64];
	int rc = store_child_merged_into(db, id, into, sizeof into);
	*merged = rc == DB_OK;
	return rc == DB_OK || rc == DB_DONE ? DB_OK : rc;
}
