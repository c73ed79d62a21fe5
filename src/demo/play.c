/*
 * play.c: playing the demo's events (demo_internal.h): sorted by time, each is run
 * through its use case as the actor who would do it, with the actor's clock set to the
 * event's time, so that the audit log reads in time order.
 */
#include "demo/demo_internal.h"

#include "app/categories.h"
#include "app/essential_steps.h"
#include "app/record_changes.h"
#include "app/referrals.h"

/* qsort order of events: by time, then in the order they were planned. */
static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* ---- playing the events ---- */

/* Picks n distinct sign indexes (0..8) into idx; prefers technology for online. */
static void pick_signs(struct gen *g, int n, bool online, int idx[4])
{
	bool used[9] = {false};
	int k = 0;
	if (online && n > 0) {
		idx[k++] = 5; /* technology_bullying */
		used[5] = true;
	}
	while (k < n) {
		int s = (int)pick(g, 9);
		if (!used[s]) {
			used[s] = true;
			idx[k++] = s;
		}
	}
}

/* The UTC date of instant t. */
static void date_of(int64_t t, char out[LT_DATE_LEN])
{
	ltime_format_date(ltime_date_of(t), out);
}

/* Adds to a referral's input `in` the signs of event e with their evidence and the
 * rationale naming them (R-REC-2), the exploitation types, the people involved and the
 * facts they suggest. */
static void referral_signs(struct gen *g, const struct ev *e, json_t *in)
{
	size_t nsigns_tab;
	const struct ref_item *signs = ref_table(REF_SIGNS, &nsigns_tab);
	int idx[4];
	pick_signs(g, e->nsigns, e->online, idx);
	json_t *arr = json_array();
	char rationale[1200], seen[LT_DATE_LEN];
	int len = snprintf(rationale, sizeof rationale,
	                   "Suspicion of exploitation because of these SAFEGUARD signs: ");
	bool gangs = false;
	for (int s = 0; s < e->nsigns; s++) {
		date_of(e->at - span(g, 0, 20) * DAY, seen);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "code", signs[idx[s]].code,
		                                     "evidence", DEMO_EVIDENCE[idx[s]][pick(g, 2)],
		                                     "seen_on", seen));
		len += snprintf(rationale + len, sizeof rationale - (size_t)len, "%s%s (%s)",
		                s ? "; " : "", signs[idx[s]].label, signs[idx[s]].code);
		gangs |= idx[s] == 4;
	}
	snprintf(rationale + len, sizeof rationale - (size_t)len,
	         ". Together they suggest the child is being targeted.");
	json_object_set_new(in, "signs", arr);
	json_object_set_new(in, "rationale", json_string(rationale));
	json_object_set_new(in, "exploitation_types",
	                    gangs ? json_pack("[s, s]", "sexual", "criminal")
	                          : json_pack("[s]", "sexual"));
	json_object_set_new(in, "people_involved",
	                    json_pack("[s, s]", "the child", DEMO_PEOPLE[1 + pick(g, 2)]));
	if (e->online)
		json_object_set_new(in, "online", json_true());
	if (gangs && pick(g, 2))
		json_object_set_new(in, "gang", json_true());
}

/* Adds the police template (App G) of a police referral to `in`: a MERLIN reference,
 * the risk review, other information and the initial category of event e, if any
 * (R-PATH-4, R-PATH-5). */
static void referral_police(struct gen *g, const struct ev *e, json_t *in)
{
	char merlin[40];
	snprintf(merlin, sizeof merlin, "DEMO-MP-%02d-%06d", ltime_date_of(e->at).y % 100,
	         ++g->merlin);
	json_t *p =
	        json_pack("{s:s, s:s, s:s}", "merlin_pac", merlin, "risk_review",
	                  "Checks on the child and known associates completed; "
	                  "no immediate risk to life identified tonight.",
	                  "other_info", "Two earlier missing episodes are known to the borough.");
	if (e->cat) {
		json_object_set_new(p, "initial_category", json_integer(e->cat));
		json_object_set_new(p, "category_rationale",
		                    json_string(DEMO_CAT_RATIONALE[e->cat]));
		if (e->cat == 2)
			json_object_set_new(p, "contact",
			                    json_string(e->online ? "online" : "contact"));
	}
	json_object_set_new(in, "police", p);
}

/* Keeps what a filed referral of event e made: the child's id and record reference,
 * and the counts. A referrer who does not see the child's record is not told its
 * reference (R-INFO-3): the borough's MASH worker, who looks at every new referral,
 * reads it then. */
static void referral_filed(struct gen *g, const struct ev *e, struct kid *k, json_t *out)
{
	const char *cid = json_string_value(json_object_get(out, "child_id"));
	const char *ref = json_string_value(json_object_get(out, "record_ref"));
	json_t *seen = NULL;
	if (!ref && json_is_false(json_object_get(out, "record_visible")) &&
	    json_is_true(json_object_get(out, "cse_pathway"))) {
		struct actor mash = at_time(&g->bu[k->b][U_MASH], e->at);
		struct app_err err = {0};
		if (app_referral_get(g->db, &mash,
		                     json_string_value(json_object_get(out, "referral_id")), NULL,
		                     &seen, &err) == APP_OK)
			ref = json_string_value(json_object_get(seen, "record_ref"));
	}
	if (!k->id[0] && cid)
		snprintf(k->id, sizeof k->id, "%s", cid);
	else
		g->counts[N_REPEATS]++;
	if (!k->ref[0] && ref) {
		snprintf(k->ref, sizeof k->ref, "%s", ref);
		g->counts[N_RECORDS]++;
	}
	if (e->agency == A_POLICE && e->nsigns)
		k->police_b = k->b;
	g->counts[N_REFERRALS]++;
	json_decref(seen);
}

/* Files referral event e as the borough's referrer of its agency type: for a child not
 * yet known, with the child's details (confirmed new). */
static int do_referral(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	const struct actor *who = &g->bu[k->b][DEMO_REFERRER[e->agency]];
	json_t *in = json_pack("{s:s}", "circumstances", DEMO_CIRCUMSTANCES[e->agency][pick(g, 2)]);
	char notice[LT_TIME_LEN];
	ltime_format(e->at - span(g, 1, 20) * HOUR, notice);
	json_object_set_new(in, "came_to_notice_at", json_string(notice));
	if (k->id[0]) {
		json_object_set_new(in, "child_id", json_string(k->id));
	} else {
		json_object_set(in, "child", k->details);
		json_object_set_new(in, "confirm_new_child", json_true());
	}
	if (e->nsigns == 0) {
		json_object_set_new(in, "no_sign_rationale",
		                    json_string(DEMO_NO_SIGN_RATIONALE[pick(
		                            g, ARRAY_LEN(DEMO_NO_SIGN_RATIONALE))]));
	} else {
		referral_signs(g, e, in);
		if (e->agency == A_POLICE)
			referral_police(g, e, in);
	}
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_referral_submit(g->db, &a, NULL, in, &out, g->err);
	json_decref(in);
	if (rc == APP_OK)
		referral_filed(g, e, k, out);
	json_decref(out);
	return rc == APP_OK ? APP_OK : demo_fail(g, rc, "a referral");
}

/* Plays a category decision: by the MASH worker, the police supervisor or the
 * assessment team, in another borough for some (R-CAT-5). */
static int do_category(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	const struct actor *who = e->by == BY_MASH         ? &g->bu[k->b][U_MASH]
	                          : e->by == BY_SUPERVISOR ? &g->bu[k->b][U_SUPERVISOR]
	                                                   : &g->gu[G_ASSESS];
	const char *kind = e->by == BY_MASH         ? "initial"
	                   : e->by == BY_SUPERVISOR ? "supervisor"
	                                            : "assessment_team";
	json_t *in = json_pack("{s:i, s:s, s:s}", "category", e->cat, "rationale",
	                       DEMO_CAT_RATIONALE[e->cat], "kind", kind);
	if (e->cat == 2)
		json_object_set_new(in, "contact", json_string(e->online ? "online" : "contact"));
	if (g->nb > 1 && pick(g, 100) < 15) /* R-CAT-5: exploitation in another borough */
		json_object_set_new(in, "exploitation_borough",
		                    json_string(DEMO_BOROUGHS[(k->b + 1) % g->nb].name));
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_category_decide(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "a category decision");
	g->counts[N_CATEGORIES]++;
	return APP_OK;
}

/* Plays the supervisor review, every item ticked with a note. */
static int do_review(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	static const char *const notes[6] = {
	        "Allegation reviewed with the reporting officer.",
	        "Classification checked against the signs recorded.",
	        "Intelligence gaps listed with actions and owners.",
	        "MERLIN record checked and complete.",
	        "Protection and support plan for the child agreed with social care.",
	        "Category reviewed; no Threat to Life assessment needed.",
	};
	json_t *items = json_array();
	for (int i = 0; i < 6; i++)
		json_array_append_new(items,
		                      json_pack("{s:b, s:s}", "ticked", 1, "note", notes[i]));
	json_t *in = json_pack("{s:o}", "items", items);
	/* the supervisor of the reporting officer's borough: never the reporting officer */
	int b = k->police_b >= 0 ? k->police_b : k->b;
	struct actor a = at_time(&g->bu[b][U_SUPERVISOR], e->at);
	json_t *out = NULL;
	int rc = app_supervisor_review(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "a supervisor review");
	g->counts[N_REVIEWS]++;
	return APP_OK;
}

/* Someone who may act on the child's record: the reporting officer for police records,
 * otherwise the borough's MASH worker (who sees the whole partnership). */
static const struct actor *record_worker(struct gen *g, const struct kid *k)
{
	return k->police_b >= 0 ? &g->bu[k->police_b][U_OFFICER] : &g->bu[k->b][U_MASH];
}

/* Plays essential steps: all five done, or some outstanding (with a decision not to
 * intervene for some). */
static int do_steps(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	bool complete = e->by != 0;
	json_t *in;
	if (complete) {
		in = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}", "immediate_risk", 0,
		               "pnc_marker_done", 1, "mase_referred_or_updated", 1,
		               "outcome_mi_considered", 1, "category_reviewed_by_assessment_team",
		               1, "flag_set", 1);
		if (pick(g, 4) == 0) {
			json_object_set_new(in, "immediate_risk", json_true());
			json_object_set_new(in, "police_protection_considered", json_true());
			json_object_set_new(in, "police_protection_note",
			                    json_string("Police protection considered; the child "
			                                "was safe with a carer overnight, so not "
			                                "used."));
		}
	} else {
		in = json_pack("{s:b, s:b, s:b}", "immediate_risk", 0, "pnc_marker_done",
		               (int)pick(g, 2), "flag_set", 1);
		if (pick(g, 3) == 0) {
			json_object_set_new(in, "declined_to_intervene_or_refer", json_true());
			json_object_set_new(
			        in, "e4_rationale",
			        json_string("The child is already supported through the "
			                    "existing child protection plan; no separate "
			                    "referral made."));
		}
	}
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_essential_steps(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "essential steps");
	g->counts[N_STEPS]++;
	return APP_OK;
}

/* Plays a classification: exploitation types, one or two models and the facts. */
static int do_classify(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	size_t nm;
	const struct ref_item *models = ref_table(REF_MODELS, &nm);
	const char *m1 = models[pick(g, nm)].code, *m2 = models[pick(g, nm)].code;
	json_t *ms = strcmp(m1, m2) == 0 ? json_pack("[s]", m1) : json_pack("[s, s]", m1, m2);
	bool gang = pick(g, 5) == 0;
	json_t *in = json_pack("{s:o, s:o, s:b, s:b}", "exploitation_types",
	                       gang ? json_pack("[s, s]", "sexual", "criminal")
	                            : json_pack("[s]", "sexual"),
	                       "models", ms, "group", pick(g, 4) == 0, "gang", gang);
	if (strcmp(m1, "online") == 0 || strcmp(m2, "online") == 0)
		json_object_set_new(in, "online", json_true());
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_record_classify(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "a classification");
	g->counts[N_CLASSIFY]++;
	return APP_OK;
}

/* Plays a reference: a crime or non-crime number on a police record, else a social
 * care case number. */
static int do_extref(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	char value[40];
	json_t *in;
	const struct actor *who;
	int yy = ltime_date_of(e->at).y % 100;
	if (k->police_b >= 0) {
		bool crime = pick(g, 2) == 0;
		snprintf(value, sizeof value, "DEMO/%s/%02d/%05d", crime ? "CR" : "NC", yy,
		         ++g->crime);
		in = json_pack("{s:s, s:s}", "kind", crime ? "crime_number" : "non_crime_number",
		               "value", value);
		if (crime)
			json_object_set_new(in, "crime_allegation", json_true());
		who = &g->bu[k->police_b][U_OFFICER];
	} else {
		snprintf(value, sizeof value, "DEMO-CSC-%02d-%06d", yy, ++g->csc);
		in = json_pack("{s:s, s:s}", "kind", "csc_case", "value", value);
		who = &g->bu[k->b][U_MASH];
	}
	struct actor a = at_time(who, e->at);
	json_t *out = NULL;
	int rc = app_external_ref_add(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "an external reference");
	g->counts[N_REFS]++;
	return APP_OK;
}

/* Plays a chronology note, or a correction of the child's last note (R-REC-6). */
static int do_note(struct gen *g, const struct ev *e, bool correction)
{
	struct kid *k = &g->kids[e->kid];
	json_t *in;
	char occ[LT_TIME_LEN];
	if (correction) {
		char when[LT_DATE_LEN];
		date_of(k->note_at, when);
		char text[300];
		snprintf(text, sizeof text,
		         "Correction to the entry of %s: the meeting took place the day before; "
		         "the rest of the entry stands.",
		         when);
		ltime_format(k->note_at - DAY, occ);
		in = json_pack("{s:s, s:s, s:[s, s], s:s, s:s, s:s}", "occurred_at", occ, "nature",
		               "fact", "people_involved", "the child", "social worker", "text",
		               text, "supersedes", k->note_id, "reason",
		               "The date of the meeting was wrong (R-REC-6).");
	} else {
		int n = (int)pick(g, ARRAY_LEN(DEMO_NOTES));
		k->note_at = e->at - span(g, 1, 6) * HOUR;
		ltime_format(k->note_at, occ);
		json_t *people = json_pack("[s]", "the child");
		json_array_append_new(
		        people, json_string(DEMO_PEOPLE[1 + pick(g, ARRAY_LEN(DEMO_PEOPLE) - 1)]));
		in = json_pack("{s:s, s:s, s:o, s:s}", "occurred_at", occ, "nature",
		               DEMO_NOTES[n][1], "people_involved", people, "text",
		               DEMO_NOTES[n][0]);
	}
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_record_add_entry(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	if (rc != APP_OK) {
		json_decref(out);
		return demo_fail(g, rc, correction ? "a correction" : "a chronology note");
	}
	if (!correction)
		snprintf(k->note_id, sizeof k->note_id, "%s",
		         json_string_value(json_object_get(out, "id")));
	json_decref(out);
	g->counts[correction ? N_CORRECTIONS : N_NOTES]++;
	return APP_OK;
}

/* Plays an outcome: MI, a positive intervention. */
static int do_outcome(struct gen *g, const struct ev *e)
{
	struct kid *k = &g->kids[e->kid];
	char on[LT_DATE_LEN];
	date_of(e->at - span(g, 0, 3) * DAY, on);
	json_t *in = json_pack("{s:s, s:s, s:s}", "code", "MI", "achieved_on", on, "note",
	                       "The child is engaging with a specialist worker and has had no "
	                       "missing episode for six weeks.");
	struct actor a = at_time(record_worker(g, k), e->at);
	json_t *out = NULL;
	int rc = app_outcome_add(g->db, &a, k->ref, in, &out, g->err);
	json_decref(in);
	json_decref(out);
	if (rc != APP_OK)
		return demo_fail(g, rc, "an outcome");
	g->counts[N_OUTCOMES]++;
	return APP_OK;
}

int demo_play(struct gen *g)
{
	qsort(g->evs, g->nev, sizeof *g->evs, ev_cmp);
	for (size_t i = 0; i < g->nev; i++) {
		const struct ev *e = &g->evs[i];
		int rc = APP_OK;
		switch (e->kind) {
		case EV_REFERRAL:
			rc = do_referral(g, e);
			break;
		case EV_CATEGORY:
			rc = do_category(g, e);
			break;
		case EV_REVIEW:
			rc = do_review(g, e);
			break;
		case EV_STEPS:
			rc = do_steps(g, e);
			break;
		case EV_CLASSIFY:
			rc = do_classify(g, e);
			break;
		case EV_EXTREF:
			rc = do_extref(g, e);
			break;
		case EV_NOTE:
			rc = do_note(g, e, false);
			break;
		case EV_CORRECT:
			rc = do_note(g, e, true);
			break;
		case EV_OUTCOME:
			rc = do_outcome(g, e);
			break;
		default:
			rc = demo_do_missing(g, e);
			break;
		}
		if (rc != APP_OK)
			return rc;
	}
	return APP_OK;
}
