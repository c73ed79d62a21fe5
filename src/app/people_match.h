/*
 * people_match.h: finding a person of concern who may already be known, with the same
 * matcher as children (src/link/match.h: names, nicknames, aliases, date of birth,
 * phone). Lantern never merges persons by itself: it shows candidates with the reasons
 * they matched and the professional decides. Internal to src/app/.
 *
 * A person may be known by many names (name, alias, street name, nickname items); the
 * matcher takes a main name and LINK_MAX_ALIASES aliases, so the names are prepared in
 * groups of 1 + LINK_MAX_ALIASES and two persons score as their best pair of groups.
 * Blocking keys are those of every group, with and without the year of birth (so that a
 * search by name alone meets a person whose year is known), and "K:" with each name's
 * normalised text (so that a one-word street name meets itself exactly).
 *
 * Candidates and searches are filtered by what the actor sees (src/app/concern.h) and
 * show only what tells persons apart.
 */
#ifndef LANTERN_APP_PEOPLE_MATCH_H
#define LANTERN_APP_PEOPLE_MATCH_H

#include <jansson.h>

#include "link/match.h"
#include "protocol/people.h"

#define PM_MAX_NAMES 20
#define PM_MAX_GROUPS ((PM_MAX_NAMES + LINK_MAX_ALIASES) / (1 + LINK_MAX_ALIASES))
#define PM_MAX_KEYS 160

/* A person as the matcher sees it (pointers into the caller's data). names[0] is the
 * main name: the first full name if there is one. */
struct pm_person {
	const char *names[PM_MAX_NAMES];
	int n_names;
	struct link_dob dob; /* 0 parts when unknown or only an age range is known */
	char gender;         /* 'F', 'M', 'X' or 0 */
	const char *phone;   /* E.164 or NULL */
};

/* 'F', 'M', 'X' or 0 of a gender code. */
char pm_gender(const char *code);

/* Builds a pm_person from store_person_match_data's object (which must outlive it). */
void pm_from_stored(json_t *data, struct pm_person *p);

/* The blocking keys of p (unique), at most max. Returns how many. */
size_t pm_keys(const struct pm_person *p, char keys[][LINK_KEY_LEN], size_t max);

/* Scores probe against cand: the best result over their groups of names into *res. Two
 * persons known by a name written the same (once normalised), which the weights alone
 * would leave below 'possible' (a one-word street name), are 'possible' with that
 * reason. */
void pm_score(const struct pm_person *probe, const struct pm_person *cand, struct link_result *res);

/* ---- candidates and searches (inside a use case's transaction) ---- */

struct uc;
#define PM_CANDIDATE_IDS 2000

/* A stored date of birth row (dob_date, dob_year, age_min, age_max, age_on) as a
 * people_dob; false when it holds none. */
bool pm_dob_of_row(json_t *r, struct people_dob *d);

/* Ids of persons that share a blocking key with the probe (at most PM_CANDIDATE_IDS). */
int pm_name_ids(struct uc *u, const struct pm_person *probe, json_t **ids);

/*
 * For each person of `ids` the actor sees (people.h), appends to `found` what tells
 * persons apart ({id, label, gender, names, dates_of_birth} of what the actor may see)
 * with "strength", "reasons" and "weight": scored against `probe` and kept at
 * 'possible' or above, or, when probe is NULL, each kept with `reason`.
 */
int pm_score_ids(struct uc *u, json_t *ids, const struct pm_person *probe, const char *reason,
                 json_t *found);

/* A new array of the entries of `found` by "weight", strongest first, without the
 * weight, at most `limit`; NULL when out of memory. */
json_t *pm_strongest(json_t *found, size_t limit);

/* R-POI-1: the persons the actor sees who may be `probe`, strongest first, at most
 * `limit`, as pm_score_ids makes them. */
int pm_candidates(struct uc *u, const struct pm_person *probe, size_t limit, json_t **out);

/* Keeps person `id`'s blocking keys (people_keys) and label current after a write to its
 * items or links: every name (restricted ones too: the keys only find candidates, what
 * is shown is filtered), the first exact date or year of birth, the first phone. */
int pm_refresh(struct uc *u, const char *id);

/* Keeps in `set` only the ids (strings) also in `other`. */
void pm_intersect(json_t *set, json_t *other);

/* Ids of persons with a date of birth item (that the actor may see) that `born` fits. */
int pm_dob_ids(struct uc *u, struct lt_date born, json_t **ids);

/* Ids of persons joined by a current link (that the actor may see) to the vehicle
 * (PEOPLE_VEHICLE) or phone (PEOPLE_PHONE) that `text` names; none when it is unknown. */
int pm_ident_ids(struct uc *u, enum people_end e, const char *text, json_t **ids);

#endif
