/* test_link_similarity.c: link/similarity.h against the reference vectors in
 * tests/data/linkage/ (python jellyfish 0.8.9 and PostgreSQL 15 fuzzystrmatch; see
 * the README there), plus failure paths. Each vector test prints its agreement rate. */
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "link/similarity.h"

#define MAXROWS 128
#define MAXCOLS 8

struct csv {
	char cell[MAXROWS][MAXCOLS][64];
	int rows, cols;
};

/* Reads a small comma-separated file (no quoting) from the repository's
 * tests/data/linkage/, skipping the header. */
static void load(const char *name, struct csv *c)
{
	const char *root = getenv("LANTERN_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/data/linkage/%s", root ? root : ".", name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[512];
	c->rows = 0;
	bool header = true;
	while (fgets(line, sizeof(line), f) && c->rows < MAXROWS) {
		line[strcspn(line, "\r\n")] = '\0';
		if (header) {
			header = false;
			continue;
		}
		int col = 0;
		char *p = line;
		for (;;) {
			char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (col < MAXCOLS)
				snprintf(c->cell[c->rows][col], 64, "%.*s", (int)n, p);
			col++;
			if (!e)
				break;
			p = e + 1;
		}
		c->cols = col;
		c->rows++;
	}
	fclose(f);
	assert_true(c->rows > 0);
}

static double num(const char *s)
{
	return strtod(s, NULL);
}

static struct csv sim, pho, dm;

static int setup(void **state)
{
	load("string_similarity_jellyfish_0.8.9.csv", &sim);
	load("phonetic_jellyfish_0.8.9.csv", &pho);
	load("double_metaphone_postgres15_fuzzystrmatch.csv", &dm);
	return 0;
}

static void report(const char *what, int agree, int total)
{
	print_message("agreement %-44s %d/%d (%.1f%%)\n", what, agree, total,
	              100.0 * agree / total);
}

static void test_jaro_matches_jellyfish(void **state)
{
	int ok = 0;
	for (int i = 0; i < sim.rows; i++) {
		double v = link_jaro(sim.cell[i][0], sim.cell[i][1]);
		if (fabs(v - num(sim.cell[i][2])) < 1e-6)
			ok++;
		else
			print_message("jaro %s %s: %f want %s\n", sim.cell[i][0], sim.cell[i][1], v,
			              sim.cell[i][2]);
	}
	report("jaro vs jellyfish", ok, sim.rows);
	assert_int_equal(ok, sim.rows);
}

static void test_jaro_winkler_matches_jellyfish(void **state)
{
	int ok = 0;
	for (int i = 0; i < sim.rows; i++) {
		double v = link_jaro_winkler(sim.cell[i][0], sim.cell[i][1]);
		if (fabs(v - num(sim.cell[i][3])) < 1e-6)
			ok++;
		else
			print_message("jw %s %s: %f want %s\n", sim.cell[i][0], sim.cell[i][1], v,
			              sim.cell[i][3]);
	}
	report("jaro_winkler vs jellyfish", ok, sim.rows);
	assert_int_equal(ok, sim.rows);
}

static void test_levenshtein_matches_jellyfish(void **state)
{
	int ok = 0;
	for (int i = 0; i < sim.rows; i++)
		ok += link_levenshtein(sim.cell[i][0], sim.cell[i][1]) == (int)num(sim.cell[i][4]);
	report("levenshtein vs jellyfish", ok, sim.rows);
	assert_int_equal(ok, sim.rows);
}

static void test_damerau_matches_jellyfish_unrestricted(void **state)
{
	int ok = 0, osa_ok = 0;
	for (int i = 0; i < sim.rows; i++) {
		int want = (int)num(sim.cell[i][5]);
		ok += link_damerau_levenshtein(sim.cell[i][0], sim.cell[i][1]) == want;
		osa_ok += link_osa_distance(sim.cell[i][0], sim.cell[i][1]) == want;
	}
	report("damerau_levenshtein (unrestricted) vs jellyfish", ok, sim.rows);
	report("osa_distance vs jellyfish unrestricted", osa_ok, sim.rows);
	assert_int_equal(ok, sim.rows);
	/* The case that tells the two apart. */
	assert_int_equal(link_damerau_levenshtein("CA", "ABC"), 2);
	assert_int_equal(link_osa_distance("CA", "ABC"), 3);
}

static void test_soundex_nara_matches_jellyfish(void **state)
{
	int ok = 0;
	for (int i = 0; i < pho.rows; i++) {
		char out[LINK_SOUNDEX_LEN];
		assert_int_equal(link_soundex(pho.cell[i][0], LINK_SOUNDEX_NARA, out), 0);
		if (strcmp(out, pho.cell[i][1]) == 0)
			ok++;
		else
			print_message("soundex %s: %s want %s\n", pho.cell[i][0], out,
			              pho.cell[i][1]);
	}
	report("soundex NARA vs jellyfish", ok, pho.rows);
	assert_int_equal(ok, pho.rows);
}

static void test_soundex_against_postgres(void **state)
{
	int ok = 0, nara_ok = 0;
	for (int i = 0; i < dm.rows; i++) {
		char out[LINK_SOUNDEX_LEN];
		assert_int_equal(link_soundex(dm.cell[i][0], LINK_SOUNDEX_SIMPLE, out), 0);
		if (strcmp(out, dm.cell[i][3]) == 0)
			ok++;
		else
			print_message("pg soundex %s: %s want %s\n", dm.cell[i][0], out,
			              dm.cell[i][3]);
		assert_int_equal(link_soundex(dm.cell[i][0], LINK_SOUNDEX_NARA, out), 0);
		nara_ok += strcmp(out, dm.cell[i][3]) == 0;
	}
	report("soundex SIMPLE vs postgres", ok, dm.rows);
	report("soundex NARA vs postgres", nara_ok, dm.rows);
	assert_int_equal(ok, dm.rows);
}

static void test_double_metaphone_matches_postgres(void **state)
{
	int okp = 0, oka = 0;
	for (int i = 0; i < dm.rows; i++) {
		char p[LINK_DM_LEN], a[LINK_DM_LEN];
		assert_int_equal(link_double_metaphone(dm.cell[i][0], p, a), 0);
		okp += strcmp(p, dm.cell[i][1]) == 0;
		oka += strcmp(a, dm.cell[i][2]) == 0;
		if (strcmp(p, dm.cell[i][1]) || strcmp(a, dm.cell[i][2]))
			print_message("dm %s: %s/%s want %s/%s\n", dm.cell[i][0], p, a,
			              dm.cell[i][1], dm.cell[i][2]);
	}
	report("double metaphone primary vs postgres", okp, dm.rows);
	report("double metaphone alternate vs postgres", oka, dm.rows);
	assert_int_equal(okp, dm.rows);
	assert_int_equal(oka, dm.rows);
}

static void test_invalid_input_is_refused(void **state)
{
	char big[LINK_SIM_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	const char *bad[] = {NULL, "\xff\xfe", "abc\xc3", "\xed\xa0\x80", big};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char s[LINK_SOUNDEX_LEN], p[LINK_DM_LEN], a[LINK_DM_LEN];
		assert_true(link_jaro(bad[i], "abc") < 0);
		assert_true(link_jaro_winkler("abc", bad[i]) < 0);
		assert_int_equal(link_levenshtein(bad[i], "abc"), -1);
		assert_int_equal(link_damerau_levenshtein("abc", bad[i]), -1);
		assert_int_equal(link_osa_distance(bad[i], bad[i]), -1);
		assert_int_equal(link_soundex(bad[i], LINK_SOUNDEX_NARA, s), -1);
		assert_string_equal(s, "");
		assert_int_equal(link_double_metaphone(bad[i], p, a), -1);
		assert_string_equal(p, "");
	}
}

static void test_empty_and_unicode(void **state)
{
	char s[LINK_SOUNDEX_LEN], p[LINK_DM_LEN], a[LINK_DM_LEN];
	assert_true(link_jaro("", "") == 0.0);
	assert_int_equal(link_levenshtein("", ""), 0);
	assert_int_equal(link_levenshtein("", "abc"), 3);
	assert_int_equal(link_soundex("", LINK_SOUNDEX_NARA, s), 0);
	assert_string_equal(s, "");
	assert_int_equal(link_double_metaphone("", p, a), 0);
	assert_string_equal(p, "");
	/* Code points, not bytes: one substitution. */
	assert_int_equal(link_levenshtein("zoë", "zoe"), 1);
	assert_int_equal(link_damerau_levenshtein("łukasz", "lukasz"), 1);
	/* Longest accepted input works. */
	char max[LINK_SIM_MAX + 1];
	memset(max, 'b', LINK_SIM_MAX);
	max[LINK_SIM_MAX] = '\0';
	assert_int_equal(link_levenshtein(max, "b"), LINK_SIM_MAX - 1);
	assert_int_equal(link_damerau_levenshtein(max, max), 0);
	assert_int_equal(link_double_metaphone(max, p, a), 0);
}

static void test_R_REC_1_transliterations_sound_alike(void **state)
{
	char p1[LINK_DM_LEN], a1[LINK_DM_LEN], p2[LINK_DM_LEN], a2[LINK_DM_LEN];
	link_double_metaphone("Mohammed", p1, a1);
	link_double_metaphone("Muhammad", p2, a2);
	assert_string_equal(p1, p2);
	assert_true(link_jaro_winkler("MOHAMMED", "MUHAMMAD") > 0.84);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_jaro_matches_jellyfish),
	        cmocka_unit_test(test_jaro_winkler_matches_jellyfish),
	        cmocka_unit_test(test_levenshtein_matches_jellyfish),
	        cmocka_unit_test(test_damerau_matches_jellyfish_unrestricted),
	        cmocka_unit_test(test_soundex_nara_matches_jellyfish),
	        cmocka_unit_test(test_soundex_against_postgres),
	        cmocka_unit_test(test_double_metaphone_matches_postgres),
	        cmocka_unit_test(test_invalid_input_is_refused),
	        cmocka_unit_test(test_empty_and_unicode),
	        cmocka_unit_test(test_R_REC_1_transliterations_sound_alike),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
