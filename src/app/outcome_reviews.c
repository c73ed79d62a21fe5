/*
 * outcome_reviews.c: reviews of a child's outcomes (see outcome_reviews.h). The review
 * is checked by outc_review_validate, distance travelled by outc_distance and the next
 * review's date by outc_next_review (the deadline engine's "outcome_review").
 */
#include "app/outcome_reviews.h"

#include "app/concern.h"
#include "app/gate.h"
#include "protocol/access.h"
#include "protocol/deadlines.h"
#include "protocol/outcomes.h"
#include "report/barchart.h"
#include "store/outcome_reviews.h"
#include "store/records.h"
#include "util/buf.h"

/* Loads record `ref` and passes the gate. */
static int record_load(struct uc *u, const char *ref, struct record_row *r)
{
	int src = ref ? store_record_get(u->db, ref, r) : DB_DONE;
	if (src != DB_ROW)
		return src == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such record.")
		                      : uc_db(u, src);
	return access_gate(u, r->child_id, "record", r->id, r->reference, "No such record.");
}

/* A stored review row as the protocol's facts (strings point into row). */
static void review_of(json_t *row, struct outc_review *rv)
{
	memset(rv, 0, sizeof *rv);
	ltime_parse(json_string_value(json_object_get(row, "reviewed_at")), &rv->reviewed_at);
	rv->reviewer_id = json_string_value(json_object_get(row, "reviewer_name"));
	json_t *s = json_object_get(row, "scores"), *n = json_object_get(row, "notes");
	for (int o = 0; o < CHILD_OUTCOME_COUNT; o++) {
		const char *code = child_outcome_code((enum child_outcome)o);
		rv->score[o] = (int)json_integer_value(json_object_get(s, code));
		rv->note[o] = json_string_value(json_object_get(n, code));
	}
}

static int view(struct uc *u, const struct record_row *r, json_t **out)
{
	int src;
	json_t *rows = store_outcome_reviews(u->db, r->id, &src);
	if (!rows)
		return uc_db(u, src);
	size_t i, n = json_array_size(rows);
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		json_t *s = json_loads(json_string_value(json_object_get(row, "scores")), 0, NULL);
		json_t *no = json_loads(json_string_value(json_object_get(row, "notes")), 0, NULL);
		json_object_set_new(row, "scores", s ? s : json_object());
		json_object_set_new(row, "notes", no ? no : json_object());
		int64_t t = 0;
		ltime_parse(json_string_value(json_object_get(row, "reviewed_at")), &t);
		char local[64];
		ltime_london_format(t, local, sizeof local);
		json_object_set_new(row, "reviewed_local", json_string(local));
	}
	struct outc_review first, latest;
	if (n) {
		review_of(json_array_get(rows, 0), &first);
		review_of(json_array_get(rows, n - 1), &latest);
	}
	struct outc_distance d;
	struct proto_err pe;
	bool dist = n >= 2 && outc_distance(&first, &latest, &d, &pe) == 0;
	json_t *outs = json_array();
	const char *labels[CHILD_OUTCOME_COUNT];
	int f[CHILD_OUTCOME_COUNT], l[CHILD_OUTCOME_COUNT];
	for (int o = 0; o < CHILD_OUTCOME_COUNT; o++) {
		const char *code = child_outcome_code((enum child_outcome)o);
		const struct ref_item *it = ref_lookup(REF_CHILD_OUTCOMES, code);
		labels[o] = it ? it->label : code;
		f[o] = n ? first.score[o] : 0;
		l[o] = n ? latest.score[o] : 0;
		json_array_append_new(
		        outs,
		        json_pack("{s:s, s:s, s:i, s:i, s:o}", "code", code, "label", labels[o],
		                  "first", f[o], "latest", l[o], "change",
		                  dist && d.compared[o] ? json_integer(d.change[o]) : json_null()));
	}
	struct buf b = BUF_INIT(1u << 20);
	json_t *svg = barchart_pairs_svg(&b, "outcomes-chart", "Distance travelled", labels, f, l,
	                                 CHILD_OUTCOME_COUNT, OUTC_SCORE_MAX) == 0
	                      ? json_string(buf_cstr(&b))
	                      : json_null();
	buf_release(&b);
	json_t *due = json_null();
	int64_t at;
	if (n && outc_next_review(latest.reviewed_at, 0, &at, &pe) == 0) { /* R-DL-8 */
		const struct dl_kind *k = dl_kind_find("outcome_review");
		struct dl_status ds;
		dl_status_at(k, at, at - latest.reviewed_at, u->now, &ds);
		char s[LT_TIME_LEN], local[64], left[64];
		ltime_format(at, s);
		ltime_london_format(at, local, sizeof local);
		dl_time_left_words(ds.left, left, sizeof left);
		due = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "due_at", s, "due_local", local,
		                "time_left", left, "state", dl_state_code(ds.state), "overdue",
		                ds.left <= 0, "rule", "R-DL-8");
	}
	json_t *scale = json_array();
	for (int sc = OUTC_SCORE_MIN; sc <= OUTC_SCORE_MAX; sc++)
		json_array_append_new(
		        scale, json_pack("{s:i, s:s}", "score", sc, "label", outc_score_label(sc)));
	*out = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "record_ref", r->reference,
	                 "reviews", rows, "outcomes", outs, "distance",
	                 dist ? json_pack("{s:I, s:I, s:I, s:I, s:i, s:I}", "n_compared",
	                                  (json_int_t)d.n_compared, "improved",
	                                  (json_int_t)d.improved, "same", (json_int_t)d.same,
	                                  "worse", (json_int_t)d.worse, "total", d.total, "days",
	                                  (json_int_t)d.days)
	                      : json_null(),
	                 "next_due", due, "svg", svg, "scale", scale);
	return APP_OK;
}

int app_outcome_reviews(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "see outcome reviews");
	if (rc != APP_OK)
		return rc;
	struct record_row r;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = record_load(&u, id, &r);
	if (rc == APP_OK)
		rc = view(&u, &r, out);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "view", "outcome_reviews", r.id, r.reference, "reviews"));
	return uc_end(&u, rc, out);
}

static const char *const REVIEW_FIELDS[] = {"reviewed_at", "scores", "notes", NULL};

int app_outcome_review_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                           json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!who->system && !actor_has(who, ACCESS_ROLES_PRACTITIONER))
		return app_fail(err, APP_FORBIDDEN, NULL,
		                "Your role cannot record outcome reviews.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The review must be a JSON object.");
	app_json_only(in, REVIEW_FIELDS, err);
	struct outc_review rv = {0};
	uc_time_field(&u, in, "reviewed_at", u.now, &rv.reviewed_at);
	rv.reviewer_id = who->display_name[0] ? who->display_name : "System";
	json_t *scores = json_object_get(in, "scores"), *notes = json_object_get(in, "notes");
	if (!json_is_object(scores))
		app_field_error(err, "scores", "Give the scores as {outcome: 0..5} (R-OUTC-1).");
	if (notes && !json_is_object(notes))
		app_field_error(err, "notes", "Give the notes as {outcome: why not scored}.");
	const char *k;
	json_t *v;
	json_object_foreach(scores, k, v)
	{
		enum child_outcome o;
		struct proto_err pe;
		if (child_outcome_parse(k, &o, &pe) < 0)
			app_field_error(err, "scores",
			                "%s is not one of the 13 outcomes (R-OUTC-1).", k);
		else if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		         json_integer_value(v) > OUTC_SCORE_MAX)
			app_field_error(err, k,
			                "Score %s from 1 to 5, or 0 when not scored (R-OUTC-1).",
			                k);
		else
			rv.score[o] = (int)json_integer_value(v);
	}
	for (int o = 0; o < CHILD_OUTCOME_COUNT && notes; o++)
		rv.note[o] = app_json_str(notes, child_outcome_code((enum child_outcome)o), false,
		                          PROTO_SHORT_MAX, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (outc_review_validate(&rv, u.now, &pe) < 0)
		return uc_proto_refused(&u, &pe);
	struct record_row r;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = record_load(&u, id, &r);
	char rid[ID_MAX];
	id_new("orv", rid);
	if (rc == APP_OK) {
		json_t *s = json_object(), *no = json_object();
		for (int o = 0; o < CHILD_OUTCOME_COUNT; o++) {
			const char *code = child_outcome_code((enum child_outcome)o);
			json_object_set_new(s, code, json_integer(rv.score[o]));
			if (rv.note[o] && *rv.note[o])
				json_object_set_new(no, code, json_string(rv.note[o]));
		}
		char *ss = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
		char *ns = json_dumps(no, JSON_COMPACT | JSON_SORT_KEYS);
		struct store_outcome_review_new row = {.id = rid,
		                                       .record_id = r.id,
		                                       .reviewed_at = rv.reviewed_at,
		                                       .by = uc_user_id(&u),
		                                       .by_name = rv.reviewer_id,
		                                       .scores = ss,
		                                       .notes = ns,
		                                       .at = u.now};
		rc = ss && ns ? uc_db(&u, store_outcome_review_insert(db, &row))
		              : app_fail(err, APP_FAILED, NULL, "Out of memory.");
		free(ss);
		free(ns);
		json_decref(s);
		json_decref(no);
	}
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "create", "outcome_review", rid, r.reference, "scores"));
	if (rc == APP_OK)
		rc = view(&u, &r, out);
	return uc_end(&u, rc, out);
}

int outcome_deadline_sections(struct db *db, const struct actor *who, int64_t now, json_t *sections)
{
	if (!actor_has(who, ROLE_BIT(ROLE_SOCIAL_WORKER)) || !who->user_id[0])
		return DB_OK;
	int rc;
	json_t *rows = store_outcome_reviews_due(db, who->user_id, &rc);
	if (!rows)
		return rc;
	const struct dl_kind *k = dl_kind_find("outcome_review");
	json_t *items = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		int64_t last = 0, due;
		struct proto_err pe;
		if (ltime_parse(json_string_value(json_object_get(r, "last")), &last) < 0 ||
		    outc_next_review(last, 0, &due, &pe) < 0)
			continue;
		struct dl_status ds;
		dl_status_at(k, due, due - last, now, &ds);
		char s[LT_TIME_LEN], local[64], left[64];
		ltime_format(due, s);
		ltime_london_format(due, local, sizeof local);
		dl_time_left_words(ds.left, left, sizeof left);
		const char *ref = json_string_value(json_object_get(r, "reference"));
		json_array_append_new(
		        items,
		        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}",
		                  "kind", "outcome_review", "rule", "R-DL-8", "label",
		                  "Outcome review", "href_kind", "record", "subject_id", ref,
		                  "subject", ref, "due_at", s, "due_local", local, "seconds_left",
		                  (json_int_t)ds.left, "time_left", left, "state",
		                  dl_state_code(ds.state), "owner", who->display_name));
	}
	json_decref(rows);
	json_array_append_new(sections,
	                      json_pack("{s:s, s:s, s:I, s:o}", "key", "outcome_reviews", "title",
	                                "Outcome reviews due for your children", "count",
	                                (json_int_t)json_array_size(items), "items", items));
	return DB_OK;
}
