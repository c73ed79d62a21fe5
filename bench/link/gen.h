/*
 * gen.h: a generator of synthetic UK-style children with ground truth, for measuring
 * the R-REC-1 matcher (header-only, so that each bench_*.c, built as one source file,
 * can include it).
 *
 * From a seed it makes households (a family name of one of a city's naming
 * traditions, drawn with Zipf-like frequencies over a few thousand names; an address
 * and postcode; sometimes a phone number), each with one to four children (given
 * names by tradition and gender, some with a middle name or an other name; brothers
 * and sisters a few years apart; twins now and then, with the same date of birth), and
 * the details a record holds (NHS number, school, unique pupil number, placing
 * authority for children in care), each missing as often as in real records.
 *
 * Probes are what a second agency would record: an existing child again with one or
 * two of the usual corruptions (nickname, transliteration, typo, given and family
 * names swapped, day and month swapped, one part of the date wrong, only the year,
 * no date, no or a new address, a wrong postcode, the middle name used as the given
 * name, a changed family name), or a child not in the store: most from new
 * households, some a brother or sister (or twin) of a stored child, who must not be
 * matched. Everything depends only on the seed and the sizes.
 */
#ifndef LANTERN_BENCH_GEN_H
#define LANTERN_BENCH_GEN_H

#include <ctype.h>

#include "link/match.h"
#include "link/nicknames.h"
#include "link/nicknames_data.h"
#include "util/rng.h"
#include "names.h"

/* ---- name pools ----------------------------------------------------------- */

struct pool {
	const char **s;
	double *cum; /* cumulative Zipf weights */
	size_t n, cap;
};

static void pool_add(struct pool *p, const char *s)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->s[i], s) == 0)
			return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->s = realloc(p->s, p->cap * sizeof(*p->s));
		if (!p->s)
			exit(1);
	}
	p->s[p->n++] = s;
}

static void pool_list(struct pool *p, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		pool_add(p, list[i]);
}

/* Every prefix + suffix combination, as new strings. */
static void pool_combine(struct pool *p, const char *const *pre, const char *const *suf,
                         bool lower_suffix)
{
	for (size_t i = 0; pre[i]; i++)
		for (size_t j = 0; suf[j]; j++) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%s%s", pre[i], suf[j]);
			if (lower_suffix)
				for (char *c = buf + strlen(pre[i]); *c; c++)
					*c = (char)tolower((unsigned char)*c);
			char *s = strdup(buf);
			if (!s)
				exit(1);
			pool_add(p, s);
		}
}

/* Zipf-like weights 1 / (rank + offset)^s: the offset flattens the head so that the
 * commonest family name is about 1% of children, as Smith is in England. */
static void pool_zipf(struct pool *p, double s, double offset)
{
	p->cum = malloc(p->n * sizeof(*p->cum));
	if (!p->cum)
		exit(1);
	double t = 0;
	for (size_t i = 0; i < p->n; i++) {
		t += 1.0 / pow((double)i + offset, s);
		p->cum[i] = t;
	}
	for (size_t i = 0; i < p->n; i++)
		p->cum[i] /= t;
}

static const char *pool_draw(const struct pool *p, struct rng *r)
{
	double x = rng_double(r);
	size_t lo = 0, hi = p->n - 1;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (p->cum[m] < x)
			lo = m + 1;
		else
			hi = m;
	}
	return p->s[lo];
}

/* ---- the world ------------------------------------------------------------ */

struct household {
	const char *family, *family2; /* family2: second part of a double-barrelled name */
	int origin;
	int district;
	uint16_t inward, street, number;
	uint32_t phone; /* 0 none */
};

/* Flags of what a stored record holds. */
enum {
	G_DOB_YEAR = 1,
	G_DOB_NONE = 2,
	G_NO_GENDER = 4,
	G_NO_ADDRESS = 8,
	G_NO_LINE = 16,
	G_SCHOOL = 32,
	G_NHS = 64,
	G_REF = 128,
	G_PHONE = 256,
};

struct gchild {
	const char *given, *middle, *alias;
	struct link_dob dob;
	int32_t hh;
	int16_t authority; /* -1: not looked after */
	char gender;
	uint16_t flags;
};

/* A record as text, as it would be entered. */
struct grec {
	char given[64], family[64], alias[64];
	char line[48], postcode[12];
	char school[64], authority[48], nhs[12], phone[24], ref[24];
	struct link_dob dob;
	char gender;
	int32_t truth; /* stored child's index, or -1 for a child not in the store */
	uint32_t what; /* corruptions applied (1 << kind) */
	bool sibling;  /* a new child from a stored child's household */
};

struct world {
	uint64_t seed;
	struct pool fam[O_N], girls[O_N], boys[O_N];
	int n_districts;
	struct household *hh;
	size_t n_hh, cap_hh;
	struct gchild *c;
	size_t n, cap;
	struct grec *probe;
	size_t n_probe;
	struct rng r;
};

static const char *const areas[] = {"E",  "N",  "SE", "SW", "NW", "W",  "CR", "BR", "IG", "RM",
                                    "EN", "HA", "UB", "TW", "KT", "SM", "DA", "B",  "M",  "L",
                                    "LS", "S",  "BS", "NG", "LE", "CV", "WV", "BD", "HD", "OL"};
static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

static void district_code(int d, char out[16])
{
	snprintf(out, 16, "%s%d", areas[d % (int)ARRAY_LEN(areas)],
	         1 + (d / (int)ARRAY_LEN(areas)) % 99);
}

static void postcode_of(const struct household *h, char out[12])
{
	char dc[16];
	district_code(h->district, dc);
	int in = h->inward;
	snprintf(out, 12, "%.6s %d%c%c", dc, 1 + in % 9, inward_letters[(in / 9) % 20],
	         inward_letters[(in / 180) % 20]);
}

static void address_line(const struct household *h, char out[48])
{
	size_t nr = 0, nk = 0;
	while (street_root[nr])
		nr++;
	while (street_kind[nk])
		nk++;
	snprintf(out, 48, "%u %s %s", (unsigned)h->number, street_root[h->street % nr],
	         street_kind[(h->street / nr) % nk]);
}

static int school_of(const struct gchild *c, const struct household *h, int ref_year)
{
	int age = ref_year - c->dob.y;
	if (age < 4 || age > 16)
		return -1;
	return h->district * 8 + (age <= 11 ? (int)(h->street % 6) : 6 + (int)(h->street % 2));
}

static void school_name(int s, char out[64])
{
	size_t nr = 0, nk = 0;
	while (street_root[nr])
		nr++;
	while (school_kind[nk])
		nk++;
	int d = s / 8, k = s % 8;
	const char *root = street_root[(size_t)(d * 7 + k * 3) % nr];
	const char *kind = k < 6 ? school_kind[(size_t)(d + k) % 2 ? 0 : 3]
	                         : school_kind[(size_t)(k == 6 ? 2 : 1)];
	snprintf(out, 64, "%s %s", root, kind);
}

/* A valid NHS number from a sequence number (distinct numbers give distinct NHS
 * numbers); false when the check digit would be 10. */
static bool nhs_of(uint32_t seq, char out[12])
{
	uint64_t body = 100000000ULL + ((uint64_t)seq * 7919ULL + 12345ULL) % 899999999ULL;
	char d[10];
	snprintf(d, sizeof(d), "%09llu", (unsigned long long)body);
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (10 - i);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10)
		return false;
	snprintf(out, 12, "%s%d", d, check);
	return true;
}

static const char *const authorities[] = {
        "Northborough Council", "Eastfield Council",   "Westmoor Council",   "Southdale Council",
        "Riverside Council",    "Kingsbridge Council", "Harbourton Council", "Lakeview Council",
        "Millbrook Council",    "Stonegate Council",   "Fairhaven Council",  "Oakridge Council"};

static void world_init_pools(struct world *w)
{
	memset(w->fam, 0, sizeof(w->fam));
	memset(w->girls, 0, sizeof(w->girls));
	memset(w->boys, 0, sizeof(w->boys));
	for (int o = 0; o < O_N; o++) {
		pool_list(&w->fam[o], fam_lists[o]);
		pool_list(&w->girls[o], girl_lists[o]);
		pool_list(&w->boys[o], boy_lists[o]);
	}
	/* Rarer names after the common ones: built from word parts. */
	pool_combine(&w->fam[O_ENGLISH], pre_english, suf_english, true);
	pool_combine(&w->fam[O_SCOTTISH], pre_scottish, suf_scottish, false);
	pool_combine(&w->fam[O_EAST_EUROPEAN], pre_polish, suf_polish, true);
	pool_combine(&w->fam[O_WEST_AFRICAN], pre_yoruba, suf_yoruba, true);
	pool_combine(&w->fam[O_SOUTH_ASIAN], pre_south_asian, suf_south_asian, true);
	pool_combine(&w->fam[O_ENGLISH], pre_english2, suf_english2, true);
	pool_combine(&w->fam[O_ARABIC], pre_arabic, suf_arabic, false);
	pool_combine(&w->fam[O_IRISH], pre_irish, suf_irish, false);
	pool_combine(&w->fam[O_WEST_AFRICAN], pre_akan, suf_akan, false);
	/* Rarer given names: the canonical names of the nickname table, put with girls or
	 * boys by their ending (a rough rule; the matcher does not use gender for names). */
	for (size_t i = 0; i < link_nick_group_count; i++) {
		const char *nm = link_nick_groups[i];
		size_t len = strlen(nm);
		if (len < 3)
			continue;
		char *cap = strdup(nm);
		if (!cap)
			exit(1);
		cap[0] = (char)toupper((unsigned char)cap[0]);
		char last = nm[len - 1];
		bool girl = last == 'a' || last == 'e' || last == 'y' || last == 'i' ||
		            (len > 3 && strcmp(nm + len - 3, "een") == 0);
		pool_add(girl ? &w->girls[O_ENGLISH] : &w->boys[O_ENGLISH], cap);
	}
	for (int o = 0; o < O_N; o++) {
		pool_zipf(&w->fam[o], 1.0, 10.0);
		pool_zipf(&w->girls[o], 0.9, 8.0);
		pool_zipf(&w->boys[o], 0.9, 8.0);
	}
}

static int draw_origin(struct rng *r)
{
	double x = rng_double(r), t = 0;
	for (int o = 0; o < O_N; o++) {
		t += origin_share[o];
		if (x < t)
			return o;
	}
	return O_ENGLISH;
}

static const char *draw_given(struct world *w, int origin, char gender)
{
	/* One child in four has a given name from another tradition. */
	int o = rng_chance(&w->r, 0.25) ? draw_origin(&w->r) : origin;
	return pool_draw(gender == 'F' ? &w->girls[o] : &w->boys[o], &w->r);
}

static void new_household(struct world *w, struct household *h)
{
	struct rng *r = &w->r;
	memset(h, 0, sizeof(*h));
	h->origin = draw_origin(r);
	h->family = pool_draw(&w->fam[h->origin], r);
	if (rng_chance(r, 0.03)) {
		h->family2 = pool_draw(&w->fam[draw_origin(r)], r);
		if (strcmp(h->family2, h->family) == 0)
			h->family2 = NULL;
	}
	h->district = (int)rng_below(r, (uint64_t)w->n_districts);
	h->inward = (uint16_t)rng_below(r, 400);
	h->street = (uint16_t)rng_below(r, 500);
	h->number = (uint16_t)(1 + rng_below(r, 180));
	if (rng_chance(r, 0.35))
		h->phone = (uint32_t)(100000 + rng_below(r, 899999));
}

static void push_hh(struct world *w, const struct household *h)
{
	if (w->n_hh == w->cap_hh) {
		w->cap_hh = w->cap_hh ? w->cap_hh * 2 : 1024;
		w->hh = realloc(w->hh, w->cap_hh * sizeof(*w->hh));
		if (!w->hh)
			exit(1);
	}
	w->hh[w->n_hh++] = *h;
}

static int days_in(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && y % 4 == 0 ? 29 : dm[m - 1];
}

/* A child of household hh, born in `year` (month and day drawn). */
static void make_child(struct world *w, int32_t hh, int year, struct gchild *c,
                       const struct gchild *twin)
{
	struct rng *r = &w->r;
	const struct household *h = &w->hh[hh];
	memset(c, 0, sizeof(*c));
	c->hh = hh;
	c->gender = rng_chance(r, 0.5) ? 'F' : 'M';
	c->given = draw_given(w, h->origin, c->gender);
	if (rng_chance(r, 0.3))
		c->middle = draw_given(w, h->origin, c->gender);
	if (c->middle && strcmp(c->middle, c->given) == 0)
		c->middle = NULL;
	if (rng_chance(r, 0.04))
		c->alias = draw_given(w, h->origin, c->gender);
	if (twin) {
		c->dob = twin->dob;
	} else {
		c->dob.y = year;
		c->dob.m = (int)rng_range(r, 1, 12);
		c->dob.d = (int)rng_range(r, 1, days_in(year, c->dob.m));
	}
	c->authority = rng_chance(r, 0.05) ? (int16_t)rng_below(r, ARRAY_LEN(authorities)) : -1;
	uint16_t f = 0;
	double x = rng_double(r);
	if (x < 0.01)
		f |= G_DOB_YEAR;
	else if (x < 0.02)
		f |= G_DOB_NONE;
	if (rng_chance(r, 0.03))
		f |= G_NO_GENDER;
	x = rng_double(r);
	if (x < 0.04)
		f |= G_NO_ADDRESS;
	else if (x < 0.10)
		f |= G_NO_LINE;
	if (rng_chance(r, 0.6))
		f |= G_SCHOOL;
	if (rng_chance(r, 0.4))
		f |= G_NHS;
	if (rng_chance(r, 0.3))
		f |= G_REF;
	if (rng_chance(r, 0.5))
		f |= G_PHONE;
	c->flags = f;
}

static void push_child(struct world *w, const struct gchild *c)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4096;
		w->c = realloc(w->c, w->cap * sizeof(*w->c));
		if (!w->c)
			exit(1);
	}
	w->c[w->n++] = *c;
}

/* Parents do not give two children names that sound alike or are forms of one name. */
static bool names_clash(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	char x[64], y[64], d1[LINK_DM_LEN], d2[LINK_DM_LEN], e1[LINK_DM_LEN], e2[LINK_DM_LEN];
	snprintf(x, sizeof(x), "%s", a);
	snprintf(y, sizeof(y), "%s", b);
	for (char *p = x; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = y; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(x, y) == 0 || link_are_nicknames(x, y) || link_jaro_winkler(x, y) >= 0.88)
		return true;
	return link_double_metaphone(x, d1, d2) == 0 && link_double_metaphone(y, e1, e2) == 0 &&
	       strcmp(d1, e1) == 0;
}

/* Whether child c's names clash with those of children [first, last) (a household). */
static bool clashes_with(const struct world *w, size_t first, size_t last, const struct gchild *c)
{
	for (size_t i = first; i < last; i++) {
		const struct gchild *o = &w->c[i];
		if (names_clash(c->given, o->given) || names_clash(c->given, o->middle) ||
		    names_clash(c->middle, o->given) || names_clash(c->middle, o->middle))
			return true;
	}
	return false;
}

static bool name_taken(const struct world *w, size_t first, const struct gchild *c)
{
	return clashes_with(w, first, w->n, c);
}

/* A household with its children appended to the store. */
static void add_household(struct world *w)
{
	struct rng *r = &w->r;
	struct household h;
	new_household(w, &h);
	push_hh(w, &h);
	int32_t hi = (int32_t)(w->n_hh - 1);
	double x = rng_double(r);
	int kids = x < 0.40 ? 1 : x < 0.75 ? 2 : x < 0.92 ? 3 : 4;
	int year = (int)rng_range(r, 2007, 2024);
	size_t first = w->n;
	for (int k = 0; k < kids; k++) {
		struct gchild c;
		const struct gchild *twin = NULL;
		if (k > 0 && rng_chance(r, 0.03))
			twin = &w->c[w->n - 1];
		do
			make_child(w, hi, year, &c, twin);
		while (name_taken(w, first, &c));
		push_child(w, &c);
		year -= (int)rng_range(r, 1, 5);
		if (year < 2007)
			break;
	}
}

/* ---- rendering ------------------------------------------------------------ */

static size_t child_seq(const struct world *w, const struct gchild *c)
{
	return (size_t)(c - w->c);
}

static void family_text(const struct household *h, char out[64])
{
	if (h->family2)
		snprintf(out, 64, "%s-%s", h->family, h->family2);
	else
		snprintf(out, 64, "%s", h->family);
}

/* The stored record of child i, as text. */
static void render_child(const struct world *w, size_t i, struct grec *g)
{
	const struct gchild *c = &w->c[i];
	const struct household *h = &w->hh[c->hh];
	memset(g, 0, sizeof(*g));
	if (c->middle)
		snprintf(g->given, sizeof(g->given), "%s %s", c->given, c->middle);
	else
		snprintf(g->given, sizeof(g->given), "%s", c->given);
	family_text(h, g->family);
	if (c->alias)
		snprintf(g->alias, sizeof(g->alias), "%s %s", c->alias, h->family);
	g->dob = c->dob;
	if (c->flags & G_DOB_YEAR)
		g->dob.m = g->dob.d = 0;
	if (c->flags & G_DOB_NONE)
		g->dob = (struct link_dob){0, 0, 0};
	g->gender = (c->flags & G_NO_GENDER) ? 0 : c->gender;
	if (!(c->flags & G_NO_ADDRESS)) {
		postcode_of(h, g->postcode);
		if (!(c->flags & G_NO_LINE))
			address_line(h, g->line);
	}
	int s = school_of(c, h, 2025);
	if ((c->flags & G_SCHOOL) && s >= 0)
		school_name(s, g->school);
	if (c->authority >= 0)
		snprintf(g->authority, sizeof(g->authority), "%s", authorities[c->authority]);
	size_t seq = child_seq(w, c);
	if (c->flags & G_NHS)
		nhs_of((uint32_t)seq, g->nhs);
	if (c->flags & G_REF)
		snprintf(g->ref, sizeof(g->ref), "H%012llu",
		         (unsigned long long)(100000000000ULL + seq * 104729ULL % 899999999999ULL));
	if ((c->flags & G_PHONE) && h->phone)
		snprintf(g->phone, sizeof(g->phone), "07700 %06u", (unsigned)h->phone);
	g->truth = (int32_t)i;
}

static void to_input(const struct grec *g, struct link_person_in *in)
{
	memset(in, 0, sizeof(*in));
	in->given = g->given;
	in->family = g->family;
	if (g->alias[0]) {
		in->aliases[0] = g->alias;
		in->n_aliases = 1;
	}
	in->dob = g->dob;
	in->gender = g->gender;
	if (g->postcode[0] || g->line[0]) {
		in->addresses[0].line = g->line;
		in->addresses[0].postcode = g->postcode;
		in->n_addresses = 1;
	}
	in->school = g->school;
	in->placing_authority = g->authority;
	in->nhs = g->nhs;
	in->phone = g->phone;
	in->ref = g->ref;
}

/* ---- corruptions ---------------------------------------------------------- */

enum corruption {
	K_NICKNAME,
	K_RESPELL_GIVEN,
	K_TYPO_GIVEN,
	K_TYPO_FAMILY,
	K_RESPELL_FAMILY,
	K_SWAP_NAMES,
	K_DOB_SWAP,
	K_DOB_ONE_OFF,
	K_DOB_YEAR_ONLY,
	K_DOB_MISSING,
	K_NO_ADDRESS,
	K_MOVED,
	K_POSTCODE_TYPO,
	K_NO_GENDER,
	K_MIDDLE_AS_GIVEN,
	K_FAMILY_CHANGED,
	K_GENDER_WRONG,
	K_N
};

/* How often each corruption is drawn (relative): typos, nicknames and moves are
 * common, a missing date of birth or a changed family name rarer. */
static const double corruption_weight[K_N] = {
        [K_NICKNAME] = 8,       [K_RESPELL_GIVEN] = 6,  [K_TYPO_GIVEN] = 10,
        [K_TYPO_FAMILY] = 10,   [K_RESPELL_FAMILY] = 5, [K_SWAP_NAMES] = 5,
        [K_DOB_SWAP] = 5,       [K_DOB_ONE_OFF] = 8,    [K_DOB_YEAR_ONLY] = 3,
        [K_DOB_MISSING] = 2,    [K_NO_ADDRESS] = 6,     [K_MOVED] = 10,
        [K_POSTCODE_TYPO] = 5,  [K_NO_GENDER] = 5,      [K_MIDDLE_AS_GIVEN] = 3,
        [K_FAMILY_CHANGED] = 3, [K_GENDER_WRONG] = 1};

static const char *const corruption_name[K_N] = {
        "nickname",       "respelt given",  "given typo",       "family typo",   "respelt family",
        "names swapped",  "day/month swap", "dob one part off", "dob year only", "no dob",
        "no address",     "moved",          "postcode typo",    "no gender",     "middle as given",
        "family changed", "gender wrong"};

static const char *const nick[][4] = {
        {"William", "Will", "Bill", "Billy"},   {"Robert", "Rob", "Bob", "Bobby"},
        {"Elizabeth", "Liz", "Beth", "Lizzie"}, {"Katherine", "Kate", "Katie", "Kathy"},
        {"Thomas", "Tom", "Tommy", NULL},       {"Samuel", "Sam", "Sammy", NULL},
        {"Joshua", "Josh", NULL, NULL},         {"Alexander", "Alex", "Sasha", NULL},
        {"Benjamin", "Ben", "Benny", NULL},     {"Christopher", "Chris", NULL, NULL},
        {"Daniel", "Dan", "Danny", NULL},       {"Edward", "Ed", "Eddie", "Ted"},
        {"Frederick", "Fred", "Freddie", NULL}, {"Jacob", "Jake", NULL, NULL},
        {"James", "Jim", "Jimmy", NULL},        {"Jessica", "Jess", "Jessie", NULL},
        {"Jonathan", "Jon", "Jonny", NULL},     {"Joseph", "Joe", "Joey", NULL},
        {"Matthew", "Matt", NULL, NULL},        {"Michael", "Mike", "Mikey", NULL},
        {"Nicholas", "Nick", NULL, NULL},       {"Olivia", "Liv", "Livvy", NULL},
        {"Rebecca", "Becky", "Becca", NULL},    {"Richard", "Rich", "Ricky", NULL},
        {"Samantha", "Sam", "Sammie", NULL},    {"Victoria", "Vicky", "Tori", NULL},
        {"Abigail", "Abbie", "Abby", NULL},     {"Anthony", "Tony", "Ant", NULL},
        {"Andrew", "Andy", "Drew", NULL},       {"Charlotte", "Lottie", "Charlie", NULL},
        {"Eleanor", "Ellie", "Nell", NULL},     {"Margaret", "Maggie", "Peggy", NULL},
        {"Jennifer", "Jenny", "Jen", NULL},     {"Zachary", "Zach", NULL, NULL},
        {"Isabella", "Bella", "Izzy", NULL},    {"Matilda", "Tilly", NULL, NULL},
        {"Florence", "Flo", "Florrie", NULL},   {"Harrison", "Harry", NULL, NULL},
        {"Henry", "Harry", "Hal", NULL},        {"Muhammad", "Mo", NULL, NULL},
        {"Mohammed", "Mo", NULL, NULL},         {"Sebastian", "Seb", NULL, NULL},
        {"Theodore", "Theo", NULL, NULL},       {"Nathan", "Nate", NULL, NULL},
        {"Emily", "Em", "Emmy", NULL},          {"Amelia", "Millie", "Amy", NULL},
        {"Abdullah", "Abdul", NULL, NULL},      {"Alexandra", "Alex", "Sasha", NULL},
        {"Aleksandra", "Ola", NULL, NULL},      {"Oluwaseun", "Seun", NULL, NULL},
        {"Babatunde", "Tunde", NULL, NULL},     {"Chukwuemeka", "Emeka", NULL, NULL},
};

static size_t count_row(const char *const *row, size_t max)
{
	size_t n = 0;
	while (n < max && row[n])
		n++;
	return n;
}

/* One typo: swap, drop, double or replace a letter (rarely the first). */
static void typo(struct rng *r, char *s, size_t n)
{
	size_t len = strlen(s);
	if (len < 3)
		return;
	size_t i = rng_chance(r, 0.1) ? 0 : 1 + rng_below(r, len - 2);
	static const char vowels[] = "aeiou";
	switch (rng_below(r, 4)) {
	case 0: {
		char t = s[i];
		s[i] = s[i + 1];
		s[i + 1] = t;
		break;
	}
	case 1:
		memmove(s + i, s + i + 1, len - i);
		break;
	case 2:
		if (len + 1 < n)
			memmove(s + i + 1, s + i, len - i + 1);
		break;
	default: {
		char c = (char)tolower((unsigned char)s[i]);
		char nc = strchr(vowels, c) ? vowels[rng_below(r, 5)]
		                            : (char)('a' + rng_below(r, 26));
		s[i] = isupper((unsigned char)s[i]) ? (char)toupper((unsigned char)nc) : nc;
		break;
	}
	}
}

/* Replaces the first word of s (size n) by `word`, keeping the rest. */
static void replace_first(char *s, size_t n, const char *word)
{
	char rest[64] = "";
	const char *sp = strchr(s, ' ');
	if (sp)
		snprintf(rest, sizeof(rest), "%s", sp);
	char out[160];
	snprintf(out, sizeof(out), "%s%s", word, rest);
	size_t len = strlen(out);
	if (len >= n)
		len = n - 1;
	memcpy(s, out, len);
	s[len] = '\0';
}

static bool apply(struct world *w, const struct gchild *c, struct grec *g, int k)
{
	struct rng *r = &w->r;
	switch (k) {
	case K_NICKNAME:
		for (size_t i = 0; i < ARRAY_LEN(nick); i++)
			if (strcmp(nick[i][0], c->given) == 0) {
				size_t nv = count_row(nick[i], 4);
				replace_first(g->given, sizeof(g->given),
				              nick[i][1 + rng_below(r, nv - 1)]);
				return true;
			}
		return false;
	case K_RESPELL_GIVEN:
		for (size_t i = 0; i < ARRAY_LEN(respell); i++)
			if (strcmp(respell[i][0], c->given) == 0) {
				size_t nv = count_row(respell[i], 4);
				replace_first(g->given, sizeof(g->given),
				              respell[i][1 + rng_below(r, nv - 1)]);
				return true;
			}
		return false;
	case K_TYPO_GIVEN: {
		char word[64];
		snprintf(word, sizeof(word), "%s", c->given);
		typo(r, word, sizeof(word));
		replace_first(g->given, sizeof(g->given), word);
		return true;
	}
	case K_TYPO_FAMILY:
		typo(r, g->family, sizeof(g->family));
		return true;
	case K_RESPELL_FAMILY:
		for (size_t i = 0; i < ARRAY_LEN(respell_family); i++)
			if (strcmp(respell_family[i][0], g->family) == 0) {
				size_t nv = count_row(respell_family[i], 3);
				snprintf(g->family, sizeof(g->family), "%s",
				         respell_family[i][1 + rng_below(r, nv - 1)]);
				return true;
			}
		return false;
	case K_SWAP_NAMES: {
		char t[64];
		snprintf(t, sizeof(t), "%s", g->given);
		snprintf(g->given, sizeof(g->given), "%s", g->family);
		snprintf(g->family, sizeof(g->family), "%s", t);
		return true;
	}
	case K_DOB_SWAP:
		if (!g->dob.d || g->dob.d > 12 || g->dob.d == g->dob.m)
			return false;
		{
			int t = g->dob.d;
			g->dob.d = g->dob.m;
			g->dob.m = t;
		}
		return true;
	case K_DOB_ONE_OFF:
		if (!g->dob.d)
			return false;
		switch (rng_below(r, 3)) {
		case 0:
			g->dob.y += rng_chance(r, 0.5) ? 1 : -1;
			break;
		case 1:
			g->dob.m = g->dob.m < 12 ? g->dob.m + 1 : 11;
			if (g->dob.d > days_in(g->dob.y, g->dob.m))
				g->dob.d = days_in(g->dob.y, g->dob.m);
			break;
		default: {
			/* A day off by one, its digits swapped, or one digit mistyped. */
			int d = g->dob.d, x = (int)rng_below(r, 4);
			int swapped = (d % 10) * 10 + d / 10;
			if (x == 2 && d >= 10 && swapped != d && swapped >= 1 &&
			    swapped <= days_in(g->dob.y, g->dob.m))
				d = swapped;
			else if (x == 3 && d >= 10)
				d = (d / 10) * 10 + (d % 10 + 1 + (int)rng_below(r, 8)) % 10;
			else
				d = d < 28 ? d + 1 : d - 1;
			g->dob.d = d >= 1 ? d : 1;
			break;
		}
		}
		return true;
	case K_DOB_YEAR_ONLY:
		if (!g->dob.y)
			return false;
		g->dob.m = g->dob.d = 0;
		return true;
	case K_DOB_MISSING:
		if (!g->dob.y)
			return false;
		g->dob = (struct link_dob){0, 0, 0};
		return true;
	case K_NO_ADDRESS:
		if (!g->postcode[0])
			return false;
		g->postcode[0] = g->line[0] = '\0';
		return true;
	case K_MOVED: {
		struct household h;
		new_household(w, &h);
		postcode_of(&h, g->postcode);
		address_line(&h, g->line);
		return true;
	}
	case K_POSTCODE_TYPO: {
		size_t len = strlen(g->postcode);
		if (len < 6)
			return false;
		size_t i = len - 1 - rng_below(r, 2);
		g->postcode[i] = inward_letters[rng_below(r, 20)];
		return true;
	}
	case K_NO_GENDER:
		if (!g->gender)
			return false;
		g->gender = 0;
		return true;
	case K_GENDER_WRONG:
		if (!g->gender)
			return false;
		g->gender = g->gender == 'F' ? 'M' : 'F';
		return true;
	case K_MIDDLE_AS_GIVEN:
		if (c->middle)
			snprintf(g->given, sizeof(g->given), "%s", c->middle);
		else if (c->alias)
			snprintf(g->given, sizeof(g->given), "%s", c->alias);
		else
			return false;
		return true;
	case K_FAMILY_CHANGED: {
		const struct household *h = &w->hh[c->hh];
		const char *nf = pool_draw(&w->fam[draw_origin(r)], r);
		if (rng_chance(r, 0.5))
			snprintf(g->family, sizeof(g->family), "%s-%s", h->family, nf);
		else
			snprintf(g->family, sizeof(g->family), "%s", nf);
		return true;
	}
	default:
		return false;
	}
}

/* Child i as a second agency records it: the details a referral usually has, then one
 * or two corruptions. */
static void make_known_probe(struct world *w, size_t i, struct grec *g)
{
	struct rng *r = &w->r;
	const struct gchild *c = &w->c[i];
	const struct household *h = &w->hh[c->hh];
	memset(g, 0, sizeof(*g));
	if (c->middle && rng_chance(r, 0.5))
		snprintf(g->given, sizeof(g->given), "%s %s", c->given, c->middle);
	else
		snprintf(g->given, sizeof(g->given), "%s", c->given);
	family_text(h, g->family);
	g->dob = c->dob;
	g->gender = c->gender;
	if (rng_chance(r, 0.9)) {
		postcode_of(h, g->postcode);
		if (rng_chance(r, 0.8))
			address_line(h, g->line);
	}
	int s = school_of(c, h, 2025);
	if (s >= 0 && rng_chance(r, 0.4)) /* one in ten has changed school since */
		school_name(rng_chance(r, 0.1) ? s + 1 + (int)rng_below(r, 5) : s, g->school);
	if (c->authority >= 0 && rng_chance(r, 0.7))
		snprintf(g->authority, sizeof(g->authority), "%s", authorities[c->authority]);
	if (rng_chance(r, 0.3))
		nhs_of((uint32_t)i, g->nhs);
	if (rng_chance(r, 0.15))
		snprintf(g->ref, sizeof(g->ref), "H%012llu",
		         (unsigned long long)(100000000000ULL + i * 104729ULL % 899999999999ULL));
	/* A phone recorded for the child is, one time in four, a newer number. */
	if (h->phone && rng_chance(r, 0.2))
		snprintf(
		        g->phone, sizeof(g->phone), "07700 %06u",
		        (unsigned)(rng_chance(r, 0.25) ? 100000 + rng_below(r, 899999) : h->phone));
	/* An other name, when known, is sometimes another one than the store has. */
	if (c->alias && rng_chance(r, 0.4))
		snprintf(g->alias, sizeof(g->alias), "%s %s",
		         rng_chance(r, 0.3) ? draw_given(w, h->origin, c->gender) : c->alias,
		         h->family);
	if (g->ref[0] && rng_chance(r, 0.03))
		g->ref[5] = g->ref[5] == '9' ? '0' : (char)(g->ref[5] + 1);
	if (g->authority[0] && rng_chance(r, 0.1))
		snprintf(g->authority, sizeof(g->authority), "%s",
		         authorities[rng_below(r, ARRAY_LEN(authorities))]);
	g->truth = (int32_t)i;
	double wsum = 0;
	for (int k = 0; k < K_N; k++)
		wsum += corruption_weight[k];
	int want = 1 + (int)rng_below(r, 2), done = 0;
	for (int tries = 0; done < want && tries < 20; tries++) {
		double x = rng_double(r) * wsum;
		int k = 0;
		while (k < K_N - 1 && x >= corruption_weight[k]) {
			x -= corruption_weight[k];
			k++;
		}
		if (g->what & (1u << k))
			continue;
		if (apply(w, c, g, k)) {
			g->what |= 1u << k;
			done++;
		}
	}
}

/* A child not in the store: from a new household, or (sibling) a new brother or
 * sister of stored child i. */
static void make_new_probe(struct world *w, bool sibling, size_t i, struct grec *g)
{
	struct rng *r = &w->r;
	struct gchild c;
	int32_t hh;
	if (sibling) {
		hh = w->c[i].hh;
		bool twin = rng_chance(r, 0.1);
		int year = w->c[i].dob.y + (rng_chance(r, 0.5) ? 1 : -1) * (int)rng_range(r, 1, 4);
		if (year > 2024)
			year = 2024;
		/* Brothers and sisters have other given names than the stored children of the
		 * household (they are stored next to each other). */
		size_t lo = i, hi = i;
		while (lo > 0 && w->c[lo - 1].hh == hh)
			lo--;
		while (hi + 1 < w->n && w->c[hi + 1].hh == hh)
			hi++;
		do
			make_child(w, hh, year, &c, twin ? &w->c[i] : NULL);
		while (clashes_with(w, lo, hi + 1, &c));
	} else {
		struct household h;
		new_household(w, &h);
		push_hh(w, &h);
		hh = (int32_t)(w->n_hh - 1);
		make_child(w, hh, (int)rng_range(r, 2007, 2024), &c, NULL);
	}
	/* Render it as if stored, with a referral's usual details. */
	const struct household *h = &w->hh[hh];
	memset(g, 0, sizeof(*g));
	snprintf(g->given, sizeof(g->given), "%s", c.given);
	family_text(h, g->family);
	g->dob = c.dob;
	g->gender = c.gender;
	if (rng_chance(r, 0.9)) {
		postcode_of(h, g->postcode);
		if (rng_chance(r, 0.8))
			address_line(h, g->line);
	}
	int s = school_of(&c, h, 2025);
	if (s >= 0 && rng_chance(r, 0.4))
		school_name(s, g->school);
	if (h->phone && rng_chance(r, 0.2))
		snprintf(g->phone, sizeof(g->phone), "07700 %06u", (unsigned)h->phone);
	if (rng_chance(r, 0.3))
		nhs_of((uint32_t)(w->n + 1000000 + (size_t)(g - w->probe)), g->nhs);
	g->truth = -1;
	g->sibling = sibling;
}

/* Builds a store of n children and n_known + n_new probes (known first). */
static void world_make(struct world *w, uint64_t seed, size_t n, size_t n_known, size_t n_new)
{
	memset(w, 0, sizeof(*w));
	w->seed = seed;
	rng_seed(&w->r, seed);
	world_init_pools(w);
	w->n_districts = (int)(n / 3000 + 1);
	while (w->n < n)
		add_household(w);
	w->n = n; /* the last household may be cut short */
	w->n_probe = n_known + n_new;
	w->probe = calloc(w->n_probe ? w->n_probe : 1, sizeof(*w->probe));
	if (!w->probe)
		exit(1);
	for (size_t k = 0; k < n_known; k++)
		make_known_probe(w, (size_t)rng_below(&w->r, n), &w->probe[k]);
	for (size_t k = 0; k < n_new; k++) {
		bool sib = rng_chance(&w->r, 0.1);
		make_new_probe(w, sib, (size_t)rng_below(&w->r, n), &w->probe[n_known + k]);
	}
}

static void world_free(struct world *w)
{
	free(w->hh);
	free(w->c);
	free(w->probe);
	for (int o = 0; o < O_N; o++) {
		free(w->fam[o].s);
		free(w->fam[o].cum);
		free(w->girls[o].s);
		free(w->girls[o].cum);
		free(w->boys[o].s);
		free(w->boys[o].cum);
	}
}

#endif
