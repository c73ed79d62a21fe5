/*
 * disruption.c: the demo partnership's disruption work (demo_internal.h): in each
 * borough, made-up persons of concern linked to children with records, a hotel and a
 * car; orders and notices in every status (applied, made, served, varied, breached,
 * expired, discharged), with a Sexual Risk Order whose notification is due and one
 * whose notification is overdue; markers, a licensing action and a covert tactic;
 * tactical options marked on records; actions open, overdue, done and cancelled;
 * criminal justice cases from arrest to sentence, with one awaiting a decision and one
 * ended without action; and NRM referrals, one past its 45 days. Everything goes
 * through the use cases, with dates counted back from the demo's reference day, and
 * with no draw from the content stream, so the rest of the demo is unchanged by it.
 */
#include "demo/demo_internal.h"

#include "app/cj.h"
#include "app/links.h"
#include "app/orders.h"
#include "app/people.h"
#include "app/places.h"
#include "app/plans.h"

/* Made-up names of persons of concern: plainly synthetic. */
static const char *const PERSONS[] = {
        "Dale Marsh-Demo",    "Rory Penhale-Demo",  "Sid Kettering-Demo", "Vince Orlow-Demo",
        "Gary Tolland-Demo",  "Neil Brackley-Demo", "Carl Whitby-Demo",   "Lee Farrant-Demo",
        "Troy Alderney-Demo", "Wes Calloway-Demo",  "Jon Pemberly-Demo",  "Kurt Hensall-Demo"};
#define PER_BOROUGH 6

/* The actor a with its clock at g->ref - days days (plus `hours`). */
static struct actor ago(const struct actor *a, const struct gen *g, int days, int hours)
{
	return at_time(a, g->ref - (int64_t)days * DAY + (int64_t)hours * HOUR);
}

/* The date `days` before the reference day, as YYYY-MM-DD, into out. */
static const char *day_of(const struct gen *g, int days, char out[LT_DATE_LEN])
{
	ltime_format_date(ltime_date_of(g->ref - (int64_t)days * DAY), out);
	return out;
}

/* An instant `days` before the reference day at 10:00 UTC, into out. */
static const char *time_of(const struct gen *g, int days, char out[LT_TIME_LEN])
{
	ltime_format(g->ref - (int64_t)days * DAY + 10 * HOUR, out);
	return out;
}

/* Runs use case fn as `who`, taking `in`; copies the "id" of its view into id (when not
 * NULL). APP_OK or the error (in g->err, saying what was being done). */
static int run(struct gen *g, app_uc *fn, const struct actor *who, const char *on, json_t *in,
               char *id, const char *what)
{
	json_t *out = NULL;
	int rc = fn(g->db, who, on, in, &out, g->err);
	json_decref(in);
	if (rc == APP_OK && id)
		snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	return rc == APP_OK ? APP_OK : demo_fail(g, rc, what);
}

/* What one borough's disruption work is about. */
struct dis {
	int b;
	struct actor officer, supervisor, mash;
	char person[PER_BOROUGH][ID_MAX];
	int kids[8]; /* children with records in the borough */
	int nkids;
	int young; /* a child with a record aged 14 or under, or -1 */
	char hotel[ID_MAX], car[ID_MAX];
};

/* The borough's children with records (the first few) and a young one among them. */
static void pick_children(struct gen *g, struct dis *d)
{
	d->nkids = 0;
	d->young = -1;
	for (int i = 0; i < g->nkids; i++) {
		const struct kid *k = &g->kids[i];
		if (k->b != d->b || !k->ref[0])
			continue;
		if (d->young < 0 && k->age <= 14 && k->age >= 8)
			d->young = i;
		if (d->nkids < (int)ARRAY_LEN(d->kids))
			d->kids[d->nkids++] = i;
	}
}

/* Persons of concern, each linked to a child of the borough; a hotel and a car. */
static int people(struct gen *g, struct dis *d)
{
	struct actor a = ago(&d->supervisor, g, 0, -3);
	int rc = APP_OK;
	for (int p = 0; rc == APP_OK && p < PER_BOROUGH; p++) {
		const char *name = PERSONS[(d->b * PER_BOROUGH + p) % ARRAY_LEN(PERSONS)];
		json_t *in = json_pack("{s:[{s:s, s:s}], s:s, s:s, s:s, s:b}", "names", "name",
		                       name, "kind", "name", "nature", "fact", "source",
		                       "Police National Computer check (demo)", "gender", "male",
		                       "confirm_new", 1);
		rc = run(g, app_person_add, &a, NULL, in, d->person[p],
		         "adding a person of concern");
		int kid = p == 2 && d->young >= 0 ? d->young
		          : d->nkids              ? d->kids[p % d->nkids]
		                                  : -1;
		if (rc == APP_OK && kid >= 0)
			rc = run(g, app_link_add, &a, NULL,
			         json_pack("{s:s, s:s, s:s, s:s, s:s}", "from", d->person[p], "to",
			                   g->kids[kid].id, "kind", "associate", "nature", "fact",
			                   "source", "Safe and well check (demo)"),
			         NULL, "linking a person of concern to a child");
	}
	if (rc == APP_OK)
		rc = run(g, app_place_add, &a, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", "hotel", "name",
		                   "Station Road Hotel (demo)", "address", "1 Example Street",
		                   "borough", DEMO_BOROUGHS[d->b].name, "confirm_new", 1),
		         d->hotel, "adding a hotel");
	if (rc == APP_OK)
		rc = run(g, app_vehicle_find_or_add, &a, NULL,
		         json_pack("{s:s, s:s, s:s}", "registration",
		                   d->b % 2 ? "DM19 ABC" : "DM68 XYZ", "make", "Demo", "colour",
		                   "silver"),
		         d->car, "adding a car");
	return rc;
}

/* Records an order for person p at the reference clock; `in` gets type and person. */
static int order(struct gen *g, struct dis *d, const struct actor *who, const char *type, int p,
                 json_t *in, char *id)
{
	json_object_set_new(in, "type", json_string(type));
	if (p >= 0)
		json_object_set_new(in, "person_id", json_string(d->person[p]));
	json_object_set_new(in, "borough", json_string(DEMO_BOROUGHS[d->b].name));
	return run(g, app_order_add, who, NULL, in, id, "recording an order");
}

/* Changes order id as `who`. */
static int change(struct gen *g, const struct actor *who, const char *id, json_t *in)
{
	return run(g, app_order_change, who, id, in, NULL, "changing an order");
}

/* Orders and notices in every status, markers, a licensing action, a covert tactic. */
static int orders(struct gen *g, struct dis *d)
{
	char a[LT_DATE_LEN], b[LT_DATE_LEN], c[LT_DATE_LEN], t[LT_TIME_LEN], t2[LT_TIME_LEN];
	char id[ID_MAX];
	/* the borough's police supervisor records them: partnership-wide, so every child
	 * named is seen */
	struct actor now = ago(&d->supervisor, g, 0, -3), sup = now;
	/* a Sexual Risk Order from application to service, then breached */
	int rc = order(g, d, &now, "sro", 0, json_pack("{s:s}", "applied_on", day_of(g, 120, a)),
	               id);
	if (rc == APP_OK)
		rc = change(g, &now, id,
		            json_pack("{s:s, s:s}", "made_on", day_of(g, 90, a), "ends_on",
		                      day_of(g, 90 - 800, b)));
	if (rc == APP_OK)
		rc = change(g, &now, id,
		            json_pack("{s:s, s:s, s:s}", "served_at", time_of(g, 89, t),
		                      "serving_officer", "PC 4471 Demo", "notified_at",
		                      time_of(g, 88, t2)));
	if (rc == APP_OK)
		rc = change(g, &now, id, json_pack("{s:s}", "breach_on", day_of(g, 20, a)));
	/* applied for, awaiting the court */
	if (rc == APP_OK)
		rc = order(g, d, &now, "sro", 1, json_pack("{s:s}", "applied_on", day_of(g, 14, a)),
		           NULL);
	/* made, not yet served */
	if (rc == APP_OK)
		rc = order(g, d, &now, "notification_order", 3,
		           json_pack("{s:s, s:s}", "status", "made", "made_on", day_of(g, 6, a)),
		           NULL);
	/* served two days ago, name and address not yet notified: due tomorrow */
	if (rc == APP_OK)
		rc = order(g, d, &now, "sro", 4,
		           json_pack("{s:s, s:s, s:s, s:s, s:s}", "status", "served", "made_on",
		                     day_of(g, 2, a), "served_at", time_of(g, 2, t),
		                     "serving_officer", "DC 2209 Demo", "ends_on",
		                     day_of(g, 2 - 731, b)),
		           NULL);
	/* served nine days ago, never notified: overdue, in the supervisor's queue */
	if (rc == APP_OK)
		rc = order(g, d, &now, "sro", 5,
		           json_pack("{s:s, s:s, s:s, s:s, s:s}", "status", "served", "made_on",
		                     day_of(g, 9, a), "served_at", time_of(g, 9, t),
		                     "serving_officer", "PC 4471 Demo", "ends_on",
		                     day_of(g, 9 - 731, b)),
		           NULL);
	/* a Sexual Harm Prevention Order with foreign travel restrictions, varied since */
	if (rc == APP_OK)
		rc = order(g, d, &sup, "shpo", 1,
		           json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "status", "served",
		                     "made_on", day_of(g, 400, a), "served_at", time_of(g, 400, t),
		                     "serving_officer", "DS 1180 Demo", "ends_on",
		                     day_of(g, 400 - 1830, b), "travel_restricted", 1,
		                     "travel_from", day_of(g, 400, c)),
		           id);
	if (rc == APP_OK)
		rc = change(g, &sup, id,
		            json_pack("{s:s, s:s}", "varied_on", day_of(g, 100, a), "note",
		                      "Varied on application: exclusion zone around the school "
		                      "added."));
	/* a child abduction warning notice, breached */
	if (rc == APP_OK && d->young >= 0) {
		rc = order(g, d, &now, "cawn", 2,
		           json_pack("{s:s, s:s, s:s}", "child_id", g->kids[d->young].id,
		                     "served_at", time_of(g, 60, t), "serving_officer",
		                     "PC 4471 Demo"),
		           id);
		if (rc == APP_OK)
			rc = change(g, &now, id, json_pack("{s:s}", "breach_on", day_of(g, 12, a)));
	}
	/* a civil injunction that has expired, a notification order discharged */
	if (rc == APP_OK)
		rc = order(g, d, &now, "asbo_injunction", 3,
		           json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "status", "expired",
		                     "made_on", day_of(g, 500, a), "served_at", time_of(g, 499, t),
		                     "serving_officer", "PC 3302 Demo", "ends_on",
		                     day_of(g, 135, b), "expired_on", day_of(g, 135, c)),
		           NULL);
	if (rc == APP_OK)
		rc = order(g, d, &now, "notification_order", 0,
		           json_pack("{s:s, s:s, s:s, s:s, s:s}", "status", "discharged", "made_on",
		                     day_of(g, 600, a), "served_at", time_of(g, 600, t),
		                     "serving_officer", "PC 3302 Demo", "discharged_on",
		                     day_of(g, 45, b)),
		           NULL);
	/* the hotel, the car and an address: a notice, markers, licensing */
	if (rc == APP_OK)
		rc = run(g, app_order_add, &now, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "hotel_notice", "place_id",
		                   d->hotel, "served_at", time_of(g, 30, t), "serving_officer",
		                   "PC 4471 Demo", "borough", DEMO_BOROUGHS[d->b].name),
		         NULL, "recording a hotel notice");
	if (rc == APP_OK)
		rc = run(g, app_order_add, &now, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "anpr_marker", "vehicle_id",
		                   d->car, "person_id", d->person[0], "on", day_of(g, 70, a),
		                   "borough", DEMO_BOROUGHS[d->b].name),
		         NULL, "recording an ANPR marker");
	if (rc == APP_OK)
		rc = run(g, app_order_add, &now, NULL,
		         json_pack("{s:s, s:s, s:s, s:s}", "type", "cad_special_scheme", "place_id",
		                   d->hotel, "on", day_of(g, 29, a), "borough",
		                   DEMO_BOROUGHS[d->b].name),
		         NULL, "recording a CAD scheme");
	if (rc == APP_OK)
		rc = run(g, app_order_add, &now, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "licensing_action",
		                   "place_id", d->hotel, "on", day_of(g, 25, a), "note",
		                   "Licence review requested by the council (demo).", "borough",
		                   DEMO_BOROUGHS[d->b].name),
		         NULL, "recording a licensing action");
	if (rc == APP_OK)
		rc = order(g, d, &sup, "covert_tactic", 4,
		           json_pack("{s:s}", "on", day_of(g, 40, a)), NULL);
	return rc;
}

/* Tactical options marked on the borough's records. */
static int tactics(struct gen *g, struct dis *d)
{
	static const struct {
		const char *code, *mark, *note, *owner;
	} M[] = {
	        {"T01", "in_place", "PNC report showing the child is at risk.", "police"},
	        {"T03", "considered", "CAWN to be served on the adult seen with the child.",
	         "police"},
	        {"T04", "in_place", "Named youth worker debriefs after each missing episode.",
	         "charity"},
	        {"T09", "considered", "Parents and school told of the risk at the meeting.",
	         "social"},
	        {"T11", "in_place", "Silver hatchback flagged on ANPR.", "police"},
	        {"T19", "considered", "Hotel visits and a notice under consideration.", "police"},
	        {"T22", "not_applicable", "The child lives at home, not in a children's home.",
	         NULL},
	        {"T14", "in_place", "Restricted: see the police system.", "police"},
	};
	struct actor sup = ago(&d->supervisor, g, 0, -3);
	int rc = APP_OK;
	for (int k = 0; rc == APP_OK && k < d->nkids && k < 4; k++) {
		const struct kid *kid = &g->kids[d->kids[k]];
		size_t n = ARRAY_LEN(M) - (size_t)k; /* fewer marks on later records */
		for (size_t i = 0; rc == APP_OK && i < n; i++) {
			char owner[160];
			if (M[i].owner)
				snprintf(owner, sizeof owner, "%s %s", DEMO_BOROUGHS[d->b].name,
				         strcmp(M[i].owner, "police") == 0 ? "Police (demo)"
				         : strcmp(M[i].owner, "social") == 0
				                 ? "Children's Social Care "
				                   "(demo)"
				                 : "Young People's Charity "
				                   "(demo)");
			rc = run(g, app_tactic_mark, &sup, kid->ref,
			         json_pack("{s:s, s:s, s:s, s:s?}", "code", M[i].code, "mark",
			                   M[i].mark, "note", M[i].note, "owner",
			                   M[i].owner ? owner : NULL),
			         NULL, "marking a tactical option");
		}
	}
	return rc;
}

/* Actions: open, overdue, done and cancelled. */
static int actions(struct gen *g, struct dis *d)
{
	if (d->nkids == 0)
		return APP_OK;
	char agreed[LT_TIME_LEN], due[LT_DATE_LEN], police[160], csc[160], id[ID_MAX];
	snprintf(police, sizeof police, "%s Police (demo)", DEMO_BOROUGHS[d->b].name);
	snprintf(csc, sizeof csc, "%s Children's Social Care (demo)", DEMO_BOROUGHS[d->b].name);
	struct actor sup = ago(&d->supervisor, g, 0, -3), off = ago(&d->officer, g, 0, -3);
	const char *ref0 = g->kids[d->kids[0]].ref;
	const char *ref1 = g->kids[d->kids[d->nkids > 1 ? 1 : 0]].ref;
	int rc =
	        run(g, app_action_add, &sup, NULL,
	            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "text",
	                      "Visit the hotel with the licensing officer and check the register.",
	                      "owner_person", d->officer.username, "record_ref", ref0, "agreed_at",
	                      time_of(g, 20, agreed), "due_on", day_of(g, 3, due), "tactic", "T19"),
	            NULL, "adding an overdue action");
	if (rc == APP_OK)
		rc = run(g, app_action_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "text",
		                   "Safety plan agreed with the family and the school.",
		                   "owner_agency", csc, "record_ref", ref0, "agreed_at",
		                   time_of(g, 20, agreed), "due_on", day_of(g, -10, due)),
		         NULL, "adding an action");
	if (rc == APP_OK)
		rc = run(g, app_action_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "text",
		                   "Brief CCTV staff at the shopping centre.", "owner_agency",
		                   police, "record_ref", ref1, "agreed_at", time_of(g, 40, agreed),
		                   "due_on", day_of(g, 8, due)),
		         NULL, "adding an overdue action");
	if (rc == APP_OK)
		rc = run(g, app_action_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "text",
		                   "Place a PNC report showing the risk the suspect poses.",
		                   "owner_person", d->officer.username, "person_id", d->person[0],
		                   "agreed_at", time_of(g, 30, agreed), "due_on",
		                   day_of(g, 15, due)),
		         id, "adding an action");
	if (rc == APP_OK)
		rc = run(g, app_action_update, &off, id,
		         json_pack("{s:s, s:s}", "status", "done", "closed_at",
		                   time_of(g, 18, agreed)),
		         NULL, "closing an action");
	if (rc == APP_OK)
		rc = run(g, app_action_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "text",
		                   "Apply for secure accommodation.", "owner_agency", csc,
		                   "record_ref", ref1, "agreed_at", time_of(g, 40, agreed),
		                   "due_on", day_of(g, 20, due)),
		         id, "adding an action");
	if (rc == APP_OK)
		rc = run(g, app_action_update, &sup, id,
		         json_pack("{s:s, s:s, s:s}", "status", "cancelled", "reason",
		                   "The child moved to a new placement out of the area.",
		                   "closed_at", time_of(g, 25, agreed)),
		         NULL, "cancelling an action");
	return rc;
}

/* Criminal justice cases: to sentence, awaiting a decision, no further action. */
static int cases(struct gen *g, struct dis *d)
{
	char a[LT_DATE_LEN], b[LT_DATE_LEN], c[LT_DATE_LEN], e[LT_DATE_LEN], id[ID_MAX];
	char network[80];
	snprintf(network, sizeof network, "Operation %s (demo)", d->b % 2 ? "Kestrel" : "Larch");
	struct actor sup = ago(&d->supervisor, g, 0, -3);
	int rc =
	        run(g, app_cj_case_add, &sup, NULL,
	            json_pack("{s:s, s:s, s:s, s:s}", "person_id", d->person[1], "network", network,
	                      "arrested_on", day_of(g, 300, a), "referred_on", day_of(g, 290, b)),
	            id, "opening a criminal justice case");
	if (rc == APP_OK)
		rc = run(g, app_cj_case_update, &sup, id,
		         json_pack("{s:s, s:s, s:s, s:s}", "decision", "charge", "decided_on",
		                   day_of(g, 250, a), "charged_on", day_of(g, 250, b), "offence",
		                   "Arranging the sexual exploitation of a child"),
		         NULL, "charging");
	if (rc == APP_OK)
		rc = run(g, app_cj_case_update, &sup, id,
		         json_pack("{s:s, s:s, s:s, s:s}", "result", "convicted", "result_on",
		                   day_of(g, 60, c), "sentenced_on", day_of(g, 40, e), "sentence",
		                   "Seven years' imprisonment"),
		         NULL, "recording the result");
	if (rc == APP_OK)
		rc = run(g, app_cj_case_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s}", "person_id", d->person[3], "network",
		                   network, "arrested_on", day_of(g, 50, a), "referred_on",
		                   day_of(g, 45, b)),
		         NULL, "opening a criminal justice case");
	if (rc == APP_OK)
		rc = run(g, app_cj_case_add, &sup, NULL,
		         json_pack("{s:s, s:s, s:s, s:s, s:s}", "person_id", d->person[5],
		                   "referred_on", day_of(g, 200, a), "decision",
		                   "no_further_action", "decided_on", day_of(g, 150, b), "network",
		                   network),
		         NULL, "opening a criminal justice case");
	return rc;
}

/* NRM referrals: one past its 45 days, one within them. */
static int referrals(struct gen *g, struct dis *d)
{
	char t[LT_TIME_LEN];
	struct actor sw = ago(&d->mash, g, 0, -3);
	int rc = APP_OK;
	for (int k = 0; rc == APP_OK && k < 2 && k < d->nkids; k++) {
		char ref[40];
		snprintf(ref, sizeof ref, "NRM-DEMO-%d%03d", d->b + 1, k + 1);
		rc = run(g, app_nrm_refer, &sw, g->kids[d->kids[d->nkids - 1 - k]].id,
		         json_pack("{s:s, s:s}", "referred_at", time_of(g, k ? 10 : 50, t),
		                   "reference", ref),
		         NULL, "referring a child to the NRM");
	}
	return rc;
}

int demo_disruption(struct gen *g)
{
	int rc = APP_OK;
	for (int b = 0; rc == APP_OK && b < g->nb; b++) {
		struct dis d;
		memset(&d, 0, sizeof d);
		d.b = b;
		d.officer = g->bu[b][U_OFFICER];
		d.supervisor = g->bu[b][U_SUPERVISOR];
		d.mash = g->bu[b][U_MASH];
		pick_children(g, &d);
		rc = people(g, &d);
		if (rc == APP_OK)
			rc = orders(g, &d);
		if (rc == APP_OK)
			rc = tactics(g, &d);
		if (rc == APP_OK)
			rc = actions(g, &d);
		if (rc == APP_OK)
			rc = cases(g, &d);
		if (rc == APP_OK)
			rc = referrals(g, &d);
	}
	return rc;
}
