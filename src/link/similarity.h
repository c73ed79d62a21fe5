/*
 * similarity.h: string similarity and phonetic codes for matching names (R-REC-1).
 *
 * Jaro, Jaro-Winkler, Levenshtein and the two Damerau-Levenshtein distances work on
 * Unicode code points of UTF-8 input, so "Zoë" and "Zoe" differ by one substitution.
 * The phonetic codes work on the ASCII letters of the input (call them on names
 * normalised by link/normalise.h, which folds diacritics to ASCII). Every function
 * returns -1 (or -1.0) for NULL, invalid UTF-8 or input longer than LINK_SIM_MAX
 * bytes, and never crashes.
 *
 * Reference behaviour (checked in tests/unit/test_link_similarity.c against
 * the CSV files in tests/data/linkage/):
 *  - Jaro-Winkler: prefix scale 0.1, common prefix capped at 4, applied at any Jaro
 *    value (no 0.7 boost threshold), as python jellyfish 0.8.9.
 *  - link_damerau_levenshtein is the unrestricted distance (CA vs ABC = 2), as
 *    jellyfish; link_osa_distance is optimal string alignment (CA vs ABC = 3).
 *  - Soundex: LINK_SOUNDEX_NARA is the American/NARA rule (H and W do not separate
 *    letters with the same code: Ashcraft -> A261), as jellyfish;
 *    LINK_SOUNDEX_SIMPLE treats H and W like vowels (Ashcraft -> A226), as
 *    PostgreSQL's fuzzystrmatch soundex().
 *  - Double Metaphone: Philips' algorithm, codes cut to LINK_DM_MAX characters, as
 *    PostgreSQL's dmetaphone()/dmetaphone_alt().
 */
#ifndef LANTERN_LINK_SIMILARITY_H
#define LANTERN_LINK_SIMILARITY_H

#include <stddef.h>

#define LINK_SIM_MAX 200 /* bytes */

/* Jaro similarity in [0, 1]; 0 if either string is empty. */
double link_jaro(const char *a, const char *b);
/* Jaro-Winkler similarity in [0, 1] (p = 0.1, prefix up to 4). */
double link_jaro_winkler(const char *a, const char *b);
/* Edit distances in code points. */
int link_levenshtein(const char *a, const char *b);
int link_damerau_levenshtein(const char *a, const char *b); /* unrestricted */
int link_osa_distance(const char *a, const char *b);        /* restricted (OSA) */

enum link_soundex_variant {
	LINK_SOUNDEX_NARA,   /* American/NARA: H and W are transparent */
	LINK_SOUNDEX_SIMPLE, /* H and W separate like vowels (PostgreSQL) */
};
#define LINK_SOUNDEX_LEN 5
/* Four-character Soundex code ("R163") of the ASCII letters in s; "" (and 0) when s
 * has no ASCII letter. */
int link_soundex(const char *s, enum link_soundex_variant v, char out[LINK_SOUNDEX_LEN]);

#define LINK_DM_MAX 4
#define LINK_DM_LEN (LINK_DM_MAX + 1)
/* Double Metaphone primary and alternate codes, each at most LINK_DM_MAX
 * characters ("Smith" -> "SM0", "XMT"). An empty input gives "" and "". */
int link_double_metaphone(const char *s, char primary[LINK_DM_LEN], char alternate[LINK_DM_LEN]);

#endif
