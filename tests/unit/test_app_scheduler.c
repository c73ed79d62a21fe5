/* test_app_scheduler.c: the server's deadline scheduler escalates an absent episode once
 * the managed timeframe has passed, on its own connection (R-MISS-4, R-DL-2). */
#include <setjmp.h>
#include <cmocka.h>
#include <time.h>
#include <unistd.h>

#include "app/children.h"
#include "app/episodes.h"
#include "app/scheduler.h"
#include "store/migrate.h"
#include "util/embedded.h"
#include "util/ltime.h"

static void test_R_DL_2_scheduler_escalates_absent_episode(void **state)
{
	char dir[] = "/tmp/lantern-sched-XXXXXX", url[128], path[96], msg[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	struct db *db;
	assert_int_equal(db_open(url, true, &db, msg, sizeof msg), DB_OK);
	assert_int_equal(migrate_run(db, embedded_migrations, NULL, msg, sizeof msg), 0);

	struct actor sys;
	actor_system(&sys);
	int64_t now = ltime_now();
	/* a 14-year-old with no record and no risk group: absent is allowed (R-MISS-1..3) */
	struct lt_date dob = ltime_date_of(now - (int64_t)14 * 366 * 86400);
	char dobs[LT_DATE_LEN];
	ltime_format_date(dob, dobs);
	json_t *c = json_pack("{s:s, s:s, s:s, s:b}", "given_names", "Winifred", "family_name",
	                      "Demo-Larkspur", "date_of_birth", dobs, "confirm_new", 1);
	json_t *out = NULL;
	struct app_err err = {0};
	assert_int_equal(app_child_add(db, &sys, NULL, c, &out, &err), APP_OK);
	char child[ID_MAX];
	snprintf(child, sizeof child, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(c);
	json_decref(out);

	char at[LT_TIME_LEN];
	ltime_format(now - 7 * 3600, at); /* reported 7 hours ago */
	sys.now = now - 7 * 3600 + 60;
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "child_id", child, "missing_from",
	                       "home", "classification", "absent", "reported_at", at,
	                       "last_seen_where", "Demo Street bus stop");
	memset(&err, 0, sizeof err);
	int rc = app_episode_report(db, &sys, NULL, in, &out, &err);
	if (rc != APP_OK)
		fail_msg("report refused: %s", err.message);
	json_decref(in);
	json_decref(out);

	struct scheduler *s;
	assert_int_equal(scheduler_start(url, 1, 6 * 3600, &s, msg, sizeof msg), 0);
	char cls[16] = "";
	for (int i = 0; i < 50; i++) { /* up to 5 s */
		db_query_text(db, cls, sizeof cls, "SELECT classification FROM episodes", "");
		if (strcmp(cls, "missing") == 0)
			break;
		usleep(100 * 1000);
	}
	scheduler_stop(s);
	assert_string_equal(cls, "missing");
	char reason[200] = "";
	assert_int_equal(
	        db_query_text(db, reason, sizeof reason,
	                      "SELECT reason FROM episode_changes ORDER BY rowid DESC LIMIT 1", ""),
	        DB_OK);
	assert_non_null(strstr(reason, "timeframe"));
	db_close(db);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_R_DL_2_scheduler_escalates_absent_episode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
