/*
 * blocking.h: finding the candidates for a probe without scanning every child, for
 * R-REC-1. Each person has blocking keys; two records of one child share at least one
 * key whatever one or two of the usual errors separate them (a misspelt or swapped
 * name, a nickname, a swapped day and month, a missing date of birth or postcode, a
 * move), because the key sets are independent and their union is searched:
 *
 *   kind  key                              meets despite                        cap
 *   H     H:<nhs>                          anything else                         20
 *   T     T:<phone>                        anything else                         50
 *   R     R:<reference>                    anything else                         20
 *   P     P:<sound>:<sound>                dates, addresses; names swapped     3000
 *         a given-name sound and a family-name sound in sorted order, so given
 *         and family names recorded the other way round give the same key
 *   D     D:<sound>:<y>-<a>-<b>            the other name wrong, a move         1000
 *         any name token's sound with the date of birth, day and month in
 *         ascending order (a swapped day and month gives the same key)
 *   A     A:<y>-<a>-<b>:<postcode>         both names wrong                      200
 *   Q     Q:<sound>:<postcode>             the other name wrong, no or wrong    1000
 *         any name token's sound with a postcode      date of birth
 *   Y     Y:<sound>:<year>                 the other name wrong or changed, no  3000
 *         any name token's sound with the year        postcode, day or month wrong
 *   I     I:<initial><initial>:<y>-<a>-<b> a typo in each name (not the first    200
 *         the first letters of the first given        letter), names swapped
 *         and family names, in sorted order, with
 *         the date of birth as in D
 *   N     N:<sound>:<initial>:<year>       the other name wrong (not its first  1000
 *         the first given name's sound with the        letter) and the day or month
 *         family initial, and the family name's
 *         sound with the given initial, with the year
 *   M     M:<sound>:<initial>:<a>-<b>      the other name wrong and the year    1000
 *         as N, with day and month in ascending order
 *
 * A "sound" is the Double Metaphone primary code of a name token; a given name in the
 * nickname table also gives the sound of each group it belongs to (Bill -> William),
 * up to LINK_NICK_KEYS groups. Other names (aliases) give keys like the main name.
 *
 * The store keeps a (key, child) index current on every write; a lookup fetches, for
 * each key of the probe, the children holding it, and link_rank_candidates() merges
 * them. A key held by more children than its cap ("common") is not used to bring
 * candidates in: it only adds to the rank of candidates that another key found. The
 * rank of a candidate is the sum over the keys it shares with the probe of
 * log2(1 + 10000 / holders(key)): more keys, and rarer keys, rank higher; ties go to
 * the earlier `order` (0, the default, first), then to the smaller id (byte order), so
 * the order is the same on every run. Ids made at random during a run (the children of
 * an import not yet written) are given their order (the row they came from), so that two
 * runs of the same import rank, score and hold the same rows.
 */
#ifndef LANTERN_LINK_BLOCKING_H
#define LANTERN_LINK_BLOCKING_H

#include <stddef.h>
#include <stdint.h>

#include "link/match.h"

#define LINK_KEY_LEN 32
#define LINK_MAX_KEYS 64
#define LINK_NICK_KEYS 4

/* Blocking keys of a person, unique, in a fixed order; returns how many were written
 * (<= max). */
int link_blocking_keys(const struct link_person *p, char keys[][LINK_KEY_LEN], int max);

/* The cap of a key (by its kind letter); 0 for something that is not a key. */
size_t link_key_cap(const char *key);

/* The children holding one of the probe's keys, as the store found them. */
struct link_posting {
	const char *key;
	const char *const *ids; /* child ids (any order; duplicates ignored) */
	size_t n;               /* ids given; give at most cap + 1 (more is not needed) */
	size_t holders;         /* children holding the key in all (>= n); 0 = n */
	const uint32_t *order;  /* optional, beside ids: each id's order (above); NULL = 0 */
};

struct link_candidate {
	const char *id; /* points into the posting lists */
	double rank;
	int keys;       /* keys shared with the probe */
	uint32_t order; /* from the posting (0 when it gave none) */
};

#define LINK_RANK_MAX_IDS 1000000 /* ids over all lists in one call */

/* Merges posting lists into candidates ranked by shared keys (see above), best first,
 * writing at most max into out. *common (optional) receives the number of keys that
 * were over their cap. Returns how many were written, or -1 when out of memory or when
 * the lists hold more than LINK_RANK_MAX_IDS ids (give at most cap + 1 per key). */
long link_rank_candidates(const struct link_posting *lists, size_t n_lists,
                          struct link_candidate *out, size_t max, size_t *common);
/* The same when the ids are interned: one child's id is the same pointer in every list
 * (equal pointers are the same child, different pointers different children), so that
 * ids are told apart without reading them; the result is the same. */
long link_rank_candidates_interned(const struct link_posting *lists, size_t n_lists,
                                   struct link_candidate *out, size_t max, size_t *common);

#endif
