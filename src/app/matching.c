/*
 * matching.c: R-REC-1 candidate search. Blocking keys fetch a bounded candidate set;
 * the candidates are ranked by the keys they share (link_rank_candidates: common keys
 * only add to the rank, ties by id), the best MATCH_SCORED are scored against the probe
 * with the model in use (the newest trained by `lantern match train`, else the
 * built-in one), and everything at 'possible' strength or above is returned with its
 * reasons, so the professional decides; Lantern never merges children by itself.
 */
#include "app/matching.h"

#include "app/children.h"
#include "app/merges.h"
#include "store/children.h"
#include "store/demo.h"
#include "store/imports.h"
#include "util/log.h"

#include <pthread.h>

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

/* ---- the model in use: the newest trained one, else the built-in one ---- */

#define MODEL_KEEP 8 /* replaced models kept alive for callers still scoring with them */

static pthread_mutex_t model_lock = PTHREAD_MUTEX_INITIALIZER;
static struct link_model *model_cur;
static char model_cur_id[ID_MAX];
static struct link_model *model_old[MODEL_KEEP];
static size_t model_old_n;

int match_model_current(struct db *db, const struct link_model **out, char id[ID_MAX],
                        struct app_err *err)
{
	char newest[ID_MAX] = "";
	*out = link_model_default();
	if (id)
		id[0] = '\0';
	int rc = store_match_model_newest(db, newest, sizeof newest);
	if (rc == DB_DONE)
		return APP_OK;
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	pthread_mutex_lock(&model_lock);
	bool have = model_cur && strcmp(model_cur_id, newest) == 0;
	if (have)
		*out = model_cur;
	pthread_mutex_unlock(&model_lock);
	if (!have) {
		json_t *row = store_match_model_get(db, newest, &rc);
		if (!row)
			return app_db_fail(err, db, rc);
		const char *text = json_string_value(json_object_get(row, "model"));
		struct link_model *m = malloc(sizeof *m);
		char perr[160];
		if (!m || !text ||
		    link_model_from_json(text, strlen(text), m, perr, sizeof perr) < 0) {
			/* a stored model that cannot be read: the built-in one is used */
			log_warn("matching model %s cannot be read; using the built-in model",
			         newest);
			free(m);
			json_decref(row);
			return APP_OK;
		}
		json_decref(row);
		pthread_mutex_lock(&model_lock);
		if (model_cur) {
			if (model_old_n == MODEL_KEEP) {
				free(model_old[0]);
				memmove(model_old, model_old + 1,
				        (MODEL_KEEP - 1) * sizeof *model_old);
				model_old_n--;
			}
			model_old[model_old_n++] = model_cur;
		}
		model_cur = m;
		snprintf(model_cur_id, sizeof model_cur_id, "%s", newest);
		*out = m;
		pthread_mutex_unlock(&model_lock);
	}
	if (id)
		snprintf(id, ID_MAX, "%s", newest);
	return APP_OK;
}

/* Highest weight first; ties by id, so the order is the same on every run. */
/* Prepares a child as the store gives it for scoring (store_child_match_core). */
static void prepare_core(const struct child_match_core *c, struct link_person *p)
{
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	in.given = c->given;
	in.family = c->family;
	char other[sizeof c->other];
	snprintf(other, sizeof other, "%s", c->other);
	for (char *s = other; *s && in.n_aliases < LINK_MAX_ALIASES;) {
		char *e = strchr(s, '\x1f');
		if (e)
			*e = '\0';
		in.aliases[in.n_aliases++] = s;
		s = e ? e + 1 : s + strlen(s);
	}
	dob_of(c->has_dob ? c->dob : NULL, &in.dob);
	in.gender = gender_of(c->has_gender ? c->gender : NULL);
	in.postcode = c->has_postcode ? c->postcode : NULL;
	in.nhs = c->has_nhs ? c->nhs : NULL;
	link_person_prepare(&in, p);
}

int match_prepare_child(struct db *db, const char *id, struct link_person *p)
{
	struct child_match_core core;
	int rc = store_child_match_core(db, id, &core);
	if (rc == DB_ROW)
		prepare_core(&core, p);
	return rc;
}

void match_prepare_object(json_t *c, struct link_person *p)
{
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	in.given = json_string_value(json_object_get(c, "given_names"));
	in.family = json_string_value(json_object_get(c, "family_name"));
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(c, "other_names"), i, v)
	{
		const char *n = json_is_object(v) ? json_string_value(json_object_get(v, "name"))
		                                  : json_string_value(v);
		if (n && in.n_aliases < LINK_MAX_ALIASES)
			in.aliases[in.n_aliases++] = n;
	}
	dob_of(json_string_value(json_object_get(c, "date_of_birth")), &in.dob);
	in.gender = gender_of(json_string_value(json_object_get(c, "gender")));
	in.postcode = json_string_value(
	        json_object_get(json_array_get(json_object_get(c, "addresses"), 0), "postcode"));
	in.nhs = json_string_value(json_object_get(c, "nhs_number"));
	link_person_prepare(&in, p);
}

static int by_weight(const void *a, const void *b)
{
	json_t *ca = *(json_t *const *)a, *cb = *(json_t *const *)b;
	double wa = json_real_value(json_object_get(ca, "weight"));
	double wb = json_real_value(json_object_get(cb, "weight"));
	if (wa != wb)
		return wa < wb ? 1 : -1;
	return strcmp(json_string_value(json_object_get(ca, "id")),
	              json_string_value(json_object_get(cb, "id")));
}

/* Holders fetched per key at most: a key held by more children than this (or than its
 * cap, if lower) is taken as common and brings no candidate in (link/blocking.h), which
 * keeps a lookup's cost bounded in a city's caseload. */
#define MATCH_FETCH_MAX 300
#define MATCH_ID_LEN 32

/* The children sharing a blocking key with the probe, ranked (link/blocking.h), at
 * most MATCH_SCORED, best first, as a JSON array of ids. */
static json_t *ranked_candidates(struct db *db, char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN], int nk,
                                 size_t scored, int *rc)
{
	struct link_posting post[MATCH_MAX_KEYS];
	const char **idv =
	        malloc((size_t)(nk > 0 ? nk : 1) * (MATCH_FETCH_MAX + 1) * sizeof(char *));
	char *buf = malloc((size_t)(nk > 0 ? nk : 1) * (MATCH_FETCH_MAX + 1) * MATCH_ID_LEN);
	json_t *out = NULL;
	*rc = idv && buf ? DB_OK : DB_E_NOMEM;
	for (int k = 0; k < nk && *rc == DB_OK; k++) {
		size_t cap = link_key_cap(keys[k]);
		size_t fetch = cap < MATCH_FETCH_MAX ? cap : MATCH_FETCH_MAX;
		char *mine = buf + (size_t)k * (MATCH_FETCH_MAX + 1) * MATCH_ID_LEN;
		const char **ids = idv + (size_t)k * (MATCH_FETCH_MAX + 1);
		size_t n = 0;
		*rc = store_child_key_holders_into(db, keys[k], fetch + 1, mine, MATCH_ID_LEN, &n);
		for (size_t i = 0; i < n; i++)
			ids[i] = mine + i * MATCH_ID_LEN;
		if (n > fetch) /* common: it brings nobody in */
			post[k] = (struct link_posting){keys[k], ids, 0, cap + 1};
		else
			post[k] = (struct link_posting){keys[k], ids, n, n};
	}
	if (*rc == DB_OK) {
		struct link_candidate cand[MATCH_SCORED];
		long n = link_rank_candidates(post, (size_t)nk, cand,
		                              scored < MATCH_SCORED ? scored : MATCH_SCORED, NULL);
		if (n < 0) {
			*rc = DB_E_NOMEM;
		} else {
			out = json_array();
			for (long i = 0; i < n; i++)
				json_array_append_new(out, json_string(cand[i].id));
		}
	}
	free(idv);
	free(buf);
	return out;
}

int child_match_in(struct db *db, const struct actor *who, const struct child_input *probe,
                   size_t limit, int64_t n_children, size_t scored, json_t **out,
                   struct app_err *err)
{
	UNUSED(who);
	*out = NULL;
	struct link_person pp, cp;
	prepare_input(probe, &pp);
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	int nk = link_blocking_keys(&pp, keys, MATCH_MAX_KEYS);
	if (nk < 0)
		nk = 0;
	const struct link_model *model;
	int arc = match_model_current(db, &model, NULL, err);
	if (arc != APP_OK)
		return arc;
	int rc;
	json_t *ids = ranked_candidates(db, keys, nk, scored, &rc);
	if (!ids)
		return app_db_fail(err, db, rc);
	/* The prior depends on how many children could be the probe (link/model.h). */
	if (n_children < 0) {
		rc = store_children_count(db, &n_children);
		if (rc != DB_OK) {
			json_decref(ids);
			return app_db_fail(err, db, rc);
		}
	}
	json_t *found = json_array();
	size_t i;
	json_t *idv;
	json_array_foreach(ids, i, idv)
	{
		/* score on what the matcher reads; the shown details only for a match */
		struct child_match_core core;
		rc = store_child_match_core(db, json_string_value(idv), &core);
		bool merged = false; /* a child merged into another is not a candidate */
		if (rc == DB_ROW)
			rc = merges_is_merged(db, json_string_value(idv), &merged) == DB_OK
			             ? (merged ? DB_DONE : DB_ROW)
			             : DB_E_ERROR;
		if (rc == DB_DONE)
			continue;
		if (rc != DB_ROW) {
			json_decref(ids);
			json_decref(found);
			return app_db_fail(err, db, rc);
		}
		prepare_core(&core, &cp);
		struct link_result res;
		link_score_with(model, n_children > 0 ? (size_t)n_children : 0, &pp, &cp, &res);
		if (res.strength == LINK_NONE)
			continue;
		json_t *c = store_child_match_data(db, json_string_value(idv), &rc);
		if (!c) {
			json_decref(ids);
			json_decref(found);
			return app_db_fail(err, db, rc);
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

int child_match(struct db *db, const struct actor *who, const struct child_input *probe,
                size_t limit, json_t **out, struct app_err *err)
{
	return child_match_in(db, who, probe, limit, -1, MATCH_SCORED, out, err);
}

const char *match_band_of(const char *strength)
{
	if (!strength)
		return match_band_text(LINK_NONE);
	return match_band_text(strcmp(strength, "certain") == 0    ? LINK_CERTAIN_MATCH
	                       : strcmp(strength, "probable") == 0 ? LINK_PROBABLE_MATCH
	                       : strcmp(strength, "possible") == 0 ? LINK_POSSIBLE_MATCH
	                                                           : LINK_NONE);
}

const char *match_band_text(enum link_strength s)
{
	switch (s) {
	case LINK_CERTAIN_MATCH:
		return "the same child: the NHS numbers agree";
	case LINK_PROBABLE_MATCH:
		return "likely the same child";
	case LINK_POSSIBLE_MATCH:
		return "possibly the same child: a person must look";
	default:
		return "not the same child";
	}
}
