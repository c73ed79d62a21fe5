/*
 * board.c: the board's report (see board.h). Every figure is counted by the store over
 * the records (store/board.h) and, where the protocol says what counts, asked of
 * protocol/reports.h: the disruptions (rpt_disruption_counted), the meetings' gaps
 * (mase_gaps, as recorded), the census factors (rpt_cin_factors), the emptiness of the
 * period (rpt_is_empty).
 */
#include "app/board.h"

#include "app/concern.h"
#include "app/disruption.h"
#include "app/uc.h"
#include "protocol/reports.h"
#include "report/barchart.h"
#include "report/ssda903.h"
#include "report/xlsx.h"
#include "store/board.h"
#include "store/users.h"
#include "util/buf.h"

struct period {
	char from[LT_TIME_LEN], to[LT_TIME_LEN]; /* [from, to) UTC text */
	char from_d[LT_DATE_LEN], to_d[LT_DATE_LEN];
	struct rpt_period p;
};

/* Reads and checks the period (dates, both days included). */
static int period_read(struct uc *u, const char *from, const char *to, struct period *pr)
{
	struct lt_date f = {0}, t = {0};
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
	pr->p.from = dl_london_midnight(f);
	pr->p.to = dl_london_midnight(ltime_add_days(t, 1));
	struct proto_err pe;
	if (rpt_period_validate(&pr->p, &pe) < 0)
		return uc_proto_refused(u, &pe);
	ltime_format(pr->p.from, pr->from);
	ltime_format(pr->p.to, pr->to);
	ltime_format_date(f, pr->from_d);
	ltime_format_date(t, pr->to_d);
	return APP_OK;
}

/* A table {id, title, rows [{label, n}], svg} from rows [{code, n}], the codes labelled
 * from reference table `t` (or as they are when t < 0). */
static json_t *table(const char *id, const char *title, json_t *rows, int t)
{
	const char *labels[BARCHART_MAX_ROWS];
	int64_t values[BARCHART_MAX_ROWS];
	size_t n = 0, i;
	json_t *r, *out = json_array();
	json_array_foreach(rows, i, r)
	{
		const char *code = json_string_value(json_object_get(r, "code"));
		const struct ref_item *it =
		        t >= 0 && code ? ref_lookup((enum ref_table)t, code) : NULL;
		const char *label = it ? it->label : code ? code : "";
		json_int_t v = json_integer_value(json_object_get(r, "n"));
		json_array_append_new(out, json_pack("{s:s, s:I}", "label", label, "n", v));
		if (n < BARCHART_MAX_ROWS) {
			labels[n] = json_string_value(json_object_get(
			        json_array_get(out, json_array_size(out) - 1), "label"));
			values[n++] = v;
		}
	}
	struct buf b = BUF_INIT(1u << 20);
	json_t *svg = barchart_svg(&b, id, title, labels, values, n) == 0
	                      ? json_string(buf_cstr(&b))
	                      : json_null();
	buf_release(&b);
	json_t *o = json_pack("{s:s, s:s, s:o, s:o}", "id", id, "title", title, "rows", out, "svg",
	                      svg);
	json_decref(rows);
	return o;
}

static json_t *section(const char *code)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_REPORT_SECTIONS, &n);
	const char *title = code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].code, code) == 0)
			title = items[i].label;
	return json_pack("{s:s, s:s, s:[], s:[]}", "code", code, "title", title, "figures",
	                 "tables");
}

static void figure(json_t *sec, const char *label, const char *value)
{
	json_array_append_new(json_object_get(sec, "figures"),
	                      json_pack("{s:s, s:s}", "label", label, "value", value));
}

static void figure_n(json_t *sec, const char *label, int64_t n)
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)n);
	figure(sec, label, v);
}

/* The report view, inside the use case's transaction. */
static int report(struct uc *u, const char *bid, const char *bname, const struct period *pr,
                  json_t **out)
{
	struct db *db = u->db;
	int rc = DB_OK;
	struct rpt_totals tot = {0};
	json_t *vol = store_board_volume(db, bid, pr->from, pr->to, &rc);
	if (!vol)
		return uc_db(u, rc);
	tot.cases_open = json_integer_value(json_object_get(vol, "open"));
	tot.cases_new = json_integer_value(json_object_get(vol, "new"));
	json_decref(vol);
	json_t *secs = json_array(), *drows = NULL;
#define COUNTS(what) store_board_counts(db, what, bid, pr->from, pr->to, &rc)
#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x)) {                                                                        \
			json_decref(secs);                                                         \
			json_decref(drows);                                                        \
			return uc_db(u, rc);                                                       \
		}                                                                                  \
	} while (0)
	/* volume */
	json_t *s = section("volume");
	figure_n(s, "Children whose record was open in the period", tot.cases_open);
	figure_n(s, "Children whose record was opened in the period", tot.cases_new);
	json_t *rows = COUNTS("category");
	CHECK(rows);
	json_array_append_new(json_object_get(s, "tables"),
	                      table("chart-category", "Open records by police category", rows, -1));
	json_array_append_new(secs, s);
	/* communities */
	s = section("communities");
	json_array_append_new(secs, s);
	CHECK(rows = COUNTS("gender"));
	json_array_append_new(json_object_get(s, "tables"),
	                      table("chart-gender", "Children by gender", rows, -1));
	CHECK(rows = COUNTS("ethnicity"));
	json_array_append_new(json_object_get(s, "tables"),
	                      table("chart-ethnicity", "Children by ethnicity", rows, -1));
	CHECK(rows = COUNTS("looked_after"));
	json_array_append_new(json_object_get(s, "tables"),
	                      table("chart-looked-after", "Looked-after children", rows, -1));
	/* patterns */
	s = section("patterns");
	json_array_append_new(secs, s);
	CHECK(rows = COUNTS("type"));
	json_array_append_new(
	        json_object_get(s, "tables"),
	        table("chart-type", "Records by exploitation type", rows, REF_EXPLOITATION_TYPES));
	int64_t n = 0;
	rc = store_board_count(db, "missing", bid, pr->from, pr->to, &n);
	CHECK(rc == DB_OK);
	figure_n(s, "Missing episodes begun in the period", n);
	/* activity against perpetrators, and the disruptions by type */
	s = section("perpetrator_activity");
	json_array_append_new(secs, s);
	rc = store_board_count(db, "persons", bid, pr->from, pr->to, &tot.persons);
	CHECK(rc == DB_OK);
	figure_n(s, "People of concern first linked to a child in the period", tot.persons);
	json_t *ds = store_board_disruptions(db, bid, &rc);
	CHECK(ds);
	json_t *by_type = json_object(), *persons = json_object();
	size_t i;
	json_t *r;
	json_array_foreach(ds, i, r)
	{
		struct disruption d = {0};
		struct proto_err pe;
		if (disruption_type_parse(json_string_value(json_object_get(r, "type")), &d.type,
		                          &pe) < 0)
			continue;
		const char *st = json_string_value(json_object_get(r, "status"));
		if (st)
			order_status_parse(st, &d.status, &pe);
		const char *sv = json_string_value(json_object_get(r, "served_at"));
		d.served = sv && ltime_parse(sv, &d.served_at) == 0;
		const char *on = json_string_value(json_object_get(r, "on_date"));
		if (on)
			ltime_parse_date(on, &d.on);
		if (!rpt_disruption_counted(&d, &pr->p)) /* R-RPT-1, R-INFO-3 */
			continue;
		const char *t = json_string_value(json_object_get(r, "type"));
		json_object_set_new(
		        by_type, t,
		        json_integer(json_integer_value(json_object_get(by_type, t)) + 1));
		const char *p = json_string_value(json_object_get(r, "person_id"));
		if (p)
			json_object_set_new(persons, p, json_true());
		tot.disruptions++;
	}
	json_decref(ds);
	figure_n(s, "People of concern with a disruption counted in the period",
	         (int64_t)json_object_size(persons));
	json_decref(persons);
	drows = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(by_type, k, v)
	        json_array_append_new(drows, json_pack("{s:s, s:O}", "code", k, "n", v));
	json_decref(by_type);
	/* performance of each agency */
	s = section("agency_performance");
	json_array_append_new(secs, s);
	CHECK(rows = COUNTS("referrals"));
	size_t j;
	json_array_foreach(rows, j, r) tot.referrals += json_integer_value(json_object_get(r, "n"));
	json_array_append_new(
	        json_object_get(s, "tables"),
	        table("chart-referrals", "Referrals made by each agency", rows, REF_AGENCY_TYPES));
	json_t *meetings = store_board_meetings(db, bid, pr->from, pr->to, &rc);
	CHECK(meetings);
	tot.meetings = (int64_t)json_array_size(meetings);
	figure_n(s, "Meetings held", tot.meetings);
	json_t *gaps = json_array();
	int64_t flagged = 0;
	json_array_foreach(meetings, i, r)
	{
		if (!json_integer_value(json_object_get(r, "flagged")))
			continue;
		flagged++;
		json_t *g = json_loads(json_string_value(json_object_get(r, "gaps")), 0, NULL);
		char local[64];
		int64_t h = 0;
		ltime_parse(json_string_value(json_object_get(r, "held_at")), &h);
		ltime_london_format(h, local, sizeof local);
		json_array_foreach(g, j, v) json_array_append_new(
		        gaps, json_pack("{s:s, s:s, s:O, s:O?, s:O}", "meeting",
		                        json_string_value(json_object_get(r, "id")), "held_local",
		                        local, "text", json_object_get(v, "text"), "member",
		                        json_object_get(v, "member_label"), "rule",
		                        json_object_get(v, "rule")));
		json_decref(g);
	}
	json_decref(meetings);
	figure_n(s, "Meetings flagged for rank or membership (R-MASE-2, R-MASE-3)", flagged);
	json_object_set_new(s, "gaps", gaps);
	CHECK(rows = COUNTS("attendance"));
	json_array_append_new(
	        json_object_get(s, "tables"),
	        table("chart-attendance", "Meetings each member attended", rows, REF_MASE_MEMBERS));
	json_t *acts = store_board_actions(db, bid, pr->from, pr->to, &rc);
	CHECK(acts);
	json_t *arows = json_array();
	int64_t due = 0, on_time = 0;
	json_array_foreach(acts, i, r)
	{
		due += json_integer_value(json_object_get(r, "due"));
		on_time += json_integer_value(json_object_get(r, "on_time"));
		json_array_append_new(arows,
		                      json_pack("{s:O, s:O}", "code", json_object_get(r, "agency"),
		                                "n", json_object_get(r, "on_time")));
	}
	json_decref(acts);
	char pct[32], fig[64];
	rpt_percent(on_time, due, pct, sizeof pct);
	snprintf(fig, sizeof fig, "%lld of %lld (%s)", (long long)on_time, (long long)due, pct);
	figure(s, "Actions due in the period done by their due date", fig);
	json_array_append_new(
	        json_object_get(s, "tables"),
	        table("chart-actions", "Actions done on time, by owning agency", arows, -1));
	json_t *contacts = store_board_contacts(db, bid, &rc);
	CHECK(contacts);
	size_t missing = 0;
	json_array_foreach(contacts, i, r)
	{
		struct rpt_agency_contacts c = {json_string_value(json_object_get(r, "name")),
		                                json_string_value(json_object_get(r, "lead")),
		                                json_string_value(json_object_get(r, "spoc"))};
		missing += rpt_contacts_missing(&c, 1); /* R-INFO-1 */
	}
	json_object_set_new(s, "contacts", contacts);
	figure_n(s, "Agencies without a senior lead or single point of contact (R-INFO-1)",
	         (int64_t)missing);
	/* disruptions */
	s = section("disruptions");
	json_array_append_new(secs, s);
	figure_n(s, "Disruptions counted (covert tactics never counted)", tot.disruptions);
	json_array_append_new(
	        json_object_get(s, "tables"),
	        table("chart-disruptions", "Disruptions by type", drows, REF_DISRUPTION_TYPES));
#undef COUNTS
#undef CHECK
	bool empty = rpt_is_empty(&tot);
	*out = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}, s:b, s:s?, s:o}", "borough", "id", bid,
	                 "name", bname, "period", "from", pr->from_d, "to", pr->to_d, "empty",
	                 empty, "empty_text", empty ? RPT_EMPTY_TEXT : NULL, "sections", secs);
	return APP_OK;
}

/* Opens the use case: the role, the period, the borough. */
static int open_report(struct uc *u, const char *borough, const char *from, const char *to,
                       struct period *pr, char bid[ID_MAX], char *bname, size_t n)
{
	int rc = concern_may_read(u, "see the board's report");
	if (rc == APP_OK)
		rc = period_read(u, from, to, pr);
	if (rc == APP_OK)
		rc = uc_begin(u);
	if (rc == APP_OK) {
		rc = disruption_borough(u, borough, "borough", bid);
		if (rc == APP_INVALID || (rc == APP_OK && !bid[0])) {
			app_err_clear(u->err);
			rc = app_fail(u->err, APP_NOT_FOUND, NULL, "No such borough.");
		}
	}
	if (rc == APP_OK)
		rc = uc_db(u, store_borough_name(u->db, bid, bname, n));
	return rc;
}

int app_board_report(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct period pr;
	char bid[ID_MAX] = "", bname[128] = "";
	int rc = open_report(&u, id, json_string_value(json_object_get(in, "from")),
	                     json_string_value(json_object_get(in, "to")), &pr, bid, bname,
	                     sizeof bname);
	if (rc == APP_OK)
		rc = report(&u, bid, bname, &pr, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "board_report", bid, NULL, "counts"));
	return db_in_tx(db) || rc == APP_OK ? uc_end(&u, rc, out) : rc;
}

/* Ends a CSV use case: audited as an export, committed, the text handed over. */
static int csv_end(struct uc *u, int rc, struct buf *b, const char *what, char **csv)
{
	if (rc == APP_OK && b->failed)
		rc = app_fail(u->err, APP_FAILED, NULL, "The export is too large.");
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, "export", what, NULL, NULL, what));
	rc = db_in_tx(u->db) || rc == APP_OK ? uc_end(u, rc, NULL) : rc;
	if (rc == APP_OK)
		*csv = strdup(buf_cstr(b));
	buf_release(b);
	return rc == APP_OK && !*csv ? app_fail(u->err, APP_FAILED, NULL, "Out of memory.") : rc;
}

int app_board_report_csv(struct db *db, const struct actor *who, const char *borough,
                         const char *from, const char *to, char **csv, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*csv = NULL;
	struct period pr;
	char bid[ID_MAX] = "", bname[128] = "";
	json_t *v = NULL;
	int rc = open_report(&u, borough, from, to, &pr, bid, bname, sizeof bname);
	if (rc == APP_OK)
		rc = report(&u, bid, bname, &pr, &v);
	struct buf b = BUF_INIT(16u << 20);
	if (rc == APP_OK) {
		static const char *const head[] = {"borough", "from",  "to",   "section",
		                                   "table",   "label", "value"};
		ssda903_csv_row(&b, head, 7);
		size_t i, j, k;
		json_t *s, *t, *r;
		json_array_foreach(json_object_get(v, "sections"), i, s)
		{
			json_array_foreach(json_object_get(s, "figures"), j, r)
			{
				const char *row[] = {
				        bname,
				        pr.from_d,
				        pr.to_d,
				        json_string_value(json_object_get(s, "title")),
				        "",
				        json_string_value(json_object_get(r, "label")),
				        json_string_value(json_object_get(r, "value"))};
				ssda903_csv_row(&b, row, 7);
			}
			json_array_foreach(json_object_get(s, "tables"), j, t)
			        json_array_foreach(json_object_get(t, "rows"), k, r)
			{
				char n[32];
				snprintf(n, sizeof n, "%lld",
				         (long long)json_integer_value(json_object_get(r, "n")));
				const char *row[] = {bname,
				                     pr.from_d,
				                     pr.to_d,
				                     json_string_value(json_object_get(s, "title")),
				                     json_string_value(json_object_get(t, "title")),
				                     json_string_value(json_object_get(r, "label")),
				                     n};
				ssda903_csv_row(&b, row, 7);
			}
		}
	}
	json_decref(v);
	return csv_end(&u, rc, &b, "board_report", csv);
}

/* The CSV's columns, which each sheet of the workbook repeats. */
static const char *const XLSX_HEAD[] = {"borough", "from",  "to",   "section",
                                        "table",   "label", "value"};

/* One row of the workbook: the CSV's seven cells, the value a number when it is one. */
static int xlsx_report_row(struct xlsx_book *b, const char *bname, const struct period *pr,
                           const char *section, const char *table, const char *label,
                           const char *value)
{
	struct xlsx_cell c[7] = {{.text = bname},   {.text = pr->from_d}, {.text = pr->to_d},
	                         {.text = section}, {.text = table},      {.text = label},
	                         {.text = value}};
	c[6].is_number = xlsx_is_number(value, &c[6].num);
	return xlsx_row(b, c, 7);
}

int app_board_report_xlsx(struct db *db, const struct actor *who, const char *borough,
                          const char *from, const char *to, unsigned char **data, size_t *len,
                          struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*data = NULL;
	*len = 0;
	struct period pr;
	char bid[ID_MAX] = "", bname[128] = "";
	json_t *v = NULL;
	int rc = open_report(&u, borough, from, to, &pr, bid, bname, sizeof bname);
	if (rc == APP_OK)
		rc = report(&u, bid, bname, &pr, &v);
	struct xlsx_book *b = rc == APP_OK ? xlsx_new() : NULL;
	if (rc == APP_OK && !b)
		rc = app_fail(err, APP_FAILED, NULL, "The workbook could not be made.");
	if (rc == APP_OK) {
		/* the figures on one sheet, then a sheet for each table */
		int w = xlsx_sheet(b, "Figures", XLSX_HEAD, 7);
		size_t i, j, k;
		json_t *s, *t, *r;
		json_array_foreach(json_object_get(v, "sections"), i, s)
		{
			json_array_foreach(json_object_get(s, "figures"), j, r)
			{
				if (w == 0)
					w = xlsx_report_row(
					        b, bname, &pr,
					        json_string_value(json_object_get(s, "title")), "",
					        json_string_value(json_object_get(r, "label")),
					        json_string_value(json_object_get(r, "value")));
			}
		}
		json_array_foreach(json_object_get(v, "sections"), i, s)
		{
			json_array_foreach(json_object_get(s, "tables"), j, t)
			{
				const char *title = json_string_value(json_object_get(t, "title"));
				if (w == 0)
					w = xlsx_sheet(b, title, XLSX_HEAD, 7);
				json_array_foreach(json_object_get(t, "rows"), k, r)
				{
					char n[32];
					snprintf(n, sizeof n, "%lld",
					         (long long)json_integer_value(
					                 json_object_get(r, "n")));
					if (w == 0)
						w = xlsx_report_row(
						        b, bname, &pr,
						        json_string_value(
						                json_object_get(s, "title")),
						        title,
						        json_string_value(
						                json_object_get(r, "label")),
						        n);
				}
			}
		}
		if (w != 0 || xlsx_finish(b, data, len) != 0) {
			if (w != 0)
				xlsx_free(b);
			rc = app_fail(err, APP_FAILED, NULL, "The workbook could not be written.");
		}
		b = NULL;
	}
	xlsx_free(b);
	json_decref(v);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "export", "board_report", NULL, NULL, "board_report xlsx"));
	rc = db_in_tx(db) || rc == APP_OK ? uc_end(&u, rc, NULL) : rc;
	if (rc != APP_OK) {
		free(*data);
		*data = NULL;
		*len = 0;
	}
	return rc;
}

int app_board_cin_csv(struct db *db, const struct actor *who, const char *borough, const char *from,
                      const char *to, char **csv, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*csv = NULL;
	if (!who->system && !actor_has(who, ROLE_BIT(ROLE_ANALYST) | ROLE_BIT(ROLE_CSC_MANAGER) |
	                                            ROLE_BIT(ROLE_POLICE_SUPERVISOR)))
		return app_fail(err, APP_FORBIDDEN, NULL,
		                "Your role cannot run statutory exports.");
	struct period pr;
	char bid[ID_MAX] = "", bname[128] = "";
	int rc = open_report(&u, borough, from, to, &pr, bid, bname, sizeof bname);
	json_t *rows = NULL;
	int src = DB_OK;
	if (rc == APP_OK && !(rows = store_board_cin(db, bid, pr.from, pr.to, &src)))
		rc = uc_db(&u, src);
	struct buf b = BUF_INIT(32u << 20);
	if (rc == APP_OK) {
		static const char *const head[] = {"child_id", "record_ref", "factors"};
		ssda903_csv_row(&b, head, 3);
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r)
		{
#define F(k) (json_integer_value(json_object_get(r, k)) != 0)
			struct rpt_cin_facts f = {F("missing_episode"),    F("sexual_record"),
			                          F("trafficking_record"), F("criminal_record"),
			                          F("trafficked"),         F("nrm_referral"),
			                          F("gang_associated"),    F("gang_flag")};
#undef F
			const char *codes[RPT_CIN_COUNT];
			size_t n = rpt_cin_codes(rpt_cin_factors(&f), codes);
			if (!n)
				continue;
			char list[32] = "";
			size_t len = 0;
			for (size_t k = 0; k < n && len < sizeof list; k++)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
				                        k ? ";" : "", codes[k]);
			const char *row[] = {json_string_value(json_object_get(r, "child_id")),
			                     json_string_value(json_object_get(r, "record_ref")),
			                     list};
			ssda903_csv_row(&b, row, 3);
		}
	}
	json_decref(rows);
	return csv_end(&u, rc, &b, "cin_factors", csv);
}

static const char *const CONTACT_FIELDS[] = {"lead", "spoc", NULL};

int app_agency_contacts_set(struct db *db, const struct actor *who, const char *id, json_t *in,
                            json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!who->system && !actor_has(who, ROLE_BIT(ROLE_ADMINISTRATOR)))
		return app_fail(err, APP_FORBIDDEN, NULL,
		                "Your role cannot record an agency's contacts.");
	if (!json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The contacts must be a JSON object.");
	app_json_only(in, CONTACT_FIELDS, err);
	struct rpt_agency_contacts c = {
	        id, app_json_str(in, "lead", false, PROTO_NAME_MAX + 1, false, err),
	        app_json_str(in, "spoc", false, PROTO_NAME_MAX + 1, false, err)};
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (rpt_contacts_validate(&c, &pe) < 0)
		return uc_proto_refused(&u, &pe);
	char aid[32] = "", type[32] = "", name[160] = "";
	int rc = uc_begin(&u);
	if (rc == APP_OK) {
		int src = store_agency_find(db, id, aid, type);
		rc = src == DB_ROW    ? APP_OK
		     : src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such agency.")
		                      : uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, store_agency_contacts_set(db, aid, c.lead, c.spoc));
	if (rc == APP_OK)
		rc = uc_db(&u, store_agency_name(db, aid, name, sizeof name));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "update", "agency", aid, NULL, "senior_lead,spoc"));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:s, s:s, s:s}", "id", aid, "name", name, "lead", c.lead,
		                 "spoc", c.spoc);
	return db_in_tx(db) || rc == APP_OK ? uc_end(&u, rc, out) : rc;
}
