/*
 * match_model.h: the matching model behind R-REC-1 as administrators see and renew it.
 * `lantern match train` learns the weights by expectation-maximisation on the children
 * already known (link/em.h) and stores the model with its date (migration 019); the
 * matcher uses the newest stored model, else the built-in one (app/matching.h). The
 * model is shown in words: what each level of each field counts for or against, and
 * the two bands ("likely the same child" at a precision of 99.5%, "possible").
 */
#ifndef LANTERN_APP_MATCH_MODEL_H
#define LANTERN_APP_MATCH_MODEL_H

#include "app/app.h"

#define MATCH_TRAIN_MAX 200000 /* children sampled for training at most (in id order) */

/* Trains and stores a model. System operator or administrator only. in: NULL or {}.
 * The answers people gave to held import rows ("same child": the row and that child;
 * "new child": the row and each child it was held for) are labelled pairs: they refine
 * m and, with at least 20 of each, choose the bands at the target precisions (99.5%
 * for "likely", link/em.h). out: {id, trained_on, records, likely_bits, possible_bits,
 * em_pairs, lambda, labelled_same, labelled_different, bands_from_answers}.
 * APP_INVALID when there are too few children to learn from (the model in use stays).
 * Audited. */
int app_match_train(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* The model in use in words: {id (null: built-in), source, trained_on, records,
 * summary, fields: [{field, levels: [{level, name, weight_bits, m, u, meaning}]}],
 * bands: [{band, bits, probability, meaning}]}. Administrators, children's social care
 * managers and the system operator. */
int app_match_model(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

#endif
