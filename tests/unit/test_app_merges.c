/*
 * test_app_merges.c: app_child_merge, app_child_unmerge and app_child_merges against a
 * real (in-memory) database: R-REC-1 (a person merges two children; the role rule; two
 * different children, a reason; not twice, not a merged child), the gate on both
 * children (404 as if absent, audited), refusals audited and nothing half-written, the
 * merged child hidden from lists and search and shown under the survivor, and an undo
 * that leaves both children as before.
 */
#include "app_fixture.h"

#include "app/access.h"
#include "app/merges.h"

static int merge(struct fx *f, const char *username, const char *surv, const char *merged,
                 const char *reason, json_t **out, struct app_err *err)
{
	struct actor a = username ? fx_actor(f, username) : f->sys;
	json_t *in = json_pack("{s:s?, s:s?}", "merged_child_id", merged, "reason", reason);
	int rc = app_child_merge(f->db, &a, surv, in, out, err);
	json_decref(in);
	return rc;
}

static int unmerge(struct fx *f, const char *username, const char *id, const char *reason,
                   json_t **out, struct app_err *err)
{
	struct actor a = username ? fx_actor(f, username) : f->sys;
	json_t *in = json_pack("{s:s?}", "reason", reason);
	int rc = app_child_unmerge(f->db, &a, id, in, out, err);
	json_decref(in);
	return rc;
}

static int64_t merges_in_force(struct fx *f)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM child_merges WHERE undone_at IS NULL",
	                                ""),
	                 DB_OK);
	return n;
}

/* Whether the children list seen by `username` holds child `id`. */
static bool listed(struct fx *f, const char *username, const char *id)
{
	struct actor a = fx_actor(f, username);
	json_t *in = json_pack("{s:i}", "limit", 200), *out = NULL;
	struct app_err err;
	assert_int_equal(app_children_list(f->db, &a, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	bool found = false;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(out, "children"), i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			found = true;
	}
	json_decref(out);
	return found;
}

/* Whether a search by the record reference `ref` finds child `id`. */
static bool found_by_ref(struct fx *f, const char *ref, const char *id)
{
	struct actor a = fx_actor(f, "mash.fry");
	json_t *in = json_pack("{s:s}", "record_ref", ref), *out = NULL;
	struct app_err err;
	assert_int_equal(app_child_find(f->db, &a, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	bool found = false;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(out, "results"), i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			found = true;
	}
	json_decref(out);
	return found;
}

/* R-REC-1: a MASH worker merges two children; both stay, the merged one is hidden from
 * lists and search and shown under the survivor; undoing restores both exactly. */
static void test_R_REC_1_merge_and_undo(void **state)
{
	struct fx *f = *state;
	char ref_a[32], ref_b[32], a[ID_MAX], b[ID_MAX];
	fx_new_record(f, "mash.fry", "Keira", "Oduya", "2011-04-02", ref_a, a);
	fx_new_record(f, "mash.fry", "Kiera", "Oduya-Bell", "2011-04-02", ref_b, b);
	assert_true(listed(f, "mash.fry", b));
	assert_true(found_by_ref(f, ref_b, b));
	int64_t children = fx_count(f, "children"), records = fx_count(f, "records");
	int64_t audits = fx_audit_count(f, "merge", NULL);
	json_t *out = NULL;
	struct app_err err;
	/* by the other child's record reference */
	assert_int_equal(
	        merge(f, "mash.fry", a, ref_b, "Same school, same date of birth.", &out, &err),
	        APP_OK);
	char mid[ID_MAX];
	snprintf(mid, sizeof mid, "%s", json_string_value(json_object_get(out, "id")));
	assert_string_equal(json_string_value(json_object_get(out, "merged_child_id")), b);
	assert_string_equal(json_string_value(json_object_get(out, "surviving_child_id")), a);
	json_decref(out);
	/* nothing deleted, nothing rewritten; audited on both children */
	assert_int_equal(fx_count(f, "children"), children);
	assert_int_equal(fx_count(f, "records"), records);
	assert_int_equal(fx_audit_count(f, "merge", NULL), audits + 2);
	assert_int_equal(fx_audit_count(f, "merge", b), 1);
	assert_false(listed(f, "mash.fry", b));
	assert_true(listed(f, "mash.fry", a));
	assert_false(found_by_ref(f, ref_b, b));
	/* the survivor's view names the merged child and its record */
	struct actor m = fx_actor(f, "mash.fry");
	assert_int_equal(app_child_get(f->db, &m, a, NULL, &out, &err), APP_OK);
	json_t *kids = json_object_get(out, "merged_children");
	assert_int_equal(json_array_size(kids), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(kids, 0), "child_id")),
	                    b);
	assert_string_equal(
	        json_string_value(json_object_get(json_array_get(kids, 0), "record_ref")), ref_b);
	assert_true(json_is_null(json_object_get(out, "merged_into")));
	json_decref(out);
	assert_int_equal(app_child_get(f->db, &m, b, NULL, &out, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "merged_into")), a);
	json_decref(out);
	/* the list of merges, for either child */
	assert_int_equal(app_child_merges(f->db, &m, b, NULL, &out, &err), APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "merges")), 1);
	assert_true(json_is_true(json_object_get(out, "may_merge")));
	json_decref(out);
	/* undo */
	assert_int_equal(unmerge(f, "ps.dunn", mid, "Two different children: checked.", &out, &err),
	                 APP_OK);
	assert_false(json_is_null(json_object_get(out, "undone_at")));
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "unmerge", a), 1);
	assert_int_equal(fx_audit_count(f, "unmerge", b), 1);
	assert_true(listed(f, "mash.fry", b));
	assert_true(found_by_ref(f, ref_b, b));
	assert_int_equal(merges_in_force(f), 0);
	assert_int_equal(app_child_get(f->db, &m, a, NULL, &out, &err), APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "merged_children")), 0);
	json_decref(out);
	/* undone twice: conflict, nothing written but the refusal */
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(unmerge(f, "mash.fry", mid, "Again.", &out, &err), APP_CONFLICT);
	assert_null(out);
	fx_assert_counts_unchanged(f, before);
	/* merged again after the undo */
	assert_int_equal(merge(f, "mash.fry", a, b, "Same child after all.", &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(merges_in_force(f), 1);
}

/* R-REC-1: not into itself, not twice, not a merged child, not into a merged child. */
static void test_R_REC_1_merge_refusals(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], c[ID_MAX];
	fx_new_record(f, "mash.fry", "Lowenna", "Trask", "2012-01-09", NULL, a);
	fx_new_record(f, "mash.fry", "Lowena", "Trask", "2012-01-09", NULL, b);
	fx_new_record(f, "mash.fry", "Lowenna", "Trasck", "2012-01-09", NULL, c);
	json_t *out = NULL;
	struct app_err err;
	int64_t before[FX_NTABLES];
	int64_t n = merges_in_force(f);
	fx_counts(f, before);
	assert_int_equal(merge(f, "mash.fry", a, a, "Same.", &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "merged_child_id"));
	assert_null(out);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(merge(f, "mash.fry", a, b, NULL, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "reason"));
	assert_int_equal(merge(f, "mash.fry", a, b, "She is promiscuous.", &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "reason"));
	assert_int_equal(merge(f, "mash.fry", a, NULL, "Same.", &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "merged_child_id"));
	assert_int_equal(merge(f, "mash.fry", a, "ch-nosuchchild", "Same.", &out, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(merge(f, "mash.fry", a, "NOT-A-REF", "Same.", &out, &err), APP_NOT_FOUND);
	assert_true(fx_field(&err, "merged_child_id"));
	assert_int_equal(merges_in_force(f), n);
	assert_int_equal(merge(f, "mash.fry", a, b, "Same.", &out, &err), APP_OK);
	json_decref(out);
	fx_counts(f, before);
	/* twice */
	assert_int_equal(merge(f, "mash.fry", a, b, "Same.", &out, &err), APP_CONFLICT);
	/* a merged child into another */
	assert_int_equal(merge(f, "mash.fry", c, b, "Same.", &out, &err), APP_CONFLICT);
	/* into a merged child */
	assert_int_equal(merge(f, "mash.fry", b, c, "Same.", &out, &err), APP_CONFLICT);
	/* a survivor into another child */
	assert_int_equal(merge(f, "mash.fry", c, a, "Same.", &out, &err), APP_CONFLICT);
	assert_null(out);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(merges_in_force(f), n + 1);
	/* bad input */
	struct actor m = fx_actor(f, "mash.fry");
	json_t *in =
	        json_pack("{s:s, s:s, s:s}", "merged_child_id", c, "reason", "x", "extra", "y");
	assert_int_equal(app_child_merge(f->db, &m, a, in, &out, &err), APP_INVALID);
	json_decref(in);
	assert_int_equal(app_child_merge(f->db, &m, a, NULL, &out, &err), APP_INVALID);
	assert_int_equal(unmerge(f, "mash.fry", "mrg-nosuchmerge", "x", &out, &err), APP_NOT_FOUND);
	assert_int_equal(unmerge(f, "mash.fry", "garbage", "x", &out, &err), APP_NOT_FOUND);
}

/* R-REC-1: only a MASH worker, a CSC manager or a police supervisor merges; a refusal is
 * audited and writes nothing else. */
static void test_R_REC_1_merge_role_refused_and_audited(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX];
	fx_new_record(f, "mash.fry", "Perpetua", "Vane", "2010-06-30", NULL, a);
	fx_new_record(f, "mash.fry", "Perpetua", "Vayne", "2010-06-30", NULL, b);
	static const char *const users[] = {"pc.ames",  "sw.green",   "nurse.hill",
	                                    "aud.king", "admin.moss", "at.lewis"};
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		int64_t before[FX_NTABLES];
		fx_counts(f, before);
		json_t *out = NULL;
		struct app_err err;
		assert_int_equal(merge(f, users[i], a, b, "Same.", &out, &err), APP_FORBIDDEN);
		assert_string_equal(err.rule, "R-REC-1");
		assert_null(out);
		fx_assert_only_audited(f, before, "refused", 1);
		fx_counts(f, before);
		assert_int_equal(unmerge(f, users[i], "mrg-x", "x", &out, &err), APP_FORBIDDEN);
		fx_assert_only_audited(f, before, "refused", 1);
	}
}

/* R-INFO-2: the actor must see both children; a child not there (or not seen: every
 * role that merges is partnership-wide, R-INFO-3) answers 404, and the refusal is
 * audited. A merge of a child the actor cannot find is not there for them either. */
static void test_R_INFO_2_merge_needs_both_children_found(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX];
	fx_new_record(f, "nurse.hill", "Oriel", "Gathon", "2011-11-11", NULL, a);
	char absent[ID_MAX];
	id_new("ch", absent); /* a well-formed id no child has */
	json_t *out = NULL;
	struct app_err err;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(merge(f, "ps.dunn", a, absent, "Same.", &out, &err), APP_NOT_FOUND);
	assert_null(out);
	fx_assert_only_audited(f, before, "refused", 1);
	fx_counts(f, before);
	assert_int_equal(merge(f, "ps.dunn", absent, a, "Same.", &out, &err), APP_NOT_FOUND);
	fx_assert_only_audited(f, before, "refused", 1);
	struct actor m = fx_actor(f, "ps.dunn");
	assert_int_equal(app_child_merges(f->db, &m, absent, NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(app_child_merges(f->db, &m, a, NULL, &out, &err), APP_OK);
	assert_int_equal(json_array_size(json_object_get(out, "merges")), 0);
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_REC_1_merge_and_undo),
	        cmocka_unit_test(test_R_REC_1_merge_refusals),
	        cmocka_unit_test(test_R_REC_1_merge_role_refused_and_audited),
	        cmocka_unit_test(test_R_INFO_2_merge_needs_both_children_found),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
