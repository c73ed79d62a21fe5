/*
 * model.c: the Fellegi-Sunter model's data (link/model.h): the fields and their
 * levels with their names and wording, derived weights, name frequencies, the prior,
 * and the JSON form in which a trained model is stored and shown to administrators.
 */
#include "link/model.h"

#include <assert.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>

struct level_def {
	const char *name, *text;
};
struct cmp_def {
	const char *name;
	int n; /* levels, null included */
	struct level_def lv[LINK_MAX_LEVELS];
};

/* Texts are what a professional reads; NULL where match.c words it with the values. */
static const struct cmp_def defs[LINK_NCMP] = {
        [LINK_C_GIVEN] = {"given_name",
                          LINK_GIVEN_NLEV,
                          {{"null", NULL},
                           {"exact", "same given name"},
                           {"short_form", "a usual short form of the given name"},
                           {"spelling_variant", "another spelling of the given name"},
                           {"sounds_alike", "given name sounds the same"},
                           {"close_spelling", "given name spelt almost the same"},
                           {"middle_or_other_name",
                            "a given name agrees only with a middle or other name"},
                           {"initial", "only the initial of the given name agrees"},
                           {"different", "different given names"}}},
        [LINK_C_FAMILY] = {"family_name",
                           LINK_FAMILY_NLEV,
                           {{"null", NULL},
                            {"exact", "same family name"},
                            {"swapped", "given and family names recorded the other way round"},
                            {"sounds_alike", "family name sounds the same"},
                            {"close_spelling", "family name spelt almost the same"},
                            {"different", "different family names"}}},
        [LINK_C_MIDDLE] = {"middle_name",
                           LINK_MIDDLE_NLEV,
                           {{"null", NULL},
                            {"exact", "same middle name"},
                            {"similar", "middle names alike (a short form, spelling or sound)"},
                            {"initial", "only the initial of a middle name agrees"},
                            {"different", "different middle names"}}},
        [LINK_C_OTHER] = {"other_names",
                          LINK_BIN_NLEV,
                          {{"null", NULL},
                           {"agree", "an other name (alias) agrees"},
                           {"different", "other names (aliases) differ"}}},
        [LINK_C_DOB] = {"date_of_birth",
                        LINK_DOB_NLEV,
                        {{"null", NULL},
                         {"exact", "same date of birth"},
                         {"day_month_swapped", "day and month swapped in the date of birth"},
                         {"year_off_by_one", "year of birth differs by one"},
                         {"one_part_slip", "month or day of birth differs by a slip"},
                         {"year_digit", "year of birth differs in one digit"},
                         {"one_part_off", "date of birth differs in one part only"},
                         {"partial_agrees", "only the year of birth is known on one record, "
                                            "and it agrees"},
                         {"swapped_and_slip",
                          "day and month swapped, and one part differs by a slip"},
                         {"partial_near", "only the year of birth is known on one record, "
                                          "and it differs by one"},
                         {"different", "different dates of birth"}}},
        [LINK_C_GENDER] = {"gender",
                           LINK_BIN_NLEV,
                           {{"null", NULL},
                            {"same", "same gender"},
                            {"different", "different gender"}}},
        [LINK_C_ADDRESS] = {"address",
                            LINK_ADDR_NLEV,
                            {{"null", NULL},
                             {"same_address", "same address"},
                             {"same_postcode", "same postcode"},
                             {"same_line", "same address, but the postcode differs or is "
                                           "missing"},
                             {"same_district", "same postcode district"},
                             {"different", "different addresses"}}},
        [LINK_C_SCHOOL] = {"school",
                           LINK_BIN_NLEV,
                           {{"null", NULL},
                            {"same", "same school"},
                            {"different", "different schools"}}},
        [LINK_C_PHONE] = {"phone",
                          LINK_BIN_NLEV,
                          {{"null", NULL},
                           {"same", "same phone number"},
                           {"different", "different phone numbers"}}},
        [LINK_C_NHS] = {"nhs_number",
                        LINK_BIN_NLEV,
                        {{"null", NULL},
                         {"same", "same NHS number"},
                         {"different", "different NHS numbers"}}},
        [LINK_C_AUTHORITY] = {"placing_authority",
                              LINK_BIN_NLEV,
                              {{"null", NULL},
                               {"same", "same placing authority"},
                               {"different", "different placing authorities"}}},
        [LINK_C_REF] = {"reference",
                        LINK_REF_NLEV,
                        {{"null", NULL},
                         {"same", "same reference number"},
                         {"one_off", "reference number differs by one character"},
                         {"different", "different reference numbers"}}},
};

int link_cmp_levels(enum link_cmp c)
{
	return (unsigned)c < LINK_NCMP ? defs[c].n : 0;
}

const char *link_cmp_name(enum link_cmp c)
{
	return (unsigned)c < LINK_NCMP ? defs[c].name : NULL;
}

const char *link_level_name(enum link_cmp c, int level)
{
	if ((unsigned)c >= LINK_NCMP || level < 0 || level >= defs[c].n)
		return NULL;
	return defs[c].lv[level].name;
}

const char *link_level_text(enum link_cmp c, int level)
{
	if ((unsigned)c >= LINK_NCMP || level < 0 || level >= defs[c].n)
		return NULL;
	return defs[c].lv[level].text;
}

/* ---- term frequencies ----------------------------------------------------- */

static uint32_t tf_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void tf_rehash(struct link_tf *t)
{
	memset(t->slot, 0, sizeof(t->slot));
	for (int i = 0; i < t->n; i++) {
		uint32_t h = tf_hash(t->tok[i]) & (LINK_TF_SLOTS - 1);
		while (t->slot[h])
			h = (h + 1) & (LINK_TF_SLOTS - 1);
		t->slot[h] = (int16_t)(i + 1);
	}
}

static int tf_find(const struct link_tf *t, const char *token)
{
	uint32_t h = tf_hash(token) & (LINK_TF_SLOTS - 1);
	while (t->slot[h]) {
		int i = t->slot[h] - 1;
		if (strcmp(t->tok[i], token) == 0)
			return i;
		h = (h + 1) & (LINK_TF_SLOTS - 1);
	}
	return -1;
}

double link_tf_freq(const struct link_tf *t, const char *token)
{
	int i = token ? tf_find(t, token) : -1;
	double f = i >= 0 ? t->freq[i] : t->dflt;
	return f < LINK_TF_FLOOR ? LINK_TF_FLOOR : f;
}

int link_tf_set(struct link_tf *t, const char *token, double freq)
{
	if (!token || strlen(token) >= LINK_TF_TOK_LEN || !(freq >= 0.0 && freq <= 1.0))
		return -1;
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->tok[i], token) == 0) {
			t->freq[i] = freq;
			return 0;
		}
	if (t->n >= LINK_TF_MAX)
		return -1;
	snprintf(t->tok[t->n], LINK_TF_TOK_LEN, "%s", token);
	t->freq[t->n++] = freq;
	return 0;
}

int link_full_name_key(const char *given, const char *family, char out[LINK_TF_TOK_LEN])
{
	int n = snprintf(out, LINK_TF_TOK_LEN, "%s|%s", given, family);
	if (n < 0 || n >= LINK_TF_TOK_LEN) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* ---- weights ------------------------------------------------------------- */

static double clamp01(double p)
{
	if (!(p >= 1e-9))
		return 1e-9;
	return p > 1.0 ? 1.0 : p;
}

void link_model_finish(struct link_model *m)
{
	for (int c = 0; c < LINK_NCMP; c++) {
		m->w[c][0] = 0.0;
		for (int l = 1; l < LINK_MAX_LEVELS; l++) {
			if (l >= defs[c].n) {
				m->m[c][l] = m->u[c][l] = m->w[c][l] = 0.0;
				continue;
			}
			m->m[c][l] = clamp01(m->m[c][l]);
			m->u[c][l] = clamp01(m->u[c][l]);
			m->w[c][l] = log2(m->m[c][l] / m->u[c][l]);
		}
	}
	m->log2_m_given_exact = log2(m->m[LINK_C_GIVEN][LINK_GIVEN_EXACT]);
	m->log2_m_family_exact = log2(m->m[LINK_C_FAMILY][LINK_FAMILY_EXACT]);
	tf_rehash(&m->tf_given);
	tf_rehash(&m->tf_family);
	tf_rehash(&m->tf_full);
}

double link_level_weight(const struct link_model *m, enum link_cmp c, int level)
{
	if ((unsigned)c >= LINK_NCMP || level <= 0 || level >= defs[c].n)
		return 0.0;
	return m->w[c][level];
}

double link_prior_weight(const struct link_model *m, size_t store_size)
{
	double n = (double)(store_size ? store_size : (m->records ? m->records : 1));
	double lambda = m->match_rate / n;
	if (!(lambda > 1e-15))
		lambda = 1e-15;
	if (lambda > 0.5)
		lambda = 0.5;
	return log2(lambda / (1.0 - lambda));
}

double link_probability(double weight)
{
	if (weight > 200)
		return 1.0;
	if (weight < -200)
		return 0.0;
	return 1.0 / (1.0 + exp2(-weight));
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *tf_json(const struct link_tf *t)
{
	json_t *toks = json_object();
	for (int i = 0; i < t->n; i++)
		json_object_set_new(toks, t->tok[i], json_real(t->freq[i]));
	return json_pack("{s:f, s:o}", "default", t->dflt, "tokens", toks);
}

char *link_model_to_json(const struct link_model *m)
{
	json_t *cmps = json_array();
	for (int c = 0; c < LINK_NCMP; c++) {
		json_t *levels = json_array();
		for (int l = 1; l < defs[c].n; l++)
			json_array_append_new(levels,
			                      json_pack("{s:s, s:s, s:f, s:f, s:f}", "name",
			                                defs[c].lv[l].name, "description",
			                                defs[c].lv[l].text, "m", m->m[c][l], "u",
			                                m->u[c][l], "weight", m->w[c][l]));
		json_array_append_new(
		        cmps, json_pack("{s:s, s:o}", "name", defs[c].name, "levels", levels));
	}
	json_t *root = json_pack(
	        "{s:s, s:s, s:I, s:f, s:{s:f, s:f, s:f, s:f}, s:o, s:{s:o, s:o, s:o},"
	        " s:{s:I, s:I, s:I, s:I, s:i}}",
	        "format", "lantern-match-model/2", "trained_on", m->trained_on, "records",
	        (json_int_t)m->records, "match_rate", m->match_rate, "bands", "likely_weight",
	        m->likely, "likely_probability", link_probability(m->likely), "possible_weight",
	        m->possible, "possible_probability", link_probability(m->possible), "comparisons",
	        cmps, "term_frequencies", "given_name", tf_json(&m->tf_given), "family_name",
	        tf_json(&m->tf_family), "full_name", tf_json(&m->tf_full), "training", "u_pairs",
	        (json_int_t)m->u_pairs, "em_pairs", (json_int_t)m->em_pairs, "labelled_same",
	        (json_int_t)m->labelled_same, "labelled_different",
	        (json_int_t)m->labelled_different, "em_iterations", m->em_iterations);
	if (!root)
		return NULL;
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
	json_decref(root);
	return s;
}

static int fail(char *err, size_t errsz, const char *msg, const char *detail)
{
	if (err && errsz)
		snprintf(err, errsz, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
	return -1;
}

/* A number in [lo, hi] from obj[key]; false if missing or out of range. */
static bool num(json_t *obj, const char *key, double lo, double hi, double *out)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		return false;
	double d = json_number_value(v);
	if (!(d >= lo && d <= hi))
		return false;
	*out = d;
	return true;
}

static int tf_from(json_t *o, struct link_tf *t, char *err, size_t errsz)
{
	if (!json_is_object(o) || json_object_size(o) != 2)
		return fail(err, errsz, "term frequencies must be {default, tokens}", NULL);
	if (!num(o, "default", 0.0, 1.0, &t->dflt))
		return fail(err, errsz, "bad term frequency default", NULL);
	json_t *toks = json_object_get(o, "tokens");
	if (!json_is_object(toks) || json_object_size(toks) > LINK_TF_MAX)
		return fail(err, errsz, "bad term frequency tokens", NULL);
	const char *k;
	json_t *v;
	json_object_foreach(toks, k, v)
	{
		if (!json_is_number(v) || k[0] == '\0' ||
		    link_tf_set(t, k, json_number_value(v)) != 0)
			return fail(err, errsz, "bad term frequency for a token", NULL);
	}
	return 0;
}

static int levels_from(json_t *cmp, int c, struct link_model *m, char *err, size_t errsz)
{
	json_t *levels = json_object_get(cmp, "levels");
	if (!json_is_array(levels) || json_array_size(levels) != (size_t)(defs[c].n - 1))
		return fail(err, errsz, "wrong number of levels for", defs[c].name);
	for (int l = 1; l < defs[c].n; l++) {
		json_t *lv = json_array_get(levels, (size_t)l - 1);
		const char *name = json_string_value(json_object_get(lv, "name"));
		if (!json_is_object(lv) || !name || strcmp(name, defs[c].lv[l].name) != 0)
			return fail(err, errsz, "unexpected level in", defs[c].name);
		if (!num(lv, "m", 1e-12, 1.0, &m->m[c][l]) ||
		    !num(lv, "u", 1e-12, 1.0, &m->u[c][l]))
			return fail(err, errsz, "m and u must be in (0, 1] in", defs[c].name);
	}
	return 0;
}

/* A count in [0, 2^53]. */
static bool count(json_t *obj, const char *key, size_t *out)
{
	double d;
	if (!num(obj, key, 0.0, 9007199254740992.0, &d) || d != floor(d))
		return false;
	*out = (size_t)d;
	return true;
}

static int parse_root(json_t *root, struct link_model *m, char *err, size_t errsz)
{
	const char *fmt = json_string_value(json_object_get(root, "format"));
	if (!fmt || strcmp(fmt, "lantern-match-model/2") != 0)
		return fail(err, errsz, "not a lantern-match-model/2 text", NULL);
	const char *on = json_string_value(json_object_get(root, "trained_on"));
	if (!on || strlen(on) >= sizeof(m->trained_on))
		return fail(err, errsz, "bad trained_on", NULL);
	snprintf(m->trained_on, sizeof(m->trained_on), "%s", on);
	if (!count(root, "records", &m->records) || m->records == 0)
		return fail(err, errsz, "bad records", NULL);
	if (!num(root, "match_rate", 1e-9, 1.0, &m->match_rate))
		return fail(err, errsz, "bad match_rate", NULL);
	json_t *bands = json_object_get(root, "bands");
	if (!num(bands, "likely_weight", -1000, 1000, &m->likely) ||
	    !num(bands, "possible_weight", -1000, 1000, &m->possible))
		return fail(err, errsz, "bad bands", NULL);
	json_t *cmps = json_object_get(root, "comparisons");
	if (!json_is_array(cmps) || json_array_size(cmps) != LINK_NCMP)
		return fail(err, errsz, "wrong number of comparisons", NULL);
	for (int c = 0; c < LINK_NCMP; c++) {
		json_t *cmp = json_array_get(cmps, (size_t)c);
		const char *name = json_string_value(json_object_get(cmp, "name"));
		if (!name || strcmp(name, defs[c].name) != 0)
			return fail(err, errsz, "unexpected comparison", name);
		if (levels_from(cmp, c, m, err, errsz) != 0)
			return -1;
	}
	json_t *tf = json_object_get(root, "term_frequencies");
	if (!json_is_object(tf) || json_object_size(tf) != 3 ||
	    tf_from(json_object_get(tf, "given_name"), &m->tf_given, err, errsz) != 0 ||
	    tf_from(json_object_get(tf, "family_name"), &m->tf_family, err, errsz) != 0 ||
	    tf_from(json_object_get(tf, "full_name"), &m->tf_full, err, errsz) != 0)
		return err && err[0] ? -1 : fail(err, errsz, "bad term_frequencies", NULL);
	json_t *tr = json_object_get(root, "training");
	size_t iters = 0;
	if (!count(tr, "u_pairs", &m->u_pairs) || !count(tr, "em_pairs", &m->em_pairs) ||
	    !count(tr, "labelled_same", &m->labelled_same) ||
	    !count(tr, "labelled_different", &m->labelled_different) ||
	    !count(tr, "em_iterations", &iters) || iters > 100000)
		return fail(err, errsz, "bad training figures", NULL);
	m->em_iterations = (int)iters;
	return 0;
}

int link_model_from_json(const char *text, size_t len, struct link_model *out, char *err,
                         size_t errsz)
{
	if (err && errsz)
		err[0] = '\0';
	if (!text || !out)
		return fail(err, errsz, "no model", NULL);
	if (len > LINK_MODEL_JSON_MAX)
		return fail(err, errsz, "model text too long", NULL);
	json_error_t je;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return fail(err, errsz, "model is not JSON", je.text);
	memset(out, 0, sizeof(*out));
	int rc = json_is_object(root) ? parse_root(root, out, err, errsz)
	                              : fail(err, errsz, "model must be an object", NULL);
	json_decref(root);
	if (rc == 0)
		link_model_finish(out);
	return rc;
}

/* ---- the built-in model -------------------------------------------------- */

static struct link_model default_model;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
	char err[160];
	int rc = link_model_from_json(link_model_default_json, strlen(link_model_default_json),
	                              &default_model, err, sizeof(err));
	/* The text is compiled in and checked by tests; failing here is a build defect. */
	assert(rc == 0);
	(void)rc;
}

const struct link_model *link_model_default(void)
{
	pthread_once(&default_once, load_default);
	return &default_model;
}
