/*
 * bench_reports.c: the meeting's agenda and the board's report at partnership scale.
 * Five years of synthetic data for 33 boroughs are loaded into a file database under
 * /tmp (straight through src/store/ where it has an insert, by SQL for the rest): per
 * borough 300 children with records, each referred once and routed to the police and
 * children's social care, each with an exploitation type; 150 persons of concern with
 * two links each to the borough's children; 40 places with two links each; 600
 * disruptions; 3 actions a record; and a meeting each month for five years (60) with 7
 * attendees and 10 cases discussed each. Then it times:
 *   (a) app_mase_agenda for one borough (R-MASE-4..6), as a partnership-wide analyst and
 *       as a police officer of the borough (each item gated for the reader), with the
 *       linked-case list of network analysis (R-MASE-9, R-CAT-7);
 *   (b) app_board_report for a year, for each of the 33 boroughs in turn (R-RPT-1).
 * Each call includes its transaction and audit event.
 *
 * usage: bench_reports [--runs N] [--keep] [--db PATH [--agenda-only]]
 * --db reuses a database kept by an earlier run (--keep) instead of loading one;
 * --agenda-only leaves out (b), so that two builds can be timed against each other on
 * the same data as whole processes.
 * Targets: (a) p99 under 100 ms; (b) all 33 boroughs under 1 s. All data is made up.
 */
#include "app/board.h"
#include "app/mase.h"
#include "protocol/orders.h"
#include "protocol/plans.h"
#include "store/children.h"
#include "store/orders.h"
#include "store/people.h"
#include "store/plans.h"
#include "store/records.h"
#include "store/users.h"
#include "util/id.h"
#include "util/ltime.h"
#include "util/parse.h"
#include "util/rng.h"

#include "../bench_db.h"

#define BOROUGHS 33
#define RECORDS 300
#define PERSONS 150
#define PLACES 40
#define ORDERS 600
#define ACTIONS 3
#define MEETINGS 60
#define CASES 10
#define YEARS 5
#define DAY INT64_C(86400)

static int fail(struct db *db, const char *what)
{
	fprintf(stderr, "bench_reports: %s: %s\n", what, db_errmsg(db));
	return 1;
}

static const char *iso(int64_t t, char out[LT_TIME_LEN])
{
	ltime_format(t, out);
	return out;
}

/* Loads one borough in one transaction. */
static int load_borough(struct db *db, struct rng *r, struct rng *idr, int b, int64_t ref,
                        char bid[ID_MAX], char pol[ID_MAX])
{
	char at[LT_TIME_LEN], name[64], code[8], csc[ID_MAX], t1[LT_TIME_LEN], t2[LT_TIME_LEN];
	iso(ref - YEARS * 366 * DAY, at);
	if (db_begin(db) != DB_OK)
		return fail(db, "begin");
	id_new_rng(idr, "bor", bid);
	snprintf(name, sizeof name, "Bench Borough %02d (demo)", b);
	snprintf(code, sizeof code, "B%02d", b);
	int rc = store_borough_insert(db, bid, name, code);
	id_new_rng(idr, "agy", pol);
	snprintf(name, sizeof name, "Bench Police %02d (demo)", b);
	if (rc == DB_OK)
		rc = store_agency_insert(db, pol, name, "police", bid, ref - YEARS * 366 * DAY);
	id_new_rng(idr, "agy", csc);
	snprintf(name, sizeof name, "Bench Children's Services %02d (demo)", b);
	if (rc == DB_OK)
		rc = store_agency_insert(db, csc, name, "childrens_social_care", bid,
		                         ref - YEARS * 366 * DAY);
	static char kid[RECORDS][ID_MAX], rec[RECORDS][ID_MAX];
	for (int k = 0; rc == DB_OK && k < RECORDS; k++) {
		char ref_s[24], given[24], family[24], key[48], fid[ID_MAX];
		id_new_rng(idr, "ch", kid[k]);
		id_new_rng(idr, "rec", rec[k]);
		id_new_rng(idr, "ref", fid);
		snprintf(given, sizeof given, "Kid%d", k);
		snprintf(family, sizeof family, "Bench%d", b);
		snprintf(key, sizeof key, "bench%d kid%d", b, k);
		int64_t opened = ref - rng_range(r, 1, YEARS * 365) * DAY;
		iso(opened, t1);
		struct child_row c = {.id = kid[k],
		                      .given_names = given,
		                      .family_name = family,
		                      .name_key = key,
		                      .date_of_birth = {2011, 5, 5},
		                      .gender = rng_below(r, 3) ? "female" : "male",
		                      .is_demo = true,
		                      .created_at = opened};
		rc = store_child_insert(db, &c);
		if (rc == DB_OK)
			rc = store_record_insert(
			        db,
			        &(struct store_record_new){.id = rec[k],
			                                   .child_id = kid[k],
			                                   .year = ltime_date_of(opened).y,
			                                   .opened_at = opened,
			                                   .borough_id = bid,
			                                   .demo = true},
			        ref_s);
		if (rc == DB_OK)
			rc = db_run(
			        db,
			        "INSERT INTO referrals (id, child_id, record_id, source_agency_id,"
			        " referrer_name, came_to_notice_at, submitted_at, circumstances,"
			        " route, route_rule, status, is_demo) VALUES ($1, $2, $3, $4, "
			        "'Bench',"
			        " $5, $5, 'Bench (demo).', 'mash', 'R-PATH-3', 'triaged', 1)",
			        "sssss", fid, kid[k], rec[k], rng_below(r, 2) ? pol : csc, t1);
		for (int a = 0; rc == DB_OK && a < 2; a++)
			rc = db_run(db,
			            "INSERT INTO child_agencies (child_id, agency_id, reason, "
			            "since, kind)"
			            " VALUES ($1, $2, 'routed', $3, 'routed')",
			            "sss", kid[k], a ? csc : pol, t1);
		/* a tenth category 3, a sixth 2, a third 1, the rest none yet */
		int64_t draw = rng_below(r, 60);
		int cat = draw < 6 ? 3 : draw < 16 ? 2 : draw < 36 ? 1 : 0;
		if (rc == DB_OK && cat)
			rc = db_run(db, "UPDATE records SET current_category = $1 WHERE id = $2",
			            "ds", cat, rec[k]);
		if (rc == DB_OK)
			rc = db_run(db,
			            "INSERT INTO record_classifications (record_id, kind, code, "
			            "from_at)"
			            " VALUES ($1, 'type', $2, $3)",
			            "sss", rec[k], rng_below(r, 4) ? "sexual" : "criminal", t1);
		for (int a = 0; rc == DB_OK && a < ACTIONS; a++) {
			int64_t agreed = opened + (int64_t)a * 30 * DAY;
			if (agreed >= ref)
				agreed = ref - DAY;
			int64_t due = agreed + rng_range(r, 7, 60) * DAY;
			struct plan_action pa = {.text = "Bench action (demo)",
			                         .owner_agency = pol,
			                         .agreed_at = agreed,
			                         .due_at = due,
			                         .record_id = rec[k],
			                         .status = ACTION_OPEN};
			if (due < ref && rng_below(r, 100) < 85) {
				pa.status = ACTION_DONE;
				pa.closed_at = due - DAY;
			}
			char aid[ID_MAX];
			id_new_rng(idr, "act", aid);
			struct store_action_new sa = {.id = aid,
			                              .a = &pa,
			                              .owner_agency_id = pol,
			                              .owner_name = "Bench Police (demo)",
			                              .borough_id = bid,
			                              .agency_id = pol,
			                              .by_name = "Bench Officer",
			                              .demo = true,
			                              .at = agreed};
			rc = store_action_insert(db, &sa);
			if (rc == DB_OK && pa.status != ACTION_OPEN)
				rc = store_action_close(db, aid, &pa, "Bench Officer",
				                        pa.closed_at);
		}
	}
	static char person[PERSONS][ID_MAX];
	for (int p = 0; rc == DB_OK && p < PERSONS + PLACES; p++) {
		char label[48], lid[ID_MAX];
		bool place = p >= PERSONS;
		char *id = place ? (char[ID_MAX]){0} : person[p];
		snprintf(label, sizeof label, "Bench %s %d-%d (demo)", place ? "Place" : "Person",
		         b, p);
		id_new_rng(idr, place ? "plc" : "poc", id);
		if (place)
			rc = db_run(db,
			            "INSERT INTO places (id, type, name, borough_id, created_at, "
			            "updated_at,"
			            " is_demo) VALUES ($1, 'hotel', $2, $3, $4, $4, 1)",
			            "ssss", id, label, bid, at);
		else {
			struct store_person_new pn = {.id = id,
			                              .label = label,
			                              .gender = "male",
			                              .agency_id = pol,
			                              .demo = true,
			                              .at = ref - YEARS * 365 * DAY};
			rc = store_person_insert(db, &pn);
		}
		for (int l = 0; rc == DB_OK && l < 2; l++) {
			int k = (int)rng_below(r, RECORDS);
			id_new_rng(idr, "lnk", lid);
			rc = db_run(
			        db,
			        "INSERT INTO links (id, kind, from_type, from_id, to_type, to_id,"
			        " to_child_id, nature, source, recorded_at, recorded_by_name, "
			        "is_demo)"
			        " VALUES ($1, $2, $3, $4, 'child', $5, $5, 'fact', 'bench', $6,"
			        " 'Bench', 1)",
			        "ssssss", lid, place ? "found_at" : "associate",
			        place ? "place" : "person", id, kid[k],
			        iso(ref - rng_range(r, 1, YEARS * 365) * DAY, t2));
		}
	}
	for (int o = 0; rc == DB_OK && o < ORDERS; o++) {
		struct disruption d = {0};
		d.type = rng_below(r, 2) ? DISRUPT_ARREST : DISRUPT_LICENSING;
		if (o < 15) { /* an order in force: an R-CAT-7 target */
			d.type = DISRUPT_SRO;
			d.status = ORDER_MADE;
			d.made_on = d.on;
		}
		d.subject_id = person[rng_below(r, PERSONS)];
		d.on = ltime_date_of(ref - rng_range(r, 1, YEARS * 365) * DAY);
		char did[ID_MAX];
		id_new_rng(idr, "dsr", did);
		struct store_disruption_meta m = {.id = did,
		                                  .borough_id = bid,
		                                  .agency_id = pol,
		                                  .by_name = "Bench Officer",
		                                  .demo = true,
		                                  .at = ref - DAY};
		rc = store_disruption_insert(db, &d, &m, o < 15 ? "made" : "recorded");
	}
	for (int m = 0; rc == DB_OK && m < MEETINGS; m++) {
		char mid[ID_MAX];
		id_new_rng(idr, "mtg", mid);
		int64_t held = ref - (int64_t)(MEETINGS - m) * 30 * DAY;
		iso(held, t1);
		rc = db_run(
		        db,
		        "INSERT INTO mase_meetings (id, borough_id, held_at, name, gaps, flagged,"
		        " created_by_name, created_at, is_demo) VALUES ($1, $2, $3, 'MASE', $4,"
		        " $5, 'Bench', $3, 1)",
		        "ssssd", mid, bid, t1,
		        m % 5 ? "[]"
		              : "[{\"code\":\"missing_member\",\"rule\":\"R-MASE-3\","
		                "\"member\":\"education\",\"text\":\"A statutory member was "
		                "absent\"}]",
		        m % 5 ? 0 : 1);
		static const char *const members[] = {
		        "police",    "police",          "childrens_social_care", "health",
		        "education", "support_service", "youth_offending"};
		for (int a = 0; rc == DB_OK && a < 7; a++)
			rc = db_run(
			        db,
			        "INSERT INTO mase_attendees (meeting_id, seq, person_id, name, "
			        "member,"
			        " rank, chair, present) VALUES ($1, $2, $3, $3, $4, $5, $6, $7)",
			        "sdsssdd", mid, a, members[a] /* a name */, members[a],
			        a == 0   ? "chief_inspector"
			        : a == 1 ? "detective_inspector"
			                 : NULL,
			        a == 0, !(a == 4 && m % 5 == 0));
		for (int c = 0; rc == DB_OK && c < CASES; c++)
			rc = db_run(db,
			            "INSERT INTO mase_cases (meeting_id, record_id, decision, "
			            "discussed_at,"
			            " recorded_by_name, is_demo) VALUES ($1, $2, 'Reviewed "
			            "(bench).', $3,"
			            " 'Bench', 1) ON CONFLICT DO NOTHING",
			            "sss", mid, rec[rng_below(r, RECORDS)], t1);
	}
	if (rc != DB_OK)
		return fail(db, "load");
	return db_commit(db) == DB_OK ? 0 : fail(db, "commit");
}

static struct actor bench_actor(const char *agency, const char *borough, unsigned roles,
                                int64_t now)
{
	struct actor a;
	memset(&a, 0, sizeof a);
	snprintf(a.username, sizeof a.username, "bench.user");
	snprintf(a.display_name, sizeof a.display_name, "Bench User");
	snprintf(a.agency_id, sizeof a.agency_id, "%s", agency);
	snprintf(a.agency_type, sizeof a.agency_type, "police");
	snprintf(a.borough_id, sizeof a.borough_id, "%s", borough);
	a.roles = roles;
	a.now = now;
	return a;
}

static int agenda_runs(struct db *db, const struct actor *who, const char *bid, int64_t runs,
                       const char *what)
{
	double *lat = malloc((size_t)runs * sizeof *lat), *cpu = malloc((size_t)runs * sizeof *cpu);
	if (!lat || !cpu)
		return 1;
	json_t *last = NULL;
	for (int64_t i = -1; i < runs; i++) { /* -1: warms the statement cache */
		struct app_err err = {0};
		json_t *out = NULL;
		double s = bench_now_s(), c = bench_cpu_s();
		int rc = app_mase_agenda(db, who, bid, NULL, &out, &err);
		double t = bench_now_s() - s, tc = bench_cpu_s() - c;
		if (rc != APP_OK) {
			fprintf(stderr, "bench_reports: agenda: %s\n", err.message);
			return 1;
		}
		if (i >= 0) {
			lat[i] = t;
			cpu[i] = tc;
		}
		json_decref(last);
		last = out;
	}
	json_t *secs = json_object_get(last, "sections");
	printf("%s: new %zu, review %zu, perpetrators %zu, locations %zu, linked %zu, "
	       "withheld %lld\n",
	       what, json_array_size(json_object_get(json_array_get(secs, 1), "items")),
	       json_array_size(json_object_get(json_array_get(secs, 2), "items")),
	       json_array_size(json_object_get(json_array_get(secs, 5), "items")),
	       json_array_size(json_object_get(json_array_get(secs, 6), "items")),
	       json_array_size(json_object_get(json_array_get(secs, 7), "items")),
	       (long long)json_integer_value(json_object_get(last, "withheld")));
	json_decref(last);
	char label[80];
	snprintf(label, sizeof label, "%s, wall", what);
	bench_report(label, 46, lat, (size_t)runs, 100);
	snprintf(label, sizeof label, "%s, CPU", what);
	bench_report(label, 46, cpu, (size_t)runs, 100);
	free(lat);
	free(cpu);
	return 0;
}

int main(int argc, char **argv)
{
	int64_t runs = 100;
	bool keep = false, agenda_only = false;
	const char *reuse = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--agenda-only") == 0)
			agenda_only = true;
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc && strlen(argv[i + 1]) < 100)
			reuse = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc &&
		         parse_int64(argv[i + 1], 1, 100000, &runs) == 0)
			i++;
		else {
			fprintf(stderr, "usage: bench_reports [--runs N] [--keep] [--db PATH "
			                "[--agenda-only]]\n");
			return 2;
		}
	}
	struct bench_db bd;
	int64_t ref;
	ltime_parse("2026-11-01T00:00:00Z", &ref);
	static char bid[BOROUGHS][ID_MAX], pol[BOROUGHS][ID_MAX];
	if (reuse) { /* a database kept by an earlier run: the boroughs by their codes */
		char url[128], msg[256];
		snprintf(url, sizeof url, "sqlite:%s", reuse);
		snprintf(bd.path, sizeof bd.path, "%s", reuse);
		if (db_open(url, false, &bd.db, msg, sizeof msg) != DB_OK) {
			fprintf(stderr, "bench_reports: %s\n", msg);
			return 1;
		}
		for (int b = 0; b < BOROUGHS; b++) {
			char code[8];
			snprintf(code, sizeof code, "B%02d", b);
			if (db_query_text(bd.db, bid[b], ID_MAX,
			                  "SELECT id FROM boroughs WHERE code = $1", "s",
			                  code) != DB_OK ||
			    db_query_text(
			            bd.db, pol[b], ID_MAX,
			            "SELECT id FROM agencies WHERE borough_id = $1 AND type = "
			            "'police'",
			            "s", bid[b]) != DB_OK)
				return fail(bd.db, "the kept database has no bench borough");
		}
		keep = true;
	} else {
		if (bench_db_open(&bd, "/tmp/lantern-reports-XXXXXX", "bench_reports") != 0)
			return 1;
		struct rng r, idr;
		rng_seed(&r, 2026);
		rng_seed(&idr, 20);
		double t0 = bench_now_s();
		for (int b = 0; b < BOROUGHS; b++)
			if (load_borough(bd.db, &r, &idr, b, ref, bid[b], pol[b]) != 0)
				return 1;
		printf("load: %.1f s into %s (%d boroughs, %d records, %d meetings, %d actions)\n",
		       bench_now_s() - t0, bd.path, BOROUGHS, BOROUGHS * RECORDS,
		       BOROUGHS * MEETINGS, BOROUGHS * RECORDS * ACTIONS);
		if (db_checkpoint(bd.db) != DB_OK)
			return fail(bd.db, "checkpoint");
	}
	struct actor analyst = bench_actor(pol[7], "", ROLE_BIT(ROLE_ANALYST), ref);
	struct actor officer = bench_actor(pol[7], bid[7], ROLE_BIT(ROLE_POLICE_OFFICER), ref);
	if (agenda_runs(bd.db, &analyst, bid[7], runs, "(a) agenda, one borough, analyst") != 0 ||
	    agenda_runs(bd.db, &officer, bid[7], runs, "(a) agenda, one borough, officer") != 0)
		return 1;
	if (agenda_only) {
		if (reuse)
			db_close(bd.db);
		else
			bench_db_close(&bd, keep);
		return 0;
	}
	/* (b) the board's report for a year, every borough in turn */
	int64_t rounds = runs / 10 > 3 ? runs / 10 : 3;
	double *lat = malloc((size_t)rounds * sizeof *lat),
	       *cpu = malloc((size_t)rounds * sizeof *cpu);
	if (!lat || !cpu)
		return 1;
	for (int64_t i = -1; i < rounds; i++) {
		double s = bench_now_s(), c = bench_cpu_s();
		for (int b = 0; b < BOROUGHS; b++) {
			struct app_err err = {0};
			json_t *out = NULL, *in = json_pack("{s:s, s:s}", "from", "2025-11-01",
			                                    "to", "2026-10-31");
			int rc = app_board_report(bd.db, &analyst, bid[b], in, &out, &err);
			json_decref(in);
			if (rc != APP_OK) {
				fprintf(stderr, "bench_reports: board report: %s\n", err.message);
				return 1;
			}
			if (i == rounds - 1 && b == 7) {
				json_t *v = json_object_get(
				        json_array_get(json_object_get(out, "sections"), 0),
				        "figures");
				printf("board report, borough 7: %s open in the year\n",
				       json_string_value(
				               json_object_get(json_array_get(v, 0), "value")));
			}
			json_decref(out);
		}
		if (i >= 0) {
			lat[i] = bench_now_s() - s;
			cpu[i] = bench_cpu_s() - c;
		}
	}
	bench_report("(b) board report, a year, 33 boroughs, wall", 46, lat, (size_t)rounds, 1000);
	bench_report("(b) board report, a year, 33 boroughs, CPU", 46, cpu, (size_t)rounds, 1000);
	free(lat);
	free(cpu);
	if (reuse)
		db_close(bd.db);
	else
		bench_db_close(&bd, keep);
	return 0;
}
