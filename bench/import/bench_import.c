/*
 * bench_import.c: bulk import of children at city scale, with every row matched
 * (R-REC-1). Generates N synthetic children with bench/link/gen.h, writes them as the
 * CSV `lantern import children` reads, followed by N/100 records of children already in
 * the file with the usual corruptions (a nickname, a typo, swapped day and month...),
 * and imports the whole file in one batch through app_import_children() into a new,
 * fully migrated SQLite database, as the system operator. Prints the time, the rate,
 * and how many rows were created, held and refused; of the corrupted repeats, how many
 * were held (the matcher found the child), and of the first appearances, how many were
 * held wrongly. Usage: bench_import [N] [--keep]
 */
#include <math.h>
#include <sys/resource.h>

#include "../bench_db.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../link/gen.h"
#pragma GCC diagnostic pop
#include "app/import.h"
#include "store/db.h"

/* 2024-12-31T12:00:00Z: the import's clock, so that every generated child (born 2007 to
 * 2024) is a child on the day (R-DEF-1). */
#define BENCH_NOW ((int64_t)1735646400)

static void put_cell(FILE *f, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

static void put_row(FILE *f, const struct grec *g)
{
	char dob[16] = "", other[64] = "";
	if (g->dob.y && g->dob.m && g->dob.d)
		snprintf(dob, sizeof dob, "%04d-%02d-%02d", g->dob.y, g->dob.m, g->dob.d);
	/* an alias is "Name Family": the CSV's other_names takes it as it is */
	snprintf(other, sizeof other, "%s", g->alias);
	const char *gender = g->gender == 'F' ? "F" : g->gender == 'M' ? "M" : "";
	put_cell(f, g->given, false);
	put_cell(f, g->family, false);
	put_cell(f, other, false);
	put_cell(f, dob, false);
	put_cell(f, gender, false);
	put_cell(f, g->nhs, false);
	put_cell(f, g->school, false);
	put_cell(f, g->line, false);
	put_cell(f, g->postcode, true);
}

static long file_read(void *ctx, char *buf, size_t n)
{
	size_t got = fread(buf, 1, n, ctx);
	return got == 0 && ferror((FILE *)ctx) ? -1 : (long)got;
}

static double cpu_s(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
	       (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	size_t n = 100000;
	bool keep = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else
			n = (size_t)strtoull(argv[i], NULL, 10);
	}
	if (n < 100) {
		fprintf(stderr, "usage: bench_import [N >= 100] [--keep]\n");
		return 2;
	}
	size_t n_dup = n / 100;
	struct bench_db b;
	if (bench_db_open(&b, "/tmp/lantern-bench-import-XXXXXX", "bench_import"))
		return 1;
	char csv[160];
	snprintf(csv, sizeof csv, "%s/children.csv", b.dir);
	double t0 = bench_now_s();
	struct world w;
	world_make(&w, 11, n, n_dup, 0);
	FILE *f = fopen(csv, "w");
	if (!f) {
		perror(csv);
		return 1;
	}
	fputs("given_names,family_name,other_names,date_of_birth,gender,nhs_number,school,"
	      "address,postcode\n",
	      f);
	struct grec g;
	for (size_t i = 0; i < n; i++) {
		render_child(&w, i, &g);
		put_row(f, &g);
	}
	for (size_t k = 0; k < n_dup; k++)
		put_row(f, &w.probe[k]);
	fclose(f);
	double t1 = bench_now_s();
	printf("generated %zu children and %zu corrupted repeats in %.1f s\n", n, n_dup, t1 - t0);

	struct actor sys;
	actor_system(&sys);
	sys.now = BENCH_NOW;
	struct import_opts o = {.source = csv, .commit_good = true};
	struct app_err err;
	app_err_clear(&err);
	json_t *rep = NULL;
	f = fopen(csv, "r");
	double c0 = cpu_s();
	t1 = bench_now_s();
	int rc = app_import_children(b.db, &sys, &o, file_read, f, &rep, &err);
	double t2 = bench_now_s(), c1 = cpu_s();
	fclose(f);
	if (rc != APP_OK) {
		fprintf(stderr, "bench_import: %s\n", err.message);
		json_decref(rep);
		bench_db_close(&b, keep);
		return 1;
	}
	long long rows = json_integer_value(json_object_get(rep, "rows_read"));
	printf("imported %lld rows in %.1f s (%.0f rows/s; %.1f s CPU): %lld created, %lld held, "
	       "%lld refused\n",
	       rows, t2 - t1, (double)rows / (t2 - t1), c1 - c0,
	       (long long)json_integer_value(json_object_get(rep, "created")),
	       (long long)json_integer_value(json_object_get(rep, "held")),
	       (long long)json_integer_value(json_object_get(rep, "refused")));
	/* held rows by line: the first n data rows are first appearances, then the repeats */
	size_t held_first = 0, held_dup = 0;
	size_t i;
	json_t *h;
	int64_t total_first = 0, total_dup = 0;
	db_query_int64(b.db, &total_first, "SELECT count(*) FROM import_held WHERE line <= $1", "i",
	               (int64_t)n + 1);
	db_query_int64(b.db, &total_dup, "SELECT count(*) FROM import_held WHERE line > $1", "i",
	               (int64_t)n + 1);
	(void)i;
	(void)h;
	held_first = (size_t)total_first;
	held_dup = (size_t)total_dup;
	printf("corrupted repeats held (found): %zu of %zu (%.1f%%); first appearances held "
	       "(a brother, sister or namesake): %zu of %zu (%.2f%%)\n",
	       held_dup, n_dup, 100.0 * (double)held_dup / (double)n_dup, held_first, n,
	       100.0 * (double)held_first / (double)n);
	/* What was held, and against whom, in a form two runs can compare (children's ids
	 * are new on every run: a candidate is named by its place in the register) */
	uint64_t digest = 1469598103934665603ULL;
	struct db_stmt *st = NULL;
	if (db_prepare(b.db,
	               "SELECT h.line, c.rowid, json_remove(j.value, '$.id')"
	               " FROM import_held h, json_each(h.candidates) j"
	               " JOIN children c ON c.id = json_extract(j.value, '$.id')"
	               " ORDER BY h.line, j.key",
	               &st) == DB_OK) {
		while (db_step(st) == DB_ROW) {
			char row[4096];
			snprintf(row, sizeof row, "%lld|%lld|%s;",
			         (long long)db_column_int64(st, 0),
			         (long long)db_column_int64(st, 1), db_column_text(st, 2));
			for (const char *c = row; *c; c++)
				digest = (digest ^ (unsigned char)*c) * 1099511628211ULL;
		}
		db_finalize(st);
	}
	printf("held rows and their candidates, digest: %016llx\n", (unsigned long long)digest);
	size_t refused_shown = 0;
	json_array_foreach(json_object_get(rep, "refused_rows"), i, h)
	{
		if (refused_shown++ < 5)
			printf("  refused line %lld: %s\n",
			       (long long)json_integer_value(json_object_get(h, "line")),
			       json_string_value(json_object_get(h, "reason")));
	}
	json_decref(rep);
	world_free(&w);
	bench_db_close(&b, keep);
	return 0;
}
