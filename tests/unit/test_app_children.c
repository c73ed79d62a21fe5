/*
 * test_app_children.c: app_child_add, app_child_get and app_child_find against a real
 * (in-memory) database: the R-REC-1 candidate check before creating a child, R-DEF-1 on
 * dates of birth, R-DEF-5 risk groups, bad input, and the audit events.
 */
#include "app_fixture.h"

static int add(struct fx *f, const char *username, json_t *in, json_t **out, struct app_err *err)
{
	struct actor a = fx_actor(f, username);
	memset(err, 0, sizeof(*err));
	*out = NULL;
	int rc = app_child_add(f->db, &a, NULL, in, out, err);
	json_decref(in);
	return rc;
}

static void must_add(struct fx *f, json_t *in, char id[ID_MAX])
{
	json_t *out;
	struct app_err err;
	int rc = add(f, "nurse.hill", in, &out, &err);
	if (rc != APP_OK)
		fail_msg("child refused (%d): %s [%s]", rc, err.message,
		         err.nfields ? err.fields[0].message : "");
	snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
}

static bool has_candidate(json_t *out, const char *id)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(out, "candidates"), i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			return json_array_size(json_object_get(c, "reasons")) > 0;
	}
	return false;
}

static void test_R_REC_1_child_add_nickname_same_dob_returns_candidates(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	must_add(f, fx_child("Katherine", "Szczepanski", "2011-04-04"), id);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *out;
	struct app_err err;
	assert_int_equal(
	        add(f, "nurse.hill", fx_child("Kate", "Szczepanski", "2011-04-04"), &out, &err),
	        APP_CONFLICT);
	assert_string_equal(err.rule, "R-REC-1");
	assert_true(has_candidate(out, id));
	json_decref(out);
	/* a misspelt family name */
	assert_int_equal(
	        add(f, "nurse.hill", fx_child("Katherine", "Sczepanski", "2011-04-04"), &out, &err),
	        APP_CONFLICT);
	assert_true(has_candidate(out, id));
	json_decref(out);
	/* an alias recorded on the child finds them too */
	char id2[ID_MAX];
	json_t *c = fx_child("Abimbola", "Fairclough", "2012-02-14");
	json_object_set_new(
	        c, "other_names",
	        json_pack("[{s:s, s:s}]", "name", "Bimbo Fairclough", "kind", "nickname"));
	must_add(f, c, id2);
	fx_counts(f, before);
	assert_int_equal(
	        add(f, "nurse.hill", fx_child("Bimbo", "Fairclough", "2012-02-14"), &out, &err),
	        APP_CONFLICT);
	assert_true(has_candidate(out, id2));
	/* R-INFO-3: the nurse does not see that child: names and date of birth only */
	json_t *cand = json_array_get(json_object_get(out, "candidates"), 0);
	assert_non_null(json_object_get(cand, "given_names"));
	assert_null(json_object_get(cand, "record_ref"));
	assert_null(json_object_get(cand, "residence_borough"));
	json_decref(out);
	/* nothing created, but the disclosure of the candidates is audited (R-INFO-2) */
	fx_assert_only_audited(f, before, "disclose", 1);
}

static void test_R_REC_1_child_add_confirm_new_creates(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX], id2[ID_MAX];
	must_add(f, fx_child("Marguerite", "Oduya", "2011-05-05"), id);
	json_t *c = fx_child("Marguerite", "Oduya", "2011-05-05");
	json_object_set_new(c, "confirm_new", json_true());
	must_add(f, c, id2);
	assert_string_not_equal(id, id2);
	/* a clearly different child needs no confirmation */
	char id3[ID_MAX];
	must_add(f, fx_child("Bartholomew", "Quarshie", "2013-12-01"), id3);
}

static void test_R_REC_1_same_nhs_number_conflicts(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	json_t *c = fx_child("Henrietta", "Valdez", "2012-07-07");
	json_object_set_new(c, "nhs_number", json_string("943 476 5919"));
	must_add(f, c, id);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	c = fx_child("Ruth", "Unrelated", "2013-01-01");
	json_object_set_new(c, "nhs_number", json_string("9434765919"));
	json_object_set_new(c, "confirm_new", json_true());
	json_t *out;
	struct app_err err;
	assert_int_equal(add(f, "nurse.hill", c, &out, &err), APP_CONFLICT);
	assert_string_equal(err.rule, "R-REC-1");
	json_decref(out);
	fx_assert_counts_unchanged(f, before);
	/* a bad check digit */
	c = fx_child("Ruth", "Unrelated", "2013-01-01");
	json_object_set_new(c, "nhs_number", json_string("9434765918"));
	assert_int_equal(add(f, "nurse.hill", c, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "nhs_number"));
}

static void test_R_DEF_1_date_of_birth_checks(void **state)
{
	struct fx *f = *state;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	const char *bad[] = {"2026-03-11", "2030-01-01", "2008-03-10", "1990-01-01", "2011-02-30",
	                     "2011-13-01", "11-02-2011", "2011-2-3",   "2011-02-03x"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		json_t *out;
		struct app_err err;
		int rc = add(f, "nurse.hill", fx_child("Agatha", "Moorcroft", bad[i]), &out, &err);
		if (rc != APP_INVALID || !fx_field(&err, "date_of_birth"))
			fail_msg("date of birth %s: got %d (%s)", bad[i], rc, err.message);
		json_decref(out);
	}
	fx_assert_counts_unchanged(f, before);
	/* 17 and turning 18 tomorrow; born today; leap day */
	char id[ID_MAX];
	must_add(f, fx_child("Agatha", "Moorcroft", "2008-03-11"), id);
	must_add(f, fx_child("Baby", "Moorcroft-Lane", "2026-03-10"), id);
	must_add(f, fx_child("Leap", "Dayborn", "2012-02-29"), id);
}

static void test_R_DEF_5_risk_groups(void **state)
{
	struct fx *f = *state;
	json_t *c = fx_child("Cressida", "Hawthorne", "2011-09-09");
	json_object_set_new(c, "risk_groups", json_pack("[s]", "no_such_group"));
	json_t *out;
	struct app_err err;
	assert_int_equal(add(f, "nurse.hill", c, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "risk_groups"));
}

static void expect_invalid(struct fx *f, json_t *in, const char *field)
{
	json_t *out;
	struct app_err err;
	int rc = add(f, "nurse.hill", in, &out, &err);
	if (rc != APP_INVALID)
		fail_msg("expected APP_INVALID for %s, got %d", field ? field : "(none)", rc);
	assert_null(out);
	if (field && !fx_field(&err, field))
		fail_msg("no field error for %s: %s", field, err.message);
}

static void test_child_add_bad_input_refused(void **state)
{
	struct fx *f = *state;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *c;

	expect_invalid(f, json_string("Jane Doe"), NULL);
	expect_invalid(f, json_object(), "given_names");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "given_names", json_integer(5));
	expect_invalid(f, c, "given_names");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "looked_after", json_string("true"));
	expect_invalid(f, c, "looked_after");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "gender", json_string("robot"));
	expect_invalid(f, c, "gender");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "favourite_food", json_string("chips"));
	expect_invalid(f, c, "(unknown)");

	char big[102];
	memset(big, 'x', 101);
	big[101] = '\0';
	c = fx_child(big, "Ravenscroft", "2011-01-01");
	expect_invalid(f, c, "given_names");

	/* 100 characters of two-byte UTF-8 (200 bytes) are within a 100-character cap */
	char wide[201];
	for (int i = 0; i < 100; i++) {
		wide[2 * i] = (char)0xc3;
		wide[2 * i + 1] = (char)0xa9;
	}
	wide[200] = '\0';
	char id[ID_MAX];
	json_t *ok = fx_child("Eloise", wide, "2011-01-01");
	json_object_set_new(ok, "confirm_new", json_true());
	must_add(f, ok, id);
	fx_counts(f, before);

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "family_name", json_stringn("Raven\0croft", 11));
	expect_invalid(f, c, "family_name");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "family_name", json_string("Raven\ncroft"));
	expect_invalid(f, c, "family_name");

	/* invalid UTF-8 never gets this far: the parser refuses it */
	json_error_t je;
	assert_null(json_loads("{\"given_names\": \"\xff\xfe\", \"family_name\": \"X\"}", 0, &je));

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "other_names", json_string("Ellie"));
	expect_invalid(f, c, "other_names");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(
	        c, "addresses",
	        json_pack("[{s:s, s:s}]", "address", "1 Example Road", "postcode", "NOTAPC"));
	expect_invalid(f, c, "addresses");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "addresses",
	                    json_pack("[{s:s, s:s, s:s}]", "address", "1 Example Road", "postcode",
	                              "NW1 2AB", "from", "2020-02-31"));
	expect_invalid(f, c, "addresses");

	c = fx_child("Eloise", "Ravenscroft", "2011-01-01");
	json_object_set_new(c, "residence_borough", json_string("Narnia"));
	json_object_set_new(c, "confirm_new", json_true());
	expect_invalid(f, c, "residence_borough");

	fx_assert_counts_unchanged(f, before);
}

static void test_child_add_forbidden_for_auditor(void **state)
{
	struct fx *f = *state;
	json_t *out;
	struct app_err err;
	assert_int_equal(add(f, "aud.king", fx_child("Zara", "Whitlock", "2012-01-01"), &out, &err),
	                 APP_FORBIDDEN);
}

static void test_R_INFO_2_child_add_get_and_search_are_audited(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	json_t *c = fx_child("Theodora", "Eckersley", "2012-03-03");
	json_object_set_new(
	        c, "addresses",
	        json_pack("[{s:s, s:s}]", "address", "12 Sample Street", "postcode", "nw12ab"));
	json_object_set_new(c, "risk_groups", json_pack("[s]", "looked_after"));
	must_add(f, c, id);
	assert_int_equal(fx_audit_count(f, "create", id), 1);
	struct actor nurse = fx_actor(f, "nurse.hill"), mash = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	/* R-INFO-3: creating the child's details does not open them to the nurse again;
	 * the refusal is audited */
	assert_int_equal(app_child_get(f->db, &nurse, id, NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "refused", id), 1);
	assert_int_equal(app_child_get(f->db, &mash, id, NULL, &out, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "family_name")), "Eckersley");
	json_t *addr = json_array_get(json_object_get(out, "addresses"), 0);
	assert_string_equal(json_string_value(json_object_get(addr, "postcode")), "NW1 2AB");
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "view", id), 1);
	/* an id of the wrong shape */
	assert_int_equal(app_child_get(f->db, &nurse, "rec_123", NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(
	        app_child_get(f->db, &nurse, "'; DROP TABLE children; --", NULL, &out, &err),
	        APP_NOT_FOUND);
	/* a search is audited too, with who searched but not what for */
	int64_t searches = 0, after = 0;
	const char *count = "SELECT count(*) FROM audit_events WHERE action = 'search'";
	assert_int_equal(db_query_int64(f->db, &searches, count, ""), DB_OK);
	json_t *q = json_pack("{s:s, s:s}", "name", "Theodora Eckersley", "date_of_birth",
	                      "2012-03-03");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_child_find(f->db, &nurse, NULL, q, &out, &err), APP_OK);
	json_decref(q);
	json_decref(out);
	assert_int_equal(db_query_int64(f->db, &after, count, ""), DB_OK);
	assert_int_equal(after, searches + 1);
	fx_assert_audit_intact(f);
}

static void test_child_find(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	must_add(f, fx_child("Winifred", "Abernathy-Lowe", "2010-12-12"), id);
	struct actor nurse = fx_actor(f, "nurse.hill");
	struct app_err err = {0};
	json_t *out = NULL;
	int64_t events = fx_count(f, "audit_events");
	json_t *in = json_pack("{s:s, s:s}", "name", "Winnie Abernathy-Lowe", "date_of_birth",
	                       "2010-12-12");
	assert_int_equal(app_child_find(f->db, &nurse, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	bool found = false;
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(out, "results"), i, r)
	{
		found |= strcmp(json_string_value(json_object_get(r, "id")), id) == 0;
		assert_null(json_object_get(r, "nhs_number"));
	}
	assert_true(found);
	json_decref(out);
	assert_int_equal(fx_count(f, "audit_events"), events + 1);
	/* nothing to search for */
	memset(&err, 0, sizeof err);
	in = json_object();
	assert_int_equal(app_child_find(f->db, &nurse, NULL, in, &out, &err), APP_INVALID);
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s}", "surname", "Abernathy");
	assert_int_equal(app_child_find(f->db, &nurse, NULL, in, &out, &err), APP_INVALID);
	json_decref(in);
	/* an auditor may not search children */
	struct actor aud = fx_actor(f, "aud.king");
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s}", "name", "Winifred Abernathy-Lowe");
	assert_int_equal(app_child_find(f->db, &aud, NULL, in, &out, &err), APP_FORBIDDEN);
	json_decref(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_REC_1_child_add_nickname_same_dob_returns_candidates),
	        cmocka_unit_test(test_R_REC_1_child_add_confirm_new_creates),
	        cmocka_unit_test(test_R_REC_1_same_nhs_number_conflicts),
	        cmocka_unit_test(test_R_DEF_1_date_of_birth_checks),
	        cmocka_unit_test(test_R_DEF_5_risk_groups),
	        cmocka_unit_test(test_child_add_bad_input_refused),
	        cmocka_unit_test(test_child_add_forbidden_for_auditor),
	        cmocka_unit_test(test_R_INFO_2_child_add_get_and_search_are_audited),
	        cmocka_unit_test(test_child_find),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
