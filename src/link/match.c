/*
 * match.c: the person matcher behind R-REC-1 (one record per child). Prepares a
 * record once (normalised tokens, phonetic codes, nickname-table ranges, addresses),
 * compares two prepared records field by field into levels, weighs the levels with a
 * Fellegi-Sunter model (link/model.h) and explains each contribution in words a
 * practitioner can check.
 */
#include "link/match.h"

#include <ctype.h>
#include <math.h>

#include "link/nicknames.h"

/* ---- preparation --------------------------------------------------------- */

static bool present(const char *s)
{
	return s && *s;
}

/* Copies s into out (size n) without cutting a UTF-8 sequence. */
static void copy_cut(char *out, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

static uint32_t pack_code(const char *c)
{
	uint32_t v = 0;
	for (int i = 0; i < 4 && c[i]; i++)
		v |= (uint32_t)(unsigned char)c[i] << (8 * i);
	return v;
}

/* Adds the tokens of t to p as name set `set`; false once p is full. */
static void add_tokens(struct link_person *p, const struct link_tokens *t, int set, int family)
{
	for (int i = 0; i < t->n && p->n_tok < LINK_P_MAX_TOK; i++) {
		struct link_ptok *k = &p->tok[p->n_tok++];
		memset(k, 0, sizeof(*k));
		copy_cut(k->s, sizeof(k->s), t->tok[i]);
		k->len = (uint8_t)strlen(k->s);
		char d1[LINK_DM_LEN], d2[LINK_DM_LEN];
		if (link_double_metaphone(t->tok[i], d1, d2) == 0) {
			k->dm1 = pack_code(d1);
			k->dm2 = pack_code(d2);
		}
		unsigned lo, n; /* family tokens too: names recorded swapped are compared so */
		if (link_nickname_range(t->tok[i], &lo, &n) > 0 && lo <= UINT16_MAX) {
			k->nick_lo = (uint16_t)lo;
			k->nick_n = (uint8_t)(n > 255 ? 255 : n);
		}
		k->set = (uint8_t)set;
		k->family = (uint8_t)family;
		k->pos = (uint8_t)i;
	}
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Keeps the parts of a date of birth that make sense; false if something was dropped. */
static bool clean_dob(struct link_dob in, struct link_dob *out)
{
	*out = (struct link_dob){0, 0, 0};
	if (in.y == 0 && in.m == 0 && in.d == 0)
		return true;
	if (in.y < 1900 || in.y > 2200)
		return false;
	out->y = in.y;
	if (in.m == 0)
		return in.d == 0;
	if (in.m < 1 || in.m > 12)
		return false;
	out->m = in.m;
	if (in.d == 0)
		return true;
	if (in.d < 1 || in.d > days_in_month(in.y, in.m))
		return false;
	out->d = in.d;
	return true;
}

/* Normalised free text cut to n bytes; false if present but unusable. */
static bool prep_text(const char *in, char *out, size_t n)
{
	char buf[LINK_INPUT_MAX + 1];
	out[0] = '\0';
	if (!present(in))
		return true;
	if (link_normalise_text(in, buf, sizeof(buf)) != 0)
		return false;
	copy_cut(out, n, buf);
	return true;
}

/* A postcode: UK form when it is one, else a short upper-case code; false if bad. */
static bool prep_postcode(const char *in, struct link_addr *a)
{
	int rc = link_normalise_postcode(in, a->postcode, a->outward);
	if (rc >= 0)
		return true;
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isalnum((unsigned char)*p) || n + 1 >= sizeof(a->postcode)) {
			a->postcode[0] = '\0';
			return false;
		}
		a->postcode[n++] = (char)toupper((unsigned char)*p);
	}
	a->postcode[n] = '\0';
	return n > 0;
}

static void prep_addresses(const struct link_person_in *in, struct link_person *out)
{
	for (int i = 0; i < in->n_addresses && i < LINK_MAX_ADDRESSES; i++) {
		struct link_addr *a = &out->addr[out->n_addr];
		memset(a, 0, sizeof(*a));
		if (present(in->addresses[i].postcode) &&
		    !prep_postcode(in->addresses[i].postcode, a))
			out->rejected |= LINK_REJ_POSTCODE;
		if (!prep_text(in->addresses[i].line, a->line, sizeof(a->line)))
			out->rejected |= LINK_REJ_ADDRESS;
		if (a->postcode[0] || a->outward[0] || a->line[0])
			out->n_addr++;
	}
	if (!present(in->postcode))
		return;
	struct link_addr pc;
	memset(&pc, 0, sizeof(pc));
	if (!prep_postcode(in->postcode, &pc)) {
		out->rejected |= LINK_REJ_POSTCODE;
		return;
	}
	for (int i = 0; i < out->n_addr; i++)
		if (strcmp(out->addr[i].postcode, pc.postcode) == 0 &&
		    strcmp(out->addr[i].outward, pc.outward) == 0)
			return; /* already there */
	if (out->n_addr < LINK_MAX_ADDRESSES)
		out->addr[out->n_addr++] = pc;
}

/* Reference numbers: letters and digits, upper case, spaces and hyphens dropped. */
static bool prep_ref(const char *in, char out[LINK_REF_LEN])
{
	size_t n = 0;
	out[0] = '\0';
	if (!present(in))
		return true;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '/')
			continue;
		if (!isalnum((unsigned char)*p) || n + 1 >= LINK_REF_LEN) {
			out[0] = '\0';
			return false;
		}
		out[n++] = (char)toupper((unsigned char)*p);
	}
	out[n] = '\0';
	return true;
}

int link_person_prepare(const struct link_person_in *in, struct link_person *out)
{
	if (!in || !out)
		return -1;
	memset(out, 0, sizeof(*out));
	struct link_tokens t;
	if (link_normalise_name(in->given, &t) == 0)
		add_tokens(out, &t, 0, 0);
	else if (present(in->given))
		out->rejected |= LINK_REJ_GIVEN;
	if (link_normalise_name(in->family, &t) == 0)
		add_tokens(out, &t, 0, 1);
	else if (present(in->family))
		out->rejected |= LINK_REJ_FAMILY;
	out->n_sets = 1;
	for (int i = 0; i < in->n_aliases && i < LINK_MAX_ALIASES; i++) {
		struct link_full_name fn;
		if (!present(in->aliases[i]))
			continue;
		if (link_split_full_name(in->aliases[i], &fn) != 0) {
			out->rejected |= LINK_REJ_ALIAS;
			continue;
		}
		int before = out->n_tok;
		add_tokens(out, &fn.given, out->n_sets, 0);
		add_tokens(out, &fn.family, out->n_sets, 1);
		if (out->n_tok > before)
			out->n_sets++;
	}
	if (!clean_dob(in->dob, &out->dob))
		out->rejected |= LINK_REJ_DOB;
	char g = (char)toupper((unsigned char)in->gender);
	if (g == 'F' || g == 'M' || g == 'X')
		out->gender = g;
	else if (in->gender)
		out->rejected |= LINK_REJ_GENDER;
	prep_addresses(in, out);
	if (!prep_text(in->school, out->school, sizeof(out->school)) ||
	    !prep_text(in->placing_authority, out->authority, sizeof(out->authority)) ||
	    !prep_ref(in->ref, out->ref))
		out->rejected |= LINK_REJ_OTHER;
	if (present(in->nhs) && link_normalise_nhs(in->nhs, out->nhs) != 0)
		out->rejected |= LINK_REJ_NHS;
	if (present(in->phone) && link_normalise_phone(in->phone, out->phone) != 0)
		out->rejected |= LINK_REJ_PHONE;
	return 0;
}

/* ---- comparison ---------------------------------------------------------- */

/* Sound alike: a Double Metaphone code in common and, since codes are short and shared
 * easily (Alfie and Olivia are both ALF, MacFarlane and MacPherson MKFR), a
 * Jaro-Winkler similarity of at least 0.8, or 0.7 when the first letters differ
 * (Cooper / Kuper, where the measure's prefix bonus does not apply). */
static bool dm_agree(const struct link_ptok *a, const struct link_ptok *b)
{
	if (!a->dm1 || !b->dm1)
		return false;
	/* One-letter codes ("A" for "Ai") say too little. */
	if (a->dm1 <= 0xFF && b->dm1 <= 0xFF)
		return false;
	bool code = a->dm1 == b->dm1 || a->dm1 == b->dm2 ||
	            (a->dm2 && (a->dm2 == b->dm1 || a->dm2 == b->dm2));
	if (!code)
		return false;
	return link_jaro_winkler(a->s, b->s) >= (a->s[0] == b->s[0] ? 0.8 : 0.7);
}

/* Spelt almost the same: one edit apart (not both of two letters: "Jo" and "Bo") or
 * Jaro-Winkler at least 0.92. */
static bool close_spelling(const char *a, int la, const char *b, int lb)
{
	if (la >= 2 && lb >= 2 && la + lb >= 5 && abs(la - lb) <= 1 &&
	    link_damerau_levenshtein(a, b) == 1)
		return true;
	return link_jaro_winkler(a, b) >= 0.92;
}

struct tokcmp {
	int level;
	const char *canonical;
	int side;
};

/* Level of two given-name tokens (LINK_GIVEN_*). */
static struct tokcmp given_level(const struct link_ptok *a, const struct link_ptok *b)
{
	struct tokcmp r = {LINK_GIVEN_DIFFERENT, NULL, 0};
	if (a->len == b->len && strcmp(a->s, b->s) == 0) {
		r.level = LINK_GIVEN_EXACT;
		return r;
	}
	if (a->len == 1 || b->len == 1) {
		r.level = a->s[0] == b->s[0] ? LINK_GIVEN_INITIAL : LINK_GIVEN_DIFFERENT;
		return r;
	}
	if (a->nick_n && b->nick_n) {
		enum link_nick_relation rel = link_nickname_relation_ranges(
		        a->nick_lo, a->nick_n, b->nick_lo, b->nick_n, &r.canonical, &r.side);
		if (rel == LINK_NICK_NICKNAME) {
			r.level = LINK_GIVEN_SHORT;
			return r;
		}
		if (rel == LINK_NICK_VARIANT) {
			r.level = LINK_GIVEN_VARIANT;
			return r;
		}
	}
	r.canonical = NULL;
	if (dm_agree(a, b))
		r.level = LINK_GIVEN_SOUNDS;
	else if (close_spelling(a->s, a->len, b->s, b->len))
		r.level = LINK_GIVEN_CLOSE;
	return r;
}

/* Level of two family-name tokens (LINK_FAMILY_*). */
static int family_level(const struct link_ptok *a, const struct link_ptok *b)
{
	if (a->len == b->len && strcmp(a->s, b->s) == 0)
		return LINK_FAMILY_EXACT;
	if (a->len == 1 || b->len == 1)
		return a->s[0] == b->s[0] ? LINK_FAMILY_CLOSE : LINK_FAMILY_DIFFERENT;
	if (dm_agree(a, b))
		return LINK_FAMILY_SOUNDS;
	if (close_spelling(a->s, a->len, b->s, b->len))
		return LINK_FAMILY_CLOSE;
	return LINK_FAMILY_DIFFERENT;
}

/* Best level between the tokens of kind `fam_a` in a and `fam_b` in b, over all name
 * sets (main_only: set 0 only); given-name semantics when use_given. Pairs within the
 * main names are tried first so that ties keep them. Returns the level, 0 if either
 * side has no such token. */
static int best_names(const struct link_person *a, const struct link_person *b, int fam_a,
                      int fam_b, bool use_given, bool main_only, struct link_gamma *g, bool store)
{
	int best = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && main_only)
			break;
		for (int i = 0; i < a->n_tok; i++) {
			const struct link_ptok *x = &a->tok[i];
			if (x->family != fam_a)
				continue;
			for (int j = 0; j < b->n_tok; j++) {
				const struct link_ptok *y = &b->tok[j];
				if (y->family != fam_b)
					continue;
				bool main = x->set == 0 && y->set == 0;
				if (main != (pass == 0))
					continue;
				struct tokcmp c = {0, NULL, 0};
				if (use_given) {
					c = given_level(x, y);
					/* Agreement through a middle or an other name is
					 * weaker: brothers and sisters share those. */
					if ((x->pos || y->pos || !main) &&
					    c.level <= LINK_GIVEN_CLOSE && fam_a == 0 && fam_b == 0)
						c = (struct tokcmp){LINK_GIVEN_MIDDLE, NULL, 0};
				} else {
					c.level = family_level(x, y);
				}
				/* Among exact agreements the longest token is kept: in
				 * "El-Ghazali" it is the rare "ghazali" that tells, not "el". */
				bool longer = c.level == best && best == 1 && store &&
				              x->len > (use_given ? (g->ga ? g->ga->len : 0)
				                                  : (g->fa ? g->fa->len : 0));
				if (best == 0 || c.level < best || longer) {
					best = c.level;
					if (store && use_given) {
						g->ga = x;
						g->gb = y;
						g->canonical = c.canonical;
						g->nick_side = c.side;
						g->name_via_other = !main;
					} else if (store) {
						g->fa = x;
						g->fb = y;
						if (!main)
							g->name_via_other = true;
					}
				}
			}
		}
		if (best == 1)
			return best;
	}
	return best;
}

/* Other names of a and b against each other: SAME if some token of an other name of a
 * (two letters or more) agrees with one of b's by spelling, nickname or sound. */
static int compare_other(const struct link_person *a, const struct link_person *b)
{
	if (a->n_sets < 2 || b->n_sets < 2)
		return LINK_NULL;
	for (int i = 0; i < a->n_tok; i++) {
		const struct link_ptok *x = &a->tok[i];
		if (x->set == 0 || x->len < 2)
			continue;
		for (int j = 0; j < b->n_tok; j++) {
			const struct link_ptok *y = &b->tok[j];
			if (y->set == 0 || y->len < 2)
				continue;
			if (given_level(x, y).level <= LINK_GIVEN_SOUNDS)
				return LINK_SAME;
		}
	}
	return LINK_DIFFERENT;
}

/* Middle names of a and b (main-name given names after the first): the best level
 * between any middle name of a and any of b; NULL if either has none. */
static int compare_middle(const struct link_person *a, const struct link_person *b,
                          struct link_gamma *g)
{
	int best = LINK_NULL;
	for (int i = 0; i < a->n_tok; i++) {
		const struct link_ptok *x = &a->tok[i];
		if (x->set || x->family || !x->pos)
			continue;
		for (int j = 0; j < b->n_tok; j++) {
			const struct link_ptok *y = &b->tok[j];
			if (y->set || y->family || !y->pos)
				continue;
			int gl = given_level(x, y).level, l;
			if (gl == LINK_GIVEN_EXACT)
				l = LINK_MIDDLE_EXACT;
			else if (gl <= LINK_GIVEN_CLOSE)
				l = LINK_MIDDLE_SIMILAR;
			else if (gl == LINK_GIVEN_INITIAL)
				l = LINK_MIDDLE_INITIAL;
			else
				l = LINK_MIDDLE_DIFFERENT;
			if (best == LINK_NULL || l < best ||
			    (l == best && l == LINK_MIDDLE_EXACT && x->len > g->ma->len)) {
				best = l;
				g->ma = x;
				g->mb = y;
			}
		}
	}
	return best;
}

/* A keystroke slip between two values of a date part: off by one, two digits swapped
 * (12 / 21), or for a year one digit wrong (2012 / 2015). */
static bool slip(int a, int b, int digits)
{
	if (abs(a - b) <= 1)
		return true;
	char x[8], y[8];
	snprintf(x, sizeof(x), "%0*d", digits, a % 10000);
	snprintf(y, sizeof(y), "%0*d", digits, b % 10000);
	int first = -1, n = 0;
	for (int i = 0; x[i] && y[i]; i++)
		if (x[i] != y[i]) {
			if (first < 0)
				first = i;
			n++;
		}
	if (n == 1 && digits == 4)
		return true;
	return n == 2 && x[first + 1] && x[first] == y[first + 1] && x[first + 1] == y[first];
}

/* The level of two full dates that differ in exactly one part. */
static int one_part_level(struct link_dob a, struct link_dob b)
{
	if (a.y != b.y)
		return abs(a.y - b.y) == 1 ? LINK_DOB_YEAR_ONE
		       : slip(a.y, b.y, 4) ? LINK_DOB_YEAR_DIGIT
		                           : LINK_DOB_ONE_OFF;
	bool s = a.m != b.m ? slip(a.m, b.m, 2) : slip(a.d, b.d, 2);
	return s ? LINK_DOB_SLIP : LINK_DOB_ONE_OFF;
}

static int compare_dob(struct link_dob a, struct link_dob b)
{
	if (a.y == 0 || b.y == 0)
		return LINK_NULL;
	if (a.m && a.d && b.m && b.d) {
		int agree = (a.y == b.y) + (a.m == b.m) + (a.d == b.d);
		if (agree == 3)
			return LINK_DOB_EXACT;
		if (a.y == b.y && a.d == b.m && a.m == b.d)
			return LINK_DOB_SWAPPED;
		if (agree == 2)
			return one_part_level(a, b);
		/* Day and month swapped, and one part off by a slip as well. */
		struct link_dob c = {b.y, b.d, b.m};
		if (b.d != b.m && (a.y == c.y) + (a.m == c.m) + (a.d == c.d) == 2) {
			int l = one_part_level(a, c);
			if (l == LINK_DOB_YEAR_ONE || l == LINK_DOB_SLIP)
				return LINK_DOB_SWAP_SLIP;
		}
		return LINK_DOB_DIFFERENT;
	}
	/* At least one side is partial: compare what both have. */
	if (a.y != b.y)
		return abs(a.y - b.y) == 1 && (!a.m || !b.m) ? LINK_DOB_PARTIAL_NEAR
		                                             : LINK_DOB_DIFFERENT;
	if (a.m && b.m && a.m != b.m)
		return LINK_DOB_DIFFERENT;
	return LINK_DOB_PARTIAL;
}

static bool lines_agree(const char *a, const char *b)
{
	if (!a[0] || !b[0])
		return false;
	return strcmp(a, b) == 0 || link_jaro_winkler(a, b) >= 0.92;
}

static int address_pair(const struct link_addr *a, const struct link_addr *b)
{
	bool pcs = a->postcode[0] && b->postcode[0];
	bool pc_same = pcs && strcmp(a->postcode, b->postcode) == 0;
	bool lines = a->line[0] && b->line[0];
	bool line_same = lines && lines_agree(a->line, b->line);
	if (pc_same)
		return line_same ? LINK_ADDR_SAME : LINK_ADDR_POSTCODE;
	if (line_same)
		return LINK_ADDR_LINE;
	if (a->outward[0] && b->outward[0] && strcmp(a->outward, b->outward) == 0)
		return LINK_ADDR_DISTRICT;
	if (pcs || lines || (a->outward[0] && b->outward[0]))
		return LINK_ADDR_DIFFERENT;
	return LINK_NULL;
}

static int compare_address(const struct link_person *a, const struct link_person *b,
                           struct link_gamma *g)
{
	int best = LINK_NULL;
	for (int i = 0; i < a->n_addr; i++)
		for (int j = 0; j < b->n_addr; j++) {
			int l = address_pair(&a->addr[i], &b->addr[j]);
			if (l != LINK_NULL && (best == LINK_NULL || l < best)) {
				best = l;
				g->addr_a = i;
				g->addr_b = j;
			}
		}
	return best;
}

static int compare_exact(const char *a, const char *b)
{
	if (!a[0] || !b[0])
		return LINK_NULL;
	return strcmp(a, b) == 0 ? LINK_SAME : LINK_DIFFERENT;
}

void link_compare(const struct link_person *a, const struct link_person *b, struct link_gamma *g)
{
	memset(g, 0, sizeof(*g));
	int gl = best_names(a, b, 0, 0, true, false, g, true);
	int fl = best_names(a, b, 1, 1, false, false, g, true);
	/* Given and family names recorded the wrong way round (main names only). */
	if (gl >= LINK_GIVEN_INITIAL && fl == LINK_FAMILY_DIFFERENT) {
		struct link_gamma x;
		memset(&x, 0, sizeof(x));
		/* Both crossings with given-name semantics, so that the test is symmetric. */
		int c1 = best_names(a, b, 0, 1, true, true, &x, true); /* a given ~ b family */
		const struct link_ptok *f1a = x.ga, *f1b = x.gb;
		int c2 = best_names(a, b, 1, 0, true, true, &x, true); /* a family ~ b given */
		if (c1 && c2 && c1 <= LINK_GIVEN_CLOSE && c2 <= LINK_GIVEN_CLOSE &&
		    (c1 <= LINK_GIVEN_SOUNDS || c2 <= LINK_GIVEN_SOUNDS)) {
			fl = LINK_FAMILY_SWAPPED;
			gl = LINK_NULL;
			g->fa = f1a;
			g->fb = f1b;
			g->ga = x.ga;
			g->gb = x.gb;
			g->name_via_other = false;
		}
	}
	g->level[LINK_C_GIVEN] = (uint8_t)gl;
	g->level[LINK_C_FAMILY] = (uint8_t)fl;
	g->level[LINK_C_MIDDLE] = (uint8_t)compare_middle(a, b, g);
	g->level[LINK_C_OTHER] = (uint8_t)compare_other(a, b);
	g->level[LINK_C_DOB] = (uint8_t)compare_dob(a->dob, b->dob);
	g->level[LINK_C_GENDER] =
	        (uint8_t)(a->gender && b->gender
	                          ? (a->gender == b->gender ? LINK_SAME : LINK_DIFFERENT)
	                          : LINK_NULL);
	g->level[LINK_C_ADDRESS] = (uint8_t)compare_address(a, b, g);
	g->level[LINK_C_SCHOOL] = LINK_NULL;
	if (a->school[0] && b->school[0])
		g->level[LINK_C_SCHOOL] =
		        (uint8_t)(strcmp(a->school, b->school) == 0 ||
		                                  link_jaro_winkler(a->school, b->school) >= 0.95
		                          ? LINK_SAME
		                          : LINK_DIFFERENT);
	g->level[LINK_C_PHONE] = (uint8_t)compare_exact(a->phone, b->phone);
	g->level[LINK_C_NHS] = (uint8_t)compare_exact(a->nhs, b->nhs);
	g->level[LINK_C_AUTHORITY] = (uint8_t)compare_exact(a->authority, b->authority);
	g->level[LINK_C_REF] = LINK_NULL;
	if (a->ref[0] && b->ref[0]) {
		if (strcmp(a->ref, b->ref) == 0)
			g->level[LINK_C_REF] = LINK_REF_SAME;
		else if (link_damerau_levenshtein(a->ref, b->ref) == 1)
			g->level[LINK_C_REF] = LINK_REF_ONE_OFF;
		else
			g->level[LINK_C_REF] = LINK_REF_DIFFERENT;
	}
}

/* ---- weights ------------------------------------------------------------- */

/* The term-frequency adjustment of a name agreeing other than exactly (sound, spelling,
 * short form): agreeing on a common name in a loose way says less than on a rare one.
 * Relative to the average exact agreement u, with the commoner of the two names; only
 * ever a penalty (a rare name is not taken as rarer than its spelling may be). */
static double fuzzy_tf(const struct link_tf *t, double u_exact, const struct link_ptok *a,
                       const struct link_ptok *b)
{
	if (!a || !b)
		return 0.0;
	double fa = link_tf_freq(t, a->s), fb = link_tf_freq(t, b->s);
	double adj = log2(u_exact / (fa > fb ? fa : fb));
	return adj < 0 ? adj : 0.0;
}

/* Weight of field c in g, with the term-frequency adjustment of names. */
static double field_weight(const struct link_model *m, const struct link_gamma *g, int c)
{
	int l = g->level[c];
	if (l == LINK_NULL)
		return 0.0;
	if (c == LINK_C_GIVEN && l >= LINK_GIVEN_SHORT && l <= LINK_GIVEN_CLOSE)
		return m->w[c][l] + fuzzy_tf(&m->tf_given, m->u[c][LINK_GIVEN_EXACT], g->ga, g->gb);
	if (c == LINK_C_FAMILY && (l == LINK_FAMILY_SOUNDS || l == LINK_FAMILY_CLOSE))
		return m->w[c][l] +
		       fuzzy_tf(&m->tf_family, m->u[c][LINK_FAMILY_EXACT], g->fa, g->fb);
	if (c == LINK_C_GIVEN && l == LINK_GIVEN_EXACT && g->ga)
		return m->log2_m_given_exact - log2(link_tf_freq(&m->tf_given, g->ga->s));
	if (c == LINK_C_FAMILY && l == LINK_FAMILY_EXACT && g->fa)
		return m->log2_m_family_exact - log2(link_tf_freq(&m->tf_family, g->fa->s));
	/* A middle name is drawn from the given names: weighed by its frequency there. */
	if (c == LINK_C_MIDDLE && l == LINK_MIDDLE_EXACT && g->ma)
		return log2(m->m[c][l]) - log2(link_tf_freq(&m->tf_given, g->ma->s));
	if (c == LINK_C_MIDDLE && l == LINK_MIDDLE_SIMILAR)
		return m->w[c][l] +
		       fuzzy_tf(&m->tf_given, m->u[LINK_C_GIVEN][LINK_GIVEN_EXACT], g->ma, g->mb);
	/* Swapped names: the chance that a random record carries the candidate's two
	 * names is about the product of their frequencies; never more than the level's
	 * own weight. */
	if (c == LINK_C_FAMILY && l == LINK_FAMILY_SWAPPED && g->fb && g->gb) {
		double f = link_tf_freq(&m->tf_family, g->fb->s) *
		           link_tf_freq(&m->tf_given, g->gb->s);
		double w = log2(m->m[c][l] / (f > 1e-12 ? f : 1e-12));
		return w < m->w[c][l] ? w : m->w[c][l];
	}
	return m->w[c][l];
}

bool link_gamma_capped(const struct link_gamma *g)
{
	if (g->level[LINK_C_NHS] == LINK_SAME || g->level[LINK_C_REF] == LINK_REF_SAME)
		return false;
	int gl = g->level[LINK_C_GIVEN], dl = g->level[LINK_C_DOB];
	if (gl == LINK_GIVEN_DIFFERENT && g->level[LINK_C_OTHER] != LINK_SAME)
		return true;
	if (dl == LINK_DOB_DIFFERENT)
		return true;
	/* First given names that do not agree, and a date of birth that does not confirm:
	 * the same, or a keystroke away (a slip of a day or a month within one year, or of
	 * a year to the same day, does not separate a brother or sister other than a twin,
	 * whose date is the same). */
	return (gl == LINK_GIVEN_MIDDLE || gl == LINK_GIVEN_INITIAL) && dl != LINK_DOB_EXACT &&
	       dl != LINK_DOB_SWAPPED && dl != LINK_DOB_SLIP && dl != LINK_DOB_YEAR_ONE &&
	       dl != LINK_DOB_SWAP_SLIP;
}

enum link_strength link_band(const struct link_model *model, const struct link_gamma *g,
                             double alone, double w)
{
	const struct link_model *m = model ? model : link_model_default();
	if (w >= m->likely && !link_gamma_capped(g))
		return g->level[LINK_C_NHS] == LINK_SAME ? LINK_CERTAIN_MATCH : LINK_PROBABLE_MATCH;
	if (alone >= m->possible || w >= m->likely)
		return LINK_POSSIBLE_MATCH;
	return LINK_NONE;
}

/* When the first given and family names agree exactly, names common together (in a
 * community where both are common) count for less than their separate frequencies
 * say: the full name's own frequency is used when the model knows it and it is higher.
 * Returns the correction (<= 0) to add to the two names' weights. */
static double full_name_correction(const struct link_model *m, const struct link_gamma *g,
                                   double wg, double wf)
{
	if (g->level[LINK_C_GIVEN] != LINK_GIVEN_EXACT ||
	    g->level[LINK_C_FAMILY] != LINK_FAMILY_EXACT || !g->ga || !g->fa || g->ga->pos ||
	    g->fa->pos || g->ga->set || g->fa->set || m->tf_full.n == 0)
		return 0.0;
	char key[LINK_TF_TOK_LEN];
	if (link_full_name_key(g->ga->s, g->fa->s, key) != 0)
		return 0.0;
	double f = link_tf_freq(&m->tf_full, key);
	if (f <= m->tf_full.dflt)
		return 0.0; /* not in the table: the separate frequencies stand */
	double joint = m->log2_m_given_exact + m->log2_m_family_exact - log2(f);
	return joint < wg + wf ? joint - (wg + wf) : 0.0;
}

double link_gamma_weight(const struct link_model *model, size_t store_size,
                         const struct link_gamma *g, enum link_strength *strength)
{
	const struct link_model *m = model ? model : link_model_default();
	double w = link_prior_weight(m, store_size);
	for (int c = 0; c < LINK_NCMP; c++)
		w += field_weight(m, g, c);
	w += full_name_correction(m, g, field_weight(m, g, LINK_C_GIVEN),
	                          field_weight(m, g, LINK_C_FAMILY));
	if (strength)
		*strength = link_band(m, g, w, w);
	return w;
}

/* log2(1 + 2^x) without overflow. */
static double log2_1p_exp2(double x)
{
	if (x > 60)
		return x;
	return log2(1.0 + exp2(x));
}

void link_weights_compete(double *w, const bool *skip, size_t n)
{
	if (!w || n < 2)
		return;
	/* The largest counted weight, then the sum of 2^(w - top) over the others than
	 * it, taken directly so that nothing is lost by subtracting. */
	size_t top = n;
	for (size_t i = 0; i < n; i++)
		if (!(skip && skip[i]) && w[i] > -INFINITY && (top == n || w[i] > w[top]))
			top = i;
	if (top == n)
		return;
	double mx = w[top], rest = 0.0;
	for (size_t i = 0; i < n; i++)
		if (i != top && !(skip && skip[i]))
			rest += exp2(w[i] - mx);
	double adj[LINK_COMPETE_MAX];
	for (size_t i = 0; i < n && i < LINK_COMPETE_MAX; i++) {
		double others; /* sum of 2^(w_j - mx) over counted j other than i */
		if (i == top)
			others = rest;
		else if (skip && skip[i])
			others = 1.0 + rest;
		else {
			others = 1.0 + rest - exp2(w[i] - mx);
			if (others < 1.0)
				others = 1.0;
		}
		adj[i] = others > 0 ? log2_1p_exp2(mx + log2(others)) : 0.0;
	}
	for (size_t i = 0; i < n && i < LINK_COMPETE_MAX; i++)
		w[i] -= adj[i];
}

double link_weight_with(const struct link_model *model, size_t store_size,
                        const struct link_person *probe, const struct link_person *cand,
                        enum link_strength *strength)
{
	struct link_gamma g;
	if (!probe || !cand) {
		if (strength)
			*strength = LINK_NONE;
		return -INFINITY;
	}
	link_compare(probe, cand, &g);
	return link_gamma_weight(model, store_size, &g, strength);
}

/* ---- reasons ------------------------------------------------------------- */

/* "elizabeth" -> "Elizabeth", "o neill" -> "O Neill" for display. */
static void display(const char *s, char *out, size_t n)
{
	snprintf(out, n, "%s", s ? s : "");
	bool start = true;
	for (char *p = out; *p; p++) {
		if (start && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		start = *p == ' ' || *p == '-';
	}
}

static const char *commonness(double f)
{
	if (f >= 0.005)
		return ", a common name";
	if (f <= 0.0002)
		return ", an uncommon name";
	return "";
}

static const char *const dob_parts[] = {"year", "month", "day"};

/* Writes the reason for field c into out (n bytes); false if there is none. */
static bool reason_text(const struct link_model *m, const struct link_person *a,
                        const struct link_person *b, const struct link_gamma *g, int c, char *out,
                        size_t n)
{
	char x[LINK_PTOK_LEN + 4], y[LINK_PTOK_LEN + 4], z[LINK_PTOK_LEN + 4];
	int l = g->level[c];
	const char *via = g->name_via_other ? " (through an other name)" : "";
	switch (c) {
	case LINK_C_GIVEN:
		if (!g->ga || !g->gb)
			return false;
		display(g->ga->s, x, sizeof(x));
		display(g->gb->s, y, sizeof(y));
		display(g->canonical, z, sizeof(z));
		switch (l) {
		case LINK_GIVEN_EXACT:
			snprintf(out, n, "same given name (%s%s)%s", x,
			         commonness(link_tf_freq(&m->tf_given, g->ga->s)), via);
			return true;
		case LINK_GIVEN_SHORT:
			/* The table lists some short forms as names of their own (Bill): the
			 * shorter of the two is called the short form. */
			if (g->nick_side != 0 && g->ga->len <= g->gb->len)
				snprintf(out, n, "%s is a usual short form of %s%s", x, y, via);
			else if (g->nick_side != 0)
				snprintf(out, n, "%s is a usual short form of %s%s", y, x, via);
			else
				snprintf(out, n, "%s and %s are both short forms of %s%s", x, y, z,
				         via);
			return true;
		case LINK_GIVEN_VARIANT:
			snprintf(out, n, "%s and %s are spellings of the same name%s", x, y, via);
			return true;
		case LINK_GIVEN_SOUNDS:
			snprintf(out, n, "given name sounds like %s (%s)%s", y, x, via);
			return true;
		case LINK_GIVEN_CLOSE:
			snprintf(out, n, "given name spelt almost the same (%s / %s)%s", x, y, via);
			return true;
		case LINK_GIVEN_MIDDLE:
			snprintf(out, n,
			         "a given name agrees only with a middle or other name (%s)", x);
			return true;
		case LINK_GIVEN_INITIAL:
			snprintf(out, n, "only the initial of the given name agrees (%s / %s)", x,
			         y);
			return true;
		default:
			snprintf(out, n, "different given names (%s / %s)", x, y);
			return true;
		}
	case LINK_C_FAMILY:
		if (l == LINK_FAMILY_SWAPPED) {
			snprintf(out, n, "given and family names recorded the other way round");
			return true;
		}
		if (!g->fa || !g->fb)
			return false;
		display(g->fa->s, x, sizeof(x));
		display(g->fb->s, y, sizeof(y));
		switch (l) {
		case LINK_FAMILY_EXACT:
			snprintf(out, n, "same family name (%s%s)", x,
			         commonness(link_tf_freq(&m->tf_family, g->fa->s)));
			return true;
		case LINK_FAMILY_SOUNDS:
			snprintf(out, n, "family name sounds like %s (%s)", y, x);
			return true;
		case LINK_FAMILY_CLOSE:
			snprintf(out, n, "family name spelt almost the same (%s / %s)", x, y);
			return true;
		default:
			snprintf(out, n, "different family names (%s / %s)", x, y);
			return true;
		}
	case LINK_C_MIDDLE:
		if (!g->ma || !g->mb)
			return false;
		display(g->ma->s, x, sizeof(x));
		display(g->mb->s, y, sizeof(y));
		switch (l) {
		case LINK_MIDDLE_EXACT:
			snprintf(out, n, "same middle name (%s%s)", x,
			         commonness(link_tf_freq(&m->tf_given, g->ma->s)));
			return true;
		case LINK_MIDDLE_SIMILAR:
			snprintf(out, n, "middle names alike (%s / %s)", x, y);
			return true;
		case LINK_MIDDLE_INITIAL:
			snprintf(out, n, "only the initial of a middle name agrees (%s / %s)", x,
			         y);
			return true;
		default:
			snprintf(out, n, "different middle names (%s / %s)", x, y);
			return true;
		}
	case LINK_C_DOB:
		if (l == LINK_DOB_ONE_OFF || l == LINK_DOB_SLIP || l == LINK_DOB_YEAR_ONE ||
		    l == LINK_DOB_YEAR_DIGIT) {
			int k = a->dob.y != b->dob.y ? 0 : a->dob.m != b->dob.m ? 1 : 2;
			int va = k == 0 ? a->dob.y : k == 1 ? a->dob.m : a->dob.d;
			int vb = k == 0 ? b->dob.y : k == 1 ? b->dob.m : b->dob.d;
			snprintf(out, n, "date of birth differs only in the %s (%d / %d)",
			         dob_parts[k], va, vb);
			return true;
		}
		if (l == LINK_DOB_PARTIAL) {
			bool ym = a->dob.m && b->dob.m;
			snprintf(out, n,
			         "only the %s of birth is known on one record, and it agrees",
			         ym ? "year and month" : "year");
			return true;
		}
		break;
	case LINK_C_ADDRESS: {
		const struct link_addr *pa = &a->addr[g->addr_a];
		if (l == LINK_ADDR_SAME)
			snprintf(out, n, "same address (%s)", pa->postcode);
		else if (l == LINK_ADDR_POSTCODE)
			snprintf(out, n, "same postcode (%s)", pa->postcode);
		else if (l == LINK_ADDR_DISTRICT)
			snprintf(out, n, "same postcode district (%s)", pa->outward);
		else
			break;
		return true;
	}
	default:
		break;
	}
	const char *t = link_level_text((enum link_cmp)c, l);
	if (!t)
		return false;
	snprintf(out, n, "%s", t);
	return true;
}

void link_score_with(const struct link_model *model, size_t store_size,
                     const struct link_person *probe, const struct link_person *cand,
                     struct link_result *res)
{
	if (!res)
		return;
	memset(res, 0, sizeof(*res));
	if (!probe || !cand) {
		res->weight = -INFINITY;
		return;
	}
	const struct link_model *m = model ? model : link_model_default();
	struct link_gamma g;
	link_compare(probe, cand, &g);
	res->weight = link_gamma_weight(m, store_size, &g, &res->strength);
	res->probability = link_probability(res->weight);
	memcpy(res->level, g.level, sizeof(res->level));
	/* Reasons, strongest evidence (either way) first; ties in field order. */
	int order[LINK_NCMP], n = 0;
	double fw[LINK_NCMP];
	for (int c = 0; c < LINK_NCMP; c++) {
		fw[c] = field_weight(m, &g, c);
		if (g.level[c] != LINK_NULL && fabs(fw[c]) >= 0.05)
			order[n++] = c;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && fabs(fw[order[j]]) > fabs(fw[order[j - 1]]); j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < n && res->n_reasons < LINK_MAX_REASONS; i++) {
		char buf[320]; /* room for the longest wording; cut to LINK_REASON_LEN */
		if (reason_text(m, probe, cand, &g, order[i], buf, sizeof(buf))) {
			copy_cut(res->reasons[res->n_reasons], LINK_REASON_LEN, buf);
			res->reason_weight[res->n_reasons++] = fw[order[i]];
		}
	}
	double corr = full_name_correction(m, &g, fw[LINK_C_GIVEN], fw[LINK_C_FAMILY]);
	if (corr < -0.5 && res->n_reasons < LINK_MAX_REASONS) {
		snprintf(res->reasons[res->n_reasons], LINK_REASON_LEN,
		         "this full name is common among children");
		res->reason_weight[res->n_reasons++] = corr;
	}
	if (link_gamma_capped(&g) && res->weight >= m->likely &&
	    res->n_reasons < LINK_MAX_REASONS) {
		snprintf(res->reasons[res->n_reasons], LINK_REASON_LEN, "%s",
		         g.level[LINK_C_DOB] == LINK_DOB_DIFFERENT
		                 ? "the dates of birth differ: this may be a brother or sister"
		                 : "the first given names differ: this may be a brother, sister or "
		                   "twin");
		res->reason_weight[res->n_reasons++] = 0.0;
	}
}

void link_score_among(const struct link_model *model, size_t store_size,
                      const struct link_person *probe, const struct link_person *cand, double alone,
                      double w, struct link_result *res)
{
	link_score_with(model, store_size, probe, cand, res);
	if (!res || !probe || !cand)
		return;
	const struct link_model *m = model ? model : link_model_default();
	struct link_gamma g;
	link_compare(probe, cand, &g);
	res->weight = w;
	res->probability = link_probability(w);
	res->strength = link_band(m, &g, alone, w);
	if (alone - w >= 0.5 && res->n_reasons < LINK_MAX_REASONS) {
		snprintf(res->reasons[res->n_reasons], LINK_REASON_LEN,
		         "another child found matches the details too");
		res->reason_weight[res->n_reasons++] = w - alone;
	}
}

void link_score(const struct link_person *probe, const struct link_person *cand,
                struct link_result *res)
{
	link_score_with(NULL, 0, probe, cand, res);
}

double link_score_weight(const struct link_person *probe, const struct link_person *cand,
                         enum link_strength *strength)
{
	return link_weight_with(NULL, 0, probe, cand, strength);
}

const char *link_strength_name(enum link_strength s)
{
	switch (s) {
	case LINK_CERTAIN_MATCH:
		return "certain";
	case LINK_PROBABLE_MATCH:
		return "probable";
	case LINK_POSSIBLE_MATCH:
		return "possible";
	default:
		return "none";
	}
}
