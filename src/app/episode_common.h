/*
 * episode_common.h: what the use cases on missing episodes share, internal to src/app/
 * (the web and CLI layers call the public use cases instead): loading an episode the
 * actor may see, the people and places named in input, the chronology entry an episode
 * adds to the child's record, the check that the child has returned, and reading times
 * and JSON kept as text in the store. The children missing together (R-MISS-10) are in
 * together.c.
 */
#ifndef LANTERN_APP_EPISODE_COMMON_H
#define LANTERN_APP_EPISODE_COMMON_H

#include "app/uc.h"
#include "protocol/recording.h"
#include "store/episodes.h"

/* The most people one list in input may name. */
#define MAX_PEOPLE 20
/* Room for a normalised identity key of a person or a place. */
#define KEY_LEN 256

/* The instant of ISO 8601 text s, or dflt when s is NULL, empty or not a time. */
int64_t parse_time_or(const char *s, int64_t dflt);
/* Replaces the string member `key` of obj, JSON text kept in a column, by its parsed
 * value (null when unparsable); does nothing when the member is not a string. */
void parse_member(json_t *obj, const char *key);

/* People named in input: [name | {"name", "child_id"?}]. */
struct people_in {
	const char *name[MAX_PEOPLE];
	const char *child_id[MAX_PEOPLE];
	size_t n;
};

/* Reads the optional list `key` of `in` into p (pointing into `in`); a bad list or
 * entry adds a field error to u->err. */
void people_parse(struct uc *u, json_t *in, const char *key, struct people_in *p);
/* Writes the people of p as `kind` of the episode (each named child must exist), and
 * when text is not NULL joins their names with "; " into it (of size n). Returns APP_OK
 * or the error (in u->err). */
/* The key a person named in an episode is kept under (episode_people.name_key). */
void people_key(const char *name, char key[KEY_LEN]);

int people_store(struct uc *u, const struct people_in *p, const char *episode_id,
                 const char *child_id, const char *kind, char *text, size_t n);
/* Joins the names of p with "; " into text (of size n). */
void people_text(const struct people_in *p, char *text, size_t n);
/* Writes place `text` (nothing when NULL) as `kind` of the episode, with its
 * normalised key. Returns APP_OK or the error (in u->err). */
int location_store(struct uc *u, const char *episode_id, const char *child_id, const char *kind,
                   const char *text);
/* Appends an entry involving the child to record `record_id`'s chronology (R-REC-3);
 * its id into id_out when not NULL. Returns APP_OK or the error (in u->err). */
int chron_add(struct uc *u, const char *record_id, int64_t occurred, enum rec_nature nat,
              const char *kind, const char *text, char id_out[ID_MAX]);

/* Loads episode `id` ("mep_...") into e inside the open transaction, with no access
 * check (the caller decides what may be shown). APP_OK or APP_NOT_FOUND ("No such
 * episode.") or a database error. */
int fetch_episode(struct uc *u, const char *id, struct episode_row *e);
/* Begins the use case's transaction and loads episode `id` ("mep_...") into e, checking
 * the actor may see its child. APP_OK with the transaction open, or the error (in
 * u->err) with none open. */
int open_episode(struct uc *u, const char *id, struct episode_row *e);
/* APP_OK when e's child has returned; else APP_CONFLICT naming `rule`, saying `what`
 * cannot be recorded yet. */
int must_be_returned(struct uc *u, const struct episode_row *e, const char *rule, const char *what);

/* R-MISS-10: the other children child `child_id` went missing with, inside the open
 * transaction: [{"child_id", "given_names", "family_name", "episode_id",
 * "other_episode_id", "other_reported_at", "other_returned_at", "how",
 * "overlap_seconds"}], or {"hidden": true, "how", "overlap_seconds"} for a child the
 * actor may not see. NULL on a failure (u->err set). */
json_t *co_missing(struct uc *u, const char *child_id);

#endif
