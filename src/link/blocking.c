/*
 * blocking.c: blocking keys of a prepared person and the ranking of the candidates
 * the store finds through them (see blocking.h for the key sets and the rules).
 */
#include "link/blocking.h"

#include <ctype.h>
#include <math.h>

#include "link/nicknames.h"

#define MAX_SOUNDS 24
#define SOUND_LEN 12

struct sounds {
	char s[MAX_SOUNDS][SOUND_LEN];
	int n;
};

static void add_sound(struct sounds *s, const char *code)
{
	if (!code[0] || s->n >= MAX_SOUNDS)
		return;
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->s[i], code) == 0)
			return;
	snprintf(s->s[s->n++], SOUND_LEN, "%s", code);
}

/* The sound of a token: its Double Metaphone primary code, or for a name without
 * Latin letters "~" and its first bytes. */
static void token_sound(const struct link_ptok *t, char out[SOUND_LEN])
{
	if (t->dm1) {
		for (int i = 0; i < 4; i++)
			out[i] = (char)((t->dm1 >> (8 * i)) & 0xFF);
		out[4] = '\0';
	} else {
		snprintf(out, SOUND_LEN, "~%.8s", t->s);
		for (char *p = out; *p; p++)
			if (*p == ':')
				*p = '_';
	}
}

/* Sounds of the given-name tokens (with their nickname groups) or family-name tokens
 * of name set `set` (-1: all sets). */
static void sounds_of(const struct link_person *p, int family, int set, struct sounds *out)
{
	out->n = 0;
	for (int i = 0; i < p->n_tok; i++) {
		const struct link_ptok *t = &p->tok[i];
		if (t->family != family || (set >= 0 && t->set != set) || t->len < 2)
			continue;
		char code[SOUND_LEN];
		token_sound(t, code);
		add_sound(out, code);
		if (family || !t->nick_n)
			continue;
		const char *groups[LINK_NICK_KEYS];
		int ng = link_nickname_groups(t->s, groups, LINK_NICK_KEYS);
		for (int k = 0; k < ng; k++) {
			char d1[LINK_DM_LEN], d2[LINK_DM_LEN];
			if (link_double_metaphone(groups[k], d1, d2) == 0)
				add_sound(out, d1);
		}
	}
}

/* The sound of the first given name or the first family name of the main name ("" if
 * there is none, or it has fewer than two letters). */
static void main_first_sound(const struct link_person *p, int family, char out[SOUND_LEN])
{
	out[0] = '\0';
	for (int i = 0; i < p->n_tok; i++) {
		const struct link_ptok *t = &p->tok[i];
		if (!t->set && !t->pos && t->family == family) {
			if (t->len >= 2)
				token_sound(t, out);
			return;
		}
	}
}

__attribute__((format(printf, 4, 5))) static void add_key(char keys[][LINK_KEY_LEN], int *n,
                                                          int max, const char *fmt, ...)
{
	if (*n >= max)
		return;
	char k[LINK_KEY_LEN] = {0}; /* zeroed: keys compare equal byte for byte */
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(k, sizeof(k), fmt, ap);
	va_end(ap);
	if (len < 0 || len >= (int)sizeof(k))
		return; /* never cut a key: a cut key could join unrelated people */
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
	if (p->phone[0])
		add_key(keys, &n, max, "T:%s", p->phone);
	if (p->ref[0])
		add_key(keys, &n, max, "R:%s", p->ref);
	/* P: a given-name sound with a family-name sound, in sorted order, per name set. */
	for (int set = 0; set < p->n_sets; set++) {
		struct sounds gs, fs;
		sounds_of(p, 0, set, &gs);
		sounds_of(p, 1, set, &fs);
		for (int i = 0; i < gs.n; i++)
			for (int j = 0; j < fs.n; j++) {
				bool lt = strcmp(gs.s[i], fs.s[j]) <= 0;
				add_key(keys, &n, max, "P:%s:%s", lt ? gs.s[i] : fs.s[j],
				        lt ? fs.s[j] : gs.s[i]);
			}
	}
	struct sounds all, given;
	sounds_of(p, 0, -1, &given);
	all = given;
	struct sounds fam;
	sounds_of(p, 1, -1, &fam);
	for (int i = 0; i < fam.n; i++)
		add_sound(&all, fam.s[i]);
	char dob[16] = "";
	if (p->dob.y && p->dob.m && p->dob.d) {
		int a = p->dob.m < p->dob.d ? p->dob.m : p->dob.d;
		int b = p->dob.m < p->dob.d ? p->dob.d : p->dob.m;
		snprintf(dob, sizeof(dob), "%04d-%02d-%02d", p->dob.y, a, b);
		for (int i = 0; i < all.n; i++)
			add_key(keys, &n, max, "D:%s:%s", all.s[i], dob);
	}
	for (int a = 0; a < p->n_addr; a++) {
		const char *pc = p->addr[a].postcode;
		if (!pc[0])
			continue;
		if (dob[0])
			add_key(keys, &n, max, "A:%s:%s", dob, pc);
		for (int i = 0; i < all.n; i++)
			add_key(keys, &n, max, "Q:%s:%s", all.s[i], pc);
	}
	if (p->dob.y)
		for (int i = 0; i < all.n; i++)
			add_key(keys, &n, max, "Y:%s:%04d", all.s[i], p->dob.y);
	/* The initials of the first given and family names (in sorted order, so that the
	 * names swapped give the same key) with the date of birth (I): a typo in each name
	 * still meets. A name's sound with the other name's initial and the year (N): a
	 * typo in the other name and a wrong day or month still meet, among fewer holders
	 * than Y's. */
	char gi = 0, fi = 0;
	for (int i = 0; i < p->n_tok; i++) {
		const struct link_ptok *t = &p->tok[i];
		if (t->set || t->pos || !isalpha((unsigned char)t->s[0]))
			continue;
		if (t->family && !fi)
			fi = t->s[0];
		else if (!t->family && !gi)
			gi = t->s[0];
	}
	if (gi && fi && dob[0])
		add_key(keys, &n, max, "I:%c%c:%s", gi < fi ? gi : fi, gi < fi ? fi : gi, dob);
	char gs[SOUND_LEN], fs[SOUND_LEN];
	main_first_sound(p, 0, gs);
	main_first_sound(p, 1, fs);
	if (gi && fi && p->dob.y) {
		if (gs[0])
			add_key(keys, &n, max, "N:%s:%c:%04d", gs, fi, p->dob.y);
		if (fs[0])
			add_key(keys, &n, max, "N:%s:%c:%04d", fs, gi, p->dob.y);
	}
	/* A name's sound with the other's initial, day and month (M): a typo in the other
	 * name and a wrong year still meet. */
	if (gi && fi && dob[0]) {
		if (gs[0])
			add_key(keys, &n, max, "M:%s:%c:%s", gs, fi, dob + 5);
		if (fs[0])
			add_key(keys, &n, max, "M:%s:%c:%s", fs, gi, dob + 5);
	}
	return n;
}

size_t link_key_cap(const char *key)
{
	if (!key || !key[0] || key[1] != ':')
		return 0;
	switch (key[0]) {
	case 'H':
	case 'R':
		return 20;
	case 'T':
		return 50;
	case 'P':
	case 'Y':
		return 3000;
	case 'D':
	case 'Q':
	case 'N':
	case 'M':
		return 1000;
	case 'I':
		return 200;
	case 'A':
		return 200;
	default:
		return 0;
	}
}

/* ---- ranking ------------------------------------------------------------- */

struct slot {
	const char *id;
	int idx;
};

static uint64_t id_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int by_rank(const void *x, const void *y)
{
	const struct link_candidate *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Moves the best k of c[0..n) (by by_rank) to c[0..k), in no particular order: a heap
 * of the k best so far, its worst on top. */
static void sift(struct link_candidate *h, size_t k, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < k && by_rank(&h[l], &h[w]) > 0)
			w = l;
		if (r < k && by_rank(&h[r], &h[w]) > 0)
			w = r;
		if (w == i)
			return;
		struct link_candidate t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

static void keep_best(struct link_candidate *c, size_t n, size_t k)
{
	for (size_t i = k / 2; i-- > 0;)
		sift(c, k, i);
	for (size_t i = k; i < n; i++)
		if (by_rank(&c[i], &c[0]) < 0) {
			c[0] = c[i];
			sift(c, k, 0);
		}
}

static long rank(const struct link_posting *lists, size_t n_lists, struct link_candidate *out,
                 size_t max, size_t *common, bool interned)
{
	long written = -1;
	size_t total = 0, ncommon = 0;
	for (size_t k = 0; k < n_lists; k++)
		total += lists[k].n;
	if (total > LINK_RANK_MAX_IDS)
		return -1;
	size_t cap = 16;
	while (cap < 2 * total + 2)
		cap <<= 1;
	struct slot *tab = calloc(cap, sizeof(*tab));
	struct link_candidate *c = malloc((total ? total : 1) * sizeof(*c));
	int *last = malloc((total ? total : 1) * sizeof(*last));
	size_t nc = 0;
	if (!tab || !c || !last)
		goto cleanup;
	/* Pass 0 brings candidates in through keys under their cap; pass 1 lets common
	 * keys add to the rank of candidates already found. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n_lists; k++) {
			const struct link_posting *l = &lists[k];
			size_t holders = l->holders > l->n ? l->holders : l->n;
			size_t kcap = link_key_cap(l->key);
			bool over = kcap == 0 || holders > kcap;
			if (over != (pass == 1) || holders == 0)
				continue;
			if (over)
				ncommon++;
			double idf = log2(1.0 + 10000.0 / (double)holders);
			for (size_t i = 0; i < l->n; i++) {
				const char *id = l->ids[i];
				if (!id)
					continue;
				size_t h;
				if (interned) {
					uint64_t v =
					        (uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15ULL;
					h = (size_t)(v >> 32) & (cap - 1);
					while (tab[h].id && tab[h].id != id)
						h = (h + 1) & (cap - 1);
				} else {
					h = (size_t)id_hash(id) & (cap - 1);
					while (tab[h].id && strcmp(tab[h].id, id) != 0)
						h = (h + 1) & (cap - 1);
				}
				if (!tab[h].id) {
					if (over)
						continue;
					tab[h].id = id;
					tab[h].idx = (int)nc;
					c[nc] = (struct link_candidate){id, 0.0, 0,
					                                l->order ? l->order[i] : 0};
					last[nc++] = -1;
				}
				int x = tab[h].idx;
				if (last[x] == (int)k)
					continue; /* the same id twice in one list */
				last[x] = (int)k;
				c[x].rank += idf;
				c[x].keys++;
			}
		}
	written = (long)(nc < max ? nc : max);
	if (written > 0 && nc > max)
		keep_best(c, nc, max);
	qsort(c, (size_t)written, sizeof(*c), by_rank);
	if (written > 0)
		memcpy(out, c, (size_t)written * sizeof(*c));
	if (common)
		*common = ncommon;
cleanup:
	free(tab);
	free(c);
	free(last);
	return written;
}

long link_rank_candidates(const struct link_posting *lists, size_t n_lists,
                          struct link_candidate *out, size_t max, size_t *common)
{
	return rank(lists, n_lists, out, max, common, false);
}

long link_rank_candidates_interned(const struct link_posting *lists, size_t n_lists,
                                   struct link_candidate *out, size_t max, size_t *common)
{
	return rank(lists, n_lists, out, max, common, true);
}
