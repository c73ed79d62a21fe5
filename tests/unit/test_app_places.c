/*
 * test_app_places.c: the use cases about places, vehicles and phones (src/app/places.h)
 * against a real database: R-LOC-1 (places of every type, the derived counts of
 * children and episodes, hotspots marked and unmarked with a rationale by those who
 * may), R-INFO-3 (who sees a place), vehicles and phones found by their normalised key
 * and an unparseable registration or number kept as given and marked, never dropped.
 */
#include "concern_fixture.h"

static json_t *place(const char *type, const char *name, const char *postcode)
{
	return json_pack("{s:s, s:s?, s:s?, s:s, s:s}", "type", type, "name", name, "postcode",
	                 postcode, "borough", "Camden", "address", "Camden High Street");
}

static void test_R_LOC_1_place_added_with_its_details(void **state)
{
	struct fx *f = *state;
	json_t *p = cx_ok(f, app_place_add, "sw.green", NULL,
	                  place("b_and_b", "Laurel Guest House", "nw1 7qq"));
	const char *id = json_string_value(json_object_get(p, "id"));
	assert_true(id_valid(id, "plc"));
	assert_string_equal(json_string_value(json_object_get(p, "postcode")), "NW1 7QQ");
	assert_string_equal(json_string_value(json_object_get(p, "outward")), "NW1");
	assert_string_equal(json_string_value(json_object_get(p, "borough")), "Camden");
	assert_false(json_is_true(json_object_get(p, "hotspot")));
	assert_int_equal(json_integer_value(json_object_get(p, "children")), 0);
	assert_int_equal(cx_audit(f, "create", "place", id), 1);
	json_decref(p);
	/* an outward code alone is kept as such */
	p = cx_ok(f, app_place_add, "sw.green", NULL, place("park", "Cantelowes Gardens", "NW5"));
	assert_true(json_is_null(json_object_get(p, "postcode")));
	assert_string_equal(json_string_value(json_object_get(p, "outward")), "NW5");
	json_decref(p);
	/* bad input names the field and writes nothing */
	struct cx_counts before;
	cx_counts(f, &before);
	struct {
		json_t *in;
		const char *field;
	} cases[] = {
	        {place("castle", "Keep", NULL), "type"},
	        {json_pack("{s:s}", "type", "shop"), "name"},
	        {place("hotel", "Station Hotel", "ZZ"), "postcode"},
	        {json_pack("{s:s, s:s}", "type", "private_address", "name", "Flat 2"), "address"},
	        {json_pack("{s:s, s:s, s:s}", "type", "hotel", "name", "Station Hotel", "borough",
	                   "Atlantis"),
	         "borough"},
	        {json_pack("{s:s, s:s, s:b}", "type", "hotel", "name", "Station Hotel",
	                   "restricted", 1),
	         "restricted"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *out;
		struct app_err err;
		assert_int_equal(
		        cx_call(f, app_place_add, "sw.green", NULL, cases[i].in, &out, &err),
		        APP_INVALID);
		if (!fx_field(&err, cases[i].field))
			fail_msg("case %zu: no error on %s (%s)", i, cases[i].field, err.message);
	}
	cx_assert_unchanged(f, &before, 0);
}

static void test_R_LOC_1_same_place_returns_candidates(void **state)
{
	struct fx *f = *state;
	char id[ID_MAX];
	cx_id(cx_ok(f, app_place_add, "pc.ames", NULL, place("hotel", "Regent Lodge", "NW1 6XE")),
	      id);
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_place_add, "pc.brook", NULL,
	                         place("hotel", "The Regent Lodge Hotel", "nw1 6xe"), &out, &err),
	                 APP_CONFLICT);
	assert_string_equal(err.rule, "R-LOC-1");
	assert_true(cx_has(json_object_get(out, "candidates"), "id", id));
	json_decref(out);
	cx_assert_unchanged(f, &before, 1);
	/* a practitioner who does not see the place is not shown it */
	json_t *in = place("hotel", "Regent Lodge", NULL);
	assert_int_equal(cx_call(f, app_place_add, "teacher.jones", NULL, in, &out, &err), APP_OK);
	json_decref(out);
	in = place("hotel", "The Regent Lodge Hotel", "NW1 6XE");
	json_object_set_new(in, "confirm_new", json_true());
	json_decref(cx_ok(f, app_place_add, "pc.brook", NULL, in));
}

static void test_R_LOC_1_counts_suggest_and_a_rationale_marks_a_hotspot(void **state)
{
	struct fx *f = *state;
	char plc[ID_MAX], r1[32], r2[32], c1[ID_MAX], c2[ID_MAX];
	cx_id(cx_ok(f, app_place_add, "sw.green", NULL, place("hostel", "Northway Hostel", NULL)),
	      plc);
	fx_new_record(f, "sw.green", "Lowri", "Mabbutt", "2010-04-04", r1, c1);
	fx_new_record(f, "sw.green", "Morwenna", "Nutley", "2011-08-08", r2, c2);
	cx_add_link(f, "sw.green", c1, plc, "visited", NULL);
	json_t *p = cx_ok(f, app_place_get, "sw.green", plc, NULL);
	assert_int_equal(json_integer_value(json_object_get(p, "children")), 1);
	assert_false(json_is_true(json_object_get(p, "hotspot_suggested")));
	json_decref(p);
	cx_add_link(f, "sw.green", c2, plc, "found_at", NULL);
	cx_add_link(f, "sw.green", c2, plc, "visited", NULL); /* the same child twice: one */
	p = cx_ok(f, app_place_get, "sw.green", plc, NULL);
	assert_int_equal(json_integer_value(json_object_get(p, "children")), 2);
	assert_int_equal(json_integer_value(json_object_get(p, "episodes")), 0);
	assert_true(json_is_true(json_object_get(p, "hotspot_suggested")));
	assert_false(json_is_true(json_object_get(p, "hotspot"))); /* suggested, never set */
	json_decref(p);
	assert_int_equal(cx_audit(f, "view", "place", plc), 2);
	/* a social worker may not mark it; the MASE chair's roles may, with a rationale */
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *out;
	struct app_err err;
	const char *why = "Two children visited in a week; staff report older men waiting.";
	assert_int_equal(cx_call(f, app_place_hotspot, "sw.green", plc,
	                         json_pack("{s:b, s:s}", "hotspot", 1, "rationale", why), &out,
	                         &err),
	                 APP_FORBIDDEN);
	assert_string_equal(err.rule, "R-LOC-1");
	assert_int_equal(cx_call(f, app_place_hotspot, "mash.fry", plc,
	                         json_pack("{s:b}", "hotspot", 1), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "rationale"));
	cx_assert_unchanged(f, &before, 0);
	p = cx_ok(f, app_place_hotspot, "mash.fry", plc,
	          json_pack("{s:b, s:s}", "hotspot", 1, "rationale", why));
	assert_true(json_is_true(json_object_get(p, "hotspot")));
	assert_string_equal(json_string_value(json_object_get(p, "hotspot_rationale")), why);
	assert_string_equal(json_string_value(json_object_get(p, "hotspot_by_name")), "mash.fry");
	json_decref(p);
	p = cx_ok(f, app_place_hotspot, "ps.clark", plc,
	          json_pack("{s:b, s:s}", "hotspot", 0, "rationale",
	                    "Hostel closed by the council."));
	assert_false(json_is_true(json_object_get(p, "hotspot")));
	assert_int_equal(json_array_size(json_object_get(p, "hotspot_history")), 2);
	json_decref(p);
	assert_int_equal(cx_audit(f, "hotspot_mark", "place", plc), 1);
	assert_int_equal(cx_audit(f, "hotspot_unmark", "place", plc), 1);
	/* the list of hotspots */
	json_decref(cx_ok(f, app_place_hotspot, "ps.clark", plc,
	                  json_pack("{s:b, s:s}", "hotspot", 1, "rationale", why)));
	json_t *list =
	        cx_ok(f, app_places_list, "ps.clark", NULL, json_pack("{s:b}", "hotspots", 1));
	json_t *places = json_object_get(list, "places");
	assert_true(cx_has(places, "id", plc));
	size_t i;
	json_t *r;
	json_array_foreach(places, i, r) assert_true(json_is_true(json_object_get(r, "hotspot")));
	json_decref(list);
}

static void test_R_INFO_3_who_sees_a_place(void **state)
{
	struct fx *f = *state;
	char plc[ID_MAX], ref[32], child[ID_MAX];
	cx_id(cx_ok(f, app_place_add, "pc.ames", NULL, place("shop", "Corner Vape Shop", NULL)),
	      plc);
	fx_new_record(f, "sw.green", "Nerys", "Oakden", "2010-06-06", ref, child);
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_place_get, "sw.green", plc, NULL, &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such place.");
	assert_int_equal(cx_audit(f, "refused", "place", plc), 1);
	json_t *list = cx_ok(f, app_places_list, "sw.green", NULL, NULL);
	assert_false(cx_has(json_object_get(list, "places"), "id", plc));
	json_decref(list);
	cx_add_link(f, "ps.clark", child, plc, "visited", NULL);
	json_decref(cx_ok(f, app_place_get, "sw.green", plc, NULL));
	list = cx_ok(f, app_places_list, "sw.green", NULL, NULL);
	assert_true(cx_has(json_object_get(list, "places"), "id", plc));
	json_decref(list);
	/* a restricted place only for entitled police */
	json_t *in = place("other", "Observation point", NULL);
	json_object_set_new(in, "restricted", json_true());
	char hidden[ID_MAX];
	cx_id(cx_ok(f, app_place_add, "pc.ames", NULL, in), hidden);
	assert_int_equal(cx_call(f, app_place_get, "mash.fry", hidden, NULL, &out, &err),
	                 APP_NOT_FOUND);
	json_decref(cx_ok(f, app_place_get, "pc.brook", hidden, NULL));
	list = cx_ok(f, app_places_list, "mash.fry", NULL, json_pack("{s:i}", "limit", 200));
	assert_false(cx_has(json_object_get(list, "places"), "id", hidden));
	json_decref(list);
	assert_int_equal(cx_call(f, app_places_list, "aud.king", NULL, NULL, &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(cx_call(f, app_places_list, "mash.fry", NULL,
	                         json_pack("{s:s}", "type", "castle"), &out, &err),
	                 APP_INVALID);
}

static void test_R_LOC_1_unparseable_plate_and_number_kept_and_marked(void **state)
{
	struct fx *f = *state;
	/* one vehicle however its registration is written */
	json_t *a = cx_ok(f, app_vehicle_find_or_add, "sw.green", NULL,
	                  json_pack("{s:s, s:s}", "registration", "AB12 COE", "make", "Vauxhall"));
	assert_true(json_is_true(json_object_get(a, "created")));
	assert_true(json_is_true(json_object_get(a, "parsed")));
	assert_string_equal(json_string_value(json_object_get(a, "vrm")), "AB12COE");
	json_t *b = cx_ok(f, app_vehicle_find_or_add, "pc.ames", NULL,
	                  json_pack("{s:s, s:s}", "registration", "ab12c0e", "colour", "black"));
	assert_false(json_is_true(json_object_get(b, "created")));
	assert_string_equal(json_string_value(json_object_get(a, "id")),
	                    json_string_value(json_object_get(b, "id")));
	/* what was unknown is filled in, what was known is kept */
	assert_string_equal(json_string_value(json_object_get(b, "make")), "Vauxhall");
	assert_string_equal(json_string_value(json_object_get(b, "colour")), "black");
	json_decref(a);
	json_decref(b);
	/* not a registration: kept as given, marked, found again by the same text */
	a = cx_ok(f, app_vehicle_find_or_add, "sw.green", NULL,
	          json_pack("{s:s}", "registration", "red car, part plate KD"));
	assert_false(json_is_true(json_object_get(a, "parsed")));
	assert_true(json_is_null(json_object_get(a, "vrm")));
	assert_string_equal(json_string_value(json_object_get(a, "registration")),
	                    "red car, part plate KD");
	b = cx_ok(f, app_vehicle_find_or_add, "pc.ames", NULL,
	          json_pack("{s:s}", "registration", "red car, part plate KD"));
	assert_string_equal(json_string_value(json_object_get(a, "id")),
	                    json_string_value(json_object_get(b, "id")));
	json_decref(a);
	json_decref(b);
	/* phones: UK forms to E.164 */
	a = cx_ok(f, app_phone_find_or_add, "sw.green", NULL,
	          json_pack("{s:s}", "number", "07700 900 777"));
	b = cx_ok(f, app_phone_find_or_add, "pc.ames", NULL,
	          json_pack("{s:s}", "number", "+44 (0)7700 900777"));
	assert_string_equal(json_string_value(json_object_get(a, "e164")), "+447700900777");
	assert_string_equal(json_string_value(json_object_get(a, "id")),
	                    json_string_value(json_object_get(b, "id")));
	char tel[ID_MAX];
	cx_id(json_incref(a), tel);
	json_decref(a);
	json_decref(b);
	a = cx_ok(f, app_phone_find_or_add, "sw.green", NULL,
	          json_pack("{s:s}", "number", "ends 4471, unknown network"));
	assert_false(json_is_true(json_object_get(a, "parsed")));
	assert_string_equal(json_string_value(json_object_get(a, "number")),
	                    "ends 4471, unknown network");
	json_decref(a);
	/* a person's unparseable number is kept too, on a link */
	json_t *in = cx_person("Osric Penhale", NULL);
	json_object_set_new(in, "phones", json_pack("[s]", "0770O 9OO 12"));
	json_t *p = cx_ok(f, app_person_add, "pc.ames", NULL, in);
	json_t *ph = json_array_get(json_object_get(p, "phones"), 0);
	assert_false(json_is_true(json_object_get(ph, "parsed")));
	assert_string_equal(json_string_value(json_object_get(ph, "label")), "0770O 9OO 12");
	json_decref(p);
	/* gets are audited; an auditor sees none; an empty registration is refused */
	json_decref(cx_ok(f, app_phone_get, "teacher.jones", tel, NULL));
	assert_int_equal(cx_audit(f, "view", "phone", tel), 2); /* found once, shown once */
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_phone_get, "aud.king", tel, NULL, &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(cx_call(f, app_vehicle_find_or_add, "sw.green", NULL,
	                         json_pack("{s:s}", "registration", ""), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "registration"));
	assert_int_equal(cx_call(f, app_vehicle_find_or_add, "aud.king", NULL,
	                         json_pack("{s:s}", "registration", "AB12CDE"), &out, &err),
	                 APP_FORBIDDEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_LOC_1_place_added_with_its_details),
	        cmocka_unit_test(test_R_LOC_1_same_place_returns_candidates),
	        cmocka_unit_test(test_R_LOC_1_counts_suggest_and_a_rationale_marks_a_hotspot),
	        cmocka_unit_test(test_R_INFO_3_who_sees_a_place),
	        cmocka_unit_test(test_R_LOC_1_unparseable_plate_and_number_kept_and_marked),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
