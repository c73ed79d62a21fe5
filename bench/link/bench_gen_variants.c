/*
 * bench_gen_variants.c: a synthetic generator of UK-style name variants and the
 * recall of the person matcher on them (R-REC-1). From a seed it makes a store of
 * made-up children (names from English, Irish, Welsh, South Asian, Arabic, West
 * African and Eastern European naming traditions; all invented combinations), then
 * for each probe picks one child and records them again the way a second agency
 * might: a nickname or transliteration for the given name, a typo in the family name,
 * day and month swapped, only the year of birth, no postcode, an alias used as the
 * name, or given and family names reversed. A probe is found if the true child is
 * returned by blocking and scored at least 'probable'.
 *
 *   bench_gen_variants [seed] [store size] [probes]     measure (defaults 42 5000 5000)
 *   bench_gen_variants --dump [seed] [n]                 print n probe/truth pairs as CSV
 */
#include "link/match.h"
#include "util/rng.h"
#include "../link/blockindex.h"

/* Given names with the forms another agency might write (first = as registered). */
static const char *const given[][5] = {
        {"Muhammad", "Mohammed", "Mohamed", "Mohammad", "Mo"},
        {"Siobhan", "Shevaun", "Sioban", "Shivaun", NULL},
        {"Aoife", "Eefa", NULL},
        {"Niamh", "Neve", "Neeve", NULL},
        {"Sean", "Shaun", "Shawn", NULL},
        {"Dafydd", "David", "Dai", NULL},
        {"Elizabeth", "Liz", "Beth", "Lizzie", "Betty"},
        {"William", "Bill", "Will", "Billy", NULL},
        {"Robert", "Bob", "Rob", "Bobby", NULL},
        {"Katherine", "Kate", "Katie", "Kathy", NULL},
        {"Aleksandr", "Alexander", "Sasha", "Oleksandr", NULL},
        {"Oluwaseun", "Seun", NULL},
        {"Babatunde", "Tunde", NULL},
        {"Chukwuemeka", "Emeka", NULL},
        {"Aisha", "Ayesha", "Aishah", NULL},
        {"Yusuf", "Yousef", "Yusef", NULL},
        {"Hussein", "Hussain", "Husain", NULL},
        {"Ciara", "Kiara", "Keira", NULL},
        {"Kieran", "Ciaran", "Kieron", NULL},
        {"Jakub", "Jacob", "Kuba", NULL},
        {"Natalia", "Natalya", "Natasha", NULL},
        {"Fatima", "Fatimah", "Fatma", NULL},
        {"Rhys", "Reece", "Rees", NULL},
        {"Olivia", "Liv", "Livvy", NULL},
        {"Jessica", "Jess", NULL},
        {"Thomas", "Tom", "Tommy", NULL},
        {"Samantha", "Sam", NULL},
        {"Joshua", "Josh", NULL},
        {"Kayleigh", "Kaylee", "Kayley", NULL},
        {"Zainab", "Zaynab", NULL},
        {"Priya", NULL},
        {"Kwame", NULL},
        {"Ngozi", NULL},
        {"Tyler", NULL},
        {"Amelia", "Amy", "Millie", NULL},
        {"Jayden", "Jaden", "Jaiden", NULL},
};

/* Family names with sound-alike or transliterated spellings. */
static const char *const family[][4] = {
        {"Smith", "Smyth", NULL},
        {"Khan", "Kahn", NULL},
        {"Begum", NULL},
        {"Patel", NULL},
        {"Hussain", "Husain", NULL},
        {"O'Neill", "ONeil", "O Neill"},
        {"McDonald", "MacDonald", NULL},
        {"Jones", NULL},
        {"Davies", "Davis", NULL},
        {"Williams", NULL},
        {"Nowak", "Novak", NULL},
        {"Kowalczyk", "Kowalczik", NULL},
        {"Okonkwo", NULL},
        {"Adeyemi", "Adeyemmi", NULL},
        {"Mensah", NULL},
        {"Nguyen", "Nguyen", NULL},
        {"Murphy", NULL},
        {"Kelly", "Kelley", NULL},
        {"Thompson", "Thomson", "Tomson"},
        {"Ahmed", "Ahmad", NULL},
        {"Ali", NULL},
        {"Brown", "Browne", NULL},
        {"Wilson", NULL},
        {"Taylor", "Tailor", NULL},
        {"Evans", NULL},
        {"Walker", NULL},
        {"Wright", NULL},
        {"Shevchenko", "Shevchenco", NULL},
        {"Popescu", NULL},
        {"Osei", NULL},
        {"Campbell", NULL},
        {"Stewart", "Stuart", NULL},
        {"Chaudhry", "Choudhury", "Chowdhury"},
        {"Rahman", "Rehman", NULL},
        {"Lewis", NULL},
        {"Clarke", "Clark", NULL},
};

static const char *const outward[] = {"E1",  "E2",  "E3",  "N1",  "N7",  "SE5", "SE15", "SW9",
                                      "W10", "NW6", "CR0", "IG1", "RM8", "EN3", "HA0",  "UB3"};

struct child {
	int gi, fi; /* indices into given / family */
	struct link_dob dob;
	char gender;
	char postcode[12];
	char alias[64];
};

static int variants(const char *const *row, int max)
{
	int n = 0;
	while (n < max && row[n])
		n++;
	return n;
}

static void make_child(struct rng *r, struct child *c)
{
	c->gi = (int)rng_below(r, ARRAY_LEN(given));
	c->fi = (int)rng_below(r, ARRAY_LEN(family));
	c->dob.y = (int)rng_range(r, 2006, 2020);
	c->dob.m = (int)rng_range(r, 1, 12);
	c->dob.d = (int)rng_range(r, 1, 28);
	c->gender = rng_chance(r, 0.5) ? 'F' : 'M';
	snprintf(c->postcode, sizeof(c->postcode), "%s %d%c%c",
	         outward[rng_below(r, ARRAY_LEN(outward))], (int)rng_range(r, 1, 9),
	         (char)('A' + rng_below(r, 26)), (char)('A' + rng_below(r, 26)));
	c->alias[0] = '\0';
	if (rng_chance(r, 0.1))
		snprintf(c->alias, sizeof(c->alias), "%s %s",
		         given[rng_below(r, ARRAY_LEN(given))][0], family[c->fi][0]);
}

/* A typo: swap, drop, double or replace one letter (never the first). */
static void typo(struct rng *r, const char *in, char *out, size_t n)
{
	snprintf(out, n, "%s", in);
	size_t len = strlen(out);
	if (len < 4)
		return;
	size_t i = 1 + rng_below(r, len - 2);
	switch (rng_below(r, 4)) {
	case 0: {
		char t = out[i];
		out[i] = out[i + 1];
		out[i + 1] = t;
		break;
	}
	case 1:
		memmove(out + i, out + i + 1, len - i);
		break;
	case 2:
		if (len + 1 < n) {
			memmove(out + i + 1, out + i, len - i + 1);
		}
		break;
	default:
		out[i] = (char)('a' + rng_below(r, 26));
		break;
	}
}

struct probe {
	char given[64], family[64], postcode[12], alias[64];
	struct link_dob dob;
	char gender;
	char what[96];
};

/* Records child c again with one or two of the R-REC-1 variations. */
static void make_probe(struct rng *r, const struct child *c, struct probe *p)
{
	const char *const *g = given[c->gi];
	const char *const *f = family[c->fi];
	snprintf(p->given, sizeof(p->given), "%s", g[0]);
	snprintf(p->family, sizeof(p->family), "%s", f[0]);
	snprintf(p->postcode, sizeof(p->postcode), "%s", c->postcode);
	p->alias[0] = '\0';
	p->dob = c->dob;
	p->gender = c->gender;
	p->what[0] = '\0';
	int changes = 1 + (int)rng_below(r, 2);
	bool reverse = false;
	for (int k = 0; k < changes; k++) {
		size_t w = strlen(p->what);
		switch (rng_below(r, 8)) {
		case 0: {
			int nv = variants(g, 5);
			if (nv > 1)
				snprintf(p->given, sizeof(p->given), "%s",
				         g[1 + rng_below(r, (uint64_t)nv - 1)]);
			snprintf(p->what + w, sizeof(p->what) - w, "nickname/variant ");
			break;
		}
		case 1: {
			int nv = variants(f, 4);
			if (nv > 1)
				snprintf(p->family, sizeof(p->family), "%s",
				         f[1 + rng_below(r, (uint64_t)nv - 1)]);
			snprintf(p->what + w, sizeof(p->what) - w, "family-spelling ");
			break;
		}
		case 2: {
			char t[64];
			typo(r, p->family, t, sizeof(t));
			snprintf(p->family, sizeof(p->family), "%s", t);
			snprintf(p->what + w, sizeof(p->what) - w, "family-typo ");
			break;
		}
		case 3:
			if (p->dob.d <= 12 && p->dob.d != p->dob.m) {
				int t = p->dob.d;
				p->dob.d = p->dob.m;
				p->dob.m = t;
			}
			snprintf(p->what + w, sizeof(p->what) - w, "dob-swapped ");
			break;
		case 4:
			p->dob.m = p->dob.d = 0;
			snprintf(p->what + w, sizeof(p->what) - w, "dob-year-only ");
			break;
		case 5:
			p->postcode[0] = '\0';
			snprintf(p->what + w, sizeof(p->what) - w, "no-postcode ");
			break;
		case 6: {
			char t[64];
			typo(r, p->given, t, sizeof(t));
			snprintf(p->given, sizeof(p->given), "%s", t);
			snprintf(p->what + w, sizeof(p->what) - w, "given-typo ");
			break;
		}
		default:
			reverse = true; /* applied last, after the other changes */
			snprintf(p->what + w, sizeof(p->what) - w, "names-reversed ");
			break;
		}
	}
	if (reverse) {
		char t[64];
		snprintf(t, sizeof(t), "%s", p->given);
		snprintf(p->given, sizeof(p->given), "%s", p->family);
		snprintf(p->family, sizeof(p->family), "%s", t);
	}
}

static void prepare_child(const struct child *c, struct link_person *out)
{
	struct link_person_in in = {.given = given[c->gi][0],
	                            .family = family[c->fi][0],
	                            .dob = c->dob,
	                            .gender = c->gender,
	                            .postcode = c->postcode};
	if (c->alias[0]) {
		in.aliases[0] = c->alias;
		in.n_aliases = 1;
	}
	link_person_prepare(&in, out);
}

static void prepare_probe(const struct probe *p, struct link_person *out)
{
	struct link_person_in in = {.given = p->given,
	                            .family = p->family,
	                            .dob = p->dob,
	                            .gender = p->gender,
	                            .postcode = p->postcode};
	link_person_prepare(&in, out);
}

static long arg(int argc, char **argv, int i, long def)
{
	return argc > i ? strtol(argv[i], NULL, 10) : def;
}

int main(int argc, char **argv)
{
	bool dump = argc > 1 && strcmp(argv[1], "--dump") == 0;
	int off = dump ? 1 : 0;
	uint64_t seed = (uint64_t)arg(argc, argv, 1 + off, 42);
	int nstore = dump ? (int)arg(argc, argv, 2 + off, 20) : (int)arg(argc, argv, 2, 5000);
	int nprobe = dump ? nstore : (int)arg(argc, argv, 3, 5000);
	if (nstore < 1 || nstore > 1000000 || nprobe < 1 || nprobe > 1000000)
		return 2;
	struct rng r;
	rng_seed(&r, seed);
	struct child *kids = calloc((size_t)nstore, sizeof(*kids));
	if (!kids)
		return 1;
	for (int i = 0; i < nstore; i++)
		make_child(&r, &kids[i]);
	if (dump) {
		printf("truth_index,truth_given,truth_family,truth_dob,probe_given,probe_family,"
		       "probe_dob,variation\n");
		for (int i = 0; i < nstore; i++) {
			struct probe p;
			make_probe(&r, &kids[i], &p);
			printf("%d,%s,%s,%04d-%02d-%02d,%s,%s,%04d-%02d-%02d,%s\n", i,
			       given[kids[i].gi][0], family[kids[i].fi][0], kids[i].dob.y,
			       kids[i].dob.m, kids[i].dob.d, p.given, p.family, p.dob.y, p.dob.m,
			       p.dob.d, p.what);
		}
		free(kids);
		return 0;
	}
	struct link_person *store = calloc((size_t)nstore, sizeof(*store));
	int *stamp = calloc((size_t)nstore, sizeof(int));
	int *cand = calloc((size_t)nstore, sizeof(int));
	if (!store || !stamp || !cand)
		return 1;
	for (int i = 0; i < nstore; i++)
		prepare_child(&kids[i], &store[i]);
	struct bix ix;
	bix_init(&ix, (size_t)nstore * 16 + 1024);
	for (int i = 0; i < nstore; i++)
		bix_add(&ix, &store[i], i);
	long blocked = 0, found = 0, top = 0, fp = 0, pairs = 0;
	int shown = 0;
	for (int k = 0; k < nprobe; k++) {
		int t = (int)rng_below(&r, (uint64_t)nstore);
		struct probe p;
		make_probe(&r, &kids[t], &p);
		struct link_person pp;
		prepare_probe(&p, &pp);
		int nc = bix_candidates(&ix, &pp, stamp, k + 1, cand, nstore);
		pairs += nc;
		double best = -1e9, truew = -1e9;
		int besti = -1;
		bool hit = false;
		for (int c = 0; c < nc; c++) {
			enum link_strength s;
			double w = link_score_weight(&pp, &store[cand[c]], &s);
			if (w > best) {
				best = w;
				besti = cand[c];
			}
			if (cand[c] == t) {
				blocked++;
				truew = w;
				hit = s >= LINK_PROBABLE_MATCH;
			} else if (s >= LINK_PROBABLE_MATCH) {
				fp++;
			}
		}
		found += hit;
		top += besti == t || (besti >= 0 && best == truew);
		if (!hit && getenv("LINK_BENCH_VERBOSE") && shown++ < 30)
			printf("MISS %.1f [%s] %s %s %d-%d-%d vs %s %s %d-%d-%d\n", truew, p.what,
			       p.given, p.family, p.dob.y, p.dob.m, p.dob.d, given[kids[t].gi][0],
			       family[kids[t].fi][0], kids[t].dob.y, kids[t].dob.m, kids[t].dob.d);
	}
	printf("variants seed %llu: store %d, probes %d, candidate pairs %ld (%.1f per probe)\n",
	       (unsigned long long)seed, nstore, nprobe, pairs, (double)pairs / nprobe);
	printf("blocking recall %.4f  recall at 'probable' %.4f  true record ranked first %.4f  "
	       "other records at 'probable' per probe %.4f\n",
	       (double)blocked / nprobe, (double)found / nprobe, (double)top / nprobe,
	       (double)fp / nprobe);
	bix_free(&ix);
	free(kids);
	free(store);
	free(stamp);
	free(cand);
	return 0;
}
