/*
 * test_app_networks.c: the read-only network use cases (src/app/networks.h) on small
 * hand-made networks with known answers, against a real database: R-CAT-7 (a category 1
 * child or one with no category in the same network as a category 2 or 3 child, or as a
 * person of concern with an order, is flagged with the shortest path), R-MASE-9 (the
 * borough's linked cases, serial persons of concern, key people by betweenness,
 * components), R-INFO-3 (only what the viewer sees: a link counts only when both ends
 * are seen, restricted links only for entitled police), bad filters named by field, the
 * export for i2 and Gephi with formula-safe cells, and that every read is audited.
 */
#include "concern_fixture.h"

#include "app/episode_return.h"
#include "app/networks.h"
#include "util/rng.h"

/* A child with a record, referred by the social worker (Camden's children's services see
 * the child); its record's category set to `category` (0: none). */
static void child_cat(struct fx *f, const char *given, const char *family, int category,
                      char child[ID_MAX])
{
	char ref[32];
	fx_new_record(f, "sw.green", given, family, "2011-02-02", ref, child);
	char sql[200];
	if (category)
		snprintf(sql, sizeof sql,
		         "UPDATE records SET current_category = %d WHERE reference = '%s'",
		         category, ref);
	else
		snprintf(sql, sizeof sql,
		         "UPDATE records SET current_category = NULL WHERE reference = '%s'", ref);
	assert_int_equal(db_exec(f->db, sql), DB_OK);
}

/* A child in Hackney with a category 3 record, referred by Riverside Health: the social
 * worker does not see the child. */
static void hackney_child(struct fx *f, const char *given, const char *family, char child[ID_MAX])
{
	json_t *c = fx_child(given, family, "2012-03-03");
	json_object_set_new(c, "residence_borough", json_string("Hackney"));
	struct actor a = fx_actor(f, "nurse.irwin");
	json_t *out = fx_submit(f, &a, fx_referral(c, NULL));
	snprintf(child, ID_MAX, "%s", json_string_value(json_object_get(out, "child_id")));
	json_decref(out);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE records SET current_category = 3 WHERE child_id = '%s'",
	         child);
	assert_int_equal(db_exec(f->db, sql), DB_OK);
}

/* A Sexual Risk Order in force on person `pid`. */
static void order_on(struct fx *f, const char *pid)
{
	char sql[400];
	snprintf(sql, sizeof sql,
	         "INSERT INTO disruptions (id, type, class, person_id, status, created_by_name,"
	         " created_at, updated_at) VALUES ('dis_%.16s', 'sro', 'order', '%s', 'served',"
	         " 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	         pid + 4, pid);
	assert_int_equal(db_exec(f->db, sql), DB_OK);
}

static const char *path_id(json_t *r, size_t i)
{
	return json_string_value(
	        json_object_get(json_array_get(json_object_get(r, "path"), i), "id"));
}

static const char *kind_at(json_t *r, size_t i)
{
	return json_string_value(json_array_get(json_object_get(r, "link_kinds"), i));
}

/* A (category 1) - P (person) - car - B (category 3): A is flagged with the whole path;
 * C (no category) - Q (with an order): C is flagged at one hop; B is not low. */
static void test_R_CAT_7_path_to_a_higher_category_child_and_to_an_order(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], c[ID_MAX], p[ID_MAX], q[ID_MAX], car[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	child_cat(f, "Bethany", "Rowe", 3, b);
	child_cat(f, "Callum", "Stroud", 0, c);
	cx_add_person(f, "ps.clark", "Peter Lomax", NULL, p);
	cx_add_person(f, "ps.clark", "Quentin Hale", NULL, q);
	order_on(f, q);
	json_t *v = cx_ok(f, app_vehicle_find_or_add, "ps.clark", NULL,
	                  json_pack("{s:s}", "registration", "AB12 CDE"));
	cx_id(v, car);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	cx_add_link(f, "ps.clark", p, car, "uses", NULL);
	cx_add_link(f, "ps.clark", car, b, "transported", NULL);
	cx_add_link(f, "ps.clark", q, c, "associate", NULL);

	json_t *r = cx_ok(f, app_network_cat7, "ps.clark", a, NULL);
	assert_true(json_is_true(json_object_get(r, "flagged")));
	assert_int_equal(json_integer_value(json_object_get(r, "hops")), 3);
	assert_string_equal(path_id(r, 0), a);
	assert_string_equal(path_id(r, 1), p);
	assert_string_equal(path_id(r, 2), car);
	assert_string_equal(path_id(r, 3), b);
	assert_string_equal(kind_at(r, 0), "associate");
	assert_string_equal(kind_at(r, 1), "uses");
	assert_string_equal(kind_at(r, 2), "transported");
	assert_int_equal(
	        json_integer_value(json_object_get(json_object_get(r, "target"), "category")), 3);
	json_decref(r);

	r = cx_ok(f, app_network_cat7, "ps.clark", c, NULL);
	assert_true(json_is_true(json_object_get(r, "flagged")));
	assert_int_equal(json_integer_value(json_object_get(r, "hops")), 1);
	assert_string_equal(path_id(r, 1), q);
	assert_true(json_is_true(json_object_get(json_object_get(r, "target"), "order")));
	json_decref(r);

	/* a category 3 child is never flagged */
	r = cx_ok(f, app_network_cat7, "ps.clark", b, NULL);
	assert_false(json_is_true(json_object_get(r, "flagged")));
	assert_int_equal(json_array_size(json_object_get(r, "path")), 0);
	json_decref(r);

	/* filtered to people's links only (associate), the car no longer joins A to B */
	r = cx_ok(f, app_network_cat7, "ps.clark", a, json_pack("{s:s}", "kinds", "associate"));
	assert_false(json_is_true(json_object_get(r, "flagged")));
	json_decref(r);

	/* the network page of A carries the same flag */
	json_t *n = cx_ok(f, app_network_of, "ps.clark", a, json_pack("{s:i}", "hops", 3));
	json_t *cat = json_object_get(n, "cat7");
	assert_true(json_is_true(json_object_get(cat, "flagged")));
	assert_int_equal(json_array_size(json_object_get(n, "nodes")), 4);
	assert_int_equal(json_array_size(json_object_get(n, "edges")), 3);
	json_decref(n);
	assert_true(cx_audit(f, "view", "network", a) >= 3);
}

/* R-MASE-9: the linked cases of a borough: A (Camden) is listed for Camden, not for
 * Islington; an unknown borough is 404. */
static void test_R_MASE_9_linked_cases_per_borough(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], p[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	child_cat(f, "Bethany", "Rowe", 2, b);
	cx_add_person(f, "ps.clark", "Peter Lomax", NULL, p);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	cx_add_link(f, "ps.clark", p, b, "seen_with", NULL);
	char sql[200];
	snprintf(sql, sizeof sql,
	         "UPDATE records SET owning_borough_id = '%s' WHERE child_id IN ('%s', '%s')",
	         f->camden, a, b);
	assert_int_equal(db_exec(f->db, sql), DB_OK);

	json_t *r = cx_ok(f, app_network_linked_cases, "ps.clark", "Camden", NULL);
	json_t *cases = json_object_get(r, "cases");
	assert_int_equal(json_array_size(cases), 1);
	json_t *one = json_array_get(cases, 0);
	assert_string_equal(json_string_value(json_object_get(one, "child_id")), a);
	assert_int_equal(json_integer_value(json_object_get(one, "hops")), 2);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(r, "borough"), "name")),
	        "Camden");
	json_decref(r);

	r = cx_ok(f, app_network_linked_cases, "ps.clark", "Islington", NULL);
	assert_int_equal(json_array_size(json_object_get(r, "cases")), 0);
	json_decref(r);
	r = cx_ok(f, app_network_linked_cases, "ps.clark", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r, "cases")), 1);
	json_decref(r);

	json_t *out;
	struct app_err err;
	assert_int_equal(
	        cx_call(f, app_network_linked_cases, "ps.clark", "Atlantis", NULL, &out, &err),
	        APP_NOT_FOUND);
}

/* A star: P linked to three children; a pair apart (R joined to D). Components, P's
 * betweenness (3: each pair of its children), P serial, and the page network. */
static void test_R_MASE_9_components_betweenness_and_serial_people(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], c[ID_MAX], d[ID_MAX], p[ID_MAX], r_[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	child_cat(f, "Bethany", "Rowe", 1, b);
	child_cat(f, "Callum", "Stroud", 1, c);
	child_cat(f, "Dylan", "Marsh", 1, d);
	cx_add_person(f, "ps.clark", "Peter Lomax", NULL, p);
	cx_add_person(f, "ps.clark", "Roland Peck", NULL, r_);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	cx_add_link(f, "ps.clark", p, b, "associate", NULL);
	cx_add_link(f, "ps.clark", p, c, "seen_with", NULL);
	cx_add_link(f, "ps.clark", r_, d, "associate", NULL);

	json_t *r = cx_ok(f, app_networks, "ps.clark", NULL, json_pack("{s:i}", "min_size", 2));
	assert_int_equal(json_integer_value(json_object_get(r, "components")), 2);
	json_t *nets = json_object_get(r, "networks");
	assert_int_equal(json_array_size(nets), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(nets, 0), "size")), 4);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(nets, 0), "children")),
	                 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(nets, 1), "size")), 2);
	json_t *key = json_array_get(json_object_get(r, "key_people"), 0);
	assert_string_equal(json_string_value(json_object_get(key, "id")), p);
	assert_true(json_real_value(json_object_get(key, "betweenness")) == 3.0);
	assert_int_equal(json_integer_value(json_object_get(key, "degree")), 3);
	json_t *serial = json_object_get(r, "serial_people");
	assert_int_equal(json_array_size(serial), 1);
	assert_string_equal(json_string_value(json_object_get(
	                            json_object_get(json_array_get(serial, 0), "person"), "id")),
	                    p);
	assert_int_equal(json_array_size(json_object_get(json_array_get(serial, 0), "children")),
	                 3);
	json_decref(r);

	/* the person's page network: the centre first, three children at one hop */
	r = cx_ok(f, app_network_of, "ps.clark", p,
	          json_pack("{s:i, s:b}", "hops", 1, "picture", 1));
	json_t *nodes = json_object_get(r, "nodes");
	assert_int_equal(json_array_size(nodes), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(nodes, 0), "id")), p);
	assert_true(json_real_value(json_object_get(json_array_get(nodes, 0), "betweenness")) ==
	            3.0);
	assert_true(json_is_null(json_object_get(r, "cat7")));
	const char *svg = json_string_value(json_object_get(r, "svg"));
	assert_non_null(svg);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "Peter Lomax"));
	assert_int_equal(json_array_size(json_object_get(json_object_get(r, "table"), "nodes")), 4);
	json_decref(r);
}

/* R-INFO-3: the social worker does not see the Hackney child, so the link through the
 * person to that child neither flags A nor appears in her network; a restricted link is
 * for entitled police only. */
static void test_R_INFO_3_only_what_the_viewer_sees(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], h[ID_MAX], p[ID_MAX], p2[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	hackney_child(f, "Hana", "Okafor", h);
	cx_add_person(f, "ps.clark", "Peter Lomax", NULL, p);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	cx_add_link(f, "ps.clark", p, h, "associate", NULL);

	json_t *r = cx_ok(f, app_network_cat7, "ps.clark", a, NULL);
	assert_true(json_is_true(json_object_get(r, "flagged")));
	json_decref(r);
	r = cx_ok(f, app_network_cat7, "sw.green", a, NULL);
	assert_false(json_is_true(json_object_get(r, "flagged")));
	json_decref(r);
	r = cx_ok(f, app_network_of, "sw.green", a, json_pack("{s:i}", "hops", 3));
	char *dump = json_dumps(r, 0);
	assert_null(strstr(dump, h));
	assert_non_null(strstr(dump, p));
	free(dump);
	json_decref(r);
	r = cx_ok(f, app_networks, "sw.green", NULL, NULL);
	dump = json_dumps(r, 0);
	assert_null(strstr(dump, h));
	free(dump);
	json_decref(r);

	/* a restricted intelligence link to a second person: police see it, she does not */
	cx_add_person(f, "ps.clark", "Ursula Vane", NULL, p2);
	json_t *in = cx_link(p2, a, "seen_with");
	json_object_set_new(in, "nature", json_string("intelligence"));
	json_object_set_new(in, "grading", json_string("2/B/P"));
	json_object_set_new(in, "restricted", json_true());
	json_decref(cx_ok(f, app_link_add, "ps.clark", NULL, in));
	r = cx_ok(f, app_network_of, "ps.clark", a, NULL);
	dump = json_dumps(r, 0);
	assert_non_null(strstr(dump, p2));
	free(dump);
	json_decref(r);
	r = cx_ok(f, app_network_of, "sw.green", a, NULL);
	dump = json_dumps(r, 0);
	assert_null(strstr(dump, p2));
	free(dump);
	json_decref(r);

	/* a child she does not see answers like absence, and the refusal is audited */
	json_t *out;
	struct app_err err;
	int64_t before = cx_audit(f, "refused", "child", h);
	assert_int_equal(cx_call(f, app_network_of, "sw.green", h, NULL, &out, &err),
	                 APP_NOT_FOUND);
	assert_int_equal(cx_audit(f, "refused", "child", h), before + 1);
}

/* A child's missing episode found at a place joins the child to a category 3 child found
 * there: the network is followed through the episode, and the path names it. */
static void test_R_CAT_7_through_a_missing_episode(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], plc[ID_MAX], ep[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	child_cat(f, "Bethany", "Rowe", 3, b);
	struct actor pc = fx_actor(f, "ps.clark");
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "child_id", a, "missing_from", "care",
	                       "classification", "missing", "reported_at", "2026-03-09T20:00:00Z");
	json_t *out = NULL;
	struct app_err err = {0};
	assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_OK);
	json_decref(in);
	cx_id(out, ep);
	json_t *p = cx_ok(f, app_place_add, "ps.clark", NULL,
	                  json_pack("{s:s, s:s, s:b}", "type", "park", "name", "Fernbank Park",
	                            "confirm_new", 1));
	cx_id(p, plc);
	cx_add_link(f, "ps.clark", ep, plc, "found_at", NULL);
	cx_add_link(f, "ps.clark", b, plc, "found_at", NULL);

	json_t *r = cx_ok(f, app_network_cat7, "ps.clark", a, NULL);
	assert_true(json_is_true(json_object_get(r, "flagged")));
	assert_int_equal(json_integer_value(json_object_get(r, "hops")), 3);
	assert_string_equal(path_id(r, 1), ep);
	assert_string_equal(path_id(r, 2), plc);
	assert_string_equal(path_id(r, 3), b);
	assert_string_equal(kind_at(r, 0), "episode_of");
	json_decref(r);
	/* and from the place's side, the whole network is read: both children */
	r = cx_ok(f, app_network_of, "ps.clark", plc, json_pack("{s:i}", "hops", 2));
	char *dump = json_dumps(r, 0);
	assert_non_null(strstr(dump, a));
	assert_non_null(strstr(dump, b));
	free(dump);
	json_decref(r);
}

/* R-MISS-10 with R-MASE-9: two children who went missing together (the first found
 * with the second, their episodes overlapping) form a group, and the person linked to
 * both is what they share. */
static void test_R_MASE_9_children_missing_together_and_what_they_share(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], b[ID_MAX], p[ID_MAX], ea[ID_MAX], eb[ID_MAX];
	child_cat(f, "Lena", "Moorcroft", 1, a);
	child_cat(f, "Mina", "Northgate", 1, b);
	struct actor pc = fx_actor(f, "pc.ames");
	const char *kids[] = {a, b};
	char *eps[] = {ea, eb};
	for (int i = 0; i < 2; i++) {
		json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "child_id", kids[i], "missing_from",
		                       "home", "classification", "missing", "reported_at",
		                       i ? "2026-03-01T09:00:00Z" : "2026-03-01T10:00:00Z");
		json_t *out = NULL;
		struct app_err err = {0};
		assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_OK);
		json_decref(in);
		cx_id(out, eps[i]);
	}
	json_t *ret = json_pack("{s:s, s:s, s:[{s:s, s:s}]}", "returned_at", "2026-03-01T18:00:00Z",
	                        "where", "Kings Yard flats", "with", "name", "Mina Northgate",
	                        "child_id", b);
	json_decref(cx_ok(f, app_episode_return, "pc.ames", ea, ret));
	json_decref(cx_ok(f, app_episode_return, "pc.ames", eb,
	                  json_pack("{s:s, s:s}", "returned_at", "2026-03-01T18:30:00Z", "where",
	                            "Kings Yard Flats")));
	cx_add_person(f, "ps.clark", "Peter Lomax", NULL, p);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	cx_add_link(f, "ps.clark", p, b, "seen_with", NULL);

	json_t *r = cx_ok(f, app_networks, "ps.clark", NULL, NULL);
	json_t *groups = json_object_get(r, "missing_together");
	assert_int_equal(json_array_size(groups), 1);
	json_t *g = json_array_get(groups, 0);
	assert_int_equal(json_array_size(json_object_get(g, "children")), 2);
	json_t *shared = json_object_get(g, "shared");
	assert_int_equal(json_array_size(shared), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(shared, 0), "id")), p);
	json_decref(r);
	/* filtered to one kind of link, the children stay joined by having gone missing
	 * together; the person linked by the other kind is no longer shared */
	r = cx_ok(f, app_networks, "ps.clark", NULL, json_pack("{s:s}", "kinds", "associate"));
	g = json_array_get(json_object_get(r, "missing_together"), 0);
	assert_int_equal(json_array_size(json_object_get(g, "children")), 2);
	assert_int_equal(json_array_size(json_object_get(g, "shared")), 0);
	json_decref(r);
}

/* Bad filters name their field; roles without scope are refused; nothing is written. */
static void test_networks_bad_input_named(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	json_t *out;
	struct app_err err;
	assert_int_equal(cx_call(f, app_network_of, "ps.clark", a,
	                         json_pack("{s:s}", "kinds", "friend"), &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "kinds");
	assert_int_equal(cx_call(f, app_network_of, "ps.clark", a, json_pack("{s:i}", "hops", 9),
	                         &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "hops");
	assert_int_equal(cx_call(f, app_networks, "ps.clark", NULL,
	                         json_pack("{s:s, s:s}", "from", "2026-03-01", "to", "2026-02-01"),
	                         &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "to");
	assert_int_equal(cx_call(f, app_networks, "ps.clark", NULL,
	                         json_pack("{s:s}", "from", "soon"), &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "from");
	assert_int_equal(cx_call(f, app_networks, "aud.king", NULL, NULL, &out, &err),
	                 APP_FORBIDDEN);
	assert_int_equal(cx_call(f, app_network_export, "ps.clark", a,
	                         json_pack("{s:s}", "file", "xlsx"), &out, &err),
	                 APP_INVALID);
	assert_string_equal(err.fields[0].field, "file");
	assert_int_equal(cx_call(f, app_network_of, "ps.clark", "poc_00000000000000000000", NULL,
	                         &out, &err),
	                 APP_NOT_FOUND);
}

/* The export: Gephi nodes and i2 links with their headers; a label that starts like a
 * formula is defused; audited as an export. */
static void test_network_export_formula_safe(void **state)
{
	struct fx *f = *state;
	char a[ID_MAX], p[ID_MAX];
	child_cat(f, "Amelia", "Castell", 1, a);
	cx_add_person(f, "ps.clark", "=SUM(A1) Lomax", NULL, p);
	cx_add_link(f, "ps.clark", p, a, "associate", NULL);
	json_t *r =
	        cx_ok(f, app_network_export, "ps.clark", a, json_pack("{s:s}", "file", "nodes"));
	const char *csv = json_string_value(json_object_get(r, "csv"));
	assert_string_equal(json_string_value(json_object_get(r, "file_name")), "nodes.csv");
	assert_true(strncmp(csv, "Id,Label,Type,Category,Order\r\n", 30) == 0);
	assert_non_null(strstr(csv, "'=SUM(A1) Lomax"));
	assert_non_null(strstr(csv, "Amelia Castell,child,1,\r\n"));
	json_decref(r);
	r = cx_ok(f, app_network_export, "ps.clark", NULL, json_pack("{s:s}", "file", "links"));
	csv = json_string_value(json_object_get(r, "csv"));
	assert_non_null(strstr(csv, "Link Identity,From Identity"));
	assert_non_null(strstr(csv, ",associate,associate,"));
	json_decref(r);
	assert_int_equal(cx_audit(f, "export", "network", a), 1);
}

/* The cases of a whole-partnership answer (app_network_linked_cases with no borough)
 * whose borough is `bid`, in their order. */
static json_t *cases_in(json_t *whole, const char *bid)
{
	json_t *out = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(whole, "cases"), i, c)
	{
		const char *b = json_string_value(json_object_get(c, "borough"));
		if (b && strcmp(b, bid) == 0)
			json_array_append(out, c);
	}
	return out;
}

/* A random link between two of the things made (kinds their ends allow, networks.h);
 * refused ones (the same link twice) are skipped. */
static void random_link(struct fx *f, struct rng *r, char (*kids)[ID_MAX], size_t nk,
                        char (*poc)[ID_MAX], size_t np, char (*plc)[ID_MAX], size_t npl,
                        char (*car)[ID_MAX], size_t nc, char (*eps)[ID_MAX], size_t ne)
{
	const char *from, *to, *kind;
#define PICK(arr, n) (arr)[rng_below(r, (n))]
	switch (rng_below(r, 5)) {
	case 0:
		kind = "associate";
		from = rng_below(r, 2) ? PICK(kids, nk) : PICK(poc, np);
		to = rng_below(r, 3) ? PICK(kids, nk) : PICK(poc, np);
		break;
	case 1:
		kind = "seen_with";
		from = rng_below(r, 4) ? PICK(poc, np) : PICK(eps, ne);
		to = rng_below(r, 2) ? PICK(kids, nk) : PICK(car, nc);
		break;
	case 2:
		kind = "found_at";
		from = rng_below(r, 3) ? PICK(kids, nk) : PICK(eps, ne);
		to = PICK(plc, npl);
		break;
	case 3:
		kind = "uses";
		from = PICK(poc, np);
		to = rng_below(r, 2) ? PICK(car, nc) : PICK(plc, npl);
		break;
	default:
		kind = "transported";
		from = rng_below(r, 2) ? PICK(car, nc) : PICK(poc, np);
		to = rng_below(r, 4) ? PICK(kids, nk) : PICK(eps, ne);
		break;
	}
#undef PICK
	if (strcmp(from, to) == 0)
		return;
	json_t *out = NULL;
	struct app_err err;
	cx_call(f, app_link_add, NULL, NULL, cx_link(from, to, kind), &out, &err);
	json_decref(out);
}

/* R-CAT-7, R-MASE-9, R-MASE-5: a borough's linked cases are read from its own children's
 * networks only; on generated data (children in three boroughs and none, categories,
 * persons with and without orders, places, vehicles, missing episodes, restricted and
 * ended links), for readers who see differently and with filters, the list is exactly
 * the whole partnership's answer for that borough, paths and ties included, and each
 * child's own R-CAT-7 flag (its record page) gives the same path. */
static void test_R_CAT_7_borough_cases_same_as_whole_network(void **state)
{
	struct fx *f = *state;
	fx_user(f, "an.vale", "Camden Police", "analyst");
	struct rng r;
	rng_seed(&r, 7);
	enum { NK = 30, NP = 10, NPL = 5, NC = 3, NE = 4, NL = 110 };
	static char kids[NK][ID_MAX], poc[NP][ID_MAX], plc[NPL][ID_MAX], car[NC][ID_MAX],
	        eps[NE][ID_MAX];
	const char *boroughs[] = {f->camden, f->hackney, f->islington, NULL};
	for (int i = 0; i < NK; i++) {
		char given[24], sql[400];
		snprintf(given, sizeof given, "Gen%02d", i);
		if (i % 3 == 2)
			hackney_child(f, given, "Testchild", kids[i]);
		else
			fx_new_record(f, "sw.green", given, "Testchild", "2011-02-02", NULL,
			              kids[i]);
		int cat = (int)rng_below(&r, 4);
		const char *own = boroughs[rng_below(&r, 4)], *lives = boroughs[rng_below(&r, 3)];
		snprintf(sql, sizeof sql,
		         "UPDATE records SET current_category = %s%.0d, owning_borough_id = %s%s%s"
		         " WHERE child_id = '%s'",
		         cat ? "" : "NULL", cat, own ? "'" : "", own ? own : "NULL", own ? "'" : "",
		         kids[i]);
		assert_int_equal(db_exec(f->db, sql), DB_OK);
		snprintf(sql, sizeof sql,
		         "UPDATE children SET residence_borough_id = '%s' WHERE id = '%s'", lives,
		         kids[i]);
		assert_int_equal(db_exec(f->db, sql), DB_OK);
	}
	for (int i = 0; i < NP; i++) {
		char name[32];
		snprintf(name, sizeof name, "Gen Person %02d", i);
		cx_add_person(f, i % 2 ? "ps.clark" : NULL, name, NULL, poc[i]);
		if (i % 4 == 1)
			order_on(f, poc[i]);
	}
	for (int i = 0; i < NPL; i++) {
		char name[32];
		snprintf(name, sizeof name, "Gen Place %02d", i);
		cx_id(cx_ok(f, app_place_add, NULL, NULL,
		            json_pack("{s:s, s:s, s:b}", "type", "park", "name", name,
		                      "confirm_new", 1)),
		      plc[i]);
	}
	for (int i = 0; i < NC; i++) {
		char reg[16];
		snprintf(reg, sizeof reg, "GE%02d ABC", i);
		cx_id(cx_ok(f, app_vehicle_find_or_add, NULL, NULL,
		            json_pack("{s:s}", "registration", reg)),
		      car[i]);
	}
	for (int i = 0; i < NE; i++) {
		struct actor pc = fx_actor(f, "ps.clark");
		json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "child_id", kids[3 * i],
		                       "missing_from", "care", "classification", "missing",
		                       "reported_at", "2026-03-09T20:00:00Z");
		json_t *out = NULL;
		struct app_err err = {0};
		assert_int_equal(app_episode_report(f->db, &pc, NULL, in, &out, &err), APP_OK);
		json_decref(in);
		cx_id(out, eps[i]);
	}
	for (int i = 0; i < NL; i++)
		random_link(f, &r, kids, NK, poc, NP, plc, NPL, car, NC, eps, NE);
	/* some links restricted intelligence, some ended */
	assert_int_equal(db_exec(f->db, "UPDATE links SET restricted = 1 WHERE rowid % 9 = 0"),
	                 DB_OK);
	assert_int_equal(
	        db_exec(f->db,
	                "UPDATE links SET ended_at = '2026-03-01T00:00:00Z', ended_reason = 'Test'"
	                " WHERE rowid % 11 = 0"),
	        DB_OK);

	const char *readers[] = {"an.vale", "ps.clark", "pc.ames", "sw.green", "nurse.irwin"};
	json_t *filters[] = {NULL, json_pack("{s:s}", "kinds", "associate,transported,found_at"),
	                     json_pack("{s:b}", "facts_only", 1)};
	size_t listed = 0;
	for (size_t u = 0; u < ARRAY_LEN(readers); u++)
		for (size_t fi = 0; fi < ARRAY_LEN(filters); fi++) {
			json_t *in = filters[fi] ? json_deep_copy(filters[fi]) : NULL;
			json_t *whole = cx_ok(f, app_network_linked_cases, readers[u], NULL, in);
			for (size_t b = 0; b < 3; b++) {
				in = filters[fi] ? json_deep_copy(filters[fi]) : NULL;
				json_t *one = cx_ok(f, app_network_linked_cases, readers[u],
				                    boroughs[b], in);
				json_t *want = cases_in(whole, boroughs[b]);
				if (!json_equal(json_object_get(one, "cases"), want)) {
					char *a = json_dumps(json_object_get(one, "cases"), 0),
					     *w = json_dumps(want, 0);
					fail_msg("%s, filter %zu, borough %zu:\n%s\nwanted\n%s",
					         readers[u], fi, b, a, w);
				}
				listed += json_array_size(want);
				json_decref(want);
				json_decref(one);
			}
			/* each listed child's own flag (its record page) takes the same path */
			size_t i;
			json_t *c;
			json_array_foreach(json_object_get(whole, "cases"), i, c)
			{
				if (fi)
					break;
				const char *kid = json_string_value(json_object_get(c, "child_id"));
				json_t *own = cx_ok(f, app_network_cat7, readers[u], kid, NULL);
				assert_true(json_equal(json_object_get(own, "path"),
				                       json_object_get(c, "path")));
				assert_true(json_equal(json_object_get(own, "link_kinds"),
				                       json_object_get(c, "link_kinds")));
				json_decref(own);
			}
			json_decref(whole);
		}
	for (size_t fi = 0; fi < ARRAY_LEN(filters); fi++)
		json_decref(filters[fi]);
	/* the generated networks do list children, for more than one reader */
	assert_true(listed > 20);
	json_t *all = cx_ok(f, app_network_linked_cases, "an.vale", NULL, NULL);
	json_t *some = cx_ok(f, app_network_linked_cases, "sw.green", NULL, NULL);
	assert_true(json_array_size(json_object_get(some, "cases")) <
	            json_array_size(json_object_get(all, "cases")));
	json_decref(all);
	json_decref(some);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_R_CAT_7_path_to_a_higher_category_child_and_to_an_order, fx_setup,
	                fx_teardown),
	        cmocka_unit_test_setup_teardown(test_R_MASE_9_linked_cases_per_borough, fx_setup,
	                                        fx_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_R_MASE_9_components_betweenness_and_serial_people, fx_setup,
	                fx_teardown),
	        cmocka_unit_test_setup_teardown(test_R_INFO_3_only_what_the_viewer_sees, fx_setup,
	                                        fx_teardown),
	        cmocka_unit_test_setup_teardown(test_R_CAT_7_through_a_missing_episode, fx_setup,
	                                        fx_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_R_MASE_9_children_missing_together_and_what_they_share, fx_setup,
	                fx_teardown),
	        cmocka_unit_test_setup_teardown(test_networks_bad_input_named, fx_setup,
	                                        fx_teardown),
	        cmocka_unit_test_setup_teardown(test_network_export_formula_safe, fx_setup,
	                                        fx_teardown),
	        cmocka_unit_test_setup_teardown(test_R_CAT_7_borough_cases_same_as_whole_network,
	                                        fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
