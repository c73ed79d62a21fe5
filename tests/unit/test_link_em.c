/* test_link_em.c: link/em.h, training the matching model: EM recovers known m and
 * lambda, u from random pairs, term frequencies (a rare name weighs more than a common
 * one), the choice of bands from a target precision, and end-to-end training that is
 * deterministic. All people here are made up. */
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "link/em.h"
#include "util/rng.h"

/* Draws a level from a distribution over levels 1..n-1. */
static int draw(struct rng *r, const double *p, int n)
{
	double x = rng_double(r), t = 0;
	for (int l = 1; l < n; l++) {
		t += p[l];
		if (x < t)
			return l;
	}
	return n - 1;
}

static size_t add_pattern(struct link_pattern *pats, size_t n, const uint8_t *lv)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(pats[i].level, lv, LINK_NCMP) == 0) {
			pats[i].count += 1;
			return n;
		}
	memcpy(pats[n].level, lv, LINK_NCMP);
	pats[n].count = 1;
	return n + 1;
}

/* Pairs drawn from known m, u and lambda (fields independent given the class): EM with
 * u fixed recovers m and lambda. */
static void test_em_recovers_known_parameters(void **state)
{
	static const double true_m[LINK_NCMP][LINK_MAX_LEVELS] = {
	        [LINK_C_GIVEN] = {0, 0.70, 0.08, 0.04, 0.06, 0.05, 0.02, 0.01, 0.04},
	        [LINK_C_DOB] = {0, 0.75, 0.04, 0.10, 0.03, 0.06, 0.02},
	        [LINK_C_GENDER] = {0, 0.97, 0.03},
	        [LINK_C_SCHOOL] = {0, 0.85, 0.15},
	};
	static const double true_u[LINK_NCMP][LINK_MAX_LEVELS] = {
	        [LINK_C_GIVEN] = {0, 0.02, 0.004, 0.003, 0.01, 0.008, 0.01, 0.005, 0.94},
	        [LINK_C_DOB] = {0, 0.003, 0.001, 0.02, 0.04, 0.05, 0.886},
	        [LINK_C_GENDER] = {0, 0.5, 0.5},
	        [LINK_C_SCHOOL] = {0, 0.05, 0.95},
	};
	const double lambda_true = 0.08;
	const int used[] = {LINK_C_GIVEN, LINK_C_DOB, LINK_C_GENDER, LINK_C_SCHOOL};
	bool free_[LINK_NCMP] = {false};
	for (size_t k = 0; k < ARRAY_LEN(used); k++)
		free_[used[k]] = true;
	struct link_pattern *pats = calloc(2000, sizeof(*pats));
	assert_non_null(pats);
	size_t np = 0;
	struct rng r;
	rng_seed(&r, 2024);
	for (int i = 0; i < 300000; i++) {
		bool match = rng_double(&r) < lambda_true;
		uint8_t lv[LINK_NCMP] = {0};
		for (size_t k = 0; k < ARRAY_LEN(used); k++) {
			int c = used[k];
			lv[c] = (uint8_t)draw(&r, match ? true_m[c] : true_u[c],
			                      link_cmp_levels((enum link_cmp)c));
		}
		np = add_pattern(pats, np, lv);
		assert_true(np < 2000);
	}
	double m[LINK_NCMP][LINK_MAX_LEVELS], u[LINK_NCMP][LINK_MAX_LEVELS];
	memcpy(u, true_u, sizeof(u));
	for (int c = 0; c < LINK_NCMP; c++) /* start from flat m */
		for (int l = 0; l < LINK_MAX_LEVELS; l++)
			m[c][l] = l > 0 && l < link_cmp_levels((enum link_cmp)c)
			                  ? 1.0 / (link_cmp_levels((enum link_cmp)c) - 1)
			                  : 0;
	double lambda = 0.3;
	int iters = 0;
	assert_int_equal(link_em(pats, np, free_, u, m, &lambda, 500, 1e-9, &iters, NULL), 0);
	assert_true(iters > 1);
	assert_true(fabs(lambda - lambda_true) < 0.1 * lambda_true);
	for (size_t k = 0; k < ARRAY_LEN(used); k++) {
		int c = used[k];
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++)
			assert_true(fabs(m[c][l] - true_m[c][l]) < 0.02);
	}
	/* Bad arguments. */
	lambda = 0;
	assert_int_equal(link_em(pats, np, free_, u, m, &lambda, 10, 1e-9, NULL, NULL), -1);
	lambda = 0.5;
	assert_int_equal(link_em(pats, 0, free_, u, m, &lambda, 10, 1e-9, NULL, NULL), -1);
	free(pats);
}

static const char *const givens[] = {"Amelia", "Olivia", "Isla",  "Ava",      "Noah",   "Oliver",
                                     "George", "Arthur", "Leo",   "Muhammad", "Zara",   "Kwame",
                                     "Niamh",  "Rhys",   "Jakub", "Aisha",    "Tomasz", "Ffion"};
static const char *const families[] = {"Smith", "Jones", "Okafor", "Khan",   "Nowak", "Murphy",
                                       "Evans", "Patel", "Mensah", "Taylor", "Begum", "Kelly",
                                       "Shah",  "Brown", "Wilson", "Osei",   "Walsh", "Rees"};

/* A small made-up population: n children, then n_dup of them entered again with one
 * error each. */
static struct link_person *population(size_t n, size_t n_dup, uint64_t seed)
{
	struct link_person *p = calloc(n + n_dup, sizeof(*p));
	assert_non_null(p);
	struct rng r;
	rng_seed(&r, seed);
	struct link_person_in *in = calloc(n, sizeof(*in));
	char(*pcs)[12] = calloc(n, 12);
	assert_non_null(in);
	assert_non_null(pcs);
	for (size_t i = 0; i < n; i++) {
		snprintf(pcs[i], 12, "E%d %dAB", (int)rng_range(&r, 1, 9),
		         (int)rng_range(&r, 1, 9));
		in[i] = (struct link_person_in){
		        .given = givens[rng_below(&r, ARRAY_LEN(givens))],
		        .family = families[rng_below(&r, ARRAY_LEN(families))],
		        .dob = {(int)rng_range(&r, 2007, 2020), (int)rng_range(&r, 1, 12),
		                (int)rng_range(&r, 1, 28)},
		        .gender = rng_chance(&r, 0.5) ? 'F' : 'M',
		        .postcode = pcs[i]};
		link_person_prepare(&in[i], &p[i]);
	}
	for (size_t k = 0; k < n_dup; k++) {
		struct link_person_in x = in[k * 3 % n];
		switch (k % 4) {
		case 0:
			x.postcode = NULL;
			break;
		case 1:
			x.dob.d = x.dob.d % 28 + 1;
			break;
		case 2:
			x.gender = 0;
			break;
		default:
			x.dob = (struct link_dob){x.dob.y, 0, 0};
			break;
		}
		link_person_prepare(&x, &p[n + k]);
	}
	free(in);
	free(pcs);
	return p;
}

static void test_u_from_random_pairs(void **state)
{
	struct link_person *p = population(2000, 0, 7);
	struct link_model *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(link_estimate_u(p, 2000, 100000, 11, a), 0);
	assert_int_equal(link_estimate_u(p, 2000, 100000, 11, b), 0);
	/* Deterministic for a seed. */
	assert_memory_equal(a->u, b->u, sizeof(a->u));
	assert_int_equal(a->u_pairs, 100000);
	/* Gender drawn half and half: random pairs agree half the time. */
	assert_true(fabs(a->u[LINK_C_GENDER][LINK_SAME] - 0.5) < 0.02);
	/* 18 given names drawn uniformly: exact agreement about 1 in 18. */
	assert_true(fabs(a->u[LINK_C_GIVEN][LINK_GIVEN_EXACT] - 1.0 / 18) < 0.01);
	/* An exact date of birth is rare among random pairs. */
	assert_true(a->u[LINK_C_DOB][LINK_DOB_EXACT] < 0.002);
	for (int c = 0; c < LINK_NCMP; c++)
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++)
			assert_true(a->u[c][l] > 0);
	assert_int_equal(link_estimate_u(p, 1, 10, 1, a), -1);
	free(a);
	free(b);
	free(p);
}

/* R-REC-1: a rare family name agreeing counts for more than Smith. */
static void test_R_REC_1_term_frequency_rare_beats_common(void **state)
{
	size_t n = 1000;
	struct link_person *p = calloc(n, sizeof(*p));
	assert_non_null(p);
	char name[32];
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "Rare%c%c%c", (char)('a' + i % 26),
		         (char)('a' + i / 26 % 26), (char)('a' + i / 676));
		struct link_person_in in = {.given = "Amy", .family = i < 100 ? "Smith" : name};
		link_person_prepare(&in, &p[i]);
	}
	struct link_model *m = calloc(1, sizeof(*m));
	assert_non_null(m);
	memcpy(m, link_model_default(), sizeof(*m));
	link_learn_tf(p, n, 50, m);
	assert_true(fabs(link_tf_freq(&m->tf_family, "smith") - 0.1) < 1e-9);
	assert_true(fabs(link_tf_freq(&m->tf_given, "amy") - 1.0) < 1e-9);
	assert_int_equal(m->tf_family.n, 50);
	assert_true(link_tf_freq(&m->tf_family, "neverseen") <= 1.0 / 1000);
	struct link_gamma gs, gr;
	link_compare(&p[0], &p[1], &gs);     /* Smith / Smith */
	link_compare(&p[500], &p[500], &gr); /* a rare name with itself */
	assert_int_equal(gs.level[LINK_C_FAMILY], LINK_FAMILY_EXACT);
	assert_int_equal(gr.level[LINK_C_FAMILY], LINK_FAMILY_EXACT);
	double ws = link_gamma_weight(m, 1000, &gs, NULL),
	       wr = link_gamma_weight(m, 1000, &gr, NULL);
	assert_true(wr > ws + 3.0); /* log2(0.1 / 0.001) is about 6.6 */
	free(m);
	free(p);
}

static void test_bands_from_target_precision(void **state)
{
	struct link_scored s[2051];
	size_t n = 0;
	for (int i = 0; i < 200; i++) {
		s[n++] = (struct link_scored){10, true, false};
		s[n++] = (struct link_scored){6, true, false};
		s[n++] = (struct link_scored){2, true, false};
	}
	s[n++] = (struct link_scored){10, false, false};
	for (int i = 0; i < 50; i++)
		s[n++] = (struct link_scored){6, false, false};
	for (int i = 0; i < 400; i++)
		s[n++] = (struct link_scored){2, false, false};
	for (int i = 0; i < 1000; i++)
		s[n++] = (struct link_scored){-5, false, false};
	double likely, possible;
	assert_int_equal(link_bands_choose(s, n, 0.995, 0.4, &likely, &possible), 0);
	assert_true(likely == 10.0);  /* 200 / 201 >= 0.995; 400 / 451 is not */
	assert_true(possible == 2.0); /* below 'likely': 400 / 850 >= 0.4 */
	/* Capped pairs never count for 'likely'. */
	s[0].capped = true;
	s[0].same = false;
	for (size_t i = 0; i < n; i++)
		if (s[i].weight == 10 && !s[i].same)
			s[i].capped = true;
	assert_int_equal(link_bands_choose(s, n, 0.999, 0.4, &likely, &possible), 0);
	assert_true(likely == 10.0);
	/* A target no threshold reaches. */
	struct link_scored bad[60];
	for (int i = 0; i < 60; i++)
		bad[i] = (struct link_scored){(double)i, i % 2 == 0, false};
	assert_int_equal(link_bands_choose(bad, 60, 0.999, 0.9, &likely, &possible), -1);
	assert_true(likely > 59);
	assert_true(possible <= likely);
	assert_int_equal(link_bands_choose(NULL, 0, 0.9, 0.5, &likely, &possible), -1);
}

static void test_training_is_deterministic_and_sensible(void **state)
{
	size_t n = 3000, nd = 600;
	struct link_person *p = population(n, nd, 99);
	struct link_train_opts o;
	link_train_opts_default(&o);
	o.u_pairs = 100000;
	o.session_pairs = 200000;
	o.trained_on = "2026-12-01";
	struct link_model *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	struct link_train_report rep;
	assert_int_equal(link_model_train(p, n + nd, NULL, 0, &o, a, &rep), 0);
	assert_int_equal(link_model_train(p, n + nd, NULL, 0, &o, b, NULL), 0);
	char *ja = link_model_to_json(a), *jb = link_model_to_json(b);
	assert_string_equal(ja, jb);
	assert_string_equal(a->trained_on, "2026-12-01");
	assert_int_equal(a->records, n + nd);
	assert_true(rep.session_pairs[0] > 0 && rep.session_pairs[1] > 0);
	/* Duplicates found and weighed as evidence the right way round. */
	/* A quarter of the duplicates have a day off by one, a quarter only the year. */
	assert_true(fabs(a->m[LINK_C_DOB][LINK_DOB_EXACT] - 0.5) < 0.1);
	assert_true(fabs(a->m[LINK_C_DOB][LINK_DOB_SLIP] - 0.25) < 0.1);
	assert_true(a->w[LINK_C_DOB][LINK_DOB_EXACT] > 3);
	assert_true(a->w[LINK_C_GIVEN][LINK_GIVEN_EXACT] > 1);
	assert_true(a->w[LINK_C_DOB][LINK_DOB_DIFFERENT] < 0);
	/* The prior: 600 duplicate pairs among 3,600 records is about 1 in 10,800 pairs. */
	double truth = 600.0 / (3600.0 * 3599.0 / 2);
	assert_true(rep.lambda > truth / 3 && rep.lambda < truth * 3);
	free(ja);
	free(jb);
	/* Labelled pairs: 'same' answers move m, both kinds choose the bands. */
	struct link_labelled_pair *lab = calloc(2 * nd, sizeof(*lab));
	assert_non_null(lab);
	for (size_t k = 0; k < nd; k++) {
		lab[2 * k] = (struct link_labelled_pair){&p[n + k], &p[k * 3 % n], true, 0};
		lab[2 * k + 1] =
		        (struct link_labelled_pair){&p[n + k], &p[(k * 3 + 1) % n], false, 0};
	}
	assert_int_equal(link_model_train(p, n + nd, lab, 2 * nd, &o, b, &rep), 0);
	assert_int_equal(b->labelled_same, nd);
	assert_int_equal(b->labelled_different, nd);
	assert_true(rep.bands_from_labels);
	assert_true(b->possible <= b->likely);
	/* Too little data: refused, and the output is the base model. */
	assert_int_equal(link_model_train(p, 50, NULL, 0, &o, b, NULL), -1);
	assert_memory_equal(b->m, link_model_default()->m, sizeof(b->m));
	free(lab);
	free(a);
	free(b);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_em_recovers_known_parameters),
	        cmocka_unit_test(test_u_from_random_pairs),
	        cmocka_unit_test(test_R_REC_1_term_frequency_rare_beats_common),
	        cmocka_unit_test(test_bands_from_target_precision),
	        cmocka_unit_test(test_training_is_deterministic_and_sensible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
