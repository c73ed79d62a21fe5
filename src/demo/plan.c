/*
 * plan.c: planning the demo (demo_internal.h): who each child is (borough, age, care
 * status, names from a community, addresses, risk groups) and the child's story as a
 * list of dated events (referrals, category decisions, reviews, essential steps,
 * classifications, references, notes, corrections, outcomes, repeat referrals), drawn
 * from the content stream.
 */
#include "demo/demo_internal.h"

/* ---- children ---- */

/* A plausible typing slip: two neighbouring letters swapped (ASCII names only). */
static void typo(struct gen *g, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s", name);
	size_t len = strlen(out);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] >= 0x80 || out[i] == '\'' || out[i] == '-' ||
		    out[i] == ' ')
			return;
	if (len < 4)
		return;
	size_t i = 1 + (size_t)pick(g, len - 2);
	char t = out[i];
	out[i] = out[i + 1];
	out[i + 1] = t;
}

/* The next NHS number of the 999 test range with a valid modulus 11 check digit. */
static void nhs_number(int *counter, char out[16])
{
	for (;;) {
		int64_t base = INT64_C(999000000) + (*counter)++ * 7;
		char d[24];
		snprintf(d, sizeof d, "%09lld", (long long)base);
		int sum = 0;
		for (int i = 0; i < 9; i++)
			sum += (d[i] - '0') * (10 - i);
		int check = 11 - sum % 11;
		if (check == 11)
			check = 0;
		if (check == 10)
			continue;
		snprintf(out, 16, "%.3s %.3s %.3s%d", d, d + 3, d + 6, check);
		return;
	}
}

/* A community, drawn by the weights of DEMO_COMMUNITIES. */
static const struct community *pick_community(struct gen *g)
{
	int total = 0;
	for (size_t i = 0; i < ARRAY_LEN(DEMO_COMMUNITIES); i++)
		total += DEMO_COMMUNITIES[i].weight;
	int x = (int)pick(g, (uint64_t)total);
	for (size_t i = 0; i < ARRAY_LEN(DEMO_COMMUNITIES); i++) {
		if (x < DEMO_COMMUNITIES[i].weight)
			return &DEMO_COMMUNITIES[i];
		x -= DEMO_COMMUNITIES[i].weight;
	}
	return &DEMO_COMMUNITIES[0];
}

/* The names drawn for a child. */
struct kid_names {
	const struct community *c;   /* of the given names */
	const struct community *fam; /* of the family name (another, for mixed heritage) */
	const struct nm *given, *family;
};

/* Draws the child's community, gender and names (a middle name for some), and makes
 * the details object with them and the date of birth. */
static json_t *child_identity(struct gen *g, struct lt_date dob, struct kid_names *n)
{
	const struct community *c = n->c = pick_community(g);
	const struct community *fam = c;
	const char *eth = c->ethnicity;
	if (pick(g, 10) == 0) { /* mixed heritage: a given name and a family name from two */
		fam = pick(g, 2) ? &DEMO_COMMUNITIES[COMM_CARIBBEAN]
		                 : &DEMO_COMMUNITIES[COMM_ENGLISH];
		eth = fam == c ? c->ethnicity : "Mixed or multiple ethnic groups";
	}
	n->fam = fam;
	bool female = pick(g, 100) < 58;
	const struct nm *given = n->given =
	        female ? &c->girls[pick(g, c->ng)] : &c->boys[pick(g, c->nb)];
	const struct nm *family = n->family = &fam->family[pick(g, fam->nf)];
	char dob_s[LT_DATE_LEN];
	ltime_format_date(dob, dob_s);
	json_t *ch = json_pack("{s:s, s:s, s:s, s:s, s:s}", "given_names", given->name,
	                       "family_name", family->name, "date_of_birth", dob_s, "gender",
	                       female ? "female" : "male", "ethnicity", eth);
	/* a middle name for some */
	if (pick(g, 5) == 0) {
		const struct nm *mid =
		        female ? &c->girls[pick(g, c->ng)] : &c->boys[pick(g, c->nb)];
		if (mid != given) {
			char both[128];
			snprintf(both, sizeof both, "%s %s", given->name, mid->name);
			json_object_set_new(ch, "given_names", json_string(both));
		}
	}
	return ch;
}

/* Other names for some children, as practitioners meet them: a nickname, another
 * spelling of the given or family name (or a typing slip), a previous family name. */
static void child_other_names(struct gen *g, json_t *ch, const struct kid_names *n)
{
	const struct nm *given = n->given, *family = n->family;
	json_t *other = json_array();
	char buf[160];
	if (given->nick && pick(g, 3) != 0) {
		snprintf(buf, sizeof buf, "%s %s", given->nick, family->name);
		json_array_append_new(other,
		                      json_pack("{s:s, s:s}", "name", buf, "kind", "nickname"));
	}
	if (given->variant && pick(g, 3) == 0) {
		snprintf(buf, sizeof buf, "%s %s", given->variant, family->name);
		json_array_append_new(other,
		                      json_pack("{s:s, s:s}", "name", buf, "kind", "spelling"));
	}
	if (pick(g, 3) == 0) {
		char t[80];
		if (family->variant && pick(g, 2))
			snprintf(t, sizeof t, "%s", family->variant);
		else
			typo(g, family->name, t, sizeof t);
		snprintf(buf, sizeof buf, "%s %s", given->name, t);
		if (strcmp(t, family->name) != 0)
			json_array_append_new(
			        other, json_pack("{s:s, s:s}", "name", buf, "kind", "spelling"));
	}
	if (pick(g, 12) == 0) { /* a previous family name */
		const struct nm *prev = &n->fam->family[pick(g, n->fam->nf)];
		if (prev != family) {
			snprintf(buf, sizeof buf, "%s %s", given->name, prev->name);
			json_array_append_new(
			        other, json_pack("{s:s, s:s}", "name", buf, "kind", "previous"));
		}
	}
	if (json_array_size(other))
		json_object_set(ch, "other_names", other);
	json_decref(other);
}

/* The child's addresses: the current one, and for some a previous one. The date the
 * child moved to the current one into `from`. */
static void child_addresses(struct gen *g, json_t *ch, const struct kid *k, char from[LT_DATE_LEN])
{
	const char *bname = DEMO_BOROUGHS[k->b].name;
	json_t *addrs = json_array();
	char street[200], pc[24];
	snprintf(street, sizeof street, "%d Example Street, %s (demo address)",
	         (int)span(g, 1, 180), bname);
	snprintf(pc, sizeof pc, "XX%d %d%c%c", k->b + 1, (int)pick(g, 10),
	         (char)('A' + pick(g, 26)), (char)('A' + pick(g, 26)));
	struct lt_date moved = ltime_add_days(ltime_date_of(g->ref), -(int)span(g, 800, 2400));
	ltime_format_date(moved, from);
	json_array_append_new(addrs, json_pack("{s:s, s:s, s:s}", "address", street, "postcode", pc,
	                                       "from", from));
	if (pick(g, 4) == 0) {
		char to[LT_DATE_LEN], pfrom[LT_DATE_LEN];
		ltime_format_date(ltime_add_days(moved, -1), to);
		ltime_format_date(ltime_add_days(moved, -(int)span(g, 300, 1500)), pfrom);
		snprintf(street, sizeof street, "Flat %d, 2 Sample Road, %s (demo address)",
		         (int)span(g, 1, 40), bname);
		snprintf(pc, sizeof pc, "XX%d %d%c%c", k->b + 1, (int)pick(g, 10),
		         (char)('A' + pick(g, 26)), (char)('A' + pick(g, 26)));
		json_array_append_new(addrs, json_pack("{s:s, s:s, s:s, s:s}", "address", street,
		                                       "postcode", pc, "from", pfrom, "to", to));
	}
	json_object_set_new(ch, "addresses", addrs);
}

/* The child's care and risk groups: looked after (some placed out of their home
 * borough, R-CAT-6) since `from`, an allocated social worker for some (a Lantern user
 * or a named worker), and up to two other App C groups. */
static void child_care(struct gen *g, json_t *ch, const struct kid *k, const char *from)
{
	const char *bname = DEMO_BOROUGHS[k->b].name;
	char buf[160];
	json_t *groups = json_array();
	if (k->looked_after) {
		const char *home = bname;
		if (k->placed_out)
			home = k->home >= 0 ? DEMO_BOROUGHS[k->home].name : DEMO_OUTSIDE_AUTHORITY;
		json_object_set_new(ch, "looked_after", json_true());
		json_object_set_new(ch, "home_authority", json_string(home));
		json_object_set_new(ch, "host_authority", json_string(bname));
		snprintf(buf, sizeof buf, "Demo Reviewing Officer (%s)", home);
		json_object_set_new(ch, "iro_name", json_string(buf));
		if (k->placed_out) {
			snprintf(buf, sizeof buf, "Demo Exploitation Lead (%s)", bname);
			json_object_set_new(ch, "host_cse_lead", json_string(buf));
		}
		json_array_append_new(
		        groups, json_pack("{s:s, s:s}", "code", "looked_after", "from", from));
	}
	if (pick(g, 10) < (k->looked_after ? 8u : 2u)) {
		const struct community *eng = &DEMO_COMMUNITIES[COMM_ENGLISH];
		if (pick(g, 3) != 0)
			snprintf(buf, sizeof buf, "social.%s", DEMO_BOROUGHS[k->b].slug);
		else /* a family name of the first community */
			snprintf(buf, sizeof buf, "Demo Social Worker %s",
			         eng->family[pick(g, eng->nf)].name);
		json_object_set_new(ch, "social_worker", json_string(buf));
	}
	static const char *const extra[] = {"missing",          "gang_associated",
	                                    "peer_recruitment", "bereavement_trauma",
	                                    "disability",       "low_self_esteem"};
	for (int i = (int)pick(g, 3); i > 0; i--) {
		const char *code = extra[pick(g, ARRAY_LEN(extra))];
		bool dup = false;
		size_t j;
		json_t *v;
		json_array_foreach(groups, j, v) dup |=
		        strcmp(json_string_value(json_object_get(v, "code")), code) == 0;
		if (!dup)
			json_array_append_new(groups, json_pack("{s:s}", "code", code));
	}
	if (json_array_size(groups))
		json_object_set(ch, "risk_groups", groups);
	json_decref(groups);
}

/* Builds a child's details (the "child" object of the first referral). */
static json_t *child_details(struct gen *g, struct kid *k, struct lt_date dob, int *nhs_counter)
{
	struct kid_names n;
	json_t *ch = child_identity(g, dob, &n);
	child_other_names(g, ch, &n);
	const char *bname = DEMO_BOROUGHS[k->b].name;
	char buf[160], from[LT_DATE_LEN];
	snprintf(buf, sizeof buf, "%s Demo Academy", bname);
	json_object_set_new(ch, "school", json_string(buf));
	json_object_set_new(ch, "residence_borough", json_string(bname));
	if (pick(g, 10) < 6) {
		char nhs[16];
		nhs_number(nhs_counter, nhs);
		json_object_set_new(ch, "nhs_number", json_string(nhs));
	}
	child_addresses(g, ch, k, from);
	child_care(g, ch, k, from);
	return ch;
}

/* ---- planning ---- */

int demo_push(struct gen *g, struct ev e)
{
	if (g->nev == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		struct ev *n = realloc(g->evs, cap * sizeof *n);
		if (!n)
			return -1;
		g->evs = n;
		g->cap = cap;
	}
	int64_t latest = g->ref - HOUR;
	if (e.at > latest)
		e.at = latest;
	e.seq = g->seq++;
	g->evs[g->nev++] = e;
	return 0;
}

/* Referring agency: police refer about a third of children. */
static int pick_agency(struct gen *g)
{
	static const int w[A_COUNT] = {35, 10, 15, 20, 10, 10};
	int x = (int)pick(g, 100);
	for (int a = 0; a < A_COUNT; a++) {
		if (x < w[a])
			return a;
		x -= w[a];
	}
	return A_POLICE;
}

/* A category (1 to 3); *online for some category 2 decisions. */
static int pick_category(struct gen *g, bool *online)
{
	int x = (int)pick(g, 100);
	int cat = x < 45 ? 1 : x < 80 ? 2 : 3;
	*online = cat == 2 && pick(g, 10) < 4;
	return cat;
}

/* A referral of child i at `at`: the referring agency, its signs (the first referral
 * of a child has none about one time in eight) and, for a police referral with signs,
 * the initial category most of the time (R-PATH-4). */
static struct ev referral_event(struct gen *g, int i, int64_t at, bool first)
{
	struct ev e = {.kid = i, .kind = EV_REFERRAL, .at = at};
	e.agency = pick_agency(g);
	if (first)
		e.nsigns = pick(g, 100) < 88 ? 1 + (int)pick(g, 4) : 0;
	else
		e.nsigns = 1 + (int)pick(g, 3);
	if (e.nsigns > 0 && e.agency == A_POLICE && pick(g, 100) < 85)
		e.cat = pick_category(g, &e.online);
	return e;
}

/* A category decision on child i's record at `at`, by `by` (enum cat_by). */
static struct ev category_event(struct gen *g, int i, int by, int64_t at)
{
	struct ev e = {.kid = i, .kind = EV_CATEGORY, .by = by, .at = at};
	e.cat = pick_category(g, &e.online);
	return e;
}

/* The decisions after a referral at tr: for a police record the supervisor review
 * (most) and a supervisor's category (some); otherwise a category by the MASH or the
 * assessment team (most); and for some a later review by the assessment team. */
static int plan_decisions(struct gen *g, int i, int64_t tr, bool police)
{
	int rc = 0;
	if (police) {
		if (pick(g, 100) < 70)
			rc |= demo_push(g, (struct ev){.kid = i,
			                               .kind = EV_REVIEW,
			                               .at = tr + span(g, 1, 5) * DAY +
			                                     span(g, 0, 8) * HOUR});
		if (pick(g, 100) < 10)
			rc |= demo_push(
			        g, category_event(g, i, BY_SUPERVISOR, tr + span(g, 2, 8) * DAY));
	} else {
		int x = (int)pick(g, 100);
		if (x < 80) {
			int64_t at = tr + span(g, 1, 10) * DAY + span(g, 0, 8) * HOUR;
			rc |= demo_push(g, category_event(g, i, x < 50 ? BY_MASH : BY_ASSESS, at));
		}
	}
	if (pick(g, 100) < 15) /* the assessment team reviews the category later */
		rc |= demo_push(g, category_event(g, i, BY_ASSESS, tr + span(g, 12, 40) * DAY));
	return rc;
}

/* The work on the record after a referral at tr, each for some children: essential
 * steps, classification, a reference, a note (corrected for some), an outcome. */
static int plan_record_work(struct gen *g, int i, int64_t tr)
{
	int rc = 0;
	if (pick(g, 100) < 65)
		rc |= demo_push(
		        g, (struct ev){.kid = i,
		                       .kind = EV_STEPS,
		                       .by = pick(g, 2) == 0,
		                       .at = tr + span(g, 1, 10) * DAY + span(g, 1, 8) * HOUR});
	if (pick(g, 100) < 55)
		rc |= demo_push(g, (struct ev){.kid = i,
		                               .kind = EV_CLASSIFY,
		                               .at = tr + span(g, 1, 20) * DAY});
	if (pick(g, 100) < 45)
		rc |= demo_push(
		        g,
		        (struct ev){.kid = i, .kind = EV_EXTREF, .at = tr + span(g, 2, 30) * DAY});
	if (pick(g, 100) < 50) {
		int64_t at = tr + span(g, 3, 60) * DAY + span(g, 0, 10) * HOUR;
		rc |= demo_push(g, (struct ev){.kid = i, .kind = EV_NOTE, .at = at});
		if (pick(g, 100) < 30)
			rc |= demo_push(g, (struct ev){.kid = i,
			                               .kind = EV_CORRECT,
			                               .at = at + span(g, 1, 72) * HOUR});
	}
	if (pick(g, 100) < 20)
		rc |= demo_push(g, (struct ev){.kid = i,
		                               .kind = EV_OUTCOME,
		                               .at = tr + span(g, 30, 150) * DAY});
	return rc;
}

/* Plans one child's story from its first referral at t0: a referral (signs appear
 * later for some referred without), the decisions and work on the record, and repeat
 * referrals, more often for children in care. 0, or nonzero when out of memory. */
static int plan_child(struct gen *g, int i, int64_t t0)
{
	struct kid *k = &g->kids[i];
	struct ev e = referral_event(g, i, t0, true);
	int64_t tr = t0;
	bool record = e.nsigns > 0, police = record && e.agency == A_POLICE;
	int rc = demo_push(g, e);
	if (!record && pick(g, 100) < 40) { /* later signs appear */
		tr = t0 + span(g, 20, 90) * DAY;
		e = referral_event(g, i, tr, false);
		police = e.agency == A_POLICE;
		rc |= demo_push(g, e);
		record = true;
	}
	if (!record) {
		k->no_record = true;
		return rc;
	}
	rc |= plan_decisions(g, i, tr, police);
	rc |= plan_record_work(g, i, tr);
	if (pick(g, 100) < (k->looked_after ? 45u : 18u)) /* repeat referrals */
		rc |= demo_push(g, referral_event(g, i, tr + span(g, 14, 170) * DAY, false));
	return rc;
}

/* Plans every child: borough, date of birth, care status, details and story. */
int demo_plan(struct gen *g, int nkids)
{
	static const int age_w[8] = {3, 5, 8, 12, 16, 20, 20, 16}; /* ages 10..17 */
	int nhs_counter = (int)pick(g, 1000);
	struct lt_date refd = ltime_date_of(g->ref);
	int64_t ref_days = ltime_days(refd);
	for (int i = 0; i < nkids; i++) {
		struct kid *k = &g->kids[i];
		memset(k, 0, sizeof *k);
		k->b = (int)pick(g, (uint64_t)g->nb);
		k->police_b = -1;
		k->home = -1;
		k->looked_after = pick(g, 100) < 25;
		k->placed_out = k->looked_after && pick(g, 2) == 0;
		if (k->placed_out && g->nb > 1 && pick(g, 3) != 0)
			k->home = (k->b + 1 + (int)pick(g, (uint64_t)g->nb - 1)) % g->nb;
		int x = (int)pick(g, 100), age = 10;
		for (int a = 0; a < 8; a++, age++) {
			if (x < age_w[a])
				break;
			x -= age_w[a];
		}
		if (age > 17)
			age = 17;
		/* age at the reference date; at least two weeks past the birthday */
		struct lt_date dob = refd;
		dob.y -= age;
		if (dob.m == 2 && dob.d == 29)
			dob.d = 28;
		dob = ltime_add_days(dob, -(int)span(g, 14, 350));
		/* the first referral: within two years, at age 10 or over, a week before the end */
		struct lt_date tenth = dob;
		tenth.y += 10;
		if (tenth.m == 2 && tenth.d == 29)
			tenth.d = 28;
		int64_t lo = ref_days - 730, hi = ref_days - 7;
		if (ltime_days(tenth) + 1 > lo)
			lo = ltime_days(tenth) + 1;
		if (lo > hi)
			lo = hi;
		int64_t t0 = (int64_t)span(g, lo, hi) * DAY + span(g, 8 * 3600, 21 * 3600);
		k->t0 = t0;
		k->age = age;
		k->details = child_details(g, k, dob, &nhs_counter);
		if (!k->details || plan_child(g, i, t0) != 0)
			return app_fail(g->err, APP_FAILED, NULL, "demo: out of memory");
	}
	return APP_OK;
}
