/*
 * matching.h: finding a child who may already be known (R-REC-1), using the scorer in
 * src/link/match.h over candidates fetched by blocking key from the store.
 */
#ifndef LANTERN_APP_MATCHING_H
#define LANTERN_APP_MATCHING_H

#include "app/app.h"
#include "link/match.h"

#define MATCH_MAX_KEYS LINK_MAX_KEYS
#define MATCH_KEY_LEN LINK_KEY_LEN

struct child_input;

/* The blocking keys to index a child under. Returns how many. */
size_t child_blocking_keys(const struct child_input *ci, char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN]);

/* Children who may be the probe, strongest first, at most `limit`, as a JSON array of
 * {id, given_names, family_name, date_of_birth, gender, residence_borough, record_ref,
 * strength ("certain"/"probable"/"possible"), reasons [text]}. Only what is needed to
 * tell children apart. Must run inside the caller's transaction. */
int child_match(struct db *db, const struct actor *who, const struct child_input *probe,
                size_t limit, json_t **out, struct app_err *err);

struct match_batch;

/* As child_match with the number of children known given (the matcher's prior; -1:
 * count them), the candidates scored at most (<= MATCH_SCORED) and, for a bulk import,
 * the children it has created so far (app/match_batch.h; NULL: none). */
int child_match_in(struct db *db, const struct actor *who, const struct child_input *probe,
                   size_t limit, int64_t n_children, size_t scored, struct match_batch *batch,
                   json_t **out, struct app_err *err);

/* A child input as the matcher prepares it. */
void match_prepare_input(const struct child_input *ci, struct link_person *p);

/* Candidates scored per probe at most (the best ranked by shared blocking keys): a
 * search or a new child scores more than each row of a bulk import does. */
#define MATCH_SCORED 50
#define MATCH_SCORED_IMPORT 10

/* The model the matcher uses into *out: the newest stored by `lantern match train`, or
 * the built-in one (id then ""); kept in memory until a newer one is stored. Must run
 * inside a transaction. APP_OK or a database error. */
int match_model_current(struct db *db, const struct link_model **out, char id[ID_MAX],
                        struct app_err *err);

/* Child `id` as the matcher prepares it: DB_ROW, DB_DONE (no such child) or an error. */
int match_prepare_child(struct db *db, const char *id, struct link_person *p);
/* A child object as the API takes it ({given_names, family_name, other_names,
 * date_of_birth, gender, nhs_number, addresses: [{postcode}]}) as the matcher prepares it. */
void match_prepare_object(json_t *child, struct link_person *p);

/* A band in words: "likely the same child", ... */
const char *match_band_text(enum link_strength s);
/* The same from a strength's name ("probable", ...). */
const char *match_band_of(const char *strength);

#endif
