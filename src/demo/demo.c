/*
 * demo.c: the synthetic demo partnership (see demo.h). Three steps: set up boroughs,
 * agencies and users (setup.c); plan every child's story as a list of dated events
 * (referrals, category decisions, reviews, essential steps, notes, corrections,
 * outcomes, references, repeat referrals; plan.c) and their missing episodes
 * (missing.c); then sort the events by time and play them through the use cases with
 * each actor's clock set to the event's time, so that the audit log reads in time
 * order (play.c). The generator draws from two seeded streams: one for IDs
 * (id_use_rng) and one for content.
 *
 * The shapes follow DESIGN.md's data section loosely: most referrals carry warning
 * signs, police refer about a third, repeat referrals are more common for children in
 * care, and some work is left undone (records awaiting a category decision, police
 * records awaiting the supervisor review, essential steps outstanding) so that work
 * queues have something in them.
 */
#include "demo/demo.h"

#include "audit/audit.h"
#include "demo/demo_internal.h"
#include "demo/networks.h"
#include "store/demo.h"
#include "store/users.h"

/* Records a failed use case in g->err (keeping its code) with what was being done. */
int demo_fail(struct gen *g, int rc, const char *what)
{
	char msg[1024];
	snprintf(msg, sizeof msg, "demo: %s failed: %s%s%s%s", what, g->err->message,
	         g->err->nfields ? " " : "", g->err->nfields ? g->err->fields[0].field : "",
	         g->err->nfields ? ": " : "");
	size_t len = strlen(msg);
	if (g->err->nfields && len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, "%s", g->err->fields[0].message);
	size_t keep = strnlen(msg, sizeof g->err->message - 1);
	memcpy(g->err->message, msg, keep);
	g->err->message[keep] = '\0';
	g->err->code = rc != APP_OK && app_rc_valid(rc) ? rc : APP_FAILED;
	return g->err->code;
}

/* Marks the data as synthetic (meta demo=1, is_demo on rows), audited. */
static int mark_demo(struct gen *g)
{
	int rc = db_begin(g->db);
	if (rc == DB_OK)
		rc = store_meta_set(g->db, "demo", "1");
	if (rc == DB_OK)
		rc = store_demo_mark_all(g->db);
	if (rc == DB_OK) {
		struct audit_event ev = {.action = "change",
		                         .entity_type = "database",
		                         .fields = "demo",
		                         .purpose = "synthetic demo data",
		                         .at = g->ref - HOUR + 1};
		rc = audit_append(g->db, &ev);
	}
	if (rc == DB_OK)
		rc = db_commit(g->db);
	if (rc != DB_OK) {
		db_rollback(g->db);
		return app_db_fail(g->err, g->db, rc);
	}
	return APP_OK;
}

int app_demo_generate(struct db *db, const struct demo_opts *opts, json_t **out,
                      struct app_err *err)
{
	app_err_clear(err);
	*out = NULL;
	if (opts->boroughs < 1 || opts->boroughs > DEMO_MAX_BOROUGHS)
		return app_fail(err, APP_INVALID, NULL, "demo: boroughs must be 1 to %d.",
		                DEMO_MAX_BOROUGHS);
	if (opts->children < 1 || opts->children > DEMO_MAX_CHILDREN)
		return app_fail(err, APP_INVALID, NULL, "demo: children must be 1 to %d.",
		                DEMO_MAX_CHILDREN);
	int64_t n = 0;
	int rc = store_children_count(db, &n);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	if (n > 0)
		return app_fail(err, APP_CONFLICT, NULL,
		                "demo: this database already holds %lld children; generate demo "
		                "data only into a new, empty database.",
		                (long long)n);
	struct gen g = {.db = db, .err = err, .nb = opts->boroughs};
	g.ref = opts->reference ? opts->reference : ltime_now() / DAY * DAY;
	rng_seed(&g.r, opts->seed);
	struct rng idr;
	rng_seed(&idr, opts->seed ^ UINT64_C(0x9e3779b97f4a7c15));
	id_use_rng(&idr);
	actor_system(&g.sys);
	/* the partnership is set up a month before the timeline starts */
	g.sys.now = g.ref - 760 * DAY;
	g.logins = json_array();
	g.nkids = opts->children;
	g.kids = calloc((size_t)g.nkids, sizeof *g.kids);
	rc = g.kids ? APP_OK : app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	if (rc == APP_OK)
		rc = demo_setup(&g);
	if (rc == APP_OK)
		rc = demo_plan(&g, g.nkids);
	if (rc == APP_OK && demo_plan_missing(&g) != 0)
		rc = app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	if (rc == APP_OK)
		rc = demo_play(&g);
	if (rc == APP_OK)
		rc = demo_disruption(&g);
	if (rc == APP_OK)
		rc = demo_details(&g);
	/* people of concern, places, links and networks */
	if (rc == APP_OK)
		rc = demo_networks(&g);

	/* MASE meetings and outcomes */
	if (rc == APP_OK)
		rc = demo_mase(&g);

	if (rc == APP_OK)
		rc = mark_demo(&g);
	id_use_rng(NULL);
	if (rc == APP_OK) {
		json_t *names = json_array();
		for (int b = 0; b < g.nb; b++)
			json_array_append_new(names, json_string(DEMO_BOROUGHS[b].name));
		*out = json_pack(
		        "{s:o, s:O, s:s, s:{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
		        "s:i, s:i, s:i, s:i, s:i}}",
		        "boroughs", names, "logins", g.logins, "password", DEMO_PASSWORD, "counts",
		        "children", g.nkids, "users", (int)json_array_size(g.logins), "referrals",
		        g.counts[N_REFERRALS], "repeat_referrals", g.counts[N_REPEATS], "records",
		        g.counts[N_RECORDS], "category_decisions", g.counts[N_CATEGORIES],
		        "supervisor_reviews", g.counts[N_REVIEWS], "essential_steps",
		        g.counts[N_STEPS], "chronology_notes", g.counts[N_NOTES], "corrections",
		        g.counts[N_CORRECTIONS], "outcomes", g.counts[N_OUTCOMES], "external_refs",
		        g.counts[N_REFS], "classifications", g.counts[N_CLASSIFY],
		        "missing_episodes", g.counts[N_EPISODES], "escalations",
		        g.counts[N_ESCALATIONS], "return_interviews", g.counts[N_INTERVIEWS]);
		if (!*out)
			rc = app_fail(err, APP_FAILED, NULL, "demo: out of memory");
	}
	for (int i = 0; g.kids && i < g.nkids; i++)
		json_decref(g.kids[i].details);
	free(g.kids);
	free(g.evs);
	free(g.meps);
	json_decref(g.logins);
	return rc;
}
