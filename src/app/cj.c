/*
 * cj.c: criminal justice cases with their attrition (R-OUTC-2) and NRM referrals with the
 * reflection and recovery period (R-DL-6); see cj.h. A case is read from the input over
 * what is stored, checked whole by cj_case_validate, and written; an arrest or a charge
 * newly on it becomes a disruption of that type through disruption_insert, which adds
 * the outcome code (FQ for a charge) in the same transaction.
 */
#include "app/cj.h"

#include "app/concern.h"
#include "app/disruption.h"
#include "app/gate.h"
#include "store/cj.h"
#include "store/records.h"

/* ---- cases ---- */

/* A case's facts; strings point into `in` or `row`. */
struct cj_in {
	struct cj_case c;
	const char *borough;
};

/* The date member `key` of row, or {0, 0, 0}. */
static struct lt_date row_date(json_t *row, const char *key)
{
	struct lt_date d = {0, 0, 0};
	const char *s = json_string_value(json_object_get(row, key));
	if (s && ltime_parse_date(s, &d) < 0)
		d = (struct lt_date){0, 0, 0};
	return d;
}

/* The stored case `row` as a struct cj_case (strings into row). */
static void case_of_row(json_t *row, struct cj_case *c)
{
	struct proto_err pe;
	memset(c, 0, sizeof *c);
	c->person_id = json_string_value(json_object_get(row, "person_id"));
	c->network_id = json_string_value(json_object_get(row, "network"));
	c->arrested_on = row_date(row, "arrested_on");
	c->referred_on = row_date(row, "referred_on");
	const char *d = json_string_value(json_object_get(row, "decision"));
	if (!d || cj_decision_parse(d, &c->decision, &pe) < 0)
		c->decision = CJ_DECISION_NONE;
	c->decided_on = row_date(row, "decided_on");
	c->charged_on = row_date(row, "charged_on");
	c->offence = json_string_value(json_object_get(row, "offence"));
	const char *r = json_string_value(json_object_get(row, "result"));
	if (!r || cj_result_parse(r, &c->result, &pe) < 0)
		c->result = CJ_RESULT_NONE;
	c->result_on = row_date(row, "result_on");
	c->sentenced_on = row_date(row, "sentenced_on");
	c->sentence = json_string_value(json_object_get(row, "sentence"));
}

static const char *const CASE_FIELDS[] = {"person_id", "network",    "arrested_on",  "referred_on",
                                          "decision",  "decided_on", "charged_on",   "offence",
                                          "result",    "result_on",  "sentenced_on", "sentence",
                                          "borough",   NULL};

/* Sets the date `key` of c from `in` when the key is there ("" or null clears it). */
static void case_date(struct uc *u, json_t *in, const char *key, struct lt_date *d)
{
	if (json_object_get(in, key))
		disruption_date_field(u, in, key, d);
}

/* Reads `in` over x (a new case, or the stored one). */
static int case_read(struct uc *u, json_t *in, struct cj_in *x, bool is_new)
{
	struct app_err *err = u->err;
	struct cj_case *c = &x->c;
	if (is_new)
		c->person_id = app_json_str(in, "person_id", true, ID_MAX, false, err);
	else if (json_object_get(in, "person_id"))
		app_field_error(err, "person_id", "A case stays with its person: open a new one.");
	if (json_object_get(in, "network"))
		c->network_id = app_json_str(in, "network", false, PROTO_NAME_MAX, false, err);
	case_date(u, in, "arrested_on", &c->arrested_on);
	case_date(u, in, "referred_on", &c->referred_on);
	case_date(u, in, "decided_on", &c->decided_on);
	case_date(u, in, "charged_on", &c->charged_on);
	case_date(u, in, "result_on", &c->result_on);
	case_date(u, in, "sentenced_on", &c->sentenced_on);
	if (json_object_get(in, "offence"))
		c->offence = app_json_str(in, "offence", false, PROTO_SHORT_MAX, true, err);
	if (json_object_get(in, "sentence"))
		c->sentence = app_json_str(in, "sentence", false, PROTO_SHORT_MAX, true, err);
	const char *decision = app_json_str(in, "decision", false, 24, false, err);
	const char *result = app_json_str(in, "result", false, 24, false, err);
	x->borough = app_json_str(in, "borough", false, 80, false, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if ((decision && cj_decision_parse(decision, &c->decision, &pe) < 0) ||
	    (result && cj_result_parse(result, &c->result, &pe) < 0))
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* R-OUTC-2: checks the case, naming the input's field for the network. */
static int case_validate(struct uc *u, const struct cj_case *c)
{
	struct proto_err pe;
	if (cj_case_validate(c, u->now, &pe) == 0)
		return APP_OK;
	if (pe.field && strcmp(pe.field, "network_id") == 0)
		pe.field = "network";
	return uc_proto_refused(u, &pe);
}

/* R-ORD-4, R-OUT-4, R-OUT-5: the arrest and the charge newly on case `id` (from
 * `before`, NULL for a new case, to `after`) as disruptions; the charge adds FQ. Their
 * ids go to `added`. */
static int case_disruptions(struct uc *u, const char *id, const struct cj_case *before,
                            const struct cj_case *after, const char *borough, json_t *added)
{
	struct {
		enum disruption_type type;
		struct lt_date on, was;
	} ev[] = {
	        {DISRUPT_ARREST, after->arrested_on,
	         before ? before->arrested_on : (struct lt_date){0}},
	        {DISRUPT_CHARGE, after->charged_on,
	         before ? before->charged_on : (struct lt_date){0}},
	};
	for (size_t i = 0; i < ARRAY_LEN(ev); i++) {
		if (ev[i].on.y == 0 || ev[i].was.y != 0)
			continue; /* nothing new (a corrected date is not a second arrest) */
		struct disruption d = {
		        .type = ev[i].type, .subject_id = after->person_id, .on = ev[i].on};
		if (ev[i].type == DISRUPT_CHARGE)
			d.offence = after->offence;
		struct proto_err pe;
		if (disruption_validate(&d, u->now, &pe) < 0)
			return uc_proto_refused(u, &pe);
		char did[ID_MAX];
		int rc = disruption_insert(u, &d, borough, id, did);
		if (rc != APP_OK)
			return rc;
		json_array_append_new(added, json_string(did));
	}
	return APP_OK;
}

/* The case's view into *out. */
static int case_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_cj_get(u->db, id, &rc);
	if (!*out)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such case.")
		                     : uc_db(u, rc);
	struct cj_case c;
	case_of_row(*out, &c);
	enum outcome_code oc = cj_case_outcome(&c);
	json_object_set_new(*out, "outcome", oc ? json_string(outcome_code_str(oc)) : json_null());
	json_object_set_new(*out, "can_change",
	                    json_boolean(access_may_file(u->who->roles, u->who->system)));
	return APP_OK;
}

/* Writes the new or changed case (x over `before`, NULL when new) and its disruptions. */
static int case_write(struct uc *u, const char *id, const struct cj_case *before,
                      const struct cj_in *x, json_t **out)
{
	char bid[ID_MAX];
	int rc = disruption_borough(u, x->borough, "borough", bid);
	if (rc == APP_OK)
		rc = case_validate(u, &x->c);
	struct store_cj_new n = {.id = id,
	                         .c = &x->c,
	                         .borough_id = concern_opt(bid),
	                         .agency_id = concern_opt(u->who->agency_id),
	                         .by = uc_user_id(u),
	                         .by_name = u->who->display_name[0] ? u->who->display_name
	                                                            : "System operator",
	                         .at = u->now};
	if (rc == APP_OK)
		rc = uc_db(u, before ? store_cj_update(u->db, id, &x->c, u->now)
		                     : store_cj_insert(u->db, &n));
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, before ? "change" : "create", "cj_case", id, NULL,
		                       "criminal justice case"));
	json_t *added = json_array();
	if (rc == APP_OK)
		rc = case_disruptions(u, id, before, &x->c, bid, added);
	if (rc == APP_OK)
		rc = case_view(u, id, out);
	if (rc == APP_OK) {
		bool charged = before ? before->charged_on.y == 0 && x->c.charged_on.y != 0
		                      : x->c.charged_on.y != 0;
		json_object_set_new(*out, "disruptions_added", json_incref(added));
		json_object_set_new(*out, "outcome_added",
		                    charged ? json_string("FQ") : json_null());
	}
	json_decref(added);
	return rc;
}

int app_cj_case_add(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record criminal justice cases", "case",
	                    CASE_FIELDS))
		return err->code;
	struct cj_in x;
	memset(&x, 0, sizeof x);
	int rc = case_read(&u, in, &x, true);
	if (rc != APP_OK)
		return rc;
	char cid[ID_MAX];
	id_new("cjc", cid);
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, x.c.person_id, NULL);
	if (rc == APP_OK)
		rc = case_write(&u, cid, NULL, &x, out);
	return uc_end(&u, rc, out);
}

/* Loads case `id` into *row and the actor's gate on its person. */
static int case_load(struct uc *u, const char *id, json_t **row)
{
	*row = NULL;
	if (!id_valid(id, "cjc"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such case.");
	int rc;
	*row = store_cj_get(u->db, id, &rc);
	if (!*row)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such case.")
		                     : uc_db(u, rc);
	rc = concern_gate(u, PEOPLE_PERSON, json_string_value(json_object_get(*row, "person_id")),
	                  NULL);
	if (rc == APP_NOT_FOUND)
		snprintf(u->err->message, sizeof u->err->message, "No such case.");
	return rc;
}

int app_cj_case_update(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record criminal justice cases", "change",
	                    CASE_FIELDS))
		return err->code;
	if (err->code)
		return err->code;
	json_t *row = NULL;
	struct cj_case before;
	struct cj_in x;
	memset(&x, 0, sizeof x);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = case_load(&u, id, &row);
	if (rc == APP_OK) {
		case_of_row(row, &before);
		x.c = before;
		x.borough = json_string_value(json_object_get(row, "borough_id"));
		rc = case_read(&u, in, &x, false);
	}
	if (rc == APP_OK)
		rc = case_write(&u, id, &before, &x, out);
	rc = uc_end(&u, rc, out);
	json_decref(row);
	return rc;
}

int app_cj_case_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                    json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "criminal justice cases");
	if (rc != APP_OK)
		return rc;
	json_t *row = NULL;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = case_load(&u, id, &row);
	if (rc == APP_OK)
		rc = case_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "cj_case", id, NULL, "all"));
	json_decref(row);
	return uc_end(&u, rc, out);
}

/* The cases of `cases` (rows) as struct cj_case, each on a person (max n). */
json_t *cj_attrition_json(json_t *cases, struct lt_date from, struct lt_date to)
{
	size_t n = json_array_size(cases);
	struct cj_case *c = calloc(n ? n : 1, sizeof *c);
	if (!c)
		return NULL;
	for (size_t i = 0; i < n; i++)
		case_of_row(json_array_get(cases, i), &c[i]);
	struct cj_attrition a;
	cj_attrition(c, n, from, to, &a); /* R-OUTC-2 */
	free(c);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "referred",
	                 (json_int_t)a.referred, "charged", (json_int_t)a.charged, "convicted",
	                 (json_int_t)a.convicted, "awaiting_decision",
	                 (json_int_t)a.awaiting_decision, "awaiting_result",
	                 (json_int_t)a.awaiting_result, "arrests", (json_int_t)a.arrests, "charges",
	                 (json_int_t)a.charges, "convictions", (json_int_t)a.convictions);
}

/* Keeps the cases about persons the actor sees. */
static int cases_visible(struct uc *u, json_t *cases)
{
	for (size_t i = json_array_size(cases); i-- > 0;) {
		bool sees = false;
		int rc = concern_sees(
		        u, PEOPLE_PERSON,
		        json_string_value(json_object_get(json_array_get(cases, i), "person_id")),
		        &sees);
		if (rc != APP_OK)
			return rc;
		if (!sees)
			json_array_remove(cases, i);
	}
	return APP_OK;
}

int app_cj_cases(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                 struct app_err *err)
{
	UNUSED(id);
	static const char *const allowed[] = {"person_id", "network", "borough",
	                                      "from",      "to",      NULL};
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "criminal justice cases");
	if (rc != APP_OK)
		return rc;
	if (in && !json_is_object(in))
		return app_fail(err, APP_INVALID, NULL, "The query must be a JSON object.");
	if (in)
		app_json_only(in, allowed, err);
	const char *person = in ? app_json_str(in, "person_id", false, ID_MAX, false, err) : NULL;
	const char *network =
	        in ? app_json_str(in, "network", false, PROTO_NAME_MAX, false, err) : NULL;
	const char *borough = in ? app_json_str(in, "borough", false, 80, false, err) : NULL;
	struct lt_date from = {0, 0, 0}, to = {0, 0, 0};
	if (in) {
		disruption_date_field(&u, in, "from", &from);
		disruption_date_field(&u, in, "to", &to);
	}
	if (err->code)
		return err->code;
	char bid[ID_MAX] = "";
	json_t *cases = NULL;
	rc = uc_begin(&u);
	if (rc == APP_OK && borough)
		rc = disruption_borough(&u, borough, "borough", bid);
	if (rc == APP_OK && person)
		rc = concern_gate(&u, PEOPLE_PERSON, person, NULL);
	if (rc == APP_OK) {
		int src;
		cases = store_cj_list(db, person, network, concern_opt(bid), 5000, &src);
		if (!cases)
			rc = uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = cases_visible(&u, cases);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "cj_case_list", person, NULL,
		                        network ? "network" : "cases"));
	if (rc == APP_OK)
		*out = json_pack("{s:O, s:o}", "cases", cases, "attrition",
		                 cj_attrition_json(cases, from, to));
	json_decref(cases);
	return uc_end(&u, rc, out);
}

/* ---- NRM referrals (R-DL-6) ---- */

/* The reflection period of a referral row at u->now: reflection_ends_at, state,
 * time_left, seconds_left. */
static void nrm_period(struct uc *u, json_t *r)
{
	int64_t at;
	const struct dl_kind *k = dl_kind_find("nrm_reflection");
	if (!k || ltime_parse(json_string_value(json_object_get(r, "referred_at")), &at) < 0)
		return;
	int64_t due;
	struct proto_err pe;
	if (dl_due(k, at, NULL, &due, &pe) < 0)
		return;
	struct dl_status ds;
	dl_status_at(k, due, due - at, u->now, &ds);
	char d[LT_TIME_LEN], local[64], left[64];
	ltime_format(due, d);
	ltime_london_format(due, local, sizeof local);
	dl_time_left_words(ds.left, left, sizeof left);
	bool closed = json_is_string(json_object_get(r, "conclusive_grounds_on"));
	json_object_set_new(r, "reflection_ends_at", json_string(d));
	json_object_set_new(r, "reflection_ends_local", json_string(local));
	json_object_set_new(r, "state", json_string(closed ? "done" : dl_state_code(ds.state)));
	json_object_set_new(r, "time_left", json_string(left));
	json_object_set_new(r, "seconds_left", json_integer(ds.left));
	json_object_set_new(r, "rule", json_string(k->rule));
}

/* The referral's view. */
static int nrm_view(struct uc *u, const char *id, json_t **out)
{
	int rc;
	*out = store_nrm_get(u->db, id, &rc);
	if (!*out)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such referral.")
		                     : uc_db(u, rc);
	nrm_period(u, *out);
	return APP_OK;
}

int app_nrm_refer(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	static const char *const allowed[] = {"referred_at", "reference", "note", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "refer children to the NRM", "referral",
	                    allowed))
		return err->code;
	int64_t at;
	uc_time_field(&u, in, "referred_at", u.now, &at);
	const char *reference = app_json_str(in, "reference", false, 60, false, err);
	const char *note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, err);
	struct proto_err pe;
	if (err->code)
		return err->code;
	if (proto_text_check(note, PROTO_SHORT_MAX, false, "R-DL-6", "note", "The note", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	char nid[ID_MAX];
	id_new("nrm", nid);
	struct record_row r;
	memset(&r, 0, sizeof r);
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_CHILD, id, NULL);
	if (rc == APP_OK) {
		int src = store_record_get(db, id, &r);
		rc = src == DB_ROW || src == DB_DONE ? APP_OK : uc_db(&u, src);
	}
	if (rc == APP_OK) {
		struct store_nrm_new n = {.id = nid,
		                          .child_id = id,
		                          .record_id = concern_opt(r.id),
		                          .reference = reference,
		                          .note = note,
		                          .referred_at = at,
		                          .agency_id = concern_opt(who->agency_id),
		                          .by = uc_user_id(&u),
		                          .by_name = who->display_name[0] ? who->display_name
		                                                          : "System operator",
		                          .at = u.now};
		rc = uc_db(&u, store_nrm_insert(db, &n));
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "create", "nrm_referral", nid,
		                        r.reference[0] ? r.reference : NULL, "referral"));
	if (rc == APP_OK)
		rc = nrm_view(&u, nid, out);
	if (rc == APP_OK) {
		char text[400];
		snprintf(text, sizeof text,
		         "Referred to the National Referral Mechanism%s%s. The reflection and "
		         "recovery period of at least 45 days runs until %s (R-DL-6).",
		         reference ? ", reference " : "", reference ? reference : "",
		         json_string_value(json_object_get(*out, "reflection_ends_local")));
		rc = concern_chronology(&u, id, "nrm_referral", REC_FACT, text);
	}
	return uc_end(&u, rc, out);
}

/* Loads referral `id`'s child and gates it. */
static int nrm_gate(struct uc *u, const char *id, char child[ID_MAX])
{
	child[0] = '\0';
	if (!id_valid(id, "nrm"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such referral.");
	int rc;
	json_t *row = store_nrm_get(u->db, id, &rc);
	if (!row)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such referral.")
		                     : uc_db(u, rc);
	snprintf(child, ID_MAX, "%s", json_string_value(json_object_get(row, "child_id")));
	json_decref(row);
	return concern_gate(u, PEOPLE_CHILD, child, NULL);
}

int app_nrm_decide(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                   struct app_err *err)
{
	static const char *const allowed[] = {"grounds", "decision", "on", NULL};
	static const char *const grounds_set[] = {"reasonable", "conclusive", NULL};
	static const char *const decisions[] = {"positive", "negative", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record NRM decisions", "decision", allowed))
		return err->code;
	const char *grounds = app_json_str(in, "grounds", true, 16, false, err);
	const char *decision = app_json_str(in, "decision", true, 16, false, err);
	struct lt_date on;
	disruption_date_field(&u, in, "on", &on);
	if (grounds && !uc_one_of(grounds, grounds_set))
		app_field_error(err, "grounds", "grounds is reasonable or conclusive.");
	if (decision && !uc_one_of(decision, decisions))
		app_field_error(err, "decision", "decision is positive or negative.");
	if (!err->code && on.y == 0)
		app_field_error(err, "on", "Give the date of the decision.");
	else if (!err->code && ltime_date_cmp(on, dl_london_date(u.now)) > 0)
		app_field_error(err, "on", "The date of the decision cannot be in the future.");
	if (err->code)
		return err->code;
	char child[ID_MAX];
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = nrm_gate(&u, id, child);
	if (rc == APP_OK) {
		int src = store_nrm_decide(db, id, strcmp(grounds, "conclusive") == 0, decision, on,
		                           u.now);
		rc = src == DB_DONE ? app_fail(err, APP_CONFLICT, "R-DL-6",
		                               "That decision is already recorded on the referral.")
		                    : uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "nrm_referral", id, NULL, grounds));
	if (rc == APP_OK)
		rc = nrm_view(&u, id, out);
	if (rc == APP_OK) {
		const char *ref_at = json_string_value(json_object_get(*out, "referred_at"));
		struct lt_date ref_on = {0, 0, 0};
		int64_t t;
		if (ref_at && ltime_parse(ref_at, &t) == 0)
			ref_on = dl_london_date(t);
		if (ltime_date_cmp(on, ref_on) < 0) {
			app_field_error(err, "on", "A decision cannot be before the referral.");
			rc = APP_INVALID;
		}
	}
	if (rc == APP_OK) {
		char text[200];
		snprintf(text, sizeof text,
		         "National Referral Mechanism: %s %s grounds decision recorded (R-DL-6).",
		         decision, grounds);
		rc = concern_chronology(&u, child, "nrm_referral", REC_FACT, text);
	}
	return uc_end(&u, rc, out);
}

int app_child_nrm(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "NRM referrals");
	if (rc != APP_OK)
		return rc;
	json_t *list = NULL;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_CHILD, id, NULL);
	if (rc == APP_OK) {
		int src;
		list = store_nrm_of_child(db, id, &src);
		if (!list)
			rc = uc_db(&u, src);
	}
	if (rc == APP_OK) {
		size_t i;
		json_t *r;
		json_array_foreach(list, i, r) nrm_period(&u, r);
		rc = uc_db(&u, uc_audit(&u, "view", "nrm_referral", id, NULL, "list"));
	}
	if (rc == APP_OK)
		*out = json_pack("{s:O}", "referrals", list);
	json_decref(list);
	return uc_end(&u, rc, out);
}
