/*
 * em.h: training the matching model (link/model.h) from the children already stored,
 * for R-REC-1, the way Splink trains a Fellegi-Sunter model:
 *
 *  - u (how often different children agree at each level) from random pairs of the
 *    records, drawn with a seeded generator so that the same data gives the same model;
 *  - name frequencies for the term-frequency adjustment: the commonest given-name and
 *    family-name tokens with their share of records;
 *  - m (how often records of the same child agree) and the prior by
 *    expectation-maximisation on candidate pairs, in sessions that each block on one
 *    thing (the same date of birth, the same name sounds, the same NHS number) and so
 *    leave that thing's m to the other sessions: a field's m is never learned from
 *    pairs chosen for agreeing on it;
 *  - optionally, labelled pairs (a professional's "same child" and "not the same"
 *    answers): "same" answers refine m, and both together choose the bands.
 *
 * Everything is deterministic: the same records, labels and options give the same
 * model, bit for bit. Nothing here reads a clock: the training date is passed in.
 */
#ifndef LANTERN_LINK_EM_H
#define LANTERN_LINK_EM_H

#include "link/match.h"

#define LINK_M_FLOOR 0.001 /* no level's m is taken below this */

/* An agreement pattern and how many pairs showed it. */
struct link_pattern {
	uint8_t level[LINK_NCMP];
	double count;
};

/*
 * Expectation-maximisation of m and lambda with u fixed, over patterns. Only fields
 * with free[c] are used (others are ignored, as if null). m (in: starting values, out:
 * estimates) and *lambda (in/out) are updated; *iterations receives the number run.
 * post_out (optional, n entries) receives each pattern's final match probability.
 * Stops when no m or lambda moves by more than tol, or after max_iter. Returns 0, or -1
 * for bad arguments (no patterns, lambda outside (0, 1)).
 */
int link_em(const struct link_pattern *pats, size_t n, const bool free[LINK_NCMP],
            const double u[LINK_NCMP][LINK_MAX_LEVELS], double m[LINK_NCMP][LINK_MAX_LEVELS],
            double *lambda, int max_iter, double tol, int *iterations, double *post_out);

/* u of every level from `pairs` random pairs of distinct records (seeded), with a
 * half-count added to each level so that no u is zero. Writes model->u and
 * model->u_pairs. Returns 0, or -1 when n < 2. */
int link_estimate_u(const struct link_person *recs, size_t n, size_t pairs, uint64_t seed,
                    struct link_model *model);

/* The commonest main-name tokens (at most max per field, ties by byte order) with the
 * share of records carrying them, into model->tf_given and tf_family; the default is
 * the share of a name seen once. */
void link_learn_tf(const struct link_person *recs, size_t n, int max, struct link_model *model);

/* A scored pair with a professional's answer, for choosing bands. */
struct link_scored {
	double weight;
	bool same;
	bool capped; /* the pair can never be 'likely' (link_gamma_capped) */
};

/* Chooses the bands: *likely is the lowest weight at which the pairs at or above it
 * (capped ones left out) are the same child with precision >= p_likely, as they are at
 * every higher weight once 50 pairs are counted; *possible the lowest weight such that
 * the pairs from it up to *likely are the same child with precision >= p_possible
 * (never above *likely). Sorts `pairs`. Returns 0, or -1 if no weight reaches p_likely
 * (then *likely is above every pair). */
int link_bands_choose(struct link_scored *pairs, size_t n, double p_likely, double p_possible,
                      double *likely, double *possible);

/* A pair of prepared records with a professional's answer. Pairs with the same group
 * (not 0), given one after another, are the candidates found for one probe: their
 * weights are taken together (link_weights_compete) when the bands are chosen, as when
 * they are scored. */
struct link_labelled_pair {
	const struct link_person *a, *b;
	bool same;
	size_t group; /* 0: a pair alone */
};

struct link_train_opts {
	uint64_t seed;          /* random pairs and sampling */
	size_t u_pairs;         /* random pairs for u (default 1,000,000) */
	size_t session_pairs;   /* pairs per EM session at most (default 2,000,000) */
	int max_iter;           /* EM iterations at most (default 200) */
	double tol;             /* EM convergence (default 1e-7) */
	int tf_max;             /* name tokens kept per field (default 2,000) */
	double p_likely;        /* precision of the 'likely' band (default 0.995) */
	double p_possible;      /* precision of the 'possible' band (default 0.45) */
	const char *trained_on; /* the caller's date, e.g. "2026-12-01" */
	/* Starting m and, without enough labels, the bands (as log-odds): NULL = default. */
	const struct link_model *base;
};

void link_train_opts_default(struct link_train_opts *o);

/* What training saw, for the administrator and the benchmark. */
struct link_train_report {
	size_t session_pairs[3]; /* pairs used: same date of birth, same names, same NHS */
	double session_lambda[3];
	int session_iterations[3];
	double lambda; /* prior that two random records are one child */
	bool bands_from_labels;
};

/* Chooses the bands of model out from labelled pairs scored against a store of `store`
 * records (as link_model_train does with its labels): 'likely' at precision p_likely on
 * the weights of each group's pairs taken together (link_weights_compete), 'possible'
 * on each pair's own weight. Needs 20 pairs of each answer; sets labelled_same and
 * labelled_different. Returns 0, or -1 when the bands were left as they were. */
int link_model_choose_bands(const struct link_labelled_pair *labels, size_t n_labels, size_t store,
                            const struct link_train_opts *o, struct link_model *out,
                            struct link_train_report *rep);

/* Trains a model on n prepared records (a sample of the store, plus any records of
 * the same children entered since) and optional labelled pairs. Returns 0, or -1 when
 * there is too little to learn from (fewer than 100 records, or no session found any
 * pair) or memory runs out; on -1 *out is a copy of the base model. */
int link_model_train(const struct link_person *recs, size_t n,
                     const struct link_labelled_pair *labels, size_t n_labels,
                     const struct link_train_opts *o, struct link_model *out,
                     struct link_train_report *rep);

#endif
