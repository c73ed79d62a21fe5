/*
 * bench_disruption.c: a borough's disruption summary (app_disruption_summary: orders by
 * type and status, R-ORD-4; tactical options considered on its records, R-ORD-5; open
 * and overdue actions, R-MASE-7) on five years of synthetic data for a partnership of
 * 32 boroughs, loaded straight through src/store/ into a file database under /tmp:
 * per borough 300 records, 150 persons of concern, 1,200 orders and other disruptions
 * (every type, orders in every status, covert tactics restricted), 25 marks a record on
 * the tactical options checklist (20 current, 5 kept from before), and 10 actions a
 * record (most done or cancelled, some open, some of those overdue). Then it times the
 * summary of one borough, over repeated runs, as an analyst (restricted options and
 * covert tactics neither shown nor counted) and as a police supervisor (counted), and
 * reports p50 and p99 in milliseconds. Each call includes its transaction and audit
 * event.
 *
 * usage: bench_disruption [--runs N] [--keep]
 * Target: p99 under 20 ms. All data is made up.
 */
#include "app/orders.h"
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

#define BOROUGHS 32
#define RECORDS 300  /* per borough, over five years */
#define PERSONS 150  /* per borough */
#define ORDERS 1200  /* per borough */
#define CURRENT 20   /* current marks a record */
#define SUPERSEDED 5 /* earlier marks kept */
#define ACTIONS 10   /* per record */
#define YEARS 5
#define DAY INT64_C(86400)

static int fail(struct db *db, const char *what)
{
	fprintf(stderr, "bench_disruption: %s: %s\n", what, db_errmsg(db));
	return 1;
}

/* A date `days` before ref. */
static struct lt_date before(int64_t ref, int64_t days)
{
	return ltime_date_of(ref - days * DAY);
}

/* The facts of one synthetic disruption of person pid, drawn from r. */
static void one_order(struct rng *r, int64_t ref, const char *pid, struct disruption *d)
{
	static const enum disruption_type T[] = {
	        DISRUPT_SRO,          DISRUPT_SHPO,         DISRUPT_CAWN,        DISRUPT_INJUNCTION,
	        DISRUPT_NOTIFICATION, DISRUPT_HOTEL_NOTICE, DISRUPT_ARREST,      DISRUPT_ARREST,
	        DISRUPT_CHARGE,       DISRUPT_LICENSING,    DISRUPT_ANPR_MARKER, DISRUPT_CAD_SCHEME,
	        DISRUPT_COVERT};
	memset(d, 0, sizeof *d);
	d->type = T[rng_below(r, ARRAY_LEN(T))];
	d->subject_id = pid;
	int64_t age = rng_range(r, 1, YEARS * 365);
	enum disruption_class cls = disruption_class_of(d->type);
	if (cls != DCLASS_ORDER && cls != DCLASS_NOTICE) {
		d->on = before(ref, age);
		if (d->type == DISRUPT_CHARGE)
			d->offence = "Arranging the sexual exploitation of a child (bench)";
		return;
	}
	d->status = cls == DCLASS_NOTICE ? ORDER_SERVED : (enum order_status)rng_below(r, 7);
	if (cls == DCLASS_NOTICE && rng_below(r, 4) == 0)
		d->status = ORDER_BREACHED;
	if (d->status != ORDER_APPLIED || cls == DCLASS_ORDER)
		d->applied_on = before(ref, age + 30);
	if (d->status != ORDER_APPLIED)
		d->made_on = before(ref, age);
	if (d->status >= ORDER_SERVED) {
		d->served = true;
		d->served_at = ref - age * DAY + 10 * 3600;
		d->serving_officer = "PC 1 Bench";
	}
	if (d->status == ORDER_VARIED)
		d->varied_on = before(ref, age / 2);
	if (d->status == ORDER_EXPIRED)
		d->expired_on = before(ref, age / 3);
	if (d->status == ORDER_DISCHARGED)
		d->discharged_on = before(ref, age / 3);
}

/* The checklist options, in order. */
static const char *option(int i)
{
	static char codes[TACTIC_OPTIONS][4];
	snprintf(codes[i], sizeof codes[i], "T%02d", i + 1);
	return codes[i];
}

/* Loads one borough; transactions of one borough each. */
static int load_borough(struct db *db, struct rng *r, struct rng *idr, int b, int64_t ref,
                        char bid[ID_MAX], char pol[ID_MAX])
{
	char at[LT_TIME_LEN], name[64], code[8];
	ltime_format(ref - YEARS * 366 * DAY, at);
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
	static char person[PERSONS][ID_MAX];
	for (int p = 0; rc == DB_OK && p < PERSONS; p++) {
		char label[48];
		snprintf(label, sizeof label, "Bench Person %d-%d (demo)", b, p);
		id_new_rng(idr, "poc", person[p]);
		struct store_person_new pn = {.id = person[p],
		                              .label = label,
		                              .gender = "male",
		                              .agency_id = pol,
		                              .demo = true,
		                              .at = ref - YEARS * 365 * DAY};
		rc = store_person_insert(db, &pn);
	}
	for (int o = 0; rc == DB_OK && o < ORDERS; o++) {
		struct disruption d;
		one_order(r, ref, person[rng_below(r, PERSONS)], &d);
		char did[ID_MAX];
		id_new_rng(idr, "dsr", did);
		struct store_disruption_meta m = {.id = did,
		                                  .borough_id = bid,
		                                  .agency_id = pol,
		                                  .by_name = "Bench Officer",
		                                  .restricted = disruption_restricted(d.type),
		                                  .demo = true,
		                                  .at = ref - DAY};
		rc = store_disruption_insert(db, &d, &m, "recorded");
	}
	for (int k = 0; rc == DB_OK && k < RECORDS; k++) {
		char cid[ID_MAX], rid[ID_MAX], ref_s[24], given[24], family[24], key[48];
		id_new_rng(idr, "ch", cid);
		id_new_rng(idr, "rec", rid);
		snprintf(given, sizeof given, "Kid%d", k);
		snprintf(family, sizeof family, "Bench%d", b);
		snprintf(key, sizeof key, "bench%d kid%d", b, k);
		int64_t opened = ref - rng_range(r, 1, YEARS * 365) * DAY;
		char opened_s[LT_TIME_LEN];
		ltime_format(opened, opened_s);
		struct child_row c = {.id = cid,
		                      .given_names = given,
		                      .family_name = family,
		                      .name_key = key,
		                      .date_of_birth = {2011, 5, 5},
		                      .gender = "female",
		                      .is_demo = true,
		                      .created_at = opened};
		rc = store_child_insert(db, &c);
		if (rc == DB_OK)
			rc = store_record_insert(
			        db,
			        &(struct store_record_new){.id = rid,
			                                   .child_id = cid,
			                                   .year = ltime_date_of(opened).y,
			                                   .opened_at = opened,
			                                   .borough_id = bid,
			                                   .demo = true},
			        ref_s);
		/* the checklist: earlier marks kept, then the current ones */
		for (int i = 0; rc == DB_OK && i < SUPERSEDED + CURRENT; i++) {
			int opt = i < SUPERSEDED ? i : (int)((i - SUPERSEDED) * 29 / CURRENT);
			struct tactic_entry e = {.code = option(opt),
			                         .mark = (enum tactic_mark)(1 + rng_below(r, 3)),
			                         .note = "Decided at the meeting (bench).",
			                         .owner = "Bench Police (demo)"};
			struct store_tactic_mark_new m = {.record_id = rid,
			                                  .e = &e,
			                                  .restricted = opt == 13 || opt == 14,
			                                  .demo = true,
			                                  .by_name = "Bench Officer",
			                                  .at = opened + (int64_t)i * DAY};
			rc = store_tactic_mark(db, &m);
		}
		for (int a = 0; rc == DB_OK && a < ACTIONS; a++) {
			int64_t agreed = opened + (int64_t)a * 14 * DAY;
			int64_t due = agreed + rng_range(r, 7, 60) * DAY;
			struct plan_action pa = {.text = "Bench action (demo)",
			                         .owner_agency = pol,
			                         .agreed_at = agreed < ref ? agreed : ref - DAY,
			                         .due_at = due,
			                         .record_id = rid,
			                         .status = ACTION_OPEN};
			if (due < ref && rng_below(r, 100) < 85) {
				pa.status = rng_below(r, 10) ? ACTION_DONE : ACTION_CANCELLED;
				pa.closed_at = due - DAY;
				pa.reason = pa.status == ACTION_CANCELLED
				                    ? "No longer needed (bench)."
				                    : NULL;
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
			                              .at = pa.agreed_at};
			rc = store_action_insert(db, &sa);
			if (rc == DB_OK && pa.status != ACTION_OPEN)
				rc = store_action_close(db, aid, &pa, "Bench Officer",
				                        pa.closed_at);
		}
	}
	if (rc != DB_OK)
		return fail(db, "load");
	return db_commit(db) == DB_OK ? 0 : fail(db, "commit");
}

/* Times one summary of borough bid as `who` (wall time; its CPU time into *cpu); -1 on
 * failure. */
static double time_summary(struct db *db, const struct actor *who, const char *bid, json_t **last,
                           double *cpu)
{
	struct app_err err = {0};
	json_t *out = NULL;
	double s = bench_now_s(), c = bench_cpu_s();
	int rc = app_disruption_summary(db, who, bid, NULL, &out, &err);
	double t = bench_now_s() - s;
	*cpu = bench_cpu_s() - c;
	if (rc != APP_OK) {
		fprintf(stderr, "bench_disruption: %s\n", err.message);
		return -1;
	}
	json_decref(*last);
	*last = out;
	return t;
}

/* An actor of the borough's police agency with `roles`. */
static struct actor bench_actor(const char *agency, unsigned roles, int64_t now)
{
	struct actor a;
	memset(&a, 0, sizeof a);
	snprintf(a.username, sizeof a.username, "bench.user");
	snprintf(a.display_name, sizeof a.display_name, "Bench User");
	snprintf(a.agency_id, sizeof a.agency_id, "%s", agency);
	snprintf(a.agency_type, sizeof a.agency_type, "police");
	a.roles = roles;
	a.now = now;
	return a;
}

/* Times `runs` summaries as `who` and reports them. */
static int measure(struct db *db, const struct actor *who, const char *bid, int64_t runs,
                   const char *what)
{
	double *lat = malloc((size_t)runs * sizeof *lat), *cpu = malloc((size_t)runs * sizeof *cpu);
	json_t *last = NULL;
	if (!lat || !cpu)
		return 1;
	if (time_summary(db, who, bid, &last, &cpu[0]) < 0) /* warm the statement cache */
		return 1;
	for (int64_t i = 0; i < runs; i++)
		if ((lat[i] = time_summary(db, who, bid, &last, &cpu[i])) < 0)
			return 1;
	json_t *t = json_object_get(last, "tactics"), *a = json_object_get(last, "actions");
	printf("%s: %lld orders, %lld records, %lld options shown, %lld considered, %lld in "
	       "place, %lld not considered, %lld open actions, %lld overdue\n",
	       what, (long long)json_integer_value(json_object_get(last, "orders_total")),
	       (long long)json_integer_value(json_object_get(t, "records")),
	       (long long)json_integer_value(json_object_get(t, "shown")),
	       (long long)json_integer_value(json_object_get(t, "considered")),
	       (long long)json_integer_value(json_object_get(t, "in_place")),
	       (long long)json_integer_value(json_object_get(t, "not_considered")),
	       (long long)json_integer_value(json_object_get(a, "open")),
	       (long long)json_integer_value(json_object_get(a, "overdue")));
	char label[80];
	snprintf(label, sizeof label, "%s, wall", what);
	bench_report(label, 44, lat, (size_t)runs, 20);
	snprintf(label, sizeof label, "%s, CPU", what);
	bench_report(label, 44, cpu, (size_t)runs, 20);
	json_decref(last);
	free(lat);
	free(cpu);
	return 0;
}

int main(int argc, char **argv)
{
	int64_t runs = 200;
	bool keep = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc &&
		         parse_int64(argv[i + 1], 1, 100000, &runs) == 0)
			i++;
		else {
			fprintf(stderr, "usage: bench_disruption [--runs N] [--keep]\n");
			return 2;
		}
	}
	struct bench_db bd;
	if (bench_db_open(&bd, "/tmp/lantern-disruption-XXXXXX", "bench_disruption") != 0)
		return 1;
	int64_t ref;
	ltime_parse("2026-11-01T00:00:00Z", &ref);
	struct rng r, idr;
	rng_seed(&r, 2026);
	rng_seed(&idr, 14);
	static char bid[BOROUGHS][ID_MAX], pol[BOROUGHS][ID_MAX];
	double t0 = bench_now_s();
	for (int b = 0; b < BOROUGHS; b++)
		if (load_borough(bd.db, &r, &idr, b, ref, bid[b], pol[b]) != 0)
			return 1;
	printf("load: %.1f s into %s (%d boroughs, %d records, %d orders, %d checklist marks, "
	       "%d actions)\n",
	       bench_now_s() - t0, bd.path, BOROUGHS, BOROUGHS * RECORDS, BOROUGHS * ORDERS,
	       BOROUGHS * RECORDS * (CURRENT + SUPERSEDED), BOROUGHS * RECORDS * ACTIONS);
	/* the server checkpoints the write-ahead log every second; after loading, so here */
	if (db_checkpoint(bd.db) != DB_OK)
		return fail(bd.db, "checkpoint");
	struct actor analyst = bench_actor(pol[7], ROLE_BIT(ROLE_ANALYST), ref);
	struct actor sup = bench_actor(pol[7], ROLE_BIT(ROLE_POLICE_SUPERVISOR), ref);
	if (measure(bd.db, &analyst, bid[7], runs, "summary as an analyst") != 0 ||
	    measure(bd.db, &sup, bid[7], runs, "summary as a police supervisor") != 0)
		return 1;
	bench_db_close(&bd, keep);
	return 0;
}
