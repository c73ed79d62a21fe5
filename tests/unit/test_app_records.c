/*
 * test_app_records.c: the use cases on a child's record against a real (in-memory)
 * database: category decisions and allocation (R-CAT-3..6, R-PATH-8), flags (R-FLAG-1..4),
 * supervisor review (R-PATH-6), essential steps (R-PATH-7), the chronology and
 * corrections (R-REC-3, R-REC-6), outcomes (R-OUT-1), references (R-REC-4, R-REC-5),
 * wording (R-DEF-4), audit events, and that failures write nothing.
 */
#include "app_fixture.h"

#include "app/categories.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"

/* Decides a category as `username`; returns the result code, *out (may be NULL). */
static int decide(struct fx *f, const char *username, const char *ref, json_t *in, json_t **out,
                  struct app_err *err)
{
	struct actor a = fx_actor(f, username);
	json_t *o = NULL;
	memset(err, 0, sizeof(*err));
	int rc = app_category_decide(f->db, &a, ref, in, &o, err);
	json_decref(in);
	if (out)
		*out = o;
	else
		json_decref(o);
	return rc;
}

static json_t *cat_in(int category, const char *contact)
{
	return json_pack("{s:i, s:s?, s:s}", "category", category, "contact", contact, "rationale",
	                 "Older associate collects the child from school; gifts seen.");
}

static void must_decide(struct fx *f, const char *ref, json_t *in, json_t **out)
{
	struct app_err err;
	int rc = decide(f, "at.lewis", ref, in, out, &err);
	if (rc != APP_OK)
		fail_msg("decision refused (%d, %s): %s", rc, err.rule ? err.rule : "-",
		         err.message);
}

/* The current L flags of a record, as a count and the one set. */
static int l_flags(json_t *rec, const char **which)
{
	int n = 0;
	const char *ls[] = {"LA", "LB", "LC"};
	for (int i = 0; i < 3; i++)
		if (fx_has_string(json_object_get(rec, "flags"), ls[i])) {
			n++;
			*which = ls[i];
		}
	return n;
}

/* ---- R-CAT-3 ---- */

static void test_R_CAT_3_category_without_rationale_refused(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Clementine", "Aubergier", "2011-06-01", ref, NULL);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	assert_int_equal(decide(f, "at.lewis", ref, json_pack("{s:i}", "category", 1), NULL, &err),
	                 APP_INVALID);
	assert_string_equal(err.rule, "R-CAT-3");
	assert_int_equal(decide(f, "at.lewis", ref,
	                        json_pack("{s:i, s:s}", "category", 1, "rationale", "  "), NULL,
	                        &err),
	                 APP_INVALID);
	assert_string_equal(err.rule, "R-CAT-3");
	fx_assert_counts_unchanged(f, before);
}

static void test_R_CAT_3_category_2_without_contact_refused(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Clementine", "Ballantyne", "2011-06-02", ref, NULL);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	assert_int_equal(decide(f, "at.lewis", ref, cat_in(2, NULL), NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-CAT-3");
	assert_int_equal(decide(f, "at.lewis", ref, cat_in(2, "sometimes"), NULL, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "contact"));
	assert_int_equal(decide(f, "at.lewis", ref, cat_in(4, NULL), NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "category"));
	assert_int_equal(decide(f, "at.lewis", ref,
	                        json_pack("{s:s, s:s}", "category", "2", "rationale", "x"), NULL,
	                        &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "category"));
	fx_assert_counts_unchanged(f, before);
}

static void test_R_CAT_3_history_kept_newest_first(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Clementine", "Carrow", "2011-06-03", ref, NULL);
	json_t *first = cat_in(1, NULL);
	json_object_set_new(first, "decided_at", json_string("2026-03-09T10:00:00Z"));
	must_decide(f, ref, first, NULL);
	json_t *second = cat_in(3, NULL);
	json_object_set_new(second, "kind", json_string("assessment_team"));
	must_decide(f, ref, second, NULL);
	json_t *rec = fx_record(f, ref);
	json_t *hist = json_object_get(rec, "category_history");
	assert_int_equal(json_array_size(hist), 2);
	json_t *newest = json_array_get(hist, 0), *oldest = json_array_get(hist, 1);
	assert_int_equal(json_integer_value(json_object_get(newest, "category")), 3);
	assert_string_equal(json_string_value(json_object_get(newest, "kind")), "assessment_team");
	assert_int_equal(json_integer_value(json_object_get(oldest, "category")), 1);
	assert_string_equal(json_string_value(json_object_get(oldest, "decided_at")),
	                    "2026-03-09T10:00:00Z");
	assert_string_equal(json_string_value(json_object_get(newest, "decided_by_name")),
	                    "at.lewis");
	assert_non_null(json_object_get(newest, "rationale"));
	assert_int_equal(json_integer_value(json_object_get(rec, "category")), 3);
	json_decref(rec);
}

static void test_R_CAT_3_decision_dated_in_future_refused(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Clementine", "Dunmore", "2011-06-04", ref, NULL);
	json_t *in = cat_in(1, NULL);
	json_object_set_new(in, "decided_at", json_string("2026-03-12T10:00:00Z"));
	struct app_err err;
	assert_int_equal(decide(f, "at.lewis", ref, in, NULL, &err), APP_INVALID);
}

static void test_R_CAT_3_who_may_decide(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Clementine", "Esterhazy", "2011-06-05", ref, NULL);
	struct app_err err;
	/* a teacher cannot categorise; an officer cannot make the supervisor's decision */
	assert_int_equal(decide(f, "teacher.jones", ref, cat_in(1, NULL), NULL, &err),
	                 APP_FORBIDDEN);
	json_t *in = cat_in(1, NULL);
	json_object_set_new(in, "kind", json_string("supervisor"));
	assert_int_equal(decide(f, "pc.ames", ref, in, NULL, &err), APP_FORBIDDEN);
	in = cat_in(1, NULL);
	json_object_set_new(in, "kind", json_string("supervisor"));
	assert_int_equal(decide(f, "ps.dunn", ref, in, NULL, &err), APP_OK);
	/* an unknown record */
	assert_int_equal(decide(f, "at.lewis", "LAN-2026-999998", cat_in(1, NULL), NULL, &err),
	                 APP_NOT_FOUND);
}

/* ---- R-CAT-4, 5, 6, R-PATH-8 ---- */

static void test_R_CAT_4_contact_cat2_and_cat3_go_to_SET(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Fairweather", "2010-02-01", ref, NULL);
	json_t *out;
	must_decide(f, ref, cat_in(2, "contact"), &out);
	assert_string_equal(json_string_value(json_object_get(out, "allocation")), "set");
	assert_true(json_is_null(json_object_get(out, "lead_borough")));
	json_decref(out);
	must_decide(f, ref, cat_in(3, NULL), &out);
	assert_string_equal(json_string_value(json_object_get(out, "allocation")), "set");
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	assert_string_equal(json_string_value(json_object_get(rec, "allocation")), "set");
	json_decref(rec);
}

static void test_R_CAT_4_cat1_and_online_cat2_go_to_the_borough(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Gallowglass", "2010-02-02", ref, NULL);
	json_t *out;
	must_decide(f, ref, cat_in(1, NULL), &out);
	assert_string_equal(json_string_value(json_object_get(out, "allocation")), "borough");
	assert_string_equal(json_string_value(json_object_get(out, "lead_borough")), "Camden");
	json_decref(out);
	must_decide(f, ref, cat_in(2, "online"), &out);
	assert_string_equal(json_string_value(json_object_get(out, "allocation")), "borough");
	assert_string_equal(json_string_value(json_object_get(out, "contact")), "online");
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	assert_string_equal(json_string_value(json_object_get(rec, "allocated_borough")), "Camden");
	assert_true(fx_has_string(json_object_get(rec, "flags"), "EU")); /* R-FLAG-3 */
	json_decref(rec);
}

static void test_R_CAT_5_exploitation_in_another_borough_sets_enquiring_borough(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Hollingsworth", "2010-02-03", ref, NULL);
	json_t *in = cat_in(1, NULL), *out;
	json_object_set_new(in, "exploitation_borough", json_string("Hackney"));
	must_decide(f, ref, in, &out);
	assert_string_equal(json_string_value(json_object_get(out, "enquiring_borough")),
	                    "Hackney");
	assert_string_equal(json_string_value(json_object_get(out, "lead_borough")), "Camden");
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	assert_string_equal(json_string_value(json_object_get(rec, "enquiring_borough")),
	                    "Hackney");
	assert_string_equal(json_string_value(json_object_get(rec, "owning_borough")), "Camden");
	json_decref(rec);
	/* an unknown borough is refused and writes nothing */
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	in = cat_in(1, NULL);
	json_object_set_new(in, "exploitation_borough", json_string("Atlantis"));
	struct app_err err;
	assert_int_equal(decide(f, "at.lewis", ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "exploitation_borough"));
	fx_assert_counts_unchanged(f, before);
}

static void test_R_CAT_6_looked_after_child_keeps_home_authority_primary(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *child = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "given_names",
	                          "Persephone", "family_name", "Ingleby", "date_of_birth",
	                          "2010-09-09", "residence_borough", "Hackney", "looked_after", 1,
	                          "home_authority", "Camden Children's Services", "host_authority",
	                          "London Borough of Hackney", "iro_name", "R. Example");
	json_t *sub = fx_submit(f, &teacher, fx_referral(child, NULL));
	char ref[32];
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(sub, "record_ref")));
	json_decref(sub);
	json_t *out;
	must_decide(f, ref, cat_in(1, NULL), &out);
	assert_string_equal(json_string_value(json_object_get(out, "primary_authority")),
	                    "Camden Children's Services");
	assert_string_equal(json_string_value(json_object_get(out, "host_authority")),
	                    "London Borough of Hackney");
	/* police lead stays where the child lives */
	assert_string_equal(json_string_value(json_object_get(out, "lead_borough")), "Hackney");
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	json_t *c = json_object_get(rec, "child");
	assert_true(json_is_true(json_object_get(c, "looked_after")));
	assert_string_equal(json_string_value(json_object_get(c, "home_authority")),
	                    "Camden Children's Services");
	json_decref(rec);
}

static void test_R_PATH_8_assessment_team_category_sets_next_steps(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Jessop", "2010-02-04", ref, NULL);
	json_t *in = cat_in(3, NULL), *out;
	json_object_set_new(in, "kind", json_string("assessment_team"));
	json_object_set_new(in, "indicators", json_pack("[s, s]", "c1.emo.1", "c1.mis.1"));
	must_decide(f, ref, in, &out);
	assert_non_null(json_string_value(json_object_get(out, "next_steps")));
	json_decref(out);
	/* unknown indicators are refused (R-CAT-2) */
	in = cat_in(1, NULL);
	json_object_set_new(in, "indicators", json_pack("[s]", "c9.zzz.1"));
	struct app_err err;
	assert_int_equal(decide(f, "at.lewis", ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-CAT-2");
}

/* ---- R-FLAG-1..4 ---- */

static void test_R_FLAG_2_exactly_one_L_flag_after_each_decision(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Kettleby", "2010-02-05", ref, NULL);
	const struct {
		int cat;
		const char *contact, *flag;
	} steps[] = {{1, NULL, "LA"}, {2, "contact", "LB"}, {3, NULL, "LC"}, {1, NULL, "LA"}};
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		must_decide(f, ref, cat_in(steps[i].cat, steps[i].contact), NULL);
		json_t *rec = fx_record(f, ref);
		const char *which = NULL;
		assert_int_equal(l_flags(rec, &which), 1);
		assert_string_equal(which, steps[i].flag);
		assert_true(fx_has_string(json_object_get(rec, "flags"), "ES")); /* R-FLAG-1 */
		json_decref(rec);
	}
	/* the history shows every L flag set and the cleared ones */
	json_t *rec = fx_record(f, ref);
	size_t i, cleared = 0, set = 0;
	json_t *h;
	json_array_foreach(json_object_get(rec, "flag_history"), i, h)
	{
		const char *fl = json_string_value(json_object_get(h, "flag"));
		if (fl[0] == 'L') {
			set++;
			cleared += !json_is_null(json_object_get(h, "cleared_at"));
		}
	}
	assert_int_equal(set, 4);
	assert_int_equal(cleared, 3);
	json_decref(rec);
}

static void test_R_FLAG_3_4_classify_sets_EU_GE_GA(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Anastasia", "Lindqvist", "2010-02-06", ref, NULL);
	struct actor mash = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in =
	        json_pack("{s:[s], s:[s, s], s:b, s:b, s:b}", "exploitation_types", "sexual",
	                  "models", "online", "peer_on_peer", "online", 1, "group", 1, "gang", 0);
	int rc = app_record_classify(f->db, &mash, ref, in, &out, &err);
	if (rc != APP_OK)
		fail_msg("classify: %s (%s)", err.message,
		         err.nfields ? err.fields[0].message : "");
	json_decref(in);
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	json_t *flags = json_object_get(rec, "flags");
	assert_true(fx_has_string(flags, "ES"));
	assert_true(fx_has_string(flags, "EU"));
	assert_true(fx_has_string(flags, "GE"));
	assert_false(fx_has_string(flags, "GA"));
	assert_true(fx_has_string(json_object_get(rec, "models"), "peer_on_peer"));
	assert_true(fx_has_string(json_object_get(rec, "exploitation_types"), "sexual"));
	json_decref(rec);
	/* a gang rather than a group: GE cleared, GA set; models narrowed with history */
	in = json_pack("{s:[s], s:b, s:b}", "models", "online", "group", 0, "gang", 1);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_classify(f->db, &mash, ref, in, &out, &err), APP_OK);
	json_decref(in);
	json_decref(out);
	rec = fx_record(f, ref);
	flags = json_object_get(rec, "flags");
	assert_false(fx_has_string(flags, "GE"));
	assert_true(fx_has_string(flags, "GA"));
	assert_true(fx_has_string(flags, "EU"));
	assert_false(fx_has_string(json_object_get(rec, "models"), "peer_on_peer"));
	json_decref(rec);
	/* a model given twice is refused (R-DEF-3) */
	in = json_pack("{s:[s, s]}", "models", "boyfriend", "boyfriend");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_classify(f->db, &mash, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-3");
	json_decref(in);
	/* unknown codes refused */
	in = json_pack("{s:[s]}", "models", "astrology");
	memset(&err, 0, sizeof err);
	assert_int_equal(app_record_classify(f->db, &mash, ref, in, &out, &err), APP_INVALID);
	json_decref(in);
}

static void test_R_FLAG_3_online_referral_sets_EU(void **state)
{
	struct fx *f = *state;
	struct actor teacher = fx_actor(f, "teacher.jones");
	json_t *in = fx_referral(fx_child("Anastasia", "Montgomerie", "2010-02-07"), NULL);
	json_object_set_new(in, "online", json_true());
	json_t *out = fx_submit(f, &teacher, in);
	json_t *rec = fx_record(f, json_string_value(json_object_get(out, "record_ref")));
	assert_true(fx_has_string(json_object_get(rec, "flags"), "EU"));
	assert_true(fx_has_string(json_object_get(rec, "flags"), "ES"));
	json_decref(rec);
	json_decref(out);
}

/* ---- R-PATH-6 ---- */

static json_t *review_in(bool all)
{
	json_t *items = json_array();
	for (int i = 0; i < 6; i++)
		json_array_append_new(items, json_pack("{s:b, s:s}", "ticked", all || i < 5, "note",
		                                       "Reviewed and agreed."));
	return json_pack("{s:o}", "items", items);
}

static int review(struct fx *f, const char *username, const char *ref, json_t *in,
                  struct app_err *err)
{
	struct actor a = fx_actor(f, username);
	json_t *out = NULL;
	memset(err, 0, sizeof(*err));
	int rc = app_supervisor_review(f->db, &a, ref, in, &out, err);
	json_decref(in);
	json_decref(out);
	return rc;
}

static void test_R_PATH_6_supervisor_review(void **state)
{
	struct fx *f = *state;
	/* ps.clark holds both officer and supervisor roles and files the police report */
	struct actor clark = fx_actor(f, "ps.clark");
	json_t *in = fx_referral(fx_child("Octavia", "Nightingale", "2010-10-10"), NULL);
	fx_police_template(in, 2, "contact");
	json_t *out = fx_submit(f, &clark, in);
	char ref[32];
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	json_decref(out);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	/* the reporting officer may not review their own report */
	assert_int_equal(review(f, "ps.clark", ref, review_in(true), &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-6");
	assert_non_null(strstr(err.message, "reporting officer"));
	/* an officer who is not a supervisor may not review */
	assert_int_equal(review(f, "pc.ames", ref, review_in(true), &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-6");
	/* another supervisor, but one item unticked */
	assert_int_equal(review(f, "ps.dunn", ref, review_in(false), &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-6");
	/* five items only */
	json_t *five = review_in(true);
	json_array_remove(json_object_get(five, "items"), 5);
	assert_int_equal(review(f, "ps.dunn", ref, five, &err), APP_INVALID);
	/* a Threat to Life assessment appropriate but not done */
	json_t *ttl = review_in(true);
	json_object_set_new(ttl, "threat_to_life_appropriate", json_true());
	assert_int_equal(review(f, "ps.dunn", ref, ttl, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-6");
	fx_assert_counts_unchanged(f, before);
	/* another supervisor with all six items: accepted */
	assert_int_equal(review(f, "ps.dunn", ref, review_in(true), &err), APP_OK);
	json_t *rec = fx_record(f, ref);
	json_t *reviews = json_object_get(rec, "supervisor_reviews");
	assert_int_equal(json_array_size(reviews), 1);
	assert_int_equal(json_array_size(json_object_get(json_array_get(reviews, 0), "items")), 6);
	assert_string_equal(
	        json_string_value(json_object_get(json_array_get(reviews, 0), "reviewer")),
	        "ps.dunn");
	json_decref(rec);
}

/* Police reports filed in the same second (every use case here runs at FX_NOW): the
 * reporting officer is whoever filed the latest, always. */
static void test_R_PATH_6_reporting_officer_is_the_latest_reporter(void **state)
{
	struct fx *f = *state;
	struct actor ames = fx_actor(f, "pc.ames"), clark = fx_actor(f, "ps.clark");
	char ref[32], child[ID_MAX];
	json_t *in = fx_referral(fx_child("Philippa", "Tamberlane", "2010-09-09"), NULL);
	fx_police_template(in, 2, "contact");
	json_t *out = fx_submit(f, &ames, in);
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	snprintf(child, sizeof child, "%s", json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	in = fx_referral(NULL, child);
	fx_police_template(in, 0, NULL);
	json_decref(fx_submit(f, &clark, in)); /* ps.clark reports last */
	struct app_err err;
	for (int i = 0; i < 5; i++) { /* the same answer every time */
		assert_int_equal(review(f, "ps.clark", ref, review_in(true), &err), APP_INVALID);
		assert_string_equal(err.rule, "R-PATH-6");
		assert_non_null(strstr(err.message, "reporting officer"));
	}
	in = fx_referral(NULL, child);
	fx_police_template(in, 0, NULL);
	json_decref(fx_submit(f, &ames, in)); /* now pc.ames reports last */
	assert_int_equal(review(f, "ps.clark", ref, review_in(true), &err), APP_OK);
}

static void test_R_PATH_6_threat_to_life_recorded(void **state)
{
	struct fx *f = *state;
	struct actor clark = fx_actor(f, "ps.clark");
	json_t *in = fx_referral(fx_child("Octavia", "Oakenshaw", "2010-10-11"), NULL);
	fx_police_template(in, 3, NULL);
	json_t *out = fx_submit(f, &clark, in);
	char ref[32];
	snprintf(ref, sizeof ref, "%s", json_string_value(json_object_get(out, "record_ref")));
	json_decref(out);
	struct app_err err;
	json_t *ttl = review_in(true);
	json_object_set_new(ttl, "threat_to_life_appropriate", json_true());
	json_object_set_new(ttl, "threat_to_life_done", json_true());
	assert_int_equal(review(f, "ps.dunn", ref, ttl, &err), APP_OK);
	json_t *rec = fx_record(f, ref);
	json_t *r0 = json_array_get(json_object_get(rec, "supervisor_reviews"), 0);
	assert_string_equal(json_string_value(json_object_get(r0, "threat_to_life")), "done");
	json_decref(rec);
	/* not appropriate */
	ttl = review_in(true);
	assert_int_equal(review(f, "ps.dunn", ref, ttl, &err), APP_OK);
	rec = fx_record(f, ref);
	int done = 0, not_app = 0;
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(rec, "supervisor_reviews"), i, r)
	{
		const char *t = json_string_value(json_object_get(r, "threat_to_life"));
		done += strcmp(t, "done") == 0;
		not_app += strcmp(t, "not_appropriate") == 0;
	}
	assert_int_equal(done, 1);
	assert_int_equal(not_app, 1);
	json_decref(rec);
}

/* ---- R-PATH-7 ---- */

static void test_R_PATH_7_essential_steps(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Pemberton", "2011-08-08", ref, NULL);
	struct actor pc = fx_actor(f, "mash.fry");
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in = json_pack("{s:b}", "declined_to_intervene_or_refer", 1);
	assert_int_equal(app_essential_steps(f->db, &pc, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-7");
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:b, s:b}", "immediate_risk", 1, "police_protection_considered", 1);
	assert_int_equal(app_essential_steps(f->db, &pc, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-PATH-7");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);

	/* partial: saved with what is still outstanding */
	memset(&err, 0, sizeof err);
	in = json_pack("{s:b, s:b}", "pnc_marker_done", 1, "mase_referred_or_updated", 1);
	assert_int_equal(app_essential_steps(f->db, &pc, ref, in, &out, &err), APP_OK);
	json_decref(in);
	json_t *left = json_object_get(out, "outstanding");
	assert_true(json_array_size(left) > 0);
	assert_false(fx_has_string(left, "E2"));
	assert_true(fx_has_string(left, "E3")); /* outcome MI not yet considered */
	assert_true(fx_has_string(left, "E5"));
	assert_true(json_is_false(json_object_get(out, "complete")));
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	json_t *steps = json_object_get(rec, "essential_steps");
	assert_true(json_is_object(steps));
	assert_non_null(strstr(json_string_value(json_object_get(steps, "outstanding")), "E5"));
	json_decref(rec);

	/* all five */
	memset(&err, 0, sizeof err);
	in = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:s}", "pnc_marker_done", 1,
	               "mase_referred_or_updated", 1, "outcome_mi_considered", 1,
	               "category_reviewed_by_assessment_team", 1, "flag_set", 1,
	               "declined_to_intervene_or_refer", 0, "e4_rationale", "");
	assert_int_equal(app_essential_steps(f->db, &pc, ref, in, &out, &err), APP_OK);
	json_decref(in);
	assert_int_equal(json_array_size(json_object_get(out, "outstanding")), 0);
	assert_true(json_is_true(json_object_get(out, "complete")));
	json_decref(out);
	rec = fx_record(f, ref);
	steps = json_object_get(rec, "essential_steps");
	assert_string_equal(json_string_value(json_object_get(steps, "outstanding")), "");
	json_decref(rec);
}

/* ---- R-REC-3, R-REC-6 ---- */

static int add_entry(struct fx *f, const char *ref, json_t *in, char id[ID_MAX],
                     struct app_err *err)
{
	struct actor a = fx_actor(f, "mash.fry");
	json_t *out = NULL;
	memset(err, 0, sizeof(*err));
	int rc = app_record_add_entry(f->db, &a, ref, in, &out, err);
	json_decref(in);
	if (rc == APP_OK && id)
		snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	return rc;
}

static json_t *entry_in(const char *text)
{
	return json_pack("{s:s, s:s, s:[s, s], s:s}", "occurred_at", "2026-03-09T18:30:00Z",
	                 "nature", "fact", "people_involved", "the child", "foster carer", "text",
	                 text);
}

static void test_R_REC_3_entry_needs_people_and_nature(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Quennell", "2011-08-09", ref, NULL);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	json_t *in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_del(in, "people_involved");
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "people_involved"));
	in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_set_new(in, "people_involved", json_array());
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_set_new(in, "people_involved", json_pack("[i]", 7));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_del(in, "nature");
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "nature"));
	in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_set_new(in, "nature", json_string("rumour"));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "nature"));
	in = entry_in("Child returned home at 23:00 in a taxi.");
	json_object_set_new(in, "occurred_at", json_string("2026-03-10T13:00:00Z"));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "occurred_at"));
	in = entry_in("");
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_true(fx_field(&err, "text"));
	fx_assert_counts_unchanged(f, before);
	/* a good entry: dated, timed, author and people kept */
	char id[ID_MAX];
	assert_int_equal(
	        add_entry(f, ref, entry_in("Child returned home at 23:00 in a taxi."), id, &err),
	        APP_OK);
	json_t *rec = fx_record(f, ref);
	json_t *e = NULL, *v;
	size_t i;
	json_array_foreach(json_object_get(rec, "chronology"), i, v)
	{
		if (strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
			e = v;
	}
	assert_non_null(e);
	assert_string_equal(json_string_value(json_object_get(e, "occurred_at")),
	                    "2026-03-09T18:30:00Z");
	assert_string_equal(json_string_value(json_object_get(e, "recorded_at")),
	                    "2026-03-10T12:00:00Z");
	assert_string_equal(json_string_value(json_object_get(e, "author_name")), "mash.fry");
	assert_string_equal(json_string_value(json_object_get(e, "nature")), "fact");
	assert_true(fx_has_string(json_object_get(e, "people_involved"), "foster carer"));
	json_decref(rec);
}

static void test_R_REC_6_correction_supersedes_and_keeps_old(void **state)
{
	struct fx *f = *state;
	char ref[32], other[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Rutherglen", "2011-08-10", ref, NULL);
	fx_new_record(f, "teacher.jones", "Isadora", "Sallowfield", "2011-08-11", other, NULL);
	struct app_err err;
	char old_id[ID_MAX], new_id[ID_MAX], foreign[ID_MAX];
	assert_int_equal(add_entry(f, ref, entry_in("Seen with an adult at Kings Cross at 21:00."),
	                           old_id, &err),
	                 APP_OK);
	assert_int_equal(add_entry(f, other, entry_in("Seen at Euston."), foreign, &err), APP_OK);
	int64_t entries = fx_count(f, "record_entries");
	/* a correction says why */
	json_t *in = entry_in("Correction: seen at St Pancras at 21:00, not Kings Cross.");
	json_object_set_new(in, "supersedes", json_string(old_id));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-6");
	assert_true(fx_field(&err, "reason"));
	/* and changes the entry: the same words (white space aside) are no correction */
	in = entry_in("  Seen with an adult at\nKings Cross at 21:00.  ");
	json_object_set_new(in, "supersedes", json_string(old_id));
	json_object_set_new(in, "reason", json_string("Typing error."));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-6");
	assert_true(fx_field(&err, "text"));
	/* a reason belongs to a correction only */
	in = entry_in("A note with a reason.");
	json_object_set_new(in, "reason", json_string("No reason to give."));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_int_equal(fx_count(f, "record_entries"), entries);
	in = entry_in("Correction: seen at St Pancras at 21:00, not Kings Cross.");
	json_object_set_new(in, "supersedes", json_string(old_id));
	json_object_set_new(in, "reason", json_string("The station was named wrongly."));
	assert_int_equal(add_entry(f, ref, in, new_id, &err), APP_OK);
	struct app_err e2 = {0};
	json_t *tl = NULL;
	assert_int_equal(app_record_chronology(f->db, &f->sys, ref, NULL, &tl, &e2), APP_OK);
	json_t *old = NULL, *neu = NULL, *v;
	size_t i;
	json_array_foreach(json_object_get(tl, "entries"), i, v)
	{
		const char *id = json_string_value(json_object_get(v, "id"));
		if (strcmp(id, old_id) == 0)
			old = v;
		if (strcmp(id, new_id) == 0)
			neu = v;
	}
	assert_non_null(old);
	assert_non_null(neu);
	assert_string_equal(json_string_value(json_object_get(old, "superseded_by")), new_id);
	assert_non_null(strstr(json_string_value(json_object_get(old, "text")), "Kings Cross"));
	assert_string_equal(json_string_value(json_object_get(neu, "supersedes_id")), old_id);
	assert_string_equal(json_string_value(json_object_get(neu, "kind")), "correction");
	assert_string_equal(json_string_value(json_object_get(neu, "correction_reason")),
	                    "The station was named wrongly.");
	json_decref(tl);
	json_t *rec = fx_record(f, ref);
	assert_int_equal(
	        fx_audit_count(f, "correct", json_string_value(json_object_get(rec, "id"))), 1);
	json_decref(rec);

	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	/* correcting the superseded entry again: refused (correct the newest instead) */
	in = entry_in("Another correction.");
	json_object_set_new(in, "supersedes", json_string(old_id));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-6");
	/* an entry of another child's record */
	in = entry_in("Wrong record.");
	json_object_set_new(in, "supersedes", json_string(foreign));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-6");
	/* no such entry */
	in = entry_in("Nothing to correct.");
	json_object_set_new(in, "supersedes", json_string("ent_nosuchentry000000000"));
	assert_int_equal(add_entry(f, ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-6");
	fx_assert_counts_unchanged(f, before);
}

/* ---- R-OUT-1 ---- */

static void test_R_OUT_1_MI_on_record_FP_refused(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Tennant-Obi", "2011-08-12", ref, NULL);
	struct actor sw = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", "MI", "achieved_on", "2026-03-08", "note",
	                       "Child engaged with the specialist support worker.");
	assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_OK);
	json_decref(in);
	json_decref(out);
	json_t *rec = fx_record(f, ref);
	json_t *outs = json_object_get(rec, "outcomes");
	assert_int_equal(json_array_size(outs), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(outs, 0), "code")),
	                    "MI");
	json_decref(rec);

	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	const char *bad[] = {"FP", "FO", "FQ", "ZZ"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		memset(&err, 0, sizeof err);
		in = json_pack("{s:s, s:s}", "code", bad[i], "achieved_on", "2026-03-08");
		assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_INVALID);
		assert_non_null(err.rule);
		json_decref(in);
	}
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s, s:s}", "code", "FP", "achieved_on", "2026-03-08");
	assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-OUT-2");
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s, s:s}", "code", "MI", "achieved_on", "2026-03-20");
	assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_INVALID);
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s, s:s}", "code", "MI", "achieved_on", "2026-02-30");
	assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "achieved_on"));
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- R-REC-4, R-REC-5 ---- */

static void test_R_REC_4_external_references(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Underhill", "2011-08-13", ref, NULL);
	struct actor pc = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	json_t *in = json_pack("{s:s, s:s}", "kind", "crime_number", "value", "CAD 4471/26");
	assert_int_equal(app_external_ref_add(f->db, &pc, ref, in, &out, &err), APP_OK);
	assert_true(json_is_true(json_object_get(out, "es_flagged"))); /* R-REC-5, R-FLAG-1 */
	json_decref(in);
	json_decref(out);
	in = json_pack("{s:s, s:s}", "kind", "csc_case", "value", "CSC-77120");
	assert_int_equal(app_external_ref_add(f->db, &pc, ref, in, &out, &err), APP_OK);
	json_decref(in);
	json_decref(out);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	in = json_pack("{s:s, s:s}", "kind", "crime_number", "value", "no digits");
	assert_int_equal(app_external_ref_add(f->db, &pc, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-REC-4");
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s, s:s}", "kind", "passport", "value", "123456");
	assert_int_equal(app_external_ref_add(f->db, &pc, ref, in, &out, &err), APP_INVALID);
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
	json_t *rec = fx_record(f, ref);
	assert_int_equal(json_array_size(json_object_get(rec, "external_refs")), 2);
	json_decref(rec);
}

/* ---- R-DEF-4 ---- */

static void test_R_DEF_4_victim_blaming_word_in_note_or_rationale_refused(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Vexley", "2011-08-14", ref, NULL);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	assert_int_equal(
	        add_entry(f, ref, entry_in("Staff describe her as promiscuous."), NULL, &err),
	        APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-4");
	json_t *in = json_pack("{s:i, s:s}", "category", 1, "rationale",
	                       "A historic allegation and new gifts.");
	assert_int_equal(decide(f, "at.lewis", ref, in, NULL, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-4");
	struct actor sw = fx_actor(f, "mash.fry");
	json_t *out = NULL;
	memset(&err, 0, sizeof err);
	in = json_pack("{s:s, s:s, s:s}", "code", "MI", "achieved_on", "2026-03-08", "note",
	               "No longer consenting to meet him.");
	assert_int_equal(app_outcome_add(f->db, &sw, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-4");
	json_decref(in);
	memset(&err, 0, sizeof err);
	in = json_pack("{s:b, s:s}", "declined_to_intervene_or_refer", 1, "e4_rationale",
	               "She is a prostitute by choice.");
	assert_int_equal(app_essential_steps(f->db, &sw, ref, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-DEF-4");
	json_decref(in);
	fx_assert_counts_unchanged(f, before);
}

/* ---- atomicity and audit ---- */

static void test_category_decision_failing_late_writes_nothing(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Wolstenholme", "2011-08-15", ref, NULL);
	/* the chronology entry is the last write of a decision: make it fail */
	assert_int_equal(db_exec(f->db,
	                         "CREATE TEMP TRIGGER fx_fail_entries BEFORE INSERT ON"
	                         " record_entries BEGIN SELECT RAISE(ABORT, 'forced'); END;"),
	                 DB_OK);
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	struct app_err err;
	json_t *out = NULL;
	assert_int_equal(decide(f, "at.lewis", ref, cat_in(3, NULL), &out, &err), APP_FAILED);
	assert_null(out);
	fx_assert_counts_unchanged(f, before);
	assert_int_equal(db_exec(f->db, "DROP TRIGGER fx_fail_entries"), DB_OK);
	json_t *rec = fx_record(f, ref);
	assert_true(json_is_null(json_object_get(rec, "category")));
	json_decref(rec);
}

static void test_R_INFO_2_record_use_cases_append_audit_events(void **state)
{
	struct fx *f = *state;
	char ref[32];
	fx_new_record(f, "teacher.jones", "Isadora", "Yardley", "2011-08-16", ref, NULL);
	json_t *rec = fx_record(f, ref);
	char rid[ID_MAX];
	snprintf(rid, sizeof rid, "%s", json_string_value(json_object_get(rec, "id")));
	json_decref(rec);
	int64_t views = fx_audit_count(f, "view", rid), changes = fx_audit_count(f, "change", rid);
	struct actor mash = fx_actor(f, "mash.fry");
	struct app_err err = {0};
	json_t *out = NULL;
	assert_int_equal(app_record_get(f->db, &mash, ref, NULL, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "view", rid), views + 1);
	assert_int_equal(app_record_chronology(f->db, &mash, ref, NULL, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "view", rid), views + 2);
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE action = 'view'"
	                                " AND entity_id = $1 AND user_id = $2 AND record_ref = $3",
	                                "sss", rid, mash.user_id, ref),
	                 DB_OK);
	assert_int_equal(n, 2);
	must_decide(f, ref, cat_in(1, NULL), NULL);
	assert_int_equal(
	        add_entry(f, ref, entry_in("Meeting with the child at school."), NULL, &err),
	        APP_OK);
	assert_int_equal(fx_audit_count(f, "change", rid), changes + 2);
	fx_assert_audit_intact(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_CAT_3_category_without_rationale_refused),
	        cmocka_unit_test(test_R_CAT_3_category_2_without_contact_refused),
	        cmocka_unit_test(test_R_CAT_3_history_kept_newest_first),
	        cmocka_unit_test(test_R_CAT_3_decision_dated_in_future_refused),
	        cmocka_unit_test(test_R_CAT_3_who_may_decide),
	        cmocka_unit_test(test_R_CAT_4_contact_cat2_and_cat3_go_to_SET),
	        cmocka_unit_test(test_R_CAT_4_cat1_and_online_cat2_go_to_the_borough),
	        cmocka_unit_test(
	                test_R_CAT_5_exploitation_in_another_borough_sets_enquiring_borough),
	        cmocka_unit_test(test_R_CAT_6_looked_after_child_keeps_home_authority_primary),
	        cmocka_unit_test(test_R_PATH_8_assessment_team_category_sets_next_steps),
	        cmocka_unit_test(test_R_FLAG_2_exactly_one_L_flag_after_each_decision),
	        cmocka_unit_test(test_R_FLAG_3_4_classify_sets_EU_GE_GA),
	        cmocka_unit_test(test_R_FLAG_3_online_referral_sets_EU),
	        cmocka_unit_test(test_R_PATH_6_supervisor_review),
	        cmocka_unit_test(test_R_PATH_6_reporting_officer_is_the_latest_reporter),
	        cmocka_unit_test(test_R_PATH_6_threat_to_life_recorded),
	        cmocka_unit_test(test_R_PATH_7_essential_steps),
	        cmocka_unit_test(test_R_REC_3_entry_needs_people_and_nature),
	        cmocka_unit_test(test_R_REC_6_correction_supersedes_and_keeps_old),
	        cmocka_unit_test(test_R_OUT_1_MI_on_record_FP_refused),
	        cmocka_unit_test(test_R_REC_4_external_references),
	        cmocka_unit_test(test_R_DEF_4_victim_blaming_word_in_note_or_rationale_refused),
	        cmocka_unit_test(test_category_decision_failing_late_writes_nothing),
	        cmocka_unit_test(test_R_INFO_2_record_use_cases_append_audit_events),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
