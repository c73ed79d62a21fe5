/* store/demo.c: demo-data markers (see demo.h). */
#include "store/demo.h"

int store_demo_mark_all(struct db *db)
{
	static const char *const sql[] = {
	        "UPDATE children SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE records SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE referrals SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE record_entries SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE episodes SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE disruptions SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE tactic_marks SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE plan_actions SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE cj_cases SET is_demo = 1 WHERE is_demo = 0",
	        "UPDATE nrm_referrals SET is_demo = 1 WHERE is_demo = 0",
	};
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < ARRAY_LEN(sql); i++)
		rc = db_run(db, sql[i], "");
	return rc;
}

int store_children_count(struct db *db, int64_t *n)
{
	return db_query_int64(db, n, "SELECT count(*) FROM children", "");
}
