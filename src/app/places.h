/*
 * places.h: use cases about places (R-LOC-1), vehicles and phones: add, show and list
 * places, mark or unmark a hotspot with a rationale, and find or add a vehicle or a
 * phone by its normalised registration or number, so that one car or one number joins
 * everything it touches. Each is one transaction with its audit event, with the
 * signature every use case shares.
 *
 * Who sees a place: as a person of concern (people.h; src/protocol/people.h). Vehicles
 * and phones are identifiers: every practitioner and partnership-wide role may find and
 * see them; their links are shown only to those who see both ends (links.h).
 */
#ifndef LANTERN_APP_PLACES_H
#define LANTERN_APP_PLACES_H

#include "app/app.h"

/*
 * Adds a place. in {"type" (hotel, b_and_b, takeaway, taxi_firm, shop, park, school,
 * childrens_home, hostel, private_address, online_platform, other), "name"?,
 * "address"?, "postcode"? (a UK postcode, full or outward code only), "borough"? (name,
 * code or id), "notes"?, "restricted"? (entitled police only), "confirm_new"?}. Places
 * the actor sees with the same name or full postcode answer APP_CONFLICT (rule R-LOC-1)
 * with *out = {"candidates": [{id, type, name, address, postcode, borough}]} unless
 * confirm_new is true. -> the place's view (app_place_get's).
 */
int app_place_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

/* The place `id` ("plc_...") with its hotspot marking and history, and derived counts:
 * "children" and "episodes" its links join, and "hotspot_suggested" when those counts
 * reach the R-LOC-1 thresholds (a suggestion, never a marking). Audited as a view. */
int app_place_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

/* The places the actor sees, a page at a time in id order: in {"borough"?, "type"?,
 * "hotspots"? (true: hotspots only), "limit"? (1..200, default 50), "after"? (the last
 * id of the previous page)}. out {"places": [{id, type, name, address, postcode,
 * borough, hotspot, restricted, children, episodes, hotspot_suggested}], "next": id or
 * null}. Audited as a view of a list. */
int app_places_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);

/* R-LOC-1: marks (in {"hotspot": true, "rationale"}) or unmarks ({"hotspot": false,
 * "rationale"}) place `id`: police, partnership-wide roles. -> the place's view. */
int app_place_hotspot(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

/* Finds the vehicle by its registration (case, spaces, O/0 and I/1 do not matter) or
 * adds it: in {"registration", "make"?, "model"?, "colour"?} (what is still unknown of a
 * found vehicle is filled in). A registration that is not one is kept as given and
 * marked "parsed": false. Practitioners. -> {id, registration, vrm, parsed, make, model,
 * colour, created_at, created}. */
int app_vehicle_find_or_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err);

/* As app_vehicle_find_or_add for a phone: in {"number"}; UK numbers become E.164.
 * -> {id, number, e164, parsed, created_at, created}. */
int app_phone_find_or_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err);

/* The vehicle ("veh_...") or phone ("tel_...") `id`. Audited as a view. */
int app_vehicle_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err);
int app_phone_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);

#endif
