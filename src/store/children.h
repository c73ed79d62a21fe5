/*
 * children.h: repository for children: the person, the names they are known by, the
 * blocking keys used to find them again (R-REC-1), addresses and increased-risk groups
 * (R-DEF-5). Callers own transactions.
 */
#ifndef LANTERN_STORE_CHILDREN_H
#define LANTERN_STORE_CHILDREN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/ltime.h"

struct child_row {
	const char *id;
	const char *given_names;
	const char *family_name;
	const char *name_key;
	struct lt_date date_of_birth; /* y 0: none (NULL) */
	const char *gender;
	const char *ethnicity;
	const char *nhs_number;
	const char *school;
	const char *residence_borough_id;
	bool looked_after;
	const char *home_authority;
	const char *host_authority;
	const char *iro_name;
	const char *host_cse_lead;
	const char *social_worker_id;
	const char *social_worker_name;
	bool is_demo;
	int64_t created_at;
	const char *created_by;
};

int store_child_insert(struct db *db, const struct child_row *c);
int store_child_add_name(struct db *db, const char *child_id, const char *kind, const char *name,
                         const char *name_key);
int store_child_add_key(struct db *db, const char *child_id, const char *key);
/* Blocking keys of children in bulk: n (<= STORE_KEYS_ROWS) rows (keys[i],
 * child_ids[i]) in one statement, a key already held being left as it is. Rows given in
 * (key, child) order are written fastest. DB_OK or an error. */
#define STORE_KEYS_ROWS 64
int store_child_add_keys(struct db *db, size_t n, const char *const *keys,
                         const char *const *child_ids);
/* One of a child's addresses; NULL text and unset dates are stored as NULL. */
struct store_child_address_new {
	const char *child_id, *address, *postcode, *borough_id;
	struct lt_date from, to;
};
int store_child_add_address(struct db *db, const struct store_child_address_new *a);
/* One of a child's risk groups; unset dates are stored as NULL. */
int store_child_add_risk_group(struct db *db, const char *child_id, const char *code,
                               struct lt_date from, struct lt_date to, const char *note);

/* The child as a JSON object with "other_names", "addresses" and "risk_groups" arrays,
 * or NULL with *rc = DB_DONE when there is no such child (or another DB code). */
json_t *store_child_get(struct db *db, const char *id, int *rc);
/* Whether there is a child of that id, into *exists: DB_OK or an error. */
int store_child_exists(struct db *db, const char *id, bool *exists);

/* Ids of children sharing any of `keys` (blocking), at most `limit`, as a JSON array
 * of strings. */
json_t *store_child_candidates(struct db *db, const char *const *keys, size_t nkeys, size_t limit,
                               int *rc);
/* Ids of children whose primary or other name has exactly this normalised key. */
json_t *store_child_by_name_key(struct db *db, const char *name_key, size_t limit, int *rc);
/* Ids of children one of whose names (given, family or other, normalised) has the
 * whole word `word` (normalised, one word), at most `limit`, in id order. */
json_t *store_children_by_name_word(struct db *db, const char *word, size_t limit, int *rc);
/* Ids of children born on `dob`, at most `limit`, in id order (DB_E_RANGE for a date
 * that is not valid). */
json_t *store_children_by_dob(struct db *db, struct lt_date dob, size_t limit, int *rc);
/* The id of the child with this NHS number into out; DB_ROW or DB_DONE. */
int store_child_by_nhs(struct db *db, const char *nhs, char out[32]);

/* What the matcher needs of a child: id, names, other_names (array of text), date of
 * birth, gender, NHS number, first postcode, residence borough name and record
 * reference. NULL with *rc = DB_DONE if there is no such child. */
json_t *store_child_match_data(struct db *db, const char *id, int *rc);

/* Records that an agency is involved with a child since `since` (idempotent). */
int store_child_involve(struct db *db, const char *child_id, const char *agency_id,
                        const char *reason, int64_t since);
/* Involves every agency of `type` in `borough_id` with the child (idempotent). */
int store_child_involve_agencies(struct db *db, const char *child_id, const char *type,
                                 const char *borough_id, const char *reason, int64_t since);
int store_child_involved(struct db *db, const char *child_id, const char *agency_id, bool *out);
/* Whether the user is the child's allocated social worker. */
int store_child_is_social_worker(struct db *db, const char *child_id, const char *user_id,
                                 bool *out);

/* Children visible through involvement, by id after `after` ("" for the first page),
 * at most `limit`: each {id, given_names, family_name, date_of_birth,
 * residence_borough, record_ref}, the children viewer `v` sees (STORE_VISIBLE). */
struct store_viewer;
json_t *store_children_list(struct db *db, const struct store_viewer *v, const char *after,
                            int limit, int *rc);

#endif
