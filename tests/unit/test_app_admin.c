/*
 * test_app_admin.c: setting up a partnership (src/app/admin.h) against a real
 * (in-memory) database: boroughs, agencies and users with roles, who may do it, what
 * bad input gets, that passwords are stored only as argon2id hashes, that disabling a
 * user stops them, and that each change is audited.
 */
#include "app_fixture.h"

#include "store/users.h"

/* Runs fn with in (consumed) and returns its code; err filled. */
static int run(struct fx *f, app_uc *fn, const struct actor *who, json_t *in, json_t **out,
               struct app_err *err)
{
	json_t *o = NULL;
	memset(err, 0, sizeof(*err));
	int rc = fn(f->db, who, NULL, in, &o, err);
	json_decref(in);
	if (out)
		*out = o;
	else
		json_decref(o);
	assert_false(db_in_tx(f->db));
	return rc;
}

static void test_borough_add(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	json_t *out;
	int64_t events = fx_count(f, "audit_events");
	assert_int_equal(run(f, app_borough_add, &f->sys,
	                     json_pack("{s:s, s:s}", "name", "Southwark", "code", "SWK"), &out,
	                     &err),
	                 APP_OK);
	const char *id = json_string_value(json_object_get(out, "id"));
	assert_non_null(id);
	assert_int_equal(fx_audit_count(f, "create", id), 1);
	assert_int_equal(fx_count(f, "audit_events"), events + 1);
	json_decref(out);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	int64_t boroughs = fx_count(f, "boroughs");
	/* same name or same code */
	assert_int_equal(run(f, app_borough_add, &f->sys,
	                     json_pack("{s:s, s:s}", "name", "Southwark", "code", "SW2"), NULL,
	                     &err),
	                 APP_CONFLICT);
	assert_int_equal(run(f, app_borough_add, &f->sys,
	                     json_pack("{s:s, s:s}", "name", "Southwark Two", "code", "SWK"), NULL,
	                     &err),
	                 APP_CONFLICT);
	/* missing, wrong type, too long, unknown field, not an object */
	assert_int_equal(
	        run(f, app_borough_add, &f->sys, json_pack("{s:s}", "name", "Lambeth"), NULL, &err),
	        APP_INVALID);
	assert_true(fx_field(&err, "code"));
	assert_int_equal(run(f, app_borough_add, &f->sys,
	                     json_pack("{s:s, s:i}", "name", "Lambeth", "code", 7), NULL, &err),
	                 APP_INVALID);
	assert_int_equal(
	        run(f, app_borough_add, &f->sys,
	            json_pack("{s:s, s:s}", "name", "Lambeth", "code", "ABCDEFGHIJKLMNOPQ"), NULL,
	            &err),
	        APP_INVALID);
	assert_int_equal(run(f, app_borough_add, &f->sys,
	                     json_pack("{s:s, s:s, s:s}", "name", "Lambeth", "code", "LAM", "mayor",
	                               "Nobody"),
	                     NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "(unknown)"));
	assert_int_equal(
	        run(f, app_borough_add, &f->sys, json_pack("[s, s]", "Lambeth", "LAM"), NULL, &err),
	        APP_INVALID);
	assert_int_equal(
	        run(f, app_borough_add, &f->sys,
	            json_pack("{s:s%, s:s}", "name", "Lam\0beth", (size_t)8, "code", "LAM"), NULL,
	            &err),
	        APP_INVALID);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "boroughs"), boroughs);
}

static void test_admin_use_cases_need_an_administrator(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	const char *users[] = {"nurse.hill", "ps.dunn", "mash.fry", "aud.king"};
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	for (size_t i = 0; i < ARRAY_LEN(users); i++) {
		struct actor a = fx_actor(f, users[i]);
		assert_int_equal(run(f, app_borough_add, &a,
		                     json_pack("{s:s, s:s}", "name", "Greenwich", "code", "GRW"),
		                     NULL, &err),
		                 APP_FORBIDDEN);
		assert_int_equal(
		        run(f, app_agency_add, &a,
		            json_pack("{s:s, s:s}", "name", "Greenwich Police", "type", "police"),
		            NULL, &err),
		        APP_FORBIDDEN);
		assert_int_equal(run(f, app_user_add, &a,
		                     json_pack("{s:s, s:s, s:[s], s:s}", "username", "new.user",
		                               "agency", "Camden Police", "roles", "administrator",
		                               "password", FX_PASSWORD),
		                     NULL, &err),
		                 APP_FORBIDDEN);
		assert_int_equal(fx_user_disable(f, &a, "pc.brook", &err), APP_FORBIDDEN);
		json_t *out = NULL;
		assert_int_equal(app_user_list(f->db, &a, NULL, NULL, &out, &err), APP_FORBIDDEN);
	}
	fx_assert_counts_unchanged(f, before);
	/* an administrator user may */
	struct actor admin = fx_actor(f, "admin.moss");
	assert_int_equal(run(f, app_borough_add, &admin,
	                     json_pack("{s:s, s:s}", "name", "Greenwich", "code", "GRW"), NULL,
	                     &err),
	                 APP_OK);
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE user_id = $1"
	                                " AND action = 'create' AND entity_type = 'borough'",
	                                "s", admin.user_id),
	                 DB_OK);
	assert_int_equal(n, 1);
}

static void test_agency_add(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	json_t *out;
	assert_int_equal(run(f, app_agency_add, &f->sys,
	                     json_pack("{s:s, s:s, s:s}", "name", "Hackney Youth Offending Service",
	                               "type", "youth_offending", "borough", "HAC"),
	                     &out, &err),
	                 APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "borough_id")), f->hackney);
	json_decref(out);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	int64_t agencies = fx_count(f, "agencies");
	assert_int_equal(run(f, app_agency_add, &f->sys,
	                     json_pack("{s:s, s:s}", "name", "Hackney Youth Offending Service",
	                               "type", "youth_offending"),
	                     NULL, &err),
	                 APP_CONFLICT);
	assert_int_equal(run(f, app_agency_add, &f->sys,
	                     json_pack("{s:s, s:s}", "name", "Vigilantes Ltd", "type", "vigilante"),
	                     NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "type"));
	assert_int_equal(run(f, app_agency_add, &f->sys,
	                     json_pack("{s:s, s:s, s:s}", "name", "Atlantis Police", "type",
	                               "police", "borough", "Atlantis"),
	                     NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "borough"));
	assert_int_equal(run(f, app_agency_add, &f->sys,
	                     json_pack("{s:s, s:s, s:s}", "name", "Hackney Police", "type",
	                               "police", "motto", "none"),
	                     NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "(unknown)"));
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "agencies"), agencies);
	json_t *list = NULL;
	struct actor nurse = fx_actor(f, "nurse.hill");
	assert_int_equal(app_agency_list(f->db, &nurse, NULL, NULL, &list, &err), APP_OK);
	assert_true(json_array_size(list) >= 7);
	json_decref(list);
}

static json_t *user_in(const char *username, const char *agency, const char *role,
                       const char *password)
{
	return json_pack("{s:s, s:s, s:[s], s:s}", "username", username, "agency", agency, "roles",
	                 role, "password", password);
}

static void test_user_add(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	json_t *out;
	json_t *in = user_in("det.osei", "Camden Police", "police_officer", FX_PASSWORD);
	json_array_append_new(json_object_get(in, "roles"), json_string("police_supervisor"));
	json_object_set_new(in, "team", json_string("Camden CSE team"));
	assert_int_equal(run(f, app_user_add, &f->sys, in, &out, &err), APP_OK);
	assert_null(json_object_get(out, "password"));
	assert_null(json_object_get(out, "password_hash"));
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "create", id), 1);
	struct actor a = fx_actor(f, "det.osei");
	assert_true(actor_has(&a, ROLE_BIT(ROLE_POLICE_OFFICER)));
	assert_true(actor_has(&a, ROLE_BIT(ROLE_POLICE_SUPERVISOR)));
	assert_false(actor_has(&a, ROLE_BIT(ROLE_ADMINISTRATOR)));
	assert_string_equal(a.agency_type, "police");
	assert_string_equal(a.borough_id, f->camden);
	assert_string_equal(a.team, "Camden CSE team");
	/* the password is kept only as an argon2id hash */
	struct user_row u;
	assert_int_equal(store_user_get(f->db, "det.osei", &u), DB_ROW);
	assert_int_equal(strncmp(u.password_hash, "$argon2id$", 10), 0);
	assert_null(strstr(u.password_hash, FX_PASSWORD));
	/* listed without the hash */
	json_t *list = NULL;
	assert_int_equal(app_user_list(f->db, &f->sys, NULL, NULL, &list, &err), APP_OK);
	char *dump = json_dumps(list, 0);
	assert_null(strstr(dump, "argon2"));
	assert_non_null(strstr(dump, "det.osei"));
	free(dump);
	json_decref(list);
}

static void test_user_add_bad_input_refused(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	int64_t users = fx_count(f, "users"), roles = fx_count(f, "user_roles");
	const struct {
		json_t *in;
		int code;
		const char *field;
	} cases[] = {
	        {user_in("pc.ames", "Camden Police", "police_officer", FX_PASSWORD), APP_CONFLICT,
	         NULL},
	        {user_in("new.one", "Camden Police", "police_officer", "short"), APP_INVALID,
	         "password"},
	        {user_in("new.one", "Camden Police", "chief_constable", FX_PASSWORD), APP_INVALID,
	         "roles"},
	        {user_in("new one", "Camden Police", "police_officer", FX_PASSWORD), APP_INVALID,
	         "username"},
	        {user_in("n", "Camden Police", "police_officer", FX_PASSWORD), APP_INVALID,
	         "username"},
	        {user_in("new.one", "Nowhere Police", "police_officer", FX_PASSWORD), APP_INVALID,
	         "agency"},
	        {json_pack("{s:s, s:s, s:[], s:s}", "username", "new.one", "agency",
	                   "Camden Police", "roles", "password", FX_PASSWORD),
	         APP_INVALID, "roles"},
	        {json_pack("{s:s, s:s, s:s, s:s}", "username", "new.one", "agency", "Camden Police",
	                   "roles", "police_officer", "password", FX_PASSWORD),
	         APP_INVALID, "roles"},
	        {json_pack("{s:s, s:s, s:[s], s:i}", "username", "new.one", "agency",
	                   "Camden Police", "roles", "police_officer", "password", 123456789012),
	         APP_INVALID, "password"},
	        {json_pack("{s:s, s:s, s:[s], s:s, s:b}", "username", "new.one", "agency",
	                   "Camden Police", "roles", "police_officer", "password", FX_PASSWORD,
	                   "superuser", 1),
	         APP_INVALID, "(unknown)"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int rc = run(f, app_user_add, &f->sys, cases[i].in, NULL, &err);
		if (rc != cases[i].code)
			fail_msg("case %zu: expected %d, got %d (%s)", i, cases[i].code, rc,
			         err.message);
		if (cases[i].field && !fx_field(&err, cases[i].field))
			fail_msg("case %zu: no error on %s", i, cases[i].field);
	}
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(fx_count(f, "users"), users);
	assert_int_equal(fx_count(f, "user_roles"), roles);
}

static void test_user_disable(void **state)
{
	struct fx *f = *state;
	struct app_err err;
	assert_int_equal(
	        run(f, app_user_add, &f->sys,
	            user_in("locum.pryce", "Riverside Health Trust", "health", FX_PASSWORD), NULL,
	            &err),
	        APP_OK);
	struct actor a = fx_actor(f, "locum.pryce");
	assert_int_equal(fx_user_disable(f, &f->sys, "locum.pryce", &err), APP_OK);
	assert_int_equal(fx_audit_count(f, "disable", a.user_id), 1);
	struct actor b;
	assert_int_equal(actor_load(f->db, "locum.pryce", &b, &err), APP_NOT_FOUND);
	assert_int_equal(fx_user_disable(f, &f->sys, "no.such.user", &err), APP_NOT_FOUND);
	assert_false(db_in_tx(f->db));
	fx_assert_audit_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_borough_add),
	        cmocka_unit_test(test_admin_use_cases_need_an_administrator),
	        cmocka_unit_test(test_agency_add),
	        cmocka_unit_test(test_user_add),
	        cmocka_unit_test(test_user_add_bad_input_refused),
	        cmocka_unit_test(test_user_disable),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
