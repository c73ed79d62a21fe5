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
#include "app/match_batch.h"
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

void match_prepare_input(const struct child_input *ci, struct link_person *p)
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
	match_prepare_input(ci, &p);
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

/* A candidate found, with its weight and its place in the ranking. */
struct found_item {
	json_t *c;
	double weight;
	size_t at;
};

/* Heaviest first; equal weights keep the ranking's order (link/blocking.h), which is the
 * same on every run, where the ids of an import's children are not. */
static int by_weight(const void *a, const void *b)
{
	const struct found_item *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Holders fetched per key at most: a key held by more children than this (or than its
 * cap, if lower) is taken as common and brings no candidate in (link/blocking.h), which
 * keeps a lookup's cost bounded in a city's caseload. */
#define MATCH_FETCH_MAX 300
#define MATCH_ID_LEN 32

/* The candidates of one probe: ids ranked best first (pointers into ids/buf, or into
 * the import's batch). */
struct ranked {
	const char **idv;
	uint32_t *ord; /* beside idv, with a batch: each id's order (link/blocking.h) */
	char *buf;
	struct link_candidate cand[MATCH_SCORED];
	long n;
};

static void ranked_free(struct ranked *r)
{
	free(r->idv);
	free(r->ord);
	free(r->buf);
}

/* Makes every id of the database (those in buf) one pointer per child across the
 * lists. 0, or -1 when out of memory. */
static int intern_ids(struct link_posting *post, int nk, const char *buf)
{
	size_t total = 0, cap = 16;
	for (int k = 0; k < nk; k++)
		total += post[k].n;
	while (cap < 2 * total + 2)
		cap <<= 1;
	const char **tab = calloc(cap, sizeof *tab);
	if (!tab)
		return -1;
	size_t span = (size_t)nk * (MATCH_FETCH_MAX + 1) * MATCH_ID_LEN;
	for (int k = 0; k < nk; k++) {
		const char **ids = (const char **)post[k].ids;
		for (size_t i = 0; i < post[k].n; i++) {
			if (ids[i] < buf || ids[i] >= buf + span)
				continue; /* the batch's: one pointer already */
			uint64_t h = 1469598103934665603ULL;
			for (const char *c = ids[i]; *c; c++)
				h = (h ^ (unsigned char)*c) * 1099511628211ULL;
			size_t j = (size_t)h & (cap - 1);
			while (tab[j] && strcmp(tab[j], ids[i]) != 0)
				j = (j + 1) & (cap - 1);
			if (!tab[j])
				tab[j] = ids[i];
			ids[i] = tab[j];
		}
	}
	free(tab);
	return 0;
}

/* The children sharing a blocking key with the probe, ranked (link/blocking.h), at
 * most `scored` (<= MATCH_SCORED), into *r: from the database, and from the import's
 * batch when there is one (then the database holds none of the batch's keys, and is
 * not read at all if it held no child when the batch began). DB_OK or an error. */
static int ranked_candidates(struct db *db, struct match_batch *batch,
                             char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN], int nk, size_t scored,
                             struct ranked *r)
{
	struct link_posting post[MATCH_MAX_KEYS];
	const size_t per = 2 * (MATCH_FETCH_MAX + 1); /* ids per key: stored and batch */
	r->n = 0;
	r->idv = malloc((size_t)(nk > 0 ? nk : 1) * per * sizeof(char *));
	r->ord = batch ? malloc((size_t)(nk > 0 ? nk : 1) * per * sizeof(uint32_t)) : NULL;
	r->buf = malloc((size_t)(nk > 0 ? nk : 1) * (MATCH_FETCH_MAX + 1) * MATCH_ID_LEN);
	bool read_db = !batch || !match_batch_store_empty(batch);
	int rc = r->idv && r->buf && (r->ord || !batch) ? DB_OK : DB_E_NOMEM;
	for (int k = 0; k < nk && rc == DB_OK; k++) {
		size_t cap = link_key_cap(keys[k]);
		size_t fetch = cap < MATCH_FETCH_MAX ? cap : MATCH_FETCH_MAX;
		char *mine = r->buf + (size_t)k * (MATCH_FETCH_MAX + 1) * MATCH_ID_LEN;
		const char **ids = r->idv + (size_t)k * per;
		size_t n = 0;
		if (read_db)
			rc = store_child_key_holders_into(db, keys[k], fetch + 1, mine,
			                                  MATCH_ID_LEN, &n);
		for (size_t i = 0; i < n; i++)
			ids[i] = mine + i * MATCH_ID_LEN;
		size_t stored = n;
		if (batch && n <= fetch)
			n += match_batch_holders(batch, keys[k], ids + n, fetch + 1 - n);
		/* the batch's children, whose ids are new on every run, tie by their row */
		uint32_t *ord = batch ? r->ord + (size_t)k * per : NULL;
		for (size_t i = 0; ord && n <= fetch && i < n; i++)
			ord[i] = i < stored ? 0 : match_batch_order(batch, ids[i]);
		if (n > fetch) /* common: it brings nobody in */
			post[k] = (struct link_posting){keys[k], ids, 0, cap + 1, ord};
		else
			post[k] = (struct link_posting){keys[k], ids, n, n, ord};
	}
	/* With a batch, each child's id is made one pointer (those of the batch are; the
	 * database's are copied once a key), so that ranking need not read them. */
	if (rc == DB_OK && batch && read_db && intern_ids(post, nk, r->buf) != 0)
		rc = DB_E_NOMEM;
	if (rc == DB_OK) {
		size_t want = scored < MATCH_SCORED ? scored : MATCH_SCORED;
		r->n = batch ? link_rank_candidates_interned(post, (size_t)nk, r->cand, want, NULL)
		             : link_rank_candidates(post, (size_t)nk, r->cand, want, NULL);
		if (r->n < 0) {
			r->n = 0;
			rc = DB_E_NOMEM;
		}
	}
	return rc;
}

/* Candidate id prepared into *p: from the batch when it is one of its children, else
 * from the database unless it was merged into another child. DB_ROW, DB_DONE (not a
 * candidate) or an error. */
static int candidate(struct db *db, struct match_batch *batch, const char *id,
                     struct link_person *p)
{
	if (batch && match_batch_person(batch, id, p))
		return DB_ROW;
	struct child_match_core core;
	int rc = store_child_match_core(db, id, &core);
	bool merged = false; /* a child merged into another is not a candidate */
	if (rc == DB_ROW)
		rc = merges_is_merged(db, id, &merged) == DB_OK ? (merged ? DB_DONE : DB_ROW)
		                                                : DB_E_ERROR;
	if (rc == DB_ROW)
		prepare_core(&core, p);
	return rc;
}

int child_match_in(struct db *db, const struct actor *who, const struct child_input *probe,
                   size_t limit, int64_t n_children, size_t scored, struct match_batch *batch,
                   json_t **out, struct app_err *err)
{
	UNUSED(who);
	*out = NULL;
	struct link_person pp;
	match_prepare_input(probe, &pp);
	if (batch)
		match_batch_note_probe(batch, probe, &pp);
	char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
	int nk = link_blocking_keys(&pp, keys, MATCH_MAX_KEYS);
	if (nk < 0)
		nk = 0;
	const struct link_model *model = batch ? match_batch_model(batch) : NULL;
	if (!model) {
		int arc = match_model_current(db, &model, NULL, err);
		if (arc != APP_OK)
			return arc;
		/* kept for the batch's later rows; without memory for it, each looks it up */
		if (batch)
			(void)match_batch_set_model(batch, model);
	}
	struct ranked rk;
	int rc = ranked_candidates(db, batch, keys, nk, scored, &rk);
	/* The prior depends on how many children could be the probe (link/model.h). */
	if (rc == DB_OK && n_children < 0)
		rc = store_children_count(db, &n_children);
	size_t store = n_children > 0 ? (size_t)n_children : 0;
	/* score every candidate on what the matcher reads, then weigh them together: the
	 * probe is at most one of them (link_weights_compete) */
	struct scored_cand {
		const char *id;
		struct link_person p;
		struct link_gamma g;
		double alone;
	} *sc = rc == DB_OK ? malloc(((size_t)rk.n + 1) * sizeof(*sc)) : NULL;
	double w[MATCH_SCORED];
	bool capped[MATCH_SCORED];
	size_t n = 0;
	if (rc == DB_OK && !sc)
		rc = DB_E_NOMEM;
	for (long i = 0; rc == DB_OK && i < rk.n; i++) {
		rc = candidate(db, batch, rk.cand[i].id, &sc[n].p);
		if (rc == DB_DONE) {
			rc = DB_OK;
			continue;
		}
		if (rc != DB_ROW)
			break;
		rc = DB_OK;
		sc[n].id = rk.cand[i].id;
		link_compare(&pp, &sc[n].p, &sc[n].g);
		sc[n].alone = w[n] = link_gamma_weight(model, store, &sc[n].g, NULL);
		capped[n] = link_gamma_capped(&sc[n].g);
		n++;
	}
	json_t *found = json_array();
	if (rc == DB_OK)
		link_weights_compete(w, capped, n);
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		if (link_band(model, &sc[i].g, sc[i].alone, w[i]) == LINK_NONE)
			continue;
		/* the shown details only for a match */
		struct link_result res;
		link_score_among(model, store, &pp, &sc[i].p, sc[i].alone, w[i], &res);
		json_t *c = store_child_match_data(db, sc[i].id, &rc);
		if (!c)
			break;
		rc = DB_OK;
		json_t *reasons = json_array();
		for (int r = 0; r < res.n_reasons; r++)
			json_array_append_new(reasons, json_string(res.reasons[r]));
		json_object_set_new(c, "strength", json_string(link_strength_name(res.strength)));
		json_object_set_new(c, "weight", json_real(res.weight));
		json_object_set_new(c, "reasons", reasons);
		json_array_append_new(found, c);
	}
	free(sc);
	ranked_free(&rk);
	if (rc != DB_OK) {
		json_decref(found);
		return app_db_fail(err, db, rc);
	}
	n = json_array_size(found);
	struct found_item *items = malloc((n ? n : 1) * sizeof(*items));
	if (!items) {
		json_decref(found);
		return app_fail(err, APP_FAILED, NULL, "Out of memory.");
	}
	for (size_t i = 0; i < n; i++) {
		json_t *c = json_array_get(found, i);
		items[i] = (struct found_item){c, json_real_value(json_object_get(c, "weight")), i};
	}
	qsort(items, n, sizeof(*items), by_weight);
	json_t *result = json_array();
	for (size_t i = 0; i < n && i < limit; i++) {
		json_t *c = items[i].c;
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
	return child_match_in(db, who, probe, limit, -1, MATCH_SCORED, NULL, out, err);
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
