/*
 * record_view.c: reading a child's record (record_view.h): the whole view, kept as
 * text in the view cache between changes, and the chronology alone. Every view is
 * audited before it is returned; a restricted record opens only with a reason, and
 * the opening is logged for review (R-INFO-3).
 */
#include "app/record_view.h"

#include "app/record_common.h"
#include "app/viewcache.h"
#include "protocol/category.h"
#include "protocol/definitions.h"
#include "store/children.h"
#include "store/rows.h"
#include "store/records.h"
#include "util/ltime.h"

/* Parses JSON text stored in a column into a value (null if unparsable). */
static void parse_json_member(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	if (!s)
		return;
	json_t *v = json_loads(s, 0, NULL);
	json_object_set_new(obj, key, v ? v : json_null());
}

/* parse_json_member on every object of arr. */
static void parse_json_members(json_t *arr, const char *key)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) parse_json_member(v, key);
}

/* The age band shown on a record (R-DEF-1, R-DEF-2): facts, never a judgement. */
static json_t *age_view(json_t *child, int64_t now)
{
	const char *dob = json_string_value(json_object_get(child, "date_of_birth"));
	struct lt_date d;
	if (!dob || ltime_parse_date(dob, &d) < 0)
		return json_pack("{s:s, s:s}", "band", "unknown", "facts",
		                 "The date of birth is not known.");
	enum age_band b = def_age_band(d, ltime_date_of(now));
	return json_pack("{s:i, s:s, s:s}", "age", ltime_age_on(d, ltime_date_of(now)), "band",
	                 def_age_band_code(b), "facts", def_age_band_facts(b));
}

/* Builds the whole record view inside an open transaction. */
static json_t *record_view(struct uc *u, const struct record_row *r, int *rc)
{
	json_t *view = store_record_summary(u->db, r->id, rc);
	if (!view)
		return NULL;
	json_t *child = store_child_get(u->db, r->child_id, rc);
	json_t *entries = child ? store_entries(u->db, r->id, rc) : NULL;
	json_t *cats = entries ? store_categories(u->db, r->id, rc) : NULL;
	json_t *flags = cats ? store_flags_history(u->db, r->id, rc) : NULL;
	json_t *outcomes = flags ? store_outcomes(u->db, r->id, rc) : NULL;
	json_t *refs = outcomes ? store_ext_refs(u->db, r->id, rc) : NULL;
	json_t *cls = refs ? store_classifications(u->db, r->id, true, rc) : NULL;
	json_t *reviews = cls ? store_supervisor_reviews(u->db, r->id, rc) : NULL;
	json_t *referrals = reviews ? store_referrals_for_child(u->db, r->child_id, rc) : NULL;
	int erc = DB_OK;
	json_t *steps = referrals ? store_essential_steps_latest(u->db, r->id, &erc) : NULL;
	if (!referrals || (!steps && erc != DB_DONE)) {
		json_t *parts[] = {view,     child, entries, cats,    flags,
		                   outcomes, refs,  cls,     reviews, referrals};
		for (size_t i = 0; i < ARRAY_LEN(parts); i++)
			json_decref(parts[i]);
		if (!steps && erc != DB_DONE)
			*rc = erc;
		return NULL;
	}
	parse_json_members(entries, "people_involved");
	parse_json_members(cats, "indicators");
	parse_json_members(reviews, "items");
	if (steps)
		parse_json_member(steps, "steps");
	json_t *current = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(flags, i, f)
	{
		if (json_is_null(json_object_get(f, "cleared_at")))
			json_array_append_new(current, json_string(json_string_value(
			                                       json_object_get(f, "flag"))));
	}
	json_t *types = json_array(), *models = json_array();
	json_array_foreach(cls, i, f)
	{
		const char *k = json_string_value(json_object_get(f, "kind"));
		json_array_append_new(strcmp(k, "type") == 0 ? types : models,
		                      json_string(json_string_value(json_object_get(f, "code"))));
	}
	json_decref(cls);
	int cat = r->category;
	json_object_set_new(view, "category", cat ? json_integer(cat) : json_null());
	json_object_set_new(view, "category_description",
	                    cat ? json_string(category_description(cat)) : json_null());
	/* R-CAT-7: the reminder stays on every record */
	json_object_set_new(view, "category_reminder", json_string(category_low_reminder()));
	json_object_set_new(view, "age", age_view(child, u->now));
	json_object_set_new(view, "child", child);
	json_object_set_new(view, "flags", current);
	json_object_set_new(view, "flag_history", flags);
	json_object_set_new(view, "outcomes", outcomes);
	json_object_set_new(view, "external_refs", refs);
	json_object_set_new(view, "exploitation_types", types);
	json_object_set_new(view, "models", models);
	json_object_set_new(view, "category_history", cats);
	json_object_set_new(view, "chronology", entries);
	json_object_set_new(view, "supervisor_reviews", reviews);
	json_object_set_new(view, "essential_steps", steps ? steps : json_null());
	json_object_set_new(view, "referrals", referrals);
	static const char *const bools[] = {"online",     "group_responsible", "gang_responsible",
	                                    "restricted", "is_demo",           NULL};
	rows_bools(view, bools);
	return view;
}

/* The record's view as JSON text: from the view cache when nothing it shows has changed
 * since it was built (viewcache.h), else built now and kept. Inside the read
 * transaction that read r, so the counters in r describe exactly this view. */
static struct view_text *record_view_text(struct uc *u, const struct record_row *r, int *rc)
{
	struct lt_date d = ltime_date_of(u->now);
	struct view_key k = {.scope = db_scope(u->db),
	                     .id = r->id,
	                     .version = r->view_version,
	                     .epoch = r->view_epoch,
	                     .day = d.y * 10000 + d.m * 100 + d.d};
	struct view_text *t = viewcache_get(&k);
	if (t)
		return t;
	json_t *v = record_view(u, r, rc);
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	t = s ? view_text_new(s, strlen(s)) : NULL;
	free(s);
	if (!t) {
		*rc = DB_E_NOMEM;
		return NULL;
	}
	viewcache_put(&k, t);
	return t;
}

/* The first half of a view: reads, authorises and builds (or finds) the view's text in
 * a read transaction. On success *t holds it and r the record. */
static int record_view_open(struct uc *u, const char *ref, struct record_row *r,
                            struct view_text **t)
{
	*t = NULL;
	/* The record is read in a read transaction, beside writers; the view's audit event
	 * (and a break-glass opening) is then written before the view is returned, so
	 * nothing is shown that was not logged, and the write lock is held only for the
	 * log (decisions.md). */
	int rc = db_begin_read(u->db);
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	int arc = load_record(u, ref, r); /* the gate: may note a restricted opening */
	if (arc == APP_OK) {
		*t = record_view_text(u, r, &rc);
		if (!*t)
			arc = app_db_fail(u->err, u->db, rc);
	}
	db_rollback(u->db); /* read only: nothing to keep */
	if (arc != APP_OK)
		uc_audit_after(u);
	return arc;
}

/* R-INFO-3: a restricted record's opening (noted by the gate) is logged for review
 * with the view's event, in one transaction. */
static int restricted_view_log(struct uc *u, const struct record_row *r)
{
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	return uc_finish(u, APP_OK, r, "view", "record", r->id, "all", NULL);
}

/* A record view, logged before it is returned: with done NULL, the event commits before
 * this returns; else where a view log can take it, done(ctx, rc) says when it has. */
static int record_view_run(struct db *db, const struct actor *who, const char *ref,
                           struct view_text **out, bool *pending, void (*done)(void *ctx, int rc),
                           void *ctx, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	*pending = false;
	struct record_row r;
	struct view_text *t;
	int arc = record_view_open(&u, ref, &r, &t);
	if (arc != APP_OK)
		return arc;
	if (u.opening[0]) {
		arc = restricted_view_log(&u, &r);
	} else {
		struct actor at = *who; /* the use case's clock, as uc_audit */
		at.now = u.now;
		int rc = done ? app_audit_submit(db, &at, "view", "record", r.id, r.reference,
		                                 "all", done, ctx)
		              : DB_E_MISUSE;
		*pending = rc == DB_OK;
		if (rc == DB_E_MISUSE) /* wait for it here */
			rc = app_audit_shared(db, &at, "view", "record", r.id, r.reference, "all");
		arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	}
	if (arc != APP_OK) {
		view_text_release(t);
		return arc;
	}
	*out = t;
	return APP_OK;
}

int app_record_view(struct db *db, const struct actor *who, const char *ref, struct view_text **out,
                    struct app_err *err)
{
	bool pending;
	return record_view_run(db, who, ref, out, &pending, NULL, NULL, err);
}

int app_record_view_async(struct db *db, const struct actor *who, const char *ref,
                          struct view_text **out, bool *pending, void (*done)(void *ctx, int rc),
                          void *ctx, struct app_err *err)
{
	return record_view_run(db, who, ref, out, pending, done, ctx, err);
}

int app_record_get(struct db *db, const struct actor *who, const char *ref, json_t *in,
                   json_t **out, struct app_err *err)
{
	*out = NULL;
	struct view_text *t;
	int rc = app_record_view(db, who, ref, &t, err);
	if (rc != APP_OK)
		return rc;
	*out = json_loadb(t->text, t->len, 0, NULL);
	view_text_release(t);
	return *out ? APP_OK : app_fail(err, APP_FAILED, NULL, "The record could not be read.");
}

int app_record_chronology(struct db *db, const struct actor *who, const char *ref, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	int rc;
	json_t *entries = store_entries(db, r.id, &rc);
	int arc = entries ? APP_OK : app_db_fail(err, db, rc);
	if (entries) {
		parse_json_members(entries, "people_involved");
		*out = json_pack("{s:s, s:o}", "record_ref", r.reference, "entries", entries);
	}
	return uc_finish(&u, arc, &r, "view", "record", r.id, "chronology", out);
}
