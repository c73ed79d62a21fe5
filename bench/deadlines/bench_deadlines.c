/*
 * bench_deadlines.c: the deadline engine at London scale. Builds, straight through
 * src/store/, a file database under /tmp with 32 boroughs (a police and a children's
 * social care agency each), 50,000 children and 30,000 missing episodes a year over
 * five years (150,000), with returns and return interviews: older interviews are
 * nearly all completed or declined, recent ones are open, and a few dozen episodes are
 * open and absent. Then it times, over repeated runs:
 *   (a) a team's queue: app_episode_deadlines for a police officer of one borough
 *       (the missing-children section of their work queue, R-DL-1, R-DL-2);
 *   (b) a full recomputation: app_episode_deadlines as the system actor, which
 *       derives every open deadline of the partnership, and app_episodes_escalate_due
 *       (the cron pass, which escalates nothing here).
 * and reports p50 and p99 in milliseconds.
 *
 * usage: bench_deadlines [--runs N] [--keep]
 * Targets: (a) under 50 ms, (b) under 2 s. All data is made up.
 */
#include "app/episode_deadlines.h"
#include "app/episodes.h"
#include "protocol/missing.h"
#include "store/children.h"
#include "store/episodes.h"
#include "store/users.h"
#include "util/id.h"
#include "util/ltime.h"
#include "util/parse.h"
#include "util/rng.h"

#include "../bench_db.h"

#define BOROUGHS 32
#define CHILDREN 50000
#define PER_YEAR 30000
#define YEARS 5
#define BATCH 10000
#define DAY INT64_C(86400)
#define HOUR INT64_C(3600)

static int fail(struct db *db, const char *what)
{
	fprintf(stderr, "bench_deadlines: %s: %s\n", what, db_errmsg(db));
	return 1;
}

/* Loads the data set; every write in batches of BATCH rows. */
static int load(struct db *db, int64_t ref, char (*pol)[ID_MAX], char (*csc)[ID_MAX])
{
	struct rng r, idr;
	rng_seed(&r, 2026);
	rng_seed(&idr, 42);
	char at[LT_TIME_LEN];
	ltime_format(ref - YEARS * 366 * DAY, at);
	if (db_begin(db) != DB_OK)
		return fail(db, "begin");
	for (int b = 0; b < BOROUGHS; b++) {
		char bid[ID_MAX], name[64], code[8];
		id_new_rng(&idr, "bo", bid);
		snprintf(name, sizeof name, "Bench Borough %02d (demo)", b);
		snprintf(code, sizeof code, "B%02d", b);
		int rc = store_borough_insert(db, bid, name, code);
		id_new_rng(&idr, "ag", pol[b]);
		snprintf(name, sizeof name, "Bench Police %02d (demo)", b);
		if (rc == DB_OK)
			rc = store_agency_insert(db, pol[b], name, "police", bid,
			                         ref - YEARS * 366 * DAY);
		id_new_rng(&idr, "ag", csc[b]);
		snprintf(name, sizeof name, "Bench Social Care %02d (demo)", b);
		if (rc == DB_OK)
			rc = store_agency_insert(db, csc[b], name, "childrens_social_care", bid,
			                         ref - YEARS * 366 * DAY);
		if (rc != DB_OK)
			return fail(db, "agencies");
	}
	char(*kid)[ID_MAX] = malloc((size_t)CHILDREN * ID_MAX);
	bool *la = calloc(CHILDREN, sizeof *la);
	if (!kid || !la)
		return 1;
	for (int i = 0; i < CHILDREN; i++) {
		char given[16], family[24], key[48];
		snprintf(given, sizeof given, "Kid%d", i);
		snprintf(family, sizeof family, "Bench%d", i % 997);
		snprintf(key, sizeof key, "bench%d kid%d", i % 997, i);
		id_new_rng(&idr, "ch", kid[i]);
		la[i] = rng_below(&r, 100) < 30;
		struct child_row row = {.id = kid[i],
		                        .given_names = given,
		                        .family_name = family,
		                        .name_key = key,
		                        .date_of_birth = {2011, 5, 5},
		                        .gender = i % 2 ? "female" : "male",
		                        .looked_after = la[i],
		                        .is_demo = true,
		                        .created_at = ref - YEARS * 366 * DAY};
		int b = i % BOROUGHS, rc = store_child_insert(db, &row);
		if (rc == DB_OK)
			rc = store_child_involve(db, kid[i], pol[b], "bench",
			                         ref - YEARS * 366 * DAY);
		if (rc == DB_OK)
			rc = store_child_involve(db, kid[i], csc[b], "bench",
			                         ref - YEARS * 366 * DAY);
		if (rc != DB_OK)
			return fail(db, "children");
	}
	if (db_commit(db) != DB_OK)
		return fail(db, "commit");
	int64_t n = (int64_t)PER_YEAR * YEARS, open_ri = 0, absent = 0;
	for (int64_t e = 0; e < n; e++) {
		if (e % BATCH == 0 && db_begin(db) != DB_OK)
			return fail(db, "begin");
		/* an absent episode reported in the last day, a few dozen in all */
		bool is_absent = e % 3000 == 0;
		int64_t rep = is_absent ? ref - rng_range(&r, 1, 23) * HOUR
		                        : ref - rng_range(&r, 1, YEARS * 365 * 24) * HOUR;
		int c = (int)rng_below(&r, CHILDREN);
		char id[ID_MAX];
		id_new_rng(&idr, "mep", id);
		int64_t ret = rep + rng_range(&r, 3, 72) * HOUR;
		bool returned = !is_absent && ret < ref;
		struct store_episode_new en = {.id = id,
		                               .child_id = kid[c],
		                               .reported_at = rep,
		                               .reported_by_name = "Bench Officer",
		                               .reported_by_agency_id = pol[c % BOROUGHS],
		                               .missing_from = la[c] ? "care" : "home",
		                               .parents_carers = "[]",
		                               .classification = is_absent ? "absent" : "missing",
		                               .reason = "bench",
		                               .rule = "R-MISS-1",
		                               .risk_level = "medium",
		                               .looked_after = la[c],
		                               .demo = true,
		                               .at = rep};
		int rc = store_episode_insert(db, &en);
		absent += is_absent;
		if (rc == DB_OK && returned) {
			rc = store_episode_set_returned(
			        db, &(struct store_episode_return){.id = id,
			                                           .returned_at = ret,
			                                           .where = "Bench Street",
			                                           .at = ret});
		}
		/* an interview offered for most returns; closed for nearly all old ones */
		if (rc == DB_OK && returned && rng_below(&r, 100) < 97) {
			char rid[ID_MAX];
			id_new_rng(&idr, "rin", rid);
			int64_t offered = ret + 6 * HOUR < ref ? ret + 6 * HOUR : ret;
			struct store_interview_new in = {.id = rid,
			                                 .episode_id = id,
			                                 .due_at =
			                                         missing_return_interview_due(ret),
			                                 .responsible = "[\"police\"]",
			                                 .responsibility = "bench",
			                                 .child_preference = "anyone",
			                                 .interviewer_name = "Bench Interviewer",
			                                 .interviewer_key = "bench interviewer",
			                                 .offered_at = offered,
			                                 .at = offered};
			rc = store_interview_insert(db, &in);
			int64_t done = ret + rng_range(&r, 12, 120) * HOUR;
			bool closed = done < ref && rng_below(&r, 100) < 99;
			if (rc == DB_OK && closed) {
				struct store_interview_set set = {
				        .id = rid,
				        .status = rng_below(&r, 5) ? "completed" : "declined",
				        .status_at = done,
				        .findings = "bench",
				        .at = done};
				rc = store_interview_update(db, &set);
			} else {
				open_ri++;
			}
		} else if (returned) {
			open_ri++;
		}
		if (rc != DB_OK)
			return fail(db, "episodes");
		if ((e % BATCH == BATCH - 1 || e == n - 1) && db_commit(db) != DB_OK)
			return fail(db, "commit");
	}
	printf("loaded: %d boroughs, %d children, %lld episodes, %lld open return interview "
	       "deadlines, %lld open absent episodes\n",
	       BOROUGHS, CHILDREN, (long long)n, (long long)open_ri, (long long)absent);
	free(kid);
	free(la);
	return 0;
}

/* Times one call of app_episode_deadlines as `who`; -1 on failure. */
static double time_deadlines(struct db *db, const struct actor *who, int64_t ref, json_int_t *total)
{
	struct app_err err = {0};
	json_t *out = NULL;
	struct actor at = *who; /* the deadlines at the reference time */
	at.now = ref;
	double s = bench_now_s();
	int rc = app_episode_deadlines(db, &at, NULL, NULL, &out, &err);
	double t = bench_now_s() - s;
	*total = json_integer_value(json_object_get(out, "total"));
	json_decref(out);
	if (rc != APP_OK) {
		fprintf(stderr, "bench_deadlines: %s\n", err.message);
		return -1;
	}
	return t;
}

int main(int argc, char **argv)
{
	int64_t runs = 30;
	bool keep = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc &&
		         parse_int64(argv[i + 1], 1, 10000, &runs) == 0)
			i++;
		else {
			fprintf(stderr, "usage: bench_deadlines [--runs N] [--keep]\n");
			return 2;
		}
	}
	struct bench_db bd;
	if (bench_db_open(&bd, "/tmp/lantern-deadlines-XXXXXX", "bench_deadlines") != 0)
		return 1;
	struct db *db = bd.db;
	const char *path = bd.path;
	int64_t ref;
	ltime_parse("2026-11-01T00:00:00Z", &ref);
	static char pol[BOROUGHS][ID_MAX], csc[BOROUGHS][ID_MAX];
	double t0 = bench_now_s();
	if (load(db, ref, pol, csc) != 0)
		return 1;
	printf("load: %.1f s into %s\n", bench_now_s() - t0, path);

	/* (a) one team: a police officer of borough 0 (police supervisors are partnership
	 * wide, so their queue is (b)) */
	struct actor team;
	memset(&team, 0, sizeof team);
	snprintf(team.user_id, sizeof team.user_id, "us_bench_officer");
	snprintf(team.username, sizeof team.username, "bench.officer");
	snprintf(team.display_name, sizeof team.display_name, "Bench Officer");
	snprintf(team.agency_id, sizeof team.agency_id, "%s", pol[0]);
	snprintf(team.agency_type, sizeof team.agency_type, "police");
	team.roles = ROLE_BIT(ROLE_POLICE_OFFICER);
	team.now = ref;
	double *lat = malloc((size_t)runs * sizeof *lat);
	json_int_t total = 0;
	if (!lat)
		return 1;
	time_deadlines(db, &team, ref, &total); /* warm the statement cache */
	for (int64_t i = 0; i < runs; i++)
		if ((lat[i] = time_deadlines(db, &team, ref, &total)) < 0)
			return 1;
	printf("team queue items: %lld\n", (long long)total);
	bench_report("(a) team queue (one borough)", 34, lat, (size_t)runs, 50);

	/* (b) every open deadline of the partnership */
	struct actor sys;
	actor_system(&sys);
	sys.now = ref;
	int64_t nb = runs < 10 ? runs : 10;
	for (int64_t i = 0; i < nb; i++)
		if ((lat[i] = time_deadlines(db, &sys, ref, &total)) < 0)
			return 1;
	printf("all open deadlines: %lld\n", (long long)total);
	bench_report("(b) full recomputation", 34, lat, (size_t)nb, 2000);
	for (int64_t i = 0; i < nb; i++) {
		struct app_err err = {0};
		json_t *out = NULL;
		double s = bench_now_s();
		/* a timeframe longer than any absence here: nothing escalates */
		int rc = app_episodes_escalate_due(db, ref, 2 * DAY, &out, &err);
		lat[i] = bench_now_s() - s;
		json_decref(out);
		if (rc != APP_OK) {
			fprintf(stderr, "bench_deadlines: %s\n", err.message);
			return 1;
		}
	}
	bench_report("(b) escalation pass (cron)", 34, lat, (size_t)nb, 2000);
	free(lat);
	bench_db_close(&bd, keep);
	return 0;
}
