/*
 * child_changes.c: changing a child's details and reading their history (see
 * child_changes.h). A change reads the child as stored, works out each detail's text
 * before and after (as the pages show it), writes only what differs with one history
 * row per detail, keeps the case membership of the placing authority in step
 * (R-MISS-7), makes the matcher's blocking keys again (R-REC-1) and writes one audit
 * event naming the details changed, all in one transaction.
 */
#include "app/child_changes.h"

#include "app/children.h"
#include "app/gate.h"
#include "app/matching.h"
#include "app/uc.h"
#include "link/normalise.h"
#include "store/access.h"
#include "store/child_changes.h"
#include "store/children.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/ltime.h"
#include "util/parse.h"

/* The details a change may set, in the order the pages and the audit event name them. */
enum detail {
	D_ADDRESS,
	D_SCHOOL,
	D_CARERS,
	D_SOCIAL_WORKER,
	D_LOOKED_AFTER,
	D_HOME_AUTHORITY,
	D_HOST_AUTHORITY,
	D_OTHER_NAMES,
	D_COUNT
};

static const char *const DETAILS[D_COUNT] = {"address",        "school",       "carers",
                                             "social_worker",  "looked_after", "home_authority",
                                             "host_authority", "other_names"};

static const char *const NAME_KINDS[] = {"alias", "nickname", "previous", "spelling", NULL};

#define HISTORY_LIMIT 200
#define TEXT_MAX 2000

bool app_child_may_change(const struct actor *who)
{
	return access_may_file(who->roles, who->system);
}

/* What a change asks for, read from its input. */
struct change_in {
	bool has[D_COUNT]; /* the key was given */
	const char *address;
	char postcode[LINK_POSTCODE_LEN]; /* normalised; "" when none */
	const char *school, *social_worker, *home, *host, *reason;
	bool looked_after;
	json_t *carers; /* [text] (a new reference) */
	json_t *names;  /* [{name, kind}] (a new reference) */
};

static void change_in_release(struct change_in *c)
{
	json_decref(c->carers);
	json_decref(c->names);
}

/* An optional text detail: present (c->has) even when null or "" (clearing it). */
static const char *text_detail(json_t *in, enum detail d, size_t max, struct change_in *c,
                               struct app_err *err)
{
	c->has[d] = json_object_get(in, DETAILS[d]) != NULL;
	return app_json_str(in, DETAILS[d], false, max, false, err);
}

/* "address": {"address", "postcode"?} or null. */
static void read_address(json_t *in, struct change_in *c, struct app_err *err)
{
	json_t *a = json_object_get(in, "address");
	c->has[D_ADDRESS] = a != NULL;
	if (!a || json_is_null(a))
		return;
	if (!json_is_object(a)) {
		app_field_error(err, "address",
		                "The address must be an object with address and "
		                "postcode.");
		return;
	}
	static const char *const allowed[] = {"address", "postcode", NULL};
	int first = err->nfields;
	app_json_only(a, allowed, err);
	c->address = app_json_str(a, "address", false, 300, false, err);
	const char *pc = app_json_str(a, "postcode", false, 10, false, err);
	char outward[LINK_OUTWARD_LEN];
	if (pc && link_normalise_postcode(pc, c->postcode, outward) < 0)
		app_field_error(err, "postcode", "Enter a UK postcode, like N1 1AA.");
	if (pc && !c->address)
		app_field_error(err, "address", "Enter the address that goes with the postcode.");
	/* errors inside the object name their place in it: "address.postcode" */
	for (int i = first; i < err->nfields; i++) {
		char f[sizeof err->fields[0].field];
		snprintf(f, sizeof f, "address.%.39s", err->fields[i].field);
		snprintf(err->fields[i].field, sizeof err->fields[i].field, "%s", f);
	}
}

/* "carers": [text] (at most CHILD_CARERS_MAX of 200 characters) or null. */
static void read_carers(json_t *in, struct change_in *c, struct app_err *err)
{
	json_t *a = json_object_get(in, "carers");
	c->has[D_CARERS] = a != NULL;
	c->carers = json_array();
	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a) || json_array_size(a) > CHILD_CARERS_MAX) {
		app_field_error(err, "carers", "Give at most %d carers, one on each line.",
		                CHILD_CARERS_MAX);
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);
		if (!s || !text_ok(s, 200, false) || !*s)
			app_field_error(
			        err, "carers",
			        "Each carer is a name of at most 200 characters, for example "
			        "Sam Jones (mother).");
		else
			json_array_append_new(c->carers, json_string(s));
	}
}

/* "other_names": [text | {name, kind}] or null; a name given as text keeps the kind it
 * has now (`current`), else it is an alias. */
static void read_names(json_t *in, json_t *current, struct change_in *c, struct app_err *err)
{
	json_t *a = json_object_get(in, "other_names");
	c->has[D_OTHER_NAMES] = a != NULL;
	c->names = json_array();
	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a) || json_array_size(a) > CHILD_MAX_OTHER_NAMES) {
		app_field_error(err, "other_names",
		                "Give at most %d other names, one on each line.",
		                CHILD_MAX_OTHER_NAMES);
		return;
	}
	size_t i, j;
	json_t *v, *o;
	json_array_foreach(a, i, v)
	{
		const char *name = json_is_object(v) ? json_string_value(json_object_get(v, "name"))
		                                     : json_string_value(v);
		const char *kind =
		        json_is_object(v) ? json_string_value(json_object_get(v, "kind")) : NULL;
		if (!name || !*name || !text_ok(name, 200, false)) {
			app_field_error(err, "other_names",
			                "Each other name is text of at most 200 characters.");
			continue;
		}
		if (kind && !uc_one_of(kind, NAME_KINDS)) {
			app_field_error(err, "other_names",
			                "A name's kind is alias, nickname, previous or spelling.");
			continue;
		}
		json_array_foreach(current, j, o)
		{
			if (!kind &&
			    strcmp(json_string_value(json_object_get(o, "name")), name) == 0)
				kind = json_string_value(json_object_get(o, "kind"));
		}
		json_array_append_new(c->names, json_pack("{s:s, s:s}", "name", name, "kind",
		                                          kind ? kind : "alias"));
	}
}

/* Reads the whole input (the child's current names are needed for their kinds). */
static int read_change(json_t *in, json_t *current_names, struct change_in *c, struct app_err *err)
{
	static const char *const allowed[] = {
	        "address",        "school",         "carers",      "social_worker", "looked_after",
	        "home_authority", "host_authority", "other_names", "reason",        NULL};
	memset(c, 0, sizeof(*c));
	app_json_only(in, allowed, err);
	read_address(in, c, err);
	c->school = text_detail(in, D_SCHOOL, 120, c, err);
	read_carers(in, c, err);
	c->social_worker = text_detail(in, D_SOCIAL_WORKER, 120, c, err);
	c->has[D_LOOKED_AFTER] = json_object_get(in, "looked_after") != NULL;
	c->looked_after = app_json_bool(in, "looked_after", false, err);
	c->home = text_detail(in, D_HOME_AUTHORITY, 120, c, err);
	c->host = text_detail(in, D_HOST_AUTHORITY, 120, c, err);
	read_names(in, current_names, c, err);
	c->reason = app_json_str(in, "reason", false, 500, true, err);
	return err->code ? err->code : APP_OK;
}

/* ---- the details as text ---- */

/* The child's current address (the newest without an end date), or NULL. */
static json_t *current_address(json_t *child)
{
	json_t *list = json_object_get(child, "addresses"), *cur = NULL;
	size_t i;
	json_t *a;
	json_array_foreach(list, i, a)
	{
		if (json_is_null(json_object_get(a, "to_date")) || !json_object_get(a, "to_date"))
			cur = a;
	}
	return cur;
}

/* "12 Acacia Road, N1 1AA" (or without the postcode); NULL for no address. */
static json_t *address_text(const char *address, const char *postcode)
{
	if (!address || !*address)
		return json_null();
	char s[TEXT_MAX];
	snprintf(s, sizeof s, "%s%s%s", address, postcode && *postcode ? ", " : "",
	         postcode ? postcode : "");
	return json_string(s);
}

/* The texts of a list joined by "; " (each through `fmt`: the item, or its name and
 * kind); null for an empty list. */
static json_t *list_text(json_t *list, bool names)
{
	if (json_array_size(list) == 0)
		return json_null();
	struct buf b;
	buf_init(&b, TEXT_MAX * 2);
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
	{
		if (names)
			buf_printf(&b, "%s%s (%s)", i ? "; " : "",
			           json_string_value(json_object_get(v, "name")),
			           json_string_value(json_object_get(v, "kind")));
		else
			buf_printf(&b, "%s%s", i ? "; " : "", json_string_value(v));
	}
	json_t *s = json_string(buf_cstr(&b));
	buf_release(&b);
	return s;
}

static json_t *opt_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The other names as stored ([{name, kind}]) in the same shape as read_names makes. */
static json_t *stored_names(json_t *child)
{
	json_t *out = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(child, "other_names"), i, v)
	{
		const char *name = json_string_value(json_object_get(v, "name"));
		const char *kind = json_string_value(json_object_get(v, "kind"));
		if (name)
			json_array_append_new(out, json_pack("{s:s, s:s}", "name", name, "kind",
			                                     kind ? kind : "alias"));
	}
	return out;
}

/* ---- applying a change ---- */

/* The change worked out: each detail's text before and after, and what to store. */
struct plan {
	json_t *before, *after; /* {detail: text or null} */
	bool changed[D_COUNT];
	int n;
	/* what the children row holds afterwards */
	const char *school, *sw_id, *sw_name, *home, *host;
	char home_id[32], old_home_id[32];
	bool looked_after;
	char *carers_json; /* malloc'd, or NULL */
};

static void plan_release(struct plan *p)
{
	json_decref(p->before);
	json_decref(p->after);
	free(p->carers_json);
}

/* Records detail d's texts in the plan, and whether it changed. */
static void plan_detail(struct plan *p, enum detail d, json_t *before, json_t *after)
{
	json_object_set_new(p->before, DETAILS[d], before);
	json_object_set_new(p->after, DETAILS[d], after);
	p->changed[d] = !json_equal(before, after);
	p->n += p->changed[d];
}

/* The social worker given: a Lantern user by username (their id and name), or a name
 * outside Lantern. */
static int plan_social_worker(struct uc *u, const struct change_in *c, json_t *child,
                              struct plan *p, struct user_row *sw)
{
	p->sw_id = json_string_value(json_object_get(child, "social_worker_id"));
	p->sw_name = NULL;
	const char *shown = json_string_value(json_object_get(child, "social_worker"));
	if (!c->has[D_SOCIAL_WORKER]) {
		if (!p->sw_id)
			p->sw_name = shown;
		plan_detail(p, D_SOCIAL_WORKER, opt_text(shown), opt_text(shown));
		return APP_OK;
	}
	/* the name shown for a Lantern user, given back unchanged, keeps the user */
	if (c->social_worker && shown && strcmp(c->social_worker, shown) == 0) {
		if (!p->sw_id)
			p->sw_name = shown;
		plan_detail(p, D_SOCIAL_WORKER, opt_text(shown), opt_text(shown));
		return APP_OK;
	}
	p->sw_id = NULL;
	const char *after = c->social_worker;
	if (c->social_worker && strlen(c->social_worker) < sizeof sw->username) {
		int rc = store_user_get(u->db, c->social_worker, sw);
		if (rc != DB_ROW && rc != DB_DONE)
			return uc_db(u, rc);
		if (rc == DB_ROW) {
			p->sw_id = sw->id;
			after = sw->display_name;
		}
	}
	if (!p->sw_id)
		p->sw_name = c->social_worker;
	plan_detail(p, D_SOCIAL_WORKER, opt_text(shown), opt_text(after));
	return APP_OK;
}

/* Looked-after status and the authorities: a child not looked after has neither; a
 * placing authority must be a children's social care agency in Lantern (R-MISS-7). */
static int plan_authorities(struct uc *u, const struct change_in *c, json_t *child, struct plan *p)
{
	bool was = json_is_true(json_object_get(child, "looked_after"));
	const char *home = json_string_value(json_object_get(child, "home_authority"));
	const char *host = json_string_value(json_object_get(child, "host_authority"));
	const char *home_id = json_string_value(json_object_get(child, "home_authority_id"));
	snprintf(p->old_home_id, sizeof p->old_home_id, "%s", home_id ? home_id : "");
	snprintf(p->home_id, sizeof p->home_id, "%s", home_id ? home_id : "");
	p->looked_after = c->has[D_LOOKED_AFTER] ? c->looked_after : was;
	p->home = c->has[D_HOME_AUTHORITY] ? c->home : home;
	p->host = c->has[D_HOST_AUTHORITY] ? c->host : host;
	if (!p->looked_after) {
		p->home = p->host = NULL;
		p->home_id[0] = '\0';
	} else if (c->has[D_HOME_AUTHORITY] && p->home && (!home || strcmp(home, p->home) != 0)) {
		int rc = store_authority_find(u->db, p->home, p->home_id);
		if (rc == DB_DONE) {
			app_field_error(
			        u->err, "home_authority",
			        "Choose the placing authority from the children's social care "
			        "agencies in Lantern (an administrator adds an authority "
			        "outside the partnership) (R-MISS-7).");
			return u->err->code;
		}
		if (rc != DB_ROW && rc != DB_OK)
			return uc_db(u, rc);
	} else if (!p->home) {
		p->home_id[0] = '\0';
	}
	plan_detail(p, D_LOOKED_AFTER, json_string(was ? "Yes" : "No"),
	            json_string(p->looked_after ? "Yes" : "No"));
	plan_detail(p, D_HOME_AUTHORITY, opt_text(home), opt_text(p->home));
	plan_detail(p, D_HOST_AUTHORITY, opt_text(host), opt_text(p->host));
	return APP_OK;
}

/* Works out every detail's before and after. */
static int plan_make(struct uc *u, const struct change_in *c, json_t *child, struct plan *p,
                     struct user_row *sw)
{
	memset(p, 0, sizeof(*p));
	p->before = json_object();
	p->after = json_object();
	json_t *addr = current_address(child);
	json_t *addr_before =
	        addr ? address_text(json_string_value(json_object_get(addr, "address")),
	                            json_string_value(json_object_get(addr, "postcode")))
	             : json_null();
	plan_detail(p, D_ADDRESS, addr_before,
	            c->has[D_ADDRESS] ? address_text(c->address, c->postcode)
	                              : json_incref(addr_before));
	p->school =
	        c->has[D_SCHOOL] ? c->school : json_string_value(json_object_get(child, "school"));
	plan_detail(p, D_SCHOOL, opt_text(json_string_value(json_object_get(child, "school"))),
	            opt_text(p->school));
	json_t *carers = json_object_get(child, "carers");
	json_t *new_carers = c->has[D_CARERS] ? c->carers : carers;
	plan_detail(p, D_CARERS, list_text(carers, false), list_text(new_carers, false));
	if (json_array_size(new_carers))
		p->carers_json = json_dumps(new_carers, JSON_COMPACT);
	int rc = plan_social_worker(u, c, child, p, sw);
	if (rc == APP_OK)
		rc = plan_authorities(u, c, child, p);
	json_t *names = stored_names(child);
	plan_detail(p, D_OTHER_NAMES, list_text(names, true),
	            list_text(c->has[D_OTHER_NAMES] ? c->names : names, true));
	json_decref(names);
	if (rc == APP_OK && p->n == 0)
		rc = app_fail(u->err, APP_INVALID, NULL,
		              "Nothing was changed: change at least one of the details.");
	return rc;
}

/* R-MISS-7: the placing authority is a member of the child's case; the one it replaces
 * leaves, unless it is a member for another reason. */
static int sync_home_membership(struct uc *u, const char *child_id, const struct plan *p)
{
	if (strcmp(p->old_home_id, p->home_id) == 0)
		return APP_OK;
	int rc = DB_OK;
	if (p->old_home_id[0]) {
		json_t *members = store_members(u->db, child_id, &rc);
		size_t i;
		json_t *m;
		json_array_foreach(members, i, m)
		{
			const char *aid = json_string_value(json_object_get(m, "agency_id"));
			const char *kind = json_string_value(json_object_get(m, "kind"));
			bool current = json_is_null(json_object_get(m, "ended_at"));
			if (rc == DB_OK && aid && kind && current &&
			    strcmp(aid, p->old_home_id) == 0 &&
			    strcmp(kind, MEMBER_HOME_AUTHORITY) == 0) {
				rc = store_member_end(u->db, child_id, aid, u->now);
				rc = rc == DB_DONE ? DB_OK : rc;
			}
		}
		json_decref(members);
	}
	if (rc == DB_OK && p->home_id[0])
		rc = store_member_add(u->db, child_id, p->home_id, MEMBER_HOME_AUTHORITY,
		                      "the looked-after child's placing authority (R-MISS-7)",
		                      uc_user_id(u), u->now);
	if (rc == DB_OK && p->home_id[0])
		rc = store_child_set_home_authority(u->db, child_id, p->home_id);
	return uc_db(u, rc);
}

/* R-REC-1: the child's blocking keys made again from the child as stored now: every
 * name, the date of birth, the NHS number, and the postcode of every address the child
 * has had (so that an old postcode still finds them). */
static int keys_rebuild(struct uc *u, const char *child_id)
{
	int rc;
	json_t *m = store_child_match_data(u->db, child_id, &rc);
	json_t *child = m ? store_child_get(u->db, child_id, &rc) : NULL;
	if (!child) {
		json_decref(m);
		return uc_db(u, rc);
	}
	struct child_input ci;
	memset(&ci, 0, sizeof ci);
	ci.given_names = json_string_value(json_object_get(m, "given_names"));
	ci.family_name = json_string_value(json_object_get(m, "family_name"));
	ci.gender = json_string_value(json_object_get(m, "gender"));
	snprintf(ci.date_of_birth, sizeof ci.date_of_birth, "%s",
	         json_string_value(json_object_get(m, "date_of_birth"))
	                 ? json_string_value(json_object_get(m, "date_of_birth"))
	                 : "");
	snprintf(ci.nhs_number, sizeof ci.nhs_number, "%s",
	         json_string_value(json_object_get(m, "nhs_number"))
	                 ? json_string_value(json_object_get(m, "nhs_number"))
	                 : "");
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(m, "other_names"), i, v)
	{
		if (ci.n_other < CHILD_MAX_OTHER_NAMES)
			ci.other_names[ci.n_other++] = json_string_value(v);
	}
	rc = store_child_clear_keys(u->db, child_id);
	json_t *addrs = json_object_get(child, "addresses");
	size_t passes = json_array_size(addrs) ? json_array_size(addrs) : 1;
	for (size_t a = 0; rc == DB_OK && a < passes; a++) {
		ci.postcode =
		        json_string_value(json_object_get(json_array_get(addrs, a), "postcode"));
		char keys[MATCH_MAX_KEYS][MATCH_KEY_LEN];
		size_t nk = child_blocking_keys(&ci, keys);
		for (size_t k = 0; rc == DB_OK && k < nk; k++)
			rc = store_child_add_key(u->db, child_id, keys[k]);
	}
	json_decref(child);
	json_decref(m);
	return uc_db(u, rc);
}

/* Writes the details that changed. */
static int plan_write(struct uc *u, const char *child_id, const struct change_in *c,
                      const struct plan *p)
{
	char today[LT_DATE_LEN];
	ltime_format_date(ltime_date_of(u->now), today);
	int rc = DB_OK;
	if (p->changed[D_ADDRESS]) {
		rc = store_child_end_addresses(u->db, child_id, ltime_date_of(u->now));
		if (rc == DB_OK && c->address)
			rc = store_child_add_address(u->db, child_id, c->address,
			                             c->postcode[0] ? c->postcode : NULL, NULL,
			                             today, NULL);
	}
	if (rc == DB_OK && p->changed[D_OTHER_NAMES]) {
		rc = store_child_clear_names(u->db, child_id);
		size_t i;
		json_t *v;
		json_array_foreach(c->names, i, v)
		{
			const char *name = json_string_value(json_object_get(v, "name"));
			char key[LINK_TEXT_LEN] = "";
			link_normalise_text(name, key, sizeof key);
			if (rc == DB_OK)
				rc = store_child_add_name(
				        u->db, child_id,
				        json_string_value(json_object_get(v, "kind")), name, key);
		}
	}
	struct store_child_details d = {.id = child_id,
	                                .school = p->school,
	                                .carers = p->carers_json,
	                                .social_worker_id = p->sw_id,
	                                .social_worker_name = p->sw_name,
	                                .looked_after = p->looked_after,
	                                .home_authority = p->home,
	                                .home_authority_id = p->home_id[0] ? p->home_id : NULL,
	                                .host_authority = p->host,
	                                .updated_at = u->now};
	if (rc == DB_OK)
		rc = store_child_set_details(u->db, &d);
	int arc = uc_db(u, rc);
	if (arc == APP_OK)
		arc = sync_home_membership(u, child_id, p);
	if (arc == APP_OK)
		arc = keys_rebuild(u, child_id);
	return arc;
}

/* One history row per detail changed, and the list of their names into fields. */
static int plan_history(struct uc *u, const char *child_id, const char *edit_id,
                        const struct change_in *c, const struct plan *p, char *fields, size_t n)
{
	fields[0] = '\0';
	for (int d = 0; d < D_COUNT; d++) {
		if (!p->changed[d])
			continue;
		struct store_child_change_new row = {
		        .edit_id = edit_id,
		        .child_id = child_id,
		        .field = DETAILS[d],
		        .old_value = json_string_value(json_object_get(p->before, DETAILS[d])),
		        .new_value = json_string_value(json_object_get(p->after, DETAILS[d])),
		        .reason = c->reason,
		        .changed_by = uc_user_id(u),
		        .changed_by_name =
		                u->who->system ? "Lantern operator" : u->who->display_name,
		        .agency_id = u->who->agency_id[0] ? u->who->agency_id : NULL,
		        .changed_at = u->now};
		int rc = uc_db(u, store_child_change_insert(u->db, &row));
		if (rc != APP_OK)
			return rc;
		size_t len = strlen(fields);
		snprintf(fields + len, n - len, "%s%s", len ? "," : "", DETAILS[d]);
	}
	return APP_OK;
}

/* The view of a change made: {child_id, edit_id, changed: [details]}. */
static json_t *change_view(const char *child_id, const char *edit_id, const struct plan *p)
{
	json_t *changed = json_array();
	for (int d = 0; d < D_COUNT; d++)
		if (p->changed[d])
			json_array_append_new(changed, json_string(DETAILS[d]));
	return json_pack("{s:s, s:s, s:o}", "child_id", child_id, "edit_id", edit_id, "changed",
	                 changed);
}

int app_child_change(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change a child's details", "change", NULL))
		return err->code;
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	struct change_in c;
	struct plan p;
	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	struct user_row sw;
	char edit_id[ID_MAX], fields[200], ref[24] = "";
	json_t *child = NULL;
	int src = DB_OK;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = access_gate(&u, child_id, "child", child_id, NULL, "No such child.");
	if (rc == APP_OK && !(child = store_child_get(db, child_id, &src)))
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                    : uc_db(&u, src);
	if (rc == APP_OK)
		rc = read_change(in, json_object_get(child, "other_names"), &c, err);
	if (rc == APP_OK)
		rc = plan_make(&u, &c, child, &p, &sw);
	if (rc == APP_OK && id_new("cdc", edit_id) < 0)
		rc = app_fail(err, APP_FAILED, NULL, "Could not make an identifier.");
	if (rc == APP_OK)
		rc = plan_write(&u, child_id, &c, &p);
	if (rc == APP_OK)
		rc = plan_history(&u, child_id, edit_id, &c, &p, fields, sizeof fields);
	if (rc == APP_OK)
		rc = uc_child_record_ref(&u, child_id, ref);
	if (rc == APP_OK)
		rc = uc_db(&u,
		           uc_audit(&u, "change", "child", child_id, ref[0] ? ref : NULL, fields));
	if (rc == APP_OK && !(*out = change_view(child_id, edit_id, &p)))
		rc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
	json_decref(child);
	plan_release(&p);
	change_in_release(&c);
	return uc_end(&u, rc, out);
}

int app_child_history(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                      json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	int src = DB_OK;
	json_t *m = NULL, *changes = NULL;
	int rc = uc_begin(&u);
	if (rc == APP_OK)
		rc = access_gate(&u, child_id, "child_changes", child_id, NULL, "No such child.");
	if (rc == APP_OK && !(m = store_child_match_data(db, child_id, &src)))
		rc = src == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                    : uc_db(&u, src);
	if (rc == APP_OK && !(changes = store_child_changes(db, child_id, HISTORY_LIMIT, &src)))
		rc = uc_db(&u, src);
	const char *ref = json_string_value(json_object_get(m, "record_ref"));
	if (rc == APP_OK)
		rc = uc_db(&u, uc_audit(&u, "view", "child_changes", child_id, ref, "history"));
	if (rc == APP_OK)
		*out = json_pack("{s:s, s:O, s:O, s:O, s:O}", "child_id", child_id, "given_names",
		                 json_object_get(m, "given_names"), "family_name",
		                 json_object_get(m, "family_name"), "record_ref",
		                 ref ? json_object_get(m, "record_ref") : json_null(), "changes",
		                 changes);
	json_decref(m);
	json_decref(changes);
	return uc_end(&u, rc, out);
}
