/*
 * orders.c: orders, notices and other disruptions (see orders.h). Recording one reads
 * the input into a struct disruption, gates what it is against, takes a CAWN child's
 * date of birth and care status from the child's record, asks the protocol
 * (disruption_validate) and writes it with the outcome code it warrants; changing one
 * applies the change to the stored facts and asks order_change_validate.
 */
#include "app/orders.h"

#include "app/concern.h"
#include "app/disruption.h"
#include "app/gate.h"
#include "protocol/plans.h"
#include "store/cj.h"
#include "store/orders.h"
#include "store/people.h"
#include "store/plans.h"
#include "store/users.h"

/* ---- reading input ---- */

/* Reads the breaches array of `in` (dates) into f. */
static void read_breaches(struct uc *u, json_t *in, struct order_facts *f)
{
	json_t *b = json_object_get(in, "breaches");
	if (!b || json_is_null(b))
		return;
	if (!json_is_array(b) || json_array_size(b) > ORDER_MAX_BREACHES) {
		app_field_error(u->err, "breaches", "breaches must be a list of at most %d dates.",
		                ORDER_MAX_BREACHES);
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(b, i, v)
	{
		json_t *tmp = json_pack("{s:O}", "breaches", v);
		disruption_date_field(u, tmp, "breaches", &f->breaches[i]);
		json_decref(tmp);
	}
	f->d.n_breaches = json_array_size(b);
}

/* The fields a new order may carry. */
static const char *const ADD_FIELDS[] = {
        "type",        "person_id",       "child_id",      "place_id",
        "vehicle_id",  "status",          "applied_on",    "made_on",
        "served_at",   "serving_officer", "ends_on",       "varied_on",
        "breaches",    "expired_on",      "discharged_on", "travel_restricted",
        "travel_from", "travel_until",    "notified_at",   "on",
        "until",       "offence",         "note",          "borough",
        NULL};

/* Reads a new order's input into f (f->d's strings point into `in`) and *borough. */
static int read_new(struct uc *u, json_t *in, struct order_facts *f, const char **borough)
{
	struct app_err *err = u->err;
	struct disruption *d = &f->d;
	memset(f, 0, sizeof *f);
	d->breaches = f->breaches;
	d->changes = f->changes;
	const char *type = app_json_str(in, "type", true, 32, false, err);
	const char *status = app_json_str(in, "status", false, 16, false, err);
	d->subject_id = app_json_str(in, "person_id", false, ID_MAX, false, err);
	d->child_id = app_json_str(in, "child_id", false, ID_MAX, false, err);
	d->place_id = app_json_str(in, "place_id", false, ID_MAX, false, err);
	d->vehicle_id = app_json_str(in, "vehicle_id", false, ID_MAX, false, err);
	disruption_date_field(u, in, "applied_on", &d->applied_on);
	disruption_date_field(u, in, "made_on", &d->made_on);
	disruption_time_field(u, in, "served_at", &d->served_at, &d->served);
	d->serving_officer = app_json_str(in, "serving_officer", false, PROTO_NAME_MAX, false, err);
	disruption_date_field(u, in, "ends_on", &d->ends_on);
	disruption_date_field(u, in, "varied_on", &d->varied_on);
	read_breaches(u, in, f);
	disruption_date_field(u, in, "expired_on", &d->expired_on);
	disruption_date_field(u, in, "discharged_on", &d->discharged_on);
	d->travel_restricted = app_json_bool(in, "travel_restricted", false, err);
	disruption_date_field(u, in, "travel_from", &d->travel_from);
	disruption_date_field(u, in, "travel_until", &d->travel_until);
	disruption_time_field(u, in, "notified_at", &d->notified_at, &d->notified);
	disruption_date_field(u, in, "on", &d->on);
	disruption_date_field(u, in, "until", &d->until);
	d->offence = app_json_str(in, "offence", false, PROTO_SHORT_MAX, true, err);
	d->note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, err);
	*borough = app_json_str(in, "borough", false, 80, false, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (disruption_type_parse(type, &d->type, &pe) < 0)
		return uc_proto_refused(u, &pe);
	if (d->type == DISRUPT_ARREST || d->type == DISRUPT_CHARGE) {
		app_fail(err, APP_INVALID, "R-OUTC-2",
		         "Arrests and charges are recorded on the person's criminal justice case "
		         "(R-OUTC-2), which records them as disruptions too.");
		app_field_error(err, "type",
		                "Record arrests and charges on the criminal justice "
		                "case (R-OUTC-2).");
		return APP_INVALID;
	}
	enum disruption_class cls = disruption_class_of(d->type);
	if (status && order_status_parse(status, &d->status, &pe) < 0)
		return uc_proto_refused(u, &pe);
	if (!status) /* a court order starts with its application, a notice with service */
		d->status = cls == DCLASS_NOTICE ? ORDER_SERVED : ORDER_APPLIED;
	if (disruption_may_record(d->type, disruption_entitled(u), &pe) < 0)
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* R-ORD-1: a CAWN's child's date of birth and care status on the date served, from the
 * child's record (after the gate). */
static int cawn_child_facts(struct uc *u, struct disruption *d)
{
	if (d->type != DISRUPT_CAWN || !d->child_id || !d->served)
		return APP_OK;
	int rc = store_child_care_on(u->db, d->child_id, dl_london_date(d->served_at),
	                             &d->child_dob, &d->child_in_care);
	return rc == DB_ROW    ? APP_OK
	       : rc == DB_DONE ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.")
	                       : uc_db(u, rc);
}

/* ---- the view ---- */

/* The label of a code of table t, or the code. */
static const char *label_of(enum ref_table t, const char *code)
{
	const struct ref_item *it = code ? ref_lookup(t, code) : NULL;
	return it ? it->label : code;
}

/* R-DL-4: the order's deadlines at u->now as a JSON array. */
static json_t *deadlines_json(struct uc *u, const struct disruption *d)
{
	struct order_deadline items[ORDER_MAX_CHANGES + 4];
	struct proto_err pe;
	long n = order_deadlines(d, items, ARRAY_LEN(items), &pe);
	json_t *a = json_array();
	for (long i = 0; i < n && (size_t)i < ARRAY_LEN(items); i++) {
		const struct order_deadline *o = &items[i];
		struct dl_status ds;
		dl_status_at(o->kind, o->due, o->due - o->anchor, u->now, &ds);
		char due[LT_TIME_LEN], local[64], left[64], done[LT_TIME_LEN] = "";
		ltime_format(o->due, due);
		ltime_london_format(o->due, local, sizeof local);
		dl_time_left_words(ds.left, left, sizeof left);
		if (o->done)
			ltime_format(o->done_at, done);
		json_array_append_new(
		        a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:b, s:s?, s:I}",
		                     "kind", o->kind->code, "rule", o->kind->rule, "label",
		                     o->kind->label, "due_at", due, "due_local", local,
		                     "seconds_left", (json_int_t)ds.left, "time_left", left,
		                     "state", o->done ? "done" : dl_state_code(ds.state), "done",
		                     o->done, "done_at", o->done ? done : NULL, "change",
		                     (json_int_t)o->index));
	}
	return a;
}

/* Hides the child's names of row r from an actor who does not see the child. */
static int child_names_for(struct uc *u, json_t *r)
{
	const char *kid = json_string_value(json_object_get(r, "child_id"));
	if (!kid)
		return APP_OK;
	bool sees = false;
	int rc = access_sees_child(u, kid, &sees);
	if (rc != APP_OK)
		return rc;
	json_object_set_new(r, "child_visible", json_boolean(sees));
	if (!sees) {
		json_object_set_new(r, "child_given_names", json_null());
		json_object_set_new(r, "child_family_name", json_null());
		json_object_set_new(r, "child_dob", json_null());
		json_object_set_new(r, "child_id", json_null());
	}
	return APP_OK;
}

/* Adds labels to a disruption row. */
static void label_row(json_t *r)
{
	const char *t = json_string_value(json_object_get(r, "type"));
	const char *s = json_string_value(json_object_get(r, "status"));
	json_object_set_new(r, "type_label", json_string(label_of(REF_DISRUPTION_TYPES, t)));
	json_object_set_new(r, "status_label",
	                    s ? json_string(label_of(REF_ORDER_STATUSES, s)) : json_null());
	static const char *const bools[] = {"restricted", "travel_restricted", "child_in_care",
	                                    NULL};
	for (const char *const *k = bools; *k; k++) {
		json_t *v = json_object_get(r, *k);
		if (json_is_integer(v))
			json_object_set_new(r, *k, json_boolean(json_integer_value(v) != 0));
	}
}

/* The view of order `id` (already gated) into *out. */
static int order_view(struct uc *u, const char *id, json_t **out)
{
	struct order_facts f;
	int rc = order_facts_load(u, id, &f);
	if (rc == APP_OK) {
		*out = json_deep_copy(f.row);
		label_row(*out);
		rc = child_names_for(u, *out);
	}
	if (rc == APP_OK) {
		enum outcome_code oc = disruption_outcome(&f.d);
		json_object_set_new(*out, "outcome",
		                    oc ? json_string(outcome_code_str(oc)) : json_null());
		json_object_set_new(*out, "deadlines", deadlines_json(u, &f.d));
		bool ended = order_status_ended(f.d.status);
		json_object_set_new(*out, "ended", json_boolean(ended));
		json_object_set_new(
		        *out, "can_change",
		        json_boolean(!ended && access_may_file(u->who->roles, u->who->system)));
	}
	order_facts_release(&f);
	return rc;
}

/* ---- recording ---- */

int app_order_add(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(id);
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record orders", "order", ADD_FIELDS))
		return err->code;
	struct order_facts f;
	const char *borough;
	int rc = read_new(&u, in, &f, &borough);
	if (rc != APP_OK)
		return rc;
	char bid[ID_MAX], did[ID_MAX] = "";
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = disruption_borough(&u, borough, "borough", bid);
	if (rc == APP_OK)
		rc = disruption_gate(&u, &f.d, NULL, true);
	if (rc == APP_OK)
		rc = cawn_child_facts(&u, &f.d);
	struct proto_err pe;
	if (rc == APP_OK && disruption_validate(&f.d, u.now, &pe) < 0) /* R-ORD-1..4 */
		rc = uc_proto_refused(&u, &pe);
	if (rc == APP_OK)
		rc = disruption_insert(&u, &f.d, bid, NULL, did);
	if (rc == APP_OK)
		rc = order_view(&u, did, out);
	if (rc == APP_OK) {
		enum outcome_code oc = disruption_new_outcome(NULL, &f.d);
		json_object_set_new(*out, "outcome_added",
		                    oc && f.d.subject_id ? json_string(outcome_code_str(oc))
		                                         : json_null());
	}
	return uc_end(&u, rc, out);
}

/* The fields a change may carry. */
static const char *const CHANGE_FIELDS[] = {
        "status",      "made_on",      "served_at",   "serving_officer", "ends_on",
        "varied_on",   "breach_on",    "expired_on",  "discharged_on",   "travel_restricted",
        "travel_from", "travel_until", "notified_at", "name_change_at",  "change_notified",
        "until",       "note",         NULL};

/* The status a change implies when none is given: the latest event it records. */
static bool implied_status(json_t *in, enum order_status *s)
{
	static const struct {
		const char *key;
		enum order_status status;
	} K[] = {{"discharged_on", ORDER_DISCHARGED}, {"expired_on", ORDER_EXPIRED},
	         {"breach_on", ORDER_BREACHED},       {"varied_on", ORDER_VARIED},
	         {"served_at", ORDER_SERVED},         {"made_on", ORDER_MADE}};
	for (size_t i = 0; i < ARRAY_LEN(K); i++)
		if (json_object_get(in, K[i].key)) {
			*s = K[i].status;
			return true;
		}
	return false;
}

/* Sets *d from `key` of `in` when the key is there. */
static void date_if(struct uc *u, json_t *in, const char *key, struct lt_date *d)
{
	if (json_object_get(in, key))
		disruption_date_field(u, in, key, d);
}

/* R-ORD-3: a change of name or address, and the notification of an earlier one. */
static void read_changes(struct uc *u, json_t *in, struct order_facts *a)
{
	struct disruption *d = &a->d;
	int64_t t;
	bool set;
	disruption_time_field(u, in, "name_change_at", &t, &set);
	if (set && d->n_changes >= ORDER_MAX_CHANGES)
		app_field_error(u->err, "name_change_at",
		                "At most %d changes are kept on one order.", ORDER_MAX_CHANGES);
	else if (set)
		a->changes[d->n_changes++] = (struct order_change){t, false, 0};
	json_t *cn = json_object_get(in, "change_notified");
	if (!cn)
		return;
	json_t *ix = json_object_get(cn, "index");
	if (!json_is_object(cn) || !json_is_integer(ix) || json_integer_value(ix) < 0 ||
	    (size_t)json_integer_value(ix) >= d->n_changes) {
		app_field_error(u->err, "change_notified",
		                "change_notified needs the index of a recorded change and "
		                "notified_at.");
		return;
	}
	disruption_time_field(u, cn, "notified_at", &t, &set);
	if (!set) {
		app_field_error(u->err, "change_notified",
		                "Give the time the change was notified.");
		return;
	}
	struct order_change *c = &a->changes[json_integer_value(ix)];
	c->notified = true;
	c->notified_at = t;
}

/* Applies the change `in` to a copy of the stored facts (`a` starts as `b`). */
static int apply_change(struct uc *u, json_t *in, const struct order_facts *b,
                        struct order_facts *a, const char **note)
{
	struct disruption *d = &a->d;
	order_facts_copy(b, a);
	struct app_err *err = u->err;
	const char *status = app_json_str(in, "status", false, 16, false, err);
	date_if(u, in, "made_on", &d->made_on);
	if (json_object_get(in, "served_at"))
		disruption_time_field(u, in, "served_at", &d->served_at, &d->served);
	if (json_object_get(in, "serving_officer"))
		d->serving_officer =
		        app_json_str(in, "serving_officer", false, PROTO_NAME_MAX, false, err);
	date_if(u, in, "ends_on", &d->ends_on);
	date_if(u, in, "varied_on", &d->varied_on);
	date_if(u, in, "expired_on", &d->expired_on);
	date_if(u, in, "discharged_on", &d->discharged_on);
	if (json_object_get(in, "travel_restricted"))
		d->travel_restricted = app_json_bool(in, "travel_restricted", false, err);
	date_if(u, in, "travel_from", &d->travel_from);
	date_if(u, in, "travel_until", &d->travel_until);
	if (json_object_get(in, "notified_at"))
		disruption_time_field(u, in, "notified_at", &d->notified_at, &d->notified);
	date_if(u, in, "until", &d->until);
	if (json_object_get(in, "breach_on")) {
		struct lt_date on;
		disruption_date_field(u, in, "breach_on", &on);
		if (d->n_breaches >= ORDER_MAX_BREACHES)
			app_field_error(err, "breach_on",
			                "At most %d breaches are kept on one order.",
			                ORDER_MAX_BREACHES);
		else
			a->breaches[d->n_breaches++] = on;
	}
	read_changes(u, in, a);
	*note = app_json_str(in, "note", false, PROTO_SHORT_MAX, true, err);
	if (err->code)
		return err->code;
	struct proto_err pe;
	if (status && order_status_parse(status, &d->status, &pe) < 0)
		return uc_proto_refused(u, &pe);
	enum disruption_class cls = disruption_class_of(d->type);
	if (!status && (cls == DCLASS_ORDER || cls == DCLASS_NOTICE))
		implied_status(in, &d->status);
	return APP_OK;
}

/* The names of the fields given in `in`, comma-separated, into out. */
static void fields_given(json_t *in, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v)
	{
		if (len < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", key);
	}
	if (!out[0])
		snprintf(out, n, "none");
}

int app_order_change(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change orders", "change", CHANGE_FIELDS))
		return err->code;
	if (err->code)
		return err->code;
	struct order_facts before, after;
	memset(&after, 0, sizeof after);
	const char *note = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = order_facts_load(&u, id, &before);
	if (rc == APP_OK)
		rc = disruption_gate(&u, &before.d, id, true);
	if (rc == APP_OK)
		rc = apply_change(&u, in, &before, &after, &note);
	struct proto_err pe;
	if (rc == APP_OK && order_change_validate(&before.d, &after.d, u.now, &pe) < 0)
		rc = uc_proto_refused(&u, &pe); /* R-ORD-1..4 */
	char fields[300];
	fields_given(in, fields, sizeof fields);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           store_disruption_update(
		                   db, &(struct store_disruption_set){
		                               .id = id,
		                               .d = &after.d,
		                               .old_breaches = before.d.n_breaches,
		                               .old_changes = before.d.n_changes,
		                               .fields = fields,
		                               .note = note,
		                               .by = uc_user_id(&u),
		                               .by_name = who->display_name[0] ? who->display_name
		                                                               : "System operator",
		                               .at = u.now}));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "change", "disruption", id, NULL, fields));
	enum outcome_code added = OUTCOME_NONE;
	if (rc == APP_OK) /* R-OUT-5: serving it adds FP or FO in this transaction */
		rc = disruption_outcome_write(&u, id, &before.d, &after.d, &added);
	if (rc == APP_OK)
		rc = order_view(&u, id, out);
	if (rc == APP_OK)
		json_object_set_new(*out, "outcome_added",
		                    added ? json_string(outcome_code_str(added)) : json_null());
	order_facts_release(&before);
	return uc_end(&u, rc, out);
}

int app_order_get(struct db *db, const struct actor *who, const char *id, json_t *in, json_t **out,
                  struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "orders");
	if (rc != APP_OK)
		return rc;
	struct order_facts f;
	memset(&f, 0, sizeof f);
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = order_facts_load(&u, id, &f);
	if (rc == APP_OK) {
		rc = disruption_gate(&u, &f.d, id, false);
		if (rc == APP_NOT_FOUND) /* answered exactly as an order that does not exist */
			snprintf(err->message, sizeof err->message, "No such order.");
	}
	if (rc == APP_OK)
		rc = order_view(&u, id, out);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "disruption", id, NULL, "all"));
	order_facts_release(&f);
	return uc_end(&u, rc, out);
}

/* ---- lists ---- */

/* Labels each row of a list and hides children the actor does not see. */
static int rows_for(struct uc *u, json_t *rows)
{
	size_t i;
	json_t *r;
	int rc = APP_OK;
	json_array_foreach(rows, i, r)
	{
		label_row(r);
		if (rc == APP_OK)
			rc = child_names_for(u, r);
	}
	return rc;
}

/* The children linked to person `pid` that the actor sees, into `out` [{id, name}] (for
 * choosing the child a CAWN protects). */
static int children_seen(struct uc *u, const char *pid, json_t *out)
{
	int src;
	json_t *kids = store_person_children(u->db, pid, &src);
	if (!kids)
		return uc_db(u, src);
	int rc = APP_OK;
	size_t i;
	json_t *k;
	json_array_foreach(kids, i, k)
	{
		const char *kid = json_string_value(json_object_get(k, "child_id"));
		bool sees = false;
		rc = access_sees_child(u, kid, &sees);
		if (rc != APP_OK)
			break;
		char name[300];
		src = sees ? store_entity_label(u->db, "child", kid, name, sizeof name, NULL)
		           : DB_DONE;
		if (src == DB_ROW)
			json_array_append_new(out,
			                      json_pack("{s:s, s:s}", "id", kid, "name", name));
		else if (src != DB_DONE) {
			rc = uc_db(u, src);
			break;
		}
	}
	json_decref(kids);
	return rc;
}

int app_person_orders(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "orders");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PERSON, id, NULL);
	char label[256] = "";
	if (rc == APP_OK)
		rc = uc_db(&u, store_person_label_of(db, id, label, sizeof label));
	int src = DB_OK;
	json_t *orders = rc == APP_OK ? store_disruptions_of(db, "person_id", id,
	                                                     disruption_entitled(&u), &src)
	                              : NULL;
	json_t *outcomes = orders ? store_person_outcomes(db, id, &src) : NULL;
	json_t *cases = outcomes ? store_cj_list(db, id, NULL, NULL, 500, &src) : NULL;
	if (rc == APP_OK && !cases)
		rc = uc_db(&u, src);
	if (rc == APP_OK)
		rc = rows_for(&u, orders);
	json_t *children = json_array();
	if (rc == APP_OK)
		rc = children_seen(&u, id, children);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "view", "person", id, NULL, "orders,outcomes,cj_cases"));
	if (rc == APP_OK) {
		json_t *attr = cj_attrition_json(cases, (struct lt_date){0, 0, 0},
		                                 (struct lt_date){0, 0, 0});
		*out = json_pack("{s:{s:s, s:s}, s:O, s:O, s:O, s:o, s:O, s:b, s:b}", "person",
		                 "id", id, "label", label, "orders", orders, "outcomes", outcomes,
		                 "cj_cases", cases, "attrition", attr, "children", children,
		                 "can_record", access_may_file(who->roles, who->system), "entitled",
		                 disruption_entitled(&u));
	}
	json_decref(children);
	json_decref(orders);
	json_decref(outcomes);
	json_decref(cases);
	return uc_end(&u, rc, out);
}

int app_place_orders(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "orders");
	if (rc != APP_OK)
		return rc;
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = concern_gate(&u, PEOPLE_PLACE, id, NULL);
	int src = DB_OK;
	json_t *orders = rc == APP_OK ? store_disruptions_of(db, "place_id", id,
	                                                     disruption_entitled(&u), &src)
	                              : NULL;
	char label[256] = "";
	if (rc == APP_OK && !orders)
		rc = uc_db(&u, src);
	if (rc == APP_OK) {
		src = store_entity_label(db, "place", id, label, sizeof label, NULL);
		rc = src == DB_ROW || src == DB_DONE ? APP_OK : uc_db(&u, src);
	}
	if (rc == APP_OK)
		rc = rows_for(&u, orders);
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "place", id, NULL, "orders"));
	if (rc == APP_OK)
		*out = json_pack("{s:{s:s, s:s}, s:O}", "place", "id", id, "label", label, "orders",
		                 orders);
	json_decref(orders);
	return uc_end(&u, rc, out);
}

/* ---- the borough's summary ---- */

/* R-ORD-5: the tactics part of the summary: per option the current marks counted over
 * the borough's open records, the rest not considered. */
static json_t *tactics_summary(struct uc *u, json_t *counts, int64_t records)
{
	struct tactic_summary shown; /* which options this viewer sees, in order */
	tactic_summarise(NULL, 0, disruption_entitled(u), &shown);
	json_t *options = json_array();
	int64_t tot[TACTIC_MARK_COUNT] = {0};
	for (size_t i = 0; i < shown.not_considered; i++) {
		const char *code = shown.not_considered_codes[i];
		int64_t n[TACTIC_MARK_COUNT] = {0};
		size_t j;
		json_t *c;
		json_array_foreach(counts, j, c)
		{
			if (strcmp(json_string_value(json_object_get(c, "code")), code) != 0)
				continue;
			enum tactic_mark m;
			struct proto_err pe;
			if (tactic_mark_parse(json_string_value(json_object_get(c, "mark")), &m,
			                      &pe) == 0)
				n[m] += json_integer_value(json_object_get(c, "n"));
		}
		n[TACTIC_NOT_CONSIDERED] = records - n[TACTIC_CONSIDERED] - n[TACTIC_IN_PLACE] -
		                           n[TACTIC_NOT_APPLICABLE];
		for (int m = 0; m < TACTIC_MARK_COUNT; m++)
			tot[m] += n[m];
		json_array_append_new(
		        options, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "code", code, "label",
		                           label_of(REF_TACTICS, code), "considered",
		                           (json_int_t)n[TACTIC_CONSIDERED], "in_place",
		                           (json_int_t)n[TACTIC_IN_PLACE], "not_applicable",
		                           (json_int_t)n[TACTIC_NOT_APPLICABLE], "not_considered",
		                           (json_int_t)n[TACTIC_NOT_CONSIDERED]));
	}
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "records", (json_int_t)records,
	                 "shown", (json_int_t)shown.shown, "considered",
	                 (json_int_t)tot[TACTIC_CONSIDERED], "in_place",
	                 (json_int_t)tot[TACTIC_IN_PLACE], "not_applicable",
	                 (json_int_t)tot[TACTIC_NOT_APPLICABLE], "not_considered",
	                 (json_int_t)tot[TACTIC_NOT_CONSIDERED], "options", options);
}

/* The orders part: labelled counts and their total. */
static json_t *orders_summary(json_t *counts, json_int_t *total)
{
	*total = 0;
	size_t i;
	json_t *c;
	json_array_foreach(counts, i, c)
	{
		const char *s = json_string_value(json_object_get(c, "status"));
		json_object_set_new(
		        c, "label",
		        json_string(label_of(REF_DISRUPTION_TYPES,
		                             json_string_value(json_object_get(c, "type")))));
		json_object_set_new(c, "status_label",
		                    s && *s ? json_string(label_of(REF_ORDER_STATUSES, s))
		                            : json_null());
		json_int_t n = json_integer_value(json_object_get(c, "n"));
		json_object_set_new(c, "count", json_integer(n));
		json_object_del(c, "n");
		*total += n;
	}
	return json_incref(counts);
}

int app_disruption_summary(struct db *db, const struct actor *who, const char *id, json_t *in,
                           json_t **out, struct app_err *err)
{
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = concern_may_read(&u, "disruption summaries");
	if (rc != APP_OK)
		return rc;
	char bid[ID_MAX];
	rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = disruption_borough(&u, id, "borough", bid);
	if (rc == APP_OK && !bid[0])
		rc = app_fail(err, APP_NOT_FOUND, NULL, "No such borough.");
	if (rc == APP_INVALID) /* a borough in the path that does not exist */
		rc = app_fail(err, APP_NOT_FOUND, NULL, "No such borough.");
	bool entitled = disruption_entitled(&u);
	int src = DB_OK;
	int64_t records = 0, open = 0, overdue = 0;
	json_t *orders = rc == APP_OK ? store_disruption_counts(db, bid, entitled, &src) : NULL;
	json_t *tactics = orders ? store_tactic_counts(db, bid, entitled, &records, &src) : NULL;
	if (tactics)
		src = store_action_counts(db, bid, u.now, &open, &overdue); /* R-MASE-7 */
	if (rc == APP_OK && (!tactics || src != DB_OK))
		rc = uc_db(&u, src);
	char name[128] = "";
	if (rc == APP_OK)
		rc = uc_db(&u, store_borough_name(db, bid, name, sizeof name));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "disruption_summary", bid, NULL, "counts"));
	if (rc == APP_OK) {
		json_int_t total;
		json_t *o = orders_summary(orders, &total);
		*out = json_pack("{s:{s:s, s:s}, s:o, s:I, s:o, s:{s:I, s:I}}", "borough", "id",
		                 bid, "name", name, "orders", o, "orders_total", total, "tactics",
		                 tactics_summary(&u, tactics, records), "actions", "open",
		                 (json_int_t)open, "overdue", (json_int_t)overdue);
	}
	json_decref(orders);
	json_decref(tactics);
	return uc_end(&u, rc, out);
}
