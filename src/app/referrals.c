/*
 * referrals.c: filing and reading referrals (referrals.h; R-SIGN-*, R-REC-1, R-REC-2,
 * R-PATH-1..5, R-FLAG-1). A referral finds or creates the child, is routed by the
 * protocol, and joins the child's one record when it takes the exploitation pathway.
 */
#include "app/referrals.h"

#include "app/mash.h"

#include "app/gate.h"
#include "app/children.h"
#include "app/chronology.h"
#include "app/matching.h"
#include "app/record_common.h"
#include "protocol/checklists.h"
#include "protocol/definitions.h"
#include "protocol/pathway.h"
#include "protocol/signs.h"
#include "store/children.h"
#include "store/records.h"
#include "store/users.h"
#include "util/ltime.h"

#define MAX_SIGNS 9

struct referral_in {
	const char *child_id;
	json_t *child;
	bool confirm_new_child;
	int64_t came_to_notice_at;
	const char *circumstances, *rationale, *no_sign_rationale;
	struct sign_entry signs[MAX_SIGNS];
	const char *sign_codes[MAX_SIGNS];
	size_t n_signs;
	json_t *people;
	const char *types[MAX_CODES], *models[MAX_CODES];
	size_t n_types, n_models;
	bool online, group, gang;
	json_t *police; /* the App G initial template, for police referrers */
	const char *risk_review, *merlin_pac, *other_info;
	struct category_in initial; /* police initial category (R-PATH-4), when given */
	bool has_initial;
};

/* Reads the "signs" list of `in` into r: each {code, evidence, seen_on?}, seen on the
 * day the concern came to notice unless it says otherwise. Errors go to u->err. */
/* R-SIGN-2: whether the referral enters the exploitation pathway (signs_decide). */
static bool on_cse_pathway(size_t n_signs)
{
	struct signs_decision d;
	signs_decide(n_signs, &d);
	return d.cse_pathway;
}

static void referral_signs_parse(struct uc *u, json_t *in, struct referral_in *r)
{
	json_t *signs = json_object_get(in, "signs");
	if (!signs || json_is_null(signs))
		return;
	if (!json_is_array(signs) || json_array_size(signs) > MAX_SIGNS) {
		app_field_error(u->err, "signs",
		                "Signs must be a list of the nine SAFEGUARD signs.");
		return;
	}
	size_t i;
	json_t *s;
	json_array_foreach(signs, i, s)
	{
		if (!json_is_object(s)) {
			app_field_error(u->err, "signs",
			                "Each sign is an object with code, evidence and seen_on.");
			continue;
		}
		struct sign_entry *e = &r->signs[r->n_signs];
		e->code = app_json_str(s, "code", true, 40, false, u->err);
		e->evidence = app_json_str(s, "evidence", true, 2000, true, u->err);
		char d[11];
		bool present;
		app_json_date(s, "seen_on", false, u->err, d, &present);
		if (present)
			ltime_parse_date(d, &e->seen_on);
		else
			e->seen_on = ltime_date_of(r->came_to_notice_at);
		if (e->code && e->evidence) {
			r->sign_codes[r->n_signs] = e->code;
			r->n_signs++;
		}
	}
}

/* Reads the police template (App G) of `in` into r, with the initial category it may
 * carry (R-PATH-4). Errors go to u->err, under "police". */
static void referral_police_parse(struct uc *u, json_t *in, struct referral_in *r)
{
	r->police = json_object_get(in, "police");
	if (!r->police || json_is_null(r->police))
		return;
	if (!json_is_object(r->police)) {
		app_field_error(u->err, "police", "The police template must be an object.");
		return;
	}
	r->risk_review = app_json_str(r->police, "risk_review", false, 8000, true, u->err);
	r->merlin_pac = app_json_str(r->police, "merlin_pac", false, 40, false, u->err);
	r->other_info = app_json_str(r->police, "other_info", false, 8000, true, u->err);
	json_t *cat = json_object_get(r->police, "initial_category");
	if (!cat || json_is_null(cat))
		return;
	/* read as a category decision; the strings stay those of `in` */
	json_t *ci = json_pack("{s:O, s:O?, s:O?, s:s}", "category", cat, "contact",
	                       json_object_get(r->police, "contact"), "rationale",
	                       json_object_get(r->police, "category_rationale"), "kind", "initial");
	struct app_err sub = {0};
	struct uc su = *u;
	su.err = &sub;
	category_parse(&su, ci, &r->initial);
	json_decref(ci);
	for (int k = 0; k < sub.nfields; k++)
		app_field_error(u->err, "police", "%s", sub.fields[k].message);
	r->has_initial = sub.code == APP_OK;
}

/* Reads a referral (fields as app_referral_submit) into r, pointing into `in`. Errors
 * go to u->err. Returns APP_OK or the error code. */
static int referral_parse(struct uc *u, json_t *in, struct referral_in *r)
{
	static const char *const allowed[] = {"child_id",
	                                      "child",
	                                      "confirm_new_child",
	                                      "came_to_notice_at",
	                                      "circumstances",
	                                      "signs",
	                                      "rationale",
	                                      "no_sign_rationale",
	                                      "people_involved",
	                                      "exploitation_types",
	                                      "models",
	                                      "online",
	                                      "group",
	                                      "gang",
	                                      "police",
	                                      NULL};
	memset(r, 0, sizeof(*r));
	if (!json_is_object(in))
		return app_fail(u->err, APP_INVALID, NULL, "The referral must be a JSON object.");
	app_json_only(in, allowed, u->err);
	r->child_id = app_json_str(in, "child_id", false, ID_MAX, false, u->err);
	r->child = json_object_get(in, "child");
	if (!r->child_id && !json_is_object(r->child))
		app_field_error(u->err, "child",
		                "Say which child: give child_id or the child's details.");
	r->confirm_new_child = app_json_bool(in, "confirm_new_child", false, u->err);
	uc_time_field(u, in, "came_to_notice_at", u->now, &r->came_to_notice_at);
	r->circumstances = app_json_str(in, "circumstances", true, 8000, true, u->err);
	r->rationale = app_json_str(in, "rationale", false, 4000, true, u->err);
	r->no_sign_rationale = app_json_str(in, "no_sign_rationale", false, 4000, true, u->err);
	referral_signs_parse(u, in, r);
	r->people = json_object_get(in, "people_involved");
	if (r->people && !json_is_array(r->people))
		app_field_error(u->err, "people_involved",
		                "People involved must be a list of names or roles.");
	r->n_types = codes_of(u, in, "exploitation_types", REF_EXPLOITATION_TYPES, r->types);
	r->n_models = codes_of(u, in, "models", REF_MODELS, r->models);
	r->online = app_json_bool(in, "online", false, u->err);
	r->group = app_json_bool(in, "group", false, u->err);
	r->gang = app_json_bool(in, "gang", false, u->err);
	referral_police_parse(u, in, r);
	if (u->err->code && u->who->check_only && !r->child_id && json_is_object(r->child)) {
		/* a page showing all of a form's errors at once: the new child's details too,
		 * which are otherwise read only once the rest is right */
		struct child_input ci;
		child_input_parse(r->child, r->came_to_notice_at, &ci, u->err);
	}
	return u->err->code ? u->err->code : APP_OK;
}

/* Validates the referral through the protocol (signs, rationale, police template). */
static int referral_validate(struct uc *u, struct referral_in *r, bool police)
{
	struct proto_err pe;
	if (r->n_signs && signs_validate(r->signs, r->n_signs, u->now, &pe) < 0) /* R-SIGN-1 */
		return uc_proto_refused(u, &pe);
	if (r->n_signs == 0) { /* R-SIGN-2 */
		if (signs_no_sign_rationale_validate(r->no_sign_rationale, &pe) < 0)
			return uc_proto_refused(u, &pe);
	} else if (!police) { /* R-REC-2 (a police referral's reasons are template item I2) */
		if (signs_rationale_validate(r->rationale, r->sign_codes, r->n_signs, &pe) < 0)
			return uc_proto_refused(u, &pe);
	}
	if (police && r->n_signs) { /* R-PATH-5 */
		struct police_referral pr = {.circumstances = r->circumstances,
		                             .reasons = r->rationale,
		                             .risk_review = r->risk_review,
		                             .merlin_pac = r->merlin_pac,
		                             .other_info = r->other_info};
		if (police_referral_complete(&pr, &pe) < 0)
			return uc_proto_refused(u, &pe);
		if (signs_rationale_validate(r->rationale, r->sign_codes, r->n_signs, &pe) < 0)
			return uc_proto_refused(u, &pe);
	}
	if (r->n_models && def_models_validate(r->models, r->n_models, &pe) < 0) /* R-DEF-3 */
		return uc_proto_refused(u, &pe);
	return APP_OK;
}

/* R-REC-1: the possible matches of a new child go back to the referrer, cut to what
 * they may see of each (R-INFO-3), and the disclosure is audited once the referral has
 * rolled back. Returns APP_CONFLICT (or a database error). */
static int candidates_conflict(struct uc *u, json_t *cands)
{
	char ids[400];
	int arc = access_disclose_children(u, cands, ids, sizeof ids);
	if (arc != APP_OK)
		return arc;
	uc_note_after(u, "disclose", "child_candidates", NULL, NULL, ids);
	return app_fail(u->err, APP_CONFLICT, "R-REC-1",
	                "This child may already be known to Lantern. Choose the existing child, or "
	                "confirm that this is a new child.");
}

/* Finds the referred child or creates them (R-REC-1). On possible matches without
 * confirmation, returns APP_CONFLICT with the candidates in *cands. */
static int referral_child(struct uc *u, struct referral_in *r, char child_id[ID_MAX],
                          json_t **cands)
{
	if (r->child_id) { /* any practitioner may refer a child they do not see */
		int rc;
		json_t *c = store_child_get(u->db, r->child_id, &rc);
		if (!c)
			return rc == DB_DONE
			               ? app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.")
			               : app_db_fail(u->err, u->db, rc);
		/* R-DEF-1: the child's age on the day the concern came to notice */
		int arc = child_age_check(u->err,
		                          json_string_value(json_object_get(c, "date_of_birth")),
		                          r->came_to_notice_at, "child_id");
		json_decref(c);
		snprintf(child_id, ID_MAX, "%s", r->child_id);
		return arc;
	}
	struct child_input ci;
	if (child_input_parse(r->child, r->came_to_notice_at, &ci, u->err) != APP_OK)
		return u->err->code;
	if (!r->confirm_new_child) {
		if (child_match(u->db, u->who, &ci, 10, cands, u->err) != APP_OK)
			return u->err->code;
		if (json_array_size(*cands) > 0)
			return candidates_conflict(u, *cands);
		json_decref(*cands);
		*cands = NULL;
	}
	return child_create_tx(u->db, u->who, &ci, false, child_id, u->err);
}

/* Appends code to list (of room `cap`) unless it is already there. */
static void code_add(const char **list, size_t *n, size_t cap, const char *code)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(list[i], code) == 0)
			return;
	if (*n < cap)
		list[(*n)++] = code;
}

/* Text of the chronology entry a referral adds. */
static void referral_entry_text(const struct referral_in *r, const struct path_result *pr,
                                const char *agency, char *out, size_t n)
{
	int len = snprintf(out, n, "Referral from %s (%s). Circumstances: %s", agency,
	                   pathway_route_code(pr->route), r->circumstances);
	for (size_t i = 0; i < r->n_signs && len > 0 && (size_t)len < n; i++) {
		const struct ref_item *it = ref_sign(r->signs[i].code);
		len += snprintf(out + len, n - (size_t)len, "%s%s: %s",
		                i ? "; " : " Signs: ", it ? it->label : r->signs[i].code,
		                r->signs[i].evidence);
	}
	if (r->n_signs == 0 && r->no_sign_rationale && len > 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, " No warning sign identified: %s",
		         r->no_sign_rationale);
}

/* A referral being filed: what the steps of app_referral_submit share. */
struct referral_run {
	struct uc u;
	struct referral_in r;
	enum proto_agency agency;
	bool police;             /* a police referrer (R-PATH-4, R-PATH-5) */
	char child_id[ID_MAX];   /* the child referred, once found or created */
	json_t *child;           /* the child's details (owned) */
	int have;                /* DB_ROW when the child had a record before */
	struct record_row rec;   /* the child's record, when has_record */
	bool has_record;         /* the referral joins the child's record */
	struct path_result pr;   /* the route (R-PATH-1..4) */
	const char *bid;         /* the child's borough, for children's social care */
	char fid[ID_MAX];        /* the referral's id */
	const char *agency_name; /* the referring agency, as the chronology names it */
	char agency_label[160];
};

/* Starts filing: authorises the referrer, reads the referral and validates it through
 * the protocol. Nothing is open yet. Returns APP_OK or the error code. */
static int referral_start(struct referral_run *run, json_t *in)
{
	struct uc *u = &run->u;
	if (!access_may_file(u->who->roles, u->who->system))
		return app_fail(u->err, APP_FORBIDDEN, NULL, "Your role cannot file referrals.");
	if (referral_parse(u, in, &run->r) != APP_OK)
		return u->err->code;
	run->agency = AGENCY_OTHER;
	if (u->who->agency_type[0])
		ref_agency_parse(u->who->agency_type, &run->agency);
	run->police = run->agency == AGENCY_POLICE;
	return referral_validate(u, &run->r, run->police);
}

/* R-REC-1: finds or creates the child and reads their details. Possible matches that
 * are not confirmed away are APP_CONFLICT, with {"candidates": [...]} in *out. */
static int referral_find_child(struct referral_run *run, json_t **out)
{
	struct uc *u = &run->u;
	json_t *cands = NULL;
	int arc = referral_child(u, &run->r, run->child_id, &cands);
	if (arc == APP_CONFLICT && cands)
		*out = json_pack("{s:o}", "candidates", cands);
	if (arc != APP_OK)
		return arc;
	int rc;
	run->child = store_child_get(u->db, run->child_id, &rc);
	return run->child ? APP_OK : app_db_fail(u->err, u->db, rc);
}

/* R-PATH-1..4, R-SIGN-2: routes the referral from the referrer's agency, the signs,
 * the child's social worker and whether the child has a record. */
static int referral_route(struct referral_run *run)
{
	struct uc *u = &run->u;
	run->have = store_record_get(u->db, run->child_id, &run->rec);
	if (run->have != DB_ROW && run->have != DB_DONE)
		return app_db_fail(u->err, u->db, run->have);
	json_t *sw = json_object_get(run->child, "social_worker");
	struct path_input pi = {
	        .agency = run->agency,
	        .n_signs = run->r.n_signs,
	        .has_allocated_social_worker = !json_is_null(sw) && sw != NULL,
	        .record_exists = run->have == DB_ROW,
	};
	struct proto_err pe;
	if (pathway_route(&pi, &run->pr, &pe) < 0)
		return uc_proto_refused(u, &pe);
	run->bid = json_string_value(json_object_get(run->child, "residence_borough_id"));
	if (!run->bid && u->who->borough_id[0])
		run->bid = u->who->borough_id;
	return APP_OK;
}

/* Opens the child's record when the route says so, audited. */
static int referral_create_record(struct referral_run *run)
{
	struct uc *u = &run->u;
	int rc = DB_OK;
	if (run->pr.record == PATH_RECORD_CREATE) {
		char rid[ID_MAX];
		id_new("rec", rid);
		struct store_record_new nr = {.id = rid,
		                              .child_id = run->child_id,
		                              .year = ltime_date_of(u->now).y,
		                              .opened_at = u->now,
		                              .opened_by = uc_user_id(u),
		                              .borough_id = run->bid};
		rc = store_record_insert(u->db, &nr, run->rec.reference);
		if (rc == DB_OK)
			rc = store_record_get(u->db, rid, &run->rec) == DB_ROW ? DB_OK : DB_E_ERROR;
		if (rc == DB_OK)
			rc = uc_audit(u, "create", "record", run->rec.id, run->rec.reference,
			              "all");
	}
	run->has_record =
	        rc == DB_OK && (run->pr.record != PATH_RECORD_NONE || run->have == DB_ROW);
	return uc_db(u, rc);
}

/* Who the referral makes members of the child's case (R-INFO-3): filing grants the
 * referrer nothing (its agency is noted as having filed); the agencies the pathway
 * sends it to become members: children's social care of the child's borough for every
 * exploitation-pathway referral (R-PATH-1), the allocated social worker's agency
 * (R-PATH-2), and on the police pathway the police of the child's borough, who record
 * and risk-assess (R-PATH-4). The MASH and the SET desk see every child already. */
static int referral_members(struct referral_run *run)
{
	struct uc *u = &run->u;
	const char *child = run->child_id;
	int arc = access_note_filed(u, child, "filed a referral");
	if (arc == APP_OK && run->pr.route != ROUTE_NOT_CSE_EARLY_HELP)
		arc = access_route(u, child, "childrens_social_care", run->bid, MEMBER_ROUTED,
		                   "received the referral (R-PATH-1)");
	/* the police of the child's borough, not the filing officer's force: an officer of
	 * another force who files is acknowledged like any other referrer */
	if (arc == APP_OK && run->pr.route == ROUTE_POLICE_PATHWAY)
		arc = access_route(u, child, "police", run->bid, MEMBER_ROUTED,
		                   "records and risk-assesses the referral (R-PATH-4)");
	const char *sw = json_string_value(json_object_get(run->child, "social_worker_id"));
	if (arc == APP_OK && run->pr.route == ROUTE_SOCIAL_WORKER_AND_SET && sw) {
		struct user_row swu;
		int rc = store_user_get_by_id(u->db, sw, &swu);
		if (rc == DB_ROW)
			rc = store_member_add(u->db, child, swu.agency_id, MEMBER_ROUTED,
			                      "the child's allocated social worker (R-PATH-2)",
			                      NULL, u->now);
		arc = rc == DB_DONE ? APP_OK : uc_db(u, rc == DB_ROW ? DB_OK : rc);
	}
	return arc;
}

/* Writes the referral itself: its row, signs and steps, its audit event, and the
 * members of the child's case it makes. */
static int referral_store(struct referral_run *run)
{
	struct uc *u = &run->u;
	const struct actor *who = u->who;
	const struct referral_in *r = &run->r;
	const struct path_result *pr = &run->pr;
	id_new("rfl", run->fid);
	run->agency_name = who->system ? "the command line" : who->agency_id;
	if (who->agency_id[0])
		store_agency_name(u->db, who->agency_id, run->agency_label,
		                  sizeof run->agency_label);
	if (run->agency_label[0])
		run->agency_name = run->agency_label;
	const char *ref = run->has_record ? run->rec.reference : NULL;
	struct store_referral_new row = {
	        .id = run->fid,
	        .child_id = run->child_id,
	        .record_id = run->has_record ? run->rec.id : NULL,
	        .source_agency_id = who->agency_id[0] ? who->agency_id : NULL,
	        .referrer_id = uc_user_id(u),
	        .referrer_name = who->display_name,
	        .came_to_notice_at = r->came_to_notice_at,
	        .submitted_at = u->now,
	        .circumstances = r->circumstances,
	        .rationale = r->rationale,
	        .no_sign_rationale = r->no_sign_rationale,
	        .risk_review = r->risk_review,
	        .other_info = r->other_info,
	        .route = pathway_route_code(pr->route),
	        .route_rule = pr->rule,
	        .status = on_cse_pathway(r->n_signs) ? "awaiting_triage" : "not_cse_pathway"};
	int rc = store_referral_insert(u->db, &row);
	for (size_t i = 0; rc == DB_OK && i < r->n_signs; i++)
		rc = store_referral_add_sign(u->db, run->fid, r->signs[i].code,
		                             r->signs[i].evidence, r->signs[i].seen_on);
	for (size_t i = 0; rc == DB_OK && i < pr->n_steps; i++) {
		char action[16];
		snprintf(action, sizeof action, "%d", (int)pr->steps[i].action);
		rc = store_referral_add_step(u->db, run->fid, (int)i + 1, action, pr->steps[i].who,
		                             pr->steps[i].rule, pr->steps[i].text);
	}
	if (rc == DB_OK)
		rc = uc_audit(u, "create", "referral", run->fid, ref,
		              "circumstances,signs,rationale,route");
	int arc = uc_db(u, rc);
	if (arc == APP_OK)
		arc = referral_members(run);
	return arc;
}

/* Adds the referral's exploitation types and models to what the record already holds
 * (never narrowing it). Returns a DB code. */
static int referral_classify(struct referral_run *run)
{
	struct uc *u = &run->u;
	const struct referral_in *r = &run->r;
	int rc = DB_OK;
	json_t *cur = store_classifications(u->db, run->rec.id, true, &rc);
	const char *types[2 * MAX_CODES], *models[2 * MAX_CODES];
	size_t nt = 0, nm = 0, i;
	json_t *v;
	json_array_foreach(cur, i, v)
	{
		const char *k = json_string_value(json_object_get(v, "kind"));
		const char *c = json_string_value(json_object_get(v, "code"));
		if (strcmp(k, "type") == 0)
			code_add(types, &nt, ARRAY_LEN(types), c);
		else
			code_add(models, &nm, ARRAY_LEN(models), c);
	}
	for (i = 0; i < r->n_types; i++)
		code_add(types, &nt, ARRAY_LEN(types), r->types[i]);
	for (i = 0; i < r->n_models; i++)
		code_add(models, &nm, ARRAY_LEN(models), r->models[i]);
	if (cur && r->n_types)
		rc = store_classification_set(u->db, run->rec.id, "type", types, nt, u->now);
	if (cur && rc == DB_OK && r->n_models)
		rc = store_classification_set(u->db, run->rec.id, "model", models, nm, u->now);
	json_decref(cur);
	return rc;
}

/* R-REC-1: the concern joins the child's one record: its facts, classification and
 * MERLIN reference (R-PATH-4, R-REC-4) are added, the chronology gets the referral, and
 * the police initial category is applied (R-PATH-4) or the flags derived (R-FLAG-1). */
static int referral_join_record(struct referral_run *run)
{
	struct uc *u = &run->u;
	struct referral_in *r = &run->r;
	struct record_row *rec = &run->rec;
	int rc = DB_OK;
	bool set = r->online || rec->online, grp = r->group || rec->group,
	     gng = r->gang || rec->gang;
	if (set != rec->online || grp != rec->group || gng != rec->gang) {
		rc = store_record_set_facts(u->db, rec->id, set, grp, gng, u->now);
		rec->online = set;
		rec->group = grp;
		rec->gang = gng;
	}
	if (rc == DB_OK && (r->n_types || r->n_models))
		rc = referral_classify(run);
	if (rc == DB_OK && r->merlin_pac)
		rc = store_ext_ref_add(u->db, rec->id, "merlin_pac", r->merlin_pac, true, u->now,
		                       uc_user_id(u)); /* R-PATH-4, R-REC-4 */
	if (rc != DB_OK)
		return app_db_fail(u->err, u->db, rc);
	char text[12000];
	referral_entry_text(r, &run->pr, run->agency_name, text, sizeof text);
	json_t *people = r->people ? json_incref(r->people) : json_pack("[s]", "the child");
	int arc = chronology_add(u, rec->id, r->came_to_notice_at, REC_FACT, "referral", text,
	                         people, run->fid, NULL, NULL);
	json_decref(people);
	if (arc == APP_OK && r->has_initial && run->police) {
		r->initial.decided_at = u->now;
		arc = category_apply(u, rec, &r->initial, NULL); /* R-PATH-4 */
	} else if (arc == APP_OK) {
		arc = flags_sync(u, rec, rec->category); /* R-FLAG-1: ES */
	}
	return arc;
}

/* The acknowledgement a referrer who does not see the child gets: what they filed was
 * received, and their own next steps, nothing of the child's record or route. */
static json_t *referral_ack(const struct referral_run *run)
{
	const struct path_result *pr = &run->pr;
	json_t *steps = json_array();
	for (size_t i = 0; i < pr->n_steps; i++)
		if (strcmp(pr->steps[i].who, "identifying_agency") == 0)
			json_array_append_new(
			        steps, json_pack("{s:s, s:s, s:s}", "who", pr->steps[i].who, "rule",
			                         pr->steps[i].rule, "text", pr->steps[i].text));
	return json_pack(
	        "{s:s, s:s, s:s, s:b, s:o, s:b, s:s}", "referral_id", run->fid, "child_id",
	        run->child_id, "status", "received", "cse_pathway", on_cse_pathway(run->r.n_signs),
	        "steps", steps, "record_visible", false, "next",
	        on_cse_pathway(run->r.n_signs)
	                ? "Children's social care will look at your referral. You will not "
	                  "see the child's record unless your agency is added to the "
	                  "child's case or a supervisor grants you access."
	                : "No warning sign was identified: your agency leads and monitors, "
	                  "and considers an early help assessment (R-SIGN-2).");
}

/* The result of a filed referral (see app_referral_submit). */
static json_t *referral_result(const struct referral_run *run)
{
	const struct path_result *pr = &run->pr;
	json_t *steps = json_array();
	for (size_t i = 0; i < pr->n_steps; i++)
		json_array_append_new(steps,
		                      json_pack("{s:s, s:s, s:s}", "who", pr->steps[i].who, "rule",
		                                pr->steps[i].rule, "text", pr->steps[i].text));
	return json_pack("{s:s, s:s, s:s, s:b, s:s?, s:s, s:s, s:o, s:b, s:s?}", "referral_id",
	                 run->fid, "child_id", run->child_id, "status", "received",
	                 "record_visible", true, "record_ref",
	                 run->has_record ? run->rec.reference : NULL, "route",
	                 pathway_route_code(pr->route), "rule", pr->rule, "steps", steps,
	                 "cse_pathway", on_cse_pathway(run->r.n_signs), "record_action",
	                 pr->record == PATH_RECORD_CREATE   ? "created"
	                 : pr->record == PATH_RECORD_UPDATE ? "updated"
	                                                    : NULL);
}

int app_referral_submit(struct db *db, const struct actor *who, const char *id, json_t *in,
                        json_t **out, struct app_err *err)
{
	struct referral_run run;
	memset(&run, 0, sizeof run);
	uc_init(&run.u, db, who, err);
	*out = NULL;
	if (referral_start(&run, in) != APP_OK)
		return err->code;
	if (uc_begin(&run.u) != APP_OK)
		return err->code;
	int arc = referral_find_child(&run, out);
	if (arc == APP_OK)
		arc = referral_route(&run);
	if (arc == APP_OK)
		arc = referral_create_record(&run);
	if (arc == APP_OK)
		arc = referral_store(&run);
	if (arc == APP_OK && run.has_record)
		arc = referral_join_record(&run);
	bool sees = false;
	if (arc == APP_OK)
		arc = access_sees_child(&run.u, run.child_id, &sees);
	/* cleanup: one exit; *out keeps the candidates of an unconfirmed match */
	if (arc != APP_OK)
		arc = uc_abort(&run.u, arc);
	else if (uc_commit(&run.u) != APP_OK)
		arc = err->code;
	else
		*out = sees ? referral_result(&run) : referral_ack(&run);
	json_decref(run.child);
	return arc;
}

/* Cuts a referral's view to what its referrer filed (R-INFO-3): no record, route,
 * status or steps of other agencies. */
static void referral_filed_view(json_t *ref)
{
	static const char *const drop[] = {"record_id", "record_ref", "route", "route_rule",
	                                   "status"};
	/* R-SIGN-2: without a sign the referring agency leads and monitors: the route and
	 * its status are its own */
	const char *route = json_string_value(json_object_get(ref, "route"));
	bool own = route && strcmp(route, "not_cse_early_help") == 0;
	for (size_t i = 0; i < (own ? 2 : ARRAY_LEN(drop)); i++)
		json_object_del(ref, drop[i]);
	json_t *steps = json_array(), *st;
	size_t i;
	json_array_foreach(json_object_get(ref, "steps"), i, st)
	{
		if (strcmp(json_string_value(json_object_get(st, "who")), "identifying_agency") ==
		    0)
			json_array_append(steps, st);
	}
	json_object_set_new(ref, "steps", steps);
	if (!own)
		json_object_set_new(ref, "status", json_string("received"));
	json_object_set_new(ref, "record_visible", json_false());
}

/* Marks each step of a filed referral done or not (pathway_step_done): what filing did
 * and what the record holds since. The facts read for it leave the view. */
static void referral_steps_done(json_t *ref)
{
	const char *rr = json_string_value(json_object_get(ref, "risk_review"));
	const char *nsr = json_string_value(json_object_get(ref, "no_sign_rationale"));
	struct path_filed f = {
	        .record_linked = json_is_string(json_object_get(ref, "record_id")),
	        .risk_review = rr && *rr,
	        .category = json_integer_value(json_object_get(ref, "has_category")) != 0,
	        .merlin_pac = json_integer_value(json_object_get(ref, "has_merlin_pac")) != 0,
	        .no_sign_rationale = nsr && *nsr,
	};
	json_object_del(ref, "has_category");
	json_object_del(ref, "has_merlin_pac");
	size_t i;
	json_t *st;
	json_array_foreach(json_object_get(ref, "steps"), i, st)
	{
		const char *a = json_string_value(json_object_get(st, "action"));
		long code = a ? strtol(a, NULL, 10) : -1;
		bool done = code >= 0 && pathway_step_done((enum path_action)code, &f);
		json_object_set_new(st, "done", json_boolean(done));
	}
}

/* R-PATH-3: the MASH's evaluation, once made, is no longer a step still to do. */
static void referral_evaluated_step(json_t *ref)
{
	if (!json_is_object(json_object_get(ref, "evaluation")))
		return;
	struct path_filed f = {.mash_evaluated = true};
	size_t i;
	json_t *st;
	json_array_foreach(json_object_get(ref, "steps"), i, st)
	{
		const char *a = json_string_value(json_object_get(st, "action"));
		long code = a ? strtol(a, NULL, 10) : -1;
		if (code == ACT_RISK_ASSESS && pathway_step_done(ACT_RISK_ASSESS, &f))
			json_object_set_new(st, "done", json_true());
	}
}

int app_referral_get(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!id_valid(id, "rfl"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such referral.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	int rc;
	json_t *ref = store_referral_get(db, id, &rc);
	if (!ref)
		return uc_abort(
		        &u, rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such referral.")
		                          : app_db_fail(err, db, rc));
	referral_steps_done(ref);
	const char *child = json_string_value(json_object_get(ref, "child_id"));
	const char *src = json_string_value(json_object_get(ref, "source_agency_id"));
	const char *rref = json_string_value(json_object_get(ref, "record_ref"));
	bool filer = src && who->agency_id[0] && strcmp(src, who->agency_id) == 0, sees = false;
	int arc = access_sees_child(&u, child, &sees);
	if (arc == APP_OK && filer && !sees)
		referral_filed_view(ref); /* what the referrer's agency filed, nothing more */
	else if (arc == APP_OK)
		arc = access_gate(&u, child, "referral", id, rref, "No such referral.");
	if (arc == APP_OK && sees) /* R-PATH-3: the MASH's decision clock and evaluation */
		arc = mash_referral_view(&u, ref);
	if (arc == APP_OK && sees)
		referral_evaluated_step(ref);
	if (arc == APP_OK && (rc = uc_audit(&u, "view", "referral", id, sees ? rref : NULL,
	                                    sees ? "all" : "as filed")) != DB_OK)
		arc = app_db_fail(err, db, rc);
	if (arc != APP_OK)
		arc = uc_abort(&u, arc);
	else if (uc_commit(&u) != APP_OK)
		arc = err->code;
	if (arc == APP_OK)
		*out = ref;
	else
		json_decref(ref);
	return arc;
}
