/*
 * bench_store.c: the children store at scale. Loads N synthetic children (default
 * 1,000,000) straight through src/store/children.h into a new SQLite file under /tmp,
 * in transactions of 10,000, each with its normalised name key (link_normalise_text,
 * as the app computes it) and, with --keys, its blocking keys (child_blocking_keys,
 * the app's own path). Then it measures 100,000 random point lookups by id
 * (store_child_get) and by normalised name (store_child_by_name_key) and reports the
 * load rate and lookup p50/p99 in microseconds.
 *
 * usage: bench_store [N] [--keys] [--keep]
 * Targets: 1M children loaded in under 30 s; lookup p99 under 50 us. The database uses
 * the normal connection settings (WAL, synchronous=NORMAL): no bulk-load shortcuts.
 * All names are made up from syllables; nothing here is anyone's data.
 */
#include "app/children.h"
#include "app/matching.h"
#include "link/normalise.h"
#include "store/children.h"
#include "util/id.h"
#include "util/ltime.h"
#include "util/parse.h"
#include "util/rng.h"

#include "../bench_db.h"

#define BATCH 10000
#define PROBES 100000

static const char *const SYL[] = {"ka", "lo", "mi", "ra", "ten", "sa", "vo", "ne", "di", "ba",
                                  "zu", "fe", "ri", "ma", "to",  "el", "an", "yo", "ha", "ki",
                                  "pe", "su", "or", "la", "ne",  "ju", "co", "wi", "de", "gu"};
#define NSYL ARRAY_LEN(SYL)

/* Child i's synthetic name and date of birth (a pure function of i and the seed). */
static void person(uint64_t i, char given[32], char family[48], char dob[LT_DATE_LEN])
{
	struct rng r;
	rng_seed(&r, 0x5eed0000u + i);
	snprintf(given, 32, "%s%s", SYL[rng_below(&r, NSYL)], SYL[rng_below(&r, NSYL)]);
	given[0] = (char)(given[0] - 'a' + 'A');
	snprintf(family, 48, "%s%s%s", SYL[rng_below(&r, NSYL)], SYL[rng_below(&r, NSYL)],
	         SYL[rng_below(&r, NSYL)]);
	family[0] = (char)(family[0] - 'a' + 'A');
	struct lt_date d = ltime_add_days((struct lt_date){2008, 1, 1}, (int)rng_below(&r, 3650));
	ltime_format_date(d, dob);
}

/* The app's name key: "family given", each normalised (see child_create_tx). */
static void name_key(const char *given, const char *family, char out[LINK_TEXT_LEN * 2])
{
	char g[LINK_TEXT_LEN] = "", f[LINK_TEXT_LEN] = "";
	link_normalise_text(given, g, sizeof g);
	link_normalise_text(family, f, sizeof f);
	snprintf(out, LINK_TEXT_LEN * 2, "%s %s", f, g);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *what, double *lat, size_t n)
{
	qsort(lat, n, sizeof *lat, cmp_double);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += lat[i];
	printf("%-22s p50 %7.1f us   p99 %7.1f us   mean %7.1f us   max %8.1f us\n", what,
	       lat[n / 2] * 1e6, lat[n * 99 / 100] * 1e6, sum / (double)n * 1e6, lat[n - 1] * 1e6);
}

int main(int argc, char **argv)
{
	int64_t n = 1000000;
	bool keys = false, keep = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keys") == 0)
			keys = true;
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (parse_int64(argv[i], 1, 100000000, &n) < 0) {
			fprintf(stderr, "usage: bench_store [N] [--keys] [--keep]\n");
			return 2;
		}
	}
	struct bench_db bd;
	if (bench_db_open(&bd, "/tmp/lantern-bench-XXXXXX", "bench_store") != 0)
		return 1;
	struct db *db = bd.db;
	const char *path = bd.path;
	printf("bench_store: %lld children into %s, batches of %d, name key%s\n", (long long)n,
	       path, BATCH, keys ? " and blocking keys" : " only");

	struct rng idr;
	rng_seed(&idr, 42);
	char(*ids)[ID_MAX] = malloc((size_t)n * ID_MAX);
	if (!ids)
		return 1;
	double t0 = bench_now_s();
	int rc = DB_OK;
	int64_t nkeys = 0;
	for (int64_t i = 0; i < n && rc == DB_OK; i++) {
		if (i % BATCH == 0 && (rc = db_begin(db)) != DB_OK)
			break;
		char given[32], family[48], dob[LT_DATE_LEN], key[LINK_TEXT_LEN * 2];
		person((uint64_t)i, given, family, dob);
		name_key(given, family, key);
		id_new_rng(&idr, "ch", ids[i]);
		struct lt_date born = {0};
		ltime_parse_date(dob, &born);
		struct child_row row = {.id = ids[i],
		                        .given_names = given,
		                        .family_name = family,
		                        .name_key = key,
		                        .date_of_birth = born,
		                        .gender = i % 2 ? "female" : "male",
		                        .school = "Demo Academy",
		                        .is_demo = true,
		                        .created_at = 1767225600}; /* 2026-01-01T00:00:00Z */
		rc = store_child_insert(db, &row);
		if (keys && rc == DB_OK) {
			struct child_input ci;
			memset(&ci, 0, sizeof ci);
			ci.given_names = given;
			ci.family_name = family;
			snprintf(ci.date_of_birth, sizeof ci.date_of_birth, "%s", dob);
			char k[MATCH_MAX_KEYS][MATCH_KEY_LEN];
			size_t nk = child_blocking_keys(&ci, k);
			for (size_t j = 0; j < nk && rc == DB_OK; j++)
				rc = store_child_add_key(db, ids[i], k[j]);
			nkeys += (int64_t)nk;
		}
		if (rc == DB_OK && (i % BATCH == BATCH - 1 || i == n - 1))
			rc = db_commit(db);
	}
	if (rc != DB_OK) {
		fprintf(stderr, "bench_store: load failed: %s\n", db_errmsg(db));
		db_rollback(db);
		return 1;
	}
	double load = bench_now_s() - t0;
	printf("load: %lld rows in %.2f s = %.0f rows/s%s", (long long)n, load, (double)n / load,
	       keys ? "" : "\n");
	if (keys)
		printf(" (%lld blocking keys)\n", (long long)nkeys);

	double *lat = malloc(PROBES * sizeof *lat);
	struct rng pr;
	rng_seed(&pr, 7);
	int misses = 0;
	for (int p = 0; p < PROBES; p++) {
		uint64_t i = rng_below(&pr, (uint64_t)n);
		double s = bench_now_s();
		json_t *c = store_child_get(db, ids[i], &rc);
		lat[p] = bench_now_s() - s;
		misses += c == NULL;
		json_decref(c);
	}
	report("lookup by id", lat, PROBES);
	for (int p = 0; p < PROBES; p++) {
		uint64_t i = rng_below(&pr, (uint64_t)n);
		char given[32], family[48], dob[LT_DATE_LEN], key[LINK_TEXT_LEN * 2];
		person(i, given, family, dob);
		double s = bench_now_s();
		name_key(given, family, key); /* the probe's normalisation is part of a lookup */
		json_t *found = store_child_by_name_key(db, key, 50, &rc);
		lat[p] = bench_now_s() - s;
		misses += json_array_size(found) == 0;
		json_decref(found);
	}
	report("lookup by name key", lat, PROBES);
	if (misses)
		printf("bench_store: %d probes found nothing\n", misses);
	free(lat);
	free(ids);
	bench_db_close(&bd, keep);
	return misses ? 1 : 0;
}
