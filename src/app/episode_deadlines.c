/*
 * episode_deadlines.c: the missing-episode sections of the work queue
 * (episode_deadlines.h; R-DL-1, R-DL-2, R-DL-9): return interviews due and absent
 * episodes nearing escalation for the agencies that own them, and overdue items for
 * their supervisors, with due times and states from the deadline engine.
 */
#include "app/episode_deadlines.h"

#include "app/gate.h"
#include "app/episode_common.h"
#include "protocol/deadlines.h"
#include "protocol/missing.h"
#include "store/episodes.h"

#define QUEUE_LIMIT 25

/* The agency type that carries out a R-MISS-7 party's duty. */
static const char *party_agency_type(const char *party)
{
	return strcmp(party, "police") == 0 ? "police" : "childrens_social_care";
}

/* Whether the actor's agency carries out the duty of one of `owners` (R-MISS-7
 * parties); the system owns every item. */
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

/* When row r's deadline falls due (R-DL-1 (R-MISS-6, R-MISS-7): a return interview, 72
 * hours after the return; R-DL-2 (R-MISS-4): an absent episode's escalation, once the
 * managed timeframe passes), from the deadline engine's kind k; its anchor into
 * *anchor and its owners (R-MISS-7 parties; police manage the missing report) into
 * *owners (caller owns). */
static int64_t deadline_due(json_t *r, bool ri, const struct dl_kind *k, int64_t now,
                            int64_t timeframe, int64_t *anchor, json_t **owners)
{
	struct dl_params dp = {0};
	if (ri) {
		*anchor = parse_time_or(json_string_value(json_object_get(r, "returned_at")), now);
		struct ri_responsibility resp;
		missing_ri_responsibility(
		        json_integer_value(json_object_get(r, "looked_after")) != 0, &resp);
		*owners = json_array();
		for (size_t j = 0; j < resp.n; j++)
			json_array_append_new(*owners, json_string(resp.parties[j]));
	} else {
		*anchor = parse_time_or(json_string_value(json_object_get(r, "reported_at")), now);
		if (timeframe != k->amount)
			dp.amount = timeframe;
		*owners = json_pack("[s]", "police");
	}
	int64_t due;
	struct proto_err pe;
	if (!k || dl_due(k, *anchor, &dp, &due, &pe) < 0)
		due = ri ? missing_return_interview_due(*anchor)
		         : missing_escalation_due(*anchor, timeframe);
	return due;
}

/* The work-queue item of deadline row r at `now`, its status into *ds and the engine's
 * kind into *kind: {kind, rule, episode_id, child_id, child, due_at, due_local,
 * seconds_left, time_left, state, owners, interview_status}. */
static json_t *deadline_item(json_t *r, int64_t now, int64_t timeframe, const struct dl_kind **kind,
                             struct dl_status *ds)
{
	bool ri = strcmp(json_string_value(json_object_get(r, "kind")), "return_interview") == 0;
	const struct dl_kind *k = *kind =
	        dl_kind_find(ri ? "return_interview" : "absent_escalation");
	int64_t anchor;
	json_t *owners;
	int64_t due = deadline_due(r, ri, k, now, timeframe, &anchor, &owners);
	dl_status_at(k, due, due - anchor, now, ds);
	char due_s[LT_TIME_LEN], local[64], left[64], name[300];
	ltime_format(due, due_s);
	ltime_london_format(due, local, sizeof local);
	dl_time_left_words(ds->left, left, sizeof left);
	snprintf(name, sizeof name, "%s %s", json_string_value(json_object_get(r, "given_names")),
	         json_string_value(json_object_get(r, "family_name")));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:s?}", "kind",
	                 k ? k->code : "", "rule", k ? k->rule : "", "episode_id",
	                 json_string_value(json_object_get(r, "episode_id")), "child_id",
	                 json_string_value(json_object_get(r, "child_id")), "child", name, "due_at",
	                 due_s, "due_local", local, "seconds_left", (json_int_t)ds->left,
	                 "time_left", left, "state", dl_state_code(ds->state), "owners", owners,
	                 "interview_status",
	                 json_string_value(json_object_get(r, "interview_status")));
}

/* As episode_deadline_sections, with the absent episodes' managed timeframe (<= 0: the
 * default). Returns a DB code. */
static int deadline_sections_tf(struct db *db, const struct actor *who, int64_t now,
                                int64_t timeframe, json_t *sections)
{
	bool supervisor = who->system || actor_has(who, ROLE_BIT(ROLE_POLICE_SUPERVISOR) |
	                                                        ROLE_BIT(ROLE_CSC_MANAGER));
	enum access_scope scope = actor_scope(who);
	if (!supervisor && scope == ACCESS_NONE)
		return DB_OK;
	struct store_viewer v; /* R-INFO-3: the same rule as the record page */
	access_viewer(who, now, &v);
	int rc;
	json_t *rows = store_episode_deadline_rows(db, &v, &rc);
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
		const struct dl_kind *k;
		struct dl_status ds;
		json_t *item = deadline_item(r, now, timeframe, &k, &ds);
		bool owned = owns(who, json_object_get(item, "owners"));
		if (scope != ACCESS_NONE && owned)
			section_add(mine, item);
		/* R-DL-9: overdue items are visible to the owners' supervisors */
		if (supervisor && ds.state == DL_RED && (!k || k->escalates) && owned)
			section_add(over, item);
		json_decref(item);
	}
	json_decref(rows);
	if (scope != ACCESS_NONE)
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

int app_episode_deadlines(struct db *db, const struct actor *who, const char *id, json_t *in,
                          json_t **out, struct app_err *err)
{
	struct uc u;
	uc_init(&u, db, who, err);
	*out = NULL;
	if (uc_begin(&u) != APP_OK)
		return err->code;
	json_t *s = json_array();
	*out = json_pack("{s:o}", "sections", s);
	int arc = uc_db(&u, deadline_sections_tf(db, who, u.now, 0, s));
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
