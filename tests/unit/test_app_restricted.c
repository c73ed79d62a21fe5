/* test_app_restricted.c: R-INFO-3 restricted records and break-glass access. */
#include "app_fixture.h"

#include "app/record_view.h"
#include "app/restricted.h"
#include "app/work.h"

static int restrict_record(struct fx *f, const char *user, const char *ref, bool on,
                           const char *reason, struct app_err *err)
{
	struct actor a = fx_actor(f, user);
	json_t *in = json_pack("{s:b, s:s?}", "restricted", on, "reason", reason);
	json_t *out = NULL;
	memset(err, 0, sizeof *err);
	int rc = app_record_restrict(f->db, &a, ref, in, &out, err);
	json_decref(in);
	json_decref(out);
	return rc;
}

static int open_record(struct fx *f, const char *user, const char *ref, const char *purpose,
                       struct app_err *err)
{
	struct actor a = fx_actor(f, user);
	if (purpose)
		snprintf(a.purpose, sizeof a.purpose, "%s", purpose);
	json_t *out = NULL;
	memset(err, 0, sizeof *err);
	int rc = app_record_get(f->db, &a, ref, NULL, &out, err);
	json_decref(out);
	return rc;
}

static void test_R_INFO_3_only_supervisors_restrict(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "nurse.hill", "Rosalind", "Demo-Vance", "2011-01-09", ref, NULL);
	struct app_err err;
	assert_int_equal(restrict_record(f, "pc.ames", ref, true, "Covert operation", &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-INFO-3");
	assert_int_equal(restrict_record(f, "ps.dunn", ref, true, NULL, &err), APP_INVALID);
	assert_int_equal(
	        restrict_record(f, "ps.dunn", ref, true, "Covert operation under way", &err),
	        APP_OK);
}

/* A record filed on the police pathway by pc.ames (Camden Police), so that the officers
 * of Camden Police are members of the child's case. */
static void police_record(struct fx *f, const char *given, const char *family, const char *dob,
                          char ref[32])
{
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *in = fx_referral(fx_child(given, family, dob), NULL);
	fx_police_template(in, 0, NULL);
	json_t *out = fx_submit(f, &pc, in);
	snprintf(ref, 32, "%s", json_string_value(json_object_get(out, "record_ref")));
	json_decref(out);
}

static void test_R_INFO_3_break_glass_needs_a_reason_and_is_logged(void **state)
{
	struct fx *f = *state;
	char ref[32];
	police_record(f, "Octavia", "Demo-Penrose", "2010-12-12", ref);
	struct app_err err;
	assert_int_equal(
	        restrict_record(f, "ps.dunn", ref, true, "Linked to a live investigation", &err),
	        APP_OK);
	int64_t before = fx_count(f, "restricted_access");
	/* an entitled officer of the case without a reason: refused, nothing logged */
	assert_int_equal(open_record(f, "pc.brook", ref, NULL, &err), APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-INFO-3");
	assert_int_equal(open_record(f, "pc.brook", ref, "ok", &err), APP_FORBIDDEN);
	assert_int_equal(fx_count(f, "restricted_access"), before);
	/* a role that sees the child but is not police: told it is restricted, with any
	 * reason, and the refusal audited */
	int64_t refused = fx_audit_count(f, "refused", NULL);
	assert_int_equal(
	        open_record(f, "mash.fry", ref, "Preparing the strategy discussion today", &err),
	        APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-INFO-3");
	assert_int_equal(fx_count(f, "restricted_access"), before);
	/* a user who does not see the child learns nothing, reason or not */
	assert_int_equal(
	        open_record(f, "nurse.irwin", ref, "Checking a referral we received", &err),
	        APP_NOT_FOUND);
	assert_int_equal(fx_audit_count(f, "refused", NULL), refused + 2);
	/* with a reason: opened, logged, and the audit event carries the reason */
	assert_int_equal(open_record(f, "pc.brook", ref,
	                             "Arrest enquiry tomorrow needs the chronology", &err),
	                 APP_OK);
	assert_int_equal(fx_count(f, "restricted_access"), before + 1);
	char purpose[300] = "";
	assert_int_equal(db_query_text(f->db, purpose, sizeof purpose,
	                               "SELECT purpose FROM audit_events WHERE action = 'view'"
	                               " AND record_ref = $1 ORDER BY seq DESC LIMIT 1",
	                               "s", ref),
	                 DB_OK);
	assert_string_equal(purpose, "Arrest enquiry tomorrow needs the chronology");

	/* the supervisor sees the opening in the work queue and reviews it */
	struct actor dunn = fx_actor(f, "ps.dunn");
	json_t *q = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_work_queue(f->db, &dunn, NULL, NULL, &q, &err), APP_OK);
	json_t *sec = NULL;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(q, "sections"), i, v)
	{
		if (strcmp(json_string_value(json_object_get(v, "key")), "restricted_review") == 0)
			sec = v;
	}
	assert_non_null(sec);
	assert_true(json_integer_value(json_object_get(sec, "count")) >= 1);
	const char *rax = json_string_value(
	        json_object_get(json_array_get(json_object_get(sec, "items"), 0), "id"));
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", rax);
	json_decref(q);

	json_t *in = json_pack("{s:s}", "note", "Reason checked with the officer's inspector");
	json_t *out = NULL;
	struct actor nurse = fx_actor(f, "nurse.hill");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &nurse, id, in, &out, &err),
	                 APP_FORBIDDEN);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &dunn, id, in, &out, &err), APP_OK);
	json_decref(out);
	out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &dunn, id, in, &out, &err),
	                 APP_CONFLICT);
	/* someone who may not review learns nothing about the opening, reviewed or not */
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &nurse, id, in, &out, &err),
	                 APP_FORBIDDEN);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &nurse, "rax_00000000000000000000", in,
	                                              &out, &err),
	                 APP_FORBIDDEN);
	json_decref(in);
	fx_assert_audit_intact(f);
}

static void test_R_INFO_3_reviewer_is_not_the_opener(void **state)
{
	struct fx *f = *state;
	char ref[32];
	police_record(f, "Ptolemy", "Demo-Ashgrove", "2011-04-04", ref);
	struct app_err err;
	assert_int_equal(
	        restrict_record(f, "ps.clark", ref, true, "Sensitive source material", &err),
	        APP_OK);
	assert_int_equal(open_record(f, "ps.clark", ref, "Preparing the strategy discussion", &err),
	                 APP_OK);
	char id[ID_MAX] = "";
	assert_int_equal(db_query_text(f->db, id, sizeof id,
	                               "SELECT a.id FROM restricted_access a JOIN records r"
	                               " ON r.id = a.record_id WHERE r.reference = $1",
	                               "s", ref),
	                 DB_OK);
	struct actor clark = fx_actor(f, "ps.clark");
	json_t *in = json_pack("{s:s}", "note", "Looks fine");
	json_t *out = NULL;
	memset(&err, 0, sizeof err);
	assert_int_equal(app_restricted_access_review(f->db, &clark, id, in, &out, &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-INFO-3");
	json_decref(in);
	/* lifting the restriction: opening needs no reason again, for any role that sees
	 * the child */
	assert_int_equal(restrict_record(f, "ps.clark", ref, false, NULL, &err), APP_OK);
	assert_int_equal(open_record(f, "pc.ames", ref, NULL, &err), APP_OK);
	assert_int_equal(open_record(f, "mash.fry", ref, NULL, &err), APP_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_INFO_3_only_supervisors_restrict),
	        cmocka_unit_test(test_R_INFO_3_break_glass_needs_a_reason_and_is_logged),
	        cmocka_unit_test(test_R_INFO_3_reviewer_is_not_the_opener),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
