/*
 * nicknames.c: lookups in the compiled given-name table (see nicknames.h and
 * scripts/gen-nicknames.sh). Implements the nickname and variant tolerance of
 * R-REC-1.
 */
#include "link/nicknames.h"

#include "link/nicknames_data.h"

#define NICK_MAX_LEN 47

/* Copies name into out with ASCII upper case folded; false if unusable. */
static bool fold(const char *name, char out[NICK_MAX_LEN + 1])
{
	if (!name)
		return false;
	size_t n = strnlen(name, NICK_MAX_LEN + 1);
	if (n == 0 || n > NICK_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return true;
}

/* The range [*lo, *hi) of entries for name; false if there are none. */
static bool find_range(const char *name, size_t *lo, size_t *hi)
{
	size_t a = 0, b = link_nick_entry_count;
	while (a < b) { /* first entry >= name */
		size_t m = a + (b - a) / 2;
		if (strcmp(link_nick_entries[m].name, name) < 0)
			a = m + 1;
		else
			b = m;
	}
	size_t e = a;
	while (e < link_nick_entry_count && strcmp(link_nick_entries[e].name, name) == 0)
		e++;
	*lo = a;
	*hi = e;
	return e > a;
}

enum link_nick_relation link_nickname_relation(const char *a, const char *b, const char **canonical)
{
	if (canonical)
		*canonical = NULL;
	char x[NICK_MAX_LEN + 1], y[NICK_MAX_LEN + 1];
	if (!fold(a, x) || !fold(b, y))
		return LINK_NICK_NONE;
	if (strcmp(x, y) == 0)
		return LINK_NICK_SAME;
	size_t alo, ahi, blo, bhi;
	if (!find_range(x, &alo, &ahi) || !find_range(y, &blo, &bhi))
		return LINK_NICK_NONE;
	return link_nickname_relation_ranges((unsigned)alo, (unsigned)(ahi - alo), (unsigned)blo,
	                                     (unsigned)(bhi - blo), canonical, NULL);
}

enum link_nick_relation link_nickname_relation_ranges(unsigned alo, unsigned an, unsigned blo,
                                                      unsigned bn, const char **canonical,
                                                      int *canonical_side)
{
	if (canonical)
		*canonical = NULL;
	if (canonical_side)
		*canonical_side = 0;
	size_t ahi = (size_t)alo + an, bhi = (size_t)blo + bn;
	if (ahi > link_nick_entry_count || bhi > link_nick_entry_count)
		return LINK_NICK_NONE;
	/* Both ranges are sorted by group: merge. Prefer a group where one of the two
	 * is the canonical name, so the reason names the right person's name. */
	enum link_nick_relation best = LINK_NICK_NONE;
	int best_rank = -1;
	size_t i = alo, j = blo;
	while (i < ahi && j < bhi) {
		const struct link_nick_entry *ea = &link_nick_entries[i],
		                             *eb = &link_nick_entries[j];
		if (ea->group < eb->group) {
			i++;
		} else if (ea->group > eb->group) {
			j++;
		} else {
			int rank = (ea->kind == 0 || eb->kind == 0) ? 1 : 0;
			if (rank > best_rank) {
				best_rank = rank;
				best = (ea->kind == 2 || eb->kind == 2) ? LINK_NICK_VARIANT
				                                        : LINK_NICK_NICKNAME;
				if (canonical)
					*canonical = link_nick_groups[ea->group];
				if (canonical_side)
					*canonical_side = ea->kind == 0 ? 1 : eb->kind == 0 ? 2 : 0;
			}
			i++;
			j++;
		}
	}
	return best;
}

bool link_are_nicknames(const char *a, const char *b)
{
	return link_nickname_relation(a, b, NULL) != LINK_NICK_NONE;
}

int link_nickname_groups(const char *name, const char **out, int max)
{
	char x[NICK_MAX_LEN + 1];
	size_t lo, hi;
	if (!out || max <= 0 || !fold(name, x) || !find_range(x, &lo, &hi))
		return 0;
	int n = 0;
	for (size_t i = lo; i < hi && n < max; i++)
		out[n++] = link_nick_groups[link_nick_entries[i].group];
	return n;
}

int link_nickname_range(const char *name, unsigned *lo, unsigned *n)
{
	char x[NICK_MAX_LEN + 1];
	size_t a, b;
	*lo = *n = 0;
	if (!fold(name, x) || !find_range(x, &a, &b))
		return 0;
	*lo = (unsigned)a;
	*n = (unsigned)(b - a);
	return (int)*n;
}
