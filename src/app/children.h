/*
 * children.h: use cases about a child as a person: add, show, find. R-REC-1: every path
 * that can create a child first looks for existing candidates and shows them, with the
 * reasons they matched; a new child is created only when none matches or the user
 * confirms that the child is new.
 */
#ifndef LANTERN_APP_CHILDREN_H
#define LANTERN_APP_CHILDREN_H

#include "app/app.h"

#define CHILD_MAX_OTHER_NAMES 20
#define CHILD_MAX_ADDRESSES 10
#define CHILD_MAX_GROUPS 12

/* A validated child, pointing into the JSON it was parsed from. */
struct child_input {
	const char *given_names, *family_name;
	const char *other_names[CHILD_MAX_OTHER_NAMES];
	const char *other_kinds[CHILD_MAX_OTHER_NAMES];
	size_t n_other;
	char date_of_birth[11]; /* "" when unknown */
	const char *gender, *ethnicity, *school;
	char nhs_number[16]; /* normalised, "" when not given */
	const char *residence_borough;
	bool looked_after;
	const char *home_authority, *host_authority, *iro_name, *host_cse_lead;
	const char *social_worker; /* a username, or a name outside Lantern */
	struct {
		const char *address, *postcode;
		char from[11], to[11];
	} addresses[CHILD_MAX_ADDRESSES];
	size_t n_addresses;
	struct {
		const char *code, *note;
		char from[11], to[11];
	} groups[CHILD_MAX_GROUPS];
	size_t n_groups;
	const char *postcode; /* first address's postcode, for matching */
};

/* Parses and validates a child object (see docs/api.md for its fields). `now` is the
 * date against which a date of birth is checked (R-DEF-1: a new child must be under
 * 18). Field errors accumulate in err; returns APP_OK or APP_INVALID. */
/* R-DEF-1: adds a field error to err (on `field`, naming the rule in err->rule for an
 * adult) unless the person born on `dob_s` (YYYY-MM-DD; NULL or invalid: unknown, no
 * error) is a child on the date of instant `at`, the date of the event. Returns
 * APP_OK or err's code. */
int child_age_check(struct app_err *err, const char *dob_s, int64_t at, const char *field);

int child_input_parse(json_t *in, int64_t now, struct child_input *ci, struct app_err *err);

/* Creates the child inside the caller's open transaction: the person, names, blocking
 * keys, addresses, risk groups, the creating agency's involvement and the audit event.
 * `demo` marks synthetic data. */
int child_create_tx(struct db *db, const struct actor *who, const struct child_input *ci, bool demo,
                    char id[ID_MAX], struct app_err *err);
/* The same without its blocking keys, for a bulk import that writes them at the end of
 * its batch (app/match_batch.h): until then the child is not found by a search. */
int child_create_unkeyed_tx(struct db *db, const struct actor *who, const struct child_input *ci,
                            char id[ID_MAX], struct app_err *err);

/* in: a child object, plus optional "confirm_new": true. When possible matches exist and
 * confirm_new is not true, returns APP_CONFLICT with *out = {"candidates": [...]}; else
 * creates the child and returns its view. */
int app_child_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);
/* The child's full view (audited as a view). */
int app_child_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err);
/* in: {"name"?, "given_names"?, "family_name"?, "date_of_birth"?, "nhs_number"?}.
 * out: {"results": [{id, given_names, family_name, date_of_birth, gender,
 * residence_borough, record_ref, strength,
 * reasons}]}: enough to tell children apart and nothing more. Audited as a search. */
int app_child_find(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err);

/* The children the actor may see, a page at a time, in id order. in: {"limit"
 * (1..200, default 50), "after" (the last id of the previous page)}. out: {"children":
 * [{id, given_names, family_name, date_of_birth, residence_borough, record_ref}],
 * "next": id or null}. Audited as a view of a list. */
int app_children_list(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err);

#endif
