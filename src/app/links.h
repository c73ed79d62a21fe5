/*
 * links.h: use cases about links between any two of a child, a person of concern, a
 * place, a vehicle, a phone and a missing episode (R-LOC-1, R-POI-1, R-MISS-10): add a
 * link, end it (it is kept), show one, list an entity's links, and read an entity's
 * network to depth 1 for its page and its picture. Each is one transaction with its
 * audit event, with the signature every use case shares.
 *
 * A link is seen only by those who see both its ends (children and episodes through
 * access_gate; persons and places as people.h says; vehicles and phones by every
 * practitioner), and a restricted one only by entitled police. A link to something the
 * actor may not see is refused exactly as if it did not exist (404 "No such ..."), and
 * the refusal is audited. Every link change is audited and, when it touches a child who
 * has a record, adds an entry to that record's chronology (R-REC-3).
 *
 * Kinds and the ends they fit (src/protocol/people.h): associate, seen_with, found_at,
 * uses, registered_keeper, member_of, visited, transported.
 */
#ifndef LANTERN_APP_LINKS_H
#define LANTERN_APP_LINKS_H

#include "app/app.h"

/*
 * Adds a link. in {"from", "to" (ids: "ch_", "poc_", "plc_", "veh_", "tel_", "mep_"),
 * "kind", "from_date"?, "to_date"? (YYYY-MM-DD, either open, not in the future, the end
 * not before the start), "nature", "grading"? (intelligence: 3x5x2, e.g. "2/B/P"),
 * "handling_conditions"?, "source", "note"?, "restricted"? (entitled police only)}. A
 * directed kind given the other way round is stored the right way round ("child
 * transported vehicle" -> "vehicle transported child"). Refused, naming the field: a
 * self-link ("to"), a kind that does not fit its ends ("kind"), an end before its start
 * ("to_date"), a grading outside its scale ("grading"). Practitioners. -> the link's
 * view (app_link_get's).
 */
int app_link_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);

/* Ends link `id` ("lnk_..."), in {"reason"}: it is kept, with ended_at and the reason.
 * Practitioners who see the link. -> the link's view. */
int app_link_end(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);

/* The link `id`: {id, kind, from_type, from_id, from_label, to_type, to_id, to_label,
 * from_date, to_date, nature, grading, source_eval, assessment, handling,
 * handling_conditions, source, note, restricted, recorded_at, recorded_by_name,
 * ended_at, ended_by_name, ended_reason}. Audited as a view. */
int app_link_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err);

/*
 * The links of entity `id` (any of the six kinds of id) the actor sees, newest first:
 * in NULL or {"include_ended"? (default false)}. out {"entity": {type, id, label},
 * "links": [{id, kind, direction ("from": the entity is the link's from end; "to"),
 * other_type, other_id, other_label, from_date, to_date, nature, grading, ...,
 * restricted, recorded_at, recorded_by_name, ended_at, ended_reason}]}. Links the actor
 * does not see leave no trace, not even their number. Audited as a view.
 */
int app_links_list(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/*
 * The network of entity `id` to depth 1, for its page and its picture: in as
 * app_links_list. out {"root": id, "nodes": [{id, type, label}] (the entity first, then
 * each other end once), "edges": [{id, kind, from, to, nature, grading, restricted,
 * from_date, to_date, ended}]}. Audited as a view.
 */
int app_entity_network(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err);

#endif
