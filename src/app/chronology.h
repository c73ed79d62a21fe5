/*
 * chronology.h: appending an entry to a child's record chronology (R-REC-3), shared by
 * the record and the episode use cases. Internal to src/app/.
 */
#ifndef LANTERN_APP_CHRONOLOGY_H
#define LANTERN_APP_CHRONOLOGY_H

#include <jansson.h>

#include "app/uc.h"
#include "protocol/recording.h"
#include "util/id.h"

/* Appends an entry to record `record_id` within use case u, written by its actor at
 * u->now: validated through the protocol first (R-REC-3; a refusal becomes
 * APP_INVALID), then stored. `people` is a JSON array of the names of those involved
 * (non-strings are skipped in the check; at most 20 are checked). `referral_id` and
 * `supersedes` may be NULL. On success copies the new entry's id into id_out (when not
 * NULL) and returns APP_OK; else the error code (in u->err). */
int chronology_add(struct uc *u, const char *record_id, int64_t occurred_at, enum rec_nature nature,
                   const char *kind, const char *text, json_t *people, const char *referral_id,
                   const char *supersedes, char id_out[ID_MAX]);

#endif
