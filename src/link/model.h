/*
 * model.h: the Fellegi-Sunter model behind R-REC-1 (one record per child): for each
 * compared field a set of agreement levels, each with m (how often two records of the
 * same child fall in that level) and u (how often two records of different children
 * do), a prior, term frequencies for names and the two bands shown to professionals.
 *
 * A level's match weight is log2(m / u) bits; a missing field is the level "null" and
 * weighs 0. The total weight of a pair is the prior's log-odds plus the sum of its
 * levels' weights, and its probability of being the same child is 1 / (1 + 2^-W). An
 * exact agreement on a given or family name is weighed by how common that name is
 * (term-frequency adjustment): log2(m / f), where f is the share of records carrying
 * the name, so agreeing on a rare name counts for more than agreeing on Smith or Khan.
 * When both agree, the full name's own frequency is used if it is known and higher
 * than the two apart suggest (names common together in one community). A looser
 * agreement (sound, spelling, short form) on a name commoner than average is marked
 * down by log2(u_exact / f) too.
 *
 * The prior depends on the size of the store searched: a record about to be added is
 * about an already-known child with probability `match_rate`, and then about one given
 * stored child with probability match_rate / store size. Callers pass the store size.
 *
 * A model is plain data, trained by link/em.h, stored as JSON (link_model_to_json,
 * link_model_from_json) with the training date the caller gives (nothing here reads a
 * clock), and shown to administrators. link_model_default() is the model trained on the
 * synthetic generator in bench/link, so matching works before any training.
 */
#ifndef LANTERN_LINK_MODEL_H
#define LANTERN_LINK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The compared fields. */
enum link_cmp {
	LINK_C_GIVEN,     /* given names (all of them, and other names) */
	LINK_C_FAMILY,    /* family names */
	LINK_C_MIDDLE,    /* middle names (given names after the first) against each other */
	LINK_C_OTHER,     /* other names / aliases against each other */
	LINK_C_DOB,       /* date of birth */
	LINK_C_GENDER,    /* gender */
	LINK_C_ADDRESS,   /* postcode and address, over all known addresses */
	LINK_C_SCHOOL,    /* school */
	LINK_C_PHONE,     /* phone number */
	LINK_C_NHS,       /* NHS number */
	LINK_C_AUTHORITY, /* looked-after child: the placing authority */
	LINK_C_REF,       /* another reference number (e.g. a unique pupil number) */
	LINK_NCMP
};

#define LINK_MAX_LEVELS 12 /* null included; a level fits in 4 bits (em.c) */
#define LINK_NULL 0        /* level 0 of every field: missing on one side, weight 0 */

/* Levels of each field, best agreement first after null.
 * Given names: the first given names agree (exact, short form, spelling variant, sound,
 * spelling), else a given name agrees only with a middle name or an other name
 * (MIDDLE), else only an initial, else they differ. */
enum {
	LINK_GIVEN_EXACT = 1,
	LINK_GIVEN_SHORT,
	LINK_GIVEN_VARIANT,
	LINK_GIVEN_SOUNDS,
	LINK_GIVEN_CLOSE,
	LINK_GIVEN_MIDDLE,
	LINK_GIVEN_INITIAL,
	LINK_GIVEN_DIFFERENT,
	LINK_GIVEN_NLEV
};
enum {
	LINK_FAMILY_EXACT = 1,
	LINK_FAMILY_SWAPPED,
	LINK_FAMILY_SOUNDS,
	LINK_FAMILY_CLOSE,
	LINK_FAMILY_DIFFERENT,
	LINK_FAMILY_NLEV
};
/* Middle names: the given names after the first on both records (main name only). */
enum {
	LINK_MIDDLE_EXACT = 1,
	LINK_MIDDLE_SIMILAR, /* a short form, another spelling, sounds or spelt alike */
	LINK_MIDDLE_INITIAL, /* only an initial agrees */
	LINK_MIDDLE_DIFFERENT,
	LINK_MIDDLE_NLEV
};
/* Dates of birth, when one part differs: YEAR_ONE the year by one; SLIP the month or
 * the day by a keystroke (by one, or two digits swapped); YEAR_DIGIT the year by one
 * digit or two swapped digits (2011 / 2017); ONE_OFF one part otherwise. SWAP_SLIP:
 * day and month swapped, and one part off by a slip too. PARTIAL: one side has only
 * the year (or year and month) and it agrees; PARTIAL_NEAR: one side has only the
 * year, and it differs by one. */
enum {
	LINK_DOB_EXACT = 1,
	LINK_DOB_SWAPPED,
	LINK_DOB_YEAR_ONE,
	LINK_DOB_SLIP,
	LINK_DOB_YEAR_DIGIT,
	LINK_DOB_ONE_OFF,
	LINK_DOB_PARTIAL,
	LINK_DOB_SWAP_SLIP,
	LINK_DOB_PARTIAL_NEAR,
	LINK_DOB_DIFFERENT,
	LINK_DOB_NLEV
};
enum {
	LINK_ADDR_SAME = 1,
	LINK_ADDR_POSTCODE,
	LINK_ADDR_LINE,
	LINK_ADDR_DISTRICT,
	LINK_ADDR_DIFFERENT,
	LINK_ADDR_NLEV
};
enum { LINK_REF_SAME = 1, LINK_REF_ONE_OFF, LINK_REF_DIFFERENT, LINK_REF_NLEV };
/* Two-level fields (other names, gender, school, phone, NHS, authority). */
enum { LINK_SAME = 1, LINK_DIFFERENT, LINK_BIN_NLEV };

/* Number of levels (null included) of field c. */
int link_cmp_levels(enum link_cmp c);
/* Stable names used in the JSON form: "given_name", ... and "exact", ... */
const char *link_cmp_name(enum link_cmp c);
const char *link_level_name(enum link_cmp c, int level);
/* A professional's description of a level, e.g. "day and month swapped". */
const char *link_level_text(enum link_cmp c, int level);

/* Term frequencies of the commonest name tokens of one field. */
#define LINK_TF_MAX 4096   /* tokens kept per field */
#define LINK_TF_SLOTS 8192 /* hash slots, a power of two above LINK_TF_MAX */
#define LINK_TF_TOK_LEN 24 /* as LINK_PTOK_LEN */
#define LINK_TF_FLOOR 1e-6 /* no frequency is taken below this */
struct link_tf {
	int n;
	char tok[LINK_TF_MAX][LINK_TF_TOK_LEN];
	double freq[LINK_TF_MAX];    /* share of records with this token */
	double dflt;                 /* frequency of a token not in the table */
	int16_t slot[LINK_TF_SLOTS]; /* index + 1 into tok, 0 empty */
};

#define LINK_DATE_LEN 32
struct link_model {
	double m[LINK_NCMP][LINK_MAX_LEVELS];
	double u[LINK_NCMP][LINK_MAX_LEVELS];
	double match_rate; /* P(a new record is about a child already stored) */
	size_t records;    /* records in the training set (default store size) */
	double likely;     /* bands: thresholds on the total weight (log2 odds) */
	double possible;
	struct link_tf tf_given, tf_family;
	struct link_tf tf_full;         /* "given|family" of the first names, when common */
	char trained_on[LINK_DATE_LEN]; /* as given by the caller, e.g. "2026-12-01" */
	/* How it was trained, for administrators. */
	size_t u_pairs, em_pairs, labelled_same, labelled_different;
	int em_iterations;
	/* Derived by link_model_finish(): level weights and log2 m of exact names. */
	double w[LINK_NCMP][LINK_MAX_LEVELS];
	double log2_m_given_exact, log2_m_family_exact;
};

/* Fills the derived parts (weights, frequency hash slots) after m, u or the term
 * frequencies change. Clamps m and u into [1e-9, 1]. */
void link_model_finish(struct link_model *m);

/* The frequency of token (normalised, as in link_ptok.s) in a table: its share of
 * records, or the table's default when absent; never below LINK_TF_FLOOR. */
double link_tf_freq(const struct link_tf *t, const char *token);
/* The key of a full name in tf_full: "given|family" (first tokens); -1 if too long. */
int link_full_name_key(const char *given, const char *family, char out[LINK_TF_TOK_LEN]);

/* Adds or replaces a token's frequency (n < LINK_TF_MAX); -1 when full or too long.
 * Call link_model_finish() afterwards. */
int link_tf_set(struct link_tf *t, const char *token, double freq);

/* Weight in bits of a level (0 for null). */
double link_level_weight(const struct link_model *m, enum link_cmp c, int level);

/* The prior log-odds (bits) that a probe is one given record of a store of
 * `store_size` records (0 = the training set's size). */
double link_prior_weight(const struct link_model *m, size_t store_size);

/* Probability from a total weight. */
double link_probability(double weight);

/* The built-in model (trained on the synthetic generator), parsed once; never NULL. */
const struct link_model *link_model_default(void);
/* Its JSON text (src/link/model_default.c). */
extern const char link_model_default_json[];

/* Serialises to a JSON text (malloc'd, caller frees), with weights and probabilities
 * so that administrators can read it. NULL on allocation failure. */
char *link_model_to_json(const struct link_model *m);

#define LINK_MODEL_JSON_MAX (4u << 20) /* bytes */
/* Parses a JSON text written by link_model_to_json (len bytes, need not be
 * NUL-terminated). Refuses anything malformed: unknown or missing fields or levels,
 * m or u outside (0, 1], a token too long, more than LINK_TF_MAX tokens, a text over
 * LINK_MODEL_JSON_MAX. Returns 0, or -1 with a message in err (errsz bytes). */
int link_model_from_json(const char *text, size_t len, struct link_model *out, char *err,
                         size_t errsz);

#endif
