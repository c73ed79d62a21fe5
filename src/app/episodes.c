/*
 * episodes.c: the use cases on missing and absent episodes (see episodes.h). Each has
 * the shape of the record use cases: validate the input, open a transaction, authorise,
 * apply the rule from src/protocol/missing.h, write through src/store/episodes.h,
 * append the audit event, commit; any failure rolls the whole use case back.
 */
#include "app/episodes.h"

#include "app/authz.h"
#include "app/chronology.h"
#include "app/uc.h"
#include "link/normalise.h"
#include "protocol/deadlines.h"
#include "protocol/missing.h"
#include "protocol/recording.h"
#include "report/ssda903.h"
#include "store/children.h"
#include "store/episodes.h"
#include "store/json_rows.h"
#include "store/records.h"
#include "store/users.h"
#include "util/buf.h"
#include "util/ltime.h"
#include "util/parse.h"

#define MAX_PEOPLE 20
#define MAX_LIST 50
#define KEY_LEN 256
#define QUEUE_LIMIT 25

static int64_t parse_time_or(const char *s, int64_t dflt)
{
	int64_t t;
	return s && s[0] && ltime_parse(s, &t) == 0 ? t : dflt;
}

/* Identity key of a person for R-MISS-6 independence checks: the normalised display
 * name of a Lantern user named by username, else the normalised text. Two people of
 * the same name therefore count as the same person: the check errs towards
 * independence. `name` receives the name to show. */
static void person_key(struct db *db, const char *text, char key[KEY_LEN], char *name, size_t nlen,
                       char user_id[ID_MAX])
{
	struct user_row ur;
	const char *shown = text;
	if (user_id)
		user_id[0] = '\0';
	if (store_user_get(db, text, &ur) == DB_ROW) {
		shown = ur.display_name;
		if (user_id)
			snprintf(user_id, ID_MAX, "%s", ur.id);
	}
	if (name)
		snprintf(name, nlen, "%s", shown);
	if (link_normalise_text(shown, key, KEY_LEN) < 0)
		snprintf(key, KEY_LEN, "%.200s", shown);
}

/* "family given" normalised, to compare with children.name_key. */
static void people_key(const char *name, char key[KEY_LEN])
{
	struct link_full_name fn;
	key[0] = '\0';
	if (link_split_full_name(name, &fn) < 0) {
		link_normalise_text(name, key, KEY_LEN);
		return;
	}
	char g[LINK_TEXT_LEN], f[LINK_TEXT_LEN];
	link_tokens_join(&fn.given, g, sizeof g);
	link_tokens_join(&fn.family, f, sizeof f);
	snprintf(key, KEY_LEN, "%.120s%s%.120s", f, f[0] && g[0] ? " " : "", g);
}

/* People named in input: [name | {"name", "child_id"?}]. */
struct people_in {
	const char *name[MAX_PEOPLE];
	const char *child_id[MAX_PEOPLE];
	size_t n;
};

static void people_parse(struct uc *u, json_t *in, const char *key, struct people_in *p)
{
	memset(p, 0, sizeof(*p));
	json_t *a = json_object_get(in, key);
	if (!a || json_is_null(a))
		return;
	if (!json_is_array(a) || json_array_size(a) > MAX_PEOPLE) {
		app_field_error(u->err, key, "%s must be a list of at most %d names.", key,
		                MAX_PEOPLE);
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *name = NULL, *cid = NULL;
		if (json_is_string(v)) {
			name = json_string_value(v);
		} else if (json_is_object(v)) {
			name = json_string_value(json_object_get(v, "name"));
			cid = json_string_value(json_object_get(v, "child_id"));
		}
		if (!name || !text_ok(name, 200, false) || proto_blank(name) ||
		    (cid && !id_valid(cid, "ch"))) {
			app_field_error(u->err, key,
			                "Each person in %s is a name of at most 200 characters, or "
			                "{\"name\", \"child_id\"}.",
			                key);
			continue;
		}
		p->name[p->n] = name;
		p->child_id[p->n++] = cid;
	}
}

/* Writes the people and joins their names with "; " into text. */
static int people_store(struct uc *u, const struct people_in *p, const char *episode_id,
                        const char *child_id, const char *kind, char *text, size_t n)
{
	int rc = DB_OK;
	if (text)
		text[0] = '\0';
	for (size_t i = 0; rc == DB_OK && i < p->n; i++) {
		char key[KEY_LEN];
		people_key(p->name[i], key);
		const char *other = p->child_id[i];
		if (other) {
			int crc;
			json_t *c = store_child_get(u->db, other, &crc);
			if (!c) {
				if (crc != DB_DONE)
					return uc_db(u, crc);
				app_field_error(u->err, kind, "There is no child %.40s.", other);
				return APP_INVALID;
			}
			json_decref(c);
		}
		rc = store_episode_person_add(u->db, episode_id, child_id, kind, p->name[i], key,
		                              other, u->now_s);
		if (text) {
			size_t len = strlen(text);
			snprintf(text + len, n - len, "%s%s", len ? "; " : "", p->name[i]);
		}
	}
	return uc_db(u, rc);
}

static int location_store(struct uc *u, const char *episode_id, const char *child_id,
                          const char *kind, const char *text)
{
	if (!text)
		return APP_OK;
	char key[KEY_LEN];
	if (link_normalise_text(text, key, sizeof key) < 0)
		snprintf(key, sizeof key, "%.200s", text);
	return uc_db(u, store_episode_location_add(u->db, episode_id, child_id, kind, text, key,
	                                           u->now_s));
}

/* Appends an entry involving the child to the child's record chronology (R-REC-3). */
static int chron_add(struct uc *u, const char *record_id, int64_t occurred, enum rec_nature nat,
                     const char *kind, const char *text, char id_out[ID_MAX])
{
	json_t *people = json_pack("[s]", "the child");
	if (!people)
		return uc_db(u, DB_E_NOMEM);
	int arc =
	        chronology_add(u, record_id, occurred, nat, kind, text, people, NULL, NULL, id_out);
	json_decref(people);
	return arc;
}

/* Loads an episode and checks the actor may see its child. */
static int load_episode(struct uc *u, const char *id, struct episode_row *e)
{
	if (!id || !id_valid(id, "mep"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such episode.");
	int rc = store_episode_get(u->db, id, e);
	if (rc == DB_DONE)
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such episode.");
	if (rc != DB_ROW)
		return uc_db(u, rc);
	return authz_child_view(u->db, u->who, e->child_id, u->err);
}

/* Opens a transaction with the episode loaded and visible. */
static int open_episode(struct uc *u, const char *id, struct episode_row *e)
{
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	int rc = load_episode(u, id, e);
	if (rc != APP_OK)
		db_rollback(u->db);
	return rc;
}

/* The risk_level field, checked by the protocol (missing_risk_parse); NULL when absent
 * or refused (a field error is then in u->err). */
static const char *risk_field(struct uc *u, json_t *in, bool required, enum miss_risk *level)
{
	const char *s = app_json_str(in, "risk_level", required, 20, false, u->err);
	struct proto_err pe;
	if (s && missing_risk_parse(s, level, &pe) < 0) {
		app_field_error(u->err, "risk_level", "%s", pe.message);
		return NULL;
	}
	return s;
}

/* Renames the protocol's field in a refusal to the input's name for it: `map` holds
 * pairs {protocol field, input field}, NULL-terminated. */
static void field_rename(struct proto_err *pe, const char *const (*map)[2])
{
	for (; pe->field && (*map)[0]; map++)
		if (strcmp(pe->field, (*map)[0]) == 0) {
			pe->field = (*map)[1];
			return;
		}
}

/* Joins the names with "; " into text. */
static void people_text(const struct people_in *p, char *text, size_t n)
{
	text[0] = '\0';
	for (size_t i = 0; i < p->n; i++) {
		size_t len = strlen(text);
		snprintf(text + len, n - len, "%s%s", i ? "; " : "", p->name[i]);
	}
}

/* R-MISS-4: the episode becomes missing; the change is kept with time and reason. */
static int escalate(struct uc *u, struct episode_row *e, const char *reason)
{
	const char *by_name = u->who->system ? "Lantern (automatic)" : u->who->display_name;
	int rc = store_episode_set_class(u->db, e->id, "missing", u->now_s);
	if (rc == DB_OK)
		rc = store_episode_change_add(u->db, e->id, "escalation", "absent", "missing",
		                              reason, "R-MISS-4", u->now_s, uc_user_id(u), by_name);
	if (rc == DB_OK)
		rc = uc_audit(u, "change", "episode", e->id, NULL, "classification");
	snprintf(e->classification, sizeof e->classification, "missing");
	return uc_db(u, rc);
}

/* ---- report ---- */

/* R-MISS-3: whether the child has an open record, or an identified exploitation risk.
 * Lantern counts as an identified risk: a closed record (children move in and out of
 * risk), a current App C group of missing, trafficked, gang-associated or peer
 * recruitment, or the reporter saying a risk is identified. */
static int cse_status(struct uc *u, json_t *child, bool *open_record, bool *risk,
                      struct record_row *rec, bool *has_record)
{
	int rc = store_record_get(u->db, json_string_value(json_object_get(child, "id")), rec);
	if (rc != DB_ROW && rc != DB_DONE)
		return uc_db(u, rc);
	*has_record = rc == DB_ROW;
	*open_record = *has_record && strcmp(rec->status, "open") == 0;
	if (*has_record && !*open_record)
		*risk = true;
	char today[LT_DATE_LEN];
	ltime_format_date(ltime_date_of(u->now), today);
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(child, "risk_groups"), i, g)
	{
		const char *to = json_string_value(json_object_get(g, "to_date"));
		if (missing_group_is_identified_risk(
		            json_string_value(json_object_get(g, "code"))) &&
		    (!to || strcmp(to, today) >= 0))
			*risk = true;
	}
	return APP_OK;
}

int app_episode_report(struct db *db, const struct actor *who, json_t *in, json_t **out,
                       struct app_err *err)
{
	static const char *const allowed[] = {
	        "child_id",          "reported_at",      "missing_from",
	        "last_seen_at",      "last_seen_where",  "last_seen_with",
	        "parents_carers",    "classification",   "auto_correct",
	        "whereabouts_known", "out_of_character", "context_suggests_risk",
	        "risk_identified",   "risk_level",       NULL};
	static const char *const FROM[] = {"home", "care", "school", "other", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "report a child missing", "report", allowed))
		return err->code;
	const char *child_id = app_json_str(in, "child_id", true, ID_MAX, false, err);
	int64_t reported, last_seen;
	uc_time_field(&u, in, "reported_at", u.now, &reported);
	uc_time_field(&u, in, "last_seen_at", reported, &last_seen);
	bool has_last_seen = json_object_get(in, "last_seen_at") != NULL;
	const char *from = app_json_str(in, "missing_from", true, 10, false, err);
	if (from && !uc_one_of(from, FROM))
		app_field_error(err, "missing_from",
		                "missing_from is home, care, school or other.");
	const char *where = app_json_str(in, "last_seen_where", false, 500, false, err);
	struct people_in with;
	people_parse(&u, in, "last_seen_with", &with);
	struct people_in carers;
	people_parse(&u, in, "parents_carers", &carers);
	const char *cls = app_json_str(in, "classification", false, 10, false, err);
	if (cls && strcmp(cls, "absent") != 0 && strcmp(cls, "missing") != 0)
		app_field_error(err, "classification",
		                "classification is absent or missing (R-MISS-1).");
	enum miss_risk risk = MISS_RISK_NO_APPARENT;
	const char *level = risk_field(&u, in, false, &risk);
	struct miss_report mr = {
	        .whereabouts_known = app_json_bool(in, "whereabouts_known", false, err),
	        .out_of_character = app_json_bool(in, "out_of_character", false, err),
	        .context_suggests_risk = app_json_bool(in, "context_suggests_risk", false, err),
	        .reported_at = reported,
	        .requested = !cls                         ? MISS_NONE
	                     : strcmp(cls, "absent") == 0 ? MISS_ABSENT
	                                                  : MISS_MISSING,
	        .auto_correct = app_json_bool(in, "auto_correct", false, err),
	};
	bool risk_identified = app_json_bool(in, "risk_identified", false, err);
	if (!err->code && has_last_seen && last_seen > reported)
		app_field_error(err, "last_seen_at",
		                "The child cannot be last seen after the report.");
	if (err->code)
		return err->code;
	if (!id_valid(child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (uc_begin(&u) != APP_OK)
		return err->code;
	int rc;
	json_t *child = store_child_get(db, child_id, &rc);
	if (!child)
		return uc_end(&u,
		              rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                            : uc_db(&u, rc),
		              out);
	struct record_row rec;
	bool has_record = false;
	struct miss_child mc = {0};
	const char *dob = json_string_value(json_object_get(child, "date_of_birth"));
	mc.dob_known = dob && ltime_parse_date(dob, &mc.dob) == 0;
	int arc = cse_status(&u, child, &mc.open_cse_record, &mc.identified_cse_risk, &rec,
	                     &has_record);
	mc.identified_cse_risk = mc.identified_cse_risk || risk_identified;
	bool looked_after = json_is_true(json_object_get(child, "looked_after"));
	json_decref(child);
	if (arc != APP_OK)
		return uc_end(&u, arc, out);

	/* R-MISS-1..3 */
	struct miss_result res;
	struct proto_err pe;
	if (missing_classify(&mr, &mc, u.now, &res, &pe) < 0)
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	if (res.cls == MISS_NONE)
		return uc_end(&u,
		              app_fail(err, APP_INVALID, "R-MISS-1",
		                       "The child's whereabouts are known, so no episode is opened "
		                       "(R-MISS-1)."),
		              out);
	/* R-MISS-4: a recorded risk means the episode is missing, not absent */
	if (res.cls == MISS_ABSENT && level && risk != MISS_RISK_NO_APPARENT) {
		if (!mr.auto_correct)
			return uc_end(
			        &u,
			        app_fail(err, APP_INVALID, "R-MISS-4",
			                 "This episode cannot be absent: a %s risk is recorded, "
			                 "and an absent episode with a risk is missing (R-MISS-4).",
			                 level),
			        out);
		res.cls = MISS_MISSING;
		res.rule = "R-MISS-4";
		res.corrected = true;
		snprintf(res.reason, sizeof res.reason,
		         "Classed missing, not absent: a %s risk is recorded (R-MISS-4).", level);
	}
	const char *cls_code = missing_class_code(res.cls);
	char id[ID_MAX], rep_s[LT_TIME_LEN], seen_s[LT_TIME_LEN], with_text[4096] = "";
	id_new("mep", id);
	ltime_format(reported, rep_s);
	ltime_format(last_seen, seen_s);
	json_t *carers_a = json_array();
	for (size_t i = 0; i < carers.n; i++)
		json_array_append_new(carers_a, json_string(carers.name[i]));
	char *carers_s = json_dumps(carers_a, JSON_COMPACT);
	json_decref(carers_a);
	people_text(&with, with_text, sizeof with_text);
	struct episode_new en = {
	        .id = id,
	        .child_id = child_id,
	        .reported_at = rep_s,
	        .reported_by = uc_user_id(&u),
	        .reported_by_name = who->display_name,
	        .reported_by_agency_id = who->agency_id[0] ? who->agency_id : NULL,
	        .last_seen_at = has_last_seen ? seen_s : NULL,
	        .last_seen_where = where,
	        .last_seen_with = with.n ? with_text : NULL,
	        .missing_from = from,
	        .parents_carers = carers_s ? carers_s : "[]",
	        .classification = cls_code,
	        .reason = res.reason,
	        .rule = res.rule,
	        .risk_level = level ? level : (res.cls == MISS_ABSENT ? "no_apparent_risk" : NULL),
	        .looked_after = looked_after,
	        .at = u.now_s,
	};
	rc = store_episode_insert(db, &en);
	free(carers_s);
	if (rc == DB_OK)
		rc = store_episode_change_add(db, id, "classification", NULL, cls_code, res.reason,
		                              res.rule, u.now_s, uc_user_id(&u), who->display_name);
	if (rc == DB_OK && who->agency_id[0])
		rc = store_child_involve(db, child_id, who->agency_id, "reported the child missing",
		                         u.now_s);
	arc = uc_db(&u, rc);
	if (arc == APP_OK)
		arc = location_store(&u, id, child_id, "last_seen", where);
	if (arc == APP_OK)
		arc = people_store(&u, &with, id, child_id, "last_seen_with", NULL, 0);
	if (arc == APP_OK && has_record) {
		char text[1200];
		snprintf(text, sizeof text, "Reported %s from %s. %s%s%s", cls_code, from,
		         res.reason, where ? " Last seen: " : "", where ? where : "");
		arc = chron_add(&u, rec.id, reported, REC_FACT, "missing_episode", text, NULL);
	}
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "create", "episode", id, has_record ? rec.reference : NULL,
		                     "report,classification"));
	json_t *profile = NULL;
	if (arc == APP_OK) {
		profile = store_profile_get(db, child_id, &rc);
		if (!profile && rc != DB_DONE)
			arc = uc_db(&u, rc);
		if (profile) /* shared the moment the episode opens */
			arc = uc_db(&u, uc_audit(&u, "disclose", "philomena_profile", child_id,
			                         has_record ? rec.reference : NULL, "all"));
	}
	char due_s[LT_TIME_LEN] = "";
	if (res.cls == MISS_ABSENT)
		ltime_format(missing_escalation_due(reported, 0), due_s);
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:o?}", "id", id, "child_id",
	                 child_id, "classification", cls_code, "rule", res.rule, "reason",
	                 res.reason, "corrected", res.corrected, "record_ref",
	                 has_record ? rec.reference : NULL, "escalation_due_at",
	                 due_s[0] ? due_s : NULL, "profile", profile);
	return uc_end(&u, arc, out);
}

/* ---- escalation and risk (R-MISS-4) ---- */

int app_episode_escalate(struct db *db, const struct actor *who, const char *id, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"reason", "risk_level", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "escalate episodes", "escalation", allowed))
		return err->code;
	const char *reason = app_json_str(in, "reason", true, 2000, true, err);
	enum miss_risk risk;
	const char *level = risk_field(&u, in, false, &risk);
	struct proto_err pe;
	if (!err->code && proto_text_check(reason, PROTO_SHORT_MAX, true, "R-MISS-4", "reason",
	                                   "The reason for escalating", &pe) < 0)
		return uc_proto_refused(&u, &pe);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	if (strcmp(e.status, "open") != 0 || strcmp(e.classification, "absent") != 0)
		return uc_end(
		        &u,
		        app_fail(err, APP_CONFLICT, "R-MISS-4",
		                 "Only an open absent episode can be escalated; this one is %s "
		                 "and %s (R-MISS-4).",
		                 e.status, e.classification),
		        out);
	int arc = escalate(&u, &e, reason);
	if (arc == APP_OK && level && strcmp(level, e.risk_level) != 0) {
		arc = uc_db(&u, store_episode_set_risk(db, e.id, level, u.now_s));
		if (arc == APP_OK)
			arc = uc_db(&u,
			            store_episode_change_add(db, e.id, "risk_level",
			                                     e.risk_level[0] ? e.risk_level : NULL,
			                                     level, reason, "R-MISS-4", u.now_s,
			                                     uc_user_id(&u), who->display_name));
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", e.id, "classification", "missing",
	                 "rule", "R-MISS-4", "reason", reason, "escalated_at", u.now_s);
	return uc_end(&u, arc, out);
}

int app_episode_risk(struct db *db, const struct actor *who, const char *id, json_t *in,
                     json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"risk_level", "reason", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change episodes", "risk level", allowed))
		return err->code;
	enum miss_risk risk = MISS_RISK_NO_APPARENT;
	const char *level = risk_field(&u, in, true, &risk);
	const char *reason = app_json_str(in, "reason", true, 2000, true, err);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = uc_db(&u, store_episode_set_risk(db, e.id, level, u.now_s));
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_change_add(db, e.id, "risk_level",
		                                         e.risk_level[0] ? e.risk_level : NULL,
		                                         level, reason, NULL, u.now_s,
		                                         uc_user_id(&u), who->display_name));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "episode", e.id, NULL, "risk_level"));
	/* R-MISS-4: a risk identified on an absent episode escalates it */
	struct miss_escalation esc;
	int64_t rep = parse_time_or(e.reported_at, u.now);
	missing_escalation_check(rep, 0, strcmp(e.status, "open") != 0,
	                         risk != MISS_RISK_NO_APPARENT, u.now, &esc);
	bool escalated = false;
	if (arc == APP_OK && esc.escalate && strcmp(e.status, "open") == 0 &&
	    strcmp(e.classification, "absent") == 0 && strcmp(esc.reason, "risk_identified") == 0) {
		char why[2200];
		snprintf(why, sizeof why, "risk identified: %s", reason);
		arc = escalate(&u, &e, why);
		escalated = true;
	}
	*out = json_pack("{s:s, s:s, s:s, s:b}", "id", e.id, "risk_level", level, "classification",
	                 e.classification, "escalated", escalated);
	return uc_end(&u, arc, out);
}

int app_episodes_escalate_due(struct db *db, int64_t now, int64_t timeframe, json_t **out,
                              struct app_err *err)
{
	struct actor sys;
	actor_system(&sys);
	sys.now = now;
	struct uc u;
	uc_init(&u, db, &sys, err);
	*out = NULL;
	if (timeframe <= 0)
		timeframe = MISS_ABSENT_DEFAULT_TIMEFRAME;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	char cutoff[LT_TIME_LEN];
	ltime_format(now - timeframe, cutoff);
	int rc;
	json_t *rows = store_episodes_absent_before(db, cutoff, &rc);
	if (!rows)
		return uc_end(&u, uc_db(&u, rc), out);
	json_t *done = json_array();
	*out = json_pack("{s:o}", "escalated", done);
	int arc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *eid = json_string_value(json_object_get(r, "id"));
		const char *rep_s = json_string_value(json_object_get(r, "reported_at"));
		int64_t rep = parse_time_or(rep_s, now);
		struct miss_escalation esc; /* R-MISS-4, R-DL-2 */
		missing_escalation_check(rep, timeframe, false, false, now, &esc);
		if (!esc.escalate)
			continue;
		struct episode_row e;
		rc = store_episode_get(db, eid, &e);
		if (rc != DB_ROW) {
			arc = uc_db(&u, rc == DB_DONE ? DB_E_ERROR : rc);
			break;
		}
		if ((arc = escalate(&u, &e, "managed timeframe passed")) != APP_OK)
			break;
		char due[LT_TIME_LEN];
		ltime_format(missing_escalation_due(rep, timeframe), due);
		json_array_append_new(
		        done, json_pack("{s:s, s:s, s:s, s:s}", "episode_id", eid, "child_id",
		                        json_string_value(json_object_get(r, "child_id")),
		                        "reported_at", rep_s, "due_at", due));
	}
	json_decref(rows);
	json_object_set_new(*out, "count", json_integer((json_int_t)json_array_size(done)));
	return uc_end(&u, arc, out);
}

/* ---- return, safe and well, interview, forensic ---- */

/* Refuses an episode whose child has not returned yet. */
static int must_be_returned(struct uc *u, const struct episode_row *e, const char *rule,
                            const char *what)
{
	if (e->returned_at[0])
		return APP_OK;
	return app_fail(u->err, APP_CONFLICT, rule,
	                "The child has not been recorded as found or returned yet, so %s cannot be "
	                "recorded (%s).",
	                what, rule);
}

int app_episode_return(struct db *db, const struct actor *who, const char *id, json_t *in,
                       json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"returned_at", "where", "with", "csc_interviewer",
	                                      NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record a return", "return", allowed))
		return err->code;
	int64_t returned;
	uc_time_field(&u, in, "returned_at", u.now, &returned);
	const char *where = app_json_str(in, "where", false, 500, false, err);
	const char *csc = app_json_str(in, "csc_interviewer", false, 200, false, err);
	struct people_in with;
	people_parse(&u, in, "with", &with);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	if (strcmp(e.status, "open") != 0)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "The child's return is already recorded for this episode."),
		              out);
	char ret_s[LT_TIME_LEN], with_text[4096], csc_key[KEY_LEN] = "", csc_name[200] = "";
	people_text(&with, with_text, sizeof with_text);
	/* R-MISS-5: not before the report, not in the future; where found required */
	struct miss_return mr = {.reported_at = parse_time_or(e.reported_at, 0),
	                         .returned_at = returned,
	                         .where = where,
	                         .with_whom = with.n ? with_text : NULL};
	struct proto_err pe;
	if (missing_return_validate(&mr, u.now, &pe) < 0) {
		static const char *const map[][2] = {{"with_whom", "with"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	ltime_format(returned, ret_s);
	if (csc)
		person_key(db, csc, csc_key, csc_name, sizeof csc_name, NULL);
	int arc = people_store(&u, &with, e.id, e.child_id, "found_with", with_text,
	                       sizeof with_text);
	if (arc == APP_OK)
		arc = location_store(&u, e.id, e.child_id, "found", where);
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_set_returned(
		                        db, e.id, ret_s, where, with.n ? with_text : NULL,
		                        csc ? csc_name : NULL, csc ? csc_key : NULL, u.now_s));
	if (arc == APP_OK)
		arc = uc_db(&u, store_episode_change_add(db, e.id, "status", "open", "returned",
		                                         "found or returned", "R-MISS-5", u.now_s,
		                                         uc_user_id(&u), who->display_name));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "episode", e.id, NULL, "returned"));
	char due[LT_TIME_LEN];
	ltime_format(missing_return_interview_due(returned), due); /* R-MISS-6, R-DL-1 */
	struct ri_responsibility resp;
	missing_ri_responsibility(e.looked_after, &resp); /* R-MISS-7 */
	json_t *prompts = json_pack(
	        "[s, s, s]", "Record the police Safe and Well Check (R-MISS-5).",
	        "Offer an independent Return Interview within 72 hours (R-MISS-6).",
	        "Consider a forensic strategy: clothing, early evidence kit, devices (R-MISS-9).");
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", e.id, "returned_at", ret_s,
	                 "return_interview_due_at", due, "responsibility", resp.text, "prompts",
	                 prompts);
	return uc_end(&u, arc, out);
}

int app_safe_and_well(struct db *db, const struct actor *who, const char *id, json_t *in,
                      json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"done_at",       "done_by",      "where_found",
	                                      "found_with",    "found_alone",  "what_happened",
	                                      "crime_alleged", "crime_number", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record a Safe and Well Check", "check",
	                    allowed))
		return err->code;
	int64_t done_at;
	uc_time_field(&u, in, "done_at", u.now, &done_at);
	const char *done_by = app_json_str(in, "done_by", who->system, 200, false, err);
	const char *where = app_json_str(in, "where_found", true, 500, false, err);
	const char *happened = app_json_str(in, "what_happened", true, 8000, true, err);
	bool alleged = app_json_bool(in, "crime_alleged", false, err);
	bool alone = app_json_bool(in, "found_alone", false, err);
	const char *crime = app_json_str(in, "crime_number", false, EXT_REF_MAX, false, err);
	struct people_in with;
	people_parse(&u, in, "found_with", &with);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-5", "a Safe and Well Check");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	char key[KEY_LEN], name[200], by_uid[ID_MAX];
	person_key(db, done_by ? done_by : who->username, key, name, sizeof name, by_uid);
	if (!done_by)
		snprintf(name, sizeof name, "%s", who->display_name);
	char sid[ID_MAX], done_s[LT_TIME_LEN], with_text[4096];
	people_text(&with, with_text, sizeof with_text);
	/* R-MISS-5: the record of the check, and the crime link an allegation needs */
	struct miss_safe_well sw = {.returned_at = parse_time_or(e.returned_at, 0),
	                            .checked_at = done_at,
	                            .officer_id = name,
	                            .where_found = where,
	                            .found_alone = alone,
	                            .found_with = with.n ? with_text : NULL,
	                            .what_happened = happened,
	                            .crime_alleged = alleged,
	                            .crime_reference = crime};
	struct miss_safe_well_plan plan;
	struct proto_err pe;
	if (missing_safe_well_validate(&sw, u.now, &plan, &pe) < 0) {
		static const char *const map[][2] = {{"checked_at", "done_at"},
		                                     {"officer_id", "done_by"},
		                                     {"crime_reference", "crime_number"},
		                                     {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	id_new("saw", sid);
	ltime_format(done_at, done_s);
	arc = people_store(&u, &with, e.id, e.child_id, "found_with", NULL, 0);
	if (arc == APP_OK)
		arc = location_store(&u, e.id, e.child_id, "found", where);
	struct saw_new s = {.id = sid,
	                    .episode_id = e.id,
	                    .done_at = done_s,
	                    .done_by = by_uid[0] ? by_uid : NULL,
	                    .done_by_name = name,
	                    .done_by_key = key,
	                    .agency_id = who->agency_id[0] ? who->agency_id : NULL,
	                    .where_found = where,
	                    .found_with = with.n ? with_text : NULL,
	                    .what_happened = happened,
	                    .crime_alleged = alleged,
	                    .crime_number = crime,
	                    .at = u.now_s};
	if (arc == APP_OK)
		arc = uc_db(&u, store_saw_insert(db, &s));
	/* R-REC-5: the crime reference is linked to the child's one record, ES-flagged */
	struct record_row rec;
	int hr = store_record_get(db, e.child_id, &rec);
	if (arc == APP_OK && hr != DB_ROW && hr != DB_DONE)
		arc = uc_db(&u, hr);
	const char *crime_link = NULL;
	if (arc == APP_OK && plan.crime_link && plan.crime.create_crime_reference) {
		crime_link = "a crime is alleged: create a crime report and link its number to "
		             "the child's record (R-MISS-5, R-REC-5)";
	} else if (arc == APP_OK && plan.crime_link && hr == DB_ROW) {
		arc = uc_db(&u, store_ext_ref_add(db, rec.id, "crime_number", crime,
		                                  plan.crime.es_on_crime_report, u.now_s,
		                                  uc_user_id(&u)));
		crime_link = "linked to the child's record";
	} else if (plan.crime_link) {
		crime_link = "the child has no exploitation record, so the crime number is kept on "
		             "the episode only";
	}
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "safe_and_well_check", sid,
		                         hr == DB_ROW ? rec.reference : NULL, "all"));
	*out = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "id", sid, "episode_id", e.id, "done_by",
	                 name, "crime_number", crime, "crime_link", crime_link);
	return uc_end(&u, arc, out);
}

/* Party codes of R-MISS-7 as a JSON array text. */
static char *parties_json(const struct ri_responsibility *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(a, json_string(r->parties[i]));
	char *s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

int app_return_interview_offer(struct db *db, const struct actor *who, const char *id, json_t *in,
                               json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "interviewer", "interviewer_role", "interviewer_agency",
	        "child_asked", "child_preference", "parents_carers",
	        "offered_at",  "status",           NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "arrange return interviews", "interview",
	                    allowed))
		return err->code;
	const char *status = app_json_str(in, "status", false, 12, false, err);
	if (status && strcmp(status, "offered") != 0)
		app_field_error(err, "status", "An offer has status offered.");
	const char *interviewer = app_json_str(in, "interviewer", true, 200, false, err);
	const char *role = app_json_str(in, "interviewer_role", false, 120, false, err);
	const char *agency = app_json_str(in, "interviewer_agency", false, 120, false, err);
	bool asked = app_json_bool(in, "child_asked", false, err);
	const char *pref = app_json_str(in, "child_preference", false, 2000, true, err);
	int64_t offered;
	uc_time_field(&u, in, "offered_at", u.now, &offered);
	struct people_in carers;
	people_parse(&u, in, "parents_carers", &carers);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-6", "a Return Interview");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	int64_t returned = parse_time_or(e.returned_at, 0);
	struct proto_err pe;
	if (missing_interview_time_validate(returned, offered, u.now, &pe) < 0) { /* R-MISS-6 */
		static const char *const map[][2] = {{"interview_at", "offered_at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct interview_row ir;
	int rc = store_interview_get(db, e.id, &ir);
	if (rc == DB_ROW)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "A Return Interview is already %s for this episode.",
		                       ir.status),
		              out);
	if (rc != DB_DONE)
		return uc_end(&u, uc_db(&u, rc), out);
	/* R-MISS-6: independent of parents/carers and of the police and CSC interviews */
	char key[KEY_LEN], name[200], iv_uid[ID_MAX], police_key[KEY_LEN] = "";
	person_key(db, interviewer, key, name, sizeof name, iv_uid);
	if ((rc = store_saw_latest_key(db, e.id, police_key, sizeof police_key)) != DB_OK)
		return uc_end(&u, uc_db(&u, rc), out);
	char carer_keys[2 * MAX_PEOPLE][KEY_LEN];
	const char *carer_ptrs[2 * MAX_PEOPLE];
	size_t nc = 0;
	json_t *stored = json_loads(e.parents_carers, 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(stored, i, v)
	{
		if (nc < MAX_PEOPLE && json_is_string(v)) {
			person_key(db, json_string_value(v), carer_keys[nc], NULL, 0, NULL);
			carer_ptrs[nc] = carer_keys[nc];
			nc++;
		}
	}
	json_decref(stored);
	for (i = 0; i < carers.n; i++) {
		person_key(db, carers.name[i], carer_keys[nc], NULL, 0, NULL);
		carer_ptrs[nc] = carer_keys[nc];
		nc++;
	}
	struct ri_interview ri = {.interviewer_id = key,
	                          .parent_carer_ids = carer_ptrs,
	                          .n_parent_carers = nc,
	                          .police_interviewer_id = police_key,
	                          .csc_interviewer_id = e.csc_interviewer_key,
	                          .child_asked_preference = asked,
	                          .child_preference = pref};
	if (missing_interviewer_validate(&ri, &pe) < 0) {
		if (pe.field && strcmp(pe.field, "interviewer_id") == 0)
			pe.field = "interviewer";
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct ri_responsibility resp;
	missing_ri_responsibility(e.looked_after, &resp); /* R-MISS-7 */
	char *parties = parties_json(&resp);
	char rid[ID_MAX], due[LT_TIME_LEN], off_s[LT_TIME_LEN];
	id_new("rin", rid);
	ltime_format(missing_return_interview_due(returned), due); /* R-DL-1 */
	ltime_format(offered, off_s);
	struct interview_new n = {.id = rid,
	                          .episode_id = e.id,
	                          .due_at = due,
	                          .responsible = parties ? parties : "[]",
	                          .responsibility = resp.text,
	                          .child_preference = pref,
	                          .interviewer_id = iv_uid[0] ? iv_uid : NULL,
	                          .interviewer_name = name,
	                          .interviewer_key = key,
	                          .interviewer_role = role,
	                          .interviewer_agency = agency,
	                          .offered_at = off_s,
	                          .by = uc_user_id(&u),
	                          .at = u.now_s};
	arc = uc_db(&u, store_interview_insert(db, &n));
	free(parties);
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "return_interview", rid, NULL,
		                         "interviewer,child_preference,status"));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", rid, "episode_id", e.id,
	                 "status", "offered", "due_at", due, "interviewer", name,
	                 "child_preference", pref, "responsibility", resp.text);
	return uc_end(&u, arc, out);
}

int app_return_interview_record(struct db *db, const struct actor *who, const char *id, json_t *in,
                                json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {"status",       "at",         "findings",
	                                      "where_stayed", "with_whom",  "why_left",
	                                      "actions",      "assessment", NULL};
	static const char *const STATUSES[] = {"accepted", "declined", "completed", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record return interviews", "interview",
	                    allowed))
		return err->code;
	const char *status = app_json_str(in, "status", true, 12, false, err);
	if (status && !uc_one_of(status, STATUSES))
		app_field_error(err, "status", "status is accepted, declined or completed.");
	int64_t at;
	uc_time_field(&u, in, "at", u.now, &at);
	const char *findings = app_json_str(in, "findings", false, 8000, true, err);
	struct ri_findings rf = {
	        .interview_at = at,
	        .what_happened = findings,
	        .where_stayed = app_json_str(in, "where_stayed", false, 2000, true, err),
	        .with_whom = app_json_str(in, "with_whom", false, 2000, true, err),
	        .why_left = app_json_str(in, "why_left", false, 2000, true, err),
	        .actions = app_json_str(in, "actions", false, 2000, true, err),
	        .assessment = app_json_str(in, "assessment", false, 2000, true, err),
	};
	if (err->code)
		return err->code;
	bool completed = strcmp(status, "completed") == 0;
	rf.declined = strcmp(status, "declined") == 0;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-6", "a Return Interview");
	if (arc != APP_OK)
		return uc_end(&u, arc, out);
	rf.returned_at = parse_time_or(e.returned_at, 0);
	struct proto_err pe;
	if (missing_interview_time_validate(rf.returned_at, at, u.now, &pe) < 0) { /* R-MISS-6 */
		static const char *const map[][2] = {{"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct interview_row ir;
	int rc = store_interview_get(db, e.id, &ir);
	if (rc == DB_DONE)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, "R-MISS-6",
		                       "Offer the Return Interview first, naming the interviewer "
		                       "and the child's choice (R-MISS-6)."),
		              out);
	if (rc != DB_ROW)
		return uc_end(&u, uc_db(&u, rc), out);
	if (strcmp(ir.status, "completed") == 0 || strcmp(ir.status, "declined") == 0)
		return uc_end(&u,
		              app_fail(err, APP_CONFLICT, NULL,
		                       "The Return Interview is already %s.", ir.status),
		              out);
	/* R-MISS-8: what the interview found (or that the child declined) joins the
	 * child's record: a fact entry, and the interviewer's assessment as an opinion */
	struct buf facts = BUF_INIT(1u << 16), opinion = BUF_INIT(1u << 16);
	bool finding = completed || rf.declined;
	rf.interviewer_id = ir.interviewer_name;
	if (finding && missing_ri_chronology(&rf, u.now, &facts, &opinion, &pe) < 0) {
		static const char *const map[][2] = {
		        {"what_happened", "findings"}, {"interview_at", "at"}, {NULL, NULL}};
		field_rename(&pe, map);
		buf_release(&facts);
		buf_release(&opinion);
		return uc_end(&u, uc_proto_refused(&u, &pe), out);
	}
	struct record_row rec;
	int hr = store_record_get(db, e.child_id, &rec);
	char entry[ID_MAX] = "";
	if (hr != DB_ROW && hr != DB_DONE)
		arc = uc_db(&u, hr);
	if (arc == APP_OK && finding && hr == DB_ROW)
		arc = chron_add(&u, rec.id, at, REC_FACT, "return_interview", buf_cstr(&facts),
		                entry);
	if (arc == APP_OK && finding && hr == DB_ROW && opinion.len)
		arc = chron_add(&u, rec.id, at, REC_OPINION, "return_interview", buf_cstr(&opinion),
		                NULL);
	buf_release(&facts);
	buf_release(&opinion);
	char at_s[LT_TIME_LEN];
	ltime_format(at, at_s);
	if (arc == APP_OK)
		arc = uc_db(&u, store_interview_update(db, ir.id, status, at_s, findings,
		                                       entry[0] ? entry : NULL, uc_user_id(&u),
		                                       u.now_s));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "change", "return_interview", ir.id,
		                         hr == DB_ROW ? rec.reference : NULL,
		                         completed ? "status,findings" : "status"));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:b}", "id", ir.id, "episode_id", e.id, "status",
	                 status, "due_at", ir.due_at, "within_72h", strcmp(at_s, ir.due_at) <= 0);
	if (*out && completed && hr == DB_ROW) {
		json_object_set_new(*out, "record_ref", json_string(rec.reference));
		json_object_set_new(*out, "record_entry_id", json_string(entry));
	} else if (*out && completed) {
		json_object_set_new(
		        *out, "record_entry",
		        json_string("The child has no exploitation record: the findings "
		                    "are kept with the episode (R-MISS-8)."));
	}
	return uc_end(&u, arc, out);
}

/* One answer to a forensic question: true (yes), false (no) or "not_applicable". */
static enum forensic_answer forensic_answer_of(json_t *v)
{
	if (json_is_true(v))
		return FOR_YES;
	if (json_is_false(v))
		return FOR_NO;
	if (json_is_string(v) && strcmp(json_string_value(v), "not_applicable") == 0)
		return FOR_NOT_APPLICABLE;
	return FOR_UNANSWERED;
}

int app_forensic_decision(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	static const char *const DECISIONS[] = {"forensic_strategy", "no_forensic_action", NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "record this decision", "decision", NULL))
		return err->code;
	/* R-MISS-9: the protocol's questions, by their codes */
	size_t nq;
	const struct forensic_question *q = missing_forensic_questions(&nq);
	const char *allowed[MISS_FORENSIC_QUESTIONS + 3] = {NULL};
	for (size_t i = 0; i < nq && i < MISS_FORENSIC_QUESTIONS; i++)
		allowed[i] = q[i].code;
	allowed[nq] = "decision";
	allowed[nq + 1] = "rationale";
	app_json_only(in, allowed, err);
	struct miss_forensic f = {.decided_by = who->display_name, .decided_at = u.now};
	for (size_t i = 0; i < nq && i < MISS_FORENSIC_QUESTIONS; i++)
		f.answers[i] = forensic_answer_of(json_object_get(in, q[i].code));
	const char *decision = app_json_str(in, "decision", true, 24, false, err);
	if (decision && !uc_one_of(decision, DECISIONS))
		app_field_error(err, "decision",
		                "decision is forensic_strategy or no_forensic_action.");
	f.decision = !decision                                     ? FOR_DECISION_UNSET
	             : strcmp(decision, "forensic_strategy") == 0  ? FOR_STRATEGY
	             : strcmp(decision, "no_forensic_action") == 0 ? FOR_NO_STRATEGY
	                                                           : FOR_DECISION_UNSET;
	f.rationale = app_json_str(in, "rationale", true, 2000, true, err);
	if (err->code)
		return err->code;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int arc = must_be_returned(&u, &e, "R-MISS-9", "a forensic strategy decision");
	struct proto_err pe;
	if (arc == APP_OK &&
	    missing_forensic_validate(&f, parse_time_or(e.returned_at, 0), u.now, &pe) < 0)
		arc = uc_proto_refused(&u, &pe);
	char fid[ID_MAX];
	id_new("for", fid);
	int answers[MISS_FORENSIC_QUESTIONS];
	for (size_t i = 0; i < MISS_FORENSIC_QUESTIONS; i++)
		answers[i] = f.answers[i] == FOR_YES ? 1 : f.answers[i] == FOR_NO ? 0 : 2;
	if (arc == APP_OK)
		arc = uc_db(&u, store_forensic_insert(db, fid, e.id, answers, decision, f.rationale,
		                                      u.now_s, uc_user_id(&u), who->display_name));
	if (arc == APP_OK)
		arc = uc_db(&u, uc_audit(&u, "create", "forensic_decision", fid, NULL, "all"));
	*out = json_pack("{s:s, s:s, s:s}", "id", fid, "episode_id", e.id, "decision", decision);
	return uc_end(&u, arc, out);
}

/* ---- views ---- */

/* Parses JSON text stored in a column into a value. */
static void parse_member(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	if (!s)
		return;
	json_t *v = json_loads(s, 0, NULL);
	json_object_set_new(obj, key, v ? v : json_null());
}

int app_episode_get(struct db *db, const struct actor *who, const char *id, json_t **out,
                    struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	struct episode_row e;
	if (open_episode(&u, id, &e) != APP_OK)
		return err->code;
	int rc;
	json_t *v = store_episode_view(db, e.id, &rc);
	if (!v)
		return uc_end(&u, uc_db(&u, rc), out);
	*out = v;
	parse_member(v, "parents_carers");
	json_t *ri = json_array_get(json_object_get(v, "return_interview"), 0);
	if (ri)
		parse_member(ri, "responsible");
	json_object_set(v, "return_interview", ri ? ri : json_null());
	json_object_set_new(v, "looked_after", json_boolean(e.looked_after));
	/* what is still to do */
	json_t *prompts = json_array();
	if (strcmp(e.status, "open") == 0 && strcmp(e.classification, "absent") == 0) {
		char due[LT_TIME_LEN];
		ltime_format(missing_escalation_due(parse_time_or(e.reported_at, u.now), 0), due);
		json_array_append_new(prompts,
		                      json_pack("{s:s, s:s, s:s}", "rule", "R-MISS-4", "due_at",
		                                due, "text",
		                                "Escalate to missing if a risk is identified "
		                                "or the managed timeframe passes."));
	}
	if (e.returned_at[0]) {
		int64_t ret = parse_time_or(e.returned_at, u.now);
		char due[LT_TIME_LEN];
		ltime_format(missing_return_interview_due(ret), due);
		if (json_array_size(json_object_get(v, "safe_and_well_checks")) == 0)
			json_array_append_new(prompts,
			                      json_pack("{s:s, s:s}", "rule", "R-MISS-5", "text",
			                                "Record the police Safe and Well Check."));
		const char *st = ri ? json_string_value(json_object_get(ri, "status")) : NULL;
		if (!st || (strcmp(st, "completed") != 0 && strcmp(st, "declined") != 0))
			json_array_append_new(
			        prompts,
			        json_pack("{s:s, s:s, s:s}", "rule", "R-MISS-6", "due_at", due,
			                  "text", "Complete an independent Return Interview."));
		if (json_array_size(json_object_get(v, "forensic_decisions")) == 0)
			json_array_append_new(prompts,
			                      json_pack("{s:s, s:s}", "rule", "R-MISS-9", "text",
			                                "Record the forensic strategy decision."));
	}
	json_object_set_new(v, "prompts", prompts);
	const char *ref = json_string_value(json_object_get(v, "record_ref"));
	return uc_end(&u, uc_db(&u, uc_audit(&u, "view", "episode", e.id, ref, "all")), out);
}

/* An episode of a together-candidate row (`prefix` "" for this child's, "other_" for the
 * other child's) for missing_together. */
static void together_episode(json_t *r, const char *prefix, const char *child_id, int64_t now,
                             struct miss_episode *m)
{
	char k1[32], k2[32], k3[32];
	snprintf(k1, sizeof k1, "%sepisode_id", prefix);
	snprintf(k2, sizeof k2, "%sreported_at", prefix);
	snprintf(k3, sizeof k3, "%sreturned_at", prefix);
	const char *ret = json_string_value(json_object_get(r, k3));
	memset(m, 0, sizeof(*m));
	m->episode_id = json_string_value(json_object_get(r, k1));
	m->child_id = child_id;
	m->start = parse_time_or(json_string_value(json_object_get(r, k2)), now);
	m->ended = ret != NULL;
	m->end = parse_time_or(ret, now);
	m->found_location_id = json_string_value(json_object_get(r, "found_key"));
}

/* R-MISS-10: decides the pair of a together-candidate row with missing_together; true
 * with *t when they were missing together. With `any_place` both count as found at the
 * same place, which can only add pairs: a pair refused then is refused whatever the
 * places were, so its details need not be read. */
static bool together_pair(json_t *r, const char *child_id, int64_t now, bool any_place,
                          struct miss_together *t)
{
	const char *other = json_string_value(json_object_get(r, "child_id"));
	struct miss_episode pair[2];
	together_episode(r, "", child_id, now, &pair[0]);
	together_episode(r, "other_", other, now, &pair[1]);
	if (any_place)
		pair[0].found_location_id = pair[1].found_location_id = "any";
	if (json_integer_value(json_object_get(r, "named")))
		pair[0].found_with_person_id = other;
	if (pair[1].start < pair[0].start) { /* missing_together wants them by start */
		struct miss_episode tmp = pair[0];
		pair[0] = pair[1];
		pair[1] = tmp;
	}
	size_t found = 0;
	struct proto_err pe;
	return missing_together(pair, 2, NULL, now, t, 1, &found, &pe) == 0 && found;
}

/* R-MISS-10: the candidate pairs that may have been missing together (see
 * together_pair), newest other episode first, each with found_key when the place they
 * were found at could decide. A pair of the child with itself is never missing together.
 * NULL on a database failure (err set). */
static json_t *together_rows(struct uc *u, const char *child_id)
{
	int rc;
	json_t *rows =
	        store_episode_together_candidates(u->db, child_id, MISS_TOGETHER_FOUND_WITHIN, &rc);
	if (!rows) {
		uc_db(u, rc);
		return NULL;
	}
	json_t *out = json_array();
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		struct miss_together t;
		if (!together_pair(r, child_id, u->now, true, &t))
			continue;
		if (t.same_location) { /* found near in time: the place decides */
			char key[512];
			rc = store_episode_found_key(
			        u->db, json_string_value(json_object_get(r, "episode_id")),
			        json_string_value(json_object_get(r, "other_episode_id")), key,
			        sizeof key);
			if (rc != DB_OK) {
				uc_db(u, rc);
				json_decref(rows);
				json_decref(out);
				return NULL;
			}
			if (key[0])
				json_object_set_new(r, "found_key", json_string(key));
		}
		json_array_append(out, r);
	}
	json_decref(rows);
	json_array_sort_by(out, "other_reported_at", true);
	return out;
}

/* R-MISS-10: the other children this child went missing with. The store gives the
 * candidates linked by place or name; missing_together decides each pair. NULL on a
 * database failure (err set). */
static json_t *co_missing(struct uc *u, const char *child_id)
{
	json_t *rows = together_rows(u, child_id);
	if (!rows)
		return NULL;
	json_t *co = json_array();
	json_t *seen = json_object(); /* other child id -> whether the actor may see them */
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *other = json_string_value(json_object_get(r, "child_id"));
		struct miss_together t;
		if (!together_pair(r, child_id, u->now, false, &t))
			continue;
		const char *how = t.same_location ? "same_place"
		                  : t.same_person ? "named_together"
		                                  : "overlapping";
		/* the other child is named only to those who may see them; others learn that
		 * a child they cannot see went missing at the same time */
		json_t *known = json_object_get(seen, other);
		int vis = known ? (int)json_integer_value(known) : APP_OK;
		if (!known) {
			struct app_err hidden = {0};
			vis = authz_child_view(u->db, u->who, other, &hidden);
			if (vis == APP_FAILED) {
				*u->err = hidden;
				json_decref(seen);
				json_decref(rows);
				json_decref(co);
				return NULL;
			}
			json_object_set_new(seen, other, json_integer(vis));
		}
		if (vis != APP_OK) {
			json_array_append_new(co,
			                      json_pack("{s:b, s:s, s:I}", "hidden", 1, "how", how,
			                                "overlap_seconds", (json_int_t)t.overlap));
			continue;
		}
		json_array_append_new(
		        co,
		        json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s, s:s?, s:s, s:I}", "child_id",
		                  other, "given_names",
		                  json_string_value(json_object_get(r, "given_names")),
		                  "family_name",
		                  json_string_value(json_object_get(r, "family_name")),
		                  "episode_id", json_string_value(json_object_get(r, "episode_id")),
		                  "other_episode_id",
		                  json_string_value(json_object_get(r, "other_episode_id")),
		                  "other_reported_at",
		                  json_string_value(json_object_get(r, "other_reported_at")),
		                  "other_returned_at",
		                  json_string_value(json_object_get(r, "other_returned_at")), "how",
		                  how, "overlap_seconds", (json_int_t)t.overlap));
	}
	json_decref(seen);
	json_decref(rows);
	return co;
}

/* Starts a use case that reads child `child_id`'s episodes or profile: checks the id,
 * begins the transaction and checks the actor may see the child. Returns APP_OK with
 * the transaction open, or the error code (in u->err) with none open. */
static int child_open(struct uc *u, const char *child_id)
{
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(u->err, APP_NOT_FOUND, NULL, "No such child.");
	if (uc_begin(u) != APP_OK)
		return u->err->code;
	int arc = authz_child_view(u->db, u->who, child_id, u->err);
	return arc == APP_OK ? APP_OK : uc_end(u, arc, NULL);
}

int app_child_episodes(struct db *db, const struct actor *who, const char *child_id, json_t **out,
                       struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (!child_id || !id_valid(child_id, "ch"))
		return app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	/* A view: read in a read transaction beside writers, then log it (as a record
	 * view, app_record_view) before anything is returned. */
	int rc = db_begin_read(db);
	if (rc != DB_OK)
		return app_db_fail(err, db, rc);
	int arc = authz_child_view(db, who, child_id, err);
	bool exists = false;
	if (arc == APP_OK && (rc = store_child_exists(db, child_id, &exists)) != DB_OK)
		arc = uc_db(&u, rc);
	else if (arc == APP_OK && !exists)
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	json_t *eps = arc == APP_OK ? store_episodes_for_child(db, child_id, &rc) : NULL;
	if (arc == APP_OK && !eps)
		arc = uc_db(&u, rc);
	if (arc == APP_OK) {
		/* R-MISS-10: repeat missing over 30, 90 and 365 days */
		size_t n = json_array_size(eps);
		int64_t *starts = calloc(n ? n : 1, sizeof *starts);
		if (!starts)
			arc = app_fail(err, APP_FAILED, NULL, "Out of memory.");
		size_t i;
		json_t *ep;
		json_array_foreach(eps, i, ep)
		{
			if (starts)
				starts[i] = parse_time_or(
				        json_string_value(json_object_get(ep, "reported_at")),
				        u.now);
		}
		struct miss_repeat rep = {0};
		missing_repeat_count(starts, starts ? n : 0, u.now, &rep);
		free(starts);
		*out = json_pack("{s:s, s:o, s:{s:I, s:I, s:I}}", "child_id", child_id, "episodes",
		                 eps, "repeat", "days_30", (json_int_t)rep.days_30, "days_90",
		                 (json_int_t)rep.days_90, "days_365", (json_int_t)rep.days_365);
		eps = NULL;
	}
	json_decref(eps);
	json_t *co = arc == APP_OK ? co_missing(&u, child_id) : NULL;
	if (arc == APP_OK && !co)
		arc = err->code ? err->code : APP_FAILED;
	if (co)
		json_object_set_new(*out, "co_missing", co);
	db_rollback(db); /* read only: nothing to keep */
	if (arc == APP_OK) {
		struct actor at = *who; /* the use case's clock, as uc_audit */
		at.now = u.now;
		rc = app_audit_shared(db, &at, "view", "child_episodes", child_id, NULL,
		                      "episodes,repeat,co_missing");
		arc = rc == DB_OK ? APP_OK : app_db_fail(err, db, rc);
	}
	if (arc != APP_OK) {
		json_decref(*out);
		*out = NULL;
		if (!err->code)
			err->code = arc;
	}
	return arc;
}

/* ---- Philomena-style profile ---- */

static const char *const PROFILE_LISTS[] = {"associates", "places", "phone_numbers",
                                            "social_media"};

int app_philomena_get(struct db *db, const struct actor *who, const char *child_id, json_t **out,
                      struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (child_open(&u, child_id) != APP_OK)
		return err->code;
	int rc;
	*out = store_profile_get(db, child_id, &rc);
	if (!*out && rc != DB_DONE)
		return uc_end(&u, uc_db(&u, rc), out);
	if (!*out) {
		*out = json_pack("{s:s, s:b}", "child_id", child_id, "exists", false);
	} else {
		for (size_t i = 0; i < ARRAY_LEN(PROFILE_LISTS); i++)
			parse_member(*out, PROFILE_LISTS[i]);
		json_object_set_new(*out, "exists", json_true());
	}
	return uc_end(&u,
	              uc_db(&u, uc_audit(&u, "view", "philomena_profile", child_id, NULL, "all")),
	              out);
}

int app_philomena_update(struct db *db, const struct actor *who, const char *child_id, json_t *in,
                         json_t **out, struct app_err *err)
{
	static const char *const allowed[] = {
	        "description",  "associates", "places", "phone_numbers",
	        "social_media", "photo_ref",  NULL};
	struct uc u;
	if (!uc_open_change(&u, db, who, in, out, err, "change profiles", "profile", allowed))
		return err->code;
	const char *desc = app_json_str(in, "description", false, 4000, true, err);
	const char *photo = app_json_str(in, "photo_ref", false, 200, false, err);
	char *lists[4] = {NULL, NULL, NULL, NULL};
	for (size_t i = 0; i < ARRAY_LEN(PROFILE_LISTS); i++) {
		json_t *a = json_object_get(in, PROFILE_LISTS[i]);
		bool ok = !a || json_is_null(a) ||
		          (json_is_array(a) && json_array_size(a) <= MAX_LIST);
		size_t k;
		json_t *v;
		json_array_foreach(a, k, v)
		{
			if (!json_is_string(v) || !text_ok(json_string_value(v), 200, false))
				ok = false;
		}
		if (!ok)
			app_field_error(
			        err, PROFILE_LISTS[i],
			        "%s is a list of at most %d entries of at most 200 characters.",
			        PROFILE_LISTS[i], MAX_LIST);
		else
			lists[i] = json_is_array(a) ? json_dumps(a, JSON_COMPACT) : strdup("[]");
	}
	struct proto_err pe;
	if (!err->code && desc &&
	    proto_text_check(desc, 4000, false, "R-DEF-4", "description", "The description", &pe) <
	            0)
		uc_proto_refused(&u, &pe);
	int arc = err->code;
	if (arc == APP_OK && !id_valid(child_id, "ch"))
		arc = app_fail(err, APP_NOT_FOUND, NULL, "No such child.");
	if (arc == APP_OK && uc_begin(&u) == APP_OK) {
		arc = authz_child_view(db, who, child_id, err);
		if (arc == APP_OK)
			arc = uc_db(&u, store_profile_upsert(db, child_id, desc, lists[0], lists[1],
			                                     lists[2], lists[3], photo, u.now_s,
			                                     uc_user_id(&u)));
		if (arc == APP_OK)
			arc = uc_db(&u, uc_audit(&u, "change", "philomena_profile", child_id, NULL,
			                         "all"));
		*out = json_pack("{s:s, s:s}", "child_id", child_id, "updated_at", u.now_s);
		arc = uc_end(&u, arc, out);
	} else if (arc == APP_OK) {
		arc = err->code;
	}
	for (size_t i = 0; i < 4; i++)
		free(lists[i]);
	return arc;
}

static void print_list(struct buf *b, const char *title, json_t *a)
{
	buf_printf(b, "%s:\n", title);
	if (json_array_size(a) == 0)
		buf_puts(b, "  (none recorded)\n");
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) buf_printf(b, "  - %s\n", json_string_value(v));
}

int app_philomena_print(struct db *db, const struct actor *who, const char *child_id, char **text,
                        struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*text = NULL;
	if (child_open(&u, child_id) != APP_OK)
		return err->code;
	int arc = APP_OK;
	int rc;
	json_t *c = store_child_get(db, child_id, &rc);
	json_t *p = c ? store_profile_get(db, child_id, &rc) : NULL;
	if (!c || (!p && rc != DB_DONE)) {
		json_decref(c);
		return uc_end(&u,
		              rc == DB_DONE ? app_fail(err, APP_NOT_FOUND, NULL, "No such child.")
		                            : uc_db(&u, rc),
		              NULL);
	}
	struct buf b = BUF_INIT(1 << 20);
	const char *dob = json_string_value(json_object_get(c, "date_of_birth"));
	buf_printf(&b, "MISSING CHILD PROFILE (Philomena) - OFFICIAL-SENSITIVE\n\n");
	buf_printf(&b, "Name: %s %s\nDate of birth: %s\nGender: %s\n",
	           json_string_value(json_object_get(c, "given_names")),
	           json_string_value(json_object_get(c, "family_name")), dob ? dob : "unknown",
	           json_string_value(json_object_get(c, "gender")));
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(c, "other_names"), i, n) buf_printf(
	        &b, "Also known as: %s\n", json_string_value(json_object_get(n, "name")));
	if (!p) {
		buf_puts(&b, "\nNo profile has been filled in for this child yet.\n");
	} else {
		const char *desc = json_string_value(json_object_get(p, "description"));
		const char *photo = json_string_value(json_object_get(p, "photo_ref"));
		buf_printf(&b, "\nDescription:\n  %s\n", desc ? desc : "(none recorded)");
		buf_printf(&b, "Photo: %s\n\n", photo ? photo : "(none held)");
		static const char *const titles[] = {"Associates", "Places they may go",
		                                     "Phone numbers", "Social media"};
		for (size_t k = 0; k < ARRAY_LEN(PROFILE_LISTS); k++) {
			parse_member(p, PROFILE_LISTS[k]);
			print_list(&b, titles[k], json_object_get(p, PROFILE_LISTS[k]));
		}
		buf_printf(&b, "\nProfile last updated %s by %s.\n",
		           json_string_value(json_object_get(p, "updated_at")),
		           json_is_string(json_object_get(p, "updated_by"))
		                   ? json_string_value(json_object_get(p, "updated_by"))
		                   : "the command line");
	}
	json_decref(c);
	json_decref(p);
	if (b.failed) {
		buf_release(&b);
		return uc_end(&u,
		              app_fail(err, APP_FAILED, NULL, "The profile is too large to print."),
		              NULL);
	}
	arc = uc_db(&u, uc_audit(&u, "disclose", "philomena_profile", child_id, NULL, "print"));
	arc = uc_end(&u, arc, NULL);
	if (arc == APP_OK)
		*text = buf_detach(&b, NULL);
	else
		buf_release(&b);
	return arc;
}

/* ---- deadlines (R-DL-1, R-DL-2, R-DL-9) ---- */

/* The agency type that carries out a R-MISS-7 party's duty. */
static const char *party_agency_type(const char *party)
{
	return strcmp(party, "police") == 0 ? "police" : "childrens_social_care";
}

static bool owns(const struct actor *who, json_t *owners)
{
	if (who->system)
		return true;
	size_t i;
	json_t *o;
	json_array_foreach(owners, i, o)
	{
		if (strcmp(party_agency_type(json_string_value(o)), who->agency_type) == 0)
			return true;
	}
	return false;
}

static json_t *section_new(const char *key, const char *title)
{
	return json_pack("{s:s, s:s, s:i, s:[]}", "key", key, "title", title, "count", 0, "items");
}

static void section_add(json_t *sec, json_t *item)
{
	json_t *items = json_object_get(sec, "items");
	json_int_t n = json_integer_value(json_object_get(sec, "count")) + 1;
	json_object_set_new(sec, "count", json_integer(n));
	if (json_array_size(items) < QUEUE_LIMIT)
		json_array_append(items, item);
}

static int deadline_sections_tf(struct db *db, const struct actor *who, int64_t now,
                                int64_t timeframe, json_t *sections)
{
	bool supervisor = who->system || actor_has(who, ROLE_BIT(ROLE_POLICE_SUPERVISOR) |
	                                                        ROLE_BIT(ROLE_CSC_MANAGER));
	bool practitioner = who->system || actor_has(who, ROLES_PRACTITIONER);
	if (!supervisor && !practitioner)
		return DB_OK;
	bool wide = who->system || actor_has(who, ROLES_PARTNERSHIP_WIDE);
	int rc;
	json_t *rows =
	        store_episode_deadline_rows(db, wide || !who->agency_id[0] ? NULL : who->agency_id,
	                                    who->user_id[0] ? who->user_id : NULL, &rc);
	if (!rows)
		return rc;
	if (timeframe <= 0)
		timeframe = MISS_ABSENT_DEFAULT_TIMEFRAME;
	json_t *mine = section_new("missing_deadlines", "Missing children: return interviews and "
	                                                "escalations due");
	json_t *over = section_new("missing_overdue",
	                           "Missing children: overdue deadlines (supervisor view)");
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		bool ri = strcmp(json_string_value(json_object_get(r, "kind")),
		                 "return_interview") == 0;
		bool la = json_integer_value(json_object_get(r, "looked_after")) != 0;
		/* R-DL-1 (R-MISS-6, R-MISS-7) or R-DL-2 (R-MISS-4): the deadline engine's kinds */
		const struct dl_kind *k =
		        dl_kind_find(ri ? "return_interview" : "absent_escalation");
		struct dl_params dp = {0};
		int64_t anchor, due;
		json_t *owners;
		if (ri) {
			anchor = parse_time_or(json_string_value(json_object_get(r, "returned_at")),
			                       now);
			struct ri_responsibility resp;
			missing_ri_responsibility(la, &resp);
			owners = json_array();
			for (size_t j = 0; j < resp.n; j++)
				json_array_append_new(owners, json_string(resp.parties[j]));
		} else { /* police manage the missing report */
			anchor = parse_time_or(json_string_value(json_object_get(r, "reported_at")),
			                       now);
			if (timeframe != k->amount)
				dp.amount = timeframe;
			owners = json_pack("[s]", "police");
		}
		struct proto_err pe;
		if (!k || dl_due(k, anchor, &dp, &due, &pe) < 0)
			due = ri ? missing_return_interview_due(anchor)
			         : missing_escalation_due(anchor, timeframe);
		struct dl_status ds;
		dl_status_at(k, due, due - anchor, now, &ds);
		const char *state = dl_state_code(ds.state);
		char due_s[LT_TIME_LEN], local[64], left[64], name[300];
		ltime_format(due, due_s);
		ltime_london_format(due, local, sizeof local);
		dl_time_left_words(ds.left, left, sizeof left);
		snprintf(name, sizeof name, "%s %s",
		         json_string_value(json_object_get(r, "given_names")),
		         json_string_value(json_object_get(r, "family_name")));
		json_t *item = json_pack(
		        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:s?}", "kind",
		        k ? k->code : "", "rule", k ? k->rule : "", "episode_id",
		        json_string_value(json_object_get(r, "episode_id")), "child_id",
		        json_string_value(json_object_get(r, "child_id")), "child", name, "due_at",
		        due_s, "due_local", local, "seconds_left", (json_int_t)ds.left, "time_left",
		        left, "state", state, "owners", owners, "interview_status",
		        json_string_value(json_object_get(r, "interview_status")));
		bool owned = owns(who, owners);
		if (practitioner && owned)
			section_add(mine, item);
		/* R-DL-9: overdue items are visible to the owners' supervisors */
		if (supervisor && ds.state == DL_RED && (!k || k->escalates) && owned)
			section_add(over, item);
		json_decref(item);
	}
	json_decref(rows);
	if (practitioner)
		json_array_append(sections, mine);
	if (supervisor)
		json_array_append(sections, over);
	json_decref(mine);
	json_decref(over);
	return DB_OK;
}

int episode_deadline_sections(struct db *db, const struct actor *who, int64_t now, json_t *sections)
{
	return deadline_sections_tf(db, who, now, 0, sections);
}

int app_episode_deadlines(struct db *db, const struct actor *who, int64_t now, json_t **out,
                          struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	json_t *s = json_array();
	*out = json_pack("{s:o}", "sections", s);
	int arc = uc_db(&u, deadline_sections_tf(db, who, now ? now : u.now, 0, s));
	json_int_t total = 0;
	size_t i;
	json_t *v;
	json_array_foreach(s, i, v) total += json_integer_value(json_object_get(v, "count"));
	json_object_set_new(*out, "total", json_integer(total));
	if (arc == APP_OK)
		arc = uc_db(&u,
		            uc_audit(&u, "view", "work_queue", NULL, NULL, "missing_deadlines"));
	return uc_end(&u, arc, out);
}

/* ---- statutory exports ---- */

/* Checks the exporter and the period; from..to inclusive -> [from_s, to_s). */
static int export_open(struct uc *u, const char *from, const char *to, char from_s[LT_TIME_LEN],
                       char to_s[LT_TIME_LEN])
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
	ltime_format(ltime_midnight(f), from_s);
	ltime_format(ltime_midnight(ltime_add_days(t, 1)), to_s);
	return uc_begin(u);
}

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

int app_export_ssda903(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*csv = NULL;
	char f[LT_TIME_LEN], t[LT_TIME_LEN];
	if (export_open(&u, from, to, f, t) != APP_OK)
		return err->code;
	int rc;
	json_t *rows = store_export_episodes(db, f, t, true, &rc);
	if (!rows)
		return uc_end(&u, uc_db(&u, rc), NULL);
	struct buf b = BUF_INIT(64u << 20);
	ssda903_missing_header(&b);
	int arc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		struct ssda903_missing m = {
		        .child_id = json_string_value(json_object_get(r, "child_id"))};
		export_episode(r, &m.cls, &m.start, &m.ended, &m.end);
		struct proto_err pe;
		if (ssda903_missing_row(&b, &m, &pe) < 0) { /* R-RPT-2 */
			arc = app_fail(err, APP_FAILED, pe.rule, "%s", pe.message);
			break;
		}
	}
	json_decref(rows);
	if (arc != APP_OK) {
		buf_release(&b);
		return uc_end(&u, arc, NULL);
	}
	return export_finish(&u, &b, "ssda903_missing", from, to, csv);
}

int app_export_annex_a(struct db *db, const struct actor *who, const char *from, const char *to,
                       char **csv, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*csv = NULL;
	char f[LT_TIME_LEN], t[LT_TIME_LEN];
	if (export_open(&u, from, to, f, t) != APP_OK)
		return err->code;
	int rc;
	json_t *rows = store_export_annex_a(db, f, t, &rc);
	if (!rows)
		return uc_end(&u, uc_db(&u, rc), NULL);
	struct buf b = BUF_INIT(64u << 20);
	ssda903_annexa_header(&b);
	int arc = APP_OK;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *st = json_string_value(json_object_get(r, "ri_status"));
		struct ssda903_annexa a = {
		        .child_id = json_string_value(json_object_get(r, "child_id"))};
		export_episode(r, &a.cls, &a.start, &a.ended, &a.end);
		a.ri_offered = st != NULL;
		a.ri_completed = st && strcmp(st, "completed") == 0;
		a.ri_accepted = a.ri_completed || (st && strcmp(st, "accepted") == 0);
		a.ri_at = parse_time_or(json_string_value(json_object_get(r, "ri_completed_at")),
		                        a.end);
		struct proto_err pe;
		if (ssda903_annexa_row(&b, &a, &pe) < 0) { /* R-RPT-2, R-MISS-6 */
			arc = app_fail(err, APP_FAILED, pe.rule, "%s", pe.message);
			break;
		}
	}
	json_decref(rows);
	if (arc != APP_OK) {
		buf_release(&b);
		return uc_end(&u, arc, NULL);
	}
	return export_finish(&u, &b, "annex_a_missing", from, to, csv);
}
