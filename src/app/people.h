/*
 * people.h: use cases about persons of concern (R-POI-1, R-POI-2): add, show, change and
 * find a person, add what they are known by, and record PNC locate/trace markers for
 * persons and for children at risk. Each is one transaction with its audit event, and
 * each has the signature every use case shares (the API route table and the CLI
 * command table call them directly).
 *
 * Who sees a person (R-INFO-3; the rule is src/protocol/people.h): the system operator,
 * partnership-wide roles and entitled police see every person not recorded as
 * restricted; any other practitioner sees those their agency recorded and those linked
 * (by a link that is not restricted) to a child they see or to a missing episode of one.
 * Restricted persons, items and links are for entitled police only. A person the actor
 * may not see answers exactly like one that does not exist, and the refusal is audited.
 *
 * Items (R-POI-1) come in arrays, each entry an object (or a plain string for its main
 * field) that may carry its own grading, else the input's top-level one:
 *   "names":          [{"name", "kind": "name" | "alias" | "street_name" | "nickname"}]
 *   "dates_of_birth": [{"date": "YYYY-MM-DD"} | {"year": 1990} |
 *                      {"age_min", "age_max", "on": "YYYY-MM-DD" (default today)}]
 *   "addresses":      [{"address", "postcode"?}]
 *   "phones":         [{"number"}]        (a phone entity, joined by a 'uses' link)
 *   "vehicles":       [{"registration", "make"?, "model"?, "colour"?}]  (likewise)
 *   "social_media":   [{"handle", "platform"?}]
 *   "groups":         [{"name"}]          (group or gang membership)
 * Grading fields, at the top level or on any entry: "nature" ("fact" or
 * "intelligence"), "grading" (3x5x2, e.g. "2/B/P", for intelligence only),
 * "handling_conditions" (with handling code C), "source" (required), "restricted".
 * Field errors name the entry: "names[1].grading", "phones[0].source".
 */
#ifndef LANTERN_APP_PEOPLE_H
#define LANTERN_APP_PEOPLE_H

#include "app/app.h"

#define PERSON_MAX_ITEMS 40

/*
 * Adds a person of concern. in: the item arrays above (at least one name of any kind),
 * the top-level grading, "gender"?, "description"?, "restricted"? (the person as a
 * whole: entitled police only), "confirm_new"?. A practitioner role is needed. Unless
 * confirm_new is true, persons the actor sees who may be the same (the person matcher)
 * answer APP_CONFLICT (rule R-POI-1) with *out = {"candidates": [{id, label, gender,
 * names, dates_of_birth, strength, reasons}]}, and the search is audited; nothing is
 * written. Else -> the person's view (app_person_get's).
 */
int app_person_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* The person `id` ("poc_...") with the items and the phones and vehicles the actor may
 * see, and the PNC marker. Audited as a view. */
int app_person_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* Changes the person's own fields: in {"gender"?, "description"?, "restricted"?}
 * (restricting: entitled police only). -> the person's view. */
int app_person_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/* Adds items to person `id`: in {item arrays, top-level grading}. -> the person's view.
 * The blocking keys and the label follow. */
int app_person_items_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);

/*
 * Finds persons the actor sees: in {"name"? (matched against every name, alias, street
 * name and nickname, with the child matcher's tolerance), "date_of_birth"? (a date;
 * with a name it is scored, alone it lists persons whose date of birth, year or age
 * range fits), "phone"?, "vehicle"? (registration; both through the phone or vehicle
 * entity's current links), "limit"? (1..100, default 25)}; at least one. Criteria are
 * combined (every one given must hold). out {"results": [{id, label, gender, names,
 * dates_of_birth, strength?, reasons}]}, strongest first. Audited as a search.
 */
int app_person_search(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/*
 * R-POI-2: the PNC locate/trace marker of person `id`, in {"status": "done" |
 * "not_done", "note"?}: entitled police (or the system operator) who see the person.
 * -> {id, pnc_marker, pnc_marker_note, pnc_marker_at, pnc_marker_by_name}.
 */
int app_person_pnc_marker(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

/*
 * R-POI-2: the PNC locate/trace marker of child `id` ("ch_..."), in {"status", "note"?}:
 * entitled police who see the child (access_gate). Adds an entry to the child's record
 * chronology when there is a record. -> {child_id, status, note, recorded_at,
 * recorded_by_name}. app_child_pnc_marker_get reads it (in NULL) for those who see the
 * child: {child_id, status (null when never recorded), ...}.
 */
int app_child_pnc_marker(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err);
int app_child_pnc_marker_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err);

#endif
