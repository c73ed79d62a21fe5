/*
 * exports.c: the statutory exports of missing episodes (exports.h): SSDA903 and
 * Annex A as CSV text, built with report/ssda903.h and audited as exports.
 */
#include "app/exports.h"

#include "app/episode_common.h"
#include "protocol/missing.h"
#include "report/ssda903.h"
#include "store/episodes.h"
#include "util/buf.h"

/* Checks the exporter and the period; from..to inclusive -> [*from_t, *to_t). */
static int export_open(struct uc *u, const char *from, const char *to, int64_t *from_t,
                       int64_t *to_t)
{
	if (!u->who->system &&
	    !actor_has(u->who, ROLE_BIT(ROLE_ANALYST) | ROLE_BIT(ROLE_CSC_MANAGER) |
	                               ROLE_BIT(ROLE_POLICE_SUPERVISOR)))
		return app_fail(u->err, APP_FORBIDDEN, NULL,
		                "Your role cannot run statutory exports.");
	struct lt_date f, t;
	if (!from || ltime_parse_date(from, &f) < 0)
		app_field_error(u->err, "from", "from must be a date written YYYY-MM-DD.");
	if (!to || ltime_parse_date(to, &t) < 0)
		app_field_error(u->err, "to", "to must be a date written YYYY-MM-DD.");
	if (!u->err->code && ltime_date_cmp(f, t) > 0)
		app_field_error(u->err, "to", "The period ends before it starts.");
	if (!u->err->code && ltime_date_cmp(t, ltime_date_of(u->now)) > 0)
		app_field_error(u->err, "to", "The period cannot end in the future.");
	if (u->err->code)
		return u->err->code;
	*from_t = ltime_midnight(f);
	*to_t = ltime_midnight(ltime_add_days(t, 1));
	return uc_begin(u);
}

/* Ends an export: audits it as an export for the period (the purpose says which), commits
 * and hands the CSV text to *csv (caller frees); on any failure releases b. */
static int export_finish(struct uc *u, struct buf *b, const char *what, const char *from,
                         const char *to, char **csv)
{
	struct actor a = *u->who;
	a.now = u->now;
	snprintf(a.purpose, sizeof a.purpose, "statutory return %s to %s", from, to);
	int arc = b->failed ? app_fail(u->err, APP_FAILED, NULL, "The export is too large.")
	                    : uc_db(u, app_audit(u->db, &a, "export", what, NULL, NULL, "all"));
	arc = uc_end(u, arc, NULL);
	if (arc == APP_OK)
		*csv = buf_detach(b, NULL);
	else
		buf_release(b);
	return arc;
}

/* An export row's episode fields. */
static void export_episode(json_t *r, enum miss_class *cls, int64_t *start, bool *ended,
                           int64_t *end)
{
	const char *c = json_string_value(json_object_get(r, "classification"));
	*cls = c && strcmp(c, "absent") == 0 ? MISS_ABSENT : MISS_MISSING;
	*start = parse_time_or(json_string_value(json_object_get(r, "reported_at")), 0);
	const char *ret = json_string_value(json_object_get(r, "returned_at"));
	*ended = ret != NULL;
	*end = parse_time_or(ret, *start);
}

/* Writes one export line for store row r into b; < 0 with pe on a refusal. */
typedef int (*export_line)(struct buf *b, json_t *r, struct proto_err *pe);

/* An SSDA903 MISSING line (R-RPT-2). */
static int ssda903_line(struct buf *b, json_t *r, struct proto_err *pe)
{
	struct ssda903_missing m = {.child_id = json_string_value(json_object_get(r, "child_id"))};
	export_episode(r, &m.cls, &m.start, &m.ended, &m.end);
	return ssda903_missing_row(b, &m, pe);
}

/* An Annex A line, with the Return Interview's columns (R-RPT-2, R-MISS-6). */
static int annexa_line(struct buf *b, json_t *r, struct proto_err *pe)
{
	const char *st = json_string_value(json_object_get(r, "ri_status"));
	struct ssda903_annexa a = {.child_id = json_string_value(json_object_get(r, "child_id"))};
	export_episode(r, &a.cls, &a.start, &a.ended, &a.end);
	a.ri_offered = st != NULL;
	a.ri_completed = st && strcmp(st, "completed") == 0;
	a.ri_accepted = a.ri_completed || (st && strcmp(st, "accepted") == 0);
	a.ri_at = parse_time_or(json_string_value(json_object_get(r, "ri_completed_at")), a.end);
	return ssda903_annexa_row(b, &a, pe);
}

/* Writes `rows` (released here) as CSV text: `header`, then a line each by `line`; then
 * ends the export as `what` (export_finish), or the use case on a refusal. */
static int export_rows(struct uc *u, json_t *rows, int (*header)(struct buf *b), export_line line,
                       const char *what, const char *from, const char *to, char **csv)
{
	struct buf b = BUF_INIT(64u << 20);
	header(&b);
	int arc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		struct proto_err pe;
		if (line(&b, r, &pe) < 0) {
			arc = app_fail(u->err, APP_FAILED, pe.rule, "%s", pe.message);
			break;
		}
	}
	json_decref(rows);
	if (arc != APP_OK) {
		buf_release(&b);
		return uc_end(u, arc, NULL);
	}
	return export_finish(u, &b, what, from, to, csv);
}

/* One statutory export: checks the exporter and the period, reads the rows (Annex A's,
 * or the looked-after children's episodes for SSDA903) and writes them (export_rows). */
static int export_run(struct db *db, const struct actor *who, const char *from, const char *to,
                      bool annex_a, char **csv, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*csv = NULL;
	int64_t f = 0, t = 0;
	if (export_open(&u, from, to, &f, &t) != APP_OK)
		return err->code;
	int rc;
	json_t *rows = annex_a ? store_export_annex_a(db, f, t, &rc)
	                       : store_export_episodes(db, f, t, true, &rc);
	if (!rows)
		return uc_end(&u, uc_db(&u, rc), NULL);
	if (annex_a)
		return export_rows(&u, rows, ssda903_annexa_header, annexa_line, "annex_a_missing",
		                   from, to, csv);
	return export_rows(&u, rows, ssda903_missing_header, ssda903_line, "ssda903_missing", from,
	                   to, csv);
}

int app_export_ssda903(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err)
{
	return export_run(db, who, from, to, false, csv, err);
}

int app_export_annex_a(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err)
{
	return export_run(db, who, from, to, true, csv, err);
}
