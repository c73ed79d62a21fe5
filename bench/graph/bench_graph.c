/*
 * bench_graph.c: the network analyses (link/graph.h) on a synthetic partnership
 * (gen.h: 100,000 children, 30,000 people of concern, 20,000 places, 8,000 vehicles,
 * 30,000 phones, their missing episodes and 1,000,000 links), and the same analysis in
 * Python networkx on the same graph, as a ratio.
 *
 * It measures, in one process:
 *  - building the graph from arrays (as the app would after reading the store);
 *  - whole-graph analysis: components, degree, betweenness (exact in components up to
 *    GRAPH_BW_EXACT_MAX nodes, sampled in larger ones), communities (Leiden). Target:
 *    under 1 s;
 *  - the other protocol queries on the whole graph: serial persons of concern,
 *    hotspots, children missing together, the R-CAT-7 list;
 *  - a child's 2-hop network for a page (at most 100 nodes), over random children and
 *    over children exploited by a group; target p99 under 20 ms; and drawing it as SVG;
 *  - then writes the distinct linked pairs and the sampled betweenness sources to a
 *    temporary directory and runs bench/graph/nx_graph.py (Debian's python3-networkx)
 *    on them: components, degree, the same betweenness sources, Louvain communities.
 *    Results are compared (component count and sizes, degrees, betweenness values must
 *    agree) and times reported as networkx / Lantern. Target: 20x or better.
 *
 * usage: bench_graph [--scale F] [--runs N] [--no-python] [--exact-check] [--seed S]
 *   --scale F      multiply every count by F (default 1)
 *   --runs N       repeat the whole-graph analysis N times (default 3), report each
 *   --no-python    skip networkx
 *   --exact-check  also compute exact betweenness of the largest component (slow at
 *                  full scale: use with --scale 0.1) and report the sampling error
 * Run from the repository root (or set LANTERN_SOURCE_DIR) so the script is found.
 */
#include <math.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "link/graph.h"
#include "report/netsvg.h"
#include "util/buf.h"
#include "util/ltime.h"
#include "util/parse.h"

#include "gen.h"

static double now_s(void)
{
	return (double)ltime_mono_ns() / 1e9;
}

/* CPU time of this process: on a shared machine it says what the work costs, where
 * wall time also counts waiting for a core. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	int i = (int)ceil(p * n) - 1;
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_graph: %s failed (%d)\n", what, rc);
		exit(1);
	}
}

struct whole {
	double t_comp, t_deg, t_bw, t_comm, total, cpu;
	struct graph_components cc;
	int32_t *deg;
	double *bw;
	struct graph_bw_info info;
	struct graph_communities cm;
};

static void whole_analysis(const struct graph *g, struct whole *w)
{
	int32_t n = graph_node_count(g);
	double c0 = cpu_s(), t0 = now_s();
	check(graph_components(g, &w->cc), "components");
	double t1 = now_s();
	w->deg = malloc((size_t)n * sizeof(int32_t));
	w->bw = malloc((size_t)n * sizeof(double));
	if (!w->deg || !w->bw)
		check(-2, "malloc");
	graph_degree(g, w->deg);
	double t2 = now_s();
	struct graph_bw_opts bo = {0, 0, GRAPH_SEED, &w->cc}; /* components from above */
	check(graph_betweenness(g, &bo, w->bw, &w->info), "betweenness");
	double t3 = now_s();
	check(graph_communities(g, GRAPH_SEED, &w->cm), "communities");
	double t4 = now_s();
	w->t_comp = t1 - t0;
	w->t_deg = t2 - t1;
	w->t_bw = t3 - t2;
	w->t_comm = t4 - t3;
	w->total = t4 - t0;
	w->cpu = cpu_s() - c0;
}

static void whole_free(struct whole *w)
{
	graph_components_release(&w->cc);
	graph_bw_info_release(&w->info);
	graph_communities_release(&w->cm);
	free(w->deg);
	free(w->bw);
}

/* p50/p99/max of the 2-hop neighbourhood over `n` centres; the SVG drawing too. */
static void page_bench(const struct graph *g, const int32_t *centres, int n, const char *what,
                       bool draw)
{
	double *t = malloc((size_t)n * sizeof(double));
	double *ts = malloc((size_t)n * sizeof(double));
	double nodes = 0, bytes = 0;
	int drawn = 0;
	for (int i = 0; i < n; i++) {
		struct graph_sub s;
		double t0 = now_s();
		check(graph_neighbourhood(g, centres[i], 2, 100, &s), "neighbourhood");
		t[i] = (now_s() - t0) * 1e3;
		nodes += s.n_nodes;
		if (draw && i < 300) {
			struct buf b = BUF_INIT(NETSVG_MAX_BYTES);
			struct netsvg_opts o = {0};
			o.title = "Network";
			o.desc = "The child's network within two links.";
			double t1 = now_s();
			check(netsvg_draw(g, &s, &o, &b), "netsvg_draw");
			ts[drawn++] = (now_s() - t1) * 1e3;
			bytes += (double)b.len;
			buf_release(&b);
		}
		graph_sub_release(&s);
	}
	printf("  2-hop network (cap 100), %s: %d centres, mean %.1f nodes; "
	       "p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
	       what, n, nodes / n, pct(t, n, 0.5), pct(t, n, 0.99), pct(t, n, 1.0));
	if (drawn)
		printf("  SVG of it (layout + drawing), %s: %d pictures, mean %.0f bytes; "
		       "p50 %.2f ms, p99 %.2f ms\n",
		       what, drawn, bytes / drawn, pct(ts, drawn, 0.5), pct(ts, drawn, 0.99));
	free(t);
	free(ts);
}

/* Exact betweenness of the largest component against the sampled estimate with 16,
 * 64 and 256 sources: mean and largest relative error on the exact top 10 and top 100,
 * and how many of them the estimate also ranks in its top 10 / top 100. */
static void exact_check(const struct graph *g, const struct whole *w)
{
	int32_t n = graph_node_count(g);
	int32_t big = w->cc.size[w->cc.largest];
	double *exact = malloc((size_t)n * sizeof(double));
	double *est = malloc((size_t)n * sizeof(double));
	struct graph_bw_opts o = {big + 1, 0, GRAPH_SEED, &w->cc};
	double t0 = now_s();
	check(graph_betweenness(g, &o, exact, NULL), "exact betweenness");
	printf("  exact betweenness of the largest component (%d nodes): %.1f s\n", big,
	       now_s() - t0);
	int32_t top[100], top_s[100];
	int32_t k = graph_top(g, exact, 0, 100, top);
	for (int samples = 16; samples <= 256; samples *= 4) {
		struct graph_bw_opts so = {0, samples, GRAPH_SEED, &w->cc};
		double t1 = now_s();
		check(graph_betweenness(g, &so, est, NULL), "sampled betweenness");
		double dt = now_s() - t1;
		int32_t ks = graph_top(g, est, 0, 100, top_s);
		for (int lim = 10; lim <= 100; lim *= 10) {
			double err = 0, maxerr = 0;
			int both = 0;
			for (int i = 0; i < lim && i < k; i++) {
				double e = fabs(est[top[i]] - exact[top[i]]) / exact[top[i]];
				err += e;
				maxerr = e > maxerr ? e : maxerr;
				for (int j = 0; j < lim && j < ks; j++)
					both += top_s[j] == top[i];
			}
			printf("  %d sources (%.2f s): exact top %d: mean relative error %.0f%%, "
			       "max %.0f%%; %d of them in the estimate's top %d\n",
			       samples, dt, lim, 100 * err / lim, 100 * maxerr, both, lim);
		}
	}
	free(exact);
	free(est);
}

/* Writes pairs.txt ("u v" per distinct linked pair), sources.txt and meta.txt. */
static void write_for_python(const struct graph *g, const struct whole *w, const char *dir)
{
	char path[512];
	snprintf(path, sizeof path, "%s/pairs.txt", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		check(-1, "fopen pairs");
	int32_t n = graph_node_count(g);
	/* each distinct pair once: via the 1-hop neighbourhood would be slow; use links */
	int32_t m = graph_link_count(g);
	int64_t *keys = malloc((size_t)m * sizeof(int64_t));
	for (int32_t i = 0; i < m; i++) {
		const struct graph_link_in *l = graph_link(g, i);
		int64_t a = l->a < l->b ? l->a : l->b, b = l->a < l->b ? l->b : l->a;
		keys[i] = a * (int64_t)n + b;
	}
	qsort(keys, (size_t)m, sizeof(int64_t), cmp_i64);
	int64_t pairs = 0;
	for (int32_t i = 0; i < m; i++)
		if (i == 0 || keys[i] != keys[i - 1]) {
			fprintf(f, "%lld %lld\n", (long long)(keys[i] / n),
			        (long long)(keys[i] % n));
			pairs++;
		}
	fclose(f);
	free(keys);
	snprintf(path, sizeof path, "%s/sources.txt", dir);
	f = fopen(path, "w");
	for (int32_t i = 0; i < w->info.n_sampled; i++)
		fprintf(f, "%d\n", w->info.sampled[i]);
	fclose(f);
	snprintf(path, sizeof path, "%s/meta.txt", dir);
	f = fopen(path, "w");
	fprintf(f, "%d %d %d %u\n", n, GRAPH_BW_EXACT_MAX, GRAPH_BW_SAMPLES, GRAPH_SEED);
	fclose(f);
	printf("  wrote %lld distinct pairs for networkx\n", (long long)pairs);
}

static const char *python(void)
{
	const char *p = getenv("LANTERN_PYTHON");
	if (p && *p)
		return p;
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Runs nx_graph.py; it writes results.txt: "key value" lines. */
static int run_python(const char *dir)
{
	const char *root = getenv("LANTERN_SOURCE_DIR");
	char script[512];
	snprintf(script, sizeof script, "%s/bench/graph/nx_graph.py", root ? root : ".");
	pid_t pid = fork();
	if (pid == 0) {
		execl(python(), python(), script, dir, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_graph: %s %s failed\n", python(), script);
		return -1;
	}
	return 0;
}

static double result(const char *dir, const char *key)
{
	char path[512], line[256];
	snprintf(path, sizeof path, "%s/results.txt", dir);
	FILE *f = fopen(path, "r");
	double v = NAN;
	size_t kl = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, kl) == 0 && line[kl] == ' ')
			v = strtod(line + kl + 1, NULL);
	if (f)
		fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	double scale = 1.0;
	int runs = 3;
	bool py = true, exact = false;
	uint64_t seed = 42;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc)
			scale = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--no-python") == 0)
			py = false;
		else if (strcmp(argv[i], "--exact-check") == 0)
			exact = true;
		else {
			fprintf(stderr, "usage: bench_graph [--scale F] [--runs N] [--no-python] "
			                "[--exact-check] [--seed S]\n");
			return 2;
		}
	}
	if (!(scale > 0 && scale <= 10) || runs < 1 || runs > 100)
		return 2;
	struct gen_params p = {(int32_t)(100000 * scale),   (int32_t)(30000 * scale),
	                       (int32_t)(20000 * scale),    (int32_t)(8000 * scale),
	                       (int32_t)(30000 * scale),    (int64_t)(1000000 * scale),
	                       (int32_t)(1500 * scale) + 1, seed};
	struct gen_out o;
	double t0 = now_s();
	gen_partnership(&p, &o);
	printf("partnership (seed %llu): %d children, %d people of concern, %d places, "
	       "%d vehicles, %d phones, %d missing episodes; %lld links (generated in %.2f s)\n",
	       (unsigned long long)seed, p.children, p.pocs, p.places, p.vehicles, p.phones,
	       o.n_nodes - (p.children + p.pocs + p.places + p.vehicles + p.phones),
	       (long long)o.n_links, now_s() - t0);

	struct graph *g = NULL;
	struct graph_err err;
	t0 = now_s();
	check(graph_build(o.nodes, o.n_nodes, o.links, o.n_links, NULL, &g, &err), "build");
	printf("build from arrays: %.3f s (%d nodes, %d links)\n", now_s() - t0,
	       graph_node_count(g), graph_link_count(g));

	struct whole w = {0};
	double m_comp[100], m_deg[100], m_bw[100], m_comm[100], m_tot[100], m_cpu[100];
	printf("whole-graph analysis (target < 1 s):\n");
	for (int r = 0; r < runs; r++) {
		if (r > 0)
			whole_free(&w);
		memset(&w, 0, sizeof(w));
		whole_analysis(g, &w);
		printf("  run %d: components %.3f s, degree %.4f s, betweenness %.3f s, "
		       "communities %.3f s; total %.3f s (CPU %.3f s)\n",
		       r + 1, w.t_comp, w.t_deg, w.t_bw, w.t_comm, w.total, w.cpu);
		m_comp[r] = w.t_comp;
		m_deg[r] = w.t_deg;
		m_bw[r] = w.t_bw;
		m_comm[r] = w.t_comm;
		m_tot[r] = w.total;
		m_cpu[r] = w.cpu;
	}
	/* medians, for the comparison with networkx */
	w.t_comp = pct(m_comp, runs, 0.5);
	w.t_deg = pct(m_deg, runs, 0.5);
	w.t_bw = pct(m_bw, runs, 0.5);
	w.t_comm = pct(m_comm, runs, 0.5);
	w.total = pct(m_tot, runs, 0.5);
	w.cpu = pct(m_cpu, runs, 0.5);
	printf("  median: total %.3f s (CPU %.3f s)\n", w.total, w.cpu);
	int32_t maxdeg = 0;
	for (int32_t v = 0; v < graph_node_count(g); v++)
		maxdeg = w.deg[v] > maxdeg ? w.deg[v] : maxdeg;
	int32_t top[5];
	int32_t nt = graph_top(g, w.bw, GRAPH_TYPE_BIT(GRAPH_POC), 5, top);
	printf("  %d components, largest %d nodes; max degree %d; betweenness: %d exact "
	       "components, %d sampled (%d sources), %lld trees; %d communities, "
	       "modularity %.4f\n",
	       w.cc.count, w.cc.size[w.cc.largest], maxdeg, w.info.exact_components,
	       w.info.sampled_components, w.info.n_sampled, (long long)w.info.sources, w.cm.count,
	       w.cm.modularity);
	printf("  key people by betweenness:");
	for (int32_t i = 0; i < nt; i++)
		printf(" %s (%.0f)", graph_node(g, top[i])->id, w.bw[top[i]]);
	printf("\n");

	{
		/* key people on the network of people only: associate and seen-with links */
		struct graph_filter f = {GRAPH_KIND_BIT(GRAPH_ASSOCIATE) |
		                                 GRAPH_KIND_BIT(GRAPH_SEEN_WITH),
		                         0, 0, false};
		struct graph *pg = NULL;
		check(graph_build(o.nodes, o.n_nodes, o.links, o.n_links, &f, &pg, &err),
		      "build people network");
		struct graph_components pc;
		struct graph_bw_info pi;
		double *pbw = malloc((size_t)graph_node_count(pg) * sizeof(double));
		double a = now_s();
		check(graph_components(pg, &pc), "components");
		struct graph_bw_opts po = {0, 0, GRAPH_SEED, &pc};
		check(graph_betweenness(pg, &po, pbw, &pi), "betweenness");
		printf("  people network (associate and seen-with links: %d): largest component "
		       "%d nodes; components and betweenness %.3f s, %s\n",
		       graph_link_count(pg), pc.size[pc.largest], now_s() - a,
		       pi.sampled_components ? "sampled" : "all exact");
		graph_bw_info_release(&pi);
		graph_components_release(&pc);
		free(pbw);
		graph_free(pg);
	}

	printf("protocol queries on the whole graph:\n");
	{
		struct graph_serials s;
		struct graph_hotspots h;
		struct graph_comissing c;
		struct graph_cat7 k;
		double a = now_s();
		check(graph_serial_pocs(g, NULL, &s), "serial");
		double b = now_s();
		check(graph_hotspots(g, NULL, &h), "hotspots");
		double c1 = now_s();
		check(graph_comissing(g, &c), "comissing");
		double d = now_s();
		check(graph_cat7_all(g, NULL, &k), "cat7");
		double e = now_s();
		int32_t s5 = 0;
		for (int32_t i = 0; i < s.count; i++)
			s5 += s.items[i].n_children >= 5;
		int32_t h10 = 0;
		for (int32_t i = 0; i < h.count; i++)
			h10 += h.items[i].n_children >= 10;
		printf("  serial persons of concern: %d (%d with 5 or more children; most %d) "
		       "in %.3f s\n",
		       s.count, s5, s.count ? s.items[0].n_children : 0, b - a);
		printf("  hotspots: %d (%d with 10 or more children; most %d) in %.3f s\n", h.count,
		       h10, h.count ? h.items[0].n_children : 0, c1 - b);
		printf("  children missing together: %d groups (largest %d) in %.3f s\n", c.count,
		       c.count ? c.groups[0].n_children : 0, d - c1);
		int64_t hops = 0;
		for (int32_t i = 0; i < k.count; i++)
			hops += k.items[i].hops;
		printf("  R-CAT-7: %d low-category children linked to a target, mean path %.1f "
		       "links, in %.3f s\n",
		       k.count, k.count ? (double)hops / k.count : 0.0, e - d);
		graph_serials_release(&s);
		graph_hotspots_release(&h);
		graph_comissing_release(&c);
		graph_cat7_release(&k);
	}

	printf("pages:\n");
	{
		struct rng r;
		rng_seed(&r, seed + 1);
		int n = 5000;
		int32_t *c = malloc((size_t)n * sizeof(int32_t));
		for (int i = 0; i < n; i++)
			c[i] = (int32_t)rng_below(&r, (uint64_t)p.children);
		page_bench(g, c, n, "random children", false);
		for (int i = 0; i < n; i++)
			c[i] = o.in_group[rng_below(&r, (uint64_t)o.n_in_group)];
		page_bench(g, c, n, "children exploited by a group", true);
		/* the record page's R-CAT-7 check for one child, on the whole graph */
		double *t = malloc((size_t)n * sizeof(double));
		int flagged = 0;
		for (int i = 0; i < n; i++) {
			int32_t child = (int32_t)rng_below(&r, (uint64_t)p.children);
			struct graph_cat7 k;
			double start = now_s();
			check(graph_cat7_child(g, child, NULL, &k), "cat7 child");
			t[i] = (now_s() - start) * 1e3;
			flagged += k.count;
			graph_cat7_release(&k);
		}
		printf("  R-CAT-7 path for one child (record page), %d random children (%d "
		       "flagged): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n",
		       n, flagged, pct(t, n, 0.5), pct(t, n, 0.99), pct(t, n, 1.0));
		free(t);
		free(c);
	}
	if (exact)
		exact_check(g, &w);

	if (py) {
		char dir[] = "/tmp/lantern-bench-graph-XXXXXX";
		if (!mkdtemp(dir))
			check(-1, "mkdtemp");
		write_for_python(g, &w, dir);
		printf("networkx (%s):\n", python());
		fflush(stdout);
		if (run_python(dir) == 0) {
			double nc = result(dir, "components"), nl = result(dir, "largest");
			double tc = result(dir, "t_components"), td = result(dir, "t_degree");
			double tb = result(dir, "t_betweenness"), tm = result(dir, "t_communities");
			double pcpu = result(dir, "cpu");
			double md = result(dir, "max_degree"), q = result(dir, "modularity");
			double tot = tc + td + tb + tm;
			/* betweenness agreement on Lantern's top nodes */
			double bw_diff = 0;
			int32_t t20[20];
			int32_t k20 = graph_top(g, w.bw, 0, 20, t20);
			for (int32_t i = 0; i < k20; i++) {
				char key[32];
				snprintf(key, sizeof key, "bw_%d", t20[i]);
				double v = result(dir, key);
				double d = fabs(v - w.bw[t20[i]]) / w.bw[t20[i]];
				bw_diff = isnan(v) ? INFINITY : d > bw_diff ? d : bw_diff;
			}
			printf("  components %.3f s, degree %.3f s, betweenness %.3f s, "
			       "communities "
			       "(Louvain) %.3f s; total %.3f s (CPU %.3f s)\n",
			       tc, td, tb, tm, tot, pcpu);
			printf("  agreement: components %s (%.0f, largest %.0f), max degree %s, "
			       "betweenness of the top 20 within %.2g relative; modularity %.4f "
			       "(Lantern %.4f)\n",
			       nc == w.cc.count && nl == w.cc.size[w.cc.largest] ? "equal"
			                                                         : "DIFFER",
			       nc, nl, md == maxdeg ? "equal" : "DIFFERS", bw_diff, q,
			       w.cm.modularity);
			printf("  ratio networkx / Lantern (median run): components %.0fx, degree "
			       "%.0fx, betweenness %.0fx, communities %.0fx; whole analysis %.0fx, "
			       "CPU %.0fx (target >= 20x)\n",
			       tc / w.t_comp, td / (w.t_deg > 0 ? w.t_deg : 1e-6), tb / w.t_bw,
			       tm / w.t_comm, tot / w.total, pcpu / w.cpu);
		}
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_graph: could not remove %s\n", dir);
	}
	whole_free(&w);
	graph_free(g);
	gen_free(&o);
	return 0;
}
