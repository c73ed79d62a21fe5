/*
 * match.h: scoring whether two person records are the same person, and blocking
 * keys to find candidates, for R-REC-1 (one record per child: a new concern about a
 * child who already has a record must find that record despite misspelt names,
 * nicknames, aliases, transliteration variants, swapped day and month and partial
 * records). Children use it now; people of concern later use the same scorer.
 *
 * Use: fill a struct link_person_in from raw text, link_person_prepare() it once
 * (normalisation and phonetic codes are done there, not per comparison), then
 * link_score() a probe against each candidate fetched by blocking key.
 *
 * Scoring is Fellegi-Sunter style: each field adds a weight, roughly log2 of
 * P(agreement pattern | same person) / P(pattern | different people); a missing
 * field adds 0. The weights (LINK_W_*) are below; they were set by hand from these
 * odds and checked on FEBRL 4, splink fake_1000 and the synthetic UK-variant set in
 * bench/link (see bench/link/README.md).
 *
 *   NHS number     same +15 (decisive: always CERTAIN)   both present, different -10
 *   family name    exact +6, variant/phonetic +4, close spelling +3 (JW >= 0.90) or
 *                  +1 (JW >= 0.80, distance <= 2), disagree -2 (children's
 *                  family names change more often than adults')
 *   given name     exact +5, known nickname/variant +4, phonetic +3, close spelling
 *                  +2.5 / +1, initial only +1, disagree -2.5
 *                  (names are compared across all given/family tokens and all
 *                  aliases, best pair wins; given and family swapped costs -1)
 *   date of birth  exact +7, day/month swapped +5.5, one digit of year wrong or year
 *                  off by one +3, one digit wrong or two adjacent digits
 *                  transposed in YYYYMMDD +3, day or month wrong +2.5, partial agreeing (year and
 *                  month) +3, (year only) +1.5, disagree -5
 *   gender         same +0.5, different -1.5
 *   postcode       same +2.5, same outward code +1, different -0.5
 *   phone          same +4, different 0 (numbers change)
 *
 * Strength: CERTAIN if the NHS numbers agree, or total >= LINK_CERTAIN with no NHS
 * conflict; PROBABLE if total >= LINK_PROBABLE; POSSIBLE if >= LINK_POSSIBLE; else
 * NONE. A conflicting NHS number caps the strength at POSSIBLE.
 */
#ifndef LANTERN_LINK_MATCH_H
#define LANTERN_LINK_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "link/normalise.h"
#include "link/similarity.h"

#define LINK_MAX_ALIASES 4

#define LINK_W_NHS_SAME 15.0
#define LINK_W_NHS_CONFLICT -10.0
#define LINK_W_FAMILY_EXACT 6.0
#define LINK_W_FAMILY_PHONETIC 4.0
#define LINK_W_FAMILY_CLOSE 3.0
#define LINK_W_FAMILY_NEAR 1.0
#define LINK_W_FAMILY_DISAGREE -2.0
#define LINK_W_GIVEN_EXACT 5.0
#define LINK_W_GIVEN_NICKNAME 4.0
#define LINK_W_GIVEN_PHONETIC 3.0
#define LINK_W_GIVEN_CLOSE 2.5
#define LINK_W_GIVEN_NEAR 1.0
#define LINK_W_GIVEN_INITIAL 1.0
#define LINK_W_GIVEN_DISAGREE -2.5
#define LINK_W_NAMES_SWAPPED -1.0
#define LINK_W_DOB_EXACT 7.0
#define LINK_W_DOB_SWAPPED 5.5
#define LINK_W_DOB_YEAR_TYPO 3.0
#define LINK_W_DOB_DIGIT_TYPO 3.0
#define LINK_W_DOB_DAY_OR_MONTH 2.5
#define LINK_W_DOB_PARTIAL_YM 3.0
#define LINK_W_DOB_PARTIAL_Y 1.5
#define LINK_W_DOB_DISAGREE -5.0
#define LINK_W_GENDER_SAME 0.5
#define LINK_W_GENDER_DIFF -1.5
#define LINK_W_POSTCODE_SAME 2.5
#define LINK_W_POSTCODE_OUTWARD 1.0
#define LINK_W_POSTCODE_DIFF -0.5
#define LINK_W_PHONE_SAME 4.0

#define LINK_CERTAIN 18.0
#define LINK_PROBABLE 12.0
#define LINK_POSSIBLE 6.0

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
	char gender; /* 'F', 'M', 'X' (other) or 0 (unknown) */
	const char *postcode;
	const char *nhs;
	const char *phone;
};

/* A name token with its phonetic codes. */
struct link_ptok {
	char s[LINK_TOK_LEN];
	char dm1[LINK_DM_LEN], dm2[LINK_DM_LEN];
	char sdx[LINK_SOUNDEX_LEN];
};

struct link_pname {
	struct link_ptok given[LINK_MAX_TOK], family[LINK_MAX_TOK];
	int n_given, n_family;
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
};

/* A prepared person: names[0] is the main name, names[1..] the aliases. */
struct link_person {
	struct link_pname names[1 + LINK_MAX_ALIASES];
	int n_names;
	struct link_dob dob; /* normalised: impossible parts cleared */
	char gender;
	char postcode[LINK_POSTCODE_LEN];
	char outward[LINK_OUTWARD_LEN];
	char postcode_other[16]; /* a non-UK postal code, upper case, no spaces */
	char nhs[LINK_NHS_LEN];
	char phone[LINK_PHONE_LEN];
	unsigned rejected; /* LINK_REJ_* */
};

/* Normalises and codes `in` into `out`. Unusable fields are left missing and noted
 * in out->rejected rather than failing the whole record (partial records are
 * normal). A date with an impossible day or month keeps its year (and month if that
 * is valid). Returns -1 only if in or out is NULL. */
int link_person_prepare(const struct link_person_in *in, struct link_person *out);

enum link_strength {
	LINK_NONE = 0,
	LINK_POSSIBLE_MATCH,
	LINK_PROBABLE_MATCH,
	LINK_CERTAIN_MATCH,
};

#define LINK_MAX_REASONS 12
#define LINK_REASON_LEN 128

struct link_result {
	enum link_strength strength;
	double weight; /* sum of field weights */
	int n_reasons;
	char reasons[LINK_MAX_REASONS][LINK_REASON_LEN];
};

/* Scores probe against candidate. Symmetric in weight (reasons are worded from the
 * probe's side). Never fails on prepared input. */
void link_score(const struct link_person *probe, const struct link_person *cand,
                struct link_result *res);

/* Only the weight and strength, without building reason text (for bulk scoring). */
double link_score_weight(const struct link_person *probe, const struct link_person *cand,
                         enum link_strength *strength);

const char *link_strength_name(enum link_strength s); /* "certain", ... "none" */

#define LINK_KEY_LEN 32
#define LINK_MAX_KEYS 48
/*
 * Blocking keys of a person, for an index that fetches candidates without a scan.
 * Two records that may be the same person share at least one key in all the
 * situations R-REC-1 names (one name wrong, date of birth swapped, nickname...):
 *   "F:<dm>"   Double Metaphone (primary and alternate) of each family-name token
 *   "G:<sdx>:<year>"  Soundex of each given-name token with the year of birth
 *              (0000 when unknown), and of each family-name token when the year is
 *              known (so that given and family names recorded reversed still meet)
 *   "N:<name>:<year>" canonical nickname group of each given-name token, with the
 *              year of birth
 *   "D:<y>-<a>-<b>" date of birth with day and month in ascending order (so a
 *              swapped day/month gives the same key); "Y:<y>-<m>" when the day is
 *              unknown
 *   "H:<nhs>"  NHS number;  "T:<phone>" phone number
 * Keys are unique within the result. Returns how many were written (<= max).
 */
int link_blocking_keys(const struct link_person *p, char keys[][LINK_KEY_LEN], int max);

#endif
