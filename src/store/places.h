/*
 * places.h (store): places (R-LOC-1) with their hotspot markings, and vehicles and phones,
 * which are found by their normalised key so that one car or one number joins everything
 * it touches (migrations/011_people.sql). Callers own transactions. Times are int64 UTC
 * seconds in this API and ISO 8601 text in the database.
 */
#ifndef LANTERN_STORE_PLACES_H
#define LANTERN_STORE_PLACES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "store/links.h"

struct store_place_new {
	const char *id, *type, *name, *name_key, *address, *postcode, *outward, *borough_id, *notes;
	bool restricted, demo;
	const char *agency_id, *created_by;
	int64_t at;
};
int store_place_insert(struct db *db, const struct store_place_new *p);

/* What the use cases need of a place to decide (text copied). */
struct place_head {
	char id[32], agency_id[32];
	bool restricted, hotspot;
};
/* DB_ROW (filled) or DB_DONE. */
int store_place_head(struct db *db, const char *id, struct place_head *h);

/* Places that may be the same as a new one: the same normalised name, or the same full
 * postcode, at most `limit`, visible to the viewer: [{id, type, name, address,
 * postcode, borough}]. */
json_t *store_place_candidates(struct db *db, const struct store_concern_viewer *cv,
                               const char *name_key, const char *postcode, int limit, int *rc);

/* R-LOC-1: marks (hotspot true) or unmarks the place, with the rationale, and keeps the
 * change in place_hotspots. DB_DONE when there is no such place. */
int store_place_set_hotspot(struct db *db, const char *id, bool hotspot, const char *rationale,
                            const char *by, const char *by_name, int64_t at);

/* How many different children and missing episodes the place's links join (an episode's
 * child counts as a child too), counting restricted links only when `restricted`. */
int store_place_counts(struct db *db, const char *id, bool restricted, int64_t *children,
                       int64_t *episodes);

/* The place as shown: its columns with the borough's name and "hotspot_history"
 * (newest first). NULL with *rc = DB_DONE when there is none. */
json_t *store_place_get(struct db *db, const char *id, int *rc);

/* Places the viewer sees, a page at a time in id order after `after` (NULL for the
 * first), optionally of one borough, one type, or hotspots only; each with its counts
 * ("children", "episodes": see store_place_counts, restricted links counted only for a
 * viewer who sees restricted things). */
json_t *store_places_list(struct db *db, const struct store_concern_viewer *cv,
                          const char *borough_id, const char *type, bool hotspots_only,
                          const char *after, int limit, int *rc);

/* A vehicle or a phone as the use cases need it (text copied). */
struct ident_row {
	char id[32], given[208], normal[24], make[64], model[64], colour[64];
	bool parsed;
};

/* Vehicles. match_key: link_vrm_key of the registration, or "?" and the text as given
 * when it does not parse (vrm NULL). */
struct store_vehicle_new {
	const char *id, *registration, *vrm, *match_key, *make, *model, *colour;
	bool demo;
	const char *agency_id, *created_by;
	int64_t at;
};
int store_vehicle_insert(struct db *db, const struct store_vehicle_new *v);
/* By match key: DB_ROW (filled) or DB_DONE. */
int store_vehicle_find(struct db *db, const char *match_key, struct ident_row *v);
/* Fills in make, model and colour where they are still unknown (never overwrites). */
int store_vehicle_fill(struct db *db, const char *id, const char *make, const char *model,
                       const char *colour, int64_t at);
/* {id, registration, vrm, parsed, make, model, colour, created_at}, or NULL with *rc =
 * DB_DONE. */
json_t *store_vehicle_get(struct db *db, const char *id, int *rc);

/* Phones. match_key: the E.164 number, or "?" and the text as given. */
struct store_phone_new {
	const char *id, *number, *e164, *match_key;
	bool demo;
	const char *agency_id, *created_by;
	int64_t at;
};
int store_phone_insert(struct db *db, const struct store_phone_new *p);
int store_phone_find(struct db *db, const char *match_key, struct ident_row *p);
/* {id, number, e164, parsed, created_at}, or NULL with *rc = DB_DONE. */
json_t *store_phone_get(struct db *db, const char *id, int *rc);

#endif
