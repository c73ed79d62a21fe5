/*
 * similarity.c: Jaro, Jaro-Winkler, edit distances, Soundex and Double Metaphone for
 * name matching (R-REC-1). The behaviour each function copies is stated in
 * similarity.h; the tests compare against reference vectors from independent
 * implementations.
 */
#include "link/similarity.h"

#include <ctype.h>
#include <utf8proc.h>

#include "util/parse.h"

#define MAXCP LINK_SIM_MAX /* a code point is at least one byte */

/* Decodes valid UTF-8 of at most LINK_SIM_MAX bytes into code points; -1 otherwise. */
static int decode(const char *s, int32_t cp[MAXCP], int *n)
{
	if (!s)
		return -1;
	size_t len = strnlen(s, LINK_SIM_MAX + 1);
	if (len > LINK_SIM_MAX || !utf8_valid(s, len))
		return -1;
	int k = 0;
	for (size_t i = 0; i < len;) {
		int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &c);
		if (m <= 0 || k >= MAXCP)
			return -1;
		cp[k++] = c;
		i += (size_t)m;
	}
	*n = k;
	return 0;
}

/* Jaro on decoded strings; also reports the common prefix length (capped at 4, not
 * counting digits) for Winkler's adjustment. */
static double jaro_cp(const int32_t *a, int la, const int32_t *b, int lb)
{
	if (la == 0 || lb == 0)
		return 0.0;
	int range = (la > lb ? la : lb) / 2 - 1;
	if (range < 0)
		range = 0;
	bool fa[MAXCP] = {false}, fb[MAXCP] = {false};
	int common = 0;
	for (int i = 0; i < la; i++) {
		int lo = i >= range ? i - range : 0;
		int hi = i + range <= lb - 1 ? i + range : lb - 1;
		for (int j = lo; j <= hi; j++) {
			if (!fb[j] && b[j] == a[i]) {
				fa[i] = fb[j] = true;
				common++;
				break;
			}
		}
	}
	if (common == 0)
		return 0.0;
	int trans = 0, k = 0;
	for (int i = 0; i < la; i++) {
		if (!fa[i])
			continue;
		int j;
		for (j = k; j < lb; j++) {
			if (fb[j]) {
				k = j + 1;
				break;
			}
		}
		if (j < lb && a[i] != b[j])
			trans++;
	}
	trans /= 2;
	return ((double)common / la + (double)common / lb + (double)(common - trans) / common) /
	       3.0;
}

double link_jaro(const char *a, const char *b)
{
	int32_t x[MAXCP], y[MAXCP];
	int lx, ly;
	if (decode(a, x, &lx) != 0 || decode(b, y, &ly) != 0)
		return -1.0;
	return jaro_cp(x, lx, y, ly);
}

double link_jaro_winkler(const char *a, const char *b)
{
	int32_t x[MAXCP], y[MAXCP];
	int lx, ly;
	if (decode(a, x, &lx) != 0 || decode(b, y, &ly) != 0)
		return -1.0;
	double w = jaro_cp(x, lx, y, ly);
	int lim = lx < ly ? lx : ly;
	if (lim > 4)
		lim = 4;
	int p = 0;
	while (p < lim && x[p] == y[p] && !(x[p] >= '0' && x[p] <= '9'))
		p++;
	return w + p * 0.1 * (1.0 - w);
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;
	return m < c ? m : c;
}

/* Levenshtein (osa = false) or optimal string alignment (osa = true). Two rows
 * suffice for Levenshtein; OSA needs the row before. */
static int edit_distance(const char *a, const char *b, bool osa)
{
	int32_t x[MAXCP], y[MAXCP];
	int lx, ly;
	if (decode(a, x, &lx) != 0 || decode(b, y, &ly) != 0)
		return -1;
	int r0[MAXCP + 1], r1[MAXCP + 1], r2[MAXCP + 1];
	int *pp = r0, *prev = r1, *cur = r2;
	for (int j = 0; j <= ly; j++)
		prev[j] = j;
	for (int i = 1; i <= lx; i++) {
		cur[0] = i;
		for (int j = 1; j <= ly; j++) {
			int cost = x[i - 1] == y[j - 1] ? 0 : 1;
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (osa && i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
			    pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
		}
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[ly];
}

int link_levenshtein(const char *a, const char *b)
{
	return edit_distance(a, b, false);
}

int link_osa_distance(const char *a, const char *b)
{
	return edit_distance(a, b, true);
}

int link_damerau_levenshtein(const char *a, const char *b)
{
	/* Lowrance-Wagner: the full matrix plus, per code point, the last row it was
	 * seen in. At most 200 x 200, so the matrix lives in static-sized heap. */
	int32_t x[MAXCP], y[MAXCP];
	int lx, ly;
	if (decode(a, x, &lx) != 0 || decode(b, y, &ly) != 0)
		return -1;
	int w = ly + 2;
	int *d = malloc(sizeof(int) * (size_t)(lx + 2) * (size_t)w);
	if (!d)
		return -1;
	int32_t seen_cp[2 * MAXCP];
	int seen_row[2 * MAXCP];
	int nseen = 0;
	int maxd = lx + ly;
#define D(i, j) d[(i)*w + (j)]
	D(0, 0) = maxd;
	for (int i = 0; i <= lx; i++) {
		D(i + 1, 0) = maxd;
		D(i + 1, 1) = i;
	}
	for (int j = 0; j <= ly; j++) {
		D(0, j + 1) = maxd;
		D(1, j + 1) = j;
	}
	for (int i = 1; i <= lx; i++) {
		int db = 0;
		for (int j = 1; j <= ly; j++) {
			int i1 = 0;
			for (int k = 0; k < nseen; k++)
				if (seen_cp[k] == y[j - 1]) {
					i1 = seen_row[k];
					break;
				}
			int j1 = db;
			int cost = 1;
			if (x[i - 1] == y[j - 1]) {
				cost = 0;
				db = j;
			}
			int v = min3(D(i, j) + cost, D(i + 1, j) + 1, D(i, j + 1) + 1);
			int t = D(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1);
			D(i + 1, j + 1) = v < t ? v : t;
		}
		int k;
		for (k = 0; k < nseen; k++)
			if (seen_cp[k] == x[i - 1])
				break;
		if (k == nseen) {
			seen_cp[nseen] = x[i - 1];
			nseen++;
		}
		seen_row[k] = i;
	}
	int r = D(lx + 1, ly + 1);
#undef D
	free(d);
	return r;
}

/* Soundex digit of an upper-case letter; '0' for vowels, Y, H and W. */
static char sdx_code(char c)
{
	switch (c) {
	case 'B':
	case 'F':
	case 'P':
	case 'V':
		return '1';
	case 'C':
	case 'G':
	case 'J':
	case 'K':
	case 'Q':
	case 'S':
	case 'X':
	case 'Z':
		return '2';
	case 'D':
	case 'T':
		return '3';
	case 'L':
		return '4';
	case 'M':
	case 'N':
		return '5';
	case 'R':
		return '6';
	default:
		return '0';
	}
}

int link_soundex(const char *s, enum link_soundex_variant v, char out[LINK_SOUNDEX_LEN])
{
	if (!out)
		return -1;
	out[0] = '\0';
	if (!s)
		return -1;
	size_t len = strnlen(s, LINK_SIM_MAX + 1);
	if (len > LINK_SIM_MAX || !utf8_valid(s, len))
		return -1;
	char up[LINK_SIM_MAX + 1];
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (isalpha((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
			up[n++] = (char)toupper((unsigned char)s[i]);
	if (n == 0)
		return 0;
	int k = 0;
	out[k++] = up[0];
	char last = sdx_code(up[0]);
	for (size_t i = 1; i < n && k < 4; i++) {
		char c = up[i];
		char code = sdx_code(c);
		if (code == '0') {
			if (v == LINK_SOUNDEX_SIMPLE || (c != 'H' && c != 'W'))
				last = '0';
			continue;
		}
		if (code != last)
			out[k++] = code;
		last = code;
	}
	while (k < 4)
		out[k++] = '0';
	out[k] = '\0';
	return 0;
}

/* ---- Double Metaphone ---------------------------------------------------- */

/* Working state: the upper-cased word followed by five spaces, as in Philips'
 * reference, so that look-ahead past the end sees spaces. */
struct dm {
	char w[LINK_SIM_MAX + 6];
	int len;  /* word length without padding */
	int plen; /* with padding */
	char p[LINK_DM_LEN], a[LINK_DM_LEN];
	int np, na;
	bool slavo;
};

static char at(const struct dm *d, int i)
{
	return i < 0 || i >= d->plen ? '\0' : d->w[i];
}

static bool vowel(const struct dm *d, int i)
{
	char c = at(d, i);
	return c && strchr("AEIOUY", c);
}

/* True if one of the NULL-terminated candidates (each `n` chars) starts at `start`. */
static bool sat_list(const struct dm *d, int start, int n, const char *const *cands)
{
	if (start < 0 || start >= d->plen || start + n > d->plen)
		return false;
	for (; *cands; cands++)
		if (memcmp(d->w + start, *cands, (size_t)n) == 0)
			return true;
	return false;
}
#define SAT(d, start, n, ...) sat_list((d), (start), (n), (const char *const[]){__VA_ARGS__, NULL})

static void add1(char *code, int *nc, const char *s)
{
	for (; *s && *nc < LINK_DM_MAX; s++)
		code[(*nc)++] = *s;
	code[*nc] = '\0';
}

/* Appends main to the primary code and alt (or main when alt is NULL) to the
 * alternate. */
static void add(struct dm *d, const char *main, const char *alt)
{
	add1(d->p, &d->np, main);
	add1(d->a, &d->na, alt ? alt : main);
}

static int dm_c(struct dm *d, int cur)
{
	if (cur > 1 && !vowel(d, cur - 2) && SAT(d, cur - 1, 3, "ACH") && at(d, cur + 2) != 'I' &&
	    (at(d, cur + 2) != 'E' || SAT(d, cur - 2, 6, "BACHER", "MACHER"))) {
		add(d, "K", NULL);
		return cur + 2;
	}
	if (cur == 0 && SAT(d, cur, 6, "CAESAR")) {
		add(d, "S", NULL);
		return cur + 2;
	}
	if (SAT(d, cur, 4, "CHIA")) {
		add(d, "K", NULL);
		return cur + 2;
	}
	if (SAT(d, cur, 2, "CH")) {
		if (cur > 0 && SAT(d, cur, 4, "CHAE")) {
			add(d, "K", "X");
			return cur + 2;
		}
		if (cur == 0 &&
		    (SAT(d, cur + 1, 5, "HARAC", "HARIS") ||
		     SAT(d, cur + 1, 3, "HOR", "HYM", "HIA", "HEM")) &&
		    !SAT(d, 0, 5, "CHORE")) {
			add(d, "K", NULL);
			return cur + 2;
		}
		if (SAT(d, 0, 4, "VAN ", "VON ") || SAT(d, 0, 3, "SCH") ||
		    SAT(d, cur - 2, 6, "ORCHES", "ARCHIT", "ORCHID") ||
		    SAT(d, cur + 2, 1, "T", "S") ||
		    ((SAT(d, cur - 1, 1, "A", "O", "U", "E") || cur == 0) &&
		     SAT(d, cur + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " "))) {
			add(d, "K", NULL);
		} else if (cur > 0) {
			if (SAT(d, 0, 2, "MC"))
				add(d, "K", NULL);
			else
				add(d, "X", "K");
		} else {
			add(d, "X", NULL);
		}
		return cur + 2;
	}
	if (SAT(d, cur, 2, "CZ") && !SAT(d, cur - 2, 4, "WICZ")) {
		add(d, "S", "X");
		return cur + 2;
	}
	if (SAT(d, cur + 1, 3, "CIA")) {
		add(d, "X", NULL);
		return cur + 3;
	}
	if (SAT(d, cur, 2, "CC") && !(cur == 1 && at(d, 0) == 'M')) {
		if (SAT(d, cur + 2, 1, "I", "E", "H") && !SAT(d, cur + 2, 2, "HU")) {
			if ((cur == 1 && at(d, cur - 1) == 'A') ||
			    SAT(d, cur - 1, 5, "UCCEE", "UCCES"))
				add(d, "KS", NULL);
			else
				add(d, "X", NULL);
			return cur + 3;
		}
		add(d, "K", NULL);
		return cur + 2;
	}
	if (SAT(d, cur, 2, "CK", "CG", "CQ")) {
		add(d, "K", NULL);
		return cur + 2;
	}
	if (SAT(d, cur, 2, "CI", "CE", "CY")) {
		if (SAT(d, cur, 3, "CIO", "CIE", "CIA"))
			add(d, "S", "X");
		else
			add(d, "S", NULL);
		return cur + 2;
	}
	add(d, "K", NULL);
	if (SAT(d, cur + 1, 2, " C", " Q", " G"))
		return cur + 3;
	if (SAT(d, cur + 1, 1, "C", "K", "Q") && !SAT(d, cur + 1, 2, "CE", "CI"))
		return cur + 2;
	return cur + 1;
}

static int dm_g(struct dm *d, int cur)
{
	if (at(d, cur + 1) == 'H') {
		if (cur > 0 && !vowel(d, cur - 1)) {
			add(d, "K", NULL);
			return cur + 2;
		}
		if (cur == 0) {
			add(d, at(d, cur + 2) == 'I' ? "J" : "K", NULL);
			return cur + 2;
		}
		if ((cur > 1 && SAT(d, cur - 2, 1, "B", "H", "D")) ||
		    (cur > 2 && SAT(d, cur - 3, 1, "B", "H", "D")) ||
		    (cur > 3 && SAT(d, cur - 4, 1, "B", "H")))
			return cur + 2;
		if (cur > 2 && at(d, cur - 1) == 'U' && SAT(d, cur - 3, 1, "C", "G", "L", "R", "T"))
			add(d, "F", NULL);
		else if (cur > 0 && at(d, cur - 1) != 'I')
			add(d, "K", NULL);
		return cur + 2;
	}
	if (at(d, cur + 1) == 'N') {
		if (cur == 1 && vowel(d, 0) && !d->slavo)
			add(d, "KN", "N");
		else if (!SAT(d, cur + 2, 2, "EY") && at(d, cur + 1) != 'Y' && !d->slavo)
			add(d, "N", "KN");
		else
			add(d, "KN", NULL);
		return cur + 2;
	}
	if (SAT(d, cur + 1, 2, "LI") && !d->slavo) {
		add(d, "KL", "L");
		return cur + 2;
	}
	if (cur == 0 && (at(d, cur + 1) == 'Y' || SAT(d, cur + 1, 2, "ES", "EP", "EB", "EL", "EY",
	                                              "IB", "IL", "IN", "IE", "EI", "ER"))) {
		add(d, "K", "J");
		return cur + 2;
	}
	if ((SAT(d, cur + 1, 2, "ER") || at(d, cur + 1) == 'Y') &&
	    !SAT(d, 0, 6, "DANGER", "RANGER", "MANGER") && !SAT(d, cur - 1, 1, "E", "I") &&
	    !SAT(d, cur - 1, 3, "RGY", "OGY")) {
		add(d, "K", "J");
		return cur + 2;
	}
	if (SAT(d, cur + 1, 1, "E", "I", "Y") || SAT(d, cur - 1, 4, "AGGI", "OGGI")) {
		if (SAT(d, 0, 4, "VAN ", "VON ") || SAT(d, 0, 3, "SCH") || SAT(d, cur + 1, 2, "ET"))
			add(d, "K", NULL);
		else if (SAT(d, cur + 1, 4, "IER "))
			add(d, "J", NULL);
		else
			add(d, "J", "K");
		return cur + 2;
	}
	add(d, "K", NULL);
	return at(d, cur + 1) == 'G' ? cur + 2 : cur + 1;
}

static int dm_s(struct dm *d, int cur)
{
	if (SAT(d, cur - 1, 3, "ISL", "YSL"))
		return cur + 1;
	if (cur == 0 && SAT(d, cur, 5, "SUGAR")) {
		add(d, "X", "S");
		return cur + 1;
	}
	if (SAT(d, cur, 2, "SH")) {
		add(d, SAT(d, cur + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X", NULL);
		return cur + 2;
	}
	if (SAT(d, cur, 3, "SIO", "SIA") || SAT(d, cur, 4, "SIAN")) {
		if (!d->slavo)
			add(d, "S", "X");
		else
			add(d, "S", NULL);
		return cur + 3;
	}
	if ((cur == 0 && SAT(d, cur + 1, 1, "M", "N", "L", "W")) || SAT(d, cur + 1, 1, "Z")) {
		add(d, "S", "X");
		return SAT(d, cur + 1, 1, "Z") ? cur + 2 : cur + 1;
	}
	if (SAT(d, cur, 2, "SC")) {
		if (at(d, cur + 2) == 'H') {
			if (SAT(d, cur + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM")) {
				if (SAT(d, cur + 3, 2, "ER", "EN"))
					add(d, "X", "SK");
				else
					add(d, "SK", NULL);
				return cur + 3;
			}
			if (cur == 0 && !vowel(d, 3) && at(d, 3) != 'W')
				add(d, "X", "S");
			else
				add(d, "X", NULL);
			return cur + 3;
		}
		if (SAT(d, cur + 2, 1, "I", "E", "Y")) {
			add(d, "S", NULL);
			return cur + 3;
		}
		add(d, "SK", NULL);
		return cur + 3;
	}
	if (cur == d->len - 1 && SAT(d, cur - 2, 2, "AI", "OI"))
		add(d, "", "S");
	else
		add(d, "S", NULL);
	return SAT(d, cur + 1, 1, "S", "Z") ? cur + 2 : cur + 1;
}

/* One step of the algorithm at position cur; returns the next position. */
static int dm_step(struct dm *d, int cur)
{
	int last = d->len - 1;
	char c = at(d, cur);
	switch (c) {
	case 'A':
	case 'E':
	case 'I':
	case 'O':
	case 'U':
	case 'Y':
		if (cur == 0)
			add(d, "A", NULL);
		return cur + 1;
	case 'B':
		add(d, "P", NULL);
		return at(d, cur + 1) == 'B' ? cur + 2 : cur + 1;
	case 'C':
		return dm_c(d, cur);
	case 'D':
		if (SAT(d, cur, 2, "DG")) {
			if (SAT(d, cur + 2, 1, "I", "E", "Y")) {
				add(d, "J", NULL);
				return cur + 3;
			}
			add(d, "TK", NULL);
			return cur + 2;
		}
		add(d, "T", NULL);
		return SAT(d, cur, 2, "DT", "DD") ? cur + 2 : cur + 1;
	case 'F':
		add(d, "F", NULL);
		return at(d, cur + 1) == 'F' ? cur + 2 : cur + 1;
	case 'G':
		return dm_g(d, cur);
	case 'H':
		if ((cur == 0 || vowel(d, cur - 1)) && vowel(d, cur + 1)) {
			add(d, "H", NULL);
			return cur + 2;
		}
		return cur + 1;
	case 'J':
		if (SAT(d, cur, 4, "JOSE") || SAT(d, 0, 4, "SAN ")) {
			if ((cur == 0 && at(d, cur + 4) == ' ') || SAT(d, 0, 4, "SAN "))
				add(d, "H", NULL);
			else
				add(d, "J", "H");
			return cur + 1;
		}
		if (cur == 0 && !SAT(d, cur, 4, "JOSE"))
			add(d, "J", "A");
		else if (vowel(d, cur - 1) && !d->slavo &&
		         (at(d, cur + 1) == 'A' || at(d, cur + 1) == 'O'))
			add(d, "J", "H");
		else if (cur == last)
			add(d, "J", " ");
		else if (!SAT(d, cur + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z") &&
		         !SAT(d, cur - 1, 1, "S", "K", "L"))
			add(d, "J", NULL);
		return at(d, cur + 1) == 'J' ? cur + 2 : cur + 1;
	case 'K':
		add(d, "K", NULL);
		return at(d, cur + 1) == 'K' ? cur + 2 : cur + 1;
	case 'L':
		if (at(d, cur + 1) == 'L') {
			if ((cur == d->len - 3 && SAT(d, cur - 1, 4, "ILLO", "ILLA", "ALLE")) ||
			    ((SAT(d, last - 1, 2, "AS", "OS") || SAT(d, last, 1, "A", "O")) &&
			     SAT(d, cur - 1, 4, "ALLE"))) {
				add(d, "L", " ");
				return cur + 2;
			}
			add(d, "L", NULL);
			return cur + 2;
		}
		add(d, "L", NULL);
		return cur + 1;
	case 'M':
		add(d, "M", NULL);
		if ((SAT(d, cur - 1, 3, "UMB") && (cur + 1 == last || SAT(d, cur + 2, 2, "ER"))) ||
		    at(d, cur + 1) == 'M')
			return cur + 2;
		return cur + 1;
	case 'N':
		add(d, "N", NULL);
		return at(d, cur + 1) == 'N' ? cur + 2 : cur + 1;
	case 'P':
		if (at(d, cur + 1) == 'H') {
			add(d, "F", NULL);
			return cur + 2;
		}
		add(d, "P", NULL);
		return SAT(d, cur + 1, 1, "P", "B") ? cur + 2 : cur + 1;
	case 'Q':
		add(d, "K", NULL);
		return at(d, cur + 1) == 'Q' ? cur + 2 : cur + 1;
	case 'R':
		if (cur == last && !d->slavo && SAT(d, cur - 2, 2, "IE") &&
		    !SAT(d, cur - 4, 2, "ME", "MA"))
			add(d, "", "R");
		else
			add(d, "R", NULL);
		return at(d, cur + 1) == 'R' ? cur + 2 : cur + 1;
	case 'S':
		return dm_s(d, cur);
	case 'T':
		if (SAT(d, cur, 4, "TION") || SAT(d, cur, 3, "TIA", "TCH")) {
			add(d, "X", NULL);
			return cur + 3;
		}
		if (SAT(d, cur, 2, "TH") || SAT(d, cur, 3, "TTH")) {
			if (SAT(d, cur + 2, 2, "OM", "AM") || SAT(d, 0, 4, "VAN ", "VON ") ||
			    SAT(d, 0, 3, "SCH"))
				add(d, "T", NULL);
			else
				add(d, "0", "T");
			return cur + 2;
		}
		add(d, "T", NULL);
		return SAT(d, cur + 1, 1, "T", "D") ? cur + 2 : cur + 1;
	case 'V':
		add(d, "F", NULL);
		return at(d, cur + 1) == 'V' ? cur + 2 : cur + 1;
	case 'W':
		if (SAT(d, cur, 2, "WR")) {
			add(d, "R", NULL);
			return cur + 2;
		}
		if (cur == 0 && (vowel(d, cur + 1) || SAT(d, cur, 2, "WH"))) {
			if (vowel(d, cur + 1))
				add(d, "A", "F");
			else
				add(d, "A", NULL);
		}
		if ((cur == last && vowel(d, cur - 1)) ||
		    SAT(d, cur - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || SAT(d, 0, 3, "SCH")) {
			add(d, "", "F");
			return cur + 1;
		}
		if (SAT(d, cur, 4, "WICZ", "WITZ")) {
			add(d, "TS", "FX");
			return cur + 4;
		}
		return cur + 1;
	case 'X':
		if (!(cur == last &&
		      (SAT(d, cur - 3, 3, "IAU", "EAU") || SAT(d, cur - 2, 2, "AU", "OU"))))
			add(d, "KS", NULL);
		return SAT(d, cur + 1, 1, "C", "X") ? cur + 2 : cur + 1;
	case 'Z':
		if (at(d, cur + 1) == 'H') {
			add(d, "J", NULL);
			return cur + 2;
		}
		if (SAT(d, cur + 1, 2, "ZO", "ZI", "ZA") ||
		    (d->slavo && cur > 0 && at(d, cur - 1) != 'T'))
			add(d, "S", "TS");
		else
			add(d, "S", NULL);
		return at(d, cur + 1) == 'Z' ? cur + 2 : cur + 1;
	default:
		return cur + 1;
	}
}

int link_double_metaphone(const char *s, char primary[LINK_DM_LEN], char alternate[LINK_DM_LEN])
{
	if (!primary || !alternate)
		return -1;
	primary[0] = alternate[0] = '\0';
	if (!s)
		return -1;
	size_t len = strnlen(s, LINK_SIM_MAX + 1);
	if (len > LINK_SIM_MAX || !utf8_valid(s, len))
		return -1;
	struct dm d;
	memset(&d, 0, sizeof(d));
	for (size_t i = 0; i < len; i++)
		d.w[i] = (char)toupper((unsigned char)s[i]);
	d.len = (int)len;
	memcpy(d.w + len, "     ", 5);
	d.plen = d.len + 5;
	d.w[d.plen] = '\0';
	d.slavo = strchr(d.w, 'W') || strchr(d.w, 'K') || strstr(d.w, "CZ") || strstr(d.w, "WITZ");
	int cur = 0;
	if (SAT(&d, 0, 2, "GN", "KN", "PN", "WR", "PS"))
		cur = 1;
	if (at(&d, 0) == 'X') {
		add(&d, "S", NULL);
		cur = 1;
	}
	while ((d.np < LINK_DM_MAX || d.na < LINK_DM_MAX) && cur < d.len)
		cur = dm_step(&d, cur);
	memcpy(primary, d.p, LINK_DM_LEN);
	memcpy(alternate, d.a, LINK_DM_LEN);
	return 0;
}
