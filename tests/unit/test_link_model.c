/* test_link_model.c: link/model.h, the matching model's data: levels and their
 * wording, weights, term frequencies, the prior, and the JSON form (round trip and
 * refusals). */
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>

#include "link/model.h"

static void test_default_model_loads(void **state)
{
	const struct link_model *m = link_model_default();
	assert_non_null(m);
	assert_true(m->records > 0);
	assert_true(m->match_rate > 0 && m->match_rate <= 1);
	for (int c = 0; c < LINK_NCMP; c++) {
		assert_true(link_cmp_levels((enum link_cmp)c) >= 3);
		assert_non_null(link_cmp_name((enum link_cmp)c));
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++) {
			assert_non_null(link_level_name((enum link_cmp)c, l));
			assert_non_null(link_level_text((enum link_cmp)c, l));
			assert_true(m->m[c][l] > 0 && m->u[c][l] > 0);
			assert_true(fabs(m->w[c][l] - log2(m->m[c][l] / m->u[c][l])) < 1e-9);
		}
		assert_true(link_level_weight(m, (enum link_cmp)c, LINK_NULL) == 0.0);
	}
	assert_null(link_level_name(LINK_NCMP, 1));
	assert_null(link_level_name(LINK_C_GENDER, 7));
	/* Agreement is evidence for, disagreement against. */
	assert_true(link_level_weight(m, LINK_C_DOB, LINK_DOB_EXACT) > 5);
	assert_true(link_level_weight(m, LINK_C_GIVEN, LINK_GIVEN_DIFFERENT) < 0);
	assert_true(link_level_weight(m, LINK_C_NHS, LINK_SAME) > 10);
	assert_true(link_level_weight(m, LINK_C_NHS, LINK_DIFFERENT) < 0);
}

static void test_prior_follows_store_size(void **state)
{
	const struct link_model *m = link_model_default();
	double a = link_prior_weight(m, 100000), b = link_prior_weight(m, 1000000);
	assert_true(fabs((a - b) - log2(10.0)) < 0.01);
	assert_true(link_prior_weight(m, 0) == link_prior_weight(m, m->records));
	assert_true(fabs(link_probability(0.0) - 0.5) < 1e-12);
	assert_true(link_probability(1000) == 1.0);
	assert_true(link_probability(-1000) == 0.0);
}

static void test_term_frequencies(void **state)
{
	struct link_model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	memcpy(m, link_model_default(), sizeof(*m));
	memset(&m->tf_family, 0, sizeof(m->tf_family));
	m->tf_family.dflt = 0.0001;
	assert_int_equal(link_tf_set(&m->tf_family, "smith", 0.012), 0);
	assert_int_equal(link_tf_set(&m->tf_family, "khan", 0.009), 0);
	assert_int_equal(link_tf_set(&m->tf_family, "khan", 0.010), 0); /* replaces */
	assert_int_equal(link_tf_set(&m->tf_family, "this-token-is-far-too-long-to-keep", 0.1), -1);
	assert_int_equal(link_tf_set(&m->tf_family, "bad", 1.5), -1);
	link_model_finish(m);
	assert_int_equal(m->tf_family.n, 2);
	assert_true(link_tf_freq(&m->tf_family, "smith") == 0.012);
	assert_true(link_tf_freq(&m->tf_family, "khan") == 0.010);
	assert_true(link_tf_freq(&m->tf_family, "okafor") == 0.0001);
	m->tf_family.dflt = 0.0;
	assert_true(link_tf_freq(&m->tf_family, "okafor") == LINK_TF_FLOOR);
	free(m);
}

static void test_json_round_trip(void **state)
{
	struct link_model *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	memcpy(a, link_model_default(), sizeof(*a));
	snprintf(a->trained_on, sizeof(a->trained_on), "%s", "2026-12-01");
	link_tf_set(&a->tf_given, "amelia", 0.0123);
	a->likely = 7.5;
	a->possible = 1.25;
	a->em_iterations = 42;
	link_model_finish(a);
	char *text = link_model_to_json(a);
	assert_non_null(text);
	char err[128];
	assert_int_equal(link_model_from_json(text, strlen(text), b, err, sizeof(err)), 0);
	assert_string_equal(b->trained_on, "2026-12-01");
	assert_int_equal(b->records, a->records);
	assert_true(fabs(b->match_rate - a->match_rate) < 1e-9 * a->match_rate);
	assert_true(b->likely == 7.5 && b->possible == 1.25);
	assert_int_equal(b->em_iterations, 42);
	for (int c = 0; c < LINK_NCMP; c++)
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++) {
			assert_true(fabs(b->m[c][l] - a->m[c][l]) <= 1e-9 * a->m[c][l]);
			assert_true(fabs(b->u[c][l] - a->u[c][l]) <= 1e-9 * a->u[c][l]);
		}
	assert_int_equal(b->tf_given.n, a->tf_given.n);
	assert_true(fabs(link_tf_freq(&b->tf_given, "amelia") - 0.0123) < 1e-12);
	/* The text shows administrators the weights and descriptions. */
	assert_non_null(strstr(text, "\"weight\""));
	assert_non_null(strstr(text, "day and month swapped in the date of birth"));
	/* Serialising again gives the same text: deterministic. */
	char *again = link_model_to_json(b);
	assert_string_equal(text, again);
	free(again);
	free(text);
	free(a);
	free(b);
}

/* Replaces the first occurrence of `from` in text by `to` (a new string). */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *p = strstr(text, from);
	assert_non_null(p);
	size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
	return out;
}

static void expect_refused(const char *text, const char *why)
{
	struct link_model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	char err[160] = "";
	assert_int_equal(link_model_from_json(text, strlen(text), m, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	if (why)
		assert_non_null(strstr(err, why));
	free(m);
}

static void test_json_refusals(void **state)
{
	char *text = link_model_to_json(link_model_default());
	assert_non_null(text);
	char *bad;
	expect_refused("", "not JSON");
	expect_refused("[1, 2]", "object");
	expect_refused("{\"format\": \"something-else\"}", "lantern-match-model/2");
	/* A model of the format before middle names and the finer date levels: trained
	 * again, not read. */
	bad = replace(text, "lantern-match-model/2", "lantern-match-model/1");
	expect_refused(bad, "lantern-match-model/2");
	free(bad);
	bad = replace(text, "\"given_name\"", "\"first_name\"");
	expect_refused(bad, "unexpected comparison");
	free(bad);
	bad = replace(text, "\"exact\"", "\"exactly\"");
	expect_refused(bad, "unexpected level");
	free(bad);
	bad = replace(text, "\"m\": ", "\"m\": -");
	expect_refused(bad, "(0, 1]");
	free(bad);
	bad = replace(text, "\"m\": ", "\"m\": 7");
	expect_refused(bad, "(0, 1]");
	free(bad);
	bad = replace(text, "\"records\": ", "\"records\": -");
	expect_refused(bad, "records");
	free(bad);
	bad = replace(text, "\"format\"", "\"format\": 1, \"format\"");
	expect_refused(bad, "not JSON"); /* duplicate key */
	free(bad);
	bad = replace(text, "\"tokens\": {",
	              "\"tokens\": {\"this-token-is-far-too-long-to-keep\": 0.1, ");
	expect_refused(bad, "token");
	free(bad);
	/* A band out of range. */
	bad = replace(text, "\"possible_weight\": ", "\"possible_weight\": 999");
	expect_refused(bad, "bands");
	free(bad);
	/* Too long. */
	size_t big = LINK_MODEL_JSON_MAX + 2;
	char *huge = malloc(big);
	assert_non_null(huge);
	memset(huge, ' ', big - 1);
	huge[big - 1] = '\0';
	struct link_model *m = calloc(1, sizeof(*m));
	char err[64];
	assert_int_equal(link_model_from_json(huge, big - 1, m, err, sizeof(err)), -1);
	assert_int_equal(link_model_from_json(NULL, 0, m, err, sizeof(err)), -1);
	free(m);
	free(huge);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_default_model_loads),
	        cmocka_unit_test(test_prior_follows_store_size),
	        cmocka_unit_test(test_term_frequencies),
	        cmocka_unit_test(test_json_round_trip),
	        cmocka_unit_test(test_json_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
