/* work.c: the work queue (see work.h). */
#include "app/work.h"

#include "app/gate.h"
#include "app/mash.h"
#include "app/episode_deadlines.h"
#include "app/mase.h"
#include "app/outcome_reviews.h"
#include "app/plans.h"
#include "app/uc.h"
#include "protocol/deadlines.h"
#include "protocol/info.h"
#include "protocol/missing.h"
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

/* R-PATH-3, R-DL-9: each referral waiting for the MASH with its decision clock. */
static void mash_clocks(json_t *list, int64_t now)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(list, "items"), i, it)
	{
		json_t *c = mash_clock_json(json_string_value(json_object_get(it, "submitted_at")),
		                            now);
		if (c)
			json_object_update(it, c);
		json_decref(c);
	}
}

void app_duration_words(int64_t secs, char *out, size_t n)
{
	if (secs < 60) {
		snprintf(out, n, "less than a minute");
		return;
	}
	int64_t d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;
	if (d && h)
		snprintf(out, n, "%lld day%s %lld hour%s", (long long)d, d == 1 ? "" : "s",
		         (long long)h, h == 1 ? "" : "s");
	else if (d)
		snprintf(out, n, "%lld day%s", (long long)d, d == 1 ? "" : "s");
	else if (h && m)
		snprintf(out, n, "%lld hour%s %lld minute%s", (long long)h, h == 1 ? "" : "s",
		         (long long)m, m == 1 ? "" : "s");
	else if (h)
		snprintf(out, n, "%lld hour%s", (long long)h, h == 1 ? "" : "s");
	else
		snprintf(out, n, "%lld minute%s", (long long)m, m == 1 ? "" : "s");
}

/* The label of a missing episode's risk level (R-MISS-5), "Risk not yet assessed". */
static const char *risk_label(const char *level)
{
	enum miss_risk r;
	if (!level)
		return "Risk not yet assessed";
	return missing_risk_parse(level, &r, NULL) == 0 ? missing_risk_label(r) : level;
}

void work_missing_decorate(json_t *list, int64_t now)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(list, "items"), i, it)
	{
		const char *since = json_string_value(json_object_get(it, "last_seen_at"));
		if (!since)
			since = json_string_value(json_object_get(it, "reported_at"));
		int64_t t = now;
		if (since && ltime_parse(since, &t) < 0)
			t = now;
		char words[64];
		app_duration_words(now - t, words, sizeof words);
		json_object_set_new(it, "missing_seconds", json_integer(now - t));
		json_object_set_new(it, "missing_for", json_string(words));
		json_object_set_new(it, "missing_since", json_string(since ? since : ""));
		json_object_set_new(it, "risk_label",
		                    json_string(risk_label(
		                            json_string_value(json_object_get(it, "risk_level")))));
	}
}

/* What an item is about: its episode, subject, record reference or id. */
static const char *item_subject(json_t *it)
{
	static const char *const keys[] = {"episode_id", "subject_id", "reference", "id"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		const char *s = json_string_value(json_object_get(it, keys[i]));
		if (s)
			return s;
	}
	return NULL;
}

/* An item's identity across sections: what it is about and its kind. */
static void item_key(json_t *it, char *out, size_t n)
{
	const char *subj = item_subject(it);
	const char *kind = json_string_value(json_object_get(it, "kind"));
	snprintf(out, n, "%s|%s", kind ? kind : "", subj ? subj : "");
}

/* An overdue item as the protocol's queue sees it (struct dl_item), with its JSON. */
struct queued {
	struct dl_item it;
	json_t *v;
};

static int queued_cmp(const void *a, const void *b)
{
	return dl_item_cmp(&((const struct queued *)a)->it, &((const struct queued *)b)->it);
}

/* R-DL-9: appends the items of `moved` to `out` in work queue order (dl_item_cmp: most
 * overdue first; ties by rule, kind and subject). A kind outside the deadline table (the
 * MASH's decision, R-PATH-3) is compared by the code and rule the item carries. */
static void queue_in_order(json_t *moved, int64_t now, json_t *out)
{
	size_t n = json_array_size(moved);
	struct queued *q = n ? calloc(n, sizeof *q) : NULL;
	struct dl_kind *kinds = n ? calloc(n, sizeof *kinds) : NULL; /* not moved by qsort */
	if (!q || !kinds) { /* left in section order: the order is presentation */
		json_array_extend(out, moved);
		free(q);
		free(kinds);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(moved, i);
		const char *code = json_string_value(json_object_get(v, "kind"));
		const struct dl_kind *k = code ? dl_kind_find(code) : NULL;
		if (!k) {
			kinds[i].code = code;
			kinds[i].rule = json_string_value(json_object_get(v, "rule"));
			k = &kinds[i];
		}
		q[i].it = (struct dl_item){
		        .kind = k,
		        .subject_id = item_subject(v),
		        .due = now + json_integer_value(json_object_get(v, "seconds_left"))};
		q[i].v = v;
	}
	qsort(q, n, sizeof *q, queued_cmp);
	for (size_t i = 0; i < n; i++)
		json_array_append(out, q[i].v);
	free(q);
	free(kinds);
}

/* R-DL-9: the first page of my work shows what is urgent first and nothing twice:
 * overdue items leave their sections for one "Overdue" section (most overdue first);
 * an item listed by two sections (a deadline in the owner's and the supervisor's
 * sections) stays in the first; sections emptied so disappear; the MASH's referrals
 * still in time are listed newest first. */
static void urgent_first(json_t *sections, int64_t now)
{
	json_t *over = json_pack("{s:s, s:s, s:i, s:[]}", "key", "overdue", "title",
	                         "Overdue: past their deadline", "count", 0, "items");
	json_t *seen = json_object();
	json_t *moved = json_array();
	size_t i, j;
	json_t *sec, *it;
	json_array_foreach(sections, i, sec)
	{
		const char *key = json_string_value(json_object_get(sec, "key"));
		if (key && strcmp(key, "missing_now") == 0)
			continue;
		json_t *items = json_object_get(sec, "items");
		json_t *keep = json_array();
		json_int_t count = json_integer_value(json_object_get(sec, "count"));
		json_array_foreach(items, j, it)
		{
			char k[160];
			item_key(it, k, sizeof k);
			if (json_object_get(seen, k)) {
				count--;
				continue;
			}
			json_object_set_new(seen, k, json_true());
			json_t *left = json_object_get(it, "seconds_left");
			if (json_is_integer(left) && json_integer_value(left) <= 0) {
				json_object_set_new(it, "from_title",
				                    json_string(json_string_value(
				                            json_object_get(sec, "title"))));
				json_array_append(moved, it);
				count--;
				continue;
			}
			json_array_append(keep, it);
		}
		if (key && strcmp(key, "referrals_mash") == 0) { /* newest first */
			size_t n = json_array_size(keep);
			for (size_t a = 0, b = n ? n - 1 : 0; n && a < b; a++, b--) {
				json_t *x = json_incref(json_array_get(keep, a));
				json_array_set(keep, a, json_array_get(keep, b));
				json_array_set_new(keep, b, x);
			}
		}
		json_object_set_new(sec, "items", keep);
		json_object_set_new(sec, "count", json_integer(count < 0 ? 0 : count));
	}
	json_t *oitems = json_object_get(over, "items");
	queue_in_order(moved, now, oitems);
	json_object_set_new(over, "count", json_integer((json_int_t)json_array_size(oitems)));
	json_decref(moved);
	json_decref(seen);
	/* drop the supervisor sections the move emptied */
	for (i = json_array_size(sections); i-- > 0;) {
		sec = json_array_get(sections, i);
		const char *key = json_string_value(json_object_get(sec, "key"));
		size_t kl = key ? strlen(key) : 0;
		if (kl > 8 && strcmp(key + kl - 8, "_overdue") == 0 &&
		    json_integer_value(json_object_get(sec, "count")) == 0)
			json_array_remove(sections, i);
	}
	/* after "Missing now" when there is one, else first */
	size_t at =
	        json_array_size(sections) && strcmp(json_string_value(json_object_get(
	                                                    json_array_get(sections, 0), "key")),
	                                            "missing_now") == 0
	                ? 1
	                : 0;
	if (json_array_size(oitems))
		json_array_insert(sections, at, over);
	json_decref(over);
}

/* Sections whose lists come from a query that pages (the others list their first
 * QUEUE_LIMIT items only). */
static const char *const PAGED[] = {
        "missing_now", "referrals_mash", "referrals_set",     "awaiting_review",   "uncategorised",
        "my_children", "allocated_set",  "allocated_borough", "steps_outstanding", NULL};

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
	/* one section's page N (GET /work/{key}?page=N): the first N pages are read */
	const char *only = id && *id ? id : NULL;
	json_int_t page = json_integer_value(json_object_get(in, "page"));
	if (page < 1)
		page = 1;
	if (page > WORK_MAX_PAGES)
		page = WORK_MAX_PAGES;
	int lim = QUEUE_LIMIT * (int)page;
	if (scope != ACCESS_NONE) { /* R-MISS-5: who is missing now, highest risk first */
		json_t *mn = store_work_missing_now(db, vr, lim, 0, &rc);
		work_missing_decorate(mn, app_now(who));
		r = section(s, "missing_now", "Missing now", mn, rc);
	}
	if (r == DB_OK && app_may_evaluate_referral(who)) {
		json_t *mash = store_work_referrals(db, "mash", vr, lim, &rc);
		mash_clocks(mash, app_now(who)); /* R-PATH-3: one working day from receipt */
		r = section(s, "referrals_mash", "Referrals waiting for MASH evaluation", mash, rc);
	}
	if (r == DB_OK && (who->system || actor_has(who, ROLE_BIT(ROLE_ASSESSMENT_TEAM))))
		r = section(s, "referrals_set", "Referrals waiting at the SET referral desk",
		            store_work_referrals(db, "social_worker_and_set,police_pathway", vr,
		                                 lim, &rc),
		            rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_POLICE_SUPERVISOR)))
		r = section(s, "awaiting_review", "Records awaiting your supervisor review",
		            store_work_awaiting_review(
		                    db, who->agency_id[0] ? who->agency_id : NULL, lim, &rc),
		            rc);
	if (r == DB_OK && scope != ACCESS_NONE)
		r = section(s, "uncategorised", "Records awaiting a category decision",
		            store_work_uncategorised(db, vr, lim, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_SOCIAL_WORKER)))
		r = section(s, "my_children", "Children allocated to you",
		            store_work_my_children(db, who->user_id, lim, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLE_BIT(ROLE_ASSESSMENT_TEAM)))
		r = section(s, "allocated_set", "Records allocated to the Sexual Exploitation Team",
		            store_work_allocated(db, "set", NULL, vr, lim, &rc), rc);
	if (r == DB_OK && actor_has(who, ROLES_POLICE) && who->borough_id[0])
		r = section(s, "allocated_borough", "Records allocated to your borough",
		            store_work_allocated(db, "borough", who->borough_id, vr, lim, &rc), rc);
	if (r == DB_OK && scope != ACCESS_NONE)
		r = section(s, "steps_outstanding", "Records with essential steps outstanding",
		            store_work_steps_outstanding(db, vr, lim, &rc), rc);
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
	size_t i;
	json_t *v;
	if (only) {
		json_t *sec = NULL;
		json_array_foreach(s, i, v) if (strcmp(json_string_value(json_object_get(v, "key")),
		                                       only) == 0) sec = v;
		if (!sec || !uc_one_of(only, PAGED)) {
			json_decref(s);
			return app_fail(err, APP_NOT_FOUND, NULL, "No such list in your work.");
		}
		json_t *items = json_object_get(sec, "items");
		json_t *slice = json_array();
		for (size_t k = (size_t)(page - 1) * QUEUE_LIMIT;
		     k < json_array_size(items) && k < (size_t)page * QUEUE_LIMIT; k++)
			json_array_append(slice, json_array_get(items, k));
		json_object_set_new(sec, "items", slice);
		json_int_t count = json_integer_value(json_object_get(sec, "count"));
		json_int_t pages = (count + QUEUE_LIMIT - 1) / QUEUE_LIMIT;
		*out = json_pack("{s:O, s:I, s:I, s:i}", "section", sec, "page", page, "pages",
		                 pages < 1 ? 1 : pages, "per_page", QUEUE_LIMIT);
		json_decref(s);
		return APP_OK;
	}
	urgent_first(s, app_now(who));
	json_int_t total = 0;
	json_array_foreach(s, i, v)
	{
		total += json_integer_value(json_object_get(v, "count"));
		json_object_set_new(v, "paged",
		                    json_boolean(uc_one_of(
		                            json_string_value(json_object_get(v, "key")), PAGED)));
	}
	*out = json_pack("{s:o, s:I}", "sections", s, "total", total);
	return APP_OK;
}

int app_missing_now(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	(void)id;
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	if (!app_may_see_children(who)) {
		uc_refuse(&u, "missing_now", NULL, NULL, "a role that sees no child (R-INFO-3)");
		return uc_end(&u,
		              app_fail(err, APP_FORBIDDEN, "R-INFO-3",
		                       "Your role does not see children's records (R-INFO-3)."),
		              out);
	}
	json_int_t page = json_integer_value(json_object_get(in, "page"));
	if (page < 1)
		page = 1;
	if (page > 10000)
		page = 10000;
	struct store_viewer v; /* R-INFO-3: the same rule as the record page */
	access_viewer(who, u.now, &v);
	int rc;
	json_t *list =
	        store_work_missing_now(db, &v, QUEUE_LIMIT, (int)((page - 1) * QUEUE_LIMIT), &rc);
	if (!list)
		return uc_end(&u, rc, out);
	work_missing_decorate(list, u.now);
	json_int_t count = json_integer_value(json_object_get(list, "count"));
	json_int_t pages = (count + QUEUE_LIMIT - 1) / QUEUE_LIMIT;
	json_object_set_new(list, "page", json_integer(page));
	json_object_set_new(list, "pages", json_integer(pages < 1 ? 1 : pages));
	json_object_set_new(list, "per_page", json_integer(QUEUE_LIMIT));
	char fields[64];
	snprintf(fields, sizeof fields, "page=%lld", (long long)page);
	rc = uc_audit(&u, "view", "missing_now", NULL, NULL, fields);
	if (rc != DB_OK) {
		json_decref(list);
		return uc_end(&u, rc, out);
	}
	*out = list;
	return uc_end(&u, APP_OK, out);
}

bool app_may_see_children(const struct actor *who)
{
	return who && (who->system || actor_scope(who) != ACCESS_NONE);
}
