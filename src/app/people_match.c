/*
 * people_match.c: preparing persons of concern for the person matcher, their blocking
 * keys and their scores; the candidates shown before a person is added and the searches
 * by name, date of birth, phone and vehicle, filtered by what the actor sees (see
 * people_match.h).
 */
#include "app/people_match.h"

#include "app/concern.h"
#include "link/normalise.h"
#include "store/people.h"
#include "store/places.h"
#include "util/ltime.h"

char pm_gender(const char *code)
{
	if (!code)
		return 0;
	return strcmp(code, "female") == 0  ? 'F'
	       : strcmp(code, "male") == 0  ? 'M'
	       : strcmp(code, "other") == 0 ? 'X'
	                                    : 0;
}

/* A date "YYYY-MM-DD" into d (left zero when it is not one). */
static void dob_from_text(const char *s, struct link_dob *d)
{
	struct lt_date t;
	if (s && ltime_parse_date(s, &t) == 0) {
		d->y = t.y;
		d->m = t.m;
		d->d = t.d;
	}
}

void pm_from_stored(json_t *data, struct pm_person *p)
{
	memset(p, 0, sizeof *p);
	size_t i;
	json_t *v;
	/* store_person_match_data lists full names first */
	json_array_foreach(json_object_get(data, "names"), i, v)
	{
		const char *s = json_string_value(json_object_get(v, "value"));
		if (s && p->n_names < PM_MAX_NAMES)
			p->names[p->n_names++] = s;
	}
	json_array_foreach(json_object_get(data, "dates_of_birth"), i, v)
	{
		dob_from_text(json_string_value(json_object_get(v, "dob_date")), &p->dob);
		if (!p->dob.y && json_is_integer(json_object_get(v, "dob_year")))
			p->dob.y = (int)json_integer_value(json_object_get(v, "dob_year"));
		if (p->dob.y)
			break; /* the first exact date or year; age ranges are too broad */
	}
	p->gender = pm_gender(json_string_value(json_object_get(data, "gender")));
	p->phone = json_string_value(
	        json_object_get(json_array_get(json_object_get(data, "phones"), 0), "e164"));
}

/* Text buffers for one group's main name split into given and family names. */
struct group_text {
	char given[LINK_TEXT_LEN], family[LINK_TEXT_LEN];
};

/* Prepares group g of p (names g*5 .. g*5+4) into lp; with or without the date of birth.
 * Returns false when the group is empty. */
static bool prepare_group(const struct pm_person *p, int g, bool with_dob, struct group_text *t,
                          struct link_person *lp)
{
	int first = g * (1 + LINK_MAX_ALIASES);
	if (first >= p->n_names)
		return false;
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	struct link_full_name split;
	t->given[0] = t->family[0] = '\0';
	if (link_split_full_name(p->names[first], &split) == 0) {
		link_tokens_join(&split.given, t->given, sizeof t->given);
		link_tokens_join(&split.family, t->family, sizeof t->family);
	}
	in.given = t->given;
	in.family = t->family;
	for (int i = first + 1; i < p->n_names && in.n_aliases < LINK_MAX_ALIASES; i++)
		in.aliases[in.n_aliases++] = p->names[i];
	if (with_dob)
		in.dob = p->dob;
	in.gender = p->gender;
	in.phone = p->phone;
	link_person_prepare(&in, lp);
	return true;
}

/* Appends key k to keys unless it is there already. */
static void add_key(char keys[][LINK_KEY_LEN], size_t *n, size_t max, const char *k)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(keys[i], k) == 0)
			return;
	if (*n < max) {
		/* Keys are at most LINK_KEY_LEN - 1 bytes; a longer one is cut. */
		size_t len = strnlen(k, LINK_KEY_LEN - 1);
		memcpy(keys[*n], k, len);
		keys[(*n)++][len] = '\0';
	}
}

size_t pm_keys(const struct pm_person *p, char keys[][LINK_KEY_LEN], size_t max)
{
	size_t n = 0;
	struct group_text t;
	struct link_person lp;
	char gk[LINK_MAX_KEYS][LINK_KEY_LEN];
	for (int g = 0; g < PM_MAX_GROUPS; g++) {
		for (int with_dob = 0; with_dob < 2; with_dob++) {
			if (!prepare_group(p, g, with_dob, &t, &lp))
				break;
			int k = link_blocking_keys(&lp, gk, LINK_MAX_KEYS);
			for (int i = 0; i < k; i++)
				add_key(keys, &n, max, gk[i]);
		}
	}
	for (int i = 0; i < p->n_names; i++) {
		char norm[LINK_TEXT_LEN], k[LINK_KEY_LEN];
		if (link_normalise_text(p->names[i], norm, sizeof norm) == 0 && norm[0]) {
			snprintf(k, sizeof k, "K:%.29s", norm);
			add_key(keys, &n, max, k);
		}
	}
	return n;
}

/* Whether a name of a and a name of b are the same once normalised (the name into out). */
static bool same_name(const struct pm_person *a, const struct pm_person *b, char out[LINK_TEXT_LEN])
{
	for (int i = 0; i < a->n_names; i++) {
		if (link_normalise_text(a->names[i], out, LINK_TEXT_LEN) < 0 || !out[0])
			continue;
		for (int j = 0; j < b->n_names; j++) {
			char nb[LINK_TEXT_LEN];
			if (link_normalise_text(b->names[j], nb, sizeof nb) == 0 &&
			    strcmp(out, nb) == 0)
				return true;
		}
	}
	out[0] = '\0';
	return false;
}

/* The population the matcher's prior assumes when comparing persons of concern: the
 * people of concern a name or street name could belong to in a partnership (about a
 * thousand), not every child. */
#define PM_PRIOR_POPULATION 1000

void pm_score(const struct pm_person *probe, const struct pm_person *cand, struct link_result *res)
{
	memset(res, 0, sizeof *res);
	res->weight = -1e9;
	struct group_text tp, tc;
	struct link_person a, b;
	bool any = false;
	for (int i = 0; i < PM_MAX_GROUPS && prepare_group(probe, i, true, &tp, &a); i++) {
		for (int j = 0; j < PM_MAX_GROUPS && prepare_group(cand, j, true, &tc, &b); j++) {
			struct link_result r;
			link_score_with(NULL, PM_PRIOR_POPULATION, &a, &b, &r);
			if (!any || r.weight > res->weight)
				*res = r;
			any = true;
		}
	}
	if (!any) {
		memset(res, 0, sizeof *res);
		res->strength = LINK_NONE;
	}
	/* A name, alias or street name written the same is worth showing even alone: among
	 * persons of concern a street name is rarer than a child's given name. */
	char same[LINK_TEXT_LEN];
	if (res->strength == LINK_NONE && same_name(probe, cand, same)) {
		res->strength = LINK_POSSIBLE_MATCH;
		if (res->n_reasons < LINK_MAX_REASONS)
			snprintf(res->reasons[res->n_reasons++], LINK_REASON_LEN,
			         "known by the same name: \"%.80s\"", same);
	}
}

/* ---- candidates (R-POI-1: found with the person matcher, never merged) ---- */

/* A stored date of birth row (dob_date, dob_year, age_min, age_max, age_on). */
bool pm_dob_of_row(json_t *r, struct people_dob *d)
{
	memset(d, 0, sizeof *d);
	const char *date = json_string_value(json_object_get(r, "dob_date"));
	const char *on = json_string_value(json_object_get(r, "age_on"));
	if (date && ltime_parse_date(date, &d->date) == 0) {
		d->kind = PEOPLE_DOB_EXACT;
		return true;
	}
	if (json_is_integer(json_object_get(r, "dob_year"))) {
		d->kind = PEOPLE_DOB_YEAR;
		d->year = (int)json_integer_value(json_object_get(r, "dob_year"));
		return true;
	}
	if (on && ltime_parse_date(on, &d->on) == 0) {
		d->kind = PEOPLE_DOB_AGE_RANGE;
		d->age_min = (int)json_integer_value(json_object_get(r, "age_min"));
		d->age_max = (int)json_integer_value(json_object_get(r, "age_max"));
		return true;
	}
	return false;
}

/* What a candidate shows: enough to tell persons apart. */
static json_t *candidate_view(json_t *data)
{
	json_t *names = json_array(), *dobs = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(data, "names"), i, v)
	        json_array_append(names, json_object_get(v, "value"));
	json_array_foreach(json_object_get(data, "dates_of_birth"), i, v)
	{
		struct people_dob d;
		char s[64];
		if (pm_dob_of_row(v, &d)) {
			people_dob_describe(&d, s, sizeof s);
			json_array_append_new(dobs, json_string(s));
		}
	}
	return json_pack("{s:O, s:O, s:O, s:o, s:o}", "id", json_object_get(data, "id"), "label",
	                 json_object_get(data, "label"), "gender", json_object_get(data, "gender"),
	                 "names", names, "dates_of_birth", dobs);
}

static int by_weight(const void *a, const void *b)
{
	double wa = json_real_value(json_object_get(*(json_t *const *)a, "weight"));
	double wb = json_real_value(json_object_get(*(json_t *const *)b, "weight"));
	return wa < wb ? 1 : wa > wb ? -1 : 0;
}

/* Sorts an array of candidates by "weight", pm_strongest first, dropping the weight and
 * keeping at most `limit`. */
json_t *pm_strongest(json_t *found, size_t limit)
{
	size_t n = json_array_size(found);
	json_t **items = malloc((n ? n : 1) * sizeof *items);
	json_t *out = json_array();
	if (!items || !out) {
		free(items);
		json_decref(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(found, i);
	qsort(items, n, sizeof *items, by_weight);
	for (size_t i = 0; i < n && i < limit; i++) {
		json_object_del(items[i], "weight");
		json_array_append(out, items[i]);
	}
	free(items);
	return out;
}

/*
 * Scores each visible person of `ids` against the probe (when `probe` is not NULL;
 * else every visible one is kept with `reason`), keeping those at 'possible' strength or
 * above, into *found (appended).
 */
int pm_score_ids(struct uc *u, json_t *ids, const struct pm_person *probe, const char *reason,
                 json_t *found)
{
	size_t i;
	json_t *idv;
	json_array_foreach(ids, i, idv)
	{
		const char *pid = json_string_value(idv);
		bool sees = false;
		int rc = concern_sees(u, PEOPLE_PERSON, pid, &sees);
		if (rc != APP_OK)
			return rc;
		if (!sees)
			continue;
		json_t *data = store_person_match_data(u->db, pid, concern_entitled(u), &rc);
		if (!data)
			return uc_db(u, rc);
		json_t *reasons = json_array();
		double weight = 0;
		const char *strength = NULL;
		if (probe) {
			struct pm_person cp;
			pm_from_stored(data, &cp);
			struct link_result res;
			pm_score(probe, &cp, &res);
			for (int r = 0; r < res.n_reasons; r++)
				json_array_append_new(reasons, json_string(res.reasons[r]));
			weight = res.weight;
			strength =
			        res.strength == LINK_NONE ? NULL : link_strength_name(res.strength);
		} else {
			json_array_append_new(reasons, json_string(reason));
		}
		if (probe && !strength) {
			json_decref(reasons);
			json_decref(data);
			continue;
		}
		json_t *c = candidate_view(data);
		json_decref(data);
		if (!c) {
			json_decref(reasons);
			return app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
		}
		json_object_set_new(c, "strength", strength ? json_string(strength) : json_null());
		json_object_set_new(c, "reasons", reasons);
		json_object_set_new(c, "weight", json_real(weight));
		json_array_append_new(found, c);
	}
	return APP_OK;
}

/* Ids of persons that share a blocking key with the probe or one of its names exactly. */
int pm_name_ids(struct uc *u, const struct pm_person *probe, json_t **ids)
{
	char keys[PM_MAX_KEYS][LINK_KEY_LEN];
	const char *kp[PM_MAX_KEYS];
	size_t nk = pm_keys(probe, keys, PM_MAX_KEYS);
	for (size_t i = 0; i < nk; i++)
		kp[i] = keys[i];
	int rc;
	*ids = store_person_candidates(u->db, kp, nk, PM_CANDIDATE_IDS, &rc);
	return *ids ? APP_OK : uc_db(u, rc);
}

/* R-POI-1: the persons the actor sees who may be the probe, pm_strongest first. */
int pm_candidates(struct uc *u, const struct pm_person *probe, size_t limit, json_t **out)
{
	*out = NULL;
	json_t *ids = NULL, *found = json_array();
	int rc = pm_name_ids(u, probe, &ids);
	if (rc == APP_OK)
		rc = pm_score_ids(u, ids, probe, NULL, found);
	if (rc == APP_OK && !(*out = pm_strongest(found, limit)))
		rc = app_fail(u->err, APP_FAILED, NULL, "Out of memory.");
	json_decref(ids);
	json_decref(found);
	return rc;
}

/* ---- keeping keys current ---- */

int pm_refresh(struct uc *u, const char *id)
{
	int rc;
	json_t *data = store_person_match_data(u->db, id, true, &rc);
	if (!data)
		return uc_db(u, rc);
	struct pm_person p;
	pm_from_stored(data, &p);
	char keys[PM_MAX_KEYS][LINK_KEY_LEN];
	const char *kp[PM_MAX_KEYS];
	size_t nk = pm_keys(&p, keys, PM_MAX_KEYS);
	for (size_t i = 0; i < nk; i++)
		kp[i] = keys[i];
	rc = store_person_keys_set(u->db, id, kp, nk);
	json_decref(data);
	char label[PEOPLE_VALUE_MAX * 4 + 1] = "";
	if (rc == DB_OK)
		rc = store_person_label_of(u->db, id, label, sizeof label);
	if (rc == DB_OK)
		rc = store_person_update(u->db, id, NULL, NULL, -1,
		                         label[0] ? label : "Person of concern (name restricted)",
		                         u->now);
	return uc_db(u, rc);
}

/* ---- search ---- */

/* Keeps in `set` only ids that are also in `other` (both arrays of strings). */
void pm_intersect(json_t *set, json_t *other)
{
	for (size_t i = json_array_size(set); i-- > 0;) {
		const char *s = json_string_value(json_array_get(set, i));
		bool found = false;
		size_t j;
		json_t *v;
		json_array_foreach(other, j, v) found =
		        found || strcmp(json_string_value(v), s) == 0;
		if (!found)
			json_array_remove(set, i);
	}
}

/* Ids of persons whose date of birth fits `born`. */
int pm_dob_ids(struct uc *u, struct lt_date born, json_t **ids)
{
	int rc;
	json_t *rows = store_people_by_birth_year(u->db, born.y, concern_entitled(u),
	                                          PM_CANDIDATE_IDS, &rc);
	if (!rows)
		return uc_db(u, rc);
	*ids = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		struct people_dob d;
		json_t *pid = json_object_get(r, "person_id");
		if (pm_dob_of_row(r, &d) && people_dob_fits(&d, born))
			json_array_append(*ids, pid);
	}
	json_decref(rows);
	return APP_OK;
}

/* Ids of persons linked to the vehicle or phone that `text` names (none if unknown). */
int pm_ident_ids(struct uc *u, enum people_end e, const char *text, json_t **ids)
{
	char key[LINK_INPUT_MAX + 2], norm[LINK_PHONE_LEN];
	bool parsed = e == PEOPLE_VEHICLE ? link_vrm_key(text, norm) == 0
	                                  : link_normalise_phone(text, norm) == 0;
	snprintf(key, sizeof key, "%s%s", parsed ? "" : "?", parsed ? norm : text);
	struct ident_row r;
	int rc = e == PEOPLE_VEHICLE ? store_vehicle_find(u->db, key, &r)
	                             : store_phone_find(u->db, key, &r);
	if (rc == DB_DONE) {
		*ids = json_array();
		return APP_OK;
	}
	if (rc != DB_ROW)
		return uc_db(u, rc);
	*ids = store_people_linked_to(u->db, r.id, concern_entitled(u), PM_CANDIDATE_IDS, &rc);
	return *ids ? APP_OK : uc_db(u, rc);
}
