/*
 * mase.c: the demo partnership's year of multi-agency meetings (demo_internal.h): each
 * borough's schedule (the second Tuesday at 10:00), a meeting each month for the last
 * twelve months with its chair and attendees (every fifth chaired by a sergeant and
 * every fourth without education, so that the board's report has gaps to show), the
 * decisions about the borough's referred cases with an action each (done for the older
 * meetings), the chair's duties and minutes; and for a few children, outcome reviews
 * every three months. Everything goes through the use cases, dated back from the demo's
 * reference day, with no draw from the content stream.
 */
#include "demo/demo_internal.h"

#include "app/mase.h"
#include "app/outcome_reviews.h"
#include "app/plans.h"
#include "protocol/deadlines.h"
#include "protocol/mase.h"

#define MONTHS 12
#define CASES_PER_MEETING 3

static const char *const DECISIONS[] = {
        "Keep on the agenda; the support service to offer weekly sessions.",
        "Disrupt the address linked to the case; share the plan with the school.",
        "Refer to the support service; review the safety plan with the carers.",
        "Police to visit the hotel with the licensing officer; review next month."};
static const char *const ACTIONS[] = {
        "Offer the child weekly sessions with the support worker.",
        "Visit the address with the licensing officer.",
        "Share the safety plan with the school's safeguarding lead.",
        "Check the hotel register for the dates the child was missing."};

static int run(struct gen *g, app_uc *fn, const struct actor *who, const char *on, json_t *in,
               json_t **out, const char *what)
{
	json_t *o = NULL;
	int rc = fn(g->db, who, on, in, &o, g->err);
	json_decref(in);
	if (out && rc == APP_OK)
		*out = o;
	else
		json_decref(o);
	return rc == APP_OK ? APP_OK : demo_fail(g, rc, what);
}

static json_t *attendees(struct gen *g, int b, int m)
{
	const char *chair = g->bu[b][U_CHAIR].username;
	bool sergeant = m % 5 == 4;
	json_t *a = json_array();
	const char *name = g->bu[b][U_CHAIR].display_name;
	json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:b}", "name",
	                                   sergeant ? "Demo Sergeant (stand-in chair)" : name,
	                                   "username", sergeant ? "demo-stand-in" : chair, "member",
	                                   "police", "rank",
	                                   sergeant ? "sergeant" : "chief_inspector", "chair", 1));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", "Demo Detective Inspector",
	                                   "member", "police", "rank", "detective_inspector"));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b, s:b}", "name", "Demo Team Manager",
	                                   "member", "childrens_social_care", "role",
	                                   "Team manager", "co_chair", 1, "csc_manager", 1));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", "Demo Named Nurse", "member",
	                                   "health", "role", "Named nurse"));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "name", "Demo Safeguarding Lead",
	                                   "member", "education", "role", "Safeguarding lead",
	                                   "present", m % 4 != 3));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", "Demo Project Worker",
	                                   "member", "support_service", "role", "Project worker"));
	json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "name", "Demo YOS Case Manager",
	                                   "member", "youth_offending", "role", "Case manager"));
	return a;
}

/* One meeting of borough b, m months back, held at `held`. */
static int meeting(struct gen *g, int b, int m, int64_t held, int *next_kid)
{
	struct actor chair = at_time(&g->bu[b][U_CHAIR], held + 2 * HOUR);
	struct actor sup = at_time(&g->bu[b][U_SUPERVISOR], held + 2 * HOUR);
	char at[LT_TIME_LEN];
	ltime_format(held, at);
	json_t *out = NULL;
	int rc = run(g, app_mase_meeting_add, &chair, NULL,
	             json_pack("{s:s, s:s, s:o, s:s}", "borough", DEMO_BOROUGHS[b].name, "held_at",
	                       at, "attendees", attendees(g, b, m), "minutes",
	                       "Quorate. Cases reviewed in turn; actions collated at the end."),
	             &out, "demo: a meeting");
	if (rc != APP_OK)
		return rc;
	char mid[ID_MAX];
	snprintf(mid, sizeof mid, "%s", json_string_value(json_object_get(out, "id")));
	bool flagged = json_is_true(json_object_get(out, "flagged"));
	json_decref(out);
	int done = 0;
	for (int tries = 0; tries < g->nkids && done < CASES_PER_MEETING && rc == APP_OK; tries++) {
		int i = (*next_kid + tries) % g->nkids;
		const struct kid *k = &g->kids[i];
		if (k->b != b || !k->ref[0] || k->no_record || k->t0 == 0 || k->t0 > held)
			continue;
		int n = (m + done) % 4;
		rc = run(g, app_mase_case_decide, &chair, mid,
		         json_pack("{s:s, s:s}", "record_ref", k->ref, "decision", DECISIONS[n]),
		         NULL, "demo: a decision");
		char due[LT_DATE_LEN], police[160];
		snprintf(police, sizeof police, "%s %s", DEMO_BOROUGHS[b].name,
		         DEMO_AGENCIES[A_POLICE].suffix);
		/* the latest meeting's actions are still open, due after the reference day */
		ltime_format_date(ltime_date_of(m >= 1 ? held + 14 * DAY : g->ref + 14 * DAY), due);
		json_t *act = NULL;
		if (rc == APP_OK)
			rc = run(g, app_action_add, &sup, NULL,
			         json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "text", ACTIONS[n],
			                   "owner_agency", police, "record_ref", k->ref, "due_on",
			                   due, "meeting_id", mid, "agreed_at", at),
			         &act, "demo: an action");
		if (rc == APP_OK && m >= 1) { /* older meetings' actions were done on time */
			struct actor closer = at_time(&sup, held + 10 * DAY);
			char closed[LT_TIME_LEN];
			ltime_format(held + 10 * DAY, closed);
			rc = run(g, app_action_update, &closer,
			         json_string_value(json_object_get(act, "id")),
			         json_pack("{s:s, s:s}", "status", "done", "closed_at", closed),
			         NULL, "demo: an action done");
		}
		json_decref(act);
		done++;
		*next_kid = (i + 1) % g->nkids;
	}
	if (rc == APP_OK && m % 5 != 4) { /* a stand-in chair without an account records none */
		json_t *d = json_array();
		for (int i = 0; i < MASE_DUTY_COUNT; i++)
			json_array_append_new(d, json_pack("{s:b}", "done", 1));
		if (flagged) /* what was reported to the board (R-MASE-8) */
			json_object_set_new(
			        json_array_get(d, 0), "note",
			        json_string("The gap in attendance was reported to the board."));
		rc = run(g, app_mase_duties, &chair, mid, json_pack("{s:o}", "duties", d), NULL,
		         "demo: the chair's duties");
	}
	return rc;
}

/* A review of every outcome, improving with `step`. */
static json_t *review(int64_t at, int step)
{
	size_t n;
	const struct ref_item *items = ref_table(REF_CHILD_OUTCOMES, &n);
	json_t *s = json_object();
	for (size_t i = 0; i < n; i++) {
		int v = 1 + (int)((i + (size_t)step * (1 + i % 2)) % 3) + (step > 1 && i % 3 == 0);
		json_object_set_new(s, items[i].code, json_integer(v > 5 ? 5 : v));
	}
	char t[LT_TIME_LEN];
	ltime_format(at, t);
	return json_pack("{s:s, s:o}", "reviewed_at", t, "scores", s);
}

int demo_mase(struct gen *g)
{
	int rc = APP_OK;
	struct mase_schedule s = {MASE_NTH_WEEKDAY, 2, 2, 0, 10, 0};
	for (int b = 0; b < g->nb && rc == APP_OK; b++) {
		struct actor chair = at_time(&g->bu[b][U_CHAIR], g->ref - 400 * DAY);
		rc = run(g, app_mase_schedule_set, &chair, DEMO_BOROUGHS[b].name,
		         json_pack("{s:s, s:i, s:i, s:s}", "rule", "nth_weekday", "nth", 2,
		                   "weekday", 2, "time", "10:00"),
		         NULL, "demo: a schedule");
		int next_kid = 0;
		for (int m = MONTHS; m >= 1 && rc == APP_OK; m--) {
			int64_t held;
			struct proto_err pe;
			int64_t from = dl_add_months_london(g->ref, -m);
			from = dl_london_midnight(ltime_date_of(from));
			/* the second Tuesday of that month */
			struct lt_date d = ltime_date_of(from);
			d.d = 1;
			if (mase_schedule_next(&s, dl_london_midnight(d) - 1, &held, &pe) < 0 ||
			    held >= g->ref)
				continue;
			rc = meeting(g, b, m - 1, held, &next_kid);
		}
	}
	/* outcome reviews every three months for the first children with records */
	int reviewed = 0;
	for (int i = 0; i < g->nkids && reviewed < 6 && rc == APP_OK; i++) {
		const struct kid *k = &g->kids[i];
		if (!k->ref[0] || k->no_record || k->t0 == 0 || k->t0 > g->ref - 300 * DAY)
			continue;
		struct actor sw = g->bu[k->b][U_SOCIAL];
		for (int step = 0; step < 3 && rc == APP_OK; step++) {
			int64_t at = g->ref - (int64_t)(250 - step * 91) * DAY + 11 * HOUR;
			struct actor who = at_time(&sw, at + HOUR);
			rc = run(g, app_outcome_review_add, &who, k->ref, review(at, step), NULL,
			         "demo: an outcome review");
		}
		reviewed++;
	}
	return rc;
}
