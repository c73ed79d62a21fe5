/*
 * bench_link.c: accuracy and speed of the R-REC-1 matcher (link/match.h, blocking.h,
 * em.h) on the synthetic generator (gen.h) and on FEBRL 3 and 4.
 *
 *   bench_link synth [N [seed [known [new]]]]   store N children, look up probes
 *   bench_link train [N [seed [known [new]]]] [--bands M] [--json F] [--c F]
 *                                               train the built-in model (known, new:
 *                                               N / 10 each; bands chosen again on a
 *                                               store of M)
 *   bench_link febrl4 | febrl3                  the FEBRL benchmarks
 *   bench_link dump [N [seed]]                  the store and probes as CSV
 *
 * `synth` indexes the store in memory, then for each probe: blocking keys -> posting
 * lists -> link_rank_candidates() -> the best LOOKUP_CANDIDATES scored with the model
 * -> bands. It prints recall at the 'likely' band and its precision, the best recall
 * any threshold reaches at precision 0.995, how many new children see a candidate at
 * 'possible' or above, how often the true child is ranked first, lookup times, the
 * ceiling any scorer of the same comparisons could reach (ceiling.h), and a digest of
 * every result (equal digests: identical results). LINK_BENCH_VERBOSE=N also
 * prints false pairs, candidates not found and the first N misses. Set LINK_MODEL=file to
 * use another model than the built-in one. Run from the repository root (FEBRL files)
 * or set LANTERN_SOURCE_DIR.
 */
#include <math.h>
#include <time.h>

#include "link/em.h"
#include "gen.h"
#include "memindex.h"
#include "ceiling.h"

#define LOOKUP_CANDIDATES 200 /* candidates scored per lookup, after ranking */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: a lookup's cost without the time the machine's other work
 * took the core away (the machine is shared). */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long arg_long(int argc, char **argv, int i, long dflt)
{
	if (i >= argc || argv[i][0] == '-')
		return dflt;
	char *end;
	long v = strtol(argv[i], &end, 10);
	return *end ? dflt : v;
}

static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(LINK_MODEL_JSON_MAX + 1);
	size_t n = buf ? fread(buf, 1, LINK_MODEL_JSON_MAX, f) : 0;
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The model to use: $LINK_MODEL or the built-in one. */
static const struct link_model *model_to_use(void)
{
	static struct link_model m;
	const char *path = getenv("LINK_MODEL");
	if (!path)
		return link_model_default();
	size_t len;
	char *text = read_file(path, &len), err[200];
	if (!text || link_model_from_json(text, len, &m, err, sizeof(err)) != 0) {
		fprintf(stderr, "cannot load %s: %s\n", path, text ? err : "unreadable");
		exit(1);
	}
	free(text);
	return &m;
}

/* ---- the synthetic benchmark ------------------------------------------------ */

static void prepare_rec(const struct grec *g, struct link_person *p)
{
	struct link_person_in in;
	to_input(g, &in);
	link_person_prepare(&in, p);
}

static char **make_ids(size_t n)
{
	char **ids = malloc(n * sizeof(*ids));
	char *blob = malloc(n * 12);
	if (!ids || !blob)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		ids[i] = blob + i * 12;
		snprintf(ids[i], 12, "c%09zu", i % 1000000000);
	}
	return ids;
}

static size_t id_num(const char *id)
{
	return (size_t)strtoull(id + 1, NULL, 10);
}

struct scored {
	double w;
	bool same, capped;
	double fw; /* what the pair counts for when false (below) */
};

static int by_w(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;
	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return (int)a->same - (int)b->same;
}

static int by_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * 1099511628211ULL;
	return h;
}

/* A number from text, or dflt when it is not one (or below 1). */
static int atoi_or(const char *s, int dflt)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	return s && *end == '\0' && v >= 1 && v <= 1000000 ? (int)v : dflt;
}

/* Prints a probe against a stored child with the reasons. */
static void show_pair(const char *tag, const struct link_model *model, size_t n,
                      const struct world *w, const struct grec *g, const struct link_person *p,
                      size_t ci, const struct link_person *c)
{
	struct link_result r;
	link_score_with(model, n, p, c, &r);
	struct grec t;
	render_child(w, ci, &t);
	printf("%s %.1f [%s|%s|%d-%d-%d|%s|%s] vs [%s|%s|%d-%d-%d|%s|%s]:", tag, r.weight, g->given,
	       g->family, g->dob.y, g->dob.m, g->dob.d, g->postcode, g->sibling ? "sib" : "",
	       t.given, t.family, t.dob.y, t.dob.m, t.dob.d, t.postcode, t.line);
	for (int k = 0; k < r.n_reasons; k++)
		printf(" %s (%.1f);", r.reasons[k], r.reason_weight[k]);
	for (int k = 0; k < K_N; k++)
		if (g->what & (1u << k))
			printf(" <%s>", corruption_name[k]);
	printf("\n");
}

static void synth(size_t n, uint64_t seed, size_t n_known, size_t n_new)
{
	const struct link_model *model = model_to_use();
	double t0 = now();
	struct world w;
	world_make(&w, seed, n, n_known, n_new);
	double t1 = now();
	struct link_person *people = malloc(n * sizeof(*people));
	struct link_person *probes = malloc(w.n_probe * sizeof(*probes));
	if (!people || !probes)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		struct grec g;
		render_child(&w, i, &g);
		prepare_rec(&g, &people[i]);
	}
	for (size_t i = 0; i < w.n_probe; i++)
		prepare_rec(&w.probe[i], &probes[i]);
	double t2 = now();
	struct mix ix;
	mix_build(&ix, people, n);
	double t3 = now();
	char **ids = make_ids(n);
	struct ceiling ceil;
	ceiling_init(&ceil, people, n);
	printf("synthetic: seed %llu, %zu children in %zu households, %zu keys, %zu postings;"
	       " generated in %.1f s, prepared in %.1f s, indexed in %.1f s\n",
	       (unsigned long long)seed, n, w.n_hh, ix.n_keys, ix.n_ids, t1 - t0, t2 - t1, t3 - t2);

	struct lookup_buf b;
	const char *lc = getenv("LINK_CANDIDATES");
	size_t max_cand = lc ? (size_t)strtoul(lc, NULL, 10) : LOOKUP_CANDIDATES;
	lookup_buf_init(&b, max_cand ? max_cand : 1);
	size_t cap_sc = w.n_probe * 8 + 16, n_sc = 0;
	struct scored *sc = malloc(cap_sc * sizeof(*sc));
	double *lat = malloc(w.n_probe * sizeof(*lat)), *cpu = malloc(w.n_probe * sizeof(*cpu));
	if (!sc || !lat || !cpu)
		exit(1);
	size_t in_block = 0, first = 0, tp_likely = 0, fp_likely = 0, known_possible = 0;
	size_t new_prompted = 0, new_sib = 0, new_sib_prompted = 0, new_likely = 0;
	/* A run with more (or fewer) new children than known ones is judged, for the best
	 * recall below and the ceiling, as if there were one new child a known one: each
	 * of a new child's pairs counts n_known / n_new of a false pair. */
	const double new_fw = n_new ? (double)n_known / (double)n_new : 1.0;
	size_t miss_kind[K_N] = {0}, seen_kind[K_N] = {0}, n_common = 0, cand_total = 0;
	uint64_t digest = 1469598103934665603ULL;
	double score_cpu = 0;
	/* LINK_BENCH_TSV=file: every true pair, every false pair above -8 bits and every
	 * known probe whose child was not found, one a line, for analysis: kind (T, F, N),
	 * probe, corruptions (bits of enum corruption), probe kind (1 known, 2 new brother or
	 * sister, 0 new), weight, capped, band, rank, same household as the truth. */
	FILE *tsv = getenv("LINK_BENCH_TSV") ? fopen(getenv("LINK_BENCH_TSV"), "w") : NULL;
	/* LINK_BENCH_ALONE=1: each candidate's weight alone, without the others found for
	 * the probe (link_weights_compete), for comparison. */
	bool compete = !getenv("LINK_BENCH_ALONE");
	struct link_gamma *gms = malloc((max_cand + 1) * sizeof(*gms));
	double *wts = malloc((max_cand + 1) * sizeof(*wts));
	double *alone = malloc((max_cand + 1) * sizeof(*alone));
	bool *capped = malloc((max_cand + 1) * sizeof(*capped));
	if (!gms || !wts || !alone || !capped)
		exit(1);
	for (size_t q = 0; q < w.n_probe; q++) {
		const struct grec *g = &w.probe[q];
		bool known = g->truth >= 0;
		double a = now(), ca = cpu_now();
		size_t common = 0;
		size_t nc = mix_candidates(&ix, (const char *const *)ids, &probes[q], &b, &common);
		double best = -INFINITY, sa = cpu_now();
		size_t best_i = 0;
		enum link_strength best_s = LINK_NONE, truth_s = LINK_NONE;
		bool prompted = false, truth_in = false;
		for (size_t k = 0; k < nc; k++) {
			link_compare(&probes[q], &people[id_num(b.cand[k].id)], &gms[k]);
			wts[k] = link_gamma_weight(model, n, &gms[k], NULL);
			capped[k] = link_gamma_capped(&gms[k]);
		}
		memcpy(alone, wts, nc * sizeof(*wts));
		if (compete)
			link_weights_compete(wts, capped, nc);
		for (size_t k = 0; k < nc; k++) {
			size_t ci = id_num(b.cand[k].id);
			const struct link_gamma *gmp = &gms[k], gm = *gmp;
			double wt = wts[k];
			enum link_strength s = link_band(model, gmp, alone[k], wt);
			bool same = known && (size_t)g->truth == ci;
			ceiling_add(&ceil, gmp, &people[ci], known, same);
			if (wt > best) {
				best = wt;
				best_i = ci;
				best_s = s;
			}
			if (same) {
				truth_in = true;
				truth_s = s;
			}
			if (s >= LINK_POSSIBLE_MATCH)
				prompted = true;
			if (s >= LINK_PROBABLE_MATCH) {
				if (same)
					tp_likely++;
				else
					fp_likely++;
				if (!same && getenv("LINK_BENCH_VERBOSE"))
					show_pair("FALSE", model, n, &w, g, &probes[q], ci,
					          &people[ci]);
			}
			if (tsv && (same || wt > -8.0)) {
				size_t th = known ? (size_t)w.c[g->truth].hh : (size_t)-1;
				char lv[LINK_NCMP + 1];
				for (int c = 0; c < LINK_NCMP; c++)
					lv[c] = (char)('0' + gm.level[c]);
				lv[LINK_NCMP] = '\0';
				bool ex = gm.level[LINK_C_GIVEN] == LINK_GIVEN_EXACT &&
				          gm.level[LINK_C_FAMILY] == LINK_FAMILY_EXACT && gm.ga &&
				          gm.fa;
				fprintf(tsv,
				        "%s\t%zu\t%u\t%d\t%.3f\t%d\t%d\t%zu\t%s\t%s\t%zu\t%s\t%s"
				        "\t%d\t%d\n",
				        same ? "T" : "F", q, g->what,
				        known        ? 1
				        : g->sibling ? 2
				                     : 0,
				        wt, (int)link_gamma_capped(&gm), (int)s, k,
				        (size_t)w.c[ci].hh == th ? "hh" : "-", lv, ci,
				        ex ? gm.ga->s : "-", ex ? gm.fa->s : "-",
				        ex ? gm.ga->pos + 10 * gm.ga->set : -1,
				        ex ? gm.fa->pos + 10 * gm.fa->set : -1);
			}
			/* Every pair, so that any threshold can be judged (pairs far below
			 * 'possible' are kept too). */
			{
				if (n_sc == cap_sc) {
					cap_sc *= 2;
					sc = realloc(sc, cap_sc * sizeof(*sc));
					if (!sc)
						exit(1);
				}
				sc[n_sc++] = (struct scored){wt, same, link_gamma_capped(&gm),
				                             known ? 1.0 : new_fw};
			}
			digest = fnv(digest, &ci, sizeof(ci));
			digest = fnv(digest, &wt, sizeof(wt));
		}
		lat[q] = now() - a;
		cpu[q] = cpu_now() - ca;
		score_cpu += cpu_now() - sa;
		cand_total += nc;
		n_common += common > 0;
		digest = fnv(digest, &best_i, sizeof(best_i));
		digest = fnv(digest, &best_s, sizeof(best_s));
		if (tsv && known && !truth_in)
			fprintf(tsv, "N\t%zu\t%u\t1\t-99\t0\t0\t0\t-\t-\t0\t-\t-\t-1\t-1\n", q,
			        g->what);
		if (known && !truth_in && getenv("LINK_BENCH_VERBOSE")) {
			show_pair("NOTFOUND", model, n, &w, g, &probes[q], (size_t)g->truth,
			          &people[g->truth]);
			/* the keys both hold, with their holders */
			char ka[LINK_MAX_KEYS][LINK_KEY_LEN], kb[LINK_MAX_KEYS][LINK_KEY_LEN];
			int na = link_blocking_keys(&probes[q], ka, LINK_MAX_KEYS);
			int nb = link_blocking_keys(&people[g->truth], kb, LINK_MAX_KEYS);
			printf("  keys %d / %d; shared:", na, nb);
			for (int x = 0; x < na; x++)
				for (int y = 0; y < nb; y++)
					if (strcmp(ka[x], kb[y]) == 0) {
						size_t hn;
						mix_find(&ix, ka[x], &hn);
						printf(" %s (%zu)", ka[x], hn);
					}
			printf("\n");
		}
		if (known) {
			in_block += truth_in;
			first += truth_in && best_i == (size_t)g->truth;
			known_possible += truth_s >= LINK_POSSIBLE_MATCH;
			for (int k = 0; k < K_N; k++)
				if (g->what & (1u << k)) {
					seen_kind[k]++;
					miss_kind[k] += truth_s < LINK_PROBABLE_MATCH;
				}
		} else {
			new_prompted += prompted;
			new_likely += best_s >= LINK_PROBABLE_MATCH;
			new_sib += g->sibling;
			new_sib_prompted += g->sibling && prompted;
		}
	}
	if (tsv)
		fclose(tsv);
	free(gms);
	free(wts);
	free(alone);
	free(capped);
	/* The best recall any threshold reaches at precision >= 0.995 (pairs whose given
	 * names differ are never 'likely' and are left out, as in the bands). */
	qsort(sc, n_sc, sizeof(*sc), by_w);
	double tp = 0, fp = 0, best_recall = 0, best_t = INFINITY;
	for (size_t i = 0; i < n_sc; i++) {
		if (!sc[i].capped) {
			tp += sc[i].same;
			fp += sc[i].same ? 0 : sc[i].fw;
		}
		if (i + 1 < n_sc && sc[i + 1].w == sc[i].w)
			continue;
		if (tp / (tp + fp > 0 ? tp + fp : 1) >= 0.995 &&
		    tp / (double)n_known > best_recall) {
			best_recall = tp / (double)n_known;
			best_t = sc[i].w;
		}
	}
	qsort(lat, w.n_probe, sizeof(*lat), by_double);
	qsort(cpu, w.n_probe, sizeof(*cpu), by_double);
	double prec =
	        tp_likely + fp_likely ? (double)tp_likely / (double)(tp_likely + fp_likely) : 0;
	printf("model: trained on '%s', %zu records; likely >= %.2f bits, possible >= %.2f bits;"
	       " prior at this size %.2f bits\n",
	       model->trained_on, model->records, model->likely, model->possible,
	       link_prior_weight(model, n));
	printf("known children (%zu probes): true child among candidates %.4f, ranked first"
	       " %.4f, at 'likely' %.4f (precision %.4f, %zu false pairs), at 'possible' or"
	       " above %.4f\n",
	       n_known, (double)in_block / (double)n_known, (double)first / (double)n_known,
	       (double)tp_likely / (double)n_known, prec, fp_likely,
	       (double)known_possible / (double)n_known);
	printf("best recall at precision >= 0.995 over all thresholds: %.4f (at %.2f bits)%s\n",
	       best_recall, best_t,
	       new_fw != 1.0 ? " (a new child's pair weighed as one new child a known one)" : "");
	ceiling_report(&ceil, n_known, new_fw);
	ceiling_free(&ceil);
	printf("new children (%zu probes, %zu brothers or sisters of stored children): shown a"
	       " candidate at 'possible' or above %.4f (brothers/sisters %.4f), at 'likely'"
	       " %.4f\n",
	       n_new, new_sib, (double)new_prompted / (double)(n_new ? n_new : 1),
	       (double)new_sib_prompted / (double)(new_sib ? new_sib : 1),
	       (double)new_likely / (double)(n_new ? n_new : 1));
	printf("lookup (keys, postings, ranking, scoring up to %zu): mean %.0f candidates, p50"
	       " %.3f ms, p99 %.3f ms, max %.3f ms; probes meeting a common key %zu\n",
	       max_cand, (double)cand_total / (double)w.n_probe, lat[w.n_probe / 2] * 1e3,
	       lat[w.n_probe * 99 / 100] * 1e3, lat[w.n_probe - 1] * 1e3, n_common);
	printf("lookup CPU time: p50 %.3f ms, p99 %.3f ms, max %.3f ms; scoring %.2f us a pair\n",
	       cpu[w.n_probe / 2] * 1e3, cpu[w.n_probe * 99 / 100] * 1e3, cpu[w.n_probe - 1] * 1e3,
	       score_cpu / (double)(cand_total ? cand_total : 1) * 1e6);
	printf("not 'likely', by corruption:");
	for (int k = 0; k < K_N; k++)
		if (seen_kind[k])
			printf(" %s %zu/%zu;", corruption_name[k], miss_kind[k], seen_kind[k]);
	printf("\ndigest %016llx\n", (unsigned long long)digest);
	if (getenv("LINK_BENCH_VERBOSE")) {
		int shown = 0, limit = atoi_or(getenv("LINK_BENCH_VERBOSE"), 40);
		for (size_t q = 0; q < w.n_probe && shown < limit; q++) {
			const struct grec *g = &w.probe[q];
			if (g->truth < 0)
				continue;
			enum link_strength s;
			link_weight_with(model, n, &probes[q], &people[g->truth], &s);
			if (s >= LINK_PROBABLE_MATCH)
				continue;
			show_pair("MISS", model, n, &w, g, &probes[q], (size_t)g->truth,
			          &people[g->truth]);
			shown++;
		}
	}
	free(sc);
	free(lat);
	free(cpu);
	free(b.ptrs);
	free(b.cand);
	free(ids[0]);
	free(ids);
	mix_free(&ix);
	free(people);
	free(probes);
	world_free(&w);
}

/* ---- training the built-in model ----------------------------------------------- */

static void write_c(const char *path, const char *json)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	fprintf(f, "/*\n * model_default.c: the built-in matching model (link/model.h), written"
	           " by\n * `bench_link train` from the synthetic generator in bench/link. Do"
	           " not edit by\n * hand: rerun the command (see bench/link/README.md).\n */\n"
	           "#include \"link/model.h\"\n\n"
	           "/* clang-format off */\nconst char link_model_default_json[] =\n");
	const char *p = json;
	while (*p) {
		fputs("\t\"", f);
		int col = 0;
		while (*p && col < 80) {
			if (*p == '\n') {
				fputs("\\n", f);
				p++;
				break;
			}
			if (*p == '"' || *p == '\\')
				fputc('\\', f);
			fputc(*p++, f);
			col++;
		}
		fputs("\"\n", f);
	}
	fputs("\t;\n/* clang-format on */\n", f);
	fclose(f);
}

/* Labelled pairs of a world of n children (its known and new probes, n / 50 each,
 * against their best-ranked candidates, as professionals' answers would give) into
 * *out, the people they point at into *people; returns how many. */
static size_t label_world(struct world *w, struct link_person **people, struct mix *ix, char ***ids,
                          struct link_labelled_pair **out)
{
	size_t n = w->n, total = n + w->n_probe;
	struct link_person *recs = malloc(total * sizeof(*recs));
	if (!recs)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		struct grec g;
		render_child(w, i, &g);
		prepare_rec(&g, &recs[i]);
	}
	for (size_t i = 0; i < w->n_probe; i++)
		prepare_rec(&w->probe[i], &recs[n + i]);
	mix_build(ix, recs, n);
	*ids = make_ids(n);
	struct lookup_buf b;
	lookup_buf_init(&b, LOOKUP_CANDIDATES);
	size_t cap = w->n_probe * LOOKUP_CANDIDATES, nl = 0;
	struct link_labelled_pair *labels = malloc(cap * sizeof(*labels));
	if (!labels)
		exit(1);
	for (size_t q = 0; q < w->n_probe; q++) {
		size_t nc = mix_candidates(ix, (const char *const *)*ids, &recs[n + q], &b, NULL);
		for (size_t k = 0; k < nc; k++) {
			size_t ci = id_num(b.cand[k].id);
			labels[nl++] = (struct link_labelled_pair){
			        &recs[n + q], &recs[ci],
			        w->probe[q].truth >= 0 && (size_t)w->probe[q].truth == ci, q + 1};
		}
	}
	free(b.ptrs);
	free(b.cand);
	*people = recs;
	*out = labels;
	return nl;
}

/* Chooses 'likely' again on a world of n children (another seed): a model that serves
 * stores of any size until it is trained on one claims 'likely the same child' as a
 * city's caseload would allow, where namesakes are many. 'possible' (a prompt to look)
 * stays as the training store chose it. */
static void bands_at(struct link_model *m, size_t n, uint64_t seed)
{
	struct world w;
	world_make(&w, seed, n, n / 50, n / 50);
	struct link_person *recs;
	struct mix ix;
	char **ids;
	struct link_labelled_pair *labels;
	size_t nl = label_world(&w, &recs, &ix, &ids, &labels);
	struct link_train_opts o;
	link_train_opts_default(&o);
	size_t ls = m->labelled_same, ld = m->labelled_different;
	double possible = m->possible;
	int rc = link_model_choose_bands(labels, nl, n, &o, m, NULL);
	m->possible = possible;
	printf("'likely' chosen on %zu labelled pairs of a store of %zu (seed %llu): rc %d, likely"
	       " %.2f bits (possible stays %.2f bits)\n",
	       nl, n, (unsigned long long)seed, rc, m->likely, m->possible);
	m->labelled_same = ls; /* the model's m was refined by the first set */
	m->labelled_different = ld;
	free(labels);
	free(ids[0]);
	free(ids);
	mix_free(&ix);
	free(recs);
	world_free(&w);
}

static void train(size_t n, uint64_t seed, size_t n_known, size_t n_new, size_t bands_n,
                  const char *json_out, const char *c_out)
{
	/* The training set: a store and, as a live system would also have, records of the
	 * same children entered again (the probes), all without their ground truth. */
	struct world w;
	world_make(&w, seed, n, n_known, n_new);
	size_t total = n + w.n_probe;
	struct link_person *recs = malloc(total * sizeof(*recs));
	if (!recs)
		exit(1);
	for (size_t i = 0; i < n; i++) {
		struct grec g;
		render_child(&w, i, &g);
		prepare_rec(&g, &recs[i]);
	}
	for (size_t i = 0; i < w.n_probe; i++)
		prepare_rec(&w.probe[i], &recs[n + i]);
	/* Labelled pairs, as professionals' answers would give: each probe against its
	 * best-ranked candidates. */
	struct mix ix;
	mix_build(&ix, recs, n);
	char **ids = make_ids(n);
	struct lookup_buf b;
	lookup_buf_init(&b, LOOKUP_CANDIDATES);
	size_t cap = w.n_probe * LOOKUP_CANDIDATES, nl = 0;
	struct link_labelled_pair *labels = malloc(cap * sizeof(*labels));
	if (!labels)
		exit(1);
	for (size_t q = 0; q < w.n_probe; q++) {
		size_t nc = mix_candidates(&ix, (const char *const *)ids, &recs[n + q], &b, NULL);
		for (size_t k = 0; k < nc; k++) {
			size_t ci = id_num(b.cand[k].id);
			labels[nl++] = (struct link_labelled_pair){
			        &recs[n + q], &recs[ci],
			        w.probe[q].truth >= 0 && (size_t)w.probe[q].truth == ci, q + 1};
		}
	}
	struct link_train_opts o;
	link_train_opts_default(&o);
	o.seed = seed;
	o.trained_on = "synthetic generator";
	struct link_model *m = malloc(sizeof(*m));
	struct link_train_report rep;
	if (!m)
		exit(1);
	/* Unlabelled first (EM alone), timed; then with the labels for m and bands. */
	double t0 = now();
	int rc = link_model_train(recs, total, NULL, 0, &o, m, &rep);
	double t1 = now();
	printf("EM training on %zu records (no labels): %.2f s, rc %d; sessions: dob %zu pairs"
	       " (lambda %.4f, %d it), names %zu (%.4f, %d it), nhs %zu (%.4f, %d it);"
	       " prior %.3g, match rate %.3f\n",
	       total, t1 - t0, rc, rep.session_pairs[0], rep.session_lambda[0],
	       rep.session_iterations[0], rep.session_pairs[1], rep.session_lambda[1],
	       rep.session_iterations[1], rep.session_pairs[2], rep.session_lambda[2],
	       rep.session_iterations[2], rep.lambda, m->match_rate);
	double t2 = now();
	rc = link_model_train(recs, total, labels, nl, &o, m, &rep);
	double t3 = now();
	/* The store the model will mostly search is the store, not store + probes. */
	m->records = n;
	if (bands_n)
		bands_at(m, bands_n, seed + 1000);
	printf("with %zu labelled pairs: %.2f s, rc %d, bands from labels %s: likely %.2f bits,"
	       " possible %.2f bits\n",
	       nl, t3 - t2, rc, rep.bands_from_labels ? "yes" : "no", m->likely, m->possible);
	for (int c = 0; c < LINK_NCMP; c++) {
		printf("  %-17s", link_cmp_name((enum link_cmp)c));
		for (int l = 1; l < link_cmp_levels((enum link_cmp)c); l++)
			printf(" %s %.3f/%.2g (%.1f)", link_level_name((enum link_cmp)c, l),
			       m->m[c][l], m->u[c][l], m->w[c][l]);
		printf("\n");
	}
	char *json = link_model_to_json(m);
	if (!json)
		exit(1);
	if (json_out) {
		FILE *f = fopen(json_out, "w");
		if (!f)
			exit(1);
		fputs(json, f);
		fclose(f);
	}
	if (c_out)
		write_c(c_out, json);
	free(json);
	free(m);
	free(labels);
	free(b.ptrs);
	free(b.cand);
	free(ids[0]);
	free(ids);
	mix_free(&ix);
	free(recs);
	world_free(&w);
}

/* ---- FEBRL ---------------------------------------------------------------------- */

struct frec {
	int truth;
	struct link_person p;
};

static FILE *open_data(const char *rel)
{
	const char *root = getenv("LANTERN_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", root ? root : ".", rel);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
		exit(1);
	}
	return f;
}

/* Splits line on ',' (no quoting in these files), trimming spaces around fields. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		while (*p == ' ')
			p++;
		f[n++] = p;
		char *e = strchr(p, ',');
		char *end = e ? e : p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\r' || end[-1] == '\n'))
			end--;
		*end = '\0';
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

static struct link_dob parse_dob(const char *s)
{
	struct link_dob d = {0, 0, 0};
	if (strlen(s) != 8)
		return d;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return d;
	d.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d.m = (s[4] - '0') * 10 + (s[5] - '0');
	d.d = (s[6] - '0') * 10 + (s[7] - '0');
	return d;
}

/* FEBRL columns: rec_id, given_name, surname, street_number, address_1, address_2,
 * suburb, postcode, state, date_of_birth, soc_sec_id. The street number, street and
 * suburb make the address line; soc_sec_id is the reference number. */
static size_t load_febrl(const char *rel, struct frec **out)
{
	FILE *f = open_data(rel);
	char line[1024];
	size_t n = 0, cap = 1024;
	struct frec *r = malloc(cap * sizeof(*r));
	if (!r)
		exit(1);
	bool header = true;
	while (fgets(line, sizeof(line), f)) {
		if (header) {
			header = false;
			continue;
		}
		char *fl[16];
		if (split(line, fl, 16) < 11)
			continue;
		if (n == cap) {
			cap *= 2;
			r = realloc(r, cap * sizeof(*r));
			if (!r)
				exit(1);
		}
		char addr[256];
		snprintf(addr, sizeof(addr), "%s %s %s", fl[3], fl[4], fl[6]);
		struct link_person_in in = {
		        .given = fl[1], .family = fl[2], .dob = parse_dob(fl[9])};
		in.addresses[0].line = addr;
		in.addresses[0].postcode = fl[7];
		in.n_addresses = 1;
		in.ref = fl[10];
		link_person_prepare(&in, &r[n].p);
		r[n].truth = (int)strtol(fl[0] + 4, NULL, 10); /* "rec-N-..." */
		n++;
	}
	fclose(f);
	*out = r;
	return n;
}

static void f1_line(const char *name, size_t tp, size_t fp, size_t truth)
{
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	double r = truth ? (double)tp / (double)truth : 0;
	printf("%s: TP %zu FP %zu FN %zu precision %.4f recall %.4f F1 %.4f\n", name, tp, fp,
	       truth - tp, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
}

/* Scores pairs from blocking; dedup counts each unordered pair once. */
static void febrl(bool dedup)
{
	struct frec *a, *b;
	size_t na, nb;
	if (dedup) {
		na = nb = load_febrl("bench/data/febrl/dataset3.csv", &a);
		b = a;
	} else {
		na = load_febrl("bench/data/febrl/dataset4a.csv", &a);
		nb = load_febrl("bench/data/febrl/dataset4b.csv", &b);
	}
	/* Train on the data itself (EM, no labels), as Splink's FEBRL examples do. */
	size_t nt = dedup ? na : na + nb;
	struct link_person *all = malloc(nt * sizeof(*all));
	if (!all)
		exit(1);
	for (size_t i = 0; i < na; i++)
		all[i] = a[i].p;
	for (size_t i = 0; !dedup && i < nb; i++)
		all[na + i] = b[i].p;
	struct link_train_opts o;
	link_train_opts_default(&o);
	o.trained_on = "FEBRL";
	struct link_model *m = malloc(sizeof(*m));
	struct link_train_report rep;
	if (!m)
		exit(1);
	double t0 = now();
	int rc = link_model_train(all, nt, NULL, 0, &o, m, &rep);
	double t1 = now();
	printf("%s: %zu records, EM %.2f s (rc %d), prior %.3g\n", dedup ? "FEBRL 3" : "FEBRL 4",
	       nt, t1 - t0, rc, rep.lambda);
	struct link_person *pa = malloc(na * sizeof(*pa));
	if (!pa)
		exit(1);
	for (size_t i = 0; i < na; i++)
		pa[i] = a[i].p;
	struct mix ix;
	mix_build(&ix, pa, na);
	char **ids = make_ids(na);
	struct lookup_buf lb;
	lookup_buf_init(&lb, LOOKUP_CANDIDATES);
	size_t cap = nb * 16, ns = 0, truth_in = 0;
	struct scored *sc = malloc(cap * sizeof(*sc));
	if (!sc)
		exit(1);
	size_t tp = 0, fp = 0, tp_p = 0, fp_p = 0;
	struct link_gamma *fg = malloc(LOOKUP_CANDIDATES * sizeof(*fg));
	double fw[LOOKUP_CANDIDATES], fa[LOOKUP_CANDIDATES];
	bool fcap[LOOKUP_CANDIDATES];
	if (!fg)
		exit(1);
	double t2 = now();
	size_t pairs = 0;
	for (size_t j = 0; j < nb; j++) {
		size_t nc = mix_candidates(&ix, (const char *const *)ids, &b[j].p, &lb, NULL);
		/* FEBRL 4 links two files one to one, as a probe against a store of one record
		 * per person: a record's candidates are weighed together, as Lantern does.
		 * FEBRL 3 has several records of one person in one file: each pair alone. */
		for (size_t k = 0; k < nc; k++) {
			link_compare(&b[j].p, &a[id_num(lb.cand[k].id)].p, &fg[k]);
			fw[k] = fa[k] = link_gamma_weight(m, na, &fg[k], NULL);
			fcap[k] = link_gamma_capped(&fg[k]);
		}
		if (!dedup)
			link_weights_compete(fw, fcap, nc);
		for (size_t k = 0; k < nc; k++) {
			size_t i = id_num(lb.cand[k].id);
			if (dedup && i <= j)
				continue;
			pairs++;
			double wt = fw[k];
			enum link_strength s = link_band(m, &fg[k], fa[k], wt);
			bool same = a[i].truth == b[j].truth;
			truth_in += same;
			if (s >= LINK_PROBABLE_MATCH) {
				tp += same;
				fp += !same;
			}
			if (s >= LINK_POSSIBLE_MATCH) {
				tp_p += same;
				fp_p += !same;
			}
			if (ns == cap) {
				cap *= 2;
				sc = realloc(sc, cap * sizeof(*sc));
				if (!sc)
					exit(1);
			}
			sc[ns++] = (struct scored){wt, same, false, 1.0};
		}
	}
	double t3 = now();
	size_t truth = 0;
	if (dedup) {
		for (size_t i = 0; i < na; i++)
			for (size_t j = i + 1; j < na; j++)
				truth += a[i].truth == a[j].truth;
	} else {
		truth = nb;
	}
	printf("  %zu candidate pairs in %.3f s, blocking recall %.4f\n", pairs, t3 - t2,
	       (double)truth_in / (double)truth);
	f1_line("  at 'likely'", tp, fp, truth);
	f1_line("  at 'possible' or above", tp_p, fp_p, truth);
	qsort(sc, ns, sizeof(*sc), by_w);
	double btp = 0, bfp = 0, best_f1 = 0, best_t = 0;
	for (size_t i = 0; i < ns; i++) {
		btp += sc[i].same;
		bfp += !sc[i].same;
		double p = btp / (btp + bfp), r = btp / (double)truth;
		double f = 2 * p * r / (p + r);
		if (f > best_f1) {
			best_f1 = f;
			best_t = sc[i].w;
		}
	}
	printf("  best F1 over all thresholds %.4f (at %.2f bits)\n", best_f1, best_t);
	free(fg);
	free(sc);
	free(lb.ptrs);
	free(lb.cand);
	free(ids[0]);
	free(ids);
	mix_free(&ix);
	free(pa);
	free(all);
	free(m);
	free(a);
	if (!dedup)
		free(b);
}

/* ---- CSV dump ------------------------------------------------------------------ */

static void csv_field(const char *s, bool last)
{
	printf("%s%s", s, last ? "\n" : ",");
}

static void dump_rec(const char *kind, long id, const struct grec *g)
{
	char num[32], dob[16];
	snprintf(num, sizeof(num), "%ld", id);
	printf("%s,", kind);
	csv_field(num, false);
	snprintf(num, sizeof(num), "%d", g->truth);
	csv_field(num, false);
	csv_field(g->given, false);
	csv_field(g->family, false);
	csv_field(g->alias, false);
	if (g->dob.y && g->dob.m && g->dob.d)
		snprintf(dob, sizeof(dob), "%04d-%02d-%02d", g->dob.y, g->dob.m, g->dob.d);
	else if (g->dob.y)
		snprintf(dob, sizeof(dob), "%04d", g->dob.y);
	else
		dob[0] = '\0';
	csv_field(dob, false);
	char gender[2] = {g->gender, 0};
	csv_field(gender, false);
	csv_field(g->line, false);
	csv_field(g->postcode, false);
	csv_field(g->school, false);
	csv_field(g->nhs, false);
	csv_field(g->phone, false);
	csv_field(g->ref, false);
	csv_field(g->authority, true);
}

static void dump(size_t n, uint64_t seed)
{
	struct world w;
	world_make(&w, seed, n, n / 10, n / 10);
	printf("kind,id,truth,given_names,family_name,other_name,date_of_birth,gender,address,"
	       "postcode,school,nhs_number,phone,reference,placing_authority\n");
	for (size_t i = 0; i < n; i++) {
		struct grec g;
		render_child(&w, i, &g);
		dump_rec("store", (long)i, &g);
	}
	for (size_t i = 0; i < w.n_probe; i++)
		dump_rec("probe", (long)i, &w.probe[i]);
	world_free(&w);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "synth";
	if (strcmp(cmd, "synth") == 0) {
		size_t n = (size_t)arg_long(argc, argv, 2, 100000);
		synth(n, (uint64_t)arg_long(argc, argv, 3, 7),
		      (size_t)arg_long(argc, argv, 4, 10000),
		      (size_t)arg_long(argc, argv, 5, 10000));
	} else if (strcmp(cmd, "train") == 0) {
		size_t n = (size_t)arg_long(argc, argv, 2, 100000);
		const char *bands = opt(argc, argv, "--bands");
		train(n, (uint64_t)arg_long(argc, argv, 3, 1),
		      (size_t)arg_long(argc, argv, 4, n / 10),
		      (size_t)arg_long(argc, argv, 5, n / 10),
		      bands ? (size_t)strtoull(bands, NULL, 10) : 0, opt(argc, argv, "--json"),
		      opt(argc, argv, "--c"));
	} else if (strcmp(cmd, "febrl4") == 0) {
		febrl(false);
	} else if (strcmp(cmd, "febrl3") == 0) {
		febrl(true);
	} else if (strcmp(cmd, "dump") == 0) {
		dump((size_t)arg_long(argc, argv, 2, 1000), (uint64_t)arg_long(argc, argv, 3, 7));
	} else {
		fprintf(stderr, "usage: bench_link synth|train|febrl4|febrl3|dump [args]\n");
		return 2;
	}
	return 0;
}
