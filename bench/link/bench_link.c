/*
 * bench_link.c: throughput and accuracy of the person matcher (link/match.h) on two
 * public synthetic benchmarks:
 *   - FEBRL 4 (bench/data/febrl/dataset4a.csv, dataset4b.csv): link 5,000 originals to
 *     5,000 corrupted duplicates; truth: rec-N-org <-> rec-N-dup-k.
 *   - splink fake_1000 (bench/data/splink/fake_1000.csv): de-duplicate 1,000 records;
 *     truth: the `cluster` column.
 * For each: index one side by blocking key, fetch candidates for each probe, score
 * them, and count pairs at or above 'probable' against the truth (precision, recall,
 * F1). Run from the repository root, or set LANTERN_SOURCE_DIR.
 */
#include <ctype.h>
#include <time.h>

#include "link/match.h"
#include "../link/blockindex.h"

#define MAXREC 12000
#define MAXCAND 20000

struct rec {
	char id[32];
	char given[64], family[64], postcode[16], dob_text[16];
	int truth; /* FEBRL number N, or splink cluster */
	struct link_person p;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

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

/* Splits line on ',' (no quoting in these files), trimming spaces around fields, so
 * FEBRL's ", " separators work. Returns the number of fields. */
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
		if (!e) {
			*end = '\0';
			break;
		}
		*end = '\0';
		p = e + 1;
	}
	return n;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* "YYYYMMDD" (FEBRL) or "YYYY-MM-DD" (splink) into a possibly partial date; any
 * nonsense is passed on and link_person_prepare drops what is impossible. */
static struct link_dob parse_dob(const char *s)
{
	struct link_dob d = {0, 0, 0};
	char digits[9];
	int n = 0;
	for (; *s && n < 8; s++)
		if (isdigit((unsigned char)*s))
			digits[n++] = *s;
		else if (*s != '-')
			return d;
	if (n != 8)
		return d;
	d.y = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 +
	      (digits[3] - '0');
	d.m = (digits[4] - '0') * 10 + (digits[5] - '0');
	d.d = (digits[6] - '0') * 10 + (digits[7] - '0');
	return d;
}

static int load_febrl(const char *rel, struct rec *r, int max)
{
	FILE *f = open_data(rel);
	char line[1024];
	int n = 0;
	bool header = true;
	while (fgets(line, sizeof(line), f) && n < max) {
		if (header) {
			header = false;
			continue;
		}
		char *fl[16];
		if (split(line, fl, 16) < 11)
			continue;
		struct rec *x = &r[n];
		memset(x, 0, sizeof(*x));
		copy(x->id, sizeof(x->id), fl[0]);
		copy(x->given, sizeof(x->given), fl[1]);
		copy(x->family, sizeof(x->family), fl[2]);
		copy(x->postcode, sizeof(x->postcode), fl[7]);
		copy(x->dob_text, sizeof(x->dob_text), fl[9]);
		x->truth = (int)strtol(x->id + 4, NULL, 10); /* "rec-N-..." */
		struct link_person_in in = {.given = x->given,
		                            .family = x->family,
		                            .postcode = x->postcode,
		                            .dob = parse_dob(x->dob_text)};
		link_person_prepare(&in, &x->p);
		n++;
	}
	fclose(f);
	return n;
}

static int load_splink(const char *rel, struct rec *r, int max)
{
	FILE *f = open_data(rel);
	char line[1024];
	int n = 0;
	bool header = true;
	while (fgets(line, sizeof(line), f) && n < max) {
		if (header) {
			header = false;
			continue;
		}
		char *fl[8];
		if (split(line, fl, 8) < 7)
			continue;
		struct rec *x = &r[n];
		memset(x, 0, sizeof(*x));
		copy(x->id, sizeof(x->id), fl[0]);
		copy(x->given, sizeof(x->given), fl[1]);
		copy(x->family, sizeof(x->family), fl[2]);
		copy(x->dob_text, sizeof(x->dob_text), fl[3]);
		x->truth = (int)strtol(fl[6], NULL, 10);
		struct link_person_in in = {
		        .given = x->given, .family = x->family, .dob = parse_dob(x->dob_text)};
		link_person_prepare(&in, &x->p);
		n++;
	}
	fclose(f);
	return n;
}

static struct rec A[MAXREC], B[MAXREC];
static int stamp[MAXREC], cand[MAXCAND];

static void report(const char *name, long tp, long fp, long truth, long pairs, double secs,
                   int probes)
{
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	double r = truth ? (double)tp / (double)truth : 0;
	double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-14s probes %5d  candidate pairs %8ld  %7.3f s  %9.0f pairs/s  %8.0f probes/s\n",
	       name, probes, pairs, secs, pairs / secs, probes / secs);
	printf("%-14s at 'probable': TP %ld FP %ld FN %ld  precision %.4f recall %.4f F1 %.4f\n",
	       name, tp, fp, truth - tp, p, r, f1);
}

/* With LINK_BENCH_VERBOSE set: the first few true pairs scored below 'probable'. */
static void show_misses(const struct rec *a, int na, const struct rec *b, int nb)
{
	int shown = 0;
	for (int j = 0; j < nb && shown < 25; j++)
		for (int i = 0; i < na; i++) {
			if (a[i].truth != b[j].truth)
				continue;
			struct link_result res;
			link_score(&b[j].p, &a[i].p, &res);
			if (res.strength >= LINK_PROBABLE_MATCH)
				break;
			printf("MISS %.1f %s|%s|%s|%s  vs  %s|%s|%s|%s\n", res.weight, b[j].given,
			       b[j].family, b[j].dob_text, b[j].postcode, a[i].given, a[i].family,
			       a[i].dob_text, a[i].postcode);
			for (int k = 0; k < res.n_reasons; k++)
				printf("    %s\n", res.reasons[k]);
			shown++;
			break;
		}
}

static void bench_febrl(void)
{
	int na = load_febrl("bench/data/febrl/dataset4a.csv", A, MAXREC);
	int nb = load_febrl("bench/data/febrl/dataset4b.csv", B, MAXREC);
	double t0 = now();
	struct bix ix;
	bix_init(&ix, 1 << 16);
	for (int i = 0; i < na; i++)
		bix_add(&ix, &A[i].p, i);
	double t1 = now();
	long tp = 0, fp = 0, pairs = 0, truth_in_blocks = 0;
	for (int j = 0; j < nb; j++) {
		int nc = bix_candidates(&ix, &B[j].p, stamp, j + 1, cand, MAXCAND);
		pairs += nc;
		for (int k = 0; k < nc; k++) {
			const struct rec *a = &A[cand[k]];
			enum link_strength s;
			link_score_weight(&B[j].p, &a->p, &s);
			bool same = a->truth == B[j].truth;
			truth_in_blocks += same;
			if (s >= LINK_PROBABLE_MATCH) {
				if (same)
					tp++;
				else
					fp++;
			}
		}
	}
	double t2 = now();
	/* Truth: every B record has exactly one original in A (5,000 links). */
	long truth = nb;
	if (getenv("LINK_BENCH_VERBOSE"))
		show_misses(A, na, B, nb);
	printf("FEBRL 4: %d x %d records, index built in %.3f s, blocking recall %.4f\n", na, nb,
	       t1 - t0, (double)truth_in_blocks / (double)truth);
	report("febrl4", tp, fp, truth, pairs, t2 - t1, nb);
	bix_free(&ix);
}

static void bench_splink(void)
{
	int n = load_splink("bench/data/splink/fake_1000.csv", A, MAXREC);
	memset(stamp, 0, sizeof(stamp));
	double t0 = now();
	struct bix ix;
	bix_init(&ix, 1 << 14);
	for (int i = 0; i < n; i++)
		bix_add(&ix, &A[i].p, i);
	long tp = 0, fp = 0, pairs = 0, in_blocks = 0;
	for (int j = 0; j < n; j++) {
		int nc = bix_candidates(&ix, &A[j].p, stamp, j + 1, cand, MAXCAND);
		for (int k = 0; k < nc; k++) {
			int i = cand[k];
			if (i <= j)
				continue; /* each unordered pair once */
			pairs++;
			enum link_strength s;
			link_score_weight(&A[j].p, &A[i].p, &s);
			bool same = A[i].truth == A[j].truth;
			in_blocks += same;
			if (s >= LINK_PROBABLE_MATCH) {
				if (same)
					tp++;
				else
					fp++;
			}
		}
	}
	double t1 = now();
	long truth = 0;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			truth += A[i].truth == A[j].truth;
	printf("splink fake_1000: %d records, %ld true pairs, blocking recall %.4f\n", n, truth,
	       (double)in_blocks / (double)truth);
	report("fake_1000", tp, fp, truth, pairs, t1 - t0, n);
	bix_free(&ix);
}

int main(void)
{
	bench_febrl();
	bench_splink();
	return 0;
}
