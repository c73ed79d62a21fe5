/*
 * em.c: training the Fellegi-Sunter matching model (see em.h): u from seeded random
 * pairs, name frequencies, m and the prior by expectation-maximisation in blocking
 * sessions, labelled pairs, and the choice of bands from a target precision.
 */
#include "link/em.h"

#include <math.h>

#include "util/rng.h"

/* ---- EM over agreement patterns ------------------------------------------ */

int link_em(const struct link_pattern *pats, size_t n, const bool free[LINK_NCMP],
            const double u[LINK_NCMP][LINK_MAX_LEVELS], double m[LINK_NCMP][LINK_MAX_LEVELS],
            double *lambda, int max_iter, double tol, int *iterations, double *post_out)
{
	if (!pats || n == 0 || !lambda || !(*lambda > 0.0 && *lambda < 1.0))
		return -1;
	double lm[LINK_NCMP][LINK_MAX_LEVELS], lu[LINK_NCMP][LINK_MAX_LEVELS];
	for (int c = 0; c < LINK_NCMP; c++)
		for (int l = 0; l < LINK_MAX_LEVELS; l++) {
			double uu = u[c][l] > 1e-12 ? u[c][l] : 1e-12;
			lu[c][l] = log(uu);
		}
	int it = 0;
	for (; it < max_iter; it++) {
		double acc[LINK_NCMP][LINK_MAX_LEVELS] = {{0}}, tot[LINK_NCMP] = {0};
		double sp = 0, sn = 0;
		for (int c = 0; c < LINK_NCMP; c++)
			for (int l = 0; l < LINK_MAX_LEVELS; l++)
				lm[c][l] = log(m[c][l] > 1e-12 ? m[c][l] : 1e-12);
		double la = log(*lambda), lb = log(1.0 - *lambda);
		for (size_t i = 0; i < n; i++) {
			const struct link_pattern *p = &pats[i];
			double a = la, b = lb;
			for (int c = 0; c < LINK_NCMP; c++) {
				int l = p->level[c];
				if (!free[c] || l == LINK_NULL)
					continue;
				a += lm[c][l];
				b += lu[c][l];
			}
			double post = 1.0 / (1.0 + exp(b - a));
			if (post_out)
				post_out[i] = post;
			double w = post * p->count;
			sp += w;
			sn += p->count;
			for (int c = 0; c < LINK_NCMP; c++) {
				int l = p->level[c];
				if (!free[c] || l == LINK_NULL)
					continue;
				acc[c][l] += w;
				tot[c] += w;
			}
		}
		double delta = 0;
		double nl = sn > 0 ? sp / sn : *lambda;
		nl = nl < 1e-12 ? 1e-12 : nl > 1 - 1e-12 ? 1 - 1e-12 : nl;
		delta = fabs(nl - *lambda);
		*lambda = nl;
		for (int c = 0; c < LINK_NCMP; c++) {
			if (!free[c] || tot[c] <= 0)
				continue;
			int nlev = link_cmp_levels((enum link_cmp)c);
			for (int l = 1; l < nlev; l++) {
				double v = acc[c][l] / tot[c];
				if (fabs(v - m[c][l]) > delta)
					delta = fabs(v - m[c][l]);
				m[c][l] = v;
			}
		}
		if (delta < tol) {
			it++;
			break;
		}
	}
	if (iterations)
		*iterations = it;
	return 0;
}

/* ---- u from random pairs -------------------------------------------------- */

/* link_estimate_u, also giving the counts of each level. */
static int estimate_u(const struct link_person *recs, size_t n, size_t pairs, uint64_t seed,
                      struct link_model *model, double cnt[LINK_NCMP][LINK_MAX_LEVELS])
{
	if (!recs || n < 2 || !model)
		return -1;
	struct rng r;
	rng_seed(&r, seed);
	memset(cnt, 0, sizeof(double) * LINK_NCMP * LINK_MAX_LEVELS);
	for (size_t k = 0; k < pairs; k++) {
		size_t i = (size_t)rng_below(&r, n);
		size_t j = (size_t)rng_below(&r, n - 1);
		if (j >= i)
			j++;
		struct link_gamma g;
		link_compare(&recs[i], &recs[j], &g);
		for (int c = 0; c < LINK_NCMP; c++)
			cnt[c][g.level[c]] += 1.0;
	}
	for (int c = 0; c < LINK_NCMP; c++) {
		int nlev = link_cmp_levels((enum link_cmp)c);
		double tot = 0;
		for (int l = 1; l < nlev; l++)
			tot += cnt[c][l] + 0.5;
		for (int l = 1; l < nlev; l++)
			model->u[c][l] = (cnt[c][l] + 0.5) / tot;
	}
	model->u_pairs = pairs;
	return 0;
}

int link_estimate_u(const struct link_person *recs, size_t n, size_t pairs, uint64_t seed,
                    struct link_model *model)
{
	double cnt[LINK_NCMP][LINK_MAX_LEVELS];
	return estimate_u(recs, n, pairs, seed, model, cnt);
}

/* ---- name frequencies ----------------------------------------------------- */

struct tfc {
	char tok[LINK_TF_TOK_LEN];
	size_t count;
};

struct tfmap {
	struct tfc *e;
	size_t cap, n;
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Counts tok (at most LINK_TF_TOK_LEN - 1 bytes) once more; false on allocation
 * failure. */
static bool tfmap_add(struct tfmap *m, const char tok[LINK_TF_TOK_LEN])
{
	if (2 * (m->n + 1) > m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		struct tfc *ne = calloc(nc, sizeof(*ne));
		if (!ne)
			return false;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->e[i].count)
				continue;
			size_t h = (size_t)str_hash(m->e[i].tok) & (nc - 1);
			while (ne[h].count)
				h = (h + 1) & (nc - 1);
			ne[h] = m->e[i];
		}
		free(m->e);
		m->e = ne;
		m->cap = nc;
	}
	size_t h = (size_t)str_hash(tok) & (m->cap - 1);
	while (m->e[h].count && strcmp(m->e[h].tok, tok) != 0)
		h = (h + 1) & (m->cap - 1);
	if (!m->e[h].count) {
		memcpy(m->e[h].tok, tok, LINK_TF_TOK_LEN);
		m->e[h].tok[LINK_TF_TOK_LEN - 1] = '\0';
		m->n++;
	}
	m->e[h].count++;
	return true;
}

static int by_count(const void *x, const void *y)
{
	const struct tfc *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->tok, b->tok);
}

/* The tokens of record p that field `family` counts (0 given, 1 family, 2 the full
 * name "given|family" of the first tokens), into keys; returns how many. */
static int field_tokens(const struct link_person *p, int family, char keys[][LINK_TF_TOK_LEN])
{
	int n = 0;
	if (family == 2) {
		const char *g = NULL, *f = NULL;
		for (int k = 0; k < p->n_tok; k++) {
			const struct link_ptok *t = &p->tok[k];
			if (t->set == 0 && t->pos == 0 && !t->family && !g)
				g = t->s;
			if (t->set == 0 && t->pos == 0 && t->family && !f)
				f = t->s;
		}
		if (g && f && link_full_name_key(g, f, keys[0]) == 0)
			n = 1;
		return n;
	}
	for (int k = 0; k < p->n_tok; k++) {
		const struct link_ptok *t = &p->tok[k];
		if (t->set != 0 || t->family != family)
			continue;
		bool dup = false; /* count a token once per record */
		for (int j = 0; j < n; j++)
			dup |= strcmp(keys[j], t->s) == 0;
		_Static_assert(LINK_TF_TOK_LEN == LINK_PTOK_LEN, "a token fits a frequency key");
		if (!dup)
			memcpy(keys[n++], t->s, LINK_TF_TOK_LEN);
	}
	return n;
}

static void learn_field(const struct link_person *recs, size_t n, int family, int max,
                        struct link_tf *out)
{
	struct tfmap m = {NULL, 0, 0};
	size_t with = 0;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		char keys[LINK_P_MAX_TOK][LINK_TF_TOK_LEN];
		int nk = field_tokens(&recs[i], family, keys);
		for (int k = 0; k < nk && ok; k++)
			ok = tfmap_add(&m, keys[k]);
		with += nk > 0;
	}
	memset(out, 0, sizeof(*out));
	out->dflt = with ? 1.0 / (double)with : 1.0;
	if (ok && m.n > 0) {
		size_t k = 0;
		for (size_t i = 0; i < m.cap; i++)
			if (m.e[i].count)
				m.e[k++] = m.e[i];
		qsort(m.e, k, sizeof(*m.e), by_count);
		size_t keep = k < (size_t)max ? k : (size_t)max;
		if (keep > LINK_TF_MAX)
			keep = LINK_TF_MAX;
		for (size_t i = 0; i < keep; i++)
			link_tf_set(out, m.e[i].tok, (double)m.e[i].count / (double)with);
		if (keep < k) {
			/* The names left out: their average share, never above the last kept. */
			size_t rest = 0;
			for (size_t i = keep; i < k; i++)
				rest += m.e[i].count;
			double avg = (double)rest / (double)(k - keep) / (double)with;
			double last = keep ? out->freq[keep - 1] : avg;
			out->dflt = avg < last ? avg : last;
		}
	}
	free(m.e);
}

void link_learn_tf(const struct link_person *recs, size_t n, int max, struct link_model *model)
{
	learn_field(recs, n, 0, max, &model->tf_given);
	learn_field(recs, n, 1, max, &model->tf_family);
	learn_field(recs, n, 2, max, &model->tf_full);
	link_model_finish(model);
}

/* ---- bands ---------------------------------------------------------------- */

static int by_weight_desc(const void *x, const void *y)
{
	const struct link_scored *a = x, *b = y;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return (int)a->same - (int)b->same; /* not-same first: pessimistic on ties */
}

/* Lowest weight at which the included pairs at or above it, and at or above every
 * higher weight, are the same child with precision >= p. Scanning down stops at the
 * first weight where precision falls below p once 50 pairs have been seen (the first
 * few pairs alone say little). */
static bool lowest_at_precision(const struct link_scored *s, size_t n, double p, bool skip_capped,
                                double *out)
{
	double tp = 0, fp = 0;
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		if (!(skip_capped && s[i].capped)) {
			if (s[i].same)
				tp++;
			else
				fp++;
		}
		/* A threshold sits between distinct weights only. */
		if (i + 1 < n && s[i + 1].weight == s[i].weight)
			continue;
		if (tp > 0 && tp / (tp + fp) >= p) {
			*out = s[i].weight;
			found = true;
		} else if (tp + fp >= 50) {
			break;
		}
	}
	return found;
}

int link_bands_choose(struct link_scored *pairs, size_t n, double p_likely, double p_possible,
                      double *likely, double *possible)
{
	if (!pairs || n == 0 || !likely || !possible)
		return -1;
	qsort(pairs, n, sizeof(*pairs), by_weight_desc);
	int rc = 0;
	if (!lowest_at_precision(pairs, n, p_likely, true, likely)) {
		*likely = pairs[0].weight + 1.0;
		rc = -1;
	}
	/* 'possible': the pairs from the threshold up to 'likely' are the same child with
	 * precision >= p_possible, as they are from every higher threshold once 50 pairs
	 * are counted (scanning down stops at the first that falls short). */
	double tp = 0, fp = 0;
	*possible = *likely;
	for (size_t i = 0; i < n; i++) {
		if (pairs[i].weight >= *likely)
			continue;
		if (pairs[i].same)
			tp++;
		else
			fp++;
		if (i + 1 < n && pairs[i + 1].weight == pairs[i].weight)
			continue;
		if (tp > 0 && tp / (tp + fp) >= p_possible)
			*possible = pairs[i].weight;
		else if (tp + fp >= 50)
			break;
	}
	return rc;
}

/* ---- training sessions ---------------------------------------------------- */

struct patmap {
	uint64_t *keys;
	size_t *idx;
	size_t cap;
	struct link_pattern *p;
	bool *other; /* the other session's key agrees */
	size_t n, pcap;
};

static uint64_t pat_key(const uint8_t level[LINK_NCMP], bool other)
{
	uint64_t k = other ? 1 : 0;
	for (int c = 0; c < LINK_NCMP; c++)
		k = (k << 4) | level[c];
	return k + 1; /* never 0, the empty slot */
}

static bool patmap_add(struct patmap *m, const uint8_t level[LINK_NCMP], bool other)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		uint64_t *nk = calloc(nc, sizeof(*nk));
		size_t *ni = calloc(nc, sizeof(*ni));
		if (!nk || !ni) {
			free(nk);
			free(ni);
			return false;
		}
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t h = (size_t)(m->keys[i] * 0x9E3779B97F4A7C15ULL >> 20) & (nc - 1);
			while (nk[h])
				h = (h + 1) & (nc - 1);
			nk[h] = m->keys[i];
			ni[h] = m->idx[i];
		}
		free(m->keys);
		free(m->idx);
		m->keys = nk;
		m->idx = ni;
		m->cap = nc;
	}
	uint64_t k = pat_key(level, other);
	size_t h = (size_t)(k * 0x9E3779B97F4A7C15ULL >> 20) & (m->cap - 1);
	while (m->keys[h] && m->keys[h] != k)
		h = (h + 1) & (m->cap - 1);
	if (!m->keys[h]) {
		if (m->n == m->pcap) {
			size_t nc = m->pcap ? m->pcap * 2 : 1024;
			struct link_pattern *np = realloc(m->p, nc * sizeof(*np));
			if (!np)
				return false;
			m->p = np;
			bool *no = realloc(m->other, nc * sizeof(*no));
			if (!no)
				return false;
			m->other = no;
			m->pcap = nc;
		}
		m->keys[h] = k;
		m->idx[h] = m->n;
		memcpy(m->p[m->n].level, level, LINK_NCMP);
		m->p[m->n].count = 0;
		m->other[m->n] = other;
		m->n++;
	}
	m->p[m->idx[h]].count += 1.0;
	return true;
}

static void patmap_free(struct patmap *m)
{
	free(m->keys);
	free(m->idx);
	free(m->p);
	free(m->other);
}

enum { S_DOB, S_NAMES, S_NHS, S_N };

/* The blocking value of record p in session s; 0 when p cannot be in it. */
static uint64_t session_key(const struct link_person *p, int s)
{
	if (s == S_DOB) {
		if (!p->dob.y || !p->dob.m || !p->dob.d)
			return 0;
		int a = p->dob.m < p->dob.d ? p->dob.m : p->dob.d;
		int b = p->dob.m < p->dob.d ? p->dob.d : p->dob.m;
		return (uint64_t)p->dob.y * 10000 + (uint64_t)a * 100 + (uint64_t)b;
	}
	if (s == S_NAMES) {
		uint32_t g = 0, f = 0;
		for (int i = 0; i < p->n_tok; i++) {
			if (p->tok[i].set != 0)
				continue;
			if (!p->tok[i].family && !g)
				g = p->tok[i].dm1;
			if (p->tok[i].family && !f)
				f = p->tok[i].dm1;
		}
		if (!g || !f)
			return 0;
		uint32_t lo = g < f ? g : f, hi = g < f ? f : g;
		return ((uint64_t)lo << 32) | hi;
	}
	if (!p->nhs[0])
		return 0;
	return str_hash(p->nhs) | 1;
}

struct keyed {
	uint64_t key;
	size_t i;
};

static int by_key(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Adds the pattern of records x and y to session s's map, with the session's own field
 * masked and whether the other session's key agrees; -1 when out of memory. */
static int process_pair(const struct link_person *recs, size_t x, size_t y, int s,
                        struct patmap *pm)
{
	struct link_gamma g;
	link_compare(&recs[x], &recs[y], &g);
	if (s == S_DOB)
		g.level[LINK_C_DOB] = LINK_NULL;
	else if (s == S_NAMES)
		g.level[LINK_C_GIVEN] = g.level[LINK_C_FAMILY] = LINK_NULL;
	else
		g.level[LINK_C_NHS] = LINK_NULL;
	int other_s = s == S_DOB ? S_NAMES : S_DOB;
	uint64_t ox = session_key(&recs[x], other_s);
	bool other = ox && ox == session_key(&recs[y], other_s);
	return patmap_add(pm, g.level, other) ? 0 : -1;
}

/* Collects the agreement patterns of session s (pairs sharing its key, sampled down to
 * at most `cap` with the seeded generator), with the session's field masked out.
 * *pairs_all receives the number of pairs sharing the key before sampling. */
static int session_patterns(const struct link_person *recs, size_t n, int s, size_t cap,
                            uint64_t seed, struct patmap *pm, double *pairs_all, size_t *used)
{
	int rc = -1;
	struct keyed *k = malloc((n ? n : 1) * sizeof(*k));
	if (!k)
		return -1;
	size_t nk = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t v = session_key(&recs[i], s);
		if (v)
			k[nk++] = (struct keyed){v, i};
	}
	qsort(k, nk, sizeof(*k), by_key);
	double total = 0;
	for (size_t a = 0; a < nk;) {
		size_t b = a;
		while (b < nk && k[b].key == k[a].key)
			b++;
		double sz = (double)(b - a);
		total += sz * (sz - 1) / 2;
		a = b;
	}
	*pairs_all = total;
	double q = total > (double)cap ? (double)cap / total : 1.0;
	struct rng r;
	rng_seed(&r, seed ^ (0x5E551000ULL + (uint64_t)s));
	*used = 0;
	for (size_t a = 0; a < nk;) {
		size_t b = a;
		while (b < nk && k[b].key == k[a].key)
			b++;
		size_t bs = b - a;
		/* A large block is sampled by drawing its share of pairs at random, so that a
		 * name or date shared by very many records costs no more than its share; a
		 * small one by keeping each pair with probability q. */
		if (bs > 500 && q < 1.0) {
			size_t draws = (size_t)((double)bs * (double)(bs - 1) / 2 * q + 0.5);
			for (size_t t = 0; t < draws; t++) {
				size_t x = a + (size_t)rng_below(&r, bs);
				size_t y = a + (size_t)rng_below(&r, bs - 1);
				if (y >= x)
					y++;
				if (process_pair(recs, k[x].i, k[y].i, s, pm) != 0)
					goto cleanup;
				(*used)++;
			}
		} else {
			for (size_t i = a; i < b; i++)
				for (size_t j = i + 1; j < b; j++) {
					if (q < 1.0 && rng_double(&r) >= q)
						continue;
					if (process_pair(recs, k[i].i, k[j].i, s, pm) != 0)
						goto cleanup;
					(*used)++;
				}
		}
		a = b;
	}
	rc = 0;
cleanup:
	free(k);
	return rc;
}

void link_train_opts_default(struct link_train_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->u_pairs = 1000000;
	o->session_pairs = 2000000;
	o->max_iter = 200;
	o->tol = 1e-7;
	o->tf_max = LINK_TF_MAX;
	o->p_likely = 0.995;
	o->p_possible = 0.45;
	o->trained_on = "";
}

struct session {
	struct patmap pm;
	double m[LINK_NCMP][LINK_MAX_LEVELS];
	double lambda, pairs_all, mass[LINK_NCMP];
	double p_other; /* P(the other session's key agrees | same child) */
	size_t used;
	int iters;
	bool ok;
};

static int run_session(const struct link_person *recs, size_t n, int s,
                       const struct link_train_opts *o, const struct link_model *base,
                       const struct link_model *model, struct session *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (session_patterns(recs, n, s, o->session_pairs, o->seed, &ss->pm, &ss->pairs_all,
	                     &ss->used) != 0)
		return -1;
	if (ss->pm.n == 0)
		return 0;
	bool free_[LINK_NCMP];
	for (int c = 0; c < LINK_NCMP; c++)
		free_[c] = true;
	if (s == S_DOB)
		free_[LINK_C_DOB] = false;
	else if (s == S_NAMES)
		free_[LINK_C_GIVEN] = free_[LINK_C_FAMILY] = false;
	else
		free_[LINK_C_NHS] = false;
	memcpy(ss->m, base->m, sizeof(ss->m));
	ss->lambda = 0.1;
	double *post = malloc(ss->pm.n * sizeof(*post));
	if (!post)
		return -1;
	link_em(ss->pm.p, ss->pm.n, free_, model->u, ss->m, &ss->lambda, o->max_iter, o->tol,
	        &ss->iters, post);
	double po = 0, pt = 0;
	for (size_t i = 0; i < ss->pm.n; i++) {
		double w = post[i] * ss->pm.p[i].count;
		pt += w;
		po += ss->pm.other[i] ? w : 0;
		for (int c = 0; c < LINK_NCMP; c++)
			if (free_[c] && ss->pm.p[i].level[c] != LINK_NULL)
				ss->mass[c] += w;
	}
	ss->p_other = pt > 0 ? po / pt : 0;
	free(post);
	ss->ok = true;
	return 0;
}

/* No level is impossible for one child: m is kept at LINK_M_FLOOR or more. */
static void floor_m(struct link_model *out)
{
	for (int c = 0; c < LINK_NCMP; c++) {
		int nlev = link_cmp_levels((enum link_cmp)c);
		double t = 0;
		for (int l = 1; l < nlev; l++) {
			if (out->m[c][l] < LINK_M_FLOOR)
				out->m[c][l] = LINK_M_FLOOR;
			t += out->m[c][l];
		}
		for (int l = 1; l < nlev; l++)
			out->m[c][l] /= t;
	}
}

/* Folds labelled "same" pairs into m: m = (counts + k * m) / (n + k). */
static void apply_labels(const struct link_labelled_pair *labels, size_t n_labels,
                         struct link_model *out)
{
	const double k = 20.0;
	double cnt[LINK_NCMP][LINK_MAX_LEVELS] = {{0}}, tot[LINK_NCMP] = {0};
	for (size_t i = 0; i < n_labels; i++) {
		if (!labels[i].same || !labels[i].a || !labels[i].b)
			continue;
		struct link_gamma g;
		link_compare(labels[i].a, labels[i].b, &g);
		for (int c = 0; c < LINK_NCMP; c++)
			if (g.level[c] != LINK_NULL) {
				cnt[c][g.level[c]] += 1;
				tot[c] += 1;
			}
	}
	for (int c = 0; c < LINK_NCMP; c++) {
		if (tot[c] == 0)
			continue;
		int nlev = link_cmp_levels((enum link_cmp)c);
		for (int l = 1; l < nlev; l++)
			out->m[c][l] = (cnt[c][l] + k * out->m[c][l]) / (tot[c] + k);
	}
}

int link_model_choose_bands(const struct link_labelled_pair *labels, size_t n_labels, size_t store,
                            const struct link_train_opts *o, struct link_model *out,
                            struct link_train_report *rep)
{
	struct link_train_opts dflt;
	if (!o) {
		link_train_opts_default(&dflt);
		o = &dflt;
	}
	if (!labels || !out)
		return -1;
	size_t ns = 0, nd = 0;
	for (size_t i = 0; i < n_labels; i++) {
		if (!labels[i].a || !labels[i].b)
			continue;
		ns += labels[i].same;
		nd += !labels[i].same;
	}
	out->labelled_same = ns;
	out->labelled_different = nd;
	if (ns < 20 || nd < 20)
		return -1;
	/* sc: each pair's weight among its group's; sa: its own weight */
	struct link_scored *sc = malloc((ns + nd) * sizeof(*sc));
	struct link_scored *sa = malloc((ns + nd) * sizeof(*sa));
	if (!sc || !sa) {
		free(sc);
		free(sa);
		return -1;
	}
	size_t k = 0;
	double w[LINK_COMPETE_MAX];
	bool skip[LINK_COMPETE_MAX];
	for (size_t i = 0; i < n_labels;) {
		/* one probe's candidates together: a group, or a pair alone */
		size_t j = i + 1;
		while (labels[i].group && j < n_labels && labels[j].group == labels[i].group &&
		       j - i < LINK_COMPETE_MAX)
			j++;
		size_t k0 = k;
		for (size_t x = i; x < j; x++) {
			if (!labels[x].a || !labels[x].b)
				continue;
			struct link_gamma g;
			link_compare(labels[x].a, labels[x].b, &g);
			w[k - k0] = link_gamma_weight(out, store, &g, NULL);
			skip[k - k0] = link_gamma_capped(&g);
			sc[k].same = labels[x].same;
			sc[k].capped = skip[k - k0];
			k++;
		}
		for (size_t x = k0; x < k; x++) {
			sa[x] = sc[x];
			sa[x].weight = w[x - k0];
		}
		link_weights_compete(w, skip, k - k0);
		for (size_t x = k0; x < k; x++)
			sc[x].weight = w[x - k0];
		i = j;
	}
	/* 'likely' on the weights among the group (a claim that the probe is this child);
	 * 'possible' on each pair's own weight (worth a person's look), below the 'likely'
	 * its own weights would give. */
	double likely, possible, likely_alone, unused;
	int rc = -1;
	if (link_bands_choose(sc, k, o->p_likely, o->p_possible, &likely, &unused) == 0 &&
	    link_bands_choose(sa, k, o->p_likely, o->p_possible, &likely_alone, &possible) == 0) {
		out->likely = likely;
		out->possible = possible;
		if (rep)
			rep->bands_from_labels = true;
		rc = 0;
	}
	free(sc);
	free(sa);
	return rc;
}

int link_model_train(const struct link_person *recs, size_t n,
                     const struct link_labelled_pair *labels, size_t n_labels,
                     const struct link_train_opts *o, struct link_model *out,
                     struct link_train_report *rep)
{
	struct link_train_opts dflt;
	if (!o) {
		link_train_opts_default(&dflt);
		o = &dflt;
	}
	const struct link_model *base = o->base ? o->base : link_model_default();
	struct session ss[S_N];
	memset(ss, 0, sizeof(ss));
	if (rep)
		memset(rep, 0, sizeof(*rep));
	int rc = -1;
	memcpy(out, base, sizeof(*out));
	if (!recs || n < 100)
		goto cleanup;
	snprintf(out->trained_on, sizeof(out->trained_on), "%s",
	         o->trained_on ? o->trained_on : "");
	out->records = n;
	out->labelled_same = out->labelled_different = 0;
	link_learn_tf(recs, n, o->tf_max, out);
	double ucnt[LINK_NCMP][LINK_MAX_LEVELS];
	if (estimate_u(recs, n, o->u_pairs, o->seed, out, ucnt) != 0)
		goto cleanup;
	for (int s = 0; s < S_N; s++)
		if (run_session(recs, n, s, o, base, out, &ss[s]) != 0)
			goto cleanup;
	if (!ss[S_DOB].ok && !ss[S_NAMES].ok)
		goto cleanup;
	/* m of each field from the sessions where it was free and seen enough: the NHS
	 * session (nearly all the same child) first, else the mean of the others. */
	for (int c = 0; c < LINK_NCMP; c++) {
		int nlev = link_cmp_levels((enum link_cmp)c);
		const double enough = 100.0;
		bool in[S_N];
		for (int s = 0; s < S_N; s++)
			in[s] = ss[s].ok && ss[s].mass[c] >= enough;
		if (in[S_NHS]) {
			for (int l = 1; l < nlev; l++)
				out->m[c][l] = ss[S_NHS].m[c][l];
			continue;
		}
		int k = in[S_DOB] + in[S_NAMES];
		if (k == 0)
			continue; /* keep the base model's m */
		for (int l = 1; l < nlev; l++)
			out->m[c][l] = ((in[S_DOB] ? ss[S_DOB].m[c][l] : 0) +
			                (in[S_NAMES] ? ss[S_NAMES].m[c][l] : 0)) /
			               k;
	}
	/* The prior: P(same) = P(same | key) P(key) / P(key | same), from each session
	 * with the other session's estimate of P(key | same). */
	double tp = (double)n * (double)(n - 1) / 2, lsum = 0;
	int lk = 0;
	if (ss[S_DOB].ok && ss[S_NAMES].ok && ss[S_NAMES].p_other > 0) {
		lsum += log(ss[S_DOB].lambda * ss[S_DOB].pairs_all / tp / ss[S_NAMES].p_other);
		lk++;
	}
	if (ss[S_DOB].ok && ss[S_NAMES].ok && ss[S_DOB].p_other > 0) {
		lsum += log(ss[S_NAMES].lambda * ss[S_NAMES].pairs_all / tp / ss[S_DOB].p_other);
		lk++;
	}
	double lambda = lk ? exp(lsum / lk) : base->match_rate / (double)n;
	out->match_rate = lambda * (double)(n - 1);
	if (out->match_rate > 1.0)
		out->match_rate = 1.0;
	if (labels && n_labels)
		apply_labels(labels, n_labels, out);
	floor_m(out);
	/* A level seen neither among random pairs nor among matches says nothing: weight
	 * 0 rather than the ratio of two guesses. */
	for (int c = 0; c < LINK_NCMP; c++)
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++)
			if (ucnt[c][l] == 0 && out->m[c][l] <= 2 * LINK_M_FLOOR)
				out->m[c][l] = out->u[c][l];
	out->em_pairs = 0;
	out->em_iterations = 0;
	for (int s = 0; s < S_N; s++) {
		out->em_pairs += ss[s].used;
		if (ss[s].iters > out->em_iterations)
			out->em_iterations = ss[s].iters;
		if (rep) {
			rep->session_pairs[s] = ss[s].used;
			rep->session_lambda[s] = ss[s].lambda;
			rep->session_iterations[s] = ss[s].iters;
		}
	}
	if (rep)
		rep->lambda = lambda;
	link_model_finish(out);
	if (labels && n_labels)
		link_model_choose_bands(labels, n_labels, n, o, out, rep);
	rc = 0;
cleanup:
	for (int s = 0; s < S_N; s++)
		patmap_free(&ss[s].pm);
	if (rc != 0) {
		memcpy(out, base, sizeof(*out));
	}
	return rc;
}
