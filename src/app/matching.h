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

#endif
