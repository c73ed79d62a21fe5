/*
 * matching.c: R-REC-1 candidate search. Blocking keys fetch a bounded candidate set;
 * each candidate is scored against the probe with link_score(), and everything at
 * 'possible' strength or above is returned with its reasons, so the professional
 * decides; Lantern never merges children by itself.
 */
#include "app/matching.h"

#include "app/children.h"
#include "store/children.h"
#include "store/demo.h"

#define CANDIDATES_PER_KEY 500

static void dob_of(const char *s, struct link_dob *d)
{
	memset(d, 0, sizeof(*d));
	if (s && strlen(s) == 10) {
		d->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		d->m = (s[5] - '0') * 10 + (s[6] - '0');
		d->d = (s[8] - '0') * 10 + (s[9] - '0');
	}
}

static char gender_of(const char *g)
{
	if (!g)
		return 0;
	return strcmp(g, "female") == 0  ? 'F'
	       : strcmp(g, "male") == 0  ? 'M'
	       : strcmp(g, "other") == 0 ? 'X'
	                                 : 0;
}

static void prepare_input(const struct child_input *ci, struct link_person *p)
{
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	in.given = ci->given_names;
	in.family = ci->family_name;
	for (size_t i = 0; i < ci->n_other && in.n_aliases < LINK_MAX_ALIASES; i++)
		in.aliases[in.n_aliases++] = ci->other_names[i];
	dob_of(ci->date_of_birth, &in.dob);
	in.gender = gender_of(ci->gender);
	in.postcode = ci->postcode;
	in.nhs = ci->nhs_number[0] ? ci->nhs_number : NULL;
	link_person_prepare(&in, p);
}

size_t child_blocking_keys(const struct child_input *ci, char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN])
{
	struct link_person p;
	prepare_input(ci, &p);
	int n = link_blocking_keys(&p, keys, MATCH_MAX_KEYS);
	return n > 0 ? (size_t)n : 0;
}

/* Prepares a stored child (as returned by store_child_match_data) for scoring. */
static void prepare_stored(json_t *c, struct link_person *p)
{
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	in.given = json_string_value(json_object_get(c, "given_names"));
	in.family = json_string_value(json_object_get(c, "family_name"));
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(c, "other_names"), i, v)
	{
		if (in.n_aliases < LINK_MAX_ALIASES)
			in.aliases[in.n_aliases++] = json_string_value(v);
	}
	dob_of(json_string_value(json_object_get(c, "date_of_birth")), &in.dob);
	in.gender = gender_of(json_string_value(json_object_get(c, "gender")));
	in.postcode = json_string_value(json_object_get(c, "postcode"));
	in.nhs = json_string_value(json_object_get(c, "nhs_number"));
	link_person_prepare(&in, p);
}

static int by_weight(const void *a, const void *b)
{
	double wa = json_real_value(json_object_get(*(json_t *const *)a, "weight"));
	double wb = json_real_value(json_object_get(*(json_t *const *)b, "weight"));
	return wa < wb ? 1 : wa > wb ? -1 : 0;
}

int child_match(struct db *db, const struct actor *who, const struct child_input *probe,
                size_t limit, json_t **out, struct app_err *err)
{
	UNUSED(who);
	*out = NULL;
	struct link_person pp, cp;
	prepare_input(probe, &pp);
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	int nk = link_blocking_keys(&pp, keys, MATCH_MAX_KEYS);
	const char *kp[MATCH_MAX_KEYS];
	for (int i = 0; i < nk; i++)
		kp[i] = keys[i];
	int rc;
	json_t *ids = store_child_candidates(db, kp, (size_t)(nk > 0 ? nk : 0),
	                                     CANDIDATES_PER_KEY * 4, &rc);
	if (!ids)
		return app_db_fail(err, db, rc);
	/* The prior depends on how many children could be the probe (link/model.h). */
	int64_t n_children = 0;
	rc = store_children_count(db, &n_children);
	if (rc != DB_OK) {
		json_decref(ids);
		return app_db_fail(err, db, rc);
	}
	json_t *found = json_array();
	size_t i;
	json_t *idv;
	json_array_foreach(ids, i, idv)
	{
		json_t *c = store_child_match_data(db, json_string_value(idv), &rc);
		if (!c) {
			json_decref(ids);
			json_decref(found);
			return app_db_fail(err, db, rc);
		}
		prepare_stored(c, &cp);
		struct link_result res;
		link_score_with(NULL, n_children > 0 ? (size_t)n_children : 0, &pp, &cp, &res);
		if (res.strength == LINK_NONE) {
			json_decref(c);
			continue;
		}
		json_t *reasons = json_array();
		for (int r = 0; r < res.n_reasons; r++)
			json_array_append_new(reasons, json_string(res.reasons[r]));
		json_object_set_new(c, "strength", json_string(link_strength_name(res.strength)));
		json_object_set_new(c, "weight", json_real(res.weight));
		json_object_set_new(c, "reasons", reasons);
		json_array_append_new(found, c);
	}
	json_decref(ids);
	size_t n = json_array_size(found);
	json_t **items = malloc((n ? n : 1) * sizeof(*items));
	if (!items) {
		json_decref(found);
		return app_fail(err, APP_FAILED, NULL, "Out of memory.");
	}
	for (i = 0; i < n; i++)
		items[i] = json_array_get(found, i);
	qsort(items, n, sizeof(*items), by_weight);
	json_t *result = json_array();
	for (i = 0; i < n && i < limit; i++) {
		json_t *c = items[i];
		/* keep only what tells children apart */
		json_object_del(c, "nhs_number");
		json_object_del(c, "postcode");
		json_object_del(c, "other_names");
		json_object_del(c, "weight");
		json_array_append(result, c);
	}
	free(items);
	json_decref(found);
	*out = result;
	return APP_OK;
}
