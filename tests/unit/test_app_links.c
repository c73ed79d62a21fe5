/*
 * test_app_links.c: the use cases about links (src/app/links.h) against a real database:
 * R-LOC-1 (kinds and the ends they fit, date ranges, ending keeps the link), R-REC-3
 * (every link change touching a child with a record is in its chronology), R-INFO-3 (a
 * link is seen only by those who see both ends; a link to something the actor may not
 * see is refused like absence and audited; restricted links for entitled police only),
 * bad input (self-link, an end before its start, a grading outside its scale) and that
 * a failed use case writes nothing.
 */
#include "concern_fixture.h"

/* A child with a record, referred by the social worker (so Camden's children's services
 * see the child; Riverside Health does not). */
static void child_with_record(struct fx *f, const char *given, const char *family, char ref[32],
                              char child[ID_MAX])
{
	fx_new_record(f, "sw.green", given, family, "2011-02-02", ref, child);
}

/* A child living in Hackney, referred by Riverside Health: no agency of the fixture's
 * Camden is a member of the case, so the social worker does not see the child. */
static void hackney_child(struct fx *f, const char *given, const char *family, char child[ID_MAX])
{
	json_t *c = fx_child(given, family, "2012-03-03");
	json_object_set_new(c, "residence_borough", json_string("Hackney"));
	struct actor a = fx_actor(f, "nurse.irwin");
	json_t *out = fx_submit(f, &a, fx_referral(c, NULL));
	snprintf(child, ID_MAX, "%s", json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
}

/* Reports the child missing as the police officer; the episode's id out. */
static void episode_of(struct fx *f, const char *child, char id[ID_MAX])
{
	struct actor pc = fx_actor(f, "ps.clark");
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "child_id", child, "missing_from",
	                       "care", "classification", "missing", "reported_at",
	                       "2026-03-09T20:00:00Z", "last_seen_where", "Fernbank Park gates");
	json_t *out = NULL;
	struct app_err err = {0};
	int rc = app_episode_report(f->db, &pc, NULL, in, &out, &err);
	json_decref(in);
	if (rc != APP_OK)
		fail_msg("episode refused: %s", err.message);
	cx_id(out, id);
}

static void test_R_LOC_1_link_person_to_child_in_the_chronology(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX], lid[ID_MAX];
	child_with_record(f, "Abigail", "Northcott", ref, child);
	cx_add_person(f, "pc.ames", "Bertram Coyle", NULL, pid);
	json_t *in = cx_link(pid, child, "associate");
	json_object_set_new(in, "nature", json_string("intelligence"));
	json_object_set_new(in, "grading", json_string("2/B/P"));
	json_object_set_new(in, "from_date", json_string("2026-01-05"));
	json_t *l = cx_ok(f, app_link_add, "ps.clark", NULL, in);
	cx_id(json_incref(l), lid);
	assert_true(id_valid(lid, "lnk"));
	assert_string_equal(json_string_value(json_object_get(l, "from_label")), "Bertram Coyle");
	assert_string_equal(json_string_value(json_object_get(l, "to_label")), "Abigail Northcott");
	assert_string_equal(json_string_value(json_object_get(l, "grading")), "2/B/P");
	assert_string_equal(json_string_value(json_object_get(l, "recorded_by_name")), "ps.clark");
	assert_true(json_is_null(json_object_get(l, "to_date")));
	json_decref(l);
	assert_int_equal(cx_audit(f, "link_add", "link", lid), 1);
	/* R-REC-3: the child's chronology says what was linked, and how it is graded */
	assert_int_equal(cx_entries(f, ref, "link",
	                            "Bertram Coyle (person of concern) associate "
	                            "of the child"),
	                 1);
	assert_int_equal(cx_entries(f, ref, "link", "intelligence graded 2/B/P"), 1);
	/* the social worker who sees the child sees the link, from either end */
	json_t *list = cx_ok(f, app_links_list, "sw.green", child, NULL);
	assert_true(cx_has(json_object_get(list, "links"), "id", lid));
	json_t *row = json_array_get(json_object_get(list, "links"), 0);
	assert_string_equal(json_string_value(json_object_get(row, "direction")), "to");
	assert_string_equal(json_string_value(json_object_get(row, "other_label")),
	                    "Bertram Coyle");
	json_decref(list);
	list = cx_ok(f, app_links_list, "sw.green", pid, NULL);
	assert_true(cx_has(json_object_get(list, "links"), "id", lid));
	json_decref(list);
	assert_int_equal(cx_audit(f, "view", "links", child), 1);
	fx_assert_audit_intact(f);
}

static void test_R_INFO_3_link_to_a_child_not_seen_is_404_and_audited(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX];
	child_with_record(f, "Cerys", "Dunmore", ref, child);
	cx_add_person(f, "nurse.irwin", "Desmond Elkin", NULL, pid);
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *out;
	struct app_err err;
	int rc = cx_call(f, app_link_add, "nurse.irwin", NULL, cx_link(pid, child, "associate"),
	                 &out, &err);
	if (rc != APP_NOT_FOUND)
		fail_msg("%d %s %s", rc, err.message, err.nfields ? err.fields[0].field : "");
	assert_string_equal(err.message, "No such child.");
	assert_null(out);
	/* nothing written but the refusal itself */
	cx_assert_unchanged(f, &before, 1);
	assert_int_equal(cx_audit(f, "refused", "child", child), 1);
	/* the same for a person the actor does not see, from the other side */
	char other[ID_MAX];
	cx_add_person(f, "pc.ames", "Edwin Farrow", NULL, other);
	cx_counts(f, &before);
	assert_int_equal(cx_call(f, app_link_add, "nurse.irwin", NULL,
	                         cx_link(pid, other, "associate"), &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such person of concern.");
	cx_assert_unchanged(f, &before, 1);
	assert_int_equal(cx_audit(f, "refused", "person", other), 1);
	/* and for an id that names nothing */
	assert_int_equal(cx_call(f, app_link_add, "nurse.irwin", NULL,
	                         cx_link(pid, "plc_00000000000000000000", "visited"), &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such place.");
}

/* R-REC-1, R-INFO-3: the child's end may be given by the record's reference; one the
 * actor may not see and one that names no record are refused alike. */
static void test_R_LOC_1_child_end_by_record_reference(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX];
	child_with_record(f, "Gwen", "Harrow", ref, child);
	cx_add_person(f, "pc.ames", "Ivor Jessop", NULL, pid);
	json_t *l = cx_ok(f, app_link_add, "ps.clark", NULL, cx_link(pid, ref, "associate"));
	assert_string_equal(json_string_value(json_object_get(l, "to_id")), child);
	assert_string_equal(json_string_value(json_object_get(l, "to_label")), "Gwen Harrow");
	json_decref(l);
	json_t *out;
	struct app_err err;
	char other[ID_MAX];
	cx_add_person(f, "nurse.irwin", "Kenneth Lowe", NULL, other);
	struct cx_counts before;
	cx_counts(f, &before);
	assert_int_equal(cx_call(f, app_link_add, "nurse.irwin", NULL,
	                         cx_link(other, ref, "associate"), &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such child.");
	cx_assert_unchanged(f, &before, 1);
	assert_int_equal(cx_call(f, app_link_add, "nurse.irwin", NULL,
	                         cx_link(other, "LAN-1999-999999", "associate"), &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such child.");
	/* not a reference: named under the field */
	assert_int_equal(cx_call(f, app_link_add, "ps.clark", NULL,
	                         cx_link(pid, "LAN-2025-00002", "associate"), &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "to");
}

static void test_R_LOC_1_bad_links_refused_naming_the_field(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX], ep[ID_MAX];
	child_with_record(f, "Delyth", "Evershed", ref, child);
	cx_add_person(f, "pc.ames", "Fergus Gault", NULL, pid);
	episode_of(f, child, ep);
	struct cx_counts before;
	cx_counts(f, &before);
	struct {
		json_t *in;
		const char *field;
	} cases[] = {
	        {cx_link(pid, pid, "associate"), "to"},    /* self-link */
	        {cx_link(ep, child, "seen_with"), "to"},   /* a child and its own episode */
	        {cx_link(pid, child, "found_at"), "kind"}, /* does not fit its ends */
	        {cx_link(pid, child, "lives_with"), "kind"},
	        {cx_link(pid, "rec_0000000000000000000A", "associate"), "to"},
	        {json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "from", pid, "to", child, "kind",
	                   "associate", "nature", "fact", "source", "PNC", "from_date",
	                   "2026-02-01", "to_date", "2026-01-31"),
	         "to_date"}, /* an end before its start */
	        {json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "from", pid, "to", child, "kind",
	                   "associate", "nature", "fact", "source", "PNC", "from_date",
	                   "2026-03-11"),
	         "from_date"}, /* in the future */
	        {json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "from", pid, "to", child, "kind",
	                   "associate", "nature", "intelligence", "grading", "4/B/P", "source",
	                   "PNC"),
	         "grading"}, /* outside its scale */
	        {json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "from", pid, "to", child, "kind",
	                   "associate", "nature", "intelligence", "grading", "2/B/Q", "source",
	                   "PNC"),
	         "grading"},
	        {json_pack("{s:s, s:s, s:s, s:s}", "from", pid, "to", child, "kind", "associate",
	                   "nature", "fact"),
	         "source"},
	        {json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "from", pid, "to", child, "kind",
	                   "associate", "nature", "fact", "source", "PNC", "restricted", 1),
	         "restricted"}, /* not entitled police */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *out;
		struct app_err err;
		int rc = cx_call(f, app_link_add, "sw.green", NULL, cases[i].in, &out, &err);
		assert_int_equal(rc, APP_INVALID);
		if (!fx_field(&err, cases[i].field))
			fail_msg("case %zu: no error on %s (%s: %s)", i, cases[i].field,
			         err.nfields ? err.fields[0].field : "-", err.message);
	}
	cx_assert_unchanged(f, &before, 0);
}

static void test_R_INFO_3_restricted_link_hidden_from_the_social_worker(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX], lid[ID_MAX];
	child_with_record(f, "Eira", "Fallowfield", ref, child);
	cx_add_person(f, "pc.ames", "Gideon Harker", NULL, pid);
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "from", pid, "to", child,
	                       "kind", "associate", "nature", "intelligence", "grading", "1/B/C",
	                       "handling_conditions", "Police only: covert source", "source",
	                       "CHIS 4471", "restricted", 1);
	cx_id(cx_ok(f, app_link_add, "ps.clark", NULL, in), lid);
	/* the chronology says only that restricted intelligence was recorded */
	assert_int_equal(cx_entries(f, ref, "link", "Restricted intelligence"), 1);
	assert_int_equal(cx_entries(f, ref, "link", "Gideon"), 0);
	/* the social worker sees the child, not the link */
	json_t *list = cx_ok(f, app_links_list, "sw.green", child, NULL);
	assert_int_equal(json_array_size(json_object_get(list, "links")), 0);
	json_decref(list);
	json_t *out;
	struct app_err err;
	int64_t refused = cx_audit(f, "refused", "link", lid);
	assert_int_equal(cx_call(f, app_link_get, "sw.green", lid, NULL, &out, &err),
	                 APP_NOT_FOUND);
	assert_string_equal(err.message, "No such link.");
	assert_int_equal(cx_audit(f, "refused", "link", lid), refused + 1);
	/* entitled police who see the child do; a police officer who does not see the child
	 * does not, restricted or not */
	list = cx_ok(f, app_links_list, "ps.clark", pid, NULL);
	assert_true(cx_has(json_object_get(list, "links"), "id", lid));
	json_decref(list);
	list = cx_ok(f, app_links_list, "pc.ames", pid, NULL);
	assert_false(cx_has(json_object_get(list, "links"), "id", lid));
	json_decref(list);
	json_t *l = cx_ok(f, app_link_get, "ps.clark", lid, NULL);
	assert_true(json_is_true(json_object_get(l, "restricted")));
	json_decref(l);
}

static void test_R_INFO_3_each_end_filtered(void **state)
{
	struct fx *f = *state;
	char r1[32], c1[ID_MAX], c2[ID_MAX], pid[ID_MAX], l1[ID_MAX], l2[ID_MAX];
	child_with_record(f, "Fenella", "Garside", r1, c1);
	hackney_child(f, "Gwyneth", "Hollis", c2);
	cx_add_person(f, "pc.ames", "Horace Ingram", NULL, pid);
	cx_add_link(f, "ps.clark", pid, c1, "associate", l1);
	cx_add_link(f, "ps.clark", pid, c2, "associate", l2);
	/* the police supervisor sees both */
	json_t *list = cx_ok(f, app_links_list, "ps.clark", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(list, "links")), 2);
	json_decref(list);
	/* a practitioner who sees one child sees one link; the other leaves no trace */
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_links_list, "sw.green", c2, NULL, &out, &err),
	                 APP_NOT_FOUND);
	list = cx_ok(f, app_links_list, "sw.green", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(list, "links")), 1);
	assert_true(cx_has(json_object_get(list, "links"), "id", l1));
	json_decref(list);
	/* seeing one end of a link is not enough to read or end it */
	assert_int_equal(cx_call(f, app_link_get, "sw.green", l2, NULL, &out, &err), APP_NOT_FOUND);
	assert_int_equal(cx_call(f, app_link_end, "sw.green", l2,
	                         json_pack("{s:s}", "reason", "Seen from one end only."), &out,
	                         &err),
	                 APP_NOT_FOUND);
	json_decref(cx_ok(f, app_link_get, "sw.green", l1, NULL));
	list = cx_ok(f, app_entity_network, "sw.green", pid, NULL);
	assert_int_equal(json_array_size(json_object_get(list, "nodes")), 2);
	assert_false(cx_has(json_object_get(list, "nodes"), "id", c2));
	json_decref(list);
	/* the network for the page: the person, each other end once, each link */
	json_t *net = cx_ok(f, app_entity_network, "ps.clark", pid, NULL);
	assert_string_equal(json_string_value(json_object_get(net, "root")), pid);
	json_t *nodes = json_object_get(net, "nodes");
	assert_int_equal(json_array_size(nodes), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(nodes, 0), "id")),
	                    pid);
	assert_true(cx_has(nodes, "label", "Fenella Garside"));
	json_t *edges = json_object_get(net, "edges");
	assert_int_equal(json_array_size(edges), 2);
	assert_true(cx_has(edges, "from", pid));
	assert_true(cx_has(edges, "to", c1));
	json_decref(net);
	/* another agency that sees neither child sees neither link nor the person */
	assert_int_equal(cx_call(f, app_entity_network, "teacher.jones", pid, NULL, &out, &err),
	                 APP_NOT_FOUND);
}

static void test_R_LOC_1_ending_keeps_the_link(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], pid[ID_MAX], lid[ID_MAX];
	child_with_record(f, "Hester", "Jessop", ref, child);
	cx_add_person(f, "pc.ames", "Ivor Kettle", NULL, pid);
	cx_add_link(f, "ps.clark", child, pid, "associate", lid);
	json_t *l = cx_ok(f, app_link_end, "sw.green", lid,
	                  json_pack("{s:s}", "reason", "Recorded against the wrong person."));
	assert_string_equal(json_string_value(json_object_get(l, "ended_reason")),
	                    "Recorded against the wrong person.");
	assert_string_equal(json_string_value(json_object_get(l, "ended_at")),
	                    "2026-03-10T12:00:00Z");
	json_decref(l);
	assert_int_equal(cx_audit(f, "link_end", "link", lid), 1);
	assert_int_equal(cx_entries(f, ref, "link", "Link ended"), 1);
	assert_int_equal(cx_entries(f, ref, "link", "wrong person"), 1);
	/* kept: listed when ended links are asked for */
	json_t *list = cx_ok(f, app_links_list, "sw.green", child, NULL);
	assert_false(cx_has(json_object_get(list, "links"), "id", lid));
	json_decref(list);
	list = cx_ok(f, app_links_list, "sw.green", child, json_pack("{s:b}", "include_ended", 1));
	assert_true(cx_has(json_object_get(list, "links"), "id", lid));
	json_decref(list);
	assert_int_equal(fx_count(f, "links") > 0, 1);
	/* ending twice, or without a reason, is refused and writes nothing */
	struct cx_counts before;
	cx_counts(f, &before);
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_link_end, "sw.green", lid,
	                         json_pack("{s:s}", "reason", "Again, by mistake."), &out, &err),
	                 APP_CONFLICT);
	assert_int_equal(cx_call(f, app_link_end, "sw.green", lid, json_object(), &out, &err),
	                 APP_INVALID);
	assert_true(fx_field(&err, "reason"));
	/* a practitioner who does not see the link cannot end it */
	assert_int_equal(cx_call(f, app_link_end, "nurse.irwin", lid,
	                         json_pack("{s:s}", "reason", "Not mine to end."), &out, &err),
	                 APP_NOT_FOUND);
	cx_assert_unchanged(f, &before, 1);
}

static void test_R_LOC_1_directed_kinds_stored_the_right_way_round(void **state)
{
	struct fx *f = *state;
	char ref[32], child[ID_MAX], ep[ID_MAX], veh[ID_MAX], lid[ID_MAX], plc[ID_MAX];
	child_with_record(f, "Imogen", "Lockley", ref, child);
	episode_of(f, child, ep);
	cx_id(cx_ok(f, app_vehicle_find_or_add, "sw.green", NULL,
	            json_pack("{s:s, s:s}", "registration", "LM65 XPT", "colour", "white")),
	      veh);
	/* given child -> vehicle, stored vehicle transported child */
	json_t *l = cx_ok(f, app_link_add, "sw.green", NULL, cx_link(child, veh, "transported"));
	assert_string_equal(json_string_value(json_object_get(l, "from_id")), veh);
	assert_string_equal(json_string_value(json_object_get(l, "to_id")), child);
	json_decref(l);
	assert_int_equal(cx_entries(f, ref, "link", "LM65XPT (vehicle) transported the child"), 1);
	/* an episode found at a place: the episode's child's chronology */
	cx_id(cx_ok(f, app_place_add, "sw.green", NULL,
	            json_pack("{s:s, s:s, s:s}", "type", "takeaway", "name", "Golden Fryer",
	                      "postcode", "NW1 9ZZ")),
	      plc);
	cx_add_link(f, "sw.green", plc, ep, "found_at", lid);
	l = cx_ok(f, app_link_get, "sw.green", lid, NULL);
	assert_string_equal(json_string_value(json_object_get(l, "from_type")), "episode");
	assert_string_equal(json_string_value(json_object_get(l, "to_label")), "Golden Fryer");
	json_decref(l);
	assert_int_equal(
	        cx_entries(f, ref, "link", "the child's missing episode found at Golden Fryer"), 1);
	/* the episode's links are read through its child */
	json_t *list = cx_ok(f, app_links_list, "sw.green", ep, NULL);
	assert_true(cx_has(json_object_get(list, "links"), "id", lid));
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(list, "entity"), "label")),
	               "Missing episode of Imogen Lockley"));
	json_decref(list);
}

static void test_R_LOC_1_one_car_joins_what_it_touches(void **state)
{
	struct fx *f = *state;
	char r1[32], r2[32], c1[ID_MAX], c2[ID_MAX], pid[ID_MAX];
	child_with_record(f, "Jocasta", "Marlow", r1, c1);
	child_with_record(f, "Keturah", "Nettles", r2, c2);
	/* the person's vehicle, written one way */
	json_t *in = cx_person("Lionel Maddox", NULL);
	json_object_set_new(in, "vehicles", json_pack("[s]", "YO19 OIK"));
	cx_id(cx_ok(f, app_person_add, "pc.ames", NULL, in), pid);
	/* seen with each child, the plate written other ways */
	char v1[ID_MAX], v2[ID_MAX];
	cx_id(cx_ok(f, app_vehicle_find_or_add, "sw.green", NULL,
	            json_pack("{s:s}", "registration", "yo19 0ik")),
	      v1);
	cx_id(cx_ok(f, app_vehicle_find_or_add, "sw.green", NULL,
	            json_pack("{s:s}", "registration", "Y019-01K")),
	      v2);
	assert_string_equal(v1, v2);
	cx_add_link(f, "sw.green", c1, v1, "seen_with", NULL);
	cx_add_link(f, "sw.green", c2, v2, "seen_with", NULL);
	json_t *net = cx_ok(f, app_entity_network, "ps.clark", v1, NULL);
	json_t *nodes = json_object_get(net, "nodes");
	assert_true(cx_has(nodes, "id", pid));
	assert_true(cx_has(nodes, "id", c1));
	assert_true(cx_has(nodes, "id", c2));
	json_decref(net);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_LOC_1_link_person_to_child_in_the_chronology),
	        cmocka_unit_test(test_R_INFO_3_link_to_a_child_not_seen_is_404_and_audited),
	        cmocka_unit_test(test_R_LOC_1_child_end_by_record_reference),
	        cmocka_unit_test(test_R_LOC_1_bad_links_refused_naming_the_field),
	        cmocka_unit_test(test_R_INFO_3_restricted_link_hidden_from_the_social_worker),
	        cmocka_unit_test(test_R_INFO_3_each_end_filtered),
	        cmocka_unit_test(test_R_LOC_1_ending_keeps_the_link),
	        cmocka_unit_test(test_R_LOC_1_directed_kinds_stored_the_right_way_round),
	        cmocka_unit_test(test_R_LOC_1_one_car_joins_what_it_touches),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
