/*
 * missing.c: the demo's missing episodes (demo_internal.h): planned for about one child
 * in eight, some repeatedly and some together, with the return, the Safe and Well
 * Check, the Return Interview and the forensic decision after each, and some work left
 * due or overdue at the reference time; then played through the episode use cases.
 */
#include "demo/demo_internal.h"

#include "app/access.h"
#include "app/episode_return.h"
#include "app/episodes.h"
#include "app/forensic.h"
#include "protocol/missing.h"

/* Adds an episode to the plan; its index, or -1 when out of memory. */
static int mep_add(struct gen *g, int kid, bool ask_absent)
{
	if (g->nmeps == g->capmeps) {
		int cap = g->capmeps ? 2 * g->capmeps : 64;
		struct mep *m = realloc(g->meps, (size_t)cap * sizeof *m);
		if (!m)
			return -1;
		g->meps = m;
		g->capmeps = cap;
	}
	struct mep *m = &g->meps[g->nmeps];
	memset(m, 0, sizeof *m);
	m->kid = kid;
	m->partner = -1;
	m->ask_absent = ask_absent;
	m->risk = 1 + (int)pick(g, 3);
	m->place = (int)pick(g, ARRAY_LEN(DEMO_FOUND_PLACES));
	return g->nmeps++;
}

/* Plans one episode's events from report `t`: escalation of some absent ones, return
 * after `away`, the Safe and Well Check, the return interview and the forensic
 * decision. Nothing is planned after `end`, so recent episodes leave work to do. */
static int plan_episode(struct gen *g, int ep, int64_t t, int64_t away, enum ri_end ri, int64_t end)
{
	struct mep *m = &g->meps[ep];
	m->ri = ri;
	int kid = m->kid;
	int rc = demo_push(g, (struct ev){.kid = kid, .kind = EV_MISS_REPORT, .by = ep, .at = t});
	if (m->ask_absent && pick(g, 100) < 50 && t + 3 * HOUR < end)
		rc |= demo_push(g, (struct ev){.kid = kid,
		                               .kind = EV_MISS_ESCALATE,
		                               .by = ep,
		                               .at = t + span(g, 1, 2) * HOUR});
	int64_t ret = t + away;
	if (ret >= end)
		return rc;
	rc |= demo_push(g, (struct ev){.kid = kid, .kind = EV_MISS_RETURN, .by = ep, .at = ret});
	int64_t saw = ret + span(g, 1, 5) * HOUR;
	if (saw < end)
		rc |= demo_push(g,
		                (struct ev){.kid = kid, .kind = EV_MISS_SAW, .by = ep, .at = saw});
	int64_t offer = ret + span(g, 4, 30) * HOUR;
	if (offer < end)
		rc |= demo_push(
		        g,
		        (struct ev){.kid = kid, .kind = EV_MISS_RI_OFFER, .by = ep, .at = offer});
	int64_t done = offer + span(g, 6, 60) * HOUR;
	if (ri != RI_NONE && done < end)
		rc |= demo_push(
		        g,
		        (struct ev){.kid = kid, .kind = EV_MISS_RI_OUTCOME, .by = ep, .at = done});
	int64_t forensic = saw + span(g, 1, 20) * HOUR;
	if (pick(g, 100) < 70 && forensic < end)
		rc |= demo_push(
		        g, (struct ev){
		                   .kid = kid, .kind = EV_MISS_FORENSIC, .by = ep, .at = forensic});
	return rc;
}

/* How a Return Interview ends: mostly completed, some declined, a few left accepted or
 * not offered an outcome. */
static enum ri_end pick_ri(struct gen *g)
{
	int x = (int)pick(g, 100);
	return x < 60 ? RI_COMPLETED : x < 80 ? RI_DECLINED : x < 92 ? RI_ACCEPTED : RI_NONE;
}

/* Whether the child's details name a risk group that R-MISS-3 counts as an identified
 * exploitation risk (the demo then cannot show an absent episode for them). */
static bool risk_identified(const struct kid *k)
{
	size_t i;
	json_t *grp;
	json_array_foreach(json_object_get(k->details, "risk_groups"), i, grp)
	{
		if (missing_group_is_identified_risk(
		            json_string_value(json_object_get(grp, "code"))))
			return true;
	}
	return false;
}

/* Plans the missing episodes: about one child in eight, more often children in care;
 * a third of those go missing repeatedly (three episodes); some go missing together.
 * Two community children have a return interview overdue at the reference time, and
 * one child has been absent for five hours, an hour before escalation (R-MISS-4). */
int demo_plan_missing(struct gen *g)
{
	int64_t end = g->ref - 2 * HOUR;
	int rc = 0, overdue = 0, near = -1;
	for (int i = 0; i < g->nkids; i++) {
		struct kid *k = &g->kids[i];
		if (near < 0 && k->no_record && k->age >= 13 && !risk_identified(k))
			near = i;
		if (pick(g, 100) >= (k->looked_after ? 45u : 10u))
			continue;
		int n = pick(g, 3) == 0 ? 3 : 1;
		int64_t lo = k->t0 + 2 * DAY, hi = g->ref - 10 * DAY;
		if (lo < g->ref - 700 * DAY)
			lo = g->ref - 700 * DAY;
		for (int e = 0; e < n && lo < hi; e++) {
			int64_t t = span(g, lo, lo + (hi - lo) / (n - e));
			t = t - t % HOUR + span(g, 0, 59) * 60;
			int ep = mep_add(g, i, !k->looked_after && pick(g, 100) < 35);
			if (ep < 0)
				return -1;
			int64_t away = span(g, 3, 60) * HOUR;
			rc |= plan_episode(g, ep, t, away, pick_ri(g), end);
			/* missing together with another child already known to services */
			int j = (int)pick(g, (uint64_t)g->nkids);
			if (n == 3 && j != i && g->kids[j].t0 + DAY < t && pick(g, 100) < 40) {
				int other = mep_add(g, j, false);
				if (other < 0)
					return -1;
				g->meps[ep].partner = other;
				g->meps[other].partner = ep;
				g->meps[other].place = g->meps[ep].place;
				rc |= plan_episode(g, other, t + 20 * 60, away - 20 * 60,
				                   pick_ri(g), end);
			}
			lo = t + away + 7 * DAY;
		}
		/* overdue return interviews: returned five days before the reference time */
		if (overdue < 2 && !k->looked_after) {
			int ep = mep_add(g, i, false);
			if (ep < 0)
				return -1;
			rc |= plan_episode(g, ep, g->ref - 6 * DAY, 20 * HOUR, RI_NONE, end);
			overdue++;
		}
	}
	if (near >= 0) {
		int ep = mep_add(g, near, true);
		if (ep < 0)
			return -1;
		rc |= plan_episode(g, ep, g->ref - 5 * HOUR, 30 * DAY, RI_NONE, end);
	}
	return rc;
}

/* The child's name as "given family". */
static void kid_name(const struct kid *k, char *out, size_t n)
{
	snprintf(out, n, "%s %s", json_string_value(json_object_get(k->details, "given_names")),
	         json_string_value(json_object_get(k->details, "family_name")));
}

typedef int (*ep_uc)(struct db *, const struct actor *, const char *, json_t *, json_t **,
                     struct app_err *);

/* Runs an episode use case as `who` at `at`; the output is dropped. */
static int run_ep(struct gen *g, ep_uc fn, const struct actor *who, int64_t at, const char *id,
                  json_t *in, const char *what)
{
	struct actor a = at_time(who, at);
	json_t *out = NULL;
	int rc = in ? fn(g->db, &a, id, in, &out, g->err) : APP_FAILED;
	json_decref(in);
	json_decref(out);
	return rc == APP_OK ? APP_OK : demo_fail(g, rc, what);
}

/* Reports the child of episode m missing (absent, when planned so; the protocol may
 * class it missing) as officer, at event e's time; keeps the episode's id. */
static int miss_report(struct gen *g, const struct ev *e, struct mep *m, const struct kid *k,
                       const struct actor *officer)
{
	static const char *const RISKS[] = {"no_apparent_risk", "low", "medium", "high"};
	json_t *in = json_pack("{s:s, s:s, s:s, s:b, s:s, s:s}", "child_id", k->id, "missing_from",
	                       k->looked_after ? "care" : "home", "classification",
	                       m->ask_absent ? "absent" : "missing", "auto_correct", 1,
	                       "last_seen_where",
	                       DEMO_FOUND_PLACES[(m->place + 1) % ARRAY_LEN(DEMO_FOUND_PLACES)],
	                       "reported_at", "");
	char at[LT_TIME_LEN];
	ltime_format(e->at, at);
	json_object_set_new(in, "reported_at", json_string(at));
	if (!m->ask_absent)
		json_object_set_new(in, "risk_level", json_string(RISKS[m->risk]));
	struct actor a = at_time(officer, e->at);
	json_t *out = NULL;
	int rc = app_episode_report(g->db, &a, NULL, in, &out, g->err);
	json_decref(in);
	if (rc != APP_OK)
		return demo_fail(g, rc, "missing report");
	snprintf(m->id, sizeof m->id, "%s", json_string_value(json_object_get(out, "id")));
	m->absent =
	        strcmp(json_string_value(json_object_get(out, "classification")), "absent") == 0;
	json_decref(out);
	g->counts[N_EPISODES]++;
	return APP_OK;
}

/* Records the return of episode m's child where they are found, with the other child
 * when they went missing together. */
static int miss_return(struct gen *g, const struct ev *e, const struct mep *m,
                       const struct actor *officer)
{
	json_t *in =
	        json_pack("{s:s, s:s}", "where", DEMO_FOUND_PLACES[m->place], "returned_at", "");
	char at[LT_TIME_LEN], name[300];
	ltime_format(e->at, at);
	json_object_set_new(in, "returned_at", json_string(at));
	if (m->partner >= 0) {
		const struct kid *o = &g->kids[g->meps[m->partner].kid];
		kid_name(o, name, sizeof name);
		if (o->id[0])
			json_object_set_new(
			        in, "with",
			        json_pack("[{s:s, s:s}]", "name", name, "child_id", o->id));
	}
	return run_ep(g, app_episode_return, officer, e->at, m->id, in, "return");
}

/* Records the police Safe and Well Check of episode m: found alone, or with the other
 * child. */
static int miss_safe_and_well(struct gen *g, const struct ev *e, const struct mep *m,
                              const struct actor *officer)
{
	json_t *in =
	        json_pack("{s:s, s:s}", "where_found", DEMO_FOUND_PLACES[m->place], "what_happened",
	                  "The child says they stayed with friends and would not say "
	                  "more.");
	char name[300];
	if (m->partner >= 0) {
		kid_name(&g->kids[g->meps[m->partner].kid], name, sizeof name);
		json_object_set_new(in, "found_with", json_pack("[s]", name));
	} else {
		json_object_set_new(in, "found_alone", json_true());
	}
	return run_ep(g, app_safe_and_well, officer, e->at, m->id, in, "safe and well check");
}

/* Records how episode m's Return Interview ended: completed with findings, declined
 * or (still) accepted. */
static int miss_interview_outcome(struct gen *g, const struct ev *e, const struct mep *m,
                                  const struct actor *social)
{
	json_t *in;
	if (m->ri == RI_COMPLETED)
		in = json_pack("{s:s, s:s, s:s}", "status", "completed", "findings",
		               DEMO_RI_FINDINGS[pick(g, ARRAY_LEN(DEMO_RI_FINDINGS))], "assessment",
		               "Risk of exploitation remains; keep the profile up to date.");
	else
		in = json_pack("{s:s}", "status", m->ri == RI_DECLINED ? "declined" : "accepted");
	char at[LT_TIME_LEN];
	ltime_format(e->at, at);
	json_object_set_new(in, "at", json_string(at));
	return run_ep(g, app_return_interview_record, social, e->at, m->id, in,
	              "return interview outcome");
}

/* Plays missing-episode event e as the officer of the child's borough, or for the
 * Return Interview the borough's social worker (the operator where that borough's
 * social care is not involved with the child). Events of a child never created, or of
 * an episode never opened, are passed over. */
int demo_do_missing(struct gen *g, const struct ev *e)
{
	struct mep *m = &g->meps[e->by];
	struct kid *k = &g->kids[m->kid];
	const struct actor *officer = &g->bu[k->b][U_OFFICER];
	const struct actor *social = &g->bu[k->b][U_SOCIAL];
	struct app_err seen = {0};
	bool sees = false;
	if ((e->kind == EV_MISS_RI_OFFER || e->kind == EV_MISS_RI_OUTCOME) &&
	    (app_actor_sees_child(g->db, social, k->id, &sees, &seen) != APP_OK || !sees))
		social = &g->sys;
	if (!k->id[0])
		return APP_OK; /* the child was never created */
	if (e->kind != EV_MISS_REPORT && !m->id[0])
		return APP_OK;
	switch (e->kind) {
	case EV_MISS_REPORT:
		return miss_report(g, e, m, k, officer);
	case EV_MISS_ESCALATE:
		if (!m->absent)
			return APP_OK;
		g->counts[N_ESCALATIONS]++;
		return run_ep(
		        g, app_episode_escalate, officer, e->at, m->id,
		        json_pack("{s:s, s:s}", "reason",
		                  "Seen getting into a car with older males; risk identified.",
		                  "risk_level", "medium"),
		        "escalation");
	case EV_MISS_RETURN:
		return miss_return(g, e, m, officer);
	case EV_MISS_SAW:
		return miss_safe_and_well(g, e, m, officer);
	case EV_MISS_RI_OFFER:
		g->counts[N_INTERVIEWS]++;
		return run_ep(g, app_return_interview_offer, social, e->at, m->id,
		              json_pack("{s:s, s:s, s:b, s:s}", "interviewer",
		                        "Robin Vale (demo return interviewer)",
		                        "interviewer_agency", DEMO_BOROUGHS[k->b].name,
		                        "child_asked", 1, "child_preference",
		                        "Someone from the youth charity, not the police."),
		              "return interview offer");
	case EV_MISS_RI_OUTCOME:
		return miss_interview_outcome(g, e, m, social);
	case EV_MISS_FORENSIC: {
		bool yes = m->risk >= 3;
		return run_ep(g, app_forensic_decision, officer, e->at, m->id,
		              json_pack("{s:b, s:b, s:b, s:s, s:s}", "clothing", 0,
		                        "early_evidence_kit", 0, "devices", yes, "decision",
		                        yes ? "forensic_strategy" : "no_forensic_action",
		                        "rationale",
		                        yes ? "The child's phone may show who arranged the travel."
		                            : "No indication of an offence while missing."),
		              "forensic decision");
	}
	}
	return APP_OK;
}
