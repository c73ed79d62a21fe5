/*
 * normalise.h: canonical forms of the identifying details used to find an existing
 * record for a person (R-REC-1): names, UK phone numbers, vehicle registrations,
 * postcodes, email addresses, social media handles and NHS numbers.
 *
 * Every function takes untrusted text, writes only into caller-supplied fixed-size
 * storage and returns 0 on success or -1 when the input is NULL, not valid UTF-8,
 * longer than LINK_INPUT_MAX bytes, or not a value of the expected kind. On -1 the
 * output is left empty (first byte NUL, counts zero). Nothing here allocates beyond
 * a transient utf8proc buffer, and nothing crashes on any byte sequence.
 */
#ifndef LANTERN_LINK_NORMALISE_H
#define LANTERN_LINK_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

#define LINK_INPUT_MAX 200 /* bytes, longest accepted input of any kind */
#define LINK_TOK_LEN 48    /* bytes per name token including NUL */
#define LINK_MAX_TOK 6     /* tokens kept per name part; later tokens are dropped */
#define LINK_TEXT_LEN 256  /* room for a normalised name string */

/* A name part (given names or family names) as normalised tokens: lower case, no
 * diacritics, apostrophes removed ("O'Neill" -> "oneill"), hyphens split
 * ("Smith-Jones" -> "smith", "jones"). */
struct link_tokens {
	char tok[LINK_MAX_TOK][LINK_TOK_LEN];
	int n;
};

/* A full name split into given and family parts. */
struct link_full_name {
	struct link_tokens given;
	struct link_tokens family;
};

/*
 * Normalises free text for comparison: NFKC, Unicode case fold, marks stripped
 * ("Zoë" -> "zoe", "Siobhán" -> "siobhan"), a few letters without decompositions
 * folded to ASCII (ł ø đ æ œ ß þ), apostrophes removed, hyphens, dots, commas and
 * other punctuation turned into spaces, runs of white space collapsed and trimmed.
 * `out` receives at most outsz-1 bytes; -1 if it would not fit.
 */
int link_normalise_text(const char *in, char *out, size_t outsz);

/* Normalises one name part into tokens and drops honorifics (mr, mrs, miss, ms, mx,
 * dr, master, sir, dame, rev, prof). An empty or all-honorific name gives n == 0 and
 * returns 0: a missing name is not an error. */
int link_normalise_name(const char *in, struct link_tokens *out);

/* Splits a full name: "Mary-Jane O'Neill" -> given {mary, jane}, family {oneill};
 * "O'NEILL, Mary" (comma form) -> same. A single word is taken as a given name. */
int link_split_full_name(const char *in, struct link_full_name *out);

/* Joins tokens with single spaces into out (outsz >= LINK_TEXT_LEN is always
 * enough). */
void link_tokens_join(const struct link_tokens *t, char *out, size_t outsz);

#define LINK_PHONE_LEN 20 /* "+" + up to 15 digits + NUL, with room */
/* UK phone numbers in any usual written form ("07700 900123", "+44 (0)20 7946 0018",
 * "0044 7700 900123") -> "+447700900123". A number already in international form for
 * another country ("+33 1 23 45 67 89") is kept as "+" and digits (8 to 15 digits).
 * -1 for anything else (letters, too few or too many digits). */
int link_normalise_phone(const char *in, char out[LINK_PHONE_LEN]);

#define LINK_VRM_LEN 9
/* UK vehicle registration mark: upper case, spaces and hyphens removed, 2 to 7
 * letters and digits ("ab12 cde" -> "AB12CDE"). */
int link_normalise_vrm(const char *in, char out[LINK_VRM_LEN]);

#define LINK_POSTCODE_LEN 9 /* "SW1A 1AA" + NUL */
#define LINK_OUTWARD_LEN 5  /* "SW1A" + NUL */
/* UK postcode in canonical form ("sw1a1aa" -> "SW1A 1AA", outward "SW1A"). An
 * outward code alone ("E1") is accepted as a partial postcode: full is then "" and
 * the function returns 1. Returns 0 for a full postcode, -1 for anything else. */
int link_normalise_postcode(const char *in, char full[LINK_POSTCODE_LEN],
                            char outward[LINK_OUTWARD_LEN]);

#define LINK_EMAIL_LEN (LINK_INPUT_MAX + 1)
/* Email address trimmed and lower-cased; needs one '@' with text on both sides, a
 * dot in the domain and no spaces or control characters. */
int link_normalise_email(const char *in, char out[LINK_EMAIL_LEN]);

#define LINK_HANDLE_LEN 65
/* Social media handle: leading '@' stripped, lower case, letters, digits, '.', '_'
 * and '-' only, 1 to 64 characters. */
int link_normalise_handle(const char *in, char out[LINK_HANDLE_LEN]);

#define LINK_NHS_LEN 11
/* NHS number: ten digits with spaces or hyphens allowed between them, and a valid
 * modulus 11 check digit ("999 000 0018" -> "9990000018"). */
int link_normalise_nhs(const char *in, char out[LINK_NHS_LEN]);

/* The key that finds one vehicle however its registration was written down: the
 * normalised mark (link_normalise_vrm) with the letters most often misread for digits
 * folded into them, O -> 0 and I -> 1, so that "AB12 COE", "ab12c0e" and "AB12 C0E"
 * are one vehicle. A current-style mark (two letters, two digits, three letters) has
 * letters and digits at fixed positions, so two different valid marks of that style
 * never share a key; "AB12 CDE" and "AB12 C0E" differ by D/0, which is not folded (D is
 * a letter in its own right on every style of mark). Same result codes as
 * link_normalise_vrm. */
int link_vrm_key(const char *in, char out[LINK_VRM_LEN]);

#endif
