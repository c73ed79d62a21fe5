/*
 * test_app_import.c: bulk import and export of children (app/import.h) and its CSV
 * parser (app/import_csv.h) against a real database: each kind of refused row with its
 * line and reason, all or nothing per batch (and the good rows committed when asked),
 * the dry run, rows held because they may be a child already known (R-REC-1) and their
 * resolution, the export's guard against formulas, who may, and the matching model's
 * view and training refusal. All names are synthetic.
 */
#include "app_fixture.h"

#include "app/import.h"
#include "app/import_csv.h"
#include "app/match_batch.h"
#include "app/match_model.h"
#include "app/matching.h"

#define HEADER                                                                                     \
	"given_names,family_name,other_names,date_of_birth,gender,nhs_number,school,address,"      \
	"postcode\n"

/* ---- the parser ---- */

struct got {
	int rows;
	char lines[64];
	char reasons[8][IMPORT_REASON_LEN];
	size_t refused_line[8];
	int n_refused;
	char first_given[64], first_dob[16], first_other[64];
	size_t first_line;
};

static int got_row(void *ctx, const struct import_row *r)
{
	struct got *g = ctx;
	if (g->rows++ == 0) {
		snprintf(g->first_given, sizeof g->first_given, "%s", r->field[IMPORT_GIVEN_NAMES]);
		snprintf(g->first_dob, sizeof g->first_dob, "%s", r->field[IMPORT_DATE_OF_BIRTH]);
		snprintf(g->first_other, sizeof g->first_other, "%s", r->field[IMPORT_OTHER_NAMES]);
		g->first_line = r->line;
	}
	return 0;
}

static int got_refuse(void *ctx, size_t line, const char *reason)
{
	struct got *g = ctx;
	if (g->n_refused < 8) {
		g->refused_line[g->n_refused] = line;
		snprintf(g->reasons[g->n_refused], IMPORT_REASON_LEN, "%s", reason);
	}
	g->n_refused++;
	return 0;
}

/* Parses text fed `chunk` bytes at a time; returns the result of the last call. */
static int parse(const char *mapping, const char *text, size_t len, size_t chunk, struct got *g)
{
	memset(g, 0, sizeof *g);
	struct import_csv_cb cb = {g, got_row, got_refuse};
	char err[200];
	struct import_csv *p =
	        import_csv_new(mapping, mapping ? strlen(mapping) : 0, &cb, err, sizeof err);
	assert_non_null(p);
	int rc = 0;
	for (size_t off = 0; off < len && rc == 0; off += chunk)
		rc = import_csv_feed(p, text + off, len - off < chunk ? len - off : chunk);
	if (rc == 0)
		rc = import_csv_finish(p);
	import_csv_free(p);
	return rc;
}

static void expect_refused(const char *text, size_t line, const char *words)
{
	struct got g;
	parse(NULL, text, strlen(text), 5, &g);
	assert_int_equal(g.n_refused, 1);
	assert_int_equal(g.refused_line[0], line);
	if (!strstr(g.reasons[0], words))
		fail_msg("reason \"%s\" lacks \"%s\"", g.reasons[0], words);
}

static void test_import_csv_good_rows(void **state)
{
	(void)state;
	const char *t = HEADER "\"Ana Maria\",Szabo,\"Ani; A \"\"Z\"\"\",04/05/2012,F,,,,\n"
	                       "\"Di\nna\",Ode,,,,,,,\n"
	                       "\r\nBen,Ode,,,,,,,\r\n'=Cal,Ode,,,,,,,";
	struct got g;
	assert_int_equal(parse(NULL, t, strlen(t), 3, &g), 0);
	assert_int_equal(g.rows, 3);
	assert_string_equal(g.first_given, "Ana Maria");
	assert_string_equal(g.first_dob, "2012-05-04"); /* DD/MM/YYYY read as a UK date */
	assert_string_equal(g.first_other, "Ani; A \"Z\"");
	assert_int_equal(g.first_line, 2);
	/* a line break inside quotes is a control character in a name; the row is refused on
	 * the line it starts, and the lines after it keep their numbers */
	assert_int_equal(g.n_refused, 1);
	assert_int_equal(g.refused_line[0], 3);
	assert_non_null(strstr(g.reasons[0], "control character"));
	const char *u = HEADER "\"Di\nna\",Ode,,,,,,,\nEd,Ode,,,,,,,,\n";
	parse(NULL, u, strlen(u), 2, &g);
	assert_int_equal(g.n_refused, 2);
	assert_int_equal(g.refused_line[1], 4);
}

static void test_import_csv_each_bad_row(void **state)
{
	(void)state;
	expect_refused("given_names,surname\nA,B\n", 1, "surname"); /* unknown column */
	expect_refused("given_names,date_of_birth\nA,2012-01-01\n", 1, "family_name");
	expect_refused("given_names,family_name,given_names\nA,B,C\n", 1, "twice");
	expect_refused("", 1, "empty");
	expect_refused(HEADER "Ann,Lee,,2012-02-30,,,,,\n", 2, "not a date that exists");
	expect_refused(HEADER "Ann,Lee,,31/04/2012,,,,,\n", 2, "not a date that exists");
	expect_refused(HEADER "Ann,L\xe9\x65,,,,,,,\n", 2, "UTF-8"); /* Latin-1 */
	expect_refused(HEADER "Ann,Lee\x01,,,,,,,\n", 2, "control character");
	expect_refused(HEADER "Ann,Lee,,,\n", 2, "fields where the header has 9");
	expect_refused(HEADER ",Lee,,,,,,,\n", 2, "given_names is empty");
	char longname[300];
	memset(longname, 'a', 150);
	snprintf(longname + 150, sizeof longname - 150, ",Lee,,,,,,,\n");
	char text[400];
	snprintf(text, sizeof text, HEADER "%s", longname);
	expect_refused(text, 2, "too long");
	/* the same row twice (case aside), the second refused naming the first */
	struct got g;
	const char *dup =
	        HEADER "Ann,Lee,,2012-01-01,,,,,\nBo,Lee,,,,,,,\nANN,lee,,01/01/2012,,,,,\n";
	parse(NULL, dup, strlen(dup), 64, &g);
	assert_int_equal(g.n_refused, 1);
	assert_int_equal(g.refused_line[0], 4);
	assert_non_null(strstr(g.reasons[0], "repeats line 2"));
	assert_int_equal(g.rows, 2);
}

static void test_import_csv_mapping(void **state)
{
	(void)state;
	const char *map = "# from the school's system\nForename = given_names\n"
	                  "Surname=family_name\nDOB = date_of_birth\n";
	const char *t = "Forename,Surname,DOB\nZia,Khan,2013-06-07\n";
	struct got g;
	assert_int_equal(parse(map, t, strlen(t), 4, &g), 0);
	assert_int_equal(g.rows, 1);
	assert_string_equal(g.first_given, "Zia");
	char err[200];
	struct import_csv_cb cb = {NULL, NULL, NULL};
	assert_null(import_csv_new("Forename = first_name\n", 22, &cb, err, sizeof err));
	assert_non_null(strstr(err, "first_name"));
	assert_null(import_csv_new("Forename\n", 9, &cb, err, sizeof err));
}

/* ---- the use cases ---- */

struct mem {
	const char *s;
	size_t len, pos;
};

static long mem_read(void *ctx, char *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->len - m->pos < 7 ? m->len - m->pos : 7; /* small pieces */
	if (k > n)
		k = n;
	memcpy(buf, m->s + m->pos, k);
	m->pos += k;
	return (long)k;
}

static int import(struct fx *f, const char *username, const char *text, bool dry, bool good,
                  json_t **rep, struct app_err *err)
{
	struct actor a = username ? fx_actor(f, username) : f->sys;
	struct mem m = {text, strlen(text), 0};
	struct import_opts o = {.source = "test.csv", .dry_run = dry, .commit_good = good};
	return app_import_children(f->db, &a, &o, mem_read, &m, rep, err);
}

static int64_t children_named(struct fx *f, const char *family)
{
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n,
	                                "SELECT count(*) FROM children WHERE family_name = $1", "s",
	                                family),
	                 DB_OK);
	return n;
}

static void test_import_all_or_nothing(void **state)
{
	struct fx *f = *state;
	const char *t = HEADER "Oriel,Vantongeren,,2012-01-02,F,,,,\n"
	                       "Piet,Vantongeren,,2012-13-02,M,,,,\n"
	                       "Quill,Vantongeren,,2011-03-04,M,,,,\n";
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	json_t *rep = NULL;
	struct app_err err;
	assert_int_equal(import(f, "admin.moss", t, false, false, &rep, &err), APP_INVALID);
	assert_non_null(rep);
	assert_string_equal(json_string_value(json_object_get(rep, "status")), "refused");
	assert_int_equal(json_integer_value(json_object_get(rep, "refused")), 1);
	json_t *r0 = json_array_get(json_object_get(rep, "refused_rows"), 0);
	assert_int_equal(json_integer_value(json_object_get(r0, "line")), 3);
	assert_int_equal(children_named(f, "Vantongeren"), 0); /* nothing written */
	/* the report is kept and audited with its counts */
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(rep, "id")));
	json_decref(rep);
	assert_int_equal(fx_audit_count(f, "import", id), 1);
	struct actor adm = fx_actor(f, "admin.moss");
	assert_int_equal(app_import_get(f->db, &adm, id, NULL, &rep, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(rep, "status")), "refused");
	json_decref(rep);
	/* the good rows, committed when asked explicitly */
	assert_int_equal(import(f, "admin.moss", t, false, true, &rep, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(rep, "status")), "committed");
	assert_int_equal(json_integer_value(json_object_get(rep, "created")), 2);
	json_decref(rep);
	assert_int_equal(children_named(f, "Vantongeren"), 2);
}

static void test_import_dry_run_writes_nothing(void **state)
{
	struct fx *f = *state;
	const char *t = HEADER "Rhiannon,Oyelaran-Fitch,,2013-02-03,F,,,1 Elm Row,NW1 8AB\n";
	json_t *rep = NULL;
	struct app_err err;
	assert_int_equal(import(f, NULL, t, true, false, &rep, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(rep, "status")), "dry_run");
	assert_int_equal(json_integer_value(json_object_get(rep, "created")), 1);
	json_decref(rep);
	assert_int_equal(children_named(f, "Oyelaran-Fitch"), 0);
	/* an adult is refused under R-DEF-1, with the line */
	const char *adult = HEADER "Sam,Oyelaran-Fitch,,1990-01-01,,,,,\n";
	assert_int_equal(import(f, NULL, adult, true, false, &rep, &err), APP_INVALID);
	json_t *r0 = json_array_get(json_object_get(rep, "refused_rows"), 0);
	assert_non_null(strstr(json_string_value(json_object_get(r0, "reason")), "R-DEF-1"));
	json_decref(rep);
}

static void test_R_REC_1_import_holds_possible_matches(void **state)
{
	struct fx *f = *state;
	char known[ID_MAX];
	json_t *out = NULL;
	struct app_err err;
	struct actor nurse = fx_actor(f, "nurse.hill");
	json_t *in = fx_child("Katherine", "Wojciechowska", "2011-04-04");
	int arc = app_child_add(f->db, &nurse, NULL, in, &out, &err);
	fx_must(arc, out, &err, known);
	json_decref(in);
	/* a nickname of the same child, and the same new child twice in one file */
	const char *t = HEADER "Kate,Wojciechowska,,2011-04-04,F,,,,\n"
	                       "Tobiasz,Wojciechowski,,2012-09-10,M,,,,\n"
	                       "Tobias,Wojciechowski,,2012-09-10,M,,,,\n";
	json_t *rep = NULL;
	assert_int_equal(import(f, "admin.moss", t, false, false, &rep, &err), APP_OK);
	assert_int_equal(json_integer_value(json_object_get(rep, "created")), 1);
	assert_int_equal(json_integer_value(json_object_get(rep, "held")), 2);
	json_decref(rep);
	assert_int_equal(children_named(f, "Wojciechowska"), 1); /* never merged or added */
	assert_int_equal(children_named(f, "Wojciechowski"), 1);
	/* the held rows, for a person to resolve */
	struct actor adm = fx_actor(f, "admin.moss");
	assert_int_equal(app_import_held_list(f->db, &adm, NULL, NULL, &out, &err), APP_OK);
	json_t *held = json_object_get(out, "held");
	char kate[ID_MAX] = "", tobias[ID_MAX] = "";
	size_t i;
	json_t *h;
	json_array_foreach(held, i, h)
	{
		const char *given = json_string_value(
		        json_object_get(json_object_get(h, "row"), "given_names"));
		const char *hid = json_string_value(json_object_get(h, "id"));
		if (strcmp(given, "Kate") == 0) {
			snprintf(kate, sizeof kate, "%s", hid);
			json_t *c = json_array_get(json_object_get(h, "candidates"), 0);
			assert_string_equal(json_string_value(json_object_get(c, "id")), known);
			assert_true(json_array_size(json_object_get(c, "reasons")) > 0);
			assert_non_null(json_object_get(c, "band"));
		}
		if (strcmp(given, "Tobias") == 0)
			snprintf(tobias, sizeof tobias, "%s", hid);
	}
	json_decref(out);
	assert_true(kate[0] && tobias[0]);
	/* "same child" must name one of the row's candidates */
	in = json_pack("{s:s, s:s}", "decision", "same", "child_id", "ch_notacandidate00000");
	assert_int_equal(app_import_held_resolve(f->db, &adm, kate, in, &out, &err), APP_INVALID);
	json_decref(in);
	in = json_pack("{s:s, s:s}", "decision", "same", "child_id", known);
	assert_int_equal(app_import_held_resolve(f->db, &adm, kate, in, &out, &err), APP_OK);
	json_decref(out);
	assert_int_equal(app_import_held_resolve(f->db, &adm, kate, in, &out, &err), APP_CONFLICT);
	json_decref(in);
	assert_int_equal(children_named(f, "Wojciechowska"), 1);
	assert_int_equal(fx_audit_count(f, "resolve", kate), 1);
	/* "new child": the row becomes a child */
	in = json_pack("{s:s}", "decision", "new");
	assert_int_equal(app_import_held_resolve(f->db, &adm, tobias, in, &out, &err), APP_OK);
	json_decref(out);
	json_decref(in);
	assert_int_equal(children_named(f, "Wojciechowski"), 2);
	/* a nurse may not */
	in = json_pack("{s:s}", "decision", "new");
	assert_int_equal(app_import_held_resolve(f->db, &nurse, tobias, in, &out, &err),
	                 APP_FORBIDDEN);
	json_decref(in);
	assert_int_equal(app_import_held_list(f->db, &nurse, NULL, NULL, &out, &err),
	                 APP_FORBIDDEN);
}

/* R-REC-1: into an empty register, each row is matched against the file's rows before
 * it (held in memory by the import), and the created children's blocking keys are all
 * written with the batch, so that a search finds them afterwards. */
static void test_R_REC_1_import_into_an_empty_register(void **state)
{
	struct fx *f = *state;
	int64_t n = -1;
	assert_int_equal(db_query_int64(f->db, &n, "SELECT count(*) FROM children", ""), DB_OK);
	assert_int_equal(n, 0);
	const char *t = HEADER "Katherine,Abernethy-Quayle,,2011-04-04,F,,,2 Elm Row,NW1 8AB\n"
	                       "Jonah,Featherstone-Obi,,2013-06-01,M,,,9 Oak Lane,E2 7QX\n"
	                       "Kate,Abernethy-Quayle,,2011-04-04,F,,,,\n";
	json_t *rep = NULL, *out = NULL;
	struct app_err err;
	assert_int_equal(import(f, "admin.moss", t, false, false, &rep, &err), APP_OK);
	assert_int_equal(json_integer_value(json_object_get(rep, "created")), 2);
	assert_int_equal(json_integer_value(json_object_get(rep, "held")), 1); /* Kate */
	json_decref(rep);
	/* every key of each child, as a child added one at a time would have them */
	struct db_stmt *st;
	assert_int_equal(db_prepare(f->db,
	                            "SELECT c.id, c.given_names, c.family_name, c.date_of_birth,"
	                            " (SELECT count(*) FROM child_keys k WHERE k.child_id = c.id)"
	                            " FROM children c ORDER BY c.given_names",
	                            &st),
	                 DB_OK);
	int seen = 0;
	while (db_step(st) == DB_ROW) {
		json_t *in = fx_child(db_column_text(st, 1), db_column_text(st, 2),
		                      db_column_text(st, 3));
		json_object_set_new(in, "gender", json_string(seen == 0 ? "male" : "female"));
		struct child_input ci;
		struct app_err e;
		json_t *a =
		        json_pack("[{s:s, s:s}]", "address", seen == 0 ? "9 Oak Lane" : "2 Elm Row",
		                  "postcode", seen == 0 ? "E2 7QX" : "NW1 8AB");
		json_object_set_new(in, "addresses", a);
		assert_int_equal(child_input_parse(in, f->sys.now, &ci, &e), APP_OK);
		char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
		size_t nk = child_blocking_keys(&ci, keys);
		assert_true(nk > 5);
		assert_int_equal(db_column_int64(st, 4), (int64_t)nk);
		json_decref(in);
		seen++;
	}
	db_finalize(st);
	assert_int_equal(seen, 2);
	/* a search after the import finds the child by a short form of her name */
	struct actor nurse = fx_actor(f, "nurse.hill");
	json_t *probe = fx_child("Katie", "Abernethy-Quayle", "2011-04-04");
	struct child_input ci;
	assert_int_equal(child_input_parse(probe, f->sys.now, &ci, &err), APP_OK);
	assert_int_equal(db_begin(f->db), DB_OK);
	assert_int_equal(child_match(f->db, &nurse, &ci, 5, &out, &err), APP_OK);
	db_rollback(f->db);
	assert_int_equal(json_array_size(out), 1);
	assert_string_equal(
	        json_string_value(json_object_get(json_array_get(out, 0), "given_names")),
	        "Katherine");
	json_decref(out);
	json_decref(probe);
}

static void test_import_forbidden_roles(void **state)
{
	struct fx *f = *state;
	json_t *rep = NULL;
	struct app_err err;
	int64_t before[FX_NTABLES];
	fx_counts(f, before);
	assert_int_equal(
	        import(f, "nurse.hill", HEADER "Una,Lee,,,,,,,\n", false, false, &rep, &err),
	        APP_FORBIDDEN);
	assert_null(rep);
	assert_int_equal(import(f, "mash.fry", HEADER "Una,Lee,,,,,,,\n", false, false, &rep, &err),
	                 APP_FORBIDDEN);
}

struct sink {
	char text[8192];
	size_t len;
};

static int sink_write(void *ctx, const char *s, size_t n)
{
	struct sink *k = ctx;
	if (k->len + n >= sizeof k->text)
		n = sizeof k->text - k->len - 1;
	memcpy(k->text + k->len, s, n);
	k->len += n;
	k->text[k->len] = '\0';
	return 0;
}

static void test_export_guards_formulas(void **state)
{
	struct fx *f = *state;
	json_t *rep = NULL;
	struct app_err err;
	const char *t = HEADER "'=HYPERLINK(\"x\"),Formulaic,\"+1; @me\",2012-01-02,,,-Sch,,\n";
	assert_int_equal(import(f, NULL, t, false, false, &rep, &err), APP_OK);
	json_decref(rep);
	struct sink k = {.len = 0};
	size_t rows = 0;
	assert_int_equal(app_export_children(f->db, &f->sys, sink_write, &k, &rows, &err), APP_OK);
	assert_true(rows >= 1);
	assert_int_equal(strncmp(k.text, HEADER, strlen(HEADER) - 1), 0);
	assert_non_null(
	        strstr(k.text, "\"'=HYPERLINK(\"\"x\"\")\",Formulaic,\"'+1; @me\",2012-01-02"));
	assert_non_null(strstr(k.text, "\"'-Sch\""));
	assert_int_equal(fx_audit_count(f, "export", NULL) >= 1, 1);
	/* the export reads back: the guarded cell is the same text again */
	struct actor nurse = fx_actor(f, "nurse.hill");
	assert_int_equal(app_export_children(f->db, &nurse, sink_write, &k, &rows, &err),
	                 APP_FORBIDDEN);
}

static void test_match_model_view_and_training(void **state)
{
	struct fx *f = *state;
	json_t *out = NULL;
	struct app_err err;
	struct actor adm = fx_actor(f, "admin.moss");
	assert_int_equal(app_match_model(f->db, &adm, NULL, NULL, &out, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "source")), "built-in");
	json_t *given = json_array_get(json_object_get(out, "fields"), 0);
	json_t *exact = json_array_get(json_object_get(given, "levels"), 0);
	assert_true(json_real_value(json_object_get(exact, "weight_bits")) > 0);
	assert_non_null(json_object_get(exact, "meaning"));
	assert_int_equal(json_array_size(json_object_get(out, "bands")), 2);
	json_decref(out);
	/* too few children to learn from: refused, the built-in model stays */
	assert_int_equal(app_match_train(f->db, &adm, NULL, NULL, &out, &err), APP_INVALID);
	struct actor nurse = fx_actor(f, "nurse.hill");
	assert_int_equal(app_match_train(f->db, &nurse, NULL, NULL, &out, &err), APP_FORBIDDEN);
	assert_int_equal(app_match_model(f->db, &nurse, NULL, NULL, &out, &err), APP_FORBIDDEN);
}

/* Enough children, some recorded twice, for training to learn from. */
static void test_match_train_stores_and_uses_a_model(void **state)
{
	struct fx *f = *state;
	static const char *const given[] = {"Amelia", "Oliver", "Isla",   "Noah",   "Ava",
	                                    "Leo",    "Mia",    "Arthur", "Ivy",    "Oscar",
	                                    "Freya",  "Theo",   "Lily",   "Finley", "Rosie",
	                                    "Jude",   "Elsie",  "Reuben", "Nia",    "Tariq"};
	static const char *const family[] = {
	        "Achterberg",  "Bellweather", "Cattermole", "Dunleavy",     "Eversholt",
	        "Fairbrother", "Gallimore",   "Hazeldine",  "Ingleby",      "Juxon",
	        "Kettlewell",  "Lathbury",    "Mountjoy",   "Nettleship",   "Oakenshaw",
	        "Pemberton",   "Quenby",      "Rowbotham",  "Satterthwaite"};
	char csv[65536];
	size_t len = (size_t)snprintf(csv, sizeof csv, "%s", HEADER);
	for (int i = 0; i < 360; i++) {
		int k = i < 300 ? i : (i - 300) * 5; /* the last 60 repeat earlier children */
		const char *g = given[k % 20];
		char typo[32];
		snprintf(typo, sizeof typo, "%s", g);
		if (i >= 300)
			typo[strlen(typo) - 1] = 'y'; /* a misspelling */
		len += (size_t)snprintf(csv + len, sizeof csv - len, "%s,%s,,%04d-%02d-%02d,,,,,\n",
		                        typo, family[k % 19], 2010 + k % 14, 1 + k % 12,
		                        1 + k % 28);
	}
	json_t *rep = NULL;
	struct app_err err;
	assert_int_equal(import(f, NULL, csv, false, false, &rep, &err), APP_OK);
	assert_true(json_integer_value(json_object_get(rep, "held")) >= 50);
	json_decref(rep);
	/* the held repeats become children too, so that training sees pairs */
	struct actor adm = fx_actor(f, "admin.moss");
	json_t *out = NULL;
	assert_int_equal(app_import_held_list(f->db, &adm, NULL, NULL, &out, &err), APP_OK);
	size_t i;
	json_t *h;
	json_array_foreach(json_object_get(out, "held"), i, h)
	{
		json_t *in = json_pack("{s:s}", "decision", "new");
		json_t *res = NULL;
		assert_int_equal(app_import_held_resolve(
		                         f->db, &adm, json_string_value(json_object_get(h, "id")),
		                         in, &res, &err),
		                 APP_OK);
		json_decref(res);
		json_decref(in);
	}
	json_decref(out);
	assert_int_equal(app_match_train(f->db, &adm, NULL, NULL, &out, &err), APP_OK);
	char id[ID_MAX];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(out, "id")));
	assert_string_equal(json_string_value(json_object_get(out, "trained_on")), "2026-03-10");
	/* the answers to held rows ("new child": the row and each candidate) are labels */
	assert_true(json_integer_value(json_object_get(out, "labelled_different")) >= 50);
	if (json_integer_value(json_object_get(out, "records")) < 300)
		fail_msg("trained on %lld",
		         (long long)json_integer_value(json_object_get(out, "records")));
	json_decref(out);
	assert_int_equal(fx_audit_count(f, "train", id), 1);
	/* the matcher and the page use it from now on */
	assert_int_equal(app_match_model(f->db, &adm, NULL, NULL, &out, &err), APP_OK);
	assert_string_equal(json_string_value(json_object_get(out, "source")), "trained");
	assert_string_equal(json_string_value(json_object_get(out, "id")), id);
	json_decref(out);
	struct actor nurse = fx_actor(f, "nurse.hill");
	json_t *in =
	        json_pack("{s:s, s:s}", "name", "Amelia Achterberg", "date_of_birth", "2010-01-01");
	assert_int_equal(app_child_find(f->db, &nurse, NULL, in, &out, &err), APP_OK);
	assert_true(json_array_size(json_object_get(out, "results")) > 0);
	json_decref(out);
	json_decref(in);
}

/* A batch keeps its own copy of the model its first row looked up: the model it was
 * given may be freed or replaced (the process's model cache) while the batch runs. */
static void test_match_batch_keeps_its_own_model(void **state)
{
	(void)state;
	struct match_batch *b = match_batch_new(true);
	assert_non_null(b);
	assert_null(match_batch_model(b));
	struct link_model *m = malloc(sizeof *m);
	assert_non_null(m);
	*m = *link_model_default();
	assert_int_equal(match_batch_set_model(b, m), 0);
	const struct link_model *kept = match_batch_model(b);
	assert_non_null(kept);
	assert_ptr_not_equal(kept, m);
	double likely = m->likely;
	m->likely = likely + 100; /* what a replaced model would look like */
	assert_true(kept->likely == likely);
	free(m);
	assert_true(match_batch_model(b)->likely == likely);
	match_batch_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_import_csv_good_rows),
	        cmocka_unit_test(test_import_csv_each_bad_row),
	        cmocka_unit_test(test_import_csv_mapping),
	        cmocka_unit_test(test_import_all_or_nothing),
	        cmocka_unit_test(test_import_dry_run_writes_nothing),
	        cmocka_unit_test(test_R_REC_1_import_holds_possible_matches),
	        cmocka_unit_test_setup_teardown(test_R_REC_1_import_into_an_empty_register,
	                                        fx_setup, fx_teardown),
	        cmocka_unit_test(test_import_forbidden_roles),
	        cmocka_unit_test(test_export_guards_formulas),
	        cmocka_unit_test(test_match_model_view_and_training),
	        cmocka_unit_test(test_match_train_stores_and_uses_a_model),
	        cmocka_unit_test(test_match_batch_keeps_its_own_model),
	};
	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
