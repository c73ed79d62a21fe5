/*
 * disruption_deadlines.c: the work-queue sections of plans, orders and trafficked
 * children (plans.h; R-DL-4, R-DL-5, R-DL-6, R-DL-9): open actions for their owners,
 * the notification, review and renewal deadlines of Sexual Risk Orders and Sexual Harm
 * Prevention Orders for the agency that recorded them, the NRM reflection and recovery
 * periods of the children the actor sees, and what of these is overdue for the owners'
 * supervisors. Due times, states and words come from the deadline engine
 * (protocol/deadlines.h); which deadlines an order has from order_deadlines.
 */
#include "app/plans.h"

#include "app/concern.h"
#include "app/disruption.h"
#include "app/gate.h"
#include "protocol/plans.h"
#include "store/cj.h"
#include "store/orders.h"
#include "store/plans.h"

#define QUEUE_LIMIT 25
#define ROWS_LIMIT 2000

/* An empty work-queue section. */
static json_t *section_new(const char *key, const char *title)
{
	return json_pack("{s:s, s:s, s:i, s:[]}", "key", key, "title", title, "count", 0, "items");
}

/* Counts item in section sec, listing the first QUEUE_LIMIT. */
static void section_add(json_t *sec, json_t *item)
{
	json_t *items = json_object_get(sec, "items");
	json_int_t n = json_integer_value(json_object_get(sec, "count")) + 1;
	json_object_set_new(sec, "count", json_integer(n));
	if (json_array_size(items) < QUEUE_LIMIT)
		json_array_append(items, item);
}

/* A queue item due at `due` (period due - anchor) of kind k at `now`. */
static json_t *item_new(const struct dl_kind *k, const char *label, int64_t anchor, int64_t due,
                        int64_t now, const char *href_kind, const char *subject_id,
                        const char *subject, const char *owner, struct dl_status *ds)
{
	dl_status_at(k, due, due - anchor, now, ds);
	char due_s[LT_TIME_LEN], local[64], left[64];
	ltime_format(due, due_s);
	ltime_london_format(due, local, sizeof local);
	dl_time_left_words(ds->left, left, sizeof left);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "kind",
	                 k ? k->code : "", "rule", k ? k->rule : "", "label",
	                 label ? label : (k ? k->label : ""), "href_kind", href_kind, "subject_id",
	                 subject_id ? subject_id : "", "subject", subject ? subject : "", "due_at",
	                 due_s, "due_local", local, "seconds_left", (json_int_t)ds->left,
	                 "time_left", left, "state", dl_state_code(ds->state), "owner",
	                 owner ? owner : "");
}

/* Whether the actor sees what action row r is about (for listing it). */
static int action_visible(struct uc *u, json_t *r, bool *sees)
{
	*sees = true;
	const char *child = json_string_value(json_object_get(r, "child_id"));
	const char *person = json_string_value(json_object_get(r, "person_id"));
	const char *place = json_string_value(json_object_get(r, "place_id"));
	int rc = APP_OK;
	if (child)
		rc = access_sees_child(u, child, sees);
	if (rc == APP_OK && *sees && person)
		rc = concern_sees(u, PEOPLE_PERSON, person, sees);
	if (rc == APP_OK && *sees && place)
		rc = concern_sees(u, PEOPLE_PLACE, place, sees);
	return rc;
}

/* R-MASE-7, R-DL-5: actions into `sec` (overdue ones only when `overdue`). */
static int action_items(struct uc *u, json_t *rows, json_t *sec, bool overdue)
{
	const struct dl_kind *k = dl_kind_find("mase_action");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		bool sees;
		int rc = action_visible(u, r, &sees);
		if (rc != APP_OK)
			return rc;
		int64_t agreed = 0, due = 0;
		ltime_parse(json_string_value(json_object_get(r, "agreed_at")), &agreed);
		ltime_parse(json_string_value(json_object_get(r, "due_at")), &due);
		struct plan_action a = {.due_at = due, .status = ACTION_OPEN};
		if (!sees || (overdue && !plan_action_overdue(&a, u->now)))
			continue;
		const char *about = json_string_value(json_object_get(r, "record_ref"));
		if (!about)
			about = json_string_value(json_object_get(r, "person_label"));
		if (!about)
			about = json_string_value(json_object_get(r, "place_label"));
		struct dl_status ds;
		json_t *it = item_new(k, "Action", agreed, due, u->now, "action",
		                      json_string_value(json_object_get(r, "id")),
		                      json_string_value(json_object_get(r, "text")),
		                      json_string_value(json_object_get(r, "owner_name")), &ds);
		json_object_set_new(it, "about", about ? json_string(about) : json_null());
		json_object_set(it, "record_ref", json_object_get(r, "record_ref"));
		section_add(sec, it);
		json_decref(it);
	}
	return APP_OK;
}

/* The facts of an order-deadline row as a struct disruption (enough for
 * order_deadlines). */
static void row_facts(json_t *r, struct disruption *d, struct order_change *ch, size_t cap)
{
	struct proto_err pe;
	memset(d, 0, sizeof *d);
	disruption_type_parse(json_string_value(json_object_get(r, "type")), &d->type, &pe);
	order_status_parse(json_string_value(json_object_get(r, "status")), &d->status, &pe);
	const char *s = json_string_value(json_object_get(r, "made_on"));
	if (s)
		ltime_parse_date(s, &d->made_on);
	d->served =
	        ltime_parse(json_string_value(json_object_get(r, "served_at")), &d->served_at) == 0;
	d->notified = ltime_parse(json_string_value(json_object_get(r, "notified_at")),
	                          &d->notified_at) == 0;
	d->travel_restricted = json_integer_value(json_object_get(r, "travel_restricted")) != 0;
	if ((s = json_string_value(json_object_get(r, "travel_from"))))
		ltime_parse_date(s, &d->travel_from);
	if ((s = json_string_value(json_object_get(r, "travel_until"))))
		ltime_parse_date(s, &d->travel_until);
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(r, "changes"), i, c)
	{
		if (i >= cap)
			break;
		ch[i].changed_at = 0;
		ltime_parse(json_string_value(json_object_get(c, "changed_at")), &ch[i].changed_at);
		ch[i].notified = ltime_parse(json_string_value(json_object_get(c, "notified_at")),
		                             &ch[i].notified_at) == 0;
		d->n_changes = i + 1;
	}
	d->changes = ch;
}

/* R-DL-4: the open deadlines of the orders in `rows` into `mine` (when not NULL) and
 * the overdue ones into `over` (when not NULL). */
static int order_items(struct uc *u, json_t *rows, json_t *mine, json_t *over)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *person = json_string_value(json_object_get(r, "person_id"));
		bool sees = true;
		int rc = person ? concern_sees(u, PEOPLE_PERSON, person, &sees) : APP_OK;
		if (rc != APP_OK)
			return rc;
		if (!sees)
			continue;
		struct disruption d;
		struct order_change ch[ORDER_MAX_CHANGES];
		row_facts(r, &d, ch, ORDER_MAX_CHANGES);
		struct order_deadline od[ORDER_MAX_CHANGES + 4];
		struct proto_err pe;
		long n = order_deadlines(&d, od, ARRAY_LEN(od), &pe);
		for (long j = 0; j < n && (size_t)j < ARRAY_LEN(od); j++) {
			if (od[j].done)
				continue;
			struct dl_status ds;
			json_t *it = item_new(od[j].kind, NULL, od[j].anchor, od[j].due, u->now,
			                      "order", json_string_value(json_object_get(r, "id")),
			                      json_string_value(json_object_get(r, "person_label")),
			                      "police offender management", &ds);
			if (mine)
				section_add(mine, it);
			if (over && ds.state == DL_RED && od[j].kind->escalates) /* R-DL-9 */
				section_add(over, it);
			json_decref(it);
		}
	}
	return APP_OK;
}

/* R-DL-6: the reflection periods of referrals in `rows` of children the actor sees. */
static int nrm_items(struct uc *u, json_t *rows, json_t *mine, json_t *over)
{
	const struct dl_kind *k = dl_kind_find("nrm_reflection");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		bool sees = false;
		int rc = access_sees_child(u, json_string_value(json_object_get(r, "child_id")),
		                           &sees);
		if (rc != APP_OK)
			return rc;
		int64_t at, due;
		struct proto_err pe;
		if (!sees || !k ||
		    ltime_parse(json_string_value(json_object_get(r, "referred_at")), &at) < 0 ||
		    dl_due(k, at, NULL, &due, &pe) < 0)
			continue;
		char name[300];
		snprintf(name, sizeof name, "%s %s",
		         json_string_value(json_object_get(r, "given_names")),
		         json_string_value(json_object_get(r, "family_name")));
		const char *ref = json_string_value(json_object_get(r, "record_ref"));
		struct dl_status ds;
		json_t *it = item_new(k, NULL, at, due, u->now, ref ? "record" : "child",
		                      ref ? ref : json_string_value(json_object_get(r, "child_id")),
		                      name, "children's social care", &ds);
		json_object_set_new(it, "record_ref", ref ? json_string(ref) : json_null());
		if (mine)
			section_add(mine, it);
		if (over && ds.state == DL_RED)
			section_add(over, it);
		json_decref(it);
	}
	return APP_OK;
}

/* The sections for the actor, appended to `sections`. Returns an app code. */
static int sections_for(struct uc *u, json_t *sections)
{
	const struct actor *who = u->who;
	bool sys = who->system;
	bool police = sys || actor_has(who, ROLES_POLICE | ROLE_BIT(ROLE_ASSESSMENT_TEAM));
	bool csc = sys || actor_has(who, ROLE_BIT(ROLE_SOCIAL_WORKER) | ROLE_BIT(ROLE_CSC_MANAGER) |
	                                         ROLE_BIT(ROLE_MASH_WORKER));
	bool supervisor = sys || actor_has(who, ROLE_BIT(ROLE_POLICE_SUPERVISOR) |
	                                                ROLE_BIT(ROLE_CSC_MANAGER));
	bool scope = sys || actor_scope(who) != ACCESS_NONE;
	const char *agency = concern_opt(who->agency_id);
	if (!scope)
		return APP_OK;
	json_t *acts = section_new("actions_due", "Actions you own: due and overdue");
	json_t *orders =
	        section_new("order_deadlines", "Orders: notifications, reviews and renewals due");
	json_t *nrm = section_new("nrm_deadlines",
	                          "Trafficked children: NRM reflection and recovery periods");
	json_t *over = section_new("disruption_overdue",
	                           "Overdue actions and order deadlines (supervisor view)");
	int src = DB_OK, rc = APP_OK;
	json_t *rows =
	        store_actions_owned(u->db, uc_user_id(u), agency, false, 0, ROWS_LIMIT, &src);
	rc = rows ? action_items(u, rows, acts, false) : uc_db(u, src);
	json_decref(rows);
	if (rc == APP_OK && supervisor) {
		rows = store_actions_owned(u->db, NULL, agency, true, u->now, ROWS_LIMIT, &src);
		rc = rows ? action_items(u, rows, over, true) : uc_db(u, src);
		json_decref(rows);
	}
	if (rc == APP_OK && police) {
		rows = store_order_deadline_rows(u->db, sys ? NULL : agency, ROWS_LIMIT, &src);
		rc = rows ? order_items(u, rows, orders, supervisor && !csc ? over : NULL)
		          : uc_db(u, src);
		json_decref(rows);
	}
	if (rc == APP_OK && (csc || police)) {
		rows = store_nrm_open(u->db, ROWS_LIMIT, &src);
		rc = rows ? nrm_items(u, rows, nrm,
		                      supervisor && actor_has(who, ROLE_BIT(ROLE_CSC_MANAGER))
		                              ? over
		                      : sys ? over
		                            : NULL)
		          : uc_db(u, src);
		json_decref(rows);
	}
	if (rc == APP_OK) {
		json_array_append(sections, acts);
		if (police)
			json_array_append(sections, orders);
		if (csc || police)
			json_array_append(sections, nrm);
		if (supervisor)
			json_array_append(sections, over);
	}
	json_decref(acts);
	json_decref(orders);
	json_decref(nrm);
	json_decref(over);
	return rc;
}

int disruption_deadline_sections(struct db *db, const struct actor *who, int64_t now,
                                 json_t *sections)
{
	struct app_err err;
	struct uc u;
	uc_init(&u, db, who, &err);
	u.now = now;
	int rc = sections_for(&u, sections);
	return rc == APP_OK ? DB_OK : DB_E_ERROR;
}

int app_disruption_deadlines(struct db *db, const struct actor *who, const char *id, json_t *in,
                             json_t **out, struct app_err *err)
{
	UNUSED(id);
	UNUSED(in);
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	int rc = uc_begin(&u);
	json_t *s = json_array();
	if (rc == APP_OK)
		rc = sections_for(&u, s);
	json_int_t total = 0;
	size_t i;
	json_t *v;
	json_array_foreach(s, i, v) total += json_integer_value(json_object_get(v, "count"));
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "view", "work_queue", NULL, NULL, "disruption_deadlines"));
	if (rc == APP_OK)
		*out = json_pack("{s:O, s:I}", "sections", s, "total", total);
	json_decref(s);
	return uc_end(&u, rc, out);
}
