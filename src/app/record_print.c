/*
 * record_print.c: the print view of a child's record and chronology (record_print.h).
 * It reads the record through the gate (uc_open_record), chooses the chronology entries
 * asked for, and writes the print's audit event in the same transaction.
 */
#include "app/record_print.h"

#include "app/record_common.h"
#include "store/children.h"
#include "store/rows.h"
#include "store/records.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/ltime.h"

/* What to print of the chronology. */
struct print_filter {
	const char *nature; /* "fact", "opinion" or NULL for both */
	const char *agency; /* NULL: every agency */
	struct lt_date from, to;
	bool has_from, has_to;
};

static int read_filter(struct uc *u, json_t *in, struct print_filter *f)
{
	static const char *const allowed[] = {"nature", "agency", "from", "to", NULL};
	static const char *const natures[] = {"fact", "opinion", NULL};
	memset(f, 0, sizeof(*f));
	if (!in)
		return APP_OK;
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The choice must be a JSON object.");
	app_json_only(in, allowed, u->err);
	f->nature = app_json_str(in, "nature", false, 16, false, u->err);
	f->agency = app_json_str(in, "agency", false, 120, false, u->err);
	if (f->nature && !uc_one_of(f->nature, natures))
		app_field_error(u->err, "nature", "Choose facts, opinions or both.");
	char d[11];
	bool present;
	if (app_json_date(in, "from", false, u->err, d, &present) == 0 && present)
		f->has_from = ltime_parse_date(d, &f->from) == 0;
	if (app_json_date(in, "to", false, u->err, d, &present) == 0 && present)
		f->has_to = ltime_parse_date(d, &f->to) == 0;
	if (f->has_from && f->has_to && ltime_date_cmp(f->from, f->to) > 0)
		app_field_error(u->err, "to",
		                "The end date must be the same as or after the start "
		                "date.");
	return u->err->code ? u->err->code : APP_OK;
}

/* The UK date of a UTC text time, or false when malformed. */
static bool uk_date_of(const char *utc, struct lt_date *d)
{
	int64_t t;
	if (!utc || ltime_parse(utc, &t) < 0)
		return false;
	*d = ltime_date_of(t + ltime_london_offset(t));
	return true;
}

static bool entry_chosen(json_t *e, const struct print_filter *f)
{
	const char *nature = json_string_value(json_object_get(e, "nature"));
	if (f->nature && (!nature || strcmp(nature, f->nature) != 0))
		return false;
	const char *agency = json_string_value(json_object_get(e, "agency"));
	if (f->agency && (!agency || strcmp(agency, f->agency) != 0))
		return false;
	struct lt_date d;
	if ((f->has_from || f->has_to) &&
	    !uk_date_of(json_string_value(json_object_get(e, "occurred_at")), &d))
		return false;
	if (f->has_from && ltime_date_cmp(d, f->from) < 0)
		return false;
	if (f->has_to && ltime_date_cmp(d, f->to) > 0)
		return false;
	return true;
}

/* The entries chosen, oldest first (the store gives newest first), with the names of
 * every agency in the whole chronology into agencies. */
static json_t *choose_entries(json_t *entries, const struct print_filter *f, json_t *agencies)
{
	json_t *out = json_array(), *seen = json_object();
	for (size_t i = json_array_size(entries); i-- > 0;) {
		json_t *e = json_array_get(entries, i);
		const char *agency = json_string_value(json_object_get(e, "agency"));
		if (agency && !json_object_get(seen, agency)) {
			json_object_set_new(seen, agency, json_true());
			json_array_append_new(agencies, json_string(agency));
		}
		json_t *people = json_object_get(e, "people_involved");
		if (json_is_string(people)) {
			json_t *v = json_loads(json_string_value(people), 0, NULL);
			json_object_set_new(e, "people_involved", v ? v : json_array());
		}
		if (json_array_size(out) < RECORD_PRINT_MAX_ENTRIES && entry_chosen(e, f))
			json_array_append(out, e);
	}
	json_decref(seen);
	return out;
}

/* The audit event's words for the choice: "summary,chronology" and what narrowed it. */
static void filter_fields(const struct print_filter *f, char *out, size_t n)
{
	char from[LT_DATE_LEN] = "", to[LT_DATE_LEN] = "";
	if (f->has_from)
		ltime_format_date(f->from, from);
	if (f->has_to)
		ltime_format_date(f->to, to);
	snprintf(out, n, "summary,chronology%s%s%s%s%s%s%s%s", f->nature ? ",nature=" : "",
	         f->nature ? f->nature : "", f->agency ? ",agency=" : "",
	         f->agency ? f->agency : "", from[0] ? ",from=" : "", from, to[0] ? ",to=" : "",
	         to);
}

/* The current flags' codes from the flag history. */
static json_t *current_flags(json_t *history)
{
	json_t *out = json_array();
	size_t i;
	json_t *fl;
	json_array_foreach(history, i, fl)
	{
		if (json_is_null(json_object_get(fl, "cleared_at")))
			json_array_append(out, json_object_get(fl, "flag"));
	}
	return out;
}

/* Builds the print view inside the open transaction (NULL with *rc on failure). */
static json_t *print_view(struct uc *u, const struct record_row *r, const struct print_filter *f,
                          int *rc)
{
	json_t *summary = store_record_summary(u->db, r->id, rc);
	json_t *child = summary ? store_child_get(u->db, r->child_id, rc) : NULL;
	json_t *entries = child ? store_entries(u->db, r->id, rc) : NULL;
	json_t *flags = entries ? store_flags_history(u->db, r->id, rc) : NULL;
	json_t *outcomes = flags ? store_outcomes(u->db, r->id, rc) : NULL;
	json_t *view = NULL;
	if (outcomes) {
		static const char *const bools[] = {"restricted", "online", "is_demo", NULL};
		rows_bools(summary, bools);
		json_t *agencies = json_array();
		json_t *chosen = choose_entries(entries, f, agencies);
		view = json_pack("{s:s, s:O, s:O, s:o, s:O, s:o, s:o, s:I, s:s, s:s}", "record_ref",
		                 r->reference, "child", child, "record", summary, "flags",
		                 current_flags(flags), "outcomes", outcomes, "chronology", chosen,
		                 "agencies", agencies, "total",
		                 (json_int_t)json_array_size(entries), "printed_at", u->now_s,
		                 "printed_by",
		                 u->who->system ? "Lantern operator" : u->who->display_name);
		char agency[160] = "";
		if (view && u->who->agency_id[0])
			*rc = store_agency_name(u->db, u->who->agency_id, agency, sizeof agency);
		if (view && *rc == DB_OK)
			json_object_set_new(view, "printed_by_agency", json_string(agency));
		if (!view || *rc != DB_OK) {
			json_decref(view);
			view = NULL;
			*rc = *rc != DB_OK ? *rc : DB_E_NOMEM;
		}
	}
	json_t *parts[] = {summary, child, entries, flags, outcomes};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++)
		json_decref(parts[i]);
	return view;
}

int app_record_print(struct db *db, const struct actor *who, const char *ref, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct print_filter f;
	if (read_filter(&u, in, &f) != APP_OK)
		return err->code;
	struct record_row r;
	if (uc_open_record(&u, ref, &r) != APP_OK)
		return err->code;
	int rc = DB_OK;
	*out = print_view(&u, &r, &f, &rc);
	int arc = *out ? APP_OK : app_db_fail(err, db, rc);
	if (*out) {
		char from[LT_DATE_LEN] = "", to[LT_DATE_LEN] = "";
		if (f.has_from)
			ltime_format_date(f.from, from);
		if (f.has_to)
			ltime_format_date(f.to, to);
		json_object_set_new(*out, "filter",
		                    json_pack("{s:s?, s:s?, s:s?, s:s?}", "nature", f.nature,
		                              "agency", f.agency, "from", from[0] ? from : NULL,
		                              "to", to[0] ? to : NULL));
	}
	char fields[480];
	filter_fields(&f, fields, sizeof fields);
	return uc_finish(&u, arc, &r, "print", "record", r.id, fields, out);
}
