/*
 * disruption.c: what the order, criminal justice and plan use cases share (see
 * disruption.h): a stored disruption's facts, the gate for what it is against, and
 * writing a disruption with the outcome code it warrants and the chronology entries.
 */
#include "app/disruption.h"

#include "app/concern.h"
#include "store/orders.h"
#include "store/people.h"
#include "store/users.h"

/* ---- facts ---- */

/* The date member `key` of row, or {0, 0, 0}. */
static struct lt_date jdate(json_t *row, const char *key)
{
	struct lt_date d = {0, 0, 0};
	const char *s = json_string_value(json_object_get(row, key));
	if (s && ltime_parse_date(s, &d) < 0)
		d = (struct lt_date){0, 0, 0};
	return d;
}

/* The instant member `key` of row into *t; whether there is one. */
static bool jtime(json_t *row, const char *key, int64_t *t)
{
	*t = 0;
	const char *s = json_string_value(json_object_get(row, key));
	return s && ltime_parse(s, t) == 0;
}

/* The text member `key` of row, or NULL. */
static const char *jstr(json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

/* Fills f->d from f->row. APP_OK, or APP_FAILED for a row that does not read back. */
static int facts_of_row(struct uc *u, struct order_facts *f)
{
	json_t *r = f->row;
	struct disruption *d = &f->d;
	struct proto_err pe;
	memset(d, 0, sizeof *d);
	if (disruption_type_parse(jstr(r, "type"), &d->type, &pe) < 0)
		return app_fail(u->err, APP_FAILED, NULL, "A stored order has an unknown type.");
	const char *status = jstr(r, "status");
	if (status && order_status_parse(status, &d->status, &pe) < 0)
		return app_fail(u->err, APP_FAILED, NULL, "A stored order has an unknown status.");
	d->subject_id = jstr(r, "person_id");
	d->child_id = jstr(r, "child_id");
	d->place_id = jstr(r, "place_id");
	d->vehicle_id = jstr(r, "vehicle_id");
	d->applied_on = jdate(r, "applied_on");
	d->made_on = jdate(r, "made_on");
	d->served = jtime(r, "served_at", &d->served_at);
	d->serving_officer = jstr(r, "serving_officer");
	d->varied_on = jdate(r, "varied_on");
	d->expired_on = jdate(r, "expired_on");
	d->discharged_on = jdate(r, "discharged_on");
	d->ends_on = jdate(r, "ends_on");
	d->child_dob = jdate(r, "child_dob");
	d->child_in_care = json_integer_value(json_object_get(r, "child_in_care")) != 0;
	d->travel_restricted = json_integer_value(json_object_get(r, "travel_restricted")) != 0;
	d->travel_from = jdate(r, "travel_from");
	d->travel_until = jdate(r, "travel_until");
	d->notified = jtime(r, "notified_at", &d->notified_at);
	d->on = jdate(r, "on_date");
	d->until = jdate(r, "until_date");
	d->offence = jstr(r, "offence");
	d->note = jstr(r, "note");
	json_t *b = json_object_get(r, "breaches"), *c = json_object_get(r, "changes");
	if (json_array_size(b) > ORDER_MAX_BREACHES || json_array_size(c) > ORDER_MAX_CHANGES)
		return app_fail(u->err, APP_FAILED, NULL, "A stored order has too many entries.");
	size_t i;
	json_t *x;
	json_array_foreach(b, i, x) f->breaches[i] = jdate(x, "on_date");
	json_array_foreach(c, i, x)
	{
		f->changes[i].notified = jtime(x, "notified_at", &f->changes[i].notified_at);
		jtime(x, "changed_at", &f->changes[i].changed_at);
	}
	d->breaches = f->breaches;
	d->n_breaches = json_array_size(b);
	d->changes = f->changes;
	d->n_changes = json_array_size(c);
	return APP_OK;
}

int order_facts_load(struct uc *u, const char *id, struct order_facts *f)
{
	memset(f, 0, sizeof *f);
	if (!id_valid(id, "dsr"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such order.");
	int rc;
	f->row = store_disruption_get(u->db, id, &rc);
	if (!f->row)
		return rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such order.")
		                     : uc_db(u, rc);
	return facts_of_row(u, f);
}

void order_facts_release(struct order_facts *f)
{
	json_decref(f->row);
	f->row = NULL;
}

void order_facts_copy(const struct order_facts *f, struct order_facts *g)
{
	if (g != f)
		memcpy(g, f, sizeof *g);
	g->row = NULL;
	g->d.breaches = g->breaches;
	g->d.changes = g->changes;
}

/* ---- the gate ---- */

bool disruption_entitled(const struct uc *u)
{
	return concern_entitled(u);
}

int disruption_gate(struct uc *u, const struct disruption *d, const char *id, bool child)
{
	if (!disruption_visible(d->type, disruption_entitled(u))) { /* R-ORD-4, R-INFO-3 */
		uc_refuse(u, "disruption", id, NULL, "covert tactic: not an entitled police role");
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such order.");
	}
	int rc = APP_OK;
	if (d->subject_id)
		rc = concern_gate(u, PEOPLE_PERSON, d->subject_id, NULL);
	else if (d->place_id)
		rc = concern_gate(u, PEOPLE_PLACE, d->place_id, NULL);
	else if (d->vehicle_id)
		rc = concern_gate(u, PEOPLE_VEHICLE, d->vehicle_id, NULL);
	if (rc == APP_OK && d->subject_id && d->place_id)
		rc = concern_gate(u, PEOPLE_PLACE, d->place_id, NULL);
	if (rc == APP_OK && child && d->child_id)
		rc = concern_gate(u, PEOPLE_CHILD, d->child_id, NULL);
	return rc;
}

/* ---- writing ---- */

/* The rule that describes outcome code c. */
static const char *outcome_rule(enum outcome_code c)
{
	return c == OUTCOME_FP ? "R-OUT-2" : c == OUTCOME_FO ? "R-OUT-3" : "R-OUT-4";
}

/* What warranted code c, in words, into out ("Sexual Risk Order served on 3 Mar 2026"). */
static void outcome_words(const struct disruption *d, struct lt_date on, char *out, size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const struct ref_item *t = ref_lookup(REF_DISRUPTION_TYPES, disruption_type_code(d->type));
	const char *label = t ? t->label : "Order";
	char date[24];
	snprintf(date, sizeof date, "%d %s %d", on.d,
	         on.m >= 1 && on.m <= 12 ? months[on.m - 1] : "", on.y);
	if (d->type == DISRUPT_CHARGE)
		snprintf(out, n, "charged on %s with %.300s", date, d->offence ? d->offence : "");
	else
		snprintf(out, n, "%s served on %s", label, date);
}

/* Adds `text` to the chronology of each child in `children` ([{child_id}]) and of
 * `also` (may be NULL), once each. */
static int outcome_entries(struct uc *u, json_t *children, const char *also, const char *text)
{
	int rc = APP_OK;
	bool also_done = !also;
	size_t i;
	json_t *c;
	json_array_foreach(children, i, c)
	{
		const char *kid = json_string_value(json_object_get(c, "child_id"));
		if (!kid)
			continue;
		if (also && strcmp(also, kid) == 0)
			also_done = true;
		rc = concern_chronology(u, kid, "outcome", REC_FACT, text);
		if (rc != APP_OK)
			return rc;
	}
	if (!also_done)
		rc = concern_chronology(u, also, "outcome", REC_FACT, text);
	return rc;
}

int disruption_outcome_write(struct uc *u, const char *id, const struct disruption *before,
                             const struct disruption *after, enum outcome_code *added)
{
	enum outcome_code c = disruption_new_outcome(before, after); /* R-OUT-5 */
	*added = OUTCOME_NONE;
	if (c == OUTCOME_NONE || !after->subject_id)
		return APP_OK;
	struct proto_err pe;
	if (outcome_validate(c, OUTCOME_SUBJECT_PERSON_OF_CONCERN, &pe) < 0)
		return uc_proto_refused(u, &pe);
	struct lt_date on;
	if (!disruption_achieved_on(after, &on))
		on = dl_london_date(u->now);
	char words[400], oid[ID_MAX], label[256] = "";
	outcome_words(after, on, words, sizeof words);
	id_new("out", oid);
	struct store_person_outcome_new row = {.id = oid,
	                                       .person_id = after->subject_id,
	                                       .code = outcome_code_str(c),
	                                       .on = on,
	                                       .note = words,
	                                       .source_id = id,
	                                       .by = uc_user_id(u),
	                                       .at = u->now};
	int rc = uc_db(u, store_person_outcome_add(u->db, &row));
	if (rc == APP_OK) {
		char fields[64];
		snprintf(fields, sizeof fields, "outcome %s, %s", outcome_code_str(c), id);
		rc = uc_db(u,
		           uc_audit(u, "outcome_add", "person", after->subject_id, NULL, fields));
	}
	if (rc == APP_OK)
		rc = uc_db(u, store_person_label_of(u->db, after->subject_id, label, sizeof label));
	json_t *children = NULL;
	if (rc == APP_OK) {
		int src;
		children = store_person_children(u->db, after->subject_id, &src);
		rc = children ? APP_OK : uc_db(u, src);
	}
	if (rc == APP_OK) {
		char text[900];
		snprintf(text, sizeof text,
		         "Outcome %s recorded for %.200s, a person of concern: %s (%s, R-OUT-5).",
		         outcome_code_str(c), label[0] ? label : "a person of concern", words,
		         outcome_rule(c));
		rc = outcome_entries(u, children, after->child_id, text);
	}
	json_decref(children);
	if (rc == APP_OK)
		*added = c;
	return rc;
}

int disruption_insert(struct uc *u, const struct disruption *d, const char *borough_id,
                      const char *cj_case_id, char id[ID_MAX])
{
	id_new("dsr", id);
	struct store_disruption_meta m = {.id = id,
	                                  .borough_id = concern_opt(borough_id),
	                                  .agency_id = concern_opt(u->who->agency_id),
	                                  .cj_case_id = cj_case_id,
	                                  .by = uc_user_id(u),
	                                  .by_name = u->who->display_name[0] ? u->who->display_name
	                                                                     : "System operator",
	                                  .restricted = disruption_restricted(d->type),
	                                  .at = u->now};
	int rc = uc_db(u, store_disruption_insert(u->db, d, &m, "recorded"));
	if (rc == APP_OK)
		rc = uc_db(u, uc_audit(u, "create", "disruption", id, NULL,
		                       disruption_type_code(d->type)));
	enum outcome_code added;
	if (rc == APP_OK)
		rc = disruption_outcome_write(u, id, NULL, d, &added);
	return rc;
}

/* ---- input ---- */

int disruption_borough(struct uc *u, const char *key, const char *field, char id[ID_MAX])
{
	id[0] = '\0';
	if (!key) {
		snprintf(id, ID_MAX, "%s", u->who->borough_id);
		return APP_OK;
	}
	int rc = store_borough_find(u->db, key, id);
	if (rc == DB_DONE) {
		app_field_error(u->err, field, "There is no such borough in Lantern.");
		return APP_INVALID;
	}
	return rc == DB_ROW || rc == DB_OK ? APP_OK : uc_db(u, rc);
}

void disruption_date_field(struct uc *u, json_t *in, const char *key, struct lt_date *d)
{
	*d = (struct lt_date){0, 0, 0};
	char s[11];
	bool present;
	if (app_json_date(in, key, false, u->err, s, &present) == 0 && present)
		ltime_parse_date(s, d);
}

void disruption_time_field(struct uc *u, json_t *in, const char *key, int64_t *t, bool *set)
{
	*t = 0;
	*set = false;
	const char *s = app_json_str(in, key, false, 40, false, u->err);
	if (!s)
		return;
	if (ltime_parse(s, t) < 0) {
		app_field_error(u->err, key,
		                "%s must be a date and time such as 2026-11-28T18:05:00Z.", key);
		return;
	}
	*set = true;
}
