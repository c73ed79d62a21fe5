/* work.c: the work queue (see work.h). */
#include "app/work.h"

#include "app/gate.h"
#include "app/episode_deadlines.h"
#include "app/mase.h"
#include "app/outcome_reviews.h"
#include "app/plans.h"
#include "protocol/info.h"
#include "store/records.h"
#include "store/work.h"

#define QUEUE_LIMIT 25

/* Appends a section when the query succeeded; returns the DB code. */
static int section(json_t *sections, const char *key, const char *title, json_t *list, int rc)
{
	if (!list)
		return rc;
	json_object_set_new(list, "key", json_string(key));
	json_object_set_new(list, "title", json_string(title));
	json_array_append_new(sections, list);
	return DB_OK;
}

int app_work_queue(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	int rc = db_begin(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	json_t *s = json_array();
	enum access_scope scope = actor_scope(who);
	struct store_viewer vw, *vr = &vw; /* R-INFO-3: the same rule as the record page */
	access_viewer(who, app_now(who), vr);
	int r = DB_OK;
	if (r == DB_OK && (who->system || actor_has(who, ROLE_BIT(ROLE_MASH_WORKER))))
		r = section(s, "referrals_mash", "Referrals waiting for MASH evaluation",
		            store_work_referrals(db, "mash", vr, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK && (who->system || actor_has(who, ROLE_BIT(ROLE_ASSESSMENT_TEAM))))
		r = section(s, "referrals_set", "Referrals waiting at the SET referral desk",
		            store_work_referrals(db, "social_worker_and_set,police_pathway", vr,
		                                 QUEUE_LIMIT, &rc),
		            rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_POLICE_SUPERVISOR)))
		r = section(s, "awaiting_review", "Records awaiting your supervisor review",
		            store_work_awaiting_review(db,
		                                       who->agency_id[0] ? who->agency_id : NULL,
		                                       QUEUE_LIMIT, &rc),
		            rc);
	if (r == DB_OK && scope != ACCESS_NONE)
		r = section(s, "uncategorised", "Records awaiting a category decision",
		            store_work_uncategorised(db, vr, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_SOCIAL_WORKER)))
		r = section(s, "my_children", "Children allocated to you",
		            store_work_my_children(db, who->user_id, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_ASSESSMENT_TEAM)))
		r = section(s, "allocated_set", "Records allocated to the Sexual Exploitation Team",
		            store_work_allocated(db, "set", NULL, vr, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLES_POLICE) && who->borough_id[0])
		r = section(
		        s, "allocated_borough", "Records allocated to your borough",
		        store_work_allocated(db, "borough", who->borough_id, vr, QUEUE_LIMIT, &rc),
		        rc);
	if (r == DB_OK && scope != ACCESS_NONE)
		r = section(s, "steps_outstanding", "Records with essential steps outstanding",
		            store_work_steps_outstanding(db, vr, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK && (who->system || actor_has(who, ACCESS_ROLES_GRANT_DECIDER))) {
		json_t *pend = store_access_grants_pending(db, QUEUE_LIMIT, &rc); /* R-INFO-3 */
		r = section(s, "access_requests", "Requests to see a child's record",
		            pend ? json_pack("{s:I, s:o}", "count",
		                             (json_int_t)json_array_size(pend), "items", pend)
		                 : NULL,
		            rc);
	}
	if (r == DB_OK && (who->system || info_may_restrict(who->roles))) /* R-INFO-3 */
		r = section(s, "restricted_review", "Restricted records opened, awaiting review",
		            store_restricted_access_unreviewed(db, QUEUE_LIMIT, &rc), rc);
	if (r == DB_OK) /* R-DL-1, R-DL-2, R-DL-9: missing-episode deadlines */
		r = episode_deadline_sections(db, who, app_now(who), s);
	if (r == DB_OK) /* R-DL-4, R-DL-5, R-DL-6, R-DL-9: actions, orders, NRM periods */
		r = disruption_deadline_sections(db, who, app_now(who), s);
	if (r == DB_OK) /* R-DL-5: the next multi-agency meeting due */
		r = mase_deadline_sections(db, who, app_now(who), s);
	if (r == DB_OK) /* R-DL-8: outcome reviews */
		r = outcome_deadline_sections(db, who, app_now(who), s);
	if (r == DB_OK)
		r = app_audit(db, who, "view", "work_queue", NULL, NULL, "summary");
	if (r == DB_OK)
		r = db_commit(db);
	if (r != DB_OK) {
		db_rollback(db);
		json_decref(s);
		return app_db_fail(err, db, r);
	}
	json_int_t total = 0;
	size_t i;
	json_t *v;
	json_array_foreach(s, i, v) total += json_integer_value(json_object_get(v, "count"));
	*out = json_pack("{s:o, s:I}", "sections", s, "total", total);
	return APP_OK;
}
