/*
 * match_model.c: training, storing and showing the matching model (see match_model.h).
 * Training reads the children a page at a time (the export's rows: names, other names,
 * date of birth, gender, NHS number, first postcode), prepares each once and hands them
 * to link_model_train() with the model in use as its start; the date of training is the
 * use case's clock, so the same caseload on the same day gives the same model.
 */
#include "app/match_model.h"

#include "app/gate.h"
#include "app/matching.h"
#include "app/uc.h"
#include "link/em.h"
#include "store/access.h"
#include "store/demo.h"
#include "store/imports.h"

static const char *const FIELD_TEXT[LINK_NCMP] = {
        "Given names",   "Family name", "Middle names",      "Other names",
        "Date of birth", "Gender",      "Address",           "School",
        "Phone",         "NHS number",  "Placing authority", "Other reference number"};

static bool may_train(const struct actor *who)
{
	return who->system || actor_has(who, ROLE_BIT(ROLE_ADMINISTRATOR));
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

/* A child of the export's rows as a prepared person. */
static void prepare_row(json_t *c, struct link_person *p)
{
	struct link_person_in in;
	memset(&in, 0, sizeof in);
	in.given = json_string_value(json_object_get(c, "given_names"));
	in.family = json_string_value(json_object_get(c, "family_name"));
	char others[LINK_MAX_ALIASES][LINK_TEXT_LEN];
	const char *s = json_string_value(json_object_get(c, "other_names"));
	while (s && *s && in.n_aliases < LINK_MAX_ALIASES) {
		const char *e = strstr(s, "; ");
		size_t n = e ? (size_t)(e - s) : strlen(s);
		snprintf(others[in.n_aliases], LINK_TEXT_LEN, "%.*s", (int)n, s);
		in.aliases[in.n_aliases] = others[in.n_aliases];
		in.n_aliases++;
		s = e ? e + 2 : s + n;
	}
	const char *dob = json_string_value(json_object_get(c, "date_of_birth"));
	if (dob && strlen(dob) == 10 &&
	    sscanf(dob, "%d-%d-%d", &in.dob.y, &in.dob.m, &in.dob.d) != 3)
		memset(&in.dob, 0, sizeof in.dob);
	in.gender = gender_of(json_string_value(json_object_get(c, "gender")));
	in.postcode = json_string_value(json_object_get(c, "postcode"));
	in.nhs = json_string_value(json_object_get(c, "nhs_number"));
	link_person_prepare(&in, p);
}

#define TRAIN_LABELS_MAX 5000

/* A person's answers to held rows as labelled pairs: "same child" the row and the child
 * it was (and not the other children it was held for), "new child" the row and each
 * child it was held for; the pairs of one row are one group (link/em.h). Fills pairs
 * (and the people they point at, 2 per pair); returns how many, or -1 with *rc on an
 * error. */
static long answers(struct db *db, struct link_person *people, struct link_labelled_pair *pairs,
                    size_t max, int *rc)
{
	json_t *rows = store_import_resolved(db, (int)max, rc);
	if (!rows)
		return -1;
	size_t n = 0, i, j;
	json_t *r, *c;
	json_array_foreach(rows, i, r)
	{
		json_t *row =
		        json_loads(json_string_value(json_object_get(r, "row_data")), 0, NULL);
		json_t *cands =
		        json_loads(json_string_value(json_object_get(r, "candidates")), 0, NULL);
		bool same = strcmp(json_string_value(json_object_get(r, "status")), "same") == 0;
		json_array_foreach(cands, j, c)
		{
			const char *id = json_string_value(json_object_get(c, "id"));
			const char *was = json_string_value(json_object_get(r, "child_id"));
			if (!row || !id || n >= max || (same && !was))
				continue;
			match_prepare_object(row, &people[2 * n]);
			int prc = match_prepare_child(db, id, &people[2 * n + 1]);
			if (prc == DB_DONE)
				continue;
			if (prc != DB_ROW) {
				*rc = prc;
				json_decref(row);
				json_decref(cands);
				json_decref(rows);
				return -1;
			}
			pairs[n] = (struct link_labelled_pair){&people[2 * n], &people[2 * n + 1],
			                                       same && strcmp(id, was) == 0, i + 1};
			n++;
		}
		json_decref(row);
		json_decref(cands);
	}
	json_decref(rows);
	*rc = DB_OK;
	return (long)n;
}

int app_match_train(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!may_train(who))
		return app_fail(err, APP_FORBIDDEN, NULL, "Your role cannot train the matcher.");
	struct link_person *recs = NULL;
	size_t n = 0, cap = 0;
	struct link_model *m = calloc(1, sizeof *m);
	if (!m)
		return app_fail(err, APP_FAILED, NULL, "Out of memory.");
	struct store_viewer v;
	store_viewer_init(&v, true, NULL, NULL, u.now);
	char after[ID_MAX] = "";
	const struct link_model *base = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = match_model_current(db, &base, NULL, err);
	while (rc == APP_OK && n < MATCH_TRAIN_MAX) {
		int src;
		json_t *page = store_children_export(db, &v, after, 1000, &src);
		if (!page) {
			rc = uc_db(&u, src);
			break;
		}
		size_t k = json_array_size(page), i;
		if (n + k > cap) {
			size_t nc = cap ? cap * 2 : 4096;
			while (nc < n + k)
				nc *= 2;
			struct link_person *t = realloc(recs, nc * sizeof *t);
			if (!t) {
				json_decref(page);
				rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
				break;
			}
			recs = t;
			cap = nc;
		}
		json_t *c;
		json_array_foreach(page, i, c)
		{
			if (n < MATCH_TRAIN_MAX)
				prepare_row(c, &recs[n++]);
		}
		if (k)
			snprintf(after, sizeof after, "%s",
			         json_string_value(
			                 json_object_get(json_array_get(page, k - 1), "id")));
		json_decref(page);
		if (k < 1000)
			break;
	}
	char day[LT_DATE_LEN];
	ltime_format_date(ltime_date_of(u.now), day);
	struct link_train_report rep;
	memset(&rep, 0, sizeof rep);
	/* R-REC-1: the answers people gave to held rows refine m and choose the bands */
	struct link_person *people = calloc(2 * TRAIN_LABELS_MAX, sizeof *people);
	struct link_labelled_pair *pairs = calloc(TRAIN_LABELS_MAX, sizeof *pairs);
	long n_labels = 0;
	if (rc == APP_OK && (!people || !pairs))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	if (rc == APP_OK) {
		int src;
		n_labels = answers(db, people, pairs, TRAIN_LABELS_MAX, &src);
		if (n_labels < 0)
			rc = uc_db(&u, src);
	}
	if (rc == APP_OK) {
		struct link_train_opts o;
		link_train_opts_default(&o);
		o.seed = 20261201;
		o.trained_on = day;
		o.base = base;
		if (link_model_train(recs, n, pairs, (size_t)n_labels, &o, m, &rep) < 0)
			rc = app_fail(
			        err, APP_INVALID, NULL,
			        "There is too little to learn from (%zu children; at least 100 "
			        "with records of the same children among them): the model in "
			        "use stays.",
			        n);
	}
	free(recs);
	free(people);
	free(pairs);
	char mid[ID_MAX];
	id_new("mm", mid);
	if (rc == APP_OK) {
		char *json = link_model_to_json(m);
		rc = json ? uc_db(&u,
		                  store_match_model_insert(db, mid, ltime_date_of(u.now),
		                                           (int64_t)n, json, uc_user_id(&u), u.now))
		          : app_fail(err, APP_FAILED, NULL, "Out of memory.");
		free(json);
	}
	if (rc == APP_OK) {
		char fields[120];
		snprintf(fields, sizeof fields, "records=%zu,trained_on=%s", n, day);
		rc = uc_db(&u, uc_audit(&u, "train", "match_model", mid, NULL, fields));
	}
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:I, s:f, s:f, s:I, s:f, s:I, s:I, s:b}", "id", mid,
		                 "trained_on", day, "records", (json_int_t)n, "likely_bits",
		                 m->likely, "possible_bits", m->possible, "em_pairs",
		                 (json_int_t)m->em_pairs, "lambda", rep.lambda, "labelled_same",
		                 (json_int_t)m->labelled_same, "labelled_different",
		                 (json_int_t)m->labelled_different, "bands_from_answers",
		                 rep.bands_from_labels);
	free(m);
	return uc_end(&u, rc, out);
}

/* What a level's weight means, in words. */
static const char *meaning_of(double w)
{
	if (w >= 8)
		return "strong evidence of the same child";
	if (w >= 3)
		return "evidence of the same child";
	if (w > 0.5)
		return "weak evidence of the same child";
	if (w >= -0.5)
		return "tells little either way";
	if (w > -3)
		return "weak evidence of different children";
	if (w > -8)
		return "evidence of different children";
	return "strong evidence of different children";
}

int app_match_model(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!may_train(who) && !actor_has(who, ROLE_BIT(ROLE_CSC_MANAGER)))
		return app_fail(err, APP_FORBIDDEN, NULL,
		                "Your role cannot see the matcher's model.");
	const struct link_model *m = NULL;
	char mid[ID_MAX] = "";
	int64_t n_children = 0;
	json_t *row = NULL;
	int rc = uc_begin(&u), src;
	if (rc == APP_OK)
		rc = match_model_current(db, &m, mid, err);
	if (rc == APP_OK)
		rc = uc_db(&u, store_children_count(db, &n_children));
	if (rc == APP_OK && mid[0] && !(row = store_match_model_get(db, mid, &src)))
		rc = uc_db(&u, src);
	if (rc != APP_OK)
		return uc_end(&u, rc, NULL);
	json_t *fields = json_array();
	for (int c = 0; c < LINK_NCMP; c++) {
		json_t *levels = json_array();
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++) {
			double w = link_level_weight(m, (enum link_cmp)c, l);
			json_array_append_new(
			        levels, json_pack("{s:s, s:s, s:f, s:f, s:f, s:s}", "level",
			                          link_level_text((enum link_cmp)c, l), "name",
			                          link_level_name((enum link_cmp)c, l),
			                          "weight_bits", w, "m", m->m[c][l], "u",
			                          m->u[c][l], "meaning", meaning_of(w)));
		}
		json_array_append_new(fields,
		                      json_pack("{s:s, s:s, s:o}", "field", FIELD_TEXT[c], "name",
		                                link_cmp_name((enum link_cmp)c), "levels", levels));
	}
	size_t store = n_children > 0 ? (size_t)n_children : 0;
	double prior = link_prior_weight(m, store);
	char likely[200], possible[200], summary[200];
	snprintf(likely, sizeof likely,
	         "a child whose weight reaches %.1f bits, once the other children found are "
	         "taken into account, is shown as likely the same child: at least 99.5%% are",
	         m->likely);
	snprintf(possible, sizeof possible,
	         "a child whose own weight reaches %.1f bits (and is not likely) is shown as "
	         "possibly the same child, for a person to look at",
	         m->possible);
	if (row)
		snprintf(summary, sizeof summary, "Trained on %s from %lld children.",
		         json_string_value(json_object_get(row, "trained_on")),
		         (long long)json_integer_value(json_object_get(row, "records")));
	else
		snprintf(summary, sizeof summary,
		         "The built-in model, trained on synthetic children; run `lantern match "
		         "train` to learn from this caseload.");
	json_t *bands = json_pack("[{s:s, s:f, s:f, s:s}, {s:s, s:f, s:f, s:s}]", "band",
	                          "likely the same child", "bits", m->likely, "probability",
	                          link_probability(m->likely), "meaning", likely, "band",
	                          "possibly the same child", "bits", m->possible, "probability",
	                          link_probability(m->possible), "meaning", possible);
	*out = json_pack("{s:s?, s:s, s:s?, s:I, s:s, s:f, s:I, s:o, s:o}", "id",
	                 mid[0] ? mid : NULL, "source", row ? "trained" : "built-in", "trained_on",
	                 row ? json_string_value(json_object_get(row, "trained_on")) : NULL,
	                 "records",
	                 (json_int_t)(row ? json_integer_value(json_object_get(row, "records"))
	                                  : (json_int_t)m->records),
	                 "summary", summary, "prior_bits", prior, "children",
	                 (json_int_t)n_children, "fields", fields, "bands", bands);
	json_decref(row);
	rc = *out ? uc_db(&u,
	                  uc_audit(&u, "view", "match_model", mid[0] ? mid : NULL, NULL, "weights"))
	          : app_fail(err, APP_FAILED, NULL, "Out of memory.");
	return uc_end(&u, rc, out);
}
