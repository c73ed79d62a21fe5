/*
 * match.c: the person matcher behind R-REC-1 (one record per child). Compares two
 * prepared records field by field, adds Fellegi-Sunter style weights (documented in
 * match.h) and explains each contribution in words a practitioner can check.
 */
#include "link/match.h"

#include <ctype.h>

#include "link/nicknames.h"

/* ---- preparation --------------------------------------------------------- */

static void code_tokens(const struct link_tokens *t, struct link_ptok *out, int *n)
{
	*n = 0;
	for (int i = 0; i < t->n && i < LINK_MAX_TOK; i++) {
		struct link_ptok *p = &out[(*n)++];
		memcpy(p->s, t->tok[i], LINK_TOK_LEN);
		if (link_double_metaphone(p->s, p->dm1, p->dm2) != 0)
			p->dm1[0] = p->dm2[0] = '\0';
		if (link_soundex(p->s, LINK_SOUNDEX_NARA, p->sdx) != 0)
			p->sdx[0] = '\0';
	}
}

static bool present(const char *s)
{
	return s && *s;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Keeps the parts of a date of birth that make sense; returns false if something was
 * dropped. */
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

int link_person_prepare(const struct link_person_in *in, struct link_person *out)
{
	if (!in || !out)
		return -1;
	memset(out, 0, sizeof(*out));
	struct link_tokens t;
	struct link_pname *main = &out->names[0];
	if (link_normalise_name(in->given, &t) == 0)
		code_tokens(&t, main->given, &main->n_given);
	else if (present(in->given))
		out->rejected |= LINK_REJ_GIVEN;
	if (link_normalise_name(in->family, &t) == 0)
		code_tokens(&t, main->family, &main->n_family);
	else if (present(in->family))
		out->rejected |= LINK_REJ_FAMILY;
	out->n_names = 1;
	for (int i = 0; i < in->n_aliases && i < LINK_MAX_ALIASES; i++) {
		struct link_full_name fn;
		if (!present(in->aliases[i]))
			continue;
		if (link_split_full_name(in->aliases[i], &fn) != 0) {
			out->rejected |= LINK_REJ_ALIAS;
			continue;
		}
		struct link_pname *a = &out->names[out->n_names];
		code_tokens(&fn.given, a->given, &a->n_given);
		code_tokens(&fn.family, a->family, &a->n_family);
		if (a->n_given + a->n_family > 0)
			out->n_names++;
	}
	if (!clean_dob(in->dob, &out->dob))
		out->rejected |= LINK_REJ_DOB;
	char g = (char)toupper((unsigned char)in->gender);
	if (g == 'F' || g == 'M' || g == 'X')
		out->gender = g;
	else if (in->gender)
		out->rejected |= LINK_REJ_GENDER;
	if (present(in->postcode)) {
		int rc = link_normalise_postcode(in->postcode, out->postcode, out->outward);
		if (rc < 0) {
			/* Not a UK postcode: keep short alphanumeric codes for exact comparison. */
			size_t n = 0;
			bool ok = true;
			for (const char *p = in->postcode; *p && ok; p++) {
				if (*p == ' ')
					continue;
				if (!isalnum((unsigned char)*p) ||
				    n + 1 >= sizeof(out->postcode_other))
					ok = false;
				else
					out->postcode_other[n++] = (char)toupper((unsigned char)*p);
			}
			out->postcode_other[ok ? n : 0] = '\0';
			if (!ok || n == 0)
				out->rejected |= LINK_REJ_POSTCODE;
		}
	}
	if (present(in->nhs) && link_normalise_nhs(in->nhs, out->nhs) != 0)
		out->rejected |= LINK_REJ_NHS;
	if (present(in->phone) && link_normalise_phone(in->phone, out->phone) != 0)
		out->rejected |= LINK_REJ_PHONE;
	return 0;
}

/* ---- comparison ---------------------------------------------------------- */

enum level { L_NONE, L_INITIAL, L_NEAR, L_CLOSE, L_PHONETIC, L_NICK, L_EXACT };

struct name_cmp {
	enum level level;
	const struct link_ptok *a, *b;
	enum link_nick_relation rel;
	const char *canonical;
	int ia, ib; /* name sets (0 = main name) */
};

static bool dm_agree(const struct link_ptok *a, const struct link_ptok *b)
{
	if (!a->dm1[0] || !b->dm1[0])
		return false;
	/* One-letter codes ("A" for "Ai") say too little. */
	if (strlen(a->dm1) < 2 && strlen(b->dm1) < 2)
		return false;
	return strcmp(a->dm1, b->dm1) == 0 || strcmp(a->dm1, b->dm2) == 0 ||
	       strcmp(a->dm2, b->dm1) == 0 || strcmp(a->dm2, b->dm2) == 0;
}

/* How well two tokens agree; nick enables the nickname table (given names). */
static enum level token_level(const struct link_ptok *a, const struct link_ptok *b, bool nick,
                              enum link_nick_relation *rel, const char **canonical)
{
	*rel = LINK_NICK_NONE;
	*canonical = NULL;
	if (strcmp(a->s, b->s) == 0)
		return L_EXACT;
	size_t la = strlen(a->s), lb = strlen(b->s);
	if (la == 1 || lb == 1)
		return a->s[0] == b->s[0] ? L_INITIAL : L_NONE;
	if (nick) {
		*rel = link_nickname_relation(a->s, b->s, canonical);
		if (*rel == LINK_NICK_NICKNAME || *rel == LINK_NICK_VARIANT)
			return L_NICK;
	}
	if (dm_agree(a, b))
		return L_PHONETIC;
	double jw = link_jaro_winkler(a->s, b->s);
	if (jw >= 0.90)
		return L_CLOSE;
	if (jw >= 0.80 && link_damerau_levenshtein(a->s, b->s) <= 2)
		return L_NEAR;
	return L_NONE;
}

/* Best agreement between any token of list A and any of list B. */
static void best_tokens(const struct link_ptok *A, int na, const struct link_ptok *B, int nb,
                        bool nick, int ia, int ib, struct name_cmp *best)
{
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++) {
			if (best->level == L_EXACT)
				return;
			enum link_nick_relation rel;
			const char *canon;
			enum level l = token_level(&A[i], &B[j], nick, &rel, &canon);
			if (l > best->level) {
				*best = (struct name_cmp){l, &A[i], &B[j], rel, canon, ia, ib};
			}
		}
}

/* Compares given (family == false) or family names over all name sets of both
 * people; *both_present tells whether any pair had tokens on both sides. */
static struct name_cmp compare_names(const struct link_person *p, const struct link_person *c,
                                     bool family, bool *both_present)
{
	struct name_cmp best = {L_NONE, NULL, NULL, LINK_NICK_NONE, NULL, 0, 0};
	*both_present = false;
	for (int i = 0; i < p->n_names; i++)
		for (int j = 0; j < c->n_names; j++) {
			const struct link_pname *a = &p->names[i], *b = &c->names[j];
			int na = family ? a->n_family : a->n_given;
			int nb = family ? b->n_family : b->n_given;
			if (na == 0 || nb == 0)
				continue;
			*both_present = true;
			best_tokens(family ? a->family : a->given, na,
			            family ? b->family : b->given, nb, !family, i, j, &best);
		}
	return best;
}

static const double given_w[] = {
        [L_NONE] = LINK_W_GIVEN_DISAGREE,     [L_INITIAL] = LINK_W_GIVEN_INITIAL,
        [L_NEAR] = LINK_W_GIVEN_NEAR,         [L_CLOSE] = LINK_W_GIVEN_CLOSE,
        [L_PHONETIC] = LINK_W_GIVEN_PHONETIC, [L_NICK] = LINK_W_GIVEN_NICKNAME,
        [L_EXACT] = LINK_W_GIVEN_EXACT,
};
static const double family_w[] = {
        [L_NONE] = LINK_W_FAMILY_DISAGREE,     [L_INITIAL] = LINK_W_FAMILY_DISAGREE,
        [L_NEAR] = LINK_W_FAMILY_NEAR,         [L_CLOSE] = LINK_W_FAMILY_CLOSE,
        [L_PHONETIC] = LINK_W_FAMILY_PHONETIC, [L_NICK] = LINK_W_FAMILY_PHONETIC,
        [L_EXACT] = LINK_W_FAMILY_EXACT,
};

__attribute__((format(printf, 2, 3))) static void reason(struct link_result *r, const char *fmt,
                                                         ...)
{
	if (!r || r->n_reasons >= LINK_MAX_REASONS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reasons[r->n_reasons++], LINK_REASON_LEN, fmt, ap);
	va_end(ap);
}

/* "elizabeth" -> "Elizabeth" for display. */
static void display(const char *s, char out[LINK_TOK_LEN])
{
	snprintf(out, LINK_TOK_LEN, "%s", s ? s : "");
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

static void alias_reason(const struct link_person *p, const struct link_person *c,
                         const struct name_cmp *m, const char *what, struct link_result *r)
{
	if (!r || (m->ia == 0 && m->ib == 0))
		return;
	reason(r, "%s matched through an alias ('%s' / '%s')", what, m->a->s, m->b->s);
}

static void name_reason(const struct name_cmp *m, bool family, struct link_result *r)
{
	const char *what = family ? "family name" : "given name";
	char canon[LINK_TOK_LEN];
	if (!r)
		return;
	switch (m->level) {
	case L_EXACT:
		reason(r, "%s is the same ('%s')", what, m->a->s);
		break;
	case L_NICK:
		display(m->canonical, canon);
		if (m->rel == LINK_NICK_VARIANT)
			reason(r, "%s '%s' is a known spelling variant of '%s' ('%s')", what,
			       m->a->s, canon, m->b->s);
		else if (strcmp(m->a->s, m->canonical) == 0 || strcmp(m->b->s, m->canonical) == 0)
			reason(r, "%s is a known nickname of '%s' ('%s' / '%s')", what, canon,
			       m->a->s, m->b->s);
		else
			reason(r, "%s: '%s' and '%s' are both nicknames of '%s'", what, m->a->s,
			       m->b->s, canon);
		break;
	case L_PHONETIC:
		reason(r, "%s sounds the same (Double Metaphone: '%s' / '%s')", what, m->a->s,
		       m->b->s);
		break;
	case L_CLOSE:
	case L_NEAR:
		reason(r, "%s is spelt similarly ('%s' / '%s')", what, m->a->s, m->b->s);
		break;
	case L_INITIAL:
		reason(r, "%s initial agrees ('%s' / '%s')", what, m->a->s, m->b->s);
		break;
	case L_NONE:
		reason(r, "%ss differ", what);
		break;
	}
}

static bool digit_typo(int a, int b)
{
	char x[8], y[8];
	snprintf(x, sizeof(x), "%04d", a);
	snprintf(y, sizeof(y), "%04d", b);
	int diff = 0;
	for (int i = 0; i < 4; i++)
		diff += x[i] != y[i];
	return diff == 1;
}

/* True if two equal-length digit strings differ by one substituted digit or one
 * transposition of adjacent digits. */
static bool one_slip(const char *a, const char *b)
{
	int first = -1, n = 0;
	for (int i = 0; a[i] && b[i]; i++)
		if (a[i] != b[i]) {
			if (first < 0)
				first = i;
			n++;
		}
	if (n == 1)
		return true;
	return n == 2 && a[first + 1] && a[first] == b[first + 1] && a[first + 1] == b[first];
}

/* Date of birth weight (R-REC-1: swapped day and month, partial dates). */
static double score_dob(struct link_dob a, struct link_dob b, struct link_result *r)
{
	if (a.y == 0 || b.y == 0)
		return 0.0;
	bool full = a.m && a.d && b.m && b.d;
	if (full) {
		if (a.y == b.y && a.m == b.m && a.d == b.d) {
			reason(r, "date of birth matches");
			return LINK_W_DOB_EXACT;
		}
		if (a.y == b.y && a.d == b.m && a.m == b.d) {
			reason(r, "date of birth matches with day and month swapped");
			return LINK_W_DOB_SWAPPED;
		}
		if (a.m == b.m && a.d == b.d && (abs(a.y - b.y) == 1 || digit_typo(a.y, b.y))) {
			reason(r, "date of birth matches except for the year (%d / %d)", a.y, b.y);
			return LINK_W_DOB_YEAR_TYPO;
		}
		char da[16], db[16];
		snprintf(da, sizeof(da), "%04d%02d%02d", a.y, a.m, a.d);
		snprintf(db, sizeof(db), "%04d%02d%02d", b.y, b.m, b.d);
		if (one_slip(da, db)) {
			reason(r, "date of birth differs by one mistyped digit");
			return LINK_W_DOB_DIGIT_TYPO;
		}
		if (a.y == b.y && (a.m == b.m || a.d == b.d)) {
			reason(r, "date of birth: year agrees and only the %s differs",
			       a.m == b.m ? "day" : "month");
			return LINK_W_DOB_DAY_OR_MONTH;
		}
		reason(r, "dates of birth differ");
		return LINK_W_DOB_DISAGREE;
	}
	/* At least one side is partial: compare what both have. */
	if (a.y != b.y) {
		reason(r, "year of birth differs (%d / %d)", a.y, b.y);
		return LINK_W_DOB_DISAGREE;
	}
	if (a.m && b.m) {
		if (a.m == b.m) {
			reason(r, "partial date of birth agrees (year and month)");
			return LINK_W_DOB_PARTIAL_YM;
		}
		if (a.d && a.d == b.m) { /* b lacks a day; a's day may be b's month */
			reason(r, "partial date of birth agrees if day and month were swapped");
			return LINK_W_DOB_PARTIAL_Y;
		}
		reason(r, "month of birth differs");
		return LINK_W_DOB_DISAGREE;
	}
	reason(r, "partial date of birth agrees (year)");
	return LINK_W_DOB_PARTIAL_Y;
}

static double score_core(const struct link_person *p, const struct link_person *c,
                         struct link_result *r, enum link_strength *strength)
{
	double w = 0;
	int nhs = 0; /* 1 same, -1 conflict */
	if (p->nhs[0] && c->nhs[0]) {
		if (strcmp(p->nhs, c->nhs) == 0) {
			nhs = 1;
			w += LINK_W_NHS_SAME;
			reason(r, "same NHS number");
		} else {
			nhs = -1;
			w += LINK_W_NHS_CONFLICT;
			reason(r, "different NHS numbers (strong evidence against)");
		}
	}

	bool gp, fp;
	struct name_cmp g = compare_names(p, c, false, &gp);
	struct name_cmp f = compare_names(p, c, true, &fp);
	/* Given and family names recorded the wrong way round. */
	bool swapped = false;
	if (gp && fp && g.level < L_NEAR && f.level < L_NEAR) {
		struct name_cmp x = {L_NONE, NULL, NULL, LINK_NICK_NONE, NULL, 0, 0};
		struct name_cmp y = x;
		const struct link_pname *a = &p->names[0], *b = &c->names[0];
		best_tokens(a->given, a->n_given, b->family, b->n_family, false, 0, 0, &x);
		best_tokens(a->family, a->n_family, b->given, b->n_given, true, 0, 0, &y);
		if (x.level >= L_NEAR && y.level >= L_NEAR &&
		    (x.level >= L_PHONETIC || y.level >= L_PHONETIC)) {
			swapped = true;
			w += given_w[y.level] + family_w[x.level] + LINK_W_NAMES_SWAPPED;
			reason(r, "given and family names appear swapped ('%s %s' / '%s %s')",
			       a->given[0].s, a->family[0].s, b->given[0].s, b->family[0].s);
		}
	}
	if (!swapped) {
		if (fp) {
			w += family_w[f.level];
			name_reason(&f, true, r);
			if (f.level > L_INITIAL)
				alias_reason(p, c, &f, "family name", r);
		}
		if (gp) {
			w += given_w[g.level];
			name_reason(&g, false, r);
			if (g.level > L_NONE)
				alias_reason(p, c, &g, "given name", r);
		}
	}

	w += score_dob(p->dob, c->dob, r);

	if (p->gender && c->gender) {
		if (p->gender == c->gender) {
			w += LINK_W_GENDER_SAME;
		} else {
			w += LINK_W_GENDER_DIFF;
			reason(r, "recorded gender differs");
		}
	}

	if (p->postcode[0] && c->postcode[0] && strcmp(p->postcode, c->postcode) == 0) {
		w += LINK_W_POSTCODE_SAME;
		reason(r, "same postcode (%s)", p->postcode);
	} else if (p->outward[0] && c->outward[0]) {
		if (strcmp(p->outward, c->outward) == 0) {
			w += LINK_W_POSTCODE_OUTWARD;
			reason(r, "same postcode district (%s)", p->outward);
		} else {
			w += LINK_W_POSTCODE_DIFF;
		}
	} else if (p->postcode_other[0] && c->postcode_other[0]) {
		if (strcmp(p->postcode_other, c->postcode_other) == 0) {
			w += LINK_W_POSTCODE_SAME;
			reason(r, "same postal code (%s)", p->postcode_other);
		} else {
			w += LINK_W_POSTCODE_DIFF;
		}
	}

	if (p->phone[0] && c->phone[0] && strcmp(p->phone, c->phone) == 0) {
		w += LINK_W_PHONE_SAME;
		reason(r, "same phone number");
	}

	enum link_strength s;
	if (nhs == 1)
		s = LINK_CERTAIN_MATCH; /* decisive */
	else if (w >= LINK_CERTAIN && nhs == 0)
		s = LINK_CERTAIN_MATCH;
	else if (w >= LINK_PROBABLE && nhs == 0)
		s = LINK_PROBABLE_MATCH;
	else if (w >= LINK_POSSIBLE || (nhs == -1 && w >= LINK_PROBABLE))
		s = LINK_POSSIBLE_MATCH;
	else
		s = LINK_NONE;
	*strength = s;
	return w;
}

void link_score(const struct link_person *probe, const struct link_person *cand,
                struct link_result *res)
{
	if (!res)
		return;
	memset(res, 0, sizeof(*res));
	if (!probe || !cand)
		return;
	res->weight = score_core(probe, cand, res, &res->strength);
}

double link_score_weight(const struct link_person *probe, const struct link_person *cand,
                         enum link_strength *strength)
{
	enum link_strength s = LINK_NONE;
	double w = 0;
	if (probe && cand)
		w = score_core(probe, cand, NULL, &s);
	if (strength)
		*strength = s;
	return w;
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

/* ---- blocking ------------------------------------------------------------ */

__attribute__((format(printf, 4, 5))) static void add_key(char keys[][LINK_KEY_LEN], int *n,
                                                          int max, const char *fmt, ...)
{
	if (*n >= max)
		return;
	char k[LINK_KEY_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(k, sizeof(k), fmt, ap);
	va_end(ap);
	for (int i = 0; i < *n; i++)
		if (strcmp(keys[i], k) == 0)
			return;
	memcpy(keys[(*n)++], k, LINK_KEY_LEN);
}

int link_blocking_keys(const struct link_person *p, char keys[][LINK_KEY_LEN], int max)
{
	int n = 0;
	if (!p || !keys || max <= 0)
		return 0;
	if (p->nhs[0])
		add_key(keys, &n, max, "H:%s", p->nhs);
	if (p->dob.y && p->dob.m && p->dob.d) {
		int a = p->dob.m < p->dob.d ? p->dob.m : p->dob.d;
		int b = p->dob.m < p->dob.d ? p->dob.d : p->dob.m;
		add_key(keys, &n, max, "D:%04d-%02d-%02d", p->dob.y, a, b);
	} else if (p->dob.y && p->dob.m) {
		add_key(keys, &n, max, "Y:%04d-%02d", p->dob.y, p->dob.m);
	}
	for (int i = 0; i < p->n_names; i++) {
		const struct link_pname *nm = &p->names[i];
		for (int j = 0; j < nm->n_family; j++) {
			if (nm->family[j].dm1[0])
				add_key(keys, &n, max, "F:%s", nm->family[j].dm1);
			if (nm->family[j].dm2[0])
				add_key(keys, &n, max, "F:%s", nm->family[j].dm2);
			/* Lets a record with given and family names reversed meet this one. */
			if (nm->family[j].sdx[0] && p->dob.y)
				add_key(keys, &n, max, "G:%s:%04d", nm->family[j].sdx, p->dob.y);
		}
		for (int j = 0; j < nm->n_given; j++) {
			if (strlen(nm->given[j].s) < 2)
				continue; /* an initial is too broad a key */
			/* Given-name keys carry the year of birth when known, so that
			 * they stay selective in a large store. */
			if (nm->given[j].sdx[0])
				add_key(keys, &n, max, "G:%s:%04d", nm->given[j].sdx, p->dob.y);
			const char *groups[4];
			int ng = link_nickname_groups(nm->given[j].s, groups, 4);
			for (int k = 0; k < ng; k++)
				add_key(keys, &n, max, "N:%.20s:%04d", groups[k], p->dob.y);
		}
	}
	if (p->phone[0])
		add_key(keys, &n, max, "T:%s", p->phone);
	return n;
}
