/*
 * people.h (store): persons of concern and the items they are known by (R-POI-1), their
 * blocking keys for finding them again (people_keys, as child_keys), and the PNC
 * locate/trace markers of persons and of children (R-POI-2), in
 * migrations/011_people.sql. Callers own transactions. Times are int64 UTC seconds in
 * this API and ISO 8601 text in the database.
 */
#ifndef LANTERN_STORE_PEOPLE_H
#define LANTERN_STORE_PEOPLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "store/links.h"

struct store_person_new {
	const char *id, *label, *gender, *description;
	bool restricted, demo;
	const char *agency_id, *created_by;
	int64_t at;
};
int store_person_insert(struct db *db, const struct store_person_new *p);

/* What the use cases need of a person to decide (text copied). */
struct person_head {
	char id[32], agency_id[32], label[256];
	bool restricted;
};
/* DB_ROW (filled) or DB_DONE. */
int store_person_head(struct db *db, const char *id, struct person_head *h);

/* Changes the person's own fields: gender and description when not NULL, restricted when
 * >= 0, the label when not NULL; updated_at becomes `at`. DB_DONE when there is none. */
int store_person_update(struct db *db, const char *id, const char *gender, const char *description,
                        int restricted, const char *label, int64_t at);

/* One item (R-POI-1). NULL text is stored as NULL; dob_year, age_min and age_max are
 * stored only when dob_kind says so. */
struct store_person_item_new {
	const char *id, *person_id, *kind, *value, *value_key;
	const char *platform, *postcode;
	const char *dob_date; /* YYYY-MM-DD */
	int dob_year;         /* 0: none */
	bool age_range;       /* age_min, age_max, age_on hold */
	int age_min, age_max;
	const char *age_on;
	const char *nature, *source_eval, *assessment, *handling, *handling_conditions;
	const char *source;
	bool restricted, demo;
	const char *recorded_by, *recorded_by_name, *agency_id;
	int64_t at;
};
int store_person_item_insert(struct db *db, const struct store_person_item_new *it);

/* The label a person should carry: the first name item that is not restricted, else the
 * first street name, nickname or alias (in that order) that is not restricted, into out
 * (empty when every name is restricted). */
int store_person_label_of(struct db *db, const char *person_id, char *out, size_t n);

/* Replaces the person's blocking keys with `keys` (the whole set, kept current on every
 * write). */
int store_person_keys_set(struct db *db, const char *person_id, const char *const *keys, size_t n);

/* Ids of persons sharing any of `keys`, at most `limit`, as a JSON array of strings. */
json_t *store_person_candidates(struct db *db, const char *const *keys, size_t n, size_t limit,
                                int *rc);

/* What the matcher needs of a person: {id, label, gender, names: [{kind, value}],
 * dates_of_birth: [{dob_date, dob_year, age_min, age_max, age_on}], phones: [e164]}, of
 * the items and links that are not restricted unless `restricted`. NULL with *rc =
 * DB_DONE when there is none. */
json_t *store_person_match_data(struct db *db, const char *id, bool restricted, int *rc);

/* The person as shown: its columns, "items" (oldest first; restricted ones only when
 * `restricted`) and, from its links, "phones" and "vehicles" ({link_id, id, label,
 * parsed, kind, nature, grading columns, source, restricted, recorded_at}; links ended
 * or restricted left out unless `restricted` for the latter). NULL with *rc = DB_DONE
 * when there is none. */
json_t *store_person_get(struct db *db, const char *id, bool restricted, int *rc);

/* Ids of persons with a date of birth item (not restricted unless `restricted`) whose
 * year could be `year`: exact dates and years of `year`, and age ranges whose birth
 * years include it; as [{person_id, dob_date, dob_year, age_min, age_max, age_on}]. */
json_t *store_people_by_birth_year(struct db *db, int year, bool restricted, size_t limit, int *rc);

/* Ids of persons with a name item whose normalised key is `key` (not restricted unless
 * `restricted`), as a JSON array of strings. */
json_t *store_people_by_name_key(struct db *db, const char *key, bool restricted, size_t limit,
                                 int *rc);

/* Ids of persons joined to entity `id` (a vehicle or phone) by a current link (not
 * restricted unless `restricted`), as a JSON array of strings. */
json_t *store_people_linked_to(struct db *db, const char *id, bool restricted, size_t limit,
                               int *rc);

/* R-POI-2: the person's PNC locate/trace marker. DB_DONE when there is no such person. */
int store_person_pnc_set(struct db *db, const char *id, const char *status, const char *note,
                         const char *by, const char *by_name, int64_t at);
/* R-POI-2: a child's marker (one row per child, replaced). */
int store_child_pnc_set(struct db *db, const char *child_id, const char *status, const char *note,
                        const char *by, const char *by_name, int64_t at);
/* The child's marker {status, note, recorded_at, recorded_by_name}, or NULL with *rc =
 * DB_DONE when none is recorded. */
json_t *store_child_pnc_get(struct db *db, const char *child_id, int *rc);

#endif
