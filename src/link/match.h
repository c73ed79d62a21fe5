/*
 * match.h: whether two person records are the same child, for R-REC-1 (one record per
 * child: a new concern about a child who already has a record must find that record
 * despite misspelt names, nicknames, aliases, transliterations, swapped day and month
 * and partial records). Children use it now; people of concern later use the same code.
 *
 * Use: fill a struct link_person_in from raw text and link_person_prepare() it once
 * (normalisation, phonetic codes and nickname look-ups happen there, never per
 * comparison); find candidates through link/blocking.h; then link_score_with() the
 * probe against each candidate with a model (link/model.h). Scoring a pair allocates
 * nothing.
 *
 * Each field is compared into one level (link_compare); each level carries a weight
 * learned from data (link/em.h); the total weight gives a probability and a band:
 *   probable ("likely the same child"): at or above the model's `likely` threshold,
 *            chosen so that at least 99.5% of such pairs are the same child. A pair
 *            is never put here (link_gamma_capped), unless an NHS or reference number
 *            agrees, when its given names differ, its dates of birth differ, or its
 *            first given names do not agree (only a middle name, an other name or an
 *            initial does) and the date of birth does not confirm it: brothers,
 *            sisters and twins share a family name, an address, a phone, a school
 *            and sometimes a birthday, which a model of independent fields counts
 *            several times
 *   certain: probable, and the NHS numbers agree
 *   possible: at or above the `possible` threshold: a person must look
 * Lantern never merges records by itself: every band is a prompt to a professional,
 * with the reasons in words ("same date of birth", "different gender").
 */
#ifndef LANTERN_LINK_MATCH_H
#define LANTERN_LINK_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "link/model.h"
#include "link/normalise.h"
#include "link/similarity.h"

#define LINK_MAX_ALIASES 4
#define LINK_MAX_ADDRESSES 4
#define LINK_PTOK_LEN 24  /* bytes of a prepared name token; longer tokens are cut */
#define LINK_P_MAX_TOK 12 /* name tokens kept per person, main name first */
#define LINK_ADDR_LEN 40  /* normalised first line of an address */
#define LINK_SCHOOL_LEN 48
#define LINK_AUTH_LEN 40
#define LINK_REF_LEN 24

/* A date of birth; 0 in a part means unknown (y only, y and m, or full). */
struct link_dob {
	int y, m, d;
};

/* Raw input. Any pointer may be NULL or "" (missing). Aliases are full names
 * ("Jo Smith", "Little T"); a single word is taken as a given name. */
struct link_person_in {
	const char *given;  /* all given names, "Mary Jane" */
	const char *family; /* all family names, "Smith-Jones" */
	const char *aliases[LINK_MAX_ALIASES];
	int n_aliases;
	struct link_dob dob;
	char gender;          /* 'F', 'M', 'X' (other) or 0 (unknown) */
	const char *postcode; /* current postcode; used as an address when n_addresses is 0 */
	const char *nhs;
	const char *phone;
	/* Addresses, current first: first line ("12 Acacia Road") and postcode. */
	struct {
		const char *line, *postcode;
	} addresses[LINK_MAX_ADDRESSES];
	int n_addresses;
	const char *school;
	const char *placing_authority; /* looked-after child: the placing authority */
	const char *ref;               /* another reference number (unique pupil number) */
};

/* A prepared name token. */
struct link_ptok {
	char s[LINK_PTOK_LEN]; /* normalised ("oneill") */
	uint32_t dm1, dm2;     /* Double Metaphone codes packed in 4 bytes; 0 = none */
	uint16_t nick_lo;      /* its entries in the nickname table: [nick_lo, +nick_n) */
	uint8_t nick_n;
	uint8_t len;    /* strlen(s) */
	uint8_t pos;    /* position within its part: 0 for a first given name */
	uint8_t set;    /* 0 the main name, 1.. the other names in order */
	uint8_t family; /* 1 for a family-name token */
};

struct link_addr {
	char postcode[LINK_POSTCODE_LEN]; /* "E1 6AN", or a non-UK code; "" unknown */
	char outward[LINK_OUTWARD_LEN];   /* "E1" */
	char line[LINK_ADDR_LEN];         /* normalised first line; "" unknown */
};

/* Bits of link_person.rejected: fields present in the input but not usable. */
enum {
	LINK_REJ_GIVEN = 1 << 0,
	LINK_REJ_FAMILY = 1 << 1,
	LINK_REJ_ALIAS = 1 << 2,
	LINK_REJ_DOB = 1 << 3,
	LINK_REJ_POSTCODE = 1 << 4,
	LINK_REJ_NHS = 1 << 5,
	LINK_REJ_PHONE = 1 << 6,
	LINK_REJ_GENDER = 1 << 7,
	LINK_REJ_ADDRESS = 1 << 8,
	LINK_REJ_OTHER = 1 << 9, /* school, authority or reference */
};

/* A prepared person (about 900 bytes, no pointers: it can be copied or cached). */
struct link_person {
	struct link_ptok tok[LINK_P_MAX_TOK];
	uint8_t n_tok;
	uint8_t n_sets;      /* 1 + other names kept */
	struct link_dob dob; /* impossible parts cleared */
	char gender;
	uint8_t n_addr;
	struct link_addr addr[LINK_MAX_ADDRESSES];
	char school[LINK_SCHOOL_LEN];
	char authority[LINK_AUTH_LEN];
	char nhs[LINK_NHS_LEN];
	char phone[LINK_PHONE_LEN];
	char ref[LINK_REF_LEN];
	unsigned rejected; /* LINK_REJ_* */
};

/* Normalises and codes `in` into `out`. Unusable fields are left missing and noted
 * in out->rejected rather than failing the whole record (partial records are
 * normal). A date with an impossible day or month keeps its year (and month if that
 * is valid). Returns -1 only if in or out is NULL. */
int link_person_prepare(const struct link_person_in *in, struct link_person *out);

/* The comparison of two prepared people: a level per field and, for the reasons and
 * term frequencies, the tokens or values that gave it. */
struct link_gamma {
	uint8_t level[LINK_NCMP];
	const struct link_ptok *ga, *gb; /* given-name tokens behind level[GIVEN] */
	const struct link_ptok *fa, *fb; /* family-name tokens (or crossed when swapped) */
	const struct link_ptok *ma, *mb; /* middle-name tokens behind level[MIDDLE] */
	int nick_side;                   /* for SHORT/VARIANT: which token is canonical */
	const char *canonical;           /* the nickname group's canonical name */
	bool name_via_other;             /* a name agreed through an other name */
	int addr_a, addr_b;              /* addresses behind level[ADDRESS] */
};

/* Compares a and b field by field. Symmetric in levels. Allocates nothing. */
void link_compare(const struct link_person *a, const struct link_person *b, struct link_gamma *g);

enum link_strength {
	LINK_NONE = 0,
	LINK_POSSIBLE_MATCH, /* "possible": a person must resolve it */
	LINK_PROBABLE_MATCH, /* "likely the same child" */
	LINK_CERTAIN_MATCH,  /* likely, and the NHS numbers agree */
};

#define LINK_MAX_REASONS 12
#define LINK_REASON_LEN 128

struct link_result {
	enum link_strength strength;
	double weight;      /* total match weight in bits, prior included */
	double probability; /* 1 / (1 + 2^-weight) */
	int n_reasons;
	char reasons[LINK_MAX_REASONS][LINK_REASON_LEN]; /* strongest first */
	double reason_weight[LINK_MAX_REASONS];          /* bits; negative is evidence against */
	uint8_t level[LINK_NCMP];
};

/* Scores probe against cand with model (NULL: link_model_default()) for a store of
 * store_size records (0: the model's training size). Reasons are worded from the
 * probe's side. Never fails on prepared input. */
void link_score_with(const struct link_model *model, size_t store_size,
                     const struct link_person *probe, const struct link_person *cand,
                     struct link_result *res);

/* As link_score_with, with the weight w the pair has among the other candidates found
 * for the probe (link_weights_compete) and its own weight alone: the result's weight
 * and probability are w's, its band link_band()'s, and a reason says when the others
 * took half a bit or more from it. */
void link_score_among(const struct link_model *model, size_t store_size,
                      const struct link_person *probe, const struct link_person *cand, double alone,
                      double w, struct link_result *res);

/* The total weight and strength only, without reason text (bulk scoring). */
double link_weight_with(const struct link_model *model, size_t store_size,
                        const struct link_person *probe, const struct link_person *cand,
                        enum link_strength *strength);

/* The same with the default model and its training size. */
void link_score(const struct link_person *probe, const struct link_person *cand,
                struct link_result *res);
double link_score_weight(const struct link_person *probe, const struct link_person *cand,
                         enum link_strength *strength);

/* True when a comparison can be 'possible' at most (see the bands above). */
bool link_gamma_capped(const struct link_gamma *g);

/* The weight of a comparison under a model (prior included) and its strength. */
double link_gamma_weight(const struct link_model *model, size_t store_size,
                         const struct link_gamma *g, enum link_strength *strength);

/* The band of a comparison under a model (NULL: the default), from the pair's own
 * weight `alone` (link_gamma_weight) and its weight w among the other candidates found
 * for the probe (link_weights_compete; w = alone for a pair on its own): 'likely' (or
 * 'certain') when w reaches the model's `likely` and the pair is not capped; else
 * 'possible' when `alone` reaches `possible` (a person should look at a pair whose own
 * evidence is strong, whatever else was found) or w reaches `likely`. */
enum link_strength link_band(const struct link_model *model, const struct link_gamma *g,
                             double alone, double w);

/* One record per child: a probe is at most one of the children found for it. Given the
 * weights w[0..n) of all the candidates scored for one probe (link_gamma_weight, prior
 * included), replaces each by the log-odds that the probe is that child rather than
 * nobody or another of them: w_i - log2(1 + sum over the others j of 2^w_j). A
 * candidate with skip[j] (link_gamma_capped: never 'likely', a brother or sister) is
 * not counted among the others (skip may be NULL). The order of the weights is kept;
 * sums run in index order, so the result is the same on every run. At most
 * LINK_COMPETE_MAX weights are adjusted; allocates nothing. */
#define LINK_COMPETE_MAX 1024
void link_weights_compete(double *w, const bool *skip, size_t n);

const char *link_strength_name(enum link_strength s); /* "certain", ... "none" */

#endif

/* Blocking keys (link_blocking_keys, LINK_MAX_KEYS) live beside the scorer. */
#include "link/blocking.h"
