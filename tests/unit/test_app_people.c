/*
 * test_app_people.c: the use cases about persons of concern (src/app/people.h) against a
 * real database: R-POI-1 (items with source, date and grading; approximate dates of
 * birth; found with the person matcher and never merged by itself), R-POI-2 (PNC markers
 * for persons and children, police only), R-INFO-3 (who sees a person, restricted items
 * and who may restrict), bad input, searches, and that a failed use case writes nothing.
 */
#include "concern_fixture.h"

/* A person with one of each kind of item, graded intelligence by default. */
static json_t *full_person(void)
{
	return json_pack("{s:[{s:s, s:s}, {s:s, s:s, s:s}], s:[{s:i, s:i, s:s}], s:[s],"
	                 " s:[{s:s, s:s, s:s}], s:[{s:s, s:s}], s:[s], s:[{s:s, s:s}],"
	                 " s:s, s:s, s:s, s:s, s:s}",
	                 "names", "name", "Marcus Threlfall", "kind", "name", "name", "Kingpin",
	                 "kind", "street_name", "nature", "fact", "dates_of_birth", "age_min", 25,
	                 "age_max", 30, "on", "2026-03-01", "phones", "07700 900461", "vehicles",
	                 "registration", "ab12 coe", "make", "Ford", "colour", "silver",
	                 "social_media", "handle", "@Kingpin_NW1", "platform", "Snapchat", "groups",
	                 "Northgate Crew", "addresses", "address", "14 Larch Road, London",
	                 "postcode", "nw1 8aa", "nature", "intelligence", "grading", "2/B/P",
	                 "source", "Intelligence report 26/0412", "gender", "male", "description",
	                 "Tall, short dark hair, seen near the station.");
}

static void test_R_POI_1_person_items_sourced_dated_and_graded(void **state)
{
	struct fx *f = *state;
	json_t *in = full_person();
	json_object_set_new(in, "confirm_new", json_true());
	json_t *p = cx_ok(f, app_person_add, "pc.ames", NULL, in);
	const char *id = json_string_value(json_object_get(p, "id"));
	assert_true(id_valid(id, "poc"));
	assert_string_equal(json_string_value(json_object_get(p, "label")), "Marcus Threlfall");
	assert_string_equal(json_string_value(json_object_get(p, "gender")), "male");
	json_t *items = json_object_get(p, "items");
	assert_int_equal(json_array_size(items), 6); /* 2 names, dob, social, group, address */
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *kind = json_string_value(json_object_get(it, "kind"));
		assert_non_null(json_string_value(json_object_get(it, "source")));
		assert_non_null(json_string_value(json_object_get(it, "recorded_at")));
		if (strcmp(kind, "street_name") == 0) { /* its own nature overrides */
			assert_string_equal(json_string_value(json_object_get(it, "nature")),
			                    "fact");
			assert_true(json_is_null(json_object_get(it, "grading")));
		} else {
			assert_string_equal(json_string_value(json_object_get(it, "nature")),
			                    "intelligence");
			assert_string_equal(json_string_value(json_object_get(it, "grading")),
			                    "2/B/P");
		}
		if (strcmp(kind, "date_of_birth") == 0)
			assert_string_equal(json_string_value(json_object_get(it, "value")),
			                    "aged 25 to 30 on 2026-03-01");
		if (strcmp(kind, "address") == 0)
			assert_string_equal(json_string_value(json_object_get(it, "postcode")),
			                    "NW1 8AA");
	}
	/* phones and vehicles are entities of their own, joined by a link */
	json_t *ph = json_array_get(json_object_get(p, "phones"), 0);
	assert_string_equal(json_string_value(json_object_get(ph, "label")), "+447700900461");
	assert_string_equal(json_string_value(json_object_get(ph, "kind")), "uses");
	assert_string_equal(json_string_value(json_object_get(ph, "grading")), "2/B/P");
	json_t *v = json_array_get(json_object_get(p, "vehicles"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "label")), "AB12COE");
	assert_int_equal(cx_audit(f, "create", "person", id), 1);
	assert_true(fx_count(f, "people_keys") > 0);
	/* viewing is audited */
	json_decref(cx_ok(f, app_person_get, "pc.ames", id, NULL));
	assert_int_equal(cx_audit(f, "view", "person", id), 1);
	json_decref(p);
	fx_assert_audit_intact(f);
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

static void test_R_POI_1_possible_match_returns_candidates_never_merges(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	cx_add_person(f, "pc.ames", "Daniel Okonkwo-Bright", "1991-07-19", id);
	struct cx_counts before;
	cx_counts(f, &before);
	/* a nickname and the same date of birth */
	json_t *in = cx_person("Danny Okonkwo-Bright", "1991-07-19");
	json_object_del(in, "confirm_new");
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_add, "pc.brook", NULL, in, &out, &err),
	                 APP_CONFLICT);
	assert_string_equal(err.rule, "R-POI-1");
	assert_true(has_candidate(out, id));
	json_decref(out);
	/* nothing written; the candidate list shown is audited as a search */
	cx_assert_unchanged(f, &before, 1);
	/* day and month swapped, family name misspelt */
	in = cx_person("Daniel Okonkwo-Brite", "1991-07-19");
	json_object_del(in, "confirm_new");
	assert_int_equal(cx_call(f, app_person_add, "pc.brook", NULL, in, &out, &err),
	                 APP_CONFLICT);
	assert_true(has_candidate(out, id));
	json_decref(out);
	/* confirmed new: a second person, never merged */
	char id2[ID_MAX];
	cx_add_person(f, "pc.brook", "Danny Okonkwo-Bright", "1991-07-19", id2);
	assert_string_not_equal(id, id2);
}

static void test_R_POI_1_street_name_alone_finds_the_person(void **state)
{
	struct fx *f = *state;
	json_t *in = json_pack("{s:[{s:s, s:s}], s:s, s:s, s:s, s:b}", "names", "name", "Zedboy",
	                       "kind", "street_name", "nature", "intelligence", "grading", "3/C/P",
	                       "source", "Child's account", "confirm_new", 1);
	char id[ID_MAX];
	cx_id(cx_ok(f, app_person_add, "pc.ames", NULL, in), id);
	in = json_pack("{s:[{s:s, s:s}], s:s, s:s}", "names", "name", "zedboy", "kind", "nickname",
	               "nature", "fact", "source", "Teacher");
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_add, "pc.brook", NULL, in, &out, &err),
	                 APP_CONFLICT);
	assert_true(has_candidate(out, id));
	json_decref(out);
	/* and a search by that name */
	out = cx_ok(f, app_person_search, "pc.brook", NULL, json_pack("{s:s}", "name", "Zedboy"));
	assert_true(cx_has(json_object_get(out, "results"), "id", id));
	json_decref(out);
}

static void test_R_POI_1_grading_out_of_scale_refused_naming_the_field(void **state)
{
	struct fx *f = *state;
	struct cx_counts before;
	cx_counts(f, &before);
	static const struct {
		const char *grading, *nature;
		const char *field;
	} cases[] = {
	        {"4/B/P", "intelligence", "names[0].grading"}, /* source evaluation 1-3 */
	        {"2/F/P", "intelligence", "names[0].grading"}, /* assessment A-E */
	        {"2/B/X", "intelligence", "names[0].grading"}, /* handling P or C */
	        {"2-B", "intelligence", "names[0].grading"},   /* not a grading */
	        {NULL, "intelligence", "names[0].grading"},    /* intelligence ungraded */
	        {"1/A/P", "fact", "names[0].grading"},         /* a fact is not graded */
	        {"2/B/C", "intelligence", "names[0].handling_conditions"},
	        {NULL, "rumour", "names[0].nature"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *in = json_pack("{s:[{s:s, s:s, s:s?}], s:s, s:b}", "names", "name",
		                       "Orrin Vale", "nature", cases[i].nature, "grading",
		                       cases[i].grading, "source", "PNC", "confirm_new", 1);
		json_t *out;
		struct app_err err;
		assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err),
		                 APP_INVALID);
		if (!fx_field(&err, cases[i].field))
			fail_msg("case %zu: no error on %s (%s: %s)", i, cases[i].field,
			         err.nfields ? err.fields[0].field : "-", err.message);
		assert_null(out);
	}
	/* a person with no name at all, and an unknown field */
	json_t *out;
	struct app_err err;
	json_t *in = json_pack("{s:[s], s:s, s:s}", "groups", "Northgate Crew", "nature", "fact",
	                       "source", "PNC");
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "names"));
	assert_string_equal(err.rule, "R-POI-1");
	in = cx_person("Orrin Vale", NULL);
	json_object_set_new(in, "shoe_size", json_integer(9));
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	/* no source anywhere; a bad date of birth; a bad postcode */
	in = json_pack("{s:[s], s:s}", "names", "Orrin Vale", "nature", "fact");
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "names[0].source"));
	in = cx_person("Orrin Vale", "2027-01-01");
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "dates_of_birth[0].date"));
	in = cx_person("Orrin Vale", NULL);
	json_object_set_new(in, "dates_of_birth",
	                    json_pack("[{s:i, s:i}]", "age_min", 40, "age_max", 20));
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "dates_of_birth[0].date"));
	in = cx_person("Orrin Vale", NULL);
	json_object_set_new(
	        in, "addresses",
	        json_pack("[{s:s, s:s}]", "address", "1 High Street", "postcode", "NOT A CODE"));
	assert_int_equal(cx_call(f, app_person_add, "pc.ames", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "addresses[0].postcode"));
	/* nothing was written by any of them */
	cx_assert_unchanged(f, &before, 0);
}

static void test_R_INFO_3_only_entitled_police_restrict(void **state)
{
	struct fx *f = *state;
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *in = cx_person("Perry Quint", NULL);
	json_t *names = json_object_get(in, "names");
	json_object_set_new(json_array_get(names, 0), "restricted", json_true());
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_add, "sw.green", NULL, in, &out, &err), APP_INVALID);
	assert_true(fx_field(&err, "names[0].restricted"));
	assert_string_equal(err.rule, "R-INFO-3");
	in = cx_person("Perry Quint", NULL);
	json_object_set_new(in, "restricted", json_true());
	assert_int_equal(cx_call(f, app_person_add, "mash.fry", NULL, in, &out, &err), APP_INVALID);
	assert_string_equal(err.rule, "R-INFO-3");
	cx_assert_unchanged(f, &before, 0);
}

static void test_R_INFO_3_restricted_item_hidden_from_non_police(void **state)
{
	struct fx *f = *state;
	json_t *in = cx_person("Quentin Ashdown", NULL);
	json_array_append_new(json_object_get(in, "names"),
	                      json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "name", "Q-Dog", "kind",
	                                "street_name", "nature", "intelligence", "grading", "1/A/C",
	                                "handling_conditions", "Covert source: police only",
	                                "restricted", 1));
	char id[ID_MAX];
	cx_id(cx_ok(f, app_person_add, "pc.ames", NULL, in), id);
	/* the MASH sees every person, but not what is restricted */
	json_t *p = cx_ok(f, app_person_get, "mash.fry", id, NULL);
	assert_int_equal(json_array_size(json_object_get(p, "items")), 1);
	assert_false(cx_has(json_object_get(p, "items"), "value", "Q-Dog"));
	json_decref(p);
	/* entitled police do */
	p = cx_ok(f, app_person_get, "ps.clark", id, NULL);
	assert_true(cx_has(json_object_get(p, "items"), "value", "Q-Dog"));
	json_decref(p);
	/* a search by the restricted name finds nothing for the MASH */
	json_t *out =
	        cx_ok(f, app_person_search, "mash.fry", NULL, json_pack("{s:s}", "name", "Q-Dog"));
	assert_false(cx_has(json_object_get(out, "results"), "id", id));
	json_decref(out);
	out = cx_ok(f, app_person_search, "ps.clark", NULL, json_pack("{s:s}", "name", "Q-Dog"));
	assert_true(cx_has(json_object_get(out, "results"), "id", id));
	json_decref(out);
	/* a person whose every name is restricted is labelled without one */
	in = json_pack("{s:[{s:s}], s:s, s:s, s:s, s:b, s:b}", "names", "name", "Rufus Hale",
	               "nature", "intelligence", "grading", "2/B/P", "source", "CHIS", "restricted",
	               1, "confirm_new", 1);
	json_t *r = cx_ok(f, app_person_add, "pc.ames", NULL, in);
	assert_string_equal(json_string_value(json_object_get(r, "label")),
	                    "Person of concern (name restricted)");
	json_decref(r);
}

static void test_R_INFO_3_who_sees_a_person(void **state)
{
	struct fx *f = *state;
	char pid[ID_MAX], child[ID_MAX], ref[32];
	cx_add_person(f, "pc.ames", "Silas Wetherby", NULL, pid);
	fx_new_record(f, "sw.green", "Tamsin", "Orchard", "2011-05-05", ref, child);
	/* police and partnership-wide roles see every person */
	json_decref(cx_ok(f, app_person_get, "pc.brook", pid, NULL));
	json_decref(cx_ok(f, app_person_get, "mash.fry", pid, NULL));
	json_decref(cx_ok(f, app_person_get, NULL, pid, NULL));
	/* another agency's practitioner does not: answered like absence, refusal audited */
	json_t *out;
	struct app_err err;
	int64_t refused = cx_audit(f, "refused", "person", pid);
	assert_int_equal(cx_call(f, app_person_get, "sw.green", pid, NULL, &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such person of concern.");
	assert_int_equal(cx_audit(f, "refused", "person", pid), refused + 1);
	/* ... until the person is linked to a child they see */
	cx_add_link(f, "ps.clark", pid, child, "associate", NULL);
	json_decref(cx_ok(f, app_person_get, "sw.green", pid, NULL));
	/* an agency that does not see the child still does not see the person */
	assert_int_equal(cx_call(f, app_person_get, "nurse.irwin", pid, NULL, &out, &err),
	                 APP_NOT_FOUND);
	/* auditors and administrators see no person at all */
	assert_int_equal(cx_call(f, app_person_get, "aud.king", pid, NULL, &out, &err),
	                 APP_FORBIDDEN);
	/* a restricted link grants nothing */
	char p2[ID_MAX];
	cx_add_person(f, "pc.ames", "Tobias Renwick", NULL, p2);
	json_t *l = cx_link(p2, child, "associate");
	json_object_set_new(l, "restricted", json_true());
	json_decref(cx_ok(f, app_link_add, "ps.clark", NULL, l));
	assert_int_equal(cx_call(f, app_person_get, "sw.green", p2, NULL, &out, &err),
	                 APP_NOT_FOUND);
	/* a person recorded by one's own agency is seen */
	char p3[ID_MAX];
	cx_add_person(f, "nurse.irwin", "Ulric Fane", NULL, p3);
	json_decref(cx_ok(f, app_person_get, "nurse.irwin", p3, NULL));
	assert_int_equal(cx_call(f, app_person_get, "nurse.hill", p3, NULL, &out, &err),
	                 APP_NOT_FOUND);
	/* a malformed or unknown id */
	assert_int_equal(cx_call(f, app_person_get, "pc.ames", "poc_nope", NULL, &out, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(cx_call(f, app_person_get, "pc.ames", child, NULL, &out, &err),
	                 APP_NOT_FOUND);
}

static void test_R_POI_1_search_by_name_dob_phone_and_vehicle(void **state)
{
	struct fx *f = *state;
	json_t *in =
	        json_pack("{s:[s, {s:s, s:s}], s:[{s:s}], s:[s], s:[s], s:s, s:s, s:b}", "names",
	                  "Victor Lindqvist", "name", "Vic", "kind", "nickname", "dates_of_birth",
	                  "date", "1988-11-02", "phones", "0207 946 0321", "vehicles", "KX0I ABC",
	                  "nature", "fact", "source", "PNC", "confirm_new", 1);
	char id[ID_MAX];
	cx_id(cx_ok(f, app_person_add, "pc.ames", NULL, in), id);
	struct {
		json_t *q;
		bool found;
	} cases[] = {
	        {json_pack("{s:s}", "name", "Victor Lindqvist"), true},
	        {json_pack("{s:s}", "name", "Viktor Lindkvist"), true}, /* spelling */
	        {json_pack("{s:s, s:s}", "name", "Vic Lindqvist", "date_of_birth", "1988-02-11"),
	         true}, /* day/month */
	        {json_pack("{s:s}", "date_of_birth", "1988-11-02"), true},
	        {json_pack("{s:s}", "date_of_birth", "1988-11-03"), false},
	        {json_pack("{s:s}", "phone", "+44 20 7946 0321"), true}, /* another form */
	        {json_pack("{s:s}", "vehicle", "kx01abc"), true},        /* O/0 and I/1 */
	        {json_pack("{s:s}", "vehicle", "KX01 ABD"), false},
	        {json_pack("{s:s, s:s}", "name", "Victor Lindqvist", "phone", "07700 900999"),
	         false}, /* every criterion must hold */
	        {json_pack("{s:s}", "name", "Wendell Marsh"), false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *out = cx_ok(f, app_person_search, "pc.brook", NULL, cases[i].q);
		if (cx_has(json_object_get(out, "results"), "id", id) != cases[i].found)
			fail_msg("search case %zu: found is not %d", i, cases[i].found);
		json_decref(out);
	}
	/* searches are audited; a practitioner who sees no such person finds nothing */
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM audit_events WHERE action = 'search'"
	                                " AND entity_type = 'person'",
	                                ""),
	                 DB_OK);
	assert_true(n >= (int64_t)ARRAY_LEN(cases));
	json_t *out = cx_ok(f, app_person_search, "teacher.jones", NULL,
	                    json_pack("{s:s}", "name", "Victor Lindqvist"));
	assert_int_equal(json_array_size(json_object_get(out, "results")), 0);
	json_decref(out);
	/* an empty search is refused */
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_search, "pc.brook", NULL, json_object(), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "name"));
}

static void test_R_POI_1_items_added_later_and_person_changed(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	cx_add_person(f, "pc.ames", "Wilfred Amberley", NULL, id);
	json_t *in = json_pack("{s:[{s:s, s:s}], s:[{s:i}], s:s, s:s, s:s}", "names", "name",
	                       "Wilf", "kind", "nickname", "dates_of_birth", "year", 1985, "nature",
	                       "intelligence", "grading", "3/D/P", "source", "Anonymous call");
	json_t *p = cx_ok(f, app_person_items_add, "pc.brook", id, in);
	assert_int_equal(json_array_size(json_object_get(p, "items")), 3);
	assert_true(cx_has(json_object_get(p, "items"), "value", "born in 1985"));
	json_decref(p);
	/* the new name finds the person (keys kept current) */
	json_t *out = cx_ok(
	        f, app_person_search, "pc.brook", NULL,
	        json_pack("{s:s, s:s}", "name", "Wilf Amberley", "date_of_birth", "1985-06-01"));
	assert_true(cx_has(json_object_get(out, "results"), "id", id));
	json_decref(out);
	p = cx_ok(f, app_person_update, "pc.brook", id,
	          json_pack("{s:s, s:s}", "gender", "male", "description", "Walks with a limp."));
	assert_string_equal(json_string_value(json_object_get(p, "description")),
	                    "Walks with a limp.");
	json_decref(p);
	assert_int_equal(cx_audit(f, "update", "person", id), 2);
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_update, "pc.brook", id,
	                         json_pack("{s:s}", "gender", "tall"), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "gender"));
	assert_int_equal(cx_call(f, app_person_update, "pc.brook", id, json_object(), &out, &err),
	                 APP_INVALID);
	assert_int_equal(cx_call(f, app_person_items_add, "pc.brook", id,
	                         json_pack("{s:s, s:s}", "nature", "fact", "source", "PNC"), &out,
	                         &err),
	                 APP_INVALID);
	/* only entitled police restrict the person */
	assert_int_equal(cx_call(f, app_person_update, "mash.fry", id,
	                         json_pack("{s:b}", "restricted", 1), &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.rule, "R-INFO-3");
	json_decref(
	        cx_ok(f, app_person_update, "ps.clark", id, json_pack("{s:b}", "restricted", 1)));
	assert_int_equal(cx_call(f, app_person_get, "mash.fry", id, NULL, &out, &err),
	                 APP_NOT_FOUND);
}

/* How many people_keys rows person `id` has under `key`. */
static int64_t key_rows(struct fx *f, const char *id, const char *key)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM people_keys WHERE person_id = $1"
	                                " AND key = $2",
	                                "ss", id, key),
	                 DB_OK);
	return n;
}

static void test_R_POI_1_keys_follow_links_to_phones(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX], tel[ID_MAX], lid[ID_MAX];
	cx_add_person(f, "pc.ames", "Yorick Tamblyn", NULL, id);
	cx_id(cx_ok(f, app_phone_find_or_add, "pc.ames", NULL,
	            json_pack("{s:s}", "number", "07700 900555")),
	      tel);
	assert_int_equal(key_rows(f, id, "T:+447700900555"), 0);
	cx_add_link(f, "pc.ames", id, tel, "uses", lid);
	assert_int_equal(key_rows(f, id, "T:+447700900555"), 1);
	json_decref(cx_ok(f, app_link_end, "pc.ames", lid,
	                  json_pack("{s:s}", "reason", "Number passed on to someone else.")));
	assert_int_equal(key_rows(f, id, "T:+447700900555"), 0);
	/* the person's name keys are still there */
	assert_true(key_rows(f, id, "K:yorick tamblyn") == 1);
}

static void test_R_POI_2_person_pnc_marker_police_only(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	cx_add_person(f, "pc.ames", "Xavier Pell", NULL, id);
	json_t *p = cx_ok(f, app_person_get, "pc.ames", id, NULL);
	assert_true(json_is_null(json_object_get(p, "pnc_marker"))); /* not yet recorded */
	json_decref(p);
	json_t *m = cx_ok(f, app_person_pnc_marker, "pc.ames", id,
	                  json_pack("{s:s}", "status", "not_done"));
	assert_string_equal(json_string_value(json_object_get(m, "pnc_marker")), "not_done");
	json_decref(m);
	json_decref(cx_ok(f, app_person_pnc_marker, "pc.brook", id,
	                  json_pack("{s:s, s:s}", "status", "done", "note", "Marker 26/1180")));
	p = cx_ok(f, app_person_get, "mash.fry", id, NULL);
	assert_string_equal(json_string_value(json_object_get(p, "pnc_marker")), "done");
	assert_string_equal(json_string_value(json_object_get(p, "pnc_marker_by_name")),
	                    "pc.brook");
	assert_string_equal(json_string_value(json_object_get(p, "pnc_marker_at")),
	                    "2026-03-10T12:00:00Z");
	json_decref(p);
	assert_int_equal(cx_audit(f, "pnc_marker", "person", id), 2);
	/* not police: refused, nothing written */
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_person_pnc_marker, "mash.fry", id,
	                         json_pack("{s:s}", "status", "done"), &out, &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-POI-2");
	assert_int_equal(cx_call(f, app_person_pnc_marker, "pc.ames", id,
	                         json_pack("{s:s}", "status", "pending"), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "status"));
	cx_assert_unchanged(f, &before, 0);
}

static void test_R_POI_2_child_pnc_marker_on_the_record(void **state)
{
	struct fx *f = *state;
	char child[ID_MAX], ref[32];
	fx_new_record(f, "sw.green", "Yasmin", "Quarrie", "2010-09-09", ref, child);
	json_t *m = cx_ok(f, app_child_pnc_marker_get, "sw.green", child, NULL);
	assert_true(json_is_null(json_object_get(m, "status")));
	json_decref(m);
	json_decref(cx_ok(f, app_child_pnc_marker, "ps.clark", child,
	                  json_pack("{s:s}", "status", "done")));
	m = cx_ok(f, app_child_pnc_marker_get, "sw.green", child, NULL);
	assert_string_equal(json_string_value(json_object_get(m, "status")), "done");
	assert_string_equal(json_string_value(json_object_get(m, "recorded_by_name")), "ps.clark");
	json_decref(m);
	assert_int_equal(cx_entries(f, ref, "pnc_marker", "PNC locate/trace marker"), 1);
	assert_int_equal(cx_audit(f, "pnc_marker", "child", child), 1);
	/* a social worker records no PNC marker; a police officer must see the child */
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_child_pnc_marker, "sw.green", child,
	                         json_pack("{s:s}", "status", "done"), &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(
	        cx_call(f, app_child_pnc_marker_get, "nurse.irwin", child, NULL, &out, &err),
	        APP_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_POI_1_person_items_sourced_dated_and_graded),
	        cmocka_unit_test(test_R_POI_1_possible_match_returns_candidates_never_merges),
	        cmocka_unit_test(test_R_POI_1_street_name_alone_finds_the_person),
	        cmocka_unit_test(test_R_POI_1_grading_out_of_scale_refused_naming_the_field),
	        cmocka_unit_test(test_R_INFO_3_only_entitled_police_restrict),
	        cmocka_unit_test(test_R_INFO_3_restricted_item_hidden_from_non_police),
	        cmocka_unit_test(test_R_INFO_3_who_sees_a_person),
	        cmocka_unit_test(test_R_POI_1_search_by_name_dob_phone_and_vehicle),
	        cmocka_unit_test(test_R_POI_1_items_added_later_and_person_changed),
	        cmocka_unit_test(test_R_POI_1_keys_follow_links_to_phones),
	        cmocka_unit_test(test_R_POI_2_person_pnc_marker_police_only),
	        cmocka_unit_test(test_R_POI_2_child_pnc_marker_on_the_record),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
