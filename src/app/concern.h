/*
 * concern.h: what the use cases about persons of concern, places, vehicles, phones and
 * links share (app/people.c, app/places.c, app/links.c). Internal to src/app/.
 *
 *  - who sees what: the viewer for store queries, and the one gate for every read of a
 *    person of concern, place, vehicle or phone (access_gate for children and missing
 *    episodes), whose refusal answers exactly like absence and is audited;
 *  - reading the grading every item and link carries (nature, 3x5x2 grading, handling
 *    conditions, source, restricted), with defaults, naming the field at fault;
 *  - finding or adding a vehicle or a phone by its normalised key (an unparseable one is
 *    kept as given and marked, never dropped);
 *  - writing a link with its audit event and, for each end about a child who has a
 *    record, an entry in that record's chronology.
 * The rules are src/protocol/people.h.
 */
#ifndef LANTERN_APP_CONCERN_H
#define LANTERN_APP_CONCERN_H

#include <jansson.h>

#include "app/uc.h"
#include "protocol/people.h"
#include "protocol/recording.h"
#include "store/links.h"

/* Whether the actor is entitled police or the system operator (sees and may record what
 * is restricted, R-INFO-3). */
bool concern_entitled(const struct uc *u);
/* The actor's viewer for store queries (store/links.h). An actor with no scope (auditor,
 * administrator) sees no child, and no agency's people or places. */
void concern_viewer(const struct uc *u, struct store_concern_viewer *cv);
/* Refuses an actor who may not see or record any of this (no practitioner or
 * partnership-wide role): APP_FORBIDDEN naming what it cannot do. APP_OK otherwise. */
int concern_may_read(struct uc *u, const char *what);

/* The end an id names (people_end_of_id and a valid id of that prefix), or -1. */
int concern_end_of(const char *id);
/* "No such child.", "No such person of concern."... */
const char *concern_missing(enum people_end e);

/*
 * The gate for reading entity `id` of type `e` inside the use case's transaction: an
 * absent entity answers APP_NOT_FOUND with concern_missing(e); one the actor may not see
 * answers the same and the refusal is noted for audit (uc_refuse); a child or an episode
 * goes through access_gate (restricted records answer R-INFO-3). On APP_OK, child_id
 * (when not NULL, ID_MAX bytes) receives the child the entity is about (a child, or an
 * episode's child), else "".
 */
int concern_gate(struct uc *u, enum people_end e, const char *id, char *child_id);

/* Whether the actor sees entity `id` of type `e`, without noting anything (for lists). */
int concern_sees(struct uc *u, enum people_end e, const char *id, bool *sees);

/* The grading of one item or link as read from input. */
struct concern_grading {
	struct people_grading g;
	const char *source;
	bool restricted;
};

/*
 * Reads "nature", "grading", "handling_conditions", "source" and "restricted" of `obj`,
 * each falling back to `dflt` when absent (NULL dflt: no fallback; the grading and its
 * conditions fall back only when the nature is the default's), and validates them
 * (R-POI-1 scales, R-INFO-3 restriction; the source is required). Field errors are named
 * prefix + field ("names[2].grading"; prefix "" for top-level). Returns APP_OK or
 * APP_INVALID (errors accumulate in u->err).
 */
int concern_grading_read(struct uc *u, json_t *obj, const struct concern_grading *dflt,
                         const char *prefix, struct concern_grading *out);

/* The grading's codes as stored: "1".."3", "A".."E", "P"/"C", or NULL when not graded. */
struct concern_codes {
	char source_eval[2], assessment[2], handling[2];
};
void concern_codes_of(const struct people_grading *g, struct concern_codes *c);
/* Adds "grading" ("2/B/P") to a row with source_eval, assessment and handling columns
 * (null when not graded); to each row of an array when `row` is an array. */
void concern_grading_json(json_t *row);
/* p when it holds text, else NULL. */
const char *concern_opt(const char *p);

/* Renames the field errors added since `before` to prefix + field. */
void concern_prefix_errors(struct app_err *err, int before, const char *prefix);
/* A protocol refusal as a field error on prefix + pe->field (APP_INVALID). */
int concern_refused(struct uc *u, const char *prefix, const struct proto_err *pe);

/*
 * Finds the vehicle (e PEOPLE_VEHICLE; `text` the registration, make/model/colour may be
 * NULL) or phone (PEOPLE_PHONE; `text` the number) by its normalised key, or adds it:
 * a text that does not parse is kept as given, marked unparsed, under its own key.
 * Blanks of a found vehicle are filled in (never overwritten). id receives its id;
 * *created whether it is new. Audited ("create" for a new one).
 */
int concern_ident_find_or_add(struct uc *u, enum people_end e, const char *text, const char *make,
                              const char *model, const char *colour, char id[ID_MAX],
                              bool *created);

/* A link to write: ends already validated, gated and oriented. */
struct concern_link {
	enum people_link kind;
	enum people_end from, to;
	const char *from_id, *to_id;
	const char *from_child, *to_child; /* the child each end is about, or NULL */
	struct lt_date from_date, to_date; /* y 0: none */
	const struct concern_grading *gr;
	const char *note;
	bool demo;
};
/* Writes the link, its audit event ("link_add") and a chronology entry on the record of
 * each child an end is about (R-REC-3: a fact's entry is marked fact, an intelligence
 * link's entry professional opinion, as graded information rather than established
 * fact; a restricted link's entry says only that restricted intelligence was recorded,
 * R-INFO-3), and keeps the blocking keys of a person end current. id receives the new
 * link's id. */
int concern_link_write(struct uc *u, const struct concern_link *l, char id[ID_MAX]);

/* Ends link `l` (a current one), keeping it: the store, the audit event ("link_end") and
 * a chronology entry on the record of each child an end is about, naming the reason.
 * APP_CONFLICT when it has already ended. */
int concern_link_end(struct uc *u, const struct link_row *l, const char *reason);

/* Adds an entry of `kind` ("link", "pnc_marker") to the record of child `child_id` if it
 * has one: `text` as written (R-REC-3). Nothing when the child has no record. */
int concern_chronology(struct uc *u, const char *child_id, const char *kind, enum rec_nature nature,
                       const char *text);

#endif
