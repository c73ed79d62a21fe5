/*
 * nicknames.h: given-name equivalence for finding an existing child (R-REC-1):
 * "Liz" is a nickname of "Elizabeth", "Shevaun" a spelling of "Siobhan", "Mohammed"
 * a transliteration of "Muhammad".
 *
 * Names are grouped: each group has a canonical name and members that are its
 * nicknames or spelling variants. A name may be in several groups ("Al" is short for
 * Alan, Albert, Alfred...). Two names are equivalent when some group holds both. The
 * table (data/nicknames/names.csv, Apache-2.0, plus Lantern's supplement.csv) is
 * compiled in by scripts/gen-nicknames.sh; lookups are binary searches, no
 * allocation.
 *
 * Names are compared as given: pass single normalised tokens (link/normalise.h).
 * ASCII upper case is folded here for convenience; anything longer than 47 bytes,
 * NULL or empty matches nothing.
 */
#ifndef LANTERN_LINK_NICKNAMES_H
#define LANTERN_LINK_NICKNAMES_H

#include <stdbool.h>

enum link_nick_relation {
	LINK_NICK_NONE = 0,
	LINK_NICK_SAME,     /* the same name */
	LINK_NICK_NICKNAME, /* one is a nickname of the other, or both of one name */
	LINK_NICK_VARIANT,  /* a spelling or transliteration variant */
};

/* True if a and b are the same name or share a group. */
bool link_are_nicknames(const char *a, const char *b);

/* How a and b are related; *canonical (optional) receives the canonical name of the
 * group that links them (static storage), or NULL for NONE and SAME. */
enum link_nick_relation link_nickname_relation(const char *a, const char *b,
                                               const char **canonical);

/* The canonical names of the groups `name` belongs to (itself included when it is
 * canonical), at most `max` of them, into out; returns how many (0 if unknown). */
int link_nickname_groups(const char *name, const char **out, int max);

/* The entries of `name` in the table, as a range [*lo, *lo + *n) (both 0 when the
 * name is unknown), so that a prepared name can be compared without searching again.
 * Returns *n. */
int link_nickname_range(const char *name, unsigned *lo, unsigned *n);

/* link_nickname_relation() for two names given by their ranges; *canonical (optional)
 * as there, and *canonical_side (optional) is 1 when the first name is the canonical
 * name of the linking group, 2 when the second is, 0 otherwise. Never returns
 * LINK_NICK_SAME (ranges cannot tell). */
enum link_nick_relation link_nickname_relation_ranges(unsigned alo, unsigned an, unsigned blo,
                                                      unsigned bn, const char **canonical,
                                                      int *canonical_side);

#endif
