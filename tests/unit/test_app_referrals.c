/*
 * test_app_referrals.c: app_referral_submit against a real (in-memory) database: one
 * record per child (R-REC-1), the no-sign route (R-SIGN-2), rationales (R-REC-2), the
 * pathways (R-PATH-1..5), ES on every record (R-FLAG-1), wording (R-DEF-4), bad input,
 * and that a referral failing part-way writes nothing at all.
 */
#include "app_fixture.h"

static json_t *steps_of(json_t *out)
{
	return json_object_get(out, "steps");
}

/* Whether a referral's steps include one for `who` under `rule`. */
static bool has_step(json_t *out, const char *who, const char *rule)
{
	size_t i;
	json_t *s;
	json_array_foreach(steps_of(out), i, s)
	{
		if (strcmp(json_string_value(json_object_get(s, "who")), who) == 0 &&
		    strcmp(json_string_value(json_object_get(s, "rule")), rule) == 0)
			return true;
	}
	return false;
}

static int64_t entries_of(struct fx *f, const char *ref)
{
	json_t *rec = fx_record(f, ref);
	int64_t n = (int64_t)json_array_size(json_object_get(rec, "chronology"));
	json_decref(rec);
	return n;
}

/* ---- R-REC-1 ---- */

static void test_R_REC_1_second_referral_nickname_same_dob_returns_candidates(void **state)
{
	struct fx *f = *state;
	char ref[32], child_id[ID_MAX];
	fx_new_record(f, "teacher.jones", "Jessica", "Okonkwo", "2011-05-14", ref, child_id);
	struct actor nurse = fx_actor(f, "nurse.hill");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);

	/* a nickname and a misspelt family name, same date of birth, not confirmed new */
	json_t *in = fx_referral(fx_child("Jess", "Okonkwoh", "2011-05-14"), NULL);
	json_object_del(in, "confirm_new_child");
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_referral_submit(f->db, &nurse, NULL, in, &out, &err);
	json_decref(in);
	assert_int_equal(rc, APP_CONFLICT);
	assert_string_equal(err.rule, "R-REC-1");
	assert_non_null(out);
	json_t *cands = json_object_get(out, "candidates");
	assert_true(json_array_size(cands) >= 1);
	bool found = false;
	size_t i;
	json_t *c;
	json_array_foreach(cands, i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), child_id) == 0) {
			found = true;
			assert_true(json_array_size(json_object_get(c, "reasons")) > 0);
			/* R-INFO-3: the nurse does not see the child: enough to refer the right
			 * child, never the record reference or whether there is a record */
			assert_null(json_object_get(c, "record_ref"));
			assert_null(json_object_get(c, "residence_borough"));
			assert_true(json_is_false(json_object_get(c, "visible")));
			/* only what tells children apart */
			assert_null(json_object_get(c, "nhs_number"));
		}
	}
	assert_true(found);
	json_decref(out);
	/* nothing filed, the disclosure of the candidates audited (R-INFO-2) */
	fx_assert_only_audited(f, before, "disclose", 1);
	/* a partnership-wide role is shown the record reference */
	struct actor mash = fx_actor(f, "mash.fry");
	in = fx_referral(fx_child("Jess", "Okonkwoh", "2011-05-14"), NULL);
	json_object_del(in, "confirm_new_child");
	assert_int_equal(app_referral_submit(f->db, &mash, NULL, in, &out, &err), APP_CONFLICT);
	json_decref(in);
	json_array_foreach(json_object_get(out, "candidates"), i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "id")), child_id) == 0)
			assert_string_equal(json_string_value(json_object_get(c, "record_ref")),
			                    ref);
	}
	json_decref(out);
}

static void test_R_REC_1_referral_with_child_id_updates_the_one_record(void **state)
{
	struct fx *f = *state;
	char ref[32], child_id[ID_MAX];
	fx_new_record(f, "teacher.jones", "Martha", "Quillfeather", "2012-01-09", ref, child_id);
	int64_t records = fx_count(f, "records"), children = fx_count(f, "children");
	int64_t entries = entries_of(f, ref);

	struct actor nurse = fx_actor(f, "nurse.hill");
	json_t *out = fx_submit(f, &nurse, fx_referral(NULL, child_id));
	assert_string_equal(json_string_value(json_object_get(out, "record_ref")), ref);
	/* R-INFO-3: the nurse is told the referral was received, not that a record exists */
	assert_true(json_is_false(json_object_get(out, "record_visible")));
	assert_null(json_object_get(out, "record_action"));
	json_decref(out);
	assert_int_equal(fx_count(f, "records"), records);
	assert_int_equal(fx_count(f, "children"), children);
	assert_int_equal(entries_of(f, ref), entries + 1);

	/* the schema itself refuses a second record for the child */
	int rc =
	        db_run(f->db,
	               "INSERT INTO records (id, child_id, reference, ref_year, ref_seq, opened_at,"
	               " updated_at) VALUES ('rec_dup', $1, 'LAN-2026-999999', 2026, 999999,"
	               " '2026-03-10T12:00:00Z', '2026-03-10T12:00:00Z')",
	               "s", child_id);
	assert_int_equal(rc, DB_E_CONSTRAINT);
	json_t *rec = fx_record(f, ref);
	assert_int_equal(json_array_size(json_object_get(rec, "referrals")), 2);
	json_decref(rec);
}

static void test_R_REC_1_confirm_new_child_creates_second_child(void **state)
{
	struct fx *f = *state;
	char ref[32], child_id[ID_MAX];
	fx_new_record(f, "teacher.jones", "Priyanka", "Vandermolen", "2010-07-21", ref, child_id);
	struct actor nurse = fx_actor(f, "nurse.hill");
	int64_t children = fx_count(f, "children"), records = fx_count(f, "records");
	/* without confirmation: candidates */
	json_t *in = fx_referral(fx_child("Priya", "Vandermolen", "2010-07-21"), NULL);
	json_object_set_new(in, "confirm_new_child", json_false());
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &nurse, NULL, in, &out, &err), APP_CONFLICT);
	json_decref(in);
	json_decref(out);
	assert_int_equal(fx_count(f, "children"), children);
	/* the professional says this is a different child (a twin) */
	out = fx_submit(f, &nurse,
	                fx_referral(fx_child("Priya", "Vandermolen", "2010-07-21"), NULL));
	assert_string_not_equal(json_string_value(json_object_get(out, "child_id")), child_id);
	assert_string_not_equal(json_string_value(json_object_get(out, "record_ref")), ref);
	json_decref(out);
	assert_int_equal(fx_count(f, "children"), children + 1);
	assert_int_equal(fx_count(f, "records"), records + 1);
}

static void test_R_REC_1_unknown_child_id_not_found(void **state)
{
	struct fx *f = *state;
	struct actor nurse = fx_actor(f, "nurse.hill");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = fx_referral(NULL, "ch_doesnotexist0000000000");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &nurse, NULL, in, &out, &err), APP_NOT_FOUND);
	assert_null(out);
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- R-SIGN-2, R-REC-2 ---- */

static void test_R_SIGN_2_no_signs_goes_to_early_help_without_record(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t records = fx_count(f, "records"), referrals = fx_count(f, "referrals");
	json_t *in = json_pack("{s:o, s:b, s:s, s:s}", "child",
	                       fx_child("Ottilie", "Brackenridge", "2013-02-11"),
	                       "confirm_new_child", 1, "circumstances",
	                       "Late to school three times this month.", "no_sign_rationale",
	                       "No SAFEGUARD sign seen; lateness explained by a new sibling.");
	json_t *out = fx_submit(f, &teacher, in);
	assert_string_equal(json_string_value(json_object_get(out, "route")), "not_cse_early_help");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-SIGN-2");
	assert_true(json_is_false(json_object_get(out, "cse_pathway")));
	assert_true(json_is_null(json_object_get(out, "record_ref")));
	assert_true(has_step(out, "identifying_agency", "R-SIGN-2"));
	const char *rid = json_string_value(json_object_get(out, "referral_id"));
	struct app_err err = {0};
	json_t *ref = NULL;
	assert_int_equal(app_referral_get(f->db, &teacher, rid, NULL, &ref, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(ref, "status")), "not_cse_pathway");
	assert_non_null(strstr(json_string_value(json_object_get(ref, "no_sign_rationale")),
	                       "new sibling"));
	assert_null(json_object_get(ref, "record_id")); /* never shown to a referrer */
	json_decref(ref);
	json_decref(out);
	assert_int_equal(fx_count(f, "records"), records);
	assert_int_equal(fx_count(f, "referrals"), referrals + 1);
}

static void test_R_SIGN_2_no_signs_needs_rationale(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = json_pack("{s:o, s:b, s:s, s:[]}", "child",
	                       fx_child("Ottilie", "Fenwright", "2013-02-12"), "confirm_new_child",
	                       1, "circumstances", "Late to school.", "signs");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-SIGN-2");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

static void test_R_REC_2_signs_without_rationale_refused(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = fx_referral(fx_child("Lowri", "Castellane", "2012-09-30"), NULL);
	json_object_del(in, "rationale");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-2");
	/* blank is not a rationale either */
	json_object_set_new(in, "rationale", json_string("   \n "));
	memset(&err, 0, sizeof err);
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-2");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

static void test_R_SIGN_1_unknown_or_duplicate_sign_refused(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = fx_referral(fx_child("Lowri", "Penhaligon", "2012-09-29"), NULL);
	json_t *signs = json_object_get(in, "signs");
	json_array_append_new(signs, json_pack("{s:s, s:s}", "code", "gifts_money", "evidence",
	                                       "A third phone."));
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-SIGN-1");
	json_array_clear(signs);
	json_array_append_new(signs, json_pack("{s:s, s:s}", "code", "bad_vibes", "evidence",
	                                       "Something felt wrong."));
	memset(&err, 0, sizeof err);
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-SIGN-1");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- R-PATH-1..5 ---- */

static void test_R_PATH_2_education_referrer_with_social_worker(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *child = fx_child("Imogen", "Tregarthen", "2011-11-03");
	json_object_set_new(child, "social_worker", json_string("sw.green"));
	json_t *out = fx_submit(f, &teacher, fx_referral(child, NULL));
	assert_string_equal(json_string_value(json_object_get(out, "route")),
	                    "social_worker_and_set");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-PATH-2");
	assert_true(has_step(out, "childrens_social_care", "R-PATH-1")); /* R-PATH-1 */
	assert_true(has_step(out, "social_worker", "R-PATH-2"));
	assert_true(has_step(out, "set_referral_desk", "R-PATH-2"));
	json_t *rec = fx_record(f, json_string_value(json_object_get(out, "record_ref")));
	assert_true(fx_has_string(json_object_get(rec, "flags"), "ES")); /* R-FLAG-1 */
	json_decref(rec);
	json_decref(out);
}

static void test_R_PATH_3_education_referrer_without_social_worker_goes_to_mash(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *out = fx_submit(
	        f, &teacher, fx_referral(fx_child("Imogen", "Aldous-Reyes", "2011-11-04"), NULL));
	assert_string_equal(json_string_value(json_object_get(out, "route")), "mash");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-PATH-3");
	assert_true(has_step(out, "childrens_social_care", "R-PATH-1"));
	assert_true(has_step(out, "mash", "R-PATH-3"));
	assert_false(has_step(out, "social_worker", "R-PATH-2"));
	json_t *rec = fx_record(f, json_string_value(json_object_get(out, "record_ref")));
	assert_true(fx_has_string(json_object_get(rec, "flags"), "ES"));
	json_decref(rec);
	json_decref(out);
}

static void test_R_PATH_4_police_officer_referral(void **state)
{
	struct fx *f = *state;
	struct actor pc = fx_actor(f, "pc.ames");
	json_t *in = fx_referral(fx_child("Rosalind", "Achterberg", "2010-04-18"), NULL);
	fx_police_template(in, 1, NULL);
	json_t *out = fx_submit(f, &pc, in);
	assert_string_equal(json_string_value(json_object_get(out, "route")), "police_pathway");
	assert_string_equal(json_string_value(json_object_get(out, "rule")), "R-PATH-4");
	assert_true(has_step(out, "police_officer", "R-PATH-4"));
	json_t *rec = fx_record(f, json_string_value(json_object_get(out, "record_ref")));
	/* MERLIN/PAC kept as a reference to another system, ES-flagged (R-REC-4) */
	json_t *refs = json_object_get(rec, "external_refs");
	assert_int_equal(json_array_size(refs), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(refs, 0), "kind")),
	                    "merlin_pac");
	assert_string_equal(json_string_value(json_object_get(json_array_get(refs, 0), "value")),
	                    "01MP/204518");
	/* the initial category applied: category 1, LA and ES */
	assert_int_equal(json_integer_value(json_object_get(rec, "category")), 1);
	json_t *hist = json_object_get(rec, "category_history");
	assert_int_equal(json_array_size(hist), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(hist, 0), "kind")),
	                    "initial");
	assert_true(fx_has_string(json_object_get(rec, "flags"), "ES"));
	assert_true(fx_has_string(json_object_get(rec, "flags"), "LA"));
	json_decref(rec);
	json_decref(out);
}

static void test_R_PATH_5_police_referral_missing_items_refused(void **state)
{
	struct fx *f = *state;
	struct actor pc = fx_actor(f, "pc.ames");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct {
		const char *drop; /* top-level or police field to remove */
		bool in_police;
		const char *named;
	} cases[] = {{"circumstances", false, "1"},
	             {"rationale", false, "2"},
	             {"merlin_pac", true, "4"}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *in = fx_referral(fx_child("Tamsin", "Oyelaran", "2010-06-06"), NULL);
		fx_police_template(in, 1, NULL);
		json_object_del(cases[i].in_police ? json_object_get(in, "police") : in,
		                cases[i].drop);
		struct app_err err = {0};
		json_t *out = NULL;
		int rc = app_referral_submit(f->db, &pc, NULL, in, &out, &err);
		json_decref(in);
		assert_int_equal(rc, APP_INVALID);
		if (strcmp(cases[i].drop, "circumstances") == 0) {
			/* item 1 is a required field of every referral */
			assert_true(fx_field(&err, "circumstances"));
			continue;
		}
		assert_string_equal(err.rule, "R-PATH-5");
		assert_non_null(strstr(err.message, cases[i].named));
	}
	/* no template at all: items 2 and 4 are both named */
	json_t *in = fx_referral(fx_child("Tamsin", "Oyelaran", "2010-06-06"), NULL);
	json_object_del(in, "rationale");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	json_decref(in);
	assert_string_equal(err.rule, "R-PATH-5");
	assert_non_null(strstr(err.message, "2"));
	assert_non_null(strstr(err.message, "4"));
	fx_assert_counts_unchanged(f, before);
}

static void test_R_PATH_4_second_police_referral_updates_and_recategorises(void **state)
{
	struct fx *f = *state;
	struct actor pc = fx_actor(f, "pc.brook");
	json_t *in = fx_referral(fx_child("Hermione", "Zdanowicz", "2010-08-08"), NULL);
	fx_police_template(in, 1, NULL);
	json_t *out = fx_submit(f, &pc, in);
	char ref[32], child_id[ID_MAX];
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	snprintf(child_id, sizeof child_id, "%s",
	         json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	in = fx_referral(NULL, child_id);
	fx_police_template(in, 2, "contact");
	json_object_set_new(json_object_get(in, "police"), "merlin_pac",
	                    json_string("01MP/204519"));
	out = fx_submit(f, &pc, in);
	assert_string_equal(json_string_value(json_object_get(out, "record_ref")), ref);
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	assert_int_equal(json_integer_value(json_object_get(rec, "category")), 2);
	assert_int_equal(json_array_size(json_object_get(rec, "category_history")), 2);
	assert_int_equal(json_array_size(json_object_get(rec, "external_refs")), 2);
	json_t *flags = json_object_get(rec, "flags");
	assert_true(fx_has_string(flags, "LB"));
	assert_false(fx_has_string(flags, "LA"));
	assert_string_equal(json_string_value(json_object_get(rec, "allocation")), "set");
	json_decref(rec);
}

static void test_R_DEF_3_repeated_models_are_kept_once(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *in = fx_referral(fx_child("Juliana", "Marchetti-Boyd", "2011-12-24"), NULL);
	json_object_set_new(in, "models", json_pack("[s]", "online"));
	json_object_set_new(in, "exploitation_types", json_pack("[s]", "sexual"));
	json_t *out = fx_submit(f, &teacher, in);
	char ref[32], child_id[ID_MAX];
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	snprintf(child_id, sizeof child_id, "%s",
	         json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	/* further concerns naming the same model and type, and one more model */
	for (int i = 0; i < 30; i++) {
		in = fx_referral(NULL, child_id);
		json_object_set_new(in, "models", json_pack("[s, s]", "online", "boyfriend"));
		json_object_set_new(in, "exploitation_types", json_pack("[s]", "sexual"));
		json_decref(fx_submit(f, &teacher, in));
	}
	json_t *rec = fx_record(f, ref);
	json_t *models = json_object_get(rec, "models");
	assert_int_equal(json_array_size(models), 2);
	assert_true(fx_has_string(models, "online"));
	assert_true(fx_has_string(models, "boyfriend"));
	assert_int_equal(json_array_size(json_object_get(rec, "exploitation_types")), 1);
	json_decref(rec);
	int64_t n = -1;
	assert_int_equal(
	        db_query_int64(f->db, &n,
	                       "SELECT count(*) FROM record_classifications c JOIN records r"
	                       " ON r.id = c.record_id WHERE r.reference = $1",
	                       "s", ref),
	        DB_OK);
	assert_int_equal(n, 3);
}

/* ---- R-DEF-4 ---- */

static void test_R_DEF_4_victim_blaming_word_in_rationale_refused(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	const char *bad[] = {"She is promiscuous and receives gifts.",
	                     "Gifts; a historic concern was raised.",
	                     "Gifts from an adult; the child says she was consenting."};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		json_t *in = fx_referral(fx_child("Wilhelmina", "Dacosta", "2011-03-03"), NULL);
		json_object_set_new(in, "rationale", json_string(bad[i]));
		struct app_err err = {0};
		json_t *out = NULL;
		assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err),
		                 APP_INVALID);
		assert_string_equal(err.rule, "R-DEF-4");
		json_decref(in);
	}
	/* in the evidence of a sign too */
	json_t *in = fx_referral(fx_child("Wilhelmina", "Dacosta", "2011-03-03"), NULL);
	json_object_set_new(json_array_get(json_object_get(in, "signs"), 0), "evidence",
	                    json_string("Described by a neighbour as a prostitute."));
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-4");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- atomicity ---- */

static void test_referral_refused_category_rationale_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct actor pc = fx_actor(f, "pc.ames");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	/* the child and the template are valid; the initial category has no rationale, which
	 * is found only after the child, record and referral were written */
	json_t *in = fx_referral(fx_child("Genevieve", "Blackwood-Osei", "2011-10-10"), NULL);
	fx_police_template(in, 2, "contact");
	json_object_del(json_object_get(in, "police"), "category_rationale");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &pc, NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-CAT-3");
	assert_null(out);
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

static void test_referral_failing_at_last_insert_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	/* an existing child, so that the update path is also covered */
	char ref[32], child_id[ID_MAX];
	fx_new_record(f, "teacher.jones", "Cordelia", "Nakashima", "2012-12-12", ref, child_id);
	assert_int_equal(db_exec(f->db,
	                         "CREATE TEMP TRIGGER fx_fail_entries BEFORE INSERT ON"
	                         " record_entries BEGIN SELECT RAISE(ABORT, 'forced'); END;"),
	                 DB_OK);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *ins[] = {fx_referral(fx_child("Beatrix", "Ravensworth", "2012-02-02"), NULL),
	                 fx_referral(NULL, child_id)};
	for (size_t i = 0; i < ARRAY_LEN(ins); i++) {
		struct app_err err = {0};
		json_t *out = NULL;
		assert_int_equal(app_referral_submit(f->db, &teacher, NULL, ins[i], &out, &err),
		                 APP_FAILED);
		assert_null(out);
		assert_non_null(strstr(err.message, "Nothing was saved"));
		json_decref(ins[i]);
		fx_assert_counts_unchanged(f, before);
	}
	assert_int_equal(db_exec(f->db, "DROP TRIGGER fx_fail_entries"), DB_OK);
	fx_assert_audit_intact(f);
}

/* ---- audit ---- */

static void test_referral_appends_audit_events(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t events = fx_count(f, "audit_events");
	json_t *out = fx_submit(
	        f, &teacher, fx_referral(fx_child("Anneliese", "Koutsoukos", "2012-04-04"), NULL));
	const char *rid = json_string_value(json_object_get(out, "referral_id"));
	const char *cid = json_string_value(json_object_get(out, "child_id"));
	/* child created, record created, referral created */
	assert_true(fx_count(f, "audit_events") >= events + 3);
	assert_int_equal(fx_audit_count(f, "create", rid), 1);
	assert_int_equal(fx_audit_count(f, "create", cid), 1);
	struct app_err err = {0};
	json_t *ref = NULL;
	assert_int_equal(app_referral_get(f->db, &teacher, rid, NULL, &ref, &err), APP_OK);
	assert_int_equal(fx_audit_count(f, "view", rid), 1);
	json_decref(ref);
	json_decref(out);
	fx_assert_audit_intact(f);
}

/* ---- who may refer ---- */

static void test_referral_by_auditor_forbidden(void **state)
{
	struct fx *f = *state;
	struct actor aud = fx_actor(f, "aud.king");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = fx_referral(fx_child("Seraphina", "Mbatha", "2012-05-05"), NULL);
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &aud, NULL, in, &out, &err), APP_FORBIDDEN);
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- bad input ---- */

static void expect_invalid(struct fx *f, json_t *in, const char *field)
{
	struct actor teacher = fx_actor(f, "teacher.jones");
	struct app_err err = {0};
	json_t *out = NULL;
	int rc = app_referral_submit(f->db, &teacher, NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_INVALID)
		fail_msg("expected APP_INVALID for %s, got %d (%s)", field, rc, err.message);
	assert_null(out);
	if (field && !fx_field(&err, field))
		fail_msg("no field error for %s: %s (%d fields; first %s)", field, err.message,
		         err.nfields, err.nfields ? err.fields[0].field : "-");
}

static json_t *good(void)
{
	return fx_referral(fx_child("Philippa", "Ashdown-Mensah", "2011-01-20"), NULL);
}

static void test_referral_bad_input_refused(void **state)
{
	struct fx *f = *state;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in;

	in = json_array();
	struct actor teacher = fx_actor(f, "teacher.jones");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	json_decref(in);

	in = good();
	json_object_set_new(in, "circumstances", json_integer(42));
	expect_invalid(f, in, "circumstances");

	in = good();
	json_object_set_new(in, "signs", json_string("gifts_money"));
	expect_invalid(f, in, "signs");

	in = good();
	json_object_set_new(in, "online", json_string("yes"));
	expect_invalid(f, in, "online");

	in = good();
	json_object_set_new(in, "favourite_colour", json_string("blue"));
	expect_invalid(f, in, "(unknown)");

	in = good();
	json_object_set_new(json_object_get(in, "child"), "shoe_size", json_integer(4));
	expect_invalid(f, in, "(unknown)");

	char *big = malloc(8002);
	assert_non_null(big);
	memset(big, 'a', 8001);
	big[8001] = '\0';
	in = good();
	json_object_set_new(in, "circumstances", json_string(big));
	expect_invalid(f, in, "circumstances");
	free(big);

	/* an embedded NUL inside a JSON string (jansson refuses invalid UTF-8 at parse) */
	in = good();
	json_object_set_new(in, "circumstances", json_stringn("seen at\0the station", 19));
	expect_invalid(f, in, "circumstances");
	assert_null(json_loads("{\"circumstances\": \"caf\xc3\x28\"}", 0, NULL));

	/* control characters */
	in = good();
	json_object_set_new(in, "circumstances", json_string("seen at \x1b[31m the station"));
	expect_invalid(f, in, "circumstances");

	/* dates */
	in = good();
	json_object_set_new(json_object_get(in, "child"), "date_of_birth",
	                    json_string("2011-02-30"));
	expect_invalid(f, in, "date_of_birth");
	in = good();
	json_object_set_new(json_array_get(json_object_get(in, "signs"), 0), "seen_on",
	                    json_string("2026-02-30"));
	expect_invalid(f, in, "seen_on");
	in = good();
	json_object_set_new(in, "came_to_notice_at", json_string("2026-03-11T09:00:00Z"));
	expect_invalid(f, in, "came_to_notice_at");
	in = good();
	json_object_set_new(in, "came_to_notice_at", json_string("yesterday"));
	expect_invalid(f, in, "came_to_notice_at");

	/* R-DEF-1: not yet born, or already 18 */
	in = good();
	json_object_set_new(json_object_get(in, "child"), "date_of_birth",
	                    json_string("2026-06-01"));
	expect_invalid(f, in, "date_of_birth");
	in = good();
	json_object_set_new(json_object_get(in, "child"), "date_of_birth",
	                    json_string("2008-03-10"));
	expect_invalid(f, in, "date_of_birth");

	/* a sign seen in the future */
	in = good();
	json_object_set_new(json_array_get(json_object_get(in, "signs"), 0), "seen_on",
	                    json_string("2026-04-01"));
	struct app_err e2 = {0};
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &e2), APP_INVALID);
	json_decref(in);

	/* people_involved of the wrong type */
	in = good();
	json_object_set_new(in, "people_involved", json_string("the child"));
	expect_invalid(f, in, "people_involved");

	/* unknown model code */
	in = good();
	json_object_set_new(in, "models", json_pack("[s]", "nonsense"));
	expect_invalid(f, in, "models");

	fx_assert_counts_unchanged(f, before);
}

static void test_R_DEF_1_child_turning_18_tomorrow_is_still_a_child(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *out = fx_submit(f, &teacher,
	                        fx_referral(fx_child("Evangeline", "Thorsby", "2008-03-11"), NULL));
	json_t *rec = fx_record(f, json_string_value(json_object_get(out, "record_ref")));
	json_t *age = json_object_get(rec, "age");
	assert_int_equal(json_integer_value(json_object_get(age, "age")), 17);
	json_decref(rec);
	json_decref(out);
}

/* R-DEF-1: a referral for a child already known is age-checked too, on the day the
 * concern came to notice: an 18-year-old is refused with the rule named; a concern that
 * came to notice while they were 17 is not. */
static void test_R_DEF_1_existing_child_aged_on_the_day_of_the_concern(void **state)
{
	struct fx *f = *state;
	/* born 2008-03-09: 18 on 2026-03-09, the day before FX_NOW */
	json_t *c = fx_child("Beatrix", "Yellowlees", "2008-03-09");
	json_object_set_new(c, "confirm_new", json_true());
	json_t *out = NULL;
	struct app_err err = {0};
	struct actor old = f->sys;
	old.now = FX_NOW - 30 * 86400; /* added while 17 */
	assert_int_equal(app_child_add(f->db, &old, NULL, c, &out, &err), APP_OK);
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	json_decref(c);
	struct actor teacher = fx_actor(f, "teacher.jones");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *in = fx_referral(NULL, id);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_referral_submit(f->db, &teacher, NULL, in, &out, &err), APP_INVALID);
	assert_non_null(err.rule);
	assert_string_equal(err.rule, "R-DEF-1");
	assert_true(fx_field(&err, "child_id"));
	fx_assert_counts_unchanged(f, before);
	/* the same concern, come to notice a week before the birthday */
	json_object_set_new(in, "came_to_notice_at", json_string("2026-03-02T10:00:00Z"));
	json_decref(fx_submit(f, &teacher, in));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_DEF_1_existing_child_aged_on_the_day_of_the_concern),
	        cmocka_unit_test(test_R_REC_1_second_referral_nickname_same_dob_returns_candidates),
	        cmocka_unit_test(test_R_REC_1_referral_with_child_id_updates_the_one_record),
	        cmocka_unit_test(test_R_REC_1_confirm_new_child_creates_second_child),
	        cmocka_unit_test(test_R_REC_1_unknown_child_id_not_found),
	        cmocka_unit_test(test_R_SIGN_2_no_signs_goes_to_early_help_without_record),
	        cmocka_unit_test(test_R_SIGN_2_no_signs_needs_rationale),
	        cmocka_unit_test(test_R_REC_2_signs_without_rationale_refused),
	        cmocka_unit_test(test_R_SIGN_1_unknown_or_duplicate_sign_refused),
	        cmocka_unit_test(test_R_PATH_2_education_referrer_with_social_worker),
	        cmocka_unit_test(
	                test_R_PATH_3_education_referrer_without_social_worker_goes_to_mash),
	        cmocka_unit_test(test_R_PATH_4_police_officer_referral),
	        cmocka_unit_test(test_R_PATH_5_police_referral_missing_items_refused),
	        cmocka_unit_test(test_R_PATH_4_second_police_referral_updates_and_recategorises),
	        cmocka_unit_test(test_R_DEF_3_repeated_models_are_kept_once),
	        cmocka_unit_test(test_R_DEF_4_victim_blaming_word_in_rationale_refused),
	        cmocka_unit_test(test_referral_refused_category_rationale_writes_nothing),
	        cmocka_unit_test(test_referral_failing_at_last_insert_writes_nothing),
	        cmocka_unit_test(test_referral_appends_audit_events),
	        cmocka_unit_test(test_referral_by_auditor_forbidden),
	        cmocka_unit_test(test_referral_bad_input_refused),
	        cmocka_unit_test(test_R_DEF_1_child_turning_18_tomorrow_is_still_a_child),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
