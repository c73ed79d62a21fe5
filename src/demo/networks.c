/*
 * networks.c: the demo partnership's networks of exploitation (networks.h), each a small
 * story rather than places shared by everyone:
 *  - in each borough, a county-lines group: three men who know each other, one with the
 *    line phone, one the registered keeper of a car that carried two of the borough's
 *    children, and a takeaway where both children were found after going missing; one
 *    child is in category 1 (or has none) and the other in category 3, so R-CAT-7 flags
 *    the first on its record;
 *  - a man who meets girls from two boroughs at a hotel in the first: he is seen with
 *    each, both are found at the hotel, and the hotel is where he goes (R-CAT-7 again
 *    when one girl is in a higher category, and a place that joins cases, R-LOC-1);
 *  - in each borough, two friends in category 1 who are seen together, linked to no one
 *    else: a network that is not flagged;
 *  - a phone written down as "the number on the flyer", which is not a number: kept as
 *    written and marked.
 * Children are chosen by their plan (borough, record, current category, gender) among
 * those the disruption work did not link, in plan order, with no draw from the content
 * stream; dates count back from the demo's reference day. Everything goes through the
 * use cases, as the borough's police supervisor.
 */
#include "demo/networks.h"

#include "app/links.h"
#include "app/people.h"
#include "app/places.h"

/* The child's current category by its plan (0 none): its last category decision, else
 * a police referral's initial category. The events are in time order once played. */
static int category_of(const struct gen *g, int kid)
{
	int cat = 0;
	for (size_t i = 0; i < g->nev; i++) {
		const struct ev *e = &g->evs[i];
		if (e->kid != kid)
			continue;
		if (e->kind == EV_CATEGORY || (e->kind == EV_REFERRAL && e->cat > 0))
			cat = e->cat;
	}
	return cat;
}

static bool is_girl(const struct kid *k)
{
	const char *s = json_string_value(json_object_get(k->details, "gender"));
	return s && strcmp(s, "female") == 0;
}

/* Children taken by a network, so that no child is in two of them. */
struct taken {
	bool *used;
	int n;
};

/* The first child of borough b with a record, not yet taken and not among the first
 * `skip` such children (the disruption work's), whose category is in [lo, hi] (0: none),
 * a girl when `girl`; -1 when there is none. */
static int choose(const struct gen *g, struct taken *t, int b, int lo, int hi, bool girl, int skip)
{
	int seen = 0;
	for (int i = 0; i < g->nkids; i++) {
		const struct kid *k = &g->kids[i];
		if (k->b != b || !k->ref[0])
			continue;
		if (seen++ < skip || t->used[i] || (girl && !is_girl(k)))
			continue;
		int c = category_of(g, i);
		if (c >= lo && c <= hi) {
			t->used[i] = true;
			return i;
		}
	}
	return -1;
}

static struct actor ago(const struct actor *a, const struct gen *g, int days)
{
	return at_time(a, g->ref - (int64_t)days * DAY + 11 * HOUR);
}

static const char *day_of(const struct gen *g, int days, char out[LT_DATE_LEN])
{
	ltime_format_date(ltime_date_of(g->ref - (int64_t)days * DAY), out);
	return out;
}

/* Runs use case fn as `who`, taking `in`; the "id" of its view into id (when not NULL). */
static int run(struct gen *g, app_uc *fn, const struct actor *who, json_t *in, char *id,
               const char *what)
{
	json_t *out = NULL;
	int rc = fn(g->db, who, NULL, in, &out, g->err);
	json_decref(in);
	if (rc == APP_OK && id)
		snprintf(id, ID_MAX, "%s", json_string_value(json_object_get(out, "id")));
	json_decref(out);
	return rc == APP_OK ? APP_OK : demo_fail(g, rc, what);
}

/* A person of concern known by `name` (and `street`, when not NULL), as intelligence
 * graded 2/B/P from a source. */
static int person(struct gen *g, const struct actor *who, const char *name, const char *street,
                  const char *gender, char id[ID_MAX])
{
	json_t *names = json_pack("[{s:s, s:s}]", "name", name, "kind", "name");
	if (street)
		json_array_append_new(
		        names, json_pack("{s:s, s:s}", "name", street, "kind", "street_name"));
	json_t *in = json_pack("{s:o, s:s, s:s, s:s, s:s, s:b}", "names", names, "gender", gender,
	                       "nature", "intelligence", "grading", "2/B/P", "source",
	                       "Police intelligence report (demo)", "confirm_new", 1);
	return run(g, app_person_add, who, in, id, "adding a person of concern to a network");
}

/* A link `from` -`kind`-> `to` since `since` days ago (0: no date), as fact or graded
 * intelligence. */
static int link(struct gen *g, const struct actor *who, const char *from, const char *to,
                const char *kind, int since, bool intel, const char *source)
{
	char d[LT_DATE_LEN];
	json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "from", from, "to", to, "kind", kind,
	                       "nature", intel ? "intelligence" : "fact", "source", source);
	if (intel)
		json_object_set_new(in, "grading", json_string("2/B/P"));
	if (since)
		json_object_set_new(in, "from_date", json_string(day_of(g, since, d)));
	return run(g, app_link_add, who, in, NULL, "linking a network");
}

static const char *const GROUP_NAMES[][3][2] = {
        {{"Marlon Stroud-Demo", "Mars"},
         {"Tyrese Okonjo-Demo", NULL},
         {"Shane Vickery-Demo", NULL}},
        {{"Nathan Quayle-Demo", "Q"}, {"Romeo Baptiste-Demo", NULL}, {"Ricky Sallow-Demo", NULL}},
        {{"Paul Varney-Demo", "PV"}, {"Sonny Mayhew-Demo", NULL}, {"Ozzy Trent-Demo", NULL}},
        {{"Reuben Tasker-Demo", "Tasks"}, {"Mickey Roan-Demo", NULL}, {"Stefan Yates-Demo", NULL}},
};

/* A county-lines group in borough b. */
static int county_lines(struct gen *g, struct taken *t, int b)
{
	int low = choose(g, t, b, 0, 1, false, 8), high = choose(g, t, b, 3, 3, false, 8);
	if (high < 0)
		high = choose(g, t, b, 2, 2, false, 8);
	if (low < 0 || high < 0)
		return APP_OK; /* a borough too small for the story */
	struct actor who = ago(&g->bu[b][U_SUPERVISOR], g, 2);
	const char *const(*names)[2] = GROUP_NAMES[b % ARRAY_LEN(GROUP_NAMES)];
	char p[3][ID_MAX], shop[ID_MAX], car[ID_MAX], tel[ID_MAX];
	int rc = APP_OK;
	for (int i = 0; rc == APP_OK && i < 3; i++)
		rc = person(g, &who, names[i][0], names[i][1], "male", p[i]);
	char name[96], reg[32], num[32];
	snprintf(name, sizeof name, "%s Fried Chicken (demo)", DEMO_BOROUGHS[b].name);
	snprintf(reg, sizeof reg, "DL%02d CLN", 60 + b % 30);
	snprintf(num, sizeof num, "07700 900%03d", 400 + b % 100);
	if (rc == APP_OK)
		rc = run(g, app_place_add, &who,
		         json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", "takeaway", "name", name,
		                   "address", "14 Example Parade", "borough", DEMO_BOROUGHS[b].name,
		                   "confirm_new", 1),
		         shop, "adding a takeaway");
	if (rc == APP_OK)
		rc = run(g, app_vehicle_find_or_add, &who,
		         json_pack("{s:s, s:s, s:s, s:s}", "registration", reg, "make", "Demo",
		                   "model", "Hatchback", "colour", "black"),
		         car, "adding a car");
	if (rc == APP_OK)
		rc = run(g, app_phone_find_or_add, &who, json_pack("{s:s}", "number", num), tel,
		         "adding a line phone");
	const char *src = "Police intelligence report (demo)";
	if (rc == APP_OK)
		rc = link(g, &who, p[0], p[1], "associate", 200, true, src);
	if (rc == APP_OK)
		rc = link(g, &who, p[0], p[2], "associate", 150, true, src);
	if (rc == APP_OK)
		rc = link(g, &who, p[0], tel, "uses", 120, true, src);
	if (rc == APP_OK)
		rc = link(g, &who, p[1], car, "registered_keeper", 300, false,
		          "DVLA keeper check (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, car, g->kids[low].id, "transported", 60, true,
		          "ANPR sighting (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, car, g->kids[high].id, "transported", 45, true,
		          "ANPR sighting (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, g->kids[low].id, shop, "found_at", 40, false,
		          "Return home interview (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, g->kids[high].id, shop, "found_at", 30, false,
		          "Safe and well check (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, p[2], g->kids[high].id, "seen_with", 25, false,
		          "Officer sighting (demo)");
	return rc;
}

/* The man who meets girls from two boroughs at a hotel in the first. */
static int hotel(struct gen *g, struct taken *t)
{
	int b2 = g->nb > 1 ? 1 : 0;
	int a = choose(g, t, 0, 0, 1, true, 8), c = choose(g, t, b2, 2, 3, true, 8);
	if (a < 0 || c < 0)
		return APP_OK;
	struct actor who = ago(&g->bu[0][U_SUPERVISOR], g, 1);
	char man[ID_MAX], h[ID_MAX], tel[ID_MAX];
	int rc = person(g, &who, "Malcolm Ostler-Demo", NULL, "male", man);
	char name[96];
	snprintf(name, sizeof name, "%s Lodge Hotel (demo)", DEMO_BOROUGHS[0].name);
	if (rc == APP_OK)
		rc = run(g, app_place_add, &who,
		         json_pack("{s:s, s:s, s:s, s:s, s:b}", "type", "hotel", "name", name,
		                   "address", "2 Example Road", "borough", DEMO_BOROUGHS[0].name,
		                   "confirm_new", 1),
		         h, "adding a hotel");
	/* a phone written down as it was said: not a number, kept and marked */
	if (rc == APP_OK)
		rc = run(g, app_phone_find_or_add, &who,
		         json_pack("{s:s}", "number", "the number on the flyer (demo)"), tel,
		         "adding a phone");
	const char *src = "Hotel staff report (demo)";
	if (rc == APP_OK)
		rc = link(g, &who, man, h, "visited", 90, false, src);
	if (rc == APP_OK)
		rc = link(g, &who, man, tel, "uses", 90, true, "Child's disclosure (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, man, g->kids[a].id, "seen_with", 50, false, src);
	if (rc == APP_OK)
		rc = link(g, &who, man, g->kids[c].id, "seen_with", 35, false, src);
	if (rc == APP_OK)
		rc = link(g, &who, g->kids[a].id, h, "found_at", 49, false,
		          "Safe and well check (demo)");
	if (rc == APP_OK)
		rc = link(g, &who, g->kids[c].id, h, "found_at", 34, false,
		          "Safe and well check (demo)");
	return rc;
}

/* Two friends in category 1, seen together and with no one else. */
static int friends(struct gen *g, struct taken *t, int b)
{
	int a = choose(g, t, b, 1, 1, false, 8), c = choose(g, t, b, 1, 1, false, 8);
	if (a < 0 || c < 0)
		return APP_OK;
	struct actor who = ago(&g->bu[b][U_SUPERVISOR], g, 3);
	return link(g, &who, g->kids[a].id, g->kids[c].id, "seen_with", 70, false,
	            "School report (demo)");
}

int demo_networks(struct gen *g)
{
	struct taken t = {calloc((size_t)g->nkids + 1, sizeof(bool)), g->nkids};
	if (!t.used)
		return demo_fail(g, APP_FAILED, "networks: out of memory");
	int rc = APP_OK;
	for (int b = 0; rc == APP_OK && b < g->nb; b++)
		rc = county_lines(g, &t, b);
	if (rc == APP_OK)
		rc = hotel(g, &t);
	for (int b = 0; rc == APP_OK && b < g->nb; b++)
		rc = friends(g, &t, b);
	free(t.used);
	return rc;
}
