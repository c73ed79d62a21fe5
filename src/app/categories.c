/*
 * categories.c: category decisions on a child's record (categories.h; R-CAT-1..7,
 * R-PATH-8) and the flags the protocol derives from the record (R-FLAG-1..4). The
 * category step and the flag derivation are shared with the referral use case
 * (record_common.h): a police referral may carry the initial category (R-PATH-4).
 */
#include "app/categories.h"

#include "app/chronology.h"
#include "app/gate.h"
#include "app/record_common.h"
#include "protocol/category.h"
#include "protocol/flags.h"
#include "protocol/pathway.h"
#include "store/children.h"
#include "store/records.h"
#include "store/users.h"
#include "util/ltime.h"

/* R-FLAG-1..4: brings the record's current flags to what the protocol derives from
 * its state, keeping history (set/cleared with a reason). */
int flags_sync(struct uc *u, const struct record_row *r, int category)
{
	struct flag_state fs = {.cse_suspicion = true,
	                        .category = category,
	                        .online = r->online || strcmp(r->contact_mode, "online") == 0,
	                        .group = r->group,
	                        .gang = r->gang};
	uint32_t want = flags_for(&fs), have = 0;
	int rc = store_flags_current(u->db, r->id, &have);
	for (uint32_t bit = 1; rc == DB_OK && bit <= FLAG_ALL; bit <<= 1) {
		const char *code = flags_code(bit);
		if ((want & bit) && !(have & bit))
			rc = store_flag_set(u->db, r->id, code, u->now,
			                    "derived from the record (R-FLAG)");
		else if (!(want & bit) && (have & bit))
			rc = store_flag_clear(u->db, r->id, code, u->now);
	}
	return rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* The contact of a category 2 decision as written in input; CAT_CONTACT_UNSET when
 * absent or unknown. */
static enum cat_contact contact_of(const char *s)
{
	if (!s)
		return CAT_CONTACT_UNSET;
	if (strcmp(s, "contact") == 0)
		return CAT_CONTACT_CONTACT;
	if (strcmp(s, "online") == 0 || strcmp(s, "non_contact") == 0)
		return CAT_CONTACT_ONLINE;
	return CAT_CONTACT_UNSET;
}

/* A category decision being applied: what the steps of category_apply share. */
struct category_run {
	json_t *child;               /* the child's details (owned); alloc points into them */
	struct cat_allocation alloc; /* R-CAT-4..6 */
	char owning_name[128];       /* the record's borough, when the child's is not known */
	char lead_bid[32], enq_bid[32];
	const char *allocation; /* "set" | "borough" */
	const char *contact;    /* the contact mode kept on the record, or NULL */
	char id[ID_MAX];
	struct assessment_route route; /* R-PATH-8, for an assessment team decision */
};

/* R-CAT-3: checks the decision; R-CAT-2: the indicators ticked are decision support
 * only, checked and kept. */
static int category_check(struct uc *u, const struct category_in *c)
{
	struct proto_err pe;
	struct cat_decision d = {.category = c->category,
	                         .contact = c->contact,
	                         .rationale = c->rationale,
	                         .decided_by = uc_user_id(u) ? uc_user_id(u) : "system",
	                         .kind = c->kind,
	                         .decided_at = c->decided_at};
	if (category_decision_validate(&d, u->now, &pe) < 0) /* R-CAT-3 */
		return uc_proto_refused(u, &pe);
	const char *ticked[64];
	size_t nt = 0, i;
	json_t *v;
	json_array_foreach(c->indicators, i, v)
	{
		if (nt < 64 && json_is_string(v))
			ticked[nt++] = json_string_value(v);
	}
	struct cat_indicator_summary sum;
	if (nt && category_indicator_summary(ticked, nt, &sum, &pe) < 0)
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* R-CAT-4..6: who leads, from the category, where the child lives (or the record's
 * borough), where the exploitation happens and the child's care; the boroughs named
 * are found. */
static int category_allocation(struct uc *u, const struct record_row *r,
                               const struct category_in *c, struct category_run *run)
{
	int rc;
	json_t *child = run->child = store_child_get(u->db, r->child_id, &rc);
	if (!child)
		return app_db_fail(u->err, u->db, rc);
	const char *residence = json_string_value(json_object_get(child, "residence_borough"));
	if (!residence && r->owning_borough_id[0]) {
		store_borough_name(u->db, r->owning_borough_id, run->owning_name,
		                   sizeof run->owning_name);
		residence = run->owning_name[0] ? run->owning_name : NULL;
	}
	struct cat_alloc_input ai = {
	        .category = c->category,
	        .contact = c->contact,
	        .residence_borough = residence,
	        .exploitation_borough = c->exploitation_borough,
	        .looked_after = json_is_true(json_object_get(child, "looked_after")),
	        .home_authority = json_string_value(json_object_get(child, "home_authority")),
	        .host_authority = json_string_value(json_object_get(child, "host_authority")),
	};
	struct proto_err pe;
	struct cat_allocation *alloc = &run->alloc;
	if (category_allocate(&ai, alloc, &pe) < 0)
		return uc_proto_refused(u, &pe);
	if (alloc->lead == CAT_LEAD_BOROUGH && alloc->lead_borough)
		store_borough_find(u->db, alloc->lead_borough, run->lead_bid);
	if (alloc->enquiring_borough &&
	    store_borough_find(u->db, alloc->enquiring_borough, run->enq_bid) != DB_OK) {
		app_field_error(u->err, "exploitation_borough", "There is no borough '%.60s'.",
		                alloc->enquiring_borough);
		return APP_INVALID;
	}
	run->allocation = alloc->lead == CAT_LEAD_SET ? "set" : "borough";
	run->contact = c->category == 2 ? category_contact_code(c->contact) : NULL;
	if (c->category != 2 && c->contact == CAT_CONTACT_ONLINE)
		run->contact = "online";
	return APP_OK;
}

/* Writes the decision and the record's new category and allocation; the referrals
 * waiting on the record are triaged. */
static int category_store(struct uc *u, const struct record_row *r, const struct category_in *c,
                          struct category_run *run)
{
	id_new("cat", run->id);
	json_t *none = c->indicators ? NULL : json_array();
	char *ind = json_dumps(c->indicators ? c->indicators : none, JSON_COMPACT);
	json_decref(none);
	const char *lead = run->lead_bid[0] ? run->lead_bid : NULL;
	const char *enq = run->enq_bid[0] ? run->enq_bid : NULL;
	struct store_category_new row = {.id = run->id,
	                                 .record_id = r->id,
	                                 .category = c->category,
	                                 .contact_mode = run->contact,
	                                 .rationale = c->rationale,
	                                 .kind = category_kind_code(c->kind),
	                                 .decided_by = uc_user_id(u),
	                                 .decided_by_name = u->who->display_name,
	                                 .decided_at = c->decided_at,
	                                 .allocation = run->allocation,
	                                 .allocated_borough_id = lead,
	                                 .enquiring_borough_id = enq,
	                                 .indicators = ind ? ind : "[]"};
	int rc = store_category_insert(u->db, &row);
	free(ind);
	struct store_record_category rc_set = {.record_id = r->id,
	                                       .category = c->category,
	                                       .contact_mode = run->contact,
	                                       .allocation = run->allocation,
	                                       .allocated_borough_id = lead,
	                                       .enquiring_borough_id = enq,
	                                       .exploitation_borough = c->exploitation_borough,
	                                       .at = u->now};
	if (rc == DB_OK)
		rc = store_record_set_category(u->db, &rc_set);
	if (rc == DB_OK)
		rc = store_referrals_triaged(u->db, r->id);
	int arc = rc == DB_OK ? APP_OK : app_db_fail(u->err, u->db, rc);
	/* R-CAT-4, R-CAT-5: an allocation to a borough makes its police and children's
	 * social care members of the child's case, and so does an enquiry on behalf of the
	 * owning borough (the SET sees every child already) */
	if (arc == APP_OK && lead)
		arc = access_route(u, r->child_id, "police", lead, MEMBER_ALLOCATED,
		                   "allocated the record (R-CAT-4)");
	if (arc == APP_OK && lead)
		arc = access_route(u, r->child_id, "childrens_social_care", lead, MEMBER_ALLOCATED,
		                   "allocated the record (R-CAT-4)");
	if (arc == APP_OK && enq)
		arc = access_route(u, r->child_id, "police", enq, MEMBER_ALLOCATED,
		                   "enquiries on behalf of the owning borough (R-CAT-5)");
	return arc;
}

/* The record takes the decision: its flags (R-FLAG-2), the chronology entry with the
 * next steps of an assessment team decision (R-PATH-8), the audit event. */
static int category_record(struct uc *u, struct record_row *r, const struct category_in *c,
                           struct category_run *run)
{
	r->category = c->category;
	snprintf(r->contact_mode, sizeof r->contact_mode, "%s", run->contact ? run->contact : "");
	int arc = flags_sync(u, r, c->category); /* R-FLAG-2 */
	if (arc != APP_OK)
		return arc;
	struct proto_err pe;
	if (c->kind == CAT_KIND_ASSESSMENT_TEAM)
		assessment_route(c->category, &run->route, &pe); /* R-PATH-8 */
	const char *contact = run->contact, *next = run->route.text;
	char text[1200];
	snprintf(text, sizeof text, "Category %d%s%s (%s decision). %s%s%s Rationale: %s",
	         c->category, contact ? ", " : "", contact ? contact : "",
	         category_kind_code(c->kind),
	         run->alloc.lead == CAT_LEAD_SET
	                 ? "Allocated to the Sexual Exploitation Team."
	                 : "Allocated to the borough where the child lives.",
	         next ? " " : "", next ? next : "", c->rationale);
	json_t *people = json_pack("[s]", "the child");
	arc = chronology_add(u, r->id, c->decided_at, REC_OPINION, "category", text, people, NULL,
	                     NULL, NULL);
	json_decref(people);
	int rc;
	if (arc == APP_OK && (rc = uc_audit(u, "change", "record", r->id, r->reference,
	                                    "category,contact_mode,allocation,flags")) != DB_OK)
		arc = app_db_fail(u->err, u->db, rc);
	return arc;
}

/* The view of an applied decision (see app_category_decide). */
static json_t *category_result(const struct record_row *r, const struct category_in *c,
                               const struct category_run *run)
{
	const struct cat_allocation *alloc = &run->alloc;
	return json_pack("{s:s, s:s, s:i, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id",
	                 run->id, "record_ref", r->reference, "category", c->category, "contact",
	                 run->contact, "allocation", run->allocation, "lead_borough",
	                 alloc->lead == CAT_LEAD_BOROUGH ? alloc->lead_borough : NULL,
	                 "enquiring_borough", alloc->enquiring_borough, "primary_authority",
	                 alloc->primary_authority, "host_authority", alloc->host_authority,
	                 "next_steps", run->route.text, "rule",
	                 alloc->rule ? alloc->rule : "R-CAT-4");
}

/* Applies a category decision to a loaded record inside the open transaction (see
 * record_common.h). */
int category_apply(struct uc *u, struct record_row *r, const struct category_in *c, json_t **out)
{
	struct category_run run;
	memset(&run, 0, sizeof run);
	int arc = category_check(u, c); /* R-CAT-2, R-CAT-3 */
	if (arc == APP_OK)
		arc = category_allocation(u, r, c, &run); /* R-CAT-4..6 */
	if (arc == APP_OK)
		arc = category_store(u, r, c, &run);
	if (arc == APP_OK)
		arc = category_record(u, r, c, &run); /* R-FLAG-2, R-PATH-8 */
	if (arc == APP_OK && out)
		*out = category_result(r, c, &run);
	json_decref(run.child); /* run.alloc points into it until here */
	return arc;
}

int category_parse(struct uc *u, json_t *in, struct category_in *c)
{
	static const char *const allowed[] = {"category",   "contact",    "rationale",
	                                      "kind",       "indicators", "exploitation_borough",
	                                      "decided_at", NULL};
	memset(c, 0, sizeof(*c));
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The decision must be a JSON object.");
	app_json_only(in, allowed, u->err);
	json_t *cat = json_object_get(in, "category");
	if (!json_is_integer(cat) || json_integer_value(cat) < 1 || json_integer_value(cat) > 3)
		app_field_error(u->err, "category", "Choose category 1, 2 or 3 (R-CAT-1).");
	else
		c->category = (int)json_integer_value(cat);
	const char *contact = app_json_str(in, "contact", false, 16, false, u->err);
	c->contact = contact_of(contact);
	if (contact && c->contact == CAT_CONTACT_UNSET)
		app_field_error(u->err, "contact", "Contact must be 'contact' or 'online'.");
	c->rationale = app_json_str(in, "rationale", false, 4000, true, u->err);
	const char *kind = app_json_str(in, "kind", false, 20, false, u->err);
	c->kind = CAT_KIND_INITIAL;
	if (kind && strcmp(kind, "supervisor") == 0)
		c->kind = CAT_KIND_SUPERVISOR;
	else if (kind && strcmp(kind, "assessment_team") == 0)
		c->kind = CAT_KIND_ASSESSMENT_TEAM;
	else if (kind && strcmp(kind, "initial") != 0)
		app_field_error(u->err, "kind",
		                "Kind must be initial, supervisor or assessment_team.");
	c->exploitation_borough =
	        app_json_str(in, "exploitation_borough", false, 80, false, u->err);
	c->indicators = json_object_get(in, "indicators");
	if (c->indicators && !json_is_array(c->indicators)) {
		app_field_error(u->err, "indicators", "Indicators must be a list of App B codes.");
		c->indicators = NULL;
	}
	uc_time_field(u, in, "decided_at", u->now, &c->decided_at);
	return u->err->code ? u->err->code : APP_OK;
}

/* R-CAT-3: who may make each kind of decision. */
static int category_authorised(struct uc *u, enum cat_kind kind)
{
	if (u->who->system || category_may_decide(u->who->roles, kind))
		return APP_OK;
	return app_fail(u->err, APP_FORBIDDEN, "R-CAT-3",
	                "Your role cannot make a %s category decision.", category_kind_code(kind));
}

int app_category_decide(struct db *db, const struct actor *who, const char *ref, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct category_in c;
	if (category_parse(&u, in, &c) != APP_OK)
		return err->code;
	if (!json_object_get(in, "kind")) /* the kind the actor's role makes (R-CAT-3) */
		c.kind = category_kind_for(who->roles);
	if (category_authorised(&u, c.kind) != APP_OK)
		return err->code;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	struct record_row r;
	int rc = load_record(&u, ref, &r);
	if (rc == APP_OK)
		rc = category_apply(&u, &r, &c, out);
	return uc_end(&u, rc, out);
}
